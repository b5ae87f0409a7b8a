//! Drafts and the export format: what an inspector records, and the JSON file that carries it.
//!
//! Takes answers, notes and hint decisions keyed by item id; gives a [`Draft`] that serialises to the
//! versioned export format documented in `docs/export-format.md`, and checks of a draft against a
//! rule set (values in scale, retired answers) for import and for rule-set changes.

use super::model::{AnswerType, Item, Rows, RuleSet};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The `format` string of an export file.
pub const EXPORT_FORMAT: &str = "case-assessor-export";
/// The schema version this code writes and reads.
pub const SCHEMA: u32 = 1;

/// An answer to a fact or question: an object with exactly one key, naming the answer's type, like
/// `{"choice": "yes"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Answer {
    /// yes (true) or no (false)
    Bool(bool),
    /// one value of the question's scale
    Choice(String),
    /// the values of the question's scale chosen
    Multi(Vec<String>),
    /// a multiple-choice question whose options the inspector names (`named = true` in the rule
    /// file): the values chosen, and the name given to each value. A value keeps its name when it is
    /// no longer chosen, so choosing it again brings the name back.
    Named {
        /// scale values chosen, in the order chosen
        chosen: Vec<String>,
        /// value -> the inspector's name for it (short free text)
        names: BTreeMap<String, String>,
    },
    /// row id to a value of the question's scale
    Grid(BTreeMap<String, String>),
    /// a number
    Number(f64),
    /// a date, YYYY-MM-DD
    Date(String),
    /// free text
    Text(String),
}

impl Answer {
    /// The answer a scale value stands for: `yes` / `no` for a yes/no item, else that choice.
    pub fn from_value(ty: &AnswerType, value: &str) -> Answer {
        match ty {
            AnswerType::Bool => Answer::Bool(value == "yes"),
            _ => Answer::Choice(value.to_string()),
        }
    }

    /// The values chosen in a multiple-choice answer (named or not).
    pub fn chosen(&self) -> Option<&[String]> {
        match self {
            Answer::Multi(v) | Answer::Named { chosen: v, .. } => Some(v),
            _ => None,
        }
    }

    /// The scale value of a yes/no or single-choice answer (`yes` / `no` for yes/no), as hints and
    /// forcing rules name it.
    pub fn value(&self) -> Option<&str> {
        match self {
            Answer::Choice(v) => Some(v),
            Answer::Bool(b) => Some(if *b { "yes" } else { "no" }),
            _ => None,
        }
    }
}

/// The longest name an inspector may give a named option, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// Whether `name` can name an option of a named multiple-choice question; the message when not.
pub fn check_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        Err("a name must not be empty".into())
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(format!(
            "a name must be at most {MAX_NAME_CHARS} characters"
        ))
    } else {
        Ok(())
    }
}

/// Whether `n` is a number within `min` and `max`; the message to show when it is not.
pub fn check_number(n: f64, min: Option<f64>, max: Option<f64>) -> Result<(), String> {
    if !n.is_finite() {
        return Err("Enter a number, like 12".into());
    }
    match (min, max) {
        (Some(lo), Some(hi)) if n < lo || n > hi => {
            Err(format!("Enter a number from {lo} to {hi}"))
        }
        (Some(lo), None) if n < lo => Err(format!("Enter a number of at least {lo}")),
        (None, Some(hi)) if n > hi => Err(format!("Enter a number of at most {hi}")),
        _ => Ok(()),
    }
}

/// Reads what was typed in a number box: `None` for an empty box, else the number within `min` and
/// `max`, or the message to show.
pub fn read_number(text: &str, min: Option<f64>, max: Option<f64>) -> Result<Option<f64>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let n: f64 = t
        .parse()
        .map_err(|_| "Enter a number, like 12".to_string())?;
    check_number(n, min, max).map(|()| Some(n))
}

/// The label the inspector sees for value `v` of `item`'s scale ("Yes" / "No" for a yes/no item; the
/// value itself if the scale lacks it).
pub fn value_label(rules: &RuleSet, item: &Item, v: &str) -> String {
    match (rules.scale_of(item).and_then(|s| s.option(v)), v) {
        (Some(o), _) => o.label.clone(),
        (None, "yes") if matches!(item.answer, AnswerType::Bool) => "Yes".into(),
        (None, "no") if matches!(item.answer, AnswerType::Bool) => "No".into(),
        (None, _) => v.to_string(),
    }
}

/// Which rule set (and which version of its file) a draft was made with, as it was when the draft
/// was last saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RuleSetRef {
    /// The rule set's `meta.id`.
    pub id: String,
    /// The rule set's `meta.version`.
    pub version: String,
    /// The FNV-1a 64-bit hash of the rule file, in hexadecimal.
    pub hash: String,
}

/// What the inspector did with a hint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HintDecision {
    /// The suggested value the decision was about.
    pub suggested: String,
    /// `used` or `overridden`.
    pub decision: Decision,
    /// Why the inspector answered differently (may be empty).
    #[serde(default)]
    pub reason: String,
}

/// Used or overridden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// The suggestion was taken.
    Used,
    /// The inspector answered otherwise.
    Overridden,
}

/// One assessment of one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// The draft's id in the browser it came from: letters, digits, '-' and '_'.
    pub id: String,
    /// The inspector's case reference (never personal data).
    pub case_ref: String,
    /// The rule set it was made with.
    pub rule_set: RuleSetRef,
    /// Created, milliseconds since 1970.
    pub created: f64,
    /// Last changed, milliseconds since 1970.
    pub updated: f64,
    /// Answers by fact id or printed question id. Kept when a question does not apply, or is no
    /// longer in the rule set.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// Notes and evidence by question id.
    #[serde(default)]
    pub notes: BTreeMap<String, String>,
    /// Hint decisions by question id.
    #[serde(default)]
    pub hint_decisions: BTreeMap<String, HintDecision>,
}

/// A Case Assessor export: one assessment (draft) or many. See docs/export-format.md.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExportFile {
    /// What the file is: always `case-assessor-export`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("const" = EXPORT_FORMAT)))]
    pub format: String,
    /// The version of the export format. A file with another version is refused, never guessed at.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("const" = SCHEMA)))]
    pub schema: u32,
    /// When exported, milliseconds since 1970.
    pub exported: f64,
    /// The drafts: one (an assessment exported on its own) or many ("export all").
    pub drafts: Vec<Draft>,
}

impl Draft {
    /// A new, empty draft for a rule set.
    pub fn new(id: String, case_ref: String, rules: &RuleSet, now: f64) -> Draft {
        Draft {
            id,
            case_ref,
            rule_set: RuleSetRef {
                id: rules.meta.id.to_string(),
                version: rules.meta.version.clone(),
                hash: rules.hash.clone(),
            },
            created: now,
            updated: now,
            answers: BTreeMap::new(),
            notes: BTreeMap::new(),
            hint_decisions: BTreeMap::new(),
        }
    }

    /// A copy of this draft under a new id, its case reference marked "(copy)", created now. Answers,
    /// notes and hint decisions are copied as they are.
    pub fn duplicate(&self, id: String, now: f64) -> Draft {
        Draft {
            id,
            case_ref: format!("{} (copy)", self.case_ref),
            created: now,
            updated: now,
            ..self.clone()
        }
    }

    /// Answers this version of the rule set cannot take: to questions it no longer has, or (in a
    /// draft made with another version) with a value it no longer offers. Kept, shown as retired, read
    /// as unanswered.
    pub fn retired<'a>(&'a self, rules: &RuleSet) -> Vec<(&'a str, &'a Answer)> {
        self.answers
            .iter()
            .filter(|(id, a)| {
                rules
                    .item(id)
                    .is_none_or(|item| check_answer(rules, item, a).is_err())
            })
            .map(|(id, a)| (id.as_str(), a))
            .collect()
    }

    /// Checks every answer against the rule set. Unknown ids are not problems (they are retired), nor
    /// are values this version no longer offers in a draft made with another version.
    pub fn problems(&self, rules: &RuleSet) -> Vec<Problem> {
        let mut out = Vec::new();
        if self.rule_set.hash != rules.hash {
            return out;
        }
        for (id, a) in &self.answers {
            if let Some(item) = rules.item(id) {
                if let Err(m) = check_answer(rules, item, a) {
                    out.push(Problem {
                        path: format!("answers.{id}"),
                        message: m,
                    });
                }
            }
        }
        out
    }
}

/// Something wrong in a draft, with its path in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where, like `drafts[0].answers.2.1.03`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// Checks that an answer fits its item's type and scale.
pub fn check_answer(rules: &RuleSet, item: &Item, a: &Answer) -> Result<(), String> {
    let in_scale = |v: &str| rules.scale_of(item).is_some_and(|s| s.option(v).is_some());
    let values = || {
        rules
            .scale_of(item)
            .map(|s| {
                s.options
                    .iter()
                    .map(|o| o.value.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    match (&item.answer, a) {
        (AnswerType::Bool, Answer::Bool(_)) | (AnswerType::Text, Answer::Text(_)) => Ok(()),
        (AnswerType::Choice { other: Some(_), .. }, Answer::Text(t)) => {
            if t.trim().is_empty() {
                Err("the answer typed must not be empty".into())
            } else {
                Ok(())
            }
        }
        (AnswerType::Choice { .. }, Answer::Choice(v)) => {
            if in_scale(v) {
                Ok(())
            } else {
                Err(format!("'{v}' is not one of: {}", values()))
            }
        }
        (
            AnswerType::Multi {
                max_choices,
                named: true,
                ..
            },
            Answer::Named { chosen, names },
        ) => {
            for (v, name) in names {
                if !in_scale(v) {
                    return Err(format!("'{v}' is not one of: {}", values()));
                }
                check_name(name).map_err(|m| format!("'{v}': {m}"))?;
            }
            check_chosen(chosen, *max_choices, &in_scale, &values)
        }
        (AnswerType::Multi { named: false, .. }, Answer::Named { .. }) => {
            Err("this question does not take names".into())
        }
        (AnswerType::Multi { max_choices, .. }, Answer::Multi(vs)) => {
            check_chosen(vs, *max_choices, &in_scale, &values)
        }
        (AnswerType::Grid { rows, .. }, Answer::Grid(map)) => {
            for (row, v) in map {
                let fixed = match rows {
                    Rows::Fixed(rs) => match rs.iter().find(|r| &r.id == row) {
                        Some(r) => Some(r),
                        None => return Err(format!("there is no row '{row}'")),
                    },
                    Rows::From(src) => {
                        if rules
                            .scale_of(&rules.items[*src])
                            .is_none_or(|s| s.option(row).is_none())
                        {
                            return Err(format!("there is no row '{row}'"));
                        }
                        None
                    }
                };
                if !in_scale(v) {
                    return Err(format!("row '{row}': '{v}' is not one of: {}", values()));
                }
                if let Some(r) = fixed.filter(|r| !r.offers(v)) {
                    let offered = r.options.as_deref().unwrap_or_default().join(", ");
                    return Err(format!(
                        "row '{row}': '{v}' is not offered on this row (it offers: {offered})"
                    ));
                }
            }
            Ok(())
        }
        (AnswerType::Number { min, max, .. }, Answer::Number(n)) => check_number(*n, *min, *max),
        (AnswerType::Date, Answer::Date(d)) => {
            if is_iso_date(d) {
                Ok(())
            } else {
                Err(format!("'{d}' is not a date (YYYY-MM-DD)"))
            }
        }
        (t, _) => Err(format!("expected {} answer", type_name(t))),
    }
}

/// Checks the values chosen in a multiple-choice answer: each in the scale, none twice, not too many.
fn check_chosen(
    vs: &[String],
    max_choices: Option<u32>,
    in_scale: &dyn Fn(&str) -> bool,
    values: &dyn Fn() -> String,
) -> Result<(), String> {
    if let Some(v) = vs.iter().find(|v| !in_scale(v)) {
        return Err(format!("'{v}' is not one of: {}", values()));
    }
    let mut sorted = vs.to_vec();
    sorted.sort();
    sorted.dedup();
    if sorted.len() != vs.len() {
        return Err("a value is chosen twice".into());
    }
    match max_choices {
        Some(m) if vs.len() > m as usize => Err(format!("at most {m} may be chosen")),
        _ => Ok(()),
    }
}

fn type_name(t: &AnswerType) -> &'static str {
    match t {
        AnswerType::Bool => "a yes/no",
        AnswerType::Choice { .. } => "a single-choice",
        AnswerType::Multi { .. } => "a multiple-choice",
        AnswerType::Grid { .. } => "a grid",
        AnswerType::Number { .. } => "a number",
        AnswerType::Date => "a date",
        AnswerType::Text => "a text",
    }
}

/// True for a valid 'YYYY-MM-DD' calendar date.
pub fn is_iso_date(d: &str) -> bool {
    let b = d.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| {
        d.get(r).and_then(|s| {
            s.parse::<u32>()
                .ok()
                .filter(|_| s.bytes().all(|c| c.is_ascii_digit()))
        })
    };
    match (num(0..4), num(5..7), num(8..10)) {
        (Some(y), Some(m), Some(day)) => {
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let days = [
                31,
                if leap { 29 } else { 28 },
                31,
                30,
                31,
                30,
                31,
                31,
                30,
                31,
                30,
                31,
            ];
            (1..=12).contains(&m) && day >= 1 && day <= days[(m - 1) as usize]
        }
        _ => false,
    }
}

/// The answer as the inspector would read it (scale labels, not values; the names the inspector
/// gave, in `draft`, for named options and the rows that come from them).
pub fn display_answer(rules: &RuleSet, draft: &Draft, item: &Item, a: &Answer) -> String {
    let label = |v: &str| value_label(rules, item, v);
    match a {
        Answer::Bool(b) => (if *b { "Yes" } else { "No" }).to_string(),
        Answer::Choice(v) => label(v),
        Answer::Multi(vs) | Answer::Named { chosen: vs, .. } if vs.is_empty() => "None".to_string(),
        Answer::Multi(vs) => vs.iter().map(|v| label(v)).collect::<Vec<_>>().join("; "),
        Answer::Named { chosen, names } => chosen
            .iter()
            .map(|v| names.get(v).cloned().unwrap_or_else(|| label(v)))
            .collect::<Vec<_>>()
            .join("; "),
        Answer::Grid(map) => map
            .iter()
            .map(|(r, v)| format!("{}: {}", row_label(rules, draft, item, r), label(v)))
            .collect::<Vec<_>>()
            .join("; "),
        Answer::Number(n) => format!("{n}"),
        Answer::Date(d) | Answer::Text(d) => d.clone(),
    }
}

/// What option `v` of multiple-choice `item` is called in `draft`: the inspector's name for it when
/// the question is named and a name was given, else its label in the scale.
pub fn option_name(rules: &RuleSet, draft: &Draft, item: &Item, v: &str) -> String {
    match draft.answers.get(item.id.as_str()) {
        Some(Answer::Named { names, .. }) => names
            .get(v)
            .cloned()
            .unwrap_or_else(|| value_label(rules, item, v)),
        _ => value_label(rules, item, v),
    }
}

/// The label of row `r` of grid `item` (the row's id when the rule set does not name it; for rows
/// from a named question, the name the inspector gave in `draft`).
pub fn row_label(rules: &RuleSet, draft: &Draft, item: &Item, r: &str) -> String {
    match &item.answer {
        AnswerType::Grid {
            rows: Rows::Fixed(rows),
            ..
        } => rows
            .iter()
            .find(|x| x.id == r)
            .map_or_else(|| r.to_string(), |x| x.label.clone()),
        AnswerType::Grid {
            rows: Rows::From(src),
            ..
        } => option_name(rules, draft, &rules.items[*src], r),
        _ => r.to_string(),
    }
}

/// Largest import accepted, in bytes.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// Reads an export file, checking its size, structure and schema. Rule-set checks come after, per
/// draft, with [`Draft::problems`].
pub fn parse_export(text: &str) -> Result<ExportFile, Problem> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(Problem {
            path: String::new(),
            message: format!(
                "the file is larger than the {} MB limit",
                MAX_IMPORT_BYTES / 1024 / 1024
            ),
        });
    }
    let probe: serde_json::Value = serde_json::from_str(text).map_err(|e| Problem {
        path: String::new(),
        message: format!(
            "not valid JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        ),
    })?;
    if probe.get("format").and_then(|f| f.as_str()) != Some(EXPORT_FORMAT) {
        return Err(Problem {
            path: "format".into(),
            message: format!(
                "this is not a Case Assessor export (expected format \"{EXPORT_FORMAT}\")"
            ),
        });
    }
    match probe.get("schema").and_then(|s| s.as_u64()) {
        Some(s) if s == u64::from(SCHEMA) => {}
        Some(s) => {
            return Err(Problem {
                path: "schema".into(),
                message: format!("schema {s} is not supported (this version reads {SCHEMA})"),
            })
        }
        None => {
            return Err(Problem {
                path: "schema".into(),
                message: "missing schema version".into(),
            })
        }
    }
    let mut track = serde_path_to_error::Track::new();
    let de = serde_path_to_error::Deserializer::new(probe, &mut track);
    ExportFile::deserialize(de).map_err(|e| Problem {
        path: track.path().to_string(),
        message: e.to_string(),
    })
}

impl ExportFile {
    /// An export of these drafts.
    pub fn new(drafts: Vec<Draft>, now: f64) -> ExportFile {
        ExportFile {
            format: EXPORT_FORMAT.into(),
            schema: SCHEMA,
            exported: now,
            drafts,
        }
    }

    /// A file name for an export of the case `case_ref`: only letters, digits and `-` kept.
    pub fn file_name(case_ref: &str) -> String {
        format!("{}.json", Self::file_stem(case_ref))
    }

    /// The name, without extension, of any file about the case `case_ref` (JSON export, CSV): only
    /// letters, digits and `-` of the reference kept, anything else made `_`.
    pub fn file_stem(case_ref: &str) -> String {
        let safe: String = case_ref
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        format!("assessment-{safe}")
    }

    /// Pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Checks every draft of an import against its rule set. `rules_for` gives the rule set of an id, or
/// `None` when this app does not have it. Gives every problem, each with its path in the file.
pub fn validate_import<'a>(
    file: &ExportFile,
    rules_for: impl Fn(&str) -> Option<&'a RuleSet>,
) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for (i, d) in file.drafts.iter().enumerate() {
        let at = |p: &str| {
            if p.is_empty() {
                format!("drafts[{i}]")
            } else {
                format!("drafts[{i}].{p}")
            }
        };
        if d.id.trim().is_empty()
            || d.id.len() > 100
            || !d
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            out.push(Problem {
                path: at("id"),
                message: "a draft id must be letters, digits, '-' and '_' (at most 100)".into(),
            });
        }
        if !ids.insert(d.id.clone()) {
            out.push(Problem {
                path: at("id"),
                message: format!("the draft id {} appears twice in the file", d.id),
            });
        }
        match rules_for(&d.rule_set.id) {
            None => out.push(Problem {
                path: at("rule_set.id"),
                message: format!(
                    "the rule set \"{}\" is not available in this app",
                    d.rule_set.id
                ),
            }),
            Some(rules) => {
                for p in d.problems(rules) {
                    out.push(Problem {
                        path: at(&p.path),
                        message: p.message,
                    });
                }
                for id in d.notes.keys().chain(d.hint_decisions.keys()) {
                    if rules.item_ix(id).is_none() && !d.answers.contains_key(id) {
                        out.push(Problem {
                            path: at(&format!("notes.{id}")),
                            message: format!("there is no question {id} in this rule set"),
                        });
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_typed_are_read_within_their_range() {
        assert_eq!(read_number(" 12 ", Some(0.0), None), Ok(Some(12.0)));
        assert_eq!(read_number("", Some(0.0), None), Ok(None));
        assert_eq!(
            read_number("twelve", None, None),
            Err("Enter a number, like 12".into())
        );
        assert_eq!(
            read_number("NaN", None, None),
            Err("Enter a number, like 12".into())
        );
        assert_eq!(
            read_number("-1", Some(0.0), Some(120.0)),
            Err("Enter a number from 0 to 120".into())
        );
        assert_eq!(
            read_number("-1", Some(0.0), None),
            Err("Enter a number of at least 0".into())
        );
        assert_eq!(
            read_number("5", None, Some(4.0)),
            Err("Enter a number of at most 4".into())
        );
    }

    #[test]
    fn answers_from_values_and_back() {
        assert_eq!(
            Answer::from_value(&AnswerType::Bool, "yes"),
            Answer::Bool(true)
        );
        assert_eq!(
            Answer::from_value(&AnswerType::Bool, "no"),
            Answer::Bool(false)
        );
        let choice = AnswerType::Choice {
            other: None,
            scale: crate::engine::model::Idx::new(0),
        };
        assert_eq!(
            Answer::from_value(&choice, "no_should"),
            Answer::Choice("no_should".into())
        );
        assert_eq!(Answer::Bool(true).value(), Some("yes"));
        assert_eq!(Answer::Choice("x".into()).value(), Some("x"));
        assert_eq!(Answer::Number(1.0).value(), None);
    }

    #[test]
    fn a_duplicate_has_a_new_id_and_time_and_the_same_work() {
        let rules = RuleSet::load(
            "example.toml",
            include_str!("../../tests/fixtures/example.toml"),
        )
        .expect("fixture");
        let mut d = Draft::new("a".into(), "CASE".into(), &rules, 1.0);
        d.notes.insert("2.1.11".into(), "note".into());
        let c = d.duplicate("b".into(), 9.0);
        assert_eq!((c.id.as_str(), c.case_ref.as_str()), ("b", "CASE (copy)"));
        assert_eq!((c.created, c.updated), (9.0, 9.0));
        assert_eq!(
            (c.notes, c.answers, c.rule_set),
            (d.notes, d.answers, d.rule_set)
        );
    }

    fn rules() -> RuleSet {
        crate::authoring::fixture()
    }

    #[test]
    fn export_then_import_is_identical() {
        let r = rules();
        let mut d = Draft::new("a-1".into(), "Case <script>".into(), &r, 5.0);
        d.answers
            .insert("2.1.11".into(), Answer::Choice("yes".into()));
        d.answers.insert(
            "EX.1".into(),
            Answer::Grid([("public".to_string(), "no".to_string())].into()),
        );
        d.answers
            .insert("gone".into(), Answer::Text("retired answer".into()));
        d.notes.insert("2.1.11".into(), "<b>note</b>".into());
        let json = ExportFile::new(vec![d.clone()], 9.0).to_json();
        let back = parse_export(&json).expect("parses");
        assert_eq!(back.drafts, vec![d]);
        assert!(validate_import(&back, |id| (id == "example").then_some(&r)).is_empty());
    }

    #[test]
    fn import_problems_name_their_path() {
        let r = rules();
        let mut d = Draft::new("a-1".into(), "c".into(), &r, 5.0);
        d.answers
            .insert("2.1.11".into(), Answer::Choice("maybe".into()));
        d.answers
            .insert("custody_months".into(), Answer::Text("ten".into()));
        let mut other = d.clone();
        other.rule_set.id = "unknown".into();
        let file = ExportFile::new(vec![d, other], 0.0);
        let problems = validate_import(&file, |id| (id == "example").then_some(&r));
        let shown: Vec<String> = problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect();
        assert!(
            shown.contains(&"drafts[0].answers.2.1.11: 'maybe' is not one of: yes, no".to_string()),
            "{shown:?}"
        );
        assert!(
            shown.contains(
                &"drafts[0].answers.custody_months: expected a number answer".to_string()
            ),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|s| s.starts_with("drafts[1].id: the draft id a-1 appears twice")),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|s| s.starts_with("drafts[1].rule_set.id: the rule set \"unknown\"")),
            "{shown:?}"
        );
    }

    #[test]
    fn malformed_imports_are_refused_with_a_reason() {
        let cases = [
            ("not json", "not valid JSON"),
            ("{\"format\":\"other\"}", "not a Case Assessor export"),
            ("{\"format\":\"case-assessor-export\",\"schema\":99}", "schema 99 is not supported"),
            ("{\"format\":\"case-assessor-export\",\"schema\":1,\"exported\":0,\"drafts\":[{\"id\":1}]}", "invalid type"),
            ("{\"format\":\"case-assessor-export\",\"schema\":1,\"exported\":0,\"drafts\":[],\"extra\":1}", "unknown field"),
        ];
        for (text, want) in cases {
            let err = parse_export(text).expect_err(text);
            assert!(err.message.contains(want), "{text}: {err:?}");
        }
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(
            parse_export(&deep).is_err(),
            "deep nesting is refused, not a stack overflow"
        );
        let big = " ".repeat(MAX_IMPORT_BYTES + 1);
        assert!(parse_export(&big)
            .expect_err("too big")
            .message
            .contains("larger than"));
    }
}
