//! The security headers every page is served with, in one place: the
//! `_headers` file for hosts that read it (Netlify, Cloudflare Pages),
//! `serve`, and each page's `<meta http-equiv>` for hosts that send none.
//!
//! The Content-Security-Policy loads nothing from other sites unless
//! `privacy.allow_origins` names them, runs no inline script, and allows
//! inline styles only by the hash of each one the theme emits.

use std::path::Path;

use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::theme::{Asset, static_assets};
use crate::config::Config;

/// The headers of every response; the CSP is added to them.
const FIXED: [(&str, &str); 4] = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    ),
];

/// The policy, for the header and for the page's `<meta>`, which cannot
/// carry `frame-ancestors`.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    pub header: String,
    pub meta: String,
}

/// The site's policy: its allowed origins, its subscribe form's origin,
/// and the hashes of `colors_css` and of every `<style>` in the theme's
/// and site's static HTML and XSL files (the feed's stylesheet has one).
pub fn policy(root: &Path, config: &Config, colors_css: &str) -> Policy {
    let mut styles: Vec<String> = static_styles(root, &config.theme);
    if !colors_css.is_empty() {
        styles.push(colors_css.to_string());
    }
    let hashes: Vec<String> = styles.iter().map(|s| hash(s)).collect();
    let origins = config.privacy.allow_origins.join(" ");
    let form = crate::config::urls::origin(&config.alerts.form_action).unwrap_or_default();
    let with = |base: &str, extra: &str| {
        [base, extra]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let directives = [
        format!("default-src {}", with("'self'", &origins)),
        format!("img-src {}", with("'self' data:", &origins)),
        format!(
            "style-src {}",
            with(&with("'self'", &origins), &hashes.join(" "))
        ),
        "object-src 'none'".to_string(),
        "base-uri 'self'".to_string(),
        format!("form-action {}", with("'self'", &form)),
    ];
    let meta = directives.join("; ");
    Policy {
        header: format!("{meta}; frame-ancestors 'none'"),
        meta,
    }
}

/// The `_headers` file: every path gets the same headers.
pub fn headers_file(policy: &Policy, https: bool) -> String {
    let mut out = String::from("/*\n");
    out.push_str(&format!("  Content-Security-Policy: {}\n", policy.header));
    for (name, value) in headers(https) {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    out
}

/// The fixed headers, with HSTS for a site served over HTTPS.
pub fn headers(https: bool) -> Vec<(&'static str, &'static str)> {
    let mut out = FIXED.to_vec();
    if https {
        out.push(("Strict-Transport-Security", "max-age=31536000"));
    }
    out
}

/// `'sha256-…'` of an inline style's text, as browsers compute it.
fn hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let b64 = base64::engine::general_purpose::STANDARD.encode(digest);
    format!("'sha256-{b64}'")
}

/// The text of every `<style>` element in the static HTML and XSL files.
fn static_styles(root: &Path, theme: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (rel, asset) in static_assets(root, theme) {
        if !(rel.ends_with(".html") || rel.ends_with(".xsl")) {
            continue;
        }
        let text = match asset {
            Asset::Embedded(bytes) => String::from_utf8_lossy(bytes).into_owned(),
            Asset::File(path) => std::fs::read_to_string(path).unwrap_or_default(),
        };
        out.extend(style_elements(&text));
    }
    out
}

fn style_elements(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("<style") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</style>") else {
            break;
        };
        out.push(body[..close].to_string());
        rest = &body[close..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::urls::origin;

    #[test]
    fn hashes_as_browsers_do() {
        // The example of the CSP Level 3 specification, section 7.9.
        assert_eq!(
            hash("alert('Hello, world.');"),
            "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
        );
    }

    #[test]
    fn origins_and_style_elements() {
        assert_eq!(
            origin("https://list.example.com/subscribe?x=1").as_deref(),
            Some("https://list.example.com")
        );
        assert_eq!(origin("/subscribe/"), None);
        let text = "<p><style media=\"x\">a{b:c}</style><style>d{}</style>";
        assert_eq!(style_elements(text), ["a{b:c}", "d{}"]);
    }
}
