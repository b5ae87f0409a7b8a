//! Assessors compared on one case: answers side by side with differences marked (applicability
//! differences first), agreement per section and overall, Cohen's kappa for two, and a reference
//! (trainer) mode listing each trainee's differences with the reference's answer, note and guidance.
//! CSV and print. The figures are the engine's (`engine::across::compare`); this page renders them.

use crate::engine::across::{compare, comparison_csv, Agreement, Collection};
use crate::ui::browser;
use crate::ui::components::case_chooser::CaseChooser;
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;

fn agreement_text(a: Agreement) -> String {
    match a.percent() {
        Some(p) => format!(
            "{p}% ({} of {} questions answered alike)",
            a.alike, a.compared
        ),
        None => "No question to compare".into(),
    }
}

fn kappa_text(k: Option<f64>) -> String {
    k.map_or("Not available".into(), |k| format!("{k:.2}"))
}

/// The compare page.
#[component]
pub fn ComparePage() -> impl IntoView {
    let collection = RwSignal::new(None::<Arc<Collection>>);
    let chosen = RwSignal::new(BTreeSet::<usize>::new());
    let reference = RwSignal::new(None::<usize>);
    // New cases: choose those sharing a case reference (the first such group), else the first two.
    Effect::new(move |_| {
        let Some(c) = collection.get() else {
            return;
        };
        let pick: BTreeSet<usize> = c
            .shared_case_refs()
            .into_iter()
            .next()
            .map(|(_, v)| v.into_iter().collect())
            .unwrap_or_else(|| (0..c.cases.len().min(2)).collect());
        chosen.set(pick);
        reference.set(None);
    });
    let comparison = Signal::derive(move || {
        let c = collection.get()?;
        let which: Vec<usize> = chosen.get().into_iter().collect();
        (which.len() >= 2).then(|| {
            let cmp = compare(&c, &which, reference.get());
            (c, Arc::new(cmp))
        })
    });
    let download = move |_| {
        if let Some((c, cmp)) = comparison.get_untracked() {
            let name = format!("comparison-{}.csv", c.rules.meta.id);
            let _ = browser::download(&name, "text/csv", &comparison_csv(&c, &cmp));
        }
    };
    let print = move |_| browser::print();

    let pickers = move || {
        collection.get().filter(|c| !c.cases.is_empty()).map(|c| {
            let labels: Vec<(usize, String)> = c.cases.iter().enumerate().map(|(i, k)| (i, k.label.clone())).collect();
            let labels2 = labels.clone();
            view! {
                <div class="govuk-form-group app-no-print">
                    <fieldset class="govuk-fieldset">
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Assessments to compare (two or more of the same case)"</legend>
                        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                            {labels.into_iter().map(|(i, label)| {
                                let dom = format!("compare-{i}");
                                view! {
                                    <div class="govuk-checkboxes__item">
                                        <input class="govuk-checkboxes__input" id=dom.clone() type="checkbox"
                                            prop:checked=move || chosen.with(|s| s.contains(&i))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                chosen.update(|s| { if on { s.insert(i); } else { s.remove(&i); } });
                                                if !on && reference.get_untracked() == Some(i) { reference.set(None); }
                                            }/>
                                        <label class="govuk-label govuk-checkboxes__label" for=dom>{label}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                </div>
                <div class="govuk-form-group app-no-print">
                    <fieldset class="govuk-fieldset">
                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Reference assessment (the trainer's)"</legend>
                        <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
                            <div class="govuk-radios__item">
                                <input class="govuk-radios__input" id="reference-none" name="reference" type="radio"
                                    prop:checked=move || reference.get().is_none()
                                    on:change=move |_| reference.set(None)/>
                                <label class="govuk-label govuk-radios__label" for="reference-none">"No reference"</label>
                            </div>
                            {labels2.into_iter().map(|(i, label)| {
                                let dom = format!("reference-{i}");
                                view! {
                                    <div class="govuk-radios__item">
                                        <input class="govuk-radios__input" id=dom.clone() name="reference" type="radio"
                                            prop:checked=move || reference.get() == Some(i)
                                            on:change=move |_| { chosen.update(|s| { s.insert(i); }); reference.set(Some(i)); }/>
                                        <label class="govuk-label govuk-radios__label" for=dom>{label}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                </div>
            }
        })
    };

    let result = move || {
        let Some((c, cmp)) = comparison.get() else {
            return view! { <p class="govuk-body" id="choose-two">"Choose two or more assessments to compare."</p> }.into_any();
        };
        let rules = c.rules.clone();
        let labels: Vec<String> = cmp
            .cases
            .iter()
            .map(|&i| c.cases[i].label.clone())
            .collect();
        let ref_pos = cmp
            .reference
            .and_then(|r| cmp.cases.iter().position(|&i| i == r));
        let differing = cmp.rows.iter().filter(|r| r.differs).count();
        view! {
            <h2 class="govuk-heading-m">"Agreement"</h2>
            <p class="govuk-body" id="kappa-explained">"Agreement is the share of questions that apply for every assessor and that were answered alike. Cohen's kappa (for two assessors, on questions with one answer from a list) is that agreement corrected for the agreement expected by chance: 1 is full agreement, 0 no better than chance, below 0 worse than chance."</p>
            <table class="govuk-table" id="agreement">
                <caption class="govuk-table__caption govuk-table__caption--m">"Agreement per section"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Section"</th>
                        <th scope="col" class="govuk-table__header">"Answered alike"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {rules.sections.iter().zip(cmp.sections.iter()).filter(|(_, a)| a.compared > 0).map(|(s, a)| view! {
                        <tr class="govuk-table__row">
                            <th scope="row" class="govuk-table__header">{s.title.clone()}</th>
                            <td class="govuk-table__cell">{agreement_text(*a)}</td>
                        </tr>
                    }).collect_view()}
                    <tr class="govuk-table__row">
                        <th scope="row" class="govuk-table__header">"Overall"</th>
                        <td class="govuk-table__cell" id="overall-agreement">{agreement_text(cmp.overall)}</td>
                    </tr>
                    {(cmp.cases.len() == 2).then(|| view! {
                        <tr class="govuk-table__row">
                            <th scope="row" class="govuk-table__header">"Cohen's kappa"</th>
                            <td class="govuk-table__cell" id="kappa">{kappa_text(cmp.kappa)}</td>
                        </tr>
                    })}
                </tbody>
            </table>
            {(!cmp.trainees.is_empty()).then(|| {
                let rules = rules.clone();
                view! {
                    <h2 class="govuk-heading-m">"Against the reference"</h2>
                    {cmp.trainees.iter().map(|t| {
                        let rules = rules.clone();
                        view! {
                            <section class="govuk-!-margin-bottom-6" aria-label=format!("{} against the reference", c.cases[t.case].label)>
                                <h3 class="govuk-heading-s">{c.cases[t.case].label.clone()}</h3>
                                <p class="govuk-body">{format!("Agreement with the reference: {}; Cohen's kappa: {}.", agreement_text(t.agreement), kappa_text(t.kappa))}</p>
                                {if t.differing.is_empty() {
                                    view! { <p class="govuk-body">"No question answered differently."</p> }.into_any()
                                } else {
                                    view! {
                                        <table class="govuk-table">
                                            <caption class="govuk-table__caption govuk-table__caption--m">{format!("{} question(s) answered differently", t.differing.len())}</caption>
                                            <thead class="govuk-table__head">
                                                <tr class="govuk-table__row">
                                                    <th scope="col" class="govuk-table__header">"Question"</th>
                                                    <th scope="col" class="govuk-table__header">"Their answer"</th>
                                                    <th scope="col" class="govuk-table__header">"Reference answer and note"</th>
                                                    <th scope="col" class="govuk-table__header">"Guidance"</th>
                                                </tr>
                                            </thead>
                                            <tbody class="govuk-table__body">
                                                {t.differing.iter().map(|d| {
                                                    let item = &rules.items[d.ix];
                                                    let q = if item.kind == crate::engine::model::Kind::Fact { item.text.clone() } else { format!("{} {}", item.id, item.text) };
                                                    view! {
                                                        <tr class="govuk-table__row">
                                                            <th scope="row" class="govuk-table__header">{q}</th>
                                                            <td class="govuk-table__cell">{d.answer.clone()}</td>
                                                            <td class="govuk-table__cell">{d.reference_answer.clone()}{(!d.reference_note.is_empty()).then(|| view! { <p class="govuk-body-s">{format!("Note: {}", d.reference_note)}</p> })}</td>
                                                            <td class="govuk-table__cell"><p class="govuk-body-s app-guidance-quote">{d.guidance.clone()}</p></td>
                                                        </tr>
                                                    }
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    }.into_any()
                                }}
                            </section>
                        }
                    }).collect_view()}
                }
            })}
            <h2 class="govuk-heading-m">"Answers side by side"</h2>
            <p class="govuk-body" id="differences-count">{format!("{differing} question(s) differ. Questions that apply for one assessor and not another come first: the case facts were recorded differently, which explains other differences.")}</p>
            <div class="app-table-scroll" tabindex="0" role="region" aria-label="Answers side by side, scrollable">
            <table class="govuk-table" id="side-by-side">
                <caption class="govuk-table__caption govuk-table__caption--m">"Every question, each assessor's answer, note and suggestions not followed"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Question"</th>
                        <th scope="col" class="govuk-table__header">"Differs"</th>
                        {labels.iter().enumerate().map(|(p, l)| view! {
                            <th scope="col" class="govuk-table__header">{l.clone()}{(Some(p) == ref_pos).then_some(" (reference)")}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {cmp.rows.iter().map(|r| {
                        let item = &rules.items[r.ix];
                        let q = if item.kind == crate::engine::model::Kind::Fact { item.text.clone() } else { format!("{} {}", item.id, item.text) };
                        let mark = if r.applicability_differs { "Applies differently" } else if r.differs { "Differs" } else { "" };
                        view! {
                            <tr class=if r.differs { "govuk-table__row app-differs" } else { "govuk-table__row" }>
                                <th scope="row" class="govuk-table__header">{q}</th>
                                <td class="govuk-table__cell">{(!mark.is_empty()).then(|| view! { <strong class="govuk-tag govuk-tag--orange">{mark}</strong> })}</td>
                                {r.sides.iter().map(|s| {
                                    let a = if !s.applies { "Not applicable".to_string() } else { s.answer.clone().unwrap_or_else(|| "Not answered".into()) };
                                    view! {
                                        <td class="govuk-table__cell">
                                            {a}
                                            {(!s.note.is_empty()).then(|| view! { <p class="govuk-body-s">{format!("Note: {}", s.note)}</p> })}
                                            {s.not_followed.clone().map(|(sug, why)| view! { <p class="govuk-body-s">{format!("Suggested {sug}, not followed{}", if why.is_empty() { String::new() } else { format!(": {why}") })}</p> })}
                                        </td>
                                    }
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            <div class="govuk-button-group app-no-print">
                <button type="button" class="govuk-button govuk-button--secondary" id="compare-csv" on:click=download>"Download the comparison (CSV)"</button>
                <button type="button" class="govuk-button govuk-button--secondary" id="compare-print" on:click=print>"Print the comparison"</button>
            </div>
        }.into_any()
    };

    view! {
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Compare assessors"</h1>
        <p class="govuk-body">"Several people assess the same case: see where their answers differ. Choose the assessments saved in this browser, exported files, or both; files are read here and not stored."</p>
        <CaseChooser collection=collection/>
        {pickers}
        {result}
    }
}
