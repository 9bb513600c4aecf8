//! A WordPress post's HTML made ready for conversion, as WordPress itself
//! would show it: block comments gone, the "more" mark kept, classic
//! posts' paragraphs restored, shortcodes expanded.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex_lite::Regex;

use super::wxr::{Item, Wxr};
use super::{regex, wpautop};

static GUTENBERG: LazyLock<Regex> = LazyLock::new(|| regex(r"(?s)<!--\s*/?wp:.*?-->"));
static MORE: LazyLock<Regex> = LazyLock::new(|| regex(r"<!--\s*more.*?-->"));
static NEXTPAGE: LazyLock<Regex> = LazyLock::new(|| regex(r"<!--\s*nextpage\s*-->"));
static TBODY: LazyLock<Regex> = LazyLock::new(|| regex(r"(?is)<tbody.*?</tbody>"));

/// Report lines of one post, made while it converts on its own thread.
#[derive(Default)]
pub struct Notes(pub Vec<(Option<String>, String)>);

impl Notes {
    pub fn add(&mut self, find: Option<&str>, message: impl Into<String>) {
        self.0.push((find.map(str::to_string), message.into()));
    }
}

/// The post's HTML as WordPress would show it, before conversion.
pub fn prepare(wxr: &Wxr, it: &Item, notes: &mut Notes) -> String {
    let html = GUTENBERG.replace_all(&it.content, "");
    let html = MORE.replace(&html, "\n\n<p>TRELLISMORE</p>\n\n");
    let html = NEXTPAGE.replace_all(&html, "");
    // A row heading in a table body (`<th>John</th><td>$1</td>`) has
    // no place in a Markdown table, and htmd drops it: make it a cell.
    let html = TBODY.replace_all(&html, |c: &regex_lite::Captures<'_>| {
        c[0].replace("<th", "<td").replace("</th>", "</td>")
    });
    let html = if wpautop::is_classic(&it.content) {
        wpautop::autop(&html)
    } else {
        html.into_owned()
    };
    let gallery = |attrs: &HashMap<String, String>| gallery(wxr, it, attrs);
    let ctx = super::shortcodes::Context { gallery: &gallery };
    let (html, left) = super::shortcodes::expand(&html, &ctx);
    for sc in left {
        notes.add(Some(&sc), format!("shortcode left as text: {sc}"));
    }
    html
}

fn gallery(wxr: &Wxr, it: &Item, attrs: &HashMap<String, String>) -> Vec<(String, String)> {
    let atts = wxr.items.iter().filter(|a| a.kind == "attachment");
    let chosen: Vec<&Item> = match attrs.get("ids").or_else(|| attrs.get("include")) {
        Some(ids) => {
            let by_id: HashMap<&str, &Item> = atts.map(|a| (a.id.as_str(), a)).collect();
            ids.split(',')
                .filter_map(|id| by_id.get(id.trim()).copied())
                .collect()
        }
        None => atts.filter(|a| a.parent == it.id).collect(),
    };
    chosen
        .iter()
        .map(|a| {
            let alt = a
                .meta
                .get("_wp_attachment_image_alt")
                .cloned()
                .unwrap_or_default();
            let alt = if alt.trim().is_empty() {
                a.title.clone()
            } else {
                alt
            };
            (a.attachment_url.clone(), alt)
        })
        .collect()
}
