//! The golden harness over the reference connector.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Days, TimeZone, Utc};
use clock::{ManualClock, SharedClock};
use credentials::{RefreshPolicy, TokenCache};
use pms_contract::{CapabilitySet, PmsError, SharedConnector};
use pms_golden::{GoldenFixture, GoldenHarness};

use crate::{ReferenceConnector, ReferenceIdentity, ReferenceSeed};

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
}

#[async_trait]
impl GoldenHarness for ReferenceHarness {
    fn name(&self) -> String {
        format!("reference:{}", self.seed.property.id)
    }

    async fn fixture(&self) -> Result<GoldenFixture, PmsError> {
        let (connector, identity, _clock) = self.authenticated_connector();
        let first_arrival = self.start.date_naive() + Days::new(14);
        let shared: SharedConnector = match self.wrap {
            Some(wrap) => wrap(connector.clone()),
            None => connector.clone(),
        };
        Ok(GoldenFixture {
            connector: shared,
            first_arrival,
            exclusive: true,
            capabilities: CapabilitySet::all(),
            allow_writes: true,
            io: Some(connector.clone()),
            faults: Some(connector),
            auth: Some(identity),
        })
    }
}
