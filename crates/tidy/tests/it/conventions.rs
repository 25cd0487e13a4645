//! The other mechanically checkable statements of ARCHITECTURE.md: what the contract, the
//! compliance crate and the golden suite depend on, who uses `anyhow`, prints or installs a
//! `tracing` subscriber, crate roots, exact money, errors without a `source()` chain.

use std::collections::BTreeSet;
use std::fs;

use crate::connectors::connectors;
use crate::metadata::{Kind, Workspace, fake_metadata};
use crate::source::{hits_outside_tests, mask};
use crate::{Allowed, Finding, SourceFile, assert_clean, repo, rust_files, verdict};

/// Crates that do I/O or bring an async runtime, a database or an HTTP stack.
const IO_CRATES: &[&str] = &[
    "tokio",
    "async-std",
    "smol",
    "mio",
    "reqwest",
    "hyper",
    "hyper-util",
    "axum",
    "ureq",
    "wiremock",
    "sqlx",
    "redis",
    "rusqlite",
    "postgres",
    "tokio-postgres",
    "diesel",
    "sea-orm",
];

/// I/O in source code.
const IO_CALLS: &[&str] = &[
    "std::fs",
    "std::net",
    "std::process",
    "tokio::",
    "reqwest::",
];

/// `package`'s workspace dependencies (any kind) and its normal and build dependencies among
/// `forbidden`.
pub(crate) fn dependency_violations(
    ws: &Workspace,
    package: &str,
    allowed_internal: &[&str],
    forbidden: &[&str],
) -> Vec<Finding> {
    let Some(p) = ws.package(package) else {
        return vec![Finding::new(
            package,
            format!("no crate `{package}` in the workspace"),
        )];
    };
    let mut findings = Vec::new();
    for dep in &p.deps {
        if dep.internal && !allowed_internal.contains(&dep.name.as_str()) {
            findings.push(Finding::new(
                format!("{package} -> {}", dep.name),
                format!(
                    "{}: `{package}` must not depend on `{}`",
                    p.manifest, dep.name
                ),
            ));
        } else if dep.kind != Kind::Dev && forbidden.contains(&dep.name.as_str()) {
            findings.push(Finding::new(
                format!("{package} -> {}", dep.name),
                format!(
                    "{}: `{package}` must not depend on `{}` (I/O, runtime or database)",
                    p.manifest, dep.name
                ),
            ));
        }
    }
    findings
}

/// Hits of `needles` in the non-test code of `files` under `crates/<krate>/src/`.
pub(crate) fn source_hits(
    files: &[SourceFile],
    krates: &[&str],
    needles: &[&str],
    what: &str,
) -> Vec<Finding> {
    files
        .iter()
        .filter(|f| {
            krates
                .iter()
                .any(|k| f.path.starts_with(&format!("crates/{k}/src/")))
        })
        .flat_map(|f| {
            hits_outside_tests(&f.text, needles)
                .into_iter()
                .map(|(line, needle)| {
                    Finding::new(
                        f.path.clone(),
                        format!("{}:{line}: `{needle}`: {what}", f.path),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn crate_names(ws: &Workspace) -> Vec<&str> {
    ws.packages.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn the_contract_has_no_io_no_runtime_and_depends_on_nothing_of_ours() {
    let ws = Workspace::load();
    assert_clean(
        "pms-contract's dependencies",
        &dependency_violations(&ws, "pms-contract", &[], IO_CRATES),
        &[],
    );
    assert_clean(
        "pms-contract's code",
        &source_hits(
            &rust_files("src"),
            &["pms-contract"],
            IO_CALLS,
            "the contract does no I/O",
        ),
        &[],
    );
}

#[test]
fn compliance_has_no_io_no_database_and_depends_on_nothing_of_ours() {
    let ws = Workspace::load();
    assert_clean(
        "compliance's dependencies",
        &dependency_violations(&ws, "compliance", &[], IO_CRATES),
        &[],
    );
    assert_clean(
        "compliance's code",
        &source_hits(
            &rust_files("src"),
            &["compliance"],
            IO_CALLS,
            "compliance does no I/O",
        ),
        &[],
    );
}

#[test]
fn the_suite_crate_depends_only_on_the_contract_the_base_and_the_clock_never_on_a_connector() {
    let ws = Workspace::load();
    let mut never: Vec<&str> = connectors(&ws);
    never.extend(
        crate_names(&ws)
            .into_iter()
            .filter(|n| n.ends_with("-sandbox")),
    );
    let findings = dependency_violations(
        &ws,
        "pms-golden",
        &["pms-contract", "pms-resilience", "clock"],
        &[],
    );
    assert_clean("pms-golden's dependencies", &findings, &[]);
    // Never a connector or a sandbox, not even as a dev-dependency; no allow-list here.
    let concrete: Vec<Finding> = findings
        .into_iter()
        .filter(|f| never.iter().any(|n| f.key == format!("pms-golden -> {n}")))
        .collect();
    assert_clean("pms-golden knows no concrete connector", &concrete, &[]);
}

/// Members other than `only` with a normal or build dependency on `dep`.
pub(crate) fn exclusive_dependency(ws: &Workspace, dep: &str, only: &str) -> Vec<Finding> {
    ws.packages
        .iter()
        .filter(|p| p.name != only)
        .filter(|p| p.deps.iter().any(|d| d.name == dep && d.kind != Kind::Dev))
        .map(|p| {
            Finding::new(
                p.name.clone(),
                format!(
                    "{}: only `{only}` may depend on `{dep}`, not `{}`",
                    p.manifest, p.name
                ),
            )
        })
        .collect()
}

#[test]
fn only_the_binary_uses_anyhow() {
    assert_clean(
        "anyhow users",
        &exclusive_dependency(&Workspace::load(), "anyhow", "voicehive"),
        &[],
    );
}

const PRINTS: &[&str] = &["println!", "eprintln!", "print!", "eprint!"];

const PRINTS_ALLOWED: &[Allowed] = &[Allowed {
    key: "crates/pms-golden/src/runner.rs",
    reason: "test support: assert_scenario_passes, which only golden_suite!'s tests call, \
             says why a scenario was skipped (ARCHITECTURE.md: \"prints outside tests\")",
}];

/// `println!` and the like outside tests, in crates other than the binary.
pub(crate) fn print_violations(files: &[SourceFile], binary: &str) -> Vec<Finding> {
    let others: Vec<String> = files
        .iter()
        .filter_map(|f| f.path.split('/').nth(1).map(str::to_owned))
        .filter(|k| k != binary)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let others: Vec<&str> = others.iter().map(String::as_str).collect();
    source_hits(files, &others, PRINTS, "only the binary prints")
}

#[test]
fn only_the_binary_prints() {
    assert_clean(
        "prints",
        &print_violations(&rust_files("src"), "voicehive"),
        PRINTS_ALLOWED,
    );
}

const INSTALLS_ALLOWED: &[Allowed] = &[Allowed {
    key: "crates/pii/src/logging.rs",
    reason: "pii::logging::init_json is the redacting installer; only the binary calls it \
             (ARCHITECTURE.md: \"installs a subscriber, through pii::logging::init_json\")",
}];

/// Global `tracing` subscriber installs outside tests, in crates other than the binary.
pub(crate) fn subscriber_installs(files: &[SourceFile], binary: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    for f in files
        .iter()
        .filter(|f| !f.path.starts_with(&format!("crates/{binary}/")))
    {
        let mut needles = vec!["set_global_default"];
        if mask(&f.text).contains("tracing_subscriber") {
            needles.extend([".init()", ".try_init()"]);
        }
        for (line, needle) in hits_outside_tests(&f.text, &needles) {
            findings.push(Finding::new(
                f.path.clone(),
                format!(
                    "{}:{line}: `{needle}` installs a global tracing subscriber; only the binary may",
                    f.path
                ),
            ));
        }
    }
    findings
}

/// The binary's non-test code installs its subscriber through `pii::logging::init_json` (every
/// line redacted) and no other way.
pub(crate) fn binary_subscriber_violations(files: &[SourceFile], binary: &str) -> Vec<Finding> {
    let own: Vec<&SourceFile> = files
        .iter()
        .filter(|f| f.path.starts_with(&format!("crates/{binary}/src/")))
        .collect();
    let mut findings: Vec<Finding> = own
        .iter()
        .flat_map(|f| {
            hits_outside_tests(&f.text, &["set_global_default", "tracing_subscriber::"])
                .into_iter()
                .map(|(line, needle)| {
                    Finding::new(
                        f.path.clone(),
                        format!(
                            "{}:{line}: `{needle}`: install the subscriber with pii::logging::init_json, which redacts",
                            f.path
                        ),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    if !own
        .iter()
        .any(|f| !hits_outside_tests(&f.text, &["pii::logging::init_json"]).is_empty())
    {
        findings.push(Finding::new(
            binary,
            format!("crates/{binary}/src: never calls pii::logging::init_json"),
        ));
    }
    findings
}

#[test]
fn only_the_binary_installs_a_subscriber_and_it_redacts() {
    let files = rust_files("src");
    assert_clean(
        "tracing subscriber installs",
        &subscriber_installs(&files, "voicehive"),
        INSTALLS_ALLOWED,
    );
    assert_clean(
        "the binary's subscriber",
        &binary_subscriber_violations(&files, "voicehive"),
        &[],
    );
}

/// Crate roots (lib, bin, proc-macro targets) that do not start with a `//!` doc or lack
/// `#![forbid(unsafe_code)]`. `read` returns a root's text by repository path.
pub(crate) fn crate_root_violations(ws: &Workspace, read: impl Fn(&str) -> String) -> Vec<Finding> {
    let mut findings = Vec::new();
    for p in &ws.packages {
        for t in p.targets.iter().filter(|t| {
            t.kinds
                .iter()
                .any(|k| matches!(k.as_str(), "lib" | "bin" | "proc-macro"))
        }) {
            let text = read(&t.src_path);
            if !text.starts_with("//!") {
                findings.push(Finding::new(
                    format!("{}: doc", t.src_path),
                    format!("{}:1: a crate root starts with a `//!` doc", t.src_path),
                ));
            }
            if !mask(&text).contains("#![forbid(unsafe_code)]") {
                findings.push(Finding::new(
                    format!("{}: forbid", t.src_path),
                    format!("{}: `#![forbid(unsafe_code)]` missing", t.src_path),
                ));
            }
        }
    }
    findings
}

#[test]
fn every_crate_root_is_documented_and_forbids_unsafe_code() {
    let root = repo();
    let findings = crate_root_violations(&Workspace::load(), |p| {
        fs::read_to_string(root.join(p)).unwrap()
    });
    assert_clean("crate roots", &findings, &[]);
}

/// Floating point in the non-test code of the contract and the connectors.
pub(crate) fn float_violations(files: &[SourceFile], krates: &[&str]) -> Vec<Finding> {
    source_hits(
        files,
        krates,
        &["f32", "f64"],
        "money is exact: rust_decimal, never floating point",
    )
}

#[test]
fn the_contract_and_the_connectors_have_no_floating_point() {
    let ws = Workspace::load();
    let mut krates = connectors(&ws);
    krates.push("pms-contract");
    assert_clean(
        "floating point",
        &float_violations(&rust_files("src"), &krates),
        &[],
    );
}

/// `source()` chains in the contract's errors.
pub(crate) fn error_source_violations(files: &[SourceFile]) -> Vec<Finding> {
    source_hits(
        files,
        &["pms-contract"],
        &[
            "#[source]",
            "#[from]",
            "fn source(",
            "#[error(transparent)]",
        ],
        "PmsError has no source() chain (causes quote guest data)",
    )
}

#[test]
fn contract_errors_have_no_source_chain() {
    assert_clean(
        "PmsError source chain",
        &error_source_violations(&rust_files("src")),
        &[],
    );
}

#[test]
fn the_convention_checks_fail_on_bad_inputs() {
    let file = |path: &str, text: &str| SourceFile {
        path: path.to_owned(),
        text: text.to_owned(),
    };
    let ws = Workspace::from_json(&fake_metadata(&[
        (
            "pms-contract",
            &[
                ("tokio", "", false),
                ("clock", "", false),
                ("tokio", "dev", false),
            ],
            &[],
        ),
        ("clock", &[], &[]),
        ("tool", &[("anyhow", "", false)], &[]),
        ("voicehive", &[("anyhow", "", false)], &[]),
    ]));
    let err = verdict(
        "deps",
        &dependency_violations(&ws, "pms-contract", &[], IO_CRATES),
        &[],
    )
    .unwrap_err();
    assert!(
        err.contains("`pms-contract` must not depend on `tokio` (I/O"),
        "{err}"
    );
    assert!(
        err.contains("`pms-contract` must not depend on `clock`"),
        "{err}"
    );
    assert!(err.contains("2 problem(s)"), "{err}");
    let err = verdict(
        "anyhow",
        &exclusive_dependency(&ws, "anyhow", "voicehive"),
        &[],
    )
    .unwrap_err();
    assert!(
        err.contains("crates/tool/Cargo.toml: only `voicehive` may depend on `anyhow`, not `tool`"),
        "{err}"
    );

    let files = [
        file(
            "crates/pms-contract/src/lib.rs",
            "//! Doc.\n#![forbid(unsafe_code)]\nuse std::fs::File;\npub struct Price(f64);\n#[derive(thiserror::Error)]\nenum E { #[error(\"x\")] X(#[from] std::io::Error) }\nfn p() { println!(\"hi\"); }\n#[cfg(test)]\nmod tests { fn t() { eprintln!(\"ok\"); let x: f64 = 1.0; } }\n",
        ),
        file(
            "crates/pii/src/logging.rs",
            "use tracing_subscriber::fmt;\npub fn init() { fmt().json().try_init(); tracing::subscriber::set_global_default(s); }\n",
        ),
        file(
            "crates/voicehive/src/main.rs",
            "//! Doc.\nfn main() { println!(\"ok\"); tracing_subscriber::fmt().init(); }\n",
        ),
    ];
    let err = verdict(
        "io",
        &source_hits(&files, &["pms-contract"], IO_CALLS, "no I/O"),
        &[],
    )
    .unwrap_err();
    assert!(
        err.contains("crates/pms-contract/src/lib.rs:3: `std::fs`"),
        "{err}"
    );
    let err = verdict("floats", &float_violations(&files, &["pms-contract"]), &[]).unwrap_err();
    assert!(
        err.contains("crates/pms-contract/src/lib.rs:4: `f64`"),
        "{err}"
    );
    assert!(err.contains("1 problem(s)"), "{err}");
    let err = verdict("source", &error_source_violations(&files), &[]).unwrap_err();
    assert!(
        err.contains("crates/pms-contract/src/lib.rs:6: `#[from]`"),
        "{err}"
    );
    let err = verdict("prints", &print_violations(&files, "voicehive"), &[]).unwrap_err();
    assert!(
        err.contains("crates/pms-contract/src/lib.rs:7: `println!`"),
        "{err}"
    );
    assert!(err.contains("1 problem(s)"), "{err}");
    let err = verdict("installs", &subscriber_installs(&files, "voicehive"), &[]).unwrap_err();
    assert!(
        err.contains("crates/pii/src/logging.rs:2: `set_global_default`"),
        "{err}"
    );
    assert!(
        err.contains("crates/pii/src/logging.rs:2: `.try_init()`"),
        "{err}"
    );
    assert!(err.contains("2 problem(s)"), "{err}");
    let err = verdict(
        "binary",
        &binary_subscriber_violations(&files, "voicehive"),
        &[],
    )
    .unwrap_err();
    assert!(
        err.contains("crates/voicehive/src/main.rs:2: `tracing_subscriber::`"),
        "{err}"
    );
    assert!(err.contains("never calls pii::logging::init_json"), "{err}");

    let err = verdict(
        "roots",
        &crate_root_violations(&ws, |p| {
            if p.contains("pms-contract") {
                "//! Doc.\n#![forbid(unsafe_code)]\n".to_owned()
            } else {
                "// #![forbid(unsafe_code)]\nfn f() {}\n".to_owned()
            }
        }),
        &[],
    )
    .unwrap_err();
    assert!(
        err.contains("crates/clock/src/lib.rs:1: a crate root starts with a `//!` doc"),
        "{err}"
    );
    assert!(
        err.contains("crates/clock/src/lib.rs: `#![forbid(unsafe_code)]` missing"),
        "{err}"
    );
    assert!(err.contains("6 problem(s)"), "{err}");
}

/// Ignored tests and `todo!`s in `files`: a test that does not run proves nothing, and a
/// `todo!` reachable from a public API is a crash waiting for a caller.
pub(crate) fn ignored_tests_and_todos(files: &[SourceFile]) -> Vec<Finding> {
    let ignore = ["#[", "ignore"].concat();
    let todo = ["todo", "!("].concat();
    let mut findings = Vec::new();
    for file in files {
        for (index, line) in file.text.lines().enumerate() {
            for (needle, what) in [(&ignore, "an ignored test"), (&todo, "a todo")] {
                if line.contains(needle.as_str()) {
                    findings.push(Finding::new(
                        format!("{}:{}", file.path, index + 1),
                        format!("{}:{}: {what}", file.path, index + 1),
                    ));
                }
            }
        }
    }
    findings
}

#[test]
fn no_test_is_ignored_and_no_todo_is_left() {
    let mut files = Vec::new();
    for sub in ["src", "tests", "benches", "examples"] {
        files.extend(rust_files(sub));
    }
    assert!(files.len() > 100, "found only {} files", files.len());
    assert_clean(
        "ignored tests and todos",
        &ignored_tests_and_todos(&files),
        &[],
    );
}

#[test]
fn the_ignore_and_todo_check_fails_on_both() {
    let text = [
        "#[test]\n#[",
        "ignore]\nfn later() {}\nfn f() { ",
        "todo",
        "!() }\n",
    ]
    .concat();
    let findings = ignored_tests_and_todos(&[SourceFile {
        path: "crates/x/src/lib.rs".into(),
        text,
    }]);
    let keys: Vec<&str> = findings.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["crates/x/src/lib.rs:2", "crates/x/src/lib.rs:4"]);
}

/// Where the log redactor's trusted target may appear outside tests: the writer that honours
/// it (and the module that re-exports it) and the gateway's access line, whose fields are
/// safe by construction.
const TRUSTED_TARGET_HOMES: &[&str] = &[
    "crates/pii/src/logging/trusted.rs",
    "crates/pii/src/logging.rs",
    "crates/gateway/src/access.rs",
];

/// Non-test uses of the trusted log target (`pii::logging::TRUSTED_TARGET`, its value
/// `voicehive::access`) outside [`TRUSTED_TARGET_HOMES`]: an event under it skips the redactor.
pub(crate) fn trusted_target_uses(files: &[SourceFile]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for f in files
        .iter()
        .filter(|f| !TRUSTED_TARGET_HOMES.contains(&f.path.as_str()))
    {
        let tests = crate::source::test_code(&mask(&f.text));
        for needle in ["voicehive::access", "TRUSTED_TARGET"] {
            for (at, _) in f.text.match_indices(needle) {
                if !tests.contains(at) {
                    let line = crate::source::line_of(&f.text, at);
                    findings.push(Finding::new(
                        format!("{}:{line}", f.path),
                        format!(
                            "{}:{line}: `{needle}`: only the gateway's access line may log \
                             under the trusted target (its lines skip the redactor)",
                            f.path
                        ),
                    ));
                }
            }
        }
    }
    findings
}

#[test]
fn only_the_access_line_is_trusted() {
    let files = rust_files("src");
    for home in [TRUSTED_TARGET_HOMES[0], TRUSTED_TARGET_HOMES[2]] {
        assert!(
            files
                .iter()
                .any(|f| f.path == *home && f.text.contains("voicehive::access")),
            "{home} no longer holds the trusted target: update TRUSTED_TARGET_HOMES"
        );
    }
    assert_clean("trusted log target", &trusted_target_uses(&files), &[]);
}

#[test]
fn the_trusted_target_check_fails_outside_its_homes() {
    let files = [
        SourceFile {
            path: "crates/gateway/src/app.rs".into(),
            text: "fn f() { tracing::info!(target: \"voicehive::access\", x = 1); }\n\
                   #[cfg(test)]\nmod tests { fn t() { tracing::info!(target: \"voicehive::access\"); } }\n"
                .into(),
        },
        SourceFile {
            path: "crates/x/src/lib.rs".into(),
            text: "use pii::logging::TRUSTED_TARGET;\n".into(),
        },
        SourceFile {
            path: "crates/gateway/src/access.rs".into(),
            text: "fn f() { tracing::info!(target: \"voicehive::access\"); }\n".into(),
        },
    ];
    let keys: Vec<String> = trusted_target_uses(&files)
        .into_iter()
        .map(|f| f.key)
        .collect();
    assert_eq!(
        keys,
        ["crates/gateway/src/app.rs:1", "crates/x/src/lib.rs:1"]
    );
}
