//! The PMS contract: one async interface for every hotel Property Management System.
//!
//! This crate is what an integration engineer implements and what every other layer of VoiceHive
//! consumes. It has no I/O. It holds:
//!
//! - the domain model ([`Property`], [`RoomType`], [`Stay`], [`Occupancy`], [`Money`], [`Offer`],
//!   [`Guest`], [`NewReservation`], [`Reservation`], [`ReservationSearch`], [`ReservationChange`])
//!   with typed ids and values that validate themselves on construction;
//! - the [`PmsConnector`] trait, object safe and used as `Arc<dyn PmsConnector>`;
//! - the error hierarchy ([`PmsError`], [`ErrorKind`]) with retry classification and context;
//! - capabilities ([`Capability`], [`CapabilitySet`]);
//! - the [`ContractGuard`], which every connector handed out by the factory is wrapped in: it
//!   validates input once, for every connector, and refuses switched-off capabilities, both before
//!   any I/O.
//!
//! Guest personal data is held in [`Pii`], whose `Debug` and `Display` never show the value.

#![forbid(unsafe_code)]

mod capability;
mod connector;
mod error;
mod guard;
mod guest;
mod ids;
mod layer;
mod money;
mod offer;
mod pii;
mod property;
mod reservation;
mod stay;
mod validate;

pub use capability::{Capability, CapabilitySet, UnknownCapability};
pub use connector::{HealthStatus, PmsConnector, SharedConnector};
pub use error::{ErrorContext, ErrorKind, Operation, PmsError};
pub use guard::ContractGuard;
pub use guest::{Email, Guest, LanguageTag, PhoneNumber};
pub use ids::{
    ConfirmationCode, IdempotencyKey, PropertyId, RatePlanId, ReservationId, RoomTypeId,
};
pub use layer::{Call, Layer, Reply};
pub use money::{Currency, Money};
pub use offer::{Availability, CancellationPolicy, Guarantee, NightlyPrice, Offer, OfferRequest};
pub use pii::Pii;
pub use property::{CountryCode, Property, RoomType};
pub use reservation::{
    CommentChange, ContactChange, NewReservation, Reservation, ReservationChange,
    ReservationSearch, ReservationStatus,
};
pub use stay::{MAX_CHILD_AGE, MAX_GUESTS, MAX_NIGHTS, Occupancy, Stay};
pub use validate::Validate;
