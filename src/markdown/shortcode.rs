//! The `{{< name key="value" >}}` tag syntax: finding tags outside code and
//! parsing one tag. Pure text functions; what a name means is decided by
//! the caller.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

#[derive(Debug, Clone, PartialEq)]
pub enum ArgValue {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShortTag {
    pub name: String,
    pub closing: bool,
    pub args: Vec<(String, ArgValue, Range<usize>)>,
    /// Byte range of the whole `{{< ... >}}` in the text.
    pub span: Range<usize>,
    pub name_span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Range<usize>,
    pub message: String,
    pub hint: &'static str,
}

/// Byte ranges of inline code and code blocks, where tags are literal text.
pub fn code_ranges(text: &str) -> Vec<Range<usize>> {
    Parser::new_ext(text, super::parser_options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => Some(range),
            _ => None,
        })
        .collect()
}

/// Every tag in `text` that is not inside code.
pub fn find_tags(text: &str) -> Result<Vec<ShortTag>, SyntaxError> {
    if !text.contains("{{<") {
        return Ok(Vec::new());
    }
    let code = code_ranges(text);
    let mut tags = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("{{<") {
        let start = from + i;
        if let Some(r) = code.iter().find(|r| r.contains(&start)) {
            from = r.end.max(start + 3);
            continue;
        }
        let Some(len) = text[start..].find(">}}") else {
            return Err(SyntaxError {
                span: start..start + 3,
                message: "this component tag is never closed with `>}}`".into(),
                hint: "end the tag with `>}}`, e.g. {{< cta >}}",
            });
        };
        let end = start + len + 3;
        tags.push(parse_tag(text, start..end)?);
        from = end;
    }
    Ok(tags)
}

fn parse_tag(text: &str, span: Range<usize>) -> Result<ShortTag, SyntaxError> {
    let mut p = Cursor {
        text,
        pos: span.start + 3,
        end: span.end - 3,
    };
    p.skip_ws();
    let closing = p.eat('/');
    p.skip_ws();
    let name_span = p.ident();
    if name_span.is_empty() {
        return Err(p.error("expected a component name", "write it as {{< name >}}"));
    }
    let mut args = Vec::new();
    loop {
        p.skip_ws();
        if p.pos >= p.end {
            break;
        }
        let key = p.ident();
        if key.is_empty() {
            return Err(p.error(
                "expected an argument such as key=\"value\"",
                "arguments are written key=\"text\", key=3 or key=true",
            ));
        }
        if !p.eat('=') {
            return Err(p.error(
                "expected `=` after the argument name",
                "write key=\"value\"",
            ));
        }
        let value = p.value()?;
        args.push((text[key.clone()].to_string(), value, key));
    }
    if closing && !args.is_empty() {
        return Err(SyntaxError {
            span: span.clone(),
            message: "a closing tag takes no arguments".into(),
            hint: "write the closing tag as {{< /name >}}",
        });
    }
    Ok(ShortTag {
        name: text[name_span.clone()].to_string(),
        closing,
        args,
        span,
        name_span,
    })
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    end: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..self.end].chars().next()
    }

    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(c);
        if hit {
            self.pos += c.len_utf8();
        }
        hit
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn ident(&mut self) -> Range<usize> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            self.pos += 1;
        }
        start..self.pos
    }

    fn error(&self, message: &str, hint: &'static str) -> SyntaxError {
        let len = self.peek().map_or(1, char::len_utf8);
        SyntaxError {
            span: self.pos..self.pos + len,
            message: message.into(),
            hint,
        }
    }

    fn value(&mut self) -> Result<ArgValue, SyntaxError> {
        if self.eat('"') {
            return self.string();
        }
        let start = self.pos;
        while self.peek().is_some_and(|c| !c.is_whitespace()) {
            self.pos += self.peek().map_or(1, char::len_utf8);
        }
        let word = &self.text[start..self.pos];
        match word {
            "true" => Ok(ArgValue::Bool(true)),
            "false" => Ok(ArgValue::Bool(false)),
            _ => word
                .parse::<i64>()
                .map(ArgValue::Int)
                .or_else(|_| word.parse::<f64>().map(ArgValue::Float))
                .map_err(|_| SyntaxError {
                    span: start..self.pos.max(start + 1),
                    message: format!("`{word}` is not a valid value"),
                    hint: "put text in double quotes, e.g. caption=\"A quiet room\"",
                }),
        }
    }

    fn string(&mut self) -> Result<ArgValue, SyntaxError> {
        let start = self.pos - 1;
        let mut out = String::new();
        while let Some(c) = self.peek() {
            self.pos += c.len_utf8();
            match c {
                '"' => return Ok(ArgValue::Str(out)),
                '\\' => {
                    let escaped = self.peek().unwrap_or('\\');
                    self.pos += escaped.len_utf8();
                    out.push(match escaped {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    });
                }
                _ => out.push(c),
            }
        }
        Err(SyntaxError {
            span: start..start + 1,
            message: "this quoted value is never closed".into(),
            hint: "add the closing `\"`; write a quote inside the text as \\\"",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_typed_arguments() {
        let tags =
            find_tags(r#"a {{< figure src="/a.svg" alt="A \"quiet\" room" w=3 big=true >}} b"#);
        let tags = tags.unwrap_or_default();
        assert_eq!(tags.len(), 1);
        assert_eq!(tags[0].name, "figure");
        let values: Vec<&ArgValue> = tags[0].args.iter().map(|a| &a.1).collect();
        assert_eq!(
            values,
            [
                &ArgValue::Str("/a.svg".into()),
                &ArgValue::Str("A \"quiet\" room".into()),
                &ArgValue::Int(3),
                &ArgValue::Bool(true)
            ]
        );
    }

    #[test]
    fn tags_in_code_are_left_alone() {
        let text = "`{{< cta >}}`\n\n```\n{{< cta >}}\n```\n\n{{< /callout >}}\n";
        let tags = find_tags(text).unwrap_or_default();
        assert_eq!(tags.len(), 1);
        assert!(tags[0].closing);
    }

    #[test]
    fn malformed_tags_are_errors_with_spans() {
        let e = find_tags("x {{< cta heading=Hi there >}}").err();
        assert_eq!(e.map(|e| e.span), Some(18..20));
        assert!(find_tags("x {{< cta").is_err());
        assert!(find_tags(r#"{{< cta heading="x >}}"#).is_err());
        assert!(find_tags("{{< >}}").is_err());
    }
}
