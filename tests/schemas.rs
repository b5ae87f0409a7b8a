//! The JSON Schemas in `schemas/`: generated from the types, never stale, and tested both ways with a
//! real validator (the `jsonschema` crate).
//!
//! - The committed files are exactly what `authoring::schemas` derives from the types; after a change
//!   to a type, regenerate them with `cargo run --bin rules -- schemas` and commit the diff.
//! - Every shipped rule file, the fixture, generated rule files and every case file validate, and the
//!   shipped files name their schema on their first line (taplo's `#:schema` directive).
//! - A broken rule file in `tests/load_errors/` fails its schema exactly when the loader finds a
//!   structural error in it (an unknown key, a wrong type, a misspelt word, an unsupported format):
//!   the schema says nothing about what only the loader can judge (conditions, references, cycles).
//! - Every export the engine writes validates, and the schema and the import agree on whether a
//!   damaged export is well formed.
// Native only: proptest and jsonschema are native dev-dependencies (Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

mod support;
use support::strategies::{hint_decision, text};

use case_assessor::authoring::{files, schemas, synth};
use case_assessor::engine::across::random_draft;
use case_assessor::engine::diag::ErrorKind;
use case_assessor::engine::draft::{parse_export, ExportFile, EXPORT_FORMAT, SCHEMA};
use case_assessor::engine::{Answer, Draft, RuleSet};
use jsonschema::Validator;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const REGENERATE: &str = "cargo run --bin rules -- schemas";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The committed schema `name`, compiled once per test binary.
fn committed(name: &str) -> Value {
    let path = root().join(schemas::DIR).join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; generate the schemas with `{REGENERATE}`",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn compile(name: &str) -> Validator {
    let schema = committed(name);
    jsonschema::draft7::new(&schema).unwrap_or_else(|e| panic!("{name} is not a valid schema: {e}"))
}

fn rule_set_schema() -> &'static Validator {
    static V: OnceLock<Validator> = OnceLock::new();
    V.get_or_init(|| compile("rule-set.schema.json"))
}

fn case_file_schema() -> &'static Validator {
    static V: OnceLock<Validator> = OnceLock::new();
    V.get_or_init(|| compile("case-file.schema.json"))
}

fn export_schema() -> &'static Validator {
    static V: OnceLock<Validator> = OnceLock::new();
    V.get_or_init(|| compile("export.schema.json"))
}

/// Every error the validator finds, one a line, with where in the document it is.
fn errors(v: &Validator, doc: &Value) -> String {
    v.iter_errors(doc)
        .map(|e| format!("  at {}: {e}", e.instance_path()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A TOML file as the JSON value a schema validates (what taplo validates too).
fn toml_as_json(text: &str) -> Result<Value, toml::de::Error> {
    let v: toml::Value = toml::from_str(text)?;
    Ok(serde_json::to_value(v).expect("TOML values convert to JSON"))
}

fn assert_valid(v: &Validator, path: &Path, text: &str) {
    let doc = toml_as_json(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let found = errors(v, &doc);
    assert!(
        found.is_empty(),
        "{} fails its schema:\n{found}",
        path.display()
    );
}

/// A file's first line is taplo's schema directive, naming `schema` by a path relative to the file
/// that leads to the committed schema.
fn assert_names_schema(path: &Path, text: &str, schema: &str) {
    let first = text.lines().next().unwrap_or_default();
    let named = first.strip_prefix("#:schema ").unwrap_or_else(|| {
        panic!(
            "{}: the first line should be `#:schema <path to {schema}>`, not {first:?}",
            path.display()
        )
    });
    let target = path.parent().expect("in a folder").join(named.trim());
    let (a, b) = (
        target.canonicalize(),
        root().join(schemas::DIR).join(schema).canonicalize(),
    );
    assert!(
        a.is_ok() && a.ok() == b.ok(),
        "{}: `#:schema {named}` does not lead to schemas/{schema}",
        path.display()
    );
}

// ---------------------------------------------------------------------------------------------
// Generated, and never stale.

#[test]
fn committed_schemas_are_what_the_types_give() {
    let dir = root().join(schemas::DIR);
    let generated = schemas::all();
    for f in &generated {
        let path = dir.join(f.name);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == f.text,
            "{} is not what the types give (a type or its doc comments changed): regenerate the \
             schemas with `{REGENERATE}` and commit them",
            path.display()
        );
    }
    let mut present: Vec<String> = std::fs::read_dir(&dir)
        .expect("schemas/ is readable")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    present.sort();
    let mut expected: Vec<String> = generated.iter().map(|f| f.name.to_string()).collect();
    expected.sort();
    assert_eq!(
        present, expected,
        "schemas/ holds a file that is no longer generated"
    );
}

#[test]
fn each_schema_has_an_id_and_its_format_version() {
    let rules = committed("rule-set.schema.json");
    assert_eq!(
        rules["$id"],
        json!(format!("urn:case-assessor:rule-set:{}", RuleSet::FORMAT))
    );
    assert_eq!(
        rules["properties"]["format"]["const"],
        json!(RuleSet::FORMAT)
    );
    assert_eq!(rules["required"], json!(["format", "meta"]));
    let cases = committed("case-file.schema.json");
    assert_eq!(
        cases["$id"],
        json!(format!("urn:case-assessor:case-file:{}", RuleSet::FORMAT))
    );
    let export = committed("export.schema.json");
    assert_eq!(
        export["$id"],
        json!(format!("urn:{EXPORT_FORMAT}:{SCHEMA}"))
    );
    assert_eq!(
        export["properties"]["format"]["const"],
        json!(EXPORT_FORMAT)
    );
    assert_eq!(export["properties"]["schema"]["const"], json!(SCHEMA));
    for s in [&rules, &cases, &export] {
        assert_eq!(
            s["$schema"],
            json!("http://json-schema.org/draft-07/schema#")
        );
        assert!(s["description"].as_str().is_some_and(|d| !d.is_empty()));
    }
}

/// The descriptions come from the doc comments, written for the people who read the schema.
#[test]
fn schemas_describe_every_key() {
    fn walk(at: &str, v: &Value, missing: &mut Vec<String>) {
        if let Some(props) = v.get("properties").and_then(Value::as_object) {
            // An answer's one key (`{"choice": ...}`) is described by the variant around it.
            let variant = props.len() == 1 && v.get("description").is_some();
            for (k, p) in props {
                if p.get("description").is_none() && !variant {
                    missing.push(format!("{at}.{k}"));
                }
            }
        }
        match v {
            Value::Object(obj) => {
                for (k, child) in obj {
                    walk(&format!("{at}/{k}"), child, missing);
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    walk(&format!("{at}/{i}"), child, missing);
                }
            }
            _ => {}
        }
    }
    for name in [
        "rule-set.schema.json",
        "case-file.schema.json",
        "export.schema.json",
    ] {
        let mut missing = Vec::new();
        walk(name, &committed(name), &mut missing);
        assert!(
            missing.is_empty(),
            "keys without a description (give the field a doc comment): {missing:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Files that load validate; shipped files name their schema.

#[test]
fn every_shipped_rule_file_names_and_passes_its_schema() {
    let paths = files::toml_files(&files::shipped_dir()).expect("rules/ is readable");
    assert!(!paths.is_empty());
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("readable");
        assert_names_schema(path, &text, "rule-set.schema.json");
        assert_valid(rule_set_schema(), path, &text);
    }
    let fixture = root().join("tests/fixtures/example.toml");
    assert_valid(rule_set_schema(), &fixture, support::FIXTURE);
}

#[test]
fn every_case_file_names_and_passes_its_schema() {
    let paths = support::case_files();
    assert!(!paths.is_empty());
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("readable");
        assert_names_schema(path, &text, "case-file.schema.json");
        assert_valid(case_file_schema(), path, &text);
    }
}

#[test]
fn generated_rule_files_pass_the_schema() {
    for (questions, seed) in [(20, 1), (150, 11), (400, 7)] {
        let text = synth::generate(questions, seed);
        RuleSet::load("synth.toml", &text).unwrap_or_else(|r| panic!("{r}"));
        assert_valid(rule_set_schema(), &PathBuf::from("synth.toml"), &text);
    }
}

// ---------------------------------------------------------------------------------------------
// Broken rule files: the schema refuses the structural errors, and only those.

#[test]
fn a_broken_rule_file_fails_the_schema_exactly_when_its_structure_is_wrong() {
    let dir = root().join("tests/load_errors");
    let paths = files::toml_files(&dir).expect("tests/load_errors/ is readable");
    let mut refused = Vec::new();
    for path in &paths {
        let name = path
            .file_name()
            .expect("a file")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(path).expect("readable");
        let report = match RuleSet::load(&name, &text) {
            Ok(_) => panic!("{name} loads, but it is meant to be broken"),
            Err(r) => r,
        };
        let Ok(doc) = toml_as_json(&text) else {
            assert!(report.has(ErrorKind::Toml), "{name}");
            continue; // not TOML: neither the loader nor a schema can read it
        };
        let structural = report.has(ErrorKind::Structure) || report.has(ErrorKind::Format);
        let found = errors(rule_set_schema(), &doc);
        if structural {
            assert!(
                !found.is_empty(),
                "{name}: the loader finds a structural error but the schema accepts the file:\n{report}"
            );
            refused.push(name);
        } else {
            assert!(
                found.is_empty(),
                "{name}: the schema refuses a file whose only errors are the loader's to judge \
                 ({}):\n{found}",
                report
                    .errors
                    .iter()
                    .map(|e| format!("{:?}", e.kind))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    for must in [
        "unknown_field.toml",
        "misspelt_kind.toml",
        "structural_errors_in_several_tables_are_all_reported.toml",
    ] {
        assert!(
            refused.iter().any(|r| r == must),
            "{must} should fail the schema; refused: {refused:?}"
        );
    }
}

#[test]
fn the_schema_refuses_an_unsupported_format_and_a_question_of_kind_fact() {
    let good = support::FIXTURE;
    for (from, to) in [
        ("format = 1", "format = 2"),
        ("kind = \"prompt\"", "kind = \"fact\""),
        ("type = \"choice\"", "type = \"yes_no\""),
        ("polarity = \"positive\"", "polarity = \"good\""),
    ] {
        assert!(good.contains(from), "the fixture has {from}");
        let bad = good.replacen(from, to, 1);
        assert!(RuleSet::load("bad.toml", &bad).is_err(), "{to}");
        let doc = toml_as_json(&bad).expect("TOML");
        assert!(!rule_set_schema().is_valid(&doc), "{to} passes the schema");
    }
}

// ---------------------------------------------------------------------------------------------
// Exports.

/// The rule sets drafts are generated for: the fixture, every shipped one and a generated one.
fn rule_sets() -> &'static [RuleSet] {
    static R: OnceLock<Vec<RuleSet>> = OnceLock::new();
    R.get_or_init(|| {
        let mut all = vec![support::fixture().clone()];
        all.extend(support::shipped().iter().cloned());
        all.push(
            RuleSet::load("synth.toml", &synth::generate(150, 11))
                .unwrap_or_else(|r| panic!("{r}")),
        );
        all
    })
}

/// Any answer, its numbers any `i32` or any normal `f64`.
fn answer() -> impl Strategy<Value = Answer> {
    support::strategies::answer(prop_oneof![
        any::<i32>().prop_map(f64::from),
        prop::num::f64::NORMAL
    ])
}

/// A draft as the engine makes one (`random_draft`: every item of a rule set answered at random, by
/// its type), with notes, hint decisions and retired answers added.
fn draft() -> impl Strategy<Value = Draft> {
    (
        0..rule_sets().len(),
        any::<u64>(),
        text(),
        (0i64..4_102_444_800_000).prop_map(|n| n as f64),
        prop::collection::btree_map(text(), text(), 0..3),
        prop::collection::btree_map("[0-9.]{1,6}", hint_decision(), 0..3),
        prop::collection::btree_map("[a-z0-9 .]{1,8}", answer(), 0..6),
    )
        .prop_map(|(r, seed, case_ref, now, notes, hints, retired)| {
            let rules = &rule_sets()[r];
            let mut d = random_draft(rules, &format!("d-{seed}"), &case_ref, seed);
            d.created = now;
            d.updated = now;
            d.notes = notes;
            d.hint_decisions = hints;
            for (id, a) in retired {
                d.answers.entry(id).or_insert(a);
            }
            d
        })
}

fn export_json(drafts: Vec<Draft>) -> Value {
    let text = ExportFile::new(drafts, 1_795_420_800_000.0).to_json();
    serde_json::from_str(&text).expect("an export is JSON")
}

/// Damage to an export's structure: a key removed, an unknown key added, or a value replaced by one
/// of another JSON type.
#[derive(Debug, Clone)]
enum Damage {
    Remove,
    Add,
    Replace(Value),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        Just(Damage::Remove),
        Just(Damage::Add),
        prop::sample::select(vec![
            json!(null),
            json!(true),
            json!(7),
            json!(-1.5),
            json!("text"),
            json!([]),
            json!(["a"]),
            json!({}),
            json!({"text": "x"}),
        ])
        .prop_map(Damage::Replace),
    ]
}

/// Every object and array in `v`, by JSON pointer.
fn containers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            out.push(at.clone());
            for (k, c) in m {
                containers(
                    c,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            out.push(at.clone());
            for (i, c) in a.iter().enumerate() {
                containers(c, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Applies `damage` to the `pick`-th container of `v`, at its `key`-th entry. False when there was
/// nothing to damage there.
fn apply(v: &mut Value, pick: usize, key: usize, damage: &Damage) -> bool {
    let mut all = Vec::new();
    containers(v, String::new(), &mut all);
    let at = &all[pick % all.len()];
    let Some(target) = v.pointer_mut(at) else {
        return false;
    };
    match (target, damage) {
        (Value::Object(m), Damage::Add) => {
            m.insert("unknown_key".into(), json!(1));
            true
        }
        (Value::Object(m), Damage::Remove) if !m.is_empty() => {
            let k = m.keys().nth(key % m.len()).cloned().expect("in range");
            m.remove(&k);
            true
        }
        (Value::Object(m), Damage::Replace(with)) if !m.is_empty() => {
            let k = m.keys().nth(key % m.len()).cloned().expect("in range");
            m.insert(k, with.clone());
            true
        }
        (Value::Array(a), Damage::Replace(with)) if !a.is_empty() => {
            let i = key % a.len();
            a[i] = with.clone();
            true
        }
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_export_the_engine_writes_passes_the_schema(drafts in prop::collection::vec(draft(), 0..3)) {
        let doc = export_json(drafts);
        let found = errors(export_schema(), &doc);
        prop_assert!(found.is_empty(), "{found}\n{doc:#}");
    }

    #[test]
    fn the_schema_and_the_import_agree_on_a_damaged_export(
        drafts in prop::collection::vec(draft(), 1..3),
        pick in any::<usize>(),
        key in any::<usize>(),
        damage in damage(),
    ) {
        let mut doc = export_json(drafts);
        prop_assume!(apply(&mut doc, pick, key, &damage));
        let text = serde_json::to_string(&doc).expect("JSON");
        let imported = parse_export(&text);
        let found = errors(export_schema(), &doc);
        prop_assert_eq!(
            imported.is_ok(),
            found.is_empty(),
            "{:?}: import says {:?}, schema says:\n{}\n{:#}",
            damage, imported.err(), found, doc
        );
    }
}

/// A change to an export, made to break it.
type Edit = Box<dyn Fn(&mut Value)>;

#[test]
fn malformed_imports_the_app_refuses_fail_the_schema() {
    let good = export_json(vec![random_draft(support::fixture(), "d-1", "Case 1", 3)]);
    assert!(
        export_schema().is_valid(&good),
        "{}",
        errors(export_schema(), &good)
    );
    let edits: Vec<(&str, Edit)> = vec![
        ("another format", Box::new(|v| v["format"] = json!("other"))),
        (
            "another schema version",
            Box::new(|v| v["schema"] = json!(99)),
        ),
        (
            "no schema version",
            Box::new(|v| {
                v.as_object_mut().map(|m| m.remove("schema"));
            }),
        ),
        (
            "an unknown top-level key",
            Box::new(|v| v["extra"] = json!(1)),
        ),
        (
            "a draft id that is a number",
            Box::new(|v| v["drafts"][0]["id"] = json!(1)),
        ),
        (
            "a draft without its rule set",
            Box::new(|v| {
                v["drafts"][0].as_object_mut().map(|m| m.remove("rule_set"));
            }),
        ),
        (
            "an answer of an unknown type",
            Box::new(|v| v["drafts"][0]["answers"]["x"] = json!({"colour": "red"})),
        ),
        (
            "an answer with two types",
            Box::new(|v| v["drafts"][0]["answers"]["x"] = json!({"text": "a", "choice": "b"})),
        ),
        (
            "an answer that is a bare string",
            Box::new(|v| v["drafts"][0]["answers"]["x"] = json!("yes")),
        ),
        (
            "a multi answer that is not a list",
            Box::new(|v| v["drafts"][0]["answers"]["x"] = json!({"multi": "a"})),
        ),
        (
            "a hint decision that is neither used nor overridden",
            Box::new(|v| {
                v["drafts"][0]["hint_decisions"]["x"] =
                    json!({"suggested": "yes", "decision": "maybe"})
            }),
        ),
        (
            "a note that is not text",
            Box::new(|v| v["drafts"][0]["notes"]["x"] = json!(3)),
        ),
        (
            "drafts that are not a list",
            Box::new(|v| v["drafts"] = json!({})),
        ),
    ];
    for (what, edit) in edits {
        let mut doc = good.clone();
        edit(&mut doc);
        let text = serde_json::to_string(&doc).expect("JSON");
        assert!(parse_export(&text).is_err(), "the import accepts {what}");
        assert!(!export_schema().is_valid(&doc), "the schema accepts {what}");
    }
}
