//! The plug-in point of PMS connectors, below every connector and the factory.
//!
//! - [`ConnectorDescriptor`]: what a connector crate exports (e.g. `pms_apaleo::descriptor()`):
//!   its vendor id, the capabilities it implements, how to build it for a hotel, and (feature
//!   `golden`) its [`GoldenSandbox`], a sandbox PMS with fault injection.
//! - [`HotelConfig`]: the vendor-independent settings of one hotel (our id, vendor, property,
//!   account, endpoints, credential references, capability overrides), read from TOML, with
//!   the one account rule ([`account_of`]).
//! - [`BuildContext`]: what the process hands a descriptor's build function: clock, secret
//!   store, optional Redis, metrics, and the shared code that picks the rate limiter (local or
//!   Redis, one per account), resolves credential references into a token cache and builds
//!   metered vendor HTTP clients, so no connector repeats it.
//! - [`FactoryError`]: why a hotel's connector could not be built (re-exported by
//!   `pms-factory`).

#![forbid(unsafe_code)]

mod config;
mod context;
mod descriptor;
mod error;
#[cfg(feature = "golden")]
mod golden;

pub use config::{Endpoints, HotelConfig, account_of};
pub use context::BuildContext;
pub use descriptor::{BuildFn, ConnectorDescriptor};
pub use error::FactoryError;
#[cfg(feature = "golden")]
pub use golden::{GoldenSandbox, SandboxPms};
