//! Why a hotel's connector could not be built.

use pms_contract::{Capability, PmsError};

/// Why a hotel's connector could not be built. Messages name configuration keys, never
/// secrets.
#[derive(Debug, thiserror::Error)]
pub enum FactoryError {
    /// The hotel configuration is invalid.
    #[error("{origin}: {message}")]
    Config {
        /// The file (or other source) the configuration came from.
        origin: String,
        /// What is wrong, naming the key.
        message: String,
    },
    /// No connector is registered under this vendor id.
    #[error("hotel `{hotel}`: unknown vendor `{vendor}`; registered connectors: {known}")]
    UnknownVendor {
        /// Our hotel id.
        hotel: String,
        /// The vendor id from the configuration.
        vendor: String,
        /// The registered vendor ids, comma separated.
        known: String,
    },
    /// The configuration switches on a capability the vendor or connector does not offer.
    #[error(
        "hotel `{hotel}`: capabilities.{capability} = true, but the {vendor} connector does not offer it; \
         configuration may only switch capabilities off"
    )]
    Widening {
        /// Our hotel id.
        hotel: String,
        /// The vendor id.
        vendor: String,
        /// The capability.
        capability: Capability,
    },
    /// A connector with this vendor id is already registered.
    #[error("a connector for vendor `{0}` is already registered")]
    DuplicateVendor(String),
    /// The connector refused the configuration.
    #[error("hotel `{hotel}`: the {vendor} connector could not be built: {source}")]
    Build {
        /// Our hotel id.
        hotel: String,
        /// The vendor id.
        vendor: String,
        /// The connector's error.
        #[source]
        source: Box<PmsError>,
    },
    /// The built-in capability matrix is broken (a build defect).
    #[error("capability matrix: {0}")]
    Matrix(#[from] Box<pms_capabilities::MatrixError>),
}
