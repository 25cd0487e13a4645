//! The in-memory PMS.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use async_trait::async_trait;
use chrono::NaiveDate;
use clock::SharedClock;
use credentials::{CredentialError, TokenCache};
use pms_contract::{
    Availability, ConfirmationCode, ErrorKind, Guarantee, HealthStatus, IdempotencyKey,
    NewReservation, Occupancy, Offer, OfferRequest, PmsConnector, PmsError, Property, RatePlanId,
    Reservation, ReservationChange, ReservationId, ReservationSearch, ReservationStatus, RoomType,
    RoomTypeId, Stay,
};

use crate::pricing;
use crate::{ReferenceFault, ReferenceIdentity};

/// A credential failure as the contract's error: refused credentials are an authentication
/// error (not retried), an unreachable identity provider is unavailability.
fn credential_error(err: CredentialError) -> PmsError {
    let kind = if err.is_rejection() {
        ErrorKind::Authentication
    } else {
        ErrorKind::Unavailable
    };
    PmsError::new(kind, err.to_string()).with_vendor(VENDOR)
}
use crate::seed::{ReferenceSeed, SeedRatePlan, SeedRoomType};

/// The vendor id of the reference connector.
pub const VENDOR: &str = "reference";

#[derive(Debug, Default)]
struct State {
    reservations: BTreeMap<ReservationId, Reservation>,
    by_key: HashMap<IdempotencyKey, (NewReservation, ReservationId)>,
    next_number: u64,
}

/// A complete PMS in memory. Cheap to create; each instance has its own state.
#[derive(Debug)]
pub struct ReferenceConnector {
    seed: ReferenceSeed,
    clock: SharedClock,
    state: Mutex<State>,
    faults: Mutex<VecDeque<ReferenceFault>>,
    io_calls: AtomicU64,
    auth: Option<(Arc<ReferenceIdentity>, TokenCache)>,
}

/// What an injected fault does to the current call.
enum Injected {
    None,
    Fail(ErrorKind),
    CommitThenTimeout,
}

impl ReferenceConnector {
    /// A PMS with `seed` data and an empty reservation book.
    pub fn new(seed: ReferenceSeed, clock: SharedClock) -> Self {
        Self {
            seed,
            clock,
            state: Mutex::new(State::default()),
            faults: Mutex::new(VecDeque::new()),
            io_calls: AtomicU64::new(0),
            auth: None,
        }
    }

    /// Requires an access token from `identity` on every call, obtained through `tokens`
    /// (the credential broker's cache), refreshing once when the PMS refuses it.
    #[must_use]
    pub fn with_auth(mut self, identity: Arc<ReferenceIdentity>, tokens: TokenCache) -> Self {
        self.auth = Some((identity, tokens));
        self
    }

    /// Checks the caller's token like an API gateway would: a refused token is refreshed once.
    async fn authenticate(&self) -> Result<(), PmsError> {
        let Some((identity, tokens)) = &self.auth else {
            return Ok(());
        };
        let token = tokens.token().await.map_err(credential_error)?;
        if identity.accepts(token.secret()) {
            return Ok(());
        }
        let fresh = tokens
            .refresh_rejected(&token)
            .await
            .map_err(credential_error)?;
        if identity.accepts(fresh.secret()) {
            Ok(())
        } else {
            Err(
                PmsError::new(ErrorKind::Authentication, "access token refused")
                    .with_vendor(VENDOR),
            )
        }
    }

    /// The seed data.
    pub fn seed(&self) -> &ReferenceSeed {
        &self.seed
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Counts the call as I/O and applies the next queued fault, if any.
    async fn enter(&self, is_write: bool) -> Result<Injected, PmsError> {
        self.io_calls.fetch_add(1, Ordering::SeqCst);
        let (injected, delay) = {
            let mut faults = self.faults.lock().unwrap_or_else(PoisonError::into_inner);
            match faults.front_mut() {
                None => (Injected::None, None),
                Some(ReferenceFault::Fail { kind, times }) => {
                    let kind = kind.clone();
                    *times = times.saturating_sub(1);
                    if *times == 0 {
                        faults.pop_front();
                    }
                    (Injected::Fail(kind), None)
                }
                Some(ReferenceFault::Latency { delay, times }) => {
                    let delay = *delay;
                    *times = times.saturating_sub(1);
                    if *times == 0 {
                        faults.pop_front();
                    }
                    (Injected::None, Some(delay))
                }
                // Taken off the queue only when a write commits (see `finish`), so a write
                // that fails before committing does not use it up.
                Some(ReferenceFault::CommitThenTimeout) if is_write => {
                    (Injected::CommitThenTimeout, None)
                }
                Some(ReferenceFault::CommitThenTimeout) => (Injected::None, None),
                // Applied when injected, never queued.
                Some(ReferenceFault::ExpireToken | ReferenceFault::RejectCredentials) => {
                    faults.pop_front();
                    (Injected::None, None)
                }
            }
        };
        if let Some(delay) = delay {
            tokio::time::sleep(delay).await;
        }
        self.authenticate().await?;
        match injected {
            Injected::Fail(kind) => Err(PmsError::new(kind, "injected fault").with_vendor(VENDOR)),
            other => Ok(other),
        }
    }

    /// Ends a call that succeeded: a pending commit-then-timeout fault turns the committed
    /// result into a timeout.
    fn finish<T>(&self, injected: Injected, value: T) -> Result<T, PmsError> {
        if let Injected::CommitThenTimeout = injected {
            let mut faults = self.faults.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(ReferenceFault::CommitThenTimeout) = faults.front() {
                faults.pop_front();
                return Err(PmsError::new(
                    ErrorKind::Timeout,
                    "injected fault: committed, then timed out",
                )
                .with_vendor(VENDOR));
            }
        }
        Ok(value)
    }

    fn today(&self) -> NaiveDate {
        self.clock
            .now()
            .with_timezone(&self.seed.property.time_zone)
            .date_naive()
    }

    fn room(&self, id: &RoomTypeId) -> Result<&SeedRoomType, PmsError> {
        self.seed
            .room_types
            .iter()
            .find(|r| &r.room_type.id == id)
            .ok_or_else(|| PmsError::validation(format!("room_type: unknown room type {id}")))
    }

    fn plan(&self, id: &RatePlanId) -> Result<&SeedRatePlan, PmsError> {
        self.seed
            .rate_plans
            .iter()
            .find(|p| &p.id == id)
            .ok_or_else(|| PmsError::validation(format!("rate_plan: unknown rate plan {id}")))
    }

    fn check_bookable(
        &self,
        stay: &Stay,
        occupancy: &Occupancy,
        room: &SeedRoomType,
    ) -> Result<(), PmsError> {
        if stay.arrival() < self.today() {
            return Err(PmsError::validation("stay: arrival is in the past"));
        }
        if occupancy.total() > usize::from(room.room_type.max_occupancy) {
            return Err(PmsError::validation(format!(
                "occupancy: room type {} sleeps at most {}",
                room.room_type.id, room.room_type.max_occupancy
            )));
        }
        Ok(())
    }

    /// Free units of `room` on `date`, not counting `except`.
    fn free_units(
        state: &State,
        room: &SeedRoomType,
        date: NaiveDate,
        except: Option<&ReservationId>,
    ) -> u32 {
        let taken = state
            .reservations
            .values()
            .filter(|r| Some(&r.id) != except)
            .filter(|r| {
                matches!(
                    r.status,
                    ReservationStatus::Confirmed | ReservationStatus::InHouse
                )
            })
            .filter(|r| r.room_type == room.room_type.id)
            .filter(|r| r.stay.arrival() <= date && date < r.stay.departure())
            .count();
        room.units
            .saturating_sub(u32::try_from(taken).unwrap_or(u32::MAX))
    }

    fn free_for_stay(
        state: &State,
        room: &SeedRoomType,
        stay: &Stay,
        except: Option<&ReservationId>,
    ) -> u32 {
        stay.night_dates()
            .map(|d| Self::free_units(state, room, d, except))
            .min()
            .unwrap_or(0)
    }

    fn confirmation_code(&self, number: u64) -> Result<ConfirmationCode, PmsError> {
        // A bijection on 0..36^6 (the multiplier is coprime to 36), so codes never repeat
        // within the first 2 billion reservations and do not reveal the booking count.
        const SPACE: u64 = 36u64.pow(6);
        let mut n = number.wrapping_mul(2_654_435_761).wrapping_add(0x2f1) % SPACE;
        let mut code = [b'0'; 6];
        for slot in code.iter_mut().rev() {
            let digit = (n % 36) as u8;
            *slot = if digit < 10 {
                b'0' + digit
            } else {
                b'A' + digit - 10
            };
            n /= 36;
        }
        ConfirmationCode::new(String::from_utf8_lossy(&code).into_owned())
    }
}

#[async_trait]
impl PmsConnector for ReferenceConnector {
    fn vendor(&self) -> &str {
        VENDOR
    }

    async fn property(&self) -> Result<Property, PmsError> {
        let injected = self.enter(false).await?;
        self.finish(injected, self.seed.property.clone())
    }

    async fn room_types(&self) -> Result<Vec<RoomType>, PmsError> {
        let injected = self.enter(false).await?;
        let rooms = self
            .seed
            .room_types
            .iter()
            .map(|r| r.room_type.clone())
            .collect();
        self.finish(injected, rooms)
    }

    async fn availability(&self, stay: &Stay) -> Result<Vec<Availability>, PmsError> {
        let injected = self.enter(false).await?;
        let state = self.state();
        let mut out = Vec::new();
        for date in stay.night_dates() {
            for room in &self.seed.room_types {
                out.push(Availability {
                    date,
                    room_type: room.room_type.id.clone(),
                    available: Self::free_units(&state, room, date, None),
                });
            }
        }
        drop(state);
        self.finish(injected, out)
    }

    async fn offers(&self, request: &OfferRequest) -> Result<Vec<Offer>, PmsError> {
        let injected = self.enter(false).await?;
        if request.stay.arrival() < self.today() {
            return Err(PmsError::validation("stay: arrival is in the past"));
        }
        let state = self.state();
        let mut offers = Vec::new();
        for room in &self.seed.room_types {
            if request.occupancy.total() > usize::from(room.room_type.max_occupancy) {
                continue;
            }
            let units_left = Self::free_for_stay(&state, room, &request.stay, None);
            if units_left == 0 {
                continue;
            }
            for plan in &self.seed.rate_plans {
                let (nightly, total) =
                    pricing::quote(&self.seed, room, plan, &request.occupancy, &request.stay)?;
                let cancellation =
                    pricing::cancellation(&self.seed.property, plan, &request.stay, &nightly)?;
                offers.push(Offer {
                    room_type: room.room_type.id.clone(),
                    rate_plan: plan.id.clone(),
                    rate_plan_name: plan.name.clone(),
                    stay: request.stay,
                    nightly,
                    total,
                    cancellation,
                    guarantee_required: plan.guarantee != Guarantee::Unguaranteed,
                    units_left,
                });
            }
        }
        drop(state);
        self.finish(injected, offers)
    }

    async fn create_reservation(&self, request: &NewReservation) -> Result<Reservation, PmsError> {
        let injected = self.enter(true).await?;
        let now = self.clock.now();
        let mut state = self.state();
        if let Some((earlier, id)) = state.by_key.get(&request.idempotency_key) {
            if !earlier.same_request_as(request) {
                return Err(PmsError::conflict(
                    "idempotency key was already used for a different request",
                ));
            }
            let existing = state
                .reservations
                .get(id)
                .cloned()
                .ok_or_else(|| PmsError::internal("idempotency record without reservation"))?;
            drop(state);
            return self.finish(injected, existing);
        }
        let room = self.room(&request.room_type)?;
        let plan = self.plan(&request.rate_plan)?;
        self.check_bookable(&request.stay, &request.occupancy, room)?;
        if Self::free_for_stay(&state, room, &request.stay, None) == 0 {
            return Err(PmsError::conflict(format!(
                "no {} left for the stay",
                room.room_type.id
            )));
        }
        let (nightly, total) =
            pricing::quote(&self.seed, room, plan, &request.occupancy, &request.stay)?;
        let cancellation =
            pricing::cancellation(&self.seed.property, plan, &request.stay, &nightly)?;
        state.next_number += 1;
        let number = state.next_number;
        let reservation = Reservation {
            id: ReservationId::new(format!("{}-{number:06}", self.seed.property.id))?,
            confirmation_code: self.confirmation_code(number)?,
            status: ReservationStatus::Confirmed,
            stay: request.stay,
            occupancy: request.occupancy.clone(),
            room_type: request.room_type.clone(),
            rate_plan: request.rate_plan.clone(),
            total,
            cancellation,
            guarantee: plan.guarantee,
            guest: request.guest.clone(),
            comment: request.comment.clone(),
            created_at: now,
            modified_at: now,
            cancelled_at: None,
        };
        state
            .reservations
            .insert(reservation.id.clone(), reservation.clone());
        state.by_key.insert(
            request.idempotency_key.clone(),
            (request.clone(), reservation.id.clone()),
        );
        drop(state);
        tracing::debug!(reservation = %reservation.id, room_type = %reservation.room_type, "reservation created");
        self.finish(injected, reservation)
    }

    async fn get_reservation(&self, id: &ReservationId) -> Result<Reservation, PmsError> {
        let injected = self.enter(false).await?;
        let found = self.state().reservations.get(id).cloned();
        let reservation =
            found.ok_or_else(|| PmsError::not_found(format!("reservation {id} not found")))?;
        self.finish(injected, reservation)
    }

    async fn find_created(
        &self,
        key: &pms_contract::IdempotencyKey,
    ) -> Result<Option<Reservation>, PmsError> {
        let injected = self.enter(false).await?;
        let state = self.state();
        let found = state
            .by_key
            .get(key)
            .and_then(|(_, id)| state.reservations.get(id).cloned());
        drop(state);
        self.finish(injected, found)
    }

    async fn search_reservations(
        &self,
        search: &ReservationSearch,
    ) -> Result<Vec<Reservation>, PmsError> {
        let injected = self.enter(false).await?;
        let state = self.state();
        let matches = |r: &Reservation| match search {
            ReservationSearch::ConfirmationCode(code) => r
                .confirmation_code
                .as_str()
                .eq_ignore_ascii_case(code.as_str()),
            ReservationSearch::LastName { last_name, arrival } => {
                r.guest.last_name.expose().trim().to_lowercase()
                    == last_name.expose().trim().to_lowercase()
                    && arrival.is_none_or(|a| r.stay.arrival() == a)
            }
            ReservationSearch::Email(email) => r
                .guest
                .email
                .as_ref()
                .is_some_and(|e| e.expose().eq_ignore_ascii_case(email.expose())),
            ReservationSearch::Phone(phone) => r.guest.phone.as_ref() == Some(phone),
        };
        let mut found: Vec<Reservation> = state
            .reservations
            .values()
            .filter(|r| matches(r))
            .cloned()
            .collect();
        drop(state);
        found.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
        self.finish(injected, found)
    }

    async fn modify_reservation(
        &self,
        id: &ReservationId,
        change: &ReservationChange,
    ) -> Result<Reservation, PmsError> {
        let injected = self.enter(true).await?;
        let now = self.clock.now();
        let mut state = self.state();
        let current = state
            .reservations
            .get(id)
            .cloned()
            .ok_or_else(|| PmsError::not_found(format!("reservation {id} not found")))?;
        match current.status {
            ReservationStatus::Confirmed => {}
            ReservationStatus::InHouse if !change.changes_stay() => {}
            status => {
                return Err(PmsError::invalid_state(format!(
                    "reservation {id} is {status}; it can no longer be changed this way"
                )));
            }
        }
        let mut updated = current.clone();
        if change.changes_stay() {
            let stay = change.stay.unwrap_or(current.stay);
            let occupancy = change
                .occupancy
                .clone()
                .unwrap_or_else(|| current.occupancy.clone());
            let room_type = change
                .room_type
                .clone()
                .unwrap_or_else(|| current.room_type.clone());
            let rate_plan = change
                .rate_plan
                .clone()
                .unwrap_or_else(|| current.rate_plan.clone());
            let room = self.room(&room_type)?;
            let plan = self.plan(&rate_plan)?;
            self.check_bookable(&stay, &occupancy, room)?;
            if Self::free_for_stay(&state, room, &stay, Some(id)) == 0 {
                return Err(PmsError::conflict(format!(
                    "no {room_type} left for the new stay"
                )));
            }
            let (nightly, total) = pricing::quote(&self.seed, room, plan, &occupancy, &stay)?;
            updated.cancellation =
                pricing::cancellation(&self.seed.property, plan, &stay, &nightly)?;
            updated.guarantee = plan.guarantee;
            updated.stay = stay;
            updated.occupancy = occupancy;
            updated.room_type = room_type;
            updated.rate_plan = rate_plan;
            updated.total = total;
        }
        if let Some(contact) = &change.contact {
            if let Some(email) = &contact.email {
                updated.guest.email = Some(email.clone());
            }
            if let Some(phone) = &contact.phone {
                updated.guest.phone = Some(phone.clone());
            }
            if let Some(language) = &contact.language {
                updated.guest.language = Some(language.clone());
            }
        }
        updated.comment = change.comment.apply(updated.comment.take());
        updated.modified_at = now;
        state.reservations.insert(id.clone(), updated.clone());
        drop(state);
        tracing::debug!(reservation = %id, restay = change.changes_stay(), "reservation modified");
        self.finish(injected, updated)
    }

    async fn cancel_reservation(&self, id: &ReservationId) -> Result<Reservation, PmsError> {
        let injected = self.enter(true).await?;
        let now = self.clock.now();
        let mut state = self.state();
        let reservation = state
            .reservations
            .get_mut(id)
            .ok_or_else(|| PmsError::not_found(format!("reservation {id} not found")))?;
        match reservation.status {
            ReservationStatus::Canceled => {}
            ReservationStatus::Confirmed => {
                reservation.status = ReservationStatus::Canceled;
                reservation.cancelled_at = Some(now);
                reservation.modified_at = now;
                tracing::debug!(reservation = %id, "reservation cancelled");
            }
            status => {
                return Err(PmsError::invalid_state(format!(
                    "reservation {id} is {status} and cannot be cancelled"
                )));
            }
        }
        let out = reservation.clone();
        drop(state);
        self.finish(injected, out)
    }

    async fn health(&self) -> Result<HealthStatus, PmsError> {
        let injected = self.enter(false).await?;
        self.finish(injected, HealthStatus::Healthy)
    }
}

impl ReferenceConnector {
    /// Calls that reached the store so far (the reference PMS's "I/O").
    pub fn io_calls(&self) -> u64 {
        self.io_calls.load(Ordering::SeqCst)
    }

    /// Queues a fault. Token faults apply at once (and do nothing without authentication);
    /// a fault for zero calls is no fault.
    pub fn inject_fault(&self, fault: ReferenceFault) {
        match (&fault, &self.auth) {
            (
                ReferenceFault::Fail { times: 0, .. } | ReferenceFault::Latency { times: 0, .. },
                _,
            ) => return,
            (ReferenceFault::ExpireToken, Some((identity, _))) => {
                identity.revoke_all();
                return;
            }
            (ReferenceFault::RejectCredentials, Some((identity, _))) => {
                identity.reject_credentials(true);
                identity.revoke_all();
                return;
            }
            // Without authentication there is no token to expire or credentials to refuse.
            (ReferenceFault::ExpireToken | ReferenceFault::RejectCredentials, None) => return,
            _ => {}
        }
        self.faults
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push_back(fault);
    }

    /// Removes every queued fault and accepts the credentials again.
    pub fn clear_faults(&self) {
        self.faults
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        if let Some((identity, _)) = &self.auth {
            identity.reject_credentials(false);
        }
    }
}
