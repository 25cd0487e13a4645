//! Personal values in URLs and URL-carrying log fields: query and fragment parameters named
//! after a person or contact field in the seven languages, abbreviated keys, percent-encoded
//! and `+`-joined values, path segments; and the booking parameters that must stay.

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
        "{entity:?} {value:?} not found in {text:?}: {f:?}"
    );
}

fn person(text: &str, value: &str) {
    has(text, EntityType::Person, value);
}

#[test]
fn english_keys() {
    let u = "https://hotel.example/cb?first_name=Anna&last_name=Schmidt&lang=de";
    person(u, "Anna");
    person(u, "Schmidt");
    person(
        "https://x.example/r?guest=Connor%20William%20Jones&room=304",
        "Connor%20William%20Jones",
    );
    person("https://x.example/r?fullName=Anna+Schmidt", "Anna+Schmidt");
    person("https://x.example/r?fn=Anna&ln=Schmidt", "Schmidt");
    person("https://x.example/r?guest_fn=Anna&guest_ln=Schmidt", "Anna");
    person("https://x.example/r?surname=O%27Brien", "O%27Brien");
    person(
        "https://x.example/r?holder=Anna%20Schmidt",
        "Anna%20Schmidt",
    );
    has(
        "https://x.example/r?em=anna.schmidt%40example.com",
        EntityType::Email,
        "anna.schmidt%40example.com",
    );
    has(
        "https://x.example/r?mob=%2B447700900123",
        EntityType::Phone,
        "%2B447700900123",
    );
    has(
        "https://x.example/r?dob=1975-02-05&adults=2",
        EntityType::DateOfBirth,
        "1975-02-05",
    );
    has(
        "https://x.example/r?passport=V2780168",
        EntityType::Passport,
        "V2780168",
    );
}

#[test]
fn german_keys() {
    let u = "https://hotel.example/de/rueckruf?vorname=J%C3%BCrgen&nachname=M%C3%BCller&lang=de";
    person(u, "J%C3%BCrgen");
    person(u, "M%C3%BCller");
    has(
        "https://x.example/r?telefon=%2B49%2030%201234567",
        EntityType::Phone,
        "%2B49%2030%201234567",
    );
    has(
        "https://x.example/r?handy=0171%202345678",
        EntityType::Phone,
        "0171%202345678",
    );
    has(
        "https://x.example/r?geburtsdatum=12.03.1985",
        EntityType::DateOfBirth,
        "12.03.1985",
    );
}

#[test]
fn french_keys() {
    let u = "https://hotel.example/fr/rappel?pr%C3%A9nom=Am%C3%A9lie&nom=Traor%C3%A9";
    person(u, "Am%C3%A9lie");
    person(u, "Traor%C3%A9");
    has(
        "https://x.example/r?courriel=amelie%40orange.fr",
        EntityType::Email,
        "amelie%40orange.fr",
    );
    has(
        "https://x.example/r?t%C3%A9l%C3%A9phone=%2B33612345678",
        EntityType::Phone,
        "%2B33612345678",
    );
}

#[test]
fn italian_keys() {
    let u = "https://hotel.example/it/richiamata?nome=Giulia&cognome=Bianchi&lingua=it";
    person(u, "Giulia");
    person(u, "Bianchi");
    has(
        "https://x.example/r?cellulare=%2B393471234567",
        EntityType::Phone,
        "%2B393471234567",
    );
    has(
        "https://x.example/r?codice_fiscale=RSSMRA85C12H501Z",
        EntityType::NationalId,
        "RSSMRA85C12H501Z",
    );
}

#[test]
fn spanish_keys() {
    let u = "https://hotel.example/es/llamada?nombre=Ra%C3%BAl&apellido=Zhang+Navarro";
    person(u, "Ra%C3%BAl");
    person(u, "Zhang+Navarro");
    has(
        "https://x.example/r?correo=raul%40yahoo.es",
        EntityType::Email,
        "raul%40yahoo.es",
    );
    has(
        "https://x.example/r?dni=12345678Z",
        EntityType::NationalId,
        "12345678Z",
    );
}

#[test]
fn dutch_keys() {
    let u = "https://hotel.example/nl/terugbellen?voornaam=Sander&achternaam=de%20Boer";
    person(u, "Sander");
    person(u, "de%20Boer");
    has(
        "https://x.example/r?telefoon=0612345678",
        EntityType::Phone,
        "0612345678",
    );
    has(
        "https://x.example/r?bsn=123456782",
        EntityType::NationalId,
        "123456782",
    );
}

#[test]
fn polish_keys() {
    let u = "https://hotel.example/pl/oddzwonienie?imie=Ma%C5%82gorzata&nazwisko=W%C3%B3jcik";
    person(u, "Ma%C5%82gorzata");
    person(u, "W%C3%B3jcik");
    person("https://x.example/r?imi%C4%99=Barbara", "Barbara");
    has(
        "https://x.example/r?nr_telefonu=%2B48601234567",
        EntityType::Phone,
        "%2B48601234567",
    );
    has(
        "https://x.example/r?pesel=85031212345",
        EntityType::NationalId,
        "85031212345",
    );
}

#[test]
fn path_segments_fragments_and_log_fields() {
    person(
        "https://x.example/profile/jan-kowalski/bookings",
        "jan-kowalski",
    );
    person(
        "https://x.example/guests/Anna.Schmidt?tab=stays",
        "Anna.Schmidt",
    );
    has(
        "https://x.example/guests/anna.schmidt@example.com/reservations",
        EntityType::Email,
        "anna.schmidt@example.com",
    );
    has(
        "https://x.example/email/anna%40example.de",
        EntityType::Email,
        "anna%40example.de",
    );
    person(
        "https://x.example/app#/callback?name=Koen%20Willems",
        "Koen%20Willems",
    );
    person(
        "https://x.example/app#guest_name=Koen+Willems",
        "Koen+Willems",
    );
    has(
        "INFO http.access method=GET path=\"/v2/guests?email=begum.joao%40btinternet.com&page=1\"",
        EntityType::Email,
        "begum.joao%40btinternet.com",
    );
    person(
        "WARN redirect url=https://x.example/cb?last_name=Evans status=302",
        "Evans",
    );
    // A URL nested in another URL's parameter, encoded once more.
    person(
        "https://sso.example/login?next=https%3A%2F%2Fx.example%2Fcb%3Fname%3DAnna%2520Schmidt",
        "Anna%2520Schmidt",
    );
    person("https://x.example/r?guest[first_name]=Anna", "Anna");
    person("https://x.example/r?a=1&amp;last_name=Schmidt", "Schmidt");
}

#[test]
fn booking_urls_stay() {
    for text in [
        "https://hotel.example/booking/confirm?ref=BK-12296&arrival=2027-01-05&nights=3&room=DBL",
        "https://api.example/v1/hotels/BER/offers?arrival=2027-01-05&adults=2",
        "https://hotel.example/de/?utm_source=google&utm_medium=cpc&utm_campaign=spring24&lang=de",
        "https://hotel.example/rooms?hotel=BER&page=2&sort=name&order=asc&room_type=Deluxe",
        "https://hotel.example/cb?session_id=9f86d081884c7d65&sid=3f9a77c2&hash=e3b0c44298fc1c14",
        "https://cdn.example/assets/app.js?v=3.27.4&version=1.14.5",
        "https://hotel.example/guests/search?q=&page=1",
        "https://hotel.example/guests/4685205/reservations",
        "https://hotel.example/customers/new-booking",
        "https://hotel.example/r?name=asc&first=true&last=false&guest=2&guests=3",
        "https://hotel.example/r?user_id=12345&guest_id=4685205&booking_id=98485",
        "https://hotel.example/hotels/hotel-de-roode-roos/rooms/deluxe-double",
        "GET /fr/booking/confirm?ref=BLUNS9 HTTP/1.1",
        "https://hotel.example/rates?name=Deluxe+Double+Room&hotel_name=Hotel%20Adler",
        "https://hotel.example/r?name=Hotel+Adler&plan=Standard",
        "https://hotel.example/r?lastname=&email=&phone=",
        "https://hotel.example/r?first_name=%7B%7Bfirst_name%7D%7D&email=%24email",
    ] {
        assert!(found(text).is_empty(), "{text:?}: {:?}", found(text));
    }
}
