//! Fuzzes the text detector and redactor: never panics, spans are sorted, disjoint, inside the
//! input and on char boundaries, and redaction replaces exactly the spans.
//!
//! `cargo +nightly fuzz run detect` (from crates/pii).

#![no_main]

use libfuzzer_sys::fuzz_target;
use pii::{Detector, Operator, Operators};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let findings = Detector::new().detect(&text);
    let mut last = 0;
    for f in &findings {
        assert!(f.start >= last && f.start < f.end && f.end <= text.len());
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        last = f.end;
    }
    let ops = Operators::new(Operator::Tag);
    let out = pii::apply(&text, &findings, &ops);
    let kept: usize = text.len() - findings.iter().map(|f| f.len()).sum::<usize>();
    let tags: usize = findings.iter().map(|f| f.entity.tag().len() + 2).sum();
    assert_eq!(out.len(), kept + tags);
});
