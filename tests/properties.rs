//! Property tests (proptest) of the engine's parsers, printer, export format and evaluator.
//!
//! 1. The condition parser never panics, on any text.
//! 2. Printing a condition and parsing it back gives the same expression.
//! 3. The rule-file loader never panics on mutated versions of the example rule set.
//! 4. Exporting drafts and importing the file gives back identical drafts.
//! 5. `Evaluation::update` after each single answer change equals `Evaluation::new` (on a generated
//!    rule set, the example fixture and every rule set shipped in `rules/`).
//!
//! Case counts are kept modest so the whole file runs in seconds in a debug build.
// Native only: proptest and insta are native dev-dependencies (Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

use case_assessor::authoring::synth;
use case_assessor::engine::cond::{self, CmpOp, Expr, ExprKind, Func, Lit, Ref, RefName, KEYWORDS};
use case_assessor::engine::draft::{parse_export, ExportFile, RuleSetRef};
use case_assessor::engine::model::{Idx, ItemIx};
use case_assessor::engine::{Answer, Draft, Evaluation, RuleSet};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::OnceLock;

mod support;
use support::strategies::{hint_decision, text};
use support::FIXTURE;

/// `cases` cases, and no regression files written next to the tests.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// 1 and 2: the condition language.

/// Words and symbols of the condition language, to build text close to real conditions.
const VOCAB: &[&str] = &[
    "and",
    "or",
    "not",
    "in",
    "is",
    "answered",
    "contains",
    "true",
    "false",
    "any",
    "all",
    "count",
    "(",
    ")",
    ",",
    ".",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "=",
    "!",
    "[",
    "]",
    "[2.1.11]",
    "[PP 7a]",
    ".row",
    "'yes'",
    "\"no\"",
    "'",
    "\"",
    "12",
    "-1",
    "2.5",
    "1.2.3",
    "-",
    "fact_a",
    "x",
    "é",
    "[é]",
    "\u{1F600}",
    " ",
    "\n",
    "\t",
];

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCAB), 0..24).prop_map(|v| v.join(" "))
}

fn token_soup_tight() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCAB), 0..24).prop_map(|v| v.concat())
}

fn e(kind: ExprKind) -> Expr {
    Expr { kind, span: 0..0 }
}

fn fact_name() -> impl Strategy<Value = String> {
    "[a-z_][a-z0-9_]{0,6}".prop_filter("not a keyword", |s| !KEYWORDS.contains(&s.as_str()))
}

fn question_id() -> impl Strategy<Value = String> {
    prop_oneof!["[A-Za-z0-9]", "[A-Za-z0-9][A-Za-z0-9 ._-]{0,6}[A-Za-z0-9]",]
}

fn reference() -> impl Strategy<Value = Expr> {
    prop_oneof![
        fact_name().prop_map(RefName::Fact),
        question_id().prop_map(RefName::Question),
    ]
    .prop_flat_map(|name| {
        let row = if matches!(name, RefName::Question(_)) {
            prop::option::of("[a-z][a-z0-9_]{0,5}").boxed()
        } else {
            Just(None).boxed()
        };
        (Just(name), row)
    })
    .prop_map(|(name, row)| {
        e(ExprKind::Ref(Ref {
            name,
            row,
            slot: None,
        }))
    })
}

fn literal() -> impl Strategy<Value = Lit> {
    prop_oneof![
        // A string may hold one kind of quote, never both (it could not be written).
        "[a-zA-Z0-9 _.'-]{0,10}".prop_map(Lit::Str),
        "[a-z \"]{0,6}".prop_map(Lit::Str),
        (-1000i32..1000).prop_map(|n| Lit::Num(f64::from(n))),
        (-1.0e6f64..1.0e6).prop_map(Lit::Num),
        any::<bool>().prop_map(Lit::Bool),
    ]
}

fn cmp_op() -> impl Strategy<Value = CmpOp> {
    prop::sample::select(vec![
        CmpOp::Eq,
        CmpOp::Ne,
        CmpOp::Lt,
        CmpOp::Le,
        CmpOp::Gt,
        CmpOp::Ge,
    ])
}

/// Any expression the parser can produce (types are not checked here).
fn expr() -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![reference(), literal().prop_map(|l| e(ExprKind::Lit(l)))];
    leaf.prop_recursive(5, 48, 4, |inner| {
        let b = |x: Expr| Box::new(x);
        prop_oneof![
            inner.clone().prop_map(move |x| e(ExprKind::Not(b(x)))),
            (inner.clone(), inner.clone()).prop_map(move |(x, y)| e(ExprKind::And(b(x), b(y)))),
            (inner.clone(), inner.clone()).prop_map(move |(x, y)| e(ExprKind::Or(b(x), b(y)))),
            (cmp_op(), inner.clone(), inner.clone()).prop_map(move |(op, x, y)| e(ExprKind::Cmp(
                op,
                b(x),
                b(y)
            ))),
            (
                inner.clone(),
                prop::collection::vec(literal(), 1..4),
                any::<bool>()
            )
                .prop_map(move |(x, list, negated)| e(ExprKind::In {
                    expr: b(x),
                    list: list.into_iter().map(|l| (l, 0..0)).collect(),
                    negated,
                })),
            (inner.clone(), literal()).prop_map(move |(x, l)| e(ExprKind::Contains(b(x), l, 0..0))),
            (inner.clone(), any::<bool>())
                .prop_map(move |(x, neg)| e(ExprKind::Answered(b(x), neg))),
            (
                prop::sample::select(vec![Func::Any, Func::All, Func::Count]),
                prop::collection::vec(inner, 1..4)
            )
                .prop_map(|(f, args)| e(ExprKind::Call(f, args))),
        ]
    })
}

/// The expression with every span, including those of list literals, set to `0..0`.
fn without_spans(x: &Expr) -> Expr {
    let b = |y: &Expr| Box::new(without_spans(y));
    e(match &x.kind {
        ExprKind::Lit(l) => ExprKind::Lit(l.clone()),
        ExprKind::Ref(r) => ExprKind::Ref(r.clone()),
        ExprKind::Not(a) => ExprKind::Not(b(a)),
        ExprKind::And(p, q) => ExprKind::And(b(p), b(q)),
        ExprKind::Or(p, q) => ExprKind::Or(b(p), b(q)),
        ExprKind::Cmp(op, p, q) => ExprKind::Cmp(*op, b(p), b(q)),
        ExprKind::In {
            expr,
            list,
            negated,
        } => ExprKind::In {
            expr: b(expr),
            list: list.iter().map(|(l, _)| (l.clone(), 0..0)).collect(),
            negated: *negated,
        },
        ExprKind::Contains(a, l, _) => ExprKind::Contains(b(a), l.clone(), 0..0),
        ExprKind::Answered(a, neg) => ExprKind::Answered(b(a), *neg),
        ExprKind::Call(f, args) => ExprKind::Call(*f, args.iter().map(without_spans).collect()),
    })
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn parser_never_panics_on_any_text(s in any::<String>()) {
        let _ = cond::parse(&s);
    }

    #[test]
    fn parser_never_panics_on_token_soup(s in token_soup()) {
        let _ = cond::parse(&s);
    }

    #[test]
    fn parser_never_panics_on_tight_token_soup(s in token_soup_tight()) {
        let _ = cond::parse(&s);
    }

    #[test]
    fn printing_then_parsing_gives_the_same_expression(x in expr()) {
        let printed = x.to_string();
        let parsed = cond::parse(&printed);
        prop_assert!(parsed.is_ok(), "`{}` does not parse: {:?}", printed, parsed);
        let parsed = parsed.unwrap();
        // `Expr`'s equality ignores the spans of expressions but (engine bug, see
        // `expr_equality_ignores_spans_of_list_literals`) not those kept with `in` and `contains`
        // literals, so compare with every span cleared.
        prop_assert_eq!(without_spans(&parsed), x.clone(), "printed as `{}`", printed);
        // Printing is canonical: the reparsed expression prints the same text.
        prop_assert_eq!(parsed.to_string(), printed);
    }
}

#[test]
fn expr_equality_ignores_spans_of_list_literals() {
    let a = cond::parse("x in ('a') and y contains 'b'").expect("parses");
    let b = cond::parse("x  in ( 'a' )  and  y  contains  'b'").expect("parses");
    assert_eq!(a, b);
}

#[test]
fn parser_refuses_deep_nesting_without_overflowing() {
    for depth in [10, 63, 64, 65, 500, 10_000] {
        let _ = cond::parse(&format!("{}b{}", "(".repeat(depth), ")".repeat(depth)));
        let _ = cond::parse(&format!("{}b", "not ".repeat(depth)));
        let _ = cond::parse(&format!("{}b{}", "any(".repeat(depth), ")".repeat(depth)));
    }
}

// ---------------------------------------------------------------------------------------------
// 3: the loader on mutated rule files.

/// Snippets that break TOML or the rule format in interesting ways.
const SNIPPETS: &[&str] = &[
    "\"",
    "'",
    "[",
    "]]",
    "=",
    "\n",
    "\n[[question]]\n",
    "\n[[question.applies]]\nwhen = \"b\"\nquote = \"q\"\nline = 1\n",
    "\n[[question.rows]]\nid = \"r\"\nlabel = \"r\"\n",
    "id = \"2.1.11\"\n",
    "group = \"CW\"\n",
    "kind = \"summary\"\n",
    "type = \"grid\"\n",
    "rows_from = \"2.0.24\"\n",
    "weighs = [\"2.1.11\", \"*\"]\n",
    "when = \"[2.1.11] == 'no' and \"\n",
    "when = \"[EX.1].public\"\n",
    "[EX.1]",
    "custody_months",
    "'no_should'",
    "é",
    "\u{1F600}",
    "\"\"\"",
    "#",
    "0",
    "-1",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, &'static str),
    Replace(usize, usize, &'static str),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let pos = 0..FIXTURE.len();
    prop_oneof![
        (pos.clone(), 1usize..40).prop_map(|(p, n)| Mutation::Delete(p, n)),
        (pos.clone(), prop::sample::select(SNIPPETS)).prop_map(|(p, s)| Mutation::Insert(p, s)),
        (pos.clone(), 1usize..12, prop::sample::select(SNIPPETS))
            .prop_map(|(p, n, s)| Mutation::Replace(p, n, s)),
        (pos, 1usize..400).prop_map(|(p, n)| Mutation::Duplicate(p, n)),
    ]
}

fn boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate(text: &str, m: &Mutation) -> String {
    let mut t = text.to_string();
    match *m {
        Mutation::Delete(p, n) => {
            let (a, b) = (boundary(&t, p), boundary(&t, p + n));
            t.replace_range(a..b, "");
        }
        Mutation::Insert(p, s) => {
            let a = boundary(&t, p);
            t.insert_str(a, s);
        }
        Mutation::Replace(p, n, s) => {
            let (a, b) = (boundary(&t, p), boundary(&t, p + n));
            t.replace_range(a..b, s);
        }
        Mutation::Duplicate(p, n) => {
            let (a, b) = (boundary(&t, p), boundary(&t, p + n));
            let copy = t[a..b].to_string();
            t.insert_str(b, &copy);
        }
    }
    t
}

proptest! {
    #![proptest_config(config(1024))]

    #[test]
    fn loader_never_panics_on_mutated_rule_files(ms in prop::collection::vec(mutation(), 1..5)) {
        let mut text = FIXTURE.to_string();
        for m in &ms {
            text = mutate(&text, m);
        }
        let outcome = std::panic::catch_unwind(|| load_and_evaluate(&text));
        match outcome {
            Ok(errors) => prop_assert!(errors != Some(0), "a report without errors"),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                // Known engine bug, see `condition_on_a_question_with_an_unknown_scale_is_an_error`:
                // tolerated here so that the property keeps finding other panics.
                let known = message.contains("index is 18446744073709551615");
                prop_assert!(known, "the loader panicked: {}\n--- text:\n{}", message, text);
            }
        }
    }
}

/// Loads (and, when it loads, evaluates) a rule file; gives the number of errors, if any.
fn load_and_evaluate(text: &str) -> Option<usize> {
    match RuleSet::load("mutated.toml", text) {
        Ok(rules) => {
            // A file that loads also evaluates.
            let draft = Draft::new("d".into(), "c".into(), &rules, 0.0);
            let _ = Evaluation::new(&rules, &draft);
            None
        }
        Err(report) => {
            let _ = report.to_string();
            Some(report.errors.len())
        }
    }
}

#[test]
fn condition_on_a_question_with_an_unknown_scale_is_an_error() {
    let text = FIXTURE.replacen("scale = \"report_offered\"", "scale = \"no_such_scale\"", 1);
    let report = match RuleSet::load("example.toml", &text) {
        Ok(_) => panic!("loaded"),
        Err(r) => r,
    };
    assert!(
        report
            .errors
            .iter()
            .any(|e| e.message == "unknown scale `no_such_scale`"),
        "{report}"
    );
}

// ---------------------------------------------------------------------------------------------
// 4: export and import.

/// Numbers as people type them: integers and decimals with a few places (see
/// `export_keeps_every_f64_exactly` for arbitrary values).
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-1_000_000i64..1_000_000).prop_map(|n| n as f64),
        (-100_000_000i64..100_000_000).prop_map(|n| n as f64 / 1000.0),
        Just(0.1),
        Just(-0.0),
        Just(1e21),
    ]
}

/// Any answer, its numbers from [`number`].
fn answer() -> impl Strategy<Value = Answer> {
    support::strategies::answer(number())
}

/// Milliseconds since 1970, as the app records them (`Date.now()` gives whole milliseconds).
fn millis() -> impl Strategy<Value = f64> {
    prop_oneof![(0i64..4_102_444_800_000).prop_map(|n| n as f64), Just(0.0)]
}

fn draft() -> impl Strategy<Value = Draft> {
    (
        (
            text(),
            text(),
            "[a-z0-9-]{1,12}",
            "[0-9]{1,3}",
            "[0-9a-f]{16}",
        ),
        (millis(), millis()),
        prop::collection::btree_map(
            prop_oneof!["[0-9]\\.[0-9]\\.[0-9]{2}", "[a-z_]{1,10}", text()],
            answer(),
            0..12,
        ),
        prop::collection::btree_map(text(), text(), 0..4),
        prop::collection::btree_map("[0-9.]{1,6}", hint_decision(), 0..4),
    )
        .prop_map(
            |((id, case_ref, rs, version, hash), (created, updated), answers, notes, hints)| {
                Draft {
                    id,
                    case_ref,
                    rule_set: RuleSetRef {
                        id: rs,
                        version,
                        hash,
                    },
                    created,
                    updated,
                    answers,
                    notes,
                    hint_decisions: hints,
                }
            },
        )
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn export_then_import_gives_back_identical_drafts(
        drafts in prop::collection::vec(draft(), 0..4),
        now in millis(),
    ) {
        let file = ExportFile::new(drafts, now);
        let json = file.to_json();
        let back = parse_export(&json);
        prop_assert!(back.is_ok(), "{:?}\n{}", back.err(), json);
        let back = back.unwrap();
        prop_assert_eq!(&back, &file);
        // Bit for bit: numbers keep their exact value (PartialEq would let -0 equal 0).
        for (a, b) in back.drafts.iter().zip(&file.drafts) {
            for (x, y) in a.answers.values().zip(b.answers.values()) {
                if let (Answer::Number(x), Answer::Number(y)) = (x, y) {
                    prop_assert_eq!(x.to_bits(), y.to_bits());
                }
            }
        }
        // And a second export is the same text.
        prop_assert_eq!(back.to_json(), json);
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn export_keeps_every_f64_exactly(
        x in prop_oneof![prop::num::f64::NORMAL, 0.0f64..4.1e12, Just(1055360544258.7576)],
    ) {
        let mut d = Draft {
            id: "d".into(),
            case_ref: "c".into(),
            rule_set: RuleSetRef { id: "r".into(), version: "1".into(), hash: "0".into() },
            created: x,
            updated: x,
            answers: BTreeMap::new(),
            notes: BTreeMap::new(),
            hint_decisions: BTreeMap::new(),
        };
        d.answers.insert("n".into(), Answer::Number(x));
        let file = ExportFile::new(vec![d], x);
        let back = parse_export(&file.to_json()).expect("parses");
        prop_assert_eq!(back, file);
    }
}

// ---------------------------------------------------------------------------------------------
// 5: incremental evaluation.

fn synth_rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        RuleSet::load("synth.toml", &synth::generate(150, 11)).unwrap_or_else(|r| panic!("{r}"))
    })
}

/// One step: which item (an index, wrapped), whether to clear it, and a number to pick its value.
type Step = (usize, bool, u32);

fn steps() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(
        (any::<usize>(), prop::bool::weighted(0.15), any::<u32>()),
        1..40,
    )
}

fn check_update_matches_new(rules: &RuleSet, steps: &[Step]) -> Result<(), TestCaseError> {
    let n = rules.items.len();
    let facts = rules.facts().count();
    let mut draft = Draft::new("d".into(), "c".into(), rules, 0.0);
    let mut ev = Evaluation::new(rules, &draft);
    for (i, &(which, clear, pick)) in steps.iter().enumerate() {
        // Half the changes go to facts, which most conditions read.
        let ix = if which % 2 == 0 && facts > 0 {
            rules
                .facts()
                .nth(which / 2 % facts)
                .map(|(ix, _)| ix)
                .unwrap_or_default()
        } else {
            ItemIx::new(which / 2 % n)
        };
        let id = rules.items[ix].id.clone();
        if clear {
            draft.answers.remove(id.as_str());
        } else {
            let a = support::answer_for(rules, ix, &draft, pick);
            draft.answers.insert(id.to_string(), a);
        }
        ev.update(rules, &draft, &id);
        let fresh = Evaluation::new(rules, &draft);
        prop_assert!(
            ev == fresh,
            "step {} (set {} clear={}): update differs from new\nanswers: {:?}",
            i,
            id,
            clear,
            draft.answers
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn update_after_each_answer_equals_new_on_synth_rules(s in steps()) {
        check_update_matches_new(synth_rules(), &s)?;
    }

    #[test]
    fn update_after_each_answer_equals_new_on_the_fixture(s in steps()) {
        check_update_matches_new(support::fixture(), &s)?;
    }
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn update_after_each_answer_equals_new_on_the_shipped_rule_sets(s in steps()) {
        for rules in support::shipped() {
            check_update_matches_new(rules, &s)?;
        }
    }
}
