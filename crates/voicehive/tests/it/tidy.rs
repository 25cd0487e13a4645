//! Workspace conventions, checked mechanically.

use std::fs;

use crate::repo;

#[test]
fn every_crate_is_documented_forbids_unsafe_uses_workspace_lints_and_is_in_the_codemap() {
    let architecture = fs::read_to_string(repo().join("ARCHITECTURE.md")).unwrap();
    let mut crates = 0;
    for entry in fs::read_dir(repo().join("crates")).unwrap() {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_str().unwrap().to_owned();
        let root = ["src/lib.rs", "src/main.rs"]
            .iter()
            .map(|f| dir.join(f))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("{name} has neither src/lib.rs nor src/main.rs"));
        let source = fs::read_to_string(&root).unwrap();
        assert!(
            source.starts_with("//!"),
            "{name}: the crate root must start with a //! doc"
        );
        assert!(
            source.contains("#![forbid(unsafe_code)]"),
            "{name}: #![forbid(unsafe_code)] missing"
        );
        let manifest = fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        assert!(
            manifest.contains("[lints]\nworkspace = true"),
            "{name}: Cargo.toml must use the workspace lints"
        );
        assert!(
            architecture.contains(&format!("### `{name}`")),
            "{name}: no codemap entry in ARCHITECTURE.md"
        );
        crates += 1;
    }
    assert!(crates >= 7, "found only {crates} crates");
}

#[test]
fn no_test_is_ignored_and_no_todo_is_left() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&repo().join("crates"), &mut files);
    let ignore = ["#[", "ignore]"].concat();
    let todo = ["todo", "!("].concat();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        assert!(!text.contains(&ignore), "{} ignores a test", file.display());
        assert!(!text.contains(&todo), "{} has a todo", file.display());
    }
}
