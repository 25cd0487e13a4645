//! GDPR EU data residency: keeping guest data in allowed EU regions.
//!
//! Two checks, one policy of allowed regions:
//!
//! - **Endpoint checks**, run by the gateway at start-up: every outbound endpoint (PMS API and
//!   identity hosts, Vault, database, Redis, object storage) is placed with [`check_endpoint`] or
//!   [`check_all`] against a [`ResidencyPolicy`] (allowed AWS regions, hosts the operator
//!   declares to be in the EU, and hosts allowed although not in the EU). An endpoint is
//!   [`Local`](ResidencyStatus::Local), [`Eu`](ResidencyStatus::Eu),
//!   [`NonEuAllowed`](ResidencyStatus::NonEuAllowed), or refused:
//!   [`NonEu`](ResidencyStatus::NonEu) or [`Unverified`](ResidencyStatus::Unverified) (a public
//!   host nobody has placed). Verdicts name hosts and regions, never the credentials, paths or
//!   queries of the URLs.
//! - **`voicehive eu-check PATH`**: [`scan_path`] reads Terraform and Kubernetes/Helm files and
//!   reports every cloud region outside the allowed set that is not in a comment, by file, line
//!   and column (see [`scan`] for the file types and what counts as a region).

#![forbid(unsafe_code)]

mod endpoint;
mod pattern;
mod policy;
mod region;
mod report;
pub mod scan;

pub use endpoint::{Endpoint, EndpointKind, HostVerdict, ResidencyStatus, Verdict, check_endpoint};
pub use pattern::{HostPattern, PatternError};
pub use policy::{DEFAULT_ALLOWED_REGIONS, PolicyError, ResidencyPolicy};
pub use report::{ReportEntry, ResidencyReport, Summary, check_all};
pub use scan::{ScanError, ScanFinding, ScanReport, scan_path, scan_text};
