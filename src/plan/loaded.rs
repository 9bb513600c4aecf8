//! What a plan is rendered from: the site loaded through the stages in
//! the order ARCHITECTURE.md draws (config, templates, content, Markdown,
//! site), and the engine that renders it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::content::{self, Document};
use crate::diag::{self, Diagnostic, Result, Severity};
use crate::markdown::{self, Rendered};
use crate::site::{self, Site};
use crate::templates::Engine;

/// Where a site is and how to load it.
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

/// A loaded site and the engine that renders it.
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
    let config = crate::config::load(&opts.root, opts.base_url.as_deref())?;
    let engine = Engine::load(&opts.root, &config)?;
    let h = &config.highlight;
    let highlight_css = markdown::highlight::stylesheet(&h.theme_light, &h.theme_dark).map_err(|e| {
        Diagnostic::error("config", e)
            .at(config.key_location("highlight"))
            .hint("name syntect themes, e.g. theme_light: InspiredGitHub, theme_dark: base16-ocean.dark")
    })?;
    lap.record("config and templates");
    let mut found = content::find(&opts.root);
    found
        .problems
        .extend(crate::templates::walk_problems(&opts.root, &config.theme));
    let (walk_errors, walk_warnings): (Vec<_>, Vec<_>) = std::mem::take(&mut found.problems)
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    let copts = content::Options {
        drafts: opts.drafts,
        now: jiff::Timestamp::now(),
        tz: &config.tz,
    };
    let mut docs = with_walk_errors(
        content::load(&opts.root, &found.markdown, &copts),
        walk_errors,
    )?;
    let not_copied = content::attach(&opts.root, &found, &mut docs);
    lap.record("content");
    let rendered = render_markdown(docs, &engine)?;
    lap.record("markdown");
    let mut site = site::assemble(config, rendered)?;
    site.warnings
        .extend(walk_warnings.into_iter().chain(not_copied));
    lap.record("site");
    Ok(Loaded {
        timings: lap.laps,
        site,
        engine,
        highlight_css,
    })
}

/// The documents, unless a folder could not be read: its errors come
/// first, with every error of the files that could.
fn with_walk_errors(
    docs: Result<Vec<Document>>,
    mut errors: Vec<Diagnostic>,
) -> Result<Vec<Document>> {
    match docs {
        Ok(docs) if errors.is_empty() => Ok(docs),
        Ok(_) => Err(diag::Error::many(errors)),
        Err(e) => {
            errors.extend(e.diagnostics);
            Err(diag::Error::many(errors))
        }
    }
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
