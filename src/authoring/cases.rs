//! Case files: facts and answers in, the expected evaluation out (`rules test`).
//!
//! Takes a case file (format in `docs/rule-format.md`) and its rule set; gives one line per mismatch,
//! naming the case and the question id. Every case is also evaluated incrementally, answer by answer,
//! and must agree with the full evaluation.

use crate::engine::diag::{Diagnostic, Report};
use crate::engine::draft::{Answer, Draft};
use crate::engine::evaluate::{Evaluation, Tally};
use crate::engine::model::{AnswerType, Idx, RuleSet};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A case file: checks a rule set with cases, facts and answers in, the expected evaluation out
/// (`rules test`). See docs/rule-format.md.
#[derive(Debug, Deserialize)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(schemars::JsonSchema),
    schemars(rename = "CaseFile")
)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    /// Path of the rule file, relative to the case file.
    pub rules: String,
    /// The cases.
    #[serde(default, rename = "case")]
    pub cases: Vec<Case>,
}

/// One case.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// What it checks.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    pub name: Spanned<String>,
    /// The seed line it checks.
    pub line: u32,
    /// Answers by fact or question id. By type: `bool` true/false; `choice` "value"; `multi`
    /// ["a", "b"]; `number` 12; `date` "2024-01-31"; `text` "..."; `grid` { row_id = "value" }.
    #[serde(default)]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "BTreeMap<String, serde_json::Value>")
    )]
    pub answers: BTreeMap<String, toml::Value>,
    /// Ids (section, group or item) that must not apply.
    #[serde(default)]
    pub not_applicable: Vec<String>,
    /// Ids that must apply.
    #[serde(default)]
    pub applicable: Vec<String>,
    /// "id=value" suggestions, "id" reminders, or "id#k", the k-th hint of the question in the rule
    /// file's order, that must show.
    #[serde(default)]
    pub hints: Vec<String>,
    /// "id" (no hint at all), "id=value" (that suggestion) or "id#k" (the k-th hint of the question)
    /// that must not show.
    #[serde(default)]
    pub no_hints: Vec<String>,
    /// "id=value" forcing rules that must hold.
    #[serde(default)]
    pub forced: Vec<String>,
    /// Summaries no forcing rule may hold for.
    #[serde(default)]
    pub not_forced: Vec<String>,
    /// Expected tally counts per summary (only the counts given).
    #[serde(default)]
    pub tally: BTreeMap<String, BTreeMap<String, u32>>,
    /// Answers the rule set must refuse, by id (written like `answers`): an option a grid row does
    /// not offer, a value not in the scale.
    #[serde(default)]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "BTreeMap<String, serde_json::Value>")
    )]
    pub refused: BTreeMap<String, toml::Value>,
}

/// Parses a case file.
pub fn parse(file: &str, src: &str) -> Result<CaseFile, Report> {
    toml::from_str(src).map_err(|e| Report::new(file, src, vec![Diagnostic::from_toml(&e, src, 0)]))
}

/// Converts a TOML value into an answer for the item `id`.
pub fn to_answer(rules: &RuleSet, id: &str, v: &toml::Value) -> Result<Answer, String> {
    let item = rules.item(id).ok_or_else(|| format!("unknown id `{id}`"))?;
    let s = |v: &toml::Value| v.as_str().map(str::to_string);
    let a = match (&item.answer, v) {
        (AnswerType::Bool, toml::Value::Boolean(b)) => Some(Answer::Bool(*b)),
        // A choice with an `other` option: a value not in the scale is the answer typed there.
        (AnswerType::Choice { other, .. }, _) => s(v).map(|x| {
            let typed =
                other.is_some() && rules.scale_of(item).is_some_and(|s| s.option(&x).is_none());
            if typed {
                Answer::Text(x)
            } else {
                Answer::Choice(x)
            }
        }),
        (AnswerType::Date, _) => s(v).map(Answer::Date),
        (AnswerType::Text, _) => s(v).map(Answer::Text),
        (AnswerType::Number { .. }, toml::Value::Integer(i)) => Some(Answer::Number(*i as f64)),
        (AnswerType::Number { .. }, toml::Value::Float(f)) => Some(Answer::Number(*f)),
        (AnswerType::Multi { .. }, toml::Value::Array(a)) => a
            .iter()
            .map(s)
            .collect::<Option<Vec<_>>>()
            .map(Answer::Multi),
        // A named multiple choice: `{ factor_1 = "Accommodation", ... }`, each value chosen and named.
        (AnswerType::Multi { named: true, .. }, toml::Value::Table(t)) => t
            .iter()
            .map(|(k, v)| s(v).map(|v| (k.clone(), v)))
            .collect::<Option<BTreeMap<_, _>>>()
            .map(|names| Answer::Named {
                chosen: names.keys().cloned().collect(),
                names,
            }),
        (AnswerType::Grid { .. }, toml::Value::Table(t)) => t
            .iter()
            .map(|(k, v)| s(v).map(|v| (k.clone(), v)))
            .collect::<Option<BTreeMap<_, _>>>()
            .map(Answer::Grid),
        _ => None,
    };
    let a = a.ok_or_else(|| {
        format!("`{id}`: {v:?} is not the right kind of answer for this question")
    })?;
    crate::engine::draft::check_answer(rules, item, &a).map_err(|m| format!("`{id}`: {m}"))?;
    Ok(a)
}

fn split(spec: &str) -> (&str, Option<&str>) {
    match spec.split_once('=') {
        Some((id, v)) => (id.trim(), Some(v.trim())),
        None => (spec.trim(), None),
    }
}

/// Runs every case; gives the mismatches, each prefixed by the case name.
pub fn run(rules: &RuleSet, file: &CaseFile) -> Vec<String> {
    let mut out = Vec::new();
    for case in &file.cases {
        let name = case.name.get_ref();
        let mut fail =
            |m: String| out.push(format!("case \"{name}\" (seed line {}): {m}", case.line));
        let mut draft = Draft::new("case".into(), name.clone(), rules, 0.0);
        let mut incremental = Evaluation::new(rules, &draft);
        for (id, v) in &case.answers {
            match to_answer(rules, id, v) {
                Ok(a) => {
                    draft.answers.insert(id.clone(), a);
                    incremental.update(rules, &draft, id);
                }
                Err(m) => fail(m),
            }
        }
        let ev = Evaluation::new(rules, &draft);
        if ev != incremental {
            fail("the incremental evaluation differs from the full evaluation".into());
        }
        let applies = |id: &str| -> Option<bool> {
            if let Some(ix) = rules.item_ix(id) {
                Some(ev.items[ix].applies)
            } else if let Some(s) = rules.section_ix(id) {
                Some(ev.sections[s].applies)
            } else {
                rules.group_ix(id).map(|g| ev.groups[g].applies)
            }
        };
        for (list, want) in [(&case.not_applicable, false), (&case.applicable, true)] {
            for id in list {
                match applies(id) {
                    None => fail(format!("`{id}`: unknown section, group or question id")),
                    Some(got) if got != want => fail(format!(
                        "`{id}`: expected {}, but it {}",
                        if want { "applicable" } else { "not applicable" },
                        if got { "applies" } else { "does not apply" }
                    )),
                    _ => {}
                }
            }
        }
        // "id#k": whether the k-th hint of `id` (1-based, in the rule file's order) shows.
        let nth = |spec: &str| -> Option<Result<bool, String>> {
            let (id, k) = spec.rsplit_once('#')?;
            let id = id.trim();
            let Some(ix) = rules.item_ix(id) else {
                return Some(Err(format!("`{id}`: unknown question id")));
            };
            let n = rules.items[ix].hints.len();
            Some(match k.trim().parse::<usize>() {
                Ok(k) if (1..=n).contains(&k) => Ok(ev.hints[ix][k - 1].active),
                _ => Err(format!(
                    "`{spec}`: expected \"id#k\" with k from 1 to {n} (the hints of {id} in file order)"
                )),
            })
        };
        let shown = |id: &str, value: Option<&str>| -> Result<bool, String> {
            let ix = rules
                .item_ix(id)
                .ok_or_else(|| format!("`{id}`: unknown question id"))?;
            Ok(rules.items[ix]
                .hints
                .iter()
                .zip(&ev.hints[ix])
                .any(|(h, st)| {
                    st.active
                        && match value {
                            Some(v) => h.suggest.as_deref() == Some(v),
                            None => true,
                        }
                }))
        };
        for spec in &case.hints {
            let (id, v) = split(spec);
            let ok = match nth(spec) {
                Some(r) => r,
                None => match v {
                    Some(_) => shown(id, v),
                    None => rules
                        .item_ix(id)
                        .map(|ix| {
                            rules.items[ix]
                                .hints
                                .iter()
                                .zip(&ev.hints[ix])
                                .any(|(h, st)| st.active && h.suggest.is_none())
                        })
                        .ok_or(format!("`{id}`: unknown question id")),
                },
            };
            match ok {
                Err(m) => fail(m),
                Ok(false) => fail(format!(
                    "`{id}`: expected the hint \"{spec}\" to show, but it does not"
                )),
                Ok(true) => {}
            }
        }
        for spec in &case.no_hints {
            let (id, v) = split(spec);
            match nth(spec).unwrap_or_else(|| shown(id, v)) {
                Err(m) => fail(m),
                Ok(true) => fail(format!(
                    "`{id}`: expected no hint \"{spec}\", but one shows"
                )),
                Ok(false) => {}
            }
        }
        for spec in &case.forced {
            let (id, v) = split(spec);
            let Some(ix) = rules.item_ix(id) else {
                fail(format!("`{id}`: unknown question id"));
                continue;
            };
            let hit = ev
                .forced(rules, ix)
                .iter()
                .any(|f| v.is_none_or(|v| rules.forces[*f].answer == v));
            if !hit {
                fail(format!(
                    "`{id}`: expected to be forced \"{spec}\", but no such forcing rule holds"
                ));
            }
        }
        for id in &case.not_forced {
            match rules.item_ix(id) {
                None => fail(format!("`{id}`: unknown question id")),
                Some(ix) if !ev.forced(rules, ix).is_empty() => fail(format!(
                    "`{id}`: expected not to be forced, but a forcing rule holds"
                )),
                _ => {}
            }
        }
        for (id, v) in &case.refused {
            if rules.item(id).is_none() {
                fail(format!("`{id}`: unknown id in `refused`"));
            } else if to_answer(rules, id, v).is_ok() {
                fail(format!(
                    "`{id}`: expected the answer {v:?} to be refused, but the question takes it"
                ));
            }
        }
        for (id, want) in &case.tally {
            let Some(t) = rules.item_ix(id).and_then(|ix| ev.tallies[ix].clone()) else {
                fail(format!("`{id}`: not a summary judgement"));
                continue;
            };
            for (k, v) in want {
                match tally_field(rules, &t, k) {
                    None => fail(format!("`{id}`: unknown tally count `{k}` (positive, negative, not_applicable, unanswered, other, or one of them after a weight id and a dot: `less.negative`)")),
                    Some(got) if got != *v => fail(format!("`{id}`: expected {k} = {v}, got {got}")),
                    _ => {}
                }
            }
        }
    }
    out
}

/// A count of tally `t`: `positive`, ..., or `weight.positive`, ... for one weight class.
fn tally_field(rules: &RuleSet, t: &Tally, k: &str) -> Option<u32> {
    if let Some((w, k)) = k.split_once('.') {
        let c = rules
            .weights
            .position(|x| x.id == w)
            .and_then(|ix| t.by_weight.get(ix.index()))?;
        return Some(match k {
            "positive" => c.positive,
            "negative" => c.negative,
            "not_applicable" => c.not_applicable,
            "unanswered" => c.unanswered,
            "other" => c.other,
            _ => return None,
        });
    }
    Some(match k {
        "positive" => t.positive,
        "negative" => t.negative,
        "not_applicable" => t.not_applicable,
        "unanswered" => t.unanswered,
        "other" => t.other,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::diag::ErrorKind;

    /// Runs one case, written as the body of a `[[case]]` table.
    fn run_one(body: &str) -> Vec<String> {
        let text = format!("rules = \"x.toml\"\n\n[[case]]\nname = \"c\"\nline = 7\n{body}\n");
        let file = parse("c.toml", &text).unwrap_or_else(|r| panic!("{r}"));
        run(&crate::authoring::fixture(), &file)
    }

    #[test]
    fn a_case_that_holds_reports_nothing() {
        let fails = run_one(
            "answers = { psr_in_region_12m = false }\nnot_applicable = [\"court\", \"CW\", \"2.1.11\"]\napplicable = [\"2.0.24\"]",
        );
        assert_eq!(fails, Vec::<String>::new());
    }

    #[test]
    fn each_mismatch_is_reported_with_the_case_and_the_id() {
        let fails = run_one(
            "answers = { psr_in_region_12m = false }\napplicable = [\"2.1.11\"]\nhints = [\"2.0.24=no_should\"]\ntally = { \"2.1.19\" = { positive = 3 } }",
        );
        assert_eq!(
            fails,
            vec![
                "case \"c\" (seed line 7): `2.1.11`: expected applicable, but it does not apply",
                "case \"c\" (seed line 7): `2.0.24`: expected the hint \"2.0.24=no_should\" to show, but it does not",
                "case \"c\" (seed line 7): `2.1.19`: expected positive = 3, got 0",
            ]
        );
    }

    #[test]
    fn unknown_ids_and_bad_answers_are_reported() {
        let fails = run_one(
            "answers = { custody_months = \"twelve\" }\nnot_applicable = [\"nowhere\"]\nforced = [\"2.1.11=no\"]\nhints = [\"2.0.24#9\"]",
        );
        assert_eq!(fails.len(), 4, "{fails:#?}");
        assert!(fails[0].contains("`custody_months`: "), "{}", fails[0]);
        assert!(fails[1].ends_with("`nowhere`: unknown section, group or question id"));
        assert!(
            fails[2].contains("expected \"id#k\" with k from 1 to"),
            "{}",
            fails[2]
        );
        assert!(
            fails[3].ends_with("but no such forcing rule holds"),
            "{}",
            fails[3]
        );
    }

    #[test]
    fn a_case_file_with_an_unknown_field_is_a_structure_error_at_its_line() {
        let r = parse(
            "c.toml",
            "rules = \"x.toml\"\n[[case]]\nname = \"c\"\nline = 1\ncolour = 1\n",
        )
        .expect_err("unknown field");
        assert_eq!(r.errors.len(), 1);
        assert_eq!(
            (r.errors[0].kind, r.errors[0].line),
            (ErrorKind::Structure, 5)
        );
        let r = parse("c.toml", "rules = \"x.toml\n").expect_err("not TOML");
        assert_eq!(r.errors[0].kind, ErrorKind::Toml);
    }
}
