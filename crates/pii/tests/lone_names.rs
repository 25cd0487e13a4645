//! Lone names after cues in call transcripts, declined Polish names, names from the second list
//! source, spelling alphabets, answers to questions without a question mark, dates of birth in
//! the answer to the agent's question (issue 16, third follow-up). Look-alikes are kept.

use pii::{Detector, EntityType};

fn persons(text: &str) -> Vec<String> {
    Detector::new()
        .detect(text)
        .into_iter()
        .filter(|f| f.entity == EntityType::Person)
        .map(|f| f.text(text).to_owned())
        .collect()
}

fn has_person(text: &str, name: &str) {
    let p = persons(text);
    assert!(
        p.iter().any(|n| n == name),
        "expected {name:?} in {text:?}, got {p:?}"
    );
}

fn no_person(text: &str) {
    let p = persons(text);
    assert!(p.is_empty(), "look-alike {text:?} gave {p:?}");
}

#[test]
fn lone_surnames_after_name_cues_in_seven_languages() {
    has_person(
        "the booking is under the name uh nowak for two nights",
        "nowak",
    );
    has_person("ja auf den namen schneider bitte", "schneider");
    has_person("c'est au nom de dubois", "dubois");
    has_person("a nome di rossi grazie", "rossi");
    has_person("a nombre de garcía por favor", "garcía");
    has_person("op naam van jansen graag", "jansen");
    has_person("na nazwisko kowalczyka", "kowalczyka");
    has_person("my surname is nguyen", "nguyen");
    has_person("the room is for mr okafor", "okafor");
}

#[test]
fn lone_given_names_after_introductions() {
    has_person("hi it's sophie i called yesterday", "sophie");
    has_person("hallo hier ist petra wegen der buchung", "petra");
    has_person("oui bonjour c'est julien", "julien");
    has_person("pronto sono giulia", "giulia");
    has_person("hola soy lucía llamo por la reserva", "lucía");
    has_person("goedemiddag met sanne", "sanne");
    has_person("dzień dobry tu kasia", "kasia");
    has_person("you're speaking with daniel how can i help", "daniel");
    has_person("bot: perfect thanks oisin bye now", "oisin");
    has_person("agent: super danke dilara tschüss", "dilara");
    has_person(
        "you're through to kensington park hotel reception charlotte speaking",
        "charlotte",
    );
}

#[test]
fn companions_in_seven_languages() {
    has_person("yeah my wife maria will join", "maria");
    has_person("ich komme mit meiner frau petra", "petra");
    has_person("je viens avec ma femme claire", "claire");
    has_person("vengo con mia moglie francesca", "francesca");
    has_person("voy con mi mujer cristina", "cristina");
    has_person("ik kom met mijn vrouw anouk", "anouk");
    has_person("przyjadę z moją żoną anną", "anną");
    has_person("es ist für mich und finn", "finn");
}

#[test]
fn declined_polish_names() {
    has_person("rozmawiałem z panem kowalczykiem wczoraj", "kowalczykiem");
    has_person("rezerwacja dla pani wiśniewskiej", "wiśniewskiej");
    has_person("dzwonię w imieniu janem kowalskim", "janem kowalskim");
}

#[test]
fn names_of_callers_from_elsewhere() {
    has_person("the booking for ayşe yılmaz", "ayşe yılmaz");
    has_person(
        "this is oleksandr shevchenko calling",
        "oleksandr shevchenko",
    );
    has_person(
        "rezerwacja dla pana ołeksandra szewczenki",
        "ołeksandra szewczenki",
    );
}

#[test]
fn names_spelled_with_a_spelling_alphabet() {
    has_person(
        "gast: klein k wie kaufmann l wie ludwig e i n wie nordpol",
        "k wie kaufmann l wie ludwig e i n wie nordpol",
    );
    has_person(
        "campbell c as in charlie a as in alpha m as in mike",
        "c as in charlie a as in alpha m as in mike",
    );
    has_person("russo r come roma u come udine", "r come roma u come udine");
    no_person("a for effort and b for the rest");
}

#[test]
fn answer_to_a_name_question_without_a_question_mark() {
    has_person(
        "bot: uw achternaam alstublieft\nbeller: janssen graag",
        "janssen",
    );
    has_person(
        "receptionist: and the name please\ncaller: priya popescu that's p",
        "priya popescu",
    );
}

#[test]
fn date_of_birth_in_the_answer_to_the_agents_question() {
    let text =
        "Agent: can I have your date of birth?\nCaller: twelfth of march nineteen eighty five";
    let f = Detector::new().detect(text);
    assert!(
        f.iter().any(|f| f.entity == EntityType::DateOfBirth
            && f.text(text) == "twelfth of march nineteen eighty five"),
        "{f:?}"
    );
    // The next turn is not a date: nothing.
    let text = "Agent: can I have your date of birth?\nCaller: sorry which one";
    assert!(
        Detector::new()
            .detect(text)
            .iter()
            .all(|f| f.entity != EntityType::DateOfBirth)
    );
}

#[test]
fn look_alikes_after_the_new_cues_are_kept() {
    for text in [
        "it's fine thanks",
        "it's for two nights",
        "its rooftop bar is lovely",
        "this is the hotel adler",
        "c'est bon merci",
        "sono arrivato ieri sera",
        "soy de madrid",
        "we met at the bar",
        "met de auto kom ik",
        "tu es sûr",
        "tu sei pronto?",
        "dzień dobry tu recepcja",
        "my wife will join later",
        "my wife and i arrive friday",
        "mit meiner frau und den kindern",
        "avec ma femme et mes enfants",
        "con mia moglie e i bambini",
        "con mi mujer y mis hijos",
        "met mijn vrouw en de kinderen",
        "z moją żoną i dziećmi",
        "signed by the manager",
        "you're speaking with the front desk",
        "hier ist die rezeption",
        "thanks a lot bye",
        "danke schön tschüss",
        "grazie mille arrivederci",
        "reception desk is open",
        "the name please",
        "ms timeout after 200 ms retrying",
    ] {
        no_person(text);
    }
}

#[test]
fn words_after_a_lower_case_name_are_not_taken() {
    assert_eq!(persons("auf den namen schneider bitte"), ["schneider"]);
    assert_eq!(persons("a nome di rossi grazie"), ["rossi"]);
    assert_eq!(persons("hallo hier ist petra wegen der buchung"), ["petra"]);
}
