//! The save status line ("Saved at 10:42", "Not saved"), announced to screen readers.

use crate::ui::browser;
use crate::ui::state::{use_app, SaveState};
use leptos::prelude::*;

/// Save status of the open draft, with a download when saving failed.
#[component]
pub fn SaveStatus() -> impl IntoView {
    let ctx = use_app();
    let download = move |_| {
        if let Some(json) = ctx.current.with_untracked(|c| {
            c.as_ref().map(|a| {
                crate::engine::draft::ExportFile::new(vec![a.draft.clone()], browser::now())
                    .to_json()
            })
        }) {
            let _ = browser::download("assessment.json", "application/json", &json);
        }
    };
    view! {
        <div class="app-save-status app-no-print" role="status" aria-live="polite" id="save-status">
            {move || match ctx.save.get() {
                SaveState::Idle => view! { <p class="govuk-body-s">"Changes are saved in this browser as you work."</p> }.into_any(),
                SaveState::Saving => view! { <p class="govuk-body-s">"Saving\u{2026}"</p> }.into_any(),
                SaveState::Saved(t) => view! { <p class="govuk-body-s">{format!("Saved at {}", browser::format_clock(t))}</p> }.into_any(),
                SaveState::Failed(e) => view! {
                    <div class="govuk-warning-text">
                        <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                        <strong class="govuk-warning-text__text">
                            <span class="govuk-visually-hidden">"Warning"</span>
                            {format!("Not saved: {e}. Your work is kept on this page until you close it. ")}
                        </strong>
                    </div>
                    <button type="button" class="govuk-button govuk-button--warning" on:click=download id="download-unsaved">
                        "Download this assessment"
                    </button>
                }.into_any(),
            }}
        </div>
    }
}
