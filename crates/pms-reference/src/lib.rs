//! The reference connector: a complete in-memory PMS behind the [`pms_contract::PmsConnector`]
//! contract.
//!
//! It has real semantics, not canned answers: inventory per night and room type that bookings
//! consume and cancellations restore, prices per night per rate plan (weekend uplift, extra
//! guests), cancellation policies with deadlines in the property's time zone, idempotency keys,
//! state rules for modify and cancel, and searches. All time comes from an injected
//! [`clock::Clock`].
//!
//! It serves three purposes: the golden suite's self-test (`ReferenceHarness`, with the cargo
//! feature `golden`), the test double for every layer above the contract, and the template a
//! connector author reads first. It also counts its "I/O" (calls that reach the store) and
//! accepts injected faults ([`ReferenceFault`]).
//!
//! The golden suite is not a normal dependency: a binary that links the reference connector
//! does not link the suite. The feature `golden` adds `ReferenceHarness` and implements the
//! suite's probes (`IoProbe`, `FaultInjector`, `AuthProbe`) for the connector and its identity
//! provider, mapping the suite's faults to [`ReferenceFault`].

#![forbid(unsafe_code)]

mod connector;
mod descriptor;
mod fault;
#[cfg(feature = "golden")]
mod harness;
mod identity;
mod pricing;
mod seed;

pub use connector::{ReferenceConnector, VENDOR};
pub use descriptor::{build, descriptor};
pub use fault::ReferenceFault;
#[cfg(feature = "golden")]
pub use harness::ReferenceHarness;
pub use identity::ReferenceIdentity;
pub use seed::{ReferenceSeed, SeedCancellation, SeedRatePlan, SeedRoomType};
