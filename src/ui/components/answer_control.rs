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
        AnswerType::Choice { other: Some(other), .. } => other_control(name, options, other.clone(), answer, disabled, set).into_any(),
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
        AnswerType::Multi { named: true, .. } => named_control(name, options, answer, disabled, set).into_any(),
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
                        {move || rows.get().into_iter().enumerate().map(|(r, row)| {
                            let options = options.clone();
                            let name = format!("{name}-r{r}");
                            let GridRow { id: row_id, label, applies, .. } = row.clone();
                            view! {
                                <tr class="govuk-table__row">
                                    <th scope="row" class="govuk-table__header">{label.clone()}{(!applies).then_some(" (not applicable)")}</th>
                                    {options.into_iter().enumerate().map(|(k, (value, opt_label))| {
                                        if !row.offers(&value) {
                                            // The rule set does not offer this answer on this row.
                                            return view! {
                                                <td class="govuk-table__cell app-grid-not-offered">
                                                    <span class="govuk-visually-hidden">{format!("{opt_label} is not an answer for {label}")}</span>
                                                </td>
                                            }.into_any();
                                        }
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
                                        }.into_any()
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

/// The values chosen and the names given in the answer to a named multiple-choice question (an answer
/// saved before the question was named has no names).
fn named_parts(answer: Option<Answer>) -> (Vec<String>, BTreeMap<String, String>) {
    match answer {
        Some(Answer::Named { chosen, names }) => (chosen, names),
        Some(Answer::Multi(chosen)) => (chosen, BTreeMap::new()),
        _ => (vec![], BTreeMap::new()),
    }
}

/// A multiple-choice question whose options the inspector names: a checkbox per option (a numbered
/// slot such as "Factor 1") and, under each one ticked, a text box for its name (GOV.UK conditional
/// reveal). Answers elsewhere are keyed by the option, not the name, so renaming keeps them; unticking
/// keeps the name, which comes back when the option is ticked again.
fn named_control(
    name: String,
    options: Vec<(String, String)>,
    answer: Signal<Option<Answer>>,
    disabled: Signal<bool>,
    set: Callback<Option<Answer>>,
) -> impl IntoView {
    view! {
        <div class="govuk-checkboxes govuk-checkboxes--small">
            {options.into_iter().enumerate().map(|(k, (value, label))| {
                let id = format!("{name}-{k}");
                let name_id = format!("{name}-{k}-name");
                let (v_checked, v_change, v_shown, v_name) = (value.clone(), value.clone(), value.clone(), value.clone());
                // A memo, so the name box is rebuilt only when the option is ticked or unticked.
                let is_chosen = Memo::new(move |_| named_parts(answer.get()).0.contains(&v_shown));
                let name_label = format!("Name of {label}");
                let input_id = format!("{name_id}-input");
                view! {
                    <div class="govuk-checkboxes__item">
                        <input class="govuk-checkboxes__input" type="checkbox" id=id.clone() name=name.clone() value=value.clone()
                            aria-controls=name_id.clone() aria-expanded=move || if is_chosen.get() { "true" } else { "false" }
                            prop:checked=move || named_parts(answer.get()).0.contains(&v_checked)
                            prop:disabled=move || disabled.get()
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let (mut chosen, names) = named_parts(answer.get_untracked());
                                chosen.retain(|x| x != &v_change);
                                if on { chosen.push(v_change.clone()); }
                                set.run(Some(Answer::Named { chosen, names }));
                            }/>
                        <label class="govuk-label govuk-checkboxes__label" for=id>{label.clone()}</label>
                    </div>
                    // Always present (the checkbox's aria-controls names it), hidden while unticked.
                    <div class="govuk-checkboxes__conditional" id=name_id.clone()
                        class:govuk-checkboxes__conditional--hidden=move || !is_chosen.get()
                        style:display=move || if is_chosen.get() { "" } else { "none" }>
                        {move || is_chosen.get().then(|| {
                            let v_name = v_name.clone();
                            let current = named_parts(answer.get_untracked()).1.get(&v_name).cloned().unwrap_or_default();
                            view! {
                                <div class="govuk-form-group">
                                    <label class="govuk-label" for=input_id.clone()>{name_label.clone()}</label>
                                    <input class="govuk-input govuk-!-width-two-thirds" type="text" id=input_id.clone()
                                        maxlength=crate::engine::draft::MAX_NAME_CHARS.to_string() spellcheck="true"
                                        prop:value=current prop:disabled=move || disabled.get()
                                        on:change=move |ev| {
                                            let typed = event_target_value(&ev).trim().to_string();
                                            let (chosen, mut names) = named_parts(answer.get_untracked());
                                            if typed.is_empty() { names.remove(&v_name); } else { names.insert(v_name.clone(), typed); }
                                            set.run(Some(Answer::Named { chosen, names }));
                                        }/>
                                </div>
                            }
                        })}
                    </div>
                }
            }).collect_view()}
        </div>
        <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-2" prop:disabled=move || disabled.get()
            on:click=move |_| {
                let (_, names) = named_parts(answer.get_untracked());
                set.run(Some(Answer::Named { chosen: vec![], names }));
            }>"None of these"</button>
    }
}

/// A single choice whose last option's answer the inspector types (the seed prints only some of the
/// options, like "Not clearly recorded"): the printed options, then the `other` option with a text
/// box revealed under it (GOV.UK conditional reveal). Choosing the typed option clears the answer
/// until something is typed.
fn other_control(
    name: String,
    options: Vec<(String, String)>,
    other: String,
    answer: Signal<Option<Answer>>,
    disabled: Signal<bool>,
    set: Callback<Option<Answer>>,
) -> impl IntoView {
    let open = RwSignal::new(matches!(answer.get_untracked(), Some(Answer::Text(_))));
    let other_id = format!("{name}-other");
    let reveal_id = format!("{name}-other-reveal");
    let input_id = format!("{name}-other-input");
    // Whether the typed option is chosen: its text box is there only then.
    let shown = Memo::new(move |_| open.get() || matches!(answer.get(), Some(Answer::Text(_))));
    view! {
        <div class="govuk-radios govuk-radios--small">
            {options.into_iter().enumerate().map(|(k, (value, label))| {
                let id = format!("{name}-{k}");
                let mine = Answer::Choice(value.clone());
                view! {
                    <div class="govuk-radios__item">
                        <input class="govuk-radios__input" type="radio" id=id.clone() name=name.clone() value=value.clone()
                            prop:checked=move || !open.get() && answer.get().as_ref() == Some(&mine)
                            prop:disabled=move || disabled.get()
                            on:change=move |_| { open.set(false); set.run(Some(Answer::Choice(value.clone()))); }/>
                        <label class="govuk-label govuk-radios__label" for=id>{label}</label>
                    </div>
                }
            }).collect_view()}
            <div class="govuk-radios__item">
                <input class="govuk-radios__input" type="radio" id=other_id.clone() name=name.clone() value=""
                    aria-controls=reveal_id.clone()
                    prop:checked=move || shown.get()
                    prop:disabled=move || disabled.get()
                    on:change=move |_| {
                        open.set(true);
                        if !matches!(answer.get_untracked(), Some(Answer::Text(_))) { set.run(None); }
                    }/>
                <label class="govuk-label govuk-radios__label" for=other_id>{other.clone()}</label>
            </div>
            <div class="govuk-radios__conditional" id=reveal_id
                class:govuk-radios__conditional--hidden=move || !shown.get()
                style:display=move || if shown.get() { "" } else { "none" }>
                {move || shown.get().then(|| view! {
                <div class="govuk-form-group">
                    <label class="govuk-label" for=input_id.clone()>{format!("{other}: type the answer")}</label>
                    <input class="govuk-input govuk-!-width-two-thirds" type="text" id=input_id.clone() spellcheck="true"
                        prop:value=match answer.get_untracked() { Some(Answer::Text(t)) => t, _ => String::new() }
                        prop:disabled=move || disabled.get()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            open.set(true);
                            set.run(if v.trim().is_empty() { None } else { Some(Answer::Text(v)) });
                        }/>
                </div>
                })}
            </div>
        </div>
    }
}
