//! `voicehive golden`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clock::SystemClock;
use pms_factory::{ConnectorFactory, FactoryHarness, HotelConfig};
use pms_golden::{Scenario, run_suite};

/// Output format of the report.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Format {
    /// One line per scenario.
    Text,
    /// The report as JSON.
    Json,
}

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The hotel file (a `[hotel]` table: id, vendor, property, endpoints, credentials,
    /// capabilities).
    #[arg(long, required_unless_present = "list")]
    hotel: Option<PathBuf>,
    /// Run only these scenarios (repeatable); default: all.
    #[arg(long = "scenario", value_name = "NAME")]
    scenarios: Vec<String>,
    /// Leave these scenarios out (repeatable), e.g. one for a capability the vendor cannot
    /// offer at all; they are not run and not reported, so `--no-skips` still holds for the
    /// rest.
    #[arg(long = "except", value_name = "NAME")]
    except: Vec<String>,
    /// Skip every scenario that creates, changes or cancels reservations.
    #[arg(long)]
    read_only: bool,
    /// Run write scenarios even though the hotel is marked `live = true`. They create and
    /// cancel real reservations.
    #[arg(long)]
    allow_live_writes: bool,
    /// Declare that nobody else books on the hotel's PMS during the run (a sandbox of your
    /// own, the reference PMS): enables the scenarios that count units exactly.
    #[arg(long)]
    exclusive: bool,
    /// Run against a fresh in-process sandbox of the hotel's vendor per scenario instead of
    /// the hotel's endpoints (the hotel keeps its property, account and capability
    /// overrides). The sandbox injects faults, so the fault scenarios run too. Hotels of the
    /// reference PMS always run this way.
    #[arg(long)]
    sandbox: bool,
    /// First arrival date scenarios may book (YYYY-MM-DD); default: 30 days from today.
    #[arg(long)]
    first_arrival: Option<NaiveDate>,
    /// Report format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// List the scenarios and exit.
    #[arg(long)]
    list: bool,
    /// Fail if any scenario was skipped, even for a reason the harness declared: proves that
    /// every selected scenario ran (CI runs the sandboxes this way).
    #[arg(long)]
    no_skips: bool,
}

pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if args.list {
        for scenario in Scenario::ALL {
            let kind = if scenario.writes() { "write" } else { "read " };
            writeln!(
                out,
                "{kind}  {:52} {}",
                scenario.name(),
                scenario.description()
            )?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let Some(path) = &args.hotel else {
        bail!("--hotel is required");
    };
    for name in args.scenarios.iter().chain(&args.except) {
        if !Scenario::ALL.iter().any(|s| s.name() == name) {
            bail!("unknown scenario `{name}`; `voicehive golden --list` shows them");
        }
    }
    let hotel = HotelConfig::load(path)?;
    let factory = ConnectorFactory::builtin(Arc::new(SystemClock))?;
    // Fail fast on configuration errors rather than once per scenario.
    factory
        .build(&hotel)
        .with_context(|| format!("building the connector for {}", path.display()))?;
    let mut harness = FactoryHarness::new(factory, hotel)
        .allow_live_writes(args.allow_live_writes)
        .exclusive(args.exclusive);
    if args.sandbox {
        harness = harness.sandbox()?;
    }
    if args.read_only {
        harness = harness.read_only();
    }
    if let Some(date) = args.first_arrival {
        harness = harness.first_arrival(date);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let selected = |s: Scenario| {
        (args.scenarios.is_empty() || args.scenarios.iter().any(|n| n == s.name()))
            && !args.except.iter().any(|n| n == s.name())
    };
    let report = runtime.block_on(run_suite(&harness, selected));
    match args.format {
        Format::Text => writeln!(out, "{report}")?,
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?,
    }
    if args.no_skips && report.skipped() > 0 {
        writeln!(
            out,
            "{} scenario(s) skipped; --no-skips requires every selected scenario to run",
            report.skipped()
        )?;
        return Ok(ExitCode::FAILURE);
    }
    Ok(if report.is_success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
