//! Writes an [`Import`] all or nothing: every file is made in memory
//! first, files already in the site are left alone (and reported), and a
//! failure part-way removes what this run wrote.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::media::From;
use super::{Import, Post, site_yaml};
use crate::diag::{Error, Result, plural};

pub fn write(mut import: Import, into: &Path, quiet: bool) -> Result<String> {
    unify_tags(&mut import.posts);
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut texts = HashMap::new();
    for post in &mut import.posts {
        // trellis reads `2013-01-01-a.md` as slug `a`; keep the one planned.
        let stem = post
            .rel
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if super::dates::split_name(&stem).0.is_some() && post.front.slug.is_none() {
            post.front.slug = Some(stem);
        }
        let text = post.front.file(&post.body)?;
        texts.insert(post.rel.clone(), text.clone());
        files.push((post.rel.clone(), text.into_bytes()));
    }
    for asset in &import.assets {
        let bytes = match &asset.from {
            From::Bytes(b) => b.clone(),
            From::File(f) => std::fs::read(f).map_err(|e| Error::io("read", f, &e))?,
        };
        files.push((asset.rel.clone(), bytes));
    }
    if !into.join("site.yaml").exists() {
        files.push((
            "site.yaml".into(),
            site_yaml::render(&import.site).into_bytes(),
        ));
        let has_contact = import
            .posts
            .iter()
            .any(|p| p.rel == Path::new("content/contact.md"));
        if !has_contact {
            files.push((
                "content/contact.md".into(),
                site_yaml::CONTACT.as_bytes().to_vec(),
            ));
        }
    }
    let counts = counts(&import);
    let report = &mut import.report;
    report.place(&texts);
    let (new, kept): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|(rel, _)| !into.join(rel).exists());
    report.kept = kept.into_iter().map(|(rel, _)| rel).collect();
    report.written = new.iter().map(|(rel, _)| rel.clone()).collect();
    let report_name = free_name(into);
    let summary = report.summary(&counts, into);
    let mut all = new;
    all.push((report_name, report.markdown(&counts).into_bytes()));
    write_all(into, &all)?;
    if quiet {
        return Ok(String::new());
    }
    Ok(summary)
}

fn counts(import: &Import) -> String {
    let posts = import
        .posts
        .iter()
        .filter(|p| p.rel.starts_with("content/posts"))
        .count();
    let pages = import.posts.len() - posts;
    format!(
        "{}, {}, {}",
        plural(posts, "post"),
        plural(pages, "page"),
        plural(import.assets.len(), "image")
    )
}

/// `import-report.md`, or `import-report-2.md`, … when an earlier import
/// left one: a report is never overwritten either.
fn free_name(into: &Path) -> PathBuf {
    (1..)
        .map(|n| match n {
            1 => PathBuf::from("import-report.md"),
            n => PathBuf::from(format!("import-report-{n}.md")),
        })
        .find(|p| !into.join(p).exists())
        .unwrap_or_else(|| PathBuf::from("import-report.md"))
}

/// Tags that trellis would take as one (same slug) get one spelling, the
/// first met, across all posts.
fn unify_tags(posts: &mut [Post]) {
    let mut first: HashMap<String, String> = HashMap::new();
    for post in posts.iter_mut() {
        let tags = std::mem::take(&mut post.front.tags);
        let unified = tags
            .into_iter()
            .map(|t| first.entry(slug::slugify(&t)).or_insert(t).clone());
        post.front.add_tags(unified);
    }
}

fn write_all(into: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    let mut done: Vec<PathBuf> = Vec::new();
    for (rel, bytes) in files {
        let path = into.join(rel);
        if let Err(e) = crate::scaffold::create(&path, bytes) {
            // Undo this run's files so a failed import leaves no half site.
            for written in done.iter().rev() {
                let _ = std::fs::remove_file(written);
            }
            return Err(e);
        }
        done.push(path);
    }
    Ok(())
}
