//! Background work of a serving gateway: settles bookings whose outcome is unknown, reports
//! the unresolved ones as metrics, and purges guest data from old idempotency records.

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
                    match serde_json::to_string(&ReservationDto::at(
                        reservation,
                        state.clock().now(),
                    )) {
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
        if let Some(found) = &found {
            let privacy = state.privacy();
            let mut event = privacy
                .event("system", "pms.find_created")
                .tenant(record.tenant.clone())
                .hotel(record.hotel.clone())
                .outcome(label);
            if let Some((id, _)) = found {
                event = event.resource(id.clone());
            }
            privacy.audit_or_log(event).await;
        }
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

/// Runs the retention policy (deletes what is due, audits what it deleted).
pub(crate) async fn retention(state: &AppState) {
    match state.privacy().run_retention("system", false).await {
        Ok(report) => {
            let purged: u64 = report.purged.iter().map(|p| p.count).sum();
            if purged > 0 {
                tracing::info!(rows = purged, "retention: data past its retention deleted");
            }
        }
        Err(e) => tracing::warn!(error = %e, "retention run failed"),
    }
}

/// Processes privacy requests whose identity is verified; returns how many completed.
pub(crate) async fn process_privacy_requests(state: &AppState) -> usize {
    let privacy = state.privacy();
    let ids = match privacy.verified_requests().await {
        Ok(ids) => ids,
        Err(e) => {
            tracing::warn!(error = %e, "privacy requests: listing verified requests");
            return 0;
        }
    };
    let connectors = state.connectors();
    let mut done = 0;
    for id in ids {
        match privacy.process_request(&id, "system", &connectors).await {
            Ok(Some(_)) => done += 1,
            Ok(None) => {}
            // Another replica took it, or the database failed (tried again next round).
            Err(e) => tracing::info!(request = %id, error = %e, "privacy request not processed"),
        }
    }
    done
}

/// Verifies the audit entries appended since the last checkpoint and signs a new one, then
/// refreshes the privacy gauges.
pub(crate) async fn checkpoint(state: &AppState) {
    let privacy = state.privacy();
    match privacy.checkpoint().await {
        Ok(checkpoint) => tracing::debug!(seq = checkpoint.seq, "audit checkpoint signed"),
        Err(crate::privacy::VerifyError::Broken(broken)) => {
            tracing::error!(first_broken_entry = broken.seq(), problem = %broken, "the audit chain is broken: no checkpoint signed")
        }
        Err(e) => tracing::warn!(error = %e, "audit checkpoint failed"),
    }
    privacy.refresh_metrics().await;
}

/// Pings the database and runs [`reconcile`] every `reconcile_interval` (the first time at
/// once), probes every hotel's PMS every `pms_probe_interval`, runs the [`retention`] policy
/// every `retention_interval` and signs an audit [`checkpoint`] every `checkpoint_interval`,
/// and processes verified privacy requests, until aborted.
pub(crate) fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(state.settings().reconcile_interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        let privacy_settings = state.privacy().settings().clone();
        // Each task's own schedule is a tokio timer (no clock is read): due at the first round,
        // then once its period has passed, looked at on the rounds.
        let mut purge = schedule(privacy_settings.retention_interval);
        let mut pms_probe = schedule(state.settings().pms_probe_interval);
        let mut checkpoints = schedule(privacy_settings.checkpoint_interval);
        loop {
            tick.tick().await;
            // The purge first: at start-up it runs before the first ping makes the replica
            // ready.
            if due(&mut purge) {
                retention(&state).await;
            }
            let probe_pms = due(&mut pms_probe);
            state.probe(probe_pms).await;
            reconcile(&state).await;
            process_privacy_requests(&state).await;
            if due(&mut checkpoints) {
                checkpoint(&state).await;
            }
        }
    })
}

/// Refreshes the in-memory API keys every `key_refresh_interval` (the first time at once),
/// until aborted. A separate task: a slow reconciliation round never delays a revocation.
pub(crate) fn spawn_key_refresh(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = schedule(state.settings().key_refresh_interval);
        loop {
            tick.tick().await;
            if let Err(e) = state.refresh_keys().await {
                tracing::warn!(error = %e, "refreshing the API key cache failed");
            }
        }
    })
}

/// A task's schedule: due at once, then every `period` (a late round delays the next one
/// rather than catching up).
fn schedule(period: std::time::Duration) -> tokio::time::Interval {
    let mut interval = tokio::time::interval(period.max(std::time::Duration::from_millis(1)));
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    interval
}

/// Whether `schedule` is due now (and if so, the next period starts).
fn due(schedule: &mut tokio::time::Interval) -> bool {
    use futures::FutureExt;
    schedule.tick().now_or_never().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_schedule_is_due_at_once_then_after_each_period() {
        let period = std::time::Duration::from_secs(30);
        let mut every = schedule(period);
        assert!(due(&mut every), "due at the first round");
        assert!(!due(&mut every));
        tokio::time::sleep(period - std::time::Duration::from_millis(1)).await;
        assert!(!due(&mut every));
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        assert!(due(&mut every));
        assert!(!due(&mut every));
        // Rounds missed: due once, not once per missed period.
        tokio::time::sleep(period * 5).await;
        assert!(due(&mut every));
        assert!(!due(&mut every));
        let mut zero = schedule(std::time::Duration::ZERO);
        assert!(due(&mut zero));
    }
}
