//! Every fault, through the Rust handle and the admin endpoint.

use std::time::{Duration, Instant};

use apaleo_sandbox::Fault;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{booking, env};

const PROPERTIES: &str = "/inventory/v1/properties";

#[tokio::test]
async fn status_faults_answer_the_next_requests_then_stop() {
    let env = env().await;
    let faults = env.sandbox.faults();
    faults.push(Fault::Status {
        status: 503,
        retry_after: None,
        times: 2,
    });
    faults.push(Fault::Status {
        status: 429,
        retry_after: Some(7),
        times: 1,
    });
    for _ in 0..2 {
        let response = env.get(PROPERTIES, &[]).await;
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(response.headers().contains_key("apaleo-tracking-id"));
        assert!(response.text().await.unwrap().is_empty());
    }
    // The token endpoint is not affected.
    let _ = env.fetch_token().await;
    let response = env.get(PROPERTIES, &[]).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "7");
    assert_eq!(env.get(PROPERTIES, &[]).await.status(), StatusCode::OK);
    assert_eq!(env.sandbox.stats().api_requests(), 4);

    faults.push(Fault::Status {
        status: 500,
        retry_after: None,
        times: 5,
    });
    faults.clear();
    assert_eq!(env.get(PROPERTIES, &[]).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn latency_delays_the_next_requests() {
    let env = env().await;
    env.sandbox.faults().push(Fault::Latency {
        delay: Duration::from_millis(400),
        times: 1,
    });
    let started = Instant::now();
    assert_eq!(env.get(PROPERTIES, &[]).await.status(), StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(400));
    let started = Instant::now();
    assert_eq!(env.get(PROPERTIES, &[]).await.status(), StatusCode::OK);
    assert!(started.elapsed() < Duration::from_millis(400));
}

#[tokio::test]
async fn dropped_connections_are_connection_errors() {
    let env = env().await;
    env.sandbox
        .faults()
        .push(Fault::DropConnection { times: 1 });
    let fresh = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let result = fresh
        .get(env.url(PROPERTIES))
        .bearer_auth(&env.token)
        .send()
        .await;
    let error = result.expect_err("the connection should be dropped");
    assert!(!error.is_status() && !error.is_timeout(), "{error:?}");
    assert_eq!(env.get(PROPERTIES, &[]).await.status(), StatusCode::OK);
    assert_eq!(env.sandbox.stats().api_requests(), 2);
}

#[tokio::test]
async fn commit_then_timeout_commits_but_the_client_times_out() {
    let env = env().await;
    env.sandbox.faults().push(Fault::CommitThenTimeout);
    let mut body = booking("BER-FLEX-DBL", "2026-10-01", "2026-10-02", 1, 1);
    body["reservations"][0]["externalCode"] = json!("CTT-1");
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_secs(1))
        .build()
        .unwrap();
    let result = impatient
        .post(env.url("/booking/v1/bookings"))
        .bearer_auth(&env.token)
        .header("Idempotency-Key", "ctt")
        .json(&body)
        .send()
        .await;
    assert!(result.expect_err("should time out").is_timeout());

    let list = env
        .get_json("/booking/v1/reservations", &[("externalCode", "CTT-1")])
        .await;
    assert_eq!(list["count"], 1);
    assert_eq!(env.sandbox.stats().bookings_created(), 1);
    // The retry with the same key gets the committed booking at once.
    let retry = env.post_booking(&body, Some("ctt")).await;
    assert_eq!(retry.status(), StatusCode::CREATED);
    let retry: Value = retry.json().await.unwrap();
    assert_eq!(
        retry["reservationIds"][0]["id"],
        list["reservations"][0]["id"]
    );
    assert_eq!(env.sandbox.stats().bookings_created(), 1);
}

#[tokio::test]
async fn revoked_tokens_get_401_and_new_tokens_work() {
    let mut env = env().await;
    assert_eq!(env.get(PROPERTIES, &[]).await.status(), StatusCode::OK);
    env.sandbox.faults().push(Fault::RevokeTokens);
    assert_eq!(
        env.get(PROPERTIES, &[]).await.status(),
        StatusCode::UNAUTHORIZED
    );
    env.token = env.fetch_token().await;
    assert_eq!(env.get(PROPERTIES, &[]).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn rejected_clients_get_invalid_client_until_cleared() {
    let env = env().await;
    env.sandbox.faults().push(Fault::RejectClient);
    for _ in 0..2 {
        let response = env
            .token_request("voicehive-sandbox", "sandbox-secret")
            .await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], "invalid_client");
    }
    // Existing tokens still work.
    assert_eq!(env.get(PROPERTIES, &[]).await.status(), StatusCode::OK);
    env.sandbox.faults().clear();
    let response = env
        .token_request("voicehive-sandbox", "sandbox-secret")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_admin_endpoint_injects_lists_and_clears_faults() {
    let env = env().await;
    let admin = env.url("/_sandbox/faults");
    let response = env
        .http
        .post(&admin)
        .json(&json!([
            { "type": "Status", "status": 502, "times": 1 },
            { "type": "Status", "status": 429, "retryAfter": 3 },
            { "type": "Latency", "delayMs": 10, "times": 2 },
            { "type": "RejectClient" }
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let pending: Value = env
        .http
        .get(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(pending["faults"].as_array().unwrap().len(), 4);
    assert_eq!(
        pending["faults"][1],
        json!({ "type": "Status", "status": 429, "retryAfter": 3, "times": 1 })
    );

    assert_eq!(
        env.get(PROPERTIES, &[]).await.status(),
        StatusCode::BAD_GATEWAY
    );
    let response = env.get(PROPERTIES, &[]).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "3");
    assert_eq!(
        env.token_request("voicehive-sandbox", "sandbox-secret")
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );

    let response = env.http.delete(&admin).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let pending: Value = env
        .http
        .get(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(pending["faults"], json!([]));
    assert_eq!(
        env.token_request("voicehive-sandbox", "sandbox-secret")
            .await
            .status(),
        StatusCode::OK
    );

    let bad = env
        .http
        .post(&admin)
        .json(&json!({ "type": "Meteor" }))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let response = env
        .http
        .post(&admin)
        .json(&json!({ "type": "RevokeTokens" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        env.get(PROPERTIES, &[]).await.status(),
        StatusCode::UNAUTHORIZED
    );

    let stats: Value = env
        .http
        .get(env.url("/_sandbox/stats"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stats["apiRequests"], 3);
    assert_eq!(stats["tokenRequests"], 3);
    assert_eq!(stats["bookingsCreated"], 0);
}
