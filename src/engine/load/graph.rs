//! Stage 4, the dependency graph: who reads whom, and the order to evaluate items in.
//!
//! Takes [`Compiled`] from stage 3; gives [`Deps`]: for each item, the items whose applicability
//! reads it, the hints and forcing rules whose conditions read it, the summaries that weigh it and
//! the grids whose rows come from it; and an evaluation order in which every item comes after the
//! items its applicability reads. An applicability cycle is reported (once) here.

use super::compile::Compiled;
use super::report::Diags;
use crate::engine::diag::ErrorKind;
use crate::engine::model::{AnswerType, CondIx, Deps, ItemIx, IxVec, Rows};

/// The dependencies of a compiled rule file; an applicability cycle is recorded in `d`.
pub(super) fn dependencies(d: &mut Diags<'_>, c: &Compiled<'_>) -> Deps {
    let reads = applicability_reads(c);
    let n = reads.len();
    let mut deps = Deps {
        app_readers: IxVec::filled(vec![], n),
        hint_readers: IxVec::filled(vec![], n),
        force_readers: IxVec::filled(vec![], n),
        weighed_by: IxVec::filled(vec![], n),
        row_sources: IxVec::filled(vec![], n),
        ..Default::default()
    };
    for (i, rs) in reads.iter_enumerated() {
        for r in rs {
            deps.app_readers[*r].push(i);
        }
    }
    for (at, cond) in &c.hint_conds {
        for r in &c.conds[*cond].reads {
            deps.hint_readers[*r].push(*at);
        }
    }
    for (f, force) in c.forces.iter_enumerated() {
        for r in &c.conds[force.when].reads {
            deps.force_readers[*r].push(f);
        }
    }
    for (i, item) in c.resolved.items.iter_enumerated() {
        for w in &item.weighs {
            deps.weighed_by[*w].push(i);
        }
        if let Some(AnswerType::Grid {
            rows: Rows::From(src),
            ..
        }) = &item.answer
        {
            deps.row_sources[*src].push(i);
        }
    }
    judgement_facts(d, c, &deps);
    deps.order = order(d, c, &reads);
    deps.rank = IxVec::filled(0, n);
    for (pos, i) in deps.order.iter().enumerate() {
        deps.rank[*i] = pos;
    }
    deps
}

/// A judgement fact (a fact with `beside`) is the inspector's own finding: only hints of the
/// question it is recorded beside may read it, so it calls up a suggestion with its quote and never
/// silently hides a question or forces a judgement.
fn judgement_facts(d: &mut Diags<'_>, c: &Compiled<'_>, deps: &Deps) {
    for (ix, item) in c.resolved.items.iter_enumerated() {
        let Some(q) = item.beside else { continue };
        let span = item.id_span.clone();
        let question = &c.resolved.items[q].id;
        if !deps.app_readers[ix].is_empty() || !deps.force_readers[ix].is_empty() {
            d.err(
                ErrorKind::WrongTarget,
                format!(
                    "judgement fact `{}` is the inspector's finding: only hints of `{question}` may read it, not applicability or a forcing rule",
                    item.id
                ),
                span,
            );
        } else if deps.hint_readers[ix].iter().any(|h| h.item != q) {
            d.err(
                ErrorKind::WrongTarget,
                format!(
                    "judgement fact `{}` is recorded beside `{question}`: only that question's hints may read it",
                    item.id
                ),
                span,
            );
        } else if deps.hint_readers[ix].is_empty() {
            d.err(
                ErrorKind::MissingField,
                format!(
                    "no hint of `{question}` reads judgement fact `{}`, so recording it would change nothing",
                    item.id
                ),
                span,
            );
        }
    }
}

/// For each item, the items its applicability reads: its own conditions, its section's, its
/// group's and its grid rows', without repeats.
fn applicability_reads(c: &Compiled<'_>) -> IxVec<ItemIx, Vec<ItemIx>> {
    let r = &c.resolved;
    let mut out = IxVec::new();
    for item in &r.items {
        let mut cs: Vec<CondIx> = item.applies.clone();
        if let Some(s) = item.section {
            cs.extend(&r.sections[s].applies);
        }
        if let Some(g) = item.group {
            cs.extend(&r.groups[g].applies);
        }
        if let Some(AnswerType::Grid {
            rows: Rows::Fixed(rows),
            ..
        }) = &item.answer
        {
            for row in rows {
                cs.extend(&row.applies);
            }
        }
        let mut reads: Vec<ItemIx> = Vec::new();
        for cond in cs {
            for read in &c.conds[cond].reads {
                if !reads.contains(read) {
                    reads.push(*read);
                }
            }
        }
        out.push(reads);
    }
    out
}

/// Where an item stands in the depth-first search.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    New,
    OnStack,
    Done,
}

/// A topological order of the items (depth-first), reporting the first cycle found.
fn order(d: &mut Diags<'_>, c: &Compiled<'_>, reads: &IxVec<ItemIx, Vec<ItemIx>>) -> Vec<ItemIx> {
    let mut state = IxVec::filled(Visit::New, reads.len());
    let mut order = Vec::with_capacity(reads.len());
    let mut reported = false;
    for start in reads.indices() {
        if state[start] != Visit::New {
            continue;
        }
        // Each entry: an item and how many of the items it reads have been visited.
        let mut stack: Vec<(ItemIx, usize)> = vec![(start, 0)];
        state[start] = Visit::OnStack;
        while let Some((node, next)) = stack.pop() {
            let Some(&dep) = reads[node].get(next) else {
                state[node] = Visit::Done;
                order.push(node);
                continue;
            };
            stack.push((node, next + 1));
            match state[dep] {
                Visit::New => {
                    state[dep] = Visit::OnStack;
                    stack.push((dep, 0));
                }
                Visit::OnStack if !reported => {
                    reported = true;
                    report_cycle(d, c, &stack, node, dep);
                }
                _ => {}
            }
        }
    }
    order
}

/// Reports the cycle from `dep` (on `stack`) through `node` back to `dep`, at `node`'s id.
fn report_cycle(
    d: &mut Diags<'_>,
    c: &Compiled<'_>,
    stack: &[(ItemIx, usize)],
    node: ItemIx,
    dep: ItemIx,
) {
    let items = &c.resolved.items;
    let pos = stack.iter().position(|(x, _)| *x == dep).unwrap_or(0);
    let chain: Vec<&str> = stack[pos..]
        .iter()
        .map(|(x, _)| items[*x].id.as_str())
        .chain([items[dep].id.as_str()])
        .collect();
    d.err(
        ErrorKind::Cycle,
        format!(
            "applicability cycle: {} (each depends on the next)",
            chain.join(" -> ")
        ),
        items[node].id_span.clone(),
    );
}
