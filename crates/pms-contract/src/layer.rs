//! One call path for decorators: a connector call as a value, and the [`Layer`] trait.
//!
//! A decorator (the contract guard, the resilient base, an I/O counter, a deliberately broken
//! variant in a test) sees every call of the [`PmsConnector`] contract. Written against the trait
//! directly it would re-implement ten methods, and ten copies drift apart. A [`Layer`] instead
//! implements one method, [`Layer::call`], over a [`Call`] and its [`Reply`]; every type that
//! implements `Layer` is a `PmsConnector` through the blanket implementation below, which
//! turns each contract method into a `Call` and the `Reply` back into the method's result.
//!
//! A layer passes a call on with [`Call::send`], usually to a connector it wraps:
//!
//! ```
//! use std::sync::Arc;
//! use std::sync::atomic::{AtomicU64, Ordering};
//!
//! use async_trait::async_trait;
//! use pms_contract::{Call, Layer, PmsError, Reply, SharedConnector};
//!
//! /// Counts the calls that pass through it.
//! #[derive(Debug)]
//! struct Counting {
//!     inner: SharedConnector,
//!     calls: AtomicU64,
//! }
//!
//! #[async_trait]
//! impl Layer for Counting {
//!     fn vendor(&self) -> &str {
//!         self.inner.vendor()
//!     }
//!
//!     async fn call(&self, call: Call<'_>) -> Result<Reply, PmsError> {
//!         self.calls.fetch_add(1, Ordering::Relaxed);
//!         call.send(self.inner.as_ref()).await
//!     }
//! }
//! ```

use async_trait::async_trait;

use crate::{
    Availability, HealthStatus, IdempotencyKey, NewReservation, Offer, OfferRequest, Operation,
    PmsConnector, PmsError, Property, Reservation, ReservationChange, ReservationId,
    ReservationSearch, RoomType, Stay,
};

/// One call of the [`PmsConnector`] contract, with borrowed arguments.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Call<'a> {
    /// [`PmsConnector::property`].
    Property,
    /// [`PmsConnector::room_types`].
    RoomTypes,
    /// [`PmsConnector::availability`].
    Availability(&'a Stay),
    /// [`PmsConnector::offers`].
    Offers(&'a OfferRequest),
    /// [`PmsConnector::create_reservation`].
    CreateReservation(&'a NewReservation),
    /// [`PmsConnector::get_reservation`].
    GetReservation(&'a ReservationId),
    /// [`PmsConnector::find_created`].
    FindCreated(&'a IdempotencyKey),
    /// [`PmsConnector::search_reservations`].
    SearchReservations(&'a ReservationSearch),
    /// [`PmsConnector::modify_reservation`].
    ModifyReservation(&'a ReservationId, &'a ReservationChange),
    /// [`PmsConnector::cancel_reservation`].
    CancelReservation(&'a ReservationId),
    /// [`PmsConnector::health`].
    Health,
}

impl Call<'_> {
    /// The operation this call belongs to, as errors, spans and metrics name it. Looking up a
    /// create by its idempotency key belongs to [`Operation::CreateReservation`].
    pub fn operation(&self) -> Operation {
        match self {
            Call::Property => Operation::Property,
            Call::RoomTypes => Operation::RoomTypes,
            Call::Availability(_) => Operation::Availability,
            Call::Offers(_) => Operation::Offers,
            Call::CreateReservation(_) | Call::FindCreated(_) => Operation::CreateReservation,
            Call::GetReservation(_) => Operation::GetReservation,
            Call::SearchReservations(_) => Operation::SearchReservations,
            Call::ModifyReservation(..) => Operation::ModifyReservation,
            Call::CancelReservation(_) => Operation::CancelReservation,
            Call::Health => Operation::Health,
        }
    }

    /// Whether the call changes the PMS (create, modify, cancel).
    pub fn is_write(&self) -> bool {
        matches!(
            self,
            Call::CreateReservation(_) | Call::ModifyReservation(..) | Call::CancelReservation(_)
        )
    }

    /// Makes this call on `connector` and wraps its result in a [`Reply`].
    pub async fn send(self, connector: &dyn PmsConnector) -> Result<Reply, PmsError> {
        Ok(match self {
            Call::Property => Reply::Property(connector.property().await?),
            Call::RoomTypes => Reply::RoomTypes(connector.room_types().await?),
            Call::Availability(stay) => Reply::Availability(connector.availability(stay).await?),
            Call::Offers(request) => Reply::Offers(connector.offers(request).await?),
            Call::CreateReservation(request) => {
                Reply::Reservation(connector.create_reservation(request).await?)
            }
            Call::GetReservation(id) => Reply::Reservation(connector.get_reservation(id).await?),
            Call::FindCreated(key) => Reply::Created(connector.find_created(key).await?),
            Call::SearchReservations(search) => {
                Reply::Reservations(connector.search_reservations(search).await?)
            }
            Call::ModifyReservation(id, change) => {
                Reply::Reservation(connector.modify_reservation(id, change).await?)
            }
            Call::CancelReservation(id) => {
                Reply::Reservation(connector.cancel_reservation(id).await?)
            }
            Call::Health => Reply::Health(connector.health().await?),
        })
    }
}

/// What a [`Call`] answered. Each call has exactly one reply shape; a layer that answers a call
/// with another shape makes the call fail with an internal error.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Reply {
    /// The answer to [`Call::Property`].
    Property(Property),
    /// The answer to [`Call::RoomTypes`].
    RoomTypes(Vec<RoomType>),
    /// The answer to [`Call::Availability`].
    Availability(Vec<Availability>),
    /// The answer to [`Call::Offers`].
    Offers(Vec<Offer>),
    /// The answer to a create, get, modify or cancel.
    Reservation(Reservation),
    /// The answer to [`Call::FindCreated`].
    Created(Option<Reservation>),
    /// The answer to [`Call::SearchReservations`].
    Reservations(Vec<Reservation>),
    /// The answer to [`Call::Health`].
    Health(HealthStatus),
}

impl Reply {
    fn shape(&self) -> &'static str {
        match self {
            Reply::Property(_) => "property",
            Reply::RoomTypes(_) => "room types",
            Reply::Availability(_) => "availability",
            Reply::Offers(_) => "offers",
            Reply::Reservation(_) => "reservation",
            Reply::Created(_) => "find-created",
            Reply::Reservations(_) => "reservation list",
            Reply::Health(_) => "health",
        }
    }
}

/// A decorator around a connector, written as one method over every call. Every `Layer` is a
/// [`PmsConnector`]. Implementors keep the connector they wrap private, so that a decorator
/// such as the [`crate::ContractGuard`] cannot be got around.
#[async_trait]
pub trait Layer: Send + Sync + std::fmt::Debug {
    /// The vendor id of the connector behind this layer.
    fn vendor(&self) -> &str;

    /// Handles one call, usually by passing it on with [`Call::send`].
    async fn call(&self, call: Call<'_>) -> Result<Reply, PmsError>;
}

fn mismatch(op: Operation, reply: &Reply) -> PmsError {
    PmsError::internal(format!(
        "a layer answered a {} call with a {} reply",
        op.as_str(),
        reply.shape()
    ))
}

macro_rules! expect_reply {
    ($layer:expr, $call:expr, $shape:path) => {{
        let call = $call;
        let op = call.operation();
        match $layer.call(call).await? {
            $shape(value) => Ok(value),
            other => Err(mismatch(op, &other)),
        }
    }};
}

#[async_trait]
impl<L: Layer> PmsConnector for L {
    fn vendor(&self) -> &str {
        Layer::vendor(self)
    }

    async fn property(&self) -> Result<Property, PmsError> {
        expect_reply!(self, Call::Property, Reply::Property)
    }

    async fn room_types(&self) -> Result<Vec<RoomType>, PmsError> {
        expect_reply!(self, Call::RoomTypes, Reply::RoomTypes)
    }

    async fn availability(&self, stay: &Stay) -> Result<Vec<Availability>, PmsError> {
        expect_reply!(self, Call::Availability(stay), Reply::Availability)
    }

    async fn offers(&self, request: &OfferRequest) -> Result<Vec<Offer>, PmsError> {
        expect_reply!(self, Call::Offers(request), Reply::Offers)
    }

    async fn create_reservation(&self, request: &NewReservation) -> Result<Reservation, PmsError> {
        expect_reply!(self, Call::CreateReservation(request), Reply::Reservation)
    }

    async fn get_reservation(&self, id: &ReservationId) -> Result<Reservation, PmsError> {
        expect_reply!(self, Call::GetReservation(id), Reply::Reservation)
    }

    async fn find_created(&self, key: &IdempotencyKey) -> Result<Option<Reservation>, PmsError> {
        expect_reply!(self, Call::FindCreated(key), Reply::Created)
    }

    async fn search_reservations(
        &self,
        search: &ReservationSearch,
    ) -> Result<Vec<Reservation>, PmsError> {
        expect_reply!(self, Call::SearchReservations(search), Reply::Reservations)
    }

    async fn modify_reservation(
        &self,
        id: &ReservationId,
        change: &ReservationChange,
    ) -> Result<Reservation, PmsError> {
        expect_reply!(
            self,
            Call::ModifyReservation(id, change),
            Reply::Reservation
        )
    }

    async fn cancel_reservation(&self, id: &ReservationId) -> Result<Reservation, PmsError> {
        expect_reply!(self, Call::CancelReservation(id), Reply::Reservation)
    }

    async fn health(&self) -> Result<HealthStatus, PmsError> {
        expect_reply!(self, Call::Health, Reply::Health)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    /// Answers every call with a health reply, whatever was asked.
    #[derive(Debug)]
    struct AlwaysHealthy;

    #[async_trait]
    impl Layer for AlwaysHealthy {
        fn vendor(&self) -> &str {
            "test"
        }

        async fn call(&self, _call: Call<'_>) -> Result<Reply, PmsError> {
            Ok(Reply::Health(HealthStatus::Healthy))
        }
    }

    #[tokio::test]
    async fn a_reply_of_the_wrong_shape_is_an_internal_error_naming_both() {
        let layer = AlwaysHealthy;
        assert_eq!(layer.health().await.ok(), Some(HealthStatus::Healthy));
        let err = layer
            .property()
            .await
            .err()
            .map(|e| (e.kind().clone(), e.to_string()));
        let (kind, message) = err.unwrap_or((ErrorKind::Protocol, String::new()));
        assert!(matches!(kind, ErrorKind::Internal), "{kind:?}");
        assert!(
            message.contains("property call") && message.contains("health reply"),
            "{message}"
        );
    }

    #[test]
    fn find_created_belongs_to_create_and_writes_are_named() {
        let key = IdempotencyKey::new("k-1").ok();
        if let Some(key) = key.as_ref() {
            assert_eq!(
                Call::FindCreated(key).operation(),
                Operation::CreateReservation
            );
            assert!(!Call::FindCreated(key).is_write());
        }
        assert!(key.is_some());
        assert!(!Call::Health.is_write());
    }
}
