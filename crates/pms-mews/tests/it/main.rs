//! The Mews connector's integration tests: the golden suite against both enterprises of the
//! Mews sandbox, and focused tests of what the suite does not pin down.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod descriptor;
mod harness;
mod operations;
mod support;

mod berlin {
    pms_golden::golden_suite!(pms_mews::MewsHarness::berlin());
}

mod zurich {
    pms_golden::golden_suite!(pms_mews::MewsHarness::zurich());
}
