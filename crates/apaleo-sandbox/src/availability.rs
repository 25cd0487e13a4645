//! `GET /availability/v1/unit-groups`.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::api::{authorize, list_response, scopes};
use crate::catalog::UnitGroup;
use crate::error::{ApiError, ApiResult};
use crate::query::{Params, invalid_value};
use crate::state::Shared;
use crate::wire::{self, check_in_time, check_out_time, local};

/// Longest period one request may cover.
const MAX_NIGHTS: i64 = 5 * 365 + 1;

fn occupancy(sold: u32, house: u32) -> Value {
    if house == 0 {
        return wire::num(Decimal::ZERO);
    }
    wire::num(wire::round2(
        Decimal::from(sold) * Decimal::ONE_HUNDRED / Decimal::from(house),
    ))
}

fn zero_maintenance() -> Value {
    json!({ "outOfService": 0, "outOfOrder": 0, "outOfInventory": 0 })
}

fn zero_block() -> Value {
    json!({
        "definite": 0,
        "tentative": 0,
        "optional": 0,
        "optionalDeducting": 0,
        "picked": 0,
        "remaining": 0,
    })
}

/// A required `format: date` parameter.
pub(crate) fn date_param(params: &Params, name: &str) -> ApiResult<NaiveDate> {
    let value = params.required(name)?;
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| invalid_value(value, name))
}

/// `GET /availability/v1/unit-groups?propertyId&from&to`: one over-night time slice per date in
/// `from..=to`.
pub(crate) async fn unit_groups(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    authorize(&shared, &headers, scopes::AVAILABILITY)?;
    let params = Params::parse(query.as_deref());
    let property_id = params.required("propertyId")?;
    let from = date_param(&params, "from")?;
    let to = date_param(&params, "to")?;
    if let Some(template) = params.get("timeSliceTemplate")
        && !template.eq_ignore_ascii_case("OverNight")
    {
        if template.eq_ignore_ascii_case("DayUse") {
            return Err(ApiError::msg(
                "The sandbox models only the OverNight time slice template.",
            ));
        }
        return Err(invalid_value(template, "timeSliceTemplate"));
    }
    params.int("adults")?;
    params.int_list("childrenAges")?;
    params.bool("onlySellable")?;
    let unit_group_ids = params.list("unitGroupIds");
    let types = params.list("unitGroupTypes");
    let definitions = params.list("timeSliceDefinitionIds");
    let paging = params.paging()?;
    let catalog = &shared.catalog;
    let property = catalog.property(property_id).ok_or(ApiError::NotFound)?;
    if to < from {
        return Err(ApiError::msg(
            "The specified condition was not met for 'To'.",
        ));
    }
    if (to - from).num_days() >= MAX_NIGHTS {
        return Err(ApiError::msg(
            "The time period must not be longer than 5 years.",
        ));
    }
    let all_groups = catalog.unit_groups_of(property.id);
    let night_definition = format!("{}-NIGHT", property.id);
    let shown: Vec<&UnitGroup> = all_groups
        .iter()
        .copied()
        .filter(|u| unit_group_ids.is_empty() || unit_group_ids.contains(&u.id))
        .filter(|_| types.is_empty() || types.iter().any(|t| t == "BedRoom"))
        .filter(|_| definitions.is_empty() || definitions.contains(&night_definition))
        .collect();
    let state = shared.state();
    let nights = (to - from).num_days() + 1;
    let slices: Vec<Value> = (0..nights)
        .map(|i| {
            let night = from + Duration::days(i);
            let sold: Vec<(&UnitGroup, u32)> = all_groups
                .iter()
                .map(|u| (*u, state.sold(&u.id, night, None).min(u.member_count)))
                .collect();
            let house: u32 = all_groups.iter().map(|u| u.member_count).sum();
            let sold_total: u32 = sold.iter().map(|(_, s)| *s).sum();
            let groups: Vec<Value> = sold
                .iter()
                .filter(|(u, _)| shown.iter().any(|s| s.id == u.id))
                .map(|(u, s)| {
                    let free = u.member_count - s;
                    json!({
                        "unitGroup": u.embedded(),
                        "physicalCount": u.member_count,
                        "houseCount": u.member_count,
                        "soldCount": s,
                        "occupancy": occupancy(*s, u.member_count),
                        "availableCount": free,
                        "sellableCount": free,
                        "allowedOverbookingCount": 0,
                        "maintenance": zero_maintenance(),
                        "block": zero_block(),
                    })
                })
                .collect();
            json!({
                "from": wire::fmt_seconds(local(property.tz, night, check_in_time())),
                "to": wire::fmt_seconds(local(property.tz, night + Duration::days(1), check_out_time())),
                "property": {
                    "physicalCount": house,
                    "houseCount": house,
                    "soldCount": sold_total,
                    "occupancy": occupancy(sold_total, house),
                    "sellableCount": house - sold_total,
                    "allowedOverbookingCount": 0,
                    "maintenance": zero_maintenance(),
                    "block": zero_block(),
                },
                "unitGroups": groups,
            })
        })
        .collect();
    drop(state);
    let count = slices.len();
    Ok(list_response("timeSlices", paging.page(slices), count))
}
