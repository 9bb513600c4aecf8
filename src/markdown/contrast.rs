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
mod tests;
