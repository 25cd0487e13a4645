//! The resilient wrapper's own cost (`cargo bench -p pms-resilience`): `ResilientConnector`
//! alone, with its Prometheus metrics registered, over a connector that answers at once from
//! memory, so every nanosecond measured is the caller's or the wrapper's. It is not the stack
//! the factory builds (no `ContractGuard`, no vendor connector, no HTTP; that stack is measured
//! by `cargo bench -p pms-apaleo --bench latency`).
//!
//! Prints p50, p99 and mean per `property()` call, one core, current-thread runtime, for: the
//! connector directly (the baseline), the wrapper answering from its cache, and the wrapper
//! with the cache off (deadline, breaker, retry budget, span and metrics on every call); then
//! reads of distinct stays through a full cache and with the cache off (the cost of a put with
//! eviction). These rows run with no log subscriber installed, so the `pms_call` span is
//! created but recorded by nobody. The last rows repeat the wrapper's rows after installing
//! the production subscriber (`pii::logging::init_json_with_writer`: the binary's JSON
//! subscriber, level from `VOICEHIVE_LOG`, default `info`, every line redacted, written to
//! `target/tmp/`), which records the span of every call. Figures: `benches/README.md`.

#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use chrono::NaiveTime;
use clock::{SharedClock, SystemClock};
use pms_contract::{
    Availability, CountryCode, Currency, HealthStatus, NewReservation, Offer, OfferRequest,
    PmsConnector, PmsError, Property, PropertyId, Reservation, ReservationChange, ReservationId,
    ReservationSearch, RoomType, Stay,
};
use pms_resilience::{CacheTtls, ResilienceMetrics, ResiliencePolicy, ResilientConnector};

#[derive(Debug)]
struct Instant0(Property);

fn unsupported<T>() -> Result<T, PmsError> {
    Err(PmsError::internal("not used by the benchmark"))
}

#[async_trait]
impl PmsConnector for Instant0 {
    fn vendor(&self) -> &str {
        "bench"
    }
    async fn property(&self) -> Result<Property, PmsError> {
        Ok(self.0.clone())
    }
    async fn room_types(&self) -> Result<Vec<RoomType>, PmsError> {
        unsupported()
    }
    async fn availability(&self, _: &Stay) -> Result<Vec<Availability>, PmsError> {
        Ok(Vec::new())
    }
    async fn offers(&self, _: &OfferRequest) -> Result<Vec<Offer>, PmsError> {
        unsupported()
    }
    async fn create_reservation(&self, _: &NewReservation) -> Result<Reservation, PmsError> {
        unsupported()
    }
    async fn get_reservation(&self, _: &ReservationId) -> Result<Reservation, PmsError> {
        unsupported()
    }
    async fn search_reservations(
        &self,
        _: &ReservationSearch,
    ) -> Result<Vec<Reservation>, PmsError> {
        unsupported()
    }
    async fn modify_reservation(
        &self,
        _: &ReservationId,
        _: &ReservationChange,
    ) -> Result<Reservation, PmsError> {
        unsupported()
    }
    async fn cancel_reservation(&self, _: &ReservationId) -> Result<Reservation, PmsError> {
        unsupported()
    }
    async fn health(&self) -> Result<HealthStatus, PmsError> {
        Ok(HealthStatus::Healthy)
    }
}

const CALLS: usize = 200_000;

async fn measure(label: &str, pms: &dyn PmsConnector) -> Duration {
    for _ in 0..10_000 {
        pms.property().await.unwrap();
    }
    let mut samples = Vec::with_capacity(CALLS);
    let all = Instant::now();
    for _ in 0..CALLS {
        let start = Instant::now();
        let property = pms.property().await.unwrap();
        samples.push(start.elapsed());
        std::hint::black_box(property);
    }
    let total = all.elapsed();
    samples.sort_unstable();
    let pct = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    let mean = total / CALLS as u32;
    println!(
        "{label:<34} p50 {:>7} ns   p99 {:>7} ns   mean {:>7} ns",
        pct(0.50).as_nanos(),
        pct(0.99).as_nanos(),
        mean.as_nanos()
    );
    mean
}

/// Availability of distinct stays through the caching wrapper: after the first 512 every put
/// finds the read cache full (nothing expired) and evicts.
async fn measure_full_cache(label: &str, pms: &dyn PmsConnector) -> Duration {
    let base = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let stays: Vec<Stay> = (0..4096u64)
        .map(|d| {
            let from = base.checked_add_days(chrono::Days::new(d)).unwrap();
            Stay::new(from, from.succ_opt().unwrap()).unwrap()
        })
        .collect();
    for stay in &stays {
        pms.availability(stay).await.unwrap();
    }
    let all = Instant::now();
    for n in 0..CALLS {
        let stay = &stays[n % stays.len()];
        std::hint::black_box(pms.availability(stay).await.unwrap());
    }
    let mean = all.elapsed() / CALLS as u32;
    println!("{label:<34} mean {:>7} ns", mean.as_nanos());
    mean
}

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let property = Property {
            id: PropertyId::new("BENCH").unwrap(),
            name: "Benchmark Hotel".into(),
            time_zone: chrono_tz::Europe::Berlin,
            currency: Currency::EUR,
            check_in_time: NaiveTime::from_hms_opt(15, 0, 0).unwrap(),
            check_out_time: NaiveTime::from_hms_opt(11, 0, 0).unwrap(),
            country: CountryCode::new("DE").unwrap(),
            live: Some(false),
        };
        let inner: Arc<dyn PmsConnector> = Arc::new(Instant0(property));
        let clock: SharedClock = Arc::new(SystemClock);
        let metrics = ResilienceMetrics::register(&prometheus::Registry::new()).unwrap();
        let cached = ResilientConnector::new(
            inner.clone(),
            "bench",
            ResiliencePolicy::interactive(),
            clock.clone(),
        )
        .with_metrics(metrics.clone());
        let mut uncached_policy = ResiliencePolicy::interactive();
        uncached_policy.cache = CacheTtls::disabled();
        let uncached = ResilientConnector::new(inner.clone(), "bench", uncached_policy, clock)
            .with_metrics(metrics);

        println!("{CALLS} property() calls each, one core, current-thread runtime");
        let direct = measure("connector directly", inner.as_ref()).await;
        let hit = measure("wrapper, cache hit", &cached).await;
        let miss = measure("wrapper, cache off (full path)", &uncached).await;
        let full = measure_full_cache("wrapper, full cache, misses", &cached).await;
        let off = measure_full_cache("wrapper, cache off, same reads", &uncached).await;
        println!(
            "a put into the full read cache (eviction included): {} ns (mean)",
            full.saturating_sub(off).as_nanos()
        );
        println!(
            "wrapper overhead over a direct call: cache hit {} ns, full path {} ns (mean)",
            hit.saturating_sub(direct).as_nanos(),
            miss.saturating_sub(direct).as_nanos()
        );

        let log_path =
            std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("resilience-wrapper.log");
        let log = std::fs::File::create(&log_path).unwrap();
        pii::logging::init_json_with_writer("VOICEHIVE_LOG", Arc::new(log)).unwrap();
        println!("with the production log subscriber installed (JSON to a file):");
        let direct = measure("connector directly", inner.as_ref()).await;
        let hit = measure("wrapper, cache hit", &cached).await;
        let miss = measure("wrapper, cache off (full path)", &uncached).await;
        println!(
            "wrapper overhead over a direct call: cache hit {} ns, full path {} ns (mean)",
            hit.saturating_sub(direct).as_nanos(),
            miss.saturating_sub(direct).as_nanos()
        );
    });
}
