//! The connector against Mews's public demo platform (never in CI).
//!
//! Runs only with the `demo-platform` feature, which nothing in CI enables, and reads where to
//! go from the environment (the tokens are published in Mews's documentation,
//! `connector-api/guidelines/environments.md` of <https://github.com/MewsSystems/open-api-docs>):
//!
//! ```sh
//! MEWS_DEMO_API=https://api.mews-demo.com MEWS_DEMO_CLIENT_TOKEN=… MEWS_DEMO_ACCESS_TOKEN=… \
//!   cargo test -p pms-mews --features demo-platform --test demo -- --nocapture
//! ```
//!
//! Read operations only: the demo enterprises are shared by every developer. A missing variable
//! fails the test with its name.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stderr)]

use std::sync::Arc;

use chrono::{Days, Utc};
use clock::{SharedClock, SystemClock};
use credentials::{EnvStore, SecretRef};
use pms_contract::{Occupancy, OfferRequest, PmsConnector, Stay};
use pms_http::{LocalRateLimiter, RateLimiter};
use pms_mews::{MewsConfig, MewsConnector, MewsTokens, mews_quota};

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!(
            "{name} is not set: this test runs against Mews's demo platform (see the file's doc)"
        )
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_connector_reads_a_demo_enterprise() {
    let api = var("MEWS_DEMO_API");
    let client_token = var("MEWS_DEMO_CLIENT_TOKEN");
    let access_token = var("MEWS_DEMO_ACCESS_TOKEN");
    // The enterprise the access token belongs to.
    let configuration: serde_json::Value = reqwest::Client::new()
        .post(format!("{api}/api/connector/v1/configuration/get"))
        .json(&serde_json::json!({
            "ClientToken": client_token,
            "AccessToken": access_token,
            "Client": pms_mews::CLIENT,
        }))
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .json()
        .await
        .unwrap();
    let enterprise = configuration["Enterprise"]["Id"]
        .as_str()
        .unwrap()
        .to_owned();

    let clock: SharedClock = Arc::new(SystemClock);
    let tokens = MewsTokens::new(
        Arc::new(EnvStore::new()),
        SecretRef::Env {
            var: "MEWS_DEMO_CLIENT_TOKEN".into(),
        },
        SecretRef::Env {
            var: "MEWS_DEMO_ACCESS_TOKEN".into(),
        },
        clock.clone(),
    );
    let limiter: Arc<dyn RateLimiter> =
        Arc::new(LocalRateLimiter::new(mews_quota(), clock.clone()));
    let pms = MewsConnector::new(
        MewsConfig::new(enterprise).with_api_base(api),
        tokens,
        limiter,
        clock,
    )
    .unwrap();

    let property = pms.property().await.unwrap();
    eprintln!(
        "demo enterprise: {} ({}, {})",
        property.name, property.time_zone, property.currency
    );
    let room_types = pms.room_types().await.unwrap();
    assert!(!room_types.is_empty(), "the demo enterprise has room types");
    let arrival = Utc::now()
        .date_naive()
        .checked_add_days(Days::new(30))
        .unwrap();
    let departure = arrival.checked_add_days(Days::new(2)).unwrap();
    let stay = Stay::new(arrival, departure).unwrap();
    let availability = pms.availability(&stay).await.unwrap();
    assert_eq!(
        availability.len(),
        room_types.len() * 2,
        "one entry per night and room type"
    );
    let offers = pms
        .offers(&OfferRequest {
            stay,
            occupancy: Occupancy::adults(1).unwrap(),
        })
        .await
        .unwrap();
    for offer in &offers {
        let sum: rust_decimal::Decimal = offer.nightly.iter().map(|n| n.amount.amount()).sum();
        assert_eq!(offer.total.amount(), sum, "{:?}", offer.rate_plan);
    }
    eprintln!(
        "{} room types, {} availability entries, {} offers",
        room_types.len(),
        availability.len(),
        offers.len()
    );
}
