//! The repository's `capability_matrix.yaml`, as embedded in the crate.

use pms_capabilities::{CapabilityMatrix, ConnectorStatus, Support};
use pms_contract::{Capability, CapabilitySet};

fn builtin() -> CapabilityMatrix {
    match CapabilityMatrix::builtin() {
        Ok(matrix) => matrix,
        Err(err) => panic!("the built-in matrix does not load: {err}"),
    }
}

#[test]
fn builtin_matrix_has_five_vendors_with_every_capability() {
    let matrix = builtin();
    let vendors: Vec<&str> = matrix.vendors().map(|v| v.as_str()).collect();
    assert_eq!(
        vendors,
        ["apaleo", "mews", "opera_cloud", "cloudbeds", "protel"]
    );
    for vendor in vendors {
        let entry = matrix.vendor(vendor).unwrap();
        assert_eq!(entry.vendor, vendor);
        assert!(!entry.name.is_empty());
        assert!(!entry.auth.is_empty());
        assert!(!entry.rate_limits.is_empty());
        assert!(entry.sources.is_some(), "{vendor} names no sources");
        let listed: Vec<Capability> = entry.capabilities.keys().copied().collect();
        assert_eq!(listed, Capability::ALL, "{vendor}");
    }
}

#[test]
fn apaleo_and_mews_are_the_available_connectors() {
    for entry in builtin().entries() {
        let expected = if entry.vendor == "apaleo" || entry.vendor == "mews" {
            ConnectorStatus::Available
        } else {
            ConnectorStatus::Planned
        };
        assert_eq!(entry.connector, expected, "{}", entry.vendor);
    }
}

#[test]
fn partial_entries_explain_themselves_and_count_as_usable() {
    for entry in builtin().entries() {
        for (capability, support) in &entry.capabilities {
            if let Support::Partial { note } = support {
                assert!(note.len() > 20, "{} {capability}: {note}", entry.vendor);
                assert!(entry.usable().contains(*capability));
            }
        }
    }
}

#[test]
fn facts_the_research_notes_insist_on() {
    let matrix = builtin();
    let partial = |vendor: &str, capability| {
        matches!(
            matrix.vendor(vendor).and_then(|e| e.support(capability)),
            Some(Support::Partial { .. })
        )
    };
    // Apaleo has no confirmation number separate from the booking id, no e-mail filter and
    // no phone search (only a bounded scan).
    assert!(partial("apaleo", Capability::SearchByConfirmation));
    assert!(partial("apaleo", Capability::SearchByEmail));
    assert!(partial("apaleo", Capability::SearchByPhone));
    // Mews cannot search by phone at all.
    assert!(matches!(
        matrix
            .vendor("mews")
            .and_then(|e| e.support(Capability::SearchByPhone)),
        Some(Support::Unsupported { .. })
    ));
    // Mews has no guest-name filter on reservations.
    assert!(partial("mews", Capability::SearchByName));
    // protel modifies and cancels only reservations created by the partner.
    assert!(partial("protel", Capability::ModifyStay));
    assert!(partial("protel", Capability::CancelReservation));
    // OPERA Cloud has the richest search of the set.
    assert_eq!(
        matrix.vendor("opera_cloud").unwrap().usable(),
        CapabilitySet::all()
    );
    assert_eq!(
        matrix.vendor("opera_cloud").unwrap().fully_supported(),
        CapabilitySet::all()
    );
}

#[test]
fn unconfirmed_facts_are_never_plainly_supported() {
    // The YAML must say UNCONFIRMED in a note, so nothing built on an unconfirmed fact is `yes`.
    let yaml = include_str!("../../../../capability_matrix.yaml");
    assert!(yaml.contains("UNCONFIRMED"));
    for entry in builtin().entries() {
        for (capability, support) in &entry.capabilities {
            if support.note().is_some_and(|n| n.contains("UNCONFIRMED")) {
                assert_ne!(
                    *support,
                    Support::Supported,
                    "{} {capability}",
                    entry.vendor
                );
            }
        }
    }
}

#[test]
fn vendor_ids_are_validated_against_the_matrix() {
    let matrix = builtin();
    for vendor in matrix.vendors() {
        assert_eq!(matrix.vendor_id(vendor.as_str()).as_ref(), Ok(vendor));
        assert_eq!(vendor.to_string(), vendor.as_str());
    }
    let err = matrix.vendor_id("hilton").unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown vendor `hilton`; known: apaleo, mews, opera_cloud, cloudbeds, protel"
    );
    // The reference connector is a test double, not a vendor of the matrix.
    assert!(matrix.vendor_id("reference").is_err());
}
