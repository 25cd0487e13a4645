//! Reservations: add, read, update, cancel, notes, order items.

use mews_sandbox::berlin;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{berlin_midnight, env};

#[tokio::test]
async fn add_answers_in_the_2017_shape_and_reads_in_the_2023_shape() {
    let env = env().await;
    let customer = env.customer("ada@example.org", "Lovelace").await;
    let answer = env
        .book(
            &customer,
            berlin::DOUBLE_CATEGORY_ID,
            (2026, 10, 1),
            (2026, 10, 3),
            json!({ "Identifier": "VR-1", "ChannelNumber": "VR-TOKEN-1", "Notes": "Late arrival" }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["Reservations"][0]["Identifier"], "VR-1");
    let r = &answer.body["Reservations"][0]["Reservation"];
    assert_eq!(r["Number"], "1");
    assert_eq!(r["State"], "Confirmed");
    assert_eq!(r["Origin"], "Connector");
    assert_eq!(r["ChannelNumber"], "VR-TOKEN-1");
    assert_eq!(r["OwnerId"], json!(customer));
    assert_eq!(r["CustomerId"], json!(customer));
    assert_eq!(r["StartUtc"], "2026-09-30T22:00:00Z");
    assert_eq!(r["EndUtc"], "2026-10-02T22:00:00Z");
    assert_eq!(r["RequestedCategoryId"], berlin::DOUBLE_CATEGORY_ID);
    assert_eq!(
        r["AssignedResourceId"],
        "5c4f0a9e-400e-4000-8000-100000000201"
    );
    let id = r["Id"].as_str().unwrap();

    let read = env.read(id).await;
    assert_eq!(read["State"], "Confirmed");
    assert_eq!(read["EnterpriseId"], berlin::ENTERPRISE_ID);
    assert_eq!(read["AccountId"], json!(customer));
    assert_eq!(read["AccountType"], "Customer");
    assert_eq!(
        read["RequestedResourceCategoryId"],
        berlin::DOUBLE_CATEGORY_ID
    );
    assert_eq!(read["ScheduledStartUtc"], "2026-09-30T22:00:00Z");
    assert_eq!(read["ScheduledEndUtc"], "2026-10-02T22:00:00Z");
    assert_eq!(read["CancelledUtc"], Value::Null);
    assert_eq!(
        read["PersonCounts"],
        json!([{ "AgeCategoryId": berlin::ADULT_AGE_CATEGORY_ID, "Count": 2 }])
    );

    // Notes became a General note on the service order.
    let notes = env
        .ok(
            "serviceOrderNotes/getAll",
            json!({ "ServiceOrderIds": [id], "Limitation": { "Count": 10 } }),
        )
        .await;
    assert_eq!(notes["ServiceOrderNotes"][0]["Text"], "Late arrival");
    assert_eq!(notes["ServiceOrderNotes"][0]["Type"], "General");
    assert_eq!(notes["ServiceOrderNotes"][0]["OrderId"], id);

    // Thu 1 Oct 119.00 + Fri 2 Oct 136.85.
    let items = env
        .ok(
            "orderItems/getAll",
            json!({ "ServiceOrderIds": [id], "Limitation": { "Count": 10 } }),
        )
        .await;
    let items = items["OrderItems"].as_array().unwrap();
    let nights: Vec<(&Value, &Value)> = items
        .iter()
        .map(|i| (&i["ConsumedUtc"], &i["Amount"]["GrossValue"]))
        .collect();
    assert_eq!(
        nights,
        vec![
            (&json!("2026-09-30T22:00:00Z"), &json!(119.0)),
            (&json!("2026-10-01T22:00:00Z"), &json!(136.85)),
        ]
    );
    assert!(
        items
            .iter()
            .all(|i| i["Type"] == "SpaceOrder" && i["AccountingState"] == "Open")
    );

    let second = env
        .booked(
            &customer,
            berlin::DOUBLE_CATEGORY_ID,
            (2026, 10, 1),
            (2026, 10, 2),
        )
        .await;
    assert_eq!(second["Number"], "2");
    assert_eq!(
        second["AssignedResourceId"],
        "5c4f0a9e-400e-4000-8000-100000000202"
    );
}

#[tokio::test]
async fn add_validates_its_input() {
    let env = env().await;
    let customer = env.customer("ada@example.org", "Lovelace").await;
    let cases = [
        (
            json!({ "StartUtc": "2026-10-01T13:00:00Z" }),
            StatusCode::BAD_REQUEST,
            "Invalid StartUtc.",
        ),
        (
            json!({ "EndUtc": berlin_midnight(2026, 10, 1) }),
            StatusCode::BAD_REQUEST,
            "Invalid EndUtc.",
        ),
        (
            json!({ "CustomerId": "5c4f0a9e-c057-4000-8000-000000000999" }),
            StatusCode::BAD_REQUEST,
            "Invalid CustomerId.",
        ),
        (
            json!({ "CustomerId": null }),
            StatusCode::BAD_REQUEST,
            "Invalid CustomerId.",
        ),
        (
            json!({ "RequestedCategoryId": "x" }),
            StatusCode::BAD_REQUEST,
            "Invalid RequestedCategoryId.",
        ),
        (
            json!({ "RateId": mews_sandbox::zurich::FLEXIBLE_RATE_ID }),
            StatusCode::BAD_REQUEST,
            "Invalid RateId.",
        ),
        (
            json!({ "PersonCounts": [] }),
            StatusCode::BAD_REQUEST,
            "Invalid PersonCounts.",
        ),
        (
            json!({ "PersonCounts": [{ "AgeCategoryId": berlin::ADULT_AGE_CATEGORY_ID, "Count": 0 }] }),
            StatusCode::BAD_REQUEST,
            "Invalid PersonCounts.",
        ),
        (
            json!({ "State": "Inquired" }),
            StatusCode::BAD_REQUEST,
            "Invalid State.",
        ),
        (
            json!({ "PersonCounts": [{ "AgeCategoryId": berlin::ADULT_AGE_CATEGORY_ID, "Count": 2 }, { "AgeCategoryId": berlin::CHILD_AGE_CATEGORY_ID, "Count": 1 }] }),
            StatusCode::FORBIDDEN,
            "The number of persons exceeds the capacity of the requested category.",
        ),
    ];
    for (extra, status, message) in cases {
        let answer = env
            .book(
                &customer,
                berlin::DOUBLE_CATEGORY_ID,
                (2026, 10, 1),
                (2026, 10, 3),
                extra.clone(),
            )
            .await;
        assert_eq!(answer.status, status, "{extra}");
        assert_eq!(answer.message(), message, "{extra}");
    }
    // Family takes 4 (3 + 1 extra).
    let family = env
        .book(
            &customer,
            berlin::FAMILY_CATEGORY_ID,
            (2026, 10, 1),
            (2026, 10, 3),
            json!({ "PersonCounts": [{ "AgeCategoryId": berlin::ADULT_AGE_CATEGORY_ID, "Count": 2 }, { "AgeCategoryId": berlin::CHILD_AGE_CATEGORY_ID, "Count": 2 }] }),
        )
        .await;
    assert_eq!(family.status, StatusCode::OK);
    assert_eq!(
        env.sandbox.admin().reservation_count(berlin::ENTERPRISE_ID),
        1
    );
}

#[tokio::test]
async fn states_use_both_spellings_and_filter() {
    let env = env().await;
    let customer = env.customer("ada@example.org", "Lovelace").await;
    let enquired = env
        .book(
            &customer,
            berlin::DOUBLE_CATEGORY_ID,
            (2026, 10, 1),
            (2026, 10, 2),
            json!({ "State": "Enquired" }),
        )
        .await;
    assert_eq!(
        enquired.body["Reservations"][0]["Reservation"]["State"],
        "Enquired"
    );
    let enquired_id = enquired.body["Reservations"][0]["Reservation"]["Id"].clone();
    let optional = env
        .book(
            &customer,
            berlin::DOUBLE_CATEGORY_ID,
            (2026, 10, 1),
            (2026, 10, 2),
            json!({ "State": "Optional" }),
        )
        .await;
    let optional_id = optional.body["Reservations"][0]["Reservation"]["Id"].clone();
    let _confirmed = env
        .booked(
            &customer,
            berlin::DOUBLE_CATEGORY_ID,
            (2026, 10, 1),
            (2026, 10, 2),
        )
        .await;
    assert_eq!(
        env.read(enquired_id.as_str().unwrap()).await["State"],
        "Inquired"
    );

    let by_state = env
        .ok(
            "reservations/getAll/2023-06-06",
            json!({ "AccountIds": [customer], "States": ["Inquired", "Optional"], "Limitation": { "Count": 10 } }),
        )
        .await;
    let ids: Vec<&Value> = by_state["Reservations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["Id"])
        .collect();
    assert_eq!(ids, vec![&optional_id, &enquired_id], "newest first");
    let all = env
        .ok(
            "reservations/getAll/2023-06-06",
            json!({ "AccountIds": [customer], "Limitation": { "Count": 10 } }),
        )
        .await;
    assert_eq!(
        all["Reservations"].as_array().unwrap().len(),
        3,
        "no States = all states"
    );
    let bad = env
        .call(
            "reservations/getAll/2023-06-06",
            json!({ "AccountIds": [customer], "States": ["Enquired"], "Limitation": { "Count": 10 } }),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.message(), "Invalid States.");

    // Optional items are inactive until confirmed.
    let items = env
        .ok(
            "orderItems/getAll",
            json!({ "ServiceOrderIds": [optional_id], "Limitation": { "Count": 10 } }),
        )
        .await;
    assert_eq!(items["OrderItems"][0]["AccountingState"], "Inactive");
    let confirm = env
        .call(
            "reservations/confirm",
            json!({ "ReservationIds": [optional_id] }),
        )
        .await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert_eq!(
        env.read(optional_id.as_str().unwrap()).await["State"],
        "Confirmed"
    );
}

#[tokio::test]
async fn get_all_filters_and_pages() {
    let env = env().await;
    let customer = env.customer("ada@example.org", "Lovelace").await;
    let a = env
        .book(
            &customer,
            berlin::DOUBLE_CATEGORY_ID,
            (2026, 10, 1),
            (2026, 10, 2),
            json!({ "ChannelNumber": "VR-A" }),
        )
        .await;
    let a = a.body["Reservations"][0]["Reservation"].clone();
    let b = env
        .booked(
            &customer,
            berlin::FAMILY_CATEGORY_ID,
            (2026, 10, 2),
            (2026, 10, 4),
        )
        .await;

    let none = env
        .call(
            "reservations/getAll/2023-06-06",
            json!({ "Limitation": { "Count": 10 } }),
        )
        .await;
    assert_eq!(none.status, StatusCode::BAD_REQUEST);
    let no_limitation = env
        .call(
            "reservations/getAll/2023-06-06",
            json!({ "Numbers": ["1"] }),
        )
        .await;
    assert_eq!(no_limitation.message(), "Invalid Limitation.");

    let query = |filter: Value| {
        let mut body = filter;
        body["Limitation"] = json!({ "Count": 10 });
        body
    };
    let ids = |body: &Value| -> Vec<Value> {
        body["Reservations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["Id"].clone())
            .collect()
    };
    let by_channel = env
        .ok(
            "reservations/getAll/2023-06-06",
            query(json!({ "ChannelNumbers": ["VR-A"] })),
        )
        .await;
    assert_eq!(ids(&by_channel), vec![a["Id"].clone()]);
    assert_eq!(by_channel["Reservations"][0]["ChannelNumber"], "VR-A");
    let by_number = env
        .ok(
            "reservations/getAll/2023-06-06",
            query(json!({ "Numbers": ["2"] })),
        )
        .await;
    assert_eq!(ids(&by_number), vec![b["Id"].clone()]);
    // Arrivals on 2 Oct (local day, half-open).
    let arrivals = env
        .ok(
            "reservations/getAll/2023-06-06",
            query(json!({ "ScheduledStartUtc": { "StartUtc": berlin_midnight(2026, 10, 2), "EndUtc": berlin_midnight(2026, 10, 3) } })),
        )
        .await;
    assert_eq!(ids(&arrivals), vec![b["Id"].clone()]);
    // Equality mode.
    let exact = env
        .ok(
            "reservations/getAll/2023-06-06",
            query(json!({ "ScheduledStartUtc": { "StartUtc": berlin_midnight(2026, 10, 1), "EndUtc": berlin_midnight(2026, 10, 1) } })),
        )
        .await;
    assert_eq!(ids(&exact), vec![a["Id"].clone()]);
    let too_long = env
        .call(
            "reservations/getAll/2023-06-06",
            query(json!({ "ScheduledStartUtc": { "StartUtc": "2026-10-01T00:00:00Z", "EndUtc": "2027-01-02T00:00:00Z" } })),
        )
        .await;
    assert_eq!(too_long.status, StatusCode::BAD_REQUEST);
    assert_eq!(too_long.message(), "Invalid ScheduledStartUtc.");

    // Paging: newest first, a full last page, then an empty page with a null cursor.
    let page = |cursor: Value| json!({ "AccountIds": [customer], "Limitation": { "Count": 1, "Cursor": cursor } });
    let p1 = env
        .ok("reservations/getAll/2023-06-06", page(Value::Null))
        .await;
    assert_eq!(ids(&p1), vec![b["Id"].clone()]);
    assert_eq!(p1["Cursor"], b["Id"]);
    let p2 = env
        .ok("reservations/getAll/2023-06-06", page(p1["Cursor"].clone()))
        .await;
    assert_eq!(ids(&p2), vec![a["Id"].clone()]);
    assert_eq!(p2["Cursor"], a["Id"]);
    let p3 = env
        .ok("reservations/getAll/2023-06-06", page(p2["Cursor"].clone()))
        .await;
    assert_eq!(p3["Reservations"], json!([]));
    assert_eq!(p3["Cursor"], Value::Null);
    let bad_cursor = env
        .call("reservations/getAll/2023-06-06", page(json!("nope")))
        .await;
    assert_eq!(bad_cursor.message(), "Invalid Cursor.");
}

#[tokio::test]
async fn update_applies_update_values_and_reprices() {
    let env = env().await;
    let customer = env.customer("ada@example.org", "Lovelace").await;
    let answer = env
        .book(
            &customer,
            berlin::DOUBLE_CATEGORY_ID,
            (2026, 10, 1),
            (2026, 10, 2),
            json!({ "ChannelNumber": "VR-U" }),
        )
        .await;
    let id = answer.body["Reservations"][0]["Reservation"]["Id"].clone();
    env.clock.advance(chrono::Duration::minutes(1));

    // Absent / null / {} keep; Value sets.
    let updated = env
        .ok(
            "reservations/update",
            json!({
                "Reason": "guest asked",
                "ReservationUpdates": [{
                    "ReservationId": id,
                    "EndUtc": { "Value": berlin_midnight(2026, 10, 3) },
                    "RateId": null,
                    "PersonCounts": {},
                    "RequestedCategoryId": { "Value": berlin::SUITE_CATEGORY_ID },
                }],
            }),
        )
        .await;
    let r = &updated["Reservations"][0];
    assert_eq!(r["EndUtc"], "2026-10-02T22:00:00Z");
    assert_eq!(r["StartUtc"], "2026-09-30T22:00:00Z");
    assert_eq!(r["RateId"], berlin::FLEXIBLE_RATE_ID);
    assert_eq!(r["RequestedCategoryId"], berlin::SUITE_CATEGORY_ID);
    assert_eq!(
        r["AssignedResourceId"],
        "5c4f0a9e-400e-4000-8000-100000000401"
    );
    assert_eq!(r["ChannelNumber"], "VR-U");
    assert_eq!(r["PersonCounts"][0]["Count"], 2);
    assert_eq!(r["UpdatedUtc"], "2026-09-15T08:01:00Z");
    // Suite Thu 269 + Fri 309.35.
    let items = env
        .ok(
            "orderItems/getAll",
            json!({ "ServiceOrderIds": [id], "Limitation": { "Count": 10 } }),
        )
        .await;
    let gross: Vec<f64> = items["OrderItems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["Amount"]["GrossValue"].as_f64().unwrap())
        .collect();
    assert_eq!(gross, vec![269.0, 309.35]);
    assert_eq!(
        env.availability(berlin::DOUBLE_CATEGORY_ID, (2026, 10, 1), (2026, 10, 1))
            .await,
        vec![6]
    );

    // {"Value": null} clears a nullable field, is 400 for a required one.
    let cleared = env
        .ok(
            "reservations/update",
            json!({ "ReservationUpdates": [{ "ReservationId": id, "ChannelNumber": { "Value": null } }] }),
        )
        .await;
    assert_eq!(cleared["Reservations"][0]["ChannelNumber"], Value::Null);
    let bad = env
        .call(
            "reservations/update",
            json!({ "ReservationUpdates": [{ "ReservationId": id, "RateId": { "Value": null } }] }),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.message(), "Invalid RateId.");

    // Moving into a night without a free suite is refused and changes nothing.
    let other = env
        .booked(
            &customer,
            berlin::SUITE_CATEGORY_ID,
            (2026, 10, 5),
            (2026, 10, 6),
        )
        .await;
    let blocked = env
        .call(
            "reservations/update",
            json!({ "ReservationUpdates": [{ "ReservationId": id, "EndUtc": { "Value": berlin_midnight(2026, 10, 6) } }] }),
        )
        .await;
    assert_eq!(blocked.status, StatusCode::FORBIDDEN);
    assert_eq!(
        blocked.message(),
        "There is no availability for the requested category."
    );
    assert_eq!(
        env.read(id.as_str().unwrap()).await["ScheduledEndUtc"],
        "2026-10-02T22:00:00Z"
    );

    // Canceled and checked-out reservations cannot change.
    env.ok(
        "reservations/cancel",
        json!({ "ReservationIds": [other["Id"]], "Notes": "x" }),
    )
    .await;
    let canceled = env
        .call(
            "reservations/update",
            json!({ "ReservationUpdates": [{ "ReservationId": other["Id"], "RateId": { "Value": berlin::NON_REFUNDABLE_RATE_ID } }] }),
        )
        .await;
    assert_eq!(canceled.status, StatusCode::FORBIDDEN);
    assert_eq!(canceled.message(), "Reservation is in an invalid state.");
    let admin = env.sandbox.admin();
    admin.check_in(id.as_str().unwrap()).unwrap();
    admin.check_out(id.as_str().unwrap()).unwrap();
    let processed = env
        .call(
            "reservations/update",
            json!({ "ReservationUpdates": [{ "ReservationId": id, "RateId": { "Value": berlin::NON_REFUNDABLE_RATE_ID } }] }),
        )
        .await;
    assert_eq!(processed.status, StatusCode::FORBIDDEN);
    assert_eq!(processed.message(), "Reservation is in an invalid state.");
}

#[tokio::test]
async fn cancel_rules() {
    let env = env().await;
    let customer = env.customer("ada@example.org", "Lovelace").await;
    let book = |category: &'static str| {
        let env = &env;
        let customer = customer.clone();
        async move {
            env.booked(&customer, category, (2026, 10, 1), (2026, 10, 2))
                .await["Id"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let plain = book(berlin::DOUBLE_CATEGORY_ID).await;
    let started = book(berlin::DOUBLE_CATEGORY_ID).await;
    let no_show = book(berlin::DOUBLE_CATEGORY_ID).await;
    let admin = env.sandbox.admin();
    admin.check_in(&started).unwrap();
    admin.mark_no_show(&no_show).unwrap();
    assert_eq!(admin.reservation_state(&no_show), Some("Canceled"));
    assert!(admin.check_in(&no_show).is_err());

    let missing_notes = env
        .call("reservations/cancel", json!({ "ReservationIds": [plain] }))
        .await;
    assert_eq!(missing_notes.status, StatusCode::BAD_REQUEST);
    assert_eq!(missing_notes.message(), "Invalid Notes.");

    env.clock.advance(chrono::Duration::minutes(10));
    let ok = env
        .call(
            "reservations/cancel",
            json!({ "ReservationIds": [plain], "Notes": "guest", "PostCancellationFee": false }),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    let read = env.read(&plain).await;
    assert_eq!(read["State"], "Canceled");
    assert_eq!(read["CancelledUtc"], "2026-09-15T08:10:00Z");
    let items = env
        .ok(
            "orderItems/getAll",
            json!({ "ServiceOrderIds": [plain], "Limitation": { "Count": 10 } }),
        )
        .await;
    assert_eq!(items["OrderItems"][0]["AccountingState"], "Canceled");
    assert_eq!(
        items["OrderItems"][0]["CanceledUtc"],
        "2026-09-15T08:10:00Z"
    );

    for id in [&plain, &started, &no_show] {
        let answer = env
            .call(
                "reservations/cancel",
                json!({ "ReservationIds": [id], "Notes": "again" }),
            )
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{id}");
        assert_eq!(answer.message(), "Reservation cannot be canceled.");
    }
    // Still canceled, timestamp unchanged.
    env.clock.advance(chrono::Duration::minutes(10));
    assert_eq!(
        env.read(&plain).await["CancelledUtc"],
        "2026-09-15T08:10:00Z"
    );
    let unknown = env
        .call(
            "reservations/cancel",
            json!({ "ReservationIds": ["nope"], "Notes": "x" }),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn notes_can_be_added_and_updated() {
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
    let added = env
        .ok(
            "serviceOrderNotes/add",
            json!({ "ServiceOrderNotes": [{ "ServiceOrderId": r["Id"], "Text": "Needs a cot" }] }),
        )
        .await;
    let note = &added["ServiceOrderNotes"][0];
    assert_eq!(note["Text"], "Needs a cot");
    env.clock.advance(chrono::Duration::minutes(1));
    let updated = env
        .ok(
            "serviceOrderNotes/update",
            json!({ "ServiceOrderNoteUpdates": [{ "ServiceOrderNoteId": note["Id"], "Text": { "Value": "Needs two cots" } }] }),
        )
        .await;
    assert_eq!(updated["ServiceOrderNotes"][0]["Text"], "Needs two cots");
    assert_eq!(
        updated["ServiceOrderNotes"][0]["UpdatedUtc"],
        "2026-09-15T08:01:00Z"
    );
    let all = env
        .ok(
            "serviceOrderNotes/getAll",
            json!({ "ServiceOrderIds": [r["Id"]], "Limitation": { "Count": 10 } }),
        )
        .await;
    assert_eq!(all["ServiceOrderNotes"].as_array().unwrap().len(), 1);
    assert_eq!(all["ServiceOrderNotes"][0]["Text"], "Needs two cots");
    let bad = env
        .call(
            "serviceOrderNotes/add",
            json!({ "ServiceOrderNotes": [{ "ServiceOrderId": "nope", "Text": "x" }] }),
        )
        .await;
    assert_eq!(bad.message(), "Invalid ServiceOrderId.");

    // Deleting: all or nothing, then the note is gone.
    let unknown = env
        .call(
            "serviceOrderNotes/delete",
            json!({ "ServiceOrderNoteIds": [note["Id"], "nope"] }),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown.message(), "Invalid ServiceOrderNoteIds.");
    let deleted = env
        .ok(
            "serviceOrderNotes/delete",
            json!({ "ServiceOrderNoteIds": [note["Id"]] }),
        )
        .await;
    assert_eq!(deleted, json!({}));
    let all = env
        .ok(
            "serviceOrderNotes/getAll",
            json!({ "ServiceOrderIds": [r["Id"]], "Limitation": { "Count": 10 } }),
        )
        .await;
    assert_eq!(all["ServiceOrderNotes"], json!([]));
}
