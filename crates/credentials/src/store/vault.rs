//! Secrets from HashiCorp Vault (or OpenBao) KV v2, over Vault's HTTP API with token auth.

use std::fmt;
use std::time::Duration;

use async_trait::async_trait;
use reqwest::header::HeaderValue;
use reqwest::{StatusCode, Url};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use super::{SecretRef, SecretStore, describe_reqwest_error, wrong_store};
use crate::CredentialError;

/// How to reach Vault. `Debug` never shows the token.
#[derive(Clone)]
pub struct VaultConfig {
    /// Vault's address, e.g. `http://127.0.0.1:8200` or `https://vault.internal:8200`.
    pub addr: String,
    /// The Vault token sent as `X-Vault-Token`.
    pub token: SecretString,
    /// The Vault Enterprise / OpenBao namespace (`X-Vault-Namespace`), if any.
    pub namespace: Option<String>,
    /// Limit on each request, connecting included.
    pub timeout: Duration,
}

impl fmt::Debug for VaultConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VaultConfig")
            .field("addr", &self.addr)
            .field("token", &"[redacted]")
            .field("namespace", &self.namespace)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// Reads `vault:MOUNT/PATH#KEY` references from a KV v2 engine: `GET
/// {addr}/v1/{MOUNT}/data/{PATH}`, then key `KEY` of the secret's data.
///
/// Redirects are not followed, so the token only ever goes to `addr`. `Debug` never shows the
/// token.
#[derive(Clone)]
pub struct VaultStore {
    addr: Url,
    token: SecretString,
    namespace: Option<String>,
    timeout: Duration,
    http: reqwest::Client,
}

impl fmt::Debug for VaultStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VaultStore")
            .field("addr", &self.addr.as_str())
            .field("token", &"[redacted]")
            .field("namespace", &self.namespace)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl VaultStore {
    /// A store for the Vault `config` names.
    ///
    /// # Errors
    ///
    /// [`CredentialError::Malformed`] when `addr` is not an `http` or `https` URL (or carries
    /// a user name or password), or the token or namespace cannot be sent as a header;
    /// [`CredentialError::Unavailable`] when no HTTP client can be built.
    pub fn new(config: VaultConfig) -> Result<Self, CredentialError> {
        let malformed = |why: String| CredentialError::Malformed {
            message: format!("vault address `{}`: {why}", config.addr),
        };
        let addr = Url::parse(&config.addr).map_err(|err| malformed(err.to_string()))?;
        if !matches!(addr.scheme(), "http" | "https") || addr.cannot_be_a_base() {
            return Err(malformed("expected an http:// or https:// URL".to_owned()));
        }
        if !addr.username().is_empty() || addr.password().is_some() {
            return Err(CredentialError::Malformed {
                message: "vault address must not contain a user name or password".to_owned(),
            });
        }
        if HeaderValue::from_str(config.token.expose_secret()).is_err() {
            return Err(CredentialError::Malformed {
                message: "vault token contains characters not allowed in an HTTP header".to_owned(),
            });
        }
        if let Some(namespace) = &config.namespace
            && HeaderValue::from_str(namespace).is_err()
        {
            return Err(CredentialError::Malformed {
                message: format!("vault namespace `{namespace}` is not a valid header value"),
            });
        }
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|err| CredentialError::Unavailable {
                message: format!("building the vault HTTP client: {err}"),
            })?;
        Ok(Self {
            addr,
            token: config.token,
            namespace: config.namespace,
            timeout: config.timeout,
            http,
        })
    }

    /// Vault's address.
    pub fn addr(&self) -> &str {
        self.addr.as_str()
    }

    /// `{addr}/v1/{mount}/data/{path}`, each segment percent-encoded.
    fn data_url(&self, mount: &str, path: &str) -> Result<Url, CredentialError> {
        let mut url = self.addr.clone();
        url.set_query(None);
        url.set_fragment(None);
        {
            let mut segments =
                url.path_segments_mut()
                    .map_err(|()| CredentialError::Malformed {
                        message: format!("vault address `{}` cannot take a path", self.addr),
                    })?;
            segments
                .pop_if_empty()
                .push("v1")
                .extend(mount.split('/'))
                .push("data")
                .extend(path.split('/'));
        }
        Ok(url)
    }
}

/// The part of a KV v2 read response we use: `{"data":{"data":{...},"metadata":{...}}}`.
#[derive(Deserialize)]
struct KvResponse {
    data: Option<KvData>,
}

#[derive(Deserialize)]
struct KvData {
    data: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Vault's error response: `{"errors":["permission denied"]}`.
#[derive(Deserialize)]
struct VaultErrors {
    #[serde(default)]
    errors: Vec<String>,
}

#[async_trait]
impl SecretStore for VaultStore {
    async fn get(&self, reference: &SecretRef) -> Result<SecretString, CredentialError> {
        let SecretRef::Vault { mount, path, key } = reference else {
            return Err(wrong_store("the vault store", reference));
        };
        let url = self.data_url(mount, path)?;
        let mut token = HeaderValue::from_str(self.token.expose_secret()).map_err(|_| {
            CredentialError::Malformed {
                message: "vault token contains characters not allowed in an HTTP header".to_owned(),
            }
        })?;
        token.set_sensitive(true);
        let mut request = self.http.get(url).header("x-vault-token", token);
        if let Some(namespace) = &self.namespace {
            request = request.header("x-vault-namespace", namespace);
        }
        let unavailable = |err: reqwest::Error| CredentialError::Unavailable {
            message: format!(
                "reading secret `{reference}` from vault: {}",
                describe_reqwest_error(&err)
            ),
        };
        let response = request.send().await.map_err(unavailable)?;
        let status = response.status();
        if status == StatusCode::NOT_FOUND {
            return Err(CredentialError::NotFound {
                reference: reference.to_string(),
            });
        }
        if !status.is_success() {
            // Vault's error messages describe the failure ("permission denied"); a read
            // request carries no secret that they could echo.
            let errors = response
                .json::<VaultErrors>()
                .await
                .map(|body| body.errors.join("; "))
                .unwrap_or_default();
            let detail = if errors.is_empty() {
                String::new()
            } else {
                format!(": {}", truncate(&errors, 300))
            };
            let message = format!("vault answered HTTP {status} for `{reference}`{detail}");
            return Err(
                if status == StatusCode::FORBIDDEN || status == StatusCode::UNAUTHORIZED {
                    CredentialError::Rejected { message }
                } else {
                    CredentialError::Unavailable { message }
                },
            );
        }
        let body = response.bytes().await.map_err(unavailable)?;
        // serde_json's messages can quote the offending value, which may be a secret: they
        // are not passed on.
        let parsed: KvResponse =
            serde_json::from_slice(&body).map_err(|_| not_kv2(reference, mount))?;
        let mut data = parsed
            .data
            .and_then(|data| data.data)
            .ok_or_else(|| not_kv2(reference, mount))?;
        match data.remove(key.as_str()) {
            Some(serde_json::Value::String(value)) => Ok(SecretString::from(value)),
            Some(_) => Err(CredentialError::Malformed {
                message: format!("vault secret `{reference}` is not a string"),
            }),
            None => Err(CredentialError::NotFound {
                reference: reference.to_string(),
            }),
        }
    }
}

fn not_kv2(reference: &SecretRef, mount: &str) -> CredentialError {
    CredentialError::Malformed {
        message: format!(
            "vault response for `{reference}` is not a KV v2 secret (is `{mount}` a KV v2 mount?)"
        ),
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    let mut text = text.to_owned();
    if let Some((end, _)) = text.char_indices().nth(max_chars) {
        text.truncate(end);
        text.push('…');
    }
    text
}
