//! The error answers of the simulated API.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A failed API call, rendered the way Apaleo renders it.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ApiError {
    /// 401 with an empty body (missing, unknown, revoked or expired bearer token).
    #[error("unauthorized")]
    Unauthorized,
    /// 403 with an empty body (the token lacks every accepted scope).
    #[error("forbidden")]
    Forbidden,
    /// 404 with an empty body (unknown id).
    #[error("not found")]
    NotFound,
    /// 415 with an empty body (a body that is not JSON).
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// 422 `{"messages":[...]}`.
    #[error("{}", .0.join(" "))]
    Unprocessable(Vec<String>),
}

impl ApiError {
    /// A 422 with one message.
    pub(crate) fn msg(message: impl Into<String>) -> Self {
        Self::Unprocessable(vec![message.into()])
    }
}

/// Shorthand for handler results.
pub(crate) type ApiResult<T> = Result<T, ApiError>;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            Self::Unauthorized => {
                let mut response = StatusCode::UNAUTHORIZED.into_response();
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                response
            }
            Self::Forbidden => StatusCode::FORBIDDEN.into_response(),
            Self::NotFound => StatusCode::NOT_FOUND.into_response(),
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response(),
            Self::Unprocessable(messages) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                axum::Json(json!({ "messages": messages })),
            )
                .into_response(),
        }
    }
}
