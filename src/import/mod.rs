//! `trellis import`: an existing WordPress (or Squarespace), Jekyll or Hugo
//! blog becomes trellis content. Each source reader returns an [`Import`]
//! held wholly in memory; [`write`] then checks every target and writes it
//! all or nothing, with `import-report.md` listing what needs a person.
//!
//! Sits on top like `scaffold`: it uses config, content, scaffold, io, diag
//! and yaml, and only `cli` uses it.

pub mod command;
mod dates;
mod front;
mod html_to_md;
mod hugo;
mod hugo_config;
mod hugo_sc;
mod jekyll;
mod liquid;
mod maps;
mod markdown;
mod md_links;
mod media;
mod report;
mod shortcodes;
mod site_yaml;
mod source;
mod tree;
mod wordpress;
mod wp_content;
mod wp_menu;
mod wpautop;
mod write;
mod wxr;

use std::path::PathBuf;

pub use front::Front;
pub use report::Report;

/// One Markdown file to write, relative to the site root.
#[derive(Debug, Clone)]
pub struct Post {
    pub rel: PathBuf,
    pub front: Front,
    pub body: String,
}

/// A file to place under `static/` (or beside a post).
#[derive(Debug, Clone)]
pub struct Asset {
    pub rel: PathBuf,
    pub from: media::From,
}

/// What the source says about the site as a whole, for a new site.yaml.
#[derive(Debug, Clone, Default)]
pub struct SiteInfo {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub language: String,
    pub author: String,
    /// (name, URL) in order.
    pub menu: Vec<(String, String)>,
}

impl SiteInfo {
    /// A site with no author named is by its own practice.
    fn author_or_title(mut self) -> Self {
        if self.author.is_empty() {
            self.author = self.title.clone();
        }
        self
    }
}

/// Everything an import produces, before anything is written.
#[derive(Debug, Default)]
pub struct Import {
    pub site: SiteInfo,
    pub posts: Vec<Post>,
    pub assets: Vec<Asset>,
    pub report: Report,
}

/// A pattern written in this module's source. Each one is compiled by the
/// unit tests, so a typo fails there, never on a user's input.
fn regex(pattern: &str) -> regex_lite::Regex {
    regex_lite::Regex::new(pattern).unwrap_or_else(|e| panic!("bad pattern {pattern}: {e}"))
}
