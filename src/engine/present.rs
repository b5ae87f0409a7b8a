//! What a page shows of a question: the engine's decisions about one item, gathered for display.
//!
//! Takes an [`Assessment`] and an item; gives a [`QuestionState`] (why it does not apply, the hints
//! it shows, the forcing rules that hold and whether the answer agrees with them, its tally, its grid
//! rows, a recorded override) and the list of suggestions the answers do not follow. Pages render
//! these and decide nothing themselves, so every decision here is tested natively.

use super::assessment::Assessment;
use super::draft::{display_answer, row_label, value_label, Answer, Decision, Draft};
pub use super::evaluate::GridRow;
use super::evaluate::{grid_rows, Blocker, Progress, Status, Tally, Weighed};
use super::ixvec::IxVec;
use super::model::{AnswerType, CondIx, Item, ItemId, ItemIx, Kind, RuleSet, SectionIx};

/// Where the inspector finds a quote: the document (its citation, from the rule file), and the
/// section it belongs to when it belongs to one. Source line numbers are for rule authors and never
/// shown.
pub fn cite(rules: &RuleSet, section: Option<SectionIx>) -> String {
    match section.and_then(|s| rules.sections.get(s)) {
        Some(s) => format!("{}, {}", rules.meta.citation, s.title),
        None => rules.meta.citation.clone(),
    }
}

/// The citation of the rules attached to item `ix` (its section's, or the document's for a fact).
pub fn cite_item(rules: &RuleSet, ix: ItemIx) -> String {
    cite(rules, rules.items[ix].section)
}

/// An answer a condition read, in the inspector's words: what was asked and what was recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// The item read (to link to where it is recorded).
    pub ix: ItemIx,
    /// What was asked: a fact's label, or a question's id and text.
    pub label: String,
    /// The answer as shown: "Not applicable" whenever the item does not apply (even when it keeps an
    /// answer), else the answer or "Not answered".
    pub shown: String,
}

/// The answers condition `c` read.
pub fn inputs(a: &Assessment, c: CondIx) -> Vec<Input> {
    let (rules, eval) = (a.rules().as_ref(), a.eval());
    rules.conds[c]
        .reads
        .iter()
        .map(|&ix| {
            let item = &rules.items[ix];
            // An item that does not apply reads as unanswered, whatever answer it keeps: its kept
            // answer is not shown, as it counts for nothing.
            let shown = match eval.answer(ix) {
                _ if !eval.items[ix].applies => "Not applicable".to_string(),
                Some(x) => display_answer(rules, a.draft(), item, x),
                None => "Not answered".to_string(),
            };
            let label = if item.kind == Kind::Fact {
                item.text.clone()
            } else {
                format!("{} {}", item.id, item.text)
            };
            Input { ix, label, shown }
        })
        .collect()
}

/// A question a summary judgement weighs that is not answered positively.
#[derive(Debug, Clone, PartialEq)]
pub struct Weighs {
    /// The question.
    pub ix: ItemIx,
    /// Its id.
    pub id: ItemId,
    /// Its text.
    pub text: String,
    /// How it counts.
    pub weighed: Weighed,
    /// The label of its weight class, when the rule set declares weights.
    pub weight: Option<String>,
}

/// The questions summary `ix` weighs that are negative, not answered, not applicable or neither way,
/// in the rule set's order (the positive ones are counted, not listed).
pub fn weighs_not_positive(a: &Assessment, ix: ItemIx) -> Vec<Weighs> {
    let (rules, eval) = (a.rules().as_ref(), a.eval());
    rules.items[ix]
        .weighs
        .iter()
        .map(|&w| (w, eval.weighed(rules, w)))
        .filter(|(_, k)| *k != Weighed::Positive)
        .map(|(w, weighed)| Weighs {
            ix: w,
            id: rules.items[w].id.clone(),
            text: rules.items[w].text.clone(),
            weighed,
            weight: rules.items[w]
                .weight
                .map(|k| rules.weights[k].label.clone()),
        })
        .collect()
}

/// What a weighed question's weight means, in the seed's words: "Weighs more (dark grey in the
/// printed guidance): “A question directly linked to a prompt ...” (citation)". `None` for a question
/// no summary weighs, or when the rule set declares no weights.
pub fn weight_text(rules: &RuleSet, ix: ItemIx) -> Option<String> {
    let w = &rules.weights[rules.items[ix].weight?];
    Some(format!(
        "{} in the summary judgement: \u{201c}{}\u{201d} ({})",
        w.label, w.quote, rules.meta.citation
    ))
}

/// A summary's tally per weight class, as (class label, counts), heaviest first; empty when the rule
/// set declares no weights.
pub fn tally_by_weight(rules: &RuleSet, t: &Tally) -> Vec<(String, super::evaluate::Counts)> {
    rules
        .weights
        .iter()
        .zip(&t.by_weight)
        .map(|(w, c)| (w.label.clone(), *c))
        .collect()
}

/// A summary's tally in words, per weight class when the rule set declares weights: "Weighs more:
/// 3 positive, 1 negative; Weighs less: 1 positive, 0 negative" (for print and CSV).
pub fn tally_text(rules: &RuleSet, t: &Tally) -> String {
    let by = tally_by_weight(rules, t);
    if by.is_empty() {
        return format!("{} positive, {} negative", t.positive, t.negative);
    }
    by.iter()
        .map(|(label, c)| format!("{label}: {} positive, {} negative", c.positive, c.negative))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why a question does not apply.
#[derive(Debug, Clone, PartialEq)]
pub struct NotApplicable {
    /// "section", "key question" or "question": what the failed condition belongs to.
    pub level: &'static str,
    /// The guidance quoted for the condition.
    pub quote: String,
    /// Where to find the quote in the published document.
    pub cite: String,
    /// The answers the condition read.
    pub inputs: Vec<Input>,
    /// Which answer decides, in words, when the rule file says.
    pub decides: Option<String>,
}

/// A hint as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct HintView {
    /// Which hint of the question it is (in the rule file's order, from 0).
    pub index: usize,
    /// The suggested answer, as (value, label); `None` for a reminder.
    pub suggest: Option<(String, String)>,
    /// The guidance quoted.
    pub quote: String,
    /// Where to find the quote in the published document.
    pub cite: String,
    /// The answers its condition read.
    pub inputs: Vec<Input>,
    /// Which answer decides its condition, in words, when the rule file says.
    pub decides: Option<String>,
    /// Whether the answer follows the suggestion (`None`: not answered, or a reminder).
    pub agrees: Option<bool>,
    /// A reminder with no condition: shown on every case.
    pub always: bool,
}

/// A forcing rule that holds for a summary judgement.
#[derive(Debug, Clone, PartialEq)]
pub struct Forced {
    /// The label of the answer the rule forces.
    pub label: String,
    /// The guidance quoted.
    pub quote: String,
    /// Where to find the quote in the published document.
    pub cite: String,
    /// Whether the answer given agrees (true while unanswered).
    pub agrees: bool,
}

/// Everything about a question that changes with the answers.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionState {
    /// Why it does not apply, when it does not.
    pub na: Option<NotApplicable>,
    /// The answer kept while it does not apply, as shown.
    pub excluded: Option<String>,
    /// The answer.
    pub answer: Option<Answer>,
    /// Its grid rows.
    pub rows: Vec<GridRow>,
    /// The hints it shows.
    pub hints: Vec<HintView>,
    /// Its tally, for a summary judgement.
    pub tally: Option<Tally>,
    /// For a summary judgement, what it weighs that is not positive.
    pub weighs: Vec<Weighs>,
    /// The forcing rules that hold for it.
    pub forced: Vec<Forced>,
    /// The reason recorded for not following a suggestion.
    pub overridden: Option<String>,
}

/// A suggestion the answer does not follow, for check your answers and print.
#[derive(Debug, Clone, PartialEq)]
pub struct NotFollowed {
    /// The question's id (possibly of a question the rule set no longer has).
    pub id: String,
    /// The question, when the rule set has it.
    pub ix: Option<ItemIx>,
    /// The suggested answer's label (its value, for a question the rule set no longer has).
    pub suggested: String,
    /// The reason given (empty when none was).
    pub reason: String,
}

impl NotApplicable {
    /// The reason in one line of plain text (check your answers, print).
    pub fn sentence(&self) -> String {
        let based = if self.inputs.is_empty() {
            String::new()
        } else {
            format!(
                " Based on what you recorded: {}.",
                self.inputs
                    .iter()
                    .map(|i| format!("{}: {}", i.label, i.shown))
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        };
        let decides = self
            .decides
            .as_ref()
            .map(|d| format!(" Which answer decides: {d}"))
            .unwrap_or_default();
        format!(
            "This {} does not apply: \u{201c}{}\u{201d} ({}).{decides}{based}",
            self.level, self.quote, self.cite
        )
    }
}

/// Why section `s` does not apply, when it does not.
pub fn section_na(a: &Assessment, s: SectionIx) -> Option<NotApplicable> {
    let rules = a.rules().as_ref();
    let c = a.eval().sections[s].blocked_by?;
    Some(NotApplicable {
        level: "section",
        quote: rules.conds[c].quote.clone(),
        cite: cite(rules, Some(s)),
        inputs: inputs(a, c),
        decides: rules.conds[c].decides.clone(),
    })
}

/// The state of item `ix` in `a`.
pub fn question_state(a: &Assessment, ix: ItemIx) -> QuestionState {
    let (rules, draft, eval) = (a.rules().as_ref(), a.draft(), a.eval());
    let item = &rules.items[ix];
    let st = &eval.items[ix];
    let answer = eval.answer(ix).cloned();
    let label = |v: &str| value_label(rules, item, v);
    let na = st.blocked_by.map(|b| {
        let c = &rules.conds[b.cond()];
        NotApplicable {
            level: match b {
                Blocker::Section(..) => "section",
                Blocker::Group(..) => "key question",
                Blocker::Own(_) => "question",
            },
            quote: c.quote.clone(),
            cite: cite(
                rules,
                match b {
                    Blocker::Section(s, _) => Some(s),
                    Blocker::Group(g, _) => Some(rules.groups[g].section),
                    Blocker::Own(_) => item.section,
                },
            ),
            inputs: inputs(a, b.cond()),
            decides: rules.conds[b.cond()].decides.clone(),
        }
    });
    let hints = item
        .hints
        .iter()
        .zip(&eval.hints[ix])
        .enumerate()
        .filter(|(_, (_, s))| s.active)
        .map(|(index, (h, s))| HintView {
            index,
            suggest: h.suggest.as_ref().map(|v| (v.clone(), label(v))),
            quote: h.quote.clone(),
            cite: cite(rules, item.section),
            inputs: h.when.map(|c| inputs(a, c)).unwrap_or_default(),
            decides: h.when.and_then(|c| rules.conds[c].decides.clone()),
            agrees: s.agrees,
            always: h.suggest.is_none() && h.when.is_none(),
        })
        .collect();
    let current = answer.as_ref().and_then(Answer::value);
    let forced = eval
        .forced(rules, ix)
        .into_iter()
        .map(|f| {
            let f = &rules.forces[f];
            Forced {
                label: label(&f.answer),
                quote: f.quote.clone(),
                cite: cite(rules, item.section),
                agrees: current.is_none_or(|c| c == f.answer),
            }
        })
        .collect();
    let overridden = draft
        .hint_decisions
        .get(item.id.as_str())
        .filter(|d| d.decision == Decision::Overridden)
        .map(|d| d.reason.clone());
    QuestionState {
        excluded: if st.excluded {
            answer
                .as_ref()
                .map(|x| display_answer(rules, draft, item, x))
        } else {
            None
        },
        na,
        rows: grid_rows(rules, draft, eval, ix),
        hints,
        tally: eval.tallies[ix].clone(),
        weighs: if eval.tallies[ix].is_some() {
            weighs_not_positive(a, ix)
        } else {
            Vec::new()
        },
        forced,
        overridden,
        answer,
    }
}

/// Every active suggestion the answer differs from (whether or not a reason was typed), in rule-set
/// order, then recorded overrides whose suggestion no longer shows while the answer still differs.
pub fn not_followed(a: &Assessment) -> Vec<NotFollowed> {
    let (rules, draft, eval) = (a.rules().as_ref(), a.draft(), a.eval());
    let reason_for = |id: &str| {
        draft
            .hint_decisions
            .get(id)
            .filter(|d| d.decision == Decision::Overridden)
            .map(|d| d.reason.clone())
            .unwrap_or_default()
    };
    let mut out: Vec<NotFollowed> = Vec::new();
    for (ix, item) in rules.items.iter_enumerated() {
        let differs = item
            .hints
            .iter()
            .zip(&eval.hints[ix])
            .find(|(_, st)| st.agrees == Some(false))
            .and_then(|(h, _)| h.suggest.as_deref());
        if let Some(v) = differs {
            out.push(NotFollowed {
                id: item.id.to_string(),
                ix: Some(ix),
                suggested: value_label(rules, item, v),
                reason: reason_for(&item.id),
            });
        }
    }
    for (id, d) in &draft.hint_decisions {
        let answer = draft.answers.get(id).and_then(Answer::value);
        if d.decision == Decision::Overridden
            && !out.iter().any(|n| &n.id == id)
            && answer != Some(d.suggested.as_str())
        {
            let ix = rules.item_ix(id);
            out.push(NotFollowed {
                id: id.clone(),
                ix,
                suggested: ix.map_or_else(
                    || retired_value(rules, None, &d.suggested),
                    |ix| value_label(rules, &rules.items[ix], &d.suggested),
                ),
                reason: d.reason.clone(),
            });
        }
    }
    out
}

/// What the task list shows of an assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskList {
    /// The inspector's case reference.
    pub case_ref: String,
    /// The status of the case facts.
    pub facts: Status,
    /// The status of each section.
    pub sections: IxVec<SectionIx, Status>,
    /// Applicable questions answered, of those to answer.
    pub questions: Progress,
    /// Case facts recorded, of those to record.
    pub facts_recorded: Progress,
}

/// The task list of assessment `a`.
pub fn task_list(a: &Assessment) -> TaskList {
    let eval = a.eval();
    TaskList {
        case_ref: a.draft().case_ref.clone(),
        facts: eval.fact_status(),
        sections: a
            .rules()
            .sections
            .indices()
            .map(|s| eval.status(s))
            .collect(),
        questions: eval.question_progress(),
        facts_recorded: eval.fact_progress,
    }
}

/// The choices item `item`'s control offers, in order, as (value, label): its scale's options, or
/// "Yes" and "No" for a yes/no item (labels from [`value_label`]); none for a number, date or text.
pub fn answer_options(rules: &RuleSet, item: &Item) -> Vec<(String, String)> {
    let values: Vec<&str> = match (&item.answer, rules.scale_of(item)) {
        (AnswerType::Bool, _) => vec!["yes", "no"],
        (_, Some(s)) => s.options.iter().map(|o| o.value.as_str()).collect(),
        (_, None) => vec![],
    };
    values
        .into_iter()
        .map(|v| (v.to_string(), value_label(rules, item, v)))
        .collect()
}

/// An answer this version of the rule set cannot take (a question or fact it no longer has, or a
/// value it no longer offers), as shown to the inspector: on check your answers, in print, in the
/// CSV export and in the summary across assessments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetiredAnswer {
    /// The id the draft stores it under (to find its note); never shown.
    pub id: String,
    /// What it answered, in the inspector's words: the printed question id, or a fact's label while
    /// this version still has the fact; else the stored id with its separators made spaces.
    pub question: String,
    /// The answer in plain words (a value's label where any scale of this version still has it),
    /// marked as recorded with an earlier version.
    pub answer: String,
}

/// Marks a retired answer's words.
pub const EARLIER_VERSION: &str = "(recorded with an earlier version of the rule set)";

/// A stored id or value in words: `no_should` as "No should", `retired-question` as "Retired
/// question". For what no scale or item of this version names any more.
fn in_words(s: &str) -> String {
    let spaced = s.replace(['_', '-'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

/// The label of value `v`: from `item`'s scale if it has it, else from the one label every scale of
/// this version that offers `v` agrees on, else `v` in words.
fn retired_value(rules: &RuleSet, item: Option<&Item>, v: &str) -> String {
    if let Some(o) = item
        .and_then(|i| rules.scale_of(i))
        .and_then(|s| s.option(v))
    {
        return o.label.clone();
    }
    let mut labels: Vec<&str> = rules
        .scales
        .iter()
        .filter_map(|s| s.option(v))
        .map(|o| o.label.as_str())
        .collect();
    labels.sort_unstable();
    labels.dedup();
    match labels.as_slice() {
        [one] => (*one).to_string(),
        _ => in_words(v),
    }
}

/// Renders answer `a`, stored under `id`, that this version of the rule set cannot take. The one
/// place a retired answer is put into words.
pub fn retired_answer(rules: &RuleSet, draft: &Draft, id: &str, a: &Answer) -> RetiredAnswer {
    let item = rules.item(id);
    let question = match item {
        Some(i) if i.kind == Kind::Fact => i.text.clone(),
        Some(i) => i.id.to_string(),
        // A printed question id ("2.1.03", "PP 7a") reads as it is; an old fact id does not.
        None if id.contains(['_', '-']) => in_words(id),
        None => id.to_string(),
    };
    let value = |v: &str| retired_value(rules, item, v);
    let words = match a {
        Answer::Bool(b) => (if *b { "Yes" } else { "No" }).to_string(),
        Answer::Choice(v) => value(v),
        Answer::Multi(vs) if vs.is_empty() => "None".to_string(),
        Answer::Multi(vs) => vs.iter().map(|v| value(v)).collect::<Vec<_>>().join("; "),
        Answer::Named { chosen, .. } if chosen.is_empty() => "None".to_string(),
        // The inspector's own names, or the option's label where none was given.
        Answer::Named { chosen, names } => chosen
            .iter()
            .map(|v| names.get(v).cloned().unwrap_or_else(|| value(v)))
            .collect::<Vec<_>>()
            .join("; "),
        Answer::Grid(map) => map
            .iter()
            .map(|(r, v)| {
                let row = item.map_or_else(|| in_words(r), |i| row_label(rules, draft, i, r));
                format!("{row}: {}", value(v))
            })
            .collect::<Vec<_>>()
            .join("; "),
        Answer::Number(n) => format!("{n}"),
        Answer::Date(t) | Answer::Text(t) => t.clone(),
    };
    RetiredAnswer {
        id: id.to_string(),
        question,
        answer: format!("{words} {EARLIER_VERSION}"),
    }
}

/// Every retired answer of `draft` ([`Draft::retired`]), rendered by [`retired_answer`].
pub fn retired_answers(rules: &RuleSet, draft: &Draft) -> Vec<RetiredAnswer> {
    draft
        .retired(rules)
        .into_iter()
        .map(|(id, a)| retired_answer(rules, draft, id, a))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Draft, RuleSet};
    use std::collections::BTreeMap;
    use std::sync::Arc;

    fn example() -> Assessment {
        let src = include_str!("../../tests/fixtures/example.toml");
        let rules = Arc::new(RuleSet::load("example.toml", src).expect("fixture loads"));
        let d = Draft::new("d".into(), "c".into(), &rules, 0.0);
        Assessment::new(rules, d)
    }

    fn ix(a: &Assessment, id: &str) -> ItemIx {
        a.rules().item_ix(id).expect(id)
    }

    #[test]
    fn a_question_ruled_out_by_its_section_says_why_and_keeps_its_answer() {
        let mut a = example();
        a.set_answer("psr_in_region_12m", Some(Answer::Bool(true)), 1.0);
        a.set_answer("2.1.11", Some(Answer::Choice("yes".into())), 2.0);
        assert_eq!(question_state(&a, ix(&a, "2.1.11")).na, None);
        a.set_answer("psr_in_region_12m", Some(Answer::Bool(false)), 3.0);
        let st = question_state(&a, ix(&a, "2.1.11"));
        let na = st.na.expect("not applicable");
        assert_eq!(na.level, "section");
        assert!(!na.quote.is_empty());
        let ins: Vec<(&str, &str)> = na
            .inputs
            .iter()
            .map(|i| (i.label.as_str(), i.shown.as_str()))
            .collect();
        let fact = &a.rules().items[ix(&a, "psr_in_region_12m")];
        assert_eq!(
            ins,
            vec![(fact.text.as_str(), "No")],
            "the fact in the inspector's words"
        );
        assert_eq!(st.excluded.as_deref(), Some("Yes"));
    }

    /// A condition that reads an item which does not apply shows it as not applicable, whether or not
    /// it keeps an answer: a kept answer counts for nothing, and neither a kept answer nor "Not
    /// answered" is shown as if it decided something.
    #[test]
    fn an_input_that_does_not_apply_shows_as_not_applicable_whatever_it_keeps() {
        // The relevance fixture's "The detail" applies only where "Is the detail known?" is Yes; a
        // section added here reads both.
        let src = format!(
            "{}\n{}",
            include_str!("../../tests/fixtures/relevance.toml"),
            "[[section]]\nid = \"both\"\ntitle = \"Both\"\n[[section.applies]]\n\
             when = \"known and detail\"\nquote = \"placeholder\"\nline = 1\n"
        );
        let rules =
            Arc::new(RuleSet::load("relevance.toml", &src).unwrap_or_else(|r| panic!("{r}")));
        let d = Draft::new("d".into(), "c".into(), &rules, 0.0);
        let mut a = Assessment::new(rules, d);
        let both = a.rules().section_ix("both").expect("section");
        let shown = |a: &Assessment| -> Vec<(String, String)> {
            section_na(a, both)
                .map(|na| na.inputs.into_iter().map(|i| (i.label, i.shown)).collect())
                .unwrap_or_default()
        };
        let inputs = |known: &str, detail: &str| {
            vec![
                ("Is the detail known?".to_string(), known.to_string()),
                ("The detail".to_string(), detail.to_string()),
            ]
        };
        a.set_answer("known", Some(Answer::Bool(true)), 1.0);
        a.set_answer("detail", Some(Answer::Bool(false)), 2.0);
        assert_eq!(shown(&a), inputs("Yes", "No"));
        a.set_answer("known", Some(Answer::Bool(false)), 3.0);
        assert_eq!(
            shown(&a),
            inputs("No", "Not applicable"),
            "the kept answer No is not shown"
        );
        a.set_answer("detail", None, 4.0);
        assert_eq!(
            shown(&a),
            inputs("No", "Not applicable"),
            "nor \u{201c}Not answered\u{201d}"
        );
        a.set_answer("detail", Some(Answer::Bool(true)), 5.0);
        assert_eq!(shown(&a), inputs("No", "Not applicable"));
        a.set_answer("known", Some(Answer::Bool(true)), 6.0);
        assert_eq!(
            shown(&a),
            vec![],
            "the kept Yes counts again once it applies"
        );
        a.set_answer("detail", None, 7.0);
        a.set_answer("known", None, 8.0);
        // Unanswered and applying: the section may still apply.
        assert!(a.eval().sections[both].applies);
    }

    #[test]
    fn a_suggestion_shows_with_its_label_and_whether_the_answer_follows_it() {
        let mut a = example();
        a.set_answer(
            "report_circumstances",
            Some(Answer::Multi(vec!["risk".into()])),
            1.0,
        );
        let q = ix(&a, "2.0.24");
        let hint = question_state(&a, q)
            .hints
            .into_iter()
            .next()
            .expect("hint");
        assert_eq!(
            hint.suggest.as_ref().map(|s| s.0.as_str()),
            Some("no_should")
        );
        assert_eq!(hint.agrees, None);
        a.set_answer("2.0.24", Some(Answer::Choice("yes".into())), 2.0);
        assert_eq!(question_state(&a, q).hints[0].agrees, Some(false));
        // Not followed: listed with an empty reason until one is given.
        let nf = not_followed(&a);
        assert_eq!(nf.len(), 1);
        assert_eq!((nf[0].id.as_str(), nf[0].reason.as_str()), ("2.0.24", ""));
        assert_eq!(nf[0].suggested, hint.suggest.unwrap().1);
        a.override_hint("2.0.24", "no_should", "Seen in court".into(), 3.0);
        assert_eq!(
            question_state(&a, q).overridden.as_deref(),
            Some("Seen in court")
        );
        assert_eq!(not_followed(&a)[0].reason, "Seen in court");
        // Following it again empties the list.
        a.set_answer("2.0.24", Some(Answer::Choice("no_should".into())), 4.0);
        assert!(not_followed(&a).is_empty());
    }

    #[test]
    fn an_override_whose_suggestion_no_longer_shows_is_listed_while_the_answer_differs() {
        let mut a = example();
        a.set_answer(
            "report_circumstances",
            Some(Answer::Multi(vec!["risk".into()])),
            1.0,
        );
        a.set_answer("2.0.24", Some(Answer::Choice("yes".into())), 2.0);
        a.override_hint("2.0.24", "no_should", "reason".into(), 3.0);
        a.set_answer("report_circumstances", Some(Answer::Multi(vec![])), 4.0);
        let nf = not_followed(&a);
        assert_eq!(nf.len(), 1, "{nf:?}");
        assert_eq!(nf[0].reason, "reason");
    }

    #[test]
    fn a_forcing_rule_says_whether_the_answer_agrees() {
        let mut a = example();
        a.set_answer("2.0.24", Some(Answer::Choice("no_should".into())), 1.0);
        a.set_answer("custody_months", Some(Answer::Number(0.0)), 1.0);
        let grid: BTreeMap<String, String> = [("public".to_string(), "no".to_string())].into();
        a.set_answer("EX.1", Some(Answer::Grid(grid)), 2.0);
        let s = ix(&a, "2.1.19");
        let f = question_state(&a, s).forced;
        assert_eq!(f.len(), 1);
        assert!(f[0].agrees, "agrees while unanswered");
        assert_eq!(f[0].label, "No");
        a.set_answer("2.1.19", Some(Answer::Choice("yes".into())), 3.0);
        assert!(!question_state(&a, s).forced[0].agrees);
        a.set_answer("2.1.19", Some(Answer::Choice("no".into())), 4.0);
        assert!(question_state(&a, s).forced[0].agrees);
    }

    #[test]
    fn a_summary_lists_what_it_weighs_that_is_not_positive() {
        let mut a = example();
        a.set_answer("psr_in_region_12m", Some(Answer::Bool(true)), 1.0);
        a.set_answer("2.1.11", Some(Answer::Choice("no".into())), 2.0);
        a.set_answer("2.1.12", Some(Answer::Choice("yes".into())), 2.0);
        let s = ix(&a, "2.1.19");
        let listed: Vec<(String, Weighed)> = weighs_not_positive(&a, s)
            .into_iter()
            .map(|w| (w.id.to_string(), w.weighed))
            .collect();
        assert!(
            listed.contains(&("2.1.11".into(), Weighed::Negative)),
            "{listed:?}"
        );
        assert!(
            !listed.iter().any(|(id, _)| id == "2.1.12"),
            "positive ones are counted only"
        );
        let t = a.eval().tallies[s].clone().expect("tally");
        assert_eq!(
            listed.len() as u32,
            t.negative + t.unanswered + t.not_applicable + t.other
        );
    }

    /// carag-2019 (Key, lines 18-29): a summary's tally is given per weight class, heaviest first,
    /// and a weighed question says in words how much it weighs (the Key's meaning, not its colour).
    #[test]
    fn a_tally_is_given_by_weight_and_each_weighed_question_says_what_it_weighs() {
        let src = include_str!("../../rules/carag-2019-domain-two.toml");
        let rules = Arc::new(RuleSet::load("carag-2019.toml", src).expect("loads"));
        let d = Draft::new("d".into(), "c".into(), &rules, 0.0);
        let mut a = Assessment::new(rules.clone(), d);
        a.set_answer("A 1.1", Some(Answer::Choice("yes".into())), 1.0);
        a.set_answer("A 1.5", Some(Answer::Choice("no".into())), 1.0);
        let s = ix(&a, "A 1 S");
        let t = a.eval().tallies[s].clone().expect("tally");
        let by = tally_by_weight(&rules, &t);
        assert_eq!(by.len(), 2);
        assert!(by[0].0.starts_with("Weighs more"), "{by:?}");
        assert_eq!((by[0].1.positive, by[0].1.negative), (1, 0));
        assert!(by[1].0.starts_with("Weighs less"), "{by:?}");
        assert_eq!((by[1].1.positive, by[1].1.negative), (0, 1));
        assert_eq!(
            tally_text(&rules, &t),
            "Weighs more (dark grey in the printed guidance): 1 positive, 0 negative; \
             Weighs less (light grey in the printed guidance): 0 positive, 1 negative"
        );
        let more = weight_text(&rules, ix(&a, "A 1.1")).expect("weighed");
        assert!(
            more.contains("directly influence the summary judgement"),
            "{more}"
        );
        let less = weight_text(&rules, ix(&a, "A 1.5")).expect("weighed");
        assert!(less.contains("less strongly linked"), "{less}");
        assert_eq!(weight_text(&rules, s), None, "a summary has no weight");
        let listed = weighs_not_positive(&a, s);
        let a15 = listed
            .iter()
            .find(|w| w.id == "A 1.5")
            .expect("A 1.5 listed");
        assert_eq!(
            a15.weight.as_deref(),
            Some(
                rules.weights[rules.items[a15.ix].weight.expect("w")]
                    .label
                    .as_str()
            )
        );
    }

    /// Without weights (the fixture declares none), the tally has no per-weight counts and reads as
    /// one line.
    #[test]
    fn without_weights_a_tally_is_one_count() {
        let mut a = example();
        a.set_answer("psr_in_region_12m", Some(Answer::Bool(true)), 1.0);
        a.set_answer("2.1.11", Some(Answer::Choice("no".into())), 2.0);
        let t = a.eval().tallies[ix(&a, "2.1.19")].clone().expect("tally");
        assert!(t.by_weight.is_empty());
        assert_eq!(tally_text(a.rules(), &t), "0 positive, 1 negative");
        assert_eq!(weight_text(a.rules(), ix(&a, "2.1.11")), None);
    }

    /// iaow-2013 (lines 198, 230, 530): the page says which level decides a question's Not
    /// applicable reason: the level recorded in OASys (B.4.1.1) unless judged wrong at B.4.1.2; a Low
    /// record judged wrong keeps D.4.2.15 applicable.
    #[test]
    fn a_not_applicable_reason_says_which_level_decides() {
        let src = include_str!("../../rules/iaow-2013-case-assessment.toml");
        let rules = Arc::new(RuleSet::load("iaow.toml", src).expect("loads"));
        let d = Draft::new("d".into(), "c".into(), &rules, 0.0);
        let mut a = Assessment::new(rules.clone(), d);
        a.set_answer("B.4.1.1", Some(Answer::Choice("low".into())), 1.0);
        a.set_answer("B.4.1.2", Some(Answer::Choice("yes".into())), 1.0);
        let q = ix(&a, "D.4.2.15");
        let na = question_state(&a, q).na.expect("not applicable");
        let decides = na.decides.clone().expect("says which level decides");
        assert!(decides.contains("recorded in OASys (B.4.1.1)"), "{decides}");
        assert!(decides.contains("B.4.1.2"), "{decides}");
        assert!(
            na.sentence().contains("Which answer decides: the level"),
            "{}",
            na.sentence()
        );
        a.set_answer("B.4.1.2", Some(Answer::Choice("no".into())), 2.0);
        assert!(
            question_state(&a, q).na.is_none(),
            "a Low record judged wrong: applies"
        );
    }

    /// carag-2019: a hint keyed on a level says whose level it reads (A 3.11 or A 3.12).
    #[test]
    fn a_hint_says_whose_level_it_reads() {
        let src = include_str!("../../rules/carag-2019-domain-two.toml");
        let rules = Arc::new(RuleSet::load("c2019.toml", src).expect("loads"));
        let d = Draft::new("d".into(), "c".into(), &rules, 0.0);
        let mut a = Assessment::new(rules.clone(), d);
        a.set_answer("A 3.11", Some(Answer::Choice("high".into())), 1.0);
        a.set_answer("A 3.12", Some(Answer::Choice("medium".into())), 1.0);
        let shown: Vec<String> = rules
            .items
            .indices()
            .flat_map(|q| question_state(&a, q).hints)
            .filter_map(|h| h.decides)
            .collect();
        assert!(shown.iter().any(|d| d.contains("responsible officer's level of risk of serious harm (A 3.11)")), "{shown:?}");
        assert!(
            shown
                .iter()
                .any(|d| d.contains("your own view of the level of risk of serious harm (A 3.12)")),
            "{shown:?}"
        );
    }

    #[test]
    fn grid_rows_say_which_apply() {
        let mut a = example();
        a.set_answer("custody_months", Some(Answer::Number(0.0)), 1.0);
        let rows = question_state(&a, ix(&a, "EX.1")).rows;
        assert_eq!(rows.len(), 2);
        assert!(rows[0].applies);
        assert_eq!(rows[1].id, "prisoners");
        assert!(!rows[1].applies);
    }

    #[test]
    fn retired_answers_are_shown_in_words_and_marked_as_earlier() {
        let a = example();
        let rules = a.rules();
        let shown = |id: &str, x: Answer| retired_answer(rules, a.draft(), id, &x);
        // A question this version no longer has: its printed id; a value some scale still labels.
        let r = shown("9.9.99", Answer::Choice("no_should".into()));
        assert_eq!(r.question, "9.9.99");
        assert_eq!(
            r.answer,
            format!("No, and should have been {EARLIER_VERSION}")
        );
        // A value no scale has any more, an old fact id: in words, never as stored.
        let r = shown("old_fact_id", Answer::Choice("not_sure".into()));
        assert_eq!(r.question, "Old fact id");
        assert_eq!(r.answer, format!("Not sure {EARLIER_VERSION}"));
        // A fact this version still has, with a value it no longer offers: the fact's label.
        let r = shown(
            "report_circumstances",
            Answer::Multi(vec!["risk".into(), "gone_value".into()]),
        );
        assert_eq!(r.question, rules.item("report_circumstances").unwrap().text);
        assert_eq!(
            r.answer,
            format!("There are significant risks to other people; Gone value {EARLIER_VERSION}")
        );
        let r = shown("9.9.98", Answer::Bool(false));
        assert_eq!(r.answer, format!("No {EARLIER_VERSION}"));
        let r = shown("9.9.97", Answer::Text("As typed, {not} JSON".into()));
        assert_eq!(
            r.answer,
            format!("As typed, {{not}} JSON {EARLIER_VERSION}")
        );
        let grid: BTreeMap<String, String> = [("old_row".to_string(), "yes".to_string())].into();
        assert_eq!(
            shown("9.9.96", Answer::Grid(grid)).answer,
            format!("Old row: Yes {EARLIER_VERSION}")
        );
        // Nothing shown is JSON or an identifier with separators.
        for r in [
            shown("x_y", Answer::Multi(vec![])),
            shown("9.9.95", Answer::Number(12.5)),
        ] {
            assert!(
                !r.answer.contains('{') && !r.question.contains('_'),
                "{r:?}"
            );
        }
    }

    #[test]
    fn a_drafts_retired_answers_are_those_this_version_cannot_take() {
        let mut d = example().draft().clone();
        d.answers
            .insert("9.9.99".into(), Answer::Text("kept".into()));
        d.answers
            .insert("2.1.11".into(), Answer::Choice("yes".into()));
        let a = Assessment::new(example().rules().clone(), d);
        let r = retired_answers(a.rules(), a.draft());
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].id, "9.9.99");
        assert_eq!(r[0].answer, format!("kept {EARLIER_VERSION}"));
    }

    #[test]
    fn answer_options_are_the_scale_or_yes_and_no_with_their_labels() {
        let a = example();
        let rules = a.rules();
        let opts = |id: &str| answer_options(rules, rules.item(id).unwrap());
        let pair = |v: &str, l: &str| (v.to_string(), l.to_string());
        assert_eq!(
            opts("psr_in_region_12m"),
            [pair("yes", "Yes"), pair("no", "No")]
        );
        assert_eq!(
            opts("2.0.24"),
            [
                pair("yes", "Yes"),
                pair("no", "No"),
                pair("no_should", "No, and should have been")
            ]
        );
        assert_eq!(
            opts("report_circumstances")[1],
            pair("complex", "The individual's circumstances are complex")
        );
        assert!(opts("custody_months").is_empty());
    }

    #[test]
    fn the_task_list_counts_questions_and_facts_apart() {
        let mut a = example();
        let before = task_list(&a);
        assert_eq!(before.case_ref, "c");
        assert_eq!(before.facts, Status::NotStarted);
        assert_eq!(before.sections.len(), a.rules().sections.len());
        assert_eq!(before.questions.answered, 0);
        assert_eq!(before.facts_recorded.answered, 0);
        a.set_answer("psr_in_region_12m", Some(Answer::Bool(true)), 1.0);
        a.set_answer("2.1.11", Some(Answer::Choice("yes".into())), 2.0);
        let after = task_list(&a);
        assert_eq!(after.facts_recorded.answered, 1);
        assert_eq!(after.questions.answered, 1);
        assert_eq!(after.facts, Status::InProgress);
        let court = a.rules().section_ix("court").expect("court");
        assert_eq!(after.sections[court], a.eval().status(court));
        assert_eq!(after.sections[court], Status::InProgress);
    }
}
