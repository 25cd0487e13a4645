//! Token flow, expiry, scopes.

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::Value;

use crate::common::{env, env_with, start_instant};

#[tokio::test]
async fn good_client_gets_a_bearer_token() {
    let env = env().await;
    let response = env
        .token_request("voicehive-sandbox", "sandbox-secret")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert!(body["access_token"].as_str().unwrap().len() >= 32);
    assert!(
        body["scope"]
            .as_str()
            .unwrap()
            .contains("reservations.manage")
    );
    assert_eq!(env.sandbox.stats().token_requests(), 2);
}

#[tokio::test]
async fn client_credentials_in_the_form_are_accepted() {
    let env = env().await;
    let response = env
        .http
        .post(format!("{}/connect/token", env.sandbox.identity_url()))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", "voicehive-sandbox"),
            ("client_secret", "sandbox-secret"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn bad_client_and_bad_grant_are_400() {
    let env = env().await;
    let response = env.token_request("voicehive-sandbox", "wrong").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body, serde_json::json!({ "error": "invalid_client" }));

    let response = env.token_request("nobody", "sandbox-secret").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    let response = env
        .http
        .post(format!("{}/connect/token", env.sandbox.identity_url()))
        .basic_auth("voicehive-sandbox", Some("sandbox-secret"))
        .form(&[("grant_type", "password")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "unsupported_grant_type");
}

#[tokio::test]
async fn missing_bad_and_expired_tokens_are_401_with_an_empty_body() {
    let env = env().await;
    let path = "/inventory/v1/properties";
    assert_eq!(env.get(path, &[]).await.status(), StatusCode::OK);

    let response = env.http.get(env.url(path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(response.headers().contains_key("apaleo-tracking-id"));
    assert!(response.text().await.unwrap().is_empty());

    let response = env
        .http
        .get(env.url(path))
        .bearer_auth("not-a-token")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);

    env.clock.advance(Duration::seconds(3599));
    assert_eq!(env.get(path, &[]).await.status(), StatusCode::OK);
    env.clock.advance(Duration::seconds(2));
    let response = env.get(path, &[]).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(response.text().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_restricted_client_gets_403_where_its_scopes_do_not_reach() {
    let mut env = env_with(42, start_instant(), |s| {
        s.with_client("reader", "reader-secret", &["reservations.read"])
    })
    .await;
    env.token = env.token_for("reader", "reader-secret").await;

    // Properties need no particular scope; reservations.read covers searches.
    assert_eq!(
        env.get("/inventory/v1/properties", &[]).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        env.get("/booking/v1/reservations", &[]).await.status(),
        StatusCode::NO_CONTENT
    );

    let offers = env
        .get(
            "/booking/v1/offers",
            &[
                ("propertyId", "BER"),
                ("arrival", "2026-10-01"),
                ("departure", "2026-10-02"),
                ("adults", "1"),
            ],
        )
        .await;
    assert_eq!(offers.status(), StatusCode::FORBIDDEN);
    assert!(offers.text().await.unwrap().is_empty());
    let availability = env
        .get(
            "/availability/v1/unit-groups",
            &[
                ("propertyId", "BER"),
                ("from", "2026-10-01"),
                ("to", "2026-10-01"),
            ],
        )
        .await;
    assert_eq!(availability.status(), StatusCode::FORBIDDEN);
    let create = env
        .post_booking(
            &crate::common::booking("BER-FLEX-DBL", "2026-10-01", "2026-10-02", 1, 1),
            None,
        )
        .await;
    assert_eq!(create.status(), StatusCode::FORBIDDEN);
    assert_eq!(env.sandbox.stats().bookings_created(), 0);
}
