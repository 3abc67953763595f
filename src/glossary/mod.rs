//! The glossary: every term A–Z, search as you type, filter by syllabus paper, occurrences linked to the reader.

use crate::browser;
use crate::shell::{toggle, RouteLink};
use crate::state::{lang, ui, LoadedArticle, Nav, Selected};
use explainer_core::i18n::{fill, paper_scope, Label, Lang};
use explainer_core::model::{Article, DocKind, GlossaryEntry, TermId};
use explainer_core::search::{
    both_entries, glossary_rows, plan_rows, GlossaryRow, MatchField, SearchHit, SearchIndex,
};
use explainer_core::{Route, SyllabusPaper, View};
use leptos::prelude::*;

/// `text` with `range` (a byte range from the search) wrapped in `<mark>`.
pub fn highlighted(text: &str, range: Option<(usize, usize)>) -> AnyView {
    match range {
        Some((a, b))
            if a < b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b) =>
        {
            view! {
                {text[..a].to_string()}
                <mark>{text[a..b].to_string()}</mark>
                {text[b..].to_string()}
            }
            .into_any()
        }
        _ => text.to_string().into_any(),
    }
}

/// The element id of a term's entry (its deep-link target).
fn entry_id(term: &TermId) -> String {
    format!("term-{term}")
}

/// Where the search matched an entry, in the text shown: the field and the byte range in it.
type Highlight = Option<(MatchField, (usize, usize))>;

/// Entries drawn per step: a keystroke in a 5,000-term glossary must not rebuild thousands of entries on a
/// cheap phone; "Show more" draws the next step (and the entry a URL names is always drawn).
const STEP: usize = 100;

/// New rows a keystroke draws at once: the rest of its step follow a frame later, so the keystroke is painted
/// without waiting for them. Entries are 230–380 px tall, so 4 fill ~920–1,500 px: more than a phone's screen
/// (412×823) or a desktop's (1280×900).
const FIRST: usize = 4;

/// Runs `f` once the next frame has been painted (a task after the frame's callbacks).
fn after_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}

fn reader_view(doc: DocKind) -> View {
    match doc {
        DocKind::Brief => View::Brief,
        DocKind::Full => View::Full,
    }
}

/// The glossary of one article.
#[component]
pub fn GlossaryView(
    /// The article and its search index.
    loaded: LoadedArticle,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let query = RwSignal::new(String::new());
    let papers = RwSignal::new(Vec::<SyllabusPaper>::new());
    let selected = Memo::new(move |_| match nav.route.get() {
        Route::Article { term, .. } => term,
        _ => None,
    });
    let search = match lang() {
        Lang::En => loaded.search(),
        l => std::sync::Arc::new(SearchIndex::new_in(&loaded.article.glossary, l)),
    };
    let hits = {
        let search = search.clone();
        Memo::new(move |_| {
            let q = query.get();
            papers.with(|p| search.search(&q, p))
        })
    };
    let article = loaded.article.clone();
    let total = loaded.article.glossary.len();
    // "Show more" widens the list for the search it was pressed for (`search_no` counts searches and filters);
    // the next search starts again from the first step. Derived, not reset by an effect: an effect runs after the
    // list has been planned for the keystroke, and would plan it again with the whole step at once.
    let search_no = Memo::new(move |before: Option<&u64>| {
        query.track();
        papers.track();
        before.map_or(0, |n| n + 1)
    });
    let widened = RwSignal::new(None::<(u64, usize)>);
    let shown = Memo::new(move |_| match widened.get() {
        Some((no, n)) if no == search_no.get() => n,
        _ => STEP,
    });

    // Opening a term's URL shows that entry: clear what could hide it, then bring it into view.
    // The glossary was just opened (or rebuilt in another language) on the first run: jump there.
    Effect::new(move |before: Option<()>| {
        let how = browser::Scroll::on_run(before.is_none());
        if let Some(t) = selected.get() {
            query.set(String::new());
            papers.set(Vec::new());
            request_animation_frame(move || {
                // Entries off screen skip layout (content-visibility) and count at an estimated height, so a
                // scroll computed from them lands thousands of pixels off (past the entry, on a wide screen).
                // Laid out for the scroll, they keep their measured size after (`contain-intrinsic-size: auto`).
                // One frame lays them out, the next scrolls: sizes settled during the scroll itself moved what
                // came into view from where the scroll alone would have put it, a layout shift. And the entries
                // around the target stay laid out (`near`): back to `content-visibility: auto` once the scroll
                // was done, those on screen were skipped for a frame and collapsed to the estimate, the page
                // jumping under the reader (CLS 0.42 on a phone opening a term's URL).
                let id = entry_id(&t);
                browser::set_class_on_parent(&id, "revealing", true);
                request_animation_frame(move || {
                    browser::mark_siblings_near(&id, "near");
                    browser::reveal(&id, how);
                    request_animation_frame(move || {
                        browser::set_class_on_parent(&id, "revealing", false);
                    });
                });
            });
        }
    });

    let filters = SyllabusPaper::ALL
        .into_iter()
        .map(|p| {
            let pressed = move || papers.with(|ps| ps.contains(&p)).to_string();
            view! {
                <button
                    type="button"
                    class="chip"
                    data-paper=p.to_string()
                    aria-pressed=pressed
                    title=paper_scope(p, lang())
                    on:click=move |_| papers.update(|ps| toggle(ps, p))
                >
                    {p.label()}
                </button>
            }
        })
        .collect_view();

    // What the list draws, in order: letter headings and entries, keyed, so a keystroke that keeps an entry keeps
    // its element and only updates its highlight. A list that is mostly new gets a new generation and is built
    // afresh off the page and inserted once (a first keystroke over 5,000 terms replaces nearly every row). A
    // keystroke creates at most FIRST new rows at once; the rest of its step follow after the next frame
    // (`rest_due`), below those (rows_now).
    let previous = StoredValue::new((0u32, Vec::<GlossaryRow>::new(), false));
    let rest_due = RwSignal::new(0u32);
    let items = Memo::new(move |before: Option<&(u32, Vec<GlossaryRow>)>| {
        rest_due.track();
        let grouped = query.with(|q| q.trim().is_empty());
        // Untracked: selecting an entry must not redraw the list (focus); opening a URL clears the search, which
        // redraws it with the entry.
        let wanted = selected.get_untracked();
        let mut rows = hits.with(|h| {
            glossary_rows(
                &article.glossary,
                h,
                shown.get(),
                grouped,
                wanted.as_ref(),
                lang(),
            )
        });
        let (generation, now) = previous.with_value(|(g, old, partial)| {
            let keep = || {
                wanted
                    .as_ref()
                    .and_then(|t| article.glossary.iter().position(|e| &e.id == t))
                    .map(GlossaryRow::Entry)
            };
            let plan = plan_rows(old, *partial, &rows, before.is_none(), FIRST, keep);
            (g + u32::from(plan.new_generation), plan.now)
        });
        let partial = now.is_some();
        if let Some(now) = now {
            rows = now;
            after_paint(move || {
                rest_due.try_update(|n| *n += 1);
            });
        }
        previous.set_value((generation, rows.clone(), partial));
        (generation, rows)
    });
    let generation = Memo::new(move |_| items.with(|(g, _)| *g));
    // Where the query matched each entry, by entry index: a plain vector (no hashing of thousands of hits per
    // keystroke); each drawn row maps its own match back to the original text.
    let matches = Memo::new(move |_| {
        hits.with(|hits| {
            let mut by_entry = vec![None; total];
            for h in hits {
                if let Some(slot) = by_entry.get_mut(h.index) {
                    *slot = h.matched;
                }
            }
            by_entry
        })
    });
    let more = move || hits.with(Vec::len).saturating_sub(shown.get());
    // Whether anything matched: the "no results" line and the hidden list follow it, not every keystroke.
    let empty = Memo::new(move |_| hits.with(Vec::is_empty));
    // A replaced list's predecessors stay on the page, hidden, until the new one has been painted, and are
    // dropped then: dropping a hundred entries (their reactive state and elements) was ~3 ms of the ~11 a first
    // keystroke took in a 5,000-term glossary. Newest first, so an id that is in both names the shown entry.
    let settled = RwSignal::new(0u32);
    Effect::new(move |_| {
        let g = generation.get();
        after_paint(move || {
            settled.try_update(|s| *s = (*s).max(g));
        });
    });
    let lists = Memo::new(move |_| {
        let (g, s) = (generation.get(), settled.get());
        (s.min(g)..=g).rev().collect::<Vec<u32>>()
    });
    // The highlight of each entry drawn in the current list, set by one effect when the search changes. Each row
    // used to derive its own from the search (a memo reading it and the list's generation): a keystroke then
    // walked every drawn row's memo and its effects twice over before anything was drawn, copying each node's
    // subscriber set on the way (~1 ms of a first keystroke in a 5,000-term glossary, for rows about to be
    // hidden). Now a row is touched only when its own highlight changes, and a replaced list's rows not at all:
    // a newer list's row for the same entry takes its place here (by entry index, a plain vector as for `matches`).
    let highlights = StoredValue::new(vec![None::<(u32, RwSignal<Highlight>)>; total]);
    {
        let search = search.clone();
        Effect::new(move |_| {
            matches.with(|m| {
                // This search's list: rows of a list it replaces stay as they are until they are dropped.
                let current = generation.get_untracked();
                highlights.with_value(|drawn| {
                    for (i, &(g, h)) in drawn
                        .iter()
                        .enumerate()
                        .filter_map(|(i, d)| Some((i, d.as_ref()?)))
                    {
                        if g != current {
                            continue;
                        }
                        let want = search.range(&SearchHit {
                            index: i,
                            matched: m.get(i).copied().flatten(),
                        });
                        if h.try_with_untracked(|now| *now != want) == Some(true) {
                            h.set(want);
                        }
                    }
                })
            })
        });
    }
    let list = {
        let article = loaded.article.clone();
        let named = loaded.article.clone();
        let row = move |mine: u32| {
            let (article, search) = (article.clone(), search.clone());
            move |item: GlossaryRow| match item {
                GlossaryRow::Letter(l) => {
                    view! { <li class="letter" aria-hidden="true">{l.to_string()}</li> }.into_any()
                }
                GlossaryRow::Entry(i) => {
                    let now = search.range(&SearchHit {
                        index: i,
                        matched: matches.with_untracked(|m| m.get(i).copied().flatten()),
                    });
                    let matched = RwSignal::new(now);
                    highlights.update_value(|drawn| {
                        if let Some(slot) = drawn.get_mut(i) {
                            *slot = Some((mine, matched));
                        }
                    });
                    on_cleanup(move || {
                        highlights.try_update_value(|drawn| {
                            if let Some(slot) = drawn.get_mut(i) {
                                if slot.is_some_and(|(_, h)| h == matched) {
                                    *slot = None;
                                }
                            }
                        });
                    });
                    view! {
                        <EntryView
                            entry=article.glossary[i].clone()
                            article=article.clone()
                            matched=matched.into()
                            selected=Signal::derive(move || selected.get())
                        />
                    }
                    .into_any()
                }
            }
        };
        move |mine: u32| {
            // A list of an older generation keeps its rows until it is dropped: the memo's value stays equal, so
            // its `For` is not diffed again.
            let rows = Memo::new(move |before: Option<&Vec<GlossaryRow>>| {
                items.with(|(g, v)| {
                    if *g == mine {
                        v.clone()
                    } else {
                        // Older from the start too: the first draw is a new generation over the empty one.
                        before.cloned().unwrap_or_default()
                    }
                })
            });
            // Replaced, the list gives up the ids of the entries the current list draws too, before the paint
            // (effects run in microtasks): until it is dropped, they would otherwise have two elements with one
            // id. Only those: a first keystroke draws a few rows, and taking all of a hundred entries' ids cost
            // ~0.4 ms of it. Again when the current list draws the rest of its step.
            let node = NodeRef::<leptos::html::Ul>::new();
            let article = named.clone();
            Effect::new(move |_| {
                items.with(|(g, current)| {
                    if *g == mine {
                        return;
                    }
                    let Some(ul) = node.get_untracked() else {
                        return;
                    };
                    rows.with_untracked(|drawn| {
                        for i in both_entries(drawn, current) {
                            browser::remove_id_in(&ul, &entry_id(&article.glossary[i].id));
                        }
                    })
                })
            });
            view! {
                <ul class="entries" node_ref=node hidden=move || generation.get() != mine || empty.get()>
                    <For each=move || rows.get() key=|item| *item children=row(mine) />
                </ul>
            }
        }
    };
    let status = move || {
        let n = hits.with(Vec::len);
        if n == total {
            fill(ui().n_terms, &[("n", &total)])
        } else {
            fill(ui().n_of_total_terms, &[("n", &n), ("total", &total)])
        }
    };

    view! {
        <section class="glossary" aria-labelledby="glossary-title">
            <h2 id="glossary-title">{ui().glossary_heading}</h2>
            <div class="glossary-controls" role="search">
                <label for="glossary-search">{ui().search_terms}</label>
                <input
                    id="glossary-search"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=ui().search_placeholder
                    aria-describedby="glossary-count"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <div class="filters" role="group" aria-labelledby="filter-label">
                    <span id="filter-label">{ui().syllabus_paper}</span>
                    {filters}
                    <button
                        type="button"
                        class="chip clear"
                        hidden=move || papers.with(Vec::is_empty) && query.with(String::is_empty)
                        on:click=move |_| {
                            papers.set(Vec::new());
                            query.set(String::new());
                        }
                    >
                        {ui().clear}
                    </button>
                </div>
                <p id="glossary-count" class="count" role="status" aria-live="polite">{status}</p>
            </div>
            <For each=move || lists.get() key=|g| *g children=list />
            {move || empty.get().then(|| view! { <p class="no-results">{ui().no_match}</p> })}
            {move || (more() > 0).then(|| view! {
                <button type="button" class="button show-more" on:click=move |_| widened.set(Some((search_no.get_untracked(), shown.get_untracked() + STEP * 10)))>
                    {fill(ui().show_more_terms, &[("n", &more())])}
                </button>
            })}
        </section>
    }
}

/// One glossary entry with its occurrences.
#[component]
pub fn EntryView(
    /// The entry.
    entry: GlossaryEntry,
    /// Its article (for its slug and the names of related terms).
    article: std::sync::Arc<Article>,
    /// Where the current search matched it, if it did: the highlight follows as the query changes.
    matched: Signal<Highlight>,
    /// The entry selected by the URL, if any.
    selected: Signal<Option<TermId>>,
) -> impl IntoView {
    let id = entry.id.clone();
    let slug = article.slug.clone();
    let shared = use_context::<Selected>();
    let is_selected = {
        let id = id.clone();
        move || {
            selected.get().as_ref() == Some(&id)
                || shared.is_some_and(|s| s.0.with(|h| h.terms.contains(&id)))
        }
    };
    let range_in =
        move |field: MatchField| matched.get().and_then(|(f, r)| (f == field).then_some(r));
    let aliases = (!entry.aliases.is_empty()).then(|| {
        let items = entry
            .aliases
            .iter()
            .enumerate()
            .map(|(k, a)| {
                let a = a.clone();
                view! { <span class="alias">{move || highlighted(&a, range_in(MatchField::Alias(k)))}</span> }
            })
            .collect_view();
        view! { <p class="aliases">{ui().also} <span lang="en">{items}</span></p> }
    });
    let tags = entry
        .tags
        .iter()
        .map(|t| view! { <li class="tag" data-paper=t.paper.to_string()>{format!("{} · ", t.paper.label())}<span lang="en">{t.area.clone()}</span></li> })
        .collect_view();
    let n = entry.occurrences.len();
    let occurrences = if n == 0 {
        view! { <p class="occ-none">{ui().not_linked}</p> }.into_any()
    } else {
        let links = {
            let (occurrences, slug) = (entry.occurrences.clone(), slug.clone());
            move || {
                occurrences
                    .iter()
                    .map(|o| {
                        let route = Route::view(&slug, reader_view(o.id.doc));
                        let (doc, before, hit, after) = (
                            o.id.doc.label_in(lang()),
                            o.before.clone(),
                            o.matched.clone(),
                            o.after.clone(),
                        );
                        view! {
                            <li>
                                <RouteLink route=route fragment=o.id.anchor() class="occ-link">
                                    <span class="occ-doc">{doc}</span>
                                    <span class="occ-text" lang="en">
                                        {before}
                                        <b>{hit}</b>
                                        {after}
                                    </span>
                                </RouteLink>
                            </li>
                        }
                    })
                    .collect_view()
            }
        };
        let summary = if n == 1 {
            ui().appears_once.to_string()
        } else {
            fill(ui().appears_n, &[("n", &n)])
        };
        if crate::later::prerendering() {
            // The prerendered page lists them (readable without JavaScript) and hydration finds them there.
            view! {
                <details class="occurrences">
                    <summary>{summary}</summary>
                    <ol>{links()}</ol>
                </details>
            }
            .into_any()
        } else {
            // Drawn when first opened: they were about half of a new entry's elements, links and listeners,
            // built on every keystroke for entries whose occurrences are rarely opened.
            // Built on the summary's click too: `toggle` comes a task later, after a key pressed at once (Tab
            // straight after Enter) has already moved focus past the empty disclosure.
            let opened = RwSignal::new(false);
            let open = move || {
                if !opened.get_untracked() {
                    opened.set(true);
                }
            };
            view! {
                <details class="occurrences" on:toggle=move |_| open()>
                    <summary on:click=move |_| open()>{summary}</summary>
                    {move || opened.get().then(|| view! { <ol>{links()}</ol> })}
                </details>
            }
            .into_any()
        }
    };
    let see_also = (!entry.see_also.is_empty()).then(|| {
        let links = entry
            .see_also
            .iter()
            .map(|t| {
                let (label, code) = article.entry(t).map_or_else(
                    || (t.to_string(), "en"),
                    |e| (e.term_in(lang()).text.to_string(), e.term_in(lang()).lang.code()),
                );
                view! { <li lang=code><RouteLink route=Route::term(&slug, t)>{label}</RouteLink></li> }
            })
            .collect_view();
        view! {
            <div class="see-also">
                <span>{ui().see_also}</span>
                <ul>{links}</ul>
            </div>
        }
    });
    let (term, def) = (entry.term_in(lang()), entry.definition_in(lang()));
    let term_label = {
        let text = term.text.to_string();
        move || highlighted(&text, range_in(MatchField::Term))
    };
    // In another language the English name stays visible: students meet it in papers and the news.
    let english = (term.lang != Lang::En && term.text != entry.term).then(|| {
        let text = entry.term.clone();
        view! { <p class="entry-english" lang="en">{move || highlighted(&text, range_in(MatchField::English))}</p> }
    });
    view! {
        <li class="entry" class:selected=is_selected id=entry_id(&id) tabindex="-1" data-occurrences=n>
            <h3 class="entry-term" lang=term.lang.code()>
                <RouteLink route=Route::term(&slug, &id)>{term_label}</RouteLink>
            </h3>
            {english}
            {aliases}
            <p class="entry-def" lang=def.lang.code()>{
                let text = def.text.to_string();
                move || highlighted(&text, range_in(MatchField::Definition))
            }</p>
            <ul class="tags" aria-label=ui().syllabus>{tags}</ul>
            {occurrences}
            {see_also}
        </li>
    }
}
