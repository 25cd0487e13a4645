//! `voicehive pii`: find and redact personal data.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use pii::{Operator, Operators};

/// Output format of a scan.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Format {
    /// `file:line:column entity`, one finding per line.
    Text,
    /// A JSON array of `{path, line, column, entity}`.
    Json,
}

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Scan files or folders (text and JSON lines) for personal data. Prints where and what,
    /// never the value; exit status 1 if anything was found.
    Scan {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Redact standard input to standard output, line by line.
    Redact {
        /// tag (`<EMAIL>`), mask (`****`, cards keep the last 4), pseudonym (`<EMAIL:3f2a9c1d>`,
        /// keyed by VOICEHIVE_PII_KEY) or remove.
        #[arg(long, default_value = "tag")]
        operator: Operator,
    },
}

pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    match &args.command {
        Command::Scan { paths, format } => {
            let findings = pii::scan::scan_paths(paths)?;
            let mut out = std::io::stdout().lock();
            match format {
                Format::Text => {
                    for finding in &findings {
                        writeln!(out, "{finding}")?;
                    }
                }
                Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&findings)?)?,
            }
            Ok(if findings.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Redact { operator } => {
            let operators = Operators::from_env(*operator)
                .with_context(|| format!("reading {}", pii::KEY_ENV_VAR))?;
            if *operator == Operator::Pseudonym && std::env::var_os(pii::KEY_ENV_VAR).is_none() {
                anyhow::bail!("--operator pseudonym needs a key in {}", pii::KEY_ENV_VAR);
            }
            pii::redact_lines(
                std::io::stdin().lock(),
                std::io::stdout().lock(),
                &operators,
            )
            .context("redacting standard input")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
