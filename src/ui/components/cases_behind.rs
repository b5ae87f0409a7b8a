//! The cases behind a figure: each one opens (a draft saved in this browser) or is shown read-only
//! (a case read from a file: a list of its answers, nothing stored).

use crate::engine::across::{Collection, Source};
use crate::engine::draft::display_answer;
use crate::ui::route::Route;
use leptos::prelude::*;
use std::sync::Arc;

/// What a figure is and its cases (indexes into the collection).
#[derive(Clone, Debug, PartialEq)]
pub struct Behind {
    /// The figure, in words ("2.1.19: positive").
    pub title: String,
    /// Its cases.
    pub cases: Vec<usize>,
}

/// A figure as a button that shows the cases behind it in `shown`.
pub fn figure_button(
    n: usize,
    title: String,
    cases: Vec<usize>,
    shown: RwSignal<Option<Behind>>,
) -> impl IntoView {
    let label = format!("{n}");
    let described = format!("{title}: show the {n} case(s)");
    view! {
        <button type="button" class="app-link-button" aria-label=described
            on:click=move |_| {
                shown.set(Some(Behind { title: title.clone(), cases: cases.clone() }));
                crate::ui::browser::focus("cases-behind");
            }>{label}</button>
    }
}

/// The list of the cases behind the figure chosen, and the read-only view of a case from a file.
#[component]
pub fn CasesBehind(
    /// The collection the figures come from.
    collection: Signal<Option<Arc<Collection>>>,
    /// The figure chosen.
    shown: RwSignal<Option<Behind>>,
) -> impl IntoView {
    let reading = RwSignal::new(None::<usize>);
    move || {
        let (Some(c), Some(b)) = (collection.get(), shown.get()) else {
            return ().into_any();
        };
        let c2 = c.clone();
        view! {
            <section class="govuk-!-margin-top-6 app-no-print" id="cases-behind" tabindex="-1" aria-labelledby="cases-behind-heading">
                <h2 class="govuk-heading-m" id="cases-behind-heading">{format!("The cases behind \u{201c}{}\u{201d}", b.title)}</h2>
                {if b.cases.is_empty() {
                    view! { <p class="govuk-body">"No cases."</p> }.into_any()
                } else {
                    view! {
                        <ul class="govuk-list govuk-list--bullet">
                            {b.cases.iter().map(|&i| {
                                let case = &c.cases[i];
                                match &case.source {
                                    Source::Local => {
                                        let href = Route::Tasks(case.draft().id.clone()).href();
                                        view! { <li><a class="govuk-link" href=href>{format!("Open {}", case.label)}</a></li> }.into_any()
                                    }
                                    Source::File(_) => view! {
                                        <li><button type="button" class="app-link-button" on:click=move |_| reading.set(Some(i))>{format!("View {} (read-only)", case.label)}</button></li>
                                    }.into_any(),
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {move || reading.get().and_then(|i| c2.cases.get(i).cloned()).map(|case| {
                    let a = &case.assessment;
                    let rules = a.rules().clone();
                    view! {
                        <div class="govuk-inset-text" id="read-only-case">
                            <h3 class="govuk-heading-s">{format!("{} (read-only, not stored)", case.label)}</h3>
                            <dl class="govuk-summary-list">
                                {rules.items.iter_enumerated().filter_map(|(ix, item)| {
                                    let answer = a.eval().answer(ix)?;
                                    let shown = display_answer(&rules, a.draft(), item, answer);
                                    let note = a.draft().notes.get(item.id.as_str()).cloned().unwrap_or_default();
                                    Some(view! {
                                        <div class="govuk-summary-list__row">
                                            <dt class="govuk-summary-list__key">{if item.id_inferred || item.kind == crate::engine::model::Kind::Fact { item.text.clone() } else { format!("{} {}", item.id, item.text) }}</dt>
                                            <dd class="govuk-summary-list__value">
                                                {shown}
                                                {(!note.is_empty()).then(|| view! { <p class="govuk-body-s">{format!("Note: {note}")}</p> })}
                                            </dd>
                                        </div>
                                    })
                                }).collect_view()}
                            </dl>
                            <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| reading.set(None)>"Close"</button>
                        </div>
                    }
                })}
            </section>
        }
        .into_any()
    }
}
