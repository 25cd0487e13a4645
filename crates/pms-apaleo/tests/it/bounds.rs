//! Bounded work: searches read at most `MAX_SEARCH_PAGES` pages, a create and its
//! reconciliation fit in the interactive write deadline.

use std::sync::Arc;
use std::time::{Duration, Instant};

use apaleo_sandbox::Fault;
use chrono::Days;
use clock::SharedClock;
use credentials::RefreshPolicy;
use pms_apaleo::{MAX_SEARCH_PAGES, MIN_SEARCH_NAME_CHARS};
use pms_contract::{
    ConfirmationCode, Email, ErrorKind, Operation, PhoneNumber, Pii, PmsConnector, PmsError,
    ReservationSearch,
};
use pms_resilience::{ResiliencePolicy, ResilientConnector};

use crate::support::{Rig, build_with, connector_for, day, request, sandbox_config, stay};

const PAGE: u32 = 2;

fn phone(n: u64) -> ReservationSearch {
    ReservationSearch::Phone(PhoneNumber::new(&format!("+44 7700 900{n:03}")).unwrap())
}

fn name(last_name: &str, arrival: Option<chrono::NaiveDate>) -> ReservationSearch {
    ReservationSearch::LastName {
        last_name: Pii::new(last_name.to_owned()),
        arrival,
    }
}

/// Books guest `n` for one night, a night per guest (so rooms never run out).
async fn book_night(rig: &Rig, n: u64) -> pms_contract::Reservation {
    let arrival = day("2027-02-01").checked_add_days(Days::new(n)).unwrap();
    let departure = arrival.checked_add_days(Days::new(1)).unwrap();
    rig.book(pms_contract::Stay::new(arrival, departure).unwrap(), n)
        .await
}

fn assert_too_broad(err: &PmsError) {
    assert_eq!(err.kind(), &ErrorKind::TooBroad, "{err}");
    assert!(!err.is_retryable());
    assert_eq!(err.context().vendor.as_deref(), Some("apaleo"));
    assert_eq!(err.context().operation, Some(Operation::SearchReservations));
    // No guest data: neither the number nor the names searched for.
    for value in ["7700", "900", "Lovelace", "Ada", "example"] {
        assert!(!err.to_string().contains(value), "{err}");
    }
}

#[tokio::test]
async fn a_phone_search_reads_at_most_the_page_cap_then_is_too_broad() {
    let rig = Rig::start().await;
    let cap = u64::from(MAX_SEARCH_PAGES * PAGE);
    for n in 1..=cap {
        book_night(&rig, n).await;
    }
    let connector = connector_for(&rig.sandbox, "BER", &rig.clock, RefreshPolicy::default())
        .with_page_size(PAGE);
    // Exactly as many open reservations as the cap allows: every page is read, the guest found.
    let before = connector.requests_sent();
    let found = connector.search_reservations(&phone(cap)).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].guest.last_name.expose(), &format!("Lovelace{cap}"));
    assert_eq!(
        connector.requests_sent() - before,
        u64::from(MAX_SEARCH_PAGES)
    );

    // One more: the scan would need another page. Apaleo's count says so on the first page.
    let extra = book_night(&rig, cap + 1).await;
    let (before, api_before) = (connector.requests_sent(), rig.api_requests());
    let err = connector
        .search_reservations(&phone(cap + 1))
        .await
        .unwrap_err();
    assert_too_broad(&err);
    assert!(err.message().contains("narrow it"), "{err}");
    let sent = connector.requests_sent() - before;
    assert!(sent <= u64::from(MAX_SEARCH_PAGES), "{sent} requests");
    assert_eq!(
        sent, 1,
        "the first page's count shows the search is too broad"
    );
    assert_eq!(rig.api_requests() - api_before, sent);

    // A name that textSearch finds in every reservation is bounded the same way.
    let err = connector
        .search_reservations(&name("Lovelace", None))
        .await
        .unwrap_err();
    assert_too_broad(&err);

    // Selective searches still find the guest.
    let id = |found: Vec<pms_contract::Reservation>| {
        found
            .into_iter()
            .map(|r| r.id.to_string())
            .collect::<Vec<_>>()
    };
    let extra_id = extra.id.to_string();
    let email =
        ReservationSearch::Email(Email::new(&format!("ada{}@example.org", cap + 1)).unwrap());
    assert_eq!(
        id(connector.search_reservations(&email).await.unwrap()),
        [extra_id.as_str()]
    );
    let last_name = name(&format!("lovelace{}", cap + 1), None);
    assert_eq!(
        id(connector.search_reservations(&last_name).await.unwrap()),
        [extra_id.as_str()]
    );
    let code = ReservationSearch::ConfirmationCode(
        ConfirmationCode::new(extra.confirmation_code.as_str()).unwrap(),
    );
    assert_eq!(
        id(connector.search_reservations(&code).await.unwrap()),
        [extra_id.as_str()]
    );
    // At the default page size the same property is one page: the phone is found.
    assert_eq!(
        id(rig
            .connector
            .search_reservations(&phone(cap + 1))
            .await
            .unwrap()),
        [extra_id.as_str()]
    );
}

#[tokio::test]
async fn too_short_last_names_without_arrival_are_refused_before_any_request() {
    let rig = Rig::start().await;
    let booked = rig.book(stay("2027-02-01", "2027-02-03"), 1).await;
    assert_eq!(MIN_SEARCH_NAME_CHARS, 2);
    let (before, api_before) = (rig.connector.requests_sent(), rig.api_requests());
    for short in ["L", " L ", "é"] {
        let err = rig
            .connector
            .search_reservations(&name(short, None))
            .await
            .unwrap_err();
        assert_too_broad(&err);
        assert!(err.message().contains("add the arrival date"), "{err}");
    }
    assert_eq!(rig.connector.requests_sent(), before);
    assert_eq!(rig.api_requests(), api_before);
    // With the arrival date the date narrows the search: it is sent.
    let found = rig
        .connector
        .search_reservations(&name("L", Some(day("2027-02-01"))))
        .await
        .unwrap();
    assert!(found.is_empty(), "no guest is called L");
    assert_eq!(rig.connector.requests_sent(), before + 1);
    // Two characters are searched without a date.
    let found = rig
        .connector
        .search_reservations(&name("Li", None))
        .await
        .unwrap();
    assert!(found.is_empty());
    assert_eq!(rig.connector.requests_sent(), before + 2);
    assert_eq!(booked.guest.last_name.expose(), "Lovelace1");
}

/// The interactive policy with the connector's default timeouts: a POST that commits and never
/// answers ends after the 6 s create timeout, the reconciliation finds the booking, and all of
/// it well inside the 10 s write deadline (with a 10 s POST timeout the deadline would cut the
/// create off before the reconciliation could run).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_create_is_reconciled_within_the_interactive_write_deadline() {
    let rig = Rig::start().await;
    let config = sandbox_config(&rig.sandbox, "BER");
    assert_eq!(config.effective_create_timeout(), Duration::from_secs(6));
    let connector = build_with(
        config,
        rig.sandbox.client_id(),
        rig.sandbox.client_secret(),
        &rig.clock,
        RefreshPolicy::default(),
    );
    let clock: SharedClock = Arc::new(rig.clock.clone());
    let policy = ResiliencePolicy::interactive();
    let deadline = policy.deadlines.write;
    let resilient = ResilientConnector::new(Arc::new(connector), "ber", policy, clock);
    rig.sandbox.faults().push(Fault::CommitThenTimeout);
    let new = request(
        stay("2027-02-01", "2027-02-03"),
        "BER-DBL",
        "BER-FLEX-DBL",
        7,
    );
    let started = Instant::now();
    let created = resilient.create_reservation(&new).await.unwrap();
    let took = started.elapsed();
    assert_eq!(created.guest, new.guest);
    assert_eq!(rig.sandbox.stats().bookings_created(), 1);
    assert!(
        took >= Duration::from_secs(6),
        "{took:?}: the POST waited its timeout"
    );
    assert!(took < deadline, "{took:?}");
}

#[tokio::test]
async fn the_look_ups_after_a_create_s_post_have_their_own_timeout() {
    let rig = Rig::start().await;
    let config = sandbox_config(&rig.sandbox, "BER")
        .with_create_timeouts(Duration::from_millis(1000), Duration::from_millis(200));
    let connector = build_with(
        config,
        rig.sandbox.client_id(),
        rig.sandbox.client_secret(),
        &rig.clock,
        RefreshPolicy::default(),
    );
    let new = request(
        stay("2027-02-01", "2027-02-03"),
        "BER-DBL",
        "BER-FLEX-DBL",
        8,
    );
    // The POST commits after 400 ms and never answers; the reconciliation look-up would answer
    // after 400 ms, later than its 200 ms: the POST's own timeout comes back, quickly.
    rig.sandbox.faults().push(Fault::CommitThenTimeout);
    rig.sandbox.faults().push(Fault::Latency {
        delay: Duration::from_millis(400),
        times: 2,
    });
    let started = Instant::now();
    let err = connector.create_reservation(&new).await.unwrap_err();
    let took = started.elapsed();
    assert_eq!(err.kind(), &ErrorKind::Timeout, "{err}");
    assert!(err.message().contains("1000ms"), "{err}");
    assert!(took >= Duration::from_millis(1200), "{took:?}");
    assert!(took < Duration::from_millis(2500), "{took:?}");
    assert_eq!(rig.sandbox.stats().bookings_created(), 1);

    // A POST that answers, whose read-back is slower than the look-up timeout: retryable, and
    // the retry with the same key replays the booking.
    rig.sandbox.faults().push(Fault::Latency {
        delay: Duration::from_millis(400),
        times: 2,
    });
    let other = request(
        stay("2027-02-01", "2027-02-03"),
        "BER-DBL",
        "BER-FLEX-DBL",
        9,
    );
    let err = connector.create_reservation(&other).await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Timeout, "{err}");
    assert!(err.message().contains("200ms"), "{err}");
    assert_eq!(rig.sandbox.stats().bookings_created(), 2);
    let replayed = connector.create_reservation(&other).await.unwrap();
    assert_eq!(replayed.guest, other.guest);
    assert_eq!(rig.sandbox.stats().bookings_created(), 2);
    // The first create, retried with its key, replays too.
    let first = connector.create_reservation(&new).await.unwrap();
    assert_eq!(first.guest, new.guest);
    assert_eq!(rig.sandbox.stats().bookings_created(), 2);
}
