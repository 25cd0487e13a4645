//! Redaction of contact details in vendor messages.

/// The longest vendor message kept in an error, in characters.
pub const MAX_VENDOR_MESSAGE_CHARS: usize = 200;

const REDACTED: &str = "[redacted]";

/// Characters that may separate the digit groups of a phone number.
const PHONE_SEPARATORS: [char; 6] = [' ', '-', '.', '/', '(', ')'];

/// The default sanitizer for vendor messages: replaces every whitespace-separated token that
/// contains `@` (an e-mail address) and every run of 7 or more digits (a phone number; the digit
/// groups may be separated by up to two of ` -./()`, with an optional leading `+`) with
/// `[redacted]`. Runs made only of dates (`2026-10-01`, `01.10.2026`, `01/10/2026`) are kept.
///
/// It is a simple character scan, not a PII detector: it errs towards redacting (a long
/// number such as `12345.67` goes too) and does not find names or free text.
pub fn redact_contact_details(text: &str) -> String {
    redact_digit_runs(&redact_email_tokens(text))
}

/// `text` cut to at most `max` characters; a cut text ends with `…` (within the `max`).
pub fn truncate_chars(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn redact_email_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        if token.contains('@') {
            out.push_str(REDACTED);
        } else {
            out.push_str(token);
        }
        token.clear();
    };
    for ch in text.chars() {
        if ch.is_whitespace() {
            flush(&mut token, &mut out);
            out.push(ch);
        } else {
            token.push(ch);
        }
    }
    flush(&mut token, &mut out);
    out
}

fn redact_digit_runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts_run = chars[i].is_ascii_digit()
            || (matches!(chars[i], '+' | '(')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        if !starts_run {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        let mut j = if chars[i].is_ascii_digit() { i } else { i + 1 };
        let mut end = j;
        let mut digits = 0usize;
        while j < chars.len() {
            if chars[j].is_ascii_digit() {
                digits += 1;
                j += 1;
                end = j;
                continue;
            }
            // Up to two separators between digit groups, e.g. ") " in "(030) 1234567".
            let mut k = j;
            while k < chars.len() && k - j < 2 && PHONE_SEPARATORS.contains(&chars[k]) {
                k += 1;
            }
            if k > j && chars.get(k).is_some_and(char::is_ascii_digit) {
                j = k;
            } else {
                break;
            }
        }
        let run: String = chars[start..end].iter().collect();
        if digits >= 7 && !only_dates(&run) {
            out.push_str(REDACTED);
        } else {
            out.push_str(&run);
        }
        i = end;
    }
    out
}

fn only_dates(run: &str) -> bool {
    run.split(' ').all(is_date)
}

fn is_date(part: &str) -> bool {
    let b = part.as_bytes();
    let digits = |range: std::ops::Range<usize>| b[range].iter().all(u8::is_ascii_digit);
    if b.len() != 10 {
        return false;
    }
    // 2026-10-01, 2026/10/01
    let iso = matches!((b[4], b[7]), (b'-', b'-') | (b'/', b'/'))
        && digits(0..4)
        && digits(5..7)
        && digits(8..10);
    // 01.10.2026, 01/10/2026, 01-10-2026
    let dmy = matches!((b[2], b[5]), (b'.', b'.') | (b'/', b'/') | (b'-', b'-'))
        && digits(0..2)
        && digits(3..5)
        && digits(6..10);
    iso || dmy
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e_mail_tokens_are_redacted() {
        assert_eq!(
            redact_contact_details("Guest 'jane.doe@example.com' already exists."),
            "Guest [redacted] already exists."
        );
        assert_eq!(redact_contact_details("a@b"), "[redacted]");
    }

    #[test]
    fn phone_numbers_are_redacted() {
        for (input, expected) in [
            ("call 01701234567 now", "call [redacted] now"),
            ("phone +49 170 1234567.", "phone [redacted]."),
            ("phone +1 (555) 123-4567", "phone [redacted]"),
            ("tel 030/1234 567", "tel [redacted]"),
            ("phone 555.123.4567", "phone [redacted]"),
        ] {
            assert_eq!(redact_contact_details(input), expected, "{input}");
        }
    }

    #[test]
    fn short_numbers_dates_and_ids_are_kept() {
        for input in [
            "Reservations[0].Adults: must be between 1 and 12.",
            "Departure 2026-10-03 must be after arrival 2026-10-01.",
            "Arrival 01.10.2026 is in the past",
            "Time slice 2026-10-01T17:00:00+02:00 is invalid",
            "Amount 1234.56 EUR exceeds the limit",
            "Reservation ABCDEFGH-1 not found",
        ] {
            assert_eq!(redact_contact_details(input), input);
        }
    }

    #[test]
    fn seven_digit_amounts_are_redacted_too() {
        assert_eq!(
            redact_contact_details("Amount 12345.67"),
            "Amount [redacted]"
        );
    }

    #[test]
    fn truncation_counts_characters() {
        assert_eq!(truncate_chars("abc", 3), "abc");
        assert_eq!(truncate_chars("abcd", 3), "ab…");
        let long = "ä".repeat(300);
        let cut = truncate_chars(&long, MAX_VENDOR_MESSAGE_CHARS);
        assert_eq!(cut.chars().count(), MAX_VENDOR_MESSAGE_CHARS);
        assert!(cut.ends_with('…'));
    }
}
