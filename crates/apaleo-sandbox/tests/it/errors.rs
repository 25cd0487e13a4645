//! 404s, 415s and 422 bodies.

use reqwest::StatusCode;
use serde_json::json;

use crate::common::{booking, env, messages};

#[tokio::test]
async fn unknown_ids_are_404_with_an_empty_body() {
    let env = env().await;
    for path in [
        "/booking/v1/reservations/NOPENOPE-1",
        "/booking/v1/bookings/NOPENOPE",
        "/inventory/v1/properties/MUC",
        "/inventory/v1/unit-groups/BER-XXL",
        "/rateplan/v1/rate-plans/BER-FLEX-XXL",
        "/rateplan/v1/rate-plans/BER-FLEX-XXL/rates?from=2026-10-01&to=2026-10-02",
        "/booking/v1/no-such-endpoint",
    ] {
        let response = env.get(path, &[]).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(response.headers().contains_key("apaleo-tracking-id"));
        assert!(response.text().await.unwrap().is_empty(), "{path}");
    }
    let amend = json!({
        "arrival": "2026-10-01", "departure": "2026-10-02", "adults": 1,
        "timeSlices": [{ "ratePlanId": "BER-FLEX-DBL" }]
    });
    let response = env
        .put(
            "/booking/v1/reservation-actions/NOPENOPE-1/amend",
            Some(&amend),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = env
        .put("/booking/v1/reservation-actions/NOPENOPE-1/cancel", None)
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = env
        .patch("/booking/v1/reservations/NOPENOPE-1", &json!([]))
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = env
        .get(
            "/availability/v1/unit-groups",
            &[
                ("propertyId", "MUC"),
                ("from", "2026-10-01"),
                ("to", "2026-10-01"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn model_validation_lists_every_problem() {
    let env = env().await;
    let body = json!({
        "booker": { "firstName": "No last name", "email": "not-an-email" },
        "reservations": [{
            "arrival": "2026-10-01",
            "adults": 0,
            "timeSlices": [{ "ratePlanId": "BER-FLEX-DBL" }]
        }]
    });
    let msgs = messages(env.post_booking(&body, None).await).await;
    for expected in [
        "Booker.LastName: The LastName field is required.",
        "Booker.Email: The Email field is not a valid e-mail address.",
        "Reservations[0].ChannelCode: The ChannelCode field is required.",
        "Reservations[0].Departure: The Departure field is required.",
        "Reservations[0].Adults: The field Adults must be between 1 and 2147483647.",
    ] {
        assert!(
            msgs.iter().any(|m| m == expected),
            "missing {expected:?} in {msgs:?}"
        );
    }
    assert_eq!(env.sandbox.stats().bookings_created(), 0);
}

#[tokio::test]
async fn business_rules_use_apaleo_wording() {
    let env = env().await;
    // One time slice for two nights.
    let body = booking("BER-FLEX-DBL", "2026-10-01", "2026-10-03", 1, 1);
    assert_eq!(
        messages(env.post_booking(&body, None).await).await,
        ["Expected 2 time slices but 1 were provided."]
    );
    // Arrival in the past (today is 2026-09-15).
    let body = booking("BER-FLEX-DBL", "2026-09-14", "2026-09-15", 1, 1);
    assert_eq!(
        messages(env.post_booking(&body, None).await).await,
        ["The specified condition was not met for 'Arrival'."]
    );
    // Departure before arrival.
    let body = booking("BER-FLEX-DBL", "2026-10-03", "2026-10-01", 1, 1);
    assert_eq!(
        messages(env.post_booking(&body, None).await).await,
        ["The specified condition was not met for 'Departure'."]
    );
    // Too many persons for a single room.
    let body = booking("BER-FLEX-SGL", "2026-10-01", "2026-10-02", 1, 2);
    let msgs = messages(env.post_booking(&body, None).await).await;
    assert!(msgs[0].contains("BER-SGL"), "{msgs:?}");
    // Unknown rate plan.
    let body = booking("BER-FLEX-XXL", "2026-10-01", "2026-10-02", 1, 1);
    let msgs = messages(env.post_booking(&body, None).await).await;
    assert_eq!(
        msgs,
        [
            "Reservations[0].TimeSlices[0].RatePlanId: The rate plan 'BER-FLEX-XXL' could not be found."
        ]
    );
    // A guarantee weaker than the rate plan's minimum.
    let mut body = booking("BER-NONREF-DBL", "2026-10-01", "2026-10-02", 1, 1);
    body["reservations"][0]["guaranteeType"] = json!("PM6Hold");
    let msgs = messages(env.post_booking(&body, None).await).await;
    assert!(msgs[0].contains("Prepayment"), "{msgs:?}");
    // ChannelManager needs a source.
    let mut body = booking("BER-FLEX-DBL", "2026-10-01", "2026-10-02", 1, 1);
    body["reservations"][0]["channelCode"] = json!("ChannelManager");
    assert_eq!(
        messages(env.post_booking(&body, None).await).await,
        ["Source is required for ChannelManager channel and should be configured."]
    );
    // Offers in the past and without adults.
    let response = env
        .get(
            "/booking/v1/offers",
            &[
                ("propertyId", "BER"),
                ("arrival", "2026-09-01"),
                ("departure", "2026-09-02"),
                ("adults", "1"),
            ],
        )
        .await;
    assert_eq!(
        messages(response).await,
        ["The specified condition was not met for 'Arrival'."]
    );
    let response = env
        .get(
            "/booking/v1/offers",
            &[
                ("propertyId", "BER"),
                ("arrival", "2026-10-01"),
                ("departure", "2026-10-02"),
            ],
        )
        .await;
    assert_eq!(messages(response).await, ["The adults field is required."]);
    let response = env
        .get("/booking/v1/reservations", &[("dateFilter", "Arrival")])
        .await;
    assert_eq!(
        messages(response).await,
        ["When filtering by date, at least one of 'from' and 'to' has to be specified."]
    );
    let response = env
        .get(
            "/booking/v1/reservations",
            &[("dateFilter", "Yesterday"), ("from", "2026-01-01")],
        )
        .await;
    assert_eq!(
        messages(response).await,
        ["The value 'Yesterday' is not valid for DateFilter."]
    );
}

#[tokio::test]
async fn non_json_bodies_are_415_and_broken_json_is_422() {
    let env = env().await;
    let response = env
        .http
        .post(env.url("/booking/v1/bookings"))
        .bearer_auth(&env.token)
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let response = env
        .http
        .post(env.url("/booking/v1/bookings"))
        .bearer_auth(&env.token)
        .header("content-type", "application/json")
        .body("{ not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = env
        .http
        .delete(env.url("/booking/v1/reservations/X-1"))
        .bearer_auth(&env.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
}
