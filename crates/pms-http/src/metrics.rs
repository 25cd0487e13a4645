//! Prometheus metrics of vendor HTTP calls.

use std::time::Duration;

use prometheus::{HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry};

/// Vendor HTTP metrics. Cheap to clone (shared series).
///
/// | Metric | Labels |
/// |---|---|
/// | `voicehive_pms_http_requests_total` | `vendor`, `operation`, `status_class` (`2xx`..`5xx`, `timeout`, `connect_error`, `transport_error`) |
/// | `voicehive_pms_http_attempt_duration_seconds` | `vendor`, `operation` |
/// | `voicehive_pms_rate_limit_wait_seconds` | `vendor` |
/// | `voicehive_pms_http_auth_refreshes_total` | `vendor`, `result` (`refreshed`, `none`, `failed`) |
/// | `voicehive_pms_rate_limit_fallbacks_total` | `vendor` |
#[derive(Debug, Clone)]
pub struct HttpMetrics {
    requests: IntCounterVec,
    attempt_seconds: HistogramVec,
    rate_limit_wait_seconds: HistogramVec,
    auth_refreshes: IntCounterVec,
    rate_limit_fallbacks: IntCounterVec,
}

impl HttpMetrics {
    /// Creates the metrics and registers them with `registry`.
    pub fn register(registry: &Registry) -> Result<Self, prometheus::Error> {
        let requests = IntCounterVec::new(
            Opts::new(
                "voicehive_pms_http_requests_total",
                "Vendor HTTP attempts by vendor, operation and status class.",
            ),
            &["vendor", "operation", "status_class"],
        )?;
        let attempt_seconds = HistogramVec::new(
            HistogramOpts::new(
                "voicehive_pms_http_attempt_duration_seconds",
                "Latency of one vendor HTTP attempt, by vendor and operation.",
            )
            .buckets(vec![0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0]),
            &["vendor", "operation"],
        )?;
        let rate_limit_wait_seconds = HistogramVec::new(
            HistogramOpts::new(
                "voicehive_pms_rate_limit_wait_seconds",
                "Time a vendor call waited for the rate limiter, by vendor.",
            )
            .buckets(vec![0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0]),
            &["vendor"],
        )?;
        let auth_refreshes = IntCounterVec::new(
            Opts::new(
                "voicehive_pms_http_auth_refreshes_total",
                "Re-authorizations after a vendor 401, by vendor and result \
                 (refreshed, none = nothing new to try, failed).",
            ),
            &["vendor", "result"],
        )?;
        let rate_limit_fallbacks = IntCounterVec::new(
            Opts::new(
                "voicehive_pms_rate_limit_fallbacks_total",
                "Rate-limit acquisitions that fell back to the local limiter because the shared \
                 (Redis) limiter was unavailable, by vendor.",
            ),
            &["vendor"],
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(attempt_seconds.clone()))?;
        registry.register(Box::new(rate_limit_wait_seconds.clone()))?;
        registry.register(Box::new(auth_refreshes.clone()))?;
        registry.register(Box::new(rate_limit_fallbacks.clone()))?;
        Ok(Self {
            requests,
            attempt_seconds,
            rate_limit_wait_seconds,
            auth_refreshes,
            rate_limit_fallbacks,
        })
    }

    pub(crate) fn attempt(
        &self,
        vendor: &str,
        operation: &str,
        status_class: &str,
        latency: Duration,
    ) {
        self.requests
            .with_label_values(&[vendor, operation, status_class])
            .inc();
        self.attempt_seconds
            .with_label_values(&[vendor, operation])
            .observe(latency.as_secs_f64());
    }

    pub(crate) fn rate_limit_wait(&self, vendor: &str, waited: Duration) {
        self.rate_limit_wait_seconds
            .with_label_values(&[vendor])
            .observe(waited.as_secs_f64());
    }

    pub(crate) fn auth_refresh(&self, vendor: &str, result: &str) {
        self.auth_refreshes
            .with_label_values(&[vendor, result])
            .inc();
    }

    pub(crate) fn rate_limit_fallback(&self, vendor: &str) {
        self.rate_limit_fallbacks.with_label_values(&[vendor]).inc();
    }

    /// Attempts counted so far for `vendor`, `operation` and `status_class`.
    pub fn requests(&self, vendor: &str, operation: &str, status_class: &str) -> u64 {
        self.requests
            .with_label_values(&[vendor, operation, status_class])
            .get()
    }

    /// Attempt latencies observed so far for `vendor` and `operation`.
    pub fn attempts_observed(&self, vendor: &str, operation: &str) -> u64 {
        self.attempt_seconds
            .with_label_values(&[vendor, operation])
            .get_sample_count()
    }

    /// Rate-limit waits observed so far for `vendor`: (count, total seconds).
    pub fn rate_limit_waits(&self, vendor: &str) -> (u64, f64) {
        let histogram = self.rate_limit_wait_seconds.with_label_values(&[vendor]);
        (histogram.get_sample_count(), histogram.get_sample_sum())
    }

    /// Re-authorizations after a 401 counted so far for `vendor` with `result`.
    pub fn auth_refreshes(&self, vendor: &str, result: &str) -> u64 {
        self.auth_refreshes
            .with_label_values(&[vendor, result])
            .get()
    }

    /// Fallbacks to the local rate limiter counted so far for `vendor`.
    pub fn rate_limit_fallbacks(&self, vendor: &str) -> u64 {
        self.rate_limit_fallbacks.with_label_values(&[vendor]).get()
    }
}
