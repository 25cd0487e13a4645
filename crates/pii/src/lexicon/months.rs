//! Month names in seven languages (accented and folded forms), and abbreviations.

use std::sync::LazyLock;

use super::with_folded;

/// The languages of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    En,
    De,
    Fr,
    It,
    Es,
    Nl,
    Pl,
}

/// Full month names per language, as written (the folded forms are derived). Polish has the
/// nominative and the genitive of dates (`maj`, `maja`).
const NAMES: &[(Lang, &[&str])] = &[
    (
        Lang::En,
        &[
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
    ),
    (
        Lang::De,
        &[
            "januar",
            "jänner",
            "februar",
            "märz",
            "maerz",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "dezember",
        ],
    ),
    (
        Lang::Fr,
        &[
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
    ),
    (
        Lang::It,
        &[
            "gennaio",
            "febbraio",
            "marzo",
            "aprile",
            "maggio",
            "giugno",
            "luglio",
            "agosto",
            "settembre",
            "ottobre",
            "novembre",
            "dicembre",
        ],
    ),
    (
        Lang::Es,
        &[
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "setiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
    ),
    (
        Lang::Nl,
        &[
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
    ),
    (
        Lang::Pl,
        &[
            "stycznia",
            "lutego",
            "marca",
            "kwietnia",
            "maja",
            "czerwca",
            "lipca",
            "sierpnia",
            "września",
            "października",
            "listopada",
            "grudnia",
            "styczeń",
            "luty",
            "marzec",
            "kwiecień",
            "maj",
            "czerwiec",
            "lipiec",
            "sierpień",
            "wrzesień",
            "październik",
            "listopad",
            "grudzień",
        ],
    ),
];

/// Abbreviations written in dates (`12 Mar 1985`, `3 févr. 1985`, `12 gen 1985`).
const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "okt",
    "dez", "janv", "févr", "avr", "juil", "déc", "gen", "mag", "giu", "lug", "ago", "set", "ott",
    "dic", "ene", "abr",
];

/// Every full month name of the given languages, lower case, accented and folded forms.
pub(crate) fn names(langs: &[Lang]) -> Vec<String> {
    super::of_languages(NAMES, langs)
}

/// The seven languages of the tables.
pub(crate) const ALL: [Lang; 7] = [
    Lang::En,
    Lang::De,
    Lang::Fr,
    Lang::It,
    Lang::Es,
    Lang::Nl,
    Lang::Pl,
];

static ALL_NAMES: LazyLock<Vec<String>> = LazyLock::new(|| names(&ALL));

/// Whether a folded (or lower-case) word is a full month name in one of the seven languages.
pub(crate) fn is_month(word: &str) -> bool {
    ALL_NAMES.iter().any(|m| m == word)
}

/// A regex alternation (no group) of every month name and abbreviation, accented and folded,
/// longest first.
pub(crate) fn regex_alternation() -> String {
    let mut words = ALL_NAMES.clone();
    for w in with_folded(ABBREVIATIONS.iter().copied()) {
        if !words.contains(&w) {
            words.push(w);
        }
    }
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_is_there() {
        for w in [
            "märz",
            "marz",
            "maerz",
            "jänner",
            "janner",
            "août",
            "aout",
            "décembre",
            "decembre",
            "września",
            "wrzesnia",
            "grudzien",
            "maart",
            "setiembre",
        ] {
            assert!(is_month(w), "{w}");
        }
        assert!(!is_month("monday"));
        let de = names(&[Lang::En, Lang::De]);
        assert!(de.contains(&"märz".to_owned()) && de.contains(&"may".to_owned()));
        assert!(
            !de.contains(&"maja".to_owned()),
            "a Polish given name is not a stop word"
        );
        let alt = regex_alternation();
        assert!(alt.starts_with("pazdziernika|") || alt.starts_with("października|"));
        assert!(alt.split('|').any(|w| w == "févr") && alt.split('|').any(|w| w == "fevr"));
    }
}
