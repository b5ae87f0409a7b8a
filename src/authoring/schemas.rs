//! JSON Schemas of the three file formats people handle outside the app: rule files, case files and
//! exports.
//!
//! Takes the serde types each format is read with (the loader's input types, [`CaseFile`],
//! [`ExportFile`]); gives their JSON Schemas (draft-07, which taplo and the editor extensions built
//! on it read), derived by `schemars` with descriptions from the types' doc comments, each with an
//! `$id` naming the format version. Nothing here is written by hand beyond that header, so a field
//! added to a type is in its schema at the next `rules schemas`, which writes them to `schemas/`;
//! `tests/schemas.rs` fails while the committed files differ from what this gives.
//!
//! The schemas check structure only (keys, types, allowed words); the loader and the import stay the
//! authority for everything else (conditions, references, scales, cycles).

use crate::authoring::cases::CaseFile;
use crate::engine::draft::{ExportFile, EXPORT_FORMAT, SCHEMA};
use crate::engine::RuleSet;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::Schema;
use serde_json::Value;

/// The folder, relative to the repository root, the schemas are committed in.
pub const DIR: &str = "schemas";

/// One generated schema: its file name under [`DIR`] and its text.
pub struct SchemaFile {
    /// The file name, e.g. `rule-set.schema.json`.
    pub name: &'static str,
    /// The schema as pretty JSON, ending in a newline.
    pub text: String,
}

/// Every schema, in a fixed order: rule set, case file, export.
pub fn all() -> Vec<SchemaFile> {
    vec![
        SchemaFile {
            name: "rule-set.schema.json",
            text: to_text(rule_set()),
        },
        SchemaFile {
            name: "case-file.schema.json",
            text: to_text(case_file()),
        },
        SchemaFile {
            name: "export.schema.json",
            text: to_text(export()),
        },
    ]
}

/// The schema of a rule file (format [`RuleSet::FORMAT`]).
pub fn rule_set() -> Value {
    let schema = RuleSet::file_schema(&mut toml_settings().into_generator());
    finish(
        schema,
        &format!("urn:case-assessor:rule-set:{}", RuleSet::FORMAT),
        &format!("Case Assessor rule set, format {}", RuleSet::FORMAT),
    )
}

/// The schema of a case file (`rules test`), which goes with rule-file format [`RuleSet::FORMAT`].
pub fn case_file() -> Value {
    let schema = toml_settings()
        .into_generator()
        .into_root_schema_for::<CaseFile>();
    finish(
        schema,
        &format!("urn:case-assessor:case-file:{}", RuleSet::FORMAT),
        &format!(
            "Case Assessor case file, for rule-file format {}",
            RuleSet::FORMAT
        ),
    )
}

/// The schema of an export file (`schema` [`SCHEMA`]).
pub fn export() -> Value {
    let schema = settings()
        .into_generator()
        .into_root_schema_for::<ExportFile>();
    finish(
        schema,
        &format!("urn:{EXPORT_FORMAT}:{SCHEMA}"),
        &format!("Case Assessor export, schema {SCHEMA}"),
    )
}

/// Draft-07, which taplo reads, with descriptions unwrapped.
fn settings() -> SchemaSettings {
    let mut settings = SchemaSettings::draft07();
    settings
        .transforms
        .push(Box::new(RecursiveTransform(unwrap_description)));
    settings
        .transforms
        .push(Box::new(RecursiveTransform(words_as_enum)));
    settings
}

/// A choice of fixed words (an enum whose variants have doc comments, which `schemars` writes as a
/// `oneOf` of `const`s) as an `enum`, each word's description added to the whole's: validators then
/// say "is not one of ..." rather than "is not valid under any of the schemas listed in oneOf".
fn words_as_enum(schema: &mut Schema) {
    let Some(Value::Array(options)) = schema.get("oneOf") else {
        return;
    };
    let words: Option<Vec<(Value, String)>> = options
        .iter()
        .map(|o| {
            let word = o.get("const").filter(|c| c.is_string())?.clone();
            let described = o.get("description").and_then(Value::as_str);
            let line = match described {
                Some(d) => format!("- `{}`: {d}", word.as_str().unwrap_or_default()),
                None => format!("- `{}`", word.as_str().unwrap_or_default()),
            };
            Some((word, line))
        })
        .collect();
    let Some(words) = words else {
        return;
    };
    let mut description = schema
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    for (i, (_, line)) in words.iter().enumerate() {
        if !description.is_empty() {
            description.push_str(if i == 0 { "\n\n" } else { "\n" });
        }
        description.push_str(line);
    }
    schema.remove("oneOf");
    schema.insert("type".into(), "string".into());
    schema.insert(
        "enum".into(),
        Value::Array(words.into_iter().map(|(w, _)| w).collect()),
    );
    schema.insert("description".into(), description.into());
}

/// Joins the lines of each paragraph of a description, which are wrapped only because doc comments
/// are, so that an editor's hover flows them to its width.
fn unwrap_description(schema: &mut Schema) {
    if let Some(Value::String(d)) = schema.get_mut("description") {
        *d = d
            .split("\n\n")
            .map(|p| p.lines().map(str::trim).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n\n");
    }
}

/// For a TOML file: TOML has no null, so an optional key is one left out, and the `null` that
/// `schemars` allows for an `Option` is taken out.
fn toml_settings() -> SchemaSettings {
    let mut settings = settings();
    settings
        .transforms
        .push(Box::new(RecursiveTransform(no_null)));
    settings
}

/// Takes `null` out of a schema's `type` list and `anyOf`, and drops a `null` default.
fn no_null(schema: &mut Schema) {
    let is_null = |v: &Value| v.is_null() || v == "null";
    if schema.get("default").is_some_and(Value::is_null) {
        schema.remove("default");
    }
    if let Some(Value::Array(types)) = schema.get_mut("type") {
        types.retain(|t| !is_null(t));
        if types.len() == 1 {
            let only = types.remove(0);
            schema.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(any)) = schema.get_mut("anyOf") {
        any.retain(|s| !s.get("type").is_some_and(is_null));
    }
}

/// The schema with its `$id` and title. (Keys come out sorted: serde_json's map is ordered.)
fn finish(schema: Schema, id: &str, title: &str) -> Value {
    let mut schema = schema.to_value();
    if let Value::Object(body) = &mut schema {
        body.insert("$id".into(), id.into());
        body.insert("title".into(), title.into());
    }
    schema
}

/// Pretty JSON with a final newline.
fn to_text(schema: Value) -> String {
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
