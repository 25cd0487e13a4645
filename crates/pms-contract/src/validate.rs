//! Request validation shared by every connector.
//!
//! Value types ([`crate::Stay`], [`crate::Occupancy`], ids, [`crate::Email`], ...) validate on
//! construction and cannot hold invalid data. Requests are plain structs whose cross-field and
//! size rules are checked here, by the [`crate::ContractGuard`], before any connector runs.
//! Error messages name the field and the rule, never the value.

use crate::{
    CommentChange, ContactChange, Guest, NewReservation, OfferRequest, Pii, PmsError,
    ReservationChange, ReservationSearch,
};

/// Longest name accepted, in characters.
const MAX_NAME_CHARS: usize = 100;
/// Longest comment accepted, in characters.
const MAX_COMMENT_CHARS: usize = 2000;

/// A request that can check itself.
pub trait Validate {
    /// `Ok` if the request is acceptable for every connector; a validation error naming the
    /// offending field otherwise.
    fn validate(&self) -> Result<(), PmsError>;
}

fn check_name(field: &str, name: &Pii<String>) -> Result<(), PmsError> {
    let value = name.expose().trim();
    if value.is_empty() {
        return Err(PmsError::validation(format!("{field}: must not be empty")));
    }
    if value.chars().count() > MAX_NAME_CHARS {
        return Err(PmsError::validation(format!(
            "{field}: at most {MAX_NAME_CHARS} characters"
        )));
    }
    if value.chars().any(char::is_control) {
        return Err(PmsError::validation(format!(
            "{field}: must not contain control characters"
        )));
    }
    Ok(())
}

fn check_comment(comment: &Pii<String>) -> Result<(), PmsError> {
    let value = comment.expose();
    if value.chars().count() > MAX_COMMENT_CHARS {
        return Err(PmsError::validation(format!(
            "comment: at most {MAX_COMMENT_CHARS} characters"
        )));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(PmsError::validation(
            "comment: must not contain control characters",
        ));
    }
    Ok(())
}

impl Validate for Guest {
    fn validate(&self) -> Result<(), PmsError> {
        check_name("guest.first_name", &self.first_name)?;
        check_name("guest.last_name", &self.last_name)
    }
}

impl Validate for OfferRequest {
    fn validate(&self) -> Result<(), PmsError> {
        // Stay and occupancy are valid by construction.
        Ok(())
    }
}

impl Validate for NewReservation {
    fn validate(&self) -> Result<(), PmsError> {
        self.guest.validate()?;
        if let Some(comment) = &self.comment {
            check_comment(comment)?;
        }
        Ok(())
    }
}

impl Validate for ReservationSearch {
    fn validate(&self) -> Result<(), PmsError> {
        match self {
            ReservationSearch::LastName { last_name, .. } => {
                check_name("search.last_name", last_name)
            }
            ReservationSearch::ConfirmationCode(_)
            | ReservationSearch::Email(_)
            | ReservationSearch::Phone(_) => Ok(()),
        }
    }
}

impl Validate for ContactChange {
    fn validate(&self) -> Result<(), PmsError> {
        if self.email.is_none() && self.phone.is_none() && self.language.is_none() {
            return Err(PmsError::validation(
                "change.contact: set at least one of email, phone, language",
            ));
        }
        Ok(())
    }
}

impl Validate for ReservationChange {
    fn validate(&self) -> Result<(), PmsError> {
        if !self.changes_stay() && !self.changes_guest() {
            return Err(PmsError::validation("change: nothing to change"));
        }
        if let Some(contact) = &self.contact {
            contact.validate()?;
        }
        if let CommentChange::Set(comment) = &self.comment {
            check_comment(comment)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Email, ErrorKind};

    #[test]
    fn guest_names_are_required_and_bounded_without_echoing_them() {
        assert!(Guest::new("Ada", "Lovelace").validate().is_ok());
        let err = Guest::new("Ada", "   ").validate().unwrap_err();
        assert_eq!(err.message(), "guest.last_name: must not be empty");
        let long = "Wolfeschlegelsteinhausenbergerdorff".repeat(3);
        let err = Guest::new("Hubert", long.clone()).validate().unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Validation);
        assert!(!err.to_string().contains(&long));
        assert!(Guest::new("A\u{7}", "B").validate().is_err());
    }

    #[test]
    fn changes_must_change_something() {
        assert!(ReservationChange::default().validate().is_err());
        let empty_contact = ReservationChange {
            contact: Some(ContactChange::default()),
            ..ReservationChange::default()
        };
        assert!(empty_contact.validate().is_err());
        let email = ReservationChange {
            contact: Some(ContactChange {
                email: Some(Email::new("a@b.de").unwrap()),
                ..ContactChange::default()
            }),
            ..ReservationChange::default()
        };
        assert!(email.validate().is_ok());
        let long_comment = ReservationChange {
            comment: CommentChange::Set(Pii::new("x".repeat(2001))),
            ..ReservationChange::default()
        };
        assert!(long_comment.validate().is_err());
        // Clearing the comment is a change on its own.
        let clear = ReservationChange {
            comment: CommentChange::Clear,
            ..ReservationChange::default()
        };
        assert!(clear.validate().is_ok());
        assert!(clear.changes_guest() && !clear.changes_stay());
        assert_eq!(
            CommentChange::Clear.apply(Some(Pii::new("late".to_owned()))),
            None
        );
        assert_eq!(
            CommentChange::Keep.apply(Some(Pii::new("late".to_owned()))),
            Some(Pii::new("late".to_owned()))
        );
    }

    #[test]
    fn last_name_search_needs_a_name() {
        let search = ReservationSearch::LastName {
            last_name: Pii::new(String::new()),
            arrival: None,
        };
        assert_eq!(
            search.validate().unwrap_err().message(),
            "search.last_name: must not be empty"
        );
    }
}
