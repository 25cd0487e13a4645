//! A load generator: cached `offers` through the gateway over HTTP, against calling the
//! connector in-process. Run with `cargo run --release -p gateway --example load [SECS] [CONC]`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Days, Utc};
use gateway::{EmbeddedSandbox, Gateway, GatewaySettings, Scope, Store};
use pms_contract::{Occupancy, OfferRequest, PmsConnector, Stay};
use pms_factory::ConnectorFactory;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report(out: &mut impl Write, name: &str, mut latencies: Vec<Duration>, elapsed: Duration) {
    latencies.sort();
    writeln!(
        out,
        "{name}: {} requests in {:.1}s = {:.0} req/s, p50 {:.3} ms, p99 {:.3} ms",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 0.5).as_secs_f64() * 1000.0,
        percentile(&latencies, 0.99).as_secs_f64() * 1000.0,
    )
    .unwrap();
}

const KEY: &str = "vh_bench_0123456789abcdef0123456789abcdef";

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let secs: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let concurrency: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(16);
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let store = Store::connect("sqlite::memory:", None).await.unwrap();
    store.ensure_tenant("bench", "Bench").await.unwrap();
    store
        .assign_hotels("bench", &["BER".to_owned()])
        .await
        .unwrap();
    store
        .add_key("bench", KEY, &[Scope::PmsRead], &["BER".to_owned()])
        .await
        .unwrap();
    let settings = GatewaySettings {
        rate_limit_per_second: 0,
        ..GatewaySettings::default()
    };
    let factory = ConnectorFactory::builtin(Arc::new(clock::SystemClock)).unwrap();
    let privacy = gateway::Privacy::new(
        store.clone(),
        gateway::PrivacyKeys::random().unwrap(),
        gateway::PrivacySettings::default(),
        Arc::new(clock::SystemClock),
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
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { gateway.serve(listener, std::future::pending()).await });

    let arrival = Utc::now()
        .date_naive()
        .checked_add_days(Days::new(30))
        .unwrap();
    let departure = arrival.checked_add_days(Days::new(2)).unwrap();
    let url = format!(
        "http://{addr}/v1/hotels/BER/offers?arrival={arrival}&departure={departure}&adults=2"
    );
    let mut out = std::io::stdout();

    // In-process baseline: the same guarded, cached connector without HTTP.
    let direct = ConnectorFactory::builtin(Arc::new(clock::SystemClock))
        .unwrap()
        .with_secrets(sandbox.secrets())
        .build(&sandbox.hotels()[0])
        .unwrap();
    let request = OfferRequest {
        stay: Stay::new(arrival, departure).unwrap(),
        occupancy: Occupancy::adults(2).unwrap(),
    };
    direct.connector.offers(&request).await.unwrap();
    let start = Instant::now();
    let mut latencies = Vec::new();
    while start.elapsed() < Duration::from_secs(2) {
        let t = Instant::now();
        direct.connector.offers(&request).await.unwrap();
        latencies.push(t.elapsed());
    }
    report(
        &mut out,
        "in-process connector (cached)",
        latencies,
        start.elapsed(),
    );

    // Through the gateway.
    let client = reqwest::Client::new();
    let warm = client.get(&url).bearer_auth(KEY).send().await.unwrap();
    assert_eq!(warm.status(), 200);
    let start = Instant::now();
    let deadline = start + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let client = client.clone();
        let url = url.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while Instant::now() < deadline {
                let t = Instant::now();
                let response = client.get(&url).bearer_auth(KEY).send().await.unwrap();
                assert_eq!(response.status(), 200);
                let _ = response.bytes().await.unwrap();
                latencies.push(t.elapsed());
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    report(
        &mut out,
        &format!("gateway over HTTP, {concurrency} connections (cached offers)"),
        all,
        start.elapsed(),
    );
}
