//! The resilient base: what every connector runs behind, so that adapters only translate.
//!
//! [`ResilientConnector`] wraps any [`pms_contract::PmsConnector`] and adds, for every call:
//!
//! - a **deadline** per operation, covering all attempts; an attempt it cuts off counts as a
//!   failed call with the breaker, while a call whose caller goes away (drops the future, e.g.
//!   a client that hung up) counts as neither failure nor success (outcome `cancelled`);
//! - **retries** of retryable errors (rate limits, unavailability, timeouts) with exponential
//!   backoff and full jitter, honouring the vendor's retry-after, limited by a **retry budget**;
//!   writes are retried only when repeating them is safe: creates carry an idempotency key and
//!   cancels are idempotent by contract; modifications are never retried;
//! - a **circuit breaker** per vendor account ([`CircuitBreaker`]) with Resilience4j semantics
//!   (count-based sliding window, failure-rate and slow-call thresholds, minimum calls, open
//!   wait, half-open trial calls); while open, calls fail fast with an unavailable error and
//!   no I/O;
//! - a **read cache** (property, room types, availability, offers) with per-kind TTLs,
//!   cleared for the hotel on every reservation write;
//! - **telemetry**: a `pms_call` span per call and Prometheus metrics ([`ResilienceMetrics`]).
//!
//! All timing goes through an injected [`clock::Clock`] and `tokio::time`; presets with
//! documented defaults are in [`ResiliencePolicy`].

#![forbid(unsafe_code)]

mod breaker;
mod budget;
mod cache;
mod metrics;
mod policy;
mod wrapper;

pub use breaker::{
    BreakerConfig, BreakerRegistry, BreakerSnapshot, CircuitBreaker, CircuitState, Permit,
};
pub use budget::RetryBudget;
pub use cache::CacheTtls;
pub use metrics::ResilienceMetrics;
pub use policy::{Deadlines, ResiliencePolicy, RetryPolicy};
pub use wrapper::ResilientConnector;
