//! Fault injection and counters.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::state::Shared;

/// A fault to inject. Request faults (`Status`, `Latency`, `DropConnection`) queue up in push
/// order: each API request (every path except `/connect/token` and `/_sandbox/...`) consumes one
/// use of the fault at the head of the queue, which is removed when its `times` are used up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The next `times` API requests are answered with `status` without being processed. 5xx
    /// (and 429) bodies are empty; a 422 carries `{"messages":["Injected fault."]}`.
    /// `retry_after` adds `Retry-After: <secs>` (Apaleo documents it for 429).
    Status {
        /// HTTP status code (100..=599).
        status: u16,
        /// Seconds for the `Retry-After` header.
        retry_after: Option<u64>,
        /// How many requests are affected.
        times: u32,
    },
    /// The next `times` API requests are delayed by `delay` (a `tokio::time::sleep`), then
    /// processed normally.
    Latency {
        /// The delay.
        delay: Duration,
        /// How many requests are affected.
        times: u32,
    },
    /// The next `times` API requests get no response: the connection is closed. Needs the
    /// sandbox's own server ([`crate::ApaleoSandbox::start`] or [`crate::serve`]); a router
    /// embedded elsewhere answers an empty 503 instead.
    DropConnection {
        /// How many requests are affected.
        times: u32,
    },
    /// The next successful write (`POST /booking/v1/bookings`, `PUT
    /// /booking/v1/reservation-actions/...`, `PATCH /booking/v1/reservations/{id}`) is committed,
    /// then its response is held back for 60 s, so the client times out without knowing the
    /// outcome. Pushing it twice arms two writes.
    CommitThenTimeout,
    /// Every token issued so far becomes invalid immediately (API calls answer 401). Tokens
    /// requested afterwards work.
    RevokeTokens,
    /// The token endpoint answers 400 `{"error":"invalid_client"}` until [`FaultControl::clear`].
    RejectClient,
}

/// What the gate does with one API request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RequestFault {
    Status {
        status: u16,
        retry_after: Option<u64>,
    },
    Latency(Duration),
    Drop,
}

/// Pending faults.
#[derive(Debug, Default)]
pub(crate) struct FaultState {
    queue: VecDeque<Fault>,
    commit_then_timeout: u32,
    reject_client: bool,
}

impl FaultState {
    /// Consumes one use of the head of the queue. With `only_drop`, only a `DropConnection`
    /// head is consumed (the connection layer asks this before routing).
    pub(crate) fn next_request_fault(&mut self, only_drop: bool) -> Option<RequestFault> {
        let head = self.queue.front_mut()?;
        let (fault, times) = match head {
            Fault::Status {
                status,
                retry_after,
                times,
            } if !only_drop => (
                RequestFault::Status {
                    status: *status,
                    retry_after: *retry_after,
                },
                times,
            ),
            Fault::Latency { delay, times } if !only_drop => (RequestFault::Latency(*delay), times),
            Fault::DropConnection { times } => (RequestFault::Drop, times),
            _ => return None,
        };
        *times = times.saturating_sub(1);
        if *times == 0 {
            self.queue.pop_front();
        }
        Some(fault)
    }

    /// Consumes one armed commit-then-timeout.
    pub(crate) fn take_commit_then_timeout(&mut self) -> bool {
        if self.commit_then_timeout > 0 {
            self.commit_then_timeout -= 1;
            true
        } else {
            false
        }
    }

    pub(crate) fn reject_client(&self) -> bool {
        self.reject_client
    }

    /// The pending faults, for the admin endpoint.
    pub(crate) fn pending(&self) -> Vec<Fault> {
        let mut out: Vec<Fault> = self.queue.iter().cloned().collect();
        out.extend((0..self.commit_then_timeout).map(|_| Fault::CommitThenTimeout));
        if self.reject_client {
            out.push(Fault::RejectClient);
        }
        out
    }
}

/// A clonable handle that injects faults into a running sandbox.
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
    /// Injects a fault (see [`Fault`] for when each one takes effect). Request faults with
    /// `times == 0` are ignored.
    pub fn push(&self, fault: Fault) {
        match fault {
            Fault::RevokeTokens => self.shared.revoke_tokens(),
            Fault::RejectClient => self.shared.faults().reject_client = true,
            Fault::CommitThenTimeout => self.shared.faults().commit_then_timeout += 1,
            Fault::Status { times, .. }
            | Fault::Latency { times, .. }
            | Fault::DropConnection { times }
                if times > 0 =>
            {
                self.shared.faults().queue.push_back(fault);
            }
            Fault::Status { .. } | Fault::Latency { .. } | Fault::DropConnection { .. } => {}
        }
    }

    /// Removes every pending fault (and ends `RejectClient`). Revoked tokens stay revoked.
    pub fn clear(&self) {
        *self.shared.faults() = FaultState::default();
    }

    /// The faults still pending, in the order they will apply.
    pub fn pending(&self) -> Vec<Fault> {
        self.shared.faults().pending()
    }
}

/// A clonable handle on the sandbox's counters.
#[derive(Clone)]
pub struct SandboxStats {
    pub(crate) shared: Arc<Shared>,
}

impl std::fmt::Debug for SandboxStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxStats")
            .field("token_requests", &self.token_requests())
            .field("api_requests", &self.api_requests())
            .field("bookings_created", &self.bookings_created())
            .finish()
    }
}

impl SandboxStats {
    /// Requests to `/connect/token` (successful or not).
    pub fn token_requests(&self) -> u64 {
        self.shared.counters.token_requests.load(Ordering::Relaxed)
    }

    /// API requests (all paths except `/connect/token` and `/_sandbox/...`), including those
    /// answered by a fault, 401, 403, 404 or 422.
    pub fn api_requests(&self) -> u64 {
        self.shared.counters.api_requests.load(Ordering::Relaxed)
    }

    /// Bookings committed (idempotent replays are not counted).
    pub fn bookings_created(&self) -> u64 {
        self.shared
            .counters
            .bookings_created
            .load(Ordering::Relaxed)
    }
}

/// The admin endpoint's JSON shape of a [`Fault`]:
/// `{"type":"Status","status":503,"retryAfter":5,"times":2}`,
/// `{"type":"Latency","delayMs":1500,"times":1}`, `{"type":"DropConnection","times":1}`,
/// `{"type":"CommitThenTimeout"}`, `{"type":"RevokeTokens"}`, `{"type":"RejectClient"}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all_fields = "camelCase", deny_unknown_fields)]
pub(crate) enum FaultSpec {
    Status {
        status: u16,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry_after: Option<u64>,
        #[serde(default = "one")]
        times: u32,
    },
    Latency {
        delay_ms: u64,
        #[serde(default = "one")]
        times: u32,
    },
    DropConnection {
        #[serde(default = "one")]
        times: u32,
    },
    CommitThenTimeout,
    RevokeTokens,
    RejectClient,
}

fn one() -> u32 {
    1
}

impl From<FaultSpec> for Fault {
    fn from(spec: FaultSpec) -> Self {
        match spec {
            FaultSpec::Status {
                status,
                retry_after,
                times,
            } => Self::Status {
                status,
                retry_after,
                times,
            },
            FaultSpec::Latency { delay_ms, times } => Self::Latency {
                delay: Duration::from_millis(delay_ms),
                times,
            },
            FaultSpec::DropConnection { times } => Self::DropConnection { times },
            FaultSpec::CommitThenTimeout => Self::CommitThenTimeout,
            FaultSpec::RevokeTokens => Self::RevokeTokens,
            FaultSpec::RejectClient => Self::RejectClient,
        }
    }
}

impl From<&Fault> for FaultSpec {
    fn from(fault: &Fault) -> Self {
        match fault {
            Fault::Status {
                status,
                retry_after,
                times,
            } => Self::Status {
                status: *status,
                retry_after: *retry_after,
                times: *times,
            },
            Fault::Latency { delay, times } => Self::Latency {
                delay_ms: u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                times: *times,
            },
            Fault::DropConnection { times } => Self::DropConnection { times: *times },
            Fault::CommitThenTimeout => Self::CommitThenTimeout,
            Fault::RevokeTokens => Self::RevokeTokens,
            Fault::RejectClient => Self::RejectClient,
        }
    }
}
