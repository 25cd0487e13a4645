//! Secrets from the process environment and from files.

use std::io;
use std::path::{Path, PathBuf};

use async_trait::async_trait;
use secrecy::SecretString;

use super::{SecretRef, SecretStore, wrong_store};
use crate::CredentialError;

/// Reads `env:NAME` references from the process environment.
#[derive(Debug, Clone, Copy, Default)]
pub struct EnvStore;

impl EnvStore {
    /// The environment store.
    pub fn new() -> Self {
        Self
    }
}

#[async_trait]
impl SecretStore for EnvStore {
    async fn get(&self, reference: &SecretRef) -> Result<SecretString, CredentialError> {
        let SecretRef::Env { var } = reference else {
            return Err(wrong_store("the environment store", reference));
        };
        match std::env::var(var) {
            Ok(value) => Ok(SecretString::from(value)),
            Err(std::env::VarError::NotPresent) => Err(CredentialError::NotFound {
                reference: reference.to_string(),
            }),
            Err(std::env::VarError::NotUnicode(_)) => Err(CredentialError::Malformed {
                message: format!("secret `{reference}` is not valid UTF-8"),
            }),
        }
    }
}

/// Reads `file:PATH` references: the file's content without one trailing newline (`\n` or
/// `\r\n`), as Kubernetes and Docker secrets are mounted.
#[derive(Debug, Clone, Copy, Default)]
pub struct FileStore;

impl FileStore {
    /// The file store.
    pub fn new() -> Self {
        Self
    }
}

#[async_trait]
impl SecretStore for FileStore {
    async fn get(&self, reference: &SecretRef) -> Result<SecretString, CredentialError> {
        let SecretRef::File { path } = reference else {
            return Err(wrong_store("the file store", reference));
        };
        let owned: PathBuf = path.clone();
        let read = tokio::task::spawn_blocking(move || read_secret_file(&owned))
            .await
            .map_err(|err| CredentialError::Unavailable {
                message: format!("reading secret `{reference}`: {err}"),
            })?;
        match read {
            Ok(value) => Ok(value),
            Err(err) if err.kind() == io::ErrorKind::NotFound => Err(CredentialError::NotFound {
                reference: reference.to_string(),
            }),
            Err(err) if err.kind() == io::ErrorKind::InvalidData => {
                Err(CredentialError::Malformed {
                    message: format!("secret `{reference}` is not valid UTF-8"),
                })
            }
            // An I/O error's text names the failure (permission denied, is a directory), never
            // the file's content.
            Err(err) => Err(CredentialError::Unavailable {
                message: format!("reading secret `{reference}`: {err}"),
            }),
        }
    }
}

fn read_secret_file(path: &Path) -> io::Result<SecretString> {
    let mut value = std::fs::read_to_string(path)?;
    if value.ends_with('\n') {
        value.pop();
        if value.ends_with('\r') {
            value.pop();
        }
    }
    Ok(SecretString::from(value))
}
