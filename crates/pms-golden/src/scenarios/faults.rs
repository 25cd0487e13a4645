//! Fault scenarios: the connector behind the resilient base, with faults injected at its PMS.

use std::sync::Arc;
use std::time::Duration;

use clock::{Clock, TokioClock};
use pms_contract::{ContractGuard, ErrorKind, PmsConnector, ReservationSearch};
use pms_resilience::{
    BreakerConfig, CacheTtls, CircuitState, ResiliencePolicy, ResilientConnector,
};

use super::{Check, Ctx, Verdict, ensure};
use crate::{AuthProbe, Fault, FaultInjector, IoProbe, Lack};

/// A policy with the production semantics and test-sized numbers: no cache (every call must
/// reach the PMS), quick backoff, a small breaker window and a short open wait.
fn policy() -> ResiliencePolicy {
    let mut policy = ResiliencePolicy::interactive();
    policy.cache = CacheTtls::disabled();
    policy.retry.base_delay = Duration::from_millis(10);
    policy.retry.max_delay = Duration::from_millis(50);
    policy.retry.budget_min_per_second = 100;
    policy.breaker = BreakerConfig {
        failure_rate_threshold: 50.0,
        slow_call_rate_threshold: 100.0,
        slow_call_duration: Duration::from_secs(10),
        sliding_window_size: 6,
        minimum_number_of_calls: 6,
        wait_duration_in_open_state: OPEN_WAIT,
        permitted_calls_in_half_open_state: 1,
        max_wait_duration_in_half_open_state: Duration::ZERO,
    };
    policy
}

const OPEN_WAIT: Duration = Duration::from_millis(300);

/// What the fault scenarios need from the fixture.
struct Rig {
    faults: Arc<dyn FaultInjector>,
    io: Arc<dyn IoProbe>,
    resilient: Arc<ResilientConnector>,
    pms: ContractGuard,
    /// The resilient base's clock, which follows tokio's (paused in tests) time.
    clock: TokioClock,
}

impl Rig {
    fn new(ctx: &Ctx) -> Result<Self, Verdict> {
        let Some(faults) = &ctx.fixture.faults else {
            return Err(Verdict::Skip(
                Lack::FaultInjector,
                "the harness has no fault injector".into(),
            ));
        };
        let Some(io) = &ctx.fixture.io else {
            return Err(Verdict::Skip(
                Lack::IoProbe,
                "the harness has no I/O probe, which the fault scenarios count attempts with"
                    .into(),
            ));
        };
        let clock = TokioClock::now_from_system();
        let resilient = Arc::new(ResilientConnector::new(
            ctx.fixture.connector.clone(),
            "golden",
            policy(),
            Arc::new(clock),
        ));
        let pms = ContractGuard::new(resilient.clone(), ctx.fixture.capabilities);
        Ok(Self {
            faults: faults.clone(),
            io: io.clone(),
            resilient,
            pms,
            clock,
        })
    }

    fn io(&self) -> u64 {
        self.io.io_calls()
    }

    /// Time passed since `since` on the rig's clock.
    fn since(&self, since: chrono::DateTime<chrono::Utc>) -> Duration {
        (self.clock.now() - since).to_std().unwrap_or_default()
    }
}

pub(super) async fn rate_limit_retried(ctx: &Ctx) -> Check {
    let rig = Rig::new(ctx)?;
    let retry_after = Duration::from_millis(250);
    rig.faults.inject(Fault::Fail {
        kind: ErrorKind::RateLimited {
            retry_after: Some(retry_after),
        },
        times: 1,
    });
    let (io, started) = (rig.io(), rig.clock.now());
    ctx.ok("room_types after a 429", rig.pms.room_types().await)?;
    let waited = rig.since(started);
    ensure!(
        rig.io() - io == 2,
        "{} calls reached the PMS, expected the refused one and one retry",
        rig.io() - io
    );
    ensure!(
        waited >= retry_after,
        "retried after {} ms, before the {} ms the PMS asked for",
        waited.as_millis(),
        retry_after.as_millis()
    );
    Ok(())
}

pub(super) async fn circuit_opens_and_closes(ctx: &Ctx) -> Check {
    let rig = Rig::new(ctx)?;
    rig.faults.inject(Fault::Fail {
        kind: ErrorKind::Unavailable,
        times: 1_000,
    });
    let io = rig.io();
    let err = ctx.err(
        "room_types while the PMS answers 503",
        rig.pms.room_types().await,
        "an unavailable",
        |k| *k == ErrorKind::Unavailable,
    )?;
    ensure!(
        rig.io() - io == 3,
        "the first call made {} attempts, expected 3 (the retry limit): {err}",
        rig.io() - io
    );
    // Three more failures fill the window of six: the breaker opens.
    let _ = rig.pms.room_types().await;
    ensure!(
        rig.resilient.breaker().state() == CircuitState::Open,
        "six failures in a window of six left the circuit {:?}",
        rig.resilient.breaker().state()
    );
    let io = rig.io();
    let err = ctx.err(
        "room_types with the circuit open",
        rig.pms.room_types().await,
        "an unavailable",
        |k| *k == ErrorKind::Unavailable,
    )?;
    ensure!(
        rig.io() == io,
        "a call with the circuit open reached the PMS"
    );
    ensure!(
        err.message().contains("circuit breaker"),
        "the error does not say the circuit is open: {err}"
    );
    rig.faults.clear();
    tokio::time::sleep(OPEN_WAIT + Duration::from_millis(50)).await;
    ctx.ok("the half-open trial call", rig.pms.room_types().await)?;
    ensure!(
        rig.resilient.breaker().state() == CircuitState::Closed,
        "a successful trial left the circuit {:?}",
        rig.resilient.breaker().state()
    );
    ctx.ok("room_types after recovery", rig.pms.room_types().await)?;
    Ok(())
}

pub(super) async fn read_timeout_retried(ctx: &Ctx) -> Check {
    let rig = Rig::new(ctx)?;
    let stay = ctx.stay(0, 2)?;
    rig.faults.inject(Fault::Fail {
        kind: ErrorKind::Timeout,
        times: 1,
    });
    let io = rig.io();
    ctx.ok(
        "availability after a timeout",
        rig.pms.availability(&stay).await,
    )?;
    ensure!(
        rig.io() - io == 2,
        "{} calls reached the PMS, expected the timed-out one and one retry",
        rig.io() - io
    );
    Ok(())
}

pub(super) async fn commit_then_timeout(ctx: &Ctx) -> Check {
    let rig = Rig::new(ctx)?;
    let offer = ctx.offer(ctx.stay(0, 2)?).await?;
    let request = ctx.request(&offer, ctx.guest(1)?, ctx.key(1)?)?;
    rig.faults.inject(Fault::CommitThenTimeout);
    let created = ctx.ok(
        "create_reservation that timed out after committing",
        rig.pms.create_reservation(&request).await,
    )?;
    ctx.remember(&created);
    let search = ReservationSearch::LastName {
        last_name: request.guest.last_name.clone(),
        arrival: None,
    };
    ctx.settled(
        || super::writes::search_for(ctx, &search),
        |found| {
            ensure!(
                found.len() == 1,
                "the guest has {} reservations after a committed-then-timed-out create, expected 1",
                found.len()
            );
            ensure!(
                found[0].id == created.id,
                "the retry returned {} but the PMS holds {}",
                created.id,
                found[0].id
            );
            Ok(())
        },
    )
    .await?;
    Ok(())
}

fn auth_probe(ctx: &Ctx) -> Result<Arc<dyn AuthProbe>, Verdict> {
    ctx.fixture.auth.clone().ok_or_else(|| {
        Verdict::Skip(
            Lack::AuthProbe,
            "the harness has no authentication probe".into(),
        )
    })
}

pub(super) async fn token_refreshed_once(ctx: &Ctx) -> Check {
    const CALLS: usize = 12;
    let rig = Rig::new(ctx)?;
    let auth = auth_probe(ctx)?;
    ctx.ok(
        "room_types before the token expires",
        rig.pms.room_types().await,
    )?;
    let requests = auth.token_requests();
    rig.faults.inject(Fault::ExpireToken);
    let tasks: Vec<_> = (0..CALLS)
        .map(|_| {
            let pms = rig.pms.clone();
            tokio::spawn(async move { pms.room_types().await })
        })
        .collect();
    for task in tasks {
        let Ok(result) = task.await else {
            return Err(Verdict::Fail("a call task panicked".into()));
        };
        ctx.ok("room_types after the token expired", result)?;
    }
    ensure!(
        auth.token_requests() - requests == 1,
        "{CALLS} concurrent calls caused {} token requests, expected 1",
        auth.token_requests() - requests
    );
    Ok(())
}

pub(super) async fn invalid_credentials(ctx: &Ctx) -> Check {
    const CALLS: u64 = 10;
    let rig = Rig::new(ctx)?;
    let auth = auth_probe(ctx)?;
    rig.faults.inject(Fault::RejectCredentials);
    let (io, requests) = (rig.io(), auth.token_requests());
    for _ in 0..CALLS {
        ctx.err(
            "room_types with refused credentials",
            rig.pms.room_types().await,
            "an authentication",
            |k| *k == ErrorKind::Authentication,
        )?;
    }
    rig.faults.clear();
    // At most once per call: a connector may also fail before its request leaves (a token
    // cache that backs off after a refusal), but never try again.
    ensure!(
        rig.io() - io <= CALLS,
        "{CALLS} calls with refused credentials reached the PMS {} times: authentication errors must not be retried",
        rig.io() - io
    );
    ensure!(
        auth.token_requests() - requests <= 1,
        "{CALLS} calls asked the identity provider {} times, expected at most 1 (back-off)",
        auth.token_requests() - requests
    );
    Ok(())
}
