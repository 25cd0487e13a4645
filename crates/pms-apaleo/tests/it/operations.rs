//! The contract's operations against the sandbox: mapping, paging, money, dates, writes.

use std::str::FromStr;

use apaleo_sandbox::Fault;
use chrono::{NaiveTime, TimeZone, Utc};
use pms_contract::{
    CancellationPolicy, CommentChange, ConfirmationCode, ContactChange, Currency, Email, ErrorKind,
    LanguageTag, Money, Occupancy, PhoneNumber, Pii, PmsConnector, RatePlanId, ReservationChange,
    ReservationSearch, ReservationStatus, RoomTypeId,
};
use rust_decimal::Decimal;

use crate::support::{Rig, book_with, connector_for, day, request, stay, two_adults};

fn eur(text: &str) -> Money {
    Money::new(Decimal::from_str(text).unwrap(), Currency::EUR)
}

#[tokio::test]
async fn property_and_room_types() {
    let rig = Rig::start().await;
    let property = rig.connector.property().await.unwrap();
    assert_eq!(property.id.as_str(), "BER");
    assert_eq!(property.name, "VoiceHive Sandbox Berlin");
    assert_eq!(property.time_zone, chrono_tz::Europe::Berlin);
    assert_eq!(property.currency, Currency::EUR);
    assert_eq!(property.country.as_str(), "DE");
    assert_eq!(
        property.check_in_time,
        NaiveTime::from_hms_opt(15, 0, 0).unwrap()
    );
    assert_eq!(
        property.check_out_time,
        NaiveTime::from_hms_opt(11, 0, 0).unwrap()
    );
    let rooms = rig.connector.room_types().await.unwrap();
    let summary: Vec<_> = rooms
        .iter()
        .map(|r| (r.id.to_string(), r.max_occupancy, r.total_units))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("BER-SGL".to_owned(), 1, Some(4)),
            ("BER-DBL".to_owned(), 2, Some(10)),
            ("BER-FAM".to_owned(), 4, Some(3)),
            ("BER-STE".to_owned(), 2, Some(1)),
        ]
    );
    assert_eq!(rig.connector.property_id(), "BER");
    assert_eq!(rig.connector.vendor(), "apaleo");
}

#[tokio::test]
async fn another_propertys_reservation_is_not_found() {
    let rig = Rig::start().await;
    let zurich = connector_for(
        &rig.sandbox,
        "ZRH",
        &rig.clock,
        credentials::RefreshPolicy::default(),
    );
    let booked = book_with(
        &zurich,
        stay("2027-02-01", "2027-02-03"),
        "ZRH-DBL",
        "ZRH-FLEX-DBL",
        41,
    )
    .await;
    // The same account, another hotel: reading, changing or cancelling it is refused.
    let err = rig.connector.get_reservation(&booked.id).await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::NotFound);
    let err = rig
        .connector
        .cancel_reservation(&booked.id)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::NotFound);
    let change = ReservationChange {
        comment: CommentChange::Set(Pii::new("late arrival".to_owned())),
        ..ReservationChange::default()
    };
    let err = rig
        .connector
        .modify_reservation(&booked.id, &change)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::NotFound);
    let still = zurich.get_reservation(&booked.id).await.unwrap();
    assert_eq!(still.status, ReservationStatus::Confirmed);
}

#[tokio::test]
async fn zurich_is_in_francs() {
    let rig = Rig::start().await;
    let zurich = connector_for(
        &rig.sandbox,
        "ZRH",
        &rig.clock,
        credentials::RefreshPolicy::default(),
    );
    let property = zurich.property().await.unwrap();
    assert_eq!(property.currency, Currency::CHF);
    assert_eq!(property.time_zone, chrono_tz::Europe::Zurich);
    let offers = zurich
        .offers(&two_adults(stay("2027-02-01", "2027-02-03")))
        .await
        .unwrap();
    assert!(!offers.is_empty());
    assert!(offers.iter().all(|o| o.total.currency() == Currency::CHF));
}

#[tokio::test]
async fn paging_reads_every_page_and_stops_at_the_count() {
    let rig = Rig::start().await;
    let connector = connector_for(
        &rig.sandbox,
        "BER",
        &rig.clock,
        credentials::RefreshPolicy::default(),
    )
    .with_page_size(1);
    let before = connector.requests_sent();
    assert_eq!(connector.room_types().await.unwrap().len(), 4);
    // Four pages of one; the count says there is no fifth.
    assert_eq!(connector.requests_sent() - before, 4);
    let connector = connector.with_page_size(3);
    let before = connector.requests_sent();
    assert_eq!(connector.room_types().await.unwrap().len(), 4);
    assert_eq!(connector.requests_sent() - before, 2);
    // Availability pages over nights.
    let connector = connector.with_page_size(2);
    let entries = connector
        .availability(&stay("2027-02-01", "2027-02-06"))
        .await
        .unwrap();
    assert_eq!(entries.len(), 5 * 4);
    // Out-of-range sizes are clamped to Apaleo's 1..=500.
    let connector = connector.with_page_size(0).with_page_size(10_000);
    assert_eq!(connector.room_types().await.unwrap().len(), 4);
}

#[tokio::test]
async fn empty_lists_are_204_and_empty_results() {
    let rig = Rig::start().await;
    let none = rig
        .connector
        .search_reservations(&ReservationSearch::LastName {
            last_name: Pii::new("Nobody".to_owned()),
            arrival: None,
        })
        .await
        .unwrap();
    assert!(none.is_empty());
    // A family room for five: nothing fits, Apaleo answers 204.
    let offers = rig
        .connector
        .offers(&pms_contract::OfferRequest {
            stay: stay("2027-02-01", "2027-02-03"),
            occupancy: Occupancy::adults(5).unwrap(),
        })
        .await
        .unwrap();
    assert!(offers.is_empty());
}

#[tokio::test]
async fn availability_counts_down_with_bookings_and_clamps() {
    let rig = Rig::start().await;
    let s = stay("2027-02-01", "2027-02-03");
    let suite = RoomTypeId::new("BER-STE").unwrap();
    let free = |entries: &[pms_contract::Availability]| -> Vec<u32> {
        entries
            .iter()
            .filter(|a| a.room_type == suite)
            .map(|a| a.available)
            .collect()
    };
    assert_eq!(free(&rig.connector.availability(&s).await.unwrap()), [1, 1]);
    book_with(&rig.connector, s, "BER-STE", "BER-FLEX-STE", 1).await;
    assert_eq!(free(&rig.connector.availability(&s).await.unwrap()), [0, 0]);
    // The last suite is gone: a second booking is a conflict, not a validation error.
    let err = rig
        .connector
        .create_reservation(&request(s, "BER-STE", "BER-FLEX-STE", 2))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Conflict);
    assert!(
        err.message().contains("no availability for the stay"),
        "{err}"
    );
    // And the offers no longer list it.
    let offers = rig.connector.offers(&two_adults(s)).await.unwrap();
    assert!(offers.iter().all(|o| o.room_type != suite));
}

#[tokio::test]
async fn offers_are_exact_with_policies_and_children() {
    let rig = Rig::start().await;
    // Monday to Thursday: three weekday nights of the non-refundable double at 101.15 for one
    // adult; added as doubles they would be 303.45000000000005.
    let s = stay("2027-02-01", "2027-02-04");
    let request = pms_contract::OfferRequest {
        stay: s,
        occupancy: Occupancy::adults(1).unwrap(),
    };
    let offers = rig.connector.offers(&request).await.unwrap();
    let nonref = offers
        .iter()
        .find(|o| o.rate_plan.as_str() == "BER-NONREF-DBL")
        .unwrap();
    assert_eq!(nonref.total, eur("303.45"));
    assert_eq!(nonref.total.amount().to_string(), "303.45");
    assert!(nonref.nightly.iter().all(|n| n.amount == eur("101.15")));
    assert_eq!(nonref.cancellation, CancellationPolicy::NonRefundable);
    assert!(nonref.guarantee_required);
    let flex = offers
        .iter()
        .find(|o| o.rate_plan.as_str() == "BER-FLEX-DBL")
        .unwrap();
    assert_eq!(flex.total, eur("357"));
    assert_eq!(flex.rate_plan_name, "Flexible");
    assert!(!flex.guarantee_required);
    assert_eq!(flex.units_left, 10);
    // Free until 18:00 Berlin time (UTC+1 in winter) the day before arrival.
    assert_eq!(
        flex.cancellation,
        CancellationPolicy::FreeUntil {
            deadline: Utc.with_ymd_and_hms(2027, 1, 31, 17, 0, 0).unwrap(),
            fee: eur("119"),
        }
    );
    // A child adds 15 per night; a Friday night costs 15 % more.
    let family = pms_contract::OfferRequest {
        stay: stay("2027-02-05", "2027-02-06"),
        occupancy: Occupancy::new(2, vec![7]).unwrap(),
    };
    let offers = rig.connector.offers(&family).await.unwrap();
    let fam = offers
        .iter()
        .find(|o| o.rate_plan.as_str() == "BER-FLEX-FAM")
        .unwrap();
    // round2(159 × 1.15) + 25 + 15 = 182.85 + 40.
    assert_eq!(fam.total, eur("222.85"));
}

#[tokio::test]
async fn a_stay_across_the_spring_forward_night_keeps_local_dates() {
    let rig = Rig::start().await;
    // 2027-03-28 02:00 Berlin clocks jump to 03:00: arrival at +01:00, departure at +02:00.
    let s = stay("2027-03-27", "2027-03-29");
    let offers = rig.connector.offers(&two_adults(s)).await.unwrap();
    let offer = offers
        .iter()
        .find(|o| o.rate_plan.as_str() == "BER-FLEX-DBL")
        .unwrap();
    let nights: Vec<_> = offer.nightly.iter().map(|n| n.date).collect();
    assert_eq!(nights, [day("2027-03-27"), day("2027-03-28")]);
    let availability = rig.connector.availability(&s).await.unwrap();
    assert_eq!(availability.len(), 8);
    assert!(
        availability
            .iter()
            .all(|a| s.night_dates().any(|d| d == a.date))
    );
    let booked = rig.book(s, 1).await;
    assert_eq!(booked.stay, s);
    assert_eq!(booked.total, offer.total);
    // Searching by arrival finds it on its local day only.
    let by = |arrival| ReservationSearch::LastName {
        last_name: Pii::new("lovelace1".to_owned()),
        arrival: Some(day(arrival)),
    };
    let found = rig
        .connector
        .search_reservations(&by("2027-03-27"))
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    for other in ["2027-03-26", "2027-03-28"] {
        assert!(
            rig.connector
                .search_reservations(&by(other))
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn create_sends_apaleo_s_booking_and_reads_it_back() {
    let rig = Rig::start().await;
    let s = stay("2027-02-01", "2027-02-03");
    let mut new = request(s, "BER-DBL", "BER-FLEX-DBL", 7);
    new.occupancy = Occupancy::new(1, vec![3]).unwrap();
    new.comment = Some(Pii::new("Quiet room please".to_owned()));
    new.guest = new
        .guest
        .with_country(pms_contract::CountryCode::new("GB").unwrap());
    let created = rig.connector.create_reservation(&new).await.unwrap();
    assert_eq!(created.status, ReservationStatus::Confirmed);
    assert_eq!(created.stay, s);
    assert_eq!(created.occupancy, new.occupancy);
    assert_eq!(created.guest, new.guest);
    assert_eq!(
        created.comment.as_ref().unwrap().expose(),
        "Quiet room please"
    );
    assert_eq!(
        created.confirmation_code.as_str(),
        created.id.as_str().trim_end_matches("-1")
    );
    assert_eq!(created.created_at, rig.clock_now());
    // Replaying the same request with the same key returns the same reservation.
    let again = rig.connector.create_reservation(&new).await.unwrap();
    assert_eq!(again, created);
    assert_eq!(rig.sandbox.stats().bookings_created(), 1);
    // The same key with another request is a conflict.
    let mut other = new.clone();
    other.occupancy = Occupancy::adults(2).unwrap();
    let err = rig.connector.create_reservation(&other).await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Conflict);
    assert!(!err.to_string().contains(new.idempotency_key.as_str()));
    // The create is found by its key (read-only: nothing is booked), an unused key finds none.
    let found = rig
        .connector
        .find_created(&new.idempotency_key)
        .await
        .unwrap();
    assert_eq!(found.map(|r| r.id), Some(created.id.clone()));
    let unused = pms_contract::IdempotencyKey::new("never-used-0001").unwrap();
    assert_eq!(rig.connector.find_created(&unused).await.unwrap(), None);
    assert_eq!(rig.sandbox.stats().bookings_created(), 1);
}

impl Rig {
    fn clock_now(&self) -> chrono::DateTime<Utc> {
        use clock::Clock;
        self.clock.now()
    }
}

#[tokio::test]
async fn a_rate_plan_of_another_room_type_is_refused() {
    let rig = Rig::start().await;
    let s = stay("2027-02-01", "2027-02-03");
    // Decided from Apaleo's id scheme, without a request.
    let before = rig.connector.requests_sent();
    let err = rig
        .connector
        .create_reservation(&request(s, "BER-DBL", "BER-FLEX-SGL", 1))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Validation);
    assert_eq!(
        err.message(),
        "rate plan BER-FLEX-SGL does not sell room type BER-DBL"
    );
    assert_eq!(rig.connector.requests_sent(), before);
    // Ids outside the scheme are looked up.
    let err = rig
        .connector
        .create_reservation(&request(s, "BER-DBL", "SPECIAL", 1))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Validation);
    assert_eq!(err.message(), "rate plan SPECIAL does not exist");
    let err = rig
        .connector
        .create_reservation(&request(s, "DOUBLE", "BER-FLEX-DBL", 1))
        .await
        .unwrap_err();
    assert_eq!(
        err.message(),
        "rate plan BER-FLEX-DBL does not sell room type DOUBLE"
    );
    // A rate plan of another property, looked up because its id is outside this property's
    // scheme, is refused too.
    let err = rig
        .connector
        .create_reservation(&request(s, "ZRH-DBL", "ZRH-FLEX-DBL", 1))
        .await
        .unwrap_err();
    assert_eq!(
        err.message(),
        "rate plan ZRH-FLEX-DBL is not a rate plan of property BER"
    );
    assert_eq!(rig.sandbox.stats().bookings_created(), 0);
}

#[tokio::test]
async fn a_create_whose_answer_is_lost_is_reconciled_by_external_code() {
    let rig = Rig::start().await;
    let s = stay("2027-02-01", "2027-02-03");
    rig.sandbox.faults().push(Fault::CommitThenTimeout);
    let new = request(s, "BER-DBL", "BER-FLEX-DBL", 3);
    let created = rig.connector.create_reservation(&new).await.unwrap();
    assert_eq!(created.guest, new.guest);
    assert_eq!(rig.sandbox.stats().bookings_created(), 1);
    // A lost create that did not book returns the original error for the base to retry.
    rig.sandbox.faults().push(Fault::Status {
        status: 503,
        retry_after: None,
        times: 1,
    });
    let other = request(s, "BER-DBL", "BER-FLEX-DBL", 4);
    let err = rig.connector.create_reservation(&other).await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Unavailable);
    assert_eq!(rig.sandbox.stats().bookings_created(), 1);
    // The retry with the same key books.
    rig.connector.create_reservation(&other).await.unwrap();
    assert_eq!(rig.sandbox.stats().bookings_created(), 2);
    // When even the look-up fails, the original error is returned.
    rig.sandbox.faults().push(Fault::Status {
        status: 504,
        retry_after: None,
        times: 2,
    });
    let third = request(s, "BER-DBL", "BER-FLEX-DBL", 5);
    let err = rig.connector.create_reservation(&third).await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Timeout);
}

#[tokio::test]
async fn searches_by_code_name_email_and_phone() {
    let rig = Rig::start().await;
    let a = rig.book(stay("2027-02-01", "2027-02-03"), 1).await;
    let b = rig.book(stay("2027-02-02", "2027-02-04"), 2).await;
    let search = |s: ReservationSearch| {
        let connector = &rig.connector;
        async move {
            connector
                .search_reservations(&s)
                .await
                .unwrap()
                .into_iter()
                .map(|r| r.id.to_string())
                .collect::<Vec<_>>()
        }
    };
    let code = |c: &str| ReservationSearch::ConfirmationCode(ConfirmationCode::new(c).unwrap());
    assert_eq!(
        search(code(a.confirmation_code.as_str())).await,
        [a.id.to_string()]
    );
    // Lower case, and a reservation id instead of the booking id, also work.
    assert_eq!(
        search(code(&a.confirmation_code.as_str().to_lowercase())).await,
        [a.id.to_string()]
    );
    assert_eq!(search(code(b.id.as_str())).await, [b.id.to_string()]);
    assert!(search(code("NOSUCH-1")).await.is_empty());
    assert!(search(code("NOSUCH")).await.is_empty());
    // textSearch matches substrings and first names; only exact last names are kept.
    let name = |n: &str| ReservationSearch::LastName {
        last_name: Pii::new(n.to_owned()),
        arrival: None,
    };
    assert_eq!(search(name("LOVELACE1")).await, [a.id.to_string()]);
    assert!(search(name("Lovelace")).await.is_empty());
    assert!(search(name("Ada1")).await.is_empty());
    let email = |e: &str| ReservationSearch::Email(Email::new(e).unwrap());
    assert_eq!(search(email("ada2@EXAMPLE.org")).await, [b.id.to_string()]);
    assert!(search(email("ada@example.org")).await.is_empty());
    let phone = |p: &str| ReservationSearch::Phone(PhoneNumber::new(p).unwrap());
    assert_eq!(search(phone("+447700900002")).await, [b.id.to_string()]);
    assert!(search(phone("+447700900099")).await.is_empty());
    // Cancelled reservations are not scanned for phones, but are found otherwise.
    rig.connector.cancel_reservation(&b.id).await.unwrap();
    assert!(search(phone("+447700900002")).await.is_empty());
    assert_eq!(search(name("lovelace2")).await, [b.id.to_string()]);
}

#[tokio::test]
async fn a_reservation_id_of_another_property_is_not_found_by_code() {
    let rig = Rig::start().await;
    let zurich = connector_for(
        &rig.sandbox,
        "ZRH",
        &rig.clock,
        credentials::RefreshPolicy::default(),
    );
    let theirs = book_with(
        &zurich,
        stay("2027-02-01", "2027-02-03"),
        "ZRH-DBL",
        "ZRH-FLEX-DBL",
        1,
    )
    .await;
    let found = rig
        .connector
        .search_reservations(&ReservationSearch::ConfirmationCode(
            ConfirmationCode::new(theirs.id.as_str()).unwrap(),
        ))
        .await
        .unwrap();
    assert!(found.is_empty());
    let found = rig
        .connector
        .search_reservations(&ReservationSearch::ConfirmationCode(
            ConfirmationCode::new(theirs.confirmation_code.as_str()).unwrap(),
        ))
        .await
        .unwrap();
    assert!(found.is_empty());
}

#[tokio::test]
async fn the_phone_scan_pages_through_every_reservation() {
    let rig = Rig::start().await;
    for n in 1..=5 {
        rig.book(stay("2027-02-01", "2027-02-02"), n).await;
    }
    let connector = connector_for(
        &rig.sandbox,
        "BER",
        &rig.clock,
        credentials::RefreshPolicy::default(),
    )
    .with_page_size(2);
    let before = connector.requests_sent();
    let found = connector
        .search_reservations(&ReservationSearch::Phone(
            PhoneNumber::new("+44 7700 900005").unwrap(),
        ))
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].guest.last_name.expose(), "Lovelace5");
    assert_eq!(connector.requests_sent() - before, 3);
}

#[tokio::test]
async fn modify_stay_room_type_rate_plan_and_occupancy() {
    let rig = Rig::start().await;
    let created = rig.book(stay("2027-02-01", "2027-02-03"), 1).await;
    assert_eq!(created.total, eur("288"));
    // Longer: re-priced.
    let longer = stay("2027-02-01", "2027-02-04");
    let change = ReservationChange {
        stay: Some(longer),
        ..ReservationChange::default()
    };
    let modified = rig
        .connector
        .modify_reservation(&created.id, &change)
        .await
        .unwrap();
    assert_eq!(modified.stay, longer);
    assert_eq!(modified.total, eur("432"));
    // Another room type: the same rate (FLEX) of the new unit group.
    let change = ReservationChange {
        room_type: Some(RoomTypeId::new("BER-FAM").unwrap()),
        occupancy: Some(Occupancy::new(2, vec![5]).unwrap()),
        ..ReservationChange::default()
    };
    let modified = rig
        .connector
        .modify_reservation(&created.id, &change)
        .await
        .unwrap();
    assert_eq!(modified.room_type.as_str(), "BER-FAM");
    assert_eq!(modified.rate_plan.as_str(), "BER-FLEX-FAM");
    assert_eq!(modified.occupancy, Occupancy::new(2, vec![5]).unwrap());
    assert_eq!(modified.total, eur("597"));
    // Another rate plan.
    let change = ReservationChange {
        rate_plan: Some(RatePlanId::new("BER-NONREF-FAM").unwrap()),
        ..ReservationChange::default()
    };
    let modified = rig
        .connector
        .modify_reservation(&created.id, &change)
        .await
        .unwrap();
    assert_eq!(modified.rate_plan.as_str(), "BER-NONREF-FAM");
    // A rate plan that does not sell the named room type is refused before any change.
    let change = ReservationChange {
        room_type: Some(RoomTypeId::new("BER-SGL").unwrap()),
        rate_plan: Some(RatePlanId::new("BER-FLEX-DBL").unwrap()),
        ..ReservationChange::default()
    };
    let err = rig
        .connector
        .modify_reservation(&created.id, &change)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Validation);
    // Too many people for the room: Apaleo refuses, without guest data in the error.
    let change = ReservationChange {
        occupancy: Some(Occupancy::adults(9).unwrap()),
        ..ReservationChange::default()
    };
    let err = rig
        .connector
        .modify_reservation(&created.id, &change)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Validation);
    assert_eq!(
        err.message(),
        "vendor rejected the request as invalid (HTTP 422): rejected"
    );
}

#[tokio::test]
async fn modify_room_type_needs_a_derivable_rate_plan() {
    let rig = Rig::start().await;
    let created = rig.book(stay("2027-02-01", "2027-02-03"), 1).await;
    let change = ReservationChange {
        room_type: Some(RoomTypeId::new("SUITE").unwrap()),
        ..ReservationChange::default()
    };
    let err = rig
        .connector
        .modify_reservation(&created.id, &change)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Validation);
    assert!(err.message().contains("name the rate plan too"), "{err}");
    // The same room type again changes nothing but the price check.
    let change = ReservationChange {
        room_type: Some(RoomTypeId::new("BER-DBL").unwrap()),
        ..ReservationChange::default()
    };
    let same = rig
        .connector
        .modify_reservation(&created.id, &change)
        .await
        .unwrap();
    assert_eq!(same.rate_plan, created.rate_plan);
    assert_eq!(same.total, created.total);
    // No unit left: a conflict.
    let suite = book_with(
        &rig.connector,
        stay("2027-02-10", "2027-02-12"),
        "BER-STE",
        "BER-FLEX-STE",
        2,
    )
    .await;
    assert_eq!(suite.room_type.as_str(), "BER-STE");
    let change = ReservationChange {
        stay: Some(stay("2027-02-10", "2027-02-12")),
        room_type: Some(RoomTypeId::new("BER-STE").unwrap()),
        ..ReservationChange::default()
    };
    let err = rig
        .connector
        .modify_reservation(&created.id, &change)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Conflict);
}

#[tokio::test]
async fn modify_contact_and_comment_patches_the_guest() {
    let rig = Rig::start().await;
    let created = rig.book(stay("2027-02-01", "2027-02-03"), 1).await;
    let new_email = Email::new("moved@example.net").unwrap();
    let new_phone = PhoneNumber::new("+49 30 1234 5678").unwrap();
    let change = ReservationChange {
        contact: Some(ContactChange {
            email: Some(new_email.clone()),
            phone: Some(new_phone.clone()),
            language: Some(LanguageTag::new("de-AT").unwrap()),
        }),
        comment: CommentChange::Set(Pii::new("Arrives late".to_owned())),
        ..ReservationChange::default()
    };
    let modified = rig
        .connector
        .modify_reservation(&created.id, &change)
        .await
        .unwrap();
    assert_eq!(modified.guest.email, Some(new_email));
    assert_eq!(modified.guest.phone, Some(new_phone));
    assert_eq!(
        modified.guest.language,
        Some(LanguageTag::new("de").unwrap())
    );
    assert_eq!(modified.guest.last_name, created.guest.last_name);
    assert_eq!(modified.comment.as_ref().unwrap().expose(), "Arrives late");
    assert_eq!(modified.stay, created.stay);
    assert_eq!(modified.total, created.total);
    // A comment that exists is replaced; stay and contact together: amend, then patch.
    let change = ReservationChange {
        stay: Some(stay("2027-02-01", "2027-02-02")),
        comment: CommentChange::Set(Pii::new("Arrives early".to_owned())),
        ..ReservationChange::default()
    };
    let modified = rig
        .connector
        .modify_reservation(&created.id, &change)
        .await
        .unwrap();
    assert_eq!(modified.comment.as_ref().unwrap().expose(), "Arrives early");
    assert_eq!(modified.stay, stay("2027-02-01", "2027-02-02"));
    assert_eq!(modified.total, eur("144"));
    // A comment can be cleared (JSON Patch `remove`); clearing it again sends no patch.
    let clear = ReservationChange {
        comment: CommentChange::Clear,
        ..ReservationChange::default()
    };
    let cleared = rig
        .connector
        .modify_reservation(&created.id, &clear)
        .await
        .unwrap();
    assert_eq!(cleared.comment, None);
    assert_eq!(cleared.stay, modified.stay);
    let read = rig.connector.get_reservation(&created.id).await.unwrap();
    assert_eq!(read.comment, None);
    let before = rig.api_requests();
    let again = rig
        .connector
        .modify_reservation(&created.id, &clear)
        .await
        .unwrap();
    assert_eq!(again.comment, None);
    // The read before and the read after; no PATCH.
    assert_eq!(rig.api_requests() - before, 2);
}

#[tokio::test]
async fn state_rules_for_modify_and_cancel() {
    let rig = Rig::start().await;
    let today = rig.in_days(0);
    let tomorrow = rig.in_days(1);
    let created = rig
        .book(pms_contract::Stay::new(today, tomorrow).unwrap(), 1)
        .await;
    assert_eq!(rig.action(created.id.as_str(), "checkin").await, 204);
    let in_house = rig.connector.get_reservation(&created.id).await.unwrap();
    assert_eq!(in_house.status, ReservationStatus::InHouse);
    // In house: the guest details may change, the reservation cannot be cancelled.
    let change = ReservationChange {
        comment: CommentChange::Set(Pii::new("Extra towels".to_owned())),
        ..ReservationChange::default()
    };
    rig.connector
        .modify_reservation(&created.id, &change)
        .await
        .unwrap();
    let before = rig.api_requests();
    let err = rig
        .connector
        .cancel_reservation(&created.id)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidState);
    assert_eq!(rig.api_requests() - before, 1, "only the GET");
    // The arrival of an in-house stay cannot move: Apaleo's 422 on the amend.
    let change = ReservationChange {
        stay: Some(pms_contract::Stay::new(tomorrow, rig.in_days(2)).unwrap()),
        ..ReservationChange::default()
    };
    let err = rig
        .connector
        .modify_reservation(&created.id, &change)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Validation);
    // Checked out: nothing may change, without an amend or patch being sent.
    assert_eq!(rig.action(created.id.as_str(), "checkout").await, 204);
    let before = rig.api_requests();
    let err = rig
        .connector
        .modify_reservation(&created.id, &change)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidState);
    assert_eq!(rig.api_requests() - before, 1, "only the GET");
    assert!(err.message().contains("checked_out"), "{err}");
}

#[tokio::test]
async fn cancel_is_idempotent_even_against_a_concurrent_cancel() {
    let rig = Rig::start().await;
    let created = rig.book(stay("2027-02-01", "2027-02-03"), 1).await;
    let cancelled = rig.connector.cancel_reservation(&created.id).await.unwrap();
    assert_eq!(cancelled.status, ReservationStatus::Canceled);
    assert_eq!(cancelled.cancelled_at, Some(rig.clock_now()));
    let again = rig.connector.cancel_reservation(&created.id).await.unwrap();
    assert_eq!(again, cancelled);
    // Cancelled by someone else between our read and our cancel: Apaleo's 422 (only Confirmed
    // reservations can be cancelled) is this cancel's success.
    let other = rig.book(stay("2027-02-05", "2027-02-07"), 3).await;
    let token = rig.token().await;
    // Our read goes through at once; our cancel waits 1.5 s at the gate (the attempt timeout
    // is 2 s), long enough for the other cancel to land first.
    rig.sandbox.faults().push(Fault::Latency {
        delay: std::time::Duration::ZERO,
        times: 1,
    });
    rig.sandbox.faults().push(Fault::Latency {
        delay: std::time::Duration::from_millis(1500),
        times: 1,
    });
    let before = rig.api_requests();
    let ours = {
        let id = other.id.clone();
        let connector = std::sync::Arc::clone(&rig.connector);
        tokio::spawn(async move { connector.cancel_reservation(&id).await })
    };
    // Wait until our cancel is at the gate (the read and the cancel were counted).
    let waited = tokio::time::timeout(std::time::Duration::from_secs(10), async {
        while rig.api_requests() < before + 2 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    })
    .await;
    assert!(waited.is_ok(), "our cancel never reached the sandbox");
    assert_eq!(
        rig.action_with(&token, other.id.as_str(), "cancel").await,
        204
    );
    let ours = ours.await.unwrap().unwrap();
    assert_eq!(ours.status, ReservationStatus::Canceled);
    // A past arrival cannot be cancelled: Apaleo's 422 is an invalid state.
    let past = rig.book(stay("2027-01-05", "2027-01-07"), 2).await;
    rig.clock.advance(chrono::Duration::days(3));
    let err = rig
        .connector
        .cancel_reservation(&past.id)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidState);
    assert!(
        err.message().starts_with("Apaleo refused to cancel"),
        "{err}"
    );
    assert_eq!(err.context().http_status, Some(422));
}

#[tokio::test]
async fn a_flexible_stay_booked_after_its_deadline_keeps_the_first_night_and_refunds_the_rest() {
    let rig = Rig::start().await;
    // Tuesday to Thursday; free until 18:00 Berlin (17:00 UTC) on Monday the 4th.
    let s = stay("2027-01-05", "2027-01-07");
    let flex = |offers: Vec<pms_contract::Offer>| {
        offers
            .into_iter()
            .find(|o| o.rate_plan.as_str() == "BER-FLEX-DBL")
            .unwrap()
    };
    let before = flex(rig.connector.offers(&two_adults(s)).await.unwrap());
    let deadline = Utc.with_ymd_and_hms(2027, 1, 4, 17, 0, 0).unwrap();
    let first_night = eur("144");
    assert_eq!(
        before.cancellation,
        CancellationPolicy::FreeUntil {
            deadline,
            fee: first_night
        }
    );
    rig.clock
        .set(Utc.with_ymd_and_hms(2027, 1, 4, 18, 0, 0).unwrap());
    let after = flex(rig.connector.offers(&two_adults(s)).await.unwrap());
    assert_eq!(
        after.cancellation,
        CancellationPolicy::PartlyRefundable { fee: first_night }
    );
    assert_eq!(after.total, eur("288"));
    let booked = book_with(&rig.connector, s, "BER-DBL", "BER-FLEX-DBL", 1).await;
    assert_eq!(booked.cancellation, after.cancellation);
    assert_eq!(booked.guarantee, pms_contract::Guarantee::Unguaranteed);
    assert_eq!(
        booked.cancellation_fee_at(Utc.with_ymd_and_hms(2027, 1, 4, 18, 0, 0).unwrap()),
        first_night
    );
    // Read again later, the terms are those it was booked under.
    rig.clock
        .set(Utc.with_ymd_and_hms(2027, 1, 5, 8, 0, 0).unwrap());
    let read = rig.connector.get_reservation(&booked.id).await.unwrap();
    assert_eq!(read.cancellation, booked.cancellation);
}
