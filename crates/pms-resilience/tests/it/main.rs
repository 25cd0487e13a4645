//! The resilient wrapper under tokio's paused time: every wait is exact and instant.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod behaviour;
mod cancellation;
mod clock;
mod fake;
