//! What the checks keep of each rendered file: of an HTML page its ids,
//! the URLs it refers to, its headings and images; of a stylesheet its
//! text. No page is kept whole.

use std::collections::HashSet;

use ahash::RandomState;
use std::path::Path;

use super::html::{self, Tag, Token};
use crate::plan::{Body, Job, Planned, file_key};
use crate::site::{Entry, ListingKind, Site};

/// One rendered HTML page.
pub struct Page<'s> {
    /// The site URL, e.g. `/blog/x/`.
    pub url: String,
    /// The Markdown it was made from: the entry itself, or the posts whose
    /// summaries a listing shows. Where findings are looked for first.
    pub entries: Vec<&'s Entry>,
    /// A list of posts: its `#anchor` links come from summaries written
    /// for the post's own page, so they are checked there.
    pub listing: bool,
    pub ids: HashSet<String, RandomState>,
    pub refs: Vec<Ref>,
    pub headings: Vec<Heading>,
    pub images: Vec<Image>,
    /// `<style>` elements and `style` attributes.
    pub css: Vec<String>,
    /// What breaks the raw-HTML policy (`policy`); nearly always none.
    pub risks: Vec<super::policy::Risk>,
}

/// A URL in an attribute.
pub struct Ref {
    /// On an `<img>` or `<source>`: a missing target is a missing image.
    pub image: bool,
    pub value: String,
    /// The browser fetches it when the page opens (a script, an image), as
    /// opposed to a link the reader may follow.
    pub fetched: bool,
}

pub struct Heading {
    pub level: u8,
    pub text: String,
}

pub struct Image {
    pub src: String,
    pub alt: Option<String>,
    /// Marked as decoration (`role="presentation"`, `aria-hidden`), where an
    /// empty alt is right.
    pub decorative: bool,
}

/// A stylesheet in the output, with the file it comes from when it is the
/// site's own.
pub struct Stylesheet {
    pub source: Option<String>,
    pub text: String,
}

/// The scans of a whole plan, as the rules read them.
pub struct Scans<'s> {
    /// Every planned output path, `/`-separated.
    pub files: HashSet<String, RandomState>,
    pub pages: Vec<Page<'s>>,
    pub stylesheets: Vec<Stylesheet>,
}

/// What the checks keep of one output file.
pub enum Scanned<'s> {
    Page(Page<'s>),
    Css(Stylesheet),
    Other,
}

/// What the checks need of one planned file; `build` calls it on each file
/// it writes, so no page is rendered twice.
pub fn scan_file<'s>(site: &'s Site, p: &Planned, body: &Body, root: &Path) -> Scanned<'s> {
    let path = file_key(&p.path);
    scan(site, &p.job, &path, body, root)
}

/// The scans of a whole plan, in plan order, as the checks read them.
pub fn collect<'s>(plan: &[Planned], scans: Vec<Scanned<'s>>) -> Scans<'s> {
    let mut out = Scans {
        files: plan.iter().map(|p| file_key(&p.path)).collect(),
        pages: Vec::new(),
        stylesheets: Vec::new(),
    };
    for scanned in scans {
        match scanned {
            Scanned::Page(p) => out.pages.push(p),
            Scanned::Css(c) => out.stylesheets.push(c),
            Scanned::Other => {}
        }
    }
    out
}

fn scan<'s>(site: &'s Site, job: &Job, path: &str, body: &Body, root: &Path) -> Scanned<'s> {
    match body {
        Body::Text(text) if path.ends_with(".html") => {
            let mut page = page(url_of(path), entries(site, job), text);
            page.listing = matches!(job, Job::Listing(_));
            Scanned::Page(page)
        }
        Body::Text(text) if path.ends_with(".css") => Scanned::Css(Stylesheet {
            source: None,
            text: text.clone(),
        }),
        Body::Bytes(bytes) if path.ends_with(".css") => Scanned::Css(Stylesheet {
            source: None,
            text: String::from_utf8_lossy(bytes).into_owned(),
        }),
        Body::Copy(file) if path.ends_with(".css") => Scanned::Css(Stylesheet {
            source: Some(shown(file, root)),
            text: std::fs::read_to_string(file).unwrap_or_default(),
        }),
        _ => Scanned::Other,
    }
}

fn shown(file: &Path, root: &Path) -> String {
    file.strip_prefix(root)
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/")
}

/// `blog/x/index.html` → `/blog/x/`; `404.html` → `/404.html`.
fn url_of(path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{path}"),
    }
}

fn entries<'s>(site: &'s Site, job: &Job) -> Vec<&'s Entry> {
    match job {
        Job::Post(i) => vec![&site.posts[*i]],
        Job::Page(i) => vec![&site.pages[*i]],
        Job::Listing(i) => {
            let listing = &site.listings[*i];
            let home = match listing.kind {
                ListingKind::Home => site.home.as_ref(),
                _ => None,
            };
            home.into_iter()
                .chain(listing.posts.iter().map(|&p| &site.posts[p]))
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Walks one page's tokens, tracking the heading being read.
fn page<'s>(url: String, entries: Vec<&'s Entry>, text: &str) -> Page<'s> {
    let mut page = Page {
        url,
        entries,
        listing: false,
        ids: HashSet::default(),
        refs: Vec::new(),
        headings: Vec::new(),
        images: Vec::new(),
        css: Vec::new(),
        risks: Vec::new(),
    };
    let mut heading: Option<Heading> = None;
    // Heading anchors ("#") are not part of the heading's words.
    let mut in_anchor = false;
    html::each_token(text, |token| match token {
        Token::Start(tag) => {
            in_anchor |= heading.is_some() && tag.attr("class") == Some("anchor");
            if let Some(level) = heading_level(&tag.name) {
                heading = Some(Heading {
                    level,
                    text: String::new(),
                });
            }
            add_tag(&mut page, &tag);
        }
        Token::End(name) if name == "a" => in_anchor = false,
        Token::End(name) if heading_level(&name).is_some() => {
            if let Some(mut h) = heading.take() {
                h.text = h.text.split_whitespace().collect::<Vec<_>>().join(" ");
                page.headings.push(h);
            }
        }
        Token::Text(t) if !in_anchor => {
            if let Some(h) = &mut heading {
                h.text.push_str(&html::unescape(t));
            }
        }
        Token::Css(css) => page.css.push(css.to_string()),
        _ => {}
    });
    page
}

/// [`page`] alone, for [`super::fuzz_scan_html`].
pub(super) fn fuzz_page(text: &str) -> usize {
    let p = page("/".into(), Vec::new(), text);
    p.refs.len() + p.headings.len() + p.images.len() + p.ids.len() + p.css.len()
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', n @ b'1'..=b'6'] => Some(n - b'0'),
        _ => None,
    }
}

/// Link relations that are only information, not a file the browser loads.
const INFO_RELS: [&str; 10] = [
    "alternate",
    "canonical",
    "author",
    "license",
    "me",
    "next",
    "prev",
    "bookmark",
    "help",
    "search",
];

fn add_tag(page: &mut Page<'_>, tag: &Tag<'_, '_>) {
    super::policy::tag(tag, &mut page.risks);
    for (name, value) in tag.attrs {
        match name.as_ref() {
            "id" => {
                page.ids.insert(value.to_string());
            }
            "name" if tag.name == "a" => {
                page.ids.insert(value.to_string());
            }
            "style" => page.css.push(value.to_string()),
            _ => {}
        }
    }
    let image = tag.name == "img" || tag.name == "source";
    let mut add = |attr: &str, fetched: bool| {
        if let Some(value) = tag.attr(attr) {
            page.refs.push(Ref {
                image,
                value: value.trim().to_string(),
                fetched,
            });
        }
    };
    match tag.name.as_ref() {
        "a" | "area" => add("href", false),
        "link" => {
            let rel = tag.attr("rel").unwrap_or("").to_ascii_lowercase();
            let info = rel.split_whitespace().all(|r| INFO_RELS.contains(&r));
            add("href", !info);
        }
        "img" | "script" | "iframe" | "source" | "audio" | "video" | "embed" | "track"
        | "input" => add("src", true),
        "object" => add("data", true),
        _ => {}
    }
    if tag.name == "video" {
        add("poster", true);
    }
    for candidate in tag.attr("srcset").map(srcset).unwrap_or_default() {
        page.refs.push(Ref {
            image,
            value: candidate,
            fetched: true,
        });
    }
    if tag.name == "img" {
        let decorative =
            tag.attr("role") == Some("presentation") || tag.attr("aria-hidden") == Some("true");
        page.images.push(Image {
            src: tag.attr("src").unwrap_or("").trim().to_string(),
            alt: tag.attr("alt").map(|a| a.trim().to_string()),
            decorative,
        });
    }
}

/// The URLs of a `srcset`: "a.jpg 1x, b.jpg 2x".
fn srcset(value: &str) -> Vec<String> {
    value
        .split(',')
        .filter_map(|c| c.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ids_refs_headings_and_images() {
        let html = "<h2 id=\"a\">One &amp; two <a class=\"anchor\" href=\"#a\">#</a></h2>\
            <img src=\"/x.png\"><link rel=\"alternate\" href=\"/rss.xml\">\
            <link rel=\"stylesheet\" href=\"https://cdn.example/x.css\">";
        let p = page("/".into(), Vec::new(), html);
        assert!(p.ids.contains("a"));
        assert_eq!(p.headings[0].text, "One & two");
        assert_eq!(p.images[0].alt, None);
        let fetched: Vec<&str> = p
            .refs
            .iter()
            .filter(|r| r.fetched)
            .map(|r| r.value.as_str())
            .collect();
        assert_eq!(fetched, ["/x.png", "https://cdn.example/x.css"]);
    }

    #[test]
    fn page_urls() {
        assert_eq!(url_of("blog/x/index.html"), "/blog/x/");
        assert_eq!(url_of("index.html"), "/");
        assert_eq!(url_of("404.html"), "/404.html");
    }
}
