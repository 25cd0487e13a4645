//! A wrapper for guest personal data that never prints its value.

use std::fmt;

/// Guest personal data (a name, an e-mail address, a phone number, a free-text comment).
///
/// `Debug` and `Display` print `[redacted]`, so the value cannot reach a log line, an error
/// message or a panic by accident. Code that really needs the value (to send it to the PMS,
/// to compare it) calls [`Pii::expose`], which is easy to grep for in review.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Pii<T>(T);

impl<T> Pii<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The value itself. Never log or format it.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the value. Never log or format it.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Pii<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}

impl From<&str> for Pii<String> {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl<T> fmt::Debug for Pii<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl<T> fmt::Display for Pii<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_the_value() {
        let secret = Pii::new("Ada Lovelace".to_owned());
        assert_eq!(format!("{secret:?}"), "[redacted]");
        assert_eq!(format!("{secret}"), "[redacted]");
        assert_eq!(format!("{secret:#?}"), "[redacted]");
        assert_eq!(secret.expose(), "Ada Lovelace");
    }
}
