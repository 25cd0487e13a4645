//! The resilient wrapper.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;

use async_trait::async_trait;
use clock::SharedClock;
use pms_contract::{Call, ErrorKind, Layer, Operation, PmsError, Reply, SharedConnector};
use tracing::Instrument;

use crate::breaker::Permit;
use crate::cache::{Key, ReadCache};
use crate::{CircuitBreaker, ResilienceMetrics, ResiliencePolicy, RetryBudget};

/// Wraps a connector with deadlines, retries, a circuit breaker, a read cache and telemetry.
/// One instance serves one hotel; the breaker may be shared by the hotels of a vendor account
/// ([`ResilientConnector::with_breaker`]).
///
/// # Deadlines and cancellation
///
/// Each operation has a deadline over all its attempts ([`crate::Deadlines`]), measured on the
/// injected clock's monotonic reading ([`clock::Clock::monotonic`]; waiting is done with
/// `tokio::time`, so a [`clock::TokioClock`] under paused time keeps both in step). An attempt the
/// deadline cuts off counts with the breaker as a failed call (and a slow one, if it ran longer
/// than the slow-call duration) and the call fails with [`ErrorKind::Timeout`] (outcome
/// `timeout`).
///
/// A caller may drop a call's future before it finishes (an HTTP client that hung up, a
/// `select!` that went the other way). That is the caller's business, not the vendor's: the
/// abandoned attempt is not recorded with the breaker (a half-open trial permit is handed back
/// for the next call), the call is counted in `voicehive_pms_requests_total` with outcome
/// `cancelled` (and not in the latency histogram), and a write still clears the hotel's read
/// cache, since it may have committed.
#[derive(Debug)]
pub struct ResilientConnector {
    inner: SharedConnector,
    hotel: String,
    policy: ResiliencePolicy,
    breaker: Arc<CircuitBreaker>,
    budget: RetryBudget,
    cache: ReadCache,
    clock: SharedClock,
    metrics: Option<ResilienceMetrics>,
    /// `voicehive_pms_cache_requests_total`'s series of this connector by key kind and hit/miss,
    /// resolved on first use: a cache hit is the hot path of a cached read, and the label
    /// lookup (hashing three labels under a lock) was a visible share of it.
    cache_counters: [[OnceLock<prometheus::IntCounter>; 2]; 4],
    rng: Mutex<fastrand::Rng>,
}

/// Whether an outcome counts against the vendor's health: `Some(true)` a failure,
/// `Some(false)` a success, `None` not counted (a rate limit says the vendor is busy, not
/// broken; it feeds the retry-after, not the breaker).
fn breaker_outcome<T>(result: &Result<T, PmsError>) -> Option<bool> {
    match result {
        Ok(_) => Some(false),
        Err(err) => match err.kind() {
            ErrorKind::Unavailable
            | ErrorKind::Timeout
            | ErrorKind::Protocol
            | ErrorKind::Internal => Some(true),
            ErrorKind::RateLimited { .. } => None,
            _ => Some(false),
        },
    }
}

/// The `outcome` label and span field of a call whose caller went away (dropped its future)
/// before it finished, e.g. an HTTP client that hung up. Not an [`ErrorKind`] code.
const CANCELLED: &str = "cancelled";

/// Holds the breaker permit of one attempt. [`CallGuard::finish`] records the attempt's
/// outcome. Dropped unfinished, the attempt was abandoned because the caller went away (the
/// wrapper's own deadline finishes the attempt as a failure instead, see `run`): that says
/// nothing about the vendor, so nothing is recorded and a half-open trial permit goes back to
/// the breaker for the next call. One API key with a short client timeout must not be able to
/// open the circuit of a whole vendor account.
struct CallGuard<'a> {
    breaker: &'a CircuitBreaker,
    clock: &'a SharedClock,
    permit: Option<Permit>,
    /// The attempt's start, on the clock's monotonic reading.
    start: Duration,
}

impl CallGuard<'_> {
    fn finish(mut self, outcome: Option<bool>) {
        if let Some(permit) = self.permit.take() {
            let took = self.clock.elapsed_since(self.start);
            self.breaker.record(permit, outcome, took);
        }
    }
}

impl Drop for CallGuard<'_> {
    fn drop(&mut self) {
        if let Some(permit) = self.permit.take() {
            // Unwinding from a panicking connector is a failure; a caller that hung up is not.
            let outcome = std::thread::panicking().then_some(true);
            let took = self.clock.elapsed_since(self.start);
            self.breaker.record(permit, outcome, took);
        }
    }
}

/// Reports how a call ended: the span's `outcome`, `voicehive_pms_requests_total` and the
/// latency histogram. Dropped before [`CallReport::finish`], the caller went away: the call is
/// counted with outcome `cancelled` and left out of the latency histogram (its duration is the
/// caller's patience, not the vendor's latency).
struct CallReport<'a> {
    wrapper: &'a ResilientConnector,
    op: Operation,
    span: tracing::Span,
    /// The call's start, on the wrapper's clock's monotonic reading.
    started: Duration,
    finished: bool,
}

impl CallReport<'_> {
    fn finish<T>(mut self, result: &Result<T, PmsError>) {
        self.finished = true;
        let outcome = match result {
            Ok(_) => "ok",
            Err(err) => err.kind().code(),
        };
        self.span.record("outcome", outcome);
        if let Some(metrics) = &self.wrapper.metrics {
            let vendor = self.wrapper.inner.vendor();
            metrics
                .requests
                .with_label_values(&[vendor, self.op.as_str(), outcome])
                .inc();
            metrics
                .latency
                .with_label_values(&[vendor, self.op.as_str()])
                .observe(self.wrapper.clock.elapsed_since(self.started).as_secs_f64());
        }
    }
}

impl Drop for CallReport<'_> {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        let outcome = if std::thread::panicking() {
            ErrorKind::Internal.code()
        } else {
            CANCELLED
        };
        self.span.record("outcome", outcome);
        self.span
            .in_scope(|| tracing::debug!(outcome, "call abandoned before it finished"));
        if let Some(metrics) = &self.wrapper.metrics {
            metrics
                .requests
                .with_label_values(&[self.wrapper.inner.vendor(), self.op.as_str(), outcome])
                .inc();
        }
    }
}

/// Clears a hotel's read cache when dropped: after a write, whether it finished or its caller
/// went away (an abandoned write may still have committed).
struct ClearCache<'a>(&'a ReadCache);

impl Drop for ClearCache<'_> {
    fn drop(&mut self) {
        self.0.clear();
    }
}

impl ResilientConnector {
    /// Wraps `inner` for `hotel` (our hotel id, used in spans and the breaker's name), with
    /// its own circuit breaker.
    pub fn new(
        inner: SharedConnector,
        hotel: impl Into<String>,
        policy: ResiliencePolicy,
        clock: SharedClock,
    ) -> Self {
        let hotel = hotel.into();
        let breaker = Arc::new(CircuitBreaker::new(
            format!("{}:{hotel}", inner.vendor()),
            policy.breaker,
            clock.clone(),
        ));
        let budget = RetryBudget::new(
            policy.retry.budget_ratio,
            policy.retry.budget_min_per_second,
            clock.clone(),
        );
        Self {
            inner,
            hotel,
            policy,
            breaker,
            budget,
            cache: ReadCache::default(),
            clock,
            metrics: None,
            cache_counters: Default::default(),
            rng: Mutex::new(fastrand::Rng::new()),
        }
    }

    /// Uses `breaker`, shared with the other hotels of the same vendor account.
    #[must_use]
    pub fn with_breaker(mut self, breaker: Arc<CircuitBreaker>) -> Self {
        self.breaker = breaker;
        self
    }

    /// Reports to `metrics`.
    #[must_use]
    pub fn with_metrics(mut self, metrics: ResilienceMetrics) -> Self {
        self.metrics = Some(metrics);
        self
    }

    /// Makes the backoff jitter reproducible (tests).
    #[must_use]
    pub fn with_jitter_seed(self, seed: u64) -> Self {
        *self.rng.lock().unwrap_or_else(PoisonError::into_inner) = fastrand::Rng::with_seed(seed);
        self
    }

    /// The circuit breaker in use.
    pub fn breaker(&self) -> &Arc<CircuitBreaker> {
        &self.breaker
    }

    fn deadline(&self, op: Operation) -> Duration {
        if op.is_write() {
            self.policy.deadlines.write
        } else {
            self.policy.deadlines.read
        }
    }

    /// Full jitter: a random wait in `[0, min(max, base * 2^(attempt-1)))`.
    fn backoff(&self, attempt: u32) -> Duration {
        let retry = &self.policy.retry;
        let exp = attempt.saturating_sub(1).min(20);
        let ceiling = retry
            .base_delay
            .saturating_mul(1u32 << exp)
            .min(retry.max_delay);
        let ceiling_ms = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
        if ceiling_ms == 0 {
            return Duration::ZERO;
        }
        let ms = self
            .rng
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .u64(0..ceiling_ms);
        Duration::from_millis(ms)
    }

    fn circuit_gauge(&self) {
        if let Some(metrics) = &self.metrics {
            metrics
                .circuit
                .with_label_values(&[self.inner.vendor(), self.breaker.name()])
                .set(self.breaker.state().as_gauge());
        }
    }

    fn own_error(&self, kind: ErrorKind, message: String, op: Operation) -> PmsError {
        PmsError::new(kind, message)
            .with_vendor(self.inner.vendor())
            .with_operation(op)
    }

    /// Runs `call` with the deadline, breaker, retries and telemetry. `retry_safe` says whether
    /// repeating the call cannot do harm.
    ///
    /// The deadline is enforced on each attempt (and no backoff wait may cross it): an attempt
    /// it cuts off is recorded with the breaker as a failed, possibly slow, call and the call
    /// fails with [`ErrorKind::Timeout`]. The returned future is only ever dropped early by the
    /// caller; see [`CallGuard`] and [`CallReport`] for what that records.
    async fn run<T, F, Fut>(
        &self,
        op: Operation,
        retry_safe: bool,
        mut call: F,
    ) -> Result<T, PmsError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, PmsError>>,
    {
        let vendor = self.inner.vendor();
        let span = tracing::info_span!(
            "pms_call",
            vendor,
            operation = op.as_str(),
            hotel = %self.hotel,
            attempt = tracing::field::Empty,
            outcome = tracing::field::Empty,
        );
        let started = self.clock.monotonic();
        let deadline = self.deadline(op);
        // On the clock's monotonic reading; a deadline too far to represent is no deadline.
        let deadline_at = started.saturating_add(deadline);
        let report = CallReport {
            wrapper: self,
            op,
            span: span.clone(),
            started,
            finished: false,
        };
        self.budget.deposit();
        let attempts = async {
            let mut attempt = 0u32;
            loop {
                attempt += 1;
                tracing::Span::current().record("attempt", attempt);
                let Some(permit) = self.breaker.try_acquire() else {
                    if let Some(metrics) = &self.metrics {
                        metrics
                            .rejected
                            .with_label_values(&[vendor, self.breaker.name()])
                            .inc();
                    }
                    self.circuit_gauge();
                    return Err(self.own_error(
                        ErrorKind::Unavailable,
                        format!(
                            "circuit breaker {} is open; calls fail fast until it lets a trial through",
                            self.breaker.name()
                        ),
                        op,
                    ));
                };
                let start = self.clock.monotonic();
                let guard = CallGuard {
                    breaker: &self.breaker,
                    clock: &self.clock,
                    permit: Some(permit),
                    start,
                };
                let remaining = deadline_at.saturating_sub(start);
                let Ok(result) = tokio::time::timeout(remaining, call()).await else {
                    // Our deadline cut the attempt off: the vendor did not answer in time.
                    guard.finish(Some(true));
                    self.circuit_gauge();
                    return Err(self.own_error(
                        ErrorKind::Timeout,
                        format!("no answer within the {} ms deadline", deadline.as_millis()),
                        op,
                    ));
                };
                guard.finish(breaker_outcome(&result));
                self.circuit_gauge();
                let err = match result {
                    Ok(value) => return Ok(value),
                    Err(err) => err,
                };
                if !err.is_retryable() || !retry_safe || attempt >= self.policy.retry.max_attempts {
                    return Err(err);
                }
                let wait = match err.retry_after() {
                    Some(after) if after > self.policy.retry.max_retry_after => return Err(err),
                    Some(after) => after,
                    None => self.backoff(attempt),
                };
                // A wait that would end at or after the deadline is not worth starting.
                if self
                    .clock
                    .monotonic()
                    .checked_add(wait)
                    .is_none_or(|end| end >= deadline_at)
                {
                    return Err(err);
                }
                if !self.budget.try_withdraw() {
                    tracing::warn!("retry budget exhausted; not retrying");
                    return Err(err);
                }
                if let Some(metrics) = &self.metrics {
                    metrics
                        .retries
                        .with_label_values(&[vendor, op.as_str()])
                        .inc();
                }
                tracing::debug!(
                    error = err.kind().code(),
                    wait_ms = wait.as_millis() as u64,
                    "retrying"
                );
                tokio::time::sleep(wait).await;
            }
        };
        let result = attempts.instrument(span).await;
        report.finish(&result);
        result
    }

    fn cached(&self, key: &Key) -> Option<Reply> {
        let hit = self.cache.get(key, self.clock.monotonic());
        if let Some(metrics) = &self.metrics {
            let (result, column) = if hit.is_some() {
                ("hit", 0)
            } else {
                ("miss", 1)
            };
            let series = &self.cache_counters[key.index()][column];
            series
                .get_or_init(|| {
                    metrics
                        .cache
                        .with_label_values(&[self.inner.vendor(), key.kind(), result])
                })
                .inc();
        }
        hit
    }

    fn store(&self, key: Key, value: Reply) {
        let ttls = &self.policy.cache;
        let ttl = match key {
            Key::Property => ttls.property,
            Key::RoomTypes => ttls.room_types,
            Key::Availability(_) => ttls.availability,
            Key::Offers(_) => ttls.offers,
        };
        self.cache.put(key, value, self.clock.monotonic(), ttl);
    }
}

#[async_trait]
impl Layer for ResilientConnector {
    fn vendor(&self) -> &str {
        self.inner.vendor()
    }

    async fn call(&self, call: Call<'_>) -> Result<Reply, PmsError> {
        let key = match call {
            Call::Property => Some(Key::Property),
            Call::RoomTypes => Some(Key::RoomTypes),
            Call::Availability(stay) => Some(Key::Availability(*stay)),
            Call::Offers(request) => Some(Key::Offers(request.clone())),
            _ => None,
        };
        if let Some(hit) = key.as_ref().and_then(|key| self.cached(key)) {
            return Ok(hit);
        }
        // Whatever happens to a write (a timed-out or abandoned one may have committed), cached
        // inventory and prices of this hotel are stale afterwards.
        let _clear = call.is_write().then(|| ClearCache(&self.cache));
        // Reads and lookups are safe to repeat, a create by its idempotency key, a cancel by
        // contract; a modification has no key and could apply (or re-price) twice.
        let retry_safe = !matches!(call, Call::ModifyReservation(..));
        let inner = self.inner.as_ref();
        let reply = self
            .run(call.operation(), retry_safe, || call.send(inner))
            .await?;
        if let Some(key) = key {
            self.store(key, reply.clone());
        }
        Ok(reply)
    }
}
