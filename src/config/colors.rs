//! `colors:` in site.yaml. Each entry becomes `--key: value;` inside a
//! `<style>` on every page, unescaped, so a value is only accepted in the
//! form its property takes: a colour, a length, or a list of font names.
//! Anything else (a `;`, a `}`, a `</style>`) could rewrite the page.
//!
//! Checked by hand, not with a CSS or colour crate: those answer "what
//! colour does CSS read here", skipping comments and accepting forms that
//! are not CSS, while this must answer "is the text exactly one of the
//! forms we admit" (ARCHITECTURE.md, "Crates versus hand-written code").

use std::path::Path;

use crate::diag::{Diagnostic, Error, Location, Result};

use super::{Config, FILE_NAME};

/// The theme's properties that are not colours (themes/default/static/style.css).
const LENGTHS: &[&str] = &["measure", "wide", "gutter", "radius"];
const LENGTH_UNITS: &[&str] = &[
    "px", "em", "rem", "ch", "ex", "vw", "vh", "vmin", "vmax", "%",
];

/// CSS named colours (CSS Color 4), plus `transparent` and `currentcolor`.
const NAMED: &str = "aliceblue antiquewhite aqua aquamarine azure beige bisque black \
    blanchedalmond blue blueviolet brown burlywood cadetblue chartreuse chocolate coral \
    cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen \
    darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon \
    darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink \
    deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro \
    ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo \
    ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan \
    lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen \
    lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen \
    magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen \
    mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream \
    mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid \
    palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum \
    powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown \
    seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen \
    steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow \
    yellowgreen transparent currentcolor";

const COLOUR_FORMS: &str = "write a colour as #2f6f5e (3, 4, 6 or 8 hex digits), \
    rgb(47 111 94), rgba(47, 111, 94, 0.9), hsl(164 40% 31%), hsla(164, 40%, 31%, 0.9), \
    var(--accent) or a colour name such as teal";

/// Every entry of `colors:` that is not a safe value, each at its line.
pub fn check(config: &Config) -> Result<()> {
    let mut errors: Vec<Diagnostic> = config
        .colors
        .iter()
        .filter_map(|(key, value)| {
            let (message, hint) = problem(key, value)?;
            Some(
                Diagnostic::error("config", message)
                    .at(locate(config, key))
                    .hint(hint),
            )
        })
        .collect();
    // In the order they are written, not the map's alphabetical one.
    errors.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::many(errors))
    }
}

/// What a property takes, by its name.
enum Kind {
    Colour,
    Length,
    Fonts,
}

impl Kind {
    fn of(key: &str) -> Kind {
        if key.starts_with("font-") {
            Kind::Fonts
        } else if LENGTHS.contains(&key) {
            Kind::Length
        } else {
            Kind::Colour
        }
    }

    /// `v` is trimmed and in lower case.
    fn fits(&self, v: &str) -> bool {
        match self {
            Kind::Colour => is_colour(v),
            Kind::Length => is_length(v),
            Kind::Fonts => is_font_list(v),
        }
    }

    fn what(&self) -> &'static str {
        match self {
            Kind::Colour => "a colour",
            Kind::Length => "a length",
            Kind::Fonts => "a list of font names",
        }
    }

    fn hint(&self, v: &str) -> String {
        match self {
            Kind::Colour => match crate::diag::nearest(v, &NAMED.split(' ').collect::<Vec<_>>()) {
                Some(name) if is_word(v) => format!("did you mean `{name}`? Or {COLOUR_FORMS}"),
                _ => COLOUR_FORMS.to_string(),
            },
            Kind::Length => "write a number and a unit, e.g. 36em, 2rem or 12px".into(),
            Kind::Fonts => "separate fonts with commas and put a name with spaces in quotes, \
                 e.g. font-body: '\"Iowan Old Style\", Georgia, serif'"
                .into(),
        }
    }
}

/// What is wrong with `key: value`, and how to write it instead.
fn problem(key: &str, value: &str) -> Option<(String, String)> {
    if !is_name(key) {
        return Some((
            format!("`{key}` in colors is not a name a CSS property can have"),
            "write keys in lower case with digits and hyphens, e.g. `accent-soft`; \
             each becomes a property such as --accent-soft"
                .into(),
        ));
    }
    let v = value.trim().to_ascii_lowercase();
    let kind = Kind::of(key);
    if kind.fits(&v) {
        return None;
    }
    if v.is_empty() {
        // `accent: #2f6f5e` unquoted: YAML reads the rest as a comment.
        return Some((
            format!("`{key}` in colors is empty"),
            format!(
                "in YAML a # starts a comment, so put a hex colour in quotes: {key}: \"#2f6f5e\""
            ),
        ));
    }
    // Short values are quoted in the message (escaped, so a newline shows
    // as \n); the snippet under it shows the line either way.
    let shown = if value.chars().count() <= 40 {
        format!(", not {value:?}")
    } else {
        String::new()
    };
    Some((
        format!("`{key}` in colors must be {}{shown}", kind.what()),
        kind.hint(&v),
    ))
}

/// A custom property name after its `--`.
fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_word(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase())
}

fn is_colour(v: &str) -> bool {
    if let Some(hex) = v.strip_prefix('#') {
        return matches!(hex.len(), 3 | 4 | 6 | 8) && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    if let Some(var) = v.strip_prefix("var(--").and_then(|r| r.strip_suffix(')')) {
        return is_name(var);
    }
    if let Some((name, rest)) = v.split_once('(') {
        let Some(args) = rest.strip_suffix(')') else {
            return false;
        };
        let parts: Vec<&str> = args
            .split([',', ' ', '/'])
            .filter(|p| !p.is_empty())
            .collect();
        return matches!(name, "rgb" | "rgba" | "hsl" | "hsla")
            && (3..=4).contains(&parts.len())
            && parts.iter().all(|p| {
                let n = p.strip_suffix('%').or(p.strip_suffix("deg")).unwrap_or(p);
                is_number(n)
            });
    }
    NAMED.split(' ').any(|name| name == v)
}

/// `inf` and `NaN` parse as floats; `is_finite` keeps them out.
fn is_number(s: &str) -> bool {
    s.parse::<f64>().is_ok_and(f64::is_finite)
}

fn is_length(v: &str) -> bool {
    v == "0"
        || LENGTH_UNITS
            .iter()
            .any(|u| v.strip_suffix(u).is_some_and(is_number))
}

/// `"Segoe UI", Roboto, sans-serif`: quoted names without quotes or
/// backslashes inside, or bare names of letters, digits, spaces and hyphens.
fn is_font_list(v: &str) -> bool {
    v.split(',').all(|font| {
        let font = font.trim();
        let quoted = ['"', '\'']
            .iter()
            .find_map(|q| font.strip_prefix(*q).and_then(|f| f.strip_suffix(*q)));
        match quoted {
            Some(name) => !name.is_empty() && !name.contains(['"', '\'', '\\']),
            None => {
                !font.is_empty()
                    && font
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
            }
        }
    })
}

/// The value of `key:` inside the `colors:` block of site.yaml, written
/// either one key a line or as `{ key: value, ... }`.
fn locate(config: &Config, key: &str) -> Location {
    let source = &config.source;
    let path = Path::new(FILE_NAME);
    let mut offset = 0;
    let mut in_colors = false;
    for line in source.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.is_empty() && !body.starts_with([' ', '\t', '#']) {
            in_colors = body.starts_with("colors:");
        }
        if let Some(at) = in_colors.then(|| value_in(body, key)).flatten() {
            let len = value_len(&body[at..]);
            return Location::in_text(path, source, 1, offset + at, len);
        }
        offset += line.len();
    }
    config.key_location("colors")
}

/// Where the value of `key:` starts in `line`, if the key is written there.
fn value_in(line: &str, key: &str) -> Option<usize> {
    for written in [
        format!("{key}:"),
        format!("\"{key}\":"),
        format!("'{key}':"),
    ] {
        let mut from = 0;
        while let Some(i) = line[from..].find(&written) {
            let start = from + i;
            let before = line[..start].trim_end();
            if before.is_empty() || before.ends_with([',', '{']) {
                let after = start + written.len();
                return Some(after + (line[after..].len() - line[after..].trim_start().len()));
            }
            from = start + written.len();
        }
    }
    None
}

/// How long the value at the start of `rest` is: a quoted string up to its
/// closing quote, else up to a `,`, `}` or ` #` comment.
fn value_len(rest: &str) -> usize {
    if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
        return rest[1..].find(q).map_or(rest.len(), |i| i + 2);
    }
    let end = [",", "}", " #"]
        .iter()
        .filter_map(|stop| rest.find(stop))
        .min()
        .unwrap_or(rest.len());
    rest[..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_forms() {
        for ok in [
            "#2f6f5e",
            "#FFF",
            "#2f6f5e80",
            "#abcd",
            "rgb(47 111 94)",
            "rgba(47, 111, 94, 0.9)",
            "rgb(47 111 94 / 50%)",
            "hsl(164deg 40% 31%)",
            "hsla(164, 40%, 31%, .9)",
            "teal",
            "RebeccaPurple",
            "var(--accent)",
        ] {
            assert!(problem("accent", ok).is_none(), "{ok}");
        }
        for bad in [
            "#12",
            "#ggg",
            "red; } body { display: none",
            "</style><script>alert(1)</script>",
            "rgb(1, 2)",
            "rgb(1 2 3",
            "rgb(1, 2, calc(3))",
            "rgb(1, 2, inf)",
            "url(x.png)",
            "gren",
            "expression(alert(1))",
            "var(--a) }",
            "",
            // A CSS parser skips comments and closes what is left open, so
            // cssparser admits these three (ARCHITECTURE.md, "Crates versus
            // hand-written code"); the first ends the page's <style>.
            "rgb(1 2 3)/*</style>*/",
            "red /* x */",
            "r\\65 d",
            // Not CSS, though csscolorparser reads it.
            "hsv(1 2% 3%)",
        ] {
            assert!(problem("accent", bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn keys_fonts_and_lengths() {
        assert!(problem("Accent", "#fff").is_some());
        assert!(problem("accent;x", "#fff").is_some());
        assert!(problem("font-body", "\"Iowan Old Style\", Georgia, serif").is_none());
        assert!(problem("font-mono", "ui-monospace, -apple-system, P052").is_none());
        assert!(problem("font-body", "Georgia; color: red").is_some());
        assert!(problem("font-body", "\"a\\\"b\", serif").is_some());
        assert!(problem("measure", "36em").is_none());
        assert!(problem("radius", "0").is_none());
        assert!(problem("measure", "36em; x: y").is_some());
    }

    #[test]
    fn an_unquoted_hex_colour_is_explained() {
        let hint = problem("accent", "").map(|p| p.1).unwrap_or_default();
        assert!(hint.contains("accent: \"#2f6f5e\""), "{hint}");
    }

    #[test]
    fn a_near_colour_name_is_suggested() {
        let hint = problem("accent", "gren").map(|p| p.1).unwrap_or_default();
        assert!(hint.starts_with("did you mean `green`?"), "{hint}");
    }

    fn located(source: &str, key: &str) -> (usize, usize, usize) {
        let src = crate::yaml::Source {
            path: Path::new(FILE_NAME),
            text: source,
            first_line: 1,
        };
        let config: Result<Config> = crate::yaml::parse(&src, "config");
        let Ok(mut config) = config else {
            panic!("{source}");
        };
        config.source = source.to_string();
        let at = locate(&config, key);
        (at.line, at.column, at.len)
    }

    #[test]
    fn values_are_found_in_block_and_flow_style() {
        let head = "title: T\nbase_url: https://example.org\n";
        let block = format!("{head}consultation:\n  text: hi\ncolors:\n  text: \"red;\"  # note\n");
        assert_eq!(located(&block, "text"), (6, 9, 6));
        let flow = format!("{head}colors: {{ accent: \"#fff\", text: red; }}\n");
        assert_eq!(located(&flow, "text"), (3, 33, 4));
    }
}
