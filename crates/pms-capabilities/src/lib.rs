//! The PMS capability matrix: what each PMS vendor's API lets the VoiceHive voice agent do.
//!
//! The matrix lives in `capability_matrix.yaml` at the repository root, one entry per vendor
//! (a [`VendorId`]; the vendors are whatever the file lists, today Apaleo, Mews, Oracle OPERA
//! Cloud, Cloudbeds and protel) with its auth method, rate limits, connector status and a
//! [`Support`] level for every
//! [`Capability`](pms_contract::Capability). This crate:
//!
//! - loads it ([`CapabilityMatrix::parse`], [`CapabilityMatrix::load`],
//!   [`CapabilityMatrix::builtin`]) and rejects anything incomplete or malformed with a
//!   [`MatrixError`] that points at the line of the offending entry;
//! - renders it as Markdown (`docs/capability-matrix.md` is generated from it), as a text table
//!   for terminals, and as JSON;
//! - applies per-hotel overrides with [`narrow`], which can switch capabilities off but never on.
//!
//! Partial support counts as usable ([`VendorEntry::usable`]); its note says what is limited.

#![forbid(unsafe_code)]

mod error;
mod load;
mod model;
mod narrow;
mod render;
mod vendor;

pub use error::MatrixError;
pub use model::{CapabilityMatrix, ConnectorStatus, Support, VendorEntry};
pub use narrow::{WidenError, narrow};
pub use vendor::{UnknownVendor, VendorId};
