//! The harness's fault translation, probes and fixtures.

use std::sync::Arc;
use std::time::Duration;

use mews_sandbox::Fault as S;
use pms_contract::{ErrorKind, PmsConnector};
use pms_golden::{Fault, FaultInjector, GoldenHarness, Lack};
use pms_mews::{MewsHarness, SandboxFaults};

#[test]
fn every_suite_fault_has_a_sandbox_translation() {
    let fail = |kind: ErrorKind| Fault::Fail { kind, times: 2 };
    let status = |status: u16, retry_after: Option<u64>| {
        Some(S::Status {
            status,
            retry_after,
            times: 2,
        })
    };
    for (fault, expected) in [
        (
            fail(ErrorKind::RateLimited {
                retry_after: Some(Duration::from_millis(250)),
            }),
            status(429, Some(1)),
        ),
        (
            fail(ErrorKind::RateLimited { retry_after: None }),
            status(429, None),
        ),
        (fail(ErrorKind::Unavailable), status(503, None)),
        (fail(ErrorKind::Timeout), status(408, None)),
        (fail(ErrorKind::Validation), status(400, None)),
        (fail(ErrorKind::NotFound), status(400, None)),
        (fail(ErrorKind::InvalidState), status(400, None)),
        (fail(ErrorKind::Conflict), status(403, None)),
        (fail(ErrorKind::Authentication), status(401, None)),
        (fail(ErrorKind::Authorization), status(401, None)),
        (fail(ErrorKind::Protocol), status(404, None)),
        (fail(ErrorKind::Internal), status(500, None)),
        (
            Fault::CommitThenTimeout,
            Some(S::CommitThenDrop { times: 1 }),
        ),
        (
            Fault::Latency {
                delay: Duration::from_millis(5),
                times: 1,
            },
            Some(S::Latency {
                delay: Duration::from_millis(5),
                times: 1,
            }),
        ),
        (Fault::ExpireToken, None),
        (Fault::RejectCredentials, None),
    ] {
        assert_eq!(SandboxFaults::translate(&fault), expected, "{fault:?}");
    }
}

#[tokio::test]
async fn injected_faults_reach_the_sandbox_and_clear_removes_them() {
    let harness = MewsHarness::zurich();
    assert_eq!(harness.enterprise_id(), mews_sandbox::zurich::ENTERPRISE_ID);
    assert!(harness.name().starts_with("mews:sandbox:"));
    let (pms, sandbox) = harness.start().await.unwrap();
    let faults = SandboxFaults::new(sandbox.clone());
    assert!(format!("{faults:?}").contains("http://"));
    faults.inject(Fault::RejectCredentials);
    assert_eq!(
        *pms.room_types().await.unwrap_err().kind(),
        ErrorKind::Authentication
    );
    faults.clear();
    assert_eq!(pms.room_types().await.unwrap().len(), 4);
    faults.inject(Fault::ExpireToken);
    faults.inject(Fault::Latency {
        delay: Duration::from_millis(1),
        times: 1,
    });
    assert_eq!(sandbox.faults().pending().len(), 1);
    faults.clear();
    assert!(sandbox.faults().pending().is_empty());
}

#[tokio::test]
async fn fixtures_declare_what_they_have_and_lack() {
    let fixture = MewsHarness::berlin().fixture().await.unwrap();
    assert!(!fixture.declares(Lack::AuthProbe));
    assert!(fixture.auth.is_some());
    assert!(!fixture.declares(Lack::FaultInjector));
    assert!(fixture.declares(Lack::Capability(pms_contract::Capability::SearchByPhone)));
    let io = fixture.io.clone().unwrap();
    let before = io.io_calls();
    assert!(before >= 5, "the fixture reads the set-up first");
    fixture.connector.room_types().await.unwrap();
    assert_eq!(io.io_calls(), before + 1, "room types are one request");
    assert!(format!("{io:?}").contains("requests_sent"));
    assert_eq!(
        fixture.unknown_reservation_id.unwrap().as_str(),
        pms_mews::UNKNOWN_RESERVATION_ID
    );
    let err = MewsHarness::for_enterprise("nope")
        .start()
        .await
        .unwrap_err();
    assert_eq!(*err.kind(), ErrorKind::NotFound);
}

#[tokio::test]
async fn an_expired_token_is_rotated_in_the_sandbox_and_read_again_once() {
    let fixture = MewsHarness::zurich().fixture().await.unwrap();
    let (io, auth, faults) = (
        fixture.io.clone().unwrap(),
        fixture.auth.clone().unwrap(),
        fixture.faults.clone().unwrap(),
    );
    assert_eq!(
        auth.token_requests(),
        1,
        "the fixture's first call read the token"
    );
    assert!(format!("{auth:?}").contains("access_reads"));
    let before = io.io_calls();
    faults.inject(Fault::ExpireToken);
    // The refused request, one read of the rotated token, the repeated request.
    assert_eq!(fixture.connector.room_types().await.unwrap().len(), 4);
    assert_eq!(io.io_calls(), before + 2);
    assert_eq!(auth.token_requests(), 2);
    fixture.connector.room_types().await.unwrap();
    assert_eq!((io.io_calls(), auth.token_requests()), (before + 3, 2));
    // Refused credentials: one request and at most one read per refusal, then back-off.
    faults.inject(Fault::RejectCredentials);
    for _ in 0..3 {
        assert_eq!(
            *fixture.connector.room_types().await.unwrap_err().kind(),
            ErrorKind::Authentication
        );
    }
    assert_eq!((io.io_calls(), auth.token_requests()), (before + 6, 3));
    faults.clear();
    fixture.connector.room_types().await.unwrap();
}

#[tokio::test]
async fn the_token_scenarios_run_and_pass_rather_than_skip() {
    use pms_golden::{Outcome, Scenario};
    let token_scenarios = [
        Scenario::ExpiredTokenIsRefreshedOnceForConcurrentCalls,
        Scenario::InvalidCredentialsFailWithoutRetryStorm,
    ];
    for harness in [MewsHarness::berlin(), MewsHarness::zurich()] {
        let report = pms_golden::run_suite(&harness, |s| token_scenarios.contains(&s)).await;
        for scenario in token_scenarios {
            assert_eq!(
                report.outcome(scenario),
                Some(&Outcome::Passed),
                "{}: {report}",
                harness.name()
            );
        }
    }
}

#[tokio::test]
async fn the_descriptor_sandbox_resolves_only_its_own_references() {
    let descriptor = pms_mews::descriptor();
    let hotel = pms_plugin::HotelConfig::from_toml(
        &format!(
            "[hotel]\nid = \"m\"\nvendor = \"mews\"\nproperty = \"{}\"\nlive = false\n",
            mews_sandbox::berlin::ENTERPRISE_ID
        ),
        "hotel.toml",
    )
    .unwrap();
    let pms = descriptor
        .sandbox()
        .unwrap()
        .start(&hotel, Arc::new(clock::SystemClock))
        .await
        .unwrap();
    let secrets = pms.secrets.unwrap();
    let other = credentials::SecretRef::parse("env:SOMETHING_ELSE").unwrap();
    assert!(secrets.get(&other).await.is_err());
    assert!(!format!("{secrets:?}").contains("VoiceHiveSandbox"));
}
