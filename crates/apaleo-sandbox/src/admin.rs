//! `/_sandbox/...`: fault injection and counters over HTTP (no authentication).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::api::ok_json;
use crate::error::ApiError;
use crate::faults::{Fault, FaultControl, FaultSpec, SandboxStats};
use crate::state::Shared;

/// `GET /_sandbox/faults`: the pending faults.
pub(crate) async fn list_faults(State(shared): State<Arc<Shared>>) -> Response {
    let control = FaultControl { shared };
    let pending: Vec<FaultSpec> = control.pending().iter().map(FaultSpec::from).collect();
    ok_json(json!({ "faults": pending }))
}

/// `POST /_sandbox/faults`: one fault object, or an array of them. 204.
pub(crate) async fn push_fault(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let value: Value = match serde_json::from_slice(&body) {
        Ok(value) => value,
        Err(e) => {
            return ApiError::msg(format!("The request body is not valid JSON: {e}."))
                .into_response();
        }
    };
    let items = match value {
        Value::Array(items) => items,
        other => vec![other],
    };
    let mut faults = Vec::with_capacity(items.len());
    for item in items {
        match serde_json::from_value::<FaultSpec>(item) {
            Ok(FaultSpec::Status { status, .. }) if !(100..=599).contains(&status) => {
                return ApiError::msg(format!("The status {status} is not a valid HTTP status."))
                    .into_response();
            }
            Ok(spec) => faults.push(Fault::from(spec)),
            Err(e) => return ApiError::msg(format!("Invalid fault: {e}.")).into_response(),
        }
    }
    let control = FaultControl { shared };
    for fault in faults {
        control.push(fault);
    }
    StatusCode::NO_CONTENT.into_response()
}

/// `DELETE /_sandbox/faults`: clears all faults. 204.
pub(crate) async fn clear_faults(State(shared): State<Arc<Shared>>) -> Response {
    FaultControl { shared }.clear();
    StatusCode::NO_CONTENT.into_response()
}

/// `GET /_sandbox/stats`: the counters.
pub(crate) async fn stats(State(shared): State<Arc<Shared>>) -> Response {
    let stats = SandboxStats { shared };
    ok_json(json!({
        "tokenRequests": stats.token_requests(),
        "apiRequests": stats.api_requests(),
        "bookingsCreated": stats.bookings_created(),
    }))
}
