//! From Apaleo's JSON to the contract and back. Pure functions, no I/O.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use pms_contract::{
    Availability, CancellationPolicy, ConfirmationCode, CountryCode, Currency, Email, ErrorKind,
    Guarantee, Guest, IdempotencyKey, LanguageTag, Money, NightlyPrice, Occupancy, Offer,
    OfferRequest, PhoneNumber, Pii, PmsError, Property, PropertyId, RatePlanId, Reservation,
    ReservationId, ReservationStatus, RoomType, RoomTypeId, Stay,
};

use crate::money::WireMoney;
use crate::wire::{
    AvailabilityList, CancellationFee, Localized, OfferModel, Person, PersonAddress, PropertyModel,
    ReservationModel, TimeSliceDefinition, UnitGroupItem,
};

/// Check-in time when no rate plan names one (Apaleo's time-slice definitions default to it).
pub(crate) const DEFAULT_CHECK_IN: (u32, u32) = (15, 0);
/// Check-out time when no rate plan names one.
pub(crate) const DEFAULT_CHECK_OUT: (u32, u32) = (11, 0);

/// A `Protocol` error: Apaleo answered something the connector cannot interpret. The message
/// names the field, never its value.
pub(crate) fn protocol(message: impl Into<String>) -> PmsError {
    PmsError::new(ErrorKind::Protocol, message).with_vendor(crate::VENDOR)
}

/// A date-time with an offset, as Apaleo writes them (`2026-10-01T17:00:00+02:00`,
/// `2026-09-29T16:19:28.2750481+02:00`, `...Z`).
pub(crate) fn date_time(field: &str, value: &str) -> Result<DateTime<FixedOffset>, PmsError> {
    DateTime::parse_from_rfc3339(value.trim()).map_err(|_| {
        protocol(format!(
            "{field} is not an ISO 8601 date-time with an offset"
        ))
    })
}

/// The local date of a date-time with the property's offset (or a pure date).
pub(crate) fn local_date(field: &str, value: &str) -> Result<NaiveDate, PmsError> {
    if let Ok(date) = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d") {
        return Ok(date);
    }
    Ok(date_time(field, value)?.date_naive())
}

/// An instant in UTC.
pub(crate) fn utc(field: &str, value: &str) -> Result<DateTime<Utc>, PmsError> {
    Ok(date_time(field, value)?.with_timezone(&Utc))
}

fn money(field: &str, value: &WireMoney) -> Result<Money, PmsError> {
    value
        .to_money()
        .ok_or_else(|| protocol(format!("{field} has a currency that is not ISO 4217")))
}

/// A count Apaleo sends as an integer, clamped to `0..=u32::MAX`.
pub(crate) fn clamp_count(count: i64) -> u32 {
    u32::try_from(count.max(0)).unwrap_or(u32::MAX)
}

/// A time of day as `HH:MM:SS` or `HH:MM`.
fn time_of_day(value: Option<&str>) -> Option<NaiveTime> {
    let value = value?.trim();
    NaiveTime::parse_from_str(value, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(value, "%H:%M"))
        .ok()
}

fn default_time((hour, minute): (u32, u32)) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN)
}

/// The check-in and check-out times of a rate plan's time-slice definition; the defaults
/// ([`DEFAULT_CHECK_IN`], [`DEFAULT_CHECK_OUT`]) where it has none.
pub(crate) fn check_times(definition: Option<&TimeSliceDefinition>) -> (NaiveTime, NaiveTime) {
    let check_in = definition.and_then(|d| time_of_day(d.check_in_time.as_deref()));
    let check_out = definition.and_then(|d| time_of_day(d.check_out_time.as_deref()));
    (
        check_in.unwrap_or_else(|| default_time(DEFAULT_CHECK_IN)),
        check_out.unwrap_or_else(|| default_time(DEFAULT_CHECK_OUT)),
    )
}

/// The display name of a property: the plain string, or the English, German or first
/// translation of a language map.
fn display_name(name: &Localized) -> Option<String> {
    let name = match name {
        Localized::Plain(name) => Some(name.clone()),
        Localized::ByLanguage(names) => ["en", "de"]
            .iter()
            .find_map(|lang| names.get(*lang))
            .or_else(|| names.values().next())
            .cloned(),
    };
    name.filter(|n| !n.trim().is_empty())
}

/// `GET /inventory/v1/properties/{id}` → [`Property`].
pub(crate) fn property(
    model: &PropertyModel,
    check_in_time: NaiveTime,
    check_out_time: NaiveTime,
) -> Result<Property, PmsError> {
    let id = PropertyId::new(model.id.clone()).map_err(|_| protocol("property.id is not an id"))?;
    let name = display_name(&model.name).ok_or_else(|| protocol("property.name is empty"))?;
    let time_zone: Tz = model
        .time_zone
        .parse()
        .map_err(|_| protocol("property.timeZone is not an IANA time zone"))?;
    let currency = Currency::new(&model.currency_code)
        .map_err(|_| protocol("property.currencyCode is not an ISO 4217 code"))?;
    let country = model
        .location
        .as_ref()
        .and_then(|l| l.country_code.as_deref())
        .ok_or_else(|| protocol("property.location.countryCode is missing"))?;
    let country = CountryCode::new(country)
        .map_err(|_| protocol("property.location.countryCode is not ISO 3166-1 alpha-2"))?;
    Ok(Property {
        id,
        name,
        time_zone,
        currency,
        check_in_time,
        check_out_time,
        country,
        live: match model.status.as_deref() {
            Some("Live") => Some(true),
            Some("Test") => Some(false),
            _ => None,
        },
    })
}

/// A unit group → [`RoomType`].
pub(crate) fn room_type(item: &UnitGroupItem) -> Result<RoomType, PmsError> {
    let id = RoomTypeId::new(item.id.clone()).map_err(|_| protocol("unitGroup.id is not an id"))?;
    let max_persons = item
        .max_persons
        .ok_or_else(|| protocol("unitGroup.maxPersons is missing"))?;
    let max_occupancy = u8::try_from(max_persons)
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| protocol("unitGroup.maxPersons is not between 1 and 255"))?;
    Ok(RoomType {
        id,
        name: item.name.clone(),
        description: item.description.clone().filter(|d| !d.trim().is_empty()),
        max_occupancy,
        total_units: item.member_count.map(clamp_count),
    })
}

/// The availability list → one entry per night of `stay` and unit group (vendor overbooking,
/// a negative sellable count, is clamped to zero; slices outside the stay and repeated entries
/// are dropped).
pub(crate) fn availability(
    list: &AvailabilityList,
    stay: &Stay,
) -> Result<Vec<Availability>, PmsError> {
    let nights: BTreeSet<NaiveDate> = stay.night_dates().collect();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for slice in &list.time_slices {
        let date = local_date("timeSlices.from", &slice.from)?;
        if !nights.contains(&date) {
            continue;
        }
        for group in &slice.unit_groups {
            let room_type = RoomTypeId::new(group.unit_group.id.clone())
                .map_err(|_| protocol("unitGroup.id is not an id"))?;
            if seen.insert((date, room_type.clone())) {
                out.push(Availability {
                    date,
                    room_type,
                    available: clamp_count(group.sellable_count),
                });
            }
        }
    }
    Ok(out)
}

/// An offer → [`Offer`], or `None` if it is not bookable (no units left, or Apaleo attached
/// validation messages such as `UnitGroupFullyBooked`).
///
/// - `nightly` are the time slices' `totalGrossAmount`s; `total` is the offer's
///   `totalGrossAmount`, which must equal their sum exactly: if Apaleo's total differs (a
///   rounding difference between the per-night and the stay price), the offer is a
///   `Protocol` error rather than a price the guest would be quoted twice differently. City
///   taxes and fees are listed separately by Apaleo and are in neither.
/// - `cancellation`: see [`cancellation`], with `now` as the moment of booking.
/// - `guarantee_required` unless the rate plan's minimum guarantee is `PM6Hold`.
pub(crate) fn offer(
    model: &OfferModel,
    request: &OfferRequest,
    now: DateTime<Utc>,
) -> Result<Option<Offer>, PmsError> {
    let has_messages = model
        .validation_messages
        .as_ref()
        .is_some_and(|m| !m.is_empty());
    if model.available_units <= 0 || has_messages {
        return Ok(None);
    }
    let room_type = RoomTypeId::new(model.unit_group.id.clone())
        .map_err(|_| protocol("offer.unitGroup.id is not an id"))?;
    let rate_plan = RatePlanId::new(model.rate_plan.id.clone())
        .map_err(|_| protocol("offer.ratePlan.id is not an id"))?;
    let total = money("offer.totalGrossAmount", &model.total_gross_amount)?;
    let mut nightly = Vec::with_capacity(model.time_slices.len());
    for slice in &model.time_slices {
        nightly.push(NightlyPrice {
            date: local_date("offer.timeSlices.from", &slice.from)?,
            amount: money(
                "offer.timeSlices.totalGrossAmount",
                &slice.total_gross_amount,
            )?,
        });
    }
    let nights: Vec<NaiveDate> = request.stay.night_dates().collect();
    let dates: Vec<NaiveDate> = nightly.iter().map(|n| n.date).collect();
    if dates != nights {
        return Err(protocol(format!(
            "offer for {rate_plan} prices {} time slices that are not the {} nights of the stay",
            dates.len(),
            nights.len()
        )));
    }
    let sum = Money::sum(total.currency(), nightly.iter().map(|n| &n.amount))
        .map_err(|_| protocol(format!("offer for {rate_plan} mixes currencies")))?;
    if sum != total {
        return Err(protocol(format!(
            "offer for {rate_plan}: the time slices sum to {sum} but totalGrossAmount is {total}"
        )));
    }
    let cancellation = cancellation("offer.cancellationFee", &model.cancellation_fee, total, now)?;
    Ok(Some(Offer {
        room_type,
        rate_plan_name: model
            .rate_plan
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| rate_plan.to_string()),
        rate_plan,
        stay: request.stay,
        nightly,
        total,
        cancellation,
        guarantee_required: model.min_guarantee_type != "PM6Hold",
        units_left: clamp_count(model.available_units),
    }))
}

/// A `cancellationFee` → [`CancellationPolicy`], for a booking made at `booked_at` (an offer:
/// now; a reservation: its creation). A fee due after `booked_at` is `FreeUntil` its due
/// date-time, then the fee; a fee due at or before it (from booking on) is `PartlyRefundable`
/// when it is less than the total (the rest is refunded: Apaleo's flexible plans booked after
/// their deadline, policies of a share of the stay) and `NonRefundable` when it is the total or
/// more. A zero fee is free cancellation until the due date-time and free after it. The fee must
/// be in the currency of the total.
pub(crate) fn cancellation(
    field: &str,
    model: &CancellationFee,
    total: Money,
    booked_at: DateTime<Utc>,
) -> Result<CancellationPolicy, PmsError> {
    let fee = money(&format!("{field}.fee"), &model.fee)?;
    let due = utc(&format!("{field}.dueDateTime"), &model.due_date_time)?;
    if fee.currency() != total.currency() {
        return Err(protocol(format!(
            "{field}.fee is not in the currency of the total"
        )));
    }
    if fee.amount().is_sign_negative() {
        return Err(protocol(format!("{field}.fee is negative")));
    }
    let fee_due = due <= booked_at && !fee.amount().is_zero();
    Ok(if !fee_due {
        CancellationPolicy::FreeUntil { deadline: due, fee }
    } else if fee.amount() < total.amount() {
        CancellationPolicy::PartlyRefundable { fee }
    } else {
        CancellationPolicy::NonRefundable
    })
}

/// Apaleo's `guaranteeType` → [`Guarantee`] (`PM6Hold` holds the room until 6 pm without a
/// guarantee; `Ota` is guaranteed by the channel).
pub(crate) fn guarantee(value: &str) -> Result<Guarantee, PmsError> {
    match value {
        "PM6Hold" => Ok(Guarantee::Unguaranteed),
        "CreditCard" => Ok(Guarantee::CreditCard),
        "Prepayment" => Ok(Guarantee::Prepayment),
        "Company" => Ok(Guarantee::Company),
        "Ota" => Ok(Guarantee::Channel),
        _ => Err(protocol(
            "reservation.guaranteeType is not a known guarantee type",
        )),
    }
}

/// Apaleo's reservation status → the contract's.
pub(crate) fn status(value: &str) -> Result<ReservationStatus, PmsError> {
    match value {
        "Confirmed" => Ok(ReservationStatus::Confirmed),
        "InHouse" => Ok(ReservationStatus::InHouse),
        "CheckedOut" => Ok(ReservationStatus::CheckedOut),
        "Canceled" => Ok(ReservationStatus::Canceled),
        "NoShow" => Ok(ReservationStatus::NoShow),
        _ => Err(protocol("reservation.status is not a known status")),
    }
}

/// Whether a reservation in `status` can still be changed.
pub(crate) fn is_modifiable(status: ReservationStatus) -> bool {
    matches!(
        status,
        ReservationStatus::Confirmed | ReservationStatus::InHouse
    )
}

/// A guest from Apaleo's `GuestModel`. Contact details the contract cannot hold (a phone number
/// without country code, an e-mail address that does not parse) are dropped with a debug log
/// naming the field only.
pub(crate) fn guest(person: &Person, reservation: &str) -> Guest {
    let mut guest = Guest::new(
        person.first_name.clone().unwrap_or_default(),
        person.last_name.clone(),
    );
    if let Some(email) = person.email.as_deref().filter(|e| !e.trim().is_empty()) {
        match Email::new(email) {
            Ok(email) => guest.email = Some(email),
            Err(_) => tracing::debug!(
                vendor = crate::VENDOR,
                reservation,
                field = "primaryGuest.email",
                "dropped a guest e-mail address the contract cannot hold"
            ),
        }
    }
    if let Some(phone) = person.phone.as_deref().filter(|p| !p.trim().is_empty()) {
        match PhoneNumber::new(phone) {
            Ok(phone) => guest.phone = Some(phone),
            Err(_) => tracing::debug!(
                vendor = crate::VENDOR,
                reservation,
                field = "primaryGuest.phone",
                "dropped a guest phone number that is not in international form"
            ),
        }
    }
    guest.language = person
        .preferred_language
        .as_deref()
        .and_then(|l| LanguageTag::new(l).ok());
    guest.country = person
        .address
        .as_ref()
        .and_then(|a| a.country_code.as_deref())
        .and_then(|c| CountryCode::new(c).ok());
    guest
}

/// The `GuestModel`/`BookerModel` for a contract guest. Apaleo keeps ISO 639-1 languages, so a
/// tag such as `en-GB` is sent (and read back) as `en`.
pub(crate) fn person(guest: &Guest) -> Person {
    let first_name = guest.first_name.expose().trim();
    Person {
        first_name: (!first_name.is_empty()).then(|| first_name.to_owned()),
        last_name: guest.last_name.expose().trim().to_owned(),
        email: guest.email.as_ref().map(|e| e.expose().to_owned()),
        phone: guest.phone.as_ref().map(|p| p.expose().to_owned()),
        preferred_language: guest.language.as_ref().map(primary_language),
        address: guest.country.map(|c| PersonAddress {
            country_code: Some(c.as_str().to_owned()),
        }),
    }
}

/// The primary language subtag (`en` of `en-GB`).
pub(crate) fn primary_language(tag: &LanguageTag) -> String {
    tag.as_str()
        .split('-')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The reservation's guest object (its primary guest).
pub(crate) fn primary_guest(model: &ReservationModel) -> Result<Person, PmsError> {
    let value = model
        .primary_guest
        .as_ref()
        .ok_or_else(|| protocol("reservation.primaryGuest is missing"))?;
    serde_json::from_value(value.clone())
        .map_err(|_| protocol("reservation.primaryGuest is not a guest (lastName missing?)"))
}

/// `ReservationModel` → [`Reservation`]. The confirmation code is the booking id (Apaleo has no
/// separate confirmation number); stay dates are the local dates of `arrival`/`departure`
/// (which carry the property's offset); the total is `totalGrossAmount` (city tax excluded);
/// the cancellation terms are `cancellationFee` read as of `created` (the terms booked under:
/// stable across reads, whatever the time now), the guarantee is `guaranteeType`.
pub(crate) fn reservation(model: &ReservationModel) -> Result<Reservation, PmsError> {
    let id = ReservationId::new(model.id.clone())
        .map_err(|_| protocol("reservation.id is not an id"))?;
    let confirmation_code = ConfirmationCode::new(model.booking_id.clone())
        .map_err(|_| protocol("reservation.bookingId is not an id"))?;
    let stay = Stay::new(
        local_date("reservation.arrival", &model.arrival)?,
        local_date("reservation.departure", &model.departure)?,
    )
    .map_err(|e| protocol(format!("reservation stay: {}", e.message())))?;
    let adults =
        u8::try_from(model.adults).map_err(|_| protocol("reservation.adults is out of range"))?;
    let children = model
        .children_ages
        .clone()
        .unwrap_or_default()
        .into_iter()
        .map(u8::try_from)
        .collect::<Result<Vec<u8>, _>>()
        .map_err(|_| protocol("reservation.childrenAges is out of range"))?;
    let occupancy = Occupancy::new(adults, children)
        .map_err(|e| protocol(format!("reservation {}", e.message())))?;
    let room_type = RoomTypeId::new(model.unit_group.id.clone())
        .map_err(|_| protocol("reservation.unitGroup.id is not an id"))?;
    let rate_plan = RatePlanId::new(model.rate_plan.id.clone())
        .map_err(|_| protocol("reservation.ratePlan.id is not an id"))?;
    let cancelled_at = model
        .cancellation_time
        .as_deref()
        .map(|t| utc("reservation.cancellationTime", t))
        .transpose()?;
    let total = money("reservation.totalGrossAmount", &model.total_gross_amount)?;
    let created_at = utc("reservation.created", &model.created)?;
    Ok(Reservation {
        id,
        confirmation_code,
        status: status(&model.status)?,
        stay,
        occupancy,
        room_type,
        rate_plan,
        total,
        cancellation: cancellation(
            "reservation.cancellationFee",
            &model.cancellation_fee,
            total,
            created_at,
        )?,
        guarantee: guarantee(&model.guarantee_type)?,
        guest: guest(&primary_guest(model)?, &model.id),
        comment: model
            .comment
            .clone()
            .filter(|c| !c.is_empty())
            .map(Pii::new),
        created_at,
        modified_at: utc("reservation.modified", &model.modified)?,
        cancelled_at,
    })
}

/// The `externalCode` a create carries: `VH` and 32 hex digits of two FNV-1a hashes of the
/// idempotency key. Deterministic across processes and versions, so a create whose outcome is
/// unknown can be found again; fixed-length, so Apaleo's prefix match finds no other code.
pub(crate) fn external_code(key: &IdempotencyKey) -> String {
    fn fnv1a(bytes: &[u8], basis: u64) -> u64 {
        bytes.iter().fold(basis, |hash, b| {
            (hash ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    }
    let bytes = key.as_str().as_bytes();
    format!(
        "VH{:016X}{:016X}",
        fnv1a(bytes, 0xcbf2_9ce4_8422_2325),
        fnv1a(bytes, 0x6c62_272e_07bb_0142)
    )
}

/// The unit group code of `room_type` (`DBL` of `MUC-DBL`), if it follows Apaleo's
/// `{property}-{code}` id scheme.
fn unit_group_code<'a>(property: &str, room_type: &'a str) -> Option<&'a str> {
    room_type
        .strip_prefix(property)?
        .strip_prefix('-')
        .filter(|code| !code.is_empty())
}

/// The rate plan code of `rate_plan` (`FLEX` of `MUC-FLEX-DBL`) for unit group `code`.
fn rate_plan_code<'a>(property: &str, rate_plan: &'a str, group_code: &str) -> Option<&'a str> {
    rate_plan
        .strip_prefix(property)?
        .strip_prefix('-')?
        .strip_suffix(group_code)?
        .strip_suffix('-')
        .filter(|code| !code.is_empty())
}

/// Whether `rate_plan` sells `room_type`, read from Apaleo's id scheme (rate plan
/// `{property}-{code}-{unit group code}`, unit group `{property}-{code}`): `Some(true)` or
/// `Some(false)` when both ids follow it, `None` when they do not (ask Apaleo).
pub(crate) fn rate_plan_sells(property: &str, room_type: &str, rate_plan: &str) -> Option<bool> {
    let group_code = unit_group_code(property, room_type)?;
    let follows_scheme = rate_plan
        .strip_prefix(property)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|rest| rest.contains('-'));
    if !follows_scheme {
        return None;
    }
    Some(rate_plan_code(property, rate_plan, group_code).is_some())
}

/// The rate plan with the code of `current_rate_plan` for `new_room_type` (`MUC-FLEX-SGL` for
/// `MUC-FLEX-DBL`, `MUC-DBL` → `MUC-SGL`), if the ids follow Apaleo's scheme.
pub(crate) fn same_rate_for_room_type(
    property: &str,
    current_room_type: &str,
    current_rate_plan: &str,
    new_room_type: &str,
) -> Option<String> {
    let current_group = unit_group_code(property, current_room_type)?;
    let code = rate_plan_code(property, current_rate_plan, current_group)?;
    let new_group = unit_group_code(property, new_room_type)?;
    Some(format!("{property}-{code}-{new_group}"))
}

/// The normalized comparison form of a phone number from Apaleo, if it is one.
pub(crate) fn same_phone(stored: Option<&str>, wanted: &PhoneNumber) -> bool {
    stored
        .and_then(|p| PhoneNumber::new(p).ok())
        .is_some_and(|p| p == *wanted)
}

/// Case-insensitive equality of names (Unicode lower case, surrounding spaces ignored).
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// What a vendor message of a reservation call says, as a fixed text the connector can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MessageCategory {
    /// The idempotency key was used before with another request.
    IdempotencyKeyReused,
    /// No unit is left for (a night of) the stay.
    NoAvailability,
    /// The reservation's status does not allow the action.
    NotAllowedInStatus,
    /// The rate plan's restrictions do not allow the stay.
    RestrictionsViolated,
    /// Anything else.
    Rejected,
}

impl MessageCategory {
    /// The fixed text put into errors.
    pub(crate) fn text(self) -> &'static str {
        match self {
            MessageCategory::IdempotencyKeyReused => {
                "idempotency key already used with a different request"
            }
            MessageCategory::NoAvailability => "no availability for the stay",
            MessageCategory::NotAllowedInStatus => "not allowed in the reservation's status",
            MessageCategory::RestrictionsViolated => "rate plan restrictions violated",
            MessageCategory::Rejected => "rejected",
        }
    }

    /// Which category a (sanitized) error message mentions.
    pub(crate) fn found_in(message: &str) -> Option<MessageCategory> {
        [
            MessageCategory::IdempotencyKeyReused,
            MessageCategory::NoAvailability,
            MessageCategory::NotAllowedInStatus,
            MessageCategory::RestrictionsViolated,
        ]
        .into_iter()
        .find(|c| message.contains(c.text()))
    }

    fn classify(raw: &str) -> MessageCategory {
        let lower = raw.to_lowercase();
        let any = |needles: &[&str]| needles.iter().any(|n| lower.contains(n));
        if any(&["idempotency"]) {
            MessageCategory::IdempotencyKeyReused
        } else if any(&[
            "fullybooked",
            "fully booked",
            "no availability",
            "not available",
            "availability",
            "overbook",
            "sold out",
            "no units",
        ]) {
            MessageCategory::NoAvailability
        } else if any(&[
            "status",
            "notallowed",
            "not allowed",
            "canceled",
            "cancelled",
        ]) {
            MessageCategory::NotAllowedInStatus
        } else if any(&["restriction"]) {
            MessageCategory::RestrictionsViolated
        } else {
            MessageCategory::Rejected
        }
    }
}

/// The sanitizer for vendor messages of reservation calls, whose requests carry guest data
/// that a message could quote (a name is not recognisable in free text): only the leading field
/// path of a message (`Reservations[0].TimeSlices`) is kept, followed by a fixed text for what
/// the message is about ([`MessageCategory`]). Inventory calls keep pms-http's default, which
/// only redacts contact details.
pub(crate) fn sanitize_reservation_message(raw: &str) -> String {
    let category = MessageCategory::classify(raw).text();
    let field = raw
        .split_once(':')
        .map(|(head, _)| head.trim())
        .filter(|head| {
            !head.is_empty()
                && head.len() <= 80
                && head
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '[' | ']' | '.' | '_' | '$'))
        });
    match field {
        Some(field) => format!("{field}: {category}"),
        None => category.to_owned(),
    }
}
