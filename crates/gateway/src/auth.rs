//! API keys: stored only as SHA-256 hashes, compared in constant time, belonging to a tenant,
//! carrying scopes and a list of hotels.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use compliance::hex::encode as hex;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// What a key may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Read hotels, offers and reservations.
    PmsRead,
    /// Create, change and cancel reservations.
    PmsWrite,
    /// Privacy operations (erasure, export); for later issues.
    PrivacyAdmin,
    /// Operators: the detailed status (`/v1/status`).
    OpsRead,
}

impl Scope {
    /// All scopes.
    pub const ALL: [Scope; 4] = [
        Scope::PmsRead,
        Scope::PmsWrite,
        Scope::PrivacyAdmin,
        Scope::OpsRead,
    ];

    /// The scope's name, e.g. `pms:read`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::PmsRead => "pms:read",
            Scope::PmsWrite => "pms:write",
            Scope::PrivacyAdmin => "privacy:admin",
            Scope::OpsRead => "ops:read",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown scope name.
#[derive(Debug, Clone, thiserror::Error)]
#[error("unknown scope `{0}` (known: pms:read, pms:write, privacy:admin, ops:read)")]
pub struct UnknownScope(String);

impl FromStr for Scope {
    type Err = UnknownScope;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Scope::ALL
            .into_iter()
            .find(|scope| scope.as_str() == s)
            .ok_or_else(|| UnknownScope(s.to_owned()))
    }
}

/// A stored key (no secret: only its hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyRecord {
    /// The key's id (not secret).
    pub id: String,
    /// The tenant the key belongs to.
    pub tenant: String,
    /// Hex SHA-256 of the key.
    pub key_hash: String,
    /// Its scopes.
    pub scopes: Vec<Scope>,
    /// The hotels it may see.
    pub hotels: Vec<String>,
}

/// The authenticated caller of a request (shares the cached key's values: no copy per request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// The tenant.
    pub tenant: Arc<str>,
    /// The key's id.
    pub key_id: Arc<str>,
    /// The key's scopes.
    pub scopes: Arc<[Scope]>,
    /// The hotels the key may see.
    pub hotels: Arc<[String]>,
}

impl Principal {
    /// Whether the key has `scope`.
    pub fn has(&self, scope: Scope) -> bool {
        self.scopes.contains(&scope)
    }

    /// Whether the key may see `hotel`.
    pub fn sees(&self, hotel: &str) -> bool {
        self.hotels.iter().any(|h| h == hotel)
    }
}

/// Hex SHA-256 of `key`.
pub fn hash_key(key: &str) -> String {
    hex(&Sha256::digest(key.as_bytes()))
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Whether `presented`'s hash equals `stored_hash`, in constant time.
pub fn key_matches(presented: &str, stored_hash: &str) -> bool {
    hash_key(presented)
        .as_bytes()
        .ct_eq(stored_hash.as_bytes())
        .into()
}

/// Shortest accepted API key: 32 characters (a configured or demo key shorter than this is
/// refused at start-up; generated keys have 67).
pub const MIN_KEY_LEN: usize = 32;

/// Checks that `key` can be an API key: 32 to 256 characters from `A-Z a-z 0-9 _ - .`.
/// The message never quotes the key.
pub fn check_key_format(key: &str) -> Result<(), String> {
    if key.len() < MIN_KEY_LEN || key.len() > 256 {
        return Err(format!(
            "an API key has {MIN_KEY_LEN} to 256 characters (this one has {}); `voicehive keys create` makes one",
            key.len()
        ));
    }
    if !key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return Err("an API key has only letters, digits, `_`, `-` and `.`".to_owned());
    }
    Ok(())
}

/// A new random API key: `vh_` and 64 hex digits (256 bits).
pub fn generate_key() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(format!("vh_{}", hex(&bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_round_trip() {
        for scope in Scope::ALL {
            assert_eq!(scope.as_str().parse::<Scope>().ok(), Some(scope));
        }
        assert!("admin".parse::<Scope>().is_err());
    }

    #[test]
    fn weak_keys_are_refused() {
        assert!(check_key_format("vh_demo_change_me").is_err());
        assert!(check_key_format(&"x".repeat(257)).is_err());
        assert!(check_key_format("vh_0123456789abcdef 0123456789abcdef").is_err());
        let key = generate_key().unwrap_or_default();
        assert_eq!(check_key_format(&key), Ok(()));
        let message = check_key_format("secret-but-short").unwrap_err();
        assert!(!message.contains("secret"), "{message}");
    }

    #[test]
    fn keys_hash_and_match() {
        let key = generate_key().unwrap_or_default();
        assert!(key.starts_with("vh_") && key.len() == 67);
        let hash = hash_key(&key);
        assert_eq!(hash.len(), 64);
        assert!(key_matches(&key, &hash));
        assert!(!key_matches("vh_other", &hash));
        assert_eq!(
            hash_key("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
