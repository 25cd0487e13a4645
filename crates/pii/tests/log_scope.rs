//! The per-request log scope: known values removed from log lines written inside `in_scope`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use pii::EntityType;
use pii::logging::{LogScope, current_scope, in_scope, redacting};
use serde_json::json;
use tracing_subscriber::fmt::MakeWriter;

#[derive(Clone, Default)]
struct Buf(Arc<Mutex<Vec<u8>>>);

impl Buf {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Buf {
    type Writer = Buf;
    fn make_writer(&'a self) -> Buf {
        self.clone()
    }
}

fn json_subscriber(buf: &Buf) -> impl tracing::Subscriber + Send + Sync + 'static {
    tracing_subscriber::fmt()
        .json()
        .with_writer(redacting(buf.clone()))
        .finish()
}

fn lines(buf: &Buf) -> Vec<String> {
    buf.text().lines().map(str::to_owned).collect()
}

#[test]
fn scope_value_removed_inside_and_kept_outside() {
    let buf = Buf::default();
    let scope = LogScope::new();
    scope.add(EntityType::Person, "Kowalczyk");
    scope.add(EntityType::Email, "j.kowalczyk@example.pl");
    let _g = tracing::subscriber::set_default(json_subscriber(&buf));
    // Outside any scope: a bare lower-case surname is not found by the detector alone.
    tracing::info!(note = "caller kowalczyk asked about parking", "outside");
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(in_scope(scope.clone(), async {
        tracing::info!(note = "caller kowalczyk asked about parking", "inside");
        tracing::info!(
            said = "it is j dot kowalczyk at example dot pl",
            "email read out"
        );
    }));
    tracing::info!(note = "caller kowalczyk asked about parking", "after");
    let out = lines(&buf);
    assert_eq!(out.len(), 4, "{out:?}");
    assert!(out[0].contains("kowalczyk"), "{}", out[0]);
    assert!(!out[1].contains("kowalczyk"), "{}", out[1]);
    assert!(
        out[1].contains("caller <PERSON> asked about parking"),
        "{}",
        out[1]
    );
    assert!(!out[2].contains("kowalczyk"), "{}", out[2]);
    assert!(out[2].contains("it is <EMAIL>"), "{}", out[2]);
    assert!(out[3].contains("kowalczyk"), "{}", out[3]);
}

#[test]
fn learn_json_feeds_the_scope() {
    let buf = Buf::default();
    let scope = LogScope::new();
    assert!(scope.is_empty());
    scope.learn_json(&json!({"guest": {"firstName": "Józef", "lastName": "Wiśniewski"}}));
    assert!(!scope.is_empty());
    assert_eq!(scope.len(), 2);
    let _g = tracing::subscriber::set_default(json_subscriber(&buf));
    scope.run(|| tracing::info!("zostawil klucz wisniewskiego nie ma w pokoju"));
    tracing::info!("zostawil klucz wisniewskiego nie ma w pokoju");
    let out = lines(&buf);
    assert_eq!(out.len(), 2);
    assert!(out[0].contains("klucz <PERSON> nie ma"), "{}", out[0]);
    assert!(out[1].contains("wisniewskiego"), "{}", out[1]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn scope_follows_the_task_across_awaits_and_threads() {
    let buf = Buf::default();
    let dispatch = tracing::Dispatch::new(json_subscriber(&buf));
    // The global default is not used: every worker gets the dispatcher through the task.
    let scope = LogScope::new();
    scope.add(EntityType::Person, "Kowalczyk");
    let d = dispatch.clone();
    let task = tokio::spawn(in_scope(scope, async move {
        let mut threads = std::collections::HashSet::new();
        for i in 0..200 {
            threads.insert(std::thread::current().id());
            tracing::dispatcher::with_default(&d, || {
                tracing::info!(i, "room for kowalczyk at step {i}");
            });
            tokio::task::yield_now().await;
            // Blocking work elsewhere makes the scheduler move the task around.
            if i % 10 == 0 {
                tokio::time::sleep(std::time::Duration::from_millis(1)).await;
            }
            assert!(current_scope().is_some());
        }
        threads.len()
    }));
    // Other tasks log at the same time, on the same workers, without the scope.
    let d2 = dispatch.clone();
    let other = tokio::spawn(async move {
        for i in 0..200 {
            tracing::dispatcher::with_default(&d2, || {
                tracing::info!(i, "unscoped kowalczyk {i}");
            });
            tokio::task::yield_now().await;
        }
    });
    let threads = task.await.unwrap();
    other.await.unwrap();
    let out = lines(&buf);
    assert_eq!(out.len(), 400);
    let scoped: Vec<_> = out.iter().filter(|l| l.contains("room for")).collect();
    assert_eq!(scoped.len(), 200);
    assert!(
        scoped
            .iter()
            .all(|l| l.contains("room for <PERSON> at step"))
    );
    let unscoped = out
        .iter()
        .filter(|l| l.contains("unscoped kowalczyk"))
        .count();
    assert_eq!(unscoped, 200);
    // Not a guarantee of the scheduler, but the scope must hold on whichever thread polled it.
    assert!(threads >= 1);
    assert!(current_scope().is_none());
}

#[test]
fn nested_scopes_restore_the_outer_one() {
    let outer = LogScope::new();
    outer.add(EntityType::Person, "Nowak");
    let inner = LogScope::new();
    inner.add(EntityType::Person, "Visser");
    inner.add(EntityType::Person, "Daan");
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let (before, during, after) = rt.block_on(in_scope(outer, async {
        let before = current_scope().map(|s| s.len());
        let during = in_scope(inner, async {
            tokio::task::yield_now().await;
            current_scope().map(|s| s.len())
        })
        .await;
        let after = current_scope().map(|s| s.len());
        (before, during, after)
    }));
    assert_eq!(before, Some(1));
    assert_eq!(during, Some(2));
    assert_eq!(after, Some(1));
    assert!(current_scope().is_none());
}

#[test]
fn scope_restored_after_a_panic() {
    let outer = LogScope::new();
    outer.add(EntityType::Person, "Nowak");
    outer.run(|| {
        let r = std::panic::catch_unwind(|| {
            let inner = LogScope::new();
            inner.run(|| panic!("boom"));
        });
        assert!(r.is_err());
        assert_eq!(current_scope().map(|s| s.len()), Some(1));
    });
    assert!(current_scope().is_none());
}

#[test]
fn empty_scope_changes_nothing() {
    let buf = Buf::default();
    let _g = tracing::subscriber::set_default(json_subscriber(&buf));
    LogScope::new().run(|| tracing::info!("Mein Name ist Anna Schmidt, kowalczyk"));
    let out = lines(&buf);
    assert_eq!(out.len(), 1);
    assert!(
        out[0].contains("Mein Name ist <PERSON>, kowalczyk"),
        "{}",
        out[0]
    );
}

#[test]
fn debug_shows_no_value() {
    let scope = LogScope::new();
    scope.add(EntityType::Person, "Kowalczyk");
    scope.add(EntityType::Email, "anna@example.de");
    let d = format!("{scope:?}");
    assert!(d.contains('2'), "{d}");
    assert!(!d.to_lowercase().contains("kowalczyk"), "{d}");
    assert!(!d.contains("anna"), "{d}");
    let clone = scope.clone();
    clone.add(EntityType::Phone, "+48 601 234 567");
    assert_eq!(scope.len(), 3, "clones share the values");
    let fut = in_scope(scope, async {});
    let d = format!("{fut:?}");
    assert!(
        !d.contains("601") && !d.to_lowercase().contains("kowalczyk"),
        "{d}"
    );
}

/// Pending once, then ready: a suspension point.
struct YieldOnce(bool);

impl std::future::Future for YieldOnce {
    type Output = ();
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<()> {
        if self.0 {
            std::task::Poll::Ready(())
        } else {
            self.0 = true;
            std::task::Poll::Pending
        }
    }
}

#[test]
fn scope_moves_with_the_future_to_another_thread() {
    let buf = Buf::default();
    let dispatch = tracing::Dispatch::new(json_subscriber(&buf));
    let scope = LogScope::new();
    scope.add(EntityType::Person, "Visser");
    let mut fut = Box::pin(in_scope(scope, async {
        tracing::info!(step = 1, "ja goedemiddag met visser");
        YieldOnce(false).await;
        tracing::info!(step = 2, "visser belt terug");
    }));
    assert!(!poll_on_new_thread(&dispatch, fut.as_mut()));
    assert!(poll_on_new_thread(&dispatch, fut.as_mut()));
    let out = lines(&buf);
    assert_eq!(out.len(), 4, "{out:?}");
    assert!(out[0].contains("met <PERSON>"), "{}", out[0]);
    assert!(out[1].contains("visser outside"), "{}", out[1]);
    assert!(out[2].contains("<PERSON> belt terug"), "{}", out[2]);
    assert!(out[3].contains("visser outside"), "{}", out[3]);
}

/// Polls `fut` once on a new thread that has no log scope; logs a line there after the poll.
fn poll_on_new_thread<F: std::future::Future + Send>(
    dispatch: &tracing::Dispatch,
    fut: std::pin::Pin<&mut F>,
) -> bool {
    std::thread::scope(|s| {
        s.spawn(|| {
            tracing::dispatcher::with_default(dispatch, || {
                let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
                let r = fut.poll(&mut cx);
                // Between polls, this thread has no scope.
                assert!(current_scope().is_none());
                tracing::info!("visser outside the scope");
                r.is_ready()
            })
        })
        .join()
        .unwrap()
    })
}
