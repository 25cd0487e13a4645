//! Scanning files and folders for personal data (`voicehive pii scan PATH...`).
//!
//! Every line of every file is scanned as text (this covers JSON lines: name fields are
//! recognised by their keys). Files that look binary (a NUL byte in the first 8 KiB) are skipped;
//! invalid UTF-8 is read lossily. Folders are walked recursively in name order; symbolic links to
//! folders are not followed. Findings carry the position and the entity type, never the value.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::{Detector, EntityType, detector};

/// One finding in a file. `Display` prints `file:line:column ENTITY`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileFinding {
    /// The file.
    pub path: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters (Unicode scalar values).
    pub column: usize,
    /// What was found.
    pub entity: EntityType,
}

impl fmt::Display for FileFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{} {}",
            self.path.display(),
            self.line,
            self.column,
            self.entity
        )
    }
}

/// Errors of a scan.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// A path could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: io::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> ScanError + '_ {
    move |source| ScanError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Scans files and folders with the default detector.
pub fn scan_paths(paths: &[PathBuf]) -> Result<Vec<FileFinding>, ScanError> {
    scan_paths_with(detector(), paths)
}

/// Scans files and folders with `detector`.
pub fn scan_paths_with(
    detector: &Detector,
    paths: &[PathBuf],
) -> Result<Vec<FileFinding>, ScanError> {
    let mut out = Vec::new();
    for p in paths {
        walk(detector, p, true, &mut out)?;
    }
    Ok(out)
}

fn walk(
    detector: &Detector,
    path: &Path,
    top: bool,
    out: &mut Vec<FileFinding>,
) -> Result<(), ScanError> {
    let meta = if top {
        std::fs::metadata(path)
    } else {
        std::fs::symlink_metadata(path)
    }
    .map_err(io_err(path))?;
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(io_err(path))?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .map_err(io_err(path))?;
        entries.sort();
        for e in entries {
            walk(detector, &e, false, out)?;
        }
    } else if meta.is_file() {
        let file = File::open(path).map_err(io_err(path))?;
        scan_reader_into(detector, path, BufReader::new(file), out)?;
    }
    Ok(())
}

/// Scans one reader (a file's content, stdin) and labels findings with `path`.
pub fn scan_reader<R: BufRead>(
    detector: &Detector,
    path: &Path,
    reader: R,
) -> Result<Vec<FileFinding>, ScanError> {
    let mut out = Vec::new();
    scan_reader_into(detector, path, reader, &mut out)?;
    Ok(out)
}

fn scan_reader_into<R: BufRead>(
    detector: &Detector,
    path: &Path,
    mut reader: R,
    out: &mut Vec<FileFinding>,
) -> Result<(), ScanError> {
    // Binary check on the first block.
    let head = reader.fill_buf().map_err(io_err(path))?;
    if head.iter().take(8192).any(|&b| b == 0) {
        return Ok(());
    }
    let mut line_no = 0;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = (&mut reader)
            .take(u64::MAX)
            .read_until(b'\n', &mut buf)
            .map_err(io_err(path))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let line = String::from_utf8_lossy(&buf);
        for f in detector.detect(&line) {
            let column = line[..f.start].chars().count() + 1;
            out.push(FileFinding {
                path: path.to_owned(),
                line: line_no,
                column,
                entity: f.entity,
            });
        }
    }
    Ok(())
}
