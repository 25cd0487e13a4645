//! The repository's invariants (ARCHITECTURE.md), checked against its sources, manifests and
//! `cargo metadata`.
//!
//! Every check is a function from an input (metadata, a manifest, a source text) to the list of
//! its findings, so that a companion test can feed it a known-bad input and see it fail.

// Test helpers may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod clock;
mod codemap;
mod connectors;
mod conventions;
mod manifests;
mod metadata;
mod source;
mod test_names;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The repository root.
pub(crate) fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// One violation: `key` names it stably (a crate, an edge, a file; no line numbers, so that an
/// allow-list survives edits), `message` says where and what, with file:line when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub(crate) key: String,
    pub(crate) message: String,
}

impl Finding {
    pub(crate) fn new(key: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            message: message.into(),
        }
    }
}

/// A known violation tolerated for now, and why. The lead empties these lists.
#[derive(Debug)]
pub(crate) struct Allowed {
    pub(crate) key: &'static str,
    pub(crate) reason: &'static str,
}

/// All findings not on the allow-list, and every allow-list entry that matches no finding
/// (stale: remove it), as one message; `Ok` if there are none.
pub(crate) fn verdict(
    check: &str,
    findings: &[Finding],
    allowed: &[Allowed],
) -> Result<(), String> {
    let allowed_keys: BTreeSet<&str> = allowed.iter().map(|a| a.key).collect();
    let found_keys: BTreeSet<&str> = findings.iter().map(|f| f.key.as_str()).collect();
    let mut problems: Vec<String> = findings
        .iter()
        .filter(|f| !allowed_keys.contains(f.key.as_str()))
        .map(|f| f.message.clone())
        .collect();
    problems.extend(
        allowed
            .iter()
            .filter(|a| !found_keys.contains(a.key))
            .map(|a| {
                format!(
                    "stale allow-list entry `{}` ({}): nothing violates it any more; remove it",
                    a.key, a.reason
                )
            }),
    );
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{check}: {} problem(s):\n  {}",
            problems.len(),
            problems.join("\n  ")
        ))
    }
}

/// Panics with [`verdict`]'s message.
#[track_caller]
pub(crate) fn assert_clean(check: &str, findings: &[Finding], allowed: &[Allowed]) {
    if let Err(message) = verdict(check, findings, allowed) {
        panic!("{message}");
    }
}

/// A repository file: its path relative to the root (with `/`) and its text.
#[derive(Debug)]
pub(crate) struct SourceFile {
    pub(crate) path: String,
    pub(crate) text: String,
}

/// Every `.rs` file under `crates/*/<sub>` (e.g. `src`, `tests`), sorted by path.
pub(crate) fn rust_files(sub: &str) -> Vec<SourceFile> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = repo();
    let mut paths = Vec::new();
    for krate in fs::read_dir(root.join("crates")).unwrap() {
        walk(&krate.unwrap().path().join(sub), &mut paths);
    }
    let mut files: Vec<SourceFile> = paths
        .into_iter()
        .map(|p| SourceFile {
            path: relative(&root, &p),
            text: fs::read_to_string(&p).unwrap(),
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// `path` relative to `root`, with `/` separators.
pub(crate) fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn verdict_reports_unlisted_findings_and_stale_entries_and_accepts_listed_ones() {
    let findings = [
        Finding::new("a", "a.rs:1: bad"),
        Finding::new("b", "b.rs:2: bad"),
    ];
    let allowed = [Allowed {
        key: "a",
        reason: "being fixed",
    }];
    let err = verdict("demo", &findings, &allowed).unwrap_err();
    assert!(err.contains("b.rs:2: bad"), "{err}");
    assert!(!err.contains("a.rs:1"), "{err}");

    let stale = [
        Allowed {
            key: "a",
            reason: "being fixed",
        },
        Allowed {
            key: "b",
            reason: "being fixed",
        },
        Allowed {
            key: "gone",
            reason: "fixed already",
        },
    ];
    let err = verdict("demo", &findings, &stale).unwrap_err();
    assert!(err.contains("stale allow-list entry `gone`"), "{err}");
    assert!(err.contains("1 problem(s)"), "{err}");

    assert_eq!(verdict("demo", &findings, &stale[..2]), Ok(()));
}
