//! `/inventory/v1/...`: properties and unit groups.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::api::{authorize, list_response, ok_json, scopes};
use crate::catalog::{Property, UnitGroup};
use crate::error::{ApiError, ApiResult};
use crate::query::{Params, invalid_value};

const UNIT_GROUP_TYPES: &[&str] = &[
    "BedRoom",
    "MeetingRoom",
    "EventSpace",
    "ParkingLot",
    "Other",
];

/// The fields shared by `PropertyItemModel` and `PropertyModel`.
fn property_base(p: &Property) -> Map<String, Value> {
    let value = json!({
        "id": p.id,
        "code": p.id,
        "isTemplate": false,
        "companyName": p.company_name,
        "managingDirectors": p.managing_directors,
        "commercialRegisterEntry": p.commercial_register_entry,
        "taxId": p.tax_id,
        "location": {
            "addressLine1": p.address_line1,
            "postalCode": p.postal_code,
            "city": p.city,
            "countryCode": p.country_code,
        },
        "bankAccount": { "iban": p.iban, "bic": p.bic, "bank": p.bank },
        "paymentTerms": { "de": "Zahlbar bei Abreise.", "en": "Payable on departure." },
        "timeZone": p.tz.name(),
        "currencyCode": p.currency,
        "created": p.created,
        "status": "Test",
        "isArchived": false,
    });
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// `PropertyItemModel` (list): `name` and `description` are plain strings (English).
fn property_item(p: &Property) -> Value {
    let mut map = property_base(p);
    map.insert("name".into(), json!(p.name));
    map.insert("description".into(), json!(p.description));
    Value::Object(map)
}

/// The languages requested with `languages=` (`all` or a comma list); all when absent.
fn languages(params: &Params) -> Vec<String> {
    let requested = params.list("languages");
    if requested.is_empty() || requested.iter().any(|l| l.eq_ignore_ascii_case("all")) {
        vec!["de".to_owned(), "en".to_owned()]
    } else {
        requested
            .into_iter()
            .map(|l| l.to_ascii_lowercase())
            .collect()
    }
}

/// A language map restricted to `langs`.
fn translations(en: &str, de: &str, langs: &[String]) -> Value {
    let mut map = Map::new();
    for lang in langs {
        match lang.as_str() {
            "en" => {
                map.insert("en".into(), json!(en));
            }
            "de" => {
                map.insert("de".into(), json!(de));
            }
            _ => {}
        }
    }
    Value::Object(map)
}

/// `GET /inventory/v1/properties`.
pub(crate) async fn list_properties(
    State(shared): State<Arc<crate::state::Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    authorize(&shared, &headers, scopes::PROPERTIES)?;
    let params = Params::parse(query.as_deref());
    let statuses = params.list("status");
    for status in &statuses {
        if status != "Test" && status != "Live" {
            return Err(invalid_value(status, "status"));
        }
    }
    params.bool("includeArchived")?;
    let countries = params.list("countryCode");
    let paging = params.paging()?;
    let items: Vec<Value> = shared
        .catalog
        .properties
        .iter()
        .filter(|_| statuses.is_empty() || statuses.iter().any(|s| s == "Test"))
        .filter(|p| {
            countries.is_empty()
                || countries
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(p.country_code))
        })
        .map(property_item)
        .collect();
    let count = items.len();
    Ok(list_response("properties", paging.page(items), count))
}

/// `GET /inventory/v1/properties/{id}`: `name` and `description` are language maps.
pub(crate) async fn get_property(
    State(shared): State<Arc<crate::state::Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    authorize(&shared, &headers, scopes::PROPERTIES)?;
    let params = Params::parse(query.as_deref());
    let property = shared.catalog.property(&id).ok_or(ApiError::NotFound)?;
    let langs = languages(&params);
    let mut map = property_base(property);
    map.insert(
        "name".into(),
        translations(property.name, property.name_de, &langs),
    );
    map.insert(
        "description".into(),
        translations(property.description, property.description_de, &langs),
    );
    Ok(ok_json(Value::Object(map)))
}

fn unit_group_fields(u: &UnitGroup, property: Option<&Property>) -> Map<String, Value> {
    let value = json!({
        "id": u.id,
        "code": u.code,
        "memberCount": u.member_count,
        "maxPersons": u.max_persons,
        "rank": u.rank,
        "type": "BedRoom",
        "property": property.map_or_else(|| json!({ "id": u.property_id }), Property::embedded),
    });
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// `GET /inventory/v1/unit-groups`.
pub(crate) async fn list_unit_groups(
    State(shared): State<Arc<crate::state::Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    authorize(&shared, &headers, scopes::UNIT_GROUPS)?;
    let params = Params::parse(query.as_deref());
    let property_id = params.get("propertyId");
    let types = params.list("unitGroupTypes");
    for t in &types {
        if !UNIT_GROUP_TYPES.contains(&t.as_str()) {
            return Err(invalid_value(t, "unitGroupTypes"));
        }
    }
    let paging = params.paging()?;
    let catalog = &shared.catalog;
    let mut groups: Vec<&UnitGroup> = catalog
        .unit_groups
        .iter()
        .filter(|u| property_id.is_none_or(|p| p == u.property_id))
        .filter(|_| types.is_empty() || types.iter().any(|t| t == "BedRoom"))
        .collect();
    groups.sort_by(|a, b| (a.property_id, a.rank).cmp(&(b.property_id, b.rank)));
    let items: Vec<Value> = groups
        .into_iter()
        .map(|u| {
            let mut map = unit_group_fields(u, catalog.property(u.property_id));
            map.insert("name".into(), json!(u.name));
            map.insert("description".into(), json!(u.description));
            Value::Object(map)
        })
        .collect();
    let count = items.len();
    Ok(list_response("unitGroups", paging.page(items), count))
}

/// `GET /inventory/v1/unit-groups/{id}`: `name` and `description` are language maps.
pub(crate) async fn get_unit_group(
    State(shared): State<Arc<crate::state::Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    authorize(&shared, &headers, scopes::UNIT_GROUPS)?;
    let params = Params::parse(query.as_deref());
    let catalog = &shared.catalog;
    let unit_group = catalog.unit_group(&id).ok_or(ApiError::NotFound)?;
    let langs = languages(&params);
    let mut map = unit_group_fields(unit_group, catalog.property(unit_group.property_id));
    map.insert(
        "name".into(),
        translations(unit_group.name, unit_group.name_de, &langs),
    );
    map.insert(
        "description".into(),
        translations(unit_group.description, unit_group.description_de, &langs),
    );
    Ok(ok_json(Value::Object(map)))
}
