//! A WordPress or Squarespace export (WXR) → posts, pages, images, menu.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use rayon::prelude::*;
use regex_lite::Regex;

use super::html_to_md::{self, Maps};
use super::media::{self, Fetch};
use super::wp_content::Notes;
use super::wxr::{Item, Wxr};
use super::{Asset, Front, Import, Post, Report, SiteInfo, front, markdown, regex};
use crate::diag::Result;

/// URLs pages may not take: the blog's own listings and files.
const RESERVED: [&str; 5] = ["blog", "tags", "follow", "index", "404"];

static MEDIA_URL: LazyLock<Regex> =
    LazyLock::new(|| regex(r#"(?i)(?:src|href)\s*=\s*["']([^"']+)["']"#));

pub fn import(export: &Path, fetch: &Fetch) -> Result<Import> {
    let text = crate::io::read_source(export, export)?;
    let wxr = super::wxr::parse(&text, export)?;
    Ok(Converter::new(wxr, export).run(fetch))
}

struct Converter {
    wxr: Wxr,
    export: PathBuf,
    report: Report,
    /// post id → (file, URL) for every post and page imported.
    places: HashMap<String, (PathBuf, String)>,
}

impl Converter {
    fn new(wxr: Wxr, export: &Path) -> Self {
        let report = Report {
            source: format!("the WordPress export {}", export.display()),
            ..Report::default()
        };
        Converter {
            wxr,
            export: export.to_path_buf(),
            report,
            places: HashMap::new(),
        }
    }

    fn run(mut self, fetch: &Fetch) -> Import {
        self.plan_places();
        let mut maps = self.link_maps();
        let assets = self.images(fetch, &mut maps);
        let maps = Arc::new(maps);
        let items: Vec<Item> = self.entries().cloned().collect();
        // Posts convert in parallel; their report lines join in export order.
        let done: Vec<(Post, Notes)> = items.par_iter().map(|it| self.post(it, &maps)).collect();
        let mut posts = Vec::with_capacity(done.len());
        for (post, notes) in done {
            for (find, message) in notes.0 {
                self.report.note(&post.rel, find.as_deref(), message);
            }
            posts.push(post);
        }
        self.skipped();
        let site = self.site();
        Import {
            site,
            posts,
            assets,
            report: self.report,
        }
    }

    /// Posts and pages worth importing, in export order.
    fn entries(&self) -> impl Iterator<Item = &Item> {
        self.wxr.items.iter().filter(|it| {
            matches!(it.kind.as_str(), "post" | "page")
                && !matches!(it.status.as_str(), "trash" | "auto-draft" | "inherit")
        })
    }

    fn is_published(it: &Item) -> bool {
        matches!(it.status.as_str(), "publish" | "future") && it.password.is_empty()
    }

    /// Gives every post and page its file and URL, slugs made unique;
    /// child pages sit in their parent's folder, as their URLs did.
    fn plan_places(&mut self) {
        let ids: HashMap<&str, &Item> = self.entries().map(|it| (it.id.as_str(), it)).collect();
        let mut taken: HashSet<String> = HashSet::new();
        let mut places = HashMap::new();
        for it in self.entries() {
            let base = slug_of(it);
            let (dir, url_dir) = if it.kind == "post" {
                ("content/posts".to_string(), "/blog".to_string())
            } else {
                let folders = ancestors(it, &ids);
                (
                    format!(
                        "content{}",
                        folders.iter().map(|f| format!("/{f}")).collect::<String>()
                    ),
                    folders.iter().map(|f| format!("/{f}")).collect(),
                )
            };
            let mut slug = base.clone();
            let reserved =
                it.kind == "page" && url_dir.is_empty() && RESERVED.contains(&slug.as_str());
            if reserved {
                slug = format!("{slug}-page");
            }
            let mut n = 2;
            while !taken.insert(format!("{dir}/{slug}")) {
                slug = format!("{base}-{n}");
                n += 1;
            }
            places.insert(
                it.id.clone(),
                (
                    PathBuf::from(format!("{dir}/{slug}.md")),
                    format!("{url_dir}/{slug}/"),
                ),
            );
        }
        self.places = places;
    }

    /// Old addresses → new URLs: each post's `<link>`, `?p=ID`, and the
    /// category and tag archives (now tag pages).
    fn link_maps(&self) -> Maps {
        let host = self
            .wxr
            .link
            .split_once("://")
            .map_or(self.wxr.link.as_str(), |(_, r)| r);
        let host = host
            .split('/')
            .next()
            .unwrap_or("")
            .trim_start_matches("www.")
            .to_ascii_lowercase();
        let mut maps = Maps {
            host,
            ..Maps::default()
        };
        for it in self.entries() {
            let Some((_, url)) = self.places.get(&it.id) else {
                continue;
            };
            if let Some(path) = maps.own_path(&it.link) {
                maps.pages.insert(path, url.clone());
            }
            maps.pages.insert(format!("/?p={}", it.id), url.clone());
            maps.pages
                .insert(format!("/?page_id={}", it.id), url.clone());
            if !Self::is_published(it) {
                continue;
            }
            for (domain, nice, name) in &it.terms {
                let archive = match domain.as_str() {
                    "category" => "category",
                    "post_tag" => "tag",
                    _ => continue,
                };
                let tag_url = format!("/tags/{}/", slug::slugify(name));
                maps.pages
                    .insert(Maps::key(&format!("/{archive}/{nice}/")), tag_url);
            }
        }
        maps
    }

    /// Every image the posts use, fetched as `--uploads`/`--no-download`
    /// say; the ones that arrive go under static/ and into `maps`.
    fn images(&mut self, fetch: &Fetch, maps: &mut Maps) -> Vec<Asset> {
        let mut urls: BTreeSet<String> = BTreeSet::new();
        for it in self.entries() {
            for c in MEDIA_URL.captures_iter(&it.content) {
                // The original, not a resized copy: one file serves every size.
                urls.insert(super::maps::full_size(&html_escape_decode(&c[1])));
            }
        }
        for it in self.wxr.items.iter().filter(|it| it.kind == "attachment") {
            urls.insert(it.attachment_url.clone());
        }
        let urls: Vec<String> = urls
            .into_iter()
            .filter(|u| media::upload_path(u).is_some())
            .collect();
        let got = media::gather(&urls, fetch);
        let mut assets: HashMap<String, Asset> = HashMap::new();
        for (url, from) in got {
            let Some(rel) = media::upload_path(&url) else {
                continue;
            };
            maps.images.insert(url, media::site_url(&rel));
            assets.entry(rel.clone()).or_insert(Asset {
                rel: media::static_file(&rel),
                from,
            });
        }
        let mut assets: Vec<Asset> = assets.into_values().collect();
        assets.sort_by(|a, b| a.rel.cmp(&b.rel));
        assets
    }

    fn post(&self, it: &Item, maps: &Arc<Maps>) -> (Post, Notes) {
        let mut notes = Notes::default();
        let notes = &mut notes;
        let (rel, url) = self.places.get(&it.id).cloned().unwrap_or_default();
        let mut front = self.front(it, &url, maps, notes);
        let html = super::wp_content::prepare(&self.wxr, it, notes);
        let (md, found) = html_to_md::convert(&html, maps);
        for (find, message) in found {
            notes.add(Some(&find), message);
        }
        let (body, fixed) = markdown::tidy(&md);
        if fixed {
            notes.add(
                None,
                "heading levels were shifted so none is skipped; check the outline",
            );
        }
        if front.title.is_empty() {
            front.title = "Untitled".into();
            notes.add(
                Some("title:"),
                "the post had no title: it is called \"Untitled\" now",
            );
        }
        let post = Post { rel, front, body };
        (post, std::mem::take(notes))
    }

    fn front(&self, it: &Item, url: &str, maps: &Maps, notes: &mut Notes) -> Front {
        let date = super::dates::wordpress_gmt(&it.date_gmt)
            .or_else(|| super::dates::wordpress_gmt(&it.date))
            .or_else(|| super::dates::rfc2822(&it.pub_date))
            .unwrap_or_else(|| {
                jiff::Timestamp::now()
                    .strftime("%Y-%m-%dT%H:%M:%SZ")
                    .to_string()
            });
        let updated = super::dates::wordpress_gmt(&it.modified_gmt).filter(|u| *u > date);
        let mut f = Front {
            title: one_line(&html_to_md::plain_text(&it.title)),
            date: (it.kind == "post").then(|| date.clone()),
            updated: updated.filter(|_| it.kind == "post"),
            description: front::description(&it.excerpt),
            draft: !matches!(it.status.as_str(), "publish" | "future"),
            author: self
                .wxr
                .authors
                .get(&it.creator)
                .filter(|a| !a.is_empty())
                .cloned(),
            ..Front::default()
        };
        f.add_tags(
            it.terms
                .iter()
                .filter(|(d, nice, _)| {
                    (d == "category" && nice != "uncategorized") || d == "post_tag"
                })
                .map(|(_, _, name)| one_line(&html_to_md::plain_text(name))),
        );
        if !it.password.is_empty() {
            f.draft = true;
            notes.add(Some("draft:"), "the post was password-protected: it is a draft now; publish it only if it may be public");
        }
        if let Some(old) = maps
            .own_path(&it.link)
            .filter(|p| !p.contains('?') && p != url)
            && !f.draft
        {
            if self.is_taken(&old) {
                notes.add(
                    Some("title:"),
                    format!("the old address {old} is now another page's; it was not kept"),
                );
            } else {
                f.add_alias(old);
            }
        }
        self.featured(it, maps, &mut f, notes);
        f
    }

    /// Whether a new page or one of trellis's own listings has `url`.
    fn is_taken(&self, url: &str) -> bool {
        // contact.md comes with a new site (the consultation box links it).
        let own = ["/", "/blog/", "/tags/", "/follow/", "/contact/"];
        own.contains(&url)
            || url.starts_with("/blog/page/")
            || self.places.values().any(|(_, u)| u == url)
    }

    /// `_thumbnail_id` → the attachment's file and alt text.
    fn featured(&self, it: &Item, maps: &Maps, f: &mut Front, notes: &mut Notes) {
        let Some(id) = it.meta.get("_thumbnail_id") else {
            return;
        };
        let Some(att) = self
            .wxr
            .items
            .iter()
            .find(|a| a.kind == "attachment" && &a.id == id)
        else {
            return;
        };
        match maps.images.get(&att.attachment_url) {
            Some(local) => {
                f.image = Some(local.clone());
                let alt = att
                    .meta
                    .get("_wp_attachment_image_alt")
                    .cloned()
                    .unwrap_or_default();
                f.image_alt = Some(if alt.trim().is_empty() {
                    one_line(&att.title)
                } else {
                    alt
                });
            }
            None => notes.add(
                Some("title:"),
                format!("featured image not downloaded: {}", att.attachment_url),
            ),
        }
    }

    /// Report lines about what the export had that is not imported.
    fn skipped(&mut self) {
        let comments: usize = self.entries().map(|it| it.comments).sum();
        let export = self.export.clone();
        if comments > 0 {
            self.report.note_at(
                &export,
                1,
                format!("{comments} comments were dropped (trellis sites have no comments)"),
            );
        }
        let mut other: Vec<(String, usize)> = Vec::new();
        for it in &self.wxr.items {
            let known = matches!(
                it.kind.as_str(),
                "post" | "page" | "attachment" | "nav_menu_item"
            );
            if !known && !other.iter().any(|(k, _)| *k == it.kind) {
                other.push((it.kind.clone(), it.line));
            }
        }
        for (kind, line) in other {
            self.report.note_at(
                &export,
                line,
                format!("items of type `{kind}` were not imported"),
            );
        }
    }

    fn site(&mut self) -> SiteInfo {
        let menu = super::wp_menu::menu(&self.wxr, &self.places, &mut self.report, &self.export);
        SiteInfo {
            title: one_line(&self.wxr.title),
            description: one_line(&self.wxr.description),
            base_url: self.wxr.link.trim_end_matches('/').to_string(),
            language: self.wxr.language.clone(),
            author: one_line(&self.wxr.title),
            menu,
        }
    }
}

/// `post_name`, decoded and made a trellis slug; else the title's.
fn slug_of(it: &Item) -> String {
    let name = percent_encoding::percent_decode_str(&it.name).decode_utf8_lossy();
    let slug = slug::slugify(name.as_ref());
    let slug = if slug.is_empty() {
        slug::slugify(html_to_md::plain_text(&it.title))
    } else {
        slug
    };
    if slug.is_empty() {
        "untitled".into()
    } else {
        slug
    }
}

/// The slugs of a page's parents, outermost first (cycles cut).
fn ancestors(it: &Item, ids: &HashMap<&str, &Item>) -> Vec<String> {
    let mut out = Vec::new();
    let mut parent = it.parent.as_str();
    while let Some(p) = ids.get(parent).filter(|p| p.kind == "page") {
        if out.len() > 16 {
            break;
        }
        out.insert(0, slug_of(p));
        parent = p.parent.as_str();
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn html_escape_decode(s: &str) -> String {
    s.replace("&amp;", "&").replace("&#038;", "&")
}
