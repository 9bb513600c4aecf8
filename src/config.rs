//! `site.yaml` → a checked [`Config`]. Every key has a default except
//! `title` and `base_url`; unknown keys are errors with a suggestion.

mod colors;
mod permalinks;
pub mod rules;
pub mod urls;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Location, Result};
use crate::yaml;
pub use permalinks::{Part, Permalinks};

pub const FILE_NAME: &str = "site.yaml";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    pub base_url: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub author: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_per_page")]
    pub posts_per_page: usize,
    /// IANA name; date-only front matter means midnight in this zone.
    #[serde(default = "default_timezone")]
    pub timezone: String,
    #[serde(default)]
    pub menu: Vec<MenuItem>,
    #[serde(default)]
    pub practice: Practice,
    #[serde(default)]
    pub consultation: Consultation,
    #[serde(default)]
    pub alerts: Alerts,
    #[serde(default)]
    pub crisis: Option<Crisis>,
    #[serde(default)]
    pub feeds: Feeds,
    #[serde(default)]
    pub highlight: Highlight,
    /// Overrides of the theme's CSS custom properties, e.g. `accent: "#2f6f5e"`.
    #[serde(default)]
    pub colors: BTreeMap<String, String>,
    /// Free-form values for a site's own templates.
    #[serde(default)]
    pub extra: serde_json::Value,
    /// What `trellis check` (and `build`) warn about.
    #[serde(default)]
    pub check: CheckSettings,
    #[serde(default)]
    pub privacy: Privacy,
    /// Address patterns, e.g. `posts: "/:year/:month/:slug/"`.
    #[serde(default)]
    pub permalinks: Permalinks,
    /// The file as written, so later stages can point at a key.
    #[serde(skip)]
    pub source: String,
    /// `timezone`, looked up once here; every stage uses this.
    #[serde(skip, default = "utc")]
    pub tz: jiff::tz::TimeZone,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Practice {
    pub name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Consultation {
    pub heading: String,
    pub text: String,
    pub button: String,
    pub url: String,
    /// Shown as text with a `tel:` link beside the button.
    pub phone: String,
    pub after_posts: bool,
}

impl Default for Consultation {
    fn default() -> Self {
        Consultation {
            heading: "Free 10-minute consultation".into(),
            text: "Not sure where to start? Talk with us for ten minutes, free of charge.".into(),
            button: "Book a free consultation".into(),
            url: "/contact/".into(),
            phone: String::new(),
            after_posts: true,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Alerts {
    pub heading: String,
    pub text: String,
    pub form_action: String,
    pub email_field: String,
    pub after_posts: bool,
    pub on_home: bool,
}

impl Default for Alerts {
    fn default() -> Self {
        Alerts {
            heading: "Follow our blog".into(),
            text: "Sign up to receive alerts about new blog posts.".into(),
            form_action: String::new(),
            email_field: "email".into(),
            after_posts: true,
            on_home: true,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Crisis {
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedContent {
    Full,
    Summary,
    Both,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Feeds {
    pub limit: usize,
    pub content: FeedContent,
    /// End every feed item with the consultation call to action.
    pub cta: bool,
}

impl Default for Feeds {
    fn default() -> Self {
        Feeds {
            limit: 20,
            content: FeedContent::Full,
            cta: true,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Highlight {
    pub theme_light: String,
    pub theme_dark: String,
}

impl Default for Highlight {
    fn default() -> Self {
        Highlight {
            theme_light: "InspiredGitHub".into(),
            theme_dark: "base16-ocean.dark".into(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct CheckSettings {
    /// Warn when a page reads above this Flesch–Kincaid grade; 0 turns it off.
    pub reading_grade: f64,
    /// Warn about wording that safe-messaging guidance advises against.
    pub safe_messaging: bool,
    /// More wording to avoid, on top of the built-in list.
    pub phrases: Vec<Phrase>,
    /// Phone numbers posts may give besides the practice's, e.g. hotlines.
    pub phones: Vec<String>,
    /// Each rule's severity as written, e.g. `heading-skip: warning`.
    pub rules: BTreeMap<String, rules::Level>,
    /// `rules` by the rule's own name, checked: what the checks apply.
    #[serde(skip)]
    pub levels: BTreeMap<&'static str, rules::Level>,
}

impl Default for CheckSettings {
    fn default() -> Self {
        CheckSettings {
            reading_grade: 9.0,
            safe_messaging: true,
            phrases: Vec::new(),
            phones: Vec::new(),
            rules: BTreeMap::new(),
            levels: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Phrase {
    pub avoid: String,
    pub prefer: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Privacy {
    /// Other sites pages may load files from, e.g. `https://player.vimeo.com`.
    pub allow_origins: Vec<String>,
}

fn default_language() -> String {
    "en".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_per_page() -> usize {
    10
}
fn utc() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::UTC
}
fn default_timezone() -> String {
    "UTC".into()
}

/// Reads and checks `DIR/site.yaml`. `base_url` from the command line wins.
pub fn load(root: &Path, base_url: Option<&str>) -> Result<Config> {
    let path = root.join(FILE_NAME);
    let shown = Path::new(FILE_NAME);
    if !path.is_file() {
        return Err(
            Diagnostic::error("config", format!("no {FILE_NAME} in {}", root.display()))
                .hint("run `trellis init` to create a new site here, or pass --root DIR")
                .into(),
        );
    }
    let text = crate::io::read_source(&path, shown)?;
    parse(text, base_url)
}

/// Parses and checks the text of a `site.yaml` (already read, with LF line
/// ends); errors point at lines of `site.yaml`. Apart from [`load`], for
/// texts that are not on disk (the fuzz target `config`).
pub fn parse(text: String, base_url: Option<&str>) -> Result<Config> {
    let src = yaml::Source {
        path: Path::new(FILE_NAME),
        text: &text,
        first_line: 1,
    };
    let mut config: Config = yaml::parse(&src, "config")?;
    if let Some(url) = base_url {
        config.base_url = url.to_string();
    }
    config.source = text;
    validate(config)
}

fn validate(mut config: Config) -> Result<Config> {
    config.base_url = config.base_url.trim_end_matches('/').to_string();
    urls::check(&config)?;
    if config.posts_per_page == 0 {
        return Err(
            Diagnostic::error("config", "posts_per_page must be at least 1")
                .at(config.key_location("posts_per_page"))
                .into(),
        );
    }
    config.tz = jiff::tz::TimeZone::get(&config.timezone).map_err(|_| {
        Diagnostic::error("config", format!("unknown time zone `{}`", config.timezone))
            .at(config.key_location("timezone"))
            .hint("use an IANA name such as America/New_York or Europe/London")
    })?;
    colors::check(&config)?;
    config.check.levels = rules::check(&config)?;
    permalinks::check(&mut config)?;
    Ok(config)
}

impl Config {
    /// Where `key:` is written in site.yaml (line 1 when it is not).
    pub fn key_location(&self, key: &str) -> Location {
        let text = &self.source;
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with(&format!("{key}:")))
            .map_or(1, |i| i + 1);
        Location::at_line(Path::new(FILE_NAME), text, line, 1)
    }

    /// The absolute URL of a site path such as `/blog/x/`. A URL with a
    /// scheme is kept as it is: `javascript:x` must not become
    /// `https://site/javascript:x`, which hides it from the checks.
    pub fn absolute(&self, path: &str) -> String {
        if path.starts_with("//") || urls::has_scheme(path) {
            return path.to_string();
        }
        format!("{}/{}", self.base_url, path.trim_start_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        super::parse(text.to_string(), None)
    }

    #[test]
    fn only_title_and_base_url_are_required() {
        let c = parse("title: T\nbase_url: https://example.com/\n").ok();
        let c = c.as_ref();
        assert_eq!(c.map(|c| c.posts_per_page), Some(10));
        assert_eq!(c.map(|c| c.base_url.as_str()), Some("https://example.com"));
        assert_eq!(c.map(|c| c.feeds.limit), Some(20));
    }

    #[test]
    fn unknown_nested_key_names_the_key_and_suggests() {
        let e = parse("title: T\nbase_url: https://example.com\nconsultation:\n  buton: Go\n");
        let d = e.err().map(|e| e.diagnostics[0].clone());
        let d = d.as_ref();
        assert_eq!(d.and_then(|d| d.location.as_ref()).map(|l| l.line), Some(4));
        assert!(
            d.and_then(|d| d.hint.as_deref())
                .unwrap_or("")
                .contains("`button`")
        );
    }

    #[test]
    fn permalink_placeholders_are_checked_where_written() {
        let e = parse(
            "title: T\nbase_url: https://example.com\npermalinks:\n  posts: \"/:yr/:slug/\"\n",
        );
        let at = e.err().and_then(|e| e.diagnostics[0].location.clone());
        assert_eq!(at.map(|l| (l.line, l.column, l.len)), Some((4, 12, 3)));
    }

    #[test]
    fn base_url_needs_a_scheme() {
        assert!(parse("title: T\nbase_url: example.com\n").is_err());
    }
}
