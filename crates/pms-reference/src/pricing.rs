//! Prices and cancellation deadlines of the reference PMS.

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc, Weekday};
use pms_contract::{CancellationPolicy, Money, NightlyPrice, Occupancy, PmsError, Property, Stay};
use rust_decimal::Decimal;

use crate::seed::{ReferenceSeed, SeedCancellation, SeedRatePlan, SeedRoomType};

/// The price of one night.
pub(crate) fn night_price(
    seed: &ReferenceSeed,
    room: &SeedRoomType,
    plan: &SeedRatePlan,
    occupancy: &Occupancy,
    date: NaiveDate,
) -> Money {
    let mut amount = room.base_price * plan.price_factor;
    if matches!(date.weekday(), Weekday::Fri | Weekday::Sat) {
        amount += amount * seed.weekend_uplift_percent / Decimal::ONE_HUNDRED;
    }
    amount += seed.extra_adult * Decimal::from(occupancy.adult_count().saturating_sub(1));
    amount += seed.extra_child * Decimal::from(occupancy.children_ages().len());
    Money::new(amount, seed.property.currency).rounded()
}

/// Nightly prices and their total for a stay.
pub(crate) fn quote(
    seed: &ReferenceSeed,
    room: &SeedRoomType,
    plan: &SeedRatePlan,
    occupancy: &Occupancy,
    stay: &Stay,
) -> Result<(Vec<NightlyPrice>, Money), PmsError> {
    let nightly: Vec<NightlyPrice> = stay
        .night_dates()
        .map(|date| NightlyPrice {
            date,
            amount: night_price(seed, room, plan, occupancy, date),
        })
        .collect();
    let total = Money::sum(seed.property.currency, nightly.iter().map(|n| &n.amount))?;
    Ok((nightly, total))
}

/// The cancellation policy of `plan` for a stay priced `nightly`, with the deadline in UTC.
pub(crate) fn cancellation(
    property: &Property,
    plan: &SeedRatePlan,
    stay: &Stay,
    nightly: &[NightlyPrice],
) -> Result<CancellationPolicy, PmsError> {
    let first_nights = |nights: u32| {
        let charged = usize::try_from(nights).unwrap_or(usize::MAX);
        Money::sum(
            property.currency,
            nightly.iter().take(charged).map(|n| &n.amount),
        )
    };
    match &plan.cancellation {
        SeedCancellation::NonRefundable => Ok(CancellationPolicy::NonRefundable),
        SeedCancellation::PartlyRefundable { fee_nights } => {
            if usize::try_from(*fee_nights).unwrap_or(usize::MAX) >= nightly.len() {
                Ok(CancellationPolicy::NonRefundable)
            } else {
                Ok(CancellationPolicy::PartlyRefundable {
                    fee: first_nights(*fee_nights)?,
                })
            }
        }
        SeedCancellation::FreeUntil {
            days_before,
            local_time,
            fee_nights,
        } => {
            let fee = first_nights(*fee_nights)?;
            let day = stay
                .arrival()
                .checked_sub_days(Days::new(u64::from(*days_before)))
                .ok_or_else(|| PmsError::internal("cancellation deadline out of range"))?;
            let local = day.and_time(*local_time);
            // In a DST gap the local time does not exist: take the instant the gap ends.
            let deadline: DateTime<Utc> = property
                .time_zone
                .from_local_datetime(&local)
                .earliest()
                .or_else(|| {
                    property
                        .time_zone
                        .from_local_datetime(&(local + chrono::Duration::hours(1)))
                        .earliest()
                })
                .map(|d| d.with_timezone(&Utc))
                .ok_or_else(|| PmsError::internal("cancellation deadline not representable"))?;
            Ok(CancellationPolicy::FreeUntil { deadline, fee })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekend_and_extra_guests_are_priced_exactly() {
        let seed = ReferenceSeed::berlin().unwrap();
        let dbl = &seed.room_types[0];
        let flex = &seed.rate_plans[0];
        let nonref = &seed.rate_plans[1];
        let two = Occupancy::adults(2).unwrap();
        // 2027-03-03 is a Wednesday, 2027-03-05 a Friday.
        let wed = NaiveDate::from_ymd_opt(2027, 3, 3).unwrap();
        let fri = NaiveDate::from_ymd_opt(2027, 3, 5).unwrap();
        assert_eq!(
            night_price(&seed, dbl, flex, &two, wed).to_string(),
            "144.00 EUR"
        );
        // 119.00 * 1.15 + 25.00 = 161.85
        assert_eq!(
            night_price(&seed, dbl, flex, &two, fri).to_string(),
            "161.85 EUR"
        );
        // 119.00 * 0.85 = 101.15, + 25.00
        assert_eq!(
            night_price(&seed, dbl, nonref, &two, wed).to_string(),
            "126.15 EUR"
        );
        let family = Occupancy::new(2, vec![4, 9]).unwrap();
        assert_eq!(
            night_price(&seed, dbl, flex, &family, wed).to_string(),
            "174.00 EUR"
        );
        let stay = Stay::new(wed, fri + Days::new(1)).unwrap();
        let (nights, total) = quote(&seed, dbl, flex, &two, &stay).unwrap();
        assert_eq!(nights.len(), 3);
        assert_eq!(total.to_string(), "449.85 EUR");
    }

    #[test]
    fn deadlines_follow_the_property_time_zone_across_dst() {
        let seed = ReferenceSeed::berlin().unwrap();
        let flex = &seed.rate_plans[0];
        let two = Occupancy::adults(2).unwrap();
        let deadline = |arrival: (i32, u32, u32)| {
            let a = NaiveDate::from_ymd_opt(arrival.0, arrival.1, arrival.2).unwrap();
            let stay = Stay::new(a, a + Days::new(1)).unwrap();
            let (nightly, _) = quote(&seed, &seed.room_types[0], flex, &two, &stay).unwrap();
            match cancellation(&seed.property, flex, &stay, &nightly).unwrap() {
                CancellationPolicy::FreeUntil { deadline, fee } => {
                    assert_eq!(fee, nightly[0].amount);
                    deadline.to_rfc3339()
                }
                other => panic!("flexible plan, got {other:?}"),
            }
        };
        // Winter time (UTC+1) and summer time (UTC+2): 18:00 local the day before.
        assert_eq!(deadline((2027, 1, 10)), "2027-01-09T17:00:00+00:00");
        assert_eq!(deadline((2027, 7, 10)), "2027-07-09T16:00:00+00:00");
        // The day before arrival is the day clocks go forward (2027-03-28).
        assert_eq!(deadline((2027, 3, 29)), "2027-03-28T16:00:00+00:00");
        let nonref = &seed.rate_plans[1];
        let stay = Stay::parse("2027-01-10", "2027-01-11").unwrap();
        assert_eq!(
            cancellation(&seed.property, nonref, &stay, &[]).unwrap(),
            CancellationPolicy::NonRefundable
        );
        // Semi-flexible: the first night is kept, the rest refunded; for one night, all of it.
        let semi = &seed.rate_plans[2];
        let two_nights = Stay::parse("2027-01-10", "2027-01-12").unwrap();
        let (nightly, total) = quote(&seed, &seed.room_types[0], semi, &two, &two_nights).unwrap();
        let terms = cancellation(&seed.property, semi, &two_nights, &nightly).unwrap();
        assert_eq!(
            terms,
            CancellationPolicy::PartlyRefundable {
                fee: nightly[0].amount
            }
        );
        assert!(nightly[0].amount.amount() < total.amount());
        let (one, _) = quote(&seed, &seed.room_types[0], semi, &two, &stay).unwrap();
        assert_eq!(
            cancellation(&seed.property, semi, &stay, &one).unwrap(),
            CancellationPolicy::NonRefundable
        );
    }
}
