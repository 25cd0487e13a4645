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

/// What cancelling costs: the terms of a rate plan for one stay, on an offer and on the
/// reservation booked from it. Fees are exact amounts in the property's currency (a vendor that
/// states a percentage or a number of nights has it resolved against the stay's price by the
/// connector); the rest of the total is refunded.
/// Not `#[non_exhaustive]`: every consumer must say what a new kind of terms means to a guest,
/// so a new variant is a compile error where it is not handled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CancellationPolicy {
    /// Free cancellation until the deadline; from then on `fee` is charged.
    FreeUntil {
        /// The last instant free cancellation is possible (an instant; say it to the guest in
        /// the property's time zone, [`crate::Property::time_zone`]).
        deadline: DateTime<Utc>,
        /// What cancelling costs after the deadline (at most the total; the total itself when
        /// the whole stay is charged).
        fee: Money,
    },
    /// A fee is charged from booking on; the rest of the total is refunded. The fee is more
    /// than nothing and less than the total (a fee of the whole total is [`NonRefundable`]).
    ///
    /// [`NonRefundable`]: CancellationPolicy::NonRefundable
    PartlyRefundable {
        /// What cancelling costs, at any time.
        fee: Money,
    },
    /// Any cancellation is charged in full.
    NonRefundable,
}

impl CancellationPolicy {
    /// What cancelling at `at` costs for a stay that costs `total`: nothing until a free
    /// deadline (inclusive), then the fee; a partly refundable fee at any time; the whole total
    /// if non-refundable.
    pub fn fee_at(&self, at: DateTime<Utc>, total: Money) -> Money {
        match self {
            CancellationPolicy::FreeUntil { deadline, fee } => {
                if at <= *deadline {
                    Money::zero(total.currency())
                } else {
                    *fee
                }
            }
            CancellationPolicy::PartlyRefundable { fee } => *fee,
            CancellationPolicy::NonRefundable => total,
        }
    }

    /// The most cancelling can ever cost under these terms.
    pub fn max_fee(&self, total: Money) -> Money {
        match self {
            CancellationPolicy::FreeUntil { fee, .. }
            | CancellationPolicy::PartlyRefundable { fee } => *fee,
            CancellationPolicy::NonRefundable => total,
        }
    }
}

/// How a reservation is guaranteed to the hotel (Apaleo `guaranteeType`, OPERA guarantee
/// codes, Mews payment guarantees).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Guarantee {
    /// Not guaranteed: the hotel may release the room if the guest has not arrived by a time on
    /// the arrival day (Apaleo `PM6Hold`: 6 pm).
    Unguaranteed,
    /// Guaranteed by a payment card.
    CreditCard,
    /// Paid in advance, in full.
    Prepayment,
    /// Secured by a deposit (part of the price paid in advance).
    Deposit,
    /// Guaranteed by a company (invoiced).
    Company,
    /// Guaranteed by the booking channel, e.g. an online travel agency.
    Channel,
}

impl Guarantee {
    /// A stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Guarantee::Unguaranteed => "unguaranteed",
            Guarantee::CreditCard => "credit_card",
            Guarantee::Prepayment => "prepayment",
            Guarantee::Deposit => "deposit",
            Guarantee::Company => "company",
            Guarantee::Channel => "channel",
        }
    }
}

impl std::fmt::Display for Guarantee {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
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

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn the_fee_follows_the_deadline_and_never_exceeds_the_terms() {
        let total = Money::parse("300.00", Currency::EUR).unwrap();
        let first_night = Money::parse("150.00", Currency::EUR).unwrap();
        let deadline = Utc.with_ymd_and_hms(2027, 3, 1, 17, 0, 0).unwrap();
        let flex = CancellationPolicy::FreeUntil {
            deadline,
            fee: first_night,
        };
        assert_eq!(flex.fee_at(deadline, total), Money::zero(Currency::EUR));
        assert_eq!(
            flex.fee_at(deadline + chrono::Duration::seconds(1), total),
            first_night
        );
        assert_eq!(flex.max_fee(total), first_night);
        let nonref = CancellationPolicy::NonRefundable;
        assert_eq!(nonref.fee_at(deadline, total), total);
        assert_eq!(nonref.max_fee(total), total);
        let partly = CancellationPolicy::PartlyRefundable { fee: first_night };
        assert_eq!(partly.fee_at(deadline, total), first_night);
        assert_eq!(partly.max_fee(total), first_night);
        assert_eq!(Guarantee::CreditCard.to_string(), "credit_card");
    }
}
