//! Secret stores: where secrets (client secrets, API keys, refresh tokens) are read from.
//!
//! A secret is named by a [`SecretRef`] (`env:NAME`, `file:/path` or
//! `vault:MOUNT/PATH#KEY`) and read by a [`SecretStore`]: [`EnvStore`], [`FileStore`],
//! [`VaultStore`] (HashiCorp Vault / OpenBao KV v2 over HTTP), or [`SecretStores`], which
//! routes each reference to the store for its kind. Values come back as [`SecretString`];
//! errors name the reference, never the value.

mod http;
mod local;
mod reference;
mod vault;

use std::fmt;

use async_trait::async_trait;
use secrecy::SecretString;

use crate::CredentialError;

pub(crate) use http::describe_reqwest_error;
pub use local::{EnvStore, FileStore};
pub use reference::SecretRef;
pub use vault::{VaultConfig, VaultStore};

/// Reads secrets named by [`SecretRef`]s.
#[async_trait]
pub trait SecretStore: Send + Sync + fmt::Debug {
    /// Reads the secret `reference` names.
    ///
    /// # Errors
    ///
    /// [`CredentialError::NotFound`] when the secret does not exist,
    /// [`CredentialError::Rejected`] when the store refuses access,
    /// [`CredentialError::Unavailable`] when the store cannot be reached, and
    /// [`CredentialError::Malformed`] when the store cannot serve this kind of reference or
    /// the stored value is not a string.
    async fn get(&self, reference: &SecretRef) -> Result<SecretString, CredentialError>;
}

/// Routes each [`SecretRef`] to the store for its kind: `env:` to an [`EnvStore`], `file:` to a
/// [`FileStore`] and `vault:` to a [`VaultStore`] if one is configured.
#[derive(Debug, Default)]
pub struct SecretStores {
    env: EnvStore,
    file: FileStore,
    vault: Option<VaultStore>,
}

impl SecretStores {
    /// Environment and file stores, no Vault: `vault:` references fail with
    /// [`CredentialError::Malformed`] until [`SecretStores::with_vault`] adds one.
    pub fn new() -> Self {
        Self::default()
    }

    /// Resolves `vault:` references with `vault`.
    #[must_use]
    pub fn with_vault(mut self, vault: VaultStore) -> Self {
        self.vault = Some(vault);
        self
    }

    /// The Vault store, if one is configured.
    pub fn vault(&self) -> Option<&VaultStore> {
        self.vault.as_ref()
    }
}

#[async_trait]
impl SecretStore for SecretStores {
    async fn get(&self, reference: &SecretRef) -> Result<SecretString, CredentialError> {
        match reference {
            SecretRef::Env { .. } => self.env.get(reference).await,
            SecretRef::File { .. } => self.file.get(reference).await,
            SecretRef::Vault { .. } => match &self.vault {
                Some(vault) => vault.get(reference).await,
                None => Err(CredentialError::Malformed {
                    message: format!(
                        "secret reference `{reference}` needs Vault, but no Vault is configured"
                    ),
                }),
            },
        }
    }
}

/// The error for a store asked to resolve a reference of another kind.
pub(crate) fn wrong_store(store: &str, reference: &SecretRef) -> CredentialError {
    CredentialError::Malformed {
        message: format!("{store} cannot resolve secret reference `{reference}`"),
    }
}
