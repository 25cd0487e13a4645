//! The data a reference PMS starts with.

use chrono::NaiveTime;
use pms_contract::{
    CountryCode, Currency, Guarantee, PmsError, Property, PropertyId, RatePlanId, RoomType,
    RoomTypeId,
};
use rust_decimal::Decimal;

/// Cancellation terms of a seeded rate plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeedCancellation {
    /// Free until `days_before` days before arrival at `local_time` (property time zone).
    FreeUntil {
        /// Days before the arrival date.
        days_before: u32,
        /// Local time of day of the deadline.
        local_time: NaiveTime,
        /// After the deadline the first this many nights are charged (capped at the stay).
        fee_nights: u32,
    },
    /// The first `fee_nights` nights are charged from booking on, the rest refunded (charged in
    /// full when that is the whole stay).
    PartlyRefundable {
        /// Nights charged.
        fee_nights: u32,
    },
    /// Charged in full.
    NonRefundable,
}

/// A room type with its inventory and base price per night.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedRoomType {
    /// The room type as the contract shows it (`total_units` is the inventory).
    pub room_type: RoomType,
    /// Number of units sold per night.
    pub units: u32,
    /// Price of a night for one adult on a weekday, in the property currency.
    pub base_price: Decimal,
}

/// A rate plan: a price factor over the room's base price and its terms. The seeds have three:
/// `FLEX` (free until 18:00 the day before arrival, then the first night; no guarantee),
/// `NONREF` (15 % cheaper, prepaid, non-refundable) and `SEMIFLEX` (8 % cheaper, card
/// guarantee, the first night charged from booking on and the rest refunded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedRatePlan {
    /// Id.
    pub id: RatePlanId,
    /// Display name.
    pub name: String,
    /// Multiplies the room's base price.
    pub price_factor: Decimal,
    /// Cancellation terms.
    pub cancellation: SeedCancellation,
    /// How a booking of the plan is guaranteed; offers need a guarantee unless it is
    /// [`Guarantee::Unguaranteed`].
    pub guarantee: Guarantee,
}

/// Everything a reference PMS starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceSeed {
    /// The property.
    pub property: Property,
    /// Room types with inventory and prices.
    pub room_types: Vec<SeedRoomType>,
    /// Rate plans; each applies to every room type.
    pub rate_plans: Vec<SeedRatePlan>,
    /// Added per night for each adult beyond the first.
    pub extra_adult: Decimal,
    /// Added per night for each child.
    pub extra_child: Decimal,
    /// Friday and Saturday nights cost this many percent more.
    pub weekend_uplift_percent: Decimal,
}

fn time(h: u32, m: u32) -> Result<NaiveTime, PmsError> {
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(|| PmsError::internal("invalid seed time"))
}

fn room(id: &str, name: &str, max: u8, units: u32, base: i64) -> Result<SeedRoomType, PmsError> {
    Ok(SeedRoomType {
        room_type: RoomType {
            id: RoomTypeId::new(id)?,
            name: name.to_owned(),
            description: None,
            max_occupancy: max,
            total_units: Some(units),
        },
        units,
        base_price: Decimal::new(base, 2),
    })
}

fn rate_plans() -> Result<Vec<SeedRatePlan>, PmsError> {
    Ok(vec![
        SeedRatePlan {
            id: RatePlanId::new("FLEX")?,
            name: "Flexible".to_owned(),
            price_factor: Decimal::ONE,
            cancellation: SeedCancellation::FreeUntil {
                days_before: 1,
                local_time: time(18, 0)?,
                fee_nights: 1,
            },
            guarantee: Guarantee::Unguaranteed,
        },
        SeedRatePlan {
            id: RatePlanId::new("NONREF")?,
            name: "Non-refundable".to_owned(),
            price_factor: Decimal::new(85, 2),
            cancellation: SeedCancellation::NonRefundable,
            guarantee: Guarantee::Prepayment,
        },
        SeedRatePlan {
            id: RatePlanId::new("SEMIFLEX")?,
            name: "Semi-flexible".to_owned(),
            price_factor: Decimal::new(92, 2),
            cancellation: SeedCancellation::PartlyRefundable { fee_nights: 1 },
            guarantee: Guarantee::CreditCard,
        },
    ])
}

impl ReferenceSeed {
    /// "Reference Hotel Berlin": Europe/Berlin, EUR, 10 doubles, 4 singles, 1 suite.
    pub fn berlin() -> Result<Self, PmsError> {
        Ok(Self {
            property: Property {
                id: PropertyId::new("REF-BER")?,
                name: "Reference Hotel Berlin".to_owned(),
                time_zone: chrono_tz::Europe::Berlin,
                currency: Currency::EUR,
                check_in_time: time(15, 0)?,
                check_out_time: time(11, 0)?,
                country: CountryCode::new("DE")?,
                live: Some(false),
            },
            room_types: vec![
                room("DBL", "Double room", 2, 10, 11_900)?,
                room("SGL", "Single room", 1, 4, 8_900)?,
                room("FAM", "Family room", 4, 3, 15_900)?,
                room("STE", "Suite", 2, 1, 26_900)?,
            ],
            rate_plans: rate_plans()?,
            extra_adult: Decimal::new(2_500, 2),
            extra_child: Decimal::new(1_500, 2),
            weekend_uplift_percent: Decimal::new(15, 0),
        })
    }

    /// "Reference Hotel Zürich": Europe/Zurich, CHF, a property outside the euro.
    pub fn zurich() -> Result<Self, PmsError> {
        let mut seed = Self::berlin()?;
        seed.property.id = PropertyId::new("REF-ZRH")?;
        seed.property.name = "Reference Hotel Zürich".to_owned();
        seed.property.time_zone = chrono_tz::Europe::Zurich;
        seed.property.currency = Currency::CHF;
        seed.property.country = CountryCode::new("CH")?;
        for room in &mut seed.room_types {
            room.base_price *= Decimal::new(105, 2);
        }
        Ok(seed)
    }
}
