//! An offline, wire-compatible **Apaleo simulator**.
//!
//! The sandbox is an HTTP server that speaks Apaleo's wire format (paths, query names, JSON
//! field names, status codes, error bodies) closely enough that an Apaleo connector can be built
//! and certified against it without internet, and partners can develop without an Apaleo
//! account. Everything is in memory and deterministic under a seed and an injected clock.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use apaleo_sandbox::{ApaleoSandbox, Fault, SandboxConfig};
//! let sandbox = ApaleoSandbox::new(SandboxConfig::default())
//!     .with_client("readonly", "secret", &["reservations.read"]);
//! let running = sandbox.start("127.0.0.1:0".parse().expect("address")).await?;
//! // Point the connector at running.base_url() / running.identity_url().
//! running.faults().push(Fault::Status { status: 503, retry_after: None, times: 1 });
//! running.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! # Seed data
//!
//! | Property | Name | Time zone | Currency | Country | City tax |
//! |---|---|---|---|---|---|
//! | `BER` | VoiceHive Sandbox Berlin | `Europe/Berlin` | EUR | DE | 7.5 % of the net accommodation amount per night |
//! | `ZRH` | VoiceHive Sandbox Zürich | `Europe/Zurich` | CHF | CH | CHF 3.50 per adult and night |
//!
//! Both have status `Test`. VAT: BER 7 % (`Reduced`), ZRH 3.8 % (`Special`); prices are gross.
//!
//! Unit groups (`type` `BedRoom`), per property `P`:
//!
//! | Id | maxPersons | memberCount | rank | BER base (EUR) | ZRH base (CHF) |
//! |---|---|---|---|---|---|
//! | `P-SGL` Single Room | 1 | 4 | 1 | 89 | 93 |
//! | `P-DBL` Double Room | 2 | 10 | 2 | 119 | 125 |
//! | `P-FAM` Family Room | 4 | 3 | 3 | 159 | 167 |
//! | `P-STE` Suite | 2 | 1 | 4 | 269 | 282 |
//!
//! Rate plans per unit group `UG` (code `FLEX` / `NONREF`):
//!
//! * `P-FLEX-UG` "Flexible": `minGuaranteeType` `PM6Hold`; cancellation policy `P-FLEX18` (free
//!   until 18:00 local time the day before arrival, then 100 % of the first night); no-show
//!   policy `P-NS-FIRSTNIGHT` (100 % of the first night); `prePaymentAmount` 0.
//! * `P-NONREF-UG` "Non-refundable": `minGuaranteeType` `Prepayment`; cancellation policy
//!   `P-NONREF` (100 % of the stay, due at booking); no-show policy `P-NS-FULL`;
//!   `prePaymentAmount` = total.
//!
//! Both are `isSubjectToCityTax: true`, sold on every channel, with the time slice definition
//! `P-NIGHT` (`OverNight`, check-in 15:00, check-out 11:00 local time). Guarantee types rank
//! `PM6Hold < CreditCard < Prepayment < Company` (Apaleo's enum order); a requested
//! `guaranteeType` weaker than the rate plan's minimum is a 422; when omitted, the minimum is used.
//!
//! **Nightly gross price** = round₂(base × 0.85 if non-refundable × 1.15 for Friday and Saturday
//! nights) + 25 per adult beyond the first + 15 per child. E.g. BER-FLEX-DBL on a Thursday for one
//! adult is 119.00, BER-NONREF-DBL 101.15, BER-FLEX-DBL on a Friday 136.85. Rates are defined for
//! every date; there are no restrictions (min/max length of stay, closed dates).
//!
//! **City tax** is never part of `totalGrossAmount`. Offers list it in `cityTaxes` (`id`
//! `P-CITYTAX`, code `CITYTAX`, one `dates` entry per night, `vatType` `Without`); reservations
//! report `hasCityTax: true` and include it in `payableAmount.guest` only.
//!
//! # Wire formats
//!
//! * Money is `{"amount": <JSON number>, "currency": "EUR"}`; amounts are decimals rounded to two
//!   places and serialized as JSON numbers (Apaleo's `double`), so 119 appears as `119.0` and
//!   101.15 as `101.15`. `AmountModel` is `{grossAmount, netAmount, vatType, vatPercent, currency}`.
//! * Stay and time-slice date-times carry the property's UTC offset of that instant (DST-aware)
//!   without fractions: `2026-10-01T15:00:00+02:00`; a stay over the last Sunday of March shows
//!   `+01:00` before and `+02:00` after the switch. `created`, `modified`, `cancellationTime`,
//!   `checkInTime`, `checkOutTime`, `noShowTime` have seven fractional digits at the property's
//!   offset (`2026-09-29T16:19:28.2750481+02:00`). `cancellationFee.dueDateTime` has no fraction.
//!   `serviceDate` is a plain date.
//! * Request dates (`arrival`, `departure`, `from`, `to` of rates): a pure date (`2026-10-01`) or
//!   a date-time with offset or `Z`, whose local date at the property is taken.
//! * Query parameters: names are case-insensitive, `name[]` equals `name`, list parameters may
//!   be repeated or comma-separated (Apaleo's own clients send `propertyIds=BER,ZRH`).
//! * Optional fields without a value are omitted, not `null`. `childrenAges` is always an array.
//!
//! # Authentication
//!
//! `POST /connect/token` (form-encoded, `grant_type=client_credentials`, client via HTTP Basic or
//! `client_id`/`client_secret` form fields): 200 `{"access_token", "token_type": "Bearer",
//! "expires_in", "scope"}`; unknown client or wrong secret → 400 `{"error":"invalid_client"}`;
//! other grant types → 400 `{"error":"unsupported_grant_type"}`; a non-form body → 400
//! `{"error":"invalid_request"}`. A `scope` parameter is ignored: tokens carry the client's
//! scopes (the default client has every scope the endpoints ask for; see
//! [`ApaleoSandbox::with_client`] for restricted clients). Tokens are opaque 48-character strings,
//! deterministic under the seed, and expire by the injected clock after
//! [`SandboxConfig::token_lifetime`].
//!
//! Every API call needs `Authorization: Bearer <token>`: missing, unknown, revoked or expired →
//! 401 with an empty body and `WWW-Authenticate: Bearer`. A token without any of the endpoint's
//! scopes (or `admin`) → 403 with an empty body. Scopes (any of): properties: none; unit groups
//! and rate plans: `unitgroups.read`/`rateplans.read`, `setup.read`, `setup.manage`; availability:
//! `availability.read`; offers: `offers.read`, `reservations.manage`; rates: `rates.read`,
//! `rates.manage`; create booking: `reservations.create`, `reservations.manage`; reads:
//! `reservations.read`, `reservations.manage`; amend/cancel/check-in/check-out/no-show/PATCH:
//! `reservations.manage`.
//!
//! # Common behaviour
//!
//! Every API response (all paths but `/connect/token` and `/_sandbox/...`) carries
//! `Apaleo-Tracking-Id` (32 hex digits, deterministic from the seed and a request counter).
//! Unknown ids, unknown `propertyId` in availability/offers and unknown paths → 404 with an empty
//! body; wrong verbs → 405. Validation and business-rule failures → 422 `{"messages":[...]}`:
//! model errors are prefixed ASP.NET-style (`Reservations[0].ChannelCode: The ChannelCode field is
//! required.`), business rules use Apaleo's wording (`The specified condition was not met for
//! 'Arrival'.`, `Expected 2 time slices but 1 were provided.`). Bodies must be sent as JSON
//! (`Content-Type` containing `json`), otherwise 415. List endpoints page with `pageNumber`
//! (default 1) and `pageSize` (default 500, 1..=500, else 422), return `{<items>, "count": total}`
//! and 204 for an empty page. "Today" is the property's local date by the injected clock.
//!
//! # Endpoints
//!
//! * `GET /inventory/v1/properties` — `status` (Test|Live), `countryCode`, `includeArchived`,
//!   paging → `{properties, count}`; items have `name`/`description` as plain (English) strings,
//!   like Apaleo's `PropertyItemModel`.
//! * `GET /inventory/v1/properties/{id}` — `PropertyModel` with `name` and `description` as
//!   language maps (`{"de": …, "en": …}`), as the spec's schema says; `languages=de,en` (or
//!   `all`) selects the languages, all are returned when absent.
//! * `GET /inventory/v1/unit-groups` — `propertyId`, `unitGroupTypes`, paging →
//!   `{unitGroups, count}` (`UnitGroupItemModel`, plain-string names);
//!   `GET /inventory/v1/unit-groups/{id}` — language maps like the property.
//! * `GET /availability/v1/unit-groups?propertyId&from&to` — `from`/`to` are inclusive dates; one
//!   time slice per night (`from` 15:00 that day, `to` 11:00 the next, local offsets) with
//!   `property` totals and per unit group `physicalCount`, `houseCount`, `soldCount`,
//!   `occupancy` (percent), `availableCount`, `sellableCount`, `allowedOverbookingCount` (0),
//!   `maintenance` and `block` (zeros). `unitGroupIds`, `unitGroupTypes`, paging over time slices.
//!   `timeSliceTemplate=DayUse` → 422 (only over-night stays are modelled).
//! * `GET /rateplan/v1/rate-plans` (`propertyId`, `unitGroupIds`, `ratePlanCodes`,
//!   `channelCodes`, `minGuaranteeTypes`, paging → `{ratePlans, count}`),
//!   `GET /rateplan/v1/rate-plans/{id}`, `GET /rateplan/v1/rate-plans/{id}/rates?from&to`
//!   (inclusive dates; `price` for one adult, `calculatedPrices` for 2+ adults → `{rates, count}`).
//! * `GET /booking/v1/offers?propertyId&arrival&departure&adults[&childrenAges]` —
//!   `{property, offers}`, one `OfferModel` per rate plan whose unit group is free every night and
//!   fits the party (with `includeUnavailable=true` also the others, with `validationMessages`);
//!   one `timeSlices` entry per night; `availableUnits` is the minimum over the nights; 204 when
//!   nothing is offered. Arrival before today → 422 `'Arrival'`; departure not after arrival (or
//!   more than 5 years later) → 422 `'Departure'`.
//! * `POST /booking/v1/bookings` — `CreateBookingModel`; one reservation per entry, with exactly
//!   one `timeSlices` entry per night (else 422 "Expected N time slices but M were provided."),
//!   all of one unit group; `totalAmount` on a time slice overrides that night's gross price.
//!   Availability is enforced (no overbooking; the last unit goes to exactly one of concurrent
//!   requests). `services` are not modelled (422, service not found). Answers 201
//!   `{"id":"<8 uppercase letters>","reservationIds":[{"id":"<id>-1"},…]}` with
//!   `Location: /booking/v1/bookings/<id>` (a relative URL).
//!   **`Idempotency-Key`** (per client, 24 h by the injected clock): the same key with the same
//!   JSON body (compared as JSON values) replays the original 201 (same ids, nothing is booked
//!   again); the same key with a different body → **422** `The Idempotency-Key '<key>' has already
//!   been used with different request parameters.` (Apaleo does not document the status). Only
//!   successful creates are remembered, so a request that failed may be retried with its key.
//! * `GET /booking/v1/bookings/{id}` — `BookingModel` with `reservations` always included;
//!   `GET /booking/v1/bookings` — `bookingIds`, `reservationId`, `externalCode`, `channelCode`,
//!   `textSearch` (booker), paging.
//! * `GET /booking/v1/reservations/{id}` — `ReservationModel`; `expand=timeSlices`, `booker`,
//!   `actions` are honoured (other values are ignored).
//! * `GET /booking/v1/reservations` — `propertyIds`, `ratePlanIds`, `unitGroupIds`, `bookingId`,
//!   `status`, `channelCode`, `externalCode` (prefix), `textSearch` (case-insensitive substring of
//!   booker and primary guest first name, last name, email, company name, the reservation id and
//!   the external code), `dateFilter` (Arrival, Departure, Stay = overlap, Creation, Modification,
//!   Cancellation, ArrivalAndCheckIn, DepartureAndCheckOut) with `from` (inclusive) / `to`
//!   (exclusive) date-times (offset, `Z`, no offset = UTC, or a date = UTC midnight; at least one
//!   required, `to` > `from`), `sort` (`arrival|departure|created|updated|id|firstname|lastname`
//!   `:asc|:desc`; default creation order), `expand`, paging → `{reservations, count}`
//!   (`ReservationItemModel`: no `taxDetails`/`payableAmount`). `…/reservations/$count` →
//!   `{count}`.
//! * `PUT /booking/v1/reservation-actions/{id}/amend` — `DesiredStayDetailsModel`. Confirmed:
//!   everything may change (arrival not in the past); InHouse: the arrival and past nights must
//!   stay as they are; Canceled/CheckedOut/NoShow → 422. Changing the unit group means sending
//!   rate plans of another unit group; changing the property is refused. Nights are re-priced;
//!   availability is checked without the reservation itself. 204.
//! * `PUT …/{id}/cancel` — Confirmed with arrival today or later → Canceled, `cancellationTime`
//!   set, units released, 204. Any other status, **including already Canceled → 422** (as Apaleo:
//!   only Confirmed reservations can be canceled); a connector should treat "422 and the
//!   reservation is Canceled" as an idempotent success. Arrival in the past → 422.
//! * `PUT …/{id}/checkin` (Confirmed, arrival ≤ today < departure → InHouse; no unit assignment
//!   needed), `PUT …/{id}/checkout` (InHouse, departure at most tomorrow → CheckedOut),
//!   `PUT …/{id}/noshow` (Confirmed, arrival before today → NoShow, units released). 204.
//! * `PATCH /booking/v1/reservations/{id}` — a JSON Patch array; supported: `replace
//!   /primaryGuest` (a whole `GuestModel`, `lastName` required) and `add`/`replace`/`remove` of
//!   `/comment` and `/guestComment`; any other operation or path → 422 (nothing applied);
//!   Canceled or CheckedOut reservations → 422. 204.
//!
//! Unit availability: every Confirmed, InHouse or CheckedOut reservation occupies one unit of its
//! unit group per night; Canceled and NoShow ones do not.
//!
//! # Faults and the admin API
//!
//! [`FaultControl`] (from [`RunningSandbox::faults`] or [`ApaleoSandbox::faults`]) injects
//! [`Fault`]s; [`SandboxStats`] counts requests. The same is available over HTTP without
//! authentication:
//!
//! * `POST /_sandbox/faults` with one fault or an array of faults, 204:
//!   `{"type":"Status","status":503,"retryAfter":5,"times":2}`,
//!   `{"type":"Latency","delayMs":1500,"times":1}`, `{"type":"DropConnection","times":1}`,
//!   `{"type":"CommitThenTimeout"}`, `{"type":"RevokeTokens"}`, `{"type":"RejectClient"}`
//!   (`times` defaults to 1; invalid bodies → 422).
//! * `GET /_sandbox/faults` → `{"faults":[…]}` (pending faults); `DELETE /_sandbox/faults` →
//!   clears them (204).
//! * `GET /_sandbox/stats` → `{"tokenRequests", "apiRequests", "bookingsCreated"}`.
//!
//! # Not modelled
//!
//! Units and unit assignment, maintenance, blocks, groups, companies and corporate codes, promo
//! codes (ignored), services and packages, folios, payments and payment accounts (fields are
//! ignored), invoices, `$force` endpoints, adding reservations to a booking, `PATCH` of bookings,
//! `GET /booking/v1/reservations/{id}/offers`, `rate-plan-offers`, day-use, restrictions,
//! overbooking limits, derived rates, rate limiting (429s only via faults), webhooks, night audit,
//! the authorization-code and refresh-token grants, OIDC discovery, and `HEAD` requests.
//! Balances are always 0. The persistence is in memory only.

#![forbid(unsafe_code)]

mod actions;
mod admin;
mod api;
mod availability;
mod bookings;
mod catalog;
mod error;
mod faults;
mod identity;
mod inventory;
mod offers;
mod people;
mod query;
mod rateplan;
mod reservations;
mod server;
mod state;
mod stay;
mod views;
mod wire;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

pub use faults::{Fault, FaultControl, SandboxStats};
pub use server::RunningSandbox;

use state::{Client, Shared};

/// How a sandbox is set up.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Seed for ids, tokens and tracking ids.
    pub seed: u64,
    /// The clock for "today", token expiry and timestamps.
    pub clock: clock::SharedClock,
    /// The default client's id.
    pub client_id: String,
    /// The default client's secret.
    pub client_secret: String,
    /// Access-token lifetime (`expires_in`).
    pub token_lifetime: Duration,
}

impl Default for SandboxConfig {
    /// Seed 42, the system clock, client `voicehive-sandbox` / `sandbox-secret`, one hour tokens.
    fn default() -> Self {
        Self {
            seed: 42,
            clock: Arc::new(clock::SystemClock),
            client_id: "voicehive-sandbox".to_owned(),
            client_secret: "sandbox-secret".to_owned(),
            token_lifetime: Duration::from_secs(3600),
        }
    }
}

/// The in-memory Apaleo state and its router.
#[derive(Debug, Clone)]
pub struct ApaleoSandbox {
    shared: Arc<Shared>,
}

impl ApaleoSandbox {
    /// A sandbox with the seed data and the default client.
    pub fn new(config: SandboxConfig) -> Self {
        Self {
            shared: Arc::new(Shared::new(
                config.clock,
                config.seed,
                config.token_lifetime,
                config.client_id,
                config.client_secret,
            )),
        }
    }

    /// Adds (or replaces) an OAuth client whose tokens carry exactly `scopes` (e.g.
    /// `&["reservations.read"]`; `"admin"` grants everything).
    #[must_use]
    pub fn with_client(self, client_id: &str, client_secret: &str, scopes: &[&str]) -> Self {
        {
            let mut state = self.shared.state();
            state.clients.retain(|c| c.id != client_id);
            state.clients.push(Client {
                id: client_id.to_owned(),
                secret: client_secret.to_owned(),
                scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
            });
        }
        self
    }

    /// The router (API, token endpoint and admin endpoints) for embedding in another server.
    /// All routers of one sandbox share its state. `DropConnection` needs the sandbox's own
    /// server; an embedded router answers it with an empty 503.
    pub fn router(&self) -> axum::Router {
        api::router(self.shared.clone())
    }

    /// The fault-injection handle.
    pub fn faults(&self) -> FaultControl {
        FaultControl {
            shared: self.shared.clone(),
        }
    }

    /// The counters handle.
    pub fn stats(&self) -> SandboxStats {
        SandboxStats {
            shared: self.shared.clone(),
        }
    }

    /// Binds `addr` (use `127.0.0.1:0` for a free port) and serves in a spawned task until
    /// [`RunningSandbox::shutdown`] (or until the handle is dropped).
    pub async fn start(self, addr: SocketAddr) -> std::io::Result<RunningSandbox> {
        server::spawn(self.router(), self.shared, addr, Duration::ZERO).await
    }
}

/// Serves a sandbox on `addr` until Ctrl-C or SIGTERM, then lets open requests finish for up to
/// five seconds. Used by `voicehive sandbox apaleo --addr`.
pub async fn serve(config: SandboxConfig, addr: SocketAddr) -> std::io::Result<()> {
    let sandbox = ApaleoSandbox::new(config);
    let client_id = sandbox.shared.default_client.0.clone();
    let running = server::spawn(
        sandbox.router(),
        sandbox.shared,
        addr,
        Duration::from_secs(5),
    )
    .await?;
    tracing::info!(
        base_url = %running.base_url(),
        client_id = %client_id,
        "Apaleo sandbox listening"
    );
    shutdown_signal().await?;
    tracing::info!("Apaleo sandbox shutting down");
    running.shutdown().await;
    Ok(())
}

#[cfg(unix)]
async fn shutdown_signal() -> std::io::Result<()> {
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    tokio::select! {
        result = tokio::signal::ctrl_c() => result,
        _ = terminate.recv() => Ok(()),
    }
}

#[cfg(not(unix))]
async fn shutdown_signal() -> std::io::Result<()> {
    tokio::signal::ctrl_c().await
}
