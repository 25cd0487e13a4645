//! Apaleo money objects (`{"amount": 119.9, "currency": "EUR"}`), parsed exactly.
//!
//! Apaleo declares `amount` as a JSON number of format `double`; it is read exactly with
//! [`pms_http::ExactAmount`] (why that is exact: `pms_http`'s `money` module) and rounded to the
//! currency's minor units ([`Money::rounded`], banker's rounding). Money never passes through
//! floating-point arithmetic here.

use pms_contract::{Currency, Money};
use pms_http::ExactAmount;
use serde::Deserialize;

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
    use rust_decimal::Decimal;
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
    }
}
