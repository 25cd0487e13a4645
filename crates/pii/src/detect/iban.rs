//! IBANs of SEPA countries: country code, check digits, BBAN; grouped by spaces (one to three,
//! tabs, no-break spaces), dashes or dots, or not grouped; length per country and mod-97.

use std::sync::LazyLock;

use regex::Regex;

use super::util::{char_at, char_before};
use crate::checks;
use crate::{EntityType, Finding};

static CANDIDATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z]{2}[0-9]{2}(?:(?:[ \t\u{a0}]{1,3}|[ \t]?[\-.][ \t]?)?[A-Za-z0-9]){10,32}")
        .ok()
});

pub(crate) fn find(text: &str, out: &mut Vec<Finding>) {
    let Some(re) = CANDIDATE.as_ref() else { return };
    let mut pos = 0;
    while pos < text.len() {
        let Some(m) = re.find_at(text, pos) else {
            break;
        };
        let start = m.start();
        pos = m.end();
        if char_before(text, start).is_some_and(char::is_alphanumeric) {
            // Retry one char later: "IBAN:DE89…" is fine, "XDE89…" is not an IBAN start.
            pos = start + 1;
            while pos < text.len() && !text.is_char_boundary(pos) {
                pos += 1;
            }
            continue;
        }
        let raw = m.as_str().as_bytes();
        let country = [raw[0].to_ascii_uppercase(), raw[1].to_ascii_uppercase()];
        // Lower-case IBANs are accepted only when the whole code is lower case.
        let Some(len) = checks::sepa_iban_len(&country) else {
            continue;
        };
        let mut compact = Vec::with_capacity(len);
        let mut end = start;
        for (i, &b) in raw.iter().enumerate() {
            if b.is_ascii_alphanumeric() {
                compact.push(b.to_ascii_uppercase());
                if compact.len() == len {
                    end = start + i + 1;
                    break;
                }
            }
        }
        if compact.len() != len || char_at(text, end).is_some_and(char::is_alphanumeric) {
            continue;
        }
        if checks::iban_mod97(&compact) {
            out.push(Finding::new(start, end, EntityType::Iban, 1.0));
            pos = end;
        }
    }
}
