//! Quiz sessions (authored prelims questions or generated ones) and the mains questions with their outlines.

use super::{storage, Progress};
use crate::map::panel::Evidence;
use crate::state::{lang, ui, LoadedArticle};
use explainer_core::i18n::{fill, Label};
use explainer_core::quiz::{build_quiz, Question, QuestionKind, QuizSource};
use explainer_core::study::QuizRecord;
use explainer_core::{Route, View};
use leptos::prelude::*;

/// Option letters. Content is checked on load (`explainer_core::load::check_article`) and every question
/// `build_quiz` returns is well formed, so each has `MCQ_OPTIONS` options; `letter` still never indexes out.
const LETTERS: [&str; explainer_core::model::MCQ_OPTIONS] = ["a", "b", "c", "d"];

fn letter(i: usize) -> &'static str {
    LETTERS.get(i).copied().unwrap_or("?")
}

/// "(b) Leonardo": an option with its letter.
fn option_text(q: &Question, i: usize) -> String {
    format!(
        "({}) {}",
        letter(i),
        q.options.get(i).map(String::as_str).unwrap_or("")
    )
}

/// Where a question's answer can be read: its quoted sentence, or for generated questions without one, the
/// timeline (event order) or the glossary entries of its terms.
#[component]
fn QuestionSources(
    /// The article.
    article: std::sync::Arc<explainer_core::Article>,
    /// The question.
    question: Question,
) -> impl IntoView {
    let nav = expect_context::<crate::state::Nav>();
    if let Some(qt) = question.quote.clone().filter(|qt| !qt.sentences.is_empty()) {
        return view! { <Evidence article=article.clone() quote=qt /> }.into_any();
    }
    let slug = article.slug.clone();
    let timeline = (question.kind == QuestionKind::Chronology).then(|| {
        let href = nav.href(&Route::view(&slug, View::Timeline), None);
        view! { <li><a href=href>{ui().see_on_timeline}</a></li> }
    });
    let terms = question
        .terms
        .iter()
        .filter_map(|t| article.entry(t))
        .map(|e| {
            let href = nav.href(&Route::term(&slug, &e.id), None);
            let name = e.term_in(lang());
            view! { <li><a href=href>{format!("{}: ", ui().open_in_glossary)}<span lang=name.lang.code()>{name.text.to_string()}</span></a></li> }
        })
        .collect_view();
    view! { <ul class="sources">{timeline}{terms}</ul> }.into_any()
}

#[derive(Clone, PartialEq)]
enum Phase {
    Setup,
    Running { at: usize },
    Done,
}

/// A quiz: choose a source and a length, answer, see why, get a score and a review of mistakes.
#[component]
pub fn QuizView(
    /// The article.
    loaded: LoadedArticle,
) -> impl IntoView {
    let progress = expect_context::<Progress>();
    let announcer = expect_context::<crate::state::Announcer>().0;
    let article = loaded.article.clone();
    let source = RwSignal::new(if article.mcqs.is_empty() {
        QuizSource::Mixed
    } else {
        QuizSource::Authored
    });
    let length = RwSignal::new(5usize);
    let phase = RwSignal::new(Phase::Setup);
    let questions = RwSignal::new(Vec::<Question>::new());
    let chosen = RwSignal::new(None::<usize>);
    let checked = RwSignal::new(false);
    // (question index, the option chosen) for every answer given.
    let answers = RwSignal::new(Vec::<(usize, usize)>::new());

    let start = {
        let article = article.clone();
        move |_| {
            let seed = js_sys::Date::now() as u64;
            questions.set(build_quiz(
                &article,
                source.get_untracked(),
                length.get_untracked(),
                seed,
            ));
            answers.set(Vec::new());
            chosen.set(None);
            checked.set(false);
            phase.set(Phase::Running { at: 0 });
            // The form that had focus is gone: keep focus in the quiz, not on <body>.
            crate::browser::focus_id("quiz-heading");
        }
    };
    let check = move |_| {
        let (Phase::Running { at }, Some(c)) = (phase.get_untracked(), chosen.get_untracked())
        else {
            return;
        };
        checked.set(true);
        answers.update(|a| a.push((at, c)));
        // "Check answer" is replaced by "Next question": move focus to it once it is drawn.
        request_animation_frame(|| {
            crate::browser::focus_id("quiz-next");
        });
        let Some(q) = questions.with_untracked(|qs| qs.get(at).cloned()) else {
            return;
        };
        if c != q.answer {
            // A wrong answer brings the terms it was about back into today's flashcards.
            let today = storage::today();
            progress.update(|s| q.terms.iter().for_each(|t| s.relearn(t, today)));
        }
    };
    let next = move |_| {
        let Phase::Running { at } = phase.get_untracked() else {
            return;
        };
        chosen.set(None);
        checked.set(false);
        if at + 1 < questions.with_untracked(Vec::len) {
            phase.set(Phase::Running { at: at + 1 });
        } else {
            let correct = answers.with_untracked(|a| {
                questions.with_untracked(|qs| {
                    a.iter()
                        .filter(|(i, c)| qs.get(*i).is_some_and(|q| q.answer == *c))
                        .count()
                })
            });
            let total = questions.with_untracked(Vec::len);
            progress.update(|s| {
                s.quizzes.push(QuizRecord {
                    day: storage::today(),
                    correct: correct as u32,
                    total: total as u32,
                })
            });
            phase.set(Phase::Done);
            // The page-wide live region exists before it changes, so screen readers announce the score
            // (a region inserted already filled is often not read).
            announcer.set(fill(
                ui().you_scored,
                &[("correct", &correct), ("total", &total)],
            ));
        }
        if let Some(el) = crate::browser::element("quiz-heading") {
            let _ = el.focus();
        }
    };

    let setup = move || {
        let start = start.clone();
        let sources = QuizSource::ALL
            .into_iter()
            .map(|s| {
                view! {
                    <label class="radio">
                        <input type="radio" name="quiz-source" prop:checked=move || source.get() == s on:change=move |_| source.set(s) />
                        {s.label_in(lang())}
                    </label>
                }
            })
            .collect_view();
        view! {
            <form class="quiz-setup" on:submit=move |ev: web_sys::SubmitEvent| { ev.prevent_default(); start(()); }>
                <fieldset>
                    <legend>{ui().questions_from}</legend>
                    {sources}
                </fieldset>
                <label for="quiz-length">{ui().number_of_questions}</label>
                <select id="quiz-length" on:change=move |ev| length.set(event_target_value(&ev).parse().unwrap_or(5))>
                    <option value="5" selected>"5"</option>
                    <option value="10">"10"</option>
                    <option value="20">"20"</option>
                </select>
                <button type="submit" class="button">{ui().start_quiz}</button>
            </form>
        }
    };

    let running = {
        let article = article.clone();
        move |at: usize| {
            let Some(q) = questions.with(|qs| qs.get(at).cloned()) else {
                return ().into_any();
            };
            let total = questions.with(Vec::len);
            let statements = (!q.statements.is_empty()).then(|| {
                let items = q
                    .statements
                    .iter()
                    .map(|s| view! { <li>{s.clone()}</li> })
                    .collect_view();
                view! { <ol class="statements">{items}</ol> }
            });
            let options = q
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let id = format!("opt-{i}");
                    let answer = q.answer;
                    view! {
                        <div class="option" class:right=move || checked.get() && i == answer class:wrong=move || checked.get() && chosen.get() == Some(i) && i != answer>
                            <input type="radio" name="quiz-answer" id=id.clone() prop:checked=move || chosen.get() == Some(i) disabled=move || checked.get() on:change=move |_| chosen.set(Some(i)) />
                            <label for=id>{format!("({}) {}", letter(i), o)}</label>
                        </div>
                    }
                })
                .collect_view();
            let feedback = {
                let q = q.clone();
                let article = article.clone();
                move || {
                    checked.get().then(|| {
                        let right = chosen.get() == Some(q.answer);
                        // The option is English content inside a sentence of the interface language.
                        let verdict = if right {
                            view! { {ui().correct} }.into_any()
                        } else {
                            let (before, after) = ui()
                                .not_quite
                                .split_once("{answer}")
                                .unwrap_or((ui().not_quite, ""));
                            let answer = option_text(&q, q.answer);
                            view! { {before} <span lang="en">{answer}</span> {after} }.into_any()
                        };
                        let evidence = view! { <QuestionSources article=article.clone() question=q.clone() /> };
                        view! {
                            <div class="feedback" class:right=right>
                                <p class="verdict">{verdict}</p>
                                <p lang="en">{q.explanation.clone()}</p>
                                {evidence}
                            </div>
                        }
                    })
                }
            };
            view! {
                <div class="question">
                    <p class="progress-count">{fill(ui().question_n_of, &[("i", &(at + 1)), ("n", &total)])}</p>
                    // Questions are authored (or generated from content) in English.
                    <fieldset role="radiogroup" aria-describedby="quiz-feedback" lang="en">
                        <legend class="prompt">{q.prompt.clone()}</legend>
                        {statements}
                        {options}
                    </fieldset>
                    <div id="quiz-feedback" role="status" aria-live="polite">{feedback}</div>
                    {move || if checked.get() {
                        view! { <button type="button" class="button" id="quiz-next" on:click=next>{if at + 1 < total { ui().next_question } else { ui().see_score }}</button> }.into_any()
                    } else {
                        view! { <button type="button" class="button" disabled=move || chosen.get().is_none() on:click=check>{ui().check_answer}</button> }.into_any()
                    }}
                </div>
            }
            .into_any()
        }
    };

    let done = move || {
        let article = article.clone();
        let (correct, mistakes) = answers.with(|a| {
            questions.with(|qs| {
                let mistakes: Vec<(Question, usize)> = a
                    .iter()
                    .filter_map(|(i, c)| {
                        qs.get(*i)
                            .filter(|q| q.answer != *c)
                            .map(|q| (q.clone(), *c))
                    })
                    .collect();
                let correct = a.len() - mistakes.len();
                (correct, mistakes)
            })
        });
        let total = questions.with(Vec::len);
        let review = mistakes
            .into_iter()
            .map(|(q, c)| {
                view! {
                    <li>
                        <p class="prompt" lang="en">{q.prompt.clone()} {q.statements.join(" / ")}</p>
                        <p>{ui().your_answer}<span lang="en">{option_text(&q, c)}</span></p>
                        <p><strong>{ui().answer_is}<span lang="en">{option_text(&q, q.answer)}</span></strong></p>
                        <p lang="en">{q.explanation.clone()}</p>
                        <QuestionSources article=article.clone() question=q.clone() />
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="quiz-done" role="status">
                <p class="score">{fill(ui().you_scored, &[("correct", &correct), ("total", &total)])}</p>
            </div>
            {(correct < total).then(|| view! { <h4>{ui().review_mistakes}</h4><ol class="review">{review}</ol> })}
            <button type="button" class="button" on:click=move |_| {
                phase.set(Phase::Setup);
                crate::browser::focus_id("quiz-heading");
            }>{ui().new_quiz}</button>
        }
    };

    view! {
        <div class="quiz">
            <h3 id="quiz-heading" tabindex="-1">{ui().quiz}</h3>
            {move || match phase.get() {
                Phase::Setup => setup().into_any(),
                Phase::Running { at } => running(at),
                Phase::Done => done().into_any(),
            }}
        </div>
    }
}

/// The mains questions with model answer outlines.
#[component]
pub fn MainsList(
    /// The article.
    loaded: LoadedArticle,
) -> impl IntoView {
    let article = loaded.article.clone();
    let items = article
        .mains
        .iter()
        .map(|m| {
            let tags = m.tags.iter().map(|t| view! { <li class="tag" data-paper=t.paper.to_string()>{format!("{} · ", t.paper.label())}<span lang="en">{t.area.clone()}</span></li> }).collect_view();
            let outline = m.outline.iter().map(|o| view! { <li>{o.clone()}</li> }).collect_view();
            view! {
                <li class="mains-item">
                    <p class="prompt" lang="en">{m.question.clone()}</p>
                    <p class="kicker">{fill(ui().marks_words, &[("marks", &m.marks), ("words", &m.words)])}</p>
                    <ul class="tags">{tags}</ul>
                    <details>
                        <summary>{ui().model_outline}</summary>
                        <ol lang="en">{outline}</ol>
                        <Evidence article=article.clone() quote=m.quote.clone() />
                    </details>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="mains">
            <h3>{ui().mains_questions}</h3>
            <ol class="mains-list">{items}</ol>
        </div>
    }
}
