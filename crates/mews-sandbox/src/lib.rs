//! An offline, in-memory, deterministic **Mews Connector API simulator**.
//!
//! The sandbox is an HTTP server that speaks the wire format of the Mews Connector API (paths,
//! envelope, JSON field names, status codes, error bodies, paging, time units) as Mews documents
//! it (<https://github.com/MewsSystems/open-api-docs>, folder `connector-api/`), closely enough
//! that a Mews connector can be built and certified against it without internet. Everything is in memory; ids, numbers and request ids
//! are deterministic counters; time comes from the injected [`clock`](MewsSandboxConfig::clock)
//! (the OS clock is never read).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use mews_sandbox::{Fault, MewsSandbox, MewsSandboxConfig};
//! let running = MewsSandbox::new(MewsSandboxConfig::default())
//!     .start("127.0.0.1:0".parse().expect("address"))
//!     .await?;
//! // POST {running.base_url()}/api/connector/v1/configuration/get with
//! // {"ClientToken": mews_sandbox::CLIENT_TOKEN,
//! //  "AccessToken": mews_sandbox::berlin::ACCESS_TOKEN, "Client": "VoiceHive 1.0"}
//! running.faults().push_for("reservations/add", Fault::CommitThenDrop { times: 1 });
//! running.shutdown().await;
//! # Ok(())
//! # }
//! ```
//!
//! # Seed data
//!
//! | | Berlin ([`berlin`]) | Zurich ([`zurich`]) |
//! |---|---|---|
//! | `Enterprise.Id` | `5c4f0a9e-8b1d-4d7e-9f3a-6b2e1c0d4b01` | `5c4f0a9e-8b1d-4d7e-9f3a-6b2e1c0d4b02` |
//! | Name | VoiceHive Mews Sandbox Berlin | VoiceHive Mews Sandbox Zurich |
//! | `TimeZoneIdentifier` | `Europe/Berlin` | `Europe/Zurich` |
//! | Default currency | EUR | CHF |
//! | `Pricing` | `Gross` | `Net` |
//! | Tax (code) | 7 % (`DE-2020-1-L`) | 3.8 % (`CH-2024-R`) |
//! | Access token | `VoiceHiveSandbox-AccessToken-Berlin` | `VoiceHiveSandbox-AccessToken-Zurich` |
//!
//! One client token, [`CLIENT_TOKEN`] (`VoiceHiveSandbox-ClientToken`). Each enterprise has its
//! own chain (`ChainId`), `DefaultLanguageCode` `en-US`, one bookable service "Accommodation"
//! (`StartOffset` `P0M0DT15H0M0S`, `EndOffset` `P0M1DT11H0M0S`, `TimeUnitPeriod` `Day`), age
//! categories Adult (18+) and Child (0–17), and four resource categories (`Type` `Room`):
//!
//! | Category | Capacity | ExtraCapacity | Rooms (names) | Berlin base (EUR) | Zurich base (CHF) |
//! |---|---|---|---|---|---|
//! | Single | 1 | 0 | 3 (101–103) | 89 | 93 |
//! | Double | 2 | 0 | 6 (201–206) | 119 | 125 |
//! | Family | 3 | 1 | 2 (301–302) | 159 | 167 |
//! | Suite | 2 | 0 | 1 (401) | 269 | 282 |
//!
//! Two public, active, enabled rates per enterprise: "Flexible" (`ShortName` `FLEX`, the base
//! and default rate) and "Non-refundable" (`NONREF`, `BaseRateId` = Flexible). All seeded ids are
//! fixed readable GUIDs (`5c4f0a9e-<kind>-4000-8000-…`), exported in [`berlin`] and [`zurich`];
//! rooms are `5c4f0a9e-400e-4000-8000-<e>00000000<room>` (e = 1 Berlin, 2 Zurich). Created
//! entities count up per kind: customers `5c4f0a9e-c057-4000-8000-000000000001`, reservations
//! `…-4e5e-…`, groups `…-9e0a-…`, notes `…-0a7e-…`, order items `…-07de-…`; `Request-Id`
//! `…-4e90-…`. Reservation `Number`s count from `"1"` per enterprise, customer numbers from
//! `"1001"` per chain.
//!
//! **Nightly gross price per unit** (occupancy-independent: the party size never changes the
//! price): base of the category; Non-refundable = round₂(base × 0.85); Friday and Saturday
//! nights × 1.15, rounded to cents at the end (half away from zero). E.g. Berlin Double Flexible
//! on a Thursday 119.00, Non-refundable 101.15, Flexible on a Friday 136.85, Non-refundable on a
//! Friday 116.32. `NetValue` = round₂(gross / (1 + tax)), the tax value is gross − net; amounts
//! carry both in both enterprises (Zurich's `Pricing: Net` only tells the connector which to
//! quote). Money is a JSON number rounded to two decimals (119 is written `119.0`, 101.15 as
//! `101.15`). `rates/getPricing`'s `BaseAmountPrices` are the Single category's prices.
//!
//! # Wire rules
//!
//! * Every operation is `POST /api/connector/v1/<resource>/<action>[/<version>]`, exact case, no
//!   trailing slash; anything else (other paths, other methods) → 404 with the error body.
//! * The body must be a JSON object, else 400 `Invalid JSON`. Unknown fields are ignored.
//! * Envelope: `ClientToken` ≠ [`CLIENT_TOKEN`] → 401 `Invalid ClientToken.`; missing or unknown
//!   `AccessToken` → 401 `Invalid AccessToken.`; missing `Client` → 400 `Invalid Client.`. An
//!   access token sees only its enterprise: `EnterpriseId` on writes and `ChainId` on
//!   `customers/add` are ignored, `EnterpriseIds`/`ChainIds` filters on reads only narrow (a list
//!   without the token's enterprise gives an empty result).
//! * Every response carries `Request-Id`; errors are `{"Message", "RequestId", "Details": null}`
//!   with 400 (`Invalid <Parameter>.`), 401, 403 (business rules) or 404. Parameters of the
//!   wrong JSON type are 400 `Invalid <Parameter>.` too.
//! * Rate limit ([`MewsSandboxConfig::rate_limit`]): 200 accepted requests per access token in a
//!   sliding 30 s window on the clock's monotonic reading → 429 with `Retry-After: <seconds until
//!   the oldest request leaves the window, at least 1>` (omitted when
//!   [`MewsSandboxConfig::retry_after_header`] is false). Requests refused before the token is
//!   known (404, bad JSON, 401) and 429s themselves do not count.
//! * Paging (`Limitation` required: `Count` 1..=1000, else 400 `Invalid Limitation.`): items
//!   after the one whose `Id` equals `Cursor`; the response `Cursor` is the last returned `Id`,
//!   `null` only for an empty page (a full last page is followed by an empty page with `null`);
//!   a cursor not in the (filtered) list → 400 `Invalid Cursor.`. Created entities come newest
//!   first; the seeded catalog comes in seed order (it was all "created" at the same instant).
//! * Time filters `{StartUtc, EndUtc}`: both required, half-open, equality when equal, at most 3
//!   calendar months (else 400 `Invalid <Filter>.`). Datetimes are emitted as
//!   `YYYY-MM-DDThh:mm:ssZ`; RFC 3339 input with fractions or offsets is accepted.
//! * **Time units**: `FirstTimeUnitStartUtc`, `LastTimeUnitStartUtc` and reservation
//!   `StartUtc`/`EndUtc` must be the UTC instant of local midnight in the enterprise's zone
//!   (DST-aware: Berlin 2026-03-29 → `2026-03-28T23:00:00Z`, 2026-03-30 →
//!   `2026-03-29T22:00:00Z`), else 400 `Invalid <Parameter>.`; at most 367 units (else 400
//!   `Invalid LastTimeUnitStartUtc.`). The sandbox thus **requires midnight instants for
//!   reservation `StartUtc`/`EndUtc`** (arrival and departure dates; Mews's documentation leaves open
//!   whether Mews accepts them, and the connector sends exactly these), and reports
//!   `ScheduledStartUtc`/`ScheduledEndUtc` as those midnights.
//!
//! # Operations
//!
//! * `configuration/get` → `{NowUtc, Enterprise{Id, ChainId, Name, TimeZoneIdentifier,
//!   LegalEnvironmentCode, Pricing, TaxEnvironmentCode, DefaultLanguageCode, Currencies, Address,
//!   IsPortfolio: false, …}, Service: null}`.
//! * `services/getAll`, `resourceCategories/getAll` (`ServiceIds` required),
//!   `resourceCategoryAssignments/getAll` (`ResourceCategoryIds` required), `resources/getAll`,
//!   `ageCategories/getAll`, `rates/getAll` (`ServiceIds` required): paged, id filters honoured.
//! * `services/getAvailability` (`ServiceId`, first/last unit, inclusive) →
//!   `{TimeUnitStartsUtc, CategoryAvailabilities[{CategoryId, Availabilities, Adjustments}]}`:
//!   rooms of the category − reservations not `Canceled` (any other state, `Optional` and
//!   `Inquired` included) occupying the night + the manual adjustment
//!   ([`SandboxAdmin::set_availability_adjustment`]); may be negative.
//!   `services/getAvailability/2024-01-22` gives the same model as metrics (`UsableResources`,
//!   `ActiveResources`, `Occupied`, `ConfirmedReservations`, `OptionalReservations`,
//!   `PublicAvailabilityAdjustment`; the others are 0; unknown metric → 400).
//! * `rates/getPricing` (`RateId`, first/last unit) → prices per unit as above, all adjustment
//!   fields empty or 0.
//! * `customers/add`: `LastName` required, `OverwriteExisting` optional (default false);
//!   `FirstName`, `Email`, `Phone`, `PreferredLanguageCode` (a language tag such as `en-GB`)
//!   and `NationalityCode` (two letters) are stored and read back (`customers/update` changes
//!   the same fields); a duplicate e-mail (case-insensitive, within the chain) → 403 `Customer
//!   with the same email already exists.` unless `OverwriteExisting: true`, which returns the
//!   existing profile with the sent names. An e-mail without `@`, a malformed language or
//!   nationality code → 400 `Invalid <Parameter>.`.
//! * `customers/getAll`: `Limitation` and at least one of `CustomerIds`, `Emails`, `FirstNames`,
//!   `LastNames`, `CreatedUtc`, `UpdatedUtc` (an empty list counts as absent), else 400. Name and
//!   e-mail filters are **exact, case-insensitive** matches; filters combine with AND.
//!   `Extent.Customers: false` returns no customers (the cursor is still computed).
//! * `customers/update`: plain values; absent, `null` or blank keep the value; an e-mail of
//!   another profile → 403 (duplicate message).
//! * `reservations/add`: all or nothing. `ServiceId` must be the enterprise's service;
//!   `CustomerId` and `BookerId` must exist; `State` `Confirmed` (default), `Optional` or
//!   `Enquired`; `PersonCounts` non-empty with known age categories and positive counts; party
//!   larger than `Capacity + ExtraCapacity` → 403; with `CheckOverbooking` ≠ false a night
//!   without availability → 403 `There is no availability for the requested category.`. A free
//!   room is assigned when there is one. `ChannelNumber` **is stored and filterable** (our answer
//!   to item 3 of the notes' open questions). `Notes` become a `General` service-order note (the
//!   reservation id is the service order id). `CheckRateApplicability`,
//!   `SendConfirmationEmail` and `GroupName` are accepted and ignored; a `GroupId` is kept as
//!   given, else each call makes a new group. Response in the 2017 shape (`OwnerId` and
//!   `CustomerId`, state spelling `Enquired`, no `Notes`).
//! * `reservations/price`: the same parameters (`CustomerId` optional) → `ReservationPrices
//!   [{Identifier, TotalAmount}]`, no availability or capacity check.
//! * `reservations/getAll/2023-06-06`: filters `ReservationIds`, `Numbers`, `ChannelNumbers`
//!   (≤ 100), `AccountIds`, `ReservationGroupIds`, `ServiceIds`, `EnterpriseIds`, `States` and
//!   the time filters `ScheduledStartUtc`, `ScheduledEndUtc`, `CollidingUtc` (overlap),
//!   `CreatedUtc`, `UpdatedUtc`; at least one id list or time filter required, else 400; no
//!   `States` means **all states**; unknown state → 400 `Invalid States.`. 2023 shape
//!   (`Inquired` spelling; `CancelledUtc` only for `Canceled`).
//! * `reservations/update`: UpdateValue semantics (absent, `null` or `{}` keep; `{"Value": x}`
//!   sets; `{"Value": null}` clears `ChannelNumber`/`BookerId` and is 400 for the others) for
//!   `StartUtc`, `EndUtc`, `PersonCounts` (replaces the list), `RequestedCategoryId`, `RateId`,
//!   `ChannelNumber`, `BookerId`; other fields are ignored. All or nothing. `Canceled` (also
//!   no-shows) or `Processed` → 403 `Reservation is in an invalid state.`. When dates or category
//!   change, availability is checked without the reservation itself (`CheckOverbooking`, default
//!   true, is our extension) and the room is kept if still free, else reassigned. `Reprice`
//!   (default true) reprices every night; with `false` remaining nights keep their price and new
//!   nights get the current one. `Reason` is not enforced.
//! * `reservations/cancel`: `ReservationIds` and `Notes` required (the notes' table says so);
//!   `Inquired`, `Requested`, `Optional`, `Confirmed` are cancellable; `Canceled` (a second
//!   cancel, a no-show), `Started` or `Processed` → 403 `Reservation cannot be canceled.` (all or
//!   nothing). The reservation keeps `CancelledUtc`, gets `CancellationReason: "Other"`, and its
//!   order items become `AccountingState: "Canceled"` with `CanceledUtc`.
//! * `reservations/confirm`: `Optional` → `Confirmed`, else 403 (invalid state).
//! * `serviceOrderNotes/getAll` (`ServiceOrderIds` required, `Types` honoured), `/add`,
//!   `/update` (`Text` UpdateValue; a blank text → 400), `/delete` (`ServiceOrderNoteIds`, all or
//!   nothing, unknown id → 400) → `{}`. Mews's documentation does not list `delete`; it appears
//!   only in a third-party copy of Mews's OpenAPI schema (`ServiceOrderNoteDeleteParameters`),
//!   and the connector relies on it to clear a comment (unconfirmed).
//! * `orderItems/getAll` (`ServiceOrderIds` required here, `AccountingStates` honoured): one
//!   `SpaceOrder` item per night with the night's gross price, `ConsumedUtc` = the night's unit
//!   start; `AccountingState` `Open`, `Inactive` for `Optional` reservations, `Canceled` after a
//!   cancel. The booking total is the sum of the non-canceled items.
//!
//! States are the 2023 ones (`Inquired`/`Enquired`, `Requested`, `Optional`, `Confirmed`,
//! `Started`, `Processed`, `Canceled`); check-in, check-out and no-show are done through
//! [`SandboxAdmin`] (a no-show becomes `Canceled` with `CancellationReason: "NoShow"`, as Mews has
//! no no-show state).
//!
//! # Faults, counters, admin
//!
//! [`FaultControl`] queues [`Fault`]s (`Status`, `Latency`, `DropConnection`, `CommitThenDrop`,
//! `CommitThenTimeout`), optionally for one operation, toggles token rejection (401, a
//! revoked integration) and rotates an enterprise's access token
//! ([`FaultControl::rotate_access_token`]: a reconnected integration; the old token gets 401
//! `Invalid AccessToken.`, the returned new one `<seeded token>-Rotated-<n>` is valid, and
//! `clear` does not undo it; Rust API only, not over HTTP). Request faults apply only to known operations, before the envelope is
//! checked; commit faults apply after a successful write (unfiltered: `reservations/add` only).
//! [`RequestCounter`] counts every request that reached the sandbox. [`SandboxAdmin`] counts and
//! inspects reservations and customers, sets availability adjustments (overbooking) and moves
//! reservations to `Started`, `Processed` or no-show.
//!
//! The same is available over HTTP for the standalone server (outside the Mews API: not
//! counted, not rate limited, not faulted, no `Request-Id`):
//!
//! * `POST /_sandbox/faults` with one fault or an array, 204:
//!   `{"type":"Status","status":503,"retryAfter":5,"times":2,"operation":"reservations/add"}`,
//!   `{"type":"Latency","delayMs":1500}`, `{"type":"DropConnection"}`,
//!   `{"type":"CommitThenDrop"}`, `{"type":"CommitThenTimeout","holdMs":60000}`,
//!   `{"type":"RejectTokens","on":true}` (`times` defaults to 1, `operation` to any; a bad
//!   body → 400). `DELETE /_sandbox/faults` clears them.
//! * `GET /_sandbox/stats` → `{"requests", "pendingFaults", "enterprises": {<id>:
//!   {"reservations", "activeReservations", "customers"}}}`.
//! * `POST /_sandbox/availability-adjustments` `{"categoryId", "date": "2026-10-02",
//!   "delta": -3}` → 204 (404 for an unknown category).
//! * `POST /_sandbox/reservations/<id>/check-in|check-out|no-show` → 204, 404 for an unknown
//!   reservation, 409 when the state does not allow it.
//!
//! # Not modelled
//!
//! Portfolio tokens, `LanguageCode`/`CultureCode` (English only), `Prefer: return=minimal`,
//! restrictions, cancellation policies, products, companions, companies, `TimeUnitPrices`
//! overrides (ignored), `reservations/updateInterval`/`updateCustomer`, `customers/search`,
//! `accounts/update`, webhooks and websockets, bills and payments, `ReleasedUtc`, automatic
//! state changes over time.

#![forbid(unsafe_code)]

mod admin;
mod admin_http;
mod api;
mod catalog;
mod customers;
mod error;
mod faults;
mod inventory;
mod orders;
mod reservations;
mod seed;
mod server;
mod state;
mod wire;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

pub use admin::{AdminError, SandboxAdmin};
pub use faults::{Fault, FaultControl, RequestCounter};
pub use seed::{CLIENT_TOKEN, berlin, zurich};

/// The Berlin enterprise's access token (= [`berlin::ACCESS_TOKEN`]).
pub const BERLIN_ACCESS_TOKEN: &str = berlin::ACCESS_TOKEN;
/// The Zurich enterprise's access token (= [`zurich::ACCESS_TOKEN`]).
pub const ZURICH_ACCESS_TOKEN: &str = zurich::ACCESS_TOKEN;
/// The Berlin `Enterprise.Id` (= [`berlin::ENTERPRISE_ID`]).
pub const BERLIN_ENTERPRISE_ID: &str = berlin::ENTERPRISE_ID;
/// The Zurich `Enterprise.Id` (= [`zurich::ENTERPRISE_ID`]).
pub const ZURICH_ENTERPRISE_ID: &str = zurich::ENTERPRISE_ID;
pub use server::RunningMewsSandbox;

use state::Shared;

/// The path prefix of every operation, `/api/connector/v1/`.
pub const API_PREFIX: &str = api::PREFIX;

/// The operations the sandbox implements, as paths after [`API_PREFIX`].
pub const OPERATIONS: &[&str] = &[
    "configuration/get",
    "services/getAll",
    "resourceCategories/getAll",
    "resourceCategoryAssignments/getAll",
    "resources/getAll",
    "ageCategories/getAll",
    "rates/getAll",
    "rates/getPricing",
    "services/getAvailability",
    "services/getAvailability/2024-01-22",
    "customers/add",
    "customers/getAll",
    "customers/update",
    "reservations/add",
    "reservations/price",
    "reservations/getAll/2023-06-06",
    "reservations/update",
    "reservations/cancel",
    "reservations/confirm",
    "serviceOrderNotes/getAll",
    "serviceOrderNotes/add",
    "serviceOrderNotes/update",
    "serviceOrderNotes/delete",
    "orderItems/getAll",
];

/// How a sandbox is set up.
#[derive(Debug, Clone)]
pub struct MewsSandboxConfig {
    /// The clock for `NowUtc`, timestamps and the rate-limit window (its monotonic reading).
    pub clock: clock::SharedClock,
    /// Enforce the rate limit (default true).
    pub rate_limit: bool,
    /// Send `Retry-After` with a rate-limit 429 (default true).
    pub retry_after_header: bool,
    /// Requests per access token and window (default 200).
    pub rate_limit_requests: u32,
    /// The sliding window (default 30 s).
    pub rate_limit_window: Duration,
}

impl Default for MewsSandboxConfig {
    /// The system clock, Mews's limit of 200 requests per 30 s with `Retry-After`.
    fn default() -> Self {
        Self {
            clock: Arc::new(clock::SystemClock),
            rate_limit: true,
            retry_after_header: true,
            rate_limit_requests: 200,
            rate_limit_window: Duration::from_secs(30),
        }
    }
}

/// The in-memory Mews state and its router.
#[derive(Debug, Clone)]
pub struct MewsSandbox {
    shared: Arc<Shared>,
}

impl MewsSandbox {
    /// A sandbox with the seed data.
    pub fn new(config: MewsSandboxConfig) -> Self {
        Self {
            shared: Arc::new(Shared::new(config)),
        }
    }

    /// The fault-injection handle.
    pub fn faults(&self) -> FaultControl {
        FaultControl {
            shared: self.shared.clone(),
        }
    }

    /// The request counter.
    pub fn requests(&self) -> RequestCounter {
        RequestCounter {
            shared: self.shared.clone(),
        }
    }

    /// The admin and inspection handle.
    pub fn admin(&self) -> SandboxAdmin {
        SandboxAdmin {
            shared: self.shared.clone(),
        }
    }

    /// Binds `addr` (use `127.0.0.1:0` for a free port) and serves in a spawned task until
    /// [`RunningMewsSandbox::shutdown`].
    pub async fn start(self, addr: SocketAddr) -> std::io::Result<RunningMewsSandbox> {
        server::spawn(
            api::router(self.shared.clone()),
            self.shared,
            addr,
            Duration::ZERO,
        )
        .await
    }
}

/// Serves a sandbox on `addr` until Ctrl-C or SIGTERM, then lets open requests finish for up to
/// five seconds. Used by `voicehive sandbox mews --addr`.
pub async fn serve(config: MewsSandboxConfig, addr: SocketAddr) -> std::io::Result<()> {
    let sandbox = MewsSandbox::new(config);
    let running = server::spawn(
        api::router(sandbox.shared.clone()),
        sandbox.shared,
        addr,
        Duration::from_secs(5),
    )
    .await?;
    tracing::info!(
        base_url = %running.base_url(),
        client_token = CLIENT_TOKEN,
        "Mews sandbox listening"
    );
    shutdown_signal().await?;
    tracing::info!("Mews sandbox shutting down");
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_operation_list_matches_the_router() {
        let routed: Vec<&str> = crate::api::operations().collect();
        assert_eq!(routed, crate::OPERATIONS);
    }
}
