//! Proptest strategies for the parts of a draft, shared by the property tests of the export format
//! (`tests/properties.rs`) and of its schema (`tests/schemas.rs`).

use case_assessor::engine::draft::{Decision, HintDecision};
use case_assessor::engine::Answer;
use proptest::prelude::*;

/// Free text as an inspector might type it, and text that JSON must escape.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 .,'-]{0,12}",
        any::<String>(),
        Just(String::new()),
        Just("line one\nline two \"quoted\" \\ back\u{0}slash".to_string()),
    ]
}

/// Any answer of any type, in or out of a scale (the export carries retired answers too), its
/// numbers from `number`.
pub fn answer(number: impl Strategy<Value = f64> + 'static) -> impl Strategy<Value = Answer> {
    prop_oneof![
        any::<bool>().prop_map(Answer::Bool),
        "[a-z_]{1,10}".prop_map(Answer::Choice),
        prop::collection::vec("[a-z_]{1,8}", 0..5).prop_map(Answer::Multi),
        prop::collection::btree_map("[a-z_]{1,6}", "[a-z_]{1,6}", 0..4).prop_map(Answer::Grid),
        number.prop_map(Answer::Number),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}".prop_map(Answer::Date),
        text().prop_map(Answer::Text),
    ]
}

/// A decision on a hint: used, or overridden with a reason.
pub fn hint_decision() -> impl Strategy<Value = HintDecision> {
    (
        "[a-z_]{1,8}",
        prop::sample::select(vec![Decision::Used, Decision::Overridden]),
        text(),
    )
        .prop_map(|(suggested, decision, reason)| HintDecision {
            suggested,
            decision,
            reason,
        })
}
