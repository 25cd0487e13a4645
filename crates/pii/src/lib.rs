//! PII detection and redaction for VoiceHive: nothing personal in logs, transcripts or stored
//! payloads.
//!
//! - [`Detector`] finds e-mail addresses, phone numbers (EU/EEA, UK, CH; written or spoken as
//!   words in EN/DE/FR/IT/ES/NL/PL), payment card numbers (Luhn + IIN ranges), IBANs (SEPA,
//!   mod-97; also read out letter by letter and digit by digit), IPv4/IPv6 addresses, dates of
//!   birth in context, passport and national ID numbers (DE, FR, IT, ES, NL, PL, BE, UK; check
//!   digits, also read out; machine-readable zones of passports and ID cards) and person names
//!   (known JSON fields, cue phrases, and given name + surname pairs from shipped name lists of
//!   seven languages without any cue) in text and in JSON values.
//!   Every [`Finding`] has a byte span on `char` boundaries, an [`EntityType`] and a score; it
//!   never carries the value.
//! - [`Redactor`] with [`Operators`] replaces findings by a tag (`<EMAIL>`), a mask (cards keep
//!   their last four digits), a keyed pseudonym (`<EMAIL:3f2a9c1d>`, HMAC-SHA256) or nothing, in
//!   text and in `serde_json::Value`s.
//! - [`RedactionContext`] (per request or per call) also removes the [`KnownValues`] of that
//!   request or call — the guest's name, e-mail, phone from the booking — in every form:
//!   declined, spelled, read out as words in EN/DE/FR/IT/ES/NL/PL, without diacritics; it learns
//!   from call turns ([`RedactionContext::redact_turn`]).
//! - [`logging`] redacts every formatted log line before it is written (a `MakeWriter` wrapper
//!   for any `tracing_subscriber::fmt` layer), also removing the known values of the current
//!   request or call ([`logging::LogScope`], [`logging::in_scope`]), and installs a JSON
//!   subscriber for the CLI.
//! - [`scan`] walks files and folders and reports `file:line:column ENTITY` findings, never the
//!   values (`voicehive pii scan`).
//!
//! Patterns are compiled once per process (`LazyLock`); no call compiles a regex.

#![forbid(unsafe_code)]

mod checks;
pub(crate) mod detect;
mod entity;
mod fields;
mod known;
mod lexicon;
pub mod logging;
mod redact;
pub mod scan;

pub use detect::{Detector, JsonFinding, detector};
pub use entity::{EntityType, Finding, ParseEntityError};
pub use known::{KnownValues, RedactionContext, Speaker};
pub use redact::{
    KEY_ENV_VAR, KeyError, Operator, Operators, ParseOperatorError, PseudonymKey, Redactor, apply,
};

use std::io::{self, BufRead, Write};

use serde_json::Value;

/// `text` with every finding of the default [`Detector`] replaced according to `operators`.
///
/// ```
/// let ops = pii::Operators::default();
/// assert_eq!(pii::redact_text("Mein Name ist Anna Schmidt.", &ops), "Mein Name ist <PERSON>.");
/// ```
pub fn redact_text(text: &str, operators: &Operators) -> String {
    let findings = detector().detect(text);
    if findings.is_empty() {
        return text.to_owned();
    }
    apply(text, &findings, operators)
}

/// A copy of `value` redacted with the default [`Detector`] (see [`Redactor::redact_json`]).
pub fn redact_json(value: &Value, operators: &Operators) -> Value {
    Redactor::new(detector().clone(), operators.clone()).redact_json(value)
}

/// Redacts `input` line by line into `output` (for `voicehive pii redact`: stdin to stdout).
/// Line endings are kept; invalid UTF-8 is read lossily.
pub fn redact_lines<R: BufRead, W: Write>(
    mut input: R,
    mut output: W,
    operators: &Operators,
) -> io::Result<()> {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        let line = String::from_utf8_lossy(&buf);
        output.write_all(redact_text(&line, operators).as_bytes())?;
    }
    output.flush()
}
