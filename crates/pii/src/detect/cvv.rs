//! Card security codes after a cue: `CVV 123`, `CVC: 1234`, `card_cvc=123`, `CVV-code 123`,
//! `Prüfnummer: 1234`, `Prüfziffer 123`, `cryptogramme 123`, `codice di sicurezza 123`, `código de
//! seguridad 123`, `beveiligingscode 123`, `kod CVV 123`, `kod zabezpieczający 123`, written or
//! read out (`the cvv is one two three`). Cue-based only: three or four digits, nothing else.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::util::ceil_boundary;
use crate::known::fold::{Kind, tokenize};
use crate::known::words::alternatives;
use crate::{EntityType, Finding};

static CUE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:(?-u:\b)|_)(?:(?:cvv2?|cvc2?|cv2|csc|c\s?v\s?v)(?:[\s\-_]?(?:code|nummer|number|nr|numer|kod))?|kod\s+zabezpieczaj[ąa]cy|veiligheidscode|kaartverificatiecode|code\s+de\s+v[ée]rification\s+de\s+la\s+carte|codice\s+di\s+controllo|c[óo]digo\s+de\s+verificaci[óo]n\s+de\s+la\s+tarjeta|security\s+code|card\s+verification(?:\s+(?:code|value))?|sicherheitscode|kartenprüfnummer|prüfnummer|prüfziffer|cryptogramme(?:\s+visuel)?|code\s+de\s+sécurité|code\s+de\s+securite|codice\s+di\s+sicurezza|codice\s+di\s+verifica|código\s+de\s+seguridad|codigo\s+de\s+seguridad|beveiligingscode|controlecode|kod\s+bezpieczeństwa|kod\s+bezpieczenstwa|kod\s+cvv)(?:\s*(?:is|ist|est|è|es|to|wynosi|lautet|:|=))?[\s:=]*",
    )
    .ok()
});

pub(crate) fn find(text: &str, out: &mut Vec<Finding>) {
    let Some(re) = CUE.as_ref() else { return };
    for m in re.find_iter(text) {
        let from = m.end();
        let to = ceil_boundary(text, (from + 80).min(text.len()));
        let region = &text[from..to];
        let tokens = tokenize(region);
        let mut digits = 0;
        let mut end = None;
        let mut i = 0;
        while i < tokens.len() && digits < 4 {
            let t = &tokens[i];
            if i == 0 && t.kind == Kind::Digits && (3..=4).contains(&t.f().len()) {
                // Written: the digits are the whole token.
                if tokens.get(1).is_none_or(|n| n.start > t.end) {
                    digits = t.f().len();
                    end = Some(t.end);
                }
                break;
            }
            let mut alts: Vec<(usize, Cow<'_, str>)> = Vec::new();
            alternatives(&tokens, i, &mut alts);
            let one = alts.iter().find(|(j, f)| {
                *j == i + 1 && f.len() == 1 && f.bytes().all(|b| b.is_ascii_digit())
            });
            match one {
                Some(_) if t.kind == Kind::Letters => {
                    digits += 1;
                    end = Some(t.end);
                    i += 1;
                }
                _ => break,
            }
        }
        if let Some(e) = end
            && (3..=4).contains(&digits)
            && tokens.first().is_some_and(|t| t.start < e)
        {
            let start = from + tokens.first().map_or(0, |t| t.start);
            out.push(Finding::new(start, from + e, EntityType::CreditCard, 0.8));
        }
    }
}
