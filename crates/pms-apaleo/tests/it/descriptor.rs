//! The connector's plug-in point: built from a hotel file through the shared `BuildContext`,
//! and its sandbox with fault injection, as the factory and `voicehive golden --sandbox` use
//! them.

use std::sync::Arc;

use clock::SharedClock;
use pms_contract::ErrorKind;
use pms_golden::Fault;
use pms_plugin::{BuildContext, HotelConfig};

fn hotel(api: &str) -> HotelConfig {
    HotelConfig::from_toml(
        &format!(
            r#"
[hotel]
id = "berlin"
vendor = "apaleo"
property = "BER"
account = "ACME"
live = false

[hotel.endpoints]
api = "{api}"
identity = "{api}"

[hotel.credentials]
client_id = "env:VOICEHIVE_TEST_UNSET_CLIENT_ID"
client_secret = "env:VOICEHIVE_TEST_UNSET_CLIENT_SECRET"
"#
        ),
        "test.toml",
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_descriptor_builds_a_working_connector_against_its_own_sandbox() {
    let descriptor = pms_apaleo::descriptor();
    assert_eq!(descriptor.vendor, pms_apaleo::VENDOR);
    let base = hotel("http://127.0.0.1:9");
    assert_eq!(
        descriptor.unknown_reservation_id(&base).as_deref(),
        Some(pms_apaleo::UNKNOWN_RESERVATION_ID)
    );
    let sandbox = descriptor
        .sandbox()
        .expect("the golden feature attaches a sandbox");
    let clock: SharedClock = Arc::new(clock::SystemClock);
    let pms = sandbox.start(&base, clock.clone()).await.unwrap();
    assert!(pms.connector.is_none(), "the factory builds the connector");
    assert!(pms.faults.is_some() && pms.auth.is_some());
    assert_ne!(
        pms.hotel.endpoints.api, base.endpoints.api,
        "pointed at the sandbox"
    );
    assert_eq!(pms.hotel.property, base.property);
    let ctx = BuildContext::new(clock).with_secrets(pms.secrets.clone().unwrap());
    let connector = (descriptor.build)(&pms.hotel, &ctx).unwrap();
    assert_eq!(connector.vendor(), "apaleo");
    let property = connector.property().await.unwrap();
    assert_eq!(property.id.as_str(), "BER");
    assert!(!connector.room_types().await.unwrap().is_empty());
    // The sandbox's probes: its token requests, and faults at its API.
    let auth = pms.auth.as_ref().unwrap();
    assert!(auth.token_requests() >= 1);
    let faults = pms.faults.as_ref().unwrap();
    faults.inject(Fault::Fail {
        kind: ErrorKind::Unavailable,
        times: 1,
    });
    let err = connector.room_types().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Unavailable);
    faults.inject(Fault::Fail {
        kind: ErrorKind::Unavailable,
        times: 5,
    });
    faults.clear();
    assert!(
        connector.room_types().await.is_ok(),
        "cleared faults fail nothing"
    );
    faults.inject(Fault::ExpireToken);
    assert!(
        connector.property().await.is_ok(),
        "a revoked token is refreshed once"
    );
    assert!(auth.token_requests() >= 2);
}

#[test]
fn a_missing_credential_reference_is_a_clear_validation_error() {
    let ctx = BuildContext::new(Arc::new(clock::SystemClock));
    let mut hotel = hotel("http://127.0.0.1:9");
    hotel.credentials.remove("client_secret");
    let err = pms_apaleo::build(&hotel, &ctx).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Validation);
    assert!(err.to_string().contains("client_secret"), "{err}");
}

#[test]
fn an_endpoint_that_is_not_http_is_refused_when_building() {
    let ctx = BuildContext::new(Arc::new(clock::SystemClock));
    let err = pms_apaleo::build(&hotel("ftp://127.0.0.1:9"), &ctx).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Internal);
}
