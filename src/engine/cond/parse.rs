//! Text to [`Expr`]: a hand-written lexer and recursive-descent parser.
//!
//! Grammar (lowest precedence first):
//! ```text
//! expr    := and ("or" and)*
//! and     := not ("and" not)*
//! not     := "not" not | test
//! test    := operand ( cmpop operand | "not"? "in" "(" lit ("," lit)* ")"
//!                    | "contains" lit | "is" "not"? "answered" )?
//! operand := lit | ref | "(" expr ")" | ("any" | "all" | "count") "(" expr ("," expr)* ")"
//! ref     := ident | "[" question-id "]" ("." ident)?
//! ```

use super::{CmpOp, CondError, Expr, ExprKind, Func, Lit, Ref, RefName, Span, KEYWORDS};
use crate::engine::diag::ErrorKind;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    QRef(String),
    Str(String),
    Num(f64),
    LParen,
    RParen,
    Comma,
    Dot,
    Op(CmpOp),
    End,
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Ident(s) => format!("`{s}`"),
        Tok::QRef(s) => format!("`[{s}]`"),
        Tok::Str(s) => format!("the string '{s}'"),
        Tok::Num(n) => format!("the number {n}"),
        Tok::LParen => "`(`".into(),
        Tok::RParen => "`)`".into(),
        Tok::Comma => "`,`".into(),
        Tok::Dot => "`.`".into(),
        Tok::Op(op) => format!("`{}`", op.as_str()),
        Tok::End => "the end of the condition".into(),
    }
}

fn lex(src: &str) -> Result<Vec<(Tok, Span)>, CondError> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let err = |m: &str, s: Span| {
            Err(CondError {
                kind: ErrorKind::ConditionSyntax,
                message: m.to_string(),
                span: s,
            })
        };
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'(' => {
                i += 1;
                out.push((Tok::LParen, start..i));
            }
            b')' => {
                i += 1;
                out.push((Tok::RParen, start..i));
            }
            b',' => {
                i += 1;
                out.push((Tok::Comma, start..i));
            }
            b'.' if !b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                i += 1;
                out.push((Tok::Dot, start..i));
            }
            b'=' | b'!' | b'<' | b'>' => {
                let two = b.get(i + 1) == Some(&b'=');
                let op = match (c, two) {
                    (b'=', true) => CmpOp::Eq,
                    (b'!', true) => CmpOp::Ne,
                    (b'<', true) => CmpOp::Le,
                    (b'>', true) => CmpOp::Ge,
                    (b'<', false) => CmpOp::Lt,
                    (b'>', false) => CmpOp::Gt,
                    (b'=', false) => return err("use `==` to compare", start..i + 1),
                    _ => return err("use `!=` or `not`", start..i + 1),
                };
                i += if two { 2 } else { 1 };
                out.push((Tok::Op(op), start..i));
            }
            b'[' => {
                let Some(close) = src[i + 1..].find(']') else {
                    return err("`[` is not closed by `]`", start..src.len());
                };
                let inner = src[i + 1..i + 1 + close].trim();
                if inner.is_empty() {
                    return err("empty question id", start..i + close + 2);
                }
                i += close + 2;
                out.push((Tok::QRef(inner.to_string()), start..i));
            }
            b'\'' | b'"' => {
                let Some(close) = src[i + 1..].find(c as char) else {
                    return err("string is not closed", start..src.len());
                };
                let s = src[i + 1..i + 1 + close].to_string();
                i += close + 2;
                out.push((Tok::Str(s), start..i));
            }
            b'0'..=b'9' | b'-' | b'.' => {
                i += 1;
                while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
                    i += 1;
                }
                let text = &src[start..i];
                match text.parse::<f64>() {
                    Ok(n) if n.is_finite() => out.push((Tok::Num(n), start..i)),
                    _ => return err(&format!("`{text}` is not a number"), start..i),
                }
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                out.push((Tok::Ident(src[start..i].to_string()), start..i));
            }
            _ => {
                let ch = src[i..].chars().next().unwrap_or('?');
                return err(
                    &format!("unexpected character `{ch}`"),
                    start..i + ch.len_utf8(),
                );
            }
        }
    }
    out.push((Tok::End, b.len()..b.len()));
    Ok(out)
}

/// Parses a condition. The whole text must be one expression.
pub fn parse(src: &str) -> Result<Expr, CondError> {
    let toks = lex(src)?;
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
    };
    if p.peek() == &Tok::End {
        return Err(CondError {
            kind: ErrorKind::ConditionSyntax,
            message: "empty condition".into(),
            span: 0..src.len(),
        });
    }
    let e = p.expr()?;
    match p.peek() {
        Tok::End => Ok(e),
        t => Err(p.error(format!(
            "expected `and`, `or` or the end of the condition, found {}",
            describe(t)
        ))),
    }
}

/// Nesting deeper than this is refused (keeps recursion bounded on hostile input).
const MAX_DEPTH: usize = 64;

struct Parser {
    toks: Vec<(Tok, Span)>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos].0
    }
    fn span(&self) -> Span {
        self.toks[self.pos].1.clone()
    }
    fn next(&mut self) -> (Tok, Span) {
        let t = self.toks[self.pos].clone();
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        t
    }
    fn error(&self, message: String) -> CondError {
        CondError {
            kind: ErrorKind::ConditionSyntax,
            message,
            span: self.span(),
        }
    }
    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Tok::Ident(s) if s == w)
    }
    fn is_word_at(&self, off: usize, w: &str) -> bool {
        matches!(self.toks.get(self.pos + off), Some((Tok::Ident(s), _)) if s == w)
    }
    fn expect(&mut self, t: Tok, what: &str) -> Result<Span, CondError> {
        if *self.peek() == t {
            Ok(self.next().1)
        } else {
            Err(self.error(format!("expected {what}, found {}", describe(self.peek()))))
        }
    }

    fn expr(&mut self) -> Result<Expr, CondError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("the condition is nested too deeply".into()));
        }
        let mut left = self.and()?;
        while self.is_word("or") {
            self.next();
            let right = self.and()?;
            let span = left.span.start..right.span.end;
            left = Expr {
                kind: ExprKind::Or(Box::new(left), Box::new(right)),
                span,
            };
        }
        self.depth -= 1;
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, CondError> {
        let mut left = self.not()?;
        while self.is_word("and") {
            self.next();
            let right = self.not()?;
            let span = left.span.start..right.span.end;
            left = Expr {
                kind: ExprKind::And(Box::new(left), Box::new(right)),
                span,
            };
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, CondError> {
        if self.is_word("not") {
            let start = self.next().1.start;
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(self.error("the condition is nested too deeply".into()));
            }
            let inner = self.not()?;
            self.depth -= 1;
            let span = start..inner.span.end;
            return Ok(Expr {
                kind: ExprKind::Not(Box::new(inner)),
                span,
            });
        }
        self.test()
    }

    fn test(&mut self) -> Result<Expr, CondError> {
        let left = self.operand()?;
        let start = left.span.start;
        match self.peek().clone() {
            Tok::Op(op) => {
                self.next();
                let right = self.operand()?;
                let span = start..right.span.end;
                Ok(Expr {
                    kind: ExprKind::Cmp(op, Box::new(left), Box::new(right)),
                    span,
                })
            }
            Tok::Ident(w) if w == "in" || (w == "not" && self.is_word_at(1, "in")) => {
                let negated = w == "not";
                if negated {
                    self.next();
                }
                self.next();
                self.expect(Tok::LParen, "`(` to start the list")?;
                let mut list = vec![self.literal()?];
                while *self.peek() == Tok::Comma {
                    self.next();
                    list.push(self.literal()?);
                }
                let end = self.expect(Tok::RParen, "`,` or `)`")?.end;
                Ok(Expr {
                    kind: ExprKind::In {
                        expr: Box::new(left),
                        list,
                        negated,
                    },
                    span: start..end,
                })
            }
            Tok::Ident(w) if w == "contains" => {
                self.next();
                let (lit, lspan) = self.literal()?;
                let span = start..lspan.end;
                Ok(Expr {
                    kind: ExprKind::Contains(Box::new(left), lit, lspan),
                    span,
                })
            }
            Tok::Ident(w) if w == "is" => {
                self.next();
                let negated = self.is_word("not");
                if negated {
                    self.next();
                }
                if !self.is_word("answered") {
                    return Err(self.error(format!(
                        "expected `answered` after `is`, found {}",
                        describe(self.peek())
                    )));
                }
                let end = self.next().1.end;
                Ok(Expr {
                    kind: ExprKind::Answered(Box::new(left), negated),
                    span: start..end,
                })
            }
            _ => Ok(left),
        }
    }

    fn literal(&mut self) -> Result<(Lit, Span), CondError> {
        let (t, span) = self.next();
        match t {
            Tok::Str(s) => Ok((Lit::Str(s), span)),
            Tok::Num(n) => Ok((Lit::Num(n), span)),
            Tok::Ident(w) if w == "true" => Ok((Lit::Bool(true), span)),
            Tok::Ident(w) if w == "false" => Ok((Lit::Bool(false), span)),
            t => Err(CondError {
                kind: ErrorKind::ConditionSyntax,
                message: format!("expected a value, found {}", describe(&t)),
                span,
            }),
        }
    }

    fn operand(&mut self) -> Result<Expr, CondError> {
        let (t, span) = self.next();
        match t {
            Tok::LParen => {
                let inner = self.expr()?;
                let end = self.expect(Tok::RParen, "`)`")?.end;
                Ok(Expr {
                    kind: inner.kind,
                    span: span.start..end,
                })
            }
            Tok::Str(s) => Ok(Expr {
                kind: ExprKind::Lit(Lit::Str(s)),
                span,
            }),
            Tok::Num(n) => Ok(Expr {
                kind: ExprKind::Lit(Lit::Num(n)),
                span,
            }),
            Tok::Ident(w) if w == "true" || w == "false" => Ok(Expr {
                kind: ExprKind::Lit(Lit::Bool(w == "true")),
                span,
            }),
            Tok::Ident(w)
                if matches!(w.as_str(), "any" | "all" | "count") && *self.peek() == Tok::LParen =>
            {
                let f = match w.as_str() {
                    "any" => Func::Any,
                    "all" => Func::All,
                    _ => Func::Count,
                };
                self.next();
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(self.error("the condition is nested too deeply".into()));
                }
                let mut args = vec![self.expr()?];
                while *self.peek() == Tok::Comma {
                    self.next();
                    args.push(self.expr()?);
                }
                self.depth -= 1;
                let end = self.expect(Tok::RParen, "`,` or `)`")?.end;
                Ok(Expr {
                    kind: ExprKind::Call(f, args),
                    span: span.start..end,
                })
            }
            Tok::Ident(w) if KEYWORDS.contains(&w.as_str()) => Err(CondError {
                kind: ErrorKind::ConditionSyntax,
                message: format!(
                    "expected a fact, a [question] or a value, found the keyword `{w}`"
                ),
                span,
            }),
            Tok::Ident(w) => Ok(Expr {
                kind: ExprKind::Ref(Ref {
                    name: RefName::Fact(w),
                    row: None,
                    slot: None,
                }),
                span,
            }),
            Tok::QRef(id) => {
                let mut end = span.end;
                let mut row = None;
                if *self.peek() == Tok::Dot {
                    self.next();
                    match self.next() {
                        (Tok::Ident(r), s) => {
                            row = Some(r);
                            end = s.end;
                        }
                        (t, s) => {
                            return Err(CondError {
                                kind: ErrorKind::ConditionSyntax,
                                message: format!(
                                    "expected a row id after `.`, found {}",
                                    describe(&t)
                                ),
                                span: s,
                            })
                        }
                    }
                }
                Ok(Expr {
                    kind: ExprKind::Ref(Ref {
                        name: RefName::Question(id),
                        row,
                        slot: None,
                    }),
                    span: span.start..end,
                })
            }
            t => Err(CondError {
                kind: ErrorKind::ConditionSyntax,
                message: format!(
                    "expected a fact, a [question] or a value, found {}",
                    describe(&t)
                ),
                span,
            }),
        }
    }
}
