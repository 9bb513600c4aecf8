//! All reads of files an author wrote go through [`read_source`]: it names
//! the path in every failure and hands back clean text (no BOM, LF endings),
//! so no later stage has to think about encodings. Temporary files and
//! folders are named here too ([`temp_sibling`]).

mod walk;

use std::path::{Path, PathBuf};

pub use walk::{Walk, walk};

use crate::diag::{Diagnostic, Location, Result};

/// Reads a UTF-8 text file. `shown` is the path as the author knows it
/// (relative to the site root) and is what messages print.
pub fn read_source(path: &Path, shown: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error("io", format!("could not read {}: {e}", shown.display())).in_file(shown)
    })?;
    decode(bytes, shown)
}

/// The pure half of [`read_source`], so tests need no files.
pub fn decode(bytes: Vec<u8>, shown: &Path) -> Result<String> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return Err(not_utf8(e, shown).into()),
    };
    Ok(normalise(text))
}

fn not_utf8(e: std::string::FromUtf8Error, shown: &Path) -> Diagnostic {
    let bytes = e.as_bytes();
    let bad = e.utf8_error().valid_up_to();
    let lossy = String::from_utf8_lossy(bytes);
    // The lossy text has one replacement char per bad sequence, so the
    // offset of the first one is where the valid prefix ends.
    let offset = String::from_utf8_lossy(&bytes[..bad]).len();
    Diagnostic::error("encoding", "this file is not valid UTF-8 text")
        .at(Location::in_text(shown, &lossy, 1, offset, 1))
        .hint("save the file with the UTF-8 encoding (in most editors: File → Save with Encoding → UTF-8)")
}

fn normalise(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n");
    }
    text
}

/// Whether `text` may hold a character XML 1.0 forbids ([`is_control`]):
/// one in a title makes the feeds unreadable. Most files have none, and
/// this is a branch-free pass over 64 bytes at a time, which the compiler
/// vectorises. `0xEF` starts U+FFFE and U+FFFF, and also common letters
/// (full-width forms), so it only sends the text to the exact look.
pub fn has_controls(text: &str) -> bool {
    let maybe = text.as_bytes().chunks(64).any(|chunk| {
        chunk.iter().fold(false, |found, &b| {
            found | (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) | (b == 0xEF)
        })
    });
    maybe && text.contains(is_control)
}

/// A character no page or feed may carry: C0 but tab, LF and CR (the BOM
/// and CRLF are dealt with on reading), and the noncharacters U+FFFE and
/// U+FFFF, which XML 1.0 forbids too.
pub fn is_control(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// Removes C0 control characters ([`has_controls`]) from a file's text, and
/// warns once for each line that held any, at the first one.
pub fn strip_controls(text: &mut String, shown: &Path) -> Vec<Diagnostic> {
    if !has_controls(text) {
        return Vec::new();
    }
    let mut warnings = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if let Some(at) = line.find(is_control) {
            let shown_line: String = line.trim_end_matches('\n').chars().map(picture).collect();
            let mut loc = Location::in_text(shown, text, 1, line_start + at, 1);
            loc.line_text = shown_line;
            warnings.push(control_warning(line[at..].chars().next()).at(loc));
        }
        line_start += line.len();
    }
    text.retain(|c| !is_control(c));
    warnings
}

/// The warning for a control character `c` that was removed.
pub fn control_warning(c: Option<char>) -> Diagnostic {
    let code = c.map_or(0, u32::from);
    Diagnostic::warning(
        "control-character",
        format!("an invisible control character (U+{code:04X}) is removed from the output"),
    )
    .hint(
        "it usually comes from pasting out of another program; delete it \
         (feeds and pages may not contain it, so trellis leaves it out)",
    )
}

/// A control character as the Unicode sign that shows it (U+2400 + code),
/// so the offending line can be printed; a noncharacter as U+FFFD.
fn picture(c: char) -> char {
    match c {
        c if c < ' ' && is_control(c) => {
            char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}')
        }
        c if is_control(c) => '\u{fffd}',
        c => c,
    }
}

/// A hidden sibling of `target` for this process's temporary use, on the
/// same file system so a rename can swap it in: `.public.staging-1234`
/// beside `public`.
pub fn temp_sibling(target: &Path, purpose: &str) -> PathBuf {
    let name = target
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned());
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!(".{name}.{purpose}-{}", std::process::id()))
}

/// Temporary siblings of `target` ([`temp_sibling`]) whose process is
/// gone: what a build that was killed left behind.
pub fn stale_temp_siblings(target: &Path) -> Vec<PathBuf> {
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let prefix = format!(".{name}.");
    let parent = target.parent().unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let pid = file
                .strip_prefix(&prefix)
                .and_then(|rest| rest.rsplit_once('-'))
                .and_then(|(_, pid)| pid.parse::<u32>().ok());
            pid.is_some_and(|pid| pid != std::process::id() && !alive(pid))
        })
        .map(|e| e.path())
        .collect()
}

/// Whether a process is running. Where that cannot be known (no `/proc`),
/// it is taken to be, so nothing of a running build is removed.
fn alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_siblings_are_hidden_beside_the_target() {
        let dir = temp_sibling(Path::new("site/public"), "staging");
        let expected = format!("site/.public.staging-{}", std::process::id());
        assert_eq!(dir, Path::new(&expected));
        let bare = temp_sibling(Path::new("out"), "x");
        assert_eq!(bare.parent(), Some(Path::new(".")));
    }

    #[test]
    fn strips_bom_and_crlf() {
        let text = decode(b"\xEF\xBB\xBFa\r\nb\r\n".to_vec(), Path::new("x")).ok();
        assert_eq!(text.as_deref(), Some("a\nb\n"));
    }

    #[test]
    fn control_characters_are_found_located_and_removed() {
        let mut text = "ok\n\tA \u{1} B\u{1f}\nx\u{0}\u{ffff}".to_string();
        assert!(has_controls(&text));
        let found = strip_controls(&mut text, Path::new("p.md"));
        let at: Vec<_> = found
            .iter()
            .filter_map(|d| d.location.as_ref())
            .map(|l| (l.line, l.column, l.line_text.as_str()))
            .collect();
        assert_eq!(
            at,
            [
                (2, 4, "\tA \u{2401} B\u{241f}"),
                (3, 2, "x\u{2400}\u{fffd}")
            ]
        );
        assert_eq!(text, "ok\n\tA  B\nx");
        assert!(!has_controls("tab\tand\r\nlines, ｆｕｌｌ width"));
    }

    #[test]
    fn points_at_the_first_invalid_byte() {
        let err = decode(b"ok\nab\xFFc\n".to_vec(), Path::new("x.md"));
        let d = &err.err().map(|e| e.diagnostics).unwrap_or_default()[0];
        let loc = d.location.as_ref().map(|l| (l.line, l.column));
        assert_eq!(loc, Some((2, 3)));
    }
}
