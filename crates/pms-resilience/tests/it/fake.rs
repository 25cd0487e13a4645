//! A scripted connector that records when it was called.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use clock::SharedClock;
use pms_contract::{
    Availability, CancellationPolicy, CountryCode, Currency, ErrorKind, Guarantee, Guest,
    HealthStatus, Money, NewReservation, Occupancy, Offer, OfferRequest, Operation, PmsConnector,
    PmsError, Property, PropertyId, RatePlanId, Reservation, ReservationChange, ReservationId,
    ReservationSearch, ReservationStatus, RoomType, RoomTypeId, Stay,
};

/// What the next call does.
#[derive(Debug, Clone)]
pub(crate) enum Step {
    Ok,
    Fail(ErrorKind),
    Sleep(Duration),
    /// Never answers (a vendor that accepted the connection and went silent).
    Hang,
    /// Moves the manual clock given to [`Fake::on_manual_clock`] by this much (time spent at
    /// the vendor, as the injected clock sees it), then fails with the kind, or succeeds.
    Elapse(Duration, Option<ErrorKind>),
}

#[derive(Debug)]
pub(crate) struct Fake {
    clock: SharedClock,
    manual: Option<clock::ManualClock>,
    script: Mutex<VecDeque<Step>>,
    pub(crate) calls: Mutex<Vec<(Operation, DateTime<Utc>)>>,
}

impl Fake {
    pub(crate) fn new(clock: SharedClock, steps: impl IntoIterator<Item = Step>) -> Self {
        Self {
            clock,
            manual: None,
            script: Mutex::new(steps.into_iter().collect()),
            calls: Mutex::new(Vec::new()),
        }
    }

    /// A fake on `clock`, which [`Step::Elapse`] moves.
    pub(crate) fn on_manual_clock(
        clock: clock::ManualClock,
        steps: impl IntoIterator<Item = Step>,
    ) -> Self {
        let mut fake = Self::new(std::sync::Arc::new(clock.clone()), steps);
        fake.manual = Some(clock);
        fake
    }

    pub(crate) fn push(&self, steps: impl IntoIterator<Item = Step>) {
        self.script.lock().unwrap().extend(steps);
    }

    pub(crate) fn calls(&self) -> usize {
        self.calls.lock().unwrap().len()
    }

    pub(crate) fn call_times(&self) -> Vec<DateTime<Utc>> {
        self.calls.lock().unwrap().iter().map(|(_, t)| *t).collect()
    }

    async fn step(&self, op: Operation) -> Result<(), PmsError> {
        self.calls.lock().unwrap().push((op, self.clock.now()));
        let step = self.script.lock().unwrap().pop_front().unwrap_or(Step::Ok);
        match step {
            Step::Ok => Ok(()),
            Step::Fail(kind) => Err(PmsError::new(kind, "scripted").with_vendor("fake")),
            Step::Sleep(d) => {
                tokio::time::sleep(d).await;
                Ok(())
            }
            Step::Hang => std::future::pending().await,
            Step::Elapse(d, kind) => {
                let manual = self
                    .manual
                    .as_ref()
                    .expect("Step::Elapse needs a manual clock");
                manual.advance(chrono::Duration::from_std(d).unwrap());
                match kind {
                    Some(kind) => Err(PmsError::new(kind, "scripted").with_vendor("fake")),
                    None => Ok(()),
                }
            }
        }
    }
}

pub(crate) fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 4, 9, 0, 0).unwrap()
}

pub(crate) fn property() -> Property {
    Property {
        id: PropertyId::new("P1").unwrap(),
        name: "Fake".into(),
        time_zone: chrono_tz::Europe::Berlin,
        currency: Currency::EUR,
        check_in_time: NaiveTime::from_hms_opt(15, 0, 0).unwrap(),
        check_out_time: NaiveTime::from_hms_opt(11, 0, 0).unwrap(),
        country: CountryCode::new("DE").unwrap(),
        live: Some(false),
    }
}

pub(crate) fn stay() -> Stay {
    Stay::parse("2027-02-01", "2027-02-03").unwrap()
}

pub(crate) fn reservation() -> Reservation {
    Reservation {
        id: ReservationId::new("R1").unwrap(),
        confirmation_code: "ABC123".parse().unwrap(),
        status: ReservationStatus::Confirmed,
        stay: stay(),
        occupancy: Occupancy::adults(2).unwrap(),
        room_type: RoomTypeId::new("DBL").unwrap(),
        rate_plan: RatePlanId::new("FLEX").unwrap(),
        total: Money::zero(Currency::EUR),
        cancellation: CancellationPolicy::NonRefundable,
        guarantee: Guarantee::Unguaranteed,
        guest: Guest::new("Ada", "Lovelace"),
        comment: None,
        created_at: start(),
        modified_at: start(),
        cancelled_at: None,
    }
}

pub(crate) fn new_reservation() -> NewReservation {
    NewReservation {
        idempotency_key: "key-1".parse().unwrap(),
        stay: stay(),
        occupancy: Occupancy::adults(2).unwrap(),
        room_type: RoomTypeId::new("DBL").unwrap(),
        rate_plan: RatePlanId::new("FLEX").unwrap(),
        guest: Guest::new("Ada", "Lovelace"),
        comment: None,
    }
}

#[async_trait]
impl PmsConnector for Fake {
    fn vendor(&self) -> &str {
        "fake"
    }
    async fn property(&self) -> Result<Property, PmsError> {
        self.step(Operation::Property).await.map(|()| property())
    }
    async fn room_types(&self) -> Result<Vec<RoomType>, PmsError> {
        self.step(Operation::RoomTypes).await.map(|()| Vec::new())
    }
    async fn availability(&self, _stay: &Stay) -> Result<Vec<Availability>, PmsError> {
        self.step(Operation::Availability)
            .await
            .map(|()| Vec::new())
    }
    async fn offers(&self, _request: &OfferRequest) -> Result<Vec<Offer>, PmsError> {
        self.step(Operation::Offers).await.map(|()| Vec::new())
    }
    async fn create_reservation(&self, _r: &NewReservation) -> Result<Reservation, PmsError> {
        self.step(Operation::CreateReservation)
            .await
            .map(|()| reservation())
    }
    async fn get_reservation(&self, _id: &ReservationId) -> Result<Reservation, PmsError> {
        self.step(Operation::GetReservation)
            .await
            .map(|()| reservation())
    }
    async fn search_reservations(
        &self,
        _s: &ReservationSearch,
    ) -> Result<Vec<Reservation>, PmsError> {
        self.step(Operation::SearchReservations)
            .await
            .map(|()| Vec::new())
    }
    async fn modify_reservation(
        &self,
        _id: &ReservationId,
        _c: &ReservationChange,
    ) -> Result<Reservation, PmsError> {
        self.step(Operation::ModifyReservation)
            .await
            .map(|()| reservation())
    }
    async fn cancel_reservation(&self, _id: &ReservationId) -> Result<Reservation, PmsError> {
        self.step(Operation::CancelReservation)
            .await
            .map(|()| reservation())
    }
    async fn health(&self) -> Result<HealthStatus, PmsError> {
        self.step(Operation::Health)
            .await
            .map(|()| HealthStatus::Healthy)
    }
}
