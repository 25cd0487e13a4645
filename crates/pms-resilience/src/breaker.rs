//! The circuit breaker, with Resilience4j's semantics (count-based sliding window).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use clock::SharedClock;

/// Settings of a breaker. Names and meanings follow Resilience4j's `CircuitBreakerConfig`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BreakerConfig {
    /// Failure rate (percent of recorded calls) at or above which the breaker opens.
    pub failure_rate_threshold: f64,
    /// Slow-call rate (percent) at or above which the breaker opens.
    pub slow_call_rate_threshold: f64,
    /// A call taking longer than this is slow.
    pub slow_call_duration: Duration,
    /// Calls the sliding window holds.
    pub sliding_window_size: usize,
    /// Calls needed in the window before rates are evaluated.
    pub minimum_number_of_calls: usize,
    /// How long the breaker stays open before letting trial calls through.
    pub wait_duration_in_open_state: Duration,
    /// Trial calls let through while half-open.
    pub permitted_calls_in_half_open_state: usize,
    /// Longest time in half-open before opening again if the trials have not finished
    /// (zero: wait for them).
    pub max_wait_duration_in_half_open_state: Duration,
}

impl Default for BreakerConfig {
    /// Resilience4j's defaults: 50 %, 100 % slow above 60 s, window 100, minimum 100, 60 s open,
    /// 10 trial calls, no half-open limit.
    fn default() -> Self {
        Self {
            failure_rate_threshold: 50.0,
            slow_call_rate_threshold: 100.0,
            slow_call_duration: Duration::from_secs(60),
            sliding_window_size: 100,
            minimum_number_of_calls: 100,
            wait_duration_in_open_state: Duration::from_secs(60),
            permitted_calls_in_half_open_state: 10,
            max_wait_duration_in_half_open_state: Duration::ZERO,
        }
    }
}

impl BreakerConfig {
    /// For live calls: window 20, minimum 10, 50 % failures or 80 % slower than 3 s, open 30 s,
    /// 3 trial calls, at most 30 s half-open.
    pub fn interactive() -> Self {
        Self {
            failure_rate_threshold: 50.0,
            slow_call_rate_threshold: 80.0,
            slow_call_duration: Duration::from_secs(3),
            sliding_window_size: 20,
            minimum_number_of_calls: 10,
            wait_duration_in_open_state: Duration::from_secs(30),
            permitted_calls_in_half_open_state: 3,
            max_wait_duration_in_half_open_state: Duration::from_secs(30),
        }
    }
}

/// Where a breaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CircuitState {
    /// Calls pass; outcomes are recorded.
    Closed,
    /// Calls are refused without I/O.
    Open,
    /// A few trial calls pass to test recovery.
    HalfOpen,
}

impl CircuitState {
    /// 0 closed, 1 open, 2 half-open (the metric's value).
    pub fn as_gauge(self) -> i64 {
        match self {
            CircuitState::Closed => 0,
            CircuitState::Open => 1,
            CircuitState::HalfOpen => 2,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Outcome {
    failed: bool,
    slow: bool,
}

#[derive(Debug)]
struct Inner {
    state: CircuitState,
    window: VecDeque<Outcome>,
    /// When the state was entered, on the clock's monotonic reading.
    since: Duration,
    trials_started: usize,
    trials: Vec<Outcome>,
}

/// A circuit breaker for one vendor account. Share it (`Arc`) between every connector of the
/// account.
#[derive(Debug)]
pub struct CircuitBreaker {
    name: String,
    config: BreakerConfig,
    clock: SharedClock,
    inner: Mutex<Inner>,
}

/// What a breaker holds at one moment ([`CircuitBreaker::snapshot`]), for operators and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreakerSnapshot {
    /// The state (moved from open to half-open if the wait is over).
    pub state: CircuitState,
    /// Outcomes recorded in the current state: the sliding window while closed, the trial
    /// calls while half-open (none while open).
    pub recorded_calls: usize,
    /// Of those, failed calls.
    pub failed_calls: usize,
    /// Of those, slow calls.
    pub slow_calls: usize,
    /// Half-open trial permits handed out in this half-open period and not handed back
    /// (recorded or still in flight; 0 unless half-open).
    pub trials_started: usize,
}

/// The permission to make one call; report its outcome with [`CircuitBreaker::record`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Permit {
    trial: bool,
}

impl CircuitBreaker {
    /// A closed breaker named `name` (used in logs and metrics).
    pub fn new(name: impl Into<String>, config: BreakerConfig, clock: SharedClock) -> Self {
        let since = clock.monotonic();
        Self {
            name: name.into(),
            config,
            clock,
            inner: Mutex::new(Inner {
                state: CircuitState::Closed,
                window: VecDeque::new(),
                since,
                trials_started: 0,
                trials: Vec::new(),
            }),
        }
    }

    /// The breaker's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn elapsed(&self, since: Duration) -> Duration {
        self.clock.elapsed_since(since)
    }

    fn transition(&self, inner: &mut Inner, to: CircuitState) {
        if inner.state != to {
            tracing::info!(breaker = %self.name, from = ?inner.state, to = ?to, "circuit breaker state change");
        }
        inner.state = to;
        inner.since = self.clock.monotonic();
        inner.trials_started = 0;
        inner.trials.clear();
        if to == CircuitState::Closed {
            inner.window.clear();
        }
    }

    /// The current state (moving from open to half-open if the wait is over).
    pub fn state(&self) -> CircuitState {
        let mut inner = self.lock();
        self.advance(&mut inner);
        inner.state
    }

    /// The state and the outcomes it is based on.
    pub fn snapshot(&self) -> BreakerSnapshot {
        let mut inner = self.lock();
        self.advance(&mut inner);
        let recorded: Vec<Outcome> = match inner.state {
            CircuitState::Closed => inner.window.iter().copied().collect(),
            CircuitState::HalfOpen => inner.trials.clone(),
            CircuitState::Open => Vec::new(),
        };
        BreakerSnapshot {
            state: inner.state,
            recorded_calls: recorded.len(),
            failed_calls: recorded.iter().filter(|o| o.failed).count(),
            slow_calls: recorded.iter().filter(|o| o.slow).count(),
            trials_started: inner.trials_started,
        }
    }

    fn advance(&self, inner: &mut Inner) {
        match inner.state {
            CircuitState::Open
                if self.elapsed(inner.since) >= self.config.wait_duration_in_open_state =>
            {
                self.transition(inner, CircuitState::HalfOpen);
            }
            CircuitState::HalfOpen
                if !self.config.max_wait_duration_in_half_open_state.is_zero()
                    && self.elapsed(inner.since)
                        >= self.config.max_wait_duration_in_half_open_state =>
            {
                self.transition(inner, CircuitState::Open);
            }
            _ => {}
        }
    }

    /// Asks to make a call: `None` if the breaker refuses it (open, or half-open with all trial
    /// calls taken).
    pub fn try_acquire(&self) -> Option<Permit> {
        let mut inner = self.lock();
        self.advance(&mut inner);
        match inner.state {
            CircuitState::Closed => Some(Permit { trial: false }),
            CircuitState::Open => None,
            CircuitState::HalfOpen => {
                if inner.trials_started < self.config.permitted_calls_in_half_open_state {
                    inner.trials_started += 1;
                    Some(Permit { trial: true })
                } else {
                    None
                }
            }
        }
    }

    /// Records a call's outcome. `failed: None` means the outcome is not counted (e.g. a rate
    /// limit, which says nothing about the vendor's health); a trial permit is then returned.
    pub fn record(&self, permit: Permit, failed: Option<bool>, duration: Duration) {
        let mut inner = self.lock();
        let Some(failed) = failed else {
            if permit.trial && inner.state == CircuitState::HalfOpen {
                inner.trials_started = inner.trials_started.saturating_sub(1);
            }
            return;
        };
        let outcome = Outcome {
            failed,
            slow: duration > self.config.slow_call_duration,
        };
        match (inner.state, permit.trial) {
            (CircuitState::Closed, false) => {
                inner.window.push_back(outcome);
                while inner.window.len() > self.config.sliding_window_size {
                    inner.window.pop_front();
                }
                if inner.window.len() >= self.config.minimum_number_of_calls.max(1)
                    && self.exceeds(inner.window.iter())
                {
                    self.transition(&mut inner, CircuitState::Open);
                }
            }
            (CircuitState::HalfOpen, true) => {
                inner.trials.push(outcome);
                if inner.trials.len() >= self.config.permitted_calls_in_half_open_state {
                    let to = if self.exceeds(inner.trials.iter()) {
                        CircuitState::Open
                    } else {
                        CircuitState::Closed
                    };
                    self.transition(&mut inner, to);
                }
            }
            // A call that started in another state: its outcome no longer applies.
            _ => {}
        }
    }

    fn exceeds<'a>(&self, outcomes: impl Iterator<Item = &'a Outcome> + Clone) -> bool {
        let total = outcomes.clone().count();
        if total == 0 {
            return false;
        }
        let failed = outcomes.clone().filter(|o| o.failed).count();
        let slow = outcomes.filter(|o| o.slow).count();
        let rate = |n: usize| n as f64 * 100.0 / total as f64;
        rate(failed) >= self.config.failure_rate_threshold
            || rate(slow) >= self.config.slow_call_rate_threshold
    }
}

/// One breaker per vendor account, shared by every connector of the account.
#[derive(Debug, Default)]
pub struct BreakerRegistry {
    breakers: Mutex<HashMap<String, Arc<CircuitBreaker>>>,
}

impl BreakerRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// The breaker of `account` (e.g. `apaleo:ACME`), created with `config` on first use.
    pub fn get(
        &self,
        account: &str,
        config: BreakerConfig,
        clock: &SharedClock,
    ) -> Arc<CircuitBreaker> {
        let mut breakers = self.breakers.lock().unwrap_or_else(PoisonError::into_inner);
        breakers
            .entry(account.to_owned())
            .or_insert_with(|| Arc::new(CircuitBreaker::new(account, config, clock.clone())))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use clock::ManualClock;

    fn breaker(config: BreakerConfig) -> (CircuitBreaker, ManualClock) {
        let clock = ManualClock::new(Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap());
        (
            CircuitBreaker::new("apaleo:ACME", config, Arc::new(clock.clone())),
            clock,
        )
    }

    fn small() -> BreakerConfig {
        BreakerConfig {
            failure_rate_threshold: 50.0,
            slow_call_rate_threshold: 100.0,
            slow_call_duration: Duration::from_secs(2),
            sliding_window_size: 4,
            minimum_number_of_calls: 4,
            wait_duration_in_open_state: Duration::from_secs(10),
            permitted_calls_in_half_open_state: 2,
            max_wait_duration_in_half_open_state: Duration::ZERO,
        }
    }

    fn call(b: &CircuitBreaker, failed: bool) {
        let permit = b.try_acquire().unwrap();
        b.record(permit, Some(failed), Duration::from_millis(10));
    }

    #[test]
    fn opens_at_the_failure_rate_only_after_the_minimum_calls() {
        let (b, _clock) = breaker(small());
        call(&b, true);
        call(&b, true);
        call(&b, false);
        assert_eq!(
            b.state(),
            CircuitState::Closed,
            "3 calls are below the minimum"
        );
        call(&b, false);
        // 2 of 4 failed = 50 %: at the threshold, it opens.
        assert_eq!(b.state(), CircuitState::Open);
        assert!(b.try_acquire().is_none());
    }

    #[test]
    fn the_window_slides() {
        let (b, _clock) = breaker(small());
        for failed in [true, false, false, false, false] {
            call(&b, failed);
        }
        // The window is the last 4 calls: no failure left in it.
        assert_eq!(b.state(), CircuitState::Closed);
        call(&b, true);
        assert_eq!(b.state(), CircuitState::Closed, "1 of the last 4 failed");
        call(&b, true);
        assert_eq!(b.state(), CircuitState::Open, "2 of the last 4 failed");
    }

    #[test]
    fn slow_calls_open_it_too() {
        let (b, _clock) = breaker(small());
        for _ in 0..4 {
            let permit = b.try_acquire().unwrap();
            b.record(permit, Some(false), Duration::from_secs(3));
        }
        assert_eq!(b.state(), CircuitState::Open);
    }

    #[test]
    fn half_open_trials_close_or_reopen_it() {
        let (b, clock) = breaker(small());
        for _ in 0..4 {
            call(&b, true);
        }
        assert_eq!(b.state(), CircuitState::Open);
        clock.advance(chrono::Duration::seconds(9));
        assert!(b.try_acquire().is_none(), "still waiting");
        clock.advance(chrono::Duration::seconds(1));
        assert_eq!(b.state(), CircuitState::HalfOpen);
        let t1 = b.try_acquire().unwrap();
        let t2 = b.try_acquire().unwrap();
        assert!(b.try_acquire().is_none(), "only two trial calls");
        b.record(t1, Some(false), Duration::ZERO);
        b.record(t2, Some(true), Duration::ZERO);
        // 1 of 2 trials failed = 50 %: open again.
        assert_eq!(b.state(), CircuitState::Open);
        clock.advance(chrono::Duration::seconds(10));
        let t1 = b.try_acquire().unwrap();
        let t2 = b.try_acquire().unwrap();
        b.record(t1, Some(false), Duration::ZERO);
        b.record(t2, Some(false), Duration::ZERO);
        assert_eq!(b.state(), CircuitState::Closed);
        call(&b, true);
        assert_eq!(
            b.state(),
            CircuitState::Closed,
            "the window starts empty again"
        );
    }

    #[test]
    fn ignored_outcomes_return_the_trial_permit_and_half_open_can_time_out() {
        let mut config = small();
        config.max_wait_duration_in_half_open_state = Duration::from_secs(5);
        let (b, clock) = breaker(config);
        for _ in 0..4 {
            call(&b, true);
        }
        clock.advance(chrono::Duration::seconds(10));
        let t1 = b.try_acquire().unwrap();
        b.record(t1, None, Duration::ZERO);
        let _t1 = b.try_acquire().unwrap();
        let _t2 = b.try_acquire().unwrap();
        assert!(b.try_acquire().is_none());
        clock.advance(chrono::Duration::seconds(5));
        assert_eq!(b.state(), CircuitState::Open, "trials took too long");
    }

    #[test]
    fn the_registry_shares_one_breaker_per_account() {
        let clock: SharedClock = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap(),
        ));
        let registry = BreakerRegistry::new();
        let a = registry.get("apaleo:ACME", small(), &clock);
        let b = registry.get("apaleo:ACME", small(), &clock);
        let c = registry.get("apaleo:OTHER", small(), &clock);
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &c));
    }
}
