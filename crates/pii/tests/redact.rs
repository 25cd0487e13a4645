//! Operators, JSON redaction, the redacting log writer and the file scanner.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use pii::logging::{RedactingWriter, redacting, redacting_with};
use pii::scan::{FileFinding, scan_paths};
use pii::{Detector, EntityType, Operator, Operators, PseudonymKey, Redactor};

const TEXT: &str =
    "Ich heiße Anna Schmidt, Karte 5555 5555 5555 4444, anna@example.de, +49 171 2345678.";

fn key() -> PseudonymKey {
    PseudonymKey::new(b"a-secret-key-of-32-bytes-length!").unwrap()
}

#[test]
fn tag_operator() {
    assert_eq!(
        pii::redact_text(TEXT, &Operators::default()),
        "Ich heiße <PERSON>, Karte <CREDIT_CARD>, <EMAIL>, <PHONE>."
    );
}

#[test]
fn mask_operator_keeps_the_last_four_card_digits() {
    assert_eq!(
        pii::redact_text(TEXT, &Operators::new(Operator::Mask)),
        "Ich heiße **** *******, Karte **** **** **** 4444, ****@*******.**, +** *** *******."
    );
}

#[test]
fn remove_operator() {
    assert_eq!(
        pii::redact_text(TEXT, &Operators::new(Operator::Remove)),
        "Ich heiße , Karte , , ."
    );
}

#[test]
fn per_entity_operators() {
    let ops = Operators::new(Operator::Tag)
        .with(EntityType::CreditCard, Operator::Mask)
        .with(EntityType::Person, Operator::Remove);
    assert_eq!(
        pii::redact_text(TEXT, &ops),
        "Ich heiße , Karte **** **** **** 4444, <EMAIL>, <PHONE>."
    );
}

#[test]
fn pseudonyms_are_keyed_stable_and_format_independent() {
    let ops = Operators::pseudonym(key());
    let a = pii::redact_text("call +49 171 2345678", &ops);
    let b = pii::redact_text("Tel. +491712345678", &ops);
    let pa = a.trim_start_matches("call ");
    assert!(
        pa.starts_with("<PHONE:") && pa.ends_with('>') && pa.len() == 16,
        "{a}"
    );
    assert_eq!(b, format!("Tel. {pa}"));
    let other_key = Operators::pseudonym(PseudonymKey::new(b"another-secret-key-1234").unwrap());
    assert_ne!(pii::redact_text("call +49 171 2345678", &other_key), a);
    // Without a key, a pseudonym falls back to a tag rather than leaking.
    assert_eq!(
        pii::redact_text("call +49 171 2345678", &Operators::new(Operator::Pseudonym)),
        "call <PHONE>"
    );
    assert!(PseudonymKey::new(b"short").is_err());
    assert_eq!(format!("{:?}", key()), "PseudonymKey([redacted])");
}

#[test]
fn redact_lines_streams() {
    let input = "line one anna@example.de\nline two +49 171 2345678\nno newline at end";
    let mut out = Vec::new();
    pii::redact_lines(input.as_bytes(), &mut out, &Operators::default()).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "line one <EMAIL>\nline two <PHONE>\nno newline at end"
    );
}

#[test]
fn operator_names_parse() {
    for (s, op) in [
        ("tag", Operator::Tag),
        ("mask", Operator::Mask),
        ("pseudonym", Operator::Pseudonym),
        ("remove", Operator::Remove),
    ] {
        assert_eq!(s.parse::<Operator>().unwrap(), op);
        assert_eq!(op.to_string(), s);
    }
    assert!("blur".parse::<Operator>().is_err());
    assert_eq!(
        "credit_card".parse::<EntityType>().unwrap(),
        EntityType::CreditCard
    );
}

#[test]
fn json_keys_kept_values_redacted() {
    let v = serde_json::json!({
        "id": "XPGMSXGF-1",
        "primaryGuest": {"firstName": "Anna", "lastName": "Schmidt", "email": "anna@example.de", "phone": "+49 171 2345678"},
        "booker": {"name": "Max Mustermann"},
        "ratePlan": {"name": "Flexible"},
        "comment": "Gast ruft an unter 0171 2345678",
        "payment": {"cardNumber": 4111111111111111u64, "amount": 389.5},
        "adults": 2
    });
    let out = pii::redact_json(&v, &Operators::default());
    assert_eq!(
        out,
        serde_json::json!({
            "id": "XPGMSXGF-1",
            "primaryGuest": {"firstName": "<PERSON>", "lastName": "<PERSON>", "email": "<EMAIL>", "phone": "<PHONE>"},
            "booker": {"name": "<PERSON>"},
            "ratePlan": {"name": "Flexible"},
            "comment": "Gast ruft an unter <PHONE>",
            "payment": {"cardNumber": "<CREDIT_CARD>", "amount": 389.5},
            "adults": 2
        })
    );
}

/// A `MakeWriter` collecting everything written, for tests.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Capture {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

#[test]
fn json_log_lines_are_redacted_and_stay_json() {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_writer(redacting(capture.clone()))
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        tracing::info!(guest_email = "anna@example.de", caller = %"+49 171 2345678", reservation_id = "XPGMSXGF-1", "call from Anna Schmidt, my name is Anna Schmidt");
        tracing::warn!(
            guest_name = "Anna Schmidt",
            card = "4111 1111 1111 1111",
            "payment failed"
        );
    });
    let out = capture.text();
    for secret in ["anna@example.de", "2345678", "Schmidt", "4111"] {
        assert!(!out.contains(secret), "{secret} leaked: {out}");
    }
    assert!(out.contains("XPGMSXGF-1"));
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("still JSON");
        assert!(v.get("fields").is_some());
    }
    // And the scanner finds nothing in what was written.
    assert!(Detector::new().detect(&out).is_empty(), "{out}");
}

#[test]
fn text_log_lines_are_redacted() {
    let capture = Capture::default();
    let ops = Operators::pseudonym(key());
    let subscriber = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_writer(redacting_with(
            capture.clone(),
            Arc::new(Redactor::new(Detector::new(), ops)),
        ))
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        tracing::info!(
            client_ip = "203.0.113.7",
            "inbound call caller=+41792651676"
        );
        tracing::info!(client_ip = "203.0.113.7", "second request");
    });
    let out = capture.text();
    assert!(
        !out.contains("203.0.113.7") && !out.contains("+41792651676"),
        "{out}"
    );
    let tags: Vec<&str> = out.matches("<IP_ADDRESS:").collect();
    assert_eq!(tags.len(), 2);
    // Same value, same pseudonym: the two lines stay joinable.
    let p: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split("<IP_ADDRESS:").nth(1))
        .map(|s| &s[..8])
        .collect();
    assert_eq!(p[0], p[1]);
}

#[test]
fn redacting_writer_buffers_partial_lines() {
    let capture = Capture::default();
    {
        let mut w = RedactingWriter::new(capture.clone(), Arc::new(Redactor::default()));
        w.write_all(b"mail anna@exa").unwrap();
        w.write_all(b"mple.de\nsecond line +49 17").unwrap();
        w.write_all(b"1 2345678").unwrap();
    } // dropped: the last partial line is redacted and written
    assert_eq!(capture.text(), "mail <EMAIL>\nsecond line <PHONE>");
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pii-scan-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    dir
}

#[test]
fn scanner_reports_positions_never_values() {
    let dir = temp_dir("positions");
    std::fs::write(dir.join("a.log"), "all good\nmail: anna@example.de\n").unwrap();
    std::fs::write(
        dir.join("sub/b.jsonl"),
        "{\"firstName\":\"Jürgen\",\"room\":\"412\"}\n{\"ok\":true}\n→ call +49 171 2345678\n",
    )
    .unwrap();
    std::fs::write(dir.join("sub/c.bin"), b"\x00\x01anna@example.de").unwrap();
    let found = scan_paths(std::slice::from_ref(&dir)).unwrap();
    let lines: Vec<String> = found
        .iter()
        .map(|f| {
            let rel = f.path.strip_prefix(&dir).unwrap().display().to_string();
            format!("{rel}:{}:{} {}", f.line, f.column, f.entity)
        })
        .collect();
    assert_eq!(
        lines,
        [
            "a.log:2:7 EMAIL",
            "sub/b.jsonl:1:15 PERSON",
            "sub/b.jsonl:3:8 PHONE"
        ]
    );
    let shown = found[0].to_string();
    assert!(shown.ends_with("a.log:2:7 EMAIL") && !shown.contains("anna"));
    let json = serde_json::to_value(&found[1]).unwrap();
    assert_eq!(json["entity"], "PERSON");
    assert_eq!(json["line"], 1);
    // A single file works too, and a missing path is an error.
    assert_eq!(scan_paths(&[dir.join("a.log")]).unwrap().len(), 1);
    assert!(scan_paths(&[dir.join("missing")]).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn scanner_finds_nothing_in_redacted_output() {
    let dir = temp_dir("clean");
    let redacted = pii::redact_text(TEXT, &Operators::pseudonym(key()));
    std::fs::write(dir.join("out.log"), format!("{redacted}\n")).unwrap();
    let found: Vec<FileFinding> = scan_paths(std::slice::from_ref(&dir)).unwrap();
    assert!(found.is_empty(), "{found:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn names_inside_escaped_json_and_debug_strings_are_redacted() {
    let ops = pii::Operators::default();
    let logged = [
        r#"{"body":"{\"lastName\":\"Schmidt\",\"firstName\":\"Anna\"}"}"#,
        r#"{"message":"Guest { first_name: \"Anna\", last_name: \"Schmidt\" }"}"#,
    ];
    for line in logged {
        let out = pii::redact_text(line, &ops);
        assert!(!out.contains("Schmidt") && !out.contains("Anna"), "{out}");
        assert!(out.contains("<PERSON>"), "{out}");
    }
}
