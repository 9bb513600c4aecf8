//! `trellis serve [--watch]`: the real binary on a temp site (`server`
//! holds the harness), and the incremental rebuild held to clean builds.

mod checks;
mod http;
mod incremental;
mod props;
mod reload;
mod server;
