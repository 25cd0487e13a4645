//! The golden harness: a fresh in-process Mews sandbox per fixture.

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use async_trait::async_trait;
use chrono::Days;
use clock::{SharedClock, SystemClock};
use credentials::{CredentialError, SecretRef, SecretStore, SecretString};
use mews_sandbox::{MewsSandbox, MewsSandboxConfig, RunningMewsSandbox};
use pms_contract::{ErrorKind, PmsConnector, PmsError, ReservationId, SharedConnector};
use pms_golden::{AuthProbe, Fault, FaultInjector, GoldenFixture, GoldenHarness, IoProbe};
use pms_http::LocalRateLimiter;
use pms_plugin::{Endpoints, GoldenSandbox, HotelConfig, SandboxPms};

use crate::auth::MewsTokens;
use crate::config::{MewsConfig, mews_quota};
use crate::connector::MewsConnector;

/// The HTTP attempt timeout of harness connectors: short, so that a latency fault beyond it
/// ends as a `Timeout` well within a call's deadline.
pub const HARNESS_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(2);

/// The references the sandbox's hotels name for the two tokens.
const CLIENT_TOKEN_REF: &str = "VOICEHIVE_MEWS_SANDBOX_CLIENT_TOKEN";
const ACCESS_TOKEN_REF: &str = "VOICEHIVE_MEWS_SANDBOX_ACCESS_TOKEN";

/// The access token of a seeded enterprise of the sandbox.
fn access_token(enterprise_id: &str) -> Option<&'static str> {
    match enterprise_id {
        mews_sandbox::berlin::ENTERPRISE_ID => Some(mews_sandbox::berlin::ACCESS_TOKEN),
        mews_sandbox::zurich::ENTERPRISE_ID => Some(mews_sandbox::zurich::ACCESS_TOKEN),
        _ => None,
    }
}

async fn start_sandbox(clock: SharedClock) -> Result<RunningMewsSandbox, PmsError> {
    let config = MewsSandboxConfig {
        clock,
        ..MewsSandboxConfig::default()
    };
    MewsSandbox::new(config)
        .start(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .map_err(|err| {
            PmsError::new(
                ErrorKind::Unavailable,
                format!("the Mews sandbox could not start: {}", err.kind()),
            )
        })
}

/// Runs the golden suite against the Mews sandbox: each fixture starts a fresh
/// [`MewsSandbox`] on `127.0.0.1` (an ephemeral port) and builds a [`MewsConnector`] for one
/// of its enterprises with the sandbox's tokens.
///
/// The fixture: first arrival 14 days after today (UTC), exclusive, the connector's
/// capabilities ([`crate::mews_capabilities`]: all but phone search), writes allowed, an I/O
/// probe ([`SandboxProbe`]: the requests the connector handed to its HTTP client) and a fault
/// injector ([`SandboxFaults`]) and an auth probe ([`SandboxTokens`]). Mews has no identity
/// provider: its tokens are static secrets a hotel can rotate, so the "token requests" the
/// token scenarios count are the connector's reads of the access token from the secret store
/// (the harness's in-memory store, which serves the sandbox's current token: `ExpireToken`
/// rotates it in the sandbox and in the store). Before the
/// fixture is handed out the connector reads the enterprise's set-up once (as the factory's
/// golden harness does with `property`), so that the fault scenarios count one request per
/// attempt.
#[derive(Debug, Clone)]
pub struct MewsHarness {
    enterprise_id: String,
    attempt_timeout: Duration,
}

impl MewsHarness {
    /// The sandbox's Berlin enterprise (Europe/Berlin, EUR, gross pricing).
    pub fn berlin() -> Self {
        Self::for_enterprise(mews_sandbox::berlin::ENTERPRISE_ID)
    }

    /// The sandbox's Zurich enterprise (Europe/Zurich, CHF, net pricing).
    pub fn zurich() -> Self {
        Self::for_enterprise(mews_sandbox::zurich::ENTERPRISE_ID)
    }

    /// Another enterprise of the sandbox's seed.
    pub fn for_enterprise(enterprise_id: impl Into<String>) -> Self {
        Self {
            enterprise_id: enterprise_id.into(),
            attempt_timeout: HARNESS_ATTEMPT_TIMEOUT,
        }
    }

    /// The enterprise the fixtures serve.
    pub fn enterprise_id(&self) -> &str {
        &self.enterprise_id
    }

    /// Starts a fresh sandbox on the system clock and a connector against it, with `config`
    /// adjusted by `adjust` (page size, terms).
    ///
    /// # Errors
    ///
    /// `Unavailable` if the sandbox cannot listen; `NotFound` if the enterprise is not seeded;
    /// `Internal` if the connector cannot be built.
    pub async fn start_with(
        &self,
        adjust: impl FnOnce(MewsConfig) -> MewsConfig,
    ) -> Result<(Arc<MewsConnector>, Arc<RunningMewsSandbox>), PmsError> {
        let access = access_token(&self.enterprise_id).ok_or_else(|| {
            PmsError::not_found("the Mews sandbox has no such enterprise")
                .with_vendor(crate::VENDOR)
        })?;
        let clock: SharedClock = Arc::new(SystemClock);
        let sandbox = start_sandbox(clock.clone()).await?;
        let (connector, sandbox, _secrets) = self.start_parts(adjust, access, clock, sandbox)?;
        Ok((connector, sandbox))
    }

    fn start_parts(
        &self,
        adjust: impl FnOnce(MewsConfig) -> MewsConfig,
        access: &str,
        clock: SharedClock,
        sandbox: RunningMewsSandbox,
    ) -> Result<Parts, PmsError> {
        let config = adjust(
            MewsConfig::new(self.enterprise_id.clone())
                .with_api_base(sandbox.base_url())
                .with_attempt_timeout(self.attempt_timeout),
        );
        let (secrets, client_ref, access_ref) = SandboxSecrets::with(access);
        let secrets = Arc::new(secrets);
        let tokens = MewsTokens::new(secrets.clone(), client_ref, access_ref, clock.clone());
        let limiter = Arc::new(LocalRateLimiter::new(mews_quota(), clock.clone()));
        let connector = MewsConnector::new(config, tokens, limiter, clock)?;
        Ok((Arc::new(connector), Arc::new(sandbox), secrets))
    }

    /// [`MewsHarness::start_with`] with the default configuration.
    ///
    /// # Errors
    ///
    /// As [`MewsHarness::start_with`].
    pub async fn start(&self) -> Result<(Arc<MewsConnector>, Arc<RunningMewsSandbox>), PmsError> {
        self.start_with(|config| config).await
    }
}

/// A started fixture: the connector, its sandbox and the secret store it reads.
type Parts = (
    Arc<MewsConnector>,
    Arc<RunningMewsSandbox>,
    Arc<SandboxSecrets>,
);

#[async_trait]
impl GoldenHarness for MewsHarness {
    fn name(&self) -> String {
        format!("mews:sandbox:{}", self.enterprise_id)
    }

    async fn fixture(&self) -> Result<GoldenFixture, PmsError> {
        let access = access_token(&self.enterprise_id).ok_or_else(|| {
            PmsError::not_found("the Mews sandbox has no such enterprise")
                .with_vendor(crate::VENDOR)
        })?;
        let clock: SharedClock = Arc::new(SystemClock);
        let sandbox = start_sandbox(clock.clone()).await?;
        let (connector, sandbox, secrets) =
            self.start_parts(|config| config, access, clock, sandbox)?;
        connector.property().await?;
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
            .with_unknown_reservation_id(ReservationId::new(
                crate::descriptor::UNKNOWN_RESERVATION_ID,
            )?)
            .with_capabilities(crate::mews_capabilities())
            .with_io(probe)
            .with_faults(Arc::new(SandboxFaults::rotating(
                sandbox,
                self.enterprise_id.clone(),
                secrets.clone(),
            )))
            .with_auth(Arc::new(SandboxTokens { secrets })))
    }
}

/// The harness's I/O probe: the requests the connector handed to its HTTP client
/// ([`MewsConnector::requests_sent`]); keeps the sandbox running.
pub struct SandboxProbe {
    connector: Arc<MewsConnector>,
    sandbox: Arc<RunningMewsSandbox>,
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

/// Injects the golden suite's faults into the sandbox; keeps the sandbox running.
pub struct SandboxFaults {
    sandbox: Arc<RunningMewsSandbox>,
    /// The enterprise whose access token `ExpireToken` rotates, and the store that then serves
    /// the new token.
    rotation: Option<(String, Arc<SandboxSecrets>)>,
}

impl fmt::Debug for SandboxFaults {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxFaults")
            .field("sandbox", &self.sandbox.base_url())
            .field("rotates", &self.rotation.as_ref().map(|(e, _)| e))
            .finish()
    }
}

impl SandboxFaults {
    /// Faults for `sandbox`. Without the secret store of the connector `ExpireToken` does
    /// nothing (rotating the token would lock the connector out for good).
    pub fn new(sandbox: Arc<RunningMewsSandbox>) -> Self {
        Self {
            sandbox,
            rotation: None,
        }
    }

    /// Faults for `sandbox` whose `ExpireToken` rotates `enterprise`'s access token in the
    /// sandbox and puts the new one into `secrets`.
    fn rotating(
        sandbox: Arc<RunningMewsSandbox>,
        enterprise: String,
        secrets: Arc<SandboxSecrets>,
    ) -> Self {
        Self {
            sandbox,
            rotation: Some((enterprise, secrets)),
        }
    }

    /// The sandbox faults a golden fault becomes (`None`: token rejection instead):
    ///
    /// | golden | sandbox |
    /// |---|---|
    /// | `Fail { RateLimited { retry_after }, n }` | `Status 429`, `Retry-After` in whole seconds, rounded up |
    /// | `Fail { Unavailable, n }` | `Status 503` |
    /// | `Fail { Timeout, n }` | `Status 408` (Mews's "request too heavy"; pms-http maps it to `Timeout`) |
    /// | `Fail { Validation / NotFound / InvalidState }` | `Status 400` |
    /// | `Fail { Conflict }` | `Status 403` (a business rule) |
    /// | `Fail { Authentication / Authorization }` | `Status 401` |
    /// | `Fail { Protocol }` | `Status 404` (a wrong path) |
    /// | `Fail { other }` | `Status 500` |
    /// | `CommitThenTimeout` | `CommitThenDrop` of one `reservations/add` (the answer never comes) |
    /// | `Latency { delay, n }` | `Latency { delay, n }` |
    /// | `ExpireToken` | `rotate_access_token` of the enterprise (the old token gets 401), and the harness's secret store serves the new one |
    /// | `RejectCredentials` | token rejection (401 for every token) until `clear` |
    pub fn translate(fault: &Fault) -> Option<mews_sandbox::Fault> {
        use mews_sandbox::Fault as S;
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
                    ErrorKind::Timeout => (408, None),
                    ErrorKind::Validation | ErrorKind::NotFound | ErrorKind::InvalidState => {
                        (400, None)
                    }
                    ErrorKind::Conflict => (403, None),
                    ErrorKind::Authentication | ErrorKind::Authorization => (401, None),
                    ErrorKind::Protocol => (404, None),
                    _ => (500, None),
                };
                Some(S::Status {
                    status,
                    retry_after,
                    times: *times,
                })
            }
            Fault::CommitThenTimeout => Some(S::CommitThenDrop { times: 1 }),
            Fault::Latency { delay, times } => Some(S::Latency {
                delay: *delay,
                times: *times,
            }),
            Fault::ExpireToken | Fault::RejectCredentials => None,
        }
    }
}

impl FaultInjector for SandboxFaults {
    fn inject(&self, fault: Fault) {
        let control = self.sandbox.faults();
        if fault == Fault::RejectCredentials {
            control.reject_tokens(true);
        } else if fault == Fault::ExpireToken {
            if let Some((enterprise, secrets)) = &self.rotation
                && let Some(token) = control.rotate_access_token(enterprise)
            {
                secrets.rotate(token);
            }
        } else if let Some(fault) = Self::translate(&fault) {
            match fault {
                mews_sandbox::Fault::CommitThenDrop { .. } => {
                    control.push_for("reservations/add", fault);
                }
                fault => control.push(fault),
            }
        }
    }

    fn clear(&self) {
        self.sandbox.faults().clear();
    }
}

/// The sandbox's tokens, by the references its hotels name; counts the reads of the access
/// token (the auth probe's "token requests").
pub(crate) struct SandboxSecrets {
    client: (SecretRef, String),
    access: (SecretRef, Mutex<String>),
    access_reads: AtomicU64,
}

impl SandboxSecrets {
    fn with(access_token: &str) -> (Self, SecretRef, SecretRef) {
        let client_ref = SecretRef::Env {
            var: CLIENT_TOKEN_REF.to_owned(),
        };
        let access_ref = SecretRef::Env {
            var: ACCESS_TOKEN_REF.to_owned(),
        };
        (
            Self {
                client: (client_ref.clone(), mews_sandbox::CLIENT_TOKEN.to_owned()),
                access: (access_ref.clone(), Mutex::new(access_token.to_owned())),
                access_reads: AtomicU64::new(0),
            },
            client_ref,
            access_ref,
        )
    }
}

impl SandboxSecrets {
    /// Serves `access_token` from now on (the hotel stored the rotated token).
    fn rotate(&self, access_token: String) {
        *self.access.1.lock().unwrap_or_else(PoisonError::into_inner) = access_token;
    }

    fn access_reads(&self) -> u64 {
        self.access_reads.load(Ordering::SeqCst)
    }
}

impl fmt::Debug for SandboxSecrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxSecrets")
            .field("access_reads", &self.access_reads())
            .finish_non_exhaustive()
    }
}

#[async_trait]
impl SecretStore for SandboxSecrets {
    async fn get(&self, reference: &SecretRef) -> Result<SecretString, CredentialError> {
        if *reference == self.client.0 {
            Ok(SecretString::from(self.client.1.clone()))
        } else if *reference == self.access.0 {
            self.access_reads.fetch_add(1, Ordering::SeqCst);
            let value = self
                .access
                .1
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone();
            Ok(SecretString::from(value))
        } else {
            Err(CredentialError::NotFound {
                reference: reference.to_string(),
            })
        }
    }
}

/// The harness's auth probe: Mews has no identity provider, so a "token request" is a read of
/// the access token from the secret store (the first read, and one per renewal after a 401).
/// Keeps the store alive.
#[derive(Debug)]
pub struct SandboxTokens {
    secrets: Arc<SandboxSecrets>,
}

impl AuthProbe for SandboxTokens {
    fn token_requests(&self) -> u64 {
        self.secrets.access_reads()
    }
}

/// The descriptor's sandbox ([`crate::descriptor`]): a fresh in-process Mews sandbox per
/// fixture. The hotel's property picks the seeded enterprise (Berlin or Zurich); its endpoint
/// becomes the sandbox's and its credentials the sandbox's tokens, resolved from memory (the
/// store the factory's connector reads); the auth probe counts its reads of the access token,
/// and `ExpireToken` rotates the access token in the sandbox and in that store.
#[derive(Debug)]
pub(crate) struct MewsSandboxPms;

#[async_trait]
impl GoldenSandbox for MewsSandboxPms {
    async fn start(&self, hotel: &HotelConfig, clock: SharedClock) -> Result<SandboxPms, PmsError> {
        let access = access_token(hotel.property.as_str()).ok_or_else(|| {
            PmsError::not_found(format!(
                "the Mews sandbox has no enterprise {}; use {} (Berlin) or {} (Zurich)",
                hotel.property,
                mews_sandbox::berlin::ENTERPRISE_ID,
                mews_sandbox::zurich::ENTERPRISE_ID
            ))
            .with_vendor(crate::VENDOR)
        })?;
        let sandbox = Arc::new(start_sandbox(clock).await?);
        let (secrets, client_ref, access_ref) = SandboxSecrets::with(access);
        let secrets = Arc::new(secrets);
        let enterprise = hotel.property.as_str().to_owned();
        let mut hotel = hotel.clone();
        hotel.endpoints = Endpoints {
            api: Some(sandbox.base_url()),
            identity: None,
        };
        hotel.credentials = [
            ("client_token".to_owned(), client_ref),
            ("access_token".to_owned(), access_ref),
        ]
        .into();
        Ok(SandboxPms {
            hotel,
            secrets: Some(secrets.clone()),
            connector: None,
            faults: Some(Arc::new(SandboxFaults::rotating(
                sandbox,
                enterprise,
                secrets.clone(),
            ))),
            auth: Some(Arc::new(SandboxTokens { secrets })),
        })
    }
}
