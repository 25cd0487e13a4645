//! Configuration of one vendor account's HTTP client.

use std::time::Duration;

use crate::sanitize::redact_contact_details;

/// How to reach one vendor account.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// The vendor id, e.g. `apaleo`; used in errors, logs, metrics and rate-limit keys.
    pub vendor: String,
    /// The vendor account key (e.g. Apaleo's account code), for rate-limit keys. Not PII.
    pub account: String,
    /// The API root, e.g. `https://api.apaleo.com`. Request paths are appended to it.
    pub base_url: String,
    /// Longest time to establish a connection (default 2 s).
    pub connect_timeout: Duration,
    /// Longest time for one attempt, from sending to the last byte of the body (default 10 s).
    pub attempt_timeout: Duration,
    /// The response header carrying the vendor's request id, e.g. `Apaleo-Tracking-Id`.
    pub request_id_header: Option<String>,
    /// The `User-Agent` sent with every request.
    pub user_agent: String,
    /// Applied to every vendor validation message before it goes into an error (they may echo
    /// guest input). Default: [`redact_contact_details`]. The result is truncated to
    /// [`crate::MAX_VENDOR_MESSAGE_CHARS`] characters.
    pub sanitize: fn(&str) -> String,
}

impl HttpConfig {
    /// Default connect timeout.
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
    /// Default attempt timeout.
    pub const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);

    /// A configuration with the default timeouts, no request-id header, the crate's user agent
    /// and [`redact_contact_details`] as sanitizer.
    pub fn new(
        vendor: impl Into<String>,
        account: impl Into<String>,
        base_url: impl Into<String>,
    ) -> Self {
        Self {
            vendor: vendor.into(),
            account: account.into(),
            base_url: base_url.into(),
            connect_timeout: Self::DEFAULT_CONNECT_TIMEOUT,
            attempt_timeout: Self::DEFAULT_ATTEMPT_TIMEOUT,
            request_id_header: None,
            user_agent: concat!("voicehive-pms-http/", env!("CARGO_PKG_VERSION")).to_owned(),
            sanitize: redact_contact_details,
        }
    }

    /// Reads the vendor request id from `header`.
    #[must_use]
    pub fn with_request_id_header(mut self, header: impl Into<String>) -> Self {
        self.request_id_header = Some(header.into());
        self
    }

    /// Sets the attempt timeout.
    #[must_use]
    pub fn with_attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = timeout;
        self
    }

    /// Sets the connect timeout.
    #[must_use]
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets the sanitizer for vendor messages.
    #[must_use]
    pub fn with_sanitize(mut self, sanitize: fn(&str) -> String) -> Self {
        self.sanitize = sanitize;
        self
    }
}
