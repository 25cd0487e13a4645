//! Money: exact decimal amounts with an ISO 4217 currency. Never floating point.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::PmsError;

/// Active ISO 4217 alphabetic codes (list of 2025; funds and precious metals excluded).
const ISO_4217: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND \
BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB \
EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY \
KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR \
MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF \
SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS \
UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG";

/// An ISO 4217 currency code, e.g. `EUR` or `CHF`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    /// Euro.
    pub const EUR: Currency = Currency(*b"EUR");
    /// Swiss franc.
    pub const CHF: Currency = Currency(*b"CHF");
    /// Pound sterling.
    pub const GBP: Currency = Currency(*b"GBP");
    /// US dollar.
    pub const USD: Currency = Currency(*b"USD");

    /// Parses an active ISO 4217 code (upper case, three letters).
    pub fn new(code: &str) -> Result<Self, PmsError> {
        let bytes = code.as_bytes();
        let valid_shape = bytes.len() == 3 && bytes.iter().all(u8::is_ascii_uppercase);
        if !valid_shape || !ISO_4217.split(' ').any(|known| known == code) {
            return Err(PmsError::validation(format!(
                "currency `{code}` is not an active ISO 4217 code"
            )));
        }
        Ok(Self([bytes[0], bytes[1], bytes[2]]))
    }

    /// The three-letter code.
    pub fn code(&self) -> &str {
        // The bytes were checked to be ASCII upper-case letters on construction.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// Digits after the decimal point for this currency (ISO 4217 minor unit).
    pub fn minor_units(&self) -> u32 {
        match self.code() {
            "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF"
            | "UGX" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
            "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
            _ => 2,
        }
    }
}

impl FromStr for Currency {
    type Err = PmsError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An exact amount of money in one currency.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// Money of `amount` in `currency`.
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Self { amount, currency }
    }

    /// Zero in `currency`.
    pub fn zero(currency: Currency) -> Self {
        Self::new(Decimal::ZERO, currency)
    }

    /// Parses a decimal string such as `"119.90"`; rejects anything that is not an exact decimal.
    pub fn parse(amount: &str, currency: Currency) -> Result<Self, PmsError> {
        let amount = Decimal::from_str_exact(amount)
            .map_err(|_| PmsError::validation("amount is not an exact decimal number"))?;
        Ok(Self::new(amount, currency))
    }

    /// The amount.
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The sum of two amounts of the same currency.
    pub fn checked_add(self, other: Money) -> Result<Money, PmsError> {
        if self.currency != other.currency {
            return Err(PmsError::internal(format!(
                "cannot add {} to {}",
                other.currency, self.currency
            )));
        }
        let amount = self
            .amount
            .checked_add(other.amount)
            .ok_or_else(|| PmsError::internal("money overflow"))?;
        Ok(Money::new(amount, self.currency))
    }

    /// The sum of `items`, all in `currency`; an empty list sums to zero.
    pub fn sum<'a>(
        currency: Currency,
        items: impl IntoIterator<Item = &'a Money>,
    ) -> Result<Money, PmsError> {
        items
            .into_iter()
            .try_fold(Money::zero(currency), |acc, m| acc.checked_add(*m))
    }

    /// The amount rounded to the currency's minor units (banker's rounding).
    #[must_use]
    pub fn rounded(self) -> Money {
        Money::new(
            self.amount.round_dp(self.currency.minor_units()),
            self.currency,
        )
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Money({} {})", self.amount, self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_accepts_iso_codes_only() {
        assert_eq!(Currency::new("EUR").unwrap(), Currency::EUR);
        assert_eq!(Currency::new("CHF").unwrap().code(), "CHF");
        for bad in ["eur", "EURO", "XYZ", "", "E1R"] {
            assert!(Currency::new(bad).is_err(), "{bad}");
        }
        assert_eq!(Currency::new("JPY").unwrap().minor_units(), 0);
        assert_eq!(Currency::new("KWD").unwrap().minor_units(), 3);
        assert_eq!(Currency::EUR.minor_units(), 2);
    }

    #[test]
    fn sums_are_exact_and_refuse_mixed_currencies() {
        let tenth = Money::parse("0.1", Currency::EUR).unwrap();
        let total = Money::sum(Currency::EUR, &[tenth, tenth, tenth]).unwrap();
        assert_eq!(total, Money::parse("0.3", Currency::EUR).unwrap());
        let franc = Money::parse("1", Currency::CHF).unwrap();
        assert!(tenth.checked_add(franc).is_err());
        assert!(Money::parse("1e3", Currency::EUR).is_err());
        assert_eq!(
            Money::parse("10.005", Currency::EUR).unwrap().rounded(),
            Money::parse("10.00", Currency::EUR).unwrap()
        );
    }
}
