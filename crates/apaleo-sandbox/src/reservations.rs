//! `/booking/v1/reservations`: get, search, count, JSON-Patch.

use std::cmp::Ordering;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset, Utc};
use serde_json::{Value, json};

use crate::api::{after_commit, authorize, json_body, list_response, ok_json, scopes};
use crate::catalog::Catalog;
use crate::error::{ApiError, ApiResult};
use crate::people::{search_texts, validate_person};
use crate::query::{Params, invalid_value, parse_filter_instant};
use crate::state::{Reservation, Shared, State as Store, Status};
use crate::views::{self, ReservationView, arrival_instant, departure_instant};

fn view_from(params: &Params, item: bool) -> ReservationView {
    let expand = params.expand();
    ReservationView {
        time_slices: expand.iter().any(|e| e == "timeslices"),
        booker: expand.iter().any(|e| e == "booker"),
        actions: expand.iter().any(|e| e == "actions"),
        item,
    }
}

/// `GET /booking/v1/reservations/{id}`.
pub(crate) async fn get_one(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    authorize(&shared, &headers, scopes::READ)?;
    let params = Params::parse(query.as_deref());
    let now = shared.now();
    let state = shared.state();
    let reservation = state.reservation(&id).ok_or(ApiError::NotFound)?;
    let body = views::reservation(
        &shared.catalog,
        &state,
        reservation,
        now,
        view_from(&params, false),
    );
    Ok(ok_json(body))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateFilter {
    Arrival,
    Departure,
    Stay,
    Creation,
    Modification,
    Cancellation,
    ArrivalAndCheckIn,
    DepartureAndCheckOut,
}

impl DateFilter {
    fn parse(value: &str) -> Option<Self> {
        use DateFilter::*;
        [
            Arrival,
            Departure,
            Stay,
            Creation,
            Modification,
            Cancellation,
            ArrivalAndCheckIn,
            DepartureAndCheckOut,
        ]
        .into_iter()
        .find(|f| format!("{f:?}").eq_ignore_ascii_case(value))
    }
}

/// An optional end of a date filter interval.
type Bound = Option<DateTime<FixedOffset>>;

/// The parsed search filters.
struct Filters {
    property_ids: Vec<String>,
    rate_plan_ids: Vec<String>,
    unit_group_ids: Vec<String>,
    booking_id: Option<String>,
    statuses: Vec<Status>,
    channels: Vec<String>,
    external_code: Option<String>,
    text: Option<String>,
    date: Option<(DateFilter, Bound, Bound)>,
}

fn filters(params: &Params) -> ApiResult<Filters> {
    let mut statuses = Vec::new();
    for s in params.list("status") {
        statuses.push(Status::parse(&s).ok_or_else(|| invalid_value(&s, "status"))?);
    }
    let date_filter = params
        .get("dateFilter")
        .map(|v| DateFilter::parse(v).ok_or_else(|| invalid_value(v, "dateFilter")))
        .transpose()?;
    let instant = |name: &str| {
        params
            .get(name)
            .map(|v| parse_filter_instant(v).ok_or_else(|| invalid_value(v, name)))
            .transpose()
    };
    let from = instant("from")?;
    let to = instant("to")?;
    let date = match date_filter {
        None => None,
        Some(filter) => {
            if from.is_none() && to.is_none() {
                return Err(ApiError::msg(
                    "When filtering by date, at least one of 'from' and 'to' has to be specified.",
                ));
            }
            if let (Some(f), Some(t)) = (from, to)
                && t <= f
            {
                return Err(ApiError::msg(
                    "The specified condition was not met for 'To'.",
                ));
            }
            Some((filter, from, to))
        }
    };
    Ok(Filters {
        property_ids: params.list("propertyIds"),
        rate_plan_ids: params.list("ratePlanIds"),
        unit_group_ids: params.list("unitGroupIds"),
        booking_id: params.get("bookingId").map(str::to_owned),
        statuses,
        channels: params.list("channelCode"),
        external_code: params.get("externalCode").map(str::to_owned),
        text: params.get("textSearch").map(str::to_lowercase),
        date,
    })
}

fn in_range(
    instant: DateTime<Utc>,
    from: Option<DateTime<FixedOffset>>,
    to: Option<DateTime<FixedOffset>>,
) -> bool {
    from.is_none_or(|f| instant >= f) && to.is_none_or(|t| instant < t)
}

fn matches(catalog: &Catalog, state: &Store, r: &Reservation, f: &Filters) -> bool {
    if !f.property_ids.is_empty() && !f.property_ids.iter().any(|p| p == r.property_id) {
        return false;
    }
    if !f.rate_plan_ids.is_empty()
        && !r
            .slices
            .iter()
            .any(|s| f.rate_plan_ids.contains(&s.rate_plan_id))
    {
        return false;
    }
    if !f.unit_group_ids.is_empty() && !f.unit_group_ids.contains(&r.unit_group_id) {
        return false;
    }
    if f.booking_id.as_deref().is_some_and(|b| b != r.booking_id) {
        return false;
    }
    if !f.statuses.is_empty() && !f.statuses.contains(&r.status) {
        return false;
    }
    if !f.channels.is_empty() && !f.channels.contains(&r.channel_code) {
        return false;
    }
    if let Some(prefix) = &f.external_code
        && !r
            .external_code
            .as_deref()
            .is_some_and(|c| c.starts_with(prefix.as_str()))
    {
        return false;
    }
    if let Some(text) = &f.text {
        let mut haystack = vec![r.id.to_lowercase()];
        if let Some(code) = &r.external_code {
            haystack.push(code.to_lowercase());
        }
        if let Some(guest) = &r.primary_guest {
            haystack.extend(search_texts(guest));
        }
        if let Some(booking) = state.booking(&r.booking_id) {
            haystack.extend(search_texts(&booking.booker));
        }
        if !haystack.iter().any(|h| h.contains(text.as_str())) {
            return false;
        }
    }
    if let Some((filter, from, to)) = f.date {
        let Some(property) = catalog.property(r.property_id) else {
            return false;
        };
        let arrival = arrival_instant(property, r.arrival).with_timezone(&Utc);
        let departure = departure_instant(property, r.departure).with_timezone(&Utc);
        let ok = match filter {
            DateFilter::Arrival => in_range(arrival, from, to),
            DateFilter::Departure => in_range(departure, from, to),
            DateFilter::Stay => {
                to.is_none_or(|t| arrival < t) && from.is_none_or(|f| departure > f)
            }
            DateFilter::Creation => in_range(r.created, from, to),
            DateFilter::Modification => in_range(r.modified, from, to),
            DateFilter::Cancellation => r.cancellation_time.is_some_and(|c| in_range(c, from, to)),
            DateFilter::ArrivalAndCheckIn => {
                in_range(arrival, from, to)
                    || r.check_in_time.is_some_and(|c| in_range(c, from, to))
            }
            DateFilter::DepartureAndCheckOut => {
                in_range(departure, from, to)
                    || r.check_out_time.is_some_and(|c| in_range(c, from, to))
            }
        };
        if !ok {
            return false;
        }
    }
    true
}

fn guest_name(r: &Reservation, key: &str) -> String {
    r.primary_guest
        .as_ref()
        .and_then(|g| g.get(key))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_lowercase()
}

/// Applies `sort` (`arrival|departure|created|updated|id|firstname|lastname` with `:asc` or
/// `:desc`); the default order is creation order.
fn sort(reservations: &mut [&Reservation], params: &Params) -> ApiResult<()> {
    let mut keys = Vec::new();
    for spec in params.list("sort") {
        let (field, dir) = spec.split_once(':').unwrap_or((spec.as_str(), "asc"));
        let descending = match dir.to_ascii_lowercase().as_str() {
            "asc" => false,
            "desc" => true,
            _ => return Err(invalid_value(&spec, "sort")),
        };
        let field = field.to_ascii_lowercase();
        if ![
            "arrival",
            "departure",
            "created",
            "updated",
            "id",
            "firstname",
            "lastname",
        ]
        .contains(&field.as_str())
        {
            return Err(invalid_value(&spec, "sort"));
        }
        keys.push((field, descending));
    }
    reservations.sort_by(|a, b| {
        for (field, descending) in &keys {
            let order = match field.as_str() {
                "arrival" => a.arrival.cmp(&b.arrival),
                "departure" => a.departure.cmp(&b.departure),
                "created" => a.created.cmp(&b.created),
                "updated" => a.modified.cmp(&b.modified),
                "id" => a.id.cmp(&b.id),
                "firstname" => guest_name(a, "firstName").cmp(&guest_name(b, "firstName")),
                _ => guest_name(a, "lastName").cmp(&guest_name(b, "lastName")),
            };
            let order = if *descending { order.reverse() } else { order };
            if order != Ordering::Equal {
                return order;
            }
        }
        Ordering::Equal
    });
    Ok(())
}

/// `GET /booking/v1/reservations`.
pub(crate) async fn list(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    authorize(&shared, &headers, scopes::READ)?;
    let params = Params::parse(query.as_deref());
    let f = filters(&params)?;
    let paging = params.paging()?;
    let view = view_from(&params, true);
    let now = shared.now();
    let state = shared.state();
    let mut found: Vec<&Reservation> = state
        .reservations
        .iter()
        .filter(|r| matches(&shared.catalog, &state, r, &f))
        .collect();
    sort(&mut found, &params)?;
    let count = found.len();
    let page = paging.page(found).map(|rs| {
        rs.into_iter()
            .map(|r| views::reservation(&shared.catalog, &state, r, now, view))
            .collect()
    });
    drop(state);
    Ok(list_response("reservations", page, count))
}

/// `GET /booking/v1/reservations/$count`.
pub(crate) async fn count(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    authorize(&shared, &headers, scopes::READ)?;
    let params = Params::parse(query.as_deref());
    let f = filters(&params)?;
    let state = shared.state();
    let count = state
        .reservations
        .iter()
        .filter(|r| matches(&shared.catalog, &state, r, &f))
        .count();
    Ok(ok_json(json!({ "count": count })))
}

/// One accepted patch operation.
enum Change {
    PrimaryGuest(serde_json::Map<String, Value>),
    Comment(Option<String>),
    GuestComment(Option<String>),
}

fn parse_patch(value: &Value) -> ApiResult<Vec<Change>> {
    let Value::Array(ops) = value else {
        return Err(ApiError::msg(
            "The request body must be a JSON Patch document (an array of operations).",
        ));
    };
    let mut changes = Vec::new();
    let mut messages = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        let kind = op
            .get("op")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let path = op.get("path").and_then(Value::as_str).unwrap_or_default();
        let normalized = path.trim_end_matches('/').to_ascii_lowercase();
        let value = op.get("value");
        match (kind.as_str(), normalized.as_str()) {
            ("replace", "/primaryguest") => {
                if let Some(guest) = validate_person(value, "PrimaryGuest", true, &mut messages) {
                    changes.push(Change::PrimaryGuest(guest));
                }
            }
            ("add" | "replace", "/comment" | "/guestcomment") => {
                let text = match value {
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(Value::Null) | None => None,
                    Some(other) => {
                        messages.push(format!(
                            "[{i}]: The value '{other}' is not valid for the path '{path}'."
                        ));
                        continue;
                    }
                };
                let text = text.filter(|t| !t.is_empty());
                changes.push(if normalized == "/comment" {
                    Change::Comment(text)
                } else {
                    Change::GuestComment(text)
                });
            }
            ("remove", "/comment") => changes.push(Change::Comment(None)),
            ("remove", "/guestcomment") => changes.push(Change::GuestComment(None)),
            _ => messages.push(format!(
                "The operation '{kind}' on the path '{path}' is not supported."
            )),
        }
    }
    if !messages.is_empty() {
        return Err(ApiError::Unprocessable(messages));
    }
    Ok(changes)
}

/// `PATCH /booking/v1/reservations/{id}`: `replace /primaryGuest`, `add|replace|remove
/// /comment` and `/guestComment`. 204.
pub(crate) async fn patch(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    authorize(&shared, &headers, scopes::MANAGE)?;
    let now = shared.now();
    {
        let mut state = shared.state();
        let reservation = state.reservation_mut(&id).ok_or(ApiError::NotFound)?;
        let value = json_body(&headers, &body)?;
        if matches!(reservation.status, Status::Canceled | Status::CheckedOut) {
            return Err(ApiError::msg(format!(
                "The reservation '{id}' cannot be modified because it is in status '{}'.",
                reservation.status.as_str()
            )));
        }
        let changes = parse_patch(&value)?;
        for change in changes {
            match change {
                Change::PrimaryGuest(guest) => reservation.primary_guest = Some(guest),
                Change::Comment(text) => reservation.comment = text,
                Change::GuestComment(text) => reservation.guest_comment = text,
            }
        }
        reservation.modified = now;
    }
    after_commit(&shared).await;
    Ok(StatusCode::NO_CONTENT.into_response())
}
