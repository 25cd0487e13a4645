//! The seeded enterprises: ids, catalog and prices.

use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Tz;
use rust_decimal::{Decimal, RoundingStrategy};

/// The one client token the sandbox accepts.
pub const CLIENT_TOKEN: &str = "VoiceHiveSandbox-ClientToken";

/// The Berlin enterprise's seeded ids and access token.
pub mod berlin {
    /// The access token of the Berlin enterprise (sees only Berlin).
    pub const ACCESS_TOKEN: &str = "VoiceHiveSandbox-AccessToken-Berlin";
    /// `Enterprise.Id`.
    pub const ENTERPRISE_ID: &str = "5c4f0a9e-8b1d-4d7e-9f3a-6b2e1c0d4b01";
    /// `Enterprise.ChainId` (customers are scoped to it).
    pub const CHAIN_ID: &str = "5c4f0a9e-c4a1-4000-8000-000000000001";
    /// The bookable stay service.
    pub const SERVICE_ID: &str = "5c4f0a9e-5e70-4000-8000-000000000001";
    /// Age category `Adult`.
    pub const ADULT_AGE_CATEGORY_ID: &str = "5c4f0a9e-a9e0-4000-8000-000000000101";
    /// Age category `Child` (0–17).
    pub const CHILD_AGE_CATEGORY_ID: &str = "5c4f0a9e-a9e0-4000-8000-000000000102";
    /// Resource category Single (capacity 1, 3 rooms).
    pub const SINGLE_CATEGORY_ID: &str = "5c4f0a9e-ca7e-4000-8000-000000000101";
    /// Resource category Double (capacity 2, 6 rooms).
    pub const DOUBLE_CATEGORY_ID: &str = "5c4f0a9e-ca7e-4000-8000-000000000102";
    /// Resource category Family (capacity 3 + 1 extra, 2 rooms).
    pub const FAMILY_CATEGORY_ID: &str = "5c4f0a9e-ca7e-4000-8000-000000000103";
    /// Resource category Suite (capacity 2, exactly 1 room).
    pub const SUITE_CATEGORY_ID: &str = "5c4f0a9e-ca7e-4000-8000-000000000104";
    /// Rate "Flexible" (`FLEX`, the base rate).
    pub const FLEXIBLE_RATE_ID: &str = "5c4f0a9e-4a7e-4000-8000-000000000101";
    /// Rate "Non-refundable" (`NONREF`).
    pub const NON_REFUNDABLE_RATE_ID: &str = "5c4f0a9e-4a7e-4000-8000-000000000102";
}

/// The Zurich enterprise's seeded ids and access token.
pub mod zurich {
    /// The access token of the Zurich enterprise (sees only Zurich).
    pub const ACCESS_TOKEN: &str = "VoiceHiveSandbox-AccessToken-Zurich";
    /// `Enterprise.Id`.
    pub const ENTERPRISE_ID: &str = "5c4f0a9e-8b1d-4d7e-9f3a-6b2e1c0d4b02";
    /// `Enterprise.ChainId` (customers are scoped to it).
    pub const CHAIN_ID: &str = "5c4f0a9e-c4a1-4000-8000-000000000002";
    /// The bookable stay service.
    pub const SERVICE_ID: &str = "5c4f0a9e-5e70-4000-8000-000000000002";
    /// Age category `Adult`.
    pub const ADULT_AGE_CATEGORY_ID: &str = "5c4f0a9e-a9e0-4000-8000-000000000201";
    /// Age category `Child` (0–17).
    pub const CHILD_AGE_CATEGORY_ID: &str = "5c4f0a9e-a9e0-4000-8000-000000000202";
    /// Resource category Single (capacity 1, 3 rooms).
    pub const SINGLE_CATEGORY_ID: &str = "5c4f0a9e-ca7e-4000-8000-000000000201";
    /// Resource category Double (capacity 2, 6 rooms).
    pub const DOUBLE_CATEGORY_ID: &str = "5c4f0a9e-ca7e-4000-8000-000000000202";
    /// Resource category Family (capacity 3 + 1 extra, 2 rooms).
    pub const FAMILY_CATEGORY_ID: &str = "5c4f0a9e-ca7e-4000-8000-000000000203";
    /// Resource category Suite (capacity 2, exactly 1 room).
    pub const SUITE_CATEGORY_ID: &str = "5c4f0a9e-ca7e-4000-8000-000000000204";
    /// Rate "Flexible" (`FLEX`, the base rate).
    pub const FLEXIBLE_RATE_ID: &str = "5c4f0a9e-4a7e-4000-8000-000000000201";
    /// Rate "Non-refundable" (`NONREF`).
    pub const NON_REFUNDABLE_RATE_ID: &str = "5c4f0a9e-4a7e-4000-8000-000000000202";
}

/// `CreatorProfileId`/`UpdaterProfileId` of everything the connector integration writes.
pub(crate) const CONNECTOR_PROFILE_ID: &str = "5c4f0a9e-9f0f-4000-8000-000000000001";

/// `CreatedUtc`/`UpdatedUtc` of the seeded catalog.
pub(crate) const SEEDED_UTC: &str = "2026-01-01T00:00:00Z";

/// A room type.
#[derive(Debug, Clone)]
pub(crate) struct Category {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) short_name: &'static str,
    pub(crate) ordering: i64,
    pub(crate) capacity: u32,
    pub(crate) extra_capacity: u32,
    /// Nightly gross price of the Flexible rate on a weekday.
    pub(crate) base: Decimal,
}

/// A room.
#[derive(Debug, Clone)]
pub(crate) struct Resource {
    pub(crate) id: String,
    pub(crate) assignment_id: String,
    pub(crate) name: String,
    pub(crate) floor: u32,
    pub(crate) category_id: &'static str,
}

/// A rate plan.
#[derive(Debug, Clone)]
pub(crate) struct Rate {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) short_name: &'static str,
    pub(crate) non_refundable: bool,
}

/// One seeded enterprise and its catalog.
#[derive(Debug, Clone)]
pub(crate) struct Enterprise {
    pub(crate) id: &'static str,
    pub(crate) chain_id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) access_token: &'static str,
    pub(crate) tz: Tz,
    pub(crate) currency: &'static str,
    pub(crate) pricing: &'static str,
    pub(crate) tax_rate: Decimal,
    pub(crate) tax_code: &'static str,
    pub(crate) legal_environment: &'static str,
    pub(crate) tax_environment: &'static str,
    pub(crate) address: [&'static str; 4],
    pub(crate) service_id: &'static str,
    pub(crate) adult_id: &'static str,
    pub(crate) child_id: &'static str,
    pub(crate) rate_group_id: &'static str,
    pub(crate) categories: Vec<Category>,
    pub(crate) resources: Vec<Resource>,
    pub(crate) rates: Vec<Rate>,
}

impl Enterprise {
    pub(crate) fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub(crate) fn rate(&self, id: &str) -> Option<&Rate> {
        self.rates.iter().find(|r| r.id == id)
    }

    pub(crate) fn resources_of(&self, category_id: &str) -> impl Iterator<Item = &Resource> {
        self.resources
            .iter()
            .filter(move |r| r.category_id == category_id)
    }

    /// The deterministic nightly gross price (occupancy-independent).
    pub(crate) fn nightly_gross(
        &self,
        category: &Category,
        rate: &Rate,
        night: NaiveDate,
    ) -> Decimal {
        let mut price = category.base;
        if rate.non_refundable {
            price = round2(price * Decimal::new(85, 2));
        }
        if matches!(night.weekday(), Weekday::Fri | Weekday::Sat) {
            price = round2(price * Decimal::new(115, 2));
        }
        round2(price)
    }
}

/// Rounds to cents, half away from zero.
pub(crate) fn round2(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn categories(ids: [&'static str; 4], bases: [i64; 4]) -> Vec<Category> {
    let spec = [
        ("Single Room", "SGL", 1, 0),
        ("Double Room", "DBL", 2, 0),
        ("Family Room", "FAM", 3, 1),
        ("Suite", "STE", 2, 0),
    ];
    spec.iter()
        .zip(ids)
        .zip(bases)
        .enumerate()
        .map(
            |(i, (((name, short, capacity, extra), id), base))| Category {
                id,
                name,
                short_name: short,
                ordering: i64::try_from(i).unwrap_or_default() + 1,
                capacity: *capacity,
                extra_capacity: *extra,
                base: Decimal::from(base),
            },
        )
        .collect()
}

/// Rooms: Single 101–103, Double 201–206, Family 301–302, Suite 401.
fn resources(enterprise_digit: u32, ids: [&'static str; 4]) -> Vec<Resource> {
    let counts = [3, 6, 2, 1];
    let mut out = Vec::new();
    for (floor_index, (category_id, count)) in ids.iter().zip(counts).enumerate() {
        let floor = u32::try_from(floor_index).unwrap_or_default() + 1;
        for n in 1..=count {
            let room = floor * 100 + n;
            out.push(Resource {
                id: format!("5c4f0a9e-400e-4000-8000-{enterprise_digit}00000000{room}"),
                assignment_id: format!("5c4f0a9e-a551-4000-8000-{enterprise_digit}00000000{room}"),
                name: room.to_string(),
                floor,
                category_id,
            });
        }
    }
    out
}

fn rates(flex: &'static str, nonref: &'static str) -> Vec<Rate> {
    vec![
        Rate {
            id: flex,
            name: "Flexible",
            short_name: "FLEX",
            non_refundable: false,
        },
        Rate {
            id: nonref,
            name: "Non-refundable",
            short_name: "NONREF",
            non_refundable: true,
        },
    ]
}

/// The two seeded enterprises, Berlin first.
pub(crate) fn enterprises() -> Vec<Enterprise> {
    let berlin_categories = [
        berlin::SINGLE_CATEGORY_ID,
        berlin::DOUBLE_CATEGORY_ID,
        berlin::FAMILY_CATEGORY_ID,
        berlin::SUITE_CATEGORY_ID,
    ];
    let zurich_categories = [
        zurich::SINGLE_CATEGORY_ID,
        zurich::DOUBLE_CATEGORY_ID,
        zurich::FAMILY_CATEGORY_ID,
        zurich::SUITE_CATEGORY_ID,
    ];
    vec![
        Enterprise {
            id: berlin::ENTERPRISE_ID,
            chain_id: berlin::CHAIN_ID,
            name: "VoiceHive Mews Sandbox Berlin",
            access_token: berlin::ACCESS_TOKEN,
            tz: chrono_tz::Europe::Berlin,
            currency: "EUR",
            pricing: "Gross",
            tax_rate: Decimal::new(7, 2),
            tax_code: "DE-2020-1-L",
            legal_environment: "DE",
            tax_environment: "DE-2020",
            address: ["Friedrichstraße 100", "Berlin", "10117", "DE"],
            service_id: berlin::SERVICE_ID,
            adult_id: berlin::ADULT_AGE_CATEGORY_ID,
            child_id: berlin::CHILD_AGE_CATEGORY_ID,
            rate_group_id: "5c4f0a9e-9a0b-4000-8000-000000000001",
            categories: categories(berlin_categories, [89, 119, 159, 269]),
            resources: resources(1, berlin_categories),
            rates: rates(berlin::FLEXIBLE_RATE_ID, berlin::NON_REFUNDABLE_RATE_ID),
        },
        Enterprise {
            id: zurich::ENTERPRISE_ID,
            chain_id: zurich::CHAIN_ID,
            name: "VoiceHive Mews Sandbox Zurich",
            access_token: zurich::ACCESS_TOKEN,
            tz: chrono_tz::Europe::Zurich,
            currency: "CHF",
            pricing: "Net",
            tax_rate: Decimal::new(38, 3),
            tax_code: "CH-2024-R",
            legal_environment: "CH",
            tax_environment: "CH-2024",
            address: ["Bahnhofstrasse 10", "Zürich", "8001", "CH"],
            service_id: zurich::SERVICE_ID,
            adult_id: zurich::ADULT_AGE_CATEGORY_ID,
            child_id: zurich::CHILD_AGE_CATEGORY_ID,
            rate_group_id: "5c4f0a9e-9a0b-4000-8000-000000000002",
            categories: categories(zurich_categories, [93, 125, 167, 282]),
            resources: resources(2, zurich_categories),
            rates: rates(zurich::FLEXIBLE_RATE_ID, zurich::NON_REFUNDABLE_RATE_ID),
        },
    ]
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn prices_follow_the_documented_rule() {
        let e = &enterprises()[0];
        let dbl = e.category(berlin::DOUBLE_CATEGORY_ID).unwrap();
        let flex = e.rate(berlin::FLEXIBLE_RATE_ID).unwrap();
        let nonref = e.rate(berlin::NON_REFUNDABLE_RATE_ID).unwrap();
        let thu = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        let fri = NaiveDate::from_ymd_opt(2026, 10, 2).unwrap();
        assert_eq!(e.nightly_gross(dbl, flex, thu), Decimal::new(11900, 2));
        assert_eq!(e.nightly_gross(dbl, nonref, thu), Decimal::new(10115, 2));
        assert_eq!(e.nightly_gross(dbl, flex, fri), Decimal::new(13685, 2));
        // 101.15 × 1.15 = 116.3225 → 116.32
        assert_eq!(e.nightly_gross(dbl, nonref, fri), Decimal::new(11632, 2));
        assert_eq!(e.resources.len(), 12);
        assert_eq!(e.resources_of(berlin::SUITE_CATEGORY_ID).count(), 1);
        assert_eq!(e.resources[0].id, "5c4f0a9e-400e-4000-8000-100000000101");
    }
}
