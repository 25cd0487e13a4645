//! The shared limiter against the real Redis on 127.0.0.1:6379.
//!
//! These tests need Redis; they fail (they do not skip) when it is not running.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{TimeZone, Utc};
use clock::{ManualClock, SystemClock};
use pms_http::{
    ErrorKind, HttpMetrics, LocalRateLimiter, Quota, RateLimiter, RedisRateLimiter, SharedDecision,
};
use tokio::task::JoinSet;
use tokio::time::Instant;

const REDIS_URL: &str = "redis://127.0.0.1:6379/";

/// A Redis client, after checking that Redis answers.
async fn redis_client() -> redis::Client {
    let client = redis::Client::open(REDIS_URL).unwrap();
    let ping = async {
        let mut connection = client.get_multiplexed_async_connection().await?;
        redis::cmd("PING")
            .query_async::<String>(&mut connection)
            .await
    };
    match tokio::time::timeout(Duration::from_secs(2), ping).await {
        Ok(Ok(_)) => client,
        Ok(Err(err)) => panic!(
            "these tests need Redis on 127.0.0.1:6379 (start it with \
             `redis-server --daemonize yes --bind 127.0.0.1 --port 6379`): {err}"
        ),
        Err(_) => panic!("these tests need Redis on 127.0.0.1:6379: PING timed out after 2s"),
    }
}

/// An account name unique to this test run, so parallel runs use different keys.
fn unique_account(test: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("test-{test}-{}-{nanos}", std::process::id())
}

fn fallback(quota: Quota) -> LocalRateLimiter {
    LocalRateLimiter::new(quota, Arc::new(SystemClock))
}

async fn delete(key: &str) {
    let client = redis_client().await;
    let mut connection = client.get_multiplexed_async_connection().await.unwrap();
    redis::cmd("DEL")
        .arg(key)
        .query_async::<i64>(&mut connection)
        .await
        .unwrap();
}

#[tokio::test]
async fn two_instances_share_one_burst() {
    let account = unique_account("burst");
    // One request per second after a burst of five: ten immediate checks (a few ms apart)
    // from two instances find exactly five free slots together.
    let quota = Quota::per_second(1, 5);
    let a = RedisRateLimiter::new(
        redis_client().await,
        "apaleo",
        &account,
        quota,
        fallback(quota),
    );
    let b = RedisRateLimiter::new(
        redis_client().await,
        "apaleo",
        &account,
        quota,
        fallback(quota),
    );
    assert_eq!(a.key(), format!("voicehive:ratelimit:apaleo:{account}"));
    a.ping().await.unwrap();
    b.ping().await.unwrap();

    let mut granted = 0;
    let mut denied = Vec::new();
    for i in 0..10 {
        let limiter = if i % 2 == 0 { &a } else { &b };
        match limiter.check_shared().await.unwrap() {
            SharedDecision::Granted => granted += 1,
            SharedDecision::Denied { retry_in } => denied.push(retry_in),
        }
    }
    assert_eq!(granted, 5);
    assert_eq!(denied.len(), 5);
    for retry_in in denied {
        assert!(
            retry_in > Duration::ZERO && retry_in <= Duration::from_secs(1),
            "{retry_in:?}"
        );
    }
    assert_eq!(a.fallbacks() + b.fallbacks(), 0);
    delete(a.key()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_together_never_exceed_the_budget_in_the_first_second() {
    const N: u32 = 10;
    let account = unique_account("window");
    let quota = Quota::per_second(N, 1);
    let registry = prometheus::Registry::new();
    let metrics = HttpMetrics::register(&registry).unwrap();
    let limiters = [
        Arc::new(
            RedisRateLimiter::new(
                redis_client().await,
                "apaleo",
                &account,
                quota,
                fallback(quota),
            )
            .with_metrics(metrics.clone()),
        ),
        Arc::new(
            RedisRateLimiter::new(
                redis_client().await,
                "apaleo",
                &account,
                quota,
                fallback(quota),
            )
            .with_metrics(metrics.clone()),
        ),
    ];
    for limiter in &limiters {
        limiter.ping().await.unwrap();
    }

    let start = Instant::now();
    let mut tasks = JoinSet::new();
    // Three callers per instance, each acquiring as fast as the budget lets it for 1.5 s.
    for (instance, limiter) in limiters.iter().enumerate() {
        for _ in 0..3 {
            let limiter = limiter.clone();
            tasks.spawn(async move {
                let mut grants = Vec::new();
                while start.elapsed() < Duration::from_millis(1500) {
                    limiter.acquire().await.unwrap();
                    grants.push((instance, start.elapsed()));
                }
                grants
            });
        }
    }
    let mut grants = Vec::new();
    while let Some(result) = tasks.join_next().await {
        grants.extend(result.unwrap());
    }

    let first_second: Vec<_> = grants
        .iter()
        .filter(|(_, at)| *at < Duration::from_secs(1))
        .collect();
    let in_window = u32::try_from(first_second.len()).unwrap();
    assert!(
        in_window <= N,
        "{in_window} acquisitions in the first second, budget {N}"
    );
    // Liveness: the shared budget is used, not just respected (loose bound for slow CI).
    assert!(
        in_window >= N / 2,
        "only {in_window} acquisitions in the first second"
    );
    for instance in 0..2 {
        assert!(
            first_second.iter().any(|(i, _)| *i == instance),
            "instance {instance} got no slot"
        );
    }
    assert_eq!(limiters[0].fallbacks() + limiters[1].fallbacks(), 0);
    assert_eq!(metrics.rate_limit_fallbacks("apaleo"), 0);
    delete(limiters[0].key()).await;
}

#[tokio::test]
async fn a_shared_wait_longer_than_the_maximum_fails() {
    let account = unique_account("max-wait");
    let quota = Quota::per_second(1, 1);
    let limiter = RedisRateLimiter::new(
        redis_client().await,
        "apaleo",
        &account,
        quota,
        fallback(quota),
    )
    .with_max_wait(Duration::from_millis(100));
    assert_eq!(limiter.acquire().await.unwrap(), Duration::ZERO);
    let err = limiter.acquire().await.unwrap_err();
    let ErrorKind::RateLimited {
        retry_after: Some(retry_after),
    } = err.kind()
    else {
        panic!("expected RateLimited with a retry-after, got {err}");
    };
    assert!(
        *retry_after > Duration::from_millis(100) && *retry_after <= Duration::from_secs(1),
        "{retry_after:?}"
    );
    assert_eq!(limiter.fallbacks(), 0);
    delete(limiter.key()).await;
}

#[tokio::test]
async fn without_redis_acquires_fall_back_to_the_local_limiter() {
    // Nothing listens on port 1. The fallback's clock is fixed, so its waits are exact.
    let client = redis::Client::open("redis://127.0.0.1:1/").unwrap();
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap());
    let local = LocalRateLimiter::new(Quota::per_second(20, 2), Arc::new(clock));
    let registry = prometheus::Registry::new();
    let metrics = HttpMetrics::register(&registry).unwrap();
    let limiter = RedisRateLimiter::new(client, "apaleo", "ACC1", Quota::apaleo_live(), local)
        .with_metrics(metrics.clone());

    let waits = [
        limiter.acquire().await.unwrap(),
        limiter.acquire().await.unwrap(),
        limiter.acquire().await.unwrap(),
    ];

    assert_eq!(
        waits,
        [Duration::ZERO, Duration::ZERO, Duration::from_millis(50)]
    );
    assert_eq!(limiter.fallbacks(), 3);
    assert_eq!(metrics.rate_limit_fallbacks("apaleo"), 3);
    let err = limiter.check_shared().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Unavailable);
    assert_eq!(
        limiter.ping().await.unwrap_err().kind(),
        &ErrorKind::Unavailable
    );
}

#[tokio::test]
async fn debug_output_never_shows_the_redis_password() {
    let client = redis::Client::open("redis://:hunter2@127.0.0.1:1/").unwrap();
    let config = pms_http::HttpConfig::new("apaleo", "ACC1", "https://api.apaleo.com");
    let limiter = RedisRateLimiter::for_account(
        client,
        &config,
        Quota::apaleo_live(),
        fallback(Quota::apaleo_live()),
    );
    assert_eq!(limiter.key(), "voicehive:ratelimit:apaleo:ACC1");
    let debug = format!("{limiter:?}");
    assert!(!debug.contains("hunter2"), "{debug}");
}
