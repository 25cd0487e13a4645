//! Log redaction: every formatted line is redacted before it reaches the real writer.
//!
//! [`redacting`] wraps any [`MakeWriter`] (stderr, a file, a test buffer) so that it can be given
//! to any `tracing_subscriber::fmt` layer, text or JSON: the layer formats an event (message and
//! fields) into one line, the [`RedactingWriter`] redacts the line and writes the result.
//!
//! ```
//! use tracing_subscriber::prelude::*;
//!
//! let layer = tracing_subscriber::fmt::layer()
//!     .json()
//!     .with_writer(pii::logging::redacting(std::io::stderr));
//! let subscriber = tracing_subscriber::registry().with(layer);
//! tracing::subscriber::with_default(subscriber, || {
//!     tracing::info!(guest_email = "anna@example.de", "written as <EMAIL>");
//! });
//! ```
//!
//! Per request or call, [`in_scope`] makes a [`LogScope`] (the known values of that request or
//! call: the guest's name, e-mail, phone from the booking) current while a future is polled; the
//! [`RedactingWriter`] then also removes those values, in every form, from every line written
//! on the polling thread.
//!
//! Use `.with_ansi(false)` on text layers: colour codes between a field name and its value hide
//! the field name from the name recognizer.

use std::io::{self, Write};
use std::sync::Arc;

use tracing::Subscriber;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;
use tracing_subscriber::{EnvFilter, Layer as _};

use crate::{Detector, KeyError, Operator, Operators, Redactor};

mod scope;
mod trusted;

pub use scope::{InScope, LogScope, current_scope, in_scope};
pub use trusted::{TRUSTED_TARGET, TrustedLines, is_trusted};

/// A [`MakeWriter`] whose writers redact each line.
#[derive(Debug, Clone)]
pub struct RedactingMakeWriter<M> {
    inner: M,
    redactor: Arc<Redactor>,
}

/// Wraps `make_writer`; lines are redacted with the default detector and tags (`<EMAIL>`).
pub fn redacting<M>(make_writer: M) -> RedactingMakeWriter<M> {
    redacting_with(make_writer, Arc::new(Redactor::default()))
}

/// Wraps `make_writer` with a given redactor (e.g. pseudonyms with a key).
pub fn redacting_with<M>(make_writer: M, redactor: Arc<Redactor>) -> RedactingMakeWriter<M> {
    RedactingMakeWriter {
        inner: make_writer,
        redactor,
    }
}

impl<'a, M> MakeWriter<'a> for RedactingMakeWriter<M>
where
    M: MakeWriter<'a>,
{
    type Writer = RedactingWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter::new(self.inner.make_writer(), Arc::clone(&self.redactor))
    }

    fn make_writer_for(&'a self, meta: &tracing::Metadata<'_>) -> Self::Writer {
        RedactingWriter::new(self.inner.make_writer_for(meta), Arc::clone(&self.redactor))
    }
}

/// An [`io::Write`] that buffers bytes up to each newline, redacts the complete line (and, when
/// a non-empty [`LogScope`] is current on the writing thread, removes its known values too) and
/// writes it to the inner writer. A last line without a newline is written on
/// [`flush`](Write::flush) or drop.
#[derive(Debug)]
pub struct RedactingWriter<W: Write> {
    inner: W,
    redactor: Arc<Redactor>,
    buf: Vec<u8>,
}

impl<W: Write> RedactingWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W, redactor: Arc<Redactor>) -> Self {
        RedactingWriter {
            inner,
            redactor,
            buf: Vec::new(),
        }
    }

    fn write_line(&mut self, line: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(line);
        let redacted = match scope::redact_in_current(&self.redactor, &text) {
            Some(r) => r,
            None => self.redactor.redact_text(&text),
        };
        self.inner.write_all(redacted.as_bytes())
    }

    fn drain_complete_lines(&mut self) -> io::Result<()> {
        while let Some(pos) = self.buf.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.buf.drain(..=pos).collect();
            self.write_line(&line)?;
        }
        Ok(())
    }

    fn drain_all(&mut self) -> io::Result<()> {
        self.drain_complete_lines()?;
        if !self.buf.is_empty() {
            let rest = std::mem::take(&mut self.buf);
            self.write_line(&rest)?;
        }
        Ok(())
    }
}

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        self.drain_complete_lines()?;
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain_all()?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for RedactingWriter<W> {
    fn drop(&mut self) {
        // Errors cannot be reported from drop; the fmt layer ignores write errors too.
        let _ = self.drain_all();
        let _ = self.inner.flush();
    }
}

/// Errors of [`init_json`].
#[derive(Debug, thiserror::Error)]
pub enum LoggingError {
    /// The log filter in the environment variable does not parse.
    #[error("invalid log filter in {var}: {message}")]
    Filter {
        /// The variable.
        var: String,
        /// The parser's message.
        message: String,
    },
    /// The pseudonym key in `VOICEHIVE_PII_KEY` is unusable.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// A global subscriber is already installed.
    #[error("a global tracing subscriber is already installed: {0}")]
    AlreadyInstalled(String),
}

/// The redactor for logs: pseudonyms when `VOICEHIVE_PII_KEY` is set (so log lines about the
/// same guest stay joinable), tags otherwise.
pub fn log_redactor() -> Result<Redactor, KeyError> {
    let ops = match crate::PseudonymKey::from_env()? {
        Some(key) => Operators::pseudonym(key),
        None => Operators::new(Operator::Tag),
    };
    Ok(Redactor::new(Detector::new(), ops))
}

/// Installs the global subscriber: JSON lines to stderr, filtered by the `EnvFilter` directives
/// in the environment variable `level_env_var` (default `info`), every line redacted (see
/// [`log_redactor`]), except those of events under [`TRUSTED_TARGET`] (the gateway's access line,
/// built from fields that are safe by construction); see [`json_subscriber`].
pub fn init_json(level_env_var: &str) -> Result<(), LoggingError> {
    init_json_with_writer(level_env_var, io::stderr)
}

/// [`init_json`] writing the lines to `make_writer` instead of stderr (e.g. a file, as a log
/// collector would receive them); filter, format and redaction are the same.
pub fn init_json_with_writer<W>(level_env_var: &str, make_writer: W) -> Result<(), LoggingError>
where
    W: for<'w> MakeWriter<'w> + Clone + Send + Sync + 'static,
{
    let filter = match std::env::var(level_env_var) {
        Ok(v) if !v.trim().is_empty() => {
            EnvFilter::try_new(&v).map_err(|e| LoggingError::Filter {
                var: level_env_var.to_owned(),
                message: e.to_string(),
            })?
        }
        _ => EnvFilter::new("info"),
    };
    let redactor = Arc::new(log_redactor()?);
    json_subscriber(filter, make_writer, redactor)
        .try_init()
        .map_err(|e| LoggingError::AlreadyInstalled(e.to_string()))
}

/// The subscriber [`init_json`] installs: events that pass `filter` become JSON lines on
/// `make_writer`; `tracing_subscriber`'s JSON formatter writes every event through `redactor`
/// (with the current [`LogScope`]'s known values), except events under [`TRUSTED_TARGET`],
/// which [`TrustedLines`] writes unredacted in the same shape.
pub fn json_subscriber<W>(
    filter: EnvFilter,
    make_writer: W,
    redactor: Arc<Redactor>,
) -> impl Subscriber + Send + Sync + 'static
where
    W: for<'w> MakeWriter<'w> + Clone + Send + Sync + 'static,
{
    let redacted = tracing_subscriber::fmt::layer()
        .json()
        .with_writer(redacting_with(make_writer.clone(), redactor))
        .with_filter(tracing_subscriber::filter::filter_fn(|meta| {
            !is_trusted(meta)
        }));
    tracing_subscriber::registry()
        .with(filter)
        .with(redacted)
        .with(TrustedLines::new(make_writer))
}
