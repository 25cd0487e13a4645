//! Hotel configuration.

use std::collections::BTreeMap;
use std::path::Path;

use credentials::SecretRef;
use pms_contract::{Capability, PropertyId};
use serde::Deserialize;

use crate::FactoryError;

/// The one account rule: a hotel's vendor account is the configured account, else its
/// property id at the vendor. Rate limiters, circuit breakers and vendor HTTP clients of one
/// account are keyed by it, whoever builds them (the factory, a connector's own
/// configuration).
pub fn account_of<'a>(account: Option<&'a str>, property: &'a str) -> &'a str {
    account.unwrap_or(property)
}

/// Base URLs of the vendor's APIs, to target production, staging or a local sandbox.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Endpoints {
    /// The API base URL.
    pub api: Option<String>,
    /// The identity (OAuth2 token) base URL.
    pub identity: Option<String>,
}

/// One hotel: which PMS it runs and how to reach it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HotelConfig {
    /// Our id for the hotel, used in URLs, logs and metrics.
    pub id: String,
    /// The vendor id, e.g. `apaleo` or `reference`.
    pub vendor: String,
    /// The hotel's id at the vendor.
    pub property: PropertyId,
    /// The vendor account the hotel belongs to (e.g. an Apaleo account code). Hotels of one
    /// account share its rate limits and circuit breaker. Defaults to the vendor property id
    /// (see [`account_of`]).
    pub account: Option<String>,
    /// Whether the property takes real guests. Required, so that nobody points the golden
    /// suite at a production hotel by leaving it out; the suite refuses to write to a live
    /// property unless told so explicitly.
    pub live: bool,
    /// Vendor endpoints; connectors default to the vendor's production URLs.
    pub endpoints: Endpoints,
    /// Named credential references (`env:NAME`, `file:PATH`, `vault:MOUNT/PATH#KEY`), e.g.
    /// `client_id` and `client_secret`; the broker reads the secrets at run time.
    pub credentials: BTreeMap<String, SecretRef>,
    /// Capabilities switched on (`true`, only if the vendor offers them) or off (`false`).
    pub capabilities: BTreeMap<Capability, bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    hotel: RawHotel,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHotel {
    id: String,
    vendor: String,
    property: String,
    #[serde(default)]
    account: Option<String>,
    live: bool,
    #[serde(default)]
    endpoints: Endpoints,
    #[serde(default)]
    credentials: BTreeMap<String, String>,
    #[serde(default)]
    capabilities: BTreeMap<String, bool>,
}

impl HotelConfig {
    /// Parses a hotel file (a `[hotel]` table); `origin` names the source in errors.
    pub fn from_toml(text: &str, origin: &str) -> Result<Self, FactoryError> {
        let error = |message: String| FactoryError::Config {
            origin: origin.to_owned(),
            message,
        };
        // toml's own Display quotes the offending source line, which may hold a mistyped
        // secret; report its message and position only.
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let position = e.span().map(|span| {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                format!("line {line}, column {column}: ")
            });
            error(format!("{}{}", position.unwrap_or_default(), e.message()))
        })?;
        let raw = raw.hotel;
        let id_ok = !raw.id.is_empty()
            && raw
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !id_ok {
            return Err(error(
                "hotel.id: use letters, digits, `-` and `_` only (it appears in URLs)".to_owned(),
            ));
        }
        let property = PropertyId::new(raw.property)
            .map_err(|e| error(format!("hotel.property: {}", e.message())))?;
        let mut credentials = BTreeMap::new();
        for (name, reference) in raw.credentials {
            let parsed = SecretRef::parse(&reference)
                .map_err(|e| error(format!("hotel.credentials.{name}: {e}")))?;
            credentials.insert(name, parsed);
        }
        let mut capabilities = BTreeMap::new();
        for (name, on) in raw.capabilities {
            let capability: Capability = name
                .parse()
                .map_err(|e| error(format!("hotel.capabilities.{name}: {e}")))?;
            capabilities.insert(capability, on);
        }
        Ok(Self {
            id: raw.id,
            vendor: raw.vendor,
            property,
            account: raw.account,
            live: raw.live,
            endpoints: raw.endpoints,
            credentials,
            capabilities,
        })
    }

    /// Parses one hotel table (the contents of a `[hotel]` table, e.g. one entry of a larger
    /// configuration's `[[hotels]]`); `origin` names the source in errors.
    pub fn from_value(value: toml::Value, origin: &str) -> Result<Self, FactoryError> {
        let mut file = toml::Table::new();
        file.insert("hotel".to_owned(), value);
        let text = toml::to_string(&file).map_err(|e| FactoryError::Config {
            origin: origin.to_owned(),
            message: format!("hotel: {e}"),
        })?;
        // Positions would refer to the re-serialised table, not the caller's file: drop them.
        Self::from_toml(&text, origin).map_err(|e| match e {
            FactoryError::Config { origin, message } => FactoryError::Config {
                origin,
                message: match message.split_once(": ") {
                    Some((position, rest)) if position.starts_with("line ") => rest.to_owned(),
                    _ => message,
                },
            },
            other => other,
        })
    }

    /// The hotel's vendor account: the configured `account`, else the property id
    /// ([`account_of`], the one rule every connector and the factory follow).
    pub fn account(&self) -> &str {
        account_of(self.account.as_deref(), self.property.as_str())
    }

    /// The key of the hotel's vendor account, `vendor:account`: the key of its circuit breaker
    /// and (prefixed) of its rate limiter.
    pub fn account_key(&self) -> String {
        format!("{}:{}", self.vendor, self.account())
    }

    /// Reads and parses a hotel file.
    pub fn load(path: &Path) -> Result<Self, FactoryError> {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| FactoryError::Config {
            origin: origin.clone(),
            message: format!("cannot read the file: {e}"),
        })?;
        Self::from_toml(&text, &origin)
    }
}
