//! The fixed seed data: properties, unit groups, rate plans, prices, taxes and policies.

use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::wire::{self, round2};

/// How a property levies city tax (never part of `totalGrossAmount`).
#[derive(Debug, Clone, Copy)]
pub(crate) enum CityTaxRule {
    /// A percentage of the net accommodation amount per night (Berlin: 7.5 %).
    PercentOfNet(Decimal),
    /// A fixed amount per adult and night (Zürich: CHF 3.50).
    PerAdultPerNight(Decimal),
}

/// A hotel.
#[derive(Debug)]
pub(crate) struct Property {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) name_de: &'static str,
    pub(crate) description: &'static str,
    pub(crate) description_de: &'static str,
    pub(crate) tz: Tz,
    pub(crate) currency: &'static str,
    pub(crate) country_code: &'static str,
    pub(crate) city: &'static str,
    pub(crate) address_line1: &'static str,
    pub(crate) postal_code: &'static str,
    pub(crate) company_name: &'static str,
    pub(crate) managing_directors: &'static str,
    pub(crate) commercial_register_entry: &'static str,
    pub(crate) tax_id: &'static str,
    pub(crate) iban: &'static str,
    pub(crate) bic: &'static str,
    pub(crate) bank: &'static str,
    pub(crate) created: &'static str,
    pub(crate) vat_type: &'static str,
    pub(crate) vat_percent: Decimal,
    pub(crate) city_tax: CityTaxRule,
}

impl Property {
    /// `EmbeddedPropertyModel`.
    pub(crate) fn embedded(&self) -> Value {
        json!({
            "id": self.id,
            "code": self.id,
            "name": self.name,
            "description": self.description,
        })
    }

    /// Net amount of a gross accommodation amount.
    pub(crate) fn net_of(&self, gross: Decimal) -> Decimal {
        round2(gross / (Decimal::ONE + self.vat_percent / Decimal::ONE_HUNDRED))
    }

    /// City tax for one night.
    pub(crate) fn city_tax_for_night(&self, gross: Decimal, adults: u32) -> Decimal {
        match self.city_tax {
            CityTaxRule::PercentOfNet(percent) => {
                round2(self.net_of(gross) * percent / Decimal::ONE_HUNDRED)
            }
            CityTaxRule::PerAdultPerNight(amount) => amount * Decimal::from(adults),
        }
    }

    /// The id of the property's city-tax service.
    pub(crate) fn city_tax_id(&self) -> String {
        format!("{}-CITYTAX", self.id)
    }

    /// The display name of the city tax.
    pub(crate) fn city_tax_name(&self) -> &'static str {
        match self.city_tax {
            CityTaxRule::PercentOfNet(_) => "City Tax (7.5 % of net accommodation)",
            CityTaxRule::PerAdultPerNight(_) => "City Tax (per adult and night)",
        }
    }

    /// `VAT` details of a set of gross night amounts.
    pub(crate) fn tax_details(&self, grosses: &[Decimal]) -> Value {
        let gross: Decimal = grosses.iter().copied().sum();
        let net: Decimal = grosses.iter().map(|g| self.net_of(*g)).sum();
        json!([{
            "vatType": self.vat_type,
            "vatPercent": wire::num(self.vat_percent),
            "net": wire::money(net, self.currency),
            "tax": wire::money(gross - net, self.currency),
        }])
    }

    /// `AmountModel` of one gross night amount.
    pub(crate) fn base_amount(&self, gross: Decimal) -> Value {
        wire::amount_model(
            gross,
            self.net_of(gross),
            self.vat_type,
            self.vat_percent,
            self.currency,
        )
    }
}

/// A room type.
#[derive(Debug)]
pub(crate) struct UnitGroup {
    pub(crate) id: String,
    pub(crate) code: &'static str,
    pub(crate) property_id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) name_de: &'static str,
    pub(crate) description: &'static str,
    pub(crate) description_de: &'static str,
    pub(crate) member_count: u32,
    pub(crate) max_persons: u32,
    pub(crate) rank: u32,
    pub(crate) base_price: Decimal,
}

impl UnitGroup {
    /// `EmbeddedUnitGroupModel`.
    pub(crate) fn embedded(&self) -> Value {
        json!({
            "id": self.id,
            "code": self.code,
            "name": self.name,
            "description": self.description,
            "type": "BedRoom",
        })
    }
}

/// The two rate plan families.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlanKind {
    Flex,
    NonRef,
}

/// Guarantee types, weakest first (the order of Apaleo's enum).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Guarantee {
    PM6Hold,
    CreditCard,
    Prepayment,
    Company,
}

impl Guarantee {
    pub(crate) fn parse(value: &str) -> Option<Self> {
        match value {
            "PM6Hold" => Some(Self::PM6Hold),
            "CreditCard" => Some(Self::CreditCard),
            "Prepayment" => Some(Self::Prepayment),
            "Company" => Some(Self::Company),
            _ => None,
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::PM6Hold => "PM6Hold",
            Self::CreditCard => "CreditCard",
            Self::Prepayment => "Prepayment",
            Self::Company => "Company",
        }
    }
}

/// A rate plan: one family for one unit group.
#[derive(Debug)]
pub(crate) struct RatePlan {
    pub(crate) id: String,
    pub(crate) kind: PlanKind,
    pub(crate) property_id: &'static str,
    pub(crate) unit_group_id: String,
}

impl RatePlan {
    pub(crate) fn code(&self) -> &'static str {
        match self.kind {
            PlanKind::Flex => "FLEX",
            PlanKind::NonRef => "NONREF",
        }
    }

    pub(crate) fn name(&self) -> &'static str {
        match self.kind {
            PlanKind::Flex => "Flexible",
            PlanKind::NonRef => "Non-refundable",
        }
    }

    pub(crate) fn description(&self) -> &'static str {
        match self.kind {
            PlanKind::Flex => {
                "Free cancellation until 18:00 the day before arrival; pay at the hotel."
            }
            PlanKind::NonRef => "Non-refundable, prepaid at booking, 15 % cheaper.",
        }
    }

    pub(crate) fn min_guarantee(&self) -> Guarantee {
        match self.kind {
            PlanKind::Flex => Guarantee::PM6Hold,
            PlanKind::NonRef => Guarantee::Prepayment,
        }
    }

    /// `EmbeddedRatePlanModel`.
    pub(crate) fn embedded(&self) -> Value {
        json!({
            "id": self.id,
            "code": self.code(),
            "name": self.name(),
            "description": self.description(),
            "isSubjectToCityTax": true,
        })
    }

    /// Cancellation policy: (id, code, name, description).
    pub(crate) fn cancellation_policy(&self) -> [String; 4] {
        match self.kind {
            PlanKind::Flex => [
                format!("{}-FLEX18", self.property_id),
                "FLEX18".to_owned(),
                "Free until 18:00 the day before arrival".to_owned(),
                "Free cancellation until 18:00 (hotel time) on the day before arrival; after that \
                 100 % of the first night is charged."
                    .to_owned(),
            ],
            PlanKind::NonRef => [
                format!("{}-NONREF", self.property_id),
                "NONREF".to_owned(),
                "Non-refundable".to_owned(),
                "100 % of the stay is charged from the moment of booking.".to_owned(),
            ],
        }
    }

    /// No-show policy: (id, code, name, description).
    pub(crate) fn no_show_policy(&self) -> [String; 4] {
        match self.kind {
            PlanKind::Flex => [
                format!("{}-NS-FIRSTNIGHT", self.property_id),
                "NS-FIRSTNIGHT".to_owned(),
                "First night".to_owned(),
                "100 % of the first night is charged for a no-show.".to_owned(),
            ],
            PlanKind::NonRef => [
                format!("{}-NS-FULL", self.property_id),
                "NS-FULL".to_owned(),
                "Full stay".to_owned(),
                "100 % of the stay is charged for a no-show.".to_owned(),
            ],
        }
    }

    /// The cancellation fee amount (after the deadline), given the night amounts.
    pub(crate) fn cancellation_fee_amount(&self, nights: &[Decimal]) -> Decimal {
        match self.kind {
            PlanKind::Flex => nights.first().copied().unwrap_or(Decimal::ZERO),
            PlanKind::NonRef => nights.iter().copied().sum(),
        }
    }

    /// The no-show fee amount, given the night amounts.
    pub(crate) fn no_show_fee_amount(&self, nights: &[Decimal]) -> Decimal {
        self.cancellation_fee_amount(nights)
    }
}

/// All seed data.
#[derive(Debug)]
pub(crate) struct Catalog {
    pub(crate) properties: Vec<Property>,
    pub(crate) unit_groups: Vec<UnitGroup>,
    pub(crate) rate_plans: Vec<RatePlan>,
}

struct GroupSeed {
    code: &'static str,
    name: &'static str,
    name_de: &'static str,
    description: &'static str,
    description_de: &'static str,
    max_persons: u32,
    member_count: u32,
    rank: u32,
}

const GROUPS: [GroupSeed; 4] = [
    GroupSeed {
        code: "DBL",
        name: "Double Room",
        name_de: "Doppelzimmer",
        description: "Double room with a queen-size bed, for up to two guests.",
        description_de: "Doppelzimmer mit Queen-Size-Bett für bis zu zwei Gäste.",
        max_persons: 2,
        member_count: 10,
        rank: 2,
    },
    GroupSeed {
        code: "SGL",
        name: "Single Room",
        name_de: "Einzelzimmer",
        description: "Single room with one bed.",
        description_de: "Einzelzimmer mit einem Bett.",
        max_persons: 1,
        member_count: 4,
        rank: 1,
    },
    GroupSeed {
        code: "FAM",
        name: "Family Room",
        name_de: "Familienzimmer",
        description: "Family room for up to four guests.",
        description_de: "Familienzimmer für bis zu vier Gäste.",
        max_persons: 4,
        member_count: 3,
        rank: 3,
    },
    GroupSeed {
        code: "STE",
        name: "Suite",
        name_de: "Suite",
        description: "Suite with a separate living room.",
        description_de: "Suite mit separatem Wohnzimmer.",
        max_persons: 2,
        member_count: 1,
        rank: 4,
    },
];

fn dec(units: i64, scale: u32) -> Decimal {
    Decimal::new(units, scale)
}

impl Catalog {
    /// The fixed seed: BER and ZRH.
    pub(crate) fn seed() -> Self {
        let properties = vec![
            Property {
                id: "BER",
                name: "VoiceHive Sandbox Berlin",
                name_de: "VoiceHive Sandbox Berlin",
                description: "A simulated city hotel in Berlin for connector development.",
                description_de: "Ein simuliertes Stadthotel in Berlin für die Connector-Entwicklung.",
                tz: chrono_tz::Europe::Berlin,
                currency: "EUR",
                country_code: "DE",
                city: "Berlin",
                address_line1: "Friedrichstraße 100",
                postal_code: "10117",
                company_name: "VoiceHive Sandbox Hotels GmbH",
                managing_directors: "Erika Mustermann",
                commercial_register_entry: "Amtsgericht Charlottenburg, HRB 000000",
                tax_id: "DE000000000",
                iban: "DE02100100100006820101",
                bic: "PBNKDEFF",
                bank: "Postbank",
                created: "2024-01-15T09:00:00+01:00",
                vat_type: "Reduced",
                vat_percent: dec(7, 0),
                city_tax: CityTaxRule::PercentOfNet(dec(75, 1)),
            },
            Property {
                id: "ZRH",
                name: "VoiceHive Sandbox Zürich",
                name_de: "VoiceHive Sandbox Zürich",
                description: "A simulated city hotel in Zürich for connector development.",
                description_de: "Ein simuliertes Stadthotel in Zürich für die Connector-Entwicklung.",
                tz: chrono_tz::Europe::Zurich,
                currency: "CHF",
                country_code: "CH",
                city: "Zürich",
                address_line1: "Bahnhofstrasse 1",
                postal_code: "8001",
                company_name: "VoiceHive Sandbox Hotels AG",
                managing_directors: "Max Muster",
                commercial_register_entry: "Handelsregister Zürich, CHE-000.000.000",
                tax_id: "CHE-000.000.000 MWST",
                iban: "CH9300762011623852957",
                bic: "POFICHBEXXX",
                bank: "PostFinance",
                created: "2024-01-15T09:00:00+01:00",
                vat_type: "Special",
                vat_percent: dec(38, 1),
                city_tax: CityTaxRule::PerAdultPerNight(dec(350, 2)),
            },
        ];
        let prices: [(&str, [i64; 4]); 2] =
            [("BER", [119, 89, 159, 269]), ("ZRH", [125, 93, 167, 282])];
        let mut unit_groups = Vec::new();
        let mut rate_plans = Vec::new();
        for (property_id, property_prices) in prices {
            for (seed, price) in GROUPS.iter().zip(property_prices) {
                let id = format!("{property_id}-{}", seed.code);
                unit_groups.push(UnitGroup {
                    id: id.clone(),
                    code: seed.code,
                    property_id,
                    name: seed.name,
                    name_de: seed.name_de,
                    description: seed.description,
                    description_de: seed.description_de,
                    member_count: seed.member_count,
                    max_persons: seed.max_persons,
                    rank: seed.rank,
                    base_price: Decimal::from(price),
                });
                for kind in [PlanKind::Flex, PlanKind::NonRef] {
                    let code = if kind == PlanKind::Flex {
                        "FLEX"
                    } else {
                        "NONREF"
                    };
                    rate_plans.push(RatePlan {
                        id: format!("{property_id}-{code}-{}", seed.code),
                        kind,
                        property_id,
                        unit_group_id: id.clone(),
                    });
                }
            }
        }
        Self {
            properties,
            unit_groups,
            rate_plans,
        }
    }

    pub(crate) fn property(&self, id: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.id == id)
    }

    pub(crate) fn unit_group(&self, id: &str) -> Option<&UnitGroup> {
        self.unit_groups.iter().find(|u| u.id == id)
    }

    pub(crate) fn rate_plan(&self, id: &str) -> Option<&RatePlan> {
        self.rate_plans.iter().find(|r| r.id == id)
    }

    /// Unit groups of a property, by rank.
    pub(crate) fn unit_groups_of(&self, property_id: &str) -> Vec<&UnitGroup> {
        let mut groups: Vec<&UnitGroup> = self
            .unit_groups
            .iter()
            .filter(|u| u.property_id == property_id)
            .collect();
        groups.sort_by_key(|u| u.rank);
        groups
    }

    /// The gross price of one night: base × 0.85 (non-refundable) × 1.15 (Friday and Saturday
    /// nights), rounded to cents, plus 25 per adult beyond the first and 15 per child.
    pub(crate) fn night_gross(
        &self,
        plan: &RatePlan,
        unit_group: &UnitGroup,
        night: NaiveDate,
        adults: u32,
        children: usize,
    ) -> Decimal {
        let mut price = unit_group.base_price;
        if plan.kind == PlanKind::NonRef {
            price *= dec(85, 2);
        }
        if matches!(night.weekday(), Weekday::Fri | Weekday::Sat) {
            price *= dec(115, 2);
        }
        round2(price)
            + Decimal::from(adults.saturating_sub(1)) * Decimal::from(25)
            + Decimal::from(children) * Decimal::from(15)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_follow_the_documented_formula() {
        let c = Catalog::seed();
        let ug = c.unit_group("BER-DBL").unwrap();
        let flex = c.rate_plan("BER-FLEX-DBL").unwrap();
        let nonref = c.rate_plan("BER-NONREF-DBL").unwrap();
        let thu = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        let fri = NaiveDate::from_ymd_opt(2026, 10, 2).unwrap();
        assert_eq!(c.night_gross(flex, ug, thu, 1, 0), dec(11900, 2));
        assert_eq!(c.night_gross(flex, ug, thu, 2, 1), dec(15900, 2));
        assert_eq!(c.night_gross(nonref, ug, thu, 1, 0), dec(10115, 2));
        assert_eq!(c.night_gross(flex, ug, fri, 1, 0), dec(13685, 2));
        assert_eq!(c.night_gross(nonref, ug, fri, 1, 0), dec(11632, 2));
        let ber = c.property("BER").unwrap();
        assert_eq!(ber.net_of(dec(11900, 2)), dec(11121, 2));
        assert_eq!(ber.city_tax_for_night(dec(11900, 2), 2), dec(834, 2));
        let zrh = c.property("ZRH").unwrap();
        assert_eq!(zrh.city_tax_for_night(dec(12500, 2), 2), dec(700, 2));
        assert_eq!(c.rate_plans.len(), 16);
    }
}
