//! Entity types and findings.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The kind of personal data a [`Finding`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntityType {
    /// An e-mail address, written (`anna@example.de`) or spoken (`anna dot schmidt at gmail dot com`).
    Email,
    /// A phone number: international or national format of an EU/EEA country, the UK or
    /// Switzerland (other `+CC` numbers too), or spoken as words in a transcript.
    Phone,
    /// A payment card number (13-19 digits, Luhn, known IIN range).
    CreditCard,
    /// An IBAN of a SEPA country (per-country length, mod-97).
    Iban,
    /// An IPv4 or IPv6 address (loopback and unspecified addresses excluded).
    IpAddress,
    /// A date of birth: a date next to a birth cue ("born on", "DOB", "geboren am", ...).
    DateOfBirth,
    /// A passport number (DE, FR, IT, ES, NL, UK formats; in context).
    Passport,
    /// A national ID or tax number (DE Personalausweis, FR CNI, IT codice fiscale, ES DNI/NIE,
    /// NL BSN, UK NINO, ...).
    NationalId,
    /// A person's name: value of a known name field, or after a cue ("my name is", "Name:").
    Person,
}

impl EntityType {
    /// Every entity type, in declaration order.
    pub const ALL: [EntityType; 9] = [
        EntityType::Email,
        EntityType::Phone,
        EntityType::CreditCard,
        EntityType::Iban,
        EntityType::IpAddress,
        EntityType::DateOfBirth,
        EntityType::Passport,
        EntityType::NationalId,
        EntityType::Person,
    ];

    /// The upper-case tag used in redacted output (`<EMAIL>`) and in scan reports.
    pub fn tag(self) -> &'static str {
        match self {
            EntityType::Email => "EMAIL",
            EntityType::Phone => "PHONE",
            EntityType::CreditCard => "CREDIT_CARD",
            EntityType::Iban => "IBAN",
            EntityType::IpAddress => "IP_ADDRESS",
            EntityType::DateOfBirth => "DATE_OF_BIRTH",
            EntityType::Passport => "PASSPORT",
            EntityType::NationalId => "NATIONAL_ID",
            EntityType::Person => "PERSON",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// The error of parsing an [`EntityType`] from its tag.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown entity type {0:?} (expected one of EMAIL, PHONE, CREDIT_CARD, IBAN, IP_ADDRESS, DATE_OF_BIRTH, PASSPORT, NATIONAL_ID, PERSON)"
)]
pub struct ParseEntityError(String);

impl FromStr for EntityType {
    type Err = ParseEntityError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EntityType::ALL
            .into_iter()
            .find(|e| e.tag().eq_ignore_ascii_case(s))
            .ok_or_else(|| ParseEntityError(s.to_owned()))
    }
}

/// One piece of personal data found in a text.
///
/// `start..end` is a byte range of the scanned `&str`, always on `char` boundaries. The finding
/// never holds the value itself; use [`Finding::text`] with the scanned text to get it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Finding {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What kind of personal data it is.
    pub entity: EntityType,
    /// Confidence in `0.0..=1.0`: 1.0 for checksum-validated values, lower for format or
    /// context matches.
    pub score: f32,
}

impl Finding {
    pub(crate) fn new(start: usize, end: usize, entity: EntityType, score: f32) -> Self {
        Finding {
            start,
            end,
            entity,
            score,
        }
    }

    /// The byte range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The matched slice of `text` (the text this finding was produced from), or `""` when the
    /// range does not fit `text`.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.range()).unwrap_or("")
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty (never the case for findings from the detector).
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }
}
