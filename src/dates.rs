//! How dates are written in the output, in one place: for readers on
//! pages, ISO 8601 for machines (`<time>`, JSON-LD, Atom), the day alone
//! for the sitemap, and RFC 2822 for RSS.

use jiff::ZonedDateTime as Zoned;

/// "March 14, 2026", for readers.
pub fn display(d: &Zoned) -> String {
    d.strftime("%B %-d, %Y").to_string()
}

/// "2026-03-14T09:00:00-05:00": `<time datetime>`, JSON-LD and Atom.
pub fn iso(d: &Zoned) -> String {
    d.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// "2026-03-14": the sitemap's `<lastmod>`.
pub fn day(d: &Zoned) -> String {
    d.strftime("%Y-%m-%d").to_string()
}

/// "Sat, 14 Mar 2026 09:00:00 -0500": RSS. Empty for a year RFC 2822
/// cannot write (before 1900), which front matter never holds.
pub fn rfc2822(d: &Zoned) -> String {
    jiff::fmt::rfc2822::to_string(d).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form() {
        let d: Zoned = "2026-03-04T09:05:00-05:00[America/New_York]"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(display(&d), "March 4, 2026");
        assert_eq!(iso(&d), "2026-03-04T09:05:00-05:00");
        assert_eq!(day(&d), "2026-03-04");
        assert_eq!(rfc2822(&d), "Wed, 4 Mar 2026 09:05:00 -0500");
    }
}
