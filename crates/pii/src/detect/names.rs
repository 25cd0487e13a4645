//! Names without a cue, from shipped lists of given names and surnames (en, de, fr, it, es, nl,
//! pl; `names/`, built by `names/build.py` from `@faker-js/faker` and `Faker`, both
//! MIT; see docs/adr/0018-pii-name-lists.md).
//!
//! A given name followed by a surname, both from the lists, is a person: `lily morgan uh
//! ringing about …`, `ja goedemiddag met daan visser`, `Lily Morgan` anywhere. Either side may
//! be double-barrelled (`anna-lena`, `müller-lüdenscheidt`), the surname may carry particles
//! (`van der`, `de la`, `di`, `von`, `du`, `dos`), diacritics are folded. Guards: a single name
//! is never enough; words that are ordinary words in one of the seven languages (stop words,
//! months, weekdays, number words, call and hotel vocabulary) are not names here; both words in
//! the same case (lower or Title); no name inside an identifier, a path, a URL or an e-mail
//! address; not after a house number (`16 Michael Hill, …`); not after a place noun (`hotel`,
//! `via`, `chiesa`, `suite`, `alameda` …), also across name-like words before the pair. The
//! caller (`person::find`) also drops cue-less names before a company's legal form.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashSet;
use std::sync::LazyLock;

use crate::known::fold::fold;
use crate::lexicon::months;
use crate::lexicon::numbers;
use crate::lexicon::weekdays;
use crate::{EntityType, Finding};

// FNV-1a (the `fnv` crate): the sets are looked up for every word of a text; SipHash's DoS
// resistance buys nothing for a fixed, shipped key set, and FNV is several times faster on short
// words.
type NameSet = HashSet<&'static str, fnv::FnvBuildHasher>;

fn parse(list: &'static str) -> NameSet {
    list.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect()
}

static GIVEN: LazyLock<NameSet> = LazyLock::new(|| parse(include_str!("../../names/given.txt")));

static SURNAMES: LazyLock<NameSet> =
    LazyLock::new(|| parse(include_str!("../../names/surnames.txt")));

/// Given names and surnames that the Polish lists carry: the bases of declined forms
/// (`kowalczyka`, `nowakiem`, `annie`, `tomkowi`).
static POLISH: LazyLock<NameSet> = LazyLock::new(|| {
    let pl = |list: &'static str| {
        list.lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .filter(|(_, langs)| langs.split(',').any(|l| l.trim() == "pl"))
            .map(|(n, _)| n.trim())
            .collect::<Vec<_>>()
    };
    let mut set = NameSet::default();
    set.extend(pl(include_str!("../../names/given.txt")));
    set.extend(pl(include_str!("../../names/surnames.txt")));
    set
});

/// The first three letters of every name of [`POLISH`], as [`GIVEN_TRIGRAMS`].
static POLISH_TRIGRAMS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; 26 * 26 * 26 / 64 + 1];
    for name in POLISH.iter() {
        if let Some(t) = trigram(name) {
            bits[t / 64] |= 1 << (t % 64);
        }
    }
    bits
});

/// A bit per first three letters and length of every name of [`POLISH`] (see [`tl_bits`]).
static POLISH_TL: LazyLock<Vec<u64>> = LazyLock::new(|| tl_bits(&POLISH));

/// A bit per (first three letters, length up to 31) of the names of `set` that start with three
/// letters a-z: a word whose bit is clear is not in `set`, known without hashing it.
fn tl_bits(set: &NameSet) -> Vec<u64> {
    let mut bits = vec![0u64; 26 * 26 * 26 * 32 / 64];
    for name in set.iter() {
        if let Some(t) = trigram(name) {
            let k = t * 32 + name.len().min(31);
            if let Some(w) = bits.get_mut(k / 64) {
                *w |= 1 << (k % 64);
            }
        }
    }
    bits
}

/// Whether the bit of `tl_bits` for trigram `t` and length `len` is set.
fn tl_bit(bits: &[u64], t: usize, len: usize) -> bool {
    let k = t * 32 + len.min(31);
    bits.get(k / 64).is_some_and(|w| w & (1 << (k % 64)) != 0)
}

/// Whether a folded word is a declined form of a name of the Polish lists: a case ending of
/// `known::SUFFIXES` (`-a -u -owi -em -iem -ie -y -i -ego -iego -emu -ej -iej …`; not the
/// possessive `s`) replaced by the base's ending (none, `-a`, `-i`), with the `e` that drops
/// (`tomek` → `tomkowi`) and the consonant alternations before `-e` (`agnieszka` →
/// `agnieszce`, `marta` → `marcie`, `barbara` → `barbarze`) undone. The word itself must not be
/// an ordinary word (`marca` is March, not Marc's).
pub(crate) fn declined_name(folded: &str) -> bool {
    let b = folded.as_bytes();
    if b.len() < 5 || b.len() > 28 || !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    // The first three letters stay (`tomek` → `tomkowi`): most words end here.
    if trigram(folded).is_some_and(|t| {
        POLISH_TRIGRAMS
            .get(t / 64)
            .is_none_or(|w| w & (1 << (t % 64)) == 0)
    }) {
        return false;
    }
    let mut buf = [0u8; 32];
    let mut base = |stem: &[u8], add: &[u8]| -> bool {
        let n = stem.len() + add.len();
        if n < 4 || n > buf.len() {
            return false;
        }
        buf[..stem.len()].copy_from_slice(stem);
        buf[stem.len()..n].copy_from_slice(add);
        let candidate = &buf[..n];
        // Most stems are no listed base: their (trigram, length) bit is clear.
        if let [a, b, c, ..] = candidate
            && [a, b, c].iter().all(|x| x.is_ascii_lowercase())
        {
            let t =
                usize::from(a - b'a') * 676 + usize::from(b - b'a') * 26 + usize::from(c - b'a');
            if !tl_bit(&POLISH_TL, t, n) {
                return false;
            }
        }
        std::str::from_utf8(candidate).is_ok_and(|s| POLISH.contains(s) && !excluded(s))
    };
    let mut hit = false;
    for suffix in crate::known::SUFFIXES {
        // The last byte first: most suffixes end here, without a slice comparison.
        if suffix.as_bytes().last() != b.last() || matches!(*suffix, "s" | "es") {
            continue;
        }
        let Some(stem) = b.strip_suffix(suffix.as_bytes()) else {
            continue;
        };
        if stem.len() < 3 {
            continue;
        }
        hit = base(stem, b"")
            || base(stem, b"a")
            || base(stem, b"i")
            // The e that drops: tomek → tomka, wróbel → wróbla, kowalec → kowalca.
            || matches!(stem.last(), Some(b'k' | b'l' | b'c' | b'n'))
                && stem.len() >= 3
                && !matches!(stem[stem.len() - 2], b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
                && {
                    let (head, last) = stem.split_at(stem.len() - 1);
                    let mut with_e = [0u8; 30];
                    let n = head.len();
                    n + 2 <= with_e.len() && {
                        with_e[..n].copy_from_slice(head);
                        with_e[n] = b'e';
                        with_e[n + 1] = last[0];
                        base(&with_e[..n + 2], b"")
                    }
                }
            // Before -e: agnieszce, jadwidze, marcie, dzie → d, barbarze, małgosze.
            || matches!(*suffix, "e" | "ie")
                && [
                    (&b"c"[..], &b"ka"[..]),
                    (b"dz", b"ga"),
                    (b"ci", b"ta"),
                    (b"dzi", b"da"),
                    (b"rz", b"ra"),
                    (b"sz", b"cha"),
                ]
                .iter()
                .any(|(from, to)| stem.strip_suffix(*from).is_some_and(|s| base(s, to)));
        if hit {
            break;
        }
    }
    hit && !excluded(folded)
}

/// A listed given name or surname, or a declined form of a Polish one (a lone name after a
/// cue: `it's sophie`, `met sanne`, `tu kasia`, `z panem kowalczykiem`).
pub(crate) fn is_listed_name(folded: &str) -> bool {
    folded.len() >= 3
        && (all_parts(folded, in_given) && !excluded(folded)
            || surname_word(folded)
            || declined_name(folded))
}

/// Words that are never a name here although a list may carry them: call and hotel vocabulary,
/// weekdays, fillers, forms of address, common words the lists' exclusion missed.
const NOT_NAMES: &[&str] = &[
    // Hotel and call vocabulary.
    "hotel",
    "room",
    "suite",
    "guest",
    "booking",
    "reservation",
    "check",
    "night",
    "nights",
    "breakfast",
    "parking",
    "airport",
    "station",
    "taxi",
    "transfer",
    "deposit",
    "card",
    "number",
    "email",
    "mail",
    "phone",
    "call",
    "calling",
    "ringing",
    "please",
    "thanks",
    "thank",
    "hello",
    "hi",
    "yes",
    "yeah",
    "okay",
    "sure",
    "right",
    "sorry",
    "bye",
    "good",
    "morning",
    "evening",
    "afternoon",
    "double",
    "single",
    "twin",
    "king",
    "queen",
    "deluxe",
    "superior",
    "standard",
    "junior",
    "executive",
    "family",
    "garden",
    "terrace",
    "tower",
    "spa",
    "pool",
    "lake",
    "sea",
    "view",
    "city",
    "park",
    "bar",
    "lounge",
    "restaurant",
    "chapel",
    "church",
    "cathedral",
    "museum",
    "street",
    "road",
    "square",
    "avenue",
    "lane",
    "zimmer",
    "nacht",
    "frühstück",
    "fruhstuck",
    "chambre",
    "nuit",
    "camera",
    "notte",
    "habitacion",
    "noche",
    "kamer",
    "nacht",
    "pokoj",
    "noc",
    "ja",
    "nein",
    "oui",
    "non",
    "si",
    "no",
    "tak",
    "nie",
    "nee",
    "bitte",
    "danke",
    "merci",
    "grazie",
    "gracias",
    "dank",
    "dziekuje",
    "prosze",
    "signor",
    "signora",
    "senor",
    "senora",
    "monsieur",
    "madame",
    "herr",
    "frau",
    "pan",
    "pani",
    "meneer",
    "mevrouw",
    "mister",
    "miss",
    "uh",
    "um",
    "erm",
    "eh",
    "ehm",
    "euh",
    "ah",
    "oh",
    "hmm",
    "mhm",
    "also",
    "alors",
    "allora",
    "bueno",
    "pues",
    "nou",
    "dus",
    "wiec",
    "no",
    "new",
    "old",
    "big",
    "small",
    "grand",
    "royal",
    "palace",
    "central",
    "plaza",
    "santa",
    "san",
    "saint",
    "sankt",
    "st",
    "via",
    "rue",
    "calle",
    "piazza",
    "strasse",
    "will",
    "may",
    "rose",
    "mark",
    "bill",
    "hope",
    "white",
    "long",
    "wolf",
    "koch",
    "bauer",
    "de",
    "van",
    "von",
    "der",
    "den",
    "del",
    "della",
    "di",
    "da",
    "du",
    "dos",
    "la",
    "le",
    "madonna",
    // Given names that are also ordinary words (kept out of the lists, but name-like before a
    // pair: `callejón rosa maría andreu`).
    "rosa",
    "luz",
    "paz",
    "pilar",
    "dolores",
    "rosario",
    "sol",
    "stella",
    "mar",
    "luna",
    "flor",
    "mercedes",
    "christmas",
    "easter",
    "noel",
    "navidad",
    "natale",
    "pasqua",
    "ostern",
    "paques",
    "weihnachten",
    "kerst",
    "pasen",
    "wigilia",
    "wielkanoc",
];

/// Particles between a given name and a surname (`daan van der berg`, `lily de la cruz`).
const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "das", "la", "le",
    "ten", "ter", "zu", "vom", "mc", "mac", "st", "d'", "l'",
];

static EXCLUDED: LazyLock<HashSet<String, fnv::FnvBuildHasher>> = LazyLock::new(|| {
    let mut set: HashSet<String, fnv::FnvBuildHasher> =
        NOT_NAMES.iter().map(|w| (*w).to_owned()).collect();
    set.extend(months::names(&months::ALL));
    set.extend(weekdays::names(&months::ALL));
    set.extend(numbers::words().into_iter().map(|(w, _)| fold(&w)));
    // The Polish genitive of May is also a frequent given name (`maja kowalska`).
    set.remove("maja");
    set
});

/// The first three letters (a-z) of every listed given name (and of each part of a double one):
/// a bit per trigram, to turn most words down without hashing them.
static GIVEN_TRIGRAMS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; 26 * 26 * 26 / 64 + 1];
    for name in GIVEN.iter() {
        if let Some(t) = trigram(name) {
            bits[t / 64] |= 1 << (t % 64);
        }
    }
    bits
});

/// A bit per first three letters and length of every listed given name (see [`tl_bits`]).
static GIVEN_TL: LazyLock<Vec<u64>> = LazyLock::new(|| tl_bits(&GIVEN));

/// Whether `folded` is in [`GIVEN`], turning most words down by their (trigram, length) bit.
fn in_given(folded: &str) -> bool {
    if let Some(t) = trigram(folded)
        && !tl_bit(&GIVEN_TL, t, folded.len())
    {
        return false;
    }
    GIVEN.contains(folded)
}

fn trigram(w: &str) -> Option<usize> {
    match w.as_bytes() {
        [a, b, c, ..]
            if a.is_ascii_lowercase() && b.is_ascii_lowercase() && c.is_ascii_lowercase() =>
        {
            Some(usize::from(a - b'a') * 676 + usize::from(b - b'a') * 26 + usize::from(c - b'a'))
        }
        _ => None,
    }
}

/// Whether a folded word may start with a listed given name (false: it certainly does not).
fn may_be_given(folded: &str) -> bool {
    match trigram(folded) {
        Some(t) => GIVEN_TRIGRAMS
            .get(t / 64)
            .is_some_and(|w| w & (1 << (t % 64)) != 0),
        None => true,
    }
}

/// Whether a folded word is a listed given name (not an ordinary word).
pub(crate) fn is_given_name(folded: &str) -> bool {
    in_given(folded) && !excluded(folded)
}

/// A listed surname, or the feminine form of a listed Polish one (`wiśniewska`, `nowicka`).
fn listed_surname(folded: &str) -> bool {
    in_surnames(folded)
        || (folded.ends_with("ska") || folded.ends_with("cka"))
            && folded
                .strip_suffix("ka")
                .is_some_and(|stem| in_surnames(&format!("{stem}ki")))
}

/// A bit per first three letters and length of every listed surname (see [`tl_bits`]).
static SURNAMES_TL: LazyLock<Vec<u64>> = LazyLock::new(|| tl_bits(&SURNAMES));

/// Whether `folded` is in [`SURNAMES`] (as [`in_given`]).
fn in_surnames(folded: &str) -> bool {
    if let Some(t) = trigram(folded)
        && !tl_bit(&SURNAMES_TL, t, folded.len())
    {
        return false;
    }
    SURNAMES.contains(folded)
}

fn excluded(folded: &str) -> bool {
    EXCLUDED.contains(folded) || super::person::is_stop(folded)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Lower,
    Title,
    Other,
}

struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    case: OnceCell<Case>,
    /// Folded (borrowed when the word is lower-case ASCII already; empty for mixed case).
    folded: OnceCell<Cow<'a, str>>,
}

impl<'a> Word<'a> {
    fn raw(&self) -> &'a str {
        &self.text[self.start..self.end]
    }

    fn case(&self) -> Case {
        *self.case.get_or_init(|| word_case(self.raw()))
    }

    fn folded(&self) -> &str {
        self.folded.get_or_init(|| {
            let w = self.raw();
            match self.case() {
                Case::Other => Cow::Borrowed(""),
                _ if w.bytes().all(|b| b.is_ascii_lowercase()) => Cow::Borrowed(w),
                _ => Cow::Owned(fold(w)),
            }
        })
    }
}

/// Calls `f(start, end, joined)` for every word of `text` (letters with inner hyphens and
/// apostrophes). A word is "joined" to the previous one when only one or two spaces or tabs
/// separate them.
fn scan_words(text: &str, mut f: impl FnMut(usize, usize, bool)) {
    let bytes = text.as_bytes();
    let to = bytes.len();
    // The byte length of the character at `i` when it is a non-ASCII letter, 0 otherwise.
    let wide_letter = |i: usize| -> usize {
        text.get(i..)
            .and_then(|r| r.chars().next())
            .filter(|c| c.is_alphabetic())
            .map_or(0, char::len_utf8)
    };
    // The byte length of the character at `i` when it is a letter, 0 otherwise (ASCII fast).
    let letter = |i: usize| -> usize {
        match bytes.get(i) {
            Some(c) if c.is_ascii() => usize::from(c.is_ascii_alphabetic()),
            Some(_) => wide_letter(i),
            None => 0,
        }
    };
    let mut i = 0;
    let mut prev_end: Option<usize> = None;
    while i < to {
        let b = bytes[i];
        let l = if b < 0x80 {
            usize::from(b.is_ascii_alphabetic())
        } else {
            wide_letter(i)
        };
        if l == 0 {
            // The byte length of the character at `i` (a char boundary).
            i += match b {
                0..0x80 => 1,
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            continue;
        }
        let start = i;
        let mut end = i + l;
        loop {
            // ASCII letters first, without the general test.
            while end < to && bytes[end].is_ascii_alphabetic() {
                end += 1;
            }
            let l = letter(end);
            if l > 0 {
                end += l;
                continue;
            }
            // An inner hyphen or apostrophe followed by a letter (`anna-lena`, `o'connor`).
            let sep = match bytes.get(end) {
                Some(b'-' | b'\'') => 1,
                Some(0xE2) if text.get(end..).is_some_and(|r| r.starts_with('’')) => 3,
                _ => 0,
            };
            if sep > 0 && letter(end + sep) > 0 {
                end += sep;
                continue;
            }
            break;
        }
        let joined = prev_end.is_some_and(|p| {
            let gap = &bytes[p..start];
            !gap.is_empty() && gap.len() <= 2 && gap.iter().all(|&c| c == b' ' || c == b'\t')
        });
        f(start, end, joined);
        prev_end = Some(end);
        i = end;
    }
}

/// Certainly not a listed given name (checked on the raw bytes, before folding and without
/// allocating: most words of a text end here).
fn surely_not_given(raw: &str, scratch: &mut String) -> bool {
    if raw.len() < 3 {
        return true;
    }
    if !raw.is_ascii() {
        // Folded into a buffer reused across words (as `fold`, without allocating).
        scratch.clear();
        for c in raw.chars() {
            crate::known::fold::fold_char(c, scratch);
        }
        let folded = scratch.as_str();
        let first = folded.split(['-', '\'', '’']).next().unwrap_or("");
        return !in_given(first) && !declined_name(folded);
    }
    let raw = raw.as_bytes();
    // Trigram bit first: turns most words down without copying or hashing them.
    if let [a, b, c, ..] = raw
        && a.is_ascii_alphabetic()
        && b.is_ascii_alphabetic()
        && c.is_ascii_alphabetic()
    {
        let t = usize::from(a.to_ascii_lowercase() - b'a') * 676
            + usize::from(b.to_ascii_lowercase() - b'a') * 26
            + usize::from(c.to_ascii_lowercase() - b'a');
        if GIVEN_TRIGRAMS
            .get(t / 64)
            .is_none_or(|w| w & (1 << (t % 64)) == 0)
        {
            return true;
        }
    }
    // The first part of a double name (`anna` of `anna-lena`), lower-cased on the stack.
    let part = raw
        .iter()
        .position(|&b| b == b'-' || b == b'\'')
        .map_or(raw, |p| &raw[..p]);
    let mut buf = [0u8; 24];
    let Some(dst) = buf.get_mut(..part.len()) else {
        return true;
    };
    for (d, s) in dst.iter_mut().zip(part) {
        *d = s.to_ascii_lowercase();
    }
    match std::str::from_utf8(dst) {
        Ok(p) => !in_given(p) && !declined_name(p),
        Err(_) => false,
    }
}

fn word_case(w: &str) -> Case {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return Case::Other;
    };
    let rest_lower = || {
        w.split(['-', '\'', '’']).all(|p| {
            let mut cs = p.chars();
            cs.next();
            cs.all(|c| !c.is_uppercase())
        })
    };
    if first.is_lowercase() && w.chars().all(|c| !c.is_uppercase()) {
        Case::Lower
    } else if first.is_uppercase() && rest_lower() {
        Case::Title
    } else {
        Case::Other
    }
}

/// Each hyphen part passes `test` (`anna-lena`); one-letter parts before an apostrophe
/// (`o'connor`, `d'angelo`) are skipped.
fn all_parts(folded: &str, test: impl Fn(&str) -> bool) -> bool {
    if !folded.contains(['-', '\'', '’']) {
        return folded.len() >= 2 && test(folded);
    }
    let mut any = false;
    for p in folded.split(['-', '\'', '’']) {
        if p.len() < 2 {
            continue;
        }
        if !test(p) {
            return false;
        }
        any = true;
    }
    any
}

/// Characters before a word that put it inside an identifier, a path, an address or a URL.
fn inside_code(text: &str, w: &Word<'_>) -> bool {
    let before = text[..w.start].chars().next_back();
    let after = text[w.end..].chars().next();
    before.is_some_and(|c| matches!(c, '_' | '.' | '/' | '@' | '\\' | '#' | '$' | '%' | '&'))
        || before.is_some_and(char::is_alphanumeric)
        || after.is_some_and(|c| matches!(c, '_' | '/' | '@' | '\\' | '(' | '.' | '%'))
            && !text[w.end..]
                .chars()
                .nth(1)
                .is_none_or(|c| c == ' ' || c == '\n')
        || after.is_some_and(char::is_alphanumeric)
}

/// A listed surname; double-barrelled: one part listed, the others plain words of three
/// letters or more (`müller-lüdenscheidt`, `cooper-smith`).
fn surname_word(folded: &str) -> bool {
    folded.len() >= 3
        && !excluded(folded)
        && all_parts(folded, |p| p.len() >= 3 && !excluded(p))
        && folded.split(['-', '\'', '’']).any(listed_surname)
}

/// Whether a place noun comes before the pair at word `i`, also across up to two name-like
/// words before it (`acceso de julio césar doménech`: `julio` is also a month, so the pair
/// starts at `césar`).
fn after_place_name(text: &str, ws: &[(Word<'_>, bool)], i: usize) -> bool {
    let mut k = i;
    for _ in 0..3 {
        let Some((w, _)) = ws.get(k) else {
            return false;
        };
        if super::person::after_place_noun(text, w.start) {
            return true;
        }
        let name_like = |x: &Word<'_>| in_given(x.folded()) || EXCLUDED.contains(x.folded());
        match k.checked_sub(1).and_then(|p| ws.get(p)) {
            Some((prev, _)) if ws[k].1 && name_like(prev) => k -= 1,
            _ => return false,
        }
    }
    false
}

/// A house number right before a word (`16 Michael Hill, TD6 9ZB`, `12 rue …`): an address.
pub(crate) fn after_house_number(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t']);
    before.len() < start && before.ends_with(|c: char| c.is_ascii_digit())
}

/// Given name (+ optional second given name) + particles + surname, from the lists.
pub(crate) fn find(text: &str, out: &mut Vec<Finding>) {
    // Cheap pre-check: no two adjacent words, no pair.
    if !text.contains([' ', '\t']) {
        return;
    }
    // One pass over the words: their spans, and the indices of those that may be a listed
    // given name (found without building anything).
    let mut spans: Vec<(usize, usize, bool)> = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    let mut scratch = String::new();
    scan_words(text, |start, end, joined| {
        if !surely_not_given(&text[start..end], &mut scratch) {
            candidates.push(spans.len());
        }
        spans.push((start, end, joined));
    });
    if candidates.is_empty() {
        return;
    }
    // Each candidate is examined among the words around it: a window from three words before
    // it (the place-noun look-back) to six after it (second given name, three particles,
    // surname, second surname), the words built only there.
    let mut covered = 0;
    let mut window: Vec<(Word<'_>, bool)> = Vec::with_capacity(10);
    for k in candidates {
        if spans[k].0 < covered {
            continue;
        }
        let lo = k.saturating_sub(3);
        let hi = (k + 7).min(spans.len());
        window.clear();
        window.extend(spans[lo..hi].iter().map(|&(start, end, joined)| {
            (
                Word {
                    start,
                    end,
                    text,
                    case: OnceCell::new(),
                    folded: OnceCell::new(),
                },
                joined,
            )
        }));
        if let Some(end) = pair_at(text, &window, k - lo, out) {
            covered = end;
        }
    }
}

/// The pair starting at word `i` of `ws`, if any: pushes the finding and returns its end.
fn pair_at(text: &str, ws: &[(Word<'_>, bool)], i: usize, out: &mut Vec<Finding>) -> Option<usize> {
    let (first, _) = ws.get(i)?;
    if first.case() == Case::Other
        || first.folded().len() < 3
        || !may_be_given(first.folded())
        || !(all_parts(first.folded(), in_given) || declined_name(first.folded()))
        || excluded(first.folded())
        || after_house_number(text, first.start)
        || inside_code(text, first)
    {
        return None;
    }
    let case = first.case();
    let mut j = i + 1;
    // A second given name ("anna maria rossi"): only when a surname follows.
    if j + 1 < ws.len()
        && ws[j].1
        && ws[j].0.case() == case
        && is_given_name(ws[j].0.folded())
        && ws[j + 1].1
        && ws[j + 1].0.case() == case
        && surname_word(ws[j + 1].0.folded())
    {
        j += 1;
    }
    let mut particles = 0;
    while j < ws.len() && ws[j].1 && particles < 3 && PARTICLES.contains(&ws[j].0.folded()) {
        j += 1;
        particles += 1;
    }
    let (last, joined) = ws.get(j)?;
    let surname_ok = *joined
        && (last.case() == case || (particles > 0 && last.case() != Case::Other))
        && last.folded().len() >= 3
        && !excluded(last.folded())
        && !inside_code(text, last)
        && (surname_word(last.folded())
                || declined_name(last.folded())
                // After particles, the core word need not be listed (`van der meulen`).
                || particles > 0 && last.folded().chars().all(char::is_alphabetic));
    if !surname_ok {
        return None;
    }
    // Spanish and Portuguese names carry two surnames (`javier fernández lópez`).
    let mut end = last.end;
    if let Some((second, true)) = ws.get(j + 1)
        && second.case() == case
        && surname_word(second.folded())
        && !inside_code(text, second)
    {
        end = second.end;
    }
    if after_place_name(text, ws, i) {
        return None;
    }
    out.push(Finding::new(first.start, end, EntityType::Person, 0.5));
    Some(end)
}
