//! Detector behaviour on hand-written hotel texts: what is found, what is not.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pii::{Detector, EntityType};

fn found(text: &str) -> Vec<(EntityType, String)> {
    Detector::new()
        .detect(text)
        .into_iter()
        .map(|f| (f.entity, f.text(text).to_owned()))
        .collect()
}

fn assert_finds(text: &str, entity: EntityType, value: &str) {
    let f = found(text);
    assert!(
        f.iter().any(|(e, v)| *e == entity && v == value),
        "expected {entity} {value:?} in {text:?}, got {f:?}"
    );
}

fn assert_clean(text: &str) {
    let f = found(text);
    assert!(f.is_empty(), "expected nothing in {text:?}, got {f:?}");
}

#[test]
fn emails_written_and_spoken() {
    assert_finds(
        "mail anna.schmidt@example.de today",
        EntityType::Email,
        "anna.schmidt@example.de",
    );
    assert_finds(
        "<jürgen.müller@bücher.de>",
        EntityType::Email,
        "jürgen.müller@bücher.de",
    );
    assert_finds(
        "it's anna dot schmidt at gmail dot com thanks",
        EntityType::Email,
        "anna dot schmidt at gmail dot com",
    );
    assert_finds(
        "das ist torben unterstrich rudolph ät t-online punkt de",
        EntityType::Email,
        "torben unterstrich rudolph ät t-online punkt de",
    );
    assert_finds(
        "c'est adele tiret bas mercier arobase gmail point com",
        EntityType::Email,
        "adele tiret bas mercier arobase gmail point com",
    );
    assert_finds(
        "è mario punto rossi chiocciola libero punto it",
        EntityType::Email,
        "mario punto rossi chiocciola libero punto it",
    );
    assert_finds(
        "es juan guion bajo garcia arroba hotmail punto es",
        EntityType::Email,
        "juan guion bajo garcia arroba hotmail punto es",
    );
}

#[test]
fn phones_international_and_national() {
    for (text, value) in [
        ("Call +49 171 2345678 please", "+49 171 2345678"),
        ("Tel. +49 (0)30 12345678", "+49 (0)30 12345678"),
        ("Tel: 0049 30 1234567", "0049 30 1234567"),
        ("Handy: 0171/2345678", "0171/2345678"),
        ("Büro (030) 1234567", "(030) 1234567"),
        ("UK +44 20 7946 0958", "+44 20 7946 0958"),
        ("mobile 07700 900123", "07700 900123"),
        ("portable 06 12 34 56 78", "06 12 34 56 78"),
        ("tél. 06.12.34.56.78", "06.12.34.56.78"),
        ("cellulare 333 123 4567", "333 123 4567"),
        ("móvil 612 34 56 78", "612 34 56 78"),
        ("ring +41 79 123 45 67", "+41 79 123 45 67"),
        ("bel 06-12345678", "06-12345678"),
        ("(+33) 6 12 34 56 78", "(+33) 6 12 34 56 78"),
        ("caller=+41792651676 call_id=x", "+41792651676"),
        ("+1 212 555 0199", "+1 212 555 0199"),
    ] {
        assert_finds(text, EntityType::Phone, value);
    }
}

#[test]
fn phones_spoken_in_five_languages() {
    for text in [
        "plus four nine one seven one two three four five six seven eight",
        "oh seven seven double oh nine hundred",
        "null eins sieben eins, zwei drei vier, fünf sechs sieben acht",
        "zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit",
        "tre tre tre, uno due tre, quattro cinque sei sette",
        "seis uno dos, treinta y cuatro, cincuenta y seis, setenta y ocho",
        "más tres cuatro seis uno dos tres cuatro cinco seis siete ocho",
    ] {
        let f = found(&format!("my number is {text}."));
        if text.contains("hundred") {
            continue; // "hundred" ends the run: only 6 digits, not a number
        }
        assert!(
            f.iter()
                .any(|(e, v)| *e == EntityType::Phone && v.len() >= text.len() - 2),
            "{text}: {f:?}"
        );
    }
}

#[test]
fn spoken_card_numbers_are_cards() {
    assert_finds(
        "the card number is four one one one, one one one one, one one one one, one one one one",
        EntityType::CreditCard,
        "four one one one, one one one one, one one one one, one one one one",
    );
    assert_finds(
        "le numéro est quarante, zéro deux, dix-sept, zéro quatre, vingt-quatre, quatre-vingt-sept, cinq",
        EntityType::CreditCard,
        "quarante, zéro deux, dix-sept, zéro quatre, vingt-quatre, quatre-vingt-sept, cinq",
    );
}

#[test]
fn spoken_confirmation_numbers_are_not_phones() {
    assert_clean("your confirmation number is four eight two one three three seven seven");
    assert_clean("Ihre Bestätigungsnummer lautet neun neun acht, vier sechs eins, null drei fünf");
    assert_clean("two adults and one child for three nights, room four one two");
}

#[test]
fn cards_with_luhn_and_current_iin_ranges() {
    for pan in [
        "4111 1111 1111 1111",
        "5555-5555-5555-4444",
        "2223003122003222",
        "2720 9900 0000 0007",
        "3782 822463 10005",
        "6011 1111 1111 1117",
        "3530 1113 3330 0000",
        "4131034282458809939",
        "6759 6498 2643 8453",
        "3056 9309 0259 04",
    ] {
        assert_finds(
            &format!("card {pan} exp 12/27"),
            EntityType::CreditCard,
            pan,
        );
    }
    // Luhn-invalid, unknown IIN, too short
    assert_clean("ref 4111 1111 1111 1112");
    assert_clean("id 1234567812345670");
}

#[test]
fn ibans_of_sepa_countries() {
    for iban in [
        "DE89 3704 0044 0532 0130 00",
        "GB82WEST12345698765432",
        "FR14 2004 1010 0505 0001 3M02 606",
        "IT60 X054 2811 1010 0000 0123 456",
        "ES91 2100 0418 4502 0005 1332",
        "NL91ABNA0417164300",
        "CH93 0076 2011 6238 5295 7",
        "AT61 1904 3002 3457 3201",
        "BE68 5390 0754 7034",
        "PT50 0002 0123 1234 5678 9015 4",
        "NO93 8601 1117 947",
        "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
    ] {
        assert_finds(&format!("IBAN {iban}, thanks"), EntityType::Iban, iban);
    }
    assert_clean("IBAN DE89 3704 0044 0532 0130 01");
}

#[test]
fn ip_addresses_but_not_loopback_or_times() {
    assert_finds("from 203.0.113.7 at", EntityType::IpAddress, "203.0.113.7");
    assert_finds(
        "client 2001:db8::8a2e:370:7334 said",
        EntityType::IpAddress,
        "2001:db8::8a2e:370:7334",
    );
    assert_finds(
        "[fe80::1ff:fe23:4567:890a]:443",
        EntityType::IpAddress,
        "fe80::1ff:fe23:4567:890a",
    );
    assert_clean("listening on 127.0.0.1:8080 and 0.0.0.0:9090 and ::1");
    assert_clean("at 10:30:00, crate std::io::Error, mac 00:1a:2b:3c:4d:5e");
    assert_clean("version 1.2.3.4.5, OID 1.3.6.1.4.1");
}

#[test]
fn dates_of_birth_only_in_context() {
    for (text, value) in [
        ("I was born on 12 March 1985.", "12 March 1985"),
        ("DOB: 03/12/1985", "03/12/1985"),
        ("geboren am 12.03.1985", "12.03.1985"),
        ("Geburtsdatum: 12. März 1985", "12. März 1985"),
        ("née le 3 mars 1985", "3 mars 1985"),
        ("data di nascita: 12/03/1985", "12/03/1985"),
        (
            "fecha de nacimiento: 12 de marzo de 1985",
            "12 de marzo de 1985",
        ),
        ("nací el 3 de abril de 1955", "3 de abril de 1955"),
        (r#""dateOfBirth": "1985-03-12""#, "1985-03-12"),
        ("born on March 12th, 1985", "March 12th, 1985"),
    ] {
        assert_finds(text, EntityType::DateOfBirth, value);
    }
    assert_clean("Arrival 12.03.2026, departure 2026-03-15, check-in 12 March 2026");
}

#[test]
fn national_ids_and_passports() {
    assert_finds(
        "Codice fiscale RSSMRA85T10A562S",
        EntityType::NationalId,
        "RSSMRA85T10A562S",
    );
    assert_finds("DNI 12345678Z", EntityType::NationalId, "12345678Z");
    assert_finds("NIE X1234567L", EntityType::NationalId, "X1234567L");
    assert_finds(
        "NINO AB 12 34 56 C",
        EntityType::NationalId,
        "AB 12 34 56 C",
    );
    assert_finds("Ausweis T220001293", EntityType::NationalId, "T220001293");
    assert_finds(
        "MRZ serial T220001293 seen",
        EntityType::NationalId,
        "T220001293",
    );
    assert_finds("BSN 111222333", EntityType::NationalId, "111222333");
    assert_finds(
        "Steuer-ID 86095742719",
        EntityType::NationalId,
        "86095742719",
    );
    assert_finds(
        "carte d'identité n° 880692310285",
        EntityType::NationalId,
        "880692310285",
    );
    assert_finds(
        "Passport number: C01X00T47",
        EntityType::Passport,
        "C01X00T47",
    );
    assert_finds("passeport 12AB34567", EntityType::Passport, "12AB34567");
    assert_finds("passaporto YA1234567", EntityType::Passport, "YA1234567");
    assert_finds("pasaporte PAA123456", EntityType::Passport, "PAA123456");
    assert_finds(
        "UK passport no. 532304306",
        EntityType::Passport,
        "532304306",
    );
    assert_finds(
        r#""passportNumber": "C01X00T47""#,
        EntityType::Passport,
        "C01X00T47",
    );
    assert_finds(
        r#""IdentityCard": {"Number": "CP099YPF0"}"#,
        EntityType::NationalId,
        "CP099YPF0",
    );
    // Without a document cue an ambiguous 9-character code is not an ID.
    assert_clean("code C01X00T47 ok");
    // A wrong DNI letter is not a DNI.
    assert_clean("ref 12345678A");
}

#[test]
fn person_names_after_cues_and_in_fields() {
    for (text, value) in [
        (
            "My name is Anna Schmidt and I arrive tomorrow",
            "Anna Schmidt",
        ),
        ("my name is anna schmidt and i arrive", "anna schmidt"),
        (
            "Ich heiße Jürgen Müller-Lüdenscheidt.",
            "Jürgen Müller-Lüdenscheidt",
        ),
        ("Mein Name ist Hans von der Heide", "Hans von der Heide"),
        ("je m'appelle Marie Dupont", "Marie Dupont"),
        ("mi chiamo Mario Rossi", "Mario Rossi"),
        ("me llamo Juan García López", "Juan García López"),
        ("Dear Mr. O'Brien,", "O'Brien"),
        ("Dear Mr King,", "King"),
        ("Sehr geehrte Frau Müller,", "Müller"),
        ("Lieber Alberto,", "Alberto"),
        ("Best regards,\nAnna Schmidt", "Anna Schmidt"),
        ("Mit freundlichen Grüßen\nJörg Weber", "Jörg Weber"),
        ("Beste Grüße,\nErnst-Otto Johann", "Ernst-Otto Johann"),
        ("Name: Anna Schmidt", "Anna Schmidt"),
        (
            "hi, I am marion howard, I'd like to change",
            "marion howard",
        ),
        (
            "May I have your name, please?\nCaller: Luc Bailly.",
            "Luc Bailly",
        ),
        ("I am travelling with Josephine Lewis.", "Josephine Lewis"),
        ("Viajo con Mayte Prieto.", "Mayte Prieto"),
        ("created reservation for Hélène Colin id=X", "Hélène Colin"),
        ("Lindsey Palmer will arrive around 22:00.", "Lindsey Palmer"),
        ("Maria Rossi arriverà tardi", "Maria Rossi"),
        (r#"{"firstName": "Anna", "x": 1}"#, "Anna"),
        (r#"{"lastName":"van der Berg"}"#, "van der Berg"),
        (
            r#"{"guest": {"name": "Anna van der Berg"}}"#,
            "Anna van der Berg",
        ),
        (
            r#"{"guests": [{"id": 1}, {"name": "Max Mustermann"}]}"#,
            "Max Mustermann",
        ),
        (
            "level=info guest_name=Anna Schmidt room=412",
            "Anna Schmidt",
        ),
        (r#"guest_name="Anna Schmidt""#, "Anna Schmidt"),
        (
            r#"Guest { first_name: "Anna", last_name: "Schmidt" }"#,
            "Anna",
        ),
        (r#""FirstName":"August""#, "August"),
    ] {
        assert_finds(text, EntityType::Person, value);
    }
}

#[test]
fn no_names_in_ordinary_text() {
    assert_clean("This is Hotel Adlon, how can I help?");
    assert_clean("Hi there, this is the front desk.");
    assert_clean(
        r#"{"hotelName": "Adlon", "ratePlan": {"name": "Flexible"}, "unitGroup": {"name": "Double Room"}}"#,
    );
    assert_clean("Dear Guest,\nthank you for your booking.");
    assert_clean(r#"{"firstName": "<PERSON>", "lastName": "<PERSON:3f2a9c1d>"}"#);
    assert_clean("I'm calling about my booking");
    assert_clean("Best regards,\nThe Reservations Team");
}

#[test]
fn look_alikes_are_not_pii() {
    for text in [
        "Booking XPGMSXGF-1, BER-XPGMSXGF-1, room 412, Zimmer 1203",
        "Price EUR 1.234,50 or €189.00 or 189,00 € or CHF 2'450.00 per night",
        "Arrival 12.03.2026, departure 2026-03-15, from 12/03 to 15/03 at 14:30",
        "uuid 3f2a9c1d-1b2c-4d5e-8f90-123456789abc trace_id=ec3b96054274a3ebed84e91ef132bf2d",
        "Invoice INV-2026-000123, RE-2026-04711, flight LH 1234, train ICE 578",
        "Confirmation number 4821337712. Booking number: 123456789",
        "Hotel Adlon, Unter den Linden 77, 10117 Berlin",
        "2026-11-26T10:15:30.123456Z INFO pms_http::client: pms call finished latency_ms=245 reservation_id=XPGMSXGF-1",
        r#"{"timestamp":"2026-11-26T10:57:12.880803Z","level":"DEBUG","fields":{"message":"ok","latency_ms":1813},"target":"gateway::http"}"#,
        "Your card ending in 4444 was pre-authorised; **** **** **** 4444",
        "version=1.13.2 commit=8f3c2a1b9d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a",
        "2 adults, 1 child, 3 nights, 4 rooms on floors 1 2 3 4",
    ] {
        assert_clean(text);
    }
}

#[test]
fn spans_are_char_boundaries_and_sorted() {
    let text = "Grüße – Jürgen: +49 171 2345678 · jürgen@bücher.de · 🏨 Zimmer 12 · IBAN DE89 3704 0044 0532 0130 00";
    let f = Detector::new().detect(text);
    assert!(f.len() >= 3);
    for w in f.windows(2) {
        assert!(w[0].end <= w[1].start);
    }
    for x in &f {
        assert!(text.is_char_boundary(x.start) && text.is_char_boundary(x.end));
    }
}

#[test]
fn entity_filter_and_threshold() {
    let text = "anna@example.de +49 171 2345678";
    let only_email = Detector::with_entities(&[EntityType::Email]).detect(text);
    assert_eq!(only_email.len(), 1);
    assert_eq!(only_email[0].entity, EntityType::Email);
    let strict = Detector::new()
        .min_score(0.99)
        .detect("Name: Anna Schmidt, card 4111 1111 1111 1111");
    assert_eq!(strict.len(), 1);
    assert_eq!(strict[0].entity, EntityType::CreditCard);
}

#[test]
fn json_values() {
    let v: serde_json::Value = serde_json::json!({
        "primaryGuest": {"firstName": "Anna", "lastName": "Schmidt", "email": "anna@example.de", "birthDate": "1985-03-12"},
        "guests": [{"name": "Max Mustermann"}],
        "ratePlan": {"name": "Flexible"},
        "comment": "call back on +49 171 2345678",
        "payment": {"cardNumber": 4111111111111111u64},
        "roomNumber": "412"
    });
    let f = Detector::new().detect_json(&v);
    let mut got: Vec<(String, EntityType, bool)> = f
        .iter()
        .map(|j| (j.pointer.clone(), j.finding.entity, j.whole_value))
        .collect();
    got.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        got,
        vec![
            ("/comment".to_owned(), EntityType::Phone, false),
            ("/guests/0/name".to_owned(), EntityType::Person, true),
            (
                "/payment/cardNumber".to_owned(),
                EntityType::CreditCard,
                true
            ),
            (
                "/primaryGuest/birthDate".to_owned(),
                EntityType::DateOfBirth,
                true
            ),
            ("/primaryGuest/email".to_owned(), EntityType::Email, true),
            (
                "/primaryGuest/firstName".to_owned(),
                EntityType::Person,
                true
            ),
            (
                "/primaryGuest/lastName".to_owned(),
                EntityType::Person,
                true
            ),
        ]
    );
}
