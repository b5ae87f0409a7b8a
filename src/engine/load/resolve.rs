//! Stage 2, names: checks every id and resolves every name to a typed index.
//!
//! Takes the [`RawFile`] of stage 1; gives [`Resolved`]: scales, sections, groups and items (facts,
//! then questions, in file order) with their references (scale, section, group, `rows_from`,
//! `weighs`) resolved to indexes. A reference that names nothing is an error here and `None` in the
//! result, so later stages can go on checking what does resolve. Conditions are left to stage 3.

use super::input::{RawFact, RawFile, RawQuestion, RawRow, RawWeight, TypeName, S};
use super::report::Diags;
use crate::engine::cond::check::is_fact_id;
use crate::engine::diag::ErrorKind;
use crate::engine::model::{
    AnswerType, CondIx, GroupId, GroupIx, Hint, Idx, ItemId, ItemIx, IxVec, Kind, Meta, Row, Rows,
    RuleSet, Scale, ScaleIx, ScaleOption, Section, SectionIx, SourceQuote, Weight, WeightIx,
};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use toml::Spanned;

/// The rule file with every name resolved.
pub(super) struct Resolved<'r> {
    /// The file as written, for the conditions stage 3 compiles.
    pub raw: &'r RawFile,
    /// Metadata.
    pub meta: Meta,
    /// Scales in file order.
    pub scales: IxVec<ScaleIx, Scale>,
    /// Sections in file order, with their groups and items (conditions not yet compiled).
    pub sections: IxVec<SectionIx, Section>,
    /// Groups in file order.
    pub groups: IxVec<GroupIx, GroupDecl>,
    /// Facts, then questions, in file order.
    pub items: IxVec<ItemIx, ItemDecl>,
    /// Items by id.
    pub index: HashMap<ItemId, ItemIx>,
    /// Weight classes in file order.
    pub weights: IxVec<WeightIx, Weight>,
}

/// A group whose section may not have resolved.
pub(super) struct GroupDecl {
    pub id: GroupId,
    pub section: Option<SectionIx>,
    pub title: String,
    pub intro: String,
    /// Filled in by stage 3.
    pub applies: Vec<CondIx>,
    pub items: Vec<ItemIx>,
}

/// A fact or question whose answer type may not have resolved (a missing or unknown scale).
pub(super) struct ItemDecl {
    pub id: ItemId,
    /// Where its id is written, for errors about the item as a whole.
    pub id_span: Range<usize>,
    pub kind: Kind,
    pub text: String,
    /// The type as written.
    pub ty: TypeName,
    /// The answer it takes; `None` when its scale did not resolve.
    pub answer: Option<AnswerType>,
    pub guidance: String,
    pub guidance_more: String,
    pub section: Option<SectionIx>,
    pub group: Option<GroupIx>,
    pub id_inferred: bool,
    pub optional: bool,
    pub weighs: Vec<ItemIx>,
    /// Set once every summary's `weighs` is known.
    pub weight: Option<WeightIx>,
    pub beside: Option<ItemIx>,
    pub source: Option<SourceQuote>,
    /// Filled in by stage 3.
    pub applies: Vec<CondIx>,
    /// Filled in by stage 3.
    pub hints: Vec<Hint>,
}

/// Gives the rule file with its names resolved; records what does not resolve in `d`.
pub(super) fn resolve<'r>(d: &mut Diags<'_>, raw: &'r RawFile) -> Resolved<'r> {
    header(d, raw);
    let scales = scales(d, raw);
    let weights = weights(d, raw);
    let mut sections = sections(d, raw);
    let mut groups = groups(d, raw, &mut sections);
    let mut items = IxVec::new();
    let mut index = HashMap::new();
    for f in raw.fact.iter() {
        let ix = ItemIx::new(items.len());
        items.push(fact(d, f, (ix, &mut index), &scales));
    }
    for q in raw.question.iter() {
        let ix = ItemIx::new(items.len());
        let names = Names {
            scales: &scales,
            sections: &sections,
            groups: &groups,
        };
        let item = question(d, q, (ix, &mut index), &names);
        if let Some(s) = item.section {
            sections[s].items.push(ix);
        }
        if let Some(g) = item.group {
            groups[g].items.push(ix);
        }
        items.push(item);
    }
    let first_question = raw.fact.len();
    for (k, q) in raw.question.iter().enumerate() {
        let ix = ItemIx::new(first_question + k);
        if let Some(from) = &q.rows_from {
            rows_from(d, from, ix, &mut items, &index);
        }
        if *q.kind.get_ref() == Kind::Summary {
            items[ix].weighs = weighs(d, q, ix, &items, &index, &groups, &weights);
        }
    }
    for (k, f) in raw.fact.iter().enumerate() {
        if let Some(b) = &f.beside {
            items[ItemIx::new(k)].beside = beside(d, b, &items, &index);
        }
    }
    weight_of_weighed(d, raw, &mut items, &weights);
    Resolved {
        raw,
        meta: raw.meta.to_meta(),
        scales,
        sections,
        groups,
        items,
        index,
        weights,
    }
}

/// The name tables a question's references are resolved in.
struct Names<'a> {
    scales: &'a IxVec<ScaleIx, Scale>,
    sections: &'a IxVec<SectionIx, Section>,
    groups: &'a IxVec<GroupIx, GroupDecl>,
}

/// The index of the last entry of `list` whose id is `id` (the last, as a map would give: each later
/// duplicate is reported). Scales, sections and groups are few, so a search is enough.
fn find<I: Idx, T>(list: &IxVec<I, T>, id: &str, id_of: impl Fn(&T) -> &str) -> Option<I> {
    list.iter_enumerated()
        .rev()
        .find(|(_, t)| id_of(t) == id)
        .map(|(i, _)| i)
}

fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
fn valid_value(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}
fn valid_ident(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some(f) if f.is_ascii_alphabetic() || f == '_')
        && c.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
fn valid_section_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// `format` and `meta.id`.
fn header(d: &mut Diags<'_>, raw: &RawFile) {
    if *raw.format.get_ref() != RuleSet::FORMAT {
        d.err(
            ErrorKind::Format,
            format!(
                "unsupported format {}: this version reads format {}",
                raw.format.get_ref(),
                RuleSet::FORMAT
            ),
            raw.format.span(),
        );
    }
    let id = &raw.meta.id;
    if !valid_slug(id.get_ref()) {
        d.err(
            ErrorKind::InvalidId,
            "meta.id must be lower-case letters, digits and `-`",
            id.span(),
        );
    }
}

fn scales(d: &mut Diags<'_>, raw: &RawFile) -> IxVec<ScaleIx, Scale> {
    let mut scales = IxVec::new();
    for s in raw.scale.iter() {
        let (id, span) = (s.id.get_ref(), s.id.span());
        if find(&scales, id, |s: &Scale| &s.id).is_some() {
            d.err(
                ErrorKind::DuplicateId,
                format!("duplicate scale id `{id}`"),
                span.clone(),
            );
        }
        if !valid_value(id) {
            d.err(
                ErrorKind::InvalidId,
                "a scale id must be lower-case letters, digits and `_`",
                span.clone(),
            );
        }
        if s.options.is_empty() {
            d.err(
                ErrorKind::MissingField,
                format!("scale `{id}` has no options"),
                span,
            );
        }
        let mut seen = HashSet::new();
        for o in &s.options {
            let value = o.value.get_ref();
            if !valid_value(value) {
                d.err(
                    ErrorKind::InvalidId,
                    "an option value must be lower-case letters, digits and `_`",
                    o.value.span(),
                );
            }
            if !seen.insert(value.clone()) {
                d.err(
                    ErrorKind::DuplicateId,
                    format!("duplicate option `{value}` in scale `{id}`"),
                    o.value.span(),
                );
            }
        }
        let options = s.options.iter().map(|o| ScaleOption {
            value: o.value.get_ref().clone(),
            label: o.label.clone(),
            polarity: o.polarity,
        });
        scales.push(Scale {
            id: id.clone().into(),
            options: options.collect(),
        });
    }
    scales
}

fn sections(d: &mut Diags<'_>, raw: &RawFile) -> IxVec<SectionIx, Section> {
    let mut sections = IxVec::new();
    for s in raw.section.iter() {
        let id = s.id.get_ref();
        if !valid_section_id(id) {
            d.err(
                ErrorKind::InvalidId,
                "a section id must be letters, digits, `.`, `_` and `-`",
                s.id.span(),
            );
        }
        if find(&sections, id, |s: &Section| &s.id).is_some() {
            d.err(
                ErrorKind::DuplicateId,
                format!("duplicate section id `{id}`"),
                s.id.span(),
            );
        }
        sections.push(Section {
            id: id.clone().into(),
            title: s.title.clone(),
            intro: s.intro.clone().unwrap_or_default(),
            applies: vec![],
            groups: vec![],
            items: vec![],
        });
    }
    sections
}

fn groups(
    d: &mut Diags<'_>,
    raw: &RawFile,
    sections: &mut IxVec<SectionIx, Section>,
) -> IxVec<GroupIx, GroupDecl> {
    let mut groups = IxVec::new();
    for g in raw.group.iter() {
        let id = g.id.get_ref();
        if !valid_section_id(id) {
            d.err(
                ErrorKind::InvalidId,
                "a group id must be letters, digits, `.`, `_` and `-`",
                g.id.span(),
            );
        }
        let ix = GroupIx::new(groups.len());
        if find(&groups, id, |g: &GroupDecl| &g.id).is_some()
            || find(sections, id, |s: &Section| &s.id).is_some()
        {
            d.err(
                ErrorKind::DuplicateId,
                format!("duplicate id `{id}` (ids of sections and groups must be unique)"),
                g.id.span(),
            );
        }
        let section = find(sections, g.section.get_ref(), |s: &Section| &s.id);
        match section {
            Some(s) => sections[s].groups.push(ix),
            None => d.err(
                ErrorKind::UnknownName,
                format!("unknown section `{}`", g.section.get_ref()),
                g.section.span(),
            ),
        }
        groups.push(GroupDecl {
            id: id.clone().into(),
            section,
            title: g.title.clone().unwrap_or_default(),
            intro: g.intro.clone().unwrap_or_default(),
            applies: vec![],
            items: vec![],
        });
    }
    groups
}

fn add_id(d: &mut Diags<'_>, index: &mut HashMap<ItemId, ItemIx>, id: &S, ix: ItemIx) {
    if index.insert(id.get_ref().clone().into(), ix).is_some() {
        d.err(
            ErrorKind::DuplicateId,
            format!("duplicate id `{}`", id.get_ref()),
            id.span(),
        );
    }
}

/// The fields of a fact or question that say what answer it takes.
struct AnswerSpec<'a> {
    ty: &'a Spanned<TypeName>,
    scale: &'a Option<S>,
    max_choices: Option<u32>,
    named: bool,
    other: Option<&'a S>,
    min: Option<f64>,
    max: Option<f64>,
    unit: &'a Option<String>,
}

/// The scale a fact or question names: `None` when it names none it needs, an unknown one, or one it
/// does not take (all reported).
fn find_scale(
    d: &mut Diags<'_>,
    spec: &AnswerSpec<'_>,
    scales: &IxVec<ScaleIx, Scale>,
) -> Option<ScaleIx> {
    let needs = spec.ty.get_ref().needs_scale();
    match (spec.scale, needs) {
        (Some(s), true) => {
            let found = find(scales, s.get_ref(), |s: &Scale| &s.id);
            if found.is_none() {
                d.err(
                    ErrorKind::UnknownName,
                    format!("unknown scale `{}`", s.get_ref()),
                    s.span(),
                );
            }
            found
        }
        (None, true) => {
            d.err(
                ErrorKind::MissingField,
                "this type needs a `scale`",
                spec.ty.span(),
            );
            None
        }
        (Some(s), false) => {
            d.err(
                ErrorKind::MisplacedField,
                "only choice, multi and grid take a `scale`",
                s.span(),
            );
            None
        }
        (None, false) => None,
    }
}

/// The answer type of a fact or question (grids with no rows yet); `None` when it needs a scale that
/// did not resolve.
fn answer_type(
    d: &mut Diags<'_>,
    spec: &AnswerSpec<'_>,
    scales: &IxVec<ScaleIx, Scale>,
) -> Option<AnswerType> {
    let t = *spec.ty.get_ref();
    let scale = find_scale(d, spec, scales);
    if spec.max_choices.is_some() && t != TypeName::Multi {
        d.err(
            ErrorKind::MisplacedField,
            "`max_choices` is only for type multi",
            spec.ty.span(),
        );
    }
    if let Some(o) = spec.other {
        if t != TypeName::Choice {
            d.err(
                ErrorKind::MisplacedField,
                "`other` is only for type choice (an option whose answer the inspector types)",
                o.span(),
            );
        } else if o.get_ref().trim().is_empty() {
            d.err(
                ErrorKind::MissingField,
                "`other` is the label of the option the inspector types: it must not be empty",
                o.span(),
            );
        }
    }
    if spec.named && t != TypeName::Multi {
        d.err(
            ErrorKind::MisplacedField,
            "`named` is only for type multi (the inspector names each option chosen)",
            spec.ty.span(),
        );
    }
    if (spec.min.is_some() || spec.max.is_some() || spec.unit.is_some()) && t != TypeName::Number {
        d.err(
            ErrorKind::MisplacedField,
            "`min`, `max` and `unit` are only for type number",
            spec.ty.span(),
        );
    }
    Some(match t {
        TypeName::Bool => AnswerType::Bool,
        TypeName::Choice => AnswerType::Choice {
            scale: scale?,
            other: spec.other.map(|o| o.get_ref().clone()),
        },
        TypeName::Multi => AnswerType::Multi {
            scale: scale?,
            max_choices: spec.max_choices,
            named: spec.named,
        },
        TypeName::Grid => AnswerType::Grid {
            scale: scale?,
            rows: Rows::Fixed(vec![]),
        },
        TypeName::Number => AnswerType::Number {
            min: spec.min,
            max: spec.max,
            unit: spec.unit.clone(),
        },
        TypeName::Date => AnswerType::Date,
        TypeName::Text => AnswerType::Text,
    })
}

/// The fact `f`, entered in `index` as item `ix`.
fn fact(
    d: &mut Diags<'_>,
    f: &RawFact,
    (ix, index): (ItemIx, &mut HashMap<ItemId, ItemIx>),
    scales: &IxVec<ScaleIx, Scale>,
) -> ItemDecl {
    if !is_fact_id(f.id.get_ref()) {
        d.err(
            ErrorKind::InvalidId,
            "a fact id must be snake_case (lower-case letters, digits, `_`) and not a keyword",
            f.id.span(),
        );
    }
    if *f.ty.get_ref() == TypeName::Grid {
        d.err(
            ErrorKind::MisplacedField,
            "a fact cannot be a grid",
            f.ty.span(),
        );
    }
    add_id(d, index, &f.id, ix);
    let spec = AnswerSpec {
        ty: &f.ty,
        scale: &f.scale,
        max_choices: f.max_choices,
        named: false,
        other: None,
        min: f.min,
        max: f.max,
        unit: &f.unit,
    };
    ItemDecl {
        id: f.id.get_ref().clone().into(),
        id_span: f.id.span(),
        kind: Kind::Fact,
        text: f.label.clone(),
        ty: *f.ty.get_ref(),
        answer: answer_type(d, &spec, scales),
        guidance: f.help.clone().unwrap_or_default(),
        guidance_more: String::new(),
        section: None,
        group: None,
        id_inferred: false,
        optional: f.optional,
        weighs: vec![],
        weight: None,
        beside: None,
        source: Some(SourceQuote {
            quote: f.quote.clone(),
            line: f.line,
        }),
        applies: vec![],
        hints: vec![],
    }
}

/// The question `q`, entered in `index` as item `ix`.
fn question(
    d: &mut Diags<'_>,
    q: &RawQuestion,
    (ix, index): (ItemIx, &mut HashMap<ItemId, ItemIx>),
    names: &Names<'_>,
) -> ItemDecl {
    let id = q.id.get_ref();
    if id.is_empty() || id.contains(']') || id.contains('[') || id.trim() != id {
        d.err(
            ErrorKind::InvalidId,
            "a question id must not be empty, contain brackets or start or end with spaces",
            q.id.span(),
        );
    }
    if *q.kind.get_ref() == Kind::Fact {
        d.err(
            ErrorKind::MisplacedField,
            "kind must be prompt, information, summary or case (facts go in [[fact]])",
            q.kind.span(),
        );
    }
    add_id(d, index, &q.id, ix);
    let (section, group) = placement(d, q, names);
    let spec = AnswerSpec {
        ty: &q.ty,
        scale: &q.scale,
        max_choices: q.max_choices,
        named: q.named,
        other: q.other.as_ref(),
        min: q.min,
        max: q.max,
        unit: &q.unit,
    };
    let mut answer = answer_type(d, &spec, names.scales);
    if *q.ty.get_ref() == TypeName::Grid {
        let scale = match &answer {
            Some(AnswerType::Grid { scale, .. }) => Some(&names.scales[*scale]),
            _ => None,
        };
        let rows = grid_rows(d, q, scale);
        if let Some(AnswerType::Grid { rows: r, .. }) = &mut answer {
            *r = rows;
        }
    } else if !q.rows.is_empty() || q.rows_from.is_some() {
        d.err(
            ErrorKind::MisplacedField,
            "`rows` and `rows_from` are only for type grid",
            q.ty.span(),
        );
    }
    if let (Some(w), Kind::Summary) = (&q.weight, q.kind.get_ref()) {
        d.err(
            ErrorKind::MisplacedField,
            "a summary judgement has no `weight`: give it to the questions it weighs",
            w.span(),
        );
    }
    if q.weighs.is_some() && *q.kind.get_ref() != Kind::Summary {
        d.err(
            ErrorKind::MisplacedField,
            "only a summary judgement `weighs` other questions",
            q.kind.span(),
        );
    }
    ItemDecl {
        id: id.clone().into(),
        id_span: q.id.span(),
        kind: *q.kind.get_ref(),
        text: q.text.clone(),
        ty: *q.ty.get_ref(),
        answer,
        guidance: q.guidance.clone().unwrap_or_default(),
        guidance_more: q.guidance_more.clone().unwrap_or_default(),
        section,
        group,
        id_inferred: q.id_inferred,
        optional: q.optional,
        weighs: vec![],
        weight: None,
        beside: None,
        source: None,
        applies: vec![],
        hints: vec![],
    }
}

/// A question's section and group (the group's section when it names a group).
fn placement(
    d: &mut Diags<'_>,
    q: &RawQuestion,
    names: &Names<'_>,
) -> (Option<SectionIx>, Option<GroupIx>) {
    match (&q.section, &q.group) {
        (Some(_), Some(g)) => {
            d.err(
                ErrorKind::MisplacedField,
                "give either `group` or `section`, not both",
                g.span(),
            );
            (None, None)
        }
        (None, None) => {
            d.err(
                ErrorKind::MissingField,
                "a question needs a `group` or a `section`",
                q.id.span(),
            );
            (None, None)
        }
        (Some(s), None) => match find(names.sections, s.get_ref(), |s: &Section| &s.id) {
            Some(i) => (Some(i), None),
            None => {
                d.err(
                    ErrorKind::UnknownName,
                    format!("unknown section `{}`", s.get_ref()),
                    s.span(),
                );
                (None, None)
            }
        },
        (None, Some(g)) => match find(names.groups, g.get_ref(), |g: &GroupDecl| &g.id) {
            // A group whose own section is unknown places nothing (its error is reported there).
            Some(i) => match names.groups[i].section {
                Some(s) => (Some(s), Some(i)),
                None => (None, None),
            },
            None => {
                d.err(
                    ErrorKind::UnknownName,
                    format!("unknown group `{}`", g.get_ref()),
                    g.span(),
                );
                (None, None)
            }
        },
    }
}

/// A grid's fixed rows (none when they come from `rows_from`, resolved once every item is known).
fn grid_rows(d: &mut Diags<'_>, q: &RawQuestion, scale: Option<&Scale>) -> Rows {
    match (&q.rows_from, q.rows.is_empty()) {
        (Some(_), false) => d.err(
            ErrorKind::MisplacedField,
            "give either `rows` or `rows_from`, not both",
            q.id.span(),
        ),
        (None, true) => d.err(
            ErrorKind::MissingField,
            "a grid needs `rows` or `rows_from`",
            q.ty.span(),
        ),
        (None, false) => return Rows::Fixed(fixed_rows(d, &q.rows, scale)),
        (Some(_), true) => {}
    }
    Rows::Fixed(vec![])
}

/// The rows written in the file; `scale` is the grid's (`None` when it did not resolve: its error is
/// reported there, and the rows' `options` are not checked against it).
fn fixed_rows(d: &mut Diags<'_>, rows: &[RawRow], scale: Option<&Scale>) -> Vec<Row> {
    let mut seen = HashSet::new();
    for r in rows.iter() {
        if !valid_ident(r.id.get_ref()) {
            d.err(
                ErrorKind::InvalidId,
                "a row id must be letters, digits and `_`, starting with a letter",
                r.id.span(),
            );
        }
        if !seen.insert(r.id.get_ref().clone()) {
            d.err(
                ErrorKind::DuplicateId,
                format!("duplicate row `{}`", r.id.get_ref()),
                r.id.span(),
            );
        }
    }
    let rows = rows.iter().map(|r| Row {
        id: r.id.get_ref().clone(),
        label: r.label.clone(),
        applies: vec![],
        options: r.options.as_ref().map(|o| row_options(d, r, o, scale)),
    });
    rows.collect()
}

/// The `options` of row `r`: values of the grid's scale, each once, at least one; kept in the scale's
/// order so every row lists its options in the same order as the grid's columns.
fn row_options(
    d: &mut Diags<'_>,
    r: &RawRow,
    list: &Spanned<Vec<S>>,
    scale: Option<&Scale>,
) -> Vec<String> {
    let row = r.id.get_ref();
    if list.get_ref().is_empty() {
        d.err(
            ErrorKind::MissingField,
            format!(
                "row `{row}` offers no options: leave `options` out to offer all of the scale's"
            ),
            list.span(),
        );
    }
    let mut seen = HashSet::new();
    for v in list.get_ref() {
        if !seen.insert(v.get_ref().as_str()) {
            d.err(
                ErrorKind::DuplicateId,
                format!("row `{row}` lists the option `{}` twice", v.get_ref()),
                v.span(),
            );
        }
        if let Some(s) = scale {
            if s.option(v.get_ref()).is_none() {
                let values: Vec<&str> = s.options.iter().map(|o| o.value.as_str()).collect();
                d.err(
                    ErrorKind::UnknownName,
                    format!(
                        "`{}` is not an option of the grid's scale `{}` (its options: {})",
                        v.get_ref(),
                        s.id,
                        values.join(", ")
                    ),
                    v.span(),
                );
            }
        }
    }
    match scale {
        Some(s) => s
            .options
            .iter()
            .filter(|o| seen.contains(o.value.as_str()))
            .map(|o| o.value.clone())
            .collect(),
        None => list.get_ref().iter().map(|v| v.get_ref().clone()).collect(),
    }
}

/// Points the rows of grid `ix` at the multiple-choice item `from` names. (The grid's own scale is
/// the answer scale of each row; the rows are the options of the source's scale, so the two scales
/// may differ.)
fn rows_from(
    d: &mut Diags<'_>,
    from: &S,
    ix: ItemIx,
    items: &mut IxVec<ItemIx, ItemDecl>,
    index: &HashMap<ItemId, ItemIx>,
) {
    match index.get(from.get_ref().as_str()).copied() {
        Some(src) if matches!(items[src].answer, Some(AnswerType::Multi { .. })) => {
            if let Some(AnswerType::Grid { rows, .. }) = &mut items[ix].answer {
                *rows = Rows::From(src);
            }
        }
        // A source whose own scale did not resolve: its error is reported there.
        Some(src) if items[src].ty == TypeName::Multi => {}
        Some(_) => d.err(
            ErrorKind::WrongTarget,
            format!("`{}` is not a multiple-choice question", from.get_ref()),
            from.span(),
        ),
        None => d.err(
            ErrorKind::UnknownName,
            format!("unknown question `{}`", from.get_ref()),
            from.span(),
        ),
    }
}

/// What summary `ix` weighs: its `weighs` list, or else the questions of its group whose kind a
/// weight class lists (the prompt questions when the file declares no weights).
fn weighs(
    d: &mut Diags<'_>,
    q: &RawQuestion,
    ix: ItemIx,
    items: &IxVec<ItemIx, ItemDecl>,
    index: &HashMap<ItemId, ItemIx>,
    groups: &IxVec<GroupIx, GroupDecl>,
    weights: &IxVec<WeightIx, Weight>,
) -> Vec<ItemIx> {
    let weighed_kind = |k: Kind| {
        if weights.is_empty() {
            k == Kind::Prompt
        } else {
            k != Kind::Summary && weights.iter().any(|w| w.kinds.contains(&k))
        }
    };
    let Some(list) = &q.weighs else {
        return match items[ix].group {
            Some(g) => groups[g]
                .items
                .iter()
                .copied()
                .filter(|i| *i != ix && weighed_kind(items[*i].kind))
                .collect(),
            None => vec![],
        };
    };
    let mut out = Vec::new();
    for w in list {
        match index.get(w.get_ref().as_str()).copied() {
            Some(i) if items[i].kind != Kind::Fact && i != ix => out.push(i),
            Some(_) => d.err(
                ErrorKind::WrongTarget,
                format!("`{}` cannot be weighed by this summary", w.get_ref()),
                w.span(),
            ),
            None => d.err(
                ErrorKind::UnknownName,
                format!("unknown question `{}`", w.get_ref()),
                w.span(),
            ),
        }
    }
    out
}

/// The `[[weight]]` classes: ids unique, each kind in at most one class, no class for facts or
/// summaries (they are never weighed).
fn weights(d: &mut Diags<'_>, raw: &RawFile) -> IxVec<WeightIx, Weight> {
    let mut out: IxVec<WeightIx, Weight> = IxVec::new();
    for w in raw.weight.iter() {
        let RawWeight {
            id,
            label,
            kinds,
            quote,
            line,
        } = w;
        if !valid_value(id.get_ref()) {
            d.err(
                ErrorKind::InvalidId,
                "a weight id must be lower-case letters, digits and `_`",
                id.span(),
            );
        }
        if find(&out, id.get_ref(), |w: &Weight| &w.id).is_some() {
            d.err(
                ErrorKind::DuplicateId,
                format!("duplicate weight id `{}`", id.get_ref()),
                id.span(),
            );
        }
        for k in kinds {
            if matches!(k.get_ref(), Kind::Fact | Kind::Summary) {
                d.err(
                    ErrorKind::MisplacedField,
                    "only prompt, information and case questions are weighed",
                    k.span(),
                );
            } else if out.iter().any(|w| w.kinds.contains(k.get_ref())) {
                d.err(
                    ErrorKind::DuplicateId,
                    "this kind already takes another weight: a kind may be in one weight's `kinds`",
                    k.span(),
                );
            }
        }
        out.push(Weight {
            id: id.get_ref().clone(),
            label: label.clone(),
            kinds: kinds.iter().map(|k| *k.get_ref()).collect(),
            quote: quote.clone(),
            line: *line,
        });
    }
    out
}

/// The question a judgement fact is recorded beside.
fn beside(
    d: &mut Diags<'_>,
    b: &S,
    items: &IxVec<ItemIx, ItemDecl>,
    index: &HashMap<ItemId, ItemIx>,
) -> Option<ItemIx> {
    match index.get(b.get_ref().as_str()).copied() {
        Some(q) if items[q].kind != Kind::Fact => Some(q),
        Some(_) => {
            d.err(
                ErrorKind::WrongTarget,
                format!(
                    "`{}` is a fact: a judgement fact is recorded beside a question",
                    b.get_ref()
                ),
                b.span(),
            );
            None
        }
        None => {
            d.err(
                ErrorKind::UnknownName,
                format!("unknown question `{}`", b.get_ref()),
                b.span(),
            );
            None
        }
    }
}

/// Gives every weighed question its weight class (its own `weight`, else its kind's). A `weight`
/// naming no class, on a question no summary weighs, or (when the file declares weights) a weighed
/// question with no class, is an error.
fn weight_of_weighed(
    d: &mut Diags<'_>,
    raw: &RawFile,
    items: &mut IxVec<ItemIx, ItemDecl>,
    weights: &IxVec<WeightIx, Weight>,
) {
    let mut weighed_by: HashMap<ItemIx, ItemIx> = HashMap::new();
    for (ix, item) in items.iter_enumerated() {
        for &w in &item.weighs {
            weighed_by.entry(w).or_insert(ix);
        }
    }
    let first_question = raw.fact.len();
    for (k, q) in raw.question.iter().enumerate() {
        let ix = ItemIx::new(first_question + k);
        let own = q.weight.as_ref().and_then(|w| {
            let found = find(weights, w.get_ref(), |x: &Weight| &x.id);
            if found.is_none() {
                d.err(
                    ErrorKind::UnknownName,
                    format!("unknown weight `{}`", w.get_ref()),
                    w.span(),
                );
            } else if !weighed_by.contains_key(&ix) && *q.kind.get_ref() != Kind::Summary {
                d.err(
                    ErrorKind::MisplacedField,
                    "no summary judgement weighs this question, so it has no `weight`",
                    w.span(),
                );
            }
            found
        });
        let Some(by) = weighed_by.get(&ix).copied() else {
            continue;
        };
        let kind = items[ix].kind;
        let weight = own.or_else(|| weights.position(|w| w.kinds.contains(&kind)));
        if weight.is_none() && !weights.is_empty() && q.weight.is_none() {
            d.err(
                ErrorKind::MissingField,
                format!(
                    "`{}` is weighed by `{}` but has no weight: give it `weight = \"...\"` or list its kind in a [[weight]]'s `kinds`",
                    items[ix].id, items[by].id
                ),
                items[ix].id_span.clone(),
            );
        }
        items[ix].weight = weight;
    }
}
