//! Guest profiles.

use mews_sandbox::berlin;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::env;

#[tokio::test]
async fn language_and_nationality_are_kept_and_the_first_name_is_optional() {
    let env = env().await;
    let created = env
        .ok(
            "customers/add",
            json!({ "LastName": "Carbone", "PreferredLanguageCode": "it-IT", "NationalityCode": "it" }),
        )
        .await;
    assert_eq!(created["FirstName"], Value::Null);
    assert_eq!(created["PreferredLanguageCode"], "it-IT");
    assert_eq!(created["NationalityCode"], "IT");
    let updated = env
        .ok(
            "customers/update",
            json!({ "CustomerId": created["Id"], "PreferredLanguageCode": "de-CH" }),
        )
        .await;
    assert_eq!(updated["PreferredLanguageCode"], "de-CH");
    assert_eq!(updated["NationalityCode"], "IT");
    let read = env
        .ok(
            "customers/getAll",
            json!({ "CustomerIds": [created["Id"]], "Extent": { "Customers": true }, "Limitation": { "Count": 10 } }),
        )
        .await;
    assert_eq!(read["Customers"][0]["PreferredLanguageCode"], "de-CH");
}

#[tokio::test]
async fn add_returns_the_customer_and_rejects_duplicate_emails() {
    let env = env().await;
    let created = env
        .ok(
            "customers/add",
            json!({ "FirstName": "Ada", "LastName": "Lovelace", "Email": "Ada@Example.org", "Phone": "+44 20 7946 0000", "ChainId": berlin::CHAIN_ID }),
        )
        .await;
    assert_eq!(created["Id"], "5c4f0a9e-c057-4000-8000-000000000001");
    assert_eq!(created["Number"], "1001");
    assert_eq!(created["ChainId"], berlin::CHAIN_ID);
    assert_eq!(created["Email"], "Ada@Example.org");
    assert_eq!(created["Phone"], "+44 20 7946 0000");
    assert_eq!(created["CreatedUtc"], "2026-09-15T08:00:00Z");
    assert_eq!(created["ActivityState"], "Active");

    let duplicate = env
        .call(
            "customers/add",
            json!({ "FirstName": "Eve", "LastName": "Mallory", "Email": "ada@example.ORG" }),
        )
        .await;
    assert_eq!(duplicate.status, StatusCode::FORBIDDEN);
    assert_eq!(
        duplicate.message(),
        "Customer with the same email already exists."
    );

    env.clock.advance(chrono::Duration::minutes(5));
    let overwritten = env
        .ok(
            "customers/add",
            json!({ "FirstName": "Augusta", "LastName": "King", "Email": "ada@example.org", "OverwriteExisting": true }),
        )
        .await;
    assert_eq!(overwritten["Id"], created["Id"]);
    assert_eq!(overwritten["FirstName"], "Augusta");
    assert_eq!(overwritten["LastName"], "King");
    assert_eq!(overwritten["UpdatedUtc"], "2026-09-15T08:05:00Z");
    assert_eq!(env.sandbox.admin().customer_count(berlin::ENTERPRISE_ID), 1);

    // The same e-mail is free in the other chain.
    let zurich = env
        .call_as(
            mews_sandbox::zurich::ACCESS_TOKEN,
            "customers/add",
            json!({ "FirstName": "Ada", "LastName": "Lovelace", "Email": "ada@example.org" }),
        )
        .await;
    assert_eq!(zurich.status, StatusCode::OK);

    for (body, message) in [
        (json!({ "FirstName": "Ada" }), "Invalid LastName."),
        (
            json!({ "FirstName": "A", "LastName": "B", "Email": "not-an-email" }),
            "Invalid Email.",
        ),
        (
            json!({ "LastName": "B", "PreferredLanguageCode": "english please" }),
            "Invalid PreferredLanguageCode.",
        ),
        (
            json!({ "LastName": "B", "NationalityCode": "DEU" }),
            "Invalid NationalityCode.",
        ),
    ] {
        let answer = env.call("customers/add", body).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert_eq!(answer.message(), message);
    }
}

#[tokio::test]
async fn get_all_needs_a_filter_and_matches_exactly_ignoring_case() {
    let env = env().await;
    let ada = env.customer("ada@example.org", "Lovelace").await;
    let grace = env.customer("grace@example.org", "Hopper").await;
    let _other = env
        .customer("lovelace2@example.org", "Lovelace-Byron")
        .await;

    let none = env
        .call("customers/getAll", json!({ "Limitation": { "Count": 10 } }))
        .await;
    assert_eq!(none.status, StatusCode::BAD_REQUEST);

    let by_email = env
        .ok(
            "customers/getAll",
            json!({ "Emails": ["GRACE@example.org"], "Extent": { "Customers": true }, "Limitation": { "Count": 10 } }),
        )
        .await;
    let ids: Vec<&Value> = by_email["Customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["Id"])
        .collect();
    assert_eq!(ids, vec![&json!(grace)]);

    let by_name = env
        .ok(
            "customers/getAll",
            json!({ "LastNames": ["lovelace"], "Limitation": { "Count": 10 } }),
        )
        .await;
    let ids: Vec<&Value> = by_name["Customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["Id"])
        .collect();
    assert_eq!(ids, vec![&json!(ada)], "exact match only");

    // Newest first, paged.
    let page = env
        .ok(
            "customers/getAll",
            json!({ "CreatedUtc": { "StartUtc": "2026-09-15T00:00:00Z", "EndUtc": "2026-09-16T00:00:00Z" }, "Limitation": { "Count": 2 } }),
        )
        .await;
    let customers = page["Customers"].as_array().unwrap();
    assert_eq!(customers.len(), 2);
    assert_eq!(customers[1]["Id"], json!(grace));
    assert_eq!(page["Cursor"], json!(grace));
    let rest = env
        .ok(
            "customers/getAll",
            json!({ "CreatedUtc": { "StartUtc": "2026-09-15T00:00:00Z", "EndUtc": "2026-09-16T00:00:00Z" }, "Limitation": { "Count": 2, "Cursor": grace } }),
        )
        .await;
    assert_eq!(rest["Customers"][0]["Id"], json!(ada));

    let too_long = env
        .call(
            "customers/getAll",
            json!({ "CreatedUtc": { "StartUtc": "2026-01-01T00:00:00Z", "EndUtc": "2026-06-01T00:00:00Z" }, "Limitation": { "Count": 2 } }),
        )
        .await;
    assert_eq!(too_long.status, StatusCode::BAD_REQUEST);
    assert_eq!(too_long.message(), "Invalid CreatedUtc.");
}

#[tokio::test]
async fn update_keeps_absent_values_and_guards_emails() {
    let env = env().await;
    let ada = env.customer("ada@example.org", "Lovelace").await;
    let _grace = env.customer("grace@example.org", "Hopper").await;
    let updated = env
        .ok(
            "customers/update",
            json!({ "CustomerId": ada, "Phone": "+49 30 123", "FirstName": "", "LastName": null }),
        )
        .await;
    assert_eq!(updated["Phone"], "+49 30 123");
    assert_eq!(updated["FirstName"], "Ada");
    assert_eq!(updated["LastName"], "Lovelace");
    assert_eq!(updated["Email"], "ada@example.org");

    let taken = env
        .call(
            "customers/update",
            json!({ "CustomerId": ada, "Email": "Grace@example.org" }),
        )
        .await;
    assert_eq!(taken.status, StatusCode::FORBIDDEN);
    let moved = env
        .ok(
            "customers/update",
            json!({ "CustomerId": ada, "Email": "ada@new.example" }),
        )
        .await;
    assert_eq!(moved["Email"], "ada@new.example");

    let unknown = env
        .call(
            "customers/update",
            json!({ "CustomerId": "5c4f0a9e-c057-4000-8000-000000000999" }),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown.message(), "Invalid CustomerId.");
}
