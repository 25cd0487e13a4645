//! Mews amounts (`{"Currency": "EUR", "NetValue": 93.46, "GrossValue": 100, ...}`), parsed
//! exactly.
//!
//! Mews writes amounts as JSON numbers. serde_json (without its `arbitrary_precision` feature)
//! keeps an integer as an integer and a non-integer as the nearest `f64`, and prints that `f64`
//! back in its shortest round-trip form, which is the text Mews sent whenever that text had at
//! most 15 significant digits ([`pms_http::ExactAmount`] explains why). That text is
//! parsed with [`Decimal::from_str_exact`]; nothing here does floating-point arithmetic. Amounts
//! with more digits are exact decimals too and are rounded to the currency's minor units
//! ([`Money::rounded`]).
//!
//! Every contract amount is the `GrossValue` (what the guest pays), also in enterprises with
//! `Net` pricing.

use pms_contract::{Currency, Money};
use pms_http::ExactAmount;
use serde::Deserialize;

/// A Mews `Amount` object; only the fields the connector uses.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct WireAmount {
    /// ISO 4217 code.
    pub(crate) currency: String,
    /// What the guest pays, taxes included.
    pub(crate) gross_value: Option<ExactAmount>,
    /// Before taxes (quoted in `Net` enterprises, never used for contract amounts).
    #[serde(default)]
    #[allow(dead_code)]
    pub(crate) net_value: Option<ExactAmount>,
}

impl WireAmount {
    /// The gross value as contract money, rounded to the currency's minor units. `None` if the
    /// currency is not an ISO 4217 code or the gross value is missing.
    pub(crate) fn gross(&self) -> Option<Money> {
        let currency = Currency::new(&self.currency).ok()?;
        Some(Money::new(self.gross_value?.0, currency).rounded())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn gross(json: &str) -> Option<Money> {
        serde_json::from_str::<WireAmount>(json)
            .ok()
            .and_then(|m| m.gross())
    }

    fn chf(text: &str) -> Money {
        Money::new(
            Decimal::from_str(text).unwrap(),
            Currency::new("CHF").unwrap(),
        )
    }

    #[test]
    fn gross_values_keep_their_decimal_text() {
        assert_eq!(
            gross(r#"{"Currency":"CHF","NetValue":93.46,"GrossValue":100.7}"#),
            Some(chf("100.7"))
        );
        assert_eq!(
            gross(r#"{"Currency":"CHF","GrossValue":120}"#),
            Some(chf("120"))
        );
        assert_eq!(
            gross(
                r#"{"Currency":"CHF","GrossValue":33.33,"TaxValues":[{"Code":"X","Value":1.1}]}"#
            ),
            Some(chf("33.33"))
        );
        // A vendor-side 0.1 + 0.2 arrives as its double's shortest text and is rounded.
        assert_eq!(
            gross(r#"{"Currency":"CHF","GrossValue":0.30000000000000004}"#),
            Some(chf("0.30"))
        );
        assert_eq!(
            gross(r#"{"Currency":"CHF","GrossValue":1234567890123.45}"#),
            Some(chf("1234567890123.45"))
        );
    }

    #[test]
    fn net_only_unusable_amounts_and_currencies_are_refused() {
        assert_eq!(gross(r#"{"Currency":"CHF","NetValue":93.46}"#), None);
        assert_eq!(gross(r#"{"Currency":"CHF","GrossValue":1e300}"#), None);
        assert_eq!(gross(r#"{"Currency":"CHF","GrossValue":"12.5"}"#), None);
        assert_eq!(gross(r#"{"Currency":"FRANC","GrossValue":12.5}"#), None);
    }
}
