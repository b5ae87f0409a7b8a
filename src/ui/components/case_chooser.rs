//! Choosing the cases for the summary and the comparison: one rule set, drafts saved in this browser
//! (several, or all), and exported files (several at once, chosen or dropped), read here and never stored. Gives the
//! collection (`engine::across::Collection`) the pages render, with each refused file and its reason.

use crate::engine::across::{read_file, Collection, Rejected, Source};
use crate::engine::catalogue::Entry;
use crate::engine::draft::{Draft, MAX_IMPORT_BYTES};
use crate::engine::RuleSet;
use crate::storage::browser::store;
use crate::ui::state::use_app;
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// A chosen file: its name and its text, or why it was not read.
#[derive(Clone)]
struct Chosen {
    name: String,
    text: Result<String, String>,
}

/// The case chooser. `collection` is set to the chosen cases whenever the choice changes.
#[component]
pub fn CaseChooser(
    /// Where the chosen cases go.
    collection: RwSignal<Option<Arc<Collection>>>,
) -> impl IntoView {
    let ctx = use_app();
    let entries = RwSignal::new(Vec::<Entry>::new());
    let rule_set_id = RwSignal::new(String::new());
    let rules = RwSignal::new(None::<Arc<RuleSet>>);
    let error = RwSignal::new(None::<String>);
    let local = RwSignal::new(Vec::<Draft>::new());
    let checked = RwSignal::new(BTreeSet::<String>::new());
    let files = RwSignal::new(Vec::<Chosen>::new());

    let drafts = store().load_all().unwrap_or_default();
    leptos::task::spawn_local(async move {
        match ctx.entries().await {
            Ok(list) => {
                // Start with the rule set most drafts in this browser use, else the first.
                let first = list
                    .iter()
                    .rev()
                    .max_by_key(|e| drafts.iter().filter(|d| d.rule_set.id == e.id).count())
                    .map(|e| e.id.clone())
                    .unwrap_or_default();
                entries.set(list);
                rule_set_id.set(first);
            }
            Err(e) => error.set(Some(e)),
        }
    });

    // A rule set chosen: fetch it, list its drafts in this browser (all chosen).
    Effect::new(move |_| {
        let id = rule_set_id.get();
        let Some(entry) = entries.with_untracked(|l| l.iter().find(|e| e.id == id).cloned()) else {
            return;
        };
        let mine: Vec<Draft> = store()
            .load_all()
            .unwrap_or_default()
            .into_iter()
            .filter(|d| d.rule_set.id == id)
            .collect();
        checked.set(mine.iter().map(|d| d.id.clone()).collect());
        local.set(mine);
        rules.set(None);
        leptos::task::spawn_local(async move {
            match ctx.rule_set(&entry).await {
                Ok(r) => rules.set(Some(r)),
                Err(e) => error.set(Some(e)),
            }
        });
    });

    // Anything changed: collect again.
    Effect::new(move |_| {
        let Some(r) = rules.get() else {
            collection.set(None);
            return;
        };
        let chosen = checked.get();
        let mut inputs: Vec<(Source, Draft)> = local
            .get()
            .into_iter()
            .filter(|d| chosen.contains(&d.id))
            .map(|d| (Source::Local, d))
            .collect();
        let mut refused = Vec::new();
        for f in files.get() {
            match f.text.and_then(|t| read_file(&t, &r)) {
                Ok(ds) => inputs.extend(ds.into_iter().map(|d| (Source::File(f.name.clone()), d))),
                Err(reason) => refused.push(Rejected {
                    name: f.name.clone(),
                    reason,
                }),
            }
        }
        let mut c = Collection::new(r, inputs);
        refused.extend(c.rejected);
        c.rejected = refused;
        collection.set(Some(Arc::new(c)));
    });

    let read = move |list: web_sys::FileList| {
        let picked: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        leptos::task::spawn_local(async move {
            let mut read = Vec::new();
            for file in picked {
                let name = file.name();
                let text = if file.size() > MAX_IMPORT_BYTES as f64 {
                    Err(format!(
                        "the file is larger than the {} MB limit",
                        MAX_IMPORT_BYTES / 1024 / 1024
                    ))
                } else {
                    wasm_bindgen_futures::JsFuture::from(file.text())
                        .await
                        .ok()
                        .and_then(|t| t.as_string())
                        .ok_or_else(|| "the file cannot be read as text".to_string())
                };
                read.push(Chosen { name, text });
            }
            files.set(read);
        });
    };
    let on_files = move |ev: leptos::ev::Event| {
        if let Some(list) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
        {
            read(list);
        }
    };
    // Files dropped on the file field: read like files chosen (the field stays the way to choose).
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
            read(list);
        }
    };

    view! {
        {move || error.get().map(|e| view! { <p class="govuk-error-message" id="chooser-error">{e}</p> })}
        <div class="govuk-form-group app-no-print">
            <label class="govuk-label govuk-label--s" for="rule-set">"Rule set"</label>
            <select class="govuk-select" id="rule-set" name="rule-set"
                on:change=move |ev| rule_set_id.set(event_target_value(&ev))>
                {move || entries.get().into_iter().map(|e| {
                    let id = e.id.clone();
                    view! { <option value=id.clone() selected=move || rule_set_id.get() == id>{e.title.clone()}</option> }
                }).collect_view()}
            </select>
        </div>
        <div class="govuk-form-group app-no-print">
            <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"Assessments saved in this browser"</legend>
                {move || {
                    let mine = local.get();
                    if mine.is_empty() {
                        view! { <p class="govuk-body" id="no-local">"There are no assessments against this rule set in this browser."</p> }.into_any()
                    } else {
                        let all: BTreeSet<String> = mine.iter().map(|d| d.id.clone()).collect();
                        view! {
                            <div class="govuk-button-group">
                                <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" on:click=move |_| checked.set(all.clone())>"Choose all"</button>
                                <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" on:click=move |_| checked.set(BTreeSet::new())>"Choose none"</button>
                            </div>
                            <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                                {mine.into_iter().enumerate().map(|(i, d)| {
                                    let (id, id2) = (d.id.clone(), d.id.clone());
                                    let dom = format!("local-{i}");
                                    view! {
                                        <div class="govuk-checkboxes__item">
                                            <input class="govuk-checkboxes__input" id=dom.clone() type="checkbox"
                                                prop:checked=move || checked.with(|c| c.contains(&id))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    checked.update(|c| { if on { c.insert(id2.clone()); } else { c.remove(&id2); } });
                                                }/>
                                            <label class="govuk-label govuk-checkboxes__label" for=dom>{d.case_ref.clone()}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </div>
                        }.into_any()
                    }
                }}
            </fieldset>
        </div>
        <div class="govuk-form-group app-no-print" on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <label class="govuk-label govuk-label--s" for="case-files">"Exported files (JSON, at most 5 MB each)"</label>
            <div class="govuk-hint" id="case-files-hint">"Choose several files at once, or drop them here. They are read in this browser and not stored."</div>
            <input class="govuk-file-upload" id="case-files" name="case-files" type="file" multiple=true
                accept=".json,application/json" aria-describedby="case-files-hint" on:change=on_files/>
        </div>
        {move || collection.get().map(|c| {
            let n = c.cases.len();
            view! {
                <div class="govuk-inset-text" id="chosen" role="status">
                    <p class="govuk-body">{match n { 1 => "1 assessment chosen.".to_string(), n => format!("{n} assessments chosen.") }}</p>
                    {(!c.duplicates.is_empty()).then(|| view! {
                        <p class="govuk-body" id="duplicates">{format!("Given more than once and counted once: {}.", c.duplicates.join("; "))}</p>
                    })}
                    {(!c.superseded.is_empty()).then(|| view! {
                        <p class="govuk-body" id="superseded">{format!("An older copy of the same assessment was left out: {}.", c.superseded.join("; "))}</p>
                    })}
                    {(c.versions.len() > 1).then(|| view! {
                        <p class="govuk-body" id="versions">{format!("Made with versions {} of the rule set; answers are read by question.", c.versions.iter().map(|(v, n)| format!("{v} ({n})")).collect::<Vec<_>>().join(", "))}</p>
                    })}
                </div>
                {(!c.rejected.is_empty()).then(|| view! {
                    <div class="govuk-error-summary" id="refused">
                        <div role="alert">
                            <h2 class="govuk-error-summary__title">"Some files were left out"</h2>
                            <div class="govuk-error-summary__body">
                                <ul class="govuk-list govuk-error-summary__list">
                                    {c.rejected.iter().map(|r| view! { <li>{format!("{}: {}", r.name, r.reason)}</li> }).collect_view()}
                                </ul>
                            </div>
                        </div>
                    </div>
                })}
                {(!c.retired.is_empty()).then(|| view! {
                    <details class="govuk-details" id="retired">
                        <summary class="govuk-details__summary"><span class="govuk-details__summary-text">{format!("{} answer(s) this version of the rule set no longer takes (not counted)", c.retired.len())}</span></summary>
                        <div class="govuk-details__text">
                            <ul class="govuk-list">
                                {c.retired.iter().map(|r| view! { <li>{format!("{}: {}: {}", c.cases[r.case].label, r.question, r.answer)}</li> }).collect_view()}
                            </ul>
                        </div>
                    </details>
                })}
            }
        })}
    }
}
