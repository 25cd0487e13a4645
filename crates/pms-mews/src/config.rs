//! How to reach one Mews enterprise, and the terms the connector states for its rates.

use std::time::Duration;

use chrono::NaiveTime;
use pms_http::{HttpConfig, Quota};

/// Mews's rate limit: 200 requests per access token in a sliding 30 s window. The quota the
/// connector asks for is a little inside it: 6 requests per second on average (180 per 30 s
/// after the burst is spent) with bursts of up to 20, so that any 30 s window holds at most
/// 20 + 180 = 200 requests.
pub fn mews_quota() -> Quota {
    Quota::new(6, Duration::from_secs(1), 20)
}

/// When the free cancellation of a refundable rate ends, and what it costs afterwards.
///
/// Mews's machine-readable cancellation policies are a restricted beta
/// (`cancellationPolicies/getByRates`), so the connector states the terms itself: a rate whose
/// name or short name marks it non-refundable (`Non-refundable`, `NONREF`, `non refundable`)
/// is [`pms_contract::CancellationPolicy::NonRefundable`] (guaranteed by prepayment); every
/// other rate is free to cancel until `time` local, `days_before` days before arrival, and
/// then costs the first night.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FreeCancellation {
    /// Days before the arrival date the deadline falls on (default 1: the day before).
    pub days_before: u32,
    /// Local time of day of the deadline (default 18:00).
    pub time: NaiveTime,
}

impl Default for FreeCancellation {
    fn default() -> Self {
        Self {
            days_before: 1,
            time: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or(NaiveTime::MIN),
        }
    }
}

/// One Mews enterprise (hotel) and the endpoint of its platform.
///
/// Credentials are not part of the configuration: the client token and the access token are
/// secret references resolved when the connector first needs them
/// ([`crate::MewsConnector::new`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MewsConfig {
    /// The Mews `EnterpriseId` (a GUID).
    pub enterprise_id: String,
    /// The account key for the rate limiter and logs; defaults to the enterprise id
    /// ([`pms_plugin::account_of`]). One access token is one account.
    pub account: Option<String>,
    /// The platform address (default `https://api.mews.com`; demo `https://api.mews-demo.com`).
    pub api_base: String,
    /// Longest time for one HTTP attempt (default 10 s).
    pub attempt_timeout: Duration,
    /// Longest time to connect (default 2 s).
    pub connect_timeout: Duration,
    /// Items per page of a `getAll` (1 to 1000, default 100: Mews answers `reservations/getAll`
    /// with 408 when a page is too heavy).
    pub page_size: u32,
    /// The terms of refundable rates.
    pub free_cancellation: FreeCancellation,
    /// How long the enterprise's set-up (time zone, currency, stay service, room categories,
    /// age categories, rates) is kept before it is read again (default 10 minutes).
    pub setup_ttl: Duration,
}

impl MewsConfig {
    /// Mews's production platform.
    pub const DEFAULT_API_BASE: &'static str = "https://api.mews.com";
    /// Mews's public demo platform.
    pub const DEMO_API_BASE: &'static str = "https://api.mews-demo.com";
    /// The largest page Mews serves.
    pub const MAX_PAGE_SIZE: u32 = 1000;
    /// The default page size.
    pub const DEFAULT_PAGE_SIZE: u32 = 100;
    /// How long the enterprise's set-up is kept by default.
    pub const DEFAULT_SETUP_TTL: Duration = Duration::from_secs(600);

    /// The enterprise `enterprise_id` on Mews's production platform, default timeouts.
    pub fn new(enterprise_id: impl Into<String>) -> Self {
        Self {
            enterprise_id: enterprise_id.into(),
            account: None,
            api_base: Self::DEFAULT_API_BASE.to_owned(),
            attempt_timeout: HttpConfig::DEFAULT_ATTEMPT_TIMEOUT,
            connect_timeout: HttpConfig::DEFAULT_CONNECT_TIMEOUT,
            page_size: Self::DEFAULT_PAGE_SIZE,
            free_cancellation: FreeCancellation::default(),
            setup_ttl: Self::DEFAULT_SETUP_TTL,
        }
    }

    /// The configuration of `hotel`: its property (the enterprise id), `endpoints.api` and
    /// account; defaults otherwise.
    pub fn from_hotel(hotel: &pms_plugin::HotelConfig) -> Self {
        let mut config = Self::new(hotel.property.as_str());
        if let Some(api) = &hotel.endpoints.api {
            config = config.with_api_base(api.clone());
        }
        if let Some(account) = &hotel.account {
            config = config.with_account(account.clone());
        }
        config
    }

    /// Uses `api_base` as the platform address.
    #[must_use]
    pub fn with_api_base(mut self, api_base: impl Into<String>) -> Self {
        self.api_base = api_base.into();
        self
    }

    /// Sets the account key.
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

    /// Reads lists with pages of `page_size` items (clamped to 1..=1000).
    #[must_use]
    pub fn with_page_size(mut self, page_size: u32) -> Self {
        self.page_size = page_size.clamp(1, Self::MAX_PAGE_SIZE);
        self
    }

    /// Sets the terms of refundable rates.
    #[must_use]
    pub fn with_free_cancellation(mut self, terms: FreeCancellation) -> Self {
        self.free_cancellation = terms;
        self
    }

    /// Sets how long the enterprise's set-up is kept.
    #[must_use]
    pub fn with_setup_ttl(mut self, ttl: Duration) -> Self {
        self.setup_ttl = ttl;
        self
    }

    /// The account key for rate limits: the account, or the enterprise id.
    pub fn account_key(&self) -> &str {
        pms_plugin::account_of(self.account.as_deref(), &self.enterprise_id)
    }

    /// The HTTP client configuration: `Request-Id` as the vendor request id, the timeouts.
    pub(crate) fn http(&self) -> HttpConfig {
        HttpConfig::new(crate::VENDOR, self.account_key(), self.api_base.clone())
            .with_request_id_header("Request-Id")
            .with_attempt_timeout(self.attempt_timeout)
            .with_connect_timeout(self.connect_timeout)
    }
}
