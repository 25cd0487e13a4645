//! Focused tests against the sandbox.

use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use mews_sandbox::{Fault, berlin as ber, zurich as zrh};
use pms_contract::{
    CancellationPolicy, ContractGuard, ErrorKind, Guarantee, Money, Occupancy, PhoneNumber,
    PmsConnector, ReservationChange, ReservationId, ReservationSearch, ReservationStatus,
    SharedConnector,
};
use pms_resilience::{CacheTtls, ResiliencePolicy, ResilientConnector};
use rust_decimal::Decimal;

use crate::support::{berlin, berlin_with, date, double_flex, offers, request, stay, zurich};

fn resilient(pms: SharedConnector) -> ResilientConnector {
    let mut policy = ResiliencePolicy::interactive();
    policy.cache = CacheTtls::disabled();
    policy.retry.base_delay = Duration::from_millis(10);
    policy.retry.max_delay = Duration::from_millis(50);
    ResilientConnector::new(pms, "mews-test", policy, Arc::new(clock::SystemClock))
}

#[tokio::test]
async fn dst_arrivals_are_sent_as_local_midnights_and_read_back_as_the_same_dates() {
    let (pms, sandbox) = berlin().await;
    for (arrival, departure) in [("2026-03-29", "2026-03-31"), ("2026-10-25", "2026-10-27")] {
        let stay = stay(arrival, departure);
        // The sandbox refuses any instant that is not a local midnight (400).
        let availability = pms.availability(&stay).await.unwrap();
        assert_eq!(availability.len(), 2 * 4, "{arrival}");
        let offer = double_flex(&pms, stay, ber::DOUBLE_CATEGORY_ID, ber::FLEXIBLE_RATE_ID).await;
        let dates: Vec<_> = offer.nightly.iter().map(|n| n.date).collect();
        assert_eq!(dates, stay.night_dates().collect::<Vec<_>>());
        let created = pms
            .create_reservation(&request(&offer, "Sommerzeit", &format!("dst-{arrival}")))
            .await
            .unwrap();
        assert_eq!(created.stay, stay);
        assert_eq!(created.total, offer.total);
        let read = pms.get_reservation(&created.id).await.unwrap();
        assert_eq!(read, created);
        let found = pms
            .search_reservations(&ReservationSearch::LastName {
                last_name: pms_contract::Pii::new("sommerzeit".to_owned()),
                arrival: Some(date(arrival)),
            })
            .await
            .unwrap();
        assert_eq!(found.len(), 1, "{arrival}");
        assert_eq!(found[0].id, created.id);
    }
    assert_eq!(sandbox.admin().reservation_count(ber::ENTERPRISE_ID), 2);
}

#[tokio::test]
async fn zurich_net_priced_totals_are_the_exact_gross_sums() {
    let (pms, _sandbox) = zurich().await;
    let property = pms.property().await.unwrap();
    assert_eq!(property.currency.code(), "CHF");
    assert_eq!(property.time_zone, chrono_tz::Europe::Zurich);
    assert_eq!(property.check_in_time.to_string(), "15:00:00");
    assert_eq!(property.check_out_time.to_string(), "11:00:00");
    // Thursday, Friday, Saturday nights: 125, 125 × 1.15, 125 × 1.15 (flexible) and the
    // non-refundable 106.25, 106.25 × 1.15 rounded.
    let stay = stay("2027-01-14", "2027-01-17");
    let all = offers(&pms, stay, 2).await;
    let chf = |text: &str| Money::new(Decimal::from_str(text).unwrap(), property.currency);
    let flex = all
        .iter()
        .find(|o| {
            o.room_type.as_str() == zrh::DOUBLE_CATEGORY_ID
                && o.rate_plan.as_str() == zrh::FLEXIBLE_RATE_ID
        })
        .unwrap();
    let nightly: Vec<Money> = flex.nightly.iter().map(|n| n.amount).collect();
    assert_eq!(nightly, vec![chf("125.00"), chf("143.75"), chf("143.75")]);
    assert_eq!(flex.total, chf("412.50"));
    assert!(
        matches!(flex.cancellation, CancellationPolicy::FreeUntil { fee, .. } if fee == chf("125.00"))
    );
    assert!(!flex.guarantee_required);
    let nonref = all
        .iter()
        .find(|o| {
            o.room_type.as_str() == zrh::DOUBLE_CATEGORY_ID
                && o.rate_plan.as_str() == zrh::NON_REFUNDABLE_RATE_ID
        })
        .unwrap();
    assert_eq!(
        nonref.total,
        Money::sum(property.currency, nonref.nightly.iter().map(|n| &n.amount)).unwrap()
    );
    assert_eq!(nonref.nightly[0].amount, chf("106.25"));
    assert_eq!(nonref.cancellation, CancellationPolicy::NonRefundable);
    assert!(nonref.guarantee_required);
    // Single rooms sleep one: not offered to two adults.
    assert!(
        all.iter()
            .all(|o| o.room_type.as_str() != zrh::SINGLE_CATEGORY_ID)
    );
    // The booking's total is the sum of its order items, the same exact amount.
    let mut booking = request(nonref, "Nettopreis", "zurich-net-1");
    booking.occupancy = Occupancy::adults(2).unwrap();
    let created = pms.create_reservation(&booking).await.unwrap();
    assert_eq!(created.total, nonref.total);
    assert_eq!(created.cancellation, CancellationPolicy::NonRefundable);
    assert_eq!(created.guarantee, Guarantee::Prepayment);
}

#[tokio::test]
async fn a_create_committed_then_dropped_is_retried_into_exactly_one_booking() {
    let (pms, sandbox) = berlin().await;
    let base = resilient(pms.clone());
    let offer = double_flex(
        &pms,
        stay("2027-02-01", "2027-02-03"),
        ber::DOUBLE_CATEGORY_ID,
        ber::FLEXIBLE_RATE_ID,
    )
    .await;
    let booking = request(&offer, "Einmalig", "commit-then-drop-1");
    sandbox
        .faults()
        .push_for("reservations/add", Fault::CommitThenDrop { times: 1 });
    let created = base.create_reservation(&booking).await.unwrap();
    assert_eq!(sandbox.admin().reservation_count(ber::ENTERPRISE_ID), 1);
    assert_eq!(sandbox.requests().for_operation("reservations/add"), 1);
    // The same create again (a caller's retry) books nothing more.
    let again = base.create_reservation(&booking).await.unwrap();
    assert_eq!(again.id, created.id);
    assert_eq!(sandbox.admin().reservation_count(ber::ENTERPRISE_ID), 1);
    // find_created is the same look-up, read-only.
    let found = pms
        .find_created(&booking.idempotency_key)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, created.id);
    let unknown = pms_contract::IdempotencyKey::new("never-used").unwrap();
    assert_eq!(pms.find_created(&unknown).await.unwrap(), None);
    assert_eq!(sandbox.admin().reservation_count(ber::ENTERPRISE_ID), 1);
}

#[tokio::test]
async fn a_dropped_create_that_did_not_book_is_retried_by_the_base() {
    let (pms, sandbox) = berlin().await;
    let base = resilient(pms.clone());
    let offer = double_flex(
        &pms,
        stay("2027-02-05", "2027-02-06"),
        ber::DOUBLE_CATEGORY_ID,
        ber::FLEXIBLE_RATE_ID,
    )
    .await;
    sandbox
        .faults()
        .push_for("reservations/add", Fault::DropConnection { times: 1 });
    let created = base
        .create_reservation(&request(&offer, "Zweimal", "dropped-1"))
        .await
        .unwrap();
    assert_eq!(created.status, ReservationStatus::Confirmed);
    assert_eq!(sandbox.admin().reservation_count(ber::ENTERPRISE_ID), 1);
    assert_eq!(sandbox.requests().for_operation("reservations/add"), 2);
}

#[tokio::test]
async fn the_same_key_with_another_request_is_a_conflict() {
    let (pms, sandbox) = berlin().await;
    let offer = double_flex(
        &pms,
        stay("2027-02-10", "2027-02-12"),
        ber::DOUBLE_CATEGORY_ID,
        ber::FLEXIBLE_RATE_ID,
    )
    .await;
    let first = request(&offer, "Schluessel", "key-reuse-1");
    pms.create_reservation(&first).await.unwrap();
    let mut other = first.clone();
    other.occupancy = Occupancy::adults(1).unwrap();
    let err = pms.create_reservation(&other).await.unwrap_err();
    assert_eq!(*err.kind(), ErrorKind::Conflict);
    let mut renamed = first.clone();
    renamed.guest = crate::support::guest("Anders");
    let err = pms.create_reservation(&renamed).await.unwrap_err();
    assert_eq!(*err.kind(), ErrorKind::Conflict);
    assert_eq!(sandbox.admin().reservation_count(ber::ENTERPRISE_ID), 1);
}

#[tokio::test]
async fn no_availability_is_a_conflict_and_a_too_small_room_is_not_offered() {
    let (pms, sandbox) = berlin().await;
    let stay = stay("2027-03-01", "2027-03-02");
    let offer = double_flex(&pms, stay, ber::DOUBLE_CATEGORY_ID, ber::FLEXIBLE_RATE_ID).await;
    sandbox
        .admin()
        .set_availability_adjustment(ber::DOUBLE_CATEGORY_ID, date("2027-03-01"), -6)
        .unwrap();
    let err = pms
        .create_reservation(&request(&offer, "Voll", "full-1"))
        .await
        .unwrap_err();
    assert_eq!(*err.kind(), ErrorKind::Conflict, "{err}");
    assert_eq!(err.context().http_status, Some(403));
    assert!(err.context().vendor_request_id.is_some());
    // Overbooking reads as zero, and the room type is no longer offered.
    let availability = pms.availability(&stay).await.unwrap();
    let double = availability
        .iter()
        .find(|a| a.room_type.as_str() == ber::DOUBLE_CATEGORY_ID)
        .unwrap();
    assert_eq!(double.available, 0);
    assert!(
        offers(&pms, stay, 2)
            .await
            .iter()
            .all(|o| o.room_type.as_str() != ber::DOUBLE_CATEGORY_ID)
    );
    // Five guests fit no room.
    assert!(offers(&pms, stay, 5).await.is_empty());
}

#[tokio::test]
async fn phone_search_is_refused_by_the_guard_without_io() {
    let (pms, _sandbox) = berlin().await;
    let guard = ContractGuard::new(pms.clone(), pms_mews::mews_capabilities());
    let before = pms.requests_sent();
    let err = guard
        .search_reservations(&ReservationSearch::Phone(
            PhoneNumber::new("+44 7700 900123").unwrap(),
        ))
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Unsupported { .. }), "{err}");
    assert_eq!(pms.requests_sent(), before);
    // The connector itself refuses it too, without I/O.
    let err = pms
        .search_reservations(&ReservationSearch::Phone(
            PhoneNumber::new("+44 7700 900123").unwrap(),
        ))
        .await
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Unsupported { .. }));
    assert_eq!(pms.requests_sent(), before);
}

#[tokio::test]
async fn tokens_never_show_in_debug_output_or_errors() {
    let (pms, sandbox) = berlin().await;
    let debug = format!("{pms:?}");
    for token in [mews_sandbox::CLIENT_TOKEN, ber::ACCESS_TOKEN] {
        assert!(!debug.contains(token), "Debug shows a token: {debug}");
    }
    sandbox.faults().reject_tokens(true);
    let err = pms.room_types().await.unwrap_err();
    assert_eq!(*err.kind(), ErrorKind::Authentication);
    let text = format!("{err} {err:?}");
    for token in [mews_sandbox::CLIENT_TOKEN, ber::ACCESS_TOKEN] {
        assert!(!text.contains(token), "an error shows a token: {text}");
    }
    // After the refusal the tokens are read again; once accepted, calls work.
    sandbox.faults().reject_tokens(false);
    assert_eq!(pms.room_types().await.unwrap().len(), 4);
}

#[tokio::test]
async fn lists_are_read_over_several_pages_and_searches_are_bounded() {
    let (pms, _sandbox) = berlin_with(|c| c.with_page_size(1)).await;
    // Four room categories, one per page, then an empty page.
    let rooms = pms.room_types().await.unwrap();
    assert_eq!(rooms.len(), 4);
    let offer = double_flex(
        &pms,
        stay("2027-04-01", "2027-04-02"),
        ber::DOUBLE_CATEGORY_ID,
        ber::FLEXIBLE_RATE_ID,
    )
    .await;
    let mut ids = Vec::new();
    for n in 0..6u64 {
        let mut booking = request(&offer, "Vielfach", &format!("paging-{n}"));
        booking.stay = stay(
            &format!("2027-04-{:02}", 1 + n * 2),
            &format!("2027-04-{:02}", 2 + n * 2),
        );
        ids.push(pms.create_reservation(&booking).await.unwrap().id);
    }
    // Six reservations of one guest: more than five pages of one.
    let err = pms
        .search_reservations(&ReservationSearch::Email(
            crate::support::guest("Vielfach").email.unwrap(),
        ))
        .await
        .unwrap_err();
    assert_eq!(*err.kind(), ErrorKind::TooBroad, "{err}");
    assert!(!err.message().contains("vielfach"));
    // With the arrival date the search is narrow enough.
    let found = pms
        .search_reservations(&ReservationSearch::LastName {
            last_name: pms_contract::Pii::new("VIELFACH".to_owned()),
            arrival: Some(date("2027-04-03")),
        })
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, ids[1]);
}

#[tokio::test]
async fn a_429_is_retried_after_its_retry_after() {
    let (pms, sandbox) = berlin().await;
    pms.property().await.unwrap();
    let base = resilient(pms.clone());
    sandbox.faults().push(Fault::Status {
        status: 429,
        retry_after: Some(1),
        times: 1,
    });
    // The connector reports the hint...
    let err = pms.room_types().await.unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(1)));
    assert_eq!(err.context().http_status, Some(429));
    // ...and the base waits for it before the retry.
    sandbox.faults().push(Fault::Status {
        status: 429,
        retry_after: Some(1),
        times: 1,
    });
    let before = pms.requests_sent();
    let started = Instant::now();
    assert_eq!(base.room_types().await.unwrap().len(), 4);
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(pms.requests_sent() - before, 2);
}

#[tokio::test]
async fn statuses_map_onto_the_contract() {
    let (pms, sandbox) = berlin().await;
    pms.property().await.unwrap();
    for (status, kind) in [
        (400, ErrorKind::Validation),
        (401, ErrorKind::Authentication),
        (403, ErrorKind::Validation),
        (404, ErrorKind::Protocol),
        (408, ErrorKind::Timeout),
        (409, ErrorKind::Unavailable),
        (500, ErrorKind::Unavailable),
        (503, ErrorKind::Unavailable),
    ] {
        sandbox.faults().push(Fault::Status {
            status,
            retry_after: None,
            times: 1,
        });
        let err = pms.room_types().await.unwrap_err();
        assert_eq!(*err.kind(), kind, "HTTP {status}: {err}");
        assert_eq!(err.context().http_status, Some(status));
        assert!(err.context().vendor_request_id.is_some(), "HTTP {status}");
        assert!(
            !err.message().contains("Injected"),
            "the vendor's message is not copied"
        );
    }
    sandbox.faults().push(Fault::DropConnection { times: 1 });
    let err = pms.room_types().await.unwrap_err();
    assert!(err.is_retryable(), "{err}");
}

#[tokio::test]
async fn states_after_check_in_check_out_and_no_show() {
    let (pms, sandbox) = berlin().await;
    let offer = double_flex(
        &pms,
        stay("2027-05-01", "2027-05-03"),
        ber::DOUBLE_CATEGORY_ID,
        ber::FLEXIBLE_RATE_ID,
    )
    .await;
    let change = ReservationChange {
        occupancy: Some(Occupancy::adults(1).unwrap()),
        ..ReservationChange::default()
    };
    for (n, (act, status)) in [
        ("in", ReservationStatus::InHouse),
        ("out", ReservationStatus::CheckedOut),
        ("noshow", ReservationStatus::NoShow),
    ]
    .into_iter()
    .enumerate()
    {
        let mut booking = request(&offer, "Zustand", &format!("state-{n}"));
        booking.stay = stay(
            &format!("2027-05-{:02}", 1 + n * 3),
            &format!("2027-05-{:02}", 2 + n * 3),
        );
        let created = pms.create_reservation(&booking).await.unwrap();
        let id = created.id.as_str();
        match act {
            "in" => sandbox.admin().check_in(id).unwrap(),
            "out" => {
                sandbox.admin().check_in(id).unwrap();
                sandbox.admin().check_out(id).unwrap();
            }
            _ => sandbox.admin().mark_no_show(id).unwrap(),
        }
        let read = pms.get_reservation(&created.id).await.unwrap();
        assert_eq!(read.status, status);
        let cancel = pms.cancel_reservation(&created.id).await;
        assert_eq!(
            *cancel.unwrap_err().kind(),
            ErrorKind::InvalidState,
            "{act}"
        );
        if status != ReservationStatus::InHouse {
            let err = pms
                .modify_reservation(&created.id, &change)
                .await
                .unwrap_err();
            assert_eq!(*err.kind(), ErrorKind::InvalidState, "{act}");
        }
    }
}

#[tokio::test]
async fn unknown_ids_are_not_found_with_or_without_io() {
    let (pms, _sandbox) = berlin().await;
    let before = pms.requests_sent();
    let foreign = ReservationId::new("ZZZZZZZZ-1").unwrap();
    assert_eq!(
        *pms.get_reservation(&foreign).await.unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert_eq!(
        pms.requests_sent(),
        before,
        "a non-GUID id cannot exist at Mews"
    );
    let unknown = ReservationId::new(pms_mews::UNKNOWN_RESERVATION_ID).unwrap();
    for err in [
        pms.get_reservation(&unknown).await.unwrap_err(),
        pms.cancel_reservation(&unknown).await.unwrap_err(),
        pms.modify_reservation(&unknown, &ReservationChange::default())
            .await
            .unwrap_err(),
    ] {
        assert_eq!(*err.kind(), ErrorKind::NotFound, "{err}");
    }
    let none = pms
        .search_reservations(&ReservationSearch::ConfirmationCode(
            pms_contract::ConfirmationCode::new("999999").unwrap(),
        ))
        .await
        .unwrap();
    assert!(none.is_empty());
    assert_eq!(
        pms.health().await.unwrap(),
        pms_contract::HealthStatus::Healthy
    );
}

#[tokio::test]
async fn modifications_change_room_type_rate_and_occupancy_and_report_conflicts() {
    let (pms, sandbox) = berlin().await;
    let stay1 = stay("2027-06-01", "2027-06-03");
    let offer = double_flex(&pms, stay1, ber::DOUBLE_CATEGORY_ID, ber::FLEXIBLE_RATE_ID).await;
    let mut booking = request(&offer, "Wechsel", "modify-1");
    booking.comment = Some(pms_contract::Pii::new("late arrival".to_owned()));
    let created = pms.create_reservation(&booking).await.unwrap();
    assert_eq!(
        created.comment.as_ref().map(|c| c.expose().as_str()),
        Some("late arrival")
    );
    let change = ReservationChange {
        room_type: Some(pms_contract::RoomTypeId::new(ber::SUITE_CATEGORY_ID).unwrap()),
        rate_plan: Some(pms_contract::RatePlanId::new(ber::NON_REFUNDABLE_RATE_ID).unwrap()),
        ..ReservationChange::default()
    };
    let modified = pms.modify_reservation(&created.id, &change).await.unwrap();
    assert_eq!(modified.room_type.as_str(), ber::SUITE_CATEGORY_ID);
    assert_eq!(modified.cancellation, CancellationPolicy::NonRefundable);
    assert!(modified.total.amount() > created.total.amount());
    // Three guests do not fit a suite.
    let err = pms
        .modify_reservation(
            &created.id,
            &ReservationChange {
                occupancy: Some(Occupancy::adults(3).unwrap()),
                ..ReservationChange::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(*err.kind(), ErrorKind::Conflict);
    // The one suite is taken on other dates: moving there is a conflict.
    let other = double_flex(
        &pms,
        stay("2027-06-10", "2027-06-11"),
        ber::DOUBLE_CATEGORY_ID,
        ber::FLEXIBLE_RATE_ID,
    )
    .await;
    let mut blocker = request(&other, "Blocker", "modify-2");
    blocker.room_type = pms_contract::RoomTypeId::new(ber::SUITE_CATEGORY_ID).unwrap();
    pms.create_reservation(&blocker).await.unwrap();
    let err = pms
        .modify_reservation(
            &created.id,
            &ReservationChange {
                stay: Some(stay("2027-06-10", "2027-06-11")),
                ..ReservationChange::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(*err.kind(), ErrorKind::Conflict, "{err}");
    // A change that names an unknown room type is invalid.
    let err = pms
        .modify_reservation(
            &created.id,
            &ReservationChange {
                room_type: Some(pms_contract::RoomTypeId::new("nope").unwrap()),
                ..ReservationChange::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(*err.kind(), ErrorKind::Validation);
    // Cancelling twice returns the cancelled reservation; its items no longer count.
    let cancelled = pms.cancel_reservation(&created.id).await.unwrap();
    assert_eq!(cancelled.status, ReservationStatus::Canceled);
    assert!(cancelled.cancelled_at.is_some());
    assert_eq!(
        pms.cancel_reservation(&created.id).await.unwrap(),
        cancelled
    );
    assert_eq!(
        sandbox.admin().active_reservation_count(ber::ENTERPRISE_ID),
        1
    );
}

#[tokio::test]
async fn children_are_booked_in_their_age_category() {
    let (pms, _sandbox) = berlin().await;
    let stay = stay("2027-07-01", "2027-07-03");
    let request = pms_contract::OfferRequest {
        stay,
        occupancy: Occupancy::new(2, vec![5]).unwrap(),
    };
    let all = pms.offers(&request).await.unwrap();
    // Only the family room sleeps three.
    assert!(!all.is_empty());
    assert!(
        all.iter()
            .all(|o| o.room_type.as_str() == ber::FAMILY_CATEGORY_ID)
    );
    let offer = all
        .iter()
        .find(|o| o.rate_plan.as_str() == ber::FLEXIBLE_RATE_ID)
        .unwrap();
    let mut booking = request_for(offer, "Familie", "children-1");
    booking.occupancy = Occupancy::new(2, vec![5]).unwrap();
    let created = pms.create_reservation(&booking).await.unwrap();
    assert_eq!(created.occupancy.adult_count(), 2);
    // Mews keeps no ages: a child reads back at its category's lowest age.
    assert_eq!(created.occupancy.children_ages(), [0]);
    // The same request again replays (the child's category is the same).
    assert_eq!(
        pms.create_reservation(&booking).await.unwrap().id,
        created.id
    );
}

fn request_for(offer: &pms_contract::Offer, last: &str, key: &str) -> pms_contract::NewReservation {
    request(offer, last, key)
}

#[tokio::test]
async fn guest_changes_update_the_profile_and_the_comment_note() {
    let (pms, _sandbox) = berlin().await;
    let offer = double_flex(
        &pms,
        stay("2027-08-01", "2027-08-03"),
        ber::DOUBLE_CATEGORY_ID,
        ber::FLEXIBLE_RATE_ID,
    )
    .await;
    let created = pms
        .create_reservation(&request(&offer, "Kontakt", "contact-1"))
        .await
        .unwrap();
    assert!(created.comment.is_none());
    let change = ReservationChange {
        occupancy: Some(Occupancy::adults(1).unwrap()),
        contact: Some(pms_contract::ContactChange {
            email: None,
            phone: Some(PhoneNumber::new("+44 7700 900999").unwrap()),
            language: Some(pms_contract::LanguageTag::new("en-GB").unwrap()),
        }),
        comment: pms_contract::CommentChange::Set(pms_contract::Pii::new("cot please".to_owned())),
        ..ReservationChange::default()
    };
    let modified = pms.modify_reservation(&created.id, &change).await.unwrap();
    assert_eq!(modified.occupancy, Occupancy::adults(1).unwrap());
    assert_eq!(
        modified.guest.phone.as_ref().map(PhoneNumber::expose),
        Some("+447700900999")
    );
    assert_eq!(
        modified.comment.as_ref().map(|c| c.expose().as_str()),
        Some("cot please")
    );
    // A second comment replaces the note.
    let change = ReservationChange {
        comment: pms_contract::CommentChange::Set(pms_contract::Pii::new("two cots".to_owned())),
        ..ReservationChange::default()
    };
    let modified = pms.modify_reservation(&created.id, &change).await.unwrap();
    assert_eq!(
        modified.comment.as_ref().map(|c| c.expose().as_str()),
        Some("two cots")
    );
    // Clearing a reservation without a comment changes nothing.
    let other = pms
        .create_reservation(&request(&offer, "Ohne", "contact-2"))
        .await
        .unwrap();
    let cleared = pms
        .modify_reservation(
            &other.id,
            &ReservationChange {
                comment: pms_contract::CommentChange::Clear,
                ..ReservationChange::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(cleared, pms.get_reservation(&other.id).await.unwrap());
    assert!(cleared.comment.is_none());
}

#[tokio::test]
async fn a_known_e_mail_is_reused_for_its_guest_and_never_taken_over() {
    let (pms, sandbox) = berlin().await;
    let offer = double_flex(
        &pms,
        stay("2027-09-01", "2027-09-02"),
        ber::DOUBLE_CATEGORY_ID,
        ber::FLEXIBLE_RATE_ID,
    )
    .await;
    let first = pms
        .create_reservation(&request(&offer, "Wieder", "reuse-1"))
        .await
        .unwrap();
    let mut again = request(&offer, "Wieder", "reuse-2");
    again.stay = stay("2027-09-03", "2027-09-04");
    let second = pms.create_reservation(&again).await.unwrap();
    assert_eq!(sandbox.admin().customer_count(ber::ENTERPRISE_ID), 1);
    assert_eq!(second.guest.email, first.guest.email);
    // Another guest giving the same address gets a profile of their own, without it.
    let mut other = request(&offer, "Fremd", "reuse-3");
    other.guest.email = first.guest.email.clone();
    other.guest.country = Some(pms_contract::CountryCode::new("CH").unwrap());
    other.stay = stay("2027-09-05", "2027-09-06");
    let third = pms.create_reservation(&other).await.unwrap();
    assert_eq!(sandbox.admin().customer_count(ber::ENTERPRISE_ID), 2);
    assert_eq!(third.guest.last_name.expose(), "Fremd");
    assert!(third.guest.email.is_none());
    assert_eq!(
        pms.get_reservation(&first.id)
            .await
            .unwrap()
            .guest
            .last_name
            .expose(),
        "Wieder"
    );
}

#[tokio::test]
async fn a_cancelled_reservation_keeps_its_price_and_terms() {
    let (pms, _sandbox) = berlin().await;
    let offer = double_flex(
        &pms,
        stay("2027-10-05", "2027-10-07"),
        ber::DOUBLE_CATEGORY_ID,
        ber::FLEXIBLE_RATE_ID,
    )
    .await;
    let created = pms
        .create_reservation(&request(&offer, "Storno", "cancel-1"))
        .await
        .unwrap();
    let cancelled = pms.cancel_reservation(&created.id).await.unwrap();
    assert_eq!(cancelled.total, created.total);
    assert_eq!(cancelled.cancellation, created.cancellation);
}
