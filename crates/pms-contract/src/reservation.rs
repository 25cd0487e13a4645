//! Reservations: creating, reading, searching, changing.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};

use crate::{
    CancellationPolicy, Capability, CapabilitySet, ConfirmationCode, Email, Guarantee, Guest,
    IdempotencyKey, LanguageTag, Money, Occupancy, PhoneNumber, Pii, RatePlanId, ReservationId,
    RoomTypeId, Stay,
};

/// Where a reservation is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReservationStatus {
    /// Booked, guest not arrived.
    Confirmed,
    /// Checked in.
    InHouse,
    /// Checked out.
    CheckedOut,
    /// Cancelled.
    Canceled,
    /// Guest did not arrive.
    NoShow,
}

impl ReservationStatus {
    /// A stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReservationStatus::Confirmed => "confirmed",
            ReservationStatus::InHouse => "in_house",
            ReservationStatus::CheckedOut => "checked_out",
            ReservationStatus::Canceled => "canceled",
            ReservationStatus::NoShow => "no_show",
        }
    }
}

impl fmt::Display for ReservationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request to book one room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReservation {
    /// Makes the request safe to retry: the same key with the same request returns the first
    /// reservation; the same key with a different request is a conflict.
    pub idempotency_key: IdempotencyKey,
    /// The stay.
    pub stay: Stay,
    /// Who stays.
    pub occupancy: Occupancy,
    /// The room type, from an offer.
    pub room_type: RoomTypeId,
    /// The rate plan, from an offer.
    pub rate_plan: RatePlanId,
    /// The guest.
    pub guest: Guest,
    /// A free-text comment for the hotel (personal data: may name people or needs).
    pub comment: Option<Pii<String>>,
}

impl NewReservation {
    /// Whether `other` asks for the same booking, ignoring the idempotency key.
    pub fn same_request_as(&self, other: &NewReservation) -> bool {
        self.stay == other.stay
            && self.occupancy == other.occupancy
            && self.room_type == other.room_type
            && self.rate_plan == other.rate_plan
            && self.guest == other.guest
            && self.comment == other.comment
    }
}

/// A reservation as the PMS holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reservation {
    /// The vendor's reservation id.
    pub id: ReservationId,
    /// The code the guest quotes.
    pub confirmation_code: ConfirmationCode,
    /// Status.
    pub status: ReservationStatus,
    /// The stay.
    pub stay: Stay,
    /// Who stays.
    pub occupancy: Occupancy,
    /// The room type.
    pub room_type: RoomTypeId,
    /// The rate plan.
    pub rate_plan: RatePlanId,
    /// Total price of the stay.
    pub total: Money,
    /// The cancellation terms the reservation was booked under (those of its rate plan for its
    /// stay, as the offer quoted them; re-stated by the PMS when the stay changes).
    pub cancellation: CancellationPolicy,
    /// How the reservation is guaranteed to the hotel.
    pub guarantee: Guarantee,
    /// The guest.
    pub guest: Guest,
    /// The comment, if any.
    pub comment: Option<Pii<String>>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    pub modified_at: DateTime<Utc>,
    /// When it was cancelled, if it was.
    pub cancelled_at: Option<DateTime<Utc>>,
}

impl Reservation {
    /// What cancelling at `at` would cost under the reservation's terms (zero until a free
    /// deadline). `at` comes from the caller's clock, never the OS's.
    pub fn cancellation_fee_at(&self, at: DateTime<Utc>) -> Money {
        self.cancellation.fee_at(at, self.total)
    }
}

/// How to find reservations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReservationSearch {
    /// By the confirmation code the guest quotes.
    ConfirmationCode(ConfirmationCode),
    /// By guest last name (case-insensitive), optionally narrowed to an arrival date.
    LastName {
        /// The last name.
        last_name: Pii<String>,
        /// The arrival date, if known.
        arrival: Option<NaiveDate>,
    },
    /// By guest e-mail address.
    Email(Email),
    /// By guest phone number.
    Phone(PhoneNumber),
}

impl ReservationSearch {
    /// The capability this search needs.
    pub fn required_capability(&self) -> Capability {
        match self {
            ReservationSearch::ConfirmationCode(_) => Capability::SearchByConfirmation,
            ReservationSearch::LastName { .. } => Capability::SearchByName,
            ReservationSearch::Email(_) => Capability::SearchByEmail,
            ReservationSearch::Phone(_) => Capability::SearchByPhone,
        }
    }
}

/// New contact details for the guest; fields left `None` stay as they are.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactChange {
    /// New e-mail address.
    pub email: Option<Email>,
    /// New phone number.
    pub phone: Option<PhoneNumber>,
    /// New preferred language.
    pub language: Option<LanguageTag>,
}

/// What a change does to the reservation's comment: keep it, set a new one, or clear it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CommentChange {
    /// Leave the comment as it is.
    #[default]
    Keep,
    /// Replace the comment (or add one).
    Set(Pii<String>),
    /// Remove the comment; clearing a reservation without one changes nothing.
    Clear,
}

impl CommentChange {
    /// Whether the change touches the comment.
    pub fn changes(&self) -> bool {
        !matches!(self, CommentChange::Keep)
    }

    /// The comment a reservation has after the change, given the one it had.
    pub fn apply(&self, current: Option<Pii<String>>) -> Option<Pii<String>> {
        match self {
            CommentChange::Keep => current,
            CommentChange::Set(comment) => Some(comment.clone()),
            CommentChange::Clear => None,
        }
    }
}

/// A change to a reservation; fields left `None` (the comment: [`CommentChange::Keep`]) stay as
/// they are.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReservationChange {
    /// New dates (the stay is re-priced).
    pub stay: Option<Stay>,
    /// New occupancy (re-priced).
    pub occupancy: Option<Occupancy>,
    /// New room type (re-priced).
    pub room_type: Option<RoomTypeId>,
    /// New rate plan (re-priced).
    pub rate_plan: Option<RatePlanId>,
    /// New guest contact details.
    pub contact: Option<ContactChange>,
    /// The comment: kept, set or cleared.
    pub comment: CommentChange,
}

impl ReservationChange {
    /// Whether the change touches the stay and so re-prices it.
    pub fn changes_stay(&self) -> bool {
        self.stay.is_some()
            || self.occupancy.is_some()
            || self.room_type.is_some()
            || self.rate_plan.is_some()
    }

    /// Whether the change touches guest details or the comment.
    pub fn changes_guest(&self) -> bool {
        self.contact.is_some() || self.comment.changes()
    }

    /// The capabilities this change needs.
    pub fn required_capabilities(&self) -> CapabilitySet {
        let mut set = CapabilitySet::empty();
        if self.changes_stay() {
            set.insert(Capability::ModifyStay);
        }
        if self.changes_guest() {
            set.insert(Capability::ModifyGuest);
        }
        set
    }
}
