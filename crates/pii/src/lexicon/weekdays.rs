//! Weekday names in seven languages (accented; the folded forms are derived).

use super::months::Lang;
use super::of_languages;

/// Weekday names per language, Monday first, as written.
const NAMES: &[(Lang, &[&str])] = &[
    (
        Lang::En,
        &[
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ],
    ),
    (
        Lang::De,
        &[
            "montag",
            "dienstag",
            "mittwoch",
            "donnerstag",
            "freitag",
            "samstag",
            "sonntag",
        ],
    ),
    (
        Lang::Fr,
        &[
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ],
    ),
    (
        Lang::It,
        &[
            "lunedì",
            "martedì",
            "mercoledì",
            "giovedì",
            "venerdì",
            "sabato",
            "domenica",
        ],
    ),
    (
        Lang::Es,
        &[
            "lunes",
            "martes",
            "miércoles",
            "jueves",
            "viernes",
            "sábado",
            "domingo",
        ],
    ),
    (
        Lang::Nl,
        &[
            "maandag",
            "dinsdag",
            "woensdag",
            "donderdag",
            "vrijdag",
            "zaterdag",
            "zondag",
        ],
    ),
    (
        Lang::Pl,
        &[
            "poniedziałek",
            "wtorek",
            "środa",
            "czwartek",
            "piątek",
            "sobota",
            "niedziela",
        ],
    ),
];

/// Every weekday name of the given languages, lower case, accented and folded forms.
pub(crate) fn names(langs: &[Lang]) -> Vec<String> {
    of_languages(NAMES, langs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accented_and_folded_forms_of_the_chosen_languages() {
        let it = names(&[Lang::It]);
        assert!(it.contains(&"lunedì".to_owned()) && it.contains(&"lunedi".to_owned()));
        assert!(!it.contains(&"monday".to_owned()));
        let pl = names(&[Lang::Pl]);
        assert!(pl.contains(&"piątek".to_owned()) && pl.contains(&"piatek".to_owned()));
        assert_eq!(names(&[Lang::En]).len(), 7);
    }
}
