//! Dates as other generators write them, made into the two forms trellis
//! reads: `YYYY-MM-DD` or an RFC 3339 instant (written in UTC).

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

/// `2019-09-27`, `2019-09-27 12:00:00 -0500`, `2019-09-27T8:09:26Z`,
/// `2019-09-27 12:00` (in `tz`), … → a date trellis accepts.
pub fn normalise(value: &str, tz: &TimeZone) -> Option<String> {
    let s = value.trim().trim_matches(['"', '\'']);
    let day = s.get(..10)?.parse::<Date>().ok()?;
    let rest = s[10..].trim_start_matches(['T', 't', ' ']);
    if rest.is_empty() {
        return Some(day.to_string());
    }
    let (clock, offset) = split_offset(rest);
    let time = parse_clock(clock)?;
    let civil = DateTime::from_parts(day, time);
    let ts = match offset {
        Some(minutes) => {
            let off = jiff::tz::Offset::from_seconds(minutes * 60).ok()?;
            off.to_timestamp(civil).ok()?
        }
        None => tz.to_timestamp(civil).ok()?,
    };
    Some(utc(ts))
}

/// `2019-09-27-my-post` → (Some("2019-09-27"), "my-post").
pub fn split_name(stem: &str) -> (Option<&str>, &str) {
    match (stem.get(..10), stem.get(10..11), stem.get(11..)) {
        (Some(d), Some("-"), Some(rest)) if d.parse::<jiff::civil::Date>().is_ok() => {
            (Some(d), rest)
        }
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

/// Splits `12:00:00 -0500` into the clock and the offset in minutes.
fn split_offset(rest: &str) -> (&str, Option<i32>) {
    let rest = rest.trim();
    if let Some(clock) = rest.strip_suffix(['Z', 'z']) {
        return (clock.trim(), Some(0));
    }
    if let Some(clock) = rest.strip_suffix("UTC") {
        return (clock.trim(), Some(0));
    }
    // The offset's sign is the last + or - (the clock itself has neither).
    match rest.rfind(['+', '-']) {
        Some(i) => match offset_minutes(&rest[i..]) {
            Some(m) => (rest[..i].trim(), Some(m)),
            None => (rest, None),
        },
        None => (rest, None),
    }
}

fn offset_minutes(s: &str) -> Option<i32> {
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let digits: String = s[1..].chars().filter(char::is_ascii_digit).collect();
    if s[1..].chars().any(|c| !c.is_ascii_digit() && c != ':') {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    Some(sign * (h * 60 + m))
}

/// `8:09`, `08:09:26`, `08:09:26.123` → a time of day.
fn parse_clock(clock: &str) -> Option<jiff::civil::Time> {
    let mut parts = clock.split(':');
    let hour: i8 = parts.next()?.trim().parse().ok()?;
    let minute: i8 = parts.next()?.trim().parse().ok()?;
    let second: i8 = match parts.next() {
        Some(s) => s.split('.').next()?.trim().parse().ok()?,
        None => 0,
    };
    jiff::civil::Time::new(hour, minute, second, 0).ok()
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
