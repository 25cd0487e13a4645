//! The connector factory: from a hotel's configuration to a guarded connector.
//!
//! - [`HotelConfig`], [`BuildContext`], [`ConnectorDescriptor`], [`FactoryError`]: defined in
//!   `pms-plugin` (below the connectors, which export their descriptors) and re-exported here.
//! - [`ConnectorRegistry`]: a list of descriptors ([`ConnectorRegistry::builtin`] is
//!   [`builtin::descriptors`]: `pms_apaleo::descriptor()` and the reference connector's).
//!   Nothing vendor-specific lives in the factory but that list.
//! - [`ConnectorFactory`]: looks the vendor up, computes the hotel's effective capabilities
//!   (what the connector implements, narrowed by the vendor's capability matrix entry, narrowed
//!   again by the hotel's overrides; never widened), builds the connector with its
//!   [`BuildContext`] (clock, secrets, Redis, HTTP and credential metrics), wraps it in the
//!   resilient base (breaker per vendor account, [`HotelConfig::account_key`]) and a
//!   [`pms_contract::ContractGuard`].
//! - `FactoryHarness` (feature `golden`): runs the golden suite against any configured hotel,
//!   the fault scenarios included against a vendor's sandbox PMS.

#![forbid(unsafe_code)]

pub mod builtin;
mod factory;
#[cfg(feature = "golden")]
mod golden;
mod registry;

pub use factory::{ConnectorFactory, HotelConnector};
#[cfg(feature = "golden")]
pub use golden::FactoryHarness;
pub use pms_plugin::{
    BuildContext, BuildFn, ConnectorDescriptor, Endpoints, FactoryError, HotelConfig, account_of,
};
#[cfg(feature = "golden")]
pub use pms_plugin::{GoldenSandbox, SandboxPms};
pub use registry::ConnectorRegistry;
