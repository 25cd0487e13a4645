//! Vendor ids: whatever `capability_matrix.yaml` lists.

use std::fmt;
use std::ops::Deref;

/// The id of a PMS vendor of a capability matrix, e.g. `apaleo` or `opera_cloud`.
///
/// A `VendorId` comes from a loaded matrix ([`CapabilityMatrix::vendor_id`] or an entry's
/// [`VendorEntry::vendor`]): holding one means the matrix lists the vendor. Adding a vendor
/// takes nothing but its entry in `capability_matrix.yaml`.
///
/// The in-memory reference connector is deliberately not a vendor: it is a test double, not a
/// product a hotel runs.
///
/// [`CapabilityMatrix::vendor_id`]: crate::CapabilityMatrix::vendor_id
/// [`VendorEntry::vendor`]: crate::VendorEntry::vendor
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VendorId(String);

impl VendorId {
    /// `id` if it is a well-formed vendor id: lowercase ASCII letters, digits and `_`,
    /// starting with a letter.
    pub(crate) fn parse(id: &str) -> Result<Self, String> {
        let mut chars = id.chars();
        let well_formed = chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if well_formed {
            Ok(Self(id.to_owned()))
        } else {
            Err(format!(
                "invalid vendor id `{id}`; use lowercase letters, digits and `_`, starting with a letter"
            ))
        }
    }

    /// The stable snake_case id used in `capability_matrix.yaml` and hotel configuration.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for VendorId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for VendorId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for VendorId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for VendorId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for VendorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A vendor id the matrix does not list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown vendor `{name}`; known: {known}")]
pub struct UnknownVendor {
    /// The id that was given.
    pub name: String,
    /// The known ids, comma separated, in matrix order.
    pub known: String,
}
