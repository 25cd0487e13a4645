//! Machine-readable zones of travel documents (ICAO Doc 9303): TD3 passports (2 lines × 44
//! characters), TD2 cards and MRV visas (2 × 36), TD1 ID cards (3 × 30), characters `A`–`Z`,
//! `0`–`9` and `<`. Lines may be separated by line breaks, by spaces, by an escaped `\n` in a log
//! field, or run together. A data line counts only when its check digits (7-3-1) hold: the
//! document number's (when present), the birth date's, the expiry date's, the optional data's
//! (TD3) and the composite one; the dates must be real months and days. The whole zone — names,
//! document number, nationality, birth date — is one finding: `PASSPORT` for a `P` document,
//! `NATIONAL_ID` otherwise. A name line on its own (`P<UTOERIKSSON<<ANNA<MARIA<<<…`, exactly 44
//! or 36 characters with a document code, or 30 with a `<<` between names) is reported with a
//! lower score.

use std::sync::LazyLock;

use regex::Regex;

use crate::checks::icao_check_digit;
use crate::{EntityType, Finding};

/// Runs of MRZ characters long enough to be a line.
static RUN: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"[A-Z0-9<]{30,}").ok());

/// What may stand between two lines of one zone: white space, an escaped line break (`\n`,
/// `\r\n` in a JSON string), a `|` or `,` of a log field.
fn is_separator(s: &str) -> bool {
    let s = s.replace("\\r", "").replace("\\n", "");
    s.len() <= 4 && s.chars().all(|c| c.is_whitespace() || c == '|')
}

/// One line of a candidate zone: byte span in the text and its characters.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    start: usize,
    end: usize,
    b: &'a [u8],
}

pub(crate) fn find(text: &str, out: &mut Vec<Finding>) {
    if !text.contains('<') {
        return;
    }
    let Some(re) = RUN.as_ref() else { return };
    let mut block: Vec<Line<'_>> = Vec::new();
    let mut last_end = 0;
    for m in re.find_iter(text) {
        if !block.is_empty() && !is_separator(&text[last_end..m.start()]) {
            zone(&block, out);
            block.clear();
        }
        last_end = m.end();
        split_lines(m.start(), m.as_str().as_bytes(), &mut block);
    }
    zone(&block, out);
}

/// Splits a run into lines: one line of 30, 36 or 44 characters, or lines run together
/// (60 and 90 = TD1, 72 = TD2, 88 = TD3). Runs of other lengths are not a zone's lines.
fn split_lines<'a>(start: usize, b: &'a [u8], lines: &mut Vec<Line<'a>>) {
    let width = match b.len() {
        30 | 60 | 90 => 30,
        36 | 72 => 36,
        44 | 88 => 44,
        _ => {
            // Not a line: it ends the block (a marker line that never validates).
            lines.push(Line {
                start,
                end: start + b.len(),
                b: &[],
            });
            return;
        }
    };
    for (k, chunk) in b.chunks(width).enumerate() {
        let s = start + k * width;
        lines.push(Line {
            start: s,
            end: s + chunk.len(),
            b: chunk,
        });
    }
}

fn is_alpha_or_filler(b: &[u8]) -> bool {
    b.iter().all(|c| c.is_ascii_uppercase() || *c == b'<')
}

/// `Some(true)` when `b[check]` is the check digit of `b[range]`, `Some(false)` when it is a
/// wrong digit, `None` when the position holds a filler `<` (no check digit).
fn check(data: &[u8], digit: u8) -> Option<bool> {
    if digit == b'<' {
        return None;
    }
    Some(digit.is_ascii_digit() && icao_check_digit(data) == Some(digit - b'0'))
}

/// A `YYMMDD` date with a real month and day, followed by its check digit.
fn date_ok(b: &[u8]) -> bool {
    if b.len() != 7 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let month = (b[2] - b'0') * 10 + (b[3] - b'0');
    let day = (b[4] - b'0') * 10 + (b[5] - b'0');
    (1..=12).contains(&month) && (1..=31).contains(&day) && check(&b[..6], b[6]) == Some(true)
}

fn sex_ok(c: u8) -> bool {
    matches!(c, b'M' | b'F' | b'X' | b'<')
}

/// Line 2 of a TD3 (44) or TD2 (36) document: number, check, nationality, birth date, check,
/// sex, expiry, check, optional data, (TD3: its check,) composite check. `visa`: MRV documents
/// have no composite check digit.
fn data_line_ok(b: &[u8], visa: bool) -> bool {
    let n = b.len();
    if !(n == 44 || n == 36)
        || !is_alpha_or_filler(&b[10..13])
        || !date_ok(&b[13..20])
        || !sex_ok(b[20])
        || !date_ok(&b[21..28])
        || check(&b[..9], b[9]) == Some(false)
    {
        return false;
    }
    if visa {
        return true;
    }
    if n == 44 && check(&b[28..42], b[42]) == Some(false) {
        return false;
    }
    let composite: Vec<u8> = [&b[..10], &b[13..20], &b[21..n - 1]].concat();
    check(&composite, b[n - 1]) == Some(true)
}

/// Line 1 of a TD3/TD2 document: document code, issuing state, names.
fn name_line_ok(b: &[u8]) -> bool {
    (b.len() == 44 || b.len() == 36)
        && matches!(b[0], b'P' | b'I' | b'A' | b'C' | b'V')
        && is_alpha_or_filler(b)
        && b[5..].iter().any(u8::is_ascii_uppercase)
        && b[5..].windows(2).any(|w| w == b"<<")
}

/// Line 1 and 2 of a TD1 card, with the composite check digit over both.
fn td1_ok(l1: &[u8], l2: &[u8]) -> bool {
    if l1.len() != 30 || l2.len() != 30 {
        return false;
    }
    matches!(l1[0], b'I' | b'A' | b'C')
        && is_alpha_or_filler(&l1[..5])
        && check(&l1[5..14], l1[14]) != Some(false)
        && date_ok(&l2[..7])
        && sex_ok(l2[7])
        && date_ok(&l2[8..15])
        && is_alpha_or_filler(&l2[15..18])
        && {
            let composite: Vec<u8> = [&l1[5..30], &l2[..7], &l2[8..15], &l2[18..29]].concat();
            check(&composite, l2[29]) == Some(true)
        }
}

/// Line 2 of a TD1 card on its own: birth date, sex, expiry, nationality (no composite without
/// line 1).
fn td1_data_alone_ok(b: &[u8]) -> bool {
    b.len() == 30
        && date_ok(&b[..7])
        && sex_ok(b[7])
        && date_ok(&b[8..15])
        && b[15..18].iter().all(u8::is_ascii_uppercase)
}

/// A TD1 name line: surname, `<<`, given names, filler.
fn td1_name_ok(b: &[u8]) -> bool {
    b.len() == 30
        && is_alpha_or_filler(b)
        && b[0].is_ascii_uppercase()
        && b.windows(3)
            .any(|w| w[0].is_ascii_uppercase() && &w[1..] == b"<<")
}

/// `SURNAME<<GIVEN<NAMES<<<<`: name words joined by single `<`, one `<<` between surname and
/// given names, filler at the end (a name line without its data line must look like this).
fn names_shaped(b: &[u8]) -> bool {
    let body_len = b.len() - b.iter().rev().take_while(|c| **c == b'<').count();
    if body_len == b.len() || body_len == 0 {
        return false;
    }
    let body = &b[..body_len];
    let Some(split) = body.windows(2).position(|w| w == b"<<") else {
        return false;
    };
    let (surname, given) = (&body[..split], &body[split + 2..]);
    let words_ok = |part: &[u8]| {
        !part.is_empty()
            && part
                .split(|c| *c == b'<')
                .all(|w| !w.is_empty() && w.iter().all(u8::is_ascii_uppercase))
    };
    words_ok(surname) && words_ok(given)
}

fn entity_of(code: u8) -> EntityType {
    if code == b'P' {
        EntityType::Passport
    } else {
        EntityType::NationalId
    }
}

/// Reports the zones in a block of consecutive lines.
fn zone(lines: &[Line<'_>], out: &mut Vec<Finding>) {
    let mut used = vec![false; lines.len()];
    let push = |out: &mut Vec<Finding>, from: usize, to: usize, e: EntityType, score: f32| {
        out.push(Finding::new(lines[from].start, lines[to].end, e, score));
    };
    // TD1: three lines of 30 (the name line optional).
    for i in 0..lines.len().saturating_sub(1) {
        if !used[i] && td1_ok(lines[i].b, lines[i + 1].b) {
            let last = if lines.get(i + 2).is_some_and(|l| td1_name_ok(l.b)) {
                i + 2
            } else {
                i + 1
            };
            used[i..=last].iter_mut().for_each(|u| *u = true);
            push(out, i, last, entity_of(lines[i].b[0]), 1.0);
        }
    }
    // TD3 / TD2: a data line, with the name line before it.
    for i in 0..lines.len() {
        if used[i] {
            continue;
        }
        let b = lines[i].b;
        let name = i
            .checked_sub(1)
            .filter(|&p| !used[p] && lines[p].b.len() == b.len() && name_line_ok(lines[p].b));
        let visa = name.is_some_and(|p| lines[p].b[0] == b'V');
        if (b.len() == 44 || b.len() == 36) && data_line_ok(b, visa) {
            let (from, e) = match name {
                Some(p) => (p, entity_of(lines[p].b[0])),
                None if b.len() == 44 => (i, EntityType::Passport),
                None => (i, EntityType::NationalId),
            };
            used[from..=i].iter_mut().for_each(|u| *u = true);
            push(out, from, i, e, 1.0);
        }
    }
    // Single lines: a TD1 data line, a name line.
    for i in 0..lines.len() {
        if used[i] {
            continue;
        }
        let b = lines[i].b;
        if td1_data_alone_ok(b) {
            used[i] = true;
            push(out, i, i, EntityType::NationalId, 0.9);
        } else if name_line_ok(b) && names_shaped(&b[5..]) {
            used[i] = true;
            push(out, i, i, entity_of(b[0]), 0.75);
        } else if td1_name_ok(b) && names_shaped(b) {
            used[i] = true;
            push(out, i, i, EntityType::NationalId, 0.6);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_of_the_icao_specimens() {
        assert!(data_line_ok(
            b"L898902C36UTO7408122F1204159ZE184226B<<<<<10",
            false
        ));
        assert!(!data_line_ok(
            b"L898902C36UTO7408122F1204159ZE184226B<<<<<11",
            false
        ));
        assert!(data_line_ok(b"D231458907UTO7408122F1204159<<<<<<<6", false));
        assert!(td1_ok(
            b"I<UTOD231458907<<<<<<<<<<<<<<<",
            b"7408122F1204159UTO<<<<<<<<<<<6"
        ));
        assert!(!date_ok(b"7413122"), "month 13");
    }
}
