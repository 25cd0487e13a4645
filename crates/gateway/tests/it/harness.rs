//! A running gateway for tests.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{Days, Utc};
use gateway::{EmbeddedSandbox, Gateway, GatewaySettings, Scope, Store};
use pms_factory::ConnectorFactory;
use reqwest::{Method, RequestBuilder, Response};
use serde_json::{Value, json};
use tokio::sync::oneshot;

pub(crate) const PG_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

/// Keys of the test tenants.
pub(crate) const ACME_RW: &str = "vh_test_acme_read_write_0123456789abcdef";
pub(crate) const ACME_RO: &str = "vh_test_acme_read_only_0123456789abcdef";
pub(crate) const GLOBEX: &str = "vh_test_globex_0123456789abcdef01234567";

/// A unique PostgreSQL schema per test and run.
pub(crate) fn pg_schema(test: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    format!(
        "gw_{}_{}_{}_{}",
        test,
        std::process::id(),
        Utc::now().timestamp_micros(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// Connects a store and seeds the test tenants.
pub(crate) async fn store(url: &str, schema: Option<&str>) -> Store {
    let store = Store::connect(url, schema).await.expect("store");
    store.ensure_tenant("acme", "Acme Hotels").await.unwrap();
    store.ensure_tenant("globex", "Globex Inns").await.unwrap();
    store
        .assign_hotels("acme", &["BER".to_owned()])
        .await
        .unwrap();
    store
        .assign_hotels("globex", &["ZRH".to_owned()])
        .await
        .unwrap();
    let rw = [Scope::PmsRead, Scope::PmsWrite];
    for (tenant, key, scopes, hotel) in [
        ("acme", ACME_RW, &rw[..], "BER"),
        ("acme", ACME_RO, &rw[..1], "BER"),
        ("globex", GLOBEX, &rw[..], "ZRH"),
    ] {
        // A second replica on the same database finds the keys there.
        if store
            .key_by_hash(&gateway::auth::hash_key(key))
            .await
            .unwrap()
            .is_none()
        {
            store
                .add_key(tenant, key, scopes, &[hotel.to_owned()])
                .await
                .unwrap();
        }
    }
    store
}

/// A gateway serving on a free port.
pub(crate) struct TestGateway {
    pub(crate) base: String,
    pub(crate) gateway: Gateway,
    client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
}

impl TestGateway {
    pub(crate) async fn start(sandbox: &EmbeddedSandbox, store: Store) -> Self {
        Self::start_with(sandbox, store, GatewaySettings::default()).await
    }

    pub(crate) async fn start_with(
        sandbox: &EmbeddedSandbox,
        store: Store,
        settings: GatewaySettings,
    ) -> Self {
        Self::start_with_clock(sandbox, store, settings, Arc::new(clock::SystemClock)).await
    }

    /// A gateway whose privacy records (audit times, retention, due dates) read `clock`.
    pub(crate) async fn start_with_clock(
        sandbox: &EmbeddedSandbox,
        store: Store,
        settings: GatewaySettings,
        clock: clock::SharedClock,
    ) -> Self {
        let factory = ConnectorFactory::builtin(Arc::new(clock::SystemClock)).unwrap();
        let privacy = gateway::Privacy::new(
            store.clone(),
            gateway::PrivacyKeys::random().unwrap(),
            gateway::PrivacySettings::default(),
            clock,
        );
        let gateway = Gateway::new(
            store,
            sandbox.hotels(),
            factory,
            sandbox.secrets(),
            prometheus::Registry::new(),
            settings,
            privacy,
            serde_json::Value::Null,
        )
        .unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let handle = gateway.clone();
        tokio::spawn(async move {
            gateway
                .serve(listener, async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
        });
        let gw = Self {
            base,
            gateway: handle,
            client: reqwest::Client::new(),
            stop: Some(stop),
        };
        // The worker's first readiness probe calls the PMS: let it finish before a test
        // injects faults.
        for _ in 0..200 {
            if gw.get("/readyz", "").await.status() == 200 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        gw
    }

    pub(crate) fn request(&self, method: Method, path: &str, key: Option<&str>) -> RequestBuilder {
        let builder = self.client.request(method, format!("{}{path}", self.base));
        match key {
            Some(key) => builder.bearer_auth(key),
            None => builder,
        }
    }

    pub(crate) async fn get(&self, path: &str, key: &str) -> Response {
        self.request(Method::GET, path, Some(key))
            .send()
            .await
            .unwrap()
    }

    pub(crate) async fn book(&self, hotel: &str, key: &str, idem: &str, body: &Value) -> Response {
        self.request(
            Method::POST,
            &format!("/v1/hotels/{hotel}/reservations"),
            Some(key),
        )
        .header("Idempotency-Key", idem)
        .json(body)
        .send()
        .await
        .unwrap()
    }
}

impl Drop for TestGateway {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// (arrival, departure) `days` from today, two nights.
pub(crate) fn dates(days: u64) -> (String, String) {
    let today = Utc::now().date_naive();
    let arrival = today.checked_add_days(Days::new(days)).unwrap();
    let departure = arrival.checked_add_days(Days::new(2)).unwrap();
    (arrival.to_string(), departure.to_string())
}

pub(crate) fn booking(hotel: &str, days: u64, last_name: &str) -> Value {
    let (arrival, departure) = dates(days);
    json!({
        "arrival": arrival,
        "departure": departure,
        "adults": 2,
        "room_type": format!("{hotel}-DBL"),
        "rate_plan": format!("{hotel}-FLEX-DBL"),
        "guest": {
            "first_name": "Ada",
            "last_name": last_name,
            "email": "ada@example.com",
            "phone": "+4930123456",
            "language": "en"
        }
    })
}

/// Asserts a problem response and returns its body.
pub(crate) async fn problem(response: Response, status: u16, code: &str) -> Value {
    assert_eq!(response.status().as_u16(), status, "status for {code}");
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status);
    body
}

/// Drops a test schema (best effort: a failed test leaves its schema for inspection).
pub(crate) async fn drop_schema(schema: &str) {
    let pool = sqlx::PgPool::connect(PG_URL).await.unwrap();
    sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
}

/// A `[privacy]` table whose keys are files under `dir` (what a database other than the
/// embedded one needs).
pub(crate) fn privacy_toml(dir: &std::path::Path) -> String {
    std::fs::create_dir_all(dir).unwrap();
    let pseudonym = dir.join("pseudonym.key");
    let signing = dir.join("audit-signing.key");
    std::fs::write(&pseudonym, "test-pseudonym-key-0123456789abcdef0123").unwrap();
    std::fs::write(&signing, "17".repeat(32)).unwrap();
    format!(
        "\n[privacy]\npseudonym_key = \"file:{}\"\naudit_signing_key = \"file:{}\"\n",
        pseudonym.display(),
        signing.display()
    )
}

/// A `[[hotels]]` entry `id` for the sandbox's BER, its credentials in files under `dir`, and
/// a tenant `acme` whose read-only key has the hash `key_hash`.
pub(crate) fn configured_hotel_toml(
    running: &apaleo_sandbox::RunningSandbox,
    dir: &std::path::Path,
    id: &str,
    key_hash: &str,
) -> String {
    std::fs::create_dir_all(dir).unwrap();
    let id_file = dir.join("client_id");
    let secret_file = dir.join("client_secret");
    std::fs::write(&id_file, running.client_id()).unwrap();
    std::fs::write(&secret_file, running.client_secret()).unwrap();
    format!(
        r#"
[[hotels]]
id = "{id}"
vendor = "apaleo"
property = "BER"
live = false
endpoints = {{ api = "{api}", identity = "{identity}" }}
credentials = {{ client_id = "file:{id_file}", client_secret = "file:{secret_file}" }}

[[tenants]]
id = "acme"
[[tenants.keys]]
key_sha256 = "{key_hash}"
scopes = ["pms:read"]
hotels = ["{id}"]
"#,
        api = running.base_url(),
        identity = running.identity_url(),
        id_file = id_file.display(),
        secret_file = secret_file.display(),
    )
}
