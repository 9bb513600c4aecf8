//! Tera components serve as Markdown components: a component's template
//! declares its arguments, and its metadata says whether it takes a body
//! (`{"body": true}`) and which values an argument allows
//! (`{"choices": {"kind": ["note", "tip"]}}`).

use std::path::Path;

use tera::value::Key;
use tera::{Context, Value};

use super::Engine;
use crate::markdown::{ArgValue, Components, RenderError, Signature};

impl Components for Engine {
    fn signature(&self, name: &str) -> Option<Signature> {
        let info = self.tera.get_component_definition(name)?;
        let args = info
            .args()
            .iter()
            .filter(|a| !a.is_implicit())
            .map(|a| (a.name().to_string(), a.is_required()))
            .collect();
        let body = info
            .metadata()
            .get("body")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        Some(Signature { args, body })
    }

    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .tera
            .get_component_names()
            .map(str::to_string)
            .collect();
        names.sort();
        names
    }

    fn render(
        &self,
        name: &str,
        args: &[(String, ArgValue)],
        body: Option<&str>,
    ) -> Result<String, RenderError> {
        self.check_choices(name, args)?;
        let mut ctx = Context::new();
        for (key, value) in args {
            match value {
                ArgValue::Str(s) if s.trim().is_empty() => {
                    return Err(RenderError {
                        message: format!("`{key}` is empty"),
                        arg: Some(key.clone()),
                        hint: format!("give `{key}` some text, or leave it out if it is optional"),
                        detail: None,
                    });
                }
                ArgValue::Str(s) => ctx.insert(key.clone(), s),
                ArgValue::Int(i) => ctx.insert(key.clone(), i),
                ArgValue::Float(f) => ctx.insert(key.clone(), f),
                ArgValue::Bool(b) => ctx.insert(key.clone(), b),
            }
        }
        self.add_image_size(name, args, &mut ctx);
        let implicits = self.tera_globals();
        self.tera
            .render_component_with_implicits(name, &ctx, &implicits, body, true)
            .map_err(|e| RenderError {
                message: format!("the component `{name}` failed to render"),
                arg: None,
                hint: format!("check templates/components/{name}.html at the line shown"),
                detail: Some(e.to_string()),
            })
    }
}

impl Engine {
    fn tera_globals(&self) -> Context {
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx
    }

    fn check_choices(&self, name: &str, args: &[(String, ArgValue)]) -> Result<(), RenderError> {
        let Some(info) = self.tera.get_component_definition(name) else {
            return Ok(());
        };
        let Some(choices) = info.metadata().get("choices").and_then(Value::as_map) else {
            return Ok(());
        };
        for (key, value) in args {
            let allowed = choices
                .iter()
                .find(|(k, _)| {
                    matches!(k, Key::String(s) if &**s == key)
                        || matches!(k, Key::Str(s) if s == key)
                })
                .and_then(|(_, v)| v.as_array());
            if let (Some(allowed), ArgValue::Str(given)) = (allowed, value) {
                let names: Vec<String> = allowed
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
                if !names.iter().any(|n| n == given) {
                    return Err(RenderError {
                        message: format!(
                            "`{key}` must be one of: {} (not `{given}`)",
                            names.join(", ")
                        ),
                        arg: Some(key.clone()),
                        hint: format!(
                            "write {key}=\"{}\"",
                            names.first().map_or("", String::as_str)
                        ),
                        detail: None,
                    });
                }
            }
        }
        Ok(())
    }

    /// Local images get their real width and height, so the page does not
    /// jump while they load.
    fn add_image_size(&self, name: &str, args: &[(String, ArgValue)], ctx: &mut Context) {
        let Some(sig) = self.signature(name) else {
            return;
        };
        let declares = |a: &str| sig.args.iter().any(|(n, _)| n == a);
        let given = |a: &str| args.iter().any(|(n, _)| n == a);
        if !(declares("width") && declares("height")) || given("width") || given("height") {
            return;
        }
        let Some((_, ArgValue::Str(src))) = args.iter().find(|(n, _)| n == "src") else {
            return;
        };
        if let Some((w, h)) = self.local_image_size(src) {
            ctx.insert("width", &w);
            ctx.insert("height", &h);
        }
    }

    pub fn local_image_size(&self, src: &str) -> Option<(usize, usize)> {
        let rel = src.strip_prefix('/')?;
        if rel.split('/').any(|s| s == "..") {
            return None;
        }
        self.static_dirs.iter().find_map(|dir| {
            let path = dir.join(Path::new(rel));
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
            {
                return svg_size(&path);
            }
            imagesize::size(&path).ok().map(|s| (s.width, s.height))
        })
    }
}

/// An SVG's size from its root element: `width`/`height`, else `viewBox`.
fn svg_size(path: &Path) -> Option<(usize, usize)> {
    use quick_xml::events::Event;
    let text = std::fs::read_to_string(path).ok()?;
    let mut reader = quick_xml::Reader::from_str(&text);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"svg" => {
                let attr = |name: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                };
                let number = |v: &str| v.trim().trim_end_matches("px").parse::<f64>().ok();
                let w = attr(b"width").as_deref().and_then(number);
                let h = attr(b"height").as_deref().and_then(number);
                let (w, h) = match (w, h) {
                    (Some(w), Some(h)) => (w, h),
                    _ => {
                        let vb = attr(b"viewBox")?;
                        let parts: Vec<f64> = vb
                            .split([' ', ','])
                            .filter_map(|p| p.parse().ok())
                            .collect();
                        (*parts.get(2)?, *parts.get(3)?)
                    }
                };
                return Some((w.round() as usize, h.round() as usize));
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}
