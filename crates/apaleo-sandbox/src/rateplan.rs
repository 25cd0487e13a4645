//! `/rateplan/v1/...`: rate plans and their nightly rates.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::{Duration, NaiveDate};
use serde_json::{Value, json};

use crate::api::{authorize, list_response, ok_json, scopes};
use crate::catalog::{Catalog, RatePlan};
use crate::error::{ApiError, ApiResult};
use crate::query::{Params, invalid_value, parse_stay_date};
use crate::state::Shared;
use crate::wire::{self, check_in_time, check_out_time, local};

/// Channels every sandbox rate plan is sold on.
pub(crate) const CHANNELS: &[&str] = &[
    "Direct",
    "BookingCom",
    "Ibe",
    "ChannelManager",
    "Expedia",
    "Hrs",
    "AltoVita",
    "DesVu",
    "Gimsi",
];

/// `RatePlanItemModel` / `RatePlanModel`.
fn rate_plan(catalog: &Catalog, plan: &RatePlan) -> Value {
    let property = catalog.property(plan.property_id);
    let unit_group = catalog.unit_group(&plan.unit_group_id);
    let [cxl_id, cxl_code, cxl_name, cxl_description] = plan.cancellation_policy();
    let [ns_id, ns_code, ns_name, ns_description] = plan.no_show_policy();
    json!({
        "id": plan.id,
        "code": plan.code(),
        "name": plan.name(),
        "description": plan.description(),
        "minGuaranteeType": plan.min_guarantee().as_str(),
        "priceCalculationMode": "Round",
        "property": property.map_or_else(|| json!({ "id": plan.property_id }), |p| p.embedded()),
        "unitGroup": unit_group.map_or_else(|| json!({ "id": plan.unit_group_id }), |u| u.embedded()),
        "cancellationPolicy": {
            "id": cxl_id, "code": cxl_code, "name": cxl_name, "description": cxl_description,
        },
        "noShowPolicy": {
            "id": ns_id, "code": ns_code, "name": ns_name, "description": ns_description,
        },
        "channelCodes": CHANNELS,
        "timeSliceDefinition": {
            "id": format!("{}-NIGHT", plan.property_id),
            "name": "Over night",
            "template": "OverNight",
            "checkInTime": "15:00:00",
            "checkOutTime": "11:00:00",
        },
        "isBookable": true,
        "isSubjectToCityTax": true,
        "isDerived": false,
        "derivationLevel": 0,
        "accountingConfigs": [{
            "vatType": property.map_or("Normal", |p| p.vat_type),
            "serviceType": "Accommodation",
            "validFrom": "2024-01-01",
        }],
        "isArchived": false,
    })
}

/// `GET /rateplan/v1/rate-plans`.
pub(crate) async fn list(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    authorize(&shared, &headers, scopes::RATE_PLANS)?;
    let params = Params::parse(query.as_deref());
    let property_id = params.get("propertyId");
    let unit_group_ids = params.list("unitGroupIds");
    let codes = params.list("ratePlanCodes");
    let channels = params.list("channelCodes");
    let guarantees = params.list("minGuaranteeTypes");
    let paging = params.paging()?;
    let catalog = &shared.catalog;
    let items: Vec<Value> = catalog
        .rate_plans
        .iter()
        .filter(|p| property_id.is_none_or(|id| id == p.property_id))
        .filter(|p| unit_group_ids.is_empty() || unit_group_ids.contains(&p.unit_group_id))
        .filter(|p| codes.is_empty() || codes.iter().any(|c| c.eq_ignore_ascii_case(p.code())))
        .filter(|_| channels.is_empty() || channels.iter().any(|c| CHANNELS.contains(&c.as_str())))
        .filter(|p| {
            guarantees.is_empty() || guarantees.iter().any(|g| g == p.min_guarantee().as_str())
        })
        .map(|p| rate_plan(catalog, p))
        .collect();
    let count = items.len();
    Ok(list_response("ratePlans", paging.page(items), count))
}

/// `GET /rateplan/v1/rate-plans/{id}`.
pub(crate) async fn get_one(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    authorize(&shared, &headers, scopes::RATE_PLANS)?;
    let plan = shared.catalog.rate_plan(&id).ok_or(ApiError::NotFound)?;
    Ok(ok_json(rate_plan(&shared.catalog, plan)))
}

/// `GET /rateplan/v1/rate-plans/{id}/rates?from&to`: one rate per night in `from..=to` (dates;
/// a date-time counts by its local date). `price` is for one adult; `calculatedPrices` lists
/// two adults and more.
pub(crate) async fn rates(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    authorize(&shared, &headers, scopes::RATES)?;
    let params = Params::parse(query.as_deref());
    let catalog = &shared.catalog;
    let plan = catalog.rate_plan(&id).ok_or(ApiError::NotFound)?;
    let (Some(property), Some(unit_group)) = (
        catalog.property(plan.property_id),
        catalog.unit_group(&plan.unit_group_id),
    ) else {
        return Err(ApiError::NotFound);
    };
    let date = |name: &str| -> ApiResult<NaiveDate> {
        let value = params.required(name)?;
        parse_stay_date(value, property.tz).ok_or_else(|| invalid_value(value, name))
    };
    let from = date("from")?;
    let to = date("to")?;
    let paging = params.paging()?;
    if to < from {
        return Err(ApiError::msg(
            "The specified condition was not met for 'To'.",
        ));
    }
    if (to - from).num_days() > 5 * 365 {
        return Err(ApiError::msg(
            "The time period must not be longer than 5 years.",
        ));
    }
    let items: Vec<Value> = (0..=(to - from).num_days())
        .map(|i| {
            let night = from + Duration::days(i);
            let calculated: Vec<Value> = (2..=unit_group.max_persons)
                .map(|adults| {
                    json!({
                        "adults": adults,
                        "price": wire::money(
                            catalog.night_gross(plan, unit_group, night, adults, 0),
                            property.currency,
                        ),
                    })
                })
                .collect();
            let mut rate = json!({
                "from": wire::fmt_seconds(local(property.tz, night, check_in_time())),
                "to": wire::fmt_seconds(local(property.tz, night + Duration::days(1), check_out_time())),
                "price": wire::money(catalog.night_gross(plan, unit_group, night, 1, 0), property.currency),
                "restrictions": {
                    "closed": false,
                    "closedOnArrival": false,
                    "closedOnDeparture": false,
                },
            });
            if !calculated.is_empty() {
                rate["calculatedPrices"] = Value::Array(calculated);
            }
            rate
        })
        .collect();
    let count = items.len();
    Ok(list_response("rates", paging.page(items), count))
}
