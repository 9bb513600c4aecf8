//! The front matter an import writes: only keys trellis accepts today, in
//! the order an author would expect to read them.

use serde::Serialize;

use crate::diag::{Diagnostic, Result};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Front {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "is_false")]
    pub draft: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_alt: Option<String>,
    #[serde(skip_serializing_if = "is_false")]
    pub toc: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Front {
    /// The whole file: YAML between `---` lines, then the body.
    pub fn file(&self, body: &str) -> Result<String> {
        let yaml = serde_yaml::to_string(self).map_err(|e| {
            Diagnostic::error("import", format!("could not write front matter: {e}"))
        })?;
        Ok(format!("---\n{yaml}---\n\n{}\n", body.trim()))
    }

    /// Adds tags, keeping the first spelling of each (case-blind), since
    /// trellis treats `Anxiety` and `anxiety` as one tag.
    pub fn add_tags<I: IntoIterator<Item = String>>(&mut self, tags: I) {
        for tag in tags {
            let tag = tag.trim().to_string();
            let seen = self.tags.iter().any(|t| t.eq_ignore_ascii_case(&tag));
            if !tag.is_empty() && !seen {
                self.tags.push(tag);
            }
        }
    }

    pub fn add_alias(&mut self, alias: String) {
        if !alias.is_empty() && !self.aliases.contains(&alias) {
            self.aliases.push(alias);
        }
    }
}

/// A summary as plain text of at most 160 characters, cut at a word.
pub fn description(text: &str) -> Option<String> {
    let plain = super::html_to_md::plain_text(text);
    let words: Vec<&str> = plain.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    let mut out = String::new();
    for word in words {
        let extra = usize::from(!out.is_empty()) + word.chars().count();
        if out.chars().count() + extra > 159 {
            out.push('…');
            return Some(out);
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_short_plain_text() {
        let long = "<p>word </p>".repeat(100);
        let d = description(&long).unwrap_or_default();
        assert!(d.chars().count() <= 160 && d.ends_with('…') && !d.contains('<'));
        assert_eq!(description("  "), None);
    }

    #[test]
    fn tags_merge_case_blind() {
        let mut f = Front::default();
        f.add_tags(["Anxiety".to_string(), "anxiety".into(), " ".into()]);
        assert_eq!(f.tags, ["Anxiety"]);
    }
}
