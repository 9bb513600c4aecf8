//! One immutable [`Site`]: every entry with its permalink and rendered
//! Markdown, tags, paginated listings, feeds and aliases, all as data.
//! Nothing here renders templates or writes files.

mod listing;
mod tags;
mod urls;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Document, Kind};
use crate::diag::{Diagnostic, Result};
use crate::markdown::{self, Rendered};

pub use listing::{Feed, Listing, ListingKind};
pub use urls::{Alias, redirects, url_to_path};

/// A post or page with everything templates and feeds need.
#[derive(Debug)]
pub struct Entry {
    pub doc: Document,
    /// Site-relative URL, e.g. `/blog/managing-anxiety/`.
    pub url: String,
    pub rendered: Rendered,
    /// HTML: the text before `<!-- more -->`, or the description, or the
    /// first paragraph.
    pub summary: String,
    /// Plain text for `<meta name="description">`, at most about 160 chars.
    pub description: String,
    /// Indices into [`Site::tags`].
    pub tags: Vec<usize>,
}

#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub slug: String,
    pub url: String,
    /// Indices into [`Site::posts`], newest first.
    pub posts: Vec<usize>,
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// Newest first.
    pub posts: Vec<Entry>,
    pub pages: Vec<Entry>,
    /// `content/index.md`, the practice's introduction on the home page.
    pub home: Option<Entry>,
    /// Sorted by name.
    pub tags: Vec<Tag>,
    pub listings: Vec<Listing>,
    pub feeds: Vec<Feed>,
    pub aliases: Vec<Alias>,
    pub has_code: bool,
    /// What the author should know but need not fix: front matter keys
    /// other generators wrote, tags merged across spellings, …
    pub warnings: Vec<Diagnostic>,
}

impl Site {
    /// Every entry: the posts, the pages, then the home page's text.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.posts.iter().chain(&self.pages).chain(&self.home)
    }

    /// The whole blog's feed (see [`listing::feeds`] for the order).
    pub fn main_feed(&self) -> &Feed {
        &self.feeds[0]
    }

    /// The feed of the tag at `index` in [`Site::tags`].
    pub fn tag_feed(&self, index: usize) -> &Feed {
        &self.feeds[1 + index]
    }
}

/// Assembles the site from documents and their rendered Markdown.
pub fn assemble(config: Config, docs: Vec<(Document, Rendered)>) -> Result<Site> {
    let mut posts = Vec::new();
    let mut pages = Vec::new();
    let mut home = None;
    // Each entry's URL and summary are its own affair, and on a large blog
    // working them out one by one was a serial stretch of the build.
    let mut entries: Vec<Entry> = docs
        .into_par_iter()
        .with_max_len(crate::JOB_BATCH)
        .map(|(doc, rendered)| entry(doc, rendered, &config))
        .collect();
    let mut warnings: Vec<Diagnostic> = entries
        .iter_mut()
        .flat_map(|e| std::mem::take(&mut e.doc.warnings))
        .collect();
    for entry in entries {
        match entry.doc.kind {
            Kind::Post => posts.push(entry),
            Kind::Page => pages.push(entry),
            Kind::Home => home = Some(entry),
        }
    }
    posts.sort_by(|a, b| b.doc.date.cmp(&a.doc.date).then_with(|| a.url.cmp(&b.url)));
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    let tags = tags::collect(&mut posts, &mut warnings)?;
    let has_code = posts.iter().chain(&pages).any(|e| e.rendered.has_code);
    let mut site = Site {
        listings: Vec::new(),
        feeds: Vec::new(),
        aliases: Vec::new(),
        config,
        posts,
        pages,
        home,
        tags,
        has_code,
        warnings,
    };
    site.listings = listing::listings(&site);
    site.feeds = listing::feeds(&site);
    site.aliases = urls::aliases(&site)?;
    urls::check_unique(&site)?;
    Ok(site)
}

/// The site with edited entries swapped in, for `serve` after an edit of
/// a body. The caller has made sure each edit kept its front matter as
/// written, so its URL, date, tags and place in every list stay; its
/// rendered Markdown, summary and description are new.
pub fn with_edits(mut site: Site, edits: Vec<(Document, Rendered)>) -> Result<Site> {
    for (doc, rendered) in edits {
        let fresh = entry(doc, rendered, &site.config);
        let path = fresh.doc.path.as_os_str();
        let Site {
            posts, pages, home, ..
        } = &mut site;
        let slot = posts
            .iter_mut()
            .chain(pages.iter_mut())
            .chain(home.iter_mut())
            .find(|e| e.doc.path.as_os_str() == path)
            .ok_or_else(|| Diagnostic::error("serve", "an edited entry went missing"))?;
        let tags = std::mem::take(&mut slot.tags);
        *slot = Entry { tags, ..fresh };
    }
    Ok(site)
}

fn entry(doc: Document, mut rendered: Rendered, config: &Config) -> Entry {
    let url = urls::permalink(&doc, config);
    for (_, name) in &doc.files {
        rendered.html = urls::bundle_links(&rendered.html, &url, name);
        rendered.more = rendered.more.map(|m| urls::bundle_links(&m, &url, name));
    }
    let description_html = doc
        .front
        .description
        .as_ref()
        .map(|d| format!("<p>{}</p>", markdown::escape(d)));
    let strip = markdown::footnotes::strip_references;
    let summary = rendered
        .more
        .as_deref()
        .map(strip)
        .or(description_html)
        .or_else(|| markdown::first_paragraph(&rendered.html).map(strip))
        .unwrap_or_default();
    let description = match &doc.front.description {
        Some(d) => d.clone(),
        None => trim_words(&plain_text(&summary), 160),
    };
    Entry {
        doc,
        url,
        rendered,
        summary,
        description,
        tags: Vec::new(),
    }
}

/// Text content of an HTML fragment, tags dropped and whitespace collapsed.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let text = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.replace(" .", ".").replace(" ,", ",");
    quick_xml::escape::unescape(&text).map_or(text.clone(), |t| t.into_owned())
}

/// Cuts at a word boundary, adding an ellipsis when anything was cut.
pub fn trim_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        if out.chars().count() + word.chars().count() + 2 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.trim_end_matches([',', ';', ':', '.']).to_string() + "…"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_tags_and_entities() {
        assert_eq!(
            plain_text("<p>Fish &amp; <em>chips</em>.</p>"),
            "Fish & chips."
        );
    }

    #[test]
    fn trim_words_cuts_on_a_word() {
        assert_eq!(trim_words("one two three four", 12), "one two…");
        assert_eq!(trim_words("short", 12), "short");
    }
}
