//! Prometheus metrics of connector calls.

use prometheus::{
    Histogram, HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry,
};

/// Metrics of the resilient wrapper. Labels are vendor ids, operation names, outcome codes and
/// vendor account keys: never guest data.
///
/// The `outcome` of `voicehive_pms_requests_total` is `ok`, an [`ErrorKind`] code
/// (`timeout` for a call the wrapper's deadline cut off), or `cancelled` for a call whose
/// caller dropped it before it finished (e.g. an HTTP client that hung up). Cancelled calls are
/// not observed in `voicehive_pms_request_duration_seconds` and do not count with the circuit
/// breaker.
///
/// [`ErrorKind`]: pms_contract::ErrorKind
#[derive(Debug, Clone)]
pub struct ResilienceMetrics {
    pub(crate) requests: IntCounterVec,
    pub(crate) latency: HistogramVec,
    pub(crate) retries: IntCounterVec,
    pub(crate) circuit: IntGaugeVec,
    pub(crate) rejected: IntCounterVec,
    pub(crate) cache: IntCounterVec,
}

impl ResilienceMetrics {
    /// Creates the metrics and registers them with `registry`.
    pub fn register(registry: &Registry) -> Result<Self, prometheus::Error> {
        let requests = IntCounterVec::new(
            Opts::new(
                "voicehive_pms_requests_total",
                "Connector calls by vendor, operation and outcome: ok, an error kind code, or cancelled (the caller went away before the call finished).",
            ),
            &["vendor", "operation", "outcome"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "voicehive_pms_request_duration_seconds",
                "Connector call latency, all attempts and waits included (cancelled calls are not observed).",
            )
            .buckets(vec![
                0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            ]),
            &["vendor", "operation"],
        )?;
        let retries = IntCounterVec::new(
            Opts::new(
                "voicehive_pms_retries_total",
                "Retries made by the resilient wrapper, by vendor and operation.",
            ),
            &["vendor", "operation"],
        )?;
        let circuit = IntGaugeVec::new(
            Opts::new(
                "voicehive_pms_circuit_state",
                "Circuit breaker state per vendor account: 0 closed, 1 open, 2 half-open.",
            ),
            &["vendor", "account"],
        )?;
        let rejected = IntCounterVec::new(
            Opts::new(
                "voicehive_pms_circuit_rejections_total",
                "Calls refused without I/O because the circuit was open.",
            ),
            &["vendor", "account"],
        )?;
        let cache = IntCounterVec::new(
            Opts::new(
                "voicehive_pms_cache_requests_total",
                "Read-cache lookups by vendor, kind and result (hit or miss).",
            ),
            &["vendor", "kind", "result"],
        )?;
        for collector in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(latency.clone()),
            Box::new(retries.clone()),
            Box::new(circuit.clone()),
            Box::new(rejected.clone()),
            Box::new(cache.clone()),
        ] {
            registry.register(collector)?;
        }
        Ok(Self {
            requests,
            latency,
            retries,
            circuit,
            rejected,
            cache,
        })
    }

    /// The latency histogram of one vendor and operation (for tests and benchmarks).
    pub fn latency(&self, vendor: &str, operation: &str) -> Histogram {
        self.latency.with_label_values(&[vendor, operation])
    }

    /// Calls counted for `vendor`, `operation`, `outcome`.
    pub fn requests(&self, vendor: &str, operation: &str, outcome: &str) -> u64 {
        self.requests
            .with_label_values(&[vendor, operation, outcome])
            .get()
    }

    /// Retries counted.
    pub fn retries(&self, vendor: &str, operation: &str) -> u64 {
        self.retries.with_label_values(&[vendor, operation]).get()
    }

    /// Cache lookups counted (`result` is `hit` or `miss`).
    pub fn cache(&self, vendor: &str, kind: &str, result: &str) -> u64 {
        self.cache.with_label_values(&[vendor, kind, result]).get()
    }

    /// The circuit state gauge.
    pub fn circuit_state(&self, vendor: &str, account: &str) -> i64 {
        self.circuit.with_label_values(&[vendor, account]).get()
    }
}
