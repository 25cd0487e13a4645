//! The suite must be able to fail: deliberately broken variants of the reference connector,
//! each caught by the scenario aimed at it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use pms_contract::{
    Availability, Currency, HealthStatus, IdempotencyKey, Money, NewReservation, Offer,
    OfferRequest, PmsConnector, PmsError, Property, Reservation, ReservationChange, ReservationId,
    ReservationSearch, ReservationStatus, RoomType, SharedConnector, Stay,
};
use pms_golden::{Outcome, Scenario, run_scenario, run_suite};
use pms_reference::{ReferenceConnector, ReferenceHarness};

#[derive(Debug, Clone, Copy)]
enum Defect {
    IgnoresIdempotencyKeys,
    WrongCurrency,
    CancelDoesNotCancel,
    LeaksEmailInErrors,
    CaseSensitiveNameSearch,
    KeepsOldPriceOnModify,
    NotFoundAsInternal,
    SwallowsNoAvailability,
}

#[derive(Debug)]
struct Broken {
    inner: Arc<ReferenceConnector>,
    defect: Defect,
    keys: AtomicU64,
}

fn dollars(money: Money) -> Money {
    Money::new(money.amount(), Currency::USD)
}

#[async_trait]
impl PmsConnector for Broken {
    fn vendor(&self) -> &str {
        "broken"
    }

    async fn property(&self) -> Result<Property, PmsError> {
        self.inner.property().await
    }

    async fn room_types(&self) -> Result<Vec<RoomType>, PmsError> {
        self.inner.room_types().await
    }

    async fn availability(&self, stay: &Stay) -> Result<Vec<Availability>, PmsError> {
        self.inner.availability(stay).await
    }

    async fn offers(&self, request: &OfferRequest) -> Result<Vec<Offer>, PmsError> {
        let mut offers = self.inner.offers(request).await?;
        if let Defect::WrongCurrency = self.defect {
            for offer in &mut offers {
                offer.total = dollars(offer.total);
                for night in &mut offer.nightly {
                    night.amount = dollars(night.amount);
                }
            }
        }
        Ok(offers)
    }

    async fn create_reservation(&self, request: &NewReservation) -> Result<Reservation, PmsError> {
        match self.defect {
            Defect::IgnoresIdempotencyKeys => {
                let mut request = request.clone();
                let n = self.keys.fetch_add(1, Ordering::SeqCst);
                request.idempotency_key = IdempotencyKey::new(format!("fresh-{n}"))?;
                self.inner.create_reservation(&request).await
            }
            Defect::LeaksEmailInErrors => {
                self.inner.create_reservation(request).await.map_err(|err| {
                    let email = request.guest.email.as_ref().map(|e| e.expose().to_owned());
                    PmsError::new(
                        err.kind().clone(),
                        format!("{} (guest {})", err.message(), email.unwrap_or_default()),
                    )
                })
            }
            Defect::SwallowsNoAvailability => {
                // Reports success when the PMS refused: the guest believes in a room that
                // does not exist.
                match self.inner.create_reservation(request).await {
                    Err(err) if *err.kind() == pms_contract::ErrorKind::Conflict => {
                        let now = chrono::Utc::now();
                        Ok(Reservation {
                            id: ReservationId::new("FAKE-1")?,
                            confirmation_code: "FAKE01".parse()?,
                            status: ReservationStatus::Confirmed,
                            stay: request.stay,
                            occupancy: request.occupancy.clone(),
                            room_type: request.room_type.clone(),
                            rate_plan: request.rate_plan.clone(),
                            total: Money::zero(Currency::EUR),
                            guest: request.guest.clone(),
                            comment: None,
                            created_at: now,
                            modified_at: now,
                            cancelled_at: None,
                        })
                    }
                    other => other,
                }
            }
            _ => self.inner.create_reservation(request).await,
        }
    }

    async fn get_reservation(&self, id: &ReservationId) -> Result<Reservation, PmsError> {
        let result = self.inner.get_reservation(id).await;
        match (self.defect, result) {
            (Defect::NotFoundAsInternal, Err(err))
                if *err.kind() == pms_contract::ErrorKind::NotFound =>
            {
                Err(PmsError::internal("lookup failed"))
            }
            (_, result) => result,
        }
    }

    async fn search_reservations(
        &self,
        search: &ReservationSearch,
    ) -> Result<Vec<Reservation>, PmsError> {
        let mut found = self.inner.search_reservations(search).await?;
        if let (Defect::CaseSensitiveNameSearch, ReservationSearch::LastName { last_name, .. }) =
            (self.defect, search)
        {
            found.retain(|r| r.guest.last_name.expose() == last_name.expose());
        }
        Ok(found)
    }

    async fn modify_reservation(
        &self,
        id: &ReservationId,
        change: &ReservationChange,
    ) -> Result<Reservation, PmsError> {
        if let Defect::KeepsOldPriceOnModify = self.defect {
            let before = self.inner.get_reservation(id).await?;
            let mut after = self.inner.modify_reservation(id, change).await?;
            after.total = before.total;
            return Ok(after);
        }
        self.inner.modify_reservation(id, change).await
    }

    async fn cancel_reservation(&self, id: &ReservationId) -> Result<Reservation, PmsError> {
        if let Defect::CancelDoesNotCancel = self.defect {
            // Answers as if it had cancelled, without telling the PMS.
            let mut reservation = self.inner.get_reservation(id).await?;
            reservation.status = ReservationStatus::Canceled;
            return Ok(reservation);
        }
        self.inner.cancel_reservation(id).await
    }

    async fn health(&self) -> Result<HealthStatus, PmsError> {
        self.inner.health().await
    }
}

fn broken(defect: Defect) -> fn(Arc<ReferenceConnector>) -> SharedConnector {
    macro_rules! wrap {
        ($defect:expr) => {
            |inner| {
                Arc::new(Broken {
                    inner,
                    defect: $defect,
                    keys: AtomicU64::new(0),
                })
            }
        };
    }
    match defect {
        Defect::IgnoresIdempotencyKeys => wrap!(Defect::IgnoresIdempotencyKeys),
        Defect::WrongCurrency => wrap!(Defect::WrongCurrency),
        Defect::CancelDoesNotCancel => wrap!(Defect::CancelDoesNotCancel),
        Defect::LeaksEmailInErrors => wrap!(Defect::LeaksEmailInErrors),
        Defect::CaseSensitiveNameSearch => wrap!(Defect::CaseSensitiveNameSearch),
        Defect::KeepsOldPriceOnModify => wrap!(Defect::KeepsOldPriceOnModify),
        Defect::NotFoundAsInternal => wrap!(Defect::NotFoundAsInternal),
        Defect::SwallowsNoAvailability => wrap!(Defect::SwallowsNoAvailability),
    }
}

async fn outcome(defect: Defect, scenario: Scenario) -> Outcome {
    let harness = ReferenceHarness::new().unwrap().wrapped(broken(defect));
    run_scenario(&harness, scenario).await.outcome
}

fn assert_failed(outcome: Outcome, expected_reason: &str) {
    match outcome {
        Outcome::Failed(reason) => assert!(
            reason.contains(expected_reason),
            "failed for another reason: {reason}"
        ),
        other => panic!("the broken connector was not caught: {other:?}"),
    }
}

#[tokio::test]
async fn ignoring_idempotency_keys_is_caught() {
    let outcome = outcome(
        Defect::IgnoresIdempotencyKeys,
        Scenario::SameIdempotencyKeyCreatesOnce,
    )
    .await;
    assert_failed(outcome, "the same idempotency key created two reservations");
    let outcome = outcome_conflict().await;
    assert_failed(outcome, "expected a conflict error, got Ok");
}

async fn outcome_conflict() -> Outcome {
    outcome(
        Defect::IgnoresIdempotencyKeys,
        Scenario::IdempotencyKeyReuseWithOtherRequestConflicts,
    )
    .await
}

#[tokio::test]
async fn wrong_currency_is_caught() {
    let outcome = outcome(
        Defect::WrongCurrency,
        Scenario::AllMoneyIsInPropertyCurrency,
    )
    .await;
    assert_failed(
        outcome,
        "has an amount in USD but the property's currency is EUR",
    );
}

#[tokio::test]
async fn cancel_that_does_not_cancel_is_caught() {
    let outcome = outcome(
        Defect::CancelDoesNotCancel,
        Scenario::CancelSetsCanceledAndIsIdempotent,
    )
    .await;
    assert_failed(
        outcome,
        "cancel returned status canceled with cancelled_at None",
    );
    let outcome = outcome_availability().await;
    assert_failed(outcome, "after cancelling, availability is");
}

async fn outcome_availability() -> Outcome {
    outcome(
        Defect::CancelDoesNotCancel,
        Scenario::BookingConsumesAndCancelRestoresAvailability,
    )
    .await
}

#[tokio::test]
async fn leaking_the_email_into_an_error_is_caught() {
    let outcome = outcome(
        Defect::LeaksEmailInErrors,
        Scenario::NoGuestDataInErrorsDebugOrLogs,
    )
    .await;
    assert_failed(outcome, "appears in Debug output and error messages");
}

#[tokio::test]
async fn the_whole_suite_passes_on_the_reference_connector() {
    let harness = ReferenceHarness::new().unwrap();
    let report = run_suite(&harness, |_| true).await;
    assert_eq!(report.scenarios.len(), Scenario::ALL.len());
    assert!(report.is_success(), "{report}");
    assert_eq!(report.skipped(), 0, "{report}");
}

#[tokio::test]
async fn a_broken_variant_fails_only_for_its_defect() {
    let harness = ReferenceHarness::new()
        .unwrap()
        .wrapped(broken(Defect::WrongCurrency));
    let report = run_suite(&harness, |_| true).await;
    let failures: Vec<_> = report
        .scenarios
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Failed(reason) => Some((r.scenario, reason.clone())),
            _ => None,
        })
        .collect();
    assert!(
        failures
            .iter()
            .any(|(s, _)| *s == Scenario::AllMoneyIsInPropertyCurrency.name()),
        "{report}"
    );
    // Every other failure is a consequence of the same defect, seen from another angle.
    for (scenario, reason) in &failures {
        assert!(
            reason.contains("USD"),
            "{scenario} failed for another reason: {reason}"
        );
    }
    assert!(failures.len() < Scenario::ALL.len() / 2, "{report}");
}

/// An I/O probe that sees I/O on every look: stands for a connector that calls its PMS before
/// the guard's decision (for example a guard bypassed by a decorator).
#[derive(Debug, Default)]
struct BusyProbe(AtomicU64);

impl pms_golden::IoProbe for BusyProbe {
    fn io_calls(&self) -> u64 {
        self.0.fetch_add(1, Ordering::SeqCst)
    }
}

struct BusyHarness(ReferenceHarness);

#[async_trait]
impl pms_golden::GoldenHarness for BusyHarness {
    fn name(&self) -> String {
        "busy".into()
    }

    async fn fixture(&self) -> Result<pms_golden::GoldenFixture, PmsError> {
        let mut fixture = self.0.fixture().await?;
        fixture.io = Some(Arc::new(BusyProbe::default()));
        Ok(fixture)
    }
}

#[tokio::test]
async fn io_on_rejected_calls_is_caught() {
    let harness = BusyHarness(ReferenceHarness::new().unwrap());
    for scenario in [
        Scenario::InvalidInputIsRejectedBeforeIo,
        Scenario::DisabledCapabilityIsUnsupportedWithoutIo,
    ] {
        let outcome = run_scenario(&harness, scenario).await.outcome;
        assert_failed(outcome, "caused 1 I/O calls");
    }
}

#[tokio::test]
async fn case_sensitive_name_search_is_caught() {
    let outcome = outcome(
        Defect::CaseSensitiveNameSearch,
        Scenario::SearchByLastNameAndArrivalFindsIt,
    )
    .await;
    assert_failed(
        outcome,
        "search by upper-case name: found=false, expected true",
    );
}

#[tokio::test]
async fn keeping_the_old_price_on_modify_is_caught() {
    let outcome = outcome(
        Defect::KeepsOldPriceOnModify,
        Scenario::ModifyDatesRepricesTheStay,
    )
    .await;
    assert_failed(outcome, "the new total is");
}

#[tokio::test]
async fn not_found_reported_as_internal_is_caught() {
    let outcome = outcome(
        Defect::NotFoundAsInternal,
        Scenario::UnknownReservationIsNotFound,
    )
    .await;
    assert_failed(outcome, "expected a not-found error, got internal");
}

#[tokio::test]
async fn selling_a_room_twice_is_caught() {
    let outcome = outcome(
        Defect::SwallowsNoAvailability,
        Scenario::ConcurrentBookingsForLastRoomOneWins,
    )
    .await;
    assert_failed(
        outcome,
        "2 of two concurrent bookings for the last STE succeeded",
    );
}
