//! `trellis import wordpress|jekyll|hugo …` on the command line.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::media::Fetch;
use crate::diag::Result;

#[derive(Args, Debug)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub source: Source,
}

#[derive(Subcommand, Debug)]
pub enum Source {
    /// A WordPress or Squarespace export (WXR, Tools → Export).
    Wordpress(WordpressArgs),
    /// A Jekyll site's folder (_posts, _drafts, _config.yml).
    Jekyll(DirArgs),
    /// A Hugo site's folder (content/, hugo.toml or config.toml).
    Hugo(DirArgs),
}

#[derive(Args, Debug)]
pub struct WordpressArgs {
    /// The export file (.xml).
    pub export: PathBuf,
    /// The site folder to add to (made with a new site.yaml if it has none).
    #[arg(long, default_value = ".")]
    pub into: PathBuf,
    /// A copy of the old site's wp-content/uploads folder to take images from.
    #[arg(long)]
    pub uploads: Option<PathBuf>,
    /// Download no images; each one is listed in import-report.md instead.
    #[arg(long)]
    pub no_download: bool,
}

#[derive(Args, Debug)]
pub struct DirArgs {
    /// The old site's folder.
    pub source: PathBuf,
    /// The site folder to add to (made with a new site.yaml if it has none).
    #[arg(long, default_value = ".")]
    pub into: PathBuf,
}

pub fn run(args: &ImportArgs, quiet: bool) -> Result<Option<String>> {
    let (import, into) = match &args.source {
        Source::Wordpress(a) => {
            let fetch = match (&a.uploads, a.no_download) {
                (Some(dir), _) => Fetch::Uploads(dir.clone()),
                (None, true) => Fetch::Nothing,
                (None, false) => Fetch::Download,
            };
            (super::wordpress::import(&a.export, &fetch)?, &a.into)
        }
        Source::Jekyll(a) => (super::jekyll::import(&a.source)?, &a.into),
        Source::Hugo(a) => (super::hugo::import(&a.source)?, &a.into),
    };
    let summary = super::write::write(import, into, quiet)?;
    Ok((!quiet).then_some(summary))
}
