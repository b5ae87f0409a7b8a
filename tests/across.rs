//! Across assessments (`engine::across`): the summary of many cases and the comparison of assessors.
//!
//! Counts add up; a filter never increases a count; the same draft given twice counts once; an
//! assessment compared with itself agrees 100% with kappa 1; kappa stays within [-1, 1] (a property
//! test over generated rule sets and drafts); answers from an older version of a rule set are read by
//! question id or reported as retired; files are refused with their reason; the reference view lists
//! each difference with the reference's answer, note and guidance; both CSVs.
#![cfg(not(target_arch = "wasm32"))]

use case_assessor::authoring::synth;
use case_assessor::engine::across::{
    by_version, compare, comparison_csv, kappa_of, random_draft, read_file, summarise, summary_csv,
    Collection, Filter, Source, Summary,
};
use case_assessor::engine::draft::{ExportFile, MAX_IMPORT_BYTES};
use case_assessor::engine::model::Kind;
use case_assessor::engine::{Answer, Draft, RuleSet};
use proptest::prelude::*;
use std::sync::Arc;

fn carag() -> Arc<RuleSet> {
    let text = include_str!("../rules/carag-2024-pdu-domain-two.toml");
    Arc::new(RuleSet::load("carag-2024-pdu-domain-two.toml", text).expect("loads"))
}

fn drafts(rules: &RuleSet, n: usize, seed: u64) -> Vec<(Source, Draft)> {
    (0..n)
        .map(|i| {
            let d = random_draft(
                rules,
                &format!("d{i}"),
                &format!("CASE-{i}"),
                seed * 1000 + i as u64,
            );
            (Source::File(format!("case-{i}.json")), d)
        })
        .collect()
}

/// Every figure is within the cases counted, and the parts add up to their whole.
fn check_adds_up(c: &Collection, s: &Summary) {
    for k in &s.key_questions {
        assert_eq!(
            k.applies.len() + k.not_applicable.len(),
            s.cases.len(),
            "{}",
            c.rules.items[k.ix].id
        );
        assert_eq!(
            k.positive.len() + k.negative.len() + k.other.len() + k.not_answered.len(),
            k.applies.len(),
            "{}",
            c.rules.items[k.ix].id
        );
        if let Some(p) = k.percent_positive() {
            assert!(p <= 100);
        }
    }
    for q in &s.questions {
        let item = &c.rules.items[q.ix];
        assert!(q.applies.len() <= s.cases.len());
        assert!(q.not_followed.iter().all(|i| s.cases.contains(i)));
        if !matches!(
            item.answer,
            case_assessor::engine::model::AnswerType::Multi { .. }
        ) {
            let answered: usize = q.answers.iter().map(|n| n.cases.len()).sum();
            assert_eq!(
                answered + q.not_answered.len(),
                q.applies.len(),
                "{}",
                item.id
            );
        }
    }
}

#[test]
fn counts_add_up_on_the_2024_carag() {
    let rules = carag();
    let c = Collection::new(rules.clone(), drafts(&rules, 40, 1));
    assert_eq!(c.cases.len(), 40);
    let s = summarise(&c, &Filter::default());
    assert_eq!(s.cases.len(), 40);
    assert_eq!(s.filter, "All cases");
    let summaries = rules
        .items
        .iter()
        .filter(|i| i.kind == Kind::Summary)
        .count();
    assert_eq!(s.key_questions.len(), summaries);
    assert!(summaries > 0);
    check_adds_up(&c, &s);
    // Random drafts answer summaries both ways somewhere.
    assert!(s.key_questions.iter().any(|k| !k.positive.is_empty()));
    assert!(s.key_questions.iter().any(|k| !k.negative.is_empty()));
}

#[test]
fn a_filter_never_increases_a_count_and_is_stated() {
    let rules = carag();
    let c = Collection::new(rules.clone(), drafts(&rules, 30, 2));
    let all = summarise(&c, &Filter::default());
    let facts = c.filterable_facts();
    assert!(!facts.is_empty());
    let mut some_filter_narrowed = false;
    for (ix, values) in facts.iter().take(6) {
        for (v, label) in values {
            let f = Filter {
                conditions: vec![(*ix, v.clone())],
            };
            let s = summarise(&c, &f);
            assert!(s.filter.contains(label.as_str()), "{}", s.filter);
            assert!(s.filter.starts_with("Cases where "));
            assert!(s.cases.iter().all(|i| all.cases.contains(i)));
            some_filter_narrowed |= s.cases.len() < all.cases.len();
            check_adds_up(&c, &s);
            for (k, ka) in s.key_questions.iter().zip(&all.key_questions) {
                for (part, whole) in [
                    (&k.applies, &ka.applies),
                    (&k.positive, &ka.positive),
                    (&k.negative, &ka.negative),
                    (&k.other, &ka.other),
                    (&k.not_answered, &ka.not_answered),
                    (&k.not_applicable, &ka.not_applicable),
                ] {
                    assert!(part.len() <= whole.len());
                    assert!(part.iter().all(|i| whole.contains(i)));
                }
            }
            for (q, qa) in s.questions.iter().zip(&all.questions) {
                assert!(q.applies.len() <= qa.applies.len());
                assert!(q.not_followed.len() <= qa.not_followed.len());
                for (n, na) in q.answers.iter().zip(&qa.answers) {
                    assert!(n.cases.len() <= na.cases.len());
                }
            }
        }
    }
    assert!(some_filter_narrowed);
    // Two conditions together keep only cases matching both.
    let (ix, values) = &facts[0];
    let f = Filter {
        conditions: vec![(*ix, values[0].0.clone()), (*ix, values[1].0.clone())],
    };
    let s = summarise(&c, &f);
    assert!(s.filter.contains(" and "));
    assert!(s.cases.is_empty(), "one fact cannot take two values");
}

#[test]
fn the_same_draft_given_twice_counts_once() {
    let rules = carag();
    let d = random_draft(&rules, "same", "CASE-1", 7);
    let mut changed = d.clone();
    changed.updated = 10.0;
    changed.notes.insert("x".into(), "later work".into());
    let other = random_draft(&rules, "other", "CASE-2", 8);
    let c = Collection::new(
        rules.clone(),
        vec![
            (Source::Local, d.clone()),
            (Source::File("a.json".into()), d.clone()),
            (Source::File("b.json".into()), other),
        ],
    );
    assert_eq!(c.cases.len(), 2);
    assert_eq!(c.duplicates, vec!["CASE-1 (from a.json)".to_string()]);
    assert_eq!(summarise(&c, &Filter::default()).cases.len(), 2);
    // Same id, different work: the later one counts and the other is listed.
    let c = Collection::new(
        rules,
        vec![
            (Source::Local, changed.clone()),
            (Source::File("old.json".into()), d),
        ],
    );
    assert_eq!(c.cases.len(), 1);
    assert_eq!(c.cases[0].draft(), &changed);
    assert_eq!(c.superseded, vec!["CASE-1 (from old.json)".to_string()]);
}

#[test]
fn an_assessment_compared_with_itself_agrees_fully_with_kappa_one() {
    let rules = carag();
    let mut compared = 0;
    for seed in 0..10 {
        let d = random_draft(&rules, "a", "CASE", seed);
        let mut copy = d.clone();
        copy.id = "b".into();
        let c = Collection::new(
            rules.clone(),
            vec![(Source::Local, d), (Source::File("copy.json".into()), copy)],
        );
        let cmp = compare(&c, &[0, 1], Some(0));
        if cmp.overall.compared == 0 {
            // The made-up facts rule every question out (say, a case terminated within a week).
            continue;
        }
        compared += 1;
        assert_eq!(cmp.overall.percent(), Some(100));
        assert_eq!(cmp.kappa, Some(1.0));
        assert!(cmp.rows.iter().all(|r| !r.differs));
        assert_eq!(cmp.trainees.len(), 1);
        assert!(cmp.trainees[0].differing.is_empty());
        assert_eq!(cmp.trainees[0].kappa, Some(1.0));
        for a in &cmp.sections {
            assert_eq!(a.alike, a.compared);
        }
    }
    assert!(
        compared >= 3,
        "only {compared} made-up cases had questions to compare"
    );
}

#[test]
fn kappa_matches_a_worked_example_and_stays_in_range() {
    // 50 pairs: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no. po = 0.7, pe = 0.5*0.6+0.5*0.4 = 0.5.
    let mut pairs = Vec::new();
    pairs.extend(std::iter::repeat_n(("yes", "yes"), 20));
    pairs.extend(std::iter::repeat_n(("yes", "no"), 5));
    pairs.extend(std::iter::repeat_n(("no", "yes"), 10));
    pairs.extend(std::iter::repeat_n(("no", "no"), 15));
    let k = kappa_of(&pairs).expect("pairs");
    assert!((k - 0.4).abs() < 1e-9, "{k}");
    // Complete disagreement over two values balanced: -1.
    let k = kappa_of(&[("yes", "no"), ("no", "yes")]).expect("pairs");
    assert!((k + 1.0).abs() < 1e-9, "{k}");
    assert_eq!(kappa_of(&[]), None);
    assert_eq!(kappa_of(&[("a", "a"), ("a", "a")]), Some(1.0));
}

#[test]
fn applicability_differences_come_first_and_the_reference_view_quotes_guidance() {
    let rules = carag();
    // A made-up case where a summary judgement applies and is answered.
    let (trainer, summary) = (0..100)
        .find_map(|seed| {
            let d = random_draft(&rules, "t", "CASE", seed);
            let c0 = Collection::new(rules.clone(), vec![(Source::Local, d.clone())]);
            let eval = c0.cases[0].assessment.eval();
            rules
                .items
                .iter_enumerated()
                .find(|(ix, i)| {
                    i.kind == Kind::Summary
                        && eval.items[*ix].applies
                        && matches!(eval.answer(*ix).and_then(|a| a.value()), Some("yes" | "no"))
                })
                .map(|(ix, i)| (d, (ix, i.id.clone())))
        })
        .expect("an answered summary");
    let mut trainee = trainer.clone();
    trainee.id = "s".into();
    // The trainee recorded a fact differently, so that some questions apply differently while the
    // summary judgement still applies for both.
    let differently = rules
        .facts()
        .filter(|(_, f)| matches!(f.answer, case_assessor::engine::model::AnswerType::Bool))
        .find_map(|(_, f)| {
            let mut t = trainee.clone();
            let flipped = !matches!(trainer.answers.get(f.id.as_str()), Some(Answer::Bool(true)));
            t.answers.insert(f.id.to_string(), Answer::Bool(flipped));
            let c = Collection::new(
                rules.clone(),
                vec![(Source::Local, trainer.clone()), (Source::Local, t.clone())],
            );
            let cmp = compare(&c, &[0, 1], None);
            let still = c.cases[1].assessment.eval().items[summary.0].applies;
            (still && cmp.rows.iter().any(|r| r.applicability_differs)).then_some(t)
        })
        .expect("a fact that changes what applies");
    trainee = differently;
    // And answered one applicable summary judgement the other way.
    let mut trainer = trainer;
    trainer
        .notes
        .insert(summary.1.to_string(), "Sufficient overall.".into());
    let flipped = match trainer
        .answers
        .get(summary.1.as_str())
        .and_then(|a| a.value())
    {
        Some("yes") => "no",
        _ => "yes",
    };
    trainee
        .answers
        .insert(summary.1.to_string(), Answer::Choice(flipped.into()));
    let c = Collection::new(
        rules.clone(),
        vec![
            (Source::File("trainer.json".into()), trainer),
            (Source::File("trainee.json".into()), trainee),
        ],
    );
    let cmp = compare(&c, &[0, 1], Some(0));
    let first_plain = cmp
        .rows
        .iter()
        .position(|r| !r.applicability_differs)
        .expect("some rows agree on applicability");
    assert!(first_plain > 0, "applicability differences exist");
    assert!(cmp.rows[first_plain..]
        .iter()
        .all(|r| !r.applicability_differs));
    assert!(cmp.overall.percent().is_some_and(|p| p < 100));
    let k = cmp.kappa.expect("kappa");
    assert!((-1.0..=1.0).contains(&k));
    let t = &cmp.trainees[0];
    assert_eq!(t.case, 1);
    let d = t
        .differing
        .iter()
        .find(|d| d.ix == summary.0)
        .expect("the flipped summary is listed, unless applicability changed it");
    assert_eq!(d.reference_note, "Sufficient overall.");
    assert!(!d.guidance.is_empty());
    assert_ne!(d.answer, d.reference_answer);
    let csv = comparison_csv(&c, &cmp);
    assert!(csv.starts_with("\u{feff}question,section,text,differs,applicability differs,answer: CASE (from trainer.json)"));
    assert!(csv.contains("CASE (from trainee.json) against the reference"));
    assert!(csv.contains("Sufficient overall."));
}

#[test]
fn answers_of_an_older_version_are_read_by_id_or_reported_retired() {
    let rules = carag();
    let mut d = random_draft(&rules, "old", "CASE-OLD", 3);
    d.rule_set.version = "1".into();
    d.rule_set.hash = "0000000000000000".into();
    d.answers
        .insert("9.9.99".into(), Answer::Choice("yes".into()));
    d.answers
        .insert("2.1.01".into(), Answer::Choice("withdrawn_value".into()));
    let kept_ids: Vec<String> = d
        .answers
        .keys()
        .filter(|k| *k != "9.9.99" && *k != "2.1.01")
        .cloned()
        .collect();
    let now = random_draft(&rules, "new", "CASE-NEW", 4);
    let c = Collection::new(
        rules.clone(),
        vec![
            (Source::File("old.json".into()), d.clone()),
            (Source::Local, now),
        ],
    );
    assert_eq!(c.versions.get("1"), Some(&1));
    assert_eq!(c.versions.get(&rules.meta.version), Some(&1));
    let retired: Vec<&str> = c.retired.iter().map(|r| r.id.as_str()).collect();
    assert!(retired.contains(&"9.9.99"));
    if rules.item("2.1.01").is_some() {
        assert!(retired.contains(&"2.1.01"));
    }
    assert!(c.retired.iter().all(|r| r.case == 0));
    // Every answer the rule set still takes is read.
    let eval = c.cases[0].assessment.eval();
    for id in kept_ids {
        let ix = rules.item_ix(&id).expect("a question of this version");
        assert_eq!(eval.answer(ix), d.answers.get(&id), "{id}");
    }
}

#[test]
fn files_are_refused_with_their_reason() {
    let rules = carag();
    let d = random_draft(&rules, "f1", "CASE", 5);
    let good = ExportFile::new(vec![d.clone()], 0.0).to_json();
    assert_eq!(read_file(&good, &rules).expect("reads"), vec![d.clone()]);
    let err = read_file("{ not json", &rules).expect_err("malformed");
    assert!(err.contains("not valid JSON"), "{err}");
    let mut other = d.clone();
    other.rule_set.id = "iaow-2013-case-assessment".into();
    let err = read_file(&ExportFile::new(vec![other], 0.0).to_json(), &rules).expect_err("other");
    assert!(err.contains("another rule set"), "{err}");
    let err = read_file(&" ".repeat(MAX_IMPORT_BYTES + 1), &rules).expect_err("big");
    assert!(err.contains("larger than"), "{err}");
    let err = read_file(&ExportFile::new(vec![], 0.0).to_json(), &rules).expect_err("empty");
    assert!(err.contains("no assessments"), "{err}");
    let mut bad = d;
    bad.answers
        .insert("inspection".into(), Answer::Choice("nowhere".into()));
    let err = read_file(&ExportFile::new(vec![bad], 0.0).to_json(), &rules).expect_err("bad");
    assert!(err.contains("is not one of"), "{err}");
    // A draft of another rule set given directly is refused in the collection, with its reason.
    let mut stray = random_draft(&rules, "x", "STRAY", 6);
    stray.rule_set.id = "other".into();
    let c = Collection::new(rules, vec![(Source::Local, stray)]);
    assert!(c.cases.is_empty());
    assert_eq!(c.rejected.len(), 1);
    assert!(c.rejected[0].reason.contains("another rule set"));
}

#[test]
fn the_summary_csv_has_a_row_per_question_and_figure() {
    let rules = carag();
    let mut inputs = drafts(&rules, 5, 9);
    inputs[0].1.case_ref = "=HYPERLINK(1)".into();
    let c = Collection::new(rules.clone(), inputs);
    let s = summarise(&c, &Filter::default());
    let csv = summary_csv(&c, &s);
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(
        lines[0],
        "filter,section,question,text,figure,cases,of,percent"
    );
    let per_question: usize = s.questions.iter().map(|q| 3 + q.answers.len()).sum();
    // Rows whose text holds a line break would split in `lines`; count records by their prefix.
    let records = lines.iter().filter(|l| l.starts_with("All cases,")).count();
    assert_eq!(records, s.key_questions.len() * 6 + per_question);
    let k = &s.key_questions[0];
    let id = &rules.items[k.ix].id;
    let positive = format!(",{id},");
    assert!(lines.iter().any(|l| l.contains(&positive)
        && l.contains(&format!("key question: positive,{},", k.positive.len()))));
}

fn synth_rules(seed: u64) -> Arc<RuleSet> {
    let text = synth::generate(60, seed);
    Arc::new(RuleSet::load("synth.toml", &text).expect("generated rule sets load"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_drafts_add_up_and_kappa_stays_in_range(
        rule_seed in 0u64..4,
        seeds in prop::collection::vec(any::<u64>(), 2..8),
        fact in 0usize..8,
        value in 0usize..4,
    ) {
        let rules = synth_rules(rule_seed);
        let inputs: Vec<(Source, Draft)> = seeds
            .iter()
            .enumerate()
            .map(|(i, s)| (Source::Local, random_draft(&rules, &format!("d{i}"), "SAME", *s)))
            .collect();
        let c = Collection::new(rules.clone(), inputs);
        let all = summarise(&c, &Filter::default());
        check_adds_up(&c, &all);
        let facts = c.filterable_facts();
        let (ix, values) = &facts[fact % facts.len()];
        let f = Filter { conditions: vec![(*ix, values[value % values.len()].0.clone())] };
        let s = summarise(&c, &f);
        check_adds_up(&c, &s);
        prop_assert!(s.cases.len() <= all.cases.len());
        for (k, ka) in s.key_questions.iter().zip(&all.key_questions) {
            prop_assert!(k.positive.len() <= ka.positive.len());
            prop_assert!(k.negative.len() <= ka.negative.len());
            prop_assert!(k.applies.len() <= ka.applies.len());
        }
        let which: Vec<usize> = (0..c.cases.len()).collect();
        for a in 0..which.len() {
            for b in 0..which.len() {
                let cmp = compare(&c, &[a, b], Some(a));
                if let Some(k) = cmp.kappa {
                    prop_assert!((-1.0 - 1e-9..=1.0 + 1e-9).contains(&k), "kappa {}", k);
                }
                prop_assert!(cmp.overall.alike <= cmp.overall.compared);
                if a == b {
                    prop_assert!(cmp.overall.alike == cmp.overall.compared);
                }
            }
        }
        let cmp = compare(&c, &which, Some(0));
        prop_assert_eq!(cmp.trainees.len(), which.len() - 1);
        prop_assert_eq!(c.shared_case_refs(), vec![("SAME".to_string(), which.clone())]);
    }
}

#[test]
fn figures_split_by_rule_set_version_add_up_to_the_whole() {
    let rules = carag();
    let mut inputs = drafts(&rules, 40, 21);
    for (k, (_, d)) in inputs.iter_mut().enumerate() {
        if k % 3 == 0 {
            d.rule_set.version = "0".into();
            d.rule_set.hash = "0000000000000000".into();
        }
    }
    let c = Collection::new(rules.clone(), inputs);
    let s = summarise(&c, &Filter::default());
    let parts = by_version(&c, &s);
    assert_eq!(parts.len(), 2, "two versions");
    assert_eq!(parts[0].version, "0");
    assert!(!parts[0].current && parts[1].current);
    assert_eq!(parts[0].cases.len(), 14);
    assert_eq!(parts[1].cases.len(), 26);
    for p in &parts {
        for &i in &p.cases {
            assert_eq!(c.cases[i].draft().rule_set.version, p.version);
        }
    }
    let mut positive_somewhere = false; // answered in both versions
    for (k, whole) in s.key_questions.iter().enumerate() {
        let sum = |f: fn(&case_assessor::engine::across::KeyFigure) -> usize| -> usize {
            parts.iter().map(|p| f(&p.key_questions[k])).sum()
        };
        assert_eq!(sum(|x| x.applies.len()), whole.applies.len());
        assert_eq!(sum(|x| x.positive.len()), whole.positive.len());
        assert_eq!(sum(|x| x.negative.len()), whole.negative.len());
        assert_eq!(sum(|x| x.other.len()), whole.other.len());
        assert_eq!(sum(|x| x.not_answered.len()), whole.not_answered.len());
        assert_eq!(sum(|x| x.not_applicable.len()), whole.not_applicable.len());
        positive_somewhere |= parts.iter().all(|p| p.key_questions[k].answered() > 0);
    }
    assert!(
        positive_somewhere,
        "some key question is answered in both versions (else the split is untested)"
    );
    // One version only: one part, the whole.
    let one = Collection::new(rules.clone(), drafts(&rules, 3, 5));
    let s1 = summarise(&one, &Filter::default());
    let p1 = by_version(&one, &s1);
    assert_eq!(p1.len(), 1);
    assert_eq!(p1[0].key_questions, s1.key_questions);
}
