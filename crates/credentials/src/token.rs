//! Access tokens and their cache.

use std::fmt;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clock::SharedClock;
use secrecy::SecretString;
use tokio::sync::watch;
use tracing::Instrument;

use crate::{CredentialError, CredentialMetrics};

/// A token as a provider hands it out.
pub struct FetchedToken {
    /// The access token.
    pub access_token: SecretString,
    /// Its lifetime from now, if the provider said.
    pub expires_in: Option<Duration>,
}

impl fmt::Debug for FetchedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FetchedToken")
            .field("access_token", &"[redacted]")
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

/// Gets a new access token from an identity provider (OAuth2 token endpoint, a vendor's
/// session login, an in-memory identity in tests).
#[async_trait]
pub trait TokenFetcher: Send + Sync + fmt::Debug {
    /// Asks the provider for a new token.
    async fn fetch(&self) -> Result<FetchedToken, CredentialError>;
}

/// A cached access token. `Debug` never shows the value.
#[derive(Clone)]
pub struct AccessToken {
    secret: SecretString,
    expires_at: Option<DateTime<Utc>>,
    /// When to refresh: the margin before expiry, or half the lifetime for short-lived tokens.
    refresh_at: Option<DateTime<Utc>>,
    generation: u64,
}

impl AccessToken {
    /// The token value, for the `Authorization` header only.
    pub fn secret(&self) -> &SecretString {
        &self.secret
    }

    /// When it expires, if known.
    pub fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.expires_at
    }

    /// Which refresh produced it (1 for the first token). Lets a caller tell whether the
    /// token it was refused with is still the current one.
    pub fn generation(&self) -> u64 {
        self.generation
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("secret", &"[redacted]")
            .field("expires_at", &self.expires_at)
            .field("generation", &self.generation)
            .finish()
    }
}

/// When to refresh, and how long to wait after a failed refresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefreshPolicy {
    /// Refresh this long before the token expires.
    pub margin: Duration,
    /// Lifetime assumed when the provider gives none.
    pub default_lifetime: Duration,
    /// Wait after the first failed refresh; doubles with each further failure.
    pub backoff_initial: Duration,
    /// Longest wait between refresh attempts.
    pub backoff_max: Duration,
}

impl Default for RefreshPolicy {
    /// Refresh 60 s before expiry, assume 1 h without `expires_in`, back off 1 s doubling to 60 s.
    fn default() -> Self {
        Self {
            margin: Duration::from_secs(60),
            default_lifetime: Duration::from_secs(3600),
            backoff_initial: Duration::from_secs(1),
            backoff_max: Duration::from_secs(60),
        }
    }
}

/// What a refresh ends with; `None` while it runs.
type Outcome = Option<Result<AccessToken, CredentialError>>;

/// The refresh in flight: every caller that needs a token watches its outcome.
struct Refresh {
    id: u64,
    outcome: watch::Receiver<Outcome>,
}

#[derive(Default)]
struct State {
    current: Option<AccessToken>,
    generation: u64,
    failures: u32,
    retry_after: Option<DateTime<Utc>>,
    last_error: Option<CredentialError>,
    refreshing: Option<Refresh>,
    refreshes_started: u64,
}

/// One vendor account's token: refreshed before expiry, one refresh at a time, backed off
/// after failures. Cheap to clone (shared state).
///
/// A refresh runs in a task of its own (spawned on the current tokio runtime), not in the
/// future of the caller that needed it: callers only wait for its outcome. A caller that goes
/// away (its deadline passed, its client hung up) therefore neither aborts the request to the
/// identity provider nor loses what it returns (a new access token, a rotated refresh token
/// kept by the fetcher); the next caller gets that token, or joins the refresh still in
/// flight, without a second request. So a [`TokenFetcher`] must bound its own requests (as
/// [`crate::oauth2::http_client`] does with its timeout): a refresh that never ends keeps its
/// waiters waiting. Outside a tokio runtime the refresh runs in the caller's future instead.
#[derive(Clone)]
pub struct TokenCache {
    vendor: String,
    fetcher: Arc<dyn TokenFetcher>,
    clock: SharedClock,
    policy: RefreshPolicy,
    metrics: Option<CredentialMetrics>,
    // Never held across an await: a refresh in flight is found in `refreshing`.
    state: Arc<Mutex<State>>,
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenCache")
            .field("vendor", &self.vendor)
            .field("fetcher", &self.fetcher)
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

/// A refresh to wait for, and, outside a tokio runtime, the refresh itself to drive.
struct Pending {
    outcome: watch::Receiver<Outcome>,
    run_here: Option<Pin<Box<dyn Future<Output = ()> + Send>>>,
}

impl Pending {
    async fn wait(mut self) -> Result<AccessToken, CredentialError> {
        if let Some(refresh) = self.run_here.take() {
            refresh.await;
        }
        match self.outcome.wait_for(Option::is_some).await {
            Ok(outcome) => outcome.clone().unwrap_or_else(|| Err(abandoned())),
            Err(_closed) => Err(abandoned()),
        }
    }
}

/// The refresh ended without an outcome (its task panicked or its runtime shut down).
fn abandoned() -> CredentialError {
    CredentialError::Unavailable {
        message: "the token refresh ended without a result".to_owned(),
    }
}

/// Forgets the refresh `id` if it ends without an outcome, so that the next caller starts a
/// new one instead of waiting for it forever.
struct Unfinished<'a> {
    state: &'a Mutex<State>,
    id: u64,
    armed: bool,
}

impl Drop for Unfinished<'_> {
    fn drop(&mut self) {
        if self.armed {
            let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            if state.refreshing.as_ref().is_some_and(|r| r.id == self.id) {
                state.refreshing = None;
            }
        }
    }
}

impl TokenCache {
    /// A cache for `vendor`'s account, fetching with `fetcher`.
    pub fn new(
        vendor: impl Into<String>,
        fetcher: Arc<dyn TokenFetcher>,
        clock: SharedClock,
        policy: RefreshPolicy,
    ) -> Self {
        Self {
            vendor: vendor.into(),
            fetcher,
            clock,
            policy,
            metrics: None,
            state: Arc::new(Mutex::new(State::default())),
        }
    }

    /// Counts refreshes in `metrics`.
    #[must_use]
    pub fn with_metrics(mut self, metrics: CredentialMetrics) -> Self {
        self.metrics = Some(metrics);
        self
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Fresh enough not to refresh yet.
    fn usable(&self, token: &AccessToken) -> bool {
        token.refresh_at.is_none_or(|at| self.clock.now() < at)
    }

    /// Not expired (possibly inside the refresh margin).
    fn unexpired(&self, token: &AccessToken) -> bool {
        token.expires_at.is_none_or(|at| self.clock.now() < at)
    }

    /// A token valid for at least the margin, refreshing if needed (or waiting for the
    /// refresh in flight).
    pub async fn token(&self) -> Result<AccessToken, CredentialError> {
        let pending = {
            let mut state = self.lock();
            if let Some(token) = &state.current
                && self.usable(token)
            {
                return Ok(token.clone());
            }
            self.join_or_start(&mut state)
        };
        let result = match pending {
            Ok(pending) => pending.wait().await,
            Err(err) => Err(err),
        };
        result.or_else(|err| {
            // An early refresh failed (or is backed off) but the token has not expired yet:
            // keep serving it rather than turning a provider hiccup into failed calls.
            match &self.lock().current {
                Some(token) if self.unexpired(token) => Ok(token.clone()),
                _ => Err(err),
            }
        })
    }

    /// The vendor refused `rejected` (HTTP 401): returns a newer token if another caller already
    /// refreshed, or refreshes once (or waits for the refresh in flight). Any number of
    /// concurrent callers refused with the same token cause one refresh.
    pub async fn refresh_rejected(
        &self,
        rejected: &AccessToken,
    ) -> Result<AccessToken, CredentialError> {
        let pending = {
            let mut state = self.lock();
            match &state.current {
                Some(token) if token.generation > rejected.generation && self.usable(token) => {
                    return Ok(token.clone());
                }
                // The refused token (or an older one) is never served again.
                Some(token) if token.generation <= rejected.generation => state.current = None,
                _ => {}
            }
            self.join_or_start(&mut state)?
        };
        pending.wait().await
    }

    /// The refresh in flight, or a new one unless refreshes are backed off.
    fn join_or_start(&self, state: &mut State) -> Result<Pending, CredentialError> {
        if let Some(refresh) = &state.refreshing {
            if !refresh.outcome.is_closed() {
                return Ok(Pending {
                    outcome: refresh.outcome.clone(),
                    run_here: None,
                });
            }
            // Its task was dropped before it ever ran (its runtime shut down): start another.
            state.refreshing = None;
        }
        let now = self.clock.now();
        if let Some(retry_after) = state.retry_after
            && now < retry_after
        {
            let retry_in = (retry_after - now).to_std().unwrap_or_default();
            let last_error = state
                .last_error
                .as_ref()
                .map_or_else(String::new, ToString::to_string);
            let after_rejection = state
                .last_error
                .as_ref()
                .is_some_and(CredentialError::is_rejection);
            return Err(CredentialError::BackedOff {
                retry_in,
                last_error,
                after_rejection,
            });
        }
        state.refreshes_started += 1;
        let id = state.refreshes_started;
        let (sender, outcome) = watch::channel(None);
        state.refreshing = Some(Refresh {
            id,
            outcome: outcome.clone(),
        });
        let span = tracing::debug_span!("token_refresh", vendor = %self.vendor);
        span.follows_from(tracing::Span::current());
        let cache = self.clone();
        let refresh = async move { cache.refresh(id, sender).await }.instrument(span);
        let run_here = match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                // Detached: it runs to the end whoever waits for it.
                drop(runtime.spawn(refresh));
                None
            }
            Err(_) => Some(Box::pin(refresh) as Pin<Box<dyn Future<Output = ()> + Send>>),
        };
        Ok(Pending { outcome, run_here })
    }

    /// Asks the provider, records the outcome and hands it to every waiter.
    async fn refresh(self, id: u64, sender: watch::Sender<Outcome>) {
        let mut unfinished = Unfinished {
            state: &self.state,
            id,
            armed: true,
        };
        let fetched = self.fetcher.fetch().await;
        let outcome = {
            let mut state = self.lock();
            let outcome = self.record(&mut state, fetched);
            if state.refreshing.as_ref().is_some_and(|r| r.id == id) {
                state.refreshing = None;
            }
            outcome
        };
        unfinished.armed = false;
        // Nobody may be waiting any more: the outcome is in the state for the next caller.
        sender.send_replace(Some(outcome));
    }

    fn record(
        &self,
        state: &mut State,
        fetched: Result<FetchedToken, CredentialError>,
    ) -> Result<AccessToken, CredentialError> {
        match fetched {
            Ok(fetched) => {
                let lifetime = fetched.expires_in.unwrap_or(self.policy.default_lifetime);
                let now = self.clock.now();
                let at = |after: std::time::Duration| {
                    chrono::Duration::from_std(after)
                        .ok()
                        .and_then(|d| now.checked_add_signed(d))
                };
                // A token living shorter than twice the margin is refreshed at half its life,
                // so that it is usable at all (and callers do not refresh on every call).
                let margin = self.policy.margin.min(lifetime / 2);
                state.generation += 1;
                let token = AccessToken {
                    secret: fetched.access_token,
                    expires_at: at(lifetime),
                    refresh_at: at(lifetime.saturating_sub(margin)),
                    generation: state.generation,
                };
                state.current = Some(token.clone());
                state.failures = 0;
                state.retry_after = None;
                state.last_error = None;
                self.count("ok");
                tracing::debug!(vendor = %self.vendor, generation = token.generation, "access token refreshed");
                Ok(token)
            }
            Err(err) => {
                // The current token (if any) stays: `token()` serves it until it expires.
                state.failures = state.failures.saturating_add(1);
                let exponent = state.failures.saturating_sub(1).min(16);
                let wait = self
                    .policy
                    .backoff_initial
                    .saturating_mul(1u32 << exponent)
                    .min(self.policy.backoff_max);
                state.retry_after = chrono::Duration::from_std(wait)
                    .ok()
                    .and_then(|d| self.clock.now().checked_add_signed(d));
                state.last_error = Some(err.clone());
                self.count(if err.is_rejection() {
                    "rejected"
                } else {
                    "unavailable"
                });
                tracing::warn!(vendor = %self.vendor, error = %err, backoff_ms = wait.as_millis() as u64, "access token refresh failed");
                Err(err)
            }
        }
    }

    fn count(&self, result: &str) {
        if let Some(metrics) = &self.metrics {
            metrics.refresh(&self.vendor, result);
        }
    }
}
