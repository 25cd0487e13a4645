//! Shared test helpers.

use std::hash::{BuildHasher, RandomState};
use std::path::{Path, PathBuf};

use credentials::CredentialError;

/// A random lowercase hex string (32 characters).
pub(crate) fn random_hex() -> String {
    let state = RandomState::new();
    format!(
        "{:016x}{:016x}",
        state.hash_one(std::process::id()),
        state.hash_one(std::time::SystemTime::now())
    )
}

/// A reqwest client for tests under tokio's paused time: no request timeout and no connection
/// pool, so it sets no tokio timers that auto-advance could jump to while the test waits for
/// the mock server (which runs on its own thread).
pub(crate) fn paused_time_http() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .pool_idle_timeout(None)
        .build()
        .unwrap()
}

/// A loopback port nothing listens on (bound, then released).
pub(crate) fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Standard base64 with padding, to spell out expected `Authorization: Basic` headers.
pub(crate) fn base64(input: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = input.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Asserts that neither the error's `Display` nor its `Debug` contains `secret`.
pub(crate) fn assert_no_secret(err: &CredentialError, secret: &str) {
    assert!(
        !err.to_string().contains(secret) && !format!("{err:?}").contains(secret),
        "error leaks a secret: {err}"
    );
}

/// A temporary directory, removed on drop.
#[derive(Debug)]
pub(crate) struct TempDir {
    path: PathBuf,
}

impl TempDir {
    pub(crate) fn new() -> Self {
        let path = std::env::temp_dir().join(format!("voicehive-credentials-{}", random_hex()));
        std::fs::create_dir_all(&path).unwrap();
        Self { path }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

#[test]
fn base64_matches_rfc_4648_examples() {
    assert_eq!(base64(""), "");
    assert_eq!(base64("f"), "Zg==");
    assert_eq!(base64("fo"), "Zm8=");
    assert_eq!(base64("foo"), "Zm9v");
    assert_eq!(base64("foobar"), "Zm9vYmFy");
}
