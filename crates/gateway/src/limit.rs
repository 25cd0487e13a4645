//! The per-key rate limit: a token bucket per API key, in this process.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Token buckets by key id.
#[derive(Debug)]
pub(crate) struct KeyLimiter {
    rate: f64,
    burst: f64,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl KeyLimiter {
    /// `rate` requests per second on average, bursts of up to `burst`; `rate` 0 disables.
    pub(crate) fn new(rate: u32, burst: u32) -> Self {
        Self {
            rate: f64::from(rate),
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token for `key`, or says how long to wait for one.
    pub(crate) fn check(&self, key: &str) -> Result<(), Duration> {
        if self.rate <= 0.0 {
            return Ok(());
        }
        let now = Instant::now();
        let Ok(mut buckets) = self.buckets.lock() else {
            return Ok(());
        };
        if buckets.len() > 100_000 {
            buckets.retain(|_, (_, at)| now.duration_since(*at) < Duration::from_secs(60));
        }
        let (tokens, at) = buckets.entry(key.to_owned()).or_insert((self.burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * self.rate).min(self.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - *tokens) / self.rate))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bursts_then_limits() {
        let limiter = KeyLimiter::new(1, 3);
        for _ in 0..3 {
            assert!(limiter.check("a").is_ok());
        }
        assert!(limiter.check("a").is_err());
        assert!(limiter.check("b").is_ok());
        assert!(KeyLimiter::new(0, 0).check("a").is_ok());
    }
}
