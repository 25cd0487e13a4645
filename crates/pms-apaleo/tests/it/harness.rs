//! The golden harness: fault translation, probes, and the suite on the Zürich property.

use std::time::Duration;

use apaleo_sandbox::Fault as SandboxFault;
use pms_apaleo::{ApaleoHarness, SandboxFaults, apaleo_capabilities};
use pms_contract::{Capability, ErrorKind};
use pms_golden::{Fault, GoldenHarness, Outcome};

#[test]
fn suite_faults_become_sandbox_faults() {
    let fail = |kind: ErrorKind| SandboxFaults::translate(&Fault::Fail { kind, times: 2 });
    let status = |status: u16, retry_after: Option<u64>| {
        vec![SandboxFault::Status {
            status,
            retry_after,
            times: 2,
        }]
    };
    assert_eq!(
        fail(ErrorKind::RateLimited {
            retry_after: Some(Duration::from_millis(250))
        }),
        status(429, Some(1))
    );
    assert_eq!(
        fail(ErrorKind::RateLimited {
            retry_after: Some(Duration::from_secs(2))
        }),
        status(429, Some(2))
    );
    assert_eq!(
        fail(ErrorKind::RateLimited { retry_after: None }),
        status(429, None)
    );
    let cases = [
        (ErrorKind::Unavailable, 503),
        (ErrorKind::Timeout, 504),
        (ErrorKind::Validation, 422),
        (ErrorKind::InvalidState, 422),
        (ErrorKind::NotFound, 404),
        (ErrorKind::Conflict, 409),
        (ErrorKind::Authentication, 401),
        (ErrorKind::Authorization, 403),
        (ErrorKind::Protocol, 300),
        (ErrorKind::TooBroad, 422),
        (
            ErrorKind::Unsupported {
                capability: Capability::Offers,
            },
            501,
        ),
        (ErrorKind::Internal, 500),
    ];
    for (kind, code) in cases {
        assert_eq!(fail(kind.clone()), status(code, None), "{kind}");
    }
    assert_eq!(
        SandboxFaults::translate(&Fault::CommitThenTimeout),
        vec![SandboxFault::CommitThenTimeout]
    );
    assert_eq!(
        SandboxFaults::translate(&Fault::Latency {
            delay: Duration::from_millis(30),
            times: 3
        }),
        vec![SandboxFault::Latency {
            delay: Duration::from_millis(30),
            times: 3
        }]
    );
    assert_eq!(
        SandboxFaults::translate(&Fault::ExpireToken),
        vec![SandboxFault::RevokeTokens]
    );
    assert_eq!(
        SandboxFaults::translate(&Fault::RejectCredentials),
        vec![SandboxFault::RejectClient, SandboxFault::RevokeTokens]
    );
}

#[tokio::test]
async fn fixtures_are_fresh_exclusive_and_offer_apaleo_s_usable_capabilities() {
    let harness = ApaleoHarness::default();
    assert_eq!(harness.name(), "apaleo:sandbox:BER");
    assert_eq!(harness.property(), "BER");
    let fixture = harness.fixture().await.unwrap();
    assert!(fixture.exclusive && fixture.allow_writes);
    assert_eq!(fixture.capabilities, apaleo_capabilities().unwrap());
    assert_eq!(fixture.capabilities.len(), Capability::ALL.len());
    let io = fixture.io.clone().unwrap();
    let auth = fixture.auth.clone().unwrap();
    assert_eq!((io.io_calls(), auth.token_requests()), (0, 0));
    fixture.connector.room_types().await.unwrap();
    assert_eq!((io.io_calls(), auth.token_requests()), (1, 1));
    let faults = fixture.faults.clone().unwrap();
    faults.inject(Fault::Fail {
        kind: ErrorKind::Unavailable,
        times: 5,
    });
    assert!(fixture.connector.room_types().await.is_err());
    faults.clear();
    fixture.connector.room_types().await.unwrap();
    for debug in [format!("{io:?}"), format!("{faults:?}")] {
        assert!(debug.contains("http://127.0.0.1:"), "{debug}");
    }
    // A second fixture is another sandbox.
    let other = harness.fixture().await.unwrap();
    assert_eq!(other.io.unwrap().io_calls(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_zurich_property_passes_every_scenario() {
    let report = pms_golden::run_suite(&ApaleoHarness::for_property("ZRH"), |_| true).await;
    assert_eq!(report.harness, "apaleo:sandbox:ZRH");
    for scenario in &report.scenarios {
        assert!(
            matches!(scenario.outcome, Outcome::Passed),
            "{}: {:?}",
            scenario.scenario,
            scenario.outcome
        );
    }
}
