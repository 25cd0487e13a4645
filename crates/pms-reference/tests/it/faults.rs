//! Reference-specific behaviour: fault injection, I/O counting, state rules.

use std::time::Duration;

use clock::Clock;

use pms_contract::{
    CancellationPolicy, Currency, ErrorKind, Guarantee, Guest, IdempotencyKey, Money,
    NewReservation, Occupancy, PmsConnector, RatePlanId, ReservationSearch, RoomTypeId, Stay,
};
use pms_reference::ReferenceFault as Fault;
use pms_reference::ReferenceHarness;

fn request(key: &str, room: &str, arrival: &str, departure: &str) -> NewReservation {
    NewReservation {
        idempotency_key: IdempotencyKey::new(key).unwrap(),
        stay: Stay::parse(arrival, departure).unwrap(),
        occupancy: Occupancy::adults(2).unwrap(),
        room_type: RoomTypeId::new(room).unwrap(),
        rate_plan: RatePlanId::new("FLEX").unwrap(),
        guest: Guest::new("Ada", "Lovelace"),
        comment: None,
    }
}

#[tokio::test]
async fn injected_failures_hit_the_next_calls_only_and_count_as_io() {
    let (pms, _clock) = ReferenceHarness::new().unwrap().connector();
    pms.inject_fault(Fault::Fail {
        kind: ErrorKind::Unavailable,
        times: 2,
    });
    for _ in 0..2 {
        let err = pms.property().await.unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Unavailable);
        assert!(err.is_retryable());
    }
    assert!(pms.property().await.is_ok());
    assert_eq!(pms.io_calls(), 3);
    pms.inject_fault(Fault::Fail {
        kind: ErrorKind::Timeout,
        times: 5,
    });
    pms.clear_faults();
    assert!(pms.room_types().await.is_ok());
    // A fault for zero calls is no fault.
    pms.inject_fault(Fault::Fail {
        kind: ErrorKind::Timeout,
        times: 0,
    });
    assert!(pms.room_types().await.is_ok());
}

#[tokio::test]
async fn commit_then_timeout_commits_the_write_and_the_retry_finds_it() {
    let (pms, _clock) = ReferenceHarness::new().unwrap().connector();
    pms.inject_fault(Fault::CommitThenTimeout);
    // Reads are not affected; the fault waits for the next write.
    assert!(pms.property().await.is_ok());
    // A write refused before committing does not use the fault up.
    let refused = request("k-0", "NOPE", "2027-02-01", "2027-02-03");
    let err = pms.create_reservation(&refused).await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Validation);
    let req = request("k-1", "DBL", "2027-02-01", "2027-02-03");
    let err = pms.create_reservation(&req).await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Timeout);
    let retried = pms.create_reservation(&req).await.unwrap();
    let found = pms
        .search_reservations(&ReservationSearch::LastName {
            last_name: "lovelace".into(),
            arrival: None,
        })
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, retried.id);
}

#[tokio::test(start_paused = true)]
async fn injected_latency_delays_calls() {
    let (pms, _clock) = ReferenceHarness::new().unwrap().connector();
    pms.inject_fault(Fault::Latency {
        delay: Duration::from_secs(3),
        times: 1,
    });
    let start = tokio::time::Instant::now();
    pms.property().await.unwrap();
    assert_eq!(start.elapsed(), Duration::from_secs(3));
    let start = tokio::time::Instant::now();
    pms.property().await.unwrap();
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[tokio::test]
async fn past_arrivals_and_oversized_parties_are_refused() {
    let (pms, clock) = ReferenceHarness::new().unwrap().connector();
    let past = request("k-past", "DBL", "2027-01-03", "2027-01-05");
    let err = pms.create_reservation(&past).await.unwrap_err();
    assert_eq!(err.message(), "stay: arrival is in the past");
    let mut crowd = request("k-crowd", "SGL", "2027-02-01", "2027-02-02");
    crowd.occupancy = Occupancy::adults(2).unwrap();
    let err = pms.create_reservation(&crowd).await.unwrap_err();
    assert_eq!(err.message(), "occupancy: room type SGL sleeps at most 1");
    // "Today" follows the property's time zone: 23:30 UTC on 2027-01-04 is already the 5th
    // in Berlin, so an arrival on the 4th is in the past.
    clock.set("2027-01-04T23:30:00Z".parse().unwrap());
    let late = request("k-late", "DBL", "2027-01-04", "2027-01-06");
    assert!(pms.create_reservation(&late).await.is_err());
}

#[tokio::test]
async fn confirmation_codes_are_distinct_and_not_sequential() {
    let (pms, _clock) = ReferenceHarness::new().unwrap().connector();
    let mut codes = Vec::new();
    for n in 0..10 {
        let req = request(&format!("k-{n}"), "DBL", "2027-03-01", "2027-03-02");
        codes.push(
            pms.create_reservation(&req)
                .await
                .unwrap()
                .confirmation_code,
        );
    }
    let mut unique = codes.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 10);
    assert!(codes.iter().all(|c| c.as_str().len() == 6));
    // Ten doubles are now sold for that night; the eleventh booking is a conflict.
    let req = request("k-11", "DBL", "2027-03-01", "2027-03-02");
    let err = pms.create_reservation(&req).await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Conflict);
}

#[tokio::test]
async fn a_reservation_carries_its_terms_and_its_fee_follows_the_injected_clock() {
    let (pms, clock) = ReferenceHarness::new().unwrap().connector();
    // 2027-03-01 is a Monday: two weekday nights of a double for two at 144.00.
    let flex = pms
        .create_reservation(&request("k-flex", "DBL", "2027-03-01", "2027-03-03"))
        .await
        .unwrap();
    let deadline = "2027-02-28T17:00:00Z".parse().unwrap();
    let first_night = Money::parse("144.00", Currency::EUR).unwrap();
    assert_eq!(
        flex.cancellation,
        CancellationPolicy::FreeUntil {
            deadline,
            fee: first_night
        }
    );
    assert_eq!(flex.guarantee, Guarantee::Unguaranteed);
    assert_eq!(
        flex.cancellation_fee_at(clock.now()),
        Money::zero(Currency::EUR)
    );
    clock.set("2027-02-28T17:00:01Z".parse().unwrap());
    assert_eq!(flex.cancellation_fee_at(clock.now()), first_night);
    // Read back, the terms are the same.
    assert_eq!(pms.get_reservation(&flex.id).await.unwrap(), flex);
    let mut nonref = request("k-nonref", "DBL", "2027-03-01", "2027-03-03");
    nonref.rate_plan = RatePlanId::new("NONREF").unwrap();
    let nonref = pms.create_reservation(&nonref).await.unwrap();
    assert_eq!(nonref.cancellation, CancellationPolicy::NonRefundable);
    assert_eq!(nonref.guarantee, Guarantee::Prepayment);
    assert_eq!(nonref.cancellation_fee_at(clock.now()), nonref.total);
}
