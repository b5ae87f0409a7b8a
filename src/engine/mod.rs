//! The engine: pure Rust, no web dependencies, tested natively with `cargo test`.
//!
//! Flow: rule file text -> [`RuleSet::load`] -> [`RuleSet`] (immutable, checked); [`Draft`] (answers,
//! notes, hint decisions) -> [`Evaluation`] (applicability with reasons, hints, tallies, progress).
//! Load errors come in a [`Report`], each with an [`ErrorKind`]. What only rule authors, tests and
//! benchmarks need (case files, dumps, synthetic rule sets) is in `crate::authoring`, outside the app.

pub mod across;
pub mod assessment;
pub mod catalogue;
pub mod compiled;
pub mod cond;
pub mod csv;
pub mod diag;
pub mod draft;
pub mod evaluate;
pub mod id;
mod ixvec;
mod load;
pub mod markup;
pub mod model;
pub mod present;
pub mod relevance;
pub mod search;

pub use diag::{ErrorKind, Report};
pub use draft::{Answer, Draft};
pub use evaluate::Evaluation;
pub use model::RuleSet;
