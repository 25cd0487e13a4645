//! The error hierarchy shared by every connector.

use std::fmt;
use std::time::Duration;

use crate::Capability;

/// The contract operation an error came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// [`crate::PmsConnector::property`].
    Property,
    /// [`crate::PmsConnector::room_types`].
    RoomTypes,
    /// [`crate::PmsConnector::availability`].
    Availability,
    /// [`crate::PmsConnector::offers`].
    Offers,
    /// [`crate::PmsConnector::create_reservation`].
    CreateReservation,
    /// [`crate::PmsConnector::get_reservation`].
    GetReservation,
    /// [`crate::PmsConnector::search_reservations`].
    SearchReservations,
    /// [`crate::PmsConnector::modify_reservation`].
    ModifyReservation,
    /// [`crate::PmsConnector::cancel_reservation`].
    CancelReservation,
    /// [`crate::PmsConnector::health`].
    Health,
}

impl Operation {
    /// Every operation, in contract order.
    pub const ALL: [Operation; 10] = [
        Operation::Property,
        Operation::RoomTypes,
        Operation::Availability,
        Operation::Offers,
        Operation::CreateReservation,
        Operation::GetReservation,
        Operation::SearchReservations,
        Operation::ModifyReservation,
        Operation::CancelReservation,
        Operation::Health,
    ];

    /// A stable snake_case name, usable as a metrics label.
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Property => "property",
            Operation::RoomTypes => "room_types",
            Operation::Availability => "availability",
            Operation::Offers => "offers",
            Operation::CreateReservation => "create_reservation",
            Operation::GetReservation => "get_reservation",
            Operation::SearchReservations => "search_reservations",
            Operation::ModifyReservation => "modify_reservation",
            Operation::CancelReservation => "cancel_reservation",
            Operation::Health => "health",
        }
    }

    /// Whether the operation changes state in the PMS.
    pub fn is_write(self) -> bool {
        matches!(
            self,
            Operation::CreateReservation
                | Operation::ModifyReservation
                | Operation::CancelReservation
        )
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What went wrong, independent of the vendor.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The caller's input is invalid; fix the input, do not retry.
    Validation,
    /// The addressed entity does not exist (or is not visible to these credentials).
    NotFound,
    /// The request conflicts with earlier state, e.g. an idempotency key reused with a different
    /// request, or no inventory left for the stay.
    Conflict,
    /// The entity is in a state that does not allow the operation, e.g. modifying a cancelled
    /// reservation.
    InvalidState,
    /// The vendor rejected our credentials.
    Authentication,
    /// The credentials are valid but lack a permission (scope).
    Authorization,
    /// The vendor's rate limit was hit; `retry_after` is the vendor's hint, when it gave one.
    RateLimited {
        /// How long the vendor asked us to wait.
        retry_after: Option<Duration>,
    },
    /// The vendor (or our circuit breaker in front of it) is unavailable right now.
    Unavailable,
    /// The operation did not finish within its deadline. For writes the outcome is unknown.
    Timeout,
    /// The search would read more than the connector is allowed to scan; narrow it (e.g. add
    /// the arrival date, or search by confirmation code or e-mail). Not retryable: the same
    /// search fails the same way. Not a sign of an unhealthy vendor (the circuit breaker counts
    /// it as a success).
    TooBroad,
    /// The capability is not supported by the vendor or switched off for this hotel.
    Unsupported {
        /// The capability that was asked for.
        capability: Capability,
    },
    /// The vendor answered something the connector cannot interpret.
    Protocol,
    /// A bug or an unexpected condition on our side.
    Internal,
}

impl ErrorKind {
    /// A stable snake_case code for machines (API problem codes, metrics labels).
    pub fn code(&self) -> &'static str {
        match self {
            ErrorKind::Validation => "validation",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::InvalidState => "invalid_state",
            ErrorKind::Authentication => "authentication",
            ErrorKind::Authorization => "authorization",
            ErrorKind::RateLimited { .. } => "rate_limited",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::Timeout => "timeout",
            ErrorKind::TooBroad => "too_broad",
            ErrorKind::Unsupported { .. } => "unsupported",
            ErrorKind::Protocol => "protocol",
            ErrorKind::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::RateLimited {
                retry_after: Some(after),
            } => write!(f, "rate_limited (retry after {}ms)", after.as_millis()),
            ErrorKind::Unsupported { capability } => write!(f, "unsupported ({capability})"),
            other => f.write_str(other.code()),
        }
    }
}

/// Where an error happened. Holds no guest data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorContext {
    /// The vendor id, e.g. `apaleo`.
    pub vendor: Option<String>,
    /// The contract operation.
    pub operation: Option<Operation>,
    /// The HTTP status the vendor answered, if any.
    pub http_status: Option<u16>,
    /// The vendor's request or tracking id, for support tickets.
    pub vendor_request_id: Option<String>,
}

/// The one error type of the contract.
///
/// Messages are written by connectors for operators: they name fields, states and vendor error
/// texts, never a guest's name, e-mail address, phone number or free-text comment. The golden
/// suite checks this for every connector.
///
/// There is deliberately no `source()` chain: the errors of HTTP clients and parsers quote
/// URLs and input values, which carry guest data (a search by e-mail puts the address in the
/// URL). A connector turns such a cause into a sanitised message instead.
#[derive(Debug, Clone, thiserror::Error)]
pub struct PmsError {
    kind: ErrorKind,
    message: String,
    context: ErrorContext,
}

impl PmsError {
    /// An error of `kind` with an operator-facing `message` (no guest data).
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            context: ErrorContext::default(),
        }
    }

    /// A validation error.
    pub fn validation(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Validation, message)
    }

    /// A not-found error.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, message)
    }

    /// A conflict error.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Conflict, message)
    }

    /// An invalid-state error.
    pub fn invalid_state(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidState, message)
    }

    /// A too-broad error: the search would read more than the connector may scan.
    pub fn too_broad(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::TooBroad, message)
    }

    /// An unsupported-capability error.
    pub fn unsupported(capability: Capability) -> Self {
        Self::new(
            ErrorKind::Unsupported { capability },
            format!("capability {capability} is not available for this hotel"),
        )
    }

    /// An internal error.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, message)
    }

    /// The kind of failure.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The operator-facing message, without context.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where the error happened.
    pub fn context(&self) -> &ErrorContext {
        &self.context
    }

    /// Whether repeating the same call later may succeed: rate limits, unavailability and
    /// timeouts. Whether a write may be repeated also depends on its idempotency key, which is the
    /// caller's decision.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::RateLimited { .. } | ErrorKind::Unavailable | ErrorKind::Timeout
        )
    }

    /// The error of reading back a reservation the PMS has just confirmed creating. A retryable
    /// error stays as it is; any other becomes a retryable `Unavailable` ("booked, but reading
    /// the reservation back failed"), so that the resilient base repeats the create, whose
    /// idempotency returns the booking, instead of the caller booking again under a new key.
    #[must_use]
    pub fn after_committed_create(self, vendor: &str, operation: Operation) -> Self {
        if self.is_retryable() {
            return self;
        }
        Self::new(
            ErrorKind::Unavailable,
            format!(
                "booked, but reading the reservation back failed ({})",
                self.kind()
            ),
        )
        .with_vendor(vendor)
        .with_operation(operation)
    }

    /// The vendor's retry-after hint, if this is a rate-limit error that carried one.
    pub fn retry_after(&self) -> Option<Duration> {
        match self.kind {
            ErrorKind::RateLimited { retry_after } => retry_after,
            _ => None,
        }
    }

    /// Sets the vendor.
    #[must_use]
    pub fn with_vendor(mut self, vendor: impl Into<String>) -> Self {
        self.context.vendor = Some(vendor.into());
        self
    }

    /// Sets the operation, unless one is already set.
    #[must_use]
    pub fn with_operation(mut self, operation: Operation) -> Self {
        self.context.operation.get_or_insert(operation);
        self
    }

    /// Sets the HTTP status.
    #[must_use]
    pub fn with_http_status(mut self, status: u16) -> Self {
        self.context.http_status = Some(status);
        self
    }

    /// Sets the vendor's request id.
    #[must_use]
    pub fn with_vendor_request_id(mut self, id: impl Into<String>) -> Self {
        self.context.vendor_request_id = Some(id.into());
        self
    }
}

impl fmt::Display for PmsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)?;
        let ctx = &self.context;
        let mut parts = Vec::new();
        if let Some(vendor) = &ctx.vendor {
            parts.push(format!("vendor={vendor}"));
        }
        if let Some(op) = ctx.operation {
            parts.push(format!("operation={op}"));
        }
        if let Some(status) = ctx.http_status {
            parts.push(format!("http_status={status}"));
        }
        if let Some(id) = &ctx.vendor_request_id {
            parts.push(format!("vendor_request_id={id}"));
        }
        if !parts.is_empty() {
            write!(f, " ({})", parts.join(", "))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_read_back_after_a_committed_create_is_retryable() {
        let missing = PmsError::new(ErrorKind::NotFound, "no such reservation")
            .after_committed_create("acme", Operation::CreateReservation);
        assert_eq!(missing.kind(), &ErrorKind::Unavailable);
        assert!(missing.is_retryable());
        assert!(
            missing
                .to_string()
                .contains("booked, but reading the reservation back failed (not_found)"),
            "{missing}"
        );
        assert_eq!(missing.context().vendor.as_deref(), Some("acme"));
        assert_eq!(
            missing.context().operation,
            Some(Operation::CreateReservation)
        );
        // A retryable error keeps its kind (a rate limit keeps its retry-after).
        let limited = PmsError::new(
            ErrorKind::RateLimited {
                retry_after: Some(Duration::from_secs(2)),
            },
            "slow down",
        )
        .after_committed_create("acme", Operation::CreateReservation);
        assert_eq!(limited.retry_after(), Some(Duration::from_secs(2)));
    }

    #[test]
    fn retryable_kinds_are_exactly_rate_limit_unavailable_and_timeout() {
        let retryable = [
            ErrorKind::RateLimited { retry_after: None },
            ErrorKind::Unavailable,
            ErrorKind::Timeout,
        ];
        for kind in retryable {
            assert!(PmsError::new(kind.clone(), "x").is_retryable(), "{kind}");
        }
        let fatal = [
            ErrorKind::Validation,
            ErrorKind::NotFound,
            ErrorKind::Conflict,
            ErrorKind::InvalidState,
            ErrorKind::Authentication,
            ErrorKind::Authorization,
            ErrorKind::TooBroad,
            ErrorKind::Unsupported {
                capability: Capability::Offers,
            },
            ErrorKind::Protocol,
            ErrorKind::Internal,
        ];
        for kind in fatal {
            assert!(!PmsError::new(kind.clone(), "x").is_retryable(), "{kind}");
        }
    }

    #[test]
    fn display_carries_kind_message_and_context() {
        let err = PmsError::new(
            ErrorKind::RateLimited {
                retry_after: Some(Duration::from_secs(2)),
            },
            "too many requests",
        )
        .with_vendor("apaleo")
        .with_operation(Operation::Offers)
        .with_http_status(429)
        .with_vendor_request_id("trk-1");
        assert_eq!(
            err.to_string(),
            "rate_limited (retry after 2000ms): too many requests \
             (vendor=apaleo, operation=offers, http_status=429, vendor_request_id=trk-1)"
        );
        assert_eq!(err.retry_after(), Some(Duration::from_secs(2)));
    }

    #[test]
    fn too_broad_has_a_stable_code_and_is_final() {
        let err = PmsError::too_broad("the search matches too many reservations")
            .with_vendor("apaleo")
            .with_operation(Operation::SearchReservations);
        assert_eq!(err.kind(), &ErrorKind::TooBroad);
        assert_eq!(err.kind().code(), "too_broad");
        assert!(!err.is_retryable());
        assert_eq!(err.retry_after(), None);
        assert_eq!(
            err.to_string(),
            "too_broad: the search matches too many reservations \
             (vendor=apaleo, operation=search_reservations)"
        );
    }

    #[test]
    fn codes_are_distinct() {
        let kinds = [
            ErrorKind::Validation,
            ErrorKind::NotFound,
            ErrorKind::Conflict,
            ErrorKind::InvalidState,
            ErrorKind::Authentication,
            ErrorKind::Authorization,
            ErrorKind::RateLimited { retry_after: None },
            ErrorKind::Unavailable,
            ErrorKind::Timeout,
            ErrorKind::TooBroad,
            ErrorKind::Unsupported {
                capability: Capability::Offers,
            },
            ErrorKind::Protocol,
            ErrorKind::Internal,
        ];
        let codes: std::collections::BTreeSet<_> = kinds.iter().map(ErrorKind::code).collect();
        assert_eq!(codes.len(), kinds.len());
    }

    #[test]
    fn first_operation_wins() {
        let err = PmsError::not_found("reservation not found")
            .with_operation(Operation::GetReservation)
            .with_operation(Operation::ModifyReservation);
        assert_eq!(err.context().operation, Some(Operation::GetReservation));
    }
}
