//! Dates of birth read out after a birth cue, in English, German, French, Italian, Spanish,
//! Dutch and Polish: "born on the twelfth of march nineteen eighty five", "geboren am zwölften
//! mai neunzehnhundertachtzig", "née le douze mars mille neuf cent quatre-vingt-cinq", "nata il
//! dodici marzo millenovecentottantacinque", "nacido el doce de marzo de mil novecientos ochenta y
//! cinco", "geboren op twaalf maart negentienhonderdvijfentachtig", "urodziłam się dwunastego
//! marca tysiąc dziewięćset osiemdziesiątego piątego roku".

use std::sync::LazyLock;

use regex::Regex;

use super::util::ceil_boundary;
use crate::known::fold::{Kind, tokenize};
use crate::known::words::is_number_like;
use crate::lexicon::months;
use crate::{EntityType, Finding};

static CUE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:born|date\s+of\s+birth|birthday|geboren|geburtsdatum|geburtstag|n[ée]e?|date\s+de\s+naissance|nat[oa]|data\s+di\s+nascita|nacid[oa]|nac[ií]|fecha\s+de\s+nacimiento|naci[óo]|geboortedatum|verjaardag|urodzi(?:ł(?:e|a)m|l(?:e|a)m)\s+si[ęe]|urodzon[ya]|urodzi[łl](?:a|e[śs]|a[śs])?|data\s+urodzenia)",
    )
    .ok()
});

/// Words between the parts of a date, or between the cue and the date.
const GLUE: &[&str] = &[
    "on",
    "the",
    "of",
    "in",
    "is",
    "was",
    "am",
    "im",
    "ist",
    "der",
    "den",
    "le",
    "l",
    "il",
    "el",
    "de",
    "del",
    "di",
    "es",
    "est",
    "op",
    "in",
    "dnia",
    "roku",
    "r",
    "year",
    "jahr",
    "anno",
    "ano",
    "jaar",
    "and",
    "und",
    "et",
    "e",
    "y",
    "en",
    "i",
    "uh",
    "um",
    "euh",
    "ah",
    "eh",
    "ehm",
    "hm",
    "yyy",
    "si",
    "sie",
    "mi",
    "ma",
    "mia",
    "my",
    "mein",
    "meine",
    "mon",
    "ma",
    "mi",
    "su",
    "mijn",
    "moja",
    "to",
    "jest",
    // The start of an answer to the agent's question (`yes sure it's the twelfth of march …`).
    "yes",
    "yeah",
    "sure",
    "it's",
    "its",
    "it",
    "s",
    "that's",
    "ja",
    "klar",
    "also",
    "oui",
    "c",
    "sì",
    "sí",
    "certo",
    "allora",
    "claro",
    "pues",
    "natuurlijk",
    "tak",
    "oczywiście",
    "no",
];

/// Where the caller's answer starts when the cue is in the agent's question (`can I have your
/// date of birth?⏎Caller: twelfth of march …`, or both turns on one line after a label): after
/// the question mark, past the speaker label.
fn answer_start(text: &str, from: usize) -> Option<usize> {
    let line_end = text[from..].find('\n').map_or(text.len(), |i| from + i);
    let q = from + text[from..line_end].find('?')?;
    if q - from > 60 {
        return None;
    }
    let rest = &text[q + 1..line_end];
    if let Some(c) = rest.find(':')
        && c <= 30
        && !rest[..c].contains(['?', '.'])
    {
        return Some(q + 1 + c + 1);
    }
    if !rest.trim().is_empty() || line_end >= text.len() {
        return None;
    }
    let next = line_end + 1;
    let next_end = text[next..].find('\n').map_or(text.len(), |i| next + i);
    let line = &text[next..next_end];
    match line.find(':') {
        Some(c) if c <= 24 && !line[..c].contains(['?', '.', ',']) => Some(next + c + 1),
        _ => Some(next),
    }
}

pub(crate) fn find(text: &str, out: &mut Vec<Finding>) {
    let Some(re) = CUE.as_ref() else { return };
    for m in re.find_iter(text) {
        let mut from = m.end();
        if text[from..].starts_with(char::is_alphanumeric) {
            continue; // "naturally", "Geburtstagsfeier"
        }
        // The cue in the agent's question: the date is in the caller's answer.
        if let Some(answer) = answer_start(text, from) {
            from = answer;
        }
        let to = ceil_boundary(text, (from + 160).min(text.len()));
        let tokens = tokenize(&text[from..to]);
        let (mut first, mut last) = (None, 0);
        let (mut numbers, mut month) = (0, false);
        for t in &tokens {
            if t.kind == Kind::Symbol {
                if t.f() == "-" || t.f() == "." {
                    continue;
                }
                break;
            }
            let is_month = t.kind == Kind::Letters && months::is_month(t.f());
            let is_number = is_number_like(t);
            if is_month || is_number {
                first.get_or_insert(t.start);
                last = t.end;
                month |= is_month;
                numbers += usize::from(is_number);
            } else if !(t.kind == Kind::Letters && GLUE.contains(&t.f())) {
                break;
            }
        }
        if let Some(s) = first
            && numbers >= 1
            && (month || numbers >= 3)
            && (numbers + usize::from(month)) >= 2
        {
            out.push(Finding::new(
                from + s,
                from + last,
                EntityType::DateOfBirth,
                0.8,
            ));
        }
    }
}
