//! A Jekyll site → posts (`_posts`, `_drafts`), top-level pages, the
//! files of its asset folders, and site.yaml values from `_config.yml`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use serde_json::Value;

use super::source::{self, Mapping};
use super::tree::{self, Doc, Static};
use super::{Import, Report, SiteInfo, liquid};
use crate::diag::Result;

const MARKDOWN: [&str; 5] = ["md", "markdown", "mkd", "mkdn", "mdown"];
/// Folders whose files a Jekyll site serves as they are.
const ASSETS: [&str; 7] = [
    "assets", "images", "img", "uploads", "files", "media", "static",
];
/// Pages a blog has that trellis makes itself.
const SKIP_PAGES: [&str; 8] = [
    "index",
    "readme",
    "404",
    "changelog",
    "license",
    "feed",
    "search",
    "contributing",
];

pub fn import(source: &Path) -> Result<Import> {
    let config = read_config(source)?;
    let mut report = tree::start(
        source,
        "Jekyll",
        source.join("_posts").is_dir(),
        "_posts folder",
        "_config.yml and _posts",
    )?;
    let tz = config
        .get("timezone")
        .and_then(Value::as_str)
        .and_then(|t| TimeZone::get(t).ok())
        .unwrap_or(TimeZone::UTC);
    let permalink = config
        .get("permalink")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| {
            config
                .get("collections")
                .and_then(|c| c.pointer("/posts/permalink"))
                .and_then(Value::as_str)
                .map(str::to_string)
        });
    let mapping = Mapping {
        tz: &tz,
        split_words: true,
    };
    let mut docs = Vec::new();
    for (dir, draft) in [("_posts", false), ("_drafts", true)] {
        for src in tree::files_under(source, Path::new(dir))
            .into_iter()
            .filter(|p| is_post(p))
        {
            docs.push(post(
                source,
                &src,
                draft,
                permalink.as_deref(),
                &mapping,
                &mut report,
            )?);
        }
    }
    for src in pages(source) {
        if let Some(doc) = page(source, &src, &mapping, &mut report)? {
            docs.push(doc);
        }
    }
    tree::unique_slugs(&mut docs);
    collections(source, &mut report);
    let stems: HashMap<String, String> = docs
        .iter()
        .filter_map(|d| {
            Some((
                d.src.file_stem()?.to_string_lossy().into_owned(),
                d.url.clone(),
            ))
        })
        .collect();
    for d in &mut docs {
        let (body, left) = liquid::convert(&d.body, &stems);
        d.body = body;
        for l in left {
            report.note(&d.rel, Some(&l), format!("Liquid left as text: {l}"));
        }
    }
    let statics = statics(source);
    let site = site(&config);
    Ok(tree::finish(source, site, docs, statics, report))
}

fn read_config(source: &Path) -> Result<serde_json::Map<String, Value>> {
    let path = source.join("_config.yml");
    if !path.is_file() {
        return Ok(serde_json::Map::new());
    }
    let text = crate::io::read_source(&path, &path)?;
    let src = crate::yaml::Source {
        path: &path,
        text: &text,
        first_line: 1,
    };
    Ok(match crate::yaml::parse::<Value>(&src, "import")? {
        Value::Object(m) => m,
        _ => serde_json::Map::new(),
    })
}

fn is_post(p: &Path) -> bool {
    p.extension()
        .is_some_and(|e| MARKDOWN.contains(&e.to_string_lossy().as_ref()) || e == "html")
}

fn post(
    root: &Path,
    src: &Path,
    draft: bool,
    permalink: Option<&str>,
    mapping: &Mapping<'_>,
    report: &mut Report,
) -> Result<Doc> {
    let (raw, mut front, dropped) = source::read(root, src, mapping)?;
    let stem = src
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (file_date, name) = super::dates::split_name(&stem);
    if front.date.is_none() {
        front.date = file_date.map(str::to_string).or_else(|| draft.then(today));
    }
    front.draft |= draft;
    let slug = front.slug.take().unwrap_or_else(|| slug::slugify(name));
    let rel = PathBuf::from(format!("content/posts/{slug}.md"));
    source::report_dropped(report, &rel, &dropped);
    if front.date.is_none() {
        front.date = Some(today());
        report.note(&rel, Some("date:"), "the post had no date: today's is set");
    }
    let day = super::dates::local_day(front.date.as_deref().unwrap_or(""), mapping.tz);
    let cats = categories(&raw.values, src);
    let pattern = raw
        .values
        .get("permalink")
        .and_then(Value::as_str)
        .or(permalink)
        .unwrap_or("date");
    let old = (!draft).then(|| old_url(pattern, &day, &cats, name));
    Ok(Doc {
        src: src.to_path_buf(),
        rel,
        url: format!("/blog/{slug}/"),
        front,
        body: raw.body,
        html: src.extension().is_some_and(|e| e == "html"),
        old_urls: old.into_iter().collect(),
    })
}

fn today() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%d").to_string()
}

/// Front matter categories, then the folders above `_posts`.
fn categories(values: &serde_json::Map<String, Value>, src: &Path) -> Vec<String> {
    let mut cats: Vec<String> = src
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .take_while(|c| c != "_posts" && c != "_drafts")
        .collect();
    for key in ["category", "categories"] {
        if let Some(v) = values.get(key) {
            cats.extend(source::list(v, true));
        }
    }
    cats
}

/// Jekyll's permalink pattern filled in for one post.
fn old_url(pattern: &str, date: &str, cats: &[String], name: &str) -> String {
    let pattern = match pattern {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        other => other,
    };
    let cats: Vec<String> = cats
        .iter()
        .map(|c| c.to_lowercase().replace(' ', "-"))
        .collect();
    let url = pattern
        .replace(":categories", &cats.join("/"))
        .replace(":year", date.get(..4).unwrap_or(""))
        .replace(":month", date.get(5..7).unwrap_or(""))
        .replace(":day", date.get(8..10).unwrap_or(""))
        .replace(
            ":i_month",
            date.get(5..7).unwrap_or("").trim_start_matches('0'),
        )
        .replace(
            ":i_day",
            date.get(8..10).unwrap_or("").trim_start_matches('0'),
        )
        .replace(":short_year", date.get(2..4).unwrap_or(""))
        .replace(":title", name)
        .replace(":slug", name)
        .replace(":output_ext", ".html");
    let mut clean = String::new();
    for seg in url.split('/').filter(|s| !s.is_empty()) {
        clean.push('/');
        clean.push_str(seg);
    }
    if url.ends_with('/') || clean.is_empty() {
        clean.push('/');
    }
    clean
}

/// Markdown files at the top of the site: its pages.
fn pages(source: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(source) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| PathBuf::from(e.file_name()))
        .filter(|p| {
            p.extension()
                .is_some_and(|e| MARKDOWN.contains(&e.to_string_lossy().as_ref()))
        })
        .filter(|p| {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            !SKIP_PAGES.contains(&stem.as_str())
        })
        .collect();
    out.sort();
    out
}

fn page(
    root: &Path,
    src: &Path,
    mapping: &Mapping<'_>,
    report: &mut Report,
) -> Result<Option<Doc>> {
    let text = crate::io::read_source(&root.join(src), src)?;
    if !text.starts_with("---") {
        return Ok(None);
    }
    let raw = source::split(&text, src)?;
    let (mut front, dropped) = source::map(&raw.values, mapping);
    front.date = None;
    front.updated = None;
    let stem = src
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = front.slug.take().unwrap_or_else(|| slug::slugify(&stem));
    let slug = if ["blog", "tags", "follow"].contains(&slug.as_str()) {
        format!("{slug}-page")
    } else {
        slug
    };
    let rel = PathBuf::from(format!("content/{slug}.md"));
    source::report_dropped(report, &rel, &dropped);
    let old = raw
        .values
        .get("permalink")
        .and_then(Value::as_str)
        .map_or_else(|| format!("/{stem}.html"), str::to_string);
    Ok(Some(Doc {
        src: src.to_path_buf(),
        rel,
        url: format!("/{slug}/"),
        front,
        body: raw.body,
        html: false,
        old_urls: vec![old],
    }))
}

/// Jekyll collections besides posts (`_docs`, `_projects`) have no place
/// in a blog; the report names each one left behind.
fn collections(source: &Path, report: &mut Report) {
    let own = [
        "_posts",
        "_drafts",
        "_layouts",
        "_includes",
        "_sass",
        "_data",
        "_site",
        "_plugins",
        "_config",
    ];
    let Ok(entries) = std::fs::read_dir(source) else {
        return;
    };
    let mut left: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('_') && !own.contains(&n.as_str()))
        .collect();
    left.sort();
    for name in left {
        report.note_at(
            &source.join(&name),
            1,
            format!("the collection `{name}` was not imported"),
        );
    }
}

fn statics(source: &Path) -> Vec<Static> {
    ASSETS
        .iter()
        .flat_map(|dir| tree::files_under(source, Path::new(dir)))
        .filter(|p| {
            !p.extension()
                .is_some_and(|e| ["scss", "sass", "coffee"].contains(&e.to_string_lossy().as_ref()))
        })
        .map(|p| Static {
            url: format!("/{}", p.to_string_lossy().replace('\\', "/")),
            src: p,
        })
        .collect()
}

fn site(config: &serde_json::Map<String, Value>) -> SiteInfo {
    let s = |k: &str| config.get(k).and_then(source::text).unwrap_or_default();
    let author = config
        .get("author")
        .and_then(source::author)
        .unwrap_or_default();
    let title = if s("title").is_empty() {
        s("name")
    } else {
        s("title")
    };
    SiteInfo {
        author,
        title,
        description: s("description"),
        base_url: format!(
            "{}{}",
            s("url").trim_end_matches('/'),
            s("baseurl").trim_end_matches('/')
        ),
        language: s("lang"),
        menu: Vec::new(),
    }
    .author_or_title()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_urls_follow_jekyll_patterns() {
        let cats = ["News".to_string()];
        assert_eq!(
            old_url("date", "2019-09-27", &cats, "a"),
            "/news/2019/09/27/a.html"
        );
        assert_eq!(
            old_url("/blog/:year/:title/", "2019-09-27", &[], "a"),
            "/blog/2019/a/"
        );
    }
}
