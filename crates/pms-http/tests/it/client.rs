//! Requests, responses and error mapping against a wiremock vendor.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use clock::ManualClock;
use http::{HeaderName, HeaderValue};
use pms_http::{
    ErrorKind, HttpConfig, HttpMetrics, LocalRateLimiter, Operation, Quota, Unlimited,
    VendorRequest,
};
use serde_json::{Value, json};
use wiremock::matchers::{body_json, body_string, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{
    API_KEY, TRACKING, VENDOR, api_key_auth, api_key_client, client_with, config, received,
    system_clock,
};

#[tokio::test]
async fn success_returns_status_headers_body_and_json() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/booking/v1/reservations/RES-1"))
        .and(query_param("expand", "booker"))
        .and(header("x-api-key", API_KEY))
        .and(header("accept", "application/json"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header(TRACKING, "trk-1")
                .set_body_json(json!({ "id": "RES-1", "status": "Confirmed" })),
        )
        .expect(1)
        .mount(&server)
        .await;

    let request = VendorRequest::get(Operation::GetReservation, "/booking/v1/reservations/{id}")
        .path_param("id", "RES-1")
        .query("expand", "booker");
    let response = api_key_client(&server).send(&request).await.unwrap();

    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.request_id(), Some("trk-1"));
    assert_eq!(response.headers().get(TRACKING).unwrap(), "trk-1");
    let body: Value = response.json().unwrap();
    assert_eq!(body, json!({ "id": "RES-1", "status": "Confirmed" }));
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn user_agent_json_body_and_extra_headers_are_sent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/booking/v1/bookings"))
        .and(header("content-type", "application/json"))
        .and(header("idempotency-key", "idem-1"))
        .and(header("user-agent", "voicehive-pms-http/0.1.0"))
        .and(body_json(
            json!({ "paymentAccount": null, "reservations": [] }),
        ))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({ "id": "BOOK-1" })))
        .expect(1)
        .mount(&server)
        .await;

    let request = VendorRequest::post(Operation::CreateReservation, "/booking/v1/bookings")
        .header(
            HeaderName::from_static("idempotency-key"),
            HeaderValue::from_static("idem-1"),
        )
        .json(&json!({ "paymentAccount": null, "reservations": [] }))
        .unwrap();
    let body: Value = api_key_client(&server).send_json(&request).await.unwrap();
    assert_eq!(body, json!({ "id": "BOOK-1" }));
}

#[tokio::test]
async fn form_bodies_are_url_encoded() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/connect/token"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string("grant_type=client_credentials&scope=a+b"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let request = VendorRequest::post(Operation::Health, "/connect/token")
        .form([("grant_type", "client_credentials"), ("scope", "a b")]);
    let response = api_key_client(&server).send(&request).await.unwrap();
    assert_eq!(response.status().as_u16(), 204);
    assert!(response.body().is_empty());
}

#[tokio::test]
async fn each_error_status_maps_to_its_kind_with_status_and_request_id() {
    let cases: Vec<(u16, ErrorKind)> = vec![
        (400, ErrorKind::Validation),
        (401, ErrorKind::Authentication),
        (403, ErrorKind::Authorization),
        (404, ErrorKind::NotFound),
        (405, ErrorKind::Validation),
        (408, ErrorKind::Timeout),
        (409, ErrorKind::Conflict),
        (412, ErrorKind::Conflict),
        (422, ErrorKind::Validation),
        (429, ErrorKind::RateLimited { retry_after: None }),
        (500, ErrorKind::Unavailable),
        (502, ErrorKind::Unavailable),
        (503, ErrorKind::Unavailable),
        (504, ErrorKind::Timeout),
        (507, ErrorKind::Unavailable),
        (302, ErrorKind::Protocol),
    ];
    let server = MockServer::start().await;
    for (status, _) in &cases {
        Mock::given(path(format!("/status/{status}")))
            .respond_with(
                ResponseTemplate::new(*status)
                    .insert_header(TRACKING, format!("trk-{status}").as_str())
                    .insert_header("location", "https://elsewhere.example.com/"),
            )
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = api_key_client(&server);
    for (status, kind) in &cases {
        let request = VendorRequest::get(Operation::Offers, "/status/{status}")
            .path_param("status", status.to_string());
        let err = client.send(&request).await.unwrap_err();
        assert_eq!(err.kind(), kind, "status {status}");
        let ctx = err.context();
        assert_eq!(ctx.vendor.as_deref(), Some(VENDOR));
        assert_eq!(ctx.operation, Some(Operation::Offers));
        assert_eq!(ctx.http_status, Some(*status));
        let expected_id = format!("trk-{status}");
        assert_eq!(ctx.vendor_request_id.as_deref(), Some(expected_id.as_str()));
    }
    // One request per status: a static key is not retried after 401, and nothing else is.
    assert_eq!(received(&server).await, cases.len());
}

#[tokio::test]
async fn rate_limited_with_retry_after_seconds() {
    let server = MockServer::start().await;
    Mock::given(path("/offers"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "3")
                .insert_header(TRACKING, "trk-429"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = api_key_client(&server)
        .send(&VendorRequest::get(Operation::Offers, "/offers"))
        .await
        .unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::RateLimited {
            retry_after: Some(Duration::from_secs(3))
        }
    );
    assert_eq!(err.context().http_status, Some(429));
    assert_eq!(err.context().vendor_request_id.as_deref(), Some("trk-429"));
    assert!(err.is_retryable());
}

#[tokio::test]
async fn rate_limited_with_retry_after_http_date_uses_the_injected_clock() {
    let server = MockServer::start().await;
    Mock::given(path("/future"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "Thu, 26 Nov 2026 12:01:30 GMT"),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/past"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "Thu, 26 Nov 2026 11:59:00 GMT"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap());
    let client = client_with(
        config(&server),
        api_key_auth(),
        Arc::new(Unlimited),
        Arc::new(clock),
    );

    let err = client
        .send(&VendorRequest::get(Operation::Offers, "/future"))
        .await
        .unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(90)));
    let err = client
        .send(&VendorRequest::get(Operation::Offers, "/past"))
        .await
        .unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::RateLimited {
            retry_after: Some(Duration::ZERO)
        }
    );
}

#[tokio::test]
async fn validation_messages_are_kept_with_contact_details_redacted() {
    let server = MockServer::start().await;
    let long = format!("Comment {}", "y".repeat(300));
    Mock::given(path("/booking/v1/bookings"))
        .respond_with(
            ResponseTemplate::new(422)
                .insert_header(TRACKING, "trk-422")
                .set_body_json(json!({ "messages": [
                    "Reservations[0].ChannelCode: The ChannelCode field is required.",
                    "Booker e-mail jane.doe@example.com is already used by phone +49 170 1234567",
                    long,
                ]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let request = VendorRequest::post(Operation::CreateReservation, "/booking/v1/bookings")
        .json(&json!({}))
        .unwrap();
    let err = api_key_client(&server).send(&request).await.unwrap_err();

    assert_eq!(err.kind(), &ErrorKind::Validation);
    assert_eq!(err.context().http_status, Some(422));
    assert_eq!(err.context().vendor_request_id.as_deref(), Some("trk-422"));
    let expected_long = format!("Comment {}…", "y".repeat(191));
    assert_eq!(
        err.message(),
        format!(
            "vendor rejected the request as invalid (HTTP 422): \
             Reservations[0].ChannelCode: The ChannelCode field is required.; \
             Booker e-mail [redacted] is already used by phone [redacted]; \
             {expected_long}"
        )
    );
}

#[tokio::test]
async fn a_configured_sanitizer_replaces_the_default() {
    let server = MockServer::start().await;
    Mock::given(path("/x"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({ "messages": ["Name Jane Doe is too long"] })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client_with(
        config(&server).with_sanitize(|text| text.replace("Jane Doe", "[name]")),
        api_key_auth(),
        Arc::new(Unlimited),
        system_clock(),
    );
    let err = client
        .send(&VendorRequest::get(Operation::Property, "/x"))
        .await
        .unwrap_err();
    assert_eq!(
        err.message(),
        "vendor rejected the request as invalid (HTTP 400): Name [name] is too long"
    );
}

#[tokio::test]
async fn an_unparseable_success_body_is_a_protocol_error_with_context() {
    let server = MockServer::start().await;
    Mock::given(path("/inventory/v1/properties/BER"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header(TRACKING, "trk-200")
                .set_body_string("{\"id\": \"BER\", \"name\": jane@example.com}"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let request = VendorRequest::get(Operation::Property, "/inventory/v1/properties/{id}")
        .path_param("id", "BER");
    let err = api_key_client(&server)
        .send_json::<Value>(&request)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Protocol);
    assert_eq!(
        err.message(),
        "vendor response body is not the expected JSON (syntax error at line 1 column 23)"
    );
    assert_eq!(err.context().http_status, Some(200));
    assert_eq!(err.context().vendor_request_id.as_deref(), Some("trk-200"));
    assert_eq!(err.context().operation, Some(Operation::Property));
}

#[tokio::test]
async fn an_attempt_that_exceeds_its_timeout_is_a_timeout() {
    let server = MockServer::start().await;
    Mock::given(path("/slow"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_with(
        config(&server).with_attempt_timeout(Duration::from_millis(200)),
        api_key_auth(),
        Arc::new(Unlimited),
        system_clock(),
    );
    let err = client
        .send(&VendorRequest::post(Operation::CreateReservation, "/slow"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Timeout);
    assert_eq!(
        err.message(),
        "no complete vendor answer within the 200ms attempt timeout; for writes the outcome is unknown"
    );
    assert_eq!(err.context().http_status, None);
    assert_eq!(err.context().vendor.as_deref(), Some(VENDOR));
    assert_eq!(err.context().operation, Some(Operation::CreateReservation));
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn connection_refused_is_unavailable() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = client_with(
        HttpConfig::new(VENDOR, "ACC1", format!("http://127.0.0.1:{port}")),
        api_key_auth(),
        Arc::new(Unlimited),
        system_clock(),
    );
    let request = VendorRequest::get(Operation::SearchReservations, "/booking/v1/reservations")
        .query("email", "jane.doe@example.com");
    let err = client.send(&request).await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Unavailable);
    assert_eq!(err.message(), "could not connect to the vendor");
    assert_eq!(err.context().http_status, None);
    assert_eq!(err.context().vendor.as_deref(), Some(VENDOR));
    assert_eq!(err.context().operation, Some(Operation::SearchReservations));
    assert!(!err.to_string().contains("jane.doe"));
}

#[tokio::test]
async fn an_invalid_base_url_is_rejected() {
    for base in ["not a url", "mailto:ops@example.com", "ftp://example.com"] {
        let err = pms_http::VendorHttpClient::new(
            HttpConfig::new(VENDOR, "ACC1", base),
            api_key_auth(),
            Arc::new(Unlimited),
            system_clock(),
        )
        .unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Internal, "{base}");
        assert!(!err.message().contains(base), "{base}");
    }
}

#[tokio::test]
async fn metrics_count_attempts_by_status_class_and_rate_limit_waits() {
    let server = MockServer::start().await;
    Mock::given(path("/ok"))
        .respond_with(ResponseTemplate::new(200))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(path("/missing"))
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;
    let registry = prometheus::Registry::new();
    let metrics = HttpMetrics::register(&registry).unwrap();
    // A fixed clock: the limiter computes exact waits (50 ms for the third call) and the
    // sleeps are real but short.
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap());
    let limiter = LocalRateLimiter::new(Quota::per_second(20, 2), Arc::new(clock));
    let client = client_with(
        config(&server),
        api_key_auth(),
        Arc::new(limiter),
        system_clock(),
    )
    .with_metrics(metrics.clone());

    client
        .send(&VendorRequest::get(Operation::Availability, "/ok"))
        .await
        .unwrap();
    client
        .send(&VendorRequest::get(Operation::Availability, "/ok"))
        .await
        .unwrap();
    client
        .send(&VendorRequest::get(Operation::Availability, "/missing"))
        .await
        .unwrap_err();

    assert_eq!(metrics.requests(VENDOR, "availability", "2xx"), 2);
    assert_eq!(metrics.requests(VENDOR, "availability", "4xx"), 1);
    assert_eq!(metrics.attempts_observed(VENDOR, "availability"), 3);
    let (waits, seconds) = metrics.rate_limit_waits(VENDOR);
    assert_eq!(waits, 3);
    assert!((seconds - 0.05).abs() < 1e-9, "{seconds}");
    let families = registry.gather();
    let names: Vec<&str> = families.iter().map(|f| f.name()).collect();
    assert_eq!(
        names,
        [
            "voicehive_pms_http_attempt_duration_seconds",
            "voicehive_pms_http_requests_total",
            "voicehive_pms_rate_limit_wait_seconds",
        ]
    );
}

#[tokio::test]
async fn a_response_body_beyond_the_limit_is_refused() {
    let server = MockServer::start().await;
    Mock::given(path("/booking/v1/reservations"))
        .respond_with(
            ResponseTemplate::new(200).set_body_bytes(vec![b' '; pms_http::MAX_BODY_BYTES + 1]),
        )
        .mount(&server)
        .await;
    let request = VendorRequest::get(Operation::SearchReservations, "/booking/v1/reservations");
    let err = api_key_client(&server).send(&request).await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Protocol);
    assert!(err.message().contains("larger than"), "{err}");
    assert_eq!(err.context().http_status, Some(200));
}
