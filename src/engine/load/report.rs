//! Error recovery and reporting: where the loader's stages put what they find wrong.
//!
//! Takes the file's text; gives [`Diags`], the list every stage adds its errors to (each with its
//! [`ErrorKind`] and byte span), spans inside condition strings mapped to spans in the file, and,
//! when serde stops at the first structural error, [`structural_errors`]: the errors of every other
//! top-level table, found by parsing each table on its own, so one bad table does not hide the next.

use super::input::{RawFile, S};
use crate::engine::diag::{Diagnostic, ErrorKind};
use std::ops::Range;

/// The errors found so far in one file, and the file's text to place them.
pub(super) struct Diags<'a> {
    src: &'a str,
    list: Vec<Diagnostic>,
}

impl<'a> Diags<'a> {
    /// No errors yet, in `src`.
    pub fn new(src: &'a str) -> Self {
        Diags {
            src,
            list: Vec::new(),
        }
    }

    /// Records an error of `kind` at `span`.
    pub fn err(&mut self, kind: ErrorKind, message: impl Into<String>, span: Range<usize>) {
        self.list.push(Diagnostic::new(kind, message, span));
    }

    /// Whether nothing was found wrong.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The errors found.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.list
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

    /// Maps a span inside the text of the string `s` (a condition) to a span in the file; the whole
    /// string when its text does not map one to one (escapes).
    pub fn inner_span(&self, s: &S, inner: &Range<usize>) -> Range<usize> {
        match self.content_start(s) {
            Some(base) => base + inner.start..base + inner.end.max(inner.start),
            None => s.span(),
        }
    }
}

/// After serde stopped at the first structural error (at `first`), finds the others: each top-level
/// table (`[meta]`, each `[[question]]` with its sub-tables, ...) is parsed on its own, so one bad
/// table does not hide the problems of the next. Each is parsed as a whole rule file of that table
/// alone after a valid `format` and `[meta]`, through the same [`RawFile`] type as the file itself:
/// the app carries no deserialiser for the recovery alone.
pub(super) fn structural_errors(src: &str, first: &Range<usize>) -> Vec<Diagnostic> {
    /// A valid start of a rule file, for a table other than `[meta]` to follow.
    const HEADER: &str =
        "format = 1\n[meta]\nid = \"x\"\ntitle = \"\"\npublisher = \"\"\ndate = \"\"\n\
                          version = \"\"\nsource = \"\"\nlicence = \"\"\ncovers = \"\"\n";
    let mut out = Vec::new();
    for (name, range) in top_level_tables(src) {
        if range.contains(&first.start) {
            continue;
        }
        let text = &src[range.clone()];
        let prefix = match name {
            "meta" => "format = 1\n",
            "scale" | "fact" | "section" | "group" | "question" | "force" | "weight" => HEADER,
            _ => continue, // an unknown table is the kind of error serde already reported
        };
        let whole = format!("{prefix}{text}");
        if let Err(e) = toml::from_str::<RawFile>(&whole) {
            let mut d = Diagnostic::from_toml(&e, &whole, 0);
            let in_file = |at: usize| range.start + at.saturating_sub(prefix.len());
            d.span = in_file(d.span.start)..in_file(d.span.end);
            out.push(d);
        }
    }
    out
}

/// Each top-level table of the file: its name and the byte range from its header to the next
/// top-level header (`[[question.hints]]` and other dotted headers belong to the table above).
fn top_level_tables(src: &str) -> Vec<(&str, Range<usize>)> {
    let mut out: Vec<(&str, Range<usize>)> = Vec::new();
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
            out.push((name, offset..src.len()));
        }
        offset += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_run_from_header_to_header() {
        let src = "format = 1\n[meta]\nid = 'x'\n[[question]]\n[[question.hints]]\n[[force]]\n";
        let tables: Vec<(&str, &str)> = top_level_tables(src)
            .into_iter()
            .map(|(n, r)| (n, &src[r]))
            .collect();
        assert_eq!(
            tables,
            vec![
                ("meta", "[meta]\nid = 'x'\n"),
                ("question", "[[question]]\n[[question.hints]]\n"),
                ("force", "[[force]]\n"),
            ]
        );
    }
}
