//! `trellis init` and `trellis new post`: the first files of a site and of
//! a post, written so an author can learn the format by reading them. They
//! never overwrite anything.

pub mod command;
mod post;

use std::io::Write;
use std::path::Path;

use crate::diag::{Diagnostic, Error, Result};

pub use post::new_post;

/// Where each scaffold file goes. `@TODAY@` becomes today's date.
const SITE: [(&str, &str); 4] = [
    ("site.yaml", include_str!("files/site.yaml")),
    (
        "content/posts/welcome-to-our-blog.md",
        include_str!("files/welcome.md"),
    ),
    ("content/about.md", include_str!("files/about.md")),
    ("content/contact.md", include_str!("files/contact.md")),
];

/// `trellis init DIR`: a site that builds at once with the built-in theme.
pub fn init(dir: &Path) -> Result<String> {
    let existing: Vec<&str> = SITE
        .iter()
        .map(|(rel, _)| *rel)
        .filter(|rel| dir.join(rel).exists())
        .collect();
    if !existing.is_empty() {
        return Err(Diagnostic::error(
            "init",
            format!(
                "{} already has {}; trellis init never overwrites files",
                dir.display(),
                existing.join(", ")
            ),
        )
        .hint("choose a new folder, e.g. `trellis init my-practice`")
        .into());
    }
    // The site's time zone is UTC until the author sets one.
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    for (rel, text) in SITE {
        create(&dir.join(rel), text.replace("@TODAY@", &today))?;
    }
    let root = dir.display();
    Ok(format!(
        "Created a new site in {root}: site.yaml, a first post, an about and a contact page.\n\
         Next: edit site.yaml, then run `trellis serve --root {root} --watch` to see it,\n\
         and `trellis new post \"Your title\" --root {root}` to start writing."
    ))
}

/// Writes a new file; an existing one is an error, never replaced.
pub(crate) fn create(path: &Path, text: impl AsRef<[u8]>) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, &e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io("create", path, &e))?;
    file.write_all(text.as_ref())
        .map_err(|e| Error::io("write", path, &e))
}
