//! "Time is injected": no crate but `clock` reads the OS clock in its library or binary code.
//! Tests (`#[cfg(test)]` items, `tests/`), benches and examples may. Comments and string
//! literals do not count.

use crate::source::{hits_outside_tests, test_module_paths};
use crate::{Finding, SourceFile, assert_clean, rust_files, verdict};

/// The ways to read the OS clock (std, chrono, tokio).
const READS: &[&str] = &[
    "Utc::now",
    "Local::now",
    "SystemTime::now",
    "Instant::now",
    "UNIX_EPOCH.elapsed",
];

/// Every OS clock read in the non-test code of `files`, outside `crates/clock/` and outside the
/// files of out-of-line test modules; keyed by file.
pub(crate) fn os_clock_reads(files: &[SourceFile]) -> Vec<Finding> {
    let test_modules = test_module_paths(files);
    files
        .iter()
        .filter(|f| !f.path.starts_with("crates/clock/"))
        .filter(|f| {
            !test_modules.iter().any(|m| {
                if m.ends_with('/') {
                    f.path.starts_with(m)
                } else {
                    f.path == *m
                }
            })
        })
        .flat_map(|f| {
            hits_outside_tests(&f.text, READS)
                .into_iter()
                .map(|(line, read)| {
                    Finding::new(
                        f.path.clone(),
                        format!(
                            "{}:{line}: `{read}` reads the OS clock; ask a `clock::Clock`",
                            f.path
                        ),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn only_the_clock_crate_reads_the_os_clock() {
    let files = rust_files("src");
    assert!(files.iter().any(|f| f.path == "crates/clock/src/lib.rs"));
    assert_clean(
        "OS clock reads outside crates/clock",
        &os_clock_reads(&files),
        &[],
    );
}

#[test]
fn the_clock_check_fails_on_a_bad_source() {
    let file = |path: &str, text: &str| SourceFile {
        path: path.to_owned(),
        text: text.to_owned(),
    };
    let bad = r#"//! Reads the clock (Utc::now() in a comment does not count).
use std::time::{Instant, SystemTime};
fn a() { let t = chrono::Utc::now(); }
fn b() -> String { "Instant::now() in a string does not count".into() }
fn c() { let t = tokio::time::Instant::now(); let s = SystemTime::now(); }
fn d() { let t = MyInstant::now(); }
#[cfg(test)]
mod tests {
    fn t() { let t = Instant::now(); }
}
fn e() { let t = chrono::Local::now(); }
#[cfg(test)]
mod more;
"#;
    let files = [
        file("crates/demo/src/lib.rs", bad),
        file("crates/demo/src/more.rs", "fn m() { Instant::now(); }"),
        file("crates/clock/src/lib.rs", "fn now() { Utc::now() }"),
    ];
    let findings = os_clock_reads(&files);
    let err = verdict("clock", &findings, &[]).unwrap_err();
    for expected in [
        "crates/demo/src/lib.rs:3: `Utc::now`",
        "crates/demo/src/lib.rs:5: `SystemTime::now`",
        "crates/demo/src/lib.rs:5: `Instant::now`",
        "crates/demo/src/lib.rs:11: `Local::now`",
    ] {
        assert!(err.contains(expected), "{expected} missing from {err}");
    }
    assert!(err.contains("4 problem(s)"), "{err}");
}
