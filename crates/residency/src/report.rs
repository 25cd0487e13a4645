//! Checking all of the gateway's endpoints at once.

use std::fmt;

use serde::Serialize;

use crate::endpoint::{Endpoint, EndpointKind, ResidencyStatus, Verdict, check_endpoint};
use crate::policy::ResidencyPolicy;

/// The verdict on one endpoint, as listed in a [`ResidencyReport`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportEntry {
    /// What the endpoint is for.
    pub kind: EndpointKind,
    /// Whose endpoint it is (hotel id or `gateway`).
    pub name: String,
    /// The endpoint's hosts, joined with `,` (see [`crate::HostVerdict::host`]).
    pub host: String,
    /// The verdict.
    pub verdict: Verdict,
}

impl fmt::Display for ReportEntry {
    /// `{kind} {name} ({host}): {status}: {reason}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} ({}): {}",
            self.kind, self.name, self.host, self.verdict
        )
    }
}

/// How many endpoints got each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Endpoints checked.
    pub total: usize,
    /// [`ResidencyStatus::Local`].
    pub local: usize,
    /// [`ResidencyStatus::Eu`].
    pub eu: usize,
    /// [`ResidencyStatus::NonEuAllowed`].
    pub non_eu_allowed: usize,
    /// [`ResidencyStatus::Unverified`] (refused).
    pub unverified: usize,
    /// [`ResidencyStatus::NonEu`] (refused).
    pub non_eu: usize,
}

impl Summary {
    /// Endpoints refused: non-EU or unverified.
    pub fn refused(&self) -> usize {
        self.non_eu + self.unverified
    }
}

impl fmt::Display for Summary {
    /// `6 endpoints: 2 local, 2 EU, 1 non-EU allowed, 1 refused (1 non-EU, 0 unverified)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} endpoint{}: {} local, {} EU, {} non-EU allowed, {} refused ({} non-EU, {} unverified)",
            self.total,
            if self.total == 1 { "" } else { "s" },
            self.local,
            self.eu,
            self.non_eu_allowed,
            self.refused(),
            self.non_eu,
            self.unverified
        )
    }
}

/// The verdicts on a set of endpoints, in the order given. Serializes as
/// `{"entries": [...], "summary": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResidencyReport {
    entries: Vec<ReportEntry>,
    summary: Summary,
}

impl ResidencyReport {
    /// Every endpoint's entry.
    pub fn entries(&self) -> &[ReportEntry] {
        &self.entries
    }

    /// The entries of refused endpoints.
    pub fn refused(&self) -> impl Iterator<Item = &ReportEntry> {
        self.entries.iter().filter(|e| e.verdict.is_refused())
    }

    /// Whether no endpoint is refused.
    pub fn is_clean(&self) -> bool {
        self.summary.refused() == 0
    }

    /// Counts by status.
    pub fn summary(&self) -> Summary {
        self.summary
    }
}

impl fmt::Display for ResidencyReport {
    /// One entry per line, then the summary.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.entries {
            writeln!(f, "{e}")?;
        }
        write!(f, "{}", self.summary)
    }
}

/// Checks every endpoint with [`check_endpoint`].
pub fn check_all(endpoints: &[Endpoint], policy: &ResidencyPolicy) -> ResidencyReport {
    let mut summary = Summary::default();
    let entries: Vec<ReportEntry> = endpoints
        .iter()
        .map(|endpoint| {
            let verdict = check_endpoint(endpoint, policy);
            summary.total += 1;
            *match verdict.status {
                ResidencyStatus::Local => &mut summary.local,
                ResidencyStatus::Eu => &mut summary.eu,
                ResidencyStatus::NonEuAllowed => &mut summary.non_eu_allowed,
                ResidencyStatus::Unverified => &mut summary.unverified,
                ResidencyStatus::NonEu => &mut summary.non_eu,
            } += 1;
            ReportEntry {
                kind: endpoint.kind,
                name: endpoint.name.clone(),
                host: verdict.host_list(),
                verdict,
            }
        })
        .collect();
    ResidencyReport { entries, summary }
}
