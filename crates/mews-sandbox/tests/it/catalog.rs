//! Configuration, catalog reads and paging.

use mews_sandbox::{berlin, zurich};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::env;

#[tokio::test]
async fn configuration_describes_the_enterprise() {
    let env = env().await;
    let body = env.ok("configuration/get", json!({})).await;
    assert_eq!(body["NowUtc"], "2026-09-15T08:00:00Z");
    let e = &body["Enterprise"];
    assert_eq!(e["Name"], "VoiceHive Mews Sandbox Berlin");
    assert_eq!(e["TimeZoneIdentifier"], "Europe/Berlin");
    assert_eq!(e["ChainId"], berlin::CHAIN_ID);
    assert_eq!(e["Pricing"], "Gross");
    assert_eq!(e["DefaultLanguageCode"], "en-US");
    assert_eq!(e["IsPortfolio"], false);
    assert_eq!(
        e["Currencies"],
        json!([{ "Currency": "EUR", "IsDefault": true, "IsEnabled": true }])
    );
    assert_eq!(body["Service"], Value::Null);
    env.clock.advance(chrono::Duration::hours(1));
    let later = env.ok("configuration/get", json!({})).await;
    assert_eq!(later["NowUtc"], "2026-09-15T09:00:00Z");
}

#[tokio::test]
async fn the_stay_service_is_bookable_by_day() {
    let env = env().await;
    let body = env
        .ok("services/getAll", json!({ "Limitation": { "Count": 10 } }))
        .await;
    let services = body["Services"].as_array().unwrap();
    assert_eq!(services.len(), 1);
    let s = &services[0];
    assert_eq!(s["Id"], berlin::SERVICE_ID);
    assert_eq!(s["IsActive"], true);
    assert_eq!(s["Ordering"], 0);
    assert_eq!(s["Data"]["Discriminator"], "Bookable");
    assert_eq!(s["Data"]["Value"]["StartOffset"], "P0M0DT15H0M0S");
    assert_eq!(s["Data"]["Value"]["EndOffset"], "P0M1DT11H0M0S");
    assert_eq!(s["Data"]["Value"]["TimeUnitPeriod"], "Day");
    assert_eq!(body["Cursor"], berlin::SERVICE_ID);
}

#[tokio::test]
async fn categories_page_with_cursors_until_an_empty_page() {
    let env = env().await;
    let request = |cursor: Value| json!({ "ServiceIds": [berlin::SERVICE_ID], "Limitation": { "Count": 2, "Cursor": cursor } });
    let first = env
        .ok("resourceCategories/getAll", request(Value::Null))
        .await;
    let page1 = first["ResourceCategories"].as_array().unwrap();
    assert_eq!(page1.len(), 2);
    assert_eq!(first["Cursor"], page1[1]["Id"]);
    let second = env
        .ok(
            "resourceCategories/getAll",
            request(first["Cursor"].clone()),
        )
        .await;
    let page2 = second["ResourceCategories"].as_array().unwrap();
    assert_eq!(page2.len(), 2, "a full last page");
    assert_eq!(second["Cursor"], page2[1]["Id"]);
    let third = env
        .ok(
            "resourceCategories/getAll",
            request(second["Cursor"].clone()),
        )
        .await;
    assert_eq!(third["ResourceCategories"], json!([]));
    assert_eq!(third["Cursor"], Value::Null);

    let mut all: Vec<Value> = page1.iter().chain(page2).cloned().collect();
    all.sort_by_key(|c| c["Ordering"].as_i64().unwrap());
    let summary: Vec<(String, i64, i64)> = all
        .iter()
        .map(|c| {
            (
                c["Names"]["en-US"].as_str().unwrap().to_owned(),
                c["Capacity"].as_i64().unwrap(),
                c["ExtraCapacity"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("Single Room".to_owned(), 1, 0),
            ("Double Room".to_owned(), 2, 0),
            ("Family Room".to_owned(), 3, 1),
            ("Suite".to_owned(), 2, 0),
        ]
    );
    assert!(
        all.iter()
            .all(|c| c["Type"] == "Room" && c["ServiceId"] == berlin::SERVICE_ID)
    );

    let unknown = env
        .call(
            "resourceCategories/getAll",
            request(json!("5c4f0a9e-0000-4000-8000-000000000000")),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown.message(), "Invalid Cursor.");
}

#[tokio::test]
async fn limitation_is_required_and_bounded() {
    let env = env().await;
    for limitation in [
        Value::Null,
        json!({ "Count": 0 }),
        json!({ "Count": 1001 }),
        json!({}),
    ] {
        let answer = env
            .call("ageCategories/getAll", json!({ "Limitation": limitation }))
            .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{limitation}");
        assert_eq!(answer.message(), "Invalid Limitation.");
    }
    let answer = env
        .call(
            "resourceCategories/getAll",
            json!({ "Limitation": { "Count": 5 } }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.message(), "Invalid ServiceIds.");
}

#[tokio::test]
async fn age_categories_rates_and_rooms() {
    let env = env().await;
    let ages = env
        .ok(
            "ageCategories/getAll",
            json!({ "Limitation": { "Count": 10 } }),
        )
        .await;
    let ages = ages["AgeCategories"].as_array().unwrap();
    let child = ages
        .iter()
        .find(|a| a["Classification"] == "Child")
        .unwrap();
    assert_eq!(child["Id"], berlin::CHILD_AGE_CATEGORY_ID);
    assert_eq!(
        (child["MinimalAge"].as_i64(), child["MaximalAge"].as_i64()),
        (Some(0), Some(17))
    );
    assert!(
        ages.iter()
            .any(|a| a["Classification"] == "Adult" && a["Id"] == berlin::ADULT_AGE_CATEGORY_ID)
    );

    let rates = env
        .call_as(
            zurich::ACCESS_TOKEN,
            "rates/getAll",
            json!({ "ServiceIds": [zurich::SERVICE_ID], "Limitation": { "Count": 10 } }),
        )
        .await;
    let rates = rates.body["Rates"].as_array().unwrap().clone();
    assert_eq!(rates.len(), 2);
    let nonref = rates.iter().find(|r| r["ShortName"] == "NONREF").unwrap();
    assert_eq!(nonref["Id"], zurich::NON_REFUNDABLE_RATE_ID);
    assert_eq!(nonref["IsBaseRate"], false);
    assert_eq!(nonref["BaseRateId"], zurich::FLEXIBLE_RATE_ID);
    assert!(
        rates
            .iter()
            .all(|r| r["Type"] == "Public" && r["IsPublic"] == true && r["IsEnabled"] == true)
    );
    let flex = rates.iter().find(|r| r["ShortName"] == "FLEX").unwrap();
    assert_eq!(flex["Names"]["en-US"], "Flexible");

    let rooms = env
        .ok(
            "resources/getAll",
            json!({ "Limitation": { "Count": 100 } }),
        )
        .await;
    assert_eq!(rooms["Resources"].as_array().unwrap().len(), 12);
    let suites = env
        .ok(
            "resourceCategoryAssignments/getAll",
            json!({ "ResourceCategoryIds": [berlin::SUITE_CATEGORY_ID], "Limitation": { "Count": 100 } }),
        )
        .await;
    assert_eq!(
        suites["ResourceCategoryAssignments"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
