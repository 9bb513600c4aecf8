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
pub mod io;
pub mod markdown;
pub mod output;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod templates;
pub mod yaml;
