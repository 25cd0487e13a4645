//! GDPR records logic, free of I/O: what the gateway stores about data subjects and how it is
//! checked.
//!
//! - [`pseudonym`]: a data subject is identified by a keyed pseudonym (HMAC-SHA-256) of a
//!   normalised phone number or e-mail address, never by the raw value.
//! - [`audit`]: the audit log's entries, their canonical encoding and SHA-256 hash chain, the
//!   Ed25519-signed checkpoints of the chain head, and a streaming verifier that names the first
//!   broken entry (edited, deleted, reordered, or a truncated tail).
//! - [`consent`]: purposes, consent events and the current state derived from them.
//! - [`retention`]: the retention policy per data category and its defaults.
//! - [`dsar`]: privacy requests (access, erasure), their states and due dates.
//!
//! The gateway persists these records (SQLite or PostgreSQL) and serves them; this crate holds
//! the rules, so that they are tested without a database and shared by the CLI and benchmarks.

#![forbid(unsafe_code)]

pub mod audit;
pub mod consent;
pub mod dsar;
pub mod hex;
pub mod pseudonym;
pub mod retention;
