//! Per-hotel overrides narrow the vendor's capabilities and never widen them.

use std::collections::BTreeMap;

use pms_capabilities::{CapabilityMatrix, WidenError, narrow};
use pms_contract::{Capability, CapabilitySet};

#[test]
fn false_switches_a_capability_off() {
    let vendor = CapabilitySet::all();
    let overrides = BTreeMap::from([
        (Capability::CancelReservation, false),
        (Capability::ModifyStay, false),
    ]);
    let narrowed = narrow(vendor, &overrides).unwrap();
    assert_eq!(
        narrowed,
        vendor
            .without(Capability::CancelReservation)
            .without(Capability::ModifyStay)
    );
    assert!(narrowed.is_subset(vendor));
}

#[test]
fn true_for_an_offered_capability_is_a_no_op() {
    let vendor: CapabilitySet = [Capability::PropertyInfo, Capability::Offers]
        .into_iter()
        .collect();
    let overrides = BTreeMap::from([(Capability::Offers, true)]);
    assert_eq!(narrow(vendor, &overrides), Ok(vendor));
    assert_eq!(narrow(vendor, &BTreeMap::new()), Ok(vendor));
}

#[test]
fn false_for_a_capability_the_vendor_lacks_is_harmless() {
    let vendor: CapabilitySet = [Capability::PropertyInfo].into_iter().collect();
    let overrides = BTreeMap::from([(Capability::Offers, false)]);
    assert_eq!(narrow(vendor, &overrides), Ok(vendor));
}

#[test]
fn true_for_a_capability_the_vendor_lacks_is_refused() {
    let matrix = CapabilityMatrix::builtin().unwrap();
    let protel = matrix.vendor("protel").unwrap().usable();
    assert!(!protel.contains(Capability::PropertyInfo));
    let overrides = BTreeMap::from([
        (Capability::PropertyInfo, true),
        (Capability::CancelReservation, false),
    ]);
    let err = narrow(protel, &overrides).unwrap_err();
    assert_eq!(
        err,
        WidenError {
            capability: Capability::PropertyInfo
        }
    );
    assert_eq!(
        err.to_string(),
        "capability `property_info` cannot be switched on for this hotel: the vendor does not \
         offer it; per-hotel overrides can only switch capabilities off"
    );
}
