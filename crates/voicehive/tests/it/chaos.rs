//! Chaos: the gateway as a platform engineer runs it, under faults.
//!
//! One `voicehive sandbox apaleo` process is the shared PMS. Two `voicehive serve` replicas in
//! configured mode (hotels BER and ZRH pointing at the sandbox, credentials in files, a tenant
//! whose key comes from the environment) share one fresh PostgreSQL schema and Redis. While 48
//! clients book, each a distinct guest with its own `Idempotency-Key`, a fault injector makes
//! the PMS answer 429 and 5xx, stall, drop connections, commit bookings and then hold the answer
//! back, and revoke its tokens. A quarter of the clients hang up after 4 s and retry on the
//! other replica; a quarter send their first attempt to both replicas at once, then retry; a
//! quarter hang up after 1.5 s and a quarter give up after their first failed answer (both never
//! come back until the final replay). When the faults have stopped, the reconciler has settled
//! every unknown outcome and the circuit breakers have closed, the test asserts:
//!
//! - no duplicate: no guest has two reservations at the PMS, and the PMS committed exactly one
//!   booking per guest;
//! - nothing lost: every reservation a client was told about (201) is at the PMS, for its guest;
//! - no mismatch: every 201 a client saw, replays on the other replica included, names the same
//!   reservation, for the client's own guest and dates;
//! - nothing silent: every booking whose client gave up is either listed by `voicehive bookings
//!   unresolved` with its age (and a replay of its key returns that reservation), or its answer
//!   is stored and a replay returns it, or the PMS has no booking for it and a replay books it;
//!   the list agrees with `gateway_bookings_unresolved` on both replicas and with `/v1/status`,
//!   and is empty once every key was replayed;
//! - no guest's name or e-mail address in the replicas' logs.
//!
//! Counts that depend on timing (how many clients gave up, which fault hit whom, whether a
//! circuit breaker opened) are printed, never asserted. Run it with
//! `cargo test -p voicehive --test it chaos -- --nocapture`; it needs `psql`, the local
//! PostgreSQL and Redis (docs/gateway.md, "Chaos test").

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::File;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::{Kill, start_sandbox};

const PG_URL: &str = "postgres://postgres@127.0.0.1:5432/test";
const REDIS_URL: &str = "redis://127.0.0.1:6379";
const TENANT: &str = "chaos";
const KEY_ENV: &str = "VOICEHIVE_CHAOS_KEY";
const HOTELS: [&str; 2] = ["BER", "ZRH"];

/// Bookings in all, one guest each.
const CLIENTS: usize = 48;
/// Client `i` starts `i` times this after the first.
const STAGGER: Duration = Duration::from_millis(250);
/// How long faults are injected, and how often.
const FAULT_WINDOW: Duration = Duration::from_secs(12);
const FAULT_EVERY: Duration = Duration::from_millis(500);
/// A hedged or one-shot client waits this long for an answer, longer than the gateway's request
/// deadline.
const PATIENT_TIMEOUT: Duration = Duration::from_secs(20);
/// A patient client hangs up after this and retries on the other replica: shorter than a
/// held-back create takes the gateway (6 s), so it retries bookings that committed.
const RETRY_TIMEOUT: Duration = Duration::from_secs(4);
/// An impatient client hangs up after this.
const IMPATIENT_TIMEOUT: Duration = Duration::from_millis(1500);
/// Attempts of a patient client (and of the final replays).
const MAX_ATTEMPTS: usize = 10;
/// Time the reconciler (and the circuit breakers) get to settle once the faults stopped: the
/// breaker's open state lasts 30 s.
const SETTLE_LIMIT: Duration = Duration::from_secs(75);

/// The background faults, pushed in turn every `FAULT_EVERY`: (group, JSON of `POST
/// /_sandbox/faults`). Request faults hit the next API requests, whoever sends them (a
/// replica's client call, readiness probe or reconciler lookup).
const FAULTS: [(&str, &str); 10] = [
    ("5xx", r#"{"type":"Status","status":503,"times":3}"#),
    (
        "429",
        r#"{"type":"Status","status":429,"retryAfter":1,"times":2}"#,
    ),
    ("latency", r#"{"type":"Latency","delayMs":2500,"times":3}"#),
    (
        "dropped connection",
        r#"{"type":"DropConnection","times":2}"#,
    ),
    // Longer than the gateway waits for a PMS: its caller gets the 429.
    (
        "429",
        r#"{"type":"Status","status":429,"retryAfter":3,"times":2}"#,
    ),
    ("5xx", r#"{"type":"Status","status":500,"times":2}"#),
    ("token revocation", r#"{"type":"RevokeTokens"}"#),
    ("5xx", r#"{"type":"Status","status":502,"times":3}"#),
    // Longer than a create's attempt timeout (6 s).
    ("latency", r#"{"type":"Latency","delayMs":12000,"times":1}"#),
    (
        "dropped connection",
        r#"{"type":"DropConnection","times":1}"#,
    ),
];

/// Armed 100 ms before each impatient client and every other patient and hedged one starts, so
/// that its booking is likely the next to commit: its answer is then held back for 60 s (the
/// gateway's create attempt gives up after 6 s and looks the booking up).
const COMMIT_THEN_TIMEOUT: &str = r#"{"type":"CommitThenTimeout"}"#;

/// Clients start this long after the injector.
const CLIENTS_AFTER: Duration = Duration::from_millis(200);

// ---------------------------------------------------------------------------------------------
// A small blocking HTTP/1.1 client: the test's clients are plain threads with sockets.

#[derive(Debug, Clone)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}), status {}", self.status))
    }

    /// The problem `code`, or an empty string.
    fn code(&self) -> String {
        serde_json::from_str::<Value>(&self.body)
            .ok()
            .and_then(|v| v["code"].as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    fn replayed(&self) -> bool {
        self.header("idempotent-replayed") == Some("true")
    }

    fn retry_after(&self) -> Option<Duration> {
        self.header("retry-after")
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs)
    }
}

/// Why no answer came.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Failure {
    /// The client's timeout passed.
    Timeout,
    /// The connection failed or closed early.
    Io(std::io::ErrorKind),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Timeout => write!(f, "client timeout"),
            Failure::Io(kind) => write!(f, "connection error ({kind})"),
        }
    }
}

fn io_failure(e: &std::io::Error) -> Failure {
    match e.kind() {
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => Failure::Timeout,
        kind => Failure::Io(kind),
    }
}

/// Reads more bytes into `buf` before `deadline`; `Ok(0)` at the end of the stream.
fn read_more(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    deadline: Instant,
) -> Result<usize, Failure> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(Failure::Timeout);
    }
    stream
        .set_read_timeout(Some(left))
        .map_err(|e| io_failure(&e))?;
    let mut chunk = [0u8; 16 * 1024];
    let n = stream.read(&mut chunk).map_err(|e| io_failure(&e))?;
    buf.extend_from_slice(&chunk[..n]);
    Ok(n)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Decodes a chunked body; `None` while it is incomplete.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = find(data, b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        if data.len() < size + 2 {
            return None;
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

/// Sends one request and reads its answer within `timeout`. Without `close` the connection is
/// kept alive as far as the server knows (like a pooled client's); it is closed when the answer
/// has been read or the timeout passed, so a server sees a client that hangs up.
fn http(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
    timeout: Duration,
    close: bool,
) -> Result<Reply, Failure> {
    let deadline = Instant::now() + timeout;
    let socket: SocketAddr = addr.parse().unwrap();
    let mut stream = TcpStream::connect_timeout(&socket, timeout).map_err(|e| io_failure(&e))?;
    let _ = stream.set_nodelay(true);
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\n");
    if close {
        request.push_str("Connection: close\r\n");
    }
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        let content_type = if body.starts_with('{') || body.starts_with('[') {
            "application/json"
        } else {
            "application/x-www-form-urlencoded"
        };
        request.push_str(&format!(
            "Content-Type: {content_type}\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(body.unwrap_or_default());
    stream
        .set_write_timeout(Some(timeout))
        .map_err(|e| io_failure(&e))?;
    stream
        .write_all(request.as_bytes())
        .map_err(|e| io_failure(&e))?;
    let mut buf = Vec::new();
    let head_end = loop {
        if let Some(end) = find(&buf, b"\r\n\r\n") {
            break end;
        }
        if read_more(&mut stream, &mut buf, deadline)? == 0 {
            return Err(Failure::Io(std::io::ErrorKind::UnexpectedEof));
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or(Failure::Io(std::io::ErrorKind::InvalidData))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let start = head_end + 4;
    let body = if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        loop {
            if let Some(body) = dechunk(&buf[start..]) {
                break body;
            }
            if read_more(&mut stream, &mut buf, deadline)? == 0 {
                return Err(Failure::Io(std::io::ErrorKind::UnexpectedEof));
            }
        }
    } else if let Some(length) = header("content-length").and_then(|v| v.parse::<usize>().ok()) {
        while buf.len() < start + length {
            if read_more(&mut stream, &mut buf, deadline)? == 0 {
                return Err(Failure::Io(std::io::ErrorKind::UnexpectedEof));
            }
        }
        buf[start..start + length].to_vec()
    } else if status == 204 || status == 304 {
        Vec::new()
    } else {
        while read_more(&mut stream, &mut buf, deadline)? > 0 {}
        buf[start..].to_vec()
    };
    Ok(Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// A request that must succeed at once (set-up, admin and checks, faults off).
fn call(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Reply {
    http(
        addr,
        method,
        path,
        headers,
        body,
        Duration::from_secs(20),
        true,
    )
    .unwrap_or_else(|e| panic!("{method} {path} on {addr}: {e}"))
}

// ---------------------------------------------------------------------------------------------
// The processes.

/// A free local port.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `voicehive` with none of the caller's `VOICEHIVE_*` settings (they would override the file).
fn voicehive() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_voicehive"));
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("VOICEHIVE_") {
            command.env_remove(name);
        }
    }
    command
}

/// Runs SQL on the test database with `psql`, as an operator would.
fn psql(sql: &str) {
    let output = Command::new("psql")
        .args([PG_URL, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql])
        .output()
        .unwrap_or_else(|e| panic!("the chaos test runs `psql` to make its schema: {e}"));
    assert!(
        output.status.success(),
        "psql failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A PostgreSQL schema for one run, dropped at the end.
struct Schema(String);

impl Schema {
    fn create(name: String) -> Self {
        psql(&format!("CREATE SCHEMA {name}"));
        Self(name)
    }

    /// The database URL whose connections use the schema: `Store::connect` takes a schema, the
    /// configuration only a URL, so the schema goes into the URL's connection options.
    fn url(&self) -> String {
        format!("{PG_URL}?options=-c%20search_path%3D{}", self.0)
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        let _ = Command::new("psql")
            .args([
                PG_URL,
                "-q",
                "-c",
                &format!("DROP SCHEMA IF EXISTS {} CASCADE", self.0),
            ])
            .output();
    }
}

/// A `voicehive serve` replica.
struct Replica {
    addr: String,
    log: PathBuf,
    process: Kill,
}

fn start_replica(config: &Path, key: &str, log: PathBuf) -> Replica {
    let addr = format!("127.0.0.1:{}", free_port());
    let out = File::create(&log).unwrap();
    let err = out.try_clone().unwrap();
    let child = voicehive()
        .args([
            "serve",
            "--config",
            config.to_str().unwrap(),
            "--addr",
            &addr,
        ])
        .env(KEY_ENV, key)
        .env("VOICEHIVE_LOG", "info")
        .stdout(out)
        .stderr(err)
        .spawn()
        .unwrap();
    Replica {
        addr,
        log,
        process: Kill(child),
    }
}

/// Waits until the replica answers `/readyz` with 200.
fn wait_ready(replica: &mut Replica) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(reply) = http(
            &replica.addr,
            "GET",
            "/readyz",
            &[],
            None,
            Duration::from_secs(2),
            true,
        ) && reply.status == 200
        {
            return;
        }
        if let Ok(Some(status)) = replica.process.0.try_wait() {
            panic!(
                "replica {} exited ({status}): {}",
                replica.addr,
                std::fs::read_to_string(&replica.log).unwrap_or_default()
            );
        }
        assert!(
            Instant::now() < deadline,
            "replica {} not ready; log: {}",
            replica.addr,
            replica.log.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// `voicehive bookings unresolved --json` on the replicas' database: the list and the exit code.
fn unresolved(database_url: &str) -> (Vec<Value>, i32) {
    let output = voicehive()
        .args([
            "bookings",
            "--database-url",
            database_url,
            "unresolved",
            "--json",
        ])
        .output()
        .unwrap();
    let code = output.status.code().unwrap_or(-1);
    let stdout = String::from_utf8(output.stdout).unwrap();
    let list: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "bookings unresolved: {e}: {stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (list.as_array().unwrap().clone(), code)
}

/// The sum of a Prometheus metric's samples whose labels include `labels`.
fn metric(text: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let rest = l.strip_prefix(name)?;
            let (label_text, value) = match rest.strip_prefix('{') {
                Some(rest) => rest.split_once("} ")?,
                None => ("", rest.strip_prefix(' ')?),
            };
            labels
                .iter()
                .all(|(k, v)| label_text.contains(&format!("{k}=\"{v}\"")))
                .then(|| value.trim().parse::<f64>().ok())
                .flatten()
        })
        .fold(0.0, |sum, v| sum + v)
}

/// The largest sample of a metric (0 without samples).
fn metric_max(text: &str, name: &str) -> f64 {
    text.lines()
        .filter(|l| l.starts_with(&format!("{name}{{")) || l.starts_with(&format!("{name} ")))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .fold(0.0, f64::max)
}

fn metrics(replica: &str) -> String {
    let reply = call(replica, "GET", "/metrics", &[], None);
    assert_eq!(reply.status, 200);
    reply.body
}

/// Every reservation at the PMS, read from the sandbox itself: (id, last name, status).
fn pms_reservations(sandbox: &str) -> Vec<(String, String, String)> {
    let config = apaleo_sandbox::SandboxConfig::default();
    let form = format!(
        "grant_type=client_credentials&client_id={}&client_secret={}",
        config.client_id, config.client_secret
    );
    let token = call(sandbox, "POST", "/connect/token", &[], Some(&form));
    assert_eq!(token.status, 200, "{}", token.body);
    let bearer = format!("Bearer {}", token.json()["access_token"].as_str().unwrap());
    let reply = call(
        sandbox,
        "GET",
        "/booking/v1/reservations?pageSize=500",
        &[("Authorization", &bearer)],
        None,
    );
    if reply.status == 204 {
        return Vec::new();
    }
    assert_eq!(reply.status, 200, "{}", reply.body);
    let page = reply.json();
    let list = page["reservations"].as_array().unwrap();
    assert!(list.len() < 500, "more reservations than one page");
    list.iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_owned(),
                r["primaryGuest"]["lastName"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                r["status"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The clients.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// Hangs up after `RETRY_TIMEOUT`, and retries that and 409 in progress, 429 and 5xx on
    /// alternating replicas with a short backoff, up to `MAX_ATTEMPTS`.
    Patient,
    /// Sends its first attempt to both replicas at once (a retry that went elsewhere while the
    /// first request still ran), then retries like `Patient`, waiting up to `PATIENT_TIMEOUT`.
    Hedged,
    /// Hangs up after `IMPATIENT_TIMEOUT` and never comes back (until the final replay). With
    /// `close` its request says `Connection: close`.
    Impatient { close: bool },
    /// Gives up after its first answer that is not a 201.
    OneShot,
}

#[derive(Debug, Clone)]
struct Guest {
    index: usize,
    hotel: &'static str,
    key: String,
    last_name: String,
    arrival: String,
    body: String,
    style: Style,
}

impl Guest {
    fn new(index: usize, run: &str, today: chrono::NaiveDate) -> Self {
        // Each style (index % 4) books at both hotels (index / 4) and starts on both replicas
        // (`first_replica`).
        let hotel = HOTELS[(index / 4) % 2];
        let letters: String = [index / 26, index % 26]
            .iter()
            .map(|n| char::from(b'a' + u8::try_from(*n).unwrap()))
            .collect();
        let last_name = format!("Zeller{letters}");
        let arrival = today + chrono::Days::new(40 + index as u64);
        let departure = arrival + chrono::Days::new(1 + (index % 2) as u64);
        let body = json!({
            "arrival": arrival.to_string(),
            "departure": departure.to_string(),
            "adults": 1 + index % 2,
            "room_type": format!("{hotel}-DBL"),
            "rate_plan": format!("{hotel}-FLEX-DBL"),
            "guest": {
                "first_name": "Robin",
                "last_name": last_name,
                "email": format!("{}.guest@example.org", last_name.to_lowercase()),
            },
        })
        .to_string();
        let style = match index % 4 {
            0 => Style::Patient,
            1 => Style::Impatient {
                close: (index / 4) % 2 == 1,
            },
            2 => Style::Hedged,
            _ => Style::OneShot,
        };
        Self {
            index,
            hotel,
            key: format!("chaos-{run}-{index:02}"),
            last_name,
            arrival: arrival.to_string(),
            body,
            style,
        }
    }

    /// The replica of its first attempt; later ones alternate.
    fn first_replica(&self) -> usize {
        (self.index + self.index / 8) % 2
    }

    /// When the client starts, after the injector.
    fn start(&self) -> Duration {
        CLIENTS_AFTER + STAGGER * u32::try_from(self.index).unwrap()
    }

    /// Whether a commit-then-timeout is armed just before it starts.
    fn held(&self) -> bool {
        match self.style {
            Style::Impatient { .. } => true,
            Style::Hedged | Style::Patient => (self.index / 4).is_multiple_of(2),
            Style::OneShot => false,
        }
    }

    fn path(&self) -> String {
        format!("/v1/hotels/{}/reservations", self.hotel)
    }
}

/// A 201 a client received.
#[derive(Debug, Clone)]
struct Created {
    id: String,
    last_name: String,
    arrival: String,
}

#[derive(Debug, Clone, Default)]
struct ClientRun {
    /// Each request's outcome: "201", "503 unavailable", "client timeout", ...
    attempts: Vec<String>,
    /// Rounds of requests (a hedged first round sends two).
    rounds: usize,
    created: Vec<Created>,
    /// No 201: the client gave up (or ran out of attempts).
    gave_up: bool,
    /// An answer no retry can change (it should never come).
    refused: Option<String>,
}

fn retryable(reply: &Reply) -> bool {
    match reply.status {
        409 => reply.code() == "idempotency_in_progress",
        429 | 502 | 503 | 504 => true,
        _ => false,
    }
}

/// A xorshift step, for jitter.
fn jitter(state: &mut u64, below_ms: u64) -> Duration {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    Duration::from_millis(*state % below_ms.max(1))
}

fn backoff(attempt: usize, state: &mut u64) -> Duration {
    let ceiling = (150u64 << attempt.min(4)).min(1200);
    Duration::from_millis(ceiling / 2) + jitter(state, ceiling / 2)
}

fn created(reply: &Reply) -> Created {
    let value = reply.json();
    Created {
        id: value["id"].as_str().unwrap_or_default().to_owned(),
        last_name: value["guest"]["last_name"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        arrival: value["arrival"].as_str().unwrap_or_default().to_owned(),
    }
}

/// Books `guest` as its style says, first on its first replica, then alternating.
fn book(guest: &Guest, replicas: &[String; 2], bearer: &str) -> ClientRun {
    let mut run = ClientRun::default();
    let (timeout, close, rounds) = match guest.style {
        Style::Patient => (RETRY_TIMEOUT, false, MAX_ATTEMPTS),
        Style::Hedged => (PATIENT_TIMEOUT, false, MAX_ATTEMPTS),
        Style::Impatient { close } => (IMPATIENT_TIMEOUT, close, 1),
        Style::OneShot => (PATIENT_TIMEOUT, false, 1),
    };
    let mut rng = 0x9E37_79B9_7F4A_7C15_u64 ^ (guest.index as u64 + 1);
    let headers = [
        ("Authorization", bearer),
        ("Idempotency-Key", guest.key.as_str()),
    ];
    let send = |replica: usize| {
        http(
            &replicas[replica],
            "POST",
            &guest.path(),
            &headers,
            Some(&guest.body),
            timeout,
            close,
        )
    };
    for round in 0..rounds {
        run.rounds += 1;
        let results = if round == 0 && guest.style == Style::Hedged {
            std::thread::scope(|scope| {
                let a = scope.spawn(|| send(0));
                let b = scope.spawn(|| send(1));
                vec![a.join().unwrap(), b.join().unwrap()]
            })
        } else {
            vec![send((guest.first_replica() + round) % 2)]
        };
        let mut finished = false;
        let mut retry_after = None;
        for result in results {
            match result {
                Ok(reply) if reply.status == 201 => {
                    run.attempts.push("201".to_owned());
                    run.created.push(created(&reply));
                    finished = true;
                }
                Ok(reply) => {
                    let outcome = format!("{} {}", reply.status, reply.code());
                    if !retryable(&reply) {
                        run.refused = Some(outcome.clone());
                        finished = true;
                    }
                    retry_after = retry_after.or(reply.retry_after());
                    run.attempts.push(outcome);
                }
                Err(failure) => run.attempts.push(failure.to_string()),
            }
        }
        if finished {
            return run;
        }
        if round + 1 < rounds {
            let wait = retry_after.map_or_else(
                || backoff(round, &mut rng),
                |after| after.min(Duration::from_secs(2)),
            );
            std::thread::sleep(wait);
        }
    }
    run.gave_up = true;
    run
}

/// Replays a key with its body (faults off): retries only what a healthy gateway may still
/// answer while a breaker recovers.
fn replay(guest: &Guest, replica: &str, bearer: &str) -> Reply {
    let headers = [
        ("Authorization", bearer),
        ("Idempotency-Key", guest.key.as_str()),
    ];
    let mut last = None;
    let mut rng = 7 + guest.index as u64;
    for attempt in 0..MAX_ATTEMPTS {
        match http(
            replica,
            "POST",
            &guest.path(),
            &headers,
            Some(&guest.body),
            PATIENT_TIMEOUT,
            false,
        ) {
            Ok(reply) if !retryable(&reply) => return reply,
            Ok(reply) => last = Some(format!("{} {}", reply.status, reply.code())),
            Err(failure) => last = Some(failure.to_string()),
        }
        std::thread::sleep(backoff(attempt, &mut rng));
    }
    panic!("replaying key {} failed: {last:?}", guest.key);
}

/// What the injector did: fault uses pushed per group, and uses still pending at the end.
#[derive(Debug, Default)]
struct Injected {
    pushed: BTreeMap<&'static str, u64>,
    uses_pushed: u64,
    uses_left: u64,
}

fn fault_uses(fault: &Value) -> u64 {
    fault["times"].as_u64().unwrap_or(1)
}

fn push(sandbox: &str, group: &'static str, faults: &str, injected: &mut Injected) {
    let reply = call(sandbox, "POST", "/_sandbox/faults", &[], Some(faults));
    assert_eq!(reply.status, 204, "{faults}: {}", reply.body);
    let value: Value = serde_json::from_str(faults).unwrap();
    let list = value.as_array().cloned().unwrap_or_else(|| vec![value]);
    *injected.pushed.entry(group).or_default() += list.len() as u64;
    injected.uses_pushed += list.iter().map(fault_uses).sum::<u64>();
}

/// Pushes the background faults in turn and arms a commit-then-timeout at each of `arm_at`
/// until `FAULT_WINDOW` has passed, then clears whatever is left.
fn inject(sandbox: &str, mut arm_at: Vec<Duration>) -> Injected {
    let mut injected = Injected::default();
    let start = Instant::now();
    arm_at.sort();
    let mut arm_at = arm_at.into_iter().peekable();
    let mut n = 0;
    let mut next_fault = FAULT_EVERY / 2;
    while start.elapsed() < FAULT_WINDOW {
        if arm_at.next_if(|at| start.elapsed() >= *at).is_some() {
            push(
                sandbox,
                "commit then timeout",
                COMMIT_THEN_TIMEOUT,
                &mut injected,
            );
        }
        if start.elapsed() >= next_fault {
            let (group, fault) = FAULTS[n % FAULTS.len()];
            push(sandbox, group, fault, &mut injected);
            n += 1;
            next_fault += FAULT_EVERY;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let pending = call(sandbox, "GET", "/_sandbox/faults", &[], None).json();
    injected.uses_left = pending["faults"]
        .as_array()
        .unwrap()
        .iter()
        .map(fault_uses)
        .sum();
    let cleared = call(sandbox, "DELETE", "/_sandbox/faults", &[], None);
    assert_eq!(cleared.status, 204);
    injected
}

// ---------------------------------------------------------------------------------------------

/// What happened to a booking whose client gave up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Resolution {
    /// Listed as booked, not delivered; the replay returned that reservation.
    ListedBooked,
    /// Not listed: the gateway had stored the answer the client missed; the replay returned it.
    StoredAnswer,
    /// No booking at the PMS: the replay booked.
    BookedOnReplay,
}

#[test]
fn chaos_two_replicas_on_postgres_book_each_guest_exactly_once() {
    let started = Instant::now();
    let run = format!(
        "{}{}",
        std::process::id(),
        chrono::Utc::now().timestamp_micros() % 1_000_000_000
    );
    let dir = std::env::temp_dir().join(format!("voicehive-chaos-{run}"));
    std::fs::create_dir_all(&dir).unwrap();
    // Shown with the test's output if it fails; removed if it passes.
    print_summary(&format!(
        "chaos: configuration and replica logs in {}",
        dir.display()
    ));

    // The shared PMS, its client's secrets in files.
    let (_sandbox, sandbox, _) = start_sandbox();
    let sandbox_config = apaleo_sandbox::SandboxConfig::default();
    std::fs::write(dir.join("client_id"), &sandbox_config.client_id).unwrap();
    std::fs::write(dir.join("client_secret"), &sandbox_config.client_secret).unwrap();
    // Both replicas share the privacy keys (pseudonyms, audit checkpoints).
    std::fs::write(
        dir.join("pseudonym.key"),
        "chaos-pseudonym-key-0123456789abcdef",
    )
    .unwrap();
    std::fs::write(dir.join("audit-signing.key"), "42".repeat(32)).unwrap();

    // One schema for both replicas; declared before them, so it is dropped after they are killed.
    let schema = Schema::create(format!("chaos_{run}"));
    let database_url = schema.url();

    let api_key = format!("vh_chaos_{run:0>31}");
    assert_eq!(api_key.len(), 40);
    let bearer = format!("Bearer {api_key}");
    let mut config = format!(
        r#"[server]
database_url = "{database_url}"
redis_url = "{REDIS_URL}"
request_timeout_secs = 12
reconcile_interval_secs = 1
reconcile_after_secs = 2
# Once the clients are done, the worker's health probes are the only calls that can take an
# open breaker through its trial calls back to closed.
pms_probe_interval_secs = 1
rate_limit_per_second = 200
rate_limit_burst = 400
header_read_timeout_secs = 5

[privacy]
pseudonym_key = "file:{pseudonym}"
audit_signing_key = "file:{signing}"
"#,
        pseudonym = dir.join("pseudonym.key").display(),
        signing = dir.join("audit-signing.key").display(),
    );
    for hotel in HOTELS {
        config.push_str(&format!(
            r#"
[[hotels]]
id = "{hotel}"
vendor = "apaleo"
property = "{hotel}"
account = "chaos-{run}-{hotel}"
live = false
endpoints = {{ api = "http://{sandbox}", identity = "http://{sandbox}" }}
credentials = {{ client_id = "file:{id}", client_secret = "file:{secret}" }}
"#,
            id = dir.join("client_id").display(),
            secret = dir.join("client_secret").display(),
        ));
    }
    config.push_str(&format!(
        r#"
[[tenants]]
id = "{TENANT}"
name = "Chaos test"
hotels = ["BER", "ZRH"]
[[tenants.keys]]
key_env = "{KEY_ENV}"
scopes = ["pms:read", "pms:write", "ops:read"]
hotels = ["BER", "ZRH"]
"#
    ));
    let config_path = dir.join("voicehive.toml");
    std::fs::write(&config_path, config).unwrap();

    // Both replicas start together on the fresh schema (they migrate one after the other).
    let mut replica_a = start_replica(&config_path, &api_key, dir.join("replica-a.log"));
    let mut replica_b = start_replica(&config_path, &api_key, dir.join("replica-b.log"));
    wait_ready(&mut replica_a);
    wait_ready(&mut replica_b);
    let replicas = [replica_a.addr.clone(), replica_b.addr.clone()];
    for replica in &replicas {
        let hotels = call(
            replica,
            "GET",
            "/v1/hotels",
            &[("Authorization", &bearer)],
            None,
        );
        assert_eq!(hotels.status, 200, "{}", hotels.body);
    }
    let ready_at = started.elapsed();

    let today = chrono::Utc::now().date_naive();
    let guests: Vec<Guest> = (0..CLIENTS).map(|i| Guest::new(i, &run, today)).collect();

    // The run: clients and the fault injector at once.
    let chaos_started = Instant::now();
    let (runs, injected) = std::thread::scope(|scope| {
        let arm_at = guests
            .iter()
            .filter(|g| g.held())
            .map(|g| g.start() - Duration::from_millis(100))
            .collect();
        let injector = scope.spawn(|| inject(&sandbox, arm_at));
        let clients: Vec<_> = guests
            .iter()
            .map(|guest| {
                let (replicas, bearer) = (&replicas, &bearer);
                scope.spawn(move || {
                    std::thread::sleep(guest.start());
                    book(guest, replicas, bearer)
                })
            })
            .collect();
        let runs: Vec<ClientRun> = clients.into_iter().map(|c| c.join().unwrap()).collect();
        (runs, injector.join().unwrap())
    });
    let chaos_took = chaos_started.elapsed();

    // Faults are off. The reconciler settles every unknown outcome and the breakers close.
    let settle_started = Instant::now();
    loop {
        let (list, _) = unresolved(&database_url);
        let unknown = list.iter().filter(|b| b["state"] == "unknown").count();
        let open = replicas
            .iter()
            .any(|r| metric_max(&metrics(r), "voicehive_pms_circuit_state") != 0.0);
        if unknown == 0 && !open {
            break;
        }
        assert!(
            settle_started.elapsed() < SETTLE_LIMIT,
            "{unknown} outcomes still unknown (breaker open: {open}) {} s after the faults stopped",
            SETTLE_LIMIT.as_secs()
        );
        std::thread::sleep(Duration::from_millis(500));
    }
    let settle_took = settle_started.elapsed();

    // The unresolved list: stable now (nothing is unknown; a booked-not-delivered booking leaves
    // it when its key is replayed).
    let (listed, exit_code) = unresolved(&database_url);
    let listed_at = Instant::now();
    assert_eq!(
        exit_code,
        i32::from(!listed.is_empty()),
        "exit code of bookings unresolved"
    );
    let by_key: HashMap<&str, &Guest> = guests.iter().map(|g| (g.key.as_str(), g)).collect();
    let mut listed_by_key: HashMap<String, Value> = HashMap::new();
    let mut listed_counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut oldest = 0;
    for entry in &listed {
        let key = entry["idempotency_key"].as_str().unwrap().to_owned();
        assert!(
            by_key.contains_key(key.as_str()),
            "an unknown key is listed: {entry}"
        );
        assert_eq!(entry["tenant"], TENANT, "{entry}");
        let state = entry["state"].as_str().unwrap().to_owned();
        assert_eq!(state, "booked_not_delivered", "{entry}");
        assert!(entry["reservation_id"].is_string(), "{entry}");
        let age = entry["age_seconds"]
            .as_i64()
            .unwrap_or_else(|| panic!("no age: {entry}"));
        assert!(
            (0..=i64::try_from(started.elapsed().as_secs()).unwrap() + 1).contains(&age),
            "an age older than the test: {entry}"
        );
        oldest = oldest.max(age);
        *listed_counts.entry(state).or_default() += 1;
        assert!(
            listed_by_key.insert(key, entry.clone()).is_none(),
            "a key is listed twice"
        );
    }

    // The list, the gauges of both replicas and /v1/status agree.
    let count = |state: &str| listed_counts.get(state).copied().unwrap_or(0);
    let gauges_agree = |expected: &dyn Fn(&str) -> usize| {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let texts: Vec<String> = replicas.iter().map(|r| metrics(r)).collect();
            let agree = texts.iter().all(|text| {
                ["unknown", "booked_not_delivered"].iter().all(|state| {
                    metric(text, "gateway_bookings_unresolved", &[("state", state)])
                        == expected(state) as f64
                })
            });
            if agree {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "gateway_bookings_unresolved disagrees with the list: {:?}",
                texts
                    .iter()
                    .map(|t| {
                        t.lines()
                            .filter(|l| l.starts_with("gateway_bookings_unresolved{"))
                            .collect::<Vec<_>>()
                    })
                    .collect::<Vec<_>>()
            );
            std::thread::sleep(Duration::from_millis(250));
        }
    };
    gauges_agree(&count);
    for text in replicas.iter().map(|r| metrics(r)) {
        let gauge = metric(
            &text,
            "gateway_bookings_unresolved_oldest_seconds",
            &[("state", "booked_not_delivered")],
        );
        // The gauge is as old as the worker's last round (every second).
        let since = listed_at.elapsed().as_secs_f64();
        assert!(
            gauge >= oldest as f64 - 2.0 && gauge <= oldest as f64 + since + 2.0,
            "oldest unresolved: the gauge says {gauge} s, the list {oldest} s ({since:.1} s ago)"
        );
    }
    for replica in &replicas {
        let status = call(
            replica,
            "GET",
            "/v1/status",
            &[("Authorization", &bearer)],
            None,
        );
        assert_eq!(status.status, 200, "{}", status.body);
        let by_state = status.json()["unresolved_bookings"].clone();
        for state in ["unknown", "booked_not_delivered"] {
            assert_eq!(
                by_state[state].as_u64().unwrap_or(0),
                count(state) as u64,
                "/v1/status: {by_state}"
            );
        }
    }

    // The PMS's truth before any replay.
    let pms_before = pms_reservations(&sandbox);
    let mut at_pms: HashMap<String, Vec<String>> = HashMap::new();
    for (id, last_name, _) in &pms_before {
        at_pms
            .entry(last_name.clone())
            .or_default()
            .push(id.clone());
    }
    let names: BTreeSet<&str> = guests.iter().map(|g| g.last_name.as_str()).collect();
    for (last_name, ids) in &at_pms {
        assert!(
            names.contains(last_name.as_str()),
            "a reservation of nobody's at the PMS: {ids:?}"
        );
        assert_eq!(
            ids.len(),
            1,
            "duplicate: guest {} has {ids:?}",
            guests
                .iter()
                .find(|g| &g.last_name == last_name)
                .map_or(0, |g| g.index)
        );
    }

    // Clients that were told: one reservation, theirs, at the PMS, the same on replay elsewhere.
    let mut answered = 0;
    for (guest, client) in guests.iter().zip(&runs) {
        assert!(
            client.refused.is_none(),
            "client {} was refused: {:?}",
            guest.index,
            client.attempts
        );
        let Some(first) = client.created.first() else {
            assert!(client.gave_up);
            continue;
        };
        answered += 1;
        for c in &client.created {
            assert_eq!(c.id, first.id, "client {}: mismatched answers", guest.index);
            assert_eq!(
                c.last_name, guest.last_name,
                "client {}: another guest's answer",
                guest.index
            );
            assert_eq!(
                c.arrival, guest.arrival,
                "client {}: other dates",
                guest.index
            );
        }
        assert_eq!(
            at_pms.get(&guest.last_name),
            Some(&vec![first.id.clone()]),
            "client {}: its reservation is lost (or another is at the PMS)",
            guest.index
        );
        assert!(
            !listed_by_key.contains_key(&guest.key),
            "client {} was told, yet its booking is listed as unresolved",
            guest.index
        );
        let again = replay(guest, &replicas[(guest.first_replica() + 1) % 2], &bearer);
        assert_eq!(
            again.status, 201,
            "client {}: replay: {}",
            guest.index, again.body
        );
        assert!(
            again.replayed(),
            "client {}: the replay booked again",
            guest.index
        );
        assert_eq!(
            created(&again).id,
            first.id,
            "client {}: the replay differs",
            guest.index
        );
    }

    // Clients that gave up: none is silent.
    let mut resolutions: BTreeMap<Resolution, usize> = BTreeMap::new();
    for (guest, client) in guests.iter().zip(&runs) {
        if !client.created.is_empty() {
            continue;
        }
        let booked = at_pms.get(&guest.last_name).and_then(|ids| ids.first());
        let listed = listed_by_key.get(&guest.key);
        let again = replay(guest, &replicas[(guest.first_replica() + 1) % 2], &bearer);
        assert_eq!(
            again.status, 201,
            "client {}: replay: {}",
            guest.index, again.body
        );
        let answer = created(&again);
        assert_eq!(answer.last_name, guest.last_name, "client {}", guest.index);
        assert_eq!(answer.arrival, guest.arrival, "client {}", guest.index);
        let resolution = match (listed, booked) {
            (Some(entry), _) => {
                assert_eq!(
                    Some(entry["reservation_id"].as_str().unwrap()),
                    booked.map(String::as_str),
                    "client {}: the listed reservation is not the PMS's",
                    guest.index
                );
                assert!(again.replayed(), "client {}", guest.index);
                assert_eq!(Some(&answer.id), booked, "client {}", guest.index);
                Resolution::ListedBooked
            }
            (None, Some(id)) => {
                assert!(
                    again.replayed() && &answer.id == id,
                    "client {}: silent booking: the PMS has it, the list does not, and the \
                     gateway did not hold its answer",
                    guest.index
                );
                Resolution::StoredAnswer
            }
            (None, None) => {
                assert!(
                    !again.replayed(),
                    "client {}: a stored 201 names a reservation the PMS does not have",
                    guest.index
                );
                Resolution::BookedOnReplay
            }
        };
        *resolutions.entry(resolution).or_default() += 1;
    }

    // Now every guest has exactly one reservation, the PMS committed exactly one booking per
    // guest, the gateway finds each, and nothing is unresolved.
    let pms_after = pms_reservations(&sandbox);
    assert_eq!(pms_after.len(), CLIENTS, "reservations at the PMS");
    let after: HashMap<&str, (&str, &str)> = pms_after
        .iter()
        .map(|(id, name, status)| (name.as_str(), (id.as_str(), status.as_str())))
        .collect();
    assert_eq!(after.len(), CLIENTS, "a guest has two reservations");
    let stats = call(&sandbox, "GET", "/_sandbox/stats", &[], None).json();
    assert_eq!(
        stats["bookingsCreated"].as_u64(),
        Some(CLIENTS as u64),
        "bookings the PMS committed: {stats}"
    );
    for guest in &guests {
        let (id, status) = after[guest.last_name.as_str()];
        assert_eq!(status, "Confirmed", "client {}", guest.index);
        let found = call(
            &replicas[guest.index % 2],
            "GET",
            &format!(
                "{}?last_name={}&arrival={}",
                guest.path(),
                guest.last_name,
                guest.arrival
            ),
            &[("Authorization", &bearer)],
            None,
        );
        assert_eq!(found.status, 200, "{}", found.body);
        let ids: Vec<String> = found
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap_or_default().to_owned())
            .collect();
        assert_eq!(ids, vec![id.to_owned()], "client {}: search", guest.index);
    }
    let (left, exit_code) = unresolved(&database_url);
    assert!(left.is_empty(), "unresolved after every replay: {left:?}");
    assert_eq!(exit_code, 0);
    gauges_agree(&|_| 0);

    // The gateway saw the faults, and the replicas' logs hold no guest data.
    let texts: Vec<String> = replicas.iter().map(|r| metrics(r)).collect();
    let total = |name: &str, labels: &[(&str, &str)]| -> f64 {
        texts.iter().map(|t| metric(t, name, labels)).sum()
    };
    let pms_retries = total("voicehive_pms_retries_total", &[]);
    assert!(pms_retries > 0.0, "the replicas never retried a PMS call");
    assert!(
        injected.uses_left < injected.uses_pushed,
        "no fault reached the PMS's requests"
    );
    let mut breaker_opened = 0;
    for replica in [&replica_a, &replica_b] {
        let log = std::fs::read_to_string(&replica.log)
            .unwrap()
            .to_lowercase();
        breaker_opened += log.matches("\"to\":\"open\"").count();
        assert!(
            log.contains("\"status\":201"),
            "no request lines in {}",
            replica.log.display()
        );
        for guest in &guests {
            assert!(
                !log.contains(&guest.last_name.to_lowercase()),
                "{} holds guest data",
                replica.log.display()
            );
        }
    }

    // The figures.
    let requests: usize = runs.iter().map(|r| r.attempts.len()).sum();
    let retries: usize = runs.iter().map(|r| r.rounds - 1).sum();
    let mut answers: BTreeMap<&str, usize> = BTreeMap::new();
    for attempt in runs.iter().flat_map(|r| &r.attempts) {
        *answers.entry(attempt.as_str()).or_default() += 1;
    }
    let of_style = |f: &dyn Fn(Style) -> bool| guests.iter().filter(|g| f(g.style)).count();
    let gave_up = |f: &dyn Fn(Style) -> bool| {
        guests
            .iter()
            .zip(&runs)
            .filter(|(g, r)| f(g.style) && r.gave_up)
            .count()
    };
    let impatient = |s: Style| matches!(s, Style::Impatient { .. });
    let patient = |s: Style| matches!(s, Style::Patient | Style::Hedged);
    let two_answers = runs.iter().filter(|r| r.created.len() > 1).count();
    let summary = format!(
        "chaos: {CLIENTS} bookings on 2 replicas (PostgreSQL, Redis): {} retry (hanging up after \
         {} s), {} hedged on both replicas, {} hang up after {} ms, {} give up after one failure\n\
         chaos: {requests} requests, {retries} retries; answers: {answers:?}\n\
         chaos: {answered} clients got their 201 during the run ({two_answers} hedged got two, the \
         same); gave up: {} impatient, {} one-shot, {} patient ran out of attempts\n\
         chaos: faults pushed: {:?}; fault uses {} pushed, {} never reached a request\n\
         chaos: replicas: {pms_retries} PMS retries, {breaker_opened} circuit breakers opened \
         ({} calls refused); reconciler lookups: {} booked, {} absent, {} failed\n\
         chaos: unresolved after settling: {listed_counts:?}, oldest {oldest} s; given-up \
         bookings: {resolutions:?}\n\
         chaos: PMS: {} reservations, {} commits; 0 duplicates, 0 lost, 0 mismatched, 0 silent\n\
         chaos: start {:.1} s, faults and clients {:.1} s, settle {:.1} s, total {:.1} s",
        of_style(&|s| s == Style::Patient),
        RETRY_TIMEOUT.as_secs(),
        of_style(&|s| s == Style::Hedged),
        of_style(&impatient),
        IMPATIENT_TIMEOUT.as_millis(),
        of_style(&|s| s == Style::OneShot),
        gave_up(&impatient),
        gave_up(&|s| s == Style::OneShot),
        gave_up(&patient),
        injected.pushed,
        injected.uses_pushed,
        injected.uses_left,
        total("voicehive_pms_circuit_rejections_total", &[]),
        total(
            "gateway_booking_reconciliations_total",
            &[("result", "booked")]
        ),
        total(
            "gateway_booking_reconciliations_total",
            &[("result", "absent")]
        ),
        total(
            "gateway_booking_reconciliations_total",
            &[("result", "failed")]
        ),
        pms_after.len(),
        stats["bookingsCreated"],
        ready_at.as_secs_f64(),
        chaos_took.as_secs_f64(),
        settle_took.as_secs_f64(),
        started.elapsed().as_secs_f64(),
    );
    print_summary(&summary);
    drop((replica_a, replica_b));
    drop(schema);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The figures go to stdout (visible with `--nocapture`).
#[allow(clippy::print_stdout)]
fn print_summary(summary: &str) {
    println!("{summary}");
}
