//! The save status line ("Saved at 10:42", "Not saved"), announced to screen readers.

use crate::ui::browser;
use crate::ui::session::{use_session, SaveState};
use leptos::prelude::*;

/// Save status of the open draft, with a download when saving failed.
#[component]
pub fn SaveStatus() -> impl IntoView {
    let ctx = use_session();
    let download = move |_| {
        if let Some(json) = ctx.current.with_untracked(|c| {
            c.as_ref().map(|a| {
                crate::engine::draft::ExportFile::new(vec![a.draft().clone()], browser::now())
                    .to_json()
            })
        }) {
            let _ = browser::download("assessment.json", "application/json", &json);
        }
    };
    // The line's element is built once; "Saving..." and "Saved at ..." replace its text only. The
    // warning and its download are built when saving fails.
    let failed = Memo::new(move |_| match ctx.save.get() {
        SaveState::Failed(e) => Some(e),
        _ => None,
    });
    let line = move || match ctx.save.get() {
        SaveState::Idle => "Changes are saved in this browser as you work.".to_string(),
        SaveState::Saving => "Saving\u{2026}".to_string(),
        SaveState::Saved(t) => format!("Saved at {}", browser::format_clock(t)),
        SaveState::Failed(_) => String::new(),
    };
    view! {
        <div class="app-save-status app-no-print" class:app-save-status--failed=move || failed.with(Option::is_some) role="status" aria-live="polite" id="save-status">
            {move || match failed.get() {
                None => view! { <p class="govuk-body-s">{line}</p> }.into_any(),
                Some(e) => view! {
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
