//! An assessment in progress: a rule set, a draft and its evaluation, kept in step.
//!
//! Takes a loaded [`RuleSet`] and a [`Draft`]; gives methods the UI calls for every change (answer,
//! note, hint decision), each updating the draft and re-evaluating only what depends on it.

use super::draft::{Answer, Decision, Draft, HintDecision};
use super::evaluate::Evaluation;
use super::model::RuleSet;
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
}

impl Assessment {
    /// Evaluates `draft` against `rules`.
    pub fn new(rules: Arc<RuleSet>, draft: Draft) -> Assessment {
        let eval = Evaluation::new(&rules, &draft);
        Assessment { rules, draft, eval }
    }

    /// Sets (or, with `None`, clears) the answer to item `id`. Unknown ids are ignored.
    pub fn set_answer(&mut self, id: &str, answer: Option<Answer>, now: f64) {
        if self.rules.item_ix(id).is_none() {
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
        self.eval.update(&self.rules, &self.draft, id);
    }

    /// Sets the note on question `id` (an empty note is removed).
    pub fn set_note(&mut self, id: &str, note: String, now: f64) {
        if note.trim().is_empty() {
            self.draft.notes.remove(id);
        } else {
            self.draft.notes.insert(id.to_string(), note);
        }
        self.draft.updated = now;
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
}
