//! The catalogue of shipped rule sets: `rules/index.toml`.
//!
//! Takes the index text; gives the entries the home page lists without loading any rule file (each
//! rule file is fetched only when an assessment uses it). `rules check` verifies each entry against
//! its file.

use serde::{Deserialize, Serialize};

/// One shipped rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// File name under `rules/`.
    pub file: String,
    /// `meta.id` of the file.
    pub id: String,
    /// `meta.title`.
    pub title: String,
    /// `meta.publisher`.
    pub publisher: String,
    /// `meta.date`.
    pub date: String,
    /// `meta.covers`.
    pub covers: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Index {
    #[serde(default)]
    rule_set: Vec<Entry>,
}

/// Parses `rules/index.toml`.
pub fn parse(text: &str) -> Result<Vec<Entry>, String> {
    let index: Index =
        toml::from_str(text).map_err(|e| format!("rules/index.toml: {}", e.message().trim()))?;
    for e in &index.rule_set {
        if e.file.contains('/') || e.file.contains('\\') || !e.file.ends_with(".toml") {
            return Err(format!(
                "rules/index.toml: `{}` must be a .toml file name in rules/",
                e.file
            ));
        }
    }
    Ok(index.rule_set)
}

/// Differences between an entry and its loaded rule set's metadata.
pub fn mismatches(e: &Entry, meta: &super::model::Meta) -> Vec<String> {
    let mut out = Vec::new();
    for (field, a, b) in [
        ("id", e.id.as_str(), meta.id.as_str()),
        ("title", e.title.as_str(), meta.title.as_str()),
        ("publisher", e.publisher.as_str(), meta.publisher.as_str()),
        ("date", e.date.as_str(), meta.date.as_str()),
        ("covers", e.covers.as_str(), meta.covers.as_str()),
    ] {
        if a != b {
            out.push(format!(
                "{}: index.toml says {field} = {a:?}, the file says {b:?}",
                e.file
            ));
        }
    }
    out
}
