//! Study mode: flashcards with spaced repetition, quizzes (authored and generated), mains questions.

mod flashcards;
mod quiz;
pub mod storage;

pub use flashcards::Flashcards;
pub use quiz::{MainsList, QuizView};

use crate::state::{lang, ui, LoadedArticle};
use explainer_core::i18n::Label;
use explainer_core::study::StudyState;
use explainer_core::View;
use leptos::either::Either;
use leptos::prelude::*;

/// The shared progress of the open article, with whether it can be saved.
#[derive(Clone, Copy)]
pub struct Progress {
    pub state: RwSignal<StudyState>,
    pub saved: RwSignal<bool>,
    pub notice: RwSignal<Option<String>>,
}

impl Progress {
    /// Applies a change and saves it (or notes that it could not be saved).
    pub fn update(&self, f: impl FnOnce(&mut StudyState)) {
        self.state.update(f);
        let ok = self.state.with_untracked(storage::save);
        self.saved.set(ok);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Cards,
    Quiz,
    Mains,
}

/// The study view of one article.
#[component]
pub fn StudyView(
    /// The article.
    loaded: LoadedArticle,
) -> impl IntoView {
    let slug = loaded.article.slug.to_string();
    // Read on the client only (an effect), so the view can also be rendered natively.
    let progress = Progress {
        state: RwSignal::new(StudyState::new(&slug)),
        saved: RwSignal::new(true),
        notice: RwSignal::new(None),
    };
    Effect::new(move |_| {
        let (state, notice, available) = storage::load(&slug);
        progress.state.set(state);
        progress.saved.set(available);
        progress
            .notice
            .set(notice.as_ref().map(storage::notice_text));
    });
    provide_context(progress);
    let mode = RwSignal::new(Mode::Cards);
    let tab = move |m: Mode, label: &'static str| {
        view! {
            <button type="button" aria-pressed=move || (mode.get() == m).to_string() on:click=move |_| mode.set(m)>
                {label}
            </button>
        }
    };
    // The deck depends on the device (stored progress, today's date): the prerendered page and the first,
    // hydrating render show a placeholder, and the deck comes once the app is live.
    let ready: Signal<bool> =
        use_context::<crate::state::ClientReady>().map_or(Signal::from(true), |r| r.0.into());
    // `Either`, not one erased view for all four: with type-erased components the placeholder's `<div>` and the
    // deck's `<div>` have one type, and the deck would be patched into the placeholder's element, which the
    // browser counts as that element moving (a layout shift) instead of new content.
    let body = move || {
        if !ready.get() {
            return Either::Left(view! { <crate::shell::Loading what=ui().loading_progress /> });
        }
        Either::Right(match mode.get() {
            Mode::Cards => view! { <Flashcards loaded=loaded.clone() /> }.into_any(),
            Mode::Quiz => view! { <QuizView loaded=loaded.clone() /> }.into_any(),
            Mode::Mains => view! { <MainsList loaded=loaded.clone() /> }.into_any(),
        })
    };
    view! {
        <section class="study" aria-labelledby="study-title">
            <h2 id="study-title">{View::Study.label_in(lang())}</h2>
            <div class="segmented" role="group" aria-label=ui().study_mode>
                {tab(Mode::Cards, ui().flashcards)}
                {tab(Mode::Quiz, ui().quiz)}
                {tab(Mode::Mains, ui().mains_questions)}
            </div>
            {move || progress.notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            {move || (!progress.saved.get()).then(|| view! {
                <p class="notice warn" role="status">
                    {ui().storage_unavailable}
                </p>
            })}
            {body}
        </section>
    }
}
