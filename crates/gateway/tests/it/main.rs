//! End-to-end tests over real HTTP: a gateway on 127.0.0.1:0 in front of the in-process Apaleo
//! and Mews sandboxes, on SQLite and on the local PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod config;
mod faults;
mod harness;
mod key_cache;
mod keys;
mod lifecycle;
mod mews;
mod openapi;
mod outcomes;
mod postgres;
mod privacy;
