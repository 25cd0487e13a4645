//! Person names: values of known name fields (`"firstName": "Anna"`, `guest_name=Anna Schmidt`,
//! `"name"` inside a `"guest"` object) and names after cue phrases in English, German, French,
//! Italian and Spanish ("my name is", "Name:", "ich heiße", "je m'appelle", "mi chiamo", "me
//! llamo", "Mr.", "Frau", "Dear …", "Best regards,⏎…").

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::lexicon::months::{self, Lang};
use crate::lexicon::weekdays;
use crate::{EntityType, Finding};

/// Field names whose whole value is a person's name: one list, shared with the redactor.
use crate::fields::NAME_FIELDS as NAME_KEYS;

/// Generic field names that are a person's name only inside a guest-like object.
use crate::fields::GENERIC_NAME_FIELDS as GENERIC_NAME_KEYS;

/// Keys of objects that describe a person: one list, shared with the redactor.
use crate::fields::PERSON_PARENTS as PERSON_OBJECTS;

/// Words before an unquoted `name:` that make it a person's name.
const PERSON_NAME_PREFIX: &[&str] = &[
    "guest",
    "full",
    "first",
    "last",
    "your",
    "family",
    "given",
    "customer",
    "contact",
    "booker",
    "holder",
    "traveller",
    "traveler",
    "passenger",
    "my",
];

/// Words before an unquoted `name:` that make it something else's name.
const NOT_PERSON_NAME_PREFIX: &[&str] = &[
    "hotel", "room", "rate", "file", "user", "company", "property", "host", "product", "service",
    "device", "app", "event", "field", "type", "domain", "server", "street", "city", "plan",
    "package", "tag", "key", "column", "table", "metric", "queue", "topic", "vendor", "span",
    "target", "module", "crate", "test", "thread", "unit", "brand", "chain", "channel",
];

const STOP: &[&str] = &[
    // Polish and Dutch function words and call vocabulary (lower-case ASR after a cue).
    "jest",
    "nie",
    "się",
    "sie",
    "już",
    "juz",
    "tak",
    "czy",
    "że",
    "ze",
    "jak",
    "co",
    "tu",
    "tutaj",
    "mój",
    "moj",
    "moja",
    "moje",
    "mam",
    "chce",
    "chcę",
    "chciałbym",
    "chciałabym",
    "dzwonię",
    "dzwonie",
    "dzwoni",
    "prosi",
    "proszę",
    "prosze",
    "będzie",
    "bedzie",
    "przyjedzie",
    "dzień",
    "dzien",
    "dobry",
    "dziękuję",
    "dziekuje",
    "bardzo",
    "pokój",
    "pokoj",
    "rezerwacja",
    "rezerwację",
    "rezerwacji",
    "numer",
    "w",
    "z",
    "na",
    "do",
    "od",
    "o",
    "i",
    "a",
    "ten",
    "ta",
    "het",
    "een",
    "ik",
    "wij",
    "we",
    "niet",
    "voor",
    "met",
    "op",
    "aan",
    "bij",
    "dat",
    "die",
    "dit",
    "zijn",
    "heeft",
    "kamer",
    "boeking",
    "reservering",
    "graag",
    "even",
    "dank",
    "bedankt",
    "goedemiddag",
    "goedemorgen",
    "goedenavond",
    "hallo",
    "nee",
    "mijn",
    "bel",
    "over",
    "uh",
    "eh",
    "ehm",
    "euh",
    "um",
    "option",
    "string",
    "vec",
    "pii",
    "str",
    "self",
    "struct",
    "impl",
    "must",
    "should",
    "cannot",
    "required",
    "missing",
    "invalid",
    "empty",
    "too",
    "long",
    "short",
    "null",
    "i",
    "i'm",
    "im",
    "we",
    "you",
    "he",
    "she",
    "it",
    "they",
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "to",
    "from",
    "at",
    "in",
    "on",
    "for",
    "of",
    "with",
    "is",
    "am",
    "are",
    "was",
    "were",
    "be",
    "been",
    "calling",
    "speaking",
    "here",
    "there",
    "just",
    "not",
    "sure",
    "sorry",
    "hotel",
    "reception",
    "front",
    "desk",
    "room",
    "booking",
    "reservation",
    "reservations",
    "guest",
    "guests",
    "sir",
    "madam",
    "sirs",
    "team",
    "staff",
    "manager",
    "customer",
    "service",
    "all",
    "everyone",
    "everybody",
    "welcome",
    "thanks",
    "thank",
    "please",
    "hello",
    "hi",
    "hey",
    "dear",
    "good",
    "morning",
    "afternoon",
    "evening",
    "mr",
    "mrs",
    "ms",
    "dr",
    "ich",
    "wir",
    "sie",
    "du",
    "er",
    "es",
    "der",
    "die",
    "das",
    "den",
    "dem",
    "ein",
    "eine",
    "einen",
    "und",
    "oder",
    "aber",
    "mit",
    "zu",
    "im",
    "bei",
    "für",
    "hier",
    "gast",
    "gäste",
    "herr",
    "frau",
    "damen",
    "herren",
    "je",
    "nous",
    "vous",
    "il",
    "elle",
    "le",
    "la",
    "les",
    "un",
    "une",
    "et",
    "ou",
    "mais",
    "des",
    "à",
    "au",
    "aux",
    "pour",
    "avec",
    "chez",
    "ici",
    "madame",
    "monsieur",
    "mesdames",
    "messieurs",
    "client",
    "cliente",
    "clients",
    "io",
    "noi",
    "voi",
    "lui",
    "lei",
    "lo",
    "gli",
    "e",
    "o",
    "ma",
    "di",
    "da",
    "con",
    "per",
    "qui",
    "yo",
    "nosotros",
    "usted",
    "ustedes",
    "el",
    "los",
    "las",
    "y",
    "pero",
    "del",
    "para",
    "aquí",
    "aqui",
    "señor",
    "señora",
    "señores",
    "en",
    "te",
    "me",
    "mi",
    "my",
    "your",
    "our",
    "their",
    "his",
    "her",
    "its",
    "this",
    "that",
    "these",
    "those",
    "today",
    "tomorrow",
    "tonight",
    "yesterday",
    "sehr",
    "geehrte",
    "geehrter",
    "liebe",
    "lieber",
    "beste",
    "grüße",
    "gruesse",
    "regards",
    "best",
    "kind",
    "cordiali",
    "saluti",
    "saludos",
    "cordialement",
    "atentamente",
    "reservierung",
    "reservierungen",
    "réception",
    "recepción",
    "rezeption",
    "concierge",
    "management",
    "housekeeping",
    "direction",
    "no",
    "nicht",
    "pas",
    "non",
    "ringing",
    "writing",
    "looking",
    "trying",
    "going",
    "interested",
    "coming",
    "arriving",
    "staying",
    "checking",
    "phoning",
    "available",
    "happy",
    "glad",
    "afraid",
    "also",
    "auch",
    "aussi",
    "anche",
    "también",
    "very",
    "très",
    "molto",
    "muy",
    "already",
    "schon",
    "déjà",
    "già",
    "ya",
    "still",
    "noch",
    "encore",
    "ancora",
    "todavía",
    "so",
    "well",
    "yes",
    "ja",
    "oui",
    "sì",
    "si",
    "sí",
    "okay",
    "ok",
    "about",
    "over",
    "back",
    "again",
    "wieder",
    "de",
    "van",
    "von",
    "anrufen",
    "calling",
    "llamando",
    "chiamando",
    "appelle",
    "wondering",
    "ringing",
    "someone",
    "somebody",
    "jemand",
    "quelqu'un",
    "qualcuno",
    "alguien",
    "one",
    "two",
    "number",
    "nummer",
    "numéro",
    "numero",
    "número",
    "desde",
    "depuis",
    "dalla",
    "dal",
    "aus",
    "bin",
    "bist",
    "sono",
    "soy",
    "suis",
    "ist",
    "è",
    "est",
    "es",
    "who",
    "what",
    "wer",
    "qui",
    "chi",
    "quién",
    "quien",
    "guten",
    "tag",
    "bonjour",
    "buongiorno",
    "buenos",
    "días",
    "dias",
    "ciao",
    "hola",
    "salut",
    "hallo",
    "sincerely",
    "cheers",
    "yours",
    "faithfully",
    "viele",
    "freundlichen",
    "mfg",
    "distinti",
    "un",
    "una",
    "uno",
    "check",
    "checkin",
    "checkout",
    "arrival",
    "departure",
    "anreise",
    "abreise",
    "arrivée",
    "départ",
    "arrivo",
    "partenza",
    "llegada",
    "salida",
    "wifi",
    "breakfast",
    "frühstück",
    "parking",
    "night",
    "nights",
    "nacht",
    "nächte",
    "nuit",
    "nuits",
    "notte",
    "notti",
    "noche",
    "noches",
    "suite",
    "double",
    "single",
    "twin",
    "deluxe",
    "standard",
    "superior",
    "family",
    "junior",
    "executive",
    "business",
    "economy",
    "classic",
    "comfort",
    "premium",
    "apartment",
    "studio",
    "king",
    "queen",
    "hier",
    "ici",
    "qui",
    "aquí",
    "null",
    "true",
    "false",
    "none",
    "some",
    "unknown",
    "redacted",
    "anonymous",
    "n/a",
    "test",
    "christmas",
    "easter",
    "weihnachten",
    "ostern",
    "pâques",
    "natale",
    "pasqua",
    "navidad",
    "english",
    "german",
    "french",
    "italian",
    "spanish",
    "deutsch",
    "français",
    "italiano",
    "español",
    "english?",
    "euro",
    "euros",
    "visa",
    "mastercard",
    "amex",
    "paypal",
    "iban",
    "email",
    "e-mail",
    "mail",
    "date",
    "data",
    "fecha",
    "datum",
    "mon",
    "ma",
    "mein",
    "meine",
    "name",
    "nom",
    "nome",
    "nombre",
    "born",
    "geboren",
    "né",
    "née",
    "nato",
    "nata",
    "nacido",
    "nacida",
];

/// Words that end a name even right after an honorific ("Dear Mr and Mrs …").
const HONORIFIC_STOP: &[&str] = &[
    "and", "und", "et", "e", "y", "or", "oder", "ou", "o", "the", "a", "an", "der", "die", "das",
    "le", "la", "les", "il", "lo", "el", "los", "las", "of", "is", "ist", "est", "è", "es",
];

/// Values of name fields that are not names.
const PLACEHOLDERS: &[&str] = &[
    "null",
    "none",
    "unknown",
    "n/a",
    "na",
    "test",
    "redacted",
    "anonymous",
    "anonymised",
    "anonymized",
    "guest",
    "tbd",
    "tba",
    "-",
    "string",
];

static FIRST_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("first_names.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Verbs after a name: "Anna Schmidt will arrive late", "… kommt mit", "… arrivera", "… se une".
static AFTER_NAME: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)[ \t](?:will\s+(?:arrive|join|come|check\s+in|be\s+arriving)|arrives|is\s+(?:arriving|joining|coming)|joins|kommt|reist\s+(?:an|mit)|trifft|arrivera|arrive|rejoint|les\s+rejoint|nous\s+rejoint|arriverà|arriva|si\s+unisce|ci\s+raggiunge|llegará|llega|se\s+une|nos\s+acompaña)(?-u:\b)").ok()
});

static CAPITALISED: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?").ok());

const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "del", "della", "delle", "di", "da", "du", "des", "la", "le",
    "dos", "das", "ten", "ter", "zu", "y", "af", "av", "vom", "zur", "d'", "l'",
];

/// [`STOP`], the English and German month names ([`months::names`]; not the Polish ones:
/// `Maja` is a given name) and the weekdays of five languages ([`weekdays::names`]).
static STOP_SET: LazyLock<HashSet<String>> = LazyLock::new(|| {
    STOP.iter()
        .map(|w| (*w).to_owned())
        .chain(months::names(&[Lang::En, Lang::De]))
        // Not Dutch and Polish weekdays: `Piątek` is also a Polish surname.
        .chain(weekdays::names(&[
            Lang::En,
            Lang::De,
            Lang::Fr,
            Lang::It,
            Lang::Es,
        ]))
        .collect()
});

pub(crate) fn is_stop(w: &str) -> bool {
    let lower = w.to_lowercase();
    STOP_SET.contains(lower.as_str())
}

fn is_particle(w: &str) -> bool {
    PARTICLES.contains(&w)
}

/// Key-value pairs with a name-like key: JSON, logfmt, YAML, Rust `Debug`.
static KEY_VALUE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)(?-u:\b)(?P<key>[A-Za-z_\-]*name|[A-Za-z_\-]*holder|vorname|nachname|familienname|pr[eé]nom|nom|nome|cognome|apellidos?|nombre|surname|first|last|given|family|middle|voornaam|achternaam|tussenvoegsel|naam|imi[eę]|nazwisko|karteninhaber|kontoinhaber|inhaber|titulaire|titolare|intestatario|nominativo|titular|kaarthouder|fname|lname|nameoncard|[A-Za-z\-]*_fn|[A-Za-z\-]*_ln)(?P<q>\\?"?)[ \t]*[:=][ \t]*"#,
    )
    .ok()
});

/// Cue phrases before a name, one group per kind.
static CUES: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let strong = r"(?i:nazywam\s+si[ęe]|mam\s+na\s+imi[ęe]|moje\s+nazwisko\s+to|moje\s+imi[ęe]\s+to|nazwisko\s*:|imi[ęe]\s*:|mijn\s+naam\s+is|ik\s+heet|mijn\s+achternaam\s+is|naam\s*:|voornaam\s*:|achternaam\s*:|my\s+name\s+is|my\s+name's|the\s+name\s+is|name's|mein\s+name\s+ist|ich\s+hei(?:ß|ss)e|mein\s+name\s+lautet|je\s+m['’]appelle|mon\s+nom\s+est|mi\s+chiamo|il\s+mio\s+nome\s+[èe]|me\s+llamo|mi\s+nombre\s+es|under\s+the\s+name(?:\s+of)?|in\s+the\s+name\s+of|auf\s+den\s+namen|unter\s+dem\s+namen|au\s+nom\s+de|a\s+nome\s+di|a\s+nombre\s+de|booked\s+by|gebucht\s+von|réservé\s+par|prenotat[oa]\s+da|reservad[oa]\s+por|card\s*holder|karteninhaber(?:in)?|titulaire|titular|intestatari[oa]|account\s+holder|kontoinhaber(?:in)?|(?:guest|full|first|last)\s+name\s*:|surname\s*:|vorname\s*:|nachname\s*:|nom\s*:|nome\s*:|nombre\s*:|prénom\s*:|cognome\s*:|apellidos?\s*:)";
    let weak = r"(?i:this\s+is|it's|it\s+is|i\s+am|i'm|hier\s+ist|hier\s+spricht|ich\s+bin|je\s+suis|c'est|ici|sono|qui\s+è|soy|habla|le\s+habla|speaking\s+with|talking\s+to|ansprechpartner(?:in)?|contact\s+person|persona\s+di\s+contatto|persona\s+de\s+contacto)";
    let hon = r"(?:Mrs|Mr|Ms|Miss|Mx|Dr|Prof|Herr|Frau|Hr|Fr|Mme|Mlle|Monsieur|Madame|Mademoiselle|Sig\.ra|Sig\.na|Signorina|Signora|Signor|Sig|Dott\.ssa|Dott|Srta|Sra|Sr|Señorita|Señora|Señor|Doña|Don|Dhr|Mevrouw|Mevr|Meneer|Panią|Panem|Panu|Pana|Pani|Pan)\.?|M\.";
    // Lower-case ASR: a Polish form of address or a Dutch phone greeting before a name.
    let asr = r"(?:państwa|panstwa|panem|panią|panu|pana|pani|pan|(?:goedemiddag|goedemorgen|goedenavond|goeiedag|hallo|dag|ja)[ \t,]+met|u\s+spreekt\s+met|je\s+spreekt\s+met|z\s+tej\s+strony|mówi|meneer|mevrouw|mister|misses|herr|frau|signor|signora|señor|señora|senor|senora)";
    let sal = r"(?i:dear|hi|hello|hallo|lieber?|sehr\s+geehrter?|guten\s+tag|bonjour|cher|chère|salut|gentilissim[oa]|gentile|caro|cara|buongiorno|estimad[oa]|hola|querid[oa]|beste|geachte)";
    let sign = r"(?i:(?:best|kind|warm|warmest)\s+regards|regards|best\s+wishes|thanks|thank\s+you|cheers|sincerely|yours\s+sincerely|mit\s+freundlichen\s+grüßen|mit\s+freundlichen\s+gruessen|viele\s+grüße|beste\s+grüße|liebe\s+grüße|freundliche\s+grüße|mfg|bien\s+cordialement|cordialement|bien\s+à\s+vous|sincères\s+salutations|cordiali\s+saluti|distinti\s+saluti|saluti|un\s+saluto|saludos\s+cordiales|saludos|un\s+saludo|atentamente)[ \t]*[,.!]?[ \t]*(?:\r?\n|\\n)+[ \t]*";
    let with = r"(?i:travell?ing\s+with|together\s+with|accompanied\s+by|reise\s+mit|zusammen\s+mit|in\s+begleitung\s+von|voyage\s+avec|accompagnée?\s+de|viaggio\s+con|insieme\s+a|accompagnat[oa]\s+da|viajo\s+con|junto\s+con|acompañad[oa]\s+de|(?:reservation|booking|room)\s+for|reserved\s+for|booked\s+for|reservierung\s+für|buchung\s+für|zimmer\s+für|réservation\s+pour|chambre\s+pour|prenotazione\s+per|camera\s+per|reserva\s+para|habitación\s+para)";
    let ask = r"(?i:your\s+name|your\s+full\s+name|ihren\s+namen|ihr\s+name|votre\s+nom|il\s+suo\s+nome|su\s+nombre)[^\n?]{0,30}\?[ \t]*(?:\r?\n|\\n)[^\n:]{1,24}:[ \t]*";
    Regex::new(&format!(
        r"(?-u:\b)(?:(?P<strong>{strong})|(?P<sign>{sign})|(?P<weak>{weak})|(?P<hon>{hon})|(?P<sal>{sal})|(?P<with>{with})|(?P<ask>{ask})|(?P<asr>{asr}))"
    ))
    .ok()
});

fn norm_key(k: &str) -> String {
    k.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The key of the object or array that encloses byte `pos` of a JSON-like text (`"guest": {`)
/// or the type name of a Rust `Debug` struct (`Guest {`), lower-cased without `_`/`-`.
fn enclosing_key(text: &str, pos: usize) -> Option<String> {
    let bytes = text.as_bytes();
    let lo = pos.saturating_sub(4096);
    let mut depth = 0i32;
    let mut i = pos;
    let mut in_array_search = false;
    while i > lo {
        i -= 1;
        match bytes[i] {
            b'}' | b']' => depth += 1,
            b'{' | b'[' if depth > 0 => depth -= 1,
            open @ (b'{' | b'[') => {
                // Found the unmatched opener: look at what precedes it.
                let mut j = i;
                while j > 0 && bytes[j - 1].is_ascii_whitespace() {
                    j -= 1;
                }
                if j == 0 {
                    return None;
                }
                match bytes[j - 1] {
                    b':' | b'=' => {
                        let mut k = j - 1;
                        while k > 0 && bytes[k - 1].is_ascii_whitespace() {
                            k -= 1;
                        }
                        let end = if k > 0 && bytes[k - 1] == b'"' {
                            k - 1
                        } else {
                            k
                        };
                        let mut s = end;
                        while s > 0
                            && (bytes[s - 1].is_ascii_alphanumeric()
                                || bytes[s - 1] == b'_'
                                || bytes[s - 1] == b'-')
                        {
                            s -= 1;
                        }
                        return text.get(s..end).map(norm_key);
                    }
                    b',' | b'[' if open == b'{' => {
                        // An object inside an array: continue to the array's opener.
                        in_array_search = true;
                        i = j;
                        continue;
                    }
                    c if open == b'{'
                        && !in_array_search
                        && (c.is_ascii_alphanumeric() || c == b'_') =>
                    {
                        let end = j;
                        let mut s = end;
                        while s > 0
                            && (bytes[s - 1].is_ascii_alphanumeric() || bytes[s - 1] == b'_')
                        {
                            s -= 1;
                        }
                        return text.get(s..end).map(norm_key);
                    }
                    _ => return None,
                }
            }
            _ => {}
        }
    }
    None
}

/// How the words after a cue are read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Capitalised words only.
    Capitalised,
    /// Lower-case words too (after "my name is", in a name field): ASR output is often lower case.
    AnyCase,
    /// Capitalised words, or exactly two or three lower-case words closed by punctuation
    /// ("hi, I am marion howard, I'd like …").
    LowerIfClosed,
}

/// Reads up to `max_words` name words starting at `pos` (after optional punctuation and an
/// honorific). Returns the byte span of the name.
fn take_name(
    text: &str,
    pos: usize,
    mode: Mode,
    max_words: usize,
    after_honorific: bool,
) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = pos;
    // Skip punctuation and spaces (not newlines) between the cue and the name.
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b':' | b'"' | b'\'' | b'*' | b'=') {
        i += 1;
    }
    let mut start: Option<usize> = None;
    let mut end = i;
    let mut words = 0;
    let mut lower_words = 0;
    let mut pending_particles = 0;
    let mut skipped_honorific = after_honorific;
    loop {
        // Read one word: letters, apostrophes, hyphens.
        let w_start = i;
        let mut j = i;
        for (k, c) in text[i..].char_indices() {
            if c.is_alphabetic() || ((c == '\'' || c == '’' || c == '-') && k > 0) {
                j = i + k + c.len_utf8();
            } else {
                break;
            }
        }
        if j == w_start {
            break;
        }
        let w = text[w_start..j].trim_end_matches(['-', '\'', '’']);
        let w_end = w_start + w.len();
        if w.is_empty() {
            break;
        }
        // "name=" / "room:" – the next key starts.
        if matches!(bytes.get(w_end), Some(b'=') | Some(b':')) && words > 0 {
            break;
        }
        let first = w.chars().next().unwrap_or('a');
        let capital = first.is_uppercase();
        if words == 0 && !skipped_honorific && is_honorific(w) {
            skipped_honorific = true;
            let mut k = w_end;
            if bytes.get(k) == Some(&b'.') {
                k += 1;
            }
            while k < bytes.len() && matches!(bytes[k], b' ' | b'\t') {
                k += 1;
            }
            i = k;
            continue;
        }
        let stop = if skipped_honorific {
            HONORIFIC_STOP.contains(&w.to_lowercase().as_str())
        } else {
            is_stop(w)
        };
        if capital && !stop && !(words == 0 && w.chars().count() < 2) && lower_words == 0 {
            if start.is_none() {
                start = Some(w_start);
            }
            words += 1;
            pending_particles = 0;
            end = w_end;
        } else if words > 0 && is_particle(w) && pending_particles < 2 {
            pending_particles += 1;
        } else if !capital
            && mode != Mode::Capitalised
            && !stop
            && !is_particle(w)
            && w.chars().count() >= 2
            && words == lower_words
            && words < 3
        {
            if start.is_none() {
                start = Some(w_start);
            }
            words += 1;
            lower_words += 1;
            end = w_end;
        } else {
            break;
        }
        if words >= max_words {
            break;
        }
        // Single initial: "Anna M. Schmidt"
        let mut k = w_end;
        if bytes.get(k) == Some(&b'.') && w.chars().count() == 1 {
            k += 1;
            end = k;
        }
        if !matches!(bytes.get(k), Some(b' ') | Some(b'\t')) {
            break;
        }
        while k < bytes.len() && matches!(bytes[k], b' ' | b'\t') {
            k += 1;
        }
        i = k;
    }
    let start = start?;
    if mode == Mode::LowerIfClosed && lower_words > 0 {
        // Closed by punctuation, or by a word that follows a name in a phone call's opening
        // ("this is tom becker calling about …").
        let next_word: String = text[end..]
            .trim_start_matches([' ', '\t'])
            .chars()
            .take_while(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        let closed = matches!(
            bytes.get(end),
            None | Some(b',' | b'.' | b'\n' | b'\r' | b'!' | b'?')
        ) || matches!(
            next_word.as_str(),
            "calling"
                | "ringing"
                | "phoning"
                | "here"
                | "speaking"
                | "from"
                | "hier"
                | "ici"
                | "qui"
                | "aqui"
                | "aquí"
                | "tutaj"
                | "dzwonię"
                | "dzwonie"
                | "bel"
                | "chiamo"
                | "llamo"
                | "appelle"
        );
        let suspicious = text[start..end]
            .split_whitespace()
            .any(|w| w.ends_with("ing") || w.ends_with("ed") || w.ends_with("ly"));
        if lower_words < 2 || !closed || suspicious {
            return None;
        }
    }
    (end > start).then_some((start, end))
}

fn is_honorific(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs"
            | "Ms"
            | "Miss"
            | "Mx"
            | "Dr"
            | "Prof"
            | "Herr"
            | "Frau"
            | "Hr"
            | "Fr"
            | "M"
            | "Mme"
            | "Mlle"
            | "Monsieur"
            | "Madame"
            | "Mademoiselle"
            | "Sig"
            | "Signor"
            | "Signora"
            | "Signorina"
            | "Dott"
            | "Sr"
            | "Sra"
            | "Srta"
            | "Señor"
            | "Señora"
            | "Señorita"
            | "Don"
            | "Doña"
            | "Dhr"
            | "Mevr"
            | "Meneer"
            | "Mevrouw"
            | "mr"
            | "mrs"
            | "ms"
            | "herr"
            | "frau"
            | "monsieur"
            | "madame"
            | "signor"
            | "signora"
            | "señor"
            | "señora"
    )
}

/// A quoted value of a name field: the whole string unless it is empty, a placeholder or an
/// already redacted value.
fn quoted_value(text: &str, pos: usize) -> Option<(usize, usize)> {
    let rest = text.get(pos..)?;
    // A quoted value, or one inside a JSON string (a logged payload: `\"Schmidt\"`), where
    // the quotes themselves are escaped.
    let (body, open) = match rest.strip_prefix("\\\"") {
        Some(body) => (body, 2),
        None => (rest.strip_prefix('"')?, 1),
    };
    let mut end = None;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        if open == 2 && body[i..].starts_with("\\\"") {
            end = Some(i);
            break;
        }
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '"' {
            end = Some(i);
            break;
        }
        if i > 200 {
            return None;
        }
    }
    let end = end?;
    let value = &body[..end];
    let trimmed = value.trim();
    if trimmed.is_empty()
        || !trimmed.chars().any(char::is_alphabetic)
        || trimmed.starts_with(['<', '[', '*', '{', '$'])
        || PLACEHOLDERS.contains(&trimmed.to_lowercase().as_str())
    {
        return None;
    }
    let lead = value.len() - value.trim_start().len();
    let s = pos + open + lead;
    Some((s, s + trimmed.len()))
}

/// A name spelled letter by letter: `n o w a k`, `j-o-s-é`, `N. O. W. A. K.` (three or more
/// single letters).
static SPELLED: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^\p{L}\p{N}'’])(?P<s>\p{L}(?:(?:[ \-]|\. ?)\p{L}){2,}\.?)(?:$|[^\p{L}\p{N}])",
    )
    .ok()
});

fn spelled(text: &str, out: &mut Vec<Finding>) {
    let Some(re) = SPELLED.as_ref() else { return };
    let mut pos = 0;
    while let Some(caps) = re.captures_at(text, pos) {
        let Some(m) = caps.name("s") else { break };
        pos = m.end();
        // A company's legal form written with dots (`S.A.S.`, `S.L.U.`) is not a spelled name.
        let letters: String = m
            .as_str()
            .chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        if m.as_str().contains('.') && COMPANY_FORMS.contains(&letters.as_str()) {
            continue;
        }
        out.push(Finding::new(m.start(), m.end(), EntityType::Person, 0.6));
    }
}

/// Words before a proper name that make it a place, a building or a business, not a person:
/// `Via Giuseppe Verdi`, `chiesa di San Giovanni`, `Hotel Santa Maria Novella`, `Suite Anna`.
const PLACE_NOUNS: &[&str] = &[
    "via",
    "viale",
    "piazza",
    "piazzale",
    "corso",
    "largo",
    "vicolo",
    "rue",
    "avenue",
    "boulevard",
    "bd",
    "place",
    "quai",
    "allée",
    "chemin",
    "calle",
    "avenida",
    "avda",
    "vial",
    "c",
    "acceso",
    "alameda",
    "pasadizo",
    "cañada",
    "callejón",
    "callejon",
    "polígono",
    "poligono",
    "bajada",
    "barrio",
    "route",
    "rotonda",
    "traversa",
    "salita",
    "discesa",
    "sentiero",
    "camino",
    "ronda",
    "glorieta",
    "pasaje",
    "travesía",
    "travesia",
    "carretera",
    "cuesta",
    "urbanización",
    "urbanizacion",
    "rúa",
    "rua",
    "contrada",
    "borgo",
    "lungomare",
    "strada",
    "impasse",
    "cours",
    "passage",
    "plaza",
    "paseo",
    "carrer",
    "rambla",
    "straße",
    "strasse",
    "str",
    "platz",
    "weg",
    "allee",
    "gasse",
    "ring",
    "ulica",
    "ul",
    "plac",
    "aleja",
    "al",
    "osiedle",
    "straat",
    "laan",
    "plein",
    "gracht",
    "kade",
    "singel",
    "street",
    "road",
    "square",
    "lane",
    "church",
    "chiesa",
    "kirche",
    "église",
    "eglise",
    "iglesia",
    "kerk",
    "kościół",
    "kosciol",
    "katedra",
    "santa",
    "san",
    "santo",
    "sankt",
    "st",
    "saint",
    "sainte",
    "santi",
    "hotel",
    "hôtel",
    "albergo",
    "hostal",
    "pension",
    "suite",
    "museo",
    "museum",
    "musée",
    "stazione",
    "station",
    "teatro",
    "theater",
    "théâtre",
    "ponte",
    "porta",
    "duomo",
    "basilica",
    "basilique",
    "cattedrale",
    "cathedral",
    "cathédrale",
    "dom",
    "palazzo",
    "palais",
    "villa",
    "ristorante",
    "restaurant",
    "caffè",
    "café",
    "bar",
    "galleria",
    "gallery",
    "park",
    "parc",
    "parco",
    "parque",
    "jardin",
    "giardino",
    "bahnhof",
    "flughafen",
    "aeroporto",
    "aéroport",
    "aeropuerto",
    "luchthaven",
    "lotnisko",
    "spa",
    "salle",
    "sala",
    "saal",
    "zaal",
    "room",
    "zimmer",
    "chambre",
    "camera",
    "habitación",
    "kamer",
    "pokój",
];

pub(crate) fn after_place_noun(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t', '.']);
    let prev_raw = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let rest = before.get(..before.len() - prev_raw.len()).unwrap_or("");
    let prev = prev_raw.to_lowercase();
    let prev2 = rest
        .trim_end_matches([' ', '\t', '.'])
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    PLACE_NOUNS.contains(&prev.as_str())
        || (matches!(
            prev.as_str(),
            "di" | "de" | "del" | "della" | "des" | "du" | "von" | "van"
        ) && PLACE_NOUNS.contains(&prev2.as_str()))
}

/// Legal forms of companies (and the words of "… et Fils", "… & Co."): a name right before one
/// is a company's name (`Heinz Schaaf GmbH`, `Mathieu Roussel S.A.S.`).
const COMPANY_FORMS: &[&str] = &[
    "gmbh",
    "ag",
    "kg",
    "kgaa",
    "ohg",
    "ug",
    "ev",
    "eg",
    "sa",
    "sas",
    "sasu",
    "sarl",
    "eurl",
    "snc",
    "sca",
    "srl",
    "srls",
    "spa",
    "sapa",
    "sas",
    "sl",
    "slu",
    "sll",
    "slne",
    "scp",
    "scoop",
    "scom",
    "sc",
    "sat",
    "sau",
    "bv",
    "nv",
    "vof",
    "cv",
    "ltd",
    "plc",
    "llc",
    "llp",
    "inc",
    "corp",
    "sp",
    "spzoo",
    "co",
    "cie",
    "fils",
    "figli",
    "hijos",
    "söhne",
    "sohne",
    "sons",
    "partner",
    "partners",
    "associati",
    "associés",
    "associes",
    "asociados",
];

/// Whether a company's legal form (or `& Co.`, `et Fils`) follows `end`.
fn before_company_form(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches([' ', '\t', ',']);
    // Short forms (`SA`, `AG`, `S.L.`) count only written as such: `sa` is also a word.
    let form = |w: &str| {
        let letters: String = w
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let short_word =
            letters.len() <= 2 && !w.contains('.') && !w.chars().any(char::is_uppercase);
        (letters, short_word)
    };
    let mut words = rest.split_whitespace().take(2);
    let (first, first_short) = form(words.next().unwrap_or(""));
    if !first_short && COMPANY_FORMS.contains(&first.as_str()) {
        return true;
    }
    let joiner = matches!(first.as_str(), "et" | "e" | "y" | "und" | "and" | "en")
        || first.is_empty() && rest.starts_with('&');
    joiner
        && words.next().is_some_and(|w| {
            let (second, short) = form(w);
            !short && COMPANY_FORMS.contains(&second.as_str())
        })
}

/// Whether the last word of the span (with what is glued to it: `S` + `.A.S.`) is a legal form
/// (`Heinz Schaaf GmbH`, `Mathieu Roussel S.A.S.`).
fn ends_in_company_form(text: &str, start: usize, end: usize) -> bool {
    let from = text[start..end].rfind(' ').map_or(start, |i| start + i + 1);
    let to = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    text.get(from..to)
        .is_some_and(|w| before_company_form(w, 0))
}

pub(crate) fn find(text: &str, out: &mut Vec<Finding>) {
    spelled(text, out);
    key_values(text, out);
    let from = out.len();
    cues(text, out);
    known_first_names(text, out);
    super::names::find(text, out);
    before_verbs(text, out);
    let mut i = from;
    while i < out.len() {
        let f = out[i];
        let cue_less = f.score <= 0.55;
        if f.entity == EntityType::Person
            && (after_place_noun(text, f.start)
                || cue_less
                    && (before_company_form(text, f.end)
                        || ends_in_company_form(text, f.start, f.end)
                        || super::names::after_house_number(text, f.start)))
        {
            out.remove(i);
        } else {
            i += 1;
        }
    }
}

/// Two or three capitalised words right before a verb like "will arrive" / "kommt mit".
fn before_verbs(text: &str, out: &mut Vec<Finding>) {
    let Some(re) = AFTER_NAME.as_ref() else {
        return;
    };
    for m in re.find_iter(text) {
        let end = m.start();
        // Walk back over up to three capitalised words (and particles between them).
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut pos = end;
        while words.len() < 4 {
            let before = &text[..pos];
            let w_end = before.trim_end_matches([' ', '\t']).len();
            if w_end == pos && !words.is_empty() {
                break;
            }
            let w_start = before[..w_end]
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_alphabetic() || *c == '-' || *c == '\'' || *c == '’')
                .last()
                .map_or(w_end, |(i, _)| i);
            if w_start == w_end {
                break;
            }
            let w = &text[w_start..w_end];
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            if capital && !is_stop(w) {
                words.push((w_start, w_end));
            } else if !is_particle(w) || words.is_empty() {
                break;
            }
            pos = w_start;
        }
        if words.len() >= 2 {
            let s = words.last().map_or(end, |w| w.0);
            let e = words.first().map_or(end, |w| w.1);
            out.push(Finding::new(s, e, EntityType::Person, 0.55));
        }
    }
}

fn key_values(text: &str, out: &mut Vec<Finding>) {
    let Some(re) = KEY_VALUE.as_ref() else { return };
    for caps in re.captures_iter(text) {
        let (Some(m), Some(key)) = (caps.get(0), caps.name("key")) else {
            continue;
        };
        let quoted_key =
            caps.name("q").is_some_and(|q| !q.is_empty()) || text[..key.start()].ends_with('"');
        let k = norm_key(key.as_str());
        let known = NAME_KEYS.contains(&k.as_str());
        let generic = GENERIC_NAME_KEYS.contains(&k.as_str());
        if !known && !generic {
            continue;
        }
        let mut score = 0.9;
        let mut allow_lower = true;
        if generic {
            let encl = enclosing_key(text, key.start());
            let in_person = encl.as_deref().is_some_and(|e| PERSON_OBJECTS.contains(&e));
            if !in_person {
                // Free text "Name: Anna Schmidt" (not a JSON key, not "Hotel name:").
                if quoted_key || !matches!(k.as_str(), "name" | "nom" | "nome" | "nombre") {
                    continue;
                }
                let before = text[..key.start()].trim_end().to_lowercase();
                let prev_word = before
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                if NOT_PERSON_NAME_PREFIX.contains(&prev_word) || before.ends_with(['.', '_']) {
                    continue;
                }
                // A form label is "Name:" or "Guest name:"; a lower-case `name:` is a YAML or
                // struct field (a vendor's, a room type's name).
                let capital_key = key.as_str().chars().next().is_some_and(char::is_uppercase);
                if !capital_key && !PERSON_NAME_PREFIX.contains(&prev_word) {
                    continue;
                }
                score = 0.7;
                allow_lower = false;
            }
        }
        let mut vpos = m.end();
        if text[key.end()..]
            .trim_start_matches(['"', ' ', '\t'])
            .starts_with("==")
            || text[vpos..].starts_with('=')
        {
            continue; // a comparison in code, not a field
        }
        // Rust `Debug` of an `Option<String>`: `first_name: Some("Anna")`.
        if text[vpos..].starts_with("Some(\"") || text[vpos..].starts_with("Some(\\\"") {
            vpos += "Some(".len();
        }
        // Lower-case values only in logfmt (`guest_name=anna`): after a colon, lower case is
        // prose or code (`last_name: must not be empty`, `lastname:desc`).
        let colon = text[key.end()..vpos].contains(':');
        let mode = if allow_lower && !colon {
            Mode::AnyCase
        } else {
            Mode::Capitalised
        };
        let span = if text[vpos..].starts_with('"') || text[vpos..].starts_with("\\\"") {
            quoted_value(text, vpos)
        } else {
            take_name(text, vpos, mode, 4, false)
        };
        if let Some((s, e)) = span {
            out.push(Finding::new(s, e, EntityType::Person, score));
        }
    }
}

fn cues(text: &str, out: &mut Vec<Finding>) {
    let Some(re) = CUES.as_ref() else { return };
    for caps in re.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        let is = |g: &str| caps.name(g).is_some();
        let (mode, score, max_words) = if is("strong") {
            (Mode::AnyCase, 0.85, 4)
        } else if is("ask") {
            (Mode::LowerIfClosed, 0.75, 3)
        } else if is("weak") {
            (Mode::LowerIfClosed, 0.6, 3)
        } else if is("hon") {
            // The honorific must be a word of its own ("Mr Smith", "M. Dupont").
            let after = text[m.end()..].chars().next();
            if !after.is_some_and(|c| c == ' ' || c == '\t') && !m.as_str().ends_with('.') {
                continue;
            }
            (Mode::Capitalised, 0.8, 3)
        } else if is("sal") {
            (Mode::Capitalised, 0.7, 3)
        } else if is("with") {
            (Mode::Capitalised, 0.65, 3)
        } else if is("asr") {
            (Mode::AnyCase, 0.7, 2)
        } else {
            (Mode::Capitalised, 0.6, 3)
        };
        // The cue must end at a word boundary ("Ich bin" but not "Ich binde").
        if !is("hon") && !is("sign") && !is("ask") {
            let next = text[m.end()..].chars().next();
            if next.is_some_and(char::is_alphanumeric) {
                continue;
            }
        }
        if let Some((s, e)) = take_name(text, m.end(), mode, max_words, is("hon")) {
            out.push(Finding::new(s, e, EntityType::Person, score));
        }
    }
}

/// A common given name followed by one or two capitalised words ("Anna Schmidt will arrive").
fn known_first_names(text: &str, out: &mut Vec<Finding>) {
    let Some(re) = CAPITALISED.as_ref() else {
        return;
    };
    let mut next_free = 0;
    for m in re.find_iter(text) {
        if m.start() < next_free {
            continue;
        }
        if text[..m.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric())
        {
            continue;
        }
        let lower = m.as_str().to_lowercase();
        let first_part = lower.split('-').next().unwrap_or("");
        if !FIRST_NAMES.contains(lower.as_str()) && !FIRST_NAMES.contains(first_part) {
            continue;
        }
        if let Some((s, e)) = take_name(text, m.start(), Mode::Capitalised, 3, false)
            && text[s..e].split_whitespace().count() >= 2
        {
            out.push(Finding::new(s, e, EntityType::Person, 0.5));
            next_free = e;
        }
    }
}
