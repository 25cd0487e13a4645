//! Every error status Apaleo answers, through the sandbox, mapped onto the contract.

use std::time::Duration;

use apaleo_sandbox::Fault;
use pms_contract::{ErrorKind, HealthStatus, Operation, PmsConnector, ReservationId};

use crate::support::{Rig, request, stay};

fn status(status: u16, retry_after: Option<u64>, times: u32) -> Fault {
    Fault::Status {
        status,
        retry_after,
        times,
    }
}

#[tokio::test]
async fn each_status_maps_to_its_kind_with_status_and_tracking_id() {
    let rig = Rig::start().await;
    // A first call fetches the token, so that faults only meet API requests.
    rig.connector.room_types().await.unwrap();
    let cases = [
        (400, ErrorKind::Validation),
        (404, ErrorKind::NotFound),
        (409, ErrorKind::Conflict),
        (422, ErrorKind::Validation),
        (429, ErrorKind::RateLimited { retry_after: None }),
        (500, ErrorKind::Unavailable),
        (502, ErrorKind::Unavailable),
        (503, ErrorKind::Unavailable),
        (504, ErrorKind::Timeout),
    ];
    for (code, kind) in cases {
        rig.sandbox.faults().push(status(code, None, 1));
        let err = rig.connector.room_types().await.unwrap_err();
        assert_eq!(err.kind(), &kind, "HTTP {code}");
        let ctx = err.context();
        assert_eq!(ctx.http_status, Some(code));
        assert_eq!(ctx.vendor.as_deref(), Some("apaleo"));
        assert_eq!(ctx.operation, Some(Operation::RoomTypes));
        let tracking = ctx.vendor_request_id.as_deref().unwrap_or_default();
        assert_eq!(tracking.len(), 32, "HTTP {code}: tracking id {tracking:?}");
    }
    // The fault queue is empty again.
    assert_eq!(rig.connector.room_types().await.unwrap().len(), 4);
}

#[tokio::test]
async fn injected_422_keeps_its_message_on_inventory_calls_only() {
    let rig = Rig::start().await;
    rig.sandbox.faults().push(status(422, None, 1));
    let err = rig.connector.room_types().await.unwrap_err();
    assert_eq!(
        err.message(),
        "vendor rejected the request as invalid (HTTP 422): Injected fault."
    );
    rig.sandbox.faults().push(status(422, None, 1));
    let id = ReservationId::new("NOPE-1").unwrap();
    let err = rig.connector.get_reservation(&id).await.unwrap_err();
    assert_eq!(
        err.message(),
        "vendor rejected the request as invalid (HTTP 422): rejected"
    );
}

#[tokio::test]
async fn rate_limit_carries_retry_after() {
    let rig = Rig::start().await;
    rig.sandbox.faults().push(status(429, Some(7), 1));
    let err = rig.connector.property().await.unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::RateLimited {
            retry_after: Some(Duration::from_secs(7))
        }
    );
    assert_eq!(err.retry_after(), Some(Duration::from_secs(7)));
    assert!(err.is_retryable());
    // The connector does not retry: one request, one answer.
    let before = rig.api_requests();
    rig.sandbox.faults().push(status(429, Some(1), 1));
    assert!(rig.connector.room_types().await.is_err());
    assert_eq!(rig.api_requests() - before, 1);
}

#[tokio::test]
async fn a_401_is_refreshed_once_and_a_second_401_is_an_authentication_error() {
    let rig = Rig::start().await;
    rig.connector.room_types().await.unwrap();
    assert_eq!(rig.token_requests(), 1);
    // One 401: pms-http fetches a new token and repeats the request once.
    rig.sandbox.faults().push(status(401, None, 1));
    rig.connector.room_types().await.unwrap();
    assert_eq!(rig.token_requests(), 2);
    // Two 401s in a row: an authentication error, no further attempt.
    rig.sandbox.faults().push(status(401, None, 2));
    let before = rig.api_requests();
    let err = rig.connector.room_types().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Authentication);
    assert_eq!(err.context().http_status, Some(401));
    assert_eq!(rig.api_requests() - before, 2);
    // Revoked tokens are refreshed transparently.
    rig.sandbox.faults().push(Fault::RevokeTokens);
    rig.connector.room_types().await.unwrap();
}

#[tokio::test]
async fn refused_credentials_are_an_authentication_error() {
    let rig = Rig::start().await;
    let wrong = rig.connector_as(rig.sandbox.client_id(), "wrong-secret");
    let err = wrong.room_types().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Authentication);
    assert!(err.message().contains("invalid_client"), "{err}");
    assert!(!err.to_string().contains("wrong-secret"));
    assert_eq!(rig.api_requests(), 0);
}

#[tokio::test]
async fn a_client_without_the_scope_gets_403_authorization() {
    let rig =
        Rig::start_with(|s| s.with_client("readonly", "ro-secret", &["reservations.read"])).await;
    let readonly = rig.connector_as("readonly", "ro-secret");
    let err = readonly.room_types().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Authorization);
    assert_eq!(err.context().http_status, Some(403));
    let err = readonly
        .create_reservation(&request(
            stay("2027-02-01", "2027-02-03"),
            "BER-DBL",
            "BER-FLEX-DBL",
            1,
        ))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Authorization);
    // Properties need no scope; without rateplans.read the check-in times are the defaults.
    let property = readonly.property().await.unwrap();
    assert_eq!(property.check_in_time.to_string(), "15:00:00");
    assert_eq!(property.check_out_time.to_string(), "11:00:00");
}

#[tokio::test]
async fn unknown_ids_are_not_found_for_get_modify_and_cancel() {
    let rig = Rig::start().await;
    let id = ReservationId::new("ZZZZZZZZ-1").unwrap();
    let err = rig.connector.get_reservation(&id).await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::NotFound);
    assert_eq!(err.context().http_status, Some(404));
    let err = rig.connector.cancel_reservation(&id).await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::NotFound);
    let change = pms_contract::ReservationChange {
        stay: Some(stay("2027-02-01", "2027-02-03")),
        ..Default::default()
    };
    let err = rig
        .connector
        .modify_reservation(&id, &change)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::NotFound);
}

#[tokio::test]
async fn health_reports_healthy_or_the_failure() {
    let rig = Rig::start().await;
    assert_eq!(rig.connector.health().await.unwrap(), HealthStatus::Healthy);
    rig.sandbox.faults().push(status(503, None, 1));
    let err = rig.connector.health().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Unavailable);
    assert_eq!(err.context().operation, Some(Operation::Health));
}

#[tokio::test]
async fn a_dropped_connection_is_unavailable() {
    let rig = Rig::start().await;
    rig.connector.room_types().await.unwrap();
    rig.sandbox
        .faults()
        .push(Fault::DropConnection { times: 1 });
    let err = rig.connector.room_types().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Unavailable);
}

#[tokio::test]
async fn a_slow_answer_times_out_after_the_attempt_timeout() {
    let rig = Rig::start().await;
    rig.connector.room_types().await.unwrap();
    rig.sandbox.faults().push(Fault::Latency {
        delay: Duration::from_secs(5),
        times: 1,
    });
    let err = rig.connector.room_types().await.unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Timeout);
}
