//! Runs scenarios and builds reports.

use crate::scenarios::{Ctx, Verdict};
use crate::{GoldenHarness, Outcome, Scenario, ScenarioReport, SuiteReport};

/// Runs one scenario against a fresh fixture of `harness`. Reservations the scenario created
/// and left confirmed are cancelled afterwards, best effort.
pub async fn run_scenario<H: GoldenHarness + ?Sized>(
    harness: &H,
    scenario: Scenario,
) -> ScenarioReport {
    let outcome = match harness.fixture().await {
        Err(err) => Outcome::Failed(format!("the harness could not build a fixture: {err}")),
        Ok(fixture) => {
            let ctx = Ctx::new(fixture, scenario);
            let verdict = scenario.run(&ctx).await;
            ctx.cleanup().await;
            match verdict {
                Ok(()) => Outcome::Passed,
                Err(Verdict::Fail(reason)) => Outcome::Failed(reason),
                Err(Verdict::Skip(reason)) => Outcome::Skipped(reason),
            }
        }
    };
    ScenarioReport {
        scenario: scenario.name(),
        outcome,
    }
}

/// Runs every scenario `select` accepts, one after the other, and reports on all of them.
pub async fn run_suite<H: GoldenHarness + ?Sized>(
    harness: &H,
    select: impl Fn(Scenario) -> bool,
) -> SuiteReport {
    let mut scenarios = Vec::new();
    for &scenario in Scenario::ALL {
        if select(scenario) {
            scenarios.push(run_scenario(harness, scenario).await);
        }
    }
    SuiteReport {
        harness: harness.name(),
        scenarios,
    }
}

/// Runs one scenario and panics with its reason if it fails; a skipped scenario prints its
/// reason and passes. This is what [`crate::golden_suite!`]'s tests call.
pub async fn assert_scenario_passes<H: GoldenHarness + ?Sized>(harness: &H, scenario: Scenario) {
    let report = run_scenario(harness, scenario).await;
    match report.outcome {
        Outcome::Passed => {}
        #[allow(clippy::print_stderr, reason = "a test tells why it was skipped")]
        Outcome::Skipped(reason) => {
            eprintln!("golden scenario {} skipped: {reason}", report.scenario)
        }
        Outcome::Failed(reason) => panic!("golden scenario {} failed: {reason}", report.scenario),
    }
}
