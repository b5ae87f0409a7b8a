//! Home: the assessments kept in this browser.

use crate::storage;
use crate::ui::browser;
use leptos::prelude::*;

/// Your assessments.
#[component]
pub fn HomePage() -> impl IntoView {
    let drafts = storage::list();
    let storage_ok = storage::local().is_some();
    let rows = match drafts {
        Ok(list) if list.is_empty() => view! { <p class="govuk-body" id="no-drafts">"You have no assessments in this browser yet."</p> }.into_any(),
        Ok(list) => view! {
            <table class="govuk-table" id="drafts">
                <caption class="govuk-table__caption govuk-table__caption--m">"Assessments in this browser"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Case reference"</th>
                        <th scope="col" class="govuk-table__header">"Rule set"</th>
                        <th scope="col" class="govuk-table__header">"Progress"</th>
                        <th scope="col" class="govuk-table__header">"Last saved"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {list.into_iter().map(|d| {
                        let href = crate::ui::route::Route::Tasks(d.id.clone()).href();
                        view! {
                            <tr class="govuk-table__row">
                                <td class="govuk-table__cell"><a class="govuk-link" href=href>{d.case_ref.clone()}</a></td>
                                <td class="govuk-table__cell">{d.rule_set_title.clone()}</td>
                                <td class="govuk-table__cell">{format!("{} of {} answered", d.answered, d.total)}</td>
                                <td class="govuk-table__cell">{browser::format_time(d.updated)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }.into_any(),
        Err(e) => view! {
            <div class="govuk-error-summary" role="alert"><div class="govuk-error-summary__body"><p class="govuk-body">{e}</p></div></div>
        }.into_any(),
    };
    view! {
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Your assessments"</h1>
        {(!storage_ok).then(|| view! {
            <div class="govuk-warning-text" id="storage-warning">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <strong class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning"</span>
                    "This browser does not let the page save drafts here (for example inside another site's page, or in a locked-down mode). You can still assess a case, but export it before you close the page."
                </strong>
            </div>
        })}
        <p class="govuk-body">"Assessments are saved in this browser as you work. They are not sent anywhere. To keep a copy or pass it on, export it as a file."</p>
        <a href="#/new" role="button" draggable="false" class="govuk-button" id="start-new">"Start a new assessment"</a>
        {rows}
    }
}
