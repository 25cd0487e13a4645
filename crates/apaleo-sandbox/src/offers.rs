//! `GET /booking/v1/offers`.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::api::{authorize, ok_json, scopes};
use crate::catalog::{PlanKind, UnitGroup};
use crate::error::{ApiError, ApiResult};
use crate::query::{Params, invalid_value, parse_stay_date};
use crate::rateplan::CHANNELS;
use crate::state::Shared;
use crate::views::{arrival_instant, cancellation_fee, departure_instant, no_show_fee};
use crate::wire::{self, check_in_time, check_out_time, local};

/// `GET /booking/v1/offers?propertyId&arrival&departure&adults[&childrenAges]`: one offer per
/// bookable rate plan, ordered by unit group rank, flexible before non-refundable; 204 when none.
pub(crate) async fn offers(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    authorize(&shared, &headers, scopes::OFFERS)?;
    let params = Params::parse(query.as_deref());
    let property_id = params.required("propertyId")?;
    let arrival_raw = params.required("arrival")?;
    let departure_raw = params.required("departure")?;
    let adults = params
        .int("adults")?
        .ok_or_else(|| ApiError::msg("The adults field is required."))?;
    if adults < 1 {
        return Err(ApiError::msg(
            "The field Adults must be between 1 and 2147483647.",
        ));
    }
    let adults = u32::try_from(adults).unwrap_or(1);
    let children = params.int_list("childrenAges")?;
    if children.iter().any(|a| !(0..=17).contains(a)) {
        return Err(ApiError::msg(
            "The field ChildrenAges must only contain ages between 0 and 17.",
        ));
    }
    if let Some(channel) = params.get("channelCode")
        && !CHANNELS.contains(&channel)
    {
        return Err(invalid_value(channel, "channelCode"));
    }
    let unit_group_ids = params.list("unitGroupIds");
    let types = params.list("unitGroupTypes");
    let include_unavailable = params.bool("includeUnavailable")?.unwrap_or(false);
    let day_use = params
        .get("timeSliceTemplate")
        .is_some_and(|t| t.eq_ignore_ascii_case("DayUse"));
    let catalog = &shared.catalog;
    let property = catalog.property(property_id).ok_or(ApiError::NotFound)?;
    let arrival = parse_stay_date(arrival_raw, property.tz)
        .ok_or_else(|| invalid_value(arrival_raw, "arrival"))?;
    let departure = parse_stay_date(departure_raw, property.tz)
        .ok_or_else(|| invalid_value(departure_raw, "departure"))?;
    let now = shared.now();
    let today = wire::local_date(now, property.tz);
    if departure <= arrival || departure > arrival + Duration::days(5 * 365 + 1) {
        return Err(ApiError::msg(
            "The specified condition was not met for 'Departure'.",
        ));
    }
    if arrival < today {
        return Err(ApiError::msg(
            "The specified condition was not met for 'Arrival'.",
        ));
    }
    if day_use {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let nights: Vec<NaiveDate> = (0..(departure - arrival).num_days())
        .map(|i| arrival + Duration::days(i))
        .collect();
    let persons = adults.saturating_add(u32::try_from(children.len()).unwrap_or(u32::MAX));
    let groups: Vec<&UnitGroup> = catalog
        .unit_groups_of(property.id)
        .into_iter()
        .filter(|u| unit_group_ids.is_empty() || unit_group_ids.contains(&u.id))
        .filter(|_| types.is_empty() || types.iter().any(|t| t == "BedRoom"))
        .collect();
    let state = shared.state();
    let mut offers = Vec::new();
    for unit_group in groups {
        let free: Vec<u32> = nights
            .iter()
            .map(|n| {
                unit_group
                    .member_count
                    .saturating_sub(state.sold(&unit_group.id, *n, None))
            })
            .collect();
        let available = free.iter().copied().min().unwrap_or(0);
        let mut messages = Vec::new();
        if persons > unit_group.max_persons {
            messages.push(json!({
                "code": "UnitGroupCapacityExceeded",
                "message": format!(
                    "The unit group '{}' can accommodate at most {} persons.",
                    unit_group.id, unit_group.max_persons
                ),
            }));
        }
        if available == 0 {
            messages.push(json!({
                "code": "UnitGroupFullyBooked",
                "message": format!("The unit group '{}' is fully booked.", unit_group.id),
            }));
        }
        if !messages.is_empty() && !include_unavailable {
            continue;
        }
        for kind in [PlanKind::Flex, PlanKind::NonRef] {
            let Some(plan) = catalog
                .rate_plans
                .iter()
                .find(|p| p.unit_group_id == unit_group.id && p.kind == kind)
            else {
                continue;
            };
            let grosses: Vec<Decimal> = nights
                .iter()
                .map(|n| catalog.night_gross(plan, unit_group, *n, adults, children.len()))
                .collect();
            let total: Decimal = grosses.iter().copied().sum();
            let cur = property.currency;
            let slices: Vec<Value> = nights
                .iter()
                .zip(&grosses)
                .zip(&free)
                .map(|((night, gross), free)| {
                    json!({
                        "from": wire::fmt_seconds(local(property.tz, *night, check_in_time())),
                        "to": wire::fmt_seconds(local(property.tz, *night + Duration::days(1), check_out_time())),
                        "availableUnits": free,
                        "baseAmount": property.base_amount(*gross),
                        "totalGrossAmount": wire::money(*gross, cur),
                    })
                })
                .collect();
            let city_dates: Vec<(NaiveDate, Decimal)> = nights
                .iter()
                .zip(&grosses)
                .map(|(night, gross)| (*night, property.city_tax_for_night(*gross, adults)))
                .collect();
            let city_total: Decimal = city_dates.iter().map(|(_, a)| *a).sum();
            let mut offer = json!({
                "arrival": wire::fmt_seconds(arrival_instant(property, arrival)),
                "departure": wire::fmt_seconds(departure_instant(property, departure)),
                "unitGroup": {
                    "id": unit_group.id,
                    "code": unit_group.code,
                    "name": unit_group.name,
                    "description": unit_group.description,
                    "maxPersons": unit_group.max_persons,
                    "rank": unit_group.rank,
                    "type": "BedRoom",
                },
                "ratePlan": plan.embedded(),
                "minGuaranteeType": plan.min_guarantee().as_str(),
                "availableUnits": available,
                "totalGrossAmount": wire::money(total, cur),
                "cancellationFee": cancellation_fee(property, plan, arrival, &grosses, now, false),
                "noShowFee": no_show_fee(property, plan, &grosses, false),
                "timeSlices": slices,
                "taxDetails": property.tax_details(&grosses),
                "isCorporate": false,
                "prePaymentAmount": wire::money(
                    if kind == PlanKind::NonRef { total } else { Decimal::ZERO },
                    cur,
                ),
                "cityTaxes": [{
                    "id": property.city_tax_id(),
                    "code": "CITYTAX",
                    "name": property.city_tax_name(),
                    "totalGrossAmount": wire::money(city_total, cur),
                    "dates": city_dates.iter().map(|(night, amount)| json!({
                        "serviceDate": wire::fmt_date(*night),
                        "amount": wire::amount_model(*amount, *amount, "Without", Decimal::ZERO, cur),
                    })).collect::<Vec<_>>(),
                }],
            });
            if !messages.is_empty() {
                offer["validationMessages"] = Value::Array(messages.clone());
            }
            offers.push(offer);
        }
    }
    drop(state);
    if offers.is_empty() {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    Ok(ok_json(json!({
        "property": property.embedded(),
        "offers": offers,
    })))
}
