//! The golden suite through the factory, as `voicehive golden --hotel` runs it.

use std::sync::Arc;

use pms_factory::{ConnectorFactory, FactoryHarness};
use pms_golden::{Outcome, Scenario, run_suite};

use crate::{BERLIN, clock, hotel};

/// Skipped scenarios, leaving out any skipped for want of a fault injector.
fn skipped_for_other_reasons(report: &pms_golden::SuiteReport) -> Vec<&'static str> {
    report
        .scenarios
        .iter()
        .filter(|r| matches!(&r.outcome, Outcome::Skipped(reason) if !reason.contains("fault injector")))
        .map(|r| r.scenario)
        .collect()
}

fn harness() -> FactoryHarness {
    FactoryHarness::new(
        ConnectorFactory::builtin(Arc::new(clock())).unwrap(),
        hotel(BERLIN),
    )
    // Every fixture is a fresh in-memory PMS: nobody else books on it.
    .exclusive(true)
}

pms_golden::golden_suite!(harness());

#[tokio::test]
async fn reference_hotels_run_every_scenario_the_fault_scenarios_included() {
    let report = run_suite(&harness(), |_| true).await;
    assert!(harness().uses_sandbox());
    let fixture = pms_golden::GoldenHarness::fixture(&harness())
        .await
        .unwrap();
    assert_eq!(
        fixture
            .unknown_reservation_id
            .as_ref()
            .map(|id| id.as_str()),
        Some("REF-BER-999999"),
        "the reference descriptor's id shape"
    );
    assert!(report.is_success(), "{report}");
    assert_eq!(report.skipped(), 0, "{report}");
    assert_eq!(report.scenarios.len(), Scenario::ALL.len());
    for scenario in [
        Scenario::RateLimitIsRetriedAfterRetryAfter,
        Scenario::ReadTimeoutIsRetried,
        Scenario::InvalidCredentialsFailWithoutRetryStorm,
    ] {
        assert_eq!(report.outcome(scenario), Some(&Outcome::Passed), "{report}");
    }
}

#[tokio::test]
async fn switched_off_capabilities_skip_their_scenarios() {
    let mut config = hotel(BERLIN);
    config
        .capabilities
        .insert(pms_contract::Capability::ModifyStay, false);
    let factory = ConnectorFactory::builtin(Arc::new(clock())).unwrap();
    let report = run_suite(
        &FactoryHarness::new(factory, config).exclusive(true),
        |_| true,
    )
    .await;
    assert!(report.is_success(), "{report}");
    assert_eq!(
        skipped_for_other_reasons(&report),
        vec!["modify_dates_reprices_the_stay"],
        "{report}"
    );
    assert!(
        matches!(
            report.outcome(Scenario::ModifyDatesRepricesTheStay),
            Some(Outcome::Skipped(reason)) if reason.contains("modify_stay")
        ),
        "{report}"
    );
    assert_eq!(
        report.outcome(Scenario::CreateReturnsConfirmedReservation),
        Some(&Outcome::Passed)
    );
}

#[tokio::test]
async fn live_hotels_are_read_only_unless_allowed() {
    let mut config = hotel(BERLIN);
    config.live = true;
    let factory = ConnectorFactory::builtin(Arc::new(clock())).unwrap();
    let harness = FactoryHarness::new(factory.clone(), config.clone());
    assert!(!harness.writes_allowed());
    let report = run_suite(&harness, |s| s.writes()).await;
    assert_eq!(report.skipped(), report.scenarios.len(), "{report}");
    let report = run_suite(&harness, |s| !s.writes()).await;
    assert_eq!(report.failed(), 0, "{report}");
    assert!(skipped_for_other_reasons(&report).is_empty(), "{report}");
    assert!(
        FactoryHarness::new(factory, config)
            .allow_live_writes(true)
            .writes_allowed()
    );
}

#[tokio::test]
async fn a_property_its_pms_marks_live_is_read_only_unless_allowed() {
    let mut registry = pms_factory::ConnectorRegistry::builtin();
    registry
        .register(pms_factory::ConnectorDescriptor::new(
            "live-reference",
            pms_contract::CapabilitySet::all(),
            |_, ctx| {
                let mut seed = pms_reference::ReferenceSeed::berlin()?;
                seed.property.live = Some(true);
                Ok(Arc::new(pms_reference::ReferenceConnector::new(
                    seed,
                    ctx.clock.clone(),
                )))
            },
        ))
        .unwrap();
    let factory = ConnectorFactory::new(
        registry,
        pms_capabilities::CapabilityMatrix::builtin().unwrap(),
        Arc::new(clock()),
    );
    let mut config = hotel(BERLIN);
    config.vendor = "live-reference".into();
    // The hotel file says nothing is live; the PMS says the property is.
    let harness = FactoryHarness::new(factory.clone(), config.clone());
    assert!(harness.writes_allowed(), "the file alone allows writes");
    let report = run_suite(&harness, |s| {
        s == Scenario::CreateReturnsConfirmedReservation
    })
    .await;
    assert!(
        matches!(
            report.outcome(Scenario::CreateReturnsConfirmedReservation),
            Some(Outcome::Skipped(_))
        ),
        "{report}"
    );
    let harness = FactoryHarness::new(factory, config).allow_live_writes(true);
    let report = run_suite(&harness, |s| {
        s == Scenario::CreateReturnsConfirmedReservation
    })
    .await;
    assert_eq!(
        report.outcome(Scenario::CreateReturnsConfirmedReservation),
        Some(&Outcome::Passed)
    );
}
