//! Integration tests of the credential broker: secret stores (env, file, a real OpenBao dev
//! server for Vault), OAuth2 fetchers against wiremock, and the token cache driving them under
//! tokio's paused time.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bao;
mod local_stores;
mod oauth2;
mod redaction;
mod reference;
mod support;
mod token_cache;
mod vault;
