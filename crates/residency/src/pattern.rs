//! Host patterns of the residency policy: an exact host (`api.apaleo.com`) or every host under a
//! domain (`*.example.eu`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A host name pattern of the policy's `eu_hosts` and `allow_non_eu` lists.
///
/// Either an exact host (`api.apaleo.com`, also an IPv4 address) or `*.` followed by a domain of
/// at least two labels (`*.example.eu`), which matches every host *under* that domain
/// (`a.example.eu`, `a.b.example.eu`) but not the domain itself. Matching ignores case and a
/// trailing dot. Patterns are host names only: no scheme, user, port or path. A wildcard over a
/// whole top-level domain (`*.eu`) is refused, since it declares hosts nobody has looked at.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HostPattern {
    wildcard: bool,
    domain: String,
}

/// Why a host pattern was refused.
///
/// Messages quote the pattern, except where it might carry credentials (a scheme or an `@`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    /// The pattern is empty.
    #[error("a host pattern is empty")]
    Empty,
    /// The pattern contains whitespace.
    #[error("host pattern `{0}` contains whitespace")]
    Whitespace(String),
    /// The pattern is a URL (has a scheme).
    #[error("a host pattern starting `{0}://` is a URL; give the host name only")]
    Scheme(String),
    /// The pattern carries user information.
    #[error("a host pattern contains `@`; give the host name only, without user or password")]
    Userinfo,
    /// The pattern has a path.
    #[error("host pattern `{0}` contains `/`; give the host name only")]
    Path(String),
    /// The pattern has a port (or is an IPv6 address).
    #[error("host pattern `{0}` contains `:`; give the host name only, without a port")]
    Port(String),
    /// `*` or `*.` without a domain.
    #[error("host pattern `{0}` needs a domain after `*.`, as in `*.example.eu`")]
    BareWildcard(String),
    /// A `*` somewhere other than as the whole first label.
    #[error("host pattern `{0}` may only use `*` as its first label, as in `*.example.eu`")]
    MisplacedWildcard(String),
    /// A wildcard over a top-level domain.
    #[error(
        "host pattern `{0}` covers a whole top-level domain; name the organisation's domain, as in `*.example.eu`"
    )]
    TooBroad(String),
    /// Not a valid host name (empty label, characters other than letters, digits, `-`, `_`).
    #[error("host pattern `{0}` is not a valid host name")]
    Invalid(String),
}

impl HostPattern {
    /// Parses and validates a pattern.
    ///
    /// # Errors
    ///
    /// A [`PatternError`] saying what is wrong with it.
    pub fn parse(pattern: &str) -> Result<Self, PatternError> {
        if pattern.is_empty() {
            return Err(PatternError::Empty);
        }
        if pattern.contains('@') {
            return Err(PatternError::Userinfo);
        }
        if let Some((scheme, _)) = pattern.split_once("://") {
            return Err(PatternError::Scheme(scheme.chars().take(16).collect()));
        }
        if pattern.chars().any(char::is_whitespace) {
            return Err(PatternError::Whitespace(pattern.to_owned()));
        }
        if pattern.contains('/') {
            return Err(PatternError::Path(pattern.to_owned()));
        }
        if pattern.contains(':') {
            return Err(PatternError::Port(pattern.to_owned()));
        }
        let lower = pattern.to_ascii_lowercase();
        let (wildcard, domain) = match lower.strip_prefix("*.") {
            Some(domain) => (true, domain),
            None if lower == "*" => return Err(PatternError::BareWildcard(pattern.to_owned())),
            None => (false, lower.as_str()),
        };
        if wildcard && domain.is_empty() {
            return Err(PatternError::BareWildcard(pattern.to_owned()));
        }
        if domain.contains('*') {
            return Err(PatternError::MisplacedWildcard(pattern.to_owned()));
        }
        let valid = domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
        if !valid {
            return Err(PatternError::Invalid(pattern.to_owned()));
        }
        if wildcard && !domain.contains('.') {
            return Err(PatternError::TooBroad(pattern.to_owned()));
        }
        Ok(Self {
            wildcard,
            domain: domain.to_owned(),
        })
    }

    /// Whether `host` (a bare host name, any case, optionally with a trailing dot) matches.
    pub fn matches(&self, host: &str) -> bool {
        let host = host.strip_suffix('.').unwrap_or(host);
        if self.wildcard {
            host.len() > self.domain.len() + 1
                && host.is_char_boundary(host.len() - self.domain.len() - 1)
                && host[host.len() - self.domain.len() - 1..]
                    .eq_ignore_ascii_case(&format!(".{}", self.domain))
        } else {
            host.eq_ignore_ascii_case(&self.domain)
        }
    }

    /// Whether this is a `*.domain` pattern.
    pub fn is_wildcard(&self) -> bool {
        self.wildcard
    }
}

impl fmt::Display for HostPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.wildcard {
            write!(f, "*.{}", self.domain)
        } else {
            f.write_str(&self.domain)
        }
    }
}

impl FromStr for HostPattern {
    type Err = PatternError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for HostPattern {
    type Error = PatternError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl Serialize for HostPattern {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for HostPattern {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(s: &str) -> HostPattern {
        HostPattern::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn exact_patterns_match_only_their_host() {
        let p = pattern("API.apaleo.com");
        assert_eq!(p.to_string(), "api.apaleo.com");
        assert!(!p.is_wildcard());
        assert!(p.matches("api.apaleo.com"));
        assert!(p.matches("Api.Apaleo.Com."));
        assert!(!p.matches("x.api.apaleo.com"));
        assert!(!p.matches("apaleo.com"));
    }

    #[test]
    fn wildcards_match_hosts_under_the_domain_but_not_the_domain() {
        let p = pattern("*.example.eu");
        assert!(p.is_wildcard());
        assert!(p.matches("a.example.eu"));
        assert!(p.matches("a.b.EXAMPLE.eu"));
        assert!(!p.matches("example.eu"));
        assert!(!p.matches("badexample.eu"));
        assert!(!p.matches("a.example.eu.evil.com"));
    }

    #[test]
    fn invalid_patterns_are_refused_with_a_clear_message() {
        let cases: [(&str, &str); 11] = [
            ("", "a host pattern is empty"),
            (
                "*.",
                "host pattern `*.` needs a domain after `*.`, as in `*.example.eu`",
            ),
            (
                "*",
                "host pattern `*` needs a domain after `*.`, as in `*.example.eu`",
            ),
            ("api .x.eu", "host pattern `api .x.eu` contains whitespace"),
            (
                "https://api.x.eu",
                "a host pattern starting `https://` is a URL; give the host name only",
            ),
            (
                "user:secret@api.x.eu",
                "a host pattern contains `@`; give the host name only, without user or password",
            ),
            (
                "api.x.eu/v1",
                "host pattern `api.x.eu/v1` contains `/`; give the host name only",
            ),
            (
                "api.x.eu:443",
                "host pattern `api.x.eu:443` contains `:`; give the host name only, without a port",
            ),
            (
                "a.*.x.eu",
                "host pattern `a.*.x.eu` may only use `*` as its first label, as in `*.example.eu`",
            ),
            (
                "*.eu",
                "host pattern `*.eu` covers a whole top-level domain; name the organisation's domain, as in `*.example.eu`",
            ),
            ("a..x.eu", "host pattern `a..x.eu` is not a valid host name"),
        ];
        for (input, message) in cases {
            match HostPattern::parse(input) {
                Ok(p) => panic!("{input} was accepted as {p}"),
                Err(e) => assert_eq!(e.to_string(), message),
            }
        }
    }
}
