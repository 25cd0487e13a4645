//! Integration tests of the residency checks: endpoints against policies, the policy as a TOML
//! table, and the eu-check scanner on the fixtures under `tests/fixtures/`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod endpoints;
mod policy;
mod scan;
