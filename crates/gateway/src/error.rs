//! Errors as RFC 9457 problem details (`application/problem+json`).

use std::time::Duration;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use pms_contract::{ErrorKind, PmsError};
use serde::Serialize;
use utoipa::ToSchema;

/// The content type of problem responses.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// A problem details body (RFC 9457) with a stable machine `code`.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct Problem {
    /// A URI naming the problem type: `urn:voicehive:problem:{code}`.
    #[serde(rename = "type")]
    pub type_: String,
    /// A short, human-readable summary of the problem type.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong with this request; never internal details or guest data.
    pub detail: String,
    /// The stable machine-readable code, e.g. `not_found`, `idempotency_key_reused`.
    pub code: String,
}

/// An error answered to an API caller.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{code}: {detail}")]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    detail: String,
    retry_after: Option<Duration>,
}

impl ApiError {
    /// An error with `status`, machine `code` and a caller-safe `detail`.
    pub fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Self {
        Self {
            status,
            code,
            detail: detail.into(),
            retry_after: None,
        }
    }

    /// Adds a `Retry-After` hint.
    #[must_use]
    pub fn with_retry_after(mut self, after: Duration) -> Self {
        self.retry_after = Some(after);
        self
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The machine code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// 400 `invalid_request`.
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_request", detail)
    }

    /// 401 `unauthorized`.
    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "A valid API key is required: `Authorization: Bearer <key>`.",
        )
    }

    /// 403 `forbidden` for a missing scope.
    pub fn forbidden(scope: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            format!("The API key lacks the scope `{scope}`."),
        )
    }

    /// 404 `hotel_not_found`.
    pub fn hotel_not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "hotel_not_found",
            "No such hotel for this API key.",
        )
    }

    /// 500 `internal` (details go to the log, never to the caller).
    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "An internal error occurred.",
        )
    }

    /// 503 `unavailable` with a retry hint.
    pub fn unavailable(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", detail)
            .with_retry_after(Duration::from_secs(1))
    }

    /// Maps a contract error validated locally (domain constructors); their messages never
    /// carry input values.
    pub fn from_validation(error: &PmsError) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            error.message().to_owned(),
        )
    }

    fn title(&self) -> &'static str {
        self.status.canonical_reason().unwrap_or("Error")
    }

    /// The problem body.
    pub fn problem(&self) -> Problem {
        Problem {
            type_: format!("urn:voicehive:problem:{}", self.code),
            title: self.title().to_owned(),
            status: self.status.as_u16(),
            detail: self.detail.clone(),
            code: self.code.to_owned(),
        }
    }
}

impl From<PmsError> for ApiError {
    /// Maps a connector error by kind. Connector messages may quote vendor bodies, so the
    /// caller gets a fixed text per kind; the message is logged (redacted) instead.
    fn from(error: PmsError) -> Self {
        tracing::warn!(kind = %error.kind().code(), error = %error, "connector error");
        let kind = error.kind();
        let (status, detail) = match kind {
            ErrorKind::Validation => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "The request is not valid for this hotel.",
            ),
            ErrorKind::NotFound => (StatusCode::NOT_FOUND, "The resource does not exist."),
            ErrorKind::Conflict => (
                StatusCode::CONFLICT,
                "The request conflicts with the current state (e.g. no rooms left).",
            ),
            ErrorKind::InvalidState => (
                StatusCode::CONFLICT,
                "The reservation's state does not allow this operation.",
            ),
            ErrorKind::Authentication | ErrorKind::Authorization => (
                StatusCode::BAD_GATEWAY,
                "The hotel's PMS refused the gateway's credentials.",
            ),
            ErrorKind::RateLimited { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "The hotel's PMS is rate limiting; retry later.",
            ),
            ErrorKind::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                "The hotel's PMS is unavailable; retry later.",
            ),
            ErrorKind::Timeout => (
                StatusCode::GATEWAY_TIMEOUT,
                "The hotel's PMS did not answer in time; for writes the outcome is unknown.",
            ),
            // A client error, not a server fault: the hotel's PMS does not offer the operation
            // (Mews cannot search by phone), so asking again never helps and the gateway's
            // 5xx alerts stay quiet.
            ErrorKind::Unsupported { .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "This operation is not available for this hotel.",
            ),
            ErrorKind::Protocol => (
                StatusCode::BAD_GATEWAY,
                "The hotel's PMS answered something unexpected.",
            ),
            ErrorKind::TooBroad => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "The search matches too many reservations; give a confirmation code, an e-mail \
                 address, or the last name with the arrival date.",
            ),
            _ => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "An internal error occurred.",
            ),
        };
        let mut api = ApiError::new(status, kind.code(), detail);
        match kind {
            ErrorKind::RateLimited { retry_after } => {
                api = api.with_retry_after(retry_after.unwrap_or(Duration::from_secs(1)));
            }
            ErrorKind::Unavailable => {
                api = api.with_retry_after(error.retry_after().unwrap_or(Duration::from_secs(1)));
            }
            _ => {}
        }
        api
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.problem()).unwrap_or_default();
        let mut response = (self.status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if let Some(after) = self.retry_after {
            let secs = after.as_secs_f64().ceil().max(1.0) as u64;
            if let Ok(value) = HeaderValue::from_str(&secs.to_string()) {
                headers.insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}
