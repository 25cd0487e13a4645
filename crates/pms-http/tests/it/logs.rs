//! What the client logs: the path template, never query values, ids, headers or bodies.

use std::fmt::{self, Write as _};
use std::sync::{Arc, Mutex};

use pms_http::{Operation, VendorRequest};
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::{path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{API_KEY, TRACKING, api_key_client};

/// Collects the events of this crate as `name=value` lines.
#[derive(Clone, Default)]
struct Capture {
    events: Arc<Mutex<Vec<String>>>,
}

struct Line(String);

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        write!(self.0, "{}={:?} ", field.name(), value).unwrap();
    }
}

impl Subscriber for Capture {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("pms_http")
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut line = Line(format!("{} ", event.metadata().level()));
        event.record(&mut line);
        self.events.lock().unwrap().push(line.0);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn one_debug_event_per_attempt_with_the_path_template_only() {
    let server = MockServer::start().await;
    Mock::given(path("/booking/v1/reservations/RES-SECRET-42"))
        .and(query_param("email", "jane.doe@example.com"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header(TRACKING, "trk-7")
                .set_body_json(json!({ "guest": "Jane Doe" })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    let request = VendorRequest::get(
        Operation::SearchReservations,
        "/booking/v1/reservations/{id}",
    )
    .path_param("id", "RES-SECRET-42")
    .query("email", "jane.doe@example.com");
    api_key_client(&server).send(&request).await.unwrap();

    let events = capture.events.lock().unwrap().clone();
    assert_eq!(events.len(), 1, "{events:#?}");
    let event = &events[0];
    for expected in [
        "DEBUG ",
        "message=vendor http attempt ",
        "vendor=apaleo ",
        "account=ACC1 ",
        "operation=search_reservations ",
        "method=GET ",
        "path=/booking/v1/reservations/{id} ",
        "attempt=1 ",
        "status=200 ",
        "status_class=\"2xx\" ",
        "vendor_request_id=\"trk-7\" ",
    ] {
        assert!(event.contains(expected), "missing {expected:?} in {event}");
    }
    for secret in [
        "RES-SECRET-42",
        "jane.doe",
        "example.com",
        "Jane Doe",
        API_KEY,
    ] {
        assert!(!event.contains(secret), "{secret:?} leaked into {event}");
    }
}
