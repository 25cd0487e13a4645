//! Fault injection and the request counter.

use std::collections::VecDeque;
use std::sync::atomic::Ordering;
use std::sync::{Arc, PoisonError};
use std::time::Duration;

use crate::state::Shared;

/// A fault to inject. Faults queue up in push order; each request for a known operation (see
/// [`crate::OPERATIONS`]) consumes one use of the first pending request fault (`Status`,
/// `Latency`, `DropConnection`) whose operation filter matches; a fault is removed when its
/// `times` are used up. Requests to unknown paths never consume faults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The next `times` matching requests are answered with `status` without being processed,
    /// with the Mews error body (`Message: "Injected fault."`). `retry_after` adds
    /// `Retry-After: <secs>`.
    Status {
        /// HTTP status code (e.g. 408, 409, 429, 500, 503).
        status: u16,
        /// Seconds for the `Retry-After` header.
        retry_after: Option<u64>,
        /// How many requests are affected.
        times: u32,
    },
    /// The next `times` matching requests are delayed by `delay` (`tokio::time::sleep`), then
    /// processed normally.
    Latency {
        /// The delay.
        delay: Duration,
        /// How many requests are affected.
        times: u32,
    },
    /// The next `times` matching requests are not processed and get no response: the
    /// connection is closed.
    DropConnection {
        /// How many requests are affected.
        times: u32,
    },
    /// The next `times` successful `reservations/add` calls are committed (the bookings are
    /// stored), then the connection is closed without a response. Failed adds do not consume
    /// it; other operations ignore it. Queued with [`FaultControl::push_for`] for another write
    /// operation (`reservations/update`, `reservations/cancel`, `customers/add`, …) it applies
    /// to that operation instead.
    CommitThenDrop {
        /// How many writes are affected.
        times: u32,
    },
    /// Like `CommitThenDrop`, but the response is held back for `hold` (a `tokio::time::sleep`)
    /// and then sent, so a client with a shorter timeout sees a timeout after the commit.
    CommitThenTimeout {
        /// How long the response is held back.
        hold: Duration,
        /// How many writes are affected.
        times: u32,
    },
}

impl Fault {
    fn times_mut(&mut self) -> &mut u32 {
        match self {
            Self::Status { times, .. }
            | Self::Latency { times, .. }
            | Self::DropConnection { times }
            | Self::CommitThenDrop { times }
            | Self::CommitThenTimeout { times, .. } => times,
        }
    }
}

/// What the gate does with one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RequestFault {
    Status {
        status: u16,
        retry_after: Option<u64>,
    },
    Latency(Duration),
    Drop,
}

#[derive(Debug, Clone)]
struct Pending {
    operation: Option<String>,
    fault: Fault,
}

/// Pending faults.
#[derive(Debug, Default)]
pub(crate) struct FaultState {
    queue: VecDeque<Pending>,
    reject_tokens: bool,
}

impl FaultState {
    fn take(&mut self, operation: &str, commit: bool) -> Option<Fault> {
        let index = self.queue.iter().position(|p| {
            let is_commit = matches!(
                p.fault,
                Fault::CommitThenDrop { .. } | Fault::CommitThenTimeout { .. }
            );
            let matches = match p.operation.as_deref() {
                Some(filter) => filter == operation,
                // Unfiltered commit faults are for bookings only.
                None => !is_commit || operation == "reservations/add",
            };
            matches && is_commit == commit
        })?;
        let pending = self.queue.get_mut(index)?;
        let fault = pending.fault.clone();
        let times = pending.fault.times_mut();
        *times = times.saturating_sub(1);
        if *times == 0 {
            self.queue.remove(index);
        }
        Some(fault)
    }

    /// Consumes one use of the first request fault matching `operation`.
    pub(crate) fn next_request_fault(&mut self, operation: &str) -> Option<RequestFault> {
        match self.take(operation, false)? {
            Fault::Status {
                status,
                retry_after,
                ..
            } => Some(RequestFault::Status {
                status,
                retry_after,
            }),
            Fault::Latency { delay, .. } => Some(RequestFault::Latency(delay)),
            Fault::DropConnection { .. } => Some(RequestFault::Drop),
            Fault::CommitThenDrop { .. } | Fault::CommitThenTimeout { .. } => None,
        }
    }

    /// Consumes one armed commit fault for a committed write of `operation`.
    pub(crate) fn take_commit_fault(&mut self, operation: &str) -> Option<Fault> {
        self.take(operation, true)
    }

    pub(crate) fn reject_tokens(&self) -> bool {
        self.reject_tokens
    }
}

/// A clonable handle that injects faults into a sandbox.
#[derive(Clone)]
pub struct FaultControl {
    pub(crate) shared: Arc<Shared>,
}

impl std::fmt::Debug for FaultControl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaultControl")
            .field("pending", &self.pending())
            .finish()
    }
}

impl FaultControl {
    /// Queues a fault for requests of any operation. Faults with `times == 0` are ignored.
    pub fn push(&self, fault: Fault) {
        self.queue(None, fault);
    }

    /// Queues a fault for requests of one operation, named by its path after
    /// `/api/connector/v1/`, e.g. `"reservations/add"` or `"reservations/getAll/2023-06-06"`.
    pub fn push_for(&self, operation: &str, fault: Fault) {
        self.queue(Some(operation.to_owned()), fault);
    }

    fn queue(&self, operation: Option<String>, mut fault: Fault) {
        if *fault.times_mut() > 0 {
            self.shared
                .faults()
                .queue
                .push_back(Pending { operation, fault });
        }
    }

    /// While on, every request with otherwise valid tokens is answered 401 `Invalid
    /// AccessToken.` (a revoked integration).
    pub fn reject_tokens(&self, on: bool) {
        self.shared.faults().reject_tokens = on;
    }

    /// Rotates the access token of the enterprise `enterprise_id` (as reconnecting the
    /// integration in Mews does): from now on the old token is answered 401 `Invalid
    /// AccessToken.` and the returned new one (`<seeded token>-Rotated-<n>`, n counting
    /// rotations of this enterprise from 1) is valid. `None` for an unknown enterprise. Not a
    /// queued fault: [`FaultControl::clear`] does not undo it.
    pub fn rotate_access_token(&self, enterprise_id: &str) -> Option<String> {
        self.shared.rotate_access_token(enterprise_id)
    }

    /// Removes every pending fault and ends token rejection (rotated tokens stay rotated).
    pub fn clear(&self) {
        *self.shared.faults() = FaultState::default();
    }

    /// The faults still pending with their operation filter, in push order.
    pub fn pending(&self) -> Vec<(Option<String>, Fault)> {
        self.shared
            .faults()
            .queue
            .iter()
            .map(|p| (p.operation.clone(), p.fault.clone()))
            .collect()
    }
}

/// A clonable handle on the request counter (for I/O probes).
#[derive(Clone)]
pub struct RequestCounter {
    pub(crate) shared: Arc<Shared>,
}

impl std::fmt::Debug for RequestCounter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestCounter")
            .field("total", &self.total())
            .finish()
    }
}

impl RequestCounter {
    /// Every HTTP request that reached the sandbox: wrong paths, faulted, dropped, rejected and
    /// rate-limited ones included.
    pub fn total(&self) -> u64 {
        self.shared.counters.total.load(Ordering::Relaxed)
    }

    /// Requests for one operation (`"reservations/add"`, …), however they were answered.
    pub fn for_operation(&self, operation: &str) -> u64 {
        self.shared
            .counters
            .per_operation
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(operation)
            .copied()
            .unwrap_or(0)
    }
}
