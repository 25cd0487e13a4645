//! The capability matrix: one entry per vendor, one support level per capability.

use std::collections::BTreeMap;
use std::path::Path;

use pms_contract::{Capability, CapabilitySet};

use crate::error::MatrixError;
use crate::vendor::{UnknownVendor, VendorId};

/// How well a vendor's API supports one capability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Support {
    /// The API offers it without a limitation that matters to the voice agent.
    Supported,
    /// Usable, with a limitation the note explains (a detour, a missing filter, a restriction).
    Partial {
        /// What is limited and why.
        note: String,
    },
    /// Not offered (or not confirmed by any source); the note may say why.
    Unsupported {
        /// Why, if the matrix says.
        note: Option<String>,
    },
}

impl Support {
    /// Whether the capability can be used at all: supported or partial.
    pub fn is_usable(&self) -> bool {
        !matches!(self, Support::Unsupported { .. })
    }

    /// The note, if any.
    pub fn note(&self) -> Option<&str> {
        match self {
            Support::Supported => None,
            Support::Partial { note } => Some(note),
            Support::Unsupported { note } => note.as_deref(),
        }
    }

    /// The status word used in `capability_matrix.yaml` and JSON: `supported`, `partial` or
    /// `unsupported`.
    pub fn status(&self) -> &'static str {
        match self {
            Support::Supported => "supported",
            Support::Partial { .. } => "partial",
            Support::Unsupported { .. } => "unsupported",
        }
    }

    /// The short cell label used in rendered tables: `yes`, `partial` or `no`.
    pub fn label(&self) -> &'static str {
        match self {
            Support::Supported => "yes",
            Support::Partial { .. } => "partial",
            Support::Unsupported { .. } => "no",
        }
    }
}

/// Whether VoiceHive has a connector for a vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConnectorStatus {
    /// A connector exists and can be configured for a hotel.
    Available,
    /// The vendor is researched, the connector is not written yet.
    Planned,
}

impl ConnectorStatus {
    /// The word used in `capability_matrix.yaml`: `available` or `planned`.
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectorStatus::Available => "available",
            ConnectorStatus::Planned => "planned",
        }
    }
}

/// What one vendor's API offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendorEntry {
    /// The vendor.
    pub vendor: VendorId,
    /// Display name, e.g. `Oracle OPERA Cloud (OHIP)`.
    pub name: String,
    /// The authentication method, one line.
    pub auth: String,
    /// The documented rate limits, one line each.
    pub rate_limits: Vec<String>,
    /// Whether VoiceHive has a connector for the vendor.
    pub connector: ConnectorStatus,
    /// Support per capability. A loaded matrix has an entry for every capability.
    pub capabilities: BTreeMap<Capability, Support>,
    /// Where the facts come from, if the matrix says.
    pub sources: Option<String>,
}

impl VendorEntry {
    /// The capabilities a hotel on this vendor can use: supported and partial ones.
    pub fn usable(&self) -> CapabilitySet {
        self.capabilities
            .iter()
            .filter(|(_, support)| support.is_usable())
            .map(|(capability, _)| *capability)
            .collect()
    }

    /// The capabilities supported without limitation.
    pub fn fully_supported(&self) -> CapabilitySet {
        self.capabilities
            .iter()
            .filter(|(_, support)| **support == Support::Supported)
            .map(|(capability, _)| *capability)
            .collect()
    }

    /// The support level of one capability (`None` only for a hand-built, incomplete entry).
    pub fn support(&self, capability: Capability) -> Option<&Support> {
        self.capabilities.get(&capability)
    }
}

/// The capability matrix of every vendor `capability_matrix.yaml` lists, as loaded from it.
///
/// A loaded matrix is complete: it has at least one vendor, each once, and every entry has a
/// support level for every capability. Its vendors are the file's, in the file's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapabilityMatrix {
    /// In the order of the file; vendor ids are unique.
    entries: Vec<VendorEntry>,
}

/// The name the embedded matrix reports in errors.
const BUILTIN_ORIGIN: &str = "capability_matrix.yaml";

/// The repository's `capability_matrix.yaml`, embedded at compile time.
const BUILTIN_YAML: &str = include_str!("../../../capability_matrix.yaml");

impl CapabilityMatrix {
    /// Parses a matrix from YAML. `origin` names the source in errors (usually the file path).
    ///
    /// # Errors
    ///
    /// A [`MatrixError`] with the line of the offending entry for YAML syntax errors, malformed
    /// vendor ids, unknown capabilities, duplicate vendors, missing or duplicate fields or
    /// capabilities, an empty vendor list, and malformed values.
    pub fn parse(yaml: &str, origin: &str) -> Result<Self, MatrixError> {
        let entries = crate::load::parse(yaml, origin)?;
        Ok(Self { entries })
    }

    /// Reads and parses a matrix file.
    ///
    /// # Errors
    ///
    /// A [`MatrixError`] if the file cannot be read or does not parse (see [`parse`](Self::parse)).
    pub fn load(path: &Path) -> Result<Self, MatrixError> {
        let origin = path.display().to_string();
        let yaml = std::fs::read_to_string(path).map_err(|err| MatrixError::io(&origin, err))?;
        Self::parse(&yaml, &origin)
    }

    /// The matrix of the repository's `capability_matrix.yaml`, embedded at compile time.
    ///
    /// # Errors
    ///
    /// Only if the embedded file is invalid, which the crate's tests rule out.
    pub fn builtin() -> Result<Self, MatrixError> {
        Self::parse(BUILTIN_YAML, BUILTIN_ORIGIN)
    }

    /// The entry of vendor `id`, if the matrix lists it.
    pub fn vendor(&self, id: impl AsRef<str>) -> Option<&VendorEntry> {
        let id = id.as_ref();
        self.entries.iter().find(|entry| entry.vendor == id)
    }

    /// The id of vendor `id`, validated against the matrix.
    ///
    /// # Errors
    ///
    /// [`UnknownVendor`], listing the known ids, if the matrix does not list `id`.
    pub fn vendor_id(&self, id: &str) -> Result<VendorId, UnknownVendor> {
        self.vendor(id)
            .map(|entry| entry.vendor.clone())
            .ok_or_else(|| UnknownVendor {
                name: id.to_owned(),
                known: self.known(),
            })
    }

    /// Every vendor id, in the order of the file.
    pub fn vendors(&self) -> impl Iterator<Item = &VendorId> {
        self.entries.iter().map(|entry| &entry.vendor)
    }

    /// Every entry, in the order of the file.
    pub fn entries(&self) -> &[VendorEntry] {
        &self.entries
    }

    /// The vendor ids, comma separated.
    fn known(&self) -> String {
        self.vendors()
            .map(VendorId::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    }
}
