//! The compiled form of the rule files: what the app reads instead of TOML.
//!
//! Takes a rule file's or `index.toml`'s text; gives a compact binary form holding the checked [`RuleSet`] (or the
//! catalogue's entries) together with the hash of the text it came from, and reads it back.
//! The form is binary ([postcard](https://docs.rs/postcard), serde's compact format): the app reads
//! it with a few kilobytes of code and in a few milliseconds, where reading JSON into the same types
//! took three times the code. The
//! `rules compile` tool writes one for every shipped file at build time (`rules/compiled/`), and the
//! app's rules reader (a second, smaller wasm module fetched only when needed) makes one in the
//! browser for a file that has none: an administrator's own rule file, or one edited on the host.
//! So the app the browser loads first carries no TOML parser and parses no TOML when it starts,
//! and the TOML files in `rules/` stay the single source.
//!
//! A compiled form is used only if its `format` is this build's [`FORMAT`] and its `source` is the
//! hash of the TOML text fetched beside it: a file edited after the build is read afresh, never
//! from a stale copy. The index's compiled form also lists the rule files the build compiled, with
//! the hashes of their text ([`Built`]), so the app asks only for compiled forms that exist.

use super::catalogue::{self, Entry};
use super::model::{content_hash, RuleSet};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version of the compiled form. Change it whenever a type of the model ([`super::model`],
/// [`super::cond`]) changes, so compiled files of an earlier build are not read.
pub const FORMAT: u32 = 1;

/// A compiled file's header: the format, the hash of the TOML text it was made from, the hash of
/// the data that follows (so a damaged file is turned down, not read into indexes that point
/// nowhere) and, for the index, the rule files the build compiled. What the text gives follows it.
#[derive(Serialize, Deserialize)]
struct Header {
    format: u32,
    source: String,
    data: String,
    built: Built,
}

/// The rule files the build compiled (file name to the hash of its text), as its index's compiled
/// form lists them. Known even when `index.toml` has been edited since, so a rule file the build
/// compiled is still read from its compiled form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Built(BTreeMap<String, String>);

impl Built {
    /// Whether the build compiled `file` (from whatever text: the compiled form itself says which).
    pub fn has(&self, file: &str) -> bool {
        self.0.contains_key(file)
    }

    /// Records that the build compiled `file` from `text`.
    pub fn add(&mut self, file: &str, text: &str) {
        self.0
            .insert(file.to_string(), content_hash(text.as_bytes()));
    }
}

/// The compiled form of `path` (`rules/x.toml`): `rules/compiled/x.toml.bin`.
pub fn path_of(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/compiled/{file}.bin"),
        None => format!("compiled/{path}.bin"),
    }
}

fn write<T: Serialize>(text: &str, data: &T, built: Built) -> Result<Vec<u8>, String> {
    let data = postcard::to_allocvec(data).map_err(|e| e.to_string())?;
    let header = Header {
        format: FORMAT,
        source: content_hash(text.as_bytes()),
        data: content_hash(&data),
        built,
    };
    let mut out = postcard::to_allocvec(&header).map_err(|e| e.to_string())?;
    out.extend(data);
    Ok(out)
}

/// The header of `bytes` and the data after it, if it is in this build's format.
fn header(bytes: &[u8]) -> Option<(Header, &[u8])> {
    postcard::take_from_bytes::<Header>(bytes)
        .ok()
        .filter(|(h, _)| h.format == FORMAT)
}

/// What `bytes` hold, if they are a compiled form of `text` in this build's format.
fn read<T: DeserializeOwned>(bytes: &[u8], text: &str) -> Option<T> {
    // The header first, so a stale or foreign file is turned down without reading its data.
    let (h, data) = header(bytes)?;
    if h.source != content_hash(text.as_bytes()) || h.data != content_hash(data) {
        return None;
    }
    match postcard::take_from_bytes::<T>(data) {
        Ok((t, [])) => Some(t),
        _ => None,
    }
}

/// Loads and checks the rule file `file` (its `text`) and gives its compiled form, or the error
/// report as text (line, column and caret).
pub fn rule_file(file: &str, text: &str) -> Result<Vec<u8>, String> {
    let rules = RuleSet::load(file, text).map_err(|r| r.to_string())?;
    write(text, &rules, Built::default())
}

/// Parses `index.toml` (its `text`) and gives its compiled form, listing the rule files `built`
/// (none when the rules reader reads an index in the browser), or what is wrong.
pub fn index(text: &str, built: Built) -> Result<Vec<u8>, String> {
    write(text, &catalogue::parse(text)?, built)
}

/// The rule files the build compiled, as the compiled index `bytes` list them (none if they are
/// not in this build's format).
pub fn built(bytes: &[u8]) -> Built {
    header(bytes).map(|(h, _)| h.built).unwrap_or_default()
}

/// The rule set in `bytes`, if they are the compiled form of the rule file `text`.
pub fn read_rule_file(bytes: &[u8], text: &str) -> Option<RuleSet> {
    read(bytes, text)
}

/// The catalogue in `bytes`, if they are the compiled form of the index `text`.
pub fn read_index(bytes: &[u8], text: &str) -> Option<Vec<Entry>> {
    read(bytes, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authoring::dump::dump;

    fn shipped(file: &str) -> String {
        std::fs::read_to_string(format!("rules/{file}")).expect("shipped file")
    }

    #[test]
    fn every_shipped_rule_set_reads_back_as_loaded() {
        let index = shipped("index.toml");
        let mut made = Built::default();
        made.add("a.toml", "text");
        let json = self::index(&index, made.clone()).unwrap();
        let entries = read_index(&json, &index).expect("index reads back");
        assert_eq!(built(&json), made);
        // The files the build compiled stay known when the index is edited after the build.
        assert!(read_index(&json, &format!("{index}\n# edited\n")).is_none());
        assert!(built(&json).has("a.toml"));
        assert!(!built(&json).has("b.toml"));
        assert_eq!(built(b"\xff\xff\xff"), Built::default());
        assert_eq!(entries, catalogue::parse(&index).unwrap());
        assert!(!entries.is_empty());
        for e in &entries {
            let text = shipped(&e.file);
            let loaded = RuleSet::load(&e.file, &text).unwrap_or_else(|r| panic!("{r}"));
            let bytes = rule_file(&e.file, &text).unwrap();
            let back = read_rule_file(&bytes, &text).expect("reads back");
            // Everything the authors' dump shows, the index of ids and the dependency graph.
            assert_eq!(dump(&back), dump(&loaded), "{}", e.file);
            assert_eq!(back.index, loaded.index, "{}", e.file);
            assert_eq!(format!("{:?}", back.deps), format!("{:?}", loaded.deps));
            assert_eq!(format!("{:?}", back.conds), format!("{:?}", loaded.conds));
            assert_eq!(format!("{:?}", back.items), format!("{:?}", loaded.items));
        }
    }

    #[test]
    fn a_compiled_form_of_other_text_or_format_is_not_read() {
        let text = shipped("carag-2020-nps-domain-three.toml");
        let bytes = rule_file("x.toml", &text).unwrap();
        assert!(read_rule_file(&bytes, &text).is_some());
        // The TOML file edited on the host after the build: the compiled form is stale.
        let edited = format!("{text}\n# edited\n");
        assert!(read_rule_file(&bytes, &edited).is_none());
        // A compiled form of another build's format (the format is the first byte, a varint).
        let mut other = bytes.clone();
        other[0] = FORMAT as u8 + 1;
        assert!(read_rule_file(&other, &text).is_none());
        // Damaged files are turned down, never a panic: cut short, with bytes after the end, or
        // with any one byte changed.
        assert!(read_rule_file(&bytes[..bytes.len() / 2], &text).is_none());
        assert!(read_rule_file(&[bytes.as_slice(), &[0]].concat(), &text).is_none());
        assert!(read_rule_file(&[], &text).is_none());
        for i in (0..bytes.len()).step_by(97) {
            let mut damaged = bytes.clone();
            damaged[i] ^= 0x5a;
            assert!(
                read_rule_file(&damaged, &text).is_none(),
                "byte {i} changed"
            );
        }
        let idx = shipped("index.toml");
        assert!(read_index(&bytes, &idx).is_none());
    }

    #[test]
    fn a_broken_file_gives_its_report() {
        let err = rule_file("broken.toml", "[meta]\nid = 3\n").unwrap_err();
        assert!(err.contains("broken.toml"), "{err}");
        assert!(index("[[rule_set]]\nfile = 3\n", Built::default()).is_err());
    }

    #[test]
    fn compiled_forms_sit_in_a_folder_beside_their_files() {
        assert_eq!(path_of("rules/index.toml"), "rules/compiled/index.toml.bin");
        assert_eq!(path_of("a.toml"), "compiled/a.toml.bin");
    }
}
