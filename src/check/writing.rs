//! Warnings about an entry's words: what a careful editor at a practice
//! would flag before a post goes out.

use super::findings::Findings;
use super::fold::{Folded, fold};
use super::{headings, leftovers, locate, phones, safe};
use crate::config::Config;
use crate::content::Kind;
use crate::diag::Diagnostic;
use crate::site::Entry;

/// Search engines and link previews show about this many characters.
const DESCRIPTION_MAX: usize = 160;

/// Link text that says nothing out of context; screen-reader users often
/// move from link to link and hear only this (WCAG 2.4.4, "Link Purpose").
const VAGUE: [&str; 9] = [
    "click here",
    "here",
    "read more",
    "more",
    "this link",
    "link",
    "this",
    "this page",
    "learn more",
];

pub fn check(entry: &Entry, config: &Config, found: &mut Findings) {
    let folded = fold(&entry.doc.body);
    if entry.doc.kind != Kind::Home {
        description(entry, found);
        grade(entry, config.check.reading_grade, found);
    }
    if entry.doc.kind == Kind::Post {
        consultation(entry, &folded, &config.consultation.text, found);
    }
    link_text(entry, found);
    headings::numbering(entry, found);
    phones::check(entry, config, found);
    safe::check(entry, &folded, &config.check, found);
    leftovers::check(entry, found);
}

fn description(entry: &Entry, found: &mut Findings) {
    let text = entry.doc.front.description.as_deref().unwrap_or("").trim();
    let chars = text.chars().count();
    if text.is_empty() {
        found.push(
            Diagnostic::warning("description", "there is no description")
                .at(entry.doc.key_location("title"))
                .hint(
                    "add `description: \"...\"` to the front matter: one or two sentences, \
                     at most 160 characters, shown in search results and link previews",
                ),
        );
    } else if chars > DESCRIPTION_MAX {
        found.push(
            Diagnostic::warning(
                "description",
                format!("the description is {chars} characters long"),
            )
            .at(entry.doc.key_location("description"))
            .hint("keep it to 160 characters, or search results will cut it off"),
        );
    }
}

fn link_text(entry: &Entry, found: &mut Findings) {
    for link in &entry.rendered.refs.links {
        let text = link
            .text
            .trim_end_matches(['.', '!', '…', ':'])
            .trim()
            .to_lowercase();
        if VAGUE.contains(&text.as_str()) {
            found.push(
                Diagnostic::warning(
                    "link-text",
                    format!(
                        "the link text \"{}\" does not say where it leads",
                        link.text
                    ),
                )
                .at(locate::span(entry, link.span.clone()))
                .hint(
                    "name the destination, e.g. [book a free consultation](/contact/) \
                     instead of [click here](/contact/)",
                ),
            );
        }
    }
}

/// A sentence of nine words or more (too long to be a stock phrase) from
/// the consultation text, copied into a post, where the `cta` component
/// would stay in step with site.yaml.
fn consultation(entry: &Entry, body: &Folded, text: &str, found: &mut Findings) {
    let sentences = text
        .split_inclusive(['.', '!', '?'])
        .map(str::trim)
        .filter(|s| s.split_whitespace().count() >= 9);
    for sentence in sentences {
        if let Some(span) = body.find(sentence).into_iter().next() {
            found.push(
                Diagnostic::warning(
                    "consultation-text",
                    "this repeats the consultation text from site.yaml by hand",
                )
                .at(locate::span(entry, span))
                .hint(
                    "write {{< cta >}} instead: it shows the consultation box and \
                     follows site.yaml when the wording changes",
                ),
            );
            return;
        }
    }
}

fn grade(entry: &Entry, limit: f64, found: &mut Findings) {
    if limit <= 0.0 {
        return;
    }
    let Some(score) = entry.rendered.refs.grade else {
        return;
    };
    if score.grade > limit {
        found.push(
            Diagnostic::warning(
                "reading-grade",
                format!(
                    "this reads at grade {:.1} (Flesch–Kincaid, {} words); the aim is {limit} or below",
                    score.grade, score.words
                ),
            )
            .at(entry.doc.key_location("title"))
            .hint(
                "shorter sentences and everyday words bring it down; \
                 check: { reading_grade: N } in site.yaml sets the limit (0 turns it off)",
            ),
        );
    }
}
