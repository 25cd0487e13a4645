//! How to reach one Apaleo property.

use std::time::Duration;

use clock::SharedClock;
use pms_http::{HttpConfig, LocalRateLimiter, Quota, RedisRateLimiter};

/// Apaleo's rate-limit tiers (limits are counted per client id and account).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AccountTier {
    /// Live accounts: 100 requests/s on average, bursts up to 200
    /// ([`pms_http::LocalRateLimiter::apaleo_live`]).
    #[default]
    Live,
    /// Development and trial accounts: 5 requests/s on average, bursts up to 10
    /// ([`pms_http::LocalRateLimiter::apaleo_dev`]).
    Dev,
}

impl AccountTier {
    /// The tier's request budget: [`Quota::apaleo_live`] or [`Quota::apaleo_dev`]. Every rate
    /// limiter the crate builds for an account (local, Redis-shared and the Redis limiter's
    /// local fallback) uses this quota.
    pub fn quota(self) -> Quota {
        match self {
            AccountTier::Live => Quota::apaleo_live(),
            AccountTier::Dev => Quota::apaleo_dev(),
        }
    }
}

/// One Apaleo property (hotel) and the endpoints of its account.
///
/// Credentials are not part of the configuration: they are handed to the constructors as values
/// ([`crate::ApaleoConnector::with_client_credentials`]) or as secret references resolved on
/// every token fetch ([`crate::ApaleoConnector::from_secret_refs`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApaleoConfig {
    /// The property id, e.g. `MUC`.
    pub property_id: String,
    /// The account code, for rate-limit keys and logs (not personal data); defaults to the
    /// property id ([`pms_plugin::account_of`], the rule the factory keys breakers by).
    pub account: Option<String>,
    /// The API root (default `https://api.apaleo.com`).
    pub api_base: String,
    /// The identity provider's root (default `https://identity.apaleo.com`); tokens come from
    /// `{identity_base}/connect/token`.
    pub identity_base: String,
    /// Longest time for one HTTP attempt (default 10 s). It also caps the two create timeouts
    /// below.
    pub attempt_timeout: Duration,
    /// Longest time for the create's `POST /booking/v1/bookings` (default 6 s, see
    /// [`ApaleoConfig::DEFAULT_CREATE_TIMEOUT`]).
    pub create_timeout: Duration,
    /// Longest time for each look-up of a create after its POST: the reconciliation by
    /// `externalCode` after a lost answer, or reading the booking back (default 3 s, see
    /// [`ApaleoConfig::DEFAULT_CREATE_LOOKUP_TIMEOUT`]).
    pub create_lookup_timeout: Duration,
    /// Longest time to connect (default 2 s).
    pub connect_timeout: Duration,
    /// The rate-limit tier of the account (used by the convenience constructors).
    pub tier: AccountTier,
}

impl ApaleoConfig {
    /// The default API root.
    pub const DEFAULT_API_BASE: &'static str = "https://api.apaleo.com";
    /// The default identity provider.
    pub const DEFAULT_IDENTITY_BASE: &'static str = "https://identity.apaleo.com";
    /// The default attempt timeout of a create's POST. With
    /// [`ApaleoConfig::DEFAULT_CREATE_LOOKUP_TIMEOUT`] it adds up to 9 s, so that after a POST
    /// that ran into its timeout the reconciliation look-up still fits in the interactive write
    /// deadline of 10 s (`pms_resilience::ResiliencePolicy::interactive`), with 1 s left for a
    /// token fetch and rate-limit waits.
    pub const DEFAULT_CREATE_TIMEOUT: Duration = Duration::from_secs(6);
    /// The default attempt timeout of the look-up after a create's POST (one request: the
    /// reconciliation by `externalCode`, or the read-back of the booking).
    pub const DEFAULT_CREATE_LOOKUP_TIMEOUT: Duration = Duration::from_secs(3);

    /// The property `property_id` on Apaleo's production hosts, live tier, default timeouts.
    pub fn new(property_id: impl Into<String>) -> Self {
        Self {
            property_id: property_id.into(),
            account: None,
            api_base: Self::DEFAULT_API_BASE.to_owned(),
            identity_base: Self::DEFAULT_IDENTITY_BASE.to_owned(),
            attempt_timeout: HttpConfig::DEFAULT_ATTEMPT_TIMEOUT,
            create_timeout: Self::DEFAULT_CREATE_TIMEOUT,
            create_lookup_timeout: Self::DEFAULT_CREATE_LOOKUP_TIMEOUT,
            connect_timeout: HttpConfig::DEFAULT_CONNECT_TIMEOUT,
            tier: AccountTier::Live,
        }
    }

    /// Uses `api_base` as the API root (e.g. a sandbox or `https://api.apaleo-staging.com`).
    #[must_use]
    pub fn with_api_base(mut self, api_base: impl Into<String>) -> Self {
        self.api_base = api_base.into();
        self
    }

    /// Uses `identity_base` as the identity provider.
    #[must_use]
    pub fn with_identity_base(mut self, identity_base: impl Into<String>) -> Self {
        self.identity_base = identity_base.into();
        self
    }

    /// Sets the account code.
    #[must_use]
    pub fn with_account(mut self, account: impl Into<String>) -> Self {
        self.account = Some(account.into());
        self
    }

    /// Sets the attempt timeout (which also caps the create timeouts).
    #[must_use]
    pub fn with_attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = timeout;
        self
    }

    /// Sets the attempt timeouts of a create: `post` for its POST, `lookup` for the one
    /// look-up after it (reconciliation or read-back). Keep `post + lookup` below the write
    /// deadline of the resilience policy the connector runs under.
    #[must_use]
    pub fn with_create_timeouts(mut self, post: Duration, lookup: Duration) -> Self {
        self.create_timeout = post;
        self.create_lookup_timeout = lookup;
        self
    }

    /// The attempt timeout of a create's POST in effect: the create timeout, at most the
    /// attempt timeout.
    pub fn effective_create_timeout(&self) -> Duration {
        self.create_timeout.min(self.attempt_timeout)
    }

    /// The attempt timeout of the look-up after a create's POST in effect: the create look-up
    /// timeout, at most the attempt timeout.
    pub fn effective_create_lookup_timeout(&self) -> Duration {
        self.create_lookup_timeout.min(self.attempt_timeout)
    }

    /// Sets the rate-limit tier.
    #[must_use]
    pub fn with_tier(mut self, tier: AccountTier) -> Self {
        self.tier = tier;
        self
    }

    /// The OAuth2 token endpoint: `{identity_base}/connect/token`.
    pub fn token_url(&self) -> String {
        format!("{}/connect/token", self.identity_base.trim_end_matches('/'))
    }

    /// The account key for rate limits: the account code, or the property id
    /// ([`pms_plugin::account_of`]).
    pub fn account_key(&self) -> &str {
        pms_plugin::account_of(self.account.as_deref(), &self.property_id)
    }

    /// The configuration of `hotel`: its property, endpoints (default: Apaleo's production
    /// hosts) and account; live tier, default timeouts.
    pub fn from_hotel(hotel: &pms_plugin::HotelConfig) -> Self {
        let mut config = Self::new(hotel.property.as_str());
        if let Some(api) = &hotel.endpoints.api {
            config = config.with_api_base(api.clone());
        }
        if let Some(identity) = &hotel.endpoints.identity {
            config = config.with_identity_base(identity.clone());
        }
        if let Some(account) = &hotel.account {
            config = config.with_account(account.clone());
        }
        config
    }

    /// A rate limiter for this account kept in this process, with the tier's quota.
    pub fn local_rate_limiter(&self, clock: SharedClock) -> LocalRateLimiter {
        LocalRateLimiter::new(self.tier.quota(), clock)
    }

    /// A rate limiter for this account shared by every replica through `redis`
    /// (`voicehive:ratelimit:apaleo:{account}`), with the tier's quota, falling back to
    /// [`ApaleoConfig::local_rate_limiter`] (the same quota) while Redis is unavailable.
    pub fn redis_rate_limiter(&self, redis: redis::Client, clock: SharedClock) -> RedisRateLimiter {
        let quota = self.tier.quota();
        RedisRateLimiter::new(
            redis,
            crate::VENDOR,
            self.account_key(),
            quota,
            LocalRateLimiter::new(quota, clock),
        )
    }

    /// The HTTP client configuration for this account, with `sanitize` for vendor messages.
    pub(crate) fn http(&self, sanitize: fn(&str) -> String) -> HttpConfig {
        HttpConfig::new(crate::VENDOR, self.account_key(), self.api_base.clone())
            .with_request_id_header("Apaleo-Tracking-Id")
            .with_attempt_timeout(self.attempt_timeout)
            .with_connect_timeout(self.connect_timeout)
            .with_sanitize(sanitize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_builders() {
        let config = ApaleoConfig::new("MUC");
        assert_eq!(config.api_base, "https://api.apaleo.com");
        assert_eq!(
            config.token_url(),
            "https://identity.apaleo.com/connect/token"
        );
        assert_eq!(config.account_key(), "MUC");
        assert_eq!(config.tier, AccountTier::Live);
        let config = config
            .with_api_base("http://127.0.0.1:1")
            .with_identity_base("http://127.0.0.1:2/")
            .with_account("ACME")
            .with_attempt_timeout(Duration::from_secs(2))
            .with_tier(AccountTier::Dev);
        assert_eq!(config.token_url(), "http://127.0.0.1:2/connect/token");
        assert_eq!(config.account_key(), "ACME");
        let http = config.http(pms_http::redact_contact_details);
        assert_eq!(http.vendor, "apaleo");
        assert_eq!(http.account, "ACME");
        assert_eq!(http.attempt_timeout, Duration::from_secs(2));
        assert_eq!(
            http.request_id_header.as_deref(),
            Some("Apaleo-Tracking-Id")
        );
        // The attempt timeout caps the create timeouts.
        assert_eq!(config.effective_create_timeout(), Duration::from_secs(2));
        assert_eq!(
            config.effective_create_lookup_timeout(),
            Duration::from_secs(2)
        );
        let config = config
            .with_attempt_timeout(Duration::from_secs(10))
            .with_create_timeouts(Duration::from_secs(5), Duration::from_millis(1500));
        assert_eq!(config.effective_create_timeout(), Duration::from_secs(5));
        assert_eq!(
            config.effective_create_lookup_timeout(),
            Duration::from_millis(1500)
        );
    }

    #[test]
    fn a_timed_out_create_and_its_reconciliation_fit_in_the_interactive_write_deadline() {
        let config = ApaleoConfig::new("MUC");
        assert_eq!(config.attempt_timeout, HttpConfig::DEFAULT_ATTEMPT_TIMEOUT);
        assert_eq!(config.effective_create_timeout(), Duration::from_secs(6));
        assert_eq!(
            config.effective_create_lookup_timeout(),
            Duration::from_secs(3)
        );
        let write_deadline = pms_resilience::ResiliencePolicy::interactive()
            .deadlines
            .write;
        let create = config.effective_create_timeout() + config.effective_create_lookup_timeout();
        // At least a second left for a token fetch, rate-limit waits and connection set-up.
        assert!(
            create + Duration::from_secs(1) <= write_deadline,
            "{create:?} vs {write_deadline:?}"
        );
    }

    #[test]
    fn every_limiter_of_a_tier_has_the_tier_s_quota() {
        let clock: SharedClock = std::sync::Arc::new(clock::SystemClock);
        let redis = redis::Client::open("redis://127.0.0.1:1").unwrap();
        for (tier, quota) in [
            (AccountTier::Live, Quota::per_second(100, 200)),
            (AccountTier::Dev, Quota::per_second(5, 10)),
        ] {
            let config = ApaleoConfig::new("MUC")
                .with_account("ACME")
                .with_tier(tier);
            assert_eq!(tier.quota(), quota);
            assert_eq!(config.local_rate_limiter(clock.clone()).quota(), quota);
            let shared = config.redis_rate_limiter(redis.clone(), clock.clone());
            assert_eq!(shared.quota(), quota, "{tier:?}");
            assert_eq!(shared.key(), "voicehive:ratelimit:apaleo:ACME");
        }
    }
}
