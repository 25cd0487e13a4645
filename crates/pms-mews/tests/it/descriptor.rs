//! The descriptor: build from a hotel file, the sandbox for `voicehive golden --sandbox`.

use std::sync::Arc;

use pms_contract::{Capability, ErrorKind, ReservationId};
use pms_plugin::{BuildContext, HotelConfig};

fn hotel(property: &str, credentials: &str) -> HotelConfig {
    HotelConfig::from_toml(
        &format!(
            "[hotel]\nid = \"mews-test\"\nvendor = \"mews\"\nproperty = \"{property}\"\nlive = false\n\
             [hotel.endpoints]\napi = \"http://127.0.0.1:9\"\n[hotel.credentials]\n{credentials}"
        ),
        "hotel.toml",
    )
    .unwrap()
}

const CREDENTIALS: &str = "client_token = \"env:MEWS_TEST_CLIENT_TOKEN\"\naccess_token = \"env:MEWS_TEST_ACCESS_TOKEN\"\n";

#[test]
fn the_descriptor_names_mews_and_leaves_phone_search_out() {
    let descriptor = pms_mews::descriptor();
    assert_eq!(descriptor.vendor, "mews");
    assert!(!descriptor.capabilities.contains(Capability::SearchByPhone));
    assert!(descriptor.capabilities.contains(Capability::SearchByEmail));
    let hotel = hotel(mews_sandbox::berlin::ENTERPRISE_ID, CREDENTIALS);
    assert_eq!(
        descriptor.unknown_reservation_id(&hotel).as_deref(),
        Some(pms_mews::UNKNOWN_RESERVATION_ID)
    );
    assert!(descriptor.sandbox().is_some());
}

#[tokio::test]
async fn build_needs_both_token_references_and_does_no_io() {
    let ctx = BuildContext::new(Arc::new(clock::SystemClock));
    let err = (pms_mews::descriptor().build)(
        &hotel(
            mews_sandbox::berlin::ENTERPRISE_ID,
            "client_token = \"env:X\"\n",
        ),
        &ctx,
    )
    .unwrap_err();
    assert_eq!(*err.kind(), ErrorKind::Validation);
    assert!(err.message().contains("access_token"));
    let connector = (pms_mews::descriptor().build)(
        &hotel(mews_sandbox::berlin::ENTERPRISE_ID, CREDENTIALS),
        &ctx,
    )
    .unwrap();
    assert_eq!(connector.vendor(), "mews");
    // The references are resolved on the first call: a missing secret is a configuration
    // error naming the reference, not its value.
    let err = connector.room_types().await.unwrap_err();
    assert_eq!(*err.kind(), ErrorKind::Internal, "{err}");
    assert!(err.message().contains("MEWS_TEST_CLIENT_TOKEN"), "{err}");
}

#[tokio::test]
async fn the_descriptor_sandbox_serves_both_enterprises_through_the_built_connector() {
    let descriptor = pms_mews::descriptor();
    let sandbox = descriptor.sandbox().unwrap();
    for (enterprise, currency) in [
        (mews_sandbox::berlin::ENTERPRISE_ID, "EUR"),
        (mews_sandbox::zurich::ENTERPRISE_ID, "CHF"),
    ] {
        let pms = sandbox
            .start(
                &hotel(enterprise, CREDENTIALS),
                Arc::new(clock::SystemClock),
            )
            .await
            .unwrap();
        assert!(pms.faults.is_some());
        let auth = pms.auth.clone().unwrap();
        assert_eq!(auth.token_requests(), 0);
        assert_ne!(
            pms.hotel.endpoints.api.as_deref(),
            Some("http://127.0.0.1:9")
        );
        let ctx = BuildContext::new(Arc::new(clock::SystemClock))
            .with_secrets(pms.secrets.clone().unwrap());
        let connector = (descriptor.build)(&pms.hotel, &ctx).unwrap();
        let property = connector.property().await.unwrap();
        assert_eq!(property.currency.code(), currency);
        assert_eq!(property.id.as_str(), enterprise);
        assert_eq!(auth.token_requests(), 1);
        // `ExpireToken` rotates the token in the sandbox and in the sandbox's secret store:
        // the built connector reads it once and repeats the refused call.
        pms.faults
            .as_ref()
            .unwrap()
            .inject(pms_golden::Fault::ExpireToken);
        let unknown = ReservationId::new(pms_mews::UNKNOWN_RESERVATION_ID).unwrap();
        let err = connector.get_reservation(&unknown).await.unwrap_err();
        assert_eq!(*err.kind(), ErrorKind::NotFound, "{err}");
        assert_eq!(auth.token_requests(), 2);
        assert!(format!("{pms:?}").contains("SandboxPms"));
    }
    let err = sandbox
        .start(
            &hotel("00000000-0000-4000-8000-000000000001", CREDENTIALS),
            Arc::new(clock::SystemClock),
        )
        .await
        .unwrap_err();
    assert_eq!(*err.kind(), ErrorKind::NotFound);
}

#[test]
fn the_example_hotel_files_parse() {
    for (file, enterprise) in [
        ("mews-sandbox.toml", mews_sandbox::berlin::ENTERPRISE_ID),
        (
            "mews-sandbox-zurich.toml",
            mews_sandbox::zurich::ENTERPRISE_ID,
        ),
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/hotels")
            .join(file);
        let hotel = HotelConfig::load(&path).unwrap();
        assert_eq!(hotel.vendor, "mews");
        assert_eq!(hotel.property.as_str(), enterprise);
        assert!(hotel.credentials.contains_key("client_token"));
        assert!(hotel.credentials.contains_key("access_token"));
    }
}
