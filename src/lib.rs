//! trellis: a static site generator for the blogs of counselling and
//! psychotherapy practices. Data flows one way:
//! config → content → markdown → site → templates/feeds → output, run by
//! `build`; `check`, `scaffold` and `serve` sit on top. See ARCHITECTURE.md.

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod diag;
pub mod feeds;
pub mod import;
pub mod io;
pub mod markdown;
pub mod output;
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
