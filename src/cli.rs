//! The command line: clap definitions and one `run` per command. Errors
//! come back as values; `main` prints them once.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::build;
use crate::diag::Result;

#[derive(Parser, Debug)]
#[command(
    name = "trellis",
    version,
    about = "A calm, fast static site generator for therapy practice blogs"
)]
pub struct Cli {
    /// Print only errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Print more about what happens.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into public/.
    Build(BuildArgs),
    /// Build into memory and serve it; with --watch, rebuild and reload on every change.
    Serve(crate::serve::ServeArgs),
    /// Scaffold a new site that builds at once: site.yaml, a post, about and contact pages.
    Init(crate::scaffold::command::InitArgs),
    /// Start something new, e.g. `trellis new post "Title"`.
    New(crate::scaffold::command::NewArgs),
    /// Review the site before publishing: everything build checks, and more; writes nothing.
    Check(crate::check::command::CheckArgs),
    /// Bring an existing blog in: `trellis import wordpress EXPORT.xml`, `jekyll DIR` or `hugo DIR`.
    Import(crate::import::command::ImportArgs),
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// The site folder (where site.yaml is).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site (default: ROOT/public).
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Override base_url from site.yaml, e.g. for a staging host.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include drafts and future-dated posts.
    #[arg(long)]
    pub drafts: bool,
}

impl BuildArgs {
    fn options(&self) -> build::Options {
        build::Options {
            root: self.root.clone(),
            output: self.output.clone(),
            base_url: self.base_url.clone(),
            drafts: self.drafts,
        }
    }
}

/// Runs a command; the `String` is what to print on success.
pub fn run(cli: &Cli) -> Result<Option<String>> {
    match &cli.command {
        Command::Build(args) => {
            let opts = args.options();
            let report = build::build(&opts)?;
            if cli.quiet {
                return Ok(None);
            }
            let summary = report.summary(&opts.output_dir());
            let warnings = crate::check::command::warnings_text(&report.warnings);
            let stages = if cli.verbose {
                report.stages()
            } else {
                String::new()
            };
            Ok(Some(format!("{warnings}{stages}{summary}")))
        }
        Command::Serve(args) => crate::serve::run(args, cli.quiet),
        Command::Init(args) => crate::scaffold::command::init(args, cli.quiet),
        Command::New(args) => crate::scaffold::command::new(args),
        Command::Check(args) => crate::check::command::run(args, cli.quiet),
        Command::Import(args) => crate::import::command::run(args, cli.quiet),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
