//! The Apaleo connector: VoiceHive's PMS contract ([`pms_contract::PmsConnector`]) mapped onto
//! Apaleo's REST API (inventory, availability, booking and rate-plan APIs, v1).
//!
//! - [`ApaleoConnector`] serves one property. Build it from values
//!   ([`ApaleoConnector::with_client_credentials`]), from secret references resolved at each
//!   token fetch ([`ApaleoConnector::from_secret_refs`], what a hotel file names), or from your
//!   own authorization and rate limiter ([`ApaleoConnector::new`]). Construction does no I/O.
//! - Every request goes through [`pms_http::VendorHttpClient`]: OAuth2 bearer tokens from the
//!   credential broker, the account's rate limit, status mapping with the `Apaleo-Tracking-Id`.
//!   The connector never retries, sleeps or caches; the resilient base does.
//! - Money is parsed exactly from Apaleo's JSON numbers (never summed as floating point), stay
//!   dates are the property's local dates, errors and logs never carry guest data.
//! - [`descriptor`]: the connector's plug-in point for the factory (vendor id, capabilities,
//!   [`build`] from a hotel's configuration with the shared `pms_plugin::BuildContext`).
//! - `ApaleoHarness` (feature `golden`, off by default) runs the golden suite against a fresh
//!   in-process `apaleo_sandbox::ApaleoSandbox` per scenario, with fault injection; with the
//!   feature the descriptor also carries the sandbox, so `voicehive golden --sandbox` runs the
//!   fault scenarios through the factory. Without it the connector's dependencies reach
//!   neither the sandbox nor the golden suite.
//!
//! `docs/connectors/apaleo.md` documents the set-up, the mapping and the limitations.

#![forbid(unsafe_code)]

mod auth;
mod config;
mod connector;
mod descriptor;
#[cfg(feature = "golden")]
mod harness;
mod mapping;
mod money;
mod wire;

pub use auth::SecretRefClientCredentials;
pub use config::{AccountTier, ApaleoConfig};
pub use connector::{ApaleoConnector, MAX_PAGE_SIZE, MAX_SEARCH_PAGES, MIN_SEARCH_NAME_CHARS};
pub use descriptor::{UNKNOWN_RESERVATION_ID, build, descriptor};
#[cfg(feature = "golden")]
pub use harness::{
    ApaleoHarness, HARNESS_ATTEMPT_TIMEOUT, SandboxFaults, SandboxProbe, apaleo_capabilities,
};

/// The vendor id, as in hotel files, the capability matrix, errors and metrics.
pub const VENDOR: &str = "apaleo";

#[cfg(test)]
mod tests;
