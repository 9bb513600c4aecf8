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
/// dots or brackets, or led by `+`. Dates (8 digits) and plain long
/// numbers without separators are not phone numbers.
fn numbers(text: &str) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts = (bytes[i] == b'+' || bytes[i] == b'(' || bytes[i].is_ascii_digit())
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let end = run_end(bytes, i);
        let run = &text[i..end];
        let n = digits(run);
        let grouped = run.starts_with('+') || run.contains([' ', '-', '.', '(']);
        if (10..=15).contains(&n.len()) && grouped {
            found.push((i..end, n));
        }
        i = end.max(i + 1);
    }
    found
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
    fn country_codes_and_trunk_zeros() {
        assert!(same("12125550100", "2125550100"));
        assert!(same("442079460958", "02079460958"));
        assert!(!same("12125550100", "2125550199"));
    }
}
