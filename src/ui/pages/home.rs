//! Home: the assessments kept in this browser, with export, duplicate, delete, export all, import,
//! entries that cannot be read, and how much storage the browser gives the site.

use crate::engine::assessment::Assessment;
use crate::engine::draft::{
    parse_export, validate_import, Draft, ExportFile, Problem, MAX_IMPORT_BYTES,
};
use crate::engine::RuleSet;
use crate::storage::browser::{self as local, store};
use crate::storage::{Scan, Summary};
use crate::ui::browser;
use crate::ui::route::Route;
use crate::ui::state::{use_app, AppCtx};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// A checked import waiting for the user's go-ahead.
#[derive(Clone)]
struct Pending {
    drafts: Vec<(Draft, Arc<RuleSet>, Option<Summary>)>,
}

async fn check_import(ctx: AppCtx, text: String) -> Result<Pending, Vec<Problem>> {
    let file = parse_export(&text).map_err(|p| vec![p])?;
    let entries = ctx.entries().await.map_err(|e| {
        vec![Problem {
            path: String::new(),
            message: e,
        }]
    })?;
    let mut rules: Vec<(String, Arc<RuleSet>)> = Vec::new();
    for d in &file.drafts {
        if rules.iter().any(|(id, _)| id == &d.rule_set.id) {
            continue;
        }
        if let Some(entry) = entries.iter().find(|e| e.id == d.rule_set.id) {
            let rs = ctx.rule_set(entry).await.map_err(|e| {
                vec![Problem {
                    path: String::new(),
                    message: e,
                }]
            })?;
            rules.push((d.rule_set.id.clone(), rs));
        }
    }
    let problems = validate_import(&file, |id| {
        rules
            .iter()
            .find(|(r, _)| r == id)
            .map(|(_, rs)| rs.as_ref())
    });
    if !problems.is_empty() {
        return Err(problems);
    }
    let existing = store().scan().map(|s| s.drafts).unwrap_or_default();
    Ok(Pending {
        drafts: file
            .drafts
            .into_iter()
            .filter_map(|d| {
                let rs = rules.iter().find(|(r, _)| r == &d.rule_set.id)?.1.clone();
                let old = existing.iter().find(|s| s.id == d.id).cloned();
                Some((d, rs, old))
            })
            .collect(),
    })
}

/// Your assessments.
#[component]
pub fn HomePage() -> impl IntoView {
    let ctx = use_app();
    let scan = RwSignal::new(store().scan());
    let refresh = move || scan.set(store().scan());
    let storage_ok = local::Local::new().available();
    let confirm_delete = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    let import_errors = RwSignal::new(Vec::<Problem>::new());
    let pending = RwSignal::new(None::<Pending>);
    let usage = RwSignal::new(None::<String>);

    if storage_ok {
        leptos::task::spawn_local(async move {
            let estimate = local::estimate().await;
            let quota = estimate
                .map(|(_, q)| format!(" (the browser allows this site up to {:.0} MB in all, but its local storage, where drafts are kept, is usually limited to about 5 MB)", q / 1024.0 / 1024.0))
                .unwrap_or_default();
            let bytes = store().bytes_used();
            let used = if bytes > 0 {
                format!(
                    "Saved assessments take {} KB of this browser's storage{quota}. ",
                    bytes.div_ceil(1024)
                )
            } else {
                format!("Nothing is saved in this browser yet{quota}. ")
            };
            // Shown at once, not after asking to keep the data: Firefox asks the user first (a prompt in
            // its address bar), and the answer may never come.
            usage.set(Some(format!("{used}The browser may clear this site's data when it runs short of space: export assessments you need to keep.")));
            if local::persist().await == Some(true) {
                usage.set(Some(format!(
                    "{used}The browser has agreed to keep this site's data unless you clear it."
                )));
            }
        });
    }

    let export_one = move |id: String| match store().load(&id) {
        Ok(Some((d, _))) => {
            let name = ExportFile::file_name(&d.case_ref);
            let _ = browser::download(
                &name,
                "application/json",
                &ExportFile::new(vec![d], browser::now()).to_json(),
            );
        }
        _ => message.set(Some(
            "That assessment cannot be read, so it cannot be exported.".into(),
        )),
    };
    let duplicate = move |id: String| {
        match store().duplicate(&id, browser::new_id(), browser::now()) {
            Ok(copy) => message.set(Some(format!(
                "Copied as \u{201c}{}\u{201d}.",
                copy.case_ref
            ))),
            Err(e) => message.set(Some(format!("The copy was not saved: {e}."))),
        }
        refresh();
    };
    let delete = move |id: String| {
        match store().delete(&id) {
            Ok(()) => message.set(Some("The assessment was deleted.".into())),
            Err(e) => message.set(Some(format!("The assessment was not deleted: {e}."))),
        }
        confirm_delete.set(None);
        refresh();
    };
    let export_all = move |_| match store().load_all() {
        Ok(drafts) if !drafts.is_empty() => {
            let _ = browser::download(
                "case-assessor-all.json",
                "application/json",
                &ExportFile::new(drafts, browser::now()).to_json(),
            );
        }
        Ok(_) => message.set(Some("There are no assessments to export.".into())),
        Err(e) => message.set(Some(format!("The assessments cannot be read: {e}."))),
    };

    let on_file = move |ev: leptos::ev::Event| {
        import_errors.set(vec![]);
        pending.set(None);
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        if file.size() > MAX_IMPORT_BYTES as f64 {
            import_errors.set(vec![Problem {
                path: String::new(),
                message: format!(
                    "The file is larger than the {} MB limit.",
                    MAX_IMPORT_BYTES / 1024 / 1024
                ),
            }]);
            return;
        }
        leptos::task::spawn_local(async move {
            let text = match wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string())
            {
                Some(t) => t,
                None => {
                    return import_errors.set(vec![Problem {
                        path: String::new(),
                        message: "The file cannot be read as text.".into(),
                    }])
                }
            };
            match check_import(ctx, text).await {
                Ok(p) => pending.set(Some(p)),
                Err(problems) => {
                    import_errors.set(problems);
                    browser::focus("import-errors");
                }
            }
        });
    };
    let do_import = move |_| {
        let Some(p) = pending.get_untracked() else {
            return;
        };
        let mut saved = 0;
        let mut failed = Vec::new();
        for (d, rules, _) in p.drafts {
            let a = Assessment::new(rules, d);
            match store().import(&a) {
                Ok(_) => saved += 1,
                Err(e) => failed.push(format!("{}: {e}", a.draft().case_ref)),
            }
        }
        pending.set(None);
        message.set(Some(if failed.is_empty() {
            format!("Imported {saved} assessment(s).")
        } else {
            format!("Imported {saved}; not saved: {}.", failed.join("; "))
        }));
        refresh();
    };

    let rows = move || {
        match scan.get() {
        Ok(Scan { drafts, .. }) if drafts.is_empty() => view! { <p class="govuk-body" id="no-drafts">"You have no assessments in this browser yet."</p> }.into_any(),
        Ok(Scan { drafts, .. }) => view! {
            <table class="govuk-table" id="drafts">
                <caption class="govuk-table__caption govuk-table__caption--m">"Assessments in this browser"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Case reference"</th>
                        <th scope="col" class="govuk-table__header">"Rule set"</th>
                        <th scope="col" class="govuk-table__header">"Progress"</th>
                        <th scope="col" class="govuk-table__header">"Last saved"</th>
                        <th scope="col" class="govuk-table__header">"Actions"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {drafts.into_iter().map(|d| {
                        let href = Route::Tasks(d.id.clone()).href();
                        let (id1, id2, id3, id4, id5) = (d.id.clone(), d.id.clone(), d.id.clone(), d.id.clone(), d.id.clone());
                        let case_ref = d.case_ref.clone();
                        view! {
                            <tr class="govuk-table__row">
                                <td class="govuk-table__cell"><a class="govuk-link" href=href>{d.case_ref.clone()}</a></td>
                                <td class="govuk-table__cell">{d.rule_set_title.clone()}</td>
                                <td class="govuk-table__cell">{if d.total > 0 { format!("{} of {} questions answered", d.answered, d.total) } else { "Not known".into() }}</td>
                                <td class="govuk-table__cell">{browser::format_time(d.updated)}</td>
                                <td class="govuk-table__cell">
                                    {move || if confirm_delete.get().as_deref() == Some(id1.as_str()) {
                                        let (a, b) = (id2.clone(), case_ref.clone());
                                        view! {
                                            <p class="govuk-body-s">{format!("Delete \u{201c}{b}\u{201d} from this browser? This cannot be undone.")}</p>
                                            <div class="govuk-button-group">
                                                <button type="button" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" on:click=move |_| delete(a.clone())>"Yes, delete"</button>
                                                <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" on:click=move |_| confirm_delete.set(None)>"Cancel"</button>
                                            </div>
                                        }.into_any()
                                    } else {
                                        let (a, b, c) = (id3.clone(), id4.clone(), id5.clone());
                                        let label = case_ref.clone();
                                        view! {
                                            <ul class="govuk-list">
                                                <li><button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-1" on:click=move |_| export_one(a.clone())>"Export"<span class="govuk-visually-hidden">{format!(" {label}")}</span></button></li>
                                                <li><button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-1" on:click=move |_| duplicate(b.clone())>"Duplicate"</button></li>
                                                <li><button type="button" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" on:click=move |_| confirm_delete.set(Some(c.clone()))>"Delete"</button></li>
                                            </ul>
                                        }.into_any()
                                    }}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <button type="button" class="govuk-button govuk-button--secondary" id="export-all" on:click=export_all>"Export all assessments"</button>
        }.into_any(),
        Err(e) => view! { <p class="govuk-body" id="storage-error">{format!("Saved assessments cannot be listed: {e}.")}</p> }.into_any(),
    }
    };

    let unreadable = move || {
        let list = scan.with(|s| s.as_ref().map(|s| s.unreadable.clone()).unwrap_or_default());
        (!list.is_empty()).then(|| view! {
            <div class="govuk-warning-text" id="unreadable">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>
                    "Some saved data cannot be read. It is kept as it was; download it to keep a copy."</strong>
            </div>
            <ul class="govuk-list">
                {list.into_iter().map(|u| {
                    let (raw, key, key2) = (u.raw.clone(), u.key.clone(), u.key.clone());
                    view! {
                        <li>
                            <p class="govuk-body"><code>{u.key.clone()}</code>": "{u.error.clone()}</p>
                            <div class="govuk-button-group">
                                <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| { let _ = browser::download(&format!("{}.txt", key.replace('/', "-")), "text/plain", &raw); }>"Download the raw text"</button>
                                <button type="button" class="govuk-button govuk-button--warning" on:click=move |_| { let _ = store().discard(&key2); refresh(); }>"Remove it"</button>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })
    };

    view! {
        <h1 class="govuk-heading-l" id="main-heading" tabindex="-1">"Your assessments"</h1>
        {(!storage_ok).then(|| view! {
            <div class="govuk-warning-text" id="storage-warning">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <strong class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning"</span>
                    "This browser does not let the page save drafts here (for example inside another site's page, or in a locked-down mode). You can still assess a case, but export it before you close the page."
                </strong>
            </div>
        })}
        {move || message.get().map(|m| view! { <div class="govuk-inset-text" role="status" id="home-message">{m}</div> })}
        <p class="govuk-body">"Assessments are saved in this browser as you work. They are not sent anywhere. To keep a copy or pass one on, export it as a file."</p>
        {move || usage.get().map(|u| view! { <p class="govuk-body-s" id="storage-usage">{u}</p> })}
        <a href="#/new" role="button" draggable="false" class="govuk-button" id="start-new">"Start a new assessment"</a>
        {unreadable}
        {rows}
        <h2 class="govuk-heading-m">"Across assessments"</h2>
        <ul class="govuk-list">
            <li><a class="govuk-link" href="#/summary" id="home-summary">"Summary across assessments"</a>": per key question, in how many cases the work was sufficient."</li>
            <li><a class="govuk-link" href="#/compare" id="home-compare">"Compare assessors"</a>": where several assessments of the same case differ."</li>
        </ul>
        <h2 class="govuk-heading-m">"Import assessments"</h2>
        {move || (!import_errors.get().is_empty()).then(|| view! {
            <div class="govuk-error-summary" id="import-errors" tabindex="-1">
                <div role="alert">
                    <h2 class="govuk-error-summary__title">"The file cannot be imported"</h2>
                    <div class="govuk-error-summary__body">
                        <p class="govuk-body">"Nothing was changed. The problems:"</p>
                        <ul class="govuk-list govuk-error-summary__list">
                            {import_errors.get().into_iter().map(|p| view! { <li>{if p.path.is_empty() { p.message } else { format!("{}: {}", p.path, p.message) }}</li> }).collect_view()}
                        </ul>
                    </div>
                </div>
            </div>
        })}
        <div class="govuk-form-group">
            <label class="govuk-label" for="import-file">"Choose a file exported from Case Assessor (JSON, at most 5 MB)"</label>
            <input class="govuk-file-upload" id="import-file" name="import-file" type="file" accept=".json,application/json" on:change=on_file/>
        </div>
        {move || pending.get().map(|p| {
            let n = p.drafts.len();
            view! {
                <div class="govuk-inset-text app-import-confirm" id="import-confirm">
                    <h3 class="govuk-heading-s">{format!("The file holds {n} assessment(s)")}</h3>
                    <ul class="govuk-list govuk-list--bullet">
                        {p.drafts.iter().map(|(d, rules, old)| {
                            let what = match old {
                                Some(o) => format!("replaces the assessment with the same id in this browser (last saved {})", browser::format_time(o.updated)),
                                None => "new in this browser".into(),
                            };
                            view! { <li>{format!("{} ({}): {} answers; {what}", d.case_ref, rules.meta.title, d.answers.len())}</li> }
                        }).collect_view()}
                    </ul>
                    <div class="govuk-button-group">
                        <button type="button" class="govuk-button" id="import-confirm-button" on:click=do_import>{format!("Import {n} assessment(s)")}</button>
                        <button type="button" class="govuk-button govuk-button--secondary" on:click=move |_| pending.set(None)>"Cancel"</button>
                    </div>
                </div>
            }
        })}
    }
}
