//! sitemap.xml (sitemaps.org 0.9) and robots.txt.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::diag::{Diagnostic, Result};
use crate::site::Site;

/// Every public page with its last change: a post's `updated` or `date`;
/// pages without dates take the newest post's date.
pub fn sitemap(site: &Site) -> Result<String> {
    let newest = site
        .posts
        .iter()
        .filter_map(|p| p.doc.updated.as_ref().or(p.doc.date.as_ref()))
        .max();
    let day = |d: Option<&jiff::ZonedDateTime>| d.or(newest).map(crate::dates::day);
    let mut urls: Vec<(String, Option<String>)> = Vec::new();
    for e in site.posts.iter().chain(&site.pages) {
        let d = e.doc.updated.as_ref().or(e.doc.date.as_ref());
        urls.push((e.url.clone(), day(d)));
    }
    for l in &site.listings {
        let d = l
            .posts
            .first()
            .and_then(|&i| site.posts[i].doc.date.as_ref());
        urls.push((l.url.clone(), day(d)));
    }
    urls.push(("/follow/".into(), day(None)));
    urls.sort();
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let fail = |e: std::io::Error| {
        Diagnostic::error("sitemap", format!("could not write the sitemap: {e}"))
    };
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(fail)?;
    w.create_element("urlset")
        .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
        .write_inner_content(|w| {
            for (url, lastmod) in &urls {
                w.create_element("url").write_inner_content(|w| {
                    w.create_element("loc")
                        .write_text_content(BytesText::new(&loc(&site.config.absolute(url))))?;
                    if let Some(day) = lastmod {
                        w.create_element("lastmod")
                            .write_text_content(BytesText::new(day))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })
        .map_err(fail)?;
    Ok(String::from_utf8_lossy(&w.into_inner()).into_owned())
}

pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        site.config.absolute("/sitemap.xml")
    )
}

/// sitemaps.org asks for URLs escaped as RFC 3986 has them: a slug in
/// another script (`/blog/café/`) is percent-encoded, as browsers send it.
fn loc(url: &str) -> String {
    percent_encoding::utf8_percent_encode(url, percent_encoding::CONTROLS).to_string()
}
