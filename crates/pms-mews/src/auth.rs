//! Mews's credentials: a client token and an access token in every request body.
//!
//! Mews has no OAuth and no identity provider: the partner's `ClientToken` and the
//! enterprise's `AccessToken` are static secrets that go into the JSON body of every call. A
//! hotel can rotate them (reconnecting the integration issues a new access token; the old one
//! then gets HTTP 401). [`MewsTokens`] resolves the two secret references of a hotel lazily
//! (the first call, not the build, reads the secret store) and keeps them.
//!
//! After Mews refused them (HTTP 401) the connector asks [`MewsTokens`] to *renew* the
//! generation it sent: one secret-store read for any number of callers refused with the same
//! generation (single flight). If the store now holds other tokens, they become the next
//! generation and the refused call is repeated once with them; if it holds the same tokens (or
//! cannot be read), the call fails as `Authentication` and renewals back off: further 401s
//! within the back-off window ([`MewsTokens::FIRST_BACKOFF`], doubling after every refusal up to
//! [`MewsTokens::MAX_BACKOFF`], on the injected clock's monotonic reading) fail at once without
//! reading the store. A re-read that finds new tokens, or a call the tokens are accepted for,
//! ends the back-off.
//!
//! The vendor HTTP client always adds a header from its [`RequestAuth`]; Mews needs none, so
//! [`BodyTokens`] sends the non-secret `X-Client` header naming the integration instead.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use async_trait::async_trait;
use clock::SharedClock;
use credentials::{
    Authorization, CredentialError, ExposeSecret, RequestAuth, SecretRef, SecretStore, SecretString,
};

/// The `Client` value of every request: the integration's name and version.
pub const CLIENT: &str = concat!("VoiceHive ", env!("CARGO_PKG_VERSION"));

/// The two tokens of one request, as resolved from the secret store. `Debug` never shows
/// them.
#[derive(Clone)]
pub(crate) struct Tokens {
    pub(crate) client: SecretString,
    pub(crate) access: SecretString,
}

impl Tokens {
    fn same_as(&self, other: &Self) -> bool {
        self.client.expose_secret() == other.client.expose_secret()
            && self.access.expose_secret() == other.access.expose_secret()
    }
}

impl fmt::Debug for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tokens")
            .field("client", &"[redacted]")
            .field("access", &"[redacted]")
            .finish()
    }
}

/// The tokens of one generation: the generation counts the reads that found new tokens
/// (1 for the first read).
#[derive(Debug, Clone)]
pub(crate) struct Current {
    pub(crate) tokens: Tokens,
    pub(crate) generation: u64,
}

/// What a renewal after a 401 gave.
#[derive(Debug)]
pub(crate) enum Renewal {
    /// Other tokens than the refused ones: repeat the call once with them.
    Renewed(Current),
    /// No other tokens (the store holds the refused ones, cannot be read, or renewals are
    /// backing off): the call fails as `Authentication`.
    Refused,
}

#[derive(Debug, Default)]
struct State {
    current: Option<Current>,
    /// Renewals back off until this monotonic reading.
    backoff_until: Option<Duration>,
    /// The next back-off window (zero: none so far).
    next_backoff: Duration,
}

/// Where a hotel's Mews tokens are, and the tokens last read from there.
pub struct MewsTokens {
    store: Arc<dyn SecretStore>,
    client_token: SecretRef,
    access_token: SecretRef,
    clock: SharedClock,
    state: Mutex<State>,
    /// Held while the store is read: one read in flight.
    reading: tokio::sync::Mutex<()>,
}

impl fmt::Debug for MewsTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // References name where the secrets are (never their values); still, keep Debug short.
        f.debug_struct("MewsTokens")
            .field("client_token", &self.client_token.to_string())
            .field("access_token", &self.access_token.to_string())
            .field("generation", &self.generation())
            .finish_non_exhaustive()
    }
}

impl MewsTokens {
    /// The first back-off window after a refused renewal.
    pub const FIRST_BACKOFF: Duration = Duration::from_secs(30);
    /// The longest back-off window.
    pub const MAX_BACKOFF: Duration = Duration::from_secs(600);

    /// Tokens read from `store` by the references `client_token` and `access_token`, backing
    /// off on `clock`. No I/O.
    pub fn new(
        store: Arc<dyn SecretStore>,
        client_token: SecretRef,
        access_token: SecretRef,
        clock: SharedClock,
    ) -> Self {
        Self {
            store,
            client_token,
            access_token,
            clock,
            state: Mutex::new(State::default()),
            reading: tokio::sync::Mutex::new(()),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The generation of the tokens in use (0: not read yet).
    pub fn generation(&self) -> u64 {
        self.state().current.as_ref().map_or(0, |c| c.generation)
    }

    async fn read(&self) -> Result<Tokens, CredentialError> {
        let client = self.store.get(&self.client_token).await?;
        let access = self.store.get(&self.access_token).await?;
        if client.expose_secret().trim().is_empty() || access.expose_secret().trim().is_empty() {
            return Err(CredentialError::Malformed {
                message: "a Mews token in the secret store is empty".to_owned(),
            });
        }
        Ok(Tokens { client, access })
    }

    /// The tokens in use, read from the store on first use (one read for concurrent first
    /// callers).
    pub(crate) async fn get(&self) -> Result<Current, CredentialError> {
        if let Some(current) = self.state().current.clone() {
            return Ok(current);
        }
        let _reading = self.reading.lock().await;
        if let Some(current) = self.state().current.clone() {
            return Ok(current);
        }
        let tokens = self.read().await?;
        let current = Current {
            tokens,
            generation: 1,
        };
        self.state().current = Some(current.clone());
        Ok(current)
    }

    /// After Mews refused the tokens of `refused` (a generation from [`MewsTokens::get`]):
    /// the tokens to repeat the call with, if the store now holds others. Any number of
    /// callers refused with one generation cause one store read; while renewals back off,
    /// none.
    pub(crate) async fn renew(&self, refused: u64) -> Renewal {
        let _reading = self.reading.lock().await;
        let previous = {
            let state = self.state();
            match &state.current {
                Some(current) if current.generation != refused => {
                    // Renewed meanwhile by another caller.
                    return Renewal::Renewed(current.clone());
                }
                Some(current) => current.tokens.clone(),
                None => return Renewal::Refused,
            }
        };
        if self
            .state()
            .backoff_until
            .is_some_and(|until| self.clock.monotonic() < until)
        {
            return Renewal::Refused;
        }
        match self.read().await {
            Ok(tokens) if !tokens.same_as(&previous) => {
                let mut state = self.state();
                let current = Current {
                    tokens,
                    generation: refused + 1,
                };
                state.current = Some(current.clone());
                state.backoff_until = None;
                state.next_backoff = Duration::ZERO;
                tracing::info!(
                    vendor = crate::VENDOR,
                    generation = current.generation,
                    "Mews refused the tokens; the secret store holds new ones"
                );
                Renewal::Renewed(current)
            }
            outcome => {
                let mut state = self.state();
                let window = if state.next_backoff.is_zero() {
                    Self::FIRST_BACKOFF
                } else {
                    state.next_backoff
                };
                state.backoff_until = Some(self.clock.monotonic().saturating_add(window));
                state.next_backoff = window.saturating_mul(2).min(Self::MAX_BACKOFF);
                let why = match outcome {
                    Ok(_) => "the secret store holds the refused tokens",
                    Err(_) => "the secret store could not be read",
                };
                tracing::warn!(
                    vendor = crate::VENDOR,
                    backoff_secs = window.as_secs(),
                    "Mews refused the tokens and {why}; not reading them again within the back-off"
                );
                Renewal::Refused
            }
        }
    }

    /// Mews accepted the tokens of `generation`: a back-off after a refusal ends.
    pub(crate) fn accepted(&self, generation: u64) {
        let mut state = self.state();
        if state.backoff_until.is_some()
            && state
                .current
                .as_ref()
                .is_some_and(|c| c.generation == generation)
        {
            state.backoff_until = None;
            state.next_backoff = Duration::ZERO;
        }
    }
}

/// The vendor HTTP client's authorization for Mews: no secret (the tokens are in the body),
/// only the non-secret header `X-Client: VoiceHive <version>`; nothing to refresh after a 401.
#[derive(Debug, Clone, Copy, Default)]
pub struct BodyTokens;

#[async_trait]
impl RequestAuth for BodyTokens {
    async fn authorization(&self) -> Result<Authorization, CredentialError> {
        Ok(Authorization {
            header: "x-client".to_owned(),
            value: SecretString::from(CLIENT.to_owned()),
            token: None,
        })
    }

    async fn reauthorize(
        &self,
        _rejected: &Authorization,
    ) -> Result<Option<Authorization>, CredentialError> {
        Ok(None)
    }
}
