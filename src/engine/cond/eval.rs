//! Three-valued evaluation of a checked expression.
//!
//! Takes an expression whose references were resolved by [`super::check`] and a [`Lookup`] that reads
//! current answers; gives [`Tri`]: `Some(true)`, `Some(false)` or `None` (undecided, because something
//! it reads is unanswered or not applicable).

use super::{CmpOp, Expr, ExprKind, Func, Lit, Slot};
use std::cmp::Ordering;

/// A three-valued truth: `None` is undecided.
pub type Tri = Option<bool>;

/// A value read from the answers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum V<'a> {
    /// unanswered, or not applicable
    Unknown,
    /// a yes/no fact
    Bool(bool),
    /// a number
    Num(f64),
    /// a choice value, text or date
    Str(&'a str),
    /// the values chosen in a multiple-choice answer
    Set(&'a [String]),
}

/// Reads the current value at a slot.
pub trait Lookup {
    /// The value at `slot` (Unknown when unanswered or not applicable).
    fn value(&self, slot: Slot) -> V<'_>;
}

/// Evaluates a checked condition.
pub fn eval(e: &Expr, env: &dyn Lookup) -> Tri {
    match &e.kind {
        ExprKind::Lit(Lit::Bool(b)) => Some(*b),
        ExprKind::Lit(_) => None,
        ExprKind::Ref(_) => match value(e, env) {
            V::Bool(b) => Some(b),
            _ => None,
        },
        ExprKind::Not(inner) => eval(inner, env).map(|b| !b),
        ExprKind::And(a, b) => match eval(a, env) {
            Some(false) => Some(false),
            x => match (x, eval(b, env)) {
                (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            },
        },
        ExprKind::Or(a, b) => match eval(a, env) {
            Some(true) => Some(true),
            x => match (x, eval(b, env)) {
                (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            },
        },
        ExprKind::Cmp(op, a, b) => {
            let ord = compare(value(a, env), value(b, env))?;
            Some(match op {
                CmpOp::Eq => ord == Ordering::Equal,
                CmpOp::Ne => ord != Ordering::Equal,
                CmpOp::Lt => ord == Ordering::Less,
                CmpOp::Le => ord != Ordering::Greater,
                CmpOp::Gt => ord == Ordering::Greater,
                CmpOp::Ge => ord != Ordering::Less,
            })
        }
        ExprKind::In {
            expr,
            list,
            negated,
        } => {
            let v = value(expr, env);
            if v == V::Unknown {
                return None;
            }
            let found = list
                .iter()
                .any(|(l, _)| compare(v, lit_value(l)) == Some(Ordering::Equal));
            Some(found != *negated)
        }
        ExprKind::Contains(inner, lit, _) => match (value(inner, env), lit) {
            (V::Set(vals), Lit::Str(s)) => Some(vals.iter().any(|v| v == s)),
            _ => None,
        },
        ExprKind::Answered(inner, negated) => Some((value(inner, env) != V::Unknown) != *negated),
        ExprKind::Call(Func::Any, args) => {
            let mut undecided = false;
            for a in args {
                match eval(a, env) {
                    Some(true) => return Some(true),
                    None => undecided = true,
                    Some(false) => {}
                }
            }
            if undecided {
                None
            } else {
                Some(false)
            }
        }
        ExprKind::Call(Func::All, args) => {
            let mut undecided = false;
            for a in args {
                match eval(a, env) {
                    Some(false) => return Some(false),
                    None => undecided = true,
                    Some(true) => {}
                }
            }
            if undecided {
                None
            } else {
                Some(true)
            }
        }
        // count(...) is a number; as a condition by itself it is rejected by the checker.
        ExprKind::Call(Func::Count, _) => None,
    }
}

fn lit_value(l: &Lit) -> V<'_> {
    match l {
        Lit::Str(s) => V::Str(s),
        Lit::Num(n) => V::Num(*n),
        Lit::Bool(b) => V::Bool(*b),
    }
}

/// The value of an operand (a literal, a reference or `count`).
fn value<'a>(e: &'a Expr, env: &'a dyn Lookup) -> V<'a> {
    match &e.kind {
        ExprKind::Lit(l) => lit_value(l),
        ExprKind::Ref(r) => match r.slot {
            Some(slot) => env.value(slot),
            None => V::Unknown,
        },
        ExprKind::Call(Func::Count, args) => {
            V::Num(args.iter().filter(|a| eval(a, env) == Some(true)).count() as f64)
        }
        _ => match eval(e, env) {
            Some(b) => V::Bool(b),
            None => V::Unknown,
        },
    }
}

fn compare(a: V<'_>, b: V<'_>) -> Option<Ordering> {
    match (a, b) {
        (V::Num(x), V::Num(y)) => x.partial_cmp(&y),
        (V::Str(x), V::Str(y)) => Some(x.cmp(y)),
        (V::Bool(x), V::Bool(y)) => Some(x.cmp(&y)),
        _ => None,
    }
}
