//! `serve` runs the checks `build` runs: what `build` would reject is shown
//! as an error instead of previewed, and warnings are printed, not fatal.

use super::server::{Server, blog, next_event};
use crate::common::post;

/// Line 7 of the file, column 15 is the `/` of the address.
const BROKEN: &str = "Second body.\n\nSee [the map](/blog/nowhere/).";

#[test]
fn a_broken_link_shows_the_error_and_keeps_the_last_good_page() {
    let site = blog();
    let server = Server::start(&site, &["--watch"]);
    let events = server.events();
    site.write(
        "content/posts/second.md",
        &post("Second", "2026-02-01", BROKEN),
    );
    let (_, data) = next_event(&events, |name, _| name == "build-error");
    let error: serde_json::Value = serde_json::from_str(&data).unwrap_or_else(|e| panic!("{e}"));
    let text = error["text"].as_str().unwrap_or_default();
    assert!(text.contains("error[broken-link]"), "{text}");
    assert!(text.contains("--> content/posts/second.md:7:15"), "{text}");
    assert!(text.contains("help: did you mean `/blog/`?"), "{text}");
    // The page as it last passed, with the script that shows the error.
    let (status, _, body) = server.get("/blog/second/");
    assert_eq!(status, 200);
    assert!(body.contains("Second body."), "{body}");
    assert!(
        !body.contains("the map"),
        "a rejected page was served: {body}"
    );
    assert!(body.contains("/__trellis/live.js"), "{body}");
    let fixed = post("Second", "2026-02-01", "See [the blog](/blog/).");
    let fix = || {
        site.write("content/posts/second.md", &fixed);
    };
    server.fix_reloads(&events, fix, "/blog/second/", "the blog");
}

#[test]
fn a_link_into_a_renamed_heading_is_an_error_on_the_linking_page() {
    let site = blog();
    site.write(
        "content/posts/second.md",
        &post("Second", "2026-02-01", "## Calm breathing\n\nIn and out."),
    )
    .write(
        "content/about.md",
        "---\ntitle: About us\n---\nTry [calm breathing](/blog/second/#calm-breathing).\n",
    );
    let server = Server::start(&site, &["--watch"]);
    let events = server.events();
    site.write(
        "content/posts/second.md",
        &post("Second", "2026-02-01", "## Slow breathing\n\nIn and out."),
    );
    let (_, data) = next_event(&events, |name, _| name == "build-error");
    assert!(data.contains("error[broken-anchor]"), "{data}");
    assert!(data.contains("--> content/about.md:4:"), "{data}");
    assert!(server.get("/blog/second/").2.contains("Calm breathing"));
}

#[test]
fn a_warning_only_change_reloads_and_prints_the_warning_once() {
    let site = blog();
    let server = Server::start(&site, &["--watch"]);
    let events = server.events();
    site.write(
        "content/posts/2026-01-05-first.md",
        &post("First", "2026-01-05", "Read [here](/about/)."),
    );
    let (_, data) = next_event(&events, |name, _| name != "hello");
    assert!(
        data.contains("blog/first/index.html"),
        "not a reload: {data}"
    );
    assert!(server.get("/blog/first/").2.contains("here"));
    server.wait_stdout("the warning and a note", |lines| {
        lines.iter().any(|l| l.ends_with("1 new above"))
    });
    // An edit elsewhere: the warning is not printed again.
    site.write(
        "content/posts/second.md",
        &post("Second", "2026-02-01", "Edited."),
    );
    next_event(&events, |name, _| name == "change");
    let lines = server.wait_stdout("a second rebuild", |lines| {
        lines.iter().filter(|l| l.starts_with("Rebuilt")).count() == 2
    });
    let link_text = lines.iter().filter(|l| l.contains("warning[link-text]"));
    assert_eq!(link_text.count(), 1, "{}", lines.join("\n"));
    let last = lines.iter().rfind(|l| l.starts_with("Rebuilt"));
    assert!(
        last.is_some_and(|l| l.contains(" warnings") && !l.contains("new")),
        "{last:?}"
    );
}

#[test]
fn serve_without_watch_refuses_a_site_build_would_reject() {
    let site = blog();
    site.write(
        "content/posts/second.md",
        &post("Second", "2026-02-01", BROKEN),
    );
    // Bounded: a server that wrongly started would never exit by itself.
    let out = assert_cmd::Command::cargo_bin("trellis")
        .unwrap_or_else(|e| panic!("binary: {e}"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .env("NO_COLOR", "1")
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("content/posts/second.md:7:15"), "{err}");
}

#[test]
fn a_rule_set_to_warning_in_site_yaml_lets_the_page_through() {
    let site = blog();
    let yaml = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{yaml}check:\n  rules:\n    broken-link: warning\n"),
    );
    let server = Server::start(&site, &["--watch"]);
    let events = server.events();
    site.write(
        "content/posts/second.md",
        &post("Second", "2026-02-01", BROKEN),
    );
    let (name, data) = next_event(&events, |name, _| name != "hello");
    assert_ne!(name, "build-error", "{data}");
    assert!(server.get("/blog/second/").2.contains("the map"));
}
