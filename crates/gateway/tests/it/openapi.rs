//! The committed OpenAPI document matches the code. `UPDATE_OPENAPI=1` rewrites it.

#[test]
fn committed_openapi_matches_the_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi.json");
    let generated = gateway::openapi_document();
    let value: serde_json::Value = serde_json::from_str(&generated).unwrap();
    assert_eq!(value["openapi"], "3.1.0");
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, format!("{generated}\n")).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        committed.trim_end(),
        generated.trim_end(),
        "crates/gateway/openapi.json is stale: run `UPDATE_OPENAPI=1 cargo test -p gateway --test it openapi`"
    );
}
