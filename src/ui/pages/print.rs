//! Print view: the whole assessment on A4, for paper or PDF. The case facts, then every section on
//! a new page with every question: id, text, answer, why it does not apply, notes. Nothing is cut:
//! long text wraps and flows onto the next page (see the print rules in `style/_app.scss`).

use super::check_answers::na_reason;
use crate::engine::assessment::Assessment;
use crate::engine::draft::display_answer;
use crate::engine::model::ItemIx;
use crate::engine::present::{retired_answers, section_na, tally_text, weight_text};
use crate::ui::browser;
use crate::ui::components::open_draft::OpenDraft;
use crate::ui::route::Route;
use crate::ui::session::use_session;
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
struct Q {
    id: String,
    kind: String,
    /// A weighed question's weight, in words.
    weight: Option<String>,
    /// A summary's tally, per weight class when the rule set has weights.
    tally: Option<String>,
    text: String,
    answer: String,
    na: Option<String>,
    note: Option<String>,
}

#[derive(Clone, PartialEq)]
struct Block {
    title: Option<String>,
    questions: Vec<Q>,
}

#[derive(Clone, PartialEq)]
struct Sec {
    title: String,
    na: Option<String>,
    blocks: Vec<Block>,
}

#[derive(Clone, PartialEq)]
struct Data {
    case_ref: String,
    rules_title: String,
    rules_version: String,
    licence: String,
    updated: f64,
    facts: Vec<Q>,
    sections: Vec<Sec>,
    retired: Vec<(String, String, Option<String>)>,
}

fn q(a: &Assessment, ix: ItemIx) -> Q {
    let item = &a.rules().items[ix];
    let na = na_reason(a, ix);
    let answer = match a.draft().answers.get(item.id.as_str()) {
        Some(x) if na.is_some() => format!(
            "Not applicable (earlier answer \u{201c}{}\u{201d} kept but excluded)",
            display_answer(a.rules(), a.draft(), item, x)
        ),
        Some(x) if a.eval().items[ix].answered => display_answer(a.rules(), a.draft(), item, x),
        _ if na.is_some() => "Not applicable".into(),
        _ => "Not answered".into(),
    };
    let rules = a.rules();
    Q {
        // A judgement fact's id is the rule file's, not printed in the guidance: shown by its label.
        id: if item.beside.is_some() {
            String::new()
        } else {
            item.id.to_string()
        },
        kind: match item.beside {
            Some(b) => format!("Your finding for {}", rules.items[b].id),
            None => item.kind.label().to_string(),
        },
        weight: weight_text(rules, ix),
        tally: a.eval().tallies[ix].as_ref().map(|t| tally_text(rules, t)),
        text: item.text.clone(),
        answer,
        na,
        note: a.draft().notes.get(item.id.as_str()).cloned(),
    }
}

fn data(a: &Assessment) -> Data {
    let rules = a.rules();
    let sections = rules
        .sections
        .iter_enumerated()
        .map(|(s, sec)| {
            let mut blocks = vec![Block {
                title: None,
                questions: sec
                    .items
                    .iter()
                    .filter(|ix| rules.items[**ix].group.is_none())
                    .flat_map(|ix| std::iter::once(*ix).chain(rules.judgement_facts(*ix)))
                    .map(|ix| q(a, ix))
                    .collect(),
            }];
            blocks.extend(sec.groups.iter().map(|g| {
                Block {
                    title: Some(rules.groups[*g].title.clone()).filter(|t| !t.is_empty()),
                    questions: rules
                        .with_judgement_facts(&rules.groups[*g].items)
                        .into_iter()
                        .map(|ix| q(a, ix))
                        .collect(),
                }
            }));
            let na = section_na(a, s).map(|na| na.sentence());
            Sec {
                title: sec.title.clone(),
                na,
                blocks,
            }
        })
        .collect();
    Data {
        case_ref: a.draft().case_ref.clone(),
        rules_title: rules.meta.title.clone(),
        rules_version: rules.meta.version.clone(),
        licence: rules.meta.licence.clone(),
        updated: a.draft().updated,
        // Only the case facts asked: the others cannot change anything (judgement facts are
        // printed after their question).
        facts: a
            .eval()
            .relevance()
            .asked_facts()
            .into_iter()
            .map(|ix| q(a, ix))
            .collect(),
        sections,
        retired: retired_answers(rules, a.draft())
            .into_iter()
            .map(|r| {
                let note = a.draft().notes.get(r.id.as_str()).cloned();
                (r.question, r.answer, note)
            })
            .collect(),
    }
}

/// Print view page.
#[component]
pub fn PrintPage(id: String) -> impl IntoView {
    let id2 = id.clone();
    view! {
        <OpenDraft id=id>
            <PrintView id=id2.clone()/>
        </OpenDraft>
    }
}

/// One question; its heading is an `h3`, or an `h4` under a key question's `h3`.
fn q_view(x: Q, under_group: bool) -> impl IntoView {
    let heading = view! {
        {(!x.id.is_empty()).then(|| view! { <span class="app-question__id">{x.id.clone()}</span> })}
        {x.text}
    };
    view! {
        <div class="app-print-question">
            {if under_group {
                view! { <h4 class="govuk-heading-s govuk-!-margin-bottom-1">{heading}</h4> }.into_any()
            } else {
                view! { <h3 class="govuk-heading-s govuk-!-margin-bottom-1">{heading}</h3> }.into_any()
            }}
            <dl class="govuk-summary-list govuk-summary-list--no-border app-print-list">
                <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
                    <dt class="govuk-summary-list__key">"Kind"</dt>
                    <dd class="govuk-summary-list__value">{x.kind}</dd>
                </div>
                {x.weight.map(|w| view! {
                    <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
                        <dt class="govuk-summary-list__key">"Weight"</dt>
                        <dd class="govuk-summary-list__value app-print-text">{w}</dd>
                    </div>
                })}
                {x.tally.map(|t| view! {
                    <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
                        <dt class="govuk-summary-list__key">"Tally"</dt>
                        <dd class="govuk-summary-list__value app-print-text">{t}</dd>
                    </div>
                })}
                <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
                    <dt class="govuk-summary-list__key">"Answer"</dt>
                    <dd class="govuk-summary-list__value app-print-text">{x.answer}</dd>
                </div>
                {x.na.map(|r| view! {
                    <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
                        <dt class="govuk-summary-list__key">"Why not applicable"</dt>
                        <dd class="govuk-summary-list__value app-print-text">{r}</dd>
                    </div>
                })}
                {x.note.map(|n| view! {
                    <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
                        <dt class="govuk-summary-list__key">"Notes and evidence"</dt>
                        <dd class="govuk-summary-list__value app-print-text app-print-notes">{n}</dd>
                    </div>
                })}
            </dl>
        </div>
    }
}

#[component]
fn PrintView(id: String) -> impl IntoView {
    let ctx = use_session();
    let data = Memo::new(move |_| ctx.current.with(|c| c.as_ref().map(data)));
    let tasks = Route::Tasks(id.clone()).href();
    let print = move |_| browser::print();
    move || {
        data.get().map(|d| {
            view! {
                <div class="app-print">
                    <a href=tasks.clone() class="govuk-back-link app-no-print">"Back to the task list"</a>
                    <span class="govuk-caption-l">{d.rules_title.clone()}</span>
                    <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">{format!("Case {}", d.case_ref)}</h1>
                    <div class="app-no-print">
                        <p class="govuk-body">"This page shows the whole assessment, ready to print or to save as a PDF. Each section starts on a new page."</p>
                        <button type="button" class="govuk-button" id="print-button" on:click=print>"Print"</button>
                    </div>
                    <dl class="govuk-summary-list govuk-summary-list--no-border app-print-list">
                        <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
                            <dt class="govuk-summary-list__key">"Rule set"</dt>
                            <dd class="govuk-summary-list__value">{format!("{} (version {})", d.rules_title, d.rules_version)}</dd>
                        </div>
                        <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
                            <dt class="govuk-summary-list__key">"Last changed"</dt>
                            <dd class="govuk-summary-list__value">{browser::format_time(d.updated)}</dd>
                        </div>
                    </dl>
                    {(!d.facts.is_empty()).then(|| view! {
                        <section class="app-print-facts" aria-labelledby="print-facts">
                            <h2 class="govuk-heading-l" id="print-facts">"Case facts"</h2>
                            {d.facts.into_iter().map(|mut f| { f.id.clear(); q_view(f, false) }).collect_view()}
                        </section>
                    })}
                    {d.sections.into_iter().enumerate().map(|(i, s)| view! {
                        <section class="app-print-section" aria-labelledby=format!("print-section-{i}")>
                            <h2 class="govuk-heading-l" id=format!("print-section-{i}")>{s.title}</h2>
                            {s.na.map(|r| view! { <p class="govuk-inset-text app-print-text">{r}</p> })}
                            {s.blocks.into_iter().map(|b| {
                                let under_group = b.title.is_some();
                                view! {
                                    {b.title.map(|t| view! { <h3 class="govuk-heading-m app-print-group">{t}</h3> })}
                                    {b.questions.into_iter().map(|x| q_view(x, under_group)).collect_view()}
                                }
                            }).collect_view()}
                        </section>
                    }).collect_view()}
                    {(!d.retired.is_empty()).then(|| view! {
                        <section class="app-print-section" aria-labelledby="print-retired">
                            <h2 class="govuk-heading-l" id="print-retired">"Retired answers"</h2>
                            <p class="govuk-body">"Answers recorded with an earlier version of the rule set that this version can no longer take."</p>
                            {d.retired.into_iter().map(|(id, answer, note)| q_view(Q { id, kind: "Retired".into(), weight: None, tally: None, text: String::new(), answer, na: None, note }, false)).collect_view()}
                        </section>
                    })}
                    <p class="govuk-body-s app-print-licence">{d.licence}</p>
                </div>
            }
        })
    }
}
