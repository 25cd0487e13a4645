//! Personal values identified by the name of their field outside JSON: XML elements (the OTA
//! standard's `<GivenName>`, `<Surname>`, vendors' `<Voornaam>`, `<Nazwisko>` …) and CSV
//! columns under a header (`first_name;last_name;email`).

use std::sync::LazyLock;

use regex::Regex;

use crate::fields::{field_entity, whole_value_entity};
use crate::{EntityType, Finding};

static XML_ELEMENT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"<(?:[A-Za-z][\w.\-]*:)?(?P<tag>[A-Za-z][\w.\-]*)(?:\s[^<>]*)?>(?P<v>[^<>]{1,120})</",
    )
    .ok()
});

const DELIMITERS: [char; 4] = [',', ';', '\t', '|'];

pub(crate) fn find(text: &str, out: &mut Vec<Finding>) {
    if text.contains("</") {
        xml(text, out);
    }
    if text.contains('\n') {
        csv(text, out);
    }
}

fn xml(text: &str, out: &mut Vec<Finding>) {
    let Some(re) = XML_ELEMENT.as_ref() else {
        return;
    };
    for caps in re.captures_iter(text) {
        let (Some(tag), Some(v)) = (caps.name("tag"), caps.name("v")) else {
            continue;
        };
        let value = v.as_str();
        if let Some(entity) = whole_value_entity(tag.as_str(), None, value) {
            let lead = value.len() - value.trim_start().len();
            let start = v.start() + lead;
            let end = v.start() + value.trim_end().len();
            if start < end {
                out.push(Finding::new(start, end, entity, 0.9));
            }
        }
    }
}

/// Byte spans of the cells of `line` (starting at `offset`), without quotes and blanks.
fn cells(line: &str, offset: usize, delim: char) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), delim)))
    {
        if c == delim {
            let cell = &line[start..i];
            let lead = cell.len() - cell.trim_start_matches([' ', '"', '\'']).len();
            let trimmed = cell.trim_end_matches([' ', '"', '\'', '\r']);
            let s = offset + start + lead;
            let e = (offset + start + trimmed.len()).max(s);
            out.push((s, e));
            start = i + c.len_utf8();
        }
    }
    out
}

fn header_like(cell: &str) -> bool {
    !cell.is_empty()
        && cell.len() <= 40
        && cell.starts_with(|c: char| c.is_alphabetic())
        && cell
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ' | '.'))
}

fn csv(text: &str, out: &mut Vec<Finding>) {
    let mut header: Option<(char, Vec<String>)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let line_start = offset;
        offset += line.len();
        if let Some((delim, names)) = &header {
            let row = cells(body, line_start, *delim);
            if row.len() == names.len() {
                for ((s, e), name) in row.iter().zip(names) {
                    let v = &text[*s..*e];
                    if let Some(entity) = whole_value_entity(name, Some("guest"), v) {
                        out.push(Finding::new(*s, *e, entity, 0.85));
                    }
                }
                continue;
            }
            header = None;
        }
        // A header is short and holds only field names and delimiters.
        if body.len() > 400
            || body.bytes().any(|b| {
                matches!(
                    b,
                    b':' | b'"'
                        | b'{'
                        | b'}'
                        | b'='
                        | b'('
                        | b')'
                        | b'['
                        | b']'
                        | b'<'
                        | b'>'
                        | b'/'
                        | b'@'
                        | b'\''
                        | b'!'
                        | b'?'
                )
            })
        {
            continue;
        }
        let Some(delim) = DELIMITERS.into_iter().find(|d| body.contains(*d)) else {
            continue;
        };
        let names: Vec<String> = cells(body, 0, delim)
            .into_iter()
            .map(|(s, e)| body[s..e].to_owned())
            .collect();
        if names.len() >= 2
            && names.iter().all(|n| header_like(n))
            && names
                .iter()
                .any(|n| field_entity(n, Some("guest")) == Some(EntityType::Person))
        {
            header = Some((delim, names));
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
    fn finds_ota_and_vendor_xml_names() {
        let text = "<PersonName><NamePrefix>Mr</NamePrefix><GivenName>Daan</GivenName>\
                    <Surname>de Vries</Surname></PersonName><HotelName>Hotel Adler</HotelName>";
        assert_eq!(
            values(text),
            [
                (EntityType::Person, "Daan"),
                (EntityType::Person, "de Vries")
            ]
        );
        assert_eq!(
            values("<ns:Nazwisko> Kowalczyk </ns:Nazwisko>"),
            [(EntityType::Person, "Kowalczyk")]
        );
    }

    #[test]
    fn finds_names_in_csv_columns() {
        let text = "booking;voornaam;achternaam;room\nBK-1;Daan;Visser;12\nBK-2;Emma;de Jong;14\n";
        assert_eq!(
            values(text),
            [
                (EntityType::Person, "Daan"),
                (EntityType::Person, "Visser"),
                (EntityType::Person, "Emma"),
                (EntityType::Person, "de Jong"),
            ]
        );
        assert!(values("room,rate\n12,99.00\n").is_empty());
    }
}
