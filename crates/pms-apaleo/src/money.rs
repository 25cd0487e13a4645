//! Apaleo money objects (`{"amount": 119.9, "currency": "EUR"}`), parsed exactly.
//!
//! Apaleo declares `amount` as a JSON number of format `double`, and its servers (.NET) print
//! doubles in their shortest round-trip form. Without serde_json's `arbitrary_precision`
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
//! vendor-side `0.1 + 0.2` printed as `0.30000000000000004`) are exact decimals too and are
//! then rounded to the currency's minor units (banker's rounding, [`Money::rounded`]). Money
//! never passes through floating-point arithmetic here.

use std::fmt;

use pms_contract::{Currency, Money};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::{self, Deserializer};

/// An exact decimal read from a JSON number (see the module documentation).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct ExactAmount(pub(crate) Decimal);

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
pub(crate) fn decimal_from_number(number: &serde_json::Number) -> Option<Decimal> {
    Decimal::from_str_exact(&number.to_string()).ok()
}

/// A money object as Apaleo sends it.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct WireMoney {
    pub(crate) amount: ExactAmount,
    pub(crate) currency: String,
}

impl WireMoney {
    /// The amount as contract money, rounded to the currency's minor units. `None` if the
    /// currency is not an active ISO 4217 code.
    pub(crate) fn to_money(&self) -> Option<Money> {
        let currency = Currency::new(&self.currency).ok()?;
        Some(Money::new(self.amount.0, currency).rounded())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use std::str::FromStr;

    fn parse(json: &str) -> Option<Money> {
        serde_json::from_str::<WireMoney>(json)
            .ok()
            .and_then(|m| m.to_money())
    }

    fn eur(text: &str) -> Money {
        Money::new(Decimal::from_str(text).unwrap(), Currency::EUR)
    }

    #[test]
    fn amounts_keep_their_decimal_text() {
        assert_eq!(
            parse(r#"{"amount":119.9,"currency":"EUR"}"#),
            Some(eur("119.9"))
        );
        assert_eq!(
            parse(r#"{"amount":120,"currency":"EUR"}"#),
            Some(eur("120"))
        );
        assert_eq!(
            parse(r#"{"amount":33.33,"currency":"EUR"}"#),
            Some(eur("33.33"))
        );
        assert_eq!(
            parse(r#"{"amount":-12.5,"currency":"EUR"}"#),
            Some(eur("-12.5"))
        );
        // A vendor-side 0.1 + 0.2 arrives as its double's shortest text and is rounded.
        assert_eq!(
            parse(r#"{"amount":0.30000000000000004,"currency":"EUR"}"#),
            Some(eur("0.30"))
        );
        // 15 significant digits survive the f64 round trip unchanged.
        assert_eq!(
            parse(r#"{"amount":1234567890123.45,"currency":"EUR"}"#),
            Some(eur("1234567890123.45"))
        );
    }

    #[test]
    fn unusable_amounts_and_currencies_are_refused() {
        assert_eq!(parse(r#"{"amount":1e300,"currency":"EUR"}"#), None);
        assert_eq!(parse(r#"{"amount":"12.5","currency":"EUR"}"#), None);
        assert_eq!(parse(r#"{"amount":12.5,"currency":"EURO"}"#), None);
        assert_eq!(format!("{:?}", ExactAmount(Decimal::ONE)), "ExactAmount(1)");
    }
}
