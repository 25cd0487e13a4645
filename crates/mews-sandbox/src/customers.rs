//! Guest profiles: `customers/add`, `customers/getAll`, `customers/update`.

use serde_json::{Value, json};

use crate::api::Ctx;
use crate::catalog::{in_scope, passes};
use crate::error::{ApiError, ApiResult, DUPLICATE_EMAIL};
use crate::state::{Customer, State};
use crate::wire::{Body, fmt_time};

/// The Customer object.
pub(crate) fn view(ctx: &Ctx<'_>, c: &Customer) -> Value {
    json!({
        "Id": c.id,
        "ChainId": ctx.enterprise.chain_id,
        "Number": c.number,
        "Title": null,
        "Sex": null,
        "FirstName": c.first_name,
        "LastName": c.last_name,
        "SecondLastName": null,
        "NationalityCode": c.nationality,
        "PreferredLanguageCode": c.language,
        "LanguageCode": null,
        "BirthDate": null,
        "BirthPlace": null,
        "Email": c.email,
        "HasOtaEmail": false,
        "Phone": c.phone,
        "LoyaltyCode": null,
        "AccountingCode": null,
        "Notes": null,
        "CarRegistrationNumber": null,
        "TaxIdentificationNumber": null,
        "CompanyId": null,
        "AddressId": null,
        "Classifications": [],
        "Options": [],
        "CreatedUtc": fmt_time(c.created),
        "UpdatedUtc": fmt_time(c.updated),
        "IsActive": true,
        "ActivityState": "Active",
        "MergeTargetId": null,
    })
}

/// A non-blank optional string parameter, trimmed.
fn text(body: &Body<'_>, key: &str) -> ApiResult<Option<String>> {
    Ok(body
        .opt_str(key)?
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned))
}

fn email(body: &Body<'_>) -> ApiResult<Option<String>> {
    let email = text(body, "Email")?;
    if email.as_deref().is_some_and(|e| !e.contains('@')) {
        return Err(ApiError::invalid("Email"));
    }
    Ok(email)
}

/// `PreferredLanguageCode`: a language tag such as `en`, `en-GB` or `pt-BR`.
fn language(body: &Body<'_>) -> ApiResult<Option<String>> {
    let code = text(body, "PreferredLanguageCode")?;
    let valid = |c: &str| {
        let mut parts = c.split('-');
        let lang = parts.next().unwrap_or_default();
        (2..=3).contains(&lang.len())
            && lang.chars().all(|ch| ch.is_ascii_alphabetic())
            && parts.all(|p| {
                (2..=8).contains(&p.len()) && p.chars().all(|ch| ch.is_ascii_alphanumeric())
            })
    };
    if code.as_deref().is_some_and(|c| !valid(c)) {
        return Err(ApiError::invalid("PreferredLanguageCode"));
    }
    Ok(code)
}

/// `NationalityCode`: two ASCII letters (ISO 3166-1 alpha-2).
fn nationality(body: &Body<'_>) -> ApiResult<Option<String>> {
    let code = text(body, "NationalityCode")?;
    if code
        .as_deref()
        .is_some_and(|c| c.len() != 2 || !c.chars().all(|ch| ch.is_ascii_alphabetic()))
    {
        return Err(ApiError::invalid("NationalityCode"));
    }
    Ok(code.map(|c| c.to_ascii_uppercase()))
}

fn same_email(a: Option<&str>, b: &str) -> bool {
    a.is_some_and(|a| a.eq_ignore_ascii_case(b))
}

/// `customers/add`.
pub(crate) fn add(ctx: &Ctx<'_>, state: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let first = text(body, "FirstName")?;
    let last = body.req_str("LastName")?.trim().to_owned();
    let email = email(body)?;
    let phone = text(body, "Phone")?;
    let language = language(body)?;
    let nationality = nationality(body)?;
    let overwrite = body.opt_bool("OverwriteExisting")?.unwrap_or(false);
    if let Some(address) = email.as_deref() {
        let existing = state
            .customers
            .iter_mut()
            .find(|c| c.enterprise == ctx.index && same_email(c.email.as_deref(), address));
        if let Some(existing) = existing {
            if !overwrite {
                return Err(ApiError::Forbidden(DUPLICATE_EMAIL.to_owned()));
            }
            if first.is_some() {
                existing.first_name = first;
            }
            existing.last_name = last;
            if language.is_some() {
                existing.language = language;
            }
            if nationality.is_some() {
                existing.nationality = nationality;
            }
            existing.updated = ctx.now;
            let existing = existing.clone();
            return Ok(view(ctx, &existing));
        }
    }
    let customer = Customer {
        enterprise: ctx.index,
        id: state.next_id("c057"),
        number: state.next_customer_number(ctx.index),
        first_name: first,
        last_name: last,
        email,
        phone,
        language,
        nationality,
        created: ctx.now,
        updated: ctx.now,
    };
    let out = view(ctx, &customer);
    state.customers.push(customer);
    Ok(out)
}

fn matches_any(filter: Option<&Vec<String>>, value: Option<&str>) -> bool {
    filter.is_none_or(|list| {
        value.is_some_and(|v| list.iter().any(|f| f.trim().eq_ignore_ascii_case(v)))
    })
}

/// `customers/getAll`: `Limitation` and at least one of `CustomerIds`, `Emails`, `FirstNames`,
/// `LastNames`, `CreatedUtc`, `UpdatedUtc`.
pub(crate) fn get_all(ctx: &Ctx<'_>, state: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let ids = body.opt_str_list("CustomerIds")?;
    let emails = body.opt_str_list("Emails")?;
    let first_names = body.opt_str_list("FirstNames")?;
    let last_names = body.opt_str_list("LastNames")?;
    let created = body.opt_interval("CreatedUtc")?;
    let updated = body.opt_interval("UpdatedUtc")?;
    let limitation = body.limitation()?;
    if ids.is_none()
        && emails.is_none()
        && first_names.is_none()
        && last_names.is_none()
        && created.is_none()
        && updated.is_none()
    {
        return Err(ApiError::BadRequest(
            "At least one filter (CustomerIds, Emails, FirstNames, LastNames, CreatedUtc, UpdatedUtc) is required."
                .to_owned(),
        ));
    }
    let visible = in_scope(body, "ChainIds", ctx.enterprise.chain_id)?;
    let extent = body
        .get("Extent")
        .and_then(|e| e.get("Customers"))
        .and_then(Value::as_bool)
        .unwrap_or(true);
    let items: Vec<(String, Value)> = state
        .customers
        .iter()
        .rev()
        .filter(|c| {
            visible
                && c.enterprise == ctx.index
                && passes(ids.as_ref(), &c.id)
                && matches_any(emails.as_ref(), c.email.as_deref())
                && matches_any(first_names.as_ref(), c.first_name.as_deref())
                && matches_any(last_names.as_ref(), Some(&c.last_name))
                && created.is_none_or(|i| i.contains(c.created))
                && updated.is_none_or(|i| i.contains(c.updated))
        })
        .map(|c| (c.id.clone(), view(ctx, c)))
        .collect();
    let (items, cursor) = crate::wire::page(items, &limitation)?;
    let items = if extent { items } else { Vec::new() };
    Ok(json!({ "Customers": items, "Documents": null, "Cursor": cursor }))
}

/// `customers/update`: plain values; absent, `null` or blank = keep.
pub(crate) fn update(ctx: &Ctx<'_>, state: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let id = body.req_str("CustomerId")?;
    let first = text(body, "FirstName")?;
    let last = text(body, "LastName")?;
    let email = email(body)?;
    let phone = text(body, "Phone")?;
    let language = language(body)?;
    let nationality = nationality(body)?;
    let index = state
        .customers
        .iter()
        .position(|c| c.enterprise == ctx.index && c.id == id)
        .ok_or_else(|| ApiError::invalid("CustomerId"))?;
    if let Some(address) = email.as_deref() {
        let taken = state.customers.iter().any(|c| {
            c.enterprise == ctx.index && c.id != id && same_email(c.email.as_deref(), address)
        });
        if taken {
            return Err(ApiError::Forbidden(DUPLICATE_EMAIL.to_owned()));
        }
    }
    let customer = state
        .customers
        .get_mut(index)
        .ok_or_else(|| ApiError::invalid("CustomerId"))?;
    if let Some(first) = first {
        customer.first_name = Some(first);
    }
    if let Some(last) = last {
        customer.last_name = last;
    }
    if email.is_some() {
        customer.email = email;
    }
    if phone.is_some() {
        customer.phone = phone;
    }
    if language.is_some() {
        customer.language = language;
    }
    if nationality.is_some() {
        customer.nationality = nationality;
    }
    customer.updated = ctx.now;
    let customer = customer.clone();
    Ok(view(ctx, &customer))
}
