//! The gateway's database for the commands that manage it (`keys`, `bookings`, `audit`,
//! `dsar`, `retention`): the same `--config`, `--database-url` and `--data-dir` as
//! `voicehive serve`, and with none of them the database `voicehive serve` uses without
//! configuration (sandbox mode: `./data/sandbox.db`).

use std::path::PathBuf;

use anyhow::Context;

/// Where the gateway's database is: the flags of `keys` and `bookings`.
#[derive(Debug, clap::Args)]
pub(crate) struct DatabaseArgs {
    /// The gateway's configuration file (for its database).
    #[arg(long, env = "VOICEHIVE_CONFIG", global = true)]
    config: Option<PathBuf>,
    /// Database URL [default: the gateway's: SQLite at DATA_DIR/sandbox.db without hotels
    /// configured, DATA_DIR/voicehive.db with].
    #[arg(long, env = "VOICEHIVE_DATABASE_URL", global = true)]
    database_url: Option<String>,
    /// Directory of the embedded SQLite database [default: ./data].
    #[arg(long, env = "VOICEHIVE_DATA_DIR", global = true)]
    data_dir: Option<PathBuf>,
}

/// The configuration (flags over the file over the defaults) and a runtime to use it on.
pub(crate) fn config(
    args: &DatabaseArgs,
) -> anyhow::Result<(gateway::ServeConfig, tokio::runtime::Runtime)> {
    let overrides = gateway::ServerOverrides {
        data_dir: args.data_dir.clone(),
        database_url: args.database_url.clone(),
        ..gateway::ServerOverrides::default()
    };
    let config = gateway::ServeConfig::load(args.config.as_deref(), overrides)?;
    if let Some(dir) = &config.data_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating the data directory {}", dir.display()))?;
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    Ok((config, runtime))
}

/// Connects the configured database (running its migrations).
pub(crate) async fn open(config: &gateway::ServeConfig) -> anyhow::Result<gateway::Store> {
    let config = config.resolve().await.context("reading the database URL")?;
    gateway::Store::connect(&config.effective_database_url(), None)
        .await
        .context("opening the gateway's database")
}

/// Connects the configured database and its privacy records (keys from the configuration or
/// the data directory, as `voicehive serve` has them). With `create`, missing key files in
/// the data directory are created (what `serve` would do); without, they must exist.
pub(crate) async fn open_privacy(
    config: &gateway::ServeConfig,
    create: bool,
) -> anyhow::Result<(gateway::Store, gateway::Privacy)> {
    let keys = if create {
        config.privacy_keys().await
    } else {
        config.existing_privacy_keys().await
    }
    .context("reading the privacy keys")?;
    let store = open(config).await?;
    let privacy = gateway::Privacy::new(
        store.clone(),
        keys,
        config.privacy.settings.clone(),
        std::sync::Arc::new(clock::SystemClock),
    );
    Ok((store, privacy))
}

/// Connects the configured database with throw-away keys: for verifying the audit chain with
/// public keys given on the command line when this machine has no key files.
pub(crate) async fn open_for_verification(
    config: &gateway::ServeConfig,
) -> anyhow::Result<(gateway::Store, gateway::Privacy)> {
    let store = open(config).await?;
    let keys = gateway::PrivacyKeys::random().map_err(anyhow::Error::msg)?;
    let privacy = gateway::Privacy::new(
        store.clone(),
        keys,
        config.privacy.settings.clone(),
        std::sync::Arc::new(clock::SystemClock),
    );
    Ok((store, privacy))
}

/// Who runs a command, for audit entries: `cli:` and the operating-system user (`USER`, or
/// `LOGNAME`), or `cli` when neither is set.
pub(crate) fn cli_actor() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .ok()
        .filter(|u| {
            !u.is_empty()
                && u.len() <= 64
                && u.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        })
        .map_or_else(|| "cli".to_owned(), |user| format!("cli:{user}"))
}
