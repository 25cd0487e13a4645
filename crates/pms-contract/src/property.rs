//! Properties (hotels) and their room types.

use std::fmt;

use chrono::NaiveTime;
use chrono_tz::Tz;

use crate::{Currency, PmsError, PropertyId, RoomTypeId};

/// An ISO 3166-1 alpha-2 country code, e.g. `DE`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Parses two ASCII letters, normalising to upper case.
    pub fn new(code: &str) -> Result<Self, PmsError> {
        match code.as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
                Ok(Self([a.to_ascii_uppercase(), b.to_ascii_uppercase()]))
            }
            _ => Err(PmsError::validation(format!(
                "country: `{code}` is not an ISO 3166-1 alpha-2 code"
            ))),
        }
    }

    /// The two-letter code.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A hotel as the PMS describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    /// The vendor's property id.
    pub id: PropertyId,
    /// The hotel's name.
    pub name: String,
    /// The IANA time zone all stay dates are in.
    pub time_zone: Tz,
    /// The currency every price of the property is in.
    pub currency: Currency,
    /// Earliest check-in time, local.
    pub check_in_time: NaiveTime,
    /// Latest check-out time, local.
    pub check_out_time: NaiveTime,
    /// Country of the property.
    pub country: CountryCode,
    /// Whether the PMS marks the property as live (taking real guests, e.g. Apaleo's status
    /// `Live`) or as a test property; `None` if the vendor does not say. The golden suite
    /// refuses to write to a live property unless told to.
    pub live: Option<bool>,
}

/// A bookable kind of room (Apaleo: unit group; Mews: resource category).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomType {
    /// The vendor's id.
    pub id: RoomTypeId,
    /// Display name, e.g. "Double room".
    pub name: String,
    /// Longer description, if the PMS has one.
    pub description: Option<String>,
    /// Most guests the room type sleeps.
    pub max_occupancy: u8,
    /// Number of physical units, if the PMS reports it.
    pub total_units: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes() {
        assert_eq!(CountryCode::new("ch").unwrap().as_str(), "CH");
        assert!(CountryCode::new("DEU").is_err());
        assert!(CountryCode::new("D1").is_err());
    }
}
