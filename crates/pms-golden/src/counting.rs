//! A decorator that counts the calls reaching a connector.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use pms_contract::{
    Availability, HealthStatus, NewReservation, Offer, OfferRequest, PmsConnector, PmsError,
    Property, Reservation, ReservationChange, ReservationId, ReservationSearch, RoomType,
    SharedConnector, Stay,
};

use crate::IoProbe;

/// Counts every call that reaches the wrapped connector. A connector cannot do I/O for a call
/// it never receives, so for a harness without a deeper probe this proves "no I/O" for calls
/// the [`pms_contract::ContractGuard`] rejects.
#[derive(Debug)]
pub struct CountingConnector {
    inner: SharedConnector,
    calls: AtomicU64,
}

impl CountingConnector {
    /// Wraps `inner`.
    pub fn new(inner: SharedConnector) -> Arc<Self> {
        Arc::new(Self {
            inner,
            calls: AtomicU64::new(0),
        })
    }

    fn count(&self) {
        self.calls.fetch_add(1, Ordering::SeqCst);
    }
}

impl IoProbe for CountingConnector {
    fn io_calls(&self) -> u64 {
        self.calls.load(Ordering::SeqCst)
    }
}

#[async_trait]
impl PmsConnector for CountingConnector {
    fn vendor(&self) -> &str {
        self.inner.vendor()
    }

    async fn property(&self) -> Result<Property, PmsError> {
        self.count();
        self.inner.property().await
    }

    async fn room_types(&self) -> Result<Vec<RoomType>, PmsError> {
        self.count();
        self.inner.room_types().await
    }

    async fn availability(&self, stay: &Stay) -> Result<Vec<Availability>, PmsError> {
        self.count();
        self.inner.availability(stay).await
    }

    async fn offers(&self, request: &OfferRequest) -> Result<Vec<Offer>, PmsError> {
        self.count();
        self.inner.offers(request).await
    }

    async fn create_reservation(&self, request: &NewReservation) -> Result<Reservation, PmsError> {
        self.count();
        self.inner.create_reservation(request).await
    }

    async fn get_reservation(&self, id: &ReservationId) -> Result<Reservation, PmsError> {
        self.count();
        self.inner.get_reservation(id).await
    }

    async fn find_created(
        &self,
        key: &pms_contract::IdempotencyKey,
    ) -> Result<Option<Reservation>, PmsError> {
        self.count();
        self.inner.find_created(key).await
    }

    async fn search_reservations(
        &self,
        search: &ReservationSearch,
    ) -> Result<Vec<Reservation>, PmsError> {
        self.count();
        self.inner.search_reservations(search).await
    }

    async fn modify_reservation(
        &self,
        id: &ReservationId,
        change: &ReservationChange,
    ) -> Result<Reservation, PmsError> {
        self.count();
        self.inner.modify_reservation(id, change).await
    }

    async fn cancel_reservation(&self, id: &ReservationId) -> Result<Reservation, PmsError> {
        self.count();
        self.inner.cancel_reservation(id).await
    }

    async fn health(&self) -> Result<HealthStatus, PmsError> {
        self.count();
        self.inner.health().await
    }
}
