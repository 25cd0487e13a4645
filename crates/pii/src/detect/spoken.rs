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
    let mut found = Vec::new();
    find_runs(text, &mut found);
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

fn find_runs(text: &str, out: &mut Vec<Finding>) {
    let Some(pre) = PREFILTER.as_ref() else {
        return;
    };
    let mut last_end = 0;
    for m in pre.find_iter(text) {
        // Extend to whole words (the pre-filter has no word boundaries) and a little to the left
        // so that a leading "+49" or "plus" is part of the run.
        let from = floor_boundary(text, m.start().saturating_sub(12)).max(last_end);
        let from = floor_boundary(text, from);
        let mut to = m.end();
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
