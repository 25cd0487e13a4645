//! Integration tests of the reference connector: the golden suite against it (Berlin/EUR and
//! Zürich/CHF), proof that the suite catches broken connectors, and reference-specific rules.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod broken;
mod faults;
mod suite;
