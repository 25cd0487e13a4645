//! Request parameters, time units, amounts and paging.

use chrono::{DateTime, Months, NaiveDate, SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Map, Value, json};

use crate::error::{ApiError, ApiResult};
use crate::seed::{Enterprise, round2};

/// Most time units one availability or pricing request may cover.
pub(crate) const MAX_TIME_UNITS: i64 = 367;

/// A request body (a JSON object) with typed accessors that fail with `Invalid {name}.`.
#[derive(Debug)]
pub(crate) struct Body<'a>(pub(crate) &'a Map<String, Value>);

impl<'a> Body<'a> {
    /// The value, `None` when absent or `null`.
    pub(crate) fn get(&self, key: &str) -> Option<&'a Value> {
        self.0.get(key).filter(|v| !v.is_null())
    }

    pub(crate) fn opt_str(&self, key: &str) -> ApiResult<Option<&'a str>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err(ApiError::invalid(key)),
        }
    }

    /// A required, non-empty string.
    pub(crate) fn req_str(&self, key: &str) -> ApiResult<&'a str> {
        self.opt_str(key)?
            .filter(|s| !s.trim().is_empty())
            .ok_or_else(|| ApiError::invalid(key))
    }

    pub(crate) fn opt_bool(&self, key: &str) -> ApiResult<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(ApiError::invalid(key)),
        }
    }

    /// A list of strings; `None` when absent, `null` or empty.
    pub(crate) fn opt_str_list(&self, key: &str) -> ApiResult<Option<Vec<String>>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) => {
                let list = items
                    .iter()
                    .map(|v| v.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| ApiError::invalid(key))?;
                if list.len() > 1000 {
                    return Err(ApiError::invalid(key));
                }
                Ok((!list.is_empty()).then_some(list))
            }
            Some(_) => Err(ApiError::invalid(key)),
        }
    }

    pub(crate) fn req_str_list(&self, key: &str) -> ApiResult<Vec<String>> {
        self.opt_str_list(key)?
            .ok_or_else(|| ApiError::invalid(key))
    }

    pub(crate) fn opt_time(&self, key: &str) -> ApiResult<Option<DateTime<Utc>>> {
        match self.opt_str(key)? {
            None => Ok(None),
            Some(s) => parse_time(s)
                .map(Some)
                .ok_or_else(|| ApiError::invalid(key)),
        }
    }

    pub(crate) fn req_time(&self, key: &str) -> ApiResult<DateTime<Utc>> {
        self.opt_time(key)?.ok_or_else(|| ApiError::invalid(key))
    }

    /// A time-filter interval `{StartUtc, EndUtc}` (both required, at most 3 months).
    pub(crate) fn opt_interval(&self, key: &str) -> ApiResult<Option<Interval>> {
        let Some(value) = self.get(key) else {
            return Ok(None);
        };
        let object = value.as_object().ok_or_else(|| ApiError::invalid(key))?;
        let inner = Body(object);
        let start = inner
            .req_time("StartUtc")
            .map_err(|_| ApiError::invalid(key))?;
        let end = inner
            .req_time("EndUtc")
            .map_err(|_| ApiError::invalid(key))?;
        let limit = start.checked_add_months(Months::new(3));
        if end < start || limit.is_none_or(|limit| end > limit) {
            return Err(ApiError::invalid(key));
        }
        Ok(Some(Interval { start, end }))
    }

    /// `Limitation` (required): `Count` 1..=1000, optional `Cursor`.
    pub(crate) fn limitation(&self) -> ApiResult<Limitation> {
        let object = self
            .get("Limitation")
            .and_then(Value::as_object)
            .ok_or_else(|| ApiError::invalid("Limitation"))?;
        let inner = Body(object);
        let count = inner
            .get("Count")
            .and_then(Value::as_u64)
            .filter(|c| (1..=1000).contains(c))
            .ok_or_else(|| ApiError::invalid("Limitation"))?;
        let cursor = inner
            .opt_str("Cursor")
            .map_err(|_| ApiError::invalid("Cursor"))?
            .map(str::to_owned);
        Ok(Limitation {
            count: usize::try_from(count).unwrap_or(1000),
            cursor,
        })
    }
}

/// A half-open time filter; equality when `start == end`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Interval {
    pub(crate) start: DateTime<Utc>,
    pub(crate) end: DateTime<Utc>,
}

impl Interval {
    pub(crate) fn contains(&self, t: DateTime<Utc>) -> bool {
        if self.start == self.end {
            t == self.start
        } else {
            self.start <= t && t < self.end
        }
    }
}

/// Paging parameters.
#[derive(Debug, Clone)]
pub(crate) struct Limitation {
    pub(crate) count: usize,
    pub(crate) cursor: Option<String>,
}

/// One page of `items` (already in order, newest first): the `count` items after the one whose
/// id is the cursor. Returns the page and the new cursor (the last id, `None` if empty).
pub(crate) fn page(
    items: Vec<(String, Value)>,
    limitation: &Limitation,
) -> ApiResult<(Vec<Value>, Value)> {
    let skip = match &limitation.cursor {
        None => 0,
        Some(cursor) => {
            items
                .iter()
                .position(|(id, _)| id == cursor)
                .ok_or_else(|| ApiError::invalid("Cursor"))?
                + 1
        }
    };
    let page: Vec<(String, Value)> = items
        .into_iter()
        .skip(skip)
        .take(limitation.count)
        .collect();
    let cursor = page.last().map_or(Value::Null, |(id, _)| json!(id));
    Ok((page.into_iter().map(|(_, v)| v).collect(), cursor))
}

/// RFC 3339 with or without fractions, any offset.
pub(crate) fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// `YYYY-MM-DDThh:mm:ssZ`.
pub(crate) fn fmt_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `fmt_time` as a JSON value, `null` for `None`.
pub(crate) fn time_or_null(t: Option<DateTime<Utc>>) -> Value {
    t.map_or(Value::Null, |t| json!(fmt_time(t)))
}

/// The UTC instant of local midnight of `date` in `tz` (the first instant of the day if
/// midnight falls into a DST gap).
pub(crate) fn local_midnight(tz: Tz, date: NaiveDate) -> Option<DateTime<Utc>> {
    let midnight = date.and_hms_opt(0, 0, 0)?;
    if let Some(t) = tz.from_local_datetime(&midnight).earliest() {
        return Some(t.with_timezone(&Utc));
    }
    // A gap at midnight: the first valid minute after it.
    (1..=180).find_map(|minutes| {
        let local = midnight + chrono::Duration::minutes(minutes);
        tz.from_local_datetime(&local)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    })
}

/// The local date whose time unit starts exactly at `t`, or `None` when `t` is not a boundary.
pub(crate) fn unit_date(tz: Tz, t: DateTime<Utc>) -> Option<NaiveDate> {
    let date = t.with_timezone(&tz).date_naive();
    (local_midnight(tz, date) == Some(t)).then_some(date)
}

/// A required time-unit start parameter, as its local date.
pub(crate) fn req_unit(body: &Body<'_>, tz: Tz, key: &str) -> ApiResult<NaiveDate> {
    let t = body.req_time(key)?;
    unit_date(tz, t).ok_or_else(|| ApiError::invalid(key))
}

/// `FirstTimeUnitStartUtc`..=`LastTimeUnitStartUtc` as local dates (boundary rule, 367 cap).
pub(crate) fn unit_range(body: &Body<'_>, tz: Tz) -> ApiResult<Vec<NaiveDate>> {
    let first = req_unit(body, tz, "FirstTimeUnitStartUtc")?;
    let last = req_unit(body, tz, "LastTimeUnitStartUtc")?;
    let units = (last - first).num_days() + 1;
    if !(1..=MAX_TIME_UNITS).contains(&units) {
        return Err(ApiError::invalid("LastTimeUnitStartUtc"));
    }
    Ok(first.iter_days().take_while(|d| *d <= last).collect())
}

/// The time-unit starts of `dates` as JSON strings.
pub(crate) fn unit_starts(tz: Tz, dates: &[NaiveDate]) -> Vec<Value> {
    dates
        .iter()
        .map(|d| time_or_null(local_midnight(tz, *d)))
        .collect()
}

/// A money value as a JSON number (rounded to 2 decimals).
pub(crate) fn money(value: Decimal) -> Value {
    round2(value).to_f64().map_or(Value::Null, |f| json!(f))
}

/// The net value of a gross amount: round₂(gross / (1 + tax)).
pub(crate) fn net_of(enterprise: &Enterprise, gross: Decimal) -> Decimal {
    round2(gross / (Decimal::ONE + enterprise.tax_rate))
}

/// An `Amount` object for a gross value.
pub(crate) fn amount(enterprise: &Enterprise, gross: Decimal) -> Value {
    let net = net_of(enterprise, gross);
    let tax = gross - net;
    json!({
        "Currency": enterprise.currency,
        "NetValue": money(net),
        "GrossValue": money(gross),
        "TaxValues": [{ "Code": enterprise.tax_code, "Value": money(tax) }],
        "Breakdown": { "Items": [{
            "TaxRateCode": enterprise.tax_code,
            "NetValue": money(net),
            "TaxValue": money(tax),
        }]},
    })
}

/// A localized text in the enterprise's default language.
pub(crate) fn localized(text: &str) -> Value {
    json!({ "en-US": text })
}
