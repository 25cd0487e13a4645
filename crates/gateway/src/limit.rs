//! The per-key rate limit: a token bucket per API key, in this process or shared by every
//! replica through Redis (the vendor HTTP client's GCRA script, keyed by the key's id).
//!
//! The buckets in this process are the vendor HTTP client's [`TokenBucket`], on the injected
//! clock's monotonic reading: one implementation of the token bucket in the workspace.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clock::SharedClock;
use pms_http::{LocalRateLimiter, Quota, RedisRateLimiter, SharedDecision, TokenBucket};

/// Buckets kept by the per-key limit at most before full (idle) ones are forgotten.
const MAX_KEY_BUCKETS: usize = 100_000;

/// Token buckets by key id.
#[derive(Debug)]
pub(crate) struct KeyLimiter {
    /// `None`: no limit.
    quota: Option<Quota>,
    clock: SharedClock,
    buckets: Mutex<HashMap<String, TokenBucket>>,
    shared: Option<Shared>,
}

#[derive(Debug)]
struct Shared {
    client: redis::Client,
    quota: Quota,
    limiters: Mutex<HashMap<String, Arc<RedisRateLimiter>>>,
}

impl KeyLimiter {
    /// `rate` requests per second on average, bursts of up to `burst`; `rate` 0 disables.
    /// With `redis_url`, the budget of each key is shared by every gateway using that Redis;
    /// if Redis cannot be reached, the limit falls back to this process's buckets, which read
    /// `clock`.
    pub(crate) fn new(rate: u32, burst: u32, redis_url: Option<&str>, clock: SharedClock) -> Self {
        let shared = match redis_url.map(redis::Client::open) {
            Some(Ok(client)) if rate > 0 => Some(Shared {
                client,
                quota: Quota::per_second(rate, burst.max(1)),
                limiters: Mutex::new(HashMap::new()),
            }),
            Some(Err(_)) => {
                tracing::warn!("redis_url is not a Redis URL; per-key limits stay in this process");
                None
            }
            _ => None,
        };
        Self {
            quota: (rate > 0).then(|| Quota::per_second(rate, burst.max(1))),
            clock,
            buckets: Mutex::new(HashMap::new()),
            shared,
        }
    }

    /// Takes a token for `key`, or says how long to wait for one.
    pub(crate) async fn check(&self, key: &str) -> Result<(), Duration> {
        let Some(quota) = self.quota else {
            return Ok(());
        };
        if let Some(shared) = &self.shared {
            let limiter = {
                let Ok(mut limiters) = shared.limiters.lock() else {
                    return self.check_local(key, quota);
                };
                limiters
                    .entry(key.to_owned())
                    .or_insert_with(|| {
                        Arc::new(RedisRateLimiter::new(
                            shared.client.clone(),
                            "gateway",
                            key,
                            shared.quota,
                            LocalRateLimiter::new(shared.quota, self.clock.clone()),
                        ))
                    })
                    .clone()
            };
            match limiter.check_shared().await {
                Ok(SharedDecision::Granted) => return Ok(()),
                Ok(SharedDecision::Denied { retry_in }) => return Err(retry_in),
                // Redis is down: keep limiting, per process.
                Err(_) => {}
            }
        }
        self.check_local(key, quota)
    }

    fn check_local(&self, key: &str, quota: Quota) -> Result<(), Duration> {
        let now = self.clock.monotonic();
        let Ok(mut buckets) = self.buckets.lock() else {
            return Ok(());
        };
        if buckets.len() > MAX_KEY_BUCKETS {
            // A full bucket is what a new one would be: forgetting it changes nothing.
            buckets.retain(|_, bucket| !bucket.is_full(now));
        }
        buckets
            .entry(key.to_owned())
            .or_insert_with(|| TokenBucket::new(quota))
            .try_take(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use chrono::TimeZone;
    use clock::ManualClock;

    fn manual() -> ManualClock {
        ManualClock::new(
            chrono::Utc
                .with_ymd_and_hms(2026, 11, 26, 12, 0, 0)
                .unwrap(),
        )
    }

    fn system() -> SharedClock {
        Arc::new(clock::SystemClock)
    }

    #[tokio::test]
    async fn bursts_then_limits() {
        let limiter = KeyLimiter::new(1, 3, None, system());
        for _ in 0..3 {
            assert!(limiter.check("a").await.is_ok());
        }
        assert!(limiter.check("a").await.is_err());
        assert!(limiter.check("b").await.is_ok());
        assert!(
            KeyLimiter::new(0, 0, None, system())
                .check("a")
                .await
                .is_ok()
        );
    }

    #[tokio::test]
    async fn key_buckets_refill_with_the_injected_clock_not_the_os() {
        let clock = manual();
        let limiter = KeyLimiter::new(10, 2, None, Arc::new(clock.clone()));
        assert!(limiter.check("a").await.is_ok());
        assert!(limiter.check("a").await.is_ok());
        assert_eq!(limiter.check("a").await, Err(Duration::from_millis(100)));
        std::thread::sleep(Duration::from_millis(120));
        assert!(limiter.check("a").await.is_err(), "OS time refills nothing");
        // A wall-clock jump forwards refills nothing either.
        clock.set(
            chrono::Utc
                .with_ymd_and_hms(2026, 11, 27, 12, 0, 0)
                .unwrap(),
        );
        assert!(limiter.check("a").await.is_err());
        clock.advance(chrono::Duration::milliseconds(100));
        assert!(limiter.check("a").await.is_ok());
    }

    #[tokio::test]
    async fn two_limiters_on_one_redis_share_a_key_budget() {
        let key = format!(
            "test-key-{}-{}",
            std::process::id(),
            getrandom::u64().unwrap()
        );
        let a = KeyLimiter::new(1, 2, Some("redis://127.0.0.1:6379"), system());
        let b = KeyLimiter::new(1, 2, Some("redis://127.0.0.1:6379"), system());
        assert!(a.check(&key).await.is_ok());
        assert!(b.check(&key).await.is_ok());
        // The burst of 2 is used up across both "replicas".
        let wait = a.check(&key).await.unwrap_err();
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_secs(1),
            "{wait:?}"
        );
        assert!(b.check(&key).await.is_err());
    }

    #[tokio::test]
    async fn an_unreachable_redis_falls_back_to_local_limits() {
        let limiter = KeyLimiter::new(1, 1, Some("redis://127.0.0.1:1"), system());
        assert!(limiter.check("k").await.is_ok());
        assert!(limiter.check("k").await.is_err());
    }
}

/// Entries kept by the negative cache of unknown API keys at most.
pub(crate) const NEGATIVE_CACHE_SIZE: usize = 10_000;

/// Unknown keys looked up in the database per second on average (per replica), and in a burst.
pub(crate) const MISSES_PER_SECOND: u32 = 50;
/// See [`MISSES_PER_SECOND`].
pub(crate) const MISS_BURST: u32 = 100;

/// Hashes of API keys the database does not know, remembered for `ttl` so that repeating a bad
/// key costs no queries, and a budget of lookups that find nothing, so that a flood of
/// distinct bad keys costs at most [`MISSES_PER_SECOND`] queries: once it is spent, keys not
/// known to be bad wait (429) until it refills. Bounded: when full, the cache is emptied (the
/// next lookups go to the database again). A key created meanwhile works after `ttl` at the
/// latest.
#[derive(Debug)]
pub(crate) struct NegativeCache {
    clock: SharedClock,
    unknown: TtlSet,
    misses: Mutex<TokenBucket>,
    /// Hashes of keys that authenticated within the last minute: they skip the miss budget, so
    /// a flood of bad keys does not lock out the clients already at work.
    known: TtlSet,
}

impl NegativeCache {
    /// Times on `clock`'s monotonic reading.
    pub(crate) fn new(ttl: Duration, capacity: usize, clock: SharedClock) -> Self {
        Self {
            unknown: TtlSet::new(ttl, capacity, clock.clone()),
            misses: Mutex::new(TokenBucket::new(Quota::per_second(
                MISSES_PER_SECOND,
                MISS_BURST,
            ))),
            known: TtlSet::new(Duration::from_secs(60), capacity, clock.clone()),
            clock,
        }
    }

    /// Remembers that `hash` authenticated now.
    pub(crate) fn authenticated(&self, hash: &str) {
        self.known.insert(hash.to_owned());
    }

    /// Whether a database lookup of `hash` may run now, or how long to wait: while the budget
    /// of misses is spent, only keys that authenticated within the last minute are looked up.
    pub(crate) fn lookup_allowed(&self, hash: &str) -> Result<(), Duration> {
        if self.known.contains(hash) {
            return Ok(());
        }
        let Ok(misses) = self.misses.lock() else {
            return Ok(());
        };
        match misses.wait_time(self.clock.monotonic()) {
            Duration::ZERO => Ok(()),
            wait => Err(wait),
        }
    }

    /// Whether `hash` was found unknown less than `ttl` ago.
    pub(crate) fn contains(&self, hash: &str) -> bool {
        self.unknown.contains(hash)
    }

    /// Remembers `hash` as unknown, spending one miss of the budget.
    pub(crate) fn insert(&self, hash: String) {
        if let Ok(mut misses) = self.misses.lock() {
            misses.spend(self.clock.monotonic());
        }
        self.unknown.insert(hash);
    }
}

/// Strings remembered for `ttl`, at most `capacity` of them: when full, it is emptied.
#[derive(Debug)]
struct TtlSet {
    ttl: Duration,
    capacity: usize,
    clock: SharedClock,
    /// Each value with when it was inserted, on the clock's monotonic reading.
    entries: Mutex<HashMap<String, Duration>>,
}

impl TtlSet {
    fn new(ttl: Duration, capacity: usize, clock: SharedClock) -> Self {
        Self {
            ttl,
            capacity,
            clock,
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn contains(&self, value: &str) -> bool {
        let Ok(mut entries) = self.entries.lock() else {
            return false;
        };
        match entries.get(value) {
            Some(at) if self.clock.elapsed_since(*at) < self.ttl => true,
            Some(_) => {
                entries.remove(value);
                false
            }
            None => false,
        }
    }

    fn insert(&self, value: String) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= self.capacity {
                entries.clear();
            }
            entries.insert(value, self.clock.monotonic());
        }
    }
}

#[cfg(test)]
mod negative_tests {
    use super::*;
    use chrono::TimeZone;

    fn manual() -> clock::ManualClock {
        clock::ManualClock::new(
            chrono::Utc
                .with_ymd_and_hms(2026, 11, 26, 12, 0, 0)
                .unwrap(),
        )
    }

    #[test]
    fn remembers_unknown_keys_for_a_while_and_stays_bounded() {
        let clock = manual();
        let cache = NegativeCache::new(Duration::from_secs(60), 2, Arc::new(clock.clone()));
        assert!(!cache.contains("a"));
        cache.insert("a".to_owned());
        assert!(cache.contains("a"));
        cache.insert("b".to_owned());
        cache.insert("c".to_owned());
        assert!(!cache.contains("a"), "full: emptied");
        assert!(cache.contains("c"));
        clock.advance(chrono::Duration::seconds(59));
        assert!(cache.contains("c"));
        clock.advance(chrono::Duration::seconds(1));
        assert!(
            !cache.contains("c"),
            "forgotten after the ttl on the injected clock"
        );
        let short = NegativeCache::new(Duration::ZERO, 2, Arc::new(clock));
        short.insert("a".to_owned());
        assert!(!short.contains("a"));
    }

    #[test]
    fn a_flood_of_distinct_bad_keys_spends_the_lookup_budget() {
        let clock = manual();
        let cache = NegativeCache::new(Duration::from_secs(60), 10_000, Arc::new(clock.clone()));
        assert_eq!(cache.lookup_allowed("good"), Ok(()));
        cache.authenticated("good");
        for n in 0..200 {
            cache.insert(format!("bad-{n}"));
        }
        let wait = cache.lookup_allowed("new").unwrap_err();
        assert!(
            wait > Duration::ZERO && wait <= Duration::from_millis(100),
            "{wait:?}"
        );
        assert_eq!(
            cache.lookup_allowed("good"),
            Ok(()),
            "a key at work is not locked out"
        );
        clock.advance(chrono::Duration::milliseconds(19));
        assert!(cache.lookup_allowed("new").is_err(), "one miss per 20 ms");
        clock.advance(chrono::Duration::milliseconds(1));
        assert_eq!(
            cache.lookup_allowed("new"),
            Ok(()),
            "refills at 50 per second"
        );
    }
}
