//! A connector's descriptor: the one thing a connector crate exports to plug in.

use std::fmt;

use pms_contract::{CapabilitySet, PmsError, SharedConnector};

use crate::{BuildContext, HotelConfig};

/// Builds a connector for one hotel.
pub type BuildFn = fn(&HotelConfig, &BuildContext) -> Result<SharedConnector, PmsError>;

#[cfg(feature = "golden")]
type SandboxSlot = Option<std::sync::Arc<dyn crate::GoldenSandbox>>;
#[cfg(not(feature = "golden"))]
type SandboxSlot = ();

/// A connector as it plugs into the factory: its vendor id, what it implements, how to build
/// it from a hotel's configuration and (with the `golden` feature) its sandbox PMS for the
/// golden suite.
///
/// Each connector crate exports one (e.g. `pms_apaleo::descriptor()`); the factory's registry
/// is a list of them.
#[derive(Clone)]
pub struct ConnectorDescriptor {
    /// The vendor id hotels name in their configuration; for a vendor of the capability
    /// matrix, its id there.
    pub vendor: &'static str,
    /// What the connector implements. The factory narrows it further by the capability matrix
    /// (for matrix vendors) and by the hotel's configuration.
    pub capabilities: CapabilitySet,
    /// The constructor. It gets the rate limiter, credentials and metrics from the
    /// [`BuildContext`], never builds its own.
    pub build: BuildFn,
    /// Without the `golden` feature nothing reads it: there is no sandbox to hold.
    #[cfg_attr(not(feature = "golden"), allow(dead_code))]
    sandbox: SandboxSlot,
    /// A reservation id in the vendor's own format that no reservation has, for a hotel.
    unknown_reservation_id: Option<fn(&HotelConfig) -> String>,
}

impl ConnectorDescriptor {
    /// A descriptor without a sandbox.
    pub fn new(vendor: &'static str, capabilities: CapabilitySet, build: BuildFn) -> Self {
        Self {
            vendor,
            capabilities,
            build,
            sandbox: SandboxSlot::default(),
            unknown_reservation_id: None,
        }
    }

    /// Says how the vendor's reservation ids look: `id(hotel)` is one in the vendor's format
    /// that no reservation has. The golden suite's "not found" scenarios use it, so that a
    /// connector which rejects ids of a foreign shape early (as validation, not "not found")
    /// is still tested with an id it must look up.
    #[must_use]
    pub fn with_unknown_reservation_id(mut self, id: fn(&HotelConfig) -> String) -> Self {
        self.unknown_reservation_id = Some(id);
        self
    }

    /// An unknown reservation id in the vendor's format for `hotel`, if the descriptor says
    /// how they look.
    pub fn unknown_reservation_id(&self, hotel: &HotelConfig) -> Option<String> {
        self.unknown_reservation_id.map(|id| id(hotel))
    }
}

#[cfg(feature = "golden")]
impl ConnectorDescriptor {
    /// Adds the connector's sandbox PMS, which the golden suite can start per fixture to run
    /// the fault scenarios.
    #[must_use]
    pub fn with_sandbox(mut self, sandbox: std::sync::Arc<dyn crate::GoldenSandbox>) -> Self {
        self.sandbox = Some(sandbox);
        self
    }

    /// The connector's sandbox PMS, if it has one.
    pub fn sandbox(&self) -> Option<&std::sync::Arc<dyn crate::GoldenSandbox>> {
        self.sandbox.as_ref()
    }
}

impl fmt::Debug for ConnectorDescriptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectorDescriptor")
            .field("vendor", &self.vendor)
            .field("capabilities", &self.capabilities)
            .finish_non_exhaustive()
    }
}
