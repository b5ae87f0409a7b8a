//! The page for an address that matches nothing.
use leptos::prelude::*;

/// Page not found.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Page not found"</h1>
        <p class="govuk-body">"If you typed the web address, check it is correct."</p>
        <p class="govuk-body"><a class="govuk-link" href="#/">"Go to your assessments"</a></p>
    }
}
