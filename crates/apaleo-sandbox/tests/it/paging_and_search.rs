//! Paging, 204 past the end, page size limits.

use reqwest::StatusCode;
use serde_json::json;

use crate::common::{booking, env, messages};

#[tokio::test]
async fn reservations_page_one_by_one_then_204() {
    let env = env().await;
    let mut ids = Vec::new();
    for (i, last) in ["Adams", "Brown", "Clark"].iter().enumerate() {
        let mut body = booking("BER-FLEX-DBL", "2026-10-01", "2026-10-02", 1, 1);
        body["reservations"][0]["primaryGuest"]["lastName"] = json!(last);
        body["reservations"][0]["externalCode"] = json!(format!("EXT-{i}"));
        ids.push(env.book(&body).await.1);
    }
    let mut seen = Vec::new();
    for page in ["1", "2", "3"] {
        let list = env
            .get_json(
                "/booking/v1/reservations",
                &[("pageSize", "1"), ("pageNumber", page)],
            )
            .await;
        assert_eq!(list["count"], 3);
        let items = list["reservations"].as_array().unwrap();
        assert_eq!(items.len(), 1);
        assert!(items[0].get("taxDetails").is_none());
        seen.push(items[0]["id"].as_str().unwrap().to_owned());
    }
    assert_eq!(seen, ids);
    let past = env
        .get(
            "/booking/v1/reservations",
            &[("pageSize", "1"), ("pageNumber", "4")],
        )
        .await;
    assert_eq!(past.status(), StatusCode::NO_CONTENT);
    assert!(past.text().await.unwrap().is_empty());

    let too_big = env
        .get("/booking/v1/reservations", &[("pageSize", "501")])
        .await;
    assert_eq!(
        messages(too_big).await,
        ["The field PageSize must be between 1 and 500."]
    );

    let sorted = env
        .get_json("/booking/v1/reservations", &[("sort", "lastname:desc")])
        .await;
    assert_eq!(
        sorted["reservations"][0]["primaryGuest"]["lastName"],
        "Clark"
    );
    let count = env
        .get_json(
            "/booking/v1/reservations/$count",
            &[("externalCode", "EXT-")],
        )
        .await;
    assert_eq!(count["count"], 3);

    let properties = env
        .get_json(
            "/inventory/v1/properties",
            &[("pageSize", "1"), ("pageNumber", "2")],
        )
        .await;
    assert_eq!(properties["properties"][0]["id"], "ZRH");
    assert_eq!(properties["count"], 2);
    let past = env
        .get(
            "/inventory/v1/properties",
            &[("pageSize", "1"), ("pageNumber", "3")],
        )
        .await;
    assert_eq!(past.status(), StatusCode::NO_CONTENT);

    let bookings = env
        .get_json("/booking/v1/bookings", &[("textSearch", "jane")])
        .await;
    assert_eq!(bookings["count"], 3);
}
