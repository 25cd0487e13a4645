//! The golden harness: a fresh in-process Apaleo sandbox per fixture.

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use apaleo_sandbox::{ApaleoSandbox, RunningSandbox, SandboxConfig};
use async_trait::async_trait;
use chrono::Days;
use clock::{SharedClock, SystemClock};
use credentials::{CredentialError, SecretRef, SecretStore, SecretString};
use pms_capabilities::CapabilityMatrix;
use pms_contract::{CapabilitySet, ErrorKind, PmsError, SharedConnector};
use pms_golden::{AuthProbe, Fault, FaultInjector, GoldenFixture, GoldenHarness, IoProbe};
use pms_plugin::{Endpoints, GoldenSandbox, HotelConfig, SandboxPms};

use crate::{ApaleoConfig, ApaleoConnector};

/// The HTTP attempt timeout of harness connectors: short, so that the sandbox's
/// commit-then-timeout (a 60 s hold) ends as a `Timeout` well within a write's 10 s deadline.
pub const HARNESS_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(2);

/// Runs the golden suite against the Apaleo sandbox: each fixture starts a fresh
/// [`ApaleoSandbox`] on `127.0.0.1` (an ephemeral port) and builds an [`ApaleoConnector`]
/// against it with the sandbox's client credentials.
///
/// The fixture: first arrival 14 days after today (the sandbox clock's UTC date), exclusive,
/// Apaleo's usable capabilities from the capability matrix, writes allowed, an I/O probe
/// ([`SandboxProbe`], the requests the connector handed to its HTTP clients), an auth probe
/// (the sandbox's token requests) and a fault injector ([`SandboxFaults`]).
#[derive(Debug, Clone)]
pub struct ApaleoHarness {
    property: String,
    seed: u64,
    attempt_timeout: Duration,
}

impl Default for ApaleoHarness {
    fn default() -> Self {
        Self::new()
    }
}

impl ApaleoHarness {
    /// The sandbox's Berlin property (`BER`, EUR).
    pub fn new() -> Self {
        Self::for_property("BER")
    }

    /// Another property of the sandbox's seed (`ZRH`: Zürich, CHF).
    pub fn for_property(property: impl Into<String>) -> Self {
        Self {
            property: property.into(),
            seed: SandboxConfig::default().seed,
            attempt_timeout: HARNESS_ATTEMPT_TIMEOUT,
        }
    }

    /// The property the fixtures serve.
    pub fn property(&self) -> &str {
        &self.property
    }

    /// Starts a fresh sandbox on the system clock and a connector against it.
    ///
    /// # Errors
    ///
    /// `Unavailable` if the sandbox cannot listen; `Internal` if the connector cannot be built.
    pub async fn start(&self) -> Result<(Arc<ApaleoConnector>, Arc<RunningSandbox>), PmsError> {
        let clock: SharedClock = Arc::new(SystemClock);
        let config = SandboxConfig {
            seed: self.seed,
            clock: clock.clone(),
            ..SandboxConfig::default()
        };
        let sandbox = ApaleoSandbox::new(config)
            .start(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
            .await
            .map_err(|err| {
                PmsError::new(
                    ErrorKind::Unavailable,
                    format!("the Apaleo sandbox could not start: {}", err.kind()),
                )
            })?;
        let config = ApaleoConfig::new(self.property.clone())
            .with_api_base(sandbox.base_url())
            .with_identity_base(sandbox.identity_url())
            .with_attempt_timeout(self.attempt_timeout);
        let connector = ApaleoConnector::with_client_credentials(
            config,
            sandbox.client_id().to_owned(),
            SecretString::from(sandbox.client_secret().to_owned()),
            clock,
        )?;
        Ok((Arc::new(connector), Arc::new(sandbox)))
    }
}

/// Apaleo's usable capabilities (supported or partial) from the built-in capability matrix.
///
/// # Errors
///
/// `Internal` if the built-in matrix does not load (a build defect).
pub fn apaleo_capabilities() -> Result<CapabilitySet, PmsError> {
    let matrix = CapabilityMatrix::builtin()
        .map_err(|err| PmsError::internal(format!("capability matrix: {err}")))?;
    matrix
        .vendor(crate::VENDOR)
        .map(pms_capabilities::VendorEntry::usable)
        .ok_or_else(|| PmsError::internal("the capability matrix has no `apaleo` entry"))
}

#[async_trait]
impl GoldenHarness for ApaleoHarness {
    fn name(&self) -> String {
        format!("apaleo:sandbox:{}", self.property)
    }

    async fn fixture(&self) -> Result<GoldenFixture, PmsError> {
        let (connector, sandbox) = self.start().await?;
        let today = clock::Clock::now(&SystemClock).date_naive();
        let first_arrival = today
            .checked_add_days(Days::new(14))
            .ok_or_else(|| PmsError::internal("the calendar ends within 14 days"))?;
        let probe = Arc::new(SandboxProbe {
            connector: connector.clone(),
            sandbox: sandbox.clone(),
        });
        let shared: SharedConnector = connector;
        Ok(GoldenFixture::new(shared, first_arrival)
            .with_unknown_reservation_id(pms_contract::ReservationId::new(
                crate::descriptor::UNKNOWN_RESERVATION_ID,
            )?)
            .with_capabilities(apaleo_capabilities()?)
            .with_io(probe.clone())
            .with_faults(Arc::new(SandboxFaults { sandbox }))
            .with_auth(probe))
    }
}

/// The harness's I/O and authentication probe; keeps the sandbox running.
///
/// I/O is counted as the requests the connector handed to its HTTP clients
/// ([`ApaleoConnector::requests_sent`]), not as the sandbox's API requests: after refused
/// credentials the token cache backs off and a call fails before it leaves the process, and the
/// suite counts such a call as one that reached the PMS (it checks that the base did not
/// retry it). Token requests are the sandbox's.
pub struct SandboxProbe {
    connector: Arc<ApaleoConnector>,
    sandbox: Arc<RunningSandbox>,
}

impl fmt::Debug for SandboxProbe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxProbe")
            .field("requests_sent", &self.connector.requests_sent())
            .field("sandbox", &self.sandbox.base_url())
            .finish()
    }
}

impl IoProbe for SandboxProbe {
    fn io_calls(&self) -> u64 {
        self.connector.requests_sent()
    }
}

impl AuthProbe for SandboxProbe {
    fn token_requests(&self) -> u64 {
        self.sandbox.stats().token_requests()
    }
}

/// Injects the golden suite's faults into the sandbox; keeps the sandbox running.
pub struct SandboxFaults {
    sandbox: Arc<RunningSandbox>,
}

impl fmt::Debug for SandboxFaults {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxFaults")
            .field("sandbox", &self.sandbox.base_url())
            .finish()
    }
}

impl SandboxFaults {
    /// The sandbox faults a golden fault becomes:
    ///
    /// | golden | sandbox |
    /// |---|---|
    /// | `Fail { RateLimited { retry_after }, n }` | `Status 429`, `Retry-After` in whole seconds, rounded up (250 ms → 1 s) |
    /// | `Fail { Unavailable, n }` | `Status 503` |
    /// | `Fail { Timeout, n }` | `Status 504` (pms-http maps it to `Timeout`; faster than a latency beyond the attempt timeout) |
    /// | `Fail { Validation / NotFound / Conflict / InvalidState / Authentication / Authorization / Protocol / Unsupported / Internal }` | `422` / `404` / `409` / `422` / `401` / `403` / `300` / `501` / `500` |
    /// | `CommitThenTimeout` | `CommitThenTimeout` (the 60 s hold exceeds the 2 s attempt timeout) |
    /// | `Latency { delay, n }` | `Latency { delay, n }` |
    /// | `ExpireToken` | `RevokeTokens` |
    /// | `RejectCredentials` | `RejectClient` and `RevokeTokens` (the cached token must stop working too) |
    pub fn translate(fault: &Fault) -> Vec<apaleo_sandbox::Fault> {
        use apaleo_sandbox::Fault as S;
        match fault {
            Fault::Fail { kind, times } => {
                let (status, retry_after) = match kind {
                    ErrorKind::RateLimited { retry_after } => (
                        429,
                        retry_after.map(|d| {
                            u64::try_from(d.as_millis().div_ceil(1000)).unwrap_or(u64::MAX)
                        }),
                    ),
                    ErrorKind::Unavailable => (503, None),
                    ErrorKind::Timeout => (504, None),
                    ErrorKind::Validation | ErrorKind::InvalidState => (422, None),
                    ErrorKind::NotFound => (404, None),
                    ErrorKind::Conflict => (409, None),
                    ErrorKind::Authentication => (401, None),
                    ErrorKind::Authorization => (403, None),
                    ErrorKind::Protocol => (300, None),
                    ErrorKind::Unsupported { .. } => (501, None),
                    // Apaleo has no status for a search that is too broad (the connector
                    // decides that itself, by its page cap); a query it refuses is a 422.
                    ErrorKind::TooBroad => (422, None),
                    _ => (500, None),
                };
                vec![S::Status {
                    status,
                    retry_after,
                    times: *times,
                }]
            }
            Fault::CommitThenTimeout => vec![S::CommitThenTimeout],
            Fault::Latency { delay, times } => vec![S::Latency {
                delay: *delay,
                times: *times,
            }],
            Fault::ExpireToken => vec![S::RevokeTokens],
            Fault::RejectCredentials => vec![S::RejectClient, S::RevokeTokens],
        }
    }
}

impl FaultInjector for SandboxFaults {
    fn inject(&self, fault: Fault) {
        let control = self.sandbox.faults();
        for fault in Self::translate(&fault) {
            control.push(fault);
        }
    }

    fn clear(&self) {
        self.sandbox.faults().clear();
    }
}

/// The descriptor's sandbox ([`crate::descriptor`]): a fresh in-process Apaleo sandbox per
/// fixture. The hotel keeps its property, account and capability overrides; its endpoints
/// become the sandbox's and its credentials the sandbox's client, resolved from memory.
#[derive(Debug)]
pub(crate) struct ApaleoSandboxPms;

/// The references the sandbox's hotel names for its client id and secret.
const CLIENT_ID_REF: &str = "VOICEHIVE_APALEO_SANDBOX_CLIENT_ID";
const CLIENT_SECRET_REF: &str = "VOICEHIVE_APALEO_SANDBOX_CLIENT_SECRET";

#[async_trait]
impl GoldenSandbox for ApaleoSandboxPms {
    async fn start(&self, hotel: &HotelConfig, clock: SharedClock) -> Result<SandboxPms, PmsError> {
        let config = SandboxConfig {
            clock,
            ..SandboxConfig::default()
        };
        let sandbox = Arc::new(
            ApaleoSandbox::new(config)
                .start(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
                .await
                .map_err(|err| {
                    PmsError::new(
                        ErrorKind::Unavailable,
                        format!("the Apaleo sandbox could not start: {}", err.kind()),
                    )
                })?,
        );
        let client_id = SecretRef::Env {
            var: CLIENT_ID_REF.to_owned(),
        };
        let client_secret = SecretRef::Env {
            var: CLIENT_SECRET_REF.to_owned(),
        };
        let secrets = SandboxSecrets {
            client_id: (client_id.clone(), sandbox.client_id().to_owned()),
            client_secret: (client_secret.clone(), sandbox.client_secret().to_owned()),
        };
        let mut hotel = hotel.clone();
        hotel.endpoints = Endpoints {
            api: Some(sandbox.base_url()),
            identity: Some(sandbox.identity_url()),
        };
        hotel.credentials = [
            ("client_id".to_owned(), client_id),
            ("client_secret".to_owned(), client_secret),
        ]
        .into();
        Ok(SandboxPms {
            hotel,
            secrets: Some(Arc::new(secrets)),
            connector: None,
            faults: Some(Arc::new(SandboxFaults {
                sandbox: sandbox.clone(),
            })),
            auth: Some(Arc::new(SandboxTokens { sandbox })),
        })
    }
}

/// The sandbox client's id and secret, by the references its hotel names.
struct SandboxSecrets {
    client_id: (SecretRef, String),
    client_secret: (SecretRef, String),
}

impl fmt::Debug for SandboxSecrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxSecrets").finish_non_exhaustive()
    }
}

#[async_trait]
impl SecretStore for SandboxSecrets {
    async fn get(&self, reference: &SecretRef) -> Result<SecretString, CredentialError> {
        [&self.client_id, &self.client_secret]
            .into_iter()
            .find(|(known, _)| known == reference)
            .map(|(_, value)| SecretString::from(value.clone()))
            .ok_or_else(|| CredentialError::NotFound {
                reference: reference.to_string(),
            })
    }
}

/// The sandbox's token requests; keeps the sandbox running.
struct SandboxTokens {
    sandbox: Arc<RunningSandbox>,
}

impl fmt::Debug for SandboxTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxTokens")
            .field("sandbox", &self.sandbox.base_url())
            .finish()
    }
}

impl AuthProbe for SandboxTokens {
    fn token_requests(&self) -> u64 {
        self.sandbox.stats().token_requests()
    }
}
