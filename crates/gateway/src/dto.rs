//! The wire types of the API (serde + OpenAPI schemas) and their conversion to and from the
//! contract's domain types.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use pms_contract::{
    Availability, CancellationPolicy, CommentChange, ConfirmationCode, ContactChange, CountryCode,
    Email, Guarantee, Guest, IdempotencyKey, LanguageTag, Money, NewReservation, Occupancy, Offer,
    PhoneNumber, Pii, Property, RatePlanId, Reservation, ReservationChange, ReservationSearch,
    RoomType, RoomTypeId, Stay,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::ApiError;

type ApiResult<T> = Result<T, ApiError>;

fn invalid(e: &pms_contract::PmsError) -> ApiError {
    ApiError::from_validation(e)
}

/// JSON Schema's `integer` includes whole numbers written with a fraction (`2.0`), which serde's
/// `u8` refuses: these accept both, so every body the schema allows deserializes.
mod whole {
    use serde::de::Error;
    use serde::{Deserialize, Deserializer};
    use serde_json::Number;

    fn to_u8<E: Error>(n: &Number) -> Result<u8, E> {
        n.as_u64()
            .and_then(|v| u8::try_from(v).ok())
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && (0.0..=255.0).contains(f))
                    .map(|f| f as u8)
            })
            .ok_or_else(|| E::custom("expected a whole number from 0 to 255"))
    }

    pub(super) fn u8<'de, D: Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
        to_u8(&Number::deserialize(d)?)
    }

    /// For `Option` fields with `#[serde(default)]`: left out is `None`, `null` is refused.
    pub(super) fn opt_u8<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
        u8(d).map(Some)
    }

    pub(super) fn vec_u8<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        Vec::<Number>::deserialize(d)?.iter().map(to_u8).collect()
    }

    /// For `Option` fields with `#[serde(default)]`: left out is `None`, `null` is refused.
    pub(super) fn opt_vec_u8<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        vec_u8(d).map(Some)
    }
}

/// A name as the document states it, checked as sent (before any trimming): at most 100
/// characters, no control characters, not blank.
fn check_name(field: &str, value: &str) -> ApiResult<()> {
    if value.chars().count() > 100 || value.chars().any(char::is_control) || value.trim().is_empty()
    {
        return Err(ApiError::new(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            format!("{field}: 1 to 100 characters, not blank, no control characters"),
        ));
    }
    Ok(())
}

/// An id as the document states it (`^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$`, 1 to 128 characters).
fn is_documented_id(value: &str) -> bool {
    (1..=128).contains(&value.len())
        && !value.starts_with('.')
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b'-'))
}

/// A hotel the caller may see.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HotelSummary {
    /// Our id for the hotel, used in URLs.
    pub id: String,
    /// The PMS vendor, e.g. `apaleo`.
    pub vendor: String,
}

/// A hotel with its property information and effective capabilities.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HotelDetail {
    /// Our id for the hotel.
    pub id: String,
    /// The PMS vendor.
    pub vendor: String,
    /// The property as the PMS describes it.
    pub property: PropertyDto,
    /// What the gateway can do for this hotel (capability names).
    pub capabilities: Vec<String>,
}

/// Property information.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PropertyDto {
    /// The vendor's property id.
    pub id: String,
    /// The hotel's name.
    pub name: String,
    /// IANA time zone of all stay dates.
    pub time_zone: String,
    /// ISO 4217 currency of all prices.
    pub currency: String,
    /// Earliest check-in time, local.
    #[schema(value_type = String, example = "15:00:00")]
    pub check_in_time: NaiveTime,
    /// Latest check-out time, local.
    #[schema(value_type = String, example = "11:00:00")]
    pub check_out_time: NaiveTime,
    /// ISO 3166-1 alpha-2 country.
    pub country: String,
    /// Whether the PMS marks the property as live.
    pub live: Option<bool>,
}

impl From<Property> for PropertyDto {
    fn from(p: Property) -> Self {
        Self {
            id: p.id.as_str().to_owned(),
            name: p.name,
            time_zone: p.time_zone.name().to_owned(),
            currency: p.currency.code().to_owned(),
            check_in_time: p.check_in_time,
            check_out_time: p.check_out_time,
            country: p.country.as_str().to_owned(),
            live: p.live,
        }
    }
}

/// A bookable kind of room.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RoomTypeDto {
    /// The vendor's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Longer description.
    pub description: Option<String>,
    /// Most guests the room type sleeps.
    pub max_occupancy: u8,
    /// Number of physical units, if known.
    pub total_units: Option<u32>,
}

impl From<RoomType> for RoomTypeDto {
    fn from(r: RoomType) -> Self {
        Self {
            id: r.id.as_str().to_owned(),
            name: r.name,
            description: r.description,
            max_occupancy: r.max_occupancy,
            total_units: r.total_units,
        }
    }
}

/// Free units of one room type for one night.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AvailabilityDto {
    /// The night (the date it starts).
    pub date: NaiveDate,
    /// The room type.
    pub room_type: String,
    /// Units still sellable.
    pub available: u32,
}

impl From<Availability> for AvailabilityDto {
    fn from(a: Availability) -> Self {
        Self {
            date: a.date,
            room_type: a.room_type.as_str().to_owned(),
            available: a.available,
        }
    }
}

/// An amount of money; the amount is a decimal string to keep it exact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MoneyDto {
    /// Decimal amount, e.g. `"119.00"`.
    pub amount: String,
    /// ISO 4217 currency, e.g. `EUR`.
    pub currency: String,
}

impl From<Money> for MoneyDto {
    fn from(m: Money) -> Self {
        Self {
            amount: format!(
                "{:.prec$}",
                m.amount(),
                prec = m.currency().minor_units() as usize
            ),
            currency: m.currency().code().to_owned(),
        }
    }
}

/// The price of one night.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct NightlyPriceDto {
    /// The night.
    pub date: NaiveDate,
    /// Gross price, taxes included.
    pub amount: MoneyDto,
}

/// Cancellation terms. Fees are exact amounts in the property's currency; what is not charged
/// is refunded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CancellationDto {
    /// Free cancellation until the deadline; `fee` is charged from then on.
    FreeUntil {
        /// The last instant free cancellation is possible (UTC; say it to the guest in the
        /// property's time zone).
        deadline: DateTime<Utc>,
        /// What cancelling costs after the deadline (at most the total).
        fee: MoneyDto,
    },
    /// `fee` is charged from booking on; the rest of the total is refunded (the fee is more than
    /// nothing and less than the total).
    PartlyRefundable {
        /// What cancelling costs, at any time.
        fee: MoneyDto,
    },
    /// Any cancellation is charged in full.
    NonRefundable,
}

impl From<CancellationPolicy> for CancellationDto {
    fn from(c: CancellationPolicy) -> Self {
        match c {
            CancellationPolicy::FreeUntil { deadline, fee } => CancellationDto::FreeUntil {
                deadline,
                fee: fee.into(),
            },
            CancellationPolicy::PartlyRefundable { fee } => {
                CancellationDto::PartlyRefundable { fee: fee.into() }
            }
            CancellationPolicy::NonRefundable => CancellationDto::NonRefundable,
        }
    }
}

/// How a reservation is guaranteed to the hotel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum GuaranteeDto {
    /// Not guaranteed: the room may be released if the guest has not arrived by a time on the
    /// arrival day.
    Unguaranteed,
    /// A payment card.
    CreditCard,
    /// Paid in advance, in full.
    Prepayment,
    /// A deposit.
    Deposit,
    /// A company (invoiced).
    Company,
    /// The booking channel, e.g. an online travel agency.
    Channel,
}

impl From<Guarantee> for GuaranteeDto {
    fn from(g: Guarantee) -> Self {
        match g {
            Guarantee::CreditCard => GuaranteeDto::CreditCard,
            Guarantee::Prepayment => GuaranteeDto::Prepayment,
            Guarantee::Deposit => GuaranteeDto::Deposit,
            Guarantee::Company => GuaranteeDto::Company,
            Guarantee::Channel => GuaranteeDto::Channel,
            // `Guarantee` may grow; a kind the API does not name yet is no guarantee it can
            // promise.
            _ => GuaranteeDto::Unguaranteed,
        }
    }
}

/// A priced quote: one room type with one rate plan.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OfferDto {
    /// The room type.
    pub room_type: String,
    /// The rate plan.
    pub rate_plan: String,
    /// Display name of the rate plan.
    pub rate_plan_name: String,
    /// Arrival date.
    pub arrival: NaiveDate,
    /// Departure date.
    pub departure: NaiveDate,
    /// One price per night.
    pub nightly: Vec<NightlyPriceDto>,
    /// Total price of the stay.
    pub total: MoneyDto,
    /// Cancellation terms.
    pub cancellation: CancellationDto,
    /// Whether a payment guarantee is required.
    pub guarantee_required: bool,
    /// Units left for the whole stay.
    pub units_left: u32,
}

impl From<Offer> for OfferDto {
    fn from(o: Offer) -> Self {
        Self {
            room_type: o.room_type.as_str().to_owned(),
            rate_plan: o.rate_plan.as_str().to_owned(),
            rate_plan_name: o.rate_plan_name,
            arrival: o.stay.arrival(),
            departure: o.stay.departure(),
            nightly: o
                .nightly
                .into_iter()
                .map(|n| NightlyPriceDto {
                    date: n.date,
                    amount: n.amount.into(),
                })
                .collect(),
            total: o.total.into(),
            cancellation: o.cancellation.into(),
            guarantee_required: o.guarantee_required,
            units_left: o.units_left,
        }
    }
}

/// The guest (personal data: never logged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GuestDto {
    /// Given name(s): at most 100 characters, not blank, no control characters.
    #[schema(
        max_length = 100,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub first_name: String,
    /// Family name: at most 100 characters, not blank, no control characters.
    #[schema(
        max_length = 100,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub last_name: String,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(format = Email, max_length = 254)]
    pub email: Option<String>,
    /// Phone number in international form (E.164), e.g. `+493012345678`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(pattern = r"^\s*(\+|00)[-. ()/]*[1-9]([-. ()/]*[0-9]){7,14}[-. ()/]*\s*$")]
    pub phone: Option<String>,
    /// Preferred language (BCP 47), e.g. `de`, `en-GB`, `zh-Hans`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(pattern = r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?$")]
    pub language: Option<String>,
    /// Country of residence (ISO 3166-1 alpha-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(pattern = r"^[A-Za-z]{2}$")]
    pub country: Option<String>,
}

impl GuestDto {
    fn to_domain(&self) -> ApiResult<Guest> {
        check_name("guest.first_name", &self.first_name)?;
        check_name("guest.last_name", &self.last_name)?;
        let mut guest = Guest::new(self.first_name.clone(), self.last_name.clone());
        if let Some(email) = &self.email {
            guest = guest.with_email(Email::new(email).map_err(|e| invalid(&e))?);
        }
        if let Some(phone) = &self.phone {
            guest = guest.with_phone(PhoneNumber::new(phone).map_err(|e| invalid(&e))?);
        }
        if let Some(language) = &self.language {
            guest = guest.with_language(LanguageTag::new(language).map_err(|e| invalid(&e))?);
        }
        if let Some(country) = &self.country {
            guest = guest.with_country(CountryCode::new(country).map_err(|e| invalid(&e))?);
        }
        Ok(guest)
    }

    fn from_domain(g: &Guest) -> Self {
        Self {
            first_name: g.first_name.expose().clone(),
            last_name: g.last_name.expose().clone(),
            email: g.email.as_ref().map(|e| e.expose().to_owned()),
            phone: g.phone.as_ref().map(|p| p.expose().to_owned()),
            language: g.language.as_ref().map(|l| l.as_str().to_owned()),
            country: g.country.map(|c| c.as_str().to_owned()),
        }
    }
}

/// A request to book one room (from an offer).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReservationDto {
    /// Arrival date.
    pub arrival: NaiveDate,
    /// Departure date.
    pub departure: NaiveDate,
    /// Adults (1 to 20; adults and children together at most 20).
    #[serde(deserialize_with = "whole::u8")]
    #[schema(minimum = 1, maximum = 20)]
    pub adults: u8,
    /// Ages of the children (0 to 17).
    #[serde(default, deserialize_with = "whole::vec_u8")]
    #[schema(max_items = 19, minimum = 0, maximum = 17)]
    pub children_ages: Vec<u8>,
    /// The room type, from an offer.
    #[schema(
        min_length = 1,
        max_length = 128,
        pattern = r"^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$"
    )]
    pub room_type: String,
    /// The rate plan, from an offer.
    #[schema(
        min_length = 1,
        max_length = 128,
        pattern = r"^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$"
    )]
    pub rate_plan: String,
    /// The guest.
    pub guest: GuestDto,
    /// A comment for the hotel (at most 2,000 characters; no control characters but tab and
    /// newline).
    #[serde(default)]
    #[schema(max_length = 2000, pattern = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$")]
    pub comment: Option<String>,
}

impl NewReservationDto {
    /// The domain request with the (tenant-scoped) idempotency key.
    pub fn to_domain(&self, key: &str) -> ApiResult<NewReservation> {
        Ok(NewReservation {
            idempotency_key: IdempotencyKey::new(key).map_err(|e| invalid(&e))?,
            stay: Stay::new(self.arrival, self.departure).map_err(|e| invalid(&e))?,
            occupancy: Occupancy::new(self.adults, self.children_ages.clone())
                .map_err(|e| invalid(&e))?,
            room_type: RoomTypeId::new(self.room_type.clone()).map_err(|e| invalid(&e))?,
            rate_plan: RatePlanId::new(self.rate_plan.clone()).map_err(|e| invalid(&e))?,
            guest: self.guest.to_domain()?,
            comment: self.comment.clone().map(Pii::new),
        })
    }
}

/// A reservation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReservationDto {
    /// The vendor's reservation id.
    pub id: String,
    /// The code the guest quotes.
    pub confirmation_code: String,
    /// `confirmed`, `in_house`, `checked_out`, `canceled` or `no_show`.
    pub status: String,
    /// Arrival date.
    pub arrival: NaiveDate,
    /// Departure date.
    pub departure: NaiveDate,
    /// Adults.
    pub adults: u8,
    /// Ages of the children.
    pub children_ages: Vec<u8>,
    /// The room type.
    pub room_type: String,
    /// The rate plan.
    pub rate_plan: String,
    /// Total price of the stay.
    pub total: MoneyDto,
    /// The cancellation terms the reservation was booked under.
    pub cancellation: CancellationDto,
    /// What cancelling would cost at the time of this answer (zero before a free deadline). A
    /// replayed create answer states it as of the first answer: read the reservation for a
    /// current figure.
    pub cancellation_fee_now: MoneyDto,
    /// How the reservation is guaranteed.
    pub guarantee: GuaranteeDto,
    /// The guest.
    pub guest: GuestDto,
    /// The comment.
    pub comment: Option<String>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub modified_at: DateTime<Utc>,
    /// Cancelled, if it was.
    pub cancelled_at: Option<DateTime<Utc>>,
}

impl ReservationDto {
    /// The reservation as answered at `now` (the gateway's clock), which prices
    /// `cancellation_fee_now`.
    pub fn at(r: Reservation, now: DateTime<Utc>) -> Self {
        let fee_now = r.cancellation_fee_at(now);
        Self {
            id: r.id.as_str().to_owned(),
            confirmation_code: r.confirmation_code.as_str().to_owned(),
            status: r.status.as_str().to_owned(),
            arrival: r.stay.arrival(),
            departure: r.stay.departure(),
            adults: r.occupancy.adult_count(),
            children_ages: r.occupancy.children_ages().to_vec(),
            room_type: r.room_type.as_str().to_owned(),
            rate_plan: r.rate_plan.as_str().to_owned(),
            total: r.total.into(),
            cancellation: r.cancellation.into(),
            cancellation_fee_now: fee_now.into(),
            guarantee: r.guarantee.into(),
            guest: GuestDto::from_domain(&r.guest),
            comment: r.comment.map(|c| c.expose().clone()),
            created_at: r.created_at,
            modified_at: r.modified_at,
            cancelled_at: r.cancelled_at,
        }
    }
}

/// A change to a reservation: at least one field; fields left out stay as they are (`null` is
/// not a value, except for `comment`, where it clears the comment). `arrival` and `departure` go together; `children_ages` needs `adults`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReservationChangeDto {
    /// New arrival (give both dates).
    #[serde(default, deserialize_with = "present")]
    #[schema(nullable = false)]
    pub arrival: Option<NaiveDate>,
    /// New departure (give both dates).
    #[serde(default, deserialize_with = "present")]
    #[schema(nullable = false)]
    pub departure: Option<NaiveDate>,
    /// New number of adults (with `children_ages`, default none).
    #[serde(default, deserialize_with = "whole::opt_u8")]
    #[schema(nullable = false, minimum = 1, maximum = 20)]
    pub adults: Option<u8>,
    /// New children's ages (requires `adults`).
    #[serde(default, deserialize_with = "whole::opt_vec_u8")]
    #[schema(nullable = false, max_items = 19, minimum = 0, maximum = 17)]
    pub children_ages: Option<Vec<u8>>,
    /// New room type.
    #[serde(default, deserialize_with = "present")]
    #[schema(
        nullable = false,
        min_length = 1,
        max_length = 128,
        pattern = r"^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$"
    )]
    pub room_type: Option<String>,
    /// New rate plan.
    #[serde(default, deserialize_with = "present")]
    #[schema(
        nullable = false,
        min_length = 1,
        max_length = 128,
        pattern = r"^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$"
    )]
    pub rate_plan: Option<String>,
    /// New e-mail address.
    #[serde(default, deserialize_with = "present")]
    #[schema(nullable = false, format = Email, max_length = 254)]
    pub email: Option<String>,
    /// New phone number (E.164).
    #[serde(default, deserialize_with = "present")]
    #[schema(
        nullable = false,
        pattern = r"^\s*(\+|00)[-. ()/]*[1-9]([-. ()/]*[0-9]){7,14}[-. ()/]*\s*$"
    )]
    pub phone: Option<String>,
    /// New preferred language (BCP 47).
    #[serde(default, deserialize_with = "present")]
    #[schema(
        nullable = false,
        pattern = r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?$"
    )]
    pub language: Option<String>,
    /// New comment (at most 2,000 characters; no control characters but tab and newline), or
    /// `null` to clear it. Left out, the comment stays as it is; clearing a reservation without
    /// a comment changes nothing.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(
        value_type = Option<String>,
        nullable = true,
        max_length = 2000,
        pattern = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"
    )]
    pub comment: Option<Option<String>>,
}

/// A field that may be left out (`None`), `null` (`Some(None)`: clear it) or a value.
fn nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// A field that may be left out but is never `null`.
fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

impl ReservationChangeDto {
    /// The domain change.
    pub fn to_domain(&self) -> ApiResult<ReservationChange> {
        let stay = match (self.arrival, self.departure) {
            (Some(a), Some(d)) => Some(Stay::new(a, d).map_err(|e| invalid(&e))?),
            (None, None) => None,
            _ => {
                return Err(ApiError::bad_request(
                    "give both `arrival` and `departure` to change the dates",
                ));
            }
        };
        let occupancy = match (self.adults, &self.children_ages) {
            (Some(adults), children) => Some(
                Occupancy::new(adults, children.clone().unwrap_or_default())
                    .map_err(|e| invalid(&e))?,
            ),
            (None, None) => None,
            (None, Some(_)) => {
                return Err(ApiError::bad_request(
                    "give `adults` together with `children_ages`",
                ));
            }
        };
        let contact = if self.email.is_some() || self.phone.is_some() || self.language.is_some() {
            Some(ContactChange {
                email: self
                    .email
                    .as_deref()
                    .map(Email::new)
                    .transpose()
                    .map_err(|e| invalid(&e))?,
                phone: self
                    .phone
                    .as_deref()
                    .map(PhoneNumber::new)
                    .transpose()
                    .map_err(|e| invalid(&e))?,
                language: self
                    .language
                    .as_deref()
                    .map(LanguageTag::new)
                    .transpose()
                    .map_err(|e| invalid(&e))?,
            })
        } else {
            None
        };
        Ok(ReservationChange {
            stay,
            occupancy,
            room_type: self
                .room_type
                .clone()
                .map(RoomTypeId::new)
                .transpose()
                .map_err(|e| invalid(&e))?,
            rate_plan: self
                .rate_plan
                .clone()
                .map(RatePlanId::new)
                .transpose()
                .map_err(|e| invalid(&e))?,
            contact,
            comment: match &self.comment {
                None => CommentChange::Keep,
                Some(None) => CommentChange::Clear,
                Some(Some(comment)) => CommentChange::Set(Pii::new(comment.clone())),
            },
        })
    }
}

/// `?arrival=&departure=`.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StayQuery {
    /// Arrival date, YYYY-MM-DD.
    #[param(value_type = String, format = Date)]
    pub arrival: String,
    /// Departure date, YYYY-MM-DD.
    #[param(value_type = String, format = Date)]
    pub departure: String,
}

impl StayQuery {
    /// The stay.
    pub fn stay(&self) -> ApiResult<Stay> {
        Stay::parse(&self.arrival, &self.departure).map_err(|e| invalid(&e))
    }
}

/// `?arrival=&departure=&adults=&children=`.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OfferQuery {
    /// Arrival date, YYYY-MM-DD.
    #[param(value_type = String, format = Date)]
    pub arrival: String,
    /// Departure date, YYYY-MM-DD.
    #[param(value_type = String, format = Date)]
    pub departure: String,
    /// Adults (default 1; adults and children together at most 20).
    #[param(minimum = 1, maximum = 20)]
    pub adults: Option<u8>,
    /// Children's ages (0 to 17), comma-separated, e.g. `4,9`.
    #[param(pattern = r"^((1[0-7]|[0-9])(,(1[0-7]|[0-9])){0,18})?$")]
    pub children: Option<String>,
}

impl OfferQuery {
    /// The domain request.
    pub fn to_domain(&self) -> ApiResult<pms_contract::OfferRequest> {
        let stay = Stay::parse(&self.arrival, &self.departure).map_err(|e| invalid(&e))?;
        let mut ages = Vec::new();
        for part in self.children.as_deref().unwrap_or("").split(',') {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            ages.push(part.parse::<u8>().map_err(|_| {
                ApiError::bad_request("children: comma-separated ages, e.g. `4,9`")
            })?);
        }
        let occupancy = Occupancy::new(self.adults.unwrap_or(1), ages).map_err(|e| invalid(&e))?;
        Ok(pms_contract::OfferRequest { stay, occupancy })
    }
}

/// `?confirmation=` or `?last_name=[&arrival=]` or `?email=` or `?phone=` (exactly one).
#[derive(Debug, Clone, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Confirmation code. Give exactly one of `confirmation`, `last_name`, `email`, `phone`.
    #[param(
        min_length = 1,
        max_length = 128,
        pattern = r"^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$"
    )]
    pub confirmation: Option<String>,
    /// Guest last name (case-insensitive), at most 100 characters. Without `arrival` it needs at
    /// least 2 characters (else 422 `too_broad`).
    #[param(
        max_length = 100,
        pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
    )]
    pub last_name: Option<String>,
    /// Arrival date, YYYY-MM-DD: narrows a `last_name` search (only with `last_name`).
    #[param(value_type = Option<String>, format = Date)]
    pub arrival: Option<String>,
    /// Guest e-mail.
    #[param(format = Email, max_length = 254)]
    pub email: Option<String>,
    /// Guest phone, international form (`+` or `00`, country code, 8 to 15 digits).
    #[param(pattern = r"^\s*(\+|00)[-. ()/]*[1-9]([-. ()/]*[0-9]){7,14}[-. ()/]*\s*$")]
    pub phone: Option<String>,
}

impl SearchQuery {
    /// The domain search.
    pub fn to_domain(&self) -> ApiResult<ReservationSearch> {
        let given = [
            self.confirmation.is_some(),
            self.last_name.is_some(),
            self.email.is_some(),
            self.phone.is_some(),
        ]
        .iter()
        .filter(|g| **g)
        .count();
        if given != 1 {
            return Err(ApiError::bad_request(
                "give exactly one of `confirmation`, `last_name`, `email`, `phone`",
            ));
        }
        if self.arrival.is_some() && self.last_name.is_none() {
            return Err(ApiError::bad_request(
                "`arrival` narrows a `last_name` search only",
            ));
        }
        if let Some(code) = &self.confirmation {
            if !is_documented_id(code) {
                return Err(ApiError::new(
                    axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                    "validation",
                    "confirmation: 1 to 128 characters from `A-Z a-z 0-9 . _ ~ -`, not starting with `.`",
                ));
            }
            return Ok(ReservationSearch::ConfirmationCode(
                ConfirmationCode::new(code.clone()).map_err(|e| invalid(&e))?,
            ));
        }
        if let Some(name) = &self.last_name {
            check_name("last_name", name)?;
            let arrival = match &self.arrival {
                Some(a) => Some(
                    NaiveDate::parse_from_str(a, "%Y-%m-%d")
                        .map_err(|_| ApiError::bad_request("arrival: a date as YYYY-MM-DD"))?,
                ),
                None => None,
            };
            return Ok(ReservationSearch::LastName {
                last_name: Pii::new(name.clone()),
                arrival,
            });
        }
        if let Some(email) = &self.email {
            return Ok(ReservationSearch::Email(
                Email::new(email).map_err(|e| invalid(&e))?,
            ));
        }
        let phone = self.phone.as_deref().unwrap_or_default();
        Ok(ReservationSearch::Phone(
            PhoneNumber::new(phone).map_err(|e| invalid(&e))?,
        ))
    }
}
