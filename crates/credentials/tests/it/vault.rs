//! `VaultStore` against a real OpenBao dev server, plus failure shapes bao cannot easily
//! produce, against wiremock.

use std::time::Duration;

use credentials::{
    CredentialError, ExposeSecret, SecretRef, SecretStore, SecretStores, SecretString, VaultConfig,
    VaultStore,
};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::bao::BaoServer;
use crate::support::{assert_no_secret, closed_port};

fn store(addr: &str, token: &str) -> VaultStore {
    VaultStore::new(VaultConfig {
        addr: addr.to_owned(),
        token: SecretString::from(token),
        namespace: None,
        timeout: Duration::from_secs(5),
    })
    .unwrap()
}

fn reference(text: &str) -> SecretRef {
    SecretRef::parse(text).unwrap()
}

#[tokio::test]
async fn vault_store_reads_a_kv2_secret_written_to_bao() {
    let bao = BaoServer::start().await;
    bao.put(
        "voicehive/apaleo",
        json!({"client_id": "hotel-1", "client_secret": "s3cr3t-from-bao"}),
    )
    .await;
    bao.put(
        "teams/front desk/keys",
        json!({"api key": "spaced-path-secret"}),
    )
    .await;
    let vault = store(bao.addr(), bao.root_token());

    let secret = vault
        .get(&reference("vault:secret/voicehive/apaleo#client_secret"))
        .await
        .unwrap();
    assert_eq!(secret.expose_secret(), "s3cr3t-from-bao");

    // Segments are percent-encoded: spaces in the path and the key work.
    let spaced = vault
        .get(&reference("vault:secret/teams/front desk/keys#api key"))
        .await
        .unwrap();
    assert_eq!(spaced.expose_secret(), "spaced-path-secret");

    // The router hands vault references to the configured store.
    let stores = SecretStores::new().with_vault(vault);
    let routed = stores
        .get(&reference("vault:secret/voicehive/apaleo#client_id"))
        .await
        .unwrap();
    assert_eq!(routed.expose_secret(), "hotel-1");
}

#[tokio::test]
async fn vault_store_with_a_wrong_token_is_rejected() {
    let bao = BaoServer::start().await;
    bao.put(
        "voicehive/apaleo",
        json!({"client_secret": "s3cr3t-from-bao"}),
    )
    .await;
    let wrong_token = "not-the-root-token-4711";
    let vault = store(bao.addr(), wrong_token);

    let err = vault
        .get(&reference("vault:secret/voicehive/apaleo#client_secret"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, CredentialError::Rejected { message } if message.contains("403")),
        "{err:?}"
    );
    assert_no_secret(&err, wrong_token);
    assert_no_secret(&err, "s3cr3t-from-bao");
}

#[tokio::test]
async fn vault_store_reports_missing_paths_and_keys_as_not_found() {
    let bao = BaoServer::start().await;
    bao.put(
        "voicehive/apaleo",
        json!({"client_secret": "s3cr3t-from-bao"}),
    )
    .await;
    let vault = store(bao.addr(), bao.root_token());

    let err = vault
        .get(&reference("vault:secret/voicehive/missing#client_secret"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        CredentialError::NotFound {
            reference: "vault:secret/voicehive/missing#client_secret".to_owned()
        }
    );

    let err = vault
        .get(&reference("vault:secret/voicehive/apaleo#no_such_key"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        CredentialError::NotFound {
            reference: "vault:secret/voicehive/apaleo#no_such_key".to_owned()
        }
    );
    assert_no_secret(&err, "s3cr3t-from-bao");
}

#[tokio::test]
async fn vault_store_refuses_non_string_values() {
    let bao = BaoServer::start().await;
    bao.put(
        "voicehive/numbers",
        json!({"pin": 4711, "nested": {"secret": "inner-secret"}}),
    )
    .await;
    let vault = store(bao.addr(), bao.root_token());

    for key in ["pin", "nested"] {
        let err = vault
            .get(&reference(&format!("vault:secret/voicehive/numbers#{key}")))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, CredentialError::Malformed { message } if message.contains("not a string")),
            "{err:?}"
        );
        assert_no_secret(&err, "4711");
        assert_no_secret(&err, "inner-secret");
    }
}

#[tokio::test]
async fn unreachable_vault_is_unavailable() {
    let vault = store(&format!("http://127.0.0.1:{}", closed_port()), "token-x");
    let err = vault
        .get(&reference("vault:secret/voicehive/apaleo#client_secret"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, CredentialError::Unavailable { .. }),
        "{err:?}"
    );
    assert_no_secret(&err, "token-x");
}

#[tokio::test]
async fn vault_store_sends_the_namespace_and_maps_server_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/kv/data/sealed"))
        .and(header("x-vault-token", "token-x"))
        .and(header("x-vault-namespace", "hotels"))
        .respond_with(
            ResponseTemplate::new(503).set_body_json(json!({"errors": ["Vault is sealed"]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    // A KV v1 mount answers without the inner `data`.
    Mock::given(method("GET"))
        .and(path("/v1/kv/data/v1-shaped"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": {"password": "kv1-secret"}})),
        )
        .mount(&server)
        .await;
    let vault = VaultStore::new(VaultConfig {
        addr: server.uri(),
        token: SecretString::from("token-x"),
        namespace: Some("hotels".to_owned()),
        timeout: Duration::from_secs(5),
    })
    .unwrap();

    let err = vault
        .get(&reference("vault:kv/sealed#password"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, CredentialError::Unavailable { message } if message.contains("503") && message.contains("sealed")),
        "{err:?}"
    );

    let err = vault
        .get(&reference("vault:kv/v1-shaped#password"))
        .await
        .unwrap_err();
    assert!(matches!(err, CredentialError::Malformed { .. }), "{err:?}");
    assert_no_secret(&err, "kv1-secret");
}

#[tokio::test]
async fn vault_store_does_not_follow_redirects() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(307).insert_header("location", "http://elsewhere.invalid/"),
        )
        .mount(&server)
        .await;
    let vault = store(&server.uri(), "token-x");
    let err = vault.get(&reference("vault:secret/a#b")).await.unwrap_err();
    assert!(
        matches!(err, CredentialError::Unavailable { .. }),
        "{err:?}"
    );
}

#[test]
fn vault_store_refuses_bad_addresses() {
    for addr in [
        "",
        "127.0.0.1:8200",
        "ftp://vault",
        "http://user:pw@vault:8200",
    ] {
        let err = VaultStore::new(VaultConfig {
            addr: addr.to_owned(),
            token: SecretString::from("t"),
            namespace: None,
            timeout: Duration::from_secs(1),
        })
        .unwrap_err();
        assert!(
            matches!(err, CredentialError::Malformed { .. }),
            "{addr}: {err:?}"
        );
        assert_no_secret(&err, "pw");
    }
}

#[tokio::test]
async fn secret_stores_without_vault_say_so() {
    let err = SecretStores::new()
        .get(&reference("vault:secret/voicehive/apaleo#client_secret"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, CredentialError::Malformed { message } if message.contains("no Vault is configured")),
        "{err:?}"
    );
}
