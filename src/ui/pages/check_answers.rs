//! Check your answers: every applicable fact and question with its answer and a link to change it,
//! what is still to answer, what does not apply and why, suggestions the answer does not follow
//! (with the reason, if one was given), and answers to questions the rule set no longer has (retired).

use crate::engine::assessment::Assessment;
use crate::engine::draft::display_answer;
use crate::engine::model::{ItemIx, Kind};
use crate::engine::present::{not_followed, question_state, retired_answer, retired_answers};
use crate::ui::components::open_draft::OpenDraft;
use crate::ui::route::{item_href, Route};
use crate::ui::session::use_session;
use leptos::prelude::*;

/// Why item `ix` does not apply, as shown to the inspector (the quote, where to find it and what
/// the condition read), or `None` when it applies.
pub(crate) fn na_reason(a: &Assessment, ix: ItemIx) -> Option<String> {
    question_state(a, ix).na.map(|na| na.sentence())
}

/// An applicable question.
#[derive(Clone, PartialEq)]
struct Row {
    /// The printed id; empty for a case fact (fact ids are not shown).
    id: String,
    text: String,
    answer: Option<String>,
    optional: bool,
    note: Option<String>,
    href: String,
}

/// A question that does not apply.
#[derive(Clone, PartialEq)]
struct NaRow {
    /// The printed id; empty for a case fact.
    id: String,
    text: String,
    reason: String,
    excluded: Option<String>,
}

/// Facts, or one section.
#[derive(Clone, PartialEq)]
struct Part {
    title: String,
    rows: Vec<Row>,
    na: Vec<NaRow>,
}

/// A hint the inspector did not follow.
#[derive(Clone, PartialEq)]
struct Override {
    id: String,
    text: String,
    suggested: String,
    answer: String,
    reason: String,
    href: Option<String>,
}

#[derive(Clone, PartialEq)]
struct Data {
    case_ref: String,
    title: String,
    parts: Vec<Part>,
    overrides: Vec<Override>,
    retired: Vec<(String, String, Option<String>)>,
}

fn part(a: &Assessment, title: String, items: &[ItemIx]) -> Part {
    let mut rows = vec![];
    let mut na = vec![];
    for &ix in items {
        let item = &a.rules().items[ix];
        let shown_id = if item.kind == Kind::Fact {
            String::new()
        } else {
            item.id.to_string()
        };
        let shown = a
            .draft()
            .answers
            .get(item.id.as_str())
            .map(|x| display_answer(a.rules(), a.draft(), item, x));
        match na_reason(a, ix) {
            Some(reason) => na.push(NaRow {
                id: shown_id,
                text: item.text.clone(),
                reason,
                excluded: shown,
            }),
            None => rows.push(Row {
                id: shown_id,
                text: item.text.clone(),
                answer: a.eval().items[ix].answered.then_some(shown).flatten(),
                optional: item.optional,
                note: a.draft().notes.get(item.id.as_str()).cloned(),
                href: item_href(&a.draft().id, a.rules(), ix),
            }),
        }
    }
    Part { title, rows, na }
}

fn data(a: &Assessment) -> Data {
    let rules = a.rules();
    // Only the case facts asked: the others cannot change anything (and are not on the facts
    // page); judgement facts are listed after their question.
    let facts: Vec<ItemIx> = a.eval().relevance().asked_facts();
    let mut parts = vec![];
    if !facts.is_empty() {
        parts.push(part(a, "Case facts".into(), &facts));
    }
    for s in &rules.sections {
        parts.push(part(
            a,
            s.title.clone(),
            &rules.with_judgement_facts(&s.items),
        ));
    }
    let overrides = not_followed(a)
        .into_iter()
        .map(|n| {
            let item = n.ix.map(|ix| &rules.items[ix]);
            Override {
                text: item.map(|i| i.text.clone()).unwrap_or_default(),
                suggested: n.suggested,
                answer: match (item, a.draft().answers.get(n.id.as_str())) {
                    (Some(i), Some(x)) => display_answer(rules, a.draft(), i, x),
                    (None, Some(x)) => retired_answer(rules, a.draft(), &n.id, x).answer,
                    _ => "Not answered".into(),
                },
                reason: n.reason,
                href: n.ix.map(|ix| item_href(&a.draft().id, rules, ix)),
                id: n.id,
            }
        })
        .collect();
    let retired = retired_answers(rules, a.draft())
        .into_iter()
        .map(|r| {
            let note = a.draft().notes.get(r.id.as_str()).cloned();
            (r.question, r.answer, note)
        })
        .collect();
    Data {
        case_ref: a.draft().case_ref.clone(),
        title: rules.meta.title.clone(),
        parts,
        overrides,
        retired,
    }
}

/// Check your answers page.
#[component]
pub fn CheckAnswersPage(id: String) -> impl IntoView {
    let id2 = id.clone();
    view! {
        <OpenDraft id=id>
            <CheckAnswers id=id2.clone()/>
        </OpenDraft>
    }
}

/// A question's printed id before its text (nothing for a case fact).
fn id_span(id: &str) -> impl IntoView {
    (!id.is_empty()).then(|| view! { <span class="app-question__id">{id.to_string()}</span> })
}

fn row_view(r: Row) -> impl IntoView {
    let (action, value) = match &r.answer {
        Some(v) => ("Change", v.clone()),
        None if r.optional => ("Answer", "Not answered (optional)".to_string()),
        None => ("Answer", "Not yet answered".to_string()),
    };
    let unanswered = r.answer.is_none();
    view! {
        <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">
                {id_span(&r.id)}{r.text.clone()}
            </dt>
            <dd class="govuk-summary-list__value">
                <p class="govuk-body govuk-!-margin-bottom-0" class:app-unanswered=unanswered>{value}</p>
                {r.note.map(|n| view! { <p class="govuk-body-s app-note govuk-!-margin-top-2 govuk-!-margin-bottom-0"><strong>"Notes: "</strong>{n}</p> })}
            </dd>
            <dd class="govuk-summary-list__actions">
                <a class="govuk-link" href=r.href>{action}<span class="govuk-visually-hidden">{format!(" the answer to {}", if r.id.is_empty() { &r.text } else { &r.id })}</span></a>
            </dd>
        </div>
    }
}

fn part_view(n: usize, p: Part) -> impl IntoView {
    let heading = format!("part-{n}");
    let labelled_by = heading.clone();
    let na_count = p.na.len();
    let all_na = p.rows.is_empty() && na_count > 0;
    view! {
        <section class="app-check-part" aria-labelledby=labelled_by>
            <h2 class="govuk-heading-m" id=heading>{p.title}</h2>
            {if p.rows.is_empty() {
                view! { <p class="govuk-body">{if all_na { "Nothing in this part applies to this case." } else { "There is nothing to answer in this part." }}</p> }.into_any()
            } else {
                view! {
                    <dl class="govuk-summary-list">
                        {p.rows.into_iter().map(row_view).collect_view()}
                    </dl>
                }.into_any()
            }}
            {(na_count > 0).then(|| view! {
                <details class="govuk-details">
                    <summary class="govuk-details__summary">
                        <span class="govuk-details__summary-text">{format!("Not applicable to this case ({na_count})")}</span>
                    </summary>
                    <div class="govuk-details__text">
                        <dl class="govuk-summary-list govuk-summary-list--no-border app-na-list">
                            {p.na.into_iter().map(|r| view! {
                                <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
                                    <dt class="govuk-summary-list__key">{id_span(&r.id)}{r.text}</dt>
                                    <dd class="govuk-summary-list__value">
                                        <p class="govuk-body-s govuk-!-margin-bottom-0">{r.reason}</p>
                                        {r.excluded.map(|e| view! { <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">{format!("Earlier answer \u{201c}{e}\u{201d} kept but excluded.")}</p> })}
                                    </dd>
                                </div>
                            }).collect_view()}
                        </dl>
                    </div>
                </details>
            })}
        </section>
    }
}

#[component]
fn CheckAnswers(id: String) -> impl IntoView {
    let ctx = use_session();
    let data = Memo::new(move |_| ctx.current.with(|c| c.as_ref().map(data)));
    let tasks = Route::Tasks(id.clone()).href();
    let print = Route::Print(id.clone()).href();
    move || {
        data.get().map(|d| {
            let unanswered: Vec<(String, String, String, String)> = d
                .parts
                .iter()
                .flat_map(|p| {
                    p.rows
                        .iter()
                        .filter(|r| r.answer.is_none() && !r.optional)
                        .map(|r| (r.id.clone(), r.text.clone(), p.title.clone(), r.href.clone()))
                })
                .collect();
            let n = unanswered.len();
            view! {
                <a href=tasks.clone() class="govuk-back-link app-no-print">"Back to the task list"</a>
                <span class="govuk-caption-l">{format!("Case {} \u{2014} {}", d.case_ref, d.title)}</span>
                <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Check your answers"</h1>
                {if n == 0 {
                    view! { <p class="govuk-body" id="unanswered-summary">"Every applicable question has an answer."</p> }.into_any()
                } else {
                    view! {
                        <section class="govuk-inset-text" id="unanswered" aria-labelledby="unanswered-summary">
                            <h2 class="govuk-heading-s" id="unanswered-summary">{if n == 1 { "1 question is still to answer".to_string() } else { format!("{n} questions are still to answer") }}</h2>
                            <ul class="govuk-list govuk-list--bullet">
                                {unanswered.into_iter().map(|(id, text, place, href)| view! {
                                    <li><a class="govuk-link" href=href>{id_span(&id)}{text}</a>{format!(" ({place})")}</li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }.into_any()
                }}
                {d.parts.into_iter().enumerate().map(|(i, p)| part_view(i, p)).collect_view()}
                {(!d.overrides.is_empty()).then(|| view! {
                    <section aria-labelledby="overrides-heading" id="overrides">
                        <h2 class="govuk-heading-m" id="overrides-heading">"Suggestions you did not follow"</h2>
                        <dl class="govuk-summary-list">
                            {d.overrides.into_iter().map(|o| {
                                let id = o.id.clone();
                                let has_link = o.href.is_some();
                                view! {
                                    <div class="govuk-summary-list__row" class:govuk-summary-list__row--no-actions=!has_link>
                                        <dt class="govuk-summary-list__key"><span class="app-question__id">{o.id}</span>{o.text}</dt>
                                        <dd class="govuk-summary-list__value">
                                            <p class="govuk-body govuk-!-margin-bottom-1">{format!("Suggested: {}. Your answer: {}.", o.suggested, o.answer)}</p>
                                            <p class="govuk-body-s govuk-!-margin-bottom-0">{if o.reason.trim().is_empty() { "No reason given.".to_string() } else { format!("Your reason: {}", o.reason) }}</p>
                                        </dd>
                                        {o.href.map(|h| view! {
                                            <dd class="govuk-summary-list__actions">
                                                <a class="govuk-link" href=h>"Change"<span class="govuk-visually-hidden">{format!(" the answer to {id}")}</span></a>
                                            </dd>
                                        })}
                                    </div>
                                }
                            }).collect_view()}
                        </dl>
                    </section>
                })}
                {(!d.retired.is_empty()).then(|| view! {
                    <section aria-labelledby="retired-heading" id="retired">
                        <h2 class="govuk-heading-m" id="retired-heading">"Retired answers"</h2>
                        <p class="govuk-body">"These answers were recorded with an earlier version of the rule set, and this version can no longer take them: it no longer has the question, or no longer offers the answer. They are kept, and included in exports."</p>
                        <dl class="govuk-summary-list">
                            {d.retired.into_iter().map(|(id, answer, note)| view! {
                                <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
                                    <dt class="govuk-summary-list__key"><span class="app-question__id">{id}</span></dt>
                                    <dd class="govuk-summary-list__value">
                                        <p class="govuk-body govuk-!-margin-bottom-0">{answer}</p>
                                        {note.map(|n| view! { <p class="govuk-body-s app-note govuk-!-margin-top-2 govuk-!-margin-bottom-0"><strong>"Notes: "</strong>{n}</p> })}
                                    </dd>
                                </div>
                            }).collect_view()}
                        </dl>
                    </section>
                })}
                <div class="govuk-button-group app-no-print">
                    <a class="govuk-button" href=tasks.clone()>"Return to the task list"</a>
                    <a class="govuk-link" href=print.clone() id="check-print-link">"Print this assessment"</a>
                </div>
            }
        })
    }
}
