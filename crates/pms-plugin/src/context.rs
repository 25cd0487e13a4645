//! What a connector gets from the process when it is built.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use clock::SharedClock;
use credentials::{
    BearerAuth, CredentialMetrics, RefreshPolicy, RequestAuth, SecretRef, SecretStore,
    SecretStores, TokenCache, TokenFetcher,
};
use pms_contract::PmsError;
use pms_http::{
    HttpConfig, HttpMetrics, LocalRateLimiter, Quota, RateLimiter, RedisRateLimiter,
    VendorHttpClient,
};

use crate::HotelConfig;

/// What a connector gets from the process when it is built: the clock, the secret store, the
/// optional Redis shared by replicas, the metrics to report to, and the shared code every
/// descriptor uses for the rate limiter ([`BuildContext::rate_limiter`]), credentials
/// ([`BuildContext::credential`], [`BuildContext::bearer_auth`]) and HTTP clients
/// ([`BuildContext::http_client`]).
#[derive(Debug, Clone)]
pub struct BuildContext {
    /// The clock every time-dependent behaviour uses.
    pub clock: SharedClock,
    /// Where the hotel's credential references (`env:`, `file:`, `vault:`) are resolved.
    /// Connectors resolve them lazily, when they first need a token, so building does no I/O.
    pub secrets: Arc<dyn SecretStore>,
    /// Redis shared by every replica, to keep vendor rate limits per account across all of
    /// them; `None` keeps the limits in this process.
    pub redis: Option<redis::Client>,
    /// Vendor HTTP metrics (`voicehive_pms_http_*`, rate-limit waits), if reported.
    pub http_metrics: Option<HttpMetrics>,
    /// Token refresh metrics (`voicehive_token_refreshes_total`), if reported.
    pub credential_metrics: Option<CredentialMetrics>,
    /// The rate limiters built so far, by account key: hotels of one account share one.
    limiters: Arc<Mutex<BTreeMap<String, Arc<dyn RateLimiter>>>>,
}

impl BuildContext {
    /// A context on `clock`, resolving secrets from the environment and files, limits in this
    /// process, no metrics.
    pub fn new(clock: SharedClock) -> Self {
        Self {
            clock,
            secrets: Arc::new(SecretStores::new()),
            redis: None,
            http_metrics: None,
            credential_metrics: None,
            limiters: Arc::default(),
        }
    }

    /// Resolves credential references with `secrets`.
    #[must_use]
    pub fn with_secrets(mut self, secrets: Arc<dyn SecretStore>) -> Self {
        self.secrets = secrets;
        self
    }

    /// Shares vendor rate limits across every replica using `redis`.
    #[must_use]
    pub fn with_redis(mut self, redis: redis::Client) -> Self {
        self.redis = Some(redis);
        self
    }

    /// Reports vendor HTTP calls and rate-limit waits to `metrics`.
    #[must_use]
    pub fn with_http_metrics(mut self, metrics: HttpMetrics) -> Self {
        self.http_metrics = Some(metrics);
        self
    }

    /// Reports token refreshes to `metrics`.
    #[must_use]
    pub fn with_credential_metrics(mut self, metrics: CredentialMetrics) -> Self {
        self.credential_metrics = Some(metrics);
        self
    }

    /// The rate limiter of `hotel`'s vendor account with `quota`: shared by every replica
    /// through Redis when the context has one (`voicehive:ratelimit:{vendor}:{account}`,
    /// falling back to a local limiter with the same quota while Redis is unavailable), kept
    /// in this process otherwise. Hotels of one account get the same limiter.
    pub fn rate_limiter(&self, hotel: &HotelConfig, quota: Quota) -> Arc<dyn RateLimiter> {
        let mut limiters = self.limiters.lock().unwrap_or_else(PoisonError::into_inner);
        limiters
            .entry(hotel.account_key())
            .or_insert_with(|| {
                let local = LocalRateLimiter::new(quota, self.clock.clone());
                match &self.redis {
                    None => Arc::new(local),
                    Some(redis) => {
                        let limiter = RedisRateLimiter::new(
                            redis.clone(),
                            &hotel.vendor,
                            hotel.account(),
                            quota,
                            local,
                        );
                        // Fallbacks to the local budget are counted
                        // (`voicehive_pms_rate_limit_fallbacks_total`).
                        Arc::new(match &self.http_metrics {
                            Some(metrics) => limiter.with_metrics(metrics.clone()),
                            None => limiter,
                        })
                    }
                }
            })
            .clone()
    }

    /// The credential reference `hotel.credentials.<name>`.
    ///
    /// # Errors
    ///
    /// `Validation`, naming the key and the accepted forms, if the hotel does not set it.
    pub fn credential(&self, hotel: &HotelConfig, name: &str) -> Result<SecretRef, PmsError> {
        hotel.credentials.get(name).cloned().ok_or_else(|| {
            PmsError::validation(format!(
                "hotel.credentials.{name} is required for {} (env:NAME, file:PATH or vault:MOUNT/PATH#KEY)",
                hotel.vendor
            ))
        })
    }

    /// A token cache for `vendor` over `fetcher` (default refresh policy), reporting to the
    /// context's credential metrics.
    pub fn token_cache(&self, vendor: &str, fetcher: Arc<dyn TokenFetcher>) -> TokenCache {
        let cache = TokenCache::new(
            vendor,
            fetcher,
            self.clock.clone(),
            RefreshPolicy::default(),
        );
        match &self.credential_metrics {
            Some(metrics) => cache.with_metrics(metrics.clone()),
            None => cache,
        }
    }

    /// Bearer authorization from [`BuildContext::token_cache`].
    pub fn bearer_auth(
        &self,
        vendor: &str,
        fetcher: Arc<dyn TokenFetcher>,
    ) -> Arc<dyn RequestAuth> {
        Arc::new(BearerAuth::new(self.token_cache(vendor, fetcher)))
    }

    /// A vendor HTTP client reporting to the context's HTTP metrics.
    ///
    /// # Errors
    ///
    /// As [`VendorHttpClient::new`].
    pub fn http_client(
        &self,
        config: HttpConfig,
        auth: Arc<dyn RequestAuth>,
        limiter: Arc<dyn RateLimiter>,
    ) -> Result<VendorHttpClient, PmsError> {
        let client = VendorHttpClient::new(config, auth, limiter, self.clock.clone())?;
        Ok(match &self.http_metrics {
            Some(metrics) => client.with_metrics(metrics.clone()),
            None => client,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn hotel(id: &str, property: &str, account: Option<&str>) -> HotelConfig {
        let mut hotel = HotelConfig::from_toml(
            &format!(
                "[hotel]\nid = \"{id}\"\nvendor = \"acme\"\nproperty = \"{property}\"\nlive = false\n"
            ),
            "hotel.toml",
        )
        .unwrap();
        hotel.account = account.map(str::to_owned);
        hotel
    }

    #[test]
    fn hotels_of_one_account_share_one_limiter_and_the_account_defaults_to_the_property() {
        let ctx = BuildContext::new(Arc::new(clock::SystemClock));
        let quota = Quota::per_second(5, 10);
        let (a, b) = (hotel("a", "P1", Some("ACC")), hotel("b", "P2", Some("ACC")));
        let c = hotel("c", "P1", None);
        assert_eq!(c.account(), "P1");
        assert_eq!(c.account_key(), "acme:P1");
        assert!(Arc::ptr_eq(
            &ctx.rate_limiter(&a, quota),
            &ctx.rate_limiter(&b, quota)
        ));
        assert!(!Arc::ptr_eq(
            &ctx.rate_limiter(&a, quota),
            &ctx.rate_limiter(&c, quota)
        ));
    }

    /// With Redis unreachable, the shared limiter falls back to its local budget and the
    /// context's HTTP metrics count it.
    #[tokio::test]
    async fn fallbacks_of_the_shared_limiter_are_counted_in_the_context_metrics() {
        let registry = prometheus::Registry::new();
        let metrics = HttpMetrics::register(&registry).unwrap();
        // A port nothing listens on: every Redis call fails at once.
        let redis = redis::Client::open("redis://127.0.0.1:1/").unwrap();
        let ctx = BuildContext::new(Arc::new(clock::SystemClock))
            .with_redis(redis)
            .with_http_metrics(metrics.clone());
        let limiter = ctx.rate_limiter(&hotel("a", "P1", None), Quota::per_second(5, 10));
        assert!(limiter.acquire().await.is_ok(), "the local budget answers");
        assert_eq!(metrics.rate_limit_fallbacks("acme"), 1);
    }

    #[test]
    fn a_missing_credential_names_the_key_and_the_vendor() {
        let ctx = BuildContext::new(Arc::new(clock::SystemClock));
        let err = ctx
            .credential(&hotel("a", "P1", None), "client_id")
            .unwrap_err();
        assert_eq!(
            err.message(),
            "hotel.credentials.client_id is required for acme (env:NAME, file:PATH or vault:MOUNT/PATH#KEY)"
        );
    }
}
