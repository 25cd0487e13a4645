//! Offers → book → read → search → amend → patch → cancel; availability; DST.

use chrono::{TimeZone, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{booking, env, env_with, messages, sold};

fn find_offer<'a>(offers: &'a Value, rate_plan: &str) -> &'a Value {
    offers["offers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["ratePlan"]["id"] == rate_plan)
        .unwrap_or_else(|| panic!("no offer for {rate_plan}"))
}

#[tokio::test]
async fn the_whole_booking_lifecycle() {
    let env = env().await;

    // Offers: Thu 1 Oct + Fri 2 Oct, two adults.
    let offers = env
        .get_json(
            "/booking/v1/offers",
            &[
                ("propertyId", "BER"),
                ("arrival", "2026-10-01"),
                ("departure", "2026-10-03"),
                ("adults", "2"),
            ],
        )
        .await;
    assert_eq!(offers["property"]["id"], "BER");
    // SGL (one person) is not offered to two adults: DBL, FAM, STE × FLEX/NONREF.
    assert_eq!(offers["offers"].as_array().unwrap().len(), 6);
    let flex = find_offer(&offers, "BER-FLEX-DBL");
    assert_eq!(flex["arrival"], "2026-10-01T15:00:00+02:00");
    assert_eq!(flex["departure"], "2026-10-03T11:00:00+02:00");
    assert_eq!(flex["unitGroup"]["id"], "BER-DBL");
    assert_eq!(flex["minGuaranteeType"], "PM6Hold");
    assert_eq!(flex["availableUnits"], 10);
    // 119 + 25 (second adult) = 144; Friday 119 × 1.15 = 136.85 + 25 = 161.85.
    assert_eq!(
        flex["totalGrossAmount"],
        json!({ "amount": 305.85, "currency": "EUR" })
    );
    let slices = flex["timeSlices"].as_array().unwrap();
    assert_eq!(slices.len(), 2);
    assert_eq!(slices[0]["totalGrossAmount"]["amount"], 144.0);
    assert_eq!(slices[1]["totalGrossAmount"]["amount"], 161.85);
    assert_eq!(slices[0]["from"], "2026-10-01T15:00:00+02:00");
    assert_eq!(slices[0]["to"], "2026-10-02T11:00:00+02:00");
    assert_eq!(
        flex["cancellationFee"]["dueDateTime"],
        "2026-09-30T18:00:00+02:00"
    );
    assert_eq!(flex["cancellationFee"]["fee"]["amount"], 144.0);
    // City tax: 7.5 % of net (144/1.07 = 134.58 → 10.09; 161.85/1.07 = 151.26 → 11.34).
    let city = &flex["cityTaxes"][0];
    assert_eq!(city["totalGrossAmount"]["amount"], 21.43);
    assert_eq!(city["dates"].as_array().unwrap().len(), 2);
    let nonref = find_offer(&offers, "BER-NONREF-DBL");
    assert_eq!(nonref["minGuaranteeType"], "Prepayment");
    // 101.15 + 25 and 116.32 + 25.
    assert_eq!(nonref["totalGrossAmount"]["amount"], 267.47);
    assert_eq!(nonref["prePaymentAmount"]["amount"], 267.47);

    // Book the flexible offer.
    let mut body = booking("BER-FLEX-DBL", "2026-10-01", "2026-10-03", 2, 2);
    body["reservations"][0]["externalCode"] = json!("VH-123");
    body["reservations"][0]["comment"] = json!("Late arrival");
    body["reservations"][0]["guestComment"] = json!("Quiet room please");
    let response = env.post_booking(&body, None).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let created: Value = response.json().await.unwrap();
    let booking_id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(booking_id.len(), 8);
    assert!(booking_id.chars().all(|c| c.is_ascii_uppercase()));
    assert_eq!(location, format!("/booking/v1/bookings/{booking_id}"));
    let reservation_id = format!("{booking_id}-1");
    assert_eq!(created["reservationIds"], json!([{ "id": reservation_id }]));
    assert_eq!(env.sandbox.stats().bookings_created(), 1);

    let booking_json = env.get_json(&location, &[]).await;
    assert_eq!(booking_json["booker"]["lastName"], "Doe");
    assert_eq!(booking_json["reservations"][0]["id"], reservation_id);
    assert_eq!(booking_json["reservations"][0]["status"], "Confirmed");

    let path = format!("/booking/v1/reservations/{reservation_id}");
    let r = env.get_json(&path, &[("expand", "timeSlices")]).await;
    assert_eq!(r["id"], reservation_id);
    assert_eq!(r["bookingId"], booking_id);
    assert_eq!(r["status"], "Confirmed");
    assert_eq!(r["arrival"], "2026-10-01T15:00:00+02:00");
    assert_eq!(r["departure"], "2026-10-03T11:00:00+02:00");
    assert_eq!(r["adults"], 2);
    assert_eq!(r["childrenAges"], json!([]));
    assert_eq!(
        r["totalGrossAmount"],
        json!({ "amount": 305.85, "currency": "EUR" })
    );
    assert_eq!(r["property"]["id"], "BER");
    assert_eq!(r["ratePlan"]["id"], "BER-FLEX-DBL");
    assert_eq!(r["ratePlan"]["name"], "Flexible");
    assert_eq!(r["unitGroup"]["id"], "BER-DBL");
    assert_eq!(r["primaryGuest"]["firstName"], "Jane");
    assert_eq!(r["primaryGuest"]["address"]["countryCode"], "GB");
    assert_eq!(r["comment"], "Late arrival");
    assert_eq!(r["guestComment"], "Quiet room please");
    assert_eq!(r["externalCode"], "VH-123");
    assert_eq!(r["channelCode"], "Direct");
    assert_eq!(r["guaranteeType"], "PM6Hold");
    assert_eq!(r["created"], "2026-09-15T10:00:00.0000000+02:00");
    assert_eq!(r["modified"], r["created"]);
    assert!(r.get("cancellationTime").is_none());
    assert_eq!(r["cancellationFee"]["id"], "BER-FLEX18");
    assert_eq!(
        r["cancellationFee"]["dueDateTime"],
        "2026-09-30T18:00:00+02:00"
    );
    assert_eq!(r["hasCityTax"], true);
    assert_eq!(r["timeSlices"].as_array().unwrap().len(), 2);
    assert_eq!(r["timeSlices"][1]["serviceDate"], "2026-10-02");
    assert_eq!(r["timeSlices"][1]["totalGrossAmount"]["amount"], 161.85);
    assert!(env.get_json(&path, &[]).await.get("timeSlices").is_none());

    assert_eq!(sold(&env, "BER", "BER-DBL", "2026-10-02").await, (1, 9));
    assert_eq!(sold(&env, "BER", "BER-DBL", "2026-10-03").await, (0, 10));

    // Searches.
    for query in [
        vec![("textSearch", "DOE")],
        vec![("textSearch", "jane.doe@example")],
        vec![("textSearch", reservation_id.to_lowercase().as_str())],
        vec![("bookingId", booking_id.as_str())],
        vec![("externalCode", "VH-")],
        vec![("propertyIds", "BER,ZRH"), ("status", "Confirmed")],
        vec![
            ("dateFilter", "Arrival"),
            ("from", "2026-10-01T00:00:00+02:00"),
            ("to", "2026-10-02T00:00:00+02:00"),
        ],
        vec![("dateFilter", "Stay"), ("from", "2026-10-02T12:00:00Z")],
        vec![("dateFilter", "Creation"), ("to", "2026-09-16T00:00:00Z")],
    ] {
        let list = env.get_json("/booking/v1/reservations", &query).await;
        assert_eq!(list["count"], 1, "{query:?}");
        assert_eq!(list["reservations"][0]["id"], reservation_id);
    }
    for query in [
        vec![("textSearch", "smith")],
        vec![("externalCode", "123")],
        vec![("propertyIds", "ZRH")],
        vec![("status", "Canceled")],
        vec![
            ("dateFilter", "Arrival"),
            ("from", "2026-10-02T00:00:00+02:00"),
            ("to", "2026-10-03T00:00:00+02:00"),
        ],
        vec![
            ("dateFilter", "Cancellation"),
            ("from", "2026-01-01T00:00:00Z"),
        ],
    ] {
        let response = env.get("/booking/v1/reservations", &query).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT, "{query:?}");
    }

    // Amend: three nights, non-refundable, one adult.
    env.clock.advance(chrono::Duration::minutes(30));
    let amend = json!({
        "arrival": "2026-10-01",
        "departure": "2026-10-04",
        "adults": 1,
        "timeSlices": [
            { "ratePlanId": "BER-NONREF-DBL" },
            { "ratePlanId": "BER-NONREF-DBL" },
            { "ratePlanId": "BER-NONREF-DBL" }
        ]
    });
    let response = env
        .put(
            &format!("/booking/v1/reservation-actions/{reservation_id}/amend"),
            Some(&amend),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let r = env.get_json(&path, &[]).await;
    // 101.15 (Thu) + 116.32 (Fri) + 116.32 (Sat).
    assert_eq!(r["totalGrossAmount"]["amount"], 333.79);
    assert_eq!(r["departure"], "2026-10-04T11:00:00+02:00");
    assert_eq!(r["ratePlan"]["id"], "BER-NONREF-DBL");
    assert_eq!(r["guaranteeType"], "Prepayment");
    assert_eq!(r["adults"], 1);
    assert_eq!(r["modified"], "2026-09-15T10:30:00.0000000+02:00");
    assert_eq!(sold(&env, "BER", "BER-DBL", "2026-10-03").await, (1, 9));

    // A wrong number of time slices.
    let mut short = amend.clone();
    short["timeSlices"].as_array_mut().unwrap().pop();
    let response = env
        .put(
            &format!("/booking/v1/reservation-actions/{reservation_id}/amend"),
            Some(&short),
        )
        .await;
    assert_eq!(
        messages(response).await,
        ["Expected 3 time slices but 2 were provided."]
    );

    // Patch the primary guest and the comment.
    let patch = json!([
        { "op": "replace", "path": "/primaryGuest", "value": {
            "firstName": "John", "lastName": "Smith", "email": "john@example.com",
            "phone": "+4915112345678", "preferredLanguage": "de", "address": { "countryCode": "DE" }
        }},
        { "op": "remove", "path": "/comment" },
        { "op": "replace", "path": "/guestComment", "value": "Feather-free pillows" }
    ]);
    let response = env.patch(&path, &patch).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let r = env.get_json(&path, &[]).await;
    assert_eq!(r["primaryGuest"]["lastName"], "Smith");
    assert_eq!(r["primaryGuest"]["preferredLanguage"], "de");
    assert!(r.get("comment").is_none());
    assert_eq!(r["guestComment"], "Feather-free pillows");
    // The booker still matches the old name; the new guest name matches too.
    let list = env
        .get_json("/booking/v1/reservations", &[("textSearch", "smith")])
        .await;
    assert_eq!(list["count"], 1);

    let bad_patch = json!([{ "op": "replace", "path": "/adults", "value": 3 }]);
    let response = env.patch(&path, &bad_patch).await;
    assert_eq!(
        messages(response).await,
        ["The operation 'replace' on the path '/adults' is not supported."]
    );

    // Cancel, and the units come back.
    let cancel = format!("/booking/v1/reservation-actions/{reservation_id}/cancel");
    assert_eq!(
        env.put(&cancel, None).await.status(),
        StatusCode::NO_CONTENT
    );
    let r = env.get_json(&path, &[]).await;
    assert_eq!(r["status"], "Canceled");
    assert_eq!(r["cancellationTime"], "2026-09-15T10:30:00.0000000+02:00");
    assert_eq!(r["isOpenForCharges"], false);
    for night in ["2026-10-01", "2026-10-02", "2026-10-03"] {
        assert_eq!(sold(&env, "BER", "BER-DBL", night).await, (0, 10));
    }
    let list = env
        .get_json(
            "/booking/v1/reservations",
            &[
                ("dateFilter", "Cancellation"),
                ("from", "2026-09-15T00:00:00Z"),
            ],
        )
        .await;
    assert_eq!(list["count"], 1);

    // Canceling again, amending or patching a canceled reservation: 422.
    let again = messages(env.put(&cancel, None).await).await;
    assert!(again[0].contains("status 'Canceled'"), "{again:?}");
    let response = env
        .put(
            &format!("/booking/v1/reservation-actions/{reservation_id}/amend"),
            Some(&amend),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = env.patch(&path, &patch).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn overbooking_is_refused_and_cancellation_frees_the_unit() {
    let env = env().await;
    // BER-STE has one unit.
    let body = booking("BER-FLEX-STE", "2026-10-05", "2026-10-07", 2, 2);
    let (_, first) = env.book(&body).await;
    assert_eq!(sold(&env, "BER", "BER-STE", "2026-10-06").await, (1, 0));

    // Overlapping second stay.
    let overlap = booking("BER-NONREF-STE", "2026-10-06", "2026-10-08", 2, 1);
    let response = env.post_booking(&overlap, None).await;
    let msgs = messages(response).await;
    assert!(
        msgs[0].contains("BER-STE") && msgs[0].contains("fully booked"),
        "{msgs:?}"
    );

    let offers = env
        .get_json(
            "/booking/v1/offers",
            &[
                ("propertyId", "BER"),
                ("arrival", "2026-10-06"),
                ("departure", "2026-10-08"),
                ("adults", "1"),
            ],
        )
        .await;
    assert!(
        offers["offers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["unitGroup"]["id"] != "BER-STE")
    );
    // Adjacent stay (departure day = next arrival) is fine after cancellation of the first.
    let cancel = format!("/booking/v1/reservation-actions/{first}/cancel");
    assert_eq!(
        env.put(&cancel, None).await.status(),
        StatusCode::NO_CONTENT
    );
    env.book(&overlap).await;
    // Two reservations in one booking compete for the same unit.
    let mut double = booking("BER-FLEX-STE", "2026-10-10", "2026-10-11", 1, 1);
    let second = double["reservations"][0].clone();
    double["reservations"].as_array_mut().unwrap().push(second);
    let response = env.post_booking(&double, None).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(sold(&env, "BER", "BER-STE", "2026-10-10").await, (0, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_for_the_last_unit_yield_exactly_one_booking() {
    let env = env().await;
    let body = booking("ZRH-FLEX-STE", "2026-11-02", "2026-11-04", 2, 1);
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let request = env
                .http
                .post(env.url("/booking/v1/bookings"))
                .bearer_auth(&env.token)
                .json(&body);
            tokio::spawn(async move { request.send().await.unwrap().status() })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    assert_eq!((created, refused), (1, 7), "{statuses:?}");
    assert_eq!(env.sandbox.stats().bookings_created(), 1);
    assert_eq!(sold(&env, "ZRH", "ZRH-STE", "2026-11-03").await, (1, 0));
}

#[tokio::test]
async fn offsets_follow_daylight_saving_time() {
    // 1 March 2026; the clocks go forward on Sunday 29 March.
    let env = env_with(
        42,
        Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap(),
        |s| s,
    )
    .await;
    let availability = env
        .get_json(
            "/availability/v1/unit-groups",
            &[
                ("propertyId", "BER"),
                ("from", "2026-03-28"),
                ("to", "2026-03-29"),
            ],
        )
        .await;
    let slices = availability["timeSlices"].as_array().unwrap();
    assert_eq!(slices[0]["from"], "2026-03-28T15:00:00+01:00");
    assert_eq!(slices[0]["to"], "2026-03-29T11:00:00+02:00");
    assert_eq!(slices[1]["from"], "2026-03-29T15:00:00+02:00");

    let body = booking("BER-FLEX-DBL", "2026-03-28", "2026-03-30", 2, 1);
    let (_, reservation) = env.book(&body).await;
    let r = env
        .get_json(
            &format!("/booking/v1/reservations/{reservation}"),
            &[("expand", "timeSlices")],
        )
        .await;
    assert_eq!(r["arrival"], "2026-03-28T15:00:00+01:00");
    assert_eq!(r["departure"], "2026-03-30T11:00:00+02:00");
    assert_eq!(r["created"], "2026-03-01T10:00:00.0000000+01:00");
    assert_eq!(r["timeSlices"][0]["to"], "2026-03-29T11:00:00+02:00");
    assert_eq!(
        r["cancellationFee"]["dueDateTime"],
        "2026-03-27T18:00:00+01:00"
    );

    // Date-times with offsets are accepted as arrival and departure.
    let body = booking(
        "ZRH-FLEX-DBL",
        "2026-03-28T15:00:00+01:00",
        "2026-03-29T11:00:00+02:00",
        1,
        1,
    );
    let (_, zrh) = env.book(&body).await;
    let r = env
        .get_json(&format!("/booking/v1/reservations/{zrh}"), &[])
        .await;
    assert_eq!(r["totalGrossAmount"]["currency"], "CHF");
    // ZRH DBL 125 × 1.15 (Saturday) = 143.75.
    assert_eq!(r["totalGrossAmount"]["amount"], 143.75);
}
