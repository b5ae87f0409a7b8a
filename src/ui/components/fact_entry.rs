//! One case fact where it is asked: what it decides (on a section page), the fact itself, and a
//! status line, announced to screen readers, saying what its last change made apply or stop
//! applying ("Statutory victim work no longer applies.").
//!
//! [`watch_fact_changes`] is called once per page for the facts it shows: it keeps the previous
//! evaluation and, when one of those facts changes its answer, says what changed next to that fact.

use super::question::Question;
use crate::engine::model::{ItemIx, RuleSet};
use crate::engine::relevance::{applicability_changes, Applies};
use crate::engine::Answer;
use crate::ui::session::use_session;
use leptos::prelude::*;
use std::sync::Arc;

/// What the last change of a fact on the page made apply or stop applying: (the fact, sentences).
#[derive(Clone, Copy)]
pub struct FactChanges(ReadSignal<Option<(ItemIx, String)>>);

/// Watches the open assessment for changes of the answers to `facts`.
pub fn watch_fact_changes(facts: Vec<ItemIx>) -> FactChanges {
    let ctx = use_session();
    let (said, set_said) = signal(None::<(ItemIx, String)>);
    // The draft id, the answers to `facts` and what applied, as they were after the last change.
    type Before = (String, Vec<Option<Answer>>, Applies);
    let before: StoredValue<Option<Before>> = StoredValue::new(None);
    Effect::new(move |_| {
        ctx.current.with(|c| {
            let Some(a) = c else {
                return;
            };
            let rules = a.rules();
            let now = Applies::of(a.eval());
            let answers: Vec<Option<Answer>> = facts
                .iter()
                .map(|&f| a.draft().answers.get(rules.items[f].id.as_str()).cloned())
                .collect();
            let changed = before.with_value(|b| {
                let (id, old, was) = b.as_ref()?;
                if *id != a.draft().id {
                    return None;
                }
                let f = facts
                    .iter()
                    .zip(old.iter().zip(&answers))
                    .find(|(_, (o, n))| o != n)
                    .map(|(f, _)| *f)?;
                Some((f, applicability_changes(rules, was, &now).join(" ")))
            });
            if let Some(x) = changed {
                set_said.set(Some(x));
            }
            before.set_value(Some((a.draft().id.clone(), answers, now)));
        })
    });
    FactChanges(said)
}

/// A case fact, with what it decides (`uses`, when given) and what its last change did.
#[component]
pub fn FactEntry(
    rules: Arc<RuleSet>,
    ix: ItemIx,
    changes: FactChanges,
    #[prop(optional)] uses: Option<String>,
) -> impl IntoView {
    let message = move || {
        changes.0.with(|c| {
            c.as_ref()
                .filter(|(f, m)| *f == ix && !m.is_empty())
                .map(|(_, m)| m.clone())
        })
    };
    view! {
        <div class="app-fact">
            {uses.filter(|u| !u.is_empty()).map(|u| view! { <p class="govuk-body-s app-fact__uses">{u}</p> })}
            <Question rules=rules ix=ix/>
            // Present (and empty) from the start, so that what is written into it is announced.
            <div role="status" class="app-fact__change" id=format!("fact-{ix}-change")>
                {move || message().map(|m| view! {
                    <p class="govuk-inset-text govuk-!-margin-top-0">{m}</p>
                })}
            </div>
        </div>
    }
}
