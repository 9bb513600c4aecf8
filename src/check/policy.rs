//! The raw-HTML policy. Raw HTML stays allowed (practices embed booking
//! widgets, maps and videos), but what would run code in a reader's
//! browser is an error wherever it was written: a `javascript:`,
//! `vbscript:` or `data:` URL (an image's `data:image/…` aside), an inline
//! event handler (`on…=`), and a `<script>` other than JSON-LD. Each is a
//! rule of its own, so a site that truly needs one can lower it under
//! `check: rules:` in site.yaml.
//!
//! The scanner hands over attribute values with their entities decoded;
//! `config::urls::runs_code` reads the URL as a browser reads it.

use std::collections::HashSet;

use super::findings::Findings;
use super::html::{self, Tag, Token};
use super::locate::Sources;
use super::scan::{Page, Scans};
use crate::config::urls;
use crate::diag::Diagnostic;

/// Something on a page that breaks the policy, and the texts to look for
/// in the author's files to say where it was written.
pub struct Risk {
    pub finding: Diagnostic,
    pub needles: Vec<String>,
}

/// Attributes whose value a browser loads, follows or submits to.
const URL_ATTRS: [&str; 17] = [
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "xlink:href",
    "background",
    "cite",
    "ping",
    "manifest",
    "codebase",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "icon",
    "archive",
];

/// `srcdoc` holds a page of its own; a page inside it that holds another
/// is read this deep, and anything deeper is refused outright.
const SRCDOC_DEPTH: usize = 3;

/// What in `tag` breaks the policy, added to `risks`.
pub fn tag(tag: &Tag<'_, '_>, risks: &mut Vec<Risk>) {
    tag_at(tag, risks, 0);
}

fn tag_at(tag: &Tag<'_, '_>, risks: &mut Vec<Risk>, depth: usize) {
    if tag.name == "script" && !json_ld(tag) {
        risks.push(script());
    }
    for (name, value) in tag.attrs {
        let name = name.as_ref();
        if name.len() > 2 && name.starts_with("on") {
            risks.push(handler(name, value));
        } else if name == "srcset" {
            for url in value.split(',').filter_map(|c| c.split_whitespace().next()) {
                url_risk(tag, name, url, risks);
            }
        } else if animates(tag, name) {
            // SVG can animate an `href` into `javascript:…`.
            for url in value.split(';') {
                url_risk(tag, name, url, risks);
            }
        } else if URL_ATTRS.contains(&name) || (name == "content" && social_image(tag)) {
            url_risk(tag, name, value, risks);
        } else if let Some(url) = refresh_url(tag, name, value) {
            url_risk(tag, name, url, risks);
        } else if name == "srcdoc" {
            srcdoc(value, risks, depth + 1);
        }
    }
}

/// The values an SVG `<set>` or `<animate>` gives an attribute.
fn animates(tag: &Tag<'_, '_>, attr: &str) -> bool {
    matches!(tag.name.as_ref(), "set" | "animate") && matches!(attr, "to" | "from" | "values")
}

/// `<meta property="og:image">` and the like: shared pages show it.
fn social_image(tag: &Tag<'_, '_>) -> bool {
    let kind = tag.attr("property").or_else(|| tag.attr("name"));
    tag.name == "meta" && kind.is_some_and(|k| k.ends_with(":image"))
}

/// The URL of `<meta http-equiv="refresh" content="0; url=…">`, which the
/// browser opens by itself.
fn refresh_url<'v>(tag: &Tag<'_, '_>, attr: &str, value: &'v str) -> Option<&'v str> {
    let refresh = tag
        .attr("http-equiv")
        .is_some_and(|h| h.trim().eq_ignore_ascii_case("refresh"));
    if tag.name != "meta" || attr != "content" || !refresh {
        return None;
    }
    let after = value.split_once([';', ','])?.1.trim_start();
    let url = after.get(..3).filter(|u| u.eq_ignore_ascii_case("url"))?;
    let rest = after[url.len()..].trim_start().strip_prefix('=')?;
    Some(rest.trim().trim_matches(['"', '\'']))
}

fn json_ld(tag: &Tag<'_, '_>) -> bool {
    tag.attr("type")
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        && tag.attr("src").is_none()
}

fn srcdoc(value: &str, risks: &mut Vec<Risk>, depth: usize) {
    if depth > SRCDOC_DEPTH {
        risks.push(script());
        return;
    }
    html::each_token(value, |token| {
        if let Token::Start(inner) = token {
            tag_at(&inner, risks, depth);
        }
    });
}

fn url_risk(tag: &Tag<'_, '_>, attr: &str, value: &str, risks: &mut Vec<Risk>) {
    let image =
        matches!(tag.name.as_ref(), "img" | "source") && (attr == "src" || attr == "srcset");
    let Some(scheme) = urls::runs_code(value, image) else {
        return;
    };
    let finding = Diagnostic::error(
        "unsafe-url",
        format!("this `{attr}` is a {scheme}: URL, which can run code in the reader's browser"),
    )
    .hint(
        "link to a page or file instead (an image may be a data:image/… URL); if the site truly \
         needs it, set check: { rules: { unsafe-url: warning } } in site.yaml",
    );
    // As written, else the part after the scheme (`jav&#9;ascript:` is
    // not written as the browser reads it).
    let rest = value.split_once(':').map_or("", |(_, r)| r);
    let rest = &rest[..rest.floor_char_boundary(40)];
    let needles = [value.trim(), rest.trim()];
    risks.push(Risk {
        finding,
        needles: needles
            .iter()
            .filter(|n| n.len() > 3)
            .map(|n| n.to_string())
            .collect(),
    });
}

fn handler(name: &str, value: &str) -> Risk {
    let finding = Diagnostic::error(
        "event-handler",
        format!("`{name}` runs code in the reader's browser"),
    )
    .hint(
        "remove the attribute (the site's Content-Security-Policy blocks it anyway); if the site \
         truly needs it, set check: { rules: { event-handler: warning } } in site.yaml",
    );
    let needles = [value.trim().to_string(), format!("{name}=")];
    Risk {
        finding,
        needles: needles.into_iter().filter(|n| !n.is_empty()).collect(),
    }
}

fn script() -> Risk {
    let finding = Diagnostic::error(
        "script",
        "a <script> runs code in every reader's browser and can read what they type",
    )
    .hint(
        "embed the service as a link or an iframe; only <script type=\"application/ld+json\"> \
         is allowed; if the site truly needs it, set check: { rules: { script: warning } } \
         in site.yaml",
    );
    let needles = ["<script", "<SCRIPT", "<Script", "srcdoc"];
    Risk {
        finding,
        needles: needles.into_iter().map(str::to_string).collect(),
    }
}

/// Each page's risks, at the line that wrote them; one no line can be found
/// for is put on the page's own Markdown file, else on the page.
/// One finding per rule and place: a front matter `image` is both the
/// page's picture and its `og:image`.
pub fn check(out: &Scans<'_>, sources: &Sources, found: &mut Findings) {
    let mut seen = HashSet::new();
    for page in &out.pages {
        for risk in &page.risks {
            let d = locate(page, sources, risk);
            let at = d
                .location
                .as_ref()
                .map(|l| (l.path.clone(), l.line, l.column));
            if at.is_none() || seen.insert((d.rule, at)) {
                found.push(d);
            }
        }
    }
}

fn locate(page: &Page<'_>, sources: &Sources, risk: &Risk) -> Diagnostic {
    let d = risk.finding.clone();
    let at = risk
        .needles
        .iter()
        .find_map(|n| sources.find(&page.entries, n));
    match (at, page.entries.first()) {
        (Some(at), _) => d.at(at),
        (None, Some(entry)) => d.in_file(&entry.doc.path),
        (None, None) => Diagnostic {
            message: format!("{} (on {})", d.message, page.url),
            ..d
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(html: &str) -> Vec<&'static str> {
        let mut risks = Vec::new();
        html::each_token(html, |t| {
            if let Token::Start(t) = t {
                tag(&t, &mut risks);
            }
        });
        risks.iter().map(|r| r.finding.rule).collect()
    }

    #[test]
    fn urls_are_read_as_a_browser_reads_them() {
        for bad in [
            "<a href=\"JaVaScRiPt:alert(1)\">",
            "<a href=\" \x01javascript:x\">",
            "<a href=\"jav&#x09;ascript:x\">",
            "<a href=\"jav&#9ascript&colon;x\">",
            "<form action=\"vbscript:x\">",
            "<button formaction=\"data:text/html,x\">",
            "<img srcset=\"/a.png 1x, javascript:x 2x\">",
            "<iframe src=\"data:image/svg+xml,x\">",
            "<iframe srcdoc=\"<a href='javascript:x'>\">",
            "<svg><a><set attributeName=\"href\" to=\"javascript:x\"/></a></svg>",
            "<animate attributeName=\"href\" values=\"/a;javascript:x\">",
            "<meta http-equiv=\"Refresh\" content=\"0; URL = 'javascript:x'\">",
        ] {
            assert_eq!(rules(bad), ["unsafe-url"], "{bad}");
        }
        for good in [
            "<a href=\"/javascript:x\">",
            "<a href=\"https://example.com/?q=javascript:x\">",
            "<img src=\"data:image/png;base64,AAAA\">",
            "<a href=\"mailto:a@b.example\">",
            "<meta http-equiv=\"refresh\" content=\"0; url=/blog/\">",
        ] {
            assert_eq!(rules(good), Vec::<&str>::new(), "{good}");
        }
    }

    #[test]
    fn handlers_and_scripts() {
        assert_eq!(rules("<img src=x OnError=\"alert(1)\">"), ["event-handler"]);
        assert_eq!(rules("<script>x()</script>"), ["script"]);
        assert_eq!(rules("<script src=\"/a.js\"></script>"), ["script"]);
        assert!(rules("<script type=\"application/ld+json\">{}</script>").is_empty());
    }
}
