//! Availability and priced offers.

use chrono::{DateTime, NaiveDate, Utc};

use crate::{Currency, Money, Occupancy, RatePlanId, RoomTypeId, Stay};

/// Free units of one room type for one night.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Availability {
    /// The night (the date the night starts, property time zone).
    pub date: NaiveDate,
    /// The room type.
    pub room_type: RoomTypeId,
    /// Units that can still be sold. Connectors clamp vendor overbooking to zero.
    pub available: u32,
}

/// A request for priced offers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OfferRequest {
    /// The stay to price.
    pub stay: Stay,
    /// Who stays.
    pub occupancy: Occupancy,
}

/// The price of one night.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NightlyPrice {
    /// The night.
    pub date: NaiveDate,
    /// Gross price of the night, taxes included.
    pub amount: Money,
}

/// What a guest may do about cancelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CancellationPolicy {
    /// Free cancellation until the deadline; a fee applies afterwards.
    FreeUntil {
        /// The last instant free cancellation is possible.
        deadline: DateTime<Utc>,
    },
    /// Any cancellation is charged in full.
    NonRefundable,
}

/// A priced quote: one room type with one rate plan for a stay and occupancy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// The room type.
    pub room_type: RoomTypeId,
    /// The rate plan.
    pub rate_plan: RatePlanId,
    /// Display name of the rate plan, e.g. "Flexible".
    pub rate_plan_name: String,
    /// The stay quoted.
    pub stay: Stay,
    /// One price per night, in order.
    pub nightly: Vec<NightlyPrice>,
    /// The total price of the stay; equals the sum of `nightly`.
    pub total: Money,
    /// Cancellation terms.
    pub cancellation: CancellationPolicy,
    /// Whether a payment guarantee (card) is required to book.
    pub guarantee_required: bool,
    /// Units of the room type left for the whole stay.
    pub units_left: u32,
}

impl Offer {
    /// The currency of the offer (that of its total).
    pub fn currency(&self) -> Currency {
        self.total.currency()
    }
}
