//! Wire formats: date-times with the property's UTC offset, money objects, amounts.

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{Value, json};

/// Check-in time of the over-night time slice definition (property local time).
pub(crate) fn check_in_time() -> NaiveTime {
    NaiveTime::from_hms_opt(15, 0, 0).unwrap_or(NaiveTime::MIN)
}

/// Check-out time of the over-night time slice definition (property local time).
pub(crate) fn check_out_time() -> NaiveTime {
    NaiveTime::from_hms_opt(11, 0, 0).unwrap_or(NaiveTime::MIN)
}

/// The free-cancellation deadline of the flexible rate (local time, the day before arrival).
pub(crate) fn flex_deadline_time() -> NaiveTime {
    NaiveTime::from_hms_opt(18, 0, 0).unwrap_or(NaiveTime::MIN)
}

/// `date` at `time` in `tz`, with the offset valid at that instant (DST-aware). A local time in a
/// spring-forward gap is moved one hour later; an ambiguous one takes the earlier instant.
pub(crate) fn local(tz: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<FixedOffset> {
    let naive = date.and_time(time);
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(dt) | LocalResult::Ambiguous(dt, _) => dt.fixed_offset(),
        LocalResult::None => {
            let later = naive + chrono::Duration::hours(1);
            tz.from_local_datetime(&later)
                .earliest()
                .map(|dt| dt.fixed_offset())
                .unwrap_or_else(|| Utc.from_utc_datetime(&naive).fixed_offset())
        }
    }
}

/// An instant at the property's offset.
pub(crate) fn at_property(instant: DateTime<Utc>, tz: Tz) -> DateTime<FixedOffset> {
    instant.with_timezone(&tz).fixed_offset()
}

/// The property's local date at `instant`.
pub(crate) fn local_date(instant: DateTime<Utc>, tz: Tz) -> NaiveDate {
    instant.with_timezone(&tz).date_naive()
}

/// `2026-10-01T15:00:00+02:00` (no fractional seconds).
pub(crate) fn fmt_seconds(dt: DateTime<FixedOffset>) -> String {
    dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// `2026-09-29T16:19:28.2750481+02:00` (seven fractional digits, .NET style) at the property's
/// offset.
pub(crate) fn fmt_precise(instant: DateTime<Utc>, tz: Tz) -> String {
    let local = at_property(instant, tz);
    format!(
        "{}.{:07}{}",
        local.format("%Y-%m-%dT%H:%M:%S"),
        (local.nanosecond() % 1_000_000_000) / 100,
        local.format("%:z")
    )
}

/// `2026-10-01`.
pub(crate) fn fmt_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Commercial rounding to two places.
pub(crate) fn round2(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// A decimal amount as a JSON number (Apaleo's `double`).
pub(crate) fn num(value: Decimal) -> Value {
    value
        .to_f64()
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

/// `MonetaryValueModel`: `{"amount": 119.0, "currency": "EUR"}`.
pub(crate) fn money(amount: Decimal, currency: &str) -> Value {
    json!({ "amount": num(amount), "currency": currency })
}

/// `AmountModel`: gross, net, VAT type and percent, currency.
pub(crate) fn amount_model(
    gross: Decimal,
    net: Decimal,
    vat_type: &str,
    vat_percent: Decimal,
    currency: &str,
) -> Value {
    json!({
        "grossAmount": num(gross),
        "netAmount": num(net),
        "vatType": vat_type,
        "vatPercent": num(vat_percent),
        "currency": currency,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_follow_dst_and_fractions_have_seven_digits() {
        let tz = chrono_tz::Europe::Berlin;
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(
            fmt_seconds(local(tz, d(3, 28), check_in_time())),
            "2026-03-28T15:00:00+01:00"
        );
        assert_eq!(
            fmt_seconds(local(tz, d(3, 29), check_out_time())),
            "2026-03-29T11:00:00+02:00"
        );
        let gap = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
        assert_eq!(
            fmt_seconds(local(tz, d(3, 29), gap)),
            "2026-03-29T03:30:00+02:00"
        );
        let instant = Utc.with_ymd_and_hms(2026, 9, 29, 14, 19, 28).unwrap()
            + chrono::Duration::nanoseconds(275_048_100);
        assert_eq!(
            fmt_precise(instant, tz),
            "2026-09-29T16:19:28.2750481+02:00"
        );
        assert_eq!(num(Decimal::new(11900, 2)).to_string(), "119.0");
        assert_eq!(num(Decimal::new(10115, 2)).to_string(), "101.15");
    }
}
