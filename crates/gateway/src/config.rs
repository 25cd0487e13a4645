//! `voicehive serve` configuration: a TOML file, overridden by `VOICEHIVE_*` environment
//! variables and command-line flags. Without hotels the gateway runs in sandbox mode.
//!
//! ```toml
//! [server]
//! addr = "127.0.0.1:8080"          # VOICEHIVE_ADDR
//! data_dir = "./data"              # VOICEHIVE_DATA_DIR (the embedded SQLite file)
//! database_url = "postgres://..."  # VOICEHIVE_DATABASE_URL (default: SQLite in data_dir)
//! body_limit = 65536               # VOICEHIVE_BODY_LIMIT, bytes
//! request_timeout_secs = 15        # VOICEHIVE_REQUEST_TIMEOUT_SECS
//! rate_limit_per_second = 100      # VOICEHIVE_RATE_LIMIT_PER_SECOND, per API key, 0 = off
//! rate_limit_burst = 200           # VOICEHIVE_RATE_LIMIT_BURST
//! redis_url = "redis://127.0.0.1:6379"  # VOICEHIVE_REDIS_URL: per-key limits shared by replicas
//! reconcile_interval_secs = 5      # rounds of the unknown-outcome reconciler
//! reconcile_after_secs = 30        # rest before an unknown outcome is looked up
//! pms_probe_interval_secs = 30     # health probes of each hotel's PMS
//! max_connections = 4096           # connections served at once
//! header_read_timeout_secs = 10    # time to send request headers
//! key_refresh_interval_secs = 1    # API key cache: reads the keys changed in the database
//! key_max_staleness_secs = 5       # API key cache: refuses (503) when not refreshed for this long
//!
//! [[hotels]]                       # the same keys as a `[hotel]` file of pms-factory
//! id = "BER"
//! vendor = "apaleo"
//! property = "BER"
//! live = false
//! credentials = { client_id = "env:APALEO_CLIENT_ID", client_secret = "env:APALEO_CLIENT_SECRET" }
//!
//! [[tenants]]
//! id = "acme"
//! name = "Acme Hotels"
//! [[tenants.keys]]
//! key_sha256 = "…64 hex digits…"  # or key_env = "ACME_API_KEY"
//! scopes = ["pms:read", "pms:write"]
//! hotels = ["BER"]
//! ```

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use pms_factory::HotelConfig;
use serde::Deserialize;

use crate::{GatewayError, GatewaySettings, Scope};

/// `secs` seconds, at least one, or `default` when unset.
fn at_least_a_second(secs: Option<u64>, default: Duration) -> Duration {
    secs.map_or(default, |s| Duration::from_secs(s.max(1)))
}

/// An invalid configuration, naming the key.
fn invalid(origin: &str, message: impl Into<String>) -> GatewayError {
    GatewayError::Config {
        origin: origin.to_owned(),
        message: message.into(),
    }
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    server: RawServer,
    #[serde(default)]
    hotels: Vec<toml::Value>,
    #[serde(default)]
    tenants: Vec<RawTenant>,
    #[serde(default)]
    vault: Option<VaultSettings>,
    #[serde(default)]
    privacy: RawPrivacy,
    #[serde(default)]
    retention: compliance::retention::RetentionPolicy,
    #[serde(default)]
    residency: residency::ResidencyPolicy,
}

/// The `[privacy]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrivacy {
    pseudonym_key: Option<String>,
    audit_signing_key: Option<String>,
    due_days: Option<u32>,
    checkpoint_interval_secs: Option<u64>,
    retention_interval_secs: Option<u64>,
    #[serde(default)]
    previous_signing_keys: Vec<String>,
}

/// Where the privacy keys come from and the privacy settings.
#[derive(Debug, Clone)]
pub struct PrivacyConfig {
    /// The pseudonym key (at least 32 bytes): a secret reference (`env:`, `file:`, `vault:`).
    pub pseudonym_key: Option<credentials::SecretRef>,
    /// The Ed25519 seed that signs audit checkpoints, 64 hex digits: a secret reference.
    pub audit_signing_key: Option<credentials::SecretRef>,
    /// Deadlines, retention, schedules.
    pub settings: crate::privacy::PrivacySettings,
    /// Ids of signing keys rotated out on purpose (a start refuses a key that differs from
    /// the one of the newest checkpoint unless that one is listed).
    pub previous_signing_keys: Vec<String>,
}

/// The `[vault]` table: where `vault:` credential references are read.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VaultSettings {
    /// Vault's address, e.g. `https://vault.internal:8200`.
    pub addr: String,
    /// The environment variable holding the Vault token (default `VAULT_TOKEN`).
    #[serde(default = "default_token_env")]
    pub token_env: String,
    /// The Vault Enterprise / OpenBao namespace.
    #[serde(default)]
    pub namespace: Option<String>,
}

fn default_token_env() -> String {
    "VAULT_TOKEN".to_owned()
}

/// The `[server]` table; every key optional. `Debug` hides passwords in URLs.
#[derive(Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerOverrides {
    /// Listen address.
    pub addr: Option<SocketAddr>,
    /// Directory of the embedded SQLite database.
    pub data_dir: Option<PathBuf>,
    /// Database URL.
    pub database_url: Option<String>,
    /// Largest request body in bytes.
    pub body_limit: Option<usize>,
    /// Request deadline in seconds.
    pub request_timeout_secs: Option<u64>,
    /// Requests per second per API key.
    pub rate_limit_per_second: Option<u32>,
    /// Burst per API key.
    pub rate_limit_burst: Option<u32>,
    /// Redis URL for per-key limits shared by all replicas.
    pub redis_url: Option<String>,
    /// Seconds between reconciliation rounds of unknown booking outcomes.
    pub reconcile_interval_secs: Option<u64>,
    /// Seconds an unknown outcome rests before it is looked up.
    pub reconcile_after_secs: Option<u64>,
    /// Seconds between health probes of each hotel's PMS.
    pub pms_probe_interval_secs: Option<u64>,
    /// Connections served at once.
    pub max_connections: Option<usize>,
    /// Seconds a client has to send request headers.
    pub header_read_timeout_secs: Option<u64>,
    /// Seconds between refreshes of the in-memory API keys.
    pub key_refresh_interval_secs: Option<u64>,
    /// Seconds the in-memory API keys answer without a successful refresh.
    pub key_max_staleness_secs: Option<u64>,
}

type RawServer = ServerOverrides;

/// `url` with the password of its user information replaced by `***`
/// (`postgres://app:s3cret@db/x` → `postgres://app:***@db/x`).
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split_once(':').map_or(userinfo, |(user, _)| user);
            let hidden = if userinfo.contains(':') { ":***" } else { "" };
            format!("{scheme}://{user}{hidden}@{host}{path}")
        }
        None => url.to_owned(),
    }
}

impl std::fmt::Debug for ServerOverrides {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerOverrides")
            .field("addr", &self.addr)
            .field("data_dir", &self.data_dir)
            .field(
                "database_url",
                &self.database_url.as_deref().map(redact_url),
            )
            .field("body_limit", &self.body_limit)
            .field("request_timeout_secs", &self.request_timeout_secs)
            .field("rate_limit_per_second", &self.rate_limit_per_second)
            .field("rate_limit_burst", &self.rate_limit_burst)
            .field("redis_url", &self.redis_url.as_deref().map(redact_url))
            .field("reconcile_interval_secs", &self.reconcile_interval_secs)
            .field("reconcile_after_secs", &self.reconcile_after_secs)
            .field("pms_probe_interval_secs", &self.pms_probe_interval_secs)
            .field("max_connections", &self.max_connections)
            .field("header_read_timeout_secs", &self.header_read_timeout_secs)
            .field("key_refresh_interval_secs", &self.key_refresh_interval_secs)
            .field("key_max_staleness_secs", &self.key_max_staleness_secs)
            .finish()
    }
}

impl std::fmt::Debug for ServeConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServeConfig")
            .field("addr", &self.addr)
            .field("database_url", &redact_url(&self.database_url))
            .field("data_dir", &self.data_dir)
            .field("settings", &self.settings)
            .field("hotels", &self.hotels)
            .field("tenants", &self.tenants)
            .field("vault", &self.vault)
            .field("origin", &self.origin)
            .finish()
    }
}

impl ServerOverrides {
    /// `self` where set, else `base`.
    #[must_use]
    pub fn or(self, base: ServerOverrides) -> ServerOverrides {
        ServerOverrides {
            addr: self.addr.or(base.addr),
            data_dir: self.data_dir.or(base.data_dir),
            database_url: self.database_url.or(base.database_url),
            body_limit: self.body_limit.or(base.body_limit),
            request_timeout_secs: self.request_timeout_secs.or(base.request_timeout_secs),
            rate_limit_per_second: self.rate_limit_per_second.or(base.rate_limit_per_second),
            rate_limit_burst: self.rate_limit_burst.or(base.rate_limit_burst),
            redis_url: self.redis_url.or(base.redis_url),
            reconcile_interval_secs: self
                .reconcile_interval_secs
                .or(base.reconcile_interval_secs),
            reconcile_after_secs: self.reconcile_after_secs.or(base.reconcile_after_secs),
            pms_probe_interval_secs: self
                .pms_probe_interval_secs
                .or(base.pms_probe_interval_secs),
            max_connections: self.max_connections.or(base.max_connections),
            header_read_timeout_secs: self
                .header_read_timeout_secs
                .or(base.header_read_timeout_secs),
            key_refresh_interval_secs: self
                .key_refresh_interval_secs
                .or(base.key_refresh_interval_secs),
            key_max_staleness_secs: self.key_max_staleness_secs.or(base.key_max_staleness_secs),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTenant {
    id: String,
    #[serde(default)]
    name: Option<String>,
    /// The hotels the tenant owns; default: every hotel its keys name.
    #[serde(default)]
    hotels: Option<Vec<String>>,
    #[serde(default)]
    keys: Vec<RawKey>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKey {
    #[serde(default)]
    key_sha256: Option<String>,
    #[serde(default)]
    key_env: Option<String>,
    scopes: Vec<String>,
    hotels: Vec<String>,
}

/// A configured API key (its hash only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyConfig {
    /// Hex SHA-256 of the key.
    pub key_sha256: String,
    /// Scopes.
    pub scopes: Vec<Scope>,
    /// Hotels.
    pub hotels: Vec<String>,
}

/// A configured tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantConfig {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The hotels it owns (a hotel belongs to one tenant; its keys may name only these).
    pub hotels: Vec<String>,
    /// Its keys.
    pub keys: Vec<KeyConfig>,
}

/// The resolved configuration of `voicehive serve`. `Debug` hides passwords in URLs.
#[derive(Clone)]
pub struct ServeConfig {
    /// Listen address (default 127.0.0.1:8080).
    pub addr: SocketAddr,
    /// Database URL (default SQLite at `./data/voicehive.db`).
    pub database_url: String,
    /// The embedded database's directory, created at start-up when the default is used.
    pub data_dir: Option<PathBuf>,
    /// Limits and timeouts.
    pub settings: GatewaySettings,
    /// Hotels; none means sandbox mode.
    pub hotels: Vec<HotelConfig>,
    /// Tenants and keys.
    pub tenants: Vec<TenantConfig>,
    /// Vault, for `vault:` credential references.
    pub vault: Option<VaultSettings>,
    /// Privacy keys and settings (`[privacy]`, `[retention]`).
    pub privacy: PrivacyConfig,
    /// Allowed EU regions and hosts for outbound endpoints (`[residency]`).
    pub residency: residency::ResidencyPolicy,
    /// Where the configuration came from (for errors at start-up).
    pub origin: String,
}

impl ServeConfig {
    /// Whether no hotels are configured, so the embedded sandboxes serve BER and ZRH (Apaleo) and
    /// MEWS-BER and MEWS-ZRH (Mews).
    pub fn sandbox_mode(&self) -> bool {
        self.hotels.is_empty()
    }

    /// The database `voicehive serve` uses: in sandbox mode without an explicit database URL,
    /// `DATA_DIR/sandbox.db` (a file of its own, so the demo tenant never lands in the file a
    /// configured gateway uses, while the audit log of a sandbox session outlives it);
    /// otherwise `database_url`.
    pub fn effective_database_url(&self) -> String {
        match &self.data_dir {
            Some(dir) if self.sandbox_mode() => {
                format!("sqlite://{}?mode=rwc", dir.join("sandbox.db").display())
            }
            _ => self.database_url.clone(),
        }
    }

    /// This configuration with `database_url` and `redis_url` resolved where they are secret
    /// references (`env:`, `file:`, `vault:`: URLs with passwords belong in the secret store,
    /// not in the file). Call it before connecting; the result holds the real URLs.
    pub async fn resolve(&self) -> Result<ServeConfig, GatewayError> {
        use credentials::SecretStore;
        use secrecy::ExposeSecret;
        let mut out = self.clone();
        let references = [
            ("server.database_url", is_secret_ref(&self.database_url)),
            (
                "server.redis_url",
                self.settings
                    .redis_url
                    .as_deref()
                    .is_some_and(is_secret_ref),
            ),
        ];
        if references.iter().all(|(_, r)| !r) {
            return Ok(out);
        }
        let stores = self.secret_stores()?;
        let stores = &stores;
        let read = |key: &'static str, value: String| async move {
            let reference: credentials::SecretRef = value
                .parse()
                .map_err(|e| invalid(&self.origin, format!("{key}: {e}")))?;
            let secret = stores
                .get(&reference)
                .await
                .map_err(|e| invalid(&self.origin, format!("{key}: {e}")))?;
            Ok::<String, GatewayError>(secret.expose_secret().trim().to_owned())
        };
        if references[0].1 {
            out.database_url = read("server.database_url", self.database_url.clone()).await?;
        }
        if references[1].1
            && let Some(reference) = self.settings.redis_url.clone()
        {
            let url = read("server.redis_url", reference).await?;
            redis::Client::open(url.as_str()).map_err(|_| {
                invalid(
                    &self.origin,
                    "server.redis_url: the secret is not a Redis URL (redis:// or rediss://HOST:PORT)",
                )
            })?;
            out.settings.redis_url = Some(url);
        }
        Ok(out)
    }

    /// Every outbound endpoint of this configuration: each hotel's PMS API and identity
    /// hosts (the vendor's defaults where none are configured), Vault, the database, Redis.
    /// (No object storage is configured: access exports live in the database.)
    pub fn endpoints(&self) -> Vec<residency::Endpoint> {
        use residency::{Endpoint, EndpointKind};
        let mut out = Vec::new();
        for hotel in &self.hotels {
            // The vendors' default hosts, where a connector has them (the reference connector
            // runs in-process and has none).
            let (api, identity) = match hotel.vendor.as_str() {
                "apaleo" => (
                    Some("https://api.apaleo.com"),
                    Some("https://identity.apaleo.com"),
                ),
                // Mews has no identity host: its tokens travel in the request body.
                "mews" => (Some("https://api.mews.com"), None),
                _ => (None, None),
            };
            if let Some(api) = hotel.endpoints.api.as_deref().or(api) {
                out.push(Endpoint::new(EndpointKind::PmsApi, hotel.id.clone(), api));
            }
            if let Some(identity) = hotel.endpoints.identity.as_deref().or(identity) {
                out.push(Endpoint::new(
                    EndpointKind::PmsIdentity,
                    hotel.id.clone(),
                    identity,
                ));
            }
        }
        if let Some(vault) = &self.vault {
            out.push(Endpoint::new(
                EndpointKind::Vault,
                "vault",
                vault.addr.clone(),
            ));
        }
        out.push(Endpoint::new(
            EndpointKind::Database,
            "gateway",
            self.effective_database_url(),
        ));
        if let Some(redis) = &self.settings.redis_url {
            out.push(Endpoint::new(EndpointKind::Redis, "gateway", redis.clone()));
        }
        out
    }

    /// Checks every outbound endpoint against the `[residency]` policy. An endpoint outside
    /// the allowed EU regions, or one nobody placed, refuses the start unless it is listed
    /// in `residency.allow_non_eu`.
    pub fn check_residency(&self) -> Result<residency::ResidencyReport, GatewayError> {
        let report = residency::check_all(&self.endpoints(), &self.residency);
        let refused: Vec<String> = report
            .refused()
            .map(|e| format!("{} `{}` ({}): {}", e.kind, e.name, e.host, e.verdict.reason))
            .collect();
        if !refused.is_empty() {
            return Err(invalid(
                &self.origin,
                format!(
                    "endpoints outside the allowed EU regions (declare EU hosts in residency.eu_hosts, or allow one explicitly in residency.allow_non_eu): {}",
                    refused.join("; ")
                ),
            ));
        }
        Ok(report)
    }

    /// The privacy keys: from the configured secret references, or else from
    /// `DATA_DIR/keys/` (created with random keys on first use, readable by the owner only),
    /// or, for an in-memory database, random keys that live as long as it. Any other database
    /// needs both references configured.
    pub async fn privacy_keys(&self) -> Result<crate::privacy::PrivacyKeys, GatewayError> {
        self.privacy_keys_with(true).await
    }

    /// [`ServeConfig::privacy_keys`] without creating missing key files: for tools that read
    /// the records (a new key would verify nothing and sign checkpoints no one can check).
    pub async fn existing_privacy_keys(&self) -> Result<crate::privacy::PrivacyKeys, GatewayError> {
        self.privacy_keys_with(false).await
    }

    async fn privacy_keys_with(
        &self,
        create: bool,
    ) -> Result<crate::privacy::PrivacyKeys, GatewayError> {
        use credentials::SecretStore;
        use secrecy::ExposeSecret;
        let bad = |m: String| invalid(&self.origin, m);
        match (&self.privacy.pseudonym_key, &self.privacy.audit_signing_key) {
            (Some(pseudonym), Some(signing)) => {
                let stores = self.secret_stores()?;
                let pseudonym = stores
                    .get(pseudonym)
                    .await
                    .map_err(|e| bad(format!("privacy.pseudonym_key: {e}")))?;
                let signing = stores
                    .get(signing)
                    .await
                    .map_err(|e| bad(format!("privacy.audit_signing_key: {e}")))?;
                crate::privacy::PrivacyKeys::new(
                    pseudonym.expose_secret().trim().as_bytes(),
                    signing.expose_secret(),
                )
                .map_err(|e| bad(format!("privacy keys: {e}")))
            }
            // An in-memory database lives as long as the process: so may its keys.
            (None, None) if self.effective_database_url().contains(":memory:") => {
                crate::privacy::PrivacyKeys::random().map_err(GatewayError::Startup)
            }
            (None, None) => {
                let Some(dir) = &self.data_dir else {
                    return Err(bad(
                        "privacy.pseudonym_key and privacy.audit_signing_key are required when the database is not the embedded one".to_owned(),
                    ));
                };
                let dir = dir.join("keys");
                let complete =
                    dir.join("audit-signing.key").exists() && dir.join("pseudonym.key").exists();
                if !create && !complete {
                    return Err(GatewayError::Startup(format!(
                        "no privacy keys in {}: has `voicehive serve` run on this data directory? (or configure privacy.pseudonym_key and privacy.audit_signing_key)",
                        dir.display()
                    )));
                }
                let pseudonym = key_file(&dir.join("pseudonym.key"))
                    .map_err(|e| GatewayError::Startup(format!("privacy keys: {e}")))?;
                let signing = key_file(&dir.join("audit-signing.key"))
                    .map_err(|e| GatewayError::Startup(format!("privacy keys: {e}")))?;
                crate::privacy::PrivacyKeys::new(pseudonym.as_bytes(), &signing)
                    .map_err(|e| bad(format!("privacy keys: {e}")))
            }
            _ => Err(bad(
                "privacy: give both pseudonym_key and audit_signing_key, or neither (keys kept in the data directory)".to_owned(),
            )),
        }
    }

    /// Resolves the configuration: `overrides` (flags and environment) over the file at
    /// `path` (if any) over the defaults.
    pub fn load(path: Option<&Path>, overrides: ServerOverrides) -> Result<Self, GatewayError> {
        match path {
            Some(path) => {
                let origin = path.display().to_string();
                let text = std::fs::read_to_string(path)
                    .map_err(|e| invalid(&origin, format!("cannot read the file: {e}")))?;
                Self::from_toml(&text, &origin, overrides)
            }
            None => Self::from_toml("", "defaults", overrides),
        }
    }

    /// Parses `text` (see the module documentation); `origin` names it in errors.
    pub fn from_toml(
        text: &str,
        origin: &str,
        overrides: ServerOverrides,
    ) -> Result<Self, GatewayError> {
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let position = e.span().map(|span| {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                format!("line {line}: ")
            });
            invalid(
                origin,
                format!("{}{}", position.unwrap_or_default(), e.message()),
            )
        })?;
        let server = overrides.or(raw.server);
        let mut hotels = Vec::new();
        for (i, value) in raw.hotels.into_iter().enumerate() {
            let hotel = HotelConfig::from_value(value, &format!("{origin}: hotels[{i}]"))?;
            if hotels.iter().any(|h: &HotelConfig| h.id == hotel.id) {
                return Err(invalid(
                    origin,
                    format!("hotels[{i}].id: `{}` is configured twice", hotel.id),
                ));
            }
            hotels.push(hotel);
        }
        let mut tenants = Vec::new();
        for (t, tenant) in raw.tenants.into_iter().enumerate() {
            if tenant.id.is_empty()
                || !tenant
                    .id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err(invalid(
                    origin,
                    format!("tenants[{t}].id: letters, digits, `-` and `_` only"),
                ));
            }
            if tenant.id == crate::DEMO_TENANT {
                return Err(invalid(
                    origin,
                    format!(
                        "tenants[{t}].id: `{}` is reserved for the sandbox's demo tenant",
                        crate::DEMO_TENANT
                    ),
                ));
            }
            if tenants
                .iter()
                .any(|other: &TenantConfig| other.id == tenant.id)
            {
                return Err(invalid(
                    origin,
                    format!("tenants[{t}].id: `{}` is configured twice", tenant.id),
                ));
            }
            let owned: Option<Vec<String>> = tenant.hotels.clone();
            let mut keys = Vec::new();
            for (k, key) in tenant.keys.into_iter().enumerate() {
                let at = format!("tenants[{t}].keys[{k}]");
                let key_sha256 = match (key.key_sha256, key.key_env) {
                    (Some(hash), None) => {
                        let hash = hash.to_ascii_lowercase();
                        if hash.len() != 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
                            return Err(invalid(
                                origin,
                                format!("{at}.key_sha256: 64 hex digits (sha256 of the key)"),
                            ));
                        }
                        hash
                    }
                    (None, Some(var)) => match std::env::var(&var) {
                        Ok(key) if !key.trim().is_empty() => {
                            crate::auth::check_key_format(key.trim()).map_err(|e| {
                                invalid(origin, format!("{at}.key_env: `{var}`: {e}"))
                            })?;
                            crate::auth::hash_key(key.trim())
                        }
                        _ => {
                            return Err(invalid(
                                origin,
                                format!("{at}.key_env: the variable `{var}` is not set"),
                            ));
                        }
                    },
                    _ => {
                        return Err(invalid(
                            origin,
                            format!("{at}: give exactly one of key_sha256 and key_env"),
                        ));
                    }
                };
                let mut scopes = Vec::new();
                for scope in key.scopes {
                    scopes.push(
                        scope
                            .parse::<Scope>()
                            .map_err(|e| invalid(origin, format!("{at}.scopes: {e}")))?,
                    );
                }
                for hotel in &key.hotels {
                    if !hotels.is_empty() && !hotels.iter().any(|h| &h.id == hotel) {
                        return Err(invalid(
                            origin,
                            format!("{at}.hotels: `{hotel}` is not a configured hotel"),
                        ));
                    }
                }
                if let Some(owned) = &owned
                    && let Some(hotel) = key.hotels.iter().find(|h| !owned.contains(h))
                {
                    return Err(invalid(
                        origin,
                        format!(
                            "{at}.hotels: `{hotel}` is not one of tenants[{t}].hotels (a key may name only its tenant's hotels)"
                        ),
                    ));
                }
                if keys.iter().any(|k: &KeyConfig| k.key_sha256 == key_sha256)
                    || tenants
                        .iter()
                        .flat_map(|t: &TenantConfig| t.keys.iter())
                        .any(|k| k.key_sha256 == key_sha256)
                {
                    return Err(invalid(
                        origin,
                        format!("{at}: the same key is configured twice"),
                    ));
                }
                keys.push(KeyConfig {
                    key_sha256,
                    scopes,
                    hotels: key.hotels,
                });
            }
            let hotels_owned = owned.unwrap_or_else(|| {
                let mut all: Vec<String> = keys.iter().flat_map(|k| k.hotels.clone()).collect();
                all.sort();
                all.dedup();
                all
            });
            for hotel in &hotels_owned {
                if !hotels.is_empty() && !hotels.iter().any(|h| &h.id == hotel) {
                    return Err(invalid(
                        origin,
                        format!("tenants[{t}].hotels: `{hotel}` is not a configured hotel"),
                    ));
                }
                if let Some(other) = tenants
                    .iter()
                    .find(|o: &&TenantConfig| o.hotels.contains(hotel))
                {
                    return Err(invalid(
                        origin,
                        format!(
                            "tenants[{t}]: hotel `{hotel}` already belongs to tenant `{}` (a hotel belongs to one tenant)",
                            other.id
                        ),
                    ));
                }
            }
            tenants.push(TenantConfig {
                name: tenant.name.unwrap_or_else(|| tenant.id.clone()),
                id: tenant.id,
                hotels: hotels_owned,
                keys,
            });
        }
        let defaults = GatewaySettings::default();
        let settings = GatewaySettings {
            body_limit: server.body_limit.unwrap_or(defaults.body_limit),
            request_timeout: at_least_a_second(
                server.request_timeout_secs,
                defaults.request_timeout,
            ),
            rate_limit_per_second: server
                .rate_limit_per_second
                .unwrap_or(defaults.rate_limit_per_second),
            rate_limit_burst: server.rate_limit_burst.unwrap_or(defaults.rate_limit_burst),
            redis_url: match server.redis_url {
                // A secret reference is resolved (and checked) at start-up.
                Some(url) if is_secret_ref(&url) => Some(url),
                Some(url) => {
                    redis::Client::open(url.as_str()).map_err(|_| {
                        invalid(
                            origin,
                            "server.redis_url: not a Redis URL (redis://HOST:PORT)".to_owned(),
                        )
                    })?;
                    Some(url)
                }
                None => None,
            },
            reconcile_interval: at_least_a_second(
                server.reconcile_interval_secs,
                defaults.reconcile_interval,
            ),
            reconcile_after: server
                .reconcile_after_secs
                .map_or(defaults.reconcile_after, Duration::from_secs),
            pms_probe_interval: at_least_a_second(
                server.pms_probe_interval_secs,
                defaults.pms_probe_interval,
            ),
            max_connections: server
                .max_connections
                .map_or(defaults.max_connections, |n| n.max(1)),
            header_read_timeout: at_least_a_second(
                server.header_read_timeout_secs,
                defaults.header_read_timeout,
            ),
            key_refresh_interval: at_least_a_second(
                server.key_refresh_interval_secs,
                defaults.key_refresh_interval,
            ),
            key_max_staleness: at_least_a_second(
                server.key_max_staleness_secs,
                defaults.key_max_staleness,
            ),
            ..defaults
        };
        if settings.key_max_staleness <= settings.key_refresh_interval {
            return Err(invalid(
                origin,
                format!(
                    "server.key_max_staleness_secs ({}) must be longer than server.key_refresh_interval_secs ({}): \
                     otherwise every refresh that is a little late refuses all requests",
                    settings.key_max_staleness.as_secs(),
                    settings.key_refresh_interval.as_secs()
                ),
            ));
        }
        let (database_url, data_dir) = match server.database_url {
            Some(url) => (url, None),
            None => {
                let dir = server.data_dir.unwrap_or_else(|| PathBuf::from("./data"));
                (
                    format!("sqlite://{}?mode=rwc", dir.join("voicehive.db").display()),
                    Some(dir),
                )
            }
        };
        let privacy_settings = {
            let defaults = crate::privacy::PrivacySettings::default();
            let due_days = raw.privacy.due_days.unwrap_or(defaults.due_days);
            compliance::dsar::check_due_days(due_days)
                .map_err(|e| invalid(origin, e.to_string()))?;
            raw.retention
                .validate()
                .map_err(|e| invalid(origin, e.to_string()))?;
            crate::privacy::PrivacySettings {
                due_days,
                retention: raw.retention,
                checkpoint_interval: at_least_a_second(
                    raw.privacy.checkpoint_interval_secs,
                    defaults.checkpoint_interval,
                ),
                retention_interval: at_least_a_second(
                    raw.privacy.retention_interval_secs,
                    defaults.retention_interval,
                ),
            }
        };
        let secret_ref = |key: &str, value: Option<String>| {
            value
                .map(|v| {
                    v.parse::<credentials::SecretRef>().map_err(|e| {
                        invalid(
                            origin,
                            format!(
                                "privacy.{key}: {e} (env:NAME, file:PATH or vault:MOUNT/PATH#KEY)"
                            ),
                        )
                    })
                })
                .transpose()
        };
        let privacy = PrivacyConfig {
            pseudonym_key: secret_ref("pseudonym_key", raw.privacy.pseudonym_key)?,
            audit_signing_key: secret_ref("audit_signing_key", raw.privacy.audit_signing_key)?,
            settings: privacy_settings,
            previous_signing_keys: raw.privacy.previous_signing_keys,
        };
        Ok(Self {
            residency: raw.residency,
            privacy,
            addr: server
                .addr
                .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080))),
            database_url,
            data_dir,
            settings,
            hotels,
            tenants,
            vault: raw.vault,
            origin: origin.to_owned(),
        })
    }

    /// The secret stores for the configured hotels: environment and files, plus Vault when
    /// `[vault]` is configured (its token read from `token_env`).
    pub fn secret_stores(&self) -> Result<credentials::SecretStores, GatewayError> {
        let stores = credentials::SecretStores::new();
        let Some(vault) = &self.vault else {
            return Ok(stores);
        };
        let token = std::env::var(&vault.token_env)
            .ok()
            .filter(|t| !t.trim().is_empty())
            .ok_or_else(|| {
                invalid(
                    &self.origin,
                    format!(
                        "vault.token_env: the variable `{}` is not set",
                        vault.token_env
                    ),
                )
            })?;
        let store = credentials::VaultStore::new(credentials::VaultConfig {
            addr: vault.addr.clone(),
            token: credentials::SecretString::from(token),
            namespace: vault.namespace.clone(),
            timeout: Duration::from_secs(5),
        })
        .map_err(|e| invalid(&self.origin, format!("vault.addr: {e}")))?;
        Ok(stores.with_vault(store))
    }
}

/// Whether a configuration value is a secret reference rather than the value itself.
fn is_secret_ref(value: &str) -> bool {
    ["env:", "file:", "vault:"]
        .iter()
        .any(|scheme| value.starts_with(scheme))
}

/// Reads a key file, or creates it with 32 random bytes in hex (mode 0600 on Unix).
fn key_file(path: &Path) -> Result<String, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text.trim().to_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("creating {}: {e}", dir.display()))?;
            }
            let mut bytes = [0u8; 32];
            getrandom::fill(&mut bytes).map_err(|e| format!("random: {e}"))?;
            let text = compliance::hex::encode(&bytes);
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(path) {
                Ok(mut file) => {
                    std::io::Write::write_all(&mut file, text.as_bytes())
                        .map_err(|e| format!("writing {}: {e}", path.display()))?;
                    Ok(text)
                }
                // Another process created it meanwhile: use theirs.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    std::fs::read_to_string(path)
                        .map(|t| t.trim().to_owned())
                        .map_err(|e| format!("reading {}: {e}", path.display()))
                }
                Err(e) => Err(format!("creating {}: {e}", path.display())),
            }
        }
        Err(e) => Err(format!("reading {}: {e}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        match ServeConfig::from_toml(text, "test.toml", ServerOverrides::default()) {
            Ok(_) => String::new(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn debug_hides_passwords_in_urls() {
        assert_eq!(
            redact_url("postgres://app:s3cret@db:5432/x?sslmode=require"),
            "postgres://app:***@db:5432/x?sslmode=require"
        );
        assert_eq!(
            redact_url("redis://:pw@cache:6379"),
            "redis://:***@cache:6379"
        );
        assert_eq!(redact_url("redis://cache:6379"), "redis://cache:6379");
        let overrides = ServerOverrides {
            database_url: Some("postgres://app:s3cret@db/x".to_owned()),
            redis_url: Some("redis://u:hunter2@cache/0".to_owned()),
            ..ServerOverrides::default()
        };
        let config =
            ServeConfig::from_toml("", "t", overrides.clone()).unwrap_or_else(|e| panic!("{e}"));
        for text in [format!("{overrides:?}"), format!("{config:?}")] {
            assert!(
                !text.contains("s3cret") && !text.contains("hunter2"),
                "{text}"
            );
            assert!(text.contains("***"), "{text}");
        }
    }

    #[test]
    fn tenants_own_their_hotels() {
        let hotel = |id: &str| {
            format!(
                "[[hotels]]\nid = \"{id}\"\nvendor = \"apaleo\"\nproperty = \"BER\"\nlive = false\ncredentials = {{ client_id = \"env:A\", client_secret = \"env:B\" }}\n"
            )
        };
        let key = |hash: &str, hotels: &str| {
            format!(
                "[[tenants.keys]]\nkey_sha256 = \"{hash}\"\nscopes = [\"pms:read\"]\nhotels = [{hotels}]\n"
            )
        };
        let h1 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        let h2 = "ca7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        let base = format!("{}{}", hotel("a"), hotel("b"));
        // A key naming a hotel its tenant does not own.
        let text = format!(
            "{base}[[tenants]]\nid = \"t1\"\nhotels = [\"a\"]\n{}",
            key(h1, "\"b\"")
        );
        assert!(
            error(&text).contains("not one of tenants[0].hotels"),
            "{}",
            error(&text)
        );
        // Two tenants claiming one hotel (through their keys).
        let text = format!(
            "{base}[[tenants]]\nid = \"t1\"\n{}[[tenants]]\nid = \"t2\"\n{}",
            key(h1, "\"a\""),
            key(h2, "\"a\"")
        );
        assert!(
            error(&text).contains("already belongs to tenant `t1`"),
            "{}",
            error(&text)
        );
        // The demo tenant's id is reserved.
        let text = format!("{base}[[tenants]]\nid = \"demo\"\n{}", key(h1, "\"a\""));
        assert!(error(&text).contains("reserved"), "{}", error(&text));
        // Owned hotels default to the keys' hotels.
        let text = format!(
            "{base}[[tenants]]\nid = \"t1\"\n{}",
            key(h1, "\"a\", \"b\"")
        );
        let config = ServeConfig::from_toml(&text, "t", ServerOverrides::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            config.tenants[0].hotels,
            vec!["a".to_owned(), "b".to_owned()]
        );
    }

    #[test]
    fn sandbox_mode_keeps_its_database_in_memory() {
        let sandbox = ServeConfig::from_toml("", "t", ServerOverrides::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            sandbox.effective_database_url(),
            format!(
                "sqlite://{}?mode=rwc",
                std::path::Path::new("./data").join("sandbox.db").display()
            )
        );
        let explicit = ServerOverrides {
            database_url: Some("postgres://u@h/db".to_owned()),
            ..ServerOverrides::default()
        };
        let config = ServeConfig::from_toml("", "t", explicit).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.effective_database_url(), "postgres://u@h/db");
    }

    #[tokio::test]
    async fn database_and_redis_urls_may_be_secret_references() {
        let dir = std::env::temp_dir().join(format!("gateway-config-refs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let db = dir.join("database-url");
        std::fs::write(
            &db,
            "postgres://app:s3cret@db.internal:5432/voicehive?sslmode=require\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let text = format!(
            "[server]\ndatabase_url = \"file:{}\"\nredis_url = \"file:{}\"\n",
            db.display(),
            dir.join("missing").display()
        );
        let config = ServeConfig::from_toml(&text, "t", ServerOverrides::default())
            .unwrap_or_else(|e| panic!("{e}"));
        // The file holds no Redis URL: resolving names the key, never the secret.
        let error = config
            .resolve()
            .await
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("server.redis_url"), "{error}");
        let redis = dir.join("redis-url");
        std::fs::write(&redis, "rediss://:token@cache.internal:6379")
            .unwrap_or_else(|e| panic!("{e}"));
        let text = text.replace(
            &dir.join("missing").display().to_string(),
            &redis.display().to_string(),
        );
        let config = ServeConfig::from_toml(&text, "t", ServerOverrides::default())
            .unwrap_or_else(|e| panic!("{e}"));
        let resolved = config.resolve().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            resolved.database_url,
            "postgres://app:s3cret@db.internal:5432/voicehive?sslmode=require"
        );
        assert_eq!(
            resolved.settings.redis_url.as_deref(),
            Some("rediss://:token@cache.internal:6379")
        );
        assert!(!format!("{resolved:?}").contains("s3cret"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn redis_over_tls_is_accepted() {
        // ElastiCache with encryption in transit: `rediss://` (the client speaks TLS).
        let config = ServeConfig::from_toml(
            "[server]\nredis_url = \"rediss://:token@cache.internal:6379\"\n",
            "t",
            ServerOverrides::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            config.settings.redis_url.as_deref(),
            Some("rediss://:token@cache.internal:6379")
        );
    }

    #[test]
    fn defaults_are_sandbox_mode() {
        let config = ServeConfig::from_toml("", "defaults", ServerOverrides::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(config.sandbox_mode());
        assert_eq!(config.addr.to_string(), "127.0.0.1:8080");
        assert_eq!(config.database_url, "sqlite://./data/voicehive.db?mode=rwc");
    }

    #[test]
    fn key_cache_settings_default_and_are_validated() {
        let defaults = ServeConfig::from_toml("", "t", ServerOverrides::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            defaults.settings.key_refresh_interval,
            Duration::from_secs(1)
        );
        assert_eq!(defaults.settings.key_max_staleness, Duration::from_secs(5));
        let text = "[server]\nkey_refresh_interval_secs = 2\nkey_max_staleness_secs = 10\n";
        let config = ServeConfig::from_toml(text, "t", ServerOverrides::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.settings.key_refresh_interval, Duration::from_secs(2));
        assert_eq!(config.settings.key_max_staleness, Duration::from_secs(10));
        let message =
            error("[server]\nkey_refresh_interval_secs = 5\nkey_max_staleness_secs = 5\n");
        assert!(message.contains("key_max_staleness_secs"), "{message}");
        assert!(!error("[server]\nkey_max_staleness_secs = 1\n").is_empty());
    }

    #[test]
    fn overrides_win_over_the_file() {
        let text = "[server]\naddr = \"127.0.0.1:9000\"\nbody_limit = 10\n";
        let overrides = ServerOverrides {
            addr: "127.0.0.1:9001".parse().ok(),
            ..ServerOverrides::default()
        };
        let config = ServeConfig::from_toml(text, "t", overrides).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.addr.to_string(), "127.0.0.1:9001");
        assert_eq!(config.settings.body_limit, 10);
    }

    #[test]
    fn hotels_and_tenants_parse() {
        let text = r#"
[[hotels]]
id = "BER"
vendor = "apaleo"
property = "BER"
live = false
credentials = { client_id = "env:A", client_secret = "env:B" }

[[tenants]]
id = "acme"
[[tenants.keys]]
key_sha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
scopes = ["pms:read"]
hotels = ["BER"]
"#;
        let config = ServeConfig::from_toml(text, "t", ServerOverrides::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!config.sandbox_mode());
        assert_eq!(config.tenants[0].keys[0].scopes, vec![Scope::PmsRead]);
    }

    /// A Mews hotel without an endpoint talks to Mews's production host, which the residency
    /// check then sees: it must be declared, like Apaleo's.
    #[test]
    fn a_mews_hotel_is_checked_at_its_default_host() {
        let hotel = "[[hotels]]\nid = \"MEWS-BER\"\nvendor = \"mews\"\nproperty = \"5c4f0a9e-8b1d-4d7e-9f3a-6b2e1c0d4b01\"\nlive = true\ncredentials = { client_token = \"env:A\", access_token = \"env:B\" }\n";
        let config = ServeConfig::from_toml(hotel, "t", ServerOverrides::default())
            .unwrap_or_else(|e| panic!("{e}"));
        let urls: Vec<String> = config
            .endpoints()
            .into_iter()
            .filter(|e| e.name == "MEWS-BER")
            .map(|e| e.url)
            .collect();
        assert_eq!(urls, ["https://api.mews.com"]);
        let refused = config
            .check_residency()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(refused.contains("api.mews.com"), "{refused}");
        let declared = format!("{hotel}\n[residency]\neu_hosts = [\"api.mews.com\"]\n");
        let config = ServeConfig::from_toml(&declared, "t", ServerOverrides::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(config.check_residency().is_ok());
    }

    #[test]
    fn errors_name_the_key() {
        assert!(error("[server]\nport = 1\n").contains("unknown field `port`"));
        assert!(error("[server]\naddr = \"nowhere\"\n").contains("line 2"));
        let bad_scope = "[[tenants]]\nid = \"a\"\n[[tenants.keys]]\nkey_sha256 = \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"\nscopes = [\"root\"]\nhotels = []\n";
        assert!(error(bad_scope).contains("tenants[0].keys[0].scopes"));
        let bad_hotel =
            "[[hotels]]\nid = \"B R\"\nvendor = \"apaleo\"\nproperty = \"BER\"\nlive = false\n";
        let message = error(bad_hotel);
        assert!(
            message.contains("hotels[0]") && message.contains("hotel.id"),
            "{message}"
        );
    }
}
