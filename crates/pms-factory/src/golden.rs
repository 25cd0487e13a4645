//! The golden suite against a configured hotel.

use async_trait::async_trait;
use chrono::{Days, NaiveDate};
use pms_contract::{ContractGuard, PmsConnector, PmsError};
use pms_golden::{CountingConnector, GoldenFixture, GoldenHarness};

use crate::{ConnectorFactory, HotelConfig};

/// Runs the suite against the connector the factory builds for a hotel. Each fixture is a
/// freshly built connector; calls reaching it are counted so the suite can prove that rejected
/// calls never reach the PMS.
#[derive(Debug, Clone)]
pub struct FactoryHarness {
    factory: ConnectorFactory,
    hotel: HotelConfig,
    allow_live_writes: bool,
    read_only: bool,
    exclusive: bool,
    first_arrival: Option<NaiveDate>,
}

impl FactoryHarness {
    /// A harness for `hotel`. Writes are allowed unless the hotel is live, by its file
    /// (`live = true`) or by its PMS (e.g. Apaleo's property status `Live`); see
    /// [`FactoryHarness::allow_live_writes`].
    pub fn new(factory: ConnectorFactory, hotel: HotelConfig) -> Self {
        Self {
            factory,
            hotel,
            allow_live_writes: false,
            read_only: false,
            exclusive: false,
            first_arrival: None,
        }
    }

    /// Declares that nobody else books on the hotel's PMS while the suite runs, so scenarios
    /// that count units exactly can run. True for the in-memory reference PMS (each fixture
    /// is a fresh one) and for a sandbox of one's own; false for a shared test property.
    #[must_use]
    pub fn exclusive(mut self, exclusive: bool) -> Self {
        self.exclusive = exclusive;
        self
    }

    /// Allows write scenarios on a live hotel. They create and cancel real reservations.
    #[must_use]
    pub fn allow_live_writes(mut self, allow: bool) -> Self {
        self.allow_live_writes = allow;
        self
    }

    /// Forbids write scenarios whatever the hotel.
    #[must_use]
    pub fn read_only(mut self) -> Self {
        self.read_only = true;
        self
    }

    /// Whether write scenarios may run on a property whose liveness is `property_live` (as
    /// its PMS reports it).
    fn writes_allowed_for(&self, property_live: Option<bool>) -> bool {
        let live = self.hotel.live || property_live == Some(true);
        !self.read_only && (!live || self.allow_live_writes)
    }

    /// The first arrival date scenarios may book; defaults to 30 days after today in the
    /// property's time zone.
    #[must_use]
    pub fn first_arrival(mut self, date: NaiveDate) -> Self {
        self.first_arrival = Some(date);
        self
    }

    /// Whether write scenarios will run, as far as the hotel file tells (the PMS may still
    /// report the property live, which also stops them).
    pub fn writes_allowed(&self) -> bool {
        self.writes_allowed_for(None)
    }
}

#[async_trait]
impl GoldenHarness for FactoryHarness {
    fn name(&self) -> String {
        format!(
            "{}:{} (hotel {})",
            self.hotel.vendor, self.hotel.property, self.hotel.id
        )
    }

    async fn fixture(&self) -> Result<GoldenFixture, PmsError> {
        let (resilient, capabilities, _breaker) = self
            .factory
            .build_unguarded(&self.hotel)
            .map_err(|e| PmsError::internal(e.to_string()))?;
        // The property tells its time zone ("today") and whether the PMS marks it live.
        let property = ContractGuard::new(resilient.clone(), capabilities)
            .property()
            .await
            .ok();
        let counting = CountingConnector::new(resilient);
        let first_arrival = match self.first_arrival {
            Some(date) => date,
            None => {
                let now = self.factory.clock().now();
                // Without property info, UTC's today is close enough.
                let today = property.as_ref().map_or_else(
                    || now.date_naive(),
                    |p| now.with_timezone(&p.time_zone).date_naive(),
                );
                today
                    .checked_add_days(Days::new(30))
                    .ok_or_else(|| PmsError::internal("today is at the end of the calendar"))?
            }
        };
        Ok(GoldenFixture {
            connector: counting.clone(),
            first_arrival,
            exclusive: self.exclusive,
            capabilities,
            allow_writes: self.writes_allowed_for(property.and_then(|p| p.live)),
            io: Some(counting),
            faults: None,
            auth: None,
        })
    }
}
