//! The connector's plug-in point: its descriptor.

use std::sync::Arc;

use pms_contract::{CapabilitySet, PmsError, SharedConnector};
use pms_plugin::{BuildContext, ConnectorDescriptor, HotelConfig};

use crate::auth::SecretRefClientCredentials;
use crate::{ApaleoConfig, ApaleoConnector};

/// The Apaleo connector's descriptor: vendor `apaleo`, every capability (the factory narrows
/// them by Apaleo's capability matrix entry), built by [`build`]; with the `golden` feature,
/// the in-process Apaleo sandbox with fault injection.
pub fn descriptor() -> ConnectorDescriptor {
    let descriptor = ConnectorDescriptor::new(crate::VENDOR, CapabilitySet::all(), build)
        .with_unknown_reservation_id(|_| UNKNOWN_RESERVATION_ID.to_owned());
    #[cfg(feature = "golden")]
    let descriptor = descriptor.with_sandbox(Arc::new(crate::harness::ApaleoSandboxPms));
    descriptor
}

/// A reservation id of Apaleo's shape (a booking id of eight capital letters, `-`, the
/// reservation's number in the booking) that no reservation has.
pub const UNKNOWN_RESERVATION_ID: &str = "ZZZZZZZZ-1";

/// An Apaleo hotel: `property` is the Apaleo property id, `endpoints` may point at staging or
/// the sandbox, `credentials.client_id` and `credentials.client_secret` name where the
/// client's id and secret are (resolved at each token fetch), `account` keys the rate limit.
/// The rate limiter (local or Redis), the token cache and the metrics come from `ctx`.
///
/// # Errors
///
/// `Validation` if a credential reference is missing; `Internal` if an endpoint is not an
/// `http(s)` URL.
pub fn build(hotel: &HotelConfig, ctx: &BuildContext) -> Result<SharedConnector, PmsError> {
    let config = ApaleoConfig::from_hotel(hotel);
    let client_id = ctx.credential(hotel, "client_id")?;
    let client_secret = ctx.credential(hotel, "client_secret")?;
    let fetcher = SecretRefClientCredentials::new(
        config.token_url(),
        ctx.secrets.clone(),
        client_id,
        client_secret,
    )
    .map_err(|e| crate::connector::config_error(&e))?;
    let auth = ctx.bearer_auth(crate::VENDOR, Arc::new(fetcher));
    let limiter = ctx.rate_limiter(hotel, config.tier.quota());
    let mut connector = ApaleoConnector::new(config, auth, limiter, ctx.clock.clone())?;
    if let Some(metrics) = &ctx.http_metrics {
        connector = connector.with_http_metrics(metrics.clone());
    }
    Ok(Arc::new(connector))
}
