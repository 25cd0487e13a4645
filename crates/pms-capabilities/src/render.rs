//! Rendering the matrix: Markdown for the docs, an aligned text table for terminals, JSON.

use pms_contract::Capability;
use serde_json::{Map, Value, json};

use crate::model::{CapabilityMatrix, Support, VendorEntry};

/// The first line of the Markdown output, so that `docs/capability-matrix.md` says where it
/// comes from and equals the output byte for byte.
const GENERATED_BANNER: &str = "<!-- Generated from capability_matrix.yaml by `voicehive capabilities --format markdown`. \
Do not edit by hand: edit capability_matrix.yaml and regenerate. -->";

/// What a capability means, for the legend.
fn meaning(capability: Capability) -> &'static str {
    match capability {
        Capability::PropertyInfo => {
            "property details: name, time zone, currency, check-in/out times"
        }
        Capability::RoomTypes => "the list of room types",
        Capability::Availability => "free units per room type and night",
        Capability::Offers => "priced quotes per room type and rate plan",
        Capability::CreateReservation => "create a reservation",
        Capability::GetReservation => "read a reservation by its id",
        Capability::SearchByConfirmation => "find reservations by confirmation code",
        Capability::SearchByName => "find reservations by guest last name (and arrival date)",
        Capability::SearchByEmail => "find reservations by guest e-mail address",
        Capability::SearchByPhone => "find reservations by guest phone number",
        Capability::ModifyStay => "change dates, occupancy, room type or rate plan",
        Capability::ModifyGuest => "change guest contact details or the reservation comment",
        Capability::CancelReservation => "cancel a reservation",
    }
}

/// The support of `capability`, `no` for a hand-built entry that lacks it.
fn support_of(entry: &VendorEntry, capability: Capability) -> Support {
    entry
        .support(capability)
        .cloned()
        .unwrap_or(Support::Unsupported { note: None })
}

impl CapabilityMatrix {
    /// The matrix as a Markdown document: title, legend, the capability table with one column
    /// per vendor, then per vendor its auth, rate limits, connector status, sources and notes.
    ///
    /// `docs/capability-matrix.md` is exactly this output for the built-in matrix.
    pub fn to_markdown(&self) -> String {
        let mut out: Vec<String> = vec![
            GENERATED_BANNER.to_owned(),
            String::new(),
            "# PMS capability matrix".to_owned(),
            String::new(),
            "What the API of each supported property management system (PMS) lets the VoiceHive \
             voice agent do."
                .to_owned(),
            "The source of truth is `capability_matrix.yaml` at the repository root; each vendor \
             section below names where its facts come from."
                .to_owned(),
            String::new(),
            "## Legend".to_owned(),
            String::new(),
            "- **yes**: the vendor's API supports the capability.".to_owned(),
            "- **partial**: usable, with a limitation that the vendor's notes explain.".to_owned(),
            "- **no**: not supported, or not confirmed by any source.".to_owned(),
            String::new(),
            "A hotel can use the capabilities marked yes or partial for its PMS. Per-hotel \
             configuration can switch capabilities off, never on."
                .to_owned(),
            "Connector **available** means VoiceHive has a connector for the vendor; **planned** \
             means the vendor is researched and the connector is not written yet. The in-memory \
             reference connector is not a vendor and is not in this matrix."
                .to_owned(),
            String::new(),
            "## Capabilities".to_owned(),
            String::new(),
        ];

        let mut header = String::from("| Capability |");
        let mut rule = String::from("|---|");
        for entry in self.entries() {
            header.push_str(&format!(" {} |", entry.name));
            rule.push_str("---|");
        }
        out.push(header);
        out.push(rule);
        for capability in Capability::ALL {
            let mut row = format!("| `{capability}` |");
            for entry in self.entries() {
                row.push_str(&format!(" {} |", support_of(entry, capability).label()));
            }
            out.push(row);
        }
        let mut row = String::from("| Connector |");
        for entry in self.entries() {
            row.push_str(&format!(" {} |", entry.connector.as_str()));
        }
        out.push(row);
        out.push(String::new());

        out.push("What the capabilities mean:".to_owned());
        out.push(String::new());
        for capability in Capability::ALL {
            out.push(format!("- `{capability}`: {}.", meaning(capability)));
        }

        for entry in self.entries() {
            out.push(String::new());
            out.push(format!("## {}", entry.name));
            out.push(String::new());
            out.push(format!("- **Id:** `{}`", entry.vendor));
            out.push(format!("- **Auth:** {}", entry.auth));
            match entry.rate_limits.as_slice() {
                [single] => out.push(format!("- **Rate limits:** {single}")),
                several => {
                    out.push("- **Rate limits:**".to_owned());
                    out.extend(several.iter().map(|limit| format!("  - {limit}")));
                }
            }
            out.push(format!("- **Connector:** {}", entry.connector.as_str()));
            if let Some(sources) = &entry.sources {
                out.push(format!("- **Sources:** {sources}"));
            }
            out.push(String::new());
            let notes = notes(entry);
            if notes.is_empty() {
                out.push("Every capability is supported without a noted limitation.".to_owned());
            } else {
                out.push("Limitations:".to_owned());
                out.push(String::new());
                for (capability, support) in notes {
                    let line = match support.note() {
                        Some(note) => format!("- `{capability}` ({}): {note}", support.label()),
                        None => format!("- `{capability}` ({})", support.label()),
                    };
                    out.push(line);
                }
            }
        }

        let mut text = out.join("\n");
        text.push('\n');
        text
    }

    /// The matrix as a plain text table for terminals: one row per capability, one column per
    /// vendor id, cells `yes`, `partial*` or `no` (`*` when the entry has a note), then the
    /// notes.
    pub fn to_table(&self) -> String {
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut header = vec!["capability".to_owned()];
        header.extend(self.entries().iter().map(|e| e.vendor.as_str().to_owned()));
        rows.push(header);
        for capability in Capability::ALL {
            let mut row = vec![capability.as_str().to_owned()];
            for entry in self.entries() {
                let support = support_of(entry, capability);
                let mark = if support.note().is_some() { "*" } else { "" };
                row.push(format!("{}{mark}", support.label()));
            }
            rows.push(row);
        }
        let mut connector = vec!["connector".to_owned()];
        connector.extend(
            self.entries()
                .iter()
                .map(|e| e.connector.as_str().to_owned()),
        );
        rows.push(connector);

        let columns = rows.first().map_or(0, Vec::len);
        let widths: Vec<usize> = (0..columns)
            .map(|column| {
                rows.iter()
                    .filter_map(|row| row.get(column))
                    .map(|cell| cell.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();

        let mut out = vec![
            "PMS capability matrix (yes = supported, partial = limited, no = not supported; \
             * = see notes)"
                .to_owned(),
            String::new(),
        ];
        for row in &rows {
            let line = row
                .iter()
                .zip(&widths)
                .map(|(cell, width)| format!("{cell:<width$}"))
                .collect::<Vec<_>>()
                .join("  ");
            out.push(line.trim_end().to_owned());
        }
        out.push(String::new());
        out.push("Notes:".to_owned());
        for entry in self.entries() {
            let notes = notes(entry);
            if notes.is_empty() {
                continue;
            }
            out.push(format!("  {}: {}", entry.vendor, entry.name));
            for (capability, support) in notes {
                let line = match support.note() {
                    Some(note) => format!("    {capability}: {}: {note}", support.label()),
                    None => format!("    {capability}: {}", support.label()),
                };
                out.push(line);
            }
        }
        let mut text = out.join("\n");
        text.push('\n');
        text
    }

    /// The matrix as JSON:
    /// `{"vendors": [{"id", "name", "auth", "rate_limits": [..], "connector", "sources",
    /// "capabilities": {"<capability>": {"status", "note"?}}}]}`, vendors in the order of the
    /// file, `sources` null when absent.
    pub fn to_json(&self) -> Value {
        let vendors: Vec<Value> = self
            .entries()
            .iter()
            .map(|entry| {
                let mut capabilities = Map::new();
                for (capability, support) in &entry.capabilities {
                    let mut value = Map::new();
                    value.insert("status".to_owned(), json!(support.status()));
                    if let Some(note) = support.note() {
                        value.insert("note".to_owned(), json!(note));
                    }
                    capabilities.insert(capability.as_str().to_owned(), Value::Object(value));
                }
                json!({
                    "id": entry.vendor.as_str(),
                    "name": entry.name,
                    "auth": entry.auth,
                    "rate_limits": entry.rate_limits,
                    "connector": entry.connector.as_str(),
                    "sources": entry.sources,
                    "capabilities": capabilities,
                })
            })
            .collect();
        json!({ "vendors": vendors })
    }
}

/// The capabilities of `entry` that are not plainly supported, in [`Capability::ALL`] order.
fn notes(entry: &VendorEntry) -> Vec<(Capability, Support)> {
    Capability::ALL
        .into_iter()
        .map(|capability| (capability, support_of(entry, capability)))
        .filter(|(_, support)| *support != Support::Supported)
        .collect()
}
