//! Paths, envelope, JSON and error bodies.

use mews_sandbox::{CLIENT_TOKEN, berlin, zurich};
use reqwest::StatusCode;
use serde_json::json;

use crate::common::{Env, env};

#[tokio::test]
async fn a_valid_envelope_is_answered_with_a_request_id() {
    let env = env().await;
    let answer = env
        .call("configuration/get", json!({ "SomethingUnknown": 1 }))
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.headers["request-id"],
        "5c4f0a9e-4e90-4000-8000-000000000001"
    );
    assert_eq!(answer.body["Enterprise"]["Id"], berlin::ENTERPRISE_ID);
    let second = env.call("configuration/get", json!({})).await;
    assert_eq!(
        second.headers["request-id"],
        "5c4f0a9e-4e90-4000-8000-000000000002"
    );
}

#[tokio::test]
async fn bad_tokens_are_401_and_a_missing_client_is_400() {
    let env = env().await;
    let base =
        json!({ "ClientToken": CLIENT_TOKEN, "AccessToken": berlin::ACCESS_TOKEN, "Client": "t" });

    let mut no_client_token = base.clone();
    no_client_token
        .as_object_mut()
        .unwrap()
        .remove("ClientToken");
    let answer = env.raw("configuration/get", &no_client_token).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.message(), "Invalid ClientToken.");
    assert_eq!(answer.body["Details"], serde_json::Value::Null);
    assert_eq!(
        answer.body["RequestId"].as_str().unwrap(),
        answer.headers["request-id"].to_str().unwrap()
    );

    let mut wrong_client_token = base.clone();
    wrong_client_token["ClientToken"] = json!("nope");
    let answer = env.raw("configuration/get", &wrong_client_token).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.message(), "Invalid ClientToken.");

    let mut unknown_access = base.clone();
    unknown_access["AccessToken"] = json!("VoiceHiveSandbox-AccessToken-Paris");
    let answer = env.raw("configuration/get", &unknown_access).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.message(), "Invalid AccessToken.");

    let mut no_access = base.clone();
    no_access.as_object_mut().unwrap().remove("AccessToken");
    let answer = env.raw("configuration/get", &no_access).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.message(), "Invalid AccessToken.");

    let mut no_client = base.clone();
    no_client.as_object_mut().unwrap().remove("Client");
    let answer = env.raw("configuration/get", &no_client).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.message(), "Invalid Client.");

    assert_eq!(
        env.raw("configuration/get", &base).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn wrong_paths_and_methods_are_404_with_the_error_body() {
    let env = env().await;
    for operation in [
        "configuration/get/",
        "Configuration/get",
        "reservations/getAll",
        "reservations/getall/2023-06-06",
        "nothing/here",
    ] {
        let answer = env.call(operation, json!({})).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{operation}");
        assert_eq!(answer.message(), "Not Found");
        assert!(answer.headers.contains_key("request-id"));
    }
    let response = env
        .http
        .get(env.url("configuration/get"))
        .send()
        .await
        .unwrap();
    let answer = Env::answer(response).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(answer.body["RequestId"].is_string());
    let response = env
        .http
        .post(format!(
            "{}/api/connector/v2/configuration/get",
            env.sandbox.base_url()
        ))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn malformed_json_is_400_invalid_json() {
    let env = env().await;
    for body in [
        format!(
            r#"{{"ClientToken":"{CLIENT_TOKEN}","AccessToken":"{}","Client":"t",}}"#,
            berlin::ACCESS_TOKEN
        ),
        "not json".to_owned(),
        "[1, 2]".to_owned(),
        String::new(),
    ] {
        let response = env
            .http
            .post(env.url("configuration/get"))
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await
            .unwrap();
        let answer = Env::answer(response).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(answer.message(), "Invalid JSON");
        assert_eq!(answer.body["Details"], serde_json::Value::Null);
    }
}

#[tokio::test]
async fn an_access_token_sees_only_its_enterprise() {
    let env = env().await;
    let config = env
        .call_as(
            zurich::ACCESS_TOKEN,
            "configuration/get",
            json!({ "EnterpriseId": berlin::ENTERPRISE_ID }),
        )
        .await;
    assert_eq!(config.body["Enterprise"]["Id"], zurich::ENTERPRISE_ID);
    assert_eq!(config.body["Enterprise"]["Pricing"], "Net");
    assert_eq!(
        config.body["Enterprise"]["Currencies"][0]["Currency"],
        "CHF"
    );

    let customer = env.customer("ada@example.org", "Lovelace").await;
    let booked = env
        .booked(
            &customer,
            berlin::DOUBLE_CATEGORY_ID,
            (2026, 10, 1),
            (2026, 10, 3),
        )
        .await;
    let id = booked["Id"].as_str().unwrap();
    let from_zurich = env
        .call_as(
            zurich::ACCESS_TOKEN,
            "reservations/getAll/2023-06-06",
            json!({ "ReservationIds": [id], "Limitation": { "Count": 10 } }),
        )
        .await;
    assert_eq!(from_zurich.status, StatusCode::OK);
    assert_eq!(from_zurich.body["Reservations"], json!([]));
    let from_zurich = env
        .call_as(
            zurich::ACCESS_TOKEN,
            "customers/getAll",
            json!({ "CustomerIds": [customer], "Limitation": { "Count": 10 } }),
        )
        .await;
    assert_eq!(from_zurich.body["Customers"], json!([]));
    // A filter naming another enterprise narrows to nothing.
    let filtered = env
        .call(
            "reservations/getAll/2023-06-06",
            json!({ "ReservationIds": [id], "EnterpriseIds": [zurich::ENTERPRISE_ID], "Limitation": { "Count": 10 } }),
        )
        .await;
    assert_eq!(filtered.body["Reservations"], json!([]));
    // Zurich cannot book with Berlin's service.
    let answer = env
        .call_as(
            zurich::ACCESS_TOKEN,
            "reservations/add",
            json!({ "ServiceId": berlin::SERVICE_ID, "Reservations": [] }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.message(), "Invalid ServiceId.");
}
