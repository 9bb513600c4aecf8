//! A Hugo site's configuration (`hugo.toml`, `config.toml` or their YAML
//! and JSON forms): its content folder, and the values and menu a new
//! site.yaml takes.

use std::path::Path;

use serde_json::{Map, Value};

use super::source;
use super::tree::Doc;
use super::{Report, SiteInfo};
use crate::diag::Result;

const CONFIGS: [&str; 6] = [
    "hugo.toml",
    "hugo.yaml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.json",
];

/// The default language's content folder, and the other languages'
/// (a multilingual site keeps each in `languages.X.contentDir`). trellis
/// has one language per site today, so the others go to the report.
pub fn content_dir(config: &Map<String, Value>) -> (String, Vec<String>) {
    let plain = config
        .get("contentdir")
        .and_then(Value::as_str)
        .unwrap_or("content")
        .to_string();
    let Some(Value::Object(langs)) = config.get("languages") else {
        return (plain, Vec::new());
    };
    let dir_of = |v: &Value| {
        let Value::Object(m) = v else { return None };
        m.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("contentdir"))
            .and_then(|(_, d)| d.as_str())
            .map(str::to_string)
    };
    let default = default_language(config);
    let default = default.as_str();
    let main = langs
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(default))
        .and_then(|(_, v)| dir_of(v));
    let Some(main) = main else {
        return (plain, Vec::new());
    };
    let others = langs
        .values()
        .filter_map(dir_of)
        .filter(|d| *d != main)
        .collect();
    (main, others)
}

/// The codes of the site's languages (`[languages.fr]` …), lower case.
pub fn languages(config: &Map<String, Value>) -> Vec<String> {
    match config.get("languages") {
        Some(Value::Object(langs)) => langs.keys().map(|k| k.to_ascii_lowercase()).collect(),
        _ => Vec::new(),
    }
}

/// `defaultContentLanguage`, else English as Hugo assumes.
pub fn default_language(config: &Map<String, Value>) -> String {
    config
        .get("defaultcontentlanguage")
        .and_then(Value::as_str)
        .unwrap_or("en")
        .to_string()
}

pub fn read_config(source: &Path) -> Result<Map<String, Value>> {
    let Some(path) = CONFIGS.iter().map(|c| source.join(c)).find(|p| p.is_file()) else {
        return Ok(Map::new());
    };
    let text = crate::io::read_source(&path, &path)?;
    // The config is front matter without fences, so one reader does both.
    let fenced = match path.extension().and_then(|e| e.to_str()) {
        Some("toml") => format!("+++\n{text}\n+++\n"),
        Some("yaml") => format!("---\n{text}\n---\n"),
        _ => text,
    };
    // Hugo's configuration keys are case-blind (`baseURL`, `Languages`).
    let values = source::split(&fenced, &path)?.values;
    Ok(values
        .into_iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v))
        .collect())
}

pub fn site(config: &Map<String, Value>) -> SiteInfo {
    let s = |v: Option<&Value>| v.and_then(source::text).unwrap_or_default();
    let params = config.get("params");
    let author = params
        .and_then(|p| p.get("author"))
        .or_else(|| config.get("author"))
        .and_then(source::author)
        .unwrap_or_default();
    let title = s(config.get("title"));
    let description = s(params
        .and_then(|p| p.get("description"))
        .or_else(|| config.get("description")));
    let base = s(config.get("baseurl"));
    SiteInfo {
        author,
        title,
        description,
        base_url: base.trim_end_matches('/').to_string(),
        language: s(config.get("languagecode")),
        menu: menu(config.get("menu").and_then(|m| m.get("main"))),
    }
    .author_or_title()
}

/// Menu entries pointed at the new URLs: a blog section is `/blog/`, a
/// page its new address; an entry with no page here is left out.
pub fn menu_targets(
    menu: Vec<(String, String)>,
    docs: &[Doc],
    report: &mut Report,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, url) in menu {
        let key = super::html_to_md::Maps::key(&url);
        let section = key.trim_matches('/');
        let target = if url.contains("://") || key == "/" {
            Some(url.clone())
        } else if super::hugo::BLOG.contains(&section) {
            Some("/blog/".to_string())
        } else {
            docs.iter()
                .find(|d| {
                    d.url == key
                        || d.old_urls
                            .iter()
                            .any(|o| super::html_to_md::Maps::key(o) == key)
                })
                .map(|d| d.url.clone())
        };
        match target {
            Some(t) => out.push((name, t)),
            None => report.note_at(
                Path::new("site.yaml"),
                1,
                format!("menu entry `{name}` ({url}) has no page here: left out"),
            ),
        }
    }
    out
}

/// `[[menu.main]]` entries by weight, kept only when they are plain URLs.
fn menu(main: Option<&Value>) -> Vec<(String, String)> {
    let Some(Value::Array(items)) = main else {
        return Vec::new();
    };
    let mut entries: Vec<(i64, String, String)> = items
        .iter()
        .filter_map(|i| {
            let name = source::text(i.get("name")?)?;
            let url = source::text(i.get("url").or_else(|| i.get("pageRef"))?)?;
            Some((
                i.get("weight").and_then(Value::as_i64).unwrap_or(0),
                name,
                url,
            ))
        })
        .collect();
    entries.sort_by_key(|(w, _, _)| *w);
    entries.into_iter().map(|(_, n, u)| (n, u)).collect()
}
