//! Runs the stages in order and returns a report. Reads like the pipeline:
//! config → templates → content → markdown → site → plan → output.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::content::{self, Document};
use crate::diag::{self, Diagnostic, Result, plural};
use crate::markdown::{self, Rendered};
use crate::output::{self, Content, Planned, Sink};
use crate::site::{self, Site, url_to_path};
use crate::templates::{self, Asset, Engine, pages};
use crate::{config, feeds};

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
}

impl Options {
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

#[derive(Debug)]
pub struct Report {
    pub posts: usize,
    pub pages: usize,
    pub tags: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub timings: Vec<(&'static str, Duration)>,
    /// What `check` warns about; errors fail the build instead.
    pub warnings: Vec<Diagnostic>,
}

impl Report {
    /// One line per stage, for `--verbose`.
    pub fn stages(&self) -> String {
        self.timings
            .iter()
            .map(|(stage, d)| format!("  {stage:<22}{:>8.1} ms\n", d.as_secs_f64() * 1000.0))
            .collect()
    }

    pub fn summary(&self, output: &Path) -> String {
        format!(
            "Built {} ({}, {}, {}) into {} in {} ms",
            plural(self.files, "file"),
            plural(self.posts, "post"),
            plural(self.pages, "page"),
            plural(self.tags, "tag"),
            output.display(),
            self.elapsed.as_millis()
        )
    }
}

/// A loaded site and the engine that renders it; what `check` and
/// `serve` work from.
pub struct Loaded {
    /// How long each stage took, for `--verbose`.
    pub timings: Vec<(&'static str, Duration)>,
    pub site: Site,
    pub engine: Engine,
    /// `/highlight.css`, from the syntect themes named in site.yaml.
    pub highlight_css: String,
}

pub fn load(opts: &Options) -> Result<Loaded> {
    let mut lap = Lap::start();
    let config = config::load(&opts.root, opts.base_url.as_deref())?;
    let engine = Engine::load(&opts.root, &config)?;
    let h = &config.highlight;
    let highlight_css = markdown::highlight::stylesheet(&h.theme_light, &h.theme_dark).map_err(|e| {
        Diagnostic::error("config", e)
            .at(config.key_location("highlight"))
            .hint("name syntect themes, e.g. theme_light: InspiredGitHub, theme_dark: base16-ocean.dark")
    })?;
    lap.record("config and templates");
    let tz = jiff::tz::TimeZone::get(&config.timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    let found = content::find(&opts.root);
    let copts = content::Options {
        drafts: opts.drafts,
        now: jiff::Timestamp::now(),
        tz: &tz,
    };
    let mut docs = content::load(&opts.root, &found.markdown, &copts)?;
    let not_copied = content::attach(&opts.root, &found, &mut docs);
    lap.record("content");
    let rendered = render_markdown(docs, &engine)?;
    lap.record("markdown");
    let mut site = site::assemble(config, rendered)?;
    site.warnings.extend(not_copied);
    lap.record("site");
    Ok(Loaded {
        timings: lap.laps,
        site,
        engine,
        highlight_css,
    })
}

/// Stage timings: each `record` notes the time since the previous one.
struct Lap {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Lap {
    fn start() -> Lap {
        Lap {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    fn record(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}

/// Renders each document's Markdown in parallel; `serve` uses it for the
/// files that changed.
pub fn render_markdown(docs: Vec<Document>, engine: &Engine) -> Result<Vec<(Document, Rendered)>> {
    let results: Vec<Result<(Document, Rendered)>> = docs
        .into_par_iter()
        .with_max_len(crate::JOB_BATCH)
        .map(|doc| {
            let input = markdown::Input {
                path: &doc.path,
                text: &doc.body,
                first_line: doc.body_line,
            };
            let r = markdown::render(&input, engine)?;
            Ok((doc, r))
        })
        .collect();
    diag::collect(results, |r| r)
}

/// `trellis build`: load, plan, render and write atomically.
pub fn build(opts: &Options) -> Result<Report> {
    let start = Instant::now();
    let target = opts.output_dir();
    output::guard(&opts.root, &target)?;
    let mut loaded = load(opts)?;
    let mut times = Vec::new();
    let written = write_checked(&loaded, &opts.root, &target, &mut times);
    // The site's own warnings come with the checks' findings either way.
    let mut warnings = std::mem::take(&mut loaded.site.warnings);
    let (checked, files) = match written {
        Ok(written) => written,
        Err(mut e) => {
            warnings.append(&mut e.diagnostics);
            return Err(diag::Error::many(warnings));
        }
    };
    loaded.timings.extend(times);
    warnings.extend(checked);
    let report = Report {
        warnings,
        ..report(&loaded, files, start)
    };
    // Freeing every post's HTML is a serial stretch at the end of a large
    // build that nobody waits on: the site is already written.
    rayon::spawn(move || drop(loaded));
    Ok(report)
}

/// Renders every file once into a staging folder, keeping what the checks
/// need of each, then runs the checks and swaps the site in only if they
/// pass. Returns the warnings and the number of files; notes stage times.
fn write_checked(
    loaded: &Loaded,
    root: &Path,
    target: &Path,
    times: &mut Vec<(&'static str, Duration)>,
) -> Result<(Vec<Diagnostic>, usize)> {
    let start = Instant::now();
    let mut notes = Vec::new();
    let plan = plan_noting(&loaded.site, root, &mut notes)?;
    let (staged, scans) = output::stage(&plan, target, |p| {
        let content = render(&p.job, loaded)?;
        let scan = crate::check::scan(&loaded.site, p, &content, root);
        Ok((content, scan))
    })?;
    let written = start.elapsed();
    times.push(("render and write", written));
    notes.extend(crate::check::gate(loaded, root, &plan, scans)?);
    times.push(("check", start.elapsed() - written));
    staged.commit()?;
    Ok((notes, plan.len()))
}

pub fn report(loaded: &Loaded, files: usize, start: Instant) -> Report {
    let site = &loaded.site;
    Report {
        posts: site.posts.len(),
        pages: site.pages.len(),
        tags: site.tags.len(),
        files,
        elapsed: start.elapsed(),
        timings: loaded.timings.clone(),
        warnings: Vec::new(),
    }
}

/// Plans and renders every file of a loaded site into `sink`.
pub fn write(loaded: &Loaded, root: &Path, sink: Sink<'_>) -> Result<usize> {
    let plan = plan(&loaded.site, root)?;
    output::run(&plan, sink, |job| render(job, loaded))?;
    Ok(plan.len())
}

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
    HighlightCss,
    Asset(Asset),
}

pub fn plan(site: &Site, root: &Path) -> Result<Vec<Planned<Job>>> {
    plan_noting(site, root, &mut Vec::new())
}

/// The plan, and a note for each file of the author's `static/` that
/// takes the place of one trellis would make.
fn plan_noting(site: &Site, root: &Path, notes: &mut Vec<Diagnostic>) -> Result<Vec<Planned<Job>>> {
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
        add(
            &a.from,
            format!("the alias {} in {}", a.from, a.source.display()),
            Job::Alias(i),
        );
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
        add(
            "/highlight.css",
            "the highlight stylesheet".into(),
            Job::HighlightCss,
        );
    }
    if !site.aliases.is_empty() {
        plan.push(Planned {
            path: PathBuf::from("_redirects"),
            origin: "the redirects file".into(),
            job: Job::Redirects,
        });
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
    Ok(plan)
}

/// Each bundle's files, beside its post: `content/posts/x/a.jpg` is
/// `/blog/x/a.jpg`.
fn bundle_files(site: &Site, root: &Path, plan: &mut Vec<Planned<Job>>) {
    for e in site.posts.iter().chain(&site.pages) {
        let folder = url_to_path(&e.url);
        let folder = folder.parent().unwrap_or(Path::new(""));
        for (file, name) in &e.doc.files {
            plan.push(Planned {
                path: folder.join(name),
                origin: file
                    .strip_prefix(root)
                    .unwrap_or(file)
                    .display()
                    .to_string(),
                job: Job::Asset(Asset::File(file.clone())),
            });
        }
    }
}

/// A file the author put in `static/` (robots.txt, a 404 page, …) wins
/// over the one trellis would make, with a note. Posts and pages still
/// clash with it, since one of the two would be lost.
fn prefer_static(
    plan: &mut Vec<Planned<Job>>,
    assets: &std::collections::BTreeMap<String, Asset>,
    root: &Path,
    notes: &mut Vec<Diagnostic>,
) {
    let theirs = |p: &Planned<Job>| match assets.get(&output::file_key(&p.path)) {
        Some(Asset::File(file))
            if !matches!(p.job, Job::Post(_) | Job::Page(_) | Job::Asset(_)) =>
        {
            Some(file)
        }
        _ => None,
    };
    plan.retain(|p| {
        let Some(file) = theirs(p) else { return true };
        let file = file.strip_prefix(root).unwrap_or(file);
        notes.push(
            Diagnostic::warning(
                "static-file",
                format!("{} takes the place of {}", file.display(), p.origin),
            )
            .hint("this is what you want if you wrote the file yourself; remove it to use the one trellis makes"),
        );
        false
    });
}

/// Renders one planned file; `serve` calls it for the files that changed.
pub fn render(job: &Job, loaded: &Loaded) -> Result<Content> {
    let (site, engine) = (&loaded.site, &loaded.engine);
    let text = match job {
        Job::Post(i) => pages::post(engine, site, *i)?,
        Job::Page(i) => pages::page(engine, site, &site.pages[*i])?,
        Job::Listing(i) => pages::listing(engine, site, &site.listings[*i])?,
        Job::Rss(i) => feeds::rss(site, &site.feeds[*i])?,
        Job::Atom(i) => feeds::atom(site, &site.feeds[*i])?,
        Job::Alias(i) => pages::alias(engine, site, &site.aliases[*i])?,
        Job::Fixed(name) => pages::fixed(engine, site, name)?,
        Job::Sitemap => feeds::sitemap(site)?,
        Job::Robots => feeds::robots(site),
        Job::Redirects => site::redirects(site),
        // Made once by `load`, which also checked the theme names.
        Job::HighlightCss => loaded.highlight_css.clone(),
        Job::Asset(Asset::Embedded(bytes)) => return Ok(Content::Bytes(bytes)),
        Job::Asset(Asset::File(path)) => return Ok(Content::Copy(path.clone())),
    };
    Ok(Content::Text(text))
}
