//! trellis: a static site generator for the blogs of counselling and
//! psychotherapy practices. Data flows one way, through the stages that
//! ARCHITECTURE.md draws and lists with what each may use.

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod dates;
pub mod diag;
pub mod feeds;
pub mod import;
pub mod io;
pub mod markdown;
pub mod output;
pub mod plan;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod templates;
pub mod yaml;

/// The most items (posts, files, pages) one parallel job takes on. Rayon
/// otherwise hands each thread a few long runs, and the thread that
/// finishes first had nothing left to take: at 10,000 posts one thread
/// worked alone for the last 50 ms of the Markdown stage.
pub(crate) const JOB_BATCH: usize = 32;
