//! The audit-log benchmark: appends per second through the gateway's group-commit writer on
//! PostgreSQL (many writers against one writer), the latency of one append, and the time and
//! memory to verify a long chain streamed from the database. Everything goes through the
//! public `Privacy` API over a `Store`, as the gateway runs them.
//!
//! Run with `bash bench/audit/run.sh`, or
//! `cargo run --release -p gateway --example audit_bench` with, in the environment:
//! `DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/test`), `APPENDS` (50000),
//! `WRITERS` (16), `BASELINE_APPENDS` (2000), `VERIFY_ENTRIES` (1000000), `FILL_WRITERS`
//! (256), `VERIFY_ROUNDS` (3), `PROFILE` (1: time the parts of a verification; 0: skip).
//!
//! Each run works in fresh schemas named after the process id and the time, dropped at the
//! end (also when a check fails). A failed check exits with status 1.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use compliance::audit::{AuditEntry, AuditEvent, entry_hash};
use futures::TryStreamExt;
use gateway::{Privacy, PrivacyKeys, PrivacySettings, Store};
use sqlx::Row;

const TENANT: &str = "t_bench";
const HOTELS: [&str; 4] = ["BER", "MUC", "HAM", "FRA"];

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}: not a valid value: {v}")),
        _ => default,
    }
}

/// Progress lines go to stderr; the results table to stdout.
macro_rules! log {
    ($($arg:tt)*) => {{
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, $($arg)*);
    }};
}

/// A PMS operation entry as the gateway writes one after creating a reservation.
fn pms_event(privacy: &Privacy, writer: usize, i: u64) -> AuditEvent {
    let details = serde_json::json!({
        "adults": 2,
        "nights": 1 + i % 7,
        "rate_plan": "BAR",
        "attempt": 1,
    });
    privacy
        .event(
            &format!("key:k_bench_{:02}", writer % 100),
            "pms.create_reservation",
        )
        .tenant(TENANT)
        .hotel(HOTELS[writer % HOTELS.len()])
        .resource(format!("RES-{writer:03}-{i:08}"))
        .outcome("ok")
        .details(&details)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `(VmRSS, VmHWM)` of this process in KiB.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Resets VmHWM to the current RSS (Linux 4.0+); false where the kernel refuses.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// The 1- and 5-minute load averages (other work on the machine skews every figure here).
fn load() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" / ")
}

/// This process's CPU time (user + system, all threads) in seconds.
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which ends with the last `)`); utime and stime are
    // the 14th and 15th fields, in clock ticks (100 per second on Linux).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: u64 = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse::<u64>().ok())
        .sum();
    ticks as f64 / 100.0
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// Samples VmRSS every 20 ms until stopped; returns the highest sample (KiB).
fn rss_sampler() -> (Arc<AtomicBool>, tokio::task::JoinHandle<u64>) {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let task = tokio::spawn(async move {
        let mut peak = 0;
        while !flag.load(Ordering::Relaxed) {
            peak = peak.max(memory().0);
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        peak.max(memory().0)
    });
    (stop, task)
}

/// One table row: what, the figure, the goal, whether it is met.
struct Line {
    metric: String,
    value: String,
    goal: String,
    met: String,
}

fn line(metric: impl Into<String>, value: impl Into<String>, goal: &str, met: &str) -> Line {
    Line {
        metric: metric.into(),
        value: value.into(),
        goal: goal.to_owned(),
        met: met.to_owned(),
    }
}

fn yes(ok: bool) -> &'static str {
    if ok { "yes" } else { "**no**" }
}

fn check(ok: bool, what: impl FnOnce() -> String) -> Result<(), String> {
    if ok { Ok(()) } else { Err(what()) }
}

struct Bench {
    url: String,
    admin: sqlx::PgPool,
    lines: Vec<Line>,
    failed: Vec<String>,
}

impl Bench {
    async fn privacy(&self, schema: &str) -> Privacy {
        let store = Store::connect(&self.url, Some(schema)).await.unwrap();
        Privacy::new(
            store,
            PrivacyKeys::random().unwrap(),
            PrivacySettings::default(),
            Arc::new(clock::SystemClock),
        )
    }

    /// `(rows, min seq, max seq, head seq, transactions)` of the log in `schema`, for
    /// entries with `seq` in `from..=to` (transactions: distinct inserting transaction ids).
    async fn log_facts(&self, schema: &str, from: i64, to: i64) -> (i64, i64, i64, i64, i64) {
        let row = sqlx::query(&format!(
            "SELECT count(*), coalesce(min(seq), 0), coalesce(max(seq), 0),
                    (SELECT seq FROM {schema}.audit_head WHERE id = 1),
                    count(DISTINCT xmin::text)
             FROM {schema}.audit_log WHERE seq BETWEEN $1 AND $2"
        ))
        .bind(from)
        .bind(to)
        .fetch_one(&self.admin)
        .await
        .unwrap();
        (row.get(0), row.get(1), row.get(2), row.get(3), row.get(4))
    }

    /// What autovacuum is doing on this database right now (`none`, or its query).
    async fn autovacuum_busy(&self, schema: &str) -> String {
        let busy: Vec<String> = sqlx::query_scalar(
            "SELECT coalesce(query, '') FROM pg_stat_activity
             WHERE backend_type = 'autovacuum worker' AND datname = current_database()",
        )
        .fetch_all(&self.admin)
        .await
        .unwrap_or_default();
        if busy.is_empty() {
            "none".to_owned()
        } else {
            busy.iter()
                .map(|q| {
                    let q = q.trim_start_matches("autovacuum: ");
                    match q.split_once(&format!("{schema}.")) {
                        Some((verb, table)) => {
                            format!("{}{table}", verb.trim_end_matches(' ').to_owned() + " ")
                        }
                        None => "another table".to_owned(),
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        }
    }

    /// Part 1: appends per second, 1 writer then `WRITERS`, then the checks.
    async fn appends(&mut self, schema: &str) -> Result<(), String> {
        let appends: u64 = env_or("APPENDS", 50_000);
        let writers: usize = env_or("WRITERS", 16);
        let baseline: u64 = env_or("BASELINE_APPENDS", 2_000);
        let privacy = self.privacy(schema).await;
        // One append to open the connections before timing.
        let warm = privacy.audit(pms_event(&privacy, 0, 0)).await.unwrap();
        let mut seqs = vec![warm];

        log!("1 writer: {baseline} sequential appends ...");
        let mut base_lat = Vec::with_capacity(baseline as usize);
        let start = Instant::now();
        for i in 0..baseline {
            let t = Instant::now();
            let seq = privacy
                .audit(pms_event(&privacy, 0, i + 1))
                .await
                .map_err(|e| format!("append failed: {e}"))?;
            base_lat.push(t.elapsed());
            seqs.push(seq);
        }
        let base_secs = start.elapsed().as_secs_f64();
        let base_rate = baseline as f64 / base_secs;
        base_lat.sort();
        log!("  {base_rate:.0}/s");

        log!("{writers} writers: {appends} appends in all ...");
        let barrier = Arc::new(tokio::sync::Barrier::new(writers + 1));
        let mut tasks = Vec::new();
        for w in 0..writers {
            let n = appends / writers as u64 + u64::from((w as u64) < appends % writers as u64);
            let privacy = privacy.clone();
            let barrier = barrier.clone();
            tasks.push(tokio::spawn(async move {
                let mut out = Vec::with_capacity(n as usize);
                barrier.wait().await;
                for i in 0..n {
                    let event = pms_event(&privacy, w, i);
                    let t = Instant::now();
                    let seq = privacy.audit(event).await;
                    out.push((seq, t.elapsed()));
                }
                out
            }));
        }
        barrier.wait().await;
        let cpu = cpu_secs();
        let start = Instant::now();
        let mut lat = Vec::with_capacity(appends as usize);
        let mut first_conc = i64::MAX;
        for task in tasks {
            let mut last = 0;
            for (seq, t) in task.await.unwrap() {
                let seq = seq.map_err(|e| format!("append failed: {e}"))?;
                // One writer's appends are sequential: its sequence numbers must rise.
                check(seq > last, || {
                    format!("a writer got seq {seq} after {last}: the chain is not in order")
                })?;
                last = seq;
                first_conc = first_conc.min(seq);
                seqs.push(seq);
                lat.push(t);
            }
        }
        let secs = start.elapsed().as_secs_f64();
        let cpu = cpu_secs() - cpu;
        let rate = appends as f64 / secs;
        lat.sort();
        log!("  {rate:.0}/s");

        // The checks: sequence numbers 1..N without gaps or duplicates, in the database too,
        // and the chain verifies (also against a signed checkpoint).
        let total = seqs.len() as i64;
        seqs.sort_unstable();
        let gapless = seqs.iter().zip(1..).all(|(s, n)| *s == n);
        check(gapless, || {
            let bad = seqs.iter().zip(1..).find(|(s, n)| **s != *n);
            format!("returned sequence numbers are not 1..{total}: first mismatch {bad:?}")
        })?;
        let (rows, min, max, head, _) = self.log_facts(schema, 1, i64::MAX).await;
        check(
            rows == total && min == 1 && max == total && head == total,
            || {
                format!(
                    "audit_log holds {rows} rows, seq {min}..{max}, head {head}; expected 1..{total}"
                )
            },
        )?;
        let (_, _, _, _, txns) = self.log_facts(schema, first_conc, i64::MAX).await;
        let checkpoint = privacy
            .checkpoint()
            .await
            .map_err(|e| format!("checkpoint failed: {e}"))?;
        let report = privacy
            .verify(vec![], vec![])
            .await
            .map_err(|e| format!("verification failed: {e}"))?
            .report;
        check(
            report.entries == total as u64
                && report.head_seq == total
                && report.checkpoints == 1
                && checkpoint.seq == total,
            || format!("verification covered {report:?}, expected {total} entries"),
        )?;
        log!("  checks passed: seq 1..{total} gapless, chain verified with 1 checkpoint");

        let batch = appends as f64 / txns.max(1) as f64;
        self.lines.push(line(
            format!("Appends/s, {writers} writers ({appends} appends)"),
            format!(
                "{rate:.0}/s ({secs:.2} s; process CPU {:.0} µs/append)",
                cpu * 1e6 / appends as f64
            ),
            "≥ 5,000/s",
            yes(rate >= 5_000.0),
        ));
        self.lines.push(line(
            format!("Appends/s, 1 writer, one commit each ({baseline} appends)"),
            format!("{base_rate:.0}/s"),
            "baseline",
            "–",
        ));
        self.lines.push(line(
            "Grouping: speed-up / mean entries per transaction",
            format!(
                "{:.1}× / {batch:.1} ({txns} transactions)",
                rate / base_rate
            ),
            "–",
            "–",
        ));
        self.lines.push(line(
            format!("Append latency p50 / p99 / max, {writers} writers"),
            format!(
                "{:.2} / {:.2} / {:.2} ms",
                ms(percentile(&lat, 0.5)),
                ms(percentile(&lat, 0.99)),
                ms(percentile(&lat, 1.0)),
            ),
            "–",
            "–",
        ));
        self.lines.push(line(
            "Append latency p50 / p99, 1 writer",
            format!(
                "{:.2} / {:.2} ms",
                ms(percentile(&base_lat, 0.5)),
                ms(percentile(&base_lat, 0.99)),
            ),
            "–",
            "–",
        ));
        self.lines.push(line(
            format!("Seq 1..{total} gapless; `verify` ok (1 checkpoint)"),
            "ok",
            "required",
            "yes",
        ));
        Ok(())
    }

    /// Part 2: fill `VERIFY_ENTRIES` entries, then time `privacy.verify` and its memory.
    async fn verification(&mut self, schema: &str) -> Result<(), String> {
        let target: u64 = env_or("VERIFY_ENTRIES", 1_000_000);
        let fill_writers: usize = env_or("FILL_WRITERS", 256);
        let privacy = self.privacy(schema).await;

        log!("filling {target} entries with {fill_writers} writers ...");
        let next = Arc::new(AtomicU64::new(0));
        let start = Instant::now();
        let mut tasks = Vec::new();
        for w in 0..fill_writers {
            let privacy = privacy.clone();
            let next = next.clone();
            tasks.push(tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= target {
                        return Ok::<(), String>(());
                    }
                    privacy
                        .audit(pms_event(&privacy, w, i))
                        .await
                        .map_err(|e| format!("append failed: {e}"))?;
                    if (i + 1).is_multiple_of(100_000) {
                        log!(
                            "  {} entries, {:.1} s",
                            i + 1,
                            start.elapsed().as_secs_f64()
                        );
                    }
                }
            }));
        }
        for task in tasks {
            task.await.unwrap()?;
        }
        let fill_secs = start.elapsed().as_secs_f64();
        let total = target as i64;
        let (rows, min, max, head, txns) = self.log_facts(schema, 1, i64::MAX).await;
        check(
            rows == total && (total == 0 || min == 1) && max == total && head == total,
            || {
                format!(
                    "audit_log holds {rows} rows, seq {min}..{max}, head {head}; expected 1..{total}"
                )
            },
        )?;
        let size: i64 = sqlx::query_scalar(&format!("SELECT pg_table_size('{schema}.audit_log')"))
            .fetch_one(&self.admin)
            .await
            .unwrap();
        let data_kib = size as u64 / 1024;
        log!(
            "  filled in {fill_secs:.1} s ({:.0}/s, {:.1} entries per transaction); table {:.0} MiB",
            target as f64 / fill_secs,
            target as f64 / txns.max(1) as f64,
            mib(data_kib),
        );
        self.lines.push(line(
            format!("Fill {target} entries via `privacy.audit`, {fill_writers} writers"),
            format!(
                "{fill_secs:.1} s ({:.0}/s, {:.0} per txn)",
                target as f64 / fill_secs,
                target as f64 / txns.max(1) as f64
            ),
            "–",
            "–",
        ));

        let rounds: u32 = env_or("VERIFY_ROUNDS", 3);
        let mut verify_secs = Vec::new();
        let mut worst_growth = 0;
        let mut memory_text = String::new();
        for round in 1..=rounds {
            let (rss_before, hwm_before) = memory();
            let reset = reset_peak();
            let vacuum = self.autovacuum_busy(schema).await;
            let load_before = load();
            let (stop, sampler) = rss_sampler();
            log!("verifying {target} entries (round {round}; autovacuum: {vacuum}) ...");
            let cpu = cpu_secs();
            let start = Instant::now();
            let result = privacy.verify(vec![], vec![]).await;
            let secs = start.elapsed().as_secs_f64();
            let cpu = cpu_secs() - cpu;
            stop.store(true, Ordering::Relaxed);
            let sampled = sampler.await.unwrap();
            let (rss_after, hwm_after) = memory();
            let report = result
                .map_err(|e| format!("verification failed: {e}"))?
                .report;
            check(report.entries == target && report.head_seq == total, || {
                format!("verification covered {report:?}, expected {target} entries")
            })?;
            // With the peak reset, VmHWM after is the peak during verification.
            let peak = if reset {
                hwm_after.max(sampled)
            } else {
                sampled
            };
            let growth = peak.saturating_sub(rss_before);
            let rate = target as f64 / secs;
            log!(
                "  {secs:.2} s = {rate:.0} entries/s, CPU {cpu:.2} s; RSS {:.1} -> {:.1} MiB, peak during {:.1} MiB (VmHWM before {:.1}, after {:.1}{})",
                mib(rss_before),
                mib(rss_after),
                mib(peak),
                mib(hwm_before),
                mib(hwm_after),
                if reset {
                    ", reset before"
                } else {
                    ", not reset"
                },
            );
            let vacuum = if vacuum == "none" {
                String::new()
            } else {
                format!("; autovacuum: {vacuum}")
            };
            self.lines.push(line(
                format!("Verify {target} entries, round {round} (load {load_before}{vacuum})"),
                format!("{secs:.2} s ({rate:.0}/s), process CPU {cpu:.2} s"),
                "< 5 s",
                yes(secs < 5.0),
            ));
            if round == 1 || growth > worst_growth {
                worst_growth = growth;
                memory_text = format!(
                    "RSS {:.1} → {:.1} MiB, peak during {:.1} MiB{} (+{:.1} MiB); VmHWM {:.1} → {:.1} MiB; table {:.0} MiB",
                    mib(rss_before),
                    mib(rss_after),
                    mib(peak),
                    if reset { "" } else { " (sampled)" },
                    mib(growth),
                    mib(hwm_before),
                    mib(hwm_after),
                    mib(data_kib),
                );
            }
            verify_secs.push(secs);
        }
        let mut sorted = verify_secs.clone();
        sorted.sort_by(f64::total_cmp);
        let best = sorted.first().copied().unwrap_or(f64::NAN);
        let median = sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN);
        self.lines.push(line(
            format!("Verify {target} entries: best / median of {rounds}"),
            format!(
                "{best:.2} s ({:.0}/s) / {median:.2} s ({:.0}/s)",
                target as f64 / best,
                target as f64 / median
            ),
            "< 5 s",
            yes(median < 5.0),
        ));
        self.lines.push(line(
            "Memory during verification (round with the most growth)",
            memory_text,
            "flat (growth ≪ data)",
            yes(worst_growth * 20 < data_kib.max(1)),
        ));
        if env_or("PROFILE", 1u8) == 1 {
            self.profile(schema, target, &verify_secs).await?;
        }
        Ok(())
    }

    /// Where a verification's time goes: the same query streamed through the same (`Any`)
    /// driver counting rows only, decoding them, and decoding and verifying them (a replica
    /// of `verify`); through the native PostgreSQL driver; the hashing alone; the server's own
    /// time for the query; and the same work with the planner kept from sorting (an index scan
    /// on the primary key, which streams from the first row).
    async fn profile(&mut self, schema: &str, target: u64, verify: &[f64]) -> Result<(), String> {
        let sql = format!("SELECT {COLUMNS} FROM {schema}.audit_log WHERE seq > $1 ORDER BY seq");
        sqlx::any::install_default_drivers();
        let any = sqlx::any::AnyPoolOptions::new()
            .max_connections(1)
            .connect(&self.url)
            .await
            .unwrap();
        let any_index = sqlx::any::AnyPoolOptions::new()
            .max_connections(1)
            .after_connect(|conn, _meta| {
                Box::pin(async move {
                    sqlx::Executor::execute(conn, "SET enable_sort = off").await?;
                    Ok(())
                })
            })
            .connect(&self.url)
            .await
            .unwrap();
        let native_index = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .after_connect(|conn, _meta| {
                Box::pin(async move {
                    sqlx::Executor::execute(conn, "SET enable_sort = off").await?;
                    Ok(())
                })
            })
            .connect(&self.url)
            .await
            .unwrap();

        let mut runs = Vec::new();
        for (name, pool, work) in [
            ("stream rows, Any driver, no decoding", &any, Work::Count),
            ("stream + decode to entries, Any driver", &any, Work::Decode),
            (
                "stream + decode + chain checks, Any driver (= verify)",
                &any,
                Work::Verify,
            ),
            (
                "same, planner kept from sorting (PK index scan)",
                &any_index,
                Work::Verify,
            ),
        ] {
            log!("profile: {name} ...");
            let (secs, first, cpu) = stream_any(pool, &sql, work, target).await?;
            runs.push((name.to_owned(), secs, first, cpu));
        }
        for (name, pool) in [
            (
                "stream + decode + chain checks, native Postgres driver",
                &self.admin,
            ),
            ("same, native driver, PK index scan", &native_index),
        ] {
            log!("profile: {name} ...");
            let (secs, first, cpu) = stream_native(pool, &sql, target).await?;
            runs.push((name.to_owned(), secs, first, cpu));
        }

        log!("profile: hashing {target} entries in memory ...");
        let mut sample = Vec::new();
        let mut rows = sqlx::query(&sql).bind(0i64).fetch(&any);
        while let Some(row) = rows.try_next().await.map_err(|e| e.to_string())? {
            sample.push(decode_any(&row));
            if sample.len() == 10_000 {
                break;
            }
        }
        drop(rows);
        let start = Instant::now();
        let mut prev = [0u8; 32];
        for i in 0..target {
            let entry = &sample[(i as usize) % sample.len().max(1)];
            prev = entry_hash(&prev, entry.seq, &entry.event);
        }
        let hashing = start.elapsed().as_secs_f64();
        check(prev != [0u8; 32], || "no hash".to_owned())?;

        let mut plans = Vec::new();
        for pool in [&self.admin, &native_index] {
            let plan: Vec<String> = sqlx::query_scalar(&format!(
                "EXPLAIN (ANALYZE, TIMING OFF) SELECT {COLUMNS} FROM {schema}.audit_log WHERE seq > 0 ORDER BY seq"
            ))
            .fetch_all(pool)
            .await
            .unwrap();
            let secs = plan
                .iter()
                .find_map(|l| l.trim().strip_prefix("Execution Time: "))
                .and_then(|t| t.trim_end_matches(" ms").parse::<f64>().ok())
                .map_or(f64::NAN, |ms| ms / 1000.0);
            let node = plan
                .first()
                .and_then(|l| l.split("  (").next())
                .unwrap_or_default()
                .trim()
                .to_owned();
            log!("  plan: {}", plan.join(" / "));
            plans.push((node, secs));
        }

        let best = verify.iter().copied().fold(f64::INFINITY, f64::min);
        let per = |s: f64| {
            format!(
                "{s:.2} s ({:.0}/s, {:.0}% of verify)",
                target as f64 / s,
                100.0 * s / best
            )
        };
        for (i, (node, secs)) in plans.iter().enumerate() {
            let which = if i == 0 { "as planned" } else { "no sort" };
            self.lines.push(line(
                format!("Profile: server runs the query, {which}: {node}"),
                per(*secs),
                "–",
                "–",
            ));
        }
        for (name, secs, first, cpu) in runs {
            self.lines.push(line(
                format!("Profile: {name}"),
                format!("{}, 1st row {first:.2} s, CPU {cpu:.2} s", per(secs)),
                "–",
                "–",
            ));
        }
        self.lines.push(line(
            "Profile: SHA-256 chain hashing only, in memory",
            per(hashing),
            "–",
            "–",
        ));
        any.close().await;
        any_index.close().await;
        native_index.close().await;
        Ok(())
    }
}

/// The per-entry checks of `compliance::audit::ChainVerifier::push` without checkpoints
/// (the same hashing and comparisons), for the profile.
#[derive(Debug, Default)]
struct Chain {
    seq: i64,
    hash: [u8; 32],
}

impl Chain {
    fn push(&mut self, entry: &AuditEntry) -> Result<(), String> {
        check(entry.seq == self.seq + 1, || {
            format!("chain broken: seq {} after {}", entry.seq, self.seq)
        })?;
        check(
            entry_hash(&entry.prev_hash, entry.seq, &entry.event) == entry.hash
                && entry.prev_hash == self.hash,
            || format!("chain broken at {}", entry.seq),
        )?;
        self.seq = entry.seq;
        self.hash = entry.hash;
        Ok(())
    }
}

#[derive(Debug, Clone, Copy)]
enum Work {
    Count,
    Decode,
    Verify,
}

/// Streams `sql` through an `Any` pool doing `work` per row; `(seconds, seconds to the
/// first row)`.
async fn stream_any(
    pool: &sqlx::AnyPool,
    sql: &str,
    work: Work,
    target: u64,
) -> Result<(f64, f64, f64), String> {
    let mut chain = Chain::default();
    let cpu = cpu_secs();
    let start = Instant::now();
    let mut first = None;
    let mut n = 0u64;
    let mut rows = sqlx::query(sql).bind(0i64).fetch(pool);
    while let Some(row) = rows.try_next().await.map_err(|e| e.to_string())? {
        first.get_or_insert_with(|| start.elapsed().as_secs_f64());
        n += 1;
        match work {
            Work::Count => {}
            Work::Decode => {
                std::hint::black_box(decode_any(&row));
            }
            Work::Verify => chain.push(&decode_any(&row))?,
        }
    }
    let secs = start.elapsed().as_secs_f64();
    check(n == target, || {
        format!("streamed {n} rows, expected {target}")
    })?;
    Ok((secs, first.unwrap_or(secs), cpu_secs() - cpu))
}

/// Streams `sql` through a native PostgreSQL pool, decoding and verifying each row.
async fn stream_native(
    pool: &sqlx::PgPool,
    sql: &str,
    target: u64,
) -> Result<(f64, f64, f64), String> {
    let mut chain = Chain::default();
    let cpu = cpu_secs();
    let start = Instant::now();
    let mut first = None;
    let mut rows = sqlx::query(sql).bind(0i64).fetch(pool);
    while let Some(row) = rows.try_next().await.map_err(|e| e.to_string())? {
        first.get_or_insert_with(|| start.elapsed().as_secs_f64());
        let text = |i: usize| row.get::<Option<String>, _>(i);
        let hash = |i: usize| {
            compliance::hex::decode_array::<32>(&text(i).unwrap_or_default()).unwrap_or([0xff; 32])
        };
        let entry = AuditEntry {
            seq: row.get(0),
            event: AuditEvent {
                at: text(1).unwrap_or_default(),
                tenant: text(2),
                actor: text(3).unwrap_or_default(),
                action: text(4).unwrap_or_default(),
                hotel: text(5),
                subject: text(6),
                resource: text(7),
                outcome: text(8).unwrap_or_default(),
                details: text(9),
            },
            prev_hash: hash(10),
            hash: hash(11),
        };
        chain.push(&entry)?;
    }
    let secs = start.elapsed().as_secs_f64();
    check(chain.seq == target as i64, || {
        format!("verified {} rows, expected {target}", chain.seq)
    })?;
    Ok((secs, first.unwrap_or(secs), cpu_secs() - cpu))
}

const COLUMNS: &str = "seq, at, tenant_id, actor, action, hotel_id, subject_ref, resource, \
                       outcome, details, prev_hash, hash";

/// Decodes a row as the gateway's store does.
fn decode_any(row: &sqlx::any::AnyRow) -> AuditEntry {
    let get = |i: usize| row.try_get::<Option<String>, _>(i).unwrap();
    let req = |i: usize| get(i).unwrap_or_default();
    let hash = |i: usize| compliance::hex::decode_array::<32>(&req(i)).unwrap_or([0xff; 32]);
    AuditEntry {
        seq: row.try_get::<i64, _>(0).unwrap(),
        event: AuditEvent {
            at: req(1),
            tenant: get(2),
            actor: req(3),
            action: req(4),
            hotel: get(5),
            subject: get(6),
            resource: get(7),
            outcome: req(8),
            details: get(9),
        },
        prev_hash: hash(10),
        hash: hash(11),
    }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let url = std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/test".to_owned());
    let admin = sqlx::postgres::PgPoolOptions::new()
        .max_connections(2)
        .connect(&url)
        .await
        .unwrap();
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let base = format!("audit_bench_{}_{stamp}", std::process::id());
    let schemas = [format!("{base}_a"), format!("{base}_v")];
    let mut bench = Bench {
        url,
        admin,
        lines: Vec::new(),
        failed: Vec::new(),
    };

    let load_start = load();
    let mut result = bench.appends(&schemas[0]).await;
    if result.is_ok() {
        result = bench.verification(&schemas[1]).await;
    }
    if let Err(e) = result {
        bench.failed.push(e);
    }
    for schema in &schemas {
        if let Err(e) = sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
            .execute(&bench.admin)
            .await
        {
            bench.failed.push(format!("dropping {schema}: {e}"));
        }
    }

    bench.lines.push(line(
        "Load average 1 / 5 min: at start → at end (2 cores)",
        format!("{load_start} → {}", load()),
        "–",
        "–",
    ));
    let mut out = std::io::stdout().lock();
    let width = |f: fn(&Line) -> &str, head: &str| {
        bench
            .lines
            .iter()
            .map(|l| f(l).chars().count())
            .chain([head.chars().count()])
            .max()
            .unwrap_or(0)
    };
    let w = [
        width(|l| &l.metric, "Metric"),
        width(|l| &l.value, "Result"),
        width(|l| &l.goal, "Goal"),
        width(|l| &l.met, "Met"),
    ];
    let pad = |s: &str, n: usize| format!("{s}{}", " ".repeat(n.saturating_sub(s.chars().count())));
    writeln!(
        out,
        "| {} | {} | {} | {} |",
        pad("Metric", w[0]),
        pad("Result", w[1]),
        pad("Goal", w[2]),
        pad("Met", w[3])
    )
    .unwrap();
    writeln!(
        out,
        "|{}|{}|{}|{}|",
        "-".repeat(w[0] + 2),
        "-".repeat(w[1] + 2),
        "-".repeat(w[2] + 2),
        "-".repeat(w[3] + 2)
    )
    .unwrap();
    for l in &bench.lines {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            pad(&l.metric, w[0]),
            pad(&l.value, w[1]),
            pad(&l.goal, w[2]),
            pad(&l.met, w[3])
        )
        .unwrap();
    }
    drop(out);
    if !bench.failed.is_empty() {
        for e in &bench.failed {
            log!("CHECK FAILED: {e}");
        }
        std::process::exit(1);
    }
}
