//! Client credentials resolved from a secret store on every token fetch.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use credentials::oauth2::ClientCredentials;
use credentials::{
    CredentialError, ExposeSecret, FetchedToken, SecretRef, SecretStore, TokenFetcher,
};

/// Timeout of one token request.
pub(crate) const TOKEN_TIMEOUT: Duration = Duration::from_secs(10);

/// The OAuth2 client-credentials grant (an Apaleo "simple client") whose client id and secret
/// are read from a [`SecretStore`] each time a token is fetched, not when it is built.
///
/// So a connector can be built synchronously from a hotel file naming `env:` or `vault:`
/// references, with no I/O; a rotated secret is picked up at the next token refresh; and a
/// missing secret is an error of the first call (`Unavailable`, naming the reference), not of
/// the process start. `Debug` shows the references, never the values.
pub struct SecretRefClientCredentials {
    token_url: String,
    store: Arc<dyn SecretStore>,
    client_id: SecretRef,
    client_secret: SecretRef,
    http: reqwest::Client,
}

impl fmt::Debug for SecretRefClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretRefClientCredentials")
            .field("token_url", &self.token_url)
            .field("store", &self.store)
            .field("client_id", &self.client_id.to_string())
            .field("client_secret", &self.client_secret.to_string())
            .finish_non_exhaustive()
    }
}

impl SecretRefClientCredentials {
    /// Tokens from `token_url` for the client whose id and secret `store` holds under
    /// `client_id` and `client_secret`.
    ///
    /// # Errors
    ///
    /// [`CredentialError::Malformed`] if `token_url` is not an `http(s)` URL;
    /// [`CredentialError::Unavailable`] if the HTTP client cannot be built.
    pub fn new(
        token_url: impl Into<String>,
        store: Arc<dyn SecretStore>,
        client_id: SecretRef,
        client_secret: SecretRef,
    ) -> Result<Self, CredentialError> {
        let token_url = token_url.into();
        let http = credentials::oauth2::http_client(TOKEN_TIMEOUT)?;
        // Checks the URL now, with a placeholder secret that is never sent.
        ClientCredentials::new(&token_url, "", String::new().into(), http.clone())?;
        Ok(Self {
            token_url,
            store,
            client_id,
            client_secret,
            http,
        })
    }
}

#[async_trait]
impl TokenFetcher for SecretRefClientCredentials {
    async fn fetch(&self) -> Result<FetchedToken, CredentialError> {
        let client_id = self.store.get(&self.client_id).await?;
        let client_secret = self.store.get(&self.client_secret).await?;
        ClientCredentials::new(
            &self.token_url,
            client_id.expose_secret(),
            client_secret,
            self.http.clone(),
        )?
        .fetch()
        .await
    }
}
