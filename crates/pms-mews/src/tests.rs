//! Unit tests: wire mapping, dates across DST, terms, error mapping, tokens.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use credentials::{
    CredentialError, ExposeSecret, RequestAuth, SecretRef, SecretStore, SecretString,
};
use pms_contract::{
    CancellationPolicy, Currency, ErrorKind, Guarantee, IdempotencyKey, Money, Operation,
    PmsConnector, PmsError, ReservationStatus,
};
use rust_decimal::Decimal;

use crate::auth::{BodyTokens, MewsTokens, Renewal};
use crate::config::{FreeCancellation, MewsConfig, mews_quota};
use crate::mapping::{self, local_midnight_utc, offset_time_of_day, wire_date};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn eur(text: &str) -> Money {
    Money::new(text.parse::<Decimal>().unwrap(), Currency::EUR)
}

#[test]
fn local_midnights_follow_dst_in_berlin_and_london() {
    let berlin = chrono_tz::Europe::Berlin;
    for (date, wire) in [
        ("2026-03-27", "2026-03-26T23:00:00Z"),
        ("2026-03-28", "2026-03-27T23:00:00Z"),
        ("2026-03-29", "2026-03-28T23:00:00Z"),
        ("2026-03-30", "2026-03-29T22:00:00Z"),
        ("2026-10-24", "2026-10-23T22:00:00Z"),
        ("2026-10-25", "2026-10-24T22:00:00Z"),
        ("2026-10-26", "2026-10-25T23:00:00Z"),
    ] {
        assert_eq!(wire_date(berlin, day(date)), wire, "{date}");
        // And back: the local date of the instant is the date.
        let at = local_midnight_utc(berlin, day(date));
        assert_eq!(mapping::local_date(berlin, at), day(date));
    }
    let london = chrono_tz::Europe::London;
    assert_eq!(wire_date(london, day("2026-03-29")), "2026-03-29T00:00:00Z");
    assert_eq!(wire_date(london, day("2026-03-30")), "2026-03-29T23:00:00Z");
    assert_eq!(wire_date(london, day("2026-10-26")), "2026-10-26T00:00:00Z");
    assert_eq!(
        wire_date(chrono_tz::Europe::Zurich, day("2026-10-25")),
        "2026-10-24T22:00:00Z"
    );
}

#[test]
fn a_day_without_a_midnight_starts_at_its_first_instant() {
    // Santiago moved its clocks from 00:00 to 01:00 on 2026-09-06.
    let santiago: Tz = "America/Santiago".parse().unwrap();
    let start = local_midnight_utc(santiago, day("2026-09-06"));
    assert_eq!(mapping::local_date(santiago, start), day("2026-09-06"));
    assert_eq!(
        start.with_timezone(&santiago).time(),
        NaiveTime::from_hms_opt(1, 0, 0).unwrap()
    );
    // A deadline in a gap moves an hour on.
    let at = mapping::local_time_utc(santiago, day("2026-09-06"), NaiveTime::MIN);
    assert_eq!(at, start);
    let berlin = chrono_tz::Europe::Berlin;
    let gap = mapping::local_time_utc(
        berlin,
        day("2026-03-29"),
        NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
    );
    assert_eq!(mapping::wire_utc(gap), "2026-03-29T01:30:00Z");
}

#[test]
fn instants_parse_from_mews_forms() {
    let at = Utc.with_ymd_and_hms(2026, 3, 27, 23, 0, 0).unwrap();
    assert_eq!(mapping::utc("x", "2026-03-27T23:00:00Z").unwrap(), at);
    assert_eq!(mapping::utc("x", "2026-03-27T23:00:00.000Z").unwrap(), at);
    assert_eq!(
        mapping::utc("x", " 2026-03-28T00:00:00+01:00 ").unwrap(),
        at
    );
    let err = mapping::utc("Reservation.StartUtc", "yesterday").unwrap_err();
    assert_eq!(*err.kind(), ErrorKind::Protocol);
    assert!(err.message().starts_with("Reservation.StartUtc"));
}

#[test]
fn service_offsets_give_times_of_day() {
    let t = |h, m| Some(NaiveTime::from_hms_opt(h, m, 0).unwrap());
    assert_eq!(offset_time_of_day("P0M0DT15H0M0S"), t(15, 0));
    assert_eq!(offset_time_of_day("P0M1DT11H0M0S"), t(11, 0));
    assert_eq!(offset_time_of_day("P0Y0M0DT14H30M0S"), t(14, 30));
    assert_eq!(offset_time_of_day("PT14H"), t(14, 0));
    assert_eq!(offset_time_of_day("P10DT20H30M"), t(20, 30));
    assert_eq!(offset_time_of_day("P0M0DT15H0M0.5S"), t(15, 0));
    assert_eq!(offset_time_of_day("PT25H"), t(1, 0));
    assert_eq!(offset_time_of_day("P1D"), t(0, 0));
    for bad in [
        "0M0D0:0:0.0",
        "P1X",
        "PT15",
        "PTH",
        "P0M0DT15H0M0S0",
        "PT1S1H",
        "PT1.5.5H",
        "",
    ] {
        assert_eq!(offset_time_of_day(bad), None, "{bad}");
    }
}

#[test]
fn localized_texts_prefer_english() {
    let texts: BTreeMap<String, String> = [
        ("de-DE".to_owned(), "Doppelzimmer".to_owned()),
        ("en-GB".to_owned(), "Double room".to_owned()),
    ]
    .into();
    assert_eq!(
        mapping::localized(Some(&texts)).as_deref(),
        Some("Double room")
    );
    let german: BTreeMap<String, String> = [("de-DE".to_owned(), " Einzel ".to_owned())].into();
    assert_eq!(mapping::localized(Some(&german)).as_deref(), Some("Einzel"));
    let blank: BTreeMap<String, String> = [("en-US".to_owned(), " ".to_owned())].into();
    assert_eq!(mapping::localized(Some(&blank)), None);
    assert_eq!(mapping::localized(None), None);
}

#[test]
fn states_of_both_models_map_onto_the_contract() {
    for (state, reason, status) in [
        ("Confirmed", None, ReservationStatus::Confirmed),
        ("Optional", None, ReservationStatus::Confirmed),
        ("Inquired", None, ReservationStatus::Confirmed),
        ("Enquired", None, ReservationStatus::Confirmed),
        ("Requested", None, ReservationStatus::Confirmed),
        ("Started", None, ReservationStatus::InHouse),
        ("Processed", None, ReservationStatus::CheckedOut),
        ("Canceled", Some("Other"), ReservationStatus::Canceled),
        ("Canceled", Some("NoShow"), ReservationStatus::NoShow),
    ] {
        assert_eq!(mapping::status(state, reason).unwrap(), status, "{state}");
    }
    assert_eq!(
        *mapping::status("Teleported", None).unwrap_err().kind(),
        ErrorKind::Protocol
    );
    assert!(mapping::is_modifiable(ReservationStatus::InHouse));
    assert!(!mapping::is_modifiable(ReservationStatus::NoShow));
}

#[test]
fn channel_tokens_are_short_stable_and_distinct() {
    let a = mapping::channel_token(&IdempotencyKey::new("golden-abc-1").unwrap());
    let b = mapping::channel_token(&IdempotencyKey::new("golden-abc-2").unwrap());
    assert_eq!(a.len(), 20);
    assert!(a.starts_with("VH"));
    assert!(
        a[2..]
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase())
    );
    assert_ne!(a, b);
    assert_eq!(
        a,
        mapping::channel_token(&IdempotencyKey::new("golden-abc-1").unwrap())
    );
}

#[test]
fn rate_names_mark_non_refundable_rates() {
    assert!(mapping::is_non_refundable(["Non-refundable"]));
    assert!(mapping::is_non_refundable(["Flexible", "NONREF"]));
    assert!(mapping::is_non_refundable(["non refundable breakfast"]));
    assert!(mapping::is_non_refundable(["Nicht erstattbar"]));
    assert!(!mapping::is_non_refundable(["Flexible", "FLEX"]));
    assert!(!mapping::is_non_refundable([]));
    assert_eq!(mapping::guarantee(true), Guarantee::Prepayment);
    assert_eq!(mapping::guarantee(false), Guarantee::Unguaranteed);
}

#[test]
fn terms_are_free_until_the_evening_before_then_the_first_night() {
    let berlin = chrono_tz::Europe::Berlin;
    let terms = FreeCancellation::default();
    let arrival = day("2026-03-30");
    // 18:00 CEST on the 29th (the DST day) is 16:00 UTC.
    let deadline = Utc.with_ymd_and_hms(2026, 3, 29, 16, 0, 0).unwrap();
    let before = deadline - chrono::Duration::hours(1);
    let (first, total) = (eur("119.00"), eur("238.00"));
    assert_eq!(
        mapping::cancellation(false, terms, berlin, arrival, first, total, before),
        CancellationPolicy::FreeUntil {
            deadline,
            fee: first
        }
    );
    assert_eq!(
        mapping::cancellation(false, terms, berlin, arrival, first, total, deadline),
        CancellationPolicy::PartlyRefundable { fee: first }
    );
    // One night after the deadline: the whole stay.
    assert_eq!(
        mapping::cancellation(false, terms, berlin, arrival, first, first, deadline),
        CancellationPolicy::NonRefundable
    );
    // A fee above the total is capped; a zero fee stays free.
    assert_eq!(
        mapping::cancellation(false, terms, berlin, arrival, total, first, before),
        CancellationPolicy::FreeUntil {
            deadline,
            fee: first
        }
    );
    let zero = Money::zero(Currency::EUR);
    assert!(matches!(
        mapping::cancellation(false, terms, berlin, arrival, zero, zero, deadline),
        CancellationPolicy::FreeUntil { .. }
    ));
    assert_eq!(
        mapping::cancellation(true, terms, berlin, arrival, first, total, before),
        CancellationPolicy::NonRefundable
    );
    // Configurable: two days before at noon.
    let earlier = FreeCancellation {
        days_before: 2,
        time: NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
    };
    assert_eq!(
        mapping::cancellation(
            false,
            earlier,
            berlin,
            arrival,
            first,
            total,
            before - chrono::Duration::days(2)
        ),
        CancellationPolicy::FreeUntil {
            deadline: Utc.with_ymd_and_hms(2026, 3, 28, 11, 0, 0).unwrap(),
            fee: first
        }
    );
}

#[test]
fn small_helpers() {
    assert!(mapping::is_guid("5c4f0a9e-8b1d-4d7e-9f3a-6b2e1c0d4b01"));
    assert!(mapping::is_guid(crate::UNKNOWN_RESERVATION_ID));
    assert!(!mapping::is_guid("ZZZZZZZZ-1"));
    assert!(!mapping::is_guid("5c4f0a9e-8b1d-4d7e-9f3a-6b2e1c0d4b0g"));
    assert_eq!(
        mapping::name_variants("o'neill-smith"),
        ["o'neill-smith", "O'NEILL-SMITH", "O'neill-Smith"]
    );
    assert_eq!(mapping::name_variants(" Li "), ["Li", "li", "LI"]);
    assert!(mapping::same_text(" Smith", "SMITH "));
    assert_eq!(mapping::clamp_count(-3), 0);
    assert_eq!(mapping::clamp_count(7), 7);
    assert_eq!(mapping::clamp_count(i64::MAX), u32::MAX);
}

#[test]
fn configuration_defaults_builders_and_quota() {
    let config = MewsConfig::new("E1");
    assert_eq!(config.api_base, MewsConfig::DEFAULT_API_BASE);
    assert_eq!(config.account_key(), "E1");
    assert_eq!(config.page_size, 100);
    let config = config
        .with_api_base(MewsConfig::DEMO_API_BASE)
        .with_account("portfolio")
        .with_attempt_timeout(Duration::from_secs(3))
        .with_page_size(5000)
        .with_setup_ttl(Duration::from_secs(1))
        .with_free_cancellation(FreeCancellation {
            days_before: 0,
            time: NaiveTime::MIN,
        });
    assert_eq!(config.page_size, 1000);
    assert_eq!(config.account_key(), "portfolio");
    let http = config.http();
    assert_eq!(http.vendor, "mews");
    assert_eq!(http.account, "portfolio");
    assert_eq!(http.base_url, "https://api.mews-demo.com");
    assert_eq!(http.request_id_header.as_deref(), Some("Request-Id"));
    assert_eq!(http.attempt_timeout, Duration::from_secs(3));
    // At most 200 requests in any 30 s window: the burst plus 30 s at the sustained rate.
    let quota = mews_quota();
    let window = Duration::from_secs(30);
    let sustained = u32::try_from(window.as_micros() / quota.interval().as_micros()).unwrap();
    assert!(quota.burst() + sustained <= 200, "{quota:?}");
    let hotel = pms_plugin::HotelConfig::from_toml(
        "[hotel]\nid = \"m\"\nvendor = \"mews\"\nproperty = \"E2\"\naccount = \"A\"\nlive = false\n[hotel.endpoints]\napi = \"http://127.0.0.1:1\"\n",
        "hotel.toml",
    )
    .unwrap();
    let config = MewsConfig::from_hotel(&hotel);
    assert_eq!(config.enterprise_id, "E2");
    assert_eq!(config.api_base, "http://127.0.0.1:1");
    assert_eq!(config.account_key(), "A");
}

/// A store that counts its reads, can change its access token, fail, and take its time.
#[derive(Debug, Default)]
struct Store {
    reads: AtomicU64,
    access: std::sync::Mutex<String>,
    delay: Duration,
    broken: std::sync::atomic::AtomicBool,
}

impl Store {
    fn with(access: &str) -> Self {
        let store = Self::default();
        store.set(access);
        store
    }

    fn set(&self, access: &str) {
        access.clone_into(&mut self.access.lock().unwrap());
    }

    fn reads(&self) -> u64 {
        self.reads.load(Ordering::SeqCst)
    }
}

#[async_trait]
impl SecretStore for Store {
    async fn get(&self, reference: &SecretRef) -> Result<SecretString, CredentialError> {
        self.reads.fetch_add(1, Ordering::SeqCst);
        if !self.delay.is_zero() {
            tokio::time::sleep(self.delay).await;
        }
        if self.broken.load(Ordering::SeqCst) {
            return Err(CredentialError::Unavailable {
                message: "the store is down".to_owned(),
            });
        }
        match reference.to_string().as_str() {
            "env:CLIENT" => Ok(SecretString::from("client-secret-value".to_owned())),
            "env:ACCESS" => Ok(SecretString::from(self.access.lock().unwrap().clone())),
            other => Err(CredentialError::NotFound {
                reference: other.to_owned(),
            }),
        }
    }
}

fn refs() -> (SecretRef, SecretRef) {
    (
        SecretRef::parse("env:CLIENT").unwrap(),
        SecretRef::parse("env:ACCESS").unwrap(),
    )
}

fn manual_clock() -> clock::ManualClock {
    clock::ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap())
}

fn tokens_of(store: &Arc<Store>, clock: &clock::ManualClock) -> MewsTokens {
    let (client, access) = refs();
    MewsTokens::new(store.clone(), client, access, Arc::new(clock.clone()))
}

fn renewed(renewal: Renewal) -> crate::auth::Current {
    match renewal {
        Renewal::Renewed(current) => current,
        Renewal::Refused => panic!("the renewal was refused"),
    }
}

fn advance(clock: &clock::ManualClock, secs: i64) {
    clock.advance(chrono::Duration::seconds(secs));
}

#[tokio::test]
async fn tokens_are_read_once_and_never_shown() {
    let store = Arc::new(Store::with("access-secret-value"));
    let tokens = tokens_of(&store, &manual_clock());
    assert_eq!(tokens.generation(), 0);
    let first = tokens.get().await.unwrap();
    assert_eq!(first.tokens.access.expose_secret(), "access-secret-value");
    assert_eq!(first.generation, 1);
    tokens.get().await.unwrap();
    assert_eq!(store.reads(), 2, "both references, once");
    store.set("rotated-access-value");
    // Without a refusal the tokens in use stay.
    assert_eq!(
        tokens.get().await.unwrap().tokens.access.expose_secret(),
        "access-secret-value"
    );
    let shown = format!("{tokens:?} {first:?}");
    assert!(
        !shown.contains("secret-value") && !shown.contains("rotated"),
        "{shown}"
    );
    assert!(shown.contains("env:ACCESS"));
    // An empty token is refused as malformed.
    let empty = Arc::new(Store::with(" "));
    assert!(matches!(
        tokens_of(&empty, &manual_clock()).get().await.unwrap_err(),
        CredentialError::Malformed { .. }
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_renewals_after_a_401_read_the_store_once() {
    let store = Arc::new(Store {
        delay: Duration::from_millis(50),
        ..Store::with("old-access")
    });
    let clock = manual_clock();
    let tokens = Arc::new(tokens_of(&store, &clock));
    // Concurrent first callers read the store once too.
    let firsts: Vec<_> = (0..8)
        .map(|_| {
            let tokens = tokens.clone();
            tokio::spawn(async move { tokens.get().await.unwrap().generation })
        })
        .collect();
    for first in firsts {
        assert_eq!(first.await.unwrap(), 1);
    }
    assert_eq!(store.reads(), 2);
    // The hotel rotated the access token; 12 callers were refused with generation 1.
    store.set("new-access");
    let renewals: Vec<_> = (0..12)
        .map(|_| {
            let tokens = tokens.clone();
            tokio::spawn(async move { renewed(tokens.renew(1).await) })
        })
        .collect();
    for renewal in renewals {
        let current = renewal.await.unwrap();
        assert_eq!(current.generation, 2);
        assert_eq!(current.tokens.access.expose_secret(), "new-access");
    }
    assert_eq!(
        store.reads(),
        4,
        "one read of both references for 12 callers"
    );
    assert_eq!(tokens.generation(), 2);
    assert_eq!(
        tokens.get().await.unwrap().tokens.access.expose_secret(),
        "new-access"
    );
    // A late caller refused with generation 1 gets generation 2 without a read.
    assert_eq!(renewed(tokens.renew(1).await).generation, 2);
    assert_eq!(store.reads(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_refusals_with_unchanged_tokens_read_the_store_once() {
    let store = Arc::new(Store {
        delay: Duration::from_millis(20),
        ..Store::with("revoked-access")
    });
    let clock = manual_clock();
    let tokens = Arc::new(tokens_of(&store, &clock));
    tokens.get().await.unwrap();
    let renewals: Vec<_> = (0..10)
        .map(|_| {
            let tokens = tokens.clone();
            tokio::spawn(async move { tokens.renew(1).await })
        })
        .collect();
    for renewal in renewals {
        assert!(matches!(renewal.await.unwrap(), Renewal::Refused));
    }
    assert_eq!(store.reads(), 4, "the first read and one renewal");
    assert_eq!(tokens.generation(), 1);
}

#[tokio::test]
async fn refused_renewals_back_off_on_the_injected_clock_and_grow() {
    let store = Arc::new(Store::with("revoked-access"));
    let clock = manual_clock();
    let tokens = tokens_of(&store, &clock);
    tokens.get().await.unwrap();
    assert_eq!(store.reads(), 2);
    // Unchanged in the store: refused, and a 30 s back-off starts.
    assert!(matches!(tokens.renew(1).await, Renewal::Refused));
    assert_eq!(store.reads(), 4);
    for _ in 0..5 {
        assert!(matches!(tokens.renew(1).await, Renewal::Refused));
    }
    assert_eq!(store.reads(), 4, "no reads within the back-off");
    advance(&clock, 29);
    assert!(matches!(tokens.renew(1).await, Renewal::Refused));
    assert_eq!(store.reads(), 4);
    advance(&clock, 2);
    assert!(matches!(tokens.renew(1).await, Renewal::Refused));
    assert_eq!(store.reads(), 6, "read again after 30 s");
    // The next window is 60 s.
    advance(&clock, 31);
    assert!(matches!(tokens.renew(1).await, Renewal::Refused));
    assert_eq!(store.reads(), 6);
    advance(&clock, 30);
    // A store that cannot be read refuses too (and backs off, now 120 s).
    store.broken.store(true, Ordering::SeqCst);
    assert!(matches!(tokens.renew(1).await, Renewal::Refused));
    assert_eq!(store.reads(), 7, "the failed read of the client token");
    store.broken.store(false, Ordering::SeqCst);
    store.set("new-access");
    advance(&clock, 119);
    assert!(matches!(tokens.renew(1).await, Renewal::Refused));
    assert_eq!(
        store.reads(),
        7,
        "still backing off, although the store changed"
    );
    advance(&clock, 2);
    let current = renewed(tokens.renew(1).await);
    assert_eq!(
        (current.generation, current.tokens.access.expose_secret()),
        (2, "new-access")
    );
    assert_eq!(store.reads(), 9);
    // New tokens end the back-off: the next refusal reads at once, with a 30 s window.
    store.set("newer-access");
    assert_eq!(renewed(tokens.renew(2).await).generation, 3);
    assert!(matches!(tokens.renew(3).await, Renewal::Refused));
    assert_eq!(store.reads(), 13);
    advance(&clock, 31);
    assert!(matches!(tokens.renew(3).await, Renewal::Refused));
    assert_eq!(store.reads(), 15);
}

#[tokio::test]
async fn accepted_tokens_end_the_back_off() {
    let store = Arc::new(Store::with("access"));
    let clock = manual_clock();
    let tokens = tokens_of(&store, &clock);
    tokens.get().await.unwrap();
    assert!(matches!(tokens.renew(1).await, Renewal::Refused));
    assert!(matches!(tokens.renew(1).await, Renewal::Refused));
    assert_eq!(store.reads(), 4);
    // A later call with these tokens went through: the 401 was not about them for good.
    tokens.accepted(1);
    assert!(matches!(tokens.renew(1).await, Renewal::Refused));
    assert_eq!(store.reads(), 6);
}

#[tokio::test]
async fn the_http_authorization_is_a_non_secret_client_header() {
    let auth = BodyTokens.authorization().await.unwrap();
    assert_eq!(auth.header, "x-client");
    assert_eq!(auth.value.expose_secret(), crate::CLIENT);
    assert!(crate::CLIENT.starts_with("VoiceHive "));
    assert!(BodyTokens.reauthorize(&auth).await.unwrap().is_none());
}

#[test]
fn mews_statuses_are_remapped_by_what_the_call_does() {
    let err = |status: u16, kind: ErrorKind| {
        PmsError::new(kind, "x")
            .with_vendor("mews")
            .with_operation(Operation::CreateReservation)
            .with_http_status(status)
            .with_vendor_request_id("req-1")
    };
    let remap = crate::connector::test_remap;
    let conflict = remap(
        err(403, ErrorKind::Authorization),
        Operation::CreateReservation,
        true,
    );
    assert_eq!(*conflict.kind(), ErrorKind::Conflict);
    assert_eq!(
        conflict.context().vendor_request_id.as_deref(),
        Some("req-1")
    );
    assert_eq!(conflict.context().http_status, Some(403));
    assert_eq!(
        conflict.context().operation,
        Some(Operation::CreateReservation)
    );
    assert_eq!(
        *remap(
            err(403, ErrorKind::Authorization),
            Operation::RoomTypes,
            false
        )
        .kind(),
        ErrorKind::Validation
    );
    assert_eq!(
        *remap(
            err(404, ErrorKind::NotFound),
            Operation::GetReservation,
            false
        )
        .kind(),
        ErrorKind::Protocol
    );
    assert_eq!(
        *remap(
            err(409, ErrorKind::Conflict),
            Operation::CancelReservation,
            true
        )
        .kind(),
        ErrorKind::Unavailable
    );
    assert_eq!(
        *remap(
            err(409, ErrorKind::Conflict),
            Operation::ModifyReservation,
            true
        )
        .kind(),
        ErrorKind::Conflict
    );
    assert_eq!(
        *remap(
            err(400, ErrorKind::Validation),
            Operation::ModifyReservation,
            true
        )
        .kind(),
        ErrorKind::Validation
    );
}

#[test]
fn both_reservation_shapes_are_read() {
    let legacy: crate::wire::WireReservation = serde_json::from_str(
        r#"{"Id":"r1","State":"Enquired","OwnerId":"c1","CustomerId":"c1","RequestedCategoryId":"k1",
            "StartUtc":"2026-03-27T23:00:00Z","EndUtc":"2026-03-29T22:00:00Z","Unknown":1}"#,
    )
    .unwrap();
    assert_eq!(legacy.owner(), Some("c1"));
    assert_eq!(legacy.category(), Some("k1"));
    assert_eq!(legacy.start(), Some("2026-03-27T23:00:00Z"));
    assert_eq!(legacy.end(), Some("2026-03-29T22:00:00Z"));
    let current: crate::wire::WireReservation = serde_json::from_str(
        r#"{"Id":"r1","State":"Inquired","AccountId":"a1","RequestedResourceCategoryId":"k2",
            "ScheduledStartUtc":"2026-03-28T23:00:00Z","StartUtc":"2026-03-28T10:00:00Z",
            "ScheduledEndUtc":"2026-03-30T22:00:00Z","EndUtc":"2026-03-30T09:00:00Z"}"#,
    )
    .unwrap();
    assert_eq!(current.owner(), Some("a1"));
    assert_eq!(current.category(), Some("k2"));
    assert_eq!(current.start(), Some("2026-03-28T23:00:00Z"));
    assert_eq!(current.end(), Some("2026-03-30T22:00:00Z"));
    let note: crate::wire::ServiceOrderNote =
        serde_json::from_str(r#"{"Id":"n1","OrderId":"r1","Text":"x"}"#).unwrap();
    assert_eq!(note.order(), Some("r1"));
}

// ---- HTTP-level tests against a mock Mews ---------------------------------------------------

mod http {
    use super::*;
    use serde_json::{Value, json};
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

    pub(super) const E: &str = "5c4f0a9e-8b1d-4d7e-9f3a-6b2e1c0d4b01";

    fn store() -> Arc<Store> {
        Arc::new(Store::with("access-secret-value"))
    }

    pub(super) fn connector(server: &MockServer) -> crate::MewsConnector {
        let (client, access) = refs();
        let clock: clock::SharedClock = Arc::new(clock::SystemClock);
        crate::MewsConnector::new(
            MewsConfig::new(E).with_api_base(server.uri()),
            MewsTokens::new(store(), client, access, clock.clone()),
            Arc::new(pms_http::Unlimited),
            clock,
        )
        .unwrap()
    }

    pub(super) fn configuration(tz: &str, pricing: &str, currency: &str) -> Value {
        json!({"Enterprise": {"Id": E, "Name": "Mock", "TimeZoneIdentifier": tz, "Pricing": pricing,
            "Currencies": [{"Currency": currency, "IsDefault": true, "IsEnabled": true}],
            "Address": {"CountryCode": "DE"}}})
    }

    /// Answers the set-up reads of one enterprise.
    pub(super) async fn mount_setup(server: &MockServer, configuration: Value) {
        let routes = [
            ("configuration/get", configuration),
            (
                "services/getAll",
                json!({"Services": [
                    {"Id": "s-old", "IsActive": false, "Data": {"Discriminator": "Bookable", "Value": {}}},
                    {"Id": "s-extra", "IsActive": true, "Data": {"Discriminator": "Additional", "Value": null}},
                    {"Id": "s1", "IsActive": true, "Data": {"Discriminator": "Bookable",
                        "Value": {"StartOffset": "P0M0DT14H0M0S", "EndOffset": "P0M1DT10H0M0S", "TimeUnitPeriod": "Day"}}}
                ], "Cursor": null}),
            ),
            (
                "resourceCategories/getAll",
                json!({"ResourceCategories": [
                    {"Id": "dbl", "IsActive": true, "Type": "Room", "Names": {"en-US": "Double"}, "Capacity": 2, "ExtraCapacity": 0},
                    {"Id": "bed", "IsActive": true, "Type": "Bed", "Names": {"en-US": "Bed"}, "Capacity": 1, "ExtraCapacity": 0}
                ], "Cursor": "bed"}),
            ),
            (
                "ageCategories/getAll",
                json!({"AgeCategories": [
                    {"Id": "adult", "Classification": "Adult", "IsActive": true},
                    {"Id": "kid", "Classification": "Child", "MinimalAge": 0, "MaximalAge": 17, "IsActive": true}
                ], "Cursor": "kid"}),
            ),
            (
                "rates/getAll",
                json!({"Rates": [
                    {"Id": "flex", "IsActive": true, "IsEnabled": true, "Type": "Public", "Names": {"en-US": "Flexible"}, "ShortName": "FLEX"},
                    {"Id": "private", "IsActive": true, "IsEnabled": true, "Type": "Private", "Name": "Corporate"}
                ], "Cursor": "private"}),
            ),
        ];
        for (route, body) in routes {
            Mock::given(method("POST"))
                .and(path(format!("/api/connector/v1/{route}")))
                .respond_with(ResponseTemplate::new(200).set_body_json(body))
                .mount(server)
                .await;
        }
    }

    /// Answers `configuration/get` for the access token `valid` only (401 otherwise).
    struct OnlyToken {
        valid: &'static str,
        configuration: Value,
    }

    impl Respond for OnlyToken {
        fn respond(&self, request: &Request) -> ResponseTemplate {
            let body: Value = serde_json::from_slice(&request.body).unwrap();
            if body["AccessToken"] == self.valid {
                ResponseTemplate::new(200).set_body_json(self.configuration.clone())
            } else {
                ResponseTemplate::new(401).set_body_json(
                    json!({"Message": "Invalid AccessToken.", "RequestId": "r-401", "Details": null}),
                )
            }
        }
    }

    async fn configuration_gets(server: &MockServer) -> usize {
        server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .filter(|r| r.url.path() == "/api/connector/v1/configuration/get")
            .count()
    }

    #[tokio::test]
    async fn a_401_repeats_the_call_once_with_rotated_tokens_and_backs_off_otherwise() {
        let server = MockServer::start().await;
        let berlin = configuration("Europe/Berlin", "Gross", "EUR");
        Mock::given(method("POST"))
            .and(path("/api/connector/v1/configuration/get"))
            .respond_with(OnlyToken {
                valid: "new-access",
                configuration: berlin.clone(),
            })
            .with_priority(1)
            .mount(&server)
            .await;
        mount_setup(&server, berlin).await;
        let store = Arc::new(Store::with("old-access"));
        let clock = manual_clock();
        let shared: clock::SharedClock = Arc::new(clock.clone());
        let (client, access) = refs();
        let pms = crate::MewsConnector::new(
            MewsConfig::new(E).with_api_base(server.uri()),
            MewsTokens::new(store.clone(), client, access, shared.clone()),
            Arc::new(pms_http::Unlimited),
            shared,
        )
        .unwrap();
        // The store holds the refused token: one request, `Authentication`, no repetition.
        let err = pms.property().await.unwrap_err();
        assert_eq!(*err.kind(), ErrorKind::Authentication);
        assert_eq!(err.context().http_status, Some(401));
        assert!(!format!("{err} {err:?}").contains("old-access"));
        assert_eq!((pms.requests_sent(), store.reads()), (1, 4));
        // The hotel stores a new token, but renewals back off for 30 s: refused at once.
        store.set("new-access");
        let err = pms.property().await.unwrap_err();
        assert_eq!(*err.kind(), ErrorKind::Authentication);
        assert_eq!((pms.requests_sent(), store.reads()), (2, 4));
        // After the back-off the 401 reads the store, finds the new token and repeats once.
        advance(&clock, 31);
        pms.property().await.unwrap();
        assert_eq!(store.reads(), 6);
        assert_eq!(configuration_gets(&server).await, 4);
        // From now on the new token is sent right away.
        let sent = pms.requests_sent();
        assert_eq!(pms.property().await.unwrap().id.as_str(), E);
        assert_eq!(store.reads(), 6);
        assert!(pms.requests_sent() - sent <= 1);
    }

    /// Echoes the requested units (checked to be local midnights in Berlin) with prices.
    struct Pricing;

    impl Respond for Pricing {
        fn respond(&self, request: &Request) -> ResponseTemplate {
            let body: Value = serde_json::from_slice(&request.body).unwrap();
            for key in ["ClientToken", "AccessToken", "Client", "RateId"] {
                assert!(body.get(key).is_some(), "{key} missing");
            }
            let first = body["FirstTimeUnitStartUtc"].as_str().unwrap();
            let last = body["LastTimeUnitStartUtc"].as_str().unwrap();
            assert_eq!(first, "2026-03-28T23:00:00Z");
            assert_eq!(last, "2026-03-29T22:00:00Z");
            ResponseTemplate::new(200).set_body_json(json!({
                "Currency": "EUR",
                "TimeUnitStartsUtc": [first, last],
                "CategoryPrices": [{"CategoryId": "dbl", "AmountPrices": [
                    {"Currency": "EUR", "NetValue": 100.93, "GrossValue": 108},
                    {"Currency": "EUR", "NetValue": 111.21, "GrossValue": 119.0}
                ]}]
            }))
        }
    }

    #[tokio::test]
    async fn offers_quote_gross_values_of_each_dst_night_in_net_enterprises() {
        let server = MockServer::start().await;
        mount_setup(&server, configuration("Europe/Berlin", "Net", "EUR")).await;
        Mock::given(method("POST"))
            .and(path("/api/connector/v1/rates/getPricing"))
            .respond_with(Pricing)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/api/connector/v1/services/getAvailability"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "TimeUnitStartsUtc": ["2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"],
                "CategoryAvailabilities": [{"CategoryId": "dbl", "Availabilities": [3, -1]}]
            })))
            .mount(&server)
            .await;
        let pms = connector(&server);
        let property = pms.property().await.unwrap();
        assert_eq!(
            property.check_in_time,
            NaiveTime::from_hms_opt(14, 0, 0).unwrap()
        );
        assert_eq!(
            property.check_out_time,
            NaiveTime::from_hms_opt(10, 0, 0).unwrap()
        );
        assert_eq!(property.live, None);
        let stay = pms_contract::Stay::parse("2026-03-29", "2026-03-31").unwrap();
        // Only the room category, one entry per night, overbooking clamped.
        let availability = pms.availability(&stay).await.unwrap();
        assert_eq!(availability.len(), 2);
        assert_eq!(availability[0].available, 3);
        assert_eq!(availability[1].available, 0);
        let offers = pms
            .offers(&pms_contract::OfferRequest {
                stay,
                occupancy: pms_contract::Occupancy::adults(2).unwrap(),
            })
            .await
            .unwrap();
        // No unit is left on the second night: nothing to offer.
        assert!(offers.is_empty());
        let room_types = pms.room_types().await.unwrap();
        assert_eq!(room_types.len(), 1);
        assert_eq!(room_types[0].name, "Double");
        assert_eq!(room_types[0].max_occupancy, 2);
        // The rooms offered to a party too big: none, without further requests.
        let before = pms.requests_sent();
        let none = pms
            .offers(&pms_contract::OfferRequest {
                stay,
                occupancy: pms_contract::Occupancy::adults(3).unwrap(),
            })
            .await
            .unwrap();
        assert!(none.is_empty());
        assert_eq!(pms.requests_sent(), before);
    }

    #[tokio::test]
    async fn priced_offers_sum_exactly() {
        let server = MockServer::start().await;
        mount_setup(&server, configuration("Europe/Berlin", "Gross", "EUR")).await;
        Mock::given(method("POST"))
            .and(path("/api/connector/v1/rates/getPricing"))
            .respond_with(Pricing)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/api/connector/v1/services/getAvailability"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "TimeUnitStartsUtc": ["2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"],
                "CategoryAvailabilities": [{"CategoryId": "dbl", "Availabilities": [3, 2]}]
            })))
            .mount(&server)
            .await;
        let pms = connector(&server);
        let stay = pms_contract::Stay::parse("2026-03-29", "2026-03-31").unwrap();
        let offers = pms
            .offers(&pms_contract::OfferRequest {
                stay,
                occupancy: pms_contract::Occupancy::adults(2).unwrap(),
            })
            .await
            .unwrap();
        assert_eq!(offers.len(), 1, "the private rate is not offered");
        let offer = &offers[0];
        assert_eq!(offer.rate_plan_name, "Flexible");
        assert_eq!(offer.units_left, 2);
        assert_eq!(offer.nightly[0].amount, eur("108"));
        assert_eq!(offer.nightly[1].amount, eur("119.0"));
        assert_eq!(offer.total, eur("227.00"));
    }

    #[tokio::test]
    async fn unusable_answers_are_protocol_errors_without_values() {
        let server = MockServer::start().await;
        let mut bad_zone = configuration("Mars/Olympus", "Gross", "EUR");
        bad_zone["Enterprise"]["Name"] = json!("Secret Guest Hotel");
        mount_setup(&server, bad_zone).await;
        let pms = connector(&server);
        let err = pms.property().await.unwrap_err();
        assert_eq!(*err.kind(), ErrorKind::Protocol);
        assert!(!err.message().contains("Mars"), "{err}");
        for (configuration, field) in [
            (
                json!({"Enterprise": {"Id": "other", "TimeZoneIdentifier": "Europe/Berlin"}}),
                "another enterprise",
            ),
            (
                json!({"Enterprise": {"Id": E, "TimeZoneIdentifier": "Europe/Berlin"}}),
                "Currencies",
            ),
            (
                json!({"Enterprise": {"Id": E, "TimeZoneIdentifier": "Europe/Berlin",
                "Currencies": [{"Currency": "EURO", "IsDefault": true}]}}),
                "ISO 4217",
            ),
            (
                json!({"Enterprise": {"Id": E, "TimeZoneIdentifier": "Europe/Berlin",
                "Currencies": [{"Currency": "EUR", "IsDefault": false}]}}),
                "CountryCode is missing",
            ),
            (
                json!({"Enterprise": {"Id": E, "TimeZoneIdentifier": "Europe/Berlin",
                "Currencies": [{"Currency": "EUR"}], "Address": {"CountryCode": "DEU"}}}),
                "alpha-2",
            ),
            (json!({"Nope": 1}), "expected JSON"),
        ] {
            let server = MockServer::start().await;
            mount_setup(&server, configuration).await;
            let err = connector(&server).property().await.unwrap_err();
            assert_eq!(*err.kind(), ErrorKind::Protocol, "{field}");
            assert!(err.message().contains(field), "{field}: {err}");
        }
    }

    #[tokio::test]
    async fn an_enterprise_without_a_bookable_service_or_with_a_broken_list_is_refused() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/api/connector/v1/services/getAll"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"Services": [], "Cursor": null})),
            )
            .mount(&server)
            .await;
        mount_setup(&server, configuration("Europe/Berlin", "Gross", "EUR")).await;
        let err = connector(&server).property().await.unwrap_err();
        assert!(
            err.message().contains("no active bookable service"),
            "{err}"
        );

        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/api/connector/v1/services/getAll"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"Services": {"Id": 1}})))
            .mount(&server)
            .await;
        mount_setup(&server, configuration("Europe/Berlin", "Gross", "EUR")).await;
        let err = connector(&server).property().await.unwrap_err();
        assert!(err.message().contains("is not a list"), "{err}");

        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/api/connector/v1/services/getAll"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"Services": [{"Nope": 1}]})),
            )
            .mount(&server)
            .await;
        mount_setup(&server, configuration("Europe/Berlin", "Gross", "EUR")).await;
        let err = connector(&server).property().await.unwrap_err();
        assert!(err.message().contains("not the expected JSON"), "{err}");
    }

    #[tokio::test]
    async fn a_list_longer_than_the_inventory_cap_is_a_protocol_error() {
        let server = MockServer::start().await;
        // Every page full, always the same cursor: a vendor that never ends the list.
        struct Endless;
        impl Respond for Endless {
            fn respond(&self, request: &Request) -> ResponseTemplate {
                let body: Value = serde_json::from_slice(&request.body).unwrap();
                let n = body["Limitation"]["Count"].as_u64().unwrap();
                let cursor = body["Limitation"]["Cursor"].as_str().unwrap_or("0");
                let start: u64 = cursor.parse().unwrap_or(0);
                let items: Vec<Value> = (start + 1..=start + n)
                    .map(|i| json!({"Id": i.to_string(), "Type": "Room", "Capacity": 2}))
                    .collect();
                ResponseTemplate::new(200).set_body_json(
                    json!({"ResourceCategories": items, "Cursor": (start + n).to_string()}),
                )
            }
        }
        Mock::given(method("POST"))
            .and(path("/api/connector/v1/resourceCategories/getAll"))
            .respond_with(Endless)
            .mount(&server)
            .await;
        mount_setup(&server, configuration("Europe/Berlin", "Gross", "EUR")).await;
        let (client, access) = refs();
        let pms = crate::MewsConnector::new(
            MewsConfig::new(E)
                .with_api_base(server.uri())
                .with_page_size(1),
            MewsTokens::new(store(), client, access, Arc::new(clock::SystemClock)),
            Arc::new(pms_http::Unlimited),
            Arc::new(clock::SystemClock),
        )
        .unwrap();
        let err = pms.property().await.unwrap_err();
        assert_eq!(*err.kind(), ErrorKind::Protocol);
        assert!(err.message().contains("more than 100 pages"), "{err}");
    }

    #[tokio::test]
    async fn rate_limits_keep_the_vendor_s_retry_after_and_request_id() {
        let server = MockServer::start().await;
        let date = (Utc::now() + chrono::Duration::seconds(120))
            .format("%a, %d %b %Y %H:%M:%S GMT")
            .to_string();
        Mock::given(method("POST"))
            .and(path("/api/connector/v1/configuration/get"))
            .respond_with(
                ResponseTemplate::new(429)
                    .insert_header("Retry-After", date.as_str())
                    .insert_header("Request-Id", "req-429")
                    .set_body_json(json!({"Message": "Too many requests from guest@example.org"})),
            )
            .mount(&server)
            .await;
        let err = connector(&server).health().await.unwrap_err();
        let after = err.retry_after().unwrap();
        assert!(
            after > Duration::from_secs(100) && after <= Duration::from_secs(120),
            "{after:?}"
        );
        assert_eq!(err.context().vendor_request_id.as_deref(), Some("req-429"));
        assert!(!err.message().contains("guest@"));
    }

    #[tokio::test]
    async fn an_empty_success_body_reads_as_an_empty_object() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/api/connector/v1/configuration/get"))
            .respond_with(ResponseTemplate::new(200))
            .mount(&server)
            .await;
        let err = connector(&server).health().await.unwrap_err();
        // `{}` has no Enterprise: a protocol error, not a panic or a transport error.
        assert_eq!(*err.kind(), ErrorKind::Protocol);
    }

    #[tokio::test]
    async fn the_request_carries_the_envelope_at_the_exact_path() {
        let server = MockServer::start().await;
        mount_setup(&server, configuration("Europe/Berlin", "Gross", "EUR")).await;
        let pms = connector(&server);
        pms.health().await.unwrap();
        let requests = server.received_requests().await.unwrap();
        let request = requests.last().unwrap();
        assert_eq!(request.url.path(), "/api/connector/v1/configuration/get");
        let body: Value = serde_json::from_slice(&request.body).unwrap();
        assert_eq!(body["ClientToken"], "client-secret-value");
        assert_eq!(body["AccessToken"], "access-secret-value");
        assert_eq!(body["Client"], crate::CLIENT);
        assert_eq!(body["EnterpriseId"], E);
        assert_eq!(request.headers.get("x-client").unwrap(), crate::CLIENT);
        assert!(request.headers.get("authorization").is_none());
        assert_eq!(pms.enterprise_id(), E);
        assert_eq!(pms.vendor(), "mews");
    }

    async fn mount(server: &MockServer, route: &str, body: Value) {
        Mock::given(method("POST"))
            .and(path(format!("/api/connector/v1/{route}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(server)
            .await;
    }

    const R: &str = "5c4f0a9e-4e5e-4000-8000-000000000001";

    fn reservation() -> Value {
        json!({"Id": R, "Number": "7", "State": "Confirmed", "AccountId": "c1",
            "RequestedResourceCategoryId": "dbl", "RateId": "flex",
            "ScheduledStartUtc": "2026-03-28T23:00:00Z", "ScheduledEndUtc": "2026-03-29T22:00:00Z",
            "PersonCounts": [{"AgeCategoryId": "adult", "Count": 1}, {"AgeCategoryId": "kid", "Count": 1}],
            "CreatedUtc": "2026-01-01T10:00:00Z"})
    }

    async fn read_with(
        reservation: Value,
        customers: Value,
        items: Value,
    ) -> Result<pms_contract::Reservation, PmsError> {
        let server = MockServer::start().await;
        mount_setup(&server, configuration("Europe/Berlin", "Gross", "EUR")).await;
        mount(
            &server,
            "reservations/getAll/2023-06-06",
            json!({"Reservations": [reservation], "Cursor": R}),
        )
        .await;
        mount(
            &server,
            "customers/getAll",
            json!({"Customers": customers, "Cursor": null}),
        )
        .await;
        mount(
            &server,
            "orderItems/getAll",
            json!({"OrderItems": items, "Cursor": null}),
        )
        .await;
        mount(&server, "serviceOrderNotes/getAll", json!({"ServiceOrderNotes": [
            {"Id": "n1", "ServiceOrderId": R, "Text": "older", "Type": "General", "CreatedUtc": "2026-01-01T10:00:00Z"},
            {"Id": "n2", "ServiceOrderId": R, "Text": "newer", "Type": "General", "CreatedUtc": "2026-01-02T10:00:00Z"},
            {"Id": "n3", "ServiceOrderId": R, "Text": "channel", "Type": "ChannelManager", "CreatedUtc": "2026-01-03T10:00:00Z"}
        ], "Cursor": null})).await;
        let id = pms_contract::ReservationId::new(R).unwrap();
        connector(&server).get_reservation(&id).await
    }

    fn customer() -> Value {
        json!([{"Id": "c1", "LastName": "Doe", "Email": "not-an-address", "Phone": "0301234",
            "LanguageCode": "de-DE", "Address": {"CountryCode": "CH"}}])
    }

    fn night(amount: Value) -> Value {
        json!([{"ServiceOrderId": R, "Type": "SpaceOrder", "AccountingState": "Open",
            "ConsumedUtc": "2026-03-28T23:00:00Z", "Amount": amount},
            {"ServiceOrderId": R, "Type": "CityTax", "AccountingState": "Open"}])
    }

    #[tokio::test]
    async fn reservations_map_leniently_where_the_contract_allows() {
        let read = read_with(
            reservation(),
            customer(),
            night(json!({"Currency": "EUR", "GrossValue": 99.5})),
        )
        .await
        .unwrap();
        assert_eq!(read.total, eur("99.50"));
        assert_eq!(
            read.comment.as_ref().map(|c| c.expose().as_str()),
            Some("newer")
        );
        // Unusable contact details are dropped, language and country kept.
        assert!(read.guest.email.is_none() && read.guest.phone.is_none());
        assert_eq!(
            read.guest.language.as_ref().map(|l| l.as_str()),
            Some("de-DE")
        );
        assert_eq!(
            read.guest.country.map(|c| c.as_str().to_owned()).as_deref(),
            Some("CH")
        );
        assert_eq!(read.occupancy.children_ages(), [0]);
        assert_eq!(read.modified_at, read.created_at);
    }

    #[tokio::test]
    async fn unusable_reservations_are_protocol_errors() {
        let good_items = night(json!({"Currency": "EUR", "GrossValue": 99.5}));
        let mut no_number = reservation();
        no_number["Number"] = json!(" ");
        let mut bad_state = reservation();
        bad_state["State"] = json!("Floating");
        let mut no_start = reservation();
        no_start["ScheduledStartUtc"] = Value::Null;
        let mut backwards = reservation();
        backwards["ScheduledEndUtc"] = json!("2026-03-27T23:00:00Z");
        let mut no_rate = reservation();
        no_rate["RateId"] = Value::Null;
        let mut no_category = reservation();
        no_category["RequestedResourceCategoryId"] = Value::Null;
        let mut no_created = reservation();
        no_created["CreatedUtc"] = Value::Null;
        let mut no_adults = reservation();
        no_adults["PersonCounts"] = json!([{"AgeCategoryId": "kid", "Count": 1}]);
        let mut crowd = reservation();
        crowd["PersonCounts"] = json!([{"AgeCategoryId": "adult", "Count": 300}]);
        for (model, customers, items, what) in [
            (no_number, customer(), good_items.clone(), "Number"),
            (bad_state, customer(), good_items.clone(), "State"),
            (
                no_start,
                customer(),
                good_items.clone(),
                "ScheduledStartUtc",
            ),
            (
                backwards,
                customer(),
                good_items.clone(),
                "start is not before",
            ),
            (no_rate, customer(), good_items.clone(), "RateId"),
            (
                no_category,
                customer(),
                good_items.clone(),
                "RequestedResourceCategoryId",
            ),
            (no_created, customer(), good_items.clone(), "CreatedUtc"),
            (no_adults, customer(), good_items.clone(), "PersonCounts"),
            (crowd, customer(), good_items.clone(), "PersonCounts"),
            (reservation(), json!([]), good_items.clone(), "owner"),
            (
                reservation(),
                customer(),
                night(json!({"Currency": "CHF", "GrossValue": 1})),
                "currency",
            ),
            (
                reservation(),
                customer(),
                night(json!({"Currency": "EUR", "NetValue": 1})),
                "GrossValue",
            ),
        ] {
            let err = read_with(model, customers, items).await.unwrap_err();
            assert_eq!(*err.kind(), ErrorKind::Protocol, "{what}: {err}");
            assert!(err.message().contains(what), "{what}: {err}");
            assert!(!err.message().contains("Doe"));
        }
    }

    #[tokio::test]
    async fn prices_must_be_gross_and_in_the_enterprise_currency() {
        for (amount, what) in [
            (json!({"Currency": "CHF", "GrossValue": 1}), "currency"),
            (json!({"Currency": "EUR", "NetValue": 1}), "GrossValue"),
        ] {
            let server = MockServer::start().await;
            mount_setup(&server, configuration("Europe/Berlin", "Gross", "EUR")).await;
            mount(
                &server,
                "services/getAvailability",
                json!({
                "TimeUnitStartsUtc": ["2026-03-28T23:00:00Z"],
                "CategoryAvailabilities": [{"CategoryId": "dbl", "Availabilities": [3]}]}),
            )
            .await;
            mount(
                &server,
                "rates/getPricing",
                json!({
                "TimeUnitStartsUtc": ["2026-03-28T23:00:00Z"],
                "CategoryPrices": [{"CategoryId": "dbl", "AmountPrices": [amount]}]}),
            )
            .await;
            let err = connector(&server)
                .offers(&pms_contract::OfferRequest {
                    stay: pms_contract::Stay::parse("2026-03-29", "2026-03-30").unwrap(),
                    occupancy: pms_contract::Occupancy::adults(1).unwrap(),
                })
                .await
                .unwrap_err();
            assert_eq!(*err.kind(), ErrorKind::Protocol);
            assert!(err.message().contains(what), "{err}");
        }
    }

    #[tokio::test]
    async fn a_rate_without_names_is_offered_under_its_short_name_or_id() {
        let server = MockServer::start().await;
        mount(
            &server,
            "rates/getAll",
            json!({"Rates": [
            {"Id": "r-named", "IsEnabled": true, "Name": "Legacy name"},
            {"Id": "r-short", "IsEnabled": true, "ShortName": "SHORT", "IsPublic": true},
            {"Id": "r-bare", "IsEnabled": true},
            {"Id": "r-hidden", "IsEnabled": true, "IsPublic": false}
        ], "Cursor": null}),
        )
        .await;
        mount_setup(&server, configuration("Europe/Berlin", "Gross", "EUR")).await;
        mount(
            &server,
            "services/getAvailability",
            json!({
            "TimeUnitStartsUtc": ["2026-03-28T23:00:00Z"],
            "CategoryAvailabilities": [{"CategoryId": "dbl", "Availabilities": [3]}]}),
        )
        .await;
        mount(&server, "rates/getPricing", json!({
            "TimeUnitStartsUtc": ["2026-03-28T23:00:00Z"],
            "CategoryPrices": [{"CategoryId": "dbl", "AmountPrices": [{"Currency": "EUR", "GrossValue": 80}]}]})).await;
        let offers = connector(&server)
            .offers(&pms_contract::OfferRequest {
                stay: pms_contract::Stay::parse("2026-03-29", "2026-03-30").unwrap(),
                occupancy: pms_contract::Occupancy::adults(1).unwrap(),
            })
            .await
            .unwrap();
        let names: Vec<&str> = offers.iter().map(|o| o.rate_plan_name.as_str()).collect();
        assert_eq!(names, ["Legacy name", "SHORT", "r-bare"]);
    }

    #[tokio::test]
    async fn a_400_on_a_read_by_id_is_not_found() {
        let server = MockServer::start().await;
        mount_setup(&server, configuration("Europe/Berlin", "Gross", "EUR")).await;
        Mock::given(method("POST"))
            .and(path("/api/connector/v1/reservations/getAll/2023-06-06"))
            .respond_with(
                ResponseTemplate::new(400)
                    .set_body_json(json!({"Message": "Invalid ReservationIds."})),
            )
            .mount(&server)
            .await;
        let id = pms_contract::ReservationId::new(R).unwrap();
        let err = connector(&server).get_reservation(&id).await.unwrap_err();
        assert_eq!(*err.kind(), ErrorKind::NotFound);
    }
}
