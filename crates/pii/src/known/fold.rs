//! Case and diacritic folding, and the tokenizer the known-value matcher works on.

/// Appends the folded form of `c` (lower case, diacritics removed, `ß` → `ss`) to `out`.
pub(crate) fn fold_char(c: char, out: &mut String) {
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
pub(crate) struct Token {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: Kind,
    pub(crate) folded: String,
    /// The character right before the token, if any.
    pub(crate) prev: Option<char>,
}

/// Splits `text` into letter runs, digit runs and the symbols that occur in e-mail addresses
/// and phone numbers.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let kind = if c.is_alphabetic() {
            Some(Kind::Letters)
        } else if c.is_ascii_digit() {
            Some(Kind::Digits)
        } else if matches!(c, '@' | '.' | '-' | '_' | '+') {
            Some(Kind::Symbol)
        } else {
            None
        };
        let end = i + c.len_utf8();
        match (kind, tokens.last_mut()) {
            (Some(k), Some(last)) if k != Kind::Symbol && last.kind == k && last.end == i => {
                last.end = end;
                fold_char(c, &mut last.folded);
            }
            (Some(k), _) => {
                let mut folded = String::new();
                fold_char(c, &mut folded);
                tokens.push(Token {
                    start: i,
                    end,
                    kind: k,
                    folded,
                    prev,
                });
            }
            (None, _) => {}
        }
        prev = Some(c);
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
        let f: Vec<&str> = t.iter().map(|t| t.folded.as_str()).collect();
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
