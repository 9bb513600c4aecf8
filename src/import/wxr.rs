//! Reading a WordPress eXtended RSS file (WordPress and Squarespace
//! exports) into plain values. roxmltree parses the whole file with DTDs
//! refused: WXR never has one, and refusing it is what keeps an
//! entity-expansion bomb from costing more than one error message.

use std::collections::HashMap;
use std::path::Path;

use roxmltree::{Document, Node, ParsingOptions};

use crate::diag::{Diagnostic, Location, Result};

/// One `<item>`: a post, page, attachment or menu entry.
#[derive(Debug, Default, Clone)]
pub struct Item {
    pub id: String,
    pub kind: String,
    pub status: String,
    pub title: String,
    pub link: String,
    pub pub_date: String,
    pub creator: String,
    pub content: String,
    pub excerpt: String,
    pub date_gmt: String,
    pub date: String,
    pub modified_gmt: String,
    pub name: String,
    pub parent: String,
    pub menu_order: i64,
    pub password: String,
    /// (domain, nicename, name): categories, tags, post formats, menus.
    pub terms: Vec<(String, String, String)>,
    pub meta: HashMap<String, String>,
    pub comments: usize,
    pub attachment_url: String,
    /// The line of `<item>` in the export, for the report.
    pub line: usize,
}

#[derive(Debug, Default)]
pub struct Wxr {
    pub title: String,
    pub description: String,
    pub link: String,
    pub language: String,
    /// author_login → display name.
    pub authors: HashMap<String, String>,
    pub items: Vec<Item>,
}

#[derive(Clone, Copy)]
enum Ns {
    Rss,
    Wp,
    Content,
    Excerpt,
    Dc,
}

impl Ns {
    fn matches(self, node: &Node<'_, '_>) -> bool {
        let ns = node.tag_name().namespace().unwrap_or("");
        match self {
            Ns::Rss => ns.is_empty(),
            Ns::Wp => ns.contains("wordpress.org/export") && !ns.contains("excerpt"),
            Ns::Content => ns.contains("purl.org/rss/1.0/modules/content"),
            Ns::Excerpt => ns.contains("excerpt"),
            Ns::Dc => ns.contains("purl.org/dc/"),
        }
    }
}

pub fn parse(text: &str, path: &Path) -> Result<Wxr> {
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, options).map_err(|e| xml_error(&e, text, path))?;
    let root = doc.root_element();
    let channel = root
        .children()
        .find(|n| n.has_tag_name("channel"))
        .filter(|_| root.has_tag_name("rss"))
        .filter(|c| c.children().any(|n| Ns::Wp.matches(&n)));
    let Some(channel) = channel else {
        let pos = doc.text_pos_at(root.range().start);
        return Err(Diagnostic::error(
            "import",
            "this XML file is not a WordPress export (WXR): it has no <rss><channel> with wp: elements",
        )
        .at(Location::at_line(path, text, pos.row as usize, pos.col as usize))
        .hint("in WordPress, use Tools → Export → All content; in Squarespace, Settings → Import & Export → Export → WordPress")
        .into());
    };
    let mut wxr = Wxr {
        title: field(channel, Ns::Rss, "title"),
        description: field(channel, Ns::Rss, "description"),
        link: field(channel, Ns::Rss, "link"),
        language: field(channel, Ns::Rss, "language"),
        ..Wxr::default()
    };
    for node in channel.children().filter(Node::is_element) {
        if Ns::Wp.matches(&node) && node.tag_name().name() == "author" {
            let login = field(node, Ns::Wp, "author_login");
            let name = field(node, Ns::Wp, "author_display_name");
            wxr.authors.insert(login, name);
        } else if node.tag_name().name() == "item" {
            let line = doc.text_pos_at(node.range().start).row as usize;
            wxr.items.push(item(node, line));
        }
    }
    Ok(wxr)
}

fn xml_error(e: &roxmltree::Error, text: &str, path: &Path) -> crate::diag::Error {
    let lines = text.lines().count().max(1);
    let pos = e.pos();
    let (message, hint, line, col) = match e {
        roxmltree::Error::DtdDetected => (
            "this export declares a DTD, which a WordPress export never has".to_string(),
            "a DTD can hide an entity-expansion bomb; export the site again from WordPress",
            pos.row as usize,
            pos.col as usize,
        ),
        // These carry no position: the file stops where it should go on.
        roxmltree::Error::UnclosedRootNode | roxmltree::Error::UnexpectedEndOfStream => (
            format!("the export ends before its XML does ({e})"),
            "the file looks cut short: download or export it again",
            lines,
            text.lines().last().map_or(1, |l| l.chars().count() + 1),
        ),
        // Any other error on the last line of a file that stops mid-element.
        _ if pos.row as usize >= lines && !text.trim_end().ends_with('>') => (
            format!("the export ends before its XML does ({e})"),
            "the file looks cut short: download or export it again",
            pos.row as usize,
            pos.col as usize,
        ),
        _ => (
            format!("the export is not well-formed XML: {e}"),
            "export the site again; if it still fails, the named line shows what is broken",
            pos.row as usize,
            pos.col as usize,
        ),
    };
    Diagnostic::error("import", message)
        .at(Location::at_line(path, text, line.clamp(1, lines), col))
        .hint(hint)
        .into()
}

fn item(node: Node<'_, '_>, line: usize) -> Item {
    let mut it = Item {
        id: field(node, Ns::Wp, "post_id"),
        kind: field(node, Ns::Wp, "post_type"),
        status: field(node, Ns::Wp, "status"),
        title: field(node, Ns::Rss, "title"),
        link: field(node, Ns::Rss, "link"),
        pub_date: field(node, Ns::Rss, "pubDate"),
        creator: field(node, Ns::Dc, "creator"),
        content: field(node, Ns::Content, "encoded"),
        excerpt: field(node, Ns::Excerpt, "encoded"),
        date_gmt: field(node, Ns::Wp, "post_date_gmt"),
        date: field(node, Ns::Wp, "post_date"),
        modified_gmt: field(node, Ns::Wp, "post_modified_gmt"),
        name: field(node, Ns::Wp, "post_name"),
        parent: field(node, Ns::Wp, "post_parent"),
        menu_order: field(node, Ns::Wp, "menu_order").parse().unwrap_or(0),
        password: field(node, Ns::Wp, "post_password"),
        attachment_url: field(node, Ns::Wp, "attachment_url"),
        line,
        ..Item::default()
    };
    for child in node.children().filter(Node::is_element) {
        let name = child.tag_name().name();
        if Ns::Rss.matches(&child) && name == "category" {
            it.terms.push((
                child.attribute("domain").unwrap_or("").to_string(),
                child.attribute("nicename").unwrap_or("").to_string(),
                all_text(child),
            ));
        } else if Ns::Wp.matches(&child) && name == "postmeta" {
            it.meta.insert(
                field(child, Ns::Wp, "meta_key"),
                field(child, Ns::Wp, "meta_value"),
            );
        } else if Ns::Wp.matches(&child) && name == "comment" {
            it.comments += 1;
        }
    }
    it
}

/// The text of the first child `ns:name`, CDATA or not, trimmed.
fn field(node: Node<'_, '_>, ns: Ns, name: &str) -> String {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name && ns.matches(c))
        .map(|c| all_text(c).trim().to_string())
        .unwrap_or_default()
}

fn all_text(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Wxr> {
        parse(text, Path::new("e.xml"))
    }

    const HEAD: &str = r#"<rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title><wp:wxr_version>1.2</wp:wxr_version>"#;

    #[test]
    fn reads_items_with_cdata() {
        let x = format!(
            "{HEAD}<item><title>A &amp; B</title><content:encoded><![CDATA[<p>x</p>]]></content:encoded>\
             <wp:post_type>post</wp:post_type><wp:postmeta><wp:meta_key>k</wp:meta_key><wp:meta_value>v</wp:meta_value></wp:postmeta></item></channel></rss>"
        );
        let w = p(&x).unwrap_or_default();
        assert_eq!(w.items[0].title, "A & B");
        assert_eq!(w.items[0].content, "<p>x</p>");
        assert_eq!(w.items[0].meta.get("k").map(String::as_str), Some("v"));
    }

    #[test]
    fn bad_input_is_a_located_error() {
        let cut = format!("{HEAD}\n<item><title>A");
        let e = p(&cut)
            .err()
            .map(|e| e.diagnostics[0].one_line())
            .unwrap_or_default();
        assert!(e.contains("e.xml:2"), "{e}");
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]><rss>&lol2;</rss>";
        assert!(p(bomb).is_err());
        assert!(p("<html><body/></html>").is_err());
    }
}
