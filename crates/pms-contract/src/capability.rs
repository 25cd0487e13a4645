//! Capabilities: what a connector can do for a hotel.

use std::fmt;
use std::str::FromStr;

/// One thing a PMS can do for the voice agent. Operations map onto capabilities: a search needs
/// the capability of its search kind, a modification the capabilities of the fields it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Capability {
    /// Property details: name, time zone, currency, check-in/out times.
    PropertyInfo,
    /// The list of room types.
    RoomTypes,
    /// Free units per room type and night.
    Availability,
    /// Priced offers per room type and rate plan.
    Offers,
    /// Create a reservation.
    CreateReservation,
    /// Read a reservation by id.
    GetReservation,
    /// Find reservations by confirmation code.
    SearchByConfirmation,
    /// Find reservations by guest last name (and arrival date).
    SearchByName,
    /// Find reservations by guest e-mail address.
    SearchByEmail,
    /// Find reservations by guest phone number.
    SearchByPhone,
    /// Change dates, occupancy, room type or rate plan of a reservation.
    ModifyStay,
    /// Change guest contact details or the comment of a reservation.
    ModifyGuest,
    /// Cancel a reservation.
    CancelReservation,
}

impl Capability {
    /// Every capability, in a stable order.
    pub const ALL: [Capability; 13] = [
        Capability::PropertyInfo,
        Capability::RoomTypes,
        Capability::Availability,
        Capability::Offers,
        Capability::CreateReservation,
        Capability::GetReservation,
        Capability::SearchByConfirmation,
        Capability::SearchByName,
        Capability::SearchByEmail,
        Capability::SearchByPhone,
        Capability::ModifyStay,
        Capability::ModifyGuest,
        Capability::CancelReservation,
    ];

    /// The stable snake_case name used in configuration files and the capability matrix.
    pub fn as_str(self) -> &'static str {
        match self {
            Capability::PropertyInfo => "property_info",
            Capability::RoomTypes => "room_types",
            Capability::Availability => "availability",
            Capability::Offers => "offers",
            Capability::CreateReservation => "create_reservation",
            Capability::GetReservation => "get_reservation",
            Capability::SearchByConfirmation => "search_by_confirmation",
            Capability::SearchByName => "search_by_name",
            Capability::SearchByEmail => "search_by_email",
            Capability::SearchByPhone => "search_by_phone",
            Capability::ModifyStay => "modify_stay",
            Capability::ModifyGuest => "modify_guest",
            Capability::CancelReservation => "cancel_reservation",
        }
    }

    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A capability name that is not in [`Capability::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown capability `{name}`; known: {known}")]
pub struct UnknownCapability {
    /// The name that was given.
    pub name: String,
    /// The known names, comma separated.
    pub known: String,
}

impl FromStr for Capability {
    type Err = UnknownCapability;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Capability::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| UnknownCapability {
                name: s.to_owned(),
                known: Capability::ALL.map(Capability::as_str).join(", "),
            })
    }
}

/// A set of capabilities.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CapabilitySet(u32);

impl CapabilitySet {
    /// No capability.
    pub const fn empty() -> Self {
        Self(0)
    }

    /// Every capability.
    pub fn all() -> Self {
        Capability::ALL.into_iter().collect()
    }

    /// Whether `capability` is in the set.
    pub fn contains(self, capability: Capability) -> bool {
        self.0 & capability.bit() != 0
    }

    /// Adds a capability.
    pub fn insert(&mut self, capability: Capability) {
        self.0 |= capability.bit();
    }

    /// Removes a capability.
    pub fn remove(&mut self, capability: Capability) {
        self.0 &= !capability.bit();
    }

    /// The set without `capability`.
    #[must_use]
    pub fn without(mut self, capability: Capability) -> Self {
        self.remove(capability);
        self
    }

    /// Capabilities in both sets. Narrowing only: the result is never larger than either side.
    #[must_use]
    pub fn intersection(self, other: Self) -> Self {
        Self(self.0 & other.0)
    }

    /// Whether every capability of `self` is also in `other`.
    pub fn is_subset(self, other: Self) -> bool {
        self.0 & !other.0 == 0
    }

    /// The capabilities in the set, in [`Capability::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Capability> {
        Capability::ALL
            .into_iter()
            .filter(move |c| self.contains(*c))
    }

    /// Number of capabilities in the set.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl FromIterator<Capability> for CapabilitySet {
    fn from_iter<I: IntoIterator<Item = Capability>>(iter: I) -> Self {
        let mut set = Self::empty();
        for c in iter {
            set.insert(c);
        }
        set
    }
}

impl fmt::Debug for CapabilitySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_list_the_known_ones() {
        for c in Capability::ALL {
            assert_eq!(c.as_str().parse::<Capability>(), Ok(c));
        }
        let err = "teleport".parse::<Capability>().unwrap_err();
        assert!(err.to_string().contains("teleport"));
        assert!(err.to_string().contains("modify_stay"));
    }

    #[test]
    fn e_mail_and_phone_searches_need_their_own_capabilities() {
        use crate::{Email, PhoneNumber, ReservationSearch};
        let email = ReservationSearch::Email(Email::new("ada@example.org").unwrap());
        let phone = ReservationSearch::Phone(PhoneNumber::new("+44 20 7946 0018").unwrap());
        assert_eq!(email.required_capability(), Capability::SearchByEmail);
        assert_eq!(phone.required_capability(), Capability::SearchByPhone);
        assert_eq!(Capability::SearchByPhone.as_str(), "search_by_phone");
        assert!("search_by_contact".parse::<Capability>().is_err());
    }

    #[test]
    fn set_operations_only_narrow() {
        let all = CapabilitySet::all();
        assert_eq!(all.len(), Capability::ALL.len());
        let narrowed = all.without(Capability::ModifyStay);
        assert!(!narrowed.contains(Capability::ModifyStay));
        assert!(narrowed.is_subset(all));
        assert!(!all.is_subset(narrowed));
        let read_only: CapabilitySet = [Capability::PropertyInfo, Capability::Offers]
            .into_iter()
            .collect();
        assert_eq!(narrowed.intersection(read_only), read_only);
        assert_eq!(
            read_only.iter().collect::<Vec<_>>(),
            vec![Capability::PropertyInfo, Capability::Offers]
        );
    }
}
