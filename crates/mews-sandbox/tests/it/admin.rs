//! The HTTP admin API (`/_sandbox/...`).

use mews_sandbox::berlin;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::env;

#[tokio::test]
async fn faults_adjustments_and_state_changes_over_http() {
    let env = env().await;
    let admin = |path: &str| format!("{}/_sandbox/{path}", env.sandbox.base_url());
    let pushed = env
        .http
        .post(admin("faults"))
        .json(&json!([
            { "type": "Status", "status": 503, "retryAfter": 3, "operation": "configuration/get" },
            { "type": "RejectTokens", "on": false },
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(pushed.status(), StatusCode::NO_CONTENT);
    let faulted = env.call("configuration/get", json!({})).await;
    assert_eq!(faulted.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(faulted.headers["retry-after"], "3");

    let bad = env
        .http
        .post(admin("faults"))
        .json(&json!({ "type": "Nope" }))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);

    let adjusted = env
        .http
        .post(admin("availability-adjustments"))
        .json(
            &json!({ "categoryId": berlin::SUITE_CATEGORY_ID, "date": "2026-10-01", "delta": -2 }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(adjusted.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        env.availability(berlin::SUITE_CATEGORY_ID, (2026, 10, 1), (2026, 10, 1))
            .await,
        vec![-1]
    );

    let customer = env.customer("ada@example.org", "Lovelace").await;
    let r = env
        .booked(
            &customer,
            berlin::DOUBLE_CATEGORY_ID,
            (2026, 10, 1),
            (2026, 10, 2),
        )
        .await;
    let id = r["Id"].as_str().unwrap();
    let check_in = env
        .http
        .post(admin(&format!("reservations/{id}/check-in")))
        .send()
        .await
        .unwrap();
    assert_eq!(check_in.status(), StatusCode::NO_CONTENT);
    assert_eq!(env.read(id).await["State"], "Started");
    let again = env
        .http
        .post(admin(&format!("reservations/{id}/check-in")))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::CONFLICT);

    let stats: Value = env
        .http
        .get(admin("stats"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        stats["enterprises"][berlin::ENTERPRISE_ID]["reservations"],
        1
    );
    assert_eq!(stats["enterprises"][berlin::ENTERPRISE_ID]["customers"], 1);
    // Admin requests are not counted: configuration, availability, add customer, add
    // reservation, read.
    assert_eq!(stats["requests"], 5);
}
