//! `EnvStore`, `FileStore` and their routing through `SecretStores`.

use credentials::{
    CredentialError, EnvStore, ExposeSecret, FileStore, SecretRef, SecretStore, SecretStores,
};

use crate::support::{TempDir, random_hex};

// The tests cannot set environment variables (`set_var` is unsafe and unsafe code is forbidden),
// so they read one every process has.
#[tokio::test]
async fn env_store_reads_a_variable() {
    let expected = std::env::var("PATH").expect("PATH is set");
    let secret = EnvStore::new()
        .get(&SecretRef::parse("env:PATH").unwrap())
        .await
        .unwrap();
    assert_eq!(secret.expose_secret(), expected);
}

#[tokio::test]
async fn env_store_reports_a_missing_variable_as_not_found() {
    let name = format!("VOICEHIVE_TEST_UNSET_{}", random_hex());
    let reference = SecretRef::Env { var: name.clone() };
    let err = EnvStore::new().get(&reference).await.unwrap_err();
    assert_eq!(
        err,
        CredentialError::NotFound {
            reference: format!("env:{name}")
        }
    );
}

#[tokio::test]
async fn file_store_reads_a_file_without_one_trailing_newline() {
    let dir = TempDir::new();
    let cases = [
        ("plain", "s3cr3t", "s3cr3t"),
        ("newline", "s3cr3t\n", "s3cr3t"),
        ("crlf", "s3cr3t\r\n", "s3cr3t"),
        ("two-newlines", "s3cr3t\n\n", "s3cr3t\n"),
        ("inner-space", " spaced secret \n", " spaced secret "),
    ];
    for (name, content, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let secret = FileStore::new()
            .get(&SecretRef::File { path })
            .await
            .unwrap();
        assert_eq!(secret.expose_secret(), expected, "{name}");
    }
}

#[tokio::test]
async fn file_store_maps_io_failures() {
    let dir = TempDir::new();
    let missing = SecretRef::File {
        path: dir.path().join("missing"),
    };
    let err = FileStore::new().get(&missing).await.unwrap_err();
    assert_eq!(
        err,
        CredentialError::NotFound {
            reference: missing.to_string()
        }
    );

    // A directory cannot be read as a file: an I/O failure, not a missing secret.
    let err = FileStore::new()
        .get(&SecretRef::File {
            path: dir.path().to_owned(),
        })
        .await
        .unwrap_err();
    assert!(
        matches!(err, CredentialError::Unavailable { .. }),
        "{err:?}"
    );

    let binary = dir.path().join("binary");
    std::fs::write(&binary, [0xff, 0xfe, b's', b'e', b'c']).unwrap();
    let err = FileStore::new()
        .get(&SecretRef::File { path: binary })
        .await
        .unwrap_err();
    assert!(matches!(err, CredentialError::Malformed { .. }), "{err:?}");
}

#[tokio::test]
async fn stores_refuse_references_of_another_kind() {
    let file_ref = SecretRef::parse("file:/run/secrets/x").unwrap();
    let env_ref = SecretRef::parse("env:PATH").unwrap();
    let err = EnvStore::new().get(&file_ref).await.unwrap_err();
    assert!(matches!(err, CredentialError::Malformed { .. }), "{err:?}");
    let err = FileStore::new().get(&env_ref).await.unwrap_err();
    assert!(matches!(err, CredentialError::Malformed { .. }), "{err:?}");
}

#[tokio::test]
async fn secret_stores_route_env_and_file_references() {
    let dir = TempDir::new();
    let path = dir.path().join("api-key");
    std::fs::write(&path, "file-secret\n").unwrap();
    let stores = SecretStores::new();

    let from_file = stores
        .get(&SecretRef::parse(&format!("file:{}", path.display())).unwrap())
        .await
        .unwrap();
    assert_eq!(from_file.expose_secret(), "file-secret");

    let from_env = stores
        .get(&SecretRef::parse("env:PATH").unwrap())
        .await
        .unwrap();
    assert_eq!(from_env.expose_secret(), std::env::var("PATH").unwrap());
}
