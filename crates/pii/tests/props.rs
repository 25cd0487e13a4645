//! Property tests: the detector never panics, its spans are valid, and redaction removes every
//! value it found.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pii::{
    Detector, EntityType, Operator, Operators, PseudonymKey, RedactionContext, Redactor, Speaker,
};
use proptest::prelude::*;

/// Text made of hotel-ish fragments, PII values and random Unicode.
fn texty() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("my name is ".to_owned()),
        Just("Ich heiße ".to_owned()),
        Just("Anna Schmidt ".to_owned()),
        Just("+49 171 2345678".to_owned()),
        Just("0171/2345678".to_owned()),
        Just("anna@example.de".to_owned()),
        Just(" dot ".to_owned()),
        Just(" at ".to_owned()),
        Just("4111 1111 1111 1111".to_owned()),
        Just("DE89 3704 0044 0532 0130 00".to_owned()),
        Just("2001:db8::1".to_owned()),
        Just("192.168.1.10".to_owned()),
        Just("born on 12.03.1985".to_owned()),
        Just("passport C01X00T47".to_owned()),
        Just("RSSMRA85T10A562S".to_owned()),
        Just("zéro six, douze, trente-quatre, ".to_owned()),
        Just("quatre-vingt-dix-sept ".to_owned()),
        Just("plus four nine one seven one ".to_owned()),
        Just("double ".to_owned()),
        Just(r#"{"guest": {"firstName": ""#.to_owned()),
        Just(r#""}, "name": ""#.to_owned()),
        Just("Best regards,\n".to_owned()),
        Just("Mr. ".to_owned()),
        Just("XPGMSXGF-1 ".to_owned()),
        "[0-9 +().\\-/]{0,20}",
        "[a-zA-Zäöüéèàñ' ]{0,20}",
        "\\PC{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(fragment, 0..24).prop_map(|v| v.concat())
}

/// 512 cases by default; `PROPTEST_CASES=20000` for a longer run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(512)
}

fn key() -> PseudonymKey {
    PseudonymKey::new(b"0123456789abcdef-test-key").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn spans_are_valid(text in texty()) {
        let findings = Detector::new().detect(&text);
        let mut last_end = 0;
        for f in &findings {
            prop_assert!(f.start < f.end, "empty span {f:?}");
            prop_assert!(f.end <= text.len());
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            prop_assert!(f.start >= last_end, "overlap or unsorted: {findings:?}");
            prop_assert!((0.0..=1.0).contains(&f.score));
            last_end = f.end;
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(text in "\\PC{0,200}") {
        let _ = Detector::new().detect(&text);
        let _ = pii::redact_text(&text, &Operators::new(Operator::Mask));
    }

    #[test]
    fn redaction_removes_every_detected_value(text in texty(), op in prop_oneof![
        Just(Operator::Tag), Just(Operator::Mask), Just(Operator::Pseudonym), Just(Operator::Remove)
    ]) {
        let findings = Detector::new().detect(&text);
        let ops = Operators::new(op).with_key(key());
        let redactor = Redactor::new(Detector::new(), ops);
        let out = redactor.redact_text(&text);
        // Everything outside the findings is kept, in order; every finding is replaced.
        let mut rebuilt = String::new();
        let mut last = 0;
        for f in &findings {
            rebuilt.push_str(&text[last..f.start]);
            rebuilt.push_str(&redactor.operators().replacement(f.entity, f.text(&text)));
            last = f.end;
        }
        rebuilt.push_str(&text[last..]);
        prop_assert_eq!(&out, &rebuilt);
        // No value with at least four letters or digits survives, unless it also occurs
        // in the text outside every finding (then it was not the detected occurrence).
        let mut outside = String::new();
        let mut last = 0;
        for f in &findings {
            outside.push_str(&text[last..f.start]);
            outside.push('\u{0}');
            last = f.end;
        }
        outside.push_str(&text[last..]);
        for f in &findings {
            let value = f.text(&text);
            if value.chars().filter(|c| c.is_alphanumeric()).count() >= 4 && !outside.contains(value) {
                prop_assert!(!out.contains(value), "{value:?} survived in {out:?}");
            }
        }
    }

    #[test]
    fn pseudonyms_are_stable(value in "[a-z]{3,10}@[a-z]{3,8}\\.(de|com|fr)") {
        let ops = Operators::pseudonym(key());
        let a = pii::redact_text(&format!("mail {value}"), &ops);
        let b = pii::redact_text(&format!("contact: {} please", value.to_uppercase()), &ops);
        let tag_a = a.trim_start_matches("mail ").to_owned();
        prop_assert!(tag_a.starts_with("<EMAIL:") && tag_a.len() == "<EMAIL:12345678>".len(), "{a}");
        prop_assert!(b.contains(&tag_a), "{a} vs {b}");
    }

    #[test]
    fn json_redaction_keeps_keys_and_removes_values(first in "[A-Z][a-z]{2,9}", last in "[A-Z][a-z]{2,9}", n in 0u32..1000) {
        let v = serde_json::json!({
            "guest": {"firstName": first, "lastName": last, "phone": "+49 171 2345678"},
            "room": n.to_string(),
        });
        let out = pii::redact_json(&v, &Operators::default());
        let s = out.to_string();
        prop_assert!(!s.contains(&first) || "guest firstName lastName phone room".contains(&first));
        prop_assert!(!s.contains("2345678"));
        prop_assert_eq!(&out["room"], &v["room"]);
        prop_assert_eq!(out["guest"].as_object().map(|o| o.len()), Some(3));
    }

    #[test]
    fn context_spans_are_valid_and_never_panic(
        text in prop_oneof![texty(), "\\PC{0,200}"],
        name in "[A-Za-zäöüéłńśź' -]{0,16}",
        phone in "[0-9 +()]{0,16}",
        email in "[a-zä.]{0,8}@[a-z]{1,6}\\.[a-z]{2}",
    ) {
        let mut ctx = RedactionContext::default();
        ctx.add(EntityType::Person, &name)
            .add(EntityType::Phone, &phone)
            .add(EntityType::Email, &email)
            .add(EntityType::Iban, &phone);
        let findings = ctx.find(&text);
        let mut last_end = 0;
        for f in &findings {
            prop_assert!(f.start < f.end && f.end <= text.len(), "bad span {f:?}");
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            prop_assert!(f.start >= last_end, "overlap or unsorted: {findings:?}");
            last_end = f.end;
        }
        let _ = ctx.redact_turn(Speaker::Agent, "what is your name?");
        let out = ctx.redact_turn(Speaker::Caller, &text);
        // Every span (at least one byte) becomes one tag (at most 15 bytes).
        prop_assert!(out.len() <= text.len() * 15 + 1, "{out:?}");
        prop_assert!(findings.is_empty() || out != text);
    }
}
