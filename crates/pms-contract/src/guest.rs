//! Guests and their contact details. Personal fields are [`Pii`] and redact themselves.

use std::fmt;

use crate::{CountryCode, Pii, PmsError};

/// A syntactically valid e-mail address. Personal data: `Debug` and `Display` redact it.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Email(Pii<String>);

impl Email {
    /// Checks the address's shape (`local@domain.tld`, no spaces, at most 254 bytes) and keeps
    /// it with a lower-case domain. The error never repeats the address.
    pub fn new(address: &str) -> Result<Self, PmsError> {
        let address = address.trim();
        let invalid = || PmsError::validation("email: not a valid e-mail address");
        if address.len() > 254 || address.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = address.rsplit_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
            return Err(invalid());
        }
        Ok(Self(Pii::new(format!("{local}@{}", domain.to_lowercase()))))
    }

    /// The address. Never log or format it.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Email({:?})", self.0)
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// A phone number in international (E.164) form, e.g. `+493012345678`. Personal data.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber(Pii<String>);

impl PhoneNumber {
    /// Normalises `+49 (30) 123-456.78` to `+493012345678`. Requires the leading `+` and country
    /// code and 8 to 15 digits. The error never repeats the number.
    pub fn new(number: &str) -> Result<Self, PmsError> {
        let invalid = || {
            PmsError::validation(
                "phone: not an international phone number (+ country code, 8 to 15 digits)",
            )
        };
        let trimmed = number.trim();
        let rest = trimmed
            .strip_prefix('+')
            .or_else(|| trimmed.strip_prefix("00"))
            .ok_or_else(invalid)?;
        let mut digits = String::with_capacity(16);
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '.' | '(' | ')' | '/' => {}
                _ => return Err(invalid()),
            }
        }
        if !(8..=15).contains(&digits.len()) || digits.starts_with('0') {
            return Err(invalid());
        }
        Ok(Self(Pii::new(format!("+{digits}"))))
    }

    /// The number in E.164 form. Never log or format it.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

impl fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PhoneNumber({:?})", self.0)
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// A language as a BCP 47 tag of the simple `ll` or `ll-RR` form, e.g. `de` or `en-GB`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct LanguageTag(String);

impl LanguageTag {
    /// Parses the common BCP 47 shapes: a language (`de`, `gsw`), optionally a script
    /// (`zh-Hans`) and a region (`en-GB`, `es-419`), normalising case. `_` is read as `-`.
    pub fn new(tag: &str) -> Result<Self, PmsError> {
        let invalid = || {
            PmsError::validation(format!(
                "language: `{tag}` is not a language tag like `de`, `en-GB` or `zh-Hans`"
            ))
        };
        let mut parts = tag.split(['-', '_']);
        let lang = parts.next().unwrap_or_default();
        if !(2..=3).contains(&lang.len()) || !lang.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(invalid());
        }
        let mut out = lang.to_ascii_lowercase();
        let mut seen_script = false;
        let mut seen_region = false;
        for part in parts {
            let alpha = part.chars().all(|c| c.is_ascii_alphabetic());
            let digits = part.chars().all(|c| c.is_ascii_digit());
            out.push('-');
            if part.len() == 4 && alpha && !seen_script && !seen_region {
                seen_script = true;
                out.push_str(&part[..1].to_ascii_uppercase());
                out.push_str(&part[1..].to_ascii_lowercase());
            } else if ((part.len() == 2 && alpha) || (part.len() == 3 && digits)) && !seen_region {
                seen_region = true;
                out.push_str(&part.to_ascii_uppercase());
            } else {
                return Err(invalid());
            }
        }
        Ok(Self(out))
    }

    /// The normalised tag.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LanguageTag({})", self.0)
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The guest a reservation is for. Names, e-mail and phone are personal data and redact
/// themselves in `Debug` and `Display`; language and country are not identifying on their own.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Guest {
    /// Given name(s).
    pub first_name: Pii<String>,
    /// Family name.
    pub last_name: Pii<String>,
    /// E-mail address.
    pub email: Option<Email>,
    /// Phone number.
    pub phone: Option<PhoneNumber>,
    /// Preferred language.
    pub language: Option<LanguageTag>,
    /// Country of residence.
    pub country: Option<CountryCode>,
}

impl Guest {
    /// A guest with names only.
    pub fn new(first_name: impl Into<String>, last_name: impl Into<String>) -> Self {
        Self {
            first_name: Pii::new(first_name.into()),
            last_name: Pii::new(last_name.into()),
            email: None,
            phone: None,
            language: None,
            country: None,
        }
    }

    /// Sets the e-mail address.
    #[must_use]
    pub fn with_email(mut self, email: Email) -> Self {
        self.email = Some(email);
        self
    }

    /// Sets the phone number.
    #[must_use]
    pub fn with_phone(mut self, phone: PhoneNumber) -> Self {
        self.phone = Some(phone);
        self
    }

    /// Sets the language.
    #[must_use]
    pub fn with_language(mut self, language: LanguageTag) -> Self {
        self.language = Some(language);
        self
    }

    /// Sets the country.
    #[must_use]
    pub fn with_country(mut self, country: CountryCode) -> Self {
        self.country = Some(country);
        self
    }
}

impl fmt::Display for Guest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Guest([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_validation_and_redaction() {
        let email = Email::new(" Ada.L@Example.ORG ").unwrap();
        assert_eq!(email.expose(), "Ada.L@example.org");
        assert_eq!(format!("{email:?}"), "Email([redacted])");
        for bad in [
            "ada",
            "ada@",
            "@x.org",
            "a b@x.org",
            "ada@x",
            "ada@.x.org",
            "ada@x..org",
        ] {
            let err = Email::new(bad).unwrap_err();
            assert!(!err.to_string().contains(bad), "error repeats input");
        }
    }

    #[test]
    fn phone_normalisation_and_redaction() {
        for input in ["+49 (30) 123-456.78", "0049 30 12345678", "+493012345678"] {
            assert_eq!(PhoneNumber::new(input).unwrap().expose(), "+493012345678");
        }
        for bad in ["030 1234567", "+49 30 CALL ME", "+1234", "+0 1234 56789"] {
            assert!(PhoneNumber::new(bad).is_err(), "{bad}");
        }
        let phone = PhoneNumber::new("+41 44 668 18 00").unwrap();
        assert_eq!(
            format!("{phone} {phone:?}"),
            "[redacted] PhoneNumber([redacted])"
        );
    }

    #[test]
    fn language_tags() {
        assert_eq!(LanguageTag::new("en_gb").unwrap().as_str(), "en-GB");
        assert_eq!(LanguageTag::new("DE").unwrap().as_str(), "de");
        assert_eq!(LanguageTag::new("es-419").unwrap().as_str(), "es-419");
        assert_eq!(
            LanguageTag::new("zh-hans-cn").unwrap().as_str(),
            "zh-Hans-CN"
        );
        for bad in ["english", "en-GBR", "en-GB-US", "de-", "en-GB-Latn"] {
            assert!(LanguageTag::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn guest_debug_shows_no_personal_data() {
        let guest = Guest::new("Ada", "Lovelace")
            .with_email(Email::new("ada@example.org").unwrap())
            .with_phone(PhoneNumber::new("+44 20 7946 0018").unwrap());
        let debug = format!("{guest:?} {guest:#?} {guest}");
        for needle in ["Ada", "Lovelace", "example.org", "7946"] {
            assert!(!debug.contains(needle), "{needle} leaked: {debug}");
        }
    }
}
