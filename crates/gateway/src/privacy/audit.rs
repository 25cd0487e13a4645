//! The audit log in the database: the batching writer, reading the chain in order, the
//! checkpoints, and verification.

use compliance::audit::{
    AuditEntry, AuditEvent, ChainBreak, ChainVerifier, Checkpoint, PublicKey, VerifyReport,
};
use compliance::hex;
use futures::TryStreamExt;
use sqlx::Row;
use sqlx::any::AnyRow;
use tokio::sync::{mpsc, oneshot};

use crate::store::{Store, StoreError, db};

/// Entries written per transaction at most.
const BATCH: usize = 256;

/// Scheduler turns the writer yields to gather more appends before it writes a batch.
const GATHER_TURNS: usize = 4;

type Reply = oneshot::Sender<Result<i64, String>>;

/// Appends audit events through one writer task per process: concurrent appends are grouped
/// into one transaction (a group commit), which keeps the chain strictly ordered without a
/// round trip per entry under the lock.
#[derive(Debug, Clone)]
pub(crate) struct AuditWriter {
    tx: mpsc::Sender<(AuditEvent, Reply)>,
}

impl AuditWriter {
    /// Starts the writer task on the current runtime.
    pub(crate) fn spawn(store: Store) -> Self {
        let (tx, mut rx) = mpsc::channel::<(AuditEvent, Reply)>(4096);
        tokio::spawn(async move {
            while let Some(first) = rx.recv().await {
                let mut batch = vec![first];
                // Give appenders that are about to send (woken by the previous batch's
                // replies) a moment to join this transaction: a few scheduler turns, no timer.
                for _ in 0..GATHER_TURNS {
                    while batch.len() < BATCH {
                        match rx.try_recv() {
                            Ok(next) => batch.push(next),
                            Err(_) => break,
                        }
                    }
                    if batch.len() >= BATCH {
                        break;
                    }
                    tokio::task::yield_now().await;
                }
                let events: Vec<AuditEvent> = batch.iter().map(|(e, _)| e.clone()).collect();
                match store.append_audit(&events).await {
                    Ok(first_seq) => {
                        for (i, (_, reply)) in batch.into_iter().enumerate() {
                            let _ = reply.send(Ok(first_seq + i as i64));
                        }
                    }
                    Err(e) => {
                        let message = e.to_string();
                        for (_, reply) in batch {
                            let _ = reply.send(Err(message.clone()));
                        }
                    }
                }
            }
        });
        Self { tx }
    }

    /// Appends `event`; returns its sequence number once it is committed.
    pub(crate) async fn append(&self, event: AuditEvent) -> Result<i64, StoreError> {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send((event, reply))
            .await
            .map_err(|_| StoreError::Refused("the audit writer stopped".to_owned()))?;
        match answer.await {
            Ok(Ok(seq)) => Ok(seq),
            Ok(Err(message)) => Err(StoreError::Refused(format!(
                "audit append failed: {message}"
            ))),
            Err(_) => Err(StoreError::Refused("the audit writer stopped".to_owned())),
        }
    }
}

const ENTRY_COLUMNS: &str = "seq, at, tenant_id, actor, action, hotel_id, subject_ref, resource, outcome, details, prev_hash, hash";

fn entry_from_row(row: &AnyRow) -> Result<AuditEntry, StoreError> {
    let get = |i: usize| -> Result<Option<String>, StoreError> {
        row.try_get::<Option<String>, _>(i)
            .map_err(db("reading the audit log"))
    };
    let req = |i: usize| -> Result<String, StoreError> { Ok(get(i)?.unwrap_or_default()) };
    let hash = |i: usize| -> Result<[u8; 32], StoreError> {
        // A hash column that is not 64 hex digits cannot verify: all zeros fails the check.
        Ok(hex::decode_array::<32>(&req(i)?).unwrap_or([0xff; 32]))
    };
    Ok(AuditEntry {
        seq: row
            .try_get::<i64, _>(0)
            .map_err(db("reading the audit log"))?,
        event: AuditEvent {
            at: req(1)?,
            tenant: get(2)?,
            actor: req(3)?,
            action: req(4)?,
            hotel: get(5)?,
            subject: get(6)?,
            resource: get(7)?,
            outcome: req(8)?,
            details: get(9)?,
        },
        prev_hash: hash(10)?,
        hash: hash(11)?,
    })
}

impl Store {
    /// Appends `events` in order in one transaction; returns the first one's sequence number.
    pub(crate) async fn append_audit(&self, events: &[AuditEvent]) -> Result<i64, StoreError> {
        let mut tx = self
            .pool
            .begin()
            .await
            .map_err(db("appending to the audit log"))?;
        let first = self.append_audit_on(&mut tx, events).await?;
        tx.commit()
            .await
            .map_err(db("appending to the audit log"))?;
        Ok(first)
    }

    /// Appends `events` inside the caller's transaction (so a record and its audit entry
    /// commit together, or neither does); returns the first one's sequence number.
    pub(crate) async fn append_audit_on(
        &self,
        tx: &mut sqlx::AnyConnection,
        events: &[AuditEvent],
    ) -> Result<i64, StoreError> {
        // Taking the head row's lock first serialises appenders (every replica, every
        // process) before anyone reads the head.
        // One round trip: the lock and the head (RETURNING: PostgreSQL, SQLite 3.35+).
        let row = sqlx::query("UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash")
            .fetch_one(&mut *tx)
            .await
            .map_err(db("locking the audit log"))?;
        let mut seq: i64 = row.try_get(0).map_err(db("reading the audit head"))?;
        let head: String = row.try_get(1).map_err(db("reading the audit head"))?;
        let mut hash = hex::decode_array::<32>(&head).unwrap_or([0xff; 32]);
        let first = seq + 1;
        for chunk in events.chunks(64) {
            let mut sql = format!("INSERT INTO audit_log ({ENTRY_COLUMNS}) VALUES ");
            let mut entries = Vec::with_capacity(chunk.len());
            for (i, event) in chunk.iter().enumerate() {
                let entry = AuditEntry::chain(seq, hash, event.clone());
                seq = entry.seq;
                hash = entry.hash;
                entries.push(entry);
                sql.push_str(if i == 0 {
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                } else {
                    ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                });
            }
            let sql = self.sql(&sql);
            let mut query = sqlx::query(&sql);
            for e in &entries {
                query = query
                    .bind(e.seq)
                    .bind(e.event.at.clone())
                    .bind(e.event.tenant.clone())
                    .bind(e.event.actor.clone())
                    .bind(e.event.action.clone())
                    .bind(e.event.hotel.clone())
                    .bind(e.event.subject.clone())
                    .bind(e.event.resource.clone())
                    .bind(e.event.outcome.clone())
                    .bind(e.event.details.clone())
                    .bind(hex::encode(&e.prev_hash))
                    .bind(hex::encode(&e.hash));
            }
            query
                .execute(&mut *tx)
                .await
                .map_err(db("appending to the audit log"))?;
        }
        sqlx::query(&self.sql("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1"))
            .bind(seq)
            .bind(hex::encode(&hash))
            .execute(&mut *tx)
            .await
            .map_err(db("moving the audit head"))?;
        Ok(first)
    }

    /// Streams entries after `after` in sequence order into `verifier`, one at a time.
    pub(crate) async fn verify_audit_from(
        &self,
        after: i64,
        verifier: &mut ChainVerifier,
    ) -> Result<Result<(), ChainBreak>, StoreError> {
        let sql = self.sql(&format!(
            "SELECT {ENTRY_COLUMNS} FROM audit_log WHERE seq > ? ORDER BY seq"
        ));
        let mut rows = sqlx::query(&sql).bind(after).fetch(&self.pool);
        while let Some(row) = rows.try_next().await.map_err(db("reading the audit log"))? {
            let entry = entry_from_row(&row)?;
            if let Err(broken) = verifier.push(&entry) {
                return Ok(Err(broken));
            }
        }
        Ok(Ok(()))
    }

    /// Entries of `tenant` whose subject reference or resource is one of `refs` (for access
    /// exports: another tenant's entries about the same guest are not this tenant's to give).
    pub(crate) async fn audit_entries_about(
        &self,
        tenant: &str,
        subject_refs: &[String],
        resources: &[String],
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let mut out = Vec::new();
        for (column, values) in [("subject_ref", subject_refs), ("resource", resources)] {
            for value in values {
                let sql = self.sql(&format!(
                    "SELECT {ENTRY_COLUMNS} FROM audit_log WHERE {column} = ? AND tenant_id = ? ORDER BY seq"
                ));
                let rows = sqlx::query(&sql)
                    .bind(value.clone())
                    .bind(tenant.to_owned())
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db("reading the audit log"))?;
                for row in &rows {
                    out.push(entry_from_row(row)?);
                }
            }
        }
        out.sort_by_key(|e| e.seq);
        out.dedup_by_key(|e| e.seq);
        Ok(out)
    }

    /// Every stored checkpoint, oldest first.
    pub(crate) async fn audit_checkpoints(&self) -> Result<Vec<Checkpoint>, StoreError> {
        let rows = sqlx::query(
            "SELECT seq, head_hash, at, key_id, signature FROM audit_checkpoints ORDER BY seq",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db("reading audit checkpoints"))?;
        rows.iter()
            .map(|row| {
                Ok(Checkpoint {
                    seq: row.try_get(0).map_err(db("reading audit checkpoints"))?,
                    head_hash: row.try_get(1).map_err(db("reading audit checkpoints"))?,
                    at: row.try_get(2).map_err(db("reading audit checkpoints"))?,
                    key_id: row.try_get(3).map_err(db("reading audit checkpoints"))?,
                    signature: row.try_get(4).map_err(db("reading audit checkpoints"))?,
                })
            })
            .collect()
    }

    /// Stores a checkpoint (a second replica signing the same head is a no-op).
    pub(crate) async fn insert_checkpoint(
        &self,
        checkpoint: &Checkpoint,
    ) -> Result<(), StoreError> {
        sqlx::query(&self.sql(
            "INSERT INTO audit_checkpoints (seq, head_hash, at, key_id, signature) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        ))
        .bind(checkpoint.seq)
        .bind(checkpoint.head_hash.clone())
        .bind(checkpoint.at.clone())
        .bind(checkpoint.key_id.clone())
        .bind(checkpoint.signature.clone())
        .execute(&self.pool)
        .await
        .map_err(db("storing an audit checkpoint"))?;
        Ok(())
    }
}

/// Verifies the whole chain against `checkpoints` (the stored ones and any exported copies)
/// under `keys`, streaming the entries.
pub(crate) async fn verify_all(
    store: &Store,
    checkpoints: Vec<Checkpoint>,
    keys: &[PublicKey],
) -> Result<Result<VerifyReport, ChainBreak>, StoreError> {
    let mut verifier = match ChainVerifier::new(checkpoints, keys) {
        Ok(v) => v,
        Err(broken) => return Ok(Err(broken)),
    };
    if let Err(broken) = store.verify_audit_from(0, &mut verifier).await? {
        return Ok(Err(broken));
    }
    Ok(verifier.finish())
}
