//! Detection without known values in call transcripts and vendor payloads: numbers read out in
//! Dutch and Polish (and hundreds), e-mail addresses read out in Dutch and Polish or with
//! `[at]`/`[dot]`, percent-encoded addresses, role mailboxes, name fields of OTA XML, CSV and
//! vendor payloads in seven languages.

use pii::{Detector, EntityType};

fn found(text: &str) -> Vec<(EntityType, String)> {
    Detector::new()
        .detect(text)
        .into_iter()
        .map(|f| (f.entity, f.text(text).to_owned()))
        .collect()
}

fn has(text: &str, entity: EntityType, value: &str) {
    let f = found(text);
    assert!(
        f.iter().any(|(e, v)| *e == entity && v == value),
        "expected {entity} {value:?} in {text:?}, got {f:?}"
    );
}

#[test]
fn dutch_and_polish_phone_numbers_read_out() {
    has(
        "mijn nummer is nul zes een twee drie vier vijf zes zeven acht dank u",
        EntityType::Phone,
        "nul zes een twee drie vier vijf zes zeven acht",
    );
    has(
        "zes twaalf vierendertig zesenvijftig achtenzeventig",
        EntityType::Phone,
        "zes twaalf vierendertig zesenvijftig achtenzeventig",
    );
    has(
        "mój numer to sześćset jeden dwieście trzydzieści cztery pięćset sześćdziesiąt siedem",
        EntityType::Phone,
        "sześćset jeden dwieście trzydzieści cztery pięćset sześćdziesiąt siedem",
    );
    has(
        "mi número es seiscientos doce trescientos cuarenta y cinco seis siete ocho",
        EntityType::Phone,
        "seiscientos doce trescientos cuarenta y cinco seis siete ocho",
    );
}

#[test]
fn emails_read_out_in_dutch_polish_and_brackets() {
    has(
        "mijn mail is daan punt visser apenstaartje voorbeeld punt nl",
        EntityType::Email,
        "daan punt visser apenstaartje voorbeeld punt nl",
    );
    has(
        "adres to jan kropka nowak małpa przyklad kropka pl",
        EntityType::Email,
        "jan kropka nowak małpa przyklad kropka pl",
    );
    has(
        "write to lily.morgan [at] example [dot] co [dot] uk",
        EntityType::Email,
        "lily.morgan [at] example [dot] co [dot] uk",
    );
    has(
        "GET /confirm?email=anna.schmidt%40gmail.com&lang=de",
        EntityType::Email,
        "anna.schmidt%40gmail.com",
    );
}

#[test]
fn role_mailboxes_are_kept() {
    assert!(found("write to reservations@hotel-adler.de or info@hotel-adler.de").is_empty());
    has(
        "from anna.schmidt@gmail.com",
        EntityType::Email,
        "anna.schmidt@gmail.com",
    );
}

#[test]
fn name_fields_of_vendor_payloads() {
    has("<GivenName>Lily</GivenName>", EntityType::Person, "Lily");
    has("<Surname>Morgan</Surname>", EntityType::Person, "Morgan");
    has(
        r#"<Card CardHolderName="Lily Morgan"/>"#,
        EntityType::Person,
        "Lily Morgan",
    );
    has(
        r#"{"voornaam": "Daan", "achternaam": "Visser"}"#,
        EntityType::Person,
        "Visser",
    );
    has(
        r#"{"imie": "Józef", "nazwisko": "Kowalczyk"}"#,
        EntityType::Person,
        "Kowalczyk",
    );
    has(
        "nazwisko=Kowalczyk imie=Józef",
        EntityType::Person,
        "Kowalczyk",
    );
    has(
        r#"{"titulaire": "Amélie Dubois"}"#,
        EntityType::Person,
        "Amélie Dubois",
    );
    has(
        r#"{"karteninhaber": "Jürgen Müller"}"#,
        EntityType::Person,
        "Jürgen Müller",
    );
    has(
        "first_name,last_name,email\nLily,Morgan,lily@example.com\n",
        EntityType::Person,
        "Morgan",
    );
    let json = serde_json::json!({"guest": {"fn": "Lily", "ln": "Morgan"}, "nazwisko": "Nowak"});
    let found = Detector::new().detect_json(&json);
    assert_eq!(found.iter().filter(|f| f.whole_value).count(), 3);
}

#[test]
fn spelled_names_cues_in_dutch_and_polish_and_places_kept() {
    has("my name is n o w a k", EntityType::Person, "n o w a k");
    has("se escribe j-o-s-é", EntityType::Person, "j-o-s-é");
    has(
        "ja goedemiddag met daan visser",
        EntityType::Person,
        "daan visser",
    );
    has(
        "dzwonię w imieniu pana kowalczyka",
        EntityType::Person,
        "kowalczyka",
    );
    has("nazywam się anna nowak", EntityType::Person, "anna nowak");
    has(
        "mijn naam is emma de jong",
        EntityType::Person,
        "emma de jong",
    );
    has(
        "IBAN: DE89  3704 0044  0532 0130 00",
        EntityType::Iban,
        "DE89  3704 0044  0532 0130 00",
    );
    assert!(
        found("Hotel Santa Maria Novella, chiesa di San Giovanni, Via Giuseppe Verdi 3").is_empty()
    );
    assert!(found("that's it, thanks").is_empty());
}

#[test]
fn the_answer_to_the_name_question_is_a_name() {
    let text = "Agent: Hotel Adler, good morning. May I have your name?\nCaller: lily morgan uh ringing about the room for friday";
    has(text, EntityType::Person, "lily morgan");
    let text = "Rezeption: Wie ist Ihr Name bitte?\nAnrufer: ja hallo jürgen müller hier";
    has(text, EntityType::Person, "jürgen müller");
    let text = "recepcja: jak się pan nazywa?\ngość: nazywam się józef kowalczyk";
    has(text, EntityType::Person, "józef kowalczyk");
    let text = "Agent: Which day do you arrive?\nCaller: friday the twelfth";
    assert!(found(text).is_empty());
}

#[test]
fn card_security_codes_after_a_cue() {
    has(
        "card 4111 1111 1111 1111 exp 12/27 CVV 123",
        EntityType::CreditCard,
        "123",
    );
    has("Prüfnummer: 4821", EntityType::CreditCard, "4821");
    has(
        "and the cvv is one two three",
        EntityType::CreditCard,
        "one two three",
    );
    has(
        "il codice di sicurezza è sette otto nove",
        EntityType::CreditCard,
        "sette otto nove",
    );
    has(
        "kod CVV to trzy dwa jeden",
        EntityType::CreditCard,
        "trzy dwa jeden",
    );
    assert!(found("room 123 on floor 2").is_empty());
}

#[test]
fn dates_of_birth_read_out() {
    has(
        "geboren am zwölften mai neunzehnhundertachtzig",
        EntityType::DateOfBirth,
        "zwölften mai neunzehnhundertachtzig",
    );
    has(
        "i was born on the twelfth of march nineteen eighty five",
        EntityType::DateOfBirth,
        "twelfth of march nineteen eighty five",
    );
    has(
        "née le douze mars mille neuf cent quatre-vingt-cinq",
        EntityType::DateOfBirth,
        "douze mars mille neuf cent quatre-vingt-cinq",
    );
    has(
        "sono nata il dodici marzo millenovecentottantacinque",
        EntityType::DateOfBirth,
        "dodici marzo millenovecentottantacinque",
    );
    has(
        "geboren op twaalf maart negentienhonderdvijfentachtig",
        EntityType::DateOfBirth,
        "twaalf maart negentienhonderdvijfentachtig",
    );
    has(
        "urodziłam się dwunastego marca tysiąc dziewięćset osiemdziesiątego piątego roku",
        EntityType::DateOfBirth,
        "dwunastego marca tysiąc dziewięćset osiemdziesiątego piątego",
    );
    assert!(found("the hotel was born as a monastery, rooms from march").is_empty());
}

#[test]
fn call_openings_query_keys_and_versions() {
    has(
        "caller: uh hi yeah this is tom becker calling about my booking",
        EntityType::Person,
        "tom becker",
    );
    has(
        "?guest_fn=Lily&guest_ln=Morgan&room=12",
        EntityType::Person,
        "Morgan",
    );
    assert!(found("app_version=10.2.3.4 build: 10.0.19045.3803").is_empty());
    has(
        "client ip=85.214.132.117",
        EntityType::IpAddress,
        "85.214.132.117",
    );
}
