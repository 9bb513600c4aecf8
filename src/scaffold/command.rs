//! `trellis init [DIR]` and `trellis new post "Title"` on the command line.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::diag::Result;

#[derive(Args, Debug)]
pub struct InitArgs {
    /// The folder for the new site (created if needed).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Args, Debug)]
pub struct NewArgs {
    #[command(subcommand)]
    pub kind: NewKind,
}

#[derive(Subcommand, Debug)]
pub enum NewKind {
    /// Start a draft post: content/posts/<slug>.md with its front matter.
    Post(NewPostArgs),
}

#[derive(Args, Debug)]
pub struct NewPostArgs {
    /// The post's title, in quotes.
    pub title: String,
    /// The site folder (where site.yaml is).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

pub fn init(args: &InitArgs, quiet: bool) -> Result<Option<String>> {
    let message = super::init(&args.dir)?;
    Ok((!quiet).then_some(message))
}

/// Prints the new file's path even with `--quiet`: it is the result, and
/// scripts use it (`$EDITOR "$(trellis new post "Title")"`).
pub fn new(args: &NewArgs) -> Result<Option<String>> {
    match &args.kind {
        NewKind::Post(post) => super::new_post(&post.root, &post.title).map(Some),
    }
}
