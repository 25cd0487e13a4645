//! `voicehive serve`: the gateway, the API the voice agent calls.
//!
//! Configuration: flags and `VOICEHIVE_*` variables over a TOML file (`--config`) over the
//! defaults (see `docs/gateway.md`). Without hotels it runs in sandbox mode: 127.0.0.1:8080,
//! SQLite under `./data/`, in-process Apaleo and Mews sandboxes with their seeded hotels (BER,
//! ZRH, MEWS-BER, MEWS-ZRH) and a demo tenant whose API key is `VOICEHIVE_DEMO_KEY` or
//! generated and printed once.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The configuration file (TOML).
    #[arg(long, env = "VOICEHIVE_CONFIG")]
    config: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1:8080].
    #[arg(long, env = "VOICEHIVE_ADDR")]
    addr: Option<SocketAddr>,
    /// Directory of the embedded SQLite database [default: ./data].
    #[arg(long, env = "VOICEHIVE_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Database URL (`sqlite://FILE?mode=rwc` or `postgres://USER@HOST:PORT/DB`)
    /// [default: SQLite at DATA_DIR/voicehive.db].
    #[arg(long, env = "VOICEHIVE_DATABASE_URL")]
    database_url: Option<String>,
    /// Largest request body in bytes [default: 65536].
    #[arg(long, env = "VOICEHIVE_BODY_LIMIT")]
    body_limit: Option<usize>,
    /// Deadline of a request in seconds [default: 15].
    #[arg(long, env = "VOICEHIVE_REQUEST_TIMEOUT_SECS")]
    request_timeout_secs: Option<u64>,
    /// Requests per second per API key, 0 for no limit [default: 100].
    #[arg(long, env = "VOICEHIVE_RATE_LIMIT_PER_SECOND")]
    rate_limit_per_second: Option<u32>,
    /// Burst per API key [default: 200].
    #[arg(long, env = "VOICEHIVE_RATE_LIMIT_BURST")]
    rate_limit_burst: Option<u32>,
    /// Redis shared by all replicas for the per-key limits (redis://HOST:PORT) [default: none,
    /// limits per process].
    #[arg(long, env = "VOICEHIVE_REDIS_URL")]
    redis_url: Option<String>,
}

pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let overrides = gateway::ServerOverrides {
        addr: args.addr,
        data_dir: args.data_dir.clone(),
        database_url: args.database_url.clone(),
        body_limit: args.body_limit,
        request_timeout_secs: args.request_timeout_secs,
        rate_limit_per_second: args.rate_limit_per_second,
        rate_limit_burst: args.rate_limit_burst,
        redis_url: args.redis_url.clone(),
        ..gateway::ServerOverrides::default()
    };
    let config = gateway::ServeConfig::load(args.config.as_deref(), overrides)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve(&config))
}

async fn serve(config: &gateway::ServeConfig) -> anyhow::Result<ExitCode> {
    let demo_key = std::env::var("VOICEHIVE_DEMO_KEY").ok();
    let started = gateway::start(config, demo_key)
        .await
        .context("starting the gateway")?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("binding {}", config.addr))?;
    let addr = listener.local_addr()?;
    if started.sandbox.is_some() {
        tracing::info!(
            mode = "sandbox",
            addr = %addr,
            hotels = "BER,ZRH",
            tenant = gateway::DEMO_TENANT,
            "gateway in sandbox mode: in-process Apaleo and Mews sandboxes, demo tenant, embedded database"
        );
    } else {
        tracing::info!(addr = %addr, hotels = config.hotels.len(), "gateway listening");
    }
    if let Some(demo) = started.demo.as_ref().filter(|d| d.generated) {
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "VoiceHive gateway on http://{addr} (sandbox mode).\nDemo API key (shown once; set VOICEHIVE_DEMO_KEY to choose your own):\n{}",
            demo.key
        )?;
        out.flush()?;
    }
    started
        .gateway
        .serve(listener, gateway::shutdown_signal())
        .await
        .context("serving")?;
    tracing::info!("gateway stopped");
    started.gateway.store().close().await;
    if let Some(sandbox) = started.sandbox {
        sandbox.shutdown().await;
    }
    Ok(ExitCode::SUCCESS)
}
