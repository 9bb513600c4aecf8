//! A small scanner for the HTML trellis itself produced: tags with their
//! attributes and the text between them. Not a full HTML parser: it needs
//! only to find links, ids, headings and images in well-formed output, and
//! to skip comments and the insides of `<script>` and `<style>`.
//!
//! Not html5ever's or lol_html's tokenizer: it runs on every page of every
//! build, and borrowing from the page while jumping between `<`s with
//! memchr is 5 to 8 times faster than their state machines, which copy
//! each name, value and text (ARCHITECTURE.md, "Crates versus hand-written
//! code").

use std::borrow::Cow;

/// `'a`: the page; `'b`: the tag's attributes, valid for one call of the
/// callback (one buffer serves every tag of a page).
#[derive(Debug, PartialEq, Eq)]
pub enum Token<'a, 'b> {
    Start(Tag<'a, 'b>),
    /// Lower-case.
    End(Cow<'a, str>),
    Text(&'a str),
    /// The text of a `<style>` element.
    Css(&'a str),
}

#[derive(Debug, PartialEq, Eq)]
pub struct Tag<'a, 'b> {
    /// Lower-case.
    pub name: Cow<'a, str>,
    pub attrs: &'b [(Cow<'a, str>, Cow<'a, str>)],
}

impl Tag<'_, '_> {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_ref())
    }
}

/// Calls `emit` with each token of `html`, in order. A callback, not a
/// list: a page has thousands of tokens, each looked at once.
pub fn each_token<'a>(html: &'a str, mut emit: impl FnMut(Token<'a, '_>)) {
    let mut rest = html;
    let mut attrs = Vec::new();
    while !rest.is_empty() {
        // Text between tags is mostly a line break or a few words, where the
        // setup of `str::find` cost more than the search.
        let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) else {
            emit(Token::Text(rest));
            break;
        };
        if lt > 0 {
            emit(Token::Text(&rest[..lt]));
        }
        rest = &rest[lt..];
        rest = if rest.starts_with("<!--") {
            after(rest, "-->")
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            after(rest, ">")
        } else if let Some(name) = rest.strip_prefix("</") {
            let end = memchr::memchr(b'>', name.as_bytes()).unwrap_or(name.len());
            emit(Token::End(lower(name[..end].trim())));
            name.get(end + 1..).unwrap_or("")
        } else {
            start_tag(rest, &mut attrs, &mut emit)
        };
    }
}

/// `s` in lower case, borrowed when it already is (all of trellis's own
/// markup): a page has hundreds of tags, each name once allocated.
fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// The text after the first `end`, or nothing when it never comes.
fn after<'a>(text: &'a str, end: &str) -> &'a str {
    text.find(end).map_or("", |i| &text[i + end.len()..])
}

/// Reads `<name attrs>` at the start of `text`; returns what follows it
/// (for `<script>` and `<style>`, what follows their closing tag).
fn start_tag<'a>(
    text: &'a str,
    attrs: &mut Attrs<'a>,
    emit: &mut impl FnMut(Token<'a, '_>),
) -> &'a str {
    let body = &text[1..];
    let name_len = position(body, |b| b.is_ascii_whitespace() || b == b'>' || b == b'/');
    if name_len == 0 || !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        emit(Token::Text("<"));
        return body;
    }
    let name = lower(&body[..name_len]);
    let rest = attributes(&body[name_len..], attrs);
    let raw = name == "script" || name == "style";
    let is_style = name == "style";
    // Only raw-text elements need their closing tag looked for; making it
    // for every tag was a fifth of the scan's cost.
    let close = raw.then(|| format!("</{name}"));
    emit(Token::Start(Tag { name, attrs }));
    let Some(close) = close else {
        return rest;
    };
    let end = rest.find(&close).unwrap_or(rest.len());
    if is_style {
        emit(Token::Css(&rest[..end]));
    }
    after(&rest[end..], ">")
}

type Attrs<'a> = Vec<(Cow<'a, str>, Cow<'a, str>)>;

/// Attributes up to the tag's `>`, values unescaped, into `attrs`;
/// returns what follows the tag.
fn attributes<'a>(mut s: &'a str, attrs: &mut Attrs<'a>) -> &'a str {
    attrs.clear();
    loop {
        s = &s[position(s, |b| !(b.is_ascii_whitespace() || b == b'/'))..];
        if s.is_empty() {
            return s;
        }
        if let Some(rest) = s.strip_prefix('>') {
            return rest;
        }
        let name_len = position(s, |b| {
            b.is_ascii_whitespace() || matches!(b, b'=' | b'>' | b'/')
        });
        // At least one character: `s` starts with one that is none of those.
        let name_len = name_len.max(s.chars().next().map_or(1, char::len_utf8));
        let name = lower(&s[..name_len]);
        s = s[name_len..].trim_ascii_start();
        let value = match s.strip_prefix('=') {
            Some(v) => {
                let (value, rest) = attribute_value(v.trim_ascii_start());
                s = rest;
                unescape(value)
            }
            None => Cow::Borrowed(""),
        };
        attrs.push((name, value));
    }
}

fn attribute_value(s: &str) -> (&str, &str) {
    match s.bytes().next() {
        Some(q @ (b'"' | b'\'')) => {
            let inner = &s[1..];
            let end = memchr::memchr(q, inner.as_bytes()).unwrap_or(inner.len());
            (&inner[..end], inner.get(end + 1..).unwrap_or(""))
        }
        _ => {
            let end = position(s, |b| b.is_ascii_whitespace() || b == b'>');
            (&s[..end], &s[end..])
        }
    }
}

/// The first byte of `s` that `stop` accepts, or the length of `s`. Only
/// for ASCII stops, so the place is always a character boundary; byte by
/// byte, where a closure over `char`s decoded every character.
fn position(s: &str, stop: impl Fn(u8) -> bool) -> usize {
    s.bytes().position(stop).unwrap_or(s.len())
}

/// Entities to characters. Where the strict XML reading fails (an HTML
/// name, a reference without its `;`), the references a browser would
/// read are decoded and the rest kept as written: `jav&#9ascript&colon;`
/// must read as the browser reads it.
pub fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    quick_xml::escape::unescape(s).unwrap_or_else(|_| Cow::Owned(lenient(s)))
}

/// Named references a URL trick uses, besides XML's five.
const NAMES: [(&str, char); 9] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("colon", ':'),
    ("tab", '\t'),
    ("newline", '\n'),
    ("nbsp", '\u{a0}'),
];

fn lenient(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        match reference(rest) {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference after `&` stands for, and its length.
fn reference(s: &str) -> Option<(char, usize)> {
    if let Some(num) = s.strip_prefix('#') {
        let (hex, digits) = match num.strip_prefix(['x', 'X']) {
            Some(h) => (true, h),
            None => (false, num),
        };
        let len = position(digits, |b| {
            !b.is_ascii_hexdigit() || (!hex && !b.is_ascii_digit())
        });
        let code = u32::from_str_radix(&digits[..len], if hex { 16 } else { 10 }).ok()?;
        let used = 1 + usize::from(hex) + len + usize::from(digits[len..].starts_with(';'));
        return Some((char::from_u32(code).unwrap_or('\u{fffd}'), used));
    }
    let len = position(s, |b| !b.is_ascii_alphanumeric());
    let name = s[..len].to_ascii_lowercase();
    let (_, c) = NAMES.iter().find(|(n, _)| *n == name)?;
    Some((*c, len + usize::from(s[len..].starts_with(';'))))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokens, each tag's attributes copied out of the shared buffer
    /// (and leaked: a test's few bytes).
    fn tokens(html: &str) -> Vec<Token<'_, '_>> {
        let mut out = Vec::new();
        each_token(html, |t| {
            out.push(match t {
                Token::Start(Tag { name, attrs }) => Token::Start(Tag {
                    name,
                    attrs: Box::leak(attrs.to_vec().into_boxed_slice()),
                }),
                Token::End(n) => Token::End(n),
                Token::Text(t) => Token::Text(t),
                Token::Css(c) => Token::Css(c),
            })
        });
        out
    }

    #[test]
    fn reads_tags_attributes_and_text() {
        let t = tokens("<p class=x>Hi <a href=\"/a/?b=1&amp;c=2\">there</a></p>");
        let Token::Start(a) = &t[2] else {
            panic!("{t:?}")
        };
        assert_eq!(a.name, "a");
        assert_eq!(a.attr("href"), Some("/a/?b=1&c=2"));
        assert_eq!(t[3], Token::Text("there"));
        assert_eq!(t[4], Token::End("a".into()));
    }

    #[test]
    fn skips_comments_and_script_bodies() {
        let t =
            tokens("<!-- <a href=x> --><script>let a = '<a href=y>';</script><style>p{}</style>");
        assert_eq!(t.len(), 3, "{t:?}");
        assert_eq!(t[2], Token::Css("p{}"));
    }

    #[test]
    fn references_a_browser_reads() {
        assert_eq!(
            unescape("jav&#9ascript&colon;x&unknown;"),
            "jav\tascript:x&unknown;"
        );
        assert_eq!(unescape("&#x6A;&#X61;&#0;"), "ja\u{0}");
    }

    #[test]
    fn boolean_attributes_and_stray_angles() {
        let t = tokens("a < b <input required type=email>");
        let Some(Token::Start(input)) = t.last() else {
            panic!("{t:?}")
        };
        assert_eq!(input.attr("required"), Some(""));
        assert_eq!(input.attr("type"), Some("email"));
    }
}
