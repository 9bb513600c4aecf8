use syntect::highlighting::ThemeSet;

use super::*;
use crate::markdown::highlight::stylesheet;

fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

fn parse_hex(v: &str) -> Color {
    let n = v
        .strip_prefix('#')
        .filter(|h| h.len() == 6)
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .unwrap_or_else(|| panic!("not a #rrggbb colour: {v}"));
    rgb((n >> 16) as u8, (n >> 8) as u8, n as u8)
}

/// A rule of the generated stylesheet: selector, `color`, `background-color`.
type Rule = (String, Option<Color>, Option<Color>);

fn strip_comments(css: &str) -> String {
    let mut text = String::new();
    let mut rest = css;
    while let Some(i) = rest.find("/*") {
        text.push_str(&rest[..i]);
        let end = rest[i..].find("*/").map_or(rest.len(), |e| i + e + 2);
        rest = &rest[end..];
    }
    text.push_str(rest);
    text
}

/// The rules of flat CSS (no comments, no `@media`), read the way a
/// browser would: `selector { name: value; ... }`.
fn rules(css: &str) -> Vec<Rule> {
    css.split('}')
        .filter_map(|block| block.split_once('{'))
        .map(|(selector, body)| {
            let mut rule = (selector.trim().to_string(), None, None);
            for decl in body.split(';') {
                match decl.split_once(':').map(|(n, v)| (n.trim(), v.trim())) {
                    Some(("color", v)) => rule.1 = Some(parse_hex(v)),
                    Some(("background-color", v)) => rule.2 = Some(parse_hex(v)),
                    _ => {}
                }
            }
            rule
        })
        .collect()
}

/// Every rule a browser applies on screen in light or dark mode: those
/// outside any `@media`, and those in a query that matches. A rule of one
/// mode that also applies in the other (a light rule more specific than
/// its dark twin wins there) is caught this way.
fn applied(css: &str, dark: bool) -> Vec<Rule> {
    let css = strip_comments(css);
    let mut out = Vec::new();
    let mut rest = css.as_str();
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(query) = rest[..open].trim().strip_prefix("@media") else {
            let close = after.find('}').map_or(after.len(), |c| c + 1);
            out.extend(rules(&rest[..open + 1 + close]));
            rest = &after[close..];
            continue;
        };
        let mut depth = 1;
        let end = after
            .char_indices()
            .find_map(|(i, c)| {
                depth += match c {
                    '{' => 1,
                    '}' => -1,
                    _ => 0,
                };
                (depth == 0).then_some(i)
            })
            .unwrap_or_else(|| panic!("unclosed @media{query}"));
        if matches_mode(query.trim(), dark) {
            out.extend(rules(&after[..end]));
        }
        rest = &after[end + 1..];
    }
    out
}

/// Whether a colour-scheme media query holds on a screen in this mode.
fn matches_mode(query: &str, dark: bool) -> bool {
    match query {
        "(prefers-color-scheme: dark)" | "screen and (prefers-color-scheme: dark)" => dark,
        "print, not all and (prefers-color-scheme: dark)" => !dark,
        other => panic!("a media query this test does not know: {other}"),
    }
}

/// Every class colour reaches AA on the code background (or on the
/// class's own background), and that background is the theme's `pre`.
fn assert_readable(rules: &[Rule], code_bg: Color, what: &str) {
    let code = rules.iter().rev().find(|r| r.0 == ".hl-code");
    assert_eq!(code.and_then(|r| r.2), Some(code_bg), "{what}: .hl-code");
    let coloured = rules.iter().filter(|r| r.1.is_some()).count();
    assert!(coloured > 10, "{what}: only {coloured} coloured rules");
    for (selector, fg, bg) in rules {
        let (Some(fg), bg) = (*fg, bg.unwrap_or(code_bg)) else {
            continue;
        };
        let r = ratio(fg, bg);
        assert!(
            r >= AA,
            "{what}: {selector} {} on {} is {r:.2}:1",
            hex(fg),
            hex(bg)
        );
    }
}

// The default pair (InspiredGitHub, base16-ocean.dark) is among these.
#[test]
fn every_built_in_theme_is_made_readable_on_both_backgrounds() {
    for name in ThemeSet::load_defaults().themes.keys() {
        let css = stylesheet(name, name).unwrap_or_else(|e| panic!("{e}"));
        let (light, dark) = (applied(&css, false), applied(&css, true));
        assert_readable(&light, CODE_BG_LIGHT, &format!("{name} (light)"));
        assert_readable(&dark, CODE_BG_DARK, &format!("{name} (dark)"));
    }
}

#[test]
fn code_backgrounds_are_the_themes_surface_colours() {
    let css = include_str!("../../../themes/default/static/style.css");
    for (prop, c) in [
        ("--surface", CODE_BG_LIGHT),
        ("--surface-dark", CODE_BG_DARK),
    ] {
        let decl = format!("{prop}: {};", hex(c));
        assert!(css.contains(&decl), "style.css has no `{decl}`");
    }
    let pre = css
        .split("\npre {")
        .nth(1)
        .and_then(|r| r.split('}').next());
    assert!(pre.is_some_and(|r| r.contains("background: var(--_surface);")));
}

#[test]
fn readable_colours_stay_and_others_keep_their_hue() {
    let fine = rgb(0x1d, 0x28, 0x23);
    assert_eq!(readable_on(fine, CODE_BG_LIGHT), fine);
    // InspiredGitHub's comment grey and base16-ocean's red.
    let grey = readable_on(rgb(0x96, 0x98, 0x96), CODE_BG_LIGHT);
    assert!(
        ratio(grey, CODE_BG_LIGHT) >= AA && grey.r < 0x96,
        "{}",
        hex(grey)
    );
    let red = readable_on(rgb(0xbf, 0x61, 0x6a), CODE_BG_DARK);
    assert!(ratio(red, CODE_BG_DARK) >= AA, "{}", hex(red));
    assert!(
        red.r > red.g && red.r > red.b,
        "{} is no longer red",
        hex(red)
    );
}
