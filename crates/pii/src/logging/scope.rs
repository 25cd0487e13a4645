//! Per-request (per-call) known values for log lines: a [`LogScope`] made current for the
//! polls of a future with [`in_scope`], read by the [`RedactingWriter`](super::RedactingWriter).

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard};
use std::task::{Context, Poll};

use serde_json::Value;

use crate::{EntityType, KnownValues};

/// Known values of one request or call, shared by the tasks that serve it.
///
/// Cloning is cheap and clones share the values: a value added through one clone is known to
/// all. While a scope is current (see [`in_scope`], [`LogScope::run`]), every line written
/// through a [`RedactingWriter`](super::RedactingWriter) on that thread is also cleared of the
/// scope's values in every form [`KnownValues`] matches (a bare lower-case surname, a declined
/// form, an e-mail address read out …).
///
/// `Debug` prints only how many values are known, never a value.
#[derive(Clone, Default)]
pub struct LogScope {
    known: Arc<RwLock<KnownValues>>,
}

impl fmt::Debug for LogScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LogScope")
            .field("values", &self.len())
            .finish_non_exhaustive()
    }
}

impl LogScope {
    /// An empty scope.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a known value (see [`KnownValues::add`]).
    pub fn add(&self, entity: EntityType, value: &str) {
        self.write().add(entity, value);
    }

    /// Adds every personal value of a payload (see [`KnownValues::add_json`]).
    pub fn learn_json(&self, payload: &Value) {
        // Detect outside the lock: other tasks may be logging meanwhile.
        let mut learned = KnownValues::new();
        learned.add_json(payload);
        if learned.is_empty() {
            return;
        }
        let mut known = self.write();
        for (entity, value) in learned.values() {
            known.add(*entity, value);
        }
    }

    /// How many values are known.
    pub fn len(&self) -> usize {
        self.read().len()
    }

    /// Whether no value is known.
    pub fn is_empty(&self) -> bool {
        self.read().is_empty()
    }

    /// Runs `f` with this scope as the current log scope (for synchronous code; futures use
    /// [`in_scope`]). The previous scope is restored afterwards, also when `f` panics.
    pub fn run<R>(&self, f: impl FnOnce() -> R) -> R {
        let _guard = Entered::enter(self.clone());
        f()
    }

    pub(crate) fn read(&self) -> RwLockReadGuard<'_, KnownValues> {
        self.known.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, KnownValues> {
        self.known.write().unwrap_or_else(PoisonError::into_inner)
    }
}

thread_local! {
    static CURRENT: RefCell<Option<LogScope>> = const { RefCell::new(None) };
}

/// The log scope current on this thread, if any.
pub fn current_scope() -> Option<LogScope> {
    // `try_with`: a line may be logged while the thread's locals are being destroyed.
    CURRENT
        .try_with(|c| c.try_borrow().ok().and_then(|s| s.clone()))
        .ok()
        .flatten()
}

/// Makes a scope current and restores the previous one when dropped (also during unwinding).
struct Entered {
    previous: Option<LogScope>,
}

impl Entered {
    fn enter(scope: LogScope) -> Self {
        let previous = CURRENT
            .try_with(|c| {
                c.try_borrow_mut()
                    .ok()
                    .and_then(|mut cur| cur.replace(scope))
            })
            .ok()
            .flatten();
        Entered { previous }
    }
}

impl Drop for Entered {
    fn drop(&mut self) {
        let previous = self.previous.take();
        let _ = CURRENT.try_with(|c| {
            if let Ok(mut cur) = c.try_borrow_mut() {
                *cur = previous;
            }
        });
    }
}

/// Runs `fut` with `scope` as the current log scope: during every poll of `fut` a thread-local
/// holds the scope, so [`RedactingWriter`](super::RedactingWriter) (which runs synchronously
/// inside tracing's event dispatch on the polling thread) also removes the scope's known values
/// from every line written. The previous scope is restored after each poll, so scopes nest and a
/// task that moves to another worker thread takes its scope along.
///
/// ```
/// use pii::EntityType;
/// use pii::logging::{LogScope, current_scope, in_scope};
///
/// let scope = LogScope::new();
/// scope.add(EntityType::Person, "Kowalczyk");
/// let fut = in_scope(scope, async { current_scope().map(|s| s.len()) });
/// // Any executor; a trivial one here.
/// let n = futures_lite_block_on(fut);
/// assert_eq!(n, Some(1));
/// assert!(current_scope().is_none());
/// # fn futures_lite_block_on<F: std::future::Future>(f: F) -> F::Output {
/// #     use std::task::{Context, Poll, Waker};
/// #     let mut f = Box::pin(f);
/// #     let mut cx = Context::from_waker(Waker::noop());
/// #     loop { if let Poll::Ready(v) = f.as_mut().poll(&mut cx) { return v; } }
/// # }
/// ```
pub fn in_scope<F: Future>(scope: LogScope, fut: F) -> InScope<F> {
    InScope {
        scope,
        fut: Box::pin(fut),
    }
}

/// The future returned by [`in_scope`].
#[must_use = "futures do nothing unless polled"]
pub struct InScope<F> {
    scope: LogScope,
    fut: Pin<Box<F>>,
}

impl<F> fmt::Debug for InScope<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InScope")
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

impl<F: Future> Future for InScope<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // `InScope` is `Unpin` (the inner future is boxed).
        let this = self.get_mut();
        let _guard = Entered::enter(this.scope.clone());
        this.fut.as_mut().poll(cx)
    }
}

/// `text` redacted by `redactor` united with the current scope's known values, or `None` when
/// no scope (or an empty one) is current.
pub(crate) fn redact_in_current(redactor: &crate::Redactor, text: &str) -> Option<String> {
    let scope = current_scope()?;
    let known = scope.read();
    if known.is_empty() {
        return None;
    }
    Some(crate::known::redact_united(redactor, &known, text))
}
