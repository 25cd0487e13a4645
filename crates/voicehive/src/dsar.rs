//! `voicehive dsar`: privacy requests (access and erasure) from the command line.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    database: crate::database::DatabaseArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Lists privacy requests, newest first (no identifiers: pseudonyms and dates).
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Shows one request.
    Show {
        /// The request's id (`prq_...`).
        id: String,
    },
    /// Writes the access export of a completed access request.
    Export {
        /// The request's id.
        id: String,
        /// The file [default: stdout].
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Records that the requester's identity was verified (`--method`: how, e.g. call_back).
    Verify {
        /// The request's id.
        id: String,
        /// How the identity was verified.
        #[arg(long)]
        method: String,
    },
    /// Carries out a verified erasure request now: our records of the subject are deleted or
    /// unlinked, and the reservations the hotel must still erase in its PMS are listed. (The
    /// gateway also searches the PMS when its worker processes the request.)
    Erase {
        /// The request's id.
        id: String,
    },
}

pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let (config, runtime) = crate::database::config(&args.database)?;
    runtime.block_on(async {
        let (store, privacy) = crate::database::open_privacy(&config, false).await?;
        let mut out = std::io::stdout().lock();
        match &args.command {
            Command::List { json } => {
                let requests = privacy.list_requests(None).await?;
                if *json {
                    writeln!(out, "{}", serde_json::to_string_pretty(&requests)?)?;
                } else {
                    for r in &requests {
                        writeln!(
                            out,
                            "{}  tenant={}  kind={}  status={}  received={}  due={}{}",
                            r.id,
                            r.tenant,
                            r.kind,
                            r.status,
                            r.received_at,
                            r.due_at,
                            if r.overdue { "  OVERDUE" } else { "" }
                        )?;
                    }
                }
            }
            Command::Show { id } => {
                let Some(request) = privacy.get_request(None, id).await? else {
                    bail!("no privacy request `{id}`");
                };
                writeln!(out, "{}", serde_json::to_string_pretty(&request)?)?;
            }
            Command::Export { id, output } => {
                if privacy.get_request(None, id).await?.is_none() {
                    bail!("no privacy request `{id}`");
                }
                let Some(export) = privacy.export(None, id, &crate::database::cli_actor()).await? else {
                    bail!("request `{id}` has no export: it is not a completed access request, or its export was deleted (after its retention period, or by an erasure of the subject)");
                };
                let value: serde_json::Value = serde_json::from_str(&export)?;
                let text = serde_json::to_string_pretty(&value)?;
                match output {
                    Some(path) => std::fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))?,
                    None => writeln!(out, "{text}")?,
                }
            }
            Command::Verify { id, method } => {
                let Some(request) = privacy.verify_identity(None, id, &crate::database::cli_actor(), method).await? else {
                    bail!("no privacy request `{id}`");
                };
                writeln!(out, "{}", serde_json::to_string_pretty(&request)?)?;
            }
            Command::Erase { id } => {
                let Some(request) = privacy.get_request(None, id).await? else {
                    bail!("no privacy request `{id}`");
                };
                if request.kind != "erasure" {
                    bail!("request `{id}` is an {} request, not an erasure", request.kind);
                }
                let Some(done) = privacy.process_request(id, &crate::database::cli_actor(), &[]).await? else {
                    bail!("no privacy request `{id}`");
                };
                writeln!(out, "{}", serde_json::to_string_pretty(&done)?)?;
            }
        }
        store.close().await;
        Ok(ExitCode::SUCCESS)
    })
}
