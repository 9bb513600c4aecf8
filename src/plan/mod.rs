//! The plan: every file a build makes, what makes it, and what it is
//! rendered from. `build`, `check` and `serve` all work from it, and
//! `output` renders it into a sink; none of them plans on its own.

mod loaded;
mod statics;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Error, Result};
use crate::site::{Site, url_to_path};
use crate::templates::{self, Asset, pages};
pub use loaded::{Loaded, Options, load, render_markdown};
use statics::{bundle_files, prefer_static};

/// What makes one output file.
pub enum Job {
    Post(usize),
    Page(usize),
    Listing(usize),
    Rss(usize),
    Atom(usize),
    Alias(usize),
    Fixed(&'static str),
    Sitemap,
    Robots,
    /// `/_redirects`: every alias, for hosts that answer it with a 301.
    Redirects,
    /// `/_headers`: the security headers, for hosts that read the file.
    Headers,
    HighlightCss,
    Asset(Asset),
}

/// One output file of the plan.
pub struct Planned {
    /// Relative to the output folder.
    pub path: PathBuf,
    /// What makes this file, for messages ("content/about.md").
    pub origin: String,
    pub job: Job,
}

/// A rendered file, before it is written anywhere.
pub enum Body {
    Text(String),
    Bytes(&'static [u8]),
    Copy(PathBuf),
}

/// An output path as the site's files are named in memory and by the
/// checks: relative, with `/` between folders on every platform.
pub fn file_key(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Every output file of a site, in a fixed order: entries, listings,
/// feeds, aliases, the fixed pages, bundle files, then static assets.
pub fn plan(site: &Site, root: &Path) -> Vec<Planned> {
    plan_noting(site, root, &mut Vec::new())
}

/// The plan, and a note for each file of the author's `static/` that
/// takes the place of one trellis would make.
pub fn plan_noting(site: &Site, root: &Path, notes: &mut Vec<Diagnostic>) -> Vec<Planned> {
    let mut plan = Vec::with_capacity(site.posts.len() * 2 + 64);
    let mut add = |url: &str, origin: String, job: Job| {
        plan.push(Planned {
            path: url_to_path(url),
            origin,
            job,
        })
    };
    for (i, p) in site.posts.iter().enumerate() {
        add(&p.url, p.doc.path.display().to_string(), Job::Post(i));
    }
    for (i, p) in site.pages.iter().enumerate() {
        add(&p.url, p.doc.path.display().to_string(), Job::Page(i));
    }
    for (i, l) in site.listings.iter().enumerate() {
        add(&l.url, format!("the listing {}", l.url), Job::Listing(i));
    }
    for (i, f) in site.feeds.iter().enumerate() {
        add(&f.rss_url, format!("the feed {}", f.rss_url), Job::Rss(i));
        if let Some(atom) = &f.atom_url {
            add(atom, format!("the feed {atom}"), Job::Atom(i));
        }
    }
    for (i, a) in site.aliases.iter().enumerate() {
        let origin = format!("the alias {} in {}", a.from, a.source.display());
        add(&a.from, origin, Job::Alias(i));
    }
    add("/404.html", "the 404 page".into(), Job::Fixed("404.html"));
    add(
        "/follow/",
        "the follow page".into(),
        Job::Fixed("follow.html"),
    );
    add("/sitemap.xml", "the sitemap".into(), Job::Sitemap);
    add("/robots.txt", "robots.txt".into(), Job::Robots);
    if site.has_code {
        let origin = "the highlight stylesheet".into();
        add("/highlight.css", origin, Job::HighlightCss);
    }
    // Names without an extension, which `url_to_path` takes for folders.
    let mut host_file = |name: &str, origin: &str, job: Job| {
        plan.push(Planned {
            path: PathBuf::from(name),
            origin: origin.into(),
            job,
        })
    };
    host_file("_headers", "the security headers", Job::Headers);
    if !site.aliases.is_empty() {
        host_file("_redirects", "the redirects file", Job::Redirects);
    }
    bundle_files(site, root, &mut plan);
    let assets = templates::static_assets(root, &site.config.theme);
    prefer_static(&mut plan, &assets, root, notes);
    for (rel, asset) in assets {
        let origin = match &asset {
            Asset::File(p) => p.strip_prefix(root).unwrap_or(p).display().to_string(),
            Asset::Embedded(_) => format!("the built-in theme's {rel}"),
        };
        plan.push(Planned {
            path: PathBuf::from(rel),
            origin,
            job: Job::Asset(asset),
        });
    }
    plan
}

/// Two sources for one output file is an error naming both.
pub fn check_clashes(plan: &[Planned]) -> Result<()> {
    let mut seen: HashMap<&Path, &str> = HashMap::with_capacity(plan.len());
    let mut errors = Vec::new();
    for p in plan {
        if let Some(first) = seen.insert(&p.path, &p.origin) {
            errors.push(
                Diagnostic::error(
                    "duplicate-url",
                    format!("{} and {} both write {}", first, p.origin, p.path.display()),
                )
                .hint("rename or remove one of them"),
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::many(errors))
    }
}

/// Renders one planned file.
pub fn render(job: &Job, loaded: &Loaded) -> Result<Body> {
    let (site, engine) = (&loaded.site, &loaded.engine);
    let text = match job {
        Job::Post(i) => pages::post(engine, site, *i)?,
        Job::Page(i) => pages::page(engine, site, &site.pages[*i])?,
        Job::Listing(i) => pages::listing(engine, site, &site.listings[*i])?,
        Job::Rss(i) => crate::feeds::rss(site, &site.feeds[*i])?,
        Job::Atom(i) => crate::feeds::atom(site, &site.feeds[*i])?,
        Job::Alias(i) => pages::alias(engine, site, &site.aliases[*i])?,
        Job::Fixed(name) => pages::fixed(engine, site, name)?,
        Job::Sitemap => crate::feeds::sitemap(site)?,
        Job::Robots => crate::feeds::robots(site),
        Job::Redirects => crate::site::redirects(site),
        Job::Headers => engine.headers_file(site.config.base_url.starts_with("https://")),
        // Made once by `load`, which also checked the theme names.
        Job::HighlightCss => loaded.highlight_css.clone(),
        Job::Asset(Asset::Embedded(bytes)) => return Ok(Body::Bytes(bytes)),
        Job::Asset(Asset::File(path)) => return Ok(Body::Copy(path.clone())),
    };
    Ok(Body::Text(text))
}
