//! The reference connector's plug-in point: its descriptor.

use std::sync::Arc;

use pms_contract::{CapabilitySet, PmsError, SharedConnector};
use pms_plugin::{BuildContext, ConnectorDescriptor, HotelConfig};

use crate::{ReferenceConnector, ReferenceSeed};

/// The reference connector: the in-memory PMS with the seeded properties `REF-BER` and
/// `REF-ZRH`.
pub fn descriptor() -> ConnectorDescriptor {
    let descriptor = ConnectorDescriptor::new(crate::VENDOR, CapabilitySet::all(), build)
        .with_unknown_reservation_id(|hotel| format!("{}-999999", hotel.property));
    #[cfg(feature = "golden")]
    let descriptor = descriptor.with_sandbox(Arc::new(sandbox::ReferenceSandbox));
    descriptor
}

fn seed(hotel: &HotelConfig) -> Result<ReferenceSeed, PmsError> {
    match hotel.property.as_str() {
        "REF-BER" => ReferenceSeed::berlin(),
        "REF-ZRH" => ReferenceSeed::zurich(),
        other => Err(PmsError::not_found(format!(
            "the reference PMS has no property {other}; it has REF-BER and REF-ZRH"
        ))),
    }
}

/// Builds the reference connector for a hotel whose `property` is `REF-BER` or `REF-ZRH`.
///
/// # Errors
///
/// `NotFound` for any other property.
pub fn build(hotel: &HotelConfig, ctx: &BuildContext) -> Result<SharedConnector, PmsError> {
    Ok(Arc::new(ReferenceConnector::new(
        seed(hotel)?,
        ctx.clock.clone(),
    )))
}

#[cfg(feature = "golden")]
mod sandbox {
    use std::sync::Arc;

    use crate::{ReferenceConnector, ReferenceIdentity};
    use async_trait::async_trait;
    use clock::SharedClock;
    use credentials::{RefreshPolicy, TokenCache};
    use pms_contract::PmsError;
    use pms_plugin::{GoldenSandbox, SandboxPms};

    use pms_plugin::HotelConfig;

    /// The reference PMS is its own sandbox: a fresh in-memory PMS per fixture, behind its
    /// identity provider, with fault injection.
    #[derive(Debug)]
    pub(super) struct ReferenceSandbox;

    #[async_trait]
    impl GoldenSandbox for ReferenceSandbox {
        fn is_the_pms(&self) -> bool {
            true
        }

        async fn start(
            &self,
            hotel: &HotelConfig,
            clock: SharedClock,
        ) -> Result<SandboxPms, PmsError> {
            let identity = ReferenceIdentity::new();
            let tokens = TokenCache::new(
                crate::VENDOR,
                identity.fetcher(),
                clock.clone(),
                RefreshPolicy::default(),
            );
            let connector = Arc::new(
                ReferenceConnector::new(super::seed(hotel)?, clock)
                    .with_auth(identity.clone(), tokens),
            );
            Ok(SandboxPms {
                hotel: hotel.clone(),
                secrets: None,
                connector: Some(connector.clone()),
                faults: Some(connector),
                auth: Some(identity),
            })
        }
    }
}
