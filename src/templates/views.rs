//! What templates see. These borrowed structs are the template API: a
//! field here is a promise to theme writers (see README, "Templates").

use serde::Serialize;

use crate::config::{Alerts, Config, MenuItem};
use crate::dates;
use crate::site::{Entry, Site};

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub language: &'a str,
    pub author: &'a str,
    pub menu: &'a [MenuItem],
    pub practice: PracticeView<'a>,
    pub consultation: ConsultationView<'a>,
    pub alerts: &'a Alerts,
    pub crisis_text: Option<&'a str>,
    /// `:root { --name: value; }` from `colors:` in site.yaml.
    pub colors_css: String,
    /// The Content-Security-Policy for the page's `<meta http-equiv>`.
    pub csp: String,
    pub extra: &'a serde_json::Value,
}

#[derive(Serialize)]
pub struct PracticeView<'a> {
    pub name: &'a str,
    pub phone: &'a str,
    pub phone_href: String,
    pub email: &'a str,
    pub address: &'a str,
}

#[derive(Serialize)]
pub struct ConsultationView<'a> {
    pub heading: &'a str,
    pub text: &'a str,
    pub button: &'a str,
    pub url: &'a str,
    pub phone: &'a str,
    pub phone_href: String,
}

impl<'a> SiteView<'a> {
    pub fn new(c: &'a Config) -> Self {
        let practice_name = if c.practice.name.is_empty() {
            &c.title
        } else {
            &c.practice.name
        };
        let cta_phone = if c.consultation.phone.is_empty() {
            &c.practice.phone
        } else {
            &c.consultation.phone
        };
        SiteView {
            title: &c.title,
            description: &c.description,
            base_url: &c.base_url,
            language: &c.language,
            author: &c.author,
            menu: &c.menu,
            practice: PracticeView {
                name: practice_name,
                phone: &c.practice.phone,
                phone_href: tel_href(&c.practice.phone),
                email: &c.practice.email,
                address: &c.practice.address,
            },
            consultation: ConsultationView {
                heading: &c.consultation.heading,
                text: &c.consultation.text,
                button: &c.consultation.button,
                url: &c.consultation.url,
                phone: cta_phone,
                phone_href: tel_href(cta_phone),
            },
            alerts: &c.alerts,
            crisis_text: c.crisis.as_ref().map(|k| k.text.as_str()),
            colors_css: colors_css(c),
            csp: String::new(),
            extra: &c.extra,
        }
    }
}

/// `+1 212 555 0100` → `tel:+12125550100`.
pub fn tel_href(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .enumerate()
        .filter(|(i, ch)| ch.is_ascii_digit() || (*i == 0 && *ch == '+'))
        .map(|(_, ch)| ch)
        .collect();
    format!("tel:{digits}")
}

pub fn colors_css(c: &Config) -> String {
    if c.colors.is_empty() {
        return String::new();
    }
    let vars: String = c
        .colors
        .iter()
        .map(|(k, v)| format!("--{k}:{v};"))
        .collect();
    format!(":root{{{vars}}}")
}

/// Shared by every page: `<head>` metadata.
#[derive(Serialize)]
pub struct PageMeta {
    /// The `<title>`: page title, then the site's.
    pub title: String,
    /// The visible `<h1>` and `og:title`.
    pub heading: String,
    pub description: String,
    pub url: String,
    pub permalink: String,
    /// The menu entry this page belongs under, for `aria-current`.
    pub section_url: String,
    pub og_type: &'static str,
    pub og_locale: String,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    pub json_ld: Option<String>,
    pub feeds: Vec<FeedLink>,
    pub has_code: bool,
}

#[derive(Serialize, Clone)]
pub struct FeedLink {
    pub title: String,
    pub url: String,
    pub mime: &'static str,
}

#[derive(Serialize)]
pub struct Link<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

#[derive(Serialize)]
pub struct TagLink<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub count: usize,
}

/// A post in a list: home, blog index, tag pages.
#[derive(Serialize)]
pub struct PostCard<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub date_iso: String,
    pub date_display: String,
    pub reading_minutes: usize,
    pub summary: &'a str,
    pub tags: Vec<TagLink<'a>>,
}

#[derive(Serialize)]
pub struct PostView<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub date_iso: String,
    pub date_display: String,
    pub updated_iso: Option<String>,
    pub updated_display: Option<String>,
    pub author: Option<&'a str>,
    pub reading_minutes: usize,
    pub words: usize,
    pub tags: Vec<TagLink<'a>>,
    pub toc: &'a [crate::markdown::TocEntry],
    pub content: &'a str,
    pub image: Option<&'a str>,
    pub image_alt: Option<&'a str>,
    /// `extra:` from the front matter, the site's own values.
    pub extra: &'a serde_json::Value,
    pub show_cta: bool,
    pub show_subscribe: bool,
    /// The newer neighbour.
    pub prev: Option<Link<'a>>,
    /// The older neighbour.
    pub next: Option<Link<'a>>,
}

#[derive(Serialize)]
pub struct Paginator<'a> {
    pub page: usize,
    pub pages: usize,
    pub prev_url: Option<&'a str>,
    pub next_url: Option<&'a str>,
}

pub fn tag_links<'a>(site: &'a Site, entry: &Entry) -> Vec<TagLink<'a>> {
    entry
        .tags
        .iter()
        .map(|&i| {
            let t = &site.tags[i];
            TagLink {
                name: &t.name,
                url: &t.url,
                count: t.posts.len(),
            }
        })
        .collect()
}

pub fn card<'a>(site: &'a Site, entry: &'a Entry) -> PostCard<'a> {
    let date = entry.doc.date.as_ref();
    PostCard {
        title: &entry.doc.front.title,
        url: &entry.url,
        date_iso: date.map(dates::iso).unwrap_or_default(),
        date_display: date.map(dates::display).unwrap_or_default(),
        reading_minutes: crate::markdown::reading_minutes(entry.rendered.words),
        summary: &entry.summary,
        tags: tag_links(site, entry),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_links_keep_only_digits_and_a_leading_plus() {
        assert_eq!(tel_href("+1 (212) 555-0100"), "tel:+12125550100");
        assert_eq!(tel_href("020 7946 0000"), "tel:02079460000");
    }
}
