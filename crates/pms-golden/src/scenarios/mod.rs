//! The scenarios and the context they run in.

mod faults;
mod reads;
mod safety;
mod writes;

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use chrono::Days;
use pms_contract::{
    Capability, CapabilitySet, ContractGuard, Email, ErrorKind, Guest, IdempotencyKey, LanguageTag,
    NewReservation, Occupancy, Offer, OfferRequest, PhoneNumber, Pii, PmsConnector, PmsError,
    Reservation, ReservationId, ReservationSearch, ReservationStatus, Stay,
};

use crate::{GoldenFixture, Lack};

/// Why a scenario did not pass.
#[derive(Debug)]
pub(crate) enum Verdict {
    Fail(String),
    /// The scenario could not run for want of `Lack`; the text says what was not checked.
    Skip(Lack, String),
}

pub(crate) type Check = Result<(), Verdict>;

/// Fails the scenario with a formatted reason unless the condition holds.
macro_rules! ensure {
    ($cond:expr, $($arg:tt)+) => {
        if !$cond {
            return Err($crate::scenarios::Verdict::Fail(format!($($arg)+)));
        }
    };
}
pub(crate) use ensure;

macro_rules! scenarios {
    ($($variant:ident => $name:literal, $writes:literal, $func:path, $doc:literal;)+) => {
        /// A scenario of the golden suite.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Scenario {
            $(#[doc = $doc] $variant,)+
        }

        impl Scenario {
            /// Every scenario, in suite order.
            pub const ALL: &'static [Scenario] = &[$(Scenario::$variant),+];

            /// The snake_case name (also the generated test's name).
            pub fn name(self) -> &'static str {
                match self { $(Scenario::$variant => $name,)+ }
            }

            /// What the scenario checks.
            pub fn description(self) -> &'static str {
                match self { $(Scenario::$variant => $doc,)+ }
            }

            /// Whether the scenario creates, changes or cancels reservations.
            pub fn writes(self) -> bool {
                match self { $(Scenario::$variant => $writes,)+ }
            }

            pub(crate) async fn run(self, ctx: &Ctx) -> Check {
                if self.writes() && !ctx.fixture.allow_writes {
                    return Err(Verdict::Skip(
                        Lack::Writes,
                        "writes are not allowed on this fixture".into(),
                    ));
                }
                match self { $(Scenario::$variant => $func(ctx).await,)+ }
            }
        }
    };
}

scenarios! {
    PropertyHasValidTimeZoneAndCurrency => "property_has_valid_time_zone_and_currency", false,
        reads::property_is_well_formed,
        "The property has a name, an IANA time zone, an ISO currency, sane check-in/out times (check-out no later than check-in, check-in not defaulted to midnight) and distinct, named room types.";
    AllMoneyIsInPropertyCurrency => "all_money_is_in_property_currency", false,
        reads::all_money_in_property_currency,
        "Every nightly price and total of every offer is in the property's currency.";
    AvailabilityCoversEveryNightAndRoomType => "availability_covers_every_night_and_room_type", false,
        reads::availability_covers_every_night,
        "Availability has exactly one entry per night and room type, and nothing else.";
    OfferTotalEqualsSumOfNights => "offer_total_equals_sum_of_nights", false,
        reads::offer_totals_add_up,
        "Each offer prices every night of the stay and its total is their exact sum.";
    InvalidInputIsRejectedBeforeIo => "invalid_input_is_rejected_before_io", false,
        safety::invalid_input_rejected_before_io,
        "Requests the contract guard must refuse (blank names, empty changes, blank searches) are validation errors and cause no I/O.";
    CreateReturnsConfirmedReservation => "create_returns_confirmed_reservation", true,
        writes::create_returns_confirmed,
        "Create returns a Confirmed reservation with a confirmation code, the offer's total and the guest as given.";
    GetReturnsWhatCreateReturned => "get_returns_what_create_returned", true,
        writes::get_returns_created,
        "Reading a reservation back returns exactly what create returned.";
    BookingConsumesAndCancelRestoresAvailability => "booking_consumes_and_cancel_restores_availability", true,
        writes::availability_follows_bookings,
        "Availability drops by one for each night of a booking and comes back after cancellation.";
    SameIdempotencyKeyCreatesOnce => "same_idempotency_key_creates_once", true,
        writes::idempotent_create,
        "Repeating a create with the same idempotency key and request returns the same reservation and books once.";
    IdempotencyKeyReuseWithOtherRequestConflicts => "idempotency_key_reuse_with_other_request_conflicts", true,
        writes::idempotency_key_conflict,
        "Reusing an idempotency key for a different request is a conflict and books nothing.";
    SearchByConfirmationCodeFindsExactlyIt => "search_by_confirmation_code_finds_exactly_it", true,
        writes::search_by_confirmation,
        "Searching by confirmation code returns exactly that reservation.";
    SearchByLastNameAndArrivalFindsIt => "search_by_last_name_and_arrival_finds_it", true,
        writes::search_by_last_name,
        "Searching by last name is case-insensitive and narrows by arrival date.";
    SearchByEmailFindsIt => "search_by_email_finds_it", true,
        writes::search_by_email,
        "Searching by the guest's e-mail address finds the reservation, and only reservations with that address.";
    SearchWithoutMatchIsEmpty => "search_without_match_is_empty", false,
        reads::search_without_match_is_empty,
        "A search that matches nothing returns an empty list, not an error.";
    ModifyDatesRepricesTheStay => "modify_dates_reprices_the_stay", true,
        writes::modify_dates_reprices,
        "Changing the dates re-prices the stay at the rate quoted for the new dates.";
    ModifyGuestContactKeepsTheStay => "modify_guest_contact_keeps_the_stay", true,
        writes::modify_contact,
        "Changing the guest's contact details keeps stay and price and is visible on read and search.";
    ModifyCancelledReservationIsInvalidState => "modify_cancelled_reservation_is_invalid_state", true,
        writes::modify_cancelled_is_invalid_state,
        "Modifying a cancelled reservation is an invalid-state error.";
    CancelSetsCanceledAndIsIdempotent => "cancel_sets_canceled_and_is_idempotent", true,
        writes::cancel_is_idempotent,
        "Cancel sets Canceled with a cancellation time; cancelling again changes nothing.";
    UnknownReservationIsNotFound => "unknown_reservation_is_not_found", false,
        reads::unknown_reservation_is_not_found,
        "Reading, modifying or cancelling an unknown reservation id is a not-found error.";
    DisabledCapabilityIsUnsupportedWithoutIo => "disabled_capability_is_unsupported_without_io", false,
        safety::disabled_capability_is_unsupported,
        "Every operation whose capability is switched off fails as unsupported without I/O.";
    ConcurrentBookingsForLastRoomOneWins => "concurrent_bookings_for_last_room_one_wins", true,
        writes::last_room_race,
        "Two concurrent bookings for the last free room: exactly one succeeds, the other is a conflict.";
    NoGuestDataInErrorsDebugOrLogs => "no_guest_data_in_errors_debug_or_logs", true,
        safety::no_guest_data_leaks,
        "No error, Debug output or log line of a whole booking lifecycle contains the guest's name, e-mail, phone or comment.";
    RateLimitIsRetriedAfterRetryAfter => "rate_limit_is_retried_after_retry_after", false,
        faults::rate_limit_retried,
        "Through the resilient base: a 429 with Retry-After is retried after the delay and succeeds.";
    PersistentUnavailabilityOpensAndATrialClosesTheCircuit => "persistent_unavailability_opens_and_a_trial_closes_the_circuit", false,
        faults::circuit_opens_and_closes,
        "Through the resilient base: persistent 503s exhaust the retries, open the circuit, calls then fail fast without I/O, and a half-open trial closes it.";
    ReadTimeoutIsRetried => "read_timeout_is_retried", false,
        faults::read_timeout_retried,
        "Through the resilient base: a read that times out is retried and succeeds.";
    CreateCommittedThenTimedOutBooksOnce => "create_committed_then_timed_out_books_once", true,
        faults::commit_then_timeout,
        "Through the resilient base: a create the PMS committed but answered with a timeout ends with exactly one reservation.";
    ExpiredTokenIsRefreshedOnceForConcurrentCalls => "expired_token_is_refreshed_once_for_concurrent_calls", false,
        faults::token_refreshed_once,
        "Through the resilient base: a token expiring mid-run is refreshed once for many concurrent calls, which all succeed.";
    InvalidCredentialsFailWithoutRetryStorm => "invalid_credentials_fail_without_retry_storm", false,
        faults::invalid_credentials,
        "Through the resilient base: refused credentials give authentication errors, no retries and at most one token request.";
    ReservationCarriesTheOffersCancellationTerms => "reservation_carries_the_offers_cancellation_terms", true,
        writes::reservation_carries_offer_terms,
        "A new reservation carries the cancellation terms of the offer it was booked from (deadline and fee, the fee in the stay's currency and at most its total), costs nothing to cancel before a free deadline, and is guaranteed if the offer required a guarantee.";
    OfferCancellationTermsAreExact => "offer_cancellation_terms_are_exact", false,
        reads::offer_cancellation_terms_are_exact,
        "Every offer's cancellation fee is in the property's currency and between zero and the total; a free deadline is not after arrival; a partly refundable fee is more than nothing and less than the total.";
    ModifyCommentSetsAndClearsIt => "modify_comment_sets_and_clears_it", true,
        writes::modify_comment_sets_and_clears,
        "A comment can be set and then cleared by a change; each is visible on read, and neither touches the stay or the price.";
    SearchByPhoneFindsIt => "search_by_phone_finds_it", true,
        writes::search_by_phone,
        "Searching by the guest's phone number finds the reservation, and only reservations with that number.";
}

/// How long a read right after a write may keep failing before the scenario fails: real
/// vendors index reservations with a lag (a search may not find a booking for a second or two).
pub(crate) const READ_AFTER_WRITE: Duration = Duration::from_secs(5);
/// How long to wait between two attempts of such a read.
pub(crate) const READ_AFTER_WRITE_EVERY: Duration = Duration::from_millis(250);

/// Encodes `n` as lower-case letters (bijective base 26), for names that look like names.
fn letters(mut n: u64) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// What a scenario runs against.
pub(crate) struct Ctx {
    pub(crate) fixture: GoldenFixture,
    /// The connector, guarded as the factory hands it out, with the fixture's capabilities.
    pub(crate) pms: ContractGuard,
    /// A number unique to this run, for names, keys and phone numbers.
    unique: u64,
    /// Day offset of this scenario's stays from the fixture's first arrival.
    day_offset: u64,
    created: Mutex<Vec<ReservationId>>,
    /// Guest last names this run used, to find reservations whose create timed out.
    last_names: Mutex<Vec<String>>,
}

impl Ctx {
    pub(crate) fn new(fixture: GoldenFixture, scenario: Scenario) -> Self {
        // Random, not time-based: names, keys and phone numbers must differ between runs
        // against the same PMS, and the suite reads no clock of its own.
        let unique = fastrand::u64(..);
        let index = Scenario::ALL
            .iter()
            .position(|s| *s == scenario)
            .unwrap_or(0) as u64;
        let pms = ContractGuard::new(fixture.connector.clone(), fixture.capabilities);
        Self {
            fixture,
            pms,
            unique,
            day_offset: index * 4,
            created: Mutex::new(Vec::new()),
            last_names: Mutex::new(Vec::new()),
        }
    }

    /// Unwraps a contract result. An unsupported-capability error skips the scenario when the
    /// fixture does not declare the capability, and fails it when it does: a connector may not
    /// refuse what its fixture claims. Any other error fails the scenario.
    pub(crate) fn ok<T>(&self, what: &str, result: Result<T, PmsError>) -> Result<T, Verdict> {
        result.map_err(|err| self.unexpected(what, &err, None))
    }

    fn unexpected(&self, what: &str, err: &PmsError, expected: Option<&str>) -> Verdict {
        let got = match expected {
            Some(expected) => format!("expected {expected} error, got {err}"),
            None => format!("failed: {err}"),
        };
        match err.kind() {
            ErrorKind::Unsupported { capability }
                if !self.fixture.capabilities.contains(*capability) =>
            {
                Verdict::Skip(
                    Lack::Capability(*capability),
                    format!("{what}: the fixture does not offer {capability}"),
                )
            }
            ErrorKind::Unsupported { capability } => Verdict::Fail(format!(
                "{what}: {got}; the fixture declares {capability}, so the connector must support it"
            )),
            _ => Verdict::Fail(format!("{what}: {got}")),
        }
    }

    /// Checks that `result` is an error of the kind `expected` describes (e.g. "a conflict").
    pub(crate) fn err<T: std::fmt::Debug>(
        &self,
        what: &str,
        result: Result<T, PmsError>,
        expected: &str,
        matches: impl Fn(&ErrorKind) -> bool,
    ) -> Result<PmsError, Verdict> {
        match result {
            Ok(value) => Err(Verdict::Fail(format!(
                "{what}: expected {expected} error, got Ok({value:?})"
            ))),
            Err(err) if matches(err.kind()) => Ok(err),
            Err(err) => Err(self.unexpected(what, &err, Some(expected))),
        }
    }

    /// Reads with `read` and checks with `check` until the check passes; a read right after a
    /// write may lag behind it at a real vendor. Gives up after [`READ_AFTER_WRITE`], with the
    /// last failure. A skip ends the polling at once.
    pub(crate) async fn settled<T, F, Fut>(
        &self,
        mut read: F,
        mut check: impl FnMut(&T) -> Check,
    ) -> Result<T, Verdict>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, Verdict>>,
    {
        // Attempts are counted rather than timed: the suite reads no clock.
        let attempts = READ_AFTER_WRITE.as_millis() / READ_AFTER_WRITE_EVERY.as_millis();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = match read().await {
                Ok(value) => check(&value).map(|()| value),
                Err(err) => Err(err),
            };
            match result {
                Err(Verdict::Fail(_)) if attempt <= attempts => {
                    tokio::time::sleep(READ_AFTER_WRITE_EVERY).await;
                }
                other => return other,
            }
        }
    }

    /// A reservation id that does not exist, in the vendor's format if the fixture gave one.
    pub(crate) fn unknown_id(&self) -> Result<ReservationId, Verdict> {
        match &self.fixture.unknown_reservation_id {
            Some(id) => Ok(id.clone()),
            None => self.ok(
                "building a reservation id",
                ReservationId::new(format!("UNKNOWN-{}", self.nonsense())),
            ),
        }
    }

    /// Whether the fixture offers `capability`.
    pub(crate) fn offers_capability(&self, capability: Capability) -> bool {
        self.fixture.capabilities.contains(capability)
    }

    /// The connector guarded with `capabilities` only.
    pub(crate) fn guarded_with(&self, capabilities: CapabilitySet) -> ContractGuard {
        ContractGuard::new(self.fixture.connector.clone(), capabilities)
    }

    /// I/O calls so far, if the harness counts them.
    pub(crate) fn io_calls(&self) -> Option<u64> {
        self.fixture.io.as_ref().map(|io| io.io_calls())
    }

    /// A stay of `nights` nights starting `from_day` days after this scenario's first day.
    pub(crate) fn stay(&self, from_day: u64, nights: u64) -> Result<Stay, Verdict> {
        let base = self
            .fixture
            .first_arrival
            .checked_add_days(Days::new(self.day_offset + from_day));
        let departure = base.and_then(|b| b.checked_add_days(Days::new(nights)));
        let (Some(base), Some(departure)) = (base, departure) else {
            return Err(Verdict::Fail(format!(
                "first arrival {} is too close to the end of the calendar",
                self.fixture.first_arrival
            )));
        };
        self.ok("building a stay", Stay::new(base, departure))
    }

    pub(crate) fn two_adults(&self) -> Result<Occupancy, Verdict> {
        self.ok("building an occupancy", Occupancy::adults(2))
    }

    /// A guest with names, e-mail and phone unique to this run; `n` tells guests apart.
    pub(crate) fn guest(&self, n: u64) -> Result<Guest, Verdict> {
        let tag = letters(self.unique.wrapping_mul(31).wrapping_add(n));
        let mut first = String::from("Zephyrine");
        first.push_str(&tag[..tag.len().min(3)]);
        let mut last = String::from("Quillfeather");
        last.push_str(&tag);
        let email = self.ok(
            "building an e-mail address",
            Email::new(&format!("zq.{tag}@guests-{n}.example")),
        )?;
        // +44 7700 900000 to 900999 is reserved by Ofcom for drama: never a real person's
        // phone, even if a vendor sends booking confirmations by SMS.
        let digits = (self.unique.wrapping_add(n.wrapping_mul(7919))) % 1000;
        let phone = self.ok(
            "building a phone number",
            PhoneNumber::new(&format!("+44 7700 900{digits:03}")),
        )?;
        let language = self.ok("building a language tag", LanguageTag::new("de"))?;
        self.last_names
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(last.clone());
        Ok(Guest::new(first, last)
            .with_email(email)
            .with_phone(phone)
            .with_language(language))
    }

    /// An idempotency key unique to this run.
    pub(crate) fn key(&self, n: u64) -> Result<IdempotencyKey, Verdict> {
        self.ok(
            "building an idempotency key",
            IdempotencyKey::new(format!("golden-{:x}-{n}", self.unique)),
        )
    }

    /// A text unique to this run that no reservation contains.
    pub(crate) fn nonsense(&self) -> String {
        format!("Nobodyknows{}", letters(self.unique ^ 0x5eed))
    }

    /// The offers for a stay; fails the scenario if there are none.
    pub(crate) async fn offers(&self, stay: Stay) -> Result<Vec<Offer>, Verdict> {
        let request = OfferRequest {
            stay,
            occupancy: self.two_adults()?,
        };
        let offers = self.ok("offers", self.pms.offers(&request).await)?;
        ensure!(
            !offers.is_empty(),
            "no offers for two adults for {stay}; the fixture must have inventory from its first arrival on"
        );
        Ok(offers)
    }

    /// The first offer for `stay`, preferring ones that need no payment guarantee (the
    /// contract carries no card) and can be cancelled for free.
    pub(crate) async fn offer(&self, stay: Stay) -> Result<Offer, Verdict> {
        let mut offers = self.offers(stay).await?;
        offers.sort_by_key(|o| {
            (
                o.guarantee_required,
                matches!(
                    o.cancellation,
                    pms_contract::CancellationPolicy::NonRefundable
                ),
            )
        });
        offers
            .into_iter()
            .find(|o| o.units_left > 0)
            .ok_or_else(|| Verdict::Fail(format!("no offer with units left for {stay}")))
    }

    /// A booking request for `offer`.
    pub(crate) fn request(
        &self,
        offer: &Offer,
        guest: Guest,
        key: IdempotencyKey,
    ) -> Result<NewReservation, Verdict> {
        Ok(NewReservation {
            idempotency_key: key,
            stay: offer.stay,
            occupancy: self.two_adults()?,
            room_type: offer.room_type.clone(),
            rate_plan: offer.rate_plan.clone(),
            guest,
            comment: None,
        })
    }

    /// Creates a reservation, remembering it for clean-up; fails the scenario on error.
    pub(crate) async fn create(&self, request: &NewReservation) -> Result<Reservation, Verdict> {
        let created = self.try_create(request).await;
        self.ok("create_reservation", created)
    }

    /// Creates a reservation, remembering it for clean-up.
    pub(crate) async fn try_create(
        &self,
        request: &NewReservation,
    ) -> Result<Reservation, PmsError> {
        let created = self.pms.create_reservation(request).await?;
        self.remember(&created);
        Ok(created)
    }

    /// Remembers a reservation for clean-up.
    pub(crate) fn remember(&self, reservation: &Reservation) {
        self.created
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(reservation.id.clone());
    }

    /// Books the first offer for `stay` for guest `n`.
    pub(crate) async fn book(&self, stay: Stay, n: u64) -> Result<Reservation, Verdict> {
        let offer = self.offer(stay).await?;
        let request = self.request(&offer, self.guest(n)?, self.key(n)?)?;
        self.create(&request).await
    }

    /// Cancels what the scenario booked and left confirmed: the reservations it saw created,
    /// and any other reservation of a guest it invented (a create that timed out after the PMS
    /// committed it). Best effort, on the unguarded connector: the verdict is already decided.
    pub(crate) async fn cleanup(&self) {
        let pms = &self.fixture.connector;
        let mut ids =
            std::mem::take(&mut *self.created.lock().unwrap_or_else(PoisonError::into_inner));
        let names = std::mem::take(
            &mut *self
                .last_names
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        );
        for name in names {
            let search = ReservationSearch::LastName {
                last_name: Pii::new(name),
                arrival: None,
            };
            if let Ok(found) = pms.search_reservations(&search).await {
                ids.extend(
                    found
                        .into_iter()
                        .filter(|r| r.status == ReservationStatus::Confirmed)
                        .map(|r| r.id),
                );
            }
        }
        ids.sort();
        ids.dedup();
        for id in ids {
            // Cancelling is idempotent; errors (already checked in, gone) are fine here.
            let _ignored = pms.cancel_reservation(&id).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_letters_and_distinct() {
        assert_eq!(letters(0), "a");
        assert_eq!(letters(25), "z");
        assert_eq!(letters(26), "ab");
        assert!(letters(u64::MAX).chars().all(|c| c.is_ascii_lowercase()));
        assert_ne!(letters(12345), letters(12346));
    }

    #[test]
    fn scenario_names_are_unique_snake_case_and_mention_no_suite_name() {
        let mut names: Vec<_> = Scenario::ALL.iter().map(|s| s.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Scenario::ALL.len());
        for name in names {
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name}"
            );
        }
    }
}
