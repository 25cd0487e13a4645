//! Shared helpers: sandboxes, connectors, guests, raw calls.

use std::sync::Arc;
use std::time::Duration;

use apaleo_sandbox::{ApaleoSandbox, RunningSandbox, SandboxConfig};
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use clock::{ManualClock, SharedClock};
use credentials::oauth2::{ClientCredentials, http_client};
use credentials::{BearerAuth, RefreshPolicy, SecretString, TokenCache};
use pms_apaleo::{ApaleoConfig, ApaleoConnector};
use pms_contract::{
    Email, Guest, IdempotencyKey, LanguageTag, NewReservation, Occupancy, OfferRequest,
    PhoneNumber, PmsConnector, RatePlanId, Reservation, RoomTypeId, Stay,
};
use pms_http::Unlimited;

/// 2027-01-04 09:00 UTC, a Monday.
pub(crate) fn start_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 4, 9, 0, 0).unwrap()
}

pub(crate) fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub(crate) fn stay(arrival: &str, departure: &str) -> Stay {
    Stay::new(day(arrival), day(departure)).unwrap()
}

/// A sandbox on a manual clock, plus the clock.
pub(crate) struct Rig {
    pub(crate) sandbox: RunningSandbox,
    pub(crate) clock: ManualClock,
    pub(crate) connector: Arc<ApaleoConnector>,
}

impl Rig {
    /// A BER sandbox on a manual clock at [`start_time`] with `configure` applied, and a
    /// connector with its own token cache (default policy) and no rate limit.
    pub(crate) async fn start_with(configure: impl FnOnce(ApaleoSandbox) -> ApaleoSandbox) -> Self {
        let clock = ManualClock::new(start_time());
        let shared: SharedClock = Arc::new(clock.clone());
        let sandbox = configure(ApaleoSandbox::new(SandboxConfig {
            clock: shared.clone(),
            token_lifetime: Duration::from_secs(600),
            ..SandboxConfig::default()
        }))
        .start("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
        let connector = Arc::new(connector_for(
            &sandbox,
            "BER",
            &clock,
            RefreshPolicy::default(),
        ));
        Self {
            sandbox,
            clock,
            connector,
        }
    }

    pub(crate) async fn start() -> Self {
        Self::start_with(|s| s).await
    }

    /// A connector for another client of this sandbox.
    pub(crate) fn connector_as(&self, client_id: &str, secret: &str) -> ApaleoConnector {
        build(
            &self.sandbox,
            "BER",
            client_id,
            secret,
            &self.clock,
            RefreshPolicy::default(),
        )
    }

    pub(crate) fn api_requests(&self) -> u64 {
        self.sandbox.stats().api_requests()
    }

    pub(crate) fn token_requests(&self) -> u64 {
        self.sandbox.stats().token_requests()
    }

    /// Books the first flexible offer for `stay` for guest `n`.
    pub(crate) async fn book(&self, stay: Stay, n: u64) -> Reservation {
        book_with(&self.connector, stay, "BER-DBL", "BER-FLEX-DBL", n).await
    }

    /// A token of the default client, for raw calls.
    pub(crate) async fn token(&self) -> String {
        let response: serde_json::Value = reqwest::Client::new()
            .post(format!("{}/connect/token", self.sandbox.identity_url()))
            .basic_auth(self.sandbox.client_id(), Some(self.sandbox.client_secret()))
            .form(&[("grant_type", "client_credentials")])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        response["access_token"].as_str().unwrap().to_owned()
    }

    /// A raw `PUT /booking/v1/reservation-actions/{id}/{action}` (check-in, check-out, ...).
    pub(crate) async fn action(&self, id: &str, action: &str) -> u16 {
        let token = self.token().await;
        self.action_with(&token, id, action).await
    }

    /// [`Rig::action`] with a token fetched before.
    pub(crate) async fn action_with(&self, token: &str, id: &str, action: &str) -> u16 {
        reqwest::Client::new()
            .put(format!(
                "{}/booking/v1/reservation-actions/{id}/{action}",
                self.sandbox.base_url()
            ))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    /// Today in Berlin on the rig's clock, plus `days`.
    pub(crate) fn in_days(&self, days: u64) -> NaiveDate {
        start_time()
            .date_naive()
            .checked_add_days(Days::new(days))
            .unwrap()
    }
}

pub(crate) fn build(
    sandbox: &RunningSandbox,
    property: &str,
    client_id: &str,
    secret: &str,
    clock: &ManualClock,
    policy: RefreshPolicy,
) -> ApaleoConnector {
    let config = sandbox_config(sandbox, property).with_attempt_timeout(Duration::from_secs(2));
    build_with(config, client_id, secret, clock, policy)
}

/// `property` on `sandbox`, with the default timeouts.
pub(crate) fn sandbox_config(sandbox: &RunningSandbox, property: &str) -> ApaleoConfig {
    ApaleoConfig::new(property)
        .with_api_base(sandbox.base_url())
        .with_identity_base(sandbox.identity_url())
}

/// A connector for `config` with its own token cache for the client and no rate limit.
pub(crate) fn build_with(
    config: ApaleoConfig,
    client_id: &str,
    secret: &str,
    clock: &ManualClock,
    policy: RefreshPolicy,
) -> ApaleoConnector {
    let shared: SharedClock = Arc::new(clock.clone());
    let fetcher = ClientCredentials::new(
        &config.token_url(),
        client_id,
        SecretString::from(secret.to_owned()),
        http_client(Duration::from_secs(5)).unwrap(),
    )
    .unwrap();
    let tokens = TokenCache::new("apaleo", Arc::new(fetcher), shared.clone(), policy);
    ApaleoConnector::new(
        config,
        Arc::new(BearerAuth::new(tokens)),
        Arc::new(Unlimited),
        shared,
    )
    .unwrap()
}

pub(crate) fn connector_for(
    sandbox: &RunningSandbox,
    property: &str,
    clock: &ManualClock,
    policy: RefreshPolicy,
) -> ApaleoConnector {
    build(
        sandbox,
        property,
        sandbox.client_id(),
        sandbox.client_secret(),
        clock,
        policy,
    )
}

pub(crate) fn guest(n: u64) -> Guest {
    Guest::new(format!("Ada{n}"), format!("Lovelace{n}"))
        .with_email(Email::new(&format!("ada{n}@example.org")).unwrap())
        .with_phone(PhoneNumber::new(&format!("+44 7700 900{n:03}")).unwrap())
        .with_language(LanguageTag::new("en").unwrap())
}

pub(crate) fn request(stay: Stay, room_type: &str, rate_plan: &str, n: u64) -> NewReservation {
    NewReservation {
        idempotency_key: IdempotencyKey::new(format!("test-key-{n}")).unwrap(),
        stay,
        occupancy: Occupancy::adults(2).unwrap(),
        room_type: RoomTypeId::new(room_type).unwrap(),
        rate_plan: RatePlanId::new(rate_plan).unwrap(),
        guest: guest(n),
        comment: None,
    }
}

pub(crate) async fn book_with(
    connector: &ApaleoConnector,
    stay: Stay,
    room_type: &str,
    rate_plan: &str,
    n: u64,
) -> Reservation {
    connector
        .create_reservation(&request(stay, room_type, rate_plan, n))
        .await
        .unwrap()
}

pub(crate) fn two_adults(stay: Stay) -> OfferRequest {
    OfferRequest {
        stay,
        occupancy: Occupancy::adults(2).unwrap(),
    }
}
