//! Third-party requests: every script, stylesheet, font, image or frame a
//! page loads from another site tells that site who is reading about
//! therapy. An error, unless the origin is listed in
//! `privacy.allow_origins`.

use super::findings::Findings;
use super::locate::Sources;
use super::scan::{Page, Scans, Stylesheet};
use super::urls::{Target, origin, resolve};
use crate::config::Config;
use crate::diag::{Diagnostic, Location};

pub fn check(out: &Scans<'_>, sources: &Sources, config: &Config, found: &mut Findings) {
    for page in &out.pages {
        check_page(page, sources, config, found);
    }
    for sheet in &out.stylesheets {
        check_sheet(sheet, sources, config, found);
    }
}

/// What one page loads: `src`s, stylesheet links and `url()`s in its CSS.
pub fn check_page(page: &Page<'_>, sources: &Sources, config: &Config, found: &mut Findings) {
    let loaded = page
        .refs
        .iter()
        .filter(|r| r.fetched)
        .map(|r| r.value.as_str());
    let styled = page.css.iter().flat_map(|c| css_urls(c));
    let allowed = allowed(config);
    for value in loaded.chain(styled) {
        if let Some(o) = foreign(config, &allowed, &page.url, value) {
            found.on_page(page, sources.find(&page.entries, value), finding(&o));
        }
    }
}

pub fn check_sheet(sheet: &Stylesheet, sources: &Sources, config: &Config, found: &mut Findings) {
    let allowed = allowed(config);
    for value in css_urls(&sheet.text) {
        if let Some(o) = foreign(config, &allowed, "/", value) {
            let at = sheet
                .source
                .as_deref()
                .and_then(|s| sources.find_in(s, value));
            found.push(at_or_theme(finding(&o), at));
        }
    }
}

/// The origin `value` loads from, when it is another site's and not
/// `allowed`.
fn foreign(config: &Config, allowed: &[String], page_url: &str, value: &str) -> Option<String> {
    match resolve(page_url, value, &config.base_url) {
        Target::External(o) if !allowed.contains(&o) => Some(o),
        _ => None,
    }
}

/// The origins site.yaml allows pages to load from, as `resolve` writes
/// them.
fn allowed(config: &Config) -> Vec<String> {
    config
        .privacy
        .allow_origins
        .iter()
        .map(|o| origin(o).unwrap_or_else(|| o.trim_end_matches('/').to_ascii_lowercase()))
        .collect()
}

/// An error: visitors' privacy is the product's promise, so a request to
/// another site is made only when site.yaml says the practice accepts it.
fn finding(origin: &str) -> Diagnostic {
    Diagnostic::error(
        "third-party",
        format!("this loads a file from {origin}, which then learns who reads the page"),
    )
    .hint(format!(
        "copy the file into static/ and link it from there, or, if the practice accepts \
         the request, allow the origin in site.yaml: privacy: {{ allow_origins: [\"{origin}\"] }}"
    ))
}

fn at_or_theme(d: Diagnostic, at: Option<Location>) -> Diagnostic {
    match at {
        Some(at) => d.at(at),
        None => Diagnostic {
            message: format!("{} (in the theme's stylesheet)", d.message),
            ..d
        },
    }
}

/// The URLs of `url(...)` and `@import "..."` in CSS.
fn css_urls(css: &str) -> Vec<&str> {
    let mut urls = Vec::new();
    for (i, _) in css.match_indices("url(") {
        let rest = &css[i + 4..];
        let end = rest.find(')').unwrap_or(rest.len());
        urls.push(rest[..end].trim().trim_matches(['"', '\'']));
    }
    for (i, _) in css.match_indices("@import") {
        let rest = css[i + 7..].trim_start();
        if let Some(q @ ('"' | '\'')) = rest.chars().next() {
            let inner = &rest[1..];
            urls.push(&inner[..inner.find(q).unwrap_or(inner.len())]);
        }
    }
    urls
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_css_urls() {
        let css = "@import \"https://a.example/x.css\";\n\
                   @font-face { src: url('https://b.example/f.woff2') format('woff2'); }\n\
                   body { background: url(/bg.png) }";
        assert_eq!(
            css_urls(css),
            [
                "https://b.example/f.woff2",
                "/bg.png",
                "https://a.example/x.css"
            ]
        );
    }
}
