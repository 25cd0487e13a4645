//! Response bodies serialised once per distinct answer.
//!
//! A cached read (offers) is still asked of the connector on every request: its cache decides
//! what is fresh, and a booking clears it. What the memo saves is turning the same answer into
//! DTOs and JSON again: when the connector's answer equals the one last serialised for the
//! same query, the bytes are reused. Equality, not time, decides, so a memoised body is never
//! staler than the connector's answer.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, PoisonError};

use axum::body::Bytes;

/// Queries remembered by all the memos of a gateway together (each hotel's memo gets its
/// share, at least [`MIN_PER_MEMO`]): with offer bodies of a few kB, some tens of MB at most.
pub(crate) const TOTAL_CAPACITY: usize = 4096;
/// The least a memo remembers, however many hotels share [`TOTAL_CAPACITY`].
pub(crate) const MIN_PER_MEMO: usize = 8;

/// The last serialised body per query, for at most `capacity` queries; when full, the memo
/// starts afresh (the next requests serialise again).
#[derive(Debug)]
pub(crate) struct BodyMemo<Q, A> {
    entries: Mutex<HashMap<Q, (A, Bytes)>>,
    capacity: usize,
}

impl<Q: Hash + Eq + Clone, A: PartialEq> BodyMemo<Q, A> {
    /// A memo for one of `memos` that share [`TOTAL_CAPACITY`].
    pub(crate) fn sharing(memos: usize) -> Self {
        Self::with_capacity((TOTAL_CAPACITY / memos.max(1)).max(MIN_PER_MEMO))
    }

    fn with_capacity(capacity: usize) -> Self {
        Self {
            entries: Mutex::new(HashMap::new()),
            capacity,
        }
    }

    /// The body for `answer` to `query`: the remembered one if the remembered answer equals
    /// `answer`, otherwise `render(&answer)`, remembered for next time.
    pub(crate) fn body<E>(
        &self,
        query: &Q,
        answer: A,
        render: impl FnOnce(&A) -> Result<Bytes, E>,
    ) -> Result<Bytes, E> {
        {
            let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some((known, body)) = entries.get(query)
                && *known == answer
            {
                return Ok(body.clone());
            }
        }
        // Rendered outside the lock; two requests racing both render, the last one stays.
        let body = render(&answer)?;
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= self.capacity && !entries.contains_key(query) {
            entries.clear();
        }
        entries.insert(query.clone(), (answer, body.clone()));
        Ok(body)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    fn render(renders: &Cell<u32>) -> impl FnOnce(&Vec<u32>) -> Result<Bytes, ()> + '_ {
        move |answer| {
            renders.set(renders.get() + 1);
            Ok(Bytes::from(format!("{answer:?}")))
        }
    }

    #[test]
    fn the_same_answer_is_rendered_once_and_a_new_answer_again() {
        let memo = BodyMemo::sharing(1);
        let renders = Cell::new(0);
        assert_eq!(
            memo.body(&"q", vec![1, 2], render(&renders)).unwrap(),
            "[1, 2]"
        );
        assert_eq!(
            memo.body(&"q", vec![1, 2], render(&renders)).unwrap(),
            "[1, 2]"
        );
        assert_eq!(renders.get(), 1);
        // The connector's answer changed (a booking cleared its cache): rendered afresh.
        assert_eq!(memo.body(&"q", vec![1], render(&renders)).unwrap(), "[1]");
        assert_eq!(renders.get(), 2);
        // Another query has its own body.
        assert_eq!(
            memo.body(&"r", vec![1, 2], render(&renders)).unwrap(),
            "[1, 2]"
        );
        assert_eq!(renders.get(), 3);
        assert_eq!(memo.body(&"q", vec![1], render(&renders)).unwrap(), "[1]");
        assert_eq!(renders.get(), 3);
    }

    #[test]
    fn a_failed_render_is_not_remembered_and_the_memo_stays_bounded() {
        assert_eq!(
            BodyMemo::<u32, u32>::sharing(2).capacity,
            TOTAL_CAPACITY / 2
        );
        assert_eq!(
            BodyMemo::<u32, u32>::sharing(100_000).capacity,
            MIN_PER_MEMO
        );
        let memo: BodyMemo<u32, u32> = BodyMemo::with_capacity(100);
        assert_eq!(memo.body(&1, 1, |_| Err::<Bytes, _>("no")), Err("no"));
        assert_eq!(memo.len(), 0);
        for q in 0..110 {
            memo.body(&q, q, |a| Ok::<_, ()>(Bytes::from(a.to_string())))
                .unwrap();
            assert!(memo.len() <= 100);
        }
        assert_eq!(memo.body(&3, 3, |_| Err::<Bytes, _>(())), Err(()));
    }
}
