//! A rate limiter for one process.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clock::SharedClock;
use pms_contract::PmsError;

use super::{Quota, RateLimiter, budget_exhausted};

/// A token bucket (GCRA) in this process, for one vendor account.
///
/// Time comes from the injected clock and waiting is `tokio::time::sleep`, so with
/// [`clock::TokioClock`] under `#[tokio::test(start_paused = true)]` waits are instant and exact.
/// Each acquire reserves the next free slot and sleeps until it: concurrent callers are served
/// in arrival order. A caller dropped while sleeping forfeits its slot (the budget errs on the
/// safe side).
#[derive(Debug)]
pub struct LocalRateLimiter {
    quota: Quota,
    clock: SharedClock,
    max_wait: Option<Duration>,
    /// Theoretical arrival time of the next request, in nanoseconds since the epoch.
    tat: Mutex<Option<i128>>,
}

impl LocalRateLimiter {
    /// A limiter for `quota`, reading time from `clock`. Callers wait as long as needed.
    pub fn new(quota: Quota, clock: SharedClock) -> Self {
        Self {
            quota,
            clock,
            max_wait: None,
            tat: Mutex::new(None),
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

    /// Reserves the next slot and returns the time until it, without waiting.
    fn reserve(&self) -> Result<Duration, PmsError> {
        let now = nanos(self.clock.now());
        let interval = i128::try_from(self.quota.interval.as_nanos()).unwrap_or(i128::MAX);
        let burst = i128::from(self.quota.burst);
        let mut tat = self.tat.lock().unwrap_or_else(PoisonError::into_inner);
        let new_tat = tat.unwrap_or(now).max(now) + interval;
        let wait_nanos = (new_tat - now - burst * interval).max(0);
        let wait = Duration::from_nanos(u64::try_from(wait_nanos).unwrap_or(u64::MAX));
        if let Some(max_wait) = self.max_wait
            && wait > max_wait
        {
            return Err(budget_exhausted("local", wait, max_wait));
        }
        *tat = Some(new_tat);
        Ok(wait)
    }
}

fn nanos(at: DateTime<Utc>) -> i128 {
    i128::from(at.timestamp()) * 1_000_000_000 + i128::from(at.timestamp_subsec_nanos())
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
