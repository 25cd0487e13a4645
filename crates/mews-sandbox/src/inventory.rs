//! Availability and pricing.

use serde_json::{Value, json};

use crate::api::Ctx;
use crate::error::{ApiError, ApiResult};
use crate::state::State;
use crate::wire::{Body, amount, unit_range, unit_starts};

/// `rates/getPricing`: nightly gross prices per category (occupancy-independent).
pub(crate) fn pricing(ctx: &Ctx<'_>, _: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let e = ctx.enterprise;
    let rate_id = body.req_str("RateId")?;
    let rate = e.rate(rate_id).ok_or_else(|| ApiError::invalid("RateId"))?;
    let dates = unit_range(body, e.tz)?;
    let base_category = e
        .categories
        .first()
        .ok_or_else(|| ApiError::invalid("RateId"))?;
    let base: Vec<Value> = dates
        .iter()
        .map(|d| amount(e, e.nightly_gross(base_category, rate, *d)))
        .collect();
    let categories: Vec<Value> = e
        .categories
        .iter()
        .map(|c| {
            let prices: Vec<Value> = dates
                .iter()
                .map(|d| amount(e, e.nightly_gross(c, rate, *d)))
                .collect();
            json!({ "CategoryId": c.id, "AmountPrices": prices })
        })
        .collect();
    Ok(json!({
        "Currency": e.currency,
        "TimeUnitStartsUtc": unit_starts(e.tz, &dates),
        "BaseAmountPrices": base,
        "CategoryPrices": categories,
        "CategoryAdjustments": [],
        "AgeCategoryAdjustments": [],
        "RelativeAdjustment": 0,
        "AbsoluteAdjustment": 0,
        "EmptyUnitAdjustment": 0,
        "ExtraUnitAdjustment": 0,
    }))
}

fn check_service(ctx: &Ctx<'_>, body: &Body<'_>) -> ApiResult<()> {
    let service = body.req_str("ServiceId")?;
    if service == ctx.enterprise.service_id {
        Ok(())
    } else {
        Err(ApiError::invalid("ServiceId"))
    }
}

/// Legacy `services/getAvailability`.
pub(crate) fn availability(ctx: &Ctx<'_>, state: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let e = ctx.enterprise;
    check_service(ctx, body)?;
    let dates = unit_range(body, e.tz)?;
    let categories: Vec<Value> = e
        .categories
        .iter()
        .map(|c| {
            let free: Vec<i64> = dates
                .iter()
                .map(|d| state.availability(e, c.id, *d, None))
                .collect();
            let adjustments: Vec<i64> = dates.iter().map(|d| state.adjustment(c.id, *d)).collect();
            json!({ "CategoryId": c.id, "Availabilities": free, "Adjustments": adjustments })
        })
        .collect();
    Ok(json!({
        "TimeUnitStartsUtc": unit_starts(e.tz, &dates),
        "CategoryAvailabilities": categories,
    }))
}

/// Metrics of `services/getAvailability/2024-01-22`.
const METRICS: &[&str] = &[
    "UsableResources",
    "ActiveResources",
    "Occupied",
    "ConfirmedReservations",
    "OptionalReservations",
    "OtherServiceReservationCount",
    "PublicAvailabilityAdjustment",
    "OutOfOrderBlocks",
    "HouseUse",
    "BlockAvailability",
    "AllocatedBlockAvailability",
];

/// `services/getAvailability/2024-01-22`: the same inventory model, split into metrics, so that
/// `UsableResources − Occupied + PublicAvailabilityAdjustment` equals the legacy number.
pub(crate) fn availability_metrics(
    ctx: &Ctx<'_>,
    state: &mut State,
    body: &Body<'_>,
) -> ApiResult<Value> {
    let e = ctx.enterprise;
    check_service(ctx, body)?;
    let dates = unit_range(body, e.tz)?;
    let metrics = body.req_str_list("Metrics")?;
    if metrics.iter().any(|m| !METRICS.contains(&m.as_str())) {
        return Err(ApiError::invalid("Metrics"));
    }
    let categories: Vec<Value> = e
        .categories
        .iter()
        .map(|c| {
            let rooms = i64::try_from(e.resources_of(c.id).count()).unwrap_or(0);
            let mut out = serde_json::Map::new();
            for metric in &metrics {
                let values: Vec<i64> = dates
                    .iter()
                    .map(|d| {
                        let count = |f: &dyn Fn(crate::state::ResState) -> bool| {
                            let n = state
                                .reservations
                                .iter()
                                .filter(|r| r.category_id == c.id && r.occupies(*d) && f(r.state))
                                .count();
                            i64::try_from(n).unwrap_or(0)
                        };
                        match metric.as_str() {
                            "UsableResources" | "ActiveResources" => rooms,
                            "Occupied" => count(&|_| true),
                            "ConfirmedReservations" => {
                                count(&|s| s != crate::state::ResState::Optional)
                            }
                            "OptionalReservations" => {
                                count(&|s| s == crate::state::ResState::Optional)
                            }
                            "PublicAvailabilityAdjustment" => state.adjustment(c.id, *d),
                            _ => 0,
                        }
                    })
                    .collect();
                out.insert(metric.clone(), json!(values));
            }
            json!({ "ResourceCategoryId": c.id, "Metrics": out })
        })
        .collect();
    Ok(json!({
        "TimeUnitStartsUtc": unit_starts(e.tz, &dates),
        "ResourceCategoryAvailabilities": categories,
    }))
}
