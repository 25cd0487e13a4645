//! Privacy requests (data subject access requests, DSAR): access (GDPR Art. 15, a copy of
//! everything we hold) and erasure (Art. 17). Their states, allowed moves and due dates.
//!
//! Art. 12(3) allows "one month" from receipt. We default to 30 days and never allow more
//! than one calendar month: a request received on 1 February is due on 1 March, not 3 March.

use chrono::{DateTime, Duration, Months, Utc};

/// What the subject asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// A copy of the data we hold (Art. 15, portable as JSON: Art. 20).
    Access,
    /// Deletion of the data we hold (Art. 17).
    Erasure,
}

impl RequestKind {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::Access => "access",
            RequestKind::Erasure => "erasure",
        }
    }

    /// Parses the wire name.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "access" => Some(RequestKind::Access),
            "erasure" => Some(RequestKind::Erasure),
            _ => None,
        }
    }
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Received; the requester's identity is not yet verified.
    Received,
    /// An operator verified the requester's identity; the gateway processes it next.
    IdentityVerified,
    /// Being processed.
    InProgress,
    /// Done: the export is ready, or the data is erased.
    Completed,
    /// Refused (identity not verified, manifestly unfounded), with a reason.
    Rejected,
}

impl RequestStatus {
    /// Every status.
    pub const ALL: [RequestStatus; 5] = [
        RequestStatus::Received,
        RequestStatus::IdentityVerified,
        RequestStatus::InProgress,
        RequestStatus::Completed,
        RequestStatus::Rejected,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Received => "received",
            RequestStatus::IdentityVerified => "identity_verified",
            RequestStatus::InProgress => "in_progress",
            RequestStatus::Completed => "completed",
            RequestStatus::Rejected => "rejected",
        }
    }

    /// Parses the wire name.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether the request still awaits an answer.
    pub fn is_open(self) -> bool {
        !matches!(self, RequestStatus::Completed | RequestStatus::Rejected)
    }

    /// Whether a request may move from `self` to `next`. A processing failure moves an
    /// in-progress request back to `identity_verified`, to be tried again.
    pub fn can_move_to(self, next: RequestStatus) -> bool {
        use RequestStatus::*;
        matches!(
            (self, next),
            (Received, IdentityVerified)
                | (Received, Rejected)
                | (IdentityVerified, InProgress)
                | (IdentityVerified, Rejected)
                | (InProgress, Completed)
                | (InProgress, IdentityVerified)
        )
    }
}

/// The longest configurable time to answer, in days (shortened further to one calendar month
/// by [`due_at`]).
pub const MAX_DUE_DAYS: u32 = 30;

/// Why a due-date setting is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("privacy request due days: {0} is not in 1..=30 (GDPR Art. 12(3) allows one month)")]
pub struct DueDaysError(pub u32);

/// Checks a configured number of days.
pub fn check_due_days(days: u32) -> Result<u32, DueDaysError> {
    if (1..=MAX_DUE_DAYS).contains(&days) {
        Ok(days)
    } else {
        Err(DueDaysError(days))
    }
}

/// When a request received at `received` must be answered: `days` later, but never later
/// than one calendar month after receipt.
pub fn due_at(received: DateTime<Utc>, days: u32) -> DateTime<Utc> {
    let by_days = received + Duration::days(i64::from(days.min(MAX_DUE_DAYS)));
    match received.checked_add_months(Months::new(1)) {
        Some(month) => by_days.min(month),
        None => by_days,
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 10, 0, 0).unwrap()
    }

    #[test]
    fn due_dates_are_thirty_days_but_never_more_than_a_month() {
        assert_eq!(due_at(day(2026, 1, 10), 30), day(2026, 2, 9));
        // February: one month is shorter than 30 days.
        assert_eq!(due_at(day(2027, 2, 1), 30), day(2027, 3, 1));
        // 31 January: chrono clamps to the last day of February.
        assert_eq!(due_at(day(2027, 1, 31), 30), day(2027, 2, 28));
        assert_eq!(due_at(day(2026, 1, 10), 14), day(2026, 1, 24));
        // A setting above the maximum is capped.
        assert_eq!(due_at(day(2026, 1, 10), 90), day(2026, 2, 9));
        assert_eq!(check_due_days(31), Err(DueDaysError(31)));
        assert_eq!(check_due_days(0), Err(DueDaysError(0)));
        assert_eq!(check_due_days(28), Ok(28));
    }

    #[test]
    fn only_documented_moves_are_allowed() {
        use RequestStatus::*;
        assert!(Received.can_move_to(IdentityVerified));
        assert!(InProgress.can_move_to(Completed));
        assert!(
            !Received.can_move_to(Completed),
            "identity must be verified first"
        );
        assert!(!Completed.can_move_to(Rejected));
        assert!(!Rejected.can_move_to(IdentityVerified));
        assert!(Received.is_open() && !Completed.is_open() && !Rejected.is_open());
        for status in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(RequestKind::parse("erasure"), Some(RequestKind::Erasure));
        assert_eq!(RequestKind::parse("delete"), None);
    }
}
