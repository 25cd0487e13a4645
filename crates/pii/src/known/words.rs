//! What a run of tokens can stand for when a value is read out: number words in English,
//! German, French, Italian, Spanish, Dutch and Polish (digits, teens, tens, compounds such as
//! `einundzwanzig`, `tweeëntwintig`, `ventuno`, `veintidós`, pairs such as `twenty one`,
//! `treinta y cuatro`, `soixante-dix-sept`, `quatre-vingt-onze`, `dwadzieścia trzy`),
//! `double`/`triple`, the words for `@`, `.`, `_` and `-` in e-mail addresses read out, filler
//! words, and percent-encoded bytes. Every alternative is `(next token, fragment)`: the tokens
//! `i..next` read as `fragment` (folded text).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use super::fold::{Kind, Token};
use crate::lexicon::numbers::{self, Number};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    Digit(u8),
    Teen(u8),
    Tens(u8),
    Compound(u8),
    Double,
    Triple,
    Conn,
    /// French `quatre`: 4, or the start of `quatre-vingt(s)` = 80.
    Quatre,
    At,
    Dot,
    Underscore,
    Dash,
    /// 100 × n: `sto`, `dwieście`, `cento`, `doscientos`, `dreihundert`, `hundred` …
    Hundreds(u8),
    /// Says nothing: `uh`, `äh`, `euh`, `plus` before a country code …
    Filler,
}

static VOCABULARY: LazyLock<HashMap<String, Word>> = LazyLock::new(vocabulary);

/// The length in bytes of the longest word of the vocabulary.
static LONGEST: LazyLock<usize> =
    LazyLock::new(|| VOCABULARY.keys().map(String::len).max().unwrap_or(0));

impl From<Number> for Word {
    fn from(n: Number) -> Self {
        match n {
            Number::Digit(d) => Word::Digit(d),
            Number::Teen(t) => Word::Teen(t),
            Number::Tens(t) => Word::Tens(t),
            Number::Compound(c) => Word::Compound(c),
            Number::Hundreds(h) => Word::Hundreds(h),
            Number::Quatre => Word::Quatre,
            Number::Double => Word::Double,
            Number::Triple => Word::Triple,
            Number::Conn => Word::Conn,
        }
    }
}

/// The shared number words (see [`crate::lexicon::numbers`]; tokens are folded, so only the
/// folded forms ever match) and the words of e-mail addresses read out and fillers.
fn vocabulary() -> HashMap<String, Word> {
    let mut m: HashMap<String, Word> = HashMap::new();
    for (w, n) in numbers::words() {
        m.entry(w).or_insert_with(|| Word::from(n));
    }
    let mut add = |w: &str, v: Word| {
        m.entry(w.to_owned()).or_insert(v);
    };
    for w in [
        "at",
        "chiocciola",
        "chiocciolina",
        "klammeraffe",
        "affenschwanz",
        "arobase",
        "arrobase",
        "arroba",
        "apenstaartje",
        "apestaart",
        "malpa",
        "malpka",
    ] {
        add(w, Word::At);
    }
    for w in ["dot", "punkt", "point", "punto", "punt", "puntje", "kropka"] {
        add(w, Word::Dot);
    }
    for w in [
        "underscore",
        "unterstrich",
        "underline",
        "podkreslnik",
        "podloga",
    ] {
        add(w, Word::Underscore);
    }
    for w in [
        "dash",
        "hyphen",
        "minus",
        "bindestrich",
        "tiret",
        "trattino",
        "meno",
        "guion",
        "menos",
        "streepje",
        "koppelteken",
        "myslnik",
        "lacznik",
    ] {
        add(w, Word::Dash);
    }
    for w in [
        "uh", "uhm", "um", "umm", "er", "erm", "ah", "ahm", "eh", "ehm", "euh", "hm", "hmm", "mmm",
        "yyy", "eee", "plus", "piu", "mas", "plusz",
    ] {
        add(w, Word::Filler);
    }
    m
}

fn word(tokens: &[Token<'_>], i: usize) -> Option<Word> {
    let t = tokens.get(i)?;
    if t.kind != Kind::Letters || t.f().len() > *LONGEST {
        return None;
    }
    VOCABULARY.get(t.f()).copied()
}

/// Stems of ordinal numbers and year words that are not in the vocabulary: `twelfth`,
/// `zwölften`, `dwunastego`, `tysiąc`, `mille` …
const ORDINAL_STEMS: &[&str] = &[
    "first",
    "second",
    "third",
    "fifth",
    "eighth",
    "ninth",
    "twelfth",
    "thousand",
    "tausend",
    "erste",
    "dritte",
    "siebte",
    "achte",
    "premier",
    "deuxieme",
    "mille",
    "mil",
    "primo",
    "primero",
    "tercero",
    "duizend",
    "eerste",
    "derde",
    "achtste",
    "tysiac",
    "pierwsz",
    "drug",
    "trzec",
    "czwart",
    "piat",
    "szost",
    "siodm",
    "osm",
    "dziewiat",
    "dziesiat",
    "jedenast",
    "dwunast",
    "trzynast",
    "czternast",
    "pietnast",
    "szesnast",
    "siedemnast",
    "osiemnast",
    "dziewietnast",
    "dwudziest",
    "trzydziest",
    "czterdziest",
];

/// Whether a token is a number word, an ordinal or a year word (`zwölften`, `twelfth`,
/// `neunzehnhundertachtzig`, `millenovecentottantacinque`, `dwunastego`).
pub(crate) fn is_number_like(t: &Token<'_>) -> bool {
    if t.kind == Kind::Digits {
        return true;
    }
    if t.kind != Kind::Letters {
        return false;
    }
    let w = t.f();
    if matches!(
        VOCABULARY.get(w),
        Some(
            Word::Digit(_)
                | Word::Teen(_)
                | Word::Tens(_)
                | Word::Compound(_)
                | Word::Hundreds(_)
                | Word::Quatre
        )
    ) {
        return true;
    }
    if ORDINAL_STEMS.iter().any(|s| w.starts_with(s)) {
        return true;
    }
    // A number word followed by more letters: zwölften, neunzehnhundertachtzig, vingtième.
    (4..w.len()).rev().any(|k| {
        w.is_char_boundary(k)
            && matches!(
                VOCABULARY.get(&w[..k]),
                Some(
                    Word::Digit(_)
                        | Word::Teen(_)
                        | Word::Tens(_)
                        | Word::Compound(_)
                        | Word::Hundreds(_)
                )
            )
    })
}

/// The e-mail symbol a token says: `@` for `at`/`chiocciola`/`małpa`/`@`, `.` for
/// `dot`/`punkt`/`kropka`/`.`, `_`, `-`.
pub(crate) fn email_symbol(t: &Token<'_>) -> Option<char> {
    match t.kind {
        Kind::Symbol => t.f().chars().next().filter(|c| *c != '+'),
        Kind::Letters => match VOCABULARY.get(t.f())? {
            Word::At => Some('@'),
            Word::Dot => Some('.'),
            Word::Underscore => Some('_'),
            Word::Dash => Some('-'),
            _ => None,
        },
        Kind::Digits => None,
    }
}

/// Skips one hyphen between the parts of a number (`soixante-dix`, `vingt-et-un`).
fn skip_dash(tokens: &[Token<'_>], i: usize) -> usize {
    match tokens.get(i) {
        Some(t) if t.kind == Kind::Symbol && t.f() == "-" => i + 1,
        _ => i,
    }
}

fn digit_at(tokens: &[Token<'_>], i: usize) -> Option<u8> {
    match word(tokens, i)? {
        Word::Digit(d) => Some(d),
        Word::Quatre => Some(4),
        _ => None,
    }
}

/// 10-19 at `i`: a teen word, or French `dix-sept`/`dix-huit`/`dix-neuf`.
fn teens_at(tokens: &[Token<'_>], i: usize, out: &mut Vec<(usize, u8)>) {
    if let Some(Word::Teen(t)) = word(tokens, i) {
        out.push((i + 1, t));
        if t == 10 {
            let j = skip_dash(tokens, i + 1);
            if let Some(d @ 7..=9) = digit_at(tokens, j) {
                out.push((j + 1, 10 + d));
            }
        }
    }
}

/// Two-digit numbers starting at `i` that take more than one word.
fn pairs_at(tokens: &[Token<'_>], i: usize, out: &mut Vec<(usize, u8)>) {
    match word(tokens, i) {
        Some(Word::Tens(t)) => {
            // twenty one, vingt-et-un, treinta y cuatro, dwadzieścia trzy
            let mut j = skip_dash(tokens, i + 1);
            if word(tokens, j) == Some(Word::Conn) {
                j = skip_dash(tokens, j + 1);
            }
            if let Some(d @ 1..=9) = digit_at(tokens, j) {
                out.push((j + 1, t + d));
            }
            // soixante-dix-sept, soixante et onze
            if t == 60 {
                let mut teens = Vec::new();
                teens_at(tokens, j, &mut teens);
                out.extend(teens.into_iter().map(|(k, v)| (k, 60 + v)));
            }
        }
        Some(Word::Quatre) => {
            let j = skip_dash(tokens, i + 1);
            if word(tokens, j) == Some(Word::Tens(20)) {
                out.push((j + 1, 80));
                let k = skip_dash(tokens, j + 1);
                if let Some(d @ 1..=9) = digit_at(tokens, k) {
                    out.push((k + 1, 80 + d));
                }
                let mut teens = Vec::new();
                teens_at(tokens, k, &mut teens);
                out.extend(teens.into_iter().map(|(k, v)| (k, 80 + v)));
            }
        }
        Some(Word::Digit(d @ 1..=9)) => {
            // German/Dutch order written apart: ein und zwanzig, een en twintig
            let j = skip_dash(tokens, i + 1);
            if word(tokens, j) == Some(Word::Conn)
                && let Some(Word::Tens(t)) = word(tokens, skip_dash(tokens, j + 1))
            {
                out.push((skip_dash(tokens, j + 1) + 1, t + d));
            }
        }
        _ => {}
    }
}

/// Every reading of the tokens from `i` on as a number below 100, as `(next token, value)`.
fn numbers_at(tokens: &[Token<'_>], i: usize, out: &mut Vec<(usize, u8)>) {
    match word(tokens, i) {
        Some(Word::Digit(d)) => out.push((i + 1, d)),
        Some(Word::Quatre) => out.push((i + 1, 4)),
        Some(Word::Teen(v) | Word::Tens(v) | Word::Compound(v)) => out.push((i + 1, v)),
        _ => {}
    }
    pairs_at(tokens, i, out);
    teens_at(tokens, i, out);
}

/// Three-digit readings: `sześćset jeden`, `duecentotrenta`, `two hundred and five`.
fn hundreds_at(tokens: &[Token<'_>], i: usize, out: &mut Vec<(usize, Cow<'_, str>)>) {
    let mut heads: Vec<(usize, u8)> = Vec::new();
    match word(tokens, i) {
        Some(Word::Hundreds(h)) => heads.push((i + 1, h)),
        Some(Word::Digit(d @ 1..=9)) => {
            let j = skip_dash(tokens, i + 1);
            if word(tokens, j) == Some(Word::Hundreds(1)) {
                heads.push((j + 1, d));
            }
        }
        _ => {}
    }
    for (j, h) in heads {
        out.push((j, Cow::Owned(format!("{h}00"))));
        let mut k = skip_dash(tokens, j);
        if word(tokens, k) == Some(Word::Conn) {
            k = skip_dash(tokens, k + 1);
        }
        let mut rest = Vec::new();
        numbers_at(tokens, k, &mut rest);
        for (next, v) in rest {
            if v > 0 {
                out.push((next, Cow::Owned(format!("{h}{v:02}"))));
            }
        }
    }
}

/// Every way the tokens from `i` on can be read, as `(next token, fragment)`.
pub(crate) fn alternatives<'a>(
    tokens: &'a [Token<'_>],
    i: usize,
    out: &mut Vec<(usize, Cow<'a, str>)>,
) {
    let Some(t) = tokens.get(i) else {
        return;
    };
    match t.kind {
        Kind::Digits => {
            out.push((i + 1, Cow::Borrowed(t.f())));
            if t.f() == "0" {
                // +49 (0)30 …
                out.push((i + 1, Cow::Borrowed("")));
            }
            if t.prev == Some('%') {
                percent(tokens, i, out);
            }
        }
        Kind::Symbol => match t.f() {
            "@" | "_" => out.push((i + 1, Cow::Borrowed(t.f()))),
            "+" => out.push((i + 1, Cow::Borrowed(""))),
            _ => {
                out.push((i + 1, Cow::Borrowed(t.f())));
                out.push((i + 1, Cow::Borrowed("")));
            }
        },
        Kind::Letters => {
            out.push((i + 1, Cow::Borrowed(t.f())));
            let Some(w) = word(tokens, i) else {
                return;
            };
            match w {
                Word::Digit(_)
                | Word::Quatre
                | Word::Teen(_)
                | Word::Tens(_)
                | Word::Compound(_)
                | Word::Hundreds(_) => {}
                Word::Double | Word::Triple => {
                    let n = if w == Word::Double { 2 } else { 3 };
                    let mut next = Vec::new();
                    alternatives(tokens, i + 1, &mut next);
                    for (j, frag) in next {
                        if frag.chars().count() == 1 {
                            out.push((j, Cow::Owned(frag.repeat(n))));
                        }
                    }
                }
                Word::At => {
                    out.push((i + 1, Cow::Borrowed("@")));
                    // at sign, at symbol
                    if tokens
                        .get(i + 1)
                        .is_some_and(|n| matches!(n.f(), "sign" | "symbol"))
                    {
                        out.push((i + 2, Cow::Borrowed("@")));
                    }
                }
                Word::Dot => out.push((i + 1, Cow::Borrowed("."))),
                Word::Underscore => out.push((i + 1, Cow::Borrowed("_"))),
                Word::Dash => {
                    out.push((i + 1, Cow::Borrowed("-")));
                    // tiret bas, trattino basso, guion bajo, tiret du bas
                    let mut j = i + 1;
                    if tokens.get(j).is_some_and(|n| n.f() == "du") {
                        j += 1;
                    }
                    if tokens
                        .get(j)
                        .is_some_and(|n| matches!(n.f(), "bas" | "basso" | "bajo"))
                    {
                        out.push((j + 1, Cow::Borrowed("_")));
                    }
                }
                Word::Conn | Word::Filler => out.push((i + 1, Cow::Borrowed(""))),
            }
            if t.f() == "laag" && tokens.get(i + 1).is_some_and(|n| n.f() == "streepje") {
                out.push((i + 2, Cow::Borrowed("_")));
            }
            let mut nums: Vec<(usize, u8)> = Vec::new();
            numbers_at(tokens, i, &mut nums);
            hundreds_at(tokens, i, out);
            for (j, v) in nums {
                out.push((j, Cow::Owned(v.to_string())));
            }
        }
    }
}

/// `%40` → `@`, `%2B` → `` (a `+`), `%20` → ``.
fn percent(tokens: &[Token<'_>], i: usize, out: &mut Vec<(usize, Cow<'_, str>)>) {
    let Some(t) = tokens.get(i) else {
        return;
    };
    match t.f() {
        "40" => out.push((i + 1, Cow::Borrowed("@"))),
        "20" => out.push((i + 1, Cow::Borrowed(""))),
        "2" | "5" => {
            if let Some(n) = tokens.get(i + 1)
                && n.start == t.end
                && n.kind == Kind::Letters
            {
                let byte = format!("{}{}", t.f(), n.f().chars().next().unwrap_or(' '));
                let frag = match byte.as_str() {
                    "2e" => Some("."),
                    "2b" => Some(""),
                    "2d" => Some("-"),
                    "5f" => Some("_"),
                    _ => None,
                };
                if let Some(f) = frag
                    && n.f().len() == 1
                {
                    out.push((i + 2, Cow::Borrowed(f)));
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::fold::tokenize;
    use super::*;

    fn reads(text: &str) -> Vec<String> {
        let t = tokenize(text);
        let mut out = Vec::new();
        alternatives(&t, 0, &mut out);
        out.into_iter()
            .filter(|(j, _)| *j == t.len())
            .map(|(_, f)| f.into_owned())
            .collect()
    }

    #[test]
    fn reads_numbers_in_seven_languages() {
        assert!(reads("soixante-dix-sept").contains(&"77".to_owned()));
        assert!(reads("quatre-vingt-onze").contains(&"91".to_owned()));
        assert!(reads("soixante et onze").contains(&"71".to_owned()));
        assert!(reads("twenty one").contains(&"21".to_owned()));
        assert!(reads("einundzwanzig").contains(&"21".to_owned()));
        assert!(reads("siebenunddreißig").contains(&"37".to_owned()));
        assert!(reads("tweeëntwintig").contains(&"22".to_owned()));
        assert!(reads("ventitré").contains(&"23".to_owned()));
        assert!(reads("treinta y cuatro").contains(&"34".to_owned()));
        assert!(reads("dwadzieścia trzy").contains(&"23".to_owned()));
        assert!(reads("pięćdziesiąt").contains(&"50".to_owned()));
        assert!(reads("double seven").contains(&"77".to_owned()));
        assert!(reads("nul").contains(&"0".to_owned()));
        assert!(reads("sześćset jeden").contains(&"601".to_owned()));
        assert!(reads("dwieście trzydzieści cztery").contains(&"234".to_owned()));
        assert!(reads("two hundred and five").contains(&"205".to_owned()));
        assert!(reads("quinientos sesenta y siete").contains(&"567".to_owned()));
        assert!(
            !reads("hotel")
                .iter()
                .any(|f| f.chars().all(|c| c.is_ascii_digit()))
        );
    }

    #[test]
    fn reads_email_words() {
        assert!(reads("chiocciola").contains(&"@".to_owned()));
        assert!(reads("at sign").contains(&"@".to_owned()));
        assert!(reads("tiret bas").contains(&"_".to_owned()));
        assert!(reads("kropka").contains(&".".to_owned()));
        assert!(reads("%40").contains(&"@".to_owned()));
    }
}
