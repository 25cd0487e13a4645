//! Shared helpers.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use clock::ManualClock;
use mews_sandbox::{CLIENT_TOKEN, MewsSandbox, MewsSandboxConfig, RunningMewsSandbox, berlin};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

/// 2026-09-15 10:00 in Berlin (a Tuesday).
pub(crate) fn start_instant() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 9, 15, 8, 0, 0).unwrap()
}

pub(crate) struct Env {
    pub(crate) sandbox: RunningMewsSandbox,
    pub(crate) clock: ManualClock,
    pub(crate) http: reqwest::Client,
}

/// One answer.
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Value,
}

impl Answer {
    pub(crate) fn message(&self) -> &str {
        self.body["Message"].as_str().unwrap_or_default()
    }
}

pub(crate) async fn env() -> Env {
    env_with(|c| c).await
}

pub(crate) async fn env_with(
    customize: impl FnOnce(MewsSandboxConfig) -> MewsSandboxConfig,
) -> Env {
    let clock = ManualClock::new(start_instant());
    let config = customize(MewsSandboxConfig {
        clock: Arc::new(clock.clone()),
        ..MewsSandboxConfig::default()
    });
    let sandbox = MewsSandbox::new(config)
        .start("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    Env {
        sandbox,
        clock,
        http: reqwest::Client::new(),
    }
}

/// The UTC instant of Berlin midnight on a date.
pub(crate) fn berlin_midnight(y: i32, m: u32, d: u32) -> String {
    midnight(chrono_tz::Europe::Berlin, y, m, d)
}

pub(crate) fn midnight(tz: chrono_tz::Tz, y: i32, m: u32, d: u32) -> String {
    let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
    tz.from_local_datetime(&date.and_hms_opt(0, 0, 0).unwrap())
        .unwrap()
        .with_timezone(&Utc)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

impl Env {
    pub(crate) fn url(&self, operation: &str) -> String {
        format!("{}/api/connector/v1/{operation}", self.sandbox.base_url())
    }

    pub(crate) async fn answer(response: reqwest::Response) -> Answer {
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap()
        };
        Answer {
            status,
            headers,
            body,
        }
    }

    /// POSTs `body` as is.
    pub(crate) async fn raw(&self, operation: &str, body: &Value) -> Answer {
        let response = self
            .http
            .post(self.url(operation))
            .json(body)
            .send()
            .await
            .unwrap();
        Self::answer(response).await
    }

    /// POSTs `body` with the envelope of `access_token`.
    pub(crate) async fn call_as(&self, access_token: &str, operation: &str, body: Value) -> Answer {
        let mut body = body;
        let map = body.as_object_mut().unwrap();
        map.insert("ClientToken".into(), json!(CLIENT_TOKEN));
        map.insert("AccessToken".into(), json!(access_token));
        map.insert("Client".into(), json!("VoiceHive Tests 1.0"));
        self.raw(operation, &body).await
    }

    /// POSTs `body` with the Berlin envelope.
    pub(crate) async fn call(&self, operation: &str, body: Value) -> Answer {
        self.call_as(berlin::ACCESS_TOKEN, operation, body).await
    }

    /// Calls and asserts 200.
    pub(crate) async fn ok(&self, operation: &str, body: Value) -> Value {
        let answer = self.call(operation, body).await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "{operation}: {}",
            answer.body
        );
        answer.body
    }

    /// A Berlin customer; returns its id.
    pub(crate) async fn customer(&self, email: &str, last_name: &str) -> String {
        let body = self
            .ok(
                "customers/add",
                json!({ "FirstName": "Ada", "LastName": last_name, "Email": email }),
            )
            .await;
        body["Id"].as_str().unwrap().to_owned()
    }

    /// `reservations/add` of one Berlin reservation (arrival, departure as (y, m, d)).
    pub(crate) async fn book(
        &self,
        customer: &str,
        category: &str,
        arrival: (i32, u32, u32),
        departure: (i32, u32, u32),
        extra: Value,
    ) -> Answer {
        let mut reservation = json!({
            "Identifier": "r1",
            "StartUtc": berlin_midnight(arrival.0, arrival.1, arrival.2),
            "EndUtc": berlin_midnight(departure.0, departure.1, departure.2),
            "CustomerId": customer,
            "RequestedCategoryId": category,
            "RateId": berlin::FLEXIBLE_RATE_ID,
            "PersonCounts": [{ "AgeCategoryId": berlin::ADULT_AGE_CATEGORY_ID, "Count": 2 }],
        });
        for (k, v) in extra.as_object().unwrap() {
            reservation[k] = v.clone();
        }
        self.call(
            "reservations/add",
            json!({ "ServiceId": berlin::SERVICE_ID, "Reservations": [reservation] }),
        )
        .await
    }

    /// Books and returns the legacy reservation object.
    pub(crate) async fn booked(
        &self,
        customer: &str,
        category: &str,
        arrival: (i32, u32, u32),
        departure: (i32, u32, u32),
    ) -> Value {
        let answer = self
            .book(customer, category, arrival, departure, json!({}))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        answer.body["Reservations"][0]["Reservation"].clone()
    }

    /// Legacy availability of one category on the Berlin nights `first..=last`.
    pub(crate) async fn availability(
        &self,
        category: &str,
        first: (i32, u32, u32),
        last: (i32, u32, u32),
    ) -> Vec<i64> {
        let body = self
            .ok(
                "services/getAvailability",
                json!({
                    "ServiceId": berlin::SERVICE_ID,
                    "FirstTimeUnitStartUtc": berlin_midnight(first.0, first.1, first.2),
                    "LastTimeUnitStartUtc": berlin_midnight(last.0, last.1, last.2),
                }),
            )
            .await;
        let entry = body["CategoryAvailabilities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["CategoryId"] == category)
            .unwrap()
            .clone();
        entry["Availabilities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_i64().unwrap())
            .collect()
    }

    /// One reservation through getAll (2023 shape).
    pub(crate) async fn read(&self, id: &str) -> Value {
        let body = self
            .ok(
                "reservations/getAll/2023-06-06",
                json!({ "ReservationIds": [id], "Limitation": { "Count": 10 } }),
            )
            .await;
        assert_eq!(body["Reservations"].as_array().unwrap().len(), 1);
        body["Reservations"][0].clone()
    }
}
