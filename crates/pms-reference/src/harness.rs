//! The golden harness over the reference connector (feature `golden`), and the golden suite's
//! probes for the reference connector and its identity provider.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use clock::{ManualClock, SharedClock};
use credentials::{RefreshPolicy, TokenCache};
use pms_contract::{PmsError, ReservationId, SharedConnector};
use pms_golden::{AuthProbe, Fault, FaultInjector, GoldenFixture, GoldenHarness, IoProbe};

use crate::{ReferenceConnector, ReferenceFault, ReferenceIdentity, ReferenceSeed};

impl IoProbe for ReferenceConnector {
    fn io_calls(&self) -> u64 {
        ReferenceConnector::io_calls(self)
    }
}

impl FaultInjector for ReferenceConnector {
    fn inject(&self, fault: Fault) {
        self.inject_fault(match fault {
            Fault::Fail { kind, times } => ReferenceFault::Fail { kind, times },
            Fault::CommitThenTimeout => ReferenceFault::CommitThenTimeout,
            Fault::Latency { delay, times } => ReferenceFault::Latency { delay, times },
            Fault::ExpireToken => ReferenceFault::ExpireToken,
            Fault::RejectCredentials => ReferenceFault::RejectCredentials,
        });
    }

    fn clear(&self) {
        self.clear_faults();
    }
}

impl AuthProbe for ReferenceIdentity {
    fn token_requests(&self) -> u64 {
        ReferenceIdentity::token_requests(self)
    }
}

/// Gives the golden suite a fresh [`ReferenceConnector`] per scenario, on a manual clock.
#[derive(Debug, Clone)]
pub struct ReferenceHarness {
    seed: ReferenceSeed,
    start: DateTime<Utc>,
    wrap: Option<fn(Arc<ReferenceConnector>) -> SharedConnector>,
}

impl ReferenceHarness {
    /// The Berlin (EUR) seed on a clock showing 2027-01-04 09:00 UTC.
    pub fn new() -> Result<Self, PmsError> {
        Self::with_seed(ReferenceSeed::berlin()?)
    }

    /// Any seed, on the same clock.
    pub fn with_seed(seed: ReferenceSeed) -> Result<Self, PmsError> {
        let start = Utc
            .with_ymd_and_hms(2027, 1, 4, 9, 0, 0)
            .single()
            .ok_or_else(|| PmsError::internal("invalid start time"))?;
        Ok(Self {
            seed,
            start,
            wrap: None,
        })
    }

    /// Hands the suite `wrap(connector)` instead of the connector itself: how tests put a
    /// deliberately broken decorator in front of the reference connector.
    #[must_use]
    pub fn wrapped(mut self, wrap: fn(Arc<ReferenceConnector>) -> SharedConnector) -> Self {
        self.wrap = Some(wrap);
        self
    }

    /// A fresh connector on a fresh manual clock, and the clock.
    pub fn connector(&self) -> (Arc<ReferenceConnector>, ManualClock) {
        let clock = ManualClock::new(self.start);
        let connector = Arc::new(ReferenceConnector::new(
            self.seed.clone(),
            Arc::new(clock.clone()),
        ));
        (connector, clock)
    }

    /// A fresh connector that authenticates every call with a token from its own identity
    /// provider, through the credential broker's token cache; the identity, and the clock.
    pub fn authenticated_connector(
        &self,
    ) -> (Arc<ReferenceConnector>, Arc<ReferenceIdentity>, ManualClock) {
        let clock = ManualClock::new(self.start);
        let shared: SharedClock = Arc::new(clock.clone());
        let identity = ReferenceIdentity::new();
        let tokens = TokenCache::new(
            crate::VENDOR,
            identity.fetcher(),
            shared.clone(),
            RefreshPolicy::default(),
        );
        let connector = Arc::new(
            ReferenceConnector::new(self.seed.clone(), shared).with_auth(identity.clone(), tokens),
        );
        (connector, identity, clock)
    }

    /// The first arrival date fixtures offer: two weeks after the clock's start.
    pub fn first_arrival(&self) -> NaiveDate {
        self.start.date_naive() + Days::new(14)
    }

    /// A fixture over a fresh authenticated connector, handing the suite
    /// `wrap(connector, identity)` as the connector under test while the probes and the fault
    /// injector stay on the reference connector itself. Nothing is declared missing.
    pub fn fixture_with(
        &self,
        wrap: impl FnOnce(Arc<ReferenceConnector>, Arc<ReferenceIdentity>) -> SharedConnector,
    ) -> Result<GoldenFixture, PmsError> {
        let (connector, identity, _clock) = self.authenticated_connector();
        // Reference ids are `<property>-<six digits>`; the store counts up from 1.
        let unknown = ReservationId::new(format!("{}-999999", self.seed.property.id))?;
        let shared = wrap(connector.clone(), identity.clone());
        Ok(GoldenFixture::new(shared, self.first_arrival())
            .with_io(connector.clone())
            .with_faults(connector)
            .with_auth(identity)
            .with_unknown_reservation_id(unknown))
    }
}

#[async_trait]
impl GoldenHarness for ReferenceHarness {
    fn name(&self) -> String {
        format!("reference:{}", self.seed.property.id)
    }

    async fn fixture(&self) -> Result<GoldenFixture, PmsError> {
        let wrap = self.wrap;
        self.fixture_with(|connector, _identity| match wrap {
            Some(wrap) => wrap(connector),
            None => connector,
        })
    }
}
