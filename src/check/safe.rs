//! Wording that safe-messaging guidance on suicide advises against. The
//! built-in list is kept short and follows two sources:
//! - "Recommendations for Reporting on Suicide" (reportingonsuicide.org,
//!   by AFSP, SAVE and others): say "died by suicide", not "committed
//!   suicide"; do not call an attempt "successful", "unsuccessful" or
//!   "failed"; avoid "epidemic".
//! - WHO, "Preventing suicide: a resource for media professionals"
//!   (2017, updated 2023): avoid language that sensationalises suicide or
//!   frames it as a crime ("commit").
//!
//! `check: { safe_messaging: false }` turns it off; `check: { phrases: [...] }`
//! adds a practice's own.

use super::findings::Findings;
use super::fold::Folded;
use super::locate;
use crate::config::CheckSettings;
use crate::diag::Diagnostic;
use crate::site::Entry;

/// (avoid, prefer)
const BUILT_IN: [(&str, &str); 9] = [
    ("committed suicide", "died by suicide"),
    ("commit suicide", "die by suicide"),
    ("commits suicide", "dies by suicide"),
    ("committing suicide", "dying by suicide"),
    ("successful suicide", "death by suicide"),
    ("completed suicide", "death by suicide"),
    ("failed suicide attempt", "suicide attempt"),
    ("unsuccessful suicide attempt", "suicide attempt"),
    ("suicide epidemic", "rising rates of suicide"),
];

pub fn check(entry: &Entry, text: &Folded, settings: &CheckSettings, found: &mut Findings) {
    if !settings.safe_messaging {
        return;
    }
    let built_in = BUILT_IN
        .into_iter()
        .map(|(avoid, prefer)| (avoid, prefer, "Recommendations for Reporting on Suicide"));
    let own = settings.phrases.iter().map(|p| {
        (
            p.avoid.as_str(),
            p.prefer.as_str(),
            "check: phrases in site.yaml",
        )
    });
    for (avoid, prefer, source) in built_in.chain(own) {
        for span in text.find(avoid) {
            found.push(
                Diagnostic::warning(
                    "safe-messaging",
                    format!("\"{avoid}\" goes against safe-messaging guidance"),
                )
                .at(locate::span(entry, span))
                .hint(format!(
                    "write \"{prefer}\" instead ({source}); \
                     check: {{ safe_messaging: false }} in site.yaml turns this off"
                )),
            );
        }
    }
}
