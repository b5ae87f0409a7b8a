//! The answer control for an item's type: radios, checkboxes, grid, number, date, text or yes/no.

use crate::engine::draft::{read_number, Answer};
use crate::engine::evaluate::GridRow;
use crate::engine::model::{AnswerType, Item, ItemIx, RuleSet};
use crate::engine::present::answer_options;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Answer control. `answer` is the current answer, `rows` the grid rows;
/// `set` is called with the new answer (None clears it).
#[component]
pub fn AnswerControl(
    rules: Arc<RuleSet>,
    ix: ItemIx,
    answer: Signal<Option<Answer>>,
    rows: Signal<Vec<GridRow>>,
    disabled: Signal<bool>,
    set: Callback<Option<Answer>>,
) -> impl IntoView {
    let item: &Item = &rules.items[ix];
    let name = format!("q{ix}");
    // The choices and their labels are the engine's; this only renders them.
    let options = answer_options(&rules, item);
    match &item.answer {
        AnswerType::Choice { .. } | AnswerType::Bool => {
            let small = if options.len() <= 2 { " govuk-radios--inline" } else { "" };
            view! {
                <div class=format!("govuk-radios govuk-radios--small{small}")>
                    {options.into_iter().enumerate().map(|(k, (value, label))| {
                        let id = format!("{name}-{k}");
                        let v2 = value.clone();
                        let ty = item.answer.clone();
                        let mine = Answer::from_value(&ty, &value);
                        view! {
                            <div class="govuk-radios__item">
                                <input class="govuk-radios__input" type="radio" id=id.clone() name=name.clone() value=value.clone()
                                    prop:checked=move || answer.get().as_ref() == Some(&mine)
                                    prop:disabled=move || disabled.get()
                                    on:change=move |_| set.run(Some(Answer::from_value(&ty, &v2)))/>
                                <label class="govuk-label govuk-radios__label" for=id>{label}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            }
            .into_any()
        }
        AnswerType::Multi { .. } => view! {
            <div class="govuk-checkboxes govuk-checkboxes--small">
                {options.into_iter().enumerate().map(|(k, (value, label))| {
                    let id = format!("{name}-{k}");
                    let v_checked = value.clone();
                    let v_change = value.clone();
                    view! {
                        <div class="govuk-checkboxes__item">
                            <input class="govuk-checkboxes__input" type="checkbox" id=id.clone() name=name.clone() value=value.clone()
                                prop:checked=move || matches!(answer.get(), Some(Answer::Multi(v)) if v.contains(&v_checked))
                                prop:disabled=move || disabled.get()
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let mut chosen = match answer.get_untracked() { Some(Answer::Multi(v)) => v, _ => vec![] };
                                    chosen.retain(|x| x != &v_change);
                                    if on { chosen.push(v_change.clone()); }
                                    set.run(Some(Answer::Multi(chosen)));
                                }/>
                            <label class="govuk-label govuk-checkboxes__label" for=id>{label}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
            <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2" prop:disabled=move || disabled.get()
                on:click=move |_| set.run(Some(Answer::Multi(vec![])))>"None of these"</button>
        }
        .into_any(),
        AnswerType::Grid { .. } => {
            let head: Vec<String> = options.iter().map(|(_, l)| l.clone()).collect();
            view! {
                <table class="govuk-table">
                    <thead class="govuk-table__head"><tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Row"</span></th>
                        {head.into_iter().map(|h| view! { <th scope="col" class="govuk-table__header">{h}</th> }).collect_view()}
                    </tr></thead>
                    <tbody class="govuk-table__body">
                        {move || rows.get().into_iter().enumerate().map(|(r, GridRow { id: row_id, label, applies })| {
                            let options = options.clone();
                            let name = format!("{name}-r{r}");
                            view! {
                                <tr class="govuk-table__row">
                                    <th scope="row" class="govuk-table__header">{label.clone()}{(!applies).then_some(" (not applicable)")}</th>
                                    {options.into_iter().enumerate().map(|(k, (value, opt_label))| {
                                        let id = format!("{name}-{k}");
                                        let (rid, rid2, v1, v2) = (row_id.clone(), row_id.clone(), value.clone(), value.clone());
                                        view! {
                                            <td class="govuk-table__cell">
                                                <div class="govuk-radios govuk-radios--small"><div class="govuk-radios__item">
                                                    <input class="govuk-radios__input" type="radio" id=id.clone() name=name.clone()
                                                        prop:checked=move || matches!(answer.get(), Some(Answer::Grid(m)) if m.get(&rid) == Some(&v1))
                                                        prop:disabled=move || disabled.get() || !applies
                                                        on:change=move |_| {
                                                            let mut m = match answer.get_untracked() { Some(Answer::Grid(m)) => m, _ => BTreeMap::new() };
                                                            m.insert(rid2.clone(), v2.clone());
                                                            set.run(Some(Answer::Grid(m)));
                                                        }/>
                                                    <label class="govuk-label govuk-radios__label" for=id>
                                                        <span class="govuk-visually-hidden">{format!("{label}: ")}</span>{opt_label}
                                                    </label>
                                                </div></div>
                                            </td>
                                        }
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        }
        AnswerType::Number { unit, min, max } => {
            let (min, max) = (*min, *max);
            let error = RwSignal::new(None::<String>);
            let initial = match answer.get_untracked() { Some(Answer::Number(n)) => n.to_string(), _ => String::new() };
            let input_id = format!("{name}-input");
            view! {
                {move || error.get().map(|e| view! { <p class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{e}</p> })}
                <div class="govuk-input__wrapper">
                    <input class="govuk-input govuk-input--width-5" class:govuk-input--error=move || error.get().is_some() id=input_id type="text" inputmode="decimal" spellcheck="false"
                        aria-labelledby=if unit.is_some() { format!("{name}-legend {name}-unit") } else { format!("{name}-legend") }
                        prop:value=initial prop:disabled=move || disabled.get()
                        on:change=move |ev| {
                            match read_number(&event_target_value(&ev), min, max) {
                                Ok(n) => { error.set(None); set.run(n.map(Answer::Number)); }
                                Err(e) => error.set(Some(e)),
                            }
                        }/>
                    {unit.clone().map(|u| view! { <div class="govuk-input__suffix" aria-hidden="true" id=format!("{name}-unit")>{u}</div> })}
                </div>
            }
            .into_any()
        }
        AnswerType::Date => {
            let initial = match answer.get_untracked() { Some(Answer::Date(d)) => d, _ => String::new() };
            view! {
                <input class="govuk-input govuk-input--width-10" type="date" id=format!("{name}-input") aria-labelledby=format!("{name}-legend")
                    prop:value=initial prop:disabled=move || disabled.get()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set.run(if crate::engine::draft::is_iso_date(&v) { Some(Answer::Date(v)) } else { None });
                    }/>
            }
            .into_any()
        }
        AnswerType::Text => {
            let initial = match answer.get_untracked() { Some(Answer::Text(t)) => t, _ => String::new() };
            view! {
                <textarea class="govuk-textarea" rows="4" id=format!("{name}-input") aria-labelledby=format!("{name}-legend")
                    prop:value=initial prop:disabled=move || disabled.get()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        set.run(if v.trim().is_empty() { None } else { Some(Answer::Text(v)) });
                    }></textarea>
            }
            .into_any()
        }
    }
}
