//! Dates of birth: a date right after a birth cue in English, German, French, Italian or
//! Spanish ("born on 12 March 1985", "DOB: 12/03/1985", "geboren am 12.03.1985", "née le 3 mars
//! 1985", "data di nascita: 12/03/1985", "fecha de nacimiento: 12 de marzo de 1985",
//! `"dateOfBirth": "1985-03-12"`, Dutch and Polish: "geboren op 12 maart 1985", "data urodzenia:
//! 12 marca 1985"). Month names (and abbreviations) come from [`crate::lexicon::months`].
//! Ordinary dates (arrival, departure) are not matched.

use std::sync::LazyLock;

use regex::Regex;

use super::util::char_at;
use crate::lexicon::months;
use crate::{EntityType, Finding};

pub(crate) const DATE: &str = r"(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}[./\-][0-9]{1,2}[./\-](?:[0-9]{4}|[0-9]{2})|[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}|(?:[0-9]{1,2}(?:st|nd|rd|th|er|º|°|\.)?(?:\s+(?:of|de))?\s+(?:MONTHS)\.?(?:,)?(?:\s+(?:de|del))?\s+[0-9]{4})|(?:(?:MONTHS)\.?\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\s+[0-9]{4}))";

static DOB: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let cue = r"(?:born(?:\s+on)?|birth\s*(?:date|day)|birthday|date[\s_\-]*of[\s_\-]*birth|d\.?o\.?b\.?|geboren(?:\s+am)?|geburtsdatum|geburtstag|geb\.|n[ée]e?\s+le|date\s+de\s+naissance|anniversaire|nat[oa]\s+il|nat[oa]\s+a\s+\S+\s+il|data\s+di\s+nascita|nacid[oa]\s+el|nac[ií]\s+el|fecha\s+de\s+nacimiento|f\.\s*nac\.?|fecha\s+nac\.?|ur\.|birth_?date|date_?of_?birth|datum_?geburt|geboren\s+op|geboortedatum|data\s+urodzenia|urodzon[ya](?:\s+dnia)?)";
    let filler = r#"["'\s:=,\-]*(?:(?:is|was|ist|am|der|den|le|il|el|es|est|è|on|the|:)\s+){0,3}"#;
    let date = DATE.replace("MONTHS", &months::regex_alternation());
    Regex::new(&format!(r"(?i)(?-u:\b){cue}{filler}(?P<date>{date})")).ok()
});

pub(crate) fn find(text: &str, out: &mut Vec<Finding>) {
    let Some(re) = DOB.as_ref() else { return };
    for caps in re.captures_iter(text) {
        let Some(d) = caps.name("date") else { continue };
        if char_at(text, d.end()).is_some_and(char::is_alphanumeric) {
            continue;
        }
        out.push(Finding::new(
            d.start(),
            d.end(),
            EntityType::DateOfBirth,
            0.9,
        ));
    }
}
