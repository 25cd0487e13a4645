//! The golden suite against the reference connector.

use pms_reference::{ReferenceHarness, ReferenceSeed};

pms_golden::golden_suite!(ReferenceHarness::new().unwrap());

/// The same suite against a property outside the euro.
mod chf {
    use super::*;

    pms_golden::golden_suite!(
        ReferenceHarness::with_seed(ReferenceSeed::zurich().unwrap()).unwrap()
    );
}
