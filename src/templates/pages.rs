//! One function per kind of HTML page: build its context from the Site,
//! render its template.

use tera::Context;

use super::Engine;
use super::views::{self, FeedLink, Link, PageMeta, Paginator, PostView, TagLink};
use crate::dates;
use crate::diag::Result;
use crate::site::{Alias, Entry, Listing, ListingKind, Site};

fn feeds(site: &Site) -> Vec<FeedLink> {
    let feed = site.main_feed();
    let rss = FeedLink {
        title: format!("{} (RSS)", feed.title),
        url: feed.rss_url.clone(),
        mime: "application/rss+xml",
    };
    let atom = feed.atom_url.as_ref().map(|url| FeedLink {
        title: format!("{} (Atom)", feed.title),
        url: url.clone(),
        mime: "application/atom+xml",
    });
    std::iter::once(rss).chain(atom).collect()
}

struct MetaArgs<'a> {
    heading: &'a str,
    description: &'a str,
    url: &'a str,
    og_type: &'static str,
}

fn meta(site: &Site, a: MetaArgs<'_>) -> PageMeta {
    let title = if a.url == "/" {
        site.config.title.clone()
    } else {
        format!("{} – {}", a.heading, site.config.title)
    };
    let description = if a.description.is_empty() {
        &site.config.description
    } else {
        a.description
    };
    PageMeta {
        title,
        heading: a.heading.to_string(),
        description: description.to_string(),
        url: a.url.to_string(),
        permalink: site.config.absolute(a.url),
        section_url: section_of(site, a.url),
        og_type: a.og_type,
        og_locale: site.config.language.replace('-', "_"),
        image: None,
        image_alt: None,
        json_ld: None,
        feeds: feeds(site),
        has_code: false,
    }
}

/// The longest menu URL this page sits under.
fn section_of(site: &Site, url: &str) -> String {
    let in_blog = url.starts_with("/tags/") || url.starts_with("/blog/");
    site.config
        .menu
        .iter()
        .map(|m| m.url.as_str())
        .filter(|m| *m == url || (*m != "/" && url.starts_with(m)) || (in_blog && *m == "/blog/"))
        .max_by_key(|m| m.len())
        .unwrap_or("")
        .to_string()
}

pub fn post(engine: &Engine, site: &Site, index: usize) -> Result<String> {
    let entry = &site.posts[index];
    let front = &entry.doc.front;
    let mut page = meta(
        site,
        MetaArgs {
            heading: &front.title,
            description: &entry.description,
            url: &entry.url,
            og_type: "article",
        },
    );
    page.image = front.image.as_deref().map(|i| site.config.absolute(i));
    page.image_alt = front.image_alt.clone();
    page.json_ld = Some(super::seo::blog_posting(site, entry));
    page.has_code = entry.rendered.has_code;
    // A post is in the blog wherever `permalinks:` puts it.
    if page.section_url.is_empty() {
        page.section_url = section_of(site, "/blog/");
    }
    let link = |i: usize| Link {
        title: &site.posts[i].doc.front.title,
        url: &site.posts[i].url,
    };
    let used = |name: &str| entry.rendered.components.iter().any(|c| c == name);
    let config = &site.config;
    let view = PostView {
        title: &front.title,
        url: &entry.url,
        date_iso: entry.doc.date.as_ref().map(dates::iso).unwrap_or_default(),
        date_display: entry
            .doc
            .date
            .as_ref()
            .map(dates::display)
            .unwrap_or_default(),
        updated_iso: entry.doc.updated.as_ref().map(dates::iso),
        updated_display: entry.doc.updated.as_ref().map(dates::display),
        author: front.author.as_deref(),
        reading_minutes: crate::markdown::reading_minutes(entry.rendered.words),
        words: entry.rendered.words,
        tags: views::tag_links(site, entry),
        toc: if front.toc { &entry.rendered.toc } else { &[] },
        content: &entry.rendered.html,
        image: front.image.as_deref(),
        image_alt: front.image_alt.as_deref(),
        extra: &front.extra,
        show_cta: config.consultation.after_posts && front.cta != Some(false) && !used("cta"),
        show_subscribe: config.alerts.after_posts && !used("subscribe"),
        prev: index.checked_sub(1).map(link),
        next: (index + 1 < site.posts.len()).then(|| link(index + 1)),
    };
    let mut ctx = Context::new();
    ctx.insert("page", &page);
    ctx.insert("post", &view);
    engine.render("post.html", &ctx)
}

pub fn page(engine: &Engine, site: &Site, entry: &Entry) -> Result<String> {
    let front = &entry.doc.front;
    let mut page = meta(
        site,
        MetaArgs {
            heading: &front.title,
            description: &entry.description,
            url: &entry.url,
            og_type: "website",
        },
    );
    page.image = front.image.as_deref().map(|i| site.config.absolute(i));
    page.image_alt = front.image_alt.clone();
    page.has_code = entry.rendered.has_code;
    let mut ctx = Context::new();
    ctx.insert("page", &page);
    ctx.insert("content", &entry.rendered.html);
    ctx.insert("extra", &front.extra);
    engine.render("page.html", &ctx)
}

pub fn listing(engine: &Engine, site: &Site, listing: &Listing) -> Result<String> {
    let (heading, template) = match listing.kind {
        ListingKind::Home => (site.config.title.clone(), "home.html"),
        ListingKind::Blog => ("Blog".to_string(), "blog.html"),
        ListingKind::TagIndex => ("Topics".to_string(), "tags.html"),
        ListingKind::Tag(t) => (format!("Posts about {}", site.tags[t].name), "tag.html"),
    };
    let heading = if listing.page > 1 {
        format!("{heading} (page {})", listing.page)
    } else {
        heading
    };
    let home = site
        .home
        .as_ref()
        .filter(|_| listing.kind == ListingKind::Home);
    let description = home.map_or(site.config.description.as_str(), |h| h.description.as_str());
    let mut page = meta(
        site,
        MetaArgs {
            heading: &heading,
            description,
            url: &listing.url,
            og_type: "website",
        },
    );
    let mut ctx = Context::new();
    match listing.kind {
        ListingKind::Home => {
            page.json_ld = Some(super::seo::organization(site));
            ctx.insert("intro", &home.map(|h| h.rendered.html.as_str()));
        }
        ListingKind::Tag(t) => {
            let tag = &site.tags[t];
            let feed = site.tag_feed(t);
            let feed_url = &feed.rss_url;
            page.feeds.push(FeedLink {
                title: feed.title.clone(),
                url: feed_url.clone(),
                mime: "application/rss+xml",
            });
            ctx.insert("tag", &serde_json::json!({ "name": tag.name, "url": tag.url, "count": tag.posts.len(), "feed_url": feed_url }));
        }
        ListingKind::TagIndex => {
            let tags: Vec<TagLink<'_>> = site
                .tags
                .iter()
                .map(|t| TagLink {
                    name: &t.name,
                    url: &t.url,
                    count: t.posts.len(),
                })
                .collect();
            ctx.insert("tags", &tags);
        }
        ListingKind::Blog => {}
    }
    let cards: Vec<_> = listing
        .posts
        .iter()
        .map(|&i| views::card(site, &site.posts[i]))
        .collect();
    ctx.insert("posts", &cards);
    ctx.insert(
        "paginator",
        &Paginator {
            page: listing.page,
            pages: listing.pages,
            prev_url: listing.prev_url.as_deref(),
            next_url: listing.next_url.as_deref(),
        },
    );
    ctx.insert("page", &page);
    engine.render(template, &ctx)
}

/// `404.html` and `/follow/`: pages with no source file.
pub fn fixed(engine: &Engine, site: &Site, template: &str) -> Result<String> {
    let (heading, url, description) = match template {
        "404.html" => (
            "Page not found",
            "/404.html",
            "There is no page at this address.",
        ),
        _ => (
            "How to follow this blog",
            "/follow/",
            "How to get new posts from this blog by email or in a feed reader.",
        ),
    };
    let page = meta(
        site,
        MetaArgs {
            heading,
            description,
            url,
            og_type: "website",
        },
    );
    let mut ctx = Context::new();
    ctx.insert("page", &page);
    engine.render(template, &ctx)
}

pub fn alias(engine: &Engine, site: &Site, alias: &Alias) -> Result<String> {
    let mut ctx = Context::new();
    ctx.insert("target", &site.config.absolute(&alias.to));
    engine.render("alias.html", &ctx)
}
