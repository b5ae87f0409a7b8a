//! The app shell: GOV.UK header and footer, the hash router and the page switch.

use super::components::search::{jump_to, SearchBox};
use super::pages;
use super::route::Route;
use super::session::Session;
use super::state::AppCtx;
use leptos::prelude::*;

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    // In a `<case-assessor>` element the route lives in memory: the address is the host page's.
    let embed = use_context::<super::embed::Embed>();
    let ctx = AppCtx::new(match embed {
        Some(_) => Route::Home,
        None => Route::parse(&current_hash()),
    });
    provide_context(ctx);
    let session = Session::new(ctx);
    provide_context(session);
    // Leaving a draft's pages ends its session (saved, lock released, dropped from memory). The
    // draft pages open theirs.
    Effect::new(move |_| {
        let route = ctx.route.get();
        if session
            .open_id()
            .is_some_and(|id| route.draft() != Some(id.as_str()))
        {
            session.end();
        }
    });
    super::embed::report(session);
    if embed.is_none() {
        let handle = window_event_listener(leptos::ev::hashchange, move |_| {
            let hash = current_hash();
            let route = Route::parse(&hash);
            // Only an anchor changed (a jump within the page): keep the page as it is.
            if ctx.route.get_untracked() != route {
                ctx.route.set(route);
            }
            // After a navigation, focus the main heading so screen readers announce the new page, or
            // the question the address points to (`#/draft/x/section/s#q-2-1-11`).
            leptos::task::spawn_local(async move {
                match super::route::anchor(&hash) {
                    Some(a) => jump_to(a),
                    None => super::browser::focus("main-heading"),
                }
            });
        });
        if let Some(a) = super::route::anchor(&current_hash()) {
            jump_to(a);
        }
        on_cleanup(move || handle.remove());
    }

    let page = move || match ctx.route.get() {
        Route::Home => pages::home::HomePage().into_any(),
        Route::New => pages::new_assessment::NewAssessmentPage().into_any(),
        Route::Tasks(id) => view! { <pages::task_list::TaskListPage id=id/> }.into_any(),
        Route::Facts(id) => view! { <pages::section::SectionPage id=id section=None/> }.into_any(),
        Route::Section(id, s) => {
            view! { <pages::section::SectionPage id=id section=Some(s)/> }.into_any()
        }
        Route::Check(id) => view! { <pages::check_answers::CheckAnswersPage id=id/> }.into_any(),
        Route::Print(id) => view! { <pages::print::PrintPage id=id/> }.into_any(),
        Route::Summary => pages::summary::SummaryPage().into_any(),
        Route::Compare => pages::compare::ComparePage().into_any(),
        Route::NotFound => pages::not_found::NotFoundPage().into_any(),
    };

    let shell = view! {
        <a href="#main-content" class="govuk-skip-link app-no-print">"Skip to main content"</a>
        <section aria-label="Service information" class="govuk-service-navigation">
            <div class="govuk-width-container">
                <div class="govuk-service-navigation__container">
                    <span class="govuk-service-navigation__service-name">
                        <a href="#/" class="govuk-service-navigation__link">"Case Assessor"</a>
                    </span>
                    <nav aria-label="Menu" class="govuk-service-navigation__wrapper app-no-print">
                        <ul class="govuk-service-navigation__list" id="navigation">
                            <li class="govuk-service-navigation__item">
                                <a class="govuk-service-navigation__link" href="#/">"Your assessments"</a>
                            </li>
                            <li class="govuk-service-navigation__item">
                                <a class="govuk-service-navigation__link" href="#/new">"Start a new assessment"</a>
                            </li>
                            <li class="govuk-service-navigation__item">
                                <a class="govuk-service-navigation__link" href="#/summary">"Summary across assessments"</a>
                            </li>
                            <li class="govuk-service-navigation__item">
                                <a class="govuk-service-navigation__link" href="#/compare">"Compare assessors"</a>
                            </li>
                        </ul>
                    </nav>
                </div>
            </div>
        </section>
        <div class="govuk-width-container">
            <div class="govuk-phase-banner app-no-print">
                <p class="govuk-phase-banner__content">
                    <strong class="govuk-tag govuk-phase-banner__content__tag">"Beta"</strong>
                    <span class="govuk-phase-banner__text">
                        "Everything you enter stays in this browser. Nothing is sent anywhere."
                    </span>
                </p>
            </div>
            <super::offline::UpdateBanner/>
            <SearchBox/>
            <main class="govuk-main-wrapper" id="main-content" role="main">
                {page}
            </main>
        </div>
        <footer class="govuk-footer app-no-print">
            <div class="govuk-width-container">
                <p class="govuk-footer__meta-custom">
                    "Rule sets quote guidance published by HM Inspectorate of Probation under the Open Government Licence v3.0."
                </p>
            </div>
        </footer>
    };
    match embed {
        Some(e) => super::embed::frame(ctx, e, shell.into_any()).into_any(),
        None => shell.into_any(),
    }
}
