//! Shared helpers.

use std::sync::Arc;

use chrono::NaiveDate;
use mews_sandbox::RunningMewsSandbox;
use pms_contract::{
    Email, Guest, IdempotencyKey, NewReservation, Occupancy, Offer, OfferRequest, PhoneNumber,
    PmsConnector, Stay,
};
use pms_mews::{MewsConfig, MewsConnector, MewsHarness};

pub(crate) async fn berlin() -> (Arc<MewsConnector>, Arc<RunningMewsSandbox>) {
    MewsHarness::berlin().start().await.unwrap()
}

pub(crate) async fn zurich() -> (Arc<MewsConnector>, Arc<RunningMewsSandbox>) {
    MewsHarness::zurich().start().await.unwrap()
}

pub(crate) async fn berlin_with(
    adjust: impl FnOnce(MewsConfig) -> MewsConfig,
) -> (Arc<MewsConnector>, Arc<RunningMewsSandbox>) {
    MewsHarness::berlin().start_with(adjust).await.unwrap()
}

pub(crate) fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub(crate) fn stay(arrival: &str, departure: &str) -> Stay {
    Stay::parse(arrival, departure).unwrap()
}

pub(crate) fn guest(last: &str) -> Guest {
    Guest::new("Ada", last)
        .with_email(Email::new(&format!("{}@guests.example", last.to_lowercase())).unwrap())
        .with_phone(PhoneNumber::new("+44 7700 900123").unwrap())
}

pub(crate) async fn offers(pms: &MewsConnector, stay: Stay, adults: u8) -> Vec<Offer> {
    pms.offers(&OfferRequest {
        stay,
        occupancy: Occupancy::adults(adults).unwrap(),
    })
    .await
    .unwrap()
}

/// The flexible offer for the sandbox's Double room.
pub(crate) async fn double_flex(
    pms: &MewsConnector,
    stay: Stay,
    double: &str,
    flex: &str,
) -> Offer {
    offers(pms, stay, 2)
        .await
        .into_iter()
        .find(|o| o.room_type.as_str() == double && o.rate_plan.as_str() == flex)
        .expect("a double room on the flexible rate")
}

pub(crate) fn request(offer: &Offer, last: &str, key: &str) -> NewReservation {
    NewReservation {
        idempotency_key: IdempotencyKey::new(key).unwrap(),
        stay: offer.stay,
        occupancy: Occupancy::adults(2).unwrap(),
        room_type: offer.room_type.clone(),
        rate_plan: offer.rate_plan.clone(),
        guest: guest(last),
        comment: None,
    }
}
