//! A rate limiter for one process.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use async_trait::async_trait;
use clock::SharedClock;
use pms_contract::PmsError;

use super::{Quota, RateLimiter, TokenBucket, budget_exhausted};

/// A token bucket (GCRA) in this process, for one vendor account.
///
/// Time comes from the injected clock's monotonic reading ([`clock::Clock::monotonic`]: a
/// wall-clock jump neither stalls nor refills the bucket) and waiting is `tokio::time::sleep`,
/// so with
/// [`clock::TokioClock`] under `#[tokio::test(start_paused = true)]` waits are instant and exact.
/// Each acquire reserves the next free slot and sleeps until it: concurrent callers are served
/// in arrival order. A caller dropped while sleeping forfeits its slot (the budget errs on the
/// safe side).
#[derive(Debug)]
pub struct LocalRateLimiter {
    quota: Quota,
    clock: SharedClock,
    max_wait: Option<Duration>,
    bucket: Mutex<TokenBucket>,
}

impl LocalRateLimiter {
    /// A limiter for `quota`, reading time from `clock`. Callers wait as long as needed.
    pub fn new(quota: Quota, clock: SharedClock) -> Self {
        Self {
            quota,
            clock,
            max_wait: None,
            bucket: Mutex::new(TokenBucket::new(quota)),
        }
    }

    /// [`Quota::apaleo_live`]: 100 requests/s, bursts up to 200.
    pub fn apaleo_live(clock: SharedClock) -> Self {
        Self::new(Quota::apaleo_live(), clock)
    }

    /// [`Quota::apaleo_dev`]: 5 requests/s, bursts up to 10.
    pub fn apaleo_dev(clock: SharedClock) -> Self {
        Self::new(Quota::apaleo_dev(), clock)
    }

    /// Fails an acquire with `RateLimited` instead of waiting longer than `max_wait` (the slot
    /// is then not taken).
    #[must_use]
    pub fn with_max_wait(mut self, max_wait: Duration) -> Self {
        self.max_wait = Some(max_wait);
        self
    }

    /// The quota.
    pub fn quota(&self) -> Quota {
        self.quota
    }

    /// The clock the limiter reads.
    pub fn clock(&self) -> &SharedClock {
        &self.clock
    }

    /// Reserves the next slot and returns the time until it, without waiting.
    fn reserve(&self) -> Result<Duration, PmsError> {
        let now = self.clock.monotonic();
        let mut bucket = self.bucket.lock().unwrap_or_else(PoisonError::into_inner);
        bucket
            .reserve(now, self.max_wait)
            .map_err(|wait| budget_exhausted("local", wait, self.max_wait.unwrap_or_default()))
    }
}

#[async_trait]
impl RateLimiter for LocalRateLimiter {
    async fn acquire(&self) -> Result<Duration, PmsError> {
        let wait = self.reserve()?;
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        Ok(wait)
    }
}
