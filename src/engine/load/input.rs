//! Stage 1, the input: the serde types a rule file deserialises into.
//!
//! Takes TOML text (through `toml::from_str`); gives [`RawFile`], the file as written, with the byte
//! span of every value an error may point at (every table's id, `meta.id` included, so that an error
//! about a table points at its line; whole tables are not wrapped in spans, whose deserialisers would
//! cost the app about 60 KB of wasm). Nothing is checked here beyond what
//! serde checks (required fields, types, no unknown fields); the later stages check the rest.
//!
//! The doc comments of these types and fields are written for rule authors: natively they become the
//! descriptions of `schemas/rule-set.schema.json` (through `schemars`, see
//! [`crate::authoring::schemas`]), which an author's editor shows on hover. A `Spanned` field needs
//! `schemars(with = ...)` naming the type inside it.

use crate::engine::model::{Kind, Meta, Polarity};
use serde::Deserialize;
use toml::Spanned;

/// A string value with its span in the file.
pub(super) type S = Spanned<String>;

/// A Case Assessor rule set: one TOML file encoding a published case assessment document (its seed).
/// Sections, groups and questions are shown in the order they are written. Unknown keys are errors.
/// See docs/rule-format.md.
#[derive(Deserialize)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(schemars::JsonSchema),
    schemars(rename = "RuleSet")
)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    /// The version of the rule-file format.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "u32", extend("const" = crate::engine::model::RuleSet::FORMAT))
    )]
    pub format: Spanned<u32>,
    /// Who published what, and where it comes from.
    pub meta: RawMeta,
    /// Answer scales, each a list of options.
    #[serde(default)]
    pub scale: Vec<RawScale>,
    /// Case facts the seed assumes but never asks as a question (applicability and hints read them).
    #[serde(default)]
    pub fact: Vec<RawFact>,
    /// The task-list level: sections, standards, views.
    #[serde(default)]
    pub section: Vec<RawSection>,
    /// Key questions (or criterion groups in older seeds) inside a section.
    #[serde(default)]
    pub group: Vec<RawGroup>,
    /// Every question the seed prints, in the seed's order.
    #[serde(default)]
    pub question: Vec<RawQuestion>,
    /// Rules that force summary judgements.
    #[serde(default)]
    pub force: Vec<RawForce>,
    /// Weight classes, heaviest first: how much the questions of each class count in a summary's
    /// tally (from the seed's Key).
    #[serde(default)]
    pub weight: Vec<RawWeight>,
}

/// `[meta]`: who published what, and where it comes from.
#[derive(Deserialize)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(schemars::JsonSchema),
    schemars(rename = "Meta")
)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMeta {
    /// Stable identifier: lower-case letters, digits and `-` (drafts refer to it).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    pub id: S,
    /// The title as printed.
    pub title: String,
    /// The publisher, e.g. "HM Inspectorate of Probation".
    pub publisher: String,
    /// The date as printed or inferred, e.g. "August 2024", "about 2019".
    pub date: String,
    /// Your version of this encoding, e.g. "1"; bump it when the content changes.
    pub version: String,
    /// The source document's file name.
    pub source: String,
    /// The attribution for the quoted guidance (Open Government Licence v3.0).
    pub licence: String,
    /// One or two sentences saying what the rule set covers, shown when choosing a rule set.
    pub covers: String,
    /// How an inspector finds the document; every quote is followed by it and the section the rule
    /// belongs to ("title (date)" when left out).
    #[serde(default)]
    pub citation: Option<String>,
}

impl RawMeta {
    /// The metadata as the model keeps it.
    pub fn to_meta(&self) -> Meta {
        Meta {
            id: self.id.get_ref().clone().into(),
            title: self.title.clone(),
            publisher: self.publisher.clone(),
            date: self.date.clone(),
            version: self.version.clone(),
            source: self.source.clone(),
            licence: self.licence.clone(),
            covers: self.covers.clone(),
            citation: self
                .citation
                .clone()
                .filter(|c| !c.trim().is_empty())
                .unwrap_or_else(|| format!("{} ({})", self.title, self.date)),
        }
    }
}

/// `[[scale]]`: an answer scale.
#[derive(Deserialize)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(schemars::JsonSchema),
    schemars(rename = "Scale")
)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScale {
    /// The scale's id; `choice`, `multi` and `grid` items name it in `scale`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    pub id: S,
    /// The options, in the order they are shown.
    pub options: Vec<RawOption>,
}

/// One option of a scale.
#[derive(Deserialize)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(schemars::JsonSchema),
    schemars(rename = "ScaleOption")
)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOption {
    /// Lower-case letters, digits and `_`; what conditions and exports use.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    pub value: S,
    /// What the inspector sees, as the seed prints it.
    pub label: String,
    /// How the option counts in a summary's tally (default `neutral`).
    #[serde(default)]
    pub polarity: Polarity,
}

/// An `applies` condition: the item applies only when all of its conditions hold.
#[derive(Deserialize)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(schemars::JsonSchema),
    schemars(rename = "Condition")
)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCond {
    /// The condition, in the condition language (docs/rule-format.md).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    pub when: S,
    /// The seed's sentence that says when it applies, verbatim.
    pub quote: String,
    /// The seed line the quote starts on.
    pub line: u32,
    /// Which answer decides, in the inspector's words (naming the question it reads).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>"))]
    pub decides: Option<S>,
}

/// A hint: a suggested answer, or a reminder shown with its quote.
#[derive(Deserialize)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(schemars::JsonSchema),
    schemars(rename = "Hint")
)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHint {
    /// When the hint shows (a condition); leave out for a reminder that always shows.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>"))]
    pub when: Option<S>,
    /// A value of the question's scale to suggest; leave out for a reminder.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>"))]
    pub suggest: Option<S>,
    /// The seed's sentence the hint comes from, verbatim.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    pub quote: S,
    /// The seed line the quote starts on.
    pub line: u32,
    /// Which answer decides `when`, in the inspector's words (naming the question it reads).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>"))]
    pub decides: Option<S>,
}

/// The type of answer a fact or question takes.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(schemars::JsonSchema),
    schemars(rename = "AnswerType")
)]
#[serde(rename_all = "snake_case")]
pub(super) enum TypeName {
    /// yes or no
    Bool,
    /// one value of its scale
    Choice,
    /// any values of its scale
    Multi,
    /// one value of its scale for each row
    Grid,
    /// a number
    Number,
    /// a date, YYYY-MM-DD
    Date,
    /// free text
    Text,
}

impl TypeName {
    /// Whether this type takes a `scale`.
    pub fn needs_scale(self) -> bool {
        matches!(self, TypeName::Choice | TypeName::Multi | TypeName::Grid)
    }
}

/// `[[fact]]`: a case fact the seed assumes but never asks as a question.
#[derive(Deserialize)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(schemars::JsonSchema),
    schemars(rename = "Fact")
)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFact {
    /// snake_case; conditions use it by name.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    pub id: S,
    /// The question the inspector answers.
    pub label: String,
    /// The type of answer.
    #[serde(rename = "type")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "TypeName"))]
    pub ty: Spanned<TypeName>,
    /// The answer scale, for `choice` and `multi`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>"))]
    pub scale: Option<S>,
    /// Help text (guidance markup).
    pub help: Option<String>,
    /// The seed's sentence the fact comes from, verbatim.
    pub quote: String,
    /// The seed line the quote starts on.
    pub line: u32,
    /// `number`: the smallest allowed.
    pub min: Option<f64>,
    /// `number`: the largest allowed.
    pub max: Option<f64>,
    /// `number`: shown after the box, e.g. "months".
    pub unit: Option<String>,
    /// `multi`: at most this many options may be chosen.
    pub max_choices: Option<u32>,
    /// Leaving it blank is itself an answer: the case facts are complete without it.
    #[serde(default)]
    pub optional: bool,
    /// Conditions that must all hold for the fact to apply.
    #[serde(default)]
    pub applies: Vec<RawCond>,
    /// A judgement fact (the inspector's own finding): the question whose block it is recorded in;
    /// only that question's hints may read it.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>"))]
    pub beside: Option<S>,
}

/// `[[section]]`: a section of the task list (a standard, a view).
#[derive(Deserialize)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(schemars::JsonSchema),
    schemars(rename = "Section")
)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSection {
    /// Letters, digits, '.', '_' and '-'.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    pub id: S,
    /// The heading.
    pub title: String,
    /// Preamble guidance printed under the heading (guidance markup).
    pub intro: Option<String>,
    /// Conditions that must all hold for the section to apply.
    #[serde(default)]
    pub applies: Vec<RawCond>,
}

/// `[[group]]`: a key question (or a criterion group in older seeds) inside a section.
#[derive(Deserialize)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(schemars::JsonSchema),
    schemars(rename = "Group")
)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGroup {
    /// The group's id.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    pub id: S,
    /// The id of its section.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    pub section: S,
    /// The key question as printed.
    pub title: Option<String>,
    /// Guidance printed under the key question (guidance markup).
    pub intro: Option<String>,
    /// Conditions that must all hold for the group to apply.
    #[serde(default)]
    pub applies: Vec<RawCond>,
}

/// A fixed row of a grid question.
#[derive(Deserialize)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(schemars::JsonSchema),
    schemars(rename = "Row")
)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRow {
    /// The row's id; conditions read it as `[question].row`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    pub id: S,
    /// What the inspector sees.
    pub label: String,
    /// The values of the grid's scale this row offers (all of them when left out).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<Vec<String>>"))]
    pub options: Option<Spanned<Vec<S>>>,
    /// Conditions that must all hold for the row to apply.
    #[serde(default)]
    pub applies: Vec<RawCond>,
}

/// `[[question]]`: a question the seed prints.
#[derive(Deserialize)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(schemars::JsonSchema),
    schemars(rename = "Question")
)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestion {
    /// The question's id, exactly as printed.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    pub id: S,
    /// The id of its group (key question).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>"))]
    pub group: Option<S>,
    /// The id of its section, when the section has no groups.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>"))]
    pub section: Option<S>,
    /// The question's kind.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Kind"))]
    pub kind: Spanned<Kind>,
    /// The question as printed.
    pub text: String,
    /// The type of answer.
    #[serde(rename = "type")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "TypeName"))]
    pub ty: Spanned<TypeName>,
    /// The answer scale, for `choice`, `multi` and `grid`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>"))]
    pub scale: Option<S>,
    /// Guidance shown with the question (guidance markup).
    pub guidance: Option<String>,
    /// Further guidance, shown folded (guidance markup).
    pub guidance_more: Option<String>,
    /// Conditions that must all hold for the question to apply.
    #[serde(default)]
    pub applies: Vec<RawCond>,
    /// Suggested answers and reminders.
    #[serde(default)]
    pub hints: Vec<RawHint>,
    /// The id was lost in extraction and inferred (say how in a comment).
    #[serde(default)]
    pub id_inferred: bool,
    /// The question need not be answered for its section to be complete.
    #[serde(default)]
    pub optional: bool,
    /// `multi`: at most this many options may be chosen.
    pub max_choices: Option<u32>,
    /// `multi`: the inspector names each option chosen (the options are numbered slots).
    #[serde(default)]
    pub named: bool,
    /// `choice`: the label of a last option whose answer the inspector types.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>"))]
    pub other: Option<S>,
    /// `number`: the smallest allowed.
    pub min: Option<f64>,
    /// `number`: the largest allowed.
    pub max: Option<f64>,
    /// `number`: shown after the box, e.g. "months".
    pub unit: Option<String>,
    /// `summary`: the ids of the questions it weighs; by default the `prompt` questions of its group.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<Vec<String>>"))]
    pub weighs: Option<Vec<S>>,
    /// The `[[weight]]` class it is weighed with (else its kind's).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>"))]
    pub weight: Option<S>,
    /// `grid`: its fixed rows.
    #[serde(default)]
    pub rows: Vec<RawRow>,
    /// `grid`: the id of an earlier `multi` question; one row per option chosen there.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Option<String>"))]
    pub rows_from: Option<S>,
}

/// `[[force]]`: a rule that forces summary judgements when its condition holds.
#[derive(Deserialize)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(schemars::JsonSchema),
    schemars(rename = "ForcingRule")
)]
#[serde(deny_unknown_fields)]
pub(super) struct RawForce {
    /// The ids of the summary judgements it forces, or ["*"] for every one.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Vec<String>"))]
    pub summaries: Vec<S>,
    /// The condition (condition language).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    pub when: S,
    /// The answer it forces: a value of the summaries' scale.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    pub answer: S,
    /// The seed's sentence the rule comes from, verbatim.
    pub quote: String,
    /// The seed line the quote starts on.
    pub line: u32,
}

/// `[[weight]]`: how much the questions of a class count in a summary's tally.
#[derive(Deserialize)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(schemars::JsonSchema),
    schemars(rename = "Weight")
)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWeight {
    /// Lower-case letters, digits and `_`; a question names it with `weight`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "String"))]
    pub id: S,
    /// What the page calls the class, e.g. "Weighs more (dark grey in the printed guidance)".
    pub label: String,
    /// The question kinds that take this class unless they name another (each kind in one class).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "Vec<Kind>"))]
    pub kinds: Vec<Spanned<Kind>>,
    /// The seed's words for what the class means (the Key's line), shown on each weighed question.
    pub quote: String,
    /// The seed line the quote starts on.
    pub line: u32,
}
