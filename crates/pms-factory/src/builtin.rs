//! The list of built-in connectors.
//!
//! Every connector crate exports its descriptor; this list is the only place they are named.
//! Adding a vendor adds one line here.

use crate::ConnectorDescriptor;

/// The descriptors of every connector VoiceHive ships.
pub fn descriptors() -> Vec<ConnectorDescriptor> {
    vec![
        pms_reference::descriptor(),
        pms_apaleo::descriptor(),
        pms_mews::descriptor(),
    ]
}
