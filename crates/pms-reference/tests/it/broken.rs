//! The suite must be able to fail: a table of deliberately broken variants of the reference
//! connector (layers over it) and of its harness (probes), at least one per scenario. Every
//! variant runs against every scenario: it must fail exactly the scenarios it targets, each
//! for the reason expected, and pass all the others, so that each defect is caught where it is
//! meant to be and nowhere by accident.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{NaiveTime, TimeZone, Utc};
use credentials::SecretString;
use pms_contract::{
    Call, CancellationPolicy, Capability, CommentChange, Currency, ErrorKind, Guarantee,
    IdempotencyKey, Layer, Money, NewReservation, Pii, PmsConnector, PmsError, Reply, Reservation,
    ReservationChange, ReservationId, ReservationSearch, ReservationStatus, SharedConnector,
};
use pms_golden::{
    GoldenFixture, GoldenHarness, IoProbe, Lack, Outcome, Scenario, SuiteReport, run_scenario,
    run_suite,
};
use pms_reference::{ReferenceHarness, ReferenceIdentity};

/// A defect of a connector, applied by [`Broken`] to the calls passing through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Defect {
    PropertyTimesDefaulted,
    CheckOutAfterCheckIn,
    WrongCurrency,
    AvailabilityListsANightTwice,
    OfferOmitsLastNight,
    ReportsBookingsInHouse,
    CreateReplyInventsComment,
    CancelledBookingsStillTaken,
    CancelDoesNotCancel,
    FreshKeyPerAttempt,
    ReplaysFirstRequestForKey,
    CodeSearchListsTwice,
    CaseSensitiveNameSearch,
    NameSearchIgnoresArrival,
    NoPhoneSearch,
    NoEmailSearch,
    NoMatchIsNotFound,
    KeepsOldPriceOnModify,
    IgnoresContactChange,
    InvalidStateAsConflict,
    CancelTwiceIsInvalidState,
    NotFoundAsInternal,
    SellsLastRoomTwice,
    LeaksEmailInErrors,
    LogsGuestName,
    DropsRetryAfter,
    RateLimitAsProtocol,
    RetriesUnavailableItself,
    UnavailableAsRateLimited,
    ReadTimeoutAsProtocol,
    NewKeyAfterTimeout,
    TokenPerCall,
    RefreshPerCaller,
    RetriesRefusedCredentials,
    ReservationTermsNonRefundable,
    GetForgetsCancellationFee,
    PartialFeeChargesTheWholeStay,
    IgnoresCommentClear,
}

/// A decorator over the reference connector with one defect.
#[derive(Debug)]
struct Broken {
    inner: SharedConnector,
    identity: Arc<ReferenceIdentity>,
    defect: Defect,
    attempts: AtomicU64,
    first_requests: Mutex<HashMap<IdempotencyKey, NewReservation>>,
    timed_out: Mutex<HashSet<IdempotencyKey>>,
    cancelled: Mutex<BTreeMap<ReservationId, Reservation>>,
    token: Mutex<Option<SecretString>>,
}

impl Broken {
    fn wrap(defect: Defect, inner: SharedConnector, identity: Arc<ReferenceIdentity>) -> Self {
        Self {
            inner,
            identity,
            defect,
            attempts: AtomicU64::new(0),
            first_requests: Mutex::default(),
            timed_out: Mutex::default(),
            cancelled: Mutex::default(),
            token: Mutex::default(),
        }
    }

    fn inner(&self) -> &dyn PmsConnector {
        self.inner.as_ref()
    }

    /// Applies the defect to a call on its way in and its reply on the way out.
    async fn broken_call(&self, call: Call<'_>) -> Result<Reply, PmsError> {
        use Defect as D;
        match (self.defect, call) {
            (D::FreshKeyPerAttempt, Call::CreateReservation(request)) => {
                let n = self.attempts.fetch_add(1, Ordering::SeqCst);
                let mut request = request.clone();
                request.idempotency_key =
                    IdempotencyKey::new(format!("{}-{n}", request.idempotency_key.as_str()))?;
                Call::CreateReservation(&request).send(self.inner()).await
            }
            (D::ReplaysFirstRequestForKey, Call::CreateReservation(request)) => {
                let first = self
                    .first_requests
                    .lock()
                    .unwrap()
                    .entry(request.idempotency_key.clone())
                    .or_insert_with(|| request.clone())
                    .clone();
                Call::CreateReservation(&first).send(self.inner()).await
            }
            (D::NewKeyAfterTimeout, Call::CreateReservation(request)) => {
                let key = request.idempotency_key.clone();
                let retried = self.timed_out.lock().unwrap().contains(&key);
                let mut request = request.clone();
                if retried {
                    request.idempotency_key =
                        IdempotencyKey::new(format!("{}-again", key.as_str()))?;
                }
                let result = Call::CreateReservation(&request).send(self.inner()).await;
                if matches!(&result, Err(e) if *e.kind() == ErrorKind::Timeout) {
                    self.timed_out.lock().unwrap().insert(key);
                }
                result
            }
            (D::NameSearchIgnoresArrival, Call::SearchReservations(search)) => {
                let search = match search {
                    ReservationSearch::LastName { last_name, .. } => ReservationSearch::LastName {
                        last_name: last_name.clone(),
                        arrival: None,
                    },
                    other => other.clone(),
                };
                Call::SearchReservations(&search).send(self.inner()).await
            }
            (D::NoPhoneSearch, Call::SearchReservations(ReservationSearch::Phone(_)))
            | (D::NoEmailSearch, Call::SearchReservations(ReservationSearch::Email(_))) => {
                Ok(Reply::Reservations(Vec::new()))
            }
            (D::KeepsOldPriceOnModify, Call::ModifyReservation(id, _)) => {
                let before = self.inner().get_reservation(id).await?;
                match call.send(self.inner()).await? {
                    Reply::Reservation(mut after) => {
                        after.total = before.total;
                        Ok(Reply::Reservation(after))
                    }
                    other => Ok(other),
                }
            }
            (D::IgnoresContactChange, Call::ModifyReservation(id, change)) => {
                let change = ReservationChange {
                    contact: None,
                    ..change.clone()
                };
                if change.changes_stay() || change.changes_guest() {
                    Call::ModifyReservation(id, &change)
                        .send(self.inner())
                        .await
                } else {
                    Call::GetReservation(id).send(self.inner()).await
                }
            }
            (D::IgnoresCommentClear, Call::ModifyReservation(id, change))
                if change.comment == CommentChange::Clear =>
            {
                let change = ReservationChange {
                    comment: CommentChange::Keep,
                    ..change.clone()
                };
                if change.changes_stay() || change.changes_guest() {
                    Call::ModifyReservation(id, &change)
                        .send(self.inner())
                        .await
                } else {
                    Call::GetReservation(id).send(self.inner()).await
                }
            }
            (D::CancelDoesNotCancel, Call::CancelReservation(id)) => {
                // Answers as if it had cancelled, without telling the PMS.
                let mut reservation = self.inner().get_reservation(id).await?;
                reservation.status = ReservationStatus::Canceled;
                Ok(Reply::Reservation(reservation))
            }
            (D::CancelTwiceIsInvalidState, Call::CancelReservation(id)) => {
                if self.inner().get_reservation(id).await?.status == ReservationStatus::Canceled {
                    return Err(PmsError::invalid_state("already cancelled"));
                }
                call.send(self.inner()).await
            }
            (D::SellsLastRoomTwice, Call::CreateReservation(request)) => {
                // Reports success when the PMS had no room left: the guest believes in a room
                // that does not exist.
                match call.send(self.inner()).await {
                    Err(err)
                        if *err.kind() == ErrorKind::Conflict && err.message().contains("left") =>
                    {
                        let at = Utc.with_ymd_and_hms(2027, 1, 4, 9, 0, 0).unwrap();
                        Ok(Reply::Reservation(Reservation {
                            id: ReservationId::new("FAKE-1")?,
                            confirmation_code: "FAKE01".parse()?,
                            status: ReservationStatus::Confirmed,
                            stay: request.stay,
                            occupancy: request.occupancy.clone(),
                            room_type: request.room_type.clone(),
                            rate_plan: request.rate_plan.clone(),
                            total: Money::zero(Currency::EUR),
                            cancellation: CancellationPolicy::NonRefundable,
                            guarantee: Guarantee::Unguaranteed,
                            guest: request.guest.clone(),
                            comment: None,
                            created_at: at,
                            modified_at: at,
                            cancelled_at: None,
                        }))
                    }
                    other => other,
                }
            }
            (D::LeaksEmailInErrors, Call::CreateReservation(request)) => {
                call.send(self.inner()).await.map_err(|err| {
                    let email = request.guest.email.as_ref().map(|e| e.expose().to_owned());
                    PmsError::new(
                        err.kind().clone(),
                        format!("{} (guest {})", err.message(), email.unwrap_or_default()),
                    )
                })
            }
            (D::LogsGuestName, Call::CreateReservation(request)) => {
                tracing::info!(guest = %request.guest.last_name.expose(), "booking");
                call.send(self.inner()).await
            }
            (D::RetriesUnavailableItself, _) => {
                let mut result = call.send(self.inner()).await;
                for _ in 0..2 {
                    match &result {
                        Err(err) if *err.kind() == ErrorKind::Unavailable => {
                            result = call.send(self.inner()).await;
                        }
                        _ => break,
                    }
                }
                result
            }
            (D::RetriesRefusedCredentials, _) => {
                let mut result = call.send(self.inner()).await;
                for _ in 0..2 {
                    match &result {
                        Err(err) if *err.kind() == ErrorKind::Authentication => {
                            result = call.send(self.inner()).await;
                        }
                        _ => break,
                    }
                }
                result
            }
            (D::TokenPerCall, _) => {
                // Asks the identity provider for a token on every call.
                self.identity
                    .fetcher()
                    .fetch()
                    .await
                    .map_err(|err| PmsError::new(ErrorKind::Authentication, err.to_string()))?;
                call.send(self.inner()).await
            }
            (D::RefreshPerCaller, _) => {
                // Refreshes an expired token in every caller that notices, not once.
                let current = self.token.lock().unwrap().clone();
                if current.is_none_or(|token| !self.identity.accepts(&token)) {
                    // The token request takes a round trip; other callers notice meanwhile.
                    tokio::task::yield_now().await;
                    let fresh =
                        self.identity.fetcher().fetch().await.map_err(|err| {
                            PmsError::new(ErrorKind::Authentication, err.to_string())
                        })?;
                    *self.token.lock().unwrap() = Some(fresh.access_token);
                }
                call.send(self.inner()).await
            }
            _ => call.send(self.inner()).await,
        }
    }

    /// Applies the defect to a reply or an error.
    fn broken_result(
        &self,
        call: Call<'_>,
        result: Result<Reply, PmsError>,
    ) -> Result<Reply, PmsError> {
        use Defect as D;
        let result = match result {
            Ok(reply) => Ok(self.broken_reply(call, reply)),
            Err(err) => Err(err),
        };
        let err = match result {
            Ok(reply) => return Ok(reply),
            Err(err) => err,
        };
        let kind = match (self.defect, err.kind()) {
            (D::InvalidStateAsConflict, ErrorKind::InvalidState) => ErrorKind::Conflict,
            (D::NotFoundAsInternal, ErrorKind::NotFound)
                if matches!(call, Call::GetReservation(_)) =>
            {
                ErrorKind::Internal
            }
            (D::DropsRetryAfter, ErrorKind::RateLimited { .. }) => {
                ErrorKind::RateLimited { retry_after: None }
            }
            (D::RateLimitAsProtocol, ErrorKind::RateLimited { .. }) => ErrorKind::Protocol,
            (D::UnavailableAsRateLimited, ErrorKind::Unavailable) => {
                ErrorKind::RateLimited { retry_after: None }
            }
            (D::ReadTimeoutAsProtocol, ErrorKind::Timeout) if !call.is_write() => {
                ErrorKind::Protocol
            }
            _ => return Err(err),
        };
        Err(PmsError::new(kind, err.message()))
    }

    fn broken_reply(&self, call: Call<'_>, reply: Reply) -> Reply {
        use Defect as D;
        match (self.defect, reply) {
            (D::PropertyTimesDefaulted, Reply::Property(mut property)) => {
                property.check_in_time = NaiveTime::MIN;
                property.check_out_time = NaiveTime::MIN;
                Reply::Property(property)
            }
            (D::CheckOutAfterCheckIn, Reply::Property(mut property)) => {
                std::mem::swap(&mut property.check_in_time, &mut property.check_out_time);
                Reply::Property(property)
            }
            (D::WrongCurrency, Reply::Offers(mut offers)) => {
                let dollars = |m: Money| Money::new(m.amount(), Currency::USD);
                for offer in &mut offers {
                    offer.total = dollars(offer.total);
                    for night in &mut offer.nightly {
                        night.amount = dollars(night.amount);
                    }
                }
                Reply::Offers(offers)
            }
            (D::AvailabilityListsANightTwice, Reply::Availability(mut entries)) => {
                if let Some(first) = entries.first().cloned() {
                    entries.push(first);
                }
                Reply::Availability(entries)
            }
            (D::OfferOmitsLastNight, Reply::Offers(mut offers)) => {
                for offer in &mut offers {
                    offer.nightly.pop();
                }
                Reply::Offers(offers)
            }
            (D::ReportsBookingsInHouse, reply) => {
                let in_house = |mut r: Reservation| {
                    if r.status == ReservationStatus::Confirmed {
                        r.status = ReservationStatus::InHouse;
                    }
                    r
                };
                match reply {
                    Reply::Reservation(r) => Reply::Reservation(in_house(r)),
                    Reply::Reservations(rs) => {
                        Reply::Reservations(rs.into_iter().map(in_house).collect())
                    }
                    other => other,
                }
            }
            (D::CreateReplyInventsComment, Reply::Reservation(mut r))
                if matches!(call, Call::CreateReservation(_)) =>
            {
                r.comment
                    .get_or_insert_with(|| Pii::new("booked by phone".to_owned()));
                Reply::Reservation(r)
            }
            (D::CancelledBookingsStillTaken, Reply::Reservation(r))
                if matches!(call, Call::CancelReservation(_)) =>
            {
                self.cancelled
                    .lock()
                    .unwrap()
                    .insert(r.id.clone(), r.clone());
                Reply::Reservation(r)
            }
            (D::CancelledBookingsStillTaken, Reply::Availability(mut entries)) => {
                let cancelled = self.cancelled.lock().unwrap();
                for entry in &mut entries {
                    let taken = cancelled
                        .values()
                        .filter(|r| r.room_type == entry.room_type)
                        .filter(|r| {
                            r.stay.arrival() <= entry.date && entry.date < r.stay.departure()
                        })
                        .count();
                    entry.available = entry.available.saturating_sub(taken as u32);
                }
                Reply::Availability(entries)
            }
            (D::CodeSearchListsTwice, Reply::Reservations(found))
                if matches!(
                    call,
                    Call::SearchReservations(ReservationSearch::ConfirmationCode(_))
                ) =>
            {
                Reply::Reservations(found.iter().chain(&found).cloned().collect())
            }
            (D::CaseSensitiveNameSearch, Reply::Reservations(mut found)) => {
                if let Call::SearchReservations(ReservationSearch::LastName { last_name, .. }) =
                    call
                {
                    found.retain(|r| r.guest.last_name.expose() == last_name.expose());
                }
                Reply::Reservations(found)
            }
            (D::ReservationTermsNonRefundable, reply) => {
                let non_refundable = |mut r: Reservation| {
                    r.cancellation = CancellationPolicy::NonRefundable;
                    r
                };
                match reply {
                    Reply::Reservation(r) => Reply::Reservation(non_refundable(r)),
                    Reply::Reservations(rs) => {
                        Reply::Reservations(rs.into_iter().map(non_refundable).collect())
                    }
                    other => other,
                }
            }
            (D::GetForgetsCancellationFee, Reply::Reservation(mut r))
                if matches!(call, Call::GetReservation(_)) =>
            {
                if let CancellationPolicy::FreeUntil { fee, .. } = &mut r.cancellation {
                    *fee = Money::zero(fee.currency());
                }
                Reply::Reservation(r)
            }
            (D::PartialFeeChargesTheWholeStay, Reply::Offers(mut offers)) => {
                for offer in &mut offers {
                    if let CancellationPolicy::PartlyRefundable { fee } = &mut offer.cancellation {
                        *fee = offer.total;
                    }
                }
                Reply::Offers(offers)
            }
            (other_defect, reply) => {
                let _ = other_defect;
                reply
            }
        }
    }
}

#[async_trait]
impl Layer for Broken {
    fn vendor(&self) -> &str {
        "broken"
    }

    async fn call(&self, call: Call<'_>) -> Result<Reply, PmsError> {
        let result = self.broken_call(call).await;
        if self.defect == Defect::NoMatchIsNotFound
            && matches!(
                call,
                Call::SearchReservations(ReservationSearch::ConfirmationCode(_))
            )
            && matches!(&result, Ok(Reply::Reservations(found)) if found.is_empty())
        {
            return Err(PmsError::not_found("no reservation with that code"));
        }
        self.broken_result(call, result)
    }
}

/// An I/O probe that sees I/O on every look, as if the connector talked to its PMS on its own
/// (keep-alive pings, background refreshes) whether or not a call reached it.
#[derive(Debug)]
struct BusyProbe {
    inner: Arc<dyn IoProbe>,
    looks: AtomicU64,
}

impl IoProbe for BusyProbe {
    fn io_calls(&self) -> u64 {
        self.inner.io_calls() + self.looks.fetch_add(1, Ordering::SeqCst) + 1
    }
}

/// How a variant is built.
#[derive(Clone, Copy)]
enum Build {
    /// The reference connector behind a [`Broken`] layer.
    Connector(Defect),
    /// The reference harness with its fixture altered.
    Fixture(fn(GoldenFixture) -> GoldenFixture),
}

/// A broken variant, the scenarios it must fail and a text each failure reason must contain.
struct Variant {
    name: &'static str,
    build: Build,
    breaks: &'static [(Scenario, &'static str)],
}

#[derive(Clone, Copy)]
struct VariantHarness {
    name: &'static str,
    build: Build,
}

#[async_trait]
impl GoldenHarness for VariantHarness {
    fn name(&self) -> String {
        format!("broken:{}", self.name)
    }

    async fn fixture(&self) -> Result<GoldenFixture, PmsError> {
        let reference = ReferenceHarness::new()?;
        match self.build {
            Build::Connector(defect) => reference.fixture_with(|connector, identity| {
                Arc::new(Broken::wrap(defect, connector, identity))
            }),
            Build::Fixture(alter) => Ok(alter(reference.fixture_with(|c, _| c)?)),
        }
    }
}

fn busy_probe(mut fixture: GoldenFixture) -> GoldenFixture {
    let inner = fixture.io.clone().unwrap();
    fixture.io = Some(Arc::new(BusyProbe {
        inner,
        looks: AtomicU64::new(0),
    }));
    fixture
}

fn auth_probe_missing_undeclared(mut fixture: GoldenFixture) -> GoldenFixture {
    fixture.auth = None;
    fixture
}

fn fault_injector_missing_undeclared(mut fixture: GoldenFixture) -> GoldenFixture {
    fixture.faults = None;
    fixture
}

fn not_exclusive_undeclared(mut fixture: GoldenFixture) -> GoldenFixture {
    fixture.exclusive = false;
    fixture
}

use Scenario as S;

const UNDECLARED: &str = "skipped for a reason the harness did not declare";

const VARIANTS: &[Variant] = &[
    Variant {
        name: "property_times_defaulted",
        build: Build::Connector(Defect::PropertyTimesDefaulted),
        breaks: &[(
            S::PropertyHasValidTimeZoneAndCurrency,
            "check-in time is 00:00",
        )],
    },
    Variant {
        name: "check_out_after_check_in",
        build: Build::Connector(Defect::CheckOutAfterCheckIn),
        breaks: &[(
            S::PropertyHasValidTimeZoneAndCurrency,
            "is after the check-in time",
        )],
    },
    Variant {
        name: "wrong_currency",
        build: Build::Connector(Defect::WrongCurrency),
        breaks: &[
            (
                S::AllMoneyIsInPropertyCurrency,
                "has an amount in USD but the property's currency is EUR",
            ),
            (
                S::CreateReturnsConfirmedReservation,
                "the offer said 288.00 USD but the reservation costs 288.00 EUR",
            ),
            (S::ModifyDatesRepricesTheStay, "was quoted at 432.00 USD"),
            // A non-refundable offer's fee is its total.
            (
                S::OfferCancellationTermsAreExact,
                "the cancellation fee is in USD but the property's currency is EUR",
            ),
        ],
    },
    Variant {
        name: "availability_lists_a_night_twice",
        build: Build::Connector(Defect::AvailabilityListsANightTwice),
        breaks: &[(
            S::AvailabilityCoversEveryNightAndRoomType,
            "two availability entries",
        )],
    },
    Variant {
        name: "offer_omits_last_night",
        build: Build::Connector(Defect::OfferOmitsLastNight),
        breaks: &[(S::OfferTotalEqualsSumOfNights, "prices nights")],
    },
    Variant {
        name: "io_on_every_look",
        build: Build::Fixture(busy_probe),
        breaks: &[
            (
                S::InvalidInputIsRejectedBeforeIo,
                "rejected requests caused 1 I/O calls",
            ),
            (
                S::DisabledCapabilityIsUnsupportedWithoutIo,
                "caused 1 I/O calls",
            ),
            // The fault scenarios count attempts with the same probe.
            (
                S::RateLimitIsRetriedAfterRetryAfter,
                "4 calls reached the PMS, expected the refused one and one retry",
            ),
            (
                S::PersistentUnavailabilityOpensAndATrialClosesTheCircuit,
                "the first call made 5 attempts, expected 3",
            ),
            (
                S::ReadTimeoutIsRetried,
                "4 calls reached the PMS, expected the timed-out one and one retry",
            ),
            (
                S::InvalidCredentialsFailWithoutRetryStorm,
                "reached the PMS 12 times",
            ),
        ],
    },
    Variant {
        name: "reports_bookings_in_house",
        build: Build::Connector(Defect::ReportsBookingsInHouse),
        breaks: &[(S::CreateReturnsConfirmedReservation, "expected confirmed")],
    },
    Variant {
        name: "create_reply_invents_comment",
        build: Build::Connector(Defect::CreateReplyInventsComment),
        breaks: &[(
            S::GetReturnsWhatCreateReturned,
            "differs from what create returned in: comment",
        )],
    },
    Variant {
        name: "cancelled_bookings_still_taken",
        build: Build::Connector(Defect::CancelledBookingsStillTaken),
        breaks: &[(
            S::BookingConsumesAndCancelRestoresAvailability,
            "after cancelling, availability is",
        )],
    },
    Variant {
        name: "cancel_does_not_cancel",
        build: Build::Connector(Defect::CancelDoesNotCancel),
        breaks: &[
            (
                S::BookingConsumesAndCancelRestoresAvailability,
                "after cancelling, availability is",
            ),
            (
                S::CancelSetsCanceledAndIsIdempotent,
                "with cancelled_at None",
            ),
            (
                S::ModifyCancelledReservationIsInvalidState,
                "expected an invalid-state error, got Ok",
            ),
        ],
    },
    Variant {
        name: "fresh_key_per_attempt",
        build: Build::Connector(Defect::FreshKeyPerAttempt),
        breaks: &[
            (
                S::SameIdempotencyKeyCreatesOnce,
                "the same idempotency key created two reservations",
            ),
            (
                S::IdempotencyKeyReuseWithOtherRequestConflicts,
                "expected a conflict error, got Ok",
            ),
            (
                S::CreateCommittedThenTimedOutBooksOnce,
                "reservations after a committed-then-timed-out create",
            ),
        ],
    },
    Variant {
        name: "replays_first_request_for_key",
        build: Build::Connector(Defect::ReplaysFirstRequestForKey),
        breaks: &[(
            S::IdempotencyKeyReuseWithOtherRequestConflicts,
            "expected a conflict error, got Ok",
        )],
    },
    Variant {
        name: "code_search_lists_twice",
        build: Build::Connector(Defect::CodeSearchListsTwice),
        breaks: &[(
            S::SearchByConfirmationCodeFindsExactlyIt,
            "expected exactly",
        )],
    },
    Variant {
        name: "case_sensitive_name_search",
        build: Build::Connector(Defect::CaseSensitiveNameSearch),
        breaks: &[(
            S::SearchByLastNameAndArrivalFindsIt,
            "search by upper-case name: found=false",
        )],
    },
    Variant {
        name: "name_search_ignores_arrival",
        build: Build::Connector(Defect::NameSearchIgnoresArrival),
        breaks: &[(
            S::SearchByLastNameAndArrivalFindsIt,
            "name and another arrival: found=true",
        )],
    },
    Variant {
        name: "no_phone_search",
        build: Build::Connector(Defect::NoPhoneSearch),
        breaks: &[(S::SearchByPhoneFindsIt, "search by phone did not find")],
    },
    Variant {
        name: "no_email_search",
        build: Build::Connector(Defect::NoEmailSearch),
        breaks: &[
            (S::SearchByEmailFindsIt, "search by e-mail did not find"),
            (
                S::ModifyGuestContactKeepsTheStay,
                "searching the new e-mail address does not find the reservation",
            ),
        ],
    },
    Variant {
        name: "no_match_is_not_found",
        build: Build::Connector(Defect::NoMatchIsNotFound),
        breaks: &[(S::SearchWithoutMatchIsEmpty, "search_reservations: failed")],
    },
    Variant {
        name: "keeps_old_price_on_modify",
        build: Build::Connector(Defect::KeepsOldPriceOnModify),
        breaks: &[(S::ModifyDatesRepricesTheStay, "the new total is")],
    },
    Variant {
        name: "ignores_contact_change",
        build: Build::Connector(Defect::IgnoresContactChange),
        breaks: &[(
            S::ModifyGuestContactKeepsTheStay,
            "the e-mail address was not changed",
        )],
    },
    Variant {
        name: "invalid_state_as_conflict",
        build: Build::Connector(Defect::InvalidStateAsConflict),
        breaks: &[(
            S::ModifyCancelledReservationIsInvalidState,
            "expected an invalid-state error, got conflict",
        )],
    },
    Variant {
        name: "cancel_twice_is_invalid_state",
        build: Build::Connector(Defect::CancelTwiceIsInvalidState),
        breaks: &[(
            S::CancelSetsCanceledAndIsIdempotent,
            "cancelling again: failed",
        )],
    },
    Variant {
        name: "not_found_as_internal",
        build: Build::Connector(Defect::NotFoundAsInternal),
        breaks: &[(
            S::UnknownReservationIsNotFound,
            "expected a not-found error, got internal",
        )],
    },
    Variant {
        name: "sells_last_room_twice",
        build: Build::Connector(Defect::SellsLastRoomTwice),
        breaks: &[(
            S::ConcurrentBookingsForLastRoomOneWins,
            "2 of two concurrent bookings for the last",
        )],
    },
    Variant {
        name: "leaks_email_in_errors",
        build: Build::Connector(Defect::LeaksEmailInErrors),
        breaks: &[(
            S::NoGuestDataInErrorsDebugOrLogs,
            "appears in Debug output and error messages",
        )],
    },
    Variant {
        name: "logs_guest_name",
        build: Build::Connector(Defect::LogsGuestName),
        breaks: &[(S::NoGuestDataInErrorsDebugOrLogs, "appears in log lines")],
    },
    Variant {
        name: "drops_retry_after",
        build: Build::Connector(Defect::DropsRetryAfter),
        breaks: &[(
            S::RateLimitIsRetriedAfterRetryAfter,
            "before the 250 ms the PMS asked for",
        )],
    },
    Variant {
        name: "rate_limit_as_protocol",
        build: Build::Connector(Defect::RateLimitAsProtocol),
        breaks: &[(
            S::RateLimitIsRetriedAfterRetryAfter,
            "room_types after a 429: failed",
        )],
    },
    Variant {
        name: "retries_unavailable_itself",
        build: Build::Connector(Defect::RetriesUnavailableItself),
        breaks: &[(
            S::PersistentUnavailabilityOpensAndATrialClosesTheCircuit,
            "attempts, expected 3",
        )],
    },
    Variant {
        name: "unavailable_as_rate_limited",
        build: Build::Connector(Defect::UnavailableAsRateLimited),
        breaks: &[(
            S::PersistentUnavailabilityOpensAndATrialClosesTheCircuit,
            "expected an unavailable error, got rate",
        )],
    },
    Variant {
        name: "read_timeout_as_protocol",
        build: Build::Connector(Defect::ReadTimeoutAsProtocol),
        breaks: &[(
            S::ReadTimeoutIsRetried,
            "availability after a timeout: failed",
        )],
    },
    Variant {
        name: "new_key_after_timeout",
        build: Build::Connector(Defect::NewKeyAfterTimeout),
        breaks: &[(
            S::CreateCommittedThenTimedOutBooksOnce,
            "the guest has 2 reservations",
        )],
    },
    Variant {
        name: "token_per_call",
        build: Build::Connector(Defect::TokenPerCall),
        breaks: &[
            (
                S::ExpiredTokenIsRefreshedOnceForConcurrentCalls,
                "token requests, expected 1",
            ),
            (
                S::InvalidCredentialsFailWithoutRetryStorm,
                "expected at most 1",
            ),
        ],
    },
    Variant {
        name: "refresh_per_caller",
        build: Build::Connector(Defect::RefreshPerCaller),
        breaks: &[
            (
                S::ExpiredTokenIsRefreshedOnceForConcurrentCalls,
                "12 concurrent calls caused",
            ),
            (
                S::InvalidCredentialsFailWithoutRetryStorm,
                "expected at most 1",
            ),
        ],
    },
    Variant {
        name: "retries_refused_credentials",
        build: Build::Connector(Defect::RetriesRefusedCredentials),
        breaks: &[(
            S::InvalidCredentialsFailWithoutRetryStorm,
            "authentication errors must not be retried",
        )],
    },
    Variant {
        name: "reservation_terms_non_refundable",
        build: Build::Connector(Defect::ReservationTermsNonRefundable),
        breaks: &[(
            S::ReservationCarriesTheOffersCancellationTerms,
            "but the reservation carries non-refundable",
        )],
    },
    Variant {
        name: "get_forgets_the_cancellation_fee",
        build: Build::Connector(Defect::GetForgetsCancellationFee),
        breaks: &[
            (
                S::GetReturnsWhatCreateReturned,
                "differs from what create returned in: cancellation",
            ),
            (
                S::ModifyDatesRepricesTheStay,
                "get differs from what modify returned in: cancellation",
            ),
        ],
    },
    Variant {
        name: "partial_fee_charges_the_whole_stay",
        build: Build::Connector(Defect::PartialFeeChargesTheWholeStay),
        breaks: &[(
            S::OfferCancellationTermsAreExact,
            "a partial fee is more than nothing and less than the total",
        )],
    },
    Variant {
        name: "ignores_comment_clear",
        build: Build::Connector(Defect::IgnoresCommentClear),
        breaks: &[(
            S::ModifyCommentSetsAndClearsIt,
            "clearing the comment: the reservation's comment is present, expected absent",
        )],
    },
    Variant {
        name: "auth_probe_missing_undeclared",
        build: Build::Fixture(auth_probe_missing_undeclared),
        breaks: &[
            (S::ExpiredTokenIsRefreshedOnceForConcurrentCalls, UNDECLARED),
            (S::InvalidCredentialsFailWithoutRetryStorm, UNDECLARED),
        ],
    },
    Variant {
        name: "fault_injector_missing_undeclared",
        build: Build::Fixture(fault_injector_missing_undeclared),
        breaks: &[
            (S::RateLimitIsRetriedAfterRetryAfter, UNDECLARED),
            (
                S::PersistentUnavailabilityOpensAndATrialClosesTheCircuit,
                UNDECLARED,
            ),
            (S::ReadTimeoutIsRetried, UNDECLARED),
            (S::CreateCommittedThenTimedOutBooksOnce, UNDECLARED),
            (S::ExpiredTokenIsRefreshedOnceForConcurrentCalls, UNDECLARED),
            (S::InvalidCredentialsFailWithoutRetryStorm, UNDECLARED),
        ],
    },
    Variant {
        name: "not_exclusive_undeclared",
        build: Build::Fixture(not_exclusive_undeclared),
        breaks: &[
            (S::BookingConsumesAndCancelRestoresAvailability, UNDECLARED),
            (S::ConcurrentBookingsForLastRoomOneWins, UNDECLARED),
        ],
    },
];

/// Runs every variant against every scenario, the variants concurrently on one thread with
/// tokio's paused clock (backoff, Retry-After, the breaker's open wait and the read-after-write
/// polling of failing checks take no real time).
async fn run_matrix() -> Vec<(&'static Variant, SuiteReport)> {
    let mut tasks = tokio::task::JoinSet::new();
    for (index, variant) in VARIANTS.iter().enumerate() {
        let harness = VariantHarness {
            name: variant.name,
            build: variant.build,
        };
        tasks.spawn(async move { (index, run_suite(&harness, |_| true).await) });
    }
    let mut reports: Vec<_> = tasks.join_all().await;
    reports.sort_by_key(|(index, _)| *index);
    reports
        .into_iter()
        .map(|(index, report)| (&VARIANTS[index], report))
        .collect()
}

#[tokio::test(start_paused = true)]
async fn every_variant_fails_exactly_the_scenarios_it_targets() {
    let mut problems = Vec::new();
    for (variant, report) in run_matrix().await {
        for scenario_report in &report.scenarios {
            let scenario = *Scenario::ALL
                .iter()
                .find(|s| s.name() == scenario_report.scenario)
                .unwrap();
            let target = variant.breaks.iter().find(|(s, _)| *s == scenario);
            match (target, &scenario_report.outcome) {
                (Some((_, expected)), Outcome::Failed(reason)) if reason.contains(expected) => {}
                (None, Outcome::Passed) => {}
                (Some((_, expected)), outcome) => problems.push(format!(
                    "{} should fail {} with \"{expected}\", got {outcome:?}",
                    variant.name,
                    scenario.name()
                )),
                (None, outcome) => problems.push(format!(
                    "{} should pass {}, got {outcome:?}",
                    variant.name,
                    scenario.name()
                )),
            }
        }
        assert_eq!(report.scenarios.len(), Scenario::ALL.len(), "{report}");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_scenario_is_broken_by_some_variant() {
    let mut table = String::new();
    let mut unbroken = Vec::new();
    for &scenario in Scenario::ALL {
        let breakers: Vec<_> = VARIANTS
            .iter()
            .filter(|v| v.breaks.iter().any(|(s, _)| *s == scenario))
            .map(|v| v.name)
            .collect();
        if breakers.is_empty() {
            unbroken.push(scenario.name());
        }
        table.push_str(&format!(
            "{:<62} {}\n",
            scenario.name(),
            breakers.join(", ")
        ));
    }
    println!("{table}");
    assert!(
        unbroken.is_empty(),
        "no variant breaks {unbroken:?}\n{table}"
    );
    let mut names: Vec<_> = VARIANTS.iter().map(|v| v.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), VARIANTS.len(), "variant names must be unique");
}

#[tokio::test(start_paused = true)]
async fn the_whole_suite_passes_on_the_reference_connector_without_skips() {
    let harness = ReferenceHarness::new().unwrap();
    let report = run_suite(&harness, |_| true).await;
    assert_eq!(report.scenarios.len(), Scenario::ALL.len());
    assert!(report.is_success(), "{report}");
    assert_eq!(report.skipped(), 0, "{report}");
    assert_eq!(report.passed(), Scenario::ALL.len(), "{report}");
}

/// The reference harness with the auth probe and writes declared missing.
struct Declaring;

#[async_trait]
impl GoldenHarness for Declaring {
    fn name(&self) -> String {
        "declaring".into()
    }

    async fn fixture(&self) -> Result<GoldenFixture, PmsError> {
        let mut fixture = ReferenceHarness::new()?.fixture_with(|c, _| c)?;
        fixture.auth = None;
        Ok(fixture.lacking(Lack::AuthProbe).read_only())
    }
}

#[tokio::test(start_paused = true)]
async fn declared_lacks_skip_and_are_not_counted_as_passed() {
    let report = run_suite(&Declaring, |_| true).await;
    assert!(report.is_success(), "{report}");
    let writes = Scenario::ALL.iter().filter(|s| s.writes()).count();
    // The two token scenarios skip for the auth probe, the write scenarios for writes.
    assert_eq!(report.skipped(), writes + 2, "{report}");
    assert_eq!(
        report.passed(),
        Scenario::ALL.len() - writes - 2,
        "{report}"
    );
    assert!(
        report.to_string().ends_with(&format!(
            "{} passed, 0 failed, {} skipped",
            report.passed(),
            report.skipped()
        )),
        "{report}"
    );
    assert!(matches!(
        report.outcome(Scenario::ExpiredTokenIsRefreshedOnceForConcurrentCalls),
        Some(Outcome::Skipped(reason)) if reason.contains("authentication probe")
    ));
    // Through the test entry point a declared skip passes.
    pms_golden::assert_scenario_passes(
        &Declaring,
        Scenario::InvalidCredentialsFailWithoutRetryStorm,
    )
    .await;
}

/// The reference harness offering every capability but the phone search.
struct NoPhoneSearchDeclared;

#[async_trait]
impl GoldenHarness for NoPhoneSearchDeclared {
    fn name(&self) -> String {
        "no-phone-search".into()
    }

    async fn fixture(&self) -> Result<GoldenFixture, PmsError> {
        let fixture = ReferenceHarness::new()?.fixture_with(|c, _| c)?;
        Ok(fixture.lacking(Lack::Capability(Capability::SearchByPhone)))
    }
}

#[tokio::test(start_paused = true)]
async fn e_mail_and_phone_search_skip_separately_when_declared_missing() {
    let phone = run_scenario(&NoPhoneSearchDeclared, Scenario::SearchByPhoneFindsIt).await;
    assert!(
        matches!(&phone.outcome, Outcome::Skipped(reason) if reason.contains("search_by_phone")),
        "{:?}",
        phone.outcome
    );
    let email = run_scenario(&NoPhoneSearchDeclared, Scenario::SearchByEmailFindsIt).await;
    assert!(
        matches!(email.outcome, Outcome::Passed),
        "{:?}",
        email.outcome
    );
    // A declared lack passes through the test entry point.
    pms_golden::assert_scenario_passes(&NoPhoneSearchDeclared, Scenario::SearchByPhoneFindsIt)
        .await;
}

#[tokio::test(start_paused = true)]
#[should_panic(expected = "skipped for a reason the harness did not declare")]
async fn an_undeclared_skip_fails_the_generated_test() {
    let harness = VariantHarness {
        name: "undeclared",
        build: Build::Fixture(auth_probe_missing_undeclared),
    };
    pms_golden::assert_scenario_passes(
        &harness,
        Scenario::ExpiredTokenIsRefreshedOnceForConcurrentCalls,
    )
    .await;
}

#[tokio::test(start_paused = true)]
async fn unknown_ids_have_the_reference_shape() {
    let fixture = ReferenceHarness::new()
        .unwrap()
        .fixture_with(|c, _| c)
        .unwrap();
    let unknown = fixture.unknown_reservation_id.clone().unwrap();
    assert_eq!(unknown.as_str(), "REF-BER-999999");
    let err = fixture
        .connector
        .get_reservation(&unknown)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::NotFound);
    // A single run, for a variant caught by the unknown-id scenario, reports the vendor's id.
    let harness = VariantHarness {
        name: "not_found_as_internal",
        build: Build::Connector(Defect::NotFoundAsInternal),
    };
    let outcome = run_scenario(&harness, Scenario::UnknownReservationIsNotFound)
        .await
        .outcome;
    assert!(matches!(outcome, Outcome::Failed(_)), "{outcome:?}");
}
