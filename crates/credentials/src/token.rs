//! Access tokens and their cache.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use clock::SharedClock;
use secrecy::SecretString;
use tokio::sync::Mutex;

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

#[derive(Default)]
struct State {
    current: Option<AccessToken>,
    generation: u64,
    failures: u32,
    retry_after: Option<DateTime<Utc>>,
    last_error: Option<CredentialError>,
}

/// One vendor account's token: refreshed before expiry, one refresh at a time, backed off
/// after failures. Cheap to clone (shared state).
#[derive(Clone)]
pub struct TokenCache {
    vendor: String,
    fetcher: Arc<dyn TokenFetcher>,
    clock: SharedClock,
    policy: RefreshPolicy,
    metrics: Option<CredentialMetrics>,
    // A tokio mutex held across the fetch: concurrent callers queue behind the one refresh
    // and then find the fresh token.
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

    /// Fresh enough not to refresh yet.
    fn usable(&self, token: &AccessToken) -> bool {
        token.refresh_at.is_none_or(|at| self.clock.now() < at)
    }

    /// Not expired (possibly inside the refresh margin).
    fn unexpired(&self, token: &AccessToken) -> bool {
        token.expires_at.is_none_or(|at| self.clock.now() < at)
    }

    /// A token valid for at least the margin, refreshing if needed.
    pub async fn token(&self) -> Result<AccessToken, CredentialError> {
        let mut state = self.state.lock().await;
        if let Some(token) = &state.current
            && self.usable(token)
        {
            return Ok(token.clone());
        }
        match self.refresh_locked(&mut state).await {
            Ok(token) => Ok(token),
            // An early refresh failed (or is backed off) but the token has not expired yet:
            // keep serving it rather than turning a provider hiccup into failed calls.
            Err(err) => match &state.current {
                Some(token) if self.unexpired(token) => Ok(token.clone()),
                _ => Err(err),
            },
        }
    }

    /// The vendor refused `rejected` (HTTP 401): returns a newer token if another caller already
    /// refreshed, or refreshes once. Any number of concurrent callers refused with the same
    /// token cause one refresh.
    pub async fn refresh_rejected(
        &self,
        rejected: &AccessToken,
    ) -> Result<AccessToken, CredentialError> {
        let mut state = self.state.lock().await;
        if let Some(token) = &state.current
            && token.generation > rejected.generation
            && self.usable(token)
        {
            return Ok(token.clone());
        }
        state.current = None;
        self.refresh_locked(&mut state).await
    }

    async fn refresh_locked(&self, state: &mut State) -> Result<AccessToken, CredentialError> {
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
        match self.fetcher.fetch().await {
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
