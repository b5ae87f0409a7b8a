//! Above a section's questions: the case facts asked that the section depends on (its conditions,
//! hints and forcing rules read them, directly or through other facts), each with what it decides
//! here, editable in place.

use super::fact_entry::{watch_fact_changes, FactEntry};
use crate::engine::model::{ItemIx, RuleSet, SectionIx};
use crate::engine::relevance::{section_facts, FactUse};
use crate::ui::session::use_session;
use leptos::prelude::*;
use std::sync::Arc;

/// The facts section `section` (an index) depends on.
#[component]
pub fn SectionFacts(rules: Arc<RuleSet>, section: SectionIx) -> impl IntoView {
    let ctx = use_session();
    let facts = section_facts(&rules, section);
    if facts.is_empty() {
        return ().into_any();
    }
    let relevance = Memo::new(move |_| {
        ctx.current
            .with(|c| c.as_ref().map(|a| a.eval().relevance().clone()))
    });
    let asked = move |ix: ItemIx| relevance.with(|r| r.as_ref().is_some_and(|r| r.is_asked(ix)));
    let any = {
        let facts = facts.clone();
        Memo::new(move |_| facts.iter().any(|&f| asked(f)))
    };
    let changes = watch_fact_changes(facts.clone());
    let entries = facts
        .into_iter()
        .map(|ix| {
            let rules = rules.clone();
            let uses = FactUse::new(&rules, ix, section).describe(&rules);
            let shown = Memo::new(move |_| asked(ix));
            view! {
                <Show when=move || shown.get()>
                    <FactEntry rules=rules.clone() ix=ix changes=changes uses=uses.clone()/>
                </Show>
            }
        })
        .collect_view();
    view! {
        <section class="app-section-facts" aria-labelledby="section-facts-heading" prop:hidden=move || !any.get()>
            <h2 class="govuk-heading-m" id="section-facts-heading">"Case facts for this section"</h2>
            <p class="govuk-body">"These facts decide what applies in this section. A change here changes the case facts for the whole assessment."</p>
            {entries}
        </section>
    }
    .into_any()
}
