//! The PMS vendors covered by the capability matrix.

use std::fmt;
use std::str::FromStr;

/// A PMS vendor of the capability matrix.
///
/// The in-memory reference connector is deliberately not a vendor: it is a test double, not a
/// product a hotel runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Vendor {
    /// Apaleo (REST, OAuth2).
    Apaleo,
    /// Mews Connector API.
    Mews,
    /// Oracle OPERA Cloud through the Oracle Hospitality Integration Platform (OHIP).
    OperaCloud,
    /// Cloudbeds PMS API.
    Cloudbeds,
    /// protel (Planet) through protel I/O.
    Protel,
}

impl Vendor {
    /// Every vendor, in the order of the matrix columns.
    pub const ALL: [Vendor; 5] = [
        Vendor::Apaleo,
        Vendor::Mews,
        Vendor::OperaCloud,
        Vendor::Cloudbeds,
        Vendor::Protel,
    ];

    /// The stable snake_case id used in `capability_matrix.yaml` and hotel configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Vendor::Apaleo => "apaleo",
            Vendor::Mews => "mews",
            Vendor::OperaCloud => "opera_cloud",
            Vendor::Cloudbeds => "cloudbeds",
            Vendor::Protel => "protel",
        }
    }

    /// Position in [`Vendor::ALL`].
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The known ids, comma separated, in [`Vendor::ALL`] order.
    pub(crate) fn known() -> String {
        Vendor::ALL.map(Vendor::as_str).join(", ")
    }
}

impl fmt::Display for Vendor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A vendor id that is not in [`Vendor::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown vendor `{name}`; known: {known}")]
pub struct UnknownVendor {
    /// The id that was given.
    pub name: String,
    /// The known ids, comma separated.
    pub known: String,
}

impl FromStr for Vendor {
    type Err = UnknownVendor;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Vendor::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| UnknownVendor {
                name: s.to_owned(),
                known: Vendor::known(),
            })
    }
}
