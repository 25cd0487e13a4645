//! Integration tests of the vendor HTTP client, against wiremock and the local Redis.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth;
mod client;
mod local_limiter;
mod logs;
mod redis_limiter;
mod support;
