use credentials::SecretRef;
use pms_contract::Capability;
use pms_factory::{FactoryError, HotelConfig};

use crate::BERLIN;

fn error(text: &str) -> String {
    match HotelConfig::from_toml(text, "hotel.toml") {
        Err(err @ FactoryError::Config { .. }) => err.to_string(),
        other => panic!("expected a configuration error, got {other:?}"),
    }
}

#[test]
fn a_full_hotel_file_parses() {
    let hotel = HotelConfig::from_toml(
        r#"
[hotel]
id = "muc-1"
vendor = "apaleo"
property = "MUC"
live = true

[hotel.endpoints]
api = "http://127.0.0.1:9000"
identity = "http://127.0.0.1:9000"

[hotel.credentials]
client_id = "env:APALEO_CLIENT_ID"
client_secret = "vault:secret/voicehive/apaleo-muc#client_secret"
ca = "file:/etc/voicehive/ca.pem"

[hotel.capabilities]
modify_stay = false
"#,
        "hotel.toml",
    )
    .unwrap();
    assert_eq!(hotel.id, "muc-1");
    assert!(hotel.live);
    assert_eq!(
        hotel.endpoints.api.as_deref(),
        Some("http://127.0.0.1:9000")
    );
    assert_eq!(
        hotel.credentials["client_secret"],
        SecretRef::Vault {
            mount: "secret".into(),
            path: "voicehive/apaleo-muc".into(),
            key: "client_secret".into()
        }
    );
    assert_eq!(
        hotel.credentials["client_id"].to_string(),
        "env:APALEO_CLIENT_ID"
    );
    assert_eq!(
        hotel.capabilities.get(&Capability::ModifyStay),
        Some(&false)
    );
    assert!(!HotelConfig::from_toml(BERLIN, "x").unwrap().live);
}

#[test]
fn errors_name_the_key() {
    let bad_capability = format!("{BERLIN}\n[hotel.capabilities]\nteleport = false\n");
    let msg = error(&bad_capability);
    assert!(
        msg.starts_with("hotel.toml: hotel.capabilities.teleport: unknown capability `teleport`"),
        "{msg}"
    );

    let bad_credentials = format!("{BERLIN}\n[hotel.credentials]\nsecret = \"s3cr3t\"\n");
    let msg = error(&bad_credentials);
    assert!(
        msg.starts_with(
            "hotel.toml: hotel.credentials.secret: malformed credential data: secret reference must be `env:NAME`"
        ),
        "{msg}"
    );
    assert!(
        !msg.contains("s3cr3t"),
        "the error repeats the value: {msg}"
    );

    let msg = error(&format!(
        "{BERLIN}\n[hotel.credentials]\nk = \"vault:secret/x\"\n"
    ));
    assert!(msg.contains("hotel.credentials.k: "), "{msg}");
    assert!(msg.contains("#KEY"), "{msg}");

    let head = "[hotel]\nid = \"x\"\nvendor = \"reference\"\n";
    let msg = error(
        "[hotel]\nid = \"a b\"\nvendor = \"reference\"\nproperty = \"REF-BER\"\nlive = false\n",
    );
    assert!(msg.contains("hotel.id: use letters"), "{msg}");

    let msg = error(&format!(
        "{head}property = \"REF-BER\"\nlive = false\ncolour = 1\n"
    ));
    assert!(
        msg.starts_with("hotel.toml: line 6, column 1: unknown field `colour`"),
        "{msg}"
    );

    let msg = error(&format!("{head}live = false\n"));
    assert!(msg.contains("missing field `property`"), "{msg}");

    // Leaving `live` out is an error, not "not live".
    let msg = error(&format!("{head}property = \"REF-BER\"\n"));
    assert!(msg.contains("missing field `live`"), "{msg}");

    // A syntax error near a secret reports its position, not the line's text.
    let msg = error(&format!(
        "{head}property = \"REF-BER\"\nlive = false\n[hotel.credentials]\nclient_secret = hunter2-s3cr3t\n"
    ));
    assert!(msg.contains("line 7"), "{msg}");
    assert!(
        !msg.contains("hunter2"),
        "the error quotes the secret: {msg}"
    );
}
