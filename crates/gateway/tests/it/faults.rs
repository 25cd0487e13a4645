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
    // The operators' status shows what the traffic met: failures, until the breaker opens.
    let ops = "vh_test_acme_operator_0123456789abcdef01";
    gw.gateway
        .store()
        .add_key("acme", ops, &[gateway::Scope::OpsRead], &["BER".to_owned()])
        .await
        .unwrap();
    for _ in 0..12 {
        let _ = gw.get("/v1/hotels/BER/room-types", ACME_RW).await;
    }
    let status: serde_json::Value = gw.get("/v1/status", ops).await.json().await.unwrap();
    let ber = &status["hotels"]["BER"];
    assert_eq!(ber["circuit"], "open", "{status}");
    assert!(
        status["hotels"].get("ZRH").is_none(),
        "another tenant's hotel: {status}"
    );
    assert_eq!(status["database"], "ok");
    sandbox.running().faults().clear();
}

/// Finding 3: readiness answers from the worker's last probe; a flood of unauthenticated
/// `/readyz` calls reaches no PMS and names no hotel.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readiness_never_calls_a_pms_and_reveals_no_hotels() {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let gw = TestGateway::start(&sandbox, store("sqlite::memory:", None).await).await;
    // The worker probes at start.
    let mut ready = gw.get("/readyz", "").await;
    for _ in 0..50 {
        if ready.status() == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        ready = gw.get("/readyz", "").await;
    }
    assert_eq!(ready.status(), 200);
    let body = ready.text().await.unwrap();
    assert!(!body.contains("BER") && !body.contains("ZRH"), "{body}");
    sandbox.running().faults().push(Fault::Latency {
        delay: Duration::from_secs(3),
        times: 1000,
    });
    let calls = sandbox.running().stats().api_requests();
    // Every route open to anyone, many times.
    let open = ["/readyz", "/healthz", "/metrics", "/openapi.json"];
    let flood = (0..100).map(|i| gw.get(open[i % open.len()], ""));
    for response in futures::future::join_all(flood).await {
        assert_eq!(response.status(), 200);
    }
    assert_eq!(
        sandbox.running().stats().api_requests(),
        calls,
        "an unauthenticated route called the PMS"
    );
    // The detailed status needs a key with ops:read.
    problem(gw.get("/v1/status", "").await, 401, "unauthorized").await;
    problem(gw.get("/v1/status", ACME_RW).await, 403, "forbidden").await;
    sandbox.running().faults().clear();
}

/// Finding 4: callers who hang up while the PMS is slow do not open the circuit breaker.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn callers_who_hang_up_do_not_open_the_breaker() {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let gw = TestGateway::start(&sandbox, store("sqlite::memory:", None).await).await;
    assert_eq!(gw.get("/v1/hotels/BER", ACME_RO).await.status(), 200);
    sandbox.running().faults().push(Fault::Latency {
        delay: Duration::from_secs(2),
        times: 40,
    });
    let impatient = (0..24u64).map(|i| {
        let (arrival, departure) = dates(60 + i);
        gw.request(
            reqwest::Method::GET,
            &format!("/v1/hotels/BER/availability?arrival={arrival}&departure={departure}"),
            Some(ACME_RO),
        )
        .timeout(Duration::from_millis(100))
        .send()
    });
    for result in futures::future::join_all(impatient).await {
        assert!(result.is_err(), "meant to give up");
    }
    sandbox.running().faults().clear();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (arrival, departure) = dates(90);
    let after = gw
        .get(
            &format!("/v1/hotels/BER/availability?arrival={arrival}&departure={departure}"),
            ACME_RO,
        )
        .await;
    assert_eq!(after.status(), 200, "{}", after.text().await.unwrap());
}

/// Finding 8 and 11: odd methods share one metric label; 405 and undecodable paths are
/// problem details.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn odd_requests_get_problems_and_bounded_labels() {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let gw = TestGateway::start(&sandbox, store("sqlite::memory:", None).await).await;
    for method in ["FOO", "BAR", "BAZ"] {
        let response = gw
            .request(
                reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
                "/v1/hotels",
                Some(ACME_RO),
            )
            .send()
            .await
            .unwrap();
        problem(response, 405, "method_not_allowed").await;
    }
    let deleted = gw
        .request(reqwest::Method::DELETE, "/v1/hotels", Some(ACME_RO))
        .send()
        .await
        .unwrap();
    problem(deleted, 405, "method_not_allowed").await;
    let bad_utf8 = gw.get("/v1/hotels/%FF%FE/room-types", ACME_RO).await;
    let status = bad_utf8.status().as_u16();
    assert!(status == 400 || status == 404, "{status}");
    let content_type = bad_utf8.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    let metrics = gw.get("/metrics", "").await.text().await.unwrap();
    assert!(
        !metrics.contains("FOO") && !metrics.contains("BAR"),
        "{metrics}"
    );
    assert!(metrics.contains("method=\"other\""), "{metrics}");
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
    // The token from the worker's first probe is revoked, and no new one is issued.
    sandbox.running().faults().push(Fault::RejectClient);
    sandbox.running().faults().push(Fault::RevokeTokens);
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

/// Finding 8: a connection cap, and a deadline for request headers (also for connections
/// that never send anything), so idle or slow clients cannot hold the gateway's slots.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_are_capped_and_slow_headers_cut() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let settings = GatewaySettings {
        max_connections: 2,
        header_read_timeout: Duration::from_millis(300),
        ..GatewaySettings::default()
    };
    let gw =
        TestGateway::start_with(&sandbox, store("sqlite::memory:", None).await, settings).await;
    let addr = gw.base.trim_start_matches("http://").to_owned();
    // Two clients take both slots: one sends nothing, one half a request head.
    let mut silent = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(50)).await;
    // A third is served only once a slot frees: when the header deadline cuts the others.
    let started = std::time::Instant::now();
    let mut third = tokio::net::TcpStream::connect(&addr).await.unwrap();
    third
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(5), third.read_to_string(&mut answer))
        .await
        .expect("the third connection was never served")
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        started.elapsed() >= Duration::from_millis(200),
        "served before a slot was free: {:?}",
        started.elapsed()
    );
    // A keep-alive connection whose next request never comes is closed too.
    let mut idle = tokio::net::TcpStream::connect(&addr).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut first = [0u8; 12];
    idle.read_exact(&mut first).await.unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");
    for stream in [&mut silent, &mut slow, &mut idle] {
        let mut rest = Vec::new();
        let read = tokio::time::timeout(Duration::from_secs(2), stream.read_to_end(&mut rest))
            .await
            .expect("the connection was not closed");
        assert!(read.is_ok() || read.is_err(), "closed");
        assert!(!String::from_utf8_lossy(&rest).contains("200 OK"));
    }
}

/// The vendor HTTP client's and the credential broker's metrics are registered on the
/// gateway's registry: per-attempt statuses, rate-limit waits and token refreshes show on
/// `/metrics` once a PMS call went out, labelled by vendor and account, never by guest data.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_client_and_token_metrics_are_exported() {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let gw = TestGateway::start(&sandbox, store("sqlite::memory:", None).await).await;
    assert_eq!(gw.get("/v1/hotels/BER", ACME_RW).await.status(), 200);
    let metrics = gw.get("/metrics", "").await.text().await.unwrap();
    let line = |name: &str| {
        metrics
            .lines()
            .find(|l| l.starts_with(name) && l.contains("vendor=\"apaleo\""))
            .map(str::to_owned)
    };
    let requests = line("voicehive_pms_http_requests_total");
    assert!(requests.is_some(), "{metrics}");
    let refreshes = line("voicehive_token_refreshes_total");
    assert!(
        refreshes.as_deref().is_some_and(|l| !l.ends_with(" 0")),
        "one token fetched: {metrics}"
    );
    assert!(
        metrics.contains("voicehive_pms_rate_limit_wait_seconds"),
        "{metrics}"
    );
}
