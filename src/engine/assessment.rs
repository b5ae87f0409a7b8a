//! An assessment in progress: a rule set, a draft and its evaluation, kept in step.
//!
//! Takes a loaded [`RuleSet`] and a [`Draft`]; gives methods the UI calls for every change (answer,
//! note, hint decision), each updating the draft and re-evaluating only what depends on it.

use super::draft::{Answer, Decision, Draft, HintDecision};
use super::evaluate::{Evaluation, HintState, ItemState, Tally};
use super::model::{AnswerType, ItemIx, Rows, RuleSet};
use std::sync::Arc;

/// A draft being worked on, with its rule set and current evaluation.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// The rule set the draft is assessed against.
    pub rules: Arc<RuleSet>,
    /// The inspector's work.
    pub draft: Draft,
    /// Always the evaluation of `draft` against `rules`.
    pub eval: Evaluation,
    /// The items whose view may have changed with the last change made through this type's methods
    /// (sorted); `None` when any may have (a new assessment, or a change made some other way: the
    /// UI sets `None` before each change it makes). Items outside the list keep their [`ViewKey`].
    pub affected: Option<Vec<ItemIx>>,
}

/// Everything a question's view is built from, cheap to get: when it is unchanged after a change,
/// the view need not be rebuilt.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewKey {
    item: ItemState,
    hints: Vec<HintState>,
    tally: Option<Tally>,
    answer: Option<Answer>,
    decision: Option<HintDecision>,
    /// The forcing rules naming this item that hold.
    forces: Vec<usize>,
    /// Applicability and answer of every item read by what is shown: the blocking condition and the
    /// conditions of the active hints ("Based on:" lines), and the source of grid rows.
    reads: Vec<(bool, Option<Answer>)>,
}

impl Assessment {
    /// Evaluates `draft` against `rules`.
    pub fn new(rules: Arc<RuleSet>, draft: Draft) -> Assessment {
        let eval = Evaluation::new(&rules, &draft);
        Assessment {
            rules,
            draft,
            eval,
            affected: None,
        }
    }

    /// The rule set the draft is assessed against.
    pub fn rules(&self) -> &Arc<RuleSet> {
        &self.rules
    }

    /// The inspector's work.
    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    /// The evaluation of the draft against the rule set.
    pub fn eval(&self) -> &Evaluation {
        &self.eval
    }

    /// The [`ViewKey`] of item `ix`.
    pub fn view_key(&self, ix: ItemIx) -> ViewKey {
        let rules = &self.rules;
        let item = &rules.items[ix];
        let st = &self.eval.items[ix];
        let hints = &self.eval.hints[ix];
        let read = |r: usize| {
            (
                self.eval.items[r].applies,
                self.draft.answers.get(&rules.items[r].id).cloned(),
            )
        };
        let mut reads = Vec::new();
        if let Some(b) = st.blocked_by {
            reads.extend(rules.conds[b.cond()].reads.iter().map(|&r| read(r)));
        }
        for (h, s) in item.hints.iter().zip(hints) {
            if let (true, Some(c)) = (s.active, h.when) {
                reads.extend(rules.conds[c].reads.iter().map(|&r| read(r)));
            }
        }
        if let AnswerType::Grid {
            rows: Rows::From(src),
            ..
        } = &item.answer
        {
            reads.push(read(*src));
        }
        ViewKey {
            item: st.clone(),
            hints: hints.clone(),
            tally: self.eval.tallies[ix],
            answer: self.draft.answers.get(&item.id).cloned(),
            decision: self.draft.hint_decisions.get(&item.id).cloned(),
            forces: self.eval.forced(rules, ix),
            reads,
        }
    }

    /// Sets (or, with `None`, clears) the answer to item `id`. Unknown ids are ignored.
    pub fn set_answer(&mut self, id: &str, answer: Option<Answer>, now: f64) {
        if self.rules.item_ix(id).is_none() {
            self.affected = Some(Vec::new());
            return;
        }
        match answer {
            Some(a) => {
                self.draft.answers.insert(id.to_string(), a);
            }
            None => {
                self.draft.answers.remove(id);
            }
        }
        self.draft.updated = now;
        self.affected = Some(self.eval.update(&self.rules, &self.draft, id));
    }

    /// Sets the note on question `id` (an empty note is removed).
    pub fn set_note(&mut self, id: &str, note: String, now: f64) {
        if note.trim().is_empty() {
            self.draft.notes.remove(id);
        } else {
            self.draft.notes.insert(id.to_string(), note);
        }
        self.draft.updated = now;
        self.affected = Some(self.rules.item_ix(id).into_iter().collect());
    }

    /// Uses a hint's suggestion: answers `id` with it and records the decision.
    pub fn use_hint(&mut self, id: &str, suggested: &str, now: f64) {
        let answer = match self.rules.item(id).map(|i| &i.answer) {
            Some(super::model::AnswerType::Bool) => Answer::Bool(suggested == "yes"),
            _ => Answer::Choice(suggested.to_string()),
        };
        self.draft.hint_decisions.insert(
            id.to_string(),
            HintDecision {
                suggested: suggested.to_string(),
                decision: Decision::Used,
                reason: String::new(),
            },
        );
        self.set_answer(id, Some(answer), now);
        self.also_affected(id);
    }

    /// Adds item `id` to [`Assessment::affected`].
    fn also_affected(&mut self, id: &str) {
        if let (Some(a), Some(ix)) = (&mut self.affected, self.rules.item_ix(id)) {
            if let Err(at) = a.binary_search(&ix) {
                a.insert(at, ix);
            }
        }
    }

    /// Records why the inspector's answer differs from a suggestion.
    pub fn override_hint(&mut self, id: &str, suggested: &str, reason: String, now: f64) {
        self.draft.hint_decisions.insert(
            id.to_string(),
            HintDecision {
                suggested: suggested.to_string(),
                decision: Decision::Overridden,
                reason,
            },
        );
        self.draft.updated = now;
        self.affected = Some(Vec::new());
        self.also_affected(id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Arc<RuleSet> {
        let src = include_str!("../../tests/fixtures/example.toml");
        Arc::new(RuleSet::load("example.toml", src).expect("fixture loads"))
    }

    #[test]
    fn answers_excluded_not_deleted_when_a_fact_changes() {
        let rules = example();
        let draft = Draft::new("d".into(), "case".into(), &rules, 0.0);
        let mut a = Assessment::new(rules.clone(), draft);
        a.set_answer("psr_in_region_12m", Some(Answer::Bool(true)), 1.0);
        a.set_answer("2.1.11", Some(Answer::Choice("yes".into())), 2.0);
        let ix = rules.item_ix("2.1.11").unwrap();
        assert!(a.eval.items[ix].applies && a.eval.items[ix].answered);
        a.set_answer("psr_in_region_12m", Some(Answer::Bool(false)), 3.0);
        assert!(!a.eval.items[ix].applies);
        assert!(a.eval.items[ix].excluded, "answer kept and marked excluded");
        assert_eq!(
            a.draft.answers.get("2.1.11"),
            Some(&Answer::Choice("yes".into()))
        );
        assert_eq!(a.eval, Evaluation::new(&rules, &a.draft));
    }

    #[test]
    fn using_a_hint_answers_and_records() {
        let rules = example();
        let mut a = Assessment::new(
            rules.clone(),
            Draft::new("d".into(), "c".into(), &rules, 0.0),
        );
        a.set_answer(
            "report_circumstances",
            Some(Answer::Multi(vec!["risk".into()])),
            1.0,
        );
        let ix = rules.item_ix("2.0.24").unwrap();
        assert!(a.eval.hints[ix][0].active);
        a.use_hint("2.0.24", "no_should", 2.0);
        assert_eq!(
            a.draft.answers["2.0.24"],
            Answer::Choice("no_should".into())
        );
        assert_eq!(a.draft.hint_decisions["2.0.24"].decision, Decision::Used);
        assert_eq!(a.eval.hints[ix][0].agrees, Some(true));
        assert_eq!(a.eval, Evaluation::new(&rules, &a.draft));
    }

    /// After any change, every item outside `affected` has the view key it had before: a view that
    /// rebuilds only the affected items never shows a stale item. Every shipped rule set, the test
    /// fixture and generated rule sets; answers, cleared answers, hints used and overridden.
    #[test]
    fn only_affected_items_change_their_view() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
        let mut sets: Vec<Arc<RuleSet>> = vec![example()];
        for e in std::fs::read_dir(dir).expect("rules/") {
            let path = e.expect("entry").path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".toml") && name != "index.toml" {
                let text = std::fs::read_to_string(&path).expect("readable");
                sets.push(Arc::new(
                    RuleSet::load(&name, &text).unwrap_or_else(|r| panic!("{r}")),
                ));
            }
        }
        for seed in [3, 7] {
            let text = crate::engine::synth::generate(150, seed);
            sets.push(Arc::new(
                RuleSet::load("synth.toml", &text).unwrap_or_else(|r| panic!("{r}")),
            ));
        }
        let mut rng = crate::engine::synth::Rng::new(11);
        let (mut steps, mut narrowed) = (0, 0);
        for rules in sets {
            let n = rules.items.len();
            let mut a = Assessment::new(
                rules.clone(),
                Draft::new("d".into(), "c".into(), &rules, 0.0),
            );
            let facts: Vec<ItemIx> = rules.facts().map(|(ix, _)| ix).collect();
            for step in 0..400 {
                let before: Vec<ViewKey> = (0..n).map(|ix| a.view_key(ix)).collect();
                // Facts often: they decide the most.
                let ix = if rng.below(3) == 0 && !facts.is_empty() {
                    facts[rng.below(facts.len())]
                } else {
                    rng.below(n)
                };
                let id = rules.items[ix].id.clone();
                let hint = rules.items[ix].hints.iter().find_map(|h| h.suggest.clone());
                match (rng.below(6), hint) {
                    (0, Some(v)) => a.use_hint(&id, &v, step as f64),
                    (1, Some(v)) => a.override_hint(&id, &v, "reason".into(), step as f64),
                    _ => {
                        let ans = crate::engine::synth::random_answer(&rules, ix, &mut rng);
                        a.set_answer(&id, ans, step as f64)
                    }
                }
                let affected = a
                    .affected
                    .clone()
                    .expect("a change made through Assessment names what it affected");
                for (j, old) in before.iter().enumerate() {
                    if affected.binary_search(&j).is_err() {
                        assert_eq!(
                            &a.view_key(j),
                            old,
                            "{}: {} changed after a change to {id} but is not in affected {:?}",
                            rules.meta.id,
                            rules.items[j].id,
                            affected
                                .iter()
                                .map(|&k| rules.items[k].id.as_str())
                                .collect::<Vec<_>>()
                        );
                    }
                }
                steps += 1;
                narrowed += n - affected.len();
            }
        }
        assert!(
            steps > 0 && narrowed > 0,
            "the lists leave items out (else the test proves nothing)"
        );
    }
}
