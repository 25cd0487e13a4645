//! Loading `capability_matrix.yaml` with line-precise errors.
//!
//! serde_yaml has no spans, but every error raised while deserializing a node carries that
//! node's position. Loading therefore takes two steps:
//!
//! 1. The YAML is deserialized into a [`Node`] tree, which accepts any YAML (duplicate keys
//!    included) and only fails on syntax errors, with serde_yaml's position.
//! 2. The tree is validated. A problem names the offending node by its path (entry and item
//!    indices). Only then is the source deserialized a second time with a [`Locate`] seed that
//!    walks to that node and fails there on purpose: the position of that deliberate error is
//!    the position of the node.

use std::collections::BTreeMap;
use std::fmt;

use pms_contract::{Capability, UnknownCapability};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::error::MatrixError;
use crate::model::{ConnectorStatus, Support, VendorEntry};
use crate::vendor::VendorId;

/// Parses and validates a matrix; the entries come back in the order of the file.
pub(crate) fn parse(yaml: &str, origin: &str) -> Result<Vec<VendorEntry>, MatrixError> {
    let root: Node = serde_yaml::from_str(yaml).map_err(|err| yaml_error(origin, &err))?;
    Checker { yaml, origin }.root(&root)
}

/// A serde_yaml error (syntax, or a YAML feature the loader refuses) as a [`MatrixError`].
fn yaml_error(origin: &str, err: &serde_yaml::Error) -> MatrixError {
    let mut message = err.to_string();
    let position = err.location().map(|l| (l.line(), l.column()));
    if let Some((line, column)) = position {
        // serde_yaml appends the position to its message; it goes in front of ours instead.
        let suffix = format!(" at line {line} column {column}");
        if let Some(at) = message.find(&suffix) {
            message.replace_range(at..at + suffix.len(), "");
        }
    }
    MatrixError::new(origin, position, message)
}

/// Any YAML value, without positions. Mappings keep duplicate keys so they can be reported.
#[derive(Debug)]
enum Node {
    Null,
    Bool,
    Number,
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// "found …" wording for error messages.
    fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool => "a boolean",
            Node::Number => "a number",
            Node::Str(_) => "a string",
            Node::Seq(_) => "a sequence",
            Node::Map(_) => "a mapping",
        }
    }
}

impl<'de> de::Deserialize<'de> for Node {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Bool)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Node, E> {
        Ok(Node::Number)
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<Node, E> {
        Ok(Node::Number)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Node, E> {
        Ok(Node::Number)
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<Node, E> {
        Ok(Node::Number)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Node, E> {
        Ok(Node::Number)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        de::Deserialize::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Node::Map(entries))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<Node, A::Error> {
        Err(de::Error::custom("YAML tags are not supported"))
    }
}

/// Which part of a mapping entry (or sequence item) an error points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// The key of the entry the path ends at.
    Key,
    /// The value of the entry (or the item) the path ends at; the root for an empty path.
    Value,
}

/// The message of the deliberate error raised by [`Locate`].
const LOCATED: &str = "\u{1}located\u{1}";

/// Walks to a node and fails there, so that serde_yaml attaches the node's position.
///
/// Each index of `path` selects an entry of a mapping (or an item of a sequence) and descends
/// into its value. At the end of the path, the value fails (or, for [`Target::Key`], the key of
/// the last selected entry).
#[derive(Clone, Copy)]
struct Locate<'p> {
    path: &'p [usize],
    target: Target,
}

impl Locate<'_> {
    /// Finds the 1-based line and column of a node in `yaml`.
    fn position(yaml: &str, path: &[usize], target: Target) -> Option<(usize, usize)> {
        let err = Locate { path, target }
            .deserialize(serde_yaml::Deserializer::from_str(yaml))
            .err()?;
        if !err.to_string().contains(LOCATED) {
            return None;
        }
        err.location().map(|l| (l.line(), l.column()))
    }

    /// The node itself: fails here.
    const HERE: Locate<'static> = Locate {
        path: &[],
        target: Target::Value,
    };

    fn leaf<E: de::Error>(self) -> Result<(), E> {
        if self.path.is_empty() {
            Err(E::custom(LOCATED))
        } else {
            Ok(())
        }
    }
}

impl<'de> DeserializeSeed<'de> for Locate<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Locate<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.leaf()
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.leaf()
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.leaf()
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.leaf()
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.leaf()
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.leaf()
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.leaf()
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.leaf()
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.leaf()
    }

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((&wanted, rest)) = self.path.split_first() else {
            return Err(de::Error::custom(LOCATED));
        };
        let mut index = 0;
        loop {
            let more = if index == wanted {
                let seed = Locate {
                    path: rest,
                    target: self.target,
                };
                seq.next_element_seed(seed)?.is_some()
            } else {
                seq.next_element::<IgnoredAny>()?.is_some()
            };
            if !more {
                return Ok(());
            }
            index += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((&wanted, rest)) = self.path.split_first() else {
            return Err(de::Error::custom(LOCATED));
        };
        let mut index = 0;
        loop {
            if index == wanted && rest.is_empty() && self.target == Target::Key {
                // Fails on the key if there is one; `None` means the path was wrong.
                if map.next_key_seed(Locate::HERE)?.is_none() {
                    return Ok(());
                }
            } else if map.next_key::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
            if index == wanted {
                let seed = Locate {
                    path: rest,
                    target: self.target,
                };
                map.next_value_seed(seed)?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
            index += 1;
        }
    }
}

/// The path of entry (or item) `index` inside the node at `path`.
fn child(path: &[usize], index: usize) -> Vec<usize> {
    let mut child = path.to_vec();
    child.push(index);
    child
}

/// Whitespace-normalised, one-line text.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `` `a`, `b` `` for messages.
fn quoted<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

const VENDOR_FIELDS: &str = "name, auth, rate_limits, connector, sources, capabilities";
const SUPPORT_SHAPES: &str =
    "expected `supported`, `unsupported`, `{partial: \"note\"}` or `{unsupported: \"note\"}`";

/// Validates the [`Node`] tree; turns problems into positioned [`MatrixError`]s.
struct Checker<'a> {
    yaml: &'a str,
    origin: &'a str,
}

/// The fields of one vendor entry as they are found.
#[derive(Default)]
struct Fields {
    name: Option<String>,
    auth: Option<String>,
    rate_limits: Option<Vec<String>>,
    connector: Option<ConnectorStatus>,
    sources: Option<String>,
    capabilities: Option<BTreeMap<Capability, Support>>,
}

impl Checker<'_> {
    fn error(&self, path: &[usize], target: Target, message: impl Into<String>) -> MatrixError {
        let position = Locate::position(self.yaml, path, target);
        MatrixError::new(self.origin, position, message)
    }

    /// " (first … on line N)" for duplicate entries, if the line can be found.
    fn first_on_line(&self, path: &[usize], verb: &str) -> String {
        match Locate::position(self.yaml, path, Target::Key) {
            Some((line, _)) => format!(" (first {verb} on line {line})"),
            None => String::new(),
        }
    }

    /// The key of entry `path` as a string.
    fn key<'n>(
        &self,
        key: &'n Node,
        path: &[usize],
        context: &str,
        what: &str,
    ) -> Result<&'n str, MatrixError> {
        match key {
            Node::Str(name) => Ok(name),
            other => Err(self.error(
                path,
                Target::Key,
                format!("{context}expected {what}, found {}", other.kind()),
            )),
        }
    }

    fn root(&self, root: &Node) -> Result<Vec<VendorEntry>, MatrixError> {
        if let Node::Null = root {
            // An empty file (or one with only comments) has no position worth reporting.
            return Err(MatrixError::new(
                self.origin,
                None,
                "the document is empty; expected a mapping with a `vendors` key at the top level",
            ));
        }
        let Node::Map(entries) = root else {
            return Err(self.error(
                &[],
                Target::Value,
                format!(
                    "expected a mapping with a `vendors` key at the top level, found {}",
                    root.kind()
                ),
            ));
        };
        let mut vendors = None;
        for (index, (key, value)) in entries.iter().enumerate() {
            let path = [index];
            match self.key(key, &path, "", "a top-level key")? {
                "vendors" if vendors.is_none() => vendors = Some((index, value)),
                "vendors" => {
                    return Err(self.error(
                        &path,
                        Target::Key,
                        "duplicate top-level key `vendors`",
                    ));
                }
                other => {
                    return Err(self.error(
                        &path,
                        Target::Key,
                        format!("unknown top-level key `{other}`; expected `vendors`"),
                    ));
                }
            }
        }
        let Some((index, vendors)) = vendors else {
            return Err(self.error(&[], Target::Value, "missing top-level key `vendors`"));
        };
        self.vendors(&[index], vendors)
    }

    fn vendors(&self, path: &[usize], node: &Node) -> Result<Vec<VendorEntry>, MatrixError> {
        let Node::Map(entries) = node else {
            return Err(self.error(
                path,
                Target::Value,
                format!(
                    "`vendors` must be a mapping from vendor id to vendor entry, found {}",
                    node.kind()
                ),
            ));
        };
        if entries.is_empty() {
            return Err(self.error(
                path,
                Target::Key,
                "`vendors` lists no vendor; the matrix needs at least one",
            ));
        }
        let mut found: Vec<VendorEntry> = Vec::with_capacity(entries.len());
        let mut first: BTreeMap<VendorId, usize> = BTreeMap::new();
        for (index, (key, value)) in entries.iter().enumerate() {
            let entry_path = child(path, index);
            let id = self.key(key, &entry_path, "", "a vendor id")?;
            let vendor = VendorId::parse(id)
                .map_err(|message| self.error(&entry_path, Target::Key, message))?;
            if let Some(first) = first.get(&vendor) {
                let first = self.first_on_line(&child(path, *first), "defined");
                return Err(self.error(
                    &entry_path,
                    Target::Key,
                    format!("duplicate vendor `{vendor}`{first}"),
                ));
            }
            let entry = self.vendor(&vendor, &entry_path, value)?;
            first.insert(vendor, index);
            found.push(entry);
        }
        Ok(found)
    }

    fn vendor(
        &self,
        vendor: &VendorId,
        path: &[usize],
        node: &Node,
    ) -> Result<VendorEntry, MatrixError> {
        let Node::Map(entries) = node else {
            return Err(self.error(
                path,
                Target::Value,
                format!(
                    "vendor `{vendor}`: expected a mapping with the fields {VENDOR_FIELDS}, found {}",
                    node.kind()
                ),
            ));
        };
        let context = format!("vendor `{vendor}`: ");
        let mut fields = Fields::default();
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (index, (key, value)) in entries.iter().enumerate() {
            let field_path = child(path, index);
            let field = self.key(key, &field_path, &context, "a field name")?;
            if let Some(first) = seen.get(field) {
                let first = self.first_on_line(&child(path, *first), "set");
                return Err(self.error(
                    &field_path,
                    Target::Key,
                    format!("{context}duplicate field `{field}`{first}"),
                ));
            }
            seen.insert(field, index);
            match field {
                "name" => fields.name = Some(self.text(&context, field, &field_path, value)?),
                "auth" => fields.auth = Some(self.text(&context, field, &field_path, value)?),
                "sources" => {
                    fields.sources = Some(self.text(&context, field, &field_path, value)?)
                }
                "rate_limits" => {
                    fields.rate_limits = Some(self.rate_limits(&context, &field_path, value)?);
                }
                "connector" => {
                    fields.connector = Some(self.connector(&context, &field_path, value)?)
                }
                "capabilities" => {
                    fields.capabilities = Some(self.capabilities(vendor, &field_path, value)?);
                }
                other => {
                    return Err(self.error(
                        &field_path,
                        Target::Key,
                        format!(
                            "{context}unknown field `{other}`; expected one of: {VENDOR_FIELDS}"
                        ),
                    ));
                }
            }
        }
        let missing = |field: &str| {
            self.error(
                path,
                Target::Key,
                format!("{context}missing required field `{field}`"),
            )
        };
        // A field that is present but invalid has already been reported, so `None` means missing.
        let Some(name) = fields.name else {
            return Err(missing("name"));
        };
        let Some(auth) = fields.auth else {
            return Err(missing("auth"));
        };
        let Some(rate_limits) = fields.rate_limits else {
            return Err(missing("rate_limits"));
        };
        let Some(connector) = fields.connector else {
            return Err(missing("connector"));
        };
        let Some(capabilities) = fields.capabilities else {
            return Err(missing("capabilities"));
        };
        Ok(VendorEntry {
            vendor: vendor.clone(),
            name,
            auth,
            rate_limits,
            connector,
            capabilities,
            sources: fields.sources,
        })
    }

    /// A non-empty one-line string.
    fn text(
        &self,
        context: &str,
        field: &str,
        path: &[usize],
        node: &Node,
    ) -> Result<String, MatrixError> {
        match node {
            Node::Str(text) if !text.trim().is_empty() => Ok(one_line(text)),
            Node::Str(_) => Err(self.error(
                path,
                Target::Value,
                format!("{context}`{field}` must not be empty"),
            )),
            other => Err(self.error(
                path,
                Target::Value,
                format!(
                    "{context}`{field}` must be a string, found {}",
                    other.kind()
                ),
            )),
        }
    }

    /// One line, or a non-empty list of lines.
    fn rate_limits(
        &self,
        context: &str,
        path: &[usize],
        node: &Node,
    ) -> Result<Vec<String>, MatrixError> {
        match node {
            Node::Str(_) => Ok(vec![self.text(context, "rate_limits", path, node)?]),
            Node::Seq(items) if items.is_empty() => Err(self.error(
                path,
                Target::Value,
                format!("{context}`rate_limits` must list at least one line"),
            )),
            Node::Seq(items) => items
                .iter()
                .enumerate()
                .map(|(index, item)| match item {
                    Node::Str(_) => self.text(context, "rate_limits", &child(path, index), item),
                    other => Err(self.error(
                        &child(path, index),
                        Target::Value,
                        format!(
                            "{context}`rate_limits` items must be strings, found {}",
                            other.kind()
                        ),
                    )),
                })
                .collect(),
            other => Err(self.error(
                path,
                Target::Value,
                format!(
                    "{context}`rate_limits` must be a string or a list of strings, found {}",
                    other.kind()
                ),
            )),
        }
    }

    fn connector(
        &self,
        context: &str,
        path: &[usize],
        node: &Node,
    ) -> Result<ConnectorStatus, MatrixError> {
        match node {
            Node::Str(word) if word == "available" => Ok(ConnectorStatus::Available),
            Node::Str(word) if word == "planned" => Ok(ConnectorStatus::Planned),
            Node::Str(word) => Err(self.error(
                path,
                Target::Value,
                format!(
                    "{context}unknown connector status `{word}`; expected `available` or `planned`"
                ),
            )),
            other => Err(self.error(
                path,
                Target::Value,
                format!(
                    "{context}`connector` must be `available` or `planned`, found {}",
                    other.kind()
                ),
            )),
        }
    }

    fn capabilities(
        &self,
        vendor: &VendorId,
        path: &[usize],
        node: &Node,
    ) -> Result<BTreeMap<Capability, Support>, MatrixError> {
        let context = format!("vendor `{vendor}`: ");
        let Node::Map(entries) = node else {
            return Err(self.error(
                path,
                Target::Value,
                format!(
                    "{context}`capabilities` must be a mapping from capability name to support, found {}",
                    node.kind()
                ),
            ));
        };
        let mut capabilities = BTreeMap::new();
        let mut seen: BTreeMap<Capability, usize> = BTreeMap::new();
        for (index, (key, value)) in entries.iter().enumerate() {
            let entry_path = child(path, index);
            let name = self.key(key, &entry_path, &context, "a capability name")?;
            let capability: Capability = name.parse().map_err(|err: UnknownCapability| {
                self.error(&entry_path, Target::Key, format!("{context}{err}"))
            })?;
            if let Some(first) = seen.get(&capability) {
                let first = self.first_on_line(&child(path, *first), "listed");
                return Err(self.error(
                    &entry_path,
                    Target::Key,
                    format!("{context}duplicate capability `{capability}`{first}"),
                ));
            }
            seen.insert(capability, index);
            let support = self.support(vendor, capability, &entry_path, value)?;
            capabilities.insert(capability, support);
        }
        let missing: Vec<Capability> = Capability::ALL
            .into_iter()
            .filter(|capability| !capabilities.contains_key(capability))
            .collect();
        if !missing.is_empty() {
            let noun = if missing.len() == 1 {
                "capability"
            } else {
                "capabilities"
            };
            return Err(self.error(
                path,
                Target::Key,
                format!(
                    "{context}missing {noun} {}; list every capability as supported, partial or unsupported",
                    quoted(&missing)
                ),
            ));
        }
        Ok(capabilities)
    }

    fn support(
        &self,
        vendor: &VendorId,
        capability: Capability,
        path: &[usize],
        node: &Node,
    ) -> Result<Support, MatrixError> {
        let context = format!("vendor `{vendor}`, capability `{capability}`: ");
        match node {
            Node::Str(word) => match word.as_str() {
                "supported" => Ok(Support::Supported),
                "unsupported" => Ok(Support::Unsupported { note: None }),
                "partial" => Err(self.error(
                    path,
                    Target::Value,
                    format!(
                        "{context}`partial` needs a note explaining the limitation: \
                         `{capability}: {{partial: \"...\"}}`"
                    ),
                )),
                other => Err(self.error(
                    path,
                    Target::Value,
                    format!("{context}unknown support `{other}`; {SUPPORT_SHAPES}"),
                )),
            },
            Node::Map(entries) => {
                let [(key, note)] = entries.as_slice() else {
                    return Err(self.error(
                        path,
                        Target::Key,
                        format!(
                            "{context}expected a single `partial: \"note\"` or `unsupported: \"note\"` entry, found {} entries",
                            entries.len()
                        ),
                    ));
                };
                let entry_path = child(path, 0);
                match self.key(key, &entry_path, &context, "`partial` or `unsupported`")? {
                    "partial" => Ok(Support::Partial {
                        note: self.note(&context, "partial", &entry_path, note)?,
                    }),
                    "unsupported" => Ok(Support::Unsupported {
                        note: Some(self.note(&context, "unsupported", &entry_path, note)?),
                    }),
                    "supported" => Err(self.error(
                        &entry_path,
                        Target::Key,
                        format!(
                            "{context}`supported` takes no note; write `{capability}: supported`, \
                             or `partial` if there is a limitation"
                        ),
                    )),
                    other => Err(self.error(
                        &entry_path,
                        Target::Key,
                        format!("{context}unknown support `{other}`; {SUPPORT_SHAPES}"),
                    )),
                }
            }
            other => Err(self.error(
                path,
                Target::Value,
                format!("{context}{SUPPORT_SHAPES}, found {}", other.kind()),
            )),
        }
    }

    fn note(
        &self,
        context: &str,
        status: &str,
        path: &[usize],
        node: &Node,
    ) -> Result<String, MatrixError> {
        match node {
            Node::Str(note) if !note.trim().is_empty() => Ok(one_line(note)),
            Node::Str(_) => Err(self.error(
                path,
                Target::Value,
                format!("{context}the `{status}` note must not be empty"),
            )),
            other => Err(self.error(
                path,
                Target::Value,
                format!(
                    "{context}the `{status}` note must be a string, found {}",
                    other.kind()
                ),
            )),
        }
    }
}
