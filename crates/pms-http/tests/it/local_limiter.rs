//! The in-process token bucket, under tokio's paused time.

use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use clock::TokioClock;
use pms_http::{ErrorKind, LocalRateLimiter, Quota, RateLimiter};
use tokio::time::Instant;

fn limiter(rate: u32, burst: u32) -> LocalRateLimiter {
    let clock = TokioClock::starting_at(Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap());
    LocalRateLimiter::new(Quota::per_second(rate, burst), Arc::new(clock))
}

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

#[tokio::test(start_paused = true)]
async fn sequential_acquires_wait_exactly_one_interval_after_the_burst() {
    let limiter = limiter(10, 2);
    let start = Instant::now();
    let mut waits = Vec::new();
    for _ in 0..6 {
        waits.push(limiter.acquire().await.unwrap());
    }
    assert_eq!(waits, [ms(0), ms(0), ms(100), ms(100), ms(100), ms(100)]);
    assert_eq!(start.elapsed(), ms(400));
}

#[tokio::test(start_paused = true)]
async fn concurrent_acquires_are_served_in_order_one_interval_apart() {
    let limiter = limiter(10, 2);
    let start = Instant::now();
    let (a, b, c, d, e, f) = tokio::join!(
        limiter.acquire(),
        limiter.acquire(),
        limiter.acquire(),
        limiter.acquire(),
        limiter.acquire(),
        limiter.acquire(),
    );
    let waits = [a, b, c, d, e, f].map(Result::unwrap);
    assert_eq!(waits, [ms(0), ms(0), ms(100), ms(200), ms(300), ms(400)]);
    assert_eq!(start.elapsed(), ms(400));
}

#[tokio::test(start_paused = true)]
async fn the_bucket_refills_while_idle_but_not_beyond_the_burst() {
    let limiter = limiter(10, 2);
    for _ in 0..2 {
        assert_eq!(limiter.acquire().await.unwrap(), ms(0));
    }
    tokio::time::sleep(Duration::from_secs(5)).await;
    let waits = [
        limiter.acquire().await.unwrap(),
        limiter.acquire().await.unwrap(),
        limiter.acquire().await.unwrap(),
    ];
    assert_eq!(waits, [ms(0), ms(0), ms(100)]);
}

#[tokio::test(start_paused = true)]
async fn a_wait_longer_than_the_maximum_fails_without_taking_the_slot() {
    let limiter = limiter(10, 1).with_max_wait(ms(150));
    let (a, b, c) = tokio::join!(limiter.acquire(), limiter.acquire(), limiter.acquire());
    assert_eq!(a.unwrap(), ms(0));
    assert_eq!(b.unwrap(), ms(100));
    let err = c.unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::RateLimited {
            retry_after: Some(ms(200))
        }
    );
    // The refused call did not take a slot: the next one waits one interval after the second.
    assert_eq!(limiter.acquire().await.unwrap(), ms(100));
}

#[tokio::test(start_paused = true)]
async fn apaleo_presets() {
    let clock = Arc::new(TokioClock::now_from_system());
    let live = LocalRateLimiter::apaleo_live(clock.clone());
    let start = Instant::now();
    for _ in 0..200 {
        assert_eq!(live.acquire().await.unwrap(), ms(0));
    }
    assert_eq!(live.acquire().await.unwrap(), ms(10));
    assert_eq!(start.elapsed(), ms(10));

    let dev = LocalRateLimiter::apaleo_dev(clock);
    for _ in 0..10 {
        assert_eq!(dev.acquire().await.unwrap(), ms(0));
    }
    assert_eq!(dev.acquire().await.unwrap(), ms(200));
}

/// The bucket runs on the clock's monotonic reading: the host's wall clock being corrected
/// (backwards or forwards) neither stalls it nor refills it; only elapsed time does.
#[tokio::test]
async fn wall_clock_jumps_neither_stall_nor_refill_the_bucket() {
    let start = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
    let manual = clock::ManualClock::new(start);
    let limiter = LocalRateLimiter::new(Quota::per_second(10, 2), Arc::new(manual.clone()))
        .with_max_wait(Duration::ZERO);
    let refused = |result: Result<Duration, pms_http::PmsError>| match result {
        Err(err) => match err.kind() {
            ErrorKind::RateLimited { retry_after } => *retry_after,
            other => panic!("{other:?}"),
        },
        Ok(wait) => panic!("granted after {wait:?}"),
    };
    assert_eq!(limiter.acquire().await.unwrap(), ms(0));
    assert_eq!(limiter.acquire().await.unwrap(), ms(0));
    assert_eq!(refused(limiter.acquire().await), Some(ms(100)));

    // Backwards by an hour: the next slot is still 100 ms away, not an hour and 100 ms.
    manual.set(start - chrono::Duration::hours(1));
    assert_eq!(refused(limiter.acquire().await), Some(ms(100)));
    // Forwards by a day: no free refill.
    manual.set(start + chrono::Duration::days(1));
    assert_eq!(refused(limiter.acquire().await), Some(ms(100)));
    // Real elapsed time (as the injected clock sees it) refills.
    manual.advance(chrono::Duration::milliseconds(100));
    assert_eq!(limiter.acquire().await.unwrap(), ms(0));
    assert_eq!(refused(limiter.acquire().await), Some(ms(100)));
}

/// The bucket follows the injected clock, not the OS: with a manual clock standing still, no
/// amount of real time refills it.
#[tokio::test]
async fn the_bucket_refills_with_the_injected_clock_only() {
    let manual = clock::ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap());
    let limiter = LocalRateLimiter::new(Quota::per_second(100, 1), Arc::new(manual.clone()))
        .with_max_wait(Duration::ZERO);
    assert_eq!(limiter.acquire().await.unwrap(), ms(0));
    std::thread::sleep(ms(30));
    assert!(
        limiter.acquire().await.is_err(),
        "30 ms of OS time refilled nothing"
    );
    manual.advance(chrono::Duration::milliseconds(10));
    assert_eq!(limiter.acquire().await.unwrap(), ms(0));
}
