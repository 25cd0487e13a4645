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
    let v = value.trim();
    if v.is_empty() || v.starts_with(['<', '[', '*']) {
        return None;
    }
    let entity = field_entity(key, parent)?;
    let digits = v.bytes().filter(u8::is_ascii_digit).count();
    let letters = v.chars().filter(|c| c.is_alphabetic()).count();
    let plausible = match entity {
        EntityType::Person => letters > 0,
        EntityType::DateOfBirth => digits >= 4,
        EntityType::Email => v.contains('@'),
        EntityType::Phone => digits >= 6,
        EntityType::CreditCard => digits >= 12 && letters == 0,
        EntityType::Iban => digits >= 8,
        EntityType::Passport => digits >= 1 && v.len() >= 5,
        EntityType::NationalId => digits >= 1 && v.len() >= 5,
        _ => false,
    };
    plausible.then_some(entity)
}

/// What a field holds, from its key alone (and its parent object's key for generic keys like
/// `name`): the tables of [`whole_value_entity`], without looking at a value.
pub(crate) fn field_entity(key: &str, parent: Option<&str>) -> Option<EntityType> {
    let k = norm(key);
    if NAME_FIELDS.contains(&k.as_str()) {
        return Some(EntityType::Person);
    }
    if GENERIC_NAME_FIELDS.contains(&k.as_str())
        && parent.is_some_and(|p| PERSON_PARENTS.contains(&norm(p).as_str()))
    {
        return Some(EntityType::Person);
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
        return Some(EntityType::DateOfBirth);
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
        return Some(EntityType::Email);
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
        return Some(EntityType::Phone);
    }
    if matches!(
        k.as_str(),
        "cardnumber" | "pan" | "creditcard" | "creditcardnumber" | "ccnumber" | "kartennummer"
    ) {
        return Some(EntityType::CreditCard);
    }
    if matches!(k.as_str(), "iban" | "accountiban" | "bankaccount") {
        return Some(EntityType::Iban);
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
        return Some(EntityType::Passport);
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
        return Some(EntityType::NationalId);
    }
    None
}

/// Words a URL parameter's key may start with before the field it names (`guest_fn`,
/// `bookerEmail`, `contact_tel`): the rest of the key is looked up again.
const URL_KEY_PREFIXES: &[&str] = &[
    "guest",
    "gast",
    "ospite",
    "huesped",
    "gosc",
    "booker",
    "contact",
    "customer",
    "cust",
    "holder",
    "payer",
    "traveller",
    "traveler",
    "passenger",
    "primary",
    "main",
    "lead",
    "my",
    "your",
];

/// Short and bare keys of URL parameters (lower case, without `_`, `-` and spaces) and what
/// their value is, beyond the field names of [`whole_value_entity`].
fn url_short_key(k: &str) -> Option<EntityType> {
    Some(match k {
        "fn" | "ln" | "gn" | "sn" | "mn" | "fnm" | "lnm" | "first" | "last" | "given"
        | "family" | "name" | "names" | "nom" | "nome" | "nombre" | "naam" | "guest" | "gast"
        | "ospite" | "huesped" | "huésped" | "holder" | "prenom" | "prénom" | "imię" | "imie"
        | "gość" | "gosc" | "fullnm" | "lastname1" | "lastname2" | "apellido1" | "apellido2" => {
            EntityType::Person
        }
        "em" | "mail" | "email" | "emailaddr" | "emailadres" | "correo" | "correoelectronico"
        | "courriel" | "adressemail" | "adresseemail" | "posta" | "postaelettronica" => {
            EntityType::Email
        }
        "ph" | "phn" | "mob" | "mobil" | "mobile" | "tel" | "tél" | "phone" | "telefon"
        | "telefono" | "teléfono" | "telephone" | "téléphone" | "telefoon" | "telefonu"
        | "nrtelefonu" | "numertelefonu" | "handy" | "cell" | "gsm" | "portable" | "cellulare"
        | "movil" | "móvil" | "msisdn" | "telnr" | "phoneno" | "telno" | "mobileno" => {
            EntityType::Phone
        }
        "dob" | "birth" | "born" | "bday" | "birthdate" | "dateofbirth" | "geburtsdatum"
        | "gebdatum" | "geboren" | "naissance" | "datenaissance" | "nascita" | "nacimiento"
        | "fnac" | "geboortedatum" | "urodzenia" | "dataurodzenia" => EntityType::DateOfBirth,
        "passport" | "passportno" | "passno" | "passnr" | "reisepass" | "passeport"
        | "passaporto" | "pasaporte" | "paspoort" | "paszport" => EntityType::Passport,
        "dni" | "nie" | "nif" | "pesel" | "bsn" | "nir" | "cf" | "codicefiscale" | "ausweis"
        | "ausweisnr" | "idnr" | "idno" | "idcard" | "nationalid" | "personalid" | "dowod"
        | "dowód" | "documentnumber" | "docnumber" | "docno" | "documentno" => {
            EntityType::NationalId
        }
        _ => return None,
    })
}

/// The entity type of a URL parameter's value (`?first_name=Anna`, `&em=a%40b.de`,
/// `#guest_fn=Anna`) from its (decoded) key and decoded value, if the key names a person or
/// contact field and the value has that field's shape. Stricter about the value than
/// [`whole_value_entity`]: URL parameters are often enums and flags (`name=asc`, `first=true`).
pub(crate) fn url_value_entity(key: &str, value: &str) -> Option<EntityType> {
    let k = norm(key);
    if k.is_empty() || k.len() > 40 {
        return None;
    }
    let entity = url_key_entity(&k).or_else(|| {
        URL_KEY_PREFIXES.iter().find_map(|p| {
            let rest = k.strip_prefix(p)?;
            (!rest.is_empty() && rest != "id").then(|| url_key_entity(rest))?
        })
    })?;
    let v = value.trim();
    // A bare `name=` may name a room, a rate or a hotel (`name=Deluxe+Room`, `name=Hotel+Adler`).
    let generic = GENERIC_NAME_FIELDS.contains(&k.as_str())
        || matches!(k.as_str(), "names" | "guest" | "gast" | "ospite" | "holder");
    if entity == EntityType::Person
        && generic
        && v.split([' ', '-'])
            .any(|w| w.len() >= 4 && crate::detect::person::is_stop(w))
    {
        return None;
    }
    url_value_fits(entity, v).then_some(entity)
}

/// What a (normalised) key names, from the shared field tables or the URL short keys. Card
/// number fields are left to the card recognizer, which finds a number by its Luhn digit
/// wherever it stands.
fn url_key_entity(k: &str) -> Option<EntityType> {
    field_entity(k, Some("guest"))
        .filter(|e| *e != EntityType::CreditCard)
        .or_else(|| url_short_key(k))
}

/// Words that are URL parameter values, never names (`name=asc`, `first=true`).
const NOT_NAME_VALUES: &[&str] = &[
    "true",
    "false",
    "null",
    "none",
    "undefined",
    "asc",
    "desc",
    "yes",
    "no",
    "on",
    "off",
    "all",
    "any",
    "default",
    "test",
    "unknown",
    "anonymous",
    "guest",
    "name",
    "search",
    "new",
    "edit",
];

fn url_value_fits(entity: EntityType, v: &str) -> bool {
    if v.is_empty() || v.len() > 120 || v.starts_with(['<', '[', '*', '{', '$']) {
        return false;
    }
    let digits = v.bytes().filter(u8::is_ascii_digit).count();
    match entity {
        EntityType::Person => {
            let words: Vec<&str> = v.split_whitespace().collect();
            let letters = v.chars().filter(|c| c.is_alphabetic()).count();
            digits == 0
                && letters >= 2
                && (1..=6).contains(&words.len())
                && v.chars().all(|c| {
                    c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.' | ',')
                })
                && !(words.len() == 1
                    && NOT_NAME_VALUES.contains(&words[0].to_lowercase().as_str()))
                // All lower case (`name=deluxe`): only with a listed name in it.
                && (v.chars().any(char::is_uppercase)
                    || words.iter().any(|w| {
                        w.split(['-', '\'', '’', '.', ','])
                            .any(|p| crate::detect::names::is_listed_name(&crate::known::fold::fold(p)))
                    }))
        }
        EntityType::Email => {
            let mut parts = v.split('@');
            let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next())
            else {
                return false;
            };
            !local.is_empty()
                && domain.contains('.')
                && !v
                    .chars()
                    .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
        }
        EntityType::Phone => {
            (7..=16).contains(&digits)
                && v.chars().all(|c| {
                    c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.' | '/')
                })
        }
        EntityType::DateOfBirth => {
            (4..=8).contains(&digits)
                && v.len() <= 12
                && v.chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '/' | ' '))
        }
        EntityType::Passport | EntityType::NationalId => {
            digits >= 1
                && (5..=24).contains(&v.len())
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ' ' | '.'))
        }
        EntityType::CreditCard => {
            (12..=19).contains(&digits)
                && v.chars()
                    .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
        }
        EntityType::Iban => digits >= 8 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == ' '),
        _ => false,
    }
}
