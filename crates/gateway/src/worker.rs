//! Background work of a serving gateway: settles bookings whose outcome is unknown, reports
//! the unresolved ones as metrics, and purges guest data from old idempotency records.

use std::time::Duration;

use pms_contract::{IdempotencyKey, PmsConnector};
use prometheus::{IntCounterVec, IntGaugeVec, Opts, Registry};

use crate::app::AppState;
use crate::dto::ReservationDto;

/// The worker's metrics.
#[derive(Debug, Clone)]
pub(crate) struct WorkerMetrics {
    unresolved: IntGaugeVec,
    oldest: IntGaugeVec,
    reconciliations: IntCounterVec,
}

impl WorkerMetrics {
    pub(crate) fn register(registry: &Registry) -> Result<Self, prometheus::Error> {
        let unresolved = IntGaugeVec::new(
            Opts::new(
                "gateway_bookings_unresolved",
                "Bookings whose caller may not know the outcome: `unknown` (not yet settled \
                 at the PMS) or `booked_not_delivered` (booked; the caller never heard).",
            ),
            &["state"],
        )?;
        let oldest = IntGaugeVec::new(
            Opts::new(
                "gateway_bookings_unresolved_oldest_seconds",
                "Age of the oldest unresolved booking per state (0 when there is none).",
            ),
            &["state"],
        )?;
        let reconciliations = IntCounterVec::new(
            Opts::new(
                "gateway_booking_reconciliations_total",
                "Lookups of unknown booking outcomes at the PMS, by result: booked, absent, \
                 failed (the PMS did not answer; tried again later).",
            ),
            &["result"],
        )?;
        registry.register(Box::new(unresolved.clone()))?;
        registry.register(Box::new(oldest.clone()))?;
        registry.register(Box::new(reconciliations.clone()))?;
        for state in STATES {
            unresolved.with_label_values(&[state]).set(0);
            oldest.with_label_values(&[state]).set(0);
        }
        Ok(Self {
            unresolved,
            oldest,
            reconciliations,
        })
    }
}

const STATES: [&str; 2] = ["unknown", "booked_not_delivered"];

/// What one reconciliation round did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReconcileRound {
    /// Pending claims of crashed replicas turned unknown.
    pub expired: u64,
    /// Unknown outcomes found booked at the PMS.
    pub booked: usize,
    /// Unknown outcomes the PMS has no booking for.
    pub absent: usize,
    /// Lookups that failed (tried again in a later round).
    pub failed: usize,
}

/// Records settled per round at most (the PMS is not flooded after an outage).
const ROUND_LIMIT: i64 = 50;

/// Looks up unknown outcomes at their PMS and records what it has.
pub(crate) async fn reconcile(state: &AppState) -> ReconcileRound {
    let mut round = ReconcileRound::default();
    let store = state.store();
    match store.expire_stale_claims().await {
        Ok(n) => round.expired = n,
        Err(e) => tracing::warn!(error = %e, "reconciler: expiring stale claims"),
    }
    let quiet = chrono::Duration::from_std(state.settings().reconcile_after)
        .unwrap_or(chrono::Duration::seconds(30));
    let pending = match store.unknown_outcomes(quiet, ROUND_LIMIT).await {
        Ok(pending) => pending,
        Err(e) => {
            tracing::warn!(error = %e, "reconciler: listing unknown outcomes");
            return round;
        }
    };
    for record in pending {
        let found = match (
            state.hotel_by_id(&record.hotel),
            IdempotencyKey::new(record.pms_key.clone()),
        ) {
            (Some(hotel), Ok(key)) => match hotel.connector.connector.find_created(&key).await {
                Ok(Some(reservation)) => {
                    let id = reservation.id.as_str().to_owned();
                    match serde_json::to_string(&ReservationDto::from(reservation)) {
                        Ok(body) => Some(Some((id, body))),
                        Err(_) => None,
                    }
                }
                Ok(None) => Some(None),
                Err(e) => {
                    tracing::info!(hotel = %record.hotel, error = e.kind().code(), "reconciler: lookup failed; trying later");
                    None
                }
            },
            _ => None,
        };
        let (label, count) = match &found {
            Some(Some(_)) => ("booked", &mut round.booked),
            Some(None) => ("absent", &mut round.absent),
            None => ("failed", &mut round.failed),
        };
        let stored = store
            .resolve_unknown(
                &record,
                found
                    .as_ref()
                    .map(|f| f.as_ref().map(|(id, body)| (id.as_str(), body.as_str()))),
            )
            .await;
        match stored {
            Ok(true) => *count += 1,
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "reconciler: recording an outcome"),
        }
        state
            .worker_metrics()
            .reconciliations
            .with_label_values(&[label])
            .inc();
    }
    refresh_gauges(state).await;
    round
}

/// Sets the unresolved-booking gauges from the database.
pub(crate) async fn refresh_gauges(state: &AppState) {
    let Ok(unresolved) = state.store().unresolved_bookings().await else {
        return;
    };
    let metrics = state.worker_metrics();
    for label in STATES {
        let of_state = unresolved.iter().filter(|b| b.state == label);
        metrics
            .unresolved
            .with_label_values(&[label])
            .set(i64::try_from(of_state.clone().count()).unwrap_or(i64::MAX));
        metrics
            .oldest
            .with_label_values(&[label])
            .set(of_state.map(|b| b.age_seconds).max().unwrap_or(0));
    }
}

/// Removes guest data from idempotency records older than the retention.
pub(crate) async fn purge(state: &AppState) -> u64 {
    let retention = chrono::Duration::from_std(state.settings().idempotency_retention)
        .unwrap_or(chrono::Duration::hours(24));
    match state
        .store()
        .purge_guest_data(chrono::Utc::now() - retention)
        .await
    {
        Ok(n) => {
            if n > 0 {
                tracing::info!(records = n, "guest data purged from idempotency records");
            }
            n
        }
        Err(e) => {
            tracing::warn!(error = %e, "purging idempotency records");
            0
        }
    }
}

/// Pings the database and runs [`reconcile`] every `reconcile_interval` (the first time at
/// once), probes every hotel's PMS every `pms_probe_interval`, and runs [`purge`] every hour,
/// until aborted.
pub(crate) fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(state.settings().reconcile_interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        let mut last_purge: Option<tokio::time::Instant> = None;
        let mut last_pms_probe: Option<tokio::time::Instant> = None;
        loop {
            tick.tick().await;
            // The purge first: at start-up it runs before the first ping makes the replica
            // ready.
            if last_purge.is_none_or(|at| at.elapsed() >= Duration::from_secs(3600)) {
                purge(&state).await;
                last_purge = Some(tokio::time::Instant::now());
            }
            let probe_pms =
                last_pms_probe.is_none_or(|at| at.elapsed() >= state.settings().pms_probe_interval);
            state.probe(probe_pms).await;
            if probe_pms {
                last_pms_probe = Some(tokio::time::Instant::now());
            }
            reconcile(&state).await;
        }
    })
}
