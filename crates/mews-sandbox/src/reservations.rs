//! Reservations: add, price, getAll (2023-06-06), update, cancel, confirm.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use crate::api::Ctx;
use crate::catalog::{in_scope, passes};
use crate::error::{
    ApiError, ApiResult, INVALID_STATE, NO_AVAILABILITY, NOT_CANCELLABLE, OVER_CAPACITY,
};
use crate::seed::{CONNECTOR_PROFILE_ID, Enterprise};
use crate::state::{Item, Note, ResState, Reservation, State};
use crate::wire::{
    Body, MAX_TIME_UNITS, amount, fmt_time, local_midnight, time_or_null, unit_date,
};

/// Most reservations in one add, update or cancel.
const MAX_BATCH: usize = 1000;

fn start_utc(e: &Enterprise, r: &Reservation) -> Value {
    time_or_null(local_midnight(e.tz, r.arrival))
}

fn end_utc(e: &Enterprise, r: &Reservation) -> Value {
    time_or_null(local_midnight(e.tz, r.departure))
}

fn person_counts(r: &Reservation) -> Value {
    Value::Array(
        r.person_counts
            .iter()
            .map(|(id, count)| json!({ "AgeCategoryId": id, "Count": count }))
            .collect(),
    )
}

fn options(r: &Reservation) -> Value {
    let checked_in = r.actual_start.is_some();
    json!({
        "OwnerCheckedIn": checked_in,
        "AllCompanionsCheckedIn": checked_in,
        "AnyCompanionCheckedIn": checked_in,
        "ConnectorCheckIn": false,
    })
}

/// The 2017-04-12 shape of add/update responses.
pub(crate) fn legacy_view(e: &Enterprise, r: &Reservation) -> Value {
    json!({
        "Id": r.id,
        "ServiceId": e.service_id,
        "GroupId": r.group_id,
        "Number": r.number,
        "ChannelNumber": r.channel_number,
        "ChannelManagerNumber": null,
        "ChannelManagerGroupNumber": null,
        "ChannelManager": null,
        "State": r.state.legacy_name(),
        "Origin": "Connector",
        "CommanderOrigin": null,
        "OriginDetails": null,
        "Purpose": null,
        "CreatedUtc": fmt_time(r.created),
        "UpdatedUtc": fmt_time(r.updated),
        "CancelledUtc": time_or_null(r.cancelled),
        "StartUtc": start_utc(e, r),
        "EndUtc": end_utc(e, r),
        "ReleasedUtc": null,
        "RequestedCategoryId": r.category_id,
        "AssignedResourceId": r.resource_id,
        "AssignedResourceLocked": false,
        "BusinessSegmentId": null,
        "CompanyId": null,
        "TravelAgencyId": null,
        "AvailabilityBlockId": null,
        "RateId": r.rate_id,
        "VoucherId": null,
        "CreditCardId": null,
        "CancellationReason": r.cancellation_reason,
        "OwnerId": r.customer_id,
        "CustomerId": r.customer_id,
        "BookerId": r.booker_id,
        "PersonCounts": person_counts(r),
        "Options": options(r),
    })
}

/// The 2023-06-06 read shape.
pub(crate) fn read_view(e: &Enterprise, r: &Reservation) -> Value {
    json!({
        "Id": r.id,
        "EnterpriseId": e.id,
        "ServiceId": e.service_id,
        "AccountId": r.customer_id,
        "AccountType": "Customer",
        "CreatorProfileId": CONNECTOR_PROFILE_ID,
        "UpdaterProfileId": CONNECTOR_PROFILE_ID,
        "BookerId": r.booker_id,
        "Number": r.number,
        "State": r.state.read_name(),
        "Origin": "Connector",
        "CommanderOrigin": null,
        "OriginDetails": null,
        "CreatedUtc": fmt_time(r.created),
        "UpdatedUtc": fmt_time(r.updated),
        "CancelledUtc": time_or_null(r.cancelled.filter(|_| r.state == ResState::Canceled)),
        "VoucherId": null,
        "BusinessSegmentId": null,
        "Options": options(r),
        "RateId": r.rate_id,
        "CreditCardId": null,
        "GroupId": r.group_id,
        "RequestedResourceCategoryId": r.category_id,
        "AssignedResourceId": r.resource_id,
        "AvailabilityBlockId": null,
        "PartnerCompanyId": null,
        "TravelAgencyId": null,
        "AssignedResourceLocked": false,
        "ChannelNumber": r.channel_number,
        "ChannelManagerNumber": null,
        "CancellationReason": r.cancellation_reason,
        "ReleasedUtc": null,
        "ScheduledStartUtc": start_utc(e, r),
        "ActualStartUtc": time_or_null(r.actual_start),
        "ScheduledEndUtc": end_utc(e, r),
        "ActualEndUtc": time_or_null(r.actual_end),
        "Purpose": null,
        "QrCodeData": null,
        "PersonCounts": person_counts(r),
    })
}

/// One entry of `Reservations` of add/price, validated.
#[derive(Debug)]
struct NewReservation {
    identifier: Value,
    state: ResState,
    arrival: NaiveDate,
    departure: NaiveDate,
    customer_id: Option<String>,
    booker_id: Option<String>,
    category_id: String,
    rate_id: String,
    person_counts: Vec<(String, u32)>,
    notes: Option<String>,
    channel_number: Option<String>,
}

fn midnight_date(e: &Enterprise, value: &Value, key: &str) -> ApiResult<NaiveDate> {
    value
        .as_str()
        .and_then(crate::wire::parse_time)
        .and_then(|t| unit_date(e.tz, t))
        .ok_or_else(|| ApiError::invalid(key))
}

fn check_stay(arrival: NaiveDate, departure: NaiveDate) -> ApiResult<()> {
    let nights = (departure - arrival).num_days();
    if !(1..=MAX_TIME_UNITS).contains(&nights) {
        return Err(ApiError::invalid("EndUtc"));
    }
    Ok(())
}

fn parse_person_counts(e: &Enterprise, value: &Value) -> ApiResult<Vec<(String, u32)>> {
    let invalid = || ApiError::invalid("PersonCounts");
    let items = value
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(invalid)?;
    items
        .iter()
        .map(|item| {
            let id = item
                .get("AgeCategoryId")
                .and_then(Value::as_str)
                .filter(|id| *id == e.adult_id || *id == e.child_id)
                .ok_or_else(invalid)?;
            let count = item
                .get("Count")
                .and_then(Value::as_u64)
                .and_then(|c| u32::try_from(c).ok())
                .filter(|c| *c > 0)
                .ok_or_else(invalid)?;
            Ok((id.to_owned(), count))
        })
        .collect()
}

fn check_capacity(e: &Enterprise, category_id: &str, counts: &[(String, u32)]) -> ApiResult<()> {
    let category = e
        .category(category_id)
        .ok_or_else(|| ApiError::invalid("RequestedCategoryId"))?;
    let persons: u32 = counts.iter().map(|(_, c)| *c).sum();
    if persons > category.capacity + category.extra_capacity {
        return Err(ApiError::Forbidden(OVER_CAPACITY.to_owned()));
    }
    Ok(())
}

fn parse_new(
    ctx: &Ctx<'_>,
    state: &State,
    value: &Value,
    require_customer: bool,
) -> ApiResult<NewReservation> {
    let e = ctx.enterprise;
    let map = value
        .as_object()
        .ok_or_else(|| ApiError::invalid("Reservations"))?;
    let body = Body(map);
    let identifier = body.get("Identifier").cloned().unwrap_or(Value::Null);
    let state_value = match body.opt_str("State")? {
        None | Some("Confirmed") => ResState::Confirmed,
        Some("Optional") => ResState::Optional,
        Some("Enquired") => ResState::Enquired,
        Some(_) => return Err(ApiError::invalid("State")),
    };
    let arrival = midnight_date(e, body.get("StartUtc").unwrap_or(&Value::Null), "StartUtc")?;
    let departure = midnight_date(e, body.get("EndUtc").unwrap_or(&Value::Null), "EndUtc")?;
    check_stay(arrival, departure)?;
    let customer_id = body.opt_str("CustomerId")?.map(str::to_owned);
    match &customer_id {
        Some(id) if state.customer(ctx.index, id).is_none() => {
            return Err(ApiError::invalid("CustomerId"));
        }
        None if require_customer => return Err(ApiError::invalid("CustomerId")),
        _ => {}
    }
    let booker_id = body.opt_str("BookerId")?.map(str::to_owned);
    if booker_id
        .as_deref()
        .is_some_and(|id| state.customer(ctx.index, id).is_none())
    {
        return Err(ApiError::invalid("BookerId"));
    }
    let category_id = body.req_str("RequestedCategoryId")?;
    if e.category(category_id).is_none() {
        return Err(ApiError::invalid("RequestedCategoryId"));
    }
    let rate_id = body.req_str("RateId")?;
    if e.rate(rate_id).is_none() {
        return Err(ApiError::invalid("RateId"));
    }
    let person_counts = parse_person_counts(e, body.get("PersonCounts").unwrap_or(&Value::Null))?;
    let notes = body
        .opt_str("Notes")?
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    let channel_number = body
        .opt_str("ChannelNumber")?
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    Ok(NewReservation {
        identifier,
        state: state_value,
        arrival,
        departure,
        customer_id,
        booker_id,
        category_id: category_id.to_owned(),
        rate_id: rate_id.to_owned(),
        person_counts,
        notes,
        channel_number,
    })
}

fn check_service(ctx: &Ctx<'_>, body: &Body<'_>) -> ApiResult<()> {
    if body.req_str("ServiceId")? == ctx.enterprise.service_id {
        Ok(())
    } else {
        Err(ApiError::invalid("ServiceId"))
    }
}

fn parse_batch(
    ctx: &Ctx<'_>,
    state: &State,
    body: &Body<'_>,
    require_customer: bool,
) -> ApiResult<Vec<NewReservation>> {
    check_service(ctx, body)?;
    let items = body
        .get("Reservations")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty() && a.len() <= MAX_BATCH)
        .ok_or_else(|| ApiError::invalid("Reservations"))?;
    items
        .iter()
        .map(|item| parse_new(ctx, state, item, require_customer))
        .collect()
}

/// The gross prices of the nights.
fn nightly(
    e: &Enterprise,
    category_id: &str,
    rate_id: &str,
    arrival: NaiveDate,
    departure: NaiveDate,
) -> ApiResult<Vec<(NaiveDate, Decimal)>> {
    let category = e
        .category(category_id)
        .ok_or_else(|| ApiError::invalid("RequestedCategoryId"))?;
    let rate = e.rate(rate_id).ok_or_else(|| ApiError::invalid("RateId"))?;
    Ok(arrival
        .iter_days()
        .take_while(|d| *d < departure)
        .map(|d| (d, e.nightly_gross(category, rate, d)))
        .collect())
}

/// `reservations/add`.
pub(crate) fn add(ctx: &Ctx<'_>, state: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let e = ctx.enterprise;
    let batch = parse_batch(ctx, state, body, true)?;
    let check_overbooking = body.opt_bool("CheckOverbooking")?.unwrap_or(true);
    // Capacity and availability of the whole batch before anything is stored.
    let mut accepted: Vec<(&str, NaiveDate, NaiveDate)> = Vec::new();
    for item in &batch {
        check_capacity(e, &item.category_id, &item.person_counts)?;
        if check_overbooking {
            for night in item.arrival.iter_days().take_while(|d| *d < item.departure) {
                let earlier = accepted
                    .iter()
                    .filter(|(c, a, d)| *c == item.category_id && *a <= night && night < *d)
                    .count();
                let free = state.availability(e, &item.category_id, night, None)
                    - i64::try_from(earlier).unwrap_or(0);
                if free < 1 {
                    return Err(ApiError::Forbidden(NO_AVAILABILITY.to_owned()));
                }
            }
        }
        accepted.push((&item.category_id, item.arrival, item.departure));
    }
    let group_id = match body.opt_str("GroupId")? {
        Some(id) => id.to_owned(),
        None => state.next_id("9e0a"),
    };
    let mut out = Vec::new();
    for item in batch {
        let prices = nightly(
            e,
            &item.category_id,
            &item.rate_id,
            item.arrival,
            item.departure,
        )?;
        let id = state.next_id("4e5e");
        let number = state.next_reservation_number(ctx.index);
        let resource_id =
            state.free_resource(e, &item.category_id, item.arrival, item.departure, None);
        let items = prices
            .into_iter()
            .map(|(night, gross)| Item {
                id: state.next_id("07de"),
                night,
                gross,
                created: ctx.now,
                updated: ctx.now,
                canceled: None,
            })
            .collect();
        let reservation = Reservation {
            enterprise: ctx.index,
            id: id.clone(),
            group_id: group_id.clone(),
            number,
            channel_number: item.channel_number,
            state: item.state,
            created: ctx.now,
            updated: ctx.now,
            cancelled: None,
            cancellation_reason: None,
            arrival: item.arrival,
            departure: item.departure,
            category_id: item.category_id,
            resource_id,
            rate_id: item.rate_id,
            customer_id: item.customer_id.unwrap_or_default(),
            booker_id: item.booker_id,
            person_counts: item.person_counts,
            actual_start: None,
            actual_end: None,
            items,
        };
        if let Some(text) = item.notes {
            let note = Note {
                enterprise: ctx.index,
                id: state.next_id("0a7e"),
                order_id: id.clone(),
                text,
                created: ctx.now,
                updated: ctx.now,
            };
            state.notes.push(note);
        }
        out.push(json!({
            "Identifier": item.identifier,
            "Reservation": legacy_view(e, &reservation),
        }));
        state.reservations.push(reservation);
    }
    Ok(json!({ "Reservations": out }))
}

/// `reservations/price`: the total of the nightly gross prices per entry (no availability or
/// capacity check, `CustomerId` optional).
pub(crate) fn price(ctx: &Ctx<'_>, state: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let e = ctx.enterprise;
    let batch = parse_batch(ctx, state, body, false)?;
    let mut out = Vec::new();
    for item in batch {
        let total: Decimal = nightly(
            e,
            &item.category_id,
            &item.rate_id,
            item.arrival,
            item.departure,
        )?
        .into_iter()
        .map(|(_, gross)| gross)
        .sum();
        out.push(json!({ "Identifier": item.identifier, "TotalAmount": amount(e, total) }));
    }
    Ok(json!({ "ReservationPrices": out }))
}

/// `reservations/getAll/2023-06-06`.
pub(crate) fn get_all(ctx: &Ctx<'_>, state: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let e = ctx.enterprise;
    let ids = body.opt_str_list("ReservationIds")?;
    let numbers = body.opt_str_list("Numbers")?;
    let channel_numbers = body.opt_str_list("ChannelNumbers")?;
    if channel_numbers.as_ref().is_some_and(|c| c.len() > 100) {
        return Err(ApiError::invalid("ChannelNumbers"));
    }
    let accounts = body.opt_str_list("AccountIds")?;
    let groups = body.opt_str_list("ReservationGroupIds")?;
    let services = body.opt_str_list("ServiceIds")?;
    let scheduled_start = body.opt_interval("ScheduledStartUtc")?;
    let scheduled_end = body.opt_interval("ScheduledEndUtc")?;
    let colliding = body.opt_interval("CollidingUtc")?;
    let created = body.opt_interval("CreatedUtc")?;
    let updated = body.opt_interval("UpdatedUtc")?;
    let states = body
        .opt_str_list("States")?
        .map(|list| {
            list.iter()
                .map(|s| ResState::from_read_name(s))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| ApiError::invalid("States"))
        })
        .transpose()?;
    let limitation = body.limitation()?;
    let has_filter = ids.is_some()
        || numbers.is_some()
        || channel_numbers.is_some()
        || accounts.is_some()
        || groups.is_some()
        || scheduled_start.is_some()
        || scheduled_end.is_some()
        || colliding.is_some()
        || created.is_some()
        || updated.is_some();
    if !has_filter {
        return Err(ApiError::BadRequest(
            "At least one filter (ReservationIds, Numbers, ChannelNumbers, AccountIds, ReservationGroupIds or a time filter) is required."
                .to_owned(),
        ));
    }
    let visible = in_scope(body, "EnterpriseIds", e.id)? && passes(services.as_ref(), e.service_id);
    let items: Vec<(String, Value)> = state
        .reservations
        .iter()
        .rev()
        .filter(|r| {
            let start = local_midnight(e.tz, r.arrival);
            let end = local_midnight(e.tz, r.departure);
            visible
                && r.enterprise == ctx.index
                && passes(ids.as_ref(), &r.id)
                && passes(numbers.as_ref(), &r.number)
                && channel_numbers.as_ref().is_none_or(|list| {
                    r.channel_number
                        .as_ref()
                        .is_some_and(|c| list.iter().any(|l| l == c))
                })
                && passes(accounts.as_ref(), &r.customer_id)
                && passes(groups.as_ref(), &r.group_id)
                && states.as_ref().is_none_or(|s| s.contains(&r.state))
                && scheduled_start.is_none_or(|i| start.is_some_and(|t| i.contains(t)))
                && scheduled_end.is_none_or(|i| end.is_some_and(|t| i.contains(t)))
                && colliding.is_none_or(|i| {
                    start.zip(end).is_some_and(|(s, t)| {
                        if i.start == i.end {
                            s <= i.start && i.start < t
                        } else {
                            s < i.end && i.start < t
                        }
                    })
                })
                && created.is_none_or(|i| i.contains(r.created))
                && updated.is_none_or(|i| i.contains(r.updated))
        })
        .map(|r| (r.id.clone(), read_view(e, r)))
        .collect();
    let (items, cursor) = crate::wire::page(items, &limitation)?;
    Ok(json!({ "Reservations": items, "Cursor": cursor }))
}

/// One `UpdateValue`: absent/`null`/`{}` keeps, `{"Value": x}` sets (x may be `null`).
enum Update<'a> {
    Keep,
    Set(&'a Value),
}

fn update_value<'a>(map: &'a Map<String, Value>, key: &str) -> ApiResult<Update<'a>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(Update::Keep),
        Some(Value::Object(inner)) => Ok(inner.get("Value").map_or(Update::Keep, Update::Set)),
        Some(_) => Err(ApiError::invalid(key)),
    }
}

/// A non-nullable string `UpdateValue`.
fn set_str<'a>(map: &'a Map<String, Value>, key: &str) -> ApiResult<Option<&'a str>> {
    match update_value(map, key)? {
        Update::Keep => Ok(None),
        Update::Set(Value::String(s)) if !s.is_empty() => Ok(Some(s)),
        Update::Set(_) => Err(ApiError::invalid(key)),
    }
}

/// A nullable string `UpdateValue`: `Some(None)` clears.
fn set_opt_str<'a>(map: &'a Map<String, Value>, key: &str) -> ApiResult<Option<Option<&'a str>>> {
    match update_value(map, key)? {
        Update::Keep => Ok(None),
        Update::Set(Value::Null) => Ok(Some(None)),
        Update::Set(Value::String(s)) => Ok(Some(Some(s.as_str()).filter(|s| !s.is_empty()))),
        Update::Set(_) => Err(ApiError::invalid(key)),
    }
}

/// Applies one entry of `ReservationUpdates` to the state.
fn apply_update(
    ctx: &Ctx<'_>,
    state: &mut State,
    value: &Value,
    reprice: bool,
    check_overbooking: bool,
) -> ApiResult<String> {
    let e = ctx.enterprise;
    let map = value
        .as_object()
        .ok_or_else(|| ApiError::invalid("ReservationUpdates"))?;
    let id = Body(map).req_str("ReservationId")?;
    let index = state
        .reservation_index(ctx.index, id)
        .ok_or_else(|| ApiError::invalid("ReservationId"))?;
    let current = state
        .reservations
        .get(index)
        .cloned()
        .ok_or_else(|| ApiError::invalid("ReservationId"))?;
    if matches!(current.state, ResState::Canceled | ResState::Processed) {
        return Err(ApiError::Forbidden(INVALID_STATE.to_owned()));
    }
    let mut next = current.clone();
    if let Update::Set(v) = update_value(map, "StartUtc")? {
        next.arrival = midnight_date(e, v, "StartUtc")?;
    }
    if let Update::Set(v) = update_value(map, "EndUtc")? {
        next.departure = midnight_date(e, v, "EndUtc")?;
    }
    check_stay(next.arrival, next.departure)?;
    if let Update::Set(v) = update_value(map, "PersonCounts")? {
        next.person_counts = parse_person_counts(e, v)?;
    }
    if let Some(category) = set_str(map, "RequestedCategoryId")? {
        if e.category(category).is_none() {
            return Err(ApiError::invalid("RequestedCategoryId"));
        }
        next.category_id = category.to_owned();
    }
    if let Some(rate) = set_str(map, "RateId")? {
        if e.rate(rate).is_none() {
            return Err(ApiError::invalid("RateId"));
        }
        next.rate_id = rate.to_owned();
    }
    if let Some(channel) = set_opt_str(map, "ChannelNumber")? {
        next.channel_number = channel.map(str::to_owned);
    }
    if let Some(booker) = set_opt_str(map, "BookerId")? {
        if booker.is_some_and(|b| state.customer(ctx.index, b).is_none()) {
            return Err(ApiError::invalid("BookerId"));
        }
        next.booker_id = booker.map(str::to_owned);
    }
    check_capacity(e, &next.category_id, &next.person_counts)?;
    let moved = next.arrival != current.arrival
        || next.departure != current.departure
        || next.category_id != current.category_id;
    if moved {
        if check_overbooking {
            for night in next.nights() {
                if state.availability(e, &next.category_id, night, Some(id)) < 1 {
                    return Err(ApiError::Forbidden(NO_AVAILABILITY.to_owned()));
                }
            }
        }
        let keeps_room = next.category_id == current.category_id
            && next.resource_id.as_deref().is_some_and(|room| {
                !state.reservations.iter().any(|r| {
                    r.id != id
                        && r.state != ResState::Canceled
                        && r.resource_id.as_deref() == Some(room)
                        && r.arrival < next.departure
                        && next.arrival < r.departure
                })
            });
        if !keeps_room {
            next.resource_id =
                state.free_resource(e, &next.category_id, next.arrival, next.departure, Some(id));
        }
    }
    let prices = nightly(
        e,
        &next.category_id,
        &next.rate_id,
        next.arrival,
        next.departure,
    )?;
    let mut items = Vec::new();
    for (night, gross) in prices {
        match current.items.iter().find(|i| i.night == night) {
            Some(old) => {
                let mut item = old.clone();
                if reprice && item.gross != gross {
                    item.gross = gross;
                    item.updated = ctx.now;
                }
                items.push(item);
            }
            None => items.push(Item {
                id: state.next_id("07de"),
                night,
                gross,
                created: ctx.now,
                updated: ctx.now,
                canceled: None,
            }),
        }
    }
    next.items = items;
    next.updated = ctx.now;
    if let Some(slot) = state.reservations.get_mut(index) {
        *slot = next;
    }
    Ok(id.to_owned())
}

/// `reservations/update` (UpdateValue semantics; all or nothing).
pub(crate) fn update(ctx: &Ctx<'_>, state: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let updates = body
        .get("ReservationUpdates")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty() && a.len() <= MAX_BATCH)
        .ok_or_else(|| ApiError::invalid("ReservationUpdates"))?;
    let reprice = body.opt_bool("Reprice")?.unwrap_or(true);
    let check_overbooking = body.opt_bool("CheckOverbooking")?.unwrap_or(true);
    body.opt_bool("ApplyCancellationFee")?;
    body.opt_str("Reason")?;
    let backup = state.reservations.clone();
    let mut ids = Vec::new();
    for value in updates {
        match apply_update(ctx, state, value, reprice, check_overbooking) {
            Ok(id) => ids.push(id),
            Err(error) => {
                state.reservations = backup;
                return Err(error);
            }
        }
    }
    let e = ctx.enterprise;
    let out: Vec<Value> = ids
        .iter()
        .filter_map(|id| state.reservation_index(ctx.index, id))
        .filter_map(|i| state.reservations.get(i))
        .map(|r| legacy_view(e, r))
        .collect();
    Ok(json!({ "Reservations": out, "ReservationGroups": null, "Cursor": null }))
}

fn reservation_ids(ctx: &Ctx<'_>, state: &State, body: &Body<'_>) -> ApiResult<Vec<usize>> {
    let ids = body.req_str_list("ReservationIds")?;
    ids.iter()
        .map(|id| {
            state
                .reservation_index(ctx.index, id)
                .ok_or_else(|| ApiError::invalid("ReservationIds"))
        })
        .collect()
}

/// `reservations/cancel` (all or nothing; `Notes` required).
pub(crate) fn cancel(ctx: &Ctx<'_>, state: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let indexes = reservation_ids(ctx, state, body)?;
    if body.opt_str("Notes")?.is_none() {
        return Err(ApiError::invalid("Notes"));
    }
    body.opt_bool("PostCancellationFee")?;
    body.opt_bool("SendEmail")?;
    let cancellable = indexes.iter().all(|i| {
        state.reservations.get(*i).is_some_and(|r| {
            matches!(
                r.state,
                ResState::Enquired | ResState::Requested | ResState::Optional | ResState::Confirmed
            )
        })
    });
    if !cancellable {
        return Err(ApiError::Forbidden(NOT_CANCELLABLE.to_owned()));
    }
    let mut ids = Vec::new();
    for i in indexes {
        if let Some(r) = state.reservations.get_mut(i) {
            cancel_one(r, ctx.now, "Other");
            ids.push(r.id.clone());
        }
    }
    Ok(json!({ "ReservationIds": ids }))
}

/// Cancels a reservation and its order items.
pub(crate) fn cancel_one(
    r: &mut Reservation,
    now: chrono::DateTime<chrono::Utc>,
    reason: &'static str,
) {
    r.state = ResState::Canceled;
    r.cancelled = Some(now);
    r.cancellation_reason = Some(reason);
    r.updated = now;
    for item in &mut r.items {
        item.canceled = Some(now);
        item.updated = now;
    }
}

/// `reservations/confirm`: `Optional` → `Confirmed`.
pub(crate) fn confirm(ctx: &Ctx<'_>, state: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let indexes = reservation_ids(ctx, state, body)?;
    let all_optional = indexes.iter().all(|i| {
        state
            .reservations
            .get(*i)
            .is_some_and(|r| r.state == ResState::Optional)
    });
    if !all_optional {
        return Err(ApiError::Forbidden(INVALID_STATE.to_owned()));
    }
    let mut ids = Vec::new();
    for i in indexes {
        if let Some(r) = state.reservations.get_mut(i) {
            r.state = ResState::Confirmed;
            r.updated = ctx.now;
            ids.push(r.id.clone());
        }
    }
    Ok(json!({ "ReservationIds": ids }))
}
