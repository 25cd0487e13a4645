//! Answers the sandbox never gives (malformed, empty or unusual bodies), from a canned server,
//! and the exact requests the connector sends.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use clock::{SharedClock, SystemClock};
use credentials::oauth2::{ClientCredentials, http_client};
use credentials::{BearerAuth, RefreshPolicy, SecretString, TokenCache};
use pms_apaleo::{ApaleoConfig, ApaleoConnector};
use pms_contract::{
    CommentChange, ContactChange, Email, ErrorKind, Occupancy, OfferRequest, Pii, PmsConnector,
    ReservationChange, ReservationId, ReservationSearch,
};
use pms_http::Unlimited;
use serde_json::{Value, json};

use crate::support::{request, stay};

/// One canned answer: method, path, status, body.
#[derive(Clone)]
struct Canned {
    method: Method,
    path: String,
    status: u16,
    body: String,
}

/// A request the fake received.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) query: String,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<Value>,
}

#[derive(Clone, Default)]
struct State {
    canned: Arc<Mutex<Vec<Canned>>>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

pub(crate) struct Fake {
    state: State,
    base: String,
}

async fn answer(
    axum::extract::State(state): axum::extract::State<State>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_owned();
    if path == "/connect/token" {
        return (
            StatusCode::OK,
            [("content-type", "application/json")],
            r#"{"access_token":"fake-token","token_type":"Bearer","expires_in":3600}"#,
        )
            .into_response();
    }
    state.seen.lock().unwrap().push(Seen {
        method: method.to_string(),
        path: path.clone(),
        query: uri.query().unwrap_or_default().to_owned(),
        headers,
        body: serde_json::from_slice(&body).ok(),
    });
    let canned = state
        .canned
        .lock()
        .unwrap()
        .iter()
        .find(|c| c.method == method && c.path == path)
        .cloned();
    match canned {
        Some(c) => (
            StatusCode::from_u16(c.status).unwrap(),
            [("content-type", "application/json")],
            c.body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

impl Fake {
    pub(crate) async fn start() -> Self {
        let state = State::default();
        let app = Router::new().fallback(answer).with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { state, base }
    }

    /// Answers `method path` with `status` and `body` (first match wins).
    pub(crate) fn on(&self, method: Method, path: &str, status: u16, body: impl Into<String>) {
        self.state.canned.lock().unwrap().push(Canned {
            method,
            path: path.to_owned(),
            status,
            body: body.into(),
        });
    }

    pub(crate) fn on_json(&self, method: Method, path: &str, status: u16, body: Value) {
        self.on(method, path, status, body.to_string());
    }

    pub(crate) fn seen(&self) -> Vec<Seen> {
        self.state.seen.lock().unwrap().clone()
    }

    pub(crate) fn connector(&self, property: &str) -> ApaleoConnector {
        let clock: SharedClock = Arc::new(SystemClock);
        let config = ApaleoConfig::new(property)
            .with_api_base(self.base.clone())
            .with_identity_base(self.base.clone());
        let fetcher = ClientCredentials::new(
            &config.token_url(),
            "id",
            SecretString::from("secret"),
            http_client(std::time::Duration::from_secs(5)).unwrap(),
        )
        .unwrap();
        let tokens = TokenCache::new(
            "apaleo",
            Arc::new(fetcher),
            clock.clone(),
            RefreshPolicy::default(),
        );
        ApaleoConnector::new(
            config,
            Arc::new(BearerAuth::new(tokens)),
            Arc::new(Unlimited),
            clock,
        )
        .unwrap()
    }
}

fn property_json() -> Value {
    json!({"id": "MUC", "name": {"en": "Hotel Munich"}, "timeZone": "Europe/Berlin",
           "currencyCode": "EUR", "location": {"countryCode": "DE"}})
}

fn reservation_json(id: &str) -> Value {
    json!({
        "id": id, "bookingId": "XPGMSXGF", "status": "Confirmed",
        "property": {"id": "MUC"},
        "ratePlan": {"id": "MUC-FLEX-DBL"}, "unitGroup": {"id": "MUC-DBL"},
        "totalGrossAmount": {"amount": 99.99, "currency": "EUR"},
        "arrival": "2027-02-01T17:00:00+01:00", "departure": "2027-02-04T11:00:00+01:00",
        "created": "2027-01-04T10:00:00.1234567+01:00",
        "modified": "2027-01-04T10:00:00.1234567+01:00",
        "adults": 2, "childrenAges": [],
        "externalCode": "VHX",
        "guaranteeType": "PM6Hold",
        "cancellationFee": {"dueDateTime": "2027-01-31T18:00:00+01:00",
                            "fee": {"amount": 33.33, "currency": "EUR"}},
        "primaryGuest": {"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.org",
                         "title": "Ms", "birthDate": "1815-12-10"}
    })
}

#[tokio::test]
async fn property_without_rate_plans_uses_default_times_and_a_rate_plan_failure_fails_it() {
    let fake = Fake::start().await;
    fake.on_json(
        Method::GET,
        "/inventory/v1/properties/MUC",
        200,
        property_json(),
    );
    fake.on(Method::GET, "/rateplan/v1/rate-plans", 204, "");
    let connector = fake.connector("MUC");
    let property = connector.property().await.unwrap();
    assert_eq!(property.name, "Hotel Munich");
    assert_eq!(property.check_in_time.to_string(), "15:00:00");
    let seen = fake.seen();
    assert_eq!(
        seen[1].query,
        "propertyId=MUC&timeSliceTemplate=OverNight&pageNumber=1&pageSize=1"
    );

    let fake = Fake::start().await;
    fake.on_json(
        Method::GET,
        "/inventory/v1/properties/MUC",
        200,
        property_json(),
    );
    fake.on(Method::GET, "/rateplan/v1/rate-plans", 500, "");
    let err = fake.connector("MUC").property().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Unavailable);

    let fake = Fake::start().await;
    let mut broken = property_json();
    broken["currencyCode"] = json!("EURO");
    fake.on_json(Method::GET, "/inventory/v1/properties/MUC", 200, broken);
    fake.on(Method::GET, "/rateplan/v1/rate-plans", 204, "");
    let err = fake.connector("MUC").property().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Protocol);
    assert_eq!(
        err.context().operation,
        Some(pms_contract::Operation::Property)
    );
}

#[tokio::test]
async fn malformed_and_empty_bodies_are_protocol_errors() {
    let fake = Fake::start().await;
    fake.on(
        Method::GET,
        "/inventory/v1/properties/MUC",
        200,
        "{not json",
    );
    fake.on(Method::GET, "/booking/v1/reservations/R-1", 204, "");
    fake.on_json(
        Method::GET,
        "/inventory/v1/unit-groups",
        200,
        json!({"unitGroups": [{"id": "MUC-DBL", "name": "Double", "maxPersons": 0}], "count": 1}),
    );
    fake.on_json(
        Method::GET,
        "/availability/v1/unit-groups",
        200,
        json!({"timeSlices": [{"from": "garbage", "unitGroups": []}], "count": 1}),
    );
    fake.on_json(
        Method::GET,
        "/booking/v1/offers",
        200,
        json!({"offers": [{"unitGroup": {"id": "MUC-DBL"}, "ratePlan": {"id": "MUC-FLEX-DBL"},
            "minGuaranteeType": "PM6Hold", "availableUnits": 1,
            "totalGrossAmount": {"amount": 10, "currency": "EUR"},
            "cancellationFee": {"dueDateTime": "2027-01-31T18:00:00+01:00",
                                "fee": {"amount": 10, "currency": "EUR"}},
            "timeSlices": []}]}),
    );
    let connector = fake.connector("MUC");
    let err = connector.health().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Protocol);
    assert!(err.message().contains("syntax error"), "{err}");
    let id = ReservationId::new("R-1").unwrap();
    let err = connector.get_reservation(&id).await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Protocol);
    assert_eq!(
        err.message(),
        "/booking/v1/reservations/{id} answered without a body"
    );
    let err = connector.room_types().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Protocol);
    let s = stay("2027-02-01", "2027-02-03");
    let err = connector.availability(&s).await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Protocol);
    let err = connector
        .offers(&OfferRequest {
            stay: s,
            occupancy: Occupancy::new(1, vec![2, 9]).unwrap(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Protocol);
    let offers = fake
        .seen()
        .into_iter()
        .find(|s| s.path == "/booking/v1/offers")
        .unwrap();
    assert_eq!(
        offers.query,
        "propertyId=MUC&arrival=2027-02-01&departure=2027-02-03&adults=1&channelCode=Direct\
         &unitGroupTypes=BedRoom&childrenAges=2%2C9"
    );
}

#[tokio::test]
async fn an_endless_list_is_cut_off() {
    let fake = Fake::start().await;
    let page: Vec<Value> = vec![json!({"id": "MUC-DBL", "name": "Double", "maxPersons": 2})];
    fake.on_json(
        Method::GET,
        "/inventory/v1/unit-groups",
        200,
        json!({ "unitGroups": page }),
    );
    let connector = fake.connector("MUC").with_page_size(1);
    let err = connector.room_types().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Protocol);
    assert_eq!(
        err.message(),
        "/inventory/v1/unit-groups has more than 1000 pages"
    );
}

#[tokio::test]
async fn a_search_without_a_count_stops_after_the_page_cap() {
    let fake = Fake::start().await;
    // Every page is full and no count says where the list ends.
    fake.on_json(
        Method::GET,
        "/booking/v1/reservations",
        200,
        json!({ "reservations": [reservation_json("XPGMSXGF-1")] }),
    );
    let connector = fake.connector("MUC").with_page_size(1);
    let err = connector
        .search_reservations(&ReservationSearch::Phone(
            pms_contract::PhoneNumber::new("+44 7700 900123").unwrap(),
        ))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::TooBroad, "{err}");
    assert_eq!(
        err.message(),
        format!(
            "the search matches more than {cap} reservations, more than one search may read \
             ({pages} pages of 1); narrow it: a confirmation code, an e-mail address, or a last \
             name with the arrival date",
            cap = pms_apaleo::MAX_SEARCH_PAGES,
            pages = pms_apaleo::MAX_SEARCH_PAGES,
        )
    );
    let pages: Vec<String> = fake
        .seen()
        .iter()
        .filter(|s| s.path == "/booking/v1/reservations")
        .map(|s| s.query.clone())
        .collect();
    assert_eq!(pages.len(), pms_apaleo::MAX_SEARCH_PAGES as usize);
    assert!(
        pages
            .last()
            .unwrap()
            .contains(&format!("pageNumber={}", pms_apaleo::MAX_SEARCH_PAGES)),
        "{pages:?}"
    );
}

#[tokio::test]
async fn create_sends_one_booking_with_key_external_code_and_a_slice_per_night() {
    let fake = Fake::start().await;
    fake.on_json(
        Method::POST,
        "/booking/v1/bookings",
        201,
        json!({"id": "XPGMSXGF", "reservationIds": [{"id": "XPGMSXGF-1"}]}),
    );
    fake.on_json(
        Method::GET,
        "/booking/v1/reservations/XPGMSXGF-1",
        200,
        reservation_json("XPGMSXGF-1"),
    );
    let connector = fake.connector("MUC");
    let mut new = request(
        stay("2027-02-01", "2027-02-04"),
        "MUC-DBL",
        "MUC-FLEX-DBL",
        1,
    );
    new.comment = Some(Pii::new("Quiet".to_owned()));
    let created = connector.create_reservation(&new).await.unwrap();
    assert_eq!(created.total.amount().to_string(), "99.99");
    let post = &fake.seen()[0];
    assert_eq!(post.method, "POST");
    assert_eq!(
        post.headers.get("idempotency-key").unwrap(),
        new.idempotency_key.as_str()
    );
    let guest = json!({"firstName": "Ada1", "lastName": "Lovelace1",
                       "email": "ada1@example.org", "phone": "+447700900001",
                       "preferredLanguage": "en"});
    let slice = json!({"ratePlanId": "MUC-FLEX-DBL"});
    assert_eq!(
        post.body.clone().unwrap(),
        json!({
            "booker": guest,
            "reservations": [{
                "arrival": "2027-02-01", "departure": "2027-02-04", "adults": 2,
                "channelCode": "Direct", "primaryGuest": guest,
                "timeSlices": [slice, slice, slice],
                "externalCode": "VH8C04F94F7E389F5D7E7799FB95E9A8BE",
                "comment": "Quiet"
            }]
        })
    );
    let get = &fake.seen()[1];
    assert_eq!(get.query, "expand=timeSlices");
}

#[tokio::test]
async fn create_edge_cases() {
    let fake = Fake::start().await;
    fake.on_json(
        Method::POST,
        "/booking/v1/bookings",
        201,
        json!({"id": "XPGMSXGF", "reservationIds": []}),
    );
    fake.on_json(
        Method::GET,
        "/rateplan/v1/rate-plans/SPECIAL",
        200,
        json!({"id": "SPECIAL", "property": {"id": "MUC"}, "unitGroup": {"id": "MUC-DBL"}}),
    );
    fake.on_json(
        Method::GET,
        "/rateplan/v1/rate-plans/ORPHAN",
        200,
        json!({"id": "ORPHAN"}),
    );
    let connector = fake.connector("MUC");
    let s = stay("2027-02-01", "2027-02-03");
    // A rate plan outside the id scheme, looked up: it sells the room type.
    let err = connector
        .create_reservation(&request(s, "MUC-DBL", "SPECIAL", 1))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Protocol);
    assert_eq!(err.message(), "the booking has no reservation");
    let err = connector
        .create_reservation(&request(s, "MUC-DBL", "ORPHAN", 1))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Protocol);
    assert_eq!(err.message(), "rate plan ORPHAN has no unit group");
}

#[tokio::test]
async fn guests_without_usable_data_are_skipped_or_refused() {
    let fake = Fake::start().await;
    let mut nameless = reservation_json("R-1");
    nameless["primaryGuest"] = Value::Null;
    let list = json!({"reservations": [nameless, reservation_json("R-2")], "count": 2});
    fake.on_json(Method::GET, "/booking/v1/reservations", 200, list);
    let mut no_guest = reservation_json("R-3");
    no_guest["primaryGuest"] = json!("not an object");
    fake.on_json(Method::GET, "/booking/v1/reservations/R-3", 200, no_guest);
    let connector = fake.connector("MUC");
    let found = connector
        .search_reservations(&ReservationSearch::LastName {
            last_name: Pii::new("Lovelace".to_owned()),
            arrival: None,
        })
        .await
        .unwrap();
    let ids: Vec<_> = found.iter().map(|r| r.id.to_string()).collect();
    assert_eq!(ids, ["R-2"]);
    let search = fake.seen().pop().unwrap();
    assert_eq!(
        search.query,
        "propertyIds=MUC&textSearch=Lovelace&pageNumber=1&pageSize=500"
    );
    let email = connector
        .search_reservations(&ReservationSearch::Email(
            Email::new("ada@example.org").unwrap(),
        ))
        .await
        .unwrap();
    assert_eq!(email.len(), 1);
    let change = ReservationChange {
        contact: Some(ContactChange {
            email: Some(Email::new("new@example.org").unwrap()),
            ..ContactChange::default()
        }),
        ..ReservationChange::default()
    };
    let err = connector
        .modify_reservation(&ReservationId::new("R-3").unwrap(), &change)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Protocol);
}

#[tokio::test]
async fn a_contact_change_replaces_the_whole_guest_keeping_apaleo_s_other_fields() {
    let fake = Fake::start().await;
    fake.on_json(
        Method::GET,
        "/booking/v1/reservations/R-1",
        200,
        reservation_json("R-1"),
    );
    fake.on(Method::PATCH, "/booking/v1/reservations/R-1", 204, "");
    let connector = fake.connector("MUC");
    let change = ReservationChange {
        contact: Some(ContactChange {
            email: Some(Email::new("new@example.org").unwrap()),
            ..ContactChange::default()
        }),
        comment: CommentChange::Set(Pii::new("Late".to_owned())),
        ..ReservationChange::default()
    };
    connector
        .modify_reservation(&ReservationId::new("R-1").unwrap(), &change)
        .await
        .unwrap();
    let patch = fake
        .seen()
        .into_iter()
        .find(|s| s.method == "PATCH")
        .unwrap();
    assert_eq!(
        patch.body.unwrap(),
        json!([
            {"op": "replace", "path": "/primaryGuest", "value": {
                "firstName": "Ada", "lastName": "Lovelace", "email": "new@example.org",
                "title": "Ms", "birthDate": "1815-12-10"}},
            {"op": "add", "path": "/comment", "value": "Late"}
        ])
    );
}

#[tokio::test]
async fn vendor_refusals_are_classified_and_other_failures_pass_through() {
    let fake = Fake::start().await;
    fake.on_json(
        Method::GET,
        "/booking/v1/reservations/R-1",
        200,
        reservation_json("R-1"),
    );
    // Cancelled by someone else after our read: Apaleo's status refusal is an invalid state.
    fake.on_json(
        Method::PUT,
        "/booking/v1/reservation-actions/R-1/amend",
        422,
        json!({"messages": ["The reservation 'R-1' cannot be amended because it is in status 'Canceled'."]}),
    );
    fake.on(Method::GET, "/rateplan/v1/rate-plans/SPECIAL", 500, "");
    fake.on(Method::GET, "/booking/v1/reservations", 204, "");
    fake.on(Method::GET, "/booking/v1/reservations/XPGMSXGF-9", 503, "");
    let connector = fake.connector("MUC");
    let id = ReservationId::new("R-1").unwrap();
    let change = ReservationChange {
        stay: Some(stay("2027-02-01", "2027-02-05")),
        ..ReservationChange::default()
    };
    let err = connector
        .modify_reservation(&id, &change)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidState);
    assert_eq!(err.context().http_status, Some(422));
    assert_eq!(
        err.message(),
        "vendor rejected the request as invalid (HTTP 422): not allowed in the reservation's status"
    );
    let change = ReservationChange {
        rate_plan: Some(pms_contract::RatePlanId::new("SPECIAL").unwrap()),
        ..ReservationChange::default()
    };
    let err = connector
        .modify_reservation(&id, &change)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Unavailable);
    let err = connector
        .search_reservations(&ReservationSearch::ConfirmationCode(
            pms_contract::ConfirmationCode::new("XPGMSXGF-9").unwrap(),
        ))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Unavailable);
}

#[tokio::test]
async fn a_failure_after_the_amend_reports_the_stay_as_it_now_is() {
    let fake = Fake::start().await;
    fake.on_json(
        Method::GET,
        "/booking/v1/reservations/R-1",
        200,
        reservation_json("R-1"),
    );
    fake.on(
        Method::PUT,
        "/booking/v1/reservation-actions/R-1/amend",
        204,
        "",
    );
    fake.on(Method::PATCH, "/booking/v1/reservations/R-1", 503, "");
    let connector = fake.connector("MUC");
    let change = ReservationChange {
        occupancy: Some(Occupancy::new(3, vec![]).unwrap()),
        comment: CommentChange::Set(Pii::new("Late arrival, Lovelace".to_owned())),
        ..ReservationChange::default()
    };
    let err = connector
        .modify_reservation(&ReservationId::new("R-1").unwrap(), &change)
        .await
        .unwrap_err();
    assert!(
        fake.seen().iter().any(|s| s.method == "PUT"),
        "the amend ran"
    );
    assert_eq!(err.kind(), &ErrorKind::Unavailable, "{err}");
    // The stay as Apaleo holds it after the amend (the fake's reservation), not as it was
    // asked for, and no guest data.
    assert!(
        err.message().starts_with(
            "the stay change was applied: reservation R-1 is now 2027-02-01 to 2027-02-04, \
             2 adult(s), 0 child(ren), room type MUC-DBL, rate plan MUC-FLEX-DBL; \
             the guest change failed: "
        ),
        "{err}"
    );
    assert!(!err.message().contains("Lovelace"), "{err}");
}
