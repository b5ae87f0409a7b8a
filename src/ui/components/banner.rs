//! A GOV.UK notification banner: a region named by its title, with the message and any actions.

use leptos::prelude::*;

/// A notification banner with id `id` and title `title` (its accessible name); `children` are its
/// content (a heading paragraph, then any text and buttons). `no_print` leaves it out of print.
#[component]
pub fn NotificationBanner(
    id: &'static str,
    title: &'static str,
    #[prop(optional)] no_print: bool,
    children: Children,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <div class="govuk-notification-banner" class:app-no-print=no_print role="region" aria-labelledby=labelled_by id=id>
            <div class="govuk-notification-banner__header">
                <h2 class="govuk-notification-banner__title" id=title_id>{title}</h2>
            </div>
            <div class="govuk-notification-banner__content">{children()}</div>
        </div>
    }
}
