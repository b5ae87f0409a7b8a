//! `rules`: the command-line tool for rule authors.
//!
//! - `rules check PATH...`: load every rule file (a directory means its `*.toml` files, except
//!   `index.toml`); print every error with line, column and caret; exit 1 on any error.
//!
//! What succeeds is printed on stdout; errors and failures on stderr.
//! - `rules dump FILE`: print the checked rule set as JSON.
//! - `rules test CASES...`: run case files; print each mismatch by case and question id; exit 1 on any.
//! - `rules cases FILE`: print a case file as JSON (its cases as written, and the path of its rule
//!   file), for tools such as the end-to-end tests that drive the app with each case.
//! - `rules schemas [DIR]`: write the JSON Schemas of the rule-file, case-file and export formats
//!   (`authoring::schemas`) to DIR, by default this crate's `schemas/`.
//! - `rules asked CASEFILE...`: for each case, the case facts asked (see `engine::relevance`): how
//!   many, of how many facts that apply by their own conditions (all of them were asked before facts
//!   were derived from what reads them), and their ids.
//! - `rules synth QUESTIONS SEED`: print a generated rule file (`authoring::synth::generate`) with about
//!   that many questions and dense conditions, for benchmarks.
//! - `rules compile DIR OUT`: write the compiled form (`engine::compiled`) of `DIR/index.toml` and of
//!   every rule file in DIR to OUT (the build writes `dist/rules/compiled/`); exit 1 if any file has
//!   errors (each printed as `check` prints it).
//! - `rules drafts FILE COUNT`: print an export file of COUNT made-up assessments of the rule set
//!   FILE (`engine::across::random_draft`, seeds 0 to COUNT - 1), for the summary benchmark.
#![forbid(unsafe_code)]
// A native tool: on wasm32 (built only by `--all-targets` lints) it is empty.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use case_assessor::authoring::files::{self, LoadError};
use case_assessor::authoring::{cases, dump, schemas, synth};
use case_assessor::engine::across::random_draft;
use case_assessor::engine::diag::ErrorKind;
use case_assessor::engine::draft::ExportFile;
use case_assessor::engine::{catalogue, compiled};
use case_assessor::engine::{Draft, Evaluation, RuleSet};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit 1 if anything failed, else 0.
fn exit_code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: rules check PATH... | rules dump FILE | rules test CASEFILE... | rules cases CASEFILE | rules asked CASEFILE... | rules schemas [DIR] | rules compile DIR OUT | rules synth QUESTIONS SEED | rules drafts FILE COUNT");
    ExitCode::from(2)
}

/// The files `paths` name: a folder means its rule or case files (`files::toml_files`).
fn files(paths: &[String]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if path.is_dir() {
            match files::toml_files(path) {
                Ok(found) => out.extend(found),
                Err(e) => eprintln!("error: {}: cannot read the folder: {e}", path.display()),
            }
        } else {
            out.push(path.to_path_buf());
        }
    }
    out
}

/// Prints why a file did not load, on stderr. When the file is not valid TOML, says that its other
/// checks wait for that to be fixed (the loader can check nothing else in a file it cannot parse).
fn print_failure(e: &LoadError) {
    eprintln!("{e}");
    if let LoadError::Invalid(report) = e {
        if report.has(ErrorKind::Toml) {
            eprintln!(
                "note: {} is not valid TOML, so its other checks wait until that is fixed",
                report.file
            );
        }
    }
}

/// Checks `dir/index.toml` against the rule files it lists. Gives false on any mismatch.
fn check_index(dir: &Path) -> bool {
    let path = dir.join("index.toml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!(
            "note {}: no index.toml, so the app lists none of these rule sets",
            dir.display()
        );
        return true;
    };
    let entries = match catalogue::parse(&text) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return false;
        }
    };
    let mut ok = true;
    for e in &entries {
        match files::load(&dir.join(&e.file)) {
            Ok(rs) => {
                for m in catalogue::mismatches(e, &rs.meta) {
                    eprintln!("error: {}: {m}", path.display());
                    ok = false;
                }
            }
            Err(err) => {
                eprintln!(
                    "error: {} lists {}, which does not load:\n{err}",
                    path.display(),
                    e.file
                );
                ok = false;
            }
        }
    }
    for f in files(&[dir.display().to_string()]) {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if !entries.iter().any(|e| e.file == name) {
            println!(
                "note {}: {name} is not listed, so the app does not offer it",
                path.display()
            );
        }
    }
    if ok {
        println!(
            "ok   {} ({} rule sets listed)",
            path.display(),
            entries.len()
        );
    }
    ok
}

/// Reads a case file and its rule set.
fn case_file(f: &Path) -> Result<(cases::CaseFile, RuleSet), String> {
    let name = f.display().to_string();
    std::fs::read_to_string(f)
        .map_err(|e| format!("{name}: cannot read: {e}"))
        .and_then(|t| cases::parse(&name, &t).map_err(|r| r.to_string()))
        .and_then(|cf| {
            let rules_path = f.parent().unwrap_or(Path::new(".")).join(&cf.rules);
            files::load(&rules_path)
                .map(|rs| (cf, rs))
                .map_err(|e| e.to_string())
        })
}

/// `rules asked`: prints, for each case, the facts asked. Gives false when an answer is wrong.
fn print_asked(name: &str, rs: &RuleSet, cf: &cases::CaseFile) -> bool {
    let mut ok = true;
    let total = rs.facts().count();
    println!("{name} ({}: {total} facts)", rs.meta.id);
    for case in &cf.cases {
        let mut draft = Draft::new("case".into(), case.name.get_ref().clone(), rs, 0.0);
        for (id, v) in &case.answers {
            match cases::to_answer(rs, id, v) {
                Ok(a) => {
                    draft.answers.insert(id.clone(), a);
                }
                Err(m) => {
                    ok = false;
                    eprintln!("{name}: error: case \"{}\": {m}", case.name.get_ref());
                }
            }
        }
        let ev = Evaluation::new(rs, &draft);
        let applying = rs.facts().filter(|(ix, _)| ev.items[*ix].applies).count();
        let asked = ev.relevance().asked_facts();
        let ids: Vec<&str> = asked.iter().map(|&ix| rs.items[ix].id.as_str()).collect();
        println!(
            "  {}: {} facts asked (before: {applying}): {}",
            case.name.get_ref(),
            asked.len(),
            ids.join(" ")
        );
    }
    ok
}

/// A TOML value as JSON (a date-time becomes its TOML text).
fn to_json(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) => json!(s),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => json!(b),
        toml::Value::Datetime(d) => json!(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

/// A parsed case file as JSON: `rules` as written, `rules_path` resolved from the case file's folder,
/// and every case with all its keys (empty lists and tables where the file leaves them out).
fn cases_json(path: &Path, cf: &cases::CaseFile) -> Value {
    let rules_path = path.parent().unwrap_or(Path::new(".")).join(&cf.rules);
    let cases: Vec<Value> = cf
        .cases
        .iter()
        .map(|c| {
            json!({
                "name": c.name.get_ref(),
                "line": c.line,
                "answers": c.answers.iter().map(|(k, v)| (k.clone(), to_json(v))).collect::<serde_json::Map<_, _>>(),
                "not_applicable": c.not_applicable,
                "applicable": c.applicable,
                "hints": c.hints,
                "no_hints": c.no_hints,
                "forced": c.forced,
                "not_forced": c.not_forced,
                "tally": c.tally,
            })
        })
        .collect();
    json!({
        "file": path.display().to_string(),
        "rules": cf.rules,
        "rules_path": rules_path.display().to_string(),
        "cases": cases,
    })
}

/// `rules compile DIR OUT`: the compiled form of the index and of every rule file in `dir`, written
/// to `out` as `<file name>.bin`.
fn compile(dir: &Path, out: &Path) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("error: {}: cannot create the folder: {e}", out.display());
        return ExitCode::FAILURE;
    }
    let mut sources = vec![dir.join("index.toml")];
    match files::toml_files(dir) {
        Ok(found) => sources.extend(found),
        Err(e) => {
            eprintln!("error: {}: cannot read the folder: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    // The rule files first, so the index's compiled form can list those that compiled.
    sources.rotate_left(1);
    let mut failed = false;
    let mut built = compiled::Built::default();
    for path in sources {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let compiled = std::fs::read_to_string(&path)
            .map_err(|e| format!("error: {}: {e}", path.display()))
            .and_then(|text| {
                if name == "index.toml" {
                    compiled::index(&text, std::mem::take(&mut built))
                } else {
                    let bytes = compiled::rule_file(&path.display().to_string(), &text)?;
                    built.add(&name, &text);
                    Ok(bytes)
                }
            });
        let target = out.join(format!("{name}.bin"));
        match compiled.map(|bytes| std::fs::write(&target, bytes)) {
            Ok(Ok(())) => println!("ok   {}", target.display()),
            Ok(Err(e)) => {
                failed = true;
                eprintln!("error: {}: {e}", target.display());
            }
            Err(e) => {
                failed = true;
                eprintln!("{e}");
            }
        }
    }
    exit_code(failed)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        return usage();
    };
    match cmd.as_str() {
        "check" if !rest.is_empty() => {
            let mut failed = false;
            for dir in rest.iter().map(Path::new).filter(|p| p.is_dir()) {
                failed |= !check_index(dir);
            }
            for f in files(rest) {
                match files::load(&f) {
                    Ok(rs) => {
                        let questions = rs
                            .items
                            .iter()
                            .filter(|i| i.kind != case_assessor::engine::model::Kind::Fact)
                            .count();
                        println!(
                            "ok   {} ({}: {} sections, {} questions, {} conditions)",
                            f.display(),
                            rs.meta.id,
                            rs.sections.len(),
                            questions,
                            rs.conds.len()
                        );
                    }
                    Err(e) => {
                        failed = true;
                        print_failure(&e);
                    }
                }
            }
            exit_code(failed)
        }
        "compile" if rest.len() == 2 => compile(Path::new(&rest[0]), Path::new(&rest[1])),
        "dump" if rest.len() == 1 => match files::load(Path::new(&rest[0])) {
            Ok(rs) => {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&dump::dump(&rs)).unwrap_or_default()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                print_failure(&e);
                ExitCode::FAILURE
            }
        },
        "test" if !rest.is_empty() => {
            let mut failed = false;
            for f in files(rest) {
                let name = f.display().to_string();
                let result = std::fs::read_to_string(&f)
                    .map_err(|error| LoadError::Read {
                        path: f.clone(),
                        error,
                    })
                    .and_then(|t| cases::parse(&name, &t).map_err(LoadError::Invalid))
                    .and_then(|cf| {
                        let rules_path = f.parent().unwrap_or(Path::new(".")).join(&cf.rules);
                        files::load(&rules_path).map(|rs| (cf, rs))
                    });
                match result {
                    Err(e) => {
                        failed = true;
                        print_failure(&e);
                    }
                    Ok((cf, rs)) => {
                        let fails = cases::run(&rs, &cf);
                        for m in &fails {
                            eprintln!("FAIL {name}: {m}");
                        }
                        println!(
                            "{} {name}: {} cases, {} failures",
                            if fails.is_empty() { "ok  " } else { "FAIL" },
                            cf.cases.len(),
                            fails.len()
                        );
                        failed |= !fails.is_empty();
                    }
                }
            }
            exit_code(failed)
        }
        "cases" if rest.len() == 1 => {
            let path = Path::new(&rest[0]);
            let name = path.display().to_string();
            let parsed = std::fs::read_to_string(path)
                .map_err(|error| LoadError::Read {
                    path: path.to_path_buf(),
                    error,
                })
                .and_then(|t| cases::parse(&name, &t).map_err(LoadError::Invalid));
            match parsed {
                Ok(cf) => {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&cases_json(path, &cf)).unwrap_or_default()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    print_failure(&e);
                    ExitCode::FAILURE
                }
            }
        }
        "schemas" if rest.len() <= 1 => {
            let dir = rest.first().map_or_else(
                || Path::new(env!("CARGO_MANIFEST_DIR")).join(schemas::DIR),
                PathBuf::from,
            );
            if let Err(e) = std::fs::create_dir_all(&dir) {
                eprintln!("error: {}: cannot create the folder: {e}", dir.display());
                return ExitCode::FAILURE;
            }
            for f in schemas::all() {
                let path = dir.join(f.name);
                if let Err(e) = std::fs::write(&path, &f.text) {
                    eprintln!("error: {}: cannot write: {e}", path.display());
                    return ExitCode::FAILURE;
                }
                println!("wrote {}", path.display());
            }
            ExitCode::SUCCESS
        }
        "asked" if !rest.is_empty() => {
            let mut failed = false;
            for f in files(rest) {
                match case_file(&f) {
                    Ok((cf, rs)) => failed |= !print_asked(&f.display().to_string(), &rs, &cf),
                    Err(e) => {
                        failed = true;
                        eprintln!("{e}");
                    }
                }
            }
            exit_code(failed)
        }
        "synth" if rest.len() == 2 => match (rest[0].parse::<usize>(), rest[1].parse::<u64>()) {
            (Ok(questions), Ok(seed)) if questions > 0 => {
                print!("{}", synth::generate(questions, seed));
                ExitCode::SUCCESS
            }
            _ => usage(),
        },
        "drafts" if rest.len() == 2 => match rest[1].parse::<usize>() {
            Ok(count) => match files::load(Path::new(&rest[0])) {
                Ok(rs) => {
                    let drafts = (0..count)
                        .map(|i| {
                            random_draft(&rs, &format!("d{i}"), &format!("CASE-{i}"), i as u64)
                        })
                        .collect();
                    println!("{}", ExportFile::new(drafts, 0.0).to_json());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    print_failure(&e);
                    ExitCode::FAILURE
                }
            },
            _ => usage(),
        },
        _ => usage(),
    }
}
