//! Opens the draft named in the address and shows its page once it is loaded; says why when it
//! cannot be opened, and shows the read-only notice when another tab edits the draft.

use crate::engine::draft::ExportFile;
use crate::storage::browser::store;
use crate::ui::browser;
use crate::ui::components::banner::NotificationBanner;
use crate::ui::session::use_session;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// Renders `children` once draft `id` is loaded; a message while loading or if it cannot be opened.
#[component]
pub fn OpenDraft(id: String, children: ChildrenFn) -> impl IntoView {
    let ctx = use_session();
    let app = use_app();
    ctx.open(id.clone());
    // Only whether the draft is loaded, not its content: the page is not rebuilt on every answer.
    let ready = Memo::new(move |_| {
        ctx.current
            .with(|c| c.as_ref().is_some_and(|a| a.draft().id == id))
    });
    let read_only = move || {
        ctx.read_only.get().map(|m| {
            view! {
                <NotificationBanner id="read-only" title="Read only">
                    <p class="govuk-notification-banner__heading">{m}</p>
                    <button type="button" class="govuk-button govuk-!-margin-bottom-0" id="take-over" on:click=move |_| ctx.take_over()>
                        "Edit in this tab instead"
                    </button>
                </NotificationBanner>
            }
        })
    };
    // The stored draft changed under this tab (another tab, an import) and the page now shows it.
    let notice = move || {
        ctx.notice.get().map(|m| {
            view! {
                <NotificationBanner id="draft-notice" title="Important">
                    <p class="govuk-notification-banner__heading" role="status">{m}</p>
                </NotificationBanner>
            }
        })
    };
    // A draft made with another version of its rule set: every answer is kept, some may be retired.
    let changed = Memo::new(move |_| {
        ctx.current.with(|c| {
            c.as_ref()
                .filter(|a| a.draft().rule_set.hash != a.rules().hash)
                .map(|a| {
                    (
                        a.draft().rule_set.version.clone(),
                        a.rules().meta.version.clone(),
                        a.draft().retired(a.rules()).len(),
                    )
                })
        })
    });
    let changed_view = move || {
        changed.get().map(|(was, now, retired)| {
            view! {
                <div class="govuk-inset-text" id="rules-changed">
                    {format!("This assessment was started with version {was} of its rule set; the app now has version {now}, which has changed since. Every answer is kept.")}
                    {(retired > 0).then(|| format!(" {retired} answer(s) are to questions this version no longer has: they are kept as retired answers, listed on the check answers page and included in exports."))}
                </div>
            }
        })
    };
    move || {
        if ready.get() {
            view! { {read_only} {notice} {changed_view} {children()} }.into_any()
        } else if let Some((e, draft)) = ctx.open_error.get() {
            let actions = draft.map(|d| {
                let id = d.id.clone();
                let export = move |_| {
                    let json = ExportFile::new(vec![d.clone()], browser::now()).to_json();
                    let _ = browser::download("assessment.json", "application/json", &json);
                };
                let delete = move |_| {
                    let sure = web_sys::window().and_then(|w| w.confirm_with_message("Delete this assessment from this browser? This cannot be undone.").ok()).unwrap_or(false);
                    if sure && store().delete(&id).is_ok() {
                        crate::ui::route::go(app.route, &crate::ui::route::Route::Home);
                    }
                };
                view! {
                    <p class="govuk-body">"Your answers are kept. You can export them, or delete the assessment."</p>
                    <div class="govuk-button-group">
                        <button type="button" class="govuk-button" id="export-orphan" on:click=export>"Export as JSON"</button>
                        <button type="button" class="govuk-button govuk-button--warning" on:click=delete>"Delete"</button>
                    </div>
                }
            });
            view! {
                <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"This assessment cannot be opened"</h1>
                <p class="govuk-body" id="open-error">{e}</p>
                {actions}
                <p class="govuk-body"><a class="govuk-link" href="#/">"Go to your assessments"</a></p>
            }
            .into_any()
        } else {
            view! { <p class="govuk-body">"Opening the assessment…"</p> }.into_any()
        }
    }
}
