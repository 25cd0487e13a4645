//! Scenarios that book, change and cancel.

use std::collections::BTreeMap;

use pms_contract::{
    CancellationPolicy, Capability, CommentChange, ContactChange, Email, ErrorKind, Guarantee,
    Guest, Money, NewReservation, Pii, PmsConnector, Reservation, ReservationChange,
    ReservationSearch, ReservationStatus, RoomTypeId, Stay,
};

use super::{Check, Ctx, Verdict, ensure};
use crate::Lack;

pub(super) async fn create_returns_confirmed(ctx: &Ctx) -> Check {
    let stay = ctx.stay(0, 2)?;
    let offer = ctx.offer(stay).await?;
    let request = ctx.request(&offer, ctx.guest(1)?, ctx.key(1)?)?;
    let created = ctx.create(&request).await?;
    ensure!(
        created.status == ReservationStatus::Confirmed,
        "a new reservation is {}, expected confirmed",
        created.status
    );
    let differing = guest_diff(&created.guest, &request.guest);
    ensure!(
        differing.is_empty(),
        "the reservation's guest differs from the one booked in: {}",
        differing.join(", ")
    );
    ensure!(
        created.stay == request.stay,
        "stay {} differs from {}",
        created.stay,
        request.stay
    );
    ensure!(
        created.occupancy == request.occupancy,
        "occupancy {:?} differs from {:?}",
        created.occupancy,
        request.occupancy
    );
    ensure!(
        created.room_type == request.room_type && created.rate_plan == request.rate_plan,
        "booked {}/{} but got {}/{}",
        request.room_type,
        request.rate_plan,
        created.room_type,
        created.rate_plan
    );
    ensure!(
        created.total == offer.total,
        "the offer said {} but the reservation costs {}",
        offer.total,
        created.total
    );
    ensure!(
        created.cancelled_at.is_none() && created.created_at <= created.modified_at,
        "timestamps are inconsistent: created {}, modified {}, cancelled {:?}",
        created.created_at,
        created.modified_at,
        created.cancelled_at
    );
    Ok(())
}

pub(super) async fn get_returns_created(ctx: &Ctx) -> Check {
    let created = ctx.book(ctx.stay(0, 2)?, 1).await?;
    let id = &created.id;
    ctx.settled(
        move || async move { ctx.ok("get_reservation", ctx.pms.get_reservation(id).await) },
        |read| {
            let differing = reservation_diff(read, &created);
            ensure!(
                differing.is_empty(),
                "get returned a reservation that differs from what create returned in: {}",
                differing.join(", ")
            );
            Ok(())
        },
    )
    .await?;
    Ok(())
}

/// Cancellation terms in words, for failure reasons (they hold no personal data).
pub(super) fn describe_terms(terms: &CancellationPolicy) -> String {
    match terms {
        CancellationPolicy::FreeUntil { deadline, fee } => {
            format!("free until {}, then {fee}", deadline.to_rfc3339())
        }
        CancellationPolicy::PartlyRefundable { fee } => {
            format!("{fee} charged from booking on, the rest refunded")
        }
        CancellationPolicy::NonRefundable => "non-refundable".to_owned(),
    }
}

/// Checks that terms for a stay costing `total` are sound: any fee in the total's currency,
/// not negative and at most the total.
pub(super) fn check_terms(what: &str, terms: &CancellationPolicy, total: Money) -> Check {
    let fee = terms.max_fee(total);
    ensure!(
        fee.currency() == total.currency(),
        "{what}: the cancellation fee is in {} but the total in {}",
        fee.currency(),
        total.currency()
    );
    ensure!(
        !fee.amount().is_sign_negative() && fee.amount() <= total.amount(),
        "{what}: the cancellation fee {fee} is not between zero and the total {total}"
    );
    Ok(())
}

pub(super) async fn reservation_carries_offer_terms(ctx: &Ctx) -> Check {
    let stay = ctx.stay(0, 2)?;
    let offer = ctx.offer(stay).await?;
    let request = ctx.request(&offer, ctx.guest(1)?, ctx.key(1)?)?;
    let created = ctx.create(&request).await?;
    ensure!(
        created.cancellation == offer.cancellation,
        "the offer's cancellation terms were {} but the reservation carries {}",
        describe_terms(&offer.cancellation),
        describe_terms(&created.cancellation)
    );
    check_terms("the reservation", &created.cancellation, created.total)?;
    if let CancellationPolicy::FreeUntil { deadline, .. } = created.cancellation
        && created.created_at <= deadline
    {
        let fee = created.cancellation_fee_at(created.created_at);
        ensure!(
            fee.amount().is_zero(),
            "cancelling right after booking, before the free deadline, would cost {fee}"
        );
    }
    ensure!(
        !offer.guarantee_required || created.guarantee != Guarantee::Unguaranteed,
        "the offer requires a guarantee but the reservation is {}",
        created.guarantee
    );
    Ok(())
}

/// The guest fields that differ, by name (values are personal data).
fn guest_diff(a: &Guest, b: &Guest) -> Vec<&'static str> {
    let fields = [
        ("first_name", a.first_name == b.first_name),
        ("last_name", a.last_name == b.last_name),
        ("email", a.email == b.email),
        ("phone", a.phone == b.phone),
        ("language", a.language == b.language),
        ("country", a.country == b.country),
    ];
    fields
        .into_iter()
        .filter(|(_, same)| !same)
        .map(|(name, _)| name)
        .collect()
}

/// The reservation fields that differ, by name.
pub(super) fn reservation_diff(a: &Reservation, b: &Reservation) -> Vec<&'static str> {
    let fields = [
        ("id", a.id == b.id),
        (
            "confirmation_code",
            a.confirmation_code == b.confirmation_code,
        ),
        ("status", a.status == b.status),
        ("stay", a.stay == b.stay),
        ("occupancy", a.occupancy == b.occupancy),
        ("room_type", a.room_type == b.room_type),
        ("rate_plan", a.rate_plan == b.rate_plan),
        ("total", a.total == b.total),
        ("cancellation", a.cancellation == b.cancellation),
        ("guarantee", a.guarantee == b.guarantee),
        ("comment", a.comment == b.comment),
        ("created_at", a.created_at == b.created_at),
        ("modified_at", a.modified_at == b.modified_at),
        ("cancelled_at", a.cancelled_at == b.cancelled_at),
    ];
    let mut out: Vec<_> = fields
        .into_iter()
        .filter(|(_, same)| !same)
        .map(|(name, _)| name)
        .collect();
    out.extend(guest_diff(&a.guest, &b.guest).into_iter().map(|f| match f {
        "first_name" => "guest.first_name",
        "last_name" => "guest.last_name",
        "email" => "guest.email",
        "phone" => "guest.phone",
        "language" => "guest.language",
        _ => "guest.country",
    }));
    out
}

/// Skips unless nobody else books on the fixture's PMS.
fn require_exclusive(ctx: &Ctx) -> Check {
    if ctx.fixture.exclusive {
        Ok(())
    } else {
        Err(Verdict::Skip(
            Lack::Exclusive,
            "counts units exactly, which needs a PMS nobody else books on (fixture.exclusive)"
                .into(),
        ))
    }
}

async fn free_units(ctx: &Ctx, stay: Stay, room_type: &RoomTypeId) -> Result<Vec<u32>, Verdict> {
    let availability = ctx.ok("availability", ctx.pms.availability(&stay).await)?;
    let by_date: BTreeMap<_, _> = availability
        .iter()
        .filter(|a| &a.room_type == room_type)
        .map(|a| (a.date, a.available))
        .collect();
    stay.night_dates()
        .map(|d| {
            by_date.get(&d).copied().ok_or_else(|| {
                Verdict::Fail(format!("no availability entry for {room_type} on {d}"))
            })
        })
        .collect()
}

pub(super) async fn availability_follows_bookings(ctx: &Ctx) -> Check {
    require_exclusive(ctx)?;
    let stay = ctx.stay(0, 3)?;
    let offer = ctx.offer(stay).await?;
    let before = free_units(ctx, stay, &offer.room_type).await?;
    let request = ctx.request(&offer, ctx.guest(1)?, ctx.key(1)?)?;
    let created = ctx.create(&request).await?;
    let room_type = &offer.room_type;
    let expected: Vec<u32> = before.iter().map(|n| n.saturating_sub(1)).collect();
    ctx.settled(
        move || free_units(ctx, stay, room_type),
        |booked| {
            ensure!(
                *booked == expected,
                "after booking {room_type} availability is {booked:?}, expected {expected:?}"
            );
            Ok(())
        },
    )
    .await?;
    ctx.ok(
        "cancel_reservation",
        ctx.pms.cancel_reservation(&created.id).await,
    )?;
    ctx.settled(
        move || free_units(ctx, stay, room_type),
        |after| {
            ensure!(
                *after == before,
                "after cancelling, availability is {after:?}, expected it back at {before:?}"
            );
            Ok(())
        },
    )
    .await?;
    Ok(())
}

/// Runs `search`; fails the scenario on error.
pub(super) async fn search_for(
    ctx: &Ctx,
    search: &ReservationSearch,
) -> Result<Vec<Reservation>, Verdict> {
    ctx.ok(
        "search_reservations",
        ctx.pms.search_reservations(search).await,
    )
}

async fn find_by_last_name(
    ctx: &Ctx,
    reservation: &Reservation,
) -> Result<Vec<Reservation>, Verdict> {
    let search = ReservationSearch::LastName {
        last_name: reservation.guest.last_name.clone(),
        arrival: None,
    };
    ctx.ok(
        "search_reservations",
        ctx.pms.search_reservations(&search).await,
    )
}

pub(super) async fn idempotent_create(ctx: &Ctx) -> Check {
    let offer = ctx.offer(ctx.stay(0, 2)?).await?;
    let request = ctx.request(&offer, ctx.guest(1)?, ctx.key(1)?)?;
    let first = ctx.create(&request).await?;
    let second = ctx.create(&request).await?;
    ensure!(
        first.id == second.id,
        "the same idempotency key created two reservations ({} and {})",
        first.id,
        second.id
    );
    ctx.settled(
        || find_by_last_name(ctx, &first),
        |found| {
            ensure!(
                found.len() == 1,
                "the guest has {} reservations after two creates with one key, expected 1",
                found.len()
            );
            Ok(())
        },
    )
    .await?;
    Ok(())
}

pub(super) async fn idempotency_key_conflict(ctx: &Ctx) -> Check {
    let offer = ctx.offer(ctx.stay(0, 2)?).await?;
    let request = ctx.request(&offer, ctx.guest(1)?, ctx.key(1)?)?;
    let first = ctx.create(&request).await?;
    let mut other = request.clone();
    other.stay = ctx.stay(0, 3)?;
    ctx.err(
        "create with a reused key and other dates",
        ctx.try_create(&other).await,
        "a conflict",
        |k| *k == ErrorKind::Conflict,
    )?;
    ctx.settled(
        || find_by_last_name(ctx, &first),
        |found| {
            ensure!(
                found.len() == 1,
                "the guest has {} reservations after a conflicting create, expected 1",
                found.len()
            );
            ensure!(
                found[0].stay == first.stay,
                "the conflicting create changed the stay to {}",
                found[0].stay
            );
            Ok(())
        },
    )
    .await?;
    Ok(())
}

pub(super) async fn search_by_confirmation(ctx: &Ctx) -> Check {
    let stay = ctx.stay(0, 2)?;
    let first = ctx.book(stay, 1).await?;
    let _second = ctx.book(stay, 2).await?;
    let search = ReservationSearch::ConfirmationCode(first.confirmation_code.clone());
    ctx.settled(
        || search_for(ctx, &search),
        |found| {
            let ids: Vec<_> = found.iter().map(|r| r.id.clone()).collect();
            ensure!(
                ids == vec![first.id.clone()],
                "searching code {} found {ids:?}, expected exactly [{}]",
                first.confirmation_code,
                first.id
            );
            Ok(())
        },
    )
    .await?;
    Ok(())
}

pub(super) async fn search_by_last_name(ctx: &Ctx) -> Check {
    let stay = ctx.stay(0, 2)?;
    let booked = ctx.book(stay, 1).await?;
    let name = booked.guest.last_name.expose();
    let other_arrival = ctx.stay(1, 1)?.arrival();
    let cases = [
        (name.to_uppercase(), None, true, "upper-case name"),
        (name.to_lowercase(), None, true, "lower-case name"),
        (name.clone(), Some(stay.arrival()), true, "name and arrival"),
        (
            name.clone(),
            Some(other_arrival),
            false,
            "name and another arrival",
        ),
    ];
    for (last_name, arrival, should_find, label) in cases {
        let search = ReservationSearch::LastName {
            last_name: Pii::new(last_name),
            arrival,
        };
        ctx.settled(
            || search_for(ctx, &search),
            |found| {
                let hit = found.iter().any(|r| r.id == booked.id);
                ensure!(
                    hit == should_find,
                    "search by {label}: found={hit}, expected {should_find}"
                );
                ensure!(
                    found.iter().all(|r| r.id == booked.id),
                    "search by {label} returned another guest's reservation"
                );
                Ok(())
            },
        )
        .await?;
    }
    Ok(())
}

pub(super) async fn search_by_email(ctx: &Ctx) -> Check {
    let booked = ctx.book(ctx.stay(0, 2)?, 1).await?;
    let Some(email) = &booked.guest.email else {
        return Err(Verdict::Fail(
            "the reservation lost the guest's e-mail address".into(),
        ));
    };
    let search = ReservationSearch::Email(email.clone());
    find_by_contact(ctx, &booked, "e-mail", &search).await
}

pub(super) async fn search_by_phone(ctx: &Ctx) -> Check {
    let booked = ctx.book(ctx.stay(0, 2)?, 1).await?;
    let Some(phone) = &booked.guest.phone else {
        return Err(Verdict::Fail(
            "the reservation lost the guest's phone number".into(),
        ));
    };
    let search = ReservationSearch::Phone(phone.clone());
    find_by_contact(ctx, &booked, "phone", &search).await
}

/// Checks that `search` (by the guest's e-mail or phone) finds `booked`, and only reservations
/// that carry the searched value.
async fn find_by_contact(
    ctx: &Ctx,
    booked: &Reservation,
    label: &str,
    search: &ReservationSearch,
) -> Check {
    ctx.settled(
        || search_for(ctx, search),
        |found| {
            ensure!(
                found.iter().any(|r| r.id == booked.id),
                "search by {label} did not find {}",
                booked.id
            );
            // Test phone numbers come from a small reserved range, so older test
            // reservations may share one; every hit must still carry the searched value.
            let precise = found.iter().all(|r| match search {
                ReservationSearch::Email(e) => r.guest.email.as_ref() == Some(e),
                ReservationSearch::Phone(p) => r.guest.phone.as_ref() == Some(p),
                _ => false,
            });
            ensure!(
                precise,
                "search by {label} returned reservations of other guests"
            );
            Ok(())
        },
    )
    .await?;
    Ok(())
}

pub(super) async fn modify_dates_reprices(ctx: &Ctx) -> Check {
    let stay = ctx.stay(0, 2)?;
    let offer = ctx.offer(stay).await?;
    // Quote the longer stay first: once booked, the reservation may hold the last unit.
    let longer = ctx.stay(0, 3)?;
    let quote = ctx
        .offers(longer)
        .await?
        .into_iter()
        .find(|o| o.room_type == offer.room_type && o.rate_plan == offer.rate_plan)
        .ok_or_else(|| {
            Verdict::Fail(format!(
                "no offer for {}/{} for {longer}",
                offer.room_type, offer.rate_plan
            ))
        })?;
    let request = ctx.request(&offer, ctx.guest(1)?, ctx.key(1)?)?;
    let created = ctx.create(&request).await?;
    let change = ReservationChange {
        stay: Some(longer),
        ..ReservationChange::default()
    };
    let modified = ctx.ok(
        "modify_reservation",
        ctx.pms.modify_reservation(&created.id, &change).await,
    )?;
    ensure!(
        modified.stay == longer,
        "the stay is {}, expected {longer}",
        modified.stay
    );
    ensure!(
        modified.total == quote.total,
        "the new total is {}, but {longer} was quoted at {}",
        modified.total,
        quote.total
    );
    ensure!(
        modified.total != created.total,
        "a longer stay kept the old total {}",
        created.total
    );
    let id = &created.id;
    ctx.settled(
        move || async move { ctx.ok("get_reservation", ctx.pms.get_reservation(id).await) },
        |read| {
            let differing = reservation_diff(read, &modified);
            ensure!(
                differing.is_empty(),
                "get differs from what modify returned in: {}",
                differing.join(", ")
            );
            Ok(())
        },
    )
    .await?;
    ensure!(
        modified.modified_at >= created.modified_at,
        "modified_at went backwards"
    );
    Ok(())
}

pub(super) async fn modify_contact(ctx: &Ctx) -> Check {
    let created = ctx.book(ctx.stay(0, 2)?, 1).await?;
    let new_email = ctx.ok(
        "building an e-mail address",
        Email::new(&format!("{}@moved.example", ctx.nonsense().to_lowercase())),
    )?;
    let change = ReservationChange {
        contact: Some(ContactChange {
            email: Some(new_email.clone()),
            ..ContactChange::default()
        }),
        ..ReservationChange::default()
    };
    let modified = ctx.ok(
        "modify_reservation",
        ctx.pms.modify_reservation(&created.id, &change).await,
    )?;
    ensure!(
        modified.guest.email.as_ref() == Some(&new_email),
        "the e-mail address was not changed"
    );
    ensure!(
        modified.guest.phone == created.guest.phone
            && modified.guest.last_name == created.guest.last_name,
        "changing the e-mail address changed other guest fields"
    );
    ensure!(
        modified.stay == created.stay && modified.total == created.total,
        "changing the e-mail address changed the stay or the price"
    );
    let search = ReservationSearch::Email(new_email);
    ctx.settled(
        || search_for(ctx, &search),
        |found| {
            ensure!(
                found.iter().any(|r| r.id == created.id),
                "searching the new e-mail address does not find the reservation"
            );
            Ok(())
        },
    )
    .await?;
    Ok(())
}

pub(super) async fn modify_comment_sets_and_clears(ctx: &Ctx) -> Check {
    let created = ctx.book(ctx.stay(0, 2)?, 1).await?;
    let comment = Pii::new("Arrives late, around 23:00".to_owned());
    let steps = [
        (
            "setting",
            CommentChange::Set(comment.clone()),
            Some(comment),
        ),
        ("clearing", CommentChange::Clear, None),
    ];
    for (label, change, expected) in steps {
        let change = ReservationChange {
            comment: change,
            ..ReservationChange::default()
        };
        let modified = ctx.ok(
            "modify_reservation",
            ctx.pms.modify_reservation(&created.id, &change).await,
        )?;
        ensure!(
            modified.comment == expected,
            "{label} the comment: the reservation's comment is {}, expected {}",
            presence(modified.comment.is_some()),
            presence(expected.is_some())
        );
        ensure!(
            modified.stay == created.stay && modified.total == created.total,
            "{label} the comment changed the stay or the price"
        );
        let id = &created.id;
        let expected = &expected;
        ctx.settled(
            move || async move { ctx.ok("get_reservation", ctx.pms.get_reservation(id).await) },
            |read| {
                ensure!(
                    read.comment == *expected,
                    "after {label} the comment, get says it is {}",
                    presence(read.comment.is_some())
                );
                Ok(())
            },
        )
        .await?;
    }
    Ok(())
}

/// "present" or "absent" (a comment's text is personal data).
fn presence(present: bool) -> &'static str {
    if present { "present" } else { "absent" }
}

pub(super) async fn modify_cancelled_is_invalid_state(ctx: &Ctx) -> Check {
    let created = ctx.book(ctx.stay(0, 2)?, 1).await?;
    ctx.ok(
        "cancel_reservation",
        ctx.pms.cancel_reservation(&created.id).await,
    )?;
    let changes = [
        (
            "dates",
            Capability::ModifyStay,
            ReservationChange {
                stay: Some(ctx.stay(0, 3)?),
                ..ReservationChange::default()
            },
        ),
        (
            "comment",
            Capability::ModifyGuest,
            ReservationChange {
                comment: CommentChange::Set(Pii::new("late arrival".to_owned())),
                ..ReservationChange::default()
            },
        ),
    ];
    let applicable: Vec<_> = changes
        .into_iter()
        .filter(|(_, capability, _)| ctx.offers_capability(*capability))
        .collect();
    if applicable.is_empty() {
        return Err(Verdict::Skip(
            Lack::Capability(Capability::ModifyStay),
            "the fixture offers neither modify_stay nor modify_guest".into(),
        ));
    }
    for (label, _, change) in applicable {
        ctx.err(
            &format!("modifying the {label} of a cancelled reservation"),
            ctx.pms.modify_reservation(&created.id, &change).await,
            "an invalid-state",
            |k| *k == ErrorKind::InvalidState,
        )?;
    }
    Ok(())
}

pub(super) async fn cancel_is_idempotent(ctx: &Ctx) -> Check {
    let created = ctx.book(ctx.stay(0, 2)?, 1).await?;
    let cancelled = ctx.ok(
        "cancel_reservation",
        ctx.pms.cancel_reservation(&created.id).await,
    )?;
    ensure!(
        cancelled.status == ReservationStatus::Canceled && cancelled.cancelled_at.is_some(),
        "cancel returned status {} with cancelled_at {:?}",
        cancelled.status,
        cancelled.cancelled_at
    );
    let id = &created.id;
    ctx.settled(
        move || async move { ctx.ok("get_reservation", ctx.pms.get_reservation(id).await) },
        |read| {
            ensure!(
                read.status == ReservationStatus::Canceled,
                "after cancel, get says {}",
                read.status
            );
            Ok(())
        },
    )
    .await?;
    let again = ctx.ok(
        "cancelling again",
        ctx.pms.cancel_reservation(&created.id).await,
    )?;
    ensure!(
        again.status == ReservationStatus::Canceled && again.cancelled_at == cancelled.cancelled_at,
        "cancelling twice changed the reservation (cancelled_at {:?} then {:?})",
        cancelled.cancelled_at,
        again.cancelled_at
    );
    Ok(())
}

pub(super) async fn last_room_race(ctx: &Ctx) -> Check {
    const MAX_PREBOOK: u32 = 5;
    require_exclusive(ctx)?;
    let stay = ctx.stay(0, 2)?;
    let offers = ctx.offers(stay).await?;
    let availability = ctx.ok("availability", ctx.pms.availability(&stay).await)?;
    // The scarcest room type that has an offer: its free units for the whole stay.
    let mut candidates: Vec<_> = offers
        .iter()
        .filter_map(|offer| {
            availability
                .iter()
                .filter(|a| a.room_type == offer.room_type)
                .map(|a| a.available)
                .min()
                .map(|free| (free, offer))
        })
        .filter(|(free, _)| (1..=MAX_PREBOOK + 1).contains(free))
        .collect();
    candidates.sort_by_key(|(free, _)| *free);
    let Some((free, offer)) = candidates.first().map(|(f, o)| (*f, (*o).clone())) else {
        return Err(Verdict::Skip(
            Lack::ScarceRoomType,
            format!(
                "no room type has between 1 and {} free units for {stay}",
                MAX_PREBOOK + 1
            ),
        ));
    };
    for n in 0..u64::from(free - 1) {
        let request = ctx.request(&offer, ctx.guest(100 + n)?, ctx.key(100 + n)?)?;
        ctx.create(&request).await?;
    }
    ctx.settled(
        || free_units(ctx, stay, &offer.room_type),
        |left| {
            ensure!(
                left.iter().min() == Some(&1),
                "after booking all but one unit of {}, availability is {left:?}",
                offer.room_type
            );
            Ok(())
        },
    )
    .await?;
    let a = ctx.request(&offer, ctx.guest(1)?, ctx.key(1)?)?;
    let b = ctx.request(&offer, ctx.guest(2)?, ctx.key(2)?)?;
    // Two tasks, so that a multi-threaded runtime really runs them at the same time.
    let spawn = |request: NewReservation| {
        let pms = ctx.pms.clone();
        tokio::spawn(async move { pms.create_reservation(&request).await })
    };
    let (ta, tb) = (spawn(a), spawn(b));
    let (ra, rb) = (ta.await, tb.await);
    let (Ok(ra), Ok(rb)) = (ra, rb) else {
        return Err(Verdict::Fail("a booking task panicked".into()));
    };
    let outcomes = [ra, rb];
    for created in outcomes.iter().flatten() {
        ctx.remember(created);
    }
    let wins = outcomes.iter().filter(|r| r.is_ok()).count();
    ensure!(
        wins == 1,
        "{wins} of two concurrent bookings for the last {} succeeded, expected exactly 1",
        offer.room_type
    );
    for result in &outcomes {
        if let Err(err) = result {
            ensure!(
                *err.kind() == ErrorKind::Conflict,
                "the losing booking failed with {err}, expected a conflict"
            );
        }
    }
    ctx.settled(
        || free_units(ctx, stay, &offer.room_type),
        |left| {
            ensure!(
                left.iter().all(|n| *n == 0),
                "after the race, availability of {} is {left:?}, expected none left",
                offer.room_type
            );
            Ok(())
        },
    )
    .await?;
    Ok(())
}
