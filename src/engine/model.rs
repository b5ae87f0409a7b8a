//! The checked rule set: what the loader gives and the evaluator and UI read.
//!
//! Everything here is immutable once loaded. Items (facts and questions) live in one vector in file
//! order, facts first; conditions live in one vector and are referred to by index, so the evaluator
//! can record what each one reads. Each kind of index has its own type ([`ItemIx`], [`CondIx`], ...)
//! and each list its [`IxVec`], so an index of one kind cannot be used in a list of another.

use super::cond::Expr;
pub use super::id::{GroupId, ItemId, RuleSetId, ScaleId, SectionId};
pub use super::ixvec::{Idx, IxVec};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(usize);

        impl std::fmt::Display for $name {
            /// The position, as a number (for element ids and the like).
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl Idx for $name {
            fn new(i: usize) -> Self {
                $name(i)
            }
            fn index(self) -> usize {
                self.0
            }
        }
    };
}

index_type!(
    /// Index of an item (fact or question) in [`RuleSet::items`].
    ItemIx
);
index_type!(
    /// Index of a condition in [`RuleSet::conds`].
    CondIx
);
index_type!(
    /// Index of a section in [`RuleSet::sections`].
    SectionIx
);
index_type!(
    /// Index of a group in [`RuleSet::groups`].
    GroupIx
);
index_type!(
    /// Index of a scale in [`RuleSet::scales`].
    ScaleIx
);
index_type!(
    /// Index of a forcing rule in [`RuleSet::forces`].
    ForceIx
);
index_type!(
    /// Index of a weight class in [`RuleSet::weights`].
    WeightIx
);

/// One hint of one question: the question and the hint's position in its [`Item::hints`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HintAt {
    /// The question.
    pub item: ItemIx,
    /// The position of the hint among the question's hints.
    pub hint: usize,
}

/// A checked, immutable rule set. Serialises to the app's compiled form ([`super::compiled`]) and
/// reads back from it through [`Parts`], which rebuilds the id index.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(from = "Parts")]
pub struct RuleSet {
    /// Who published what.
    pub meta: Meta,
    /// FNV-1a 64-bit hash of the rule file's text, in hex: drafts record it to notice changes.
    pub hash: String,
    /// Answer scales.
    pub scales: IxVec<ScaleIx, Scale>,
    /// Sections in file order.
    pub sections: IxVec<SectionIx, Section>,
    /// Groups (key questions) in file order.
    pub groups: IxVec<GroupIx, Group>,
    /// Facts then questions, each in file order.
    pub items: IxVec<ItemIx, Item>,
    /// Rules forcing summary judgements.
    pub forces: IxVec<ForceIx, Force>,
    /// How much weighed questions count, heaviest first (empty: every weighed question alike).
    pub weights: IxVec<WeightIx, Weight>,
    /// Every condition of the file.
    pub conds: IxVec<CondIx, Cond>,
    #[serde(skip)]
    pub(crate) index: HashMap<ItemId, ItemIx>,
    pub(crate) deps: Deps,
}

/// A [`RuleSet`] as serialised: every field but the index of item ids, which is rebuilt.
#[derive(Deserialize)]
struct Parts {
    meta: Meta,
    hash: String,
    scales: IxVec<ScaleIx, Scale>,
    sections: IxVec<SectionIx, Section>,
    groups: IxVec<GroupIx, Group>,
    items: IxVec<ItemIx, Item>,
    forces: IxVec<ForceIx, Force>,
    weights: IxVec<WeightIx, Weight>,
    conds: IxVec<CondIx, Cond>,
    deps: Deps,
}

impl From<Parts> for RuleSet {
    fn from(p: Parts) -> RuleSet {
        let index = p
            .items
            .iter_enumerated()
            .map(|(i, item)| (item.id.clone(), i))
            .collect();
        RuleSet {
            meta: p.meta,
            hash: p.hash,
            scales: p.scales,
            sections: p.sections,
            groups: p.groups,
            items: p.items,
            forces: p.forces,
            weights: p.weights,
            conds: p.conds,
            index,
            deps: p.deps,
        }
    }
}

/// Reverse dependencies and evaluation order, computed once at load.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Deps {
    /// Items in an order where every item comes after the items its applicability reads.
    pub order: Vec<ItemIx>,
    /// Position of each item in `order`.
    pub rank: IxVec<ItemIx, usize>,
    /// For each item: the items whose applicability (own, section's, group's, rows') reads it.
    pub app_readers: IxVec<ItemIx, Vec<ItemIx>>,
    /// For each item: the hints whose condition reads it.
    pub hint_readers: IxVec<ItemIx, Vec<HintAt>>,
    /// For each item: the forcing rules whose condition reads it.
    pub force_readers: IxVec<ItemIx, Vec<ForceIx>>,
    /// For each item: the summary items that weigh it.
    pub weighed_by: IxVec<ItemIx, Vec<ItemIx>>,
    /// For each item: the grid items whose rows come from it.
    pub row_sources: IxVec<ItemIx, Vec<ItemIx>>,
}

/// Metadata of a rule set.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Stable identifier.
    pub id: RuleSetId,
    /// Title as printed.
    pub title: String,
    /// Publisher.
    pub publisher: String,
    /// Date as printed or inferred.
    pub date: String,
    /// Version of this encoding.
    pub version: String,
    /// Source document file name.
    pub source: String,
    /// Licence attribution for the quoted guidance.
    pub licence: String,
    /// What the rule set covers.
    pub covers: String,
    /// How the inspector finds the document, cited after every quote ("CARaG for PDU and regional
    /// inspections, August 2024"); `title (date)` when the file gives none.
    pub citation: String,
}

/// A class of weighed questions: how much they count in a summary's tally, in the seed's words
/// (the Key of a document that shades questions by weight).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Weight {
    /// Its id (questions name it with `weight`).
    pub id: String,
    /// What the page calls it, e.g. "Weighs more (dark grey in the printed guidance)".
    pub label: String,
    /// The question kinds that take it when they name no class.
    pub kinds: Vec<Kind>,
    /// The seed's words for what it means.
    pub quote: String,
    /// The seed line the quote starts on.
    pub line: u32,
}

/// How an answer counts in a summary's tally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// counts as positive
    Positive,
    /// counts as negative
    Negative,
    /// counts as neither
    #[default]
    Neutral,
    /// counts as not applicable
    Na,
}

/// An answer scale.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Scale {
    /// Its id.
    pub id: ScaleId,
    /// Its options in order.
    pub options: Vec<ScaleOption>,
}

impl Scale {
    /// The option with `value`.
    pub fn option(&self, value: &str) -> Option<&ScaleOption> {
        self.options.iter().find(|o| o.value == value)
    }
}

/// One option of a scale.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScaleOption {
    /// Machine value.
    pub value: String,
    /// Label shown.
    pub label: String,
    /// How it counts in tallies.
    pub polarity: Polarity,
}

/// A section: the task-list level.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Section {
    /// Its id.
    pub id: SectionId,
    /// Its heading.
    pub title: String,
    /// Preamble guidance (markup).
    pub intro: String,
    /// Conditions that must all hold for it to apply.
    pub applies: Vec<CondIx>,
    /// Its groups in order.
    pub groups: Vec<GroupIx>,
    /// Its questions in order.
    pub items: Vec<ItemIx>,
}

/// A group: a key question or criterion group.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Group {
    /// Its id.
    pub id: GroupId,
    /// Its section.
    pub section: SectionIx,
    /// The key question text (may be empty).
    pub title: String,
    /// Guidance printed under it (markup).
    pub intro: String,
    /// Conditions that must all hold for it to apply.
    pub applies: Vec<CondIx>,
    /// Its questions in order.
    pub items: Vec<ItemIx>,
}

/// What kind of item: a case fact or one of the seed's question kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A case fact (not printed in the seed). Not a question's kind: facts go in `[[fact]]`, so the
    /// rule-file schema leaves it out.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
    Fact,
    /// Linked to a prompt of the inspection standards (weighed by the summary).
    Prompt,
    /// Supplementary / information question, less strongly linked to the summary.
    Information,
    /// Summary judgement: answers a key question.
    Summary,
    /// Question about the case itself (case details).
    Case,
}

impl Kind {
    /// Plain name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Fact => "Case fact",
            Kind::Prompt => "Prompt question",
            Kind::Information => "Information question",
            Kind::Summary => "Summary judgement",
            Kind::Case => "Case information",
        }
    }
}

/// The kind of answer an item takes.
// Externally tagged (serde's default): the compiled form (postcard) cannot read internally tagged
// enums. Rule files and dumps do not use this representation.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerType {
    /// Yes or no (facts).
    Bool,
    /// One value of a scale.
    Choice {
        /// its scale
        scale: ScaleIx,
        /// the label of a last option whose answer the inspector types (for a seed that prints only
        /// some of the options, like "Not clearly recorded"); the typed answer is a text answer
        other: Option<String>,
    },
    /// Any number of values of a scale.
    Multi {
        /// its scale
        scale: ScaleIx,
        /// most values that may be chosen
        max_choices: Option<u32>,
        /// the inspector names each value chosen (the scale's options are numbered slots, like
        /// "Factor 1"; grids whose rows come from this question show the names)
        named: bool,
    },
    /// One value of a scale per row.
    Grid {
        /// its scale
        scale: ScaleIx,
        /// the rows
        rows: Rows,
    },
    /// A number.
    Number {
        /// least allowed
        min: Option<f64>,
        /// most allowed
        max: Option<f64>,
        /// unit shown
        unit: Option<String>,
    },
    /// A date (YYYY-MM-DD).
    Date,
    /// Free text.
    Text,
}

/// Where a grid's rows come from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rows {
    /// Rows written in the file.
    Fixed(Vec<Row>),
    /// One row per option chosen in this multiple-choice item.
    From(ItemIx),
}

/// A fixed grid row.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Row {
    /// Row id.
    pub id: String,
    /// Row label.
    pub label: String,
    /// Conditions that must all hold for it to apply.
    pub applies: Vec<CondIx>,
    /// The values of the grid's scale this row offers, in the scale's order (`None`: all of them).
    pub options: Option<Vec<String>>,
}

impl Row {
    /// Whether this row offers the scale value `v` (the value must also be in the scale).
    pub fn offers(&self, v: &str) -> bool {
        self.options
            .as_ref()
            .is_none_or(|o| o.iter().any(|x| x == v))
    }
}

/// A fact or a question.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Item {
    /// The printed id (questions) or fact id.
    pub id: ItemId,
    /// Fact or question kind.
    pub kind: Kind,
    /// Question text or fact label.
    pub text: String,
    /// The answer it takes.
    pub answer: AnswerType,
    /// Guidance (markup); for facts, their help text.
    pub guidance: String,
    /// Further guidance shown folded (markup).
    pub guidance_more: String,
    /// Its section (None for facts).
    pub section: Option<SectionIx>,
    /// Its group (None for facts and for questions directly in a section).
    pub group: Option<GroupIx>,
    /// Own applicability conditions.
    pub applies: Vec<CondIx>,
    /// Hints.
    pub hints: Vec<Hint>,
    /// The id was lost in extraction and inferred.
    pub id_inferred: bool,
    /// Need not be answered for completion.
    pub optional: bool,
    /// Summaries: the items weighed.
    pub weighs: Vec<ItemIx>,
    /// A weighed question: its weight class (its own `weight`, else its kind's); `None` when the
    /// rule set declares no weights.
    pub weight: Option<WeightIx>,
    /// A judgement fact: the question whose block it is recorded in (the inspector's own finding,
    /// not a fact of the case). `None` for case facts and questions.
    pub beside: Option<ItemIx>,
    /// Facts: why the fact exists (quote and seed line).
    pub source: Option<SourceQuote>,
}

/// A quoted sentence of the seed and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceQuote {
    /// The quoted sentence.
    pub quote: String,
    /// The seed line it starts on.
    pub line: u32,
}

/// A checked condition with its source.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cond {
    /// The condition as written.
    pub text: String,
    /// The checked expression.
    pub expr: Expr,
    /// The quoted sentence of the seed.
    pub quote: String,
    /// The seed line the quote starts on.
    pub line: u32,
    /// The items it reads, without repeats, in text order.
    pub reads: Vec<ItemIx>,
    /// Which answer decides it, in the inspector's words ("the level recorded in OASys (B.4.1.1) ..."),
    /// shown with the reason a question does not apply and with a hint; where the seed could mean
    /// one of two answers, this says which one the rule reads.
    pub decides: Option<String>,
}

/// A hint on a question.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Hint {
    /// When it shows (None: always).
    pub when: Option<CondIx>,
    /// The suggested answer value (None: a reminder).
    pub suggest: Option<String>,
    /// The quoted sentence.
    pub quote: String,
    /// Its seed line.
    pub line: u32,
}

/// A rule that forces summary judgements.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Force {
    /// The summaries it forces.
    pub summaries: Vec<ItemIx>,
    /// When it holds.
    pub when: CondIx,
    /// The forced answer value.
    pub answer: String,
    /// The quoted sentence.
    pub quote: String,
    /// Its seed line.
    pub line: u32,
}

impl Item {
    /// The conditions of its hints, in order.
    pub fn hint_conds(&self) -> impl Iterator<Item = CondIx> + '_ {
        self.hints.iter().filter_map(|h| h.when)
    }

    /// The conditions of its grid rows when they are fixed (none for other questions).
    pub fn row_conds(&self) -> impl Iterator<Item = CondIx> + '_ {
        let rows: &[Row] = match &self.answer {
            AnswerType::Grid {
                rows: Rows::Fixed(rows),
                ..
            } => rows,
            _ => &[],
        };
        rows.iter().flat_map(|r| r.applies.iter().copied())
    }

    /// The item whose chosen values are its grid rows (`rows.from`), if any.
    pub fn row_source(&self) -> Option<ItemIx> {
        match &self.answer {
            AnswerType::Grid {
                rows: Rows::From(src),
                ..
            } => Some(*src),
            _ => None,
        }
    }
}

impl RuleSet {
    /// The item with this id.
    pub fn item_ix(&self, id: &str) -> Option<ItemIx> {
        self.index.get(id).copied()
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.item_ix(id).map(|i| &self.items[i])
    }

    /// The scale of an answer type that has one.
    pub fn scale_of_answer(&self, answer: &AnswerType) -> Option<&Scale> {
        match answer {
            AnswerType::Choice { scale, .. }
            | AnswerType::Multi { scale, .. }
            | AnswerType::Grid { scale, .. } => Some(&self.scales[*scale]),
            _ => None,
        }
    }

    /// The scale of an item that has one.
    pub fn scale_of(&self, item: &Item) -> Option<&Scale> {
        self.scale_of_answer(&item.answer)
    }

    /// Items that are facts, judgement facts included.
    pub fn facts(&self) -> impl Iterator<Item = (ItemIx, &Item)> {
        self.items
            .iter_enumerated()
            .filter(|(_, i)| i.kind == Kind::Fact)
    }

    /// The case facts: facts recorded on the Case facts page (judgement facts left out).
    pub fn case_facts(&self) -> impl Iterator<Item = (ItemIx, &Item)> {
        self.facts().filter(|(_, i)| i.beside.is_none())
    }

    /// The judgement facts recorded beside question `ix`, in file order.
    pub fn judgement_facts(&self, ix: ItemIx) -> impl Iterator<Item = ItemIx> + '_ {
        self.facts()
            .filter(move |(_, i)| i.beside == Some(ix))
            .map(|(f, _)| f)
    }

    /// `items`, each followed by the judgement facts recorded beside it (for check answers, print).
    pub fn with_judgement_facts(&self, items: &[ItemIx]) -> Vec<ItemIx> {
        items
            .iter()
            .flat_map(|&ix| std::iter::once(ix).chain(self.judgement_facts(ix)))
            .collect()
    }

    /// The section an item is shown in: its own, or for a judgement fact its question's (`None`
    /// for a case fact).
    pub fn shown_in(&self, ix: ItemIx) -> Option<SectionIx> {
        let item = &self.items[ix];
        item.section
            .or_else(|| item.beside.and_then(|q| self.items[q].section))
    }

    /// Index of a section by id.
    pub fn section_ix(&self, id: &str) -> Option<SectionIx> {
        self.sections.position(|s| s.id == id)
    }

    /// Index of a group by id.
    pub fn group_ix(&self, id: &str) -> Option<GroupIx> {
        self.groups.position(|g| g.id == id)
    }
}

/// FNV-1a, 64 bits, as 16 hex digits: a fast content fingerprint (not a security hash).
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}
