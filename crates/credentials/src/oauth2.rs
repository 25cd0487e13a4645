//! OAuth2 token fetchers over `reqwest` (RFC 6749; ADR 0006 says why not the `oauth2` crate).
//!
//! - [`ClientCredentials`]: the client credentials grant (`grant_type=client_credentials`),
//!   e.g. an Apaleo "simple client" per hotel account.
//! - [`RefreshTokenGrant`]: the refresh token grant (`grant_type=refresh_token`), keeping a
//!   rotated refresh token for the next refresh.
//!
//! Both are [`TokenFetcher`]s for a [`TokenCache`](crate::TokenCache). Errors map as:
//! HTTP 400/401 with `error` `invalid_client`, `invalid_grant`, `unauthorized_client` or
//! `invalid_scope` (and any 401) → [`CredentialError::Rejected`] carrying the error code and
//! `error_description`; other answers, 5xx, timeouts and connection errors →
//! [`CredentialError::Unavailable`]; an unusable 2xx → [`CredentialError::Malformed`]. No
//! error carries a secret, a request body or a whole response body.

use std::fmt;
use std::time::Duration;

use async_trait::async_trait;
use reqwest::Url;
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::Mutex;

use crate::store::describe_reqwest_error;
use crate::{CredentialError, FetchedToken, TokenFetcher};

/// The `error` codes that mean the credentials themselves were refused.
const REJECTION_CODES: [&str; 4] = [
    "invalid_client",
    "invalid_grant",
    "unauthorized_client",
    "invalid_scope",
];

/// How the client authenticates to the token endpoint (RFC 6749 §2.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClientAuth {
    /// `Authorization: Basic base64(urlencode(client_id):urlencode(client_secret))`, the
    /// method every server must support.
    #[default]
    Basic,
    /// `client_id` and `client_secret` in the form body (Apaleo documents this for the
    /// refresh token grant).
    RequestBody,
}

/// An HTTP client for token endpoints: `timeout` per request, redirects not followed (so
/// credentials only ever go to the configured URL).
///
/// # Errors
///
/// [`CredentialError::Unavailable`] if the TLS backend cannot be initialised.
pub fn http_client(timeout: Duration) -> Result<reqwest::Client, CredentialError> {
    reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|err| CredentialError::Unavailable {
            message: format!("building the OAuth2 HTTP client: {err}"),
        })
}

/// The OAuth2 client credentials grant. `Debug` never shows the client secret.
pub struct ClientCredentials {
    token_url: Url,
    client_id: String,
    client_secret: SecretString,
    scope: Option<String>,
    auth_style: ClientAuth,
    http: reqwest::Client,
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_url", &self.token_url.as_str())
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("scope", &self.scope)
            .field("auth_style", &self.auth_style)
            .finish_non_exhaustive()
    }
}

impl ClientCredentials {
    /// Tokens for `client_id` from `token_url` (e.g.
    /// `https://identity.apaleo.com/connect/token`), sent with `http` (see [`http_client`]).
    /// No scope, [`ClientAuth::Basic`].
    ///
    /// # Errors
    ///
    /// [`CredentialError::Malformed`] when `token_url` is not an `http(s)` URL.
    pub fn new(
        token_url: &str,
        client_id: impl Into<String>,
        client_secret: SecretString,
        http: reqwest::Client,
    ) -> Result<Self, CredentialError> {
        Ok(Self {
            token_url: parse_token_url(token_url)?,
            client_id: client_id.into(),
            client_secret,
            scope: None,
            auth_style: ClientAuth::default(),
            http,
        })
    }

    /// Asks for `scope` (space-separated scopes).
    #[must_use]
    pub fn with_scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }

    /// Authenticates the client with `auth_style`.
    #[must_use]
    pub fn with_auth(mut self, auth_style: ClientAuth) -> Self {
        self.auth_style = auth_style;
        self
    }

    /// The token endpoint.
    pub fn token_url(&self) -> &str {
        self.token_url.as_str()
    }

    /// The client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }
}

#[async_trait]
impl TokenFetcher for ClientCredentials {
    async fn fetch(&self) -> Result<FetchedToken, CredentialError> {
        let mut form = vec![("grant_type", "client_credentials")];
        if let Some(scope) = &self.scope {
            form.push(("scope", scope.as_str()));
        }
        let endpoint = Endpoint {
            http: &self.http,
            token_url: &self.token_url,
            client_id: &self.client_id,
            client_secret: &self.client_secret,
            auth_style: self.auth_style,
        };
        let response = endpoint.request(form, &[]).await?;
        Ok(FetchedToken {
            access_token: response.access_token,
            expires_in: response.expires_in,
        })
    }
}

/// The OAuth2 refresh token grant. If the provider rotates refresh tokens (answers with a new
/// `refresh_token`), the new one is kept for the next refresh; refreshes run one at a time so
/// each uses the latest. `Debug` never shows the client secret or the refresh token.
///
/// The rotated token is kept in memory only: read it with [`RefreshTokenGrant::refresh_token`]
/// to persist it.
///
/// A `fetch` dropped while its request is in flight may lose the rotated token the provider
/// issued (and spent the old one). A [`TokenCache`](crate::TokenCache) never drops it: it runs
/// each refresh to the end in a task of its own, whoever waits for it.
pub struct RefreshTokenGrant {
    token_url: Url,
    client_id: String,
    client_secret: SecretString,
    auth_style: ClientAuth,
    refresh_token: Mutex<SecretString>,
    http: reqwest::Client,
}

impl fmt::Debug for RefreshTokenGrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshTokenGrant")
            .field("token_url", &self.token_url.as_str())
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("auth_style", &self.auth_style)
            .field("refresh_token", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl RefreshTokenGrant {
    /// Tokens for `client_id` from `token_url`, starting from `refresh_token`, sent with
    /// `http` (see [`http_client`]). [`ClientAuth::Basic`].
    ///
    /// # Errors
    ///
    /// [`CredentialError::Malformed`] when `token_url` is not an `http(s)` URL.
    pub fn new(
        token_url: &str,
        client_id: impl Into<String>,
        client_secret: SecretString,
        refresh_token: SecretString,
        http: reqwest::Client,
    ) -> Result<Self, CredentialError> {
        Ok(Self {
            token_url: parse_token_url(token_url)?,
            client_id: client_id.into(),
            client_secret,
            auth_style: ClientAuth::default(),
            refresh_token: Mutex::new(refresh_token),
            http,
        })
    }

    /// Authenticates the client with `auth_style`.
    #[must_use]
    pub fn with_auth(mut self, auth_style: ClientAuth) -> Self {
        self.auth_style = auth_style;
        self
    }

    /// The token endpoint.
    pub fn token_url(&self) -> &str {
        self.token_url.as_str()
    }

    /// The client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The refresh token the next refresh will use (the latest rotated one). Waits for a
    /// refresh in progress.
    pub async fn refresh_token(&self) -> SecretString {
        self.refresh_token.lock().await.clone()
    }
}

#[async_trait]
impl TokenFetcher for RefreshTokenGrant {
    async fn fetch(&self) -> Result<FetchedToken, CredentialError> {
        // Held across the request: with rotation, a second refresh must use the token the
        // first one returned.
        let mut current = self.refresh_token.lock().await;
        let endpoint = Endpoint {
            http: &self.http,
            token_url: &self.token_url,
            client_id: &self.client_id,
            client_secret: &self.client_secret,
            auth_style: self.auth_style,
        };
        let form = vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", current.expose_secret()),
        ];
        let response = endpoint.request(form, &[current.expose_secret()]).await?;
        if let Some(rotated) = response.refresh_token {
            *current = rotated;
            tracing::debug!(client_id = %self.client_id, "refresh token rotated");
        }
        Ok(FetchedToken {
            access_token: response.access_token,
            expires_in: response.expires_in,
        })
    }
}

fn parse_token_url(token_url: &str) -> Result<Url, CredentialError> {
    let malformed = |why: String| CredentialError::Malformed {
        message: format!("token URL `{token_url}`: {why}"),
    };
    let url = Url::parse(token_url).map_err(|err| malformed(err.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(malformed("expected an http:// or https:// URL".to_owned()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(CredentialError::Malformed {
            message: "token URL must not contain a user name or password".to_owned(),
        });
    }
    Ok(url)
}

/// A token endpoint and the client authenticating to it.
struct Endpoint<'a> {
    http: &'a reqwest::Client,
    token_url: &'a Url,
    client_id: &'a str,
    client_secret: &'a SecretString,
    auth_style: ClientAuth,
}

/// The parts of a successful token response we use.
struct TokenResponse {
    access_token: SecretString,
    expires_in: Option<Duration>,
    refresh_token: Option<SecretString>,
}

impl Endpoint<'_> {
    /// POSTs `form` (plus client authentication) and reads the token response. `scrub` lists
    /// further secrets sent in the form, to be cut from any `error_description`.
    async fn request(
        &self,
        mut form: Vec<(&str, &str)>,
        scrub: &[&str],
    ) -> Result<TokenResponse, CredentialError> {
        let mut request = self
            .http
            .post(self.token_url.clone())
            .header(reqwest::header::ACCEPT, "application/json");
        match self.auth_style {
            ClientAuth::Basic => {
                let secret = SecretString::from(form_encode(self.client_secret.expose_secret()));
                request =
                    request.basic_auth(form_encode(self.client_id), Some(secret.expose_secret()));
            }
            ClientAuth::RequestBody => {
                form.push(("client_id", self.client_id));
                form.push(("client_secret", self.client_secret.expose_secret()));
            }
        }
        let unavailable = |err: reqwest::Error| CredentialError::Unavailable {
            message: format!("token request: {}", describe_reqwest_error(&err)),
        };
        let response = request.form(&form).send().await.map_err(unavailable)?;
        let status = response.status();
        let body = response.bytes().await.map_err(unavailable)?;
        if status.is_success() {
            return parse_token_response(&body);
        }

        let mut secrets = vec![self.client_secret.expose_secret()];
        secrets.extend_from_slice(scrub);
        let error = OAuthError::parse(&body, &secrets);
        let rejected = match &error {
            Some(error) => {
                (status.as_u16() == 400 || status.as_u16() == 401)
                    && REJECTION_CODES.contains(&error.code.as_str())
            }
            None => false,
        };
        if rejected || status.as_u16() == 401 {
            let message = error.map_or_else(
                || format!("token endpoint answered HTTP {status}"),
                |error| error.to_string(),
            );
            return Err(CredentialError::Rejected { message });
        }
        let detail = error.map_or_else(String::new, |error| format!(": {error}"));
        Err(CredentialError::Unavailable {
            message: format!("token endpoint answered HTTP {status}{detail}"),
        })
    }
}

/// An OAuth2 error response (RFC 6749 §5.2), cleaned for messages.
struct OAuthError {
    code: String,
    description: Option<String>,
}

impl OAuthError {
    /// The `error` and `error_description` of `body`, if it is an OAuth2 error response.
    /// Control characters are dropped, lengths capped and any of `secrets` replaced.
    fn parse(body: &[u8], secrets: &[&str]) -> Option<Self> {
        let value: serde_json::Value = serde_json::from_slice(body).ok()?;
        let code = value.get("error")?.as_str()?;
        let description = value
            .get("error_description")
            .and_then(serde_json::Value::as_str)
            .map(|text| clean(text, 300, secrets))
            .filter(|text| !text.is_empty());
        Some(Self {
            code: clean(code, 64, secrets),
            description,
        })
    }
}

impl fmt::Display for OAuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.description {
            Some(description) => write!(f, "{}: {description}", self.code),
            None => f.write_str(&self.code),
        }
    }
}

fn clean(text: &str, max_chars: usize, secrets: &[&str]) -> String {
    let mut text: String = text.chars().filter(|c| !c.is_control()).collect();
    for secret in secrets.iter().filter(|secret| !secret.is_empty()) {
        text = text.replace(secret, "[redacted]");
    }
    match text.char_indices().nth(max_chars) {
        Some((end, _)) => {
            text.truncate(end);
            text.push('…');
            text
        }
        None => text,
    }
}

/// Reads `{"access_token", "token_type", "expires_in", "refresh_token"}`. Messages name the
/// field at fault, never a value.
fn parse_token_response(body: &[u8]) -> Result<TokenResponse, CredentialError> {
    let malformed = |why: &str| CredentialError::Malformed {
        message: format!("token response: {why}"),
    };
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|_| malformed("not JSON"))?;
    let serde_json::Value::Object(mut fields) = value else {
        return Err(malformed("not a JSON object"));
    };
    let access_token = match fields.remove("access_token") {
        Some(serde_json::Value::String(token)) if !token.is_empty() => SecretString::from(token),
        Some(_) => return Err(malformed("`access_token` is not a non-empty string")),
        None => return Err(malformed("no `access_token`")),
    };
    match fields.get("token_type") {
        None | Some(serde_json::Value::Null) => {}
        Some(serde_json::Value::String(kind)) if kind.eq_ignore_ascii_case("bearer") => {}
        Some(_) => return Err(malformed("`token_type` is not `Bearer`")),
    }
    let expires_in = match fields.get("expires_in") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::Number(seconds)) => {
            let seconds = seconds
                .as_u64()
                .map(Duration::from_secs)
                .or_else(|| {
                    seconds
                        .as_f64()
                        .and_then(|s| Duration::try_from_secs_f64(s).ok())
                })
                .ok_or_else(|| malformed("`expires_in` is not a non-negative number"))?;
            Some(seconds)
        }
        // Some providers send the number as a string.
        Some(serde_json::Value::String(seconds)) => {
            Some(Duration::from_secs(seconds.trim().parse::<u64>().map_err(
                |_| malformed("`expires_in` is not a number of seconds"),
            )?))
        }
        Some(_) => return Err(malformed("`expires_in` is not a number of seconds")),
    };
    let refresh_token = match fields.remove("refresh_token") {
        Some(serde_json::Value::String(token)) if !token.is_empty() => {
            Some(SecretString::from(token))
        }
        None | Some(serde_json::Value::Null) | Some(serde_json::Value::String(_)) => None,
        Some(_) => return Err(malformed("`refresh_token` is not a string")),
    };
    Ok(TokenResponse {
        access_token,
        expires_in,
        refresh_token,
    })
}

/// Percent-encodes all but RFC 3986 unreserved characters, as RFC 6749 §2.3.1 asks for the
/// Basic credentials (a space becomes `%20`, which form decoders read as well).
fn form_encode(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push('%');
            encoded.push(char::from(HEX[usize::from(byte >> 4)]));
            encoded.push(char::from(HEX[usize::from(byte & 0x0F)]));
        }
    }
    encoded
}
