//! Rate limits by account tier: the Redis-shared budget (and its local fallback) has the same
//! quota as the local limiter. Needs the local Redis on 127.0.0.1:6379 (`scripts/test.sh`
//! starts it).

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use clock::{ManualClock, SharedClock, SystemClock};
use pms_apaleo::{AccountTier, ApaleoConfig};
use pms_contract::ErrorKind;
use pms_http::RateLimiter;

use crate::support::start_time;

fn unique_account(tier: AccountTier) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("limits-{tier:?}-{}-{nanos}", std::process::id())
}

fn redis() -> redis::Client {
    redis::Client::open("redis://127.0.0.1:6379").unwrap()
}

/// Acquires from `tier`'s shared budget without waiting until it refuses (at most 50 times):
/// the number granted and the time that took.
async fn granted_before_refusal(tier: AccountTier) -> (u32, Duration) {
    let clock: SharedClock = Arc::new(SystemClock);
    let config = ApaleoConfig::new("BER")
        .with_account(unique_account(tier))
        .with_tier(tier);
    let limiter = config
        .redis_rate_limiter(redis(), clock)
        .with_max_wait(Duration::ZERO);
    let started = Instant::now();
    let mut granted = 0;
    for _ in 0..50 {
        match limiter.acquire().await {
            Ok(waited) => {
                assert_eq!(waited, Duration::ZERO);
                granted += 1;
            }
            Err(err) => {
                assert!(matches!(err.kind(), ErrorKind::RateLimited { .. }), "{err}");
                break;
            }
        }
    }
    assert_eq!(limiter.fallbacks(), 0, "Redis answered every acquisition");
    (granted, started.elapsed())
}

#[tokio::test]
async fn a_dev_account_s_shared_budget_is_the_dev_quota() {
    let (granted, took) = granted_before_refusal(AccountTier::Dev).await;
    // Burst 10, then one every 200 ms.
    let refills = u32::try_from(took.as_millis() / 200).unwrap();
    assert!(granted >= 10, "{granted}");
    assert!(granted <= 10 + refills + 1, "{granted} in {took:?}");
    assert!(granted < 50, "the live quota would have granted all 50");
}

#[tokio::test]
async fn a_live_account_s_shared_budget_is_the_live_quota() {
    let (granted, _) = granted_before_refusal(AccountTier::Live).await;
    assert_eq!(granted, 50, "bursts of 200");
}

#[tokio::test]
async fn without_redis_the_fallback_has_the_tier_s_quota_too() {
    let manual = ManualClock::new(start_time());
    let clock: SharedClock = Arc::new(manual);
    let config = ApaleoConfig::new("BER")
        .with_account(unique_account(AccountTier::Dev))
        .with_tier(AccountTier::Dev);
    let limiter = config.redis_rate_limiter(
        redis::Client::open("redis://127.0.0.1:1").unwrap(),
        clock.clone(),
    );
    // The clock stands still: the burst of 10 goes at once, the 11th waits one interval.
    for _ in 0..10 {
        assert_eq!(limiter.acquire().await.unwrap(), Duration::ZERO);
    }
    assert_eq!(limiter.acquire().await.unwrap(), Duration::from_millis(200));
    assert!(limiter.fallbacks() >= 11);
    // The local limiter of the same configuration agrees.
    let local = config.local_rate_limiter(clock);
    for _ in 0..10 {
        assert_eq!(local.acquire().await.unwrap(), Duration::ZERO);
    }
    assert_eq!(local.acquire().await.unwrap(), Duration::from_millis(200));
}
