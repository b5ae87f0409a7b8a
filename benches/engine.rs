//! Engine benchmark (criterion): load, full evaluation, and the incremental update after one answer.
//!
//! Measures a generated rule set of 1,000 questions with dense conditions
//! (`authoring::synth::generate(1000, 1)`) and the largest rule set shipped in `rules/`. After measuring it
//! prints each figure next to its budget:
//! - incremental update after one answer: at most 50 µs (measured for a typical question, the
//!   question read by the most conditions and the fact read by the most conditions);
//! - full evaluation of the largest shipped rule set: at most 1 ms;
//! - the summary across 500 generated assessments of the 2024 CARaG
//!   (`rules/carag-2024-pdu-domain-two.toml`; `engine::across`: evaluating each draft, counting
//!   duplicates once, and every figure per key question and per question): at most 100 ms.
//!
//! Run with `cargo bench --bench engine`; record the figures in `docs/benchmarks.md`. This is a
//! benchmark, not a timed test: nothing fails when a figure is over budget.

// Native only: criterion is a native dev-dependency (Cargo.toml); on wasm32 this is an empty program.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use case_assessor::authoring::{files, synth};
use case_assessor::engine::model::{AnswerType, Rows};
use case_assessor::engine::model::{Idx, ItemIx, IxVec};
use case_assessor::engine::{Answer, Draft, Evaluation, RuleSet};
use criterion::Criterion;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Incremental update after one answer, in nanoseconds.
const UPDATE_BUDGET_NS: f64 = 50_000.0;
/// Full evaluation of the largest shipped rule set, in nanoseconds.
const FULL_BUDGET_NS: f64 = 1_000_000.0;
/// Summary across 500 assessments of the 2024 CARaG, in nanoseconds.
const ACROSS_BUDGET_NS: f64 = 100_000_000.0;
/// Assessments in the summary benchmark.
const ACROSS_CASES: usize = 500;

/// Measures the summary across [`ACROSS_CASES`] generated assessments of the 2024 CARaG; gives the
/// rows to print, or `None` when the rule set does not load.
/// A title and its rows: (function name, budget in nanoseconds).
type Figures = (String, Vec<(String, Option<f64>)>);

fn bench_across(c: &mut Criterion) -> Option<Figures> {
    use case_assessor::engine::across::{random_draft, summarise, Collection, Filter, Source};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/carag-2024-pdu-domain-two.toml");
    let text = std::fs::read_to_string(&path).ok()?;
    let rules = std::sync::Arc::new(RuleSet::load("carag-2024-pdu-domain-two.toml", &text).ok()?);
    let drafts: Vec<(Source, Draft)> = (0..ACROSS_CASES)
        .map(|i| {
            let d = random_draft(&rules, &format!("d{i}"), &format!("CASE-{i}"), i as u64);
            (Source::File(format!("case-{i}.json")), d)
        })
        .collect();
    let mut g = c.benchmark_group("across_carag_2024");
    g.sample_size(10);
    g.bench_function("summary_500", |b| {
        // The drafts are cloned outside the measurement (the page owns them already).
        b.iter_batched(
            || drafts.clone(),
            |d| {
                let col = Collection::new(rules.clone(), black_box(d));
                black_box(summarise(&col, &Filter::default()))
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.finish();
    Some((
        format!("summary across {ACROSS_CASES} generated assessments of rules/carag-2024-pdu-domain-two.toml"),
        vec![("summary_500".into(), Some(ACROSS_BUDGET_NS))],
    ))
}

/// A rule set to measure.
struct Subject {
    /// Criterion group name (also its directory under target/criterion).
    group: String,
    /// What it is, for the summary.
    title: String,
    /// The rule file text.
    text: String,
    /// Whether it is a shipped rule set (the full-evaluation budget applies).
    shipped: bool,
}

/// The largest rule set in `rules/` (most items, then most bytes) among the files that load as rule
/// sets (`index.toml` and the like are skipped).
fn largest_shipped() -> Option<Subject> {
    let mut best: Option<((usize, usize), PathBuf, String)> = None;
    for path in files::toml_files(&files::shipped_dir()).ok()? {
        let rules = match files::load(&path) {
            Ok(rules) => rules,
            Err(e) => {
                println!("note: skipped, it does not load: {e}");
                continue;
            }
        };
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let size = (rules.items.len(), text.len());
        if best.as_ref().is_none_or(|(best, _, _)| size > *best) {
            best = Some((size, path.clone(), text));
        }
    }
    let (_, path, text) = best?;
    let stem = path
        .file_stem()
        .and_then(|n| n.to_str())
        .unwrap_or("shipped");
    Some(Subject {
        group: format!("shipped_{stem}"),
        title: format!("rules/{stem}.toml (largest shipped)"),
        text,
        shipped: true,
    })
}

/// A deterministic valid answer for item `ix`, varied by `pick`.
fn answer_for(rules: &RuleSet, ix: ItemIx, draft: &Draft, pick: usize) -> Answer {
    let item = &rules.items[ix];
    let values: Vec<String> = rules
        .scale_of(item)
        .map(|s| s.options.iter().map(|o| o.value.clone()).collect())
        .unwrap_or_default();
    let value = |k: usize| values[k % values.len().max(1)].clone();
    match &item.answer {
        AnswerType::Bool => Answer::Bool(pick % 2 == 0),
        AnswerType::Choice { .. } => Answer::Choice(value(pick)),
        AnswerType::Multi { .. } => Answer::Multi(
            values
                .iter()
                .enumerate()
                .filter(|(i, _)| (pick + i) % 2 == 0)
                .map(|(_, v)| v.clone())
                .collect(),
        ),
        AnswerType::Grid { rows, .. } => {
            let ids: Vec<String> = match rows {
                Rows::Fixed(rows) => rows.iter().map(|r| r.id.clone()).collect(),
                Rows::From(src) => match draft.answers.get(rules.items[*src].id.as_str()) {
                    Some(Answer::Multi(v)) => v.clone(),
                    _ => vec![],
                },
            };
            Answer::Grid(
                ids.into_iter()
                    .enumerate()
                    .map(|(i, id)| (id, value(pick + i)))
                    .collect(),
            )
        }
        AnswerType::Number { min, max, .. } => {
            let lo = min.unwrap_or(0.0);
            let hi = max.unwrap_or(lo + 24.0).max(lo);
            Answer::Number((lo + (pick % 25) as f64).min(hi))
        }
        AnswerType::Date => Answer::Date(format!("2024-{:02}-15", 1 + pick % 12)),
        AnswerType::Text => Answer::Text(format!("note {pick}")),
    }
}

/// A draft part-way through an assessment: every fact answered, two questions in three answered.
fn working_draft(rules: &RuleSet) -> Draft {
    let mut draft = Draft::new("bench".into(), "BENCH-1".into(), rules, 0.0);
    for ix in rules.items.indices() {
        let is_fact = rules.items[ix].section.is_none();
        if is_fact || ix.index() % 3 != 0 {
            let a = answer_for(rules, ix, &draft, ix.index() * 7 + 1);
            draft.answers.insert(rules.items[ix].id.to_string(), a);
        }
    }
    draft
}

/// How many conditions read each item.
fn readers(rules: &RuleSet) -> IxVec<ItemIx, usize> {
    let mut readers = IxVec::filled(0usize, rules.items.len());
    for c in &rules.conds {
        for &ix in &c.reads {
            readers[ix] += 1;
        }
    }
    readers
}

/// The fact and the question read by the most conditions (the costliest single answers to change).
fn most_read(rules: &RuleSet) -> (Option<ItemIx>, Option<ItemIx>) {
    let readers = readers(rules);
    let best = |want_fact: bool| {
        rules
            .items
            .indices()
            .filter(|&ix| rules.items[ix].section.is_none() == want_fact)
            .max_by_key(|&ix| (readers[ix], std::cmp::Reverse(ix)))
    };
    (best(true), best(false))
}

fn bench_subject(c: &mut Criterion, s: &Subject) -> Vec<(String, Option<f64>)> {
    let rules = RuleSet::load("bench.toml", &s.text).unwrap_or_else(|r| panic!("{r}"));
    let draft = working_draft(&rules);
    let mut g = c.benchmark_group(&s.group);
    g.bench_function("load", |b| {
        b.iter(|| RuleSet::load("bench.toml", black_box(&s.text)))
    });
    g.bench_function("full_evaluation", |b| {
        b.iter(|| Evaluation::new(black_box(&rules), black_box(&draft)))
    });
    let (fact, question) = most_read(&rules);
    let read_by = readers(&rules);
    let mut budgets = Vec::new();
    // A typical answer: the question in the middle of the rule set.
    let middle = (rules.items.indices())
        .skip(rules.items.len() / 2)
        .find(|&ix| rules.items[ix].section.is_some());
    for (name, ix) in [
        ("incremental_update_typical", middle),
        ("incremental_update_question", question),
        ("incremental_update_fact", fact),
    ] {
        let Some(ix) = ix else { continue };
        let id = rules.items[ix].id.clone();
        let mut d = draft.clone();
        let answers = [answer_for(&rules, ix, &d, 0), answer_for(&rules, ix, &d, 1)];
        let mut ev = Evaluation::new(&rules, &d);
        let mut flip = 0;
        g.bench_function(name, |b| {
            b.iter(|| {
                // A real change every time: alternate between two answers.
                flip ^= 1;
                d.answers.insert(id.to_string(), answers[flip].clone());
                ev.update(&rules, &d, &id);
                black_box(&ev);
            })
        });
        budgets.push((
            format!("{name} ({id}, read by {} conditions)", read_by[ix]),
            Some(UPDATE_BUDGET_NS),
        ));
    }
    g.finish();
    let mut rows = vec![
        ("load".to_string(), None),
        (
            "full_evaluation".to_string(),
            s.shipped.then_some(FULL_BUDGET_NS),
        ),
    ];
    rows.extend(budgets);
    rows
}

/// Where criterion writes its results (the same rule it uses, made explicit).
fn criterion_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("criterion")
}

/// The mean and its 95% confidence interval, in ns, of a measured benchmark.
fn estimate(group: &str, function: &str) -> Option<(f64, f64, f64)> {
    let path = criterion_dir()
        .join(group)
        .join(function)
        .join("new/estimates.json");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    let mean = &v["mean"];
    Some((
        mean["point_estimate"].as_f64()?,
        mean["confidence_interval"]["lower_bound"].as_f64()?,
        mean["confidence_interval"]["upper_bound"].as_f64()?,
    ))
}

fn human(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn main() {
    let mut c = Criterion::default()
        .output_directory(&criterion_dir())
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();

    let mut subjects = vec![Subject {
        group: "synth_1000".into(),
        title: "synth::generate(1000, 1)".into(),
        text: synth::generate(1000, 1),
        shipped: false,
    }];
    match largest_shipped() {
        Some(s) => subjects.push(s),
        None => {
            println!("note: no rule set in rules/*.toml loads; only the generated set is measured")
        }
    }

    let mut results = Vec::new();
    for s in &subjects {
        let rows = bench_subject(&mut c, s);
        results.push((s, rows));
    }
    let across = bench_across(&mut c);
    c.final_summary();

    println!("\nEngine figures (criterion mean, 95% interval) against budgets:");
    for (s, rows) in &results {
        let rules = RuleSet::load("bench.toml", &s.text).ok();
        let (facts, questions) = rules.as_ref().map_or((0, 0), |r| {
            let facts = r.facts().count();
            (facts, r.items.len() - facts)
        });
        let conds = rules.as_ref().map_or(0, |r| r.conds.len());
        println!(
            "\n{} — {questions} questions, {facts} facts, {conds} conditions, {} KiB",
            s.title,
            s.text.len() / 1024
        );
        for (name, budget) in rows {
            let function = name.split(' ').next().unwrap_or(name);
            let Some((mean, lo, hi)) = estimate(&s.group, function) else {
                println!("  {name:<66} not measured (test mode?)");
                continue;
            };
            let verdict = match budget {
                Some(b) if mean <= *b => format!("budget {}: PASS", human(*b)),
                Some(b) => format!("budget {}: OVER", human(*b)),
                None => "no budget".into(),
            };
            println!(
                "  {name:<66} {:>10}  [{} .. {}]  {verdict}",
                human(mean),
                human(lo),
                human(hi)
            );
        }
    }
    match across {
        Some((title, rows)) => {
            println!("\n{title}");
            for (name, budget) in rows {
                let Some((mean, lo, hi)) = estimate("across_carag_2024", &name) else {
                    println!("  {name:<66} not measured (test mode?)");
                    continue;
                };
                let verdict = match budget {
                    Some(b) if mean <= b => format!("budget {}: PASS", human(b)),
                    Some(b) => format!("budget {}: OVER", human(b)),
                    None => "no budget".into(),
                };
                println!(
                    "  {name:<66} {:>10}  [{} .. {}]  {verdict}",
                    human(mean),
                    human(lo),
                    human(hi)
                );
            }
        }
        None => println!(
            "note: rules/carag-2024-pdu-domain-two.toml does not load; the summary is not measured"
        ),
    }
}
