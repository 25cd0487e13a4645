//! The `voicehive` binary, run as a user runs it.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod chaos;
mod privacy;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn voicehive(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_voicehive"))
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn capabilities_markdown_is_the_committed_doc() {
    let output = voicehive(&["capabilities", "--format", "markdown"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = std::fs::read_to_string(repo().join("docs/capability-matrix.md")).unwrap();
    assert_eq!(
        stdout(&output),
        doc,
        "docs/capability-matrix.md is stale: run `cargo run -p voicehive -- capabilities --format markdown > docs/capability-matrix.md`"
    );
    for vendor in ["Apaleo", "Mews", "OPERA Cloud", "Cloudbeds", "protel"] {
        assert!(doc.contains(vendor), "{vendor} missing");
    }
}

#[test]
fn capabilities_table_and_json() {
    let table = voicehive(&["capabilities"]);
    assert!(table.status.success());
    assert!(stdout(&table).contains("opera_cloud"));
    let json = voicehive(&["capabilities", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(value["vendors"].as_array().unwrap().len(), 5);
}

#[test]
fn a_malformed_matrix_gives_its_line() {
    let dir = std::env::temp_dir().join(format!("voicehive-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("matrix.yaml");
    let builtin = std::fs::read_to_string(repo().join("capability_matrix.yaml")).unwrap();
    let broken = builtin.replacen("      offers: supported", "      offerz: supported", 1);
    assert_ne!(broken, builtin, "the fixture edit did not apply");
    let line = broken.lines().position(|l| l.contains("offerz")).unwrap() + 1;
    std::fs::write(&path, broken).unwrap();
    let output = voicehive(&["capabilities", "--matrix", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains(&format!(
            "matrix.yaml:{line}:7: vendor `apaleo`: unknown capability `offerz`"
        )),
        "{err}"
    );
}

#[test]
fn cli_suite_passes_on_the_reference_hotel() {
    let output = voicehive(&[
        "golden",
        "--hotel",
        "examples/hotels/reference-berlin.toml",
        "--exclusive",
        "--no-skips",
    ]);
    let out = stdout(&output);
    assert!(output.status.success(), "{out}{}", stderr(&output));
    // The reference PMS is its own sandbox, with fault injection: every scenario runs.
    let total = pms_golden::Scenario::ALL.len();
    assert!(
        out.ends_with(&format!("{total} passed, 0 failed, 0 skipped\n")),
        "{out}"
    );
    // Read-only, the write scenarios are skipped, with a reason: the run passes, unless every
    // scenario must run (--no-skips).
    let output = voicehive(&[
        "golden",
        "--hotel",
        "examples/hotels/reference-berlin.toml",
        "--read-only",
    ]);
    let out = stdout(&output);
    assert!(output.status.success(), "{out}");
    assert!(
        out.contains("SKIP  concurrent_bookings_for_last_room_one_wins"),
        "{out}"
    );
    let skipped = out.lines().filter(|l| l.starts_with("  SKIP")).count();
    let writes = pms_golden::Scenario::ALL
        .iter()
        .filter(|s| s.writes())
        .count();
    assert_eq!(skipped, writes, "{out}");
    assert!(
        out.ends_with(&format!(
            "{} passed, 0 failed, {skipped} skipped\n",
            total - skipped
        )),
        "{out}"
    );
    let output = voicehive(&[
        "golden",
        "--hotel",
        "examples/hotels/reference-berlin.toml",
        "--read-only",
        "--no-skips",
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("--no-skips requires every selected scenario to run"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn cli_suite_json_report_and_scenario_selection() {
    let output = voicehive(&[
        "golden",
        "--hotel",
        "examples/hotels/reference-zurich.toml",
        "--scenario",
        "offer_total_equals_sum_of_nights",
        "--read-only",
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["scenarios"].as_array().unwrap().len(), 1);
    assert_eq!(report["scenarios"][0]["outcome"], "passed");
}

#[test]
fn cli_suite_leaves_out_the_excepted_scenarios() {
    let output = voicehive(&[
        "golden",
        "--hotel",
        "examples/hotels/reference-zurich.toml",
        "--read-only",
        "--scenario",
        "offer_total_equals_sum_of_nights",
        "--scenario",
        "all_money_is_in_property_currency",
        "--except",
        "all_money_is_in_property_currency",
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let names: Vec<&str> = report["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["scenario"].as_str())
        .collect();
    assert_eq!(names, ["offer_total_equals_sum_of_nights"]);
    let output = voicehive(&[
        "golden",
        "--hotel",
        "examples/hotels/reference-zurich.toml",
        "--except",
        "nope",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown scenario `nope`"));
}

/// One HTTP/1.1 POST of `body` to `path` at `addr`; the whole answer (head and body) as text.
fn post_raw(addr: &str, path: &str, body: &str) -> std::io::Result<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    Ok(answer)
}

/// `voicehive sandbox mews` serves the Mews wire format: the envelope is checked, and the
/// seeded enterprise answers with its configuration.
#[test]
fn the_mews_sandbox_command_serves_the_connector_api() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let _sandbox = Kill(
        Command::new(env!("CARGO_BIN_EXE_voicehive"))
            .args(["sandbox", "mews", "--addr", &addr])
            .spawn()
            .unwrap(),
    );
    let path = "/api/connector/v1/configuration/get";
    let body = serde_json::json!({
        "ClientToken": mews_sandbox::CLIENT_TOKEN,
        "AccessToken": mews_sandbox::zurich::ACCESS_TOKEN,
        "Client": "VoiceHive test"
    })
    .to_string();
    let mut answer = None;
    for _ in 0..100 {
        if let Ok(text) = post_raw(&addr, path, &body) {
            answer = Some(text);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let answer = answer.expect("the Mews sandbox answers");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("\r\nrequest-id: "),
        "{answer}"
    );
    assert!(
        answer.contains("\"TimeZoneIdentifier\":\"Europe/Zurich\""),
        "{answer}"
    );
    let refused = post_raw(
        &addr,
        path,
        r#"{"ClientToken":"wrong","AccessToken":"x","Client":"t"}"#,
    )
    .unwrap();
    assert!(refused.starts_with("HTTP/1.1 401"), "{refused}");
    assert!(refused.contains("\"Message\""), "{refused}");
}

#[test]
fn cli_suite_refuses_bad_input_clearly() {
    let output = voicehive(&[
        "golden",
        "--hotel",
        "examples/hotels/reference-berlin.toml",
        "--scenario",
        "nope",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown scenario `nope`"));
    let output = voicehive(&["golden", "--hotel", "does/not/exist.toml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("does/not/exist.toml: cannot read the file"));
}

/// A child process killed when dropped.
struct Kill(std::process::Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `voicehive sandbox apaleo` on a free port; returns the process, its address and port.
fn start_sandbox() -> (Kill, String, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let sandbox = Kill(
        Command::new(env!("CARGO_BIN_EXE_voicehive"))
            .args(["sandbox", "apaleo", "--addr", &addr])
            .spawn()
            .unwrap(),
    );
    for _ in 0..100 {
        if std::net::TcpStream::connect(&addr).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    (sandbox, addr, port)
}

/// Sends a raw HTTP/1.1 request and returns the whole response.
fn http(addr: &str, request: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn the_apaleo_sandbox_serves_tokens_and_properties() {
    let (_sandbox, addr, _port) = start_sandbox();
    let body = "grant_type=client_credentials";
    let token = http(
        &addr,
        &format!(
            "POST /connect/token HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Basic dm9pY2VoaXZlLXNhbmRib3g6c2FuZGJveC1zZWNyZXQ=\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    assert!(token.starts_with("HTTP/1.1 200"), "{token}");
    let json = &token[token.find("\r\n\r\n").unwrap() + 4..];
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let access = value["access_token"].as_str().unwrap();
    let properties = http(
        &addr,
        &format!(
            "GET /inventory/v1/properties/ZRH HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {access}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert!(properties.starts_with("HTTP/1.1 200"), "{properties}");
    assert!(properties.to_lowercase().contains("apaleo-tracking-id:"));
    assert!(
        properties.contains("\"currencyCode\":\"CHF\""),
        "{properties}"
    );
    let unauthorized = http(
        &addr,
        &format!(
            "GET /inventory/v1/properties/ZRH HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert!(unauthorized.starts_with("HTTP/1.1 401"), "{unauthorized}");
}

#[test]
fn pii_scan_reports_where_and_what_but_never_the_value() {
    let dir = std::env::temp_dir().join(format!("voicehive-pii-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("calls.log"),
        "booking XPGMSXGF-1 for room 12 at 119.00 EUR\ncall back ada.lovelace@example.org please\n",
    )
    .unwrap();
    std::fs::write(dir.join("clean.log"), "room 12 is ready\n").unwrap();
    let output = voicehive(&["pii", "scan", dir.to_str().unwrap()]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}{}", stderr(&output));
    assert!(out.contains("calls.log:2:11 EMAIL"), "{out}");
    assert!(
        !out.contains("lovelace"),
        "the scan printed the value: {out}"
    );
    assert_eq!(out.lines().count(), 1, "{out}");

    let clean = voicehive(&["pii", "scan", dir.join("clean.log").to_str().unwrap()]);
    assert_eq!(clean.status.code(), Some(0));

    let json = voicehive(&["pii", "scan", "--format", "json", dir.to_str().unwrap()]);
    let findings: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(findings[0]["line"], 2);
}

#[test]
fn pii_redact_filters_standard_input() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_voicehive"))
        .args(["pii", "redact", "--operator", "tag"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"mail ada.lovelace@example.org about XPGMSXGF-1\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let out = stdout(&output);
    assert_eq!(out, "mail <EMAIL> about XPGMSXGF-1\n");
    let refused = voicehive(&["pii", "redact", "--operator", "shout"]);
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn cli_suite_runs_against_an_apaleo_hotel_served_by_the_sandbox() {
    let (_sandbox, addr, port) = start_sandbox();
    let example =
        std::fs::read_to_string(repo().join("examples/hotels/apaleo-sandbox.toml")).unwrap();
    let hotel = example.replace("127.0.0.1:8090", &addr);
    let path = std::env::temp_dir().join(format!("voicehive-apaleo-hotel-{port}.toml"));
    std::fs::write(&path, hotel).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_voicehive"))
        .args(["golden", "--hotel", path.to_str().unwrap(), "--exclusive"])
        .env("APALEO_CLIENT_ID", "voicehive-sandbox")
        .env("APALEO_CLIENT_SECRET", "sandbox-secret")
        .current_dir(repo())
        .output()
        .unwrap();
    let out = stdout(&output);
    assert!(output.status.success(), "{out}{}", stderr(&output));
    assert!(out.starts_with("golden suite against apaleo:BER"), "{out}");
    // A configured hotel has no fault injector: the six fault scenarios are declared skips.
    let total = pms_golden::Scenario::ALL.len();
    assert!(
        out.ends_with(&format!("{} passed, 0 failed, 6 skipped\n", total - 6)),
        "{out}"
    );
    // Against a fresh in-process sandbox per scenario, with its fault API: every scenario.
    let output = Command::new(env!("CARGO_BIN_EXE_voicehive"))
        .args(["golden", "--hotel", path.to_str().unwrap()])
        .args(["--exclusive", "--sandbox", "--no-skips"])
        .current_dir(repo())
        .output()
        .unwrap();
    let out = stdout(&output);
    assert!(output.status.success(), "{out}{}", stderr(&output));
    assert!(
        out.ends_with(&format!("{total} passed, 0 failed, 0 skipped\n")),
        "{out}"
    );
}

#[test]
fn keys_are_created_shown_once_listed_without_secrets_and_revoked() {
    let dir = std::env::temp_dir().join(format!("voicehive-keys-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.to_str().unwrap();
    // Tenants and their hotels come from the configuration.
    let config = dir.join("voicehive.toml");
    std::fs::write(
        &config,
        "[[hotels]]\nid = \"BER\"\nvendor = \"apaleo\"\nproperty = \"BER\"\nlive = false\n\
         credentials = { client_id = \"env:A\", client_secret = \"env:B\" }\n\
         [[hotels]]\nid = \"ZRH\"\nvendor = \"apaleo\"\nproperty = \"ZRH\"\nlive = false\n\
         credentials = { client_id = \"env:A\", client_secret = \"env:B\" }\n\
         [[tenants]]\nid = \"acme\"\nhotels = [\"BER\"]\n\
         [[tenants]]\nid = \"globex\"\nhotels = [\"ZRH\"]\n",
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let create = |tenant: &str, hotel: &str| {
        voicehive(&[
            "keys",
            "create",
            "--config",
            config,
            "--data-dir",
            data,
            "--tenant",
            tenant,
            "--scope",
            "pms:read",
            "--hotel",
            hotel,
        ])
    };
    for (tenant, hotel, expected) in [
        ("nobody", "BER", "unknown tenant `nobody`"),
        ("acme", "ZRH", "not a hotel of tenant `acme`"),
    ] {
        let refused = create(tenant, hotel);
        assert!(!refused.status.success());
        assert!(stderr(&refused).contains(expected), "{}", stderr(&refused));
    }
    let created = create("acme", "BER");
    let out = stdout(&created);
    assert!(created.status.success(), "{out}{}", stderr(&created));
    let id = out
        .lines()
        .find_map(|l| l.strip_prefix("id:  "))
        .unwrap()
        .to_owned();
    let key = out
        .lines()
        .find_map(|l| l.strip_prefix("key: "))
        .unwrap()
        .to_owned();
    assert!(key.starts_with("vh_") && key.len() > 40, "{out}");

    // Without --config the commands work on the sandbox's database: the configured gateway's
    // needs its configuration, as `voicehive serve` does.
    let listed = stdout(&voicehive(&[
        "keys",
        "list",
        "--config",
        config,
        "--data-dir",
        data,
    ]));
    assert!(
        listed.contains(&id) && listed.contains("tenant=acme") && listed.contains("source=cli"),
        "{listed}"
    );
    assert!(
        listed.contains("scopes=pms:read") && listed.contains("hotels=BER"),
        "{listed}"
    );
    assert!(!listed.contains(&key), "the list shows the key");

    let revoked = voicehive(&[
        "keys",
        "revoke",
        "--config",
        config,
        "--data-dir",
        data,
        &id,
    ]);
    assert!(revoked.status.success(), "{}", stderr(&revoked));
    let json: serde_json::Value = serde_json::from_str(&stdout(&voicehive(&[
        "keys",
        "list",
        "--json",
        "--config",
        config,
        "--data-dir",
        data,
    ])))
    .unwrap();
    let entry = json
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == id.as_str())
        .unwrap();
    assert!(entry["revoked_at"].is_string(), "{entry}");
    let again = voicehive(&[
        "keys",
        "revoke",
        "--config",
        config,
        "--data-dir",
        data,
        &id,
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("no active key"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn start_up_errors_are_redacted() {
    let output = voicehive(&[
        "serve",
        "--config",
        "/nonexistent/ada.lovelace@example.com/voicehive.toml",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("cannot read the file"), "{err}");
    assert!(!err.contains("ada.lovelace@example.com"), "{err}");
}
