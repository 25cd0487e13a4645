//! `voicehive eu-check PATH...`: every cloud region named in Terraform (HCL) and Kubernetes /
//! Helm YAML must be an allowed EU region.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Files or directories (searched recursively: .tf, .tfvars, .hcl, .tf.json, .yaml, .yml).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// An allowed region (repeatable) [default: eu-central-1 and eu-west-1].
    #[arg(long = "region")]
    regions: Vec<String>,
}

/// Exit 0: no region outside the allowed set; 1: findings (file:line:column each); 2: a file
/// that does not parse or cannot be read.
pub(crate) fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let allowed: BTreeSet<String> = if args.regions.is_empty() {
        residency::DEFAULT_ALLOWED_REGIONS
            .iter()
            .map(|r| (*r).to_owned())
            .collect()
    } else {
        let policy = residency::ResidencyPolicy::new(args.regions.clone(), Vec::new(), Vec::new())?;
        policy.allowed_regions().clone()
    };
    let mut out = std::io::stdout().lock();
    let mut findings = 0;
    let mut files = 0;
    for path in &args.paths {
        let report = residency::scan_path(path, &allowed)?;
        files += report.files.len();
        for finding in &report.findings {
            writeln!(out, "{finding}")?;
            findings += 1;
        }
    }
    let list = allowed.iter().cloned().collect::<Vec<_>>().join(", ");
    if findings == 0 {
        writeln!(
            out,
            "eu-check: {files} files, every region in the allowed set ({list})"
        )?;
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(
            out,
            "eu-check: {findings} regions outside the allowed set ({list}) in {files} files"
        )?;
        Ok(ExitCode::from(1))
    }
}
