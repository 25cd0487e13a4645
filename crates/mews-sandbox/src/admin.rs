//! Admin and inspection functions for tests (no HTTP surface).

use std::sync::Arc;

use chrono::NaiveDate;

use crate::reservations::cancel_one;
use crate::state::{ResState, Shared};

/// Why an admin action was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AdminError {
    /// No reservation has this id.
    #[error("unknown reservation")]
    UnknownReservation,
    /// No resource category has this id.
    #[error("unknown resource category")]
    UnknownCategory,
    /// The reservation's state does not allow the action.
    #[error("the reservation is {state}")]
    InvalidState {
        /// The current state (2023 spelling).
        state: &'static str,
    },
}

/// A clonable handle to inspect and manipulate the sandbox's state directly.
#[derive(Clone)]
pub struct SandboxAdmin {
    pub(crate) shared: Arc<Shared>,
}

impl std::fmt::Debug for SandboxAdmin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxAdmin").finish_non_exhaustive()
    }
}

impl SandboxAdmin {
    fn enterprise_index(&self, enterprise_id: &str) -> Option<usize> {
        self.shared
            .enterprises
            .iter()
            .position(|e| e.id == enterprise_id)
    }

    /// Reservations of an enterprise in any state (0 for an unknown enterprise).
    pub fn reservation_count(&self, enterprise_id: &str) -> usize {
        let Some(index) = self.enterprise_index(enterprise_id) else {
            return 0;
        };
        self.shared
            .state()
            .reservations
            .iter()
            .filter(|r| r.enterprise == index)
            .count()
    }

    /// Reservations of an enterprise that are not `Canceled`.
    pub fn active_reservation_count(&self, enterprise_id: &str) -> usize {
        let Some(index) = self.enterprise_index(enterprise_id) else {
            return 0;
        };
        self.shared
            .state()
            .reservations
            .iter()
            .filter(|r| r.enterprise == index && r.state != ResState::Canceled)
            .count()
    }

    /// Ids of an enterprise's reservations, oldest first.
    pub fn reservation_ids(&self, enterprise_id: &str) -> Vec<String> {
        let Some(index) = self.enterprise_index(enterprise_id) else {
            return Vec::new();
        };
        self.shared
            .state()
            .reservations
            .iter()
            .filter(|r| r.enterprise == index)
            .map(|r| r.id.clone())
            .collect()
    }

    /// A reservation's state in the 2023 spelling (`Inquired`, `Confirmed`, `Started`, …).
    pub fn reservation_state(&self, reservation_id: &str) -> Option<&'static str> {
        self.shared
            .state()
            .reservations
            .iter()
            .find(|r| r.id == reservation_id)
            .map(|r| r.state.read_name())
    }

    /// Customer profiles of an enterprise's chain.
    pub fn customer_count(&self, enterprise_id: &str) -> usize {
        let Some(index) = self.enterprise_index(enterprise_id) else {
            return 0;
        };
        self.shared
            .state()
            .customers
            .iter()
            .filter(|c| c.enterprise == index)
            .count()
    }

    /// Sets the manual availability adjustment of a category for the night of `date` (local
    /// date): the legacy `Availabilities` become rooms − reservations + `delta` and `Adjustments`
    /// shows `delta`. A negative enough delta simulates an overbooking (negative availability).
    pub fn set_availability_adjustment(
        &self,
        category_id: &str,
        date: NaiveDate,
        delta: i64,
    ) -> Result<(), AdminError> {
        self.shared
            .enterprise_of_category(category_id)
            .ok_or(AdminError::UnknownCategory)?;
        self.shared
            .state()
            .adjustments
            .insert((category_id.to_owned(), date), delta);
        Ok(())
    }

    fn transition(
        &self,
        reservation_id: &str,
        from: &[ResState],
        apply: impl FnOnce(&mut crate::state::Reservation, chrono::DateTime<chrono::Utc>),
    ) -> Result<(), AdminError> {
        let now = self.shared.now();
        let mut state = self.shared.state();
        let r = state
            .reservations
            .iter_mut()
            .find(|r| r.id == reservation_id)
            .ok_or(AdminError::UnknownReservation)?;
        if !from.contains(&r.state) {
            return Err(AdminError::InvalidState {
                state: r.state.read_name(),
            });
        }
        apply(r, now);
        Ok(())
    }

    /// Checks a `Confirmed` reservation in: `Started`, `ActualStartUtc` = now.
    pub fn check_in(&self, reservation_id: &str) -> Result<(), AdminError> {
        self.transition(reservation_id, &[ResState::Confirmed], |r, now| {
            r.state = ResState::Started;
            r.actual_start = Some(now);
            r.updated = now;
        })
    }

    /// Checks a `Started` reservation out: `Processed`, `ActualEndUtc` = now.
    pub fn check_out(&self, reservation_id: &str) -> Result<(), AdminError> {
        self.transition(reservation_id, &[ResState::Started], |r, now| {
            r.state = ResState::Processed;
            r.actual_end = Some(now);
            r.updated = now;
        })
    }

    /// Marks a not-yet-started reservation as a no-show. Mews has no `NoShow` state: the
    /// reservation becomes `Canceled` with `CancellationReason: "NoShow"` (its nights are
    /// released, its items canceled).
    pub fn mark_no_show(&self, reservation_id: &str) -> Result<(), AdminError> {
        self.transition(
            reservation_id,
            &[
                ResState::Confirmed,
                ResState::Optional,
                ResState::Enquired,
                ResState::Requested,
            ],
            |r, now| cancel_one(r, now, "NoShow"),
        )
    }
}
