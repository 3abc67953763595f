//! The map's details panel (a side panel, a bottom sheet on phones) and its list view.

use crate::shell::RouteLink;
use crate::state::{lang, ui};
use explainer_core::i18n::{event_date, fill, Label};
use explainer_core::model::{Article, DocKind, Quote, Relation};
use explainer_core::route::Selection;
use explainer_core::{Route, View};
use leptos::prelude::*;
use std::sync::Arc;

/// What the panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelTarget {
    /// An entity, by index in `Article::entities`.
    Entity(usize),
    /// A relation, by index in `Article::relations`.
    Relation(usize),
}

/// The quote of a relation or event, with a link that opens the reader at its sentence.
#[component]
pub fn Evidence(
    /// The article (for its slug).
    article: Arc<Article>,
    /// The quote.
    quote: Quote,
) -> impl IntoView {
    let link = quote.sentences.first().map(|s| {
        let view = if s.doc == DocKind::Brief { View::Brief } else { View::Full };
        let label = fill(ui().read_in, &[("where", &s.doc.label_in(lang()))]);
        view! {
            <RouteLink route=Route::view(&article.slug, view) fragment=s.anchor() class="quote-link">
                {label}
            </RouteLink>
        }
    });
    view! {
        <blockquote class="evidence">
            <p lang="en">{format!("“{}”", quote.text)}</p>
            {link}
        </blockquote>
    }
}

fn name(article: &Article, id: &explainer_core::model::EntityId) -> String {
    article
        .entity(id)
        .map(|e| e.name_in(lang()).text.to_string())
        .unwrap_or_else(|| id.to_string())
}

/// "India → Italy: asked not to share …" — authors' labels are phrases, not always the middle of a sentence.
/// The label is authored in English, so it keeps `lang="en"` inside a Hindi page.
fn relation_sentence(article: &Article, r: &Relation) -> impl IntoView {
    let arrow = if r.kind.is_symmetric() { "↔" } else { "→" };
    let names = format!(
        "{} {arrow} {}: ",
        name(article, &r.from),
        name(article, &r.to)
    );
    view! { {names} <span lang="en">{r.label.clone()}</span> }
}

/// Details of an entity or a relation.
#[component]
pub fn MapPanel(
    /// The article.
    article: Arc<Article>,
    /// What to show.
    target: PanelTarget,
    /// Called by the close button and Escape.
    on_close: Callback<()>,
) -> impl IntoView {
    let body = match target {
        PanelTarget::Entity(i) => {
            let Some(e) = article.entities.get(i).cloned() else {
                return ().into_any();
            };
            let rels: Vec<Relation> = article
                .relations
                .iter()
                .filter(|r| r.from == e.id || r.to == e.id)
                .cloned()
                .collect();
            let rel_items = rels
                .into_iter()
                .map(|r| {
                    let text = relation_sentence(&article, &r);
                    view! {
                        <li>
                            <p class="relation"><span class="rel-kind" data-group=r.kind.group().key()>{r.kind.label_in(lang())}</span>" " {text}</p>
                            <Evidence article=article.clone() quote=r.quote.clone() />
                        </li>
                    }
                })
                .collect_view();
            let term = e.term.as_ref().map(|t| {
                view! { <p><RouteLink route=Route::term(&article.slug, t)>{ui().glossary_entry}</RouteLink></p> }
            });
            let events = article
                .timeline
                .iter()
                .filter(|ev| ev.entities.contains(&e.id))
                .map(|ev| {
                    let route = Route::view(&article.slug, View::Timeline).with_selection(Some(Selection::Event(ev.id.clone())));
                    let title = ev.title_in(lang());
                    let (when, code, text) = (format!("{} — ", event_date(&ev.date, lang())), title.lang.code(), title.text.to_string());
                    view! { <li><RouteLink route=route>{when}<span lang=code>{text}</span></RouteLink></li> }
                })
                .collect_view();
            let (name, desc) = (e.name_in(lang()), e.description_in(lang()));
            view! {
                <h3 id="map-panel-title" lang=name.lang.code()>{name.text.to_string()}</h3>
                <p class="kicker">{e.kind.label_in(lang())}</p>
                <p lang=desc.lang.code()>{desc.text.to_string()}</p>
                {term}
                <h4>{ui().relations}</h4>
                <ul class="relations">{rel_items}</ul>
                <h4>{ui().in_timeline}</h4>
                <ul class="timeline-links">{events}</ul>
            }
            .into_any()
        }
        PanelTarget::Relation(k) => {
            let Some(r) = article.relations.get(k).cloned() else {
                return ().into_any();
            };
            view! {
                <h3 id="map-panel-title">{format!("{} → {}", name(&article, &r.from), name(&article, &r.to))}</h3>
                <p class="kicker">{r.kind.label_in(lang())}</p>
                <p>{relation_sentence(&article, &r)}</p>
                <Evidence article=article.clone() quote=r.quote.clone() />
            }
            .into_any()
        }
    };
    view! {
        <aside class="map-panel" aria-labelledby="map-panel-title" on:keydown=move |ev: web_sys::KeyboardEvent| {
            if ev.key() == "Escape" {
                on_close.run(());
            }
        }>
            <button type="button" class="panel-close" aria-label=ui().close_details on:click=move |_| on_close.run(())>"×"</button>
            {body}
        </aside>
    }
    .into_any()
}

/// The graph as a list: every entity with its relations and their quotes.
#[component]
pub fn MapList(
    /// The article.
    article: Arc<Article>,
) -> impl IntoView {
    let items = article
        .entities
        .iter()
        .map(|e| {
            let rels = article
                .relations
                .iter()
                .filter(|r| r.from == e.id || r.to == e.id)
                .map(|r| {
                    view! {
                        <li>
                            <p class="relation">{relation_sentence(&article, r)}</p>
                            <Evidence article=article.clone() quote=r.quote.clone() />
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li class="entity-item" id=format!("list-{}", e.id)>
                    <h3 lang=e.name_in(lang()).lang.code()>{e.name_in(lang()).text.to_string()} <span class="kicker" lang=lang().code()>{format!(" · {}", e.kind.label_in(lang()))}</span></h3>
                    <p lang=e.description_in(lang()).lang.code()>{e.description_in(lang()).text.to_string()}</p>
                    <ul class="relations">{rels}</ul>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="entity-list">{items}</ul> }
}
