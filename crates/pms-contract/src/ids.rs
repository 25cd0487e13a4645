//! Typed identifiers.

use std::fmt;

use crate::PmsError;

/// Longest id accepted from callers or vendors.
const MAX_ID_LEN: usize = 128;

fn check_id(kind: &str, value: &str) -> Result<(), PmsError> {
    if value.is_empty() {
        return Err(PmsError::validation(format!("{kind} must not be empty")));
    }
    if value.len() > MAX_ID_LEN {
        return Err(PmsError::validation(format!(
            "{kind} must be at most {MAX_ID_LEN} bytes"
        )));
    }
    if value == "." || value == ".." || value.contains('/') {
        return Err(PmsError::validation(format!(
            "{kind} must not be `.` or `..` or contain `/`"
        )));
    }
    if value.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(PmsError::validation(format!(
            "{kind} must not contain whitespace or control characters"
        )));
    }
    Ok(())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $label:literal) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Validates and wraps an id: non-empty, at most 128 bytes, no whitespace or
            /// control characters.
            pub fn new(value: impl Into<String>) -> Result<Self, PmsError> {
                let value = value.into();
                check_id($label, &value)?;
                Ok(Self(value))
            }

            /// The id as a string.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = PmsError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::new(s)
            }
        }
    };
}

id_type!(
    /// A property (hotel) id in the vendor's id space.
    PropertyId,
    "property id"
);
id_type!(
    /// A room type id (Apaleo: unit group; Mews: resource category).
    RoomTypeId,
    "room type id"
);
id_type!(
    /// A rate plan id.
    RatePlanId,
    "rate plan id"
);
id_type!(
    /// A reservation id in the vendor's id space.
    ReservationId,
    "reservation id"
);
id_type!(
    /// The code a guest reads out on the phone to identify a booking.
    ConfirmationCode,
    "confirmation code"
);
id_type!(
    /// A client-chosen key that makes a create safe to retry: the same key with the same request
    /// returns the first reservation, the same key with another request is a conflict.
    IdempotencyKey,
    "idempotency key"
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn ids_reject_empty_long_and_whitespace() {
        assert!(ReservationId::new("RES-1").is_ok());
        for bad in ["", "a b", "x\n", &"x".repeat(129), "..", ".", "a/b"] {
            let err = ReservationId::new(bad).unwrap_err();
            assert_eq!(err.kind(), &ErrorKind::Validation);
            assert!(err.message().starts_with("reservation id"));
        }
        assert_eq!(
            format!("{:?}", RoomTypeId::new("DBL").unwrap()),
            "RoomTypeId(\"DBL\")"
        );
    }
}
