//! Atom 1.0 (RFC 4287), written with quick-xml. Not atom_syndication: its
//! fixed element order and XML declaration would change every feed's
//! bytes, and it takes chrono dates (ARCHITECTURE.md, "Crates versus
//! hand-written code").

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::{author_name, item};
use crate::dates::iso as date_iso;
use crate::diag::{Diagnostic, Result};
use crate::site::{Entry, Feed, Site};

pub fn atom(site: &Site, feed: &Feed) -> Result<String> {
    let fail = |e: std::io::Error| {
        Diagnostic::error("feed", format!("could not write the Atom feed: {e}"))
    };
    let c = &site.config;
    // Only feeds with an Atom URL are planned as Atom files.
    let path = feed.atom_url.as_deref().unwrap_or_default();
    let self_url = c.absolute(path);
    let updated = super::newest(site, feed)
        .map(date_iso)
        .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into());
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .map_err(fail)?;
    w.create_element("feed")
        .with_attribute(("xmlns", "http://www.w3.org/2005/Atom"))
        .with_attribute(("xml:lang", c.language.as_str()))
        .write_inner_content(|w| {
            text(w, "title", &feed.title)?;
            if !c.description.is_empty() {
                text(w, "subtitle", &c.description)?;
            }
            link(w, "alternate", &c.absolute(&feed.page_url), "text/html")?;
            link(w, "self", &self_url, "application/atom+xml")?;
            text(w, "id", &c.absolute(&feed.page_url))?;
            text(w, "updated", &updated)?;
            w.create_element("author")
                .write_inner_content(|w| text(w, "name", site_author(site)))?;
            text(w, "generator", "trellis")?;
            for &i in &feed.posts {
                entry(w, site, &site.posts[i])?;
            }
            Ok(())
        })
        .map_err(fail)?;
    let xml = super::xml_text(w.into_inner(), path)?;
    Ok(super::with_stylesheet(&xml))
}

fn site_author(site: &Site) -> &str {
    let c = &site.config;
    [&c.author, &c.practice.name, &c.title]
        .into_iter()
        .find(|s| !s.is_empty())
        .map_or("", |s| s.as_str())
}

fn entry(w: &mut Writer<Vec<u8>>, site: &Site, e: &Entry) -> std::io::Result<()> {
    let c = &site.config;
    let permalink = c.absolute(&e.url);
    let published = e.doc.date.as_ref().map(date_iso).unwrap_or_default();
    let updated = e
        .doc
        .updated
        .as_ref()
        .map(date_iso)
        .unwrap_or_else(|| published.clone());
    w.create_element("entry").write_inner_content(|w| {
        text(w, "title", &e.doc.front.title)?;
        link(w, "alternate", &permalink, "text/html")?;
        text(w, "id", &permalink)?;
        text(w, "published", &published)?;
        text(w, "updated", &updated)?;
        w.create_element("author")
            .write_inner_content(|w| text(w, "name", author_name(site, e)))?;
        for &t in &e.tags {
            w.create_element("category")
                .with_attribute(("term", site.tags[t].name.as_str()))
                .write_empty()?;
        }
        let summary = item::absolutize(&e.summary, &c.base_url, &permalink);
        w.create_element("summary")
            .with_attribute(("type", "html"))
            .write_text_content(BytesText::new(&summary))?;
        if c.feeds.content != crate::config::FeedContent::Summary {
            let full = item::item_html(site, e);
            w.create_element("content")
                .with_attribute(("type", "html"))
                .write_text_content(BytesText::new(&full))?;
        }
        Ok(())
    })?;
    Ok(())
}

fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> std::io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn link(w: &mut Writer<Vec<u8>>, rel: &str, href: &str, kind: &str) -> std::io::Result<()> {
    w.create_element("link")
        .with_attribute(("rel", rel))
        .with_attribute(("type", kind))
        .with_attribute(("href", href))
        .write_empty()?;
    Ok(())
}
