//! The in-memory state behind one lock.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use clock::SharedClock;
use rust_decimal::Decimal;

use crate::MewsSandboxConfig;
use crate::faults::FaultState;
use crate::seed::{self, Enterprise};

/// Reservation states (2017 spelling `Enquired` on writes, 2023 spelling `Inquired` on reads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ResState {
    Enquired,
    Requested,
    Optional,
    Confirmed,
    Started,
    Processed,
    Canceled,
}

impl ResState {
    /// The 2017 (add/update response) spelling.
    pub(crate) fn legacy_name(self) -> &'static str {
        match self {
            Self::Enquired => "Enquired",
            other => other.read_name(),
        }
    }

    /// The 2023 (getAll) spelling.
    pub(crate) fn read_name(self) -> &'static str {
        match self {
            Self::Enquired => "Inquired",
            Self::Requested => "Requested",
            Self::Optional => "Optional",
            Self::Confirmed => "Confirmed",
            Self::Started => "Started",
            Self::Processed => "Processed",
            Self::Canceled => "Canceled",
        }
    }

    /// Parses a 2023 state name (the `States` filter).
    pub(crate) fn from_read_name(name: &str) -> Option<Self> {
        [
            Self::Enquired,
            Self::Requested,
            Self::Optional,
            Self::Confirmed,
            Self::Started,
            Self::Processed,
            Self::Canceled,
        ]
        .into_iter()
        .find(|s| s.read_name() == name)
    }
}

/// A guest profile (chain-scoped; each seeded enterprise has its own chain).
#[derive(Debug, Clone)]
pub(crate) struct Customer {
    pub(crate) enterprise: usize,
    pub(crate) id: String,
    pub(crate) number: String,
    pub(crate) first_name: Option<String>,
    pub(crate) last_name: String,
    pub(crate) email: Option<String>,
    pub(crate) phone: Option<String>,
    /// `PreferredLanguageCode`, e.g. `en-GB`.
    pub(crate) language: Option<String>,
    /// `NationalityCode` (ISO 3166-1 alpha-2).
    pub(crate) nationality: Option<String>,
    pub(crate) created: DateTime<Utc>,
    pub(crate) updated: DateTime<Utc>,
}

/// One night's order item.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub(crate) id: String,
    pub(crate) night: NaiveDate,
    pub(crate) gross: Decimal,
    pub(crate) created: DateTime<Utc>,
    pub(crate) updated: DateTime<Utc>,
    pub(crate) canceled: Option<DateTime<Utc>>,
}

/// A reservation (one service order).
#[derive(Debug, Clone)]
pub(crate) struct Reservation {
    pub(crate) enterprise: usize,
    pub(crate) id: String,
    pub(crate) group_id: String,
    pub(crate) number: String,
    pub(crate) channel_number: Option<String>,
    pub(crate) state: ResState,
    pub(crate) created: DateTime<Utc>,
    pub(crate) updated: DateTime<Utc>,
    pub(crate) cancelled: Option<DateTime<Utc>>,
    pub(crate) cancellation_reason: Option<&'static str>,
    pub(crate) arrival: NaiveDate,
    pub(crate) departure: NaiveDate,
    pub(crate) category_id: String,
    pub(crate) resource_id: Option<String>,
    pub(crate) rate_id: String,
    pub(crate) customer_id: String,
    pub(crate) booker_id: Option<String>,
    pub(crate) person_counts: Vec<(String, u32)>,
    pub(crate) actual_start: Option<DateTime<Utc>>,
    pub(crate) actual_end: Option<DateTime<Utc>>,
    pub(crate) items: Vec<Item>,
}

impl Reservation {
    /// Occupies inventory on `night` (every state but `Canceled`).
    pub(crate) fn occupies(&self, night: NaiveDate) -> bool {
        self.state != ResState::Canceled && self.arrival <= night && night < self.departure
    }

    pub(crate) fn nights(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.arrival.iter_days().take_while(|d| *d < self.departure)
    }
}

/// A service-order note.
#[derive(Debug, Clone)]
pub(crate) struct Note {
    pub(crate) enterprise: usize,
    pub(crate) id: String,
    pub(crate) order_id: String,
    pub(crate) text: String,
    pub(crate) created: DateTime<Utc>,
    pub(crate) updated: DateTime<Utc>,
}

/// Mutable data. Vectors are in creation order (oldest first).
#[derive(Debug, Default)]
pub(crate) struct State {
    pub(crate) customers: Vec<Customer>,
    pub(crate) reservations: Vec<Reservation>,
    pub(crate) notes: Vec<Note>,
    /// Manual availability adjustments per (category id, night).
    pub(crate) adjustments: HashMap<(String, NaiveDate), i64>,
    counters: HashMap<&'static str, u64>,
    reservation_numbers: HashMap<usize, u64>,
    customer_numbers: HashMap<usize, u64>,
    /// Monotonic readings of the accepted requests per access token.
    pub(crate) windows: HashMap<String, VecDeque<Duration>>,
}

impl State {
    /// The next deterministic GUID of `kind` (4 hex digits).
    pub(crate) fn next_id(&mut self, kind: &'static str) -> String {
        let n = self.counters.entry(kind).or_insert(0);
        *n += 1;
        format!("5c4f0a9e-{kind}-4000-8000-{:012}", *n)
    }

    pub(crate) fn next_reservation_number(&mut self, enterprise: usize) -> String {
        let n = self.reservation_numbers.entry(enterprise).or_insert(0);
        *n += 1;
        n.to_string()
    }

    pub(crate) fn next_customer_number(&mut self, enterprise: usize) -> String {
        let n = self.customer_numbers.entry(enterprise).or_insert(1000);
        *n += 1;
        n.to_string()
    }

    pub(crate) fn customer(&self, enterprise: usize, id: &str) -> Option<&Customer> {
        self.customers
            .iter()
            .find(|c| c.enterprise == enterprise && c.id == id)
    }

    pub(crate) fn reservation_index(&self, enterprise: usize, id: &str) -> Option<usize> {
        self.reservations
            .iter()
            .position(|r| r.enterprise == enterprise && r.id == id)
    }

    /// Free units of `category_id` on `night`: rooms − occupying reservations + adjustment,
    /// ignoring the reservation `exclude`.
    pub(crate) fn availability(
        &self,
        enterprise: &Enterprise,
        category_id: &str,
        night: NaiveDate,
        exclude: Option<&str>,
    ) -> i64 {
        let rooms = i64::try_from(enterprise.resources_of(category_id).count()).unwrap_or(0);
        let taken = self
            .reservations
            .iter()
            .filter(|r| {
                r.category_id == category_id && Some(r.id.as_str()) != exclude && r.occupies(night)
            })
            .count();
        rooms - i64::try_from(taken).unwrap_or(0) + self.adjustment(category_id, night)
    }

    pub(crate) fn adjustment(&self, category_id: &str, night: NaiveDate) -> i64 {
        self.adjustments
            .get(&(category_id.to_owned(), night))
            .copied()
            .unwrap_or(0)
    }

    /// A room of `category_id` not assigned to another reservation on any of the nights.
    pub(crate) fn free_resource(
        &self,
        enterprise: &Enterprise,
        category_id: &str,
        arrival: NaiveDate,
        departure: NaiveDate,
        exclude: Option<&str>,
    ) -> Option<String> {
        enterprise
            .resources_of(category_id)
            .find(|resource| {
                !self.reservations.iter().any(|r| {
                    Some(r.id.as_str()) != exclude
                        && r.resource_id.as_deref() == Some(resource.id.as_str())
                        && r.state != ResState::Canceled
                        && r.arrival < departure
                        && arrival < r.departure
                })
            })
            .map(|r| r.id.clone())
    }
}

/// Requests seen, for I/O probes.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub(crate) total: AtomicU64,
    pub(crate) request_ids: AtomicU64,
    pub(crate) per_operation: Mutex<HashMap<String, u64>>,
}

/// Everything a handler needs.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) clock: SharedClock,
    pub(crate) config: MewsSandboxConfig,
    pub(crate) enterprises: Vec<Enterprise>,
    pub(crate) counters: Counters,
    state: Mutex<State>,
    faults: Mutex<FaultState>,
    /// The valid access token of each enterprise (same order as `enterprises`) and how often
    /// it was rotated.
    access_tokens: Mutex<Vec<(String, u64)>>,
}

impl Shared {
    pub(crate) fn new(config: MewsSandboxConfig) -> Self {
        let enterprises = seed::enterprises();
        let access_tokens = enterprises
            .iter()
            .map(|e| (e.access_token.to_owned(), 0))
            .collect();
        Self {
            clock: config.clock.clone(),
            config,
            enterprises,
            counters: Counters::default(),
            state: Mutex::new(State::default()),
            faults: Mutex::new(FaultState::default()),
            access_tokens: Mutex::new(access_tokens),
        }
    }

    /// The state lock. Never held across an `.await`.
    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn faults(&self) -> MutexGuard<'_, FaultState> {
        self.faults.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The next `Request-Id`: a counter formatted as a GUID.
    pub(crate) fn next_request_id(&self) -> String {
        let n = self.counters.request_ids.fetch_add(1, Ordering::Relaxed) + 1;
        format!("5c4f0a9e-4e90-4000-8000-{n:012}")
    }

    pub(crate) fn count_request(&self) {
        self.counters.total.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn count_operation(&self, operation: &str) {
        let mut map = self
            .counters
            .per_operation
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *map.entry(operation.to_owned()).or_insert(0) += 1;
    }

    fn access_tokens(&self) -> MutexGuard<'_, Vec<(String, u64)>> {
        self.access_tokens
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The enterprise index for a currently valid access token.
    pub(crate) fn enterprise_by_token(&self, token: &str) -> Option<usize> {
        self.access_tokens().iter().position(|(t, _)| t == token)
    }

    /// The currently valid access token of the enterprise at `index`.
    pub(crate) fn access_token(&self, index: usize) -> Option<String> {
        self.access_tokens().get(index).map(|(t, _)| t.clone())
    }

    /// Replaces the access token of enterprise `enterprise_id` with a new one
    /// (`<seeded token>-Rotated-<n>`, n counting from 1) and returns it; `None` for an unknown
    /// enterprise.
    pub(crate) fn rotate_access_token(&self, enterprise_id: &str) -> Option<String> {
        let index = self
            .enterprises
            .iter()
            .position(|e| e.id == enterprise_id)?;
        let seeded = self.enterprises.get(index)?.access_token;
        let mut tokens = self.access_tokens();
        let (token, rotations) = tokens.get_mut(index)?;
        *rotations += 1;
        *token = format!("{seeded}-Rotated-{rotations}");
        Some(token.clone())
    }

    /// The enterprise index owning a category id.
    pub(crate) fn enterprise_of_category(&self, category_id: &str) -> Option<usize> {
        self.enterprises
            .iter()
            .position(|e| e.category(category_id).is_some())
    }

    /// Records one request of `token` in its sliding window; `Err(retry_after)` when the
    /// window is full.
    pub(crate) fn rate_limit(&self, token: &str) -> Result<(), Duration> {
        if !self.config.rate_limit {
            return Ok(());
        }
        let now = self.clock.monotonic();
        let window = self.config.rate_limit_window;
        let mut state = self.state();
        let entries = state.windows.entry(token.to_owned()).or_default();
        while entries
            .front()
            .is_some_and(|first| now.saturating_sub(*first) >= window)
        {
            entries.pop_front();
        }
        let limit = usize::try_from(self.config.rate_limit_requests).unwrap_or(usize::MAX);
        if entries.len() >= limit {
            let oldest = entries.front().copied().unwrap_or(now);
            return Err((oldest + window).saturating_sub(now));
        }
        entries.push_back(now);
        Ok(())
    }
}
