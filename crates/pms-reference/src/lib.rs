//! The reference connector: a complete in-memory PMS behind the [`pms_contract::PmsConnector`]
//! contract.
//!
//! It has real semantics, not canned answers: inventory per night and room type that bookings
//! consume and cancellations restore, prices per night per rate plan (weekend uplift, extra
//! guests), cancellation policies with deadlines in the property's time zone, idempotency keys,
//! state rules for modify and cancel, and searches. All time comes from an injected
//! [`clock::Clock`].
//!
//! It serves three purposes: the golden suite's self-test ([`ReferenceHarness`]), the test double
//! for every layer above the contract, and the template a connector author reads first.
//! It also counts its "I/O" (calls that reach the store) and accepts injected faults, through
//! the golden suite's [`pms_golden::IoProbe`] and [`pms_golden::FaultInjector`].

#![forbid(unsafe_code)]

mod connector;
mod harness;
mod identity;
mod pricing;
mod seed;

pub use connector::{ReferenceConnector, VENDOR};
pub use harness::ReferenceHarness;
pub use identity::ReferenceIdentity;
pub use seed::{ReferenceSeed, SeedCancellation, SeedRatePlan, SeedRoomType};
