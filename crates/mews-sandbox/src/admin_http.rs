//! The admin API over HTTP (`/_sandbox/...`), for the standalone server: faults, stats,
//! availability adjustments and reservation state changes. Not part of the Mews API: these
//! requests are not counted, rate limited or faulted and carry no `Request-Id`.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::admin::{AdminError, SandboxAdmin};
use crate::faults::{Fault, FaultControl, RequestCounter};
use crate::state::Shared;

/// The prefix of admin paths.
pub(crate) const ADMIN_PREFIX: &str = "/_sandbox/";

/// A fault as JSON: `{"type":"Status","status":503,"retryAfter":5,"times":2,
/// "operation":"reservations/add"}`, `{"type":"Latency","delayMs":1500}`,
/// `{"type":"DropConnection"}`, `{"type":"CommitThenDrop"}`,
/// `{"type":"CommitThenTimeout","holdMs":60000}`, `{"type":"RejectTokens","on":true}`.
/// `times` defaults to 1, `operation` to any.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all_fields = "camelCase", deny_unknown_fields)]
enum FaultSpec {
    Status {
        status: u16,
        #[serde(default)]
        retry_after: Option<u64>,
        #[serde(default = "one")]
        times: u32,
        #[serde(default)]
        operation: Option<String>,
    },
    Latency {
        delay_ms: u64,
        #[serde(default = "one")]
        times: u32,
        #[serde(default)]
        operation: Option<String>,
    },
    DropConnection {
        #[serde(default = "one")]
        times: u32,
        #[serde(default)]
        operation: Option<String>,
    },
    CommitThenDrop {
        #[serde(default = "one")]
        times: u32,
        #[serde(default)]
        operation: Option<String>,
    },
    CommitThenTimeout {
        hold_ms: u64,
        #[serde(default = "one")]
        times: u32,
        #[serde(default)]
        operation: Option<String>,
    },
    RejectTokens {
        on: bool,
    },
}

fn one() -> u32 {
    1
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    Many(Vec<FaultSpec>),
    One(FaultSpec),
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Adjustment {
    category_id: String,
    date: NaiveDate,
    delta: i64,
}

fn apply(control: &FaultControl, spec: FaultSpec) {
    let (operation, fault) = match spec {
        FaultSpec::Status {
            status,
            retry_after,
            times,
            operation,
        } => (
            operation,
            Fault::Status {
                status,
                retry_after,
                times,
            },
        ),
        FaultSpec::Latency {
            delay_ms,
            times,
            operation,
        } => (
            operation,
            Fault::Latency {
                delay: Duration::from_millis(delay_ms),
                times,
            },
        ),
        FaultSpec::DropConnection { times, operation } => {
            (operation, Fault::DropConnection { times })
        }
        FaultSpec::CommitThenDrop { times, operation } => {
            (operation, Fault::CommitThenDrop { times })
        }
        FaultSpec::CommitThenTimeout {
            hold_ms,
            times,
            operation,
        } => (
            operation,
            Fault::CommitThenTimeout {
                hold: Duration::from_millis(hold_ms),
                times,
            },
        ),
        FaultSpec::RejectTokens { on } => {
            control.reject_tokens(on);
            return;
        }
    };
    match operation {
        Some(operation) => control.push_for(&operation, fault),
        None => control.push(fault),
    }
}

fn message(status: StatusCode, text: &str) -> Response {
    (status, axum::Json(json!({ "Message": text }))).into_response()
}

fn parse<T: serde::de::DeserializeOwned>(body: &Bytes) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|e| format!("Invalid body: {e}"))
}

fn admin_result(result: Result<(), AdminError>) -> Response {
    match result {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error @ (AdminError::UnknownReservation | AdminError::UnknownCategory)) => {
            message(StatusCode::NOT_FOUND, &error.to_string())
        }
        Err(error @ AdminError::InvalidState { .. }) => {
            message(StatusCode::CONFLICT, &error.to_string())
        }
    }
}

/// Answers one admin request.
pub(crate) fn handle(shared: &Arc<Shared>, method: &Method, path: &str, body: &Bytes) -> Response {
    let control = FaultControl {
        shared: shared.clone(),
    };
    let admin = SandboxAdmin {
        shared: shared.clone(),
    };
    let rest = path.strip_prefix(ADMIN_PREFIX).unwrap_or_default();
    match (method.as_str(), rest) {
        ("POST", "faults") => match parse::<OneOrMany>(body) {
            Ok(OneOrMany::One(spec)) => {
                apply(&control, spec);
                StatusCode::NO_CONTENT.into_response()
            }
            Ok(OneOrMany::Many(specs)) => {
                for spec in specs {
                    apply(&control, spec);
                }
                StatusCode::NO_CONTENT.into_response()
            }
            Err(text) => message(StatusCode::BAD_REQUEST, &text),
        },
        ("DELETE", "faults") => {
            control.clear();
            StatusCode::NO_CONTENT.into_response()
        }
        ("GET", "stats") => {
            let requests = RequestCounter {
                shared: shared.clone(),
            };
            let per_enterprise: serde_json::Map<String, Value> = shared
                .enterprises
                .iter()
                .map(|e| {
                    (
                        e.id.to_owned(),
                        json!({
                            "reservations": admin.reservation_count(e.id),
                            "activeReservations": admin.active_reservation_count(e.id),
                            "customers": admin.customer_count(e.id),
                        }),
                    )
                })
                .collect();
            (
                StatusCode::OK,
                axum::Json(json!({
                    "requests": requests.total(),
                    "pendingFaults": control.pending().len(),
                    "enterprises": per_enterprise,
                })),
            )
                .into_response()
        }
        ("POST", "availability-adjustments") => match parse::<Adjustment>(body) {
            Ok(a) => {
                admin_result(admin.set_availability_adjustment(&a.category_id, a.date, a.delta))
            }
            Err(text) => message(StatusCode::BAD_REQUEST, &text),
        },
        ("POST", action) => {
            let Some((id, verb)) = action
                .strip_prefix("reservations/")
                .and_then(|r| r.split_once('/'))
            else {
                return message(StatusCode::NOT_FOUND, "Not Found");
            };
            match verb {
                "check-in" => admin_result(admin.check_in(id)),
                "check-out" => admin_result(admin.check_out(id)),
                "no-show" => admin_result(admin.mark_no_show(id)),
                _ => message(StatusCode::NOT_FOUND, "Not Found"),
            }
        }
        _ => message(StatusCode::NOT_FOUND, "Not Found"),
    }
}
