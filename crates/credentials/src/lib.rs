//! The credential broker.
//!
//! - Secrets come from a [`SecretStore`]: HashiCorp Vault KV v2, the environment or a file,
//!   named by a [`SecretRef`] such as `vault:secret/voicehive/apaleo#client_secret`. They are
//!   held as [`SecretString`], which never prints.
//! - A [`TokenCache`] keeps one vendor account's access token: it refreshes it before expiry
//!   with a margin, runs one refresh for any number of concurrent callers, and backs off after
//!   a failed refresh. The refresh runs in a task of its own: a caller that goes away neither
//!   aborts it nor loses its result (a new token, a rotated refresh token). Tokens come from a [`TokenFetcher`] (OAuth2 client credentials or
//!   refresh-token grants, see [`oauth2`]).
//! - [`RequestAuth`] is what the vendor HTTP client asks for an `Authorization`: a bearer
//!   token ([`BearerAuth`]) or a static API key ([`ApiKeyAuth`]). After a 401 it asks once for
//!   a fresh one with [`RequestAuth::reauthorize`].
//!
//! All expiry arithmetic uses an injected [`clock::Clock`].

#![forbid(unsafe_code)]

mod auth;
mod error;
mod metrics;
pub mod oauth2;
mod store;
mod token;

pub use auth::{ApiKeyAuth, Authorization, BearerAuth, RequestAuth};
pub use error::CredentialError;
pub use metrics::CredentialMetrics;
pub use secrecy::{ExposeSecret, SecretString};
pub use store::{
    EnvStore, FileStore, SecretRef, SecretStore, SecretStores, VaultConfig, VaultStore,
};
pub use token::{AccessToken, FetchedToken, RefreshPolicy, TokenCache, TokenFetcher};
