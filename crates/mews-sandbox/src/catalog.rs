//! Configuration and the static catalog: services, resource categories, resources, age
//! categories, rates.

use serde_json::{Value, json};

use crate::api::Ctx;
use crate::error::{ApiError, ApiResult};
use crate::seed::SEEDED_UTC;
use crate::state::State;
use crate::wire::{Body, fmt_time, localized, page};

/// Whether the token's enterprise passes an `EnterpriseIds` (or `key`) filter.
pub(crate) fn in_scope(body: &Body<'_>, key: &str, own: &str) -> ApiResult<bool> {
    Ok(body
        .opt_str_list(key)?
        .is_none_or(|ids| ids.iter().any(|id| id == own)))
}

/// Whether `id` passes an optional id-list filter.
pub(crate) fn passes(filter: Option<&Vec<String>>, id: &str) -> bool {
    filter.is_none_or(|ids| ids.iter().any(|i| i == id))
}

/// Pages `items` and wraps them as `{key: [...], "Cursor": ...}`.
pub(crate) fn paged(body: &Body<'_>, key: &str, items: Vec<(String, Value)>) -> ApiResult<Value> {
    let limitation = body.limitation()?;
    let (items, cursor) = page(items, &limitation)?;
    Ok(json!({ key: items, "Cursor": cursor }))
}

/// `configuration/get`.
pub(crate) fn configuration(ctx: &Ctx<'_>, _: &mut State, _: &Body<'_>) -> ApiResult<Value> {
    let e = ctx.enterprise;
    let [line1, city, postal, country] = e.address;
    Ok(json!({
        "NowUtc": fmt_time(ctx.now),
        "Enterprise": {
            "Id": e.id,
            "ExternalIdentifier": null,
            "HoldingKey": null,
            "ChainId": e.chain_id,
            "ChainName": "VoiceHive Mews Sandbox",
            "CreatedUtc": SEEDED_UTC,
            "UpdatedUtc": SEEDED_UTC,
            "Name": e.name,
            "TimeZoneIdentifier": e.tz.name(),
            "LegalEnvironmentCode": e.legal_environment,
            "AccommodationEnvironmentCode": e.legal_environment,
            "AccountingEnvironmentCode": e.legal_environment,
            "TaxEnvironmentCode": e.tax_environment,
            "DefaultLanguageCode": "en-US",
            "EditableHistoryInterval": "P0M2DT0H0M0S",
            "OperationalEditableHistoryInterval": "P0M2DT0H0M0S",
            "AccountingEditableHistoryInterval": "P0M2DT0H0M0S",
            "WebsiteUrl": "https://sandbox.voicehive.example",
            "Email": "frontdesk@sandbox.voicehive.example",
            "Phone": "+49 30 0000000",
            "LogoImageId": null,
            "CoverImageId": null,
            "Pricing": e.pricing,
            "TaxPrecision": null,
            "AddressId": null,
            "Address": {
                "Line1": line1,
                "Line2": null,
                "City": city,
                "PostalCode": postal,
                "CountryCode": country,
                "CountrySubdivisionCode": null,
                "Latitude": null,
                "Longitude": null,
            },
            "GroupNames": [],
            "Subscription": null,
            "Currencies": [{ "Currency": e.currency, "IsDefault": true, "IsEnabled": true }],
            "AccountingConfiguration": null,
            "IsPortfolio": false,
        },
        "Service": null,
        "PaymentCardStorage": null,
        "IsIdentityDocumentNumberRequired": false,
    }))
}

/// `services/getAll`.
pub(crate) fn services(ctx: &Ctx<'_>, _: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let e = ctx.enterprise;
    let ids = body.opt_str_list("ServiceIds")?;
    let kind = body.opt_str("ServiceType")?;
    let mut items = Vec::new();
    if in_scope(body, "EnterpriseIds", e.id)?
        && passes(ids.as_ref(), e.service_id)
        && kind.is_none_or(|k| k == "Bookable")
    {
        items.push((
            e.service_id.to_owned(),
            json!({
                "Id": e.service_id,
                "EnterpriseId": e.id,
                "IsActive": true,
                "Name": "Accommodation",
                "Names": localized("Accommodation"),
                "ShortNames": {},
                "Descriptions": {},
                "Ordering": 0,
                "ExternalIdentifier": null,
                "CreatedUtc": SEEDED_UTC,
                "UpdatedUtc": SEEDED_UTC,
                "Options": { "BillAsPackage": false },
                "Data": {
                    "Discriminator": "Bookable",
                    "Value": {
                        "StartOffset": "P0M0DT15H0M0S",
                        "EndOffset": "P0M1DT11H0M0S",
                        "OccupancyStartOffset": "P0M0DT15H0M0S",
                        "OccupancyEndOffset": "P0M1DT11H0M0S",
                        "TimeUnitPeriod": "Day",
                    },
                },
            }),
        ));
    }
    paged(body, "Services", items)
}

/// The service filter of catalog reads: `ServiceIds` required.
fn required_service(ctx: &Ctx<'_>, body: &Body<'_>) -> ApiResult<bool> {
    let ids = body.req_str_list("ServiceIds")?;
    Ok(ids.iter().any(|id| id == ctx.enterprise.service_id)
        && in_scope(body, "EnterpriseIds", ctx.enterprise.id)?)
}

/// `resourceCategories/getAll` (`ServiceIds` required).
pub(crate) fn resource_categories(
    ctx: &Ctx<'_>,
    _: &mut State,
    body: &Body<'_>,
) -> ApiResult<Value> {
    let e = ctx.enterprise;
    let visible = required_service(ctx, body)?;
    let ids = body.opt_str_list("ResourceCategoryIds")?;
    let items = e
        .categories
        .iter()
        .filter(|c| visible && passes(ids.as_ref(), c.id))
        .map(|c| {
            (
                c.id.to_owned(),
                json!({
                    "Id": c.id,
                    "EnterpriseId": e.id,
                    "ServiceId": e.service_id,
                    "IsActive": true,
                    "Type": "Room",
                    "Classification": "StandardRoom",
                    "Names": localized(c.name),
                    "ShortNames": localized(c.short_name),
                    "Descriptions": localized(&format!(
                        "{} for up to {} guests.",
                        c.name,
                        c.capacity + c.extra_capacity
                    )),
                    "Ordering": c.ordering,
                    "Capacity": c.capacity,
                    "ExtraCapacity": c.extra_capacity,
                    "ExternalIdentifier": c.short_name,
                    "AccountingCategoryId": null,
                    "CreatedUtc": SEEDED_UTC,
                    "UpdatedUtc": SEEDED_UTC,
                }),
            )
        })
        .collect();
    paged(body, "ResourceCategories", items)
}

/// `resourceCategoryAssignments/getAll` (`ResourceCategoryIds` required).
pub(crate) fn assignments(ctx: &Ctx<'_>, _: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let e = ctx.enterprise;
    let categories = body.req_str_list("ResourceCategoryIds")?;
    let visible = in_scope(body, "EnterpriseIds", e.id)?;
    let items = e
        .resources
        .iter()
        .filter(|r| visible && categories.iter().any(|c| c == r.category_id))
        .map(|r| {
            (
                r.assignment_id.clone(),
                json!({
                    "Id": r.assignment_id,
                    "IsActive": true,
                    "ResourceId": r.id,
                    "CategoryId": r.category_id,
                    "CreatedUtc": SEEDED_UTC,
                    "UpdatedUtc": SEEDED_UTC,
                }),
            )
        })
        .collect();
    paged(body, "ResourceCategoryAssignments", items)
}

/// `resources/getAll`.
pub(crate) fn resources(ctx: &Ctx<'_>, _: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let e = ctx.enterprise;
    let ids = body.opt_str_list("ResourceIds")?;
    let visible = in_scope(body, "EnterpriseIds", e.id)?;
    let items = e
        .resources
        .iter()
        .filter(|r| visible && passes(ids.as_ref(), &r.id))
        .map(|r| {
            (
                r.id.clone(),
                json!({
                    "Id": r.id,
                    "EnterpriseId": e.id,
                    "IsActive": true,
                    "Name": r.name,
                    "ParentResourceId": null,
                    "State": "Inspected",
                    "Descriptions": {},
                    "Data": {
                        "Discriminator": "Space",
                        "Value": { "FloorNumber": r.floor.to_string(), "LocationNotes": null },
                    },
                    "CreatedUtc": SEEDED_UTC,
                    "UpdatedUtc": SEEDED_UTC,
                }),
            )
        })
        .collect();
    paged(body, "Resources", items)
}

/// `ageCategories/getAll`.
pub(crate) fn age_categories(ctx: &Ctx<'_>, _: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let e = ctx.enterprise;
    let ids = body.opt_str_list("AgeCategoryIds")?;
    let services = body.opt_str_list("ServiceIds")?;
    let visible = in_scope(body, "EnterpriseIds", e.id)? && passes(services.as_ref(), e.service_id);
    let spec = [
        (e.adult_id, "Adult", "Adults", json!(18), Value::Null),
        (e.child_id, "Child", "Children", json!(0), json!(17)),
    ];
    let items = spec
        .into_iter()
        .filter(|(id, ..)| visible && passes(ids.as_ref(), id))
        .map(|(id, classification, name, min, max)| {
            (
                id.to_owned(),
                json!({
                    "Id": id,
                    "EnterpriseId": e.id,
                    "ServiceId": e.service_id,
                    "Classification": classification,
                    "MinimalAge": min,
                    "MaximalAge": max,
                    "Names": localized(name),
                    "ShortNames": null,
                    "IsActive": true,
                    "ExternalIdentifier": classification,
                    "CreatedUtc": SEEDED_UTC,
                    "UpdatedUtc": SEEDED_UTC,
                }),
            )
        })
        .collect();
    paged(body, "AgeCategories", items)
}

/// `rates/getAll` (`ServiceIds` required).
pub(crate) fn rates(ctx: &Ctx<'_>, _: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let e = ctx.enterprise;
    let visible = required_service(ctx, body)?;
    let ids = body.opt_str_list("RateIds")?;
    let base_id = e
        .rates
        .iter()
        .find(|r| !r.non_refundable)
        .map(|r| r.id)
        .ok_or_else(|| ApiError::invalid("RateIds"))?;
    let items = e
        .rates
        .iter()
        .filter(|r| visible && passes(ids.as_ref(), r.id))
        .map(|r| {
            let is_base = !r.non_refundable;
            (
                r.id.to_owned(),
                json!({
                    "Id": r.id,
                    "GroupId": e.rate_group_id,
                    "ServiceId": e.service_id,
                    "BaseRateId": if is_base { Value::Null } else { json!(base_id) },
                    "IsBaseRate": is_base,
                    "BusinessSegmentId": null,
                    "IsActive": true,
                    "IsEnabled": true,
                    "IsPublic": true,
                    "IsDefault": is_base,
                    "Type": "Public",
                    "Name": r.name,
                    "Names": localized(r.name),
                    "ShortName": r.short_name,
                    "ExternalNames": localized(r.name),
                    "Description": localized(if r.non_refundable {
                        "Prepaid, cannot be cancelled free of charge."
                    } else {
                        "Free cancellation."
                    }),
                    "ExternalIdentifier": r.short_name,
                    "CreatedUtc": SEEDED_UTC,
                    "UpdatedUtc": SEEDED_UTC,
                }),
            )
        })
        .collect();
    paged(body, "Rates", items)
}
