//! Renders guidance markup (see `engine::markup`) as elements: never as HTML.

use crate::engine::markup::{self, Block, Inline};
use leptos::prelude::*;

fn inlines(items: Vec<Inline>) -> impl IntoView {
    items
        .into_iter()
        .map(|i| match i {
            Inline::Text(t) => t.into_any(),
            Inline::Em(t) => view! { <em>{t}</em> }.into_any(),
            Inline::Strong(t) => view! { <strong>{t}</strong> }.into_any(),
            Inline::Link { text, href } => view! { <a class="govuk-link" href=href rel="noreferrer noopener" target="_blank">{text}" (opens in new tab)"</a> }.into_any(),
        })
        .collect_view()
}

/// Guidance text as paragraphs and lists.
#[component]
pub fn Guidance(text: String) -> impl IntoView {
    markup::parse(&text)
        .into_iter()
        .map(|b| match b {
            Block::Para(i) => view! { <p class="govuk-body">{inlines(i)}</p> }.into_any(),
            Block::List(items) => view! {
                <ul class="govuk-list govuk-list--bullet">
                    {items.into_iter().map(|i| view! { <li>{inlines(i)}</li> }).collect_view()}
                </ul>
            }
            .into_any(),
        })
        .collect_view()
}
