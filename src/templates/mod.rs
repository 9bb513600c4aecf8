//! Tera 2: loads templates in the order site `templates/` → `themes/NAME/`
//! → the built-in theme, renders pages from view structs, and renders
//! components for the Markdown stage.

mod component;
mod csp;
pub mod pages;
mod seo;
mod theme;
pub mod views;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tera::{Context, Tera, Value};

use crate::config::Config;
use crate::diag::{Diagnostic, Location, Result};
pub use theme::{Asset, static_assets, walk_problems};

pub struct Engine {
    tera: Tera,
    /// Template name → (source, the path messages show).
    sources: HashMap<String, (String, PathBuf)>,
    /// Site and theme `static/` folders, for image sizes.
    static_dirs: Vec<PathBuf>,
    /// The site view, handed to components as `@site`.
    site_value: Value,
    /// The security policy every page carries.
    policy: csp::Policy,
}

const SITE_PREFIX: &str = "templates/";
const BUILTIN_PREFIX: &str = "builtin/";

impl Engine {
    pub fn load(root: &Path, config: &Config) -> Result<Engine> {
        let theme_prefix = format!("themes/{}/templates/", config.theme);
        let files = theme::template_files(root, &config.theme)?;
        let mut tera = Tera::new();
        tera.set_fallback_prefixes([
            SITE_PREFIX.to_string(),
            theme_prefix,
            BUILTIN_PREFIX.to_string(),
        ])
        .map_err(|e| Diagnostic::error("template", e.to_string()))?;
        tera.autoescape_on(vec![".html", ".xml"]);
        let mut sources = HashMap::new();
        for file in &files {
            sources.insert(file.name.clone(), (file.text.clone(), file.shown.clone()));
        }
        let engine_sources = sources.clone();
        let pairs = files.iter().map(|f| (f.name.as_str(), f.text.as_str()));
        if let Err(e) = tera.add_raw_templates(pairs) {
            return Err(to_diagnostic(&e, &engine_sources).into());
        }
        let mut view = views::SiteView::new(config);
        let policy = csp::policy(root, config, &view.colors_css);
        view.csp = policy.meta.clone();
        let site_value = Value::from_serializable(&view);
        tera.global_context()
            .insert_value("site", site_value.clone());
        Ok(Engine {
            tera,
            site_value,
            sources,
            static_dirs: theme::static_dirs(root, &config.theme),
            policy,
        })
    }

    /// The `_headers` file: the security headers for every path.
    pub fn headers_file(&self, https: bool) -> String {
        csp::headers_file(&self.policy, https)
    }

    pub fn render(&self, name: &str, context: &Context) -> Result<String> {
        self.tera
            .render(name, context)
            .map_err(|e| to_diagnostic(&e, &self.sources).into())
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }
}

/// A Tera error as a diagnostic at the template's file, line and column.
fn to_diagnostic(e: &tera::Error, sources: &HashMap<String, (String, PathBuf)>) -> Diagnostic {
    use tera::ErrorKind;
    let report = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => r,
        _ => {
            return Diagnostic::error("template", e.to_string())
                .hint("check the template named in the message");
        }
    };
    let mut d = Diagnostic::error("template", report.message().to_string());
    if let Some((text, shown)) = sources.get(report.filename()) {
        let span = report.span();
        d = d.at(Location {
            len: 1,
            ..Location::at_line(shown, text, span.start_line, span.start_col + 1)
        });
    }
    d.hint("fix the template at this line; template variables are listed in the README")
}
