//! The evaluator: a rule set and a draft's answers in; what applies (and why not), hints, forcing
//! rules, tallies and progress out.
//!
//! Takes a [`RuleSet`] and a [`Draft`]; gives an [`Evaluation`] the UI only displays.
//! [`Evaluation::new`] evaluates everything; [`Evaluation::update`] re-evaluates only what depends on
//! one changed answer, using the dependencies the loader recorded.

use super::cond::{self, Lookup, Slot, V};
use super::draft::{Answer, Draft};
use super::model::*;
use super::relevance::Relevance;

/// What an item's evaluation says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ItemState {
    /// It applies (its section, group and own conditions all hold or are undecided).
    pub applies: bool,
    /// When it does not apply: the first condition that failed, and where it sits.
    pub blocked_by: Option<Blocker>,
    /// It has a complete answer (every applicable grid row answered; text not blank).
    pub answered: bool,
    /// It has an answer but does not apply: the answer is kept and excluded.
    pub excluded: bool,
    /// For fixed grid rows: whether each applies.
    pub rows: Vec<bool>,
}

/// Which condition made something not applicable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocker {
    /// The section's condition.
    Section(SectionIx, CondIx),
    /// The group's condition.
    Group(GroupIx, CondIx),
    /// The item's own condition.
    Own(CondIx),
}

impl Blocker {
    /// The condition.
    pub fn cond(self) -> CondIx {
        match self {
            Blocker::Section(_, c) | Blocker::Group(_, c) | Blocker::Own(c) => c,
        }
    }
}

/// A section's or group's state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AreaState {
    /// It applies.
    pub applies: bool,
    /// The condition that failed, when it does not.
    pub blocked_by: Option<CondIx>,
}

/// A hint's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HintState {
    /// Its condition holds (and its question applies).
    pub active: bool,
    /// For a suggestion on an answered question: whether the answer is the suggestion.
    pub agrees: Option<bool>,
}

/// What a summary judgement weighs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    /// answers with positive polarity
    pub positive: u32,
    /// answers with negative polarity
    pub negative: u32,
    /// questions that do not apply, or answered N/A
    pub not_applicable: u32,
    /// applicable questions not yet answered
    pub unanswered: u32,
    /// answers that count neither way
    pub other: u32,
    /// The same counts per weight class, in the order of [`RuleSet::weights`] (empty when the rule
    /// set declares no weights).
    pub by_weight: Vec<Counts>,
}

/// The counts of one weight class in a tally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// answers with positive polarity
    pub positive: u32,
    /// answers with negative polarity
    pub negative: u32,
    /// questions that do not apply, or answered N/A
    pub not_applicable: u32,
    /// applicable questions not yet answered
    pub unanswered: u32,
    /// answers that count neither way
    pub other: u32,
}

impl Counts {
    /// Adds one weighed question.
    fn add(&mut self, k: Weighed) {
        match k {
            Weighed::Positive => self.positive += 1,
            Weighed::Negative => self.negative += 1,
            Weighed::NotApplicable => self.not_applicable += 1,
            Weighed::Unanswered => self.unanswered += 1,
            Weighed::Other => self.other += 1,
        }
    }

    /// Questions counted.
    pub fn total(self) -> u32 {
        self.positive + self.negative + self.not_applicable + self.unanswered + self.other
    }
}

/// How one weighed question counts in a summary judgement's tally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weighed {
    /// A positive answer.
    Positive,
    /// A negative answer.
    Negative,
    /// It does not apply, or was answered N/A.
    NotApplicable,
    /// It applies and is not answered.
    Unanswered,
    /// An answer that counts neither way.
    Other,
}

/// Answered over total, among applicable questions that must be answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// answered
    pub answered: u32,
    /// to answer
    pub total: u32,
}

impl Progress {
    /// Everything that must be answered is.
    pub fn complete(self) -> bool {
        self.answered == self.total
    }
}

/// Task-list status of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The section (or every question in it) does not apply.
    NotApplicable,
    /// Nothing answered yet.
    NotStarted,
    /// Some answered.
    InProgress,
    /// Every applicable question answered (not the same as submitted).
    Completed,
}

impl Status {
    /// The status of an area that applies or not, with this progress.
    pub fn of(applies: bool, p: Progress) -> Status {
        if !applies || p.total == 0 {
            Status::NotApplicable
        } else if p.answered == 0 {
            Status::NotStarted
        } else if p.complete() {
            Status::Completed
        } else {
            Status::InProgress
        }
    }

    /// The words shown.
    pub fn label(self) -> &'static str {
        match self {
            Status::NotApplicable => "Not applicable",
            Status::NotStarted => "Not started",
            Status::InProgress => "In progress",
            Status::Completed => "Completed",
        }
    }
}

/// The evaluation of a draft against a rule set.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evaluation {
    /// Per item, in rule-set order.
    pub items: IxVec<ItemIx, ItemState>,
    /// Per section.
    pub sections: IxVec<SectionIx, AreaState>,
    /// Per group.
    pub groups: IxVec<GroupIx, AreaState>,
    /// Per item, per hint.
    pub hints: IxVec<ItemIx, Vec<HintState>>,
    /// Per forcing rule: whether it holds.
    pub forces: IxVec<ForceIx, bool>,
    /// Per item: the tally, for summaries.
    pub tallies: IxVec<ItemIx, Option<Tally>>,
    /// Per section.
    pub section_progress: IxVec<SectionIx, Progress>,
    /// Questions and the facts asked together.
    pub progress: Progress,
    /// The facts asked only ([`Relevance`]).
    pub fact_progress: Progress,
    /// Which facts are asked, derived once per change that can alter it (see [`Evaluation::relevance`]).
    relevance: Relevance,
    /// The draft's answers by item index, so that evaluating a condition looks nothing up by id. Kept
    /// in step with the draft by [`Evaluation::new`] and [`Evaluation::update`].
    answers: IxVec<ItemIx, Option<Answer>>,
}

struct Ctx<'a> {
    rules: &'a RuleSet,
    answers: &'a IxVec<ItemIx, Option<Answer>>,
    items: &'a IxVec<ItemIx, ItemState>,
}

impl Lookup for Ctx<'_> {
    fn value(&self, slot: Slot) -> V<'_> {
        let ix = slot.item;
        if !self.items[ix].applies {
            return V::Unknown;
        }
        let item = &self.rules.items[ix];
        let Some(a) = &self.answers[ix] else {
            return V::Unknown;
        };
        match (slot.row, a) {
            (None, Answer::Bool(b)) => V::Bool(*b),
            (None, Answer::Choice(s) | Answer::Date(s)) => V::Str(s),
            (None, Answer::Text(s)) if !s.trim().is_empty() => V::Str(s),
            (None, Answer::Multi(v) | Answer::Named { chosen: v, .. }) => V::Set(v),
            (None, Answer::Number(n)) => V::Num(*n),
            (Some(r), Answer::Grid(map)) => {
                let r = r as usize;
                let row_id = match &item.answer {
                    AnswerType::Grid {
                        rows: Rows::Fixed(rows),
                        ..
                    } => {
                        if !self.items[ix].rows.get(r).copied().unwrap_or(false) {
                            return V::Unknown;
                        }
                        rows.get(r).map(|x| x.id.as_str())
                    }
                    AnswerType::Grid {
                        rows: Rows::From(src),
                        ..
                    } => {
                        let value = self
                            .rules
                            .scale_of(&self.rules.items[*src])
                            .and_then(|s| s.options.get(r))
                            .map(|o| o.value.as_str());
                        value.filter(|v| chosen(self.answers[*src].as_ref()).iter().any(|c| c == v))
                    }
                    _ => None,
                };
                row_id
                    .and_then(|id| map.get(id))
                    .map_or(V::Unknown, |v| V::Str(v))
            }
            _ => V::Unknown,
        }
    }
}

/// The values chosen in a multiple-choice answer (the rows of a grid whose rows come from it).
fn chosen(answer: Option<&Answer>) -> &[String] {
    answer.and_then(Answer::chosen).unwrap_or_default()
}

/// A row a grid item shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    /// The row's id (for rows from a multiple-choice answer, the option's value).
    pub id: String,
    /// Its label.
    pub label: String,
    /// Whether it applies.
    pub applies: bool,
    /// The scale values it offers (`None`: every value of the grid's scale).
    pub options: Option<Vec<String>>,
}

impl GridRow {
    /// Whether the row offers the scale value `v`.
    pub fn offers(&self, v: &str) -> bool {
        self.options
            .as_ref()
            .is_none_or(|o| o.iter().any(|x| x == v))
    }
}

/// The rows a grid item shows.
pub fn grid_rows(rules: &RuleSet, draft: &Draft, eval: &Evaluation, ix: ItemIx) -> Vec<GridRow> {
    match &rules.items[ix].answer {
        AnswerType::Grid {
            rows: Rows::Fixed(rows),
            ..
        } => rows
            .iter()
            .enumerate()
            .map(|(i, r)| GridRow {
                id: r.id.clone(),
                label: r.label.clone(),
                applies: eval.items[ix].rows.get(i).copied().unwrap_or(true),
                options: r.options.clone(),
            })
            .collect(),
        AnswerType::Grid {
            rows: Rows::From(src),
            ..
        } => {
            let source = &rules.items[*src];
            chosen(draft.answers.get(source.id.as_str()))
                .iter()
                .map(|v| GridRow {
                    id: v.clone(),
                    label: super::draft::option_name(rules, draft, source, v),
                    applies: true,
                    options: None,
                })
                .collect()
        }
        _ => vec![],
    }
}

impl Evaluation {
    /// Evaluates everything.
    pub fn new(rules: &RuleSet, draft: &Draft) -> Evaluation {
        let n = rules.items.len();
        let mut ev = Evaluation {
            items: IxVec::filled(ItemState::default(), n),
            sections: IxVec::filled(AreaState::default(), rules.sections.len()),
            groups: IxVec::filled(AreaState::default(), rules.groups.len()),
            hints: rules
                .items
                .iter()
                .map(|i| vec![HintState::default(); i.hints.len()])
                .collect(),
            forces: IxVec::filled(false, rules.forces.len()),
            tallies: IxVec::filled(None, n),
            section_progress: IxVec::filled(Progress::default(), rules.sections.len()),
            progress: Progress::default(),
            fact_progress: Progress::default(),
            relevance: Relevance::default(),
            answers: rules
                .items
                .iter()
                .map(|i| usable_answer(rules, i, draft))
                .collect(),
        };
        for &ix in &rules.deps.order {
            ev.items[ix] = ev.item_state(rules, ix);
        }
        ev.areas(rules);
        for ix in rules.items.indices() {
            ev.item_hints(rules, ix);
            ev.tally(rules, ix);
        }
        for f in rules.forces.indices() {
            ev.force(rules, f);
        }
        ev.all_progress(rules, rules.sections.indices(), true);
        ev
    }

    /// Which case facts are asked: kept in step by [`Evaluation::new`] and [`Evaluation::update`],
    /// so the pages read it instead of deriving it again on every answer.
    pub fn relevance(&self) -> &Relevance {
        &self.relevance
    }

    /// Re-evaluates after the answer to `changed` (an item id) was set or cleared. Gives the same
    /// result as [`Evaluation::new`], touching only what depends on the change.
    ///
    /// Returns the items whose view may have changed, sorted: the item answered, every item
    /// re-evaluated (whatever reads it, transitively), every item whose hints, tally or forcing rules
    /// were redone. An item not in the list has the same [`ViewKey`](super::assessment::ViewKey)
    /// as before (a property the tests check on every shipped rule set).
    pub fn update(&mut self, rules: &RuleSet, draft: &Draft, changed: &str) -> Vec<ItemIx> {
        let Some(x) = rules.item_ix(changed) else {
            return Vec::new();
        };
        self.answers[x] = usable_answer(rules, &rules.items[x], draft);
        let deps = &rules.deps;
        let n = rules.items.len();
        // Items whose answer or applicability changed, once each.
        let mut touched: Vec<ItemIx> = Vec::new();
        let mut is_touched = IxVec::<ItemIx, bool>::filled(false, n);
        let mut touch = |ix: ItemIx, touched: &mut Vec<ItemIx>| {
            if !is_touched[ix] {
                is_touched[ix] = true;
                touched.push(ix);
            }
        };
        // The applicability closure, marked by evaluation rank. Whatever reads an item comes after
        // it in evaluation order, so one forward sweep from the first mark visits every item that
        // can change, each once, after everything it reads.
        let mut queued = vec![false; n];
        let mut first = n;
        let mut mark = |ix: ItemIx, queued: &mut Vec<bool>| {
            let r = deps.rank[ix];
            queued[r] = true;
            first = first.min(r);
        };
        touch(x, &mut touched);
        mark(x, &mut queued);
        // A grid whose rows come from `x` changes with it: what reads the grid's rows must be redone.
        for &g in &deps.row_sources[x] {
            touch(g, &mut touched);
            mark(g, &mut queued);
            for &r in &deps.app_readers[g] {
                mark(r, &mut queued);
            }
        }
        for &r in &deps.app_readers[x] {
            mark(r, &mut queued);
        }
        // Which facts are asked follows from applicability and reasons; the facts' progress also
        // from the facts' answers. Redone only when one of those changed.
        let mut facts_dirty = rules.items[x].kind == Kind::Fact;
        for rank in first..n {
            if !queued[rank] {
                continue;
            }
            let ix = deps.order[rank];
            let new = self.item_state(rules, ix);
            if new != self.items[ix] {
                let app_changed =
                    new.applies != self.items[ix].applies || new.rows != self.items[ix].rows;
                facts_dirty |= app_changed
                    || new.blocked_by != self.items[ix].blocked_by
                    || rules.items[ix].kind == Kind::Fact;
                self.items[ix] = new;
                touch(ix, &mut touched);
                if app_changed {
                    for &r in deps.app_readers[ix].iter().chain(&deps.row_sources[ix]) {
                        debug_assert!(deps.rank[r] > rank, "a reader comes after what it reads");
                        queued[deps.rank[r]] = true;
                    }
                }
            }
        }
        facts_dirty |= self.areas(rules);
        let mut affected: Vec<ItemIx> = (first..n)
            .filter(|&r| queued[r])
            .map(|r| deps.order[r])
            .collect();
        let mut hints: Vec<ItemIx> = Vec::new();
        let mut forces: Vec<ForceIx> = Vec::new();
        let mut tallies: Vec<ItemIx> = Vec::new();
        let mut sections: Vec<SectionIx> = Vec::new();
        for &t in &touched {
            hints.push(t);
            hints.extend(deps.hint_readers[t].iter().map(|h| h.item));
            forces.extend(deps.force_readers[t].iter().copied());
            tallies.extend(deps.weighed_by[t].iter().copied());
            sections.extend(rules.items[t].section);
        }
        for v in [&mut hints, &mut tallies] {
            v.sort_unstable();
            v.dedup();
        }
        forces.sort_unstable();
        forces.dedup();
        sections.sort_unstable();
        sections.dedup();
        for &ix in &hints {
            self.item_hints(rules, ix);
        }
        for &f in &forces {
            self.force(rules, f);
        }
        for &ix in &tallies {
            self.tally(rules, ix);
        }
        self.all_progress(rules, sections, facts_dirty);
        affected.extend(hints);
        affected.extend(tallies);
        for f in forces {
            affected.extend(rules.forces[f].summaries.iter().copied());
        }
        affected.sort_unstable();
        affected.dedup();
        affected
    }

    fn holds(&self, rules: &RuleSet, c: CondIx) -> Option<bool> {
        cond::eval(
            &rules.conds[c].expr,
            &Ctx {
                rules,
                answers: &self.answers,
                items: &self.items,
            },
        )
    }

    /// The first condition in `conds` that is false.
    fn failing(&self, rules: &RuleSet, conds: &[CondIx]) -> Option<CondIx> {
        conds
            .iter()
            .copied()
            .find(|c| self.holds(rules, *c) == Some(false))
    }

    fn item_state(&self, rules: &RuleSet, ix: ItemIx) -> ItemState {
        let item = &rules.items[ix];
        let blocked_by = item
            .section
            .and_then(|s| {
                self.failing(rules, &rules.sections[s].applies)
                    .map(|c| Blocker::Section(s, c))
            })
            .or_else(|| {
                item.group.and_then(|g| {
                    self.failing(rules, &rules.groups[g].applies)
                        .map(|c| Blocker::Group(g, c))
                })
            })
            .or_else(|| self.failing(rules, &item.applies).map(Blocker::Own));
        let applies = blocked_by.is_none();
        let rows: Vec<bool> = match &item.answer {
            AnswerType::Grid {
                rows: Rows::Fixed(rows),
                ..
            } => rows
                .iter()
                .map(|r| self.failing(rules, &r.applies).is_none())
                .collect(),
            _ => vec![],
        };
        let answer = self.answers[ix].as_ref();
        let answered = match (answer, &item.answer) {
            (None, _) => false,
            (Some(Answer::Text(t)), _) => !t.trim().is_empty(),
            (
                Some(Answer::Grid(map)),
                AnswerType::Grid {
                    rows: Rows::Fixed(rs),
                    ..
                },
            ) => rs
                .iter()
                .zip(&rows)
                .all(|(r, applies)| !applies || map.contains_key(&r.id)),
            (
                Some(Answer::Grid(map)),
                AnswerType::Grid {
                    rows: Rows::From(src),
                    ..
                },
            ) => {
                self.answers[*src].is_some()
                    && chosen(self.answers[*src].as_ref())
                        .iter()
                        .all(|r| map.contains_key(r))
            }
            (Some(_), _) => true,
        };
        ItemState {
            applies,
            blocked_by,
            answered,
            excluded: answer.is_some() && !applies,
            rows,
        }
    }

    /// Evaluates every section and group; gives whether any changed.
    fn areas(&mut self, rules: &RuleSet) -> bool {
        let mut changed = false;
        for s in rules.sections.indices() {
            let b = self.failing(rules, &rules.sections[s].applies);
            changed |= self.sections[s].blocked_by != b;
            self.sections[s] = AreaState {
                applies: b.is_none(),
                blocked_by: b,
            };
        }
        for g in rules.groups.indices() {
            let sec = rules.groups[g].section;
            let b = self.sections[sec]
                .blocked_by
                .or_else(|| self.failing(rules, &rules.groups[g].applies));
            changed |= self.groups[g].blocked_by != b;
            self.groups[g] = AreaState {
                applies: b.is_none(),
                blocked_by: b,
            };
        }
        changed
    }

    fn item_hints(&mut self, rules: &RuleSet, ix: ItemIx) {
        let item = &rules.items[ix];
        let applies = self.items[ix].applies;
        let current = self.answers[ix].as_ref().and_then(Answer::value);
        for (h, hint) in item.hints.iter().enumerate() {
            let active = applies && hint.when.is_none_or(|c| self.holds(rules, c) == Some(true));
            let agrees = match (&hint.suggest, current) {
                (Some(s), Some(c)) if active => Some(s == c),
                _ => None,
            };
            self.hints[ix][h] = HintState { active, agrees };
        }
    }

    fn force(&mut self, rules: &RuleSet, f: ForceIx) {
        self.forces[f] = self.holds(rules, rules.forces[f].when) == Some(true);
    }

    fn tally(&mut self, rules: &RuleSet, ix: ItemIx) {
        let item = &rules.items[ix];
        if item.kind != Kind::Summary {
            return;
        }
        let mut all = Counts::default();
        let mut by_weight = vec![Counts::default(); rules.weights.len()];
        for &w in &item.weighs {
            let k = self.weighed(rules, w);
            all.add(k);
            if let Some(c) = rules.items[w]
                .weight
                .and_then(|x| by_weight.get_mut(x.index()))
            {
                c.add(k);
            }
        }
        self.tallies[ix] = Some(Tally {
            positive: all.positive,
            negative: all.negative,
            not_applicable: all.not_applicable,
            unanswered: all.unanswered,
            other: all.other,
            by_weight,
        });
    }

    /// How question `w` counts in the tally of a summary judgement that weighs it.
    pub fn weighed(&self, rules: &RuleSet, w: ItemIx) -> Weighed {
        if !self.items[w].applies {
            return Weighed::NotApplicable;
        }
        if !self.items[w].answered {
            return Weighed::Unanswered;
        }
        let wi = &rules.items[w];
        let polarity = |v: &str| {
            rules
                .scale_of(wi)
                .and_then(|s| s.option(v))
                .map_or(Polarity::Neutral, |o| o.polarity)
        };
        let p = match &self.answers[w] {
            Some(Answer::Choice(v)) => polarity(v),
            Some(Answer::Bool(b)) => {
                if *b {
                    Polarity::Positive
                } else {
                    Polarity::Negative
                }
            }
            Some(Answer::Grid(map)) => {
                // Rows answered N/A (where a row offers it) leave the others to decide.
                let ps: Vec<Polarity> = map
                    .values()
                    .map(|v| polarity(v))
                    .filter(|p| *p != Polarity::Na)
                    .collect();
                if ps.contains(&Polarity::Negative) {
                    Polarity::Negative
                } else if map.is_empty() {
                    Polarity::Neutral
                } else if ps.is_empty() {
                    Polarity::Na
                } else if ps.iter().all(|p| *p == Polarity::Positive) {
                    Polarity::Positive
                } else {
                    Polarity::Neutral
                }
            }
            _ => Polarity::Neutral,
        };
        match p {
            Polarity::Positive => Weighed::Positive,
            Polarity::Negative => Weighed::Negative,
            Polarity::Na => Weighed::NotApplicable,
            Polarity::Neutral => Weighed::Other,
        }
    }

    /// Redoes the progress of `sections`, of the facts asked when `facts`, and the total.
    fn all_progress(
        &mut self,
        rules: &RuleSet,
        sections: impl IntoIterator<Item = SectionIx>,
        facts: bool,
    ) {
        for s in sections {
            let mut p = Progress::default();
            for &ix in &rules.sections[s].items {
                if self.items[ix].applies && !rules.items[ix].optional {
                    p.total += 1;
                    p.answered += u32::from(self.items[ix].answered);
                }
            }
            self.section_progress[s] = p;
        }
        // Only the case facts asked count (see `relevance`; judgement facts are never required):
        // they follow from the applicability above.
        if facts {
            self.relevance = Relevance::new(rules, self);
            self.fact_progress = self.relevance.fact_progress(rules, self);
        }
        self.progress = self
            .section_progress
            .iter()
            .fold(self.fact_progress, |acc, p| Progress {
                answered: acc.answered + p.answered,
                total: acc.total + p.total,
            });
    }

    /// Progress over the questions of every section (case facts not included).
    pub fn question_progress(&self) -> Progress {
        self.section_progress
            .iter()
            .fold(Progress::default(), |acc, p| Progress {
                answered: acc.answered + p.answered,
                total: acc.total + p.total,
            })
    }

    /// The task-list status of a section.
    pub fn status(&self, section: SectionIx) -> Status {
        Status::of(
            self.sections[section].applies,
            self.section_progress[section],
        )
    }

    /// The answer to item `ix` as the evaluation reads it (`None` for a retired one).
    pub fn answer(&self, ix: ItemIx) -> Option<&Answer> {
        self.answers.get(ix).and_then(Option::as_ref)
    }

    /// The case facts' task-list status.
    pub fn fact_status(&self) -> Status {
        Status::of(true, self.fact_progress)
    }

    /// The forcing rules that hold for summary `ix`.
    pub fn forced(&self, rules: &RuleSet, ix: ItemIx) -> Vec<ForceIx> {
        rules
            .forces
            .indices()
            .filter(|f| self.forces[*f] && rules.forces[*f].summaries.contains(&ix))
            .collect()
    }
}

/// The draft's answer to `item` when the rule set can take it: an answer made with another version
/// of the rule set whose value this version no longer has is kept in the draft, as retired, and read
/// as unanswered.
fn usable_answer(rules: &RuleSet, item: &super::model::Item, draft: &Draft) -> Option<Answer> {
    draft
        .answers
        .get(item.id.as_str())
        .filter(|a| super::draft::check_answer(rules, item, a).is_ok())
        .cloned()
}
