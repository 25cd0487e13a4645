//! The Apaleo connector.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use chrono::{Days, NaiveDate};
use clock::SharedClock;
use credentials::oauth2::ClientCredentials;
use credentials::{
    BearerAuth, CredentialError, RefreshPolicy, RequestAuth, SecretRef, SecretStore, SecretString,
    TokenCache, TokenFetcher,
};
use http::{HeaderName, HeaderValue, StatusCode};
use pms_contract::{
    Availability, CommentChange, ErrorKind, HealthStatus, NewReservation, Offer, OfferRequest,
    Operation, PmsConnector, PmsError, Property, Reservation, ReservationChange, ReservationId,
    ReservationSearch, ReservationStatus, RoomType, Stay,
};
use pms_http::{RateLimiter, VendorHttpClient, VendorRequest, VendorResponse};
use serde::de::DeserializeOwned;

use crate::auth::{SecretRefClientCredentials, TOKEN_TIMEOUT};
use crate::config::ApaleoConfig;
use crate::mapping::{self, MessageCategory, protocol};
use crate::wire::{
    AvailabilityList, BookingCreated, CreateBooking, CreateReservation, DesiredStayDetails,
    PatchOperation, PropertyModel, RatePlanItem, RatePlanList, ReservationList, ReservationModel,
    StayOffers, TimeSliceRequest, UnitGroupList,
};

/// Apaleo's largest page.
pub const MAX_PAGE_SIZE: u32 = 500;
/// Pages read at most for an inventory or availability list (500,000 items at the largest page
/// size); a longer list is a vendor bug (`Protocol`).
const MAX_PAGES: u32 = 1000;
/// Pages one reservation search reads at most: 2,500 reservations at the default page size of
/// 500, a few seconds of Apaleo's time, inside the interactive read deadline of 4 s. A search
/// that matches more (its `count` says so on the first page, or the last page allowed is full)
/// fails with [`ErrorKind::TooBroad`] instead of scanning on: a phone search, which reads every
/// Confirmed and InHouse reservation of the property, on a property with more open
/// reservations than this, or a last name that `textSearch` finds in thousands of them.
pub const MAX_SEARCH_PAGES: u32 = 5;
/// Shortest last name (in characters, after trimming) searched without an arrival date.
/// `textSearch` matches substrings of names, e-mail addresses and ids: a one-letter name is in
/// almost every reservation, so it is refused as [`ErrorKind::TooBroad`] before any request.
/// With an arrival date any name is searched (the date narrows the list).
pub const MIN_SEARCH_NAME_CHARS: usize = 2;
/// Statuses a phone search scans.
const PHONE_SCAN_STATUSES: &str = "Confirmed,InHouse";

/// The Apaleo connector for one property.
///
/// Every request goes through a [`VendorHttpClient`] (authorization, rate limit, error mapping,
/// `Apaleo-Tracking-Id` as vendor request id); the connector never retries, sleeps or caches.
/// Two clients share the account's authorization and rate limiter: inventory calls keep
/// pms-http's default sanitizing of vendor messages, reservation calls (whose requests carry
/// guest data Apaleo could quote back) keep only a message's field path and a fixed text.
///
/// See `docs/connectors/apaleo.md` for the mapping of every operation.
#[derive(Debug)]
pub struct ApaleoConnector {
    property: String,
    inventory: VendorHttpClient,
    reservations: VendorHttpClient,
    /// The create's POST, with [`ApaleoConfig::effective_create_timeout`].
    bookings: VendorHttpClient,
    /// The look-up after a create's POST, with
    /// [`ApaleoConfig::effective_create_lookup_timeout`].
    create_lookups: VendorHttpClient,
    clock: SharedClock,
    page_size: u32,
    requests: Arc<AtomicU64>,
}

pub(crate) fn config_error(err: &CredentialError) -> PmsError {
    PmsError::internal(format!("invalid Apaleo client configuration: {err}"))
        .with_vendor(crate::VENDOR)
}

/// Rebuilds `err` with another kind and message, keeping its context.
fn rekind(err: &PmsError, kind: ErrorKind, message: String) -> PmsError {
    let ctx = err.context();
    let mut out = PmsError::new(kind, message).with_vendor(crate::VENDOR);
    if let Some(op) = ctx.operation {
        out = out.with_operation(op);
    }
    if let Some(status) = ctx.http_status {
        out = out.with_http_status(status);
    }
    if let Some(id) = &ctx.vendor_request_id {
        out = out.with_vendor_request_id(id.clone());
    }
    out
}

/// A vendor validation error of a reservation call, re-classified by what the (sanitized)
/// message says: no availability and a reused idempotency key are conflicts, an action the
/// reservation's status forbids is an invalid state.
fn classify(err: PmsError) -> PmsError {
    if *err.kind() != ErrorKind::Validation {
        return err;
    }
    let kind = match MessageCategory::found_in(err.message()) {
        Some(MessageCategory::NoAvailability | MessageCategory::IdempotencyKeyReused) => {
            ErrorKind::Conflict
        }
        Some(MessageCategory::NotAllowedInStatus) => ErrorKind::InvalidState,
        _ => return err,
    };
    rekind(&err, kind, err.message().to_owned())
}

fn date(value: NaiveDate) -> String {
    value.format("%Y-%m-%d").to_string()
}

fn time_slices(stay: &Stay, rate_plan: &str) -> Vec<TimeSliceRequest> {
    stay.night_dates()
        .map(|_| TimeSliceRequest {
            rate_plan_id: rate_plan.to_owned(),
        })
        .collect()
}

fn csv(values: &[u8]) -> String {
    values
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The local rate limiter for the account's tier (Apaleo's documented limits).
fn default_limiter(config: &ApaleoConfig, clock: &SharedClock) -> Arc<dyn RateLimiter> {
    Arc::new(config.local_rate_limiter(clock.clone()))
}

/// A stay as an error message may describe it: dates, occupancy counts, room type and rate
/// plan (no guest data).
#[derive(Debug, Clone)]
struct StaySummary {
    stay: Stay,
    adults: u8,
    children: usize,
    room_type: String,
    rate_plan: Option<String>,
}

impl StaySummary {
    fn of(reservation: &Reservation) -> Self {
        Self {
            stay: reservation.stay,
            adults: reservation.occupancy.adult_count(),
            children: reservation.occupancy.children_ages().len(),
            room_type: reservation.room_type.as_str().to_owned(),
            rate_plan: Some(reservation.rate_plan.as_str().to_owned()),
        }
    }

    /// What an accepted amend of `current` by `change` set (the rate plan only if named or
    /// unchanged).
    fn after_amend(current: &Reservation, change: &ReservationChange) -> Self {
        let occupancy = change.occupancy.as_ref().unwrap_or(&current.occupancy);
        let room_type = change
            .room_type
            .as_ref()
            .map_or(current.room_type.as_str(), |r| r.as_str());
        let rate_plan = match (&change.rate_plan, &change.room_type) {
            (Some(rate_plan), _) => Some(rate_plan.as_str().to_owned()),
            (None, Some(room)) if room.as_str() != current.room_type.as_str() => None,
            (None, _) => Some(current.rate_plan.as_str().to_owned()),
        };
        Self {
            stay: change.stay.unwrap_or(current.stay),
            adults: occupancy.adult_count(),
            children: occupancy.children_ages().len(),
            room_type: room_type.to_owned(),
            rate_plan,
        }
    }
}

impl std::fmt::Display for StaySummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}, {} adult(s), {} child(ren), room type {}",
            self.stay, self.adults, self.children, self.room_type
        )?;
        match &self.rate_plan {
            Some(rate_plan) => write!(f, ", rate plan {rate_plan}"),
            None => f.write_str(", the matching rate plan"),
        }
    }
}

/// `err` of a step after a successful amend, saying that the stay change was applied and how
/// the stay now is.
fn half_applied(err: &PmsError, id: &ReservationId, now: &StaySummary, step: &str) -> PmsError {
    rekind(
        err,
        err.kind().clone(),
        format!(
            "the stay change was applied: reservation {id} is now {now}; {step} failed: {}",
            err.message()
        ),
    )
}

/// How many pages a list may take, and what a longer list means.
#[derive(Debug, Clone, Copy)]
enum PageCap {
    /// Inventory and availability: [`MAX_PAGES`]; more is a vendor bug (`Protocol`).
    Inventory,
    /// Reservation searches: [`MAX_SEARCH_PAGES`]; more is `TooBroad`.
    Search,
    /// The reconciliation of a create: one page (the external code is unique); more is
    /// `TooBroad`.
    Lookup,
}

impl PageCap {
    fn pages(self) -> u32 {
        match self {
            PageCap::Inventory => MAX_PAGES,
            PageCap::Search => MAX_SEARCH_PAGES,
            PageCap::Lookup => 1,
        }
    }

    fn exceeded(self, request: &VendorRequest, page_size: u32) -> PmsError {
        let pages = self.pages();
        let err = match self {
            PageCap::Inventory => protocol(format!(
                "{} has more than {pages} pages",
                request.path_template()
            )),
            PageCap::Search | PageCap::Lookup => PmsError::too_broad(format!(
                "the search matches more than {} reservations, more than one search may read \
                 ({pages} pages of {page_size}); narrow it: a confirmation code, an e-mail \
                 address, or a last name with the arrival date",
                u64::from(pages) * u64::from(page_size)
            ))
            .with_vendor(crate::VENDOR),
        };
        err.with_operation(request.operation())
    }
}

impl ApaleoConnector {
    /// A connector for `config`'s property, authorizing with `auth` and limited by `limiter`
    /// (share both between connectors of one Apaleo account), reading time from `clock`. No
    /// I/O.
    ///
    /// # Errors
    ///
    /// `Internal` if the API base URL is not an absolute `http(s)` URL.
    pub fn new(
        config: ApaleoConfig,
        auth: Arc<dyn RequestAuth>,
        limiter: Arc<dyn RateLimiter>,
        clock: SharedClock,
    ) -> Result<Self, PmsError> {
        let inventory = VendorHttpClient::new(
            config.http(pms_http::redact_contact_details),
            auth.clone(),
            limiter.clone(),
            clock.clone(),
        )?;
        let reservations = VendorHttpClient::new(
            config.http(mapping::sanitize_reservation_message),
            auth.clone(),
            limiter.clone(),
            clock.clone(),
        )?;
        let bookings = VendorHttpClient::new(
            config
                .http(mapping::sanitize_reservation_message)
                .with_attempt_timeout(config.effective_create_timeout()),
            auth.clone(),
            limiter.clone(),
            clock.clone(),
        )?;
        let create_lookups = VendorHttpClient::new(
            config
                .http(mapping::sanitize_reservation_message)
                .with_attempt_timeout(config.effective_create_lookup_timeout()),
            auth,
            limiter,
            clock.clone(),
        )?;
        Ok(Self {
            property: config.property_id,
            inventory,
            reservations,
            bookings,
            create_lookups,
            clock,
            page_size: MAX_PAGE_SIZE,
            requests: Arc::new(AtomicU64::new(0)),
        })
    }

    /// A connector with its own token cache over `fetcher` (default [`RefreshPolicy`]) and
    /// its own rate limiter for `config.tier`. No I/O.
    ///
    /// # Errors
    ///
    /// As [`ApaleoConnector::new`].
    pub fn with_token_fetcher(
        config: ApaleoConfig,
        fetcher: Arc<dyn TokenFetcher>,
        clock: SharedClock,
    ) -> Result<Self, PmsError> {
        let limiter = default_limiter(&config, &clock);
        Self::with_token_fetcher_and_limiter(config, fetcher, limiter, clock)
    }

    /// As [`ApaleoConnector::with_token_fetcher`], with `limiter` instead of a local one (e.g.
    /// `pms_http::RedisRateLimiter`, so every replica shares the account's budget). No I/O.
    ///
    /// # Errors
    ///
    /// As [`ApaleoConnector::new`].
    pub fn with_token_fetcher_and_limiter(
        config: ApaleoConfig,
        fetcher: Arc<dyn TokenFetcher>,
        limiter: Arc<dyn RateLimiter>,
        clock: SharedClock,
    ) -> Result<Self, PmsError> {
        let tokens = TokenCache::new(
            crate::VENDOR,
            fetcher,
            clock.clone(),
            RefreshPolicy::default(),
        );
        Self::new(config, Arc::new(BearerAuth::new(tokens)), limiter, clock)
    }

    /// A connector for an Apaleo simple client (OAuth2 client credentials at
    /// `{identity_base}/connect/token`): its own token cache and rate limiter. No I/O.
    ///
    /// # Errors
    ///
    /// `Internal` if the identity or API base URL is not an `http(s)` URL.
    pub fn with_client_credentials(
        config: ApaleoConfig,
        client_id: String,
        client_secret: SecretString,
        clock: SharedClock,
    ) -> Result<Self, PmsError> {
        let http = credentials::oauth2::http_client(TOKEN_TIMEOUT).map_err(|e| config_error(&e))?;
        let fetcher = ClientCredentials::new(&config.token_url(), client_id, client_secret, http)
            .map_err(|e| config_error(&e))?;
        Self::with_token_fetcher(config, Arc::new(fetcher), clock)
    }

    /// A connector whose client id and secret are read from `store` on every token fetch
    /// (see [`SecretRefClientCredentials`]), e.g. `env:APALEO_CLIENT_ID` and
    /// `vault:secret/voicehive/apaleo#client_secret` from a hotel file. No I/O: a factory can
    /// call it synchronously; a missing secret fails the first call as a configuration
    /// (`Internal`) error naming the reference.
    ///
    /// # Errors
    ///
    /// `Internal` if the identity or API base URL is not an `http(s)` URL.
    pub fn from_secret_refs(
        config: ApaleoConfig,
        store: Arc<dyn SecretStore>,
        client_id: SecretRef,
        client_secret: SecretRef,
        clock: SharedClock,
    ) -> Result<Self, PmsError> {
        let limiter = default_limiter(&config, &clock);
        Self::from_secret_refs_with_limiter(config, store, client_id, client_secret, limiter, clock)
    }

    /// As [`ApaleoConnector::from_secret_refs`], with `limiter` instead of a local one.
    ///
    /// # Errors
    ///
    /// As [`ApaleoConnector::from_secret_refs`].
    pub fn from_secret_refs_with_limiter(
        config: ApaleoConfig,
        store: Arc<dyn SecretStore>,
        client_id: SecretRef,
        client_secret: SecretRef,
        limiter: Arc<dyn RateLimiter>,
        clock: SharedClock,
    ) -> Result<Self, PmsError> {
        let fetcher =
            SecretRefClientCredentials::new(config.token_url(), store, client_id, client_secret)
                .map_err(|e| config_error(&e))?;
        Self::with_token_fetcher_and_limiter(config, Arc::new(fetcher), limiter, clock)
    }

    /// Records the metrics of every vendor HTTP call (`voicehive_pms_http_*`, rate-limit
    /// waits) in `metrics`.
    #[must_use]
    pub fn with_http_metrics(mut self, metrics: pms_http::HttpMetrics) -> Self {
        self.inventory = self.inventory.with_metrics(metrics.clone());
        self.reservations = self.reservations.with_metrics(metrics.clone());
        self.bookings = self.bookings.with_metrics(metrics.clone());
        self.create_lookups = self.create_lookups.with_metrics(metrics);
        self
    }

    /// Reads lists with pages of `page_size` items (1 to 500; default 500).
    #[must_use]
    pub fn with_page_size(mut self, page_size: u32) -> Self {
        self.page_size = page_size.clamp(1, MAX_PAGE_SIZE);
        self
    }

    /// The property this connector serves.
    pub fn property_id(&self) -> &str {
        &self.property
    }

    /// Requests this connector has handed to its HTTP clients so far, including ones refused
    /// before they left the process (rate limiter, a token refresh backed off after refused
    /// credentials). The golden harness's I/O probe.
    pub fn requests_sent(&self) -> u64 {
        self.requests.load(Ordering::SeqCst)
    }

    async fn send(
        &self,
        client: &VendorHttpClient,
        request: &VendorRequest,
    ) -> Result<VendorResponse, PmsError> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        client.send(request).await
    }

    /// The body as `T`, or `None` for a 204 (Apaleo's empty list).
    async fn fetch<T: DeserializeOwned>(
        &self,
        client: &VendorHttpClient,
        request: &VendorRequest,
    ) -> Result<Option<T>, PmsError> {
        let response = self.send(client, request).await?;
        if response.status() == StatusCode::NO_CONTENT || response.body().is_empty() {
            return Ok(None);
        }
        response.json().map(Some)
    }

    async fn fetch_required<T: DeserializeOwned>(
        &self,
        client: &VendorHttpClient,
        request: &VendorRequest,
    ) -> Result<T, PmsError> {
        self.fetch(client, request).await?.ok_or_else(|| {
            protocol(format!(
                "{} answered without a body",
                request.path_template()
            ))
            .with_operation(request.operation())
        })
    }

    /// Every item of a paged list: pages of `page_size` until a 204, a short page or `count`
    /// items, at most `cap`'s pages. A list longer than that fails as soon as it shows: after
    /// the first page if its `count` says so, else after the last page allowed if it is full.
    async fn pages<T, I>(
        &self,
        client: &VendorHttpClient,
        request: &VendorRequest,
        cap: PageCap,
        items: impl Fn(T) -> (Vec<I>, Option<i64>),
    ) -> Result<Vec<I>, PmsError>
    where
        T: DeserializeOwned,
    {
        let limit = i64::from(cap.pages()) * i64::from(self.page_size);
        let mut out = Vec::new();
        for page in 1..=cap.pages() {
            let paged = request
                .clone()
                .query("pageNumber", page.to_string())
                .query("pageSize", self.page_size.to_string());
            let Some(body) = self.fetch::<T>(client, &paged).await? else {
                return Ok(out);
            };
            let (batch, count) = items(body);
            if count.is_some_and(|c| c > limit) {
                return Err(cap.exceeded(request, self.page_size));
            }
            let got = batch.len();
            out.extend(batch);
            let total_reached =
                count.is_some_and(|c| i64::try_from(out.len()).unwrap_or(i64::MAX) >= c);
            if got < self.page_size as usize || total_reached {
                return Ok(out);
            }
        }
        Err(cap.exceeded(request, self.page_size))
    }

    async fn property_model(&self, op: Operation) -> Result<PropertyModel, PmsError> {
        let request = VendorRequest::get(op, "/inventory/v1/properties/{id}")
            .path_param("id", self.property.clone());
        self.fetch_required(&self.inventory, &request).await
    }

    /// The first over-night rate plan's time-slice definition, for check-in and check-out
    /// times. A client without `rateplans.read` (403), or no rate plan at all, gives the
    /// defaults.
    async fn check_times(&self) -> Result<(chrono::NaiveTime, chrono::NaiveTime), PmsError> {
        let request = VendorRequest::get(Operation::Property, "/rateplan/v1/rate-plans")
            .query("propertyId", self.property.clone())
            .query("timeSliceTemplate", "OverNight")
            .query("pageNumber", "1")
            .query("pageSize", "1");
        let plans = match self.fetch::<RatePlanList>(&self.inventory, &request).await {
            Ok(list) => list.map(|l| l.rate_plans).unwrap_or_default(),
            Err(err) if matches!(err.kind(), ErrorKind::NotFound | ErrorKind::Authorization) => {
                Vec::new()
            }
            Err(err) => return Err(err),
        };
        let definition = plans
            .into_iter()
            .find_map(|plan| plan.time_slice_definition);
        Ok(mapping::check_times(definition.as_ref()))
    }

    /// The unit group `rate_plan` sells, asked of Apaleo.
    async fn rate_plan_unit_group(
        &self,
        op: Operation,
        rate_plan: &str,
    ) -> Result<String, PmsError> {
        let request = VendorRequest::get(op, "/rateplan/v1/rate-plans/{id}")
            .path_param("id", rate_plan.to_owned());
        let plan: RatePlanItem = match self.fetch_required(&self.inventory, &request).await {
            Ok(plan) => plan,
            Err(err) if *err.kind() == ErrorKind::NotFound => {
                return Err(rekind(
                    &err,
                    ErrorKind::Validation,
                    format!("rate plan {rate_plan} does not exist"),
                ));
            }
            Err(err) => return Err(err),
        };
        if plan
            .property
            .as_ref()
            .is_some_and(|p| p.id != self.property)
        {
            return Err(PmsError::validation(format!(
                "rate plan {rate_plan} is not a rate plan of property {}",
                self.property
            ))
            .with_vendor(crate::VENDOR)
            .with_operation(op));
        }
        plan.unit_group.map(|g| g.id).ok_or_else(|| {
            protocol(format!("rate plan {} has no unit group", plan.id)).with_operation(op)
        })
    }

    /// Refuses a rate plan that does not sell `room_type` (Apaleo books the rate plan's unit
    /// group; the request names both).
    async fn check_rate_plan(
        &self,
        op: Operation,
        room_type: &str,
        rate_plan: &str,
    ) -> Result<(), PmsError> {
        let sells = match mapping::rate_plan_sells(&self.property, room_type, rate_plan) {
            Some(sells) => sells,
            None => self.rate_plan_unit_group(op, rate_plan).await? == room_type,
        };
        if sells {
            Ok(())
        } else {
            Err(PmsError::validation(format!(
                "rate plan {rate_plan} does not sell room type {room_type}"
            ))
            .with_vendor(crate::VENDOR)
            .with_operation(op))
        }
    }

    async fn reservation_model(
        &self,
        op: Operation,
        id: &str,
    ) -> Result<ReservationModel, PmsError> {
        self.reservation_model_via(&self.reservations, op, id).await
    }

    async fn reservation_model_via(
        &self,
        client: &VendorHttpClient,
        op: Operation,
        id: &str,
    ) -> Result<ReservationModel, PmsError> {
        let request = VendorRequest::get(op, "/booking/v1/reservations/{id}")
            .path_param("id", id.to_owned())
            .query("expand", "timeSlices");
        let model: ReservationModel = self.fetch_required(client, &request).await?;
        // One Apaleo account serves several hotels: a reservation of another property is not
        // this hotel's to read, change or cancel.
        if model.property.as_ref().map(|p| p.id.as_str()) != Some(self.property.as_str()) {
            return Err(PmsError::not_found(format!("reservation {id} not found"))
                .with_vendor(crate::VENDOR)
                .with_operation(op));
        }
        Ok(model)
    }

    async fn read(&self, op: Operation, id: &str) -> Result<Reservation, PmsError> {
        self.read_via(&self.reservations, op, id).await
    }

    async fn read_via(
        &self,
        client: &VendorHttpClient,
        op: Operation,
        id: &str,
    ) -> Result<Reservation, PmsError> {
        mapping::reservation(&self.reservation_model_via(client, op, id).await?)
            .map_err(|e| e.with_operation(op))
    }

    /// Reservations of this property matching `filters` (all pages, at most `cap`'s).
    async fn list(
        &self,
        client: &VendorHttpClient,
        op: Operation,
        filters: &[(&'static str, String)],
        cap: PageCap,
    ) -> Result<Vec<ReservationModel>, PmsError> {
        let mut request = VendorRequest::get(op, "/booking/v1/reservations")
            .query("propertyIds", self.property.clone());
        for (name, value) in filters {
            request = request.query(*name, value.clone());
        }
        self.pages(client, &request, cap, |list: ReservationList| {
            (list.reservations, list.count)
        })
        .await
    }

    /// Reservations of this property matching `filters`, for a search: at most
    /// [`MAX_SEARCH_PAGES`] pages, else `TooBroad`.
    async fn search(
        &self,
        filters: &[(&'static str, String)],
    ) -> Result<Vec<ReservationModel>, PmsError> {
        self.list(
            &self.reservations,
            Operation::SearchReservations,
            filters,
            PageCap::Search,
        )
        .await
    }

    fn map_all<'a>(
        models: impl IntoIterator<Item = &'a ReservationModel>,
    ) -> Result<Vec<Reservation>, PmsError> {
        models
            .into_iter()
            .map(|m| {
                mapping::reservation(m).map_err(|e| e.with_operation(Operation::SearchReservations))
            })
            .collect()
    }

    /// The reservation a create with `external_code` made, if there is one: one request with
    /// the create's look-up timeout, so that it fits in the write deadline after a POST that
    /// timed out.
    async fn reconcile(&self, external_code: &str) -> Result<Option<Reservation>, PmsError> {
        let found = self
            .list(
                &self.create_lookups,
                Operation::CreateReservation,
                &[("externalCode", external_code.to_owned())],
                PageCap::Lookup,
            )
            .await?;
        found
            .iter()
            .find(|m| m.external_code.as_deref() == Some(external_code))
            .map(mapping::reservation)
            .transpose()
    }

    async fn search_by_code(&self, code: &str) -> Result<Vec<Reservation>, PmsError> {
        let code = code.to_uppercase();
        let op = Operation::SearchReservations;
        let found = self.search(&[("bookingId", code.clone())]).await?;
        if !found.is_empty() || !code.contains('-') {
            return Self::map_all(&found);
        }
        // A reservation id (`XPGMSXGF-1`), as Apaleo's e-mails show it.
        match self.reservation_model(op, &code).await {
            Ok(model)
                if model
                    .property
                    .as_ref()
                    .is_none_or(|p| p.id == self.property) =>
            {
                Self::map_all([&model])
            }
            Ok(_) => Ok(Vec::new()),
            Err(err) if *err.kind() == ErrorKind::NotFound => Ok(Vec::new()),
            Err(err) => Err(err),
        }
    }

    async fn search_by_last_name(
        &self,
        last_name: &str,
        arrival: Option<NaiveDate>,
    ) -> Result<Vec<Reservation>, PmsError> {
        let text = last_name.trim();
        if arrival.is_none() && text.chars().count() < MIN_SEARCH_NAME_CHARS {
            return Err(PmsError::too_broad(format!(
                "a last name of fewer than {MIN_SEARCH_NAME_CHARS} characters matches most \
                 reservations; add the arrival date"
            ))
            .with_vendor(crate::VENDOR)
            .with_operation(Operation::SearchReservations));
        }
        let mut filters = vec![("textSearch", text.to_owned())];
        if let Some(arrival) = arrival {
            // The arrival day in any time zone (UTC-12 to UTC+14): from 00:00 at +14:00 to
            // 24:00 at -12:00. The exact local day is checked below, from the offsets Apaleo
            // returns, so no property lookup is needed.
            let (Some(before), Some(after)) = (
                arrival.checked_sub_days(Days::new(1)),
                arrival.checked_add_days(Days::new(1)),
            ) else {
                return Ok(Vec::new());
            };
            filters.push(("dateFilter", "Arrival".to_owned()));
            filters.push(("from", format!("{}T10:00:00Z", date(before))));
            filters.push(("to", format!("{}T12:00:00Z", date(after))));
        }
        let found = self.search(&filters).await?;
        let mut out = Vec::new();
        for model in &found {
            let Ok(guest) = mapping::primary_guest(model) else {
                continue;
            };
            if !mapping::same_name(&guest.last_name, last_name) {
                continue;
            }
            let reservation = mapping::reservation(model)
                .map_err(|e| e.with_operation(Operation::SearchReservations))?;
            if arrival.is_none_or(|a| reservation.stay.arrival() == a) {
                out.push(reservation);
            }
        }
        Ok(out)
    }

    async fn search_by_email(&self, email: &str) -> Result<Vec<Reservation>, PmsError> {
        let found = self.search(&[("textSearch", email.to_owned())]).await?;
        let matching = found.iter().filter(|m| {
            mapping::primary_guest(m)
                .ok()
                .and_then(|g| g.email)
                .is_some_and(|e| mapping::same_name(&e, email))
        });
        Self::map_all(matching)
    }

    /// Apaleo's `textSearch` does not cover phone numbers: every Confirmed and InHouse
    /// reservation of the property is read (pages of up to 500) and compared in E.164 form, at
    /// most [`MAX_SEARCH_PAGES`] pages: a property with more open reservations gets `TooBroad`.
    async fn search_by_phone(
        &self,
        phone: &pms_contract::PhoneNumber,
    ) -> Result<Vec<Reservation>, PmsError> {
        let found = self
            .search(&[("status", PHONE_SCAN_STATUSES.to_owned())])
            .await?;
        let matching = found.iter().filter(|m| {
            mapping::primary_guest(m)
                .ok()
                .is_some_and(|g| mapping::same_phone(g.phone.as_deref(), phone))
        });
        Self::map_all(matching)
    }

    async fn amend(
        &self,
        model: &ReservationModel,
        current: &Reservation,
        change: &ReservationChange,
    ) -> Result<(), PmsError> {
        let op = Operation::ModifyReservation;
        let stay = change.stay.unwrap_or(current.stay);
        let occupancy = change.occupancy.as_ref().unwrap_or(&current.occupancy);
        let current_room = current.room_type.as_str();
        let rate_plan = match (&change.room_type, &change.rate_plan) {
            (room_type, Some(rate_plan)) => {
                let room = room_type.as_ref().map_or(current_room, |r| r.as_str());
                self.check_rate_plan(op, room, rate_plan.as_str()).await?;
                rate_plan.as_str().to_owned()
            }
            (Some(room_type), None) if room_type.as_str() != current_room => {
                mapping::same_rate_for_room_type(
                    &self.property,
                    current_room,
                    current.rate_plan.as_str(),
                    room_type.as_str(),
                )
                .ok_or_else(|| {
                    PmsError::validation(format!(
                        "no rate plan of room type {room_type} matches {}; name the rate plan too",
                        current.rate_plan
                    ))
                    .with_vendor(crate::VENDOR)
                    .with_operation(op)
                })?
            }
            _ => current.rate_plan.as_str().to_owned(),
        };
        let body = DesiredStayDetails {
            arrival: date(stay.arrival()),
            departure: date(stay.departure()),
            adults: occupancy.adult_count(),
            children_ages: occupancy.children_ages().to_vec(),
            requote: true,
            time_slices: time_slices(&stay, &rate_plan),
        };
        let request = VendorRequest::put(op, "/booking/v1/reservation-actions/{id}/amend")
            .path_param("id", model.id.clone())
            .json(&body)?;
        self.send(&self.reservations, &request)
            .await
            .map_err(classify)?;
        Ok(())
    }

    async fn patch(
        &self,
        model: &ReservationModel,
        change: &ReservationChange,
    ) -> Result<(), PmsError> {
        let op = Operation::ModifyReservation;
        let mut operations = Vec::new();
        if let Some(contact) = &change.contact {
            let mut guest = match &model.primary_guest {
                Some(serde_json::Value::Object(guest)) => guest.clone(),
                _ => return Err(protocol("reservation.primaryGuest is missing").with_operation(op)),
            };
            if let Some(email) = &contact.email {
                guest.insert("email".into(), email.expose().into());
            }
            if let Some(phone) = &contact.phone {
                guest.insert("phone".into(), phone.expose().into());
            }
            if let Some(language) = &contact.language {
                guest.insert(
                    "preferredLanguage".into(),
                    mapping::primary_language(language).into(),
                );
            }
            operations.push(PatchOperation {
                op: "replace",
                path: "/primaryGuest",
                value: Some(serde_json::Value::Object(guest)),
            });
        }
        match &change.comment {
            CommentChange::Keep => {}
            CommentChange::Set(comment) => operations.push(PatchOperation {
                op: if model.comment.is_some() {
                    "replace"
                } else {
                    "add"
                },
                path: "/comment",
                value: Some(comment.expose().clone().into()),
            }),
            // JSON Patch cannot remove what is not there: clearing no comment sends nothing.
            CommentChange::Clear if model.comment.is_some() => {
                operations.push(PatchOperation {
                    op: "remove",
                    path: "/comment",
                    value: None,
                });
            }
            CommentChange::Clear => {}
        }
        if operations.is_empty() {
            return Ok(());
        }
        let request = VendorRequest::patch(op, "/booking/v1/reservations/{id}")
            .path_param("id", model.id.clone())
            .json(&operations)?;
        self.send(&self.reservations, &request)
            .await
            .map_err(classify)?;
        Ok(())
    }
}

#[async_trait]
impl PmsConnector for ApaleoConnector {
    fn vendor(&self) -> &str {
        crate::VENDOR
    }

    async fn property(&self) -> Result<Property, PmsError> {
        let model = self.property_model(Operation::Property).await?;
        let (check_in, check_out) = self.check_times().await?;
        mapping::property(&model, check_in, check_out)
            .map_err(|e| e.with_operation(Operation::Property))
    }

    async fn room_types(&self) -> Result<Vec<RoomType>, PmsError> {
        let request = VendorRequest::get(Operation::RoomTypes, "/inventory/v1/unit-groups")
            .query("propertyId", self.property.clone())
            .query("unitGroupTypes", "BedRoom");
        let groups = self
            .pages(
                &self.inventory,
                &request,
                PageCap::Inventory,
                |list: UnitGroupList| (list.unit_groups, list.count),
            )
            .await?;
        groups
            .iter()
            .map(|g| mapping::room_type(g).map_err(|e| e.with_operation(Operation::RoomTypes)))
            .collect()
    }

    async fn availability(&self, stay: &Stay) -> Result<Vec<Availability>, PmsError> {
        let op = Operation::Availability;
        let last_night = stay.departure().pred_opt().unwrap_or(stay.arrival());
        let request = VendorRequest::get(op, "/availability/v1/unit-groups")
            .query("propertyId", self.property.clone())
            .query("from", date(stay.arrival()))
            .query("to", date(last_night))
            .query("unitGroupTypes", "BedRoom");
        let slices = self
            .pages(
                &self.inventory,
                &request,
                PageCap::Inventory,
                |list: AvailabilityList| (list.time_slices, list.count),
            )
            .await?;
        let list = AvailabilityList {
            time_slices: slices,
            count: None,
        };
        mapping::availability(&list, stay).map_err(|e| e.with_operation(op))
    }

    async fn offers(&self, request: &OfferRequest) -> Result<Vec<Offer>, PmsError> {
        let op = Operation::Offers;
        let mut vendor = VendorRequest::get(op, "/booking/v1/offers")
            .query("propertyId", self.property.clone())
            .query("arrival", date(request.stay.arrival()))
            .query("departure", date(request.stay.departure()))
            .query("adults", request.occupancy.adult_count().to_string())
            .query("channelCode", "Direct")
            .query("unitGroupTypes", "BedRoom");
        if !request.occupancy.children_ages().is_empty() {
            vendor = vendor.query("childrenAges", csv(request.occupancy.children_ages()));
        }
        let Some(offers) = self.fetch::<StayOffers>(&self.inventory, &vendor).await? else {
            return Ok(Vec::new());
        };
        let now = self.clock.now();
        let mut out = Vec::new();
        for model in &offers.offers {
            if let Some(offer) =
                mapping::offer(model, request, now).map_err(|e| e.with_operation(op))?
            {
                out.push(offer);
            }
        }
        Ok(out)
    }

    async fn create_reservation(&self, request: &NewReservation) -> Result<Reservation, PmsError> {
        let op = Operation::CreateReservation;
        self.check_rate_plan(op, request.room_type.as_str(), request.rate_plan.as_str())
            .await?;
        let external_code = mapping::external_code(&request.idempotency_key);
        let guest = mapping::person(&request.guest);
        let body = CreateBooking {
            booker: guest.clone(),
            reservations: vec![CreateReservation {
                arrival: date(request.stay.arrival()),
                departure: date(request.stay.departure()),
                adults: request.occupancy.adult_count(),
                children_ages: request.occupancy.children_ages().to_vec(),
                channel_code: "Direct",
                primary_guest: guest,
                time_slices: time_slices(&request.stay, request.rate_plan.as_str()),
                external_code: external_code.clone(),
                comment: request.comment.as_ref().map(|c| c.expose().clone()),
            }],
        };
        // Idempotency keys hold no whitespace or control characters: always a header value.
        let key = HeaderValue::from_str(request.idempotency_key.as_str())
            .map_err(|_| PmsError::validation("idempotency key is not a header value"))?;
        let post = VendorRequest::post(op, "/booking/v1/bookings")
            .header(HeaderName::from_static("idempotency-key"), key)
            .json(&body)?;
        let created: BookingCreated = match self.fetch_required(&self.bookings, &post).await {
            Ok(created) => created,
            // Unknown outcome: the request may have booked (a lost answer, or an answer we could
            // not read). A conflict is not reconciled: it means the key was used for another
            // request, and returning that booking would hide it.
            Err(err)
                if matches!(
                    err.kind(),
                    ErrorKind::Timeout | ErrorKind::Unavailable | ErrorKind::Protocol
                ) =>
            {
                // The outcome is unknown: Apaleo may have booked. Look for the booking by its
                // external code; if it is not there, the base retries with the same key.
                return match self.reconcile(&external_code).await {
                    Ok(Some(reservation)) => {
                        tracing::info!(
                            vendor = crate::VENDOR,
                            reservation = %reservation.id,
                            "a create whose answer was lost had booked; returning that reservation"
                        );
                        Ok(reservation)
                    }
                    Ok(None) | Err(_) => Err(err),
                };
            }
            Err(err) => return Err(classify(err)),
        };
        let id = created
            .reservation_ids
            .first()
            .map(|r| r.id.clone())
            .ok_or_else(|| protocol("the booking has no reservation").with_operation(op))?;
        // The booking exists: if reading it back fails, say so as a retryable error, so that
        // the base repeats the create with the same key (which replays) instead of the caller
        // booking again under a new key. The read-back has the look-up timeout: after a slow
        // POST it still fits in the write deadline.
        self.read_via(&self.create_lookups, op, &id)
            .await
            .map_err(|err| err.after_committed_create(crate::VENDOR, op))
    }

    async fn get_reservation(&self, id: &ReservationId) -> Result<Reservation, PmsError> {
        self.read(Operation::GetReservation, id.as_str()).await
    }

    /// The reservation whose `externalCode` the create with `key` set (one page, the create
    /// lookup's timeout): Apaleo keeps the external code for as long as the reservation.
    async fn find_created(
        &self,
        key: &pms_contract::IdempotencyKey,
    ) -> Result<Option<Reservation>, PmsError> {
        self.reconcile(&mapping::external_code(key)).await
    }

    async fn search_reservations(
        &self,
        search: &ReservationSearch,
    ) -> Result<Vec<Reservation>, PmsError> {
        match search {
            ReservationSearch::ConfirmationCode(code) => self.search_by_code(code.as_str()).await,
            ReservationSearch::LastName { last_name, arrival } => {
                self.search_by_last_name(last_name.expose(), *arrival).await
            }
            ReservationSearch::Email(email) => self.search_by_email(email.expose()).await,
            ReservationSearch::Phone(phone) => self.search_by_phone(phone).await,
        }
    }

    async fn modify_reservation(
        &self,
        id: &ReservationId,
        change: &ReservationChange,
    ) -> Result<Reservation, PmsError> {
        let op = Operation::ModifyReservation;
        let model = self.reservation_model(op, id.as_str()).await?;
        let current = mapping::reservation(&model).map_err(|e| e.with_operation(op))?;
        if !mapping::is_modifiable(current.status) {
            return Err(PmsError::invalid_state(format!(
                "reservation {id} is {}; it can no longer be changed",
                current.status
            ))
            .with_vendor(crate::VENDOR)
            .with_operation(op));
        }
        if !change.changes_stay() {
            if change.changes_guest() {
                self.patch(&model, change).await?;
            }
            return self.read(op, id.as_str()).await;
        }
        self.amend(&model, &current, change).await?;
        // The stay is changed from here on: a later failure must say how the stay now is, so
        // that nobody tells the guest the old one.
        let amended = StaySummary::after_amend(&current, change);
        if change.changes_guest() {
            // The amend may have changed the reservation: patch what Apaleo holds now.
            let model = self
                .reservation_model(op, id.as_str())
                .await
                .map_err(|e| half_applied(&e, id, &amended, "reading it back"))?;
            let now = mapping::reservation(&model).map_or(amended.clone(), |r| StaySummary::of(&r));
            self.patch(&model, change)
                .await
                .map_err(|e| half_applied(&e, id, &now, "the guest change"))?;
        }
        self.read(op, id.as_str())
            .await
            .map_err(|e| half_applied(&e, id, &amended, "reading it back"))
    }

    async fn cancel_reservation(&self, id: &ReservationId) -> Result<Reservation, PmsError> {
        let op = Operation::CancelReservation;
        let current = self.read(op, id.as_str()).await?;
        match current.status {
            ReservationStatus::Canceled => return Ok(current),
            ReservationStatus::Confirmed => {}
            other => {
                return Err(PmsError::invalid_state(format!(
                    "reservation {id} is {other}; only confirmed reservations can be cancelled"
                ))
                .with_vendor(crate::VENDOR)
                .with_operation(op));
            }
        }
        let request = VendorRequest::put(op, "/booking/v1/reservation-actions/{id}/cancel")
            .path_param("id", id.as_str().to_owned());
        match self.send(&self.reservations, &request).await {
            Ok(_) => self.read(op, id.as_str()).await,
            Err(err) if *err.kind() == ErrorKind::Validation => {
                // Apaleo cancels only Confirmed reservations: a 422 after a concurrent cancel is
                // this cancel's idempotent success.
                let now = self.read(op, id.as_str()).await?;
                if now.status == ReservationStatus::Canceled {
                    return Ok(now);
                }
                let message = format!(
                    "Apaleo refused to cancel reservation {id}: {}",
                    err.message()
                );
                Err(rekind(&err, ErrorKind::InvalidState, message))
            }
            Err(err) => Err(err),
        }
    }

    async fn health(&self) -> Result<HealthStatus, PmsError> {
        self.property_model(Operation::Health).await?;
        Ok(HealthStatus::Healthy)
    }
}
