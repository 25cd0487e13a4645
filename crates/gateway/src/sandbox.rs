//! The embedded default PMS: an in-process Apaleo sandbox (hotels BER, ZRH) and an in-process
//! Mews sandbox (hotels MEWS-BER, MEWS-ZRH), whose seeded hotels the gateway serves, with their
//! demo credentials held in memory: two vendors behind one API with no configuration.

use std::collections::BTreeMap;
use std::sync::Arc;

use apaleo_sandbox::{ApaleoSandbox, RunningSandbox, SandboxConfig};
use async_trait::async_trait;
use credentials::{CredentialError, SecretRef, SecretStore, SecretString};
use mews_sandbox::{MewsSandbox, MewsSandboxConfig, RunningMewsSandbox};
use pms_contract::PropertyId;
use pms_factory::{Endpoints, HotelConfig};

use crate::GatewayError;

/// The seeded Apaleo sandbox properties (hotel id = property id).
pub const SANDBOX_HOTELS: [&str; 2] = ["BER", "ZRH"];

/// The seeded Mews sandbox enterprises: (hotel id, Mews `EnterpriseId`).
pub const MEWS_SANDBOX_HOTELS: [(&str, &str); 2] = [
    ("MEWS-BER", mews_sandbox::berlin::ENTERPRISE_ID),
    ("MEWS-ZRH", mews_sandbox::zurich::ENTERPRISE_ID),
];

const CLIENT_ID_REF: &str = "VOICEHIVE_SANDBOX_CLIENT_ID";
const CLIENT_SECRET_REF: &str = "VOICEHIVE_SANDBOX_CLIENT_SECRET";
const MEWS_CLIENT_TOKEN_REF: &str = "VOICEHIVE_SANDBOX_MEWS_CLIENT_TOKEN";
const MEWS_ACCESS_TOKEN_REFS: [&str; 2] = [
    "VOICEHIVE_SANDBOX_MEWS_ACCESS_TOKEN_BERLIN",
    "VOICEHIVE_SANDBOX_MEWS_ACCESS_TOKEN_ZURICH",
];
const MEWS_ACCESS_TOKENS: [&str; 2] = [
    mews_sandbox::berlin::ACCESS_TOKEN,
    mews_sandbox::zurich::ACCESS_TOKEN,
];

/// Secrets held in memory, keyed by their reference (e.g. `env:NAME`); nothing else resolves.
#[derive(Clone, Default)]
pub struct MemorySecrets {
    values: BTreeMap<String, String>,
}

impl std::fmt::Debug for MemorySecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemorySecrets")
            .field("references", &self.values.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl MemorySecrets {
    /// Holds `value` for `reference`.
    #[must_use]
    pub fn with(mut self, reference: &SecretRef, value: &str) -> Self {
        self.values.insert(reference.to_string(), value.to_owned());
        self
    }
}

#[async_trait]
impl SecretStore for MemorySecrets {
    async fn get(&self, reference: &SecretRef) -> Result<SecretString, CredentialError> {
        self.values
            .get(&reference.to_string())
            .map(|v| SecretString::from(v.clone()))
            .ok_or_else(|| CredentialError::NotFound {
                reference: reference.to_string(),
            })
    }
}

/// The running in-process sandboxes and the hotel configurations pointing at them.
#[derive(Debug)]
pub struct EmbeddedSandbox {
    running: RunningSandbox,
    mews: RunningMewsSandbox,
    hotels: Vec<HotelConfig>,
    secrets: Arc<MemorySecrets>,
}

impl EmbeddedSandbox {
    /// Starts the sandbox on a free local port.
    pub async fn start() -> Result<Self, GatewayError> {
        Self::start_with(SandboxConfig::default()).await
    }

    /// Starts the Apaleo sandbox set up by `config` (and the Mews sandbox) on free local
    /// ports.
    pub async fn start_with(config: SandboxConfig) -> Result<Self, GatewayError> {
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
        let running = ApaleoSandbox::new(config)
            .start(addr)
            .await
            .map_err(|e| GatewayError::Startup(format!("starting the Apaleo sandbox: {e}")))?;
        let id_ref = SecretRef::Env {
            var: CLIENT_ID_REF.to_owned(),
        };
        let secret_ref = SecretRef::Env {
            var: CLIENT_SECRET_REF.to_owned(),
        };
        let mews = MewsSandbox::new(MewsSandboxConfig::default())
            .start(addr)
            .await
            .map_err(|e| GatewayError::Startup(format!("starting the Mews sandbox: {e}")))?;
        let env_ref = |var: &str| SecretRef::Env {
            var: var.to_owned(),
        };
        let mut secrets = MemorySecrets::default()
            .with(&id_ref, running.client_id())
            .with(&secret_ref, running.client_secret())
            .with(&env_ref(MEWS_CLIENT_TOKEN_REF), mews_sandbox::CLIENT_TOKEN);
        for (var, token) in MEWS_ACCESS_TOKEN_REFS.iter().zip(MEWS_ACCESS_TOKENS) {
            secrets = secrets.with(&env_ref(var), token);
        }
        let mut hotels = Vec::new();
        for id in SANDBOX_HOTELS {
            let property = PropertyId::new(id)
                .map_err(|e| GatewayError::Startup(format!("sandbox hotel {id}: {e}")))?;
            hotels.push(HotelConfig {
                id: id.to_owned(),
                vendor: "apaleo".to_owned(),
                property,
                account: Some("sandbox".to_owned()),
                live: false,
                endpoints: Endpoints {
                    api: Some(running.base_url()),
                    identity: Some(running.identity_url()),
                },
                credentials: BTreeMap::from([
                    ("client_id".to_owned(), id_ref.clone()),
                    ("client_secret".to_owned(), secret_ref.clone()),
                ]),
                capabilities: BTreeMap::new(),
            });
        }
        for ((id, enterprise), access_var) in MEWS_SANDBOX_HOTELS.iter().zip(MEWS_ACCESS_TOKEN_REFS)
        {
            let property = PropertyId::new(*enterprise)
                .map_err(|e| GatewayError::Startup(format!("sandbox hotel {id}: {e}")))?;
            hotels.push(HotelConfig {
                id: (*id).to_owned(),
                vendor: "mews".to_owned(),
                property,
                account: None,
                live: false,
                endpoints: Endpoints {
                    api: Some(mews.base_url()),
                    identity: None,
                },
                credentials: BTreeMap::from([
                    ("client_token".to_owned(), env_ref(MEWS_CLIENT_TOKEN_REF)),
                    ("access_token".to_owned(), env_ref(access_var)),
                ]),
                capabilities: BTreeMap::new(),
            });
        }
        Ok(Self {
            running,
            mews,
            hotels,
            secrets: Arc::new(secrets),
        })
    }

    /// The hotels: BER and ZRH at the Apaleo sandbox, MEWS-BER and MEWS-ZRH at the Mews
    /// sandbox.
    pub fn hotels(&self) -> &[HotelConfig] {
        &self.hotels
    }

    /// The store holding the sandbox's client credentials.
    pub fn secrets(&self) -> Arc<dyn SecretStore> {
        self.secrets.clone()
    }

    /// The running Apaleo sandbox (base URL, fault injection).
    pub fn running(&self) -> &RunningSandbox {
        &self.running
    }

    /// The running Mews sandbox (base URL, fault injection, inspection).
    pub fn mews(&self) -> &RunningMewsSandbox {
        &self.mews
    }

    /// Stops both sandboxes.
    pub async fn shutdown(self) {
        self.running.shutdown().await;
        self.mews.shutdown().await;
    }
}

/// The demo tenant's API key.
#[derive(Clone)]
pub struct DemoKey {
    /// The key (secret: show it once).
    pub key: String,
    /// Whether it was generated now (not taken from `VOICEHIVE_DEMO_KEY`).
    pub generated: bool,
}

impl std::fmt::Debug for DemoKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoKey")
            .field("key", &"[redacted]")
            .field("generated", &self.generated)
            .finish()
    }
}

/// The demo tenant's id.
pub const DEMO_TENANT: &str = "demo";

/// Makes the demo key: `demo_key` or a new random one.
pub(crate) fn demo_key(demo_key: Option<String>) -> Result<DemoKey, GatewayError> {
    Ok(match demo_key.filter(|k| !k.trim().is_empty()) {
        Some(key) => {
            crate::auth::check_key_format(key.trim())
                .map_err(|e| GatewayError::Startup(format!("VOICEHIVE_DEMO_KEY: {e}")))?;
            DemoKey {
                key: key.trim().to_owned(),
                generated: false,
            }
        }
        None => DemoKey {
            key: crate::auth::generate_key()
                .map_err(|e| GatewayError::Startup(format!("generating the demo key: {e}")))?,
            generated: true,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_weak_demo_key_is_refused_without_quoting_it() {
        let err = demo_key(Some("change-me".to_owned()))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("VOICEHIVE_DEMO_KEY"), "{err}");
        assert!(!err.contains("change-me"), "{err}");
        let chosen = demo_key(Some(" vh_demo_key_choose_your_own_0123456789 ".to_owned()));
        assert_eq!(
            chosen.map(|k| (k.key, k.generated)).ok(),
            Some(("vh_demo_key_choose_your_own_0123456789".to_owned(), false))
        );
        let generated = demo_key(None).map(|k| k.generated).ok();
        assert_eq!(generated, Some(true));
    }
}
