//! Finding and loading rule files and case files on disk: the one policy the `rules` tool, the tests
//! and the benchmarks share.
//!
//! Takes a path; gives the rule files or case files under it (sorted, so every run sees the same
//! order) and rule sets loaded from them, with every error of a file that does not load.

use crate::engine::{Report, RuleSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// The folder of the rule sets shipped with the app (`rules/` in this crate).
pub fn shipped_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")
}

/// The `*.toml` files directly in `dir`, sorted by name; `index.toml` (the catalogue, not a rule set)
/// is left out. The same listing serves case-file folders, which have no `index.toml`.
pub fn toml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|f| {
            f.extension().is_some_and(|e| e == "toml")
                && f.file_name().is_some_and(|n| n != "index.toml")
        })
        .collect();
    found.sort();
    Ok(found)
}

/// Why a file did not give a rule set.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read.
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// The file was read and has errors.
    Invalid(Report),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Read { path, error } => {
                write!(f, "{}: cannot read: {error}", path.display())
            }
            LoadError::Invalid(report) => report.fmt(f),
        }
    }
}

impl std::error::Error for LoadError {}

/// Reads and loads the rule file at `path` (named by its path in error messages).
pub fn load(path: &Path) -> Result<RuleSet, LoadError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|error| LoadError::Read {
        path: path.to_path_buf(),
        error,
    })?;
    RuleSet::load(&name, &text).map_err(LoadError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_rule_file_is_listed_and_the_catalogue_is_not() {
        let files = toml_files(&shipped_dir()).expect("rules/ is readable");
        assert!(!files.is_empty());
        assert!(files.windows(2).all(|w| w[0] < w[1]));
        assert!(files.iter().all(|f| !f.ends_with("index.toml")));
    }

    #[test]
    fn a_missing_file_is_a_read_error() {
        let e = load(Path::new("no/such/file.toml")).expect_err("no such file");
        assert!(matches!(e, LoadError::Read { .. }), "{e}");
        assert!(e.to_string().starts_with("no/such/file.toml: cannot read:"));
    }
}
