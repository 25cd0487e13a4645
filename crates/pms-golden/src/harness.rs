//! What a connector author provides to run the suite.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::NaiveDate;
use pms_contract::{
    Capability, CapabilitySet, ErrorKind, PmsError, ReservationId, SharedConnector,
};

/// Counts the I/O a connector performed (HTTP requests, or calls into an in-memory PMS), so
/// that scenarios can prove a rejected call never reached the PMS.
pub trait IoProbe: Send + Sync + fmt::Debug {
    /// Calls that reached the PMS so far.
    fn io_calls(&self) -> u64;
}

/// A fault to inject at the PMS boundary of a connector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The next `times` calls fail with `kind`, without touching PMS state.
    Fail {
        /// The error kind to return.
        kind: ErrorKind,
        /// How many calls fail.
        times: u32,
    },
    /// The next write is committed by the PMS, but the caller sees a timeout.
    CommitThenTimeout,
    /// The next `times` calls take `delay` longer.
    Latency {
        /// Extra latency.
        delay: Duration,
        /// How many calls are slowed down.
        times: u32,
    },
    /// The PMS stops accepting every access token issued so far (as if they expired early).
    ExpireToken,
    /// The identity provider refuses the client's credentials from now on (until `clear`).
    RejectCredentials,
}

/// Counts the requests a connector made to its identity provider (token fetches).
pub trait AuthProbe: Send + Sync + fmt::Debug {
    /// Token requests so far, successful or not.
    fn token_requests(&self) -> u64;
}

/// Injects faults into the PMS a harness's connector talks to. Used by the resilience scenarios.
pub trait FaultInjector: Send + Sync + fmt::Debug {
    /// Queues a fault.
    fn inject(&self, fault: Fault);
    /// Removes every queued fault.
    fn clear(&self);
}

/// Something a fixture cannot provide, which makes the scenarios that need it skip.
///
/// A harness declares what it lacks ([`GoldenFixture::lacking`], [`GoldenFixture::shared`],
/// [`GoldenFixture::read_only`], [`GoldenFixture::with_capabilities`]). A scenario that skips
/// for a reason the fixture did not declare counts as failed: a harness that forgot a probe
/// must not stay green by skipping what it never ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Lack {
    /// No [`IoProbe`]: the "no I/O" checks cannot run.
    IoProbe,
    /// No [`FaultInjector`]: the resilience scenarios cannot run.
    FaultInjector,
    /// No [`AuthProbe`]: the token scenarios cannot run.
    AuthProbe,
    /// Writes are not allowed (e.g. a live hotel).
    Writes,
    /// Others may book on the PMS while the suite runs, so units cannot be counted exactly.
    Exclusive,
    /// No room type has few enough free units (at most six) to race for the last one.
    ScarceRoomType,
    /// The hotel does not offer this capability (declared by leaving it out of
    /// [`GoldenFixture::capabilities`]).
    Capability(Capability),
}

impl fmt::Display for Lack {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Lack::IoProbe => f.write_str("an I/O probe"),
            Lack::FaultInjector => f.write_str("a fault injector"),
            Lack::AuthProbe => f.write_str("an authentication probe"),
            Lack::Writes => f.write_str("permission to write"),
            Lack::Exclusive => f.write_str("a PMS nobody else books on"),
            Lack::ScarceRoomType => f.write_str("a room type with at most six free units"),
            Lack::Capability(capability) => write!(f, "the capability {capability}"),
        }
    }
}

/// One fresh connector and what the suite must know about the PMS behind it.
///
/// Build it with [`GoldenFixture::new`] and the `with_*` / `lacking` methods (the struct is
/// `#[non_exhaustive]`, so new fields do not break harnesses). The defaults expect everything
/// (exclusive, writes allowed, every capability) and declare nothing missing: a probe that is
/// neither given nor declared missing fails the scenarios that need it. The crate's example
/// `harness` shows a partner's harness.
#[derive(Clone)]
#[non_exhaustive]
pub struct GoldenFixture {
    /// The connector under test, not yet guarded: the suite wraps it in a
    /// [`pms_contract::ContractGuard`] the way the factory does.
    pub connector: SharedConnector,
    /// The first arrival date the suite may book: in the future, with inventory for the 120
    /// days after it. Scenarios spread their stays over those days, four days apart.
    pub first_arrival: NaiveDate,
    /// Whether nobody else books on this PMS while the suite runs (an in-memory PMS, a
    /// simulator, a sandbox of one's own). Scenarios that count units exactly (availability
    /// after a booking, the race for the last room) need it and are skipped otherwise.
    pub exclusive: bool,
    /// The capabilities the hotel has (usually all; narrower for a configured hotel whose
    /// vendor or configuration switches some off). Scenarios needing a missing one are skipped.
    pub capabilities: CapabilitySet,
    /// Whether scenarios may create, change and cancel reservations. `false` skips the write
    /// scenarios with a reason (e.g. a live hotel).
    pub allow_writes: bool,
    /// Counts I/O, if the harness can; without it the "no I/O" checks are skipped.
    pub io: Option<Arc<dyn IoProbe>>,
    /// Injects faults, if the harness can.
    pub faults: Option<Arc<dyn FaultInjector>>,
    /// Counts token requests, if the connector authenticates and the harness can tell.
    pub auth: Option<Arc<dyn AuthProbe>>,
    /// A reservation id in the vendor's own format that does not exist, so that "not found"
    /// is tested past any format check. `None`: the suite makes one up (`UNKNOWN-...`).
    pub unknown_reservation_id: Option<ReservationId>,
    /// What the harness declared it cannot provide (capabilities aside: those are declared by
    /// [`GoldenFixture::capabilities`]).
    pub lacks: BTreeSet<Lack>,
}

impl GoldenFixture {
    /// A fixture for `connector` with bookable inventory from `first_arrival` on: exclusive,
    /// writes allowed, every capability, no probes, nothing declared missing.
    pub fn new(connector: SharedConnector, first_arrival: NaiveDate) -> Self {
        Self {
            connector,
            first_arrival,
            exclusive: true,
            capabilities: CapabilitySet::all(),
            allow_writes: true,
            io: None,
            faults: None,
            auth: None,
            unknown_reservation_id: None,
            lacks: BTreeSet::new(),
        }
    }

    /// Counts I/O with `probe`.
    #[must_use]
    pub fn with_io(mut self, probe: Arc<dyn IoProbe>) -> Self {
        self.io = Some(probe);
        self
    }

    /// Injects faults with `injector`.
    #[must_use]
    pub fn with_faults(mut self, injector: Arc<dyn FaultInjector>) -> Self {
        self.faults = Some(injector);
        self
    }

    /// Counts token requests with `probe`.
    #[must_use]
    pub fn with_auth(mut self, probe: Arc<dyn AuthProbe>) -> Self {
        self.auth = Some(probe);
        self
    }

    /// Offers only `capabilities`; scenarios needing another one skip (declared).
    #[must_use]
    pub fn with_capabilities(mut self, capabilities: CapabilitySet) -> Self {
        self.capabilities = capabilities;
        self
    }

    /// Uses `id` (vendor format, known not to exist) as the unknown reservation id.
    #[must_use]
    pub fn with_unknown_reservation_id(mut self, id: ReservationId) -> Self {
        self.unknown_reservation_id = Some(id);
        self
    }

    /// Declares that the harness cannot provide `lack`: scenarios needing it skip instead of
    /// failing.
    #[must_use]
    pub fn lacking(mut self, lack: Lack) -> Self {
        match lack {
            Lack::Writes => self.allow_writes = false,
            Lack::Exclusive => self.exclusive = false,
            Lack::Capability(capability) => {
                self.capabilities = self.capabilities.without(capability);
            }
            _ => {}
        }
        self.lacks.insert(lack);
        self
    }

    /// Declares that others book on the PMS while the suite runs ([`Lack::Exclusive`]).
    #[must_use]
    pub fn shared(self) -> Self {
        self.lacking(Lack::Exclusive)
    }

    /// Declares that scenarios may not write ([`Lack::Writes`]).
    #[must_use]
    pub fn read_only(self) -> Self {
        self.lacking(Lack::Writes)
    }

    /// Whether the fixture declared `lack` (a capability counts as declared when it is not
    /// in [`GoldenFixture::capabilities`]).
    pub fn declares(&self, lack: Lack) -> bool {
        match lack {
            Lack::Capability(capability) => {
                !self.capabilities.contains(capability) || self.lacks.contains(&lack)
            }
            lack => self.lacks.contains(&lack),
        }
    }
}

impl fmt::Debug for GoldenFixture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GoldenFixture")
            .field("vendor", &self.connector.vendor())
            .field("first_arrival", &self.first_arrival)
            .field("exclusive", &self.exclusive)
            .field("capabilities", &self.capabilities)
            .field("allow_writes", &self.allow_writes)
            .field("io", &self.io.is_some())
            .field("faults", &self.faults.is_some())
            .field("auth", &self.auth.is_some())
            .field("unknown_reservation_id", &self.unknown_reservation_id)
            .field("lacks", &self.lacks)
            .finish()
    }
}

/// Builds fixtures for the suite. Each call returns a connector against a PMS state that other
/// scenarios do not disturb: a fresh in-memory PMS, or (for a real account) the same property,
/// which the suite keeps apart by giving every scenario its own dates and guest names.
#[async_trait]
pub trait GoldenHarness: Send + Sync {
    /// A short name for reports, e.g. `reference` or `apaleo:MUC`.
    fn name(&self) -> String;

    /// A fresh fixture.
    async fn fixture(&self) -> Result<GoldenFixture, PmsError>;
}

#[async_trait]
impl<H: GoldenHarness + ?Sized> GoldenHarness for Arc<H> {
    fn name(&self) -> String {
        (**self).name()
    }

    async fn fixture(&self) -> Result<GoldenFixture, PmsError> {
        (**self).fixture().await
    }
}
