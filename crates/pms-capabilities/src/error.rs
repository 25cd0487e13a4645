//! The error of loading a capability matrix.

use std::fmt;

/// Why a capability matrix could not be loaded.
///
/// Displays as `{origin}:{line}:{column}: {message}` when the position of the offending entry in
/// the YAML source is known, and as `{origin}: {message}` otherwise (for example when the file
/// cannot be read).
#[derive(Debug, thiserror::Error)]
#[error("{origin}{position}: {message}")]
pub struct MatrixError {
    origin: String,
    position: Position,
    message: String,
    source: Option<std::io::Error>,
}

/// Line and column, both 1-based, of the offending entry; displays as `:{line}:{column}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Position(Option<(usize, usize)>);

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some((line, column)) => write!(f, ":{line}:{column}"),
            None => Ok(()),
        }
    }
}

impl MatrixError {
    pub(crate) fn new(
        origin: &str,
        position: Option<(usize, usize)>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            origin: origin.to_owned(),
            position: Position(position),
            message: message.into(),
            source: None,
        }
    }

    pub(crate) fn io(origin: &str, source: std::io::Error) -> Self {
        Self {
            origin: origin.to_owned(),
            position: Position(None),
            message: format!("cannot read the capability matrix: {source}"),
            source: Some(source),
        }
    }

    /// Where the YAML came from: a file path, or a name given to [`parse`](crate::CapabilityMatrix::parse).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The 1-based line of the offending entry, if known.
    pub fn line(&self) -> Option<usize> {
        self.position.0.map(|(line, _)| line)
    }

    /// The 1-based column of the offending entry, if known.
    pub fn column(&self) -> Option<usize> {
        self.position.0.map(|(_, column)| column)
    }

    /// What is wrong, without origin and position.
    pub fn message(&self) -> &str {
        &self.message
    }
}
