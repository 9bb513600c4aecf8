//! A new site's `site.yaml`: `init`'s commented file, filled with what the
//! old site said about itself (title, description, address, menu).

use super::SiteInfo;

const TEMPLATE: &str = include_str!("../scaffold/files/site.yaml");
/// `init`'s contact page, for the consultation box's link when the old
/// site had no /contact/ page.
pub const CONTACT: &str = include_str!("../scaffold/files/contact.md");

/// The filled-in file. Lines the source has nothing for keep `init`'s
/// example values, which the author edits as after `init`.
pub fn render(site: &SiteInfo) -> String {
    let mut out = String::with_capacity(TEMPLATE.len() + 256);
    let mut in_menu = false;
    for line in TEMPLATE.lines() {
        if in_menu {
            if line.starts_with("  - ") {
                continue;
            }
            in_menu = false;
        }
        let replaced = match line {
            "menu:" => {
                in_menu = true;
                Some(menu(site))
            }
            l if l.starts_with("title: ") => value("title", &site.title),
            l if l.starts_with("base_url: ") => value("base_url", &site.base_url),
            l if l.starts_with("description: ") => value("description", &site.description),
            l if l.starts_with("language: ") => value("language", &site.language),
            l if l.starts_with("author: ") => value("author", &site.author),
            l if l.starts_with("  name: ") => value("  name", &site.title),
            _ => None,
        };
        out.push_str(&replaced.unwrap_or_else(|| line.to_string()));
        out.push('\n');
    }
    out
}

/// `key: value`, quoted as YAML needs; None keeps the template's line.
fn value(key: &str, v: &str) -> Option<String> {
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    Some(format!("{key}: {}", scalar(v)))
}

fn scalar(v: &str) -> String {
    serde_yaml::to_string(v)
        .map(|s| s.trim_end().to_string())
        .unwrap_or_else(|_| format!("{v:?}"))
}

fn menu(site: &SiteInfo) -> String {
    let mut out = String::from("menu:");
    for (name, url) in &site.menu {
        out.push_str(&format!(
            "\n  - {{ name: {}, url: {} }}",
            flow(name),
            flow(url)
        ));
    }
    if site.menu.is_empty() {
        out.push_str("\n  - { name: Blog, url: /blog/ }");
    }
    out
}

/// A value inside `{ … }`: always double-quoted, since commas and braces
/// there end the value.
fn flow(v: &str) -> String {
    format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_the_template_and_parses() {
        let site = SiteInfo {
            title: "Calm: Counselling".into(),
            base_url: "https://calm.example".into(),
            menu: vec![("About \"us\"".into(), "/about/".into())],
            ..SiteInfo::default()
        };
        let text = render(&site);
        let v: serde_yaml::Value = serde_yaml::from_str(&text).unwrap_or_default();
        assert_eq!(v["title"].as_str(), Some("Calm: Counselling"));
        assert_eq!(v["menu"][0]["name"].as_str(), Some("About \"us\""));
        assert_eq!(v["menu"].as_sequence().map(Vec::len), Some(1));
        assert_eq!(v["language"].as_str(), Some("en"));
    }
}
