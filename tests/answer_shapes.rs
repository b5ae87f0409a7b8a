//! The answer shapes beyond one answer per question, on the shipped qi-2017 rule set: options per
//! grid row (ABS 1, ABS 12, PP 7a) and inspector-named rows (RR 3c's factors, the rows of RR 4,
//! RR 7b and RR 17). What the page, check your answers, print and CSV show comes from the engine's
//! `question_state`, `display_answer` and `csv::export`, checked here; exports round-trip.

use case_assessor::engine::assessment::Assessment;
use case_assessor::engine::draft::{
    display_answer, parse_export, validate_import, ExportFile, MAX_NAME_CHARS,
};
use case_assessor::engine::present::question_state;
use case_assessor::engine::{csv, Answer, Draft, RuleSet};
use std::collections::BTreeMap;
use std::sync::Arc;

fn qi() -> Arc<RuleSet> {
    let text = include_str!("../rules/qi-2017-case-assessment.toml");
    Arc::new(RuleSet::load("qi-2017-case-assessment.toml", text).expect("loads"))
}

fn named(chosen: &[&str], names: &[(&str, &str)]) -> Answer {
    Answer::Named {
        chosen: chosen.iter().map(|s| s.to_string()).collect(),
        names: names
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

fn grid(rows: &[(&str, &str)]) -> Answer {
    Answer::Grid(
        rows.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
    )
}

/// The labels of the rows grid `id` shows.
fn row_labels(a: &Assessment, id: &str) -> Vec<String> {
    let ix = a.rules().item_ix(id).expect("question");
    question_state(a, ix)
        .rows
        .into_iter()
        .map(|r| r.label)
        .collect()
}

fn shown(a: &Assessment, id: &str) -> String {
    let rules = a.rules();
    let item = rules.item(id).expect("question");
    display_answer(rules, a.draft(), item, &a.draft().answers[id])
}

#[test]
fn grid_rows_offer_only_the_options_their_rule_allows() {
    let rules = qi();
    let a = Assessment::new(
        rules.clone(),
        Draft::new("d".into(), "c".into(), &rules, 0.0),
    );
    let offers = |id: &str| -> Vec<(String, Option<Vec<String>>)> {
        let ix = rules.item_ix(id).unwrap();
        question_state(&a, ix)
            .rows
            .into_iter()
            .map(|r| (r.id, r.options))
            .collect()
    };
    let yes_no = Some(vec!["yes".to_string(), "no".to_string()]);
    assert_eq!(
        offers("ABS 1"),
        vec![
            ("assessing".into(), yes_no.clone()),
            ("planning".into(), yes_no.clone()),
            ("delivering".into(), yes_no.clone()),
            ("reviewing".into(), None),
        ]
    );
    assert_eq!(
        offers("ABS 12"),
        vec![
            ("rr".into(), yes_no.clone()),
            ("pp".into(), None),
            ("abs".into(), yes_no.clone()),
        ]
    );
    let item = rules.item("ABS 1").unwrap();
    let refused =
        case_assessor::engine::draft::check_answer(&rules, item, &grid(&[("assessing", "na")]));
    assert_eq!(
        refused,
        Err("row 'assessing': 'na' is not offered on this row (it offers: yes, no)".into())
    );
    assert!(case_assessor::engine::draft::check_answer(
        &rules,
        item,
        &grid(&[("reviewing", "na")])
    )
    .is_ok());
}

#[test]
fn named_factors_are_the_rows_of_rr_4_rr_7b_and_rr_17_on_every_surface() {
    let rules = qi();
    let mut a = Assessment::new(
        rules.clone(),
        Draft::new("d".into(), "N-1".into(), &rules, 0.0),
    );
    a.set_answer(
        "RR 3c",
        Some(named(
            &["factor_1", "factor_3"],
            &[("factor_1", "Accommodation"), ("factor_3", "Drug misuse")],
        )),
        1.0,
    );
    a.set_answer(
        "RR 4",
        Some(grid(&[("factor_1", "yes"), ("factor_3", "no")])),
        2.0,
    );
    for id in ["RR 4", "RR 7b", "RR 17"] {
        assert_eq!(row_labels(&a, id), ["Accommodation", "Drug misuse"], "{id}");
    }
    assert_eq!(shown(&a, "RR 3c"), "Accommodation; Drug misuse");
    assert_eq!(shown(&a, "RR 4"), "Accommodation: Yes; Drug misuse: No");
    let text = csv::export(&rules, a.draft(), a.eval());
    assert!(text.contains("RR 3c,"), "{text}");
    assert!(
        text.contains("Accommodation; Drug misuse"),
        "CSV names the factors"
    );
    assert!(
        text.contains("Accommodation: Yes; Drug misuse: No"),
        "CSV rows by name"
    );

    // Export and import: nothing lost.
    let json = ExportFile::new(vec![a.draft().clone()], 3.0).to_json();
    assert!(json.contains("\"named\""), "{json}");
    assert!(json.contains("Drug misuse"));
    let back = parse_export(&json).expect("parses");
    assert_eq!(back.drafts[0], *a.draft());
    assert!(validate_import(&back, |_| Some(rules.as_ref())).is_empty());
}

#[test]
fn renaming_or_unticking_a_named_factor_loses_no_answer() {
    let rules = qi();
    let mut a = Assessment::new(
        rules.clone(),
        Draft::new("d".into(), "N-2".into(), &rules, 0.0),
    );
    let names = [("factor_1", "Accommodation"), ("factor_3", "Drug misuse")];
    a.set_answer("RR 3c", Some(named(&["factor_1", "factor_3"], &names)), 1.0);
    let rr4 = grid(&[("factor_1", "yes"), ("factor_3", "no")]);
    a.set_answer("RR 4", Some(rr4.clone()), 2.0);

    // Renamed: the answers stay with the factor (keyed by its slot, not its name).
    let renamed = [("factor_1", "Housing"), ("factor_3", "Drug misuse")];
    a.set_answer(
        "RR 3c",
        Some(named(&["factor_1", "factor_3"], &renamed)),
        3.0,
    );
    assert_eq!(a.draft().answers["RR 4"], rr4);
    assert_eq!(row_labels(&a, "RR 4"), ["Housing", "Drug misuse"]);
    assert_eq!(shown(&a, "RR 4"), "Housing: Yes; Drug misuse: No");

    // Unticked: its row goes, its answer and its name are kept ...
    a.set_answer("RR 3c", Some(named(&["factor_1"], &renamed)), 4.0);
    assert_eq!(row_labels(&a, "RR 4"), ["Housing"]);
    assert_eq!(a.draft().answers["RR 4"], rr4, "RR 4's answers kept");
    assert_eq!(shown(&a, "RR 3c"), "Housing");
    // ... and come back when it is ticked again.
    a.set_answer(
        "RR 3c",
        Some(named(&["factor_1", "factor_3"], &renamed)),
        5.0,
    );
    assert_eq!(row_labels(&a, "RR 4"), ["Housing", "Drug misuse"]);
    let ix = rules.item_ix("RR 4").unwrap();
    assert!(a.eval().items[ix].answered);
}

#[test]
fn a_factor_chosen_before_names_existed_shows_its_slot_label() {
    let rules = qi();
    let mut d = Draft::new("d".into(), "N-3".into(), &rules, 0.0);
    d.answers
        .insert("RR 3c".into(), Answer::Multi(vec!["factor_2".into()]));
    d.answers
        .insert("RR 4".into(), grid(&[("factor_2", "yes")]));
    let a = Assessment::new(rules.clone(), d.clone());
    assert!(d.retired(&rules).is_empty(), "nothing retired");
    assert_eq!(row_labels(&a, "RR 4"), ["Factor 2"]);
    assert_eq!(shown(&a, "RR 4"), "Factor 2: Yes");
}

#[test]
fn bad_names_are_refused_on_import_with_their_path() {
    let rules = qi();
    let too_long = "x".repeat(MAX_NAME_CHARS + 1);
    let cases = [
        (
            named(&["factor_1"], &[("factor_1", "  ")]),
            "drafts[0].answers.RR 3c: 'factor_1': a name must not be empty",
        ),
        (
            named(&["factor_1"], &[("factor_1", &too_long)]),
            "drafts[0].answers.RR 3c: 'factor_1': a name must be at most 100 characters",
        ),
        (
            named(&["factor_1"], &[("factor_9", "Employment")]),
            "drafts[0].answers.RR 3c: 'factor_9' is not one of: factor_1, factor_2, factor_3, factor_4, factor_5",
        ),
    ];
    for (answer, want) in cases {
        let mut d = Draft::new("d".into(), "N-4".into(), &rules, 0.0);
        d.answers.insert("RR 3c".into(), answer);
        let file = ExportFile::new(vec![d], 1.0);
        let back = parse_export(&file.to_json()).expect("parses");
        let got: Vec<String> = validate_import(&back, |_| Some(rules.as_ref()))
            .into_iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect();
        assert_eq!(got, [want.to_string()]);
    }
    // Names on a question that does not take them.
    let mut d = Draft::new("d".into(), "N-5".into(), &rules, 0.0);
    d.answers
        .insert("0 19a".into(), named(&["yes"], &[("yes", "Named")]));
    let got = validate_import(&ExportFile::new(vec![d], 1.0), |_| Some(rules.as_ref()));
    assert_eq!(got.len(), 1, "{got:?}");
}

#[test]
fn printed_option_not_clearly_recorded_or_the_value_typed() {
    let rules = qi();
    let mut a = Assessment::new(
        rules.clone(),
        Draft::new("d".into(), "O-1".into(), &rules, 0.0),
    );
    a.set_answer(
        "0 7a",
        Some(Answer::Choice("not_clearly_recorded".into())),
        1.0,
    );
    a.set_answer("0 7c", Some(Answer::Text("Welsh".into())), 2.0);
    assert_eq!(shown(&a, "0 7a"), "Not clearly recorded");
    assert_eq!(shown(&a, "0 7c"), "Welsh");
    for id in ["0 7a", "0 7c"] {
        let ix = rules.item_ix(id).unwrap();
        assert!(a.eval().items[ix].answered, "{id} answered");
    }
    let text = csv::export(&rules, a.draft(), a.eval());
    assert!(
        text.contains("0 7a,View 0 – Case Details,Case information,Yes,Not clearly recorded,"),
        "{text}"
    );
    assert!(text.contains("0 7c,View 0 – Case Details,Case information,Yes,Welsh,"));
    let json = ExportFile::new(vec![a.draft().clone()], 3.0).to_json();
    let back = parse_export(&json).expect("parses");
    assert_eq!(back.drafts[0], *a.draft());
    assert!(validate_import(&back, |_| Some(rules.as_ref())).is_empty());

    let check = |id: &str, x: Answer| {
        case_assessor::engine::draft::check_answer(&rules, rules.item(id).unwrap(), &x)
    };
    assert_eq!(
        check("0 7a", Answer::Text("  ".into())),
        Err("the answer typed must not be empty".into())
    );
    assert!(
        check("0 6", Answer::Text("typed".into())).is_err(),
        "a choice without `other` takes no typed answer"
    );
    // A draft of version 3, when these were free text, keeps its typed answers.
    assert!(check("0 8", Answer::Text("Not clearly recorded".into())).is_ok());
}

#[test]
fn a_grid_row_answered_na_leaves_the_other_rows_to_decide_how_the_question_counts() {
    use case_assessor::engine::evaluate::Weighed;
    let rules = qi();
    let mut a = Assessment::new(
        rules.clone(),
        Draft::new("d".into(), "W-1".into(), &rules, 0.0),
    );
    let weighed = |a: &Assessment, id: &str| a.eval().weighed(&rules, rules.item_ix(id).unwrap());
    a.set_answer(
        "ABS 1",
        Some(grid(&[
            ("assessing", "yes"),
            ("planning", "yes"),
            ("delivering", "yes"),
            ("reviewing", "na"),
        ])),
        1.0,
    );
    assert_eq!(weighed(&a, "ABS 1"), Weighed::Positive);
    a.set_answer(
        "ABS 1",
        Some(grid(&[
            ("assessing", "yes"),
            ("planning", "no"),
            ("delivering", "yes"),
            ("reviewing", "na"),
        ])),
        2.0,
    );
    assert_eq!(weighed(&a, "ABS 1"), Weighed::Negative);
    a.set_answer("in_custody", Some(Answer::Bool(true)), 3.0);
    let all_na = ["public", "known_adults", "children", "staff", "prisoners"].map(|r| (r, "na"));
    a.set_answer("PP 7B", Some(grid(&all_na)), 4.0);
    let ix = rules.item_ix("PP 7B").unwrap();
    assert!(a.eval().items[ix].answered, "PP 7B answered");
    assert_eq!(weighed(&a, "PP 7B"), Weighed::NotApplicable);
}
