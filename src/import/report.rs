//! `import-report.md`: what was imported, and every item that needs a
//! person, each at the file and line of the written file to look at.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::diag::plural;

#[derive(Debug, Default)]
pub struct Report {
    /// "the WordPress export site.xml", for the first line.
    pub source: String,
    pub notes: Vec<Note>,
    /// Files written, for the "Imported" list.
    pub written: Vec<PathBuf>,
    /// Files left alone because they were there already.
    pub kept: Vec<PathBuf>,
}

#[derive(Debug, Clone)]
pub struct Note {
    pub file: PathBuf,
    /// Text in the written file whose line the note is about; found after
    /// the file is made, since conversion moves lines around.
    pub find: Option<String>,
    pub line: usize,
    pub message: String,
}

impl Report {
    pub fn note(&mut self, file: &Path, find: Option<&str>, message: impl Into<String>) {
        self.notes.push(Note {
            file: file.to_path_buf(),
            find: find.filter(|f| !f.is_empty()).map(str::to_string),
            line: 1,
            message: message.into(),
        });
    }

    /// A note at a known line of a file that is not written (the export).
    pub fn note_at(&mut self, file: &Path, line: usize, message: impl Into<String>) {
        self.notes.push(Note {
            file: file.to_path_buf(),
            find: None,
            line,
            message: message.into(),
        });
    }

    /// Sets each note's line from the text it names in the final files.
    /// Notes come in the order of the text, so each search starts where
    /// the last one in that file matched: the same image twice gets two
    /// lines.
    pub fn place(&mut self, texts: &HashMap<PathBuf, String>) {
        let mut cursor: HashMap<PathBuf, usize> = HashMap::new();
        for note in &mut self.notes {
            let (Some(text), Some(find)) = (texts.get(&note.file), &note.find) else {
                continue;
            };
            let from = cursor.get(&note.file).copied().unwrap_or(0);
            let at = text[from..]
                .find(find.as_str())
                .map(|i| i + from)
                .or_else(|| text.find(find.as_str()));
            if let Some(at) = at {
                note.line = 1 + text[..at].matches('\n').count();
                cursor.insert(note.file.clone(), at + 1);
            }
        }
        // A converter may meet one item twice (an image inside its own
        // link): one line each is enough.
        let mut seen = std::collections::HashSet::new();
        self.notes
            .retain(|n| seen.insert((n.file.clone(), n.line, n.message.clone())));
    }

    pub fn markdown(&self, counts: &str) -> String {
        let mut out = format!("# Import report\n\nFrom {}: {counts}.\n\n", self.source);
        let _ = writeln!(out, "## Needs a person ({})\n", self.notes.len());
        if self.notes.is_empty() {
            out.push_str("Nothing: every item was converted.\n");
        }
        for n in &self.notes {
            let _ = writeln!(out, "- `{}:{}`: {}", n.file.display(), n.line, n.message);
        }
        if !self.kept.is_empty() {
            let _ = writeln!(out, "\n## Left alone (already there, not overwritten)\n");
            for f in &self.kept {
                let _ = writeln!(out, "- `{}`", f.display());
            }
        }
        let _ = writeln!(out, "\n## Written ({})\n", self.written.len());
        for f in &self.written {
            let _ = writeln!(out, "- `{}`", f.display());
        }
        out
    }

    /// The few lines printed after an import.
    pub fn summary(&self, counts: &str, into: &Path) -> String {
        let mut out = format!(
            "Imported {counts} from {} into {}.",
            self.source,
            into.display()
        );
        if !self.kept.is_empty() {
            let _ = write!(
                out,
                "\n{} already there and left alone.",
                plural(self.kept.len(), "file")
            );
        }
        let _ = write!(
            out,
            "\n{} need a person: see {}.",
            plural(self.notes.len(), "item"),
            into.join("import-report.md").display()
        );
        out
    }
}
