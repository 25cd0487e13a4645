//! The residency policy: which AWS regions count as allowed EU regions, which hosts the operator
//! declares to be in the EU, and which non-EU hosts are allowed anyway.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::pattern::HostPattern;
use crate::region::is_aws_region;

/// The regions allowed when the policy does not say: Ireland and Frankfurt.
pub const DEFAULT_ALLOWED_REGIONS: [&str; 2] = ["eu-central-1", "eu-west-1"];

/// The data-residency policy the gateway checks its outbound endpoints against.
///
/// Embedded in the gateway's configuration as a `[residency]` table; every key is optional and
/// unknown keys are refused:
///
/// ```toml
/// [residency]
/// allowed_regions = ["eu-central-1", "eu-west-1"]   # the default; replaces it when given
/// eu_hosts = ["api.apaleo.com", "*.vault.example.eu"]
/// allow_non_eu = ["api.example-pms.com"]            # e.g. covered by SCCs
/// ```
///
/// `allowed_regions` are AWS region names of AWS's European (`eu-`, `eusc-`) regions. Note that
/// `eu-west-2` (London) and `eu-central-2` (Zurich) are `eu-` regions outside the EU: allow them
/// only deliberately. `eu_hosts` does not apply to AWS host names (their region is read from
/// the name); `allow_non_eu` does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PolicyConfig")]
pub struct ResidencyPolicy {
    allowed_regions: BTreeSet<String>,
    eu_hosts: Vec<HostPattern>,
    allow_non_eu: Vec<HostPattern>,
}

/// Why a residency policy was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// An allowed region is not an AWS region name.
    #[error("allowed region `{0}` is not an AWS region name such as eu-central-1")]
    NotARegion(String),
    /// An allowed region is not one of AWS's European regions.
    #[error(
        "allowed region `{0}` is not one of AWS's European regions (eu-… or eusc-…); declare non-EU hosts under allow_non_eu"
    )]
    NotEuropean(String),
    /// The same pattern is declared both EU and allowed non-EU.
    #[error("host pattern `{0}` is declared under both eu_hosts and allow_non_eu")]
    DeclaredTwice(String),
}

/// The policy as written in the configuration, before validation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyConfig {
    #[serde(default = "default_regions")]
    allowed_regions: Vec<String>,
    #[serde(default)]
    eu_hosts: Vec<HostPattern>,
    #[serde(default)]
    allow_non_eu: Vec<HostPattern>,
}

fn default_regions() -> Vec<String> {
    DEFAULT_ALLOWED_REGIONS.map(str::to_owned).to_vec()
}

impl TryFrom<PolicyConfig> for ResidencyPolicy {
    type Error = PolicyError;

    fn try_from(c: PolicyConfig) -> Result<Self, Self::Error> {
        Self::new(c.allowed_regions, c.eu_hosts, c.allow_non_eu)
    }
}

impl Default for ResidencyPolicy {
    /// Allowed regions `eu-central-1` and `eu-west-1`; no declared hosts.
    fn default() -> Self {
        Self {
            allowed_regions: DEFAULT_ALLOWED_REGIONS.map(str::to_owned).into(),
            eu_hosts: Vec::new(),
            allow_non_eu: Vec::new(),
        }
    }
}

impl ResidencyPolicy {
    /// A validated policy.
    ///
    /// # Errors
    ///
    /// [`PolicyError::NotARegion`] or [`PolicyError::NotEuropean`] for an allowed region that is
    /// not a European AWS region name, [`PolicyError::DeclaredTwice`] for a pattern in both host
    /// lists.
    pub fn new<S: Into<String>>(
        allowed_regions: impl IntoIterator<Item = S>,
        eu_hosts: Vec<HostPattern>,
        allow_non_eu: Vec<HostPattern>,
    ) -> Result<Self, PolicyError> {
        let allowed_regions: BTreeSet<String> =
            allowed_regions.into_iter().map(Into::into).collect();
        for region in &allowed_regions {
            if !is_aws_region(region) {
                return Err(PolicyError::NotARegion(region.clone()));
            }
            if !(region.starts_with("eu-") || region.starts_with("eusc-")) {
                return Err(PolicyError::NotEuropean(region.clone()));
            }
        }
        if let Some(twice) = eu_hosts.iter().find(|p| allow_non_eu.contains(p)) {
            return Err(PolicyError::DeclaredTwice(twice.to_string()));
        }
        Ok(Self {
            allowed_regions,
            eu_hosts,
            allow_non_eu,
        })
    }

    /// The allowed AWS regions.
    pub fn allowed_regions(&self) -> &BTreeSet<String> {
        &self.allowed_regions
    }

    /// Hosts the operator declares to be in the EU.
    pub fn eu_hosts(&self) -> &[HostPattern] {
        &self.eu_hosts
    }

    /// Hosts allowed although not verifiably in the EU.
    pub fn allow_non_eu(&self) -> &[HostPattern] {
        &self.allow_non_eu
    }

    /// Whether `region` is one of the allowed regions.
    pub fn is_allowed_region(&self, region: &str) -> bool {
        self.allowed_regions.contains(region)
    }

    /// The first `eu_hosts` pattern matching `host`.
    pub(crate) fn eu_host(&self, host: &str) -> Option<&HostPattern> {
        self.eu_hosts.iter().find(|p| p.matches(host))
    }

    /// The first `allow_non_eu` pattern matching `host`.
    pub(crate) fn non_eu_allowance(&self, host: &str) -> Option<&HostPattern> {
        self.allow_non_eu.iter().find(|p| p.matches(host))
    }

    /// The allowed regions as a comma-separated list, or `none`.
    pub(crate) fn allowed_list(&self) -> String {
        list(&self.allowed_regions)
    }
}

/// Joins region names with `, `, or says `none`.
pub(crate) fn list(regions: &BTreeSet<String>) -> String {
    if regions.is_empty() {
        "none".to_owned()
    } else {
        regions
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_allows_frankfurt_and_ireland_and_declares_nothing() {
        let p = ResidencyPolicy::default();
        assert_eq!(
            p.allowed_regions().iter().collect::<Vec<_>>(),
            ["eu-central-1", "eu-west-1"]
        );
        assert!(p.eu_hosts().is_empty());
        assert!(p.allow_non_eu().is_empty());
        assert!(p.is_allowed_region("eu-west-1"));
        assert!(!p.is_allowed_region("eu-west-2"));
        assert_eq!(p.allowed_list(), "eu-central-1, eu-west-1");
    }

    #[test]
    fn regions_must_be_european_aws_region_names() {
        let err = |r: &str| {
            ResidencyPolicy::new([r], vec![], vec![])
                .err()
                .map(|e| e.to_string())
        };
        assert_eq!(
            err("us-east-1").as_deref(),
            Some(
                "allowed region `us-east-1` is not one of AWS's European regions (eu-… or eusc-…); declare non-EU hosts under allow_non_eu"
            )
        );
        assert_eq!(
            err("eu-west-1a").as_deref(),
            Some("allowed region `eu-west-1a` is not an AWS region name such as eu-central-1")
        );
        assert_eq!(
            err("europe-west3").as_deref(),
            Some("allowed region `europe-west3` is not an AWS region name such as eu-central-1")
        );
        assert_eq!(err("eu-south-2"), None);
        assert_eq!(err("eusc-de-east-1"), None);
    }

    #[test]
    fn a_pattern_in_both_lists_is_refused() {
        let p = HostPattern::parse("*.x.example").unwrap_or_else(|e| panic!("{e}"));
        let err = ResidencyPolicy::new(DEFAULT_ALLOWED_REGIONS, vec![p.clone()], vec![p]);
        assert_eq!(
            err.err().map(|e| e.to_string()).as_deref(),
            Some("host pattern `*.x.example` is declared under both eu_hosts and allow_non_eu")
        );
    }
}
