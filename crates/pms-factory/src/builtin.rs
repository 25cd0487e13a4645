//! The list of built-in connectors.
//!
//! Every connector crate exports its descriptor; this list is the only place they are named.
//! The reference connector's descriptor is written here until `pms-reference` exports its own.

use std::sync::Arc;

use pms_contract::{CapabilitySet, PmsError, SharedConnector};
use pms_reference::{ReferenceConnector, ReferenceSeed};

use crate::{BuildContext, ConnectorDescriptor, HotelConfig};

/// The descriptors of every connector VoiceHive ships.
pub fn descriptors() -> Vec<ConnectorDescriptor> {
    vec![reference(), pms_apaleo::descriptor()]
}

/// The reference connector: the in-memory PMS with the seeded properties `REF-BER` and
/// `REF-ZRH`.
pub fn reference() -> ConnectorDescriptor {
    let descriptor =
        ConnectorDescriptor::new(pms_reference::VENDOR, CapabilitySet::all(), build_reference);
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

fn build_reference(hotel: &HotelConfig, ctx: &BuildContext) -> Result<SharedConnector, PmsError> {
    Ok(Arc::new(ReferenceConnector::new(
        seed(hotel)?,
        ctx.clock.clone(),
    )))
}

#[cfg(feature = "golden")]
mod sandbox {
    use std::sync::Arc;

    use async_trait::async_trait;
    use clock::SharedClock;
    use credentials::{RefreshPolicy, TokenCache};
    use pms_contract::PmsError;
    use pms_plugin::{GoldenSandbox, SandboxPms};
    use pms_reference::{ReferenceConnector, ReferenceIdentity};

    use crate::HotelConfig;

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
                pms_reference::VENDOR,
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
