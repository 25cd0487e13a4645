//! The read cache of one hotel's connector.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};
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

    /// The kind as an index (0 to 3), in the order of [`Key::kind`]'s names.
    pub(crate) fn index(&self) -> usize {
        match self {
            Key::Property => 0,
            Key::RoomTypes => 1,
            Key::Availability(_) => 2,
            Key::Offers(_) => 3,
        }
    }
}

/// The entries of a [`ReadCache`], with an index by expiry so that eviction never scans.
#[derive(Debug, Default)]
struct Entries {
    /// Each entry with its expiry (on the clock's monotonic reading) and insertion number.
    map: HashMap<Key, (Duration, u64, Arc<Reply>)>,
    /// The same entries ordered by expiry, then insertion.
    by_expiry: BTreeMap<(Duration, u64), Key>,
    inserted: u64,
}

/// A TTL cache of at most [`MAX_ENTRIES`] entries. When full, a put first drops the entries
/// that have expired, then (if none had) the one expiring soonest: O(log n), no scan.
#[derive(Debug, Default)]
pub(crate) struct ReadCache {
    entries: Mutex<Entries>,
}

impl ReadCache {
    pub(crate) fn get(&self, key: &Key, now: Duration) -> Option<Reply> {
        // Only the reference is taken under the lock; the reply is copied after it is released,
        // so concurrent readers of the same hotel do not queue behind each other's copies.
        let shared = {
            let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
            entries
                .map
                .get(key)
                .filter(|(expires, _, _)| now < *expires)
                .map(|(_, _, value)| Arc::clone(value))
        };
        shared.map(|value| Reply::clone(&value))
    }

    pub(crate) fn put(&self, key: Key, value: Reply, now: Duration, ttl: Duration) {
        if ttl.is_zero() {
            return;
        }
        let expires = now.saturating_add(ttl);
        let mut guard = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let entries = &mut *guard;
        if let Some((old_expires, old_n, _)) = entries.map.remove(&key) {
            entries.by_expiry.remove(&(old_expires, old_n));
        }
        if entries.map.len() >= MAX_ENTRIES {
            // Expired entries first (they sort first), then the one expiring soonest.
            let mut evicted = 0usize;
            while let Some(entry) = entries.by_expiry.first_entry() {
                let expired = entry.key().0 <= now;
                if !expired && (evicted > 0 || entries.map.len() < MAX_ENTRIES) {
                    break;
                }
                let victim = entry.remove();
                entries.map.remove(&victim);
                evicted += 1;
            }
        }
        entries.inserted += 1;
        let n = entries.inserted;
        entries.by_expiry.insert((expires, n), key.clone());
        entries.map.insert(key, (expires, n, Arc::new(value)));
    }

    pub(crate) fn clear(&self) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries.map.clear();
        entries.by_expiry.clear();
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        assert_eq!(entries.map.len(), entries.by_expiry.len(), "index in step");
        entries.map.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn stay(day: u32) -> Key {
        let from = NaiveDate::from_ymd_opt(2027, 1, 1)
            .unwrap()
            .checked_add_days(chrono::Days::new(u64::from(day)))
            .unwrap();
        Key::Availability(Stay::new(from, from.succ_opt().unwrap()).unwrap())
    }

    fn reply() -> Reply {
        Reply::Availability(Vec::new())
    }

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn entries_expire_on_the_given_readings() {
        let cache = ReadCache::default();
        cache.put(stay(0), reply(), secs(100), secs(30));
        assert!(cache.get(&stay(0), secs(129)).is_some());
        assert!(cache.get(&stay(0), secs(130)).is_none());
        cache.put(stay(0), reply(), secs(100), Duration::ZERO);
        assert!(
            cache.get(&stay(0), secs(100)).is_some(),
            "a zero ttl stores nothing"
        );
        cache.clear();
        assert!(cache.get(&stay(0), secs(100)).is_none());
        assert_eq!(cache.len(), 0);
    }

    #[test]
    fn a_full_cache_drops_expired_entries_first_then_the_soonest_to_expire() {
        let cache = ReadCache::default();
        let max = u32::try_from(MAX_ENTRIES).unwrap();
        // Half expire at 10 s, half at 1000 s.
        for day in 0..max {
            let ttl = if day % 2 == 0 { secs(10) } else { secs(1000) };
            cache.put(stay(day), reply(), Duration::ZERO, ttl);
        }
        assert_eq!(cache.len(), MAX_ENTRIES);
        // Full, at 20 s: the expired half goes, every live entry stays.
        cache.put(stay(max), reply(), secs(20), secs(1000));
        assert_eq!(cache.len(), MAX_ENTRIES / 2 + 1);
        assert!(
            (0..max)
                .filter(|d| d % 2 == 1)
                .all(|d| cache.get(&stay(d), secs(20)).is_some())
        );
        // Fill up with live entries: then only the one expiring soonest is dropped per put.
        let mut day = max + 1;
        while cache.len() < MAX_ENTRIES {
            cache.put(stay(day), reply(), secs(20), secs(2000));
            day += 1;
        }
        cache.put(stay(day), reply(), secs(20), secs(2000));
        assert_eq!(cache.len(), MAX_ENTRIES);
        assert!(
            cache.get(&stay(1), secs(20)).is_none(),
            "soonest to expire (1000 s, first in)"
        );
        assert!(cache.get(&stay(3), secs(20)).is_some());
        assert!(cache.get(&stay(day), secs(20)).is_some());
    }

    #[test]
    fn replacing_an_entry_keeps_one_index_entry() {
        let cache = ReadCache::default();
        for n in 0..10 {
            cache.put(stay(0), reply(), secs(n), secs(30));
        }
        assert_eq!(cache.len(), 1);
        assert!(
            cache.get(&stay(0), secs(38)).is_some(),
            "the last put's expiry"
        );
    }
}
