//! The outline of a page, which screen-reader users navigate by: one `h1`,
//! no skipped levels, and hand-numbered sections that count properly.

use super::findings::Findings;
use super::locate::{self, Sources};
use super::scan::{Heading, Page, Scans};
use crate::diag::{Diagnostic, Location};
use crate::site::Entry;

/// Heading levels on each rendered page, where the theme's headings and
/// the author's meet.
pub fn check(out: &Scans<'_>, sources: &Sources, found: &mut Findings) {
    for page in &out.pages {
        check_page(page, sources, found);
    }
}

pub fn check_page(page: &Page<'_>, sources: &Sources, found: &mut Findings) {
    let mut prev: Option<u8> = None;
    let mut h1s = 0;
    for h in &page.headings {
        if h.level == 1 {
            h1s += 1;
            if h1s > 1 {
                let d = Diagnostic::error(
                    "multiple-h1",
                    "a page has one main heading; this is a second one",
                )
                .hint("the title is the page's heading already: start sections at ## (h2)");
                found.on_page(page, place(page, h, sources), d);
            }
        }
        if let Some(p) = prev
            && h.level > p + 1
        {
            let d = Diagnostic::error(
                "heading-skip",
                format!("an h{} follows an h{p}, skipping a level", h.level),
            )
            .hint(format!(
                "make it an h{} ({} in Markdown), or add the level between",
                p + 1,
                "#".repeat(usize::from(p) + 1)
            ));
            found.on_page(page, place(page, h, sources), d);
        }
        prev = Some(h.level);
    }
}

/// The Markdown heading with the same level and words, else wherever its
/// words are written.
fn place(page: &Page<'_>, h: &Heading, sources: &Sources) -> Option<Location> {
    page.entries
        .iter()
        .find_map(|e| {
            let r = e
                .rendered
                .refs
                .headings
                .iter()
                .find(|r| r.level == h.level && r.text == h.text)?;
            Some(locate::span(e, r.span.clone()))
        })
        .or_else(|| sources.find(&page.entries, &h.text))
}

/// Sections numbered by hand ("## 1. …", "## 2. …") that skip or repeat a
/// number; a heading one level up starts the count again.
pub fn numbering(entry: &Entry, found: &mut Findings) {
    let mut last: [Option<u32>; 7] = [None; 7];
    for h in &entry.rendered.refs.headings {
        let level = usize::from(h.level).min(6);
        last[level + 1..].fill(None);
        let Some(n) = leading_number(&h.text) else {
            continue;
        };
        let problem = match last[level] {
            Some(p) if n == p => Some(format!("section {n} is numbered twice")),
            Some(p) if n != p + 1 => Some(format!("section {n} follows section {p}")),
            None if n != 1 => Some(format!("the numbered sections start at {n}")),
            _ => None,
        };
        if let Some(message) = problem {
            found.push(
                Diagnostic::warning("numbering", message)
                    .at(locate::span(entry, h.span.clone()))
                    .hint("number the sections in order: 1., 2., 3., …"),
            );
        }
        last[level] = Some(n);
    }
}

/// `3` for "3. Breathe" or "3) Breathe"; not for "2024 in review" or "1.5".
fn leading_number(text: &str) -> Option<u32> {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &text[digits..];
    let after = rest.strip_prefix(['.', ')'])?;
    if digits == 0 || digits > 3 || !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    text[..digits].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_numbers() {
        assert_eq!(leading_number("3. Breathe"), Some(3));
        assert_eq!(leading_number("12) Rest"), Some(12));
        assert_eq!(leading_number("2024 in review"), None);
        assert_eq!(leading_number("1.5 million"), None);
        assert_eq!(leading_number("Why 1. matters"), None);
    }
}
