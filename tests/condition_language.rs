//! Table-driven tests of the condition language, through the loader.
//!
//! Each row embeds a condition in `[[question.applies]] when = "..."` of a small rule set, loads it with
//! `RuleSet::load`, and either evaluates it against a few answers (expecting `Some(true)`,
//! `Some(false)` or `None`, undecided) or expects the exact error text, caret line included, that
//! `engine::diag::Report` renders.

use case_assessor::engine::cond::{self, Lookup, Slot, Tri, V};
use case_assessor::engine::model::{AnswerType, Rows};
use case_assessor::engine::{Answer, Draft, Evaluation, RuleSet};
use std::collections::BTreeMap;

/// The rule set every row is loaded into; `{COND}` is replaced by the row's condition.
const RULES: &str = r#"format = 1

[meta]
id = "cond-table"
title = "Condition language table"
publisher = "Case Assessor tests"
date = "2026"
version = "1"
source = "none"
licence = "Test text."
covers = "Facts and questions of every type, for the condition language's tests."

[[scale]]
id = "yes_no"
options = [
  { value = "yes", label = "Yes", polarity = "positive" },
  { value = "no", label = "No", polarity = "negative" },
]

[[scale]]
id = "level"
options = [
  { value = "low", label = "Low" },
  { value = "medium", label = "Medium" },
  { value = "high", label = "High" },
]

[[scale]]
id = "circ"
options = [
  { value = "risk", label = "Risk" },
  { value = "complex", label = "Complex" },
  { value = "young", label = "Young adult" },
]

[[fact]]
id = "b"
label = "b?"
type = "bool"
quote = "q"
line = 1

[[fact]]
id = "c"
label = "c?"
type = "bool"
quote = "q"
line = 1

[[fact]]
id = "n"
label = "n?"
type = "number"
quote = "q"
line = 1

[[fact]]
id = "lvl"
label = "level?"
type = "choice"
scale = "level"
quote = "q"
line = 1

[[fact]]
id = "circs"
label = "circumstances?"
type = "multi"
scale = "circ"
quote = "q"
line = 1

[[fact]]
id = "d"
label = "date?"
type = "date"
quote = "q"
line = 1

[[fact]]
id = "t"
label = "text?"
type = "text"
quote = "q"
line = 1

[[section]]
id = "s"
title = "Section"

[[question]]
id = "1.1"
section = "s"
kind = "prompt"
text = "Q 1.1?"
type = "choice"
scale = "yes_no"

[[question]]
id = "1.2"
section = "s"
kind = "prompt"
text = "Q 1.2?"
type = "choice"
scale = "yes_no"

[[question]]
id = "G 1"
section = "s"
kind = "prompt"
text = "Grid?"
type = "grid"
scale = "yes_no"

[[question.rows]]
id = "r1"
label = "Row 1"

[[question.rows]]
id = "r2"
label = "Row 2"

[[question]]
id = "T"
section = "s"
kind = "information"
text = "The question under test."
type = "choice"
scale = "yes_no"

[[question.applies]]
when = "{COND}"
quote = "q"
line = 1
"#;

/// The file name used in reports.
const FILE: &str = "cond.toml";

fn rules_text(cond: &str) -> String {
    let escaped = cond
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\t', "\\t");
    RULES.replace("{COND}", &escaped)
}

/// The 1-based line of the `when = "{COND}"` line in [`RULES`].
fn when_line() -> usize {
    RULES
        .lines()
        .position(|l| l.contains("{COND}"))
        .expect("placeholder")
        + 1
}

/// Parses "id=value; id=value" into answers, typed by the item's answer type.
fn answers(rules: &RuleSet, spec: &str) -> BTreeMap<String, Answer> {
    let mut out = BTreeMap::new();
    for part in spec.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (id, value) = part.split_once('=').expect("id=value");
        let item = rules.item(id).unwrap_or_else(|| panic!("no item {id}"));
        let a = match &item.answer {
            AnswerType::Bool => Answer::Bool(value == "true"),
            AnswerType::Number { .. } => Answer::Number(value.parse().expect("number")),
            AnswerType::Choice { .. } => Answer::Choice(value.into()),
            AnswerType::Multi { .. } => Answer::Multi(
                value
                    .split('|')
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect(),
            ),
            AnswerType::Grid { .. } => Answer::Grid(
                value
                    .split(',')
                    .map(|kv| {
                        let (k, v) = kv.split_once(':').expect("row:value");
                        (k.to_string(), v.to_string())
                    })
                    .collect(),
            ),
            AnswerType::Date => Answer::Date(value.into()),
            AnswerType::Text => Answer::Text(value.into()),
        };
        out.insert(id.to_string(), a);
    }
    out
}

/// Reads answers straight from the draft (every item of [`RULES`] but `T` always applies).
struct Answers<'a> {
    rules: &'a RuleSet,
    draft: &'a Draft,
}

impl Lookup for Answers<'_> {
    fn value(&self, slot: Slot) -> V<'_> {
        let item = &self.rules.items[slot.item];
        match (self.draft.answers.get(item.id.as_str()), slot.row) {
            (None, _) => V::Unknown,
            (Some(Answer::Bool(b)), None) => V::Bool(*b),
            (Some(Answer::Number(n)), None) => V::Num(*n),
            (Some(Answer::Choice(s) | Answer::Date(s)), None) => V::Str(s),
            (Some(Answer::Text(s)), None) if !s.trim().is_empty() => V::Str(s),
            (Some(Answer::Multi(v)), None) => V::Set(v),
            (Some(Answer::Grid(m)), Some(r)) => match &item.answer {
                AnswerType::Grid {
                    rows: Rows::Fixed(rows),
                    ..
                } => m
                    .get(rows[r as usize].id.as_str())
                    .map_or(V::Unknown, |v| V::Str(v)),
                _ => V::Unknown,
            },
            _ => V::Unknown,
        }
    }
}

/// Loads the rule set with `cond`, evaluates it against `spec`, and checks the engine agrees.
fn evaluate(cond: &str, spec: &str) -> Tri {
    let rules = RuleSet::load(FILE, &rules_text(cond))
        .unwrap_or_else(|r| panic!("`{cond}` should load:\n{r}"));
    let mut draft = Draft::new("d".into(), "case".into(), &rules, 0.0);
    draft.answers = answers(&rules, spec);
    let t = rules.item_ix("T").expect("T");
    let c = rules.items[t].applies[0];
    let tri = cond::eval(
        &rules.conds[c].expr,
        &Answers {
            rules: &rules,
            draft: &draft,
        },
    );
    // The evaluator reads the same: a condition that is false (not undecided) hides the question.
    let ev = Evaluation::new(&rules, &draft);
    assert_eq!(
        ev.items[t].applies,
        tri != Some(false),
        "`{cond}` with {spec}: the evaluator disagrees"
    );
    tri
}

const T: Tri = Some(true);
const F: Tri = Some(false);
const U: Tri = None;

#[rustfmt::skip]
const EVAL_ROWS: &[(&str, &str, Tri)] = &[
    // facts by themselves, literals
    ("b", "b=true", T),
    ("b", "b=false", F),
    ("b", "", U),
    ("true", "", T),
    ("false", "", F),
    ("not b", "b=false", T),
    ("not b", "", U),
    ("not not b", "b=true", T),
    // comparisons with scale values
    ("[1.1] == 'yes'", "1.1=yes", T),
    ("[1.1] == 'yes'", "1.1=no", F),
    ("[1.1] == 'yes'", "", U),
    ("[1.1] != 'yes'", "1.1=no", T),
    ("[1.1] == \"yes\"", "1.1=yes", T),
    ("'yes' == [1.1]", "1.1=yes", T),
    ("lvl == 'high'", "lvl=high", T),
    ("lvl != 'high'", "lvl=low", T),
    // numbers
    ("n >= 10", "n=10", T),
    ("n >= 10", "n=9.5", F),
    ("n > 10", "n=10", F),
    ("n < 10", "n=-1", T),
    ("n <= 2.5", "n=2.5", T),
    ("n == 12", "n=12", T),
    ("n != 12", "n=12", F),
    ("n >= 10", "", U),
    // dates compare in order
    ("d < '2024-01-31'", "d=2023-12-31", T),
    ("d >= '2024-01-31'", "d=2023-12-31", F),
    ("d == '2024-01-31'", "d=2024-01-31", T),
    // membership
    ("lvl in ('low', 'medium')", "lvl=medium", T),
    ("lvl in ('low', 'medium')", "lvl=high", F),
    ("lvl not in ('low', 'medium')", "lvl=high", T),
    ("lvl in ('low')", "", U),
    ("[1.1] in ('yes', 'no')", "1.1=no", T),
    // multi-select
    ("circs contains 'risk'", "circs=risk|young", T),
    ("circs contains 'complex'", "circs=risk|young", F),
    ("circs contains 'complex'", "circs=", F),
    ("circs contains 'risk'", "", U),
    // is answered
    ("[1.1] is answered", "1.1=no", T),
    ("[1.1] is answered", "", F),
    ("[1.1] is not answered", "", T),
    ("t is answered", "t=some words", T),
    ("t is answered", "t=   ", F),
    ("n is answered", "n=0", T),
    // grid rows
    ("[G 1].r1 == 'yes'", "G 1=r1:yes,r2:no", T),
    ("[G 1].r2 == 'yes'", "G 1=r1:yes,r2:no", F),
    ("[G 1].r2 == 'yes'", "G 1=r1:yes", U),
    ("[G 1].r1 is answered", "G 1=r1:yes", T),
    // three-valued and / or
    ("b and c", "b=true; c=true", T),
    ("b and c", "b=false", F),
    ("b and c", "c=false", F),
    ("b and c", "b=true", U),
    ("b or c", "b=true", T),
    ("b or c", "c=true", T),
    ("b or c", "b=false; c=false", F),
    ("b or c", "b=false", U),
    // precedence: not > and > or
    ("b or c and false", "b=true", T),
    ("(b or c) and false", "b=true", F),
    ("not b and c", "b=false; c=true", T),
    ("not (b and c)", "b=true; c=false", T),
    ("b or c and not b", "b=false; c=true", T),
    ("b and c or not b", "b=true; c=false", F),
    // any / all / count
    ("any(b, c)", "c=true", T),
    ("any(b, c)", "b=false; c=false", F),
    ("any(b, c)", "b=false", U),
    ("all(b, c)", "b=true; c=true", T),
    ("all(b, c)", "b=false", F),
    ("all(b, c)", "b=true", U),
    ("any(b)", "b=true", T),
    ("count(b, c, [1.1] == 'no') >= 2", "b=true; 1.1=no", T),
    ("count(b, c, [1.1] == 'no') >= 2", "b=true; c=false; 1.1=yes", F),
    ("count(b, c) == 0", "", T),
    ("count(b, c) < 1", "b=false; c=false", T),
    ("any(all(b, c), lvl == 'low')", "lvl=low", T),
    // combinations from the rule-format page
    ("[1.1] == 'yes' and b", "1.1=yes; b=true", T),
    ("b and n >= 10", "b=true; n=12", T),
    ("[1.1] == 'yes' or [1.2] == 'yes'", "1.2=yes", T),
    // whitespace and line breaks are insignificant
    ("  b\n  and\tc  ", "b=true; c=true", T),
];

#[test]
fn conditions_evaluate_as_the_table_says() {
    let mut failures = Vec::new();
    for (cond, spec, want) in EVAL_ROWS {
        let got = evaluate(cond, spec);
        if got != *want {
            failures.push(format!(
                "`{cond}` with [{spec}]: expected {want:?}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// (condition, message, caret line under the condition as written between the quotes).
#[rustfmt::skip]
const ERROR_ROWS: &[(&str, &str, &str)] = &[
    // syntax
    ("b and", "expected a fact, a [question] or a value, found the end of the condition",
     "     ^"),
    ("b = c", "use `==` to compare",
     "  ^"),
    ("b ! c", "use `!=` or `not`",
     "  ^"),
    ("[1.1 == 'yes'", "`[` is not closed by `]`",
     "^^^^^^^^^^^^^"),
    ("[] == 'yes'", "empty question id",
     "^^"),
    ("lvl == 'high", "string is not closed",
     "       ^^^^^"),
    ("b and (c or b", "expected `)`, found the end of the condition",
     "             ^"),
    ("b c", "expected `and`, `or` or the end of the condition, found `c`",
     "  ^"),
    ("b & c", "unexpected character `&`",
     "  ^"),
    ("n >= 1.2.3", "`1.2.3` is not a number",
     "     ^^^^^"),
    ("[1.1] is 'yes'", "expected `answered` after `is`, found the string 'yes'",
     "         ^^^^^"),
    ("lvl in 'low'", "expected `(` to start the list, found the string 'low'",
     "       ^^^^^"),
    ("lvl in ('low' 'high')", "expected `,` or `)`, found the string 'high'",
     "              ^^^^^^"),
    ("b and or c", "expected a fact, a [question] or a value, found the keyword `or`",
     "      ^^"),
    ("[G 1]. == 'yes'", "expected a row id after `.`, found `==`",
     "       ^^"),
    ("", "empty condition",
     "^"),
    // types and references
    ("nope", "unknown fact `nope`",
     "^^^^"),
    ("[9.9] == 'yes'", "unknown question [9.9]",
     "^^^^^"),
    ("[1.1] == 'maybe'", "'maybe' is not a value of scale `yes_no` (its values: yes, no)",
     "         ^^^^^^^"),
    ("lvl in ('low', 'huge')", "'huge' is not a value of scale `level` (its values: low, medium, high)",
     "               ^^^^^^"),
    ("circs contains 'old'", "'old' is not a value of scale `circ` (its values: risk, complex, young)",
     "               ^^^^^"),
    ("n == 'yes'", "cannot compare a number with the string 'yes'",
     "^^^^^^^^^^"),
    ("n and b", "expected a yes/no condition, found a number",
     "^"),
    ("lvl", "expected a yes/no condition, found a value of scale `level`",
     "^^^"),
    ("[G 1] == 'yes'", "[G 1] is a grid: name one of its rows, as in [G 1].row_id",
     "^^^^^"),
    ("[G 1].r3 == 'yes'", "[G 1] has no row `r3`",
     "^^^^^^^^"),
    ("[1.1].r1 == 'yes'", "[1.1] is not a grid, so it has no rows",
     "^^^^^^^^"),
    ("count(b, c)", "expected a yes/no condition, found a number",
     "^^^^^^^^^^^"),
    ("lvl contains 'low'", "`contains` tests a multiple-choice answer; for a single answer use `==` or `in`",
     "^^^"),
    ("b > 1", "cannot compare a yes/no condition with a number",
     "^^^^^"),
    ("d < 12", "cannot compare a date with a number",
     "^^^^^^"),
    ("[1.1] == lvl", "cannot compare a value of scale `yes_no` with a value of scale `level`",
     "^^^^^^^^^^^^"),
    // every error of a condition is reported, the first one first
    ("nope and [9.9] == 'x'", "unknown fact `nope`",
     "^^^^"),
];

#[test]
fn errors_name_the_line_and_column_and_show_a_caret() {
    let line = when_line();
    let gutter = " ".repeat(line.to_string().len());
    let mut failures = Vec::new();
    for (cond, message, caret) in ERROR_ROWS {
        let text = rules_text(cond);
        let report = match RuleSet::load(FILE, &text) {
            Ok(_) => {
                failures.push(format!("`{cond}` loaded, expected: {message}"));
                continue;
            }
            Err(r) => r.to_string(),
        };
        let column = "when = \"".len() + caret.find('^').expect("caret") + 1;
        let expected = format!(
            "error: {message}\n --> {FILE}:{line}:{column}\n{gutter} |\n{line} | when = \"{cond}\"\n{gutter} | {pad}{caret}\n",
            pad = " ".repeat("when = \"".len()),
        );
        if !report.starts_with(&expected) {
            failures.push(format!(
                "`{cond}`:\n--- expected (start of report)\n{expected}--- got\n{report}\n"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_condition_reports_all_of_its_errors() {
    let report = RuleSet::load(FILE, &rules_text("nope and [9.9] == 'x' and lvl == 'huge'"))
        .expect_err("errors");
    let messages: Vec<&str> = report.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "unknown fact `nope`",
            "unknown question [9.9]",
            "'huge' is not a value of scale `level` (its values: low, medium, high)",
        ]
    );
    assert!(
        report.to_string().ends_with("cond.toml: 3 errors"),
        "{report}"
    );
}

#[test]
fn a_condition_that_reads_its_own_question_is_a_cycle() {
    let report = RuleSet::load(FILE, &rules_text("[T] is answered")).expect_err("a cycle");
    assert_eq!(report.errors.len(), 1, "{report}");
    assert_eq!(
        report.errors[0].message,
        "applicability cycle: T -> T (each depends on the next)"
    );
    assert_eq!(report.errors[0].source_line, "id = \"T\"");
}

#[test]
fn canonical_print_of_each_table_condition_parses_back_the_same() {
    for (c, _, _) in EVAL_ROWS {
        let e = cond::parse(c).unwrap_or_else(|err| panic!("`{c}`: {err:?}"));
        let printed = e.to_string();
        let again = cond::parse(&printed).unwrap_or_else(|err| panic!("`{printed}`: {err:?}"));
        assert_eq!(e, again, "`{c}` printed as `{printed}`");
    }
}
