//! Written phone numbers: international (`+49 30 1234567`, `0049 …`, `(+33) 6 12 34 56 78`) and
//! national formats of EU/EEA countries, the UK and Switzerland, with spaces, dots, dashes,
//! slashes and brackets.

use std::sync::LazyLock;

use regex::Regex;

use super::util::{alnum_bounded, char_at, char_before, window_before};
use crate::{EntityType, Finding};

static CANDIDATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let sp = r"[ \t\u{a0}]";
    Regex::new(&format!(
        r"(?:\(\+[0-9]{{1,3}}\){sp}?|\+{sp}?)?(?:\([0-9]{{1,5}}\){sp}?)?[0-9](?:(?:{sp}{{0,2}}[.\-/]{sp}{{0,2}}|{sp}{{1,3}}|{sp}{{0,2}}\(0\){sp}{{0,2}}|{sp}?\([0-9]{{1,5}}\){sp}?)?[0-9]){{5,17}}"
    ))
    .ok()
});

static DATE_LIKE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^(?:[0-9]{4}[./\-][0-9]{1,2}[./\-][0-9]{1,2}|[0-9]{1,2}[./\-][0-9]{1,2}[./\-][0-9]{2,4})(?:$|[ \t])")
        .ok()
});

/// Country calling codes of the EU/EEA, the UK, Switzerland and small European states, with the
/// national significant number's length range and whether a national trunk `0` exists.
const COUNTRIES: &[(&str, usize, usize, bool)] = &[
    ("30", 10, 10, false),
    ("31", 9, 9, true),
    ("32", 8, 9, true),
    ("33", 9, 9, true),
    ("34", 9, 9, false),
    ("350", 8, 8, false),
    ("351", 9, 9, false),
    ("352", 4, 11, false),
    ("353", 7, 9, true),
    ("354", 7, 9, false),
    ("356", 8, 8, false),
    ("357", 8, 8, false),
    ("358", 5, 12, true),
    ("359", 7, 9, true),
    ("36", 8, 9, true),
    ("370", 8, 8, true),
    ("371", 8, 8, false),
    ("372", 7, 8, false),
    ("376", 6, 9, false),
    ("377", 8, 9, false),
    ("378", 6, 10, false),
    ("385", 8, 9, true),
    ("386", 8, 8, true),
    ("39", 6, 11, false),
    ("40", 9, 9, true),
    ("41", 9, 9, true),
    ("420", 9, 9, false),
    ("421", 9, 9, true),
    ("423", 7, 9, false),
    ("43", 4, 13, true),
    ("44", 9, 10, true),
    ("45", 8, 8, false),
    ("46", 7, 9, true),
    ("47", 8, 8, false),
    ("48", 9, 9, false),
    ("49", 6, 13, true),
    ("298", 6, 6, false),
    ("299", 6, 6, false),
];

/// Words that make a nearby number a phone number.
pub(crate) const PHONE_CONTEXT: &[&str] = &[
    "phone",
    "tel",
    "tél",
    "call",
    "mobile",
    "cell",
    "reach",
    "contact",
    "whatsapp",
    "sms",
    "fax",
    "handy",
    "mobil",
    "ruf",
    "erreich",
    "portable",
    "joindre",
    "appel",
    "cellulare",
    "chiam",
    "móvil",
    "movil",
    "llam",
    "contatto",
    "contacto",
];

/// Words that make a nearby number a phone number unless a word for something else is nearer.
pub(crate) const GENERIC_NUMBER_CONTEXT: &[&str] =
    &["number", "nummer", "numéro", "numero", "número"];

/// Word beginnings that make a nearby number something else (a booking, a room, an amount, an
/// ID); they match at the start of a word ("Bestätigungsnummer", "habitación").
pub(crate) const NOT_PHONE_STEMS: &[&str] = &[
    "booking",
    "reserv",
    "confirm",
    "invoice",
    "zimmer",
    "buchung",
    "rechnung",
    "bestätigung",
    "prenotazion",
    "fattur",
    "factur",
    "habitaci",
    "localizador",
    "référence",
    "referenz",
    "reference",
    "konto",
    "karte",
    "passport",
    "passeport",
    "passaport",
    "pasaport",
    "ausweis",
    "steuer",
    "identit",
    "document",
    "fiscal",
    "codice",
    "insurance",
    "licen",
    "ticket",
    "flight",
    "flug",
    "serial",
    "conferma",
    "bankverbindung",
];

/// Whole words that make a nearby number something else.
pub(crate) const NOT_PHONE_WORDS: &[&str] = &[
    "order", "room", "rooms", "chambre", "camera", "card", "carte", "carta", "tarjeta", "iban",
    "account", "pass", "bsn", "dni", "nie", "nif", "tax", "id", "code", "price", "preis", "prix",
    "prezzo", "precio", "total", "amount", "€", "eur", "ref", "nino", "version", "vol", "volo",
    "vuelo", "plz", "zip", "postcode", "cap", "cp", "nr", "no",
];

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    Phone,
    NotPhone,
    None,
}

/// Needles grouped by their first byte (256 lists), so that a word start tries only the needles
/// that can match there.
type ByFirst = Vec<Vec<&'static str>>;

fn by_first(needles: &[&'static str]) -> ByFirst {
    let mut lists = vec![Vec::new(); 256];
    for n in needles {
        if let Some(list) = n
            .as_bytes()
            .first()
            .and_then(|&b| lists.get_mut(usize::from(b)))
        {
            list.push(*n);
        }
    }
    lists
}

static PHONE_CONTEXT_BY_FIRST: LazyLock<ByFirst> = LazyLock::new(|| by_first(PHONE_CONTEXT));
static GENERIC_BY_FIRST: LazyLock<ByFirst> = LazyLock::new(|| by_first(GENERIC_NUMBER_CONTEXT));
static NOT_STEMS_BY_FIRST: LazyLock<ByFirst> = LazyLock::new(|| by_first(NOT_PHONE_STEMS));
static NOT_WORDS_BY_FIRST: LazyLock<ByFirst> = LazyLock::new(|| by_first(NOT_PHONE_WORDS));

/// For each of `lists` (needles grouped by [`by_first`], and whether a match must end a word):
/// the end of the last occurrence of any of its needles in `hay` that starts a word. One pass
/// over the words serves all lists.
fn last_ends<const N: usize>(
    hay: &str,
    lists: [(&[Vec<&'static str>], bool); N],
) -> [Option<usize>; N] {
    // The window is short: try every needle at every word start (no searcher to build).
    let mut best = [None; N];
    let mut prev_alnum = false;
    for (i, c) in hay.char_indices() {
        let word_start = !prev_alnum;
        prev_alnum = c.is_alphanumeric();
        if !word_start {
            continue;
        }
        let rest = &hay[i..];
        let Some(&first) = rest.as_bytes().first() else {
            break;
        };
        for (best, (needles, whole)) in best.iter_mut().zip(lists) {
            for n in needles.get(usize::from(first)).into_iter().flatten() {
                if rest.starts_with(n)
                    && (!whole
                        || !rest[n.len()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric))
                {
                    let end = i + n.len();
                    if best.is_none_or(|b| end > b) {
                        *best = Some(end);
                    }
                }
            }
        }
    }
    best
}

/// What the ~48 bytes before `start` say about a number there: a word for something else (a
/// booking, a room, a price, a document) within 32 bytes wins unless a phone word is nearer;
/// generic words ("number", "Nummer") count only when nothing else is near.
pub(crate) fn context(text: &str, start: usize) -> Context {
    let w = window_before(text, start, 48);
    let [strong, generic, not_stem, not_word] = last_ends(
        &w,
        [
            (&PHONE_CONTEXT_BY_FIRST, false),
            (&GENERIC_BY_FIRST, false),
            (&NOT_STEMS_BY_FIRST, false),
            (&NOT_WORDS_BY_FIRST, true),
        ],
    );
    let not = not_stem.max(not_word);
    if let Some(n) = not
        && w.len() - n <= 32
        && strong.is_none_or(|s| n > s)
    {
        return Context::NotPhone;
    }
    if strong.is_some() || generic.is_some() {
        Context::Phone
    } else {
        Context::None
    }
}

/// Digit groups of the candidate (runs of digits), ignoring a `(0)`.
fn groups(s: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut n = 0;
    for c in s.chars() {
        if c.is_ascii_digit() {
            n += 1;
        } else if n > 0 {
            out.push(n);
            n = 0;
        }
    }
    if n > 0 {
        out.push(n);
    }
    out
}

/// Scores an international number `digits` (after `+` or `00`).
fn international(digits: &str) -> Option<f32> {
    for &(cc, min, max, trunk) in COUNTRIES {
        if let Some(nsn) = digits.strip_prefix(cc) {
            // `+49 030 …` (a national trunk 0 kept by mistake) is still that number.
            let nsn = match nsn.strip_prefix('0') {
                Some(rest) if trunk => rest,
                _ => nsn,
            };
            let ok_start = !nsn.starts_with('0') || cc == "39";
            return ((min..=max).contains(&nsn.len()) && ok_start).then_some(0.95);
        }
    }
    let len = digits.len();
    if (8..=15).contains(&len) && !digits.starts_with('0') {
        return Some(0.7);
    }
    None
}

pub(crate) fn find(text: &str, out: &mut Vec<Finding>) {
    let Some(re) = CANDIDATE.as_ref() else { return };
    for m in re.find_iter(text) {
        let (start, mut end) = (m.start(), m.end());
        let raw = &text[start..end];
        // A trailing bracket group is never the end of a number.
        if raw.ends_with(')') {
            continue;
        }
        // Boundaries: not part of a word, a decimal number, a dotted version or a range.
        if !alnum_bounded(text, start, end) {
            continue;
        }
        // A CSV field: `x,+4930123456,`, `17,030123456,` (a leading `+`, or a trunk `0` and
        // nine or more digits, is not the tail of a decimal number).
        let csv_field = raw.starts_with('+')
            || (raw.starts_with('0')
                && !raw.starts_with("0.")
                && !raw.starts_with("0,")
                && raw.bytes().filter(u8::is_ascii_digit).count() >= 9);
        // Part of a longer token: `v1.2`, `ab-1234…`, `#123`, a decimal, a UUID group.
        if let Some(c) = char_before(text, start) {
            let p = char_before(text, start - c.len_utf8());
            let glued = match c {
                ',' | ';' if csv_field => false,
                '.' | ',' | '/' | '-' | '_' => p.is_some_and(char::is_alphanumeric),
                ':' | '=' => p.is_some_and(|p| p.is_ascii_digit()),
                '#' => true,
                _ => false,
            };
            if glued {
                continue;
            }
        }
        if let Some(c) = char_at(text, end)
            && !(c == ',' && csv_field)
            && matches!(c, '.' | ',' | '-' | '/' | ':' | '_')
            && char_at(text, end + c.len_utf8()).is_some_and(|n| {
                n.is_ascii_digit() || (c != '.' && c != ',' && n.is_alphanumeric())
            })
        {
            continue;
        }
        if DATE_LIKE.as_ref().is_some_and(|d| d.is_match(raw)) {
            continue;
        }
        // An amount: `12345.67`, `1234567,50`.
        if let Some(i) = raw.rfind(['.', ','])
            && raw.len() - i <= 3
            && raw.matches(['.', ',', ' ', '-', '/']).count() == 1
        {
            continue;
        }
        let has_plus = raw.starts_with('+') || raw.starts_with("(+");
        let mut digits: String = raw
            .replace("(0)", "")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let grp = groups(raw);
        let grouped = grp.len() > 1;
        let score = if has_plus {
            international(&digits)
        } else if let Some(rest) = digits.strip_prefix("00") {
            digits = rest.to_owned();
            if context(text, start) == Context::NotPhone {
                continue;
            }
            international(&digits).map(|s| s - 0.05)
        } else {
            national(text, start, &digits, &grp, grouped)
        };
        let Some(score) = score else { continue };
        // Drop a trailing separator the regex may not have taken, keep the span tight.
        while end > start && !text[..end].ends_with(|c: char| c.is_ascii_digit()) {
            end -= 1;
        }
        out.push(Finding::new(start, end, EntityType::Phone, score));
    }
}

fn national(text: &str, start: usize, digits: &str, grp: &[usize], grouped: bool) -> Option<f32> {
    let len = digits.len();
    let bytes = digits.as_bytes();
    let first = bytes.first().copied().unwrap_or(b'0');
    let trunk = first == b'0' && bytes.get(1).is_some_and(|&b| b != b'0');
    let base = if trunk && (9..=12).contains(&len) {
        // 030 1234567, 0171-2345678, 06 12 34 56 78, 020 7946 0958, (089) 123456
        // An unformatted 9-12 digit run starting with 0 is still most likely a phone.
        Some(if grouped { 0.7 } else { 0.55 })
    } else if grouped && trunk && (6..=8).contains(&len) && grp[0] <= 5 {
        // Short German/Austrian landlines: 089 12345
        Some(0.4)
    } else if grouped && len == 10 && first == b'3' && grp[0] == 3 {
        // Italian mobile: 333 123 4567
        Some(0.55)
    } else if grouped && len == 10 && digits.starts_with("69") {
        // Greek mobile: 694 123 4567
        Some(0.5)
    } else if grouped
        && len == 9
        && first >= b'2'
        && matches!(
            grp,
            [3, 3, 3] | [3, 2, 2, 2] | [2, 3, 2, 2] | [3, 6] | [2, 2, 2, 3] | [3, 3, 2, 1]
        )
    {
        // Spanish 612 34 56 78 / 91 123 45 67, Portuguese 912 345 678, Polish 512 345 678,
        // Czech 601 123 456
        Some(0.5)
    } else if grouped && len == 8 && matches!(grp, [2, 2, 2, 2]) && first >= b'2' {
        // Danish / Norwegian 12 34 56 78
        Some(0.4)
    } else {
        None
    };
    if base.is_none() && !(7..=15).contains(&len) {
        return None;
    }
    let ctx = context(text, start);
    match (base, ctx) {
        (_, Context::NotPhone) => None,
        (Some(b), Context::Phone) => Some((b + 0.3_f32).min(0.9)),
        (Some(b), _) => Some(b),
        (None, Context::Phone) if (7..=15).contains(&len) => Some(0.6),
        _ => None,
    }
}
