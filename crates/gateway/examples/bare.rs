//! The baseline of `bench/gateway/run.sh`: a bare axum server on the workspace's axum, hyper
//! and tokio (multi-threaded runtime, like `voicehive serve`) that answers the benchmarked
//! routes with fixed bodies behind a bearer check, and nothing else: no database, no log
//! subscriber, no middleware.
//!
//! `cargo run --release -p gateway --example bare -- ADDR KEY DIR`: `DIR` holds the bodies the
//! script captured from the gateway (`hotels.json`, `offers.json`, `booking.json`,
//! `reservation.json`); `KEY` is the bearer token it accepts.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use subtle::ConstantTimeEq;

#[derive(Debug)]
struct Bodies {
    authorization: Vec<u8>,
    hotels: Bytes,
    offers: Bytes,
    booking: Bytes,
    reservation: Bytes,
}

type Shared = State<Arc<Bodies>>;

fn authorized(bodies: &Bodies, headers: &HeaderMap) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .is_some_and(|v| bool::from(v.as_bytes().ct_eq(&bodies.authorization)))
}

fn answer(bodies: &Bodies, headers: &HeaderMap, status: StatusCode, body: &Bytes) -> Response {
    if !authorized(bodies, headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let mut response = (status, body.clone()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

async fn hotels(State(b): Shared, headers: HeaderMap) -> Response {
    answer(&b, &headers, StatusCode::OK, &b.hotels)
}

async fn offers(State(b): Shared, headers: HeaderMap) -> Response {
    answer(&b, &headers, StatusCode::OK, &b.offers)
}

async fn book(State(b): Shared, headers: HeaderMap, _body: Bytes) -> Response {
    answer(&b, &headers, StatusCode::CREATED, &b.booking)
}

async fn reservation(State(b): Shared, headers: HeaderMap) -> Response {
    answer(&b, &headers, StatusCode::OK, &b.reservation)
}

fn read(dir: &Path, name: &str) -> Result<Bytes, String> {
    std::fs::read(dir.join(name))
        .map(Bytes::from)
        .map_err(|e| format!("reading {}: {e}", dir.join(name).display()))
}

/// The same allocator as `voicehive`, so that the comparison is of the work, not the allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: bare ADDR KEY DIR";
    let addr: SocketAddr = args.next().ok_or(usage)?.parse()?;
    let key = args.next().ok_or(usage)?;
    let dir = std::path::PathBuf::from(args.next().ok_or(usage)?);
    let bodies = Arc::new(Bodies {
        authorization: format!("Bearer {key}").into_bytes(),
        hotels: read(&dir, "hotels.json")?,
        offers: read(&dir, "offers.json")?,
        booking: read(&dir, "booking.json")?,
        reservation: read(&dir, "reservation.json")?,
    });
    let app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/v1/hotels", get(hotels))
        .route("/v1/hotels/{hotel}/offers", get(offers))
        .route("/v1/hotels/{hotel}/reservations", post(book))
        .route("/v1/hotels/{hotel}/reservations/{id}", get(reservation))
        .with_state(bodies);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        axum::serve(listener, app).await
    })?;
    Ok(())
}
