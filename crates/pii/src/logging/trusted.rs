//! Lines that are safe by construction skip the redactor.
//!
//! A service's access log line (one per request: method, route template, status, latency,
//! configured ids) holds nothing a caller or guest wrote, yet passing it through the
//! redactor was a quarter of a gateway's CPU per cached request. Events logged under
//! [`TRUSTED_TARGET`] are written as formatted; every other event is redacted as before.
//!
//! The target is a promise made by one call site: the repository's tidy check allows it in
//! this module and in the gateway's access-line function only, and that function takes only
//! values that cannot hold personal data (see `crates/gateway/src/access.rs`).

use std::sync::Arc;

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::writer::EitherWriter;

use super::RedactingWriter;
use crate::Redactor;

/// The `tracing` target of events whose fields are safe by construction; their lines are not
/// redacted.
pub const TRUSTED_TARGET: &str = "voicehive::access";

/// A [`MakeWriter`] that redacts every line except those of events under
/// [`TRUSTED_TARGET`].
#[derive(Debug, Clone)]
pub struct TrustingMakeWriter<M> {
    inner: M,
    redactor: Arc<Redactor>,
}

/// Wraps `make_writer`: lines are redacted with `redactor`, except those of events under
/// [`TRUSTED_TARGET`].
pub fn redacting_except_trusted<M>(
    make_writer: M,
    redactor: Arc<Redactor>,
) -> TrustingMakeWriter<M> {
    TrustingMakeWriter {
        inner: make_writer,
        redactor,
    }
}

impl<'a, M> MakeWriter<'a> for TrustingMakeWriter<M>
where
    M: MakeWriter<'a>,
{
    type Writer = EitherWriter<RedactingWriter<M::Writer>, M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        EitherWriter::A(RedactingWriter::new(
            self.inner.make_writer(),
            Arc::clone(&self.redactor),
        ))
    }

    fn make_writer_for(&'a self, meta: &tracing::Metadata<'_>) -> Self::Writer {
        if meta.is_event() && meta.target() == TRUSTED_TARGET {
            EitherWriter::B(self.inner.make_writer_for(meta))
        } else {
            EitherWriter::A(RedactingWriter::new(
                self.inner.make_writer_for(meta),
                Arc::clone(&self.redactor),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::Mutex;

    use super::*;

    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl Buffer {
        fn text(&self) -> String {
            String::from_utf8_lossy(&self.0.lock().map(|b| b.clone()).unwrap_or_default())
                .into_owned()
        }
    }

    impl Write for Buffer {
        fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
            if let Ok(mut b) = self.0.lock() {
                b.extend_from_slice(data);
            }
            Ok(data.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl<'a> MakeWriter<'a> for Buffer {
        type Writer = Buffer;
        fn make_writer(&'a self) -> Buffer {
            self.clone()
        }
    }

    #[test]
    fn only_events_under_the_trusted_target_skip_the_redactor() {
        let buffer = Buffer::default();
        let subscriber = tracing_subscriber::fmt()
            .json()
            .with_writer(redacting_except_trusted(
                buffer.clone(),
                Arc::new(Redactor::default()),
            ))
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(email = "anna.schmidt@example.de", "ordinary");
            tracing::info!(target: "voicehive::accessx", email = "anna.schmidt@example.de", "near miss");
            // Written as is: this is what makes the trusted target a promise.
            tracing::info!(target: TRUSTED_TARGET, email = "anna.schmidt@example.de", "trusted");
        });
        let text = buffer.text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].contains("<EMAIL>") && !lines[0].contains("anna.schmidt"));
        assert!(lines[1].contains("<EMAIL>") && !lines[1].contains("anna.schmidt"));
        assert!(lines[2].contains("anna.schmidt@example.de"));
    }
}
