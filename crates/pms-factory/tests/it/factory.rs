use std::sync::Arc;

use pms_capabilities::CapabilityMatrix;
use pms_contract::{Capability, CapabilitySet, ErrorKind, PmsConnector};
use pms_factory::{ConnectorDescriptor, ConnectorFactory, ConnectorRegistry, FactoryError};
use pms_reference::{ReferenceConnector, ReferenceSeed};

use crate::{BERLIN, clock, factory, hotel};

fn reference_as(vendor: &'static str, capabilities: CapabilitySet) -> ConnectorDescriptor {
    ConnectorDescriptor::new(vendor, capabilities, |_, ctx| {
        Ok(Arc::new(ReferenceConnector::new(
            ReferenceSeed::berlin()?,
            ctx.clock.clone(),
        )))
    })
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

#[tokio::test]
async fn hotels_of_one_account_share_a_circuit_breaker() {
    let factory = factory();
    let mut a = hotel(BERLIN);
    a.account = Some("ACME".into());
    let mut b = a.clone();
    b.id = "berlin-annex".into();
    let mut c = a.clone();
    c.id = "elsewhere".into();
    c.account = None;
    assert_eq!(a.account_key(), "reference:ACME");
    // Without an account, the account is the property (the one account rule).
    assert_eq!(c.account_key(), "reference:REF-BER");
    c.property = pms_contract::PropertyId::new("REF-ZRH").unwrap();
    // Open ACME's breaker by hand: one recorded failure is enough with this configuration.
    let trip = pms_resilience::BreakerConfig {
        minimum_number_of_calls: 1,
        sliding_window_size: 1,
        ..pms_resilience::BreakerConfig::default()
    };
    let clock: clock::SharedClock = Arc::new(clock());
    let acme = factory.breakers().get("reference:ACME", trip, &clock);
    let permit = acme.try_acquire().unwrap();
    acme.record(permit, Some(true), std::time::Duration::ZERO);
    for config in [&a, &b] {
        let err = factory
            .build(config)
            .unwrap()
            .connector
            .room_types()
            .await
            .unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Unavailable, "{}", config.id);
        assert!(
            err.message()
                .contains("circuit breaker reference:ACME is open"),
            "{err}"
        );
    }
    assert!(
        factory
            .build(&c)
            .unwrap()
            .connector
            .room_types()
            .await
            .is_ok()
    );
}

#[test]
fn unknown_vendors_list_the_registered_ones() {
    let mut config = hotel(BERLIN);
    config.vendor = "fidelio".into();
    let err = factory().build(&config).unwrap_err();
    assert_eq!(
        err.to_string(),
        "hotel `berlin-ref`: unknown vendor `fidelio`; registered connectors: apaleo, mews, reference"
    );
    // A vendor of the matrix without a connector yet is just as unknown to the factory.
    config.vendor = "cloudbeds".into();
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
    assert_eq!(effective, matrix.vendor("mews").unwrap().usable());
    for capability in Capability::ALL {
        if !matrix.vendor("mews").unwrap().usable().contains(capability) {
            config.capabilities.insert(capability, true);
            assert!(factory.build(&config).is_err(), "{capability} widened");
            config.capabilities.remove(&capability);
        }
    }
}

#[test]
fn the_matrix_says_available_exactly_for_registered_connectors() {
    let matrix = CapabilityMatrix::builtin().unwrap();
    let registry = ConnectorRegistry::builtin();
    for entry in matrix.entries() {
        let registered = registry.get(entry.vendor.as_str()).is_some();
        let available = entry.connector == pms_capabilities::ConnectorStatus::Available;
        assert_eq!(
            registered, available,
            "{}: registered {registered}, matrix says {:?}",
            entry.vendor, entry.connector
        );
    }
}
