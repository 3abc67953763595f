//! The timeline: events in order, dates of mixed precision shown as they are known (a span is a bar, an
//! undated event sits in an "earlier" lane), filterable by category. One tab stop: arrow keys move between
//! events, Home/End jump, Enter or Space opens the event's details.

use crate::browser;
use crate::shell::{toggle, RouteLink};
use crate::state::{lang, ui, LoadedArticle, Nav, Selected};
use explainer_core::i18n::{event_date, fill, Label, Lang};
use explainer_core::model::{DocKind, EventCategory, TimelineEvent};
use explainer_core::route::Selection;
use explainer_core::timeline::{order_events, timeline_columns, EventDate};
use explainer_core::{Route, View};
use leptos::prelude::*;
use std::sync::Arc;
use web_sys::KeyboardEvent;

fn precision_note(e: &TimelineEvent, all: &[TimelineEvent], lang: Lang) -> String {
    let ui = lang.ui();
    match &e.date {
        EventDate::On(d) => d.precision().label_in(lang).into(),
        EventDate::Span(..) => ui.a_period.into(),
        EventDate::Undated { before } => match all.get(*before as usize) {
            Some(b) => fill(ui.undated_before, &[("title", &b.title_in(lang).text)]),
            None => ui.undated.into(),
        },
    }
}

fn event_anchor(e: &TimelineEvent) -> String {
    format!("ev-{}", e.id)
}

/// The timeline of one article.
#[component]
pub fn TimelineView(
    /// The article.
    loaded: LoadedArticle,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let selected = expect_context::<Selected>().0;
    let article = loaded.article.clone();
    let events = Arc::new(article.timeline.clone());
    let dates: Vec<EventDate> = events.iter().map(|e| e.date.clone()).collect();
    let order = order_events(&dates);
    let (columns, spans) = timeline_columns(&dates, &order);
    let order: Vec<usize> = order.all().collect();
    let hidden = RwSignal::new(Vec::<EventCategory>::new());
    let visible = {
        let events = events.clone();
        let order = order.clone();
        Memo::new(move |_| {
            hidden.with(|h| {
                order
                    .iter()
                    .copied()
                    .filter(|&i| !h.contains(&events[i].category))
                    .collect::<Vec<_>>()
            })
        })
    };
    // The event with the tab stop, and the one whose details are shown.
    let active = RwSignal::new(order.first().copied().unwrap_or(0));
    let open = RwSignal::new(None::<usize>);

    // A shared link selecting an event opens it.
    {
        let events = events.clone();
        Effect::new(move |_| {
            if let Some(Selection::Event(id)) = nav.selection() {
                if let Some(i) = events.iter().position(|e| e.id == id) {
                    active.set(i);
                    open.set(Some(i));
                }
            }
        });
    }

    let focus_event = {
        let events = events.clone();
        move |i: usize| {
            active.set(i);
            let id = event_anchor(&events[i]);
            // The element is always rendered (filters only hide it), so focus can move right away.
            browser::focus_id(&id);
        }
    };
    let open_event = {
        let events = events.clone();
        move |i: usize| {
            active.set(i);
            open.set(Some(i));
            nav.select(Some(Selection::Event(events[i].id.clone())));
        }
    };
    let on_key = {
        let focus_event = focus_event.clone();
        let open_event = open_event.clone();
        move |ev: KeyboardEvent| {
            let vis = visible.get_untracked();
            let Some(pos) = vis
                .iter()
                .position(|&i| i == active.get_untracked())
                .or((!vis.is_empty()).then_some(0))
            else {
                return;
            };
            let target = match ev.key().as_str() {
                "ArrowDown" | "ArrowRight" => Some((pos + 1).min(vis.len() - 1)),
                "ArrowUp" | "ArrowLeft" => Some(pos.saturating_sub(1)),
                "Home" => Some(0),
                "End" => Some(vis.len() - 1),
                "Enter" | " " => {
                    ev.prevent_default();
                    open_event(vis[pos]);
                    return;
                }
                _ => None,
            };
            if let Some(t) = target {
                ev.prevent_default();
                focus_event(vis[t]);
            }
        }
    };

    let filters = EventCategory::ALL
        .into_iter()
        .filter(|c| article.timeline.iter().any(|e| e.category == *c))
        .map(|c| {
            let pressed = move || (!hidden.with(|h| h.contains(&c))).to_string();
            view! {
                <button
                    type="button"
                    class="chip"
                    data-category=c.key()
                    aria-pressed=pressed
                    on:click=move |_| hidden.update(|h| toggle(h, c))
                >
                    {c.label_in(lang())}
                </button>
            }
        })
        .collect_view();

    // Grid lines come as data attributes matched by rules in style/timeline.css (not style attributes, which the
    // Content-Security-Policy forbids and a prerendered page would carry).
    // The lane count is stated up front too: with lanes made only as events named them, a page painted before
    // all its events were parsed (a slow link) laid its first events out wide and then narrowed them.
    let lanes = columns.len().to_string();
    let headers = columns
        .iter()
        .enumerate()
        .map(|(k, l)| {
            // The one non-year column is the undated lane.
            let l = if l.parse::<i32>().is_ok() {
                l.clone()
            } else {
                ui().earlier_lane.to_string()
            };
            view! { <li data-col=(k + 1).to_string()>{l}</li> }
        })
        .collect_view();

    let items = order
        .iter()
        .map(|&i| {
            let e = events[i].clone();
            let (a, b) = spans[order.iter().position(|&o| o == i).unwrap_or(0)];
            let id = e.id.clone();
            let is_sel = move || selected.with(|h| h.events.contains(&id));
            let open_event = open_event.clone();
            view! {
                <li
                    role="option"
                    id=event_anchor(&e)
                    class="event"
                    class:undated=matches!(e.date, EventDate::Undated { .. })
                    class:bar=e.date.is_bar()
                    class:selected=is_sel
                    data-category=e.category.key()
                    data-col=(a + 1).to_string()
                    data-end=(b + 2).to_string()
                    hidden=move || !visible.with(|v| v.contains(&i))
                    tabindex=move || if active.get() == i { "0" } else { "-1" }
                    aria-selected=move || (open.get() == Some(i)).to_string()
                    on:click=move |_| open_event(i)
                >
                    <span class="ev-date">{event_date(&e.date, lang())}</span>
                    <span class="ev-title" lang=e.title_in(lang()).lang.code()>{e.title_in(lang()).text.to_string()}</span>
                    <span class="ev-cat">{e.category.label_in(lang())}</span>
                </li>
            }
        })
        .collect_view();

    let detail = {
        let events = events.clone();
        let slug = article.slug.clone();
        move || {
            let i = open.get()?;
            let e = events.get(i)?.clone();
            let lang = lang();
            let note = precision_note(&e, &events, lang);
            let quote_link = e.quote.sentences.first().map(|s| {
                let view = if s.doc == DocKind::Brief { View::Brief } else { View::Full };
                let label = fill(ui().read_in, &[("where", &s.doc.label_in(lang))]);
                view! {
                    <RouteLink route=Route::view(&slug, view) fragment=s.anchor() class="quote-link">{label}</RouteLink>
                }
            });
            let terms = e
                .terms
                .iter()
                .map(|t| {
                    let name = loaded
                        .article
                        .entry(t)
                        .map(|g| g.term_in(lang).text.to_string())
                        .unwrap_or_else(|| t.to_string());
                    view! { <li><RouteLink route=Route::term(&slug, t)>{name}</RouteLink></li> }
                })
                .collect_view();
            let entities = e
                .entities
                .iter()
                .map(|en| {
                    let name = loaded
                        .article
                        .entity(en)
                        .map(|x| x.name_in(lang).text.to_string())
                        .unwrap_or_else(|| en.to_string());
                    let route = Route::view(&slug, View::Map)
                        .with_selection(Some(Selection::Entity(en.clone())));
                    view! { <li><RouteLink route=route>{name}</RouteLink></li> }
                })
                .collect_view();
            let tags = e.tags.iter().map(|t| view! { <li class="tag" data-paper=t.paper.to_string()>{format!("{} · ", t.paper.label())}<span lang="en">{t.area.clone()}</span></li> }).collect_view();
            let (title, text) = (e.title_in(lang), e.text_in(lang));
            Some(view! {
                <h3 id="event-detail-title" lang=title.lang.code()>{title.text.to_string()}</h3>
                <p class="kicker">{format!("{} · {} · {}", event_date(&e.date, lang), note, e.category.label_in(lang))}</p>
                <p lang=text.lang.code()>{text.text.to_string()}</p>
                <blockquote class="evidence">
                    <p lang="en">{format!("“{}”", e.quote.text)}</p>
                    {quote_link}
                </blockquote>
                <ul class="tags" aria-label=ui().syllabus>{tags}</ul>
                <div class="links">
                    <h4>{ui().terms}</h4>
                    <ul class="chips">{terms}</ul>
                    <h4>{ui().on_map}</h4>
                    <ul class="chips">{entities}</ul>
                </div>
            })
        }
    };

    view! {
        <section class="timeline" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{ui().timeline_heading}</h2>
            <div class="filters" role="group" aria-label=ui().show_categories>{filters}</div>
            <p class="hint" id="timeline-help">{ui().timeline_help}</p>
            <div class="timeline-track">
                <ol class="axis" aria-hidden="true" data-lanes=lanes.clone()>{headers}</ol>
                <ol class="events" data-lanes=lanes role="listbox" aria-labelledby="timeline-title" aria-describedby="timeline-help" on:keydown=on_key>
                    {items}
                </ol>
            </div>
            <div class="event-detail" role="region" aria-label=ui().event_details aria-live="polite">
                {move || detail().map(|d| d.into_any()).unwrap_or_else(|| view! { <p class="hint">{ui().choose_event}</p> }.into_any())}
            </div>
        </section>
    }
}
