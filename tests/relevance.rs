//! The invariant of derived fact relevance (`engine::relevance`): changing the answer of a fact that
//! is not asked changes nothing shown. Property test over every rule set shipped in `rules/`, the
//! example fixture and generated rule sets (`authoring::synth`), with random answers (mostly to facts).
//!
//! "Shown" is everything a page builds from the evaluation: whether each section, key question and
//! question applies and why not (the condition and the answers it read), hints (and the answers they
//! read), the forcing rules of summaries that apply, tallies, the rows of grids that apply, progress
//! counting the facts asked, and which facts are asked (with their own state).
//!
//! Also: the typical cases of `tests/asked/` (for `rules asked`) stay valid.
// Native only: proptest is a native dev-dependency (Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

use case_assessor::authoring::synth;
use case_assessor::engine::assessment::Assessment;
use case_assessor::engine::evaluate::{grid_rows, AreaState, GridRow, HintState, Tally};
use case_assessor::engine::model::{CondIx, ForceIx, Idx, ItemIx, Kind};
use case_assessor::engine::present::{inputs, Input};
use case_assessor::engine::relevance::Relevance;
use case_assessor::engine::{Draft, Evaluation, RuleSet};
use proptest::prelude::*;
use std::sync::{Arc, OnceLock};

mod support;
use support::answer_for;

const FIXTURE: &str = include_str!("fixtures/example.toml");
/// Readers the shipped rule sets leave out: a fact read only by another fact, an empty section.
const READERS: &str = include_str!("fixtures/relevance.toml");

/// Every rule set shipped in `rules/`, the two fixtures and two generated rule sets.
fn rule_sets() -> &'static [Arc<RuleSet>] {
    static RULES: OnceLock<Vec<Arc<RuleSet>>> = OnceLock::new();
    RULES.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .expect("rules/")
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "toml")
                    && p.file_name().is_some_and(|n| n != "index.toml")
            })
            .collect();
        paths.sort();
        let mut sets: Vec<RuleSet> = paths
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).expect("readable");
                RuleSet::load(&p.display().to_string(), &text).unwrap_or_else(|r| panic!("{r}"))
            })
            .collect();
        assert!(sets.len() >= 5, "the shipped rule sets are found");
        sets.push(RuleSet::load("example.toml", FIXTURE).unwrap_or_else(|r| panic!("{r}")));
        sets.push(RuleSet::load("relevance.toml", READERS).unwrap_or_else(|r| panic!("{r}")));
        for seed in [5, 11] {
            sets.push(
                RuleSet::load("synth.toml", &synth::generate(120, seed))
                    .unwrap_or_else(|r| panic!("{r}")),
            );
        }
        sets.into_iter().map(Arc::new).collect()
    })
}

/// What one item shows.
#[derive(Debug, PartialEq)]
struct ItemShown {
    id: String,
    applies: bool,
    excluded: bool,
    /// The reason it does not apply: the condition and the answers it read.
    blocked_by: Option<(CondIx, Vec<Input>)>,
    /// Only while it applies: answered, and the grid's rows.
    answered: Option<bool>,
    rows: Option<Vec<GridRow>>,
    hints: Vec<HintState>,
    /// The answers read by the active hints.
    hint_inputs: Vec<Vec<Input>>,
    tally: Option<Tally>,
    /// Forcing rules that hold, while it applies.
    forced: Option<Vec<ForceIx>>,
}

#[derive(Debug, PartialEq)]
struct Shown {
    sections: Vec<(AreaState, Vec<Input>)>,
    groups: Vec<AreaState>,
    items: Vec<ItemShown>,
    asked: Vec<ItemIx>,
    fact_progress: (u32, u32),
    progress: (u32, u32),
    section_progress: Vec<(u32, u32)>,
}

fn shown(rules: &Arc<RuleSet>, draft: &Draft) -> Shown {
    let a = Assessment::new(rules.clone(), draft.clone());
    let ev = a.eval();
    let rel = Relevance::new(rules, ev);
    let items = rules
        .items
        .iter_enumerated()
        .filter(|(ix, item)| item.kind != Kind::Fact || rel.is_shown(*ix))
        .map(|(ix, item)| {
            let st = &ev.items[ix];
            ItemShown {
                id: item.id.to_string(),
                applies: st.applies,
                excluded: st.excluded,
                blocked_by: st.blocked_by.map(|b| (b.cond(), inputs(&a, b.cond()))),
                answered: st.applies.then_some(st.answered),
                rows: st.applies.then(|| grid_rows(rules, draft, ev, ix)),
                hints: ev.hints[ix].clone(),
                hint_inputs: item
                    .hints
                    .iter()
                    .zip(&ev.hints[ix])
                    .filter_map(|(h, s)| match (s.active, h.when) {
                        (true, Some(c)) => Some(inputs(&a, c)),
                        _ => None,
                    })
                    .collect(),
                tally: ev.tallies[ix].clone(),
                forced: st.applies.then(|| ev.forced(rules, ix)),
            }
        })
        .collect();
    let fp = ev.fact_progress;
    assert_eq!(fp, rel.fact_progress(rules, ev));
    let p = ev.progress;
    Shown {
        sections: ev
            .sections
            .iter()
            .map(|s| {
                (
                    s.clone(),
                    s.blocked_by.map(|c| inputs(&a, c)).unwrap_or_default(),
                )
            })
            .collect(),
        groups: ev.groups.as_slice().to_vec(),
        items,
        asked: rel.asked_facts(),
        fact_progress: (fp.answered, fp.total),
        progress: (p.answered, p.total),
        section_progress: ev
            .section_progress
            .iter()
            .map(|p| (p.answered, p.total))
            .collect(),
    }
}

/// A draft from `steps`: (which item, clear it, which value); two steps in three answer a fact.
fn draft_from(rules: &RuleSet, steps: &[(usize, bool, u32)]) -> Draft {
    let facts: Vec<ItemIx> = rules.facts().map(|(ix, _)| ix).collect();
    let n = rules.items.len();
    let mut draft = Draft::new("d".into(), "c".into(), rules, 0.0);
    for &(which, clear, pick) in steps {
        let ix = if which % 3 != 0 && !facts.is_empty() {
            facts[which / 3 % facts.len()]
        } else {
            ItemIx::new(which / 3 % n)
        };
        let id = rules.items[ix].id.to_string();
        if clear {
            draft.answers.remove(&id);
        } else {
            let a = answer_for(rules, ix, &draft, pick);
            draft.answers.insert(id, a);
        }
    }
    draft
}

/// Checks the invariant for every fact not asked in `draft`, trying `picks` and no answer.
fn check(rules: &Arc<RuleSet>, draft: &Draft, picks: &[u32]) -> Result<usize, TestCaseError> {
    let ev = Evaluation::new(rules, draft);
    let rel = Relevance::new(rules, &ev);
    let base = shown(rules, draft);
    let mut tried = 0;
    for (f, fact) in rules.facts() {
        if rel.is_shown(f) {
            continue;
        }
        let alternatives = picks
            .iter()
            .map(|&p| Some(answer_for(rules, f, draft, p)))
            .chain([None]);
        for alt in alternatives {
            let mut d = draft.clone();
            match alt.clone() {
                Some(a) => d.answers.insert(fact.id.to_string(), a),
                None => d.answers.remove(fact.id.as_str()),
            };
            tried += 1;
            let after = shown(rules, &d);
            if after != base {
                let diff = base
                    .items
                    .iter()
                    .zip(&after.items)
                    .find(|(a, b)| a != b)
                    .map(|(a, b)| format!("{a:?}\nbecame\n{b:?}"))
                    .unwrap_or_else(|| "(sections, groups, asked facts or progress)".into());
                return Err(TestCaseError::fail(format!(
                    "{}: changing {} (not asked) to {alt:?} changed what is shown:\n{diff}\nanswers: {:?}",
                    rules.meta.id, fact.id, draft.answers
                )));
            }
        }
    }
    Ok(tried)
}

fn steps() -> impl Strategy<Value = Vec<(usize, bool, u32)>> {
    prop::collection::vec(
        (any::<usize>(), prop::bool::weighted(0.1), any::<u32>()),
        0..60,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn changing_a_fact_not_asked_changes_nothing_shown(
        s in steps(),
        picks in prop::collection::vec(any::<u32>(), 2),
    ) {
        for rules in rule_sets() {
            let draft = draft_from(rules, &s);
            check(rules, &draft, &picks)?;
        }
    }
}

/// The comparison above can fail: changing facts that are asked does change what is shown, and
/// facts are left out (so the property is not checked on nothing), on every kind of rule set.
#[test]
fn the_check_sees_changes_and_facts_are_left_out() {
    let mut rng = synth::Rng::new(23);
    for rules in rule_sets() {
        let (mut left_out, mut asked_changed) = (0, 0);
        for _ in 0..40 {
            let steps: Vec<(usize, bool, u32)> = (0..rng.below(50))
                .map(|_| {
                    (
                        rng.below(1 << 20),
                        rng.below(10) == 0,
                        rng.below(1 << 20) as u32,
                    )
                })
                .collect();
            let draft = draft_from(rules, &steps);
            left_out += check(rules, &draft, &[1, 2]).unwrap_or_else(|e| panic!("{e}"));
            let ev = Evaluation::new(rules, &draft);
            let base = shown(rules, &draft);
            for f in Relevance::new(rules, &ev).asked_facts() {
                let mut d = draft.clone();
                let a = answer_for(rules, f, &draft, rng.below(1 << 20) as u32);
                d.answers.insert(rules.items[f].id.to_string(), a);
                let after = shown(rules, &d);
                // Sections, key questions and questions only: not the fact's own answer.
                let questions = |s: &Shown| -> Vec<String> {
                    s.items
                        .iter()
                        .filter(|i| rules.item(&i.id).is_some_and(|x| x.kind != Kind::Fact))
                        .map(|i| format!("{i:?}"))
                        .collect()
                };
                asked_changed += usize::from(
                    after.sections != base.sections
                        || after.groups != base.groups
                        || questions(&after) != questions(&base),
                );
            }
        }
        assert!(left_out > 0, "{}: no fact was ever left out", rules.meta.id);
        assert!(
            asked_changed > 0,
            "{}: no change to an asked fact changed anything shown",
            rules.meta.id
        );
    }
}

/// `Evaluation::update` keeps the facts asked (and their progress) as `Evaluation::new` finds them,
/// though it redoes them only when applicability, a reason or a fact changed.
#[test]
fn update_keeps_the_facts_asked_in_step() {
    let mut rng = synth::Rng::new(17);
    for rules in rule_sets() {
        let facts: Vec<ItemIx> = rules.facts().map(|(ix, _)| ix).collect();
        for _ in 0..30 {
            let mut draft = Draft::new("d".into(), "c".into(), rules, 0.0);
            let mut ev = Evaluation::new(rules, &draft);
            for _ in 0..40 {
                let ix = if rng.below(3) != 0 && !facts.is_empty() {
                    facts[rng.below(facts.len())]
                } else {
                    ItemIx::new(rng.below(rules.items.len()))
                };
                let id = rules.items[ix].id.to_string();
                if rng.below(6) == 0 {
                    draft.answers.remove(&id);
                } else {
                    let a = answer_for(rules, ix, &draft, rng.below(1 << 20) as u32);
                    draft.answers.insert(id.clone(), a);
                }
                ev.update(rules, &draft, &id);
                let fresh = Evaluation::new(rules, &draft);
                assert_eq!(
                    (ev.relevance(), ev.fact_progress, ev.progress),
                    (fresh.relevance(), fresh.fact_progress, fresh.progress),
                    "{}: after {id}, answers {:?}",
                    rules.meta.id,
                    draft.answers
                );
            }
        }
    }
}

/// The typical cases of `tests/asked/` (the figures in `docs/rule-format.md`) stay valid: each file
/// names a shipped rule set and gives only valid answers, one file per shipped rule set; no case is
/// asked a fact that does not apply, and the derivation leaves out facts that apply in some case.
#[test]
fn the_typical_cases_of_rules_asked_are_valid() {
    use case_assessor::authoring::{cases, files};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/asked");
    let found = files::toml_files(&dir).expect("tests/asked/");
    let shipped = files::toml_files(&files::shipped_dir()).expect("rules/");
    assert_eq!(found.len(), shipped.len(), "one file per shipped rule set");
    let mut left_out = 0;
    for f in found {
        let name = f.display().to_string();
        let text = std::fs::read_to_string(&f).expect("readable");
        let cf = cases::parse(&name, &text).unwrap_or_else(|r| panic!("{r}"));
        let rs = files::load(&dir.join(&cf.rules)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!cf.cases.is_empty(), "{name}: no case");
        for case in &cf.cases {
            let mut draft = Draft::new("d".into(), "c".into(), &rs, 0.0);
            for (id, v) in &case.answers {
                let a = cases::to_answer(&rs, id, v).unwrap_or_else(|m| panic!("{name}: {m}"));
                draft.answers.insert(id.clone(), a);
            }
            let ev = Evaluation::new(&rs, &draft);
            let asked = Relevance::new(&rs, &ev).asked_facts();
            let applying = rs.facts().filter(|(ix, _)| ev.items[*ix].applies).count();
            assert!(asked.iter().all(|&f| ev.items[f].applies), "{name}");
            left_out += applying - asked.len();
        }
    }
    assert!(
        left_out > 0,
        "no typical case leaves out a fact that applies"
    );
}
