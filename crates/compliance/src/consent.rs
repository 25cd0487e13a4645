//! Consent: one event per change (granted or withdrawn) per data subject and purpose; the
//! current state is derived from the history, never stored apart from it (GDPR Art. 7(1): we
//! must be able to show that, when and how the guest consented; Art. 7(3): withdrawing is as
//! easy as granting, and is one more event).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// What a consent is for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// Recording the call's audio.
    CallRecording,
    /// Transcribing the call.
    Transcription,
    /// Processing the call with AI models.
    AiProcessing,
    /// Marketing messages.
    Marketing,
    /// Sharing booking data with the hotel's PMS.
    PmsDataSharing,
}

impl Purpose {
    /// Every purpose.
    pub const ALL: [Purpose; 5] = [
        Purpose::CallRecording,
        Purpose::Transcription,
        Purpose::AiProcessing,
        Purpose::Marketing,
        Purpose::PmsDataSharing,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::CallRecording => "call_recording",
            Purpose::Transcription => "transcription",
            Purpose::AiProcessing => "ai_processing",
            Purpose::Marketing => "marketing",
            Purpose::PmsDataSharing => "pms_data_sharing",
        }
    }
}

impl fmt::Display for Purpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown purpose or state name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{name}` (one of: {expected})")]
pub struct UnknownName {
    what: &'static str,
    name: String,
    expected: &'static str,
}

impl FromStr for Purpose {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Purpose::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| UnknownName {
                what: "purpose",
                name: s.chars().take(40).collect(),
                expected: "call_recording, transcription, ai_processing, marketing, pms_data_sharing",
            })
    }
}

/// Granted or withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentState {
    /// The subject agreed.
    Granted,
    /// The subject withdrew (or refused).
    Withdrawn,
}

impl ConsentState {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentState::Granted => "granted",
            ConsentState::Withdrawn => "withdrawn",
        }
    }
}

impl FromStr for ConsentState {
    type Err = UnknownName;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "granted" => Ok(ConsentState::Granted),
            "withdrawn" => Ok(ConsentState::Withdrawn),
            _ => Err(UnknownName {
                what: "consent state",
                name: s.chars().take(40).collect(),
                expected: "granted, withdrawn",
            }),
        }
    }
}

/// One consent event as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ConsentRecord {
    /// The event's id.
    pub id: String,
    /// The subject's pseudonym.
    pub subject: String,
    /// The purpose.
    pub purpose: Purpose,
    /// Granted or withdrawn.
    pub state: ConsentState,
    /// When the subject gave or withdrew it (RFC 3339, UTC).
    pub at: String,
    /// Where: `phone`, `web`, `front_desk`, `email`, ...
    pub channel: String,
    /// The call it was given on, if any.
    pub call_id: Option<String>,
    /// The version of the privacy notice the subject was given.
    pub notice_version: String,
    /// Where the evidence is kept (a recording segment id, a signed form's id).
    pub evidence_ref: Option<String>,
    /// The hotel, if the consent was given for one.
    pub hotel: Option<String>,
    /// Who recorded it (`key:<id>`, `cli`).
    pub recorded_by: String,
}

/// The current state per purpose: the latest event of each purpose in `history` (ordered by
/// time, then by position in `history` for events with the same time).
pub fn current(history: &[ConsentRecord]) -> BTreeMap<Purpose, &ConsentRecord> {
    let mut out: BTreeMap<Purpose, &ConsentRecord> = BTreeMap::new();
    for record in history {
        match out.get(&record.purpose) {
            Some(existing) if existing.at > record.at => {}
            _ => {
                out.insert(record.purpose, record);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, purpose: Purpose, state: ConsentState, at: &str) -> ConsentRecord {
        ConsentRecord {
            id: id.to_owned(),
            subject: "sub_0".to_owned(),
            purpose,
            state,
            at: at.to_owned(),
            channel: "phone".to_owned(),
            call_id: None,
            notice_version: "v1".to_owned(),
            evidence_ref: None,
            hotel: None,
            recorded_by: "cli".to_owned(),
        }
    }

    #[test]
    fn the_latest_event_per_purpose_wins() {
        let history = vec![
            record(
                "1",
                Purpose::Marketing,
                ConsentState::Granted,
                "2026-01-01T00:00:00.000000Z",
            ),
            record(
                "2",
                Purpose::CallRecording,
                ConsentState::Granted,
                "2026-01-02T00:00:00.000000Z",
            ),
            // Recorded later but given earlier (e.g. a paper form entered afterwards).
            record(
                "3",
                Purpose::Marketing,
                ConsentState::Withdrawn,
                "2025-12-31T00:00:00.000000Z",
            ),
            record(
                "4",
                Purpose::CallRecording,
                ConsentState::Withdrawn,
                "2026-01-03T00:00:00.000000Z",
            ),
        ];
        let now = current(&history);
        assert_eq!(now.len(), 2);
        assert_eq!(now[&Purpose::Marketing].id, "1");
        assert_eq!(now[&Purpose::CallRecording].state, ConsentState::Withdrawn);
        assert!(current(&[]).is_empty());
    }

    #[test]
    fn names_parse_and_unknown_ones_are_listed() {
        for purpose in Purpose::ALL {
            assert_eq!(purpose.as_str().parse::<Purpose>(), Ok(purpose));
        }
        let err = "recording".parse::<Purpose>().unwrap_err().to_string();
        assert!(err.contains("call_recording"), "{err}");
        assert_eq!(
            "withdrawn".parse::<ConsentState>(),
            Ok(ConsentState::Withdrawn)
        );
        assert!("revoked".parse::<ConsentState>().is_err());
    }
}
