//! The map's details panel (a side panel, a bottom sheet on phones) and its list view.

use crate::shell::RouteLink;
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
        let (view, where_) = if s.doc == DocKind::Brief { (View::Brief, "brief") } else { (View::Full, "full article") };
        view! {
            <RouteLink route=Route::view(&article.slug, view) fragment=s.anchor() class="quote-link">
                {format!("Read it in the {where_}")}
            </RouteLink>
        }
    });
    view! {
        <blockquote class="evidence">
            <p>{format!("“{}”", quote.text)}</p>
            {link}
        </blockquote>
    }
}

fn name(article: &Article, id: &explainer_core::model::EntityId) -> String {
    article
        .entity(id)
        .map(|e| e.name.clone())
        .unwrap_or_else(|| id.to_string())
}

/// "India → Italy: asked not to share …" — authors' labels are phrases, not always the middle of a sentence.
fn relation_sentence(article: &Article, r: &Relation) -> String {
    let arrow = if r.kind.is_symmetric() { "↔" } else { "→" };
    format!(
        "{} {arrow} {}: {}",
        name(article, &r.from),
        name(article, &r.to),
        r.label
    )
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
                            <p class="relation"><span class="rel-kind" data-group=r.kind.group().key()>{r.kind.label()}</span>" " {text}</p>
                            <Evidence article=article.clone() quote=r.quote.clone() />
                        </li>
                    }
                })
                .collect_view();
            let term = e.term.as_ref().map(|t| {
                view! { <p><RouteLink route=Route::term(&article.slug, t)>"Glossary entry"</RouteLink></p> }
            });
            let events = article
                .timeline
                .iter()
                .filter(|ev| ev.entities.contains(&e.id))
                .map(|ev| {
                    let route = Route::view(&article.slug, View::Timeline).with_selection(Some(Selection::Event(ev.id.clone())));
                    view! { <li><RouteLink route=route>{format!("{} — {}", ev.date.label(), ev.title)}</RouteLink></li> }
                })
                .collect_view();
            view! {
                <h3 id="map-panel-title">{e.name.clone()}</h3>
                <p class="kicker">{e.kind.label()}</p>
                <p>{e.description.clone()}</p>
                {term}
                <h4>"Relations"</h4>
                <ul class="relations">{rel_items}</ul>
                <h4>"In the timeline"</h4>
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
                <p class="kicker">{r.kind.label()}</p>
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
            <button type="button" class="panel-close" aria-label="Close details" on:click=move |_| on_close.run(())>"×"</button>
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
                    <h3>{e.name.clone()} <span class="kicker">{format!(" · {}", e.kind.label())}</span></h3>
                    <p>{e.description.clone()}</p>
                    <ul class="relations">{rels}</ul>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="entity-list">{items}</ul> }
}
