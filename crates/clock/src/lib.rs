//! The injected clock.
//!
//! Everything in VoiceHive whose behaviour depends on time (backoff, circuit breakers, token
//! expiry, cancellation deadlines, retention, DSAR deadlines) asks a [`Clock`] instead of the
//! operating system. Production code uses [`SystemClock`]; tests use [`ManualClock`] and move time
//! forward explicitly, so they run instantly and deterministically.
//!
//! Code that also *waits* (backoff sleeps, deadlines, rate-limit waits) waits with
//! `tokio::time` and reads the time from a [`TokioClock`]: in tests under tokio's paused time
//! (`#[tokio::test(start_paused = true)]`) both move together, instantly and deterministically.

#![forbid(unsafe_code)]

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Duration, Utc};

/// A source of the current time.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// A shared clock, as stored by services.
pub type SharedClock = Arc<dyn Clock>;

/// The operating system's wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that only moves when told to. Clones share the same time.
#[derive(Debug, Clone)]
pub struct ManualClock {
    now: Arc<Mutex<DateTime<Utc>>>,
}

impl ManualClock {
    /// A manual clock showing `start`.
    pub fn new(start: DateTime<Utc>) -> Self {
        Self {
            now: Arc::new(Mutex::new(start)),
        }
    }

    /// Moves the clock forward (or backward, with a negative duration).
    pub fn advance(&self, by: Duration) {
        let mut now = self.now.lock().unwrap_or_else(PoisonError::into_inner);
        *now += by;
    }

    /// Sets the clock to `to`.
    pub fn set(&self, to: DateTime<Utc>) {
        *self.now.lock().unwrap_or_else(PoisonError::into_inner) = to;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Wall-clock time that follows tokio's clock: `now()` is a fixed start instant plus the tokio
/// time elapsed since. In production it moves like the system clock; under tokio's paused time
/// it moves exactly as far as the test's sleeps and timeouts, so waits and timestamps agree.
#[derive(Debug, Clone, Copy)]
pub struct TokioClock {
    wall_start: DateTime<Utc>,
    tokio_start: tokio::time::Instant,
}

impl TokioClock {
    /// A clock showing `start` now. Must be created inside a tokio runtime.
    pub fn starting_at(start: DateTime<Utc>) -> Self {
        Self {
            wall_start: start,
            tokio_start: tokio::time::Instant::now(),
        }
    }

    /// A clock showing the system time now.
    pub fn now_from_system() -> Self {
        Self::starting_at(Utc::now())
    }
}

impl Clock for TokioClock {
    fn now(&self) -> DateTime<Utc> {
        let elapsed = tokio::time::Instant::now().saturating_duration_since(self.tokio_start);
        let elapsed = Duration::from_std(elapsed).unwrap_or(Duration::MAX);
        self.wall_start
            .checked_add_signed(elapsed)
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn manual_clock_moves_only_when_told_and_clones_share_time() {
        let start = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        let clock = ManualClock::new(start);
        let shared = clock.clone();
        assert_eq!(clock.now(), start);
        clock.advance(Duration::seconds(90));
        assert_eq!(shared.now(), start + Duration::seconds(90));
        shared.set(start);
        assert_eq!(clock.now(), start);
    }

    #[tokio::test(start_paused = true)]
    async fn tokio_clock_follows_paused_time() {
        let start = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        let clock = TokioClock::starting_at(start);
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        assert_eq!(clock.now(), start + Duration::milliseconds(1500));
    }

    #[test]
    fn system_clock_is_after_2020() {
        let floor = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
        assert!(SystemClock.now() > floor);
    }
}
