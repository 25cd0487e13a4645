//! The HTTP client every PMS vendor adapter uses, so that adapters only translate.
//!
//! An adapter describes a call as a [`VendorRequest`] (method, path template with parameters,
//! query pairs, JSON or form body, extra headers and the contract [`Operation`]) and gets back a
//! [`VendorResponse`] or a [`PmsError`]. For every attempt the [`VendorHttpClient`]:
//!
//! 1. waits for the account's [`RateLimiter`] ([`LocalRateLimiter`] in one process,
//!    [`RedisRateLimiter`] shared by all replicas);
//! 2. adds the authorization from a [`credentials::RequestAuth`]; after a 401 it asks once for a
//!    fresh authorization ([`credentials::RequestAuth::reauthorize`]) and repeats the request once;
//! 3. maps the vendor's answer onto the contract's [`ErrorKind`] with one function,
//!    [`map_error_response`], filling vendor, operation, HTTP status and the vendor's request id
//!    into the [`pms_contract::ErrorContext`].
//!
//! There are no other retries here: the resilient wrapper above this client retries, using
//! [`PmsError::is_retryable`] and [`PmsError::retry_after`].
//!
//! Vendors' amounts are JSON numbers: [`ExactAmount`] reads them as exact decimals, never
//! through floating-point arithmetic (every connector's money parsing rests on it).
//!
//! # Privacy
//!
//! Query values, paths with parameters filled in, bodies and headers can carry guest data (a
//! reservation search by e-mail puts the address in the query). So logs name only the path
//! *template*, errors never quote a URL, a body or a transport error's text, and the vendor's
//! validation messages (which may echo input) pass through [`HttpConfig::sanitize`] (by default
//! [`redact_contact_details`]) and are truncated to 200 characters each.
//!
//! # Metrics
//!
//! [`HttpMetrics`] counts attempts by vendor, operation and status class, and records attempt
//! latency, rate-limit waits, re-authorizations after a 401 and rate-limiter fallbacks.

#![forbid(unsafe_code)]

mod client;
mod config;
mod mapping;
mod metrics;
mod money;
mod rate_limit;
mod request;
mod sanitize;

pub use client::{MAX_BODY_BYTES, VendorHttpClient};
pub use config::HttpConfig;
pub use mapping::{
    map_credential_error, map_error_response, map_transport_error, parse_retry_after,
    vendor_messages,
};
pub use metrics::HttpMetrics;
pub use money::{ExactAmount, decimal_from_number};
pub use rate_limit::{
    LocalRateLimiter, Quota, RateLimiter, RedisRateLimiter, SharedDecision, TokenBucket, Unlimited,
};
pub use request::{RequestBody, VendorRequest, VendorResponse};
pub use sanitize::{MAX_VENDOR_MESSAGE_CHARS, redact_contact_details, truncate_chars};

pub use pms_contract::{ErrorKind, Operation, PmsError};
