//! The golden suite against a configured hotel.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{Days, NaiveDate};
use pms_contract::{
    CapabilitySet, ContractGuard, PmsConnector, PmsError, Property, ReservationId, SharedConnector,
};
use pms_golden::{CountingConnector, GoldenFixture, GoldenHarness, Lack};
use pms_plugin::GoldenSandbox;

use crate::{ConnectorFactory, FactoryError, HotelConfig};

/// Runs the suite against the connector the factory builds for a hotel. Each fixture is a
/// freshly built connector; calls reaching it are counted so the suite can prove that rejected
/// calls never reach the PMS.
///
/// With the vendor's sandbox ([`FactoryHarness::sandbox`], automatic for a vendor whose
/// sandbox is its PMS, such as the reference connector) each fixture starts a fresh sandbox
/// PMS, builds the vendor connector for the hotel pointed at it (through the factory's build
/// context: credentials, rate limiter, metrics) and injects faults there, so the fault
/// scenarios run too; they put their own resilient base in front of the vendor connector.
#[derive(Debug, Clone)]
pub struct FactoryHarness {
    factory: ConnectorFactory,
    hotel: HotelConfig,
    allow_live_writes: bool,
    read_only: bool,
    exclusive: bool,
    first_arrival: Option<NaiveDate>,
    sandbox: Option<Arc<dyn GoldenSandbox>>,
}

impl FactoryHarness {
    /// A harness for `hotel`. Writes are allowed unless the hotel is live, by its file
    /// (`live = true`) or by its PMS (e.g. Apaleo's property status `Live`); see
    /// [`FactoryHarness::allow_live_writes`].
    pub fn new(factory: ConnectorFactory, hotel: HotelConfig) -> Self {
        // A vendor whose sandbox is its PMS (an in-memory PMS) always runs against it.
        let sandbox = factory
            .registry()
            .get(&hotel.vendor)
            .and_then(|descriptor| descriptor.sandbox())
            .filter(|sandbox| sandbox.is_the_pms())
            .cloned();
        Self {
            factory,
            hotel,
            allow_live_writes: false,
            read_only: false,
            exclusive: false,
            first_arrival: None,
            sandbox,
        }
    }

    /// Runs against a fresh in-process sandbox of the hotel's vendor per fixture instead of
    /// the hotel's endpoints: the hotel keeps its property, account and capability overrides.
    /// The sandbox is exclusive and injects faults, so every scenario can run.
    ///
    /// # Errors
    ///
    /// [`FactoryError::UnknownVendor`] for an unregistered vendor, [`FactoryError::Config`] if
    /// the vendor's connector has no sandbox.
    pub fn sandbox(mut self) -> Result<Self, FactoryError> {
        let descriptor = self.factory.descriptor(&self.hotel)?;
        let Some(sandbox) = descriptor.sandbox() else {
            return Err(FactoryError::Config {
                origin: format!("hotel `{}`", self.hotel.id),
                message: format!(
                    "the {} connector has no sandbox to run the golden suite against",
                    self.hotel.vendor
                ),
            });
        };
        self.sandbox = Some(sandbox.clone());
        self.exclusive = true;
        Ok(self)
    }

    /// Whether fixtures run against the vendor's sandbox (with fault injection).
    pub fn uses_sandbox(&self) -> bool {
        self.sandbox.is_some()
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
        if let Some(sandbox) = &self.sandbox {
            return self.sandbox_fixture(sandbox.as_ref()).await;
        }
        let (resilient, capabilities, _breaker) = self
            .factory
            .build_unguarded(&self.hotel)
            .map_err(|e| PmsError::internal(e.to_string()))?;
        let property = property(&resilient, capabilities).await;
        let counting = CountingConnector::new(resilient);
        let first_arrival = self.arrival_from(property.as_ref())?;
        let mut fixture = GoldenFixture::new(counting.clone(), first_arrival)
            .with_capabilities(capabilities)
            .with_io(counting)
            .lacking(Lack::FaultInjector)
            .lacking(Lack::AuthProbe);
        if !self.exclusive {
            fixture = fixture.shared();
        }
        if !self.writes_allowed_for(property.and_then(|p| p.live)) {
            fixture = fixture.read_only();
        }
        self.with_vendor_ids(fixture)
    }
}

/// The property (its time zone tells "today", its PMS may mark it live), if it can be read.
async fn property(connector: &SharedConnector, capabilities: CapabilitySet) -> Option<Property> {
    ContractGuard::new(connector.clone(), capabilities)
        .property()
        .await
        .ok()
}

impl FactoryHarness {
    /// The first arrival date: the configured one, else 30 days after today in the property's
    /// time zone (UTC's today without property info is close enough).
    fn arrival_from(&self, property: Option<&Property>) -> Result<NaiveDate, PmsError> {
        if let Some(date) = self.first_arrival {
            return Ok(date);
        }
        let now = self.factory.clock().now();
        let today = property.map_or_else(
            || now.date_naive(),
            |p| now.with_timezone(&p.time_zone).date_naive(),
        );
        today
            .checked_add_days(Days::new(30))
            .ok_or_else(|| PmsError::internal("today is at the end of the calendar"))
    }

    /// Gives the fixture an unknown reservation id in the vendor's format, if its descriptor
    /// says how the vendor's ids look.
    fn with_vendor_ids(&self, fixture: GoldenFixture) -> Result<GoldenFixture, PmsError> {
        let id = self
            .factory
            .registry()
            .get(&self.hotel.vendor)
            .and_then(|descriptor| descriptor.unknown_reservation_id(&self.hotel));
        Ok(match id {
            Some(id) => fixture.with_unknown_reservation_id(ReservationId::new(id)?),
            None => fixture,
        })
    }

    /// A fixture against a fresh sandbox: the vendor connector (not the factory's resilient
    /// stack: the fault scenarios put their own in front), counted, with the sandbox's faults
    /// and token probe.
    async fn sandbox_fixture(
        &self,
        sandbox: &dyn GoldenSandbox,
    ) -> Result<GoldenFixture, PmsError> {
        let pms = sandbox
            .start(&self.hotel, self.factory.clock().clone())
            .await?;
        let factory = match &pms.secrets {
            Some(secrets) => self.factory.clone().with_secrets(secrets.clone()),
            None => self.factory.clone(),
        };
        let to_pms = |e: FactoryError| PmsError::internal(e.to_string());
        let capabilities = factory.effective_capabilities(&pms.hotel).map_err(to_pms)?;
        let connector = match pms.connector {
            Some(connector) => connector,
            None => factory.build_vendor(&pms.hotel).map_err(to_pms)?,
        };
        let property = property(&connector, capabilities).await;
        let counting = CountingConnector::new(connector);
        let first_arrival = self.arrival_from(property.as_ref())?;
        let mut fixture = GoldenFixture::new(counting.clone(), first_arrival)
            .with_capabilities(capabilities)
            .with_io(counting);
        fixture = match pms.faults {
            Some(faults) => fixture.with_faults(faults),
            None => fixture.lacking(Lack::FaultInjector),
        };
        fixture = match pms.auth {
            Some(auth) => fixture.with_auth(auth),
            None => fixture.lacking(Lack::AuthProbe),
        };
        if !self.writes_allowed_for(property.and_then(|p| p.live)) {
            fixture = fixture.read_only();
        }
        self.with_vendor_ids(fixture)
    }
}
