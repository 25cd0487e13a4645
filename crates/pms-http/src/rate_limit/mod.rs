//! Client-side rate limiting of vendor calls.

mod bucket;
mod local;
mod redis;

use std::fmt;
use std::time::Duration;

use async_trait::async_trait;
use pms_contract::{ErrorKind, PmsError};

pub use self::bucket::TokenBucket;
pub use self::local::LocalRateLimiter;
pub use self::redis::{RedisRateLimiter, SharedDecision};

/// Waits until the next vendor request of an account may go out.
#[async_trait]
pub trait RateLimiter: Send + Sync + fmt::Debug {
    /// Waits for a slot and returns how long it waited. Fails (`RateLimited`, with the time
    /// until the next slot) only when the limiter is configured with a maximum wait and the
    /// next slot is further away.
    async fn acquire(&self) -> Result<Duration, PmsError>;
}

/// No client-side limit: every acquire returns at once.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unlimited;

#[async_trait]
impl RateLimiter for Unlimited {
    async fn acquire(&self) -> Result<Duration, PmsError> {
        Ok(Duration::ZERO)
    }
}

/// A request budget: a sustained rate and a burst.
///
/// Semantics are those of a token bucket of `burst` tokens refilled by one every
/// `interval` (implemented as GCRA): after a quiet period `burst` requests go out at once,
/// then one per `interval`. Over any window of length `w` at most `burst + w / interval`
/// requests go out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    interval: Duration,
    burst: u32,
}

impl Quota {
    /// `requests` per `per`, with bursts of up to `burst` requests. Zero requests or burst are
    /// treated as one; the interval is at least 1 µs.
    pub fn new(requests: u32, per: Duration, burst: u32) -> Self {
        let interval = (per / requests.max(1)).max(Duration::from_micros(1));
        Self {
            interval,
            burst: burst.max(1),
        }
    }

    /// `rate` requests per second, with bursts of up to `burst`.
    pub fn per_second(rate: u32, burst: u32) -> Self {
        Self::new(rate, Duration::from_secs(1), burst)
    }

    /// Apaleo live accounts: 100 requests/s on average, bursts up to 200 (limits are per client
    /// id and account). Apaleo also caps live accounts at 3,500 requests per minute, which a
    /// sustained 100/s would exceed after 35 s; its 429 with `Retry-After` covers that case.
    pub fn apaleo_live() -> Self {
        Self::per_second(100, 200)
    }

    /// Apaleo development/trial accounts: 5 requests/s on average, bursts up to 10. Apaleo also
    /// caps them at 200 requests per minute.
    pub fn apaleo_dev() -> Self {
        Self::per_second(5, 10)
    }

    /// The time between two requests at the sustained rate.
    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// The largest burst.
    pub fn burst(&self) -> u32 {
        self.burst
    }
}

/// The error of a limiter whose next slot is further away than its maximum wait.
pub(crate) fn budget_exhausted(which: &str, retry_in: Duration, max_wait: Duration) -> PmsError {
    PmsError::new(
        ErrorKind::RateLimited {
            retry_after: Some(retry_in),
        },
        format!(
            "{which} rate-limit budget exhausted: next slot in {}ms, longer than the {}ms a call may wait",
            retry_in.as_millis(),
            max_wait.as_millis()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_intervals() {
        assert_eq!(Quota::apaleo_live().interval(), Duration::from_millis(10));
        assert_eq!(Quota::apaleo_live().burst(), 200);
        assert_eq!(Quota::apaleo_dev().interval(), Duration::from_millis(200));
        assert_eq!(Quota::apaleo_dev().burst(), 10);
        let per_minute = Quota::new(3500, Duration::from_secs(60), 1);
        assert_eq!(per_minute.interval(), Duration::from_nanos(17_142_857));
        assert_eq!(
            Quota::new(0, Duration::ZERO, 0).interval(),
            Duration::from_micros(1)
        );
        assert_eq!(Quota::new(0, Duration::ZERO, 0).burst(), 1);
    }
}
