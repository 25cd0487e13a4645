//! What an adapter sends and gets back.

use std::borrow::Cow;
use std::fmt;

use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use pms_contract::{ErrorKind, Operation, PmsError};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A request body.
#[derive(Clone, PartialEq, Eq)]
pub enum RequestBody {
    /// Serialized JSON, sent as `application/json`.
    Json(Vec<u8>),
    /// Form fields, sent as `application/x-www-form-urlencoded`.
    Form(Vec<(String, String)>),
}

impl fmt::Debug for RequestBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Bodies carry guest data: show only their shape.
        match self {
            RequestBody::Json(bytes) => write!(f, "Json({} bytes)", bytes.len()),
            RequestBody::Form(fields) => write!(f, "Form({} fields)", fields.len()),
        }
    }
}

/// One vendor call, as an adapter describes it.
///
/// The path is a *template* relative to [`crate::HttpConfig::base_url`], with `{name}`
/// placeholders filled from [`VendorRequest::path_param`]; each value is percent-encoded into
/// its segment. Logs show the template only, never parameter or query values.
///
/// ```
/// # use pms_http::{Operation, VendorRequest};
/// let request = VendorRequest::get(Operation::GetReservation, "/booking/v1/reservations/{id}")
///     .path_param("id", "ABCDEFGH-1")
///     .query("expand", "booker");
/// assert_eq!(request.path_template(), "/booking/v1/reservations/{id}");
/// ```
#[derive(Clone)]
pub struct VendorRequest {
    operation: Operation,
    method: Method,
    path_template: Cow<'static, str>,
    path_params: Vec<(Cow<'static, str>, String)>,
    query: Vec<(Cow<'static, str>, String)>,
    body: Option<RequestBody>,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl fmt::Debug for VendorRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Values of path parameters, query pairs and headers may be guest data: names only.
        f.debug_struct("VendorRequest")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("path_template", &self.path_template)
            .field(
                "path_params",
                &self.path_params.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .field(
                "query",
                &self.query.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .field("body", &self.body)
            .field(
                "headers",
                &self.headers.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl VendorRequest {
    /// A request with no parameters, query, body or extra headers.
    pub fn new(
        operation: Operation,
        method: Method,
        path_template: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self {
            operation,
            method,
            path_template: path_template.into(),
            path_params: Vec::new(),
            query: Vec::new(),
            body: None,
            headers: Vec::new(),
        }
    }

    /// A `GET` request.
    pub fn get(operation: Operation, path_template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(operation, Method::GET, path_template)
    }

    /// A `POST` request.
    pub fn post(operation: Operation, path_template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(operation, Method::POST, path_template)
    }

    /// A `PUT` request.
    pub fn put(operation: Operation, path_template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(operation, Method::PUT, path_template)
    }

    /// A `PATCH` request.
    pub fn patch(operation: Operation, path_template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(operation, Method::PATCH, path_template)
    }

    /// A `DELETE` request.
    pub fn delete(operation: Operation, path_template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(operation, Method::DELETE, path_template)
    }

    /// Fills the `{name}` placeholder of the path template with `value` (percent-encoded).
    #[must_use]
    pub fn path_param(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<String>,
    ) -> Self {
        self.path_params.push((name.into(), value.into()));
        self
    }

    /// Appends a query pair (percent-encoded). Values are never logged.
    #[must_use]
    pub fn query(mut self, name: impl Into<Cow<'static, str>>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Sets a JSON body. Fails (`Internal`) only if `body` cannot be serialized.
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Result<Self, PmsError> {
        let bytes = serde_json::to_vec(body).map_err(|_| {
            PmsError::internal("request body could not be serialized as JSON")
                .with_operation(self.operation)
        })?;
        self.body = Some(RequestBody::Json(bytes));
        Ok(self)
    }

    /// Sets a form body.
    #[must_use]
    pub fn form<K, V>(mut self, fields: impl IntoIterator<Item = (K, V)>) -> Self
    where
        K: Into<String>,
        V: Into<String>,
    {
        let fields = fields
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        self.body = Some(RequestBody::Form(fields));
        self
    }

    /// Adds a header, e.g. `Idempotency-Key`. Authorization is added by the client.
    #[must_use]
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// The contract operation, for error context, logs and metrics.
    pub fn operation(&self) -> Operation {
        self.operation
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path template, as logged.
    pub fn path_template(&self) -> &str {
        &self.path_template
    }

    /// The query pairs.
    pub fn query_pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.query.iter().map(|(k, v)| (k.as_ref(), v.as_str()))
    }

    /// The body, if any.
    pub fn body(&self) -> Option<&RequestBody> {
        self.body.as_ref()
    }

    /// The extra headers.
    pub fn headers(&self) -> &[(HeaderName, HeaderValue)] {
        &self.headers
    }

    /// The full URL below `base`. Fails (`Internal`) if a placeholder has no parameter.
    pub(crate) fn url(&self, base: &reqwest::Url) -> Result<reqwest::Url, PmsError> {
        let mut url = base.clone();
        {
            let mut segments = url.path_segments_mut().map_err(|()| {
                PmsError::internal("base URL cannot take a path").with_operation(self.operation)
            })?;
            segments.pop_if_empty();
            let template = self.path_template.trim_start_matches('/');
            if !template.is_empty() {
                for segment in template.split('/') {
                    let filled = self.fill(segment)?;
                    // The URL library drops `.` and `..` segments: `/reservations/..` would
                    // address the list of every reservation. An id can never be one.
                    if filled == "." || filled == ".." {
                        return Err(PmsError::validation(
                            "a path parameter may not be `.` or `..`",
                        )
                        .with_operation(self.operation));
                    }
                    segments.push(&filled);
                }
            }
        }
        if !self.query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in &self.query {
                pairs.append_pair(name, value);
            }
        }
        Ok(url)
    }

    fn fill(&self, segment: &str) -> Result<String, PmsError> {
        let mut out = String::with_capacity(segment.len());
        let mut rest = segment;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            out.push_str(&rest[..open]);
            let name = &rest[open + 1..close];
            let value = self
                .path_params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v)
                .ok_or_else(|| {
                    PmsError::internal(format!(
                        "path template {} has no value for {{{name}}}",
                        self.path_template
                    ))
                    .with_operation(self.operation)
                })?;
            out.push_str(value);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// A successful (2xx) vendor answer.
#[derive(Clone)]
pub struct VendorResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
    pub(crate) vendor: String,
    pub(crate) operation: Operation,
    pub(crate) request_id: Option<String>,
}

impl fmt::Debug for VendorResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VendorResponse")
            .field("status", &self.status)
            .field("body_bytes", &self.body.len())
            .field("vendor", &self.vendor)
            .field("operation", &self.operation)
            .field("request_id", &self.request_id)
            .finish_non_exhaustive()
    }
}

impl VendorResponse {
    /// The HTTP status (2xx).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body, owned.
    pub fn into_body(self) -> Vec<u8> {
        self.body
    }

    /// The vendor's request id, if the configured header was present.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The body parsed as JSON. A body that does not parse into `T` is a `Protocol` error with
    /// the response's context; its message gives the parser's error category and position, never
    /// the offending value.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, PmsError> {
        serde_json::from_slice(&self.body).map_err(|err| {
            let category = match err.classify() {
                serde_json::error::Category::Io => "I/O",
                serde_json::error::Category::Syntax => "syntax",
                serde_json::error::Category::Data => "data",
                serde_json::error::Category::Eof => "truncated",
            };
            let mut error = PmsError::new(
                ErrorKind::Protocol,
                format!(
                    "vendor response body is not the expected JSON ({category} error at line {} column {})",
                    err.line(),
                    err.column()
                ),
            )
            .with_vendor(self.vendor.clone())
            .with_operation(self.operation)
            .with_http_status(self.status.as_u16());
            if let Some(id) = &self.request_id {
                error = error.with_vendor_request_id(id.clone());
            }
            error
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(url: &str) -> reqwest::Url {
        reqwest::Url::parse(url).unwrap()
    }

    #[test]
    fn path_parameters_and_query_values_are_encoded() {
        let request =
            VendorRequest::get(Operation::GetReservation, "/booking/v1/reservations/{id}")
                .path_param("id", "A B/C?")
                .query("email", "jane+x@example.com")
                .query("expand", "booker");
        let url = request.url(&base("https://api.example.com")).unwrap();
        assert_eq!(
            url.as_str(),
            "https://api.example.com/booking/v1/reservations/A%20B%2FC%3F?email=jane%2Bx%40example.com&expand=booker"
        );
    }

    #[test]
    fn base_path_is_kept_and_placeholders_may_be_part_of_a_segment() {
        let request = VendorRequest::get(Operation::Offers, "v1/{property}$count/x")
            .path_param("property", "BER");
        let url = request.url(&base("http://127.0.0.1:8080/api/")).unwrap();
        assert_eq!(url.as_str(), "http://127.0.0.1:8080/api/v1/BER$count/x");
    }

    #[test]
    fn a_missing_parameter_is_an_internal_error() {
        let request = VendorRequest::get(Operation::GetReservation, "/reservations/{id}");
        let err = request.url(&base("https://api.example.com")).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Internal);
        assert_eq!(
            err.message(),
            "path template /reservations/{id} has no value for {id}"
        );
    }

    #[test]
    fn dot_segments_are_refused_rather_than_dropped() {
        for id in [".", ".."] {
            let request = VendorRequest::get(Operation::GetReservation, "/reservations/{id}")
                .path_param("id", id);
            let err = request.url(&base("https://api.example.com")).unwrap_err();
            assert_eq!(err.kind(), &ErrorKind::Validation, "{id}");
        }
        let request = VendorRequest::get(Operation::GetReservation, "/reservations/{id}")
            .path_param("id", "..x");
        assert_eq!(
            request
                .url(&base("https://api.example.com"))
                .unwrap()
                .path(),
            "/reservations/..x"
        );
    }

    #[test]
    fn debug_shows_no_values() {
        let request = VendorRequest::post(Operation::SearchReservations, "/r/{id}")
            .path_param("id", "secret-id")
            .query("email", "jane@example.com")
            .header(
                HeaderName::from_static("idempotency-key"),
                HeaderValue::from_static("key-1"),
            )
            .json(&serde_json::json!({ "name": "Jane" }))
            .unwrap();
        let debug = format!("{request:?}");
        for value in ["secret-id", "jane@example.com", "key-1", "Jane"] {
            assert!(!debug.contains(value), "{debug}");
        }
        assert!(debug.contains("Json(15 bytes)"), "{debug}");
    }
}
