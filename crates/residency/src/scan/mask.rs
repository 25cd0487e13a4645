//! Blanking out comments, line by line, so that regions mentioned only in comments are not
//! reported. Every comment character becomes a space: the masked line has as many characters as
//! the original, so columns stay exact.

/// The syntax of a scanned file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// HCL (`.tf`, `.tfvars`, `.hcl`): `#`, `//` and `/* */` comments; strings with `${}`
    /// interpolations; heredocs, whose lines are content.
    Hcl,
    /// YAML: `#` comments where `#` starts the line or follows whitespace, outside quotes.
    Yaml,
    /// A Helm template: Go template comments `{{/* */}}` (possibly over several lines), then
    /// YAML comments.
    HelmTemplate,
    /// JSON (`.tf.json`): no comments.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    /// Inside `"..."`.
    Str,
    /// Inside `${...}` or `%{...}` of a string.
    Template,
    /// Inside `{...}` within a template.
    Brace,
}

/// Masks the comments of a file's lines, fed in order.
#[derive(Debug)]
pub(crate) struct Masker {
    syntax: Syntax,
    /// HCL: inside `/* */`; Helm: inside `{{/* */}}`.
    in_comment: bool,
    /// HCL: the terminator of the heredoc whose body we are in.
    heredoc: Option<String>,
    /// HCL: strings and interpolations open at this point.
    stack: Vec<Ctx>,
}

impl Masker {
    pub(crate) fn new(syntax: Syntax) -> Self {
        Self {
            syntax,
            in_comment: false,
            heredoc: None,
            stack: Vec::new(),
        }
    }

    /// The line with its comment characters replaced by spaces.
    pub(crate) fn mask(&mut self, line: &str) -> String {
        match self.syntax {
            Syntax::Hcl => self.mask_hcl(line),
            Syntax::Yaml => mask_yaml(line),
            Syntax::HelmTemplate => mask_yaml(&self.mask_go_comments(line)),
            Syntax::Json => line.to_owned(),
        }
    }

    fn mask_hcl(&mut self, line: &str) -> String {
        if let Some(terminator) = &self.heredoc {
            if line.trim() == terminator {
                self.heredoc = None;
            }
            return line.to_owned();
        }
        let chars: Vec<char> = line.chars().collect();
        let mut out = chars.clone();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            if self.in_comment {
                out[i] = ' ';
                if c == '*' && next == Some('/') {
                    out[i + 1] = ' ';
                    self.in_comment = false;
                    i += 2;
                } else {
                    i += 1;
                }
                continue;
            }
            if self.stack.last() == Some(&Ctx::Str) {
                match c {
                    '\\' => i += 2,
                    '"' => {
                        self.stack.pop();
                        i += 1;
                    }
                    '$' | '%' if next == Some(c) && chars.get(i + 2) == Some(&'{') => i += 3,
                    '$' | '%' if next == Some('{') => {
                        self.stack.push(Ctx::Template);
                        i += 2;
                    }
                    _ => i += 1,
                }
                continue;
            }
            match c {
                '#' => {
                    blank(&mut out[i..]);
                    break;
                }
                '/' if next == Some('/') => {
                    blank(&mut out[i..]);
                    break;
                }
                '/' if next == Some('*') => {
                    out[i] = ' ';
                    out[i + 1] = ' ';
                    self.in_comment = true;
                    i += 2;
                }
                '"' => {
                    self.stack.push(Ctx::Str);
                    i += 1;
                }
                '{' => {
                    if !self.stack.is_empty() {
                        self.stack.push(Ctx::Brace);
                    }
                    i += 1;
                }
                '}' => {
                    if matches!(self.stack.last(), Some(Ctx::Brace | Ctx::Template)) {
                        self.stack.pop();
                    }
                    i += 1;
                }
                '<' if next == Some('<') && self.stack.is_empty() => {
                    let rest: String = chars[i + 2..].iter().collect();
                    let marker = rest.strip_prefix('-').unwrap_or(&rest).trim_end();
                    if is_identifier(marker) {
                        self.heredoc = Some(marker.to_owned());
                        break;
                    }
                    i += 2;
                }
                _ => i += 1,
            }
        }
        // A quoted string cannot span lines; do not let a stray quote mask what follows.
        while self.stack.last() == Some(&Ctx::Str) {
            self.stack.pop();
        }
        out.into_iter().collect()
    }

    fn mask_go_comments(&mut self, line: &str) -> String {
        let chars: Vec<char> = line.chars().collect();
        let mut out = chars.clone();
        let mut i = 0;
        while i < chars.len() {
            if self.in_comment {
                let end = ["*/}}", "*/ -}}"]
                    .iter()
                    .find(|e| starts_at(&chars, i, e))
                    .map(|e| e.chars().count());
                match end {
                    Some(n) => {
                        blank(&mut out[i..i + n]);
                        self.in_comment = false;
                        i += n;
                    }
                    None => {
                        out[i] = ' ';
                        i += 1;
                    }
                }
            } else if let Some(n) = ["{{/*", "{{- /*"]
                .iter()
                .find(|s| starts_at(&chars, i, s))
                .map(|s| s.chars().count())
            {
                blank(&mut out[i..i + n]);
                self.in_comment = true;
                i += n;
            } else {
                i += 1;
            }
        }
        out.into_iter().collect()
    }
}

fn starts_at(chars: &[char], i: usize, s: &str) -> bool {
    s.chars()
        .enumerate()
        .all(|(k, c)| chars.get(i + k) == Some(&c))
}

fn blank(chars: &mut [char]) {
    chars.fill(' ');
}

fn is_identifier(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// YAML comments of one line. A quote opens a quoted scalar only at the start of the line or
/// after whitespace, `[`, `{` or `,` (so the apostrophe of `it's` does not); quoted scalars are
/// taken to end on their line.
fn mask_yaml(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = chars.clone();
    let mut quote: Option<char> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|p| chars[p]);
        match quote {
            Some('"') => match c {
                '\\' => i += 1,
                '"' => quote = None,
                _ => {}
            },
            Some(_) => {
                if c == '\'' {
                    if chars.get(i + 1) == Some(&'\'') {
                        i += 1;
                    } else {
                        quote = None;
                    }
                }
            }
            None => {
                let at_boundary =
                    prev.is_none_or(|p| p.is_whitespace() || matches!(p, '[' | '{' | ','));
                if c == '#' && prev.is_none_or(char::is_whitespace) {
                    blank(&mut out[i..]);
                    break;
                }
                if (c == '"' || c == '\'') && at_boundary {
                    quote = Some(c);
                }
            }
        }
        i += 1;
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(syntax: Syntax, text: &str) -> Vec<String> {
        let mut m = Masker::new(syntax);
        text.lines()
            .map(|l| m.mask(l).trim_end().to_owned())
            .collect()
    }

    #[test]
    fn hcl_comments_are_blanked_but_strings_kept() {
        let text = "a = \"x#y\" # us-east-1\nb = \"//\" // c\n/* one\ntwo */ c = 1 /* x */ d\ne = \"${f(\"#\")}\" # g";
        assert_eq!(
            masked(Syntax::Hcl, text),
            [
                "a = \"x#y\"",
                "b = \"//\"",
                "",
                "       c = 1         d",
                "e = \"${f(\"#\")}\"",
            ]
        );
    }

    #[test]
    fn hcl_heredoc_bodies_are_content() {
        let text = "p = <<-EOT\n  # not a comment\n  EOT\n# comment";
        assert_eq!(
            masked(Syntax::Hcl, text),
            ["p = <<-EOT", "  # not a comment", "  EOT", ""]
        );
    }

    #[test]
    fn yaml_hash_is_a_comment_only_after_whitespace_and_outside_quotes() {
        let text = "a: x#y # c\nb: \"p # q\" # r\nc: 'it''s # s' # t\nd: it's # u\n# v";
        assert_eq!(
            masked(Syntax::Yaml, text),
            ["a: x#y", "b: \"p # q\"", "c: 'it''s # s'", "d: it's", ""]
        );
    }

    #[test]
    fn helm_template_comments_span_lines() {
        let text = "a: {{/* eu-west-2\nstill */}} b\nc: {{- /* x */ -}} d # e";
        assert_eq!(
            masked(Syntax::HelmTemplate, text),
            [
                "a:".to_owned(),
                format!("{}b", " ".repeat("still */}} ".len())),
                format!("c:{}d", " ".repeat(" {{- /* x */ -}} ".len())),
            ]
        );
    }

    #[test]
    fn masking_keeps_the_character_count() {
        let mut m = Masker::new(Syntax::Hcl);
        let line = "x = \"é\" # ünïcode";
        assert_eq!(m.mask(line).chars().count(), line.chars().count());
    }
}
