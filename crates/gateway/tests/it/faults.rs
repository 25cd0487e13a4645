//! PMS failures through the gateway: status mapping, `Retry-After`, request timeout.

use std::time::Duration;

use apaleo_sandbox::Fault;
use gateway::{EmbeddedSandbox, GatewaySettings};

use crate::harness::*;

fn retry_after(response: &reqwest::Response) -> Option<u64> {
    response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pms_failures_map_to_problems_with_retry_after() {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let gw = TestGateway::start(&sandbox, store("sqlite::memory:", None).await).await;
    // Warm up the token so that the faults hit the API calls.
    assert_eq!(gw.get("/v1/hotels/BER", ACME_RW).await.status(), 200);

    sandbox.running().faults().push(Fault::Status {
        status: 503,
        retry_after: None,
        times: 100,
    });
    let response = gw.get("/v1/hotels/BER/room-types", ACME_RW).await;
    assert!(retry_after(&response).is_some_and(|s| s >= 1));
    problem(response, 503, "unavailable").await;
    let ready = gw.get("/readyz", "").await;
    assert_eq!(ready.status(), 503);
    sandbox.running().faults().clear();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_from_the_pms_are_429_with_retry_after() {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let gw = TestGateway::start(&sandbox, store("sqlite::memory:", None).await).await;
    assert_eq!(gw.get("/v1/hotels/BER", ACME_RW).await.status(), 200);
    sandbox.running().faults().push(Fault::Status {
        status: 429,
        retry_after: Some(30),
        times: 100,
    });
    let response = gw.get("/v1/hotels/BER/room-types", ACME_RW).await;
    let status = response.status().as_u16();
    assert!(retry_after(&response).is_some_and(|s| s >= 1), "{status}");
    // The breaker may already have opened: then the PMS is unavailable (503).
    if status == 429 {
        problem(response, 429, "rate_limited").await;
    } else {
        problem(response, 503, "unavailable").await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_requests_hit_the_request_timeout() {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let settings = GatewaySettings {
        request_timeout: Duration::from_millis(300),
        ..GatewaySettings::default()
    };
    let gw =
        TestGateway::start_with(&sandbox, store("sqlite::memory:", None).await, settings).await;
    assert_eq!(gw.get("/v1/hotels/BER", ACME_RW).await.status(), 200);
    sandbox.running().faults().push(Fault::Latency {
        delay: Duration::from_secs(3),
        times: 10,
    });
    let response = gw.get("/v1/hotels/BER/room-types", ACME_RW).await;
    assert_eq!(retry_after(&response), Some(1));
    problem(response, 503, "request_timeout").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rejected_pms_credentials_are_a_bad_gateway_without_details() {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let gw = TestGateway::start(&sandbox, store("sqlite::memory:", None).await).await;
    sandbox.running().faults().push(Fault::RejectClient);
    let response = gw.get("/v1/hotels/BER/room-types", ACME_RW).await;
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(status == 502 || status == 503, "{status} {body}");
    assert!(!body.to_string().contains("invalid_client"), "{body}");
    assert!(!body.to_string().contains("sandbox-secret"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_key_has_a_rate_limit() {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let settings = GatewaySettings {
        rate_limit_per_second: 1,
        rate_limit_burst: 2,
        ..GatewaySettings::default()
    };
    let gw =
        TestGateway::start_with(&sandbox, store("sqlite::memory:", None).await, settings).await;
    assert_eq!(gw.get("/v1/hotels", ACME_RW).await.status(), 200);
    assert_eq!(gw.get("/v1/hotels", ACME_RW).await.status(), 200);
    let limited = gw.get("/v1/hotels", ACME_RW).await;
    assert!(retry_after(&limited).is_some_and(|s| s >= 1));
    problem(limited, 429, "rate_limited").await;
    // Another key has its own budget.
    assert_eq!(gw.get("/v1/hotels", ACME_RO).await.status(), 200);
}
