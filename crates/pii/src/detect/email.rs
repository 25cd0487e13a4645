//! E-mail addresses, written and spoken ("anna dot schmidt at gmail dot com").

use std::sync::LazyLock;

use regex::Regex;

use super::util::{ceil_boundary, char_at, char_before, floor_boundary};
use crate::{EntityType, Finding};

static EMAIL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"[\p{L}\p{N}_%+\-][\p{L}\p{N}._%+\-]*@[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?)*\.[A-Za-z]{2,24}",
    )
    .ok()
});

/// An address percent-encoded in a URL: `anna.schmidt%40gmail.com`.
static PERCENT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)[\p{L}\p{N}_+\-][\p{L}\p{N}._+\-]*(?:%2[eE][\p{L}\p{N}_+\-]+)*%40[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?(?:(?:\.|%2[eE])[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?)*(?:\.|%2[eE])[A-Za-z]{2,24}").ok()
});

/// The hotel's own role mailboxes are not personal data: `reservations@`, `info@`,
/// `frontdesk@`, `rezeption@` …
const ROLE_MAILBOXES: &[&str] = &[
    "reservations",
    "reservation",
    "reservierung",
    "reservierungen",
    "reservas",
    "reserva",
    "prenotazioni",
    "reserveringen",
    "rezerwacje",
    "rezerwacja",
    "booking",
    "bookings",
    "info",
    "frontdesk",
    "front.desk",
    "front-desk",
    "reception",
    "rezeption",
    "empfang",
    "accueil",
    "ricevimento",
    "recepcion",
    "receptie",
    "recepcja",
    "concierge",
    "sales",
    "events",
    "groups",
    "noreply",
    "no-reply",
    "no_reply",
    "donotreply",
    "contact",
    "kontakt",
    "contacto",
    "contatti",
    "hello",
    "office",
    "support",
    "billing",
    "accounts",
    "invoices",
    "accounting",
    "buchhaltung",
    "privacy",
    "datenschutz",
    "dpo",
    "hotel",
    "guestservices",
    "guest.services",
    "revenue",
    "marketing",
    "postmaster",
    "webmaster",
    "admin",
];

/// Spoken or ASR-written address: `anna dot schmidt at gmail dot com`, `anna punkt schmidt ät
/// web punkt de`, `marie point dupont arobase orange point fr`, `mario punto rossi chiocciola
/// libero punto it`, `juan punto garcia arroba gmail punto com`.
static AT_WORD: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\s(?:at|ät|arobase|chiocciola|arroba|klammeraffe|apenstaartje|apestaart|małpa|malpa|małpka)\s|\s@\s|\s?[\[(]\s?at\s?[\])]\s?").ok()
});

static SPOKEN_DOT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\s(?:dot|punkt|point|punto|punt|kropka)\s|[\[(]\s?dot\s?[\])]").ok()
});

static SPOKEN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let sep = r"(?:\s*[\[(]\s?dot\s?[\])]\s*|\s+(?:dot|punkt|point|punto|punt|kropka|laag\s+streepje|podkreślnik|podkreslnik|underscore|unterstrich|tiret\s+bas|tiret|trattino\s+basso|trattino|guion\s+bajo|guión\s+bajo|guion|guión|barra\s+baja|dash|hyphen|minus|bindestrich|streepje|myślnik|myslnik)\s+|[._\-])";
    let dsep = r"(?:\s*[\[(]\s?dot\s?[\])]\s*|\s+(?:dot|punkt|point|punto|punt|kropka)\s+|\.)";
    let at = r"\s*(?:[\[(]\s?at\s?[\])]|\s(?:at|ät|arobase|chiocciola|arroba|klammeraffe|apenstaartje|apestaart|małpa|malpa|małpka)\s|@)\s*";
    let tld = r"(?:com|net|org|eu|de|fr|it|es|nl|be|at|ch|uk|ie|pt|pl|se|dk|no|fi|lu|cz|gr|hu|ro|sk|si|hr|bg|lt|lv|ee|mt|cy|is|li|mc|sm|info|io|co|biz|me|tv|app|dev|online|email|mail|name|pro|shop|travel)";
    let word = r"[\p{L}\p{N}]+";
    let dword = r"[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?";
    Regex::new(&format!(
        r"(?i){word}(?:{sep}{word}){{0,4}}{at}{dword}(?:{dsep}{dword}){{0,3}}{dsep}{tld}"
    ))
    .ok()
});

pub(crate) fn find(text: &str, out: &mut Vec<Finding>) {
    if text.contains('@')
        && let Some(re) = EMAIL.as_ref()
    {
        for m in re.find_iter(text) {
            let (mut start, mut end) = (m.start(), m.end());
            // Trim punctuation that cannot start an address.
            while text[start..end].starts_with(['.', '-']) {
                start += 1;
            }
            if char_at(text, end).is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            // `…@host.de` where the local part runs on from a longer token is still an address;
            // but a domain glued to more letters is not.
            while end > start && text[..end].ends_with('.') {
                end -= 1;
            }
            let local_len = text[start..end].find('@').unwrap_or(0);
            let local = text[start..start + local_len].to_lowercase();
            if ROLE_MAILBOXES.contains(&local.as_str()) {
                continue;
            }
            if start < end && local_len <= 64 && end - start <= 254 {
                out.push(Finding::new(start, end, EntityType::Email, 0.95));
            }
        }
    }
    if text.contains("%40")
        && let Some(re) = PERCENT.as_ref()
    {
        for m in re.find_iter(text) {
            if !char_at(text, m.end()).is_some_and(|c| c.is_alphanumeric()) {
                out.push(Finding::new(m.start(), m.end(), EntityType::Email, 0.9));
            }
        }
    }
    let (Some(re), Some(at)) = (SPOKEN.as_ref(), AT_WORD.as_ref()) else {
        return;
    };
    // The spoken form is only looked for around an "at" word, in a window of ±120 bytes.
    let mut done = 0;
    for a in at.find_iter(text) {
        if a.start() < done {
            continue;
        }
        let from = floor_boundary(text, a.start().saturating_sub(120)).max(done);
        let to = ceil_boundary(text, a.end() + 120);
        let window = &text[from..to];
        for m in re.find_iter(window) {
            let (start, end) = (from + m.start(), from + m.end());
            if end <= a.start() || start >= a.end() {
                continue;
            }
            let s = m.as_str();
            if s.contains('@') && !s.contains(char::is_whitespace) {
                continue; // plain address, found above
            }
            // "OAuth2 at identity.apaleo.com" is prose about a host: an English "at" needs a
            // spoken dot in the domain ("gmail dot com").
            let at_word = a.as_str().trim().to_lowercase();
            let domain = text.get(a.end()..end).unwrap_or("");
            if (at_word == "at" || at_word == "@")
                && !SPOKEN_DOT.as_ref().is_some_and(|d| d.is_match(domain))
            {
                continue;
            }
            if char_before(text, start).is_some_and(char::is_alphanumeric)
                || char_at(text, end).is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            out.push(Finding::new(start, end, EntityType::Email, 0.9));
            done = end;
        }
        done = done.max(a.end());
    }
}
