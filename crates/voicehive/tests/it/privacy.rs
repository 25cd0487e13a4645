//! The privacy records end to end, through the `voicehive` binary as an operator runs it.
//!
//! - A sandbox session (`voicehive serve --data-dir DIR`, no configuration): a guest books,
//!   reads, finds, changes and cancels a stay; an access request is answered by the gateway's
//!   worker; the gateway stops; then `audit checkpoint`, `audit verify`, `dsar list`, `dsar
//!   show`, `dsar export`, `dsar verify`, `dsar erase` and `retention run --dry-run` on the same
//!   directory, and the guest's data is gone from the database.
//! - Tampering with the audit log, as a database superuser who goes around the append-only
//!   triggers would, is caught by `audit verify`: on SQLite (a sandbox session's chain) and on
//!   PostgreSQL (a chain of `keys create` / `keys revoke` entries in a fresh schema). Each case
//!   runs on a fresh copy of the chain: an edited, a deleted and a reordered entry, a truncated
//!   tail, and a chain cut or rewritten (re-hashed) together with its stored checkpoints, which
//!   only the checkpoints exported off the box (`audit export-checkpoints`) catch.
//! - `voicehive eu-check` on Terraform files, and the residency check of `voicehive serve`.
//!
//! The tampering goes through the `sqlite3` and `psql` command-line tools (the test crate has
//! no SQL client): both must be installed (`apt-get install sqlite3 postgresql-client`). The
//! PostgreSQL test needs the local PostgreSQL with the database `test` (as the chaos test).
//! Scratch directories are under the system's temporary directory, named with the process
//! id; a passing test removes its own (a failing one leaves it for inspection).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};
use std::time::{Duration, Instant};

use compliance::audit::{AuditEntry, AuditEvent, GENESIS};
use serde_json::{Value, json};

/// The local PostgreSQL (trust authentication; no TLS: a debug build's handshake costs about
/// 0.2 s per command).
const PG_URL: &str = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable";
/// The demo tenant's key in the sandbox sessions (32 to 256 characters).
const DEMO_KEY: &str = "vh_privacy_test_demo_key_0123456789abcdef";

// ---------------------------------------------------------------------------------------------
// Processes and files.

/// A scratch directory, removed when the test passes.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("voicehive-privacy-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    fn join(&self, path: &str) -> PathBuf {
        self.0.join(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// `voicehive` run in `cwd`, with none of the caller's `VOICEHIVE_*` settings.
fn command(cwd: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_voicehive"));
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("VOICEHIVE_") {
            command.env_remove(name);
        }
    }
    command.current_dir(cwd);
    command
}

fn vh(cwd: &Path, args: &[&str]) -> Output {
    command(cwd).args(args).output().unwrap()
}

fn out(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn err(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The stdout of a command that must succeed.
fn ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        output.status.code(),
        out(output),
        err(output)
    );
    out(output)
}

fn json_of(output: &Output) -> Value {
    let stdout = ok(output);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

/// Copies a directory tree (a data directory: the database and `keys/`).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A running `voicehive serve`, killed if dropped before `stop`.
struct Serve {
    child: Child,
    addr: String,
    log: PathBuf,
}

impl Serve {
    /// Starts `voicehive serve ARGS --addr <free port>` in `cwd` (stdout and stderr to
    /// `log`), with the demo key set.
    fn start(cwd: &Path, args: &[&str], log: PathBuf) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let addr = format!("127.0.0.1:{port}");
        let file = std::fs::File::create(&log).unwrap();
        let child = command(cwd)
            .arg("serve")
            .args(args)
            .args(["--addr", &addr])
            .env("VOICEHIVE_DEMO_KEY", DEMO_KEY)
            .env("VOICEHIVE_LOG", "info")
            .stdout(file.try_clone().unwrap())
            .stderr(file)
            .spawn()
            .unwrap();
        Self { child, addr, log }
    }

    /// A sandbox session (`voicehive serve --data-dir DATA`, no configuration), ready.
    fn sandbox(scratch: &Scratch, data: &Path) -> Self {
        let mut serve = Self::start(
            &scratch.0,
            &["--data-dir", text(data)],
            scratch.join("serve.log"),
        );
        serve.wait_for("/readyz");
        serve
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits until `path` answers 200 (`/readyz`, or `/healthz` when the PMS is unreachable).
    fn wait_for(&mut self, path: &str) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if std::net::TcpStream::connect(&self.addr).is_ok()
                && call(&self.addr, "GET", path, &[], None).0 == 200
            {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("voicehive serve exited ({status}):\n{}", self.log());
            }
            assert!(
                Instant::now() < deadline,
                "voicehive serve not ready:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops the gateway as an operator does (SIGTERM); it must exit 0. Returns its log.
    fn stop(mut self) -> String {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -TERM failed");
        let deadline = Instant::now() + Duration::from_secs(30);
        let exit = loop {
            if let Some(exit) = self.child.try_wait().unwrap() {
                break exit;
            }
            assert!(
                Instant::now() < deadline,
                "voicehive serve did not stop on SIGTERM:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        let log = self.log();
        assert!(exit.success(), "voicehive serve exited {exit}:\n{log}");
        assert!(log.contains("gateway stopped"), "{log}");
        log
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request (`Connection: close`): the status and the body.
fn call(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&Value>,
) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() {
        request.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(&body);
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {response}"));
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_owned()
    };
    (status, body)
}

fn dechunk(mut data: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = data.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        out.push_str(&rest[..size]);
        data = &rest[size + 2..];
    }
    out
}

/// A call with the demo key that must answer `expected`; its JSON body.
fn api(addr: &str, method: &str, path: &str, body: Option<Value>, expected: u16) -> Value {
    let bearer = format!("Bearer {DEMO_KEY}");
    let (status, text) = call(
        addr,
        method,
        path,
        &[("Authorization", &bearer)],
        body.as_ref(),
    );
    assert_eq!(status, expected, "{method} {path}: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{method} {path}: {e}: {text}"))
}

/// The guest of a booking: distinctive values, to search the database for afterwards.
struct Guest {
    first_name: &'static str,
    last_name: &'static str,
    email: &'static str,
    phone: &'static str,
}

const GUEST: Guest = Guest {
    first_name: "Wilhelmina",
    last_name: "Quaxelbrot",
    email: "wilhelmina.quaxelbrot@example.org",
    phone: "+4930555019977",
};

/// Books `nights` nights at BER, `days_ahead` days from now, for `guest`; the reservation.
fn book(addr: &str, guest: &Guest, days_ahead: u64, nights: u64) -> Value {
    let arrival = chrono::Utc::now().date_naive() + chrono::Days::new(days_ahead);
    let departure = arrival + chrono::Days::new(nights);
    let body = json!({
        "arrival": arrival.to_string(),
        "departure": departure.to_string(),
        "adults": 2,
        "room_type": "BER-DBL",
        "rate_plan": "BER-FLEX-DBL",
        "guest": {
            "first_name": guest.first_name,
            "last_name": guest.last_name,
            "email": guest.email,
            "phone": guest.phone,
        },
    });
    let bearer = format!("Bearer {DEMO_KEY}");
    let key = format!("privacy-test-booking-{days_ahead}");
    let (status, text) = call(
        addr,
        "POST",
        "/v1/hotels/BER/reservations",
        &[("Authorization", &bearer), ("Idempotency-Key", &key)],
        Some(&body),
    );
    assert_eq!(status, 201, "booking: {text}");
    serde_json::from_str(&text).unwrap()
}

// ---------------------------------------------------------------------------------------------
// The database, as its superuser sees it.

/// A database tampered with through `sqlite3` or `psql`, around the application.
enum Db {
    /// An SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL URL (the test's schema in its connection options).
    Postgres(String),
}

impl Db {
    /// Runs `sql`; the database's error message if it refused.
    fn exec(&self, sql: &str) -> Result<String, String> {
        let output = match self {
            Db::Sqlite(file) => Command::new("sqlite3")
                .args(["-bail", text(file), sql])
                .output()
                .unwrap_or_else(|e| {
                    panic!("this test runs `sqlite3` (apt-get install sqlite3): {e}")
                }),
            Db::Postgres(url) => Command::new("psql")
                .args([
                    url.as_str(),
                    "-X",
                    "-q",
                    "-A",
                    "-t",
                    "-v",
                    "ON_ERROR_STOP=1",
                    "-c",
                    sql,
                ])
                .output()
                .unwrap_or_else(|e| panic!("this test runs `psql`: {e}")),
        };
        if output.status.success() {
            Ok(out(&output))
        } else {
            Err(err(&output))
        }
    }

    /// `sql` that must succeed.
    fn run(&self, sql: &str) -> String {
        self.exec(sql)
            .unwrap_or_else(|e| panic!("the database refused `{sql}`: {e}"))
    }

    /// The rows of a SELECT as JSON objects.
    fn rows(&self, select: &str) -> Vec<Value> {
        let text = match self {
            Db::Sqlite(file) => {
                let output = Command::new("sqlite3")
                    .args(["-json", text(file), select])
                    .output()
                    .unwrap_or_else(|e| {
                        panic!("this test runs `sqlite3` (apt-get install sqlite3): {e}")
                    });
                ok(&output)
            }
            Db::Postgres(_) => self.run(&format!(
                "SELECT coalesce(json_agg(t), '[]'::json) FROM ({select}) t"
            )),
        };
        if text.trim().is_empty() {
            return Vec::new();
        }
        serde_json::from_str::<Vec<Value>>(&text)
            .unwrap_or_else(|e| panic!("not JSON rows ({e}): {text}"))
    }

    /// `sql` run as a superuser who goes around the append-only triggers: on SQLite by
    /// dropping them, on PostgreSQL with `session_replication_role = replica` (which a
    /// superuser may set: ordinary triggers do not fire).
    fn tamper(&self, sql: &str) {
        let bypass = match self {
            Db::Sqlite(_) => {
                "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; \
                 DROP TRIGGER IF EXISTS audit_checkpoints_no_update; DROP TRIGGER IF EXISTS audit_checkpoints_no_delete;"
            }
            Db::Postgres(_) => "SET session_replication_role = replica;",
        };
        self.run(&format!("{bypass} {sql}"));
    }
}

/// A PostgreSQL schema of the test, dropped at the end.
struct Schema(String);

impl Schema {
    fn create(name: &str) -> Self {
        Db::Postgres(PG_URL.to_owned()).run(&format!(
            "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"
        ));
        Self(name.to_owned())
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        let _ = Db::Postgres(PG_URL.to_owned())
            .exec(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.0));
    }
}

/// A fresh copy of a chain: its database, and the flags that point `voicehive` at it.
struct ChainCopy {
    db: Db,
    flags: Vec<String>,
}

impl ChainCopy {
    fn verify(&self, cwd: &Path, extra: &[&str]) -> Output {
        let mut args = vec!["audit", "verify"];
        args.extend(self.flags.iter().map(String::as_str));
        args.extend(extra);
        vh(cwd, &args)
    }
}

/// `audit verify` found the chain intact, with `entries` entries.
fn assert_intact(output: &Output, entries: i64) {
    let stdout = ok(output);
    assert!(
        stdout.starts_with(&format!(
            "audit chain intact: {entries} entries, head {entries} ("
        )),
        "{stdout}"
    );
}

/// `audit verify` exited 1 naming `entry` as the first broken one, for `why`.
fn assert_broken(output: &Output, entry: i64, why: &str) {
    assert_eq!(
        output.status.code(),
        Some(1),
        "stdout: {}\nstderr: {}",
        out(output),
        err(output)
    );
    assert_eq!(
        out(output),
        format!("audit chain BROKEN at entry {entry}: {why}\n")
    );
}

/// The entries of the chain, re-hashed from entry 1 with entry `edit`'s outcome changed:
/// (seq, outcome, prev_hash, hash) in hex. Checks first that hashing the stored rows
/// unchanged gives their stored hashes (so the test reads the rows as the verifier does).
fn rehashed(rows: &[Value], edit: i64) -> Vec<(i64, String, String, String)> {
    let field = |row: &Value, name: &str| row[name].as_str().map(str::to_owned);
    let event = |row: &Value| AuditEvent {
        at: field(row, "at").unwrap(),
        tenant: field(row, "tenant_id"),
        actor: field(row, "actor").unwrap(),
        action: field(row, "action").unwrap(),
        hotel: field(row, "hotel_id"),
        subject: field(row, "subject_ref"),
        resource: field(row, "resource"),
        outcome: field(row, "outcome").unwrap(),
        details: field(row, "details"),
    };
    let (mut seq, mut hash) = (0, GENESIS);
    for row in rows {
        let entry = AuditEntry::chain(seq, hash, event(row));
        assert_eq!(
            compliance::hex::encode(&entry.hash),
            row["hash"].as_str().unwrap(),
            "re-hashing the stored entry {} gives another hash",
            entry.seq
        );
        (seq, hash) = (entry.seq, entry.hash);
    }
    let (mut seq, mut hash) = (0, GENESIS);
    let mut chain = Vec::new();
    for row in rows {
        let mut event = event(row);
        if seq + 1 == edit {
            event.outcome = "conflict".to_owned();
        }
        let entry = AuditEntry::chain(seq, hash, event);
        chain.push((
            entry.seq,
            entry.event.outcome.clone(),
            compliance::hex::encode(&entry.prev_hash),
            compliance::hex::encode(&entry.hash),
        ));
        (seq, hash) = (entry.seq, entry.hash);
    }
    chain
}

/// Every tampering case, each on `fresh(case)`: a fresh copy of a chain of `head` entries
/// whose head was checkpointed, and whose checkpoints were exported to `exported` before.
fn tampering_is_caught(
    cwd: &Path,
    fresh: &mut dyn FnMut(&str) -> ChainCopy,
    head: i64,
    exported: &Path,
) {
    assert!(
        head >= 6,
        "the chain is too short for the cases: {head} entries"
    );
    let file: Value = serde_json::from_str(&std::fs::read_to_string(exported).unwrap()).unwrap();
    let signed: Vec<i64> = file["checkpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(
        signed.iter().max(),
        Some(&head),
        "the head is not checkpointed: {file}"
    );
    let first_signed_from = |seq: i64| *signed.iter().filter(|s| **s >= seq).min().unwrap();
    let with_file = ["--checkpoints", text(exported)];
    let k = 3;

    // Untouched: intact, the head's checkpoint verified.
    let copy = fresh("untouched");
    let output = copy.verify(cwd, &[]);
    assert_intact(&output, head);
    assert!(
        out(&output).contains(&format!("checkpoints verified (newest at entry {head})")),
        "{}",
        out(&output)
    );
    assert_intact(&copy.verify(cwd, &with_file), head);
    let report = json_of(&copy.verify(cwd, &["--json"]));
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["report"]["entries"], head, "{report}");
    assert_eq!(report["report"]["last_checkpoint_seq"], head, "{report}");

    // The triggers refuse changes to entries and checkpoints, even from the superuser.
    let copy = fresh("triggers");
    for (sql, refusal) in [
        (
            "UPDATE audit_log SET outcome = 'conflict' WHERE seq = 3",
            "append-only: UPDATE refused",
        ),
        (
            "DELETE FROM audit_log WHERE seq = 3",
            "append-only: DELETE refused",
        ),
        (
            "UPDATE audit_checkpoints SET seq = 1",
            "append-only: UPDATE refused",
        ),
        (
            "DELETE FROM audit_checkpoints",
            "append-only: DELETE refused",
        ),
    ] {
        let refused = copy
            .db
            .exec(sql)
            .err()
            .unwrap_or_else(|| panic!("`{sql}` was allowed"));
        assert!(refused.contains(refusal), "`{sql}`: {refused}");
    }
    if let Db::Postgres(_) = copy.db {
        for table in ["audit_log", "audit_checkpoints"] {
            let refused = copy.db.exec(&format!("TRUNCATE {table}")).err();
            assert!(
                refused
                    .as_deref()
                    .is_some_and(|e| e.contains("append-only: TRUNCATE refused")),
                "TRUNCATE {table}: {refused:?}"
            );
        }
    }
    assert_intact(&copy.verify(cwd, &[]), head);

    // An edited entry: named, as edited.
    let copy = fresh("edited");
    copy.db.tamper(&format!(
        "UPDATE audit_log SET outcome = 'conflict' WHERE seq = {k}"
    ));
    assert_broken(
        &copy.verify(cwd, &[]),
        k,
        &format!("entry {k}: its contents do not match its hash (edited or moved)"),
    );
    let report = copy.verify(cwd, &["--json"]);
    assert_eq!(report.status.code(), Some(1));
    let report: Value = serde_json::from_str(&out(&report)).unwrap();
    assert_eq!(report["ok"], false, "{report}");
    assert_eq!(report["first_broken_entry"], k, "{report}");
    assert_eq!(report["break"]["kind"], "edited", "{report}");

    // A deleted entry in the middle: named as missing.
    let copy = fresh("deleted");
    copy.db
        .tamper(&format!("DELETE FROM audit_log WHERE seq = {k}"));
    assert_broken(
        &copy.verify(cwd, &[]),
        k,
        &format!(
            "entry {k} is missing (the next entry present is {}): deleted",
            k + 1
        ),
    );

    // Two entries swapped (their sequence numbers exchanged): the first is named.
    let copy = fresh("reordered");
    copy.db.tamper(&format!(
        "UPDATE audit_log SET seq = -1 WHERE seq = {k}; \
         UPDATE audit_log SET seq = {k} WHERE seq = {}; \
         UPDATE audit_log SET seq = {} WHERE seq = -1;",
        k + 1,
        k + 1
    ));
    assert_broken(
        &copy.verify(cwd, &[]),
        k,
        &format!("entry {k}: its contents do not match its hash (edited or moved)"),
    );

    // The tail cut after the head was signed: the stored checkpoint names the truncation.
    let last = head - 2;
    let copy = fresh("truncated");
    copy.db
        .tamper(&format!("DELETE FROM audit_log WHERE seq > {last}"));
    let checkpoint = first_signed_from(last + 1);
    let truncated = format!(
        "the chain ends at entry {last} but checkpoint {checkpoint} signed entry {checkpoint}: \
         entries after {last} were deleted (truncated tail)"
    );
    assert_broken(&copy.verify(cwd, &[]), last + 1, &truncated);

    // The tail cut together with the stored checkpoints: without an anchor kept elsewhere,
    // verify cannot know (the shorter chain is intact as far as the database says); the
    // exported checkpoints name the truncation.
    let copy = fresh("cut-with-checkpoints");
    copy.db.tamper(&format!(
        "DELETE FROM audit_log WHERE seq > {last}; DELETE FROM audit_checkpoints;"
    ));
    assert_intact(&copy.verify(cwd, &[]), last);
    assert_broken(&copy.verify(cwd, &with_file), last + 1, &truncated);

    // An entry edited and the whole chain re-hashed after it (the head too): every entry
    // links. A stored checkpoint altered to match has a bad signature; with the stored
    // checkpoints deleted the database alone cannot tell, the exported ones can.
    let copy = fresh("rewritten");
    let mut rows = copy.db.rows("SELECT * FROM audit_log ORDER BY seq");
    rows.sort_by_key(|r| r["seq"].as_i64());
    assert_eq!(rows.len(), usize::try_from(head).unwrap());
    let rewritten = rehashed(&rows, k);
    let mut sql = String::new();
    for (seq, outcome, prev, hash) in rewritten.iter().filter(|r| r.0 >= k) {
        sql.push_str(&format!(
            "UPDATE audit_log SET outcome = '{outcome}', prev_hash = '{prev}', hash = '{hash}' WHERE seq = {seq}; "
        ));
    }
    let new_head = &rewritten.last().unwrap().3;
    sql.push_str(&format!(
        "UPDATE audit_head SET hash = '{new_head}' WHERE id = 1;"
    ));
    copy.db.tamper(&sql);
    let forged = first_signed_from(k);
    let forged_hash = &rewritten[usize::try_from(forged - 1).unwrap()].3;
    copy.db.tamper(&format!(
        "UPDATE audit_checkpoints SET head_hash = '{forged_hash}' WHERE seq = {forged}"
    ));
    assert_broken(
        &copy.verify(cwd, &[]),
        forged,
        &format!(
            "checkpoint {forged}: its signature does not verify (forged or altered checkpoint)"
        ),
    );
    copy.db.tamper("DELETE FROM audit_checkpoints");
    assert_intact(&copy.verify(cwd, &[]), head);
    assert_broken(
        &copy.verify(cwd, &with_file),
        forged,
        &format!(
            "entry {forged}: its hash differs from the one checkpoint {forged} signed (chain rewritten)"
        ),
    );
}

// ---------------------------------------------------------------------------------------------
// The tests.

/// The README's promise: book in sandbox mode, stop, verify; then the privacy requests of the
/// guest through the API and the command line, until nothing of the guest is left.
#[test]
fn a_sandbox_session_is_audited_and_its_guest_can_be_exported_and_erased() {
    let scratch = Scratch::new("session");
    let data = scratch.join("data");
    let data_flag = ["--data-dir", text(&data)];
    let mut serve = Serve::start(&scratch.0, &data_flag, scratch.join("serve.log"));
    serve.wait_for("/readyz");
    let addr = serve.addr.clone();

    // The booking's whole life, as the README shows it.
    let booked = book(&addr, &GUEST, 30, 2);
    let id = booked["id"].as_str().unwrap().to_owned();
    let code = booked["confirmation_code"].as_str().unwrap().to_owned();
    let reservation = format!("/v1/hotels/BER/reservations/{id}");
    assert_eq!(
        api(&addr, "GET", &reservation, None, 200)["id"],
        id.as_str()
    );
    let found = api(
        &addr,
        "GET",
        &format!("/v1/hotels/BER/reservations?confirmation={code}"),
        None,
        200,
    );
    assert_eq!(found[0]["id"], id.as_str(), "{found}");
    api(
        &addr,
        "PATCH",
        &reservation,
        Some(json!({ "comment": "Late arrival" })),
        200,
    );
    let cancelled = api(&addr, "POST", &format!("{reservation}/cancel"), None, 200);
    assert_eq!(cancelled["status"], "canceled", "{cancelled}");

    // An access request, verified through the API: the gateway's worker answers it.
    let subject = json!({ "email": GUEST.email, "phone": GUEST.phone });
    let access = api(
        &addr,
        "POST",
        "/v1/privacy/requests",
        Some(json!({ "kind": "access", "subject": subject })),
        201,
    );
    let access_id = access["id"].as_str().unwrap().to_owned();
    assert_eq!(access["status"], "received", "{access}");
    let verified = api(
        &addr,
        "POST",
        &format!("/v1/privacy/requests/{access_id}/verify"),
        Some(json!({ "method": "call_back" })),
        200,
    );
    assert_eq!(verified["status"], "identity_verified", "{verified}");
    // An erasure request, left for the command line (only received: the worker leaves it).
    let erasure = api(
        &addr,
        "POST",
        "/v1/privacy/requests",
        Some(json!({ "kind": "erasure", "subject": subject })),
        201,
    );
    let erasure_id = erasure["id"].as_str().unwrap().to_owned();
    let deadline = Instant::now() + Duration::from_secs(30);
    let answered = loop {
        let request = api(
            &addr,
            "GET",
            &format!("/v1/privacy/requests/{access_id}"),
            None,
            200,
        );
        if request["status"] == "completed" {
            break request;
        }
        assert!(
            Instant::now() < deadline,
            "the access request was not answered: {request}"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(answered["result"]["gateway_records"], 1, "{answered}");
    assert_eq!(answered["result"]["pms_reservations"], 1, "{answered}");
    let log = serve.stop();
    for value in [GUEST.email, GUEST.last_name, GUEST.first_name] {
        assert!(
            !log.contains(value),
            "the gateway's log holds guest data: {value}"
        );
    }

    // Stopped: sign the head and verify the chain, on the same directory.
    let db = Db::Sqlite(data.join("sandbox.db"));
    let count = |db: &Db| {
        db.rows("SELECT count(*) AS n FROM audit_log")[0]["n"]
            .as_i64()
            .unwrap()
    };
    let entries = count(&db);
    let actions: Vec<String> = db
        .rows("SELECT action FROM audit_log ORDER BY seq")
        .iter()
        .map(|r| r["action"].as_str().unwrap().to_owned())
        .collect();
    for action in [
        "config.reconciled",
        "pms.create_reservation",
        "pms.get_reservation",
        "pms.search_reservations",
        "pms.modify_reservation",
        "pms.cancel_reservation",
        "privacy_request.received",
        "privacy_request.identity_verified",
        "privacy_request.completed",
    ] {
        assert!(
            actions.iter().any(|a| a == action),
            "no {action} in {actions:?}"
        );
    }
    let checkpoint = json_of(&vh(
        &scratch.0,
        &["audit", "checkpoint", "--data-dir", text(&data)],
    ));
    assert_eq!(checkpoint["seq"], entries, "{checkpoint}");
    let verify = |extra: &[&str]| {
        let mut args = vec!["audit", "verify", "--data-dir", text(&data)];
        args.extend(extra);
        vh(&scratch.0, &args)
    };
    let output = verify(&[]);
    assert_intact(&output, entries);
    assert!(
        out(&output).contains(&format!("(newest at entry {entries})")),
        "{}",
        out(&output)
    );
    let report = json_of(&verify(&["--json"]));
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["report"]["entries"], entries, "{report}");
    assert_eq!(report["report"]["head_seq"], entries, "{report}");

    // The retention purge, counted but not run: every category with its cutoff.
    let retention = json_of(&vh(
        &scratch.0,
        &[
            "retention",
            "run",
            "--dry-run",
            "--json",
            "--data-dir",
            text(&data),
        ],
    ));
    assert_eq!(retention["dry_run"], true, "{retention}");
    let categories: Vec<&str> = retention["purged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["category"].as_str().unwrap())
        .collect();
    for category in [
        "idempotency_guest_data",
        "idempotency_records",
        "privacy_exports",
        "privacy_requests",
    ] {
        assert!(categories.contains(&category), "{retention}");
    }
    assert_eq!(count(&db), entries, "a dry run wrote to the audit log");

    // The requests, listed and shown without identifiers.
    let dsar = |args: &[&str]| {
        let mut all = vec!["dsar"];
        all.extend(args);
        all.extend(data_flag);
        vh(&scratch.0, &all)
    };
    let listed = ok(&dsar(&["list"]));
    assert!(
        listed.lines().any(|l| l.starts_with(&erasure_id)
            && l.contains("kind=erasure")
            && l.contains("status=received")),
        "{listed}"
    );
    assert!(
        listed.lines().any(|l| l.starts_with(&access_id)
            && l.contains("kind=access")
            && l.contains("status=completed")),
        "{listed}"
    );
    let shown = json_of(&dsar(&["show", &erasure_id]));
    assert_eq!(shown["status"], "received", "{shown}");
    for output in [&listed, &shown.to_string()] {
        assert!(
            !output.contains(GUEST.email) && !output.contains("555019977"),
            "{output}"
        );
    }

    // The access export holds the booking.
    let export_file = scratch.join("export.json");
    ok(&dsar(&["export", &access_id, "-o", text(&export_file)]));
    let export: Value =
        serde_json::from_str(&std::fs::read_to_string(&export_file).unwrap()).unwrap();
    assert_eq!(export["request"]["id"], access_id.as_str(), "{export}");
    assert_eq!(
        export["gateway_records"][0]["reservation_id"],
        id.as_str(),
        "{export}"
    );
    assert_eq!(
        export["gateway_records"][0]["stored_answer"]["guest"]["email"], GUEST.email,
        "{export}"
    );
    assert_eq!(
        export["pms_reservations"][0]["reservation"]["id"],
        id.as_str(),
        "{export}"
    );
    assert!(
        export["audit_entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "pms.create_reservation" && e["resource"] == id.as_str()),
        "{export}"
    );
    let refused = dsar(&["export", &erasure_id]);
    assert_eq!(refused.status.code(), Some(2), "{}", out(&refused));

    // Erasure: refused before the identity is verified, then carried out by the CLI.
    let refused = dsar(&["erase", &erasure_id]);
    assert_eq!(refused.status.code(), Some(2), "{}", out(&refused));
    assert!(
        err(&refused).contains("not identity_verified"),
        "{}",
        err(&refused)
    );
    let verified = json_of(&dsar(&["verify", &erasure_id, "--method", "call_back"]));
    assert_eq!(verified["status"], "identity_verified", "{verified}");
    let erased = json_of(&dsar(&["erase", &erasure_id]));
    assert_eq!(erased["status"], "completed", "{erased}");
    assert_eq!(erased["subject"], Value::Null, "{erased}");
    let result = &erased["result"];
    assert_eq!(
        result["pms_action_required"],
        json!([{
            "hotel": "BER",
            "reservation_id": id,
            "action": "erase or anonymise the guest's data in the PMS",
        }]),
        "{erased}"
    );
    assert_eq!(result["idempotency_records_scrubbed"], 1, "{erased}");
    assert_eq!(result["exports_deleted"], 1, "{erased}");
    assert_eq!(result["subjects_unlinked"], 1, "{erased}");
    // The access export went with the rest.
    let gone = dsar(&["export", &access_id]);
    assert_eq!(gone.status.code(), Some(2), "{}", out(&gone));

    // The chain holds, four entries longer (the export read, verified, in progress,
    // completed).
    assert_intact(&verify(&[]), entries + 4);

    // Nothing of the guest is left in the database: neither in its contents nor in the file's
    // bytes (SQLite keeps deleted content in free space unless `secure_delete` is on).
    let bytes = std::fs::read(data.join("sandbox.db")).unwrap();
    let dump = db.run(".dump");
    assert!(
        dump.contains("INSERT INTO audit_log VALUES"),
        "not a dump: {dump}"
    );
    for value in [GUEST.email, GUEST.last_name, GUEST.first_name, "555019977"] {
        assert!(!dump.contains(value), "{value} is still in the database");
        assert!(
            !bytes.windows(value.len()).any(|w| w == value.as_bytes()),
            "{value} is still in the bytes of {} (deleted content in free space)",
            data.join("sandbox.db").display()
        );
    }
}

/// Tampering with a sandbox session's SQLite chain is caught.
#[test]
fn audit_verify_catches_tampering_on_sqlite() {
    let scratch = Scratch::new("sqlite");
    let data = scratch.join("data");
    let serve = Serve::sandbox(&scratch, &data);
    let addr = serve.addr.clone();
    for days in [20, 40] {
        let booked = book(&addr, &GUEST, days, 1);
        let reservation = format!(
            "/v1/hotels/BER/reservations/{}",
            booked["id"].as_str().unwrap()
        );
        api(&addr, "GET", &reservation, None, 200);
        api(&addr, "POST", &format!("{reservation}/cancel"), None, 200);
    }
    serve.stop();
    let data_flag = ["--data-dir", text(&data)];
    let checkpoint = json_of(&vh(
        &scratch.0,
        &["audit", "checkpoint", data_flag[0], data_flag[1]],
    ));
    let head = checkpoint["seq"].as_i64().unwrap();
    let exported = scratch.join("checkpoints.json");
    ok(&vh(
        &scratch.0,
        &[
            "audit",
            "export-checkpoints",
            "-o",
            text(&exported),
            data_flag[0],
            data_flag[1],
        ],
    ));
    let mut fresh = |case: &str| {
        let dir = scratch.join(&format!("case-{case}"));
        copy_dir(&data, &dir);
        ChainCopy {
            db: Db::Sqlite(dir.join("sandbox.db")),
            flags: vec!["--data-dir".to_owned(), text(&dir).to_owned()],
        }
    };
    tampering_is_caught(&scratch.0, &mut fresh, head, &exported);

    // The tail cut and the data directory's signing key deleted with it: `audit verify`
    // refuses to run without a key (it never makes one up), and the exported checkpoints,
    // which carry their public key, name the truncation.
    let copy = fresh("keys-deleted");
    let dir = PathBuf::from(&copy.flags[1]);
    std::fs::remove_dir_all(dir.join("keys")).unwrap();
    let last = head - 2;
    copy.db
        .tamper(&format!("DELETE FROM audit_log WHERE seq > {last}"));
    let keyless = copy.verify(&scratch.0, &[]);
    assert_eq!(keyless.status.code(), Some(2), "{}", out(&keyless));
    assert!(
        err(&keyless).contains("no privacy keys"),
        "{}",
        err(&keyless)
    );
    assert!(!dir.join("keys").exists(), "verify created keys");
    assert_broken(
        &copy.verify(&scratch.0, &["--checkpoints", text(&exported)]),
        last + 1,
        &format!(
            "the chain ends at entry {last} but checkpoint {head} signed entry {head}: \
             entries after {last} were deleted (truncated tail)"
        ),
    );
}

/// Tampering with a PostgreSQL chain (entries of `keys create` and `keys revoke` in a fresh
/// schema) is caught.
#[test]
fn audit_verify_catches_tampering_on_postgres() {
    let scratch = Scratch::new("postgres");
    let schema = format!("voicehive_privacy_{}", std::process::id());
    let _schema = Schema::create(&schema);
    let url = format!("{PG_URL}&options=-c%20search_path%3D{schema}");

    // A configured tenant and hotel; the privacy keys as secret references to files.
    let hotels = "[[hotels]]\nid = \"BER\"\nvendor = \"apaleo\"\nproperty = \"BER\"\nlive = false\n\
                  credentials = { client_id = \"env:A\", client_secret = \"env:B\" }\n\
                  [[tenants]]\nid = \"acme\"\nhotels = [\"BER\"]\n";
    let pseudonym_key = scratch.join("pseudonym.key");
    let signing_key = scratch.join("audit-signing.key");
    std::fs::write(
        &pseudonym_key,
        "privacy-test-pseudonym-key-0123456789abcdef\n",
    )
    .unwrap();
    std::fs::write(&signing_key, format!("{}\n", "5e".repeat(32))).unwrap();
    let config = scratch.join("voicehive.toml");
    std::fs::write(
        &config,
        format!(
            "{hotels}[privacy]\npseudonym_key = \"file:{}\"\naudit_signing_key = \"file:{}\"\n",
            text(&pseudonym_key),
            text(&signing_key)
        ),
    )
    .unwrap();
    // Without the keys, a database that is not the embedded one is refused.
    let keyless = scratch.join("keyless.toml");
    std::fs::write(&keyless, hotels).unwrap();
    let refused = vh(
        &scratch.0,
        &[
            "audit",
            "verify",
            "--config",
            text(&keyless),
            "--database-url",
            &url,
        ],
    );
    assert_eq!(refused.status.code(), Some(2), "{}", out(&refused));
    assert!(
        err(&refused).contains("privacy.pseudonym_key and privacy.audit_signing_key are required"),
        "{}",
        err(&refused)
    );

    let flags = ["--config", text(&config), "--database-url", url.as_str()];
    let cli = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(flags);
        vh(&scratch.0, &all)
    };
    let create = || {
        let created = ok(&cli(&[
            "keys", "create", "--tenant", "acme", "--scope", "pms:read", "--hotel", "BER",
        ]));
        created
            .lines()
            .find_map(|l| l.strip_prefix("id:  "))
            .unwrap()
            .to_owned()
    };
    // Each create appends config.reconciled and key.created, each revoke key.revoked.
    let first = create();
    let second = create();
    let middle = json_of(&cli(&["audit", "checkpoint"]));
    assert_eq!(middle["seq"], 4, "{middle}");
    create();
    ok(&cli(&["keys", "revoke", &first]));
    ok(&cli(&["keys", "revoke", &second]));
    let checkpoint = json_of(&cli(&["audit", "checkpoint"]));
    assert_eq!(checkpoint["seq"], 8, "{checkpoint}");
    let exported = scratch.join("checkpoints.json");
    ok(&cli(&[
        "audit",
        "export-checkpoints",
        "-o",
        text(&exported),
    ]));

    // A fresh copy for each case: the chain as it was, restored from tables kept aside.
    let db = Db::Postgres(url.clone());
    db.run(
        "CREATE TABLE audit_log_kept AS SELECT * FROM audit_log; \
         CREATE TABLE audit_checkpoints_kept AS SELECT * FROM audit_checkpoints; \
         CREATE TABLE audit_head_kept AS SELECT * FROM audit_head;",
    );
    let mut fresh = |_case: &str| {
        let db = Db::Postgres(url.clone());
        db.tamper(
            "DELETE FROM audit_log; INSERT INTO audit_log SELECT * FROM audit_log_kept; \
             DELETE FROM audit_checkpoints; INSERT INTO audit_checkpoints SELECT * FROM audit_checkpoints_kept; \
             UPDATE audit_head SET seq = k.seq, hash = k.hash FROM audit_head_kept k WHERE audit_head.id = k.id;",
        );
        ChainCopy {
            db,
            flags: flags.iter().map(|f| (*f).to_owned()).collect(),
        }
    };
    tampering_is_caught(&scratch.0, &mut fresh, 8, &exported);
}

/// `voicehive eu-check`: a region outside the EU set is named with file and line; a clean
/// tree passes; a file that does not parse is an error.
#[test]
fn eu_check_names_regions_outside_the_eu_and_refuses_unparsable_files() {
    let scratch = Scratch::new("eu-check");
    let dirty = scratch.join("dirty");
    let clean = scratch.join("clean");
    let broken = scratch.join("broken");
    for dir in [&dirty, &clean, &broken] {
        std::fs::create_dir_all(dir).unwrap();
    }
    // The region on line 3; the comment's region is not a finding.
    std::fs::write(
        dirty.join("main.tf"),
        "provider \"aws\" {\n  # moved here from us-west-2\n  region = \"us-east-1\"\n}\n",
    )
    .unwrap();
    std::fs::write(dirty.join("values.yaml"), "region: eu-west-1\n").unwrap();
    std::fs::write(
        clean.join("main.tf"),
        "provider \"aws\" {\n  region = \"eu-central-1\"\n}\n",
    )
    .unwrap();
    std::fs::write(clean.join("values.yaml"), "region: eu-west-1\n").unwrap();
    std::fs::write(
        broken.join("main.tf"),
        "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n",
    )
    .unwrap();

    let found = vh(&scratch.0, &["eu-check", text(&dirty)]);
    assert_eq!(
        found.status.code(),
        Some(1),
        "{}{}",
        out(&found),
        err(&found)
    );
    let stdout = out(&found);
    let findings: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains(": region `"))
        .collect();
    assert_eq!(
        findings,
        [format!(
            "{}:3:13: region `us-east-1` is outside the allowed EU regions (eu-central-1, eu-west-1)",
            text(&dirty.join("main.tf"))
        )],
        "{stdout}"
    );
    assert!(stdout.ends_with("in 2 files\n"), "{stdout}");

    let passed = vh(&scratch.0, &["eu-check", text(&clean)]);
    assert_eq!(
        passed.status.code(),
        Some(0),
        "{}{}",
        out(&passed),
        err(&passed)
    );
    assert!(
        out(&passed).contains("every region in the allowed set"),
        "{}",
        out(&passed)
    );

    let refused = vh(&scratch.0, &["eu-check", text(&broken)]);
    assert_eq!(
        refused.status.code(),
        Some(2),
        "{}{}",
        out(&refused),
        err(&refused)
    );
    assert!(
        err(&refused).contains(&format!("{}:2:", text(&broken.join("main.tf"))))
            && err(&refused).contains("not valid HCL"),
        "{}",
        err(&refused)
    );
}

/// `voicehive serve` refuses a PMS endpoint nobody placed in the EU, saying how to allow it,
/// and starts once the hosts are declared EU hosts.
#[test]
fn serve_refuses_endpoints_outside_the_eu_until_they_are_declared() {
    let scratch = Scratch::new("residency");
    let data = scratch.join("data");
    let hotel = "[[hotels]]\nid = \"BER\"\nvendor = \"apaleo\"\nproperty = \"BER\"\nlive = false\n\
                 endpoints = { api = \"https://pms.example.com\", identity = \"https://id.example.com\" }\n\
                 credentials = { client_id = \"env:A\", client_secret = \"env:B\" }\n\
                 [[tenants]]\nid = \"acme\"\nhotels = [\"BER\"]\n";
    let config = scratch.join("voicehive.toml");
    std::fs::write(&config, hotel).unwrap();
    let refused = vh(
        &scratch.0,
        &[
            "serve",
            "--config",
            text(&config),
            "--data-dir",
            text(&data),
            "--addr",
            "127.0.0.1:0",
        ],
    );
    assert_eq!(
        refused.status.code(),
        Some(2),
        "{}{}",
        out(&refused),
        err(&refused)
    );
    let message = err(&refused);
    for expected in [
        "endpoints outside the allowed EU regions",
        "pms_api `BER` (pms.example.com)",
        "pms_identity `BER` (id.example.com)",
        "residency.eu_hosts",
        "residency.allow_non_eu",
    ] {
        assert!(message.contains(expected), "{expected}: {message}");
    }

    std::fs::write(
        &config,
        format!("{hotel}[residency]\neu_hosts = [\"pms.example.com\", \"id.example.com\"]\n"),
    )
    .unwrap();
    let args = ["--config", text(&config), "--data-dir", text(&data)];
    let mut serve = Serve::start(&scratch.0, &args, scratch.join("serve.log"));
    // Liveness only: the PMS at pms.example.com does not answer here.
    serve.wait_for("/healthz");
    let (status, metrics) = call(&serve.addr, "GET", "/metrics", &[], None);
    assert_eq!(status, 200);
    for kind in ["pms_api", "pms_identity"] {
        assert!(
            metrics.contains(&format!("residency_non_eu_endpoints{{kind=\"{kind}\"}} 0")),
            "{metrics}"
        );
    }
    let log = serve.stop();
    assert!(log.contains("gateway listening"), "{log}");
    assert!(!log.contains("endpoints outside"), "{log}");
}

/// The access line is written without the log redactor (its fields are safe by construction,
/// `gateway/src/access.rs`): whatever a caller puts in the path or in `X-Request-Id`, none of
/// it reaches the line, and the line has exactly the documented fields.
#[test]
fn access_lines_carry_nothing_a_caller_wrote() {
    let scratch = Scratch::new("access");
    let data = scratch.join("data");
    let serve = Serve::sandbox(&scratch, &data);
    let auth = format!("Bearer {DEMO_KEY}");
    let requests = [
        (
            "/v1/hotels/anna.schmidt@example.de/offers?arrival=2030-01-01&departure=2030-01-03&adults=2",
            "DE89370400440532013000",
            404,
        ),
        (
            "/v1/hotels/+4930123456789/room-types",
            "00491711234567",
            404,
        ),
        (
            "/v1/nowhere/jan.kowalski@example.pl",
            "4111111111111111",
            404,
        ),
        ("/v1/hotels/BER/room-types", "call-7f3a.turn-2", 200),
    ];
    for (path, id, expected) in requests {
        let headers = [("Authorization", auth.as_str()), ("X-Request-Id", id)];
        let (status, body) = call(&serve.addr, "GET", path, &headers, None);
        assert_eq!(status, expected, "{path}: {body}");
    }
    let log = serve.stop();

    let access: Vec<(&str, Value)> = log
        .lines()
        .filter_map(|l| Some((l, serde_json::from_str::<Value>(l).ok()?)))
        .filter(|(_, v)| v["target"] == "voicehive::access")
        .collect();
    // /readyz polls, the four requests above.
    assert!(access.len() >= 4, "{log}");
    let expected_fields = [
        "hotel",
        "latency_ms",
        "message",
        "method",
        "request_id",
        "route",
        "status",
        "tenant",
    ];
    for (line, value) in &access {
        let mut fields: Vec<&str> = value["fields"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        fields.sort_unstable();
        assert_eq!(fields, expected_fields, "{line}");
        assert!(
            value.get("span").is_none() && value.get("spans").is_none(),
            "{line}"
        );
        assert!(pii::detector().detect(line).is_empty(), "{line}");
        for written in [
            "anna",
            "schmidt",
            "4930123456789",
            "kowalski",
            "DE8937",
            "4111",
        ] {
            assert!(!line.contains(written), "{written}: {line}");
        }
    }
    let fields = |status: u64| -> Vec<&Value> {
        access
            .iter()
            .map(|(_, v)| &v["fields"])
            .filter(|f| f["status"] == status && f["method"] == "GET")
            .filter(|f| f["route"] != "/readyz")
            .collect()
    };
    let ok = fields(200);
    assert_eq!(ok.len(), 1, "{access:?}");
    assert_eq!(ok[0]["hotel"], "BER");
    assert_eq!(ok[0]["route"], "/v1/hotels/{hotel}/room-types");
    assert_eq!(ok[0]["request_id"], "call-7f3a.turn-2");
    assert_eq!(ok[0]["tenant"], "demo");
    let refused = fields(404);
    assert_eq!(refused.len(), 3, "{access:?}");
    for f in &refused {
        // Not a configured hotel: nothing of the path is logged.
        assert_eq!(f["hotel"], "", "{f}");
    }
    let ids: Vec<&str> = refused
        .iter()
        .filter_map(|f| f["request_id"].as_str())
        .collect();
    assert!(
        ids.contains(&"<IBAN>") && ids.contains(&"<CREDIT_CARD>"),
        "{ids:?}"
    );
    assert!(
        refused.iter().any(|f| f["route"] == "unmatched"),
        "{refused:?}"
    );
}
