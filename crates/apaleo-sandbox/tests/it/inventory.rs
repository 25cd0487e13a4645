//! Properties, unit groups, rate plans, rates, availability.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::env;

#[tokio::test]
async fn properties_list_and_detail() {
    let env = env().await;
    let list = env.get_json("/inventory/v1/properties", &[]).await;
    assert_eq!(list["count"], 2);
    let ber = &list["properties"][0];
    assert_eq!(ber["id"], "BER");
    assert_eq!(ber["name"], "VoiceHive Sandbox Berlin");
    assert_eq!(ber["timeZone"], "Europe/Berlin");
    assert_eq!(ber["currencyCode"], "EUR");
    assert_eq!(ber["location"]["countryCode"], "DE");
    assert_eq!(ber["status"], "Test");
    let zrh = &list["properties"][1];
    assert_eq!(zrh["id"], "ZRH");
    assert_eq!(zrh["name"], "VoiceHive Sandbox Zürich");
    assert_eq!(zrh["timeZone"], "Europe/Zurich");
    assert_eq!(zrh["currencyCode"], "CHF");
    assert_eq!(zrh["location"]["countryCode"], "CH");

    let live = env
        .get("/inventory/v1/properties", &[("status[]", "Live")])
        .await;
    assert_eq!(live.status(), StatusCode::NO_CONTENT);
    let test = env
        .get_json(
            "/inventory/v1/properties",
            &[("status", "Test"), ("countryCode", "CH")],
        )
        .await;
    assert_eq!(test["count"], 1);

    let detail = env.get_json("/inventory/v1/properties/ZRH", &[]).await;
    assert_eq!(detail["name"]["en"], "VoiceHive Sandbox Zürich");
    assert!(detail["name"]["de"].is_string());
    let english = env
        .get_json("/inventory/v1/properties/BER", &[("languages", "en")])
        .await;
    assert_eq!(english["name"], json!({ "en": "VoiceHive Sandbox Berlin" }));
    assert_eq!(english["currencyCode"], "EUR");
}

#[tokio::test]
async fn unit_groups_and_rate_plans() {
    let env = env().await;
    let list = env
        .get_json("/inventory/v1/unit-groups", &[("propertyId", "BER")])
        .await;
    assert_eq!(list["count"], 4);
    let groups = list["unitGroups"].as_array().unwrap();
    let find = |id: &str| groups.iter().find(|g| g["id"] == id).unwrap().clone();
    for (id, max, members) in [
        ("BER-DBL", 2, 10),
        ("BER-SGL", 1, 4),
        ("BER-FAM", 4, 3),
        ("BER-STE", 2, 1),
    ] {
        let g = find(id);
        assert_eq!(g["maxPersons"], max, "{id}");
        assert_eq!(g["memberCount"], members, "{id}");
        assert_eq!(g["type"], "BedRoom");
        assert_eq!(g["property"]["id"], "BER");
    }
    let one = env.get_json("/inventory/v1/unit-groups/ZRH-FAM", &[]).await;
    assert_eq!(one["name"]["en"], "Family Room");

    let plans = env
        .get_json("/rateplan/v1/rate-plans", &[("propertyId", "ZRH")])
        .await;
    assert_eq!(plans["count"], 8);
    let flex = plans["ratePlans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "ZRH-FLEX-DBL")
        .unwrap();
    assert_eq!(flex["name"], "Flexible");
    assert_eq!(flex["minGuaranteeType"], "PM6Hold");
    assert_eq!(flex["unitGroup"]["id"], "ZRH-DBL");
    assert_eq!(flex["isSubjectToCityTax"], true);
    assert_eq!(flex["timeSliceDefinition"]["checkInTime"], "15:00:00");
    assert_eq!(flex["timeSliceDefinition"]["checkOutTime"], "11:00:00");
    let nonref = env
        .get_json("/rateplan/v1/rate-plans/BER-NONREF-FAM", &[])
        .await;
    assert_eq!(nonref["minGuaranteeType"], "Prepayment");

    let rates = env
        .get_json(
            "/rateplan/v1/rate-plans/BER-FLEX-FAM/rates",
            &[("from", "2026-10-01"), ("to", "2026-10-03")],
        )
        .await;
    assert_eq!(rates["count"], 3);
    let first = &rates["rates"][0];
    assert_eq!(first["from"], "2026-10-01T15:00:00+02:00");
    assert_eq!(first["to"], "2026-10-02T11:00:00+02:00");
    assert_eq!(
        first["price"],
        json!({ "amount": 159.0, "currency": "EUR" })
    );
    // Four adults: 159 + 3 × 25.
    assert_eq!(
        first["calculatedPrices"][2],
        json!({ "adults": 4, "price": { "amount": 234.0, "currency": "EUR" } })
    );
    // Friday night +15 %: 182.85.
    assert_eq!(rates["rates"][1]["price"]["amount"], 182.85);
}

#[tokio::test]
async fn availability_has_one_slice_per_night_with_all_counters() {
    let env = env().await;
    let body = env
        .get_json(
            "/availability/v1/unit-groups",
            &[
                ("propertyId", "ZRH"),
                ("from", "2026-10-24"),
                ("to", "2026-10-26"),
            ],
        )
        .await;
    assert_eq!(body["count"], 3);
    let slices = body["timeSlices"].as_array().unwrap();
    // The clocks go back on 25 October.
    assert_eq!(slices[0]["from"], "2026-10-24T15:00:00+02:00");
    assert_eq!(slices[0]["to"], "2026-10-25T11:00:00+01:00");
    assert_eq!(slices[2]["from"], "2026-10-26T15:00:00+01:00");
    let property = &slices[0]["property"];
    assert_eq!(property["physicalCount"], 18);
    assert_eq!(property["sellableCount"], 18);
    let group: &Value = &slices[0]["unitGroups"][0];
    for key in [
        "physicalCount",
        "houseCount",
        "soldCount",
        "occupancy",
        "availableCount",
        "sellableCount",
        "allowedOverbookingCount",
        "maintenance",
        "block",
    ] {
        assert!(group.get(key).is_some(), "{key}");
    }
    let only = env
        .get_json(
            "/availability/v1/unit-groups",
            &[
                ("propertyId", "ZRH"),
                ("from", "2026-10-24"),
                ("to", "2026-10-24"),
                ("unitGroupIds", "ZRH-STE"),
            ],
        )
        .await;
    assert_eq!(
        only["timeSlices"][0]["unitGroups"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let backwards = env
        .get(
            "/availability/v1/unit-groups",
            &[
                ("propertyId", "ZRH"),
                ("from", "2026-10-24"),
                ("to", "2026-10-23"),
            ],
        )
        .await;
    assert_eq!(backwards.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
