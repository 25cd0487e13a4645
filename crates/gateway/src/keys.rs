//! The API keys of every tenant, held in memory so that authenticating a request costs a
//! SHA-256 and a hash-map lookup instead of a database query.
//!
//! The cache is keyed by the 32-byte SHA-256 of the key and holds every key the database has,
//! revoked ones included (as revoked). It is loaded at start and refreshed by the background
//! worker every `key_refresh_interval` by reading the keys changed since the last refresh
//! (every change to a key takes the next number of a counter in the database, see
//! [`Store::key_changes_since`]); a change made through this process's store is applied before
//! the next answer. A key the cache does not hold is looked up in the database once (new keys
//! work at once). The cache answers only while its last successful refresh started less than
//! `key_max_staleness` ago: otherwise a request first refreshes it, and if the database cannot
//! be read, the request is refused (503), never answered from stale data.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use clock::SharedClock;
use subtle::ConstantTimeEq;

use crate::auth::Scope;
use crate::store::{KeyChanges, KeyRow, Store, StoreError};

/// A key as the cache holds it (no secret: its hash).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct CachedKey {
    /// SHA-256 of the key.
    pub(crate) hash: [u8; 32],
    /// The key's id.
    pub(crate) id: Arc<str>,
    /// Its tenant.
    pub(crate) tenant: Arc<str>,
    /// Its scopes.
    pub(crate) scopes: Arc<[Scope]>,
    /// The hotels it may see.
    pub(crate) hotels: Arc<[String]>,
    /// Revoked, or deleted: refused.
    pub(crate) revoked: bool,
    /// The number of the change that last touched it.
    change_seq: i64,
}

impl CachedKey {
    fn from_row(row: KeyRow) -> Option<Self> {
        Some(Self {
            hash: compliance::hex::decode_array(&row.record.key_hash)?,
            id: row.record.id.into(),
            tenant: row.record.tenant.into(),
            scopes: row.record.scopes.into(),
            hotels: row.record.hotels.into(),
            revoked: row.revoked,
            change_seq: row.change_seq,
        })
    }

    fn tombstone(hash: [u8; 32], change_seq: i64) -> Self {
        Self {
            hash,
            id: Arc::from(""),
            tenant: Arc::from(""),
            scopes: Arc::from([]),
            hotels: Arc::from([]),
            revoked: true,
            change_seq,
        }
    }

    /// Whether `hash` is this key's hash, in constant time.
    pub(crate) fn matches(&self, hash: &[u8; 32]) -> bool {
        self.hash.ct_eq(hash).into()
    }
}

/// What the cache says about a key.
#[derive(Debug)]
pub(crate) enum Cached {
    /// The cache holds it (it may be revoked).
    Key(Arc<CachedKey>),
    /// The cache does not hold it: look it up in the database.
    Absent,
    /// The cache could not be confirmed within `key_max_staleness`: refuse (503).
    Stale,
}

/// The in-memory API keys.
#[derive(Debug)]
pub(crate) struct KeyCache {
    clock: SharedClock,
    refresh_interval: Duration,
    max_staleness: Duration,
    entries: RwLock<HashMap<[u8; 32], Arc<CachedKey>>>,
    /// The number of the last change applied (-1: nothing loaded yet).
    last_seq: AtomicI64,
    /// When the last successful refresh started, on the clock's monotonic reading, in
    /// nanoseconds.
    confirmed_at: AtomicU64,
    confirmed: AtomicBool,
    /// The store's count of local key changes when the last successful refresh started.
    local_seen: AtomicU64,
    /// Refresh attempts made, and when the last one ended (nanoseconds, monotonic).
    attempts: AtomicU64,
    attempted_at: AtomicU64,
    /// One refresh at a time.
    refreshing: tokio::sync::Mutex<()>,
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

impl KeyCache {
    /// An empty cache (the first request or refresh loads it), on `clock`.
    pub(crate) fn new(
        clock: SharedClock,
        refresh_interval: Duration,
        max_staleness: Duration,
    ) -> Self {
        Self {
            clock,
            refresh_interval,
            max_staleness,
            entries: RwLock::new(HashMap::new()),
            last_seq: AtomicI64::new(-1),
            confirmed_at: AtomicU64::new(0),
            confirmed: AtomicBool::new(false),
            local_seen: AtomicU64::new(0),
            attempts: AtomicU64::new(0),
            attempted_at: AtomicU64::new(0),
            refreshing: tokio::sync::Mutex::new(()),
        }
    }

    /// Whether the cache may answer now: confirmed less than `key_max_staleness` ago, with
    /// every change made through `store` applied.
    fn fresh(&self, store: &Store) -> bool {
        if !self.confirmed.load(Ordering::Acquire)
            || store.local_key_changes() != self.local_seen.load(Ordering::Acquire)
        {
            return false;
        }
        let now = nanos(self.clock.monotonic());
        now.saturating_sub(self.confirmed_at.load(Ordering::Acquire)) <= nanos(self.max_staleness)
    }

    /// What the cache holds for the key whose SHA-256 is `hash`; refreshes first if the cache
    /// is not fresh.
    pub(crate) async fn get(&self, store: &Store, hash: &[u8; 32]) -> Cached {
        if !self.fresh(store) && !self.refresh_when_stale(store).await {
            return Cached::Stale;
        }
        let entries = match self.entries.read() {
            Ok(entries) => entries,
            Err(poisoned) => poisoned.into_inner(),
        };
        match entries.get(hash) {
            Some(key) => Cached::Key(key.clone()),
            None => Cached::Absent,
        }
    }

    /// Refreshes a cache that is not fresh, once for all requests waiting; whether it is fresh
    /// afterwards. While the database cannot be read, a failed attempt is not repeated for
    /// `key_refresh_interval` (requests meanwhile are refused at once).
    async fn refresh_when_stale(&self, store: &Store) -> bool {
        let attempts = self.attempts.load(Ordering::Acquire);
        let _guard = self.refreshing.lock().await;
        if self.fresh(store) {
            return true;
        }
        if self.attempts.load(Ordering::Acquire) != attempts {
            // Another request just tried (and failed) while this one waited.
            return false;
        }
        let now = nanos(self.clock.monotonic());
        if attempts > 0
            && now.saturating_sub(self.attempted_at.load(Ordering::Acquire))
                < nanos(self.refresh_interval)
            && store.local_key_changes() == self.local_seen.load(Ordering::Acquire)
        {
            return false;
        }
        match self.refresh_locked(store).await {
            Ok(()) => self.fresh(store),
            Err(e) => {
                tracing::error!(error = %e, "refreshing the API key cache failed");
                false
            }
        }
    }

    /// Reads the keys changed since the last refresh (everything, the first time).
    pub(crate) async fn refresh(&self, store: &Store) -> Result<(), StoreError> {
        let _guard = self.refreshing.lock().await;
        self.refresh_locked(store).await
    }

    async fn refresh_locked(&self, store: &Store) -> Result<(), StoreError> {
        let started = nanos(self.clock.monotonic());
        let local = store.local_key_changes();
        let result = store
            .key_changes_since(self.last_seq.load(Ordering::Acquire))
            .await;
        self.attempts.fetch_add(1, Ordering::AcqRel);
        self.attempted_at
            .store(nanos(self.clock.monotonic()), Ordering::Release);
        let changes = result?;
        let seq = changes.seq;
        self.apply(changes);
        self.last_seq.store(seq, Ordering::Release);
        self.local_seen.store(local, Ordering::Release);
        self.confirmed_at.store(started, Ordering::Release);
        self.confirmed.store(true, Ordering::Release);
        Ok(())
    }

    fn apply(&self, changes: KeyChanges) {
        let mut entries = match self.entries.write() {
            Ok(entries) => entries,
            Err(poisoned) => poisoned.into_inner(),
        };
        // Deletions first: a key deleted and made again by one change exists.
        for (hash, seq) in changes.deleted {
            if let Some(hash) = compliance::hex::decode_array(&hash) {
                upsert(&mut entries, CachedKey::tombstone(hash, seq));
            }
        }
        for row in changes.keys {
            if let Some(key) = CachedKey::from_row(row) {
                upsert(&mut entries, key);
            }
        }
    }

    /// Adds a key read from the database on a miss; what the cache holds for it afterwards
    /// (a newer state, if a refresh applied one meanwhile).
    pub(crate) fn insert(&self, row: KeyRow) -> Option<Arc<CachedKey>> {
        let key = CachedKey::from_row(row)?;
        let hash = key.hash;
        let mut entries = match self.entries.write() {
            Ok(entries) => entries,
            Err(poisoned) => poisoned.into_inner(),
        };
        upsert(&mut entries, key);
        entries.get(&hash).cloned()
    }
}

/// Keeps the newer of `key` and what `entries` holds for its hash (a lookup that read an
/// older state than a refresh applied never undoes a revocation).
fn upsert(entries: &mut HashMap<[u8; 32], Arc<CachedKey>>, key: CachedKey) {
    match entries.get(&key.hash) {
        Some(held) if held.change_seq > key.change_seq => {}
        _ => {
            entries.insert(key.hash, Arc::new(key));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{ApiKeyRecord, hash_key};

    fn row(key: &str, seq: i64, revoked: bool) -> KeyRow {
        KeyRow {
            record: ApiKeyRecord {
                id: format!("key_{seq}"),
                tenant: "acme".to_owned(),
                key_hash: hash_key(key),
                scopes: vec![Scope::PmsRead],
                hotels: vec!["BER".to_owned()],
            },
            revoked,
            change_seq: seq,
        }
    }

    #[test]
    fn an_older_state_never_replaces_a_newer_one() {
        let cache = KeyCache::new(
            Arc::new(clock::SystemClock),
            Duration::from_secs(1),
            Duration::from_secs(5),
        );
        cache.apply(KeyChanges {
            seq: 7,
            keys: vec![row("k", 7, true)],
            deleted: Vec::new(),
        });
        let held = cache.insert(row("k", 3, false)).unwrap();
        assert!(held.revoked, "the stale lookup lost");
        // Deleted and made again by one change: it exists.
        cache.apply(KeyChanges {
            seq: 9,
            keys: vec![row("k", 9, false)],
            deleted: vec![(hash_key("k"), 9)],
        });
        let held = cache.insert(row("k", 8, true)).unwrap();
        assert!(!held.revoked);
        // Deleted: refused.
        cache.apply(KeyChanges {
            seq: 10,
            keys: Vec::new(),
            deleted: vec![(hash_key("k"), 10)],
        });
        let held = cache.insert(row("k", 9, false)).unwrap();
        assert!(held.revoked);
    }
}
