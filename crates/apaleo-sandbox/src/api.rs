//! The router, the request gate (tracking ids, counters, faults) and shared handler helpers.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::faults::RequestFault;
use crate::state::Shared;
use crate::{
    actions, admin, availability, bookings, identity, inventory, offers, rateplan, reservations,
};

/// The header Apaleo puts on every API response.
pub(crate) const TRACKING_HEADER: &str = "apaleo-tracking-id";

/// How long a `CommitThenTimeout` write holds its response back.
pub(crate) const COMMIT_THEN_TIMEOUT_DELAY: Duration = Duration::from_secs(60);

/// Which part of the server a path belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PathClass {
    Token,
    Admin,
    Api,
}

pub(crate) fn classify(path: &str) -> PathClass {
    if path.starts_with("/connect/") {
        PathClass::Token
    } else if path.starts_with("/_sandbox/") || path == "/_sandbox" {
        PathClass::Admin
    } else {
        PathClass::Api
    }
}

/// The full router over `shared`.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/connect/token", post(identity::token))
        .route("/inventory/v1/properties", get(inventory::list_properties))
        .route(
            "/inventory/v1/properties/{id}",
            get(inventory::get_property),
        )
        .route(
            "/inventory/v1/unit-groups",
            get(inventory::list_unit_groups),
        )
        .route(
            "/inventory/v1/unit-groups/{id}",
            get(inventory::get_unit_group),
        )
        .route(
            "/availability/v1/unit-groups",
            get(availability::unit_groups),
        )
        .route("/rateplan/v1/rate-plans", get(rateplan::list))
        .route("/rateplan/v1/rate-plans/{id}", get(rateplan::get_one))
        .route("/rateplan/v1/rate-plans/{id}/rates", get(rateplan::rates))
        .route("/booking/v1/offers", get(offers::offers))
        .route(
            "/booking/v1/bookings",
            post(bookings::create).get(bookings::list),
        )
        .route("/booking/v1/bookings/{id}", get(bookings::get_one))
        .route("/booking/v1/reservations", get(reservations::list))
        .route("/booking/v1/reservations/$count", get(reservations::count))
        .route(
            "/booking/v1/reservations/{id}",
            get(reservations::get_one).patch(reservations::patch),
        )
        .route(
            "/booking/v1/reservation-actions/{id}/amend",
            put(actions::amend),
        )
        .route(
            "/booking/v1/reservation-actions/{id}/cancel",
            put(actions::cancel),
        )
        .route(
            "/booking/v1/reservation-actions/{id}/checkin",
            put(actions::checkin),
        )
        .route(
            "/booking/v1/reservation-actions/{id}/checkout",
            put(actions::checkout),
        )
        .route(
            "/booking/v1/reservation-actions/{id}/noshow",
            put(actions::noshow),
        )
        .route(
            "/_sandbox/faults",
            get(admin::list_faults)
                .post(admin::push_fault)
                .delete(admin::clear_faults),
        )
        .route("/_sandbox/stats", get(admin::stats))
        .fallback(|| async { StatusCode::NOT_FOUND })
        .layer(middleware::from_fn_with_state(shared.clone(), gate))
        .with_state(shared)
}

/// Counts API requests, applies request faults and stamps `Apaleo-Tracking-Id`.
async fn gate(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    if classify(request.uri().path()) != PathClass::Api {
        return next.run(request).await;
    }
    shared.count_api_request();
    let tracking = shared.next_tracking_id();
    let fault = shared.faults().next_request_fault(false);
    let mut response = match fault {
        Some(RequestFault::Status {
            status,
            retry_after,
        }) => fault_response(status, retry_after),
        Some(RequestFault::Latency(delay)) => {
            tokio::time::sleep(delay).await;
            next.run(request).await
        }
        // Only reached when the router is embedded in a foreign server, which cannot drop.
        Some(RequestFault::Drop) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        None => next.run(request).await,
    };
    if let Ok(value) = HeaderValue::from_str(&tracking) {
        response.headers_mut().insert(TRACKING_HEADER, value);
    }
    response
}

fn fault_response(status: u16, retry_after: Option<u64>) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = if code == StatusCode::UNPROCESSABLE_ENTITY {
        ApiError::msg("Injected fault.").into_response()
    } else {
        code.into_response()
    };
    if let Some(secs) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

/// Checks the bearer token and that it carries one of `any_of` (or `admin`); an empty `any_of`
/// needs no particular scope. Returns the client id.
pub(crate) fn authorize(
    shared: &Shared,
    headers: &HeaderMap,
    any_of: &[&str],
) -> ApiResult<String> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, token) = v.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        })
        .filter(|t| !t.is_empty())
        .ok_or(ApiError::Unauthorized)?;
    let now = shared.now();
    let state = shared.state();
    let info = state.tokens.get(token).ok_or(ApiError::Unauthorized)?;
    if now >= info.expires_at {
        return Err(ApiError::Unauthorized);
    }
    let allowed = any_of.is_empty()
        || info
            .scopes
            .iter()
            .any(|s| s == "admin" || any_of.contains(&s.as_str()));
    if allowed {
        Ok(info.client_id.clone())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Scopes per endpoint family (API-NOTES §2.1).
pub(crate) mod scopes {
    pub(crate) const PROPERTIES: &[&str] = &[];
    pub(crate) const UNIT_GROUPS: &[&str] = &["unitgroups.read", "setup.read", "setup.manage"];
    pub(crate) const AVAILABILITY: &[&str] = &["availability.read"];
    pub(crate) const OFFERS: &[&str] = &["offers.read", "reservations.manage"];
    pub(crate) const RATE_PLANS: &[&str] = &["rateplans.read", "setup.read", "setup.manage"];
    pub(crate) const RATES: &[&str] = &["rates.read", "rates.manage"];
    pub(crate) const CREATE: &[&str] = &["reservations.create", "reservations.manage"];
    pub(crate) const READ: &[&str] = &["reservations.read", "reservations.manage"];
    pub(crate) const MANAGE: &[&str] = &["reservations.manage"];
}

/// A JSON request body: 415 unless the content type is JSON, 422 unless it parses.
pub(crate) fn json_body(headers: &HeaderMap, body: &Bytes) -> ApiResult<Value> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.to_ascii_lowercase())
        .is_some_and(|v| v.contains("json"));
    if !is_json {
        return Err(ApiError::UnsupportedMediaType);
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::msg(format!("The request body is not valid JSON: {e}.")))
}

/// A typed view of a JSON body; type mismatches are 422.
pub(crate) fn typed<T: serde::de::DeserializeOwned>(value: &Value) -> ApiResult<T> {
    serde_json::from_value(value.clone())
        .map_err(|e| ApiError::msg(format!("The request body is invalid: {e}.")))
}

/// 200 with a JSON body.
pub(crate) fn ok_json(body: Value) -> Response {
    (StatusCode::OK, axum::Json(body)).into_response()
}

/// 200 with `{key: items, count}` or 204 when the page is empty.
pub(crate) fn list_response(key: &str, page: Option<Vec<Value>>, count: usize) -> Response {
    match page {
        Some(items) => ok_json(json!({ key: items, "count": count })),
        None => StatusCode::NO_CONTENT.into_response(),
    }
}

/// Holds a committed write's response back when a `CommitThenTimeout` fault is armed.
pub(crate) async fn after_commit(shared: &Shared) {
    let armed = shared.faults().take_commit_then_timeout();
    if armed {
        tokio::time::sleep(COMMIT_THEN_TIMEOUT_DELAY).await;
    }
}
