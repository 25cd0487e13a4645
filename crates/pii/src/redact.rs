//! Redaction operators and the redactor for text and JSON.

use std::fmt;
use std::str::FromStr;

use hmac::{Hmac, KeyInit, Mac};
use serde_json::Value;
use sha2::Sha256;

use crate::detect::Detector;
use crate::{EntityType, Finding};

/// The environment variable that holds the pseudonym key (at least 16 bytes).
pub const KEY_ENV_VAR: &str = "VOICEHIVE_PII_KEY";

/// What to put in place of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Operator {
    /// `<EMAIL>`, `<PHONE>`, … (the default).
    #[default]
    Tag,
    /// Every letter and digit becomes `*`; separators stay. Card numbers keep their last four
    /// digits (`**** **** **** 4444`).
    Mask,
    /// `<EMAIL:3f2a9c1d>`: the tag and the first 8 hex digits of HMAC-SHA256(key, type ‖
    /// normalised value). The same value gives the same pseudonym in every record, so logs stay
    /// joinable; without the key it cannot be reversed or recomputed. Falls back to
    /// [`Operator::Tag`] when [`Operators`] has no key.
    Pseudonym,
    /// The value is removed.
    Remove,
}

impl Operator {
    /// The operator's name as accepted by [`FromStr`].
    pub fn name(self) -> &'static str {
        match self {
            Operator::Tag => "tag",
            Operator::Mask => "mask",
            Operator::Pseudonym => "pseudonym",
            Operator::Remove => "remove",
        }
    }
}

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing an [`Operator`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown operator {0:?} (expected tag, mask, pseudonym or remove)")]
pub struct ParseOperatorError(String);

impl FromStr for Operator {
    type Err = ParseOperatorError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "tag" | "replace" => Ok(Operator::Tag),
            "mask" => Ok(Operator::Mask),
            "pseudonym" | "hmac" => Ok(Operator::Pseudonym),
            "remove" | "redact" => Ok(Operator::Remove),
            _ => Err(ParseOperatorError(s.to_owned())),
        }
    }
}

/// Errors of the pseudonym key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The key is shorter than 16 bytes.
    #[error("the pseudonym key must be at least 16 bytes long, got {0}")]
    TooShort(usize),
    /// `Operator::Pseudonym` was asked for but no key is set.
    #[error("the pseudonym operator needs a key: set {KEY_ENV_VAR} (at least 16 bytes)")]
    Missing,
    /// The environment variable is not valid Unicode.
    #[error("{KEY_ENV_VAR} is not valid UTF-8")]
    NotUnicode,
}

/// The secret key of [`Operator::Pseudonym`]. `Debug` never shows it.
#[derive(Clone)]
pub struct PseudonymKey {
    mac: Hmac<Sha256>,
}

impl fmt::Debug for PseudonymKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PseudonymKey([redacted])")
    }
}

impl PseudonymKey {
    /// A key from raw bytes (at least 16).
    pub fn new(key: &[u8]) -> Result<Self, KeyError> {
        if key.len() < 16 {
            return Err(KeyError::TooShort(key.len()));
        }
        let mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
            .map_err(|_| KeyError::TooShort(key.len()))?;
        Ok(PseudonymKey { mac })
    }

    /// The key from [`KEY_ENV_VAR`] (`VOICEHIVE_PII_KEY`): `Ok(None)` when unset or empty.
    pub fn from_env() -> Result<Option<Self>, KeyError> {
        match std::env::var(KEY_ENV_VAR) {
            Ok(v) if v.is_empty() => Ok(None),
            Ok(v) => Self::new(v.as_bytes()).map(Some),
            Err(std::env::VarError::NotPresent) => Ok(None),
            Err(std::env::VarError::NotUnicode(_)) => Err(KeyError::NotUnicode),
        }
    }

    /// The 8-hex-digit pseudonym of a value of type `entity`.
    pub fn pseudonym(&self, entity: EntityType, value: &str) -> String {
        let mut mac = self.mac.clone();
        mac.update(entity.tag().as_bytes());
        mac.update(b"\x00");
        mac.update(normalise(entity, value).as_bytes());
        let out = mac.finalize().into_bytes();
        let mut hex = String::with_capacity(8);
        for b in out.iter().take(4) {
            hex.push(char::from(HEX[usize::from(b >> 4)]));
            hex.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
        hex
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The canonical form a pseudonym is computed from, so that formatting does not matter:
/// `+49 171 2345678` and `+491712345678` get the same pseudonym.
fn normalise(entity: EntityType, value: &str) -> String {
    match entity {
        EntityType::Email | EntityType::Person => value
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
        EntityType::Phone | EntityType::CreditCard => {
            value.chars().filter(char::is_ascii_digit).collect()
        }
        EntityType::Iban | EntityType::Passport | EntityType::NationalId => value
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect(),
        EntityType::IpAddress | EntityType::DateOfBirth => value.trim().to_lowercase(),
    }
}

/// Which operator applies to which entity type, and the pseudonym key.
///
/// ```
/// use pii::{EntityType, Operator, Operators};
///
/// let ops = Operators::new(Operator::Tag).with(EntityType::CreditCard, Operator::Mask);
/// assert_eq!(pii::redact_text("card 5555 5555 5555 4444, anna@example.de", &ops),
///            "card **** **** **** 4444, <EMAIL>");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Operators {
    default: Operator,
    per_entity: [Option<Operator>; EntityType::ALL.len()],
    key: Option<PseudonymKey>,
}

impl Operators {
    /// `default` for every entity type.
    pub fn new(default: Operator) -> Self {
        Operators {
            default,
            per_entity: [None; EntityType::ALL.len()],
            key: None,
        }
    }

    /// Pseudonyms for every entity type, with `key`.
    pub fn pseudonym(key: PseudonymKey) -> Self {
        Operators::new(Operator::Pseudonym).with_key(key)
    }

    /// `op` for `entity`.
    #[must_use]
    pub fn with(mut self, entity: EntityType, op: Operator) -> Self {
        self.per_entity[entity.index()] = Some(op);
        self
    }

    /// The pseudonym key.
    #[must_use]
    pub fn with_key(mut self, key: PseudonymKey) -> Self {
        self.key = Some(key);
        self
    }

    /// `default` for every entity type, with the pseudonym key from `VOICEHIVE_PII_KEY` when set.
    /// `Operator::Pseudonym` without a key set is an error here (rather than a silent fallback).
    pub fn from_env(default: Operator) -> Result<Self, KeyError> {
        let key = PseudonymKey::from_env()?;
        if default == Operator::Pseudonym && key.is_none() {
            return Err(KeyError::Missing);
        }
        let mut ops = Operators::new(default);
        ops.key = key;
        Ok(ops)
    }

    /// The operator for `entity` (a pseudonym without a key becomes a tag).
    pub fn operator_for(&self, entity: EntityType) -> Operator {
        let op = self.per_entity[entity.index()].unwrap_or(self.default);
        if op == Operator::Pseudonym && self.key.is_none() {
            Operator::Tag
        } else {
            op
        }
    }

    /// The replacement for `value`, a finding of type `entity`.
    pub fn replacement(&self, entity: EntityType, value: &str) -> String {
        match self.operator_for(entity) {
            Operator::Tag => format!("<{}>", entity.tag()),
            Operator::Remove => String::new(),
            Operator::Mask => mask(entity, value),
            Operator::Pseudonym => match &self.key {
                Some(key) => format!("<{}:{}>", entity.tag(), key.pseudonym(entity, value)),
                None => format!("<{}>", entity.tag()),
            },
        }
    }
}

fn mask(entity: EntityType, value: &str) -> String {
    let keep_from = if entity == EntityType::CreditCard {
        let total = value.chars().filter(char::is_ascii_digit).count();
        total.saturating_sub(4)
    } else {
        usize::MAX
    };
    let mut seen = 0;
    value
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen > keep_from { c } else { '*' }
            } else if c.is_alphanumeric() {
                '*'
            } else {
                c
            }
        })
        .collect()
}

/// Applies `findings` (sorted, non-overlapping spans of `text`, as [`Detector::detect`] returns
/// them) with `operators`.
pub fn apply(text: &str, findings: &[Finding], operators: &Operators) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for f in findings {
        if f.start < last
            || f.end > text.len()
            || !text.is_char_boundary(f.start)
            || !text.is_char_boundary(f.end)
        {
            continue;
        }
        out.push_str(&text[last..f.start]);
        out.push_str(&operators.replacement(f.entity, &text[f.start..f.end]));
        last = f.end;
    }
    out.push_str(&text[last..]);
    out
}

/// A detector and a set of operators.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    detector: Detector,
    operators: Operators,
}

impl Redactor {
    /// A redactor.
    pub fn new(detector: Detector, operators: Operators) -> Self {
        Redactor {
            detector,
            operators,
        }
    }

    /// The detector.
    pub fn detector(&self) -> &Detector {
        &self.detector
    }

    /// The operators.
    pub fn operators(&self) -> &Operators {
        &self.operators
    }

    /// `text` with every finding replaced.
    pub fn redact_text(&self, text: &str) -> String {
        let findings = self.detector.detect(text);
        if findings.is_empty() {
            return text.to_owned();
        }
        apply(text, &findings, &self.operators)
    }

    /// A copy of `value` with keys kept and string values redacted; the whole value of a known
    /// name (or birth date, e-mail, phone, card, IBAN, ID document) field is replaced. Numbers
    /// that hold personal data (a card number, a phone number) become redacted strings.
    pub fn redact_json(&self, value: &Value) -> Value {
        let mut v = value.clone();
        self.redact_json_in_place(&mut v);
        v
    }

    /// [`Redactor::redact_json`] in place.
    pub fn redact_json_in_place(&self, value: &mut Value) {
        rewrite_leaves(value, None, None, &|s, key, parent| {
            self.redact_leaf(s, key, parent)
        });
    }

    fn redact_leaf(&self, s: &str, key: Option<&str>, parent: Option<&str>) -> Option<String> {
        if let Some(entity) = key.and_then(|k| crate::fields::whole_value_entity(k, parent, s))
            && self.detector.is_enabled(entity)
        {
            return Some(self.operators.replacement(entity, s.trim()));
        }
        let findings = self.detector.detect(s);
        (!findings.is_empty()).then(|| apply(s, &findings, &self.operators))
    }
}

/// A leaf's replacement, given its text, its key and the key of the object that holds it.
pub(crate) type LeafRewrite<'a> = dyn Fn(&str, Option<&str>, Option<&str>) -> Option<String> + 'a;

/// Visits every string and number leaf of `value` with its key and the key of the object that
/// holds it; a leaf for which `leaf` returns a replacement becomes that string (numbers too).
/// Keys are kept. Shared by [`Redactor::redact_json`] and the known-value context.
pub(crate) fn rewrite_leaves(
    value: &mut Value,
    key: Option<&str>,
    parent: Option<&str>,
    leaf: &LeafRewrite<'_>,
) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                rewrite_leaves(v, Some(k.as_str()), key.or(parent), leaf);
            }
        }
        Value::Array(items) => {
            for v in items {
                rewrite_leaves(v, key, parent, leaf);
            }
        }
        Value::String(s) => {
            if let Some(r) = leaf(s, key, parent) {
                *s = r;
            }
        }
        Value::Number(n) => {
            let s = n.to_string();
            if let Some(r) = leaf(&s, key, parent) {
                *value = Value::String(r);
            }
        }
        Value::Bool(_) | Value::Null => {}
    }
}
