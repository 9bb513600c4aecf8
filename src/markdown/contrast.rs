//! WCAG contrast for the highlight stylesheet. No built-in syntect theme
//! keeps every token colour at 4.5:1 on the background code is shown on,
//! so each foreground that falls short is darkened (on a light background)
//! or lightened (on a dark one) just enough, keeping its hue.

use syntect::highlighting::{Color, Theme};

/// WCAG 2 AA for normal-size text.
pub const AA: f64 = 4.5;

/// What adjusted colours aim for: a little over AA, so that checkers which
/// round differently (axe, Lighthouse) still see a pass.
const TARGET: f64 = 4.6;

/// The background of `pre` in the built-in theme (`--surface` and
/// `--surface-dark` in themes/default/static/style.css). Token colours are
/// read there, not on the syntect theme's own background, which no page
/// shows.
pub const CODE_BG_LIGHT: Color = rgb(0xf2, 0xef, 0xe8);
pub const CODE_BG_DARK: Color = rgb(0x1b, 0x23, 0x20);

const BLACK: Color = rgb(0, 0, 0);
const WHITE: Color = rgb(0xff, 0xff, 0xff);

const fn rgb(r: u8, g: u8, b: u8) -> Color {
    Color { r, g, b, a: 0xff }
}

/// WCAG relative luminance. Alpha is ignored because syntect writes every
/// colour into the stylesheet without it.
pub fn luminance(c: Color) -> f64 {
    let lin = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)
}

/// The WCAG contrast ratio of two colours, from 1 to 21.
pub fn ratio(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `fg` itself when it is readable on `bg`, else the colour nearest to it
/// on the way to black or white (whichever contrasts more with `bg`) that is.
pub fn readable_on(fg: Color, bg: Color) -> Color {
    let fg = Color { a: 0xff, ..fg };
    if ratio(fg, bg) >= TARGET {
        return fg;
    }
    // The ratios of black and white against one colour multiply to 21, so
    // the better of the two is at least √21 ≈ 4.58. Past that, nothing can
    // do better than the end of the line.
    let towards = if ratio(BLACK, bg) >= ratio(WHITE, bg) {
        BLACK
    } else {
        WHITE
    };
    let (mut lo, mut hi) = (0.0, 1.0);
    for _ in 0..16 {
        let mid = (lo + hi) / 2.0;
        if ratio(mix(fg, towards, mid), bg) >= TARGET {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    mix(fg, towards, hi)
}

/// `a` moved a fraction `t` of the way to `b`, rounded to whole channels.
fn mix(a: Color, b: Color, t: f64) -> Color {
    let ch = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    rgb(ch(a.r, b.r), ch(a.g, b.g), ch(a.b, b.b))
}

/// A copy of `theme` that is readable on `code_bg`: its background becomes
/// `code_bg` (so the stylesheet states what it was checked against), and
/// every foreground reaches AA on what it is drawn over, the scope's own
/// background where it sets one. A scope that sets only a background gets
/// the theme's text colour, since the colour it would inherit was never
/// chosen for that background.
pub fn readable(theme: &Theme, code_bg: Color) -> Theme {
    let mut theme = theme.clone();
    let text = theme
        .settings
        .foreground
        .unwrap_or(if luminance(code_bg) > 0.5 {
            BLACK
        } else {
            WHITE
        });
    theme.settings.background = Some(code_bg);
    theme.settings.foreground = Some(readable_on(text, code_bg));
    for item in &mut theme.scopes {
        let style = &mut item.style;
        let bg = style.background.map_or(code_bg, |b| Color { a: 0xff, ..b });
        let fg = match style.foreground {
            Some(fg) => fg,
            None if style.background.is_some() => text,
            None => continue,
        };
        style.foreground = Some(readable_on(fg, bg));
    }
    theme
}

#[cfg(test)]
mod tests {
    use syntect::highlighting::ThemeSet;

    use super::*;
    use crate::config::Highlight;
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

    /// The rules of flat CSS (no nesting; comments allowed), read the way a
    /// browser would: `selector { name: value; ... }`.
    fn rules(css: &str) -> Vec<Rule> {
        let mut text = String::new();
        let mut rest = css;
        while let Some(i) = rest.find("/*") {
            text.push_str(&rest[..i]);
            let end = rest[i..].find("*/").map_or(rest.len(), |e| i + e + 2);
            rest = &rest[end..];
        }
        text.push_str(rest);
        text.split('}')
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

    /// The light and dark halves of a highlight stylesheet.
    fn halves(css: &str) -> (Vec<Rule>, Vec<Rule>) {
        let query = "@media (prefers-color-scheme: dark) {";
        let (light, dark) = css
            .split_once(query)
            .unwrap_or_else(|| panic!("no dark half in:\n{css}"));
        (rules(light), rules(dark))
    }

    /// Every class colour reaches AA on the code background (or on the
    /// class's own background), and that background is the theme's `pre`.
    fn assert_readable(rules: &[Rule], code_bg: Color, what: &str) {
        let code = rules.iter().find(|r| r.0 == ".hl-code");
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

    #[test]
    fn default_highlight_css_meets_aa_in_light_and_dark() {
        let h = Highlight::default();
        let css = stylesheet(&h.theme_light, &h.theme_dark).unwrap_or_else(|e| panic!("{e}"));
        let (light, dark) = halves(&css);
        assert_readable(&light, CODE_BG_LIGHT, &h.theme_light);
        assert_readable(&dark, CODE_BG_DARK, &h.theme_dark);
    }

    #[test]
    fn every_built_in_theme_is_made_readable_on_both_backgrounds() {
        for name in ThemeSet::load_defaults().themes.keys() {
            let css = stylesheet(name, name).unwrap_or_else(|e| panic!("{e}"));
            let (light, dark) = halves(&css);
            assert_readable(&light, CODE_BG_LIGHT, &format!("{name} (light)"));
            assert_readable(&dark, CODE_BG_DARK, &format!("{name} (dark)"));
        }
    }

    #[test]
    fn code_backgrounds_are_the_themes_surface_colours() {
        let css = include_str!("../../themes/default/static/style.css");
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
}
