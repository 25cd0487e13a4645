//! Apaleo hotels built from hotel files, against the sandbox, as `voicehive golden` runs them.

use std::sync::Arc;

use apaleo_sandbox::{ApaleoSandbox, RunningSandbox, SandboxConfig};
use pms_contract::{ErrorKind, PmsConnector};
use pms_factory::{ConnectorFactory, FactoryHarness, HotelConfig};
use pms_golden::{GoldenHarness, Outcome, Scenario, run_suite};

async fn sandbox() -> RunningSandbox {
    ApaleoSandbox::new(SandboxConfig::default())
        .start("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap()
}

/// A hotel file for `property` on `sandbox`, its credentials in files.
fn hotel(sandbox: &RunningSandbox, property: &str, secret: &str) -> HotelConfig {
    let dir = std::env::temp_dir().join(format!(
        "voicehive-apaleo-{}-{}",
        std::process::id(),
        fastrand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("id"), sandbox.client_id()).unwrap();
    std::fs::write(dir.join("secret"), secret).unwrap();
    HotelConfig::from_toml(
        &format!(
            r#"
[hotel]
id = "apaleo-{property}"
vendor = "apaleo"
property = "{property}"
live = false

[hotel.endpoints]
api = "{api}"
identity = "{identity}"

[hotel.credentials]
client_id = "file:{id}"
client_secret = "file:{secret}"
"#,
            api = sandbox.base_url(),
            identity = sandbox.identity_url(),
            id = dir.join("id").display(),
            secret = dir.join("secret").display(),
        ),
        "apaleo.toml",
    )
    .unwrap()
}

fn fastrand_suffix() -> u64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
}

fn factory() -> ConnectorFactory {
    ConnectorFactory::builtin(Arc::new(clock::SystemClock)).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_apaleo_hotel_file_builds_a_working_connector() {
    let sandbox = sandbox().await;
    let config = hotel(&sandbox, "ZRH", sandbox.client_secret());
    let built = factory().build(&config).unwrap();
    let property = built.connector.property().await.unwrap();
    assert_eq!(property.currency.code(), "CHF");
    assert_eq!(
        property.live,
        Some(false),
        "the sandbox's properties have status Test"
    );
    assert_eq!(built.connector.vendor(), "apaleo");
    // Narrowed by Apaleo's capability matrix entry, which has no unsupported capability today.
    for capability in [
        pms_contract::Capability::SearchByEmail,
        pms_contract::Capability::SearchByPhone,
    ] {
        assert!(built.capabilities().contains(capability), "{capability}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_or_missing_credentials_are_clear_errors() {
    let sandbox = sandbox().await;
    let config = hotel(&sandbox, "BER", "not-the-secret");
    let err = factory()
        .build(&config)
        .unwrap()
        .connector
        .property()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Authentication, "{err}");
    let mut config = hotel(&sandbox, "BER", sandbox.client_secret());
    config.credentials.remove("client_secret");
    let err = factory().build(&config).unwrap_err().to_string();
    assert!(
        err.contains("hotel.credentials.client_secret is required for apaleo"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_contract_suite_passes_through_the_factory_against_the_sandbox() {
    let sandbox = sandbox().await;
    let config = hotel(&sandbox, "BER", sandbox.client_secret());
    let harness = FactoryHarness::new(factory(), config).exclusive(true);
    // "Not found" is tested with an id of Apaleo's own shape, as the descriptor gives it.
    let fixture = harness.fixture().await.unwrap();
    assert_eq!(
        fixture
            .unknown_reservation_id
            .as_ref()
            .map(|id| id.as_str()),
        Some(pms_apaleo::UNKNOWN_RESERVATION_ID)
    );
    let report = run_suite(&harness, |_| true).await;
    assert!(report.is_success(), "{report}");
    for scenario in &report.scenarios {
        if let Outcome::Skipped(reason) = &scenario.outcome {
            assert!(
                reason.contains("fault injector"),
                "{}: {reason}",
                scenario.scenario
            );
        }
    }
    assert_eq!(
        report.outcome(Scenario::CreateReturnsConfirmedReservation),
        Some(&Outcome::Passed)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_redis_the_vendor_rate_limit_is_kept_in_redis_for_every_replica() {
    let sandbox = sandbox().await;
    let mut config = hotel(&sandbox, "BER", sandbox.client_secret());
    let account = format!("acct{}", fastrand_suffix());
    config.account = Some(account.clone());
    let client = redis::Client::open("redis://127.0.0.1:6379").unwrap();
    let factory = factory().with_redis(client.clone());
    let property = factory
        .build(&config)
        .unwrap()
        .connector
        .property()
        .await
        .unwrap();
    assert_eq!(property.id.as_str(), "BER");
    let mut connection = client.get_multiplexed_async_connection().await.unwrap();
    let exists: i64 = redis::cmd("EXISTS")
        .arg(format!("voicehive:ratelimit:apaleo:{account}"))
        .query_async(&mut connection)
        .await
        .unwrap();
    assert_eq!(exists, 1, "the account's budget lives in Redis");
    // The budget has the quota of the hotel's tier, like the local limiter: hotel files build
    // live-tier accounts (100 requests/s), so the two requests of `property()` moved the budget
    // by 2 x 10 ms and the key expires about 1 s after that (the dev quota, 200 ms a request,
    // would keep it for 1.4 s).
    let ttl: i64 = redis::cmd("PTTL")
        .arg(format!("voicehive:ratelimit:apaleo:{account}"))
        .query_async(&mut connection)
        .await
        .unwrap();
    assert!((900..=1100).contains(&ttl), "{ttl} ms");
}

/// The example hotel file, whose endpoints point at a sandbox on a fixed port.
fn example_hotel() -> HotelConfig {
    HotelConfig::from_toml(
        include_str!("../../../../examples/hotels/apaleo-sandbox.toml"),
        "apaleo-sandbox.toml",
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sandbox_runs_every_scenario_the_fault_scenarios_included() {
    let factory = ConnectorFactory::builtin(Arc::new(clock::SystemClock)).unwrap();
    let harness = FactoryHarness::new(factory, example_hotel());
    assert!(
        !harness.uses_sandbox(),
        "Apaleo's sandbox is used only when asked"
    );
    let harness = harness.sandbox().unwrap();
    let report = run_suite(&harness, |_| true).await;
    assert!(report.is_success(), "{report}");
    assert_eq!(report.skipped(), 0, "{report}");
    assert_eq!(report.passed(), Scenario::ALL.len(), "{report}");
}

#[test]
fn factory_and_connector_key_an_account_identically() {
    let clock: clock::SharedClock = Arc::new(clock::SystemClock);
    let redis = redis::Client::open("redis://127.0.0.1:1").unwrap();
    for account in [None, Some("ACME")] {
        let mut hotel = example_hotel();
        hotel.account = account.map(str::to_owned);
        let config = pms_apaleo::ApaleoConfig::from_hotel(&hotel);
        assert_eq!(config.account_key(), account.unwrap_or("BER"));
        assert_eq!(config.account_key(), hotel.account());
        // The breaker the factory gets for the hotel and the connector's rate limiter name
        // one account.
        assert_eq!(
            hotel.account_key(),
            format!("apaleo:{}", config.account_key())
        );
        assert_eq!(
            config
                .redis_rate_limiter(redis.clone(), clock.clone())
                .key(),
            format!("voicehive:ratelimit:{}", hotel.account_key())
        );
    }
}

#[test]
fn every_registered_vendor_but_the_reference_has_a_matrix_entry() {
    let factory = ConnectorFactory::builtin(Arc::new(clock::SystemClock)).unwrap();
    let vendors = factory.registry().vendors();
    assert!(vendors.contains(&"apaleo"), "{vendors:?}");
    for vendor in vendors {
        if vendor == pms_reference::VENDOR {
            assert!(factory.matrix().vendor(vendor).is_none());
            continue;
        }
        let entry = factory.matrix().vendor_id(vendor).unwrap();
        assert_eq!(
            factory.matrix().vendor(&entry).unwrap().connector,
            pms_capabilities::ConnectorStatus::Available,
            "{vendor}"
        );
    }
}
