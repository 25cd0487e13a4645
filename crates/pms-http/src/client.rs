//! The vendor HTTP client.

use std::sync::Arc;
use std::time::Duration;

use clock::SharedClock;
use credentials::{Authorization, ExposeSecret, RequestAuth};
use http::header::{ACCEPT, CONTENT_TYPE};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use pms_contract::{ErrorKind, Operation, PmsError};
use serde::de::DeserializeOwned;

use crate::config::HttpConfig;
use crate::mapping::{
    map_credential_error, map_error_response, map_transport_error, request_id, with_context,
};
use crate::metrics::HttpMetrics;
use crate::rate_limit::RateLimiter;
use crate::request::{RequestBody, VendorRequest, VendorResponse};

/// Largest response body read from a vendor (8 MiB; Apaleo's biggest pages are far smaller).
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// What one attempt got back over HTTP (any status).
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

/// The HTTP client of one vendor account. Cheap to clone (shared connection pool).
///
/// See the [crate documentation](crate) for what one [`VendorHttpClient::send`] does.
#[derive(Debug, Clone)]
pub struct VendorHttpClient {
    config: HttpConfig,
    base: reqwest::Url,
    http: reqwest::Client,
    auth: Arc<dyn RequestAuth>,
    limiter: Arc<dyn RateLimiter>,
    clock: SharedClock,
    metrics: Option<HttpMetrics>,
}

impl VendorHttpClient {
    /// A client for `config`'s account, authorizing with `auth`, limited by `limiter`, reading
    /// time (for `Retry-After` dates, and attempt latency on its monotonic reading) from `clock`. Redirects are not followed (a 3xx is a
    /// `Protocol` error). Fails (`Internal`) if the base URL is not an absolute `http(s)` URL or
    /// the TLS client cannot be built.
    pub fn new(
        config: HttpConfig,
        auth: Arc<dyn RequestAuth>,
        limiter: Arc<dyn RateLimiter>,
        clock: SharedClock,
    ) -> Result<Self, PmsError> {
        let invalid_base = || {
            // The URL itself is not quoted: it may carry user info.
            PmsError::internal("base URL is not an absolute http(s) URL")
                .with_vendor(config.vendor.clone())
        };
        let base = reqwest::Url::parse(&config.base_url).map_err(|_| invalid_base())?;
        if !matches!(base.scheme(), "http" | "https") || base.cannot_be_a_base() {
            return Err(invalid_base());
        }
        let http = reqwest::Client::builder()
            .use_rustls_tls()
            .connect_timeout(config.connect_timeout)
            .user_agent(config.user_agent.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|_| {
                PmsError::internal("could not build the HTTP client")
                    .with_vendor(config.vendor.clone())
            })?;
        Ok(Self {
            config,
            base,
            http,
            auth,
            limiter,
            clock,
            metrics: None,
        })
    }

    /// Records metrics in `metrics`.
    #[must_use]
    pub fn with_metrics(mut self, metrics: HttpMetrics) -> Self {
        self.metrics = Some(metrics);
        self
    }

    /// The configuration.
    pub fn config(&self) -> &HttpConfig {
        &self.config
    }

    /// Sends `request` and returns the vendor's 2xx answer, or the mapped error (see
    /// [`map_error_response`]). After a 401 it re-authorizes once and repeats the request once;
    /// there are no other retries.
    pub async fn send(&self, request: &VendorRequest) -> Result<VendorResponse, PmsError> {
        let operation = request.operation();
        let url = request
            .url(&self.base)
            .map_err(|err| err.with_vendor(self.config.vendor.clone()))?;
        let auth = self
            .auth
            .authorization()
            .await
            .map_err(|err| map_credential_error(&self.config, operation, &err))?;
        let mut answer = self.attempt(request, &url, &auth, 1).await?;
        if answer.status == StatusCode::UNAUTHORIZED
            && let Some(fresh) = self.reauthorize(operation, &auth).await?
        {
            answer = self.attempt(request, &url, &fresh, 2).await?;
        }
        if !answer.status.is_success() {
            return Err(map_error_response(
                &self.config,
                operation,
                answer.status,
                &answer.headers,
                &answer.body,
                self.clock.now(),
            ));
        }
        let request_id = request_id(&self.config, &answer.headers);
        Ok(VendorResponse {
            status: answer.status,
            headers: answer.headers,
            body: answer.body,
            vendor: self.config.vendor.clone(),
            operation,
            request_id,
        })
    }

    /// [`VendorHttpClient::send`], then parses the body as JSON (`Protocol` error if it does not
    /// parse into `T`).
    pub async fn send_json<T: DeserializeOwned>(
        &self,
        request: &VendorRequest,
    ) -> Result<T, PmsError> {
        self.send(request).await?.json()
    }

    async fn reauthorize(
        &self,
        operation: Operation,
        rejected: &Authorization,
    ) -> Result<Option<Authorization>, PmsError> {
        let vendor = &self.config.vendor;
        let result = self.auth.reauthorize(rejected).await;
        let label = match &result {
            Ok(Some(_)) => "refreshed",
            Ok(None) => "none",
            Err(_) => "failed",
        };
        if let Some(metrics) = &self.metrics {
            metrics.auth_refresh(vendor, label);
        }
        tracing::debug!(vendor = %vendor, operation = %operation, result = label, "vendor answered 401; re-authorization");
        result.map_err(|err| map_credential_error(&self.config, operation, &err))
    }

    async fn attempt(
        &self,
        request: &VendorRequest,
        url: &reqwest::Url,
        auth: &Authorization,
        attempt: u32,
    ) -> Result<Answer, PmsError> {
        let operation = request.operation();
        let vendor = self.config.vendor.as_str();
        let waited = self
            .limiter
            .acquire()
            .await
            .map_err(|err| err.with_vendor(vendor.to_owned()).with_operation(operation))?;
        if let Some(metrics) = &self.metrics {
            metrics.rate_limit_wait(vendor, waited);
        }
        let builder = self.build(request, url, auth)?;
        let timeout = self.config.attempt_timeout;
        let started = self.clock.monotonic();
        let outcome = tokio::time::timeout(timeout, async {
            let mut response = builder.send().await?;
            let status = response.status();
            let headers = response.headers().clone();
            // Read at most MAX_BODY_BYTES: a vendor (or anything answering in its place) must
            // not make us buffer without bound.
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await? {
                if body.len() + chunk.len() > MAX_BODY_BYTES {
                    return Ok(Err(status));
                }
                body.extend_from_slice(&chunk);
            }
            Ok::<_, reqwest::Error>(Ok(Answer {
                status,
                headers,
                body,
            }))
        })
        .await;
        let latency = self.clock.elapsed_since(started);
        let (result, status_class) = match outcome {
            Ok(Ok(Ok(answer))) => {
                let class = status_class(answer.status);
                (Ok(answer), class)
            }
            Ok(Ok(Err(status))) => (
                Err(PmsError::new(
                    ErrorKind::Protocol,
                    format!("response body larger than {MAX_BODY_BYTES} bytes"),
                )
                .with_vendor(self.config.vendor.clone())
                .with_operation(operation)
                .with_http_status(status.as_u16())),
                status_class(status),
            ),
            Ok(Err(err)) => {
                let class = if err.is_connect() {
                    "connect_error"
                } else if err.is_timeout() {
                    "timeout"
                } else {
                    "transport_error"
                };
                (
                    Err(map_transport_error(&self.config, operation, &err)),
                    class,
                )
            }
            Err(_) => (
                Err(attempt_timed_out(&self.config, operation, timeout)),
                "timeout",
            ),
        };
        if let Some(metrics) = &self.metrics {
            metrics.attempt(vendor, operation.as_str(), status_class, latency);
        }
        let (status, request_id) = match &result {
            Ok(answer) => (
                Some(answer.status.as_u16()),
                request_id(&self.config, &answer.headers),
            ),
            Err(_) => (None, None),
        };
        // Path template only: the URL's values (ids, query) may be guest data.
        tracing::debug!(
            vendor = %vendor,
            account = %self.config.account,
            operation = %operation,
            method = %request.method(),
            path = %request.path_template(),
            attempt,
            status,
            status_class,
            latency_ms = duration_ms(latency),
            rate_limit_wait_ms = duration_ms(waited),
            vendor_request_id = request_id.as_deref(),
            "vendor http attempt"
        );
        result
    }

    fn build(
        &self,
        request: &VendorRequest,
        url: &reqwest::Url,
        auth: &Authorization,
    ) -> Result<reqwest::RequestBuilder, PmsError> {
        let internal = |message: &str| {
            PmsError::internal(message.to_owned())
                .with_vendor(self.config.vendor.clone())
                .with_operation(request.operation())
        };
        let auth_name = HeaderName::from_bytes(auth.header.as_bytes())
            .map_err(|_| internal("authorization header name is not a valid HTTP header name"))?;
        let mut auth_value = HeaderValue::from_str(auth.value.expose_secret())
            .map_err(|_| internal("authorization value is not a valid HTTP header value"))?;
        auth_value.set_sensitive(true);
        let mut builder = self
            .http
            .request(request.method().clone(), url.clone())
            .header(ACCEPT, HeaderValue::from_static("application/json"));
        for (name, value) in request.headers() {
            builder = builder.header(name.clone(), value.clone());
        }
        builder = builder.header(auth_name, auth_value);
        builder = match request.body() {
            Some(RequestBody::Json(bytes)) => builder
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(bytes.clone()),
            Some(RequestBody::Form(fields)) => builder.form(fields),
            None => builder,
        };
        Ok(builder)
    }
}

fn attempt_timed_out(config: &HttpConfig, operation: Operation, timeout: Duration) -> PmsError {
    with_context(
        PmsError::new(
            ErrorKind::Timeout,
            format!(
                "no complete vendor answer within the {}ms attempt timeout; for writes the outcome is unknown",
                timeout.as_millis()
            ),
        ),
        config,
        operation,
        None,
        &HeaderMap::new(),
    )
}

fn status_class(status: StatusCode) -> &'static str {
    match status.as_u16() / 100 {
        1 => "1xx",
        2 => "2xx",
        3 => "3xx",
        4 => "4xx",
        _ => "5xx",
    }
}

fn duration_ms(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}
