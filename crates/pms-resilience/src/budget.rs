//! The retry budget: retries may add only a share of the load.

use std::sync::{Mutex, PoisonError};

use clock::SharedClock;

#[derive(Debug)]
struct State {
    /// Retries earned by calls, not yet spent.
    earned: f64,
    /// The second (of the clock's monotonic reading) `free` belongs to.
    second: i64,
    /// Free retries left in that second.
    free: u32,
}

/// Allows a retry when calls have earned it (`ratio` per call, up to a cap) or when the
/// per-second minimum is not used up. Protects a struggling vendor from a retry storm.
#[derive(Debug)]
pub struct RetryBudget {
    ratio: f64,
    min_per_second: u32,
    cap: f64,
    clock: SharedClock,
    state: Mutex<State>,
}

impl RetryBudget {
    /// A budget of `ratio` retries per call, with `min_per_second` always allowed.
    pub fn new(ratio: f64, min_per_second: u32, clock: SharedClock) -> Self {
        Self {
            ratio: ratio.max(0.0),
            min_per_second,
            cap: 100.0,
            clock,
            state: Mutex::new(State {
                earned: 0.0,
                second: i64::MIN,
                free: 0,
            }),
        }
    }

    fn now_second(&self) -> i64 {
        i64::try_from(self.clock.monotonic().as_secs()).unwrap_or(i64::MAX)
    }

    /// Records a first attempt.
    pub fn deposit(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.earned = (state.earned + self.ratio).min(self.cap);
    }

    /// Takes one retry from the budget; `false` if there is none.
    pub fn try_withdraw(&self) -> bool {
        let second = self.now_second();
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if state.second != second {
            state.second = second;
            state.free = self.min_per_second;
        }
        if state.free > 0 {
            state.free -= 1;
            true
        } else if state.earned >= 1.0 {
            state.earned -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use clock::ManualClock;
    use std::sync::Arc;

    #[test]
    fn minimum_per_second_then_earned_retries() {
        let clock = ManualClock::new(Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap());
        let budget = RetryBudget::new(0.5, 2, Arc::new(clock.clone()));
        assert!(budget.try_withdraw());
        assert!(budget.try_withdraw());
        assert!(
            !budget.try_withdraw(),
            "the free two are spent, nothing earned"
        );
        budget.deposit();
        assert!(!budget.try_withdraw(), "half a retry is not a retry");
        budget.deposit();
        assert!(budget.try_withdraw());
        clock.advance(chrono::Duration::seconds(1));
        assert!(
            budget.try_withdraw(),
            "a new second brings the minimum back"
        );
    }
}
