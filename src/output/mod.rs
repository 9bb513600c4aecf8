//! The only writer. Renders a plan in parallel into a sink: a staging
//! folder beside the output, swapped in only when everything succeeded (so
//! the previous site is never half-written or lost), memory, or nowhere.

mod guard;
mod staging;

use std::path::Path;

use rayon::prelude::*;

use crate::diag::{self, Error, Result};
use crate::plan::{Body, Planned};
pub use guard::guard;
pub use staging::Staging;

/// Where rendered files go. [`render`] hands each file to the sink as it
/// is made, in parallel.
pub trait Sink: Sync {
    /// What the sink gives back for each file.
    type Made: Send;
    fn put(&self, path: &Path, body: Body) -> Result<Self::Made>;
}

/// Into memory, as bytes: `serve`.
pub struct Memory;

impl Sink for Memory {
    type Made = Vec<u8>;
    fn put(&self, path: &Path, body: Body) -> Result<Vec<u8>> {
        Ok(match body {
            Body::Text(s) => s.into_bytes(),
            Body::Bytes(b) => b.to_vec(),
            Body::Copy(src) => std::fs::read(&src).map_err(|e| Error::io("read", path, &e))?,
        })
    }
}

/// Nowhere: `check`, which keeps only what it read of each file.
pub struct Discard;

impl Sink for Discard {
    type Made = ();
    fn put(&self, _: &Path, _: Body) -> Result<()> {
        Ok(())
    }
}

/// Renders the planned files (all, or those at `only`'s indices) into
/// `sink`. `make` renders one file and returns, besides its body, what the
/// caller keeps of it (`build` and `check` keep what the checks read).
/// The results come back in the order of the files.
pub fn render<K: Send, S: Sink>(
    plan: &[Planned],
    only: Option<&[usize]>,
    sink: &S,
    make: impl Fn(&Planned) -> Result<(Body, K)> + Sync,
) -> Result<Vec<(K, S::Made)>> {
    let one = |p: &Planned| {
        let (body, kept) = make(p)?;
        Ok((kept, sink.put(&p.path, body)?))
    };
    let results: Vec<Result<(K, S::Made)>> = match only {
        None => plan
            .par_iter()
            .with_max_len(crate::JOB_BATCH)
            .map(one)
            .collect(),
        Some(only) => only
            .par_iter()
            .with_max_len(crate::JOB_BATCH)
            .map(|&i| one(&plan[i]))
            .collect(),
    };
    diag::collect(results, |r| r)
}
