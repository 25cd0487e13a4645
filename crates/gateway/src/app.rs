//! The HTTP application: state, routes, handlers, middleware and the OpenAPI document.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, FromRequestParts, MatchedPath, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use pms_contract::{ErrorKind, PmsConnector, ReservationId};
use pms_factory::HotelConnector;
use prometheus::{HistogramOpts, HistogramVec, IntCounter, IntCounterVec, Opts, Registry};
use serde::{Deserialize, Serialize};
use sha2::Digest as _;
use tracing::Instrument;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::access::{AccessLine, RequestId};
use crate::auth::{Principal, Scope, sha256_hex};
use crate::dto::{
    AvailabilityDto, HotelDetail, HotelSummary, NewReservationDto, OfferDto, OfferQuery,
    PropertyDto, ReservationChangeDto, ReservationDto, RoomTypeDto, SearchQuery, StayQuery,
};
use crate::error::{PROBLEM_JSON, Problem};
use crate::store::{IdempotencyState, Store};
use crate::{ApiError, GatewaySettings};

type ApiResult<T> = Result<T, ApiError>;

/// One hotel the gateway serves.
#[derive(Debug, Clone)]
pub struct Hotel {
    /// Our id.
    pub id: String,
    /// The vendor.
    pub vendor: String,
    /// Its guarded connector.
    pub connector: HotelConnector,
}

#[derive(Debug)]
struct HttpMetrics {
    requests: IntCounterVec,
    latency: HistogramVec,
    idempotency_waits: IntCounter,
}

impl HttpMetrics {
    fn register(registry: &Registry) -> Result<Self, prometheus::Error> {
        let requests = IntCounterVec::new(
            Opts::new(
                "gateway_http_requests_total",
                "HTTP requests by method, route and status.",
            ),
            &["method", "route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "gateway_http_request_duration_seconds",
                "HTTP request latency by route.",
            )
            .buckets(vec![
                0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ]),
            &["route"],
        )?;
        let idempotency_waits = IntCounter::new(
            "gateway_idempotency_waits_total",
            "Looks at an Idempotency-Key that another request still holds (a waiting duplicate).",
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(idempotency_waits.clone()))?;
        Ok(Self {
            requests,
            latency,
            idempotency_waits,
        })
    }
}

#[derive(Debug)]
struct Inner {
    store: Store,
    hotels: BTreeMap<String, Hotel>,
    registry: Registry,
    metrics: HttpMetrics,
    limiter: crate::limit::KeyLimiter,
    settings: GatewaySettings,
    worker: crate::worker::WorkerMetrics,
    unknown_keys: crate::limit::NegativeCache,
    keys: crate::keys::KeyCache,
    /// Offer bodies serialised once per distinct answer, per hotel.
    offer_bodies: BTreeMap<
        String,
        crate::memo::BodyMemo<pms_contract::OfferRequest, Vec<pms_contract::Offer>>,
    >,
    readiness: Mutex<ReadinessSnapshot>,
    privacy: crate::privacy::Privacy,
    residency: serde_json::Value,
    clock: clock::SharedClock,
}

/// The shared state of the handlers.
#[derive(Debug, Clone)]
pub struct AppState(Arc<Inner>);

impl AppState {
    /// State over `store` and `hotels`, reporting to `registry`.
    pub fn new(
        store: Store,
        hotels: Vec<Hotel>,
        registry: Registry,
        settings: GatewaySettings,
        privacy: crate::privacy::Privacy,
        residency: serde_json::Value,
    ) -> Result<Self, prometheus::Error> {
        let metrics = HttpMetrics::register(&registry)?;
        let worker = crate::worker::WorkerMetrics::register(&registry)?;
        if let Some(metrics) = privacy.metrics() {
            metrics.register(&registry)?;
        }
        // One clock for the whole gateway: the privacy records' (audit times, retention) is
        // also the one of latency, waits, rate limits and readiness times.
        let clock = privacy.clock().clone();
        Ok(Self(Arc::new(Inner {
            residency,
            worker,
            unknown_keys: crate::limit::NegativeCache::new(
                Duration::from_secs(10),
                crate::limit::NEGATIVE_CACHE_SIZE,
                clock.clone(),
            ),
            keys: crate::keys::KeyCache::new(
                clock.clone(),
                settings.key_refresh_interval,
                settings.key_max_staleness,
            ),
            readiness: Mutex::new(ReadinessSnapshot::default()),
            store,
            offer_bodies: hotels
                .iter()
                .map(|h| (h.id.clone(), crate::memo::BodyMemo::sharing(hotels.len())))
                .collect(),
            hotels: hotels.into_iter().map(|h| (h.id.clone(), h)).collect(),
            registry,
            metrics,
            limiter: crate::limit::KeyLimiter::new(
                settings.rate_limit_per_second,
                settings.rate_limit_burst,
                settings.redis_url.as_deref(),
                clock.clone(),
            ),
            settings,
            privacy,
            clock,
        })))
    }

    /// The gateway's clock (the privacy records' clock).
    pub(crate) fn clock(&self) -> &clock::SharedClock {
        &self.0.clock
    }

    /// Applies the API keys changed in the database since the last refresh.
    pub(crate) async fn refresh_keys(&self) -> Result<(), crate::StoreError> {
        self.0.keys.refresh(&self.0.store).await
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.0.store
    }

    /// The privacy records.
    pub fn privacy(&self) -> &crate::privacy::Privacy {
        &self.0.privacy
    }

    /// The residency check's summary (non-EU endpoints), as the overview shows it.
    pub(crate) fn residency_summary(&self) -> serde_json::Value {
        self.0.residency.clone()
    }

    /// The hotels' connectors, for privacy requests that search the PMS.
    pub(crate) fn connectors(&self) -> Vec<(String, Arc<dyn pms_contract::PmsConnector>)> {
        self.0
            .hotels
            .values()
            .map(|h| {
                let connector: Arc<dyn pms_contract::PmsConnector> = h.connector.connector.clone();
                (h.id.clone(), connector)
            })
            .collect()
    }

    /// Audits a PMS operation on guest data after the fact (the log is written even when the
    /// operation failed; a failure to write it is logged, the answer still goes out).
    async fn audit_pms(
        &self,
        principal: &Principal,
        hotel: &str,
        operation: &str,
        resource: Option<&str>,
        outcome: &str,
        details: Option<serde_json::Value>,
    ) {
        let privacy = &self.0.privacy;
        let mut event = privacy
            .event(&format!("key:{}", principal.key_id), operation)
            .tenant(principal.tenant.to_string())
            .hotel(hotel)
            .outcome(outcome);
        if let Some(resource) = resource {
            event = event.resource(resource);
        }
        if let Some(details) = details {
            event = event.details(&details);
        }
        privacy.audit_or_log(event).await;
    }

    /// The settings.
    pub(crate) fn settings(&self) -> &GatewaySettings {
        &self.0.settings
    }

    pub(crate) fn worker_metrics(&self) -> &crate::worker::WorkerMetrics {
        &self.0.worker
    }

    /// The hotel `id`, whoever asks (background work).
    pub(crate) fn hotel_by_id(&self, id: &str) -> Option<&Hotel> {
        self.0.hotels.get(id)
    }

    /// The hotel `id` if the caller has `scope` and may see it.
    fn hotel(&self, principal: &Principal, id: &str, scope: Scope) -> ApiResult<&Hotel> {
        principal.require(scope)?;
        if !principal.sees(id) {
            return Err(ApiError::hotel_not_found());
        }
        self.0.hotels.get(id).ok_or_else(ApiError::hotel_not_found)
    }
}

impl Principal {
    fn require(&self, scope: Scope) -> ApiResult<()> {
        if self.has(scope) {
            Ok(())
        } else {
            Err(ApiError::forbidden(scope.as_str()))
        }
    }
}

/// Per-request log fields filled in by the handlers (the tenant after authentication).
#[derive(Debug, Clone, Default)]
struct LogSlot(Arc<Mutex<Option<Arc<str>>>>);

impl FromRequestParts<AppState> for Principal {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let key = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|k| !k.is_empty() && k.len() <= 256)
            .ok_or_else(ApiError::unauthorized)?;
        let digest: [u8; 32] = sha2::Sha256::digest(key.as_bytes()).into();
        let record = match state.0.keys.get(&state.0.store, &digest).await {
            crate::keys::Cached::Key(record) => record,
            crate::keys::Cached::Stale => {
                return Err(ApiError::unavailable(
                    "The gateway cannot confirm API keys: its database is unavailable.",
                ));
            }
            crate::keys::Cached::Absent => state.key_from_database(&digest).await?,
        };
        if record.revoked || !record.matches(&digest) {
            return Err(ApiError::unauthorized());
        }
        if let Some(slot) = parts.extensions.get::<LogSlot>()
            && let Ok(mut tenant) = slot.0.lock()
        {
            *tenant = Some(Arc::clone(&record.tenant));
        }
        if let Err(wait) = state.0.limiter.check(&record.id).await {
            return Err(ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "Too many requests for this API key; retry later.",
            )
            .with_retry_after(wait));
        }
        Ok(Principal {
            tenant: Arc::clone(&record.tenant),
            key_id: Arc::clone(&record.id),
            scopes: Arc::clone(&record.scopes),
            hotels: Arc::clone(&record.hotels),
        })
    }
}

impl AppState {
    /// A key the cache does not hold, looked up in the database once (a new key works at
    /// once) and then held by the cache. Unknown keys are remembered for a while, so a flood
    /// of bad keys costs no queries, and spend a budget of lookups.
    async fn key_from_database(&self, digest: &[u8; 32]) -> ApiResult<Arc<crate::keys::CachedKey>> {
        let hash = compliance::hex::encode(digest);
        let unknown = &self.0.unknown_keys;
        if unknown.contains(&hash) {
            return Err(ApiError::unauthorized());
        }
        // A flood of distinct bad keys spends the lookup budget: then lookups wait.
        if let Err(wait) = unknown.lookup_allowed(&hash) {
            return Err(ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "Too many requests with unknown API keys; retry later.",
            )
            .with_retry_after(wait));
        }
        let row = self
            .0
            .store
            .key_row_by_hash(&hash)
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "API key lookup failed");
                ApiError::unavailable("The gateway's database is unavailable.")
            })?
            .ok_or_else(|| {
                unknown.insert(hash.clone());
                ApiError::unauthorized()
            })?;
        let record = self.0.keys.insert(row).ok_or_else(ApiError::unauthorized)?;
        if !record.revoked {
            unknown.authenticated(&hash);
        }
        Ok(record)
    }
}

/// The router with every route and middleware.
pub(crate) fn router(state: AppState) -> Router {
    let settings = state.0.settings.clone();
    // Routes under `/v1` are written out whole rather than nested: a nested router strips the
    // prefix from every request's URI (a new URI per request) and matches twice.
    Router::new()
        .route("/v1/hotels", get(list_hotels))
        .route("/v1/hotels/{hotel}", get(get_hotel))
        .route("/v1/hotels/{hotel}/room-types", get(room_types))
        .route("/v1/hotels/{hotel}/availability", get(availability))
        .route("/v1/hotels/{hotel}/offers", get(offers))
        .route(
            "/v1/hotels/{hotel}/reservations",
            post(create_reservation).get(search_reservations),
        )
        .route(
            "/v1/hotels/{hotel}/reservations/{id}",
            get(get_reservation).patch(modify_reservation),
        )
        .route(
            "/v1/hotels/{hotel}/reservations/{id}/cancel",
            post(cancel_reservation),
        )
        .route("/v1/status", get(status))
        .route("/v1/consents", post(crate::privacy::api::record_consent))
        .route(
            "/v1/consents/{subject}",
            get(crate::privacy::api::current_consents),
        )
        .route(
            "/v1/consents/{subject}/history",
            get(crate::privacy::api::consent_history),
        )
        .route(
            "/v1/privacy/subjects",
            post(crate::privacy::api::subject_id),
        )
        .route(
            "/v1/privacy/requests",
            post(crate::privacy::api::create_request).get(crate::privacy::api::list_requests),
        )
        .route(
            "/v1/privacy/requests/{id}",
            get(crate::privacy::api::get_request),
        )
        .route(
            "/v1/privacy/requests/{id}/verify",
            post(crate::privacy::api::verify_request),
        )
        .route(
            "/v1/privacy/requests/{id}/reject",
            post(crate::privacy::api::reject_request),
        )
        .route(
            "/v1/privacy/requests/{id}/export",
            get(crate::privacy::api::export),
        )
        .route("/v1/privacy/overview", get(crate::privacy::api::overview))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/openapi.json", get(openapi_json))
        .fallback(route_not_found)
        .layer(DefaultBodyLimit::max(settings.body_limit))
        .layer(ObserveLayer(state.clone()))
        .with_state(state)
}

async fn route_not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "route_not_found", "No such route.")
}

/// The per-request middleware ([`observe`]) as a tower layer. Written out rather than with
/// `axum::middleware::from_fn`, which boxes the inner service into a new `Next` and runs the
/// extractor machinery on every request (about a tenth of the gateway's CPU on `/v1/hotels`;
/// see docs/benchmarks.md).
#[derive(Clone)]
struct ObserveLayer(AppState);

impl<S> tower_layer::Layer<S> for ObserveLayer {
    type Service = Observe<S>;

    fn layer(&self, inner: S) -> Observe<S> {
        Observe {
            inner,
            state: self.0.clone(),
        }
    }
}

/// [`ObserveLayer`]'s service around one route.
#[derive(Clone)]
struct Observe<S> {
    inner: S,
    state: AppState,
}

impl<S> tower_service::Service<Request> for Observe<S>
where
    S: tower_service::Service<Request, Response = Response, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        // The clone that was made ready is the one that serves this request (tower's rule for
        // services that are called from a future).
        let ready = self.inner.clone();
        let inner = std::mem::replace(&mut self.inner, ready);
        let state = self.state.clone();
        Box::pin(async move { Ok(observe(state, request, inner).await) })
    }
}

/// Request id, timeout, one log line and metrics per request.
async fn observe<S>(state: AppState, mut request: Request, mut inner: S) -> Response
where
    S: tower_service::Service<Request, Response = Response, Error = Infallible>,
{
    let start = state.clock().monotonic();
    let id = RequestId::from_headers(request.headers());
    // A fixed set: any other method would add a metric series per caller's whim.
    let method: &'static str = match request.method().as_str() {
        "GET" => "GET",
        "POST" => "POST",
        "PATCH" => "PATCH",
        "PUT" => "PUT",
        "DELETE" => "DELETE",
        "HEAD" => "HEAD",
        "OPTIONS" => "OPTIONS",
        _ => "other",
    };
    let route = request.extensions().get::<MatchedPath>().cloned();
    let route = route.as_ref().map_or("unmatched", MatchedPath::as_str);
    // Only a configured hotel id is logged: the caller can put anything in the path.
    let hotel: &str = {
        let mut segments = request.uri().path().split('/').skip(1);
        match (segments.next(), segments.next(), segments.next()) {
            (Some("v1"), Some("hotels"), Some(h)) => state
                .0
                .hotels
                .get_key_value(h)
                .map_or("", |(id, _)| id.as_str()),
            _ => "",
        }
    };
    let slot = LogSlot::default();
    request.extensions_mut().insert(slot.clone());
    let span = tracing::info_span!("request", request_id = id.for_log());
    let timeout = state.0.settings.request_timeout;
    let handled = crate::access::with_log_scope(
        async move {
            match inner.call(request).await {
                Ok(response) => response,
                Err(never) => match never {},
            }
        }
        .instrument(span),
    );
    let response = match tokio::time::timeout(timeout, handled).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "request_timeout",
            "The request did not finish in time; for writes the outcome is unknown.",
        )
        .with_retry_after(Duration::from_secs(1))
        .into_response(),
    };
    let mut response = as_problem(response).await;
    if let Ok(value) = HeaderValue::from_str(id.as_str()) {
        response.headers_mut().insert("x-request-id", value);
    }
    let status = response.status();
    let elapsed = state.clock().elapsed_since(start);
    let tenant = slot.0.lock().ok().and_then(|t| t.clone());
    state
        .0
        .metrics
        .requests
        .with_label_values(&[method, route, status.as_str()])
        .inc();
    state
        .0
        .metrics
        .latency
        .with_label_values(&[route])
        .observe(elapsed.as_secs_f64());
    AccessLine {
        method,
        route,
        status: status.as_u16(),
        latency: elapsed,
        tenant: tenant.as_deref().unwrap_or_default(),
        hotel,
        request_id: &id,
    }
    .log();
    response
}

/// Errors that axum answers itself (an undecodable path, a missing content type, ...) as
/// problem details too: every error of the API is `application/problem+json`.
async fn as_problem(response: Response) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == PROBLEM_JSON.as_bytes());
    if is_problem {
        return response;
    }
    let code = match status {
        StatusCode::NOT_FOUND => "route_not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        s if s.is_client_error() => "invalid_request",
        _ => "internal",
    };
    let detail = match code {
        "method_not_allowed" => "The route does not support this method.",
        "route_not_found" => "No such route.",
        "payload_too_large" => "The request body is too large.",
        "unsupported_media_type" => "Send `Content-Type: application/json`.",
        "internal" => "An internal error occurred.",
        _ => "The request is malformed (path, headers or body).",
    };
    let mut problem = ApiError::new(status, code, detail).into_response();
    if let Some(allow) = response.headers().get(header::ALLOW) {
        problem.headers_mut().insert(header::ALLOW, allow.clone());
    }
    problem
}

fn query<T>(q: Result<Query<T>, QueryRejection>) -> ApiResult<T> {
    q.map(|Query(v)| v).map_err(|e| match e {
        QueryRejection::FailedToDeserializeQueryString(inner) => {
            // The message names the field, not the value.
            let text = inner.body_text();
            let field = text
                .split(':')
                .nth(1)
                .map(str::trim)
                .unwrap_or("query string");
            ApiError::bad_request(format!("invalid query parameters ({field})"))
        }
        _ => ApiError::bad_request("invalid query parameters"),
    })
}

pub(crate) fn json_body(
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> ApiResult<serde_json::Value> {
    body.map(|Json(v)| v).map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            "The request body is too large.",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send `Content-Type: application/json`.",
        ),
        _ => ApiError::bad_request("The body is not valid JSON."),
    })
}

pub(crate) fn from_value<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> ApiResult<T> {
    serde_json::from_value(value).map_err(|e| {
        // serde's message may quote a value; report the category only.
        let what = if e.to_string().contains("unknown field") {
            "unknown field"
        } else if e.to_string().contains("missing field") {
            "missing field"
        } else {
            "wrong type or value"
        };
        ApiError::bad_request(format!("The body does not match the schema ({what})."))
    })
}

/// The hotels the key may see.
#[utoipa::path(get, path = "/v1/hotels", tag = "hotels",
    responses(
        (status = 200, body = [HotelSummary])),
    security(("api_key" = [])))]
async fn list_hotels(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Json<Vec<HotelSummary>>> {
    principal.require(Scope::PmsRead)?;
    Ok(Json(
        state
            .0
            .hotels
            .values()
            .filter(|h| principal.sees(&h.id))
            .map(|h| HotelSummary {
                id: h.id.clone(),
                vendor: h.vendor.clone(),
            })
            .collect(),
    ))
}

/// Property information and effective capabilities of a hotel.
#[utoipa::path(get, path = "/v1/hotels/{hotel}", tag = "hotels",
    params(("hotel" = String, Path, description = "Hotel id")),
    responses(
        (status = 200, body = HotelDetail)),
    security(("api_key" = [])))]
async fn get_hotel(
    State(state): State<AppState>,
    principal: Principal,
    Path(hotel): Path<String>,
) -> ApiResult<Json<HotelDetail>> {
    let hotel = state.hotel(&principal, &hotel, Scope::PmsRead)?;
    let property = hotel.connector.connector.property().await?;
    Ok(Json(HotelDetail {
        id: hotel.id.clone(),
        vendor: hotel.vendor.clone(),
        property: PropertyDto::from(property),
        capabilities: hotel
            .connector
            .capabilities()
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect(),
    }))
}

/// The hotel's room types.
#[utoipa::path(get, path = "/v1/hotels/{hotel}/room-types", tag = "hotels",
    params(("hotel" = String, Path, description = "Hotel id")),
    responses(
        (status = 200, body = [RoomTypeDto])),
    security(("api_key" = [])))]
async fn room_types(
    State(state): State<AppState>,
    principal: Principal,
    Path(hotel): Path<String>,
) -> ApiResult<Json<Vec<RoomTypeDto>>> {
    let hotel = state.hotel(&principal, &hotel, Scope::PmsRead)?;
    let types = hotel.connector.connector.room_types().await?;
    Ok(Json(types.into_iter().map(Into::into).collect()))
}

/// Free units per room type and night.
#[utoipa::path(get, path = "/v1/hotels/{hotel}/availability", tag = "hotels",
    params(("hotel" = String, Path, description = "Hotel id"), StayQuery),
    responses(
        (status = 200, body = [AvailabilityDto])),
    security(("api_key" = [])))]
async fn availability(
    State(state): State<AppState>,
    principal: Principal,
    Path(hotel): Path<String>,
    q: Result<Query<StayQuery>, QueryRejection>,
) -> ApiResult<Json<Vec<AvailabilityDto>>> {
    let hotel = state.hotel(&principal, &hotel, Scope::PmsRead)?;
    let stay = query(q)?.stay()?;
    let nights = hotel.connector.connector.availability(&stay).await?;
    Ok(Json(nights.into_iter().map(Into::into).collect()))
}

/// Priced, bookable offers.
#[utoipa::path(get, path = "/v1/hotels/{hotel}/offers", tag = "hotels",
    params(("hotel" = String, Path, description = "Hotel id"), OfferQuery),
    responses(
        (status = 200, body = [OfferDto])),
    security(("api_key" = [])))]
async fn offers(
    State(state): State<AppState>,
    principal: Principal,
    Path(hotel): Path<String>,
    q: Result<Query<OfferQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let hotel = state.hotel(&principal, &hotel, Scope::PmsRead)?;
    let request = query(q)?.to_domain()?;
    let offers = hotel.connector.connector.offers(&request).await?;
    let render = |offers: &Vec<pms_contract::Offer>| {
        let dtos: Vec<OfferDto> = offers.iter().cloned().map(Into::into).collect();
        serde_json::to_vec(&dtos).map(Bytes::from)
    };
    let body = match state.0.offer_bodies.get(hotel.id.as_str()) {
        Some(memo) => memo.body(&request, offers, render),
        None => render(&offers),
    }
    .map_err(|e| {
        tracing::error!(error = %e, "serialising offers failed");
        ApiError::internal()
    })?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response())
}

fn idempotency_key(headers: &HeaderMap) -> ApiResult<String> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or_default();
    if key.is_empty() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "idempotency_key_required",
            "Send an `Idempotency-Key` header (e.g. a UUID) with every booking.",
        ));
    }
    if key.len() > 128 || !key.chars().all(|c| c.is_ascii_graphic()) {
        return Err(ApiError::bad_request(
            "Idempotency-Key: at most 128 visible ASCII characters",
        ));
    }
    Ok(key.to_owned())
}

fn replay(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let content_type = if status.is_success() {
        "application/json"
    } else {
        PROBLEM_JSON
    };
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
        .headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    response
}

fn store_down(e: &crate::StoreError) -> ApiError {
    tracing::error!(error = %e, "idempotency store failed");
    ApiError::unavailable("The gateway's database is unavailable.")
}

/// Books a room. Requires `Idempotency-Key`: a retry with the same key and body returns the
/// first outcome (also on another replica); the same key with another body is 409.
#[utoipa::path(post, path = "/v1/hotels/{hotel}/reservations", tag = "reservations",
    params(("hotel" = String, Path, description = "Hotel id"),
        ("Idempotency-Key" = String, Header, description = "Makes the booking safe to retry: 1 to 128 visible ASCII characters",
            min_length = 1, max_length = 128, pattern = r"^[!-~]+$")),
    request_body = NewReservationDto,
    responses(
        (status = 201, body = ReservationDto)),
    security(("api_key" = [])))]
async fn create_reservation(
    State(state): State<AppState>,
    principal: Principal,
    Path(hotel_id): Path<String>,
    headers: HeaderMap,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> ApiResult<Response> {
    let hotel = state.hotel(&principal, &hotel_id, Scope::PmsWrite)?;
    let key = idempotency_key(&headers)?;
    let value = json_body(body)?;
    crate::access::learn(&value);
    // serde_json maps are sorted, so the hash does not depend on the caller's key order.
    let request_hash = sha256_hex(format!("{hotel_id}\n{value}").as_bytes());
    let dto: NewReservationDto = from_value(value)?;
    // The PMS-side key is derived from tenant and key, so every replica sends the same one.
    let pms_key = format!(
        "vh-{}",
        &sha256_hex(format!("{}\n{key}", principal.tenant).as_bytes())[..40]
    );
    let request = dto.to_domain(&pms_key)?;
    let store = state.store();
    // Measured on the gateway's clock (waiting itself is tokio's).
    let clock = state.clock();
    let deadline = clock
        .monotonic()
        .saturating_add(state.0.settings.idempotency_wait);
    // Waiting duplicates back off from 25 ms to at most 400 ms between looks.
    let mut pause = Duration::from_millis(25);
    loop {
        match store
            .claim_idempotency(&principal.tenant, &key, &request_hash, &hotel_id, &pms_key)
            .await
            .map_err(|e| store_down(&e))?
        {
            IdempotencyState::Claimed => break,
            IdempotencyState::Done { status, body } => return Ok(replay(status, body)),
            IdempotencyState::Purged { reservation_id } => {
                let id = ReservationId::new(reservation_id).map_err(|_| ApiError::internal())?;
                let reservation = hotel.connector.connector.get_reservation(&id).await?;
                let body =
                    serde_json::to_string(&ReservationDto::at(reservation, state.clock().now()))
                        .map_err(|_| ApiError::internal())?;
                return Ok(replay(201, body));
            }
            IdempotencyState::Mismatch => {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    "idempotency_key_reused",
                    "This Idempotency-Key was used with a different request.",
                ));
            }
            IdempotencyState::InProgress => {
                state.0.metrics.idempotency_waits.inc();
                if clock.monotonic().saturating_add(pause) >= deadline {
                    return Err(ApiError::new(
                        StatusCode::CONFLICT,
                        "idempotency_in_progress",
                        "A request with this Idempotency-Key is still running; retry later.",
                    )
                    .with_retry_after(Duration::from_secs(1)));
                }
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_millis(400));
            }
        }
    }
    // From here the claim is ours: if this future is dropped (the caller hung up, the request
    // deadline cut it) the guard marks the outcome unknown, keeping the request hash.
    let guard = ClaimGuard::new(store.clone(), &principal.tenant, &key);
    let result = hotel.connector.connector.create_reservation(&request).await;
    let (resource, outcome) = match &result {
        Ok(r) => (Some(r.id.as_str().to_owned()), "ok"),
        Err(e) => (None, e.kind().code()),
    };
    state
        .audit_pms(
            &principal,
            &hotel_id,
            "pms.create_reservation",
            resource.as_deref(),
            outcome,
            None,
        )
        .await;
    match result {
        Ok(reservation) => {
            let reservation_id = reservation.id.as_str().to_owned();
            let dto = ReservationDto::at(reservation, state.clock().now());
            crate::access::learn(&dto);
            let body = serde_json::to_string(&dto).map_err(|_| ApiError::internal())?;
            store
                .complete_idempotency(&principal.tenant, &key, 201, &body, Some(&reservation_id))
                .await
                .map_err(|e| store_down(&e))?;
            guard.disarm();
            let mut response = (StatusCode::CREATED, body).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            Ok(response)
        }
        Err(error) => {
            // Definite answers are replayed; after anything else the PMS may or may not have
            // booked: the outcome is unknown until a retry or the reconciler finds out.
            let definite = matches!(
                error.kind(),
                ErrorKind::Validation
                    | ErrorKind::Conflict
                    | ErrorKind::InvalidState
                    | ErrorKind::NotFound
                    | ErrorKind::TooBroad
                    | ErrorKind::Unsupported { .. }
            );
            let api = ApiError::from(error);
            if definite {
                let body = serde_json::to_string(&api.problem()).unwrap_or_default();
                store
                    .complete_idempotency(
                        &principal.tenant,
                        &key,
                        api.status().as_u16(),
                        &body,
                        None,
                    )
                    .await
                    .map_err(|e| store_down(&e))?;
            } else {
                store
                    .mark_unknown(&principal.tenant, &key)
                    .await
                    .map_err(|e| store_down(&e))?;
            }
            guard.disarm();
            Err(api)
        }
    }
}

/// Marks a claimed idempotency key's outcome unknown if the request stops before it recorded
/// one (its future dropped). The update runs in its own task: the dropped future cannot.
struct ClaimGuard {
    armed: Option<(Store, String, String)>,
}

impl ClaimGuard {
    fn new(store: Store, tenant: &str, key: &str) -> Self {
        Self {
            armed: Some((store, tenant.to_owned(), key.to_owned())),
        }
    }

    fn disarm(mut self) {
        self.armed = None;
    }
}

impl Drop for ClaimGuard {
    fn drop(&mut self) {
        let Some((store, tenant, key)) = self.armed.take() else {
            return;
        };
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                if let Err(e) = store.mark_unknown(&tenant, &key).await {
                    tracing::error!(error = %e, "could not mark an abandoned booking unknown");
                }
            });
        }
    }
}

/// Runs `work` to completion in a task of its own (in the request's span): a caller who
/// hangs up cannot stop a change half-way, after the PMS or the database made it but before
/// its audit entry was written.
pub(crate) async fn detached<T: Send + 'static>(
    work: impl std::future::Future<Output = ApiResult<T>> + Send + 'static,
) -> ApiResult<T> {
    use tracing::Instrument;
    tokio::spawn(crate::access::in_current_log_scope(work.in_current_span()))
        .await
        .map_err(|_| ApiError::internal())?
}

/// `ok` or the error's code, for audit entries.
fn outcome<T>(result: &Result<T, pms_contract::PmsError>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(e) => e.kind().code(),
    }
}

fn reservation_id(id: String) -> ApiResult<ReservationId> {
    ReservationId::new(id).map_err(|e| ApiError::from_validation(&e))
}

/// Reads a reservation.
#[utoipa::path(get, path = "/v1/hotels/{hotel}/reservations/{id}", tag = "reservations",
    params(("hotel" = String, Path, description = "Hotel id"), ("id" = String, Path, description = "Reservation id", min_length = 1, max_length = 128, pattern = r"^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$")),
    responses(
        (status = 200, body = ReservationDto)),
    security(("api_key" = [])))]
async fn get_reservation(
    State(state): State<AppState>,
    principal: Principal,
    Path((hotel, id)): Path<(String, String)>,
) -> ApiResult<Json<ReservationDto>> {
    let found = state.hotel(&principal, &hotel, Scope::PmsRead)?;
    let id = reservation_id(id)?;
    let result = found.connector.connector.get_reservation(&id).await;
    state
        .audit_pms(
            &principal,
            &hotel,
            "pms.get_reservation",
            Some(id.as_str()),
            outcome(&result),
            None,
        )
        .await;
    let dto = ReservationDto::at(result?, state.clock().now());
    crate::access::learn(&dto);
    Ok(Json(dto))
}

/// Finds reservations by exactly one of confirmation code, last name (optionally with the
/// arrival date), e-mail or phone. No match is an empty list.
#[utoipa::path(get, path = "/v1/hotels/{hotel}/reservations", tag = "reservations",
    params(("hotel" = String, Path, description = "Hotel id"), SearchQuery),
    responses(
        (status = 200, body = [ReservationDto])),
    security(("api_key" = [])))]
async fn search_reservations(
    State(state): State<AppState>,
    principal: Principal,
    Path(hotel): Path<String>,
    q: Result<Query<SearchQuery>, QueryRejection>,
) -> ApiResult<Json<Vec<ReservationDto>>> {
    let found_hotel = state.hotel(&principal, &hotel, Scope::PmsRead)?;
    let q = query(q)?;
    crate::access::learn(&q);
    let search = q.to_domain()?;
    let by = match &search {
        pms_contract::ReservationSearch::ConfirmationCode(_) => "confirmation",
        pms_contract::ReservationSearch::LastName { .. } => "last_name",
        pms_contract::ReservationSearch::Email(_) => "email",
        pms_contract::ReservationSearch::Phone(_) => "phone",
    };
    let result = found_hotel
        .connector
        .connector
        .search_reservations(&search)
        .await;
    let ids: Vec<&str> = result
        .as_ref()
        .map(|found| found.iter().map(|r| r.id.as_str()).collect())
        .unwrap_or_default();
    state
        .audit_pms(
            &principal,
            &hotel,
            "pms.search_reservations",
            None,
            outcome(&result),
            Some(serde_json::json!({ "by": by, "found": ids })),
        )
        .await;
    let now = state.clock().now();
    let found: Vec<ReservationDto> = result?
        .into_iter()
        .map(|r| ReservationDto::at(r, now))
        .collect();
    crate::access::learn(&found);
    Ok(Json(found))
}

/// Changes a reservation (dates, occupancy, room type, rate plan, contact, comment).
#[utoipa::path(patch, path = "/v1/hotels/{hotel}/reservations/{id}", tag = "reservations",
    params(("hotel" = String, Path, description = "Hotel id"), ("id" = String, Path, description = "Reservation id", min_length = 1, max_length = 128, pattern = r"^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$")),
    request_body = ReservationChangeDto,
    responses(
        (status = 200, body = ReservationDto)),
    security(("api_key" = [])))]
async fn modify_reservation(
    State(state): State<AppState>,
    principal: Principal,
    Path((hotel, id)): Path<(String, String)>,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> ApiResult<Json<ReservationDto>> {
    let found = state.hotel(&principal, &hotel, Scope::PmsWrite)?;
    let id = reservation_id(id)?;
    let value = json_body(body)?;
    crate::access::learn(&value);
    let change: ReservationChangeDto = from_value(value)?;
    let change = change.to_domain()?;
    let connector = found.connector.connector.clone();
    detached(async move {
        let result = connector.modify_reservation(&id, &change).await;
        state
            .audit_pms(
                &principal,
                &hotel,
                "pms.modify_reservation",
                Some(id.as_str()),
                outcome(&result),
                None,
            )
            .await;
        let dto = ReservationDto::at(result?, state.clock().now());
        crate::access::learn(&dto);
        Ok(Json(dto))
    })
    .await
}

/// Cancels a reservation; cancelling again returns it unchanged.
#[utoipa::path(post, path = "/v1/hotels/{hotel}/reservations/{id}/cancel", tag = "reservations",
    params(("hotel" = String, Path, description = "Hotel id"), ("id" = String, Path, description = "Reservation id", min_length = 1, max_length = 128, pattern = r"^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$")),
    responses(
        (status = 200, body = ReservationDto)),
    security(("api_key" = [])))]
async fn cancel_reservation(
    State(state): State<AppState>,
    principal: Principal,
    Path((hotel, id)): Path<(String, String)>,
) -> ApiResult<Json<ReservationDto>> {
    let found = state.hotel(&principal, &hotel, Scope::PmsWrite)?;
    let id = reservation_id(id)?;
    let connector = found.connector.connector.clone();
    detached(async move {
        let result = connector.cancel_reservation(&id).await;
        state
            .audit_pms(
                &principal,
                &hotel,
                "pms.cancel_reservation",
                Some(id.as_str()),
                outcome(&result),
                None,
            )
            .await;
        let dto = ReservationDto::at(result?, state.clock().now());
        crate::access::learn(&dto);
        Ok(Json(dto))
    })
    .await
}

/// Liveness.
#[derive(Debug, Serialize, ToSchema)]
struct Health {
    status: &'static str,
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, body = Health)))]
async fn healthz() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// The last known health of the database and of each hotel's PMS, kept by the background
/// worker; readiness answers from it and never calls a PMS.
#[derive(Debug, Clone, Default)]
pub(crate) struct ReadinessSnapshot {
    /// Whether the database answered the last probe (`None`: not probed yet).
    pub(crate) database: Option<bool>,
    /// Per hotel: `ok`, `degraded` or `unavailable`, and when it was last probed.
    pub(crate) hotels: BTreeMap<String, (&'static str, chrono::DateTime<chrono::Utc>)>,
}

impl AppState {
    /// Probes the database and, with `pms`, every hotel's PMS (`health`, through its connector
    /// stack), and keeps the result for `/readyz` and `/v1/status`. The worker calls it at a
    /// fixed rate, so nothing a caller does makes the gateway probe more.
    pub(crate) async fn probe(&self, pms: bool) {
        // The PMSs first: a starting replica becomes ready once its first probe is done.
        if pms {
            let checks = self.0.hotels.values().map(|hotel| async move {
                let status = match hotel.connector.connector.health().await {
                    Ok(pms_contract::HealthStatus::Healthy) => "ok",
                    Ok(pms_contract::HealthStatus::Degraded { .. }) => "degraded",
                    Err(_) => "unavailable",
                };
                (hotel.id.clone(), (status, self.clock().now()))
            });
            let hotels = futures::future::join_all(checks)
                .await
                .into_iter()
                .collect();
            if let Ok(mut snapshot) = self.0.readiness.lock() {
                snapshot.hotels = hotels;
            }
        }
        let database = self.store().ping().await.is_ok();
        if let Ok(mut snapshot) = self.0.readiness.lock() {
            snapshot.database = Some(database);
        }
    }

    fn readiness(&self) -> ReadinessSnapshot {
        self.0
            .readiness
            .lock()
            .map(|s| s.clone())
            .unwrap_or_default()
    }
}

/// Readiness, as anyone may see it.
#[derive(Debug, Serialize, ToSchema)]
struct Readiness {
    /// `ok` or `unavailable`.
    status: &'static str,
}

/// Readiness: the gateway's database answered its last probe. Answers from the background
/// worker's last probe; reveals nothing else and never calls a PMS. A PMS that is down does
/// not make the gateway unready (its other hotels still work): see `/v1/status`.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses((status = 200, body = Readiness), (status = 503, description = "Not ready (Retry-After)", body = Readiness)))]
async fn readyz(State(state): State<AppState>) -> Response {
    // Only the flag: this route is open to anyone, so it copies nothing.
    let ready = state
        .0
        .readiness
        .lock()
        .is_ok_and(|s| s.database == Some(true));
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let mut response = (
        status,
        Json(Readiness {
            status: if ready { "ok" } else { "unavailable" },
        }),
    )
        .into_response();
    if !ready {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    }
    response
}

/// One hotel's last known PMS health.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HotelStatus {
    /// The last probe's answer: `ok`, `degraded`, `unavailable` or `unknown` (not probed yet).
    pub pms: String,
    /// When it was probed.
    pub checked_at: Option<chrono::DateTime<chrono::Utc>>,
    /// What real traffic shows: the state of the vendor account's circuit breaker, `closed`
    /// (calls go through), `open` (calls fail fast) or `half_open` (trial calls).
    pub circuit: String,
    /// Calls in the breaker's current window, and how many of them failed.
    pub recent_calls: usize,
    /// See `recent_calls`.
    pub recent_failures: usize,
}

/// The detailed status for operators.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct GatewayStatus {
    /// `ok`, `unavailable` or `unknown` (not probed yet).
    pub database: String,
    /// The hotels the key may see, with their PMS's last known health.
    pub hotels: BTreeMap<String, HotelStatus>,
    /// Bookings whose caller may not know the outcome, by state (`voicehive bookings unresolved`).
    pub unresolved_bookings: BTreeMap<String, usize>,
}

/// Detailed status for operators: the database, each visible hotel's last known PMS health,
/// and unresolved bookings. Needs the scope `ops:read`.
#[utoipa::path(get, path = "/v1/status", tag = "operations",
    responses(
        (status = 200, body = GatewayStatus)),
    security(("api_key" = [])))]
async fn status(
    State(state): State<AppState>,
    principal: Principal,
) -> ApiResult<Json<GatewayStatus>> {
    principal.require(Scope::OpsRead)?;
    let snapshot = state.readiness();
    let hotels = state
        .0
        .hotels
        .keys()
        .filter(|id| principal.sees(id))
        .map(|id| {
            let known = snapshot.hotels.get(id);
            let breaker = state
                .0
                .hotels
                .get(id)
                .map(|h| h.connector.breaker.snapshot());
            (
                id.clone(),
                HotelStatus {
                    pms: known.map_or("unknown", |(s, _)| *s).to_owned(),
                    checked_at: known.map(|(_, at)| *at),
                    circuit: match breaker.as_ref().map(|b| b.state) {
                        Some(pms_resilience::CircuitState::Open) => "open",
                        Some(pms_resilience::CircuitState::HalfOpen) => "half_open",
                        _ => "closed",
                    }
                    .to_owned(),
                    recent_calls: breaker.as_ref().map_or(0, |b| b.recorded_calls),
                    recent_failures: breaker.as_ref().map_or(0, |b| b.failed_calls),
                },
            )
        })
        .collect();
    let mut unresolved = BTreeMap::new();
    for booking in state
        .store()
        .unresolved_bookings()
        .await
        .map_err(|e| store_down(&e))?
        .into_iter()
        .filter(|b| *b.tenant == *principal.tenant)
    {
        *unresolved.entry(booking.state).or_insert(0) += 1;
    }
    Ok(Json(GatewayStatus {
        database: match snapshot.database {
            Some(true) => "ok",
            Some(false) => "unavailable",
            None => "unknown",
        }
        .to_owned(),
        hotels,
        unresolved_bookings: unresolved,
    }))
}

/// Prometheus metrics (text format).
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, content_type = "text/plain", body = String)))]
async fn metrics(State(state): State<AppState>) -> Response {
    let encoder = prometheus::TextEncoder::new();
    match encoder.encode_to_string(&state.0.registry.gather()) {
        Ok(text) => (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; version=0.0.4"),
            )],
            text,
        )
            .into_response(),
        Err(_) => ApiError::internal().into_response(),
    }
}

/// This document.
#[utoipa::path(get, path = "/openapi.json", tag = "operations",
    responses((status = 200, content_type = "application/json", body = Object)))]
async fn openapi_json() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        openapi_document(),
    )
        .into_response()
}

struct SecurityAddon;

/// What the derive cannot say: a change names at least one field (utoipa 5.5's `min_properties`
/// attribute writes `maxProperties`), and which fields go together (`dependentRequired`).
/// The problem responses of the API, in one place: (status, description).
const PROBLEM_RESPONSES: &[(u16, &str)] = &[
    (
        400,
        "Malformed path, query, headers or body (`invalid_request`, `idempotency_key_required`)",
    ),
    (401, "No or unknown API key (`unauthorized`)"),
    (403, "The key lacks the scope (`forbidden`)"),
    (
        404,
        "No such hotel for this key (`hotel_not_found`), reservation or privacy request (`not_found`)",
    ),
    (
        409,
        "No inventory left, the state forbids it (`invalid_state`), or the Idempotency-Key is reused or in progress",
    ),
    (413, "The body is too large (`payload_too_large`)"),
    (415, "The body is not JSON (`unsupported_media_type`)"),
    (
        422,
        "The values are invalid or not valid for this hotel (`validation`, `too_broad`), or the hotel's PMS does not offer the operation (`unsupported`)",
    ),
    (429, "Rate limited (`rate_limited`, Retry-After)"),
    (
        502,
        "The PMS refused the gateway's credentials or answered something unexpected",
    ),
    (
        503,
        "PMS or database unavailable, or the request took too long (Retry-After)",
    ),
    (504, "The PMS did not answer in time (`timeout`)"),
];

/// Which problem statuses each `/v1` operation can answer: every one 401, 403, 429 and 503;
/// those of a hotel also 400, 404, 422 (`unsupported`), 502 and 504; then what the operation
/// adds.
fn problem_statuses(path: &str, method: &str) -> Vec<u16> {
    let mut statuses = vec![401, 403, 429, 503];
    if path.starts_with("/v1/hotels/{hotel}") {
        statuses.extend([400, 404, 422, 502, 504]);
    }
    let extra: &[u16] = match (method, path) {
        ("post", "/v1/hotels/{hotel}/reservations")
        | ("patch", "/v1/hotels/{hotel}/reservations/{id}") => &[409, 413, 415, 422],
        ("post", "/v1/hotels/{hotel}/reservations/{id}/cancel") => &[409, 422],
        (
            "get",
            "/v1/hotels/{hotel}/availability"
            | "/v1/hotels/{hotel}/offers"
            | "/v1/hotels/{hotel}/reservations"
            | "/v1/hotels/{hotel}/reservations/{id}",
        ) => &[422],
        ("post", "/v1/consents" | "/v1/privacy/requests") => &[400, 404, 413, 415, 422],
        ("post", "/v1/privacy/subjects") => &[400, 413, 415, 422],
        ("get", "/v1/consents/{subject}" | "/v1/consents/{subject}/history") => &[400],
        ("get", "/v1/privacy/requests/{id}") => &[400, 404],
        ("get", "/v1/privacy/requests/{id}/export") => &[400, 404, 409],
        ("post", "/v1/privacy/requests/{id}/verify" | "/v1/privacy/requests/{id}/reject") => {
            &[400, 404, 409, 413, 415, 422]
        }
        _ => &[],
    };
    statuses.extend(extra);
    statuses.sort_unstable();
    statuses.dedup();
    statuses
}

/// Adds the problem responses ([`problem_statuses`]) to every `/v1` operation, as
/// `application/problem+json` bodies.
struct ProblemResponsesAddon;

impl Modify for ProblemResponsesAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        for (path, item) in openapi.paths.paths.iter_mut() {
            if !path.starts_with("/v1/") {
                continue;
            }
            let operations = [
                ("get", &mut item.get),
                ("post", &mut item.post),
                ("patch", &mut item.patch),
                ("put", &mut item.put),
                ("delete", &mut item.delete),
            ];
            for (method, operation) in operations {
                let Some(operation) = operation else { continue };
                for status in problem_statuses(path, method) {
                    let Some((_, description)) =
                        PROBLEM_RESPONSES.iter().find(|(s, _)| *s == status)
                    else {
                        continue;
                    };
                    let response = ResponseBuilder::new()
                        .description(*description)
                        .content(
                            PROBLEM_JSON,
                            ContentBuilder::new()
                                .schema(Some(Ref::from_schema_name("Problem")))
                                .build(),
                        )
                        .build();
                    operation
                        .responses
                        .responses
                        .entry(status.to_string())
                        .or_insert(response.into());
                }
            }
        }
    }
}

struct ChangeRulesAddon;

impl Modify for ChangeRulesAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{RefOr, Schema};
        let Some(components) = openapi.components.as_mut() else {
            return;
        };
        if let Some(RefOr::T(Schema::Object(change))) =
            components.schemas.get_mut("ReservationChangeDto")
        {
            change.min_properties = Some(1);
            change
                .extensions
                .get_or_insert_with(Default::default)
                .insert(
                    "dependentRequired".to_owned(),
                    serde_json::json!({
                        "arrival": ["departure"],
                        "departure": ["arrival"],
                        "children_ages": ["adults"],
                    }),
                );
        }
        // A subject names an e-mail, a phone, or both: at least one of them, not null.
        if let Some(RefOr::T(Schema::Object(subject))) = components.schemas.get_mut("SubjectDto") {
            subject
                .extensions
                .get_or_insert_with(Default::default)
                .insert(
                    "anyOf".to_owned(),
                    serde_json::json!([
                        {"required": ["email"], "properties": {"email": {"type": "string"}}},
                        {"required": ["phone"], "properties": {"phone": {"type": "string"}}},
                    ]),
                );
        }
    }
}

/// OpenAPI links, for clients and for schemathesis's stateful phase: a booking's answer leads
/// to reading, changing and cancelling that reservation, a privacy request's to reading it.
struct LinksAddon;

impl Modify for LinksAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::RefOr;
        use utoipa::openapi::extensions::Extensions;
        use utoipa::openapi::link::LinkBuilder;
        // utoipa 5.5 writes a link's operation id as `operation_id`; OpenAPI names it
        // `operationId`.
        let to = |operation: &str| {
            let mut extensions = Extensions::default();
            extensions.insert("operationId".to_owned(), operation.into());
            LinkBuilder::new().extensions(Some(extensions))
        };
        let reservation = |operation: &str, description: &str| {
            to(operation)
                .parameter("hotel", "$request.path.hotel")
                .parameter("id", "$response.body#/id")
                .description(description)
                .build()
        };
        let links = [
            (
                "/v1/hotels/{hotel}/reservations",
                "201",
                vec![
                    (
                        "GetReservation",
                        reservation("get_reservation", "Read the booked reservation"),
                    ),
                    (
                        "ModifyReservation",
                        reservation("modify_reservation", "Change the booked reservation"),
                    ),
                    (
                        "CancelReservation",
                        reservation("cancel_reservation", "Cancel the booked reservation"),
                    ),
                ],
            ),
            (
                "/v1/privacy/requests",
                "201",
                vec![(
                    "GetPrivacyRequest",
                    to("get_request")
                        .parameter("id", "$response.body#/id")
                        .description("Read the privacy request")
                        .build(),
                )],
            ),
        ];
        for (path, status, links) in links {
            let Some(operation) = openapi
                .paths
                .paths
                .get_mut(path)
                .and_then(|item| item.post.as_mut())
            else {
                continue;
            };
            if let Some(RefOr::T(response)) = operation.responses.responses.get_mut(status) {
                for (name, link) in links {
                    response.links.insert(name.to_owned(), link.into());
                }
            }
        }
    }
}

impl Modify for SecurityAddon {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A VoiceHive API key: `Authorization: Bearer vh_...`"))
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "VoiceHive gateway", description = "One API for every hotel's PMS: offers, bookings, changes and cancellations. Errors are `application/problem+json` (RFC 9457) with a stable `code`."),
    paths(list_hotels, get_hotel, room_types, availability, offers, create_reservation,
        get_reservation, search_reservations, modify_reservation, cancel_reservation,
        healthz, readyz, status, metrics, openapi_json,
        crate::privacy::api::record_consent, crate::privacy::api::current_consents,
        crate::privacy::api::consent_history, crate::privacy::api::subject_id,
        crate::privacy::api::create_request, crate::privacy::api::list_requests,
        crate::privacy::api::get_request, crate::privacy::api::verify_request,
        crate::privacy::api::reject_request, crate::privacy::api::export,
        crate::privacy::api::overview),
    components(schemas(Problem)),
    modifiers(&SecurityAddon, &ChangeRulesAddon, &LinksAddon, &ProblemResponsesAddon),
    tags((name = "hotels", description = "Hotels, rooms, availability and offers"),
        (name = "reservations", description = "Bookings"),
        (name = "privacy", description = "Consents, privacy requests (access, erasure), the privacy overview"),
        (name = "operations", description = "Health, readiness, metrics, this document"))
)]
struct ApiDoc;

/// The OpenAPI 3.1 document, pretty-printed JSON.
pub fn openapi_document() -> String {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc.to_pretty_json().unwrap_or_default()
}
