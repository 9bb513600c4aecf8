//! `trellis new post "Title"`: a draft with its front matter filled in and
//! notes on what each field is for.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;

use crate::content::{self, Document, Kind};
use crate::diag::{Diagnostic, Result};

/// Writes `content/posts/<slug>.md` under `root` and returns its path.
pub fn new_post(root: &Path, title: &str) -> Result<String> {
    let config = crate::config::load(root, None)?;
    let title = title.trim();
    // "Don't" becomes "dont", not "don-t"; "&" reads as "and".
    let slug = slug::slugify(title.replace(['\'', '’'], "").replace('&', " and "));
    if slug.is_empty() {
        return Err(
            Diagnostic::error("new", "the title needs at least one letter or digit")
                .hint("e.g. trellis new post \"Managing Anxiety at Work\"")
                .into(),
        );
    }
    let rel = PathBuf::from("content/posts").join(format!("{slug}.md"));
    let path = root.join(&rel);
    let posts = existing_posts(root, &config.tz);
    if path.exists() {
        return Err(taken(&rel, &rel));
    }
    if let Some(other) = posts.iter().find(|p| p.slug == slug) {
        return Err(taken(&rel, &other.path));
    }
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(config.tz.clone())
        .date();
    super::create(
        &path,
        front_matter(title, &today.to_string(), &tags(&posts)),
    )?;
    Ok(path.display().to_string())
}

fn taken(rel: &Path, other: &Path) -> crate::diag::Error {
    Diagnostic::error(
        "new",
        format!(
            "{} would have the address of {}, which already exists",
            rel.display(),
            other.display()
        ),
    )
    .hint("choose another title, or open the existing post")
    .into()
}

/// Every post that parses; a broken one is `check`'s business, not a
/// reason to refuse a new post.
fn existing_posts(root: &Path, tz: &TimeZone) -> Vec<Document> {
    content::discover(root)
        .into_iter()
        .filter_map(|file| {
            let rel = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
            let text = crate::io::read_source(&file, &rel).ok()?;
            content::parse(&rel, &text, tz).ok()
        })
        .filter(|d| d.kind == Kind::Post)
        .collect()
}

/// Tags in use, spelled as first written, sorted without regard to case.
fn tags(posts: &[Document]) -> Vec<String> {
    let mut by_key: BTreeMap<String, String> = BTreeMap::new();
    for tag in posts.iter().flat_map(|p| &p.front.tags) {
        by_key
            .entry(tag.to_lowercase())
            .or_insert_with(|| tag.clone());
    }
    by_key.into_values().collect()
}

fn front_matter(title: &str, date: &str, tags: &[String]) -> String {
    let quoted = title.replace('\\', "\\\\").replace('"', "\\\"");
    let used = if tags.is_empty() {
        "none yet".to_string()
    } else {
        tags.join(", ")
    };
    format!(
        "---\n\
         title: \"{quoted}\"\n\
         date: {date}\n\
         # A draft is left out of the site until you set this to false.\n\
         draft: true\n\
         # One or two sentences for search results and link previews, at most 160 characters.\n\
         description: \"\"\n\
         # Topics, e.g. [Anxiety, Couples]. Tags already used: {used}\n\
         tags: []\n\
         # A picture for the top of the post and for link previews (optional), and\n\
         # what it shows, for readers who cannot see it:\n\
         # image: /images/your-picture.jpg\n\
         # image_alt: \"\"\n\
         ---\n\
         \n\
         Start with a few sentences that tell readers what this post will give them.\n\
         \n\
         <!-- more -->\n\
         \n\
         ## A first section\n\
         \n\
         Write here. Run `trellis check` to review the post before you publish it.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_quotes_the_title_and_lists_tags() {
        let text = front_matter(
            "Why \"Just Relax\" Fails",
            "2026-03-14",
            &["Anxiety".into()],
        );
        let doc = content::parse(Path::new("content/posts/x.md"), &text, &TimeZone::UTC);
        let doc = doc.map_err(|e| e.to_string());
        assert_eq!(
            doc.as_ref().map(|d| d.front.title.as_str()),
            Ok("Why \"Just Relax\" Fails")
        );
        assert_eq!(doc.map(|d| d.front.draft), Ok(true));
        assert!(text.contains("Tags already used: Anxiety"));
    }
}
