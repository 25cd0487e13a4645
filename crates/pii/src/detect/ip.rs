//! IPv4 and IPv6 addresses. Loopback, unspecified and broadcast addresses are not personal data
//! (they show up in every server log) and are skipped.

use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::LazyLock;

use regex::Regex;

use super::util::{char_at, char_before};
use crate::{EntityType, Finding};

static V4: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}").ok());
static V6: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:(?::|)[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})?",
    )
    .ok()
});

pub(crate) fn find(text: &str, out: &mut Vec<Finding>) {
    let bytes = text.as_bytes();
    if bytes.contains(&b'.')
        && let Some(re) = V4.as_ref()
    {
        for m in re.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            let before = char_before(text, start);
            if before.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '_' || c == '-') {
                continue;
            }
            let after = char_at(text, end);
            if after.is_some_and(|c| c.is_alphanumeric() || c == '_')
                || after == Some('.') && char_at(text, end + 1).is_some_and(|c| c.is_ascii_digit())
            {
                continue;
            }
            // Octets with leading zeros ("01.02.2023.1") are not addresses.
            if m.as_str()
                .split('.')
                .any(|o| o.len() > 1 && o.starts_with('0'))
            {
                continue;
            }
            let Ok(ip) = m.as_str().parse::<Ipv4Addr>() else {
                continue;
            };
            // Network addresses (x.y.z.0) are not a host's; "Cloud 25.5.0.0" is a version.
            if ip.is_loopback() || ip.is_unspecified() || ip.is_broadcast() || ip.octets()[3] == 0 {
                continue;
            }
            let before = super::util::window_before(text, start, 12);
            // "version 1.2.3.4", "app_version=10.2.3.4", "build: 10.0.19045.3803"
            let b = before.trim_end().trim_end_matches(['=', ':', '"', ' ']);
            if [
                "version", "release", "v", "ver", "build", "firmware", "fw", "sw", "os",
            ]
            .iter()
            .any(|w| b.ends_with(w))
            {
                continue;
            }
            out.push(Finding::new(start, end, EntityType::IpAddress, 0.9));
        }
    }
    if bytes.iter().filter(|&&b| b == b':').take(2).count() == 2
        && let Some(re) = V6.as_ref()
    {
        for m in re.find_iter(text) {
            let start = m.start();
            let mut s = m.as_str();
            // "2001:db8::1: connection reset" – a trailing single colon is punctuation.
            if s.ends_with(':') && !s.ends_with("::") {
                s = &s[..s.len() - 1];
            }
            let end = start + s.len();
            let before = char_before(text, start);
            let after = char_at(text, end);
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':' || c == '.')
                || after.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
            {
                continue;
            }
            if !s.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            let groups = s.split(':').filter(|g| !g.is_empty()).count();
            if groups < 2 {
                continue;
            }
            let Ok(ip) = s.parse::<Ipv6Addr>() else {
                continue;
            };
            if ip.is_loopback() || ip.is_unspecified() {
                continue;
            }
            out.push(Finding::new(start, end, EntityType::IpAddress, 0.9));
        }
    }
}
