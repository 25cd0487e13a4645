//! The connector factory: from a hotel's configuration to a guarded connector.
//!
//! - [`HotelConfig`]: one hotel (our id, vendor, vendor property id, endpoints, a reference to
//!   its credentials, capability overrides), read from TOML.
//! - [`ConnectorRegistry`]: the one place connectors register ([`ConnectorRegistry::builtin`]).
//! - [`ConnectorFactory`]: looks the vendor up, computes the hotel's effective capabilities
//!   (what the connector implements, narrowed by the vendor's capability matrix entry, narrowed
//!   again by the hotel's overrides; never widened), builds the connector and wraps it in a
//!   [`pms_contract::ContractGuard`].
//! - [`FactoryHarness`]: runs the golden suite against any configured hotel.

#![forbid(unsafe_code)]

mod config;
mod error;
mod factory;
mod golden;
mod registry;

pub use config::{Endpoints, HotelConfig};
pub use error::FactoryError;
pub use factory::{ConnectorFactory, HotelConnector};
pub use golden::FactoryHarness;
pub use registry::{BuildContext, BuildFn, ConnectorDescriptor, ConnectorRegistry};
