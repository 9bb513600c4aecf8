//! All reads of files an author wrote go through [`read_source`]: it names
//! the path in every failure and hands back clean text (no BOM, LF endings),
//! so no later stage has to think about encodings. Temporary files and
//! folders are named here too ([`temp_sibling`]).

use std::path::{Path, PathBuf};

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
    fn points_at_the_first_invalid_byte() {
        let err = decode(b"ok\nab\xFFc\n".to_vec(), Path::new("x.md"));
        let d = &err.err().map(|e| e.diagnostics).unwrap_or_default()[0];
        let loc = d.location.as_ref().map(|l| (l.line, l.column));
        assert_eq!(loc, Some((2, 3)));
    }
}
