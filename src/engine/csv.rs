//! CSV export of one assessment: one row per fact and question, then one per retired answer.
//! The first column names each row as the inspector knows it: a question by its printed id, a case
//! fact by its label (fact ids are the rule file's, never shown). `docs/export-format.md` describes
//! the columns. A weighed question's row gives its weight class, a summary's its tally (per weight
//! class when the rule set has weights); a judgement fact's row gives its question's section.
//!
//! Takes a [`RuleSet`], a [`Draft`] and its [`Evaluation`]; gives RFC 4180 text (CRLF line ends,
//! fields quoted when they hold a comma, quote or line break) that is safe to open in a spreadsheet:
//! a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` so it is
//! never run as a formula. The text starts with a byte-order mark so spreadsheets read it as UTF-8.

use super::draft::{display_answer, Draft};
use super::evaluate::Evaluation;
use super::model::{Kind, RuleSet};
use super::present::{retired_answers, tally_text};

/// The header row.
pub const HEADER: [&str; 9] = [
    "question",
    "section",
    "kind",
    "applicable",
    "answer",
    "hint",
    "notes",
    "weight",
    "tally",
];

/// One cell: neutralised against formulas, then quoted if needed.
pub fn cell(s: &str) -> String {
    let safe = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if safe.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

/// One CSV line of `cells`, each quoted by [`cell`], ended with CRLF.
pub(crate) fn row(out: &mut String, cells: &[&str]) {
    let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

/// The assessment as CSV.
pub fn export(rules: &RuleSet, draft: &Draft, eval: &Evaluation) -> String {
    let mut out = String::from("\u{feff}");
    row(&mut out, &HEADER);
    for (ix, item) in rules.items.iter_enumerated() {
        let section = rules
            .shown_in(ix)
            .and_then(|s| rules.sections.get(s))
            .map_or("Case facts", |s| s.title.as_str());
        let st = eval.items.get(ix);
        let applies = st.is_none_or(|s| s.applies);
        let answer = draft
            .answers
            .get(item.id.as_str())
            .map(|a| display_answer(rules, draft, item, a))
            .unwrap_or_default();
        let hint = item
            .hints
            .iter()
            .zip(eval.hints.get(ix).map(Vec::as_slice).unwrap_or_default())
            .filter(|(_, s)| s.active)
            .filter_map(|(h, _)| h.suggest.as_deref())
            .map(|v| {
                rules
                    .scale_of(item)
                    .and_then(|s| s.option(v))
                    .map_or_else(|| v.to_string(), |o| o.label.clone())
            })
            .collect::<Vec<_>>()
            .join("; ");
        let notes = draft.notes.get(item.id.as_str()).map_or("", String::as_str);
        let name = if item.kind == Kind::Fact {
            item.text.as_str()
        } else {
            item.id.as_str()
        };
        let kind = match item.beside {
            Some(q) => format!("Your finding for {}", rules.items[q].id),
            None => item.kind.label().to_string(),
        };
        let weight = item.weight.map_or("", |w| rules.weights[w].label.as_str());
        let tally = eval
            .tallies
            .get(ix)
            .and_then(Option::as_ref)
            .map(|t| tally_text(rules, t))
            .unwrap_or_default();
        row(
            &mut out,
            &[
                name,
                section,
                &kind,
                if applies { "Yes" } else { "No" },
                &answer,
                &hint,
                notes,
                weight,
                &tally,
            ],
        );
    }
    for r in retired_answers(rules, draft) {
        let notes = draft.notes.get(&r.id).map_or("", String::as_str);
        row(
            &mut out,
            &[
                &r.question,
                "Retired answers",
                "Retired",
                "No",
                &r.answer,
                "",
                notes,
                "",
                "",
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::assessment::Assessment;
    use crate::engine::Answer;
    use std::sync::Arc;

    fn example() -> Assessment {
        let rules = Arc::new(crate::authoring::fixture());
        let d = Draft::new("d".into(), "c".into(), &rules, 0.0);
        Assessment::new(rules, d)
    }

    /// Splits RFC 4180 text into records of fields (a small reader, for the tests).
    fn parse(text: &str) -> Vec<Vec<String>> {
        let mut rows = vec![];
        let mut row = vec![];
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut field)),
                (false, '\r') => {}
                (false, '\n') => {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => field.push(c),
            }
        }
        rows
    }

    #[test]
    fn cells_are_quoted_and_neutralised() {
        let cases = [
            ("plain", "plain"),
            ("", ""),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@cmd", "'@cmd"),
            ("\tx", "'\tx"),
            ("=a,b", "\"'=a,b\""),
            ("a=b", "a=b"),
        ];
        for (input, want) in cases {
            assert_eq!(cell(input), want, "{input:?}");
        }
    }

    #[test]
    fn one_row_per_item_with_answers_hints_and_notes() {
        let mut a = example();
        a.set_answer(
            "report_circumstances",
            Some(Answer::Multi(vec!["risk".into()])),
            1.0,
        );
        a.set_answer("psr_in_region_12m", Some(Answer::Bool(true)), 1.0);
        a.set_answer("2.1.11", Some(Answer::Choice("yes".into())), 1.0);
        a.set_note("2.1.11", "Seen, \"clearly\"\nsecond line".into(), 1.0);
        a.set_note("2.1.12", "=HYPERLINK(\"x\")".into(), 1.0);
        // A retired answer (to a question the rule set no longer has), as an older draft carries.
        let mut draft = a.draft().clone();
        draft
            .answers
            .insert("9.9.9".into(), Answer::Choice("yes".into()));
        let a = Assessment::new(a.rules().clone(), draft);
        let text = export(a.rules(), a.draft(), a.eval());
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("\r\n"));
        let rows = parse(&text);
        assert_eq!(rows[0], HEADER);
        assert_eq!(rows.len(), 1 + a.rules().items.len() + 1);
        let find = |id: &str| rows.iter().find(|r| r[0] == id).expect(id).clone();
        assert_eq!(
            find("2.1.11"),
            [
                "2.1.11",
                "Court work",
                "Prompt question",
                "Yes",
                "Yes",
                "",
                "Seen, \"clearly\"\nsecond line",
                "",
                ""
            ]
        );
        assert_eq!(find("2.1.12")[6], "'=HYPERLINK(\"x\")");
        let q = find("2.0.24");
        assert_eq!(q[1], "Information about the case");
        assert_eq!(q[3], "Yes");
        assert_eq!(q[5], "No, and should have been");
        let fact = a.rules().item("report_circumstances").unwrap();
        let f = find(&fact.text);
        assert_eq!(f[1], "Case facts");
        assert_eq!(f[4], "There are significant risks to other people");
        let r = find("9.9.9");
        assert_eq!(r[1], "Retired answers");
        assert_eq!(
            r[4],
            format!("Yes {}", crate::engine::present::EARLIER_VERSION)
        );
        // No row is named by a fact id (snake_case).
        for r in &rows[1..] {
            assert!(!r[0].contains('_'), "{:?}", r[0]);
        }
    }
}
