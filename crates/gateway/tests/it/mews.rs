//! The gateway in front of the Mews sandbox (hotels MEWS-BER and MEWS-ZRH of the embedded
//! default): the booking lifecycle, and a chaos run with faults at the PMS, commit-then-drop
//! creates included, that must leave no duplicate and lose no booking.

use std::sync::Arc;
use std::time::Duration;

use gateway::{EmbeddedSandbox, Scope};
use mews_sandbox::{Fault, berlin};
use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::*;

const MEWS_KEY: &str = "vh_test_inns_read_write_0123456789abcdef";
const HOTELS: [&str; 2] = ["MEWS-BER", "MEWS-ZRH"];

/// A gateway on the embedded sandboxes with a tenant `inns` owning the two Mews hotels.
async fn mews_gateway(sandbox: &EmbeddedSandbox) -> TestGateway {
    let store = store("sqlite::memory:", None).await;
    store.ensure_tenant("inns", "Mews Inns").await.unwrap();
    let hotels: Vec<String> = HOTELS.iter().map(|h| (*h).to_owned()).collect();
    store.assign_hotels("inns", &hotels).await.unwrap();
    store
        .add_key(
            "inns",
            MEWS_KEY,
            &[Scope::PmsRead, Scope::PmsWrite],
            &hotels,
        )
        .await
        .unwrap();
    TestGateway::start(sandbox, store).await
}

/// The booking body for `last_name`, `days` from today, two nights, the offer's room type and
/// rate plan.
fn mews_booking(offer: &Value, arrival: &str, departure: &str, last_name: &str) -> Value {
    json!({
        "arrival": arrival,
        "departure": departure,
        "adults": 1,
        "room_type": offer["room_type"],
        "rate_plan": offer["rate_plan"],
        "guest": {
            "first_name": "Grace",
            "last_name": last_name,
            "email": format!("{}@example.org", last_name.to_lowercase()),
            "phone": "+4930123456",
            "language": "en"
        }
    })
}

/// The flexible Double offer of `hotel` for the stay.
async fn double_offer(gw: &TestGateway, hotel: &str, arrival: &str, departure: &str) -> Value {
    let response = gw
        .get(
            &format!("/v1/hotels/{hotel}/offers?arrival={arrival}&departure={departure}&adults=1"),
            MEWS_KEY,
        )
        .await;
    assert_eq!(response.status(), 200);
    let offers: Value = response.json().await.unwrap();
    let offers = offers.as_array().unwrap();
    assert!(offers.len() >= 2, "{offers:?}");
    let double = if hotel == "MEWS-BER" {
        berlin::DOUBLE_CATEGORY_ID
    } else {
        mews_sandbox::zurich::DOUBLE_CATEGORY_ID
    };
    offers
        .iter()
        .find(|o| o["room_type"] == double && o["cancellation"]["refundable"] != false)
        .or_else(|| offers.iter().find(|o| o["room_type"] == double))
        .cloned()
        .unwrap_or_else(|| panic!("no Double offer: {offers:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mews_hotel_books_reads_finds_and_cancels_through_the_gateway() {
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let gw = mews_gateway(&sandbox).await;
    let listed: Value = gw.get("/v1/hotels", MEWS_KEY).await.json().await.unwrap();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["id"].as_str())
        .collect();
    assert_eq!(ids, HOTELS, "{listed}");
    for hotel in HOTELS {
        let property: Value = gw
            .get(&format!("/v1/hotels/{hotel}"), MEWS_KEY)
            .await
            .json()
            .await
            .unwrap();
        let currency = if hotel == "MEWS-BER" { "EUR" } else { "CHF" };
        assert_eq!(property["property"]["currency"], currency, "{property}");
        let (arrival, departure) = dates(20);
        let offer = double_offer(&gw, hotel, &arrival, &departure).await;
        let body = mews_booking(&offer, &arrival, &departure, "Hopper");
        let created = gw
            .book(hotel, MEWS_KEY, &format!("life-{hotel}"), &body)
            .await;
        assert_eq!(created.status(), 201);
        let created: Value = created.json().await.unwrap();
        assert_eq!(created["total"], offer["total"], "{created}");
        let id = created["id"].as_str().unwrap();
        let read: Value = gw
            .get(&format!("/v1/hotels/{hotel}/reservations/{id}"), MEWS_KEY)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(read["guest"]["last_name"], "Hopper");
        let code = created["confirmation_code"].as_str().unwrap();
        let found: Value = gw
            .get(
                &format!("/v1/hotels/{hotel}/reservations?confirmation={code}"),
                MEWS_KEY,
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
        // Mews has no phone search: refused before any request reaches the PMS.
        let before = sandbox.mews().requests().total();
        let phone = gw
            .get(
                &format!("/v1/hotels/{hotel}/reservations?phone=%2B4930123456"),
                MEWS_KEY,
            )
            .await;
        problem(phone, 422, "unsupported").await;
        assert_eq!(sandbox.mews().requests().total(), before);
        let cancelled = gw
            .request(
                Method::POST,
                &format!("/v1/hotels/{hotel}/reservations/{id}/cancel"),
                Some(MEWS_KEY),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(cancelled.status(), 200);
        let cancelled: Value = cancelled.json().await.unwrap();
        assert_eq!(cancelled["status"], "canceled", "{cancelled}");
    }
}

/// 12 guests book through the gateway while the Mews sandbox answers 503 and 429, stalls, drops
/// connections, and commits bookings then drops the connection. Each client retries with its
/// own `Idempotency-Key`, waiting as `Retry-After` says (the circuit breaker may open for the
/// account meanwhile), until it gets an answer, for up to 90 s. Afterwards: every client holds a reservation of
/// its own guest, the PMS holds exactly one booking per guest, and a replay of each key returns
/// the same reservation.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chaos_against_mews_leaves_no_duplicate_and_loses_no_booking() {
    // Mews allows 200 requests per access token in 30 s, and a booking through the connector
    // takes about ten (guest look-up and profile, duplicate check, create, read-back): more
    // guests than this would test the rate limit, not the faults.
    const CLIENTS: u64 = 12;
    const PATIENCE: Duration = Duration::from_secs(90);
    let sandbox = EmbeddedSandbox::start().await.unwrap();
    let gw = Arc::new(mews_gateway(&sandbox).await);
    let (arrival, departure) = dates(30);
    let offer = double_offer(&gw, "MEWS-BER", &arrival, &departure).await;

    let faults = sandbox.mews().faults();
    let injector = tokio::spawn(async move {
        for round in 0..40u32 {
            match round % 6 {
                0 | 3 => faults.push_for("reservations/add", Fault::CommitThenDrop { times: 1 }),
                1 => faults.push(Fault::Status {
                    status: 503,
                    retry_after: None,
                    times: 2,
                }),
                2 => faults.push(Fault::Status {
                    status: 429,
                    retry_after: Some(1),
                    times: 1,
                }),
                4 => faults.push(Fault::Latency {
                    delay: Duration::from_millis(1500),
                    times: 1,
                }),
                _ => faults.push(Fault::DropConnection { times: 1 }),
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        // The fault window ends: faults still queued (no request reached the PMS while the
        // breaker was open) are dropped, as a recovered PMS would.
        faults.clear();
    });

    let mut clients = Vec::new();
    for i in 0..CLIENTS {
        let gw = gw.clone();
        // Each guest stays on other nights, so the Double rooms never run out.
        let (arrival, departure) = dates(30 + 2 * i);
        let body = mews_booking(
            &offer,
            &arrival,
            &departure,
            &format!("Chaos{}", letters(i)),
        );
        clients.push(tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(250 * i)).await;
            let key = format!("chaos-mews-{i}");
            let mut last = String::new();
            let deadline = tokio::time::Instant::now() + PATIENCE;
            while tokio::time::Instant::now() < deadline {
                let response = gw.book("MEWS-BER", MEWS_KEY, &key, &body).await;
                let status = response.status().as_u16();
                let wait = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse::<u64>().ok())
                    .map_or(Duration::from_millis(400), |s| {
                        Duration::from_secs(s.min(5))
                    });
                let answer: Value = response.json().await.unwrap_or(Value::Null);
                if status == 201 {
                    return (key, body, answer);
                }
                assert!(
                    matches!(status, 409 | 429 | 502 | 503 | 504),
                    "client {i}: unexpected {status}: {answer}"
                );
                last = format!("{status} {answer}");
                tokio::time::sleep(wait).await;
            }
            panic!("client {i} got no booking in {PATIENCE:?}; last answer {last}");
        }));
    }
    let mut booked = Vec::new();
    for client in clients {
        booked.push(client.await.unwrap());
    }
    injector.await.unwrap();
    sandbox.mews().faults().clear();

    // No duplicate: one booking per guest at the PMS, no more.
    let at_pms = sandbox
        .mews()
        .admin()
        .reservation_count(berlin::ENTERPRISE_ID);
    assert_eq!(at_pms as u64, CLIENTS, "bookings at the PMS");
    for (key, body, answer) in &booked {
        let id = answer["id"].as_str().unwrap();
        // Nothing lost and no mismatch: the reservation exists at the PMS, for this guest
        // and these dates.
        let read = read_patiently(&gw, &format!("/v1/hotels/MEWS-BER/reservations/{id}")).await;
        assert_eq!(
            read["guest"]["last_name"], body["guest"]["last_name"],
            "{key}"
        );
        assert_eq!(read["arrival"], body["arrival"], "{key}");
        assert_eq!(read["status"], "confirmed", "{key}");
        // A replay answers the same reservation.
        let replay = gw.book("MEWS-BER", MEWS_KEY, key, body).await;
        assert_eq!(replay.status(), 201, "{key}");
        let replay: Value = replay.json().await.unwrap();
        assert_eq!(replay["id"], answer["id"], "{key}");
    }
    assert!(
        sandbox
            .mews()
            .admin()
            .reservation_ids(berlin::ENTERPRISE_ID)
            .len() as u64
            == CLIENTS,
        "replays booked again"
    );
}

/// GETs `path` until it answers 200 (the account's Mews rate limit may be spent right after
/// the run), waiting as `Retry-After` says, for up to 60 s.
async fn read_patiently(gw: &TestGateway, path: &str) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        let response = gw.get(path, MEWS_KEY).await;
        let status = response.status().as_u16();
        let wait = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(1);
        let body: Value = response.json().await.unwrap_or(Value::Null);
        if status == 200 {
            return body;
        }
        assert!(matches!(status, 429 | 503), "{path}: {status} {body}");
        assert!(
            tokio::time::Instant::now() < deadline,
            "{path}: still {status} after 60 s: {body}"
        );
        tokio::time::sleep(Duration::from_secs(wait.min(5))).await;
    }
}

/// Encodes `n` as letters (bijective base 26) for last names that look like names.
fn letters(mut n: u64) -> String {
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
        if n == 0 {
            break;
        }
    }
    out.into_iter().collect()
}
