//! Guest fields of the PMS vendors' payloads (Apaleo, Mews, OPERA Cloud, Cloudbeds, protel/OTA).

use serde_json::json;

fn redacted(v: &serde_json::Value) -> serde_json::Value {
    pii::redact_json(v, &pii::Operators::default())
}

#[test]
fn apaleo_guest_fields() {
    let out = redacted(&json!({"primaryGuest": {
        "firstName": "Józef", "lastName": "García", "secondLastName": "López",
        "birthLastName": "Nowicka", "motherLastName": "Kowalska", "middleInitial": "K",
        "identificationNumber": "XDA123456", "identificationAdditionalNumber": "A1234567",
        "personalTaxId": "12345678Z", "birthDate": "1985-03-12",
        "email": "jozef@example.pl", "phone": "+48 601 234 567"}}));
    let g = &out["primaryGuest"];
    for k in [
        "firstName",
        "lastName",
        "secondLastName",
        "birthLastName",
        "motherLastName",
        "middleInitial",
    ] {
        assert_eq!(g[k], "<PERSON>", "{k}");
    }
    for k in [
        "identificationNumber",
        "identificationAdditionalNumber",
        "personalTaxId",
    ] {
        assert_eq!(g[k], "<NATIONAL_ID>", "{k}");
    }
    assert_eq!(g["birthDate"], "<DATE_OF_BIRTH>");
}

#[test]
fn mews_opera_cloudbeds_guest_fields() {
    let out = redacted(&json!({
        "Customer": {"FirstName": "Anna", "LastName": "Visser", "SecondLastName": "de Vries"},
        "profileDetails": {"customer": {"personName": [{"givenName": "Lily", "surname": "Morgan"}]}},
        "guest": {"guestFirstName": "Daan", "guestLastName": "Bakker",
                  "guestCellPhone": "+31 6 12345678", "guestBirthdate": "1990-01-02",
                  "guestDocumentNumber": "NXC1P2R34"},
        "booking": {"Forename": "Jean", "Surname": "Dupont"}
    }));
    assert_eq!(out["Customer"]["SecondLastName"], "<PERSON>");
    assert_eq!(
        out["profileDetails"]["customer"]["personName"][0]["givenName"],
        "<PERSON>"
    );
    assert_eq!(out["guest"]["guestCellPhone"], "<PHONE>");
    assert_eq!(out["guest"]["guestBirthdate"], "<DATE_OF_BIRTH>");
    assert_eq!(out["guest"]["guestDocumentNumber"], "<NATIONAL_ID>");
    assert_eq!(out["booking"]["Forename"], "<PERSON>");
}

#[test]
fn ota_xml_forename_and_vendor_fields_in_text() {
    let xml = "<Customer><Forename>Jean</Forename><Surname>Dupont</Surname>\
               <Telefoonnummer>0612345678</Telefoonnummer></Customer>";
    let pl = pii::redact_json(
        &json!({"gosc": {"numerTelefonu": "601234567"}}),
        &pii::Operators::default(),
    );
    assert_eq!(pl["gosc"]["numerTelefonu"], "<PHONE>");
    let out = pii::redact_text(xml, &pii::Operators::default());
    assert!(!out.contains("Jean") && !out.contains("Dupont"), "{out}");
    assert!(!out.contains("0612345678"), "{out}");
}

#[test]
fn non_personal_fields_next_to_them_are_kept() {
    let v = json!({"guest": {"identificationType": "PassportNumber", "nationalityCountryCode": "PL",
                   "preferredLanguage": "pl", "title": "Mr"},
                   "property": {"name": "Hotel Anna Maria"}});
    assert_eq!(redacted(&v), v);
}
