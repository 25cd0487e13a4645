//! The connector registry: a list of the connectors' descriptors.

use std::collections::BTreeMap;

use crate::{ConnectorDescriptor, FactoryError};

/// The registered connectors, by vendor id.
#[derive(Debug, Clone, Default)]
pub struct ConnectorRegistry {
    descriptors: BTreeMap<&'static str, ConnectorDescriptor>,
}

impl ConnectorRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// A registry of `descriptors`.
    ///
    /// # Errors
    ///
    /// [`FactoryError::DuplicateVendor`] if two descriptors name one vendor.
    pub fn of(
        descriptors: impl IntoIterator<Item = ConnectorDescriptor>,
    ) -> Result<Self, FactoryError> {
        let mut registry = Self::new();
        for descriptor in descriptors {
            registry.register(descriptor)?;
        }
        Ok(registry)
    }

    /// Every connector VoiceHive ships: the list in [`crate::builtin::descriptors`]. Adding a
    /// connector means adding its descriptor there.
    pub fn builtin() -> Self {
        let mut registry = Self::new();
        for descriptor in crate::builtin::descriptors() {
            registry.descriptors.insert(descriptor.vendor, descriptor);
        }
        registry
    }

    /// Registers a connector (e.g. a partner's, in their own binary or tests).
    pub fn register(&mut self, descriptor: ConnectorDescriptor) -> Result<(), FactoryError> {
        if self.descriptors.contains_key(descriptor.vendor) {
            return Err(FactoryError::DuplicateVendor(descriptor.vendor.to_owned()));
        }
        self.descriptors.insert(descriptor.vendor, descriptor);
        Ok(())
    }

    /// The descriptor of `vendor`.
    pub fn get(&self, vendor: &str) -> Option<&ConnectorDescriptor> {
        self.descriptors.get(vendor)
    }

    /// Registered vendor ids, sorted.
    pub fn vendors(&self) -> Vec<&'static str> {
        self.descriptors.keys().copied().collect()
    }

    /// The registered descriptors, by vendor id.
    pub fn descriptors(&self) -> impl Iterator<Item = &ConnectorDescriptor> {
        self.descriptors.values()
    }
}
