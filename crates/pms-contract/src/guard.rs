//! The contract guard: validation and capability gating in front of every connector.

use async_trait::async_trait;
use tracing::Instrument;

use crate::{
    Availability, Capability, CapabilitySet, HealthStatus, IdempotencyKey, NewReservation, Offer,
    OfferRequest, Operation, PmsConnector, PmsError, Property, Reservation, ReservationChange,
    ReservationId, ReservationSearch, RoomType, SharedConnector, Stay, Validate,
};

/// Wraps a connector so that, before any I/O:
///
/// - a call needing a capability outside the hotel's effective set fails with
///   [`crate::ErrorKind::Unsupported`];
/// - the request is validated ([`Validate`]) and invalid input fails with
///   [`crate::ErrorKind::Validation`].
///
/// Errors coming back from the connector get the vendor and operation filled in. The factory
/// wraps every connector it hands out in a guard.
#[derive(Debug, Clone)]
pub struct ContractGuard {
    inner: SharedConnector,
    capabilities: CapabilitySet,
}

impl ContractGuard {
    /// Guards `inner`, allowing only `capabilities`.
    pub fn new(inner: SharedConnector, capabilities: CapabilitySet) -> Self {
        Self {
            inner,
            capabilities,
        }
    }

    /// The effective capabilities.
    pub fn capabilities(&self) -> CapabilitySet {
        self.capabilities
    }

    /// The guarded connector. Calls made on it directly bypass validation and gating; this is
    /// for decorators and test harnesses that re-guard it.
    pub fn inner(&self) -> &SharedConnector {
        &self.inner
    }

    fn require(&self, capability: Capability, op: Operation) -> Result<(), PmsError> {
        if self.capabilities.contains(capability) {
            Ok(())
        } else {
            Err(self.decorate(PmsError::unsupported(capability), op))
        }
    }

    fn decorate(&self, err: PmsError, op: Operation) -> PmsError {
        let err = err.with_operation(op);
        if err.context().vendor.is_none() {
            err.with_vendor(self.inner.vendor())
        } else {
            err
        }
    }

    async fn call<T, F>(&self, op: Operation, fut: F) -> Result<T, PmsError>
    where
        F: Future<Output = Result<T, PmsError>>,
    {
        let span = tracing::debug_span!(
            "pms_call",
            vendor = self.inner.vendor(),
            operation = op.as_str()
        );
        let result = fut.instrument(span.clone()).await;
        let _entered = span.enter();
        match result {
            Ok(value) => {
                tracing::debug!(outcome = "ok", "pms call finished");
                Ok(value)
            }
            Err(err) => {
                tracing::debug!(outcome = err.kind().code(), "pms call failed");
                Err(self.decorate(err, op))
            }
        }
    }
}

#[async_trait]
impl PmsConnector for ContractGuard {
    fn vendor(&self) -> &str {
        self.inner.vendor()
    }

    async fn property(&self) -> Result<Property, PmsError> {
        let op = Operation::Property;
        self.require(Capability::PropertyInfo, op)?;
        self.call(op, self.inner.property()).await
    }

    async fn room_types(&self) -> Result<Vec<RoomType>, PmsError> {
        let op = Operation::RoomTypes;
        self.require(Capability::RoomTypes, op)?;
        self.call(op, self.inner.room_types()).await
    }

    async fn availability(&self, stay: &Stay) -> Result<Vec<Availability>, PmsError> {
        let op = Operation::Availability;
        self.require(Capability::Availability, op)?;
        self.call(op, self.inner.availability(stay)).await
    }

    async fn offers(&self, request: &OfferRequest) -> Result<Vec<Offer>, PmsError> {
        let op = Operation::Offers;
        self.require(Capability::Offers, op)?;
        request.validate().map_err(|e| self.decorate(e, op))?;
        self.call(op, self.inner.offers(request)).await
    }

    async fn create_reservation(&self, request: &NewReservation) -> Result<Reservation, PmsError> {
        let op = Operation::CreateReservation;
        self.require(Capability::CreateReservation, op)?;
        request.validate().map_err(|e| self.decorate(e, op))?;
        self.call(op, self.inner.create_reservation(request)).await
    }

    async fn get_reservation(&self, id: &ReservationId) -> Result<Reservation, PmsError> {
        let op = Operation::GetReservation;
        self.require(Capability::GetReservation, op)?;
        self.call(op, self.inner.get_reservation(id)).await
    }

    async fn find_created(&self, key: &IdempotencyKey) -> Result<Option<Reservation>, PmsError> {
        let op = Operation::CreateReservation;
        self.require(Capability::CreateReservation, op)?;
        self.call(op, self.inner.find_created(key)).await
    }

    async fn search_reservations(
        &self,
        search: &ReservationSearch,
    ) -> Result<Vec<Reservation>, PmsError> {
        let op = Operation::SearchReservations;
        self.require(search.required_capability(), op)?;
        search.validate().map_err(|e| self.decorate(e, op))?;
        self.call(op, self.inner.search_reservations(search)).await
    }

    async fn modify_reservation(
        &self,
        id: &ReservationId,
        change: &ReservationChange,
    ) -> Result<Reservation, PmsError> {
        let op = Operation::ModifyReservation;
        for capability in change.required_capabilities().iter() {
            self.require(capability, op)?;
        }
        change.validate().map_err(|e| self.decorate(e, op))?;
        self.call(op, self.inner.modify_reservation(id, change))
            .await
    }

    async fn cancel_reservation(&self, id: &ReservationId) -> Result<Reservation, PmsError> {
        let op = Operation::CancelReservation;
        self.require(Capability::CancelReservation, op)?;
        self.call(op, self.inner.cancel_reservation(id)).await
    }

    async fn health(&self) -> Result<HealthStatus, PmsError> {
        self.call(Operation::Health, self.inner.health()).await
    }
}
