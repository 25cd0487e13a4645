//! `voicehive keys`: manage the gateway's API keys in its database.

use std::io::Write;
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
    /// Creates a key for a tenant and prints it once (only its hash is stored). The tenant
    /// and its hotels come from the gateway's configuration: with `--config`, it is
    /// reconciled into the database first, as `voicehive serve` does at start-up.
    Create {
        /// The tenant (a configured one).
        #[arg(long)]
        tenant: String,
        /// Scopes: pms:read, pms:write, privacy:admin (repeatable).
        #[arg(long = "scope", required = true)]
        scopes: Vec<gateway::Scope>,
        /// Hotels the key may see (repeatable; our hotel ids).
        #[arg(long = "hotel", required = true)]
        hotels: Vec<String>,
    },
    /// Lists keys (ids, tenants, scopes, hotels, times; never the keys).
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Revokes a key by its id.
    Revoke {
        /// The key's id, as `list` shows it.
        id: String,
    },
}

pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let (config, runtime) = crate::database::config(&args.database)?;
    runtime.block_on(async {
        let (store, privacy) = crate::database::open_privacy(&config, true).await?;
        let mut out = std::io::stdout().lock();
        let code = match &args.command {
            Command::Create {
                tenant,
                scopes,
                hotels,
            } => {
                if !config.sandbox_mode() {
                    let report = store
                        .reconcile(&gateway::Reconciliation {
                            tenants: config.tenants.clone(),
                            demo: None,
                        })
                        .await
                        .context("reconciling the configured tenants")?;
                    privacy
                        .audit(
                            privacy
                                .event(&crate::database::cli_actor(), "config.reconciled")
                                .details(&serde_json::json!({
                                    "mode": "configured",
                                    "keys_added": report.keys_added,
                                    "keys_updated": report.keys_updated,
                                    "keys_removed": report.keys_removed,
                                    "keys_revoked": report.keys_revoked,
                                    "cli_keys_narrowed": report.cli_keys_narrowed,
                                })),
                        )
                        .await?;
                }
                let key = gateway::auth::generate_key()
                    .map_err(|e| anyhow::anyhow!("generating a key: {e}"))?;
                let id = store.add_key(tenant, &key, scopes, hotels).await?;
                privacy
                    .audit(
                        privacy
                            .event(&crate::database::cli_actor(), "key.created")
                            .tenant(tenant.clone())
                            .resource(id.clone())
                            .details(&serde_json::json!({
                                "scopes": scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                                "hotels": hotels,
                            })),
                    )
                    .await?;
                writeln!(out, "id:  {id}")?;
                writeln!(out, "key: {key}")?;
                writeln!(out, "(the key is shown once; only its hash is stored)")?;
                ExitCode::SUCCESS
            }
            Command::List { json } => {
                let keys = store.list_keys().await?;
                if *json {
                    writeln!(out, "{}", serde_json::to_string_pretty(&keys)?)?;
                } else {
                    for key in &keys {
                        writeln!(
                            out,
                            "{}  source={}  tenant={}  scopes={}  hotels={}  created={}{}",
                            key.id,
                            key.source,
                            key.tenant,
                            key.scopes.join(","),
                            key.hotels.join(","),
                            key.created_at,
                            key.revoked_at
                                .as_deref()
                                .map(|t| format!("  revoked={t}"))
                                .unwrap_or_default()
                        )?;
                    }
                }
                ExitCode::SUCCESS
            }
            Command::Revoke { id } => {
                if !store.revoke_key(id).await? {
                    bail!("no active key with id `{id}`");
                }
                privacy
                    .audit(
                        privacy
                            .event(&crate::database::cli_actor(), "key.revoked")
                            .resource(id.clone()),
                    )
                    .await?;
                writeln!(out, "revoked {id}")?;
                ExitCode::SUCCESS
            }
        };
        store.close().await;
        Ok(code)
    })
}
