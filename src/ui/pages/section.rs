//! A section of the assessment (or its case facts): the questions in order, grouped under their
//! key questions.

use crate::engine::model::{Idx, ItemIx, RuleSet, SectionIx};
use crate::engine::present::section_na;
use crate::ui::components::asked_facts::AskedFacts;
use crate::ui::components::guidance::Guidance;
use crate::ui::components::open_draft::OpenDraft;
use crate::ui::components::question::{inputs_view, Question};
use crate::ui::components::save_status::SaveStatus;
use crate::ui::components::section_facts::SectionFacts;
use crate::ui::route::Route;
use crate::ui::session::use_session;
use leptos::prelude::*;
use std::sync::Arc;

/// Section page; `section: None` is the case facts page.
#[component]
pub fn SectionPage(id: String, section: Option<String>) -> impl IntoView {
    let id2 = id.clone();
    view! {
        <OpenDraft id=id>
            <SectionBody id=id2.clone() section=section.clone()/>
        </OpenDraft>
    }
}

fn questions(rules: &Arc<RuleSet>, items: &[ItemIx]) -> impl IntoView {
    items
        .iter()
        .map(|ix| view! { <Question rules=rules.clone() ix=*ix/> })
        .collect_view()
}

#[component]
fn SectionBody(id: String, section: Option<String>) -> impl IntoView {
    let ctx = use_session();
    let Some(rules) = ctx
        .current
        .with_untracked(|c| c.as_ref().map(|a| a.rules().clone()))
    else {
        return ().into_any();
    };
    let back = view! { <a href=Route::Tasks(id.clone()).href() class="govuk-back-link app-no-print">"Back to the task list"</a> };
    let Some(section) = section else {
        return view! {
            {back}
            <span class="govuk-caption-l">{rules.meta.title.clone()}</span>
            <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Case facts"</h1>
            <p class="govuk-body">"These facts decide which sections and questions apply to this case. Only the facts that can still change something are asked, under the sections that use them. You can change them at any time: answers to questions that stop applying are kept."</p>
            <SaveStatus/>
            <AskedFacts rules=rules.clone()/>
            <a class="govuk-button" href=Route::Tasks(id.clone()).href() id="facts-done">"Save and return to the task list"</a>
        }
        .into_any();
    };
    let Some(s) = rules.section_ix(&section) else {
        return view! {
            {back}
            <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Section not found"</h1>
        }
        .into_any();
    };
    let sec = &rules.sections[s];
    let section_na = Memo::new(move |_| {
        ctx.current
            .with(|c| c.as_ref().and_then(|a| section_na(a, s)))
    });
    let (draft_na, rules_na) = (id.clone(), rules.clone());
    let loose: Vec<ItemIx> = sec
        .items
        .iter()
        .copied()
        .filter(|i| rules.items[*i].group.is_none())
        .collect();
    let groups = sec
        .groups
        .iter()
        .map(|g| {
            let grp = &rules.groups[*g];
            view! {
                <section class="app-group" aria-labelledby=format!("group-{g}")>
                    <h2 class="govuk-heading-m" id=format!("group-{g}")>{grp.title.clone()}</h2>
                    {(!grp.intro.is_empty()).then(|| view! { <Guidance text=grp.intro.clone()/> })}
                    {questions(&rules, &grp.items)}
                </section>
            }
        })
        .collect_view();
    let next = rules.sections.get(SectionIx::new(s.index() + 1)).map(|n| {
        (
            Route::Section(id.clone(), n.id.to_string()).href(),
            n.title.clone(),
        )
    });
    view! {
        {back}
        <span class="govuk-caption-l">{rules.meta.title.clone()}</span>
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">{sec.title.clone()}</h1>
        <SaveStatus/>
        {move || section_na.get().map(|na| view! {
            <div class="govuk-inset-text" id="section-na">
                <p class="govuk-body"><strong class="govuk-tag govuk-tag--grey">"Not applicable"</strong></p>
                <p class="govuk-body">{format!("This section does not apply to this case: \u{201c}{}\u{201d} ({})", na.quote, na.cite)}</p>
                {inputs_view(na.inputs, &draft_na, &rules_na)}
            </div>
        })}
        {(!sec.intro.is_empty()).then(|| view! {
            <details class="govuk-details">
                <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"About this section"</span></summary>
                <div class="govuk-details__text"><Guidance text=sec.intro.clone()/></div>
            </details>
        })}
        <SectionFacts rules=rules.clone() section=s/>
        {questions(&rules, &loose)}
        {groups}
        <div class="govuk-button-group app-no-print">
            <a class="govuk-button" href=Route::Tasks(id.clone()).href()>"Save and return to the task list"</a>
            {next.map(|(href, title)| view! { <a class="govuk-link" href=href>{format!("Next section: {title}")}</a> })}
        </div>
    }
    .into_any()
}
