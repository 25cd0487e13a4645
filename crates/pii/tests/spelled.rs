//! Spoken and spelled values accepted by their check digits, and national ids without a cue.

fn redact(text: &str) -> String {
    pii::redact_text(text, &pii::Operators::default())
}

#[test]
fn spoken_iban_letters_and_digits_become_one_iban() {
    // DE89 3704 0044 0532 0130 00
    let cases = [
        (
            "my iban is d e eight nine three seven zero four zero zero four four zero five three two zero one three zero zero zero thanks",
            "my iban is <IBAN> thanks",
        ),
        (
            "meine iban ist de acht neun drei sieben null vier null null vier vier null fünf drei zwei null eins drei null null null danke",
            "meine iban ist <IBAN> danke",
        ),
        (
            "iban delta echo eight nine three seven zero four zero zero four four zero five three two zero one three zero zero zero",
            "iban <IBAN>",
        ),
        // The country and check digits written, the rest read out.
        (
            "iban DE89 three seven zero four zero zero four four zero five three two zero one three zero zero zero ok",
            "iban <IBAN> ok",
        ),
        // GB82 WEST 1234 5698 7654 32, letters spelled in the middle.
        (
            "it's g b eight two w e s t one two three four five six nine eight seven six five four three two ok",
            "it's <IBAN> ok",
        ),
        // NL91 ABNA 0417 1643 00 in Dutch.
        (
            "mijn iban is n l eenennegentig a b n a nul vier een zeven een zes vier drie nul nul",
            "mijn iban is <IBAN>",
        ),
        // PL61 1090 1014 0000 0712 1981 2874 in Polish.
        (
            "numer konta p l sześćdziesiąt jeden jeden zero dziewięć zero jeden zero jeden cztery zero zero zero zero zero siedem jeden dwa jeden dziewięć osiem jeden dwa osiem siedem cztery",
            "numer konta <IBAN>",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(redact(text), expected, "{text}");
    }
}

#[test]
fn spoken_iban_with_a_wrong_digit_is_not_an_iban() {
    let text = "d e eight nine three seven zero four zero zero four four zero five three two zero one three zero zero one";
    let findings = pii::detector().detect(text);
    assert!(
        findings.iter().all(|f| f.entity != pii::EntityType::Iban),
        "{findings:?}"
    );
}

#[test]
fn spoken_national_ids_with_a_check() {
    let cases = [
        // PESEL 44051401359 read out in Polish.
        (
            "mój pesel cztery cztery zero pięć jeden cztery zero jeden trzy pięć dziewięć dziękuję",
            "mój pesel <NATIONAL_ID> dziękuję",
        ),
        // Spanish DNI 12345678Z spelled.
        (
            "mi dni es uno dos tres cuatro cinco seis siete ocho zeta vale",
            "mi dni es <NATIONAL_ID> vale",
        ),
        // The same, the letter said as a letter.
        (
            "el documento uno dos tres cuatro cinco seis siete ocho z gracias",
            "el documento <NATIONAL_ID> gracias",
        ),
        // French NIR 1 85 05 78 006 084 91 read out in pairs and triples.
        (
            "mon numéro de sécu un quatre-vingt-cinq zéro cinq soixante-dix-huit zéro zéro six zéro huit quatre quatre-vingt-onze merci",
            "mon numéro de sécu <NATIONAL_ID> merci",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(redact(text), expected, "{text}");
    }
}

#[test]
fn national_ids_without_a_cue() {
    let cases = [
        (
            "zameldowanie 44051401359 ok",
            "zameldowanie <NATIONAL_ID> ok",
        ),
        (
            "fiche 1 85 05 78 006 084 91 reçue",
            "fiche <NATIONAL_ID> reçue",
        ),
        ("fiche 185057800608491 reçue", "fiche <NATIONAL_ID> reçue"),
        (
            "inschrijving 85.07.30-033.28 ok",
            "inschrijving <NATIONAL_ID> ok",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(redact(text), expected, "{text}");
    }
}

#[test]
fn spelled_codice_fiscale_and_cued_belgian_number() {
    assert_eq!(
        redact("il codice è r s s m r a otto cinque t uno zero a cinque sei due s grazie"),
        "il codice è <NATIONAL_ID> grazie"
    );
    assert_eq!(
        redact("rijksregisternummer 85073003328"),
        "rijksregisternummer <NATIONAL_ID>"
    );
}

#[test]
fn spelling_alphabet_letter_names() {
    // NIE X1234567L, the X said as its Spanish name.
    assert_eq!(
        redact("mi nie es equis uno dos tres cuatro cinco seis siete l gracias"),
        "mi nie es <NATIONAL_ID> gracias"
    );
    // DNI 12345678Z with the German name of Z.
    assert_eq!(
        redact("die nummer eins zwei drei vier fünf sechs sieben acht zett danke"),
        "die nummer <NATIONAL_ID> danke"
    );
}

#[test]
fn polish_id_card_after_a_cue() {
    assert_eq!(
        redact("numer dowodu osobistego ABA300000"),
        "numer dowodu osobistego <NATIONAL_ID>"
    );
    // Wrong check digit: not a Polish ID card (a generic id shape after the cue may still be).
    let f = pii::detector().detect("booking ABA400000 confirmed");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn look_alikes_are_not_national_ids() {
    for text in [
        // Order and confirmation numbers (PESEL-valid digits after an order word).
        "order number 44051401359 shipped",
        "confirmation 44051401359",
        // Timestamps and ids with 11 digits.
        // PESEL-valid digits that read as a timestamp (2026-12-06 18:4…).
        "ts=20261206184 level=info",
        "2026120618345",
        // Phone numbers.
        "+44051401359",
        "call 48601234567",
        // Random 11- and 15-digit numbers.
        "ref 12345678901 and 123456789012345",
    ] {
        let f = pii::detector().detect(text);
        assert!(
            f.iter().all(|f| f.entity != pii::EntityType::NationalId),
            "{text}: {f:?}"
        );
    }
}
