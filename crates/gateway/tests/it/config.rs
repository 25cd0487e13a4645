//! `gateway::start` from a configuration file: configured hotels and tenants, and errors.

use gateway::{ServeConfig, ServerOverrides};

use crate::harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configured_hotels_and_tenants_serve() {
    let sandbox = gateway::EmbeddedSandbox::start().await.unwrap();
    let running = sandbox.running();
    let dir = std::env::temp_dir().join(format!("gateway-config-{}", std::process::id()));
    let key_hash = gateway::auth::hash_key("vh_configured_key_0123456789abcdef0123");
    let text = format!(
        "[server]\ndatabase_url = \"sqlite::memory:\"\n{}",
        configured_hotel_toml(running, &dir, "berlin", &key_hash)
    );
    let path = dir.join("voicehive.toml");
    std::fs::write(&path, text).unwrap();
    let overrides = ServerOverrides {
        addr: "127.0.0.1:0".parse().ok(),
        ..ServerOverrides::default()
    };
    let config = ServeConfig::load(Some(&path), overrides).unwrap();
    assert!(!config.sandbox_mode());
    let started = gateway::start(&config, None).await.unwrap();
    assert!(started.demo.is_none() && started.sandbox.is_none());
    let listener = tokio::net::TcpListener::bind(config.addr).await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let gateway = started.gateway;
    tokio::spawn(async move { gateway.serve(listener, std::future::pending()).await });
    let client = reqwest::Client::new();
    let hotel = client
        .get(format!("{base}/v1/hotels/berlin"))
        .bearer_auth("vh_configured_key_0123456789abcdef0123")
        .send()
        .await
        .unwrap();
    assert_eq!(hotel.status(), 200);
    let hotel: serde_json::Value = hotel.json().await.unwrap();
    assert_eq!(hotel["property"]["id"], "BER");
    let booking = client
        .post(format!("{base}/v1/hotels/berlin/reservations"))
        .bearer_auth("vh_configured_key_0123456789abcdef0123")
        .header("Idempotency-Key", "k")
        .json(&booking("BER", 30, "Read-only"))
        .send()
        .await
        .unwrap();
    problem(booking, 403, "forbidden").await;
}

#[test]
fn invalid_configuration_names_the_key() {
    let dir = std::env::temp_dir().join(format!("gateway-config-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        ("[server]\nrequest_timeout_secs = \"soon\"\n", "line 2"),
        (
            "[[hotels]]\nid = \"x\"\nvendor = \"apaleo\"\nproperty = \"BER\"\nlive = false\ncredentials = { client_id = \"nowhere:x\" }\n",
            "hotel.credentials.client_id",
        ),
        (
            "[[tenants]]\nid = \"t\"\n[[tenants.keys]]\nkey_env = \"VOICEHIVE_TEST_UNSET_KEY\"\nscopes = []\nhotels = []\n",
            "tenants[0].keys[0].key_env",
        ),
        ("[[hotels]]\nid = \"x\"\n", "hotels[0]"),
        (
            "[server]\nredis_url = \"localhost:6379\"\n",
            "server.redis_url",
        ),
    ];
    for (i, (text, expected)) in cases.iter().enumerate() {
        let path = dir.join(format!("bad{i}.toml"));
        std::fs::write(&path, text).unwrap();
        let error = ServeConfig::load(Some(&path), ServerOverrides::default())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains(expected), "{expected}: {error}");
        assert!(error.contains("bad"), "names the file: {error}");
    }
    let missing = ServeConfig::load(Some(&dir.join("missing.toml")), ServerOverrides::default());
    assert!(missing.is_err());
}

#[tokio::test]
async fn vault_needs_its_token() {
    let text = "[vault]\naddr = \"http://127.0.0.1:8200\"\ntoken_env = \"VOICEHIVE_TEST_UNSET_VAULT_TOKEN\"\n\n[[hotels]]\nid = \"x\"\nvendor = \"reference\"\nproperty = \"BER\"\nlive = false\n";
    let config = ServeConfig::from_toml(text, "vault.toml", ServerOverrides::default()).unwrap();
    let error = config
        .secret_stores()
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(error.contains("vault.token_env"), "{error}");
    assert!(error.contains("vault.toml"), "{error}");
}
