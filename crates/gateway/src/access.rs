//! The access log line and the request id: one line per request, built only from values that
//! cannot hold personal data, so that it skips the log redactor
//! ([`pii::logging::TRUSTED_TARGET`]).
//!
//! Every field is either fixed by this program or checked before it is logged:
//! - the method is one of a fixed set, the route is the router's template
//!   (`/v1/hotels/{hotel}/offers`), never the path the caller sent;
//! - the status and latency are numbers (the latency with two decimals, so no long digit run);
//! - the tenant is the one the authenticated key belongs to (set up by the operator);
//! - the hotel is logged only when it is one of the configured hotel ids, otherwise it is
//!   empty: a caller could put anything in the path;
//! - the request id is either generated here (hex) or the caller's `X-Request-Id`, which is
//!   passed through the redactor first ([`RequestId::for_log`]).
//!
//! The tidy check `only_the_access_line_is_trusted` allows the trusted target here only.

use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::http::HeaderMap;

/// A request's id: generated, or taken from the caller's `X-Request-Id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RequestId {
    /// Made here: 24 hex digits, a random per-process prefix and a counter.
    Generated(String),
    /// The caller's `X-Request-Id` (1 to 64 characters `A-Z a-z 0-9 - _ .`), as sent and as
    /// logged (through the redactor: it could be a phone number, an IBAN or a name), redacted
    /// once for the request's span and its access line.
    Caller {
        /// As sent, echoed in the response.
        sent: String,
        /// As logged.
        logged: String,
    },
}

/// A random 48-bit prefix per process, so that ids of different replicas do not collide.
static PREFIX: LazyLock<u64> = LazyLock::new(|| {
    let mut bytes = [0u8; 8];
    match getrandom::fill(&mut bytes) {
        Ok(()) => u64::from_le_bytes(bytes) & 0xffff_ffff_ffff,
        // No randomness: the process id still separates this process from its neighbours.
        Err(_) => u64::from(std::process::id()),
    }
});
static COUNTER: AtomicU64 = AtomicU64::new(0);

impl RequestId {
    /// The caller's id when it is well formed, otherwise a new one.
    pub(crate) fn from_headers(headers: &HeaderMap) -> Self {
        match headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .filter(|v| well_formed(v))
        {
            Some(v) => RequestId::Caller {
                sent: v.to_owned(),
                logged: pii::redact_text(v, &pii::Operators::default()),
            },
            None => RequestId::generate(),
        }
    }

    /// A new id: unique within the process (a counter) and across replicas (a random prefix).
    pub(crate) fn generate() -> Self {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed) & 0xffff_ffff_ffff;
        // Two 48-bit numbers as 12 hex digits each (what `{:012x}` writes, without the
        // formatting machinery: this runs on every request).
        let id: String = [*PREFIX, n]
            .into_iter()
            .flat_map(|v| (0..12).rev().map(move |i| (v >> (4 * i)) & 0xf))
            .map(|d| char::from(b"0123456789abcdef"[d as usize]))
            .collect();
        RequestId::Generated(id)
    }

    /// The id as sent back in `X-Request-Id`.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            RequestId::Generated(id) | RequestId::Caller { sent: id, .. } => id,
        }
    }

    /// The id as logged: a caller's id as redacted, a generated one (hex digits) as it is.
    pub(crate) fn for_log(&self) -> &str {
        match self {
            RequestId::Generated(id) | RequestId::Caller { logged: id, .. } => id,
        }
    }
}

fn well_formed(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 64
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
}

/// The fields of one access line.
pub(crate) struct AccessLine<'a> {
    /// One of a fixed set of method names.
    pub(crate) method: &'static str,
    /// The router's template for the matched route, or `unmatched`.
    pub(crate) route: &'a str,
    pub(crate) status: u16,
    pub(crate) latency: Duration,
    /// The authenticated key's tenant (empty before authentication).
    pub(crate) tenant: &'a str,
    /// A configured hotel id, or empty.
    pub(crate) hotel: &'a str,
    pub(crate) request_id: &'a RequestId,
}

impl AccessLine<'_> {
    /// Logs the line under the trusted target (not redacted: see the module doc).
    pub(crate) fn log(&self) {
        tracing::info!(
            target: "voicehive::access",
            method = self.method,
            route = self.route,
            status = self.status,
            latency_ms = (self.latency.as_secs_f64() * 100_000.0).round() / 100.0,
            tenant = self.tenant,
            hotel = self.hotel,
            request_id = self.request_id.for_log(),
            "request"
        );
    }
}

/// Runs a request with a fresh known-value scope ([`pii::logging::LogScope`]): what the
/// handlers [`learn`] (the guest in a booking, the reservations a PMS answers) is removed, in
/// every written, spoken and spelled form, from every other line logged while serving it, on
/// top of what the redactor finds by itself.
pub(crate) fn with_log_scope<F: std::future::Future>(fut: F) -> pii::logging::InScope<F> {
    pii::logging::in_scope(pii::logging::LogScope::new(), fut)
}

/// `fut` in the current request's scope (for work detached into a task of its own).
pub(crate) fn in_current_log_scope<F: std::future::Future>(fut: F) -> pii::logging::InScope<F> {
    pii::logging::in_scope(pii::logging::current_scope().unwrap_or_default(), fut)
}

/// Teaches the current request's log scope the personal values of `value` (a request body, a
/// reservation answer): names, e-mail addresses, phone numbers found by their field names or by
/// the detector. Outside a request, nothing happens.
pub(crate) fn learn<T: serde::Serialize + ?Sized>(value: &T) {
    if let Some(scope) = pii::logging::current_scope()
        && let Ok(json) = serde_json::to_value(value)
    {
        scope.learn_json(&json);
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn the_literal_target_is_the_trusted_one() {
        // `tracing::info!(target: …)` needs a literal; this keeps the two in step.
        assert_eq!(pii::logging::TRUSTED_TARGET, "voicehive::access");
    }

    #[test]
    fn generated_ids_are_unique_hex_of_24_digits() {
        let a = RequestId::generate();
        let b = RequestId::generate();
        assert_ne!(a, b);
        for id in [&a, &b] {
            assert_eq!(id.as_str().len(), 24);
            assert!(id.as_str().chars().all(|c| c.is_ascii_hexdigit()));
            assert_eq!(id.for_log(), id.as_str());
        }
        // The shared prefix, then the counter.
        assert_eq!(a.as_str()[..12], b.as_str()[..12]);
        assert_eq!(a.as_str()[..12], format!("{:012x}", *PREFIX));
        let counter = |id: &RequestId| u64::from_str_radix(&id.as_str()[12..], 16).unwrap();
        assert!(counter(&b) > counter(&a));
    }

    #[test]
    fn a_callers_id_is_kept_for_the_response_and_redacted_for_the_log() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-request-id",
            HeaderValue::from_static("DE89370400440532013000"),
        );
        let id = RequestId::from_headers(&headers);
        assert!(matches!(id, RequestId::Caller { .. }));
        assert_eq!(id.as_str(), "DE89370400440532013000");
        assert_eq!(id.for_log(), "<IBAN>");

        headers.insert("x-request-id", HeaderValue::from_static("call-7f3a.turn-2"));
        let id = RequestId::from_headers(&headers);
        assert_eq!(id.for_log(), "call-7f3a.turn-2");

        for bad in ["", "has space", "x@y"] {
            if let Ok(v) = HeaderValue::from_str(bad) {
                headers.insert("x-request-id", v);
            }
            assert!(matches!(
                RequestId::from_headers(&headers),
                RequestId::Generated(_)
            ));
        }
        headers.insert(
            "x-request-id",
            HeaderValue::from_str(&"a".repeat(65)).unwrap(),
        );
        assert!(matches!(
            RequestId::from_headers(&headers),
            RequestId::Generated(_)
        ));
    }

    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl Write for Buffer {
        fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(data);
            Ok(data.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// What a handler learns leaves the request's other log lines (also those of work detached
    /// into another task), in any form, and only that request's.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn learned_guest_values_leave_the_requests_log_lines() {
        let buffer = Buffer::default();
        let writer = {
            let buffer = buffer.clone();
            move || buffer.clone()
        };
        let subscriber = tracing_subscriber::fmt()
            .json()
            .with_writer(pii::logging::redacting(writer))
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let dispatch = tracing::dispatcher::get_default(Clone::clone);
        let line = "vendor said: kowalczyk has no room, call zero one seven one two three four five six seven";
        let request = with_log_scope(async move {
            learn(&serde_json::json!({"guest": {
                "first_name": "Józef", "last_name": "Kowalczyk",
                "email": "j.kowalczyk@example.pl", "phone": "+49 171 234567"}}));
            tokio::task::yield_now().await;
            tracing::warn!(error = line, "connector error");
            let detached = tokio::spawn(tracing::instrument::WithSubscriber::with_subscriber(
                in_current_log_scope(async move {
                    tracing::warn!(error = line, "in a task of its own");
                }),
                dispatch,
            ));
            detached.await.unwrap();
        });
        request.await;
        // Another request: nothing learned, the bare surname is no personal data by itself.
        with_log_scope(async move { tracing::warn!(error = line, "another request") }).await;
        drop(_guard);

        let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        for line in &lines[..2] {
            assert!(!line.contains("kowalczyk"), "{line}");
            assert!(!line.contains("zero one seven"), "{line}");
            assert!(
                line.contains("vendor said: ") && line.contains(" has no room"),
                "{line}"
            );
        }
        assert!(lines[2].contains("kowalczyk"), "{}", lines[2]);
    }
}
