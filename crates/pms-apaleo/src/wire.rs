//! Apaleo's JSON, as far as the connector reads and writes it (field names from Apaleo's
//! Swagger models: `PropertyModel`, `UnitGroupListModel`, `AvailableUnitGroupListModel`,
//! `StayOffersModel`, `CreateBookingModel`, `BookingCreatedModel`, `ReservationModel`,
//! `ReservationListModel`, `DesiredStayDetailsModel`). Unknown fields are ignored; fields the
//! mapping does not need are not modelled.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::money::WireMoney;

/// An id with optional display fields (`EmbeddedUnitGroupModel`, `EmbeddedRatePlanModel`, ...).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Embedded {
    pub(crate) id: String,
    #[serde(default)]
    pub(crate) name: Option<String>,
}

/// A property name: a language map on `GET /properties/{id}`, a plain string in lists.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum Localized {
    Plain(String),
    ByLanguage(BTreeMap<String, String>),
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Address {
    #[serde(default)]
    pub(crate) country_code: Option<String>,
}

/// `PropertyModel`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PropertyModel {
    pub(crate) id: String,
    pub(crate) name: Localized,
    pub(crate) time_zone: String,
    pub(crate) currency_code: String,
    #[serde(default)]
    pub(crate) location: Option<Address>,
    /// `Test` or `Live`.
    #[serde(default)]
    pub(crate) status: Option<String>,
}

/// `UnitGroupItemModel`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct UnitGroupItem {
    pub(crate) id: String,
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) description: Option<String>,
    #[serde(default)]
    pub(crate) member_count: Option<i64>,
    #[serde(default)]
    pub(crate) max_persons: Option<i64>,
}

/// `UnitGroupListModel`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct UnitGroupList {
    #[serde(default)]
    pub(crate) unit_groups: Vec<UnitGroupItem>,
    #[serde(default)]
    pub(crate) count: Option<i64>,
}

/// `TimeSliceDefinition` of a rate plan: check-in and check-out times (`"17:00:00"`).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TimeSliceDefinition {
    #[serde(default)]
    pub(crate) check_in_time: Option<String>,
    #[serde(default)]
    pub(crate) check_out_time: Option<String>,
}

/// `RatePlanItemModel`, the parts the connector reads.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RatePlanItem {
    pub(crate) id: String,
    #[serde(default)]
    pub(crate) property: Option<Embedded>,
    #[serde(default)]
    pub(crate) unit_group: Option<Embedded>,
    #[serde(default)]
    pub(crate) time_slice_definition: Option<TimeSliceDefinition>,
}

/// `RatePlanListModel`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RatePlanList {
    #[serde(default)]
    pub(crate) rate_plans: Vec<RatePlanItem>,
}

/// `UnitGroupAvailabilityItemModel`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct UnitGroupAvailability {
    pub(crate) unit_group: Embedded,
    pub(crate) sellable_count: i64,
}

/// `UnitGroupAvailabilityTimeSliceItemModel`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AvailabilityTimeSlice {
    pub(crate) from: String,
    #[serde(default)]
    pub(crate) unit_groups: Vec<UnitGroupAvailability>,
}

/// `AvailableUnitGroupListModel`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AvailabilityList {
    #[serde(default)]
    pub(crate) time_slices: Vec<AvailabilityTimeSlice>,
    #[serde(default)]
    pub(crate) count: Option<i64>,
}

/// `OfferCancellationFeeModel` and `ReservationCancellationFeeModel`: the fee and when it
/// becomes due.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CancellationFee {
    pub(crate) due_date_time: String,
    pub(crate) fee: WireMoney,
}

/// `OfferTimeSliceModel`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct OfferTimeSlice {
    pub(crate) from: String,
    pub(crate) total_gross_amount: WireMoney,
}

/// `OfferModel`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct OfferModel {
    pub(crate) unit_group: Embedded,
    pub(crate) rate_plan: Embedded,
    pub(crate) min_guarantee_type: String,
    pub(crate) available_units: i64,
    pub(crate) total_gross_amount: WireMoney,
    pub(crate) cancellation_fee: CancellationFee,
    #[serde(default)]
    pub(crate) time_slices: Vec<OfferTimeSlice>,
    #[serde(default)]
    pub(crate) validation_messages: Option<Vec<serde::de::IgnoredAny>>,
}

/// `StayOffersModel`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StayOffers {
    #[serde(default)]
    pub(crate) offers: Vec<OfferModel>,
}

/// `GuestModel` / `BookerModel`, the fields the contract has. No `Debug`: personal data.
#[derive(Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Person {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) first_name: Option<String>,
    pub(crate) last_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) preferred_language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) address: Option<PersonAddress>,
}

/// `PersonAddressModel`: only the country.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PersonAddress {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) country_code: Option<String>,
}

/// `ReservationModel` (GET by id) and `ReservationItemModel` (lists): the mapped fields. No
/// `Debug`: it holds personal data.
#[derive(Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReservationModel {
    pub(crate) id: String,
    pub(crate) booking_id: String,
    #[serde(default)]
    pub(crate) property: Option<Embedded>,
    pub(crate) status: String,
    pub(crate) arrival: String,
    pub(crate) departure: String,
    pub(crate) adults: i64,
    #[serde(default)]
    pub(crate) children_ages: Option<Vec<i64>>,
    pub(crate) unit_group: Embedded,
    pub(crate) rate_plan: Embedded,
    pub(crate) total_gross_amount: WireMoney,
    /// Kept as JSON: a contact change replaces the whole guest with this object, changed.
    #[serde(default)]
    pub(crate) primary_guest: Option<serde_json::Value>,
    #[serde(default)]
    pub(crate) comment: Option<String>,
    #[serde(default)]
    pub(crate) external_code: Option<String>,
    pub(crate) created: String,
    pub(crate) modified: String,
    #[serde(default)]
    pub(crate) cancellation_time: Option<String>,
    /// `PM6Hold`, `CreditCard`, `Prepayment`, `Company` or `Ota`.
    pub(crate) guarantee_type: String,
    pub(crate) cancellation_fee: CancellationFee,
}

/// `ReservationListModel`.
#[derive(Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ReservationList {
    #[serde(default)]
    pub(crate) reservations: Vec<ReservationModel>,
    #[serde(default)]
    pub(crate) count: Option<i64>,
}

/// `BookingCreatedModel`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct BookingCreated {
    #[serde(default)]
    pub(crate) reservation_ids: Vec<IdOnly>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct IdOnly {
    pub(crate) id: String,
}

/// One night of a create or amend: the rate plan (Apaleo prices it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TimeSliceRequest {
    pub(crate) rate_plan_id: String,
}

/// `CreateReservationModel`.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CreateReservation {
    pub(crate) arrival: String,
    pub(crate) departure: String,
    pub(crate) adults: u8,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) children_ages: Vec<u8>,
    pub(crate) channel_code: &'static str,
    pub(crate) primary_guest: Person,
    pub(crate) time_slices: Vec<TimeSliceRequest>,
    pub(crate) external_code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) comment: Option<String>,
}

/// `CreateBookingModel`.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CreateBooking {
    pub(crate) booker: Person,
    pub(crate) reservations: Vec<CreateReservation>,
}

/// `DesiredStayDetailsModel` (PUT reservation-actions/{id}/amend).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DesiredStayDetails {
    pub(crate) arrival: String,
    pub(crate) departure: String,
    pub(crate) adults: u8,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) children_ages: Vec<u8>,
    pub(crate) requote: bool,
    pub(crate) time_slices: Vec<TimeSliceRequest>,
}

/// One JSON Patch operation (RFC 6902); `remove` has no value.
#[derive(Clone, Serialize)]
pub(crate) struct PatchOperation {
    pub(crate) op: &'static str,
    pub(crate) path: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) value: Option<serde_json::Value>,
}
