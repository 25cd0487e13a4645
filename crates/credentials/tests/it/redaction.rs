//! `Debug` of every type holding a secret hides it.

use std::time::Duration;

use credentials::oauth2::{ClientCredentials, RefreshTokenGrant};
use credentials::{
    FetchedToken, SecretRef, SecretStore, SecretStores, SecretString, TokenFetcher, VaultConfig,
    VaultStore,
};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "top-secret-value-0042";

fn assert_hidden(debug: &str) {
    assert!(!debug.contains(SECRET), "Debug leaks the secret: {debug}");
    assert!(debug.contains("redacted"), "{debug}");
}

#[test]
fn vault_config_store_and_router_hide_the_token() {
    let config = VaultConfig {
        addr: "http://127.0.0.1:8200".to_owned(),
        token: SecretString::from(SECRET),
        namespace: Some("hotels".to_owned()),
        timeout: Duration::from_secs(5),
    };
    assert_hidden(&format!("{config:?}"));
    let store = VaultStore::new(config).unwrap();
    assert_hidden(&format!("{store:?}"));
    assert_hidden(&format!("{store:#?}"));
    let stores = SecretStores::new().with_vault(store);
    assert_hidden(&format!("{stores:?}"));
}

#[tokio::test]
async fn oauth2_fetchers_and_fetched_tokens_hide_secrets() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": SECRET, "expires_in": 60, "refresh_token": SECRET
        })))
        .mount(&server)
        .await;
    let url = format!("{}/connect/token", server.uri());

    let client = ClientCredentials::new(
        &url,
        "client-id",
        SecretString::from(SECRET),
        reqwest::Client::new(),
    )
    .unwrap();
    assert_hidden(&format!("{client:?}"));
    let fetched: FetchedToken = client.fetch().await.unwrap();
    assert_hidden(&format!("{fetched:?}"));

    let grant = RefreshTokenGrant::new(
        &url,
        "client-id",
        SecretString::from(SECRET),
        SecretString::from(SECRET),
        reqwest::Client::new(),
    )
    .unwrap();
    assert_hidden(&format!("{grant:?}"));
    grant.fetch().await.unwrap();
    assert_hidden(&format!("{grant:?}"));
}

#[tokio::test]
async fn secrets_read_from_stores_do_not_print() {
    let secret = SecretStores::new()
        .get(&SecretRef::parse("env:PATH").unwrap())
        .await
        .unwrap();
    let path = std::env::var("PATH").unwrap();
    assert!(!format!("{secret:?}").contains(&path));
}
