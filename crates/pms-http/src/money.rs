//! Exact decimals from vendors' JSON numbers.
//!
//! Vendors (Apaleo, Mews) send amounts as JSON numbers, which their servers (.NET) print in
//! their shortest round-trip form. Without serde_json's `arbitrary_precision`
//! feature the parser turns a non-integer number into the nearest `f64`; serde_json's `Number`
//! prints that `f64` back in its shortest round-trip form (Ryu), which is the text the vendor
//! sent whenever that text had at most 15 significant digits:
//!
//! - any decimal with at most 15 significant digits converts to a distinct `f64` (15 is
//!   `f64::DIGITS`): two such decimals are at least 1e-15 apart relative to their size, while
//!   the decimals that round to one `f64` lie within about 1.1e-16 of it, relative;
//! - Ryu prints the *shortest* decimal that rounds to that `f64`; a shorter decimal is also one
//!   of at most 15 digits, and the only such decimal that rounds to it is the one sent.
//!
//! So `119.9` is read as the decimal `119.9` (never as `119.900000000000005684...`), and the
//! text is parsed with [`Decimal::from_str_exact`]. Amounts with more digits than that (e.g. a
//! vendor-side `0.1 + 0.2` printed as `0.30000000000000004`) are exact decimals too; a
//! connector rounds them to the currency's minor units (`pms_contract::Money::rounded`). Money
//! never passes through floating-point arithmetic here.

use std::fmt;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, Deserializer};

/// An exact decimal read from a JSON number (see the module documentation). Deserializing a
/// number `Decimal` cannot hold (`1e300`) or a non-number (`"12.5"`) is an error.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ExactAmount(pub Decimal);

impl fmt::Debug for ExactAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ExactAmount({})", self.0)
    }
}

impl<'de> Deserialize<'de> for ExactAmount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let number = serde_json::Number::deserialize(deserializer)?;
        decimal_from_number(&number)
            .map(ExactAmount)
            .ok_or_else(|| de::Error::custom("amount is not a finite decimal number"))
    }
}

/// The exact decimal of a JSON number's shortest round-trip text (`1e21` and friends, which
/// `Decimal` cannot hold exactly, give `None`).
pub fn decimal_from_number(number: &serde_json::Number) -> Option<Decimal> {
    Decimal::from_str_exact(&number.to_string()).ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn exact(json: &str) -> Option<Decimal> {
        serde_json::from_str::<ExactAmount>(json).ok().map(|a| a.0)
    }

    #[test]
    fn numbers_are_read_as_the_decimal_sent() {
        assert_eq!(
            exact("119.9"),
            Some(Decimal::from_str_exact("119.9").unwrap())
        );
        assert_eq!(exact("100"), Some(Decimal::from(100)));
        assert_eq!(
            exact("-12.5"),
            Some(Decimal::from_str_exact("-12.5").unwrap())
        );
        assert_eq!(
            exact("1234567890123.45"),
            Some(Decimal::from_str_exact("1234567890123.45").unwrap())
        );
        assert_eq!(
            exact("0.30000000000000004"),
            Some(Decimal::from_str_exact("0.30000000000000004").unwrap())
        );
    }

    #[test]
    fn what_is_not_a_finite_decimal_is_refused() {
        assert_eq!(exact("1e300"), None);
        assert_eq!(exact(r#""12.5""#), None);
        assert_eq!(exact("null"), None);
        assert_eq!(format!("{:?}", ExactAmount(Decimal::ONE)), "ExactAmount(1)");
    }
}
