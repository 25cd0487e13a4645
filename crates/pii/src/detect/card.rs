//! Payment card numbers: 13-19 digits, optionally grouped by single spaces or dashes, with a
//! known IIN range for their length and a valid Luhn digit.

use std::sync::LazyLock;

use regex::Regex;

use super::util::{char_at, char_before};
use crate::checks;
use crate::{EntityType, Finding};

static CANDIDATE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"[0-9](?:[ \-\u{a0}]?[0-9]){12,22}").ok());

pub(crate) fn find(text: &str, out: &mut Vec<Finding>) {
    let Some(re) = CANDIDATE.as_ref() else { return };
    for m in re.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        if char_before(text, start).is_some_and(|c| c.is_alphanumeric() || c == '.' || c == ',') {
            continue;
        }
        // Positions just after each digit, so that prefixes can be tried at group boundaries
        // ("4111 1111 1111 1111 12/27" → the first 16 digits).
        let raw = &text[start..end];
        let mut ends: Vec<(usize, usize)> = Vec::new(); // (digit count, byte end) at group ends
        let mut count = 0;
        let bytes = raw.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b.is_ascii_digit() {
                count += 1;
                let next = bytes.get(i + 1);
                if next.is_none_or(|n| !n.is_ascii_digit()) {
                    ends.push((count, start + i + 1));
                }
            }
        }
        let digits = checks::digits(raw);
        for &(n, e) in ends.iter().rev() {
            if !(13..=19).contains(&n) {
                continue;
            }
            if char_at(text, e).is_some_and(char::is_alphanumeric) {
                continue;
            }
            if checks::is_card(&digits[..n]) {
                out.push(Finding::new(start, e, EntityType::CreditCard, 1.0));
                break;
            }
        }
    }
}
