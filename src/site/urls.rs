//! Permalinks, redirects from old URLs, and the rule that two things never
//! share one URL.

use std::collections::HashMap;
use std::path::PathBuf;

use super::Site;
use crate::config::{Config, Part};
use crate::content::{Document, Kind};
use crate::diag::{self, Diagnostic, Result};

pub fn permalink(doc: &Document, config: &Config) -> String {
    match doc.kind {
        Kind::Post => post_url(doc, &config.permalinks.post_parts),
        Kind::Home => "/".to_string(),
        Kind::Page => {
            let mut url = String::from("/");
            for folder in &doc.section {
                url.push_str(&slug::slugify(folder));
                url.push('/');
            }
            url.push_str(&doc.slug);
            url.push('/');
            url
        }
    }
}

/// A post's URL from the pattern in site.yaml (default `/blog/:slug/`).
fn post_url(doc: &Document, parts: &[Part]) -> String {
    let mut url = String::with_capacity(32);
    let date = |f: &str| doc.date.as_ref().map(|d| d.strftime(f).to_string());
    for part in parts {
        match part {
            Part::Text(t) => url.push_str(t),
            Part::Year => url.push_str(&date("%Y").unwrap_or_default()),
            Part::Month => url.push_str(&date("%m").unwrap_or_default()),
            Part::Day => url.push_str(&date("%d").unwrap_or_default()),
            Part::Slug => url.push_str(&doc.slug),
            Part::Section => {
                let folders: Vec<String> = doc.section.iter().map(slug::slugify).collect();
                url.push_str(&folders.join("/"));
            }
        }
    }
    // An empty `:section` leaves `//`.
    while url.contains("//") {
        url = url.replace("//", "/");
    }
    url
}

/// A bundle file's links made absolute (`src="a.jpg"` in `/blog/x/` is
/// `src="/blog/x/a.jpg"`), so they work in listings and feeds too.
pub fn bundle_links(html: &str, url: &str, name: &str) -> String {
    // Markdown writes a space in an address as %20.
    let name = name.replace(' ', "%20");
    let mut html = html.to_string();
    for attr in ["src", "href"] {
        for written in [format!("{attr}=\"{name}\""), format!("{attr}=\"./{name}\"")] {
            if html.contains(&written) {
                html = html.replace(&written, &format!("{attr}=\"{url}{name}\""));
            }
        }
    }
    html
}

/// A URL-safe, stable slug for any text: "Couples Therapy" → `couples-therapy`,
/// "R&R" → `r-and-r`, "Grüße" → `grusse`.
pub fn slugify(text: &str) -> String {
    let s = slug::slugify(text.replace('&', " and "));
    if s.is_empty() {
        "untitled".to_string()
    } else {
        s
    }
}

/// The output file for a site URL: `/a/` → `a/index.html`, `/a.xml` → `a.xml`.
pub fn url_to_path(url: &str) -> PathBuf {
    let trimmed = url.trim_start_matches('/');
    if trimmed.is_empty() || url.ends_with('/') {
        PathBuf::from(trimmed).join("index.html")
    } else if trimmed
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
    {
        PathBuf::from(trimmed)
    } else {
        PathBuf::from(trimmed).join("index.html")
    }
}

/// A redirect page at an old URL.
#[derive(Debug, Clone)]
pub struct Alias {
    pub from: String,
    pub to: String,
    pub source: PathBuf,
}

pub fn aliases(site: &Site) -> Result<Vec<Alias>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for entry in site.posts.iter().chain(&site.pages) {
        for alias in &entry.doc.front.aliases {
            match alias_path(alias) {
                Ok(from) => out.push(Alias {
                    from,
                    to: entry.url.clone(),
                    source: entry.doc.path.clone(),
                }),
                Err(problem) => errors.push(
                    Diagnostic::error("alias", format!("the alias `{alias}` {problem}"))
                        .at(alias_location(&entry.doc, alias))
                        .hint("an alias is an old address of this site, written as a path from its root, e.g. /2019/05/old-post/"),
                ),
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(diag::Error::many(errors))
    }
}

/// The site path an alias names, percent-decoded (the folder written is
/// the decoded name, which is what a host looks up), or what is wrong.
fn alias_path(alias: &str) -> std::result::Result<String, &'static str> {
    if alias.starts_with("//") || crate::config::urls::has_scheme(alias) {
        return Err("is another site's address, not a path on this site");
    }
    let decoded = percent_encoding::percent_decode_str(alias).decode_utf8_lossy();
    let from = if decoded.starts_with('/') {
        decoded.into_owned()
    } else {
        format!("/{decoded}")
    };
    let outside = from.split('/').any(|seg| seg == ".." || seg == ".");
    if outside || from.contains(['\\', '?', '#']) || from.contains(char::is_control) {
        return Err("is not a plain URL path");
    }
    Ok(from)
}

/// The alias as written in the front matter, else the `aliases` key.
fn alias_location(doc: &crate::content::Document, alias: &str) -> diag::Location {
    match doc.yaml.find(alias).filter(|_| !alias.is_empty()) {
        Some(at) => diag::Location::in_text(&doc.path, &doc.yaml, 2, at, alias.len()),
        None => doc.key_location("aliases"),
    }
}

/// `/_redirects` as Netlify and Cloudflare Pages read it: one
/// `/old/path/ /new/path/ 301` line per alias.
pub fn redirects(site: &Site) -> String {
    let mut out = String::new();
    for alias in &site.aliases {
        let from = alias.from.replace(' ', "%20");
        out.push_str(&format!("{from} {} 301\n", alias.to));
    }
    out
}

/// Every output path has exactly one source; a clash names both.
pub fn check_unique<'s>(site: &'s Site) -> Result<()> {
    // Owners are described only when two collide: making the words for
    // every file of a large blog was a serial stretch of the build.
    let mut owners: HashMap<PathBuf, Owner<'s>> = HashMap::new();
    let mut errors = Vec::new();
    let mut claim = |url: &str, owner: Owner<'s>, at: Option<&Document>| {
        let path = url_to_path(url);
        if let Some(first) = owners.get(&path) {
            let mut d = Diagnostic::error(
                "duplicate-url",
                format!("{owner} and {first} both want the URL {url}"),
            )
            .hint("give one of them another `slug` in its front matter");
            if let Some(doc) = at {
                d = d.at(doc.key_location("slug"));
            }
            errors.push(d);
        } else {
            owners.insert(path, owner);
        }
    };
    for fixed in ["/404.html", "/sitemap.xml", "/robots.txt", "/follow/"] {
        claim(fixed, Owner::BuiltIn(fixed), None);
    }
    for listing in &site.listings {
        claim(&listing.url, Owner::Listing(&listing.url), None);
    }
    for feed in &site.feeds {
        claim(&feed.rss_url, Owner::Feed(&feed.rss_url), None);
        if let Some(atom) = &feed.atom_url {
            claim(atom, Owner::Feed(atom), None);
        }
    }
    for entry in site.posts.iter().chain(&site.pages) {
        claim(&entry.url, Owner::Entry(&entry.doc), Some(&entry.doc));
    }
    for alias in &site.aliases {
        claim(&alias.from, Owner::Alias(alias), None);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(diag::Error::many(errors))
    }
}

/// What wants a URL, for the message when two want the same one.
enum Owner<'s> {
    BuiltIn(&'static str),
    Listing(&'s str),
    Feed(&'s str),
    Entry(&'s Document),
    Alias(&'s Alias),
}

impl std::fmt::Display for Owner<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Owner::BuiltIn(url) => write!(f, "the built-in {url}"),
            Owner::Listing(url) => write!(f, "the listing {url}"),
            Owner::Feed(url) => write!(f, "the feed {url}"),
            Owner::Entry(doc) => write!(f, "{}", doc.path.display()),
            Owner::Alias(alias) => {
                write!(f, "the alias {} in {}", alias.from, alias.source.display())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_links_become_absolute() {
        let html = "<img src=\"my%20lake.png\"><a href=\"./a.pdf\">a</a> <a href=\"x/a.pdf\">";
        let html = bundle_links(html, "/blog/x/", "my lake.png");
        let html = bundle_links(&html, "/blog/x/", "a.pdf");
        assert_eq!(
            html,
            "<img src=\"/blog/x/my%20lake.png\"><a href=\"/blog/x/a.pdf\">a</a> <a href=\"x/a.pdf\">"
        );
    }

    #[test]
    fn urls_map_to_files() {
        assert_eq!(url_to_path("/"), PathBuf::from("index.html"));
        assert_eq!(url_to_path("/blog/x/"), PathBuf::from("blog/x/index.html"));
        assert_eq!(url_to_path("/rss.xml"), PathBuf::from("rss.xml"));
        assert_eq!(
            url_to_path("/old/post"),
            PathBuf::from("old/post/index.html")
        );
        assert_eq!(url_to_path("/2019/x.html"), PathBuf::from("2019/x.html"));
    }
}
