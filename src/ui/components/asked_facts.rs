//! The case facts page's list: only the facts asked (`engine::relevance`), grouped under the
//! sections that use them in task-list order, with the facts several sections use first. A fact
//! that stops being asked is taken off the page; its answer is kept and shows again when it is
//! asked again.

use super::fact_entry::{watch_fact_changes, FactEntry};
use crate::engine::model::{Idx, ItemIx, RuleSet};
use crate::engine::relevance::fact_groups;
use crate::ui::session::use_session;
use leptos::prelude::*;
use std::sync::Arc;

/// The facts asked, grouped by the sections that use them.
#[component]
pub fn AskedFacts(rules: Arc<RuleSet>) -> impl IntoView {
    let ctx = use_session();
    let relevance = Memo::new(move |_| {
        ctx.current
            .with(|c| c.as_ref().map(|a| a.eval().relevance().clone()))
    });
    let asked = move |ix: ItemIx| relevance.with(|r| r.as_ref().is_some_and(|r| r.is_asked(ix)));
    let changes = watch_fact_changes(rules.case_facts().map(|(ix, _)| ix).collect());
    let groups = fact_groups(&rules)
        .into_iter()
        .map(|(s, facts)| {
            let title = match s {
                None => "Facts used by several sections".to_string(),
                Some(s) => rules.sections[s].title.clone(),
            };
            let heading = format!("facts-{}", s.map_or("shared".to_string(), |s| s.index().to_string()));
            let labelled_by = heading.clone();
            let any = {
                let facts = facts.clone();
                Memo::new(move |_| facts.iter().any(|&f| asked(f)))
            };
            let entries = facts
                .into_iter()
                .map(|ix| {
                    let rules = rules.clone();
                    let shown = Memo::new(move |_| asked(ix));
                    view! {
                        <Show when=move || shown.get()>
                            <FactEntry rules=rules.clone() ix=ix changes=changes/>
                        </Show>
                    }
                })
                .collect_view();
            view! {
                <section class="app-fact-group" aria-labelledby=labelled_by prop:hidden=move || !any.get()>
                    <h2 class="govuk-heading-m" id=heading>{title}</h2>
                    {entries}
                </section>
            }
        })
        .collect_view();
    let none = move || relevance.with(|r| r.as_ref().is_some_and(|r| r.asked_facts().is_empty()));
    view! {
        {groups}
        {move || none().then(|| view! {
            <p class="govuk-body" id="no-facts">"No case facts are needed for this case now."</p>
        })}
    }
}
