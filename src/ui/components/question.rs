//! One question (or case fact): id, kind, text, answer control, applicability with its reason,
//! hints, the tally of a summary judgement, guidance and a notes box.

use super::answer_control::AnswerControl;
use super::guidance::Guidance;
use crate::engine::draft::Answer;
use crate::engine::evaluate::Tally;
use crate::engine::evaluate::Weighed;
use crate::engine::model::{AnswerType, ItemIx, Kind, RuleSet, SourceQuote};
use crate::engine::present::{
    cite_item, question_state, tally_by_weight, weight_text, HintView, Input,
};
use crate::ui::route::{item_href, question_dom_id};
use crate::ui::session::use_session;
use leptos::prelude::*;
use std::sync::Arc;

/// "Based on:" what the inspector recorded, each linked to where it is recorded.
pub(crate) fn inputs_view(inputs: Vec<Input>, draft: &str, rules: &RuleSet) -> impl IntoView {
    (!inputs.is_empty()).then(|| {
        view! {
            <div class="govuk-body-s app-based-on">
                <p class="govuk-body-s govuk-!-margin-bottom-1">"Based on what you recorded:"</p>
                <ul class="govuk-list govuk-list--bullet govuk-body-s">
                    {inputs.into_iter().map(|i| {
                        let href = item_href(draft, rules, i.ix);
                        view! { <li><a class="govuk-link" href=href>{i.label}</a>{format!(": {}", i.shown)}</li> }
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// One question or case fact.
#[component]
pub fn Question(rules: Arc<RuleSet>, ix: ItemIx) -> impl IntoView {
    let ctx = use_session();
    let item = rules.items[ix].clone();
    let id = item.id.clone();
    let draft_id = ctx
        .current
        .with_untracked(|c| c.as_ref().map(|a| a.draft().id.clone()))
        .unwrap_or_default();
    // Rebuilt after a change only when something it is built from changed: the session wakes this
    // question only after changes that may affect it (the items `Assessment`'s methods return), and
    // the state is rebuilt only when the question's view key differs.
    let changed = ctx.watch_item(ix);
    let key = Memo::new(move |_| {
        changed.track();
        ctx.current
            .with_untracked(|c| c.as_ref().map(|a| a.view_key(ix)))
    });
    let st = Memo::new(move |_| {
        // Read, not just tracked: a memo's `track()` subscribes without computing it, and a key
        // never computed never subscribes to `changed`.
        key.with(|_| ());
        ctx.current
            .with_untracked(|c| c.as_ref().map(|a| question_state(a, ix)))
    });
    // One memo per part of the view: an answer that changes only this question's answer updates the
    // answer control and rebuilds none of the rest (hint boxes, reminders the inspector opened, the
    // tally), because a memo wakes its readers only when its value changes.
    let na = Memo::new(move |_| st.with(|s| s.as_ref().and_then(|s| s.na.clone())));
    let excluded = Memo::new(move |_| st.with(|s| s.as_ref().and_then(|s| s.excluded.clone())));
    let answer = Memo::new(move |_| st.with(|s| s.as_ref().and_then(|s| s.answer.clone())));
    let rows =
        Memo::new(move |_| st.with(|s| s.as_ref().map(|s| s.rows.clone()).unwrap_or_default()));
    let hints =
        Memo::new(move |_| st.with(|s| s.as_ref().map(|s| s.hints.clone()).unwrap_or_default()));
    let tally = Memo::new(move |_| st.with(|s| s.as_ref().and_then(|s| s.tally.clone())));
    let weighs =
        Memo::new(move |_| st.with(|s| s.as_ref().map(|s| s.weighs.clone()).unwrap_or_default()));
    let forced =
        Memo::new(move |_| st.with(|s| s.as_ref().map(|s| s.forced.clone()).unwrap_or_default()));
    let overridden = Memo::new(move |_| st.with(|s| s.as_ref().and_then(|s| s.overridden.clone())));
    let is_na = Memo::new(move |_| na.with(Option::is_some));
    let disabled = Signal::derive(move || is_na.get() || ctx.locked());
    let answer = Signal::from(answer);
    let rows = Signal::from(rows);
    let id_set = id.clone();
    let rules_for_set = rules.clone();
    // Typing (free text) is saved shortly after the last keystroke; every other answer as soon as
    // the page shows it.
    let set = Callback::new(move |a: Option<Answer>| {
        let typing = matches!(a, Some(Answer::Text(_)))
            || (a.is_none() && matches!(rules_for_set.items[ix].answer, AnswerType::Text));
        if typing {
            let id = id_set.clone();
            ctx.change_typing(&id.clone(), move |x, now| x.set_answer(&id, a, now));
        } else {
            ctx.answer(&id_set, a);
        }
    });
    let kind = item.kind;
    let legend_id = format!("q{ix}-legend");
    let dom_id = question_dom_id(&item.id);
    let note_initial = ctx.current.with_untracked(|c| {
        c.as_ref()
            .and_then(|a| a.draft().notes.get(item.id.as_str()).cloned())
            .unwrap_or_default()
    });
    let id_note = id.clone();
    let id_hint = id.clone();
    let id_reason = id.clone();
    let reason = RwSignal::new(String::new());

    let (draft_na, rules_na) = (draft_id.clone(), rules.clone());
    let (draft_hint, rules_hint) = (draft_id.clone(), rules.clone());
    let (draft_tally, rules_tally) = (draft_id.clone(), rules.clone());
    let id_mark = id.clone();
    let na_view = move || {
        na.get().map(|na| {
            view! {
                <div class="govuk-inset-text app-na">
                    <p class="govuk-body"><strong class="govuk-tag govuk-tag--grey">"Not applicable"</strong></p>
                    <p class="govuk-body">{format!("This {} does not apply: \u{201c}{}\u{201d} ({})", na.level, na.quote, na.cite)}</p>
                    {na.decides.map(|d| view! { <p class="govuk-body app-decides"><strong>"Which answer decides: "</strong>{d}</p> })}
                    {inputs_view(na.inputs, &draft_na, &rules_na)}
                    {move || excluded.get().map(|e| view! {
                        <p class="govuk-body-s">{format!("Your earlier answer \u{201c}{e}\u{201d} is kept but excluded while this question does not apply.")}</p>
                    })}
                </div>
            }
        })
    };

    // Suggestions and reminders that this case's answers called up are shown in full; reminders that
    // hold for every case (judgement guidance quoted from the seed) are grouped in a details element.
    let hint_box = move |h: HintView| {
        let id_use = id_hint.clone();
        let id_ovr = id_reason.clone();
        let suggest = h.suggest.clone();
        view! {
            <div class="app-hint-box" data-hint=h.index>
                {match &h.suggest {
                    Some((_, label)) => view! { <p class="govuk-body"><strong>{format!("Suggested answer: {label}")}</strong></p> }.into_any(),
                    None => view! { <p class="govuk-body"><strong>"Reminder"</strong></p> }.into_any(),
                }}
                <p class="govuk-body">{format!("\u{201c}{}\u{201d} ({})", h.quote, h.cite)}</p>
                {h.decides.clone().map(|d| view! { <p class="govuk-body-s app-decides"><strong>"Which answer decides: "</strong>{d}</p> })}
                {inputs_view(h.inputs.clone(), &draft_hint, &rules_hint)}
                {suggest.clone().map(|(value, label)| {
                    let value2 = value.clone();
                    match h.agrees {
                        Some(true) => view! { <p class="govuk-body-s">"Your answer follows this suggestion."</p> }.into_any(),
                        Some(false) => view! {
                            <div class="govuk-form-group">
                                <label class="govuk-label" for=format!("q{ix}-override")>"Your answer differs from the suggestion. Why? (optional)"</label>
                                <input class="govuk-input" type="text" id=format!("q{ix}-override")
                                    prop:value=move || overridden.get().unwrap_or_default()
                                    on:input=move |ev| reason.set(event_target_value(&ev))
                                    on:change=move |_| { let (i, v, r) = (id_ovr.clone(), value2.clone(), reason.get_untracked()); ctx.change(&i.clone(), move |a, now| a.override_hint(&i, &v, r, now)); }/>
                            </div>
                        }.into_any(),
                        None => view! {
                            <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                                on:click=move |_| { let (i, v) = (id_use.clone(), value.clone()); ctx.change(&i.clone(), move |a, now| a.use_hint(&i, &v, now)); }>
                                {format!("Use this answer ({label})")}
                            </button>
                        }.into_any(),
                    }
                })}
            </div>
        }
    };
    // Two lists, so that a suggestion followed or not (which changes the boxes called up) leaves the
    // reminders' details element, and whether it is open, as it is.
    let called = Memo::new(move |_| {
        hints.with(|h| h.iter().filter(|h| !h.always).cloned().collect::<Vec<_>>())
    });
    let always = Memo::new(move |_| {
        hints.with(|h| h.iter().filter(|h| h.always).cloned().collect::<Vec<_>>())
    });
    let box_called = hint_box.clone();
    let called_view = move || {
        called
            .get()
            .into_iter()
            .map(box_called.clone())
            .collect_view()
    };
    let reminders_view = move || {
        let always = always.get();
        let n = always.len();
        view! {
            {(n > 0).then(|| view! {
                <details class="govuk-details app-reminders">
                    <summary class="govuk-details__summary">
                        <span class="govuk-details__summary-text">{if n == 1 { "Reminder from the guidance".to_string() } else { format!("{n} reminders from the guidance") }}</span>
                    </summary>
                    <div class="govuk-details__text">{always.into_iter().map(hint_box.clone()).collect_view()}</div>
                </details>
            })}
        }
    };

    // Built once while the question has a tally; an answer updates the four numbers in place.
    let has_tally = Memo::new(move |_| tally.with(Option::is_some));
    let count = move |f: fn(&Tally) -> u32| move || tally.with(|t| t.as_ref().map_or(0, f));
    let tally_view = move || {
        let (draft_tally, rules_tally) = (draft_tally.clone(), rules_tally.clone());
        let rules_w = rules_tally.clone();
        has_tally.get().then(move || {
            // Per weight class (when the rule set weighs some questions more than others): which
            // class weighs more is said in words, each class's meaning quoted on its questions.
            let by_weight = move || {
                let rows = tally.with(|t| t.as_ref().map(|t| tally_by_weight(&rules_w, t)).unwrap_or_default());
                (!rows.is_empty()).then(|| view! {
                    <table class="govuk-table app-tally-weights">
                        <caption class="govuk-table__caption">"By weight (the questions in the first row weigh more)"</caption>
                        <thead class="govuk-table__head"><tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Weight"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Positive"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Negative"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Not applicable"</th>
                            <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Not answered"</th>
                        </tr></thead>
                        <tbody class="govuk-table__body">
                            {rows.into_iter().map(|(label, c)| view! {
                                <tr class="govuk-table__row">
                                    <th scope="row" class="govuk-table__header">{label}</th>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{c.positive}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{c.negative}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{c.not_applicable}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{c.unanswered}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                })
            };
            // The questions weighed one way, each list keyed by question: an answer that moves a
            // question from one list to another changes those two list items only, where rebuilding
            // the lists rewrote every link in them after every answer in the key question.
            let group = move |k: Weighed, title: &'static str| {
                let items = Memo::new(move |_| {
                    weighs.with(|l| l.iter().filter(|w| w.weighed == k).cloned().collect::<Vec<_>>())
                });
                let (draft, rules) = (draft_tally.clone(), rules_tally.clone());
                view! {
                    <Show when=move || items.with(|i| !i.is_empty())>
                        <h5 class="govuk-heading-s govuk-!-margin-bottom-1">{title}</h5>
                        <ul class="govuk-list govuk-body-s">
                            <For each=move || items.get() key=|w| w.ix children={
                                let (draft, rules) = (draft.clone(), rules.clone());
                                move |w| {
                                    let href = item_href(&draft, &rules, w.ix);
                                    let weight = w.weight.map(|l| format!(": {l}")).unwrap_or_default();
                                    view! { <li><a class="govuk-link" href=href>{format!("{} {}", w.id, w.text)}</a>{weight}</li> }
                                }
                            }/>
                        </ul>
                    </Show>
                }
            };
            view! {
                <div class="app-tally">
                    <h4 class="govuk-heading-s">"What this judgement weighs"</h4>
                    <dl class="govuk-summary-list govuk-summary-list--no-border">
                        <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Positive"</dt><dd class="govuk-summary-list__value">{count(|t| t.positive)}</dd></div>
                        <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Negative"</dt><dd class="govuk-summary-list__value">{count(|t| t.negative)}</dd></div>
                        <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Not applicable"</dt><dd class="govuk-summary-list__value">{count(|t| t.not_applicable)}</dd></div>
                        <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Not answered"</dt><dd class="govuk-summary-list__value">{count(|t| t.unanswered)}</dd></div>
                    </dl>
                    {by_weight}
                    {group(Weighed::Negative, "Negative")}
                    {group(Weighed::Unanswered, "Not answered")}
                    {group(Weighed::NotApplicable, "Not applicable")}
                    {group(Weighed::Other, "Counted neither way")}
                </div>
            }
        })
    };

    let forced_view = move || {
        forced
            .get()
            .into_iter()
            .map(|f| {
                let (label, quote, cite, agrees) = (f.label, f.quote, f.cite, f.agrees);
                view! {
                    <div class="govuk-warning-text">
                        <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                        <strong class="govuk-warning-text__text">
                            {format!("The guidance says this judgement must be \u{201c}{label}\u{201d}: \u{201c}{quote}\u{201d} ({cite}).")}
                            {(!agrees).then_some(" Your answer differs.")}
                        </strong>
                    </div>
                }
            })
            .collect_view()
    };

    let guidance = if item.guidance_more.is_empty() {
        (!item.guidance.trim().is_empty()).then(|| {
            let summary = if kind == Kind::Fact { "Why we ask" } else { "Guidance" };
            view! {
                <details class="govuk-details">
                    <summary class="govuk-details__summary"><span class="govuk-details__summary-text">{summary}</span></summary>
                    <div class="govuk-details__text"><Guidance text=item.guidance.clone()/></div>
                </details>
            }
            .into_any()
        })
    } else {
        Some(
            view! {
                <div class="app-guidance"><Guidance text=item.guidance.clone()/></div>
                <details class="govuk-details">
                    <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"More guidance"</span></summary>
                    <div class="govuk-details__text"><Guidance text=item.guidance_more.clone()/></div>
                </details>
            }
            .into_any(),
        )
    };
    let weight_line = (kind != Kind::Summary)
        .then(|| weight_text(&rules, ix))
        .flatten()
        .map(|t| view! { <p class="govuk-body-s app-weight">{t}</p> });
    // Judgement facts: the inspector's own findings the guidance turns into a suggested answer for
    // this question, recorded here rather than on the Case facts page.
    let judgement: Vec<ItemIx> = rules.judgement_facts(ix).collect();
    let rules_j = rules.clone();
    let finding_heading = format!("Your finding for {}", item.id);
    let judgement_view = (!judgement.is_empty()).then(move || {
        view! {
            <div class="app-judgement">
                <h4 class="govuk-heading-s">{finding_heading}</h4>
                <p class="govuk-body-s">"The guidance suggests an answer to this question from your own finding. Record it here and the suggestion, with its quote, appears above."</p>
                {judgement.into_iter().map(|f| view! { <Question rules=rules_j.clone() ix=f/> }.into_any()).collect_view()}
            </div>
        }
    });
    let doc = cite_item(&rules, ix);
    let fact_source = item.source.clone().map(|SourceQuote { quote, .. }| view! {
        <p class="govuk-hint">{format!("From the guidance: \u{201c}{quote}\u{201d} ({doc})")}</p>
    });

    view! {
        <div class="app-question" id=dom_id
            class:app-question--summary=kind == Kind::Summary
            class:app-question--na=move || is_na.get()>
            <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" id=legend_id>
                    {(kind != Kind::Fact).then(|| view! { <span class="app-question__id">{item.id.to_string()}{item.id_inferred.then_some(" (id inferred)")}</span>" " })}
                    {item.text.clone()}
                </legend>
                {(kind != Kind::Fact).then(|| view! { <p class="govuk-body-s"><strong class="govuk-tag">{kind.label()}</strong></p> })}
                {weight_line}
                {move || ctx.not_saved(&id_mark).then(|| view! {
                    <p class="govuk-body-s app-not-saved"><strong class="govuk-tag govuk-tag--red">"Not saved"</strong>" Your change to this question is not saved in this browser: see the warning at the bottom of the page."</p>
                })}
                {fact_source}
                {na_view}
                {forced_view}
                {called_view}
                {reminders_view}
                {tally_view}
                <AnswerControl rules=rules.clone() ix=ix answer=answer rows=rows disabled=disabled set=set/>
            </fieldset>
            {judgement_view}
            {guidance}
            {(kind != Kind::Fact).then(|| view! {
                <details class="govuk-details app-notes">
                    <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"Notes and evidence"" "<span class="govuk-visually-hidden">{format!("for {}", item.id)}</span></span></summary>
                    <div class="govuk-details__text">
                        <label class="govuk-label" for=format!("q{ix}-note")>{format!("Notes and evidence for {}", item.id)}</label>
                        <textarea class="govuk-textarea" rows="3" id=format!("q{ix}-note") prop:value=note_initial.clone() prop:disabled=move || ctx.locked()
                            on:input=move |ev| { let (i, v) = (id_note.clone(), event_target_value(&ev)); ctx.change_typing(&i.clone(), move |a, now| a.set_note(&i, v, now)); }></textarea>
                    </div>
                </details>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::assessment::{Assessment, ViewKey};
    use crate::engine::model::Idx;
    use crate::engine::present::QuestionState;
    use crate::engine::Draft;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// After any answer, a question whose key is unchanged has an unchanged state: skipping the
    /// rebuild never leaves a stale question on screen.
    #[wasm_bindgen_test]
    fn an_unchanged_key_means_an_unchanged_state() {
        let rules = Arc::new(
            RuleSet::load("synth.toml", &crate::authoring::synth::generate(80, 7))
                .unwrap_or_else(|r| panic!("{r}")),
        );
        let n = rules.items.len();
        let draft = Draft::new("d".into(), "c".into(), &rules, 0.0);
        let mut a = Assessment::new(rules.clone(), draft);
        let mut rng = crate::authoring::synth::Rng::new(12345);
        let (mut unchanged, mut changed) = (0, 0);
        for step in 0..600 {
            let before: Vec<(ViewKey, QuestionState)> = rules
                .items
                .indices()
                .map(|ix| (a.view_key(ix), question_state(&a, ix)))
                .collect();
            let ix = ItemIx::new(rng.below(n));
            let item = &rules.items[ix];
            let answer = crate::authoring::synth::random_answer(&rules, ix, &mut rng);
            let id = item.id.clone();
            a.set_answer(&id, answer, step as f64);
            if rng.below(5) == 0 {
                if let Some((h, _)) = item
                    .hints
                    .iter()
                    .zip(&a.eval().hints[ix])
                    .find(|(h, s)| s.active && h.suggest.is_some())
                {
                    let v = h.suggest.clone().unwrap_or_default();
                    a.override_hint(&id, &v, format!("reason {step}"), step as f64);
                }
            }
            for (j, (k, s)) in before.iter().enumerate() {
                let j = ItemIx::new(j);
                if a.view_key(j) == *k {
                    unchanged += 1;
                    assert!(
                        question_state(&a, j) == *s,
                        "step {step}: {} changed with an unchanged key",
                        rules.items[j].id
                    );
                } else {
                    changed += 1;
                }
            }
        }
        assert!(unchanged > 0 && changed > 0, "{unchanged} {changed}");
    }
}
