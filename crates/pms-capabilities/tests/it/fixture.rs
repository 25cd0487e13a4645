//! A small, valid matrix document with a fixed layout, so tests can break one line and know its
//! number.
//!
//! Layout: line 1 is `vendors:`. Vendor `v` (0-based, in [`VENDORS`] order) starts at line
//! `2 + 19 * v` with `  <id>:`, followed by `name`, `auth`, `rate_limits`, `connector` and
//! `capabilities:` (lines +1 to +5) and the thirteen capabilities in `Capability::ALL` order
//! (lines +6 to +18), all `supported`. So `mews` is line 21, its `auth` line 23, its
//! `capabilities:` line 26, its `offers` line 30; `protel` starts at line 78; the document has 96
//! lines.

use pms_capabilities::{CapabilityMatrix, MatrixError};
use pms_contract::Capability;

/// The vendors of the fixture, in its order.
pub(crate) const VENDORS: [&str; 5] = ["apaleo", "mews", "opera_cloud", "cloudbeds", "protel"];

pub(crate) fn lines() -> Vec<String> {
    let mut lines = vec!["vendors:".to_owned()];
    for vendor in VENDORS {
        lines.push(format!("  {vendor}:"));
        lines.push(format!("    name: Name of {vendor}"));
        lines.push("    auth: static token".to_owned());
        lines.push("    rate_limits: 10 requests/s".to_owned());
        lines.push("    connector: planned".to_owned());
        lines.push("    capabilities:".to_owned());
        for capability in Capability::ALL {
            lines.push(format!("      {capability}: supported"));
        }
    }
    lines
}

pub(crate) fn join(lines: &[String]) -> String {
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// The valid document.
pub(crate) fn valid() -> String {
    join(&lines())
}

/// The document with 1-based line `number` replaced by `text` (which may span several lines).
pub(crate) fn replaced(number: usize, text: &str) -> String {
    let mut lines = lines();
    lines[number - 1] = text.to_owned();
    join(&lines)
}

/// The document without the 1-based lines `from..=to`.
pub(crate) fn removed(from: usize, to: usize) -> String {
    let mut lines = lines();
    lines.drain(from - 1..to);
    join(&lines)
}

/// The document with `text` inserted after 1-based line `number`.
pub(crate) fn inserted(number: usize, text: &str) -> String {
    let mut lines = lines();
    lines.insert(number, text.to_owned());
    join(&lines)
}

/// Parses a document that must be refused.
pub(crate) fn refused(yaml: &str) -> MatrixError {
    match CapabilityMatrix::parse(yaml, "test.yaml") {
        Ok(_) => panic!("the document was accepted:\n{yaml}"),
        Err(err) => err,
    }
}

#[test]
fn fixture_layout_is_as_documented_and_valid() {
    let lines = lines();
    assert_eq!(lines.len(), 96);
    assert_eq!(lines[20], "  mews:");
    assert_eq!(lines[22], "    auth: static token");
    assert_eq!(lines[25], "    capabilities:");
    assert_eq!(lines[29], "      offers: supported");
    assert_eq!(lines[77], "  protel:");
    let matrix = CapabilityMatrix::parse(&valid(), "test.yaml").unwrap();
    assert_eq!(matrix.entries().len(), 5);
}
