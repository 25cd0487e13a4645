//! The workspace as `cargo metadata --no-deps` describes it, and feature-aware reachability
//! over its own crates.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::process::Command;

use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Normal,
    Dev,
    Build,
}

#[derive(Debug, Clone)]
pub(crate) struct Dep {
    /// The package depended on.
    pub(crate) name: String,
    /// The name the manifest uses for it (its rename, else `name`); features refer to this.
    pub(crate) key: String,
    pub(crate) kind: Kind,
    pub(crate) optional: bool,
    pub(crate) default_features: bool,
    pub(crate) features: Vec<String>,
    /// A crate of this workspace.
    pub(crate) internal: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub(crate) kinds: Vec<String>,
    /// Relative to the workspace root.
    pub(crate) src_path: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Package {
    pub(crate) name: String,
    /// Relative to the workspace root, e.g. `crates/clock/Cargo.toml`.
    pub(crate) manifest: String,
    pub(crate) deps: Vec<Dep>,
    pub(crate) features: BTreeMap<String, Vec<String>>,
    pub(crate) targets: Vec<Target>,
}

#[derive(Debug, Clone)]
pub(crate) struct Workspace {
    pub(crate) packages: Vec<Package>,
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

impl Workspace {
    /// The real workspace: `cargo metadata --format-version 1 --offline --no-deps`.
    pub(crate) fn load() -> Self {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let out = Command::new(cargo)
            .args([
                "metadata",
                "--format-version",
                "1",
                "--offline",
                "--no-deps",
            ])
            .current_dir(crate::repo())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Self::from_json(&String::from_utf8(out.stdout).unwrap())
    }

    /// Parses `cargo metadata` output; paths become relative to its `workspace_root`.
    pub(crate) fn from_json(json: &str) -> Self {
        let v: Value = serde_json::from_str(json).unwrap();
        let root = text(&v["workspace_root"]);
        let rel = |p: &Value| {
            let p = text(p);
            p.strip_prefix(&root)
                .map(|r| r.trim_start_matches(['/', '\\']).replace('\\', "/"))
                .unwrap_or(p)
        };
        let members: BTreeSet<String> = v["workspace_members"]
            .as_array()
            .unwrap()
            .iter()
            .map(text)
            .collect();
        let listed: Vec<&Value> = v["packages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| members.contains(&text(&p["id"])))
            .collect();
        let names: BTreeSet<String> = listed.iter().map(|p| text(&p["name"])).collect();
        let packages = listed
            .iter()
            .map(|p| Package {
                name: text(&p["name"]),
                manifest: rel(&p["manifest_path"]),
                deps: p["dependencies"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| {
                        let name = text(&d["name"]);
                        Dep {
                            key: d["rename"].as_str().unwrap_or(&name).to_owned(),
                            kind: match d["kind"].as_str() {
                                Some("dev") => Kind::Dev,
                                Some("build") => Kind::Build,
                                _ => Kind::Normal,
                            },
                            optional: d["optional"].as_bool().unwrap_or(false),
                            default_features: d["uses_default_features"].as_bool().unwrap_or(true),
                            features: d["features"]
                                .as_array()
                                .map(|f| f.iter().map(text).collect())
                                .unwrap_or_default(),
                            internal: names.contains(&name) && d["source"].is_null(),
                            name,
                        }
                    })
                    .collect(),
                features: p["features"]
                    .as_object()
                    .map(|f| {
                        f.iter()
                            .map(|(k, v)| {
                                let values = v.as_array().unwrap().iter().map(text).collect();
                                (k.clone(), values)
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                targets: p["targets"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| Target {
                        kinds: t["kind"].as_array().unwrap().iter().map(text).collect(),
                        src_path: rel(&t["src_path"]),
                    })
                    .collect(),
            })
            .collect();
        Self { packages }
    }

    pub(crate) fn package(&self, name: &str) -> Option<&Package> {
        self.packages.iter().find(|p| p.name == name)
    }

    pub(crate) fn names(&self) -> BTreeSet<&str> {
        self.packages.iter().map(|p| p.name.as_str()).collect()
    }

    /// Every workspace crate that building `root` with its default features compiles, through
    /// normal dependencies (and the optional ones features switch on), each with one chain of
    /// crates from `root` that leads to it. `root` itself is not included.
    pub(crate) fn normal_closure(&self, root: &str) -> BTreeMap<String, Vec<String>> {
        // Enabled features per reached crate; "default" is a feature like any other.
        let mut enabled: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut chains: BTreeMap<String, Vec<String>> = BTreeMap::new();
        chains.insert(root.to_owned(), vec![root.to_owned()]);
        let mut queue: VecDeque<(String, BTreeSet<String>)> = VecDeque::new();
        queue.push_back((root.to_owned(), BTreeSet::from(["default".to_owned()])));
        let mut visited: BTreeSet<String> = BTreeSet::new();
        while let Some((name, request)) = queue.pop_front() {
            let Some(package) = self.package(&name) else {
                continue;
            };
            let features = enabled.entry(name.clone()).or_default();
            if visited.contains(&name) && request.is_subset(features) {
                continue;
            }
            visited.insert(name.clone());
            features.extend(request);
            let features = features.clone();
            // Expand features: what they enable here and what they ask of dependencies.
            let mut active: BTreeSet<String> = BTreeSet::new();
            let mut asks: Vec<(String, String, bool)> = Vec::new(); // (dep key, feature, weak)
            let mut todo: Vec<String> = features.iter().cloned().collect();
            let mut seen: BTreeSet<String> = BTreeSet::new();
            while let Some(f) = todo.pop() {
                if !seen.insert(f.clone()) {
                    continue;
                }
                if let Some(dep) = f.strip_prefix("dep:") {
                    active.insert(dep.to_owned());
                } else if let Some((dep, feature)) = f.split_once('/') {
                    let weak = dep.ends_with('?');
                    let dep = dep.trim_end_matches('?');
                    if !weak {
                        active.insert(dep.to_owned());
                    }
                    asks.push((dep.to_owned(), feature.to_owned(), weak));
                } else if let Some(values) = package.features.get(&f) {
                    todo.extend(values.iter().cloned());
                } else {
                    // An optional dependency's implicit feature.
                    active.insert(f);
                }
            }
            for dep in package
                .deps
                .iter()
                .filter(|d| d.internal && d.kind == Kind::Normal)
            {
                if dep.optional && !active.contains(&dep.key) {
                    continue;
                }
                let mut request: BTreeSet<String> = dep.features.iter().cloned().collect();
                if dep.default_features {
                    request.insert("default".to_owned());
                }
                request.extend(
                    asks.iter()
                        .filter(|(key, _, _)| *key == dep.key)
                        .map(|(_, feature, _)| feature.clone()),
                );
                if !chains.contains_key(&dep.name) {
                    let mut chain = chains[&name].clone();
                    chain.push(dep.name.clone());
                    chains.insert(dep.name.clone(), chain);
                    queue.push_back((dep.name.clone(), request));
                } else if !request.is_subset(enabled.get(&dep.name).unwrap_or(&BTreeSet::new())) {
                    queue.push_back((dep.name.clone(), request));
                }
            }
        }
        chains.remove(root);
        chains
    }
}

/// A fake crate: its name, dependencies `(name, kind, optional)`, features `(name, values)`.
pub(crate) type FakeCrate<'a> = (
    &'a str,
    &'a [(&'a str, &'a str, bool)],
    &'a [(&'a str, &'a [&'a str])],
);

/// Builds `cargo metadata`-shaped JSON for companion tests: `(crate, deps, features)` where a
/// dependency is `(name, kind, optional)` with kind `""`, `"dev"` or `"build"`, and features are
/// `(feature, values)`.
pub(crate) fn fake_metadata(crates: &[FakeCrate<'_>]) -> String {
    let id = |name: &str| format!("path+file:///ws/crates/{name}#0.1.0");
    let packages: Vec<Value> = crates
        .iter()
        .map(|(name, deps, features)| {
            serde_json::json!({
                "name": name,
                "id": id(name),
                "manifest_path": format!("/ws/crates/{name}/Cargo.toml"),
                "dependencies": deps.iter().map(|(dep, kind, optional)| serde_json::json!({
                    "name": dep,
                    "source": null,
                    "kind": if kind.is_empty() { Value::Null } else { Value::from(*kind) },
                    "rename": null,
                    "optional": optional,
                    "uses_default_features": true,
                    "features": [],
                    "path": format!("/ws/crates/{dep}"),
                })).collect::<Vec<_>>(),
                "features": features.iter().map(|(f, v)| ((*f).to_owned(), serde_json::json!(v))).collect::<serde_json::Map<_, _>>(),
                "targets": [{
                    "kind": ["lib"],
                    "name": name,
                    "src_path": format!("/ws/crates/{name}/src/lib.rs"),
                }],
            })
        })
        .collect();
    serde_json::json!({
        "packages": packages,
        "workspace_members": crates.iter().map(|(n, _, _)| id(n)).collect::<Vec<_>>(),
        "workspace_root": "/ws",
    })
    .to_string()
}

#[test]
fn the_closure_follows_default_features_and_skips_optional_dependencies_left_off() {
    let ws = Workspace::from_json(&fake_metadata(&[
        (
            "conn",
            &[
                ("base", "", false),
                ("harness", "", true),
                ("extra", "", true),
            ],
            &[("default", &["golden"]), ("golden", &["dep:harness"])],
        ),
        ("base", &[], &[]),
        ("harness", &[("deep", "", false)], &[]),
        ("extra", &[], &[]),
        ("deep", &[], &[]),
        ("tester", &[("conn", "dev", false)], &[]),
    ]));
    let closure = ws.normal_closure("conn");
    assert_eq!(
        closure.keys().map(String::as_str).collect::<Vec<_>>(),
        ["base", "deep", "harness"]
    );
    assert_eq!(closure["deep"], ["conn", "harness", "deep"]);
    assert!(ws.normal_closure("tester").is_empty());
}
