//! Integration tests: the sandbox through real HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

mod auth;
mod booking_lifecycle;
mod errors;
mod faults;
mod idempotency;
mod inventory;
mod paging_and_search;
mod stay_actions;
