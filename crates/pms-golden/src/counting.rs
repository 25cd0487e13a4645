//! A decorator that counts the calls reaching a connector.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use async_trait::async_trait;
use pms_contract::{Call, Layer, PmsError, Reply, SharedConnector};

use crate::IoProbe;

/// Counts every call that reaches the wrapped connector. A connector cannot do I/O for a call
/// it never receives, so for a harness without a deeper probe this proves "no I/O" for calls
/// the [`pms_contract::ContractGuard`] rejects.
#[derive(Debug)]
pub struct CountingConnector {
    inner: SharedConnector,
    calls: AtomicU64,
}

impl CountingConnector {
    /// Wraps `inner`.
    pub fn new(inner: SharedConnector) -> Arc<Self> {
        Arc::new(Self {
            inner,
            calls: AtomicU64::new(0),
        })
    }

    fn count(&self) {
        self.calls.fetch_add(1, Ordering::SeqCst);
    }
}

impl IoProbe for CountingConnector {
    fn io_calls(&self) -> u64 {
        self.calls.load(Ordering::SeqCst)
    }
}

#[async_trait]
impl Layer for CountingConnector {
    fn vendor(&self) -> &str {
        self.inner.vendor()
    }

    async fn call(&self, call: Call<'_>) -> Result<Reply, PmsError> {
        self.count();
        call.send(self.inner.as_ref()).await
    }
}
