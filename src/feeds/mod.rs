//! The blog alerts: RSS 2.0 (the `rss` crate) and Atom (quick-xml's
//! writer), with full content that works outside the site. Also the
//! sitemap and robots.txt. XML is always written by a library, never by
//! pasting strings.

mod atom;
mod item;
mod sitemap;

use std::collections::BTreeMap;

use rss::extension::Extension;
use rss::{Category, Channel, Guid, Item};

use crate::config::FeedContent;
use crate::diag::{Diagnostic, Result};
use crate::site::{Entry, Feed, Site};

pub use sitemap::{robots, sitemap};

pub const STYLESHEET: &str = "/feed.xsl";

pub fn rss(site: &Site, feed: &Feed) -> Result<String> {
    let c = &site.config;
    let items = feed
        .posts
        .iter()
        .map(|&i| item(site, &site.posts[i]))
        .collect();
    let mut atom_link = Extension {
        name: "atom:link".into(),
        ..Default::default()
    };
    atom_link.attrs = BTreeMap::from([
        ("href".to_string(), c.absolute(&feed.rss_url)),
        ("rel".to_string(), "self".to_string()),
        ("type".to_string(), "application/rss+xml".to_string()),
    ]);
    let channel = Channel {
        title: feed.title.clone(),
        link: c.absolute(&feed.page_url),
        description: if c.description.is_empty() {
            c.title.clone()
        } else {
            c.description.clone()
        },
        language: Some(c.language.clone()),
        generator: Some("trellis".into()),
        last_build_date: newest(site, feed).map(crate::dates::rfc2822),
        items,
        namespaces: BTreeMap::from([(
            "atom".to_string(),
            "http://www.w3.org/2005/Atom".to_string(),
        )]),
        extensions: BTreeMap::from([(
            "atom".to_string(),
            BTreeMap::from([("link".to_string(), vec![atom_link])]),
        )]),
        ..Default::default()
    };
    let bytes = channel
        .write_to(Vec::new())
        .map_err(|e| Diagnostic::error("feed", format!("could not write {}: {e}", feed.rss_url)))?;
    Ok(with_stylesheet(&xml_text(bytes, &feed.rss_url)?))
}

/// A writer's output as text. It was written from `&str`s, so checking is
/// enough; the lossy conversion walked every byte several times over.
fn xml_text(bytes: Vec<u8>, url: &str) -> Result<String> {
    String::from_utf8(bytes)
        .map_err(|e| Diagnostic::error("feed", format!("could not write {url}: {e}")).into())
}

/// Puts the browser-friendly stylesheet instruction after the XML
/// declaration, so a reader who clicks "RSS" sees a page, not markup.
pub fn with_stylesheet(xml: &str) -> String {
    let pi = format!("<?xml-stylesheet type=\"text/xsl\" href=\"{STYLESHEET}\"?>");
    match xml.split_once("?>") {
        Some((decl, rest)) if decl.starts_with("<?xml ") => {
            format!("{decl}?>\n{pi}\n{}", rest.trim_start())
        }
        _ => format!("{pi}\n{xml}"),
    }
}

fn item(site: &Site, entry: &Entry) -> Item {
    let c = &site.config;
    let permalink = c.absolute(&entry.url);
    let full = item::item_html(site, entry);
    let summary = item::absolutize(&entry.summary, &c.base_url, &permalink);
    let (description, encoded) = match c.feeds.content {
        FeedContent::Full => (full, None),
        FeedContent::Summary => (summary, None),
        FeedContent::Both => (summary, Some(full)),
    };
    Item {
        title: Some(entry.doc.front.title.clone()),
        link: Some(permalink.clone()),
        description: Some(description),
        content: encoded,
        author: author_email(site, entry),
        categories: entry
            .tags
            .iter()
            .map(|&t| Category {
                name: site.tags[t].name.clone(),
                domain: None,
            })
            .collect(),
        guid: Some(Guid {
            value: permalink,
            permalink: true,
        }),
        pub_date: entry.doc.date.as_ref().map(crate::dates::rfc2822),
        ..Default::default()
    }
}

/// RSS wants `email (Name)` for an author; without an email the author
/// goes unnamed in RSS (Atom always names one).
fn author_email(site: &Site, entry: &Entry) -> Option<String> {
    let email = &site.config.practice.email;
    if email.is_empty() {
        return None;
    }
    Some(format!("{email} ({})", author_name(site, entry)))
}

pub fn author_name<'a>(site: &'a Site, entry: &'a Entry) -> &'a str {
    let c = &site.config;
    entry
        .doc
        .front
        .author
        .as_deref()
        .filter(|a| !a.is_empty())
        .or(Some(c.author.as_str()).filter(|a| !a.is_empty()))
        .or(Some(c.practice.name.as_str()).filter(|a| !a.is_empty()))
        .unwrap_or(&c.title)
}

fn newest<'a>(site: &'a Site, feed: &Feed) -> Option<&'a jiff::ZonedDateTime> {
    feed.posts
        .iter()
        .filter_map(|&i| {
            let d = &site.posts[i].doc;
            d.updated.as_ref().or(d.date.as_ref())
        })
        .max()
}

pub use atom::atom;
