//! Runs scenarios and builds reports.

use std::time::Duration;

use crate::scenarios::{Ctx, Verdict};

/// How long one scenario may take before it fails; clean-up runs either way.
pub const SCENARIO_TIMEOUT: Duration = Duration::from_secs(120);
use crate::{GoldenHarness, Outcome, Scenario, ScenarioReport, SuiteReport};

/// Runs one scenario against a fresh fixture of `harness`, within [`SCENARIO_TIMEOUT`].
/// A scenario that could not run for want of something the fixture declared missing
/// ([`crate::GoldenFixture::lacking`]) is [`Outcome::Skipped`]; for want of something it did not
/// declare, [`Outcome::Failed`]. Reservations the scenario created and left confirmed are cancelled afterwards, best effort.
/// Needs a tokio runtime (with time enabled).
pub async fn run_scenario<H: GoldenHarness + ?Sized>(
    harness: &H,
    scenario: Scenario,
) -> ScenarioReport {
    let outcome = match harness.fixture().await {
        Err(err) => Outcome::Failed(format!("the harness could not build a fixture: {err}")),
        Ok(fixture) => {
            let ctx = Ctx::new(fixture, scenario);
            let verdict = tokio::time::timeout(SCENARIO_TIMEOUT, scenario.run(&ctx)).await;
            let _ = tokio::time::timeout(SCENARIO_TIMEOUT, ctx.cleanup()).await;
            match verdict {
                Ok(Ok(())) => Outcome::Passed,
                Ok(Err(Verdict::Fail(reason))) => Outcome::Failed(reason),
                Ok(Err(Verdict::Skip(lack, reason))) if ctx.fixture.declares(lack) => {
                    Outcome::Skipped(reason)
                }
                Ok(Err(Verdict::Skip(lack, reason))) => Outcome::Failed(format!(
                    "skipped for a reason the harness did not declare: {reason}. Provide {lack} \
                     or declare it missing (GoldenFixture::lacking(Lack::{lack:?}))"
                )),
                Err(_elapsed) => Outcome::Failed(format!(
                    "did not finish within {} s",
                    SCENARIO_TIMEOUT.as_secs()
                )),
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

/// Runs one scenario and panics with its reason if it fails; a scenario skipped for a reason
/// the fixture declared ([`crate::Lack`]) prints its reason and passes. A skip the fixture did
/// not declare is a failure (see [`run_scenario`]), so it panics too. This is what
/// [`crate::golden_suite!`]'s tests call.
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
