//! Idempotency-Key semantics and determinism.

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{booking, env, env_with, messages, start_instant};

#[tokio::test]
async fn same_key_same_body_replays_and_different_body_is_422() {
    let env = env().await;
    let body = booking("BER-FLEX-DBL", "2026-10-01", "2026-10-02", 1, 1);

    let first = env.post_booking(&body, Some("key-1")).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first_location = first.headers()["location"].clone();
    let first: Value = first.json().await.unwrap();

    let replay = env.post_booking(&body, Some("key-1")).await;
    assert_eq!(replay.status(), StatusCode::CREATED);
    assert_eq!(replay.headers()["location"], first_location);
    let replay: Value = replay.json().await.unwrap();
    assert_eq!(replay, first);
    assert_eq!(env.sandbox.stats().bookings_created(), 1);
    let list = env
        .get_json("/booking/v1/reservations", &[("propertyIds", "BER")])
        .await;
    assert_eq!(list["count"], 1);

    let mut other = body.clone();
    other["reservations"][0]["adults"] = json!(2);
    let msgs = messages(env.post_booking(&other, Some("key-1")).await).await;
    assert_eq!(
        msgs,
        ["The Idempotency-Key 'key-1' has already been used with different request parameters."]
    );

    // Another key books again.
    let second = env.post_booking(&body, Some("key-2")).await;
    assert_eq!(second.status(), StatusCode::CREATED);
    let second: Value = second.json().await.unwrap();
    assert_ne!(second["id"], first["id"]);

    // Keys expire after 24 hours.
    env.clock.advance(Duration::hours(25));
    let mut env = env;
    env.token = env.fetch_token().await;
    let after = env.post_booking(&other, Some("key-1")).await;
    assert_eq!(after.status(), StatusCode::CREATED);
    assert_eq!(env.sandbox.stats().bookings_created(), 3);
}

#[tokio::test]
async fn failed_creates_are_not_remembered() {
    let env = env().await;
    let body = booking("BER-FLEX-DBL", "2026-10-01", "2026-10-03", 1, 1);
    let response = env.post_booking(&body, Some("retry-me")).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fixed = booking("BER-FLEX-DBL", "2026-10-01", "2026-10-03", 2, 1);
    let response = env.post_booking(&fixed, Some("retry-me")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn same_seed_same_requests_same_ids() {
    let a = env_with(7, start_instant(), |s| s).await;
    let b = env_with(7, start_instant(), |s| s).await;
    let c = env_with(8, start_instant(), |s| s).await;
    assert_eq!(a.token, b.token);
    assert_ne!(a.token, c.token);
    let body = booking("BER-FLEX-DBL", "2026-10-01", "2026-10-02", 1, 1);
    let mut ids = Vec::new();
    for env in [&a, &b, &c] {
        let mut per_env = Vec::new();
        for _ in 0..3 {
            per_env.push(env.book(&body).await.0);
        }
        // Extra token requests do not disturb booking ids.
        let _ = env.fetch_token().await;
        ids.push(per_env);
    }
    assert_eq!(ids[0], ids[1]);
    assert_ne!(ids[0], ids[2]);

    let tracking = |r: &reqwest::Response| {
        r.headers()["apaleo-tracking-id"]
            .to_str()
            .unwrap()
            .to_owned()
    };
    let ta = tracking(&a.get("/inventory/v1/properties", &[]).await);
    let tb = tracking(&b.get("/inventory/v1/properties", &[]).await);
    assert_eq!(ta, tb);
    assert_eq!(ta.len(), 32);
}
