//! What an author may type by accident: control characters pasted into a
//! post, odd slugs and aliases. Each gets a located message and never
//! reaches the output as something that breaks it.

use crate::common::{TestSite, said};

/// Every C0 character XML forbids, raw in the body and the description and
/// escaped in the title (YAML's `\x01`).
const CONTROLS: &str = "---\ntitle: \"Ctl\\x01 title\"\ndate: 2026-01-01\n\
    description: \"d\x08e\"\n---\nA \x01 B \x08 C \x0b D \x0c E \x1f F \0 G\n\nSecond\x01 line, not a character \u{ffff}.\n";

#[test]
fn control_characters_are_located_warnings_and_never_reach_the_output() {
    let site = TestSite::new();
    site.write("content/posts/ctl.md", CONTROLS);
    let said = said(&site.build());
    for at in [
        "content/posts/ctl.md:2:1",
        "content/posts/ctl.md:4:16",
        "content/posts/ctl.md:6:3",
        "content/posts/ctl.md:8:7",
    ] {
        assert!(said.contains(at), "{at} in {said}");
    }
    assert!(said.contains("[control-character]"), "{said}");
    for file in ["rss.xml", "atom.xml", "sitemap.xml"] {
        let text = site.read(&format!("public/{file}"));
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{file} is not XML: {e}\n{text}");
        }
    }
    for file in [
        "rss.xml",
        "atom.xml",
        "index.html",
        "blog/index.html",
        "blog/ctl/index.html",
    ] {
        let text = site.read(&format!("public/{file}"));
        let bad = text
            .chars()
            .find(|&c| (c < ' ' && !"\t\n\r".contains(c)) || c == '\u{ffff}');
        assert_eq!(bad, None, "a control character in {file}");
    }
    let page = site.read("public/blog/ctl/index.html");
    assert!(page.contains("A  B  C  D  E  F  G"), "{page}");
    assert!(page.contains("Ctl title"), "{page}");
}

#[test]
fn a_slug_a_url_cannot_carry_is_refused_with_a_suggestion() {
    let site = TestSite::new();
    site.write(
        "content/posts/odd.md",
        "---\ntitle: \"Odd\"\ndate: 2026-01-01\nslug: \"what is CBT?#%\"\n---\nHi.\n",
    );
    site.write(
        "content/posts/quote.md",
        "---\ntitle: \"Quote\"\ndate: 2026-01-02\nslug: \"a<b>\\\"c'\"\n---\nHi.\n",
    );
    let err = site.build_err();
    assert!(err.contains("content/posts/odd.md:4:"), "{err}");
    assert!(err.contains("content/posts/quote.md:4:"), "{err}");
    assert!(err.contains("write slug: what-is-cbt"), "{err}");
    assert!(!err.contains("did you mean `/blog/"), "{err}");
}

#[test]
fn a_slug_in_another_script_is_percent_encoded_in_the_sitemap() {
    let site = TestSite::new();
    site.write(
        "content/posts/cafe.md",
        "---\ntitle: \"Café\"\ndate: 2026-01-01\nslug: café-ñ-日本\n---\nHi.\n",
    );
    let said = said(&site.build());
    let nowhere = said
        .lines()
        .any(|l| l.contains("leads nowhere") && l.contains("caf"));
    assert!(!nowhere, "{said}");
    let sitemap = site.read("public/sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap_or_else(|e| panic!("{e}"));
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    let encoded = "https://example.org/blog/caf%C3%A9-%C3%B1-%E6%97%A5%E6%9C%AC/";
    assert!(locs.contains(&encoded), "{locs:?}");
    assert!(locs.iter().all(|l| l.is_ascii()), "{locs:?}");
}

#[test]
fn an_alias_is_a_path_on_this_site() {
    let site = TestSite::new();
    site.write(
        "content/posts/a.md",
        "---\ntitle: \"A\"\ndate: 2026-01-01\naliases:\n  - https://evil.example/x\n  - /%2e%2e/%2e%2e/p/\n  - //evil.example/y\n---\nHi.\n",
    );
    let err = site.build_err();
    for at in [
        "content/posts/a.md:5:5",
        "content/posts/a.md:6:5",
        "content/posts/a.md:7:5",
    ] {
        assert!(err.contains(at), "{at} in {err}");
    }
    assert!(err.contains("not a path on this site"), "{err}");
    let left: Vec<_> = walkdir::WalkDir::new(site.root())
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| p.contains("https:") || p.contains("%2e") || p.contains("evil"))
        .collect();
    assert_eq!(left, Vec::<String>::new());
}

#[test]
fn an_encoded_alias_writes_the_decoded_folder() {
    let site = TestSite::new();
    site.write(
        "content/posts/a.md",
        "---\ntitle: \"A\"\ndate: 2026-01-01\naliases: [\"/old%20post/caf%C3%A9/\"]\n---\nHi.\n",
    );
    site.build();
    assert!(site.exists("public/old post/café/index.html"));
}

/// `build` as a user permissions apply to: this process when it is not
/// root; as root (CI), the unprivileged `nobody` through `setpriv`, with
/// the site readable and the output writable by it. `None` when neither
/// can be had: then chmod 000 proves nothing.
#[cfg(unix)]
fn build_unprivileged(site: &TestSite) -> Option<std::process::Output> {
    use std::os::unix::fs::PermissionsExt;
    let probe = site.path("content/posts/private");
    if std::fs::read_dir(&probe).is_err() {
        return Some(site.run(&["build"]));
    }
    let open =
        |p: &std::path::Path| std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o777));
    let out = site.path("out");
    std::fs::create_dir(&out).ok()?;
    open(site.root()).ok()?;
    open(&out).ok()?;
    let bin = assert_cmd::cargo::cargo_bin("trellis");
    std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(bin)
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(out.join("public"))
        .env("NO_COLOR", "1")
        .output()
        .ok()
        .filter(|o| !String::from_utf8_lossy(&o.stderr).contains("setpriv:"))
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_an_error_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::new();
    site.write(
        "content/posts/ok.md",
        &crate::common::post("Ok", "2026-01-01", "Hi."),
    );
    site.write(
        "content/posts/private/p.md",
        &crate::common::post("P", "2026-01-01", "Hi."),
    );
    site.write("static/css/x.css", "p{}\n");
    let lock = |rel: &str, mode| {
        let perms = std::fs::Permissions::from_mode(mode);
        std::fs::set_permissions(site.path(rel), perms).unwrap_or_else(|e| panic!("{e}"));
    };
    lock("content/posts/private", 0o000);
    lock("static/css", 0o000);
    let out = build_unprivileged(&site);
    lock("content/posts/private", 0o755);
    lock("static/css", 0o755);
    let Some(out) = out else {
        return;
    };
    assert!(!out.status.success());
    let said = said(&out);
    assert!(
        said.contains("could not read content/posts/private"),
        "{said}"
    );
    assert!(said.contains("could not read static/css"), "{said}");
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_site_or_in_a_loop_is_a_warning_naming_it() {
    use std::os::unix::fs::symlink;
    let site = TestSite::new();
    site.write(
        "content/posts/ok.md",
        &crate::common::post("Ok", "2026-01-01", "Hi."),
    );
    let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, crate::common::post("Secret", "2026-01-01", "Hi."))
        .unwrap_or_else(|e| panic!("{e}"));
    symlink(&secret, site.path("content/posts/secret.md")).unwrap_or_else(|e| panic!("{e}"));
    symlink(site.path("content"), site.path("content/posts/loop"))
        .unwrap_or_else(|e| panic!("{e}"));
    let said = said(&site.build());
    assert!(
        said.contains("content/posts/secret.md is a link that leads out"),
        "{said}"
    );
    assert!(
        said.contains("content/posts/loop is a link back to content"),
        "{said}"
    );
    assert!(!site.exists("public/blog/secret/index.html"));
}
