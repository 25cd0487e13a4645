//! Service-order notes and order items.

use serde_json::{Value, json};

use crate::api::Ctx;
use crate::catalog::paged;
use crate::error::{ApiError, ApiResult};
use crate::seed::Enterprise;
use crate::state::{Note, ResState, Reservation, State};
use crate::wire::{Body, amount, fmt_time, local_midnight, time_or_null};

fn note_view(n: &Note) -> Value {
    json!({
        "Id": n.id,
        "OrderId": n.order_id,
        "Text": n.text,
        "Type": "General",
        "IsActive": true,
        "CreatedUtc": fmt_time(n.created),
        "UpdatedUtc": fmt_time(n.updated),
    })
}

/// `serviceOrderNotes/getAll` (`ServiceOrderIds` required; every note is `General`).
pub(crate) fn notes(ctx: &Ctx<'_>, state: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let orders = body.req_str_list("ServiceOrderIds")?;
    let types = body.opt_str_list("Types")?;
    let general = types.is_none_or(|t| t.iter().any(|t| t == "General"));
    let items = state
        .notes
        .iter()
        .rev()
        .filter(|n| general && n.enterprise == ctx.index && orders.contains(&n.order_id))
        .map(|n| (n.id.clone(), note_view(n)))
        .collect();
    paged(body, "ServiceOrderNotes", items)
}

/// `serviceOrderNotes/add`.
pub(crate) fn add_notes(ctx: &Ctx<'_>, state: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let entries = body
        .get("ServiceOrderNotes")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty() && a.len() <= 1000)
        .ok_or_else(|| ApiError::invalid("ServiceOrderNotes"))?;
    let mut parsed = Vec::new();
    for entry in entries {
        let map = entry
            .as_object()
            .ok_or_else(|| ApiError::invalid("ServiceOrderNotes"))?;
        let entry = Body(map);
        let order = entry.req_str("ServiceOrderId")?;
        if state.reservation_index(ctx.index, order).is_none() {
            return Err(ApiError::invalid("ServiceOrderId"));
        }
        let text = entry.req_str("Text")?;
        parsed.push((order.to_owned(), text.to_owned()));
    }
    let mut out = Vec::new();
    for (order_id, text) in parsed {
        let note = Note {
            enterprise: ctx.index,
            id: state.next_id("0a7e"),
            order_id,
            text,
            created: ctx.now,
            updated: ctx.now,
        };
        out.push(note_view(&note));
        state.notes.push(note);
    }
    Ok(json!({ "ServiceOrderNotes": out }))
}

/// `serviceOrderNotes/update` (`Text` is an UpdateValue).
pub(crate) fn update_notes(ctx: &Ctx<'_>, state: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let entries = body
        .get("ServiceOrderNoteUpdates")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty() && a.len() <= 1000)
        .ok_or_else(|| ApiError::invalid("ServiceOrderNoteUpdates"))?;
    let mut parsed = Vec::new();
    for entry in entries {
        let map = entry
            .as_object()
            .ok_or_else(|| ApiError::invalid("ServiceOrderNoteUpdates"))?;
        let id = Body(map).req_str("ServiceOrderNoteId")?;
        let index = state
            .notes
            .iter()
            .position(|n| n.enterprise == ctx.index && n.id == id)
            .ok_or_else(|| ApiError::invalid("ServiceOrderNoteId"))?;
        let text = match map.get("Text") {
            None | Some(Value::Null) => None,
            Some(Value::Object(inner)) => match inner.get("Value") {
                None => None,
                Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
                Some(_) => return Err(ApiError::invalid("Text")),
            },
            Some(_) => return Err(ApiError::invalid("Text")),
        };
        parsed.push((index, text));
    }
    let mut out = Vec::new();
    for (index, text) in parsed {
        if let Some(note) = state.notes.get_mut(index) {
            if let Some(text) = text {
                note.text = text;
                note.updated = ctx.now;
            }
            out.push(note_view(note));
        }
    }
    Ok(json!({ "ServiceOrderNotes": out }))
}

/// `serviceOrderNotes/delete` (`ServiceOrderNoteIds`, all or nothing) → `{}`.
pub(crate) fn delete_notes(ctx: &Ctx<'_>, state: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let ids = body.req_str_list("ServiceOrderNoteIds")?;
    if ids.is_empty() || ids.len() > 1000 {
        return Err(ApiError::invalid("ServiceOrderNoteIds"));
    }
    let known = |id: &String| {
        state
            .notes
            .iter()
            .any(|n| n.enterprise == ctx.index && &n.id == id)
    };
    if !ids.iter().all(known) {
        return Err(ApiError::invalid("ServiceOrderNoteIds"));
    }
    state
        .notes
        .retain(|n| !(n.enterprise == ctx.index && ids.contains(&n.id)));
    Ok(json!({}))
}

fn accounting_state(r: &Reservation, canceled: bool) -> &'static str {
    if canceled {
        "Canceled"
    } else if r.state == ResState::Optional {
        "Inactive"
    } else {
        "Open"
    }
}

fn item_views(e: &Enterprise, r: &Reservation) -> Vec<(String, Value)> {
    r.items
        .iter()
        .map(|item| {
            let consumed = time_or_null(local_midnight(e.tz, item.night));
            let value = amount(e, item.gross);
            (
                item.id.clone(),
                json!({
                    "Id": item.id,
                    "EnterpriseId": e.id,
                    "AccountId": r.customer_id,
                    "AccountType": "Customer",
                    "ServiceId": e.service_id,
                    "ServiceOrderId": r.id,
                    "Notes": null,
                    "BillId": null,
                    "AccountingCategoryId": null,
                    "UnitCount": 1,
                    "UnitAmount": value,
                    "Amount": value,
                    "OriginalAmount": value,
                    "RevenueType": "Service",
                    "CreatorProfileId": crate::seed::CONNECTOR_PROFILE_ID,
                    "UpdaterProfileId": crate::seed::CONNECTOR_PROFILE_ID,
                    "ConsumedUtc": consumed,
                    "StartUtc": consumed,
                    "CanceledUtc": time_or_null(item.canceled),
                    "ClosedUtc": null,
                    "ChargedUtc": null,
                    "CreatedUtc": fmt_time(item.created),
                    "UpdatedUtc": fmt_time(item.updated),
                    "Type": "SpaceOrder",
                    "AccountingState": accounting_state(r, item.canceled.is_some()),
                    "Options": { "CanceledWithReservation": item.canceled.is_some() },
                    "Data": null,
                }),
            )
        })
        .collect()
}

/// `orderItems/getAll` (`ServiceOrderIds` required here; one `SpaceOrder` per night).
pub(crate) fn items(ctx: &Ctx<'_>, state: &mut State, body: &Body<'_>) -> ApiResult<Value> {
    let e = ctx.enterprise;
    let orders = body.req_str_list("ServiceOrderIds")?;
    let states = body.opt_str_list("AccountingStates")?;
    let items = state
        .reservations
        .iter()
        .rev()
        .filter(|r| r.enterprise == ctx.index && orders.contains(&r.id))
        .flat_map(|r| item_views(e, r))
        .filter(|(_, v)| {
            states.as_ref().is_none_or(|s| {
                v.get("AccountingState")
                    .and_then(Value::as_str)
                    .is_some_and(|a| s.iter().any(|x| x == a))
            })
        })
        .collect();
    paged(body, "OrderItems", items)
}
