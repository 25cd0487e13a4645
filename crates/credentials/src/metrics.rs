//! Prometheus metrics of the broker.

use prometheus::{IntCounterVec, Opts, Registry};

/// Token refreshes by vendor account and result.
#[derive(Debug, Clone)]
pub struct CredentialMetrics {
    refreshes: IntCounterVec,
}

impl CredentialMetrics {
    /// Creates the metrics and registers them with `registry`.
    pub fn register(registry: &Registry) -> Result<Self, prometheus::Error> {
        let refreshes = IntCounterVec::new(
            Opts::new(
                "voicehive_token_refreshes_total",
                "Access token refreshes by vendor and result (ok, rejected, unavailable).",
            ),
            &["vendor", "result"],
        )?;
        registry.register(Box::new(refreshes.clone()))?;
        Ok(Self { refreshes })
    }

    pub(crate) fn refresh(&self, vendor: &str, result: &str) {
        self.refreshes.with_label_values(&[vendor, result]).inc();
    }

    /// Refreshes counted so far for `vendor` with `result`.
    pub fn refreshes(&self, vendor: &str, result: &str) -> u64 {
        self.refreshes.with_label_values(&[vendor, result]).get()
    }
}
