//! Summary across assessments: per key question, by section, in how many of the cases it applied the
//! work was sufficient; per question, the answers given and the suggestions not followed. A filter by
//! case facts, a bar per key question, the cases behind every figure, CSV and print. Counts and
//! percentages only. The figures are the engine's (`engine::across`); this page renders them.

use crate::engine::across::{
    by_version, percent, summarise, summary_csv, Collection, Filter, KeyFigure, VersionFigures,
};
use crate::engine::model::ItemIx;
use crate::ui::browser;
use crate::ui::components::case_chooser::CaseChooser;
use crate::ui::components::cases_behind::{figure_button, Behind, CasesBehind};
use leptos::prelude::*;
use std::sync::Arc;

/// Width of a bar's drawing, in SVG units.
const BAR_WIDTH: f64 = 300.0;

/// A horizontal bar: positive, negative, neither and not answered, in proportion to the cases the key
/// question applies to. The table beside it is the accessible content; the bar has a text alternative.
fn bar(k: &KeyFigure, id: &str) -> impl IntoView {
    let whole = k.applies.len().max(1) as f64;
    let parts = [
        (k.positive.len(), "app-bar__positive"),
        (k.negative.len(), "app-bar__negative"),
        (k.other.len(), "app-bar__other"),
        (k.not_answered.len(), "app-bar__unanswered"),
    ];
    let mut x = 0.0;
    let rects: Vec<_> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, class)| {
            let w = *n as f64 / whole * BAR_WIDTH;
            let r = view! { <rect class=*class x=format!("{x:.1}") y="0" width=format!("{w:.1}") height="16"/> };
            x += w;
            r
        })
        .collect();
    let alt = format!(
        "{id}: {} positive, {} negative, {} neither, {} not answered, of {} cases where it applies",
        k.positive.len(),
        k.negative.len(),
        k.other.len(),
        k.not_answered.len(),
        k.applies.len()
    );
    view! {
        <svg class="app-bar" role="img" aria-label=alt viewBox=format!("0 0 {BAR_WIDTH} 16") width="150" height="16" preserveAspectRatio="none">
            <rect class="app-bar__track" x="0" y="0" width=format!("{BAR_WIDTH}") height="16"/>
            {rects}
        </svg>
    }
}

/// The summary page.
/// The key questions' figures per version of the rule set, shown when the cases were made with
/// more than one.
fn versions_view(
    c: &Collection,
    parts: Vec<VersionFigures>,
    shown: RwSignal<Option<Behind>>,
) -> impl IntoView {
    let rules = c.rules.clone();
    let keys: Vec<ItemIx> = parts
        .first()
        .map(|p| p.key_questions.iter().map(|k| k.ix).collect())
        .unwrap_or_default();
    let heads: Vec<String> = parts
        .iter()
        .map(|p| {
            format!(
                "Version {}{} ({} case(s))",
                p.version,
                if p.current { ", this app's" } else { "" },
                p.cases.len()
            )
        })
        .collect();
    view! {
        <section aria-labelledby="by-version-heading" id="by-version">
            <h2 class="govuk-heading-m" id="by-version-heading">"Key questions by version of the rule set"</h2>
            <p class="govuk-body">{format!(
                "These cases were made with {} versions of the rule set. Every case is read against version {} (answers by question; answers it no longer takes are listed above and not counted). Here each version's cases are counted apart: positive of those answered.",
                parts.len(), rules.meta.version
            )}</p>
            <table class="govuk-table app-summary-table">
                <caption class="govuk-table__caption govuk-table__caption--m">"Positive of those answered, by version of the rule set"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Key question"</th>
                        {heads.into_iter().map(|h| view! { <th scope="col" class="govuk-table__header govuk-table__header--numeric">{h}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {keys.into_iter().enumerate().map(|(k, ix)| {
                        let item = &rules.items[ix];
                        let id = item.id.clone();
                        view! {
                            <tr class="govuk-table__row">
                                <th scope="row" class="govuk-table__header">{format!("{} {}", item.id, item.text)}</th>
                                {parts.iter().map(|p| {
                                    let f = &p.key_questions[k];
                                    let title = format!("{id} positive, version {}", p.version);
                                    view! {
                                        <td class="govuk-table__cell govuk-table__cell--numeric">
                                            {match f.percent_positive() {
                                                Some(pct) => view! { {figure_button(f.positive.len(), title, f.positive.clone(), shown)}{format!(" of {} ({pct}%)", f.answered())} }.into_any(),
                                                None => view! { "None answered" }.into_any(),
                                            }}
                                        </td>
                                    }
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
pub fn SummaryPage() -> impl IntoView {
    let collection = RwSignal::new(None::<Arc<Collection>>);
    let filter = RwSignal::new(Vec::<(ItemIx, String)>::new());
    let shown = RwSignal::new(None::<Behind>);
    // A new choice of cases or filter: the cases listed belong to the old figures.
    Effect::new(move |_| {
        collection.track();
        filter.track();
        shown.set(None);
    });
    // The rule set changed: its facts differ.
    Effect::new(move |prev: Option<Option<String>>| {
        let id = collection.with(|c| c.as_ref().map(|c| c.rules.meta.id.to_string()));
        if prev.is_some_and(|p| p != id) {
            filter.set(vec![]);
        }
        id
    });
    let summary = Signal::derive(move || {
        collection.get().map(|c| {
            let f = Filter {
                conditions: filter.get(),
            };
            (c.clone(), Arc::new(summarise(&c, &f)))
        })
    });

    let download = move |_| {
        if let Some((c, s)) = summary.get_untracked() {
            let name = format!("summary-{}.csv", c.rules.meta.id);
            let _ = browser::download(&name, "text/csv", &summary_csv(&c, &s));
        }
    };
    let print = move |_| browser::print();

    let filters = move || {
        collection.get().map(|c| {
            let rules = c.rules.clone();
            let facts = c.filterable_facts();
            view! {
                <details class="govuk-details app-no-print" id="filter">
                    <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"Filter by case facts"</span></summary>
                    <div class="govuk-details__text">
                        {facts.into_iter().map(|(ix, values)| {
                            let item = &rules.items[ix];
                            let dom = format!("filter-{ix}");
                            view! {
                                <div class="govuk-form-group">
                                    <label class="govuk-label" for=dom.clone()>{item.text.clone()}</label>
                                    <select class="govuk-select" id=dom on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        filter.update(|f| {
                                            f.retain(|(i, _)| *i != ix);
                                            if !v.is_empty() { f.push((ix, v)); }
                                        });
                                    }>
                                        <option value="" selected=move || filter.with(|f| !f.iter().any(|(i, _)| *i == ix))>"Any"</option>
                                        {values.into_iter().map(|(v, label)| {
                                            let v2 = v.clone();
                                            view! { <option value=v selected=move || filter.with(|f| f.iter().any(|(i, x)| *i == ix && *x == v2))>{label}</option> }
                                        }).collect_view()}
                                    </select>
                                </div>
                            }
                        }).collect_view()}
                        <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| filter.set(vec![])>"Clear the filter"</button>
                    </div>
                </details>
            }
        })
    };

    let figures = move || {
        summary.get().map(|(c, s)| {
            let rules = c.rules.clone();
            let n = s.cases.len();
            let by_section: Vec<(String, Vec<KeyFigure>)> = rules
                .sections
                .iter_enumerated()
                .map(|(si, sec)| {
                    (
                        sec.title.clone(),
                        s.key_questions.iter().filter(|k| k.section == Some(si)).cloned().collect::<Vec<_>>(),
                    )
                })
                .filter(|(_, ks)| !ks.is_empty())
                .collect();
            let all = s.cases.clone();
            view! {
                <p class="govuk-body-l" id="filter-stated">{format!("{}: {n} case(s).", s.filter)}</p>
                <p class="govuk-body">{figure_button(n, "All cases counted".into(), all, shown)}" case(s) counted. Each figure below shows the cases behind it."</p>
                <h2 class="govuk-heading-m">"Key questions"</h2>
                {by_section.into_iter().map(|(title, ks)| {
                    let rules = rules.clone();
                    view! {
                        <table class="govuk-table app-summary-table">
                            <caption class="govuk-table__caption govuk-table__caption--m">{title}</caption>
                            <thead class="govuk-table__head">
                                <tr class="govuk-table__row">
                                    <th scope="col" class="govuk-table__header">"Key question"</th>
                                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Applies"</th>
                                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Positive"</th>
                                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Negative"</th>
                                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Neither"</th>
                                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Not answered"</th>
                                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Positive of those answered"</th>
                                    <th scope="col" class="govuk-table__header">"Picture"</th>
                                </tr>
                            </thead>
                            <tbody class="govuk-table__body">
                                {ks.into_iter().map(|k| {
                                    let item = &rules.items[k.ix];
                                    let id = item.id.clone();
                                    let fig = |what: &str, cases: &Vec<usize>| figure_button(cases.len(), format!("{id} {what}"), cases.clone(), shown);
                                    let pct = match k.percent_positive() {
                                        Some(p) => format!("{p}% (of {})", k.answered()),
                                        None => "None answered".into(),
                                    };
                                    view! {
                                        <tr class="govuk-table__row">
                                            <th scope="row" class="govuk-table__header">{format!("{} {}", item.id, item.text)}</th>
                                            <td class="govuk-table__cell govuk-table__cell--numeric">{fig("applies", &k.applies)}</td>
                                            <td class="govuk-table__cell govuk-table__cell--numeric">{fig("positive", &k.positive)}</td>
                                            <td class="govuk-table__cell govuk-table__cell--numeric">{fig("negative", &k.negative)}</td>
                                            <td class="govuk-table__cell govuk-table__cell--numeric">{fig("neither", &k.other)}</td>
                                            <td class="govuk-table__cell govuk-table__cell--numeric">{fig("not answered", &k.not_answered)}</td>
                                            <td class="govuk-table__cell govuk-table__cell--numeric">{pct}</td>
                                            <td class="govuk-table__cell">{bar(&k, &id)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                }).collect_view()}
                {(c.versions.len() > 1).then(|| versions_view(&c, by_version(&c, &s), shown))}
                <details class="govuk-details" id="every-question">
                    <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"Every question: the answers given"</span></summary>
                    <div class="govuk-details__text">
                        <table class="govuk-table app-summary-table">
                            <caption class="govuk-table__caption govuk-table__caption--m">"Answers per question, among the cases where it applies"</caption>
                            <thead class="govuk-table__head">
                                <tr class="govuk-table__row">
                                    <th scope="col" class="govuk-table__header">"Question"</th>
                                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Applies"</th>
                                    <th scope="col" class="govuk-table__header">"Answers"</th>
                                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Not answered"</th>
                                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Suggestion not followed"</th>
                                </tr>
                            </thead>
                            <tbody class="govuk-table__body">
                                {s.questions.iter().map(|q| {
                                    let item = &rules.items[q.ix];
                                    let id = item.id.clone();
                                    let applies = q.applies.len();
                                    view! {
                                        <tr class="govuk-table__row">
                                            <th scope="row" class="govuk-table__header">{format!("{} {}", item.id, item.text)}</th>
                                            <td class="govuk-table__cell govuk-table__cell--numeric">{figure_button(applies, format!("{id} applies"), q.applies.clone(), shown)}</td>
                                            <td class="govuk-table__cell">
                                                <ul class="govuk-list">
                                                    {q.answers.iter().map(|a| {
                                                        let p = percent(a.cases.len(), applies).map_or(String::new(), |p| format!(" ({p}%)"));
                                                        view! { <li>{format!("{}: ", a.label)}{figure_button(a.cases.len(), format!("{id} answered {}", a.label), a.cases.clone(), shown)}{p}</li> }
                                                    }).collect_view()}
                                                </ul>
                                            </td>
                                            <td class="govuk-table__cell govuk-table__cell--numeric">{figure_button(q.not_answered.len(), format!("{id} not answered"), q.not_answered.clone(), shown)}</td>
                                            <td class="govuk-table__cell govuk-table__cell--numeric">{figure_button(q.not_followed.len(), format!("{id} suggestion not followed"), q.not_followed.clone(), shown)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </details>
                <div class="govuk-button-group app-no-print">
                    <button type="button" class="govuk-button govuk-button--secondary" id="summary-csv" on:click=download>"Download the summary (CSV)"</button>
                    <button type="button" class="govuk-button govuk-button--secondary" id="summary-print" on:click=print>"Print the summary"</button>
                </div>
            }
        })
    };

    view! {
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Summary across assessments"</h1>
        <p class="govuk-body">"Choose assessments saved in this browser, exported files, or both. For each key question you see in how many of the cases it applied the answer was positive. Files are read here and not stored."</p>
        <p class="govuk-body" id="no-ratings">"Counts and percentages only: this page gives no rating (such as Outstanding to Inadequate), because the rule sets print no rule for one."</p>
        <CaseChooser collection=collection/>
        {filters}
        {figures}
        <CasesBehind collection=Signal::derive(move || collection.get()) shown=shown/>
    }
}
