//! Latency of connector operations against the Apaleo sandbox, uncached (every call goes over
//! HTTP to the sandbox on loopback) and cached (answered by the resilient base's read cache),
//! through the stack the factory builds: resilient wrapper → Apaleo connector → HTTP client.
//! Run with `cargo bench -p pms-apaleo --bench latency`; prints p50/p99/mean per operation.

#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use apaleo_sandbox::{ApaleoSandbox, SandboxConfig};
use chrono::Days;
use clock::{SharedClock, SystemClock};
use pms_apaleo::{ApaleoConfig, ApaleoConnector};
use pms_contract::{Occupancy, OfferRequest, PmsConnector, Stay};
use pms_resilience::{CacheTtls, ResiliencePolicy, ResilientConnector};

fn report(label: &str, mut samples: Vec<Duration>) {
    samples.sort_unstable();
    let pct = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    let mean = samples.iter().sum::<Duration>() / samples.len() as u32;
    println!(
        "{label:<44} n={:<6} p50 {:>10.1} µs   p99 {:>10.1} µs   mean {:>10.1} µs",
        samples.len(),
        pct(0.50).as_secs_f64() * 1e6,
        pct(0.99).as_secs_f64() * 1e6,
        mean.as_secs_f64() * 1e6
    );
}

async fn time<F, Fut, T>(n: usize, mut call: F) -> Vec<Duration>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = T>,
{
    let mut samples = Vec::with_capacity(n);
    for _ in 0..n {
        let start = Instant::now();
        std::hint::black_box(call().await);
        samples.push(start.elapsed());
    }
    samples
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let sandbox = ApaleoSandbox::new(SandboxConfig::default())
            .start("127.0.0.1:0".parse().unwrap())
            .await
            .unwrap();
        let clock: SharedClock = Arc::new(SystemClock);
        let config = ApaleoConfig::new("BER")
            .with_api_base(sandbox.base_url())
            .with_identity_base(sandbox.identity_url());
        let connector: Arc<dyn PmsConnector> = Arc::new(
            ApaleoConnector::with_client_credentials(
                config,
                sandbox.client_id().to_owned(),
                sandbox.client_secret().to_owned().into(),
                clock.clone(),
            )
            .unwrap(),
        );
        // The same connector without the client-side rate limiter (Apaleo's 100 requests/s
        // would otherwise space uncached calls 10 ms apart and hide the latency).
        let fetcher = credentials::oauth2::ClientCredentials::new(
            &format!("{}/connect/token", sandbox.identity_url()),
            sandbox.client_id().to_owned(),
            sandbox.client_secret().to_owned().into(),
            credentials::oauth2::http_client(Duration::from_secs(5)).unwrap(),
        )
        .unwrap();
        let tokens = credentials::TokenCache::new(
            "apaleo",
            Arc::new(fetcher),
            clock.clone(),
            credentials::RefreshPolicy::default(),
        );
        let unlimited: Arc<dyn PmsConnector> = Arc::new(
            ApaleoConnector::new(
                ApaleoConfig::new("BER")
                    .with_api_base(sandbox.base_url())
                    .with_identity_base(sandbox.identity_url()),
                Arc::new(credentials::BearerAuth::new(tokens)),
                Arc::new(pms_http::Unlimited),
                clock.clone(),
            )
            .unwrap(),
        );
        let mut uncached_policy = ResiliencePolicy::interactive();
        uncached_policy.cache = CacheTtls::disabled();
        let uncached = ResilientConnector::new(
            connector.clone(),
            "bench",
            uncached_policy.clone(),
            clock.clone(),
        );
        let raw = ResilientConnector::new(unlimited, "bench", uncached_policy, clock.clone());
        let cached = ResilientConnector::new(
            connector.clone(),
            "bench",
            ResiliencePolicy::interactive(),
            clock.clone(),
        );

        let today = chrono::Utc::now().date_naive();
        let arrival = today + Days::new(30);
        let stay = Stay::new(arrival, arrival + Days::new(2)).unwrap();
        let offers = OfferRequest {
            stay,
            occupancy: Occupancy::adults(2).unwrap(),
        };
        // Warm up: token, connections.
        for _ in 0..50 {
            uncached.property().await.unwrap();
            cached.offers(&offers).await.unwrap();
        }

        for _ in 0..50 {
            raw.property().await.unwrap();
        }
        println!("Apaleo connector against the sandbox on loopback (2 worker threads)");
        report(
            "property, uncached, no client rate limit",
            time(1000, || raw.property()).await,
        );
        report(
            "room types, uncached, no client rate limit",
            time(1000, || raw.room_types()).await,
        );
        report(
            "availability, uncached, no client rate limit",
            time(1000, || raw.availability(&stay)).await,
        );
        report(
            "offers, uncached, no client rate limit",
            time(1000, || raw.offers(&offers)).await,
        );
        report(
            "property, uncached, Apaleo live limit",
            time(300, || uncached.property()).await,
        );
        report(
            "offers, uncached, Apaleo live limit",
            time(300, || uncached.offers(&offers)).await,
        );
        report("property, cached", time(20_000, || cached.property()).await);
        report(
            "availability, cached",
            time(20_000, || cached.availability(&stay)).await,
        );
        report(
            "offers, cached",
            time(20_000, || cached.offers(&offers)).await,
        );
        sandbox.shutdown().await;
    });
}
