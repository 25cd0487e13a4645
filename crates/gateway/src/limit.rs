//! The per-key rate limit: a token bucket per API key, in this process or shared by every
//! replica through Redis (the vendor HTTP client's GCRA script, keyed by the key's id).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pms_http::{LocalRateLimiter, Quota, RedisRateLimiter, SharedDecision};

/// Token buckets by key id.
#[derive(Debug)]
pub(crate) struct KeyLimiter {
    rate: f64,
    burst: f64,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
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
    /// if Redis cannot be reached, the limit falls back to this process's buckets.
    pub(crate) fn new(rate: u32, burst: u32, redis_url: Option<&str>) -> Self {
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
            rate: f64::from(rate),
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
            shared,
        }
    }

    /// Takes a token for `key`, or says how long to wait for one.
    pub(crate) async fn check(&self, key: &str) -> Result<(), Duration> {
        if self.rate <= 0.0 {
            return Ok(());
        }
        if let Some(shared) = &self.shared {
            let limiter = {
                let Ok(mut limiters) = shared.limiters.lock() else {
                    return self.check_local(key);
                };
                limiters
                    .entry(key.to_owned())
                    .or_insert_with(|| {
                        Arc::new(RedisRateLimiter::new(
                            shared.client.clone(),
                            "gateway",
                            key,
                            shared.quota,
                            LocalRateLimiter::new(shared.quota, Arc::new(clock::SystemClock)),
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
        self.check_local(key)
    }

    fn check_local(&self, key: &str) -> Result<(), Duration> {
        let now = Instant::now();
        let Ok(mut buckets) = self.buckets.lock() else {
            return Ok(());
        };
        if buckets.len() > 100_000 {
            buckets.retain(|_, (_, at)| now.duration_since(*at) < Duration::from_secs(60));
        }
        let bucket = buckets.entry(key.to_owned()).or_insert((self.burst, now));
        refill(bucket, self.rate, self.burst, now)?;
        bucket.0 -= 1.0;
        Ok(())
    }
}

/// Refills a token bucket `(tokens, last refill)` at `rate` per second up to `burst`, and says
/// whether it holds a token or how long until it does. Takes nothing.
fn refill(
    bucket: &mut (f64, Instant),
    rate: f64,
    burst: f64,
    now: Instant,
) -> Result<(), Duration> {
    let (tokens, at) = bucket;
    *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * rate).min(burst);
    *at = now;
    if *tokens >= 1.0 {
        Ok(())
    } else {
        Err(Duration::from_secs_f64((1.0 - *tokens) / rate))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn bursts_then_limits() {
        let limiter = KeyLimiter::new(1, 3, None);
        for _ in 0..3 {
            assert!(limiter.check("a").await.is_ok());
        }
        assert!(limiter.check("a").await.is_err());
        assert!(limiter.check("b").await.is_ok());
        assert!(KeyLimiter::new(0, 0, None).check("a").await.is_ok());
    }

    #[tokio::test]
    async fn two_limiters_on_one_redis_share_a_key_budget() {
        let key = format!(
            "test-key-{}",
            std::process::id() as u64 * 1_000_003 + fastrand_ns()
        );
        let a = KeyLimiter::new(1, 2, Some("redis://127.0.0.1:6379"));
        let b = KeyLimiter::new(1, 2, Some("redis://127.0.0.1:6379"));
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
        let limiter = KeyLimiter::new(1, 1, Some("redis://127.0.0.1:1"));
        assert!(limiter.check("k").await.is_ok());
        assert!(limiter.check("k").await.is_err());
    }

    fn fastrand_ns() -> u64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0)
    }
}

/// Entries kept by the negative cache of unknown API keys at most.
pub(crate) const NEGATIVE_CACHE_SIZE: usize = 10_000;

/// Unknown keys looked up in the database per second on average (per replica), and in a burst.
pub(crate) const MISSES_PER_SECOND: f64 = 50.0;
/// See [`MISSES_PER_SECOND`].
pub(crate) const MISS_BURST: f64 = 100.0;

/// Hashes of API keys the database does not know, remembered for `ttl` so that repeating a bad
/// key costs no queries, and a budget of lookups that find nothing, so that a flood of
/// distinct bad keys costs at most [`MISSES_PER_SECOND`] queries: once it is spent, keys not
/// known to be bad wait (429) until it refills. Bounded: when full, the cache is emptied (the
/// next lookups go to the database again). A key created meanwhile works after `ttl` at the
/// latest.
#[derive(Debug)]
pub(crate) struct NegativeCache {
    unknown: TtlSet,
    misses: Mutex<(f64, Instant)>,
    /// Hashes of keys that authenticated within the last minute: they skip the miss budget, so
    /// a flood of bad keys does not lock out the clients already at work.
    known: TtlSet,
}

impl NegativeCache {
    pub(crate) fn new(ttl: Duration, capacity: usize) -> Self {
        Self {
            unknown: TtlSet::new(ttl, capacity),
            misses: Mutex::new((MISS_BURST, Instant::now())),
            known: TtlSet::new(Duration::from_secs(60), capacity),
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
        let Ok(mut misses) = self.misses.lock() else {
            return Ok(());
        };
        refill(&mut misses, MISSES_PER_SECOND, MISS_BURST, Instant::now())
    }

    /// Whether `hash` was found unknown less than `ttl` ago.
    pub(crate) fn contains(&self, hash: &str) -> bool {
        self.unknown.contains(hash)
    }

    /// Remembers `hash` as unknown, spending one miss of the budget.
    pub(crate) fn insert(&self, hash: String) {
        if let Ok(mut misses) = self.misses.lock() {
            misses.0 = (misses.0 - 1.0).max(0.0);
        }
        self.unknown.insert(hash);
    }
}

/// Strings remembered for `ttl`, at most `capacity` of them: when full, it is emptied.
#[derive(Debug)]
struct TtlSet {
    ttl: Duration,
    capacity: usize,
    entries: Mutex<HashMap<String, Instant>>,
}

impl TtlSet {
    fn new(ttl: Duration, capacity: usize) -> Self {
        Self {
            ttl,
            capacity,
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn contains(&self, value: &str) -> bool {
        let Ok(mut entries) = self.entries.lock() else {
            return false;
        };
        match entries.get(value) {
            Some(at) if at.elapsed() < self.ttl => true,
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
            entries.insert(value, Instant::now());
        }
    }
}

#[cfg(test)]
mod negative_tests {
    use super::*;

    #[test]
    fn remembers_unknown_keys_for_a_while_and_stays_bounded() {
        let cache = NegativeCache::new(Duration::from_secs(60), 2);
        assert!(!cache.contains("a"));
        cache.insert("a".to_owned());
        assert!(cache.contains("a"));
        cache.insert("b".to_owned());
        cache.insert("c".to_owned());
        assert!(!cache.contains("a"), "full: emptied");
        assert!(cache.contains("c"));
        let short = NegativeCache::new(Duration::ZERO, 2);
        short.insert("a".to_owned());
        assert!(!short.contains("a"));
    }

    #[test]
    fn a_flood_of_distinct_bad_keys_spends_the_lookup_budget() {
        let cache = NegativeCache::new(Duration::from_secs(60), 10_000);
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
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(
            cache.lookup_allowed("new"),
            Ok(()),
            "refills at 50 per second"
        );
    }
}
