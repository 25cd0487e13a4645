//! Rate limit, injected faults and the request counter.

use std::time::Duration;

use mews_sandbox::{CLIENT_TOKEN, Fault, berlin, zurich};
use reqwest::StatusCode;
use serde_json::json;

use crate::common::{berlin_midnight, env, env_with};

#[tokio::test]
async fn the_rate_limit_answers_429_with_retry_after_on_the_injected_clock() {
    let env = env().await;
    for _ in 0..150 {
        assert_eq!(
            env.call("configuration/get", json!({})).await.status,
            StatusCode::OK
        );
    }
    env.clock.advance(chrono::Duration::seconds(10));
    for _ in 0..50 {
        assert_eq!(
            env.call("configuration/get", json!({})).await.status,
            StatusCode::OK
        );
    }
    let limited = env.call("configuration/get", json!({})).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.headers["retry-after"], "20");
    assert!(limited.body["RequestId"].is_string());
    // Another access token has its own window.
    let other = env
        .call_as(zurich::ACCESS_TOKEN, "configuration/get", json!({}))
        .await;
    assert_eq!(other.status, StatusCode::OK);
    // The first 150 leave the window after 30 s.
    env.clock.advance(chrono::Duration::seconds(20));
    assert_eq!(
        env.call("configuration/get", json!({})).await.status,
        StatusCode::OK
    );
    assert_eq!(env.sandbox.requests().total(), 203);
}

#[tokio::test]
async fn the_retry_after_header_can_be_switched_off() {
    let env = env_with(|c| mews_sandbox::MewsSandboxConfig {
        retry_after_header: false,
        rate_limit_requests: 3,
        ..c
    })
    .await;
    for _ in 0..3 {
        assert_eq!(
            env.call("configuration/get", json!({})).await.status,
            StatusCode::OK
        );
    }
    let limited = env.call("configuration/get", json!({})).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!limited.headers.contains_key("retry-after"));

    let unlimited = env_with(|c| mews_sandbox::MewsSandboxConfig {
        rate_limit: false,
        rate_limit_requests: 1,
        ..c
    })
    .await;
    for _ in 0..3 {
        assert_eq!(
            unlimited.call("configuration/get", json!({})).await.status,
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn status_faults_answer_matching_requests_then_stop() {
    let env = env().await;
    let faults = env.sandbox.faults();
    faults.push_for(
        "reservations/getAll/2023-06-06",
        Fault::Status {
            status: 503,
            retry_after: Some(7),
            times: 2,
        },
    );
    faults.push(Fault::Status {
        status: 409,
        retry_after: None,
        times: 1,
    });
    // Unknown paths never consume faults.
    assert_eq!(
        env.call("nothing/here", json!({})).await.status,
        StatusCode::NOT_FOUND
    );
    let first = env.call("configuration/get", json!({})).await;
    assert_eq!(first.status, StatusCode::CONFLICT);
    assert_eq!(first.message(), "Injected fault.");
    assert_eq!(
        env.call("configuration/get", json!({})).await.status,
        StatusCode::OK
    );
    let query = json!({ "Numbers": ["1"], "Limitation": { "Count": 1 } });
    for _ in 0..2 {
        let answer = env
            .call("reservations/getAll/2023-06-06", query.clone())
            .await;
        assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(answer.headers["retry-after"], "7");
        assert!(answer.headers.contains_key("request-id"));
    }
    assert_eq!(
        env.call("reservations/getAll/2023-06-06", query)
            .await
            .status,
        StatusCode::OK
    );
    assert!(faults.pending().is_empty());
    assert_eq!(
        env.sandbox
            .requests()
            .for_operation("reservations/getAll/2023-06-06"),
        3
    );
    assert_eq!(env.sandbox.requests().total(), 6);
}

#[tokio::test]
async fn latency_delays_a_request() {
    let env = env().await;
    env.sandbox.faults().push(Fault::Latency {
        delay: Duration::from_secs(30),
        times: 1,
    });
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let body =
        json!({ "ClientToken": CLIENT_TOKEN, "AccessToken": berlin::ACCESS_TOKEN, "Client": "t" });
    let error = impatient
        .post(env.url("configuration/get"))
        .json(&body)
        .send()
        .await
        .unwrap_err();
    assert!(error.is_timeout());
    assert_eq!(env.sandbox.requests().total(), 1);
    let fast = impatient
        .post(env.url("configuration/get"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(fast.status(), StatusCode::OK);
}

#[tokio::test]
async fn drop_connection_closes_without_processing() {
    let env = env().await;
    let customer = env.customer("ada@example.org", "Lovelace").await;
    env.sandbox
        .faults()
        .push_for("reservations/add", Fault::DropConnection { times: 1 });
    let body = json!({
        "ClientToken": CLIENT_TOKEN, "AccessToken": berlin::ACCESS_TOKEN, "Client": "t",
        "ServiceId": berlin::SERVICE_ID,
        "Reservations": [{
            "StartUtc": berlin_midnight(2026, 10, 1), "EndUtc": berlin_midnight(2026, 10, 2),
            "CustomerId": customer, "RequestedCategoryId": berlin::DOUBLE_CATEGORY_ID,
            "RateId": berlin::FLEXIBLE_RATE_ID,
            "PersonCounts": [{ "AgeCategoryId": berlin::ADULT_AGE_CATEGORY_ID, "Count": 1 }],
        }],
    });
    let result = env
        .http
        .post(env.url("reservations/add"))
        .json(&body)
        .send()
        .await;
    assert!(result.is_err());
    assert_eq!(
        env.sandbox.admin().reservation_count(berlin::ENTERPRISE_ID),
        0
    );
    assert_eq!(env.sandbox.requests().for_operation("reservations/add"), 1);
}

#[tokio::test]
async fn commit_then_drop_stores_the_booking_but_the_client_sees_a_connection_error() {
    let env = env().await;
    let customer = env.customer("ada@example.org", "Lovelace").await;
    env.sandbox
        .faults()
        .push(Fault::CommitThenDrop { times: 1 });
    // Other operations and failed adds do not consume it.
    assert_eq!(
        env.call("configuration/get", json!({})).await.status,
        StatusCode::OK
    );
    let failed = env
        .book(&customer, "x", (2026, 10, 1), (2026, 10, 2), json!({}))
        .await;
    assert_eq!(failed.status, StatusCode::BAD_REQUEST);
    assert_eq!(env.sandbox.faults().pending().len(), 1);

    let body = json!({
        "ClientToken": CLIENT_TOKEN, "AccessToken": berlin::ACCESS_TOKEN, "Client": "t",
        "ServiceId": berlin::SERVICE_ID,
        "Reservations": [{
            "StartUtc": berlin_midnight(2026, 10, 1), "EndUtc": berlin_midnight(2026, 10, 2),
            "CustomerId": customer, "RequestedCategoryId": berlin::DOUBLE_CATEGORY_ID,
            "RateId": berlin::FLEXIBLE_RATE_ID, "ChannelNumber": "VR-LOST",
            "PersonCounts": [{ "AgeCategoryId": berlin::ADULT_AGE_CATEGORY_ID, "Count": 1 }],
        }],
    });
    let result = env
        .http
        .post(env.url("reservations/add"))
        .json(&body)
        .send()
        .await;
    assert!(result.is_err(), "no response");
    assert_eq!(
        env.sandbox.admin().reservation_count(berlin::ENTERPRISE_ID),
        1
    );
    assert!(env.sandbox.faults().pending().is_empty());
    // The connector's lookup path finds it.
    let found = env
        .ok(
            "reservations/getAll/2023-06-06",
            json!({ "ChannelNumbers": ["VR-LOST"], "Limitation": { "Count": 10 } }),
        )
        .await;
    assert_eq!(found["Reservations"].as_array().unwrap().len(), 1);
    // The next add answers normally.
    let next = env
        .http
        .post(env.url("reservations/add"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(next.status(), StatusCode::OK);
}

#[tokio::test]
async fn rejected_tokens_are_401_until_switched_back() {
    let env = env().await;
    let faults = env.sandbox.faults();
    faults.reject_tokens(true);
    let answer = env.call("configuration/get", json!({})).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.message(), "Invalid AccessToken.");
    faults.reject_tokens(false);
    assert_eq!(
        env.call("configuration/get", json!({})).await.status,
        StatusCode::OK
    );
    faults.reject_tokens(true);
    faults.clear();
    assert_eq!(
        env.call("configuration/get", json!({})).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_rotated_access_token_replaces_the_old_one_and_survives_clear() {
    let env = env().await;
    let faults = env.sandbox.faults();
    assert_eq!(faults.rotate_access_token("no-such-enterprise"), None);
    let first = faults.rotate_access_token(berlin::ENTERPRISE_ID).unwrap();
    assert_eq!(first, format!("{}-Rotated-1", berlin::ACCESS_TOKEN));
    let old = env
        .call_as(berlin::ACCESS_TOKEN, "configuration/get", json!({}))
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    assert_eq!(old.message(), "Invalid AccessToken.");
    let new = env.call_as(&first, "configuration/get", json!({})).await;
    assert_eq!(new.status, StatusCode::OK);
    // Other enterprises keep their tokens.
    assert_eq!(
        env.call_as(zurich::ACCESS_TOKEN, "configuration/get", json!({}))
            .await
            .status,
        StatusCode::OK
    );
    // A second rotation retires the first new token; `clear` does not undo rotations.
    let second = faults.rotate_access_token(berlin::ENTERPRISE_ID).unwrap();
    assert_eq!(second, format!("{}-Rotated-2", berlin::ACCESS_TOKEN));
    faults.clear();
    for (token, status) in [
        (berlin::ACCESS_TOKEN, StatusCode::UNAUTHORIZED),
        (first.as_str(), StatusCode::UNAUTHORIZED),
        (second.as_str(), StatusCode::OK),
    ] {
        assert_eq!(
            env.call_as(token, "configuration/get", json!({}))
                .await
                .status,
            status,
            "{token}"
        );
    }
    // Token rejection refuses the rotated token too.
    faults.reject_tokens(true);
    assert_eq!(
        env.call_as(&second, "configuration/get", json!({}))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn commit_then_timeout_holds_the_response_after_storing() {
    let env = env().await;
    let customer = env.customer("ada@example.org", "Lovelace").await;
    env.sandbox.faults().push(Fault::CommitThenTimeout {
        hold: Duration::from_secs(30),
        times: 1,
    });
    // Unfiltered commit faults skip other writes.
    let _grace = env.customer("grace@example.org", "Hopper").await;
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let body = json!({
        "ClientToken": CLIENT_TOKEN, "AccessToken": berlin::ACCESS_TOKEN, "Client": "t",
        "ServiceId": berlin::SERVICE_ID,
        "Reservations": [{
            "StartUtc": berlin_midnight(2026, 10, 1), "EndUtc": berlin_midnight(2026, 10, 2),
            "CustomerId": customer, "RequestedCategoryId": berlin::DOUBLE_CATEGORY_ID,
            "RateId": berlin::FLEXIBLE_RATE_ID,
            "PersonCounts": [{ "AgeCategoryId": berlin::ADULT_AGE_CATEGORY_ID, "Count": 1 }],
        }],
    });
    let error = impatient
        .post(env.url("reservations/add"))
        .json(&body)
        .send()
        .await
        .unwrap_err();
    assert!(error.is_timeout());
    assert_eq!(
        env.sandbox.admin().reservation_count(berlin::ENTERPRISE_ID),
        1
    );
}

#[tokio::test]
async fn a_filtered_commit_fault_applies_to_its_write() {
    let env = env().await;
    let customer = env.customer("ada@example.org", "Lovelace").await;
    let r = env
        .booked(
            &customer,
            berlin::DOUBLE_CATEGORY_ID,
            (2026, 10, 1),
            (2026, 10, 2),
        )
        .await;
    env.sandbox
        .faults()
        .push_for("reservations/cancel", Fault::CommitThenDrop { times: 1 });
    let body = json!({
        "ClientToken": CLIENT_TOKEN, "AccessToken": berlin::ACCESS_TOKEN, "Client": "t",
        "ReservationIds": [r["Id"]], "Notes": "guest",
    });
    let result = env
        .http
        .post(env.url("reservations/cancel"))
        .json(&body)
        .send()
        .await;
    assert!(result.is_err());
    let id = r["Id"].as_str().unwrap();
    assert_eq!(env.sandbox.admin().reservation_state(id), Some("Canceled"));
    // The client's retry meets the documented rule.
    let again = env
        .call(
            "reservations/cancel",
            json!({ "ReservationIds": [id], "Notes": "guest" }),
        )
        .await;
    assert_eq!(again.status, StatusCode::FORBIDDEN);
}
