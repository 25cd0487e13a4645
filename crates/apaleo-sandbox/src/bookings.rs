//! `/booking/v1/bookings`: create (with `Idempotency-Key`), get, search.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::api::{after_commit, authorize, json_body, list_response, ok_json, scopes, typed};
use crate::catalog::{Catalog, Guarantee};
use crate::error::{ApiError, ApiResult};
use crate::people::{search_texts, validate_person};
use crate::query::Params;
use crate::rateplan::CHANNELS;
use crate::state::{Booking, IdempotentResponse, Reservation, Shared, State as Store, Status};
use crate::stay::{self, MoneyIn, SliceIn, StayIn};
use crate::views;
use crate::wire;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateBookingIn {
    booker: Option<Value>,
    comment: Option<String>,
    booker_comment: Option<String>,
    reservations: Option<Vec<CreateReservationIn>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateReservationIn {
    arrival: Option<String>,
    departure: Option<String>,
    adults: Option<i64>,
    children_ages: Option<Vec<i64>>,
    comment: Option<String>,
    guest_comment: Option<String>,
    external_code: Option<String>,
    channel_code: Option<String>,
    source: Option<String>,
    primary_guest: Option<Value>,
    additional_guests: Option<Vec<Value>>,
    guarantee_type: Option<String>,
    travel_purpose: Option<String>,
    time_slices: Option<Vec<TimeSliceIn>>,
    services: Option<Vec<Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TimeSliceIn {
    rate_plan_id: Option<String>,
    total_amount: Option<MoneyIn>,
}

/// A reservation that passed model validation.
struct Draft<'c> {
    stay: stay::Stay<'c>,
    input: CreateReservationIn,
    guarantee: Option<Guarantee>,
    primary_guest: Option<Map<String, Value>>,
    additional_guests: Vec<Map<String, Value>>,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// Validates and commits a booking; returns (booking id, reservation ids).
fn create_booking(
    catalog: &Catalog,
    state: &mut Store,
    value: &Value,
    now: DateTime<Utc>,
) -> ApiResult<(String, Vec<String>)> {
    let input: CreateBookingIn = typed(value)?;
    let mut messages = Vec::new();
    let booker = validate_person(input.booker.as_ref(), "Booker", true, &mut messages);
    let reservations = input.reservations.unwrap_or_default();
    if reservations.is_empty() {
        messages.push("Reservations: The Reservations field is required.".to_owned());
    }
    let mut drafts: Vec<Draft<'_>> = Vec::new();
    for (i, r) in reservations.into_iter().enumerate() {
        let p = format!("Reservations[{i}]");
        match r.channel_code.as_deref() {
            None | Some("") => messages.push(format!(
                "{p}.ChannelCode: The ChannelCode field is required."
            )),
            Some("Homelike") => messages.push(format!(
                "{p}.ChannelCode: The channel Homelike no longer accepts new bookings."
            )),
            Some(code) if !CHANNELS.contains(&code) => messages.push(format!(
                "{p}.ChannelCode: The value '{code}' is not valid for ChannelCode."
            )),
            Some("ChannelManager") if r.source.as_deref().is_none_or(str::is_empty) => {
                messages.push(
                    "Source is required for ChannelManager channel and should be configured."
                        .to_owned(),
                );
            }
            Some(code) if code != "ChannelManager" && r.source.is_some() => messages.push(format!(
                "{p}.Source: Source must be omitted for channel code '{code}'."
            )),
            Some(_) => {}
        }
        let guarantee = match r.guarantee_type.as_deref() {
            None => None,
            Some(g) => {
                let parsed = Guarantee::parse(g);
                if parsed.is_none() {
                    messages.push(format!(
                        "{p}.GuaranteeType: The value '{g}' is not valid for GuaranteeType."
                    ));
                }
                parsed
            }
        };
        if let Some(purpose) = r.travel_purpose.as_deref()
            && purpose != "Business"
            && purpose != "Leisure"
        {
            messages.push(format!(
                "{p}.TravelPurpose: The value '{purpose}' is not valid for TravelPurpose."
            ));
        }
        if let Some(services) = &r.services
            && let Some(service) = services.first()
        {
            let id = service
                .get("serviceId")
                .and_then(Value::as_str)
                .unwrap_or_default();
            messages.push(format!(
                "{p}.Services[0].ServiceId: The service '{id}' could not be found."
            ));
        }
        let primary_guest = validate_person(
            r.primary_guest.as_ref(),
            &format!("{p}.PrimaryGuest"),
            false,
            &mut messages,
        );
        let mut additional_guests = Vec::new();
        for (j, guest) in r.additional_guests.iter().flatten().enumerate() {
            if let Some(g) = validate_person(
                Some(guest),
                &format!("{p}.AdditionalGuests[{j}]"),
                true,
                &mut messages,
            ) {
                additional_guests.push(g);
            }
        }
        let stay_in = StayIn {
            prefix: format!("{p}."),
            arrival: r.arrival.as_deref(),
            departure: r.departure.as_deref(),
            adults: r.adults,
            children_ages: r.children_ages.as_deref(),
            slices: r.time_slices.as_ref().map(|slices| {
                slices
                    .iter()
                    .map(|s| SliceIn {
                        rate_plan_id: s.rate_plan_id.clone(),
                        amount: s.total_amount.clone(),
                    })
                    .collect()
            }),
        };
        if let Some(stay) = stay::validate(catalog, &stay_in, &mut messages) {
            drafts.push(Draft {
                stay,
                input: r,
                guarantee,
                primary_guest,
                additional_guests,
            });
        }
    }
    if !messages.is_empty() {
        return Err(ApiError::Unprocessable(messages));
    }
    let Some(booker) = booker else {
        return Err(ApiError::msg("Booker: The Booker field is required."));
    };
    let mut pending: HashMap<(String, NaiveDate), u32> = HashMap::new();
    for draft in &drafts {
        let today = wire::local_date(now, draft.stay.property.tz);
        draft.stay.check_rules(Some(today)).map_err(ApiError::msg)?;
        if let Some(g) = draft.guarantee {
            draft.stay.check_guarantee(g).map_err(ApiError::msg)?;
        }
        draft
            .stay
            .check_availability(state, &pending, None)
            .map_err(ApiError::msg)?;
        for night in draft.stay.night_dates() {
            *pending
                .entry((draft.stay.unit_group.id.clone(), night))
                .or_default() += 1;
        }
    }
    let booking_id = state.new_booking_id();
    let mut reservation_ids = Vec::with_capacity(drafts.len());
    for (i, draft) in drafts.into_iter().enumerate() {
        let id = format!("{booking_id}-{}", i + 1);
        let stay = draft.stay;
        state.reservations.push(Reservation {
            id: id.clone(),
            booking_id: booking_id.clone(),
            property_id: stay.property.id,
            unit_group_id: stay.unit_group.id.clone(),
            status: Status::Confirmed,
            arrival: stay.arrival,
            departure: stay.departure,
            adults: stay.adults,
            children_ages: stay.children_ages.clone(),
            slices: stay.price(catalog),
            guarantee: draft.guarantee.unwrap_or_else(|| stay.min_guarantee()),
            channel_code: draft.input.channel_code.unwrap_or_default(),
            source: non_empty(draft.input.source),
            primary_guest: draft.primary_guest,
            additional_guests: draft.additional_guests,
            comment: non_empty(draft.input.comment),
            guest_comment: non_empty(draft.input.guest_comment),
            external_code: non_empty(draft.input.external_code),
            travel_purpose: draft.input.travel_purpose,
            created: now,
            modified: now,
            cancellation_time: None,
            check_in_time: None,
            check_out_time: None,
            no_show_time: None,
        });
        reservation_ids.push(id);
    }
    state.bookings.push(Booking {
        id: booking_id.clone(),
        booker,
        comment: non_empty(input.comment),
        booker_comment: non_empty(input.booker_comment),
        created: now,
        modified: now,
        reservation_ids: reservation_ids.clone(),
    });
    Ok((booking_id, reservation_ids))
}

fn created(body: &Value, location: &str) -> Response {
    let mut response = (StatusCode::CREATED, axum::Json(body.clone())).into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// `POST /booking/v1/bookings`.
pub(crate) async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let client_id = authorize(&shared, &headers, scopes::CREATE)?;
    let value = json_body(&headers, &body)?;
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_owned);
    let now = shared.now();
    let (body, location) = {
        let mut state = shared.state();
        state.purge_idempotency(now);
        if let Some(key) = &key
            && let Some(stored) = state.idempotency.get(&(client_id.clone(), key.clone()))
        {
            if stored.request == value {
                return Ok(created(&stored.body, &stored.location));
            }
            return Err(ApiError::msg(format!(
                "The Idempotency-Key '{key}' has already been used with different request parameters."
            )));
        }
        let (booking_id, reservation_ids) =
            create_booking(&shared.catalog, &mut state, &value, now)?;
        let body = json!({
            "id": booking_id,
            "reservationIds": reservation_ids.iter().map(|id| json!({ "id": id })).collect::<Vec<_>>(),
        });
        let location = format!("/booking/v1/bookings/{booking_id}");
        if let Some(key) = key {
            state.idempotency.insert(
                (client_id, key),
                IdempotentResponse {
                    request: value,
                    body: body.clone(),
                    location: location.clone(),
                    stored_at: now,
                },
            );
        }
        (body, location)
    };
    shared
        .counters
        .bookings_created
        .fetch_add(1, Ordering::Relaxed);
    after_commit(&shared).await;
    Ok(created(&body, &location))
}

/// `GET /booking/v1/bookings/{id}`.
pub(crate) async fn get_one(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    authorize(&shared, &headers, scopes::READ)?;
    let state = shared.state();
    let booking = state.booking(&id).ok_or(ApiError::NotFound)?;
    Ok(ok_json(views::booking(&shared.catalog, &state, booking)))
}

/// `GET /booking/v1/bookings`: `bookingIds`, `reservationId`, `externalCode` (prefix of a
/// reservation's external code), `channelCode`, `textSearch` (booker first/last name, email,
/// company name; case-insensitive), paging.
pub(crate) async fn list(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    authorize(&shared, &headers, scopes::READ)?;
    let params = Params::parse(query.as_deref());
    let ids = params.list("bookingIds");
    let reservation_id = params.get("reservationId");
    let external = params.get("externalCode");
    let channels = params.list("channelCode");
    let text = params.get("textSearch").map(str::to_lowercase);
    let paging = params.paging()?;
    let state = shared.state();
    let items: Vec<Value> = state
        .bookings
        .iter()
        .filter(|b| ids.is_empty() || ids.contains(&b.id))
        .filter(|b| reservation_id.is_none_or(|r| b.reservation_ids.iter().any(|id| id == r)))
        .filter(|b| {
            let reservations: Vec<&Reservation> = b
                .reservation_ids
                .iter()
                .filter_map(|id| state.reservation(id))
                .collect();
            external.is_none_or(|e| {
                reservations
                    .iter()
                    .any(|r| r.external_code.as_deref().is_some_and(|c| c.starts_with(e)))
            }) && (channels.is_empty()
                || reservations
                    .iter()
                    .any(|r| channels.contains(&r.channel_code)))
        })
        .filter(|b| {
            text.as_deref()
                .is_none_or(|t| search_texts(&b.booker).iter().any(|s| s.contains(t)))
        })
        .map(|b| views::booking(&shared.catalog, &state, b))
        .collect();
    drop(state);
    let count = items.len();
    Ok(list_response("bookings", paging.page(items), count))
}
