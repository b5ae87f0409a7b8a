//! Start an assessment: choose a rule set and give a case reference.

use crate::ui::session::use_session;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The first line of a message (a rule file's error report follows it on the next lines).
fn first_line(m: &str) -> &str {
    m.split('\n').next().unwrap_or(m)
}

/// Start a new assessment.
#[component]
pub fn NewAssessmentPage() -> impl IntoView {
    let ctx = use_app();
    let session = use_session();
    let chosen = RwSignal::new(String::new());
    let case_ref = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<(&'static str, String)>::new());
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut errs = Vec::new();
        if chosen.get_untracked().is_empty() {
            errs.push((
                "rule-set-0",
                "Choose the rule set to assess against".to_string(),
            ));
        }
        if case_ref.get_untracked().trim().is_empty() {
            errs.push(("case-ref", "Enter a case reference".to_string()));
        }
        let has_errors = !errs.is_empty();
        errors.set(errs);
        if has_errors {
            leptos::task::spawn_local(async { crate::ui::browser::focus("error-summary") });
            return;
        }
        let Some(entry) = ctx.entry(&chosen.get_untracked()) else {
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            if let Err(e) = session
                .create(entry, case_ref.get_untracked().trim().to_string())
                .await
            {
                errors.set(vec![("rule-set-0", e)]);
            }
            busy.set(false);
        });
    };

    let error_for = move |field: &'static str| {
        errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()))
    };

    let options = move || {
        match ctx.catalogue.get() {
        None => view! { <p class="govuk-body">"Loading the rule sets…"</p> }.into_any(),
        Some(Err(e)) => view! { <p class="govuk-body govuk-error-message">{format!("The list of rule sets cannot be read: {e}")}</p> }.into_any(),
        Some(Ok(list)) => list
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                let id = e.id.clone();
                let id2 = e.id.clone();
                let input_id = format!("rule-set-{i}");
                let hint_id = format!("rule-set-{i}-hint");
                view! {
                    <div class="govuk-radios__item">
                        <input class="govuk-radios__input" id=input_id.clone() name="rule-set" type="radio" value=id.clone()
                            aria-describedby=hint_id.clone()
                            prop:checked=move || chosen.get() == id
                            on:change=move |_| chosen.set(id2.clone())/>
                        <label class="govuk-label govuk-radios__label" for=input_id>{e.title.clone()}</label>
                        <div id=hint_id class="govuk-hint govuk-radios__hint">
                            {format!("{}, {}. {}", e.publisher, e.date, e.covers)}
                        </div>
                    </div>
                }
            })
            .collect_view()
            .into_any(),
    }
    };

    view! {
        <a href="#/" class="govuk-back-link">"Back"</a>
        {move || (!errors.get().is_empty()).then(|| view! {
            <div class="govuk-error-summary" id="error-summary" tabindex="-1" data-module="govuk-error-summary">
                <div role="alert">
                    <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                    <div class="govuk-error-summary__body">
                        <ul class="govuk-list govuk-error-summary__list">
                            {errors.get().into_iter().map(|(f, m)| view! { <li><a href=format!("#{f}")>{first_line(&m).to_string()}</a></li> }).collect_view()}
                        </ul>
                    </div>
                </div>
            </div>
        })}
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Start a new assessment"</h1>
        <form novalidate on:submit=submit>
            <div class="govuk-form-group" class:govuk-form-group--error=move || error_for("rule-set-0").is_some()>
                <fieldset class="govuk-fieldset">
                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">"Which rule set are you assessing against?"</legend>
                    {move || error_for("rule-set-0").map(|m| {
                        // A rule file's error report (after the first line) keeps its lines, so each
                        // caret stays under the column it points at.
                        let report = m.split_once('\n').map(|(_, r)| r.to_string());
                        view! {
                            <p class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{first_line(&m).to_string()}</p>
                            {report.map(|r| view! { <pre class="app-report">{r}</pre> })}
                        }
                    })}
                    <div class="govuk-radios" data-module="govuk-radios">{options}</div>
                </fieldset>
            </div>
            <div class="govuk-form-group" class:govuk-form-group--error=move || error_for("case-ref").is_some()>
                <h2 class="govuk-label-wrapper">
                    <label class="govuk-label govuk-label--m" for="case-ref">"Case reference"</label>
                </h2>
                <div id="case-ref-hint" class="govuk-hint">
                    "Use your own reference for the case, such as a sample number. Do not enter names or any other personal data."
                </div>
                {move || error_for("case-ref").map(|m| view! { <p class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{m}</p> })}
                <input class="govuk-input govuk-input--width-20" id="case-ref" name="case-ref" type="text" autocomplete="off" spellcheck="false"
                    aria-describedby="case-ref-hint"
                    prop:value=move || case_ref.get()
                    on:input=move |ev| case_ref.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="govuk-button" id="create" prop:disabled=move || busy.get()>"Continue"</button>
        </form>
    }
}
