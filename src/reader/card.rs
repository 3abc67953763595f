//! A linked term and its definition card: opens on hover (mouse), tap, or Enter/Space; one at a time; Escape or
//! a tap elsewhere closes it; it can be hovered (WCAG 1.4.13) and is placed so it never leaves the screen.

use super::{inline_views, Highlight};
use crate::browser;
use crate::shell::RouteLink;
use crate::state::{lang, ui, Announcer, CardState, Nav, OpenCard, Selected};
use explainer_core::model::{Article, GlossaryEntry, TermRef};
use explainer_core::placement::{place_card, Placement, Rect};
use explainer_core::route::Selection;
use explainer_core::Route;
use leptos::ev;
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;
use web_sys::{MouseEvent, PointerEvent};

/// How long the card stays after the pointer leaves, so it can travel from term to card.
const HOVER_CLOSE_DELAY: Duration = Duration::from_millis(300);

/// A term in the text: a button that toggles its definition card.
#[component]
pub fn TermButton(
    /// The article, for the glossary entry.
    article: Arc<Article>,
    /// The linked mention.
    term: TermRef,
) -> impl IntoView {
    let open = expect_context::<OpenCard>().0;
    let announcer = expect_context::<Announcer>().0;
    let highlight = use_context::<Highlight>();
    let occ = term.occurrence;
    let anchor = occ.anchor();
    let wrap_id = format!("wrap-{anchor}");
    let card_id = format!("card-{anchor}");
    let entry = article.entry(&term.term).cloned();
    // Keyed: opening a card must not wake every term button of a long text.
    let open_sel = use_context::<crate::state::OpenSelector>();
    let is_open = Memo::new(move |_| match &open_sel {
        Some(s) => s.0.selected(&Some(occ)),
        None => open.with(|o| o.map(|c| c.occurrence) == Some(occ)),
    });
    let close_timer = StoredValue::new(None::<TimeoutHandle>);
    let cancel_close = move || {
        if let Some(h) = close_timer.get_value() {
            h.clear();
        }
        close_timer.set_value(None);
    };

    let on_enter = move |e: PointerEvent| {
        if e.pointer_type() != "mouse" {
            return;
        }
        cancel_close();
        if !is_open.get_untracked() {
            open.set(Some(CardState {
                occurrence: occ,
                pinned: false,
            }));
        }
    };
    let on_leave = move |e: PointerEvent| {
        if e.pointer_type() != "mouse" {
            return;
        }
        cancel_close();
        let h = set_timeout_with_handle(
            move || {
                if open.get_untracked()
                    == Some(CardState {
                        occurrence: occ,
                        pinned: false,
                    })
                {
                    open.set(None);
                }
            },
            HOVER_CLOSE_DELAY,
        );
        close_timer.set_value(h.ok());
    };
    let nav = use_context::<Nav>();
    let term_id = term.term.clone();
    let announce_text = entry
        .as_ref()
        .map(|e| {
            format!(
                "{}: {}",
                e.term_in(lang()).text,
                e.definition_in(lang()).text
            )
        })
        .unwrap_or_default();
    let on_click = move |_: MouseEvent| {
        cancel_close();
        match open.get_untracked() {
            Some(c) if c.occurrence == occ && c.pinned => open.set(None),
            _ => {
                open.set(Some(CardState {
                    occurrence: occ,
                    pinned: true,
                }));
                announcer.set(announce_text.clone());
                // Opening a card on purpose selects the term in every view (and in the URL).
                if let Some(nav) = nav {
                    nav.select(Some(Selection::Term(term_id.clone())));
                }
            }
        }
    };
    let label = inline_views(&term.content, &article, occ.doc);
    let flash = {
        let anchor = anchor.clone();
        move || highlight.is_some_and(|h| h.0.with(|a| a.as_deref() == Some(anchor.as_str())))
    };
    let sel = use_context::<Selected>();
    let flags = use_context::<crate::state::TermFlags>();
    let is_selected = {
        let id = term.term.clone();
        move || match &flags {
            Some(f) => f.is_selected(&id),
            None => sel.is_some_and(|s| s.0.with(|h| h.terms.contains(&id))),
        }
    };
    let card = {
        let card_id = card_id.clone();
        let anchor = anchor.clone();
        move || {
            is_open.get().then(|| {
                view! {
                    <TermCard
                        entry=entry.clone()
                        slug=article.slug.clone()
                        card_id=card_id.clone()
                        anchor_id=anchor.clone()
                    />
                }
            })
        }
    };
    view! {
        <span class="term-wrap" id=wrap_id on:pointerenter=on_enter on:pointerleave=on_leave>
            <button
                type="button"
                class="term"
                class:flash=flash
                class:selected=is_selected
                id=anchor.clone()
                aria-expanded=move || is_open.get().to_string()
                aria-controls=move || is_open.get().then(|| card_id.clone())
                on:click=on_click
            >
                {label}
            </button>
            {card}
        </span>
    }
}

/// The definition card of an open term.
#[component]
pub fn TermCard(
    /// The glossary entry (None only if the content is inconsistent).
    entry: Option<GlossaryEntry>,
    /// The article the entry belongs to.
    slug: explainer_core::model::ArticleSlug,
    /// DOM id of the card.
    card_id: String,
    /// DOM id of the term button it belongs to.
    anchor_id: String,
) -> impl IntoView {
    let open = expect_context::<OpenCard>().0;
    let node = NodeRef::<leptos::html::Span>::new();
    let placement = RwSignal::new(None::<Placement>);
    let place = {
        let anchor_id = anchor_id.clone();
        move || {
            let (Some(card), Some(term)) = (node.get_untracked(), browser::element(&anchor_id))
            else {
                return;
            };
            let r = term.get_bounding_client_rect();
            let c = card.get_bounding_client_rect();
            let (vw, vh) = browser::viewport();
            let anchor = Rect {
                left: r.left(),
                top: r.top(),
                width: r.width(),
                height: r.height(),
            };
            placement.set(Some(place_card(anchor, c.width(), c.height(), vw, vh)));
        }
    };
    Effect::new({
        let place = place.clone();
        move |_| {
            if node.get().is_some() {
                place();
            }
        }
    });
    Effect::new({
        let place = place.clone();
        move |_| {
            let p1 = place.clone();
            let scroll = window_event_listener(ev::scroll, move |_| p1());
            let p2 = place.clone();
            let resize = window_event_listener(ev::resize, move |_| p2());
            on_cleanup(move || {
                scroll.remove();
                resize.remove();
            });
        }
    });
    let title_id = format!("{card_id}-title");
    let close = move |_: MouseEvent| {
        open.set(None);
        if let Some(b) = browser::element(&anchor_id) {
            let _ = b.focus();
        }
    };
    let body = match entry {
        Some(e) => {
            let tags = e
                .tags
                .iter()
                .map(|t| view! { <span class="tag" data-paper=t.paper.to_string()>{format!("{} · ", t.paper.label())}<span lang="en">{t.area.clone()}</span></span> })
                .collect_view();
            let route = Route::term(&slug, &e.id);
            let (term, def) = (e.term_in(lang()), e.definition_in(lang()));
            view! {
                <span class="card-term" id=title_id.clone() lang=term.lang.code()>{term.text.to_string()}</span>
                <span class="card-def" lang=def.lang.code()>{def.text.to_string()}</span>
                <span class="card-tags">{tags}</span>
                <RouteLink route=route class="card-link">{ui().open_in_glossary}</RouteLink>
            }
            .into_any()
        }
        None => view! {
            <span class="card-term" id=title_id.clone()>{ui().definition_unavailable}</span>
            <span class="card-def">{ui().no_entry}</span>
        }
        .into_any(),
    };
    view! {
        <span
            class="term-card"
            id=card_id
            lang=lang().code()
            role="group"
            aria-labelledby=title_id
            node_ref=node
            class:placed=move || placement.get().is_some()
            class:above=move || placement.get().is_some_and(|p| p.above)
            style:left=move || placement.get().map(|p| format!("{}px", p.left))
            style:top=move || placement.get().map(|p| format!("{}px", p.top))
        >
            <button type="button" class="card-close" aria-label=ui().close_definition on:click=close>
                "×"
            </button>
            {body}
        </span>
    }
}
