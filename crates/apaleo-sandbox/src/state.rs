//! The in-memory state behind one lock.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use clock::SharedClock;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::catalog::{Catalog, Guarantee};
use crate::faults::FaultState;

/// Every scope the default client's tokens carry.
pub(crate) const ALL_SCOPES: &[&str] = &[
    "availability.read",
    "offers.read",
    "rateplans.read",
    "rates.read",
    "reservations.create",
    "reservations.manage",
    "reservations.read",
    "setup.read",
    "unitgroups.read",
];

/// Counters shared by the handles.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub(crate) token_requests: AtomicU64,
    pub(crate) api_requests: AtomicU64,
    pub(crate) bookings_created: AtomicU64,
    tracking: AtomicU64,
}

/// Everything a handler needs.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) clock: SharedClock,
    pub(crate) seed: u64,
    pub(crate) token_lifetime: Duration,
    pub(crate) catalog: Catalog,
    pub(crate) default_client: (String, String),
    pub(crate) counters: Counters,
    state: Mutex<State>,
    faults: Mutex<FaultState>,
}

impl Shared {
    pub(crate) fn new(
        clock: SharedClock,
        seed: u64,
        token_lifetime: Duration,
        client_id: String,
        client_secret: String,
    ) -> Self {
        let state = State {
            clients: vec![Client {
                id: client_id.clone(),
                secret: client_secret.clone(),
                scopes: ALL_SCOPES.iter().map(|s| (*s).to_owned()).collect(),
            }],
            tokens: HashMap::new(),
            token_rng: fastrand::Rng::with_seed(mix(seed, 0x746f_6b65_6e73)),
            id_rng: fastrand::Rng::with_seed(mix(seed, 0x6964_7321)),
            bookings: Vec::new(),
            reservations: Vec::new(),
            idempotency: HashMap::new(),
        };
        Self {
            clock,
            seed,
            token_lifetime,
            catalog: Catalog::seed(),
            default_client: (client_id, client_secret),
            counters: Counters::default(),
            state: Mutex::new(state),
            faults: Mutex::new(FaultState::default()),
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

    pub(crate) fn revoke_tokens(&self) {
        self.state().tokens.clear();
    }

    /// The next `Apaleo-Tracking-Id`: deterministic from the seed and a request counter.
    pub(crate) fn next_tracking_id(&self) -> String {
        let n = self.counters.tracking.fetch_add(1, Ordering::Relaxed) + 1;
        format!(
            "{:016x}{:016x}",
            mix(self.seed, n),
            mix(self.seed ^ 0x5452_4143_4b49_4e47, n)
        )
    }

    pub(crate) fn count_api_request(&self) {
        self.counters.api_requests.fetch_add(1, Ordering::Relaxed);
    }
}

/// SplitMix64 of `seed` and `n`.
pub(crate) fn mix(seed: u64, n: u64) -> u64 {
    let mut z = seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// An OAuth client.
#[derive(Debug, Clone)]
pub(crate) struct Client {
    pub(crate) id: String,
    pub(crate) secret: String,
    pub(crate) scopes: Vec<String>,
}

/// An issued access token.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub(crate) scopes: Vec<String>,
    pub(crate) client_id: String,
    pub(crate) expires_at: DateTime<Utc>,
}

/// A stored 201 for an `Idempotency-Key`.
#[derive(Debug, Clone)]
pub(crate) struct IdempotentResponse {
    pub(crate) request: Value,
    pub(crate) body: Value,
    pub(crate) location: String,
    pub(crate) stored_at: DateTime<Utc>,
}

/// Reservation status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Confirmed,
    InHouse,
    CheckedOut,
    Canceled,
    NoShow,
}

impl Status {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Confirmed => "Confirmed",
            Self::InHouse => "InHouse",
            Self::CheckedOut => "CheckedOut",
            Self::Canceled => "Canceled",
            Self::NoShow => "NoShow",
        }
    }

    pub(crate) fn parse(value: &str) -> Option<Self> {
        [
            Self::Confirmed,
            Self::InHouse,
            Self::CheckedOut,
            Self::Canceled,
            Self::NoShow,
        ]
        .into_iter()
        .find(|s| s.as_str().eq_ignore_ascii_case(value))
    }

    /// Whether the reservation occupies its unit group for its nights.
    pub(crate) fn consumes_inventory(self) -> bool {
        matches!(self, Self::Confirmed | Self::InHouse | Self::CheckedOut)
    }
}

/// One night of a reservation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Slice {
    pub(crate) night: NaiveDate,
    pub(crate) rate_plan_id: String,
    pub(crate) gross: Decimal,
}

/// A reservation.
#[derive(Debug, Clone)]
pub(crate) struct Reservation {
    pub(crate) id: String,
    pub(crate) booking_id: String,
    pub(crate) property_id: &'static str,
    pub(crate) unit_group_id: String,
    pub(crate) status: Status,
    pub(crate) arrival: NaiveDate,
    pub(crate) departure: NaiveDate,
    pub(crate) adults: u32,
    pub(crate) children_ages: Vec<u32>,
    pub(crate) slices: Vec<Slice>,
    pub(crate) guarantee: Guarantee,
    pub(crate) channel_code: String,
    pub(crate) source: Option<String>,
    pub(crate) primary_guest: Option<Map<String, Value>>,
    pub(crate) additional_guests: Vec<Map<String, Value>>,
    pub(crate) comment: Option<String>,
    pub(crate) guest_comment: Option<String>,
    pub(crate) external_code: Option<String>,
    pub(crate) travel_purpose: Option<String>,
    pub(crate) created: DateTime<Utc>,
    pub(crate) modified: DateTime<Utc>,
    pub(crate) cancellation_time: Option<DateTime<Utc>>,
    pub(crate) check_in_time: Option<DateTime<Utc>>,
    pub(crate) check_out_time: Option<DateTime<Utc>>,
    pub(crate) no_show_time: Option<DateTime<Utc>>,
}

impl Reservation {
    pub(crate) fn grosses(&self) -> Vec<Decimal> {
        self.slices.iter().map(|s| s.gross).collect()
    }

    pub(crate) fn total_gross(&self) -> Decimal {
        self.slices.iter().map(|s| s.gross).sum()
    }

    /// The rate plan of the first night, which the reservation reports as its rate plan.
    pub(crate) fn rate_plan_id(&self) -> &str {
        self.slices.first().map_or("", |s| s.rate_plan_id.as_str())
    }
}

/// A booking (the container of reservations, with the booker).
#[derive(Debug, Clone)]
pub(crate) struct Booking {
    pub(crate) id: String,
    pub(crate) booker: Map<String, Value>,
    pub(crate) comment: Option<String>,
    pub(crate) booker_comment: Option<String>,
    pub(crate) created: DateTime<Utc>,
    pub(crate) modified: DateTime<Utc>,
    pub(crate) reservation_ids: Vec<String>,
}

/// All mutable state.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) clients: Vec<Client>,
    pub(crate) tokens: HashMap<String, Token>,
    token_rng: fastrand::Rng,
    id_rng: fastrand::Rng,
    pub(crate) bookings: Vec<Booking>,
    pub(crate) reservations: Vec<Reservation>,
    pub(crate) idempotency: HashMap<(String, String), IdempotentResponse>,
}

impl State {
    /// Issues a token for `client`.
    pub(crate) fn issue_token(&mut self, client: &Client, expires_at: DateTime<Utc>) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        loop {
            let token: String = (0..48)
                .map(|_| char::from(ALPHABET[self.token_rng.usize(..ALPHABET.len())]))
                .collect();
            if !self.tokens.contains_key(&token) {
                self.tokens.insert(
                    token.clone(),
                    Token {
                        scopes: client.scopes.clone(),
                        client_id: client.id.clone(),
                        expires_at,
                    },
                );
                return token;
            }
        }
    }

    /// A fresh booking id: eight uppercase letters.
    pub(crate) fn new_booking_id(&mut self) -> String {
        loop {
            let id: String = (0..8)
                .map(|_| char::from(b'A' + self.id_rng.u8(..26)))
                .collect();
            if !self.bookings.iter().any(|b| b.id == id) {
                return id;
            }
        }
    }

    /// Units of `unit_group_id` sold for `night`, ignoring reservation `exclude`.
    pub(crate) fn sold(&self, unit_group_id: &str, night: NaiveDate, exclude: Option<&str>) -> u32 {
        let count = self
            .reservations
            .iter()
            .filter(|r| {
                r.status.consumes_inventory()
                    && r.unit_group_id == unit_group_id
                    && r.arrival <= night
                    && night < r.departure
                    && Some(r.id.as_str()) != exclude
            })
            .count();
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    pub(crate) fn reservation(&self, id: &str) -> Option<&Reservation> {
        self.reservations.iter().find(|r| r.id == id)
    }

    pub(crate) fn reservation_mut(&mut self, id: &str) -> Option<&mut Reservation> {
        self.reservations.iter_mut().find(|r| r.id == id)
    }

    pub(crate) fn booking(&self, id: &str) -> Option<&Booking> {
        self.bookings.iter().find(|b| b.id == id)
    }

    /// Forgets idempotency keys older than 24 hours.
    pub(crate) fn purge_idempotency(&mut self, now: DateTime<Utc>) {
        self.idempotency
            .retain(|_, stored| now - stored.stored_at < chrono::Duration::hours(24));
    }
}
