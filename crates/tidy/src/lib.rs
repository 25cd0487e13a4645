//! Tidy: the invariants ARCHITECTURE.md states, checked mechanically by this crate's tests
//! (`cargo test -p tidy`). There is no production code here; the tests read the repository's
//! sources and manifests and `cargo metadata`, and every check reports all its violations at once.
//!
//! A check that still has known violations carries an allow-list of them, each with its reason;
//! an entry that no longer matches a violation fails the check, so the lists only shrink.

#![forbid(unsafe_code)]
