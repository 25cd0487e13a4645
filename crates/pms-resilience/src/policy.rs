//! Policies and their presets.

use std::time::Duration;

use crate::{BreakerConfig, CacheTtls};

/// How long an operation may take, all attempts together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadlines {
    /// Property, room types, availability, offers, get and search.
    pub read: Duration,
    /// Create, modify and cancel.
    pub write: Duration,
}

/// How retries are made.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 = never retry).
    pub max_attempts: u32,
    /// Backoff base: attempt `n` waits a random time in `[0, min(max_delay, base * 2^n))`.
    pub base_delay: Duration,
    /// Longest backoff.
    pub max_delay: Duration,
    /// A vendor's retry-after longer than this is not waited for: the error is returned.
    pub max_retry_after: Duration,
    /// Share of calls that may be retried, over time (0.2 = one retry per five calls).
    pub budget_ratio: f64,
    /// Retries always allowed per second, whatever the ratio (for quiet hotels).
    pub budget_min_per_second: u32,
}

/// Everything the wrapper does, in one value.
#[derive(Debug, Clone, PartialEq)]
pub struct ResiliencePolicy {
    /// Deadlines.
    pub deadlines: Deadlines,
    /// Retries.
    pub retry: RetryPolicy,
    /// The circuit breaker (used when the wrapper creates its own breaker).
    pub breaker: BreakerConfig,
    /// Cache lifetimes.
    pub cache: CacheTtls,
}

impl ResiliencePolicy {
    /// For a guest on the phone: answers within seconds or not at all.
    ///
    /// | setting | value |
    /// |---|---|
    /// | read / write deadline | 4 s / 10 s |
    /// | attempts | 3 |
    /// | backoff | full jitter, base 100 ms, max 1 s |
    /// | longest retry-after honoured | 2 s |
    /// | retry budget | 20 % of calls, at least 5 retries/s |
    /// | breaker | window 20 calls, min 10, 50 % failures or 80 % slow (> 3 s), open 30 s, 3 trial calls |
    /// | cache | property and room types 10 min, availability and offers 30 s |
    pub fn interactive() -> Self {
        Self {
            deadlines: Deadlines {
                read: Duration::from_secs(4),
                write: Duration::from_secs(10),
            },
            retry: RetryPolicy {
                max_attempts: 3,
                base_delay: Duration::from_millis(100),
                max_delay: Duration::from_secs(1),
                max_retry_after: Duration::from_secs(2),
                budget_ratio: 0.2,
                budget_min_per_second: 5,
            },
            breaker: BreakerConfig::interactive(),
            cache: CacheTtls::default(),
        }
    }

    /// For background work (reconciliation, reports): patient.
    ///
    /// | setting | value |
    /// |---|---|
    /// | read / write deadline | 60 s / 120 s |
    /// | attempts | 6 |
    /// | backoff | full jitter, base 500 ms, max 30 s |
    /// | longest retry-after honoured | 60 s |
    /// | retry budget | 20 % of calls, at least 2 retries/s |
    /// | breaker | Resilience4j defaults: window 100, min 100, 50 %, slow 100 % (> 60 s), open 60 s, 10 trial calls |
    /// | cache | as interactive |
    pub fn batch() -> Self {
        Self {
            deadlines: Deadlines {
                read: Duration::from_secs(60),
                write: Duration::from_secs(120),
            },
            retry: RetryPolicy {
                max_attempts: 6,
                base_delay: Duration::from_millis(500),
                max_delay: Duration::from_secs(30),
                max_retry_after: Duration::from_secs(60),
                budget_ratio: 0.2,
                budget_min_per_second: 2,
            },
            breaker: BreakerConfig::default(),
            cache: CacheTtls::default(),
        }
    }
}

impl Default for ResiliencePolicy {
    /// [`ResiliencePolicy::interactive`]: the voice agent is the main caller.
    fn default() -> Self {
        Self::interactive()
    }
}
