//! Connectors, harnesses and sandboxes: what a production build of a connector compiles, and
//! who may use a connector or a sandbox.

use std::collections::BTreeSet;

use crate::metadata::{Kind, Workspace, fake_metadata};
use crate::{Finding, assert_clean, verdict};

/// `pms-*` crates that are the SDK, not a vendor's connector.
const SDK: &[&str] = &[
    "pms-contract",
    "pms-capabilities",
    "pms-golden",
    "pms-http",
    "pms-resilience",
    "pms-factory",
    "pms-plugin",
];

/// The connector crates: `pms-<vendor>`, SDK crates excepted.
pub(crate) fn connectors(ws: &Workspace) -> Vec<&str> {
    ws.packages
        .iter()
        .map(|p| p.name.as_str())
        .filter(|n| n.starts_with("pms-") && !SDK.contains(n))
        .collect()
}

fn is_harness_or_sandbox(name: &str) -> bool {
    name == "pms-golden" || name.ends_with("-sandbox")
}

/// Connectors whose default build (normal dependencies, default features) compiles the golden
/// suite or a sandbox.
pub(crate) fn connector_closure_violations(ws: &Workspace) -> Vec<Finding> {
    let mut findings = Vec::new();
    for connector in connectors(ws) {
        for (reached, chain) in ws.normal_closure(connector) {
            if is_harness_or_sandbox(&reached) {
                findings.push(Finding::new(
                    format!("{connector} -> {reached}"),
                    format!(
                        "{}: connector `{connector}` compiles `{reached}` in its default build: {}",
                        ws.package(connector).map_or("", |p| &p.manifest),
                        chain.join(" -> ")
                    ),
                ));
            }
        }
    }
    findings
}

/// Crates that may run a sandbox outside tests: `voicehive serve`'s sandbox mode (the gateway)
/// and `voicehive sandbox apaleo` (the binary).
const SANDBOX_USERS: &[&str] = &["gateway", "voicehive"];

/// Crates other than the gateway and the binary whose default build compiles a sandbox.
pub(crate) fn sandbox_user_violations(ws: &Workspace) -> Vec<Finding> {
    let mut findings = Vec::new();
    for package in &ws.packages {
        if SANDBOX_USERS.contains(&package.name.as_str()) || package.name.ends_with("-sandbox") {
            continue;
        }
        for (reached, chain) in ws.normal_closure(&package.name) {
            if reached.ends_with("-sandbox") {
                findings.push(Finding::new(
                    package.name.clone(),
                    format!(
                        "{}: `{}` compiles the test double `{reached}` outside tests: {}",
                        package.manifest,
                        package.name,
                        chain.join(" -> ")
                    ),
                ));
            }
        }
    }
    findings
}

/// Crates that may depend on a connector (normal dependencies): the factory, whose
/// `ConnectorRegistry::builtin` is the one place connectors register.
const CONNECTOR_USERS: &[&str] = &["pms-factory"];

/// Normal or build dependencies on a connector from anywhere but the factory.
pub(crate) fn connector_user_violations(ws: &Workspace) -> Vec<Finding> {
    let connectors: BTreeSet<&str> = connectors(ws).into_iter().collect();
    let mut findings = Vec::new();
    for package in &ws.packages {
        if CONNECTOR_USERS.contains(&package.name.as_str()) {
            continue;
        }
        for dep in package
            .deps
            .iter()
            .filter(|d| d.internal && d.kind != Kind::Dev && connectors.contains(d.name.as_str()))
        {
            findings.push(Finding::new(
                format!("{} -> {}", package.name, dep.name),
                format!(
                    "{}: `{}` depends on the connector `{}`; only the factory may (ConnectorRegistry::builtin)",
                    package.manifest, package.name, dep.name
                ),
            ));
        }
    }
    findings
}

#[test]
fn no_connector_builds_a_harness_or_sandbox_by_default() {
    let ws = Workspace::load();
    let found = connectors(&ws);
    assert!(
        found.contains(&"pms-apaleo") && found.contains(&"pms-reference"),
        "{found:?}"
    );
    assert_clean(
        "connectors' default builds (no pms-golden, no *-sandbox)",
        &connector_closure_violations(&ws),
        &[],
    );
}

#[test]
fn only_the_gateway_and_the_binary_build_a_sandbox() {
    assert_clean(
        "sandbox users",
        &sandbox_user_violations(&Workspace::load()),
        &[],
    );
}

#[test]
fn only_the_factory_depends_on_connectors() {
    assert_clean(
        "connector users",
        &connector_user_violations(&Workspace::load()),
        &[],
    );
}

#[test]
fn the_connector_checks_fail_on_a_bad_workspace() {
    let ws = Workspace::from_json(&fake_metadata(&[
        (
            "pms-acme",
            &[("pms-contract", "", false), ("pms-acme-kit", "", true)],
            &[("default", &["kit"]), ("kit", &["dep:pms-acme-kit"])],
        ),
        ("pms-acme-kit", &[("acme-sandbox", "", false)], &[]),
        ("acme-sandbox", &[], &[]),
        ("pms-contract", &[], &[]),
        ("pms-golden", &[("pms-contract", "", false)], &[]),
        (
            "pms-tidy",
            &[("pms-golden", "", false), ("acme-sandbox", "dev", false)],
            &[],
        ),
        (
            "gateway",
            &[("pms-tidy", "", false), ("acme-sandbox", "", false)],
            &[],
        ),
    ]));
    let err = verdict("closure", &connector_closure_violations(&ws), &[]).unwrap_err();
    assert!(
        err.contains("`pms-acme` compiles `acme-sandbox` in its default build: pms-acme -> pms-acme-kit -> acme-sandbox"),
        "{err}"
    );
    assert!(err.contains("`pms-tidy` compiles `pms-golden`"), "{err}");
    // pms-acme-kit is a connector by the name rule, and reaches the sandbox too.
    assert!(err.contains("3 problem(s)"), "{err}");

    let err = verdict("sandbox users", &sandbox_user_violations(&ws), &[]).unwrap_err();
    assert!(
        err.contains("`pms-acme` compiles the test double `acme-sandbox`"),
        "{err}"
    );
    assert!(!err.contains("`gateway`"), "{err}");

    let err = verdict("connector users", &connector_user_violations(&ws), &[]).unwrap_err();
    assert!(
        err.contains("`gateway` depends on the connector `pms-tidy`"),
        "{err}"
    );
}
