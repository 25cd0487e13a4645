//! Mews's JSON shapes, only the fields the connector reads. Lenient: unknown fields are
//! ignored, optional ones default, so a field Mews adds never breaks a read.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::money::WireAmount;

/// Localized texts by language code.
pub(crate) type Localized = BTreeMap<String, String>;

/// `configuration/get`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Configuration {
    pub(crate) enterprise: Enterprise,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Enterprise {
    pub(crate) id: String,
    #[serde(default)]
    pub(crate) name: Option<String>,
    pub(crate) time_zone_identifier: String,
    #[serde(default)]
    pub(crate) pricing: Option<String>,
    #[serde(default)]
    pub(crate) currencies: Vec<EnterpriseCurrency>,
    #[serde(default)]
    pub(crate) address: Option<Address>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct EnterpriseCurrency {
    pub(crate) currency: String,
    #[serde(default)]
    pub(crate) is_default: bool,
    #[serde(default)]
    pub(crate) is_enabled: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Address {
    #[serde(default)]
    pub(crate) country_code: Option<String>,
}

fn yes() -> bool {
    true
}

/// A service of `services/getAll`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Service {
    pub(crate) id: String,
    #[serde(default = "yes")]
    pub(crate) is_active: bool,
    #[serde(default)]
    pub(crate) data: Option<ServiceData>,
}

/// The service's `Data` coproduct; `Value` is read only for bookable services.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ServiceData {
    pub(crate) discriminator: String,
    #[serde(default)]
    pub(crate) value: Option<serde_json::Value>,
}

/// A resource category of `resourceCategories/getAll`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ResourceCategory {
    pub(crate) id: String,
    #[serde(default = "yes")]
    pub(crate) is_active: bool,
    #[serde(default)]
    pub(crate) r#type: Option<String>,
    #[serde(default)]
    pub(crate) names: Option<Localized>,
    #[serde(default)]
    pub(crate) descriptions: Option<Localized>,
    #[serde(default)]
    pub(crate) capacity: u32,
    #[serde(default)]
    pub(crate) extra_capacity: u32,
}

impl ResourceCategory {
    /// Most guests: `Capacity + ExtraCapacity`.
    pub(crate) fn max_guests(&self) -> u32 {
        self.capacity.saturating_add(self.extra_capacity)
    }
}

/// An age category of `ageCategories/getAll`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct AgeCategory {
    pub(crate) id: String,
    #[serde(default = "yes")]
    pub(crate) is_active: bool,
    #[serde(default)]
    pub(crate) classification: Option<String>,
    #[serde(default)]
    pub(crate) minimal_age: Option<u8>,
    #[serde(default)]
    pub(crate) maximal_age: Option<u8>,
}

/// A rate of `rates/getAll`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Rate {
    pub(crate) id: String,
    #[serde(default = "yes")]
    pub(crate) is_active: bool,
    #[serde(default = "yes")]
    pub(crate) is_enabled: bool,
    #[serde(default)]
    pub(crate) is_public: Option<bool>,
    #[serde(default)]
    pub(crate) r#type: Option<String>,
    #[serde(default)]
    pub(crate) names: Option<Localized>,
    #[serde(default)]
    pub(crate) name: Option<String>,
    #[serde(default)]
    pub(crate) short_name: Option<String>,
}

/// `services/getAvailability` (legacy version).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct AvailabilityResponse {
    #[serde(default)]
    pub(crate) time_unit_starts_utc: Vec<String>,
    #[serde(default)]
    pub(crate) category_availabilities: Vec<CategoryAvailability>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct CategoryAvailability {
    pub(crate) category_id: String,
    #[serde(default)]
    pub(crate) availabilities: Vec<i64>,
}

/// `rates/getPricing`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct PricingResponse {
    #[serde(default)]
    pub(crate) time_unit_starts_utc: Vec<String>,
    #[serde(default)]
    pub(crate) category_prices: Vec<CategoryPrice>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct CategoryPrice {
    pub(crate) category_id: String,
    #[serde(default)]
    pub(crate) amount_prices: Vec<WireAmount>,
}

/// A customer of `customers/getAll` or `customers/add`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Customer {
    pub(crate) id: String,
    #[serde(default)]
    pub(crate) first_name: Option<String>,
    #[serde(default)]
    pub(crate) last_name: Option<String>,
    #[serde(default)]
    pub(crate) email: Option<String>,
    #[serde(default)]
    pub(crate) phone: Option<String>,
    #[serde(default)]
    pub(crate) preferred_language_code: Option<String>,
    #[serde(default)]
    pub(crate) language_code: Option<String>,
    #[serde(default)]
    pub(crate) address: Option<Address>,
}

/// One person count of a reservation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct PersonCount {
    pub(crate) age_category_id: String,
    pub(crate) count: u32,
}

/// A reservation in either shape: the 2023-06-06 read model (`ScheduledStartUtc`,
/// `AccountId`, `RequestedResourceCategoryId`, state `Inquired`) or the 2017-04-12 model of
/// add/update answers (`StartUtc`, `OwnerId`/`CustomerId`, `RequestedCategoryId`, state
/// `Enquired`). Each field of either shape is its own field (serde aliases would refuse a body
/// carrying both the new and the deprecated name, which Mews sends).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct WireReservation {
    pub(crate) id: String,
    #[serde(default)]
    pub(crate) number: Option<String>,
    pub(crate) state: String,
    #[serde(default)]
    pub(crate) channel_number: Option<String>,
    #[serde(default)]
    pub(crate) account_id: Option<String>,
    #[serde(default)]
    pub(crate) owner_id: Option<String>,
    #[serde(default)]
    pub(crate) customer_id: Option<String>,
    #[serde(default)]
    pub(crate) requested_resource_category_id: Option<String>,
    #[serde(default)]
    pub(crate) requested_category_id: Option<String>,
    #[serde(default)]
    pub(crate) rate_id: Option<String>,
    #[serde(default)]
    pub(crate) scheduled_start_utc: Option<String>,
    #[serde(default)]
    pub(crate) scheduled_end_utc: Option<String>,
    #[serde(default)]
    pub(crate) start_utc: Option<String>,
    #[serde(default)]
    pub(crate) end_utc: Option<String>,
    #[serde(default)]
    pub(crate) person_counts: Vec<PersonCount>,
    #[serde(default)]
    pub(crate) created_utc: Option<String>,
    #[serde(default)]
    pub(crate) updated_utc: Option<String>,
    #[serde(default)]
    pub(crate) cancelled_utc: Option<String>,
    #[serde(default)]
    pub(crate) cancellation_reason: Option<String>,
}

impl WireReservation {
    /// The owner: `AccountId` (2023), else `OwnerId`, else `CustomerId` (2017).
    pub(crate) fn owner(&self) -> Option<&str> {
        self.account_id
            .as_deref()
            .or(self.owner_id.as_deref())
            .or(self.customer_id.as_deref())
    }

    /// The room category asked for.
    pub(crate) fn category(&self) -> Option<&str> {
        self.requested_resource_category_id
            .as_deref()
            .or(self.requested_category_id.as_deref())
    }

    /// The scheduled start (2023), else the start (2017).
    pub(crate) fn start(&self) -> Option<&str> {
        self.scheduled_start_utc
            .as_deref()
            .or(self.start_utc.as_deref())
    }

    /// The scheduled end (2023), else the end (2017).
    pub(crate) fn end(&self) -> Option<&str> {
        self.scheduled_end_utc
            .as_deref()
            .or(self.end_utc.as_deref())
    }
}

/// `reservations/add`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct AddedReservations {
    #[serde(default)]
    pub(crate) reservations: Vec<AddedReservation>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct AddedReservation {
    pub(crate) reservation: WireReservation,
}

/// An order item of `orderItems/getAll`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct OrderItem {
    #[serde(default)]
    pub(crate) service_order_id: Option<String>,
    #[serde(default)]
    pub(crate) r#type: Option<String>,
    #[serde(default)]
    pub(crate) accounting_state: Option<String>,
    #[serde(default)]
    pub(crate) amount: Option<WireAmount>,
    #[serde(default)]
    pub(crate) consumed_utc: Option<String>,
    #[serde(default)]
    pub(crate) options: Option<OrderItemOptions>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct OrderItemOptions {
    #[serde(default)]
    pub(crate) canceled_with_reservation: bool,
}

impl OrderItem {
    /// Whether the item counts towards the reservation's price: not cancelled, or cancelled
    /// together with a reservation that is `cancelled` (a repriced night's old item does not).
    pub(crate) fn counts(&self, cancelled: bool) -> bool {
        self.accounting_state.as_deref() != Some("Canceled")
            || (cancelled
                && self
                    .options
                    .as_ref()
                    .is_some_and(|o| o.canceled_with_reservation))
    }
}

/// A note of `serviceOrderNotes/getAll`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct ServiceOrderNote {
    pub(crate) id: String,
    #[serde(default)]
    pub(crate) service_order_id: Option<String>,
    #[serde(default)]
    pub(crate) order_id: Option<String>,
    #[serde(default)]
    pub(crate) text: Option<String>,
    #[serde(default)]
    pub(crate) r#type: Option<String>,
    #[serde(default)]
    pub(crate) created_utc: Option<String>,
    #[serde(default)]
    pub(crate) updated_utc: Option<String>,
}

impl ServiceOrderNote {
    /// The reservation (service order) the note belongs to.
    pub(crate) fn order(&self) -> Option<&str> {
        self.service_order_id
            .as_deref()
            .or(self.order_id.as_deref())
    }
}
