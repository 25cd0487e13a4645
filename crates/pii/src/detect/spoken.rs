//! Numbers spoken as words in call transcripts, in English, German, French, Italian and Spanish:
//! "plus four nine one seven one …", "null eins sieben eins …", "zéro six, douze, trente-quatre
//! …", "tre tre tre, uno due tre …", "seis uno dos, treinta y cuatro …". A run of at least seven
//! digits with at least two number words is a phone number, or a card number when it has 13-19
//! digits, a known IIN and a valid Luhn digit.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::util::{ceil_boundary, floor_boundary};
use crate::checks;
use crate::lexicon::numbers::{self, Number};
use crate::{EntityType, Finding};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    /// 0-9
    Digit(u8),
    /// 10-19
    Teen(u8),
    /// 20, 30, …, 90
    Tens(u8),
    /// 21-99 as one word (einundzwanzig, ventuno, veintidós)
    Compound(u8),
    Double,
    Triple,
    Plus,
    /// and / und / et / y between tens and units
    Conn,
    /// French "quatre" (4, or the start of quatre-vingt = 80)
    Quatre,
    /// 100 × n in one word: Polish `sto` … `dziewięćset`, Italian `cento` … `novecento`, Spanish
    /// `cien`/`ciento` … `novecientos`, German `hundert`/`dreihundert`, Dutch `honderd`/`driehonderd`.
    Hundreds(u8),
}

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

/// The shared number words (accented and folded forms, see [`crate::lexicon::numbers`]) and
/// the words for a leading `+`.
fn vocabulary() -> HashMap<String, Word> {
    let mut m: HashMap<String, Word> = HashMap::new();
    for (w, n) in numbers::words() {
        m.entry(w).or_insert_with(|| Word::from(n));
    }
    for w in ["plus", "più", "piu", "más", "mas"] {
        m.insert(w.to_owned(), Word::Plus);
    }
    m
}

static VOCAB: LazyLock<HashMap<String, Word>> = LazyLock::new(vocabulary);

/// Pre-filter: three or more number tokens in a row (words from the vocabulary or numerals).
static PREFILTER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let mut words: Vec<&String> = VOCAB
        .iter()
        .filter(|(_, w)| !matches!(w, Word::Conn))
        .map(|(k, _)| k)
        .collect();
    // Longest first so that leftmost-first alternation prefers "seventeen" over "seven".
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let alt = words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|");
    let tok = format!(r"(?:{alt}|[0-9]+)");
    let conn = numbers::CONNECTIVES.join("|");
    Regex::new(&format!(
        r"(?i)(?:{alt})(?:[\s,.\-–/]+(?:(?:{conn})\s+)?{tok}){{2,}}"
    ))
    .ok()
});

#[derive(Debug, Clone, Copy)]
enum Tok<'a> {
    /// `pause`: a comma or full stop separates this word from the previous one.
    Num {
        start: usize,
        end: usize,
        word: Word,
        pause: bool,
    },
    Numeral {
        start: usize,
        end: usize,
        text: &'a str,
    },
    Break,
}

fn tokenize(text: &str, from: usize, to: usize) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let region = &text[from..to];
    let mut it = region.char_indices().peekable();
    let mut lower = String::new();
    let mut pause = false;
    while let Some((i, c)) = it.next() {
        if c.is_alphabetic() {
            let start = i;
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphabetic() {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let w = &region[start..end];
            lower.clear();
            lower.extend(w.chars().flat_map(char::to_lowercase));
            match VOCAB.get(lower.as_str()) {
                Some(&word) => toks.push(Tok::Num {
                    start: from + start,
                    end: from + end,
                    word,
                    pause,
                }),
                None => toks.push(Tok::Break),
            }
            pause = false;
        } else if c.is_ascii_digit() {
            let start = i;
            let mut end = i + 1;
            while let Some(&(j, d)) = it.peek() {
                if d.is_ascii_digit() {
                    end = j + 1;
                    it.next();
                } else {
                    break;
                }
            }
            toks.push(Tok::Numeral {
                start: from + start,
                end: from + end,
                text: &region[start..end],
            });
            pause = false;
        } else if c == '+' {
            toks.push(Tok::Num {
                start: from + i,
                end: from + i + 1,
                word: Word::Plus,
                pause,
            });
            pause = false;
        } else if c.is_whitespace() || matches!(c, ',' | '-' | '.' | '–' | '/') {
            // separator inside a run; a comma or full stop is a pause
            if matches!(c, ',' | '.') {
                pause = true;
            }
        } else {
            toks.push(Tok::Break);
        }
    }
    toks
}

/// Digits collected from one run, with the byte span of the contributing tokens.
#[derive(Default)]
struct Run {
    digits: String,
    start: Option<usize>,
    end: usize,
    words: usize,
    plus: bool,
    pending: Option<(u8, usize)>,
    multiplier: usize,
    quatre_last: bool,
    standalone_quatre: bool,
    /// A hundreds word was said: the next two digits belong to it ("sześćset jeden" = 601).
    hundred: bool,
}

impl Run {
    fn mark(&mut self, start: usize, end: usize) {
        if self.start.is_none() {
            self.start = Some(start);
        }
        self.end = end;
    }

    fn push_digits(&mut self, s: &str) {
        let times = self.multiplier.max(1);
        if s.len() == 1 {
            for _ in 0..times {
                self.digits.push_str(s);
            }
        } else {
            for _ in 1..times {
                self.digits.push_str(&s[..1]);
            }
            self.digits.push_str(s);
        }
        self.multiplier = 0;
    }

    fn flush(&mut self) {
        if let Some((p, _)) = self.pending.take() {
            self.push_digits(&format!("{p:02}"));
        }
        if self.hundred {
            self.hundred = false;
            self.digits.push_str("00");
        }
    }

    fn word(&mut self, w: Word, start: usize, end: usize) {
        if !matches!(w, Word::Plus | Word::Conn) {
            self.words += 1;
        }
        if self.hundred && !matches!(w, Word::Conn) {
            self.hundred = false;
            match w {
                Word::Digit(_) | Word::Quatre => self.digits.push('0'),
                Word::Teen(_) | Word::Tens(_) | Word::Compound(_) => {}
                _ => self.digits.push_str("00"),
            }
        }
        match w {
            Word::Hundreds(h) => {
                self.flush();
                self.push_digits(&h.to_string());
                self.hundred = true;
                self.mark(start, end);
            }
            Word::Digit(d) => {
                match self.pending {
                    Some((p, _)) if d > 0 && (p >= 20 && p % 10 == 0 || p == 70 || p == 90) => {
                        self.pending = None;
                        self.push_digits(&format!("{}", p + d));
                    }
                    Some((10, _)) if d >= 7 => {
                        self.pending = None;
                        self.push_digits(&format!("{}", 10 + d));
                    }
                    _ => {
                        self.flush();
                        self.push_digits(&d.to_string());
                    }
                }
                self.mark(start, end);
            }
            Word::Quatre => {
                let standalone = !matches!(self.pending, Some((p, _)) if p >= 20 && p % 10 == 0);
                self.word(Word::Digit(4), start, end);
                self.words -= 1;
                self.standalone_quatre = standalone;
            }
            Word::Teen(v) => {
                match self.pending {
                    Some((60 | 80, _)) if v == 10 => {
                        if let Some((p, s)) = self.pending {
                            self.pending = Some((p + 10, s));
                        }
                    }
                    Some((p @ (60 | 80), _)) => {
                        self.pending = None;
                        self.push_digits(&format!("{}", p + v));
                    }
                    _ => {
                        self.flush();
                        if v == 10 {
                            self.pending = Some((10, start));
                        } else {
                            self.push_digits(&v.to_string());
                        }
                    }
                }
                self.mark(start, end);
            }
            Word::Tens(t) => {
                // French quatre-vingt(s) = 80: undo the 4 just written.
                if t == 20 && self.last_was_quatre() {
                    self.digits.pop();
                    self.pending = Some((80, start));
                } else {
                    self.flush();
                    self.pending = Some((t, start));
                }
                self.mark(start, end);
            }
            Word::Compound(v) => {
                self.flush();
                self.push_digits(&v.to_string());
                self.mark(start, end);
            }
            Word::Double => {
                self.flush();
                self.multiplier = 2;
                self.mark(start, end);
            }
            Word::Triple => {
                self.flush();
                self.multiplier = 3;
                self.mark(start, end);
            }
            Word::Plus => {
                self.plus = true;
                self.mark(start, end);
            }
            Word::Conn => {}
        }
    }

    fn last_was_quatre(&self) -> bool {
        self.pending.is_none()
            && self.digits.ends_with('4')
            && self.quatre_last
            && self.standalone_quatre
    }
}

pub(crate) fn find(text: &str, out: &mut Vec<Finding>) {
    let Some(pre) = PREFILTER.as_ref() else {
        return;
    };
    let matches: Vec<(usize, usize)> = pre.find_iter(text).map(|m| (m.start(), m.end())).collect();
    if matches.is_empty() {
        return;
    }
    let mut found = Vec::new();
    find_runs(text, &matches, &mut found);
    spelled_values(text, &matches, out);
    for f in found {
        // A spoken confirmation or booking number is not a phone number; a card number is a card
        // number whatever the words before it.
        if f.entity == EntityType::Phone
            && super::phone::context(text, f.start) == super::phone::Context::NotPhone
        {
            continue;
        }
        out.push(f);
    }
}

fn find_runs(text: &str, matches: &[(usize, usize)], out: &mut Vec<Finding>) {
    let mut last_end = 0;
    for &(m_start, m_end) in matches {
        // Extend to whole words (the pre-filter has no word boundaries) and a little to the left
        // so that a leading "+49" or "plus" is part of the run.
        let from = floor_boundary(text, m_start.saturating_sub(12)).max(last_end);
        let from = floor_boundary(text, from);
        let mut to = m_end;
        while let Some(c) = text[to..].chars().next() {
            if c.is_alphanumeric() {
                to += c.len_utf8();
            } else {
                break;
            }
        }
        let to = ceil_boundary(text, to);
        if from >= to {
            continue;
        }
        last_end = to;
        scan_region(text, from, to, out);
    }
}

fn scan_region(text: &str, from: usize, to: usize, out: &mut Vec<Finding>) {
    // The region may start inside a word: skip to the next word start.
    let mut from = from;
    if from > 0 {
        while let Some(c) = text[from..to].chars().next() {
            let prev = text[..from].chars().next_back();
            if prev.is_some_and(char::is_alphanumeric) && c.is_alphanumeric() {
                from += c.len_utf8();
            } else {
                break;
            }
        }
    }
    let toks = tokenize(text, from, to);
    let mut run = Run::default();
    for tok in toks {
        match tok {
            Tok::Num {
                start,
                end,
                word,
                pause,
            } => {
                if pause {
                    // "quarante, zéro deux": a pause ends a pending tens word and "quatre-vingt".
                    run.flush();
                    run.quatre_last = false;
                }
                if word == Word::Plus && (run.words > 0 || !run.digits.is_empty()) {
                    emit(&mut run, out);
                }
                if word == Word::Conn && run.pending.is_none() {
                    emit(&mut run, out);
                    continue;
                }
                run.word(word, start, end);
                run.quatre_last = word == Word::Quatre;
            }
            Tok::Numeral { start, end, text } => {
                run.flush();
                run.push_digits(text);
                run.mark(start, end);
                run.quatre_last = false;
            }
            Tok::Break => emit(&mut run, out),
        }
    }
    emit(&mut run, out);
}

fn emit(run: &mut Run, out: &mut Vec<Finding>) {
    run.flush();
    let r = std::mem::take(run);
    let Some(start) = r.start else { return };
    let n = r.digits.len();
    let number_words = r.words;
    if n < 7 || number_words < 2 || start >= r.end {
        return;
    }
    let digits = checks::digits(&r.digits);
    let (entity, score) = if (13..=19).contains(&n) && checks::is_card(&digits) && !r.plus {
        (EntityType::CreditCard, 0.9)
    } else if n <= 15 {
        let strong = r.plus || r.digits.starts_with('0');
        (EntityType::Phone, if strong { 0.85 } else { 0.7 })
    } else {
        (EntityType::Phone, 0.5)
    };
    out.push(Finding::new(start, r.end, entity, score));
}

/// Spelling alphabet words (NATO/ICAO and the common variants) and the letter each stands for.
const PHONETIC: &[(&str, char)] = &[
    ("alpha", 'A'),
    ("alfa", 'A'),
    ("bravo", 'B'),
    ("charlie", 'C'),
    ("delta", 'D'),
    ("echo", 'E'),
    ("foxtrot", 'F'),
    ("golf", 'G'),
    ("hotel", 'H'),
    ("india", 'I'),
    ("juliet", 'J'),
    ("juliett", 'J'),
    ("kilo", 'K'),
    ("lima", 'L'),
    ("mike", 'M'),
    ("november", 'N'),
    ("oscar", 'O'),
    ("papa", 'P'),
    ("quebec", 'Q'),
    ("romeo", 'R'),
    ("sierra", 'S'),
    ("tango", 'T'),
    ("uniform", 'U'),
    ("victor", 'V'),
    ("whiskey", 'W'),
    ("whisky", 'W'),
    ("xray", 'X'),
    ("x-ray", 'X'),
    ("yankee", 'Y'),
    ("zulu", 'Z'),
    // Letter names that are not one letter long.
    ("zeta", 'Z'),
    ("zett", 'Z'),
    ("zed", 'Z'),
    ("zee", 'Z'),
    ("equis", 'X'),
    ("iks", 'X'),
    ("jota", 'J'),
    ("ypsilon", 'Y'),
    ("igrek", 'Y'),
];

/// One decoded character of a spelled run and the byte span of the words that said it.
#[derive(Clone, Copy)]
struct Said {
    c: u8,
    start: usize,
    end: usize,
}

/// Spoken and spelled values with a check digit, in transcripts: runs of single letters (or
/// spelling-alphabet words, or a two-letter country code) and digits or number words, decoded
/// to one string and accepted only when a check holds: an IBAN (country length and mod-97), a
/// Polish PESEL (check digit and birth date), a French NIR (mod-97 key), an Italian codice
/// fiscale (check letter), a Spanish DNI/NIE (check letter).
fn spelled_values(text: &str, matches: &[(usize, usize)], out: &mut Vec<Finding>) {
    // Regions around the number runs, widened for the letters said before and between them.
    let mut regions: Vec<(usize, usize)> = Vec::new();
    for &(m_start, m_end) in matches {
        let from = floor_boundary(text, m_start.saturating_sub(48));
        let to = ceil_boundary(text, (m_end + 48).min(text.len()));
        match regions.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => regions.push((from, to)),
        }
    }
    for (from, to) in regions {
        for segment in decode_segments(text, from, to) {
            check_segment(&segment, out);
        }
    }
}

/// The region's words decoded into runs of characters (a word that is neither a letter, a
/// spelling word nor a number ends a run).
/// Decodes one region: a [`Run`] for the number words, and the characters decoded so far with
/// the spans of the words that said them.
#[derive(Default)]
struct Decoder {
    run: Run,
    cur: Vec<Said>,
    segments: Vec<Vec<Said>>,
    /// Characters of `run.digits` already in `cur`.
    attributed: usize,
    /// Start of the first word whose characters are not decoded yet (a pending tens word).
    pending_start: Option<usize>,
    /// End of the last word of the region.
    last_end: usize,
}

impl Decoder {
    /// Moves what the run decoded since the last call into `cur`, with the span from the first
    /// word not yet accounted for to `end`.
    fn attribute(&mut self, start: usize, end: usize) {
        let bytes = self.run.digits.as_bytes();
        // French `quatre-vingt`: the 4 already decoded is taken back.
        if bytes.len() < self.attributed {
            let mut first = None;
            while self.cur.len() > bytes.len() {
                first = self.cur.pop().map(|x| x.start);
            }
            self.attributed = bytes.len();
            if let Some(f) = first {
                self.pending_start = Some(self.pending_start.map_or(f, |p| p.min(f)));
            }
        }
        if bytes.len() > self.attributed {
            let s = self.pending_start.take().unwrap_or(start);
            for &c in &bytes[self.attributed..] {
                self.cur.push(Said { c, start: s, end });
            }
            self.attributed = bytes.len();
        } else {
            self.pending_start.get_or_insert(start);
        }
    }

    /// Appends characters said by the word `start..end` (letters, a country code, `DE89`).
    fn push_chars(&mut self, chars: &str, start: usize, end: usize) {
        self.run.flush();
        self.attribute(start, end);
        self.run.digits.push_str(chars);
        self.attribute(start, end);
    }

    /// Ends the current run: what it decoded becomes a segment.
    fn end_run(&mut self) {
        self.run.flush();
        let last = self.last_end;
        self.attribute(last, last);
        self.run = Run::default();
        self.attributed = 0;
        self.pending_start = None;
        if !self.cur.is_empty() {
            self.segments.push(std::mem::take(&mut self.cur));
        }
    }

    /// One word of the region.
    fn word(&mut self, w: &str, start: usize, end: usize, lower: &str) {
        let letters_only = w.chars().all(char::is_alphabetic);
        let single_letter = w.len() == 1 && w.as_bytes()[0].is_ascii_alphabetic();
        let phonetic = PHONETIC.iter().find(|(p, _)| *p == lower).map(|(_, l)| *l);
        match VOCAB.get(lower).copied() {
            // A connective between tens and units (`treinta y cuatro`) stays one.
            Some(Word::Conn) if self.run.pending.is_some() => {}
            Some(word) if word != Word::Conn && word != Word::Plus => {
                self.run.word(word, start, end);
                self.run.quatre_last = word == Word::Quatre;
                self.attribute(start, end);
            }
            _ if single_letter || phonetic.is_some() => {
                let l =
                    phonetic.unwrap_or_else(|| char::from(w.as_bytes()[0].to_ascii_uppercase()));
                self.push_chars(l.encode_utf8(&mut [0; 4]), start, end);
            }
            // A country code said as one word (`de`, `PL`) starts a new run.
            _ if letters_only
                && w.len() == 2
                && checks::sepa_iban_len(w.to_ascii_uppercase().as_bytes()).is_some() =>
            {
                self.end_run();
                self.push_chars(&w.to_ascii_uppercase(), start, end);
            }
            // Letters and digits written together (`DE89`, `X054`).
            _ if w.is_ascii() && !letters_only && w.len() <= 8 => {
                self.push_chars(&w.to_ascii_uppercase(), start, end);
            }
            _ => self.end_run(),
        }
        self.last_end = end;
    }
}

/// The region's words decoded into runs of characters (a word that is neither a letter, a
/// spelling word nor a number ends a run).
fn decode_segments(text: &str, from: usize, to: usize) -> Vec<Vec<Said>> {
    let mut d = Decoder {
        last_end: from,
        ..Decoder::default()
    };
    let region = &text[from..to];
    // Skip a partial word at the start of the region.
    let mut skip_to = 0;
    if from > 0
        && text[..from]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    {
        skip_to = region
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(region.len(), |(i, _)| i);
    }
    let base = from + skip_to;
    let mut it = region[skip_to..].char_indices().peekable();
    let mut pause = false;
    let mut lower = String::new();
    while let Some((i, c)) = it.next() {
        if c.is_alphanumeric() {
            let start = base + i;
            let mut end = start + c.len_utf8();
            while let Some(&(j, ch)) = it.peek() {
                if !ch.is_alphanumeric() {
                    break;
                }
                end = base + j + ch.len_utf8();
                it.next();
            }
            let w = &text[start..end];
            lower.clear();
            lower.extend(w.chars().flat_map(char::to_lowercase));
            if pause {
                d.run.flush();
                d.run.quatre_last = false;
            }
            pause = false;
            d.word(w, start, end, &lower);
        } else if c.is_whitespace() || matches!(c, '-' | '–' | '/' | ':') {
        } else if matches!(c, ',' | '.') {
            pause = true;
        } else {
            d.end_run();
        }
    }
    d.end_run();
    d.segments
}

/// Values with a check in one decoded run.
fn check_segment(seg: &[Said], out: &mut Vec<Finding>) {
    let s: Vec<u8> = seg.iter().map(|x| x.c.to_ascii_uppercase()).collect();
    let n = s.len();
    let mut push = |i: usize, len: usize, entity: EntityType, score: f32| {
        if let (Some(a), Some(b)) = (seg.get(i), seg.get(i + len - 1)) {
            out.push(Finding::new(a.start, b.end, entity, score));
        }
    };
    // IBAN: country letters, two check digits, the country's length, mod-97.
    let mut i = 0;
    while i + 4 <= n {
        if s[i].is_ascii_uppercase()
            && s[i + 1].is_ascii_uppercase()
            && s[i + 2].is_ascii_digit()
            && s[i + 3].is_ascii_digit()
            && let Some(len) = checks::sepa_iban_len(&s[i..i + 2])
            && i + len <= n
            && checks::iban_mod97(&s[i..i + len])
        {
            push(i, len, EntityType::Iban, 0.95);
            i += len;
            continue;
        }
        i += 1;
    }
    // Maximal runs of digits (PESEL, NIR) and of letters and digits (codice fiscale, DNI/NIE).
    let digit_runs = runs(&s, u8::is_ascii_digit);
    for &(a, b) in &digit_runs {
        let d: Vec<u8> = s[a..b].iter().map(|x| x - b'0').collect();
        if b - a == 11 && checks::pesel_ok(&d) {
            push(a, 11, EntityType::NationalId, 0.9);
        } else if b - a == 15 && checks::nir_ok(&s[a..b]) {
            push(a, 15, EntityType::NationalId, 0.9);
        }
    }
    for (a, b) in runs(&s, u8::is_ascii_alphanumeric) {
        let mut start = a;
        while start < b {
            let mut hit = None;
            for len in [16, 9] {
                let Some(v) = s.get(start..start + len).filter(|_| start + len <= b) else {
                    continue;
                };
                let ok = if len == 16 {
                    checks::codice_fiscale_ok(v)
                } else {
                    // DNI/NIE: eight digits (or X/Y/Z and seven) and the check letter.
                    v[8].is_ascii_uppercase() && checks::dni_nie_ok(v)
                };
                if ok {
                    hit = Some(len);
                    break;
                }
            }
            if let Some(len) = hit {
                push(start, len, EntityType::NationalId, 0.9);
                start += len;
            } else {
                start += 1;
            }
        }
    }
}

/// Maximal runs of bytes with `f`.
fn runs(s: &[u8], f: fn(&u8) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, b) in s.iter().enumerate() {
        match (f(b), start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                out.push((a, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        out.push((a, s.len()));
    }
    out
}
