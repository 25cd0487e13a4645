//! The connector trait every PMS integration implements.

use std::sync::Arc;

use async_trait::async_trait;

use crate::{
    Availability, Capability, ErrorKind, IdempotencyKey, NewReservation, Offer, OfferRequest,
    PmsError, Property, Reservation, ReservationChange, ReservationId, ReservationSearch, RoomType,
    Stay,
};

/// The health of a connector's link to its PMS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HealthStatus {
    /// Everything answers.
    Healthy,
    /// The PMS answers, with a limitation worth reporting (no guest data).
    Degraded {
        /// What is degraded.
        reason: String,
    },
}

/// A shared connector, as handed out by the factory.
pub type SharedConnector = Arc<dyn PmsConnector>;

/// One hotel's PMS, whatever the vendor.
///
/// A connector instance serves one property. Implementations translate between this contract
/// and the vendor's API; they do not validate input (the [`crate::ContractGuard`] did, once,
/// for every connector) and they do not retry (the resilient base does).
///
/// Semantics every implementation must keep, checked by the golden suite:
/// - all money is in the property's currency; an offer's total equals the sum of its nights;
/// - availability has one entry per night and room type;
/// - `create_reservation` with an idempotency key seen before returns the first reservation if
///   the request is the same, and a [`crate::ErrorKind::Conflict`] if it differs;
/// - `cancel_reservation` is idempotent; modifying a cancelled reservation is
///   [`crate::ErrorKind::InvalidState`]; unknown ids are [`crate::ErrorKind::NotFound`];
/// - searches that match nothing return an empty list;
/// - no error message, log line or `Debug` output contains guest personal data.
#[async_trait]
pub trait PmsConnector: Send + Sync + std::fmt::Debug {
    /// The vendor id, e.g. `apaleo`; used in error context, logs and metrics.
    fn vendor(&self) -> &str;

    /// The property this connector serves.
    async fn property(&self) -> Result<Property, PmsError>;

    /// Its room types.
    async fn room_types(&self) -> Result<Vec<RoomType>, PmsError>;

    /// Free units per room type for each night of `stay`.
    async fn availability(&self, stay: &Stay) -> Result<Vec<Availability>, PmsError>;

    /// Priced offers (room type x rate plan) for a stay and occupancy; only bookable ones.
    async fn offers(&self, request: &OfferRequest) -> Result<Vec<Offer>, PmsError>;

    /// Books a room.
    async fn create_reservation(&self, request: &NewReservation) -> Result<Reservation, PmsError>;

    /// Reads a reservation.
    async fn get_reservation(&self, id: &ReservationId) -> Result<Reservation, PmsError>;

    /// The reservation that a create with idempotency key `key` made, or `Ok(None)` if the PMS
    /// holds none. Read-only: it never books. Callers use it to settle creates whose outcome
    /// is unknown (a timeout, a lost answer, a caller who gave up). The default answers
    /// [`ErrorKind::Unsupported`]: such connectors' unknown outcomes stay unknown until the
    /// caller retries the create with the same key.
    async fn find_created(&self, key: &IdempotencyKey) -> Result<Option<Reservation>, PmsError> {
        let _ = key;
        Err(PmsError::new(
            ErrorKind::Unsupported {
                capability: Capability::CreateReservation,
            },
            "this connector cannot look up a create by its idempotency key",
        ))
    }

    /// Finds reservations; no match is an empty list. A connector that would have to read more
    /// than it allows itself to find them (e.g. a scan of a large property) refuses with
    /// [`crate::ErrorKind::TooBroad`] instead of reading on; the caller narrows the search.
    async fn search_reservations(
        &self,
        search: &ReservationSearch,
    ) -> Result<Vec<Reservation>, PmsError>;

    /// Changes a reservation and returns it as it is afterwards.
    async fn modify_reservation(
        &self,
        id: &ReservationId,
        change: &ReservationChange,
    ) -> Result<Reservation, PmsError>;

    /// Cancels a reservation; cancelling a cancelled reservation returns it unchanged.
    async fn cancel_reservation(&self, id: &ReservationId) -> Result<Reservation, PmsError>;

    /// Checks the link to the PMS (credentials, reachability).
    async fn health(&self) -> Result<HealthStatus, PmsError>;
}
