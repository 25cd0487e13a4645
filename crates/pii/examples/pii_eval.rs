//! Runs the detector over an evaluation set and measures its single-thread throughput.
//!
//! Input: JSON lines with at least `{"id", "text"}` (the set written by `bench/pii/gen.py`).
//! Output (stdout): JSON lines `{"id", "spans": [{"type", "start", "end", "score"}]}` with
//! offsets in Unicode code points (as Python and the scorer count them). Timing (stderr and
//! `--timing FILE`): bytes, characters, documents, seconds, MB/s over repeated passes of at least
//! `--seconds` (default 3), after a warm-up pass.
//!
//! With `--known`, each document is redacted with a [`pii::RedactionContext`] that knows the
//! document's `"known"` values (the guest's name, e-mail and phone from the booking); the context
//! is built inside the timed loop, as a per-request context would be.
//!
//! `cargo run --release -p pii --example pii_eval -- target/pii-bench/eval.jsonl --timing t.json`
//! (pin to one core with `taskset -c 0` for the single-core figure).

use std::io::{self, BufRead, BufWriter, Write};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut input = None;
    let mut timing_file = None;
    let mut min_secs = 3.0_f64;
    let mut known_mode = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--timing" => timing_file = args.next(),
            "--known" => known_mode = true,
            "--seconds" => min_secs = args.next().ok_or("--seconds needs a value")?.parse()?,
            _ => input = Some(a),
        }
    }
    let input = input.ok_or("usage: pii_eval INPUT.jsonl [--timing FILE] [--seconds N]")?;
    let file = std::fs::File::open(&input)?;
    let mut docs: Vec<(Value, String)> = Vec::new();
    let mut known: Vec<Vec<(pii::EntityType, String)>> = Vec::new();
    for line in io::BufReader::new(file).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line)?;
        let text = v["text"]
            .as_str()
            .ok_or("document without text")?
            .to_owned();
        let mut values = Vec::new();
        if let Some(map) = v["known"].as_object() {
            for (tag, list) in map {
                let entity: pii::EntityType = tag.parse()?;
                for value in list.as_array().into_iter().flatten() {
                    if let Some(s) = value.as_str() {
                        values.push((entity, s.to_owned()));
                    }
                }
            }
        }
        known.push(values);
        docs.push((v["id"].clone(), text));
    }
    let detector = pii::Detector::new();
    let find = |i: usize, text: &str| -> Vec<pii::Finding> {
        if known_mode {
            let mut ctx = pii::RedactionContext::default();
            for (e, v) in &known[i] {
                ctx.add(*e, v);
            }
            ctx.find(text)
        } else {
            detector.detect(text)
        }
    };

    // Predictions.
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for (i, (id, text)) in docs.iter().enumerate() {
        let findings = find(i, text);
        // byte offset -> code point offset
        let mut spans = Vec::with_capacity(findings.len());
        for f in findings {
            let start = text[..f.start].chars().count();
            let len = text[f.start..f.end].chars().count();
            spans.push(json!({
                "type": f.entity.tag(),
                "start": start,
                "end": start + len,
                "score": f.score,
            }));
        }
        writeln!(out, "{}", json!({"id": id, "spans": spans}))?;
    }
    out.flush()?;

    // Throughput: repeated passes over all documents, one thread.
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    let chars: usize = docs.iter().map(|(_, t)| t.chars().count()).sum();
    let mut sink = 0usize;
    for (i, (_, t)) in docs.iter().enumerate() {
        sink += find(i, t).len();
    }
    let start = Instant::now();
    let mut passes = 0u32;
    let mut per_doc: Vec<Duration> = Vec::new();
    while start.elapsed().as_secs_f64() < min_secs || passes == 0 {
        for (i, (_, t)) in docs.iter().enumerate() {
            let t0 = Instant::now();
            sink += find(i, t).len();
            if passes == 0 {
                per_doc.push(t0.elapsed());
            }
        }
        passes += 1;
    }
    let secs = start.elapsed().as_secs_f64() / f64::from(passes);
    per_doc.sort();
    let pct = |p: f64| {
        let i = ((per_doc.len() as f64 - 1.0) * p).round() as usize;
        per_doc.get(i).map_or(0.0, |d| d.as_secs_f64() * 1e3)
    };
    let timing = json!({
        "system": if known_mode { "voicehive-pii+known" } else { "voicehive-pii" },
        "documents": docs.len(),
        "bytes": bytes,
        "chars": chars,
        "seconds_per_pass": secs,
        "passes": passes,
        "mb_per_s": bytes as f64 / secs / 1e6,
        "chars_per_s": chars as f64 / secs,
        "ms_per_doc_p50": pct(0.5),
        "ms_per_doc_p95": pct(0.95),
        "ms_per_doc_p99": pct(0.99),
        "findings_checksum": sink,
    });
    writeln!(io::stderr(), "{timing}")?;
    if let Some(f) = timing_file {
        std::fs::write(f, timing.to_string())?;
    }
    Ok(())
}
