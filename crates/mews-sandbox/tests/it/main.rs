//! Integration tests: the sandbox through real HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

mod admin;
mod catalog;
mod customers;
mod envelope;
mod faults;
mod inventory;
mod reservations;
