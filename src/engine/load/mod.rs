//! The loader: rule-file text to a checked [`RuleSet`], or every error found.
//!
//! Takes TOML text (see `docs/rule-format.md`); gives a [`RuleSet`] whose ids are unique, whose
//! references resolve, whose conditions type-check and whose applicability has no cycles. It works
//! in stages, a module each, each taking the one before's output:
//!
//! 1. [`input`]: the serde types the text deserialises into (with spans);
//! 2. [`resolve`]: ids checked and names resolved to typed indexes;
//! 3. [`compile`]: conditions parsed and type-checked, hints and forcing rules built;
//! 4. [`graph`]: reverse dependencies, evaluation order, cycles;
//!
//! and [`report`], where every stage records its errors (with their kind and byte span) and which
//! recovers from serde's first structural error to find the others. [`Report`] renders them with
//! line, column and caret.

mod compile;
mod graph;
mod input;
mod report;
mod resolve;

use super::diag::{Diagnostic, ErrorKind, Report};
use super::model::{content_hash, AnswerType, Deps, Group, Item, IxVec, RuleSet};
use compile::Compiled;
use report::Diags;
use resolve::{GroupDecl, ItemDecl};

impl RuleSet {
    /// The version of the rule-file format this code reads: a rule file's `format`.
    pub const FORMAT: u32 = 1;

    /// The JSON Schema of a rule file (without `$id`), derived from the [`input`] types: their doc
    /// comments become its descriptions. Native only, so the app does not carry the schema code.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn file_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        generator.root_schema_for::<input::RawFile>()
    }

    /// Loads and checks a rule file. `file` names it in error messages.
    pub fn load(file: &str, src: &str) -> Result<RuleSet, Report> {
        let raw: input::RawFile = match toml::from_str(src) {
            Ok(r) => r,
            Err(e) => {
                let first = Diagnostic::from_toml(&e, src, 0);
                let mut diags = report::structural_errors(src, &first.span);
                diags.insert(0, first);
                return Err(Report::new(file, src, diags));
            }
        };
        let mut d = Diags::new(src);
        let resolved = resolve::resolve(&mut d, &raw);
        let compiled = compile::compile(&mut d, resolved);
        let deps = graph::dependencies(&mut d, &compiled);
        if !d.is_empty() {
            return Err(Report::new(file, src, d.into_vec()));
        }
        assemble(compiled, deps, content_hash(src.as_bytes())).ok_or_else(|| {
            // Every unresolved reference is reported by the stages above, so this is not reached.
            let d = Diagnostic::new(ErrorKind::UnknownName, "a reference did not resolve", 0..0);
            Report::new(file, src, vec![d])
        })
    }
}

/// The checked rule set, once no stage found an error; `None` if something did not resolve.
fn assemble(c: Compiled<'_>, deps: Deps, hash: String) -> Option<RuleSet> {
    let r = c.resolved;
    let mut groups = IxVec::new();
    for g in r.groups {
        groups.push(group(g)?);
    }
    let mut items = IxVec::new();
    for i in r.items {
        items.push(item(i)?);
    }
    Some(RuleSet {
        meta: r.meta,
        hash,
        scales: r.scales,
        sections: r.sections,
        groups,
        items,
        forces: c.forces,
        weights: r.weights,
        conds: c.conds,
        index: r.index,
        deps,
    })
}

fn group(g: GroupDecl) -> Option<Group> {
    Some(Group {
        id: g.id,
        section: g.section?,
        title: g.title,
        intro: g.intro,
        applies: g.applies,
        items: g.items,
    })
}

fn item(i: ItemDecl) -> Option<Item> {
    let answer: AnswerType = i.answer?;
    Some(Item {
        id: i.id,
        kind: i.kind,
        text: i.text,
        answer,
        guidance: i.guidance,
        guidance_more: i.guidance_more,
        section: i.section,
        group: i.group,
        applies: i.applies,
        hints: i.hints,
        id_inferred: i.id_inferred,
        optional: i.optional,
        weighs: i.weighs,
        weight: i.weight,
        beside: i.beside,
        source: i.source,
    })
}
