//! `voicehive bookings`: bookings whose caller may not know the outcome.

use std::io::Write;
use std::process::ExitCode;

use anyhow::bail;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    database: crate::database::DatabaseArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Lists bookings whose outcome is unknown, and bookings made at the PMS whose caller was
    /// never told (no replay yet), oldest first, with their age. Exits 1 when there are any.
    Unresolved {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Takes a booked-but-not-delivered booking off the list once someone has dealt with it
    /// (called the guest, or cancelled the reservation).
    Acknowledge {
        /// The tenant.
        #[arg(long)]
        tenant: String,
        /// The booking's Idempotency-Key.
        #[arg(long)]
        key: String,
    },
}

pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let (config, runtime) = crate::database::config(&args.database)?;
    runtime.block_on(async {
        let store = crate::database::open(&config).await?;
        let mut out = std::io::stdout().lock();
        let code = match &args.command {
            Command::Unresolved { json } => {
                let bookings = store.unresolved_bookings().await?;
                if *json {
                    writeln!(out, "{}", serde_json::to_string_pretty(&bookings)?)?;
                } else if bookings.is_empty() {
                    writeln!(out, "no unresolved bookings")?;
                } else {
                    for b in &bookings {
                        writeln!(
                            out,
                            "{}  tenant={}  key={}  hotel={}  reservation={}  created={}  age={}s",
                            b.state,
                            b.tenant,
                            b.idempotency_key,
                            b.hotel,
                            b.reservation_id.as_deref().unwrap_or("-"),
                            b.created_at,
                            b.age_seconds
                        )?;
                    }
                }
                if bookings.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Command::Acknowledge { tenant, key } => {
                if !store.acknowledge_booking(tenant, key).await? {
                    bail!("no booked-but-not-delivered booking for tenant `{tenant}` and that key");
                }
                // Audited under a digest of the key: the caller chose the key's text.
                let (audit_store, privacy) = crate::database::open_privacy(&config, true).await?;
                let digest = gateway::auth::hash_key(&format!("{tenant}\n{key}"));
                privacy
                    .audit(
                        privacy
                            .event(&crate::database::cli_actor(), "booking.acknowledged")
                            .tenant(tenant.clone())
                            .resource(format!("idem:{}", digest.get(..16).unwrap_or(&digest))),
                    )
                    .await?;
                audit_store.close().await;
                writeln!(out, "acknowledged")?;
                ExitCode::SUCCESS
            }
        };
        store.close().await;
        Ok(code)
    })
}
