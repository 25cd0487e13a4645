//! Lines that are safe by construction skip the redactor.
//!
//! A service's access log line (one per request: method, route template, status, latency,
//! configured ids) holds nothing a caller or guest wrote, yet passing it through the
//! redactor was a quarter of a gateway's CPU per cached request, and formatting it through
//! `tracing_subscriber`'s generic JSON formatter another tenth. Events logged under
//! [`TRUSTED_TARGET`] are written by [`TrustedLines`], a layer that formats them itself in the
//! same JSON shape (`timestamp`, `level`, `fields`, `target`) and writes them unredacted; the
//! redacting fmt layer skips them ([`is_trusted`]); every other event is redacted as before.
//! A trusted line never carries span fields: spans may hold what a caller sent.
//!
//! The target is a promise made by one call site: the repository's tidy check allows it in
//! this module and in the gateway's access-line function only, and that function takes only
//! values that cannot hold personal data (see `crates/gateway/src/access.rs`).

use std::cell::RefCell;
use std::fmt::{self, Write as _};
use std::io::Write as _;

use tracing::field::{Field, Visit};
use tracing::{Event, Metadata, Subscriber};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::time::{FormatTime, SystemTime};
use tracing_subscriber::layer::{Context, Layer};

/// The `tracing` target of events whose fields are safe by construction; their lines are not
/// redacted.
pub const TRUSTED_TARGET: &str = "voicehive::access";

/// Whether `meta` is an event under [`TRUSTED_TARGET`] (spans never are).
pub fn is_trusted(meta: &Metadata<'_>) -> bool {
    meta.is_event() && meta.target() == TRUSTED_TARGET
}

/// A layer that writes the events under [`TRUSTED_TARGET`], and only those, as JSON lines to
/// `make_writer`, unredacted: `{"timestamp":"…Z","level":"INFO","fields":{"message":…,…},
/// "target":"voicehive::access"}`, the shape of `tracing_subscriber`'s JSON formatter. Give the
/// redacting fmt layer a filter that drops these events (`filter_fn(|m| !is_trusted(m))`), as
/// [`init_json`](super::init_json) does.
#[derive(Debug, Clone)]
pub struct TrustedLines<M> {
    make_writer: M,
}

impl<M> TrustedLines<M> {
    /// Writes to `make_writer`.
    pub fn new(make_writer: M) -> Self {
        TrustedLines { make_writer }
    }
}

thread_local! {
    /// The line being formatted, reused: no allocation per line once it has grown.
    static LINE: RefCell<String> = const { RefCell::new(String::new()) };
}

impl<S, M> Layer<S> for TrustedLines<M>
where
    S: Subscriber,
    M: for<'w> MakeWriter<'w> + 'static,
{
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let meta = event.metadata();
        if !is_trusted(meta) {
            return;
        }
        LINE.with(|cell| {
            // Busy only if writing the line logged again on this thread: drop the inner one.
            let Ok(mut line) = cell.try_borrow_mut() else {
                return;
            };
            line.clear();
            if format_line(&mut line, event).is_ok() {
                // One write per line, as the fmt layer does; errors are ignored as it does.
                let _ = self
                    .make_writer
                    .make_writer_for(meta)
                    .write_all(line.as_bytes());
            }
        });
    }
}

fn format_line(line: &mut String, event: &Event<'_>) -> fmt::Result {
    let meta = event.metadata();
    line.push_str("{\"timestamp\":\"");
    SystemTime.format_time(&mut Writer::new(line))?;
    line.push_str("\",\"level\":\"");
    line.push_str(meta.level().as_str());
    line.push_str("\",\"fields\":{");
    let mut fields = JsonFields { line, first: true };
    event.record(&mut fields);
    line.push_str("},\"target\":\"");
    Escaped(line).write_str(meta.target())?;
    line.push_str("\"}\n");
    Ok(())
}

/// Writes the fields as JSON members, in the event's order, the way `tracing-serde` does:
/// numbers and booleans as JSON numbers and booleans, everything else as a string.
struct JsonFields<'a> {
    line: &'a mut String,
    first: bool,
}

impl JsonFields<'_> {
    fn key(&mut self, field: &Field) {
        if !self.first {
            self.line.push(',');
        }
        self.first = false;
        self.line.push('"');
        let _ = Escaped(self.line).write_str(field.name());
        self.line.push_str("\":");
    }
}

impl Visit for JsonFields<'_> {
    fn record_f64(&mut self, field: &Field, value: f64) {
        self.key(field);
        // serde_json's own number formatting; `null` for NaN and infinities, as serde_json.
        match serde_json::Number::from_f64(value) {
            Some(n) => {
                let _ = write!(self.line, "{n}");
            }
            None => self.line.push_str("null"),
        }
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.key(field);
        let _ = write!(self.line, "{value}");
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.key(field);
        let _ = write!(self.line, "{value}");
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.key(field);
        self.line.push_str(if value { "true" } else { "false" });
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.key(field);
        self.line.push('"');
        let _ = Escaped(self.line).write_str(value);
        self.line.push('"');
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.key(field);
        self.line.push('"');
        let _ = write!(Escaped(self.line), "{value:?}");
        self.line.push('"');
    }
}

/// Writes text as the inside of a JSON string (the escapes serde_json uses).
struct Escaped<'a>(&'a mut String);

impl fmt::Write for Escaped<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        // Runs of characters that need no escape are copied whole.
        let mut run = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..0x20 => "",
                _ => continue,
            };
            self.0.push_str(&s[run..i]);
            if escape.is_empty() {
                write!(self.0, "\\u{b:04x}")?;
            } else {
                self.0.push_str(escape);
            }
            run = i + 1;
        }
        self.0.push_str(&s[run..]);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use tracing_subscriber::EnvFilter;
    use tracing_subscriber::layer::SubscriberExt as _;

    use super::*;
    use crate::Redactor;
    use crate::logging::json_subscriber;

    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl Buffer {
        fn text(&self) -> String {
            String::from_utf8_lossy(&self.0.lock().map(|b| b.clone()).unwrap_or_default())
                .into_owned()
        }
    }

    impl Write for Buffer {
        fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
            if let Ok(mut b) = self.0.lock() {
                b.extend_from_slice(data);
            }
            Ok(data.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl<'a> MakeWriter<'a> for Buffer {
        type Writer = Buffer;
        fn make_writer(&'a self) -> Buffer {
            self.clone()
        }
    }

    fn subscriber(filter: &str, buffer: &Buffer) -> impl Subscriber + Send + Sync + 'static {
        json_subscriber(
            EnvFilter::new(filter),
            buffer.clone(),
            Arc::new(Redactor::default()),
        )
    }

    #[test]
    fn only_events_under_the_trusted_target_skip_the_redactor() {
        let buffer = Buffer::default();
        tracing::subscriber::with_default(subscriber("info", &buffer), || {
            tracing::info!(email = "anna.schmidt@example.de", "ordinary");
            tracing::info!(target: "voicehive::accessx", email = "anna.schmidt@example.de", "near miss");
            // Written as is: this is what makes the trusted target a promise.
            tracing::info!(target: TRUSTED_TARGET, email = "anna.schmidt@example.de", "trusted");
        });
        let text = buffer.text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].contains("<EMAIL>") && !lines[0].contains("anna.schmidt"));
        assert!(lines[1].contains("<EMAIL>") && !lines[1].contains("anna.schmidt"));
        assert!(lines[2].contains("anna.schmidt@example.de"));
    }

    /// The trusted line has the shape of `tracing_subscriber`'s JSON formatter (what log
    /// queries and dashboards read), field for field, with any text escaped correctly.
    #[test]
    fn a_trusted_line_is_the_json_formatters_line() {
        let ours = Buffer::default();
        let theirs = Buffer::default();
        let emit = || {
            tracing::warn!(
                target: TRUSTED_TARGET,
                method = "GET",
                route = "/v1/hotels/{hotel}",
                status = 200_u16,
                latency_ms = 0.25,
                whole = 2.0,
                not_a_number = f64::NAN,
                negative = -7_i64,
                flag = true,
                odd = "quote \" backslash \\ newline \n tab \t bell \u{7} ü €",
                debugged = ?Some("x"),
                "request {}", 7
            );
        };
        tracing::subscriber::with_default(subscriber("info", &ours), emit);
        let plain = tracing_subscriber::registry().with(
            tracing_subscriber::fmt::layer()
                .json()
                .with_writer(theirs.clone()),
        );
        tracing::subscriber::with_default(plain, emit);

        let parse = |text: String| -> serde_json::Value {
            assert_eq!(text.matches('\n').count(), 1, "one line: {text:?}");
            let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
            let ts = v["timestamp"].take();
            let ts = ts.as_str().unwrap();
            assert!(
                ts.ends_with('Z') && ts.len() == "2026-12-06T21:46:22.445832Z".len(),
                "{ts}"
            );
            v
        };
        let (ours, theirs) = (parse(ours.text()), parse(theirs.text()));
        assert_eq!(ours, theirs);
        assert_eq!(
            ours["fields"]["odd"],
            "quote \" backslash \\ newline \n tab \t bell \u{7} ü €"
        );
        assert_eq!(ours["fields"]["message"], "request 7");
        assert_eq!(ours["level"], "WARN");
        // Key order as well (log processors may read lines as text).
        let keys = |v: &serde_json::Value| -> Vec<String> {
            v["fields"].as_object().unwrap().keys().cloned().collect()
        };
        assert_eq!(keys(&ours), keys(&theirs));
    }

    #[test]
    fn a_trusted_line_carries_no_span_fields_and_obeys_the_filter() {
        let buffer = Buffer::default();
        tracing::subscriber::with_default(subscriber("info", &buffer), || {
            let span = tracing::info_span!("request", caller = "anna.schmidt@example.de");
            let _entered = span.enter();
            tracing::info!(target: TRUSTED_TARGET, status = 200_u16, "request");
        });
        let text = buffer.text();
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(!text.contains("anna") && !text.contains("span"), "{text}");

        let buffer = Buffer::default();
        let filter = format!("info,{TRUSTED_TARGET}=off");
        tracing::subscriber::with_default(subscriber(&filter, &buffer), || {
            tracing::info!(target: TRUSTED_TARGET, status = 200_u16, "request");
            tracing::info!("other");
        });
        let text = buffer.text();
        assert_eq!(text.lines().count(), 1, "{text}");
        assert!(text.contains("other"), "{text}");
    }
}
