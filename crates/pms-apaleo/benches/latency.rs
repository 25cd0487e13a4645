//! Latency and throughput of Apaleo reads through the stack `voicehive serve` builds for a
//! hotel, against the in-process Apaleo sandbox on loopback, with baselines measured in the
//! same run. Run with `cargo bench -p pms-apaleo --bench latency`; figures and how to read them
//! are in `benches/README.md`.
//!
//! **The stack** is what `gateway::Gateway::new` hands out: [`ConnectorFactory::builtin`] with
//! the resilience, vendor-HTTP and credential metrics registered on a Prometheus registry,
//! secrets resolved by a store holding the sandbox's client credentials (as the gateway's
//! sandbox mode does), the default resilience policy (interactive, read cache on), the Apaleo
//! live quota (100 requests/s, bursts of 200) kept in this process (no Redis), and
//! `factory.build(hotel).connector`: guard → resilient base → Apaleo connector → HTTP client.
//! The production log subscriber is installed first (`pii::logging::init_json_with_writer`,
//! the binary's `init_json` with a file instead of stderr: level from `VOICEHIVE_LOG`, default
//! `info`, JSON lines, every line redacted), writing to `target/tmp/`.
//!
//! **Baselines**, measured in the same run against the same sandbox:
//! - *sandbox*: the same GET by a bare `reqwest` client with a bearer token (the sandbox's own
//!   latency over loopback, no connector);
//! - *vendor*: the Apaleo connector as its descriptor builds it (`factory.build_vendor`: same
//!   rate limiter, HTTP client, token cache and metrics), called directly, without the
//!   resilient base and the guard.
//!
//! **Checks**: every call's result is checked (an error, an HTTP status other than 200 or an
//! empty answer panics, so the bench fails rather than timing a failure as fast); the vendor
//! HTTP requests counted by the metrics must match the calls that should miss the cache; no
//! call may wait for the rate limiter more than 1 ms in the sections run at the live quota.
//!
//! Sections:
//! 1. *Latency at the live quota*: one caller, 30 rounds/s; each round asks the sandbox, the
//!    vendor connector and the stack the same question about a stay not asked before (so the
//!    stack's read cache misses), in rotating order. 60 limited requests/s against a quota of
//!    100/s: the limiter never makes a call wait.
//! 2. *Cache hits*: the stack answering the same question from its read cache, one caller.
//! 3. *Throughput*: 8 concurrent callers for a fixed time, distinct stays (cache misses) or one
//!    stay (cache hits). A closed loop offers far more than 100 requests/s, so this section
//!    builds the stack on a second factory whose account limiter was registered first with a
//!    quota of 1,000,000/s (`BuildContext::rate_limiter`, first registration wins): the one
//!    departure from production, so that the limiter runs (its cost included) without
//!    binding.

#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use apaleo_sandbox::{ApaleoSandbox, RunningSandbox, SandboxConfig};
use async_trait::async_trait;
use chrono::{Days, NaiveDate};
use clock::{SharedClock, SystemClock};
use credentials::{CredentialError, CredentialMetrics, SecretRef, SecretStore, SecretString};
use pms_contract::{Occupancy, OfferRequest, PmsConnector, PropertyId, SharedConnector, Stay};
use pms_factory::{ConnectorFactory, Endpoints, HotelConfig};
use pms_http::{HttpMetrics, Quota};
use pms_resilience::ResilienceMetrics;
use prometheus::Registry;

/// The sandbox's client credentials, held in memory under their references (as the gateway's
/// sandbox mode holds them).
#[derive(Debug)]
struct SandboxSecrets(BTreeMap<String, String>);

#[async_trait]
impl SecretStore for SandboxSecrets {
    async fn get(&self, reference: &SecretRef) -> Result<SecretString, CredentialError> {
        self.0
            .get(&reference.to_string())
            .map(|v| SecretString::from(v.clone()))
            .ok_or_else(|| CredentialError::NotFound {
                reference: reference.to_string(),
            })
    }
}

/// A factory built as `gateway::Gateway::new` builds it, its registry and the hotel.
struct Production {
    factory: ConnectorFactory,
    registry: Registry,
    hotel: HotelConfig,
}

fn production(sandbox: &RunningSandbox, clock: SharedClock) -> Production {
    let id_ref = SecretRef::Env {
        var: "BENCH_APALEO_CLIENT_ID".to_owned(),
    };
    let secret_ref = SecretRef::Env {
        var: "BENCH_APALEO_CLIENT_SECRET".to_owned(),
    };
    let secrets = SandboxSecrets(BTreeMap::from([
        (id_ref.to_string(), sandbox.client_id().to_owned()),
        (secret_ref.to_string(), sandbox.client_secret().to_owned()),
    ]));
    let registry = Registry::new();
    let factory = ConnectorFactory::builtin(clock)
        .expect("the built-in factory")
        .with_secrets(Arc::new(secrets))
        .with_metrics(ResilienceMetrics::register(&registry).unwrap())
        .with_http_metrics(HttpMetrics::register(&registry).unwrap())
        .with_credential_metrics(CredentialMetrics::register(&registry).unwrap());
    let hotel = HotelConfig {
        id: "BER".to_owned(),
        vendor: "apaleo".to_owned(),
        property: PropertyId::new("BER").unwrap(),
        account: Some("sandbox".to_owned()),
        live: false,
        endpoints: Endpoints {
            api: Some(sandbox.base_url()),
            identity: Some(sandbox.identity_url()),
        },
        credentials: BTreeMap::from([
            ("client_id".to_owned(), id_ref),
            ("client_secret".to_owned(), secret_ref),
        ]),
        capabilities: BTreeMap::new(),
    };
    Production {
        factory,
        registry,
        hotel,
    }
}

/// A sample of a metric family from the registry's text exposition, summed over its series
/// whose label set contains every `label` (e.g. `le="0.001"`).
fn metric(registry: &Registry, name: &str, labels: &[&str]) -> f64 {
    let text = prometheus::TextEncoder::new()
        .encode_to_string(&registry.gather())
        .unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (series, value) = l.rsplit_once(' ')?;
            let (metric_name, rest) = series.split_once('{').unwrap_or((series, ""));
            (metric_name == name && labels.iter().all(|label| rest.contains(label)))
                .then(|| value.parse::<f64>().ok())?
        })
        .sum()
}

fn http_requests(registry: &Registry) -> u64 {
    metric(registry, "voicehive_pms_http_requests_total", &[]) as u64
}

/// Rate-limiter acquisitions and those that waited more than 1 ms.
fn limiter_waits(registry: &Registry) -> (u64, u64) {
    let name = "voicehive_pms_rate_limit_wait_seconds";
    let count = metric(registry, &format!("{name}_count"), &[]) as u64;
    let quick = metric(registry, &format!("{name}_bucket"), &["le=\"0.001\""]) as u64;
    (count, count - quick)
}

/// The sandbox asked directly: a bare HTTP client with a bearer token.
struct Bare {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Bare {
    async fn new(sandbox: &RunningSandbox) -> Self {
        let http = reqwest::Client::new();
        let body = format!(
            "grant_type=client_credentials&client_id={}&client_secret={}",
            sandbox.client_id(),
            sandbox.client_secret()
        );
        let answer: serde_json::Value = http
            .post(format!("{}/connect/token", sandbox.identity_url()))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap()
            .error_for_status()
            .unwrap()
            .json()
            .await
            .unwrap();
        Self {
            http,
            base: sandbox.base_url(),
            token: answer["access_token"].as_str().unwrap().to_owned(),
        }
    }

    /// The GET the connector makes for `op`; checks the status and that the body is not empty.
    async fn get(&self, op: Op, stay: &Stay) {
        let (path, query) = match op {
            Op::Availability => (
                "/availability/v1/unit-groups",
                vec![
                    ("propertyId", "BER".to_owned()),
                    ("from", stay.arrival().to_string()),
                    ("to", stay.departure().pred_opt().unwrap().to_string()),
                    ("unitGroupTypes", "BedRoom".to_owned()),
                ],
            ),
            Op::Offers => (
                "/booking/v1/offers",
                vec![
                    ("propertyId", "BER".to_owned()),
                    ("arrival", stay.arrival().to_string()),
                    ("departure", stay.departure().to_string()),
                    ("adults", "2".to_owned()),
                    ("channelCode", "Direct".to_owned()),
                    ("unitGroupTypes", "BedRoom".to_owned()),
                ],
            ),
        };
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .query(&query)
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "sandbox {op:?}");
        let body = response.bytes().await.unwrap();
        assert!(body.len() > 2, "sandbox {op:?}: empty answer");
    }
}

#[derive(Debug, Clone, Copy)]
enum Op {
    Availability,
    Offers,
}

/// Asks `pms` `op` about `stay`; panics on an error or an empty answer.
async fn ask(pms: &dyn PmsConnector, op: Op, stay: &Stay) {
    match op {
        Op::Availability => {
            let days = pms.availability(stay).await.unwrap();
            assert!(!days.is_empty(), "availability: empty answer");
            std::hint::black_box(days);
        }
        Op::Offers => {
            let request = OfferRequest {
                stay: *stay,
                occupancy: Occupancy::adults(2).unwrap(),
            };
            let offers = pms.offers(&request).await.unwrap();
            assert!(!offers.is_empty(), "offers: empty answer");
            std::hint::black_box(offers);
        }
    }
}

/// Distinct stays from `first` days ahead: every arrival in `[first, first + n)`, 2 nights.
fn stays(first: u64, n: usize) -> Vec<Stay> {
    let today = chrono::Utc::now().date_naive();
    (0..n as u64)
        .map(|i| stay_at(today, first + i, 2))
        .collect()
}

fn stay_at(today: NaiveDate, ahead: u64, nights: u64) -> Stay {
    let arrival = today + Days::new(ahead);
    Stay::new(arrival, arrival + Days::new(nights)).unwrap()
}

#[derive(Debug, Default)]
struct Stats {
    samples: Vec<Duration>,
}

impl Stats {
    fn line(&mut self, label: &str, extra: &str) {
        let s = &mut self.samples;
        s.sort_unstable();
        let pct = |p: f64| s[((s.len() as f64 * p) as usize).min(s.len() - 1)];
        let mean = s.iter().sum::<Duration>() / s.len() as u32;
        println!(
            "  {label:<40} n={:<6} p50 {:>8.1} µs  p99 {:>8.1} µs  mean {:>8.1} µs{extra}",
            s.len(),
            pct(0.50).as_secs_f64() * 1e6,
            pct(0.99).as_secs_f64() * 1e6,
            mean.as_secs_f64() * 1e6
        );
    }
}

async fn timed<Fut: Future<Output = ()>>(stats: &mut Stats, call: Fut) {
    let start = Instant::now();
    call.await;
    stats.samples.push(start.elapsed());
}

const ROUNDS: usize = 300;
const ROUND_EVERY: Duration = Duration::from_millis(33);

/// Section 1: one round every 33 ms; each round the sandbox, the vendor connector and the
/// stack answer the same new question, in rotating order.
async fn at_live_quota(
    op: Op,
    first: u64,
    bare: &Bare,
    vendor: &dyn PmsConnector,
    stack: &dyn PmsConnector,
    registry: &Registry,
) {
    let (mut s, mut v, mut f) = (Stats::default(), Stats::default(), Stats::default());
    let requests_before = http_requests(registry);
    let (acquired_before, waited_before) = limiter_waits(registry);
    let mut ticks = tokio::time::interval(ROUND_EVERY);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    for (i, stay) in stays(first, ROUNDS).iter().enumerate() {
        ticks.tick().await;
        for k in 0..3 {
            match (i + k) % 3 {
                0 => timed(&mut s, bare.get(op, stay)).await,
                1 => timed(&mut v, ask(vendor, op, stay)).await,
                _ => timed(&mut f, ask(stack, op, stay)).await,
            }
        }
    }
    let requests = http_requests(registry) - requests_before;
    let (acquired, waited) = limiter_waits(registry);
    let (acquired, waited) = (acquired - acquired_before, waited - waited_before);
    assert!(
        requests >= 2 * ROUNDS as u64,
        "{op:?}: {requests} vendor HTTP requests; every vendor call and every stack miss makes one"
    );
    assert_eq!(waited, 0, "{op:?}: calls waited for the rate limiter");
    println!("{op:?}, cache misses (a new stay each round):");
    s.line("sandbox (bare HTTP client): baseline", "");
    v.line("vendor connector directly: baseline", "");
    f.line(
        "the factory's stack",
        &format!(
            "   (vendor HTTP requests {requests}, limiter waits > 1 ms: {waited} of {acquired})"
        ),
    );
}

/// Section 2: the stack answering one question from its read cache.
async fn cache_hits(op: Op, stack: &dyn PmsConnector, registry: &Registry) {
    let stay = stays(20, 1)[0];
    ask(stack, op, &stay).await;
    let before = http_requests(registry);
    let mut hits = Stats::default();
    for _ in 0..20_000 {
        timed(&mut hits, ask(stack, op, &stay)).await;
    }
    assert_eq!(
        http_requests(registry),
        before,
        "{op:?}: a cache hit went to the vendor"
    );
    hits.line(&format!("{op:?}, the factory's stack, cache hit"), "");
}

const CALLERS: usize = 8;
const FOR: Duration = Duration::from_secs(5);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Bare,
    Vendor,
    Stack,
}

/// Section 3: `CALLERS` tasks asking for `FOR`; distinct stays unless `one_stay`.
async fn throughput(
    label: &str,
    op: Op,
    target: Target,
    one_stay: bool,
    pms: (&Arc<Bare>, &SharedConnector, &SharedConnector),
    registry: &Registry,
) -> f64 {
    let today = chrono::Utc::now().date_naive();
    let next = Arc::new(AtomicUsize::new(0));
    if one_stay {
        // The one miss, before the clock starts (the cache does not merge concurrent misses).
        ask(pms.2.as_ref(), op, &stay_at(today, 20, 2)).await;
    }
    let requests_before = http_requests(registry);
    let started = Instant::now();
    let tasks: Vec<_> = (0..CALLERS)
        .map(|_| {
            let (bare, vendor, stack) = (pms.0.clone(), pms.1.clone(), pms.2.clone());
            let next = next.clone();
            tokio::spawn(async move {
                let mut stats = Stats::default();
                while started.elapsed() < FOR {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    // 1,500 arrivals × 3 lengths: far more stays than the cache's 512 entries.
                    let stay = if one_stay {
                        stay_at(today, 20, 2)
                    } else {
                        stay_at(today, 40 + (n % 1500) as u64, 1 + (n / 1500 % 3) as u64)
                    };
                    match target {
                        Target::Bare => timed(&mut stats, bare.get(op, &stay)).await,
                        Target::Vendor => timed(&mut stats, ask(vendor.as_ref(), op, &stay)).await,
                        Target::Stack => timed(&mut stats, ask(stack.as_ref(), op, &stay)).await,
                    }
                    // A cache hit never waits, so a caller looping on hits would keep its
                    // worker thread and starve the miss in flight (as a gateway's request
                    // handlers do not: they wait on their sockets between calls).
                    tokio::task::yield_now().await;
                }
                stats.samples
            })
        })
        .collect();
    let mut all = Stats::default();
    for task in tasks {
        all.samples.extend(task.await.unwrap());
    }
    let elapsed = started.elapsed();
    let calls = all.samples.len();
    let rate = calls as f64 / elapsed.as_secs_f64();
    let requests = http_requests(registry) - requests_before;
    let note = match target {
        Target::Bare => String::new(),
        _ => format!(
            "   vendor HTTP requests per call {:.3}",
            requests as f64 / calls as f64
        ),
    };
    if target == Target::Stack && one_stay {
        assert_eq!(requests, 0, "{op:?}: cache hits went to the vendor");
    } else if target != Target::Bare {
        // A stay repeats only after 4,500 calls, long evicted from a 512-entry cache.
        assert!(
            requests as f64 >= 0.99 * calls as f64,
            "{op:?}: {requests} vendor requests for {calls} calls that should miss"
        );
    }
    all.line(label, &format!("   {rate:>8.0} calls/s{note}"));
    rate
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let log_path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("apaleo-latency.log");
    let log = std::fs::File::create(&log_path).unwrap();
    pii::logging::init_json_with_writer("VOICEHIVE_LOG", Arc::new(log)).unwrap();
    runtime.block_on(async {
        let sandbox = ApaleoSandbox::new(SandboxConfig::default())
            .start("127.0.0.1:0".parse().unwrap())
            .await
            .unwrap();
        let clock: SharedClock = Arc::new(SystemClock);

        // The stack at the live quota.
        let live = production(&sandbox, clock.clone());
        let stack = live.factory.build(&live.hotel).unwrap().shared();
        let vendor = live.factory.build_vendor(&live.hotel).unwrap();
        let bare = Arc::new(Bare::new(&sandbox).await);
        // Warm up (tokens, connections) on stays the sections do not ask about.
        for stay in stays(1000, 20) {
            for op in [Op::Availability, Op::Offers] {
                bare.get(op, &stay).await;
                ask(vendor.as_ref(), op, &stay).await;
                ask(stack.as_ref(), op, &stay).await;
            }
            tokio::time::sleep(Duration::from_millis(40)).await;
        }

        println!(
            "Apaleo reads against the in-process sandbox on loopback; 2 worker threads; log \
             subscriber: pii::logging JSON, level {}",
            std::env::var("VOICEHIVE_LOG").unwrap_or_else(|_| "info (default)".to_owned())
        );
        println!(
            "\n1. Latency at the live quota (100 requests/s, bursts 200): one caller, {} rounds, \
             one every {} ms",
            ROUNDS,
            ROUND_EVERY.as_millis()
        );
        at_live_quota(
            Op::Availability,
            100,
            &bare,
            vendor.as_ref(),
            stack.as_ref(),
            &live.registry,
        )
        .await;
        at_live_quota(
            Op::Offers,
            500,
            &bare,
            vendor.as_ref(),
            stack.as_ref(),
            &live.registry,
        )
        .await;

        println!("\n2. Cache hits, one caller");
        cache_hits(Op::Availability, stack.as_ref(), &live.registry).await;
        cache_hits(Op::Offers, stack.as_ref(), &live.registry).await;

        // The stack with the account's limiter registered first at 1,000,000 requests/s.
        let raised = production(&sandbox, clock.clone());
        raised
            .factory
            .context()
            .rate_limiter(&raised.hotel, Quota::per_second(1_000_000, 1_000_000));
        let stack = raised.factory.build(&raised.hotel).unwrap().shared();
        let vendor = raised.factory.build_vendor(&raised.hotel).unwrap();
        for op in [Op::Availability, Op::Offers] {
            ask(vendor.as_ref(), op, &stays(1000, 1)[0]).await;
            ask(stack.as_ref(), op, &stays(1001, 1)[0]).await;
        }
        println!(
            "\n3. Throughput: {CALLERS} concurrent callers, {} s each; quota raised to \
             1,000,000 requests/s",
            FOR.as_secs()
        );
        let pms = (&bare, &vendor, &stack);
        let r = &raised.registry;
        for op in [Op::Availability, Op::Offers] {
            println!("{op:?}:");
            throughput(
                "sandbox (bare HTTP client): baseline",
                op,
                Target::Bare,
                false,
                pms,
                r,
            )
            .await;
            throughput(
                "vendor connector directly: baseline",
                op,
                Target::Vendor,
                false,
                pms,
                r,
            )
            .await;
            throughput(
                "the factory's stack, cache misses",
                op,
                Target::Stack,
                false,
                pms,
                r,
            )
            .await;
            throughput(
                "the factory's stack, cache hits",
                op,
                Target::Stack,
                true,
                pms,
                r,
            )
            .await;
        }
        let (acquired, waited) = limiter_waits(r);
        println!("   limiter waits > 1 ms: {waited} of {acquired}");
        sandbox.shutdown().await;
    });
    let lines = std::fs::read_to_string(&log_path)
        .map(|text| text.lines().count())
        .unwrap_or_default();
    println!("\nlog: {lines} JSON lines written to target/tmp/apaleo-latency.log");
}
