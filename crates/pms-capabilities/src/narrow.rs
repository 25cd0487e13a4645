//! Per-hotel capability overrides: they may narrow what the vendor offers, never widen it.

use std::collections::BTreeMap;

use pms_contract::{Capability, CapabilitySet};

/// A per-hotel override tried to switch on a capability the vendor does not offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "capability `{capability}` cannot be switched on for this hotel: the vendor does not offer it; \
     per-hotel overrides can only switch capabilities off"
)]
pub struct WidenError {
    /// The first such capability, in [`Capability::ALL`] order.
    pub capability: Capability,
}

/// Applies per-hotel overrides to the capabilities the vendor offers (usually
/// [`VendorEntry::usable`](crate::VendorEntry::usable)).
///
/// `false` switches a capability off. `true` keeps an offered capability (a no-op) and is an
/// error for one the vendor does not offer: overrides never widen.
///
/// # Errors
///
/// [`WidenError`] naming the first capability (in [`Capability::ALL`] order) set to `true` that
/// `vendor_caps` does not contain.
pub fn narrow(
    vendor_caps: CapabilitySet,
    overrides: &BTreeMap<Capability, bool>,
) -> Result<CapabilitySet, WidenError> {
    let mut caps = vendor_caps;
    for (&capability, &enabled) in overrides {
        if enabled {
            if !vendor_caps.contains(capability) {
                return Err(WidenError { capability });
            }
        } else {
            caps.remove(capability);
        }
    }
    Ok(caps)
}
