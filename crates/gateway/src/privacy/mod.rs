//! GDPR records in the gateway's database: consents, the hash-chained audit log and its
//! signed checkpoints, privacy requests (access and erasure) and retention. The rules live in
//! the `compliance` crate; this module stores, serves and schedules them.
//!
//! Personal data here: privacy requests hold the requester's e-mail and phone while they are
//! open (to find the data), never after; access exports hold a copy of the subject's data for
//! the export retention. Everything else holds pseudonyms, random subject references and ids.

pub mod api;
mod audit;
mod consent;
mod requests;
mod retention;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use clock::SharedClock;
use compliance::audit::{
    AuditEvent, ChainBreak, ChainVerifier, Checkpoint, CheckpointSigner, PublicKey, VerifyReport,
};
use compliance::pseudonym::{Pseudonym, Pseudonymizer, SubjectIdentifier};
use compliance::retention::RetentionPolicy;

pub use consent::NewConsent;
pub use requests::{PrivacyRequest, ProcessReport, RequestIdentifiers};
pub use retention::{PurgeCount, RetentionReport};

use crate::store::{Store, StoreError, db};

/// A random id: `prefix`, `_` and 24 hex digits (96 bits).
pub(crate) fn random_id(prefix: &str) -> Result<String, StoreError> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Refused(format!("random: {e}")))?;
    Ok(format!("{prefix}_{}", compliance::hex::encode(&bytes)))
}

/// The secrets of the privacy records: the pseudonym key and the checkpoint signing key.
/// `Debug` shows neither.
#[derive(Clone)]
pub struct PrivacyKeys {
    pseudonymizer: Pseudonymizer,
    signer: Arc<CheckpointSigner>,
}

impl std::fmt::Debug for PrivacyKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrivacyKeys")
            .field("checkpoint_key_id", &self.signer.key_id())
            .finish_non_exhaustive()
    }
}

impl PrivacyKeys {
    /// Keys from a pseudonym key (at least 32 bytes) and an Ed25519 seed in hex.
    pub fn new(pseudonym_key: &[u8], signing_seed_hex: &str) -> Result<Self, String> {
        Ok(Self {
            pseudonymizer: Pseudonymizer::new(pseudonym_key).map_err(|e| e.to_string())?,
            signer: Arc::new(
                CheckpointSigner::from_hex(signing_seed_hex).map_err(|e| e.to_string())?,
            ),
        })
    }

    /// Fresh random keys (tests, benchmarks; a gateway's keys come from its configuration).
    pub fn random() -> Result<Self, String> {
        let mut pseudonym = [0u8; 32];
        let mut seed = [0u8; 32];
        getrandom::fill(&mut pseudonym).map_err(|e| format!("random: {e}"))?;
        getrandom::fill(&mut seed).map_err(|e| format!("random: {e}"))?;
        Self::new(&pseudonym, &compliance::hex::encode(&seed))
    }

    /// The checkpoint verification key.
    pub fn public_key(&self) -> PublicKey {
        self.signer.public_key()
    }

    /// An id of the pseudonym key (a pseudonym of a fixed, non-personal value): equal ids, equal
    /// keys.
    fn pseudonym_key_id(&self) -> String {
        let probe = SubjectIdentifier::email("key-id@voicehive.invalid")
            .map(|id| self.pseudonymizer.pseudonym(&id).to_string())
            .unwrap_or_default();
        probe.trim_start_matches("sub_").chars().take(16).collect()
    }
}

/// Privacy settings (the `[privacy]` and `[retention]` tables).
#[derive(Debug, Clone)]
pub struct PrivacySettings {
    /// Days to answer a privacy request (1 to 30; capped at one calendar month).
    pub due_days: u32,
    /// The retention policy.
    pub retention: RetentionPolicy,
    /// How often `serve` verifies new audit entries and signs a checkpoint (default 60 s).
    pub checkpoint_interval: Duration,
    /// How often `serve` runs the retention purge (default 1 h).
    pub retention_interval: Duration,
}

impl Default for PrivacySettings {
    fn default() -> Self {
        Self {
            due_days: 30,
            retention: RetentionPolicy::default(),
            checkpoint_interval: Duration::from_secs(60),
            retention_interval: Duration::from_secs(3600),
        }
    }
}

/// The outcome of the last verification before a checkpoint.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CheckpointStatus {
    /// The newest checkpoint (stored), if any.
    pub checkpoint: Option<Checkpoint>,
    /// When the chain was last verified, and what was found.
    pub verified_at: Option<String>,
    /// `ok`, or the first broken entry.
    pub result: String,
    /// The verified head's sequence number.
    pub verified_seq: i64,
}

#[derive(Debug)]
struct Verified {
    seq: i64,
    hash: [u8; 32],
    at: Option<String>,
    broken: Option<ChainBreak>,
}

/// The privacy figures as Prometheus metrics (registered by the gateway).
#[derive(Debug, Clone)]
pub(crate) struct PrivacyMetrics {
    requests_open: prometheus::IntGaugeVec,
    requests_overdue: prometheus::IntGaugeVec,
    consents: prometheus::IntGaugeVec,
    checkpoint_seq: prometheus::IntGauge,
    checkpoint_time: prometheus::IntGauge,
    chain_ok: prometheus::IntGauge,
    append_failures: prometheus::IntCounter,
    pub(crate) purged: prometheus::IntCounterVec,
    pub(crate) non_eu: prometheus::IntGaugeVec,
}

impl PrivacyMetrics {
    fn new() -> Result<Self, prometheus::Error> {
        use prometheus::{IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts};
        Ok(Self {
            requests_open: IntGaugeVec::new(
                Opts::new(
                    "privacy_requests_open",
                    "Privacy requests not yet completed or rejected, by kind.",
                ),
                &["kind"],
            )?,
            requests_overdue: IntGaugeVec::new(
                Opts::new(
                    "privacy_requests_overdue",
                    "Open privacy requests past their due date, by kind.",
                ),
                &["kind"],
            )?,
            consents: IntGaugeVec::new(
                Opts::new(
                    "privacy_consents",
                    "Subjects whose current consent for a purpose is granted or withdrawn.",
                ),
                &["purpose", "state"],
            )?,
            checkpoint_seq: IntGauge::new(
                "audit_last_checkpoint_seq",
                "The audit entry the newest checkpoint signed.",
            )?,
            checkpoint_time: IntGauge::new(
                "audit_last_checkpoint_timestamp_seconds",
                "When the newest audit checkpoint was signed (Unix time; 0 before the first).",
            )?,
            chain_ok: IntGauge::new(
                "audit_chain_verified",
                "1 when the last verification of the audit chain found it intact, 0 when it found a break.",
            )?,
            append_failures: IntCounter::new(
                "audit_append_failures_total",
                "Audit entries that could not be written (the operation they record went ahead).",
            )?,
            purged: IntCounterVec::new(
                Opts::new(
                    "retention_purged_total",
                    "Rows deleted by the retention policy, by data category.",
                ),
                &["category"],
            )?,
            non_eu: IntGaugeVec::new(
                Opts::new(
                    "residency_non_eu_endpoints",
                    "Outbound endpoints outside the allowed EU regions, by kind (explicitly allowed ones; others refuse the start).",
                ),
                &["kind"],
            )?,
        })
    }

    /// Registers every metric on `registry`.
    pub(crate) fn register(
        &self,
        registry: &prometheus::Registry,
    ) -> Result<(), prometheus::Error> {
        registry.register(Box::new(self.requests_open.clone()))?;
        registry.register(Box::new(self.requests_overdue.clone()))?;
        registry.register(Box::new(self.consents.clone()))?;
        registry.register(Box::new(self.checkpoint_seq.clone()))?;
        registry.register(Box::new(self.checkpoint_time.clone()))?;
        registry.register(Box::new(self.chain_ok.clone()))?;
        registry.register(Box::new(self.append_failures.clone()))?;
        registry.register(Box::new(self.purged.clone()))?;
        registry.register(Box::new(self.non_eu.clone()))?;
        Ok(())
    }
}

#[derive(Debug)]
struct Inner {
    metrics: Option<PrivacyMetrics>,
    store: Store,
    keys: PrivacyKeys,
    settings: PrivacySettings,
    clock: SharedClock,
    writer: audit::AuditWriter,
    verified: Mutex<Verified>,
}

/// The privacy records service, shared by the API, the worker and the CLI.
#[derive(Debug, Clone)]
pub struct Privacy(Arc<Inner>);

/// A failed verification: the database failed, or the chain is broken.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The chain is broken here.
    #[error("{0}")]
    Broken(ChainBreak),
}

/// What `audit verify` reports.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditVerification {
    /// The chain's figures.
    #[serde(flatten)]
    pub report: VerifyReport,
    /// The ids of the keys the checkpoints were checked with.
    pub keys: Vec<String>,
}

impl Privacy {
    /// The service over `store`, with its writer task on the current runtime.
    pub fn new(
        store: Store,
        keys: PrivacyKeys,
        settings: PrivacySettings,
        clock: SharedClock,
    ) -> Self {
        let writer = audit::AuditWriter::spawn(store.clone());
        let metrics = PrivacyMetrics::new()
            .map_err(|e| tracing::error!(error = %e, "privacy metrics could not be created"))
            .ok();
        Self(Arc::new(Inner {
            metrics,
            store,
            keys,
            settings,
            clock,
            writer,
            verified: Mutex::new(Verified {
                seq: 0,
                hash: compliance::audit::GENESIS,
                at: None,
                broken: None,
            }),
        }))
    }

    pub(crate) fn metrics(&self) -> Option<&PrivacyMetrics> {
        self.0.metrics.as_ref()
    }

    /// Sets the privacy gauges from the database (all tenants).
    pub(crate) async fn refresh_metrics(&self) {
        let Some(metrics) = self.metrics() else {
            return;
        };
        if let Ok(counts) = self.request_counts(None).await {
            for (kind, open, overdue) in counts {
                metrics
                    .requests_open
                    .with_label_values(&[kind.as_str()])
                    .set(i64::try_from(open).unwrap_or(i64::MAX));
                metrics
                    .requests_overdue
                    .with_label_values(&[kind.as_str()])
                    .set(i64::try_from(overdue).unwrap_or(i64::MAX));
            }
        }
        if let Ok(counts) = self.consent_counts(None).await {
            for (purpose, state, n) in counts {
                metrics
                    .consents
                    .with_label_values(&[purpose.as_str(), state.as_str()])
                    .set(i64::try_from(n).unwrap_or(i64::MAX));
            }
        }
        if let Ok(status) = self.checkpoint_status().await {
            if let Some(checkpoint) = &status.checkpoint {
                metrics.checkpoint_seq.set(checkpoint.seq);
                let at = chrono::DateTime::parse_from_rfc3339(&checkpoint.at)
                    .map(|t| t.timestamp())
                    .unwrap_or(0);
                metrics.checkpoint_time.set(at);
            }
            match (status.result.as_str(), &status.verified_at) {
                ("ok", _) => metrics.chain_ok.set(1),
                (_, Some(_)) => metrics.chain_ok.set(0),
                _ => {}
            }
        }
    }

    /// Sets `residency_non_eu_endpoints{kind}` from a residency check.
    pub(crate) fn set_residency_metrics(&self, report: &residency::ResidencyReport) {
        let Some(metrics) = self.metrics() else {
            return;
        };
        for kind in residency::EndpointKind::ALL {
            let n = report
                .entries()
                .iter()
                .filter(|e| {
                    e.kind == kind && e.verdict.status == residency::ResidencyStatus::NonEuAllowed
                })
                .count();
            metrics
                .non_eu
                .with_label_values(&[kind.as_str()])
                .set(i64::try_from(n).unwrap_or(i64::MAX));
        }
    }

    pub(crate) fn store(&self) -> &Store {
        &self.0.store
    }

    /// The settings.
    pub fn settings(&self) -> &PrivacySettings {
        &self.0.settings
    }

    /// The checkpoint verification key.
    pub fn public_key(&self) -> PublicKey {
        self.0.keys.public_key()
    }

    pub(crate) fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.clock.now()
    }

    /// The clock the privacy records read (and the gateway with them).
    pub(crate) fn clock(&self) -> &SharedClock {
        &self.0.clock
    }

    /// An audit event now, by `actor`.
    pub fn event(&self, actor: &str, action: &str) -> AuditEvent {
        AuditEvent::new(self.now(), actor, action)
    }

    /// Appends `event` to the audit log; returns its sequence number once committed.
    pub async fn audit(&self, event: AuditEvent) -> Result<i64, StoreError> {
        self.0.writer.append(event).await
    }

    /// Appends `event`, logging (never failing) if the log cannot be written: for events
    /// after the fact (a PMS operation that already happened).
    pub(crate) async fn audit_or_log(&self, event: AuditEvent) {
        let action = event.action.clone();
        if let Err(e) = self.audit(event).await {
            if let Some(metrics) = self.metrics() {
                metrics.append_failures.inc();
            }
            tracing::error!(error = %e, action = %action, "could not write an audit entry");
        }
    }

    /// The pseudonym of an identifier.
    pub fn pseudonym(&self, subject: &SubjectIdentifier) -> Pseudonym {
        self.0.keys.pseudonymizer.pseudonym(subject)
    }

    /// The random reference `tenant`'s audit entries carry for `pseudonym`, created on first
    /// use, inside the caller's transaction. Erasure deletes the link, leaving the entries
    /// unlinkable to the subject.
    pub(crate) async fn subject_ref_on(
        &self,
        tx: &mut sqlx::AnyConnection,
        tenant: &str,
        pseudonym: &Pseudonym,
    ) -> Result<String, StoreError> {
        let store = self.store();
        let fresh = random_id("sref")?;
        sqlx::query(&store.sql(
            "INSERT INTO subjects (tenant_id, pseudonym, subject_ref, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        ))
        .bind(tenant.to_owned())
        .bind(pseudonym.as_str().to_owned())
        .bind(fresh)
        .bind(crate::store::timestamp(self.now()))
        .execute(&mut *tx)
        .await
        .map_err(db("recording a subject"))?;
        let found: String = sqlx::query_scalar(
            &store.sql("SELECT subject_ref FROM subjects WHERE tenant_id = ? AND pseudonym = ?"),
        )
        .bind(tenant.to_owned())
        .bind(pseudonym.as_str().to_owned())
        .fetch_one(&mut *tx)
        .await
        .map_err(db("reading a subject"))?;
        Ok(found)
    }

    /// Verifies the whole chain from the database against every stored checkpoint and
    /// `extra` (exported copies), under `keys` (none: this gateway's key). A checkpoint signed
    /// by a key not given fails the verification: it cannot be checked, so it is no pass.
    pub async fn verify(
        &self,
        extra: Vec<Checkpoint>,
        keys: Vec<PublicKey>,
    ) -> Result<AuditVerification, VerifyError> {
        let keys = if keys.is_empty() {
            vec![self.public_key()]
        } else {
            keys
        };
        let mut checkpoints = self.store().audit_checkpoints().await?;
        checkpoints.extend(extra);
        checkpoints.sort_by(|a, b| (a.seq, &a.signature).cmp(&(b.seq, &b.signature)));
        checkpoints.dedup();
        let report = audit::verify_all(self.store(), checkpoints, &keys)
            .await?
            .map_err(VerifyError::Broken)?;
        Ok(AuditVerification {
            report,
            keys: keys.iter().map(PublicKey::id).collect(),
        })
    }

    /// Verifies the entries appended since the last verification and, if the chain holds,
    /// signs its head into a checkpoint. A broken chain is never signed: the break is kept
    /// and reported until the process restarts.
    pub async fn checkpoint(&self) -> Result<Checkpoint, VerifyError> {
        let (seq, hash, broken) = {
            let v = self
                .0
                .verified
                .lock()
                .map_err(|_| StoreError::Refused("lock poisoned".to_owned()))?;
            (v.seq, v.hash, v.broken.clone())
        };
        if let Some(broken) = broken {
            return Err(VerifyError::Broken(broken));
        }
        let key = self.public_key();
        let id = key.id();
        let stored: Vec<Checkpoint> = self
            .store()
            .audit_checkpoints()
            .await?
            .into_iter()
            .filter(|c| c.key_id == id)
            .collect();
        let result = match ChainVerifier::resume(seq, hash, stored, &[key]) {
            Ok(mut verifier) => match self.store().verify_audit_from(seq, &mut verifier).await? {
                Ok(()) => {
                    let head = verifier.head();
                    verifier.finish().map(|_| head)
                }
                Err(broken) => Err(broken),
            },
            Err(broken) => Err(broken),
        };
        let now = self.now();
        let verified = {
            let mut v = self
                .0
                .verified
                .lock()
                .map_err(|_| StoreError::Refused("lock poisoned".to_owned()))?;
            v.at = Some(compliance::audit::timestamp(now));
            match &result {
                Ok((seq, hash)) => {
                    v.seq = *seq;
                    v.hash = *hash;
                }
                Err(broken) => v.broken = Some(broken.clone()),
            }
            result
        };
        let (seq, hash) = match verified {
            Ok(head) => head,
            Err(broken) => {
                if let Some(metrics) = self.metrics() {
                    metrics.chain_ok.set(0);
                }
                return Err(VerifyError::Broken(broken));
            }
        };
        let checkpoint = self.0.keys.signer.sign(seq, hash, now);
        if seq > 0 {
            self.store().insert_checkpoint(&checkpoint).await?;
        }
        if let Some(metrics) = self.metrics() {
            metrics.chain_ok.set(1);
            if seq > 0 {
                metrics.checkpoint_seq.set(seq);
                metrics.checkpoint_time.set(now.timestamp());
            }
        }
        Ok(checkpoint)
    }

    /// Refuses keys other than those this database's records were made with: a pseudonym key
    /// that changed would make every consent and request unfindable by e-mail or phone, and a
    /// signing key that changed (lost key files, a wrong secret) would sign checkpoints that
    /// vouch for nothing. A deliberate signing-key rotation names the previous key ids in
    /// `previous_signing_keys`. The first start records the key ids.
    pub async fn check_keys(&self, previous_signing_keys: &[String]) -> Result<(), StoreError> {
        let store = self.store();
        let pseudonym_id = self.0.keys.pseudonym_key_id();
        let stored: Option<String> =
            sqlx::query_scalar("SELECT key_id FROM privacy_keys WHERE name = 'pseudonym'")
                .fetch_optional(&store.pool)
                .await
                .map_err(db("reading the privacy key ids"))?;
        match stored {
            Some(id) if id != pseudonym_id => {
                return Err(StoreError::Refused(format!(
                    "the pseudonym key changed (this database's records use key {id}, the configured one is {pseudonym_id}): consents and privacy requests could no longer be found by e-mail or phone; restore the key"
                )));
            }
            Some(_) => {}
            None => {
                sqlx::query(&store.sql(
                    "INSERT INTO privacy_keys (name, key_id, created_at) VALUES ('pseudonym', ?, ?) ON CONFLICT DO NOTHING",
                ))
                .bind(pseudonym_id)
                .bind(crate::store::timestamp(self.now()))
                .execute(&store.pool)
                .await
                .map_err(db("recording the privacy key ids"))?;
            }
        }
        let signing_id = self.public_key().id();
        let newest = store.audit_checkpoints().await?.into_iter().next_back();
        if let Some(newest) = newest
            && newest.key_id != signing_id
            && !previous_signing_keys.contains(&newest.key_id)
        {
            return Err(StoreError::Refused(format!(
                "the audit signing key changed: the newest checkpoint (entry {}) is signed by key {}, the configured key is {signing_id}; restore the key, or, for a deliberate rotation, list the previous key id in privacy.previous_signing_keys (and keep its public key to verify the old checkpoints)",
                newest.seq, newest.key_id
            )));
        }
        Ok(())
    }

    /// Every stored checkpoint of the current key, oldest first.
    pub async fn stored_checkpoints(&self) -> Result<Vec<Checkpoint>, StoreError> {
        let id = self.public_key().id();
        Ok(self
            .store()
            .audit_checkpoints()
            .await?
            .into_iter()
            .filter(|c| c.key_id == id)
            .collect())
    }

    /// The last checkpoint and verification result.
    pub async fn checkpoint_status(&self) -> Result<CheckpointStatus, StoreError> {
        let key_id = self.public_key().id();
        let checkpoint = self
            .store()
            .audit_checkpoints()
            .await?
            .into_iter()
            .rfind(|c| c.key_id == key_id);
        let v = self
            .0
            .verified
            .lock()
            .map_err(|_| StoreError::Refused("lock poisoned".to_owned()))?;
        Ok(CheckpointStatus {
            checkpoint,
            verified_at: v.at.clone(),
            result: match (&v.broken, &v.at) {
                (Some(broken), _) => broken.to_string(),
                (None, Some(_)) => "ok".to_owned(),
                (None, None) => "not verified yet".to_owned(),
            },
            verified_seq: v.seq,
        })
    }
}
