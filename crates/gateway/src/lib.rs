//! The gateway: the versioned HTTP API (`/v1`) the voice agent calls, for every hotel whatever
//! its PMS.
//!
//! - [`Gateway`]: an axum application over the hotels' guarded connectors (from the
//!   [`pms_factory::ConnectorFactory`]), a [`Store`] and a Prometheus registry.
//! - Tenancy: API keys ([`auth`]) are stored only as SHA-256 hashes and compared in constant
//!   time; each belongs to a tenant, carries [`Scope`]s and a list of hotels. Another tenant's
//!   hotel is a 404.
//! - Errors are RFC 9457 problem details ([`ApiError`]) with a stable `code`.
//! - Idempotent bookings across replicas: the outcome of each `Idempotency-Key` is stored per
//!   tenant in the database ([`Store`], sqlx on SQLite or PostgreSQL).
//! - [`EmbeddedSandbox`]: the in-process Apaleo and Mews sandboxes `voicehive serve` uses by
//!   default.
//!
//! Guest data never appears in logs or errors: the request log line carries method, route,
//! status, latency, tenant, hotel and request id only.

#![forbid(unsafe_code)]

mod access;
mod app;
pub mod auth;
mod config;
mod dto;
mod error;
mod keys;
mod limit;
mod memo;
pub mod privacy;
mod sandbox;
mod store;
mod worker;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use credentials::SecretStore;
use pms_factory::{ConnectorFactory, HotelConfig};
use pms_resilience::ResilienceMetrics;
use prometheus::Registry;
use tokio::net::TcpListener;

pub use app::{AppState, GatewayStatus, Hotel, HotelStatus, openapi_document};
pub use auth::{Principal, Scope};
pub use config::{
    KeyConfig, PrivacyConfig, ServeConfig, ServerOverrides, TenantConfig, VaultSettings, redact_url,
};
pub use dto::*;
pub use error::{ApiError, PROBLEM_JSON, Problem};
pub use privacy::{Privacy, PrivacyKeys, PrivacySettings};
pub use sandbox::{
    DEMO_TENANT, DemoKey, EmbeddedSandbox, MEWS_SANDBOX_HOTELS, MemorySecrets, SANDBOX_HOTELS,
};
pub use store::{
    Backend, IdempotencyState, KeyChanges, KeyListing, KeyRow, KeySource, PendingReconciliation,
    ReconcileReport, Reconciliation, STALE_CLAIM, Store, StoreError, UnresolvedBooking,
};
pub use worker::ReconcileRound;

/// A gateway error at start-up or while serving.
#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A hotel's connector could not be built.
    #[error("hotel configuration: {0}")]
    Factory(#[from] pms_factory::FactoryError),
    /// Metrics could not be registered.
    #[error("metrics: {0}")]
    Metrics(#[from] prometheus::Error),
    /// The configuration is invalid.
    #[error("invalid configuration ({origin}): {message}")]
    Config {
        /// The file (or other source).
        origin: String,
        /// What is wrong, naming the key.
        message: String,
    },
    /// Something else failed at start-up.
    #[error("{0}")]
    Startup(String),
    /// Serving failed.
    #[error("serving: {0}")]
    Io(#[from] std::io::Error),
}

/// Limits and timeouts. `Debug` hides passwords in the Redis URL.
#[derive(Clone)]
pub struct GatewaySettings {
    /// Largest accepted request body in bytes (default 64 KiB).
    pub body_limit: usize,
    /// Deadline of a whole request (default 15 s).
    pub request_timeout: Duration,
    /// How long a booking waits for a concurrent request with the same idempotency key
    /// before answering 409 `idempotency_in_progress` (default 10 s).
    pub idempotency_wait: Duration,
    /// Requests per second per API key on average (default 100; 0 switches the limit off).
    pub rate_limit_per_second: u32,
    /// Burst size per API key (default 200).
    pub rate_limit_burst: u32,
    /// Redis shared by every replica for the per-key limits (`redis://127.0.0.1:6379`); none
    /// keeps the limits in this process (N replicas then allow N times the rate).
    pub redis_url: Option<String>,
    /// How often the background worker pings the database and looks up unknown booking
    /// outcomes (default 5 s).
    pub reconcile_interval: Duration,
    /// How often the background worker probes each hotel's PMS for `/v1/status` (default
    /// 30 s; one `health` call per hotel and replica).
    pub pms_probe_interval: Duration,
    /// How long an unknown outcome rests before it is looked up, so that a retry in flight
    /// settles it first (default 30 s).
    pub reconcile_after: Duration,
    /// Open connections at most (default 4096); further connections wait in the listen
    /// backlog until one closes.
    pub max_connections: usize,
    /// How long a client has to send a request's headers, also on an idle keep-alive
    /// connection (default 10 s); then the connection is closed.
    pub header_read_timeout: Duration,
    /// How often the in-memory API key cache reads the keys changed in the database (default
    /// 1 s): a revocation or narrowing made anywhere reaches this replica within it.
    pub key_refresh_interval: Duration,
    /// How long the key cache answers without a successful refresh (default 5 s); after that,
    /// requests are refused with 503 until the database can be read again.
    pub key_max_staleness: Duration,
}

impl std::fmt::Debug for GatewaySettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GatewaySettings")
            .field("body_limit", &self.body_limit)
            .field("request_timeout", &self.request_timeout)
            .field("idempotency_wait", &self.idempotency_wait)
            .field("rate_limit_per_second", &self.rate_limit_per_second)
            .field("rate_limit_burst", &self.rate_limit_burst)
            .field("key_refresh_interval", &self.key_refresh_interval)
            .field("key_max_staleness", &self.key_max_staleness)
            .field(
                "redis_url",
                &self.redis_url.as_deref().map(config::redact_url),
            )
            .finish()
    }
}

impl Default for GatewaySettings {
    fn default() -> Self {
        Self {
            body_limit: 64 * 1024,
            request_timeout: Duration::from_secs(15),
            idempotency_wait: Duration::from_secs(10),
            rate_limit_per_second: 100,
            rate_limit_burst: 200,
            redis_url: None,
            reconcile_interval: Duration::from_secs(5),
            pms_probe_interval: Duration::from_secs(30),
            reconcile_after: Duration::from_secs(30),
            max_connections: 4096,
            header_read_timeout: Duration::from_secs(10),
            key_refresh_interval: Duration::from_secs(1),
            key_max_staleness: Duration::from_secs(5),
        }
    }
}

/// The gateway application.
#[derive(Debug, Clone)]
pub struct Gateway {
    state: AppState,
}

impl Gateway {
    /// Builds the connectors of `hotels` with `factory` (given `secrets` and metrics on
    /// `registry`) and the application over `store`, with its privacy records and the
    /// residency check's summary (shown by `/v1/privacy/overview`).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        store: Store,
        hotels: &[HotelConfig],
        factory: ConnectorFactory,
        secrets: Arc<dyn SecretStore>,
        registry: Registry,
        settings: GatewaySettings,
        privacy: Privacy,
        residency: serde_json::Value,
    ) -> Result<Self, GatewayError> {
        let metrics = ResilienceMetrics::register(&registry)?;
        // The HTTP client's (per-attempt statuses and latency, rate-limit waits, Redis
        // fallbacks, re-authorizations) and the broker's (token refreshes by result).
        let http = pms_http::HttpMetrics::register(&registry)?;
        let tokens = credentials::CredentialMetrics::register(&registry)?;
        let factory = factory
            .with_secrets(secrets)
            .with_metrics(metrics)
            .with_http_metrics(http)
            .with_credential_metrics(tokens);
        let mut built = Vec::new();
        for hotel in hotels {
            built.push(Hotel {
                id: hotel.id.clone(),
                vendor: hotel.vendor.clone(),
                connector: factory.build(hotel)?,
            });
        }
        let state = AppState::new(store, built, registry, settings, privacy, residency)?;
        Ok(Self { state })
    }

    /// The store.
    pub fn store(&self) -> &Store {
        self.state.store()
    }

    /// The router.
    pub fn router(&self) -> axum::Router {
        app::router(self.state.clone())
    }

    /// Serves on `listener` until `shutdown` completes, then lets open requests finish. The
    /// background worker (readiness probes, reconciliation of unknown booking outcomes, the
    /// guest-data purge) runs meanwhile. At most `max_connections` connections are served at
    /// once; each must send its request headers within `header_read_timeout`.
    pub async fn serve(
        &self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), GatewayError> {
        let worker = worker::spawn(self.state.clone());
        let key_refresh = worker::spawn_key_refresh(self.state.clone());
        let settings = self.state.settings().clone();
        let service = hyper_util::service::TowerToHyperService::new(self.router());
        let slots = Arc::new(tokio::sync::Semaphore::new(settings.max_connections.max(1)));
        let graceful = hyper_util::server::graceful::GracefulShutdown::new();
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(hyper_util::rt::TokioTimer::new())
            .header_read_timeout(settings.header_read_timeout);
        tokio::pin!(shutdown);
        loop {
            // Wait for a free slot first: meanwhile new connections queue in the backlog.
            let slot = tokio::select! {
                slot = slots.clone().acquire_owned() => slot,
                () = &mut shutdown => break,
            };
            let Ok(slot) = slot else { break };
            let stream = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => stream,
                    Err(e) => {
                        // E.g. too many open files: back off instead of spinning.
                        tracing::warn!(error = %e, "accepting a connection failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                () = &mut shutdown => break,
            };
            let connection =
                builder.serve_connection(hyper_util::rt::TokioIo::new(stream), service.clone());
            let connection = graceful.watch(connection);
            tokio::spawn(async move {
                let _ = connection.await;
                drop(slot);
            });
        }
        drop(listener);
        graceful.shutdown().await;
        worker.abort();
        key_refresh.abort();
        Ok(())
    }

    /// One reconciliation round now (what the worker does every `reconcile_interval`).
    pub async fn reconcile_now(&self) -> ReconcileRound {
        worker::reconcile(&self.state).await
    }

    /// Refreshes the in-memory API keys now (what the worker does every
    /// `key_refresh_interval`): applies the keys changed in the database since the last
    /// refresh.
    pub async fn refresh_keys_now(&self) -> Result<(), StoreError> {
        self.state.refresh_keys().await
    }

    /// Runs the retention policy now (what the worker does every `retention_interval`).
    pub async fn retention_now(&self) -> Result<privacy::RetentionReport, StoreError> {
        self.state.privacy().run_retention("system", false).await
    }

    /// Processes the privacy requests whose identity is verified now (what the worker does
    /// every `reconcile_interval`), searching the hotels' PMSs.
    pub async fn process_privacy_requests_now(&self) -> usize {
        worker::process_privacy_requests(&self.state).await
    }

    /// The privacy records.
    pub fn privacy(&self) -> &Privacy {
        self.state.privacy()
    }
}

/// A gateway ready to serve, as [`start`] builds it.
#[derive(Debug)]
pub struct Started {
    /// The gateway.
    pub gateway: Gateway,
    /// The embedded sandbox, in sandbox mode.
    pub sandbox: Option<EmbeddedSandbox>,
    /// The demo tenant's key, in sandbox mode.
    pub demo: Option<DemoKey>,
}

/// Connects the database, reconciles the configured tenants and keys
/// ([`Store::reconcile`]) and builds the hotels' connectors.
///
/// Without hotels this is sandbox mode: an in-process Apaleo sandbox serves BER and ZRH, an
/// in-process Mews sandbox MEWS-BER and MEWS-ZRH, and a demo tenant (every scope, the four
/// hotels) gets `demo_key`, or a new random key. Sandbox mode
/// keeps its database in memory unless a database URL is given; a configured start deletes the
/// demo tenant from its database, so a demo key never opens a configured gateway.
pub async fn start(
    config: &ServeConfig,
    demo_key: Option<String>,
) -> Result<Started, GatewayError> {
    // Database and Redis URLs given as secret references are read now.
    let resolved = config.resolve().await?;
    let config = &resolved;
    let database_url = config.effective_database_url();
    // Before anything connects: every outbound endpoint must be in the allowed EU regions.
    let residency = config.check_residency()?;
    for entry in residency.entries() {
        if entry.verdict.status == residency::ResidencyStatus::NonEuAllowed {
            tracing::warn!(
                kind = %entry.kind,
                name = %entry.name,
                host = %entry.host,
                reason = %entry.verdict.reason,
                "outbound endpoint outside the allowed EU regions, allowed explicitly by residency.allow_non_eu"
            );
        }
    }
    let residency_summary = serde_json::json!({
        "summary": residency.summary(),
        "non_eu_endpoints": residency
            .entries()
            .iter()
            .filter(|e| e.verdict.status == residency::ResidencyStatus::NonEuAllowed)
            .map(|e| serde_json::json!({ "kind": e.kind.as_str(), "name": e.name, "host": e.host, "reason": e.verdict.reason }))
            .collect::<Vec<_>>(),
    });
    if let Some(dir) = &config.data_dir {
        let existed = dir.exists();
        std::fs::create_dir_all(dir).map_err(|e| {
            GatewayError::Startup(format!(
                "creating the data directory {}: {e}",
                dir.display()
            ))
        })?;
        // The embedded database and the key files: the owner only (a directory the gateway
        // creates; an existing one keeps the permissions its owner gave it).
        #[cfg(unix)]
        if !existed {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(|e| {
                GatewayError::Startup(format!(
                    "restricting the data directory {}: {e}",
                    dir.display()
                ))
            })?;
        }
    }
    // One clock for the store, the privacy records and the application (the only place the
    // system clock is chosen).
    let clock: clock::SharedClock = Arc::new(clock::SystemClock);
    let store = Store::connect(&database_url, None)
        .await?
        .with_clock(clock.clone());
    let privacy = Privacy::new(
        store.clone(),
        config.privacy_keys().await?,
        config.privacy.settings.clone(),
        clock.clone(),
    );
    privacy
        .check_keys(&config.privacy.previous_signing_keys)
        .await
        .map_err(|e| GatewayError::Startup(e.to_string()))?;
    let mut factory = ConnectorFactory::builtin(clock)?;
    // With Redis, vendor rate limits (per vendor account) are shared by every replica, like
    // the per-key limits.
    if let Some(url) = &config.settings.redis_url
        && let Ok(client) = redis::Client::open(url.as_str())
    {
        factory = factory.with_redis(client);
    }
    if config.sandbox_mode() {
        let sandbox = EmbeddedSandbox::start().await?;
        let demo = sandbox::demo_key(demo_key)?;
        let hotels: Vec<String> = sandbox.hotels().iter().map(|h| h.id.clone()).collect();
        let report = store
            .reconcile(&Reconciliation {
                tenants: config.tenants.clone(),
                demo: Some((auth::hash_key(&demo.key), hotels)),
            })
            .await?;
        tracing::info!(?report, "tenants and keys reconciled");
        audit_reconciliation(&privacy, &report, true).await?;
        let gateway = Gateway::new(
            store,
            sandbox.hotels(),
            factory,
            sandbox.secrets(),
            Registry::new(),
            config.settings.clone(),
            privacy,
            residency_summary,
        )?;
        gateway.state.privacy().set_residency_metrics(&residency);
        return Ok(Started {
            gateway,
            sandbox: Some(sandbox),
            demo: Some(demo),
        });
    }
    let report = store
        .reconcile(&Reconciliation {
            tenants: config.tenants.clone(),
            demo: None,
        })
        .await?;
    if report.keys_revoked > 0 {
        tracing::warn!(
            revoked = report.keys_revoked,
            "configured API keys are revoked and stay revoked; remove them from the configuration"
        );
    }
    tracing::info!(?report, "tenants and keys reconciled");
    audit_reconciliation(&privacy, &report, false).await?;
    let gateway = Gateway::new(
        store,
        &config.hotels,
        factory,
        Arc::new(config.secret_stores()?),
        Registry::new(),
        config.settings.clone(),
        privacy,
        residency_summary,
    )?;
    gateway.state.privacy().set_residency_metrics(&residency);
    Ok(Started {
        gateway,
        sandbox: None,
        demo: None,
    })
}

/// Records a start-up's configuration reconciliation in the audit log (counts only).
async fn audit_reconciliation(
    privacy: &Privacy,
    report: &ReconcileReport,
    sandbox: bool,
) -> Result<(), GatewayError> {
    privacy
        .audit(
            privacy
                .event("system", "config.reconciled")
                .details(&serde_json::json!({
                    "mode": if sandbox { "sandbox" } else { "configured" },
                    "keys_added": report.keys_added,
                    "keys_updated": report.keys_updated,
                    "keys_removed": report.keys_removed,
                    "keys_revoked": report.keys_revoked,
                    "cli_keys_narrowed": report.cli_keys_narrowed,
                })),
        )
        .await?;
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let terminate = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut signal) => {
                    signal.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {},
            () = terminate => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
