//! Where templates and theme files come from. The built-in theme is the
//! repo's `themes/default`, compiled into the binary; a site's
//! `themes/NAME/` and `templates/` override it file by file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diag::{Diagnostic, Result};

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

pub struct TemplateFile {
    /// The name Tera knows it by: its prefix plus its relative path.
    pub name: String,
    pub text: String,
    pub shown: PathBuf,
}

/// The winning file for each template name, site first.
pub fn template_files(root: &Path, theme: &str) -> Result<Vec<TemplateFile>> {
    let theme_dir = root.join("themes").join(theme);
    if theme != "default" && !theme_dir.is_dir() {
        return Err(
            Diagnostic::error("config", format!("the theme `{theme}` was not found"))
                .hint(format!(
                    "add it under themes/{theme}/, or remove `theme:` to use the built-in theme"
                ))
                .into(),
        );
    }
    let mut by_rel: BTreeMap<String, TemplateFile> = BTreeMap::new();
    for (rel, text) in builtin_templates() {
        let file = TemplateFile {
            name: format!("{}{rel}", super::BUILTIN_PREFIX),
            shown: PathBuf::from(format!("themes/default/templates/{rel} (built-in)")),
            text,
        };
        by_rel.insert(rel, file);
    }
    let theme_prefix = format!("themes/{theme}/templates/");
    for (prefix, dir) in [
        (theme_prefix.as_str(), theme_dir.join("templates")),
        (super::SITE_PREFIX, root.join("templates")),
    ] {
        for path in files_under(root, &dir, false) {
            let rel = rel_name(&dir, &path);
            let shown = PathBuf::from(format!("{prefix}{rel}"));
            let text = crate::io::read_source(&path, &shown)?;
            let name = format!("{prefix}{rel}");
            by_rel.insert(rel, TemplateFile { name, text, shown });
        }
    }
    Ok(by_rel.into_values().collect())
}

fn builtin_templates() -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(dir) = BUILTIN.get_dir("templates") {
        collect_embedded(dir, &mut out);
    }
    out.into_iter()
        .filter_map(|(rel, bytes)| {
            let rel = rel.strip_prefix("templates/")?.to_string();
            Some((rel, String::from_utf8_lossy(bytes).into_owned()))
        })
        .collect()
}

fn collect_embedded(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
    for file in dir.files() {
        out.push((
            file.path().to_string_lossy().replace('\\', "/"),
            file.contents(),
        ));
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

/// Files under `dir`, sorted. Editor temp files never count; dotfiles only
/// count in `static/` (`.well-known/` belongs on a site). What could not be
/// read is reported once, by [`walk_problems`].
fn files_under(root: &Path, dir: &Path, keep_dotfiles: bool) -> Vec<PathBuf> {
    crate::io::walk(root, dir, skip(keep_dotfiles), false).files
}

fn skip(keep_dotfiles: bool) -> impl Fn(&str) -> bool {
    move |name: &str| {
        name == ".DS_Store"
            || crate::content::is_temp(name)
            || (!keep_dotfiles && name.starts_with('.'))
    }
}

/// Files and folders under the site's and theme's `templates/` and
/// `static/` that cannot be read (errors), and links that lead out of the
/// site or loop (warnings).
pub fn walk_problems(root: &Path, theme: &str) -> Vec<Diagnostic> {
    let theme_dir = root.join("themes").join(theme);
    let dirs = [
        (root.join("templates"), false),
        (theme_dir.join("templates"), false),
        (root.join("static"), true),
        (theme_dir.join("static"), true),
    ];
    dirs.iter()
        .flat_map(|(dir, dotfiles)| crate::io::walk(root, dir, skip(*dotfiles), true).problems)
        .collect()
}

fn rel_name(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

pub fn static_dirs(root: &Path, theme: &str) -> Vec<PathBuf> {
    vec![
        root.join("static"),
        root.join("themes").join(theme).join("static"),
    ]
}

/// A file copied into the output as is.
#[derive(Debug, Clone)]
pub enum Asset {
    Embedded(&'static [u8]),
    File(PathBuf),
}

/// Theme static files, then the site's `static/` over them, by output path.
pub fn static_assets(root: &Path, theme: &str) -> BTreeMap<String, Asset> {
    let mut out = BTreeMap::new();
    if let Some(dir) = BUILTIN.get_dir("static") {
        let mut files = Vec::new();
        collect_embedded(dir, &mut files);
        for (rel, bytes) in files {
            if let Some(rel) = rel.strip_prefix("static/") {
                out.insert(rel.to_string(), Asset::Embedded(bytes));
            }
        }
    }
    let theme_static = root.join("themes").join(theme).join("static");
    for dir in [theme_static, root.join("static")] {
        for path in files_under(root, &dir, true) {
            out.insert(rel_name(&dir, &path), Asset::File(path));
        }
    }
    out
}
