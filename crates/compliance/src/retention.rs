//! How long each category of data is kept, and who deletes it.
//!
//! Defaults meet the promise to delete guest data within 30 days where it applies; records
//! that prove our compliance (consent evidence, privacy-request outcomes, the audit log) are
//! kept longer and hold pseudonyms and ids only.

use chrono::Duration;

/// A category of data with its own retention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Guest name, contact and comment in stored booking answers (idempotency records).
    IdempotencyGuestData,
    /// Idempotency records themselves (ids, hashes, outcomes).
    IdempotencyRecords,
    /// PMS answers cached in memory (property, room types, availability, offers: no
    /// reservations, no guest data).
    CachedPmsData,
    /// Consent events no longer in effect (superseded by a later event of the same purpose).
    ConsentHistory,
    /// Links from a subject's pseudonym to the reference its audit entries carry, once the
    /// subject has no consents and no privacy requests left.
    SubjectLinks,
    /// Access exports of completed privacy requests.
    PrivacyExports,
    /// Completed or rejected privacy requests (status, dates, pseudonym; no identifiers).
    PrivacyRequests,
    /// Audit log entries.
    AuditEntries,
    /// Log lines (redacted before they are written).
    Logs,
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 9] = [
        Category::IdempotencyGuestData,
        Category::IdempotencyRecords,
        Category::CachedPmsData,
        Category::ConsentHistory,
        Category::SubjectLinks,
        Category::PrivacyExports,
        Category::PrivacyRequests,
        Category::AuditEntries,
        Category::Logs,
    ];

    /// The name used in metrics, audit entries and the policy listing.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::IdempotencyGuestData => "idempotency_guest_data",
            Category::IdempotencyRecords => "idempotency_records",
            Category::CachedPmsData => "cached_pms_data",
            Category::ConsentHistory => "consent_history",
            Category::SubjectLinks => "subject_links",
            Category::PrivacyExports => "privacy_exports",
            Category::PrivacyRequests => "privacy_requests",
            Category::AuditEntries => "audit_entries",
            Category::Logs => "logs",
        }
    }
}

/// Who deletes a category's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Enforcer {
    /// The gateway's retention job (`voicehive retention run`, and on a schedule in `serve`).
    PurgeJob,
    /// The in-memory cache's time-to-live (`pms-resilience`); nothing is written to disk.
    CacheTtl,
    /// The log store's own retention (Loki's `retention_period`, set by the deployment).
    LogStore,
    /// Never deleted: append-only, holds no personal data (see the DSAR procedure).
    Kept,
}

/// The retention policy (the `[retention]` table of the gateway's configuration).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetentionPolicy {
    /// Hours before guest data is removed from stored booking answers (default 24).
    pub idempotency_guest_data_hours: u32,
    /// Days before idempotency records are deleted (default 30).
    pub idempotency_records_days: u32,
    /// Days a superseded consent event is kept as evidence (default 1095: three years, the
    /// general limitation period for claims in Germany, BGB §195).
    pub consent_history_days: u32,
    /// Days an access export is kept for the requester to collect (default 30).
    pub privacy_exports_days: u32,
    /// Days a closed privacy request is kept as proof that it was answered (default 1095).
    pub privacy_requests_days: u32,
    /// Days log lines are kept by the log store (default 30; the deployment configures it).
    pub logs_days: u32,
}

impl Default for RetentionPolicy {
    fn default() -> Self {
        Self {
            idempotency_guest_data_hours: 24,
            idempotency_records_days: 30,
            consent_history_days: 1095,
            privacy_exports_days: 30,
            privacy_requests_days: 1095,
            logs_days: 30,
        }
    }
}

/// Why a policy is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// Guest data kept longer than 30 days.
    #[error(
        "retention.{field}: {value} exceeds the 30-day limit for guest data (we promise deletion within 30 days)"
    )]
    BeyondThirtyDays {
        /// The setting.
        field: &'static str,
        /// Its value.
        value: u32,
    },
    /// Zero.
    #[error("retention.{0}: must be at least 1")]
    Zero(&'static str),
}

/// One line of the policy as `voicehive retention policy` and the docs list it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PolicyLine {
    /// The category.
    pub category: Category,
    /// How long, in seconds (`None`: kept).
    pub seconds: Option<i64>,
    /// Who deletes it.
    pub enforcer: Enforcer,
    /// Whether it holds guest data the 30-day rule applies to.
    pub guest_data: bool,
}

impl RetentionPolicy {
    /// Checks the limits: guest data at most 30 days, nothing zero.
    pub fn validate(&self) -> Result<(), PolicyError> {
        let fields = [
            (
                "idempotency_guest_data_hours",
                self.idempotency_guest_data_hours,
            ),
            ("idempotency_records_days", self.idempotency_records_days),
            ("consent_history_days", self.consent_history_days),
            ("privacy_exports_days", self.privacy_exports_days),
            ("privacy_requests_days", self.privacy_requests_days),
            ("logs_days", self.logs_days),
        ];
        if let Some((field, _)) = fields.iter().find(|(_, v)| *v == 0) {
            return Err(PolicyError::Zero(field));
        }
        for (field, value, limit) in [
            (
                "idempotency_guest_data_hours",
                self.idempotency_guest_data_hours,
                30 * 24,
            ),
            (
                "idempotency_records_days",
                self.idempotency_records_days,
                30,
            ),
            ("privacy_exports_days", self.privacy_exports_days, 30),
            ("logs_days", self.logs_days, 30),
        ] {
            if value > limit {
                return Err(PolicyError::BeyondThirtyDays { field, value });
            }
        }
        Ok(())
    }

    /// How long `category` is kept (`None`: kept indefinitely).
    pub fn period(&self, category: Category) -> Option<Duration> {
        let days = |d: u32| Some(Duration::days(i64::from(d)));
        match category {
            Category::IdempotencyGuestData => Some(Duration::hours(i64::from(
                self.idempotency_guest_data_hours,
            ))),
            Category::IdempotencyRecords => days(self.idempotency_records_days),
            // The longest default cache TTL of `pms-resilience` (property, room types); the
            // gateway's tests check that it bounds them.
            Category::CachedPmsData => Some(Duration::minutes(10)),
            // Kept as long as the consent evidence they tie together.
            Category::ConsentHistory | Category::SubjectLinks => days(self.consent_history_days),
            Category::PrivacyExports => days(self.privacy_exports_days),
            Category::PrivacyRequests => days(self.privacy_requests_days),
            Category::AuditEntries => None,
            Category::Logs => days(self.logs_days),
        }
    }

    /// The whole policy, one line per category.
    pub fn lines(&self) -> Vec<PolicyLine> {
        Category::ALL
            .into_iter()
            .map(|category| PolicyLine {
                category,
                seconds: self.period(category).map(|d| d.num_seconds()),
                enforcer: match category {
                    Category::CachedPmsData => Enforcer::CacheTtl,
                    Category::Logs => Enforcer::LogStore,
                    Category::AuditEntries => Enforcer::Kept,
                    _ => Enforcer::PurgeJob,
                },
                guest_data: matches!(
                    category,
                    Category::IdempotencyGuestData
                        | Category::IdempotencyRecords
                        | Category::PrivacyExports
                        | Category::Logs
                ),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_meet_the_thirty_day_rule_for_guest_data() {
        let policy = RetentionPolicy::default();
        assert_eq!(policy.validate(), Ok(()));
        for line in policy.lines() {
            if line.guest_data {
                let seconds = line.seconds.unwrap();
                assert!(seconds <= 30 * 86_400, "{:?}", line.category);
            }
        }
        assert_eq!(policy.lines().len(), Category::ALL.len());
        assert_eq!(policy.period(Category::AuditEntries), None);
    }

    #[test]
    fn settings_beyond_the_limits_are_refused() {
        let policy = RetentionPolicy {
            privacy_exports_days: 45,
            ..RetentionPolicy::default()
        };
        let err = policy.validate().unwrap_err();
        assert_eq!(
            err,
            PolicyError::BeyondThirtyDays {
                field: "privacy_exports_days",
                value: 45
            }
        );
        let policy = RetentionPolicy {
            consent_history_days: 0,
            ..RetentionPolicy::default()
        };
        assert_eq!(
            policy.validate(),
            Err(PolicyError::Zero("consent_history_days"))
        );
    }
}
