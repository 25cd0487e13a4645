//! Just enough Rust lexing for the source checks: comments and literals blanked out, the
//! extent of `#[cfg(test)]` items and `macro_rules!` bodies, line numbers.

use std::ops::Range;

/// `src` with the contents of comments, string literals and char literals replaced by spaces
/// (newlines kept), so byte offsets and line numbers stay those of `src`.
pub(crate) fn mask(src: &str) -> String {
    let bytes = src.as_bytes();
    let mut out = bytes.to_vec();
    let blank = |out: &mut Vec<u8>, range: Range<usize>| {
        for b in &mut out[range] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        if b == b'/' && next == Some(b'/') {
            let end = src[i..].find('\n').map_or(bytes.len(), |n| i + n);
            blank(&mut out, i..end);
            i = end;
        } else if b == b'/' && next == Some(b'*') {
            let (mut depth, mut j) = (1, i + 2);
            while j < bytes.len() && depth > 0 {
                if bytes[j] == b'/' && bytes.get(j + 1) == Some(&b'*') {
                    depth += 1;
                    j += 2;
                } else if bytes[j] == b'*' && bytes.get(j + 1) == Some(&b'/') {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            blank(&mut out, i..j);
            i = j;
        } else if b == b'r'
            && (i == 0
                || !ident(bytes[i - 1])
                || (bytes[i - 1] == b'b' && (i < 2 || !ident(bytes[i - 2]))))
            && matches!(next, Some(b'"') | Some(b'#'))
        {
            let mut j = i + 1;
            while bytes.get(j) == Some(&b'#') {
                j += 1;
            }
            if bytes.get(j) != Some(&b'"') {
                i += 1;
                continue;
            }
            let hashes = j - i - 1;
            let closing: String = std::iter::once('"')
                .chain("#".repeat(hashes).chars())
                .collect();
            let end = src[j + 1..]
                .find(&closing)
                .map_or(bytes.len(), |n| j + 1 + n + closing.len());
            blank(
                &mut out,
                j + 1..end.saturating_sub(closing.len()).max(j + 1),
            );
            i = end;
        } else if b == b'"' {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            blank(&mut out, i + 1..j.min(bytes.len()));
            i = j + 1;
        } else if b == b'\'' {
            // A char literal ('x', '\n', '\u{7f}', a multi-byte char) or a lifetime ('a).
            if next == Some(b'\\') && i + 3 <= bytes.len() {
                let end = src[i + 3..].find('\'').map_or(bytes.len(), |n| i + 3 + n);
                blank(&mut out, i + 1..end);
                i = end + 1;
            } else if let Some(c) = src[i + 1..].chars().next() {
                let after = i + 1 + c.len_utf8();
                if bytes.get(after) == Some(&b'\'') {
                    blank(&mut out, i + 1..after);
                    i = after + 1;
                } else {
                    i += 1;
                }
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The 1-based line of byte offset `at`.
pub(crate) fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}

/// The offset just past the bracket matching the opening one at `open` (`{`, `(` or `[`), in
/// masked text; the end of the text if it is unbalanced.
pub(crate) fn matching(masked: &str, open: usize) -> usize {
    let bytes = masked.as_bytes();
    let mut depth = 0usize;
    for (j, b) in bytes.iter().enumerate().skip(open) {
        match b {
            b'{' | b'(' | b'[' => depth += 1,
            b'}' | b')' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return j + 1;
                }
            }
            _ => {}
        }
    }
    bytes.len()
}

/// Skips whitespace and outer attributes (`#[...]`) from `at`.
pub(crate) fn skip_attributes(masked: &str, mut at: usize) -> usize {
    let bytes = masked.as_bytes();
    loop {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if bytes.get(at) == Some(&b'#') && bytes.get(at + 1) == Some(&b'[') {
            at = matching(masked, at + 1);
        } else {
            return at;
        }
    }
}

/// The end of the item starting at `at`: past its first `;` outside brackets, or past the
/// block that its first `{` opens.
pub(crate) fn item_end(masked: &str, at: usize) -> usize {
    let bytes = masked.as_bytes();
    let mut j = at;
    while j < bytes.len() {
        match bytes[j] {
            b';' => return j + 1,
            b'{' => return matching(masked, j),
            b'(' | b'[' => j = matching(masked, j),
            _ => j += 1,
        }
    }
    bytes.len()
}

/// What `#[cfg(test)]` covers in one file.
#[derive(Debug, Default)]
pub(crate) struct TestCode {
    /// Byte ranges of `#[cfg(test)]` items (attribute included), or the whole file under
    /// `#![cfg(test)]`.
    pub(crate) spans: Vec<Range<usize>>,
    /// Names of out-of-line test modules (`#[cfg(test)] mod tests;`).
    pub(crate) module_files: Vec<String>,
}

impl TestCode {
    pub(crate) fn contains(&self, at: usize) -> bool {
        self.spans.iter().any(|s| s.contains(&at))
    }
}

/// The `#[cfg(test)]` items of a masked source text.
pub(crate) fn test_code(masked: &str) -> TestCode {
    let mut code = TestCode::default();
    if masked.contains("#![cfg(test)]") {
        code.spans.push(0..masked.len());
        return code;
    }
    for (at, attr) in masked.match_indices("#[cfg(test)]") {
        let start = skip_attributes(masked, at + attr.len());
        let end = item_end(masked, start);
        let item = &masked[start..end];
        let words: Vec<&str> = item
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ';'))
            .filter(|w| !w.is_empty())
            .collect();
        if let Some(i) = words.iter().position(|w| *w == "mod")
            && let Some(name) = words.get(i + 1)
            && item.trim_end().ends_with(';')
        {
            code.module_files
                .push(name.trim_end_matches(';').to_owned());
        }
        code.spans.push(at..end);
    }
    code
}

/// Byte ranges of `macro_rules!` definitions (name and body).
pub(crate) fn macro_definitions(masked: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    for (at, word) in masked.match_indices("macro_rules!") {
        let bytes = masked.as_bytes();
        let mut j = at + word.len();
        while j < bytes.len() && !matches!(bytes[j], b'{' | b'(' | b'[') {
            j += 1;
        }
        spans.push(at..matching(masked, j));
    }
    spans
}

/// Offsets of `needle` in `masked` that stand as whole words (no identifier character right
/// before or after).
pub(crate) fn word_hits(masked: &str, needle: &str) -> Vec<usize> {
    let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    masked
        .match_indices(needle)
        .filter(|(at, _)| {
            let before = masked[..*at].chars().next_back();
            let after = masked[at + needle.len()..].chars().next();
            !ident(before)
                && (needle.ends_with(|c: char| !(c.is_alphanumeric() || c == '_')) || !ident(after))
        })
        .map(|(at, _)| at)
        .collect()
}

/// `(file, line)` hits of any of `needles` in the non-test code of `text`.
pub(crate) fn hits_outside_tests(text: &str, needles: &[&str]) -> Vec<(usize, String)> {
    let masked = mask(text);
    let tests = test_code(&masked);
    let mut hits: Vec<(usize, String)> = needles
        .iter()
        .flat_map(|needle| {
            word_hits(&masked, needle)
                .into_iter()
                .filter(|at| !tests.contains(*at))
                .map(|at| (line_of(&masked, at), (*needle).to_owned()))
                .collect::<Vec<_>>()
        })
        .collect();
    hits.sort();
    hits
}

/// The files of out-of-line `#[cfg(test)]` modules declared in the files given, as path
/// prefixes (`.../tests.rs` and `.../tests/`).
pub(crate) fn test_module_paths(files: &[crate::SourceFile]) -> Vec<String> {
    let mut out = Vec::new();
    for file in files {
        let code = test_code(&mask(&file.text));
        let (dir, name) = file.path.rsplit_once('/').unwrap_or(("", &file.path));
        let base = if matches!(name, "lib.rs" | "main.rs" | "mod.rs") {
            dir.to_owned()
        } else {
            format!("{dir}/{}", name.trim_end_matches(".rs"))
        };
        for module in code.module_files {
            out.push(format!("{base}/{module}.rs"));
            out.push(format!("{base}/{module}/"));
        }
    }
    out
}

#[test]
fn masking_blanks_comments_and_literals_and_keeps_offsets() {
    let src = "let a = \"Utc::now()\"; // Utc::now()\n/* { */ let c = '{'; let r = r#\"}\"#; fn f<'a>() {}\n";
    let masked = mask(src);
    assert_eq!(masked.len(), src.len());
    assert!(!masked.contains("Utc"), "{masked}");
    assert!(!masked.contains("'{'"), "{masked}");
    assert_eq!(masked.matches('{').count(), 1, "{masked}");
    assert_eq!(masked.matches('}').count(), 1, "{masked}");
    assert!(masked.contains("fn f<'a>()"), "{masked}");
    assert_eq!(masked.lines().count(), src.lines().count());
}

#[test]
fn cfg_test_items_are_found_wherever_they_are() {
    let src = "fn a() {}\n#[cfg(test)]\nmod tests {\n    fn t() { let x = '}'; }\n}\nfn b() {}\n#[cfg(test)]\n#[allow(dead_code)]\nfn helper() {}\n#[cfg(test)]\nmod more;\nfn c() {}\n";
    let masked = mask(src);
    let code = test_code(&masked);
    assert_eq!(code.spans.len(), 3, "{code:?}");
    assert!(!code.contains(src.find("fn a").unwrap()));
    assert!(code.contains(src.find("fn t").unwrap()));
    assert!(!code.contains(src.find("fn b").unwrap()));
    assert!(code.contains(src.find("fn helper").unwrap()));
    assert!(!code.contains(src.find("fn c").unwrap()));
    assert_eq!(code.module_files, ["more"]);
}
