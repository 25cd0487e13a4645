//! From Mews's JSON to the contract and back. Pure functions, no I/O.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use pms_contract::{
    CancellationPolicy, ErrorKind, Guarantee, IdempotencyKey, Money, PmsError, ReservationStatus,
};
use sha2::{Digest, Sha256};

use crate::config::FreeCancellation;

/// A `Protocol` error: Mews answered something the connector cannot interpret. The message
/// names the field, never its value.
pub(crate) fn protocol(message: impl Into<String>) -> PmsError {
    PmsError::new(ErrorKind::Protocol, message).with_vendor(crate::VENDOR)
}

/// The UTC instant of local midnight of `date` in `tz`: the start of the date's time unit and
/// how Mews writes date-only values. DST-aware (`2026-03-29` in Berlin is
/// `2026-03-28T23:00:00Z`, `2026-03-30` is `2026-03-29T22:00:00Z`). In a zone whose clocks
/// skip midnight (e.g. `America/Santiago`), the first valid instant of the day.
pub(crate) fn local_midnight_utc(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_time(NaiveTime::MIN);
    let resolved = match tz.from_local_datetime(&midnight) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => Some(at),
        LocalResult::None => (1..=180)
            .filter_map(|minutes| {
                tz.from_local_datetime(&(midnight + chrono::Duration::minutes(minutes)))
                    .earliest()
            })
            .next(),
    };
    resolved.map_or_else(|| midnight.and_utc(), |at| at.with_timezone(&Utc))
}

/// The UTC instant of `time` local on `date` in `tz` (the earliest if ambiguous, the first
/// valid one after a gap).
pub(crate) fn local_time_utc(tz: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let local = date.and_time(time);
    match tz.from_local_datetime(&local) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => at.with_timezone(&Utc),
        LocalResult::None => tz
            .from_local_datetime(&(local + chrono::Duration::hours(1)))
            .earliest()
            .map_or_else(|| local.and_utc(), |at| at.with_timezone(&Utc)),
    }
}

/// A UTC instant as Mews writes them: `YYYY-MM-DDThh:mm:ssZ`.
pub(crate) fn wire_utc(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// [`wire_utc`] of local midnight of `date`.
pub(crate) fn wire_date(tz: Tz, date: NaiveDate) -> String {
    wire_utc(local_midnight_utc(tz, date))
}

/// An ISO 8601 UTC instant (`2026-03-27T23:00:00Z`, also with fractional seconds or an offset).
pub(crate) fn utc(field: &str, value: &str) -> Result<DateTime<Utc>, PmsError> {
    DateTime::parse_from_rfc3339(value.trim())
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| protocol(format!("{field} is not an ISO 8601 instant")))
}

/// The local date of an instant in `tz`.
pub(crate) fn local_date(tz: Tz, at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// The time of day of an ISO 8601 duration such as Mews's service offsets (`P0M0DT15H0M0S` is
/// 15:00, `P0M1DT11H0M0S` is 11:00 the next day, `PT14H`, `P0Y0M0DT14H30M0S`); whole days are
/// dropped. `None` if it is not such a duration.
pub(crate) fn offset_time_of_day(value: &str) -> Option<NaiveTime> {
    let rest = value.trim().strip_prefix('P')?;
    let (date_part, time_part) = match rest.split_once('T') {
        Some((d, t)) => (d, t),
        None => (rest, ""),
    };
    // The date part must be well formed too (Y, M, W, D with integers).
    parse_units(date_part, &['Y', 'M', 'W', 'D'])?;
    let units = parse_units(time_part, &['H', 'M', 'S'])?;
    let mut seconds: i64 = 0;
    for (unit, amount) in units {
        let factor = match unit {
            'H' => 3600,
            'M' => 60,
            _ => 1,
        };
        // Fractions are cut: offsets are whole minutes in practice.
        let mut parts = amount.split(['.', ',']);
        let whole: i64 = parts.next()?.parse().ok()?;
        if let Some(fraction) = parts.next()
            && (parts.next().is_some() || !fraction.chars().all(|c| c.is_ascii_digit()))
        {
            return None;
        }
        seconds = seconds.checked_add(whole.checked_mul(factor)?)?;
    }
    let seconds = u32::try_from(seconds.rem_euclid(86_400)).ok()?;
    NaiveTime::from_num_seconds_from_midnight_opt(seconds, 0)
}

/// `15H0M0S` → `[('H', "15"), ('M', "0"), ('S', "0")]`, units in the order `allowed` lists
/// them, each at most once.
fn parse_units<'a>(text: &'a str, allowed: &[char]) -> Option<Vec<(char, &'a str)>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut next_allowed = 0;
    for (i, c) in text.char_indices() {
        if c.is_ascii_digit() || c == '.' || c == ',' {
            continue;
        }
        let position = allowed[next_allowed..].iter().position(|u| *u == c)?;
        let number = &text[start..i];
        if number.is_empty() {
            return None;
        }
        out.push((c, number));
        next_allowed += position + 1;
        start = i + c.len_utf8();
    }
    (start == text.len()).then_some(out)
}

/// The display text of a localized Mews text: English first, then any.
pub(crate) fn localized(texts: Option<&BTreeMap<String, String>>) -> Option<String> {
    let texts = texts?;
    ["en-US", "en-GB", "en"]
        .iter()
        .find_map(|lang| texts.get(*lang))
        .or_else(|| texts.values().next())
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

/// Mews's reservation state (2023 read model `Inquired`, 2017 write model `Enquired`) → the
/// contract's. A cancellation with reason `NoShow` is a no-show.
pub(crate) fn status(
    state: &str,
    cancellation_reason: Option<&str>,
) -> Result<ReservationStatus, PmsError> {
    match state {
        "Confirmed" | "Optional" | "Inquired" | "Enquired" | "Requested" => {
            Ok(ReservationStatus::Confirmed)
        }
        "Started" => Ok(ReservationStatus::InHouse),
        "Processed" => Ok(ReservationStatus::CheckedOut),
        "Canceled" if cancellation_reason == Some("NoShow") => Ok(ReservationStatus::NoShow),
        "Canceled" => Ok(ReservationStatus::Canceled),
        _ => Err(protocol("reservation.State is not a known state")),
    }
}

/// Whether a reservation in `status` can still be changed: not once cancelled, checked out or
/// a no-show.
pub(crate) fn is_modifiable(status: ReservationStatus) -> bool {
    matches!(
        status,
        ReservationStatus::Confirmed | ReservationStatus::InHouse
    )
}

/// Every reservation state of the 2023 read model: searches name them all (Mews's default
/// when `States` is left out is not documented).
pub(crate) const ALL_STATES: [&str; 7] = [
    "Inquired",
    "Requested",
    "Optional",
    "Confirmed",
    "Started",
    "Processed",
    "Canceled",
];

/// The token a create with `key` sends as `ChannelNumber` (and `Identifier`): `VH` and the
/// first 72 bits of the key's SHA-256 in upper-case hex, 20 characters. Mews has no
/// idempotency key; the token finds the booking again (`ChannelNumbers` filter).
pub(crate) fn channel_token(key: &IdempotencyKey) -> String {
    let digest = Sha256::digest(key.as_str().as_bytes());
    let mut out = String::from("VH");
    for byte in digest.iter().take(9) {
        out.push_str(&format!("{byte:02X}"));
    }
    out
}

/// Whether a rate's name or short name marks it non-refundable (`Non-refundable`, `NONREF`,
/// `Non refundable`, `nicht erstattbar`).
pub(crate) fn is_non_refundable<'a>(names: impl IntoIterator<Item = &'a str>) -> bool {
    names.into_iter().any(|name| {
        let folded: String = name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        folded.contains("nonref") || folded.contains("nichterstattbar")
    })
}

/// The cancellation terms of a rate for a stay arriving on `arrival` whose first night costs
/// `first_night` and the stay `total`, as of `as_of` (an offer: now; a reservation: its
/// creation).
///
/// Non-refundable rates are [`CancellationPolicy::NonRefundable`]. Others are free until the
/// deadline of `terms` (local time in `tz`), then cost the first night; booked at or after the
/// deadline, the first night is due from booking on (partly refundable, or non-refundable for
/// a one-night stay).
pub(crate) fn cancellation(
    non_refundable: bool,
    terms: FreeCancellation,
    tz: Tz,
    arrival: NaiveDate,
    first_night: Money,
    total: Money,
    as_of: DateTime<Utc>,
) -> CancellationPolicy {
    if non_refundable {
        return CancellationPolicy::NonRefundable;
    }
    let day = arrival
        .checked_sub_days(Days::new(u64::from(terms.days_before)))
        .unwrap_or(arrival);
    let deadline = local_time_utc(tz, day, terms.time);
    let fee = if first_night.amount() > total.amount() {
        total
    } else {
        first_night
    };
    if as_of < deadline || fee.amount().is_zero() {
        CancellationPolicy::FreeUntil { deadline, fee }
    } else if fee.amount() < total.amount() {
        CancellationPolicy::PartlyRefundable { fee }
    } else {
        CancellationPolicy::NonRefundable
    }
}

/// How a reservation on a rate is guaranteed: non-refundable rates are prepaid, others are
/// held without a guarantee (the contract carries no payment card).
pub(crate) fn guarantee(non_refundable: bool) -> Guarantee {
    if non_refundable {
        Guarantee::Prepayment
    } else {
        Guarantee::Unguaranteed
    }
}

/// Whether `value` has the shape of a Mews id (a hyphenated GUID). Ids of another shape
/// cannot exist at Mews.
pub(crate) fn is_guid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Case-insensitive comparison of names or addresses, ignoring surrounding whitespace.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The spellings of a last name sent to Mews's exact-match `LastNames` filter: as given,
/// lower case, upper case and capitalised (`o'neill-smith` → `O'neill-Smith`).
pub(crate) fn name_variants(name: &str) -> Vec<String> {
    let name = name.trim();
    let mut capitalised = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            capitalised.extend(c.to_uppercase());
        } else {
            capitalised.extend(c.to_lowercase());
        }
        start = c == ' ' || c == '-';
    }
    let mut out: Vec<String> = Vec::new();
    for variant in [
        name.to_owned(),
        name.to_lowercase(),
        name.to_uppercase(),
        capitalised,
    ] {
        if !out.contains(&variant) {
            out.push(variant);
        }
    }
    out
}

/// A count Mews sends as an integer, clamped to `0..=u32::MAX` (overbooking is negative).
pub(crate) fn clamp_count(count: i64) -> u32 {
    u32::try_from(count.max(0)).unwrap_or(u32::MAX)
}
