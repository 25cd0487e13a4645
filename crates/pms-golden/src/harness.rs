//! What a connector author provides to run the suite.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::NaiveDate;
use pms_contract::{CapabilitySet, ErrorKind, PmsError, SharedConnector};

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

/// One fresh connector and what the suite must know about the PMS behind it.
#[derive(Clone)]
pub struct GoldenFixture {
    /// The connector under test, not yet guarded: the suite wraps it in a
    /// [`pms_contract::ContractGuard`] the way the factory does.
    pub connector: SharedConnector,
    /// The first arrival date the suite may book: in the future, with inventory for the 100
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
