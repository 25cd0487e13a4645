//! Shared helpers.

use std::sync::Arc;

use apaleo_sandbox::{ApaleoSandbox, RunningSandbox, SandboxConfig};
use chrono::{DateTime, TimeZone, Utc};
use clock::ManualClock;
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

/// 2026-09-15 10:00 in Berlin (a Tuesday).
pub(crate) fn start_instant() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 9, 15, 8, 0, 0).unwrap()
}

pub(crate) struct Env {
    pub(crate) sandbox: RunningSandbox,
    pub(crate) clock: ManualClock,
    pub(crate) http: reqwest::Client,
    pub(crate) token: String,
}

pub(crate) fn config(clock: &ManualClock, seed: u64) -> SandboxConfig {
    SandboxConfig {
        seed,
        clock: Arc::new(clock.clone()),
        ..SandboxConfig::default()
    }
}

pub(crate) async fn env() -> Env {
    env_with(42, start_instant(), |s| s).await
}

pub(crate) async fn env_with(
    seed: u64,
    start: DateTime<Utc>,
    customize: impl FnOnce(ApaleoSandbox) -> ApaleoSandbox,
) -> Env {
    let clock = ManualClock::new(start);
    let sandbox = customize(ApaleoSandbox::new(config(&clock, seed)));
    let sandbox = sandbox.start("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let http = reqwest::Client::new();
    let mut env = Env {
        sandbox,
        clock,
        http,
        token: String::new(),
    };
    env.token = env.fetch_token().await;
    env
}

impl Env {
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.base_url())
    }

    pub(crate) async fn token_request(&self, id: &str, secret: &str) -> Response {
        self.http
            .post(format!("{}/connect/token", self.sandbox.identity_url()))
            .basic_auth(id, Some(secret))
            .form(&[("grant_type", "client_credentials")])
            .send()
            .await
            .unwrap()
    }

    pub(crate) async fn token_for(&self, id: &str, secret: &str) -> String {
        let response = self.token_request(id, secret).await;
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = response.json().await.unwrap();
        body["access_token"].as_str().unwrap().to_owned()
    }

    pub(crate) async fn fetch_token(&self) -> String {
        let (id, secret) = (
            self.sandbox.client_id().to_owned(),
            self.sandbox.client_secret().to_owned(),
        );
        self.token_for(&id, &secret).await
    }

    pub(crate) async fn get(&self, path: &str, query: &[(&str, &str)]) -> Response {
        self.http
            .get(self.url(path))
            .bearer_auth(&self.token)
            .query(query)
            .send()
            .await
            .unwrap()
    }

    pub(crate) async fn get_json(&self, path: &str, query: &[(&str, &str)]) -> Value {
        let response = self.get(path, query).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path} {query:?}");
        response.json().await.unwrap()
    }

    pub(crate) async fn post_booking(&self, body: &Value, key: Option<&str>) -> Response {
        let mut request = self
            .http
            .post(self.url("/booking/v1/bookings"))
            .bearer_auth(&self.token)
            .json(body);
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        request.send().await.unwrap()
    }

    /// Books and returns (booking id, reservation id).
    pub(crate) async fn book(&self, body: &Value) -> (String, String) {
        let response = self.post_booking(body, None).await;
        let status = response.status();
        let json: Value = response.json().await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "{json}");
        (
            json["id"].as_str().unwrap().to_owned(),
            json["reservationIds"][0]["id"].as_str().unwrap().to_owned(),
        )
    }

    pub(crate) async fn put(&self, path: &str, body: Option<&Value>) -> Response {
        let mut request = self.http.put(self.url(path)).bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(body);
        }
        request.send().await.unwrap()
    }

    pub(crate) async fn patch(&self, path: &str, body: &Value) -> Response {
        self.http
            .patch(self.url(path))
            .bearer_auth(&self.token)
            .header("content-type", "application/json-patch+json")
            .body(body.to_string())
            .send()
            .await
            .unwrap()
    }
}

/// A booking body with one reservation of `nights` nights on one rate plan.
pub(crate) fn booking(
    rate_plan: &str,
    arrival: &str,
    departure: &str,
    nights: usize,
    adults: u32,
) -> Value {
    json!({
        "booker": { "firstName": "Jane", "lastName": "Doe", "email": "jane.doe@example.com", "phone": "+49301234567" },
        "reservations": [{
            "arrival": arrival,
            "departure": departure,
            "adults": adults,
            "channelCode": "Direct",
            "primaryGuest": {
                "firstName": "Jane",
                "lastName": "Doe",
                "email": "jane.doe@example.com",
                "phone": "+49301234567",
                "preferredLanguage": "en",
                "address": { "countryCode": "GB" }
            },
            "timeSlices": vec![json!({ "ratePlanId": rate_plan }); nights],
        }]
    })
}

pub(crate) async fn messages(response: Response) -> Vec<String> {
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap().to_owned())
        .collect()
}

/// The sold count of a unit group for one night.
pub(crate) async fn sold(env: &Env, property: &str, unit_group: &str, night: &str) -> (u64, u64) {
    let body = env
        .get_json(
            "/availability/v1/unit-groups",
            &[("propertyId", property), ("from", night), ("to", night)],
        )
        .await;
    let group = body["timeSlices"][0]["unitGroups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["unitGroup"]["id"] == unit_group)
        .unwrap()
        .clone();
    (
        group["soldCount"].as_u64().unwrap(),
        group["sellableCount"].as_u64().unwrap(),
    )
}
