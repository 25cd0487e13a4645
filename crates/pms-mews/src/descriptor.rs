//! The connector's plug-in point: its descriptor.

use std::sync::Arc;

use pms_contract::{Capability, CapabilitySet, PmsError, SharedConnector};
use pms_plugin::{BuildContext, ConnectorDescriptor, HotelConfig};

use crate::auth::{BodyTokens, MewsTokens};
use crate::config::{MewsConfig, mews_quota};
use crate::connector::MewsConnector;

/// A reservation id of Mews's shape (a GUID) that no reservation has.
pub const UNKNOWN_RESERVATION_ID: &str = "00000000-0000-4000-8000-000000000000";

/// What the connector implements: every capability but [`Capability::SearchByPhone`] (Mews
/// has no phone filter anywhere, so the guard refuses a phone search without I/O).
pub fn mews_capabilities() -> CapabilitySet {
    CapabilitySet::all().without(Capability::SearchByPhone)
}

/// The Mews connector's descriptor: vendor `mews`, [`mews_capabilities`], built by [`build`],
/// unknown reservation ids of Mews's shape; with the `golden` feature, the in-process Mews
/// sandbox with fault injection.
pub fn descriptor() -> ConnectorDescriptor {
    let descriptor = ConnectorDescriptor::new(crate::VENDOR, mews_capabilities(), build)
        .with_unknown_reservation_id(|_| UNKNOWN_RESERVATION_ID.to_owned());
    #[cfg(feature = "golden")]
    let descriptor = descriptor.with_sandbox(Arc::new(crate::harness::MewsSandboxPms));
    descriptor
}

/// A Mews hotel: `property` is the Mews `EnterpriseId`, `endpoints.api` the platform address
/// (default `https://api.mews.com`), `credentials.client_token` and
/// `credentials.access_token` name where the two tokens are (resolved on the first call and
/// read again, once for all concurrent callers, after Mews refused them; see [`MewsTokens`]), `account` keys the rate limit (default: the enterprise
/// id; give hotels sharing a portfolio access token one account). The rate limiter (local or
/// Redis, [`mews_quota`]), the HTTP client and its metrics come from `ctx`.
///
/// # Errors
///
/// `Validation` if a credential reference is missing; `Internal` if the endpoint is not an
/// `http(s)` URL.
pub fn build(hotel: &HotelConfig, ctx: &BuildContext) -> Result<SharedConnector, PmsError> {
    let config = MewsConfig::from_hotel(hotel);
    let client_token = ctx.credential(hotel, "client_token")?;
    let access_token = ctx.credential(hotel, "access_token")?;
    let tokens = MewsTokens::new(
        ctx.secrets.clone(),
        client_token,
        access_token,
        ctx.clock.clone(),
    );
    let limiter = ctx.rate_limiter(hotel, mews_quota());
    let http = ctx.http_client(config.http(), Arc::new(BodyTokens), limiter)?;
    Ok(Arc::new(MewsConnector::with_client(
        config,
        http,
        tokens,
        ctx.clock.clone(),
    )))
}
