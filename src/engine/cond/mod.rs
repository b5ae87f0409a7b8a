//! The condition language: applicability, hints and forcing rules are written in it.
//!
//! Takes the text of a condition; gives a typed, checked expression that is evaluated many times and
//! never run as code. Three layers, each in its own file:
//! - [`parse`]: text to [`Expr`] with byte spans (syntax errors carry their span);
//! - [`check`]: resolves references against the rule set and infers types (unknown ids, values not in
//!   a scale, type mismatches);
//! - [`eval`]: three-valued evaluation against the current answers.
//!
//! [`Expr`]'s `Display` prints the canonical form, which parses back to the same expression.

pub mod check;
pub mod eval;
pub mod parse;
mod print;

use super::diag::ErrorKind;
use super::model::ItemIx;
use serde::{Deserialize, Serialize};
use std::ops::Range;

pub use check::{check, Env, RefError, Ty};
pub use eval::{eval, Lookup, Tri, V};
pub use parse::parse;

/// Byte range within the condition's own text.
pub type Span = Range<usize>;

/// An error in a condition: its kind ([`ErrorKind::ConditionSyntax`] from the parser; a reference,
/// type or scale kind from the checker), what is wrong, and where in the condition's text.
#[derive(Debug, Clone, PartialEq)]
pub struct CondError {
    /// What kind of error.
    pub kind: ErrorKind,
    /// What is wrong.
    pub message: String,
    /// Where, in the condition text.
    pub span: Span,
}

/// An expression with the span of text it came from. Equality ignores spans.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Expr {
    /// What the expression is.
    pub kind: ExprKind,
    /// Where it is in the condition text.
    pub span: Span,
}

impl PartialEq for Expr {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
    }
}

/// The forms of expression. Equality ignores spans, including those kept with list literals.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum ExprKind {
    /// A literal value.
    Lit(Lit),
    /// A fact or question (or grid row) reference.
    Ref(Ref),
    /// `not e`
    Not(Box<Expr>),
    /// `a and b`
    And(Box<Expr>, Box<Expr>),
    /// `a or b`
    Or(Box<Expr>, Box<Expr>),
    /// `a == b`, `a < b`, ...
    Cmp(CmpOp, Box<Expr>, Box<Expr>),
    /// `e in (l1, l2)` or, when `negated`, `e not in (...)`
    In {
        /// The value tested.
        expr: Box<Expr>,
        /// The list of literals.
        list: Vec<(Lit, Span)>,
        /// `not in`
        negated: bool,
    },
    /// `e contains l`
    Contains(Box<Expr>, Lit, Span),
    /// `r is answered` or, when the flag is set, `r is not answered`
    Answered(Box<Expr>, bool),
    /// `any(...)`, `all(...)`, `count(...)`
    Call(Func, Vec<Expr>),
}

impl PartialEq for ExprKind {
    fn eq(&self, other: &Self) -> bool {
        use ExprKind::*;
        match (self, other) {
            (Lit(a), Lit(b)) => a == b,
            (Ref(a), Ref(b)) => a == b,
            (Not(a), Not(b)) => a == b,
            (And(a1, a2), And(b1, b2)) | (Or(a1, a2), Or(b1, b2)) => a1 == b1 && a2 == b2,
            (Cmp(op1, a1, a2), Cmp(op2, b1, b2)) => op1 == op2 && a1 == b1 && a2 == b2,
            (
                In {
                    expr: a,
                    list: la,
                    negated: na,
                },
                In {
                    expr: b,
                    list: lb,
                    negated: nb,
                },
            ) => {
                na == nb
                    && a == b
                    && la.len() == lb.len()
                    && la.iter().zip(lb).all(|((x, _), (y, _))| x == y)
            }
            (Contains(a, la, _), Contains(b, lb, _)) => a == b && la == lb,
            (Answered(a, na), Answered(b, nb)) => na == nb && a == b,
            (Call(fa, aa), Call(fb, ab)) => fa == fb && aa == ab,
            _ => false,
        }
    }
}

/// A literal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Lit {
    /// `'text'` or `"text"`
    Str(String),
    /// `12`, `2.5`, `-1`
    Num(f64),
    /// `true`, `false`
    Bool(bool),
}

/// A reference to something answered: a fact by name or a question by printed id, optionally a row.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ref {
    /// Fact (bare identifier) or question (`[id]`).
    pub name: RefName,
    /// `.row` of a grid question.
    pub row: Option<String>,
    /// Filled in by [`check`]: the resolved item (and row) index.
    pub slot: Option<Slot>,
}

impl PartialEq for Ref {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.row == other.row
    }
}

/// The name in a reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RefName {
    /// A bare identifier: a fact id.
    Fact(String),
    /// `[...]`: a question's printed id.
    Question(String),
}

impl RefName {
    /// The id as written (without brackets).
    pub fn id(&self) -> &str {
        match self {
            RefName::Fact(s) | RefName::Question(s) => s,
        }
    }
}

/// Where a reference points, resolved at load time so evaluation does no name look-ups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Slot {
    /// The item (fact or question).
    pub item: ItemIx,
    /// Index of the grid row, for `[q].row`.
    pub row: Option<u32>,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

/// Built-in functions over lists of conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Func {
    /// true if any argument holds
    Any,
    /// true if all arguments hold
    All,
    /// how many arguments hold
    Count,
}

impl Func {
    /// The function's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Func::Any => "any",
            Func::All => "all",
            Func::Count => "count",
        }
    }
}

impl Expr {
    /// Calls `f` on every reference in the expression, in text order.
    pub fn visit_refs<'a>(&'a self, f: &mut impl FnMut(&'a Ref, &'a Span)) {
        match &self.kind {
            ExprKind::Lit(_) => {}
            ExprKind::Ref(r) => f(r, &self.span),
            ExprKind::Not(e) | ExprKind::Contains(e, _, _) | ExprKind::Answered(e, _) => {
                e.visit_refs(f)
            }
            ExprKind::In { expr, .. } => expr.visit_refs(f),
            ExprKind::And(a, b) | ExprKind::Or(a, b) | ExprKind::Cmp(_, a, b) => {
                a.visit_refs(f);
                b.visit_refs(f);
            }
            ExprKind::Call(_, args) => args.iter().for_each(|a| a.visit_refs(f)),
        }
    }
}

/// Words that cannot be used as fact ids.
pub const KEYWORDS: &[&str] = &[
    "and", "or", "not", "in", "is", "answered", "contains", "true", "false", "any", "all", "count",
];
