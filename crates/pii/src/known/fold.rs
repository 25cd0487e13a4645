//! Case and diacritic folding, and the tokenizer the known-value matcher works on.

/// Appends the folded form of `c` (lower case, diacritics removed, `ß` → `ss`) to `out`.
pub(crate) fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for l in c.to_lowercase() {
        let s: &str = match l {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
            'ď' | 'đ' | 'ð' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
            'ł' | 'ľ' | 'ĺ' | 'ļ' => "l",
            'ñ' | 'ń' | 'ň' | 'ņ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'œ' => "oe",
            'ř' | 'ŕ' => "r",
            'ś' | 'š' | 'ş' | 'ș' => "s",
            'ß' => "ss",
            'ť' | 'ţ' | 'ț' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            'þ' => "th",
            other => {
                out.push(other);
                continue;
            }
        };
        out.push_str(s);
    }
}

use std::borrow::Cow;

/// `s` folded: lower case, without diacritics.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of letters (a word, or one spelled letter).
    Letters,
    /// A run of ASCII digits.
    Digits,
    /// One of `@ . - _ +`.
    Symbol,
}

/// A token of the scanned text: its byte span and folded form. Whitespace and other punctuation
/// separate tokens and are not tokens themselves.
#[derive(Debug, Clone)]
pub(crate) struct Token<'a> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: Kind,
    /// The folded text (borrowed from the scanned text when it is already folded).
    folded: Cow<'a, str>,
    /// The character right before the token, if any.
    pub(crate) prev: Option<char>,
}

impl Token<'_> {
    /// The folded text of the token.
    pub(crate) fn f(&self) -> &str {
        &self.folded
    }
}

fn classify(c: char) -> Option<Kind> {
    if c.is_alphabetic() {
        Some(Kind::Letters)
    } else if c.is_ascii_digit() {
        Some(Kind::Digits)
    } else if matches!(c, '@' | '.' | '-' | '_' | '+') {
        Some(Kind::Symbol)
    } else {
        None
    }
}

/// Splits `text` into letter runs, digit runs and the symbols that occur in e-mail addresses
/// and phone numbers.
pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens: Vec<Token<'_>> = Vec::new();
    let mut prev: Option<char> = None;
    // The token being read: start, kind, character before it.
    let mut open: Option<(usize, Kind, Option<char>)> = None;
    fn close<'a>(
        text: &'a str,
        tokens: &mut Vec<Token<'a>>,
        (start, end): (usize, usize),
        kind: Kind,
        before: Option<char>,
    ) {
        let raw = &text[start..end];
        let folded = if raw.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            Cow::Borrowed(raw)
        } else {
            Cow::Owned(fold(raw))
        };
        tokens.push(Token {
            start,
            end,
            kind,
            folded,
            prev: before,
        });
    }
    for (i, c) in text.char_indices() {
        let kind = classify(c);
        match (open, kind) {
            (Some((_, k, _)), Some(kind)) if k == kind && k != Kind::Symbol => {}
            _ => {
                if let Some((s, k, before)) = open.take() {
                    close(text, &mut tokens, (s, i), k, before);
                }
                if let Some(kind) = kind {
                    open = Some((i, kind, prev));
                }
            }
        }
        prev = Some(c);
    }
    if let Some((s, k, before)) = open {
        close(text, &mut tokens, (s, text.len()), k, before);
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(fold("José MÜLLER Łódź straße"), "jose muller lodz strasse");
        assert_eq!(fold("Kowalczykiem"), "kowalczykiem");
    }

    #[test]
    fn splits_letters_digits_and_symbols() {
        let t = tokenize("Anna83@gmail.com, (0)171 j-o-s-é");
        let f: Vec<&str> = t.iter().map(Token::f).collect();
        assert_eq!(
            f,
            [
                "anna", "83", "@", "gmail", ".", "com", "0", "171", "j", "-", "o", "-", "s", "-",
                "e"
            ]
        );
        assert_eq!(&"Anna83"[t[0].start..t[0].end], "Anna");
    }
}
