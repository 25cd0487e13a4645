//! ID documents and dates of birth as they come up in calls: numbers read out character by
//! character or in lower case after the agent's question, the date of birth in the caller's answer
//! when the agent asks without a question mark, and look-alikes that must stay (booking
//! references, order and room numbers, phone numbers, dates of stay).

use pii::{Detector, EntityType};

fn found(text: &str) -> Vec<(EntityType, String)> {
    Detector::new()
        .detect(text)
        .into_iter()
        .map(|f| (f.entity, f.text(text).to_owned()))
        .collect()
}

fn is_id(e: EntityType) -> bool {
    matches!(e, EntityType::Passport | EntityType::NationalId)
}

fn has_id(text: &str, value: &str) {
    let f = found(text);
    assert!(
        f.iter().any(|(e, v)| is_id(*e) && v == value),
        "expected an ID document {value:?} in {text:?}, got {f:?}"
    );
}

fn no_id(text: &str) {
    let f = found(text);
    assert!(
        !f.iter().any(|(e, _)| is_id(*e)),
        "expected no ID document in {text:?}, got {f:?}"
    );
}

fn has_dob(text: &str, value: &str) {
    let f = found(text);
    assert!(
        f.iter()
            .any(|(e, v)| *e == EntityType::DateOfBirth && v == value),
        "expected date of birth {value:?} in {text:?}, got {f:?}"
    );
}

fn no_dob(text: &str) {
    let f = found(text);
    assert!(
        !f.iter().any(|(e, _)| *e == EntityType::DateOfBirth),
        "expected no date of birth in {text:?}, got {f:?}"
    );
}

#[test]
fn id_documents_read_out_or_in_lower_case_per_language() {
    // English: the answer on the next line, after a clitic (`it's`), letter by letter.
    has_id(
        "agent: for the registration we need your passport number\ncaller: it's x k 4 0 2 7 7 1 9",
        "x k 4 0 2 7 7 1 9",
    );
    has_id(
        "agent: we need your passport number caller: uh it's 3 1 0 8 8 2 5 4 6 agent: thanks",
        "3 1 0 8 8 2 5 4 6",
    );
    has_id(
        "check-in for mr jones (2 nights), passport k7741902.",
        "k7741902",
    );
    has_id(
        "level=INFO guest=\"A B\" document=Q4417302 status=ok",
        "Q4417302",
    );
    has_id(
        r#"{"document": {"type": "passport", "number": "77KT20415"}}"#,
        "77KT20415",
    );
    // German
    has_id(
        "A: und die nummer vom personalausweis\nK: ja l7pqnkkz2\nK: danke",
        "l7pqnkkz2",
    );
    has_id(
        "für den meldeschein brauche ich ihre ausweisnummer\nanrufer: die ist c t 4 k y 8 0 2 1",
        "c t 4 k y 8 0 2 1",
    );
    // French
    has_id(
        "il me faut votre numéro de passeport\nC: c'est 4 7 e w 7 7 4 1 9",
        "4 7 e w 7 7 4 1 9",
    );
    has_id(
        "caller: mon numéro de passeport est yc8422751\nagent: merci",
        "yc8422751",
    );
    // Italian: codice fiscale read out, the document number after `numero del documento`.
    has_id(
        "e il codice fiscale per la fattura\nC: r s s m r a 8 0 a 0 1 h 5 0 1 u\nA: grazie",
        "r s s m r a 8 0 a 0 1 h 5 0 1 u",
    );
    has_id(
        "per la schedina mi serve il numero del documento\nospite: è ya5731755",
        "ya5731755",
    );
    // Spanish: DNI and NIE in lower case, a passport letter by letter.
    has_id(
        "huésped: mi dni es 12345678z\nhuésped: gracias",
        "12345678z",
    );
    has_id(
        "agent: su nie por favor\ncaller: x 1 2 3 4 5 6 7 l",
        "x 1 2 3 4 5 6 7 l",
    );
    has_id(
        "necesito el número de pasaporte\nhuésped: es e r c 2 6 3 6 5 8",
        "e r c 2 6 3 6 5 8",
    );
    // Dutch: BSN read out, passport in lower case.
    has_id(
        "A: en uw bsn voor de zakelijke factuur\nB: 1 1 1 2 2 2 3 3 3\nB: dank u",
        "1 1 1 2 2 2 3 3 3",
    );
    has_id(
        "gast: mijn paspoortnummer is nxdw6k5w4\ngast: bedankt",
        "nxdw6k5w4",
    );
    // Polish: passport after `paszportu`, PESEL read out.
    has_id(
        "do meldunku potrzebuję numer paszportu\nK: to jest wp741297",
        "wp741297",
    );
    has_id(
        "A: poproszę numer pesel\nK: 4 4 0 5 1 4 0 1 3 5 9\nK: dziękuję",
        "4 4 0 5 1 4 0 1 3 5 9",
    );
}

#[test]
fn id_look_alikes_are_kept() {
    // No document cue: booking references, order and room numbers, phone numbers.
    no_id("caller: my booking reference is ab123456 and we're in room 412");
    no_id("kunde: meine bestellnummer ist x 4 4 7 1 2 9 0 und die zimmernummer 305");
    no_id("client: ma référence de réservation c'est yb1499262");
    no_id("cliente: il numero di prenotazione è ps622646, camera 107");
    no_id("huésped: el localizador es k e 2 0 6 4 7 3");
    no_id("gast: mijn boekingsnummer is u 5 4 1 5 8 3 8 5");
    no_id("gość: numer rezerwacji to wp747497, pokój 214");
    // A document cue with no number in the answer: words end the search.
    no_id("agent: we need your passport number\ncaller: i will bring it to the desk at check in");
    no_id("je n'ai pas mon passeport avec moi, on arrive le douze mai");
}

#[test]
fn dates_of_birth_in_the_answer_without_a_question_mark() {
    has_dob(
        "receptionist: date of birth\ncaller: uh 14 june 1983\ncaller: thanks",
        "14 june 1983",
    );
    has_dob(
        "card i need your date of birth\ncaller: sure it's 19th of may 1990\nreceptionist: ok",
        "19th of may 1990",
    );
    has_dob(
        "Mitarbeiter: und ihr geburtsdatum bitte\nAnrufer: 28. oktober 1994\nMitarbeiter: danke",
        "28. oktober 1994",
    );
    has_dob(
        "K: ich bin am 10 februar 1999 geboren\nK: danke",
        "10 februar 1999",
    );
    has_dob(
        "réception: date de naissance\nclient: euh premier février mille neuf cent quatre-vingt-trois",
        "premier février mille neuf cent quatre-vingt-trois",
    );
    has_dob(
        "bot: e la data di nascita\nchiamante: eh 03/03/1982\nbot: fatto",
        "03/03/1982",
    );
    has_dob(
        "recepción: y la fecha de nacimiento de aitor huésped: tres de agosto de mil novecientos noventa y cinco recepción: gracias",
        "tres de agosto de mil novecientos noventa y cinco",
    );
    has_dob(
        "heb ik uw geboortedatum nodig\nbeller: uhm ja 19 februari 1985",
        "19 februari 1985",
    );
    has_dob(
        "bot: data urodzenia\ndzwoniący: eee 4 maja 1964",
        "4 maja 1964",
    );
    // Notes: `fecha nac.`, Polish `ur.`
    has_dob(
        "Laura Soler fecha nac. 21/11/1961 - parte de viajeros sin firma",
        "21/11/1961",
    );
    has_dob(
        "Paweł Nowak ur. 25.09.1994 - karta meldunkowa",
        "25.09.1994",
    );
}

#[test]
fn dates_of_stay_are_not_dates_of_birth() {
    no_dob("caller: we're arriving on the twelfth of may and leaving on the fifteenth");
    no_dob("K: ich bin am 12. mai angekommen und reise am 15. mai ab");
    no_dob("ospite: arriviamo il 12 maggio 2025, camera 107");
    no_dob("bot: date of birth\ncaller: sorry i'd rather not say\ncaller: we arrive 12 may 2025");
    // `ne` after a non-ASCII letter (`Hélène`) is no birth cue.
    no_dob(
        "created reservation for Hélène Colin id=CDD-3\n{\"timestamp\":\"2026-11-26T10:44:26Z\"}",
    );
    no_dob("réservation numéro 20251109 pour le 12/05/2025");
}
