//! Across assessments: an inspection's figures from many cases, and assessors compared on one case.
//!
//! Takes one [`RuleSet`] and many [`Draft`]s (drafts saved in this browser and drafts read from export
//! files); gives a [`Collection`] (the cases, each evaluated once, with duplicates counted once, files
//! refused with their reason and answers a newer version of the rule set no longer takes), a
//! [`Summary`] of it (per key question and per question, optionally for the cases matching a
//! [`Filter`] of case facts) and a [`Comparison`] of two or more assessments of the same case
//! (answers side by side, agreement, Cohen's kappa, a reference's view of each trainee). Every figure
//! keeps the cases behind it, so a page can link each number to its cases. Counts and percentages
//! only: nothing here turns them into a rating.

use super::assessment::Assessment;
use super::csv::row;
use super::draft::{display_answer, parse_export, validate_import, Answer, Draft};
use super::markup;
use super::model::{AnswerType, Idx, ItemIx, Kind, Polarity, RuleSet, SectionIx};
use super::present::{not_followed, retired_answer};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// Where a case came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A draft saved in this browser.
    Local,
    /// A draft read from an export file of this name (read, not stored).
    File(String),
}

/// One assessment in a collection.
#[derive(Debug, Clone)]
pub struct Case {
    /// Where it came from.
    pub source: Source,
    /// What to call it on a page: the case reference and where it came from.
    pub label: String,
    /// The draft evaluated against the collection's rule set.
    pub assessment: Assessment,
}

impl Case {
    /// The draft.
    pub fn draft(&self) -> &Draft {
        self.assessment.draft()
    }
}

/// A file (or draft) left out, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The file name (or the case reference of a draft).
    pub name: String,
    /// Why it was left out, in words for the user.
    pub reason: String,
}

/// An answer the rule set no longer takes (a question it no longer has, or a value it no longer
/// offers): kept in the draft, not counted, and reported.
#[derive(Debug, Clone, PartialEq)]
pub struct Retired {
    /// Index of the case in [`Collection::cases`].
    pub case: usize,
    /// The question id as the draft has it (never shown).
    pub id: String,
    /// What it answered, in the inspector's words ([`retired_answer`]).
    pub question: String,
    /// The answer in words, marked as from an earlier version ([`retired_answer`]).
    pub answer: String,
}

/// The cases to summarise or compare, all of one rule set.
#[derive(Debug, Clone)]
pub struct Collection {
    /// The rule set every case is read against.
    pub rules: Arc<RuleSet>,
    /// The cases, each counted once.
    pub cases: Vec<Case>,
    /// Drafts given more than once (same draft id and same work): labels of the copies left out.
    pub duplicates: Vec<String>,
    /// Drafts given twice with the same id but different work: the older copy is left out; labels.
    pub superseded: Vec<String>,
    /// Files and drafts left out, with the reason.
    pub rejected: Vec<Rejected>,
    /// Answers not counted because this version of the rule set no longer takes them.
    pub retired: Vec<Retired>,
    /// How many cases were made with each version of the rule set (version -> count).
    pub versions: BTreeMap<String, usize>,
}

/// Reads an export file for a collection of rule set `rules`: its drafts, or why the file is left
/// out (over the size limit, not an export, malformed, of another rule set, answers that do not fit).
pub fn read_file(text: &str, rules: &RuleSet) -> Result<Vec<Draft>, String> {
    let file = parse_export(text).map_err(|p| {
        if p.path.is_empty() {
            p.message
        } else {
            format!("{}: {}", p.path, p.message)
        }
    })?;
    if file.drafts.is_empty() {
        return Err("the file holds no assessments".into());
    }
    if let Some(d) = file.drafts.iter().find(|d| d.rule_set.id != rules.meta.id) {
        return Err(format!(
            "it is an assessment against another rule set (\"{}\")",
            d.rule_set.id
        ));
    }
    let problems = validate_import(&file, |id| (id == rules.meta.id).then_some(rules));
    if let Some(p) = problems.first() {
        return Err(format!("{}: {}", p.path, p.message));
    }
    Ok(file.drafts)
}

/// Same draft and same work: everything but the time it was last changed.
fn same_work(a: &Draft, b: &Draft) -> bool {
    a.id == b.id
        && a.case_ref == b.case_ref
        && a.rule_set == b.rule_set
        && a.answers == b.answers
        && a.notes == b.notes
        && a.hint_decisions == b.hint_decisions
}

fn label_of(draft: &Draft, source: &Source) -> String {
    let case = if draft.case_ref.trim().is_empty() {
        "(no case reference)"
    } else {
        draft.case_ref.as_str()
    };
    match source {
        Source::Local => format!("{case} (saved in this browser)"),
        Source::File(f) => format!("{case} (from {f})"),
    }
}

impl Collection {
    /// Collects `inputs` for rule set `rules`. A draft of another rule set is left out with its
    /// reason; the same draft given twice with the same work counts once (listed in
    /// [`Collection::duplicates`]); given twice with different work, the later-changed copy counts
    /// (the other listed in [`Collection::superseded`]). Answers from another version of the rule set
    /// are read by question id; those it no longer takes are listed in [`Collection::retired`].
    pub fn new(rules: Arc<RuleSet>, inputs: Vec<(Source, Draft)>) -> Collection {
        let mut kept: Vec<(Source, Draft)> = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut duplicates = Vec::new();
        let mut superseded = Vec::new();
        let mut rejected = Vec::new();
        for (source, draft) in inputs {
            if draft.rule_set.id != rules.meta.id {
                rejected.push(Rejected {
                    name: label_of(&draft, &source),
                    reason: format!(
                        "it is an assessment against another rule set (\"{}\")",
                        draft.rule_set.id
                    ),
                });
                continue;
            }
            match by_id.get(&draft.id) {
                Some(&k) if same_work(&kept[k].1, &draft) => {
                    duplicates.push(label_of(&draft, &source));
                }
                Some(&k) => {
                    if draft.updated > kept[k].1.updated {
                        superseded.push(label_of(&kept[k].1, &kept[k].0));
                        kept[k] = (source, draft);
                    } else {
                        superseded.push(label_of(&draft, &source));
                    }
                }
                None => {
                    by_id.insert(draft.id.clone(), kept.len());
                    kept.push((source, draft));
                }
            }
        }
        let mut retired = Vec::new();
        let mut versions = BTreeMap::new();
        let cases: Vec<Case> = kept
            .into_iter()
            .enumerate()
            .map(|(i, (source, draft))| {
                *versions
                    .entry(draft.rule_set.version.clone())
                    .or_insert(0usize) += 1;
                let assessment = Assessment::new(rules.clone(), draft);
                // Retired, as `Draft::retired` says, read off the evaluation: a question this version
                // does not have, or an answer it did not take.
                let d = assessment.draft();
                for (id, a) in &d.answers {
                    if rules
                        .item_ix(id)
                        .is_some_and(|ix| assessment.eval().answer(ix).is_some())
                    {
                        continue;
                    }
                    let shown = retired_answer(&rules, d, id, a);
                    retired.push(Retired {
                        case: i,
                        id: shown.id,
                        question: shown.question,
                        answer: shown.answer,
                    });
                }
                Case {
                    label: label_of(assessment.draft(), &source),
                    source,
                    assessment,
                }
            })
            .collect();
        Collection {
            rules,
            cases,
            duplicates,
            superseded,
            rejected,
            retired,
            versions,
        }
    }

    /// The case references shared by two or more cases, with their cases (for choosing a comparison).
    pub fn shared_case_refs(&self) -> Vec<(String, Vec<usize>)> {
        let mut by: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, c) in self.cases.iter().enumerate() {
            by.entry(c.draft().case_ref.trim().to_string())
                .or_default()
                .push(i);
        }
        by.into_iter().filter(|(_, v)| v.len() > 1).collect()
    }

    /// The case facts a filter can name: yes/no and single-choice facts, with their values and labels
    /// (judgement facts, the inspector's findings on one question, are not case facts).
    pub fn filterable_facts(&self) -> Vec<(ItemIx, Vec<(String, String)>)> {
        let rules = &self.rules;
        rules
            .case_facts()
            .filter_map(|(ix, item)| {
                let values = match &item.answer {
                    AnswerType::Bool => vec![
                        ("yes".to_string(), "Yes".to_string()),
                        ("no".to_string(), "No".to_string()),
                    ],
                    AnswerType::Choice { .. } | AnswerType::Multi { .. } => rules
                        .scale_of(item)?
                        .options
                        .iter()
                        .map(|o| (o.value.clone(), o.label.clone()))
                        .collect(),
                    _ => return None,
                };
                Some((ix, values))
            })
            .collect()
    }
}

/// Which cases to count: every condition must hold (fact answered with this value; for a
/// multiple-choice fact, the value chosen among others).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// (fact index, value).
    pub conditions: Vec<(ItemIx, String)>,
}

impl Filter {
    /// Whether case `a` matches.
    pub fn matches(&self, a: &Assessment) -> bool {
        self.conditions.iter().all(|(ix, v)| {
            a.eval().items.get(*ix).is_some_and(|s| s.applies)
                && match a.eval().answer(*ix) {
                    Some(x) => match x.chosen() {
                        Some(vs) => vs.contains(v),
                        None => x.value() == Some(v.as_str()),
                    },
                    None => false,
                }
        })
    }

    /// The filter in words: "All cases", or "Cases where Fact: Value and Fact: Value".
    pub fn describe(&self, rules: &RuleSet) -> String {
        if self.conditions.is_empty() {
            return "All cases".into();
        }
        let parts: Vec<String> = self
            .conditions
            .iter()
            .map(|(ix, v)| match rules.items.get(*ix) {
                Some(item) => format!(
                    "{}: {}",
                    item.text,
                    super::draft::value_label(rules, item, v)
                ),
                None => v.clone(),
            })
            .collect();
        format!("Cases where {}", parts.join(" and "))
    }
}

/// A key question's (summary judgement's) figures: each holds the cases behind it (indexes into
/// [`Collection::cases`]). `applies` = positive + negative + other + not_answered.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KeyFigure {
    /// The summary judgement.
    pub ix: ItemIx,
    /// Its section.
    pub section: Option<SectionIx>,
    /// Cases where it applies.
    pub applies: Vec<usize>,
    /// Answered with a positive value (for example "Yes").
    pub positive: Vec<usize>,
    /// Answered with a negative value.
    pub negative: Vec<usize>,
    /// Answered with a value that counts neither way.
    pub other: Vec<usize>,
    /// Applies but not answered.
    pub not_answered: Vec<usize>,
    /// Does not apply (or answered "not applicable").
    pub not_applicable: Vec<usize>,
}

impl KeyFigure {
    /// Cases answered.
    pub fn answered(&self) -> usize {
        self.positive.len() + self.negative.len() + self.other.len()
    }

    /// Percentage positive of the cases answered, rounded to a whole number (`None` when none was).
    pub fn percent_positive(&self) -> Option<u32> {
        percent(self.positive.len(), self.answered())
    }
}

/// `part` of `whole` as a whole percentage (`None` for an empty whole).
pub fn percent(part: usize, whole: usize) -> Option<u32> {
    (whole > 0).then(|| ((part as f64 * 100.0 / whole as f64).round()) as u32)
}

/// One value of a question's answer distribution.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    /// The scale value (`None` for answers without a scale: numbers, dates, text, grids).
    pub value: Option<String>,
    /// What the user sees.
    pub label: String,
    /// The cases with this answer.
    pub cases: Vec<usize>,
}

/// A question's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionFigure {
    /// The question.
    pub ix: ItemIx,
    /// Cases where it applies.
    pub applies: Vec<usize>,
    /// The distribution of answers among those (a multiple-choice case counts once per value).
    pub answers: Vec<Count>,
    /// Applies but not answered.
    pub not_answered: Vec<usize>,
    /// Answered otherwise than a suggestion the guidance gave.
    pub not_followed: Vec<usize>,
}

/// The figures of a collection (or the cases of it a filter keeps).
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The filter, in words.
    pub filter: String,
    /// The cases counted (indexes into [`Collection::cases`]).
    pub cases: Vec<usize>,
    /// One per summary judgement, in rule-set order.
    pub key_questions: Vec<KeyFigure>,
    /// One per question (not facts), in rule-set order.
    pub questions: Vec<QuestionFigure>,
}

/// Summarises the cases of `c` that `filter` keeps.
pub fn summarise(c: &Collection, filter: &Filter) -> Summary {
    let rules = c.rules.as_ref();
    let cases: Vec<usize> = (0..c.cases.len())
        .filter(|&i| filter.matches(&c.cases[i].assessment))
        .collect();
    let not_followed: Vec<BTreeSet<ItemIx>> = c
        .cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            if cases.binary_search(&i).is_ok() {
                not_followed(&case.assessment)
                    .into_iter()
                    .filter_map(|n| n.ix)
                    .collect()
            } else {
                BTreeSet::new()
            }
        })
        .collect();
    let mut key_questions = Vec::new();
    let mut questions = Vec::new();
    for (ix, item) in rules.items.iter_enumerated() {
        if item.kind == Kind::Fact {
            continue;
        }
        let scale = rules.scale_of(item);
        let mut answers: Vec<Count> = match (&item.answer, scale) {
            (AnswerType::Bool, _) => ["yes", "no"]
                .iter()
                .map(|v| Count {
                    value: Some(v.to_string()),
                    label: super::draft::value_label(rules, item, v),
                    cases: vec![],
                })
                .collect(),
            (AnswerType::Choice { .. } | AnswerType::Multi { .. }, Some(s)) => s
                .options
                .iter()
                .map(|o| Count {
                    value: Some(o.value.clone()),
                    label: o.label.clone(),
                    cases: vec![],
                })
                .collect(),
            _ => vec![Count {
                value: None,
                label: "Answered".into(),
                cases: vec![],
            }],
        };
        let mut q = QuestionFigure {
            ix,
            applies: vec![],
            answers: vec![],
            not_answered: vec![],
            not_followed: vec![],
        };
        let mut k = KeyFigure {
            ix,
            section: item.section,
            ..KeyFigure::default()
        };
        for &i in &cases {
            let a = &c.cases[i].assessment;
            let st = &a.eval().items[ix];
            if not_followed[i].contains(&ix) {
                q.not_followed.push(i);
            }
            let answer = a.eval().answer(ix);
            // A summary answered with a "not applicable" value counts as not applying.
            let polarity = answer
                .and_then(Answer::value)
                .and_then(|v| scale.and_then(|s| s.option(v)))
                .map(|o| o.polarity);
            if !st.applies || polarity == Some(Polarity::Na) {
                k.not_applicable.push(i);
            } else {
                k.applies.push(i);
                match (answer, polarity) {
                    (None, _) => k.not_answered.push(i),
                    (Some(_), Some(Polarity::Positive)) => k.positive.push(i),
                    (Some(_), Some(Polarity::Negative)) => k.negative.push(i),
                    (Some(_), _) => k.other.push(i),
                }
            }
            if !st.applies {
                continue;
            }
            q.applies.push(i);
            match answer {
                None => q.not_answered.push(i),
                Some(Answer::Multi(vs) | Answer::Named { chosen: vs, .. }) => {
                    for v in vs {
                        if let Some(n) = answers.iter_mut().find(|n| n.value.as_ref() == Some(v)) {
                            n.cases.push(i);
                        }
                    }
                }
                Some(x) => {
                    let v = x.value();
                    let slot = answers
                        .iter_mut()
                        .find(|n| n.value.is_none() || n.value.as_deref() == v);
                    if let Some(n) = slot {
                        n.cases.push(i);
                    }
                }
            }
        }
        q.answers = answers;
        if item.kind == Kind::Summary {
            key_questions.push(k);
        }
        questions.push(q);
    }
    Summary {
        filter: filter.describe(rules),
        cases,
        key_questions,
        questions,
    }
}

/// The key-question figures of the cases made with one version of the rule set.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionFigures {
    /// The version (`meta.version` as the drafts record it).
    pub version: String,
    /// Whether it is the version the figures are read against.
    pub current: bool,
    /// The cases counted that were made with it.
    pub cases: Vec<usize>,
    /// [`Summary::key_questions`], each restricted to those cases.
    pub key_questions: Vec<KeyFigure>,
}

/// Summary `s` of `c` split by the version of the rule set each case was made with, in version
/// order: every case of `s` is in exactly one, so each figure is the sum of its versions'.
pub fn by_version(c: &Collection, s: &Summary) -> Vec<VersionFigures> {
    c.versions
        .keys()
        .map(|version| {
            let of = |cases: &[usize]| -> Vec<usize> {
                cases
                    .iter()
                    .copied()
                    .filter(|&i| &c.cases[i].draft().rule_set.version == version)
                    .collect()
            };
            VersionFigures {
                version: version.clone(),
                current: *version == c.rules.meta.version,
                cases: of(&s.cases),
                key_questions: s
                    .key_questions
                    .iter()
                    .map(|k| KeyFigure {
                        ix: k.ix,
                        section: k.section,
                        applies: of(&k.applies),
                        positive: of(&k.positive),
                        negative: of(&k.negative),
                        other: of(&k.other),
                        not_answered: of(&k.not_answered),
                        not_applicable: of(&k.not_applicable),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The summary as CSV: one row per question and figure (RFC 4180, formula-safe, as the assessment
/// export).
pub fn summary_csv(c: &Collection, s: &Summary) -> String {
    let rules = c.rules.as_ref();
    let mut out = String::from("\u{feff}");
    row(
        &mut out,
        &[
            "filter", "section", "question", "text", "figure", "cases", "of", "percent",
        ],
    );
    let section = |ix: ItemIx| {
        rules.items[ix]
            .section
            .and_then(|s| rules.sections.get(s))
            .map_or(String::new(), |s| s.title.clone())
    };
    let total = s.cases.len().to_string();
    for k in &s.key_questions {
        let item = &rules.items[k.ix];
        let sec = section(k.ix);
        let applies = k.applies.len().to_string();
        let answered = k.answered().to_string();
        let pct = |part: usize, whole: usize| {
            percent(part, whole).map_or(String::new(), |p| p.to_string())
        };
        let figures: [(&str, usize, &str, String); 6] = [
            (
                "key question: applies",
                k.applies.len(),
                &total,
                pct(k.applies.len(), s.cases.len()),
            ),
            (
                "key question: positive",
                k.positive.len(),
                &answered,
                pct(k.positive.len(), k.answered()),
            ),
            (
                "key question: negative",
                k.negative.len(),
                &answered,
                pct(k.negative.len(), k.answered()),
            ),
            (
                "key question: neither",
                k.other.len(),
                &answered,
                pct(k.other.len(), k.answered()),
            ),
            (
                "key question: not answered",
                k.not_answered.len(),
                &applies,
                pct(k.not_answered.len(), k.applies.len()),
            ),
            (
                "key question: not applicable",
                k.not_applicable.len(),
                &total,
                pct(k.not_applicable.len(), s.cases.len()),
            ),
        ];
        for (name, n, of, p) in figures {
            row(
                &mut out,
                &[
                    &s.filter,
                    &sec,
                    &item.id,
                    &item.text,
                    name,
                    &n.to_string(),
                    of,
                    &p,
                ],
            );
        }
    }
    for q in &s.questions {
        let item = &rules.items[q.ix];
        let sec = section(q.ix);
        let applies = q.applies.len().to_string();
        let mut put = |name: String, n: usize, of: &str, whole: usize| {
            let p = percent(n, whole).map_or(String::new(), |p| p.to_string());
            row(
                &mut out,
                &[
                    &s.filter,
                    &sec,
                    &item.id,
                    &item.text,
                    &name,
                    &n.to_string(),
                    of,
                    &p,
                ],
            );
        };
        put("applies".into(), q.applies.len(), &total, s.cases.len());
        for n in &q.answers {
            put(
                format!("answer: {}", n.label),
                n.cases.len(),
                &applies,
                q.applies.len(),
            );
        }
        put(
            "not answered".into(),
            q.not_answered.len(),
            &applies,
            q.applies.len(),
        );
        put(
            "suggestion not followed".into(),
            q.not_followed.len(),
            &applies,
            q.applies.len(),
        );
    }
    out
}

/// Agreement: of the questions compared, how many were answered alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Agreement {
    /// Answered alike by every assessor.
    pub alike: usize,
    /// Questions that apply for every assessor and that at least one answered.
    pub compared: usize,
}

impl Agreement {
    /// Whole percentage (`None` when nothing was compared).
    pub fn percent(self) -> Option<u32> {
        percent(self.alike, self.compared)
    }
}

/// One assessor's side of a question.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// The question applies for this assessor.
    pub applies: bool,
    /// The answer as shown (`None`: not answered).
    pub answer: Option<String>,
    /// The note.
    pub note: String,
    /// A suggestion the answer does not follow: (suggested label, reason given).
    pub not_followed: Option<(String, String)>,
}

/// A question across the assessors compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The question.
    pub ix: ItemIx,
    /// One per assessor, in the order of [`Comparison::cases`].
    pub sides: Vec<Side>,
    /// It applies for some assessors and not for others.
    pub applicability_differs: bool,
    /// The answers differ (among assessors for whom it applies), or applicability differs.
    pub differs: bool,
}

/// A trainee's agreement with the reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Trainee {
    /// The trainee's case (index into [`Collection::cases`]).
    pub case: usize,
    /// Agreement with the reference.
    pub agreement: Agreement,
    /// Cohen's kappa with the reference on choice questions.
    pub kappa: Option<f64>,
    /// The questions answered differently (or applying differently), in rule-set order.
    pub differing: Vec<Difference>,
}

/// A question a trainee answered differently from the reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// The question.
    pub ix: ItemIx,
    /// The trainee's answer as shown ("Not applicable" / "Not answered" when so).
    pub answer: String,
    /// The reference's answer, likewise.
    pub reference_answer: String,
    /// The reference's note.
    pub reference_note: String,
    /// The question's guidance, as plain text.
    pub guidance: String,
}

/// Two or more assessments of one case compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The cases compared (indexes into [`Collection::cases`]).
    pub cases: Vec<usize>,
    /// Every question and fact, applicability differences first, then in rule-set order.
    pub rows: Vec<Row>,
    /// Per section (index into `RuleSet::sections`); facts are not in any section.
    pub sections: Vec<Agreement>,
    /// Over every question.
    pub overall: Agreement,
    /// Cohen's kappa on choice questions, for exactly two assessors.
    pub kappa: Option<f64>,
    /// The reference (index into [`Collection::cases`]) and each other assessor against it.
    pub reference: Option<usize>,
    /// Each other assessor against the reference.
    pub trainees: Vec<Trainee>,
}

fn side(c: &Collection, case: usize, ix: ItemIx, nf: &[super::present::NotFollowed]) -> Side {
    let a = &c.cases[case].assessment;
    let rules = c.rules.as_ref();
    let item = &rules.items[ix];
    Side {
        applies: a.eval().items[ix].applies,
        answer: a
            .eval()
            .answer(ix)
            .map(|x| display_answer(rules, a.draft(), item, x)),
        note: a
            .draft()
            .notes
            .get(item.id.as_str())
            .cloned()
            .unwrap_or_default(),
        not_followed: nf
            .iter()
            .find(|n| n.ix == Some(ix))
            .map(|n| (n.suggested.clone(), n.reason.clone())),
    }
}

/// Whether text answers take part in agreement: no (free text always differs).
fn compared_kind(item: &super::model::Item) -> bool {
    !matches!(item.answer, AnswerType::Text)
}

/// Agreement between the cases `which` on question `ix` (`None`: not compared).
fn alike(c: &Collection, which: &[usize], ix: ItemIx) -> Option<bool> {
    let evals: Vec<_> = which
        .iter()
        .map(|&i| c.cases[i].assessment.eval())
        .collect();
    if !evals.iter().all(|e| e.items[ix].applies) {
        return None;
    }
    let answers: Vec<Option<&Answer>> = evals.iter().map(|e| e.answer(ix)).collect();
    if answers.iter().all(Option::is_none) {
        return None;
    }
    Some(answers.iter().all(|a| a.is_some() && *a == answers[0]))
}

fn agreement(c: &Collection, which: &[usize]) -> (Vec<Agreement>, Agreement) {
    let rules = c.rules.as_ref();
    let mut sections = vec![Agreement::default(); rules.sections.len()];
    let mut overall = Agreement::default();
    for (ix, item) in rules.items.iter_enumerated() {
        if item.kind == Kind::Fact || !compared_kind(item) {
            continue;
        }
        if let Some(same) = alike(c, which, ix) {
            for a in item
                .section
                .and_then(|s| sections.get_mut(s.index()))
                .into_iter()
                .chain(std::iter::once(&mut overall))
            {
                a.compared += 1;
                a.alike += usize::from(same);
            }
        }
    }
    (sections, overall)
}

/// Cohen's kappa between cases `a` and `b` over the yes/no and single-choice questions that apply
/// for both and that both answered: (observed − chance agreement) / (1 − chance agreement). `None`
/// when there is no such question; 1 when both gave the same single value throughout.
pub fn kappa(c: &Collection, a: usize, b: usize) -> Option<f64> {
    let rules = c.rules.as_ref();
    let (ea, eb) = (c.cases[a].assessment.eval(), c.cases[b].assessment.eval());
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for (ix, item) in rules.items.iter_enumerated() {
        if item.kind == Kind::Fact
            || !matches!(item.answer, AnswerType::Bool | AnswerType::Choice { .. })
            || !ea.items[ix].applies
            || !eb.items[ix].applies
        {
            continue;
        }
        if let (Some(x), Some(y)) = (
            ea.answer(ix).and_then(Answer::value),
            eb.answer(ix).and_then(Answer::value),
        ) {
            pairs.push((x, y));
        }
    }
    kappa_of(&pairs)
}

/// Cohen's kappa of paired ratings.
pub fn kappa_of(pairs: &[(&str, &str)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let observed = pairs.iter().filter(|(x, y)| x == y).count() as f64 / n;
    let mut first: HashMap<&str, f64> = HashMap::new();
    let mut second: HashMap<&str, f64> = HashMap::new();
    for (x, y) in pairs {
        *first.entry(x).or_default() += 1.0;
        *second.entry(y).or_default() += 1.0;
    }
    let chance: f64 = first
        .iter()
        .map(|(k, na)| na * second.get(k).copied().unwrap_or(0.0))
        .sum::<f64>()
        / (n * n);
    if (1.0 - chance).abs() < 1e-12 {
        return Some(if observed >= 1.0 { 1.0 } else { 0.0 });
    }
    Some((observed - chance) / (1.0 - chance))
}

fn shown(s: &Side) -> String {
    if !s.applies {
        "Not applicable".into()
    } else {
        s.answer.clone().unwrap_or_else(|| "Not answered".into())
    }
}

/// Compares the cases `which` of `c` (two or more, all of `c`'s rule set), with `reference` (one of
/// them) as the trainer's assessment if given.
pub fn compare(c: &Collection, which: &[usize], reference: Option<usize>) -> Comparison {
    let rules = c.rules.as_ref();
    let which: Vec<usize> = which
        .iter()
        .copied()
        .filter(|&i| i < c.cases.len())
        .collect();
    let nf: Vec<Vec<super::present::NotFollowed>> = which
        .iter()
        .map(|&i| not_followed(&c.cases[i].assessment))
        .collect();
    let mut rows: Vec<Row> = rules
        .items
        .iter_enumerated()
        .map(|(ix, item)| {
            let sides: Vec<Side> = which
                .iter()
                .zip(&nf)
                .map(|(&i, nf)| side(c, i, ix, nf))
                .collect();
            let applicability_differs = sides.iter().any(|s| s.applies != sides[0].applies);
            let applying: Vec<&Side> = sides.iter().filter(|s| s.applies).collect();
            let answers_differ =
                compared_kind(item) && applying.iter().any(|s| s.answer != applying[0].answer);
            Row {
                ix,
                applicability_differs,
                differs: applicability_differs || answers_differ,
                sides,
            }
        })
        .collect();
    // Applicability differences first: they explain the rest. The sort is stable.
    rows.sort_by_key(|r| !r.applicability_differs);
    let (sections, overall) = agreement(c, &which);
    let pair_kappa = (which.len() == 2)
        .then(|| kappa(c, which[0], which[1]))
        .flatten();
    let reference = reference.filter(|r| which.contains(r));
    let trainees = reference
        .map(|r| {
            let rpos = which.iter().position(|&i| i == r).unwrap_or(0);
            which
                .iter()
                .enumerate()
                .filter(|&(_, &i)| i != r)
                .map(|(pos, &i)| {
                    let mut differing: Vec<Difference> = rows
                        .iter()
                        .filter(|row| {
                            let (t, rf) = (&row.sides[pos], &row.sides[rpos]);
                            let item = &rules.items[row.ix];
                            t.applies != rf.applies
                                || (t.applies && compared_kind(item) && t.answer != rf.answer)
                        })
                        .map(|row| {
                            let (t, rf) = (&row.sides[pos], &row.sides[rpos]);
                            Difference {
                                ix: row.ix,
                                answer: shown(t),
                                reference_answer: shown(rf),
                                reference_note: rf.note.clone(),
                                guidance: markup::plain(&rules.items[row.ix].guidance),
                            }
                        })
                        .collect();
                    differing.sort_by_key(|d| d.ix);
                    Trainee {
                        case: i,
                        agreement: agreement(c, &[r, i]).1,
                        kappa: kappa(c, r, i),
                        differing,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Comparison {
        cases: which,
        rows,
        sections,
        overall,
        kappa: pair_kappa,
        reference,
        trainees,
    }
}

/// The comparison as CSV: one row per question with each assessor's answer and note, then the
/// agreement figures (and each trainee's, with a reference).
pub fn comparison_csv(c: &Collection, cmp: &Comparison) -> String {
    let rules = c.rules.as_ref();
    let mut out = String::from("\u{feff}");
    let mut header: Vec<String> = vec![
        "question".into(),
        "section".into(),
        "text".into(),
        "differs".into(),
        "applicability differs".into(),
    ];
    for &i in &cmp.cases {
        let l = &c.cases[i].label;
        header.push(format!("answer: {l}"));
        header.push(format!("note: {l}"));
    }
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    row(&mut out, &refs);
    for r in &cmp.rows {
        let item = &rules.items[r.ix];
        let sec = item
            .section
            .and_then(|s| rules.sections.get(s))
            .map_or("Case facts", |s| s.title.as_str());
        let mut cells: Vec<String> = vec![
            item.id.to_string(),
            sec.to_string(),
            item.text.clone(),
            yes_no(r.differs),
            yes_no(r.applicability_differs),
        ];
        for s in &r.sides {
            let mut a = shown(s);
            if let Some((sug, reason)) = &s.not_followed {
                a.push_str(&format!(
                    " (suggested {sug}; not followed{})",
                    if reason.is_empty() {
                        String::new()
                    } else {
                        format!(": {reason}")
                    }
                ));
            }
            cells.push(a);
            cells.push(s.note.clone());
        }
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        row(&mut out, &refs);
    }
    out.push_str("\r\n");
    row(
        &mut out,
        &["agreement", "alike", "compared", "percent", "kappa"],
    );
    let pct = |a: Agreement| a.percent().map_or(String::new(), |p| p.to_string());
    let k = |k: Option<f64>| k.map_or(String::new(), |k| format!("{k:.2}"));
    for (s, a) in rules.sections.iter().zip(&cmp.sections) {
        if a.compared > 0 {
            row(
                &mut out,
                &[
                    &s.title,
                    &a.alike.to_string(),
                    &a.compared.to_string(),
                    &pct(*a),
                    "",
                ],
            );
        }
    }
    row(
        &mut out,
        &[
            "Overall",
            &cmp.overall.alike.to_string(),
            &cmp.overall.compared.to_string(),
            &pct(cmp.overall),
            &k(cmp.kappa),
        ],
    );
    for t in &cmp.trainees {
        let name = format!("{} against the reference", c.cases[t.case].label);
        row(
            &mut out,
            &[
                &name,
                &t.agreement.alike.to_string(),
                &t.agreement.compared.to_string(),
                &pct(t.agreement),
                &k(t.kappa),
            ],
        );
    }
    out
}

fn yes_no(b: bool) -> String {
    (if b { "Yes" } else { "No" }).into()
}

/// A made-up assessment of `rules` for tests and benchmarks: deterministic for `seed`, every answer
/// valid (facts and questions answered at random, some left unanswered). Native only, like the
/// authoring tools it uses.
#[cfg(any(test, not(target_arch = "wasm32")))]
pub fn random_draft(rules: &RuleSet, id: &str, case_ref: &str, seed: u64) -> Draft {
    use crate::authoring::synth::Rng;
    let mut rng = Rng::new(seed);
    let mut d = Draft::new(id.into(), case_ref.into(), rules, 0.0);
    for item in &rules.items {
        if rng.below(8) == 0 {
            continue;
        }
        let values: Vec<String> = rules
            .scale_of(item)
            .map(|s| s.options.iter().map(|o| o.value.clone()).collect())
            .unwrap_or_default();
        let pick = |rng: &mut Rng| values.get(rng.below(values.len())).cloned();
        let a = match &item.answer {
            AnswerType::Bool => Some(Answer::Bool(rng.below(2) == 0)),
            AnswerType::Choice { .. } => pick(&mut rng).map(Answer::Choice),
            AnswerType::Multi { max_choices, .. } => {
                let max = max_choices.map_or(usize::MAX, |m| m as usize);
                let vs: Vec<String> = values
                    .iter()
                    .filter(|_| rng.below(3) == 0)
                    .take(max)
                    .cloned()
                    .collect();
                Some(Answer::Multi(vs))
            }
            AnswerType::Grid { .. } => None,
            AnswerType::Number { min, max, .. } => {
                let lo = min.unwrap_or(0.0);
                let hi = max.unwrap_or(lo + 24.0).max(lo);
                Some(Answer::Number(
                    (lo + rng.below((hi - lo) as usize + 1) as f64).min(hi),
                ))
            }
            AnswerType::Date => Some(Answer::Date(format!(
                "2024-0{}-1{}",
                1 + rng.below(9),
                rng.below(10)
            ))),
            AnswerType::Text => Some(Answer::Text(format!("Made-up note {}", rng.below(1000)))),
        };
        if let Some(a) = a {
            d.answers.insert(item.id.to_string(), a);
        }
    }
    d
}
