//! Integration tests of the Apaleo connector against the in-process Apaleo sandbox (and a
//! canned server for answers the sandbox never gives), including the golden contract suite.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth;
mod bounds;
mod descriptor;
mod errors;
mod fake;
mod harness;
mod limits;
mod operations;
mod support;

use pms_apaleo::ApaleoHarness;

pms_golden::golden_suite!(ApaleoHarness::new());
