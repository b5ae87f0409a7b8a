//! The task list of an assessment: case facts and sections with honest statuses, and export.

use crate::engine::draft::ExportFile;
use crate::engine::evaluate::Status;
use crate::engine::model::Idx;
use crate::engine::present::task_list;
use crate::ui::browser;
use crate::ui::components::open_draft::OpenDraft;
use crate::ui::components::save_status::SaveStatus;
use crate::ui::route::Route;
use crate::ui::session::use_session;
use leptos::prelude::*;

fn tag(status: Status) -> impl IntoView {
    let class = match status {
        Status::NotApplicable => "govuk-tag govuk-tag--grey",
        Status::NotStarted => "govuk-tag",
        Status::InProgress => "govuk-tag govuk-tag--teal",
        Status::Completed => "govuk-tag govuk-tag--green",
    };
    view! { <strong class=class>{status.label()}</strong> }
}

/// Task list page.
#[component]
pub fn TaskListPage(id: String) -> impl IntoView {
    let id2 = id.clone();
    view! {
        <OpenDraft id=id>
            <TaskList id=id2.clone()/>
        </OpenDraft>
    }
}

#[component]
fn TaskList(id: String) -> impl IntoView {
    let ctx = use_session();
    let Some(rules) = ctx
        .current
        .with_untracked(|c| c.as_ref().map(|a| a.rules().clone()))
    else {
        return ().into_any();
    };
    let statuses = Memo::new(move |_| ctx.current.with(|c| c.as_ref().map(task_list)));
    let export = move |_| {
        if let Some((json, case_ref)) = ctx.current.with_untracked(|c| {
            c.as_ref().map(|a| {
                (
                    ExportFile::new(vec![a.draft().clone()], browser::now()).to_json(),
                    a.draft().case_ref.clone(),
                )
            })
        }) {
            let _ = browser::download(&ExportFile::file_name(&case_ref), "application/json", &json);
        }
    };
    let export_csv = move |_| {
        if let Some((text, case_ref)) = ctx.current.with_untracked(|c| {
            c.as_ref().map(|a| {
                (
                    crate::engine::csv::export(a.rules(), a.draft(), a.eval()),
                    a.draft().case_ref.clone(),
                )
            })
        }) {
            let _ = browser::download(
                &format!("{}.csv", ExportFile::file_stem(&case_ref)),
                "text/csv;charset=utf-8",
                &text,
            );
        }
    };
    let has_facts = rules.case_facts().next().is_some();
    let facts_href = Route::Facts(id.clone()).href();
    let sections = rules
        .sections
        .iter_enumerated()
        .map(|(s, sec)| {
            let href = Route::Section(id.clone(), sec.id.to_string()).href();
            let title = sec.title.clone();
            let status_id = format!("section-{}-status", s.index());
            view! {
                <li class="govuk-task-list__item govuk-task-list__item--with-link">
                    <div class="govuk-task-list__name-and-hint">
                        <a class="govuk-link govuk-task-list__link" href=href aria-describedby=status_id.clone()>{title}</a>
                    </div>
                    <div class="govuk-task-list__status" id=status_id>
                        {move || statuses.with(|st| st.as_ref().map(|st| tag(st.sections[s])))}
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <a href="#/" class="govuk-back-link app-no-print">"Your assessments"</a>
        <span class="govuk-caption-l">{rules.meta.title.clone()}</span>
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">{move || statuses.with(|s| s.as_ref().map(|s| format!("Case {}", s.case_ref)))}</h1>
        <SaveStatus/>
        <p class="govuk-body" id="progress">{move || statuses.with(|s| s.as_ref().map(|s| {
            let (q, f) = (s.questions, s.facts_recorded);
            format!("You have answered {} of {} applicable questions, and recorded {} of {} case facts.", q.answered, q.total, f.answered, f.total)
        }))}</p>
        <p class="govuk-body-s">"\u{201c}Completed\u{201d} means every applicable question in a section has an answer. Nothing is submitted anywhere."</p>
        <ul class="govuk-task-list" id="task-list">
            {has_facts.then(|| view! {
                <li class="govuk-task-list__item govuk-task-list__item--with-link">
                    <div class="govuk-task-list__name-and-hint">
                        <a class="govuk-link govuk-task-list__link" href=facts_href aria-describedby="facts-status">"Case facts"</a>
                        <div class="govuk-task-list__hint">"The facts that decide which questions apply"</div>
                    </div>
                    <div class="govuk-task-list__status" id="facts-status">{move || statuses.with(|st| st.as_ref().map(|st| tag(st.facts)))}</div>
                </li>
            })}
            {sections}
        </ul>
        <h2 class="govuk-heading-m">"Check and print"</h2>
        <ul class="govuk-list">
            <li><a class="govuk-link" href=Route::Check(id.clone()).href() id="check-answers-link">"Check your answers"</a></li>
            <li><a class="govuk-link" href=Route::Print(id.clone()).href() id="print-link">"Print or save as PDF"</a></li>
        </ul>
        <h2 class="govuk-heading-m">"Keep a copy"</h2>
        <p class="govuk-body">"Export this assessment as a file to keep it safe or to pass it to a colleague. JSON can be imported again; CSV opens in a spreadsheet."</p>
        <div class="govuk-button-group">
            <button type="button" class="govuk-button govuk-button--secondary" id="export-json" on:click=export>"Export as JSON"</button>
            <button type="button" class="govuk-button govuk-button--secondary" id="export-csv" on:click=export_csv>"Export as CSV"</button>
        </div>
    }
    .into_any()
}
