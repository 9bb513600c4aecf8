//! The security headers: `_headers` for hosts that read it, the same
//! policy in each page's `<meta http-equiv>`, and inline styles allowed
//! only by their hashes.

use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::common::{SITE_YAML, TestSite, attrs, post, select};

/// The `/*` block of a `_headers` file, as (name, value) pairs.
fn every_path(file: &str) -> Vec<(String, String)> {
    let mut all = false;
    let mut out = Vec::new();
    for line in file.lines() {
        if !line.starts_with(' ') {
            all = line == "/*";
        } else if all {
            let (name, value) = line
                .trim()
                .split_once(": ")
                .unwrap_or_else(|| panic!("{line}"));
            out.push((name.to_string(), value.to_string()));
        }
    }
    out
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

fn site(extra: &str) -> TestSite {
    let site = TestSite::new();
    site.write("site.yaml", &format!("{SITE_YAML}{extra}"));
    site.write("content/posts/a.md", &post("A", "2026-01-01", "Words."));
    site.build();
    site
}

#[test]
fn every_page_carries_the_policy_of_the_headers_file() {
    let site = site("");
    let headers = every_path(&site.read("public/_headers"));
    let csp = header(&headers, "Content-Security-Policy");
    assert!(csp.starts_with("default-src 'self'; "), "{csp}");
    assert!(csp.ends_with("; frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(header(&headers, "X-Content-Type-Options"), "nosniff");
    assert_eq!(
        header(&headers, "Strict-Transport-Security"),
        "max-age=31536000"
    );
    let meta = csp.trim_end_matches("; frame-ancestors 'none'");
    for page in [
        "public/index.html",
        "public/blog/a/index.html",
        "public/404.html",
    ] {
        let doc = site.html(page);
        let metas = attrs(&doc, "meta[http-equiv=Content-Security-Policy]", "content");
        assert_eq!(metas, [meta], "{page}");
    }
}

#[test]
fn inline_styles_are_allowed_by_their_hash_and_origins_by_name() {
    let extra = "colors:\n  accent: \"#7a4e2d\"\nprivacy:\n  allow_origins: [\"https://player.vimeo.com\"]\nalerts:\n  form_action: https://list.example.com/subscribe\n";
    let site = site(extra);
    let style = select(&site.html("public/index.html"), "head style").concat();
    assert!(!style.is_empty());
    let digest = Sha256::digest(style.as_bytes());
    let hash = base64::engine::general_purpose::STANDARD.encode(digest);
    let headers = every_path(&site.read("public/_headers"));
    let csp = header(&headers, "Content-Security-Policy");
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    assert!(
        csp.contains("default-src 'self' https://player.vimeo.com"),
        "{csp}"
    );
    assert!(
        csp.contains("form-action 'self' https://list.example.com;"),
        "{csp}"
    );
}

#[test]
fn the_authors_headers_file_wins() {
    let site = TestSite::new();
    site.write("content/posts/a.md", &post("A", "2026-01-01", "Words."));
    site.write("static/_headers", "/*\n  X-Mine: yes\n");
    site.build();
    assert_eq!(site.read("public/_headers"), "/*\n  X-Mine: yes\n");
}
