//! Member manifests: every dependency comes from the root `[workspace.dependencies]` (versions,
//! features and paths are decided in one place), the package fields are the workspace's, and
//! the workspace lints apply.

use std::fs;

use toml::{Table, Value};

use crate::metadata::Workspace;
use crate::{Allowed, Finding, assert_clean, repo, verdict};

const DEPENDENCY_TABLES: &[&str] = &["dependencies", "dev-dependencies", "build-dependencies"];

/// Package fields every member inherits from `[workspace.package]`.
const INHERITED: &[&str] = &["version", "edition", "rust-version", "license", "publish"];

const ALLOWED: &[Allowed] = &[];

/// Dependencies of one member manifest that do not say `workspace = true`, and missing
/// workspace package fields or lints. `path` is the manifest's repository path.
pub(crate) fn manifest_violations(path: &str, manifest: &str) -> Vec<Finding> {
    let table: Table = match manifest.parse() {
        Ok(t) => t,
        Err(e) => return vec![Finding::new(path, format!("{path}: not TOML: {e}"))],
    };
    let line = |needle: &str| {
        manifest
            .lines()
            .position(|l| l.trim_start().starts_with(needle))
            .map_or(String::new(), |i| format!(":{}", i + 1))
    };
    let mut findings = Vec::new();
    let mut sections: Vec<(String, &Table)> = Vec::new();
    for name in DEPENDENCY_TABLES {
        if let Some(Value::Table(deps)) = table.get(*name) {
            sections.push(((*name).to_owned(), deps));
        }
    }
    if let Some(Value::Table(targets)) = table.get("target") {
        for (cfg, target) in targets {
            for name in DEPENDENCY_TABLES {
                if let Some(Value::Table(deps)) = target.get(*name) {
                    sections.push((format!("target.{cfg}.{name}"), deps));
                }
            }
        }
    }
    let own_name = table
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    for (section, deps) in sections {
        for (dep, spec) in deps {
            let inherited = matches!(spec, Value::Table(t) if t.get("workspace") == Some(&Value::Boolean(true)));
            // A crate's tests switching on its own features: `me = { path = ".", features = [..] }`.
            let itself = section == "dev-dependencies"
                && dep == own_name
                && matches!(spec, Value::Table(t) if t.get("path").and_then(Value::as_str) == Some(".")
                    && t.keys().all(|k| k == "path" || k == "features"));
            if !inherited && !itself {
                findings.push(Finding::new(
                    format!("{path}: {dep}"),
                    format!(
                        "{path}{}: [{section}] `{dep} = {spec}` does not come from the workspace; \
                         declare it in the root [workspace.dependencies] and write `{dep}.workspace = true`",
                        line(&format!("{dep} ")),
                    ),
                ));
            }
        }
    }
    let package = table.get("package").and_then(Value::as_table);
    for field in INHERITED {
        let inherited = package
            .and_then(|p| p.get(*field))
            .and_then(Value::as_table)
            .is_some_and(|t| t.get("workspace") == Some(&Value::Boolean(true)));
        if !inherited {
            findings.push(Finding::new(
                format!("{path}: package.{field}"),
                format!("{path}: [package] must say `{field}.workspace = true`"),
            ));
        }
    }
    let lints = table
        .get("lints")
        .and_then(Value::as_table)
        .is_some_and(|t| t.len() == 1 && t.get("workspace") == Some(&Value::Boolean(true)));
    if !lints {
        findings.push(Finding::new(
            format!("{path}: lints"),
            format!("{path}: must have `[lints]` with only `workspace = true`"),
        ));
    }
    findings
}

/// Members whose manifest is not `crates/<name>/Cargo.toml`.
pub(crate) fn layout_violations(ws: &Workspace) -> Vec<Finding> {
    ws.packages
        .iter()
        .filter(|p| p.manifest != format!("crates/{}/Cargo.toml", p.name))
        .map(|p| {
            Finding::new(
                p.name.clone(),
                format!(
                    "{}: crate `{}` must live in crates/{}/",
                    p.manifest, p.name, p.name
                ),
            )
        })
        .collect()
}

#[test]
fn member_manifests_take_everything_from_the_workspace() {
    let ws = Workspace::load();
    assert_clean(
        "crate layout (one crate per directory under crates/)",
        &layout_violations(&ws),
        &[],
    );
    let mut findings = Vec::new();
    for package in &ws.packages {
        let text = fs::read_to_string(repo().join(&package.manifest)).unwrap();
        findings.extend(manifest_violations(&package.manifest, &text));
    }
    assert_clean("member manifests", &findings, ALLOWED);
}

#[test]
fn the_manifest_check_fails_on_a_bad_manifest() {
    let bad = r#"[package]
name = "demo"
version = "0.1.0"
edition.workspace = true
rust-version.workspace = true
license.workspace = true
publish.workspace = true

[dependencies]
serde.workspace = true
tokio = { workspace = true, features = ["net"] }
sha2 = "0.11"
local = { path = "../local" }

[dev-dependencies]
proptest = { version = "1", default-features = false }
demo = { path = ".", features = ["extra"] }

[target.'cfg(unix)'.dependencies]
libc = "0.2"

[build-dependencies]
cc = { workspace = false, version = "1" }
"#;
    let err = verdict(
        "manifest",
        &manifest_violations("crates/demo/Cargo.toml", bad),
        &[],
    )
    .unwrap_err();
    for expected in [
        "crates/demo/Cargo.toml:12: [dependencies] `sha2 = \"0.11\"`",
        "crates/demo/Cargo.toml:13: [dependencies] `local = ",
        "crates/demo/Cargo.toml:16: [dev-dependencies] `proptest = ",
        "[target.cfg(unix).dependencies] `libc = \"0.2\"`",
        "[build-dependencies] `cc = ",
        "[package] must say `version.workspace = true`",
        "must have `[lints]` with only `workspace = true`",
    ] {
        assert!(err.contains(expected), "{expected} missing from {err}");
    }
    assert!(err.contains("7 problem(s)"), "{err}");

    let ws =
        crate::metadata::Workspace::from_json(&crate::metadata::fake_metadata(&[("a", &[], &[])]));
    assert!(layout_violations(&ws).is_empty());
    let mut moved = ws.clone();
    moved.packages[0].manifest = "tools/a/Cargo.toml".to_owned();
    let err = verdict("layout", &layout_violations(&moved), &[]).unwrap_err();
    assert!(
        err.contains("tools/a/Cargo.toml: crate `a` must live in crates/a/"),
        "{err}"
    );
}
