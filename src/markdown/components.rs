//! Expands components before Markdown parsing: each top-level tag (or
//! tag pair with its body) is rendered to HTML by the caller's
//! [`Components`] and replaced by a placeholder that survives Markdown
//! untouched; [`fill`] puts the HTML back afterwards.

use std::borrow::Cow;
use std::ops::Range;

use super::shortcode::{self, ArgValue, ShortTag};
use super::{Input, Rendered};
use crate::diag::{Diagnostic, Location, Result};

/// What a component accepts, as its template declares it.
#[derive(Debug, Clone)]
pub struct Signature {
    /// (name, required)
    pub args: Vec<(String, bool)>,
    /// Takes a Markdown body between an opening and a closing tag.
    pub body: bool,
}

/// Renders components by name. Implemented by the template stage, so
/// Markdown never depends on it.
pub trait Components: Sync {
    fn signature(&self, name: &str) -> Option<Signature>;
    fn names(&self) -> Vec<String>;
    fn render(
        &self,
        name: &str,
        args: &[(String, ArgValue)],
        body: Option<&str>,
    ) -> std::result::Result<String, RenderError>;
}

/// Why a component could not render; `arg` names the argument at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    pub message: String,
    pub arg: Option<String>,
    pub hint: String,
    /// Another tool's own report (Tera's, with the template line).
    pub detail: Option<String>,
}

/// A component-free stand-in for tests and for texts without components.
pub struct NoComponents;

impl Components for NoComponents {
    fn signature(&self, _: &str) -> Option<Signature> {
        None
    }
    fn names(&self) -> Vec<String> {
        Vec::new()
    }
    fn render(
        &self,
        _: &str,
        _: &[(String, ArgValue)],
        _: Option<&str>,
    ) -> std::result::Result<String, RenderError> {
        Ok(String::new())
    }
}

const MARK: char = '\u{FFFC}';

pub struct Expanded<'a> {
    /// The input itself when it has no components: most posts, which then
    /// cost no copy.
    pub text: Cow<'a, str>,
    pub html: Vec<String>,
    pub used: Vec<String>,
}

pub fn expand<'a>(input: &Input<'a>, components: &dyn Components) -> Result<Expanded<'a>> {
    let tags = shortcode::find_tags(input.text).map_err(|e| {
        Diagnostic::error("component", e.message)
            .at(input.location(e.span))
            .hint(e.hint)
    })?;
    if tags.is_empty() {
        return Ok(Expanded {
            text: Cow::Borrowed(input.text),
            html: Vec::new(),
            used: Vec::new(),
        });
    }
    let mut text = String::with_capacity(input.text.len());
    let mut out = Expanded {
        text: Cow::Borrowed(""),
        html: Vec::new(),
        used: Vec::new(),
    };
    let mut copied = 0;
    let mut i = 0;
    while i < tags.len() {
        let tag = &tags[i];
        let sig = check(input, tag, components)?;
        let (body, end, next) = if sig.body {
            let close = find_close(&tags, i).ok_or_else(|| unclosed(input, tag))?;
            (
                Some(tag.span.end..tags[close].span.start),
                tags[close].span.end,
                close + 1,
            )
        } else {
            (None, tag.span.end, i + 1)
        };
        let html = render_one(input, tag, body, components, &mut out.used)?;
        text.push_str(&input.text[copied..tag.span.start]);
        text.push(MARK);
        text.push_str(&out.html.len().to_string());
        text.push(MARK);
        out.html.push(html);
        out.used.push(tag.name.clone());
        copied = end;
        i = next;
    }
    text.push_str(&input.text[copied..]);
    out.text = Cow::Owned(text);
    Ok(out)
}

/// Puts each component's HTML where its placeholder ended up. A component
/// alone in a paragraph replaces the whole paragraph (a `<div>` may not sit
/// inside `<p>`).
pub fn fill(html: String, parts: &[String]) -> String {
    if parts.is_empty() {
        return html;
    }
    let mut out = html;
    for (n, part) in parts.iter().enumerate() {
        let mark = format!("{MARK}{n}{MARK}");
        let block = format!("<p>{mark}</p>\n");
        if out.contains(&block) {
            out = out.replacen(&block, &format!("{part}\n"), 1);
        } else {
            out = out.replacen(&mark, part, 1);
        }
    }
    out
}

fn check(input: &Input<'_>, tag: &ShortTag, components: &dyn Components) -> Result<Signature> {
    if tag.closing {
        return Err(Diagnostic::error(
            "component",
            format!(
                "`{{{{< /{} >}}}}` closes a component that was never opened",
                tag.name
            ),
        )
        .at(input.location(tag.span.clone()))
        .hint(format!(
            "add `{{{{< {} >}}}}` before it, or remove it",
            tag.name
        ))
        .into());
    }
    let Some(sig) = components.signature(&tag.name) else {
        let names = components.names();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let hint = match crate::diag::nearest(&tag.name, &refs) {
            Some(best) => format!(
                "did you mean `{best}`? Known components: {}",
                refs.join(", ")
            ),
            None => format!("known components: {}", refs.join(", ")),
        };
        return Err(
            Diagnostic::error("component", format!("unknown component `{}`", tag.name))
                .at(input.location(tag.name_span.clone()))
                .hint(hint)
                .into(),
        );
    };
    check_args(input, tag, &sig)?;
    Ok(sig)
}

fn check_args(input: &Input<'_>, tag: &ShortTag, sig: &Signature) -> Result<()> {
    let known: Vec<&str> = sig.args.iter().map(|(n, _)| n.as_str()).collect();
    for (key, _, span) in &tag.args {
        if !known.contains(&key.as_str()) {
            let hint = match crate::diag::nearest(key, &known) {
                Some(best) => format!(
                    "did you mean `{best}`? `{}` takes: {}",
                    tag.name,
                    known.join(", ")
                ),
                None if known.is_empty() => format!("`{}` takes no arguments", tag.name),
                None => format!("`{}` takes: {}", tag.name, known.join(", ")),
            };
            return Err(Diagnostic::error(
                "component",
                format!("`{}` has no argument `{key}`", tag.name),
            )
            .at(input.location(span.clone()))
            .hint(hint)
            .into());
        }
    }
    for (name, required) in &sig.args {
        if *required && !tag.args.iter().any(|(k, _, _)| k == name) {
            return Err(Diagnostic::error(
                "component",
                format!("`{}` needs the argument `{name}`", tag.name),
            )
            .at(input.location(tag.span.clone()))
            .hint(format!("add {name}=\"...\" inside the tag"))
            .into());
        }
    }
    Ok(())
}

/// The index of the tag closing `tags[open]`, allowing nested pairs of the
/// same name.
fn find_close(tags: &[ShortTag], open: usize) -> Option<usize> {
    let name = &tags[open].name;
    let mut depth = 0usize;
    for (i, t) in tags.iter().enumerate().skip(open + 1) {
        if &t.name != name {
            continue;
        }
        if !t.closing {
            depth += 1;
        } else if depth == 0 {
            return Some(i);
        } else {
            depth -= 1;
        }
    }
    None
}

fn unclosed(input: &Input<'_>, tag: &ShortTag) -> crate::diag::Error {
    Diagnostic::error(
        "component",
        format!("`{}` is opened but never closed", tag.name),
    )
    .at(input.location(tag.span.clone()))
    .hint(format!(
        "end its body with `{{{{< /{} >}}}}` on a line of its own",
        tag.name
    ))
    .into()
}

/// How deep components may nest. A body is rendered by recursion, and a
/// thousand levels overflowed the stack; no post needs more than a few.
pub const MAX_NESTING: usize = 32;

thread_local! {
    /// Component bodies being rendered on this thread, one inside another.
    static NESTING: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Renders a component's body as Markdown, one level deeper.
fn render_body(
    input: &Input<'_>,
    tag: &ShortTag,
    range: Range<usize>,
    components: &dyn Components,
) -> Result<Rendered> {
    let depth = NESTING.with(|n| n.get());
    if depth >= MAX_NESTING {
        return Err(Diagnostic::error(
            "component",
            format!("components nest more than {MAX_NESTING} deep here"),
        )
        .at(input.location(tag.span.clone()))
        .hint(format!(
            "close each `{{{{< {} >}}}}` before opening the next, or nest fewer",
            tag.name
        ))
        .into());
    }
    /// Puts the depth back however the body's rendering ends, a panic
    /// included: the thread goes on to render other posts.
    struct Level(usize);
    impl Drop for Level {
        fn drop(&mut self) {
            NESTING.with(|n| n.set(self.0));
        }
    }
    let _level = Level(depth);
    NESTING.with(|n| n.set(depth + 1));
    super::render(&input.sub(range), components)
}

fn render_one(
    input: &Input<'_>,
    tag: &ShortTag,
    body: Option<Range<usize>>,
    components: &dyn Components,
    used: &mut Vec<String>,
) -> Result<String> {
    let body_html = match body {
        Some(range) => {
            let rendered = render_body(input, tag, range, components)?;
            used.extend(rendered.components);
            Some(rendered.html)
        }
        None => None,
    };
    let args: Vec<(String, ArgValue)> = tag
        .args
        .iter()
        .map(|(k, v, _)| (k.clone(), v.clone()))
        .collect();
    components
        .render(&tag.name, &args, body_html.as_deref())
        .map_err(|e| {
            let span = e
                .arg
                .as_ref()
                .and_then(|a| tag.args.iter().find(|(k, _, _)| k == a))
                .map_or(tag.span.clone(), |(_, _, span)| span.clone());
            let mut d = Diagnostic::error("component", e.message)
                .at(input.location(span))
                .hint(e.hint);
            d.detail = e.detail;
            d.into()
        })
}

impl Input<'_> {
    pub fn location(&self, span: Range<usize>) -> Location {
        Location::in_text(
            self.path,
            self.text,
            self.first_line,
            span.start,
            span.len(),
        )
    }
}
