//! The `voicehive eu-check PATH` scanner: finds cloud regions outside the allowed set in
//! Terraform and Kubernetes/Helm files.
//!
//! **Files.** A file given by name must be one of the scanned types; a folder is walked
//! recursively in name order, skipping hidden entries (`.git`, `.terraform`, dot-files) and
//! symbolic links, and files of other types. Scanned types:
//!
//! - HCL: `.tf`, `.tfvars`, `.hcl`, which must parse with `hcl-rs`;
//! - Terraform JSON: `.tf.json`, `.tfvars.json`, which must parse as JSON;
//! - YAML: `.yaml`, `.yml`, which must parse (every document of a multi-document file), except
//!   Helm templates: a YAML file under a `templates/` folder that contains `{{`, and `.tpl`
//!   files under `templates/`, which are scanned line by line without parsing.
//!
//! Other `.json` files are not scanned.
//!
//! **Findings.** Every region identifier outside the allowed set that is not in a comment
//! (values, keys, names alike): AWS regions of every partition (`us-east-1`, `us-gov-west-1`,
//! `cn-north-1`, `eusc-de-east-1`), also as availability zones (`eu-west-1a` counts as
//! `eu-west-1`), inside ARNs and host names; GCP regions and zones (`us-central1`,
//! `europe-west3-a`); Azure locations given as the value of a `location` or `region` key on the
//! same line (`westeurope`, `West Europe`, `eastus2`). Only lower-case AWS and GCP identifiers
//! are recognised. GCP and Azure regions, EU ones included, are findings unless they are in the
//! allowed set. Comments are `#`, `//` and `/* */` in HCL (a heredoc's lines are content), `#`
//! in YAML, and `{{/* */}}` in Helm templates; a `#` inside a quoted string is not a comment.
//! Columns count characters, from 1.

mod mask;

use std::collections::BTreeSet;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::region::{find_azure_location, find_regions};
use mask::{Masker, Syntax};

/// The longest [`ScanFinding::text`], in characters.
pub const MAX_TEXT_CHARS: usize = 160;

/// A region outside the allowed set, found in a file.
///
/// `Display`: `file:line:column: region `us-east-1` is outside the allowed EU regions
/// (eu-central-1, eu-west-1)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScanFinding {
    /// The file.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column of the identifier, in characters.
    pub column: usize,
    /// The region (for a zone, its region; for Azure, the normalised location name).
    pub region: String,
    /// The trimmed line, cut to [`MAX_TEXT_CHARS`] characters, with any URL user and password
    /// replaced by `***`.
    pub text: String,
    /// The allowed regions the scan used, sorted.
    #[serde(skip)]
    pub allowed_regions: Vec<String>,
}

impl fmt::Display for ScanFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: region `{}` is outside the allowed EU regions ({})",
            self.file.display(),
            self.line,
            self.column,
            self.region,
            if self.allowed_regions.is_empty() {
                "none".to_owned()
            } else {
                self.allowed_regions.join(", ")
            }
        )
    }
}

/// The result of a scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScanReport {
    /// The allowed regions, sorted.
    pub allowed_regions: Vec<String>,
    /// Every file scanned, in scan order.
    pub files: Vec<PathBuf>,
    /// The findings, by file, line and column.
    pub findings: Vec<ScanFinding>,
}

impl ScanReport {
    /// Whether nothing was found.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }
}

impl fmt::Display for ScanReport {
    /// One finding per line, then `N files scanned, M findings`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for finding in &self.findings {
            writeln!(f, "{finding}")?;
        }
        let (files, findings) = (self.files.len(), self.findings.len());
        write!(
            f,
            "{files} file{} scanned, {findings} finding{}",
            if files == 1 { "" } else { "s" },
            if findings == 1 { "" } else { "s" }
        )
    }
}

/// Why a scan failed.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// A path could not be read (also: a file that is not UTF-8).
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: io::Error,
    },
    /// A file does not parse. The message names the position, never the offending text.
    #[error("{}{}: not valid {format}: {message}", file.display(), Position(*line, *column))]
    Parse {
        /// The file.
        file: PathBuf,
        /// `HCL`, `YAML` or `JSON`.
        format: &'static str,
        /// 1-based line, if the parser says.
        line: Option<usize>,
        /// 1-based column, if the parser says.
        column: Option<usize>,
        /// The parser's message.
        message: String,
    },
    /// A file named explicitly is of a type the scanner does not read.
    #[error(
        "{}: not a file eu-check reads (.tf, .tfvars, .hcl, .tf.json, .tfvars.json, .yaml, .yml, Helm templates/*.tpl)",
        file.display()
    )]
    Unsupported {
        /// The file.
        file: PathBuf,
    },
}

/// `:line:column`, `:line` or nothing.
struct Position(Option<usize>, Option<usize>);

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.0, self.1) {
            (Some(l), Some(c)) => write!(f, ":{l}:{c}"),
            (Some(l), None) => write!(f, ":{l}"),
            _ => Ok(()),
        }
    }
}

/// The kind of a file, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Hcl,
    Json,
    Yaml,
    HelmHelper,
}

fn kind_of(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    if name.ends_with(".tf.json") || name.ends_with(".tfvars.json") {
        Some(Kind::Json)
    } else if [".tf", ".tfvars", ".hcl"].iter().any(|e| name.ends_with(e)) {
        Some(Kind::Hcl)
    } else if name.ends_with(".yaml") || name.ends_with(".yml") {
        Some(Kind::Yaml)
    } else if name.ends_with(".tpl") && under_templates(path) {
        Some(Kind::HelmHelper)
    } else {
        None
    }
}

fn under_templates(path: &Path) -> bool {
    path.parent()
        .is_some_and(|p| p.components().any(|c| c.as_os_str() == "templates"))
}

/// Scans a file or a folder (see the [module documentation](self)) for regions outside
/// `allowed_regions`.
///
/// # Errors
///
/// [`ScanError::Io`] if a path cannot be read, [`ScanError::Parse`] for the first file (in scan
/// order) that does not parse, [`ScanError::Unsupported`] if `path` is a file of a type the
/// scanner does not read.
pub fn scan_path(path: &Path, allowed_regions: &BTreeSet<String>) -> Result<ScanReport, ScanError> {
    let mut report = ScanReport {
        allowed_regions: allowed_regions.iter().cloned().collect(),
        files: Vec::new(),
        findings: Vec::new(),
    };
    walk(path, true, allowed_regions, &mut report)?;
    Ok(report)
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> ScanError + '_ {
    move |source| ScanError::Io {
        path: path.to_owned(),
        source,
    }
}

fn walk(
    path: &Path,
    top: bool,
    allowed: &BTreeSet<String>,
    report: &mut ScanReport,
) -> Result<(), ScanError> {
    let meta = if top {
        std::fs::metadata(path)
    } else {
        std::fs::symlink_metadata(path)
    }
    .map_err(io_error(path))?;
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(io_error(path))?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .map_err(io_error(path))?;
        entries.sort();
        for entry in entries {
            let hidden = entry
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if !hidden {
                walk(&entry, false, allowed, report)?;
            }
        }
    } else if meta.is_file() {
        if kind_of(path).is_some() {
            let text = std::fs::read_to_string(path).map_err(io_error(path))?;
            let findings = scan_text(path, &text, allowed)?;
            report.files.push(path.to_owned());
            report.findings.extend(findings);
        } else if top {
            return Err(ScanError::Unsupported {
                file: path.to_owned(),
            });
        }
    }
    Ok(())
}

/// Scans one file's content, as [`scan_path`] would scan the file at `path` (whose name decides
/// the syntax; it is not read).
///
/// # Errors
///
/// [`ScanError::Parse`] if the content does not parse, [`ScanError::Unsupported`] if the scanner
/// does not read files named like `path`.
pub fn scan_text(
    path: &Path,
    text: &str,
    allowed_regions: &BTreeSet<String>,
) -> Result<Vec<ScanFinding>, ScanError> {
    let kind = kind_of(path).ok_or_else(|| ScanError::Unsupported {
        file: path.to_owned(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let syntax = match kind {
        Kind::Hcl => {
            hcl::parse(text).map_err(|e| hcl_error(path, e))?;
            Syntax::Hcl
        }
        Kind::Json => {
            serde_json::from_str::<serde::de::IgnoredAny>(text)
                .map_err(|e| json_error(path, &e))?;
            Syntax::Json
        }
        Kind::Yaml if under_templates(path) && text.contains("{{") => Syntax::HelmTemplate,
        Kind::Yaml => {
            for document in serde_yaml::Deserializer::from_str(text) {
                <serde::de::IgnoredAny as serde::Deserialize>::deserialize(document)
                    .map_err(|e| yaml_error(path, &e))?;
            }
            Syntax::Yaml
        }
        Kind::HelmHelper => Syntax::HelmTemplate,
    };
    let allowed: Vec<String> = allowed_regions.iter().cloned().collect();
    let mut masker = Masker::new(syntax);
    let mut findings = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let masked = masker.mask(line);
        let mut hits: Vec<(usize, String)> = find_regions(&masked)
            .into_iter()
            .map(|m| (m.start, m.region))
            .collect();
        hits.extend(find_azure_location(&masked));
        hits.sort();
        for (at, region) in hits {
            if allowed_regions.contains(&region) {
                continue;
            }
            findings.push(ScanFinding {
                file: path.to_owned(),
                line: index + 1,
                column: masked[..at].chars().count() + 1,
                region,
                text: excerpt(line),
                allowed_regions: allowed.clone(),
            });
        }
    }
    Ok(findings)
}

fn hcl_error(path: &Path, error: hcl::Error) -> ScanError {
    let (line, column, message) = match error {
        hcl::Error::Parse(e) => (
            Some(e.location().line()),
            Some(e.location().column()),
            e.message().to_owned(),
        ),
        other => (None, None, other.to_string()),
    };
    ScanError::Parse {
        file: path.to_owned(),
        format: "HCL",
        line,
        column,
        message,
    }
}

/// The parser's message without the ` at line L column C` it appends.
fn without_position(message: String, line: usize, column: usize) -> String {
    let suffix = format!(" at line {line} column {column}");
    match message.find(&suffix) {
        Some(at) => {
            let mut message = message;
            message.replace_range(at..at + suffix.len(), "");
            message
        }
        None => message,
    }
}

fn yaml_error(path: &Path, error: &serde_yaml::Error) -> ScanError {
    let position = error.location().map(|l| (l.line(), l.column()));
    let message = match position {
        Some((l, c)) => without_position(error.to_string(), l, c),
        None => error.to_string(),
    };
    ScanError::Parse {
        file: path.to_owned(),
        format: "YAML",
        line: position.map(|p| p.0),
        column: position.map(|p| p.1),
        message,
    }
}

fn json_error(path: &Path, error: &serde_json::Error) -> ScanError {
    let (line, column) = (error.line(), error.column());
    ScanError::Parse {
        file: path.to_owned(),
        format: "JSON",
        line: (line > 0).then_some(line),
        column: (line > 0).then_some(column),
        message: without_position(error.to_string(), line, column),
    }
}

/// The trimmed line, cut to [`MAX_TEXT_CHARS`] characters, URL credentials masked.
fn excerpt(line: &str) -> String {
    redact_userinfo(line.trim())
        .chars()
        .take(MAX_TEXT_CHARS)
        .collect()
}

/// Replaces the user information of URLs (`scheme://user:password@host`) with `***`.
fn redact_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (head, tail) = rest.split_at(at + 3);
        out.push_str(head);
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '/' | '"' | '\'' | '?' | '#' | '`'))
            .unwrap_or(tail.len());
        match tail[..end].rfind('@') {
            Some(userinfo_end) => {
                out.push_str("***");
                rest = &tail[userinfo_end..];
            }
            None => rest = tail,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_credentials_are_masked_in_excerpts() {
        assert_eq!(
            redact_userinfo(r#"url = "postgres://app:s3cret@db.us-east-1.rds.amazonaws.com/x""#),
            r#"url = "postgres://***@db.us-east-1.rds.amazonaws.com/x""#
        );
        assert_eq!(
            redact_userinfo("a https://h/x b redis://:pw@h2 c"),
            "a https://h/x b redis://***@h2 c"
        );
    }

    #[test]
    fn excerpts_are_trimmed_and_cut() {
        let long = format!("   {}   ", "é".repeat(200));
        assert_eq!(excerpt(&long), "é".repeat(MAX_TEXT_CHARS));
    }

    #[test]
    fn file_kinds_by_name() {
        assert_eq!(kind_of(Path::new("a/main.tf")), Some(Kind::Hcl));
        assert_eq!(kind_of(Path::new("prod.TFVARS")), Some(Kind::Hcl));
        assert_eq!(kind_of(Path::new("terragrunt.hcl")), Some(Kind::Hcl));
        assert_eq!(kind_of(Path::new("cdk.tf.json")), Some(Kind::Json));
        assert_eq!(kind_of(Path::new("package.json")), None);
        assert_eq!(kind_of(Path::new("values.yml")), Some(Kind::Yaml));
        assert_eq!(
            kind_of(Path::new("chart/templates/_helpers.tpl")),
            Some(Kind::HelmHelper)
        );
        assert_eq!(kind_of(Path::new("user_data.sh.tpl")), None);
        assert_eq!(kind_of(Path::new("README.md")), None);
    }
}
