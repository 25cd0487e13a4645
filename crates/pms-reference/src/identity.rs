//! The reference PMS's identity provider: issues access tokens, checks them, and can revoke
//! them or refuse the credentials (fault injection), so the credential broker's refresh logic
//! runs at the contract level.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use async_trait::async_trait;
use credentials::{CredentialError, ExposeSecret, FetchedToken, SecretString, TokenFetcher};

/// Issues and checks the reference PMS's access tokens.
#[derive(Debug, Default)]
pub struct ReferenceIdentity {
    requests: AtomicU64,
    next: AtomicU64,
    reject: AtomicBool,
    valid: Mutex<HashSet<String>>,
}

impl ReferenceIdentity {
    /// An identity provider that accepts the client.
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    fn issue(&self) -> Result<FetchedToken, CredentialError> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        if self.reject.load(Ordering::SeqCst) {
            return Err(CredentialError::Rejected {
                message: "invalid_client".to_owned(),
            });
        }
        let n = self.next.fetch_add(1, Ordering::SeqCst) + 1;
        let token = format!("reference-token-{n}");
        self.valid
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(token.clone());
        Ok(FetchedToken {
            access_token: SecretString::from(token),
            expires_in: Some(Duration::from_secs(3600)),
        })
    }

    /// Whether `token` is a live token.
    pub fn accepts(&self, token: &SecretString) -> bool {
        self.valid
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(token.expose_secret())
    }

    /// Revokes every token issued so far (as if they expired early).
    pub fn revoke_all(&self) {
        self.valid
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    /// Refuses (`true`) or accepts again (`false`) the client's credentials.
    pub fn reject_credentials(&self, reject: bool) {
        self.reject.store(reject, Ordering::SeqCst);
    }

    /// Token requests so far, successful or not.
    pub fn token_requests(&self) -> u64 {
        self.requests.load(Ordering::SeqCst)
    }

    /// A token fetcher for a [`credentials::TokenCache`].
    pub fn fetcher(self: &Arc<Self>) -> Arc<dyn TokenFetcher> {
        Arc::new(IdentityFetcher(self.clone()))
    }
}

#[derive(Debug)]
struct IdentityFetcher(Arc<ReferenceIdentity>);

#[async_trait]
impl TokenFetcher for IdentityFetcher {
    async fn fetch(&self) -> Result<FetchedToken, CredentialError> {
        self.0.issue()
    }
}
