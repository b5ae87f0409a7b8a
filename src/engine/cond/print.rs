//! The canonical printed form of an expression; it parses back to the same expression.

use super::{Expr, ExprKind, Lit, RefName};
use std::fmt;

impl fmt::Display for Lit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Lit::Str(s) if s.contains('\'') => write!(f, "\"{s}\""),
            Lit::Str(s) => write!(f, "'{s}'"),
            Lit::Num(n) => write!(f, "{n}"),
            Lit::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// Binding strength: or 1, and 2, not 3, tests 4, operands (values, references, calls) 5.
fn level(e: &Expr) -> u8 {
    match e.kind {
        ExprKind::Or(..) => 1,
        ExprKind::And(..) => 2,
        ExprKind::Not(..) => 3,
        ExprKind::Cmp(..)
        | ExprKind::In { .. }
        | ExprKind::Contains(..)
        | ExprKind::Answered(..) => 4,
        ExprKind::Lit(_) | ExprKind::Ref(_) | ExprKind::Call(..) => 5,
    }
}

struct Wrap<'a>(&'a Expr, u8);

impl fmt::Display for Wrap<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if level(self.0) < self.1 {
            write!(f, "({})", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Lit(l) => write!(f, "{l}"),
            ExprKind::Ref(r) => {
                match &r.name {
                    RefName::Fact(id) => write!(f, "{id}")?,
                    RefName::Question(id) => write!(f, "[{id}]")?,
                }
                if let Some(row) = &r.row {
                    write!(f, ".{row}")?;
                }
                Ok(())
            }
            // `or` is left-associative: a right operand of the same level needs brackets.
            ExprKind::Or(a, b) => write!(f, "{} or {}", Wrap(a, 1), Wrap(b, 2)),
            ExprKind::And(a, b) => write!(f, "{} and {}", Wrap(a, 2), Wrap(b, 3)),
            ExprKind::Not(e) => write!(f, "not {}", Wrap(e, 3)),
            ExprKind::Cmp(op, a, b) => write!(f, "{} {} {}", Wrap(a, 5), op.as_str(), Wrap(b, 5)),
            ExprKind::In {
                expr,
                list,
                negated,
            } => {
                write!(
                    f,
                    "{} {}in (",
                    Wrap(expr, 5),
                    if *negated { "not " } else { "" }
                )?;
                for (i, (l, _)) in list.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{l}")?;
                }
                write!(f, ")")
            }
            ExprKind::Contains(e, l, _) => write!(f, "{} contains {l}", Wrap(e, 5)),
            ExprKind::Answered(e, neg) => {
                write!(
                    f,
                    "{} is {}answered",
                    Wrap(e, 5),
                    if *neg { "not " } else { "" }
                )
            }
            ExprKind::Call(func, args) => {
                write!(f, "{}(", func.as_str())?;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{a}")?;
                }
                write!(f, ")")
            }
        }
    }
}
