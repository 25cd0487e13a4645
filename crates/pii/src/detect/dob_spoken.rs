//! Dates of birth read out after a birth cue, in English, German, French, Italian, Spanish,
//! Dutch and Polish: "born on the twelfth of march nineteen eighty five", "geboren am zwölften
//! mai neunzehnhundertachtzig", "née le douze mars mille neuf cent quatre-vingt-cinq", "nata il
//! dodici marzo millenovecentottantacinque", "nacido el doce de marzo de mil novecientos ochenta y
//! cinco", "geboren op twaalf maart negentienhonderdvijfentachtig", "urodziłam się dwunastego
//! marca tysiąc dziewięćset osiemdziesiątego piątego roku". The date may be in the caller's
//! answer when the agent asks (`date of birth⏎caller: uh 14 june 1983`, with or without a
//! question mark), and before `geboren` in `ich bin am 10 februar 1999 geboren`.

use std::sync::LazyLock;

use regex::Regex;

use super::util::{ceil_boundary, char_before};
use crate::known::fold::{Kind, tokenize};
use crate::known::words::is_number_like;
use crate::lexicon::months;
use crate::{EntityType, Finding};

static CUE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:born|date\s+of\s+birth|birthday|geboren|geburtsdatum|geburtstag|n[ée]e?|date\s+de\s+naissance|nat[oa]|data\s+di\s+nascita|nacid[oa]|nac[ií]|fecha\s+de\s+nacimiento|naci[óo]|geboortedatum|verjaardag|urodzi(?:ł(?:e|a)m|l(?:e|a)m)\s+si[ęe]|urodzon[ya]|urodzi[łl](?:a|e[śs]|a[śs])?|data\s+urodzenia|bin\s+am)",
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
    // Hesitations and fillers before the date (`erm uh april 26th 2001`, `bah oui le …`).
    "erm",
    "uhm",
    "like",
    "well",
    "so",
    "äh",
    "ähm",
    "genau",
    "bah",
    "ben",
    "voilà",
    "alors",
    "boh",
    "cioè",
    "bueno",
    "vale",
    "dus",
    "nou",
    "eee",
    "eem",
    // Ordinal endings split off the digits (`19th of may`).
    "th",
    "st",
    "nd",
    "rd",
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
    Some(next_line_answer(text, line_end))
}

/// Where the caller's answer starts when the agent's turn names the birth date without a question
/// mark: a speaker label later on the same line (`… fecha de nacimiento de aitor huésped: tres de
/// agosto …`), or the next line when the rest of the cue's line is short (`bot: date of birth⏎guest:
/// uh 14 june 1983`, `und ihr geburtsdatum bitte⏎…`).
fn answer_without_question(text: &str, from: usize) -> Option<usize> {
    let line_end = text[from..].find('\n').map_or(text.len(), |i| from + i);
    let rest = &text[from..line_end];
    if let Some(c) = rest.find(": ")
        && (1..=40).contains(&c)
        && !rest[..c].contains(['?', '.', ','])
        && rest[..c].bytes().any(|b| b.is_ascii_alphabetic())
    {
        return Some(from + c + 1);
    }
    if rest.len() > 40 || line_end >= text.len() {
        return None;
    }
    Some(next_line_answer(text, line_end))
}

pub(crate) fn find(text: &str, out: &mut Vec<Finding>) {
    let Some(re) = CUE.as_ref() else { return };
    for m in re.find_iter(text) {
        let from = m.end();
        if text[from..].starts_with(char::is_alphanumeric)
            || char_before(text, m.start()).is_some_and(char::is_alphanumeric)
        {
            continue; // "naturally", "Geburtstagsfeier", "Hélène"
        }
        let date = if m.as_str().len() > 3 && m.as_str()[..3].eq_ignore_ascii_case("bin") {
            // `ich bin am zehnten februar 1999 geboren`: only with `geboren` right after.
            read_date(text, from).filter(|&(_, e)| {
                text[e..]
                    .trim_start()
                    .get(..7)
                    .is_some_and(|w| w.eq_ignore_ascii_case("geboren"))
            })
        } else if let Some(answer) = answer_start(text, from) {
            // The cue in the agent's question: the date is in the caller's answer.
            read_date(text, answer)
        } else {
            // Only a date-of-birth phrase (`date of birth`, `geburtsdatum`, `fecha de
            // nacimiento` …) asks without a question mark; not `born`, `née`, `nata`.
            let asks = {
                let cue = m.as_str().to_ascii_lowercase();
                cue.contains("dat") || cue.contains("fecha")
            };
            read_date(text, from).or_else(|| {
                asks.then(|| answer_without_question(text, from))
                    .flatten()
                    .and_then(|answer| read_date(text, answer))
            })
        };
        if let Some((s, e)) = date {
            out.push(Finding::new(s, e, EntityType::DateOfBirth, 0.9));
        }
    }
}

/// Reads a date (numbers and a month name, or three numbers) starting at `from`, past glue words.
fn read_date(text: &str, from: usize) -> Option<(usize, usize)> {
    {
        let to = ceil_boundary(text, (from + 160).min(text.len()));
        let tokens = tokenize(&text[from..to]);
        let (mut first, mut last) = (None, 0);
        let (mut numbers, mut month) = (0, false);
        for t in &tokens {
            if t.kind == Kind::Symbol {
                if matches!(t.f(), "-" | "." | "/") {
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
            return Some((from + s, from + last));
        }
        None
    }
}

/// Where the answer on the line after `line_end` starts: after its speaker label (`guest:`), or
/// at the line's start.
fn next_line_answer(text: &str, line_end: usize) -> usize {
    let next = line_end + 1;
    let next_end = text[next..].find('\n').map_or(text.len(), |i| next + i);
    let line = &text[next..next_end];
    match line.find(':') {
        Some(c) if c <= 24 && !line[..c].contains(['?', '.', ',']) => next + c + 1,
        _ => next,
    }
}
