//! Diagnostics: errors found while loading a rule file or a case file.
//!
//! Takes byte spans into a source text; gives messages that name the file, line and column and show
//! the offending line with a caret under the spot. Spans are kept as bytes everywhere else and only
//! turned into lines and columns here, when an error is shown.

use std::fmt;
use std::ops::Range;

/// What kind of problem a diagnostic reports, for callers that decide by kind (the detail is in the
/// message). New kinds may be added, so a `match` needs a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is not valid TOML (nothing else in the file could be checked).
    Toml,
    /// A table or field is missing, unknown or of the wrong type.
    Structure,
    /// The file declares a format version this build does not read.
    Format,
    /// An id, value or name is not written as the format requires.
    InvalidId,
    /// An id is used twice.
    DuplicateId,
    /// A reference names nothing that exists.
    UnknownName,
    /// A reference names something of the wrong kind (a fact as a question, a question that is not a
    /// summary, a row of something that is not a grid, ...).
    WrongTarget,
    /// A field that this kind of entry does not take, or two fields that exclude each other.
    MisplacedField,
    /// A field this kind of entry needs is missing.
    MissingField,
    /// A condition, hint or forcing rule has no quote from its source.
    MissingQuote,
    /// A condition's text does not parse.
    ConditionSyntax,
    /// A condition combines or compares values of the wrong types.
    ConditionType,
    /// A value is not one of its scale's values.
    NotInScale,
    /// Applicability conditions depend on each other in a circle.
    Cycle,
}

impl ErrorKind {
    /// A short description of the kind, for summaries.
    pub fn describe(self) -> &'static str {
        match self {
            ErrorKind::Toml => "not valid TOML",
            ErrorKind::Structure => "missing, unknown or mistyped field",
            ErrorKind::Format => "unsupported format",
            ErrorKind::InvalidId => "badly written id or value",
            ErrorKind::DuplicateId => "duplicate id",
            ErrorKind::UnknownName => "unknown name",
            ErrorKind::WrongTarget => "reference to the wrong kind of entry",
            ErrorKind::MisplacedField => "misplaced field",
            ErrorKind::MissingField => "missing field",
            ErrorKind::MissingQuote => "missing quote",
            ErrorKind::ConditionSyntax => "condition syntax",
            ErrorKind::ConditionType => "condition type",
            ErrorKind::NotInScale => "value not in its scale",
            ErrorKind::Cycle => "applicability cycle",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// One problem found in a source file, with its kind and the byte span it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What kind of problem.
    pub kind: ErrorKind,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Byte range in the source text (may be empty when the problem has no precise place).
    pub span: Range<usize>,
}

impl Diagnostic {
    /// A diagnostic of `kind` at `span`.
    pub fn new(kind: ErrorKind, message: impl Into<String>, span: Range<usize>) -> Self {
        Diagnostic {
            kind,
            message: message.into(),
            span,
        }
    }

    /// A diagnostic for an error of the `toml` crate: [`ErrorKind::Toml`] when `src` is not valid
    /// TOML at all, else [`ErrorKind::Structure`] (a field missing, unknown or of the wrong type).
    /// `offset` is where `src` starts in the file the diagnostic is reported against.
    pub fn from_toml(e: &toml::de::Error, src: &str, offset: usize) -> Self {
        let kind = if toml::de::DeTable::parse(src).is_err() {
            ErrorKind::Toml
        } else {
            ErrorKind::Structure
        };
        let span = e
            .span()
            .map_or(offset..offset, |s| offset + s.start..offset + s.end);
        Diagnostic::new(kind, e.message().trim(), span)
    }
}

/// All the problems found in one file, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The file name as given to the loader.
    pub file: String,
    /// Each problem rendered with line, column and caret.
    pub errors: Vec<Located>,
}

/// A diagnostic resolved against its source: line and column (1-based) and the line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// What kind of problem.
    pub kind: ErrorKind,
    /// What is wrong.
    pub message: String,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// The text of the line, without its line break.
    pub source_line: String,
    /// How many characters the caret underlines (at least 1).
    pub width: usize,
}

impl Report {
    /// Resolves `diags` against `source`, sorted by position.
    pub fn new(file: &str, source: &str, mut diags: Vec<Diagnostic>) -> Self {
        diags.sort_by_key(|d| (d.span.start, d.span.end));
        diags.dedup();
        let errors = diags.iter().map(|d| locate(source, d)).collect();
        Report {
            file: file.to_string(),
            errors,
        }
    }

    /// Whether any error is of `kind`.
    pub fn has(&self, kind: ErrorKind) -> bool {
        self.errors.iter().any(|e| e.kind == kind)
    }
}

fn locate(source: &str, d: &Diagnostic) -> Located {
    let start = floor_char_boundary(source, d.span.start.min(source.len()));
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line = source[..start].matches('\n').count() + 1;
    let column = source[line_start..start].chars().count() + 1;
    let end = floor_char_boundary(source, d.span.end.clamp(start, line_end));
    let width = source[start..end].chars().count().max(1);
    Located {
        kind: d.kind,
        message: d.message.clone(),
        line,
        column,
        source_line: source[line_start..line_end]
            .trim_end_matches('\r')
            .to_string(),
        width,
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let gutter = self.line.to_string().len();
        writeln!(f, "{:gutter$} |", "")?;
        writeln!(f, "{} | {}", self.line, self.source_line)?;
        let pad: String = self
            .source_line
            .chars()
            .take(self.column - 1)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        write!(f, "{:gutter$} | {}{}", "", pad, "^".repeat(self.width))
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            writeln!(f, "error: {}", e.message)?;
            writeln!(f, " --> {}:{}:{}", self.file, e.line, e.column)?;
            writeln!(f, "{e}")?;
        }
        let n = self.errors.len();
        write!(
            f,
            "{}: {} error{}",
            self.file,
            n,
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Report {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_points_at_the_span() {
        let src = "a = 1\nwhen = \"x and\"\n";
        let r = Report::new(
            "f.toml",
            src,
            vec![Diagnostic::new(ErrorKind::ConditionSyntax, "bad", 14..17)],
        );
        let e = &r.errors[0];
        assert_eq!((e.line, e.column, e.width), (2, 9, 3));
        let text = r.to_string();
        assert!(text.contains(" --> f.toml:2:9"), "{text}");
        assert!(
            text.contains("2 | when = \"x and\"\n  |         ^^^"),
            "{text}"
        );
    }

    #[test]
    fn span_past_the_end_is_clamped() {
        let r = Report::new(
            "f",
            "abc",
            vec![Diagnostic::new(ErrorKind::Toml, "eof", 10..12)],
        );
        assert_eq!((r.errors[0].line, r.errors[0].column), (1, 4));
    }
}
