//! `trellis check`: each rule on a clean fixture plus one broken file,
//! asserting the exact findings (rule, file, line); the clean fixture and
//! the repo's own sample site have none.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

use crate::common::TestSite;

pub type Finding = (String, String, u64);

/// The findings of `trellis check --format json` in `root`, and whether it
/// exited successfully.
pub fn check_root(root: &Path) -> (Vec<Finding>, Value, bool) {
    let out = Command::cargo_bin("trellis")
        .unwrap_or_else(|e| panic!("binary: {e}"))
        .args(["check", "--format", "json", "--root"])
        .arg(root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", String::from_utf8_lossy(&out.stdout)));
    let findings = json["findings"]
        .as_array()
        .map(|all| all.iter().map(finding).collect())
        .unwrap_or_default();
    (findings, json, out.status.success())
}

pub fn finding(v: &Value) -> Finding {
    let loc = &v["location"];
    (
        v["rule"].as_str().unwrap_or("").to_string(),
        loc["path"].as_str().unwrap_or("").to_string(),
        loc["line"].as_u64().unwrap_or(0),
    )
}

pub fn at(rule: &str, file: &str, line: u64) -> Finding {
    (rule.to_string(), file.to_string(), line)
}

/// A copy of `tests/fixtures/check-clean`: a site with no findings.
pub fn clean() -> TestSite {
    let site = TestSite::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check-clean");
    for e in walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(&src).unwrap_or(e.path());
            let bytes = std::fs::read(e.path()).unwrap_or_else(|err| panic!("read: {err}"));
            site.write_bytes(&rel.to_string_lossy(), &bytes);
        }
    }
    site
}

/// The clean fixture with one more post; its body starts on line 6.
pub fn with_post(body: &str) -> TestSite {
    let site = clean();
    site.write(
        POST,
        &format!("---\ntitle: \"A Test Post\"\ndate: 2026-03-01\ndescription: \"A short post.\"\n---\n{body}"),
    );
    site
}

pub const POST: &str = "content/posts/test.md";

pub fn findings(site: &TestSite) -> Vec<Finding> {
    check_root(site.root()).0
}

#[test]
fn clean_fixture_has_no_findings_and_builds_quietly() {
    let site = clean();
    let (found, json, ok) = check_root(site.root());
    assert_eq!(found, []);
    assert!(ok);
    assert_eq!(
        (json["errors"].as_u64(), json["warnings"].as_u64()),
        (Some(0), Some(0))
    );
    assert!(!site.exists("public"), "check wrote files");
    let out = site.build();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("warning"));
}

#[test]
fn the_sample_site_checks_clean() {
    let (found, _, ok) = check_root(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(found, []);
    assert!(ok);
}

#[test]
fn broken_markdown_link() {
    let site = with_post("Hello.\n\nSee [our fees](/fees/) first.\n");
    assert_eq!(findings(&site), [at("broken-link", POST, 8)]);
}

#[test]
fn broken_anchors_on_this_page_and_another() {
    let site = with_post(
        "Hello.\n\n## Start\n\nBack to [the start](#strat).\n\nSee [how we work](/about/#how-we-wrk).\n",
    );
    assert_eq!(
        findings(&site),
        [at("broken-anchor", POST, 10), at("broken-anchor", POST, 12)]
    );
}

#[test]
fn broken_links_in_site_yaml_and_templates() {
    let site = with_post("Hello.\n\n{{< map >}}\n");
    let yaml = site
        .read("site.yaml")
        .replace("url: /about/ }", "url: /about-us/ }");
    site.write("site.yaml", &yaml).write(
        "templates/components/map.html",
        "{% component map() %}\n<p><a href=\"/directions/\">Directions to the office</a></p>\n{% endcomponent map %}\n",
    );
    assert_eq!(
        findings(&site),
        [
            at("broken-link", "site.yaml", 6),
            at("broken-link", "templates/components/map.html", 2),
        ]
    );
}

#[test]
fn missing_image() {
    let site = with_post("Hello.\n\n![A quiet room](/images/room.jpg)\n");
    assert_eq!(findings(&site), [at("missing-image", POST, 8)]);
}

#[test]
fn images_without_alt_or_with_the_file_name() {
    let site = with_post(
        "Hello.\n\n![](/images/harbor.svg)\n\n<img src=\"/images/harbor.svg?raw\">\n\n![harbor.svg](/images/harbor.svg#x)\n",
    );
    assert_eq!(
        findings(&site),
        [
            at("image-alt", POST, 8),
            at("image-alt", POST, 10),
            at("image-alt", POST, 12)
        ]
    );
}

#[test]
fn post_image_without_image_alt() {
    let site = clean();
    site.write(
        POST,
        "---\ntitle: \"A Test Post\"\ndate: 2026-03-01\ndescription: \"A short post.\"\nimage: /images/harbor.svg\n---\nHello.\n",
    );
    assert_eq!(findings(&site), [at("image-alt", POST, 5)]);
}

#[test]
fn a_second_h1() {
    let site = with_post("# A Test Post\n\nHello.\n");
    assert_eq!(findings(&site), [at("multiple-h1", POST, 6)]);
}

#[test]
fn skipped_heading_level() {
    let site = with_post("Hello.\n\n## Start\n\n#### Detail\n\nText.\n");
    assert_eq!(findings(&site), [at("heading-skip", POST, 10)]);
}

#[test]
fn missing_and_long_descriptions() {
    let site = clean();
    let long = "word ".repeat(40);
    site.write(
        POST,
        "---\ntitle: \"No Description\"\ndate: 2026-03-01\n---\nHello.\n",
    )
    .write(
        "content/posts/long.md",
        &format!("---\ntitle: \"Long\"\ndate: 2026-03-01\ndescription: \"{long}\"\n---\nHello.\n"),
    );
    assert_eq!(
        findings(&site),
        [
            at("description", "content/posts/long.md", 4),
            at("description", POST, 2),
        ]
    );
}

#[test]
fn vague_link_text() {
    let site = with_post("Hello.\n\nTo book, [click here](/contact/).\nOr [read more](/about/).\n");
    assert_eq!(
        findings(&site),
        [at("link-text", POST, 8), at("link-text", POST, 9)]
    );
}

#[test]
fn hand_numbered_sections_that_skip_or_repeat() {
    let site = with_post("Hello.\n\n## 1. One\n\n## 2. Two\n\n## 4. Four\n\n## 4. Four again\n");
    assert_eq!(
        findings(&site),
        [at("numbering", POST, 12), at("numbering", POST, 14)]
    );
}

#[test]
fn consultation_text_copied_by_hand() {
    let site = with_post(
        "Hello.\n\nWant to start? Talk with one of our therapists for ten\nminutes, free and with no obligation.\n",
    );
    assert_eq!(findings(&site), [at("consultation-text", POST, 8)]);
}

#[test]
fn a_phone_number_that_is_not_the_practice_s() {
    let site = with_post("Hello.\n\nCall (212) 555-0100 or, by mistake, (212) 555-0109.\n");
    assert_eq!(findings(&site), [at("phone", POST, 8)]);
}

#[test]
fn reading_grade_above_the_limit_with_its_score() {
    let dense = "Comprehensive psychotherapeutic interventions frequently demonstrate \
                 considerable effectiveness regarding generalized anxiety symptomatology. "
        .repeat(12);
    let site = with_post(&format!("Hello.\n\n{dense}\n"));
    let (found, json, ok) = check_root(site.root());
    assert_eq!(found, [at("reading-grade", POST, 2)]);
    assert!(ok, "warnings alone must not fail the check");
    let message = json["findings"][0]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("reads at grade ") && message.contains("Flesch"),
        "{message}"
    );

    let yaml = site
        .read("site.yaml")
        .replace("check:\n", "check:\n  reading_grade: 0\n");
    site.write("site.yaml", &yaml);
    assert_eq!(findings(&site), []);
}

#[test]
fn third_party_origins_unless_allowed() {
    let site = with_post(
        "Hello.\n\n<iframe src=\"https://www.youtube.com/embed/x\" title=\"A video\"></iframe>\n\n<iframe src=\"https://player.vimeo.com/video/2\" title=\"Another\"></iframe>\n",
    );
    site.write(
        "static/extra.css",
        "body { color: black; }\n@font-face { src: url(\"https://fonts.gstatic.com/x.woff2\"); }\n",
    );
    assert_eq!(
        findings(&site),
        [
            at("third-party", POST, 8),
            at("third-party", "static/extra.css", 2),
        ]
    );
}

#[test]
fn safe_messaging_wording_built_in_extended_and_switched_off() {
    let site = with_post("Hello.\n\nHer uncle committed\nsuicide. It felt like a crazy week.\n");
    assert_eq!(findings(&site), [at("safe-messaging", POST, 8)]);

    let yaml = site.read("site.yaml").replace(
        "check:\n",
        "check:\n  phrases:\n    - { avoid: \"crazy\", prefer: \"overwhelming\" }\n",
    );
    site.write("site.yaml", &yaml);
    assert_eq!(
        findings(&site),
        [at("safe-messaging", POST, 8), at("safe-messaging", POST, 9)]
    );

    site.write(
        "site.yaml",
        &yaml.replace("check:\n", "check:\n  safe_messaging: false\n"),
    );
    assert_eq!(findings(&site), []);
}

#[test]
fn a_build_error_is_a_check_error() {
    let site = clean();
    site.write(
        POST,
        "---\ntitle: Anxiety: what helps\ndate: 2026-03-01\n---\nHello.\n",
    );
    let (found, _, ok) = check_root(site.root());
    assert_eq!(found, [at("front-matter", POST, 2)]);
    assert!(!ok);
}

#[test]
fn text_report_groups_by_file_and_counts() {
    let site = with_post("Hello.\n\nSee [our fees](/fees/) or [click here](/contact/).\n");
    let out = site.run(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(
        stdout.contains("content/posts/test.md:8:16: error: `/fees/` leads nowhere"),
        "{stdout}"
    );
    assert!(stdout.contains("    | See [our fees](/fees/)"), "{stdout}");
    assert!(stdout.contains("    = help:"), "{stdout}");
    assert!(
        stdout.trim_end().ends_with("1 error and 1 warning."),
        "{stdout}"
    );
}

#[test]
fn build_fails_on_check_errors_and_prints_warnings() {
    let site = with_post("Hello.\n\nSee [our fees](/fees/).\n");
    let err = site.build_err();
    assert!(err.contains("`/fees/` leads nowhere"), "{err}");
    assert!(!site.exists("public"));

    site.write(
        POST,
        "---\ntitle: \"A Test Post\"\ndate: 2026-03-01\n---\nHello.\n",
    );
    let out = site.build();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("warning: there is no description [description]"),
        "{stdout}"
    );
    assert!(site.exists("public/blog/test/index.html"));
    let quiet = site.run(&["build", "--quiet"]);
    assert!(quiet.stdout.is_empty());
}

/// A Jekyll `_posts` folder copied in as it is: one `check` lists every
/// unknown key of every file, as `build` does (they once showed only in
/// `build`'s output).
#[test]
fn check_lists_every_unknown_key_of_every_file_as_build_does() {
    let site = TestSite::new();
    let jekyll = |title: &str| {
        format!(
            "---\nlayout: post\ntitle: \"{title}\"\ncategories: [Anxiety]\ncomments: true\n---\nWords.\n"
        )
    };
    site.write("content/posts/2019-09-27-one.markdown", &jekyll("One"));
    site.write("content/posts/2019-01-04-two.md", &jekyll("Two"));
    let (found, _, ok) = check_root(site.root());
    assert!(ok, "{found:?}");
    for file in ["2019-09-27-one.markdown", "2019-01-04-two.md"] {
        let path = format!("content/posts/{file}");
        for line in [2, 4, 5] {
            assert!(
                found.contains(&at("front-matter", &path, line)),
                "{path}:{line} in {found:?}"
            );
        }
    }
    let build = site.build();
    let printed = String::from_utf8_lossy(&build.stdout);
    let keys = found.iter().filter(|f| f.0 == "front-matter").count();
    assert_eq!(printed.matches("[front-matter]").count(), keys, "{printed}");
}
