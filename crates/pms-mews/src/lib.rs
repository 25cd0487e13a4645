//! The Mews connector: VoiceHive's PMS contract ([`pms_contract::PmsConnector`]) mapped onto
//! the Mews Connector API (`POST {api}/api/connector/v1/<resource>/<action>`).
//!
//! - [`MewsConnector`] serves one enterprise (the hotel's `property` is the Mews
//!   `EnterpriseId`). Every request goes through [`pms_http::VendorHttpClient`] (the account's
//!   rate limit, metrics, status mapping with `Request-Id` as the vendor request id); the
//!   envelope `ClientToken`, `AccessToken`, `Client` is in every body. The tokens are secret
//!   references ([`MewsTokens`]) read on the first call and, after a 401, read again (once for
//!   all concurrent callers, backed off while the store holds the refused ones) so that a
//!   rotated token is picked up and the refused call repeated once; they never appear in
//!   logs, errors or `Debug` output.
//! - Stay dates are the enterprise's local dates; on the wire each is the UTC instant of its
//!   local midnight (DST-aware). Money is parsed exactly from Mews's JSON numbers, and every
//!   contract amount is the `GrossValue` (what the guest pays), also in `Net` enterprises.
//! - Mews has no idempotency key: a create sends a token derived from the contract's key as
//!   `ChannelNumber` and looks it up before booking (and after an unknown outcome), so a
//!   repeated create returns the first booking and a reused key with another request is a
//!   conflict. [`pms_contract::PmsConnector::find_created`] is that look-up.
//! - Mews cannot search by phone: [`descriptor`] leaves `search_by_phone` out.
//! - `MewsHarness` (feature `golden`, off by default) runs the golden suite against a fresh
//!   in-process `mews_sandbox` per scenario, with fault injection; with the feature the
//!   descriptor also carries the sandbox for `voicehive golden --sandbox`.

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

pub use auth::{BodyTokens, CLIENT, MewsTokens};
pub use config::{FreeCancellation, MewsConfig, mews_quota};
pub use connector::{MAX_INVENTORY_PAGES, MAX_SEARCH_PAGES, MewsConnector};
pub use descriptor::{UNKNOWN_RESERVATION_ID, build, descriptor, mews_capabilities};
#[cfg(feature = "golden")]
pub use harness::{
    HARNESS_ATTEMPT_TIMEOUT, MewsHarness, SandboxFaults, SandboxProbe, SandboxTokens,
};

/// The vendor id, as in hotel files, the capability matrix, errors and metrics.
pub const VENDOR: &str = "mews";

#[cfg(test)]
mod tests;
