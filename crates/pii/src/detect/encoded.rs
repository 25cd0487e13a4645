//! Phone numbers and IBANs percent-encoded in URLs and query strings: `%2B49%2030%201234567`,
//! `%2B4930123456`, `%2b49+30+1234567` (`+` is a space in a query string),
//! `DE89%203704%200044%200532%200130%2000`. The encoded run is decoded (`%20`, `%2B`, `%2D`,
//! `%2F`, `%28`, `%29`, `%2E`, `+`), the phone and IBAN recognizers run on it with the text
//! before it as their context, and what they find is mapped back to the encoded bytes.
//! (Percent-encoded e-mail addresses are found by the e-mail recognizer.)

use std::sync::LazyLock;

use regex::Regex;

use super::util::{ceil_boundary, floor_boundary};
use crate::Finding;

/// A run of URL characters with at least one percent escape.
static RUN: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?:%[0-9A-Fa-f]{2}|[A-Za-z0-9+\-.()])+").ok());

fn decode_escape(hex: &[u8]) -> Option<char> {
    match [hex[0], hex[1].to_ascii_uppercase()] {
        [b'2', b'0'] => Some(' '),
        [b'2', b'B'] => Some('+'),
        [b'2', b'D'] => Some('-'),
        [b'2', b'F'] => Some('/'),
        [b'2', b'8'] => Some('('),
        [b'2', b'9'] => Some(')'),
        [b'2', b'E'] => Some('.'),
        _ => None,
    }
}

/// Runs the phone (`phone`) and IBAN (`iban`) recognizers on the decoded runs of `text`.
pub(crate) fn find(text: &str, out: &mut Vec<Finding>, phone: bool, iban: bool) {
    if !(phone || iban) || !text.contains('%') {
        return;
    }
    let Some(re) = RUN.as_ref() else { return };
    for m in re.find_iter(text) {
        let run = m.as_str().as_bytes();
        if !run.contains(&b'%') || run.iter().filter(|b| b.is_ascii_digit()).count() < 7 {
            continue;
        }
        // The decoded text: up to 48 bytes of context before, the decoded run, one char after.
        let ctx_start = floor_boundary(text, m.start().saturating_sub(48));
        let mut decoded = String::with_capacity(m.end() - ctx_start + 8);
        decoded.push_str(&text[ctx_start..m.start()]);
        let run_from = decoded.len();
        // For each decoded byte of the run: the byte span it came from.
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(run.len());
        let mut i = 0;
        let mut escapes = 0;
        while i < run.len() {
            let at = m.start() + i;
            let (c, len) = match run[i] {
                b'%' => match run.get(i + 1..i + 3).and_then(decode_escape) {
                    Some(c) => {
                        escapes += 1;
                        (c, 3)
                    }
                    None => ('%', 1),
                },
                b'+' if i > 0 => (' ', 1),
                b => (char::from(b), 1),
            };
            decoded.push(c);
            spans.push((at, at + len));
            i += len;
        }
        if escapes == 0 {
            continue;
        }
        let run_to = decoded.len();
        let after = ceil_boundary(text, (m.end() + 1).min(text.len()));
        decoded.push_str(&text[m.end()..after]);
        let mut found = Vec::new();
        if phone {
            super::phone::find(&decoded, &mut found);
        }
        if iban {
            super::iban::find(&decoded, &mut found);
        }
        for f in found {
            if f.start < run_from || f.end > run_to || f.start >= f.end {
                continue;
            }
            let (s, _) = spans[f.start - run_from];
            let (_, e) = spans[f.end - 1 - run_from];
            out.push(Finding::new(s, e, f.entity, f.score));
        }
    }
}

/// `s` percent-decoded as a URL query value: every `%XX` escape is its byte (UTF-8 sequences
/// like `%C3%A9` become their character) and, when `plus_is_space`, `+` is a space. Invalid
/// UTF-8 becomes U+FFFD. Values encoded twice (`%2540`) are decoded twice.
pub(crate) fn percent_decode(s: &str, plus_is_space: bool) -> String {
    let mut cur = decode_once(s.as_bytes(), plus_is_space);
    // A value of a URL nested in another URL's parameter is encoded once more.
    if cur.contains('%') {
        let again = decode_once(cur.as_bytes(), false);
        if again != cur {
            cur = again;
        }
    }
    cur
}

fn decode_once(b: &[u8], plus_is_space: bool) -> String {
    let mut bytes = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = |at: usize| b.get(at).and_then(|&c| char::from(c).to_digit(16));
                if let Some((h, l)) = hex(i + 1).zip(hex(i + 2))
                    && let Ok(byte) = u8::try_from(h * 16 + l)
                {
                    bytes.push(byte);
                    i += 3;
                    continue;
                }
                bytes.push(b'%');
            }
            b'+' if plus_is_space => bytes.push(b' '),
            c => bytes.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn decodes_utf8_escapes_and_plus() {
        assert_eq!(
            percent_decode("Am%C3%A9lie+Traor%C3%A9", true),
            "Amélie Traoré"
        );
        assert_eq!(percent_decode("a%40b.com", true), "a@b.com");
        assert_eq!(percent_decode("Anna%2520Schmidt", true), "Anna Schmidt");
        assert_eq!(percent_decode("100%", true), "100%");
        assert_eq!(percent_decode("%2B49+30", false), "+49+30");
    }
}
