//! Stage 3, conditions: parses and type-checks every condition and hint against the resolved items.
//!
//! Takes [`Resolved`] from stage 2; gives [`Compiled`]: the same, with every section, group, item and
//! grid row holding the indexes of its applicability conditions, every question its hints, the
//! forcing rules, and all the conditions in one list, each with the items it reads. A condition
//! that does not check is reported (its spans mapped into the file) and left out.

use super::input::{RawCond, RawForce, RawHint, RawQuestion, TypeName, S};
use super::report::Diags;
use super::resolve::{ItemDecl, Resolved};
use crate::engine::cond::{self, Env, Ref, RefError, RefName, Slot, Ty};
use crate::engine::diag::ErrorKind;
use crate::engine::model::{
    AnswerType, Cond, CondIx, Force, ForceIx, Hint, HintAt, Idx, ItemId, ItemIx, IxVec, Kind, Rows,
    Scale, ScaleIx,
};
use std::collections::HashMap;

/// The rule file with its conditions compiled.
pub(super) struct Compiled<'r> {
    /// Stage 2's result, with `applies` and `hints` filled in.
    pub resolved: Resolved<'r>,
    /// Every condition that checked.
    pub conds: IxVec<CondIx, Cond>,
    /// The forcing rules whose condition checked.
    pub forces: IxVec<ForceIx, Force>,
    /// The condition of each conditional hint.
    pub hint_conds: Vec<(HintAt, CondIx)>,
}

/// Compiles every condition of the file; records what does not check in `d`.
pub(super) fn compile<'r>(d: &mut Diags<'_>, mut r: Resolved<'r>) -> Compiled<'r> {
    let raw = r.raw;
    let mut c = Compiler {
        env: CheckEnv {
            items: &r.items,
            index: &r.index,
            scales: &r.scales,
        },
        conds: IxVec::new(),
        hint_conds: Vec::new(),
    };
    let sections: Vec<Vec<CondIx>> = raw.section.iter().map(|s| c.all(d, &s.applies)).collect();
    let groups: Vec<Vec<CondIx>> = raw.group.iter().map(|g| c.all(d, &g.applies)).collect();
    let mut items: Vec<ItemConds> = raw
        .fact
        .iter()
        .map(|f| ItemConds {
            applies: c.all(d, &f.applies),
            ..ItemConds::default()
        })
        .collect();
    for q in &raw.question {
        let ix = ItemIx::new(items.len());
        items.push(c.question(d, ix, q));
    }
    let mut forces = IxVec::new();
    for f in &raw.force {
        if let Some(force) = c.force(d, f) {
            forces.push(force);
        }
    }
    let (conds, hint_conds) = (c.conds, c.hint_conds);
    for (s, applies) in r.sections.iter_mut().zip(sections) {
        s.applies = applies;
    }
    for (g, applies) in r.groups.iter_mut().zip(groups) {
        g.applies = applies;
    }
    for (item, ic) in r.items.iter_mut().zip(items) {
        item.applies = ic.applies;
        item.hints = ic.hints;
        if let Some(AnswerType::Grid {
            rows: Rows::Fixed(rows),
            ..
        }) = &mut item.answer
        {
            for (row, applies) in rows.iter_mut().zip(ic.rows) {
                row.applies = applies;
            }
        }
    }
    Compiled {
        resolved: r,
        conds,
        forces,
        hint_conds,
    }
}

/// The conditions of one item: its own, its grid rows' and its hints.
#[derive(Default)]
struct ItemConds {
    applies: Vec<CondIx>,
    rows: Vec<Vec<CondIx>>,
    hints: Vec<Hint>,
}

/// Compiles conditions one by one into a list.
struct Compiler<'a> {
    env: CheckEnv<'a>,
    conds: IxVec<CondIx, Cond>,
    hint_conds: Vec<(HintAt, CondIx)>,
}

impl Compiler<'_> {
    /// Parses and checks one condition; gives its index, or `None` (reported) when it does not check.
    fn one(
        &mut self,
        d: &mut Diags<'_>,
        text: &S,
        (quote, line, decides): (&str, u32, Option<&S>),
    ) -> Option<CondIx> {
        let parsed = cond::parse(text.get_ref()).map_err(|e| vec![e]);
        let checked = parsed.and_then(|mut e| cond::check(&mut e, &self.env).map(|()| e));
        if quote.trim().is_empty() {
            d.err(
                ErrorKind::MissingQuote,
                "every condition needs the `quote` from the seed that justifies it",
                text.span(),
            );
        }
        match checked {
            Ok(expr) => {
                let mut reads = Vec::new();
                expr.visit_refs(&mut |r, _| {
                    if let Some(s) = r.slot {
                        if !reads.contains(&s.item) {
                            reads.push(s.item);
                        }
                    }
                });
                if let Some(dec) = decides {
                    // Questions only: a fact's id is not shown to the inspector.
                    let names: Vec<&str> = reads
                        .iter()
                        .map(|r| &self.env.items[*r])
                        .filter(|i| i.kind != Kind::Fact)
                        .map(|i| i.id.as_str())
                        .collect();
                    if names.is_empty() {
                        d.err(
                            ErrorKind::MisplacedField,
                            "`decides` names the question whose answer decides, and this condition reads no question",
                            dec.span(),
                        );
                    } else if !names.iter().any(|n| dec.get_ref().contains(n)) {
                        d.err(
                            ErrorKind::MissingField,
                            format!(
                                "`decides` must name the question whose answer decides, by its printed id: one of {}",
                                names.join(", ")
                            ),
                            dec.span(),
                        );
                    }
                }
                Some(self.conds.push(Cond {
                    text: text.get_ref().clone(),
                    expr,
                    quote: quote.to_string(),
                    line,
                    reads,
                    decides: decides.map(|s| s.get_ref().clone()),
                }))
            }
            Err(errs) => {
                for e in errs {
                    let span = d.inner_span(text, &e.span);
                    d.err(e.kind, e.message, span);
                }
                None
            }
        }
    }

    /// The `applies` conditions that check.
    fn all(&mut self, d: &mut Diags<'_>, list: &[RawCond]) -> Vec<CondIx> {
        let mut out = Vec::new();
        for c in list {
            out.extend(self.one(d, &c.when, (&c.quote, c.line, c.decides.as_ref())));
        }
        out
    }

    /// The conditions of question `ix`.
    fn question(&mut self, d: &mut Diags<'_>, ix: ItemIx, q: &RawQuestion) -> ItemConds {
        let applies = self.all(d, &q.applies);
        let rows = q.rows.iter().map(|r| self.all(d, &r.applies)).collect();
        let hints = q
            .hints
            .iter()
            .enumerate()
            .map(|(k, h)| self.hint(d, HintAt { item: ix, hint: k }, h))
            .collect();
        ItemConds {
            applies,
            rows,
            hints,
        }
    }

    fn hint(&mut self, d: &mut Diags<'_>, at: HintAt, h: &RawHint) -> Hint {
        let quote = h.quote.get_ref();
        let when = h
            .when
            .as_ref()
            .and_then(|w| self.one(d, w, (quote, h.line, h.decides.as_ref())));
        if let (Some(dec), None) = (&h.decides, &h.when) {
            d.err(
                ErrorKind::MisplacedField,
                "`decides` says which answer decides a hint's `when`, and this hint has none",
                dec.span(),
            );
        }
        if let Some(c) = when {
            self.hint_conds.push((at, c));
        }
        if let Some(s) = &h.suggest {
            check_answer_value(d, &self.env, &self.env.items[at.item], s);
        }
        if quote.trim().is_empty() {
            d.err(
                ErrorKind::MissingQuote,
                "every hint needs the `quote` from the seed that justifies it",
                h.quote.span(),
            );
        }
        Hint {
            when,
            suggest: h.suggest.as_ref().map(|s| s.get_ref().clone()),
            quote: quote.clone(),
            line: h.line,
        }
    }

    /// A forcing rule, or `None` when its condition does not check.
    fn force(&mut self, d: &mut Diags<'_>, f: &RawForce) -> Option<Force> {
        let items = self.env.items;
        let mut targets = Vec::new();
        for s in &f.summaries {
            if s.get_ref() == "*" {
                let summaries = items
                    .iter_enumerated()
                    .filter(|(_, i)| i.kind == Kind::Summary);
                targets.extend(summaries.map(|(i, _)| i));
                continue;
            }
            match self.env.index.get(s.get_ref().as_str()).copied() {
                Some(i) if items[i].kind == Kind::Summary => targets.push(i),
                Some(_) => d.err(
                    ErrorKind::WrongTarget,
                    format!("`{}` is not a summary judgement", s.get_ref()),
                    s.span(),
                ),
                None => d.err(
                    ErrorKind::UnknownName,
                    format!("unknown question `{}`", s.get_ref()),
                    s.span(),
                ),
            }
        }
        for t in &targets {
            check_answer_value(d, &self.env, &items[*t], &f.answer);
        }
        let when = self.one(d, &f.when, (&f.quote, f.line, None))?;
        Some(Force {
            summaries: targets,
            when,
            answer: f.answer.get_ref().clone(),
            quote: f.quote.clone(),
            line: f.line,
        })
    }
}

/// Checks a hint's suggestion or a forcing rule's answer against the question it is for.
fn check_answer_value(d: &mut Diags<'_>, env: &CheckEnv<'_>, item: &ItemDecl, value: &S) {
    let v = value.get_ref();
    match &item.answer {
        Some(AnswerType::Choice { scale, .. }) => {
            let s = &env.scales[*scale];
            if s.option(v).is_none() {
                let values: Vec<&str> = s.options.iter().map(|o| o.value.as_str()).collect();
                d.err(
                    ErrorKind::NotInScale,
                    format!(
                        "'{v}' is not a value of scale `{}` (its values: {})",
                        s.id,
                        values.join(", ")
                    ),
                    value.span(),
                );
            }
        }
        // A choice whose scale did not resolve: that error is reported where the scale is named.
        None if item.ty == TypeName::Choice => {}
        Some(AnswerType::Bool) if v == "yes" || v == "no" => {}
        _ => d.err(
            ErrorKind::WrongTarget,
            format!(
                "[{}] is not a single-choice question, so it cannot suggest or force '{v}'",
                item.id
            ),
            value.span(),
        ),
    }
}

/// The environment the condition checker resolves names in.
struct CheckEnv<'a> {
    items: &'a IxVec<ItemIx, ItemDecl>,
    index: &'a HashMap<ItemId, ItemIx>,
    scales: &'a IxVec<ScaleIx, Scale>,
}

impl CheckEnv<'_> {
    fn scale_id(&self, s: ScaleIx) -> String {
        self.scales[s].id.to_string()
    }

    /// The type of an item's value; an error when the item's scale did not resolve (that error is
    /// reported where the scale is named; conditions reading the item get this one).
    fn ty_of(&self, item: &ItemDecl) -> Result<Ty, RefError> {
        let answer = item
            .answer
            .as_ref()
            .ok_or_else(|| RefError::UnknownScale(item.id.to_string()))?;
        Ok(match answer {
            AnswerType::Bool => Ty::Bool,
            AnswerType::Choice { scale, .. } => Ty::Choice(self.scale_id(*scale)),
            AnswerType::Multi { scale, .. } => Ty::Set(self.scale_id(*scale)),
            AnswerType::Grid { scale, .. } => Ty::Grid(self.scale_id(*scale)),
            AnswerType::Number { .. } => Ty::Number,
            AnswerType::Date => Ty::Date,
            AnswerType::Text => Ty::Text,
        })
    }

    /// The position of `row` in grid `rows`.
    fn row_position(&self, rows: &Rows, row: &str) -> Option<usize> {
        match rows {
            Rows::Fixed(rs) => rs.iter().position(|x| x.id == row),
            Rows::From(src) => match &self.items[*src].answer {
                Some(AnswerType::Multi { scale, .. }) => self.scales[*scale]
                    .options
                    .iter()
                    .position(|o| o.value == row),
                _ => None,
            },
        }
    }
}

impl Env for CheckEnv<'_> {
    fn resolve(&self, r: &Ref) -> Result<(Slot, Ty), RefError> {
        let id = r.name.id();
        let found = self.index.get(id).map(|ix| (*ix, &self.items[*ix]));
        let (ix, item) = match (&r.name, found) {
            (RefName::Fact(_), Some((ix, it))) if it.kind == Kind::Fact => (ix, it),
            (RefName::Fact(_), Some(_)) => return Err(RefError::QuestionAsFact(id.into())),
            (RefName::Question(_), Some((ix, it))) if it.kind != Kind::Fact => (ix, it),
            (RefName::Question(_), Some(_)) => return Err(RefError::FactAsQuestion(id.into())),
            (RefName::Fact(_), None) => return Err(RefError::UnknownFact(id.into())),
            (RefName::Question(_), None) => return Err(RefError::UnknownQuestion(id.into())),
        };
        let ty = self.ty_of(item)?;
        match (&r.row, &item.answer) {
            (None, _) => Ok((
                Slot {
                    item: ix,
                    row: None,
                },
                ty,
            )),
            (Some(row), Some(AnswerType::Grid { scale, rows })) => {
                match self.row_position(rows, row) {
                    Some(p) => Ok((
                        Slot {
                            item: ix,
                            row: Some(p as u32),
                        },
                        Ty::Choice(self.scale_id(*scale)),
                    )),
                    None => Err(RefError::NoSuchRow {
                        question: id.into(),
                        row: row.clone(),
                    }),
                }
            }
            (Some(_), _) => Err(RefError::NotAGrid(id.into())),
        }
    }

    fn scale_values(&self, scale: &str) -> Vec<&str> {
        self.scales
            .iter()
            .find(|s| s.id == scale)
            .map(|s| s.options.iter().map(|o| o.value.as_str()).collect())
            .unwrap_or_default()
    }
}
