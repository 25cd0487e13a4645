//! Fuzzes JSON detection and redaction: whatever JSON comes in, redaction keeps the structure
//! (same keys) and never panics.
//!
//! `cargo +nightly fuzz run redact_json` (from crates/pii).

#![no_main]

use libfuzzer_sys::fuzz_target;
use pii::{Detector, Operators};

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let _ = Detector::new().detect_json(&value);
    let out = pii::redact_json(&value, &Operators::default());
    if let (Some(a), Some(b)) = (value.as_object(), out.as_object()) {
        assert!(a.keys().eq(b.keys()));
    }
});
