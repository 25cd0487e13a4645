//! Every way the loader refuses a matrix, with the exact message and the line of the offending
//! entry. Line numbers refer to the layout documented in `fixture.rs`.

use pms_capabilities::CapabilityMatrix;

use crate::fixture::{inserted, join, lines, refused, removed, replaced};

const KNOWN_CAPABILITIES: &str = "property_info, room_types, availability, offers, \
    create_reservation, get_reservation, search_by_confirmation, search_by_name, \
    search_by_email, search_by_phone, modify_stay, modify_guest, cancel_reservation";
const SHAPES: &str =
    "expected `supported`, `unsupported`, `{partial: \"note\"}` or `{unsupported: \"note\"}`";

/// Asserts the full display, and that `line()` agrees with it.
#[track_caller]
fn assert_refused(yaml: &str, line: usize, column: usize, message: &str) {
    let err = refused(yaml);
    assert_eq!(
        err.to_string(),
        format!("test.yaml:{line}:{column}: {message}")
    );
    assert_eq!(err.line(), Some(line));
    assert_eq!(err.column(), Some(column));
    assert_eq!(err.message(), message);
    assert_eq!(err.origin(), "test.yaml");
}

#[test]
fn yaml_syntax_error_reports_libyaml_position() {
    assert_refused(
        &replaced(22, "    name: Mews: the hotel system"),
        22,
        15,
        "mapping values are not allowed in this context",
    );
}

#[test]
fn yaml_tags_are_refused() {
    assert_refused(
        &replaced(30, "      offers: !partial slow"),
        30,
        15,
        "vendors.mews.capabilities.offers: YAML tags are not supported",
    );
}

#[test]
fn empty_document_has_no_position() {
    for yaml in ["", "# only a comment\n"] {
        let err = refused(yaml);
        assert_eq!(err.line(), None);
        assert_eq!(
            err.to_string(),
            "test.yaml: the document is empty; expected a mapping with a `vendors` key at the top level"
        );
    }
}

#[test]
fn top_level_must_be_a_mapping_with_only_vendors() {
    assert_refused(
        "- apaleo\n- mews\n",
        1,
        1,
        "expected a mapping with a `vendors` key at the top level, found a sequence",
    );
    assert_refused(
        &inserted(96, "version: 2"),
        97,
        1,
        "unknown top-level key `version`; expected `vendors`",
    );
    assert_refused(
        "# header\nmatrix: {}\n",
        2,
        1,
        "unknown top-level key `matrix`; expected `vendors`",
    );
    assert_refused(
        "vendors:\n",
        1,
        9,
        "`vendors` must be a mapping from vendor id to vendor entry, found null",
    );
}

#[test]
fn malformed_vendor_id_is_refused_at_its_key() {
    assert_refused(
        &replaced(21, "  Hilton-Hotels:"),
        21,
        3,
        "invalid vendor id `Hilton-Hotels`; use lowercase letters, digits and `_`, starting with a letter",
    );
}

#[test]
fn a_new_vendor_needs_only_its_entry() {
    // A sixth vendor: the fixture's `protel` entry again under another id.
    let mut lines = lines();
    let protel: Vec<String> = lines[77..96].to_vec();
    lines.extend(protel.into_iter().enumerate().map(|(i, line)| {
        if i == 0 {
            "  hilton_pms:".to_owned()
        } else {
            line
        }
    }));
    let matrix = CapabilityMatrix::parse(&join(&lines), "test.yaml").unwrap();
    assert_eq!(matrix.entries().len(), 6);
    let id = matrix.vendor_id("hilton_pms").unwrap();
    assert_eq!(id, "hilton_pms");
    assert_eq!(
        matrix.vendor(&id).map(|e| e.name.as_str()),
        Some("Name of protel")
    );
    let err = matrix.vendor_id("hilton").unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown vendor `hilton`; known: apaleo, mews, opera_cloud, cloudbeds, protel, hilton_pms"
    );
}

#[test]
fn duplicate_vendor_points_at_the_second_entry() {
    assert_refused(
        &replaced(59, "  mews:"),
        59,
        3,
        "duplicate vendor `mews` (first defined on line 21)",
    );
}

#[test]
fn vendors_may_be_fewer_but_not_none() {
    let matrix = CapabilityMatrix::parse(&removed(59, 96), "test.yaml").unwrap();
    let ids: Vec<&str> = matrix.vendors().map(|v| v.as_str()).collect();
    assert_eq!(ids, ["apaleo", "mews", "opera_cloud"]);
    assert!(matrix.vendor("protel").is_none());
    assert_refused(
        "vendors: {}\n",
        1,
        1,
        "`vendors` lists no vendor; the matrix needs at least one",
    );
}

#[test]
fn vendor_entry_must_be_a_mapping() {
    assert_refused(
        &removed(22, 39).replace("  mews:\n", "  mews: planned\n"),
        21,
        9,
        "vendor `mews`: expected a mapping with the fields name, auth, rate_limits, connector, \
         sources, capabilities, found a string",
    );
}

#[test]
fn missing_required_field_points_at_the_vendor() {
    assert_refused(
        &removed(23, 23),
        21,
        3,
        "vendor `mews`: missing required field `auth`",
    );
    assert_refused(
        &removed(26, 39),
        21,
        3,
        "vendor `mews`: missing required field `capabilities`",
    );
}

#[test]
fn unknown_and_duplicate_fields_point_at_the_field() {
    assert_refused(
        &inserted(22, "    website: https://www.mews.com"),
        23,
        5,
        "vendor `mews`: unknown field `website`; expected one of: name, auth, rate_limits, \
         connector, sources, capabilities",
    );
    assert_refused(
        &inserted(23, "    name: Mews again"),
        24,
        5,
        "vendor `mews`: duplicate field `name` (first set on line 22)",
    );
}

#[test]
fn malformed_fields_point_at_the_value() {
    assert_refused(
        &replaced(22, "    name: [Mews, Systems]"),
        22,
        11,
        "vendor `mews`: `name` must be a string, found a sequence",
    );
    assert_refused(
        &replaced(23, "    auth: \"  \""),
        23,
        11,
        "vendor `mews`: `auth` must not be empty",
    );
    assert_refused(
        &replaced(24, "    rate_limits: []"),
        24,
        18,
        "vendor `mews`: `rate_limits` must list at least one line",
    );
    assert_refused(
        &replaced(
            24,
            "    rate_limits:\n      - 200 requests / 30 s\n      - 429",
        ),
        26,
        9,
        "vendor `mews`: `rate_limits` items must be strings, found a number",
    );
    assert_refused(
        &replaced(25, "    connector: soon"),
        25,
        16,
        "vendor `mews`: unknown connector status `soon`; expected `available` or `planned`",
    );
    assert_refused(
        &replaced(25, "    connector: true"),
        25,
        16,
        "vendor `mews`: `connector` must be `available` or `planned`, found a boolean",
    );
    assert_refused(
        &{
            let mut lines = lines();
            lines[25] = "    capabilities: all".to_owned();
            lines.drain(26..39);
            join(&lines)
        },
        26,
        19,
        "vendor `mews`: `capabilities` must be a mapping from capability name to support, found a string",
    );
}

#[test]
fn unknown_capability_lists_the_known_names() {
    assert_refused(
        &replaced(30, "      teleport: supported"),
        30,
        7,
        &format!("vendor `mews`: unknown capability `teleport`; known: {KNOWN_CAPABILITIES}"),
    );
}

#[test]
fn duplicate_capability_points_at_the_second_entry() {
    assert_refused(
        &replaced(31, "      offers: unsupported"),
        31,
        7,
        "vendor `mews`: duplicate capability `offers` (first listed on line 30)",
    );
}

#[test]
fn missing_capability_is_named_at_the_capabilities_key() {
    assert_refused(
        &removed(30, 30),
        26,
        5,
        "vendor `mews`: missing capability `offers`; list every capability as supported, \
         partial or unsupported",
    );
    assert_refused(
        &removed(37, 38),
        26,
        5,
        "vendor `mews`: missing capabilities `modify_stay`, `modify_guest`; list every \
         capability as supported, partial or unsupported",
    );
}

#[test]
fn partial_without_a_note_is_refused() {
    assert_refused(
        &replaced(30, "      offers: partial"),
        30,
        15,
        "vendor `mews`, capability `offers`: `partial` needs a note explaining the limitation: \
         `offers: {partial: \"...\"}`",
    );
    assert_refused(
        &replaced(30, "      offers:\n        partial:"),
        31,
        17,
        "vendor `mews`, capability `offers`: the `partial` note must be a string, found null",
    );
    assert_refused(
        &replaced(30, "      offers: {partial: \"\"}"),
        30,
        25,
        "vendor `mews`, capability `offers`: the `partial` note must not be empty",
    );
}

#[test]
fn unknown_status_words_are_refused() {
    assert_refused(
        &replaced(30, "      offers: maybe"),
        30,
        15,
        &format!("vendor `mews`, capability `offers`: unknown support `maybe`; {SHAPES}"),
    );
    assert_refused(
        &replaced(30, "      offers: {sometimes: \"weekends only\"}"),
        30,
        16,
        &format!("vendor `mews`, capability `offers`: unknown support `sometimes`; {SHAPES}"),
    );
    assert_refused(
        &replaced(30, "      offers: {supported: \"via rates/getPricing\"}"),
        30,
        16,
        "vendor `mews`, capability `offers`: `supported` takes no note; write \
         `offers: supported`, or `partial` if there is a limitation",
    );
}

#[test]
fn support_values_of_the_wrong_type_are_refused() {
    assert_refused(
        &replaced(30, "      offers: 3"),
        30,
        15,
        &format!("vendor `mews`, capability `offers`: {SHAPES}, found a number"),
    );
    assert_refused(
        &replaced(30, "      offers: [partial, slow]"),
        30,
        15,
        &format!("vendor `mews`, capability `offers`: {SHAPES}, found a sequence"),
    );
    assert_refused(
        &replaced(30, "      offers:"),
        30,
        14,
        &format!("vendor `mews`, capability `offers`: {SHAPES}, found null"),
    );
    assert_refused(
        &replaced(30, "      offers: {partial: a, unsupported: b}"),
        30,
        7,
        "vendor `mews`, capability `offers`: expected a single `partial: \"note\"` or \
         `unsupported: \"note\"` entry, found 2 entries",
    );
    assert_refused(
        &replaced(30, "      offers: {unsupported: [a]}"),
        30,
        29,
        "vendor `mews`, capability `offers`: the `unsupported` note must be a string, found a sequence",
    );
}

#[test]
fn the_first_problem_in_file_order_is_reported() {
    // The unknown capability of apaleo (line 11) comes before the missing vendor `protel`.
    let yaml = removed(78, 96).replace("      offers: supported\n", "      offer: supported\n");
    let err = refused(&yaml);
    assert_eq!(err.line(), Some(11));
}

#[test]
fn accepted_shapes_parse_to_the_right_support() {
    use pms_capabilities::Support;
    use pms_contract::Capability;

    let yaml = replaced(
        30,
        "      offers: {partial: \"reservations/price does not check capacity\"}\n      \
         # a comment between entries\n      # and a folded note:",
    )
    .replace(
        "      modify_stay: supported\n      modify_guest: supported\n      cancel_reservation: supported\n  opera_cloud:",
        "      modify_stay: unsupported\n      modify_guest:\n        unsupported: >-\n          not in the\n          stored docs\n      cancel_reservation: supported\n  opera_cloud:",
    );
    let matrix = CapabilityMatrix::parse(&yaml, "test.yaml").unwrap();
    let mews = matrix.vendor("mews").unwrap();
    assert_eq!(
        mews.support(Capability::Offers),
        Some(&Support::Partial {
            note: "reservations/price does not check capacity".to_owned()
        })
    );
    assert_eq!(
        mews.support(Capability::ModifyStay),
        Some(&Support::Unsupported { note: None })
    );
    assert_eq!(
        mews.support(Capability::ModifyGuest),
        Some(&Support::Unsupported {
            note: Some("not in the stored docs".to_owned())
        })
    );
    assert!(mews.usable().contains(Capability::Offers));
    assert!(!mews.usable().contains(Capability::ModifyStay));
    assert!(!mews.fully_supported().contains(Capability::Offers));
}

#[test]
fn load_reads_files_and_names_them_in_errors() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../capability_matrix.yaml");
    let loaded = CapabilityMatrix::load(std::path::Path::new(root)).unwrap();
    assert_eq!(loaded, CapabilityMatrix::builtin().unwrap());

    let missing = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("no-such-matrix.yaml");
    let err = CapabilityMatrix::load(&missing).unwrap_err();
    assert_eq!(err.line(), None);
    assert_eq!(err.origin(), missing.display().to_string());
    assert!(
        err.to_string().starts_with(&format!(
            "{}: cannot read the capability matrix: ",
            missing.display()
        )),
        "{err}"
    );
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn keys_must_be_strings_and_vendors_given_once() {
    assert_refused(
        &replaced(30, "      4: supported"),
        30,
        7,
        "vendor `mews`: expected a capability name, found a number",
    );
    assert_refused(
        &replaced(22, "    ~: Mews"),
        22,
        5,
        "vendor `mews`: expected a field name, found null",
    );
    assert_refused(
        &inserted(96, "vendors: {}"),
        97,
        1,
        "duplicate top-level key `vendors`",
    );
    assert_refused("{}\n", 1, 1, "missing top-level key `vendors`");
}
