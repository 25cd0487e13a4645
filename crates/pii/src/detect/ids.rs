//! Passport and national ID numbers of DE, FR, IT, ES, NL, PL, BE and the UK.
//!
//! Formats with a check digit or a distinctive shape are found anywhere: Polish PESEL (check
//! digit and a valid birth date, not a timestamp, not after a booking or order word), French
//! NIR (mod-97 key), Belgian national number written `yy.mm.dd-sss.cc` (mod-97), Italian codice fiscale
//! (check character), Spanish DNI/NIE (check letter), UK NINO (prefix rules), German ID card or
//! passport serial followed by its ICAO check digit, Italian electronic ID card. Ambiguous ones
//! (a German serial without check digit, French CNI and passport numbers, Italian, Spanish,
//! Dutch and UK passport numbers, the Dutch BSN, the German tax ID, the Polish ID card
//! `ABC123456` with its check digit) only count right after a document cue ("passport number",
//! "Personalausweis", "carte d'identité", "DNI", "BSN", "dowód osobisty", "PESEL",
//! `"passportNumber":` …). After a cue the number may come in the caller's answer on the next
//! line, in lower case (`mijn paspoortnummer is nxdw6k5w4`) or read out character by character
//! (`c'est 4 7 e w 7 7 4 1 9`, up to 16 characters joined).

use std::sync::LazyLock;

use regex::Regex;

use super::util::{char_at, char_before};
use crate::checks;
use crate::{EntityType, Finding};

/// Numbers of eleven or more digits with a strong check: French NIR, Belgian national number
/// (punctuated), Polish PESEL. Run only on digit runs long enough to hold one.
static NUMERIC: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<nir>[12] ?[0-9]{2} ?[0-9]{2} ?(?:[0-9]{2}|2[AB]) ?[0-9]{3} ?[0-9]{3} ?[0-9]{2})",
        r"|(?P<be>[0-9]{2}\.[0-9]{2}\.[0-9]{2}-[0-9]{3}\.[0-9]{2})",
        r"|(?P<pesel>[0-9]{11})",
    ))
    .ok()
});

static STRONG: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<cf>[A-Z]{6}[0-9LMNP-V]{2}[ABCDEHLMPRST][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z])",
        r"|(?P<nie>[XYZ][ \-]?[0-9]{7}[ \-]?[A-Z])",
        r"|(?P<dni>[0-9]{8}[ \-]?[A-Z])",
        r"|(?P<nino>[A-Z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D])",
        r"|(?P<cie>C[A-Z][0-9]{5}[A-Z]{2})",
        r"|(?P<de>[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}[0-9])",
    ))
    .ok()
});

/// Cue words of a passport number.
const PASSPORT_CUE: &str = r#"passport(?:"\s*,\s*"number")?|reisepass|paszport\w*|pass[\s\-]?nr|passnummer|passeport|passaporto|pasaporte|paspoort|travel\s+document"#;

/// [`PASSPORT_CUE`] matching a whole string: a [`CONTEXT`] match is a passport cue (its `pass`
/// group) when its text matches this whole. (`pass` is the first alternative and has no
/// look-around: if it matches the text whole, it matched at that start and was chosen.
/// Cheaper than resolving capture groups for every match.)
static PASSPORT_WHOLE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^(?:{PASSPORT_CUE})$")).ok());

static CONTEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let passport = PASSPORT_CUE;
    let id = r"(?-u:\b)id[\s_\-]?(?:card|number|no(?-u:\b)|nr|nummer|num)|identity[\s_\-]?(?:card|document|number)|identification[\s_\-]?(?:number|no(?-u:\b)|nr|id|document)|national[\s_\-]?id|personalausweis|ausweis|carte\s+(?:nationale\s+)?d.identit[ée]|(?-u:\b)cni(?-u:\b)|num[ée]ro\s+d.identit|carta\s+d.identit|carta\s+di\s+identit|documento\s+d.identit|documento\s+di\s+identit|codice\s+fiscale|codicefiscale|fiscal[\s_\-]?code|(?-u:\b)dni(?-u:\b)|(?-u:\b)pesel(?-u:\b)|dow[oó]d(?:u)?\s+osobist\w*|numer\s+dowodu|seria\s+i\s+numer|(?-u:\b)nir(?-u:\b)|s[ée]curit[ée]\s+sociale|rijksregisternummer|num[ée]ro\s+national|registre\s+national|(?-u:\b)nie(?-u:\b)|(?-u:\b)nif(?-u:\b)|documento\s+nacional|documento\s+de\s+identidad|n[úu]mero\s+de\s+identidad|(?-u:\b)bsn(?-u:\b)|burgerservicenummer|identiteitskaart|national\s+insurance|(?-u:\b)nino(?-u:\b)|(?-u:\b)ni\s+number|steuer[\s\-]?id|steueridentifikationsnummer|tax[\s_\-]?id|document[\s_\-]?(?:number|no(?-u:\b)|nr|id)|dokumentennummer|numero\s+(?:di\s+|del\s+)?documento|(?-u:\b)document=|n[úu]mero\s+de\s+documento";
    Regex::new(&format!(r"(?i)(?P<pass>{passport})|(?P<id>{id})")).ok()
});

static TOKEN: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"[A-Za-z0-9]+").ok());

fn bounded(text: &str, start: usize, end: usize) -> bool {
    let glued_after = match char_at(text, end) {
        Some(c) if c.is_alphanumeric() || c == '_' => true,
        Some('-') => char_at(text, end + 1).is_some_and(char::is_alphanumeric),
        _ => false,
    };
    !char_before(text, start).is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && !glued_after
}

fn compact(s: &str) -> Vec<u8> {
    s.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_uppercase())
        .collect()
}

pub(crate) fn find(text: &str, out: &mut Vec<Finding>) {
    strong(text, out);
    in_context(text, out);
}

/// Runs of digits (single spaces, dots, dashes and a Corsican `2A`/`2B` allowed between them)
/// with at least eleven digits, as byte ranges.
fn long_digit_runs(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = 0;
        let mut end = i;
        while i < b.len() {
            if b[i].is_ascii_digit() || (matches!(b[i], b'A' | b'B') && i > 0 && b[i - 1] == b'2') {
                digits += 1;
                i += 1;
                end = i;
            } else if matches!(b[i], b' ' | b'.' | b'-')
                && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                i += 1;
            } else {
                break;
            }
        }
        if digits >= 11 {
            out.push((start, end));
        }
        i = end.max(start + 1);
    }
    out
}

fn numeric(text: &str, out: &mut Vec<Finding>) {
    let Some(re) = NUMERIC.as_ref() else { return };
    for (from, to) in long_digit_runs(text) {
        for caps in re.captures_iter(&text[from..to]) {
            let Some(m) = caps.get(0) else { continue };
            let (s, e) = (from + m.start(), from + m.end());
            if !bounded(text, s, e) {
                continue;
            }
            let c = compact(m.as_str());
            let hit = if caps.name("nir").is_some() {
                checks::nir_ok(&c).then_some(0.9)
            } else if caps.name("be").is_some() {
                checks::be_national_number_ok(&checks::digits(m.as_str())).then_some(0.85)
            } else {
                pesel_without_cue(text, s, &c).then_some(0.8)
            };
            if let Some(score) = hit {
                out.push(Finding::new(s, e, EntityType::NationalId, score));
            }
        }
    }
}

fn strong(text: &str, out: &mut Vec<Finding>) {
    numeric(text, out);
    let Some(re) = STRONG.as_ref() else { return };
    for caps in re.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        if !bounded(text, m.start(), m.end()) {
            continue;
        }
        let c = compact(m.as_str());
        let hit = if caps.name("cf").is_some() {
            checks::codice_fiscale_ok(&c).then_some((EntityType::NationalId, 1.0))
        } else if caps.name("nie").is_some() || caps.name("dni").is_some() {
            checks::dni_nie_ok(&c).then_some((EntityType::NationalId, 0.95))
        } else if caps.name("nino").is_some() {
            checks::nino_ok(&c).then_some((EntityType::NationalId, 0.85))
        } else if caps.name("cie").is_some() {
            Some((EntityType::NationalId, 0.6))
        } else if caps.name("de").is_some() {
            let serial_has_digit = c[1..9].iter().any(u8::is_ascii_digit);
            let has_letter = c.iter().any(u8::is_ascii_uppercase);
            (serial_has_digit
                && has_letter
                && checks::icao_check_digit(&c[..9]) == Some(c[9].wrapping_sub(b'0')))
            .then_some((EntityType::NationalId, 0.6))
        } else {
            None
        };
        if let Some((entity, score)) = hit {
            out.push(Finding::new(m.start(), m.end(), entity, score));
        }
    }
}

/// An 11-digit run is a PESEL without a cue when its check digit and birth date hold, it is not
/// a `+` phone number, not a timestamp (`yyyymmdd…`) and no booking, order or confirmation word
/// comes before it.
fn pesel_without_cue(text: &str, start: usize, c: &[u8]) -> bool {
    let d: Vec<u8> = c.iter().map(|b| b.wrapping_sub(b'0')).collect();
    if !checks::pesel_ok(&d) {
        return false;
    }
    if text[..start].trim_end().ends_with('+') {
        return false;
    }
    let year = d[..4].iter().fold(0u32, |a, &x| a * 10 + u32::from(x));
    let (month, day) = (
        u32::from(d[4]) * 10 + u32::from(d[5]),
        u32::from(d[6]) * 10 + u32::from(d[7]),
    );
    if (1990..=2039).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day) {
        return false;
    }
    super::phone::context(text, start) != super::phone::Context::NotPhone
}

/// Classifies a compact (upper-case, no separators) token seen after a document cue.
fn classify(c: &[u8], passport_cue: bool) -> Option<(EntityType, f32)> {
    let len = c.len();
    let digits = c.iter().filter(|b| b.is_ascii_digit()).count();
    let letters = len - digits;
    let all =
        |f: fn(&u8) -> bool, r: std::ops::Range<usize>| c.get(r).is_some_and(|s| s.iter().all(f));
    let dig = |b: &u8| b.is_ascii_digit();
    let up = |b: &u8| b.is_ascii_uppercase();
    let cue_type = if passport_cue {
        EntityType::Passport
    } else {
        EntityType::NationalId
    };
    if len == 16 && checks::codice_fiscale_ok(c) {
        return Some((EntityType::NationalId, 1.0));
    }
    if len == 9 && checks::dni_nie_ok(c) {
        return Some((EntityType::NationalId, 1.0));
    }
    if len == 9 && checks::nino_ok(c) {
        return Some((EntityType::NationalId, 1.0));
    }
    if len == 9 && checks::pl_id_card_ok(c) {
        return Some((cue_type, 0.95));
    }
    if len == 11 && digits == 11 {
        let d: Vec<u8> = c.iter().map(|b| b - b'0').collect();
        if checks::pesel_ok(&d) || checks::be_national_number_ok(&d) {
            return Some((EntityType::NationalId, 0.95));
        }
    }
    if len == 15 && checks::nir_ok(c) {
        return Some((EntityType::NationalId, 1.0));
    }
    if len == 11
        && digits == 11
        && checks::de_tax_id_ok(c.iter().map(|b| b - b'0').collect::<Vec<_>>().as_slice())
    {
        return Some((EntityType::NationalId, 0.9));
    }
    if len == 9 && digits == 9 {
        let d: Vec<u8> = c.iter().map(|b| b - b'0').collect();
        if !passport_cue && checks::bsn_ok(&d) {
            return Some((EntityType::NationalId, 0.95));
        }
        // UK passport (9 digits)
        return Some((cue_type, 0.8));
    }
    let specific =
        // German ID card / passport serial, with or without check digit
        (len == 9 || len == 10) && c[..9].iter().all(|b| b"CFGHJKLMNPRTVWXYZ0123456789".contains(b))
            && c[0].is_ascii_uppercase()
            && (len == 9 || checks::icao_check_digit(&c[..9]) == Some(c[9].wrapping_sub(b'0')))
        // French passport 12AB34567
        || len == 9 && all(dig, 0..2) && all(up, 2..4) && all(dig, 4..9)
        // French CNI, old (12 digits) and new (9 alphanumerics)
        || len == 12 && digits == 12
        || len == 9 && letters > 0 && digits > 0
        // Italian passport YA1234567, Italian CIE CA12345AB
        || len == 9 && all(up, 0..2) && all(dig, 2..9)
        // Spanish passport PAA123456
        || len == 9 && all(up, 0..3) && all(dig, 3..9)
        // Dutch passport / ID card
        || len == 9 && all(up, 0..2) && c[8].is_ascii_digit();
    if specific {
        return Some((cue_type, 0.85));
    }
    if (6..=12).contains(&len) && digits >= 2 {
        return Some((cue_type, 0.6));
    }
    None
}

/// How far after a document cue the number is looked for: far enough for the caller's answer on
/// the next line, read out character by character (`passport number⏎caller: it's x w 1 0 8 7 0 8 1`).
const WINDOW: usize = 96;

/// A token that can be part of a document number: no lower-case letter (`X1234567`, `12`), or,
/// as transcripts are lower case, one with a digit (`b7719320`) or a single character read out
/// (`x w 1 0 …`) that is not a clitic (`it's`, `c'est`, `l'id`). Plain lower-case words
/// (`room`, `nights`, `es`) end the number.
fn id_token(text: &str, s: usize, e: usize) -> bool {
    let t = &text.as_bytes()[s..e];
    if !t.iter().any(u8::is_ascii_lowercase) || t.iter().any(u8::is_ascii_digit) {
        return true;
    }
    let clitic = |c: Option<char>| matches!(c, Some('\'' | '’'));
    t.len() == 1 && !clitic(char_before(text, s)) && !clitic(char_at(text, e))
}

fn in_context(text: &str, out: &mut Vec<Finding>) {
    let (Some(ctx), Some(tok)) = (CONTEXT.as_ref(), TOKEN.as_ref()) else {
        return;
    };
    for m in ctx.find_iter(text) {
        let passport_cue = PASSPORT_WHOLE
            .as_ref()
            .is_some_and(|re| re.is_match(m.as_str()));
        let from = m.end();
        let to = super::util::ceil_boundary(text, from.saturating_add(WINDOW));
        let mut window = &text[from..to];
        // Stop at the end of the JSON value or object ("IdentityCard": null}, "ReservationId": …).
        if let Some(cut) = window.find(['}', ']']) {
            window = &window[..cut];
        }
        for sep in [",\"", ", \""] {
            if let Some(cut) = window.find(sep) {
                window = &window[..cut];
            }
        }
        // Tokens of the window, as (start, end) in `text`.
        let toks: Vec<(usize, usize)> = tok
            .find_iter(window)
            .map(|t| (from + t.start(), from + t.end()))
            .take(24)
            .collect();
        let mut found = false;
        for i in 0..toks.len() {
            if found {
                break;
            }
            // Try the longest join of up to 4 tokens separated by one space, dot or dash.
            let mut best: Option<(usize, usize, EntityType, f32)> = None;
            let mut len = 0;
            for j in i..toks.len().min(i + 16) {
                if j > i {
                    let gap = &text[toks[j - 1].1..toks[j].0];
                    if !matches!(gap, " " | "." | "-" | "/") {
                        break;
                    }
                }
                if !id_token(text, toks[j].0, toks[j].1) {
                    break;
                }
                len += toks[j].1 - toks[j].0;
                if len > 16 {
                    break;
                }
                let (s, e) = (toks[i].0, toks[j].1);
                let raw = &text[s..e];
                if !bounded(text, s, e) {
                    continue;
                }
                let c = compact(raw);
                if let Some((entity, score)) = classify(&c, passport_cue)
                    && best.is_none_or(|b| score >= b.3)
                {
                    best = Some((s, e, entity, score));
                }
            }
            if let Some((s, e, entity, score)) = best {
                out.push(Finding::new(s, e, entity, score));
                found = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passport_cue_as_the_capture_group_says() {
        let (Some(ctx), Some(whole)) = (CONTEXT.as_ref(), PASSPORT_WHOLE.as_ref()) else {
            panic!("pattern")
        };
        let text = "Passport No: X1, passnummer 2, Pass-Nr 3, ID card 4, id-number 5, pesel 6, \
                    travel  document 7, passeport 8, carte nationale d'identité 9, dni 10, \
                    PASSAPORTO 11, identification no 12, Reisepass 13, paspoort 14, nie 15";
        let mut kinds = (0, 0);
        for c in ctx.captures_iter(text) {
            let Some(m) = c.get(0) else { panic!("match") };
            let pass = c.name("pass").is_some();
            assert_eq!(whole.is_match(m.as_str()), pass, "{}", m.as_str());
            if pass {
                kinds.0 += 1;
            } else {
                kinds.1 += 1;
            }
        }
        assert!(kinds.0 >= 6 && kinds.1 >= 6, "{kinds:?}");
    }
}
