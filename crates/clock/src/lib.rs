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
//!
//! Two readings: [`Clock::now`] is the wall clock (timestamps, expiry dates, retention), which
//! may jump when the host's time is corrected; [`Clock::monotonic`] only ever moves forward and
//! is what durations are measured with (latency, slow calls, deadlines, token buckets). This
//! crate is the only place that reads the operating system's clocks.

#![forbid(unsafe_code)]

use std::fmt;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use chrono::{DateTime, Duration, Utc};

/// A source of the current time.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current instant on the wall clock. It may jump (backwards too) when the host's time
    /// is corrected: measure durations with [`Clock::monotonic`].
    fn now(&self) -> DateTime<Utc>;

    /// Time elapsed since an arbitrary origin fixed for this clock, never decreasing. Only
    /// differences of readings of the same clock mean anything.
    ///
    /// The default follows the wall clock (time since the Unix epoch, held at zero before it)
    /// and is therefore only as monotonic as [`Clock::now`]; every clock of this crate
    /// overrides it with a truly monotonic reading.
    fn monotonic(&self) -> std::time::Duration {
        (self.now() - DateTime::<Utc>::UNIX_EPOCH)
            .to_std()
            .unwrap_or_default()
    }

    /// Time elapsed since the [`Clock::monotonic`] reading `earlier` (zero if `earlier` is in
    /// the future).
    fn elapsed_since(&self, earlier: std::time::Duration) -> std::time::Duration {
        self.monotonic().saturating_sub(earlier)
    }
}

/// A shared clock, as stored by services.
pub type SharedClock = Arc<dyn Clock>;

/// The operating system's wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

/// The origin of [`SystemClock::monotonic`]: the first reading in this process.
fn process_origin() -> std::time::Instant {
    static ORIGIN: OnceLock<std::time::Instant> = OnceLock::new();
    *ORIGIN.get_or_init(std::time::Instant::now)
}

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    /// The operating system's monotonic clock (`std::time::Instant`), from an origin shared by
    /// the whole process.
    fn monotonic(&self) -> std::time::Duration {
        process_origin().elapsed()
    }
}

/// A clock that only moves when told to. Clones share the same time.
///
/// Its monotonic reading starts at zero and moves with the forward part of [`ManualClock::advance`];
/// [`ManualClock::set`] and negative advances move the wall clock only, like a host whose time
/// is corrected.
#[derive(Debug, Clone)]
pub struct ManualClock {
    state: Arc<Mutex<ManualState>>,
}

#[derive(Debug)]
struct ManualState {
    now: DateTime<Utc>,
    monotonic: std::time::Duration,
}

impl ManualClock {
    /// A manual clock showing `start` (monotonic reading zero).
    pub fn new(start: DateTime<Utc>) -> Self {
        Self {
            state: Arc::new(Mutex::new(ManualState {
                now: start,
                monotonic: std::time::Duration::ZERO,
            })),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, ManualState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Moves the clock forward (or the wall clock backward, with a negative duration: the
    /// monotonic reading then stays where it is).
    pub fn advance(&self, by: Duration) {
        let mut state = self.state();
        state.now += by;
        if let Ok(forward) = by.to_std() {
            state.monotonic = state.monotonic.saturating_add(forward);
        }
    }

    /// Sets the wall clock to `to` (a jump; the monotonic reading does not move).
    pub fn set(&self, to: DateTime<Utc>) {
        self.state().now = to;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        self.state().now
    }

    fn monotonic(&self) -> std::time::Duration {
        self.state().monotonic
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
        let elapsed = Duration::from_std(self.monotonic()).unwrap_or(Duration::MAX);
        self.wall_start
            .checked_add_signed(elapsed)
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// Tokio's time elapsed since the clock was created (paused time in tests).
    fn monotonic(&self) -> std::time::Duration {
        tokio::time::Instant::now().saturating_duration_since(self.tokio_start)
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
    fn manual_monotonic_moves_with_advance_but_not_with_jumps() {
        let start = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        let clock = ManualClock::new(start);
        assert_eq!(clock.monotonic(), std::time::Duration::ZERO);
        clock.advance(Duration::milliseconds(250));
        assert_eq!(clock.monotonic(), std::time::Duration::from_millis(250));
        // The host's time is corrected, backwards and forwards: durations do not see it.
        clock.set(start - Duration::hours(1));
        clock.advance(Duration::seconds(-30));
        assert_eq!(clock.monotonic(), std::time::Duration::from_millis(250));
        clock.set(start + Duration::days(1));
        assert_eq!(clock.monotonic(), std::time::Duration::from_millis(250));
        assert_eq!(
            clock.elapsed_since(std::time::Duration::from_millis(100)),
            std::time::Duration::from_millis(150)
        );
        assert_eq!(
            clock.elapsed_since(std::time::Duration::from_secs(1)),
            std::time::Duration::ZERO
        );
    }

    #[tokio::test(start_paused = true)]
    async fn tokio_clock_monotonic_follows_paused_time() {
        let clock = TokioClock::now_from_system();
        let before = clock.monotonic();
        tokio::time::sleep(std::time::Duration::from_secs(3)).await;
        assert_eq!(
            clock.monotonic() - before,
            std::time::Duration::from_secs(3)
        );
    }

    #[test]
    fn system_monotonic_never_decreases_and_is_shared() {
        let first = SystemClock.monotonic();
        std::thread::sleep(std::time::Duration::from_millis(2));
        let second = SystemClock.monotonic();
        assert!(second >= first + std::time::Duration::from_millis(2));
    }

    #[derive(Debug)]
    struct Fixed(DateTime<Utc>);

    impl Clock for Fixed {
        fn now(&self) -> DateTime<Utc> {
            self.0
        }
    }

    #[test]
    fn default_monotonic_follows_the_wall_clock_from_the_epoch() {
        let at = Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 5).unwrap();
        assert_eq!(Fixed(at).monotonic(), std::time::Duration::from_secs(5));
        let before_epoch = Utc.with_ymd_and_hms(1969, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(Fixed(before_epoch).monotonic(), std::time::Duration::ZERO);
    }

    #[test]
    fn system_clock_is_after_2020() {
        let floor = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
        assert!(SystemClock.now() > floor);
    }
}
