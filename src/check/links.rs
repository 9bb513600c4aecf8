//! Errors a reader would hit: links and `#anchors` that lead nowhere,
//! images that are not there, and images a screen reader cannot describe.
//! Checked on the rendered pages, so links from templates and site.yaml
//! count as much as links in Markdown.

use std::collections::HashMap;

use rayon::prelude::*;

use super::findings::Findings;
use super::locate::Sources;
use super::scan::{Image, Page, Ref, Scans};
use super::urls::{Target, resolve};
use crate::diag::Diagnostic;
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
    let at = |needle: &str| sources.find(&page.entries, needle);
    for (r, path, fragment) in internal(page, base_url) {
        let same_page = r.value.starts_with('#');
        let file = file_of(&path);
        if !(targets.has_file)(&file) {
            found.on_page(page, at(&r.value), missing(r, &path, &targets.urls));
            continue;
        }
        if let (Some(target), Some(fragment)) = (targets.pages.get(file.as_str()), fragment)
            && fragment != "top"
            && !target.ids.contains(&fragment)
        {
            let on = if same_page { "this page" } else { &target.url };
            found.on_page(page, at(&r.value), no_anchor(&fragment, target, on));
        }
    }
    for image in &page.images {
        if let Some(d) = alt_problem(image) {
            found.on_page(page, at(&image.src), d);
        }
    }
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
    let hint = match crate::diag::nearest(path, urls) {
        Some(near) => format!("did you mean `{near}`?"),
        None => "check the address against the pages the site has".to_string(),
    };
    Diagnostic::error(
        "broken-link",
        format!("`{}` leads nowhere: the site has no page there", r.value),
    )
    .hint(hint)
}

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
    fn file_names_as_alt() {
        assert!(is_file_name("IMG_2031.JPG", "/images/IMG_2031.jpg"));
        assert!(is_file_name("two-paths", "/images/two-paths.svg"));
        assert!(!is_file_name(
            "Two paths through a forest",
            "/images/two-paths.svg"
        ));
    }
}
