//! The router: one handler that checks the path, applies faults, parses the envelope, rate
//! limits and dispatches to the operations.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use crate::error::{ApiError, ApiResult};
use crate::faults::{Fault, RequestFault};
use crate::seed::{CLIENT_TOKEN, Enterprise};
use crate::server::DropMarker;
use crate::state::{Shared, State as Data};
use crate::wire::Body;
use crate::{catalog, customers, inventory, orders, reservations};

/// The path prefix of every operation.
pub(crate) const PREFIX: &str = "/api/connector/v1/";

/// The header on every response.
pub(crate) const REQUEST_ID_HEADER: &str = "request-id";

/// What a handler sees besides its body.
#[derive(Debug)]
pub(crate) struct Ctx<'a> {
    pub(crate) index: usize,
    pub(crate) enterprise: &'a Enterprise,
    pub(crate) now: DateTime<Utc>,
}

type Op = fn(&Ctx<'_>, &mut Data, &Body<'_>) -> ApiResult<Value>;

/// The operations that change state (commit faults apply to them).
const WRITES: &[&str] = &[
    "customers/add",
    "customers/update",
    "reservations/add",
    "reservations/update",
    "reservations/cancel",
    "reservations/confirm",
    "serviceOrderNotes/add",
    "serviceOrderNotes/update",
    "serviceOrderNotes/delete",
];

/// The implemented operations (path after [`PREFIX`]) and their handlers.
const TABLE: &[(&str, Op)] = &[
    ("configuration/get", catalog::configuration),
    ("services/getAll", catalog::services),
    ("resourceCategories/getAll", catalog::resource_categories),
    ("resourceCategoryAssignments/getAll", catalog::assignments),
    ("resources/getAll", catalog::resources),
    ("ageCategories/getAll", catalog::age_categories),
    ("rates/getAll", catalog::rates),
    ("rates/getPricing", inventory::pricing),
    ("services/getAvailability", inventory::availability),
    (
        "services/getAvailability/2024-01-22",
        inventory::availability_metrics,
    ),
    ("customers/add", customers::add),
    ("customers/getAll", customers::get_all),
    ("customers/update", customers::update),
    ("reservations/add", reservations::add),
    ("reservations/price", reservations::price),
    ("reservations/getAll/2023-06-06", reservations::get_all),
    ("reservations/update", reservations::update),
    ("reservations/cancel", reservations::cancel),
    ("reservations/confirm", reservations::confirm),
    ("serviceOrderNotes/getAll", orders::notes),
    ("serviceOrderNotes/add", orders::add_notes),
    ("serviceOrderNotes/update", orders::update_notes),
    ("serviceOrderNotes/delete", orders::delete_notes),
    ("orderItems/getAll", orders::items),
];

/// The operation names the sandbox implements.
#[cfg(test)]
pub(crate) fn operations() -> impl Iterator<Item = &'static str> {
    TABLE.iter().map(|(name, _)| *name)
}

/// The full router over `shared`.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    if uri.path().starts_with(crate::admin_http::ADMIN_PREFIX) {
        return crate::admin_http::handle(&shared, &method, uri.path(), &body);
    }
    shared.count_request();
    let request_id = shared.next_request_id();
    let mut response = process(&shared, &request_id, &method, uri.path(), &body).await;
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    response
}

async fn process(
    shared: &Shared,
    request_id: &str,
    method: &Method,
    path: &str,
    body: &Bytes,
) -> Response {
    let found = path
        .strip_prefix(PREFIX)
        .and_then(|name| TABLE.iter().find(|(n, _)| *n == name));
    let Some(&(operation, op)) = found.filter(|_| method == Method::POST) else {
        return error_response(StatusCode::NOT_FOUND, "Not Found", request_id);
    };
    shared.count_operation(operation);
    let fault = shared.faults().next_request_fault(operation);
    match fault {
        Some(RequestFault::Status {
            status,
            retry_after,
        }) => {
            let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut response = error_response(code, "Injected fault.", request_id);
            if let Some(secs) = retry_after {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(secs));
            }
            return response;
        }
        Some(RequestFault::Latency(delay)) => tokio::time::sleep(delay).await,
        Some(RequestFault::Drop) => return drop_response(),
        None => {}
    }
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) else {
        return error_response(StatusCode::BAD_REQUEST, "Invalid JSON", request_id);
    };
    let index = match authenticate(shared, &map) {
        Ok(index) => index,
        Err(error) => return api_error(&error, request_id),
    };
    let Some(enterprise) = shared.enterprises.get(index) else {
        return api_error(&ApiError::invalid("AccessToken"), request_id);
    };
    let token = shared
        .access_token(index)
        .unwrap_or_else(|| enterprise.access_token.to_owned());
    if let Err(wait) = shared.rate_limit(&token) {
        let mut response = error_response(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many requests. The rate limit of the access token was exceeded.",
            request_id,
        );
        if shared.config.retry_after_header {
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
        }
        return response;
    }
    let ctx = Ctx {
        index,
        enterprise,
        now: shared.now(),
    };
    let result = {
        let mut data = shared.state();
        op(&ctx, &mut data, &Body(&map))
    };
    match result {
        Ok(value) => {
            let commit_fault = if WRITES.contains(&operation) {
                shared.faults().take_commit_fault(operation)
            } else {
                None
            };
            match commit_fault {
                Some(Fault::CommitThenDrop { .. }) => return drop_response(),
                Some(Fault::CommitThenTimeout { hold, .. }) => tokio::time::sleep(hold).await,
                _ => {}
            }
            (StatusCode::OK, axum::Json(value)).into_response()
        }
        Err(error) => api_error(&error, request_id),
    }
}

/// Envelope: `ClientToken`, `AccessToken`, `Client`. Returns the enterprise index.
fn authenticate(shared: &Shared, map: &Map<String, Value>) -> ApiResult<usize> {
    let body = Body(map);
    let client_token = body.opt_str("ClientToken").ok().flatten();
    if client_token != Some(CLIENT_TOKEN) {
        return Err(ApiError::Unauthorized("Invalid ClientToken.".to_owned()));
    }
    let access_token = body.opt_str("AccessToken").ok().flatten();
    let index = access_token
        .and_then(|t| shared.enterprise_by_token(t))
        .filter(|_| !shared.faults().reject_tokens())
        .ok_or_else(|| ApiError::Unauthorized("Invalid AccessToken.".to_owned()))?;
    body.req_str("Client")?;
    Ok(index)
}

fn drop_response() -> Response {
    let mut response = StatusCode::SERVICE_UNAVAILABLE.into_response();
    response.extensions_mut().insert(DropMarker);
    response
}

fn api_error(error: &ApiError, request_id: &str) -> Response {
    error_response(error.status(), error.message(), request_id)
}

/// The Mews error body.
pub(crate) fn error_response(status: StatusCode, message: &str, request_id: &str) -> Response {
    (
        status,
        axum::Json(json!({ "Message": message, "RequestId": request_id, "Details": null })),
    )
        .into_response()
}
