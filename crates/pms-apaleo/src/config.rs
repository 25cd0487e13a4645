//! How to reach one Apaleo property.

use std::time::Duration;

use pms_http::HttpConfig;

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
    /// property id.
    pub account: Option<String>,
    /// The API root (default `https://api.apaleo.com`).
    pub api_base: String,
    /// The identity provider's root (default `https://identity.apaleo.com`); tokens come from
    /// `{identity_base}/connect/token`.
    pub identity_base: String,
    /// Longest time for one HTTP attempt (default 10 s).
    pub attempt_timeout: Duration,
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

    /// The property `property_id` on Apaleo's production hosts, live tier, default timeouts.
    pub fn new(property_id: impl Into<String>) -> Self {
        Self {
            property_id: property_id.into(),
            account: None,
            api_base: Self::DEFAULT_API_BASE.to_owned(),
            identity_base: Self::DEFAULT_IDENTITY_BASE.to_owned(),
            attempt_timeout: HttpConfig::DEFAULT_ATTEMPT_TIMEOUT,
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

    /// Sets the attempt timeout.
    #[must_use]
    pub fn with_attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = timeout;
        self
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

    /// The account key for rate limits: the account code, or the property id.
    pub fn account_key(&self) -> &str {
        self.account.as_deref().unwrap_or(&self.property_id)
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
    }
}
