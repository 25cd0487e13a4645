//! Tenants and keys: the configuration is reconciled on every start, the demo tenant never
//! survives a configured start, keys name only their tenant's hotels, and replicas starting
//! together on a fresh PostgreSQL schema migrate once.

use gateway::{
    KeyConfig, Reconciliation, Scope, ServeConfig, ServerOverrides, Store, TenantConfig,
};

use crate::harness::*;

const DEMO: &str = "vh_demo_0123456789abcdef0123456789abcdef";
const CONFIGURED: &str = "vh_configured_0123456789abcdef0123456789";
const CLI: &str = "vh_cli_made_0123456789abcdef0123456789ab";

fn tenant(id: &str, hotels: &[&str], keys: Vec<KeyConfig>) -> TenantConfig {
    TenantConfig {
        id: id.to_owned(),
        name: id.to_owned(),
        hotels: hotels.iter().map(|h| (*h).to_owned()).collect(),
        keys,
    }
}

fn key(key: &str, scopes: &[Scope], hotels: &[&str]) -> KeyConfig {
    KeyConfig {
        key_sha256: gateway::auth::hash_key(key),
        scopes: scopes.to_vec(),
        hotels: hotels.iter().map(|h| (*h).to_owned()).collect(),
    }
}

async fn lookup(store: &Store, key: &str) -> Option<gateway::auth::ApiKeyRecord> {
    store
        .key_by_hash(&gateway::auth::hash_key(key))
        .await
        .unwrap()
}

/// Finding 1 and 2 at the store: what the configuration says is what the database holds.
async fn reconciliation(store: &Store) {
    // A sandbox start wrote the demo tenant.
    store
        .reconcile(&Reconciliation {
            tenants: Vec::new(),
            demo: Some((
                gateway::auth::hash_key(DEMO),
                vec!["BER".to_owned(), "ZRH".to_owned()],
            )),
        })
        .await
        .unwrap();
    assert_eq!(lookup(store, DEMO).await.unwrap().tenant, "demo");
    // The next sandbox start forgets the demo tenant's bookings (its sandbox starts empty).
    let claim = || store.claim_idempotency("demo", "k1", "hash", "BER", "vh-k1");
    assert_eq!(claim().await.unwrap(), gateway::IdempotencyState::Claimed);
    assert_eq!(
        claim().await.unwrap(),
        gateway::IdempotencyState::InProgress
    );
    store
        .reconcile(&Reconciliation {
            tenants: Vec::new(),
            demo: Some((gateway::auth::hash_key(DEMO), vec!["BER".to_owned()])),
        })
        .await
        .unwrap();
    assert_eq!(claim().await.unwrap(), gateway::IdempotencyState::Claimed);

    // A configured start on the same database: the demo key is gone, the configured key is in.
    let rw = [Scope::PmsRead, Scope::PmsWrite];
    let first = Reconciliation {
        tenants: vec![tenant(
            "acme",
            &["BER", "MUC"],
            vec![key(CONFIGURED, &rw, &["BER", "MUC"])],
        )],
        demo: None,
    };
    let report = store.reconcile(&first).await.unwrap();
    assert_eq!(
        (report.keys_added, report.keys_removed),
        (1, 1),
        "{report:?}"
    );
    assert!(lookup(store, DEMO).await.is_none(), "demo key survived");
    assert!(
        store.tenant_hotels("demo").await.unwrap().is_none(),
        "demo tenant survived"
    );
    let listed = store.list_keys().await.unwrap();
    assert!(listed.iter().all(|k| k.tenant != "demo"), "{listed:?}");

    // A key made with `voicehive keys` for acme; refused for unknown tenants and foreign hotels.
    let cli_id = store
        .add_key(
            "acme",
            CLI,
            &[Scope::PmsRead],
            &["BER".to_owned(), "MUC".to_owned()],
        )
        .await
        .unwrap();
    let refused = store
        .add_key(
            "nobody",
            "vh_other_0123456789abcdef0123456789abcd",
            &[Scope::PmsRead],
            &[],
        )
        .await
        .unwrap_err()
        .to_string();
    assert!(refused.contains("unknown tenant `nobody`"), "{refused}");
    let refused = store
        .add_key(
            "acme",
            "vh_other_0123456789abcdef0123456789abcd",
            &[Scope::PmsRead],
            &["ZRH".to_owned()],
        )
        .await
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("not a hotel of tenant `acme`"),
        "{refused}"
    );
    let weak = store
        .add_key("acme", "short", &[Scope::PmsRead], &[])
        .await
        .unwrap_err()
        .to_string();
    assert!(weak.contains("32 to 256"), "{weak}");

    // Restart unchanged: nothing changes.
    let report = store.reconcile(&first).await.unwrap();
    assert_eq!(report, gateway::ReconcileReport::default());

    // Narrowed scopes and hotels, and MUC moved to another tenant.
    let second = Reconciliation {
        tenants: vec![
            tenant(
                "acme",
                &["BER"],
                vec![key(CONFIGURED, &[Scope::PmsRead], &["BER"])],
            ),
            tenant("globex", &["MUC"], Vec::new()),
        ],
        demo: None,
    };
    let report = store.reconcile(&second).await.unwrap();
    assert_eq!(
        (report.keys_updated, report.cli_keys_narrowed),
        (1, 1),
        "{report:?}"
    );
    let configured = lookup(store, CONFIGURED).await.unwrap();
    assert_eq!(configured.scopes, vec![Scope::PmsRead]);
    assert_eq!(configured.hotels, vec!["BER".to_owned()]);
    let cli = lookup(store, CLI).await.unwrap();
    assert_eq!(
        cli.hotels,
        vec!["BER".to_owned()],
        "CLI key kept only acme's hotels"
    );

    // Moved to another tenant.
    let third = Reconciliation {
        tenants: vec![
            tenant("acme", &["BER"], Vec::new()),
            tenant(
                "globex",
                &["MUC"],
                vec![key(CONFIGURED, &[Scope::PmsRead], &["MUC"])],
            ),
        ],
        demo: None,
    };
    store.reconcile(&third).await.unwrap();
    assert_eq!(lookup(store, CONFIGURED).await.unwrap().tenant, "globex");

    // A revoked configured key stays revoked through restarts.
    let id = store
        .list_keys()
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.source == "config")
        .unwrap()
        .id;
    assert!(store.revoke_key(&id).await.unwrap());
    let report = store.reconcile(&third).await.unwrap();
    assert_eq!(report.keys_revoked, 1);
    assert!(lookup(store, CONFIGURED).await.is_none());

    // Removed from the configuration: deleted. The CLI key stays.
    let report = store
        .reconcile(&Reconciliation {
            tenants: vec![tenant("acme", &["BER"], Vec::new())],
            demo: None,
        })
        .await
        .unwrap();
    assert_eq!(report.keys_removed, 1, "{report:?}");
    let listed = store.list_keys().await.unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].id, cli_id);
    assert!(lookup(store, CLI).await.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configuration_is_reconciled_on_sqlite() {
    let store = Store::connect("sqlite::memory:", None).await.unwrap();
    reconciliation(&store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configuration_is_reconciled_on_postgres() {
    let schema = pg_schema("reconcile");
    let store = Store::connect(PG_URL, Some(&schema)).await.unwrap();
    reconciliation(&store).await;
    store.close().await;
    drop_schema(&schema).await;
}

/// Finding 1 end to end: a sandbox start and then a configured start with a hotel named BER
/// on the same database (`url`); the demo key no longer opens anything.
async fn demo_key_does_not_open_a_configured_gateway(url: &str, dir: &std::path::Path) {
    let overrides = || ServerOverrides {
        addr: "127.0.0.1:0".parse().ok(),
        database_url: Some(url.to_owned()),
        ..ServerOverrides::default()
    };
    let privacy = privacy_toml(dir);
    let sandbox_config = ServeConfig::from_toml(&privacy, "defaults", overrides()).unwrap();
    let started = gateway::start(&sandbox_config, Some(DEMO.to_owned()))
        .await
        .unwrap();
    assert!(lookup(started.gateway.store(), DEMO).await.is_some());
    started.gateway.store().close().await;
    let sandbox = started.sandbox.unwrap();
    let running = sandbox.running();
    let text =
        configured_hotel_toml(running, dir, "BER", &gateway::auth::hash_key(CONFIGURED)) + &privacy;
    let config = ServeConfig::from_toml(&text, "prod.toml", overrides()).unwrap();
    let started = gateway::start(&config, Some(DEMO.to_owned()))
        .await
        .unwrap();
    assert!(started.demo.is_none());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let gw = started.gateway.clone();
    tokio::spawn(async move { gw.serve(listener, std::future::pending()).await });
    let client = reqwest::Client::new();
    let demo = client
        .get(format!("{base}/v1/hotels"))
        .bearer_auth(DEMO)
        .send()
        .await
        .unwrap();
    problem(demo, 401, "unauthorized").await;
    let configured = client
        .get(format!("{base}/v1/hotels"))
        .bearer_auth(CONFIGURED)
        .send()
        .await
        .unwrap();
    assert_eq!(configured.status(), 200);
    let keys = started.gateway.store().list_keys().await.unwrap();
    assert!(keys.iter().all(|k| k.tenant != "demo"), "{keys:?}");
    assert!(lookup(started.gateway.store(), DEMO).await.is_none());
    started.gateway.store().close().await;
    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_key_does_not_open_a_configured_gateway() {
    let dir = std::env::temp_dir().join(format!("gateway-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("shared.db");
    let _ = std::fs::remove_file(&db);
    let url = format!("sqlite://{}?mode=rwc", db.display());
    demo_key_does_not_open_a_configured_gateway(&url, &dir).await;
}

/// The same on PostgreSQL: both starts share a fresh schema, chosen by the database URL as in
/// a deployment (`search_path` in `options`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_key_does_not_open_a_configured_gateway_on_postgres() {
    let schema = pg_schema("demo");
    let pool = sqlx::PgPool::connect(PG_URL).await.unwrap();
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let dir = std::env::temp_dir().join(format!("gateway-demo-pg-{}", std::process::id()));
    let url = format!("{PG_URL}?options=-c%20search_path%3D{schema}");
    demo_key_does_not_open_a_configured_gateway(&url, &dir).await;
    // The demo tenant was written to this schema, and is gone from it.
    let pool = sqlx::PgPool::connect(PG_URL).await.unwrap();
    let tenants: Vec<String> =
        sqlx::query_scalar(&format!("SELECT id FROM {schema}.tenants ORDER BY id"))
            .fetch_all(&pool)
            .await
            .unwrap();
    assert!(
        !tenants.is_empty() && !tenants.contains(&"demo".to_owned()),
        "{tenants:?}"
    );
    pool.close().await;
    drop_schema(&schema).await;
}

/// Finding 10: replicas starting together on a fresh schema all come up, and each migration
/// is recorded once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replicas_migrate_a_fresh_postgres_schema_together() {
    let schema = pg_schema("migrate");
    let starts = (0..6).map(|_| Store::connect(PG_URL, Some(&schema)));
    let stores = futures::future::join_all(starts).await;
    for store in &stores {
        assert!(
            store.is_ok(),
            "{:?}",
            store.as_ref().err().map(ToString::to_string)
        );
    }
    let pool = sqlx::PgPool::connect(PG_URL).await.unwrap();
    let versions: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT version FROM {schema}.gateway_migrations ORDER BY version"
    ))
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut expected: Vec<i64> = versions.clone();
    expected.dedup();
    assert_eq!(versions, expected);
    assert!(versions.len() >= 2, "{versions:?}");
    pool.close().await;
    for store in stores.into_iter().flatten() {
        store.close().await;
    }
    drop_schema(&schema).await;
}
