//! The booking lifecycle, tenancy, scopes, idempotency and errors, on SQLite and PostgreSQL.

use gateway::{EmbeddedSandbox, Store};
use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::*;

/// Every scenario against one gateway.
pub(crate) async fn all_scenarios(gw: &TestGateway, tag: &str) {
    lifecycle(gw, tag).await;
    isolation_and_scopes(gw).await;
    idempotency(gw, tag).await;
    error_mapping(gw).await;
}

async fn lifecycle(gw: &TestGateway, tag: &str) {
    let hotels: Value = gw.get("/v1/hotels", ACME_RW).await.json().await.unwrap();
    assert_eq!(hotels, json!([{ "id": "BER", "vendor": "apaleo" }]));

    let hotel: Value = gw
        .get("/v1/hotels/BER", ACME_RW)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(hotel["property"]["currency"], "EUR");
    assert!(
        hotel["capabilities"]
            .as_array()
            .unwrap()
            .contains(&json!("create_reservation")),
        "{hotel}"
    );

    let types: Value = gw
        .get("/v1/hotels/BER/room-types", ACME_RW)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(types.as_array().unwrap().len(), 4);

    let (arrival, departure) = dates(40);
    let nights: Value = gw
        .get(
            &format!("/v1/hotels/BER/availability?arrival={arrival}&departure={departure}"),
            ACME_RW,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        nights.as_array().unwrap().len(),
        8,
        "2 nights x 4 room types"
    );

    let offers_path = format!(
        "/v1/hotels/BER/offers?arrival={arrival}&departure={departure}&adults=2&children=4,9"
    );
    let offers = gw.get(&offers_path, ACME_RW).await;
    assert_eq!(offers.status(), 200);
    let offers: Value = offers.json().await.unwrap();
    assert!(!offers.as_array().unwrap().is_empty());
    assert_eq!(offers[0]["total"]["currency"], "EUR");
    let units_left = |offers: &Value| {
        offers
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["room_type"] == "BER-DBL" && o["rate_plan"] == "BER-FLEX-DBL")
            .map(|o| o["units_left"].as_u64().unwrap())
            .expect("an offer for the booked room")
    };
    let booked_path =
        format!("/v1/hotels/BER/offers?arrival={arrival}&departure={departure}&adults=2");
    let before = units_left(&gw.get(&booked_path, ACME_RW).await.json().await.unwrap());

    let last_name = format!("Lovelace{tag}");
    let created = gw
        .book(
            "BER",
            ACME_RW,
            &format!("life-{tag}"),
            &booking("BER", 40, &last_name),
        )
        .await;
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    assert_eq!(created["status"], "confirmed");
    // The same query again: the booking cleared the connector's cache, so the answer (and the
    // body serialised once per distinct answer) shows one unit fewer.
    let again: Value = gw.get(&booked_path, ACME_RW).await.json().await.unwrap();
    assert_eq!(units_left(&again), before - 1, "{again}");
    let id = created["id"].as_str().unwrap().to_owned();
    let code = created["confirmation_code"].as_str().unwrap().to_owned();

    let read: Value = gw
        .get(&format!("/v1/hotels/BER/reservations/{id}"), ACME_RW)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(read["id"], id.as_str());
    assert_eq!(read["guest"]["last_name"], last_name.as_str());

    let by_code: Value = gw
        .get(
            &format!("/v1/hotels/BER/reservations?confirmation={code}"),
            ACME_RW,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_code.as_array().unwrap().len(), 1);
    let by_name: Value = gw
        .get(
            &format!("/v1/hotels/BER/reservations?last_name={last_name}&arrival={arrival}"),
            ACME_RW,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(by_name[0]["id"], id.as_str());

    let (new_arrival, new_departure) = dates(41);
    let modified = gw
        .request(Method::PATCH, &format!("/v1/hotels/BER/reservations/{id}"), Some(ACME_RW))
        .json(&json!({ "arrival": new_arrival, "departure": new_departure, "comment": "late arrival" }))
        .send()
        .await
        .unwrap();
    assert_eq!(modified.status(), 200);
    let modified: Value = modified.json().await.unwrap();
    assert_eq!(modified["arrival"], new_arrival.as_str());
    assert_eq!(modified["comment"], "late arrival");
    // Every reservation answer states its terms, the fee of cancelling now and the guarantee.
    assert_eq!(modified["cancellation"]["type"], "free_until");
    assert_eq!(modified["cancellation_fee_now"]["amount"], "0.00");
    assert_eq!(modified["guarantee"], "unguaranteed");
    // `"comment": null` clears the comment; a change without it keeps it.
    let cleared = gw
        .request(
            Method::PATCH,
            &format!("/v1/hotels/BER/reservations/{id}"),
            Some(ACME_RW),
        )
        .json(&json!({ "comment": null }))
        .send()
        .await
        .unwrap();
    assert_eq!(cleared.status(), 200);
    let cleared: Value = cleared.json().await.unwrap();
    assert_eq!(cleared["comment"], Value::Null);
    assert_eq!(cleared["arrival"], new_arrival.as_str());

    for _ in 0..2 {
        let cancelled = gw
            .request(
                Method::POST,
                &format!("/v1/hotels/BER/reservations/{id}/cancel"),
                Some(ACME_RW),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(cancelled.status(), 200);
        let cancelled: Value = cancelled.json().await.unwrap();
        assert_eq!(cancelled["status"], "canceled");
    }
    let again = gw
        .request(
            Method::PATCH,
            &format!("/v1/hotels/BER/reservations/{id}"),
            Some(ACME_RW),
        )
        .json(&json!({ "comment": "too late" }))
        .send()
        .await
        .unwrap();
    problem(again, 409, "invalid_state").await;
}

async fn isolation_and_scopes(gw: &TestGateway) {
    // No key, a wrong key.
    let none = gw
        .request(Method::GET, "/v1/hotels", None)
        .send()
        .await
        .unwrap();
    problem(none, 401, "unauthorized").await;
    problem(gw.get("/v1/hotels", "vh_wrong").await, 401, "unauthorized").await;

    // Another tenant's hotel does not exist for the caller, nor does an unknown one.
    problem(
        gw.get("/v1/hotels/ZRH", ACME_RW).await,
        404,
        "hotel_not_found",
    )
    .await;
    problem(
        gw.get("/v1/hotels/NOPE", ACME_RW).await,
        404,
        "hotel_not_found",
    )
    .await;
    let zrh: Value = gw.get("/v1/hotels", GLOBEX).await.json().await.unwrap();
    assert_eq!(zrh, json!([{ "id": "ZRH", "vendor": "apaleo" }]));
    let theirs = gw
        .book("ZRH", ACME_RW, "iso-1", &booking("ZRH", 50, "Hopper"))
        .await;
    problem(theirs, 404, "hotel_not_found").await;

    // A read-only key cannot book.
    let read_only = gw
        .book("BER", ACME_RO, "ro-1", &booking("BER", 50, "Hopper"))
        .await;
    problem(read_only, 403, "forbidden").await;
    assert_eq!(gw.get("/v1/hotels/BER", ACME_RO).await.status(), 200);
}

async fn idempotency(gw: &TestGateway, tag: &str) {
    let key = format!("idem-{tag}");
    let body = booking("BER", 60, &format!("Turing{tag}"));
    let first = gw.book("BER", ACME_RW, &key, &body).await;
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let retry = gw.book("BER", ACME_RW, &key, &body).await;
    assert_eq!(retry.status(), 201);
    assert_eq!(
        retry
            .headers()
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true")
    );
    let retry: Value = retry.json().await.unwrap();
    assert_eq!(retry, first);

    let mut other = body.clone();
    other["adults"] = json!(1);
    problem(
        gw.book("BER", ACME_RW, &key, &other).await,
        409,
        "idempotency_key_reused",
    )
    .await;

    // Keys are per tenant: globex may use the same key for its own booking.
    let theirs = gw
        .book(
            "ZRH",
            GLOBEX,
            &key,
            &booking("ZRH", 60, &format!("Turing{tag}")),
        )
        .await;
    assert_eq!(theirs.status(), 201);

    let missing = gw
        .request(Method::POST, "/v1/hotels/BER/reservations", Some(ACME_RW))
        .json(&body)
        .send()
        .await
        .unwrap();
    problem(missing, 400, "idempotency_key_required").await;
}

async fn error_mapping(gw: &TestGateway) {
    let (arrival, _) = dates(10);
    let backwards = gw
        .get(
            &format!("/v1/hotels/BER/offers?arrival={arrival}&departure={arrival}"),
            ACME_RW,
        )
        .await;
    let body = problem(backwards, 422, "validation").await;
    assert!(
        body["type"]
            .as_str()
            .unwrap()
            .starts_with("urn:voicehive:problem:")
    );
    problem(
        gw.get("/v1/hotels/BER/offers?arrival=tomorrow", ACME_RW)
            .await,
        400,
        "invalid_request",
    )
    .await;
    problem(
        gw.get("/v1/hotels/BER/reservations/NOPE-1", ACME_RW).await,
        404,
        "not_found",
    )
    .await;
    problem(
        gw.get("/v1/hotels/BER/reservations", ACME_RW).await,
        400,
        "invalid_request",
    )
    .await;
    let empty: Value = gw
        .get(
            "/v1/hotels/BER/reservations?email=nobody%40example.com",
            ACME_RW,
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(empty, json!([]));

    // Bad bodies: guest data from the body never comes back in the error.
    let mut bad = booking("BER", 70, "Secretname");
    bad["guest"]["email"] = json!("not-an-email-Secretname");
    let response = gw.book("BER", ACME_RW, "bad-email", &bad).await;
    let body = problem(response, 422, "validation").await;
    assert!(!body.to_string().contains("Secretname"), "{body}");
    let mut wrong_type = booking("BER", 70, "Secretname");
    wrong_type["adults"] = json!("Secretname");
    let body = problem(
        gw.book("BER", ACME_RW, "bad-type", &wrong_type).await,
        400,
        "invalid_request",
    )
    .await;
    assert!(!body.to_string().contains("Secretname"), "{body}");

    let huge = "x".repeat(100 * 1024);
    let response = gw
        .request(Method::POST, "/v1/hotels/BER/reservations", Some(ACME_RW))
        .header("Idempotency-Key", "huge")
        .header("content-type", "application/json")
        .body(format!("{{\"comment\":\"{huge}\"}}"))
        .send()
        .await
        .unwrap();
    problem(response, 413, "payload_too_large").await;

    let unknown = gw.get("/v2/nothing", ACME_RW).await;
    problem(unknown, 404, "route_not_found").await;

    // Operations endpoints.
    assert_eq!(gw.get("/healthz", "").await.status(), 200);
    let ready = gw.get("/readyz", "").await;
    assert_eq!(ready.status(), 200);
    let ready: Value = ready.json().await.unwrap();
    assert_eq!(ready, serde_json::json!({"status": "ok"}));
    let metrics = gw.get("/metrics", "").await.text().await.unwrap();
    assert!(metrics.contains("gateway_http_requests_total"));
    let response = gw.get("/healthz", "").await;
    assert!(response.headers().contains_key("x-request-id"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_end_to_end() {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let dir = std::env::temp_dir().join(format!("gateway-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("sqlite_e2e.db").display());
    let _ = std::fs::remove_file(dir.join("sqlite_e2e.db"));
    let gw = TestGateway::start(&sandbox, store(&url, None).await).await;
    all_scenarios(&gw, "sqlite").await;
}

const VH_K: &str = "vh_k_0123456789abcdef0123456789abcdef";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_in_memory_keys_and_revocation() {
    let store = Store::connect("sqlite::memory:", None).await.unwrap();
    store.ensure_tenant("t", "T").await.unwrap();
    store.assign_hotels("t", &["BER".to_owned()]).await.unwrap();
    let id = store
        .add_key("t", VH_K, &[gateway::Scope::PmsRead], &["BER".to_owned()])
        .await
        .unwrap();
    let key = store
        .key_by_hash(&gateway::auth::hash_key(VH_K))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(key.tenant, "t");
    assert_eq!(key.hotels, vec!["BER".to_owned()]);
    assert!(store.revoke_key(&id).await.unwrap());
    assert!(
        store
            .key_by_hash(&gateway::auth::hash_key(VH_K))
            .await
            .unwrap()
            .is_none()
    );
}
