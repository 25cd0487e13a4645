//! Word tables shared by the recognizers and the known-value matcher: number words, month
//! and weekday names in English, German, French, Italian, Spanish, Dutch and Polish. Each table is written
//! once, with its accented forms; the folded forms (lower case, no diacritics, `ß` → `ss`, see
//! [`crate::known::fold`]) are derived from it, so a recognizer that compares lower-cased text
//! and one that compares folded text read the same words.

pub(crate) mod months;
pub(crate) mod numbers;
pub(crate) mod weekdays;

use crate::known::fold::fold;

/// `words` and their folded forms, without duplicates, in first-seen order.
pub(crate) fn with_folded<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words {
        let lower = w.to_lowercase();
        let folded = fold(w);
        for form in [lower, folded] {
            if !out.contains(&form) {
                out.push(form);
            }
        }
    }
    out
}

/// The words of `langs` in a per-language `table`, with their folded forms (see [`with_folded`]).
pub(crate) fn of_languages(
    table: &[(months::Lang, &[&str])],
    langs: &[months::Lang],
) -> Vec<String> {
    with_folded(
        table
            .iter()
            .filter(|(l, _)| langs.contains(l))
            .flat_map(|(_, words)| words.iter().copied()),
    )
}
