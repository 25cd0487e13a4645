//! Checking one outbound endpoint against the policy.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::Serialize;

use crate::policy::ResidencyPolicy;
use crate::region::{decode_short_region, find_regions, is_aws_region};

/// What an outbound endpoint is for. `Display` gives the metric label value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EndpointKind {
    /// A PMS vendor's API.
    PmsApi,
    /// A PMS vendor's identity (token) host.
    PmsIdentity,
    /// The Vault secret store.
    Vault,
    /// The gateway's database.
    Database,
    /// Redis (shared rate limits).
    Redis,
    /// Object storage (S3 and the like).
    ObjectStorage,
}

impl EndpointKind {
    /// Every kind, in declaration order.
    pub const ALL: [Self; 6] = [
        Self::PmsApi,
        Self::PmsIdentity,
        Self::Vault,
        Self::Database,
        Self::Redis,
        Self::ObjectStorage,
    ];

    /// The snake_case name: `pms_api`, `pms_identity`, `vault`, `database`, `redis`,
    /// `object_storage`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PmsApi => "pms_api",
            Self::PmsIdentity => "pms_identity",
            Self::Vault => "vault",
            Self::Database => "database",
            Self::Redis => "redis",
            Self::ObjectStorage => "object_storage",
        }
    }
}

impl fmt::Display for EndpointKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An outbound endpoint of the gateway.
///
/// `url` may carry credentials (database and Redis URLs do), so `Debug` does not show it, and
/// nothing this crate derives from it (verdicts, reports) contains more than its host names.
#[derive(Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// What the endpoint is for.
    pub kind: EndpointKind,
    /// Whose endpoint it is: a hotel id, or `gateway` for the gateway's own.
    pub name: String,
    /// The URL (or, for Redis and SQLite, address or path) as configured. Secret.
    pub url: String,
}

impl Endpoint {
    /// An endpoint.
    pub fn new(kind: EndpointKind, name: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            kind,
            name: name.into(),
            url: url.into(),
        }
    }
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Endpoint")
            .field("kind", &self.kind)
            .field("name", &self.name)
            .field("url", &format_args!("<redacted>"))
            .finish()
    }
}

/// Where an endpoint's data goes, from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResidencyStatus {
    /// Nothing leaves the machine, its cluster or its private network (see [`check_endpoint`]).
    Local,
    /// In an allowed AWS region, or on a host the operator declares to be in the EU.
    Eu,
    /// Not verifiably in the EU, but explicitly allowed by `allow_non_eu`.
    NonEuAllowed,
    /// A public host that cannot be placed in an allowed region. Refused.
    Unverified,
    /// In an AWS region outside the allowed ones, or a region-less AWS endpoint. Refused.
    NonEu,
}

impl ResidencyStatus {
    /// Whether an endpoint with this status must not be used.
    pub fn is_refused(self) -> bool {
        matches!(self, Self::NonEu | Self::Unverified)
    }

    /// The snake_case name, for metric labels: `local`, `eu`, `non_eu_allowed`, `unverified`,
    /// `non_eu`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Local => "local",
            Self::Eu => "eu",
            Self::NonEuAllowed => "non_eu_allowed",
            Self::Unverified => "unverified",
            Self::NonEu => "non_eu",
        }
    }
}

impl fmt::Display for ResidencyStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The verdict on one host of an endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HostVerdict {
    /// The host name or IP address; for targets without one, `<unix socket>`, `<local path>`,
    /// `<sqlite file>`, `<sqlite memory>`, `<bucket url>` or `<unreadable>`.
    pub host: String,
    /// Its status.
    pub status: ResidencyStatus,
    /// The AWS region the host is in, when its name says.
    pub region: Option<String>,
    /// Why, naming the host and region only.
    pub reason: String,
}

/// The verdict on an endpoint: the most severe status of its hosts (a PostgreSQL or Redis
/// Sentinel URL may name several).
///
/// `reason` names hosts and regions, never the URL's user, password, path or query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// The most severe status of the hosts.
    pub status: ResidencyStatus,
    /// The hosts' reasons, joined with `; `.
    pub reason: String,
    /// One verdict per host, in the URL's order.
    pub hosts: Vec<HostVerdict>,
}

impl Verdict {
    /// Whether the endpoint must not be used: [`ResidencyStatus::NonEu`] or
    /// [`ResidencyStatus::Unverified`].
    pub fn is_refused(&self) -> bool {
        self.status.is_refused()
    }

    /// The hosts, joined with `,`.
    pub fn host_list(&self) -> String {
        self.hosts
            .iter()
            .map(|h| h.host.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.status, self.reason)
    }
}

/// What a URL points at.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// A validated, lower-case host name or IP address, without brackets or port.
    Host(String),
    UnixSocket,
    LocalPath,
    SqliteFile,
    SqliteMemory,
    /// A bucket URL (`s3://bucket`), which names no region.
    Bucket,
    /// Nothing readable; the reason never quotes the URL.
    Unreadable(&'static str),
}

/// Checks where an endpoint's data goes.
///
/// Every host of the URL is checked, in this order:
///
/// 1. **AWS host names** (under `amazonaws.com`, `amazonaws.com.cn`, `amazonaws.eu`, `api.aws`,
///    `on.aws`, and the VPC-private `compute.internal` and `ec2.internal`): the region is read
///    from a label that is a region name (the rightmost one), ElastiCache's short code before
///    `cache.amazonaws.com` (`euw1`), or a legacy `s3-<region>` label. `ec2.internal` is
///    us-east-1. In an allowed region → [`Eu`](ResidencyStatus::Eu); otherwise, or when no
///    region can be read (global endpoints such as `s3.amazonaws.com` or `sts.amazonaws.com`,
///    served from us-east-1) → [`NonEu`](ResidencyStatus::NonEu), unless `allow_non_eu` matches
///    (→ [`NonEuAllowed`](ResidencyStatus::NonEuAllowed)). `eu_hosts` does not apply to AWS
///    names: what the name says wins over what the operator declares.
/// 2. **Local** targets: SQLite URLs (`sqlite:`, `sqlite::memory:`), paths and unix sockets
///    (`unix:`, `redis+unix:`, a PostgreSQL URL without host or with a `host=/path` parameter),
///    `localhost` and `*.localhost`, loopback, private (RFC 1918), link-local, unique-local and
///    unspecified addresses, names under `.local` (including `.svc.cluster.local`), `.svc`,
///    `.internal` and `.home.arpa`, and single-label names (`redis`, `postgres`: Compose and
///    Kubernetes service names). Local means the connection stays inside the deployment; where
///    the deployment itself runs is what `eu-check` verifies.
/// 3. `eu_hosts` → [`Eu`](ResidencyStatus::Eu); 4. `allow_non_eu` →
///    [`NonEuAllowed`](ResidencyStatus::NonEuAllowed);
/// 5. anything else (public names and addresses, bucket URLs such as `s3://bucket`, URLs without
///    a readable host) → [`Unverified`](ResidencyStatus::Unverified), refused like non-EU.
///
/// PostgreSQL URLs may list several hosts (`postgres://u:p@h1:5432,h2:5432/db`) and give them in
/// `host=` or `hostaddr=` query parameters (which take precedence, as in libpq); Redis Sentinel
/// URLs may list several too. The verdict is the most severe over all hosts.
pub fn check_endpoint(endpoint: &Endpoint, policy: &ResidencyPolicy) -> Verdict {
    let hosts: Vec<HostVerdict> = targets(&endpoint.url)
        .into_iter()
        .map(|t| check_target(t, policy))
        .collect();
    let status = hosts
        .iter()
        .map(|h| h.status)
        .max()
        .unwrap_or(ResidencyStatus::Unverified);
    let reason = hosts
        .iter()
        .map(|h| h.reason.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    Verdict {
        status,
        reason,
        hosts,
    }
}

fn verdict(
    host: &str,
    status: ResidencyStatus,
    region: Option<&str>,
    reason: String,
) -> HostVerdict {
    HostVerdict {
        host: host.to_owned(),
        status,
        region: region.map(str::to_owned),
        reason,
    }
}

fn check_target(target: Target, policy: &ResidencyPolicy) -> HostVerdict {
    use ResidencyStatus::{Local, Unverified};
    match target {
        Target::Host(host) => check_host(&host, policy),
        Target::UnixSocket => verdict("<unix socket>", Local, None, "a unix socket".into()),
        Target::LocalPath => verdict("<local path>", Local, None, "a local path".into()),
        Target::SqliteFile => verdict(
            "<sqlite file>",
            Local,
            None,
            "an SQLite database on local disk".into(),
        ),
        Target::SqliteMemory => verdict(
            "<sqlite memory>",
            Local,
            None,
            "an in-memory SQLite database".into(),
        ),
        Target::Bucket => verdict(
            "<bucket url>",
            Unverified,
            None,
            "a bucket URL names no region; configure the regional endpoint, such as https://s3.eu-central-1.amazonaws.com".into(),
        ),
        Target::Unreadable(why) => verdict("<unreadable>", Unverified, None, why.into()),
    }
}

fn check_host(host: &str, policy: &ResidencyPolicy) -> HostVerdict {
    use ResidencyStatus::{Eu, Local, NonEu, NonEuAllowed, Unverified};
    if let Some(region) = aws_region(host) {
        return match region {
            Some(region) if policy.is_allowed_region(&region) => verdict(
                host,
                Eu,
                Some(&region),
                format!("`{host}` is in AWS region {region}, which is allowed"),
            ),
            Some(region) => match policy.non_eu_allowance(host) {
                Some(p) => verdict(
                    host,
                    NonEuAllowed,
                    Some(&region),
                    format!(
                        "`{host}` is in AWS region {region}, outside the allowed regions, and allowed by allow_non_eu `{p}`"
                    ),
                ),
                None => verdict(
                    host,
                    NonEu,
                    Some(&region),
                    format!(
                        "`{host}` is in AWS region {region}, outside the allowed regions ({})",
                        policy.allowed_list()
                    ),
                ),
            },
            None => {
                let what = format!(
                    "`{host}` is an AWS endpoint that names no region (a global endpoint, served from us-east-1)"
                );
                match policy.non_eu_allowance(host) {
                    Some(p) => verdict(
                        host,
                        NonEuAllowed,
                        None,
                        format!("{what}, and allowed by allow_non_eu `{p}`"),
                    ),
                    None => verdict(
                        host,
                        NonEu,
                        None,
                        format!("{what}; configure the regional endpoint"),
                    ),
                }
            }
        };
    }
    if let Some(why) = local_reason(host) {
        return verdict(host, Local, None, format!("`{host}` is {why}"));
    }
    if let Some(p) = policy.eu_host(host) {
        return verdict(
            host,
            Eu,
            None,
            format!("`{host}` is declared an EU host by eu_hosts `{p}`"),
        );
    }
    if let Some(p) = policy.non_eu_allowance(host) {
        return verdict(
            host,
            NonEuAllowed,
            None,
            format!("`{host}` cannot be placed in the EU, and is allowed by allow_non_eu `{p}`"),
        );
    }
    verdict(
        host,
        Unverified,
        None,
        format!(
            "`{host}` is a public host that cannot be placed in an allowed region; declare it under eu_hosts if it is in the EU, or under allow_non_eu"
        ),
    )
}

const AWS_SUFFIXES: [&str; 7] = [
    "amazonaws.com",
    "amazonaws.com.cn",
    "amazonaws.eu",
    "api.aws",
    "on.aws",
    "compute.internal",
    "ec2.internal",
];

fn under(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|rest| rest.ends_with('.'))
}

/// `None` if `host` is not an AWS name; `Some(None)` if it is but names no region.
fn aws_region(host: &str) -> Option<Option<String>> {
    if !AWS_SUFFIXES.iter().any(|s| under(host, s)) {
        return None;
    }
    if under(host, "ec2.internal") {
        return Some(Some("us-east-1".to_owned()));
    }
    let labels: Vec<&str> = host.split('.').collect();
    if let Some(region) = labels.iter().rev().find(|l| is_aws_region(l)) {
        return Some(Some((*region).to_owned()));
    }
    if let Some(code) = host
        .strip_suffix(".cache.amazonaws.com")
        .and_then(|rest| rest.rsplit('.').next())
        .and_then(decode_short_region)
    {
        return Some(Some(code));
    }
    let legacy_s3 = labels
        .iter()
        .rev()
        .filter(|l| l.starts_with("s3-"))
        .find_map(|l| find_regions(l).into_iter().find(|m| !m.zone));
    Some(legacy_s3.map(|m| m.region))
}

fn local_reason(host: &str) -> Option<&'static str> {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return local_ip(ip);
    }
    if host == "localhost" || host.ends_with(".localhost") {
        return Some("the local machine");
    }
    if host.ends_with(".svc") || host.ends_with(".svc.cluster.local") {
        return Some("a Kubernetes service");
    }
    if host.ends_with(".local") || host.ends_with(".internal") || host.ends_with(".home.arpa") {
        return Some("a private network name");
    }
    if !host.contains('.') {
        return Some("a single-label name, resolved inside the cluster or private network");
    }
    None
}

fn local_ip(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => local_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => local_v4(v4),
            None => local_v6(v6),
        },
    }
}

fn local_v4(ip: Ipv4Addr) -> Option<&'static str> {
    if ip.is_loopback() {
        Some("a loopback address")
    } else if ip.is_private() {
        Some("a private address")
    } else if ip.is_link_local() {
        Some("a link-local address")
    } else if ip.is_unspecified() {
        Some("the unspecified address (this machine)")
    } else {
        None
    }
}

fn local_v6(ip: Ipv6Addr) -> Option<&'static str> {
    if ip.is_loopback() {
        Some("a loopback address")
    } else if ip.is_unique_local() {
        Some("a unique-local address")
    } else if ip.is_unicast_link_local() {
        Some("a link-local address")
    } else if ip.is_unspecified() {
        Some("the unspecified address (this machine)")
    } else {
        None
    }
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// What the URL points at. Nothing returned quotes anything but validated host names.
fn targets(url: &str) -> Vec<Target> {
    let url = url.trim();
    if url.is_empty() {
        return vec![Target::Unreadable("the URL is empty")];
    }
    if starts_with_ignore_case(url, "sqlite:") {
        let rest = url["sqlite:".len()..].trim_start_matches('/');
        let memory = starts_with_ignore_case(rest, ":memory:") || url.contains("mode=memory");
        return vec![if memory {
            Target::SqliteMemory
        } else {
            Target::SqliteFile
        }];
    }
    if url.starts_with('/') || url.starts_with("./") || url.starts_with("../") {
        return vec![Target::LocalPath];
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        if starts_with_ignore_case(url, "unix:") {
            return vec![Target::UnixSocket];
        }
        // A bare `host[:port]`, as Redis addresses are sometimes written.
        let authority = url.split(['/', '?', '#']).next().unwrap_or_default();
        return authority_targets(authority, false);
    };
    if scheme.is_empty()
        || !scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        return vec![Target::Unreadable("the URL's scheme is not readable")];
    }
    let scheme = scheme.to_ascii_lowercase();
    match scheme.as_str() {
        "unix" | "redis+unix" | "redis-socket" | "valkey+unix" => return vec![Target::UnixSocket],
        "file" => return vec![Target::LocalPath],
        "s3" | "s3a" | "s3n" | "gs" | "gcs" => return vec![Target::Bucket],
        _ => {}
    }
    let postgres = matches!(scheme.as_str(), "postgres" | "postgresql");
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    if postgres {
        let query = rest[end..]
            .split_once('?')
            .map(|(_, q)| q.split('#').next().unwrap_or_default())
            .unwrap_or_default();
        let param = |key: &str| {
            query
                .split('&')
                .filter_map(|kv| kv.split_once('='))
                .filter(|(k, _)| *k == key)
                .map(|(_, v)| v)
                .next_back()
        };
        if let Some(hosts) = param("hostaddr").or_else(|| param("host")) {
            return authority_targets(hosts, true);
        }
    }
    authority_targets(authority, postgres)
}

/// The targets of an authority (`user:password@h1:p1,h2:p2`) or a `host=` value. An empty host
/// is PostgreSQL's default unix socket when `postgres`.
fn authority_targets(authority: &str, postgres: bool) -> Vec<Target> {
    let hosts = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let mut out = Vec::new();
    for item in hosts.split(',') {
        match host_target(item) {
            Some(t) => out.push(t),
            None if postgres => out.push(Target::UnixSocket),
            None => out.push(Target::Unreadable("the URL names no host")),
        }
    }
    out
}

/// One `host[:port]`; `None` for an empty host.
fn host_target(item: &str) -> Option<Target> {
    let Some(decoded) = percent_decode(item) else {
        return Some(Target::Unreadable("the URL's host is not readable"));
    };
    let item = decoded.trim();
    if item.is_empty() {
        return None;
    }
    if item.starts_with('/') || item.starts_with('@') {
        return Some(Target::UnixSocket);
    }
    let (host, port) = if let Some(inner) = item.strip_prefix('[') {
        let Some((addr, after)) = inner.split_once(']') else {
            return Some(Target::Unreadable("the URL's host is not readable"));
        };
        let addr = addr.split('%').next().unwrap_or_default();
        if addr.parse::<Ipv6Addr>().is_err() {
            return Some(Target::Unreadable("the URL's host is not readable"));
        }
        let port = match after.strip_prefix(':') {
            Some(p) => p,
            None if after.is_empty() => "",
            None => return Some(Target::Unreadable("the URL's host is not readable")),
        };
        (addr, port)
    } else if item.parse::<Ipv6Addr>().is_ok() {
        (item, "")
    } else {
        item.split_once(':').unwrap_or((item, ""))
    };
    if !port.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Target::Unreadable("the URL's port is not a number"));
    }
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.is_empty() {
        return None;
    }
    let valid = host.parse::<Ipv6Addr>().is_ok()
        || host.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    if !valid {
        return Some(Target::Unreadable(
            "the URL's host is not a valid host name",
        ));
    }
    Some(Target::Host(host.to_ascii_lowercase()))
}

/// Decodes `%XX` escapes; `None` if one is malformed or the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_owned());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_of_the_usual_url_shapes() {
        let host = |h: &str| Target::Host(h.to_owned());
        let cases: Vec<(&str, Vec<Target>)> = vec![
            ("sqlite::memory:", vec![Target::SqliteMemory]),
            ("sqlite://data/gw.db?mode=rwc", vec![Target::SqliteFile]),
            ("/var/run/redis.sock", vec![Target::LocalPath]),
            ("unix:/tmp/redis.sock", vec![Target::UnixSocket]),
            ("redis+unix:///tmp/redis.sock", vec![Target::UnixSocket]),
            (
                "redis://:pw@Cache.Example.EU:6379/0",
                vec![host("cache.example.eu")],
            ),
            ("localhost:6379", vec![host("localhost")]),
            ("https://[::1]:8200/v1", vec![host("::1")]),
            ("postgres:///voicehive", vec![Target::UnixSocket]),
            (
                "postgres:///db?host=/var/run/postgresql",
                vec![Target::UnixSocket],
            ),
            (
                "postgresql://u@%2Fvar%2Frun%2Fpostgresql/db",
                vec![Target::UnixSocket],
            ),
            (
                "postgres://u:p@h1:5432,h2:5432/db",
                vec![host("h1"), host("h2")],
            ),
            (
                "postgres://u:p@public.example.com/db?sslmode=require&hostaddr=10.0.0.5",
                vec![host("10.0.0.5")],
            ),
            ("s3://bucket/prefix", vec![Target::Bucket]),
            (
                "https://",
                vec![Target::Unreadable("the URL names no host")],
            ),
            (
                "postgres://u:se/cret@h/db",
                vec![Target::Unreadable("the URL's port is not a number")],
            ),
            (
                "https://exa mple.com",
                vec![Target::Unreadable(
                    "the URL's host is not a valid host name",
                )],
            ),
            ("", vec![Target::Unreadable("the URL is empty")]),
        ];
        for (url, expected) in cases {
            assert_eq!(targets(url), expected, "{url}");
        }
    }

    #[test]
    fn aws_regions_are_read_from_host_names() {
        let cases = [
            (
                "mydb.abc.eu-central-1.rds.amazonaws.com",
                Some("eu-central-1"),
            ),
            ("s3.eu-west-1.amazonaws.com", Some("eu-west-1")),
            ("bucket.s3.eu-central-1.amazonaws.com", Some("eu-central-1")),
            (
                "us-east-1.s3.eu-central-1.amazonaws.com",
                Some("eu-central-1"),
            ),
            ("bucket.s3-eu-west-2.amazonaws.com", Some("eu-west-2")),
            (
                "my-redis.x1y2z3.ng.0001.euw1.cache.amazonaws.com",
                Some("eu-west-1"),
            ),
            (
                "master.r.x1y2z3.use1.cache.amazonaws.com",
                Some("us-east-1"),
            ),
            (
                "vpce-0a1b-c2d3.s3.eu-central-1.vpce.amazonaws.com",
                Some("eu-central-1"),
            ),
            ("ip-10-0-0-1.eu-west-1.compute.internal", Some("eu-west-1")),
            ("ip-10-0-0-1.ec2.internal", Some("us-east-1")),
            ("s3.cn-north-1.amazonaws.com.cn", Some("cn-north-1")),
            ("s3.amazonaws.com", None),
            ("sts.amazonaws.com", None),
        ];
        for (host, region) in cases {
            assert_eq!(aws_region(host), Some(region.map(str::to_owned)), "{host}");
        }
        assert_eq!(aws_region("api.apaleo.com"), None);
        assert_eq!(aws_region("amazonaws.com.evil.example"), None);
        assert_eq!(aws_region("notamazonaws.com"), None);
    }
}
