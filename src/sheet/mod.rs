//! The revision sheet: key terms by syllabus paper, the timeline as a compact list, the relations as a table
//! and the mains questions, laid out for one or two printed A4 pages (see style/sheet.css). What goes on it
//! is decided by `explainer_core::sheet`.

use crate::browser;
use crate::state::{lang, ui, LoadedArticle};
use explainer_core::i18n::{event_date, fill, paper_scope, Label};
use explainer_core::sheet::{build_sheet, first_sentence};
use leptos::prelude::*;

/// The printable revision sheet of an article.
#[component]
pub fn SheetView(
    /// The article.
    loaded: LoadedArticle,
) -> impl IntoView {
    let a = loaded.article.clone();
    let lang = lang();
    let ui = ui();
    let sheet = build_sheet(&a, |i| a.glossary[i].term_in(lang).text.to_string());

    let terms = sheet
        .terms
        .iter()
        .map(|(paper, ids)| {
            let items = ids
                .iter()
                .map(|&i| {
                    let e = &a.glossary[i];
                    let (term, def) = (e.term_in(lang), e.definition_in(lang));
                    view! {
                        <div class="sheet-term">
                            <dt lang=term.lang.code()>{term.text.to_string()}</dt>
                            <dd lang=def.lang.code()>{first_sentence(def.text).to_string()}</dd>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <section class="sheet-paper" data-paper=paper.to_string()>
                    <h4>{format!("{} — {}", paper.label(), paper_scope(*paper, lang))}</h4>
                    <dl>{items}</dl>
                </section>
            }
        })
        .collect_view();

    let events = sheet
        .events
        .iter()
        .map(|&i| {
            let e = &a.timeline[i];
            let title = e.title_in(lang);
            view! {
                <tr>
                    <td class="when">{event_date(&e.date, lang)}</td>
                    <td lang=title.lang.code()>{title.text.to_string()}</td>
                </tr>
            }
        })
        .collect_view();

    let name = |id: &explainer_core::model::EntityId| {
        a.entity(id)
            .map(|e| {
                (
                    e.name_in(lang).text.to_string(),
                    e.name_in(lang).lang.code(),
                )
            })
            .unwrap_or_else(|| (id.to_string(), "en"))
    };
    let row = |&k: &usize| {
        let r = &a.relations[k];
        let ((from, from_lang), (to, to_lang)) = (name(&r.from), name(&r.to));
        view! {
            <tr>
                <td lang=from_lang>{from}</td>
                <td>{r.kind.label_in(lang)}</td>
                <td lang=to_lang>{to}</td>
            </tr>
        }
    };
    // Two half-tables side by side (stacked on phones) keep 40 relations to half a printed page.
    let half = sheet.relations.len().div_ceil(2);
    let relation_tables = sheet
        .relations
        .chunks(half.max(1))
        .map(|rows| {
            let rows = rows.iter().map(row).collect_view();
            view! {
                <table class="sheet-table">
                    <thead>
                        <tr>
                            <th scope="col">{ui.sheet_from}</th>
                            <th scope="col">{ui.sheet_relation}</th>
                            <th scope="col">{ui.sheet_to}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
        .collect_view();

    let mains = a
        .mains
        .iter()
        .map(|m| {
            view! {
                <li>
                    <span lang="en">{m.question.clone()}</span>
                    " "
                    <span class="kicker">
                        {format!("({})", fill(ui.marks_words, &[("marks", &m.marks), ("words", &m.words)]))}
                    </span>
                </li>
            }
        })
        .collect_view();

    let title = a.title_in(lang);
    view! {
        <section class="sheet" aria-labelledby="sheet-title">
            <header class="sheet-head">
                <h2 id="sheet-title">{ui.sheet_heading}</h2>
                <p class="sheet-for" lang=title.lang.code()>{title.text.to_string()}</p>
                <p class="hint no-print">{ui.sheet_intro}</p>
                <button type="button" class="button no-print" on:click=move |_| browser::print()>
                    {ui.sheet_print}
                </button>
            </header>
            <section class="sheet-block sheet-terms" aria-labelledby="sheet-terms">
                <h3 id="sheet-terms">{ui.sheet_terms}</h3>
                {terms}
            </section>
            <section class="sheet-block" aria-labelledby="sheet-timeline">
                <h3 id="sheet-timeline">{ui.sheet_timeline}</h3>
                <table class="sheet-table">
                    <thead>
                        <tr>
                            <th scope="col">{ui.sheet_when}</th>
                            <th scope="col">{ui.sheet_what}</th>
                        </tr>
                    </thead>
                    <tbody>{events}</tbody>
                </table>
            </section>
            <section class="sheet-block" aria-labelledby="sheet-relations">
                <h3 id="sheet-relations">{ui.sheet_relations}</h3>
                <div class="sheet-split">{relation_tables}</div>
            </section>
            <section class="sheet-block" aria-labelledby="sheet-mains">
                <h3 id="sheet-mains">{ui.sheet_mains}</h3>
                <ol class="sheet-mains">{mains}</ol>
            </section>
        </section>
    }
}
