//! Field names (JSON keys) whose whole value is personal data.

use crate::EntityType;

fn norm(k: &str) -> String {
    k.chars()
        .filter(|c| *c != '_' && *c != '-' && *c != ' ')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Field names (lower case, without `_`, `-` and spaces) whose whole value is a person's name.
pub(crate) const NAME_FIELDS: &[&str] = &[
    "firstname",
    "lastname",
    "firstnames",
    "lastnames",
    "givenname",
    "familyname",
    "middlename",
    "fullname",
    "surname",
    "maidenname",
    "birthname",
    "guestname",
    "guestfirstname",
    "guestlastname",
    "guestfullname",
    "bookername",
    "bookerfirstname",
    "bookerlastname",
    "contactname",
    "contactperson",
    "customername",
    "customerfirstname",
    "customerlastname",
    "travellername",
    "travelername",
    "passengername",
    "occupantname",
    "payername",
    "cardholder",
    "cardholdername",
    "holdername",
    "accountholder",
    "accountholdername",
    "primaryguestname",
    "mainguestname",
    "leadguestname",
    "personname",
    "displayname",
    "vorname",
    "nachname",
    "familienname",
    "prenom",
    "prénom",
    "nomdefamille",
    "nomcomplet",
    "cognome",
    "nomecompleto",
    "apellido",
    "apellidos",
    "nombrecompleto",
    // OTA and vendor payloads, abbreviated keys
    "guestgivenname",
    "guestsurname",
    "namefirst",
    "namelast",
    "fname",
    "lname",
    "guestfn",
    "guestln",
    "gfn",
    "gln",
    "firstnm",
    "lastnm",
    "cardholdernm",
    "cardowner",
    "cardownername",
    "nameoncard",
    "holder",
    // Dutch, French, Polish, German, Italian, Spanish field names
    "voornaam",
    "achternaam",
    "volledigenaam",
    "naamgast",
    "gastnaam",
    "tussenvoegsel",
    "kaarthouder",
    "rekeninghouder",
    "nomdusage",
    "nomdenaissance",
    "titulaire",
    "titulairecarte",
    "imie",
    "imię",
    "nazwisko",
    "imieinazwisko",
    "imięinazwisko",
    "posiadaczkarty",
    "gastname",
    "karteninhaber",
    "kontoinhaber",
    "inhaber",
    "nominativo",
    "intestatario",
    "titolare",
    "nombretitular",
    "titular",
    "titulartarjeta",
    "primerapellido",
    "segundoapellido",
    // Vendors' guest, booker, payer and card-holder fields (Apaleo `secondLastName`,
    // `birthLastName`, `motherLastName`; Mews `SecondLastName`; Cloudbeds `guestFirstName`;
    // OPERA `givenName`/`surname` inside `personName`; protel/OTA `Forename`, `GivenName`).
    "secondlastname",
    "secondsurname",
    "middleinitial",
    "birthfirstname",
    "birthlastname",
    "motherfirstname",
    "motherlastname",
    "fatherfirstname",
    "fatherlastname",
    "forename",
    "forenames",
    "guestmiddlename",
    "guestsecondlastname",
    "bookerfullname",
    "bookermiddlename",
    "contactfirstname",
    "contactlastname",
    "payerfirstname",
    "payerlastname",
    "holderfirstname",
    "holderlastname",
    "cardholderfirstname",
    "cardholderlastname",
    "accountholderfirstname",
    "accountholderlastname",
    "travellerfirstname",
    "travellerlastname",
    "travelerfirstname",
    "travelerlastname",
    "companionname",
    "companionfirstname",
    "companionlastname",
    "alternatename",
    "alternategivenname",
    "alternatesurname",
];

/// Generic field names that are a person's name only inside a person-like object.
pub(crate) const GENERIC_NAME_FIELDS: &[&str] = &[
    "name", "nom", "nome", "nombre", "first", "last", "given", "family", "middle", "full", "naam",
    "fn", "ln",
];

/// Keys (lower case, without `_`, `-` and spaces) of objects that describe a person.
pub(crate) const PERSON_PARENTS: &[&str] = &[
    "guest",
    "guests",
    "booker",
    "primaryguest",
    "mainguest",
    "leadguest",
    "additionalguests",
    "companions",
    "contact",
    "primarycontact",
    "maincontact",
    "customer",
    "traveller",
    "traveler",
    "travellers",
    "travelers",
    "person",
    "persons",
    "holder",
    "cardholder",
    "accountholder",
    "occupant",
    "occupants",
    "payer",
    "profile",
    "reservationholder",
    "client",
    "gast",
    "kunde",
    "ospite",
    "cliente",
    "huesped",
    "huésped",
    "passenger",
    "passengers",
    "name",
    "fullname",
    "guestname",
];

/// The entity type of a field's whole value, from its key (and its parent object's key for
/// generic keys like `name`), if the key says so and the value is plausible for that type.
pub(crate) fn whole_value_entity(
    key: &str,
    parent: Option<&str>,
    value: &str,
) -> Option<EntityType> {
    let k = norm(key);
    let v = value.trim();
    if v.is_empty() || v.starts_with(['<', '[', '*']) {
        return None;
    }
    let digits = v.bytes().filter(u8::is_ascii_digit).count();
    let letters = v.chars().filter(|c| c.is_alphabetic()).count();
    if NAME_FIELDS.contains(&k.as_str()) {
        return (letters > 0).then_some(EntityType::Person);
    }
    if GENERIC_NAME_FIELDS.contains(&k.as_str())
        && parent.is_some_and(|p| PERSON_PARENTS.contains(&norm(p).as_str()))
    {
        return (letters > 0).then_some(EntityType::Person);
    }
    if matches!(
        k.as_str(),
        "dateofbirth"
            | "birthdate"
            | "dob"
            | "birthday"
            | "geburtsdatum"
            | "datedenaissance"
            | "datadinascita"
            | "fechadenacimiento"
            | "fechanacimiento"
            | "guestbirthdate"
            | "guestdateofbirth"
            | "bookerbirthdate"
            | "geboortedatum"
            | "dataurodzenia"
    ) {
        return (digits >= 4).then_some(EntityType::DateOfBirth);
    }
    if matches!(
        k.as_str(),
        "email"
            | "emailaddress"
            | "mail"
            | "guestemail"
            | "contactemail"
            | "bookeremail"
            | "customeremail"
            | "guestemailaddress"
            | "customeremailaddress"
            | "primaryemail"
            | "secondaryemail"
            | "privateemail"
            | "personalemail"
            | "billingemail"
            | "holderemail"
            | "payeremail"
    ) {
        return v.contains('@').then_some(EntityType::Email);
    }
    if matches!(
        k.as_str(),
        "phone"
            | "phonenumber"
            | "mobile"
            | "mobilephone"
            | "mobilenumber"
            | "telephone"
            | "tel"
            | "cell"
            | "cellphone"
            | "fax"
            | "guestphone"
            | "contactphone"
            | "telefon"
            | "telefono"
            | "teléfono"
            | "telephonenumber"
            | "handy"
            | "guestcellphone"
            | "guestmobile"
            | "guestmobilephone"
            | "guestphonenumber"
            | "bookerphone"
            | "customerphone"
            | "cellphonenumber"
            | "mobilephonenumber"
            | "homephone"
            | "workphone"
            | "businessphone"
            | "primaryphone"
            | "telefonnummer"
            | "mobilnummer"
            | "telefoon"
            | "telefoonnummer"
            | "mobiel"
            | "numertelefonu"
            | "telefonkomorkowy"
            | "cellulare"
            | "movil"
            | "móvil"
    ) {
        return (digits >= 6).then_some(EntityType::Phone);
    }
    if matches!(
        k.as_str(),
        "cardnumber" | "pan" | "creditcard" | "creditcardnumber" | "ccnumber" | "kartennummer"
    ) {
        return (digits >= 12 && letters == 0).then_some(EntityType::CreditCard);
    }
    if matches!(k.as_str(), "iban" | "accountiban" | "bankaccount") {
        return (digits >= 8).then_some(EntityType::Iban);
    }
    if matches!(
        k.as_str(),
        "passport"
            | "passportnumber"
            | "passportno"
            | "passnummer"
            | "reisepassnummer"
            | "numeropasseport"
            | "numeropassaporto"
            | "numeropasaporte"
            | "passportid"
            | "paspoortnummer"
            | "numerpaszportu"
    ) {
        return (digits >= 1 && v.len() >= 5).then_some(EntityType::Passport);
    }
    if matches!(
        k.as_str(),
        "idnumber"
            | "nationalid"
            | "nationalidnumber"
            | "idcardnumber"
            | "documentnumber"
            | "identitycardnumber"
            | "ausweisnummer"
            | "personalausweisnummer"
            | "codicefiscale"
            | "fiscalcode"
            | "taxcode"
            | "dni"
            | "nie"
            | "nif"
            | "bsn"
            | "nino"
            | "nationalinsurancenumber"
            | "steuerid"
            | "taxid"
            | "identificationnumber"
            | "identificationadditionalnumber"
            | "guestdocumentnumber"
            | "guestidnumber"
            | "personaltaxid"
            | "taxidentificationnumber"
            | "pesel"
            | "nir"
            | "numerosecuritesociale"
            | "rijksregisternummer"
            | "numerdowodu"
            | "idcardno"
            | "documentno"
    ) {
        return (digits >= 1 && v.len() >= 5).then_some(EntityType::NationalId);
    }
    None
}
