//! [`SecretRef`]: the name of a secret, as written in configuration.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::CredentialError;

/// Where a secret lives. Written as `env:NAME`, `file:/path` or `vault:MOUNT/PATH#KEY`; parse
/// with [`SecretRef::parse`] (or [`str::parse`]), print with [`fmt::Display`]. A reference is
/// a name, not a value, so it may appear in logs and errors.
///
/// In configuration files it is (de)serialized as that string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum SecretRef {
    /// An environment variable: `env:APALEO_CLIENT_SECRET`.
    Env {
        /// The variable's name.
        var: String,
    },
    /// A file holding the secret (one trailing newline is dropped): `file:/run/secrets/apaleo`.
    File {
        /// The file's path.
        path: PathBuf,
    },
    /// A key of a Vault KV v2 secret: `vault:secret/voicehive/apaleo#client_secret` is key
    /// `client_secret` of secret `voicehive/apaleo` in the KV v2 engine mounted at `secret`.
    Vault {
        /// The KV v2 mount (the first path segment), e.g. `secret`.
        mount: String,
        /// The secret's path below the mount; may contain `/`.
        path: String,
        /// The key inside the secret's data.
        key: String,
    },
}

impl SecretRef {
    /// Parses `env:NAME`, `file:PATH` or `vault:MOUNT/PATH#KEY`.
    ///
    /// # Errors
    ///
    /// [`CredentialError::Malformed`] when `input` is none of these. If it does not even start
    /// with a known scheme the message does not repeat it, since a secret pasted where a
    /// reference belongs must not end up in a log.
    pub fn parse(input: &str) -> Result<Self, CredentialError> {
        let Some((scheme, rest)) = input.split_once(':') else {
            return Err(unknown_scheme());
        };
        // Only the scheme is repeated: whatever follows it may be a pasted secret.
        let malformed = |why: &str| CredentialError::Malformed {
            message: format!("secret reference `{scheme}:…`: {why}"),
        };
        match scheme {
            "env" => {
                if !is_env_name(rest) {
                    return Err(malformed(
                        "expected `env:NAME` with NAME made of letters, digits and `_`, \
                         not starting with a digit",
                    ));
                }
                Ok(SecretRef::Env {
                    var: rest.to_owned(),
                })
            }
            "file" => {
                if rest.is_empty() || rest.contains('\0') {
                    return Err(malformed("expected `file:PATH` with a non-empty path"));
                }
                Ok(SecretRef::File {
                    path: PathBuf::from(rest),
                })
            }
            "vault" => {
                let shape = "expected `vault:MOUNT/PATH#KEY`";
                let Some((location, key)) = rest.split_once('#') else {
                    return Err(malformed(&format!("{shape}: no `#KEY`")));
                };
                if key.is_empty() || key.contains('#') {
                    return Err(malformed(&format!(
                        "{shape}: KEY must be non-empty and without `#`"
                    )));
                }
                let Some((mount, path)) = location.split_once('/') else {
                    return Err(malformed(&format!("{shape}: no PATH after the mount")));
                };
                if !valid_segments(mount) || !valid_segments(path) {
                    return Err(malformed(&format!(
                        "{shape}: MOUNT and PATH must be non-empty, without empty, `.` or `..` \
                         segments"
                    )));
                }
                Ok(SecretRef::Vault {
                    mount: mount.to_owned(),
                    path: path.to_owned(),
                    key: key.to_owned(),
                })
            }
            _ => Err(unknown_scheme()),
        }
    }
}

fn unknown_scheme() -> CredentialError {
    CredentialError::Malformed {
        message: "secret reference must be `env:NAME`, `file:PATH` or `vault:MOUNT/PATH#KEY` \
                  (the value given is not shown, in case it is a secret)"
            .to_owned(),
    }
}

fn is_env_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn valid_segments(path: &str) -> bool {
    path.split('/').all(|segment| {
        !segment.is_empty()
            && segment != "."
            && segment != ".."
            && !segment.chars().any(char::is_control)
    })
}

impl fmt::Display for SecretRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretRef::Env { var } => write!(f, "env:{var}"),
            SecretRef::File { path } => write!(f, "file:{}", path.display()),
            SecretRef::Vault { mount, path, key } => write!(f, "vault:{mount}/{path}#{key}"),
        }
    }
}

impl FromStr for SecretRef {
    type Err = CredentialError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        SecretRef::parse(input)
    }
}

impl TryFrom<String> for SecretRef {
    type Error = CredentialError;

    fn try_from(input: String) -> Result<Self, Self::Error> {
        SecretRef::parse(&input)
    }
}

impl From<SecretRef> for String {
    fn from(reference: SecretRef) -> Self {
        reference.to_string()
    }
}
