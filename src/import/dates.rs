//! Dates as other generators write them, made into the two forms trellis
//! reads: `YYYY-MM-DD` or an RFC 3339 instant (written in UTC).

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::content::{self, DateValue};

/// `2019-09-27`, `2019-09-27 12:00:00 -0500`, `2019-09-27T8:09:26Z`,
/// `2019-09-27 12:00` (in `tz`), … → a date trellis accepts. Read with
/// front matter's own parser, so an import takes the forms a post may hold.
pub fn normalise(value: &str, tz: &TimeZone) -> Option<String> {
    let s = value.trim().trim_matches(['"', '\'']);
    match DateValue::parse(s).ok()? {
        DateValue::Day(day) => Some(day.to_string()),
        exact => Some(utc(exact.resolve(tz).timestamp())),
    }
}

/// `2019-09-27-my-post` → (Some("2019-09-27"), "my-post").
pub fn split_name(stem: &str) -> (Option<&str>, &str) {
    match (content::dates::from_name(stem), stem.get(11..)) {
        (Some(_), Some(rest)) => (stem.get(..10), rest),
        _ => (None, stem),
    }
}

/// The calendar day of a normalised date in `tz`, as a generator that
/// put the day in URLs saw it (`2013-09-06 22:02 -0400` is the 6th in New
/// York even though it is the 7th in UTC).
pub fn local_day(date: &str, tz: &TimeZone) -> String {
    match date.parse::<Timestamp>() {
        Ok(ts) => ts
            .to_zoned_datetime(tz.clone())
            .strftime("%Y-%m-%d")
            .to_string(),
        Err(_) => date.get(..10).unwrap_or(date).to_string(),
    }
}

/// WordPress's `2013-01-11 20:22:19` in UTC; its empty `0000-00-00 …` is None.
pub fn wordpress_gmt(value: &str) -> Option<String> {
    let v = value.trim();
    if v.is_empty() || v.starts_with("0000") {
        return None;
    }
    normalise(v, &TimeZone::UTC)
}

/// An RSS `pubDate` (RFC 2822), the last fallback for a WordPress date.
pub fn rfc2822(value: &str) -> Option<String> {
    let zdt = jiff::fmt::rfc2822::parse(value.trim()).ok()?;
    Some(utc(zdt.timestamp()))
}

fn utc(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Option<String> {
        normalise(s, &TimeZone::UTC)
    }

    #[test]
    fn every_form_becomes_one_trellis_reads() {
        assert_eq!(n("2019-09-27").as_deref(), Some("2019-09-27"));
        assert_eq!(
            n("2019-09-27 12:00:00 -0500").as_deref(),
            Some("2019-09-27T17:00:00Z")
        );
        assert_eq!(
            n("2019-09-27T8:09:26+02:00").as_deref(),
            Some("2019-09-27T06:09:26Z")
        );
        assert_eq!(
            n("2019-09-27 12:00").as_deref(),
            Some("2019-09-27T12:00:00Z")
        );
        assert_eq!(
            n("2019-09-27T12:00:00.5Z").as_deref(),
            Some("2019-09-27T12:00:00Z")
        );
        assert_eq!(n("March 3"), None);
        assert_eq!(split_name("2019-09-27-a-b"), (Some("2019-09-27"), "a-b"));
        assert_eq!(wordpress_gmt("0000-00-00 00:00:00"), None);
        assert_eq!(
            rfc2822("Tue, 27 Jan 2015 14:56:57 +0000").as_deref(),
            Some("2015-01-27T14:56:57Z")
        );
    }
}
