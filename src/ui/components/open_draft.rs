//! Opens the draft named in the address and shows its page once it is loaded.

use crate::ui::state::use_app;
use leptos::prelude::*;

/// Renders `children` once draft `id` is loaded; a message while loading or if it cannot be opened.
#[component]
pub fn OpenDraft(id: String, children: ChildrenFn) -> impl IntoView {
    let ctx = use_app();
    ctx.open(id.clone());
    // Only whether the draft is loaded, not its content: the page is not rebuilt on every answer.
    let ready = Memo::new(move |_| {
        ctx.current
            .with(|c| c.as_ref().is_some_and(|a| a.draft.id == id))
    });
    move || {
        if ready.get() {
            children().into_any()
        } else if let Some(e) = ctx.open_error.get() {
            view! {
                <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"This assessment cannot be opened"</h1>
                <p class="govuk-body" id="open-error">{e}</p>
                <p class="govuk-body"><a class="govuk-link" href="#/">"Go to your assessments"</a></p>
            }
            .into_any()
        } else {
            view! { <p class="govuk-body">"Opening the assessment…"</p> }.into_any()
        }
    }
}
