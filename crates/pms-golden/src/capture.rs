//! Captures the log output a future produces, to scan it for guest data.

use std::io;
use std::sync::{Arc, Mutex, PoisonError};

use tracing::instrument::WithSubscriber;
use tracing_subscriber::fmt::MakeWriter;

/// A shared in-memory log sink.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Sink {
    type Writer = Sink;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// Runs `fut` with every `tracing` event and span at any level written as text to a buffer;
/// returns the output of the future and the captured log text.
pub(crate) async fn capture_logs<F: Future>(fut: F) -> (F::Output, String) {
    let sink = Sink::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
        .with_writer(sink.clone())
        .finish();
    let output = fut.with_subscriber(subscriber).await;
    let bytes = sink
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    (output, String::from_utf8_lossy(&bytes).into_owned())
}
