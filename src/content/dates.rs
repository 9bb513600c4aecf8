//! Front matter dates in the forms other generators write them. Parsed by
//! hand so a message can name the forms trellis reads instead of passing
//! on a parser's internals.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ZonedDateTime};

/// A front matter date: a calendar day (midnight in the site's zone), a
/// wall-clock time in the site's zone, or an exact instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    Day(Date),
    Local(DateTime),
    Instant(Timestamp),
}

impl DateValue {
    /// `2026-03-14`, `2026-03-14 09:30[:00] [-0500]`, RFC 3339
    /// (`2026-03-14T09:30:00-05:00`), a one-digit hour (`T9:30:00`).
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let unreadable = || format!("`{s}` is not a date trellis can read");
        let date = s
            .get(..10)
            .and_then(|d| d.parse::<Date>().ok())
            .ok_or_else(unreadable)?;
        let rest = &s[10..];
        if rest.is_empty() {
            return Ok(DateValue::Day(date));
        }
        let rest = rest
            .strip_prefix(['T', 't', ' '])
            .ok_or_else(unreadable)?
            .trim_start();
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
            .unwrap_or(rest.len());
        let time = time_of(&rest[..end]).ok_or_else(unreadable)?;
        let at = date.to_datetime(time);
        match offset_of(rest[end..].trim()).ok_or_else(unreadable)? {
            None => Ok(DateValue::Local(at)),
            Some(offset) => offset
                .to_timestamp(at)
                .map(DateValue::Instant)
                .map_err(|_| unreadable()),
        }
    }

    /// The instant this date means on a site in `tz`.
    pub fn resolve(self, tz: &TimeZone) -> ZonedDateTime {
        let utc = |dt: DateTime| dt.to_zoned_datetime(TimeZone::UTC).unwrap_or_default();
        match self {
            DateValue::Instant(ts) => ts.to_zoned_datetime(tz.clone()),
            DateValue::Day(day) => {
                let midnight = day.to_datetime(Time::midnight());
                midnight
                    .to_zoned_datetime(tz.clone())
                    .unwrap_or_else(|_| utc(midnight))
            }
            DateValue::Local(dt) => dt.to_zoned_datetime(tz.clone()).unwrap_or_else(|_| utc(dt)),
        }
    }

    pub const HINT: &str = "write dates as YYYY-MM-DD (2026-03-14), \
        YYYY-MM-DD HH:MM[:SS] [±HHMM] (2026-03-14 09:30:00 -0500) or RFC 3339 \
        (2026-03-14T09:30:00-05:00); a time without an offset is in site.yaml's `timezone`";
}

/// `H:MM`, `HH:MM:SS` or `HH:MM:SS.fff`.
fn time_of(s: &str) -> Option<Time> {
    let mut parts = s.split(':');
    let hour = number(parts.next()?, 1, 2)?;
    let minute = number(parts.next()?, 2, 2)?;
    let (second, nanos) = match parts.next() {
        None => (0, 0),
        Some(sec) => {
            let (whole, frac) = sec.split_once('.').unwrap_or((sec, ""));
            (number(whole, 2, 2)?, nanos_of(frac)?)
        }
    };
    if parts.next().is_some() {
        return None;
    }
    Time::new(hour, minute, second, nanos).ok()
}

/// `Some(None)` for no offset; `Z`, `UTC`, `±HH`, `±HHMM` or `±HH:MM`.
fn offset_of(s: &str) -> Option<Option<Offset>> {
    if s.is_empty() {
        return Some(None);
    }
    if s.eq_ignore_ascii_case("z") || s.eq_ignore_ascii_case("utc") {
        return Some(Some(Offset::UTC));
    }
    let sign = match s.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits = s[1..].replace(':', "");
    let hours: i32 = number(digits.get(..2)?, 2, 2)?.into();
    let minutes: i32 = match digits.get(2..) {
        Some("") | None => 0,
        Some(m) => number(m, 2, 2)?.into(),
    };
    Offset::from_seconds(sign * (hours * 3600 + minutes * 60))
        .ok()
        .map(Some)
}

/// An ASCII number of `min..=max` digits.
fn number(s: &str, min: usize, max: usize) -> Option<i8> {
    let ok = (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if ok { s.parse().ok() } else { None }
}

fn nanos_of(frac: &str) -> Option<i32> {
    if frac.len() > 9 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let padded = format!("{frac:0<9}");
    padded.parse().ok()
}

/// The date a `YYYY-MM-DD-` file or folder name starts with.
pub fn from_name(stem: &str) -> Option<Date> {
    let dated = stem.as_bytes().get(10) == Some(&b'-');
    dated.then(|| stem.get(..10)?.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant(s: &str) -> Option<String> {
        match DateValue::parse(s) {
            Ok(DateValue::Instant(t)) => Some(t.to_string()),
            _ => None,
        }
    }

    #[test]
    fn reads_the_forms_other_generators_write() {
        assert!(matches!(
            DateValue::parse("2026-03-14"),
            Ok(DateValue::Day(_))
        ));
        let jekyll = instant("2019-09-27 12:00:00 -0500");
        assert_eq!(jekyll.as_deref(), Some("2019-09-27T17:00:00Z"));
        let rfc = instant("2026-03-14T09:30:00-05:00");
        assert_eq!(rfc.as_deref(), Some("2026-03-14T14:30:00Z"));
        let utc = instant("2026-03-14T09:30:00.5Z");
        assert_eq!(utc.as_deref(), Some("2026-03-14T09:30:00.5Z"));
        assert!(matches!(
            DateValue::parse("2019-01-04T8:09:26"),
            Ok(DateValue::Local(_))
        ));
        assert!(matches!(
            DateValue::parse("2019-01-04 08:09"),
            Ok(DateValue::Local(_))
        ));
    }

    #[test]
    fn rejects_with_a_plain_message() {
        for bad in [
            "2026-13-01",
            "March 3",
            "2026-03-14 25:00",
            "2026-03-14 9:30 EST",
        ] {
            let e = DateValue::parse(bad).err().unwrap_or_default();
            assert_eq!(e, format!("`{bad}` is not a date trellis can read"));
        }
    }

    #[test]
    fn names_give_dates() {
        assert!(from_name("2019-01-04-x").is_some());
        assert!(from_name("2019-01-04").is_none());
        assert!(from_name("2019-13-04-x").is_none());
    }
}
