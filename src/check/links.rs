//! Errors a reader would hit: links and `#anchors` that lead nowhere,
//! images that are not there, and images a screen reader cannot describe.
//! Checked on the rendered pages, so links from templates and site.yaml
//! count as much as links in Markdown.

use std::collections::HashMap;

use rayon::prelude::*;

use super::findings::Findings;
use super::locate::{Sources, Written};
use super::scan::{Image, Page, Ref, Scans};
use super::urls::{Target, decode, resolve};
use crate::content::Kind;
use crate::diag::{Diagnostic, Location};
use crate::plan::file_key;
use crate::site::url_to_path;

/// What the links on a page may lead to. `serve` makes one holding only
/// the pages its changed pages link into, so a save checks a few pages
/// instead of the whole site.
pub struct Targets<'a> {
    /// Whether an output file (`blog/x/index.html`) exists.
    pub has_file: &'a (dyn Fn(&str) -> bool + Sync),
    /// HTML pages by output file, for their ids.
    pub pages: HashMap<&'a str, &'a Page<'a>>,
    /// Every page's URL, for "did you mean" hints.
    pub urls: Vec<&'a str>,
}

pub fn check(out: &Scans<'_>, sources: &Sources, base_url: &str, found: &mut Findings) {
    let files: Vec<String> = out.pages.iter().map(|p| file_of(&p.url)).collect();
    let has_file = |f: &str| out.files.contains(f);
    let targets = Targets {
        has_file: &has_file,
        pages: files.iter().map(String::as_str).zip(&out.pages).collect(),
        urls: out.pages.iter().map(|p| p.url.as_str()).collect(),
    };
    // Pages are checked on their own, so in parallel: a large blog has
    // hundreds of thousands of links.
    let per_page: Vec<Findings> = out
        .pages
        .par_iter()
        .with_max_len(crate::JOB_BATCH)
        .map(|page| {
            let mut own = Findings::default();
            check_page(page, &targets, sources, base_url, &mut own);
            own
        })
        .collect();
    for own in per_page {
        found.absorb(own);
    }
}

/// The links and images of one page.
pub fn check_page(
    page: &Page<'_>,
    targets: &Targets<'_>,
    sources: &Sources,
    base_url: &str,
    found: &mut Findings,
) {
    for (r, path, fragment) in internal(page, base_url) {
        let same_page = r.value.starts_with('#');
        let file = file_of(&path);
        let at = || sources.written(&page.entries, &written(page, r));
        if !(targets.has_file)(&file) {
            report(page, at(), missing(r, &path, &targets.urls), found);
            continue;
        }
        if let (Some(target), Some(fragment)) = (targets.pages.get(file.as_str()), fragment)
            && fragment != "top"
            && !target.ids.contains(&fragment)
        {
            let on = if same_page { "this page" } else { &target.url };
            report(page, at(), no_anchor(&fragment, target, on), found);
        }
    }
    for (i, image) in page.images.iter().enumerate() {
        if let Some(d) = alt_problem(image) {
            let same = |o: &&Image| o.src == image.src && o.alt == image.alt;
            let w = Written {
                url: &image.src,
                alt: image.alt.as_deref(),
                image: true,
                nth: page.images[..i].iter().filter(same).count(),
            };
            report(page, sources.written(&page.entries, &w), d, found);
        }
    }
}

/// A link or image URL on the page, with how often it came before.
fn written<'p>(page: &'p Page<'_>, r: &'p Ref) -> Written<'p> {
    let before = page.refs.iter().take_while(|o| !std::ptr::eq(*o, r));
    Written {
        url: &r.value,
        alt: None,
        image: r.image,
        nth: before.filter(|o| o.value == r.value).count(),
    }
}

/// Adds a finding, but not on a list of posts when it is in a post's own
/// Markdown: the post's page reports it once, where a summary shown on
/// every list page would report it again on each.
fn report(page: &Page<'_>, at: Option<Location>, d: Diagnostic, found: &mut Findings) {
    let in_a_post = |at: &Location| {
        page.entries
            .iter()
            .any(|e| e.doc.kind == Kind::Post && e.doc.path == at.path)
    };
    if page.listing && at.as_ref().is_some_and(in_a_post) {
        return;
    }
    found.on_page(page, at, d);
}

/// The output files a page refers to, each with whether a link to it has a
/// `#fragment` (then its ids matter too): what the page's findings depend
/// on besides the page itself.
pub fn targets_of(page: &Page<'_>, base_url: &str) -> Vec<(String, bool)> {
    let mut seen: HashMap<String, bool> = HashMap::new();
    for (_, path, fragment) in internal(page, base_url) {
        *seen.entry(file_of(&path)).or_default() |= fragment.is_some();
    }
    seen.into_iter().collect()
}

/// The page's URLs that lead into this site, resolved: the reference, the
/// site path and the fragment. A list of posts skips `#anchor` links, which
/// are checked on each post's own page.
fn internal<'p>(
    page: &'p Page<'_>,
    base_url: &'p str,
) -> impl Iterator<Item = (&'p Ref, String, Option<String>)> {
    page.refs.iter().filter_map(move |r| {
        if page.listing && r.value.starts_with('#') {
            return None;
        }
        match resolve(&page.url, &r.value, base_url) {
            Target::Internal { path, fragment } => Some((r, path, fragment)),
            _ => None,
        }
    })
}

fn file_of(path: &str) -> String {
    file_key(&url_to_path(path))
}

fn missing(r: &Ref, path: &str, urls: &[&str]) -> Diagnostic {
    if r.image {
        return Diagnostic::error(
            "missing-image",
            format!("the image `{}` is not in the site", r.value),
        )
        .hint(format!(
            "put the file in static/ (static{path} is served as {path}), or correct the path"
        ));
    }
    let hint = if let Some(full) = without_scheme(&r.value) {
        format!("a web address needs its scheme: write `{full}`")
    } else {
        match crate::diag::nearest(path, urls) {
            Some(near) if decode(near) == path && near.contains('%') => format!(
                "the page `{near}` has a `%` in its address, which browsers decode before \
                 asking for it, so no link reaches it: give it a slug of plain letters, \
                 digits and hyphens"
            ),
            Some(near) if decode(near) != path => format!("did you mean `{near}`?"),
            _ => "check the address against the pages the site has".to_string(),
        }
    };
    Diagnostic::error(
        "broken-link",
        format!("`{}` leads nowhere: the site has no page there", r.value),
    )
    .hint(hint)
}

/// `https://www.example.com` for a link written `www.example.com`: a
/// relative path that starts with a host name.
fn without_scheme(value: &str) -> Option<String> {
    let host = value.split(['/', '?', '#']).next().unwrap_or("");
    let tld = host.rsplit('.').next().unwrap_or("");
    let hostlike = host.contains('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    let web = host.starts_with("www.") || COMMON_TLDS.contains(&tld.to_ascii_lowercase().as_str());
    (hostlike && web).then(|| format!("https://{value}"))
}

/// Endings of host names that are not also endings of files a post links
/// to (`.html`, `.png`, `.pdf` are not here).
const COMMON_TLDS: [&str; 16] = [
    "com", "org", "net", "edu", "gov", "io", "co", "uk", "ca", "au", "de", "nz", "ie", "info",
    "us", "health",
];

fn no_anchor(fragment: &str, target: &Page<'_>, on: &str) -> Diagnostic {
    let ids: Vec<&str> = target.ids.iter().map(String::as_str).collect();
    let hint = match crate::diag::nearest(fragment, &ids) {
        Some(near) => format!("did you mean `#{near}`?"),
        None => "a heading's id is its words in lower case joined by hyphens, \
                 e.g. `## Take Real Breaks` is #take-real-breaks"
            .to_string(),
    };
    Diagnostic::error(
        "broken-anchor",
        format!("`#{fragment}` is not a heading or id on {on}"),
    )
    .hint(hint)
}

fn alt_problem(image: &Image) -> Option<Diagnostic> {
    let describe = "describe what the picture shows, e.g. ![Two paths through a quiet forest](/images/two-paths.svg); \
                    for a post's image, set image_alt in the front matter";
    match image.alt.as_deref() {
        None => Some(Diagnostic::error("image-alt", "this image has no alt text").hint(describe)),
        Some("") if !image.decorative => {
            Some(Diagnostic::error("image-alt", "this image's alt text is empty").hint(describe))
        }
        Some(alt) if is_file_name(alt, &image.src) => Some(
            Diagnostic::error(
                "image-alt",
                format!("the alt text `{alt}` is the image's file name"),
            )
            .hint(describe),
        ),
        _ => None,
    }
}

fn is_file_name(alt: &str, src: &str) -> bool {
    let path = src.split(['?', '#']).next().unwrap_or(src);
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    !name.is_empty() && (alt.eq_ignore_ascii_case(name) || alt.eq_ignore_ascii_case(stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_without_a_scheme() {
        assert_eq!(
            without_scheme("www.atomichabits.com").as_deref(),
            Some("https://www.atomichabits.com")
        );
        assert_eq!(
            without_scheme("psychologytoday.com/us/basics").as_deref(),
            Some("https://psychologytoday.com/us/basics")
        );
        assert_eq!(without_scheme("notes.pdf"), None);
        assert_eq!(without_scheme("../first-session/"), None);
        assert_eq!(without_scheme("page.html#top"), None);
    }

    #[test]
    fn file_names_as_alt() {
        assert!(is_file_name("IMG_2031.JPG", "/images/IMG_2031.jpg"));
        assert!(is_file_name("two-paths", "/images/two-paths.svg"));
        assert!(!is_file_name(
            "Two paths through a forest",
            "/images/two-paths.svg"
        ));
    }
}
