//! `voicehive`: the command-line entry point of VoiceHive.
//!
//! - `voicehive capabilities` prints the PMS capability matrix (table, Markdown or JSON).
//! - `voicehive golden --hotel FILE` runs the golden contract suite against a configured hotel
//!   and prints the report; the exit status is 1 if a scenario failed.
//! - `voicehive sandbox apaleo --addr ADDR` serves the offline Apaleo simulator;
//!   `voicehive sandbox mews --addr ADDR` the offline Mews simulator.
//! - `voicehive serve` runs the gateway (sandbox mode without configuration).
//! - `voicehive pii scan PATH...` reports personal data in files (never the values);
//!   `voicehive pii redact` redacts standard input.
//! - `voicehive keys`, `bookings`, `audit`, `dsar`, `retention` manage the gateway's database
//!   (API keys, unresolved bookings, the audit chain, privacy requests, the retention purge).
//! - `voicehive eu-check PATH...` fails on cloud regions outside the allowed EU set in
//!   Terraform and Kubernetes/Helm files.
//!
//! Logs are JSON lines on stderr (level from `VOICEHIVE_LOG`, default `info`), each redacted
//! by the `pii` crate before it is written; results go to stdout.

#![forbid(unsafe_code)]

mod audit;
mod bookings;
mod capabilities;
mod database;
mod dsar;
mod eu_check;
mod golden;
mod keys;
mod privacy;
mod retention;
mod sandbox;
mod serve;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// VoiceHive: the AI voice receptionist's PMS platform.
#[derive(Debug, Parser)]
#[command(name = "voicehive", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print what each PMS vendor supports (the capability matrix).
    Capabilities(capabilities::Args),
    /// Run the golden contract suite against a configured hotel.
    Golden(golden::Args),
    /// Run a vendor simulator (offline PMS with fault injection).
    Sandbox(sandbox::Args),
    /// Find or redact personal data in files and streams.
    Pii(privacy::Args),
    /// Run the gateway, the API the voice agent calls.
    Serve(serve::Args),
    /// Manage the gateway's API keys (create, list, revoke).
    Keys(keys::Args),
    /// Bookings whose caller may not know the outcome (unresolved, acknowledge).
    Bookings(bookings::Args),
    /// The tamper-evident audit log (verify, checkpoint, export-checkpoints).
    Audit(audit::Args),
    /// Privacy requests: access and erasure (list, show, export, verify, erase).
    Dsar(dsar::Args),
    /// The retention policy and its purge (run [--dry-run], policy).
    Retention(retention::Args),
    /// Fail on any cloud region outside the allowed EU set in Terraform or Kubernetes/Helm
    /// files, naming file and line.
    EuCheck(eu_check::Args),
}

/// JSON log lines on stderr, every line passed through the PII redactor first.
///
/// The lines are written to a duplicate of the stderr descriptor rather than through
/// `std::io::stderr()`: each line is still one `write(2)` (whole lines, never interleaved), but
/// without the process-wide lock that `Stderr` takes around it, on which the gateway's worker
/// threads queued and woke each other about once per request (docs/benchmarks.md).
fn init_logging() -> anyhow::Result<()> {
    use std::os::fd::AsFd as _;
    match std::io::stderr().as_fd().try_clone_to_owned() {
        Ok(fd) => pii::logging::init_json_with_writer(
            "VOICEHIVE_LOG",
            std::sync::Arc::new(std::fs::File::from(fd)),
        ),
        Err(_) => pii::logging::init_json("VOICEHIVE_LOG"),
    }
    .map_err(anyhow::Error::from)
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(err) = init_logging() {
        let _ = writeln!(std::io::stderr(), "error: {err:#}");
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Command::Capabilities(args) => capabilities::run(&args),
        Command::Golden(args) => golden::run(&args),
        Command::Sandbox(args) => sandbox::run(&args),
        Command::Pii(args) => privacy::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Keys(args) => keys::run(&args),
        Command::Bookings(args) => bookings::run(&args),
        Command::Audit(args) => audit::run(&args),
        Command::Dsar(args) => dsar::run(&args),
        Command::Retention(args) => retention::run(&args),
        Command::EuCheck(args) => eu_check::run(&args),
    };
    match result {
        Ok(code) => code,
        // The reader of stdout went away (e.g. `| head`): not an error of ours.
        Err(err)
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(err) => {
            // Start-up errors can quote configuration values: redacted like every log line.
            let text = pii::redact_text(
                &format!("error: {err:#}"),
                &pii::Operators::new(pii::Operator::Tag),
            );
            let _ = writeln!(std::io::stderr(), "{text}");
            ExitCode::from(2)
        }
    }
}
