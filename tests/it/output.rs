//! The output folder: only a folder trellis made (or an empty one) is
//! replaced; nothing of the user's is moved or lost; killed and
//! interrupted builds leave nothing behind for long.

use std::path::Path;

use crate::common::{TestSite, post, snapshot};

fn site() -> TestSite {
    let site = TestSite::new();
    site.write("content/posts/a.md", &post("A", "2026-01-01", "Words."));
    site
}

/// Names in `dir` that look like a staging folder or a moved-aside site.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains(".staging"))
                .collect()
        })
        .unwrap_or_default()
}

fn refused(site: &TestSite, output: &str, expect: &str) {
    let before = snapshot(site.root());
    let out = site.run(&["build", "--output", output]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the build should be refused");
    assert!(err.contains(expect), "expected {expect:?} in:\n{err}");
    assert!(err.contains("help:"), "no hint in:\n{err}");
    assert_eq!(snapshot(site.root()), before, "something was touched");
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
}

#[test]
fn a_folder_with_the_users_files_is_refused_even_with_an_index() {
    let site = site();
    site.write("mine/index.html", "<p>my page</p>");
    site.write("mine/thesis.txt", "years of work");
    let mine = site.path("mine").display().to_string();
    refused(&site, &mine, "trellis did not make");
    assert_eq!(site.read("mine/thesis.txt"), "years of work");
}

#[test]
fn a_file_is_never_replaced_by_the_site() {
    let site = site();
    site.write("s/p.txt", "notes");
    let file = site.path("s/p.txt").display().to_string();
    refused(&site, &file, "is a file");
    assert_eq!(site.read("s/p.txt"), "notes");
    assert_eq!(leftovers(&site.path("s")), Vec::<String>::new());
}

#[test]
fn a_read_only_output_is_an_error_and_stays_whole() {
    use std::os::unix::fs::PermissionsExt;
    let site = site();
    site.build();
    let public = site.path("public");
    let mode = |m| std::fs::set_permissions(&public, std::fs::Permissions::from_mode(m));
    mode(0o555).unwrap_or_else(|e| panic!("chmod: {e}"));
    let before = snapshot(&public);
    let err = site.build_err();
    mode(0o755).unwrap_or_else(|e| panic!("chmod: {e}"));
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(snapshot(&public), before);
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
}

#[test]
fn trellis_output_is_marked_and_replaced() {
    let site = site();
    site.build();
    assert!(site.exists("public/.trellis-output"));
    site.write("content/posts/b.md", &post("B", "2026-01-02", "More."));
    site.build();
    assert!(site.exists("public/blog/b/index.html"));
    let empty = site.path("empty");
    std::fs::create_dir_all(&empty).unwrap_or_else(|e| panic!("{e}"));
    let out = site.run(&["build", "--output", &empty.display().to_string()]);
    assert!(out.status.success(), "an empty folder is fine");
}

#[test]
fn what_killed_builds_left_is_removed() {
    let site = site();
    site.build();
    // No process has a PID this large on Linux (the maximum is 2^22).
    for stale in [".public.staging-99999999", ".public.staging.old-99999999"] {
        site.write(&format!("{stale}/index.html"), "half a site");
    }
    site.write(".public.staging-x/keep.txt", "not a staging name");
    site.build();
    assert_eq!(leftovers(site.root()), [".public.staging-x"]);
}

#[test]
fn ctrl_c_removes_the_staging_folder() {
    interrupted("-INT");
}

#[test]
fn sigterm_removes_the_staging_folder() {
    interrupted("-TERM");
}

fn interrupted(signal: &str) {
    let site = site();
    let body = "A paragraph of words about sleep and worry. ".repeat(200);
    for i in 0..400 {
        let date = format!("2025-{:02}-{:02}", i % 12 + 1, i % 28 + 1);
        site.write(
            &format!("content/posts/p{i}.md"),
            &post(&format!("P{i}"), &date, &body),
        );
    }
    site.build();
    let before = snapshot(&site.path("public"));
    let bin = assert_cmd::cargo::cargo_bin("trellis");
    let mut child = std::process::Command::new(bin)
        .args(["build", "--root"])
        .arg(site.root())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    // Interrupt once the staging folder exists, while the site is written.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while leftovers(site.root()).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(!leftovers(site.root()).is_empty(), "the build never staged");
    let pid = child.id().to_string();
    let kill = std::process::Command::new("kill")
        .args([signal, &pid])
        .status();
    assert!(kill.is_ok_and(|s| s.success()));
    let status = child.wait().unwrap_or_else(|e| panic!("wait: {e}"));
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
    assert_eq!(snapshot(&site.path("public")), before);
}
