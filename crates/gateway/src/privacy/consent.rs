//! Consent records: one row per change, the current state derived from them.

use compliance::consent::{ConsentRecord, ConsentState, Purpose};
use compliance::pseudonym::Pseudonym;
use sqlx::Row;

use super::Privacy;
use crate::store::{StoreError, db};

/// A consent change to record.
#[derive(Debug, Clone)]
pub struct NewConsent {
    /// The subject's pseudonym.
    pub subject: Pseudonym,
    /// The purpose.
    pub purpose: Purpose,
    /// Granted or withdrawn.
    pub state: ConsentState,
    /// When the subject gave it (defaults to now).
    pub at: Option<chrono::DateTime<chrono::Utc>>,
    /// `phone`, `web`, `front_desk`, ...
    pub channel: String,
    /// The call, if any.
    pub call_id: Option<String>,
    /// The privacy notice's version.
    pub notice_version: String,
    /// Where the evidence is kept.
    pub evidence_ref: Option<String>,
    /// The hotel, if any.
    pub hotel: Option<String>,
}

const COLUMNS: &str = "id, subject, purpose, state, given_at, channel, call_id, notice_version, evidence_ref, hotel_id, recorded_by";

fn from_row(row: &sqlx::any::AnyRow) -> Result<ConsentRecord, StoreError> {
    let text = |i: usize| -> Result<String, StoreError> {
        row.try_get::<String, _>(i).map_err(db("reading consents"))
    };
    let opt = |i: usize| -> Result<Option<String>, StoreError> {
        row.try_get::<Option<String>, _>(i)
            .map_err(db("reading consents"))
    };
    Ok(ConsentRecord {
        id: text(0)?,
        subject: text(1)?,
        purpose: text(2)?
            .parse()
            .map_err(|e: compliance::consent::UnknownName| StoreError::Refused(e.to_string()))?,
        state: text(3)?
            .parse()
            .map_err(|e: compliance::consent::UnknownName| StoreError::Refused(e.to_string()))?,
        at: text(4)?,
        channel: text(5)?,
        call_id: opt(6)?,
        notice_version: text(7)?,
        evidence_ref: opt(8)?,
        hotel: opt(9)?,
        recorded_by: text(10)?,
    })
}

impl Privacy {
    /// Records a consent change for `tenant` by `actor` and audits it.
    pub async fn record_consent(
        &self,
        tenant: &str,
        actor: &str,
        consent: NewConsent,
    ) -> Result<ConsentRecord, StoreError> {
        let store = self.store();
        let id = super::random_id("cns")?;
        let now = self.now();
        let record = ConsentRecord {
            id,
            subject: consent.subject.as_str().to_owned(),
            purpose: consent.purpose,
            state: consent.state,
            at: compliance::audit::timestamp(consent.at.unwrap_or(now)),
            channel: consent.channel,
            call_id: consent.call_id,
            notice_version: consent.notice_version,
            evidence_ref: consent.evidence_ref,
            hotel: consent.hotel,
            recorded_by: actor.to_owned(),
        };
        // The consent, its subject link and its audit entry commit together, or not at all.
        let mut tx = store
            .pool
            .begin()
            .await
            .map_err(db("recording a consent"))?;
        sqlx::query(&store.sql(&format!(
            "INSERT INTO consents ({COLUMNS}, tenant_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )))
        .bind(record.id.clone())
        .bind(record.subject.clone())
        .bind(record.purpose.as_str())
        .bind(record.state.as_str())
        .bind(record.at.clone())
        .bind(record.channel.clone())
        .bind(record.call_id.clone())
        .bind(record.notice_version.clone())
        .bind(record.evidence_ref.clone())
        .bind(record.hotel.clone())
        .bind(record.recorded_by.clone())
        .bind(tenant.to_owned())
        .bind(crate::store::timestamp(now))
        .execute(&mut *tx)
        .await
        .map_err(db("recording a consent"))?;
        let subject_ref = self
            .subject_ref_on(&mut tx, tenant, &consent.subject)
            .await?;
        let mut event = self
            .event(actor, "consent.recorded")
            .tenant(tenant)
            .subject(subject_ref)
            .resource(record.id.clone())
            .details(&serde_json::json!({
                "purpose": record.purpose.as_str(),
                "state": record.state.as_str(),
                "channel": record.channel,
                "notice_version": record.notice_version,
            }));
        if let Some(hotel) = &record.hotel {
            event = event.hotel(hotel.clone());
        }
        store.append_audit_on(&mut tx, &[event]).await?;
        tx.commit().await.map_err(db("recording a consent"))?;
        Ok(record)
    }

    /// Every consent event of `subject` for `tenant`, in the order given.
    pub async fn consent_history(
        &self,
        tenant: &str,
        subject: &Pseudonym,
    ) -> Result<Vec<ConsentRecord>, StoreError> {
        let store = self.store();
        let rows = sqlx::query(&store.sql(&format!(
            "SELECT {COLUMNS} FROM consents WHERE tenant_id = ? AND subject = ? ORDER BY given_at, recorded_at, id"
        )))
        .bind(tenant.to_owned())
        .bind(subject.as_str().to_owned())
        .fetch_all(&store.pool)
        .await
        .map_err(db("reading consents"))?;
        rows.iter().map(from_row).collect()
    }

    /// Current consents by purpose and state (for the overview and metrics).
    pub async fn consent_counts(
        &self,
        tenant: Option<&str>,
    ) -> Result<Vec<(Purpose, ConsentState, u64)>, StoreError> {
        let store = self.store();
        let sql = "SELECT tenant_id, subject, purpose, state, given_at, recorded_at, id FROM consents ORDER BY tenant_id, subject, purpose, given_at, recorded_at, id";
        let rows = sqlx::query(sql)
            .fetch_all(&store.pool)
            .await
            .map_err(db("reading consents"))?;
        let mut latest: std::collections::BTreeMap<(String, String, String), String> =
            std::collections::BTreeMap::new();
        for row in &rows {
            let t: String = row.try_get(0).map_err(db("reading consents"))?;
            if tenant.is_some_and(|x| x != t) {
                continue;
            }
            let s: String = row.try_get(1).map_err(db("reading consents"))?;
            let p: String = row.try_get(2).map_err(db("reading consents"))?;
            let state: String = row.try_get(3).map_err(db("reading consents"))?;
            latest.insert((t, s, p), state);
        }
        let mut counts = Vec::new();
        for purpose in Purpose::ALL {
            for state in [ConsentState::Granted, ConsentState::Withdrawn] {
                let n = latest
                    .iter()
                    .filter(|((_, _, p), s)| p == purpose.as_str() && s.as_str() == state.as_str())
                    .count();
                counts.push((purpose, state, n as u64));
            }
        }
        Ok(counts)
    }
}
