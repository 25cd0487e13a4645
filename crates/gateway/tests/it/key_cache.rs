//! The in-memory API keys: a revocation, narrowing or deletion made on another replica (or by
//! `voicehive keys revoke`, which writes the database directly) reaches this replica at its
//! next refresh, and not before; a new key works at once; unknown keys stay in the negative
//! cache; a database outage longer than `key_max_staleness` fails closed (503). Time is a
//! `ManualClock`; refreshes are the worker's (`refresh_keys_now`, or the one a request makes
//! when the cache is older than `key_max_staleness`). On SQLite (a file shared by two stores)
//! and on PostgreSQL.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use chrono::TimeZone;
use gateway::{
    EmbeddedSandbox, GatewaySettings, KeyConfig, Reconciliation, Scope, Store, TenantConfig,
};

use crate::harness::*;

const NEW: &str = "vh_test_new_key_made_on_replica_a_0123456789";
const CONF: &str = "vh_test_configured_key_0123456789abcdef012";

/// A database shared by replicas: a SQLite file, or a PostgreSQL schema.
struct Db {
    url: String,
    schema: Option<String>,
    file: Option<std::path::PathBuf>,
}

impl Db {
    fn sqlite() -> Self {
        static N: AtomicU32 = AtomicU32::new(0);
        let file = std::env::temp_dir().join(format!(
            "vh-key-cache-{}-{}-{}.db",
            std::process::id(),
            chrono::Utc::now().timestamp_micros(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        Self {
            url: format!("sqlite://{}?mode=rwc", file.display()),
            schema: None,
            file: Some(file),
        }
    }

    fn postgres(test: &str) -> Self {
        Self {
            url: PG_URL.to_owned(),
            schema: Some(pg_schema(test)),
            file: None,
        }
    }

    /// A store of replica A, with the test tenants and keys.
    async fn replica_a(&self) -> Store {
        store(&self.url, self.schema.as_deref()).await
    }

    async fn connect(&self) -> Store {
        Store::connect(&self.url, self.schema.as_deref())
            .await
            .unwrap()
    }

    async fn drop(self) {
        if let Some(schema) = &self.schema {
            drop_schema(schema).await;
        }
        if let Some(file) = &self.file {
            let _ = std::fs::remove_file(file);
        }
    }
}

fn manual() -> clock::ManualClock {
    clock::ManualClock::new(chrono::Utc.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).unwrap())
}

/// Settings whose periodic refresh never runs during a test (only the one at start), so that
/// the test decides when replica B refreshes.
fn refresh_only_when_told() -> GatewaySettings {
    GatewaySettings {
        key_refresh_interval: Duration::from_secs(3600),
        key_max_staleness: Duration::from_secs(7200),
        ..GatewaySettings::default()
    }
}

/// Replica B: its own store (another connection pool) on `db`, a gateway on a manual clock.
async fn replica_b(
    sandbox: &EmbeddedSandbox,
    db: &Db,
    settings: GatewaySettings,
) -> (TestGateway, clock::ManualClock) {
    let clock = manual();
    let gw = TestGateway::start_with_clock(
        sandbox,
        db.connect().await,
        settings,
        Arc::new(clock.clone()),
    )
    .await;
    (gw, clock)
}

async fn status(gw: &TestGateway, key: &str) -> u16 {
    gw.get("/v1/hotels", key).await.status().as_u16()
}

fn key_id(key: &str) -> String {
    format!("key_{}", &gateway::auth::hash_key(key)[..16])
}

async fn revocation_and_new_keys(db: Db) {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let a = db.replica_a().await;
    let (b, clock) = replica_b(&sandbox, &db, refresh_only_when_told()).await;
    assert_eq!(status(&b, ACME_RO).await, 200, "loaded at start");

    // A new key made on replica A works on B at once (looked up on the miss).
    a.add_key("acme", NEW, &[Scope::PmsRead], &["BER".to_owned()])
        .await
        .unwrap();
    assert_eq!(status(&b, NEW).await, 200, "a new key works at once");

    // Revoked on A: B still accepts it until its next refresh (the documented bound)...
    assert!(a.revoke_key(&key_id(ACME_RO)).await.unwrap());
    assert_eq!(status(&b, ACME_RO).await, 200, "not before B's refresh");
    // ... and refuses it after.
    b.gateway.refresh_keys_now().await.unwrap();
    let refused = b.get("/v1/hotels", ACME_RO).await;
    problem(refused, 401, "unauthorized").await;
    assert_eq!(status(&b, ACME_RW).await, 200, "other keys unaffected");

    // Revoked on A; B's cache grows older than key_max_staleness on its clock: the next
    // request refreshes first, and the revocation is there.
    assert!(a.revoke_key(&key_id(NEW)).await.unwrap());
    assert_eq!(status(&b, NEW).await, 200);
    clock.advance(chrono::Duration::seconds(7199));
    assert_eq!(
        status(&b, NEW).await,
        200,
        "still within the staleness bound"
    );
    clock.advance(chrono::Duration::seconds(2));
    assert_eq!(status(&b, NEW).await, 401, "refreshed once too old");
    assert_eq!(status(&b, ACME_RW).await, 200);

    // Revoked through B's own store: applied before B's next answer.
    assert!(
        b.gateway
            .store()
            .revoke_key(&key_id(ACME_RW))
            .await
            .unwrap()
    );
    assert_eq!(status(&b, ACME_RW).await, 401);
    drop(b);
    a.close().await;
    db.drop().await;
}

fn configured(scopes: &[Scope]) -> Reconciliation {
    Reconciliation {
        tenants: vec![TenantConfig {
            id: "acme".to_owned(),
            name: "Acme Hotels".to_owned(),
            hotels: vec!["BER".to_owned()],
            keys: if scopes.is_empty() {
                Vec::new()
            } else {
                vec![KeyConfig {
                    key_sha256: gateway::auth::hash_key(CONF),
                    scopes: scopes.to_vec(),
                    hotels: vec!["BER".to_owned()],
                }]
            },
        }],
        demo: None,
    }
}

async fn narrowing_and_deletion(db: Db) {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let a = db.replica_a().await;
    a.reconcile(&configured(&[Scope::PmsRead, Scope::OpsRead]))
        .await
        .unwrap();
    let (b, _clock) = replica_b(&sandbox, &db, refresh_only_when_told()).await;
    assert_eq!(status(&b, CONF).await, 200);

    // Replica A starts with a configuration that narrows the key's scopes.
    a.reconcile(&configured(&[Scope::OpsRead])).await.unwrap();
    assert_eq!(status(&b, CONF).await, 200, "not before B's refresh");
    b.gateway.refresh_keys_now().await.unwrap();
    let narrowed = b.get("/v1/hotels", CONF).await;
    problem(narrowed, 403, "forbidden").await;

    // ... then with a configuration without the key: deleted, refused everywhere.
    a.reconcile(&configured(&[])).await.unwrap();
    b.gateway.refresh_keys_now().await.unwrap();
    assert_eq!(status(&b, CONF).await, 401, "a deleted key is refused");
    drop(b);
    a.close().await;
    db.drop().await;
}

async fn unknown_keys_stay_in_the_negative_cache(db: Db) {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let a = db.replica_a().await;
    let (b, _clock) = replica_b(&sandbox, &db, refresh_only_when_told()).await;
    assert_eq!(status(&b, NEW).await, 401);
    // The key is made on A now: B remembers it as unknown and does not ask the database...
    a.add_key("acme", NEW, &[Scope::PmsRead], &["BER".to_owned()])
        .await
        .unwrap();
    assert_eq!(status(&b, NEW).await, 401, "answered by the negative cache");
    // ... until its refresh brings the key.
    b.gateway.refresh_keys_now().await.unwrap();
    assert_eq!(status(&b, NEW).await, 200);
    drop(b);
    a.close().await;
    db.drop().await;
}

async fn an_outage_longer_than_max_staleness_fails_closed(db: Db) {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let a = db.replica_a().await;
    // The default settings: refreshed every second, 5 s of staleness at most.
    let (b, clock) = replica_b(&sandbox, &db, GatewaySettings::default()).await;
    assert_eq!(status(&b, ACME_RW).await, 200);
    // The database becomes unreachable for replica B.
    b.gateway.store().close().await;
    clock.advance(chrono::Duration::seconds(4));
    assert_eq!(status(&b, ACME_RW).await, 200, "within key_max_staleness");
    clock.advance(chrono::Duration::seconds(2));
    let refused = b.get("/v1/hotels", ACME_RW).await;
    problem(refused, 503, "unavailable").await;
    assert_eq!(status(&b, ACME_RO).await, 503, "every key: fail closed");
    drop(b);
    a.close().await;
    db.drop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revocation_reaches_another_replica_at_its_refresh_on_sqlite() {
    revocation_and_new_keys(Db::sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revocation_reaches_another_replica_at_its_refresh_on_postgres() {
    revocation_and_new_keys(Db::postgres("keycache_revoke")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn narrowing_and_deletion_reach_another_replica_on_sqlite() {
    narrowing_and_deletion(Db::sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn narrowing_and_deletion_reach_another_replica_on_postgres() {
    narrowing_and_deletion(Db::postgres("keycache_narrow")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_keys_stay_in_the_negative_cache_on_sqlite() {
    unknown_keys_stay_in_the_negative_cache(Db::sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_keys_stay_in_the_negative_cache_on_postgres() {
    unknown_keys_stay_in_the_negative_cache(Db::postgres("keycache_unknown")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_outage_longer_than_max_staleness_fails_closed_on_sqlite() {
    an_outage_longer_than_max_staleness_fails_closed(Db::sqlite()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_outage_longer_than_max_staleness_fails_closed_on_postgres() {
    an_outage_longer_than_max_staleness_fails_closed(Db::postgres("keycache_outage")).await;
}
