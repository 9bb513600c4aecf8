//! Phone numbers written in posts, compared with the practice's own: a
//! stale or mistyped number sends a client who is ready to call nowhere.

use std::ops::Range;

use super::findings::Findings;
use super::locate;
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::site::Entry;

pub fn check(entry: &Entry, config: &Config, found: &mut Findings) {
    let own = digits(&config.practice.phone);
    if own.is_empty() {
        return;
    }
    let crisis = config.crisis.as_ref().map_or("", |c| c.text.as_str());
    let mut known: Vec<String> = vec![own, digits(&config.consultation.phone)];
    known.extend(numbers(crisis).into_iter().map(|(_, d)| d));
    known.extend(config.check.phones.iter().map(|p| digits(p)));
    for (span, number) in numbers(&entry.doc.body) {
        if known.iter().any(|k| same(k, &number)) {
            continue;
        }
        found.push(
            Diagnostic::warning(
                "phone",
                format!(
                    "`{}` is not the practice's number ({})",
                    &entry.doc.body[span.clone()],
                    config.practice.phone
                ),
            )
            .at(locate::span(entry, span))
            .hint(
                "correct it, or if it is another service's number (a helpline), \
                 list it under check: phones: in site.yaml",
            ),
        );
    }
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// Two numbers are the same when one is the other with a country code
/// (`+1 212…` and `212…`) or a trunk zero (`+44 20…` and `020…`).
fn same(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let short = short.trim_start_matches('0');
    short.len() >= 7 && long.ends_with(short)
}

/// Phone-like runs: 10 to 15 digits in groups split by spaces, dashes,
/// dots or brackets, or led by `+`, standing on their own in the prose.
/// Not phone numbers: dates and plain long numbers (no separators), runs
/// inside a URL, a path or a code span (a DOI, a date in an image's file
/// name), IP addresses, and decimals (a group longer than a phone's).
fn numbers(text: &str) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts = (bytes[i] == b'+' || bytes[i] == b'(' || bytes[i].is_ascii_digit())
            && (i == 0 || b" \t\n([*_\"'>|".contains(&bytes[i - 1]));
        if !starts {
            i += 1;
            continue;
        }
        let end = run_end(bytes, i);
        let run = &text[i..end];
        if ends_alone(&bytes[end..]) && phone_like(run) {
            found.push((i..end, digits(run)));
        }
        i = end.max(i + 1);
    }
    found
}

/// Whether what follows a run ends it: not a letter, a path or a file name
/// going on (`-123456789.jpg`, `/x`).
fn ends_alone(after: &[u8]) -> bool {
    match after {
        [b'.', next, ..] => !next.is_ascii_alphanumeric(),
        [next, ..] => !(next.is_ascii_alphanumeric() || b"/_-%".contains(next)),
        [] => true,
    }
}

/// Whether the digit groups of `run` are a phone number's: 10 to 15 digits;
/// two groups or more, or led by `+`; groups of at most five digits but
/// the last (`030 12345678`), which is at most four after dots; and not
/// four dotted groups of up to three digits (an IP address).
fn phone_like(run: &str) -> bool {
    let groups: Vec<usize> = run
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .map(str::len)
        .collect();
    let total: usize = groups.iter().sum();
    let dotted = run.contains('.');
    let Some((&last, rest)) = groups.split_last() else {
        return false;
    };
    let grouped = !rest.is_empty() || run.starts_with('+');
    let last_max = match (dotted, rest.is_empty()) {
        (true, _) => 4,
        (false, true) => 15,
        (false, false) => 8,
    };
    let ip = dotted && groups.len() == 4 && groups.iter().all(|&g| g <= 3);
    (10..=15).contains(&total) && grouped && rest.iter().all(|&g| g <= 5) && last <= last_max && !ip
}

/// The end of the number starting at `start`: digits with at most two
/// separators in a row, ending on a digit.
fn run_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    let mut gap = 0;
    for (j, &b) in bytes.iter().enumerate().skip(start) {
        if b.is_ascii_digit() {
            end = j + 1;
            gap = 0;
        } else if matches!(b, b' ' | b'-' | b'.' | b'(' | b')' | b'+') && gap < 2 {
            gap += 1;
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_phone_numbers_not_dates() {
        let text = "Call (212) 555-0199 or +1 212 555 0100, not on 2026-09-15 or 1234567890.";
        let found: Vec<&str> = numbers(text).into_iter().map(|(r, _)| &text[r]).collect();
        assert_eq!(found, ["(212) 555-0199", "+1 212 555 0100"]);
    }

    #[test]
    fn dois_image_dates_ip_addresses_and_decimals_are_not_phones() {
        let text = "See 10.1037/0022-3514.84.2.377 and ![x](/images/2019-09-27-123456789.jpg), \
                    192.168.100.200, | 1234567.89 | 3.14159265358 | `212 555 0199` \
                    [call](tel:+12125550199) https://x.example/212-555-0199/ \
                    but 212.555.0199 and 030 12345678 are.";
        let found: Vec<&str> = numbers(text).into_iter().map(|(r, _)| &text[r]).collect();
        assert_eq!(found, ["212.555.0199", "030 12345678"]);
    }

    #[test]
    fn country_codes_and_trunk_zeros() {
        assert!(same("12125550100", "2125550100"));
        assert!(same("442079460958", "02079460958"));
        assert!(!same("12125550100", "2125550199"));
    }
}
