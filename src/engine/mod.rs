//! The engine: pure Rust, no web dependencies, tested natively with `cargo test`.
//!
//! Flow: rule file text -> [`RuleSet::load`] -> [`RuleSet`] (immutable, checked); [`Draft`] (answers,
//! notes, hint decisions) -> [`Evaluation`] (applicability with reasons, hints, tallies, progress).

pub mod assessment;
pub mod cases;
pub mod catalogue;
pub mod cond;
pub mod csv;
pub mod diag;
pub mod draft;
pub mod dump;
pub mod evaluate;
mod load;
pub mod markup;
pub mod model;
pub mod relevance;
pub mod search;
pub mod synth;

pub use diag::Report;
pub use draft::{Answer, Draft};
pub use evaluate::Evaluation;
pub use model::RuleSet;
