//! `serve --watch`: edits, deletions, renames and broken files as an open
//! tab sees them, over the live-reload stream.

use std::time::Duration;

use super::server::{Server, blog, next_event};
use crate::common::post;

#[test]
fn an_edit_is_served_and_announced_over_sse() {
    let site = blog();
    let server = Server::start(&site, &["--watch"]);
    let events = server.events();
    site.write(
        "content/posts/second.md",
        &post("Second", "2026-02-01", "Edited body."),
    );
    let (_, data) = next_event(&events, |name, _| name == "change");
    assert!(data.contains("blog/second/index.html"), "{data}");
    assert!(
        !data.contains("blog/first/index.html"),
        "unchanged page listed: {data}"
    );
    let (_, _, body) = server.get("/blog/second/");
    assert!(body.contains("Edited body."), "{body}");
    // A stylesheet alone is swapped in place, without reloading pages.
    site.write("static/style.css", "body { color: teal; }\n");
    let (_, data) = next_event(&events, |name, _| name == "change");
    assert!(data.contains(r#""pages":[],"css":true"#), "{data}");
    assert!(server.get("/style.css").2.contains("teal"));
}

#[test]
fn broken_front_matter_keeps_the_old_site_and_the_fix_clears_the_error() {
    let site = blog();
    let server = Server::start(&site, &["--watch"]);
    let events = server.events();
    site.write(
        "content/posts/second.md",
        "---\ntitle: [Second\ndate: 2026-02-01\n---\nBroken.\n",
    );
    let (_, data) = next_event(&events, |name, _| name == "build-error");
    assert!(data.contains("content/posts/second.md:2"), "{data}");
    assert!(data.contains("help"), "no hint in {data}");
    let (status, _, body) = server.get("/blog/second/");
    assert_eq!(status, 200);
    assert!(
        body.contains("Second body."),
        "old content not served: {body}"
    );
    let fix = || {
        site.write(
            "content/posts/second.md",
            &post("Second", "2026-02-01", "Fixed body."),
        )
    };
    server.fix_reloads(&events, fix, "/blog/second/", "Fixed body.");
}

#[test]
fn a_broken_template_keeps_the_old_site_until_fixed() {
    let site = blog();
    let server = Server::start(&site, &["--watch"]);
    let events = server.events();
    site.write("templates/post_card.html", "<li>{{ post.title </li>\n");
    let (_, data) = next_event(&events, |name, _| name == "build-error");
    assert!(data.contains("templates/post_card.html:1"), "{data}");
    assert!(server.get("/blog/").2.contains("First"));
    let fix = || {
        site.write(
            "templates/post_card.html",
            "<li class=\"mine\">{{ post.title }}</li>\n",
        )
    };
    server.fix_reloads(&events, fix, "/blog/", "class=\"mine\"");
}

#[test]
fn a_deleted_post_is_gone_and_a_new_one_appears() {
    let site = blog();
    let server = Server::start(&site, &["--watch"]);
    std::fs::remove_file(site.path("content/posts/second.md")).unwrap_or_else(|e| panic!("{e}"));
    server.wait_for("/blog/second/", "still served after deletion", |s, _| {
        s == 404
    });
    assert!(!server.get("/blog/").2.contains("/blog/second/"));
    // A tab on the missing page waits for it to appear.
    let (_, _, body) = server.get("/blog/third/");
    assert!(
        body.contains(r#"data-key="blog/third/index.html 404.html""#),
        "{body}"
    );
    site.write(
        "content/posts/third.md",
        &post("Third", "2026-03-01", "Third body."),
    );
    server.wait_for("/blog/third/", "new post not served", |s, b| {
        s == 200 && b.contains("Third body.")
    });
}

#[test]
fn a_renamed_post_moves_to_its_new_address() {
    let site = blog();
    let server = Server::start(&site, &["--watch"]);
    let (from, to) = (
        site.path("content/posts/second.md"),
        site.path("content/posts/moved.md"),
    );
    std::fs::rename(from, to).unwrap_or_else(|e| panic!("{e}"));
    server.wait_for("/blog/moved/", "renamed post not served", |s, b| {
        s == 200 && b.contains("Second body.")
    });
    assert_eq!(server.get("/blog/second/").0, 404);
}

#[test]
fn a_broken_first_build_shows_its_error_until_fixed() {
    let site = blog();
    site.write("content/posts/second.md", "---\ntitle: [x\n---\n");
    let server = Server::start(&site, &["--watch"]);
    let (status, _, body) = server.get("/blog/first/");
    assert_eq!(status, 404);
    assert!(body.contains("/__trellis/live.js"), "{body}");
    let said = server.wait_stderr("the terminal's note", |lines| {
        lines.iter().any(|l| l.contains("save to try again"))
    });
    let said = said.join("\n");
    assert!(
        said.contains("Nothing to serve until the site builds"),
        "{said}"
    );
    assert!(!said.contains("last good build"), "{said}");
    let events = server.events();
    next_event(&events, |name, data| {
        name == "build-error" && data.contains("second.md:2")
    });
    let fix = || {
        site.write(
            "content/posts/second.md",
            &post("Second", "2026-02-01", "Fine."),
        )
    };
    server.fix_reloads(&events, fix, "/blog/second/", "Fine.");
}

#[test]
fn a_burst_of_changes_rebuilds_once_or_twice_not_per_file() {
    let site = blog();
    let server = Server::start(&site, &["--watch"]);
    let events = server.events();
    for i in 0..100 {
        site.write(
            &format!("content/posts/burst-{i}.md"),
            &post(&format!("Burst {i}"), "2026-03-01", "b"),
        );
    }
    next_event(&events, |name, _| name == "change");
    server.wait_for("/blog/burst-99/", "last file of the burst", |s, _| s == 200);
    std::thread::sleep(Duration::from_millis(500));
    let extra = events
        .try_iter()
        .filter(|(name, _)| name == "change")
        .count();
    assert!(extra <= 2, "{} rebuilds for one burst", extra + 1);
}
