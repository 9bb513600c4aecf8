//! One integration test binary (one link step); a module per feature.
//! Each test builds a small site in a temp folder with the real binary and
//! checks the output with an HTML or XML parser.

mod common;

mod build;
mod check;
mod components;
mod errors;
mod feeds;
mod import;
mod markdown;
mod scaffold;
mod serve;
