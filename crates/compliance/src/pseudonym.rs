//! Keyed pseudonyms of data subjects.
//!
//! A guest is identified by a phone number or an e-mail address. We never store either as an
//! identifier: we normalise it ([`SubjectIdentifier`]) and store HMAC-SHA-256 under a secret key
//! ([`Pseudonymizer`]), so the same guest always maps to the same [`Pseudonym`], nobody without
//! the key can test a guess, and the raw value appears nowhere in our records.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Why an identifier or a key is refused (the message never quotes the value).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PseudonymError {
    /// Not a phone number in international form.
    #[error(
        "phone: expected an international number, `+` or `00` then 8 to 15 digits (spaces, dots, dashes and brackets allowed)"
    )]
    Phone,
    /// Not an e-mail address.
    #[error("email: expected one `@` between a non-empty local part and a domain with a dot")]
    Email,
    /// The key is too short.
    #[error("pseudonym key: at least 32 bytes are required")]
    KeyTooShort,
}

/// [`SubjectIdentifier::phone`]'s rule as an ECMA-262 regular expression (for JSON Schema),
/// with a maximum length of 40.
pub const PHONE_PATTERN: &str = r"^(\+|00)[1-9]([ .\-/()]*[0-9]){7,14}[ .\-/()]*$";

/// [`SubjectIdentifier::email`]'s rule as an ECMA-262 regular expression (for JSON Schema),
/// with a maximum length of 254.
pub const EMAIL_PATTERN: &str = r"^[^@\s]+@[^@\s.][^@\s]*\.[^@\s]*[^@\s.]$";

/// White space as ECMA-262's `\s` has it (what JSON Schema patterns use).
fn is_ecma_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// A normalised identifier of a data subject. `Debug` and `Display` never show the value.
#[derive(Clone, PartialEq, Eq)]
pub enum SubjectIdentifier {
    /// `+` and digits only, e.g. `+4930123456`.
    Phone(String),
    /// Trimmed, lower case.
    Email(String),
}

impl fmt::Debug for SubjectIdentifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Phone(_) => "Phone(<redacted>)",
            Self::Email(_) => "Email(<redacted>)",
        })
    }
}

impl SubjectIdentifier {
    /// Normalises a phone number: `+` or `00`, a digit 1-9, then digits with spaces, dots,
    /// dashes, slashes and brackets between them (which go); 8 to 15 digits in all (E.164), at
    /// most 40 characters. The API's schema states the same rule as a pattern:
    /// [`PHONE_PATTERN`].
    pub fn phone(raw: &str) -> Result<Self, PseudonymError> {
        if raw.chars().count() > 40 {
            return Err(PseudonymError::Phone);
        }
        let rest = if let Some(rest) = raw.strip_prefix('+') {
            rest
        } else if let Some(rest) = raw.strip_prefix("00") {
            rest
        } else {
            return Err(PseudonymError::Phone);
        };
        if !rest.starts_with(|c: char| ('1'..='9').contains(&c)) {
            return Err(PseudonymError::Phone);
        }
        let mut digits = String::with_capacity(16);
        digits.push('+');
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '.' | '-' | '/' | '(' | ')' => {}
                _ => return Err(PseudonymError::Phone),
            }
        }
        let count = digits.len() - 1;
        if !(8..=15).contains(&count) {
            return Err(PseudonymError::Phone);
        }
        Ok(Self::Phone(digits))
    }

    /// Normalises an e-mail address to lower case (providers treat the local part
    /// case-insensitively, and one guest must not become two subjects). Requires a non-empty
    /// local part, one `@`, a domain with a dot that neither starts nor ends with one, no
    /// white space, at most 254 characters: [`EMAIL_PATTERN`].
    pub fn email(raw: &str) -> Result<Self, PseudonymError> {
        let Some((local, domain)) = raw.split_once('@') else {
            return Err(PseudonymError::Email);
        };
        let valid = !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && raw.chars().count() <= 254
            && !raw.chars().any(is_ecma_space);
        if !valid {
            return Err(PseudonymError::Email);
        }
        Ok(Self::Email(raw.to_lowercase()))
    }

    /// The normalised value (personal data: never log it).
    pub fn expose(&self) -> &str {
        match self {
            Self::Phone(v) | Self::Email(v) => v,
        }
    }

    fn domain_tag(&self) -> &'static [u8] {
        match self {
            Self::Phone(_) => b"phone\0",
            Self::Email(_) => b"email\0",
        }
    }
}

/// A keyed pseudonym: `sub_` and 32 hex digits (128 bits of HMAC-SHA-256).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Pseudonym(String);

impl Pseudonym {
    /// Parses a pseudonym as the API and the CLI receive it.
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.strip_prefix("sub_")?;
        (hex.len() == 32
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
        .then(|| Self(text.to_owned()))
    }

    /// The pseudonym's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pseudonym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Computes pseudonyms under a secret key. `Debug` never shows the key.
#[derive(Clone)]
pub struct Pseudonymizer {
    /// The keyed MAC, cloned for every pseudonym.
    mac: Hmac<Sha256>,
}

impl fmt::Debug for Pseudonymizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pseudonymizer(<key redacted>)")
    }
}

impl Pseudonymizer {
    /// A pseudonymizer under `key` (at least 32 bytes).
    pub fn new(key: &[u8]) -> Result<Self, PseudonymError> {
        if key.len() < 32 {
            return Err(PseudonymError::KeyTooShort);
        }
        let mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
            .map_err(|_| PseudonymError::KeyTooShort)?;
        Ok(Self { mac })
    }

    /// The pseudonym of `subject`.
    pub fn pseudonym(&self, subject: &SubjectIdentifier) -> Pseudonym {
        let mut mac = self.mac.clone();
        mac.update(b"voicehive.subject.v1\0");
        mac.update(subject.domain_tag());
        mac.update(subject.expose().as_bytes());
        let tag = mac.finalize().into_bytes();
        Pseudonym(format!("sub_{}", crate::hex::encode(&tag[..16])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> Pseudonymizer {
        Pseudonymizer::new(&[7u8; 32]).unwrap()
    }

    #[test]
    fn phone_numbers_normalise_to_one_subject() {
        let a = SubjectIdentifier::phone("+49 30 1234-5678").unwrap();
        let b = SubjectIdentifier::phone("0049 (30) 1234.5678").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.expose(), "+493012345678");
        assert_eq!(p().pseudonym(&a), p().pseudonym(&b));
        for bad in [
            "030 1234567",
            "+49 30 12a4567",
            "+1234",
            "+0049301234567",
            "",
            "+",
            "+ 49 30 1234567",
            " +49301234567",
        ] {
            assert_eq!(
                SubjectIdentifier::phone(bad),
                Err(PseudonymError::Phone),
                "{bad}"
            );
        }
    }

    #[test]
    fn emails_normalise_and_bad_ones_are_refused() {
        let a = SubjectIdentifier::email("Anna.Schmidt@Example.DE").unwrap();
        assert_eq!(a.expose(), "anna.schmidt@example.de");
        for bad in [
            "anna",
            "@example.de",
            "anna@example",
            "a@b@c.de",
            "a b@c.de",
            "a@.de",
            " a@b.de",
            "a@b.de\u{feff}",
        ] {
            assert_eq!(
                SubjectIdentifier::email(bad),
                Err(PseudonymError::Email),
                "{bad}"
            );
        }
    }

    #[test]
    fn pseudonyms_depend_on_key_and_kind_and_hide_the_value() {
        let email = SubjectIdentifier::email("anna@example.de").unwrap();
        let ps = p().pseudonym(&email);
        assert!(Pseudonym::parse(ps.as_str()).is_some());
        assert!(!ps.as_str().contains("anna"));
        let other = Pseudonymizer::new(&[8u8; 32]).unwrap().pseudonym(&email);
        assert_ne!(ps, other);
        assert!(!format!("{email:?}").contains("anna"));
        assert!(!format!("{:?}", p()).contains('7'));
        assert_eq!(
            Pseudonymizer::new(&[1u8; 31]).err(),
            Some(PseudonymError::KeyTooShort)
        );
        assert!(Pseudonym::parse("sub_XYZ").is_none());
        assert!(Pseudonym::parse("anna@example.de").is_none());
    }
}
