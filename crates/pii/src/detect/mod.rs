//! The detector: runs every recognizer over a text, resolves overlaps, and walks JSON values.

mod card;
mod cvv;
mod dob;
mod dob_spoken;
mod email;
mod encoded;
mod iban;
mod ids;
mod ip;
mod mrz;
pub(crate) mod names;
pub(crate) mod person;
mod phone;
mod spoken;
mod structured;
mod url;
pub(crate) mod util;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Serialize;
use serde_json::Value;

use crate::{EntityType, Finding};

/// Finds personal data in text and JSON.
///
/// Cheap to create and to clone: all patterns are compiled once per process (on first use) and
/// shared. Each call is independent, so a detector can be used line by line on a stream and
/// from many threads.
///
/// ```
/// use pii::{Detector, EntityType};
///
/// let text = "Call me on +49 171 2345678 or write to anna.schmidt@example.de";
/// let found = Detector::new().detect(text);
/// let kinds: Vec<_> = found.iter().map(|f| f.entity).collect();
/// assert_eq!(kinds, [EntityType::Phone, EntityType::Email]);
/// assert_eq!(found[1].text(text), "anna.schmidt@example.de");
/// ```
#[derive(Debug, Clone)]
pub struct Detector {
    enabled: [bool; EntityType::ALL.len()],
    min_score: f32,
}

impl Default for Detector {
    fn default() -> Self {
        Self::new()
    }
}

/// A finding inside a JSON document: the string (or number) at `pointer` (RFC 6901, `""` for the
/// root) holds personal data at `finding`'s byte span of that string. `whole_value` is set when
/// the field's name makes the entire value personal data (`"firstName"`, `"dateOfBirth"`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonFinding {
    /// JSON pointer of the value.
    pub pointer: String,
    /// Span within the value's string (for a number: its decimal text).
    pub finding: Finding,
    /// The whole value is personal data because of its key.
    pub whole_value: bool,
}

static DEFAULT: LazyLock<Detector> = LazyLock::new(Detector::new);

/// The process-wide default detector (every entity type, no score threshold).
pub fn detector() -> &'static Detector {
    &DEFAULT
}

impl Detector {
    /// A detector for every entity type.
    pub fn new() -> Self {
        Detector {
            enabled: [true; EntityType::ALL.len()],
            min_score: 0.0,
        }
    }

    /// A detector for the given entity types only.
    pub fn with_entities(entities: &[EntityType]) -> Self {
        let mut enabled = [false; EntityType::ALL.len()];
        for e in entities {
            enabled[e.index()] = true;
        }
        Detector {
            enabled,
            min_score: 0.0,
        }
    }

    /// Drops findings scored below `min_score` (default 0: keep everything; redaction prefers
    /// recall).
    #[must_use]
    pub fn min_score(mut self, min_score: f32) -> Self {
        self.min_score = min_score;
        self
    }

    /// Whether this detector looks for `entity`.
    pub fn is_enabled(&self, entity: EntityType) -> bool {
        self.enabled[entity.index()]
    }

    /// Finds personal data in `text`. Findings are sorted by start, never overlap, and their
    /// spans lie on `char` boundaries of `text`.
    pub fn detect(&self, text: &str) -> Vec<Finding> {
        let mut raw = Vec::new();
        if text.is_empty() {
            return raw;
        }
        let has_digit = text.bytes().any(|b| b.is_ascii_digit());
        let on = |e: EntityType| self.enabled[e.index()];
        if on(EntityType::Email) {
            email::find(text, &mut raw);
        }
        if has_digit {
            if on(EntityType::CreditCard) {
                card::find(text, &mut raw);
            }
            if on(EntityType::Iban) {
                iban::find(text, &mut raw);
            }
            if on(EntityType::IpAddress) {
                ip::find(text, &mut raw);
            }
            if on(EntityType::Phone) {
                phone::find(text, &mut raw);
            }
            encoded::find(text, &mut raw, on(EntityType::Phone), on(EntityType::Iban));
            if on(EntityType::DateOfBirth) {
                dob::find(text, &mut raw);
            }
            if on(EntityType::Passport) || on(EntityType::NationalId) {
                ids::find(text, &mut raw);
            }
        }
        if on(EntityType::Passport) || on(EntityType::NationalId) {
            mrz::find(text, &mut raw);
        }
        if on(EntityType::Phone) || on(EntityType::CreditCard) {
            spoken::find(text, &mut raw);
        }
        if on(EntityType::CreditCard) {
            cvv::find(text, &mut raw);
        }
        if on(EntityType::DateOfBirth) {
            dob_spoken::find(text, &mut raw);
        }
        if on(EntityType::Person) {
            person::find(text, &mut raw);
            // The answer to the agent's name question in a transcript (a cue's finding wins).
            for (s, e) in crate::known::dialogue::answered_names(text) {
                raw.push(Finding::new(s, e, EntityType::Person, 0.55));
            }
        }
        structured::find(text, &mut raw);
        url::find(text, &mut raw);
        raw.retain(|f| {
            self.enabled[f.entity.index()]
                && f.score >= self.min_score
                && f.start < f.end
                && text.is_char_boundary(f.start)
                && text.is_char_boundary(f.end)
                && f.end <= text.len()
        });
        resolve_overlaps(raw)
    }

    /// Finds personal data in every string (and number) of a JSON value. Values of known name,
    /// birth-date, e-mail, phone, card, IBAN and ID-document fields are reported whole; other
    /// strings are scanned as text.
    pub fn detect_json(&self, value: &Value) -> Vec<JsonFinding> {
        let mut out = Vec::new();
        self.walk(value, &mut String::new(), None, None, &mut out);
        out
    }

    fn walk(
        &self,
        value: &Value,
        pointer: &mut String,
        key: Option<&str>,
        parent_key: Option<&str>,
        out: &mut Vec<JsonFinding>,
    ) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&k.replace('~', "~0").replace('/', "~1"));
                    self.walk(v, pointer, Some(k), key.or(parent_key), out);
                    pointer.truncate(len);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    // Array elements inherit the array's key as their field name.
                    self.walk(v, pointer, key, parent_key, out);
                    pointer.truncate(len);
                }
            }
            Value::String(s) => self.scan_leaf(s, pointer, key, parent_key, out),
            Value::Number(n) => self.scan_leaf(&n.to_string(), pointer, key, parent_key, out),
            Value::Bool(_) | Value::Null => {}
        }
    }

    fn scan_leaf(
        &self,
        s: &str,
        pointer: &str,
        key: Option<&str>,
        parent_key: Option<&str>,
        out: &mut Vec<JsonFinding>,
    ) {
        if s.trim().is_empty() {
            return;
        }
        if let Some(entity) = key.and_then(|k| crate::fields::whole_value_entity(k, parent_key, s))
            && self.enabled[entity.index()]
        {
            let trimmed_start = s.len() - s.trim_start().len();
            let trimmed_end = s.trim_end().len();
            out.push(JsonFinding {
                pointer: pointer.to_owned(),
                finding: Finding::new(trimmed_start, trimmed_end, entity, 0.9),
                whole_value: true,
            });
            return;
        }
        for f in self.detect(s) {
            out.push(JsonFinding {
                pointer: pointer.to_owned(),
                finding: f,
                whole_value: false,
            });
        }
    }
}

/// Keeps the best of overlapping findings: higher score first, then the longer span, then the
/// earlier one. Output is sorted by start.
fn resolve_overlaps(mut raw: Vec<Finding>) -> Vec<Finding> {
    if raw.len() <= 1 {
        return raw;
    }
    raw.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    // start -> end of accepted spans
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut kept: Vec<Finding> = Vec::with_capacity(raw.len());
    for f in raw {
        let overlaps_prev = taken
            .range(..f.end)
            .next_back()
            .is_some_and(|(_, &end)| end > f.start);
        if overlaps_prev {
            continue;
        }
        taken.insert(f.start, f.end);
        kept.push(f);
    }
    kept.sort_by_key(|f| f.start);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(EntityType, String)> {
        Detector::new()
            .detect(text)
            .into_iter()
            .map(|f| (f.entity, f.text(text).to_owned()))
            .collect()
    }

    #[test]
    fn overlap_resolution_prefers_checksums() {
        let f = resolve_overlaps(vec![
            Finding::new(0, 10, EntityType::Phone, 0.5),
            Finding::new(0, 16, EntityType::CreditCard, 1.0),
            Finding::new(20, 25, EntityType::Person, 0.6),
        ]);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].entity, EntityType::CreditCard);
    }

    #[test]
    fn finds_the_basic_entities() {
        let k = kinds(
            "Mail anna@example.de, card 5555 5555 5555 4444, IBAN DE89 3704 0044 0532 0130 00.",
        );
        assert_eq!(
            k,
            vec![
                (EntityType::Email, "anna@example.de".to_owned()),
                (EntityType::CreditCard, "5555 5555 5555 4444".to_owned()),
                (EntityType::Iban, "DE89 3704 0044 0532 0130 00".to_owned()),
            ]
        );
    }
}
