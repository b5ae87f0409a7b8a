//! Type checking: resolves every reference against the rule set and infers types.
//!
//! Takes a parsed [`Expr`] and an [`Env`] that knows the rule set's facts, questions and scales; fills
//! in each reference's [`Slot`] and gives the expression's type, or every error found in it.

use super::{CmpOp, CondError, Expr, ExprKind, Func, Lit, Ref, RefName, Slot, Span};
use crate::engine::diag::ErrorKind;
use std::fmt;

/// The type of a value in a condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// true / false
    Bool,
    /// a number
    Number,
    /// a date, written 'YYYY-MM-DD'
    Date,
    /// free text
    Text,
    /// one value of the named scale
    Choice(String),
    /// a set of values of the named scale
    Set(String),
    /// a grid over the named scale (only its rows can be read)
    Grid(String),
}

impl Ty {
    fn describe(&self) -> String {
        match self {
            Ty::Bool => "a yes/no condition".into(),
            Ty::Number => "a number".into(),
            Ty::Date => "a date".into(),
            Ty::Text => "text".into(),
            Ty::Choice(s) => format!("a value of scale `{s}`"),
            Ty::Set(s) => format!("a set of values of scale `{s}`"),
            Ty::Grid(s) => format!("a grid of scale `{s}`"),
        }
    }
}

/// Why a reference cannot be resolved. Its `Display` is the message shown to rule authors.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RefError {
    /// No fact has this id.
    UnknownFact(String),
    /// No question has this id.
    UnknownQuestion(String),
    /// The id is a question's, written as a fact (without brackets).
    QuestionAsFact(String),
    /// The id is a fact's, written as a question (in brackets).
    FactAsQuestion(String),
    /// A row of a question that is not a grid.
    NotAGrid(String),
    /// A row the grid does not have.
    NoSuchRow {
        /// The grid's id.
        question: String,
        /// The row as written.
        row: String,
    },
    /// The item's own `scale` names no scale (reported where the scale is named), so its values
    /// cannot be read.
    UnknownScale(String),
}

impl RefError {
    /// The kind of load error this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            RefError::UnknownFact(_) | RefError::UnknownQuestion(_) | RefError::UnknownScale(_) => {
                ErrorKind::UnknownName
            }
            RefError::QuestionAsFact(_)
            | RefError::FactAsQuestion(_)
            | RefError::NotAGrid(_)
            | RefError::NoSuchRow { .. } => ErrorKind::WrongTarget,
        }
    }
}

impl fmt::Display for RefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RefError::UnknownFact(id) => write!(f, "unknown fact `{id}`"),
            RefError::UnknownQuestion(id) => write!(f, "unknown question [{id}]"),
            RefError::QuestionAsFact(id) => write!(f, "`{id}` is a question: write it as [{id}]"),
            RefError::FactAsQuestion(id) => {
                write!(f, "`{id}` is a fact: write it without brackets")
            }
            RefError::NotAGrid(id) => write!(f, "[{id}] is not a grid, so it has no rows"),
            RefError::NoSuchRow { question, row } => write!(f, "[{question}] has no row `{row}`"),
            RefError::UnknownScale(id) => {
                write!(f, "[{id}] has an unknown scale, so it cannot be read here")
            }
        }
    }
}

/// What the checker needs to know about the rule set.
pub trait Env {
    /// Resolves a reference: its slot and type, or why it cannot be resolved.
    fn resolve(&self, r: &Ref) -> Result<(Slot, Ty), RefError>;
    /// The values of a scale, for checking literals and for messages.
    fn scale_values(&self, scale: &str) -> Vec<&str>;
}

/// The inferred type of a literal or expression during checking.
#[derive(Debug, Clone, PartialEq)]
enum T {
    Known(Ty),
    /// a string literal: a scale value, a text or a date, decided by what it is compared with
    StrLit(String),
    /// an expression that already failed to check
    Error,
}

/// Checks `e` as a condition (it must be a yes/no condition). Fills in the slots of its references.
pub fn check(e: &mut Expr, env: &dyn Env) -> Result<(), Vec<CondError>> {
    let mut errs = Vec::new();
    let t = infer(e, env, &mut errs);
    expect_bool(&t, &e.span, &mut errs);
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs)
    }
}

/// A type error (the checker's most common kind).
fn err(errs: &mut Vec<CondError>, message: String, span: &Span) {
    err_of(errs, ErrorKind::ConditionType, message, span);
}

fn err_of(errs: &mut Vec<CondError>, kind: ErrorKind, message: String, span: &Span) {
    errs.push(CondError {
        kind,
        message,
        span: span.clone(),
    });
}

fn expect_bool(t: &T, span: &Span, errs: &mut Vec<CondError>) {
    match t {
        T::Known(Ty::Bool) | T::Error => {}
        T::Known(ty) => err(
            errs,
            format!("expected a yes/no condition, found {}", ty.describe()),
            span,
        ),
        T::StrLit(s) => err(
            errs,
            format!("expected a yes/no condition, found the string '{s}'"),
            span,
        ),
    }
}

fn check_value_in_scale(
    scale: &str,
    value: &str,
    span: &Span,
    env: &dyn Env,
    errs: &mut Vec<CondError>,
) {
    let values = env.scale_values(scale);
    if !values.contains(&value) {
        err_of(
            errs,
            ErrorKind::NotInScale,
            format!(
                "'{value}' is not a value of scale `{scale}` (its values: {})",
                values.join(", ")
            ),
            span,
        );
    }
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn resolve_ref(r: &mut Ref, span: &Span, env: &dyn Env, errs: &mut Vec<CondError>) -> T {
    match env.resolve(r) {
        Ok((slot, ty)) => {
            r.slot = Some(slot);
            T::Known(ty)
        }
        Err(e) => {
            err_of(errs, e.kind(), e.to_string(), span);
            T::Error
        }
    }
}

fn infer(e: &mut Expr, env: &dyn Env, errs: &mut Vec<CondError>) -> T {
    let span = e.span.clone();
    match &mut e.kind {
        ExprKind::Lit(Lit::Str(s)) => T::StrLit(s.clone()),
        ExprKind::Lit(Lit::Num(_)) => T::Known(Ty::Number),
        ExprKind::Lit(Lit::Bool(_)) => T::Known(Ty::Bool),
        ExprKind::Ref(r) => {
            let t = resolve_ref(r, &span, env, errs);
            if let T::Known(Ty::Grid(_)) = t {
                let id = r.name.id().to_string();
                err_of(
                    errs,
                    ErrorKind::WrongTarget,
                    format!("[{id}] is a grid: name one of its rows, as in [{id}].row_id"),
                    &span,
                );
                return T::Error;
            }
            t
        }
        ExprKind::Not(inner) => {
            let t = infer(inner, env, errs);
            expect_bool(&t, &inner.span, errs);
            T::Known(Ty::Bool)
        }
        ExprKind::And(a, b) | ExprKind::Or(a, b) => {
            for side in [a, b] {
                let t = infer(side, env, errs);
                expect_bool(&t, &side.span, errs);
            }
            T::Known(Ty::Bool)
        }
        ExprKind::Cmp(op, a, b) => {
            let ta = infer(a, env, errs);
            let tb = infer(b, env, errs);
            check_cmp(*op, (&ta, &a.span), (&tb, &b.span), &span, env, errs);
            T::Known(Ty::Bool)
        }
        ExprKind::In { expr, list, .. } => {
            let t = infer(expr, env, errs);
            match &t {
                T::Known(Ty::Choice(scale)) => {
                    for (lit, lspan) in list.iter() {
                        match lit {
                            Lit::Str(v) => check_value_in_scale(scale, v, lspan, env, errs),
                            other => err(
                                errs,
                                format!("expected a value of scale `{scale}`, found {other}"),
                                lspan,
                            ),
                        }
                    }
                }
                T::Known(Ty::Text) => {
                    for (lit, lspan) in list.iter() {
                        if !matches!(lit, Lit::Str(_)) {
                            err(errs, format!("expected a string, found {lit}"), lspan);
                        }
                    }
                }
                T::Known(Ty::Number) => {
                    for (lit, lspan) in list.iter() {
                        if !matches!(lit, Lit::Num(_)) {
                            err(errs, format!("expected a number, found {lit}"), lspan);
                        }
                    }
                }
                T::Error => {}
                T::Known(Ty::Set(_)) => err(
                    errs,
                    "`in` tests one value; to test a multiple-choice answer use `contains`".into(),
                    &expr.span,
                ),
                other => err(
                    errs,
                    format!("`in` needs a single answer, found {}", describe_t(other)),
                    &expr.span,
                ),
            }
            T::Known(Ty::Bool)
        }
        ExprKind::Contains(inner, lit, lspan) => {
            let t = infer(inner, env, errs);
            match (&t, &*lit) {
                (T::Known(Ty::Set(scale)), Lit::Str(v)) => check_value_in_scale(scale, v, lspan, env, errs),
                (T::Known(Ty::Set(scale)), other) => {
                    err(errs, format!("expected a value of scale `{scale}`, found {other}"), lspan)
                }
                (T::Error, _) => {}
                (T::Known(Ty::Choice(_)), _) => err(
                    errs,
                    "`contains` tests a multiple-choice answer; for a single answer use `==` or `in`".into(),
                    &inner.span,
                ),
                (other, _) => err(
                    errs,
                    format!("`contains` needs a multiple-choice answer, found {}", describe_t(other)),
                    &inner.span,
                ),
            }
            T::Known(Ty::Bool)
        }
        ExprKind::Answered(inner, _) => {
            if !matches!(inner.kind, ExprKind::Ref(_)) {
                err(
                    errs,
                    "`is answered` needs a fact or a [question]".into(),
                    &inner.span,
                );
            }
            let _ = infer(inner, env, errs);
            T::Known(Ty::Bool)
        }
        ExprKind::Call(f, args) => {
            for a in args.iter_mut() {
                let t = infer(a, env, errs);
                expect_bool(&t, &a.span, errs);
            }
            T::Known(if *f == Func::Count {
                Ty::Number
            } else {
                Ty::Bool
            })
        }
    }
}

fn describe_t(t: &T) -> String {
    match t {
        T::Known(ty) => ty.describe(),
        T::StrLit(s) => format!("the string '{s}'"),
        T::Error => "an invalid expression".into(),
    }
}

fn check_cmp(
    op: CmpOp,
    (ta, sa): (&T, &Span),
    (tb, sb): (&T, &Span),
    span: &Span,
    env: &dyn Env,
    errs: &mut Vec<CondError>,
) {
    let ordered = !matches!(op, CmpOp::Eq | CmpOp::Ne);
    match (ta, tb) {
        (T::Error, _) | (_, T::Error) => {}
        (T::StrLit(_), T::StrLit(_)) => err(
            errs,
            "compare an answer with a value, not two values".into(),
            span,
        ),
        (T::Known(ty), T::StrLit(v)) | (T::StrLit(v), T::Known(ty)) => {
            let lit_span = if matches!(ta, T::StrLit(_)) { sa } else { sb };
            match ty {
                Ty::Choice(scale) if !ordered => {
                    check_value_in_scale(scale, v, lit_span, env, errs)
                }
                Ty::Text if !ordered => {}
                Ty::Date if is_date(v) => {}
                Ty::Date => err(
                    errs,
                    format!("'{v}' is not a date: write it as 'YYYY-MM-DD'"),
                    lit_span,
                ),
                Ty::Choice(_) | Ty::Text => err(
                    errs,
                    format!(
                        "`{}` needs numbers or dates, found {}",
                        op.as_str(),
                        ty.describe()
                    ),
                    span,
                ),
                other => err(
                    errs,
                    format!("cannot compare {} with the string '{v}'", other.describe()),
                    span,
                ),
            }
        }
        (T::Known(x), T::Known(y)) => {
            if x != y {
                err(
                    errs,
                    format!("cannot compare {} with {}", x.describe(), y.describe()),
                    span,
                );
            } else if ordered && !matches!(x, Ty::Number | Ty::Date) {
                err(
                    errs,
                    format!(
                        "`{}` needs numbers or dates, found {}",
                        op.as_str(),
                        x.describe()
                    ),
                    span,
                );
            } else if matches!(x, Ty::Set(_)) {
                err(
                    errs,
                    "compare multiple-choice answers with `contains`".into(),
                    span,
                );
            }
        }
    }
}

/// True when `name` can be a fact id: an identifier that is not a keyword.
pub fn is_fact_id(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !super::KEYWORDS.contains(&name)
}

/// Which kind of name a reference uses, for messages.
pub fn ref_label(r: &Ref) -> String {
    match &r.name {
        RefName::Fact(id) => format!("fact `{id}`"),
        RefName::Question(id) => format!("question [{id}]"),
    }
}
