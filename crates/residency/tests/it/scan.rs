//! The eu-check scanner on the fixtures: exact positions, comments, hidden folders, parse errors.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use residency::{DEFAULT_ALLOWED_REGIONS, ScanError, ScanReport, scan_path, scan_text};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn default_allowed() -> BTreeSet<String> {
    DEFAULT_ALLOWED_REGIONS.map(str::to_owned).into()
}

fn scan(dir: &str, allowed: &BTreeSet<String>) -> ScanReport {
    scan_path(&fixtures().join(dir), allowed).unwrap_or_else(|e| panic!("{dir}: {e}"))
}

/// Findings as `relative/path:line:column region`.
fn positions(report: &ScanReport) -> Vec<String> {
    let root = fixtures();
    report
        .findings
        .iter()
        .map(|f| {
            let rel = f.file.strip_prefix(&root).unwrap();
            format!("{}:{}:{} {}", rel.display(), f.line, f.column, f.region)
        })
        .collect()
}

fn relative(files: &[PathBuf]) -> Vec<String> {
    files
        .iter()
        .map(|f| f.strip_prefix(fixtures()).unwrap().display().to_string())
        .collect()
}

#[test]
fn the_clean_tree_is_clean_and_hidden_and_other_files_are_skipped() {
    let report = scan("clean", &default_allowed());
    assert_eq!(positions(&report), Vec::<String>::new());
    assert!(report.is_clean());
    // `.terraform` (unparsable, us-east-1), README.md and package.json are not read.
    assert_eq!(
        relative(&report.files),
        [
            "clean/chart/Chart.yaml",
            "clean/chart/templates/_helpers.tpl",
            "clean/chart/templates/deployment.yaml",
            "clean/chart/values.yaml",
            "clean/main.tf",
            "clean/terraform.tfvars",
            "clean/variables.tf",
        ]
    );
    assert_eq!(report.to_string(), "7 files scanned, 0 findings");
}

#[test]
fn the_clean_tree_has_findings_when_fewer_regions_are_allowed() {
    let report = scan("clean", &BTreeSet::from(["eu-central-1".to_owned()]));
    assert_eq!(
        positions(&report),
        [
            "clean/chart/templates/_helpers.tpl:1:32 eu-west-1",
            "clean/chart/values.yaml:2:7 eu-west-1",
            "clean/chart/values.yaml:4:34 eu-west-1",
            "clean/terraform.tfvars:1:11 eu-west-1",
            "clean/variables.tf:6:48 eu-west-1",
            "clean/variables.tf:7:44 eu-west-1",
        ]
    );
}

#[test]
fn every_region_outside_comments_is_reported_at_its_exact_position() {
    let report = scan("bad", &default_allowed());
    assert_eq!(
        positions(&report),
        [
            "bad/cdk.tf.json:3:26 ap-northeast-3",
            "bad/chart/templates/configmap.yaml:7:41 us-west-2",
            "bad/k8s/deploy.yaml:15:38 eu-west-3",
            "bad/k8s/deploy.yaml:21:23 us-gov-west-1",
            "bad/main.tf:7:13 us-east-1",
            "bad/main.tf:16:58 eu-west-2",
            "bad/main.tf:21:25 us-west-1",
            "bad/main.tf:22:49 ca-central-1",
            "bad/main.tf:23:35 il-central-1",
            "bad/main.tf:28:38 me-central-1",
            "bad/other-clouds.tf:3:15 westeurope",
            "bad/other-clouds.tf:7:13 europe-west3",
            "bad/prod.tfvars:1:19 eu-south-1",
        ]
    );
    assert!(!report.is_clean());
    assert_eq!(report.files.len(), 6);
}

#[test]
fn a_finding_displays_its_position_region_and_the_allowed_set() {
    let report = scan("bad", &default_allowed());
    let finding = report
        .findings
        .iter()
        .find(|f| f.region == "us-east-1")
        .unwrap();
    assert_eq!(
        finding.text,
        r#"region = "us-east-1" # was eu-north-1 before"#
    );
    assert_eq!(
        finding.to_string(),
        format!(
            "{}:7:13: region `us-east-1` is outside the allowed EU regions (eu-central-1, eu-west-1)",
            fixtures().join("bad/main.tf").display()
        )
    );
    assert!(
        report
            .to_string()
            .ends_with("\n6 files scanned, 13 findings")
    );
}

#[test]
fn allowing_other_clouds_regions_removes_their_findings() {
    let mut allowed = default_allowed();
    allowed.extend(["westeurope".to_owned(), "europe-west3".to_owned()]);
    let report = scan_path(&fixtures().join("bad/other-clouds.tf"), &allowed).unwrap();
    assert!(report.is_clean(), "{report}");
    assert_eq!(report.files, [fixtures().join("bad/other-clouds.tf")]);
}

#[test]
fn an_unparsable_file_is_an_error_naming_the_file_and_line() {
    let file = fixtures().join("broken/main.tf");
    let err = scan_path(&fixtures().join("broken"), &default_allowed()).unwrap_err();
    match &err {
        ScanError::Parse {
            file: f,
            format,
            line,
            ..
        } => {
            assert_eq!(f, &file);
            assert_eq!(*format, "HCL");
            assert_eq!(*line, Some(3));
        }
        other => panic!("unexpected error: {other}"),
    }
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}:3:", file.display())),
        "{message}"
    );
    assert!(message.contains("not valid HCL"), "{message}");
    // The offending line is not quoted: a .tfvars line may hold a secret.
    assert!(!message.contains("default"), "{message}");
}

#[test]
fn yaml_is_parsed_document_by_document_with_exact_error_lines() {
    let allowed = default_allowed();
    let ok = "a: eu-west-1\n---\nb: us-east-1\n---\n- c\n";
    let findings = scan_text(Path::new("k8s/x.yaml"), ok, &allowed).unwrap();
    let at: Vec<(usize, usize, &str)> = findings
        .iter()
        .map(|f| (f.line, f.column, f.region.as_str()))
        .collect();
    assert_eq!(at, [(3, 4, "us-east-1")]);

    let broken = "a: 1\n---\nb: [1, 2\nc: 3\n";
    let err = scan_text(Path::new("k8s/x.yaml"), broken, &allowed).unwrap_err();
    match &err {
        ScanError::Parse { format, line, .. } => {
            assert_eq!(*format, "YAML");
            assert_eq!(*line, Some(4), "{err}");
        }
        other => panic!("unexpected error: {other}"),
    }
    assert!(err.to_string().starts_with("k8s/x.yaml:4:"), "{err}");
}

#[test]
fn helm_templates_are_not_parsed_but_other_yaml_with_braces_is() {
    let allowed = default_allowed();
    let template = "{{- if .Values.enabled }}\nzone: us-east-1b\n{{- end }}\n";
    let findings = scan_text(Path::new("chart/templates/x.yaml"), template, &allowed).unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(
        (findings[0].line, findings[0].region.as_str()),
        (2, "us-east-1")
    );
    let err = scan_text(Path::new("chart/values.yaml"), template, &allowed).unwrap_err();
    assert!(
        matches!(err, ScanError::Parse { format: "YAML", .. }),
        "{err}"
    );
}

#[test]
fn terraform_json_is_parsed_and_other_files_are_unsupported() {
    let allowed = default_allowed();
    let err = scan_text(Path::new("main.tf.json"), "{\n  \"a\": \n}", &allowed).unwrap_err();
    match &err {
        ScanError::Parse { format, line, .. } => {
            assert_eq!((*format, *line), ("JSON", Some(3)));
        }
        other => panic!("unexpected error: {other}"),
    }
    let err = scan_path(&fixtures().join("clean/README.md"), &allowed).unwrap_err();
    assert!(matches!(err, ScanError::Unsupported { .. }), "{err}");
    let err = scan_path(&fixtures().join("no-such-dir"), &allowed).unwrap_err();
    assert!(matches!(err, ScanError::Io { .. }), "{err}");
}

#[test]
fn url_credentials_in_a_finding_are_masked() {
    let text = "db_url = \"postgres://app:S3cret@db.x.us-east-1.rds.amazonaws.com/gw\"\n";
    let findings = scan_text(Path::new("prod.tfvars"), text, &default_allowed()).unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(
        findings[0].text,
        "db_url = \"postgres://***@db.x.us-east-1.rds.amazonaws.com/gw\""
    );
    assert!(!findings[0].to_string().contains("S3cret"));
}
