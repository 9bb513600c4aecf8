//! A Hugo site → posts (the blog sections of `content/`), pages (the
//! rest), page bundles with their images, `static/`, and site.yaml values
//! from `hugo.toml`, `config.toml` or their YAML and JSON forms.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use serde_json::{Map, Value};

use super::source::{self, Mapping};
use super::tree::{self, Doc, Static};
use super::{Import, Report, hugo_config, hugo_sc};
use crate::diag::Result;

const MARKDOWN: [&str; 4] = ["md", "markdown", "mdown", "html"];
/// Sections whose pages are blog posts.
pub const BLOG: [&str; 7] = [
    "posts", "post", "blog", "articles", "news", "essays", "writing",
];

pub fn import(source: &Path) -> Result<Import> {
    let config = hugo_config::read_config(source)?;
    let (content_dir, others) = hugo_config::content_dir(&config);
    let lang = hugo_config::default_language(&config);
    let langs = hugo_config::languages(&config);
    let mut report = tree::start(
        source,
        "Hugo",
        source.join(&content_dir).is_dir(),
        &format!("{content_dir} folder"),
        "hugo.toml (or config.toml) and content/",
    )?;
    for dir in others {
        let message = format!("the content of another language, {dir}, was not imported");
        report.note_at(&source.join(&dir), 1, message);
    }
    let content = Path::new(&content_dir);
    let files = tree::files_under(source, content);
    let bundles: HashSet<PathBuf> = files
        .iter()
        .filter(|f| f.file_name().is_some_and(|n| n == "index.md"))
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect();
    let permalinks = config.get("permalinks").cloned().unwrap_or(Value::Null);
    let mapping = Mapping {
        tz: &TimeZone::UTC,
        split_words: false,
    };
    let mut docs = Vec::new();
    let mut statics = statics(source);
    for f in &files {
        let rel = f.strip_prefix(content).unwrap_or(f);
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let is_text = rel
            .extension()
            .is_some_and(|e| MARKDOWN.contains(&e.to_string_lossy().as_ref()));
        // `about.fr.md` is a translation; trellis sites have one language.
        let code = language_code(&name, &langs);
        if is_text && code.is_some_and(|c| !c.eq_ignore_ascii_case(&lang)) {
            let message = format!("{name} is a translation into another language: not imported");
            report.note_at(f, 1, message);
            continue;
        }
        // content/index.md is Hugo's home page: trellis makes its own.
        if is_text && !name.starts_with('_') && rel != Path::new("index.md") {
            let own = code.filter(|c| c.eq_ignore_ascii_case(&lang));
            docs.push(doc(
                source,
                f,
                rel,
                own,
                &permalinks,
                &mapping,
                &mut report,
            )?);
        } else if !is_text {
            statics.push(resource(f, rel, &bundles, content));
        }
    }
    tree::unique_slugs(&mut docs);
    let refs = refs(&docs);
    for d in &mut docs {
        let dir = d.src.parent().map(Path::to_path_buf).unwrap_or_default();
        let image = |src: &str| image_url(&statics, &dir, src);
        let ctx = hugo_sc::Context {
            refs: &refs,
            image: &image,
        };
        let (body, left) = hugo_sc::convert(&d.body, &ctx);
        d.body = body;
        for l in left {
            report.note(&d.rel, Some(&l), format!("shortcode left as text: {l}"));
        }
    }
    let mut site = hugo_config::site(&config);
    site.menu = hugo_config::menu_targets(std::mem::take(&mut site.menu), &docs, &mut report);
    Ok(tree::finish(source, site, docs, statics, report))
}

fn doc(
    root: &Path,
    src: &Path,
    rel: &Path,
    own_lang: Option<&str>,
    permalinks: &Value,
    mapping: &Mapping<'_>,
    report: &mut Report,
) -> Result<Doc> {
    let (raw, mut front, dropped) = source::read(root, src, mapping)?;
    let section = if rel.components().count() > 1 {
        rel.iter()
            .next()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        String::new()
    };
    let bundle = rel.file_name().is_some_and(|n| n == "index.md");
    let stem = if bundle {
        rel.parent().and_then(Path::file_name)
    } else {
        rel.file_stem()
    };
    // `about.en.md`, in the site's own language, is `about`.
    let stem = stem
        .map(|s| s.to_string_lossy().into_owned())
        .map(
            |s| match own_lang.and_then(|l| s.strip_suffix(&format!(".{l}"))) {
                Some(base) => base.to_string(),
                None => s,
            },
        )
        .unwrap_or_default();
    // trellis drops a file name's `YYYY-MM-DD-`, and so does the new URL.
    let name = super::dates::split_name(&stem).1;
    let given = front.slug.take();
    let slug = given.clone().unwrap_or_else(|| slug::slugify(name));
    // Hugo's own URL used the slug as written, else the whole file name.
    let old_slug = given.unwrap_or_else(|| stem.clone());
    let is_post = BLOG.contains(&section.as_str());
    if is_post && front.date.is_none() {
        for key in ["publishDate", "publishdate", "pubdate"] {
            front.date = front
                .date
                .or_else(|| raw.values.get(key).and_then(source::text));
        }
    }
    let (out, url) = if is_post {
        (format!("content/posts/{slug}.md"), format!("/blog/{slug}/"))
    } else {
        let folders: Vec<String> = rel.parent().map_or_else(Vec::new, |p| {
            let mut parts: Vec<String> = p
                .iter()
                .map(|s| slug::slugify(s.to_string_lossy()))
                .collect();
            if bundle {
                parts.pop();
            }
            parts
        });
        let dir: String = folders.iter().map(|f| format!("/{f}")).collect();
        // Pages may not take the blog's own addresses.
        let slug = if dir.is_empty() && ["blog", "tags", "follow", "index"].contains(&slug.as_str())
        {
            format!("{slug}-page")
        } else {
            slug
        };
        (format!("content{dir}/{slug}.md"), format!("{dir}/{slug}/"))
    };
    let rel_out = PathBuf::from(out);
    source::report_dropped(report, &rel_out, &dropped);
    if !is_post {
        front.date = None;
        front.updated = None;
    } else if front.date.is_none() {
        front.date = Some(jiff::Timestamp::now().strftime("%Y-%m-%d").to_string());
        report.note(
            &rel_out,
            Some("date:"),
            "the post had no date: today's is set",
        );
    }
    let old = old_url(
        &raw.values,
        permalinks,
        &section,
        &old_slug,
        &stem,
        front.date.as_deref(),
        &front.title,
    );
    Ok(Doc {
        src: src.to_path_buf(),
        rel: rel_out,
        url,
        front,
        body: raw.body,
        html: src.extension().is_some_and(|e| e == "html"),
        old_urls: vec![old],
    })
}

/// Where Hugo served the page: its `url`, else the section's permalink
/// pattern, else `/section/slug/`, all lower case as Hugo writes them.
fn old_url(
    values: &Map<String, Value>,
    permalinks: &Value,
    section: &str,
    slug: &str,
    stem: &str,
    date: Option<&str>,
    title: &str,
) -> String {
    if let Some(url) = values.get("url").and_then(Value::as_str) {
        return url.to_string();
    }
    let date = date.unwrap_or("");
    let pattern = permalinks.get(section).and_then(Value::as_str);
    let url = match pattern {
        Some(p) => p
            .replace(":year", date.get(..4).unwrap_or(""))
            .replace(":month", date.get(5..7).unwrap_or(""))
            .replace(":day", date.get(8..10).unwrap_or(""))
            .replace(":section", section)
            .replace(":contentbasename", stem)
            .replace(":filename", stem)
            .replace(":slugorcontentbasename", slug)
            .replace(":slugorfilename", slug)
            .replace(":slug", slug)
            .replace(":title", &slug::slugify(title)),
        None if section.is_empty() => format!("/{stem}/"),
        None => format!("/{section}/{slug}/"),
    };
    url.to_lowercase()
}

/// The language of `about.fr.md`, when `fr` is one of the site's
/// languages (a name like `node.js.md` is no translation).
fn language_code<'a>(name: &'a str, langs: &[String]) -> Option<&'a str> {
    let stem = name.rsplit_once('.')?.0;
    let code = stem.rsplit_once('.')?.1;
    langs
        .iter()
        .any(|l| l.eq_ignore_ascii_case(code))
        .then_some(code)
}

/// A file under content/: a bundle's image goes beside its post's new
/// URL; any other keeps its path.
fn resource(f: &Path, rel: &Path, bundles: &HashSet<PathBuf>, content: &Path) -> Static {
    let bundle = f.ancestors().skip(1).find(|a| bundles.contains(*a));
    let url = match bundle {
        Some(b) => {
            let slug = b
                .file_name()
                .map(|n| slug::slugify(n.to_string_lossy()))
                .unwrap_or_default();
            let inner = f.strip_prefix(b).unwrap_or(f);
            let section = b.strip_prefix(content).ok().and_then(|s| s.iter().next());
            let is_post = section.is_some_and(|s| BLOG.contains(&s.to_string_lossy().as_ref()));
            let base = if is_post {
                "/blog".to_string()
            } else {
                format!(
                    "/{}",
                    section.map(|s| s.to_string_lossy()).unwrap_or_default()
                )
            };
            format!("{base}/{slug}/{}", inner.to_string_lossy())
        }
        None => format!("/{}", rel.to_string_lossy()),
    };
    Static {
        src: f.to_path_buf(),
        url: url.replace('\\', "/"),
    }
}

fn statics(source: &Path) -> Vec<Static> {
    tree::files_under(source, Path::new("static"))
        .into_iter()
        .map(|p| {
            let url = format!(
                "/{}",
                p.strip_prefix("static").unwrap_or(&p).to_string_lossy()
            );
            Static { src: p, url }
        })
        .collect()
}

/// The URL of an image a shortcode names, beside the post or from root.
fn image_url(statics: &[Static], dir: &Path, src: &str) -> Option<String> {
    if src.starts_with('/') {
        return statics.iter().find(|s| s.url == src).map(|s| s.url.clone());
    }
    let want = dir.join(src);
    statics
        .iter()
        .find(|s| s.src == want)
        .map(|s| s.url.clone())
}

/// Every name a `ref` may use for a post: path, file name, stem, folder.
fn refs(docs: &[Doc]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for d in docs {
        let path = d.src.to_string_lossy().replace('\\', "/");
        let in_content = path
            .split_once('/')
            .map_or(path.as_str(), |(_, r)| r)
            .to_string();
        out.insert(in_content.clone(), d.url.clone());
        if let Some(stem) = d.src.file_stem() {
            out.entry(stem.to_string_lossy().into_owned())
                .or_insert_with(|| d.url.clone());
        }
        if d.src.file_name().is_some_and(|n| n == "index.md")
            && let Some(folder) = d.src.parent().and_then(Path::file_name)
        {
            out.insert(folder.to_string_lossy().into_owned(), d.url.clone());
        }
    }
    out
}
