//! Deadlines, latency and slow calls are measured on the injected clock, not the OS's: with a
//! [`ManualClock`] only the time the test moves counts.

use std::sync::Arc;
use std::time::Duration;

use clock::{ManualClock, SharedClock};
use pms_contract::{ErrorKind, PmsConnector};
use pms_resilience::{ResilienceMetrics, ResiliencePolicy, ResilientConnector};
use prometheus::Registry;

use crate::behaviour::{breaker_policy, no_cache};
use crate::fake::{self, Fake, Step};

fn setup(steps: Vec<Step>, policy: ResiliencePolicy) -> (Arc<Fake>, ResilientConnector) {
    let manual = ManualClock::new(fake::start());
    let clock: SharedClock = Arc::new(manual.clone());
    let fake = Arc::new(Fake::on_manual_clock(manual, steps));
    let wrapper =
        ResilientConnector::new(fake.clone(), "hotel-1", policy, clock).with_jitter_seed(7);
    (fake, wrapper)
}

#[tokio::test(start_paused = true)]
async fn a_retry_is_not_started_once_the_injected_clock_passed_the_deadline() {
    let policy = no_cache();
    let deadline = policy.deadlines.read;
    // The first attempt takes the whole deadline on the injected clock (no tokio time at all).
    let (fake, pms) = setup(
        vec![Step::Elapse(deadline, Some(ErrorKind::Unavailable))],
        policy,
    );
    let err = pms.property().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Unavailable);
    assert_eq!(fake.calls(), 1, "no retry past the deadline");

    // The same failure, quick on the injected clock: retried (and the retry succeeds).
    let (fake, pms) = setup(
        vec![Step::Elapse(
            Duration::from_millis(10),
            Some(ErrorKind::Unavailable),
        )],
        no_cache(),
    );
    pms.property().await.unwrap();
    assert_eq!(fake.calls(), 2);
}

#[tokio::test(start_paused = true)]
async fn latency_and_slow_calls_are_measured_on_the_injected_clock() {
    let registry = Registry::new();
    let metrics = ResilienceMetrics::register(&registry).unwrap();
    let policy = breaker_policy();
    let slow = policy.breaker.slow_call_duration + Duration::from_millis(1);
    let (_fake, pms) = setup(vec![Step::Elapse(slow, None)], policy);
    let pms = pms.with_metrics(metrics.clone());
    pms.room_types().await.unwrap();
    let latency = metrics.latency("fake", "room_types");
    assert_eq!(latency.get_sample_count(), 1);
    assert!(
        (latency.get_sample_sum() - slow.as_secs_f64()).abs() < 1e-9,
        "{}",
        latency.get_sample_sum()
    );
    let snapshot = pms.breaker().snapshot();
    assert_eq!(snapshot.recorded_calls, 1);
    assert_eq!(snapshot.slow_calls, 1, "{snapshot:?}");
}
