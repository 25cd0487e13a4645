//! `SecretRef` parsing and printing.

use std::path::PathBuf;

use credentials::{CredentialError, SecretRef};

#[test]
fn references_parse_and_print_back() {
    let cases = [
        (
            "env:APALEO_CLIENT_SECRET",
            SecretRef::Env {
                var: "APALEO_CLIENT_SECRET".to_owned(),
            },
        ),
        (
            "env:_x1",
            SecretRef::Env {
                var: "_x1".to_owned(),
            },
        ),
        (
            "file:/run/secrets/apaleo",
            SecretRef::File {
                path: PathBuf::from("/run/secrets/apaleo"),
            },
        ),
        (
            "vault:secret/voicehive/apaleo#client_secret",
            SecretRef::Vault {
                mount: "secret".to_owned(),
                path: "voicehive/apaleo".to_owned(),
                key: "client_secret".to_owned(),
            },
        ),
        (
            "vault:kv/hotel-1#api_key",
            SecretRef::Vault {
                mount: "kv".to_owned(),
                path: "hotel-1".to_owned(),
                key: "api_key".to_owned(),
            },
        ),
    ];
    for (text, expected) in cases {
        let parsed = SecretRef::parse(text).unwrap();
        assert_eq!(parsed, expected, "{text}");
        assert_eq!(parsed.to_string(), text);
        assert_eq!(text.parse::<SecretRef>().unwrap(), expected);
        assert_eq!(SecretRef::parse(&parsed.to_string()).unwrap(), parsed);
    }
}

#[test]
fn references_deserialize_from_strings() {
    let parsed: Vec<SecretRef> =
        serde_json::from_str(r#"["env:A", "vault:secret/a/b#c"]"#).unwrap();
    assert_eq!(
        serde_json::to_string(&parsed).unwrap(),
        r#"["env:A","vault:secret/a/b#c"]"#
    );
    assert!(serde_json::from_str::<SecretRef>(r#""vault:secret#c""#).is_err());
}

#[test]
fn malformed_references_are_refused() {
    let cases = [
        "env:",
        "env:1ABC",
        "env:A-B",
        "env:A B",
        "file:",
        "vault:",
        "vault:secret/app",
        "vault:secret/app#",
        "vault:secret#key",
        "vault:secret/#key",
        "vault:/app#key",
        "vault:secret//app#key",
        "vault:secret/app/#key",
        "vault:secret/../sys/seal#key",
        "vault:secret/./app#key",
        "vault:secret/app#a#b",
    ];
    for text in cases {
        let err = SecretRef::parse(text).unwrap_err();
        match err {
            CredentialError::Malformed { message } => {
                // The scheme is named; what follows it is not repeated (it may be a secret).
                let (scheme, rest) = text.split_once(':').unwrap();
                assert!(
                    message.contains(&format!("`{scheme}:…`")),
                    "{text}: {message}"
                );
                if rest.len() > 3 {
                    assert!(!message.contains(rest), "{text}: {message}");
                }
            }
            other => panic!("{text}: {other:?}"),
        }
    }
}

#[test]
fn text_without_a_known_scheme_is_not_echoed() {
    // Someone pasted the secret itself where a reference belongs.
    for text in ["hunter2-pasted-secret", "Bearer:hunter2-pasted-secret", ""] {
        let err = SecretRef::parse(text).unwrap_err();
        assert!(matches!(err, CredentialError::Malformed { .. }), "{err:?}");
        if !text.is_empty() {
            assert!(!err.to_string().contains("hunter2"), "{err}");
        }
        assert!(err.to_string().contains("env:NAME"), "{err}");
    }
}
