//! Known-value redaction: the values the system already knows about a guest or caller (from
//! the booking request, the PMS answer, the caller's number, what the dialogue learned) are
//! removed from that request's or call's text in every form they take — written, in other case
//! or without diacritics, digits read as words in seven languages, letter by letter, an e-mail
//! address read out, an inflected surname.

pub(crate) mod dialogue;
pub(crate) mod fold;
pub(crate) mod words;

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

use crate::redact::{Operator, Redactor, rewrite_leaves};
use crate::{EntityType, Finding};
use dialogue::Asked;
use fold::{Kind, Token, fold, tokenize};

/// Endings of declined names: Polish cases (`Nowak` → `nowaka`, `nowakowi`, `nowakiem`,
/// `nowaku`; `Kowalski` → `kowalskiego`, `kowalskiemu`, `kowalskim`; `Anna` → `anny`, `annie`,
/// `annę`), genitive/possessive `s` (German, Dutch, English). The detector reads the Polish ones
/// backwards (`detect::names`: `kowalczyka` is a listed surname's form).
pub(crate) const SUFFIXES: &[&str] = &[
    "a", "u", "owi", "em", "om", "ie", "e", "y", "i", "o", "ow", "owie", "ami", "ach", "s", "es",
    "iego", "iemu", "im", "iej", "ej", "ich", "imi", "ego", "emu", "ym", "ymi", "ych", "owa",
    "owej", "owna", "owny", "iem", "owskiej",
];

/// Parts of a name that are not personal on their own.
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "del", "della", "delle", "di", "da", "du", "des", "la", "le",
    "dos", "das", "ten", "ter", "zu", "vom", "zur", "y", "e", "mc", "mac", "st", "af", "av",
    // Titles and forms of address that come with a name.
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "herr", "frau", "hr", "fr", "mme", "mlle",
    "monsieur", "madame", "sig", "sigra", "signor", "signora", "dott", "sra", "sr", "srta",
    "senor", "senora", "don", "dona", "dhr", "mevr", "mevrouw", "meneer", "pan", "pani",
];

/// Pieces of an e-mail address that are not personal on their own.
const MAILBOX_WORDS: &[&str] = &[
    "info",
    "mail",
    "email",
    "contact",
    "hotel",
    "booking",
    "bookings",
    "reservation",
    "reservations",
    "office",
    "admin",
    "team",
    "hello",
    "support",
    "service",
    "sales",
    "gmail",
    "yahoo",
    "hotmail",
    "outlook",
    "live",
    "icloud",
    "web",
    "gmx",
    "wp",
    "onet",
    "orange",
    "free",
    "libero",
    "telefonica",
    "ziggo",
    "kpn",
    "com",
    "net",
    "org",
];

#[derive(Clone)]
struct Target {
    entity: EntityType,
    /// Folded text the tokens must read as.
    canon: String,
    /// Index into `KnownValues::values` (for pseudonyms).
    value: usize,
    /// Shortest run of `canon` that counts (whole `canon` unless `anywhere`).
    min_len: usize,
    /// Any run of at least `min_len` characters of `canon` counts (phone and document numbers
    /// read out in part).
    anywhere: bool,
    /// A `.`, `-` or `_` of `canon` may go unsaid (a whole e-mail address read out).
    skip_separators: bool,
}

#[derive(Clone)]
struct NameWord {
    exact: String,
    /// Stems that take a declension ending.
    stems: Vec<String>,
    value: usize,
}

/// Values known to belong to the guest or caller of one request or call, matched in every
/// form they take in that request's or call's text.
///
/// Names match case- and diacritic-insensitively, per part (`Lily van der Berg` → `lily`,
/// `berg`), in declined forms (`Kowalczyk` → `kowalczyka`, `kowalczykiem`, `kowalczykowi`;
/// `Anna` → `annie`), with German transliteration (`Müller` = `Mueller`) and spelled letter by
/// letter (`n o w a k`, `j-o-s-é`, `N. O. W. A. K.`). E-mail addresses match written or read
/// out (`anna dot schmidt at gmail dot com`, `chiocciola`, `Klammeraffe`, `arobase`, `arroba`,
/// `apenstaartje`, `małpa`, `kropka`, `[at]`, `[dot]`, spelled, percent-encoded). Phone,
/// card, IBAN and document numbers match formatted any way (`+49 (0)171 …`, `0171/…`) or read
/// out as words in English, German, French, Italian, Spanish, Dutch and Polish (`soixante-dix-
/// sept`, `tweeëntwintig`, `double seven`), in whole or any run of seven (eight for documents)
/// of their characters.
///
/// `Debug` prints only how many values are known, never the values.
#[derive(Clone, Default)]
pub struct KnownValues {
    values: Vec<(EntityType, String)>,
    targets: Vec<Target>,
    names: Vec<NameWord>,
}

impl fmt::Debug for KnownValues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KnownValues")
            .field("values", &self.values.len())
            .finish_non_exhaustive()
    }
}

impl KnownValues {
    /// No known values.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether nothing is known yet.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty() && self.names.is_empty()
    }

    /// How many values were added (after removing duplicates).
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// The values as added.
    pub(crate) fn values(&self) -> &[(EntityType, String)] {
        &self.values
    }

    /// Adds a value of the given type: names ([`EntityType::Person`]) by part, e-mail addresses,
    /// phone numbers, and card, IBAN, passport, ID, birth-date and IP values by their letters and
    /// digits. Empty and very short values (a name part of one letter, a number of fewer than six
    /// digits) are ignored: they would match too much.
    pub fn add(&mut self, entity: EntityType, value: &str) -> &mut Self {
        let value = value.trim();
        if value.is_empty()
            || value.starts_with('<')
            || self.values.iter().any(|(e, v)| *e == entity && v == value)
        {
            return self;
        }
        let idx = self.values.len();
        self.values.push((entity, value.to_owned()));
        match entity {
            EntityType::Person => self.add_name(value, idx),
            EntityType::Email => self.add_email(value, idx),
            EntityType::Phone => self.add_phone(value, idx),
            EntityType::CreditCard
            | EntityType::Iban
            | EntityType::Passport
            | EntityType::NationalId => self.add_number(entity, value, idx, 8),
            EntityType::DateOfBirth | EntityType::IpAddress => {
                self.add_number(entity, value, idx, usize::MAX);
            }
        }
        self
    }

    /// Adds a person's name (a full name, or a given name or surname alone).
    fn add_name(&mut self, name: &str, value: usize) {
        for part in fold(name).split(|c: char| !c.is_alphabetic()) {
            if part.chars().count() < 2 || PARTICLES.contains(&part) {
                continue;
            }
            self.add_name_part(part, EntityType::Person, value);
        }
        // Müller is also written Mueller, and Mueller also Müller.
        let translit: String = name
            .to_lowercase()
            .replace('ä', "ae")
            .replace('ö', "oe")
            .replace('ü', "ue")
            .replace('ß', "ss");
        let f = fold(&translit);
        let simple = fold(name)
            .replace("ae", "a")
            .replace("oe", "o")
            .replace("ue", "u");
        for variant in [f, simple] {
            for part in variant.split(|c: char| !c.is_alphabetic()) {
                if part.chars().count() >= 2
                    && !PARTICLES.contains(&part)
                    && !self.names.iter().any(|n| n.exact == part)
                {
                    self.add_name_part(part, EntityType::Person, value);
                }
            }
        }
    }

    fn add_name_part(&mut self, part: &str, entity: EntityType, value: usize) {
        if self.names.iter().any(|n| n.exact == part) {
            return;
        }
        let mut stems = Vec::new();
        let n = part.chars().count();
        if n >= 3 {
            stems.push(part.to_owned());
            if let Some(stripped) = part.strip_suffix(['a', 'e', 'i', 'o', 'y']) {
                stems.push(stripped.to_owned());
                // Polish: Agnieszka → agnieszce, Marta → marcie, Jadwiga → jadwidze.
                if part.ends_with('a') {
                    for (from, to) in [
                        ("k", "c"),
                        ("g", "dz"),
                        ("t", "ci"),
                        ("d", "dzi"),
                        ("r", "rz"),
                        ("ch", "sz"),
                    ] {
                        if let Some(s) = stripped.strip_suffix(from) {
                            stems.push(format!("{s}{to}"));
                        }
                    }
                }
            }
            // Marek → marka, Wróbel → wróbla, Kowalec → kowalca: the e drops.
            for end in ["ek", "el", "ec", "en"] {
                if part.ends_with(end) && n >= 4 {
                    let mut s = part[..part.len() - 2].to_owned();
                    s.push_str(&end[1..]);
                    stems.push(s);
                }
            }
        }
        self.names.push(NameWord {
            exact: part.to_owned(),
            stems,
            value,
        });
        // Spelled letter by letter.
        self.targets.push(Target {
            entity,
            canon: part.to_owned(),
            value,
            min_len: part.len(),
            anywhere: false,
            skip_separators: false,
        });
    }

    /// Adds an e-mail address (also matched read out and spelled; the personal words of its
    /// local part are matched on their own).
    fn add_email(&mut self, email: &str, value: usize) {
        let canon = fold(email);
        let local = canon.split('@').next().unwrap_or("").to_owned();
        self.targets.push(Target {
            entity: EntityType::Email,
            min_len: canon.len(),
            canon,
            value,
            anywhere: false,
            skip_separators: true,
        });
        // The local part alone is mostly the guest's name run together ("lynda gray" for
        // lyndagray@…): it is tagged as a name.
        if local.len() >= 3 {
            self.targets.push(Target {
                entity: EntityType::Person,
                min_len: local.len(),
                canon: local.clone(),
                value,
                anywhere: false,
                skip_separators: false,
            });
        }
        for piece in local.split(|c: char| !c.is_alphabetic()) {
            if piece.chars().count() >= 3 && !MAILBOX_WORDS.contains(&piece) {
                self.add_name_part(piece, EntityType::Person, value);
            }
        }
    }

    /// Adds a phone number, written in any format or read out as words.
    fn add_phone(&mut self, phone: &str, value: usize) {
        let digits = digits_of(phone);
        if digits.len() < 6 {
            return;
        }
        let international = phone.trim_start().starts_with('+') || digits.starts_with("00");
        let d = digits.strip_prefix("00").unwrap_or(&digits).to_owned();
        let min_len = d.len().min(7);
        let mut canons = vec![d.clone()];
        if international {
            // +49 171 … is also said 0171 …: the country code (1-3 digits) becomes a trunk 0.
            for cc in 1..=3 {
                if d.len() > cc + 6 {
                    canons.push(format!("0{}", &d[cc..]));
                }
            }
        }
        for canon in canons {
            self.targets.push(Target {
                entity: EntityType::Phone,
                canon,
                value,
                min_len,
                anywhere: true,
                skip_separators: false,
            });
        }
    }

    fn add_number(&mut self, entity: EntityType, value: &str, idx: usize, min_len: usize) {
        let canon: String = fold(value)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        let canon = if canon.bytes().any(|b| b.is_ascii_digit()) {
            canon
        } else {
            digits_of(value)
        };
        if canon.len() < 4 {
            return;
        }
        self.targets.push(Target {
            entity,
            min_len: canon.len().min(min_len),
            anywhere: min_len < canon.len(),
            skip_separators: false,
            canon,
            value: idx,
        });
    }

    /// Adds every personal value a JSON payload holds (a booking request, a PMS answer): whole
    /// values of name, e-mail, phone, card, IBAN, document and birth-date fields, and what the
    /// default detector finds in other strings.
    pub fn add_json(&mut self, payload: &Value) {
        for jf in crate::detector().detect_json(payload) {
            let Some(leaf) = payload.pointer(&jf.pointer) else {
                continue;
            };
            let s = match leaf {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => continue,
            };
            let v = jf.finding.text(&s).to_owned();
            self.add(jf.finding.entity, &v);
        }
    }

    /// Adds what the default detector finds in `text` (a name after "my name is", a phone
    /// number read out …), so that later mentions without a cue are found too.
    pub fn add_found_in(&mut self, text: &str) {
        for f in crate::detector().detect(text) {
            self.add(f.entity, f.text(text));
        }
    }

    /// Where the known values occur in `text`: sorted, disjoint spans on `char` boundaries,
    /// score 1.0. Adjacent parts of the same value (`anna schmidt`) form one finding.
    pub fn find(&self, text: &str) -> Vec<Finding> {
        self.find_spans(text).into_iter().map(|(f, _)| f).collect()
    }

    /// Findings with the index of the known value each belongs to.
    fn find_spans(&self, text: &str) -> Vec<(Finding, usize)> {
        if self.is_empty() || text.is_empty() {
            return Vec::new();
        }
        let tokens = tokenize(text);
        if tokens.is_empty() {
            return Vec::new();
        }
        let mut spans: Vec<(Finding, usize)> = Vec::new();
        for t in &tokens {
            if t.kind != Kind::Letters {
                continue;
            }
            if let Some(n) = self.names.iter().find(|n| name_matches(n, t.f())) {
                spans.push((
                    Finding::new(t.start, t.end, EntityType::Person, 1.0),
                    n.value,
                ));
            }
        }
        let alts: Vec<Vec<(usize, Cow<'_, str>)>> = (0..tokens.len())
            .map(|i| {
                let mut v = Vec::new();
                words::alternatives(&tokens, i, &mut v);
                v
            })
            .collect();
        let mut states: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); tokens.len() + 1];
        for target in &self.targets {
            for s in &mut states {
                s.clear();
            }
            match_target(target, &tokens, &alts, &mut states, &mut spans);
        }
        merge(text, spans)
    }
}

fn digits_of(value: &str) -> String {
    let written: String = value.chars().filter(char::is_ascii_digit).collect();
    if written.len() >= 6 {
        return written;
    }
    spoken_digits(value)
}

/// The digits a text reads as: each number word (or group such as `soixante-dix-sept`) at its
/// longest reading.
fn spoken_digits(text: &str) -> String {
    let tokens = tokenize(text);
    let mut out = String::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut alts = Vec::new();
        words::alternatives(&tokens, i, &mut alts);
        let best = alts
            .into_iter()
            .filter(|(_, f)| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
            .max_by_key(|(j, f)| (*j, f.len()));
        match best {
            Some((j, f)) => {
                out.push_str(&f);
                i = j;
            }
            None => i += 1,
        }
    }
    out
}

fn name_matches(n: &NameWord, word: &str) -> bool {
    word == n.exact
        || n.stems.iter().any(|s| {
            word.strip_prefix(s.as_str())
                .is_some_and(|rest| SUFFIXES.contains(&rest))
        })
}

/// Runs the tokens against `target` (an automaton over the target's characters; every token
/// has one or more readings) and records every run that reads as the target.
fn match_target(
    target: &Target,
    tokens: &[Token<'_>],
    alts: &[Vec<(usize, Cow<'_, str>)>],
    states: &mut [Vec<(usize, usize, usize)>],
    spans: &mut Vec<(Finding, usize)>,
) {
    let canon = target.canon.as_bytes();
    let len = canon.len();
    if len == 0 {
        return;
    }
    let n = tokens.len();
    // states[p]: (offset in canon, offset where the run started, first token) before token p.
    let push = |v: &mut Vec<(usize, usize, usize)>, s: (usize, usize, usize)| {
        if let Some(e) = v.iter_mut().find(|e| e.0 == s.0 && e.1 == s.1) {
            e.2 = e.2.min(s.2);
        } else {
            v.push(s);
        }
    };
    for p in 0..n {
        let mut cur = std::mem::take(&mut states[p]);
        if cur.is_empty() && !could_start(target, &alts[p]) {
            states[p] = cur;
            continue;
        }
        // A separator of the target may go unsaid ("anna schmidt at gmail dot com").
        if target.skip_separators {
            let mut k = 0;
            while k < cur.len() {
                let (off, soff, st) = cur[k];
                if off > soff && off < len && matches!(canon[off], b'.' | b'-' | b'_') {
                    let s = (off + 1, soff, st);
                    if !cur.iter().any(|e| e.0 == s.0 && e.1 == s.1) {
                        cur.push(s);
                    }
                }
                k += 1;
            }
        }
        for (q, frag) in &alts[p] {
            let q = *q;
            let f = frag.as_bytes();
            let Some(&first) = f.first() else {
                // Says nothing: carries the runs on.
                for &s in &cur {
                    if s.0 > s.1 && q <= n {
                        push(&mut states[q], s);
                    }
                }
                continue;
            };
            let mut step = |off: usize, soff: usize, st: usize| {
                if canon[off..].starts_with(f) {
                    let next = off + f.len();
                    if next - soff >= target.min_len && q >= 1 {
                        spans.push((
                            Finding::new(tokens[st].start, tokens[q - 1].end, target.entity, 1.0),
                            target.value,
                        ));
                    }
                    if next < len && q <= n {
                        push(&mut states[q], (next, soff, st));
                    }
                }
            };
            for &(off, soff, st) in &cur {
                step(off, soff, st);
            }
            // New runs starting here.
            if target.anywhere {
                for (o, &c) in canon.iter().enumerate() {
                    if c == first {
                        step(o, o, p);
                    }
                }
            } else if canon[0] == first {
                step(0, 0, p);
            }
        }
    }
}

/// Whether a run of `target` can start at a token with these readings.
fn could_start(target: &Target, alts: &[(usize, Cow<'_, str>)]) -> bool {
    let canon = target.canon.as_bytes();
    alts.iter().any(|(_, f)| match f.as_bytes().first() {
        None => false,
        Some(b) if target.anywhere => canon.contains(b),
        Some(b) => canon.first() == Some(b),
    })
}

/// Sorted, disjoint findings: overlapping spans are united (the longest one gives the type),
/// and spans of the same type separated only by spaces or hyphens become one.
fn merge(text: &str, mut spans: Vec<(Finding, usize)>) -> Vec<(Finding, usize)> {
    spans.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    let mut out: Vec<(Finding, usize)> = Vec::with_capacity(spans.len());
    for (f, v) in spans {
        if let Some((last, _)) = out.last_mut() {
            let gap_blank = f.start >= last.end
                && text
                    .get(last.end..f.start)
                    .is_some_and(|g| g.chars().all(|c| c == ' ' || c == '-'));
            if f.start < last.end || (gap_blank && f.entity == last.entity) {
                last.end = last.end.max(f.end);
                continue;
            }
        }
        out.push((f, v));
    }
    out
}

/// The findings of `redactor`'s detector and of `known`, united (sorted, disjoint), each with
/// the index of the known value it belongs to, if any.
fn united_spans(
    redactor: &Redactor,
    known: &KnownValues,
    text: &str,
) -> Vec<(Finding, Option<usize>)> {
    let mut spans: Vec<(Finding, usize)> = known
        .find_spans(text)
        .into_iter()
        .map(|(f, v)| (f, v + 1))
        .collect();
    spans.extend(redactor.detector().detect(text).into_iter().map(|f| (f, 0)));
    merge(text, spans)
        .into_iter()
        .map(|(f, v)| (f, v.checked_sub(1)))
        .collect()
}

/// `text` with the united findings of `redactor` and `known` replaced by the redactor's
/// operators (a known value keeps the pseudonym of the value as it was added). Shared by
/// [`RedactionContext::redact_text`] and the log scope of [`crate::logging`].
pub(crate) fn redact_united(redactor: &Redactor, known: &KnownValues, text: &str) -> String {
    let spans = united_spans(redactor, known, text);
    let ops = redactor.operators();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (f, v) in spans {
        if f.start < last || !text.is_char_boundary(f.start) || !text.is_char_boundary(f.end) {
            continue;
        }
        out.push_str(&text[last..f.start]);
        let slice = &text[f.start..f.end];
        let value = match (ops.operator_for(f.entity), v) {
            (Operator::Pseudonym, Some(i)) => known
                .values
                .get(i)
                .filter(|(e, _)| *e == f.entity)
                .map_or(slice, |(_, s)| s.as_str()),
            _ => slice,
        };
        out.push_str(&ops.replacement(f.entity, value));
        last = f.end;
    }
    out.push_str(&text[last..]);
    out
}

/// Who speaks a turn of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    /// The voice agent (or the front-desk employee).
    Agent,
    /// The guest or caller.
    Caller,
}

/// A per-request or per-call redaction context: a [`Redactor`] plus the [`KnownValues`] of
/// that request or call. Everything the redactor finds is removed, and every known value in
/// every form (see [`KnownValues`]).
///
/// For a call, feed it what is known before the call (the caller's number, the booking from the
/// PMS) and pass every turn through [`RedactionContext::redact_turn`]: it learns the name the
/// caller gives after the agent's name question, names spelled letter by letter and whatever
/// the detector finds, so later mentions without a cue (a bare surname, a declined form, the
/// e-mail read back) are removed too.
///
/// ```
/// use pii::{EntityType, RedactionContext, Speaker};
/// use serde_json::json;
///
/// let mut call = RedactionContext::default();
/// call.add(EntityType::Phone, "+48 601 234 567"); // the caller's number
/// call.learn_json(&json!({"guest": {"firstName": "Józef", "lastName": "Kowalczyk"},
///                         "email": "j.kowalczyk@example.pl"}));
///
/// let out = call.redact_turn(Speaker::Caller,
///     "dzwonię w imieniu pana kowalczyka mój numer to sześćset jeden dwa trzy cztery pięć sześć siedem");
/// assert_eq!(out, "dzwonię w imieniu pana <PERSON> mój numer to <PHONE>");
///
/// assert_eq!(call.redact_turn(Speaker::Agent, "May I have your name please?"),
///            "May I have your name please?");
/// let out = call.redact_turn(Speaker::Caller, "yes it's lily morgan uh about friday");
/// assert_eq!(out, "yes it's <PERSON> uh about friday");
/// // Learned: later a bare, lower-case mention is removed too, and so is the spelling.
/// assert_eq!(call.redact_text("morgan room 12, m o r g a n"), "<PERSON> room 12, <PERSON>");
/// assert_eq!(call.redact_text("j kropka kowalczyk małpa example kropka pl"), "<EMAIL>");
/// ```
#[derive(Clone, Default)]
pub struct RedactionContext {
    redactor: Redactor,
    known: KnownValues,
    asked: Option<Asked>,
}

impl fmt::Debug for RedactionContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedactionContext")
            .field("known", &self.known)
            .finish_non_exhaustive()
    }
}

impl RedactionContext {
    /// A context with the given redactor (detector and operators) and nothing known yet.
    pub fn new(redactor: Redactor) -> Self {
        RedactionContext {
            redactor,
            known: KnownValues::new(),
            asked: None,
        }
    }

    /// The known values.
    pub fn known(&self) -> &KnownValues {
        &self.known
    }

    /// The known values, to add to.
    pub fn known_mut(&mut self) -> &mut KnownValues {
        &mut self.known
    }

    /// Adds a known value (see [`KnownValues::add`]).
    pub fn add(&mut self, entity: EntityType, value: &str) -> &mut Self {
        self.known.add(entity, value);
        self
    }

    /// Learns every personal value of a payload (see [`KnownValues::add_json`]).
    pub fn learn_json(&mut self, payload: &Value) -> &mut Self {
        self.known.add_json(payload);
        self
    }

    /// Learns what the detector finds in `text` (see [`KnownValues::add_found_in`]).
    pub fn learn_text(&mut self, text: &str) -> &mut Self {
        self.known.add_found_in(text);
        self
    }

    /// The findings of the redactor's detector and of the known values, united: sorted,
    /// disjoint, on `char` boundaries.
    pub fn find(&self, text: &str) -> Vec<Finding> {
        self.find_spans(text).into_iter().map(|(f, _)| f).collect()
    }

    fn find_spans(&self, text: &str) -> Vec<(Finding, Option<usize>)> {
        united_spans(&self.redactor, &self.known, text)
    }

    /// `text` with every finding replaced by the redactor's operators. With pseudonyms, a known
    /// value gets the pseudonym of the value as it was added, whatever form it takes in `text`.
    pub fn redact_text(&self, text: &str) -> String {
        redact_united(&self.redactor, &self.known, text)
    }

    /// A copy of `value` with keys kept and every string redacted as by
    /// [`RedactionContext::redact_text`]; whole values of known personal fields are replaced.
    pub fn redact_json(&self, value: &Value) -> Value {
        let mut v = value.clone();
        self.redact_json_in_place(&mut v);
        v
    }

    /// [`RedactionContext::redact_json`] in place.
    pub fn redact_json_in_place(&self, value: &mut Value) {
        rewrite_leaves(value, None, None, &|s, key, parent| {
            self.redact_leaf(s, key, parent)
        });
    }

    fn redact_leaf(&self, s: &str, key: Option<&str>, parent: Option<&str>) -> Option<String> {
        if let Some(entity) = key.and_then(|k| crate::fields::whole_value_entity(k, parent, s))
            && self.redactor.detector().is_enabled(entity)
        {
            return Some(self.redactor.operators().replacement(entity, s.trim()));
        }
        let r = self.redact_text(s);
        (r != s).then_some(r)
    }

    /// One turn of a call: learns from it (the name given after the agent's name question,
    /// letters spelled out, what the detector finds) and returns it redacted.
    pub fn redact_turn(&mut self, speaker: Speaker, text: &str) -> String {
        let tokens = tokenize(text);
        match speaker {
            Speaker::Agent => {
                self.asked = dialogue::asked(text);
            }
            Speaker::Caller => {
                if self.asked == Some(Asked::Name)
                    && let Some((s, e)) = dialogue::answered_name(&tokens)
                    && let Some(name) = text.get(s..e)
                {
                    self.known.add(EntityType::Person, name);
                }
                self.asked = None;
            }
        }
        for (s, e) in dialogue::spelled_runs(&tokens) {
            let letters: String = text
                .get(s..e)
                .unwrap_or("")
                .chars()
                .filter(|c| c.is_alphabetic())
                .collect();
            self.known.add(EntityType::Person, &letters);
        }
        for email in dialogue::spoken_emails(&tokens) {
            self.known.add(EntityType::Email, &email);
        }
        self.known.add_found_in(text);
        self.redact_text(text)
    }
}
