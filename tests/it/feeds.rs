//! Blog alerts and discovery: feeds, tags, aliases, sitemap, SEO metadata,
//! all read back with XML, HTML and JSON parsers.

use roxmltree::Document;

use crate::common::{TestSite, attrs, select};

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "site.yaml",
        "title: \"Calm & <Co> \\\"Practice\\\" 🌿\"\nbase_url: https://example.org\ndescription: \"Therapy & more\"\nposts_per_page: 1\npractice:\n  name: Calm Co\n  email: hello@example.org\nfeeds:\n  limit: 2\n",
    )
    .write(
        "content/posts/one.md",
        "---\ntitle: \"Fish & <Chips> \\\"quoted\\\" 🐟\"\ndate: 2026-01-01\ndescription: \"A & B < C\"\ntags: [\"Couples Therapy\", \"R&R <1>\"]\nimage: /images/lead.png\nimage_alt: A calm lake\naliases: [\"/old/one/\", \"/2019/01/one.html\"]\n---\nSee [two](/blog/two/), [the top](#top), ![pic](/images/a.png) and [x](https://other.org/).\n\n## Top\n\nText.\n",
    )
    .write(
        "content/posts/two.md",
        "---\ntitle: Two\ndate: 2026-02-01T09:30:00-05:00\nupdated: 2026-02-03\ntags: [\"Couples Therapy\"]\nauthor: Dr. Ann\n---\nTwo body.\n",
    )
    .write("content/posts/three.md", "---\ntitle: Three\ndate: 2026-03-01\n---\nThree body.\n")
    // The images the posts show; a missing one fails the build.
    .write("static/images/lead.png", "png")
    .write("static/images/a.png", "png")
    .write("content/posts/draft.md", "---\ntitle: Draft\ndate: 2026-01-01\ndraft: true\ntags: [\"Couples Therapy\"]\n---\nNo.\n");
    site
}

fn xml(text: &str) -> Document<'_> {
    Document::parse(text).unwrap_or_else(|e| panic!("invalid XML: {e}\n{text}"))
}

fn texts<'a>(doc: &'a Document<'_>, name: &str) -> Vec<&'a str> {
    doc.descendants()
        .filter(|n| n.has_tag_name(name))
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn rss_has_the_newest_posts_with_full_absolute_content() {
    let site = site();
    site.build();
    let text = site.read("public/rss.xml");
    let doc = xml(&text);
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .filter_map(|i| {
            i.children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
        })
        .collect();
    assert_eq!(
        titles,
        ["Three", "Two"],
        "newest first, limited to feeds.limit"
    );
    assert_eq!(texts(&doc, "title")[0], "Calm & <Co> \"Practice\" 🌿");
    let self_link = doc
        .descendants()
        .find(|n| n.tag_name().namespace() == Some(ATOM) && n.has_tag_name("link"));
    assert_eq!(
        self_link.and_then(|n| n.attribute("href")),
        Some("https://example.org/rss.xml")
    );
    for date in texts(&doc, "pubDate") {
        assert!(
            jiff::fmt::rfc2822::parse(date).is_ok(),
            "not RFC 2822: {date}"
        );
    }
    assert!(text.contains("<?xml-stylesheet type=\"text/xsl\" href=\"/feed.xsl\"?>"));
}

#[test]
fn feed_items_carry_tags_author_guid_and_absolute_links() {
    let site = site();
    site.write(
        "site.yaml",
        &site.read("site.yaml").replace("limit: 2", "limit: 20"),
    );
    site.build();
    let text = site.read("public/rss.xml");
    let doc = xml(&text);
    let item = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("item")
                && n.children()
                    .any(|c| c.text() == Some("Fish & <Chips> \"quoted\" 🐟"))
        })
        .unwrap_or_else(|| panic!("item missing"));
    let child = |name: &str| {
        item.children()
            .filter(|c| c.has_tag_name(name))
            .filter_map(|c| c.text())
            .collect::<Vec<_>>()
    };
    assert_eq!(child("category"), ["Couples Therapy", "R&R <1>"]);
    assert_eq!(child("guid"), ["https://example.org/blog/one/"]);
    assert_eq!(child("author"), ["hello@example.org (Calm Co)"]);
    let html = scraper::Html::parse_fragment(child("description")[0]);
    let links: Vec<String> = attrs(&html, "a", "href")
        .into_iter()
        .chain(attrs(&html, "img", "src"))
        .collect();
    assert!(links.len() >= 5, "{links:?}");
    for link in &links {
        assert!(
            link.starts_with("https://"),
            "relative link in feed: {link}"
        );
    }
    assert!(links.contains(&"https://example.org/blog/one/#top".to_string()));
    assert!(
        attrs(&html, "img", "src").contains(&"https://example.org/images/lead.png".to_string()),
        "lead image"
    );
    assert!(
        attrs(&html, "a.anchor", "href").is_empty(),
        "heading anchors are dropped"
    );
    assert!(!text.contains("Draft"), "drafts stay out of feeds");
}

#[test]
fn atom_feed_is_valid_with_rfc3339_dates() {
    let site = site();
    site.build();
    let text = site.read("public/atom.xml");
    let doc = xml(&text);
    assert_eq!(doc.root_element().tag_name().namespace(), Some(ATOM));
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 2);
    for name in ["updated", "published"] {
        for d in texts(&doc, name) {
            assert!(d.parse::<jiff::Timestamp>().is_ok(), "not RFC 3339: {d}");
        }
    }
    let two = entries
        .iter()
        .find(|e| e.children().any(|c| c.text() == Some("Two")))
        .unwrap_or_else(|| panic!("Two"));
    let of = |name: &str| {
        two.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .unwrap_or("")
    };
    assert_eq!(of("published"), "2026-02-01T14:30:00+00:00");
    assert_eq!(of("updated"), "2026-02-03T00:00:00+00:00");
    assert_eq!(of("id"), "https://example.org/blog/two/");
    assert!(
        two.descendants()
            .any(|n| n.has_tag_name("name") && n.text() == Some("Dr. Ann"))
    );
}

#[test]
fn feed_content_modes() {
    let site = site();
    site.write(
        "site.yaml",
        &site
            .read("site.yaml")
            .replace("limit: 2", "limit: 2\n  content: both"),
    );
    site.write("content/posts/three.md", "---\ntitle: Three\ndate: 2026-03-01\n---\nShort intro.\n\n<!-- more -->\n\nThe long rest.\n");
    site.build();
    let text = site.read("public/rss.xml");
    let doc = xml(&text);
    let descriptions = texts(&doc, "description");
    assert!(
        descriptions
            .iter()
            .any(|d| d.contains("Short intro") && !d.contains("long rest"))
    );
    let encoded: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("encoded"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        encoded.iter().any(|d| d.contains("The long rest")),
        "content:encoded has the full post"
    );

    site.write(
        "site.yaml",
        &site
            .read("site.yaml")
            .replace("content: both", "content: summary"),
    );
    site.build();
    let text = site.read("public/rss.xml");
    assert!(!text.contains("long rest"));
}

#[test]
fn tag_pages_and_per_tag_feeds() {
    let site = site();
    site.build();
    let index = site.html("public/tags/index.html");
    assert_eq!(
        select(&index, ".tag-list li a"),
        ["Couples Therapy", "R&R <1>"]
    );
    assert_eq!(select(&index, ".tag-list .count"), ["(2)", "(1)"]);
    assert!(site.exists("public/tags/couples-therapy/index.html"));
    assert!(
        site.exists("public/tags/couples-therapy/page/2/index.html"),
        "tag pages paginate"
    );
    assert!(site.exists("public/tags/r-and-r-1/index.html"));
    let feed = site.read("public/tags/couples-therapy/rss.xml");
    let doc = xml(&feed);
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("item")).count(),
        2
    );
    let page = site.html("public/tags/couples-therapy/index.html");
    assert!(
        attrs(&page, "link[rel=alternate]", "href")
            .contains(&"/tags/couples-therapy/rss.xml".to_string())
    );
}

#[test]
fn colliding_tags_are_an_error_naming_both() {
    let site = site();
    site.write(
        "content/posts/three.md",
        "---\ntitle: Three\ndate: 2026-03-01\ntags: [\"Couples Therapy!\"]\n---\nx\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("`Couples Therapy`") && err.contains("`Couples Therapy!`"),
        "{err}"
    );
    assert!(err.contains("content/posts/three.md:4"), "{err}");
}

#[test]
fn aliases_redirect_and_may_not_collide() {
    let site = site();
    site.build();
    for path in ["public/old/one/index.html", "public/2019/01/one.html"] {
        let doc = site.html(path);
        assert_eq!(
            attrs(&doc, "link[rel=canonical]", "href"),
            ["https://example.org/blog/one/"]
        );
        assert_eq!(
            attrs(&doc, "meta[http-equiv=refresh]", "content"),
            ["0; url=https://example.org/blog/one/"]
        );
    }
    site.write(
        "content/posts/three.md",
        "---\ntitle: Three\ndate: 2026-03-01\naliases: [\"/blog/two/\"]\n---\nx\n",
    );
    let err = site.build_err();
    assert!(
        err.contains("/blog/two/") && err.contains("content/posts/two.md"),
        "{err}"
    );
}

#[test]
fn sitemap_and_robots() {
    let site = site();
    site.build();
    let text = site.read("public/sitemap.xml");
    let doc = xml(&text);
    let locs = texts(&doc, "loc");
    for url in [
        "https://example.org/",
        "https://example.org/blog/one/",
        "https://example.org/tags/couples-therapy/",
    ] {
        assert!(locs.contains(&url), "{url} missing from {locs:?}");
    }
    assert!(
        !locs
            .iter()
            .any(|l| l.contains("draft") || l.contains("404") || l.contains("/old/"))
    );
    let urls = doc.descendants().filter(|n| n.has_tag_name("url")).count();
    assert_eq!(
        texts(&doc, "lastmod").len(),
        urls,
        "every URL has a lastmod"
    );
    assert!(
        site.read("public/robots.txt")
            .contains("Sitemap: https://example.org/sitemap.xml")
    );
}

#[test]
fn every_page_has_seo_metadata_and_valid_json_ld() {
    let site = site();
    site.build();
    let doc = site.html("public/blog/one/index.html");
    assert_eq!(
        attrs(&doc, "meta[name=description]", "content"),
        ["A & B < C"]
    );
    assert_eq!(
        attrs(&doc, "meta[property='og:type']", "content"),
        ["article"]
    );
    assert_eq!(
        attrs(&doc, "meta[property='og:image']", "content"),
        ["https://example.org/images/lead.png"]
    );
    assert_eq!(
        attrs(&doc, "meta[property='og:url']", "content"),
        ["https://example.org/blog/one/"]
    );
    assert_eq!(
        attrs(&doc, "link[rel=alternate]", "href"),
        ["/rss.xml", "/atom.xml"]
    );
    let json = select(&doc, "script[type='application/ld+json']");
    let ld: serde_json::Value =
        serde_json::from_str(&json[0]).unwrap_or_else(|e| panic!("JSON-LD: {e}"));
    assert_eq!(ld["@type"], "BlogPosting");
    assert_eq!(ld["headline"], "Fish & <Chips> \"quoted\" 🐟");
    assert_eq!(ld["datePublished"], "2026-01-01T00:00:00+00:00");
    assert_eq!(ld["publisher"]["name"], "Calm Co");
    assert_eq!(ld["image"], "https://example.org/images/lead.png");
    assert_eq!(
        ld["mainEntityOfPage"]["@id"],
        "https://example.org/blog/one/"
    );

    let home = site.html("public/index.html");
    let json = select(&home, "script[type='application/ld+json']");
    let org: serde_json::Value =
        serde_json::from_str(&json[0]).unwrap_or_else(|e| panic!("JSON-LD: {e}"));
    assert_eq!(org["@type"], "Organization");
    assert_eq!(org["email"], "hello@example.org");
    assert_eq!(
        attrs(&home, "meta[property='og:type']", "content"),
        ["website"]
    );
}
