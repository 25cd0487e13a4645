//! Personal values in URLs, read from the URL's structure rather than from phrasings:
//!
//! - query and fragment parameters whose key names a person or contact field
//!   (`?first_name=Anna`, `&guest_fn=Anna`, `&em=anna%40example.de`, `#tel=%2B4930…`,
//!   `?pr%C3%A9nom=Am%C3%A9lie`, `?guest[last_name]=Schmidt`), also inside a URL nested in
//!   another URL's parameter (`%3Fname%3DAnna%2520Schmidt`) and inside log fields that carry a
//!   URL (`path="/v2/guests?email=…"`); the key tables are those of JSON fields
//!   ([`crate::fields`]) plus the short keys of URLs;
//! - path segments after a person collection (`/guests/jan-kowalski/`,
//!   `/profile/Anna.Schmidt`) or after a field name (`/email/anna%40example.de`).
//!
//! Values are percent-decoded (`%20`, `%C3%A9`, `+`) to be checked; the span reported is the
//! value as written.

use super::encoded::percent_decode;
use crate::fields::url_value_entity;
use crate::{EntityType, Finding};

/// Above the key-value rule of `person.rs` (0.9), which reads `name=Anna+Schmidt` up to the `+`.
const SCORE: f32 = 0.92;

/// Longest key looked at, in bytes.
const MAX_KEY: usize = 64;

/// Path segments (lower case) naming a collection of people: the next segment is one of them.
const PERSON_COLLECTIONS: &[&str] = &[
    "guest",
    "guests",
    "profile",
    "profiles",
    "customer",
    "customers",
    "user",
    "users",
    "person",
    "persons",
    "people",
    "contact",
    "contacts",
    "traveller",
    "travellers",
    "traveler",
    "travelers",
    "passenger",
    "passengers",
    "member",
    "members",
    "booker",
    "bookers",
    "gast",
    "gaeste",
    "gäste",
    "kunde",
    "kunden",
    "client",
    "clients",
    "cliente",
    "clienti",
    "clientes",
    "ospite",
    "ospiti",
    "huesped",
    "huespedes",
    "huésped",
    "huéspedes",
    "gasten",
    "klant",
    "klanten",
    "gosc",
    "goscie",
    "gość",
    "goście",
    "klient",
    "klienci",
];

pub(crate) fn find(text: &str, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    let (mut eq, mut slash) = (false, false);
    for &c in b {
        eq |= c == b'=' || c == b'%';
        slash |= c == b'/';
    }
    if eq {
        params(text, out);
    }
    if slash {
        paths(text, out);
    }
}

/// Whether `b[at..]` starts with the escape `%` + `hex` (either case).
fn escape_at(b: &[u8], at: usize, hex: &[u8; 2]) -> bool {
    b.get(at) == Some(&b'%')
        && b.get(at + 1) == Some(&hex[0])
        && b.get(at + 2)
            .is_some_and(|c| c.eq_ignore_ascii_case(&hex[1]))
}

/// An encoded separator of a nested URL's query: `%3F` (`?`), `%26` (`&`), `%23` (`#`).
fn encoded_separator(b: &[u8], at: usize) -> bool {
    escape_at(b, at, b"3F") || escape_at(b, at, b"26") || escape_at(b, at, b"23")
}

fn is_key_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'[' | b']' | b'%') || c >= 0x80
}

/// The key before the `=` at `eq`, if it follows a query or fragment separator.
fn key_before(b: &[u8], eq: usize) -> Option<(usize, usize)> {
    let mut ks = eq;
    while ks > 0 && eq - ks < MAX_KEY && is_key_byte(b[ks - 1]) {
        ks -= 1;
    }
    // A separator of a nested, encoded URL inside the key run: the key starts after it.
    let nested = (ks..eq.saturating_sub(2))
        .rev()
        .find(|&i| encoded_separator(b, i));
    let ks = match nested {
        Some(i) => i + 3,
        None if ks > 0 && matches!(b[ks - 1], b'?' | b'&' | b'#' | b';') => ks,
        None => return None,
    };
    (ks < eq && b[ks].is_ascii_alphabetic()).then_some((ks, eq))
}

/// The end of a value starting at `vs`, without trailing punctuation of the prose around it.
fn value_end(b: &[u8], vs: usize, stop_at_slash: bool) -> usize {
    let mut ve = vs;
    while ve < b.len() {
        let c = b[ve];
        if c.is_ascii_whitespace()
            || matches!(
                c,
                b'&' | b'#' | b'"' | b'\'' | b'<' | b'>' | b'\\' | b'|' | b')' | b']' | b'}' | b';'
            )
            || (stop_at_slash && matches!(c, b'/' | b'?' | b'='))
            || encoded_separator(b, ve)
        {
            break;
        }
        ve += 1;
    }
    while ve > vs && matches!(b[ve - 1], b'.' | b',' | b':' | b'!' | b'?') {
        ve -= 1;
    }
    ve
}

/// The field a (decoded) key names: its last part (`guest[first_name]` and `guest.first_name`
/// name `first_name`; `guest[name]` the generic `name`).
fn field_of(key: &str) -> &str {
    key.rsplit(['[', ']', '.'])
        .find(|p| !p.is_empty())
        .unwrap_or(key)
}

fn params(text: &str, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'=' || c == b'%') {
        let at = i + off;
        let eq_len = if b[at] == b'=' {
            1
        } else if escape_at(b, at, b"3D") {
            3
        } else {
            i = at + 1;
            continue;
        };
        i = at + eq_len;
        let Some((ks, ke)) = key_before(b, at) else {
            continue;
        };
        let vs = at + eq_len;
        let ve = value_end(b, vs, false);
        if vs >= ve || !text.is_char_boundary(ks) || !text.is_char_boundary(ve) {
            continue;
        }
        let key = percent_decode(&text[ks..ke], true);
        let value = percent_decode(&text[vs..ve], true);
        if let Some(entity) = url_value_entity(field_of(&key), &value) {
            out.push(Finding::new(vs, ve, entity, SCORE));
        }
    }
}

/// A slug of two to four name words (`jan-kowalski`, `Anna.Schmidt`, `anna+maria+rossi`) with
/// at least one listed given name or surname among them.
fn name_slug(decoded: &str) -> bool {
    let words: Vec<&str> = decoded
        .split(['-', '.', '_', '+', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| w.chars().all(char::is_alphabetic))
        && words.iter().any(|w| {
            w.chars().count() >= 3 && super::names::is_listed_name(&crate::known::fold::fold(w))
        })
}

fn paths(text: &str, out: &mut Vec<Finding>) {
    let b = text.as_bytes();
    let mut prev: Option<usize> = None;
    for p in 0..b.len() {
        if b[p] != b'/' {
            continue;
        }
        let seg_start = prev.map_or(p, |q| q + 1);
        prev = Some(p);
        let seg_len = p - seg_start;
        if !(2..=24).contains(&seg_len) {
            continue;
        }
        let seg = &text[seg_start..p];
        if !seg
            .bytes()
            .all(|c| c.is_ascii_alphabetic() || matches!(c, b'_' | b'-') || c >= 0x80)
        {
            continue;
        }
        let vs = p + 1;
        let ve = value_end(b, vs, true);
        if vs >= ve || !text.is_char_boundary(ve) {
            continue;
        }
        let value = percent_decode(&text[vs..ve], false);
        let seg_lower = seg.to_lowercase();
        let entity = if PERSON_COLLECTIONS.contains(&seg_lower.as_str()) {
            if name_slug(&value) {
                Some(EntityType::Person)
            } else {
                url_value_entity("email", &value)
            }
        } else {
            url_value_entity(&seg_lower, &value.replace('+', " "))
                .filter(|e| *e != EntityType::Person || name_slug(&value))
        };
        if let Some(entity) = entity {
            out.push(Finding::new(vs, ve, entity, SCORE));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(EntityType, &str)> {
        let mut out = Vec::new();
        find(text, &mut out);
        out.iter().map(|f| (f.entity, f.text(text))).collect()
    }

    #[test]
    fn finds_encoded_query_values() {
        assert_eq!(
            values(
                "https://x.example/cb?phone=%2B33779609049&name=Am%C3%A9lie+Traor%C3%A9&lang=fr"
            ),
            [
                (EntityType::Phone, "%2B33779609049"),
                (EntityType::Person, "Am%C3%A9lie+Traor%C3%A9"),
            ]
        );
    }

    #[test]
    fn finds_nested_urls_and_path_slugs() {
        assert_eq!(
            values("/login?next=%2Fcb%3Fguest_fn%3DAnna%26lang%3Dde"),
            [(EntityType::Person, "Anna")]
        );
        assert_eq!(
            values("https://x.example/profile/jan-kowalski/bookings"),
            [(EntityType::Person, "jan-kowalski")]
        );
    }

    #[test]
    fn keeps_booking_parameters() {
        assert!(
            values(
                "https://x.example/v1/hotels/BER/offers?arrival=2027-01-05&adults=2&lang=de\
                 &hotel=BER&page=2&utm_source=google&sid=3f9a77c2&name=asc&first=true"
            )
            .is_empty()
        );
        assert!(values("https://x.example/guests/search?q=1").is_empty());
    }
}
