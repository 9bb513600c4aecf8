//! `trellis init` and `trellis new post`: a new folder builds and checks
//! clean at once, and nothing is ever overwritten.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

use crate::common::TestSite;

fn trellis(args: &[&str], dir: &Path) -> Output {
    Command::cargo_bin("trellis")
        .unwrap_or_else(|e| panic!("binary: {e}"))
        .args(args)
        .arg(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn init_then_build_then_check_on_a_new_folder() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let dir = tmp.path().join("my-practice");
    let init = trellis(&["init"], &dir);
    assert!(init.status.success(), "{}", text(&init.stderr));
    for file in [
        "site.yaml",
        "content/posts/welcome-to-our-blog.md",
        "content/about.md",
        "content/contact.md",
    ] {
        assert!(dir.join(file).is_file(), "{file} missing");
    }
    let post = std::fs::read_to_string(dir.join("content/posts/welcome-to-our-blog.md"))
        .unwrap_or_default();
    assert!(post.contains("{{< callout kind=\"tip\" >}}") && post.contains("<!-- more -->"));
    let yaml = std::fs::read_to_string(dir.join("site.yaml")).unwrap_or_default();
    for section in [
        "practice:",
        "consultation:",
        "alerts:",
        "crisis:",
        "check:",
        "privacy:",
    ] {
        assert!(yaml.contains(section), "site.yaml lacks {section}");
    }

    let build = trellis(&["build", "--root"], &dir);
    assert!(build.status.success(), "{}", text(&build.stderr));
    let stdout = text(&build.stdout);
    assert!(!stdout.contains("warning"), "{stdout}");
    assert!(stdout.contains("(1 post, 2 pages, "), "{stdout}");
    assert!(
        dir.join("public/blog/welcome-to-our-blog/index.html")
            .is_file()
    );

    let check = trellis(&["check", "--root"], &dir);
    assert!(check.status.success(), "{}", text(&check.stdout));
    assert_eq!(text(&check.stdout).trim(), "No problems found.");
}

#[test]
fn init_refuses_to_overwrite_and_names_the_files() {
    let site = TestSite::new();
    site.write("content/about.md", "---\ntitle: Mine\n---\nKeep me.\n");
    let out = trellis(&["init"], site.root());
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("site.yaml, content/about.md"), "{err}");
    assert!(err.contains("never overwrites"), "{err}");
    assert_eq!(
        site.read("content/about.md"),
        "---\ntitle: Mine\n---\nKeep me.\n"
    );
    assert!(
        !site.exists("content/contact.md"),
        "init wrote files before refusing"
    );
}

#[test]
fn new_post_writes_a_draft_and_prints_its_path() {
    let site = TestSite::new();
    site.write(
        "content/posts/old.md",
        "---\ntitle: Old\ndate: 2026-01-01\ntags: [Couples, Anxiety]\n---\nHi.\n",
    );
    let out = site.run(&["new", "post", "Why \"Just Relax\" Doesn't Work"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rel = "content/posts/why-just-relax-doesnt-work.md";
    assert_eq!(
        text(&out.stdout).trim(),
        site.path(rel).display().to_string()
    );

    let post = site.read(rel);
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    for line in [
        "title: \"Why \\\"Just Relax\\\" Doesn't Work\"",
        &format!("date: {today}"),
        "draft: true",
        "description: \"\"",
        "at most 160 characters",
        "Tags already used: Anxiety, Couples",
        "# image: ",
        "# image_alt: ",
    ] {
        assert!(post.contains(line), "{line:?} not in:\n{post}");
    }

    // A draft builds to nothing, and checks with only its reminder to describe it.
    site.build();
    assert!(!site.exists("public/blog/why-just-relax-doesnt-work/index.html"));
    let check = text(&site.run(&["check"]).stdout);
    assert!(
        check.contains(&format!("{rel}:2:1: warning: there is no description")),
        "{check}"
    );
}

#[test]
fn new_post_never_overwrites() {
    let site = TestSite::new();
    site.write(
        "content/posts/2026-01-01-managing-anxiety.md",
        "---\ntitle: A\ndate: 2026-01-01\n---\nMine.\n",
    );
    let out = site.run(&["new", "post", "Managing Anxiety"]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("content/posts/2026-01-01-managing-anxiety.md"),
        "{err}"
    );
    assert!(!site.exists("content/posts/managing-anxiety.md"));

    assert!(site.run(&["new", "post", "Fresh Start"]).status.success());
    let again = site.run(&["new", "post", "Fresh Start"]);
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("already exists"));
}

#[test]
fn new_post_needs_a_site() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let out = trellis(&["new", "post", "Hello", "--root"], tmp.path());
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("trellis init"));
}
