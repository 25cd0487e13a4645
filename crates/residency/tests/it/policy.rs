//! The policy as the `[residency]` table of the gateway's TOML configuration.

use residency::{HostPattern, ResidencyPolicy};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Config {
    #[serde(default)]
    residency: ResidencyPolicy,
}

fn parse(toml_text: &str) -> Result<ResidencyPolicy, String> {
    toml::from_str::<Config>(toml_text)
        .map(|c| c.residency)
        .map_err(|e| e.to_string())
}

fn patterns(list: &[HostPattern]) -> Vec<String> {
    list.iter().map(ToString::to_string).collect()
}

#[test]
fn a_full_table_is_read() {
    let policy = parse(
        r#"
[residency]
allowed_regions = ["eu-central-1"]
eu_hosts = ["api.apaleo.com", "*.Vault.example.eu"]
allow_non_eu = ["api.example-pms.com"]
"#,
    )
    .unwrap();
    assert_eq!(
        policy.allowed_regions().iter().collect::<Vec<_>>(),
        ["eu-central-1"]
    );
    assert_eq!(
        patterns(policy.eu_hosts()),
        ["api.apaleo.com", "*.vault.example.eu"]
    );
    assert_eq!(patterns(policy.allow_non_eu()), ["api.example-pms.com"]);
    assert!(!policy.is_allowed_region("eu-west-1"));
}

#[test]
fn missing_keys_and_a_missing_table_take_the_defaults() {
    let empty_table = parse("[residency]\n").unwrap();
    assert_eq!(empty_table, ResidencyPolicy::default());
    assert_eq!(parse("").unwrap(), ResidencyPolicy::default());
    let hosts_only = parse("[residency]\neu_hosts = [\"api.apaleo.com\"]\n").unwrap();
    assert_eq!(
        hosts_only.allowed_regions().iter().collect::<Vec<_>>(),
        ["eu-central-1", "eu-west-1"]
    );
}

#[test]
fn an_unknown_key_is_refused() {
    let err = parse("[residency]\nallowed_region = [\"eu-west-1\"]\n").unwrap_err();
    assert!(
        err.contains("unknown field `allowed_region`"),
        "unexpected error: {err}"
    );
    assert!(err.contains("line 2"), "no line in: {err}");
}

#[test]
fn an_invalid_pattern_is_refused_with_its_reason() {
    let err = parse("[residency]\neu_hosts = [\"*.\"]\n").unwrap_err();
    assert!(
        err.contains("host pattern `*.` needs a domain after `*.`"),
        "unexpected error: {err}"
    );
    let err = parse("[residency]\nallow_non_eu = [\"https://user:pw@api.x.com\"]\n").unwrap_err();
    assert!(
        err.contains("give the host name only, without user or password"),
        "unexpected error: {err}"
    );
}

#[test]
fn a_non_european_region_is_refused() {
    let err = parse("[residency]\nallowed_regions = [\"us-east-1\"]\n").unwrap_err();
    assert!(
        err.contains("allowed region `us-east-1` is not one of AWS's European regions"),
        "unexpected error: {err}"
    );
}

#[test]
fn the_policy_serializes_as_it_is_written() {
    let policy = parse("[residency]\neu_hosts = [\"*.example.eu\"]\n").unwrap();
    assert_eq!(
        serde_json::to_value(&policy).unwrap(),
        serde_json::json!({
            "allowed_regions": ["eu-central-1", "eu-west-1"],
            "eu_hosts": ["*.example.eu"],
            "allow_non_eu": [],
        })
    );
}
