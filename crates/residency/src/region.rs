//! Recognising cloud region identifiers in text: AWS regions and availability zones (all
//! partitions), GCP regions and zones, and Azure locations given as the value of a `location` or
//! `region` key. Shared by the endpoint checks (AWS host names) and the scanner.

/// The compass words regions are named with, longest first so that `northeast` wins over
/// `north` where both could apply.
const DIRECTIONS: [&str; 9] = [
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "central",
    "north",
    "south",
    "east",
    "west",
];

/// AWS partition infixes after the two-letter area: `us-gov-west-1`, `us-iso-east-1`,
/// `us-isob-east-1`, `eu-isoe-west-1`, `us-isof-south-1`. Longest first.
const AWS_PARTITIONS: [&str; 5] = ["-isob", "-isoe", "-isof", "-iso", "-gov"];

/// GCP multi-letter areas, longest first: `northamerica-northeast1`, `europe-west3`,
/// `us-central1`, `me-west1`, `africa-south1`, ...
const GCP_AREAS: [&str; 8] = [
    "northamerica",
    "southamerica",
    "australia",
    "europe",
    "africa",
    "asia",
    "me",
    "us",
];

/// A region identifier found in a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RegionMatch {
    /// Byte offset of the first character of the match (of the zone, for a zone).
    pub(crate) start: usize,
    /// Byte offset just past the match.
    pub(crate) end: usize,
    /// The region, without any availability-zone suffix.
    pub(crate) region: String,
    /// Whether the match was an availability zone (`eu-west-1a`, `europe-west3-b`).
    pub(crate) zone: bool,
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Whether a match may start at `i`: at the start, or after a byte that is not an ASCII letter
/// or digit (so `s3-eu-west-1`, `arn:aws:s3:eu-west-2:` and `x.eu-west-1.y` all match).
fn starts_word(bytes: &[u8], i: usize) -> bool {
    i == 0 || bytes.get(i - 1).is_none_or(|&b| !is_word(b))
}

fn ends_word(bytes: &[u8], i: usize) -> bool {
    bytes.get(i).is_none_or(|&b| !is_word(b))
}

/// Reads a compass word at `i`, returns its end.
fn direction_at(bytes: &[u8], i: usize) -> Option<usize> {
    let run = bytes[i..]
        .iter()
        .take_while(|b| b.is_ascii_lowercase())
        .count();
    let word = &bytes[i..i + run];
    DIRECTIONS
        .iter()
        .any(|d| d.as_bytes() == word)
        .then_some(i + run)
}

fn digits_at(bytes: &[u8], i: usize) -> usize {
    bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count()
}

/// An AWS region (or availability zone) starting exactly at `i`.
fn aws_at(text: &str, i: usize) -> Option<RegionMatch> {
    let bytes = text.as_bytes();
    let mut j = i;
    if bytes[j..].starts_with(b"eusc-") {
        j += 5;
    }
    if !(bytes.get(j).is_some_and(u8::is_ascii_lowercase)
        && bytes.get(j + 1).is_some_and(u8::is_ascii_lowercase))
    {
        return None;
    }
    j += 2;
    if let Some(p) = AWS_PARTITIONS
        .iter()
        .find(|p| bytes[j..].starts_with(p.as_bytes()) && bytes.get(j + p.len()) == Some(&b'-'))
    {
        j += p.len();
    }
    if bytes.get(j) != Some(&b'-') {
        return None;
    }
    j = direction_at(bytes, j + 1)?;
    if bytes.get(j) != Some(&b'-') {
        return None;
    }
    let digits = digits_at(bytes, j + 1);
    if digits == 0 || digits > 2 {
        return None;
    }
    let region_end = j + 1 + digits;
    if ends_word(bytes, region_end) {
        return Some(RegionMatch {
            start: i,
            end: region_end,
            region: text[i..region_end].to_owned(),
            zone: false,
        });
    }
    // An availability zone: one letter after the region's number.
    if bytes.get(region_end).is_some_and(u8::is_ascii_lowercase) && ends_word(bytes, region_end + 1)
    {
        return Some(RegionMatch {
            start: i,
            end: region_end + 1,
            region: text[i..region_end].to_owned(),
            zone: true,
        });
    }
    None
}

/// A GCP region (or zone) starting exactly at `i`: `europe-west3`, `us-central1-a`.
fn gcp_at(text: &str, i: usize) -> Option<RegionMatch> {
    let bytes = text.as_bytes();
    let area = GCP_AREAS
        .iter()
        .find(|a| bytes[i..].starts_with(a.as_bytes()) && bytes.get(i + a.len()) == Some(&b'-'))?;
    let dir_start = i + area.len() + 1;
    let run = bytes[dir_start..]
        .iter()
        .take_while(|b| b.is_ascii_lowercase())
        .count();
    let word = &bytes[dir_start..dir_start + run];
    if !DIRECTIONS.iter().any(|d| d.as_bytes() == word) {
        return None;
    }
    let digits = digits_at(bytes, dir_start + run);
    if digits == 0 || digits > 2 {
        return None;
    }
    let region_end = dir_start + run + digits;
    if !ends_word(bytes, region_end) {
        return None;
    }
    let zone = bytes.get(region_end) == Some(&b'-')
        && bytes
            .get(region_end + 1)
            .is_some_and(u8::is_ascii_lowercase)
        && ends_word(bytes, region_end + 2);
    Some(RegionMatch {
        start: i,
        end: if zone { region_end + 2 } else { region_end },
        region: text[i..region_end].to_owned(),
        zone,
    })
}

/// Every AWS and GCP region or zone in `text`, in order. Only lower-case identifiers count.
pub(crate) fn find_regions(text: &str) -> Vec<RegionMatch> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_lowercase()
            && starts_word(bytes, i)
            && let Some(m) = aws_at(text, i).or_else(|| gcp_at(text, i))
        {
            i = m.end;
            found.push(m);
            continue;
        }
        i += 1;
    }
    found
}

/// Whether `s` is, in full, an AWS region name (not a zone).
pub(crate) fn is_aws_region(s: &str) -> bool {
    !s.is_empty() && aws_at(s, 0).is_some_and(|m| !m.zone && m.end == s.len())
}

/// Decodes ElastiCache's short region codes (`euw1` → `eu-west-1`, `apse2` →
/// `ap-southeast-2`, `use1` → `us-east-1`).
pub(crate) fn decode_short_region(code: &str) -> Option<String> {
    let bytes = code.as_bytes();
    if bytes.len() < 4 || !bytes[..2].iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    let letters = bytes[2..]
        .iter()
        .take_while(|b| b.is_ascii_lowercase())
        .count();
    let digits = &code[2 + letters..];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let direction = match &code[2..2 + letters] {
        "n" => "north",
        "s" => "south",
        "e" => "east",
        "w" => "west",
        "c" => "central",
        "ne" => "northeast",
        "nw" => "northwest",
        "se" => "southeast",
        "sw" => "southwest",
        _ => return None,
    };
    Some(format!("{}-{direction}-{digits}", &code[..2]))
}

/// An Azure location written as the value of a `location` or `region` key on this line
/// (`location = "westeurope"`, `location: West Europe`, `"region": "eastus2"`): the byte offset
/// of the value and the location's normalised name (lower case, no spaces).
///
/// Azure names are recognised by shape: letters then optional digits, containing a compass word
/// and at least two more letters. AWS and GCP names have hyphens and are found elsewhere.
pub(crate) fn find_azure_location(line: &str) -> Option<(usize, String)> {
    let trimmed = line.trim_start();
    let mut at = line.len() - trimmed.len();
    let mut rest = trimmed;
    if let Some(r) = rest.strip_prefix("- ") {
        let inner = r.trim_start();
        at += rest.len() - inner.len();
        rest = inner;
    }
    let (key, after_key) = match rest.as_bytes().first() {
        Some(&q @ (b'"' | b'\'')) => {
            let close = rest[1..].find(q as char)?;
            (&rest[1..1 + close], &rest[close + 2..])
        }
        _ => {
            let len = rest
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            (&rest[..len], &rest[len..])
        }
    };
    if !(key.eq_ignore_ascii_case("location") || key.eq_ignore_ascii_case("region")) {
        return None;
    }
    at += rest.len() - after_key.len();
    let spaced = after_key.trim_start();
    at += after_key.len() - spaced.len();
    let after_sep = spaced
        .strip_prefix(':')
        .or_else(|| spaced.strip_prefix('=').filter(|r| !r.starts_with('=')))?;
    at += spaced.len() - after_sep.len();
    let value_part = after_sep.trim_start();
    at += after_sep.len() - value_part.len();
    let value = match value_part.as_bytes().first() {
        Some(&q @ (b'"' | b'\'')) => {
            at += 1;
            let close = value_part[1..].find(q as char)?;
            &value_part[1..1 + close]
        }
        _ => value_part
            .split([',', '}', ']'])
            .next()
            .unwrap_or_default()
            .trim_end(),
    };
    let normalised: String = value
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let letters = normalised
        .bytes()
        .take_while(u8::is_ascii_lowercase)
        .count();
    let shaped = letters > 0
        && normalised.len() <= 40
        && normalised[letters..].bytes().all(|b| b.is_ascii_digit())
        && DIRECTIONS
            .iter()
            .any(|d| normalised[..letters].contains(d) && letters >= d.len() + 2);
    shaped.then_some((at, normalised))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regions(text: &str) -> Vec<(String, usize, bool)> {
        find_regions(text)
            .into_iter()
            .map(|m| (m.region, m.start, m.zone))
            .collect()
    }

    #[test]
    fn aws_regions_of_every_partition_are_found() {
        for r in [
            "us-east-1",
            "us-gov-west-1",
            "us-iso-east-1",
            "us-isob-east-1",
            "cn-north-1",
            "ap-southeast-2",
            "ap-northeast-3",
            "eu-west-2",
            "eu-south-1",
            "eu-north-1",
            "me-central-1",
            "il-central-1",
            "mx-central-1",
            "ca-west-1",
            "af-south-1",
            "sa-east-1",
            "eusc-de-east-1",
        ] {
            assert_eq!(regions(r), vec![(r.to_owned(), 0, false)], "{r}");
            assert!(is_aws_region(r), "{r}");
        }
    }

    #[test]
    fn zones_arns_and_host_names_yield_the_region() {
        assert_eq!(regions("eu-west-3a"), vec![("eu-west-3".into(), 0, true)]);
        assert_eq!(
            regions("arn:aws:s3:eu-west-2:123:x"),
            vec![("eu-west-2".into(), 11, false)]
        );
        assert_eq!(
            regions("db.abc.us-east-2.rds.amazonaws.com"),
            vec![("us-east-2".into(), 7, false)]
        );
        assert_eq!(
            regions("s3-eu-west-1"),
            vec![("eu-west-1".into(), 3, false)]
        );
        assert_eq!(
            regions("us-west-2-lax-1a"),
            vec![("us-west-2".into(), 0, false)]
        );
    }

    #[test]
    fn gcp_regions_and_zones_are_found() {
        assert_eq!(
            regions("us-central1"),
            vec![("us-central1".into(), 0, false)]
        );
        assert_eq!(
            regions("europe-west3-a"),
            vec![("europe-west3".into(), 0, true)]
        );
        assert_eq!(
            regions("x northamerica-northeast1"),
            vec![("northamerica-northeast1".into(), 2, false)]
        );
        assert_eq!(
            regions("europe-west3-docker.pkg.dev"),
            vec![("europe-west3".into(), 0, false)]
        );
    }

    #[test]
    fn look_alikes_are_not_regions() {
        for text in [
            "eu-west",
            "eu-west-",
            "xeu-west-1",
            "eu-west-1ab",
            "eu-west-12345",
            "eu-wist-1",
            "EU-WEST-1",
            "europe-west",
            "app-west-1x1",
            "e-west-1",
        ] {
            assert_eq!(regions(text), vec![], "{text}");
        }
        assert!(!is_aws_region("eu-west-1a"));
        assert!(!is_aws_region("europe-west3"));
        assert!(!is_aws_region(""));
    }

    #[test]
    fn short_codes_decode() {
        assert_eq!(decode_short_region("euw1").as_deref(), Some("eu-west-1"));
        assert_eq!(decode_short_region("euc1").as_deref(), Some("eu-central-1"));
        assert_eq!(decode_short_region("use1").as_deref(), Some("us-east-1"));
        assert_eq!(
            decode_short_region("apse2").as_deref(),
            Some("ap-southeast-2")
        );
        assert_eq!(decode_short_region("0001"), None);
        assert_eq!(decode_short_region("eux1"), None);
        assert_eq!(decode_short_region("euw"), None);
    }

    #[test]
    fn azure_locations_are_read_from_location_and_region_keys() {
        assert_eq!(
            find_azure_location(r#"  location = "westeurope""#),
            Some((14, "westeurope".into()))
        );
        assert_eq!(
            find_azure_location("location: West Europe"),
            Some((10, "westeurope".into()))
        );
        assert_eq!(
            find_azure_location(r#"  "region": "eastus2","#),
            Some((13, "eastus2".into()))
        );
        assert_eq!(
            find_azure_location("- region: germanywestcentral"),
            Some((10, "germanywestcentral".into()))
        );
        assert_eq!(find_azure_location(r#"location = var.location"#), None);
        assert_eq!(find_azure_location("location: Berlin"), None);
        assert_eq!(find_azure_location("region: west"), None);
        assert_eq!(find_azure_location(r#"region == "eastus""#), None);
        assert_eq!(find_azure_location("other: westeurope"), None);
    }
}
