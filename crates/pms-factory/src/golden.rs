//! The golden suite against a configured hotel.

use async_trait::async_trait;
use chrono::{Days, NaiveDate};
use pms_contract::{PmsConnector, PmsError};
use pms_golden::{CountingConnector, GoldenFixture, GoldenHarness};

use crate::{ConnectorFactory, HotelConfig};

/// Runs the suite against the connector the factory builds for a hotel. Each fixture is a
/// freshly built connector; calls reaching it are counted so the suite can prove that rejected
/// calls never reach the PMS.
#[derive(Debug, Clone)]
pub struct FactoryHarness {
    factory: ConnectorFactory,
    hotel: HotelConfig,
    allow_writes: bool,
    exclusive: bool,
    first_arrival: Option<NaiveDate>,
}

impl FactoryHarness {
    /// A harness for `hotel`. Writes are allowed unless the hotel is live; see
    /// [`FactoryHarness::allow_live_writes`].
    pub fn new(factory: ConnectorFactory, hotel: HotelConfig) -> Self {
        let allow_writes = !hotel.live;
        Self {
            factory,
            hotel,
            allow_writes,
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
        self.allow_writes = !self.hotel.live || allow;
        self
    }

    /// Forbids write scenarios whatever the hotel.
    #[must_use]
    pub fn read_only(mut self) -> Self {
        self.allow_writes = false;
        self
    }

    /// The first arrival date scenarios may book; defaults to 30 days after today in the
    /// property's time zone.
    #[must_use]
    pub fn first_arrival(mut self, date: NaiveDate) -> Self {
        self.first_arrival = Some(date);
        self
    }

    /// Whether write scenarios will run.
    pub fn writes_allowed(&self) -> bool {
        self.allow_writes
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
        let built = self
            .factory
            .build(&self.hotel)
            .map_err(|e| PmsError::internal(e.to_string()))?;
        let counting = CountingConnector::new(built.connector.inner().clone());
        let first_arrival = match self.first_arrival {
            Some(date) => date,
            None => {
                let now = self.factory.clock().now();
                // "Today" is the property's; without property info, UTC's is close enough.
                let today = match built.connector.property().await {
                    Ok(property) => now.with_timezone(&property.time_zone).date_naive(),
                    Err(_) => now.date_naive(),
                };
                today
                    .checked_add_days(Days::new(30))
                    .ok_or_else(|| PmsError::internal("today is at the end of the calendar"))?
            }
        };
        Ok(GoldenFixture {
            connector: counting.clone(),
            first_arrival,
            exclusive: self.exclusive,
            capabilities: built.capabilities(),
            allow_writes: self.allow_writes,
            io: Some(counting),
            faults: None,
            auth: None,
        })
    }
}
