//! Bookings whose outcome is unknown (findings 5, 6, 7 and 9): a request cut off or abandoned
//! while the PMS books keeps its claim and request hash, another body with the key is a 409
//! without touching the PMS, the reconciler finds the booking, the unresolved list and metrics
//! show it with its age, and a replay returns it. Guest data leaves the records after the
//! retention. On SQLite and PostgreSQL.

use std::sync::Arc;
use std::time::Duration;

use apaleo_sandbox::Fault;
use gateway::{EmbeddedSandbox, GatewaySettings, Store};
use serde_json::Value;

use crate::harness::*;

fn settings() -> GatewaySettings {
    GatewaySettings {
        request_timeout: Duration::from_millis(400),
        reconcile_after: Duration::ZERO,
        // Only explicit rounds in these tests.
        reconcile_interval: Duration::from_secs(3600),
        ..GatewaySettings::default()
    }
}

async fn settle() {
    // The claim guard records an abandoned claim in its own task.
    tokio::time::sleep(Duration::from_millis(150)).await;
}

async fn unknown_outcome_is_tracked_to_the_end(store: Store) {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let gw = TestGateway::start_with(&sandbox, store, settings()).await;
    assert_eq!(gw.get("/v1/hotels/BER", ACME_RW).await.status(), 200);
    let body = booking("BER", 40, "Unknown");
    let stats = sandbox.running().stats();

    // The PMS books, and its answer never comes: the gateway's request deadline cuts it.
    sandbox.running().faults().push(Fault::CommitThenTimeout);
    let cut = gw.book("BER", ACME_RW, "unknown-1", &body).await;
    problem(cut, 503, "request_timeout").await;
    settle().await;
    assert_eq!(stats.bookings_created(), 1);

    // Finding 6: another body with the key is refused without a PMS call.
    let calls = stats.api_requests();
    let mut other = body.clone();
    other["adults"] = 1.into();
    let reused = gw.book("BER", ACME_RW, "unknown-1", &other).await;
    problem(reused, 409, "idempotency_key_reused").await;
    assert_eq!(stats.api_requests(), calls, "the PMS was called");

    // Finding 7: listed, with its age, and counted.
    let unresolved = gw.gateway.store().unresolved_bookings().await.unwrap();
    assert_eq!(unresolved.len(), 1, "{unresolved:?}");
    assert_eq!(unresolved[0].state, "unknown");
    assert_eq!(unresolved[0].idempotency_key, "unknown-1");
    assert!(unresolved[0].age_seconds >= 0);

    // The reconciler finds the booking at the PMS (by the key it sent), without booking.
    let round = gw.gateway.reconcile_now().await;
    assert_eq!(round.booked, 1, "{round:?}");
    assert_eq!(stats.bookings_created(), 1);
    let unresolved = gw.gateway.store().unresolved_bookings().await.unwrap();
    assert_eq!(unresolved.len(), 1);
    assert_eq!(unresolved[0].state, "booked_not_delivered");
    let found = unresolved[0].reservation_id.clone().unwrap();
    let metrics = gw.get("/metrics", "").await.text().await.unwrap();
    assert!(
        metrics.contains("gateway_bookings_unresolved{state=\"booked_not_delivered\"} 1"),
        "{metrics}"
    );

    // A replay returns the reconciled reservation, and the booking is resolved.
    let replay = gw.book("BER", ACME_RW, "unknown-1", &body).await;
    assert_eq!(replay.status(), 201);
    assert_eq!(replay.headers()["idempotent-replayed"], "true");
    let replay: Value = replay.json().await.unwrap();
    assert_eq!(replay["id"], found.as_str());
    assert!(
        gw.gateway
            .store()
            .unresolved_bookings()
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(stats.bookings_created(), 1, "booked twice");
    sandbox.shutdown().await;
}

/// Finding 5: a caller who hangs up while the PMS works does not block its key; the retry
/// books once.
async fn abandoned_claim_is_released(store: Store) {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let gw = TestGateway::start_with(&sandbox, store, GatewaySettings::default()).await;
    assert_eq!(gw.get("/v1/hotels/BER", ACME_RW).await.status(), 200);
    let body = booking("BER", 41, "Hangup");
    sandbox.running().faults().push(Fault::Latency {
        delay: Duration::from_millis(1500),
        times: 1,
    });
    let impatient = gw
        .request(
            reqwest::Method::POST,
            "/v1/hotels/BER/reservations",
            Some(ACME_RW),
        )
        .header("Idempotency-Key", "hangup-1")
        .timeout(Duration::from_millis(200))
        .json(&body)
        .send()
        .await;
    assert!(impatient.is_err(), "the client was meant to give up");
    settle().await;
    let started = std::time::Instant::now();
    let retry = gw.book("BER", ACME_RW, "hangup-1", &body).await;
    assert_eq!(retry.status(), 201);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(sandbox.running().stats().bookings_created(), 1);
    sandbox.shutdown().await;
}

/// Finding 9: after the retention, a record keeps no guest data, and a replay still returns
/// the reservation (read from the PMS).
async fn guest_data_is_purged(store: Store, raw: Option<(&str, &str)>) {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let clock = clock::ManualClock::new(chrono::Utc::now());
    let gw =
        TestGateway::start_with_clock(&sandbox, store, settings(), Arc::new(clock.clone())).await;
    let body = booking("BER", 42, "Purged");
    let first = gw.book("BER", ACME_RW, "purge-1", &body).await;
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    // Within the retention (24 h by default) nothing is purged; after it, the guest data goes.
    let purged = |report: gateway::privacy::RetentionReport| {
        report
            .purged
            .iter()
            .find(|p| p.category == compliance::retention::Category::IdempotencyGuestData)
            .map(|p| p.count)
    };
    clock.advance(chrono::Duration::hours(23));
    assert_eq!(purged(gw.gateway.retention_now().await.unwrap()), Some(0));
    clock.advance(chrono::Duration::hours(2));
    assert_eq!(purged(gw.gateway.retention_now().await.unwrap()), Some(1));
    if let Some((url, schema)) = raw {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        let stored: Vec<Option<String>> = sqlx::query_scalar(&format!(
            "SELECT response FROM {schema}.idempotency_records"
        ))
        .fetch_all(&pool)
        .await
        .unwrap();
        assert_eq!(stored, vec![None], "guest data left in the record");
        pool.close().await;
    }
    let replay = gw.book("BER", ACME_RW, "purge-1", &body).await;
    assert_eq!(replay.status(), 201);
    let replay: Value = replay.json().await.unwrap();
    assert_eq!(replay["id"], first["id"]);
    assert_eq!(replay["guest"]["last_name"], "Purged");
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_outcomes_on_sqlite() {
    unknown_outcome_is_tracked_to_the_end(store("sqlite::memory:", None).await).await;
    abandoned_claim_is_released(store("sqlite::memory:", None).await).await;
    guest_data_is_purged(store("sqlite::memory:", None).await, None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_outcomes_on_postgres() {
    for (name, run) in [("unknown", 0), ("hangup", 1), ("purge", 2)] {
        let schema = pg_schema(name);
        let store = store(PG_URL, Some(&schema)).await;
        match run {
            0 => unknown_outcome_is_tracked_to_the_end(store).await,
            1 => abandoned_claim_is_released(store).await,
            _ => guest_data_is_purged(store, Some((PG_URL, &schema))).await,
        }
        drop_schema(&schema).await;
    }
}

/// The waiting duplicates' count of looks at the Idempotency-Key (`/metrics`).
async fn idempotency_waits(gw: &TestGateway) -> u64 {
    let text = gw.get("/metrics", "").await.text().await.unwrap();
    text.lines()
        .find_map(|line| line.strip_prefix("gateway_idempotency_waits_total "))
        .expect("gateway_idempotency_waits_total is exported")
        .trim()
        .parse()
        .unwrap()
}

/// Finding 8: a duplicate that waits for a booking in progress looks at the database with a
/// back-off (25 ms doubling to 400 ms), not every 50 ms: over a wait of about 2 s it looks
/// about 8 times, where polling every 50 ms would look about 40 times.
async fn a_waiting_duplicate_backs_off(store: Store) {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let gw = TestGateway::start_with(&sandbox, store, GatewaySettings::default()).await;
    assert_eq!(gw.get("/v1/hotels/BER", ACME_RW).await.status(), 200);
    assert_eq!(idempotency_waits(&gw).await, 0);
    let body = booking("BER", 43, "Waiting");
    // The PMS holds the first request (and with it the key) for 2 s.
    sandbox.running().faults().push(Fault::Latency {
        delay: Duration::from_millis(2000),
        times: 1,
    });
    let first = gw.book("BER", ACME_RW, "wait-1", &body);
    let second = async {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let started = std::time::Instant::now();
        let response = gw.book("BER", ACME_RW, "wait-1", &body).await;
        (response, started.elapsed())
    };
    let (first, (second, waited)) = tokio::join!(first, second);
    assert_eq!(first.status(), 201);
    assert_eq!(second.status(), 201);
    assert_eq!(
        second
            .headers()
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true")
    );
    let first: Value = first.json().await.unwrap();
    let second: Value = second.json().await.unwrap();
    assert_eq!(first["id"], second["id"]);
    assert!(waited >= Duration::from_millis(1200), "{waited:?}");
    let looks = idempotency_waits(&gw).await;
    // Polling every 50 ms over `waited` would be at least 24 looks; the back-off makes about 8
    // (at 0, 25, 75, 175, 375, 775, 1175, 1575 ms, ...).
    let polling = u64::try_from(waited.as_millis() / 50).unwrap();
    assert!(
        (4..=12).contains(&looks) && looks * 2 < polling,
        "{looks} looks in {waited:?} (polling every 50 ms: {polling})"
    );
    assert_eq!(sandbox.running().stats().bookings_created(), 1);
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waiting_duplicate_backs_off_on_sqlite() {
    a_waiting_duplicate_backs_off(store("sqlite::memory:", None).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waiting_duplicate_backs_off_on_postgres() {
    let schema = pg_schema("backoff");
    a_waiting_duplicate_backs_off(store(PG_URL, Some(&schema)).await).await;
    drop_schema(&schema).await;
}

/// A reconciliation result is recorded only if the record did not change since the lookup: a
/// retry that took the key over meanwhile is never overwritten by a stale answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_reconciliation_result_is_dropped() {
    let store = store("sqlite::memory:", None).await;
    let claim = |s: &Store| {
        let s = s.clone();
        async move {
            s.claim_idempotency("acme", "race-1", "hash", "BER", "vh-pms-key")
                .await
                .unwrap()
        }
    };
    assert_eq!(claim(&store).await, gateway::IdempotencyState::Claimed);
    store.mark_unknown("acme", "race-1").await.unwrap();
    tokio::time::sleep(Duration::from_millis(5)).await;
    let seen = store
        .unknown_outcomes(chrono::Duration::zero(), 10)
        .await
        .unwrap();
    assert_eq!(seen.len(), 1);
    // A retry takes the key over and its outcome becomes unknown again.
    assert_eq!(claim(&store).await, gateway::IdempotencyState::Claimed);
    store.mark_unknown("acme", "race-1").await.unwrap();
    assert!(!store.resolve_unknown(&seen[0], Some(None)).await.unwrap());
    let fresh = store
        .unknown_outcomes(chrono::Duration::zero(), 10)
        .await
        .unwrap();
    assert!(store.resolve_unknown(&fresh[0], Some(None)).await.unwrap());
}
