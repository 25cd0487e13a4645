//! The connector registry: the one place connectors register.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use clock::SharedClock;
use credentials::SecretStore;
use pms_contract::{CapabilitySet, PmsError, SharedConnector};
use pms_reference::{ReferenceConnector, ReferenceSeed};

use crate::{FactoryError, HotelConfig};

/// What a connector gets from the process when it is built.
#[derive(Debug, Clone)]
pub struct BuildContext {
    /// The clock every time-dependent behaviour uses.
    pub clock: SharedClock,
    /// Where the hotel's credential references (`env:`, `file:`, `vault:`) are resolved.
    /// Connectors resolve them lazily, when they first need a token, so building does no I/O.
    pub secrets: Arc<dyn SecretStore>,
    /// Redis shared by every replica, to keep vendor rate limits per account across all of
    /// them; `None` keeps the limits in this process.
    pub redis: Option<redis::Client>,
}

/// Builds a connector for one hotel.
pub type BuildFn = fn(&HotelConfig, &BuildContext) -> Result<SharedConnector, PmsError>;

/// A registered connector.
#[derive(Clone)]
pub struct ConnectorDescriptor {
    /// The vendor id hotels name in their configuration.
    pub vendor: &'static str,
    /// What the connector implements. The factory narrows it further by the capability matrix
    /// (for matrix vendors) and by the hotel's configuration.
    pub capabilities: CapabilitySet,
    /// The constructor.
    pub build: BuildFn,
}

impl fmt::Debug for ConnectorDescriptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectorDescriptor")
            .field("vendor", &self.vendor)
            .field("capabilities", &self.capabilities)
            .finish_non_exhaustive()
    }
}

/// The registered connectors, by vendor id.
#[derive(Debug, Clone, Default)]
pub struct ConnectorRegistry {
    descriptors: BTreeMap<&'static str, ConnectorDescriptor>,
}

fn build_reference(hotel: &HotelConfig, ctx: &BuildContext) -> Result<SharedConnector, PmsError> {
    let seed = match hotel.property.as_str() {
        "REF-BER" => ReferenceSeed::berlin()?,
        "REF-ZRH" => ReferenceSeed::zurich()?,
        other => {
            return Err(PmsError::not_found(format!(
                "the reference PMS has no property {other}; it has REF-BER and REF-ZRH"
            )));
        }
    };
    Ok(Arc::new(ReferenceConnector::new(seed, ctx.clock.clone())))
}

/// An Apaleo hotel: `property` is the Apaleo property id, `endpoints` may point at staging or
/// the sandbox, `credentials.client_id` and `credentials.client_secret` name where the
/// client's id and secret are (resolved at the first token fetch), `account` keys rate limits.
fn build_apaleo(hotel: &HotelConfig, ctx: &BuildContext) -> Result<SharedConnector, PmsError> {
    let mut config = pms_apaleo::ApaleoConfig::new(hotel.property.as_str());
    if let Some(api) = &hotel.endpoints.api {
        config = config.with_api_base(api.clone());
    }
    if let Some(identity) = &hotel.endpoints.identity {
        config = config.with_identity_base(identity.clone());
    }
    if let Some(account) = &hotel.account {
        config = config.with_account(account.clone());
    }
    let reference = |name: &str| {
        hotel.credentials.get(name).cloned().ok_or_else(|| {
            PmsError::validation(format!(
                "hotel.credentials.{name} is required for apaleo (env:NAME, file:PATH or vault:MOUNT/PATH#KEY)"
            ))
        })
    };
    let (store, clock) = (ctx.secrets.clone(), ctx.clock.clone());
    let (client_id, client_secret) = (reference("client_id")?, reference("client_secret")?);
    let connector = match &ctx.redis {
        None => pms_apaleo::ApaleoConnector::from_secret_refs(
            config,
            store,
            client_id,
            client_secret,
            clock,
        )?,
        // Apaleo counts requests per client and account: every replica draws from one budget,
        // with the quota of the account's tier, as the local limiter would.
        Some(redis) => {
            let limiter = config.redis_rate_limiter(redis.clone(), clock.clone());
            pms_apaleo::ApaleoConnector::from_secret_refs_with_limiter(
                config,
                store,
                client_id,
                client_secret,
                Arc::new(limiter),
                clock,
            )?
        }
    };
    Ok(Arc::new(connector))
}

impl ConnectorRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every connector VoiceHive ships. Adding a connector means adding one entry here.
    pub fn builtin() -> Self {
        let mut registry = Self::new();
        let builtin = [
            ConnectorDescriptor {
                vendor: pms_reference::VENDOR,
                capabilities: CapabilitySet::all(),
                build: build_reference,
            },
            ConnectorDescriptor {
                vendor: pms_apaleo::VENDOR,
                // Narrowed by Apaleo's entry in the capability matrix.
                capabilities: CapabilitySet::all(),
                build: build_apaleo,
            },
        ];
        for descriptor in builtin {
            registry.descriptors.insert(descriptor.vendor, descriptor);
        }
        registry
    }

    /// Registers a connector (e.g. a partner's, in their own binary or tests).
    pub fn register(&mut self, descriptor: ConnectorDescriptor) -> Result<(), FactoryError> {
        if self.descriptors.contains_key(descriptor.vendor) {
            return Err(FactoryError::DuplicateVendor(descriptor.vendor.to_owned()));
        }
        self.descriptors.insert(descriptor.vendor, descriptor);
        Ok(())
    }

    /// The descriptor of `vendor`.
    pub fn get(&self, vendor: &str) -> Option<&ConnectorDescriptor> {
        self.descriptors.get(vendor)
    }

    /// Registered vendor ids, sorted.
    pub fn vendors(&self) -> Vec<&'static str> {
        self.descriptors.keys().copied().collect()
    }
}
