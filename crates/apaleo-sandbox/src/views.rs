//! JSON renderings of the booking models.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use crate::catalog::{Catalog, PlanKind, Property, RatePlan};
use crate::state::{Booking, Reservation, State, Status};
use crate::wire::{self, check_in_time, check_out_time, flex_deadline_time, fmt_precise, local};

/// GuestModel fields echoed back.
pub(crate) const GUEST_FIELDS: &[&str] = &[
    "title",
    "gender",
    "firstName",
    "middleInitial",
    "lastName",
    "secondLastName",
    "email",
    "phone",
    "address",
    "nationalityCountryCode",
    "identificationNumber",
    "identificationAdditionalNumber",
    "identificationIssueDate",
    "identificationExpiryDate",
    "identificationIssuePlace",
    "identificationType",
    "personalTaxId",
    "company",
    "preferredLanguage",
    "birthDate",
    "birthPlace",
    "birthFirstName",
    "birthLastName",
    "motherFirstName",
    "motherLastName",
    "borderCrossingPlace",
    "borderCrossingDate",
    "nextDestination",
    "relationshipToPrimaryGuest",
    "vehicleRegistration",
];

/// BookerModel fields echoed back.
pub(crate) const BOOKER_FIELDS: &[&str] = &[
    "title",
    "gender",
    "firstName",
    "middleInitial",
    "lastName",
    "email",
    "phone",
    "address",
    "nationalityCountryCode",
    "identificationNumber",
    "identificationIssueDate",
    "identificationExpiryDate",
    "identificationType",
    "company",
    "preferredLanguage",
    "birthDate",
    "birthPlace",
];

/// The arrival instant: check-in time on the arrival date.
pub(crate) fn arrival_instant(
    property: &Property,
    arrival: NaiveDate,
) -> DateTime<chrono::FixedOffset> {
    local(property.tz, arrival, check_in_time())
}

/// The departure instant: check-out time on the departure date.
pub(crate) fn departure_instant(
    property: &Property,
    departure: NaiveDate,
) -> DateTime<chrono::FixedOffset> {
    local(property.tz, departure, check_out_time())
}

/// When the cancellation fee becomes due: 18:00 the day before arrival (flexible) or at booking
/// (non-refundable), never before `booked_at`.
pub(crate) fn cancellation_due(
    property: &Property,
    plan: &RatePlan,
    arrival: NaiveDate,
    booked_at: DateTime<Utc>,
) -> DateTime<chrono::FixedOffset> {
    let booked = wire::at_property(booked_at, property.tz);
    let booked = booked - Duration::nanoseconds(i64::from(chrono::Timelike::nanosecond(&booked)));
    match plan.kind {
        PlanKind::Flex => {
            let deadline = local(
                property.tz,
                arrival - Duration::days(1),
                flex_deadline_time(),
            );
            deadline.max(booked)
        }
        PlanKind::NonRef => booked,
    }
}

/// `cancellationFee` (with `id` for reservations, without for offers).
pub(crate) fn cancellation_fee(
    property: &Property,
    plan: &RatePlan,
    arrival: NaiveDate,
    grosses: &[Decimal],
    booked_at: DateTime<Utc>,
    with_id: bool,
) -> Value {
    let [id, code, name, description] = plan.cancellation_policy();
    let mut fee = json!({
        "code": code,
        "name": name,
        "description": description,
        "dueDateTime": wire::fmt_seconds(cancellation_due(property, plan, arrival, booked_at)),
        "fee": wire::money(plan.cancellation_fee_amount(grosses), property.currency),
    });
    if with_id {
        fee["id"] = json!(id);
    }
    fee
}

/// `noShowFee` (with `id` for reservations, without for offers).
pub(crate) fn no_show_fee(
    property: &Property,
    plan: &RatePlan,
    grosses: &[Decimal],
    with_id: bool,
) -> Value {
    let [id, code, name, description] = plan.no_show_policy();
    let mut fee = json!({
        "code": code,
        "name": name,
        "description": description,
        "fee": wire::money(plan.no_show_fee_amount(grosses), property.currency),
    });
    if with_id {
        fee["id"] = json!(id);
    }
    fee
}

/// A person object filtered to the model's fields.
pub(crate) fn person(map: &Map<String, Value>, fields: &[&str]) -> Value {
    let filtered: Map<String, Value> = map
        .iter()
        .filter(|(k, v)| fields.contains(&k.as_str()) && !v.is_null())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Value::Object(filtered)
}

/// Rendering options for a reservation.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ReservationView {
    /// `expand=timeSlices`.
    pub(crate) time_slices: bool,
    /// `expand=booker`.
    pub(crate) booker: bool,
    /// `expand=actions`.
    pub(crate) actions: bool,
    /// `ReservationItemModel` (list) instead of `ReservationModel`.
    pub(crate) item: bool,
}

fn set_opt(obj: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        obj.insert(key.to_owned(), value);
    }
}

/// `ReservationModel` / `ReservationItemModel`.
pub(crate) fn reservation(
    catalog: &Catalog,
    state: &State,
    r: &Reservation,
    now: DateTime<Utc>,
    view: ReservationView,
) -> Value {
    let (Some(property), Some(unit_group), Some(plan)) = (
        catalog.property(r.property_id),
        catalog.unit_group(&r.unit_group_id),
        catalog.rate_plan(r.rate_plan_id()),
    ) else {
        return json!({ "id": r.id });
    };
    let tz = property.tz;
    let cur = property.currency;
    let grosses = r.grosses();
    let total = r.total_gross();
    let mut obj = Map::new();
    obj.insert("id".into(), json!(r.id));
    obj.insert("bookingId".into(), json!(r.booking_id));
    obj.insert("status".into(), json!(r.status.as_str()));
    set_opt(
        &mut obj,
        "checkInTime",
        r.check_in_time.map(|t| json!(fmt_precise(t, tz))),
    );
    set_opt(
        &mut obj,
        "checkOutTime",
        r.check_out_time.map(|t| json!(fmt_precise(t, tz))),
    );
    set_opt(
        &mut obj,
        "cancellationTime",
        r.cancellation_time.map(|t| json!(fmt_precise(t, tz))),
    );
    set_opt(
        &mut obj,
        "noShowTime",
        r.no_show_time.map(|t| json!(fmt_precise(t, tz))),
    );
    obj.insert("property".into(), property.embedded());
    obj.insert("ratePlan".into(), plan.embedded());
    obj.insert("unitGroup".into(), unit_group.embedded());
    obj.insert("totalGrossAmount".into(), wire::money(total, cur));
    obj.insert(
        "arrival".into(),
        json!(wire::fmt_seconds(arrival_instant(property, r.arrival))),
    );
    obj.insert(
        "departure".into(),
        json!(wire::fmt_seconds(departure_instant(property, r.departure))),
    );
    obj.insert("created".into(), json!(fmt_precise(r.created, tz)));
    obj.insert("modified".into(), json!(fmt_precise(r.modified, tz)));
    obj.insert("adults".into(), json!(r.adults));
    obj.insert("childrenAges".into(), json!(r.children_ages));
    set_opt(&mut obj, "comment", r.comment.as_ref().map(|c| json!(c)));
    set_opt(
        &mut obj,
        "guestComment",
        r.guest_comment.as_ref().map(|c| json!(c)),
    );
    set_opt(
        &mut obj,
        "externalCode",
        r.external_code.as_ref().map(|c| json!(c)),
    );
    obj.insert("channelCode".into(), json!(r.channel_code));
    set_opt(&mut obj, "source", r.source.as_ref().map(|c| json!(c)));
    set_opt(
        &mut obj,
        "primaryGuest",
        r.primary_guest.as_ref().map(|g| person(g, GUEST_FIELDS)),
    );
    if !r.additional_guests.is_empty() {
        obj.insert(
            "additionalGuests".into(),
            Value::Array(
                r.additional_guests
                    .iter()
                    .map(|g| person(g, GUEST_FIELDS))
                    .collect(),
            ),
        );
    }
    if view.booker {
        set_opt(
            &mut obj,
            "booker",
            state
                .booking(&r.booking_id)
                .map(|b| person(&b.booker, BOOKER_FIELDS)),
        );
    }
    if view.time_slices {
        obj.insert("timeSlices".into(), time_slices(catalog, property, r));
    }
    obj.insert("guaranteeType".into(), json!(r.guarantee.as_str()));
    obj.insert(
        "cancellationFee".into(),
        cancellation_fee(property, plan, r.arrival, &grosses, r.created, true),
    );
    obj.insert(
        "noShowFee".into(),
        no_show_fee(property, plan, &grosses, true),
    );
    set_opt(
        &mut obj,
        "travelPurpose",
        r.travel_purpose.as_ref().map(|c| json!(c)),
    );
    obj.insert("balance".into(), wire::money(Decimal::ZERO, cur));
    if view.actions {
        obj.insert("actions".into(), actions(property, r, now));
    }
    obj.insert("allFoliosHaveInvoice".into(), json!(false));
    if !view.item {
        obj.insert("taxDetails".into(), property.tax_details(&grosses));
    }
    obj.insert("hasCityTax".into(), json!(true));
    if !view.item {
        let city_tax: Decimal = r
            .slices
            .iter()
            .map(|s| property.city_tax_for_night(s.gross, r.adults))
            .sum();
        obj.insert(
            "payableAmount".into(),
            json!({ "guest": wire::money(total + city_tax, cur) }),
        );
    }
    obj.insert(
        "isOpenForCharges".into(),
        json!(matches!(r.status, Status::Confirmed | Status::InHouse)),
    );
    obj.insert("isPreCheckedIn".into(), json!(false));
    obj.insert("isUnitAssignmentLocked".into(), json!(false));
    Value::Object(obj)
}

/// `timeSlices` of a reservation.
fn time_slices(catalog: &Catalog, property: &Property, r: &Reservation) -> Value {
    let tz = property.tz;
    Value::Array(
        r.slices
            .iter()
            .map(|s| {
                let plan = catalog.rate_plan(&s.rate_plan_id);
                let unit_group = catalog.unit_group(&r.unit_group_id);
                json!({
                    "from": wire::fmt_seconds(local(tz, s.night, check_in_time())),
                    "to": wire::fmt_seconds(local(tz, s.night + Duration::days(1), check_out_time())),
                    "serviceDate": wire::fmt_date(s.night),
                    "ratePlan": plan.map_or(Value::Null, RatePlan::embedded),
                    "unitGroup": unit_group.map_or(Value::Null, |u| u.embedded()),
                    "baseAmount": property.base_amount(s.gross),
                    "totalGrossAmount": wire::money(s.gross, property.currency),
                })
            })
            .collect(),
    )
}

/// `actions` (with `expand=actions`).
fn actions(property: &Property, r: &Reservation, now: DateTime<Utc>) -> Value {
    let today = wire::local_date(now, property.tz);
    let confirmed = r.status == Status::Confirmed;
    let in_house = r.status == Status::InHouse;
    let entry = |action: &str, reasons: Vec<(&str, &str)>| {
        let mut obj = json!({ "action": action, "isAllowed": reasons.is_empty() });
        if !reasons.is_empty() {
            obj["reasons"] = Value::Array(
                reasons
                    .into_iter()
                    .map(|(code, message)| json!({ "code": code, "message": message }))
                    .collect(),
            );
        }
        obj
    };
    let mut cancel = Vec::new();
    if !confirmed {
        cancel.push((
            "CancelNotAllowedForReservationNotInStatusConfirmed",
            "Only reservations in status Confirmed can be canceled.",
        ));
    } else if r.arrival < today {
        cancel.push((
            "CancelNotAllowedForReservationWithArrivalInThePast",
            "Reservations with an arrival in the past cannot be canceled.",
        ));
    }
    let mut check_in = Vec::new();
    if !confirmed {
        check_in.push((
            "CheckInNotAllowedForReservationNotInStatusConfirmed",
            "Only reservations in status Confirmed can be checked in.",
        ));
    } else if today < r.arrival {
        check_in.push((
            "CheckInNotAllowedBeforeArrivalDate",
            "Check-in is not possible before the arrival date.",
        ));
    } else if today >= r.departure {
        check_in.push((
            "CheckInNotAllowedAfterDepartureDateTime",
            "Check-in is not possible after the departure.",
        ));
    }
    let mut check_out = Vec::new();
    if !in_house {
        check_out.push((
            "CheckOutNotAllowedForReservationNotInStatusInHouse",
            "Only reservations in status InHouse can be checked out.",
        ));
    } else if r.departure > today + Duration::days(1) {
        check_out.push((
            "CheckOutNotAllowedWithDepartureDateMoreThanOneDayInTheFuture",
            "Amend the departure first.",
        ));
    }
    let mut amend = Vec::new();
    if !(confirmed || in_house) {
        amend.push((
            "AmendNotAllowedForNotAmendableTimeSlices",
            "Only reservations in status Confirmed or InHouse can be amended.",
        ));
    }
    let mut no_show = Vec::new();
    if !confirmed {
        no_show.push((
            "NoShowNotAllowedForReservationNotInStatusConfirmed",
            "Only reservations in status Confirmed can be set to no-show.",
        ));
    } else if r.arrival >= today {
        no_show.push((
            "NoShowNotAllowedBeforeArrivalDate",
            "No-show is only possible after the arrival date.",
        ));
    }
    json!([
        entry("CheckIn", check_in),
        entry("CheckOut", check_out),
        entry("Cancel", cancel),
        entry("AmendTimeSlices", amend),
        entry("NoShow", no_show),
    ])
}

/// `BookingReservationModel` (inside `BookingModel`).
pub(crate) fn booking_reservation(catalog: &Catalog, r: &Reservation) -> Value {
    let (Some(property), Some(unit_group), Some(plan)) = (
        catalog.property(r.property_id),
        catalog.unit_group(&r.unit_group_id),
        catalog.rate_plan(r.rate_plan_id()),
    ) else {
        return json!({ "id": r.id });
    };
    let grosses = r.grosses();
    let mut obj = Map::new();
    obj.insert("id".into(), json!(r.id));
    obj.insert("status".into(), json!(r.status.as_str()));
    set_opt(
        &mut obj,
        "externalCode",
        r.external_code.as_ref().map(|c| json!(c)),
    );
    obj.insert("channelCode".into(), json!(r.channel_code));
    set_opt(&mut obj, "source", r.source.as_ref().map(|c| json!(c)));
    obj.insert(
        "arrival".into(),
        json!(wire::fmt_seconds(arrival_instant(property, r.arrival))),
    );
    obj.insert(
        "departure".into(),
        json!(wire::fmt_seconds(departure_instant(property, r.departure))),
    );
    obj.insert("adults".into(), json!(r.adults));
    obj.insert("childrenAges".into(), json!(r.children_ages));
    obj.insert(
        "totalGrossAmount".into(),
        wire::money(r.total_gross(), property.currency),
    );
    obj.insert("property".into(), property.embedded());
    obj.insert("ratePlan".into(), plan.embedded());
    obj.insert("unitGroup".into(), unit_group.embedded());
    set_opt(
        &mut obj,
        "guestComment",
        r.guest_comment.as_ref().map(|c| json!(c)),
    );
    obj.insert(
        "cancellationFee".into(),
        cancellation_fee(property, plan, r.arrival, &grosses, r.created, true),
    );
    obj.insert(
        "noShowFee".into(),
        no_show_fee(property, plan, &grosses, true),
    );
    obj.insert(
        "isOpenForCharges".into(),
        json!(matches!(r.status, Status::Confirmed | Status::InHouse)),
    );
    obj.insert("isPreCheckedIn".into(), json!(false));
    Value::Object(obj)
}

/// `BookingModel`.
pub(crate) fn booking(catalog: &Catalog, state: &State, b: &Booking) -> Value {
    let reservations: Vec<&Reservation> = b
        .reservation_ids
        .iter()
        .filter_map(|id| state.reservation(id))
        .collect();
    let tz = reservations
        .first()
        .and_then(|r| catalog.property(r.property_id))
        .map_or(chrono_tz::UTC, |p| p.tz);
    let mut property_values: Vec<Value> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for r in &reservations {
        if seen.contains(&r.property_id) {
            continue;
        }
        seen.push(r.property_id);
        if let Some(property) = catalog.property(r.property_id) {
            let total: Decimal = reservations
                .iter()
                .filter(|x| x.property_id == r.property_id && x.status != Status::Canceled)
                .map(|x| x.total_gross())
                .sum();
            property_values.push(json!({
                "property": property.embedded(),
                "totalGrossAmount": wire::money(total, property.currency),
                "balance": wire::money(Decimal::ZERO, property.currency),
            }));
        }
    }
    let mut obj = Map::new();
    obj.insert("id".into(), json!(b.id));
    obj.insert("booker".into(), person(&b.booker, BOOKER_FIELDS));
    set_opt(&mut obj, "comment", b.comment.as_ref().map(|c| json!(c)));
    set_opt(
        &mut obj,
        "bookerComment",
        b.booker_comment.as_ref().map(|c| json!(c)),
    );
    obj.insert("created".into(), json!(fmt_precise(b.created, tz)));
    obj.insert("modified".into(), json!(fmt_precise(b.modified, tz)));
    obj.insert("propertyValues".into(), Value::Array(property_values));
    obj.insert(
        "reservations".into(),
        Value::Array(
            reservations
                .iter()
                .map(|r| booking_reservation(catalog, r))
                .collect(),
        ),
    );
    Value::Object(obj)
}
