//! Flashcards: the glossary in both directions, scheduled with SM-2; grade with the buttons or keys 1–4,
//! reveal with Space, suspend with S.

use super::{storage, Progress};
use crate::shell::toggle;
use crate::state::{lang, ui, LoadedArticle};
use explainer_core::i18n::{fill, Label};
use explainer_core::quiz::mask_names;
use explainer_core::srs::Grade;
use explainer_core::study::{deck, due_cards, suspended_cards, CardSide, StudyState};
use explainer_core::SyllabusPaper;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The flashcard deck of one article.
#[component]
pub fn Flashcards(
    /// The article.
    loaded: LoadedArticle,
) -> impl IntoView {
    let progress = expect_context::<Progress>();
    let article = loaded.article.clone();
    let papers = RwSignal::new(Vec::<SyllabusPaper>::new());
    let revealed = RwSignal::new(false);
    let today = RwSignal::new(0i64);
    Effect::new(move |_| today.set(storage::today()));
    let cards = {
        let article = article.clone();
        Memo::new(move |_| papers.with(|p| deck(&article, p)))
    };
    let due = Memo::new(move |_| {
        let t = today.get();
        cards.with(|c| progress.state.with(|s| due_cards(c, s, t)))
    });
    let suspended = Memo::new(move |_| {
        cards.with(|c| {
            progress
                .state
                .with(|s| c.iter().filter(|x| s.progress(x).suspended).count())
        })
    });
    let current = Memo::new(move |_| due.with(|d| d.first().cloned()));

    // The control that had focus goes away with the card side it belongs to: focus follows to what replaced
    // it (the answer once revealed; the next card's "Show answer", or the caught-up message).
    let focus_card = move || {
        request_animation_frame(|| {
            if !crate::browser::focus_id("reveal-answer") {
                crate::browser::focus_id("deck-done");
            }
        })
    };
    let reveal = move || {
        revealed.set(true);
        request_animation_frame(|| {
            crate::browser::focus_id("card-answer");
        });
    };
    let grade = move |g: Grade| {
        if let Some(c) = current.get_untracked() {
            progress.update(|s: &mut StudyState| s.grade(&c, g, today.get_untracked()));
            revealed.set(false);
            focus_card();
        }
    };
    let suspend = move || {
        if let Some(c) = current.get_untracked() {
            progress.update(|s: &mut StudyState| s.set_suspended(&c, true));
            revealed.set(false);
            focus_card();
        }
    };
    Effect::new(move |_| {
        let h = window_event_listener(ev::keydown, move |e| {
            let tag = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .map(|el| el.tag_name());
            // Keys typed into a field belong to the field; on a focused button Space presses that button.
            if matches!(tag.as_deref(), Some("INPUT" | "TEXTAREA" | "SELECT")) {
                return;
            }
            let on_button = tag.as_deref() == Some("BUTTON");
            if e.ctrl_key() || e.meta_key() || e.alt_key() || current.get_untracked().is_none() {
                return;
            }
            match e.key().as_str() {
                " " if !revealed.get_untracked() && !on_button => {
                    e.prevent_default();
                    reveal();
                }
                "s" | "S" => suspend(),
                k => {
                    if let (true, Some(g)) = (
                        revealed.get_untracked(),
                        Grade::ALL.into_iter().find(|g| k.starts_with(g.key())),
                    ) {
                        e.prevent_default();
                        grade(g);
                    }
                }
            }
        });
        on_cleanup(move || h.remove());
    });

    let filters = SyllabusPaper::ALL
        .into_iter()
        .map(|p| {
            view! {
                <button
                    type="button"
                    class="chip"
                    aria-pressed=move || papers.with(|ps| ps.contains(&p)).to_string()
                    on:click=move |_| papers.update(|ps| toggle(ps, p))
                >
                    {p.label()}
                </button>
            }
        })
        .collect_view();

    let card_view = {
        let article = article.clone();
        move || {
            let Some(c) = current.get() else {
                return view! {
                    <div class="card done" id="deck-done" tabindex="-1" role="status">
                        <p><strong>{ui().all_caught_up}</strong>" " {ui().none_due}</p>
                    </div>
                }
                .into_any();
            };
            let Some(e) = article.entry(&c.term).cloned() else {
                return ().into_any();
            };
            let (term, def) = (e.term_in(lang()), e.definition_in(lang()));
            // Every name of the term is masked on the definition side, in both languages.
            let names: Vec<String> = [e.term.clone(), term.text.to_string()]
                .into_iter()
                .chain(e.aliases.iter().cloned())
                .collect();
            let (front, back, front_label, front_lang, back_lang) = match c.side {
                CardSide::TermFirst => (
                    term.text.to_string(),
                    def.text.to_string(),
                    ui().term,
                    term.lang.code(),
                    def.lang.code(),
                ),
                CardSide::DefinitionFirst => (
                    mask_names(def.text, &names),
                    term.text.to_string(),
                    ui().definition,
                    def.lang.code(),
                    term.lang.code(),
                ),
            };
            let tags = e.tags.clone();
            view! {
                <div class="card" role="group" aria-label=ui().flashcard>
                    <p class="card-side">{front_label}</p>
                    <p class="card-front" id="card-front" lang=front_lang>{front}</p>
                    {move || if revealed.get() {
                        view! {
                            <div class="card-back">
                                <p class="card-answer" id="card-answer" tabindex="-1" lang=back_lang>{back.clone()}</p>
                                <ul class="tags">{tags.iter().map(|t| view! { <li class="tag" data-paper=t.paper.to_string()>{format!("{} · ", t.paper.label())}<span lang="en">{t.area.clone()}</span></li> }).collect_view()}</ul>
                                <div class="grades" role="group" aria-label=ui().how_well>
                                    {Grade::ALL.into_iter().map(|g| view! {
                                        <button type="button" class="grade" data-grade=g.label() aria-keyshortcuts=g.key().to_string() on:click=move |_| grade(g)>
                                            {g.label_in(lang())} <kbd>{g.key().to_string()}</kbd>
                                        </button>
                                    }).collect_view()}
                                </div>
                            </div>
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" class="button reveal" id="reveal-answer" aria-keyshortcuts="Space" on:click=move |_| reveal()>
                                {ui().show_answer} " " <kbd>"Space"</kbd>
                            </button>
                        }.into_any()
                    }}
                    <button type="button" class="chip suspend" aria-keyshortcuts="S" on:click=move |_| suspend()>{ui().suspend}</button>
                </div>
            }
            .into_any()
        }
    };

    let suspended_list = {
        let article = article.clone();
        move || {
            let list = cards.with(|c| progress.state.with(|s| suspended_cards(c, s)));
            (!list.is_empty()).then(|| {
                let n = list.len();
                let items = list
                    .into_iter()
                    .map(|c| {
                        let name = article
                            .entry(&c.term)
                            .map(|e| e.term_in(lang()).text.to_string())
                            .unwrap_or_else(|| c.term.to_string());
                        let side = match c.side {
                            CardSide::TermFirst => ui().term,
                            CardSide::DefinitionFirst => ui().definition,
                        };
                        let label = format!("{} — {name} ({side})", ui().unsuspend);
                        view! {
                            <li>
                                <span>{format!("{name} ({side})")}</span>" "
                                <button type="button" class="chip" aria-label=label on:click=move |_| {
                                    progress.update(|s: &mut StudyState| s.unsuspend(&c));
                                    focus_card();
                                }>{ui().unsuspend}</button>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <details class="suspended">
                        <summary>{fill(ui().suspended_heading, &[("n", &n)])}</summary>
                        <ul>{items}</ul>
                    </details>
                }
            })
        }
    };

    let file_input = NodeRef::<leptos::html::Input>::new();
    let import_status = RwSignal::new(String::new());
    let slug = article.slug.to_string();
    let on_import = move |_| {
        let Some(input) = file_input.get() else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let slug = slug.clone();
        leptos::task::spawn_local(async move {
            let text = storage::read_file(file).await.unwrap_or_default();
            let (state, notice) = StudyState::load(Some(&text), &slug);
            match notice {
                Some(explainer_core::study::LoadNotice::Corrupt)
                | Some(explainer_core::study::LoadNotice::TooNew { .. })
                | Some(explainer_core::study::LoadNotice::OtherArticle) => import_status.set(fill(
                    ui().not_imported,
                    &[("e", &notice.map(|n| n.message()).unwrap_or_default())],
                )),
                _ => {
                    let n = state.cards.len();
                    progress.update(move |s| *s = state);
                    import_status.set(fill(ui().imported_n, &[("n", &n)]));
                }
            }
        });
    };

    view! {
        <div class="flashcards">
            <div class="filters" role="group" aria-label=ui().syllabus_paper>{filters}</div>
            <p class="deck-stats" id="deck-stats">
                {move || fill(ui().deck_status, &[("due", &due.with(Vec::len)), ("n", &cards.with(Vec::len)), ("s", &suspended.get())])}
            </p>
            {card_view}
            {suspended_list}
            <details class="progress-file">
                <summary>{ui().export_import}</summary>
                <button type="button" class="chip" on:click=move |_| { progress.state.with_untracked(storage::export); }>{ui().export_json}</button>
                <label for="import-progress">{ui().import_file}</label>
                <input id="import-progress" type="file" accept="application/json,.json" node_ref=file_input on:change=on_import />
                <p role="status">{move || import_status.get()}</p>
            </details>
        </div>
    }
}
