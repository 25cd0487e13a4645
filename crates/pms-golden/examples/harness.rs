//! A partner's golden harness, as the connector guide shows it.
//!
//! In a connector crate this lives in `tests/golden.rs` (with `tokio` and `pms-golden` as
//! dev-dependencies); `cargo test golden` then runs the suite. Here the connector is a stand-in
//! that answers every call as unavailable, so `cargo run --example harness` only prints what
//! the fixture provides and declares.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use chrono::Days;
use clock::{Clock, SystemClock};
use pms_contract::{Call, ErrorKind, Layer, PmsError, Reply, ReservationId};
use pms_golden::{GoldenFixture, GoldenHarness, IoProbe, Lack};

/// Stands for the partner's connector crate.
mod acme {
    use super::*;

    /// The connector under test. A real one talks HTTP to the Acme PMS and counts the requests
    /// it sends, which makes it its own I/O probe.
    #[derive(Debug, Default)]
    pub(crate) struct AcmeConnector {
        requests: AtomicU64,
    }

    #[async_trait]
    impl Layer for AcmeConnector {
        fn vendor(&self) -> &str {
            "acme"
        }

        async fn call(&self, _call: Call<'_>) -> Result<Reply, PmsError> {
            self.requests.fetch_add(1, Ordering::SeqCst);
            Err(PmsError::new(
                ErrorKind::Unavailable,
                "this example has no Acme PMS",
            ))
        }
    }

    impl IoProbe for AcmeConnector {
        fn io_calls(&self) -> u64 {
            self.requests.load(Ordering::SeqCst)
        }
    }
}

/// The harness: a fresh connector per scenario, against the partner's own sandbox property.
#[derive(Debug)]
pub(crate) struct AcmeHarness;

#[async_trait]
impl GoldenHarness for AcmeHarness {
    fn name(&self) -> String {
        "acme:sandbox".into()
    }

    async fn fixture(&self) -> Result<GoldenFixture, PmsError> {
        let connector = Arc::new(acme::AcmeConnector::default());
        let first_arrival = SystemClock
            .now()
            .date_naive()
            .checked_add_days(Days::new(14))
            .ok_or_else(|| PmsError::internal("the calendar ends within 14 days"))?;
        Ok(GoldenFixture::new(connector.clone(), first_arrival)
            // Rejected calls must not reach the PMS: the connector counts its requests.
            .with_io(connector)
            // "Not found" is tested with an id the vendor could have issued.
            .with_unknown_reservation_id(ReservationId::new("ACME-00000000")?)
            // The sandbox cannot inject faults or count token requests. Declared, the six
            // fault scenarios are reported as skipped; undeclared, they fail.
            .lacking(Lack::FaultInjector)
            .lacking(Lack::AuthProbe)
            // Other partners book on the same sandbox: the scenarios that count units skip.
            .shared())
    }
}

// One `#[tokio::test]` per scenario, in a module `golden`.
pms_golden::golden_suite!(AcmeHarness);

#[allow(
    clippy::print_stdout,
    reason = "the example shows the fixture it builds"
)]
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), PmsError> {
    let fixture = AcmeHarness.fixture().await?;
    println!("{}: {fixture:?}", AcmeHarness.name());
    Ok(())
}
