use std::sync::Arc;
use std::time::Duration;

use clock::{SharedClock, TokioClock};
use pms_contract::{
    ErrorKind, Occupancy, OfferRequest, PmsConnector, ReservationChange, ReservationId,
};
use pms_resilience::{
    BreakerConfig, CacheTtls, CircuitState, ResilienceMetrics, ResiliencePolicy, ResilientConnector,
};
use prometheus::Registry;

use crate::fake::{self, Fake, Step};

pub(crate) fn setup(
    steps: Vec<Step>,
    policy: ResiliencePolicy,
) -> (Arc<Fake>, ResilientConnector, SharedClock) {
    let clock: SharedClock = Arc::new(TokioClock::starting_at(fake::start()));
    let fake = Arc::new(Fake::new(clock.clone(), steps));
    let wrapper =
        ResilientConnector::new(fake.clone(), "hotel-1", policy, clock.clone()).with_jitter_seed(7);
    (fake, wrapper, clock)
}

pub(crate) fn no_cache() -> ResiliencePolicy {
    let mut policy = ResiliencePolicy::interactive();
    policy.cache = CacheTtls::disabled();
    policy
}

fn ms(n: i64) -> chrono::Duration {
    chrono::Duration::milliseconds(n)
}

#[tokio::test(start_paused = true)]
async fn a_rate_limit_is_retried_exactly_after_its_retry_after() {
    let (fake, pms, _clock) = setup(
        vec![Step::Fail(ErrorKind::RateLimited {
            retry_after: Some(Duration::from_millis(1500)),
        })],
        no_cache(),
    );
    pms.property().await.unwrap();
    let times = fake.call_times();
    assert_eq!(times.len(), 2);
    assert_eq!(times[1] - times[0], ms(1500));
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_beyond_the_limit_is_not_waited_for() {
    let (fake, pms, _clock) = setup(
        vec![Step::Fail(ErrorKind::RateLimited {
            retry_after: Some(Duration::from_secs(30)),
        })],
        no_cache(),
    );
    let err = pms.property().await.unwrap_err();
    assert_eq!(
        err.retry_after(),
        Some(Duration::from_secs(30)),
        "the caller gets the hint"
    );
    assert_eq!(fake.calls(), 1);
}

#[tokio::test(start_paused = true)]
async fn backoff_is_full_jitter_within_doubling_ceilings_and_attempts_are_capped() {
    let (fake, pms, _clock) = setup(vec![Step::Fail(ErrorKind::Unavailable); 5], no_cache());
    let err = pms.property().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Unavailable);
    let times = fake.call_times();
    assert_eq!(times.len(), 3, "interactive: 3 attempts in all");
    // Attempt n waits in [0, 100 ms * 2^(n-1)).
    assert!(times[1] - times[0] < ms(100), "{:?}", times[1] - times[0]);
    assert!(times[2] - times[1] < ms(200), "{:?}", times[2] - times[1]);
}

#[tokio::test(start_paused = true)]
async fn only_retryable_errors_and_safe_writes_are_retried() {
    let (fake, pms, _clock) = setup(vec![Step::Fail(ErrorKind::Validation)], no_cache());
    assert_eq!(
        pms.property().await.unwrap_err().kind(),
        &ErrorKind::Validation
    );
    assert_eq!(fake.calls(), 1);

    let id = ReservationId::new("R1").unwrap();
    let change = ReservationChange {
        stay: Some(fake::stay()),
        ..ReservationChange::default()
    };
    fake.push([Step::Fail(ErrorKind::Timeout)]);
    assert_eq!(
        pms.modify_reservation(&id, &change)
            .await
            .unwrap_err()
            .kind(),
        &ErrorKind::Timeout
    );
    assert_eq!(
        fake.calls(),
        2,
        "a modification has no idempotency key: never retried"
    );

    fake.push([Step::Fail(ErrorKind::Timeout)]);
    pms.create_reservation(&fake::new_reservation())
        .await
        .unwrap();
    assert_eq!(
        fake.calls(),
        4,
        "a create carries its idempotency key: retried"
    );

    fake.push([Step::Fail(ErrorKind::Unavailable)]);
    pms.cancel_reservation(&id).await.unwrap();
    assert_eq!(fake.calls(), 6, "cancel is idempotent: retried");
}

#[tokio::test(start_paused = true)]
async fn the_deadline_covers_all_attempts() {
    let (fake, pms, clock) = setup(vec![Step::Sleep(Duration::from_secs(60))], no_cache());
    let before = clock.now();
    let err = pms.property().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Timeout);
    assert_eq!(clock.now() - before, ms(4000), "interactive read deadline");
    assert_eq!(fake.calls(), 1);
    assert_eq!(
        err.context().operation,
        Some(pms_contract::Operation::Property)
    );
}

#[tokio::test(start_paused = true)]
async fn the_retry_budget_stops_a_retry_storm() {
    let mut policy = no_cache();
    policy.retry.budget_ratio = 0.0;
    policy.retry.budget_min_per_second = 1;
    let (fake, pms, _clock) = setup(vec![Step::Fail(ErrorKind::Unavailable); 10], policy);
    let _ = pms.room_types().await;
    let first = fake.calls();
    assert_eq!(
        first, 2,
        "one retry from the per-second minimum, then the budget is empty"
    );
    let _ = pms.room_types().await;
    assert_eq!(fake.calls() - first, 1, "same second, no budget: no retry");
}

pub(crate) fn breaker_policy() -> ResiliencePolicy {
    let mut policy = no_cache();
    policy.retry.max_attempts = 1;
    policy.breaker = BreakerConfig {
        failure_rate_threshold: 50.0,
        slow_call_rate_threshold: 100.0,
        slow_call_duration: Duration::from_secs(3),
        sliding_window_size: 4,
        minimum_number_of_calls: 4,
        wait_duration_in_open_state: Duration::from_secs(10),
        permitted_calls_in_half_open_state: 1,
        max_wait_duration_in_half_open_state: Duration::ZERO,
    };
    policy
}

#[tokio::test(start_paused = true)]
async fn an_open_circuit_fails_fast_without_io_and_a_trial_closes_it() {
    let (fake, pms, _clock) = setup(
        vec![Step::Fail(ErrorKind::Unavailable); 4],
        breaker_policy(),
    );
    for _ in 0..4 {
        let _ = pms.room_types().await;
    }
    assert_eq!(pms.breaker().state(), CircuitState::Open);
    let err = pms.room_types().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Unavailable);
    assert!(
        err.message()
            .contains("circuit breaker fake:hotel-1 is open"),
        "{err}"
    );
    assert_eq!(fake.calls(), 4, "no I/O while open");
    tokio::time::advance(Duration::from_secs(10)).await;
    pms.room_types().await.unwrap();
    assert_eq!(fake.calls(), 5);
    assert_eq!(pms.breaker().state(), CircuitState::Closed);
}

#[tokio::test(start_paused = true)]
async fn rate_limits_and_business_errors_do_not_open_the_circuit() {
    let mut steps = vec![Step::Fail(ErrorKind::RateLimited { retry_after: None }); 4];
    steps.extend(vec![Step::Fail(ErrorKind::NotFound); 4]);
    let (_fake, pms, _clock) = setup(steps, breaker_policy());
    for _ in 0..8 {
        let _ = pms.room_types().await;
    }
    assert_eq!(pms.breaker().state(), CircuitState::Closed);
}

#[tokio::test(start_paused = true)]
async fn reads_are_cached_per_kind_and_cleared_by_writes() {
    let (fake, pms, _clock) = setup(vec![], ResiliencePolicy::interactive());
    pms.property().await.unwrap();
    pms.property().await.unwrap();
    assert_eq!(fake.calls(), 1);
    let request = OfferRequest {
        stay: fake::stay(),
        occupancy: Occupancy::adults(2).unwrap(),
    };
    pms.offers(&request).await.unwrap();
    pms.offers(&request).await.unwrap();
    let other = OfferRequest {
        stay: fake::stay(),
        occupancy: Occupancy::adults(1).unwrap(),
    };
    pms.offers(&other).await.unwrap();
    assert_eq!(fake.calls(), 3, "one call per distinct offer request");
    tokio::time::advance(Duration::from_secs(31)).await;
    pms.offers(&request).await.unwrap();
    pms.property().await.unwrap();
    assert_eq!(
        fake.calls(),
        4,
        "offers expired after 30 s, the property did not"
    );
    pms.create_reservation(&fake::new_reservation())
        .await
        .unwrap();
    pms.property().await.unwrap();
    pms.offers(&request).await.unwrap();
    assert_eq!(fake.calls(), 7, "a write clears the hotel's cache");
}

#[tokio::test(start_paused = true)]
async fn metrics_count_calls_retries_cache_and_circuit() {
    let registry = Registry::new();
    let metrics = ResilienceMetrics::register(&registry).unwrap();
    let (_fake, pms, _clock) = setup(
        vec![Step::Fail(ErrorKind::Unavailable)],
        ResiliencePolicy::interactive(),
    );
    let pms = pms.with_metrics(metrics.clone());
    pms.property().await.unwrap();
    pms.property().await.unwrap();
    assert_eq!(metrics.requests("fake", "property", "ok"), 1);
    assert_eq!(metrics.retries("fake", "property"), 1);
    assert_eq!(metrics.cache("fake", "property", "miss"), 1);
    assert_eq!(metrics.cache("fake", "property", "hit"), 1);
    // Each kind counts in its own series (the connector keeps them resolved per kind).
    let request = OfferRequest {
        stay: fake::stay(),
        occupancy: Occupancy::adults(2).unwrap(),
    };
    for _ in 0..3 {
        pms.offers(&request).await.unwrap();
    }
    assert_eq!(metrics.cache("fake", "offers", "miss"), 1);
    assert_eq!(metrics.cache("fake", "offers", "hit"), 2);
    assert_eq!(metrics.cache("fake", "property", "hit"), 1);
    assert_eq!(metrics.circuit_state("fake", "fake:hotel-1"), 0);
    assert_eq!(metrics.latency("fake", "property").get_sample_count(), 1);
    let text = prometheus::TextEncoder::new()
        .encode_to_string(&registry.gather())
        .unwrap();
    assert!(
        text.contains(
            "voicehive_pms_requests_total{operation=\"property\",outcome=\"ok\",vendor=\"fake\"} 1"
        ),
        "{text}"
    );
}
