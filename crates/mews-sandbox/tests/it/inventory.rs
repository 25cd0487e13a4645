//! Time units, availability and pricing.

use mews_sandbox::{berlin, zurich};
use reqwest::StatusCode;
use serde_json::json;

use crate::common::{berlin_midnight, env, midnight};

fn availability_request(first: &str, last: &str) -> serde_json::Value {
    json!({ "ServiceId": berlin::SERVICE_ID, "FirstTimeUnitStartUtc": first, "LastTimeUnitStartUtc": last })
}

#[tokio::test]
async fn spring_dst_units_start_at_local_midnight() {
    let env = env().await;
    let body = env
        .ok(
            "services/getAvailability",
            availability_request("2026-03-27T23:00:00Z", "2026-03-29T22:00:00Z"),
        )
        .await;
    assert_eq!(
        body["TimeUnitStartsUtc"],
        json!([
            "2026-03-27T23:00:00Z",
            "2026-03-28T23:00:00Z",
            "2026-03-29T22:00:00Z"
        ])
    );
    let double = body["CategoryAvailabilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["CategoryId"] == berlin::DOUBLE_CATEGORY_ID)
        .unwrap();
    assert_eq!(double["Availabilities"], json!([6, 6, 6]));
    assert_eq!(double["Adjustments"], json!([0, 0, 0]));

    // Naive +24 h after 29 Mar is 01:00 local on 30 Mar: not a boundary.
    let answer = env
        .call(
            "services/getAvailability",
            availability_request("2026-03-27T23:00:00Z", "2026-03-29T23:00:00Z"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.message(), "Invalid LastTimeUnitStartUtc.");
    let answer = env
        .call(
            "services/getAvailability",
            availability_request("2026-03-28T00:00:00Z", "2026-03-29T22:00:00Z"),
        )
        .await;
    assert_eq!(answer.message(), "Invalid FirstTimeUnitStartUtc.");
}

#[tokio::test]
async fn autumn_dst_and_the_unit_cap() {
    let env = env().await;
    let body = env
        .ok(
            "services/getAvailability",
            availability_request("2026-10-23T22:00:00Z", "2026-10-25T23:00:00Z"),
        )
        .await;
    assert_eq!(
        body["TimeUnitStartsUtc"],
        json!([
            "2026-10-23T22:00:00Z",
            "2026-10-24T22:00:00Z",
            "2026-10-25T23:00:00Z"
        ])
    );
    let answer = env
        .call(
            "services/getAvailability",
            availability_request("2026-10-23T22:00:00Z", "2026-10-25T22:00:00Z"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.message(), "Invalid LastTimeUnitStartUtc.");
    // Milliseconds are accepted.
    let ok = env
        .call(
            "services/getAvailability",
            availability_request("2026-10-23T22:00:00.000Z", "2026-10-23T22:00:00.000Z"),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(
        ok.body["TimeUnitStartsUtc"],
        json!(["2026-10-23T22:00:00Z"])
    );

    // 367 units are fine, 368 are not.
    let first = berlin_midnight(2026, 1, 1);
    let ok = env
        .call(
            "services/getAvailability",
            availability_request(&first, &berlin_midnight(2027, 1, 2)),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.body["TimeUnitStartsUtc"].as_array().unwrap().len(), 367);
    let too_long = env
        .call(
            "services/getAvailability",
            availability_request(&first, &berlin_midnight(2027, 1, 3)),
        )
        .await;
    assert_eq!(too_long.status, StatusCode::BAD_REQUEST);
    // Last before first.
    let backwards = env
        .call(
            "services/getAvailability",
            availability_request(&berlin_midnight(2026, 5, 2), &berlin_midnight(2026, 5, 1)),
        )
        .await;
    assert_eq!(backwards.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn pricing_follows_the_deterministic_rule() {
    let env = env().await;
    // Thu 1 Oct and Fri 2 Oct 2026.
    let body = env
        .ok(
            "rates/getPricing",
            json!({
                "RateId": berlin::NON_REFUNDABLE_RATE_ID,
                "FirstTimeUnitStartUtc": berlin_midnight(2026, 10, 1),
                "LastTimeUnitStartUtc": berlin_midnight(2026, 10, 2),
            }),
        )
        .await;
    assert_eq!(body["Currency"], "EUR");
    assert_eq!(
        body["TimeUnitStartsUtc"],
        json!(["2026-09-30T22:00:00Z", "2026-10-01T22:00:00Z"])
    );
    let double = body["CategoryPrices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["CategoryId"] == berlin::DOUBLE_CATEGORY_ID)
        .unwrap();
    let prices = double["AmountPrices"].as_array().unwrap();
    assert_eq!(prices[0]["GrossValue"], json!(101.15));
    assert_eq!(prices[1]["GrossValue"], json!(116.32));
    assert_eq!(prices[0]["NetValue"], json!(94.53));
    assert_eq!(
        prices[0]["TaxValues"],
        json!([{ "Code": "DE-2020-1-L", "Value": 6.62 }])
    );
    assert_eq!(prices[0]["Currency"], "EUR");
    assert_eq!(body["BaseAmountPrices"][0]["GrossValue"], json!(75.65));
    assert_eq!(body["CategoryAdjustments"], json!([]));
    assert_eq!(body["RelativeAdjustment"], json!(0));

    let zurich_body = env
        .call_as(
            zurich::ACCESS_TOKEN,
            "rates/getPricing",
            json!({
                "RateId": zurich::FLEXIBLE_RATE_ID,
                "FirstTimeUnitStartUtc": midnight(chrono_tz::Europe::Zurich, 2026, 10, 1),
                "LastTimeUnitStartUtc": midnight(chrono_tz::Europe::Zurich, 2026, 10, 1),
            }),
        )
        .await;
    let suite = zurich_body.body["CategoryPrices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["CategoryId"] == zurich::SUITE_CATEGORY_ID)
        .unwrap()
        .clone();
    assert_eq!(suite["AmountPrices"][0]["GrossValue"], json!(282.0));
    assert_eq!(suite["AmountPrices"][0]["NetValue"], json!(271.68));
    assert_eq!(suite["AmountPrices"][0]["Currency"], "CHF");

    let unknown = env
        .call(
            "rates/getPricing",
            json!({
                "RateId": zurich::FLEXIBLE_RATE_ID,
                "FirstTimeUnitStartUtc": berlin_midnight(2026, 10, 1),
                "LastTimeUnitStartUtc": berlin_midnight(2026, 10, 1),
            }),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown.message(), "Invalid RateId.");
}

#[tokio::test]
async fn availability_drops_with_a_booking_and_returns_after_cancel() {
    let env = env().await;
    let customer = env.customer("ada@example.org", "Lovelace").await;
    let before = env
        .availability(berlin::DOUBLE_CATEGORY_ID, (2026, 10, 1), (2026, 10, 3))
        .await;
    assert_eq!(before, vec![6, 6, 6]);
    let r = env
        .booked(
            &customer,
            berlin::DOUBLE_CATEGORY_ID,
            (2026, 10, 1),
            (2026, 10, 3),
        )
        .await;
    let after = env
        .availability(berlin::DOUBLE_CATEGORY_ID, (2026, 10, 1), (2026, 10, 3))
        .await;
    assert_eq!(after, vec![5, 5, 6], "departure night is free");
    let cancel = env
        .call(
            "reservations/cancel",
            json!({ "ReservationIds": [r["Id"]], "Notes": "guest called" }),
        )
        .await;
    assert_eq!(cancel.status, StatusCode::OK);
    assert_eq!(cancel.body["ReservationIds"], json!([r["Id"]]));
    let restored = env
        .availability(berlin::DOUBLE_CATEGORY_ID, (2026, 10, 1), (2026, 10, 3))
        .await;
    assert_eq!(restored, vec![6, 6, 6]);
}

#[tokio::test]
async fn the_last_suite_goes_once_and_overbooking_is_negative() {
    let env = env().await;
    let customer = env.customer("ada@example.org", "Lovelace").await;
    let first = env
        .booked(
            &customer,
            berlin::SUITE_CATEGORY_ID,
            (2026, 10, 1),
            (2026, 10, 2),
        )
        .await;
    assert_eq!(
        first["AssignedResourceId"],
        "5c4f0a9e-400e-4000-8000-100000000401"
    );
    let second = env
        .book(
            &customer,
            berlin::SUITE_CATEGORY_ID,
            (2026, 10, 1),
            (2026, 10, 2),
            json!({}),
        )
        .await;
    assert_eq!(second.status, StatusCode::FORBIDDEN);
    assert_eq!(
        second.message(),
        "There is no availability for the requested category."
    );
    assert_eq!(
        env.sandbox.admin().reservation_count(berlin::ENTERPRISE_ID),
        1
    );

    // Without the check the booking goes through and availability turns negative.
    let forced = env
        .call(
            "reservations/add",
            json!({
                "ServiceId": berlin::SERVICE_ID,
                "CheckOverbooking": false,
                "Reservations": [{
                    "StartUtc": berlin_midnight(2026, 10, 1),
                    "EndUtc": berlin_midnight(2026, 10, 2),
                    "CustomerId": customer,
                    "RequestedCategoryId": berlin::SUITE_CATEGORY_ID,
                    "RateId": berlin::FLEXIBLE_RATE_ID,
                    "PersonCounts": [{ "AgeCategoryId": berlin::ADULT_AGE_CATEGORY_ID, "Count": 1 }],
                }],
            }),
        )
        .await;
    assert_eq!(forced.status, StatusCode::OK);
    assert_eq!(
        forced.body["Reservations"][0]["Reservation"]["AssignedResourceId"],
        serde_json::Value::Null
    );
    let suite = env
        .availability(berlin::SUITE_CATEGORY_ID, (2026, 10, 1), (2026, 10, 1))
        .await;
    assert_eq!(suite, vec![-1]);
}

#[tokio::test]
async fn admin_adjustments_show_in_availability_and_block_bookings() {
    let env = env().await;
    let customer = env.customer("ada@example.org", "Lovelace").await;
    let night = chrono::NaiveDate::from_ymd_opt(2026, 10, 2).unwrap();
    env.sandbox
        .admin()
        .set_availability_adjustment(berlin::SINGLE_CATEGORY_ID, night, -5)
        .unwrap();
    let body = env
        .ok(
            "services/getAvailability",
            availability_request(&berlin_midnight(2026, 10, 1), &berlin_midnight(2026, 10, 2)),
        )
        .await;
    let single = body["CategoryAvailabilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["CategoryId"] == berlin::SINGLE_CATEGORY_ID)
        .unwrap();
    assert_eq!(single["Availabilities"], json!([3, -2]));
    assert_eq!(single["Adjustments"], json!([0, -5]));
    let answer = env
        .book(
            &customer,
            berlin::SINGLE_CATEGORY_ID,
            (2026, 10, 1),
            (2026, 10, 3),
            json!({ "PersonCounts": [{ "AgeCategoryId": berlin::ADULT_AGE_CATEGORY_ID, "Count": 1 }] }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(
        env.sandbox
            .admin()
            .set_availability_adjustment("5c4f0a9e-0000-4000-8000-000000000000", night, 1)
            .is_err()
    );

    let metrics = env
        .ok(
            "services/getAvailability/2024-01-22",
            json!({
                "ServiceId": berlin::SERVICE_ID,
                "FirstTimeUnitStartUtc": berlin_midnight(2026, 10, 2),
                "LastTimeUnitStartUtc": berlin_midnight(2026, 10, 2),
                "Metrics": ["UsableResources", "Occupied", "PublicAvailabilityAdjustment"],
            }),
        )
        .await;
    let single = metrics["ResourceCategoryAvailabilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["ResourceCategoryId"] == berlin::SINGLE_CATEGORY_ID)
        .unwrap();
    assert_eq!(
        single["Metrics"],
        json!({ "UsableResources": [3], "Occupied": [0], "PublicAvailabilityAdjustment": [-5] })
    );
}
