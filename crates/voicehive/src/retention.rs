//! `voicehive retention`: the retention policy and its purge.

use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    database: crate::database::DatabaseArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Deletes what the policy says is due (and records it in the audit log), as `serve`
    /// does every `retention_interval_secs`.
    Run {
        /// Count what is due; delete nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Prints the policy: each category, how long it is kept, who deletes it.
    Policy,
}

pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let (config, runtime) = crate::database::config(&args.database)?;
    let mut out = std::io::stdout().lock();
    if let Command::Policy = args.command {
        let lines = config.privacy.settings.retention.lines();
        writeln!(out, "{}", serde_json::to_string_pretty(&lines)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    runtime.block_on(async {
        let (store, privacy) = crate::database::open_privacy(&config, false).await?;
        if let Command::Run { dry_run, json } = args.command {
            let report = privacy
                .run_retention(&crate::database::cli_actor(), dry_run)
                .await?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
            } else {
                for p in &report.purged {
                    writeln!(
                        out,
                        "{:<24} {:>8} {} (older than {})",
                        p.category.as_str(),
                        p.count,
                        if dry_run { "due" } else { "deleted" },
                        p.cutoff
                    )?;
                }
            }
        }
        store.close().await;
        Ok(ExitCode::SUCCESS)
    })
}
