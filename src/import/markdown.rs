//! Last touches on converted Markdown: headings that never skip a level
//! (the title is the page's h1), the "more" mark, and text that trellis
//! would read as a component tag.

/// Returns the Markdown and whether any heading level changed.
pub fn tidy(md: &str) -> (String, bool) {
    let mut out = String::with_capacity(md.len() + 16);
    let mut fence: Option<&str> = None;
    let mut prev = 1usize;
    let mut changed = false;
    for line in md.lines() {
        let t = line.trim_start();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            push(&mut out, line);
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
            push(&mut out, line);
            continue;
        }
        if line == "TRELLISMORE" {
            push(&mut out, "<!-- more -->");
            continue;
        }
        match heading(line) {
            Some((level, text)) => {
                let want = level.clamp(2, prev + 1);
                changed |= want != level;
                prev = want;
                push(&mut out, &format!("{} {text}", "#".repeat(want)));
            }
            // A lone `#` was text in the HTML; alone on a line it would
            // be an empty heading.
            None if !line.is_empty() && line.trim_end().bytes().all(|b| b == b'#') => {
                push(&mut out, &format!("\\{line}"));
            }
            None => push(&mut out, &escape_tags(line)),
        }
    }
    (out, changed)
}

/// `{{<` and `{{%` written for another generator, escaped so trellis
/// reads them as text; the `figure` tags the importer wrote stay tags.
fn escape_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find("{{") {
        let after = &rest[i + 2..];
        out.push_str(&rest[..i + 2]);
        let ours = after.starts_with("< figure ");
        if !ours && (after.starts_with('<') || after.starts_with('%')) {
            out.push('\\');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

fn push(out: &mut String, line: &str) {
    out.push_str(line);
    out.push('\n');
}

/// `## Text` → (2, "Text").
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.bytes().take_while(|b| *b == b'#').count();
    let text = line[level..].strip_prefix(' ')?;
    (1..=6).contains(&level).then_some((level, text.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_start_at_two_and_never_skip() {
        let (md, changed) = tidy("# A\n#### B\n```\n# code\n```\n### C\nTRELLISMORE\n{{< x >}}\n");
        assert_eq!(
            md,
            "## A\n### B\n```\n# code\n```\n### C\n<!-- more -->\n{{\\< x >}}\n"
        );
        assert!(changed);
        assert!(!tidy("## A\n### B\n## C\n").1);
    }
}
