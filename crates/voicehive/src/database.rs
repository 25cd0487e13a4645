//! The gateway's database for the commands that manage it (`keys`, `bookings`): the same
//! `--config`, `--database-url` and `--data-dir` as `voicehive serve`.

use std::path::{Path, PathBuf};

use anyhow::Context;

/// The configuration (flags over the file over the defaults) and a runtime to use it on.
pub(crate) fn config(
    file: Option<&Path>,
    database_url: &Option<String>,
    data_dir: &Option<PathBuf>,
) -> anyhow::Result<(gateway::ServeConfig, tokio::runtime::Runtime)> {
    let overrides = gateway::ServerOverrides {
        data_dir: data_dir.clone(),
        database_url: database_url.clone(),
        ..gateway::ServerOverrides::default()
    };
    let config = gateway::ServeConfig::load(file, overrides)?;
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
    gateway::Store::connect(&config.database_url, None)
        .await
        .context("opening the gateway's database")
}
