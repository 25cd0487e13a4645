//! Query-string and form parsing with Apaleo's (ASP.NET's) binding rules: parameter names are
//! case-insensitive, `name[]` equals `name`, and list parameters may be repeated or comma-separated.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use crate::error::{ApiError, ApiResult};

/// Decoded `application/x-www-form-urlencoded` pairs.
#[derive(Debug, Default, Clone)]
pub(crate) struct Params(Vec<(String, String)>);

/// Paging parameters after validation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Paging {
    pub(crate) number: usize,
    pub(crate) size: usize,
}

impl Paging {
    /// The slice of `items` for this page, or `None` when the page is empty (→ 204).
    pub(crate) fn page<T>(&self, items: Vec<T>) -> Option<Vec<T>> {
        let start = (self.number - 1).saturating_mul(self.size);
        let page: Vec<T> = items.into_iter().skip(start).take(self.size).collect();
        if page.is_empty() { None } else { Some(page) }
    }
}

impl Params {
    /// Parses a raw query string or form body.
    pub(crate) fn parse(raw: Option<&str>) -> Self {
        let Some(raw) = raw else {
            return Self::default();
        };
        Self(
            raw.split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| match pair.split_once('=') {
                    Some((k, v)) => (decode(k), decode(v)),
                    None => (decode(pair), String::new()),
                })
                .collect(),
        )
    }

    fn matches(key: &str, name: &str) -> bool {
        let key = key.strip_suffix("[]").unwrap_or(key);
        key.eq_ignore_ascii_case(name)
    }

    /// The first non-empty value of `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| Self::matches(k, name) && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    /// All values of `name` (repeated and/or comma-separated), trimmed, empty ones dropped.
    pub(crate) fn list(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| Self::matches(k, name))
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// A required value, or 422 "The {name} field is required.".
    pub(crate) fn required(&self, name: &str) -> ApiResult<&str> {
        self.get(name)
            .ok_or_else(|| ApiError::msg(format!("The {name} field is required.")))
    }

    /// An optional 32-bit integer.
    pub(crate) fn int(&self, name: &str) -> ApiResult<Option<i64>> {
        self.get(name)
            .map(|v| {
                v.parse::<i32>()
                    .map(i64::from)
                    .map_err(|_| invalid_value(v, name))
            })
            .transpose()
    }

    /// A list of 32-bit integers.
    pub(crate) fn int_list(&self, name: &str) -> ApiResult<Vec<i64>> {
        self.list(name)
            .iter()
            .map(|v| {
                v.parse::<i32>()
                    .map(i64::from)
                    .map_err(|_| invalid_value(v, name))
            })
            .collect()
    }

    /// An optional boolean.
    pub(crate) fn bool(&self, name: &str) -> ApiResult<Option<bool>> {
        self.get(name)
            .map(|v| match v.to_ascii_lowercase().as_str() {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err(invalid_value(v, name)),
            })
            .transpose()
    }

    /// `pageNumber` (default 1) and `pageSize` (default 500, at most 500).
    pub(crate) fn paging(&self) -> ApiResult<Paging> {
        let number = self.int("pageNumber")?.unwrap_or(1);
        let size = self.int("pageSize")?.unwrap_or(500);
        if number < 1 {
            return Err(ApiError::msg(
                "The field PageNumber must be between 1 and 2147483647.",
            ));
        }
        if !(1..=500).contains(&size) {
            return Err(ApiError::msg(
                "The field PageSize must be between 1 and 500.",
            ));
        }
        Ok(Paging {
            number: usize::try_from(number).unwrap_or(usize::MAX),
            size: usize::try_from(size).unwrap_or(500),
        })
    }

    /// The `expand` values, lower-cased.
    pub(crate) fn expand(&self) -> Vec<String> {
        self.list("expand")
            .into_iter()
            .map(|v| v.to_ascii_lowercase())
            .collect()
    }
}

/// ASP.NET's binding message for an unparsable value.
pub(crate) fn invalid_value(value: &str, name: &str) -> ApiError {
    ApiError::msg(format!(
        "The value '{value}' is not valid for {}.",
        pascal(name)
    ))
}

/// `propertyId` → `PropertyId`.
pub(crate) fn pascal(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Percent-decoding with `+` as space.
pub(crate) fn decode(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// A stay date: a pure date, or a date-time (with or without offset) whose local date at the
/// property is taken.
pub(crate) fn parse_stay_date(value: &str, tz: Tz) -> Option<NaiveDate> {
    let value = value.trim();
    if let Ok(date) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some(date);
    }
    if let Some(dt) = parse_offset_date_time(value) {
        return Some(dt.with_timezone(&tz).date_naive());
    }
    NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|dt| dt.date())
}

/// An ISO 8601 date-time with `Z` or an offset. A `+` decoded to a space (an unencoded query
/// string) is tolerated.
pub(crate) fn parse_offset_date_time(value: &str) -> Option<DateTime<FixedOffset>> {
    let value = value.trim();
    DateTime::parse_from_rfc3339(value)
        .ok()
        .or_else(|| DateTime::parse_from_rfc3339(&value.replace(' ', "+")).ok())
}

/// A filter instant: an offset date-time, a date-time without offset (UTC) or a date (UTC midnight).
pub(crate) fn parse_filter_instant(value: &str) -> Option<DateTime<FixedOffset>> {
    if let Some(dt) = parse_offset_date_time(value) {
        return Some(dt);
    }
    let utc = FixedOffset::east_opt(0)?;
    if let Ok(dt) = NaiveDateTime::parse_from_str(value.trim(), "%Y-%m-%dT%H:%M:%S%.f") {
        return utc.from_local_datetime(&dt).single();
    }
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| {
            utc.from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
                .single()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_accept_brackets_repeats_and_commas() {
        let p = Params::parse(Some("status[]=Confirmed&STATUS=InHouse,Canceled&x=%2B1+2"));
        assert_eq!(p.list("status"), ["Confirmed", "InHouse", "Canceled"]);
        assert_eq!(p.get("x"), Some("+1 2"));
    }
}
