//! The error answers of the simulated API.

use axum::http::StatusCode;

/// A failed API call; rendered as `{"Message", "RequestId", "Details": null}`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ApiError {
    /// 400: malformed input, unknown id, invalid parameter.
    #[error("{0}")]
    BadRequest(String),
    /// 401: invalid tokens.
    #[error("{0}")]
    Unauthorized(String),
    /// 403: a business rule failed.
    #[error("{0}")]
    Forbidden(String),
}

impl ApiError {
    /// 400 `Invalid {parameter}.`
    pub(crate) fn invalid(parameter: &str) -> Self {
        Self::BadRequest(format!("Invalid {parameter}."))
    }

    pub(crate) fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
        }
    }

    pub(crate) fn message(&self) -> &str {
        match self {
            Self::BadRequest(m) | Self::Unauthorized(m) | Self::Forbidden(m) => m,
        }
    }
}

/// Shorthand for handler results.
pub(crate) type ApiResult<T> = Result<T, ApiError>;

/// 403 when a category has no free unit on some night.
pub(crate) const NO_AVAILABILITY: &str = "There is no availability for the requested category.";
/// 403 when the party exceeds `Capacity + ExtraCapacity`.
pub(crate) const OVER_CAPACITY: &str =
    "The number of persons exceeds the capacity of the requested category.";
/// 403 on a duplicate customer e-mail.
pub(crate) const DUPLICATE_EMAIL: &str = "Customer with the same email already exists.";
/// 403 when updating a reservation that can no longer change.
pub(crate) const INVALID_STATE: &str = "Reservation is in an invalid state.";
/// 403 when cancelling a reservation that is not cancellable.
pub(crate) const NOT_CANCELLABLE: &str = "Reservation cannot be canceled.";
