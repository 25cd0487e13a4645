//! `voicehive audit`: verify the audit chain, sign a checkpoint, export the checkpoints.

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
    /// Verifies the whole chain (every entry's hash and link) and every checkpoint (signature,
    /// and the signed hash against the chain). Exits 1 naming the first broken entry.
    Verify {
        /// Checkpoints exported earlier (`audit export-checkpoints`), kept off this machine:
        /// they catch a chain rewritten or cut together with its stored checkpoints.
        #[arg(long)]
        checkpoints: Option<PathBuf>,
        /// A public key to verify checkpoints with, 64 hex digits (repeatable: after a key
        /// rotation, give the old and the new one) [default: the signing key's; with
        /// --checkpoints, the file's key too]. A checkpoint of a key not given fails.
        #[arg(long = "public-key")]
        public_keys: Vec<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Verifies the entries since the last checkpoint and signs the head now.
    Checkpoint,
    /// Writes the public key and every checkpoint as JSON, to keep off this machine.
    ExportCheckpoints {
        /// The file [default: stdout].
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

/// The export format of `export-checkpoints`.
#[derive(serde::Serialize, serde::Deserialize)]
struct Exported {
    public_key: String,
    key_id: String,
    checkpoints: Vec<compliance::audit::Checkpoint>,
}

pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let (config, runtime) = crate::database::config(&args.database)?;
    runtime.block_on(async {
        // Verification needs only public keys: given ones do without the key files.
        let (extra, keys) = match &args.command {
            Command::Verify {
                checkpoints,
                public_keys,
                ..
            } => {
                let mut extra = Vec::new();
                let mut keys = Vec::new();
                if let Some(path) = checkpoints {
                    let text = std::fs::read_to_string(path)
                        .with_context(|| format!("reading {}", path.display()))?;
                    let exported: Exported = serde_json::from_str(&text).with_context(|| {
                        format!(
                            "{}: not an export of `audit export-checkpoints`",
                            path.display()
                        )
                    })?;
                    keys.push(compliance::audit::PublicKey::from_hex(&exported.public_key)?);
                    extra = exported.checkpoints;
                }
                for hex in public_keys {
                    keys.push(compliance::audit::PublicKey::from_hex(hex)?);
                }
                (extra, keys)
            }
            _ => (Vec::new(), Vec::new()),
        };
        let (store, privacy, own_keys) = match crate::database::open_privacy(&config, false).await
        {
            Ok((store, privacy)) => (store, privacy, true),
            Err(_) if !keys.is_empty() => {
                let (store, privacy) = crate::database::open_for_verification(&config).await?;
                (store, privacy, false)
            }
            Err(e) => return Err(e),
        };
        let mut out = std::io::stdout().lock();
        let code = match &args.command {
            Command::Verify { json, .. } => {
                let mut keys = keys;
                if !keys.is_empty() && own_keys {
                    // The signing key's checkpoints are checked too.
                    keys.push(privacy.public_key());
                }
                match privacy.verify(extra, keys).await {
                    Ok(verified) => {
                        if *json {
                            writeln!(
                                out,
                                "{}",
                                serde_json::to_string_pretty(
                                    &serde_json::json!({ "ok": true, "report": verified })
                                )?
                            )?;
                        } else {
                            let r = &verified.report;
                            writeln!(
                                out,
                                "audit chain intact: {} entries, head {} ({}), {} checkpoints verified (newest at entry {}) with keys {}",
                                r.entries,
                                r.head_seq,
                                r.head_hash,
                                r.checkpoints,
                                r.last_checkpoint_seq
                                    .map_or_else(|| "none".to_owned(), |s| s.to_string()),
                                verified.keys.join(", ")
                            )?;
                        }
                        ExitCode::SUCCESS
                    }
                    Err(gateway::privacy::VerifyError::Broken(broken)) => {
                        if *json {
                            writeln!(
                                out,
                                "{}",
                                serde_json::to_string_pretty(&serde_json::json!({
                                    "ok": false,
                                    "first_broken_entry": broken.seq(),
                                    "break": broken,
                                    "message": broken.to_string(),
                                }))?
                            )?;
                        } else {
                            writeln!(out, "audit chain BROKEN at entry {}: {broken}", broken.seq())?;
                        }
                        ExitCode::from(1)
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            Command::Checkpoint => match privacy.checkpoint().await {
                Ok(checkpoint) => {
                    writeln!(out, "{}", serde_json::to_string_pretty(&checkpoint)?)?;
                    ExitCode::SUCCESS
                }
                Err(gateway::privacy::VerifyError::Broken(broken)) => {
                    bail!(
                        "not signed: the audit chain is broken at entry {}: {broken}",
                        broken.seq()
                    )
                }
                Err(e) => return Err(e.into()),
            },
            Command::ExportCheckpoints { output } => {
                let key = privacy.public_key();
                let exported = Exported {
                    public_key: key.to_hex(),
                    key_id: key.id(),
                    checkpoints: privacy.stored_checkpoints().await?,
                };
                let text = serde_json::to_string_pretty(&exported)?;
                match output {
                    Some(path) => std::fs::write(path, text + "\n")
                        .with_context(|| format!("writing {}", path.display()))?,
                    None => writeln!(out, "{text}")?,
                }
                ExitCode::SUCCESS
            }
        };
        store.close().await;
        Ok(code)
    })
}
