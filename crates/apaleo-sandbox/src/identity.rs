//! `POST /connect/token`: OAuth2 client credentials.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::query::{Params, decode};
use crate::state::Shared;

fn oauth_error(error: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        axum::Json(json!({ "error": error })),
    )
        .into_response()
}

/// The token endpoint.
pub(crate) async fn token(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    shared
        .counters
        .token_requests
        .fetch_add(1, Ordering::Relaxed);
    if shared.faults().reject_client() {
        return oauth_error("invalid_client");
    }
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        });
    if !is_form {
        return oauth_error("invalid_request");
    }
    let form = Params::parse(Some(&String::from_utf8_lossy(&body)));
    let credentials = basic_credentials(&headers).or_else(|| {
        Some((
            form.get("client_id")?.to_owned(),
            form.get("client_secret").unwrap_or_default().to_owned(),
        ))
    });
    let Some((client_id, client_secret)) = credentials else {
        return oauth_error("invalid_client");
    };
    let now = shared.now();
    let lifetime = chrono::Duration::from_std(shared.token_lifetime)
        .unwrap_or_else(|_| chrono::Duration::hours(1));
    let mut state = shared.state();
    let Some(client) = state
        .clients
        .iter()
        .find(|c| c.id == client_id && c.secret == client_secret)
        .cloned()
    else {
        return oauth_error("invalid_client");
    };
    if form.get("grant_type") != Some("client_credentials") {
        return oauth_error("unsupported_grant_type");
    }
    let access_token = state.issue_token(&client, now + lifetime);
    drop(state);
    let mut response = (
        StatusCode::OK,
        axum::Json(json!({
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": shared.token_lifetime.as_secs(),
            "scope": client.scopes.join(" "),
        })),
    )
        .into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

/// `Authorization: Basic base64(urlencode(id):urlencode(secret))`.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(base64_decode(encoded.trim())?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((decode(id), decode(secret)))
}

/// Standard base64 (padding optional).
pub(crate) fn base64_decode(input: &str) -> Option<Vec<u8>> {
    fn value(c: u8) -> Option<u32> {
        match c {
            b'A'..=b'Z' => Some(u32::from(c - b'A')),
            b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
            b'+' | b'-' => Some(62),
            b'/' | b'_' => Some(63),
            _ => None,
        }
    }
    let bytes: Vec<u8> = input.bytes().filter(|b| *b != b'=').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let mut acc = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            acc |= value(*c)? << (18 - 6 * i);
        }
        let [_, a, b, c] = acc.to_be_bytes();
        out.push(a);
        if chunk.len() > 2 {
            out.push(b);
        }
        if chunk.len() > 3 {
            out.push(c);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        assert_eq!(base64_decode("YTpi").unwrap(), b"a:b");
        assert_eq!(base64_decode("YWI6Yw==").unwrap(), b"ab:c");
        assert_eq!(base64_decode("YWJjOmQ").unwrap(), b"abc:d");
    }
}
