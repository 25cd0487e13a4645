//! The golden hooks of a descriptor (feature `golden`).

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use clock::SharedClock;
use credentials::SecretStore;
use pms_contract::{PmsError, SharedConnector};
use pms_golden::{AuthProbe, FaultInjector};

use crate::HotelConfig;

/// A vendor's sandbox PMS with fault injection: the golden suite starts a fresh one per
/// fixture and runs every scenario, the fault scenarios included, against the connector the
/// descriptor builds for it.
#[async_trait]
pub trait GoldenSandbox: Send + Sync + fmt::Debug {
    /// Whether the sandbox is the vendor's PMS itself (an in-memory PMS such as the reference
    /// connector), so every golden run of the vendor's hotels uses it; `false` for a simulator
    /// of a remote PMS, used only when asked (`voicehive golden --sandbox`).
    fn is_the_pms(&self) -> bool {
        false
    }

    /// Starts a fresh sandbox for `hotel` (its property, capabilities and account are kept),
    /// on `clock`.
    ///
    /// # Errors
    ///
    /// `Unavailable` if the sandbox cannot start; `NotFound` if it has no such property.
    async fn start(&self, hotel: &HotelConfig, clock: SharedClock) -> Result<SandboxPms, PmsError>;
}

/// A running sandbox, as one golden fixture uses it. The probes and the fault injector keep
/// the sandbox running.
pub struct SandboxPms {
    /// The hotel as it reaches the sandbox: endpoints and credentials replaced by the
    /// sandbox's.
    pub hotel: HotelConfig,
    /// Resolves the hotel's credential references (the sandbox's client), if it has any.
    pub secrets: Option<Arc<dyn SecretStore>>,
    /// The vendor connector, when the sandbox is the connector itself (an in-memory PMS);
    /// `None` lets the factory build it from `hotel` with the descriptor.
    pub connector: Option<SharedConnector>,
    /// Injects faults at the sandbox.
    pub faults: Option<Arc<dyn FaultInjector>>,
    /// Counts the sandbox's token requests, if the connector authenticates.
    pub auth: Option<Arc<dyn AuthProbe>>,
}

impl fmt::Debug for SandboxPms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxPms")
            .field("hotel", &self.hotel.id)
            .field("connector", &self.connector.is_some())
            .field("faults", &self.faults.is_some())
            .field("auth", &self.auth.is_some())
            .finish_non_exhaustive()
    }
}
