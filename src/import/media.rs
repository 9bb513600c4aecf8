//! Images of imported posts: where each goes under `static/`, and getting
//! its bytes from a local copy of the uploads folder or by downloading.
//! A missing or failed image is a report line, never a failed import.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// Where images come from (`--uploads`, default, `--no-download`).
#[derive(Debug, Clone)]
pub enum Fetch {
    Nothing,
    Download,
    Uploads(PathBuf),
}

/// An asset's bytes: a file to copy, or bytes already in memory.
#[derive(Debug, Clone)]
pub enum From {
    File(PathBuf),
    Bytes(Vec<u8>),
}

/// Images are kept under this folder of `static/`, by their old path.
pub const FOLDER: &str = "images/imported";

/// `https://host/wp-content/uploads/2013/03/a.jpg` → `2013/03/a.jpg`: the
/// part of an upload's URL that names it, made safe as a relative path.
pub fn upload_path(url: &str) -> Option<String> {
    let no_query = url.split(['?', '#']).next().unwrap_or(url);
    let path = match no_query.split_once("/wp-content/uploads/") {
        Some((_, rest)) => rest.to_string(),
        None => {
            let rest = no_query.split_once("://").map_or(no_query, |(_, r)| r);
            rest.split_once('/').map(|(_, p)| p.to_string())?
        }
    };
    let decoded = percent_encoding::percent_decode_str(&path).decode_utf8_lossy();
    let parts: Vec<String> = decoded
        .split('/')
        .filter(|s| !s.is_empty() && *s != "." && *s != "..")
        .map(|s| s.replace(['\\', ':', '*', '?', '"', '<', '>', '|', ' '], "-"))
        .collect();
    let last = parts.last()?;
    let is_image = last.rsplit_once('.').is_some_and(|(_, ext)| {
        matches!(
            ext.to_ascii_lowercase().as_str(),
            "jpg" | "jpeg" | "png" | "gif" | "webp" | "svg" | "avif"
        )
    });
    is_image.then(|| parts.join("/"))
}

/// For each image URL, its bytes' source, by the chosen [`Fetch`]; URLs
/// missing from the map were not fetched (the caller reports them).
pub fn gather(urls: &[String], fetch: &Fetch) -> BTreeMap<String, From> {
    match fetch {
        Fetch::Nothing => BTreeMap::new(),
        Fetch::Uploads(dir) => urls
            .iter()
            .filter_map(|u| {
                let file = dir.join(upload_path(u)?);
                file.is_file().then(|| (u.clone(), From::File(file)))
            })
            .collect(),
        Fetch::Download => download_all(urls),
    }
}

/// Four downloads at a time, each with a timeout and two retries; a
/// progress line on stderr only when it is a terminal.
fn download_all(urls: &[String]) -> BTreeMap<String, From> {
    let done = Mutex::new(BTreeMap::new());
    let next = Mutex::new(0usize);
    let show = std::io::stderr().is_terminal();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                loop {
                    let i = {
                        let mut n = next
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner);
                        *n += 1;
                        *n - 1
                    };
                    let Some(url) = urls.get(i) else { break };
                    if let Some(bytes) = fetch_one(&agent, url) {
                        done.lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .insert(url.clone(), From::Bytes(bytes));
                    }
                    if show {
                        eprint!(
                            "\rDownloading images: {}/{}",
                            (i + 1).min(urls.len()),
                            urls.len()
                        );
                        let _ = std::io::stderr().flush();
                    }
                }
            });
        }
    });
    if show && !urls.is_empty() {
        eprintln!();
    }
    done.into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn fetch_one(agent: &ureq::Agent, url: &str) -> Option<Vec<u8>> {
    for attempt in 0..3u64 {
        if attempt > 0 {
            std::thread::sleep(Duration::from_millis(500 * attempt));
        }
        let Ok(response) = agent.get(url).call() else {
            continue;
        };
        let mut bytes = Vec::new();
        // An image larger than 50 MB is not a blog image; leave it out.
        let read = response
            .into_body()
            .into_reader()
            .take(50 << 20)
            .read_to_end(&mut bytes);
        if read.is_ok() && !bytes.is_empty() {
            return Some(bytes);
        }
    }
    None
}

/// The site URL of an image stored at `static/<FOLDER>/<rel>`.
pub fn site_url(rel: &str) -> String {
    format!("/{FOLDER}/{rel}")
}

/// The file an image is written to, relative to the site root.
pub fn static_file(rel: &str) -> PathBuf {
    Path::new("static").join(FOLDER).join(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_paths_are_safe_and_images_only() {
        assert_eq!(
            upload_path("https://a.com/wp-content/uploads/2013/03/a%20b.jpg?w=300").as_deref(),
            Some("2013/03/a-b.jpg")
        );
        assert_eq!(
            upload_path("https://a.com/../../etc/x.png").as_deref(),
            Some("etc/x.png")
        );
        assert_eq!(upload_path("https://a.com/page/"), None);
    }
}
