//! Field-mapping snapshots: Apaleo-shaped JSON (from the Swagger examples in API-NOTES) through
//! the mapping functions.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::str::FromStr;

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use pms_contract::{
    CancellationPolicy, Currency, Email, ErrorKind, Guarantee, IdempotencyKey, LanguageTag, Money,
    Occupancy, OfferRequest, PhoneNumber, ReservationStatus, Stay,
};
use rust_decimal::Decimal;
use serde_json::json;

use crate::mapping::{self, MessageCategory};
use crate::wire::{
    AvailabilityList, OfferModel, PropertyModel, RatePlanList, ReservationModel, UnitGroupList,
};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn eur(s: &str) -> Money {
    Money::new(Decimal::from_str(s).unwrap(), Currency::EUR)
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

#[test]
fn property_from_the_by_id_model_with_a_language_map() {
    let model: PropertyModel = serde_json::from_value(json!({
        "id": "MUC", "code": "MUC", "isTemplate": false,
        "name": {"de": "Hotel München", "en": "Hotel Munich"},
        "description": {"en": "Nice"},
        "companyName": "Hotel GmbH", "commercialRegisterEntry": "HRB", "taxId": "DE1",
        "location": {"addressLine1": "Marienplatz 1", "postalCode": "80331", "city": "München", "countryCode": "DE"},
        "paymentTerms": {"en": "Pay"}, "timeZone": "Europe/Berlin", "currencyCode": "EUR",
        "created": "2026-09-29T16:19:28.2750481+02:00", "status": "Test", "isArchived": false
    }))
    .unwrap();
    let property = mapping::property(&model, time(17, 0), time(11, 0)).unwrap();
    assert_eq!(property.id.as_str(), "MUC");
    assert_eq!(property.name, "Hotel Munich");
    assert_eq!(property.time_zone, chrono_tz::Europe::Berlin);
    assert_eq!(property.currency, Currency::EUR);
    assert_eq!(property.country.as_str(), "DE");
    assert_eq!(property.check_in_time, time(17, 0));
}

#[test]
fn property_names_and_broken_fields() {
    let base = json!({
        "id": "ZRH", "name": "Hotel Zürich", "timeZone": "Europe/Zurich",
        "currencyCode": "CHF", "location": {"countryCode": "ch"}
    });
    let model: PropertyModel = serde_json::from_value(base.clone()).unwrap();
    let property = mapping::property(&model, time(15, 0), time(11, 0)).unwrap();
    assert_eq!(property.name, "Hotel Zürich");
    assert_eq!(property.country.as_str(), "CH");
    let only_french = {
        let mut v = base.clone();
        v["name"] = json!({"fr": "Hôtel Zurich"});
        serde_json::from_value::<PropertyModel>(v).unwrap()
    };
    assert_eq!(
        mapping::property(&only_french, time(15, 0), time(11, 0))
            .unwrap()
            .name,
        "Hôtel Zurich"
    );
    for (field, value, message) in [
        ("name", json!(""), "property.name is empty"),
        (
            "timeZone",
            json!("Mars/Olympus"),
            "property.timeZone is not an IANA time zone",
        ),
        (
            "currencyCode",
            json!("EURO"),
            "property.currencyCode is not an ISO 4217 code",
        ),
        (
            "location",
            json!({}),
            "property.location.countryCode is missing",
        ),
        (
            "location",
            json!({"countryCode": "DEU"}),
            "property.location.countryCode is not ISO 3166-1 alpha-2",
        ),
        ("id", json!("M U C"), "property.id is not an id"),
    ] {
        let mut v = base.clone();
        v[field] = value;
        let model: PropertyModel = serde_json::from_value(v).unwrap();
        let err = mapping::property(&model, time(15, 0), time(11, 0)).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Protocol);
        assert_eq!(err.message(), message);
        assert_eq!(err.context().vendor.as_deref(), Some("apaleo"));
    }
}

#[test]
fn check_times_come_from_the_time_slice_definition_or_default() {
    let list: RatePlanList = serde_json::from_value(json!({
        "ratePlans": [{"id": "MUC-FLEX-DBL", "timeSliceDefinition":
            {"id": "MUC-NIGHT", "name": "Over night", "template": "OverNight",
             "checkInTime": "17:00:00", "checkOutTime": "10:00"}}],
        "count": 1
    }))
    .unwrap();
    let definition = list.rate_plans[0].time_slice_definition.clone();
    assert_eq!(
        mapping::check_times(definition.as_ref()),
        (time(17, 0), time(10, 0))
    );
    assert_eq!(mapping::check_times(None), (time(15, 0), time(11, 0)));
    let broken: RatePlanList = serde_json::from_value(json!({
        "ratePlans": [{"id": "X", "timeSliceDefinition": {"checkInTime": "5 pm"}}]
    }))
    .unwrap();
    assert_eq!(
        mapping::check_times(broken.rate_plans[0].time_slice_definition.as_ref()),
        (time(15, 0), time(11, 0))
    );
}

#[test]
fn unit_groups_become_room_types() {
    let list: UnitGroupList = serde_json::from_value(json!({
        "unitGroups": [
            {"id": "MUC-DBL", "code": "DBL", "name": "Double", "description": "Double room",
             "memberCount": 20, "maxPersons": 2, "rank": 1, "type": "BedRoom",
             "property": {"id": "MUC", "code": "MUC", "name": "Hotel Munich"}},
            {"id": "MUC-SGL", "code": "SGL", "name": "Single", "description": " ",
             "memberCount": 10, "maxPersons": 1, "type": "BedRoom",
             "property": {"id": "MUC"}}
        ],
        "count": 2
    }))
    .unwrap();
    let dbl = mapping::room_type(&list.unit_groups[0]).unwrap();
    assert_eq!(dbl.id.as_str(), "MUC-DBL");
    assert_eq!(dbl.name, "Double");
    assert_eq!(dbl.description.as_deref(), Some("Double room"));
    assert_eq!(dbl.max_occupancy, 2);
    assert_eq!(dbl.total_units, Some(20));
    let sgl = mapping::room_type(&list.unit_groups[1]).unwrap();
    assert_eq!(sgl.description, None);
    for broken in [
        json!({"id": "X", "name": "X", "maxPersons": 0}),
        json!({"id": "X", "name": "X", "maxPersons": 300}),
        json!({"id": "X", "name": "X"}),
        json!({"id": "", "name": "X", "maxPersons": 2}),
    ] {
        let item = serde_json::from_value(broken).unwrap();
        assert_eq!(
            mapping::room_type(&item).unwrap_err().kind(),
            &ErrorKind::Protocol
        );
    }
}

#[test]
fn availability_is_one_entry_per_night_and_unit_group_clamped_at_zero() {
    let list: AvailabilityList = serde_json::from_value(json!({
        "timeSlices": [
            {"from": "2026-09-30T17:00:00+02:00", "to": "2026-10-01T11:00:00+02:00",
             "property": {"physicalCount": 30, "sellableCount": 9},
             "unitGroups": [
                {"unitGroup": {"id": "MUC-SGL", "code": "SGL", "name": "Single", "type": "BedRoom"},
                 "physicalCount": 10, "houseCount": 8, "soldCount": 3, "occupancy": 37.5,
                 "availableCount": 0, "sellableCount": 3, "allowedOverbookingCount": 0},
                {"unitGroup": {"id": "MUC-DBL"}, "sellableCount": -2},
                {"unitGroup": {"id": "MUC-DBL"}, "sellableCount": 5}
             ]},
            {"from": "2026-10-01T17:00:00+02:00", "unitGroups": [
                {"unitGroup": {"id": "MUC-SGL"}, "sellableCount": 4}]},
            {"from": "2026-10-02T17:00:00+02:00", "unitGroups": [
                {"unitGroup": {"id": "MUC-SGL"}, "sellableCount": 4}]}
        ],
        "count": 3
    }))
    .unwrap();
    let stay = Stay::new(day("2026-09-30"), day("2026-10-02")).unwrap();
    let entries = mapping::availability(&list, &stay).unwrap();
    let flat: Vec<_> = entries
        .iter()
        .map(|a| (a.date.to_string(), a.room_type.to_string(), a.available))
        .collect();
    assert_eq!(
        flat,
        vec![
            ("2026-09-30".to_owned(), "MUC-SGL".to_owned(), 3),
            ("2026-09-30".to_owned(), "MUC-DBL".to_owned(), 0),
            ("2026-10-01".to_owned(), "MUC-SGL".to_owned(), 4),
        ]
    );
    let broken: AvailabilityList =
        serde_json::from_value(json!({"timeSlices": [{"from": "yesterday"}]})).unwrap();
    assert_eq!(
        mapping::availability(&broken, &stay).unwrap_err().kind(),
        &ErrorKind::Protocol
    );
    let bad_id: AvailabilityList = serde_json::from_value(json!({"timeSlices": [
        {"from": "2026-09-30", "unitGroups": [{"unitGroup": {"id": "A B"}, "sellableCount": 1}]}
    ]}))
    .unwrap();
    assert!(mapping::availability(&bad_id, &stay).is_err());
}

fn offer_json() -> serde_json::Value {
    json!({
        "arrival": "2026-10-01T17:00:00+02:00",
        "departure": "2026-10-03T11:00:00+02:00",
        "unitGroup": {"id": "MUC-DBL", "code": "DBL", "name": "Double", "description": "Double",
                      "maxPersons": 2, "type": "BedRoom"},
        "ratePlan": {"id": "MUC-FLEX-DBL", "code": "FLEX", "name": "Flexible",
                     "description": "Flexible", "isSubjectToCityTax": true},
        "minGuaranteeType": "PM6Hold",
        "availableUnits": 7,
        "totalGrossAmount": {"amount": 239.8, "currency": "EUR"},
        "cancellationFee": {"code": "FLE", "name": "Flexible", "description": "Free until 18:00",
                            "dueDateTime": "2026-09-30T18:00:00+02:00",
                            "fee": {"amount": 119.9, "currency": "EUR"}},
        "noShowFee": {"code": "NS", "name": "No-show", "description": "",
                      "fee": {"amount": 119.9, "currency": "EUR"}},
        "prePaymentAmount": {"amount": 0.0, "currency": "EUR"},
        "isCorporate": false,
        "taxDetails": [],
        "timeSlices": [
            {"from": "2026-10-01T17:00:00+02:00", "to": "2026-10-02T11:00:00+02:00",
             "availableUnits": 7,
             "baseAmount": {"grossAmount": 119.9, "netAmount": 112.06, "vatType": "Reduced",
                            "vatPercent": 7.0, "currency": "EUR"},
             "totalGrossAmount": {"amount": 119.9, "currency": "EUR"}},
            {"from": "2026-10-02T17:00:00+02:00", "to": "2026-10-03T11:00:00+02:00",
             "availableUnits": 7,
             "totalGrossAmount": {"amount": 119.9, "currency": "EUR"}}
        ],
        "cityTaxes": [{"id": "MUC-CITYTAX", "code": "CT", "name": "City tax",
                       "totalGrossAmount": {"amount": 16.79, "currency": "EUR"}}]
    })
}

fn offer_request() -> OfferRequest {
    OfferRequest {
        stay: Stay::new(day("2026-10-01"), day("2026-10-03")).unwrap(),
        occupancy: Occupancy::adults(2).unwrap(),
    }
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 9, 1, 8, 0, 0).unwrap()
}

#[test]
fn offers_are_priced_exactly_per_night() {
    let model: OfferModel = serde_json::from_value(offer_json()).unwrap();
    let offer = mapping::offer(&model, &offer_request(), now())
        .unwrap()
        .unwrap();
    assert_eq!(offer.room_type.as_str(), "MUC-DBL");
    assert_eq!(offer.rate_plan.as_str(), "MUC-FLEX-DBL");
    assert_eq!(offer.rate_plan_name, "Flexible");
    assert_eq!(offer.total, eur("239.80"));
    let nights: Vec<_> = offer
        .nightly
        .iter()
        .map(|n| (n.date.to_string(), n.amount))
        .collect();
    assert_eq!(
        nights,
        vec![
            ("2026-10-01".to_owned(), eur("119.9")),
            ("2026-10-02".to_owned(), eur("119.9"))
        ]
    );
    assert_eq!(
        offer.cancellation,
        CancellationPolicy::FreeUntil {
            deadline: Utc.with_ymd_and_hms(2026, 9, 30, 16, 0, 0).unwrap(),
            fee: eur("119.9"),
        }
    );
    assert!(!offer.guarantee_required);
    assert_eq!(offer.units_left, 7);
}

#[test]
fn non_refundable_offers_and_guarantees() {
    let mut json = offer_json();
    json["ratePlan"] = json!({"id": "MUC-NONREF-DBL", "name": ""});
    json["minGuaranteeType"] = json!("Prepayment");
    json["cancellationFee"] = json!({"code": "NRF", "dueDateTime": "2026-09-01T10:00:00+02:00",
                                     "fee": {"amount": 239.8, "currency": "EUR"}});
    let model: OfferModel = serde_json::from_value(json).unwrap();
    let offer = mapping::offer(&model, &offer_request(), now())
        .unwrap()
        .unwrap();
    assert_eq!(offer.cancellation, CancellationPolicy::NonRefundable);
    assert!(offer.guarantee_required);
    assert_eq!(offer.rate_plan_name, "MUC-NONREF-DBL");
}

#[test]
fn a_partial_fee_already_due_is_partly_refundable_and_a_whole_one_non_refundable() {
    let due_with = |amount: serde_json::Value| {
        let mut json = offer_json();
        json["cancellationFee"] = json!({"code": "1N", "dueDateTime": "2026-09-01T10:00:00+02:00",
                                         "fee": {"amount": amount, "currency": "EUR"}});
        let model: OfferModel = serde_json::from_value(json).unwrap();
        mapping::offer(&model, &offer_request(), now())
            .unwrap()
            .unwrap()
            .cancellation
    };
    // The first of two nights (239.80) is kept, the rest refunded.
    assert_eq!(
        due_with(json!(119.9)),
        CancellationPolicy::PartlyRefundable { fee: eur("119.9") }
    );
    assert_eq!(due_with(json!(239.8)), CancellationPolicy::NonRefundable);
    // A fee already due but of nothing is free cancellation.
    assert!(matches!(
        due_with(json!(0)),
        CancellationPolicy::FreeUntil { fee, .. } if fee.amount().is_zero()
    ));
}

#[test]
fn cancellation_fees_in_another_currency_or_negative_are_protocol_errors() {
    for fee in [
        json!({"amount": 10.0, "currency": "CHF"}),
        json!({"amount": -1.0, "currency": "EUR"}),
    ] {
        let mut json = offer_json();
        json["cancellationFee"]["fee"] = fee;
        let model: OfferModel = serde_json::from_value(json).unwrap();
        let err = mapping::offer(&model, &offer_request(), now()).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Protocol);
        assert!(err.message().contains("cancellationFee.fee"), "{err}");
    }
}

#[test]
fn unbookable_offers_are_dropped_and_inconsistent_ones_refused() {
    let mut none_left = offer_json();
    none_left["availableUnits"] = json!(0);
    let mut flagged = offer_json();
    flagged["validationMessages"] =
        json!([{"code": "UnitGroupFullyBooked", "message": "Fully booked"}]);
    for json in [none_left, flagged] {
        let model: OfferModel = serde_json::from_value(json).unwrap();
        assert_eq!(
            mapping::offer(&model, &offer_request(), now()).unwrap(),
            None
        );
    }
    let mut rounded = offer_json();
    rounded["totalGrossAmount"] = json!({"amount": 239.81, "currency": "EUR"});
    let mut short = offer_json();
    short["timeSlices"].as_array_mut().unwrap().pop();
    let mut mixed = offer_json();
    mixed["timeSlices"][1]["totalGrossAmount"]["currency"] = json!("CHF");
    let mut bad_due = offer_json();
    bad_due["cancellationFee"]["dueDateTime"] = json!("soon");
    let mut bad_currency = offer_json();
    bad_currency["totalGrossAmount"]["currency"] = json!("XXX");
    let mut bad_room = offer_json();
    bad_room["unitGroup"]["id"] = json!("");
    let mut bad_rate = offer_json();
    bad_rate["ratePlan"]["id"] = json!("");
    let cases = [
        (
            rounded,
            "sum to 239.8 EUR but totalGrossAmount is 239.81 EUR",
        ),
        (short, "prices 1 time slices that are not the 2 nights"),
        (mixed, "mixes currencies"),
        (bad_due, "dueDateTime"),
        (bad_currency, "not ISO 4217"),
        (bad_room, "unitGroup.id"),
        (bad_rate, "ratePlan.id"),
    ];
    for (json, needle) in cases {
        let model: OfferModel = serde_json::from_value(json).unwrap();
        let err = mapping::offer(&model, &offer_request(), now()).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Protocol);
        assert!(err.message().contains(needle), "{err}");
    }
}

#[test]
fn three_nights_of_33_33_are_99_99_exactly() {
    let mut json = offer_json();
    json["departure"] = json!("2026-10-04T11:00:00+02:00");
    let slice = |d: &str| {
        json!({"from": format!("2026-10-{d}T17:00:00+02:00"),
               "totalGrossAmount": {"amount": 33.33, "currency": "EUR"}})
    };
    json["timeSlices"] = json!([slice("01"), slice("02"), slice("03")]);
    json["totalGrossAmount"] = json!({"amount": 99.99, "currency": "EUR"});
    let model: OfferModel = serde_json::from_value(json).unwrap();
    let request = OfferRequest {
        stay: Stay::new(day("2026-10-01"), day("2026-10-04")).unwrap(),
        occupancy: Occupancy::adults(1).unwrap(),
    };
    let offer = mapping::offer(&model, &request, now()).unwrap().unwrap();
    assert_eq!(offer.total, eur("99.99"));
    assert_eq!(offer.total.amount().to_string(), "99.99");
}

fn reservation_json() -> serde_json::Value {
    json!({
        "id": "XPGMSXGF-1", "bookingId": "XPGMSXGF", "status": "Confirmed",
        "property": {"id": "MUC", "code": "MUC"},
        "ratePlan": {"id": "MUC-FLEX-DBL", "code": "FLEX", "name": "Flexible"},
        "unitGroup": {"id": "MUC-DBL", "code": "DBL", "name": "Double", "type": "BedRoom"},
        "totalGrossAmount": {"amount": 239.8, "currency": "EUR"},
        "arrival": "2026-10-01T17:00:00+02:00",
        "departure": "2026-10-03T11:00:00+02:00",
        "created": "2026-09-29T16:19:28.2750481+02:00",
        "modified": "2026-09-29T14:20:39.854424Z",
        "adults": 2, "childrenAges": [4],
        "channelCode": "Direct",
        "externalCode": "VH0123",
        "comment": "Late arrival",
        "primaryGuest": {"title": "Ms", "firstName": "Ada", "lastName": "Lovelace",
                         "email": "Ada@Example.ORG", "phone": "+44 20 7946 0018",
                         "preferredLanguage": "en",
                         "address": {"addressLine1": "1 Street", "city": "London", "countryCode": "GB"}},
        "booker": {"firstName": "Ada", "lastName": "Lovelace"},
        "guaranteeType": "PM6Hold",
        "cancellationFee": {"id": "MUC-FLE", "code": "FLE", "name": "Flexible",
                            "description": "", "dueDateTime": "2026-09-30T18:00:00+02:00",
                            "fee": {"amount": 119.9, "currency": "EUR"}},
        "balance": {"amount": 0.0, "currency": "EUR"},
        "taxDetails": [], "hasCityTax": true, "isOpenForCharges": true
    })
}

#[test]
fn reservations_map_every_contract_field() {
    let model: ReservationModel = serde_json::from_value(reservation_json()).unwrap();
    let r = mapping::reservation(&model).unwrap();
    assert_eq!(r.id.as_str(), "XPGMSXGF-1");
    assert_eq!(r.confirmation_code.as_str(), "XPGMSXGF");
    assert_eq!(r.status, ReservationStatus::Confirmed);
    assert_eq!(
        r.stay,
        Stay::new(day("2026-10-01"), day("2026-10-03")).unwrap()
    );
    assert_eq!(r.occupancy, Occupancy::new(2, vec![4]).unwrap());
    assert_eq!(r.room_type.as_str(), "MUC-DBL");
    assert_eq!(r.rate_plan.as_str(), "MUC-FLEX-DBL");
    assert_eq!(r.total, eur("239.80"));
    assert_eq!(r.guest.first_name.expose(), "Ada");
    assert_eq!(r.guest.last_name.expose(), "Lovelace");
    assert_eq!(r.guest.email, Some(Email::new("Ada@example.org").unwrap()));
    assert_eq!(
        r.guest.phone,
        Some(PhoneNumber::new("+442079460018").unwrap())
    );
    assert_eq!(r.guest.language, Some(LanguageTag::new("en").unwrap()));
    assert_eq!(r.guest.country.unwrap().as_str(), "GB");
    assert_eq!(r.comment.as_ref().unwrap().expose(), "Late arrival");
    assert_eq!(r.guarantee, Guarantee::Unguaranteed);
    // Booked (16:19) before the deadline (18:00 the next day): free until then, then a night.
    let deadline = Utc.with_ymd_and_hms(2026, 9, 30, 16, 0, 0).unwrap();
    assert_eq!(
        r.cancellation,
        CancellationPolicy::FreeUntil {
            deadline,
            fee: eur("119.9"),
        }
    );
    assert_eq!(r.cancellation_fee_at(deadline), eur("0"));
    assert_eq!(
        r.cancellation_fee_at(deadline + chrono::Duration::seconds(1)),
        eur("119.9")
    );
    assert_eq!(
        r.created_at,
        Utc.with_ymd_and_hms(2026, 9, 29, 14, 19, 28).unwrap()
            + chrono::Duration::nanoseconds(275_048_100)
    );
    assert_eq!(
        r.modified_at,
        Utc.with_ymd_and_hms(2026, 9, 29, 14, 20, 39).unwrap()
            + chrono::Duration::nanoseconds(854_424_000)
    );
    assert_eq!(r.cancelled_at, None);
}

#[test]
fn statuses_and_cancellation_time() {
    for (wire, status) in [
        ("Confirmed", ReservationStatus::Confirmed),
        ("InHouse", ReservationStatus::InHouse),
        ("CheckedOut", ReservationStatus::CheckedOut),
        ("Canceled", ReservationStatus::Canceled),
        ("NoShow", ReservationStatus::NoShow),
    ] {
        assert_eq!(mapping::status(wire).unwrap(), status);
    }
    assert_eq!(
        mapping::status("Deleted").unwrap_err().kind(),
        &ErrorKind::Protocol
    );
    assert!(mapping::is_modifiable(ReservationStatus::InHouse));
    assert!(!mapping::is_modifiable(ReservationStatus::NoShow));
    let mut json = reservation_json();
    json["status"] = json!("Canceled");
    json["cancellationTime"] = json!("2026-09-30T09:00:00.1234567+02:00");
    let r = mapping::reservation(&serde_json::from_value(json).unwrap()).unwrap();
    assert_eq!(r.status, ReservationStatus::Canceled);
    assert_eq!(
        r.cancelled_at,
        Some(
            Utc.with_ymd_and_hms(2026, 9, 30, 7, 0, 0).unwrap()
                + chrono::Duration::nanoseconds(123_456_700)
        )
    );
}

#[test]
fn unusable_contact_details_are_dropped_not_fatal() {
    let mut json = reservation_json();
    json["primaryGuest"] = json!({"lastName": "Lovelace", "email": "not-an-address",
                                  "phone": "030 1234567", "preferredLanguage": "english",
                                  "address": {"countryCode": "GBR"}});
    json["comment"] = json!("");
    let r = mapping::reservation(&serde_json::from_value(json).unwrap()).unwrap();
    assert_eq!(r.guest.first_name.expose(), "");
    assert_eq!(r.guest.email, None);
    assert_eq!(r.guest.phone, None);
    assert_eq!(r.guest.language, None);
    assert_eq!(r.guest.country, None);
    assert_eq!(r.comment, None);
}

#[test]
fn broken_reservations_are_protocol_errors_naming_the_field() {
    let cases = [
        ("id", json!(""), "reservation.id"),
        ("bookingId", json!(""), "reservation.bookingId"),
        ("status", json!("Lost"), "reservation.status"),
        ("arrival", json!("01.10.2026"), "reservation.arrival"),
        (
            "departure",
            json!("2026-10-01T10:00:00+02:00"),
            "reservation stay",
        ),
        ("adults", json!(300), "reservation.adults"),
        ("childrenAges", json!([-1]), "reservation.childrenAges"),
        ("childrenAges", json!([30]), "reservation occupancy"),
        ("unitGroup", json!({"id": ""}), "reservation.unitGroup.id"),
        ("ratePlan", json!({"id": ""}), "reservation.ratePlan.id"),
        (
            "totalGrossAmount",
            json!({"amount": 1, "currency": "XYZ"}),
            "reservation.totalGrossAmount",
        ),
        (
            "primaryGuest",
            json!(null),
            "reservation.primaryGuest is missing",
        ),
        (
            "primaryGuest",
            json!({"firstName": "Ada"}),
            "reservation.primaryGuest is not a guest",
        ),
        ("created", json!("now"), "reservation.created"),
        ("modified", json!("now"), "reservation.modified"),
        (
            "cancellationTime",
            json!("then"),
            "reservation.cancellationTime",
        ),
    ];
    for (field, value, needle) in cases {
        let mut json = reservation_json();
        json[field] = value;
        let model: ReservationModel = serde_json::from_value(json).unwrap();
        let err = mapping::reservation(&model).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Protocol, "{field}");
        assert!(err.message().contains(needle), "{field}: {err}");
        for secret in ["Ada", "Lovelace", "example", "7946"] {
            assert!(!err.to_string().contains(secret), "{err}");
        }
    }
}

#[test]
fn dst_offsets_give_local_dates() {
    // A stay across the spring-forward night of 2027-03-28 in Berlin: +01:00 then +02:00.
    let mut json = reservation_json();
    json["arrival"] = json!("2027-03-27T15:00:00+01:00");
    json["departure"] = json!("2027-03-29T11:00:00+02:00");
    let r = mapping::reservation(&serde_json::from_value(json).unwrap()).unwrap();
    assert_eq!(
        r.stay,
        Stay::new(day("2027-03-27"), day("2027-03-29")).unwrap()
    );
    // A late check-in in UTC terms is still the local day.
    assert_eq!(
        mapping::local_date("x", "2027-03-27T23:30:00-10:00").unwrap(),
        day("2027-03-27")
    );
    assert_eq!(
        mapping::local_date("x", " 2027-03-27 ").unwrap(),
        day("2027-03-27")
    );
}

#[test]
fn guests_go_out_as_apaleo_guest_models() {
    let guest = pms_contract::Guest::new(" Ada ", "Lovelace")
        .with_email(Email::new("ada@example.org").unwrap())
        .with_phone(PhoneNumber::new("+44 20 7946 0018").unwrap())
        .with_language(LanguageTag::new("en-GB").unwrap())
        .with_country(pms_contract::CountryCode::new("gb").unwrap());
    let out = serde_json::to_value(mapping::person(&guest)).unwrap();
    assert_eq!(
        out,
        json!({"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.org",
               "phone": "+442079460018", "preferredLanguage": "en",
               "address": {"countryCode": "GB"}})
    );
    let bare = serde_json::to_value(mapping::person(&pms_contract::Guest::new("", "Li"))).unwrap();
    assert_eq!(bare, json!({"lastName": "Li"}));
}

#[test]
fn external_codes_are_deterministic_fixed_length_and_distinct() {
    let a = mapping::external_code(&IdempotencyKey::new("golden-1").unwrap());
    let b = mapping::external_code(&IdempotencyKey::new("golden-1").unwrap());
    let c = mapping::external_code(&IdempotencyKey::new("golden-2").unwrap());
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert_eq!(a.len(), 34);
    assert!(a.starts_with("VH"));
    assert_eq!(
        mapping::external_code(&IdempotencyKey::new("k").unwrap()),
        "VHAF63E64C8601FD8AE5C9BC3722C2F8AB"
    );
}

#[test]
fn rate_plans_and_unit_groups_by_id_scheme() {
    assert_eq!(
        mapping::rate_plan_sells("BER", "BER-DBL", "BER-FLEX-DBL"),
        Some(true)
    );
    assert_eq!(
        mapping::rate_plan_sells("BER", "BER-DBL", "BER-FLEX-SGL"),
        Some(false)
    );
    assert_eq!(
        mapping::rate_plan_sells("BER", "BER-DBL", "BER--DBL"),
        Some(false)
    );
    assert_eq!(
        mapping::rate_plan_sells("BER", "BER-DBL", "ZRH-FLEX-DBL"),
        None
    );
    assert_eq!(mapping::rate_plan_sells("BER", "BER-DBL", "BERFLEX"), None);
    assert_eq!(mapping::rate_plan_sells("BER", "DBL", "BER-FLEX-DBL"), None);
    assert_eq!(
        mapping::same_rate_for_room_type("BER", "BER-DBL", "BER-FLEX-DBL", "BER-SGL").as_deref(),
        Some("BER-FLEX-SGL")
    );
    assert_eq!(
        mapping::same_rate_for_room_type("BER", "BER-DBL", "SPECIAL", "BER-SGL"),
        None
    );
}

#[test]
fn names_and_phones_compare_normalised() {
    assert!(mapping::same_name(" Müller ", "MÜLLER"));
    assert!(!mapping::same_name("Müller", "Mueller"));
    let phone = PhoneNumber::new("+44 7700 900123").unwrap();
    assert!(mapping::same_phone(Some("0044 7700-900-123"), &phone));
    assert!(!mapping::same_phone(Some("07700 900123"), &phone));
    assert!(!mapping::same_phone(None, &phone));
    assert_eq!(mapping::clamp_count(-3), 0);
    assert_eq!(mapping::clamp_count(i64::MAX), u32::MAX);
}

#[test]
fn reservation_messages_keep_only_a_field_path_and_a_category() {
    let cases = [
        (
            "Reservations[0].ChannelCode: The ChannelCode field is required.",
            "Reservations[0].ChannelCode: rejected",
        ),
        ("Guest Ada Lovelace already has a booking", "rejected"),
        (
            "Unit group MUC-DBL is fully booked for 2026-10-01.",
            "no availability for the stay",
        ),
        (
            "Idempotency-Key was already used with different parameters",
            "idempotency key already used with a different request",
        ),
        (
            "Amend is not allowed for reservations in status Canceled",
            "not allowed in the reservation's status",
        ),
        (
            "The rate restrictions for this rate plan are not considered",
            "rate plan restrictions violated",
        ),
        ("Name 'Lovelace': is not valid", "rejected"),
    ];
    for (raw, expected) in cases {
        assert_eq!(
            mapping::sanitize_reservation_message(raw),
            expected,
            "{raw}"
        );
    }
    assert_eq!(
        MessageCategory::found_in("vendor rejected (HTTP 422): x: no availability for the stay"),
        Some(MessageCategory::NoAvailability)
    );
    assert_eq!(MessageCategory::found_in("x: rejected"), None);
}
