//! A caller that goes away (drops the call's future, as an HTTP server does when its client
//! hangs up) is not the vendor's fault; the wrapper's own deadline cutting a call off is.

use std::sync::Arc;
use std::time::Duration;

use pms_contract::{ErrorKind, PmsConnector};
use pms_resilience::{CircuitState, ResilienceMetrics, ResiliencePolicy};
use prometheus::Registry;
use tokio::task::JoinSet;

use crate::behaviour::{breaker_policy, setup};
use crate::fake::{self, Step};

/// How long a hasty client waits before it hangs up.
const CLIENT_TIMEOUT: Duration = Duration::from_millis(100);

#[tokio::test(start_paused = true)]
async fn callers_that_hang_up_do_not_count_against_the_vendor() {
    let registry = Registry::new();
    let metrics = ResilienceMetrics::register(&registry).unwrap();
    // Six calls, above the breaker's minimum of four, against a vendor that never answers.
    let (fake, pms, _clock) = setup(vec![Step::Hang; 6], breaker_policy());
    let pms = Arc::new(pms.with_metrics(metrics.clone()));

    let mut callers = JoinSet::new();
    for _ in 0..6 {
        let pms = pms.clone();
        callers.spawn(async move { tokio::time::timeout(CLIENT_TIMEOUT, pms.room_types()).await });
    }
    for outcome in callers.join_all().await {
        assert!(outcome.is_err(), "the client hung up before an answer");
    }
    assert_eq!(fake.calls(), 6, "all six were in flight at the vendor");

    let snapshot = pms.breaker().snapshot();
    assert_eq!(snapshot.state, CircuitState::Closed);
    assert_eq!(snapshot.recorded_calls, 0, "{snapshot:?}");
    assert_eq!(snapshot.failed_calls, 0, "{snapshot:?}");
    assert_eq!(metrics.requests("fake", "room_types", "cancelled"), 6);
    assert_eq!(metrics.requests("fake", "room_types", "timeout"), 0);
    assert_eq!(
        metrics.latency("fake", "room_types").get_sample_count(),
        0,
        "a cancelled call's duration is the client's patience, not the vendor's latency"
    );

    // The vendor is still reachable and the next call is recorded as usual.
    pms.room_types().await.unwrap();
    let snapshot = pms.breaker().snapshot();
    assert_eq!(snapshot.state, CircuitState::Closed);
    assert_eq!(snapshot.recorded_calls, 1);
    assert_eq!(metrics.requests("fake", "room_types", "ok"), 1);
}

#[tokio::test(start_paused = true)]
async fn calls_cut_by_the_deadline_still_open_the_circuit() {
    let registry = Registry::new();
    let metrics = ResilienceMetrics::register(&registry).unwrap();
    let (fake, pms, clock) = setup(vec![Step::Hang; 4], breaker_policy());
    let pms = pms.with_metrics(metrics.clone());

    for n in 1..=3 {
        let before = clock.now();
        let err = pms.room_types().await.unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Timeout);
        assert_eq!(
            clock.now() - before,
            chrono::Duration::seconds(4),
            "the interactive read deadline"
        );
        let snapshot = pms.breaker().snapshot();
        assert_eq!(snapshot.state, CircuitState::Closed, "below the minimum");
        assert_eq!(snapshot.failed_calls, n, "{snapshot:?}");
        assert_eq!(
            snapshot.slow_calls, n,
            "4 s is slower than 3 s: {snapshot:?}"
        );
    }
    assert_eq!(
        pms.room_types().await.unwrap_err().kind(),
        &ErrorKind::Timeout
    );
    assert_eq!(pms.breaker().state(), CircuitState::Open);
    assert_eq!(metrics.requests("fake", "room_types", "timeout"), 4);
    assert_eq!(metrics.requests("fake", "room_types", "cancelled"), 0);
    assert_eq!(metrics.latency("fake", "room_types").get_sample_count(), 4);

    let err = pms.room_types().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Unavailable, "the circuit is open");
    assert_eq!(fake.calls(), 4, "no I/O while open");
}

#[tokio::test(start_paused = true)]
async fn a_half_open_trial_whose_caller_hangs_up_hands_its_permit_back() {
    // Four failures open the breaker; the one trial call then hangs; afterwards the vendor
    // answers.
    let mut steps = vec![Step::Fail(ErrorKind::Unavailable); 4];
    steps.push(Step::Hang);
    let (fake, pms, _clock) = setup(steps, breaker_policy());
    for _ in 0..4 {
        let _ = pms.room_types().await;
    }
    assert_eq!(pms.breaker().state(), CircuitState::Open);
    tokio::time::advance(Duration::from_secs(10)).await;
    assert_eq!(pms.breaker().state(), CircuitState::HalfOpen);

    let trial = tokio::time::timeout(CLIENT_TIMEOUT, pms.room_types()).await;
    assert!(trial.is_err(), "the trial's caller hung up");
    assert_eq!(fake.calls(), 5, "the trial reached the vendor");
    let snapshot = pms.breaker().snapshot();
    assert_eq!(snapshot.state, CircuitState::HalfOpen, "{snapshot:?}");
    assert_eq!(
        snapshot.trials_started, 0,
        "the permit went back: {snapshot:?}"
    );

    // The only trial permit is free again: the next call is let through and closes the circuit.
    pms.room_types().await.unwrap();
    assert_eq!(fake.calls(), 6);
    assert_eq!(pms.breaker().state(), CircuitState::Closed);
}

#[tokio::test(start_paused = true)]
async fn an_abandoned_write_still_clears_the_read_cache() {
    let (fake, pms, _clock) = setup(vec![Step::Ok, Step::Hang], ResiliencePolicy::interactive());
    pms.property().await.unwrap();
    pms.property().await.unwrap();
    assert_eq!(fake.calls(), 1, "the second read came from the cache");

    let create = tokio::time::timeout(
        CLIENT_TIMEOUT,
        pms.create_reservation(&fake::new_reservation()),
    )
    .await;
    assert!(create.is_err(), "the caller hung up during the create");
    assert_eq!(fake.calls(), 2);

    pms.property().await.unwrap();
    assert_eq!(
        fake.calls(),
        3,
        "the create may have committed: the cache was cleared"
    );
}
