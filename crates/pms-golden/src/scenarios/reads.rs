//! Scenarios that only read.

use std::collections::{BTreeSet, HashSet};

use chrono::NaiveTime;
use pms_contract::{
    CancellationPolicy, Capability, ConfirmationCode, Email, ErrorKind, Money, Pii, PmsConnector,
    ReservationChange, ReservationSearch,
};

use super::{Check, Ctx, ensure};

pub(super) async fn property_is_well_formed(ctx: &Ctx) -> Check {
    let property = ctx.ok("property", ctx.pms.property().await)?;
    // The time zone and currency are typed (`chrono_tz::Tz`, an active ISO 4217 code): a
    // connector that got either wrong failed to build the property and errored above.
    ensure!(!property.name.trim().is_empty(), "the property has no name");
    // Sane check-in/out times: a room is vacated before the next guest may arrive on the same
    // day, and midnight is what a connector reports when it defaulted a time it did not find.
    let (check_in, check_out) = (property.check_in_time, property.check_out_time);
    ensure!(
        check_in != NaiveTime::MIN,
        "the check-in time is 00:00, which is a defaulted value rather than the hotel's"
    );
    ensure!(
        check_out <= check_in,
        "the check-out time {check_out} is after the check-in time {check_in}: a room could \
         not be vacated before the next guest arrives"
    );
    let room_types = ctx.ok("room_types", ctx.pms.room_types().await)?;
    ensure!(!room_types.is_empty(), "the property has no room types");
    let mut ids = HashSet::new();
    for room_type in &room_types {
        ensure!(
            ids.insert(room_type.id.clone()),
            "room type {} is listed twice",
            room_type.id
        );
        ensure!(
            room_type.max_occupancy >= 1,
            "room type {} sleeps nobody",
            room_type.id
        );
        ensure!(
            !room_type.name.trim().is_empty(),
            "room type {} has no name",
            room_type.id
        );
    }
    Ok(())
}

pub(super) async fn all_money_in_property_currency(ctx: &Ctx) -> Check {
    let property = ctx.ok("property", ctx.pms.property().await)?;
    let currency = property.currency;
    let offers = ctx.offers(ctx.stay(0, 3)?).await?;
    // Prices that live in the property's currency by construction would pass trivially; a
    // currency the connector mapped from the vendor's money objects can differ.
    for offer in &offers {
        let mut amounts: Vec<&Money> = offer.nightly.iter().map(|n| &n.amount).collect();
        amounts.push(&offer.total);
        for amount in amounts {
            ensure!(
                amount.currency() == currency,
                "offer {}/{} has an amount in {} but the property's currency is {currency}",
                offer.room_type,
                offer.rate_plan,
                amount.currency()
            );
        }
    }
    Ok(())
}

pub(super) async fn offer_cancellation_terms_are_exact(ctx: &Ctx) -> Check {
    let property = ctx.ok("property", ctx.pms.property().await)?;
    let currency = property.currency;
    let stay = ctx.stay(0, 3)?;
    let offers = ctx.offers(stay).await?;
    for offer in &offers {
        let what = format!("offer {}/{}", offer.room_type, offer.rate_plan);
        let total = offer.total;
        let fee = offer.cancellation.max_fee(total);
        ensure!(
            fee.currency() == currency,
            "{what}: the cancellation fee is in {} but the property's currency is {currency}",
            fee.currency()
        );
        ensure!(
            !fee.amount().is_sign_negative() && fee.amount() <= total.amount(),
            "{what}: the cancellation fee {fee} is not between zero and the total {total}"
        );
        match offer.cancellation {
            CancellationPolicy::FreeUntil { deadline, .. } => {
                let local = deadline.with_timezone(&property.time_zone).date_naive();
                ensure!(
                    local <= stay.arrival(),
                    "{what}: free cancellation lasts until {local}, after the arrival on {}",
                    stay.arrival()
                );
            }
            CancellationPolicy::PartlyRefundable { fee } => {
                ensure!(
                    !fee.amount().is_zero() && fee.amount() < total.amount(),
                    "{what}: partly refundable with a fee of {fee} on a total of {total}: a \
                     partial fee is more than nothing and less than the total"
                );
            }
            CancellationPolicy::NonRefundable => {}
        }
    }
    Ok(())
}

pub(super) async fn availability_covers_every_night(ctx: &Ctx) -> Check {
    let stay = ctx.stay(0, 3)?;
    let room_types = ctx.ok("room_types", ctx.pms.room_types().await)?;
    let availability = ctx.ok("availability", ctx.pms.availability(&stay).await)?;
    let expected: BTreeSet<_> = stay
        .night_dates()
        .flat_map(|date| room_types.iter().map(move |rt| (date, rt.id.clone())))
        .collect();
    let mut seen = BTreeSet::new();
    for entry in &availability {
        let key = (entry.date, entry.room_type.clone());
        ensure!(
            expected.contains(&key),
            "unexpected availability entry for {} on {} (outside the stay or unknown room type)",
            entry.room_type,
            entry.date
        );
        ensure!(
            seen.insert(key),
            "two availability entries for {} on {}",
            entry.room_type,
            entry.date
        );
    }
    if let Some((date, room_type)) = expected.difference(&seen).next() {
        ensure!(
            false,
            "no availability entry for {room_type} on {date} ({} of {} entries present)",
            seen.len(),
            expected.len()
        );
    }
    Ok(())
}

pub(super) async fn offer_totals_add_up(ctx: &Ctx) -> Check {
    let stay = ctx.stay(0, 3)?;
    let offers = ctx.offers(stay).await?;
    let nights: Vec<_> = stay.night_dates().collect();
    for offer in &offers {
        let label = format!("offer {}/{}", offer.room_type, offer.rate_plan);
        ensure!(
            offer.stay == stay,
            "{label} quotes {} instead of {stay}",
            offer.stay
        );
        let dates: Vec<_> = offer.nightly.iter().map(|n| n.date).collect();
        ensure!(
            dates == nights,
            "{label} prices nights {dates:?}, expected {nights:?}"
        );
        for night in &offer.nightly {
            let amount = night.amount.amount();
            ensure!(
                amount.is_sign_positive() && !amount.is_zero(),
                "{label} has a non-positive price on {}",
                night.date
            );
        }
        let sum = Money::sum(
            offer.total.currency(),
            offer.nightly.iter().map(|n| &n.amount),
        );
        let sum = ctx.ok("summing nightly prices", sum)?;
        ensure!(
            sum == offer.total,
            "{label}: nights sum to {sum} but the total is {}",
            offer.total
        );
        ensure!(
            offer.units_left > 0,
            "{label} is offered with no units left"
        );
    }
    Ok(())
}

pub(super) async fn search_without_match_is_empty(ctx: &Ctx) -> Check {
    let nonsense = ctx.nonsense();
    let code = ctx.ok(
        "building a confirmation code",
        ConfirmationCode::new(nonsense.to_uppercase()),
    )?;
    let email = ctx.ok(
        "building an e-mail address",
        Email::new(&format!("{nonsense}@nowhere.example")),
    )?;
    let searches = [
        ReservationSearch::ConfirmationCode(code),
        ReservationSearch::LastName {
            last_name: Pii::new(nonsense.clone()),
            arrival: None,
        },
        ReservationSearch::Email(email),
    ];
    for search in &searches {
        let found = ctx.ok(
            "search_reservations",
            ctx.pms.search_reservations(search).await,
        )?;
        ensure!(
            found.is_empty(),
            "a search for {:?} that matches nothing returned {} reservations",
            search.required_capability(),
            found.len()
        );
    }
    Ok(())
}

pub(super) async fn unknown_reservation_is_not_found(ctx: &Ctx) -> Check {
    let id = ctx.unknown_id()?;
    let not_found = |kind: &ErrorKind| *kind == ErrorKind::NotFound;
    ctx.err(
        "get_reservation of an unknown id",
        ctx.pms.get_reservation(&id).await,
        "a not-found",
        not_found,
    )?;
    if ctx.fixture.allow_writes && ctx.offers_capability(Capability::ModifyStay) {
        let change = ReservationChange {
            stay: Some(ctx.stay(0, 2)?),
            ..ReservationChange::default()
        };
        ctx.err(
            "modify_reservation of an unknown id",
            ctx.pms.modify_reservation(&id, &change).await,
            "a not-found",
            not_found,
        )?;
    }
    if ctx.fixture.allow_writes && ctx.offers_capability(Capability::CancelReservation) {
        ctx.err(
            "cancel_reservation of an unknown id",
            ctx.pms.cancel_reservation(&id).await,
            "a not-found",
            not_found,
        )?;
    }
    Ok(())
}
