//! A Jekyll site → posts and pages.

use std::path::Path;

use super::Import;
use crate::diag::{Diagnostic, Result};

pub fn import(source: &Path) -> Result<Import> {
    Err(Diagnostic::error(
        "import",
        format!("{} is not a Jekyll site", source.display()),
    )
    .into())
}
