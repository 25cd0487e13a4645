//! A rate limiter shared by all replicas through Redis.

use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use async_trait::async_trait;
use pms_contract::{ErrorKind, PmsError};
use redis::AsyncConnectionConfig;
use redis::aio::MultiplexedConnection;

use super::{LocalRateLimiter, Quota, RateLimiter, budget_exhausted};
use crate::config::HttpConfig;
use crate::metrics::HttpMetrics;

/// GCRA over Redis server time. KEYS[1]: the budget key. ARGV[1]: emission interval in µs,
/// ARGV[2]: burst. Returns `{1, 0}` when the request may go now (and records it), or
/// `{0, wait_µs}` when it may go in `wait_µs` (nothing recorded: the caller sleeps and asks
/// again). The key expires once the bucket is full again.
const GCRA_SCRIPT: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tat = now
local stored = redis.call('GET', KEYS[1])
if stored then
  local parsed = tonumber(stored)
  if parsed and parsed > now then tat = parsed end
end
local new_tat = tat + interval
local wait = new_tat - now - burst * interval
if wait > 0 then
  return {0, wait}
end
redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.ceil((new_tat - now) / 1000) + 1000)
return {1, 0}
";

/// What the shared budget said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharedDecision {
    /// The request may go now; it has been counted.
    Granted,
    /// The budget is used up; ask again after `retry_in`.
    Denied {
        /// Time until a slot is free.
        retry_in: Duration,
    },
}

#[derive(Default)]
struct ConnectionState {
    current: Option<MultiplexedConnection>,
    /// No reconnection before this reading of the fallback's monotonic clock.
    next_attempt: Option<Duration>,
}

/// The sleep of a waiter told to retry in `retry_in`: `retry_in` plus a uniformly random delay
/// of at most `retry_in` and at most `cap` (never earlier: the slot is not free before).
fn jittered(retry_in: Duration, cap: Duration, rng: &mut fastrand::Rng) -> Duration {
    let spread = u64::try_from(retry_in.min(cap).as_nanos()).unwrap_or(u64::MAX);
    if spread == 0 {
        return retry_in;
    }
    retry_in.saturating_add(Duration::from_nanos(rng.u64(0..=spread)))
}

/// One vendor account's budget shared by every replica through Redis, keyed
/// `voicehive:ratelimit:{vendor}:{account}`.
///
/// The budget is GCRA (token-bucket semantics, see [`Quota`]) in a Lua script that reads
/// Redis' own clock (`TIME`), so the replicas' clocks do not matter. The script answers
/// "go" (and counts the request) or "wait this long" (counting nothing); the limiter sleeps
/// and asks again.
///
/// **When Redis is unavailable** (connection refused, timeout after
/// [`RedisRateLimiter::with_redis_timeout`], script error) the limiter *falls back to its
/// local limiter* and logs a warning once per outage (an `info` when Redis is back); it never
/// fails a vendor call because of Redis. Rationale: the rate limiter protects a vendor budget,
/// it must not take the voice receptionist down with Redis; during the outage each replica
/// keeps its own budget (give the fallback a share of the quota, e.g. the quota divided by
/// the replica count), and the vendor's 429 with `Retry-After` remains the backstop.
/// Reconnection is attempted at most once per second
/// ([`RedisRateLimiter::with_reconnect_backoff`]); acquisitions in between go straight to the
/// fallback. Fallbacks are counted ([`RedisRateLimiter::fallbacks`],
/// `voicehive_pms_rate_limit_fallbacks_total`). The backoff is measured on the fallback's
/// clock ([`LocalRateLimiter::clock`], its monotonic reading).
///
/// **Waiters wake with jitter.** Callers denied at the same moment are all told the same
/// `retry in`; were they to sleep exactly that long they would all ask Redis again at once and
/// all but one be denied again (a stampede every interval). Each sleeps `retry in` plus a
/// random delay of at most `retry in` and at most [`RedisRateLimiter::DEFAULT_WAKE_JITTER`]
/// ([`RedisRateLimiter::with_wake_jitter`]), never longer than the maximum wait allows; the
/// random source can be seeded ([`RedisRateLimiter::with_jitter_seed`]).
pub struct RedisRateLimiter {
    client: redis::Client,
    script: redis::Script,
    key: String,
    vendor: String,
    quota: Quota,
    max_wait: Option<Duration>,
    redis_timeout: Duration,
    reconnect_backoff: Duration,
    wake_jitter: Duration,
    rng: Mutex<fastrand::Rng>,
    fallback: LocalRateLimiter,
    connection: tokio::sync::Mutex<ConnectionState>,
    degraded: AtomicBool,
    fallbacks: AtomicU64,
    metrics: Option<HttpMetrics>,
}

impl fmt::Debug for RedisRateLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The client is left out: its connection info may hold a Redis password.
        f.debug_struct("RedisRateLimiter")
            .field("key", &self.key)
            .field("quota", &self.quota)
            .field("max_wait", &self.max_wait)
            .field("redis_timeout", &self.redis_timeout)
            .field("wake_jitter", &self.wake_jitter)
            .field("fallback", &self.fallback)
            .field("degraded", &self.degraded.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl RedisRateLimiter {
    /// The key prefix of every shared budget.
    pub const KEY_PREFIX: &'static str = "voicehive:ratelimit";

    /// The default bound of the random delay added to a wait for the shared budget.
    pub const DEFAULT_WAKE_JITTER: Duration = Duration::from_millis(250);

    /// A limiter for `vendor`'s `account` with `quota`, using `client` (connected lazily, on the
    /// first acquire) and `fallback` while Redis is unavailable.
    pub fn new(
        client: redis::Client,
        vendor: &str,
        account: &str,
        quota: Quota,
        fallback: LocalRateLimiter,
    ) -> Self {
        Self {
            client,
            script: redis::Script::new(GCRA_SCRIPT),
            key: format!("{}:{vendor}:{account}", Self::KEY_PREFIX),
            vendor: vendor.to_owned(),
            quota,
            max_wait: None,
            redis_timeout: Duration::from_millis(250),
            reconnect_backoff: Duration::from_secs(1),
            wake_jitter: Self::DEFAULT_WAKE_JITTER,
            rng: Mutex::new(fastrand::Rng::new()),
            fallback,
            connection: tokio::sync::Mutex::new(ConnectionState::default()),
            degraded: AtomicBool::new(false),
            fallbacks: AtomicU64::new(0),
            metrics: None,
        }
    }

    /// [`RedisRateLimiter::new`] for the vendor and account of `config`.
    pub fn for_account(
        client: redis::Client,
        config: &HttpConfig,
        quota: Quota,
        fallback: LocalRateLimiter,
    ) -> Self {
        Self::new(client, &config.vendor, &config.account, quota, fallback)
    }

    /// Fails an acquire with `RateLimited` instead of waiting longer than `max_wait` in total.
    #[must_use]
    pub fn with_max_wait(mut self, max_wait: Duration) -> Self {
        self.max_wait = Some(max_wait);
        self
    }

    /// Longest time for connecting to Redis or running the script (default 250 ms).
    #[must_use]
    pub fn with_redis_timeout(mut self, timeout: Duration) -> Self {
        self.redis_timeout = timeout;
        self
    }

    /// Minimum time between reconnection attempts after Redis failed (default 1 s).
    #[must_use]
    pub fn with_reconnect_backoff(mut self, backoff: Duration) -> Self {
        self.reconnect_backoff = backoff;
        self
    }

    /// Bounds the random delay added to each wait for the shared budget (default
    /// [`RedisRateLimiter::DEFAULT_WAKE_JITTER`]; zero: waiters wake exactly when told).
    #[must_use]
    pub fn with_wake_jitter(mut self, cap: Duration) -> Self {
        self.wake_jitter = cap;
        self
    }

    /// Makes the wake-up jitter reproducible (tests).
    #[must_use]
    pub fn with_jitter_seed(self, seed: u64) -> Self {
        *self.rng.lock().unwrap_or_else(PoisonError::into_inner) = fastrand::Rng::with_seed(seed);
        self
    }

    /// How long a waiter told to retry in `retry_in`, having waited `waited`, sleeps: with
    /// jitter, and within the maximum wait.
    fn wake_delay(&self, retry_in: Duration, waited: Duration) -> Duration {
        let mut rng = self.rng.lock().unwrap_or_else(PoisonError::into_inner);
        let sleep = jittered(retry_in, self.wake_jitter, &mut rng);
        match self.max_wait {
            Some(max_wait) => sleep.min(max_wait.saturating_sub(waited)).max(retry_in),
            None => sleep,
        }
    }

    /// Counts fallbacks in `metrics`.
    #[must_use]
    pub fn with_metrics(mut self, metrics: HttpMetrics) -> Self {
        self.metrics = Some(metrics);
        self
    }

    /// The Redis key of the budget.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The quota.
    pub fn quota(&self) -> Quota {
        self.quota
    }

    /// Acquisitions served by the fallback limiter so far.
    pub fn fallbacks(&self) -> u64 {
        self.fallbacks.load(Ordering::Relaxed)
    }

    /// Checks that Redis answers (for readiness probes and tests).
    pub async fn ping(&self) -> Result<(), PmsError> {
        let mut connection = self.connection().await?;
        let answer = tokio::time::timeout(
            self.redis_timeout,
            redis::cmd("PING").query_async::<String>(&mut connection),
        )
        .await;
        match answer {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(err)) => {
                self.drop_connection().await;
                Err(redis_unavailable(&format!(
                    "PING failed ({:?})",
                    err.kind()
                )))
            }
            Err(_) => {
                self.drop_connection().await;
                Err(redis_unavailable("PING timed out"))
            }
        }
    }

    /// Asks the shared budget once, without waiting and without falling back: `Granted` counts
    /// the request. Fails (`Unavailable`) when Redis cannot be asked.
    pub async fn check_shared(&self) -> Result<SharedDecision, PmsError> {
        let mut connection = self.connection().await?;
        let interval_us = u64::try_from(self.quota.interval.as_micros())
            .unwrap_or(u64::MAX)
            .max(1);
        let mut invocation = self.script.key(&self.key);
        invocation.arg(interval_us).arg(self.quota.burst);
        let answer = tokio::time::timeout(
            self.redis_timeout,
            invocation.invoke_async::<(i64, i64)>(&mut connection),
        )
        .await;
        match answer {
            Ok(Ok((1, _))) => Ok(SharedDecision::Granted),
            Ok(Ok((_, wait_us))) => Ok(SharedDecision::Denied {
                retry_in: Duration::from_micros(u64::try_from(wait_us).unwrap_or(0).max(1)),
            }),
            Ok(Err(err)) => {
                self.drop_connection().await;
                Err(redis_unavailable(&format!(
                    "rate-limit script failed ({:?})",
                    err.kind()
                )))
            }
            Err(_) => {
                self.drop_connection().await;
                Err(redis_unavailable("rate-limit script timed out"))
            }
        }
    }

    async fn connection(&self) -> Result<MultiplexedConnection, PmsError> {
        let mut state = self.connection.lock().await;
        if let Some(connection) = &state.current {
            return Ok(connection.clone());
        }
        let clock = self.fallback.clock();
        if let Some(next_attempt) = state.next_attempt
            && clock.monotonic() < next_attempt
        {
            return Err(redis_unavailable(
                "Redis was unreachable moments ago; reconnect backs off",
            ));
        }
        let config = AsyncConnectionConfig::new()
            .set_connection_timeout(self.redis_timeout)
            .set_response_timeout(self.redis_timeout);
        let connected = tokio::time::timeout(
            self.redis_timeout,
            self.client
                .get_multiplexed_async_connection_with_config(&config),
        )
        .await;
        match connected {
            Ok(Ok(connection)) => {
                state.current = Some(connection.clone());
                state.next_attempt = None;
                Ok(connection)
            }
            Ok(Err(err)) => {
                state.next_attempt = Some(clock.monotonic().saturating_add(self.reconnect_backoff));
                Err(redis_unavailable(&format!(
                    "could not connect to Redis ({:?})",
                    err.kind()
                )))
            }
            Err(_) => {
                state.next_attempt = Some(clock.monotonic().saturating_add(self.reconnect_backoff));
                Err(redis_unavailable("connecting to Redis timed out"))
            }
        }
    }

    async fn drop_connection(&self) {
        self.connection.lock().await.current = None;
    }

    fn degrade(&self, err: &PmsError) {
        self.fallbacks.fetch_add(1, Ordering::Relaxed);
        if let Some(metrics) = &self.metrics {
            metrics.rate_limit_fallback(&self.vendor);
        }
        if self.degraded.swap(true, Ordering::Relaxed) {
            tracing::debug!(vendor = %self.vendor, key = %self.key, error = %err.message(), "shared rate limiter still unavailable; using the local limiter");
        } else {
            tracing::warn!(vendor = %self.vendor, key = %self.key, error = %err.message(), "shared rate limiter unavailable; falling back to the local limiter");
        }
    }

    fn recovered(&self) {
        if self.degraded.swap(false, Ordering::Relaxed) {
            tracing::info!(vendor = %self.vendor, key = %self.key, "shared rate limiter available again");
        }
    }
}

fn redis_unavailable(message: &str) -> PmsError {
    PmsError::new(
        ErrorKind::Unavailable,
        format!("shared rate limiter: {message}"),
    )
}

#[async_trait]
impl RateLimiter for RedisRateLimiter {
    async fn acquire(&self) -> Result<Duration, PmsError> {
        let mut waited = Duration::ZERO;
        loop {
            match self.check_shared().await {
                Ok(SharedDecision::Granted) => {
                    self.recovered();
                    return Ok(waited);
                }
                Ok(SharedDecision::Denied { retry_in }) => {
                    self.recovered();
                    if let Some(max_wait) = self.max_wait
                        && waited + retry_in > max_wait
                    {
                        return Err(budget_exhausted("shared", retry_in, max_wait));
                    }
                    let sleep = self.wake_delay(retry_in, waited);
                    tokio::time::sleep(sleep).await;
                    waited += sleep;
                }
                Err(err) => {
                    self.degrade(&err);
                    return Ok(waited + self.fallback.acquire().await?);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiters_told_the_same_wait_wake_spread_over_it() {
        let mut rng = fastrand::Rng::with_seed(42);
        let retry_in = Duration::from_millis(100);
        let wakes: Vec<Duration> = (0..1000)
            .map(|_| jittered(retry_in, RedisRateLimiter::DEFAULT_WAKE_JITTER, &mut rng))
            .collect();
        assert!(
            wakes.iter().all(|w| *w >= retry_in && *w <= retry_in * 2),
            "never before the slot, at most twice the wait"
        );
        // Spread over the whole range: every 10 ms of it gets some of the 1000 waiters, none
        // more than a fifth of them (without jitter all 1000 would wake at 100 ms).
        let mut bins = [0u32; 10];
        for w in &wakes {
            let bin = ((*w - retry_in).as_millis() / 10).min(9);
            bins[usize::try_from(bin).unwrap()] += 1;
        }
        assert!(bins.iter().all(|n| *n > 50 && *n < 200), "{bins:?}");
    }

    #[test]
    fn the_jitter_is_bounded_and_reproducible() {
        let mut rng = fastrand::Rng::with_seed(7);
        let long = Duration::from_secs(2);
        for _ in 0..200 {
            let w = jittered(long, Duration::from_millis(250), &mut rng);
            assert!(w >= long && w <= long + Duration::from_millis(250), "{w:?}");
        }
        assert_eq!(jittered(long, Duration::ZERO, &mut rng), long, "disabled");
        let mut a = fastrand::Rng::with_seed(3);
        let mut b = fastrand::Rng::with_seed(3);
        let short = Duration::from_millis(10);
        for _ in 0..20 {
            assert_eq!(
                jittered(short, RedisRateLimiter::DEFAULT_WAKE_JITTER, &mut a),
                jittered(short, RedisRateLimiter::DEFAULT_WAKE_JITTER, &mut b)
            );
        }
    }

    #[test]
    fn a_jittered_wait_stays_within_the_maximum_wait() {
        let quota = Quota::per_second(1, 1);
        let fallback = LocalRateLimiter::new(quota, std::sync::Arc::new(clock::SystemClock));
        let client = redis::Client::open("redis://127.0.0.1:1/").unwrap();
        let limiter = RedisRateLimiter::new(client, "apaleo", "ACC1", quota, fallback)
            .with_max_wait(Duration::from_millis(500))
            .with_jitter_seed(1);
        for _ in 0..100 {
            let sleep = limiter.wake_delay(Duration::from_millis(300), Duration::from_millis(100));
            assert!(
                sleep >= Duration::from_millis(300) && sleep <= Duration::from_millis(400),
                "{sleep:?}"
            );
        }
    }
}
