//! Check-in, in-house amendments, check-out and no-show.

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::json;

use crate::common::{booking, env, messages, sold};

fn amend_body(departure: &str, plans: &[&str]) -> serde_json::Value {
    json!({
        "arrival": "2026-09-15",
        "departure": departure,
        "adults": 1,
        "timeSlices": plans.iter().map(|p| json!({ "ratePlanId": p })).collect::<Vec<_>>(),
    })
}

#[tokio::test]
async fn in_house_stays_only_change_in_the_future() {
    let mut env = env().await;
    // Arrives today (Tuesday 15 September), two nights.
    let body = booking("BER-FLEX-SGL", "2026-09-15", "2026-09-17", 2, 1);
    let (_, id) = env.book(&body).await;
    let actions = format!("/booking/v1/reservation-actions/{id}");
    let path = format!("/booking/v1/reservations/{id}");

    let r = env.get_json(&path, &[("expand", "actions")]).await;
    let check_in = r["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["action"] == "CheckIn")
        .unwrap();
    assert_eq!(check_in["isAllowed"], true);

    let response = env.put(&format!("{actions}/checkin"), None).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let r = env.get_json(&path, &[]).await;
    assert_eq!(r["status"], "InHouse");
    assert!(r["checkInTime"].is_string());
    // In-house guests cannot cancel.
    let response = env.put(&format!("{actions}/cancel"), None).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Next day: the first night is in the past.
    env.clock.advance(Duration::days(1));
    env.token = env.fetch_token().await;
    let changed_past = amend_body(
        "2026-09-18",
        &["BER-NONREF-SGL", "BER-FLEX-SGL", "BER-FLEX-SGL"],
    );
    let response = env
        .put(&format!("{actions}/amend"), Some(&changed_past))
        .await;
    assert_eq!(
        messages(response).await,
        ["Time slices in the past cannot be amended."]
    );
    let extend = amend_body(
        "2026-09-18",
        &["BER-FLEX-SGL", "BER-NONREF-SGL", "BER-NONREF-SGL"],
    );
    let response = env.put(&format!("{actions}/amend"), Some(&extend)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    // 89 (Tue) + 75.65 (Wed, non-refundable) + 75.65 (Thu).
    let r = env.get_json(&path, &[]).await;
    assert_eq!(r["totalGrossAmount"]["amount"], 240.3);
    assert_eq!(sold(&env, "BER", "BER-SGL", "2026-09-17").await, (1, 3));

    // Check-out is possible only when departure is at most tomorrow.
    let response = env.put(&format!("{actions}/checkout"), None).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    env.clock.advance(Duration::days(1));
    env.token = env.fetch_token().await;
    let response = env.put(&format!("{actions}/checkout"), None).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let r = env.get_json(&path, &[]).await;
    assert_eq!(r["status"], "CheckedOut");
    let response = env
        .patch(
            &path,
            &json!([{ "op": "add", "path": "/comment", "value": "x" }]),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn no_show_after_the_arrival_date_releases_the_unit() {
    let mut env = env().await;
    let body = booking("BER-FLEX-STE", "2026-09-16", "2026-09-18", 2, 1);
    let (_, id) = env.book(&body).await;
    let actions = format!("/booking/v1/reservation-actions/{id}");
    let response = env.put(&format!("{actions}/noshow"), None).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    env.clock.advance(Duration::days(2));
    env.token = env.fetch_token().await;
    // Arrival is in the past now: no cancellation, but no-show.
    let response = env.put(&format!("{actions}/cancel"), None).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = env.put(&format!("{actions}/noshow"), None).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let r = env
        .get_json(&format!("/booking/v1/reservations/{id}"), &[])
        .await;
    assert_eq!(r["status"], "NoShow");
    assert_eq!(sold(&env, "BER", "BER-STE", "2026-09-17").await, (0, 1));
}
