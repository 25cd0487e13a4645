//! Factory tests: configuration, registry, capability narrowing, and the golden suite run
//! through the factory the way `voicehive golden --hotel` runs it.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod apaleo;
mod config;
mod factory;
mod suite;

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use clock::ManualClock;
use pms_factory::{ConnectorFactory, HotelConfig};

pub(crate) const BERLIN: &str = r#"
[hotel]
id = "berlin-ref"
vendor = "reference"
property = "REF-BER"
live = false
"#;

pub(crate) fn clock() -> ManualClock {
    ManualClock::new(Utc.with_ymd_and_hms(2027, 1, 4, 9, 0, 0).unwrap())
}

pub(crate) fn factory() -> ConnectorFactory {
    ConnectorFactory::builtin(Arc::new(clock())).unwrap()
}

pub(crate) fn hotel(text: &str) -> HotelConfig {
    HotelConfig::from_toml(text, "hotel.toml").unwrap()
}
