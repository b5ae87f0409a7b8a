//! The search box of an open assessment: finds facts and questions by id, text or guidance (see
//! `engine::search`) and lists them as links that jump to the question. Results are announced.

use crate::engine::search::search;
use crate::ui::route::item_href;
use crate::ui::session::use_session;
use crate::ui::state::use_app;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Most results listed.
const MAX_SHOWN: usize = 50;

/// One result as shown.
#[derive(Clone, PartialEq)]
struct Hit {
    id: String,
    text: String,
    place: String,
    href: String,
}

/// Scrolls to the element `dom_id` and moves focus to it, once it is on the page (a page can take a
/// moment to render after a navigation, or to load after a reload): tries for about five seconds.
pub fn jump_to(dom_id: String) {
    fn attempt(dom_id: String, left: u32) {
        let el = crate::ui::browser::element_by_id(&dom_id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        match el {
            Some(el) => {
                if !el.has_attribute("tabindex") {
                    let _ = el.set_attribute("tabindex", "-1");
                }
                el.scroll_into_view();
                let _ = el.focus();
            }
            None if left > 0 => set_timeout(
                move || attempt(dom_id, left - 1),
                std::time::Duration::from_millis(50),
            ),
            None => {}
        }
    }
    attempt(dom_id, 100);
}

/// Search box; shows only while the assessment named in the address is open.
#[component]
pub fn SearchBox() -> impl IntoView {
    let ctx = use_app();
    let session = use_session();
    let query = RwSignal::new(String::new());
    // (query searched, total found, hits shown)
    let results: RwSignal<Option<(String, usize, Vec<Hit>)>> = RwSignal::new(None);
    let open = Memo::new(move |_| {
        let route = ctx.route.get();
        route.draft().is_some_and(|d| {
            session
                .current
                .with(|c| c.as_ref().is_some_and(|a| a.draft().id == d))
        })
    });
    // A result was followed (or any other navigation): the list has done its job.
    let handle = window_event_listener(leptos::ev::hashchange, move |_| results.set(None));
    on_cleanup(move || handle.remove());

    let run = move || {
        let q = query.get_untracked();
        let found = session.current.with_untracked(|c| {
            c.as_ref().map(|a| {
                let all = search(a.rules(), &q);
                let total = all.len();
                let hits = all
                    .into_iter()
                    .take(MAX_SHOWN)
                    .map(|(ix, _)| {
                        let item = &a.rules().items[ix];
                        Hit {
                            // Fact ids are not printed anywhere: a fact shows by its label.
                            id: if item.kind == crate::engine::model::Kind::Fact {
                                String::new()
                            } else {
                                item.id.to_string()
                            },
                            text: item.text.clone(),
                            place: item
                                .section
                                .and_then(|s| a.rules().sections.get(s))
                                .map_or_else(|| "Case facts".to_string(), |s| s.title.clone()),
                            href: item_href(&a.draft().id, a.rules(), ix),
                        }
                    })
                    .collect::<Vec<_>>();
                (total, hits)
            })
        });
        results.set(found.map(|(total, hits)| (q.trim().to_string(), total, hits)));
    };

    let status = move || {
        results.with(|r| match r {
            None => String::new(),
            Some((q, _, _)) if q.is_empty() => {
                "Enter a question id or some words to search for.".to_string()
            }
            Some((q, 0, _)) => format!("No questions match \u{201c}{q}\u{201d}."),
            Some((q, 1, _)) => format!("1 question matches \u{201c}{q}\u{201d}."),
            Some((q, n, _)) if *n > MAX_SHOWN => {
                format!(
                    "{n} questions match \u{201c}{q}\u{201d}. The first {MAX_SHOWN} are listed."
                )
            }
            Some((q, n, _)) => format!("{n} questions match \u{201c}{q}\u{201d}."),
        })
    };

    let list = move || {
        let hits = results.with(|r| r.as_ref().map(|r| r.2.clone()).unwrap_or_default());
        (!hits.is_empty()).then(|| {
            view! {
                <ol class="govuk-list app-search__results" id="search-results" aria-label="Search results">
                    {hits.into_iter().map(|h| view! {
                        <li>
                            <a class="govuk-link" href=h.href>
                                {(!h.id.is_empty()).then(|| view! { <span class="app-question__id">{h.id.clone()}</span> })}
                                {h.text}
                            </a>
                            <span class="govuk-body-s app-search__place">{format!(" ({})", h.place)}</span>
                        </li>
                    }).collect_view()}
                </ol>
            }
        })
    };

    move || {
        open.get().then(|| {
            view! {
                <div class="app-search app-no-print">
                    <form role="search" aria-label="Questions and guidance" novalidate
                        on:submit=move |ev| { ev.prevent_default(); run(); }>
                        <div class="govuk-form-group govuk-!-margin-bottom-2">
                            <label class="govuk-label govuk-label--s" for="search-input">"Search questions and guidance"</label>
                            <div class="govuk-hint" id="search-hint">"A question id such as 2.1.11, or words from a question or its guidance"</div>
                            <div class="app-search__row">
                                <input class="govuk-input app-search__input" id="search-input" name="q" type="search"
                                    spellcheck="false" aria-describedby="search-hint"
                                    prop:value=move || query.get()
                                    on:input=move |ev| query.set(event_target_value(&ev))
                                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                        if ev.key() == "Escape" { results.set(None); }
                                    }/>
                                <button type="submit" class="govuk-button govuk-button--secondary app-search__button" id="search-button">"Search"</button>
                            </div>
                        </div>
                    </form>
                    <p class="govuk-body-s app-search__status" role="status" aria-live="polite" id="search-status">{status}</p>
                    {list}
                </div>
            }
        })
    }
}
