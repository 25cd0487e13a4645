//! Validation of `BookerModel` / `GuestModel` objects.

use serde_json::{Map, Value};

use crate::query::pascal;

const STRING_FIELDS: &[&str] = &[
    "firstName",
    "middleInitial",
    "lastName",
    "secondLastName",
    "email",
    "phone",
    "nationalityCountryCode",
    "identificationNumber",
    "identificationAdditionalNumber",
    "identificationIssueDate",
    "identificationExpiryDate",
    "identificationIssuePlace",
    "personalTaxId",
    "preferredLanguage",
    "birthDate",
    "birthPlace",
    "birthFirstName",
    "birthLastName",
    "motherFirstName",
    "motherLastName",
    "borderCrossingPlace",
    "borderCrossingDate",
    "nextDestination",
];

const TITLES: &[&str] = &["Mr", "Ms", "Dr", "Prof", "Mrs", "Other"];
const GENDERS: &[&str] = &["Female", "Male", "Other", "Unknown"];

/// Whether `email` passes .NET's `EmailAddressAttribute` (one `@`, not at either end).
pub(crate) fn is_email(email: &str) -> bool {
    email.matches('@').count() == 1 && !email.starts_with('@') && !email.ends_with('@')
}

fn is_alpha2(value: &str) -> bool {
    value.len() == 2 && value.chars().all(|c| c.is_ascii_alphabetic())
}

/// Validates a person object at `path` (e.g. `Reservations[0].PrimaryGuest`), adding messages
/// for each problem. Returns the object when present.
pub(crate) fn validate_person(
    value: Option<&Value>,
    path: &str,
    required: bool,
    messages: &mut Vec<String>,
) -> Option<Map<String, Value>> {
    let field = path.rsplit('.').next().unwrap_or(path);
    let field = field.split('[').next().unwrap_or(field);
    let map = match value {
        None | Some(Value::Null) => {
            if required {
                messages.push(format!("{path}: The {field} field is required."));
            }
            return None;
        }
        Some(Value::Object(map)) => map,
        Some(_) => {
            messages.push(format!("{path}: The value is not a valid {field} object."));
            return None;
        }
    };
    let before = messages.len();
    for key in STRING_FIELDS {
        if let Some(v) = map.get(*key)
            && !v.is_null()
            && !v.is_string()
        {
            messages.push(format!(
                "{path}.{}: The value '{v}' is not valid for {}.",
                pascal(key),
                pascal(key)
            ));
        }
    }
    match map.get("lastName").and_then(Value::as_str) {
        Some(last) if !last.trim().is_empty() => {}
        _ => messages.push(format!("{path}.LastName: The LastName field is required.")),
    }
    if let Some(email) = map.get("email").and_then(Value::as_str)
        && !email.is_empty()
        && !is_email(email)
    {
        messages.push(format!(
            "{path}.Email: The Email field is not a valid e-mail address."
        ));
    }
    if let Some(lang) = map.get("preferredLanguage").and_then(Value::as_str)
        && !is_alpha2(lang)
    {
        messages.push(format!(
            "{path}.PreferredLanguage: The field PreferredLanguage must be a two-letter ISO 639-1 code."
        ));
    }
    if let Some(code) = map.get("nationalityCountryCode").and_then(Value::as_str)
        && !is_alpha2(code)
    {
        messages.push(format!(
            "{path}.NationalityCountryCode: The field NationalityCountryCode must be a two-letter ISO 3166-1 code."
        ));
    }
    for (key, allowed) in [("title", TITLES), ("gender", GENDERS)] {
        match map.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if allowed.contains(&s.as_str()) => {}
            Some(other) => messages.push(format!(
                "{path}.{}: The value '{}' is not valid for {}.",
                pascal(key),
                other
                    .as_str()
                    .map_or_else(|| other.to_string(), str::to_owned),
                pascal(key)
            )),
        }
    }
    match map.get("address") {
        None | Some(Value::Null) => {}
        Some(Value::Object(address)) => {
            for (key, v) in address {
                if !v.is_null() && !v.is_string() {
                    messages.push(format!(
                        "{path}.Address.{}: The value '{v}' is not valid for {}.",
                        pascal(key),
                        pascal(key)
                    ));
                }
            }
            if let Some(code) = address.get("countryCode").and_then(Value::as_str)
                && !is_alpha2(code)
            {
                messages.push(format!(
                    "{path}.Address.CountryCode: The field CountryCode must be a two-letter ISO 3166-1 code."
                ));
            }
        }
        Some(_) => messages.push(format!(
            "{path}.Address: The value is not a valid Address object."
        )),
    }
    if messages.len() > before {
        return None;
    }
    Some(map.clone())
}

/// The searchable texts of a person: first name, last name, email, company name.
pub(crate) fn search_texts(map: &Map<String, Value>) -> Vec<String> {
    let mut out: Vec<String> = ["firstName", "lastName", "email"]
        .iter()
        .filter_map(|k| map.get(*k).and_then(Value::as_str))
        .map(str::to_lowercase)
        .collect();
    if let Some(company) = map
        .get("company")
        .and_then(|c| c.get("name"))
        .and_then(Value::as_str)
    {
        out.push(company.to_lowercase());
    }
    out
}
