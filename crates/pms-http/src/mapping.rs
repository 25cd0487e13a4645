//! From vendor answers, transport failures and credential failures to [`PmsError`].

use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use credentials::CredentialError;
use http::{HeaderMap, StatusCode, header::RETRY_AFTER};
use pms_contract::{ErrorKind, Operation, PmsError};

use crate::config::HttpConfig;
use crate::sanitize::{MAX_VENDOR_MESSAGE_CHARS, truncate_chars};

/// At most this many vendor messages go into one error.
const MAX_VENDOR_MESSAGES: usize = 10;
/// Error bodies larger than this are not parsed for messages.
const MAX_ERROR_BODY_BYTES: usize = 64 * 1024;
/// Longest vendor request id kept.
const MAX_REQUEST_ID_CHARS: usize = 128;

/// The error for a vendor answer that is not a success (anything but 2xx).
///
/// | Status | Kind |
/// |---|---|
/// | 400, 422 | `Validation`, with the sanitized `{"messages": [...]}` of the body |
/// | 401 | `Authentication` |
/// | 403 | `Authorization` |
/// | 404 | `NotFound` |
/// | 409, 412 | `Conflict` |
/// | 429 | `RateLimited { retry_after }` from `Retry-After` (seconds or HTTP-date vs `now`) |
/// | 408, 504 | `Timeout` |
/// | other 4xx | `Validation` |
/// | 5xx (500, 502, 503, ...) | `Unavailable` |
/// | 1xx, 3xx (and 2xx, if passed) | `Protocol` |
///
/// The error carries vendor, operation, HTTP status and, when `config.request_id_header` names
/// a header present in `headers`, the vendor's request id. The body is only read for the
/// messages of a 400/422; nothing else from it (or from the headers) ends up in the error.
pub fn map_error_response(
    config: &HttpConfig,
    operation: Operation,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    now: DateTime<Utc>,
) -> PmsError {
    let code = status.as_u16();
    let error = match code {
        400 | 422 => {
            let messages = vendor_messages(body, config.sanitize);
            let mut message = format!("vendor rejected the request as invalid (HTTP {code})");
            if !messages.is_empty() {
                message.push_str(": ");
                message.push_str(&messages.join("; "));
            }
            PmsError::validation(message)
        }
        401 => PmsError::new(
            ErrorKind::Authentication,
            format!("vendor rejected the credentials (HTTP {code})"),
        ),
        403 => PmsError::new(
            ErrorKind::Authorization,
            format!("credentials lack the permission for this operation (HTTP {code})"),
        ),
        404 => PmsError::not_found(format!("vendor has no such resource (HTTP {code})")),
        409 | 412 => PmsError::conflict(format!(
            "request conflicts with the vendor's current state (HTTP {code})"
        )),
        429 => {
            let retry_after = retry_after_header(headers, now);
            PmsError::new(
                ErrorKind::RateLimited { retry_after },
                format!("vendor rate limit exceeded (HTTP {code})"),
            )
        }
        408 | 504 => PmsError::new(
            ErrorKind::Timeout,
            format!("vendor timed out (HTTP {code}); for writes the outcome is unknown"),
        ),
        400..=499 => PmsError::validation(format!("vendor rejected the request (HTTP {code})")),
        500..=599 => {
            let mut message = format!("vendor is unavailable (HTTP {code})");
            if let Some(after) = retry_after_header(headers, now) {
                message.push_str(&format!("; it asked to retry after {}s", after.as_secs()));
            }
            PmsError::new(ErrorKind::Unavailable, message)
        }
        _ => PmsError::new(
            ErrorKind::Protocol,
            format!("unexpected HTTP {code} from vendor"),
        ),
    };
    with_context(error, config, operation, Some(code), headers)
}

/// Adds vendor, operation, status (if any) and the vendor request id (if present) to `error`.
pub(crate) fn with_context(
    error: PmsError,
    config: &HttpConfig,
    operation: Operation,
    status: Option<u16>,
    headers: &HeaderMap,
) -> PmsError {
    let mut error = error
        .with_vendor(config.vendor.clone())
        .with_operation(operation);
    if let Some(status) = status {
        error = error.with_http_status(status);
    }
    if let Some(id) = request_id(config, headers) {
        error = error.with_vendor_request_id(id);
    }
    error
}

/// The vendor's request id from the configured header: visible ASCII only, at most 128 chars.
pub(crate) fn request_id(config: &HttpConfig, headers: &HeaderMap) -> Option<String> {
    let name = config.request_id_header.as_deref()?;
    let value = headers.get(name)?.to_str().ok()?.trim();
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_graphic()) {
        return None;
    }
    Some(truncate_chars(value, MAX_REQUEST_ID_CHARS))
}

/// The vendor's messages from a `{"messages": ["...", ...]}` body (Apaleo's error shape), each
/// passed through `sanitize` and truncated to [`MAX_VENDOR_MESSAGE_CHARS`] characters; at most
/// ten. Any other body gives none.
pub fn vendor_messages(body: &[u8], sanitize: fn(&str) -> String) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Messages {
        messages: Option<Vec<serde_json::Value>>,
    }
    if body.is_empty() || body.len() > MAX_ERROR_BODY_BYTES {
        return Vec::new();
    }
    let Ok(Messages {
        messages: Some(messages),
    }) = serde_json::from_slice::<Messages>(body)
    else {
        return Vec::new();
    };
    let total = messages.len();
    let mut out: Vec<String> = messages
        .iter()
        .filter_map(serde_json::Value::as_str)
        .take(MAX_VENDOR_MESSAGES)
        .map(|m| truncate_chars(&sanitize(m), MAX_VENDOR_MESSAGE_CHARS))
        .collect();
    if total > out.len() && out.len() == MAX_VENDOR_MESSAGES {
        out.push(format!("({} more)", total - MAX_VENDOR_MESSAGES));
    }
    out
}

fn retry_after_header(headers: &HeaderMap, now: DateTime<Utc>) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, now)
}

/// Parses a `Retry-After` value: delta-seconds (`120`) or an HTTP-date (IMF-fixdate
/// `Sun, 06 Nov 1994 08:49:37 GMT`, or the obsolete RFC 850 and asctime forms), relative to
/// `now`. A date in the past gives zero; anything else unparseable gives `None`.
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse::<u64>().ok().map(Duration::from_secs);
    }
    let at = parse_http_date(value)?;
    Some((at - now).to_std().unwrap_or(Duration::ZERO))
}

fn parse_http_date(value: &str) -> Option<DateTime<Utc>> {
    if let Ok(date) = DateTime::parse_from_rfc2822(value) {
        return Some(date.with_timezone(&Utc));
    }
    ["%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(value, format).ok())
        .map(|naive| naive.and_utc())
}

/// The error for a request that got no HTTP answer. The transport error's own text is not used
/// (it quotes the URL, which may hold guest data in the query).
pub fn map_transport_error(
    config: &HttpConfig,
    operation: Operation,
    error: &reqwest::Error,
) -> PmsError {
    let error = if error.is_connect() {
        PmsError::new(ErrorKind::Unavailable, "could not connect to the vendor")
    } else if error.is_timeout() {
        PmsError::new(
            ErrorKind::Timeout,
            "vendor did not answer in time; for writes the outcome is unknown",
        )
    } else if error.is_body() || error.is_decode() {
        PmsError::new(
            ErrorKind::Unavailable,
            "connection to the vendor failed while reading the response",
        )
    } else if error.is_builder() {
        PmsError::internal("could not build the vendor request")
    } else if error.is_redirect() {
        PmsError::new(ErrorKind::Protocol, "vendor answered with a redirect")
    } else {
        PmsError::new(
            ErrorKind::Unavailable,
            "connection to the vendor failed (transport error)",
        )
    };
    error
        .with_vendor(config.vendor.clone())
        .with_operation(operation)
}

/// The error for a failure to get an authorization: rejected credentials (also a refresh backed
/// off after a rejection, see [`CredentialError::is_rejection`]) are an `Authentication` error;
/// a missing or malformed secret is `Internal` (configuration, not retried); any other failure
/// (identity provider or secret store down, backed off after an outage) is `Unavailable`. Credential errors never
/// contain secrets, so their text is kept.
pub fn map_credential_error(
    config: &HttpConfig,
    operation: Operation,
    error: &CredentialError,
) -> PmsError {
    let kind = match error {
        _ if error.is_rejection() => ErrorKind::Authentication,
        // A missing or malformed secret is a configuration error: retrying will not help and it
        // must not look like a vendor outage.
        CredentialError::NotFound { .. } | CredentialError::Malformed { .. } => ErrorKind::Internal,
        _ => ErrorKind::Unavailable,
    };
    PmsError::new(kind, error.to_string())
        .with_vendor(config.vendor.clone())
        .with_operation(operation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use http::HeaderValue;

    fn config() -> HttpConfig {
        HttpConfig::new("apaleo", "ACC", "https://api.example.com")
            .with_request_id_header("Apaleo-Tracking-Id")
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap()
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    fn map(status: u16, pairs: &[(&'static str, &'static str)], body: &[u8]) -> PmsError {
        map_error_response(
            &config(),
            Operation::GetReservation,
            StatusCode::from_u16(status).unwrap(),
            &headers(pairs),
            body,
            now(),
        )
    }

    #[test]
    fn each_status_maps_to_its_kind_with_context() {
        let cases: Vec<(u16, ErrorKind)> = vec![
            (400, ErrorKind::Validation),
            (401, ErrorKind::Authentication),
            (403, ErrorKind::Authorization),
            (404, ErrorKind::NotFound),
            (405, ErrorKind::Validation),
            (408, ErrorKind::Timeout),
            (409, ErrorKind::Conflict),
            (410, ErrorKind::Validation),
            (412, ErrorKind::Conflict),
            (415, ErrorKind::Validation),
            (422, ErrorKind::Validation),
            (429, ErrorKind::RateLimited { retry_after: None }),
            (500, ErrorKind::Unavailable),
            (501, ErrorKind::Unavailable),
            (502, ErrorKind::Unavailable),
            (503, ErrorKind::Unavailable),
            (504, ErrorKind::Timeout),
            (599, ErrorKind::Unavailable),
            (302, ErrorKind::Protocol),
            (304, ErrorKind::Protocol),
            (101, ErrorKind::Protocol),
        ];
        for (status, kind) in cases {
            let err = map(status, &[("apaleo-tracking-id", "trk-42")], b"");
            assert_eq!(err.kind(), &kind, "status {status}");
            let ctx = err.context();
            assert_eq!(ctx.vendor.as_deref(), Some("apaleo"), "status {status}");
            assert_eq!(ctx.operation, Some(Operation::GetReservation));
            assert_eq!(ctx.http_status, Some(status));
            assert_eq!(ctx.vendor_request_id.as_deref(), Some("trk-42"));
        }
    }

    #[test]
    fn request_id_is_absent_without_header_or_configuration() {
        assert_eq!(map(404, &[], b"").context().vendor_request_id, None);
        let err = map_error_response(
            &HttpConfig::new("apaleo", "ACC", "https://x"),
            Operation::Health,
            StatusCode::NOT_FOUND,
            &headers(&[("apaleo-tracking-id", "trk")]),
            b"",
            now(),
        );
        assert_eq!(err.context().vendor_request_id, None);
    }

    #[test]
    fn validation_keeps_sanitized_vendor_messages() {
        let body = br#"{"messages":["Reservations[0].ChannelCode: The ChannelCode field is required.","Guest jane@example.com has phone +49 170 1234567"]}"#;
        let err = map(422, &[], body);
        assert_eq!(
            err.message(),
            "vendor rejected the request as invalid (HTTP 422): \
             Reservations[0].ChannelCode: The ChannelCode field is required.; \
             Guest [redacted] has phone [redacted]"
        );
    }

    #[test]
    fn vendor_messages_are_truncated_limited_and_use_the_hook() {
        let long = "x".repeat(500);
        let body = serde_json::json!({ "messages": [long] }).to_string();
        let messages = vendor_messages(body.as_bytes(), crate::redact_contact_details);
        assert_eq!(messages.len(), 1);
        assert_eq!(messages[0].chars().count(), MAX_VENDOR_MESSAGE_CHARS);

        let many: Vec<String> = (0..12).map(|i| format!("m{i}")).collect();
        let body = serde_json::json!({ "messages": many }).to_string();
        let messages = vendor_messages(body.as_bytes(), |s| s.to_uppercase());
        assert_eq!(messages.len(), 11);
        assert_eq!(messages[0], "M0");
        assert_eq!(messages[10], "(2 more)");

        assert!(vendor_messages(b"<html>Bad request</html>", |s| s.to_owned()).is_empty());
        assert!(vendor_messages(br#"{"error":"x"}"#, |s| s.to_owned()).is_empty());
    }

    #[test]
    fn other_bodies_never_reach_the_message() {
        let err = map(404, &[], br#"{"messages":["jane@example.com"]}"#);
        assert_eq!(err.message(), "vendor has no such resource (HTTP 404)");
        let err = map(500, &[], b"stack trace with jane@example.com");
        assert_eq!(err.message(), "vendor is unavailable (HTTP 500)");
    }

    #[test]
    fn rate_limit_reads_retry_after_seconds_and_dates() {
        let err = map(429, &[("retry-after", "3")], b"");
        assert_eq!(err.retry_after(), Some(Duration::from_secs(3)));
        let err = map(
            429,
            &[("retry-after", "Thu, 26 Nov 2026 12:01:30 GMT")],
            b"",
        );
        assert_eq!(err.retry_after(), Some(Duration::from_secs(90)));
        let err = map(
            429,
            &[("retry-after", "Thu, 26 Nov 2026 11:00:00 GMT")],
            b"",
        );
        assert_eq!(err.retry_after(), Some(Duration::ZERO));
        let err = map(429, &[("retry-after", "soon")], b"");
        assert_eq!(err.retry_after(), None);
    }

    #[test]
    fn unavailable_mentions_retry_after_but_stays_unavailable() {
        let err = map(503, &[("retry-after", "30")], b"");
        assert_eq!(err.kind(), &ErrorKind::Unavailable);
        assert_eq!(err.retry_after(), None);
        assert_eq!(
            err.message(),
            "vendor is unavailable (HTTP 503); it asked to retry after 30s"
        );
    }

    #[test]
    fn retry_after_accepts_all_http_date_forms() {
        let expected = Some(Duration::from_secs(90));
        assert_eq!(parse_retry_after(" 90 ", now()), expected);
        assert_eq!(
            parse_retry_after("Thu, 26 Nov 2026 12:01:30 GMT", now()),
            expected
        );
        assert_eq!(
            parse_retry_after("Thursday, 26-Nov-26 12:01:30 GMT", now()),
            expected
        );
        assert_eq!(
            parse_retry_after("Thu Nov 26 12:01:30 2026", now()),
            expected
        );
        let early = Utc.with_ymd_and_hms(2026, 11, 6, 12, 0, 0).unwrap();
        assert_eq!(
            parse_retry_after("Fri Nov  6 12:01:30 2026", early),
            expected
        );
        assert_eq!(parse_retry_after("", now()), None);
        assert_eq!(parse_retry_after("-5", now()), None);
        assert_eq!(parse_retry_after("99999999999999999999999", now()), None);
    }

    #[test]
    fn credential_errors_map_to_authentication_or_unavailable() {
        let rejected = CredentialError::Rejected {
            message: "invalid_client".into(),
        };
        let err = map_credential_error(&config(), Operation::Offers, &rejected);
        assert_eq!(err.kind(), &ErrorKind::Authentication);
        assert_eq!(err.context().vendor.as_deref(), Some("apaleo"));
        for misconfigured in [
            CredentialError::NotFound {
                reference: "env:X".into(),
            },
            CredentialError::Malformed {
                message: "x".into(),
            },
        ] {
            let err = map_credential_error(&config(), Operation::Offers, &misconfigured);
            assert_eq!(err.kind(), &ErrorKind::Internal, "{misconfigured}");
            assert!(!err.is_retryable());
        }
        for other in [
            CredentialError::Unavailable {
                message: "idp down".into(),
            },
            CredentialError::BackedOff {
                retry_in: Duration::from_secs(1),
                last_error: "x".into(),
                after_rejection: false,
            },
        ] {
            let err = map_credential_error(&config(), Operation::Offers, &other);
            assert_eq!(err.kind(), &ErrorKind::Unavailable, "{other}");
        }
        let backed_off_rejection = CredentialError::BackedOff {
            retry_in: Duration::from_secs(1),
            last_error: "credentials rejected: invalid_client".into(),
            after_rejection: true,
        };
        let err = map_credential_error(&config(), Operation::Offers, &backed_off_rejection);
        assert_eq!(err.kind(), &ErrorKind::Authentication);
    }
}
