//! ARCHITECTURE.md's code map against the workspace: one entry per crate, and the list order is
//! the layering.
//!
//! The rule, stated precisely: a crate's normal and build dependencies on workspace crates are
//! all listed *above* it in the code map (the list goes from the foundations to the binary, so
//! "dependencies point downwards" means towards the foundations, i.e. up the list). Optional
//! dependencies count: a feature must not turn the layering upside down. Dev-dependencies may
//! point anywhere (a connector's tests may use the golden suite, a sandbox, the resilient
//! wrapper), and are not checked here.

use std::collections::BTreeMap;
use std::fs;

use crate::metadata::{Kind, Workspace, fake_metadata};
use crate::{Allowed, Finding, assert_clean, repo, verdict};

/// Crates without a code-map entry today.
const COVERAGE_ALLOWED: &[Allowed] = &[];

/// Today's known violations of the order, keyed `crate -> dependency`.
const ORDER_ALLOWED: &[Allowed] = &[];

/// The crate names of the code map's `### \`name\`` headings, in order, with their lines.
pub(crate) fn codemap(architecture: &str) -> Vec<(String, usize)> {
    let mut inside = false;
    let mut out = Vec::new();
    for (i, line) in architecture.lines().enumerate() {
        if line.starts_with("## ") {
            inside = line.trim() == "## Code map";
        } else if inside
            && let Some(rest) = line.strip_prefix("### `")
            && let Some(name) = rest.strip_suffix('`')
        {
            out.push((name.to_owned(), i + 1));
        }
    }
    out
}

/// Crates without a code-map entry, entries without a crate, duplicate entries.
pub(crate) fn codemap_coverage(ws: &Workspace, map: &[(String, usize)]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut lines: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (name, line) in map {
        lines.entry(name).or_default().push(*line);
    }
    for name in ws.names() {
        match lines.get(name).map(Vec::len) {
            None => findings.push(Finding::new(
                name,
                format!("crate `{name}` has no `### `{name}`` entry in ARCHITECTURE.md's code map"),
            )),
            Some(1) => {}
            Some(_) => findings.push(Finding::new(
                name,
                format!(
                    "crate `{name}` has several code-map entries: ARCHITECTURE.md lines {:?}",
                    lines[name]
                ),
            )),
        }
    }
    for (name, at) in &lines {
        if !ws.names().contains(name) {
            findings.push(Finding::new(
                *name,
                format!(
                    "ARCHITECTURE.md:{}: code-map entry `{name}` names no workspace crate",
                    at[0]
                ),
            ));
        }
    }
    findings
}

/// Normal and build dependencies on a crate that is not listed above the dependent.
pub(crate) fn order_violations(ws: &Workspace, map: &[(String, usize)]) -> Vec<Finding> {
    let position: BTreeMap<&str, usize> = map
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (n.as_str(), i))
        .collect();
    let mut findings = Vec::new();
    for package in &ws.packages {
        let Some(&here) = position.get(package.name.as_str()) else {
            continue; // reported by the coverage check
        };
        for dep in package
            .deps
            .iter()
            .filter(|d| d.internal && matches!(d.kind, Kind::Normal | Kind::Build))
        {
            let Some(&there) = position.get(dep.name.as_str()) else {
                continue;
            };
            if there >= here {
                findings.push(Finding::new(
                    format!("{} -> {}", package.name, dep.name),
                    format!(
                        "{}: `{}` ({}, code-map entry {}) depends on `{}` (entry {}), which is not listed above it",
                        package.manifest,
                        package.name,
                        match (dep.kind, dep.optional) {
                            (Kind::Build, _) => "build dependency",
                            (_, true) => "optional normal dependency",
                            _ => "normal dependency",
                        },
                        here + 1,
                        dep.name,
                        there + 1,
                    ),
                ));
            }
        }
    }
    findings
}

fn architecture() -> String {
    fs::read_to_string(repo().join("ARCHITECTURE.md")).unwrap()
}

#[test]
fn every_crate_has_exactly_one_codemap_entry() {
    let map = codemap(&architecture());
    assert!(map.len() >= 10, "code map not found: {map:?}");
    assert_clean(
        "code map coverage",
        &codemap_coverage(&Workspace::load(), &map),
        COVERAGE_ALLOWED,
    );
}

#[test]
fn dependencies_point_up_the_codemap() {
    let map = codemap(&architecture());
    assert_clean(
        "dependency direction (normal and build dependencies on crates listed above)",
        &order_violations(&Workspace::load(), &map),
        ORDER_ALLOWED,
    );
}

#[test]
fn the_codemap_checks_fail_on_a_bad_workspace() {
    let doc = "# A\n## Code map\n### `base`\n### `top`\n### `ghost`\n### `top`\n## Invariants\n### `not-map`\n";
    let map = codemap(doc);
    assert_eq!(map.len(), 4, "{map:?}");
    let ws = Workspace::from_json(&fake_metadata(&[
        ("base", &[("top", "", false), ("top", "build", false)], &[]),
        ("top", &[("base", "", false), ("base", "dev", false)], &[]),
        ("unmapped", &[("top", "dev", false)], &[]),
    ]));
    let err = verdict("coverage", &codemap_coverage(&ws, &map), &[]).unwrap_err();
    assert!(err.contains("`unmapped` has no"), "{err}");
    assert!(err.contains("`top` has several"), "{err}");
    assert!(
        err.contains("ARCHITECTURE.md:5: code-map entry `ghost`"),
        "{err}"
    );
    assert!(err.contains("3 problem(s)"), "{err}");

    let findings = order_violations(&ws, &map);
    let err = verdict("order", &findings, &[]).unwrap_err();
    assert!(
        err.contains("crates/base/Cargo.toml: `base` (normal dependency"),
        "{err}"
    );
    assert!(err.contains("(build dependency"), "{err}");
    assert!(err.contains("2 problem(s)"), "{err}");
}
