//! The faults the reference PMS can simulate.

use std::time::Duration;

use pms_contract::ErrorKind;

/// A fault to inject into a [`crate::ReferenceConnector`], at its PMS boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferenceFault {
    /// The next `times` calls fail with `kind`, without touching PMS state.
    Fail {
        /// The error kind to return.
        kind: ErrorKind,
        /// How many calls fail.
        times: u32,
    },
    /// The next write is committed by the PMS, but the caller sees a timeout.
    CommitThenTimeout,
    /// The next `times` calls take `delay` longer.
    Latency {
        /// Extra latency.
        delay: Duration,
        /// How many calls are slowed down.
        times: u32,
    },
    /// The PMS stops accepting every access token issued so far (as if they expired early).
    ExpireToken,
    /// The identity provider refuses the client's credentials from now on (until cleared).
    RejectCredentials,
}
