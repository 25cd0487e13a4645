//! The golden contract suite: the scenarios every PMS connector must pass.
//!
//! A connector author implements [`GoldenHarness`] (a fresh connector plus the facts the suite
//! needs about the property it talks to) and expands [`golden_suite!`] in a test file:
//!
//! ```text
//! // tests/golden.rs of a connector crate (tokio is a dev-dependency).
//! pms_golden::golden_suite!(my_connector::testing::MyHarness::new());
//! ```
//!
//! This generates one `#[tokio::test]` per [`Scenario`], in a module named `golden`, so that
//! `cargo test golden` runs exactly the suite. [`run_suite`] runs the same scenarios and returns a
//! [`SuiteReport`] (passed / failed with reason / skipped with reason), which `voicehive golden`
//! prints for any configured hotel.
//!
//! Scenarios exercise the connector through the [`pms_contract::ContractGuard`], as the factory
//! hands connectors out, and use the optional [`IoProbe`] to prove that rejected calls did no I/O.

#![forbid(unsafe_code)]

mod capture;
mod counting;
mod harness;
mod report;
mod runner;
mod scenarios;

pub use counting::CountingConnector;
pub use harness::{AuthProbe, Fault, FaultInjector, GoldenFixture, GoldenHarness, IoProbe, Lack};
pub use report::{Outcome, ScenarioReport, SuiteReport};
pub use runner::{SCENARIO_TIMEOUT, assert_scenario_passes, run_scenario, run_suite};
pub use scenarios::Scenario;

/// Expands to a module `golden` with one `#[tokio::test]` per scenario, each running that
/// scenario against a fresh fixture of `$harness` (an expression evaluated once per test).
/// A scenario skipped for a reason the fixture declared ([`Lack`]) passes and prints its
/// reason; a failed one, or one skipped for an undeclared reason, panics with its reason.
///
/// The calling crate needs `tokio` (features `macros`, `rt-multi-thread`) as a dev-dependency.
#[macro_export]
macro_rules! golden_suite {
    ($harness:expr) => {
        $crate::__golden_tests!($harness;
            property_has_valid_time_zone_and_currency => PropertyHasValidTimeZoneAndCurrency,
            all_money_is_in_property_currency => AllMoneyIsInPropertyCurrency,
            availability_covers_every_night_and_room_type => AvailabilityCoversEveryNightAndRoomType,
            offer_total_equals_sum_of_nights => OfferTotalEqualsSumOfNights,
            invalid_input_is_rejected_before_io => InvalidInputIsRejectedBeforeIo,
            create_returns_confirmed_reservation => CreateReturnsConfirmedReservation,
            get_returns_what_create_returned => GetReturnsWhatCreateReturned,
            booking_consumes_and_cancel_restores_availability => BookingConsumesAndCancelRestoresAvailability,
            same_idempotency_key_creates_once => SameIdempotencyKeyCreatesOnce,
            idempotency_key_reuse_with_other_request_conflicts => IdempotencyKeyReuseWithOtherRequestConflicts,
            search_by_confirmation_code_finds_exactly_it => SearchByConfirmationCodeFindsExactlyIt,
            search_by_last_name_and_arrival_finds_it => SearchByLastNameAndArrivalFindsIt,
            search_by_email_finds_it => SearchByEmailFindsIt,
            search_without_match_is_empty => SearchWithoutMatchIsEmpty,
            modify_dates_reprices_the_stay => ModifyDatesRepricesTheStay,
            modify_guest_contact_keeps_the_stay => ModifyGuestContactKeepsTheStay,
            modify_cancelled_reservation_is_invalid_state => ModifyCancelledReservationIsInvalidState,
            cancel_sets_canceled_and_is_idempotent => CancelSetsCanceledAndIsIdempotent,
            unknown_reservation_is_not_found => UnknownReservationIsNotFound,
            disabled_capability_is_unsupported_without_io => DisabledCapabilityIsUnsupportedWithoutIo,
            concurrent_bookings_for_last_room_one_wins => ConcurrentBookingsForLastRoomOneWins,
            no_guest_data_in_errors_debug_or_logs => NoGuestDataInErrorsDebugOrLogs,
            rate_limit_is_retried_after_retry_after => RateLimitIsRetriedAfterRetryAfter,
            persistent_unavailability_opens_and_a_trial_closes_the_circuit => PersistentUnavailabilityOpensAndATrialClosesTheCircuit,
            read_timeout_is_retried => ReadTimeoutIsRetried,
            create_committed_then_timed_out_books_once => CreateCommittedThenTimedOutBooksOnce,
            expired_token_is_refreshed_once_for_concurrent_calls => ExpiredTokenIsRefreshedOnceForConcurrentCalls,
            invalid_credentials_fail_without_retry_storm => InvalidCredentialsFailWithoutRetryStorm,
            reservation_carries_the_offers_cancellation_terms => ReservationCarriesTheOffersCancellationTerms,
            offer_cancellation_terms_are_exact => OfferCancellationTermsAreExact,
            modify_comment_sets_and_clears_it => ModifyCommentSetsAndClearsIt,
            search_by_phone_finds_it => SearchByPhoneFindsIt,
        );
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __golden_tests {
    ($harness:expr; $($test:ident => $scenario:ident),+ $(,)?) => {
        mod golden {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $test() {
                    let harness = $harness;
                    $crate::assert_scenario_passes(&harness, $crate::Scenario::$scenario).await;
                }
            )+

            /// Fails when a scenario exists that the macro does not expand.
            #[test]
            fn every_scenario_is_expanded() {
                let expanded = [$($crate::Scenario::$scenario),+];
                assert_eq!(expanded.len(), $crate::Scenario::ALL.len());
                for &scenario in $crate::Scenario::ALL {
                    assert!(expanded.contains(&scenario), "{} is not expanded", scenario.name());
                }
            }
        }
    };
}
