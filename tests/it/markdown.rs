//! What the Markdown stage adds for screen-reader users: named task-list
//! checkboxes, and footnotes that lead to their text and back.

use scraper::{Html, Selector};

use crate::common::{TestSite, attrs, post, select};

fn one_post(body: &str) -> TestSite {
    let site = TestSite::new();
    site.write("content/posts/p.md", &post("P", "2026-01-01", body));
    site.build();
    site
}

/// The ids of every element on the page.
fn ids(doc: &Html) -> Vec<String> {
    attrs(doc, "[id]", "id")
}

#[test]
fn task_list_checkboxes_are_named_and_disabled() {
    let site = one_post("Today:\n\n- [ ] Open the curtains\n- [x] Drink a glass of water\n");
    let doc = site.html("public/blog/p/index.html");
    let boxes = ".content li > input[type=checkbox]";
    assert_eq!(attrs(&doc, boxes, "aria-label"), ["Not done", "Done"]);
    assert_eq!(attrs(&doc, boxes, "disabled").len(), 2);
    let checked = format!("{boxes}[checked]");
    assert_eq!(attrs(&doc, &checked, "aria-label"), ["Done"]);
    assert_eq!(
        select(&doc, ".content li"),
        ["Open the curtains", "Drink a glass of water"]
    );
}

#[test]
fn footnotes_link_to_their_text_and_back() {
    // `b` is defined before it is cited, and `a` is cited twice.
    let site = one_post(
        "[^b]: Second note.\n\nFirst[^a] and second[^b].\n\n## Later\n\nAgain[^a].\n\n[^a]: First note.\n",
    );
    let doc = site.html("public/blog/p/index.html");
    let refs = ".content sup.footnote-reference";
    assert_eq!(attrs(&doc, refs, "id"), ["fnref-1", "fnref-2", "fnref-1-2"]);
    assert_eq!(select(&doc, refs), ["1", "2", "1"]);
    let ref_links = format!("{refs} > a");
    assert_eq!(
        attrs(&doc, &ref_links, "aria-label"),
        ["Footnote 1", "Footnote 2", "Footnote 1"]
    );

    // Numbered as cited; written after the body, whatever their place.
    let defs = ".content > .footnote-definition";
    assert_eq!(attrs(&doc, defs, "id"), ["fn-1", "fn-2"]);
    let last = Selector::parse(".content > *").unwrap_or_else(|e| panic!("{e:?}"));
    let tail: Vec<_> = doc.select(&last).rev().take(2).collect();
    assert!(tail.iter().all(|e| e.value().has_class(
        "footnote-definition",
        scraper::CaseSensitivity::CaseSensitive
    )));

    let back = ".footnote-definition a.footnote-backref";
    assert_eq!(
        attrs(&doc, back, "aria-label"),
        [
            "Back to reference 1",
            "Back to reference 1-2",
            "Back to reference 2"
        ]
    );
    // Every link either way lands on an id the page has, once.
    let ids = ids(&doc);
    for href in attrs(&doc, &ref_links, "href")
        .into_iter()
        .chain(attrs(&doc, back, "href"))
    {
        let target = href.trim_start_matches('#');
        assert_eq!(ids.iter().filter(|i| *i == target).count(), 1, "{href}");
    }
    // The arrow sits in the note's paragraph, not on a line of its own.
    let in_p = ".footnote-definition > p > a.footnote-backref";
    assert_eq!(attrs(&doc, in_p, "href").len(), 3);
}

#[test]
fn summaries_on_other_pages_drop_footnote_references() {
    let site = TestSite::new();
    for name in ["one", "two"] {
        site.write(
            &format!("content/posts/{name}.md"),
            &post(name, "2026-01-01", "Calm[^n] words.\n\n[^n]: A note.\n"),
        );
    }
    site.build();
    let blog = site.html("public/blog/index.html");
    assert_eq!(select(&blog, "sup.footnote-reference").len(), 0);
    assert!(
        select(&blog, "article p")
            .iter()
            .any(|p| p == "Calm words.")
    );
    let ids = ids(&blog);
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "repeated ids: {ids:?}");
}
