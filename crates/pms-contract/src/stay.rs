//! Stays (dates) and occupancies (who stays).

use std::fmt;

use chrono::NaiveDate;

use crate::PmsError;

/// Longest stay the contract accepts, in nights.
pub const MAX_NIGHTS: u32 = 365;
/// Oldest age that still counts as a child.
pub const MAX_CHILD_AGE: u8 = 17;
/// Most guests (adults and children) in one reservation.
pub const MAX_GUESTS: usize = 20;

/// A stay: arrival and departure dates in the property's time zone. Departure is after arrival
/// and the stay is at most [`MAX_NIGHTS`] nights. A `Stay` value is always valid.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stay {
    arrival: NaiveDate,
    departure: NaiveDate,
}

impl Stay {
    /// A stay from `arrival` to `departure`.
    pub fn new(arrival: NaiveDate, departure: NaiveDate) -> Result<Self, PmsError> {
        if departure <= arrival {
            return Err(PmsError::validation(
                "stay: departure must be after arrival",
            ));
        }
        let nights = (departure - arrival).num_days();
        if nights > i64::from(MAX_NIGHTS) {
            return Err(PmsError::validation(format!(
                "stay: at most {MAX_NIGHTS} nights, got {nights}"
            )));
        }
        Ok(Self { arrival, departure })
    }

    /// Parses ISO 8601 dates (`YYYY-MM-DD`).
    pub fn parse(arrival: &str, departure: &str) -> Result<Self, PmsError> {
        let parse = |field: &str, value: &str| {
            NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
                PmsError::validation(format!("stay: {field} must be a date as YYYY-MM-DD"))
            })
        };
        Self::new(parse("arrival", arrival)?, parse("departure", departure)?)
    }

    /// The arrival date.
    pub fn arrival(&self) -> NaiveDate {
        self.arrival
    }

    /// The departure date.
    pub fn departure(&self) -> NaiveDate {
        self.departure
    }

    /// Number of nights (at least 1).
    pub fn nights(&self) -> u32 {
        u32::try_from((self.departure - self.arrival).num_days()).unwrap_or(0)
    }

    /// The dates of the nights, from arrival to the day before departure.
    pub fn night_dates(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let departure = self.departure;
        self.arrival.iter_days().take_while(move |d| *d < departure)
    }

    /// Whether the two stays share at least one night.
    pub fn overlaps(&self, other: &Stay) -> bool {
        self.arrival < other.departure && other.arrival < self.departure
    }
}

impl fmt::Debug for Stay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stay({}..{})", self.arrival, self.departure)
    }
}

impl fmt::Display for Stay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} to {}", self.arrival, self.departure)
    }
}

/// Who stays: at least one adult, children with ages 0 to [`MAX_CHILD_AGE`], at most
/// [`MAX_GUESTS`] people. An `Occupancy` value is always valid.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Occupancy {
    adults: u8,
    children: Vec<u8>,
}

impl Occupancy {
    /// An occupancy of `adults` and children of the given ages.
    pub fn new(adults: u8, children_ages: Vec<u8>) -> Result<Self, PmsError> {
        if adults == 0 {
            return Err(PmsError::validation("occupancy: at least one adult"));
        }
        if let Some(age) = children_ages.iter().find(|age| **age > MAX_CHILD_AGE) {
            return Err(PmsError::validation(format!(
                "occupancy: child age {age} is above {MAX_CHILD_AGE}"
            )));
        }
        if usize::from(adults) + children_ages.len() > MAX_GUESTS {
            return Err(PmsError::validation(format!(
                "occupancy: at most {MAX_GUESTS} guests"
            )));
        }
        let mut children = children_ages;
        children.sort_unstable();
        Ok(Self { adults, children })
    }

    /// Only adults.
    pub fn adults(adults: u8) -> Result<Self, PmsError> {
        Self::new(adults, Vec::new())
    }

    /// Number of adults.
    pub fn adult_count(&self) -> u8 {
        self.adults
    }

    /// Ages of the children, ascending.
    pub fn children_ages(&self) -> &[u8] {
        &self.children
    }

    /// Adults plus children.
    pub fn total(&self) -> usize {
        usize::from(self.adults) + self.children.len()
    }
}

impl fmt::Debug for Occupancy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Occupancy(adults={}, children={:?})",
            self.adults, self.children
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn stay_rules() {
        let stay = Stay::parse("2027-03-01", "2027-03-04").unwrap();
        assert_eq!(stay.nights(), 3);
        assert_eq!(
            stay.night_dates().collect::<Vec<_>>(),
            vec![date("2027-03-01"), date("2027-03-02"), date("2027-03-03")]
        );
        for (a, d) in [
            ("2027-03-01", "2027-03-01"),
            ("2027-03-02", "2027-03-01"),
            ("2027-01-01", "2028-01-02"),
            ("2027-02-30", "2027-03-01"),
            ("01.03.2027", "2027-03-05"),
        ] {
            let err = Stay::parse(a, d).unwrap_err();
            assert_eq!(err.kind(), &ErrorKind::Validation, "{a} {d}");
        }
        // 365 nights is the limit, across a leap year.
        assert!(Stay::parse("2027-03-01", "2028-02-29").is_ok());
        assert!(Stay::parse("2027-03-01", "2028-03-01").is_err());
        let other = Stay::parse("2027-03-03", "2027-03-05").unwrap();
        assert!(stay.overlaps(&other));
        assert!(!stay.overlaps(&Stay::parse("2027-03-04", "2027-03-05").unwrap()));
    }

    #[test]
    fn occupancy_rules() {
        let occ = Occupancy::new(2, vec![17, 0, 5]).unwrap();
        assert_eq!(occ.children_ages(), &[0, 5, 17]);
        assert_eq!(occ.total(), 5);
        assert!(Occupancy::new(0, vec![5]).is_err());
        assert!(Occupancy::new(1, vec![18]).is_err());
        assert!(Occupancy::new(10, vec![1; 11]).is_err());
    }
}
