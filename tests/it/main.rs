//! One integration test binary (one link step); a module per feature.
//! Each test builds a small site in a temp folder with the real binary and
//! checks the output with an HTML or XML parser.

mod common;

mod architecture;
mod build;
mod check;
mod check_bugs;
mod check_rules;
mod components;
mod content;
mod errors;
mod feeds;
mod headers;
mod hostile;
mod import;
mod markdown;
mod output;
mod policy;
mod scaffold;
mod serve;
mod urls;
