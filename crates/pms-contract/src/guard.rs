//! The contract guard: validation and capability gating in front of every connector.

use async_trait::async_trait;

use crate::{
    Call, Capability, CapabilitySet, Layer, Operation, PmsError, Reply, SharedConnector, Validate,
};

/// Wraps a connector so that, before any I/O:
///
/// - a call needing a capability outside the hotel's effective set fails with
///   [`crate::ErrorKind::Unsupported`];
/// - the request is validated ([`Validate`]) and invalid input fails with
///   [`crate::ErrorKind::Validation`].
///
/// Errors coming back from the connector get the vendor and operation filled in. The factory
/// wraps every connector it hands out in a guard, and the guard never gives its connector back:
/// a guarded connector cannot be called around the guard.
#[derive(Debug, Clone)]
pub struct ContractGuard {
    inner: SharedConnector,
    capabilities: CapabilitySet,
}

impl ContractGuard {
    /// Guards `inner`, allowing only `capabilities`.
    pub fn new(inner: SharedConnector, capabilities: CapabilitySet) -> Self {
        Self {
            inner,
            capabilities,
        }
    }

    /// The effective capabilities.
    pub fn capabilities(&self) -> CapabilitySet {
        self.capabilities
    }

    fn require(&self, capability: Capability, op: Operation) -> Result<(), PmsError> {
        if self.capabilities.contains(capability) {
            Ok(())
        } else {
            Err(self.decorate(PmsError::unsupported(capability), op))
        }
    }

    fn decorate(&self, err: PmsError, op: Operation) -> PmsError {
        let err = err.with_operation(op);
        if err.context().vendor.is_none() {
            err.with_vendor(self.inner.vendor())
        } else {
            err
        }
    }
}

#[async_trait]
impl Layer for ContractGuard {
    fn vendor(&self) -> &str {
        self.inner.vendor()
    }

    async fn call(&self, call: Call<'_>) -> Result<Reply, PmsError> {
        let op = call.operation();
        let checked = match call {
            Call::Property => self.require(Capability::PropertyInfo, op),
            Call::RoomTypes => self.require(Capability::RoomTypes, op),
            Call::Availability(_) => self.require(Capability::Availability, op),
            Call::Offers(request) => self
                .require(Capability::Offers, op)
                .and_then(|()| request.validate().map_err(|e| self.decorate(e, op))),
            Call::CreateReservation(request) => self
                .require(Capability::CreateReservation, op)
                .and_then(|()| request.validate().map_err(|e| self.decorate(e, op))),
            Call::GetReservation(_) => self.require(Capability::GetReservation, op),
            Call::FindCreated(_) => self.require(Capability::CreateReservation, op),
            Call::SearchReservations(search) => self
                .require(search.required_capability(), op)
                .and_then(|()| search.validate().map_err(|e| self.decorate(e, op))),
            Call::ModifyReservation(_, change) => change
                .required_capabilities()
                .iter()
                .try_for_each(|capability| self.require(capability, op))
                .and_then(|()| change.validate().map_err(|e| self.decorate(e, op))),
            Call::CancelReservation(_) => self.require(Capability::CancelReservation, op),
            Call::Health => Ok(()),
        };
        checked?;
        call.send(self.inner.as_ref())
            .await
            .map_err(|err| self.decorate(err, op))
    }
}
