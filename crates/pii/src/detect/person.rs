//! Person names: values of known name fields (`"firstName": "Anna"`, `guest_name=Anna Schmidt`,
//! `"name"` inside a `"guest"` object) and names after cue phrases in English, German, French,
//! Italian and Spanish ("my name is", "Name:", "ich heiße", "je m'appelle", "mi chiamo", "me
//! llamo", "Mr.", "Frau", "Dear …", "Best regards,⏎…").

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use regex::{Regex, RegexSet};

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
    // Fillers, politeness and time words of calls in the seven languages: never part of a name
    // after a cue (`auf den namen schneider bitte`, `a nome di rossi grazie`).
    "äh",
    "ähm",
    "hm",
    "hmm",
    "mhm",
    "erm",
    "yyy",
    "eee",
    "emm",
    "bitte",
    "danke",
    "wegen",
    "gestern",
    "heute",
    "morgen",
    "merci",
    "hier",
    "aujourd'hui",
    "demain",
    "grazie",
    "prego",
    "ieri",
    "oggi",
    "domani",
    "por",
    "favor",
    "gracias",
    "ayer",
    "hoy",
    "mañana",
    "manana",
    "alstublieft",
    "gisteren",
    "vandaag",
    "wczoraj",
    "dzisiaj",
    "jutro",
    "dziś",
    "dzis",
    "because",
    "called",
    "call",
    "weil",
    "parce",
    "perché",
    "perche",
    "porque",
    "omdat",
    "bo",
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

static FIRST_NAMES: LazyLock<HashSet<&'static str, fnv::FnvBuildHasher>> = LazyLock::new(|| {
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
static STOP_SET: LazyLock<HashSet<String, fnv::FnvBuildHasher>> = LazyLock::new(|| {
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
    // ASCII words (most) are lower-cased on the stack, or looked up as they are.
    if w.is_ascii() {
        let b = w.as_bytes();
        if !b.iter().any(u8::is_ascii_uppercase) {
            return STOP_SET.contains(w);
        }
        let mut buf = [0u8; 32];
        let Some(dst) = buf.get_mut(..b.len()) else {
            return STOP_SET.contains(w.to_ascii_lowercase().as_str());
        };
        for (d, s) in dst.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        return std::str::from_utf8(dst).is_ok_and(|l| STOP_SET.contains(l));
    }
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

/// The kinds of cue phrases before a name, in the priority order of [`CUES`]'s alternation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cue {
    Strong,
    Sign,
    Weak,
    Hon,
    Sal,
    With,
    Ask,
    Asr,
}

const CUE_STRONG: &str = r"(?i:nazywam\s+si[ęe]|mam\s+na\s+imi[ęe]|moje\s+nazwisko\s+to|moje\s+imi[ęe]\s+to|nazwisko\s*:|imi[ęe]\s*:|mijn\s+naam\s+is|ik\s+heet|mijn\s+achternaam\s+is|naam\s*:|voornaam\s*:|achternaam\s*:|my\s+name\s+is|my\s+name's|the\s+name\s+is|name's|mein\s+name\s+ist|ich\s+hei(?:ß|ss)e|mein\s+name\s+lautet|je\s+m['’]appelle|mon\s+nom\s+est|mi\s+chiamo|il\s+mio\s+nome\s+[èe]|me\s+llamo|mi\s+nombre\s+es|under\s+the\s+name(?:\s+of)?|in\s+the\s+name\s+of|(?:sur|last\s+|family\s+)name\s+is|my\s+(?:sur|last\s+|family\s+|first\s+)name['’]s|(?:nach|vor|familien)name\s+ist|nom\s+de\s+famille\s+(?:est|c['’]est)|pr[ée]nom\s+(?:est|c['’]est)|cognome\s+(?:è|e)|apellido\s+es|(?:achter|voor)naam\s+is|op\s+naam\s+van|na\s+nazwisko|nazwisko\s+to|booking\s+under|booked\s+under|reservation\s+under|auf\s+den\s+namen|unter\s+dem\s+namen|au\s+nom\s+de|a\s+nome\s+di|a\s+nombre\s+de|booked\s+by|gebucht\s+von|réservé\s+par|prenotat[oa]\s+da|reservad[oa]\s+por|card\s*holder|karteninhaber(?:in)?|titulaire|titular|intestatari[oa]|account\s+holder|kontoinhaber(?:in)?|(?:guest|full|first|last)\s+name\s*:|surname\s*:|vorname\s*:|nachname\s*:|nom\s*:|nome\s*:|nombre\s*:|prénom\s*:|cognome\s*:|apellidos?\s*:)";
const CUE_WEAK: &str = r"(?i:this\s+is|it's|it’s|it\s+is|you['’]re\s+speaking\s+with|you\s+are\s+speaking\s+with|sie\s+sprechen\s+mit|vous\s+parlez\s+(?:avec|à)|sta\s+parlando\s+con|parla\s+con|está\s+hablando\s+con|habla\s+con|signed\s+by|unterschrieben\s+von|signé\s+par|firmato\s+da|firmado\s+por|getekend\s+door|podpisan[ya]\s+przez|i\s+am|i'm|hier\s+ist|hier\s+spricht|ich\s+bin|je\s+suis|c'est|ici|sono|qui\s+è|soy|habla|le\s+habla|speaking\s+with|talking\s+to|ansprechpartner(?:in)?|contact\s+person|persona\s+di\s+contatto|persona\s+de\s+contacto)";
const CUE_HON: &str = r"(?:Mrs|Mr|Ms|Miss|Mx|Dr|Prof|Herr|Frau|Hr|Fr|Mme|Mlle|Monsieur|Madame|Mademoiselle|Sig\.ra|Sig\.na|Signorina|Signora|Signor|Sig|Dott\.ssa|Dott|Srta|Sra|Sr|Señorita|Señora|Señor|Doña|Don|Dhr|Mevrouw|Mevr|Meneer|Panią|Panem|Panu|Pana|Pani|Pan)\.?|M\.";
/// Lower-case ASR: a Polish form of address or a Dutch phone greeting before a name.
const CUE_ASR: &str = r"(?:mrs|mr|państwa|panstwa|panem|panią|panu|pana|pani|pan|(?:goedemiddag|goedemorgen|goedenavond|goeiedag|hallo|dag|ja)[ \t,]+met|u\s+spreekt\s+met|je\s+spreekt\s+met|z\s+tej\s+strony|mówi|meneer|mevrouw|mister|misses|herr|frau|signor|signora|señor|señora|senor|senora)";
const CUE_SAL: &str = r"(?i:dear|hi|hello|hallo|lieber?|sehr\s+geehrter?|guten\s+tag|bonjour|cher|chère|salut|gentilissim[oa]|gentile|caro|cara|buongiorno|estimad[oa]|hola|querid[oa]|beste|geachte)";
const CUE_SIGN: &str = r"(?i:(?:best|kind|warm|warmest)\s+regards|regards|best\s+wishes|thanks|thank\s+you|cheers|sincerely|yours\s+sincerely|mit\s+freundlichen\s+grüßen|mit\s+freundlichen\s+gruessen|viele\s+grüße|beste\s+grüße|liebe\s+grüße|freundliche\s+grüße|mfg|bien\s+cordialement|cordialement|bien\s+à\s+vous|sincères\s+salutations|cordiali\s+saluti|distinti\s+saluti|saluti|un\s+saluto|saludos\s+cordiales|saludos|un\s+saludo|atentamente)[ \t]*[,.!]?[ \t]*(?:\r?\n|\\n)+[ \t]*";
const CUE_WITH: &str = r"(?i:travell?ing\s+with|together\s+with|accompanied\s+by|reise\s+mit|zusammen\s+mit|in\s+begleitung\s+von|voyage\s+avec|accompagnée?\s+de|viaggio\s+con|insieme\s+a|accompagnat[oa]\s+da|viajo\s+con|junto\s+con|acompañad[oa]\s+de|(?:reservation|booking|room)\s+for|reserved\s+for|booked\s+for|reservierung\s+für|buchung\s+für|zimmer\s+für|réservation\s+pour|chambre\s+pour|prenotazione\s+per|camera\s+per|reserva\s+para|habitación\s+para)";
const CUE_ASK: &str = r"(?i:your\s+name|your\s+full\s+name|ihren\s+namen|ihr\s+name|votre\s+nom|il\s+suo\s+nome|su\s+nombre)[^\n?]{0,30}\?[ \t]*(?:\r?\n|\\n)[^\n:]{1,24}:[ \t]*";

/// The patterns of the cue kinds, in the order of [`Cue`] (and of [`CUES`]'s alternation).
const CUE_KINDS: [(Cue, &str); 8] = [
    (Cue::Strong, CUE_STRONG),
    (Cue::Sign, CUE_SIGN),
    (Cue::Weak, CUE_WEAK),
    (Cue::Hon, CUE_HON),
    (Cue::Sal, CUE_SAL),
    (Cue::With, CUE_WITH),
    (Cue::Ask, CUE_ASK),
    (Cue::Asr, CUE_ASR),
];

/// Cue phrases before a name, one alternative per kind.
static CUES: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let alternatives: Vec<String> = CUE_KINDS.iter().map(|(_, p)| format!("(?:{p})")).collect();
    Regex::new(&format!(r"(?-u:\b)(?:{})", alternatives.join("|"))).ok()
});

/// Each kind's pattern matching a whole string: the kind of a [`CUES`] match is the first kind
/// whose pattern matches the matched text whole. (The kinds have no look-around, so a kind
/// before the chosen one cannot match that text whole: it would have matched at the same start
/// and been chosen. Cheaper than resolving capture groups for every match.)
static CUE_KIND_SET: LazyLock<Option<RegexSet>> =
    LazyLock::new(|| RegexSet::new(CUE_KINDS.iter().map(|(_, p)| format!("^(?:{p})$"))).ok());

/// The kind of the cue phrase `matched` (the text of a [`CUES`] match).
fn cue_kind(matched: &str) -> Option<Cue> {
    let set = CUE_KIND_SET.as_ref()?;
    let first = set.matches(matched).iter().next()?;
    CUE_KINDS.get(first).map(|(k, _)| *k)
}

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

/// Words that introduce a name only when a listed name (or a declined Polish one) follows:
/// lower-case ASR introductions (`met sanne`, `tu kasia`, `its sophie`; the Dutch `met` is also
/// "with", `tu` also "you"), thanks and greetings (`danke jana tschüss`), the receptionist
/// (`reception charlotte speaking`, `le atiende ion`), companions (`my wife maria`, `mit meiner
/// frau petra`, `z moją żoną anną`, `für mich und finn`) and name words (`a nome moretti nome
/// mei`). Kept apart from [`CUES`]: its short words would slow down that pattern for every text.
static LONE_CUES: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let intro = r"met|tu|its|thanks|thank\s+you|danke|merci|grazie|gracias|bedankt|dank\s+(?:je|u)(?:\s+wel)?|dziękuję|dzięki|hi|hello|hallo|ciao|hola|reception|rezeption|réception|receptie|recepcja|recepción|ricevimento|le\s+atiende|parla|(?:me|mich|moi|mí|mi|mij|mnie)\s+(?:and|und|et|e|y|en|i)|a\s+nome|(?:reservierung|buchung)(?:\s+ist)?\s+auf|nombre|vorname|voornaam|prénom|imię|nome";
    let companions = r"(?:my|our)\s+(?:wife|husband|son|daughter|partner|colleague|friend|boss|mother|father|mum|mom|dad|sister|brother|girlfriend|boyfriend|fiancée?)|(?:mit\s+)?(?:meine[mr]?|unsere[mr]?)\s+(?:frau|mann|ehemann|ehefrau|tochter|sohn|kollegin|kollegen?|partnerin|partner|freundin|freund|mutter|vater|schwester|bruder|chefin|chef)|(?:avec\s+)?(?:ma|mon|notre)\s+(?:femme|épouse|mari|fils|fille|collègue|amie?|mère|père|sœur|soeur|frère|copine|copain|compagne|compagnon)|(?:con\s+)?(?:mia|mio|la\s+mia|il\s+mio|nostr[oa])\s+(?:moglie|marito|figlio|figlia|collega|amic[oa]|madre|padre|sorella|fratello|compagn[oa]|ragazz[oa])|(?:con\s+)?(?:mi|nuestr[oa])\s+(?:mujer|esposa|esposo|marido|hijo|hija|compañer[oa]|colega|amig[oa]|madre|padre|hermana|hermano|novi[oa])|(?:met\s+)?(?:mijn|onze)\s+(?:vrouw|man|echtgenote|echtgenoot|zoon|dochter|collega|partner|vriendin|vriend|moeder|vader|zus|broer)|(?:z\s+)?(?:moja|moją|mojej|mój|moim|moja|nasz[aą]?)\s+(?:żona|żoną|żony|mąż|mężem|męża|syn|synem|córka|córką|kolega|kolegą|koleżanka|koleżanką|partnerka|partnerką|mama|mamą|tata|tatą|siostra|siostrą|brat|bratem)";
    // Lower case only: ASR output (written text has capitalised names and the other cues).
    // The last alternative never matches (`\b\B` at one position) and only switches off the
    // literal prefilter: the cue words (`mi`, `tu`, `z`, `hi` …) occur everywhere, and a
    // prefilter that stops at each of them makes the search more than twice as slow as the
    // plain lazy DFA. Being last and impossible, it changes no match of the leftmost-first
    // alternation.
    Regex::new(&format!(
        r"(?-u:\b)(?:{intro}|{companions}|(?-u:[a-z]\b\B))"
    ))
    .ok()
});

fn lone_cues(text: &str, out: &mut Vec<Finding>) {
    let Some(re) = LONE_CUES.as_ref() else { return };
    for m in re.find_iter(text) {
        // The cue must end at a word boundary (`hi` but not `hiking`).
        if text[m.end()..].starts_with(char::is_alphanumeric) {
            continue;
        }
        if let Some((s, e)) = take_listed(text, m.end()) {
            out.push(Finding::new(s, e, EntityType::Person, 0.6));
        }
    }
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
    let mut fillers = 0;
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
        // A filler between the cue and the name (`under the name uh nowak`).
        if words == 0 && pending_particles == 0 && !capital && is_filler(w) && fillers < 2 {
            fillers += 1;
            let mut k = w_end;
            while k < bytes.len() && matches!(bytes[k], b' ' | b'\t' | b',') {
                k += 1;
            }
            if k == w_end {
                break;
            }
            i = k;
            continue;
        }
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
            // After the first lower-case word, another one is a listed name, or closes the
            // name (`auf den namen schneider bitte`: not `bitte`; `a nombre de oksana
            // kovalenko, gracias`).
            && (words == 0
                || super::names::is_listed_name(&crate::known::fold::fold(w))
                || closed_at(text, w_end))
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
        ) || CALL_OPENERS.contains(&next_word.as_str());
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

/// Words that join a spelled letter to its spelling word: `k wie kaufmann`, `c as in charlie`,
/// `b comme berthe`, `r come roma`, `p de paris`, `a als in anton`, `k jak karol`.
const SPELLING_JOINS: &[&str] = &[
    "wie", "as", "in", "for", "come", "comme", "como", "de", "jak", "als", "van", "voor",
];

/// A name spelled with a spelling alphabet: two or more `letter join word` units, with plain
/// letters between them (`k wie kaufmann l wie ludwig e i n wie nordpol`).
fn spelled_with_words(text: &str, out: &mut Vec<Finding>) {
    // Cheap pre-check: a one-letter word followed by a join word (` k wie `, ` c as `).
    let bytes = text.as_bytes();
    // From each space (the first byte of the four), cheapest test first.
    let mut any = false;
    let mut i = 0;
    while i + 3 < bytes.len() {
        let Some(p) = bytes[i..bytes.len() - 3].iter().position(|&b| b == b' ') else {
            break;
        };
        i += p;
        if bytes[i + 2] == b' '
            && bytes[i + 1].is_ascii_alphabetic()
            && matches!(bytes[i + 3], b'w' | b'a' | b'f' | b'c' | b'd' | b'j' | b'v')
            && text.get(i + 3..).is_some_and(|r| {
                SPELLING_JOINS
                    .iter()
                    .any(|j| r.starts_with(j) && r[j.len()..].starts_with(' '))
            })
        {
            any = true;
            break;
        }
        i += 1;
    }
    if !any {
        return;
    }
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    let single = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_alphabetic) && cs.next().is_none()
    };
    let mut i = 0;
    while i < words.len() {
        let (mut units, mut j, start) = (0, i, words[i].0);
        let mut end = start;
        while j < words.len() && single(words[j].1) {
            // `letter join word` (`as in` takes two words).
            let mut k = j + 1;
            let mut joined = false;
            while k < words.len() && k <= j + 2 && SPELLING_JOINS.contains(&words[k].1) {
                k += 1;
                joined = true;
            }
            if joined
                && let Some((ws, w)) = words.get(k)
                && w.chars().count() >= 2
                && w.chars().all(char::is_alphabetic)
                && w.chars()
                    .next()
                    .zip(words[j].1.chars().next())
                    .is_some_and(|(a, b)| a.to_lowercase().eq(b.to_lowercase()))
            {
                units += 1;
                end = ws + w.len();
                j = k + 1;
            } else {
                end = words[j].0 + words[j].1.len();
                j += 1;
            }
        }
        if units >= 2 {
            out.push(Finding::new(start, end, EntityType::Person, 0.6));
            i = j;
        } else {
            i += 1;
        }
    }
}

fn spelled(text: &str, out: &mut Vec<Finding>) {
    spelled_with_words(text, out);
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

/// [`PLACE_NOUNS`] as a set (looked up for every name found).
static PLACE_NOUN_SET: LazyLock<HashSet<&'static str, fnv::FnvBuildHasher>> =
    LazyLock::new(|| PLACE_NOUNS.iter().copied().collect());

/// `w` lower-cased, borrowed when it is lower-case ASCII already.
fn lower(w: &str) -> Cow<'_, str> {
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

pub(crate) fn after_place_noun(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t', '.']);
    let prev_raw = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let prev = lower(prev_raw);
    if PLACE_NOUN_SET.contains(prev.as_ref()) {
        return true;
    }
    if !matches!(
        prev.as_ref(),
        "di" | "de" | "del" | "della" | "des" | "du" | "von" | "van"
    ) {
        return false;
    }
    let rest = before.get(..before.len() - prev_raw.len()).unwrap_or("");
    let prev2_raw = rest
        .trim_end_matches([' ', '\t', '.'])
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    PLACE_NOUN_SET.contains(lower(prev2_raw).as_ref())
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
    lone_cues(text, out);
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

/// The key of a [`KEY_VALUE`] match: its byte span and text.
struct Key<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

impl<'a> Key<'a> {
    fn start(&self) -> usize {
        self.start
    }

    fn end(&self) -> usize {
        self.end
    }

    fn as_str(&self) -> &'a str {
        self.text
    }
}

/// The length of the `key` group of a [`KEY_VALUE`] match and whether its `q` group is
/// non-empty (see `key_values`).
fn split_key_value(matched: &str) -> (usize, bool) {
    let key_len = matched
        .find(['\\', '"', ' ', '\t', ':', '='])
        .unwrap_or(matched.len());
    (key_len, matched[key_len..].starts_with(['\\', '"']))
}

fn key_values(text: &str, out: &mut Vec<Finding>) {
    let Some(re) = KEY_VALUE.as_ref() else { return };
    for m in re.find_iter(text) {
        // The `key` group without resolving capture groups: a key holds no quote, backslash,
        // blank, `:` or `=`, and what follows it in the match (`q`, blanks, `:`/`=`) holds
        // nothing else, so the key ends at the first of them; `q` is non-empty when a quote or
        // a backslash follows the key.
        let matched = m.as_str();
        let (key_len, quoted) = split_key_value(matched);
        let key = Key {
            start: m.start(),
            end: m.start() + key_len,
            text: &matched[..key_len],
        };
        let quoted_key = quoted || text[..key.start()].ends_with('"');
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
    for m in re.find_iter(text) {
        let kind = cue_kind(m.as_str());
        let is = |k: Cue| kind == Some(k);
        let (mode, score, max_words) = if is(Cue::Strong) {
            (Mode::AnyCase, 0.85, 4)
        } else if is(Cue::Ask) {
            (Mode::LowerIfClosed, 0.75, 3)
        } else if is(Cue::Weak) {
            (Mode::LowerIfClosed, 0.6, 3)
        } else if is(Cue::Hon) {
            // The honorific must be a word of its own ("Mr Smith", "M. Dupont").
            let after = text[m.end()..].chars().next();
            if !after.is_some_and(|c| c == ' ' || c == '\t') && !m.as_str().ends_with('.') {
                continue;
            }
            (Mode::Capitalised, 0.8, 3)
        } else if is(Cue::Sal) {
            (Mode::Capitalised, 0.7, 3)
        } else if is(Cue::With) {
            (Mode::Capitalised, 0.65, 3)
        } else if is(Cue::Asr) {
            (Mode::AnyCase, 0.7, 2)
        } else {
            (Mode::Capitalised, 0.6, 3)
        };
        // The cue must end at a word boundary ("Ich bin" but not "Ich binde").
        if !is(Cue::Hon) && !is(Cue::Sign) && !is(Cue::Ask) {
            let next = text[m.end()..].chars().next();
            if next.is_some_and(char::is_alphanumeric) {
                continue;
            }
        }
        let span = take_name(text, m.end(), mode, max_words, is(Cue::Hon));
        // A lone listed name (or a declined form) after an introduction or a companion
        // (`it's sophie`, `hier ist petra`, `c'est julien`, `sono giulia`, `soy lucía`, `met
        // sanne`, `tu kasia`, `my wife maria`, `mit meiner frau petra`).
        let span = span.or_else(|| {
            (is(Cue::Weak) || is(Cue::With) || is(Cue::Sal))
                .then(|| take_listed(text, m.end()))
                .flatten()
        });
        if let Some((s, e)) = span {
            out.push(Finding::new(s, e, EntityType::Person, score));
        }
    }
}

/// Fillers between a cue and the name (`under the name uh nowak`).
fn is_filler(w: &str) -> bool {
    matches!(
        w,
        "uh" | "um"
            | "erm"
            | "er"
            | "eh"
            | "ehm"
            | "äh"
            | "ähm"
            | "euh"
            | "hm"
            | "hmm"
            | "mhm"
            | "yyy"
            | "eee"
            | "emm"
    )
}

/// Whether the name read up to `end` is closed there: by punctuation, the end of the text, or a
/// word that follows a name in a call (`nowak for two nights`, `tom becker calling`).
fn closed_at(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches([' ', '\t']);
    if rest.is_empty() || rest.starts_with([',', '.', '\n', '\r', '!', '?', ';']) {
        return true;
    }
    let next: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '\'')
        .flat_map(char::to_lowercase)
        .collect();
    CALL_OPENERS.contains(&next.as_str()) || AFTER_A_NAME.contains(&next.as_str())
}

/// Words that open a call right after the caller's name (`tom becker calling`, `hier`, `ici`,
/// `dzwonię`, `bel`): a name read after "this is" ends before them.
const CALL_OPENERS: &[&str] = &[
    "calling", "ringing", "phoning", "here", "speaking", "from", "hier", "ici", "qui", "aqui",
    "aquí", "tutaj", "dzwonię", "dzwonie", "bel", "chiamo", "llamo", "appelle",
];

/// Other words that follow a name in a call: conjunctions, `for`, thanks and please in the
/// seven languages (`nowak for two nights`, `schneider bitte`).
const AFTER_A_NAME: &[&str] = &[
    "and", "und", "et", "e", "y", "en", "i", "for", "für", "pour", "per", "para", "voor", "dla",
    "please", "bitte", "grazie", "merci", "gracias", "graag", "proszę", "prosze", "thanks",
    "thank", "danke",
];

/// One to three words from `pos` that are listed names (or declined forms of Polish ones),
/// particles allowed between them: `sophie`, `petra`, `kasia`, `ayşe yılmaz`, `kowalczykiem`.
/// Fillers before the first word are skipped.
fn take_listed(text: &str, pos: usize) -> Option<(usize, usize)> {
    let mut i = pos;
    let mut start = None;
    let mut end = pos;
    let mut words = 0;
    let mut particles = 0;
    let mut fillers = 0;
    while words < 3 {
        let rest = &text[i..];
        let skipped = rest.len() - rest.trim_start_matches([' ', '\t', ',']).len();
        if skipped == 0 && words + fillers > 0 {
            break;
        }
        i += skipped;
        let len: usize = text[i..]
            .char_indices()
            .take_while(|&(k, c)| c.is_alphabetic() || k > 0 && matches!(c, '-' | '\'' | '’'))
            .map(|(_, c)| c.len_utf8())
            .sum();
        if len == 0 {
            break;
        }
        let w = text[i..i + len].trim_end_matches(['-', '\'', '’']);
        let lower = w.to_lowercase();
        if words == 0 && fillers < 2 && is_filler(&lower) {
            fillers += 1;
            i += len;
            continue;
        }
        if words > 0 && particles < 2 && is_particle(&lower) {
            particles += 1;
            i += len;
            continue;
        }
        let folded = crate::known::fold::fold(w);
        let followed = text[i + len..].chars().next();
        if is_stop(w)
            || !super::names::is_listed_name(&folded)
            || followed.is_some_and(|c| c.is_alphanumeric() || matches!(c, '@' | '_' | '/'))
        {
            break;
        }
        start.get_or_insert(i);
        end = i + w.len();
        words += 1;
        particles = 0;
        i += len;
    }
    start.map(|s| (s, end))
}

/// The next match of [`CAPITALISED`] (`re`) at or after `from`, as a byte span: found byte by
/// byte while the text is ASCII (where `\p{Lu}` is `A-Z` and `\p{Ll}` is `a-z`), by the regex
/// from `from` as soon as a non-ASCII character could take part. Most texts are mostly ASCII, and
/// the regex pays a forward and a reverse search for every capitalised word.
fn next_capitalised(re: &Regex, text: &str, from: usize) -> Option<(usize, usize)> {
    let by_regex = || re.find_at(text, from).map(|m| (m.start(), m.end()));
    let b = text.as_bytes();
    let n = b.len();
    let mut i = from;
    while i < n {
        let c = b[i];
        if !c.is_ascii() {
            return by_regex();
        }
        if c.is_ascii_uppercase() {
            match b.get(i + 1) {
                Some(d) if d.is_ascii_lowercase() => {
                    let mut e = i + 2;
                    while e < n && b[e].is_ascii_lowercase() {
                        e += 1;
                    }
                    if e < n && !b[e].is_ascii() {
                        return by_regex();
                    }
                    // The optional `-\p{Lu}\p{Ll}+`.
                    if b.get(e) == Some(&b'-') {
                        match (b.get(e + 1), b.get(e + 2)) {
                            (Some(u), Some(l))
                                if u.is_ascii_uppercase() && l.is_ascii_lowercase() =>
                            {
                                let mut e2 = e + 3;
                                while e2 < n && b[e2].is_ascii_lowercase() {
                                    e2 += 1;
                                }
                                if e2 < n && !b[e2].is_ascii() {
                                    return by_regex();
                                }
                                e = e2;
                            }
                            (Some(u), _) if !u.is_ascii() => return by_regex(),
                            (Some(u), Some(l)) if u.is_ascii_uppercase() && !l.is_ascii() => {
                                return by_regex();
                            }
                            _ => {}
                        }
                    }
                    return Some((i, e));
                }
                Some(d) if !d.is_ascii() => return by_regex(),
                _ => {}
            }
        }
        i += 1;
    }
    None
}

/// A common given name followed by one or two capitalised words ("Anna Schmidt will arrive").
fn known_first_names(text: &str, out: &mut Vec<Finding>) {
    let Some(re) = CAPITALISED.as_ref() else {
        return;
    };
    let mut next_free = 0;
    let mut pos = 0;
    while let Some((m_start, m_end)) = next_capitalised(re, text, pos) {
        pos = m_end;
        let m_str = &text[m_start..m_end];
        if m_start < next_free {
            continue;
        }
        if text[..m_start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric())
        {
            continue;
        }
        // Lower-cased on the stack when ASCII (most matches), else allocated.
        let word = m_str;
        let mut buf = [0u8; 32];
        let owned;
        let lower: &str = match buf.get_mut(..word.len()) {
            Some(dst) if word.is_ascii() => {
                for (d, s) in dst.iter_mut().zip(word.as_bytes()) {
                    *d = s.to_ascii_lowercase();
                }
                std::str::from_utf8(dst).unwrap_or_default()
            }
            _ => {
                owned = word.to_lowercase();
                &owned
            }
        };
        let first_part = lower.split('-').next().unwrap_or("");
        if !FIRST_NAMES.contains(lower) && !FIRST_NAMES.contains(first_part) {
            continue;
        }
        if let Some((s, e)) = take_name(text, m_start, Mode::Capitalised, 3, false)
            && text[s..e].split_whitespace().count() >= 2
        {
            out.push(Finding::new(s, e, EntityType::Person, 0.5));
            next_free = e;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts for the equivalence tests of the capture-free readings below.
    const SAMPLES: &[&str] = &[
        "My name is Anna Schmidt, Mr Smith and Mrs. Dupont, M. Martin, Sig.ra Rossi.",
        "hi, I am marion howard, dear Lily, Hallo Frau Müller, Sehr geehrter Herr Öztürk",
        "Best regards,\nJürgen Schäfer\n\nMit freundlichen Grüßen\r\nÉlodie",
        "Agent: May I have your name please?\nCaller: lily morgan uh",
        "what's your full name?\\nGuest: tom becker",
        "travelling with Maria, booking for Pan Kowalski, mówi janek, z tej strony anna",
        "ja goedemiddag met daan visser, u spreekt met sanne, mister okafor, señora lópez",
        "this is tom, it's me, c'est julien, sono giulia, soy lucía, hier ist petra",
        "under the name uh nowak, nazywam się Kowalski, ich heiße Ännchen, je m'appelle Zoë",
        "card holder: JOHN DOE, cardholder=anna, account holder Otto, titulaire Jean-Éric",
        "Zoë McDonald-Smith ÉLISE Marie-Claire Anna- Anna-B Anna-Be x Ab-Cd-Ef Ⅰx ǅa Ǆx",
        "Ünal Özdemir, Łukasz Żółć, Şükrü, ÅSA Åsa, Ωmega Ωm, İstanbul, ßa Aß, Ab-Éa Ab-Cé",
        "{\"guest\": {\"firstName\": \"Anna\", \"last_name\":\"Schmidt\"}}",
        "guest_name=anna surname: must not be empty, first_name: Some(\"Anna\"), Name: Tom",
        "lastname = \"x\", \\\"nachname\\\": \\\"Müller\\\", VORNAME:Eva, prénom : Léa, imię: Ewa",
        "passport no. X1234, Reisepass-Nr 12, id card 99, ID number: 7, travel document 5, dni 1",
        "",
        "A",
        "Ab",
        "-Ab-",
    ];

    #[test]
    fn capitalised_words_as_the_regex_finds_them() {
        let Some(re) = CAPITALISED.as_ref() else {
            panic!("pattern")
        };
        for text in SAMPLES {
            let by_regex: Vec<(usize, usize)> =
                re.find_iter(text).map(|m| (m.start(), m.end())).collect();
            let mut by_scan = Vec::new();
            let mut pos = 0;
            while let Some((s, e)) = next_capitalised(re, text, pos) {
                by_scan.push((s, e));
                pos = e;
            }
            assert_eq!(by_scan, by_regex, "{text}");
        }
    }

    #[test]
    fn cue_kinds_as_the_capture_groups_say() {
        let names = ["strong", "sign", "weak", "hon", "sal", "with", "ask", "asr"];
        let groups: Vec<String> = CUE_KINDS
            .iter()
            .zip(names)
            .map(|((_, p), n)| format!("(?P<{n}>{p})"))
            .collect();
        let Ok(reference) = Regex::new(&format!(r"(?-u:\b)(?:{})", groups.join("|"))) else {
            panic!("pattern")
        };
        let Some(cues) = CUES.as_ref() else {
            panic!("pattern")
        };
        let mut seen = 0;
        for text in SAMPLES {
            let expected: Vec<(usize, usize, Option<usize>)> = reference
                .captures_iter(text)
                .filter_map(|c| {
                    let m = c.get(0)?;
                    Some((
                        m.start(),
                        m.end(),
                        names.iter().position(|n| c.name(n).is_some()),
                    ))
                })
                .collect();
            let got: Vec<(usize, usize, Option<usize>)> = cues
                .find_iter(text)
                .map(|m| {
                    let kind = cue_kind(m.as_str());
                    (
                        m.start(),
                        m.end(),
                        CUE_KINDS.iter().position(|(k, _)| Some(*k) == kind),
                    )
                })
                .collect();
            assert_eq!(got, expected, "{text}");
            seen |= expected
                .iter()
                .filter_map(|e| e.2)
                .fold(0, |a, k| a | (1 << k));
        }
        // Every kind is exercised.
        assert_eq!(seen, 0xFF);
    }

    #[test]
    fn key_value_split_as_the_capture_groups_say() {
        let Some(re) = KEY_VALUE.as_ref() else {
            panic!("pattern")
        };
        let mut count = 0;
        for text in SAMPLES {
            for c in re.captures_iter(text) {
                let (Some(m), Some(key), Some(q)) = (c.get(0), c.name("key"), c.name("q")) else {
                    panic!("groups")
                };
                let (key_len, quoted) = split_key_value(m.as_str());
                assert_eq!(
                    (m.start(), m.start() + key_len),
                    (key.start(), key.end()),
                    "{text}"
                );
                assert_eq!(quoted, !q.is_empty(), "{text}");
                count += 1;
            }
        }
        assert!(count >= 10, "{count}");
    }
}
