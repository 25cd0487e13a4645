//! `voicehive capabilities`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use pms_capabilities::CapabilityMatrix;

/// Output format of the matrix.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Format {
    /// An aligned table for terminals.
    Table,
    /// Markdown, as in docs/capability-matrix.md.
    Markdown,
    /// JSON, for tools.
    Json,
}

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Read this matrix file instead of the built-in one (to check an edited file).
    #[arg(long)]
    matrix: Option<PathBuf>,
}

pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let matrix = match &args.matrix {
        Some(path) => CapabilityMatrix::load(path)?,
        None => CapabilityMatrix::builtin().context("the built-in capability matrix")?,
    };
    let text = match args.format {
        Format::Table => matrix.to_table(),
        Format::Markdown => matrix.to_markdown(),
        Format::Json => serde_json::to_string_pretty(&matrix.to_json())? + "\n",
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
