//! The read cache of one hotel's connector.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use pms_contract::{OfferRequest, Reply, Stay};

/// How long each kind of read is cached. Zero disables caching of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheTtls {
    /// Property details.
    pub property: Duration,
    /// Room types.
    pub room_types: Duration,
    /// Availability per stay.
    pub availability: Duration,
    /// Offers per stay and occupancy.
    pub offers: Duration,
}

impl Default for CacheTtls {
    /// Property and room types 10 minutes (they change rarely); availability and offers 30
    /// seconds (they change with every booking, and every write of ours clears them).
    fn default() -> Self {
        Self {
            property: Duration::from_secs(600),
            room_types: Duration::from_secs(600),
            availability: Duration::from_secs(30),
            offers: Duration::from_secs(30),
        }
    }
}

impl CacheTtls {
    /// Nothing cached.
    pub fn disabled() -> Self {
        Self {
            property: Duration::ZERO,
            room_types: Duration::ZERO,
            availability: Duration::ZERO,
            offers: Duration::ZERO,
        }
    }
}

/// Most entries kept for availability or offers (distinct stays asked about).
const MAX_ENTRIES: usize = 512;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    Property,
    RoomTypes,
    Availability(Stay),
    Offers(OfferRequest),
}

impl Key {
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Key::Property => "property",
            Key::RoomTypes => "room_types",
            Key::Availability(_) => "availability",
            Key::Offers(_) => "offers",
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct ReadCache {
    /// Each entry with its expiry, on the clock's monotonic reading.
    entries: Mutex<HashMap<Key, (Duration, Reply)>>,
}

impl ReadCache {
    pub(crate) fn get(&self, key: &Key, now: Duration) -> Option<Reply> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries
            .get(key)
            .filter(|(expires, _)| now < *expires)
            .map(|(_, value)| value.clone())
    }

    pub(crate) fn put(&self, key: Key, value: Reply, now: Duration, ttl: Duration) {
        if ttl.is_zero() {
            return;
        }
        let expires = now.saturating_add(ttl);
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (e, _)| now < *e);
            if entries.len() >= MAX_ENTRIES
                && let Some(oldest) = entries
                    .iter()
                    .min_by_key(|(_, (e, _))| *e)
                    .map(|(k, _)| k.clone())
            {
                entries.remove(&oldest);
            }
        }
        entries.insert(key, (expires, value));
    }

    pub(crate) fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}
