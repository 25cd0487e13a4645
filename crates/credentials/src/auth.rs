//! What the vendor HTTP client puts into requests.

use std::fmt;

use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};

use crate::{AccessToken, CredentialError, TokenCache};

/// A header to add to a vendor request. `Debug` never shows the value.
#[derive(Clone)]
pub struct Authorization {
    /// Header name, e.g. `authorization` or `x-api-key`.
    pub header: String,
    /// Header value, e.g. `Bearer ...`.
    pub value: SecretString,
    /// The token it came from (bearer auth), to ask for a newer one after a 401.
    pub token: Option<AccessToken>,
}

impl fmt::Debug for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Authorization")
            .field("header", &self.header)
            .field("value", &"[redacted]")
            .finish()
    }
}

/// Authorizes vendor requests.
#[async_trait]
pub trait RequestAuth: Send + Sync + fmt::Debug {
    /// The header for the next request.
    async fn authorization(&self) -> Result<Authorization, CredentialError>;

    /// The vendor answered 401 to a request carrying `rejected`: a fresh authorization to try
    /// once more, or `None` if there is nothing new to try (a static key).
    async fn reauthorize(
        &self,
        rejected: &Authorization,
    ) -> Result<Option<Authorization>, CredentialError>;
}

/// OAuth2 bearer tokens from a [`TokenCache`].
#[derive(Debug, Clone)]
pub struct BearerAuth {
    cache: TokenCache,
}

impl BearerAuth {
    /// Bearer authorization from `cache`.
    pub fn new(cache: TokenCache) -> Self {
        Self { cache }
    }

    fn header(token: AccessToken) -> Authorization {
        Authorization {
            header: "authorization".to_owned(),
            value: SecretString::from(format!("Bearer {}", token.secret().expose_secret())),
            token: Some(token),
        }
    }
}

#[async_trait]
impl RequestAuth for BearerAuth {
    async fn authorization(&self) -> Result<Authorization, CredentialError> {
        Ok(Self::header(self.cache.token().await?))
    }

    async fn reauthorize(
        &self,
        rejected: &Authorization,
    ) -> Result<Option<Authorization>, CredentialError> {
        let Some(token) = &rejected.token else {
            return Ok(None);
        };
        Ok(Some(Self::header(
            self.cache.refresh_rejected(token).await?,
        )))
    }
}

/// A static API key in a header (e.g. Cloudbeds' `x-api-key`).
pub struct ApiKeyAuth {
    header: String,
    key: SecretString,
}

impl ApiKeyAuth {
    /// The key `key` sent in `header`.
    pub fn new(header: impl Into<String>, key: SecretString) -> Self {
        Self {
            header: header.into(),
            key,
        }
    }
}

impl fmt::Debug for ApiKeyAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiKeyAuth")
            .field("header", &self.header)
            .field("key", &"[redacted]")
            .finish()
    }
}

#[async_trait]
impl RequestAuth for ApiKeyAuth {
    async fn authorization(&self) -> Result<Authorization, CredentialError> {
        Ok(Authorization {
            header: self.header.clone(),
            value: self.key.clone(),
            token: None,
        })
    }

    async fn reauthorize(
        &self,
        _rejected: &Authorization,
    ) -> Result<Option<Authorization>, CredentialError> {
        // A static key cannot be refreshed: a 401 means it is wrong or revoked.
        Ok(None)
    }
}
