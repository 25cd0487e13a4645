use std::sync::Arc;

use pms_capabilities::{CapabilityMatrix, Vendor};
use pms_contract::{Capability, CapabilitySet, ErrorKind, PmsConnector};
use pms_factory::{ConnectorDescriptor, ConnectorFactory, ConnectorRegistry, FactoryError};
use pms_reference::{ReferenceConnector, ReferenceSeed};

use crate::{BERLIN, clock, factory, hotel};

fn reference_as(vendor: &'static str, capabilities: CapabilitySet) -> ConnectorDescriptor {
    ConnectorDescriptor {
        vendor,
        capabilities,
        build: |_, ctx| {
            Ok(Arc::new(ReferenceConnector::new(
                ReferenceSeed::berlin()?,
                ctx.clock.clone(),
            )))
        },
    }
}

#[tokio::test]
async fn builds_a_guarded_reference_connector() {
    let built = factory().build(&hotel(BERLIN)).unwrap();
    assert_eq!(built.hotel, "berlin-ref");
    assert_eq!(built.capabilities(), CapabilitySet::all());
    let property = built.connector.property().await.unwrap();
    assert_eq!(property.name, "Reference Hotel Berlin");
    assert_eq!(built.connector.vendor(), "reference");
}

#[test]
fn unknown_vendors_list_the_registered_ones() {
    let mut config = hotel(BERLIN);
    config.vendor = "fidelio".into();
    let err = factory().build(&config).unwrap_err();
    assert_eq!(
        err.to_string(),
        "hotel `berlin-ref`: unknown vendor `fidelio`; registered connectors: reference"
    );
    // A vendor of the matrix without a connector yet is just as unknown to the factory.
    config.vendor = "mews".into();
    assert!(matches!(
        factory().build(&config).unwrap_err(),
        FactoryError::UnknownVendor { .. }
    ));
}

#[test]
fn connector_errors_name_the_hotel() {
    let mut config = hotel(BERLIN);
    config.property = "REF-PAR".parse().unwrap();
    let err = factory().build(&config).unwrap_err();
    assert!(
        err.to_string()
            .contains("the reference PMS has no property REF-PAR"),
        "{err}"
    );
}

#[tokio::test]
async fn configuration_narrows_and_the_guard_refuses_without_calling_the_connector() {
    let mut config = hotel(BERLIN);
    config.capabilities.insert(Capability::PropertyInfo, false);
    config.capabilities.insert(Capability::Offers, true);
    let built = factory().build(&config).unwrap();
    assert_eq!(
        built.capabilities(),
        CapabilitySet::all().without(Capability::PropertyInfo)
    );
    let err = built.connector.property().await.unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::Unsupported {
            capability: Capability::PropertyInfo
        }
    );
    assert_eq!(err.context().vendor.as_deref(), Some("reference"));
    assert!(built.connector.room_types().await.is_ok());
}

#[test]
fn configuration_can_never_widen() {
    let mut registry = ConnectorRegistry::builtin();
    let read_only: CapabilitySet = [Capability::PropertyInfo, Capability::RoomTypes]
        .into_iter()
        .collect();
    registry
        .register(reference_as("readonly", read_only))
        .unwrap();
    let factory = ConnectorFactory::new(
        registry,
        CapabilityMatrix::builtin().unwrap(),
        Arc::new(clock()),
    );
    let mut config = hotel(BERLIN);
    config.vendor = "readonly".into();
    assert_eq!(factory.effective_capabilities(&config).unwrap(), read_only);
    config
        .capabilities
        .insert(Capability::CreateReservation, true);
    let err = factory.build(&config).unwrap_err();
    assert_eq!(
        err.to_string(),
        "hotel `berlin-ref`: capabilities.create_reservation = true, but the readonly connector \
         does not offer it; configuration may only switch capabilities off"
    );
}

#[test]
fn matrix_vendors_are_narrowed_by_the_matrix() {
    let matrix = CapabilityMatrix::builtin().unwrap();
    let mut registry = ConnectorRegistry::new();
    registry
        .register(reference_as("mews", CapabilitySet::all()))
        .unwrap();
    let err = registry
        .register(reference_as("mews", CapabilitySet::all()))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "a connector for vendor `mews` is already registered"
    );
    let factory = ConnectorFactory::new(registry, matrix.clone(), Arc::new(clock()));
    let mut config = hotel(BERLIN);
    config.vendor = "mews".into();
    let effective = factory.effective_capabilities(&config).unwrap();
    assert_eq!(effective, matrix.vendor(Vendor::Mews).usable());
    for capability in Capability::ALL {
        if !matrix.vendor(Vendor::Mews).usable().contains(capability) {
            config.capabilities.insert(capability, true);
            assert!(factory.build(&config).is_err(), "{capability} widened");
            config.capabilities.remove(&capability);
        }
    }
}
