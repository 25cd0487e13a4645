//! Suite reports.

use std::fmt;

use serde::Serialize;

use crate::Scenario;

/// How one scenario ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", content = "reason", rename_all = "snake_case")]
pub enum Outcome {
    /// Every check held.
    Passed,
    /// A check failed; the reason says which.
    Failed(String),
    /// The scenario could not run here; the reason says why.
    Skipped(String),
}

/// The result of one scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScenarioReport {
    /// The scenario's name.
    pub scenario: &'static str,
    /// What happened.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// The result of a suite run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SuiteReport {
    /// The harness that was tested.
    pub harness: String,
    /// One entry per scenario run, in suite order.
    pub scenarios: Vec<ScenarioReport>,
}

impl SuiteReport {
    /// Number of passed scenarios.
    pub fn passed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Passed))
    }

    /// Number of failed scenarios.
    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Failed(_)))
    }

    /// Number of skipped scenarios.
    pub fn skipped(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Skipped(_)))
    }

    /// Whether no scenario failed.
    pub fn is_success(&self) -> bool {
        self.failed() == 0
    }

    /// The outcome of `scenario`, if it ran.
    pub fn outcome(&self, scenario: Scenario) -> Option<&Outcome> {
        self.scenarios
            .iter()
            .find(|r| r.scenario == scenario.name())
            .map(|r| &r.outcome)
    }

    fn count(&self, pred: impl Fn(&Outcome) -> bool) -> usize {
        self.scenarios.iter().filter(|r| pred(&r.outcome)).count()
    }
}

impl fmt::Display for SuiteReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "golden suite against {}", self.harness)?;
        let width = self
            .scenarios
            .iter()
            .map(|r| r.scenario.len())
            .max()
            .unwrap_or(0);
        for report in &self.scenarios {
            let (label, reason) = match &report.outcome {
                Outcome::Passed => ("PASS", None),
                Outcome::Failed(reason) => ("FAIL", Some(reason)),
                Outcome::Skipped(reason) => ("SKIP", Some(reason)),
            };
            match reason {
                Some(reason) => writeln!(f, "  {label}  {:width$}  {reason}", report.scenario)?,
                None => writeln!(f, "  {label}  {}", report.scenario)?,
            }
        }
        write!(
            f,
            "{} passed, {} failed, {} skipped",
            self.passed(),
            self.failed(),
            self.skipped()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_text() {
        let report = SuiteReport {
            harness: "demo".into(),
            scenarios: vec![
                ScenarioReport {
                    scenario: "a",
                    outcome: Outcome::Passed,
                },
                ScenarioReport {
                    scenario: "bb",
                    outcome: Outcome::Failed("total differs".into()),
                },
                ScenarioReport {
                    scenario: "c",
                    outcome: Outcome::Skipped("read-only".into()),
                },
            ],
        };
        assert_eq!(
            (report.passed(), report.failed(), report.skipped()),
            (1, 1, 1)
        );
        assert!(!report.is_success());
        let text = report.to_string();
        assert!(text.contains("FAIL  bb  total differs"), "{text}");
        assert!(text.ends_with("1 passed, 1 failed, 1 skipped"));
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["scenarios"][1]["outcome"], "failed");
        assert_eq!(json["scenarios"][1]["reason"], "total differs");
    }
}
