//! The audit log: append-only entries, each hash-chained to the one before, and signed
//! checkpoints of the chain head.
//!
//! **Chain.** Entry `n` (sequence numbers start at 1 and have no gaps) stores
//! `hash_n = SHA-256(hash_{n-1} ‖ canonical(entry_n))`, with 32 zero bytes before entry 1.
//! The canonical encoding ([`AuditEntry::canonical`]) is a domain tag, the sequence number as
//! 8 bytes big-endian, then every field in a fixed order, each as a presence byte, a 4-byte
//! big-endian length and its UTF-8 bytes — unambiguous, and independent of JSON or SQL
//! formatting. Because the sequence number is hashed, a reordered row breaks its own hash.
//!
//! **Checkpoints.** A [`Checkpoint`] is an Ed25519 signature over the head (sequence number,
//! hash, time). Exported off the box, checkpoints are what a database superuser who rewrites
//! the whole chain cannot forge: the rewritten chain no longer matches them, and a chain cut
//! below a checkpoint is missing entries it signed.
//!
//! **Verification.** [`ChainVerifier`] reads entries in sequence order, one at a time, in
//! constant memory, and stops at the first broken one ([`ChainBreak`]).

use std::fmt;

use chrono::{DateTime, SecondsFormat, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::hex;

/// The hash before entry 1.
pub const GENESIS: [u8; 32] = [0; 32];

const ENTRY_TAG: &[u8] = b"voicehive.audit.entry.v1\0";
const CHECKPOINT_TAG: &[u8] = b"voicehive.audit.checkpoint.v1\0";

/// The canonical text of an audit timestamp: RFC 3339, UTC, microseconds, `Z`.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// What happened, as appended (the log assigns the sequence number and hashes). Fields hold
/// ids, pseudonyms, codes and counts only, never personal data.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AuditEvent {
    /// When, as [`timestamp`] writes it.
    pub at: String,
    /// The tenant, if the event belongs to one.
    pub tenant: Option<String>,
    /// Who: `key:<id>` (an API key), `cli` (an operator's command), `system` (the gateway).
    pub actor: String,
    /// What, dotted: `pms.create_reservation`, `consent.recorded`, `privacy_request.completed`,
    /// `key.added`, `config.reconciled`, `retention.purged`, ...
    pub action: String,
    /// The hotel, if any.
    pub hotel: Option<String>,
    /// The data subject's reference (a random id whose link to the subject is deleted on
    /// erasure), if any.
    pub subject: Option<String>,
    /// The object acted on: a reservation id, a privacy request id, a key id.
    pub resource: Option<String>,
    /// `ok` or an error code.
    pub outcome: String,
    /// More ids and counts as a JSON object (never personal data).
    pub details: Option<String>,
}

impl AuditEvent {
    /// An event at `at` by `actor`, with outcome `ok` and no optional fields.
    pub fn new(at: DateTime<Utc>, actor: impl Into<String>, action: impl Into<String>) -> Self {
        Self {
            at: timestamp(at),
            tenant: None,
            actor: actor.into(),
            action: action.into(),
            hotel: None,
            subject: None,
            resource: None,
            outcome: "ok".to_owned(),
            details: None,
        }
    }

    /// Sets the tenant.
    #[must_use]
    pub fn tenant(mut self, tenant: impl Into<String>) -> Self {
        self.tenant = Some(tenant.into());
        self
    }

    /// Sets the hotel.
    #[must_use]
    pub fn hotel(mut self, hotel: impl Into<String>) -> Self {
        self.hotel = Some(hotel.into());
        self
    }

    /// Sets the subject reference.
    #[must_use]
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Sets the resource.
    #[must_use]
    pub fn resource(mut self, resource: impl Into<String>) -> Self {
        self.resource = Some(resource.into());
        self
    }

    /// Sets the outcome.
    #[must_use]
    pub fn outcome(mut self, outcome: impl Into<String>) -> Self {
        self.outcome = outcome.into();
        self
    }

    /// Sets the details (a JSON value, serialised compactly).
    #[must_use]
    pub fn details(mut self, details: &serde_json::Value) -> Self {
        self.details = Some(details.to_string());
        self
    }
}

/// A stored entry: the event, its place in the chain and its hashes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    /// The sequence number (1, 2, ...).
    pub seq: i64,
    /// The event.
    #[serde(flatten)]
    pub event: AuditEvent,
    /// The previous entry's hash.
    #[serde(with = "hex_bytes")]
    pub prev_hash: [u8; 32],
    /// This entry's hash.
    #[serde(with = "hex_bytes")]
    pub hash: [u8; 32],
}

impl AuditEntry {
    /// Chains `event` after the entry `(prev_seq, prev_hash)`.
    pub fn chain(prev_seq: i64, prev_hash: [u8; 32], event: AuditEvent) -> Self {
        let seq = prev_seq + 1;
        let hash = entry_hash(&prev_hash, seq, &event);
        Self {
            seq,
            event,
            prev_hash,
            hash,
        }
    }

    /// The canonical encoding of `seq` and `event` (what the hash covers after the previous
    /// hash).
    pub fn canonical(seq: i64, event: &AuditEvent) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        out.extend_from_slice(ENTRY_TAG);
        out.extend_from_slice(&seq.to_be_bytes());
        for field in [
            Some(event.at.as_str()),
            event.tenant.as_deref(),
            Some(event.actor.as_str()),
            Some(event.action.as_str()),
            event.hotel.as_deref(),
            event.subject.as_deref(),
            event.resource.as_deref(),
            Some(event.outcome.as_str()),
            event.details.as_deref(),
        ] {
            match field {
                None => out.push(0),
                Some(text) => {
                    out.push(1);
                    // Fields are short; a length above 4 GiB cannot be stored anyway.
                    let len = u32::try_from(text.len()).unwrap_or(u32::MAX);
                    out.extend_from_slice(&len.to_be_bytes());
                    out.extend_from_slice(text.as_bytes());
                }
            }
        }
        out
    }
}

/// `SHA-256(prev_hash ‖ canonical(seq, event))`.
pub fn entry_hash(prev_hash: &[u8; 32], seq: i64, event: &AuditEvent) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash);
    hasher.update(AuditEntry::canonical(seq, event));
    hasher.finalize().into()
}

mod hex_bytes {
    pub(super) fn serialize<S: serde::Serializer>(
        bytes: &[u8; 32],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&crate::hex::encode(bytes))
    }
}

/// The key that signs checkpoints. `Debug` shows only its id.
pub struct CheckpointSigner {
    key: SigningKey,
}

impl fmt::Debug for CheckpointSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CheckpointSigner")
            .field("key_id", &self.key_id())
            .finish()
    }
}

impl CheckpointSigner {
    /// A signer from a 32-byte Ed25519 seed.
    pub fn from_seed(seed: &[u8; 32]) -> Self {
        Self {
            key: SigningKey::from_bytes(seed),
        }
    }

    /// A signer from a seed written as 64 hex digits (how secrets hold it).
    pub fn from_hex(text: &str) -> Result<Self, CheckpointError> {
        hex::decode_array::<32>(text.trim())
            .map(|seed| Self::from_seed(&seed))
            .ok_or(CheckpointError::BadKey)
    }

    /// The public key, for verifiers.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.key.verifying_key())
    }

    /// The public key's id.
    pub fn key_id(&self) -> String {
        self.public_key().id()
    }

    /// Signs the head `(seq, hash)` at `at`.
    pub fn sign(&self, seq: i64, head_hash: [u8; 32], at: DateTime<Utc>) -> Checkpoint {
        let at = timestamp(at);
        let message = checkpoint_message(seq, &head_hash, &at);
        let signature = self.key.sign(&message);
        Checkpoint {
            seq,
            head_hash: hex::encode(&head_hash),
            at,
            key_id: self.key_id(),
            signature: hex::encode(&signature.to_bytes()),
        }
    }
}

/// A checkpoint verification key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl PublicKey {
    /// Parses 64 hex digits.
    pub fn from_hex(text: &str) -> Result<Self, CheckpointError> {
        let bytes = hex::decode_array::<32>(text.trim()).ok_or(CheckpointError::BadKey)?;
        VerifyingKey::from_bytes(&bytes)
            .map(Self)
            .map_err(|_| CheckpointError::BadKey)
    }

    /// 64 hex digits.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0.as_bytes())
    }

    /// The key's id: the first 8 bytes of SHA-256 of the key, in hex.
    pub fn id(&self) -> String {
        let digest = Sha256::digest(self.0.as_bytes());
        hex::encode(&digest[..8])
    }
}

/// Why a key or checkpoint is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    /// Not a 32-byte key in hex.
    #[error("checkpoint key: expected 64 hex digits (an Ed25519 key)")]
    BadKey,
}

fn checkpoint_message(seq: i64, head_hash: &[u8; 32], at: &str) -> Vec<u8> {
    let mut message = Vec::with_capacity(CHECKPOINT_TAG.len() + 8 + 32 + at.len());
    message.extend_from_slice(CHECKPOINT_TAG);
    message.extend_from_slice(&seq.to_be_bytes());
    message.extend_from_slice(head_hash);
    message.extend_from_slice(at.as_bytes());
    message
}

/// A signed statement that the chain's entry `seq` has hash `head_hash`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Checkpoint {
    /// The head's sequence number.
    pub seq: i64,
    /// The head's hash (hex).
    pub head_hash: String,
    /// When it was signed.
    pub at: String,
    /// The signing key's id.
    pub key_id: String,
    /// The Ed25519 signature (hex).
    pub signature: String,
}

impl Checkpoint {
    /// Whether `key` signed this checkpoint as it stands.
    pub fn verify(&self, key: &PublicKey) -> bool {
        let (Some(hash), Some(signature)) = (
            hex::decode_array::<32>(&self.head_hash),
            hex::decode_array::<64>(&self.signature),
        ) else {
            return false;
        };
        let message = checkpoint_message(self.seq, &hash, &self.at);
        key.0
            .verify(&message, &Signature::from_bytes(&signature))
            .is_ok()
    }
}

/// The first thing wrong with a chain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChainBreak {
    /// An entry's stored hash is not the hash of its contents: it was edited (or moved:
    /// the sequence number is hashed).
    #[error("entry {seq}: its contents do not match its hash (edited or moved)")]
    Edited {
        /// The entry.
        seq: i64,
    },
    /// An entry does not link to the one before: entries were removed, inserted or reordered
    /// and the chain recomputed from there.
    #[error("entry {seq}: it does not link to entry {previous} (chain rewritten or reordered)")]
    Unlinked {
        /// The entry.
        seq: i64,
        /// The entry before it.
        previous: i64,
    },
    /// Entries are missing before `found`.
    #[error("entry {expected} is missing (the next entry present is {found}): deleted")]
    Missing {
        /// The first missing sequence number.
        expected: i64,
        /// The next one present.
        found: i64,
    },
    /// The chain ends before a checkpoint's entry.
    #[error(
        "the chain ends at entry {last} but checkpoint {checkpoint} signed entry {checkpoint}: entries after {last} were deleted (truncated tail)"
    )]
    Truncated {
        /// The last entry present (0: none).
        last: i64,
        /// The checkpoint's sequence number.
        checkpoint: i64,
    },
    /// The chain at a checkpoint's entry has another hash than the one signed.
    #[error("entry {seq}: its hash differs from the one checkpoint {seq} signed (chain rewritten)")]
    CheckpointMismatch {
        /// The entry (and checkpoint).
        seq: i64,
    },
    /// A checkpoint's signature does not verify under the key.
    #[error("checkpoint {seq}: its signature does not verify (forged or altered checkpoint)")]
    BadSignature {
        /// The checkpoint's entry.
        seq: i64,
    },
    /// A checkpoint is signed by a key the verifier was not given: it cannot be checked, and
    /// an unchecked checkpoint is not a pass.
    #[error(
        "checkpoint {seq}: signed by key {key_id}, which was not given: verify with that key's public half too"
    )]
    UnknownKey {
        /// The checkpoint's entry.
        seq: i64,
        /// The key id it names.
        key_id: String,
    },
}

impl ChainBreak {
    /// The first broken entry (or the checkpoint's entry).
    pub fn seq(&self) -> i64 {
        match self {
            Self::Edited { seq }
            | Self::Unlinked { seq, .. }
            | Self::CheckpointMismatch { seq }
            | Self::BadSignature { seq }
            | Self::UnknownKey { seq, .. } => *seq,
            Self::Missing { expected, .. } => *expected,
            Self::Truncated { last, .. } => last + 1,
        }
    }
}

/// What a verification checked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct VerifyReport {
    /// Entries checked.
    pub entries: u64,
    /// The last entry's sequence number (0: empty).
    pub head_seq: i64,
    /// The last entry's hash (hex).
    pub head_hash: String,
    /// Checkpoints whose signature and hash were checked.
    pub checkpoints: u64,
    /// The newest checkpoint's entry, if any.
    pub last_checkpoint_seq: Option<i64>,
}

/// Verifies a chain read in sequence order, one entry at a time, in constant memory (beyond
/// the checkpoints it was given).
#[derive(Debug)]
pub struct ChainVerifier {
    checkpoints: Vec<Checkpoint>,
    next_checkpoint: usize,
    last_seq: i64,
    last_hash: [u8; 32],
    entries: u64,
}

impl ChainVerifier {
    /// A verifier that also checks `checkpoints` (each signature under the one of `keys` its
    /// key id names, and each signed hash against the chain). Signatures are checked here,
    /// before any entry; a checkpoint of a key not given fails ([`ChainBreak::UnknownKey`]).
    pub fn new(mut checkpoints: Vec<Checkpoint>, keys: &[PublicKey]) -> Result<Self, ChainBreak> {
        checkpoints.sort_by_key(|c| c.seq);
        for checkpoint in &checkpoints {
            let Some(key) = keys.iter().find(|k| k.id() == checkpoint.key_id) else {
                return Err(ChainBreak::UnknownKey {
                    seq: checkpoint.seq,
                    key_id: checkpoint.key_id.clone(),
                });
            };
            if !checkpoint.verify(key) {
                return Err(ChainBreak::BadSignature {
                    seq: checkpoint.seq,
                });
            }
        }
        Ok(Self {
            checkpoints,
            next_checkpoint: 0,
            last_seq: 0,
            last_hash: GENESIS,
            entries: 0,
        })
    }

    /// A verifier that continues after entry `seq` with hash `hash`, verified before (the
    /// gateway verifies new entries only, before each checkpoint). Checkpoints at or below
    /// `seq` are skipped.
    pub fn resume(
        seq: i64,
        hash: [u8; 32],
        checkpoints: Vec<Checkpoint>,
        keys: &[PublicKey],
    ) -> Result<Self, ChainBreak> {
        let mut verifier = Self::new(checkpoints, keys)?;
        verifier.checkpoints.retain(|c| c.seq > seq);
        verifier.last_seq = seq;
        verifier.last_hash = hash;
        Ok(verifier)
    }

    /// The last entry verified: its sequence number and hash.
    pub fn head(&self) -> (i64, [u8; 32]) {
        (self.last_seq, self.last_hash)
    }

    /// Checks the next entry (entries must come in ascending sequence order).
    pub fn push(&mut self, entry: &AuditEntry) -> Result<(), ChainBreak> {
        let expected = self.last_seq + 1;
        if entry.seq > expected {
            return Err(ChainBreak::Missing {
                expected,
                found: entry.seq,
            });
        }
        if entry.seq < expected {
            // A duplicate or out-of-order sequence number.
            return Err(ChainBreak::Unlinked {
                seq: entry.seq,
                previous: self.last_seq,
            });
        }
        if entry_hash(&entry.prev_hash, entry.seq, &entry.event) != entry.hash {
            return Err(ChainBreak::Edited { seq: entry.seq });
        }
        if entry.prev_hash != self.last_hash {
            return Err(ChainBreak::Unlinked {
                seq: entry.seq,
                previous: self.last_seq,
            });
        }
        while let Some(checkpoint) = self.checkpoints.get(self.next_checkpoint) {
            if checkpoint.seq > entry.seq {
                break;
            }
            if checkpoint.seq == entry.seq
                && hex::decode_array::<32>(&checkpoint.head_hash) != Some(entry.hash)
            {
                return Err(ChainBreak::CheckpointMismatch { seq: entry.seq });
            }
            // A checkpoint at 0 or below cannot name an entry; it verified as signed.
            self.next_checkpoint += 1;
        }
        self.last_seq = entry.seq;
        self.last_hash = entry.hash;
        self.entries += 1;
        Ok(())
    }

    /// Ends the verification: every checkpoint must name an entry that was seen.
    pub fn finish(self) -> Result<VerifyReport, ChainBreak> {
        if let Some(checkpoint) = self.checkpoints.get(self.next_checkpoint) {
            return Err(ChainBreak::Truncated {
                last: self.last_seq,
                checkpoint: checkpoint.seq,
            });
        }
        Ok(VerifyReport {
            entries: self.entries,
            head_seq: self.last_seq,
            head_hash: hex::encode(&self.last_hash),
            checkpoints: self.checkpoints.len() as u64,
            last_checkpoint_seq: self.checkpoints.last().map(|c| c.seq),
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(n: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_790_000_000 + n, 123_456_000).unwrap()
    }

    fn chain(n: i64) -> Vec<AuditEntry> {
        let mut out: Vec<AuditEntry> = Vec::new();
        for i in 1..=n {
            let (seq, hash) = out.last().map_or((0, GENESIS), |e| (e.seq, e.hash));
            let event = AuditEvent::new(at(i), "key:k1", "pms.create_reservation")
                .tenant("acme")
                .hotel("BER")
                .resource(format!("RES-{i}"))
                .details(&serde_json::json!({ "n": i }));
            out.push(AuditEntry::chain(seq, hash, event));
        }
        out
    }

    fn signer() -> CheckpointSigner {
        CheckpointSigner::from_seed(&[9; 32])
    }

    fn verify(
        entries: &[AuditEntry],
        checkpoints: Vec<Checkpoint>,
    ) -> Result<VerifyReport, ChainBreak> {
        let mut verifier = ChainVerifier::new(checkpoints, &[signer().public_key()])?;
        for entry in entries {
            verifier.push(entry)?;
        }
        verifier.finish()
    }

    fn checkpoint_at(entries: &[AuditEntry], seq: i64) -> Checkpoint {
        let entry = &entries[usize::try_from(seq - 1).unwrap()];
        signer().sign(entry.seq, entry.hash, at(100))
    }

    #[test]
    fn an_intact_chain_verifies_with_its_checkpoints() {
        let entries = chain(10);
        let report = verify(
            &entries,
            vec![checkpoint_at(&entries, 4), checkpoint_at(&entries, 10)],
        )
        .unwrap();
        assert_eq!(report.entries, 10);
        assert_eq!(report.head_seq, 10);
        assert_eq!(report.checkpoints, 2);
        assert_eq!(report.last_checkpoint_seq, Some(10));
        assert_eq!(verify(&[], vec![]).unwrap().head_seq, 0);
    }

    #[test]
    fn verification_resumes_after_a_verified_head() {
        let entries = chain(10);
        let key = [signer().public_key()];
        let mut first = ChainVerifier::new(vec![], &key).unwrap();
        for entry in &entries[..6] {
            first.push(entry).unwrap();
        }
        let (seq, hash) = first.head();
        assert_eq!(seq, 6);
        let mut rest = ChainVerifier::resume(
            seq,
            hash,
            vec![checkpoint_at(&entries, 3), checkpoint_at(&entries, 9)],
            &key,
        )
        .unwrap();
        for entry in &entries[6..] {
            rest.push(entry).unwrap();
        }
        let report = rest.finish().unwrap();
        assert_eq!(
            (report.entries, report.head_seq, report.checkpoints),
            (4, 10, 1)
        );
        // Resuming from a wrong head fails at the first new entry.
        let mut wrong = ChainVerifier::resume(6, [1; 32], vec![], &key).unwrap();
        assert_eq!(
            wrong.push(&entries[6]),
            Err(ChainBreak::Unlinked {
                seq: 7,
                previous: 6
            })
        );
    }

    #[test]
    fn an_edited_entry_is_named() {
        let mut entries = chain(10);
        entries[6].event.outcome = "conflict".to_owned();
        assert_eq!(verify(&entries, vec![]), Err(ChainBreak::Edited { seq: 7 }));
        // Even a field that is absent in the original (None → Some("")) changes the hash.
        let mut entries = chain(3);
        entries[1].event.subject = Some(String::new());
        assert_eq!(verify(&entries, vec![]), Err(ChainBreak::Edited { seq: 2 }));
    }

    #[test]
    fn an_edited_entry_with_a_recomputed_chain_is_caught_by_a_checkpoint() {
        let original = chain(10);
        let checkpoint = checkpoint_at(&original, 8);
        let mut rewritten = chain(10);
        rewritten[4].event.resource = Some("RES-X".to_owned());
        let prev = rewritten[3].clone();
        rewritten[4] = AuditEntry::chain(prev.seq, prev.hash, rewritten[4].event.clone());
        for i in 5..10 {
            let prev = rewritten[i - 1].clone();
            rewritten[i] = AuditEntry::chain(prev.seq, prev.hash, rewritten[i].event.clone());
        }
        assert_eq!(verify(&rewritten, vec![]).map(|r| r.entries), Ok(10));
        assert_eq!(
            verify(&rewritten, vec![checkpoint]),
            Err(ChainBreak::CheckpointMismatch { seq: 8 })
        );
    }

    #[test]
    fn a_deleted_entry_is_named() {
        let mut entries = chain(10);
        entries.remove(4);
        assert_eq!(
            verify(&entries, vec![]),
            Err(ChainBreak::Missing {
                expected: 5,
                found: 6
            })
        );
        let mut entries = chain(3);
        entries.remove(0);
        assert_eq!(
            verify(&entries, vec![]),
            Err(ChainBreak::Missing {
                expected: 1,
                found: 2
            })
        );
    }

    #[test]
    fn reordered_entries_are_named() {
        // Rows swapped, sequence numbers swapped with them: the moved contents break the hash.
        let mut entries = chain(10);
        let (a, b) = (entries[3].clone(), entries[4].clone());
        entries[3] = AuditEntry { seq: 4, ..b };
        entries[4] = AuditEntry { seq: 5, ..a };
        assert_eq!(verify(&entries, vec![]), Err(ChainBreak::Edited { seq: 4 }));
        // Rows out of order as read: the sequence numbers expose it.
        let mut entries = chain(10);
        entries.swap(3, 4);
        assert_eq!(
            verify(&entries, vec![]),
            Err(ChainBreak::Missing {
                expected: 4,
                found: 5
            })
        );
    }

    #[test]
    fn a_truncated_tail_is_caught_by_a_checkpoint() {
        let mut entries = chain(10);
        let checkpoint = checkpoint_at(&entries, 9);
        entries.truncate(7);
        assert_eq!(
            verify(&entries, vec![checkpoint.clone()]),
            Err(ChainBreak::Truncated {
                last: 7,
                checkpoint: 9
            })
        );
        assert_eq!(
            ChainBreak::Truncated {
                last: 7,
                checkpoint: 9
            }
            .seq(),
            8
        );
        assert_eq!(
            verify(&[], vec![checkpoint]),
            Err(ChainBreak::Truncated {
                last: 0,
                checkpoint: 9
            })
        );
    }

    #[test]
    fn a_forged_or_altered_checkpoint_is_refused() {
        let entries = chain(5);
        let mut altered = checkpoint_at(&entries, 5);
        altered.seq = 4;
        assert_eq!(
            verify(&entries, vec![altered]),
            Err(ChainBreak::BadSignature { seq: 4 })
        );
        let other = CheckpointSigner::from_seed(&[1; 32]).sign(5, entries[4].hash, at(1));
        let other_id = other.key_id.clone();
        assert_eq!(
            verify(&entries, vec![other.clone()]),
            Err(ChainBreak::UnknownKey {
                seq: 5,
                key_id: other_id
            })
        );
        // Claiming the known key's id does not help a checkpoint of another key.
        let mut forged = other;
        forged.key_id = signer().key_id();
        assert_eq!(
            verify(&entries, vec![forged]),
            Err(ChainBreak::BadSignature { seq: 5 })
        );
        let mut garbage = checkpoint_at(&entries, 5);
        garbage.signature = "zz".to_owned();
        assert!(!garbage.verify(&signer().public_key()));
    }

    #[test]
    fn canonical_encoding_separates_fields() {
        // Moving text between adjacent fields must change the encoding.
        let a = AuditEvent::new(at(1), "ab", "c");
        let b = AuditEvent::new(at(1), "a", "bc");
        assert_ne!(AuditEntry::canonical(1, &a), AuditEntry::canonical(1, &b));
        assert_ne!(AuditEntry::canonical(1, &a), AuditEntry::canonical(2, &a));
        assert_eq!(timestamp(at(0)), "2026-09-21T14:13:20.123456Z");
    }

    #[test]
    fn keys_round_trip_through_hex_and_hide_in_debug() {
        let signer = CheckpointSigner::from_hex(&"09".repeat(32)).unwrap();
        assert_eq!(
            signer.public_key(),
            CheckpointSigner::from_seed(&[9; 32]).public_key()
        );
        let public = PublicKey::from_hex(&signer.public_key().to_hex()).unwrap();
        assert_eq!(public.id(), signer.key_id());
        assert!(!format!("{signer:?}").contains("0909"));
        assert_eq!(
            CheckpointSigner::from_hex("xyz").err(),
            Some(CheckpointError::BadKey)
        );
        assert_eq!(
            PublicKey::from_hex("00").err(),
            Some(CheckpointError::BadKey)
        );
    }
}
