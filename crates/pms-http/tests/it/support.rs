//! Shared test helpers.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use clock::{SharedClock, SystemClock};
use credentials::{
    ApiKeyAuth, Authorization, BearerAuth, CredentialError, FetchedToken, RefreshPolicy,
    RequestAuth, SecretString, TokenCache, TokenFetcher,
};
use pms_http::{HttpConfig, RateLimiter, Unlimited, VendorHttpClient};
use tokio::sync::Barrier;
use wiremock::MockServer;

pub(crate) const VENDOR: &str = "apaleo";
pub(crate) const TRACKING: &str = "Apaleo-Tracking-Id";
pub(crate) const API_KEY: &str = "key-1";

pub(crate) fn config(server: &MockServer) -> HttpConfig {
    HttpConfig::new(VENDOR, "ACC1", server.uri()).with_request_id_header(TRACKING)
}

pub(crate) fn system_clock() -> SharedClock {
    Arc::new(SystemClock)
}

pub(crate) fn api_key_auth() -> Arc<CountingAuth> {
    Arc::new(CountingAuth::new(Arc::new(ApiKeyAuth::new(
        "x-api-key",
        SecretString::from(API_KEY),
    ))))
}

pub(crate) fn client_with(
    config: HttpConfig,
    auth: Arc<dyn RequestAuth>,
    limiter: Arc<dyn RateLimiter>,
    clock: SharedClock,
) -> VendorHttpClient {
    VendorHttpClient::new(config, auth, limiter, clock).unwrap()
}

/// A client with a static API key, no rate limit and the system clock.
pub(crate) fn api_key_client(server: &MockServer) -> VendorHttpClient {
    client_with(
        config(server),
        api_key_auth(),
        Arc::new(Unlimited),
        system_clock(),
    )
}

/// Hands out `token-1`, `token-2`, ... and counts fetches; or always fails with `fail_with`.
#[derive(Debug, Default)]
pub(crate) struct CountingFetcher {
    fetches: AtomicUsize,
    fail_with: Option<CredentialError>,
}

impl CountingFetcher {
    pub(crate) fn failing(error: CredentialError) -> Self {
        Self {
            fetches: AtomicUsize::new(0),
            fail_with: Some(error),
        }
    }

    pub(crate) fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }
}

#[async_trait]
impl TokenFetcher for CountingFetcher {
    async fn fetch(&self) -> Result<FetchedToken, CredentialError> {
        let n = self.fetches.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(error) = &self.fail_with {
            return Err(error.clone());
        }
        Ok(FetchedToken {
            access_token: SecretString::from(format!("token-{n}")),
            expires_in: Some(Duration::from_secs(3600)),
        })
    }
}

/// `BearerAuth` over a `TokenCache` fed by `fetcher`.
pub(crate) fn bearer_auth(fetcher: Arc<CountingFetcher>) -> BearerAuth {
    BearerAuth::new(TokenCache::new(
        VENDOR,
        fetcher,
        system_clock(),
        RefreshPolicy::default(),
    ))
}

/// Counts the calls to another `RequestAuth`; optionally holds every `authorization()` at a
/// barrier until `n` callers have their authorization (to make "all got the same token"
/// deterministic).
#[derive(Debug)]
pub(crate) struct CountingAuth {
    inner: Arc<dyn RequestAuth>,
    authorizations: AtomicUsize,
    reauthorizations: AtomicUsize,
    barrier: Option<Barrier>,
}

impl CountingAuth {
    pub(crate) fn new(inner: Arc<dyn RequestAuth>) -> Self {
        Self {
            inner,
            authorizations: AtomicUsize::new(0),
            reauthorizations: AtomicUsize::new(0),
            barrier: None,
        }
    }

    pub(crate) fn with_barrier(mut self, n: usize) -> Self {
        self.barrier = Some(Barrier::new(n));
        self
    }

    pub(crate) fn authorizations(&self) -> usize {
        self.authorizations.load(Ordering::SeqCst)
    }

    pub(crate) fn reauthorizations(&self) -> usize {
        self.reauthorizations.load(Ordering::SeqCst)
    }
}

#[async_trait]
impl RequestAuth for CountingAuth {
    async fn authorization(&self) -> Result<Authorization, CredentialError> {
        self.authorizations.fetch_add(1, Ordering::SeqCst);
        let authorization = self.inner.authorization().await;
        if let Some(barrier) = &self.barrier {
            barrier.wait().await;
        }
        authorization
    }

    async fn reauthorize(
        &self,
        rejected: &Authorization,
    ) -> Result<Option<Authorization>, CredentialError> {
        self.reauthorizations.fetch_add(1, Ordering::SeqCst);
        self.inner.reauthorize(rejected).await
    }
}

/// Number of requests the mock server has received.
pub(crate) async fn received(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}
