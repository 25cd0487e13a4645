//! Credential errors. They never contain a secret.

use std::time::Duration;

/// Why a credential could not be had.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialError {
    /// The identity provider or secret store refused the credentials (wrong client secret,
    /// revoked refresh token, permission denied). Retrying will not help.
    #[error("credentials rejected: {message}")]
    Rejected {
        /// What was refused (no secret values).
        message: String,
    },
    /// The identity provider or secret store could not be reached or failed; may be retried.
    #[error("credential source unavailable: {message}")]
    Unavailable {
        /// What failed (no secret values).
        message: String,
    },
    /// The referenced secret does not exist.
    #[error("secret not found: {reference}")]
    NotFound {
        /// The reference, e.g. `env:APALEO_CLIENT_SECRET` (a name, not a value).
        reference: String,
    },
    /// A reference or a response was malformed.
    #[error("malformed credential data: {message}")]
    Malformed {
        /// What was wrong.
        message: String,
    },
    /// A refresh failed recently; the broker waits before asking the provider again.
    #[error("token refresh backed off for {}ms after a failure: {last_error}", retry_in.as_millis())]
    BackedOff {
        /// Time until the next refresh attempt is allowed.
        retry_in: Duration,
        /// The failure that caused the back-off.
        last_error: String,
        /// Whether that failure was a rejection of the credentials.
        after_rejection: bool,
    },
}

impl CredentialError {
    /// Whether the failure is the credentials' fault (not the provider's availability),
    /// directly or as the cause of a back-off.
    pub fn is_rejection(&self) -> bool {
        matches!(
            self,
            CredentialError::Rejected { .. }
                | CredentialError::BackedOff {
                    after_rejection: true,
                    ..
                }
        )
    }
}
