//! The token bucket (GCRA) itself: pure state over a monotonic time line.

use std::time::Duration;

use super::Quota;

/// One budget's state: a token bucket of [`Quota::burst`] tokens refilled by one every
/// [`Quota::interval`], kept as GCRA (the theoretical arrival time of the next request).
///
/// It reads no clock: every operation takes `now`, a reading of a monotonic clock
/// ([`clock::Clock::monotonic`]), so the same bucket serves the vendor limiters of this crate
/// and the gateway's per-key limits, and a wall-clock jump can neither stall nor refill it.
/// Readings passed to one bucket must come from one clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenBucket {
    quota: Quota,
    /// Theoretical arrival time of the next request; `None`: never used (full).
    tat: Option<Duration>,
}

impl TokenBucket {
    /// A full bucket for `quota`.
    pub fn new(quota: Quota) -> Self {
        Self { quota, tat: None }
    }

    /// The quota.
    pub fn quota(&self) -> Quota {
        self.quota
    }

    /// The arrival time the next request would get, and the time from `now` until it may go.
    fn next(&self, now: Duration) -> (Duration, Duration) {
        let new_tat = self.tat.unwrap_or(now).max(now) + self.quota.interval;
        let allowance = self.quota.interval.saturating_mul(self.quota.burst);
        let wait = new_tat.saturating_sub(now.saturating_add(allowance));
        (new_tat, wait)
    }

    /// The time from `now` until a request may go (zero: it may go now). Takes nothing.
    pub fn wait_time(&self, now: Duration) -> Duration {
        self.next(now).1
    }

    /// Reserves the next slot and returns the time from `now` until it. With `max_wait`, a slot
    /// further away is not reserved: `Err` with the time until it.
    pub fn reserve(
        &mut self,
        now: Duration,
        max_wait: Option<Duration>,
    ) -> Result<Duration, Duration> {
        let (new_tat, wait) = self.next(now);
        if max_wait.is_some_and(|max| wait > max) {
            return Err(wait);
        }
        self.tat = Some(new_tat);
        Ok(wait)
    }

    /// Takes a token if one is there at `now`; otherwise takes nothing and says how long until
    /// one is.
    pub fn try_take(&mut self, now: Duration) -> Result<(), Duration> {
        self.reserve(now, Some(Duration::ZERO)).map(|_| ())
    }

    /// Spends a token without asking: an empty bucket stays empty (it does not go into debt).
    pub fn spend(&mut self, now: Duration) {
        let allowance = self.quota.interval.saturating_mul(self.quota.burst);
        let (new_tat, _) = self.next(now);
        self.tat = Some(new_tat.min(now.saturating_add(allowance)));
    }

    /// Whether the bucket is full at `now`: forgetting it then loses nothing.
    pub fn is_full(&self, now: Duration) -> bool {
        self.tat.is_none_or(|tat| tat <= now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn a_burst_then_one_per_interval() {
        let mut bucket = TokenBucket::new(Quota::per_second(10, 3));
        let now = ms(5_000);
        for _ in 0..3 {
            assert_eq!(bucket.try_take(now), Ok(()));
        }
        assert_eq!(bucket.try_take(now), Err(ms(100)));
        assert_eq!(bucket.wait_time(now), ms(100));
        assert_eq!(bucket.try_take(now + ms(99)), Err(ms(1)));
        assert_eq!(bucket.try_take(now + ms(100)), Ok(()));
        assert!(!bucket.is_full(now + ms(100)));
        assert!(bucket.is_full(now + ms(400)));
        // Refilled, but not beyond the burst.
        let later = now + ms(60_000);
        for _ in 0..3 {
            assert_eq!(bucket.try_take(later), Ok(()));
        }
        assert!(bucket.try_take(later).is_err());
    }

    #[test]
    fn reservations_queue_up_unless_too_far() {
        let mut bucket = TokenBucket::new(Quota::per_second(10, 1));
        assert_eq!(bucket.reserve(ms(0), None), Ok(ms(0)));
        assert_eq!(bucket.reserve(ms(0), None), Ok(ms(100)));
        assert_eq!(bucket.reserve(ms(0), Some(ms(150))), Err(ms(200)));
        assert_eq!(bucket.reserve(ms(0), None), Ok(ms(200)));
    }

    #[test]
    fn spending_empties_but_never_overdraws() {
        let mut bucket = TokenBucket::new(Quota::per_second(10, 2));
        for _ in 0..50 {
            bucket.spend(ms(0));
        }
        assert_eq!(bucket.wait_time(ms(0)), ms(100), "empty, not in debt");
        assert_eq!(bucket.try_take(ms(100)), Ok(()));
    }
}
