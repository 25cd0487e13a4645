//! Number words in English, German, French, Italian, Spanish, Dutch and Polish: digits, teens,
//! tens, one-word compounds (`einundzwanzig`, `tweeëntwintig`, `ventitré`, `veintidós`),
//! hundreds, `double`/`triple` and the connectives between tens and units. Written once with
//! accents; [`words`] adds every folded form.

use std::collections::HashSet;

use super::with_folded;

/// What a number word says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Number {
    /// 0-9
    Digit(u8),
    /// 10-19
    Teen(u8),
    /// 20, 30, …, 90
    Tens(u8),
    /// 21-99 in one word
    Compound(u8),
    /// 100 × n in one word: `sto` … `dziewięćset`, `cento` … `novecento`, `cien`/`ciento` …
    /// `novecientos`, `hundert`/`dreihundert`, `honderd`/`driehonderd`, `hundred`, `cent`.
    Hundreds(u8),
    /// French `quatre`: 4, or the start of `quatre-vingt(s)` = 80.
    Quatre,
    /// `double`, `doppel`, `doppio`, `doble`, `dubbel`, `podwójne`.
    Double,
    /// `triple`, `tripel`, `triplo`, `potrójne`.
    Triple,
    /// `and`/`und`/`et`/`y`/`e`/`en` between tens and units.
    Conn,
}

const DIGITS: [&[&str]; 10] = [
    &["zero", "oh", "nought", "null", "zéro", "cero", "nul"],
    &[
        "one", "eins", "ein", "eine", "un", "une", "uno", "una", "een", "één", "jeden", "jedna",
        "jedno",
    ],
    &[
        "two", "zwei", "zwo", "deux", "due", "dos", "twee", "dwa", "dwie",
    ],
    &["three", "drei", "trois", "tre", "tres", "drie", "trzy"],
    &["four", "vier", "quattro", "cuatro", "cztery"],
    &[
        "five", "fünf", "fuenf", "cinq", "cinque", "cinco", "vijf", "pięć",
    ],
    &["six", "sechs", "sei", "seis", "zes", "sześć"],
    &[
        "seven", "sieben", "sept", "sette", "siete", "zeven", "siedem",
    ],
    &["eight", "acht", "huit", "otto", "ocho", "osiem"],
    &["nine", "neun", "neuf", "nove", "nueve", "negen", "dziewięć"],
];

const TEENS: [&[&str]; 10] = [
    &["ten", "zehn", "dix", "dieci", "diez", "tien", "dziesięć"],
    &["eleven", "elf", "onze", "undici", "once", "jedenaście"],
    &[
        "twelve",
        "zwölf",
        "zwoelf",
        "douze",
        "dodici",
        "doce",
        "twaalf",
        "dwanaście",
    ],
    &[
        "thirteen",
        "dreizehn",
        "treize",
        "tredici",
        "trece",
        "dertien",
        "trzynaście",
    ],
    &[
        "fourteen",
        "vierzehn",
        "quatorze",
        "quattordici",
        "catorce",
        "veertien",
        "czternaście",
    ],
    &[
        "fifteen",
        "fünfzehn",
        "fuenfzehn",
        "quinze",
        "quindici",
        "quince",
        "vijftien",
        "piętnaście",
    ],
    &[
        "sixteen",
        "sechzehn",
        "seize",
        "sedici",
        "dieciséis",
        "zestien",
        "szesnaście",
    ],
    &[
        "seventeen",
        "siebzehn",
        "diciassette",
        "diecisiete",
        "zeventien",
        "siedemnaście",
    ],
    &[
        "eighteen",
        "achtzehn",
        "diciotto",
        "dieciocho",
        "achttien",
        "osiemnaście",
    ],
    &[
        "nineteen",
        "neunzehn",
        "diciannove",
        "diecinueve",
        "negentien",
        "dziewiętnaście",
    ],
];

const TENS: [&[&str]; 8] = [
    &[
        "twenty",
        "zwanzig",
        "vingt",
        "vingts",
        "venti",
        "veinte",
        "twintig",
        "dwadzieścia",
    ],
    &[
        "thirty",
        "dreißig",
        "dreissig",
        "trente",
        "trenta",
        "treinta",
        "dertig",
        "trzydzieści",
    ],
    &[
        "forty",
        "vierzig",
        "quarante",
        "quaranta",
        "cuarenta",
        "veertig",
        "czterdzieści",
    ],
    &[
        "fifty",
        "fünfzig",
        "fuenfzig",
        "cinquante",
        "cinquanta",
        "cincuenta",
        "vijftig",
        "pięćdziesiąt",
    ],
    &[
        "sixty",
        "sechzig",
        "soixante",
        "sessanta",
        "sesenta",
        "zestig",
        "sześćdziesiąt",
    ],
    &[
        "seventy",
        "siebzig",
        "settanta",
        "setenta",
        "septante",
        "zeventig",
        "siedemdziesiąt",
    ],
    &[
        "eighty",
        "achtzig",
        "ottanta",
        "ochenta",
        "huitante",
        "octante",
        "tachtig",
        "osiemdziesiąt",
    ],
    &[
        "ninety",
        "neunzig",
        "novanta",
        "noventa",
        "nonante",
        "negentig",
        "dziewięćdziesiąt",
    ],
];

/// German units before `und` + tens (`einundzwanzig`).
const DE_UNITS: [(&str, u8); 10] = [
    ("ein", 1),
    ("zwei", 2),
    ("drei", 3),
    ("vier", 4),
    ("fünf", 5),
    ("fuenf", 5),
    ("sechs", 6),
    ("sieben", 7),
    ("acht", 8),
    ("neun", 9),
];

/// Dutch units before `en`/`ën` + tens (`eenentwintig`, `tweeëntwintig`).
const NL_UNITS: [(&str, u8); 10] = [
    ("een", 1),
    ("één", 1),
    ("twee", 2),
    ("drie", 3),
    ("vier", 4),
    ("vijf", 5),
    ("zes", 6),
    ("zeven", 7),
    ("acht", 8),
    ("negen", 9),
];

/// Italian tens and units of `ventuno`, `ventitré` … `novantanove`.
const IT_TENS: [(&str, u8); 8] = [
    ("venti", 20),
    ("trenta", 30),
    ("quaranta", 40),
    ("cinquanta", 50),
    ("sessanta", 60),
    ("settanta", 70),
    ("ottanta", 80),
    ("novanta", 90),
];
const IT_UNITS: [(&str, u8); 10] = [
    ("uno", 1),
    ("due", 2),
    ("tre", 3),
    ("tré", 3),
    ("quattro", 4),
    ("cinque", 5),
    ("sei", 6),
    ("sette", 7),
    ("otto", 8),
    ("nove", 9),
];

/// Spanish `veintiuno` … `veintinueve`.
const ES_VEINTI: [(&str, u8); 11] = [
    ("veintiuno", 21),
    ("veintiún", 21),
    ("veintiuna", 21),
    ("veintidós", 22),
    ("veintitrés", 23),
    ("veinticuatro", 24),
    ("veinticinco", 25),
    ("veintiséis", 26),
    ("veintisiete", 27),
    ("veintiocho", 28),
    ("veintinueve", 29),
];

const HUNDREDS: [&[&str]; 9] = [
    &[
        "hundred",
        "hundert",
        "einhundert",
        "cent",
        "cents",
        "honderd",
        "eenhonderd",
        "sto",
        "cento",
        "cien",
        "ciento",
    ],
    &[
        "dwieście",
        "duecento",
        "doscientos",
        "doscientas",
        "zweihundert",
        "tweehonderd",
    ],
    &[
        "trzysta",
        "trecento",
        "trescientos",
        "trescientas",
        "dreihundert",
        "driehonderd",
    ],
    &[
        "czterysta",
        "quattrocento",
        "cuatrocientos",
        "cuatrocientas",
        "vierhundert",
        "vierhonderd",
    ],
    &[
        "pięćset",
        "cinquecento",
        "quinientos",
        "quinientas",
        "fünfhundert",
        "vijfhonderd",
    ],
    &[
        "sześćset",
        "seicento",
        "seiscientos",
        "seiscientas",
        "sechshundert",
        "zeshonderd",
    ],
    &[
        "siedemset",
        "settecento",
        "setecientos",
        "setecientas",
        "siebenhundert",
        "zevenhonderd",
    ],
    &[
        "osiemset",
        "ottocento",
        "ochocientos",
        "ochocientas",
        "achthundert",
        "achthonderd",
    ],
    &[
        "dziewięćset",
        "novecento",
        "novecientos",
        "novecientas",
        "neunhundert",
        "negenhonderd",
    ],
];

const DOUBLE: &[&str] = &["double", "doppel", "doppio", "doble", "dubbel", "podwójne"];
const TRIPLE: &[&str] = &["triple", "tripel", "triplo", "potrójne"];
/// Connectives between tens and units (`treinta y cuatro`, `vingt et un`, `ein und zwanzig`).
pub(crate) const CONNECTIVES: &[&str] = &["and", "und", "et", "y", "e", "en"];

fn small(i: usize) -> u8 {
    u8::try_from(i).unwrap_or(0)
}

/// Every number word with what it says: each written form, lower case, and its folded form.
/// When a form has two meanings the first listed wins (`quatre` is [`Number::Quatre`]).
pub(crate) fn words() -> Vec<(String, Number)> {
    let mut raw: Vec<(String, Number)> = vec![("quatre".to_owned(), Number::Quatre)];
    let mut add = |w: &str, v: Number| raw.push((w.to_owned(), v));
    for (d, words) in DIGITS.iter().enumerate() {
        for w in *words {
            add(w, Number::Digit(small(d)));
        }
    }
    for (i, words) in TEENS.iter().enumerate() {
        for w in *words {
            add(w, Number::Teen(10 + small(i)));
        }
    }
    for (i, words) in TENS.iter().enumerate() {
        let t = 20 + 10 * small(i);
        for w in *words {
            add(w, Number::Tens(t));
            if w.ends_with("zig") || w.ends_with("ßig") || w.ends_with("ssig") {
                for (u, v) in DE_UNITS {
                    add(&format!("{u}und{w}"), Number::Compound(t + v));
                }
            }
            if w.ends_with("tig") {
                for (u, v) in NL_UNITS {
                    add(&format!("{u}en{w}"), Number::Compound(t + v));
                    if u.ends_with('e') {
                        add(&format!("{u}ën{w}"), Number::Compound(t + v));
                    }
                }
            }
        }
    }
    for (t, tv) in IT_TENS {
        for (u, uv) in IT_UNITS {
            // ventuno, ventotto: the tens lose their final vowel before a vowel.
            let stem = if u.starts_with(['u', 'o']) {
                &t[..t.len() - 1]
            } else {
                t
            };
            add(&format!("{stem}{u}"), Number::Compound(tv + uv));
        }
    }
    for (w, v) in ES_VEINTI {
        add(w, Number::Compound(v));
    }
    for (i, words) in HUNDREDS.iter().enumerate() {
        for w in *words {
            add(w, Number::Hundreds(1 + small(i)));
        }
    }
    for w in DOUBLE {
        add(w, Number::Double);
    }
    for w in TRIPLE {
        add(w, Number::Triple);
    }
    for w in CONNECTIVES {
        add(w, Number::Conn);
    }
    let mut seen: HashSet<String> = HashSet::with_capacity(raw.len() * 2);
    let mut out: Vec<(String, Number)> = Vec::with_capacity(raw.len() * 2);
    for (w, v) in raw {
        for form in with_folded([w.as_str()]) {
            if seen.insert(form.clone()) {
                out.push((form, v));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(w: &str) -> Option<Number> {
        words().into_iter().find(|(f, _)| f == w).map(|(_, v)| v)
    }

    #[test]
    fn accented_and_folded_forms() {
        assert_eq!(get("zéro"), Some(Number::Digit(0)));
        assert_eq!(get("zero"), Some(Number::Digit(0)));
        assert_eq!(get("fünf"), Some(Number::Digit(5)));
        assert_eq!(get("funf"), Some(Number::Digit(5)));
        assert_eq!(get("fuenf"), Some(Number::Digit(5)));
        assert_eq!(get("dreißig"), Some(Number::Tens(30)));
        assert_eq!(get("dreissig"), Some(Number::Tens(30)));
        assert_eq!(get("siebenunddreißig"), Some(Number::Compound(37)));
        assert_eq!(get("siebenunddreissig"), Some(Number::Compound(37)));
        assert_eq!(get("tweeëntwintig"), Some(Number::Compound(22)));
        assert_eq!(get("tweeentwintig"), Some(Number::Compound(22)));
        assert_eq!(get("ventitré"), Some(Number::Compound(23)));
        assert_eq!(get("ventitre"), Some(Number::Compound(23)));
        assert_eq!(get("veintidós"), Some(Number::Compound(22)));
        assert_eq!(get("veintidos"), Some(Number::Compound(22)));
        assert_eq!(get("pięćdziesiąt"), Some(Number::Tens(50)));
        assert_eq!(get("piecdziesiat"), Some(Number::Tens(50)));
        assert_eq!(get("dziewięćset"), Some(Number::Hundreds(9)));
        assert_eq!(get("dziewiecset"), Some(Number::Hundreds(9)));
        assert_eq!(get("novecientas"), Some(Number::Hundreds(9)));
        assert_eq!(get("podwojne"), Some(Number::Double));
        assert_eq!(get("quatre"), Some(Number::Quatre));
        assert_eq!(get("en"), Some(Number::Conn));
        assert_eq!(get("hotel"), None);
    }
}
