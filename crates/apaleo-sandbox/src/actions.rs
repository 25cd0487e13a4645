//! `PUT /booking/v1/reservation-actions/{id}/...`: amend, cancel, checkin, checkout, noshow.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use serde::Deserialize;

use crate::api::{after_commit, authorize, json_body, scopes, typed};
use crate::error::{ApiError, ApiResult};
use crate::state::{Shared, Status};
use crate::stay::{self, MoneyIn, SliceIn, StayIn};
use crate::wire;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AmendIn {
    arrival: Option<String>,
    departure: Option<String>,
    adults: Option<i64>,
    children_ages: Option<Vec<i64>>,
    time_slices: Option<Vec<DesiredSliceIn>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DesiredSliceIn {
    rate_plan_id: Option<String>,
    total_gross_amount: Option<MoneyIn>,
}

/// `PUT .../amend` (DesiredStayDetailsModel). Confirmed: everything may change; InHouse: the
/// arrival and past nights stay as they are. Re-prices the changed nights; availability is
/// checked without the reservation itself. 204.
pub(crate) async fn amend(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    authorize(&shared, &headers, scopes::MANAGE)?;
    let now = shared.now();
    {
        let mut state = shared.state();
        let current = state.reservation(&id).ok_or(ApiError::NotFound)?.clone();
        let value = json_body(&headers, &body)?;
        if !matches!(current.status, Status::Confirmed | Status::InHouse) {
            return Err(ApiError::msg(format!(
                "The reservation '{id}' cannot be amended because it is in status '{}'.",
                current.status.as_str()
            )));
        }
        let input: AmendIn = typed(&value)?;
        let stay_in = StayIn {
            prefix: String::new(),
            arrival: input.arrival.as_deref(),
            departure: input.departure.as_deref(),
            adults: input.adults,
            children_ages: input.children_ages.as_deref(),
            slices: input.time_slices.as_ref().map(|slices| {
                slices
                    .iter()
                    .map(|s| SliceIn {
                        rate_plan_id: s.rate_plan_id.clone(),
                        amount: s.total_gross_amount.clone(),
                    })
                    .collect()
            }),
        };
        let mut messages = Vec::new();
        let Some(stay) = stay::validate(&shared.catalog, &stay_in, &mut messages) else {
            return Err(ApiError::Unprocessable(messages));
        };
        if stay.property.id != current.property_id {
            return Err(ApiError::msg(
                "The property of a reservation cannot be changed. Use rate plans of the same property.",
            ));
        }
        let today = wire::local_date(now, stay.property.tz);
        let mut slices = stay.price(&shared.catalog);
        if current.status == Status::InHouse {
            stay.check_rules(None).map_err(ApiError::msg)?;
            if stay.arrival != current.arrival {
                return Err(ApiError::msg(
                    "The specified condition was not met for 'Arrival'.",
                ));
            }
            if stay.departure <= today {
                return Err(ApiError::msg(
                    "The specified condition was not met for 'Departure'.",
                ));
            }
            for (new, old) in slices.iter_mut().zip(&current.slices) {
                if new.night < today {
                    if new.rate_plan_id != old.rate_plan_id
                        || stay.unit_group.id != current.unit_group_id
                    {
                        return Err(ApiError::msg("Time slices in the past cannot be amended."));
                    }
                    *new = old.clone();
                }
            }
        } else {
            stay.check_rules(Some(today)).map_err(ApiError::msg)?;
        }
        stay.check_availability(&state, &HashMap::new(), Some(&id))
            .map_err(ApiError::msg)?;
        let guarantee = current.guarantee.max(stay.min_guarantee());
        let Some(reservation) = state.reservation_mut(&id) else {
            return Err(ApiError::NotFound);
        };
        reservation.arrival = stay.arrival;
        reservation.departure = stay.departure;
        reservation.adults = stay.adults;
        reservation.children_ages = stay.children_ages.clone();
        reservation.unit_group_id = stay.unit_group.id.clone();
        reservation.slices = slices;
        reservation.guarantee = guarantee;
        reservation.modified = now;
    }
    after_commit(&shared).await;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Which status change an action performs.
#[derive(Debug, Clone, Copy)]
enum Action {
    Cancel,
    CheckIn,
    CheckOut,
    NoShow,
}

fn transition(shared: &Shared, id: &str, action: Action) -> ApiResult<()> {
    let now = shared.now();
    let mut state = shared.state();
    let reservation = state.reservation_mut(id).ok_or(ApiError::NotFound)?;
    let tz = shared
        .catalog
        .property(reservation.property_id)
        .map_or(chrono_tz::UTC, |p| p.tz);
    let today = wire::local_date(now, tz);
    let status = reservation.status;
    let refuse = |verb: &str, required: &str| {
        Err(ApiError::msg(format!(
            "The reservation '{id}' cannot be {verb}: it is in status '{}', but must be in status '{required}'.",
            status.as_str()
        )))
    };
    match action {
        Action::Cancel => {
            if status != Status::Confirmed {
                return refuse("canceled", "Confirmed");
            }
            if reservation.arrival < today {
                return Err(ApiError::msg(format!(
                    "The reservation '{id}' cannot be canceled because its arrival is in the past."
                )));
            }
            reservation.status = Status::Canceled;
            reservation.cancellation_time = Some(now);
        }
        Action::CheckIn => {
            if status != Status::Confirmed {
                return refuse("checked in", "Confirmed");
            }
            if today < reservation.arrival {
                return Err(ApiError::msg(format!(
                    "The reservation '{id}' cannot be checked in before its arrival date."
                )));
            }
            if today >= reservation.departure {
                return Err(ApiError::msg(format!(
                    "The reservation '{id}' cannot be checked in after its departure."
                )));
            }
            reservation.status = Status::InHouse;
            reservation.check_in_time = Some(now);
        }
        Action::CheckOut => {
            if status != Status::InHouse {
                return refuse("checked out", "InHouse");
            }
            if reservation.departure > today + Duration::days(1) {
                return Err(ApiError::msg(format!(
                    "The reservation '{id}' departs more than one day in the future. Amend the departure first."
                )));
            }
            reservation.status = Status::CheckedOut;
            reservation.check_out_time = Some(now);
        }
        Action::NoShow => {
            if status != Status::Confirmed {
                return refuse("set to no-show", "Confirmed");
            }
            if reservation.arrival >= today {
                return Err(ApiError::msg(format!(
                    "The reservation '{id}' can only be set to no-show after its arrival date."
                )));
            }
            reservation.status = Status::NoShow;
            reservation.no_show_time = Some(now);
        }
    }
    reservation.modified = now;
    Ok(())
}

async fn run(
    shared: Arc<Shared>,
    headers: HeaderMap,
    id: String,
    action: Action,
) -> ApiResult<Response> {
    authorize(&shared, &headers, scopes::MANAGE)?;
    transition(&shared, &id, action)?;
    after_commit(&shared).await;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `PUT .../cancel`: Confirmed with arrival today or later → Canceled. 204.
pub(crate) async fn cancel(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    run(shared, headers, id, Action::Cancel).await
}

/// `PUT .../checkin`: Confirmed, arrival ≤ today < departure → InHouse. 204.
pub(crate) async fn checkin(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    run(shared, headers, id, Action::CheckIn).await
}

/// `PUT .../checkout`: InHouse, departure at most tomorrow → CheckedOut. 204.
pub(crate) async fn checkout(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    run(shared, headers, id, Action::CheckOut).await
}

/// `PUT .../noshow`: Confirmed, arrival before today → NoShow. 204.
pub(crate) async fn noshow(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    run(shared, headers, id, Action::NoShow).await
}
