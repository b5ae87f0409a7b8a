//! Stage 1, the input: the serde types a rule file deserialises into.
//!
//! Takes TOML text (through `toml::from_str`); gives [`RawFile`], the file as written, with the byte
//! span of every value an error may point at (every table's id, `meta.id` included, so that an error
//! about a table points at its line; whole tables are not wrapped in spans, whose deserialisers would
//! cost the app about 60 KB of wasm). Nothing is checked here beyond what
//! serde checks (required fields, types, no unknown fields); the later stages check the rest.

use crate::engine::model::{Kind, Meta, Polarity};
use serde::Deserialize;
use toml::Spanned;

/// A string value with its span in the file.
pub(super) type S = Spanned<String>;

/// A whole rule file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    pub format: Spanned<u32>,
    pub meta: RawMeta,
    #[serde(default)]
    pub scale: Vec<RawScale>,
    #[serde(default)]
    pub fact: Vec<RawFact>,
    #[serde(default)]
    pub section: Vec<RawSection>,
    #[serde(default)]
    pub group: Vec<RawGroup>,
    #[serde(default)]
    pub question: Vec<RawQuestion>,
    #[serde(default)]
    pub force: Vec<RawForce>,
    #[serde(default)]
    pub weight: Vec<RawWeight>,
}

/// `[meta]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMeta {
    pub id: S,
    pub title: String,
    pub publisher: String,
    pub date: String,
    pub version: String,
    pub source: String,
    pub licence: String,
    pub covers: String,
    #[serde(default)]
    pub citation: Option<String>,
}

impl RawMeta {
    /// The metadata as the model keeps it.
    pub fn to_meta(&self) -> Meta {
        Meta {
            id: self.id.get_ref().clone(),
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

/// `[[scale]]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScale {
    pub id: S,
    pub options: Vec<RawOption>,
}

/// One of a scale's `options`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOption {
    pub value: S,
    pub label: String,
    #[serde(default)]
    pub polarity: Polarity,
}

/// An `applies` condition.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCond {
    pub when: S,
    pub quote: String,
    pub line: u32,
    /// Which answer decides, in the inspector's words (naming the question it reads).
    pub decides: Option<S>,
}

/// A question's `[[question.hints]]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHint {
    pub when: Option<S>,
    pub suggest: Option<S>,
    pub quote: S,
    pub line: u32,
    /// Which answer decides `when`, in the inspector's words (naming the question it reads).
    pub decides: Option<S>,
}

/// The `type` of a fact or question.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(super) enum TypeName {
    Bool,
    Choice,
    Multi,
    Grid,
    Number,
    Date,
    Text,
}

impl TypeName {
    /// Whether this type takes a `scale`.
    pub fn needs_scale(self) -> bool {
        matches!(self, TypeName::Choice | TypeName::Multi | TypeName::Grid)
    }
}

/// `[[fact]]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFact {
    pub id: S,
    pub label: String,
    #[serde(rename = "type")]
    pub ty: Spanned<TypeName>,
    pub scale: Option<S>,
    pub help: Option<String>,
    pub quote: String,
    pub line: u32,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub unit: Option<String>,
    pub max_choices: Option<u32>,
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub applies: Vec<RawCond>,
    /// A judgement fact (the inspector's own finding): the question whose block it is recorded in;
    /// only that question's hints may read it.
    pub beside: Option<S>,
}

/// `[[section]]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSection {
    pub id: S,
    pub title: String,
    pub intro: Option<String>,
    #[serde(default)]
    pub applies: Vec<RawCond>,
}

/// `[[group]]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGroup {
    pub id: S,
    pub section: S,
    pub title: Option<String>,
    pub intro: Option<String>,
    #[serde(default)]
    pub applies: Vec<RawCond>,
}

/// A fixed grid row, `[[question.rows]]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRow {
    pub id: S,
    pub label: String,
    #[serde(default)]
    pub applies: Vec<RawCond>,
}

/// `[[question]]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestion {
    pub id: S,
    pub group: Option<S>,
    pub section: Option<S>,
    pub kind: Spanned<Kind>,
    pub text: String,
    #[serde(rename = "type")]
    pub ty: Spanned<TypeName>,
    pub scale: Option<S>,
    pub guidance: Option<String>,
    pub guidance_more: Option<String>,
    #[serde(default)]
    pub applies: Vec<RawCond>,
    #[serde(default)]
    pub hints: Vec<RawHint>,
    #[serde(default)]
    pub id_inferred: bool,
    #[serde(default)]
    pub optional: bool,
    pub max_choices: Option<u32>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub unit: Option<String>,
    pub weighs: Option<Vec<S>>,
    /// The `[[weight]]` class it is weighed with (else its kind's).
    pub weight: Option<S>,
    #[serde(default)]
    pub rows: Vec<RawRow>,
    pub rows_from: Option<S>,
}

/// `[[force]]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawForce {
    pub summaries: Vec<S>,
    pub when: S,
    pub answer: S,
    pub quote: String,
    pub line: u32,
}

/// `[[weight]]`: how much the questions of a class count in a summary's tally.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWeight {
    /// Lower-case letters, digits and `_`; a question names it with `weight`.
    pub id: S,
    /// What the page calls the class, e.g. "Weighs more (dark grey in the printed guidance)".
    pub label: String,
    /// The question kinds that take this class unless they name another (each kind in one class).
    #[serde(default)]
    pub kinds: Vec<Spanned<Kind>>,
    /// The seed's words for what the class means (the Key's line), shown on each weighed question.
    pub quote: String,
    /// The seed line the quote starts on.
    pub line: u32,
}
