//! Tokens: expiry with the injected clock, secret references resolved lazily, constructors.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use clock::SharedClock;
use credentials::{CredentialError, RefreshPolicy, SecretRef, SecretStore, SecretString};
use pms_apaleo::{AccountTier, ApaleoConfig, ApaleoConnector, SecretRefClientCredentials};
use pms_contract::{ErrorKind, PmsConnector};

use crate::support::{Rig, connector_for};

#[tokio::test]
async fn an_expiring_token_is_refreshed_once_before_it_expires() {
    let rig = Rig::start().await;
    // Tokens live 600 s; the cache refreshes 60 s before expiry.
    let connector = Arc::new(connector_for(
        &rig.sandbox,
        "BER",
        &rig.clock,
        RefreshPolicy::default(),
    ));
    connector.room_types().await.unwrap();
    assert_eq!(rig.token_requests(), 1);
    rig.clock.advance(chrono::Duration::seconds(500));
    connector.room_types().await.unwrap();
    assert_eq!(rig.token_requests(), 1, "540 s before expiry is fine");
    rig.clock.advance(chrono::Duration::seconds(50));
    let before = rig.api_requests();
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let connector = connector.clone();
            tokio::spawn(async move { connector.room_types().await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(rig.token_requests(), 2, "exactly one refresh for 8 calls");
    assert_eq!(
        rig.api_requests() - before,
        8,
        "no request was refused with a 401"
    );
    // Past the sandbox's expiry without the margin: a 401, then one refresh and a retry.
    let no_margin = connector_for(
        &rig.sandbox,
        "BER",
        &rig.clock,
        RefreshPolicy {
            margin: Duration::ZERO,
            ..RefreshPolicy::default()
        },
    );
    no_margin.room_types().await.unwrap();
    let tokens = rig.token_requests();
    rig.clock.advance(chrono::Duration::seconds(599));
    no_margin.room_types().await.unwrap();
    assert_eq!(rig.token_requests(), tokens);
}

/// Secrets in memory, keyed by reference; counts reads.
#[derive(Debug, Default)]
struct MemoryStore {
    values: Mutex<HashMap<String, String>>,
    reads: Mutex<u32>,
}

impl MemoryStore {
    fn set(&self, reference: &str, value: &str) {
        self.values
            .lock()
            .unwrap()
            .insert(reference.to_owned(), value.to_owned());
    }
}

#[async_trait]
impl SecretStore for MemoryStore {
    async fn get(&self, reference: &SecretRef) -> Result<SecretString, CredentialError> {
        *self.reads.lock().unwrap() += 1;
        self.values
            .lock()
            .unwrap()
            .get(&reference.to_string())
            .map(|v| SecretString::from(v.clone()))
            .ok_or_else(|| CredentialError::NotFound {
                reference: reference.to_string(),
            })
    }
}

fn refs() -> (SecretRef, SecretRef) {
    (
        SecretRef::parse("env:APALEO_CLIENT_ID").unwrap(),
        SecretRef::parse("vault:secret/voicehive/apaleo#client_secret").unwrap(),
    )
}

#[tokio::test]
async fn secret_references_are_resolved_at_each_token_fetch_not_at_construction() {
    let rig = Rig::start().await;
    let store = Arc::new(MemoryStore::default());
    let (id_ref, secret_ref) = refs();
    let clock: SharedClock = Arc::new(rig.clock.clone());
    let config = ApaleoConfig::new("BER")
        .with_api_base(rig.sandbox.base_url())
        .with_identity_base(rig.sandbox.identity_url());
    let connector =
        ApaleoConnector::from_secret_refs(config, store.clone(), id_ref, secret_ref, clock)
            .unwrap();
    assert_eq!(*store.reads.lock().unwrap(), 0, "no I/O at construction");
    // Missing secrets: a configuration error (not retried), naming the reference.
    let err = connector.room_types().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Internal);
    assert!(err.message().contains("env:APALEO_CLIENT_ID"), "{err}");
    assert_eq!(rig.token_requests(), 0);
    // A wrong secret is refused by Apaleo: an authentication error, never the secret.
    store.set("env:APALEO_CLIENT_ID", rig.sandbox.client_id());
    store.set(
        "vault:secret/voicehive/apaleo#client_secret",
        "wrong-secret",
    );
    rig.clock.advance(chrono::Duration::seconds(5));
    let err = connector.room_types().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Authentication);
    assert!(!format!("{err} {err:?}").contains("wrong-secret"));
    // The rotated secret is picked up at the next fetch.
    store.set(
        "vault:secret/voicehive/apaleo#client_secret",
        rig.sandbox.client_secret(),
    );
    rig.clock.advance(chrono::Duration::seconds(5));
    assert_eq!(connector.room_types().await.unwrap().len(), 4);
}

#[tokio::test]
async fn constructors_refuse_bad_urls_without_io() {
    let clock: SharedClock = Arc::new(clock::SystemClock);
    let store: Arc<dyn SecretStore> = Arc::new(MemoryStore::default());
    let (id_ref, secret_ref) = refs();
    let bad_identity = ApaleoConfig::new("BER").with_identity_base("not a url");
    let err = ApaleoConnector::from_secret_refs(
        bad_identity.clone(),
        store.clone(),
        id_ref.clone(),
        secret_ref.clone(),
        clock.clone(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Internal);
    assert!(
        err.message()
            .starts_with("invalid Apaleo client configuration")
    );
    let err = ApaleoConnector::with_client_credentials(
        bad_identity,
        "id".to_owned(),
        SecretString::from("s3cr3t-value"),
        clock.clone(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Internal);
    assert!(!err.to_string().contains("s3cr3t-value"));
    let bad_api = ApaleoConfig::new("BER").with_api_base("ftp://api.example");
    let err = ApaleoConnector::with_client_credentials(
        bad_api,
        "id".to_owned(),
        SecretString::from("x"),
        clock.clone(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Internal);
    // The default endpoints are Apaleo's; the dev tier builds too.
    let connector = ApaleoConnector::from_secret_refs(
        ApaleoConfig::new("MUC").with_tier(AccountTier::Dev),
        store.clone(),
        id_ref.clone(),
        secret_ref.clone(),
        clock,
    )
    .unwrap();
    assert_eq!(connector.property_id(), "MUC");
    assert_eq!(connector.requests_sent(), 0);
    let fetcher = SecretRefClientCredentials::new(
        "https://identity.apaleo.com/connect/token",
        store,
        id_ref,
        secret_ref,
    )
    .unwrap();
    let debug = format!("{fetcher:?}");
    assert!(
        debug.contains("vault:secret/voicehive/apaleo#client_secret"),
        "{debug}"
    );
}

#[tokio::test]
async fn with_client_credentials_talks_to_the_sandbox() {
    let rig = Rig::start().await;
    let clock: SharedClock = Arc::new(rig.clock.clone());
    let config = ApaleoConfig::new("BER")
        .with_api_base(rig.sandbox.base_url())
        .with_identity_base(format!("{}/", rig.sandbox.identity_url()))
        .with_tier(AccountTier::Dev);
    let connector = ApaleoConnector::with_client_credentials(
        config,
        rig.sandbox.client_id().to_owned(),
        SecretString::from(rig.sandbox.client_secret().to_owned()),
        clock,
    )
    .unwrap();
    assert_eq!(connector.room_types().await.unwrap().len(), 4);
    assert_eq!(rig.token_requests(), 1);
}
