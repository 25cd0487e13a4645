//! Markdown, terminal table and JSON output.

use pms_capabilities::{CapabilityMatrix, Support};
use pms_contract::Capability;

fn builtin() -> CapabilityMatrix {
    match CapabilityMatrix::builtin() {
        Ok(matrix) => matrix,
        Err(err) => panic!("the built-in matrix does not load: {err}"),
    }
}

#[test]
fn docs_capability_matrix_md_is_the_generated_markdown() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/capability-matrix.md"
    );
    let on_disk = std::fs::read_to_string(path).unwrap();
    let generated = builtin().to_markdown();
    assert!(
        on_disk == generated,
        "docs/capability-matrix.md is out of date; regenerate it with \
         `voicehive capabilities --format markdown > docs/capability-matrix.md`"
    );
}

#[test]
fn markdown_has_banner_legend_table_and_vendor_sections() {
    let matrix = builtin();
    let markdown = matrix.to_markdown();
    assert!(markdown.starts_with(
        "<!-- Generated from capability_matrix.yaml by `voicehive capabilities --format markdown`."
    ));
    assert!(markdown.contains("\n# PMS capability matrix\n"));
    assert!(markdown.contains("\n## Legend\n"));
    assert!(markdown.contains(
        "\n| Capability | Apaleo | Mews | Oracle OPERA Cloud (OHIP) | Cloudbeds | protel I/O |\n\
         |---|---|---|---|---|---|\n"
    ));
    assert!(markdown.contains("\n| `search_by_name` | yes | partial | yes | yes | partial |\n"));
    for entry in matrix.entries() {
        assert!(markdown.contains(&format!("\n## {}\n", entry.name)));
        assert!(markdown.contains(&format!("- **Auth:** {}\n", entry.auth)));
        assert!(markdown.contains(&format!("- **Id:** `{}`\n", entry.vendor)));
        for (capability, support) in &entry.capabilities {
            if let Some(note) = support.note() {
                assert!(
                    markdown.contains(&format!("- `{capability}` ({}): {note}\n", support.label()))
                );
            }
        }
    }
    assert!(markdown.ends_with(".\n"));
}

#[test]
fn table_lists_every_vendor_and_capability_with_aligned_cells() {
    let table = builtin().to_table();
    let lines: Vec<&str> = table.lines().collect();
    let header = lines.iter().find(|l| l.starts_with("capability ")).unwrap();
    for vendor in ["apaleo", "mews", "opera_cloud", "cloudbeds", "protel"] {
        assert!(header.contains(vendor), "{header}");
    }
    for capability in Capability::ALL {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("{capability} "))),
            "{capability} has no row"
        );
    }
    // Cells start in the same column on every row.
    let protel_column = header.find("protel").unwrap();
    let row = lines
        .iter()
        .find(|l| l.starts_with("search_by_name "))
        .unwrap();
    assert_eq!(
        *row,
        format!(
            "{:<24}{:<11}{:<11}{:<13}{:<11}{}",
            "search_by_name", "yes", "partial*", "yes", "yes", "partial*"
        )
    );
    assert_eq!(&row[protel_column..], "partial*");
    assert!(
        lines.iter().all(|l| l.trim_end() == *l),
        "trailing whitespace"
    );
    assert!(table.contains("\n  mews: Mews\n    search_by_name: partial: No guest-name filter"));
}

#[test]
fn json_carries_the_facts() {
    let matrix = builtin();
    let json = matrix.to_json();
    let vendors = json["vendors"].as_array().unwrap();
    assert_eq!(vendors.len(), 5);
    for (value, entry) in vendors.iter().zip(matrix.entries()) {
        assert_eq!(value["id"], entry.vendor.as_str());
        assert_eq!(value["name"], entry.name.as_str());
        assert_eq!(value["auth"], entry.auth.as_str());
        assert_eq!(value["connector"], entry.connector.as_str());
        assert_eq!(
            value["rate_limits"].as_array().unwrap().len(),
            entry.rate_limits.len()
        );
        for (capability, support) in &entry.capabilities {
            let cell = &value["capabilities"][capability.as_str()];
            assert_eq!(cell["status"], support.status());
            match support.note() {
                Some(note) => assert_eq!(cell["note"], note),
                None => assert!(cell.get("note").is_none()),
            }
        }
    }

    let apaleo = &vendors[0];
    assert!(
        apaleo["auth"]
            .as_str()
            .unwrap()
            .starts_with("OAuth2 at identity.apaleo.com")
    );
    let Some(Support::Partial { note }) = matrix
        .vendor("mews")
        .and_then(|e| e.support(Capability::SearchByName))
    else {
        panic!("mews search_by_name should be partial");
    };
    assert_eq!(
        vendors[1]["capabilities"]["search_by_name"]["note"],
        note.as_str()
    );
    assert!(note.starts_with("No guest-name filter on reservations"));

    // Through text and back.
    let text = serde_json::to_string(&json).unwrap();
    let back: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(back, json);
}
