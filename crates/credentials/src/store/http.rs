//! HTTP helpers shared by the Vault store and the OAuth2 fetchers.

use std::error::Error as _;

/// A reqwest error with its causes, e.g. `error sending request for url (http://…): client
/// error (Connect): tcp connect error: Connection refused (os error 111)`.
///
/// reqwest errors show the URL (ours carry no secrets) and never a request or response body.
pub(crate) fn describe_reqwest_error(err: &reqwest::Error) -> String {
    let mut text = if err.is_timeout() {
        format!("timed out: {err}")
    } else {
        err.to_string()
    };
    let mut source = err.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}
