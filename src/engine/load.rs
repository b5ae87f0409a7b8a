//! The loader: rule-file text to a checked [`RuleSet`], or every error found.
//!
//! Takes TOML text (see `docs/rule-format.md`); gives a [`RuleSet`] whose ids are unique, whose
//! references resolve, whose conditions type-check and whose applicability has no cycles. Errors carry
//! byte spans and are rendered with line, column and caret by [`Report`].

use super::cond::{self, Env, Ref, RefName, Slot, Ty};
use super::diag::{Diagnostic, Report};
use super::model::*;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use toml::Spanned;

type S = Spanned<String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    format: Spanned<u32>,
    meta: Meta,
    #[serde(default)]
    scale: Vec<RawScale>,
    #[serde(default)]
    fact: Vec<RawFact>,
    #[serde(default)]
    section: Vec<RawSection>,
    #[serde(default)]
    group: Vec<RawGroup>,
    #[serde(default)]
    question: Vec<RawQuestion>,
    #[serde(default)]
    force: Vec<RawForce>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    id: S,
    options: Vec<RawOption>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    value: S,
    label: String,
    #[serde(default)]
    polarity: Polarity,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCond {
    when: S,
    quote: String,
    line: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHint {
    when: Option<S>,
    suggest: Option<S>,
    quote: String,
    line: u32,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum TypeName {
    Bool,
    Choice,
    Multi,
    Grid,
    Number,
    Date,
    Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    id: S,
    label: String,
    #[serde(rename = "type")]
    ty: Spanned<TypeName>,
    scale: Option<S>,
    help: Option<String>,
    quote: String,
    line: u32,
    min: Option<f64>,
    max: Option<f64>,
    unit: Option<String>,
    max_choices: Option<u32>,
    #[serde(default)]
    optional: bool,
    #[serde(default)]
    applies: Vec<RawCond>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: S,
    title: String,
    intro: Option<String>,
    #[serde(default)]
    applies: Vec<RawCond>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    id: S,
    section: S,
    title: Option<String>,
    intro: Option<String>,
    #[serde(default)]
    applies: Vec<RawCond>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    id: S,
    label: String,
    #[serde(default)]
    applies: Vec<RawCond>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: S,
    group: Option<S>,
    section: Option<S>,
    kind: Spanned<Kind>,
    text: String,
    #[serde(rename = "type")]
    ty: Spanned<TypeName>,
    scale: Option<S>,
    guidance: Option<String>,
    guidance_more: Option<String>,
    #[serde(default)]
    applies: Vec<RawCond>,
    #[serde(default)]
    hints: Vec<RawHint>,
    #[serde(default)]
    id_inferred: bool,
    #[serde(default)]
    optional: bool,
    max_choices: Option<u32>,
    min: Option<f64>,
    max: Option<f64>,
    unit: Option<String>,
    weighs: Option<Vec<S>>,
    #[serde(default)]
    rows: Vec<RawRow>,
    rows_from: Option<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForce {
    summaries: Vec<S>,
    when: S,
    answer: S,
    quote: String,
    line: u32,
}

/// What a condition belongs to, kept while loading to build the hint dependencies (the others are
/// found from the sections, groups, items and forcing rules that hold the condition's index).
#[derive(Clone, Copy)]
enum Owner {
    Other,
    Hint(ItemIx, usize),
}

struct Loader<'a> {
    src: &'a str,
    diags: Vec<Diagnostic>,
}

impl Loader<'_> {
    fn err(&mut self, message: impl Into<String>, span: Range<usize>) {
        self.diags.push(Diagnostic::new(message, span));
    }

    /// Where the text of a string value starts in the file, when its characters map one to one.
    fn content_start(&self, s: &S) -> Option<usize> {
        let span = s.span();
        let raw = self.src.get(span.clone())?;
        let mut start = span.start;
        if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
            start += 3;
            if self.src[start..].starts_with("\r\n") {
                start += 2;
            } else if self.src[start..].starts_with('\n') {
                start += 1;
            }
        } else if raw.starts_with('"') || raw.starts_with('\'') {
            start += 1;
        } else {
            return None;
        }
        let value = s.get_ref();
        (self.src.get(start..start + value.len()) == Some(value.as_str())).then_some(start)
    }

    /// Maps a span inside a condition's text to a span in the file.
    fn inner_span(&self, s: &S, inner: &Range<usize>) -> Range<usize> {
        match self.content_start(s) {
            Some(base) => base + inner.start..base + inner.end.max(inner.start),
            None => s.span(),
        }
    }
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

/// The environment the condition checker resolves names in.
struct CheckEnv<'a> {
    items: &'a [Item],
    index: &'a HashMap<String, ItemIx>,
    scales: &'a [Scale],
}

impl CheckEnv<'_> {
    /// The id of scale `s` of `item`; an error when the item's `scale` names no scale (that error is
    /// reported where the scale is named; conditions reading the item get this one).
    fn scale_id(&self, item: &Item, s: usize) -> Result<String, String> {
        self.scales.get(s).map(|sc| sc.id.clone()).ok_or_else(|| {
            format!(
                "[{}] has an unknown scale, so it cannot be read here",
                item.id
            )
        })
    }

    fn ty_of(&self, item: &Item) -> Result<Ty, String> {
        Ok(match &item.answer {
            AnswerType::Bool => Ty::Bool,
            AnswerType::Choice { scale } => Ty::Choice(self.scale_id(item, *scale)?),
            AnswerType::Multi { scale, .. } => Ty::Set(self.scale_id(item, *scale)?),
            AnswerType::Grid { scale, .. } => Ty::Grid(self.scale_id(item, *scale)?),
            AnswerType::Number { .. } => Ty::Number,
            AnswerType::Date => Ty::Date,
            AnswerType::Text => Ty::Text,
        })
    }
}

impl Env for CheckEnv<'_> {
    fn resolve(&self, r: &Ref) -> Result<(Slot, Ty), String> {
        let id = r.name.id();
        let ix = self.index.get(id).copied();
        let item = ix.map(|i| &self.items[i]);
        match (&r.name, item) {
            (RefName::Fact(_), Some(it)) if it.kind == Kind::Fact => {}
            (RefName::Fact(_), Some(_)) => {
                return Err(format!("`{id}` is a question: write it as [{id}]"))
            }
            (RefName::Question(_), Some(it)) if it.kind != Kind::Fact => {}
            (RefName::Question(_), Some(_)) => {
                return Err(format!("`{id}` is a fact: write it without brackets"))
            }
            (RefName::Fact(_), None) => return Err(format!("unknown fact `{id}`")),
            (RefName::Question(_), None) => return Err(format!("unknown question [{id}]")),
        }
        let (ix, item) = (ix.unwrap_or_default(), item.ok_or("unresolved")?);
        let ty = self.ty_of(item)?;
        match (&r.row, &item.answer) {
            (None, _) => Ok((
                Slot {
                    item: ix as u32,
                    row: None,
                },
                ty,
            )),
            (Some(row), AnswerType::Grid { scale, rows }) => {
                let pos = match rows {
                    Rows::Fixed(rs) => rs.iter().position(|x| &x.id == row),
                    Rows::From(src) => self
                        .scale_of(*src)
                        .and_then(|s| s.options.iter().position(|o| &o.value == row)),
                };
                match pos {
                    Some(p) => Ok((
                        Slot {
                            item: ix as u32,
                            row: Some(p as u32),
                        },
                        Ty::Choice(self.scale_id(item, *scale)?),
                    )),
                    None => Err(format!("[{id}] has no row `{row}`")),
                }
            }
            (Some(_), _) => Err(format!("[{id}] is not a grid, so it has no rows")),
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

impl CheckEnv<'_> {
    fn scale_of(&self, item: ItemIx) -> Option<&Scale> {
        match &self.items[item].answer {
            AnswerType::Multi { scale, .. } => self.scales.get(*scale),
            _ => None,
        }
    }
}

impl RuleSet {
    /// Loads and checks a rule file. `file` names it in error messages.
    pub fn load(file: &str, src: &str) -> Result<RuleSet, Report> {
        let raw: RawFile = match toml::from_str(src) {
            Ok(r) => r,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let msg = e.message().trim().to_string();
                let mut diags = vec![Diagnostic::new(msg, span.clone())];
                diags.extend(structural_errors(src, &span));
                return Err(Report::new(file, src, diags));
            }
        };
        let mut l = Loader {
            src,
            diags: Vec::new(),
        };
        let rs = build(&mut l, raw);
        if l.diags.is_empty() {
            Ok(rs)
        } else {
            Err(Report::new(file, src, l.diags))
        }
    }
}

fn build(l: &mut Loader<'_>, raw: RawFile) -> RuleSet {
    if *raw.format.get_ref() != 1 {
        l.err(
            format!(
                "unsupported format {}: this version reads format 1",
                raw.format.get_ref()
            ),
            raw.format.span(),
        );
    }
    if !valid_slug(&raw.meta.id) {
        l.err("meta.id must be lower-case letters, digits and `-`", 0..0);
    }

    // Scales.
    let mut scales = Vec::new();
    let mut scale_ix: HashMap<String, usize> = HashMap::new();
    for s in &raw.scale {
        if scale_ix
            .insert(s.id.get_ref().clone(), scales.len())
            .is_some()
        {
            l.err(
                format!("duplicate scale id `{}`", s.id.get_ref()),
                s.id.span(),
            );
        }
        if !valid_value(s.id.get_ref()) {
            l.err(
                "a scale id must be lower-case letters, digits and `_`",
                s.id.span(),
            );
        }
        if s.options.is_empty() {
            l.err(
                format!("scale `{}` has no options", s.id.get_ref()),
                s.id.span(),
            );
        }
        let mut seen = HashSet::new();
        for o in &s.options {
            if !valid_value(o.value.get_ref()) {
                l.err(
                    "an option value must be lower-case letters, digits and `_`",
                    o.value.span(),
                );
            }
            if !seen.insert(o.value.get_ref().clone()) {
                l.err(
                    format!(
                        "duplicate option `{}` in scale `{}`",
                        o.value.get_ref(),
                        s.id.get_ref()
                    ),
                    o.value.span(),
                );
            }
        }
        scales.push(Scale {
            id: s.id.get_ref().clone(),
            options: s
                .options
                .iter()
                .map(|o| ScaleOption {
                    value: o.value.get_ref().clone(),
                    label: o.label.clone(),
                    polarity: o.polarity,
                })
                .collect(),
        });
    }
    let find_scale = |l: &mut Loader<'_>, s: &Option<S>, ty: TypeName, at: Range<usize>| -> usize {
        let needs = matches!(ty, TypeName::Choice | TypeName::Multi | TypeName::Grid);
        match (s, needs) {
            (Some(s), true) => match scale_ix.get(s.get_ref()) {
                Some(i) => *i,
                None => {
                    l.err(format!("unknown scale `{}`", s.get_ref()), s.span());
                    usize::MAX
                }
            },
            (None, true) => {
                l.err("this type needs a `scale`", at);
                usize::MAX
            }
            (Some(s), false) => {
                l.err("only choice, multi and grid take a `scale`", s.span());
                usize::MAX
            }
            (None, false) => usize::MAX,
        }
    };

    // Sections and groups.
    let mut sections: Vec<Section> = Vec::new();
    let mut section_ix: HashMap<String, usize> = HashMap::new();
    for s in &raw.section {
        if !valid_section_id(s.id.get_ref()) {
            l.err(
                "a section id must be letters, digits, `.`, `_` and `-`",
                s.id.span(),
            );
        }
        if section_ix
            .insert(s.id.get_ref().clone(), sections.len())
            .is_some()
        {
            l.err(
                format!("duplicate section id `{}`", s.id.get_ref()),
                s.id.span(),
            );
        }
        sections.push(Section {
            id: s.id.get_ref().clone(),
            title: s.title.clone(),
            intro: s.intro.clone().unwrap_or_default(),
            applies: vec![],
            groups: vec![],
            items: vec![],
        });
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut group_ix: HashMap<String, usize> = HashMap::new();
    for g in &raw.group {
        if !valid_section_id(g.id.get_ref()) {
            l.err(
                "a group id must be letters, digits, `.`, `_` and `-`",
                g.id.span(),
            );
        }
        if group_ix
            .insert(g.id.get_ref().clone(), groups.len())
            .is_some()
            || section_ix.contains_key(g.id.get_ref())
        {
            l.err(
                format!(
                    "duplicate id `{}` (ids of sections and groups must be unique)",
                    g.id.get_ref()
                ),
                g.id.span(),
            );
        }
        let section = match section_ix.get(g.section.get_ref()) {
            Some(s) => *s,
            None => {
                l.err(
                    format!("unknown section `{}`", g.section.get_ref()),
                    g.section.span(),
                );
                usize::MAX
            }
        };
        if section != usize::MAX {
            sections[section].groups.push(groups.len());
        }
        groups.push(Group {
            id: g.id.get_ref().clone(),
            section,
            title: g.title.clone().unwrap_or_default(),
            intro: g.intro.clone().unwrap_or_default(),
            applies: vec![],
            items: vec![],
        });
    }

    // Items: facts then questions.
    let mut items: Vec<Item> = Vec::new();
    let mut index: HashMap<String, ItemIx> = HashMap::new();
    let mut add_id = |l: &mut Loader<'_>, id: &S, ix: ItemIx| {
        if index.insert(id.get_ref().clone(), ix).is_some() {
            l.err(format!("duplicate id `{}`", id.get_ref()), id.span());
        }
    };
    let answer_type = |l: &mut Loader<'_>,
                       ty: &Spanned<TypeName>,
                       scale: usize,
                       max_choices: Option<u32>,
                       min: Option<f64>,
                       max: Option<f64>,
                       unit: &Option<String>|
     -> AnswerType {
        let t = *ty.get_ref();
        if max_choices.is_some() && t != TypeName::Multi {
            l.err("`max_choices` is only for type multi", ty.span());
        }
        if (min.is_some() || max.is_some() || unit.is_some()) && t != TypeName::Number {
            l.err(
                "`min`, `max` and `unit` are only for type number",
                ty.span(),
            );
        }
        match t {
            TypeName::Bool => AnswerType::Bool,
            TypeName::Choice => AnswerType::Choice { scale },
            TypeName::Multi => AnswerType::Multi { scale, max_choices },
            TypeName::Grid => AnswerType::Grid {
                scale,
                rows: Rows::Fixed(vec![]),
            },
            TypeName::Number => AnswerType::Number {
                min,
                max,
                unit: unit.clone(),
            },
            TypeName::Date => AnswerType::Date,
            TypeName::Text => AnswerType::Text,
        }
    };
    for f in &raw.fact {
        if !cond::check::is_fact_id(f.id.get_ref()) {
            l.err(
                "a fact id must be snake_case (lower-case letters, digits, `_`) and not a keyword",
                f.id.span(),
            );
        }
        if *f.ty.get_ref() == TypeName::Grid {
            l.err("a fact cannot be a grid", f.ty.span());
        }
        add_id(l, &f.id, items.len());
        let scale = find_scale(l, &f.scale, *f.ty.get_ref(), f.ty.span());
        let answer = answer_type(l, &f.ty, scale, f.max_choices, f.min, f.max, &f.unit);
        items.push(Item {
            id: f.id.get_ref().clone(),
            kind: Kind::Fact,
            text: f.label.clone(),
            answer,
            guidance: f.help.clone().unwrap_or_default(),
            guidance_more: String::new(),
            section: None,
            group: None,
            applies: vec![],
            hints: vec![],
            id_inferred: false,
            optional: f.optional,
            weighs: vec![],
            source: Some((f.quote.clone(), f.line)),
        });
    }
    let first_question = items.len();
    for q in &raw.question {
        let id = q.id.get_ref();
        if id.is_empty() || id.contains(']') || id.contains('[') || id.trim() != id {
            l.err(
                "a question id must not be empty, contain brackets or start or end with spaces",
                q.id.span(),
            );
        }
        if *q.kind.get_ref() == Kind::Fact {
            l.err(
                "kind must be prompt, information, summary or case (facts go in [[fact]])",
                q.kind.span(),
            );
        }
        add_id(l, &q.id, items.len());
        let (section, group) = match (&q.section, &q.group) {
            (Some(_), Some(g)) => {
                l.err("give either `group` or `section`, not both", g.span());
                (None, None)
            }
            (None, None) => {
                l.err("a question needs a `group` or a `section`", q.id.span());
                (None, None)
            }
            (Some(s), None) => match section_ix.get(s.get_ref()) {
                Some(i) => (Some(*i), None),
                None => {
                    l.err(format!("unknown section `{}`", s.get_ref()), s.span());
                    (None, None)
                }
            },
            (None, Some(g)) => match group_ix.get(g.get_ref()) {
                Some(i) if groups[*i].section != usize::MAX => (Some(groups[*i].section), Some(*i)),
                Some(_) => (None, None),
                None => {
                    l.err(format!("unknown group `{}`", g.get_ref()), g.span());
                    (None, None)
                }
            },
        };
        let ix = items.len();
        if let Some(s) = section {
            sections[s].items.push(ix);
        }
        if let Some(g) = group {
            groups[g].items.push(ix);
        }
        let scale = find_scale(l, &q.scale, *q.ty.get_ref(), q.ty.span());
        let mut answer = answer_type(l, &q.ty, scale, q.max_choices, q.min, q.max, &q.unit);
        if let AnswerType::Grid { rows, .. } = &mut answer {
            match (&q.rows_from, q.rows.is_empty()) {
                (Some(_), false) => {
                    l.err("give either `rows` or `rows_from`, not both", q.id.span())
                }
                (None, true) => l.err("a grid needs `rows` or `rows_from`", q.ty.span()),
                (None, false) => {
                    let mut seen = HashSet::new();
                    for r in &q.rows {
                        if !valid_ident(r.id.get_ref()) {
                            l.err(
                                "a row id must be letters, digits and `_`, starting with a letter",
                                r.id.span(),
                            );
                        }
                        if !seen.insert(r.id.get_ref().clone()) {
                            l.err(format!("duplicate row `{}`", r.id.get_ref()), r.id.span());
                        }
                    }
                    *rows = Rows::Fixed(
                        q.rows
                            .iter()
                            .map(|r| Row {
                                id: r.id.get_ref().clone(),
                                label: r.label.clone(),
                                applies: vec![],
                            })
                            .collect(),
                    );
                }
                (Some(_), true) => {} // resolved below, once every item is known
            }
        } else if !q.rows.is_empty() || q.rows_from.is_some() {
            l.err("`rows` and `rows_from` are only for type grid", q.ty.span());
        }
        if q.weighs.is_some() && *q.kind.get_ref() != Kind::Summary {
            l.err(
                "only a summary judgement `weighs` other questions",
                q.kind.span(),
            );
        }
        items.push(Item {
            id: id.clone(),
            kind: *q.kind.get_ref(),
            text: q.text.clone(),
            answer,
            guidance: q.guidance.clone().unwrap_or_default(),
            guidance_more: q.guidance_more.clone().unwrap_or_default(),
            section,
            group,
            applies: vec![],
            hints: vec![],
            id_inferred: q.id_inferred,
            optional: q.optional,
            weighs: vec![],
            source: None,
        });
    }
    // rows_from and weighs need every item.
    for (k, q) in raw.question.iter().enumerate() {
        let ix = first_question + k;
        if let Some(from) = &q.rows_from {
            match index.get(from.get_ref()) {
                Some(src) if matches!(items[*src].answer, AnswerType::Multi { .. }) => {
                    let src = *src;
                    let same_scale = match (&items[src].answer, &items[ix].answer) {
                        (AnswerType::Multi { scale: a, .. }, AnswerType::Grid { .. }) => Some(*a),
                        _ => None,
                    };
                    if let (Some(_), AnswerType::Grid { rows, .. }) =
                        (same_scale, &mut items[ix].answer)
                    {
                        *rows = Rows::From(src);
                    }
                }
                Some(_) => l.err(
                    format!("`{}` is not a multiple-choice question", from.get_ref()),
                    from.span(),
                ),
                None => l.err(
                    format!("unknown question `{}`", from.get_ref()),
                    from.span(),
                ),
            }
        }
        if *q.kind.get_ref() == Kind::Summary {
            let weighs: Vec<ItemIx> = match &q.weighs {
                Some(list) => list
                    .iter()
                    .filter_map(|w| match index.get(w.get_ref()) {
                        Some(i) if items[*i].kind != Kind::Fact && *i != ix => Some(*i),
                        Some(_) => {
                            l.err(
                                format!("`{}` cannot be weighed by this summary", w.get_ref()),
                                w.span(),
                            );
                            None
                        }
                        None => {
                            l.err(format!("unknown question `{}`", w.get_ref()), w.span());
                            None
                        }
                    })
                    .collect(),
                None => match items[ix].group {
                    Some(g) => groups[g]
                        .items
                        .iter()
                        .copied()
                        .filter(|i| items[*i].kind == Kind::Prompt)
                        .collect(),
                    None => vec![],
                },
            };
            items[ix].weighs = weighs;
        }
    }

    // Conditions: parse and check every one, recording its owner.
    let mut conds: Vec<Cond> = Vec::new();
    let mut owners: Vec<Owner> = Vec::new();
    {
        let env = CheckEnv {
            items: &items,
            index: &index,
            scales: &scales,
        };
        let mut compile = |l: &mut Loader<'_>,
                           text: &S,
                           quote: &str,
                           line: u32,
                           owner: Owner|
         -> Option<CondIx> {
            let parsed = cond::parse(text.get_ref()).map_err(|e| vec![e]);
            let checked = parsed.and_then(|mut e| cond::check(&mut e, &env).map(|()| e));
            if quote.trim().is_empty() {
                l.err(
                    "every condition needs the `quote` from the seed that justifies it",
                    text.span(),
                );
            }
            match checked {
                Ok(expr) => {
                    let mut reads = Vec::new();
                    expr.visit_refs(&mut |r, _| {
                        if let Some(s) = r.slot {
                            if !reads.contains(&(s.item as usize)) {
                                reads.push(s.item as usize);
                            }
                        }
                    });
                    conds.push(Cond {
                        text: text.get_ref().clone(),
                        expr,
                        quote: quote.to_string(),
                        line,
                        reads,
                    });
                    owners.push(owner);
                    Some(conds.len() - 1)
                }
                Err(errs) => {
                    for e in errs {
                        let span = l.inner_span(text, &e.span);
                        l.err(e.message, span);
                    }
                    None
                }
            }
        };
        let mut out_sections: Vec<Vec<CondIx>> = vec![vec![]; sections.len()];
        for (i, s) in raw.section.iter().enumerate() {
            for c in &s.applies {
                out_sections[i].extend(compile(l, &c.when, &c.quote, c.line, Owner::Other));
            }
        }
        let mut out_groups: Vec<Vec<CondIx>> = vec![vec![]; groups.len()];
        for (i, g) in raw.group.iter().enumerate() {
            for c in &g.applies {
                out_groups[i].extend(compile(l, &c.when, &c.quote, c.line, Owner::Other));
            }
        }
        let mut out_items: Vec<Vec<CondIx>> = vec![vec![]; items.len()];
        let mut out_rows: Vec<Vec<Vec<CondIx>>> = vec![vec![]; items.len()];
        let mut out_hints: Vec<Vec<Hint>> = vec![vec![]; items.len()];
        for (k, f) in raw.fact.iter().enumerate() {
            for c in &f.applies {
                out_items[k].extend(compile(l, &c.when, &c.quote, c.line, Owner::Other));
            }
        }
        for (k, q) in raw.question.iter().enumerate() {
            let ix = first_question + k;
            for c in &q.applies {
                out_items[ix].extend(compile(l, &c.when, &c.quote, c.line, Owner::Other));
            }
            for r in &q.rows {
                let mut rc = vec![];
                for c in &r.applies {
                    rc.extend(compile(l, &c.when, &c.quote, c.line, Owner::Other));
                }
                out_rows[ix].push(rc);
            }
            for (h_ix, h) in q.hints.iter().enumerate() {
                let when = h
                    .when
                    .as_ref()
                    .and_then(|w| compile(l, w, &h.quote, h.line, Owner::Hint(ix, h_ix)));
                if let Some(s) = &h.suggest {
                    check_answer_value(l, &env, &items[ix], s);
                }
                if h.quote.trim().is_empty() {
                    l.err(
                        "every hint needs the `quote` from the seed that justifies it",
                        q.id.span(),
                    );
                }
                out_hints[ix].push(Hint {
                    when,
                    suggest: h.suggest.as_ref().map(|s| s.get_ref().clone()),
                    quote: h.quote.clone(),
                    line: h.line,
                });
            }
        }
        let mut forces = Vec::new();
        for f in &raw.force {
            let mut targets = Vec::new();
            for s in &f.summaries {
                if s.get_ref() == "*" {
                    targets.extend((0..items.len()).filter(|i| items[*i].kind == Kind::Summary));
                    continue;
                }
                match index.get(s.get_ref()) {
                    Some(i) if items[*i].kind == Kind::Summary => targets.push(*i),
                    Some(_) => l.err(
                        format!("`{}` is not a summary judgement", s.get_ref()),
                        s.span(),
                    ),
                    None => l.err(format!("unknown question `{}`", s.get_ref()), s.span()),
                }
            }
            for t in &targets {
                check_answer_value(l, &env, &items[*t], &f.answer);
            }
            if let Some(when) = compile(l, &f.when, &f.quote, f.line, Owner::Other) {
                forces.push(Force {
                    summaries: targets,
                    when,
                    answer: f.answer.get_ref().clone(),
                    quote: f.quote.clone(),
                    line: f.line,
                });
            }
        }
        for (i, c) in out_sections.into_iter().enumerate() {
            sections[i].applies = c;
        }
        for (i, c) in out_groups.into_iter().enumerate() {
            groups[i].applies = c;
        }
        for (i, c) in out_items.into_iter().enumerate() {
            items[i].applies = c;
        }
        for (i, h) in out_hints.into_iter().enumerate() {
            items[i].hints = h;
        }
        for (i, rows_c) in out_rows.into_iter().enumerate() {
            if let AnswerType::Grid {
                rows: Rows::Fixed(rows),
                ..
            } = &mut items[i].answer
            {
                for (r, c) in rows.iter_mut().zip(rows_c) {
                    r.applies = c;
                }
            }
        }
        let deps = dependencies(
            l,
            &raw,
            &sections,
            &groups,
            &items,
            &conds,
            &owners,
            &forces,
            first_question,
        );
        RuleSet {
            meta: raw.meta.clone(),
            hash: content_hash(l.src.as_bytes()),
            scales,
            sections,
            groups,
            items,
            forces,
            conds,
            index,
            deps,
        }
    }
}

/// After serde stopped at the first structural error (at `first`), finds the others: each top-level
/// table (`[meta]`, each `[[question]]` with its sub-tables, ...) is parsed on its own, so one bad
/// table does not hide the problems of the next.
fn structural_errors(src: &str, first: &Range<usize>) -> Vec<Diagnostic> {
    use std::collections::BTreeMap;
    fn typed<T: for<'de> Deserialize<'de>>(text: &str) -> Result<(), toml::de::Error> {
        toml::from_str::<BTreeMap<String, T>>(text).map(|_| ())
    }
    let mut out = Vec::new();
    for (name, range) in top_level_tables(src) {
        if range.contains(&first.start) {
            continue;
        }
        let text = &src[range.clone()];
        let result = match name.as_str() {
            "meta" => typed::<Meta>(text),
            "scale" => typed::<Vec<RawScale>>(text),
            "fact" => typed::<Vec<RawFact>>(text),
            "section" => typed::<Vec<RawSection>>(text),
            "group" => typed::<Vec<RawGroup>>(text),
            "question" => typed::<Vec<RawQuestion>>(text),
            "force" => typed::<Vec<RawForce>>(text),
            _ => Ok(()), // an unknown table is the kind of error serde already reported
        };
        if let Err(e) = result {
            let span = e.span().map_or(range.start..range.start, |s| {
                range.start + s.start..range.start + s.end
            });
            out.push(Diagnostic::new(e.message().trim(), span));
        }
    }
    out
}

/// Each top-level table of the file: its name and the byte range from its header to the next
/// top-level header (`[[question.hints]]` and other dotted headers belong to the table above).
fn top_level_tables(src: &str) -> Vec<(String, Range<usize>)> {
    let mut out: Vec<(String, Range<usize>)> = Vec::new();
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let t = line.trim();
        let name = t
            .strip_prefix("[[")
            .and_then(|r| r.strip_suffix("]]"))
            .or_else(|| t.strip_prefix('[').and_then(|r| r.strip_suffix(']')));
        if let Some(name) = name
            .map(str::trim)
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        {
            if let Some(last) = out.last_mut() {
                last.1.end = offset;
            }
            out.push((name.to_string(), offset..src.len()));
        }
        offset += line.len();
    }
    out
}

fn check_answer_value(l: &mut Loader<'_>, env: &CheckEnv<'_>, item: &Item, value: &S) {
    let v = value.get_ref();
    match &item.answer {
        AnswerType::Choice { scale } if *scale != usize::MAX => {
            let s = &env.scales[*scale];
            if s.option(v).is_none() {
                let values: Vec<&str> = s.options.iter().map(|o| o.value.as_str()).collect();
                l.err(
                    format!(
                        "'{v}' is not a value of scale `{}` (its values: {})",
                        s.id,
                        values.join(", ")
                    ),
                    value.span(),
                );
            }
        }
        AnswerType::Bool if v == "yes" || v == "no" => {}
        AnswerType::Choice { .. } => {}
        _ => l.err(
            format!(
                "[{}] is not a single-choice question, so it cannot suggest or force '{v}'",
                item.id
            ),
            value.span(),
        ),
    }
}

/// Builds reverse dependencies and the evaluation order; reports applicability cycles.
#[allow(clippy::too_many_arguments)]
fn dependencies(
    l: &mut Loader<'_>,
    raw: &RawFile,
    sections: &[Section],
    groups: &[Group],
    items: &[Item],
    conds: &[Cond],
    owners: &[Owner],
    forces: &[Force],
    first_question: usize,
) -> Deps {
    let n = items.len();
    // reads_app[i]: items the applicability of item i reads (own, section, group, rows).
    let mut reads_app: Vec<Vec<ItemIx>> = vec![vec![]; n];
    for (i, item) in items.iter().enumerate() {
        let mut cs: Vec<CondIx> = item.applies.clone();
        if let Some(s) = item.section.filter(|s| *s < sections.len()) {
            cs.extend(&sections[s].applies);
        }
        if let Some(g) = item.group.filter(|g| *g < groups.len()) {
            cs.extend(&groups[g].applies);
        }
        if let AnswerType::Grid {
            rows: Rows::Fixed(rows),
            ..
        } = &item.answer
        {
            for r in rows {
                cs.extend(&r.applies);
            }
        }
        for c in cs {
            for r in &conds[c].reads {
                if !reads_app[i].contains(r) {
                    reads_app[i].push(*r);
                }
            }
        }
    }
    let mut deps = Deps {
        app_readers: vec![vec![]; n],
        hint_readers: vec![vec![]; n],
        force_readers: vec![vec![]; n],
        weighed_by: vec![vec![]; n],
        row_sources: vec![vec![]; n],
        ..Default::default()
    };
    for (i, rs) in reads_app.iter().enumerate() {
        for r in rs {
            deps.app_readers[*r].push(i);
        }
    }
    for (c, owner) in owners.iter().enumerate() {
        match owner {
            Owner::Hint(item, h) => {
                for r in &conds[c].reads {
                    deps.hint_readers[*r].push((*item, *h));
                }
            }
            Owner::Other => {}
        }
    }
    for (f, force) in forces.iter().enumerate() {
        for r in &conds[force.when].reads {
            deps.force_readers[*r].push(f);
        }
    }
    for (i, item) in items.iter().enumerate() {
        for w in &item.weighs {
            deps.weighed_by[*w].push(i);
        }
        if let AnswerType::Grid {
            rows: Rows::From(src),
            ..
        } = &item.answer
        {
            deps.row_sources[*src].push(i);
        }
    }
    // Topological order (depth-first), reporting each cycle once.
    let mut state = vec![0u8; n]; // 0 new, 1 on stack, 2 done
    let mut order = Vec::with_capacity(n);
    let mut reported = false;
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(ItemIx, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some((node, next)) = stack.pop() {
            if next < reads_app[node].len() {
                stack.push((node, next + 1));
                let dep = reads_app[node][next];
                match state[dep] {
                    0 => {
                        state[dep] = 1;
                        stack.push((dep, 0));
                    }
                    1 if !reported => {
                        reported = true;
                        let pos = stack.iter().position(|(x, _)| *x == dep).unwrap_or(0);
                        let chain: Vec<String> = stack[pos..]
                            .iter()
                            .map(|(x, _)| items[*x].id.clone())
                            .chain([items[dep].id.clone()])
                            .collect();
                        let span = item_span(raw, first_question, node);
                        l.err(
                            format!(
                                "applicability cycle: {} (each depends on the next)",
                                chain.join(" -> ")
                            ),
                            span,
                        );
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                order.push(node);
            }
        }
    }
    deps.rank = vec![0; n];
    for (pos, i) in order.iter().enumerate() {
        deps.rank[*i] = pos;
    }
    deps.order = order;
    deps
}

fn item_span(raw: &RawFile, first_question: usize, ix: ItemIx) -> Range<usize> {
    if ix < first_question {
        raw.fact[ix].id.span()
    } else {
        raw.question[ix - first_question].id.span()
    }
}
