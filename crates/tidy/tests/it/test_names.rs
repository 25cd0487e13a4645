//! "`cargo test golden` runs exactly the suite": the filter matches a test's path inside its
//! test binary (modules and function name), and a doc test's name (its file's path and item).
//! `golden_suite!` puts the suite's tests in a module `golden`; no other test's path may
//! contain `golden`.

use crate::source::{line_of, macro_definitions, mask, matching};
use crate::{Allowed, Finding, SourceFile, assert_clean, rust_files, verdict};

const WORD: &str = "golden";

const ALLOWED: &[Allowed] = &[];

/// The module path a file gives its items inside its crate or test binary: `src/a/b.rs` is
/// `a::b`, `src/a/mod.rs` is `a`, `src/lib.rs`, `tests/x.rs` and `tests/x/main.rs` are roots.
pub(crate) fn file_module_path(path: &str) -> Vec<String> {
    let parts: Vec<&str> = path.split('/').collect();
    // crates/<crate>/<src|tests>/...
    let Some(inner) = parts.get(3..) else {
        return Vec::new();
    };
    let inner: Vec<&str> = match (parts.get(2), inner) {
        (Some(&"tests"), [_single]) => return Vec::new(),
        (Some(&"tests"), [_binary, rest @ ..]) => rest.to_vec(),
        (_, [bin, _file]) if *bin == "bin" => return Vec::new(),
        (_, rest) => rest.to_vec(),
    };
    let mut out: Vec<String> = inner.iter().map(|s| (*s).to_owned()).collect();
    if let Some(last) = out.pop()
        && !matches!(last.as_str(), "lib.rs" | "main.rs" | "mod.rs")
    {
        out.push(last.trim_end_matches(".rs").to_owned());
    }
    out
}

/// Every test function of `file` (outside `macro_rules!` definitions), as its path in the test
/// binary and its line.
pub(crate) fn test_functions(file: &SourceFile) -> Vec<(String, usize)> {
    let masked = mask(&file.text);
    let macros = macro_definitions(&masked);
    let bytes = masked.as_bytes();
    let mut modules: Vec<(String, usize)> = Vec::new(); // (name, depth inside it)
    let mut depth = 0usize;
    let mut pending_test = false;
    let mut pending_mod: Option<String> = None;
    let mut out = Vec::new();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if let Some(span) = macros.iter().find(|s| s.start == i) {
            i = span.end;
            continue;
        }
        let b = bytes[i];
        if b == b'#' && bytes.get(i + 1) == Some(&b'[') {
            let end = matching(&masked, i + 1);
            let attr: String = masked[i + 2..end - 1]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            if attr == "test" || attr == "tokio::test" || attr.starts_with("tokio::test(") {
                pending_test = true;
            }
            i = end;
        } else if b == b'{' {
            depth += 1;
            if let Some(name) = pending_mod.take() {
                modules.push((name, depth));
            }
            i += 1;
        } else if b == b'}' {
            if modules.last().is_some_and(|(_, d)| *d == depth) {
                modules.pop();
            }
            depth = depth.saturating_sub(1);
            i += 1;
        } else if b == b';' {
            pending_mod = None;
            i += 1;
        } else if ident(b) && (i == 0 || !ident(bytes[i - 1])) {
            let end = (i..bytes.len())
                .find(|&j| !ident(bytes[j]))
                .unwrap_or(bytes.len());
            let word = &masked[i..end];
            let next_word = || {
                let start = (end..bytes.len()).find(|&j| !bytes[j].is_ascii_whitespace())?;
                let stop = (start..bytes.len())
                    .find(|&j| !ident(bytes[j]))
                    .unwrap_or(bytes.len());
                Some(masked[start..stop].to_owned())
            };
            if word == "mod" {
                pending_mod = next_word();
            } else if word == "fn" {
                if pending_test && let Some(name) = next_word() {
                    let mut path = file_module_path(&file.path);
                    path.extend(modules.iter().map(|(m, _)| m.clone()));
                    path.push(name);
                    out.push((path.join("::"), line_of(&masked, i)));
                }
                pending_test = false;
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Runnable doc tests of a library file whose name (file path, item) contains `word`.
pub(crate) fn doc_tests_named(file: &SourceFile, word: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = file.text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let doc = |l: &str| {
            let t = l.trim_start();
            (t.starts_with("///") && !t.starts_with("////")) || t.starts_with("//!")
        };
        if !doc(lines[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && doc(lines[i]) {
            i += 1;
        }
        let mut runnable = None;
        let mut open = false;
        for (n, line) in lines.iter().enumerate().take(i).skip(start) {
            let text = line.trim_start()[3..].trim();
            if let Some(info) = text.strip_prefix("```") {
                if !open && runnable.is_none() {
                    let runs = info.split(',').map(str::trim).all(|t| {
                        matches!(
                            t,
                            "" | "rust"
                                | "no_run"
                                | "should_panic"
                                | "compile_fail"
                                | "test_harness"
                        ) || t.starts_with("edition")
                    });
                    if runs {
                        runnable = Some(n + 1);
                    }
                }
                open = !open;
            }
        }
        let Some(line) = runnable else {
            continue;
        };
        let item = lines[i..]
            .iter()
            .map(|l| l.trim())
            .find(|l| !l.is_empty() && !l.starts_with("#["))
            .map(item_name)
            .unwrap_or_default();
        let name = format!("{} - {item}", file.path);
        if name.contains(word) {
            out.push((name, line));
        }
    }
    out
}

/// The name an item's first line declares (`pub struct Foo<T> {` is `Foo`).
fn item_name(line: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "pub",
        "crate",
        "async",
        "unsafe",
        "const",
        "extern",
        "fn",
        "struct",
        "enum",
        "trait",
        "mod",
        "static",
        "type",
        "union",
        "impl",
        "macro_rules",
    ];
    line.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .find(|w| !w.is_empty() && !KEYWORDS.contains(w))
        .unwrap_or_default()
        .to_owned()
}

/// Tests outside the suite whose path contains `golden`.
pub(crate) fn golden_name_collisions(files: &[SourceFile]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for file in files {
        for (path, line) in test_functions(file) {
            if path.contains(WORD) {
                findings.push(Finding::new(
                    format!("{}: {path}", file.path),
                    format!(
                        "{}:{line}: test `{path}` matches `cargo test {WORD}` but is not in the suite",
                        file.path
                    ),
                ));
            }
        }
        let library = file.path.split('/').nth(2) == Some("src")
            && !file.path.ends_with("/main.rs")
            && !file.path.contains("/src/bin/");
        if library {
            for (name, line) in doc_tests_named(file, WORD) {
                findings.push(Finding::new(
                    name.clone(),
                    format!(
                        "{}:{line}: doc test `{name}` matches `cargo test {WORD}`",
                        file.path
                    ),
                ));
            }
        }
    }
    findings
}

/// Whether `golden_suite!` is defined and a macro definition of the file (it or a helper it
/// expands to) puts `#[tokio::test]`s in a module `golden`.
pub(crate) fn suite_module_is_golden(lib: &str) -> bool {
    let masked = mask(lib);
    let compact = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let definitions: Vec<String> = macro_definitions(&masked)
        .into_iter()
        .map(|span| compact(&masked[span]))
        .collect();
    definitions
        .iter()
        .any(|d| d.starts_with("macro_rules! golden_suite "))
        && definitions
            .iter()
            .any(|d| d.contains(&format!("mod {WORD} {{")) && d.contains("#[tokio::test"))
}

#[test]
fn the_filter_word_selects_only_the_suite() {
    let lib = std::fs::read_to_string(crate::repo().join("crates/pms-golden/src/lib.rs")).unwrap();
    assert!(
        suite_module_is_golden(&lib),
        "crates/pms-golden/src/lib.rs: `golden_suite!` no longer puts its tests in a module `golden`"
    );
    let mut files = rust_files("src");
    files.extend(rust_files("tests"));
    let tests: usize = files.iter().map(|f| test_functions(f).len()).sum();
    assert!(tests > 100, "found only {tests} tests");
    assert_clean(
        "test paths containing `golden`",
        &golden_name_collisions(&files),
        ALLOWED,
    );
}

#[test]
fn the_naming_check_fails_on_bad_sources() {
    let file = |path: &str, text: &str| SourceFile {
        path: path.to_owned(),
        text: text.to_owned(),
    };
    let files = [
        file(
            "crates/demo/src/lib.rs",
            "/// ```\n/// demo::run();\n/// ```\npub fn golden_helper() {}\n/// ```text\n/// golden\n/// ```\npub fn other() {}\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn golden_ratio() {}\n    #[test]\n    fn plain() {}\n}\n",
        ),
        file(
            "crates/demo/tests/it/golden_cli.rs",
            "#[tokio::test(flavor = \"multi_thread\")]\nasync fn runs() {}\nfn golden_helper() {}\n",
        ),
        file(
            "crates/demo/tests/it/main.rs",
            "mod golden_cli;\nmacro_rules! suite { () => { mod golden { #[test] fn scenario() {} } }; }\nmod inner { #[test]\n fn x() { let s = \"mod golden {\"; } }\n",
        ),
    ];
    let err = verdict("names", &golden_name_collisions(&files), &[]).unwrap_err();
    for expected in [
        "crates/demo/src/lib.rs:12: test `tests::golden_ratio`",
        "crates/demo/tests/it/golden_cli.rs:2: test `golden_cli::runs`",
        "crates/demo/src/lib.rs:1: doc test `crates/demo/src/lib.rs - golden_helper`",
    ] {
        assert!(err.contains(expected), "{expected} missing from {err}");
    }
    assert!(err.contains("3 problem(s)"), "{err}");

    assert!(suite_module_is_golden(
        "macro_rules! golden_suite { ($h:expr) => { mod golden { #[tokio::test] async fn a() {} } }; }"
    ));
    assert!(suite_module_is_golden(
        "macro_rules! golden_suite { ($h:expr) => { __t!($h); }; }\nmacro_rules! __t { ($h:expr) => { mod golden { #[tokio::test(flavor = \"multi_thread\")] async fn a() {} } }; }"
    ));
    assert!(!suite_module_is_golden(
        "macro_rules! golden_suite { ($h:expr) => { mod contract { #[tokio::test] async fn a() {} } }; }"
    ));
    assert!(!suite_module_is_golden(
        "macro_rules! suite { ($h:expr) => { mod golden { #[tokio::test] async fn a() {} } }; }"
    ));
}

#[test]
fn module_paths_follow_the_file_layout() {
    assert_eq!(
        file_module_path("crates/a/src/lib.rs"),
        Vec::<String>::new()
    );
    assert_eq!(file_module_path("crates/a/src/x/mod.rs"), ["x"]);
    assert_eq!(file_module_path("crates/a/src/x/y.rs"), ["x", "y"]);
    assert_eq!(
        file_module_path("crates/a/src/bin/tool.rs"),
        Vec::<String>::new()
    );
    assert_eq!(
        file_module_path("crates/a/tests/smoke.rs"),
        Vec::<String>::new()
    );
    assert_eq!(
        file_module_path("crates/a/tests/it/main.rs"),
        Vec::<String>::new()
    );
    assert_eq!(file_module_path("crates/a/tests/it/y.rs"), ["y"]);
}
