//! Component tests in headless Chromium (wasm-bindgen-test): components mounted into a real DOM and driven
//! through real events.
#![cfg(target_arch = "wasm32")]

use explainer::glossary::GlossaryView;
use explainer::reader::ReaderView;
use explainer::shell::LoadFailed;
use explainer::state::{Announcer, LoadedArticle, Nav, OpenCard};
use explainer_core::load::{decode_article, LoadError};
use explainer_core::model::DocKind;
use explainer_core::Route;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The real compiled seed article (written by the content compiler's integration test fixture).
const ARTICLE: &str = include_str!("fixtures/article.json");

fn loaded() -> LoadedArticle {
    LoadedArticle::new(decode_article(ARTICLE).expect("fixture decodes"))
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh container, so tests do not see each other's DOM.
fn container() -> web_sys::HtmlElement {
    let el: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

fn provide_app_context(route: Route) {
    provide_context(Nav::new("/".into(), route, None));
    provide_context(OpenCard(RwSignal::new(None)));
    provide_context(Announcer(RwSignal::new(String::new())));
}

async fn tick() {
    // Let effects and microtasks run.
    let p = js_sys::Promise::new(&mut |r, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&r, 20)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// Waits, frame by frame, until `done` holds; panics with `what` after five seconds. The glossary drops a
/// replaced list only after the next paint, and headless frames come when they come: a fixed sleep was flaky.
async fn until(what: &str, mut done: impl FnMut() -> bool) {
    let start = js_sys::Date::now();
    while !done() {
        assert!(
            js_sys::Date::now() - start < 5000.0,
            "timed out waiting: {what}"
        );
        tick().await;
    }
}

fn status(root: &web_sys::HtmlElement) -> String {
    root.query_selector("#glossary-count")
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// Waits until the glossary's status line is no longer `before` and the glossary shows one list with every
/// row that line counts: effects run after the event, and the replaced list is dropped after a paint.
async fn glossary_settled(root: &web_sys::HtmlElement, before: &str) {
    until("the glossary's new list, alone and fully drawn", || {
        let now = status(root);
        let n: Option<u32> = now.split_whitespace().next().and_then(|n| n.parse().ok());
        now != before && count(root, "ul.entries") == 1 && n == Some(count(root, "li.entry"))
    })
    .await;
}

fn count(root: &web_sys::HtmlElement, sel: &str) -> u32 {
    root.query_selector_all(sel).unwrap().length()
}

#[wasm_bindgen_test]
async fn load_failure_shows_message_and_retries() {
    let root = container();
    let retries = RwSignal::new(0);
    let _h = leptos::mount::mount_to(root.clone(), move || {
        view! { <LoadFailed error=LoadError::Http(404) on_retry=Callback::new(move |_| retries.update(|n| *n += 1)) /> }
    });
    assert!(root.query_selector("[role=alert]").unwrap().is_some());
    assert!(root.text_content().unwrap().contains("not found"));
    let button: web_sys::HtmlElement = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    button.click();
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
async fn term_button_toggles_a_single_card_with_definition() {
    let root = container();
    let l = loaded();
    let article = l.article.clone();
    let _h = leptos::mount::mount_to(root.clone(), move || {
        provide_app_context(Route::view(&article.slug, explainer_core::View::Brief));
        view! { <ReaderView article=article.clone() kind=DocKind::Brief /> }
    });
    let terms = root.query_selector_all("button.term").unwrap();
    assert!(terms.length() > 10, "brief has its annotated terms");
    let first: web_sys::HtmlElement = terms.get(0).unwrap().unchecked_into();
    let second: web_sys::HtmlElement = terms.get(1).unwrap().unchecked_into();
    assert_eq!(
        first.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    first.click();
    tick().await;
    assert_eq!(
        first.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(count(&root, ".term-card"), 1);
    let card = root.query_selector(".term-card").unwrap().unwrap();
    assert!(
        card.text_content().unwrap().contains("Ministry of Defence"),
        "card shows our definition"
    );
    assert!(card.query_selector("a.card-link").unwrap().is_some());
    // Opening another term closes the first: one card at a time.
    second.click();
    tick().await;
    assert_eq!(count(&root, ".term-card"), 1);
    assert_eq!(
        first.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    // Clicking the open, pinned term closes it.
    second.click();
    tick().await;
    assert_eq!(count(&root, ".term-card"), 0);
}

#[wasm_bindgen_test]
async fn glossary_filters_as_you_type_and_by_paper() {
    let root = container();
    let l = loaded();
    let total = l.article.glossary.len() as u32;
    let slug = l.article.slug.clone();
    let _h = leptos::mount::mount_to(root.clone(), move || {
        provide_app_context(Route::view(&slug, explainer_core::View::Glossary));
        view! { <GlossaryView loaded=l.clone() /> }
    });
    assert_eq!(count(&root, "li.entry"), total);
    let input: web_sys::HtmlInputElement = root
        .query_selector("#glossary-search")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let before = status(&root);
    input.set_value("WASSÉ");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    glossary_settled(&root, &before).await;
    // Accent- and case-insensitive; the term whose name starts with the query ranks first, entries that only
    // mention it in their definition follow.
    let shown = count(&root, "li.entry");
    assert!(shown >= 1 && shown < total, "{shown}");
    let first = root.query_selector("li.entry").unwrap().unwrap();
    assert_eq!(first.id(), "term-wassenaar-arrangement");
    assert_eq!(
        first
            .query_selector("h3 mark")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Wasse"
    );
    let before = status(&root);
    assert_eq!(before, format!("{shown} of {total} terms"));
    input.set_value("");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    glossary_settled(&root, &before).await;
    let gs4: web_sys::HtmlElement = root
        .query_selector("button[data-paper=GS4]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let before = status(&root);
    gs4.click();
    glossary_settled(&root, &before).await;
    let shown = count(&root, "li.entry");
    assert!(
        shown > 0 && shown < total,
        "GS4 filter narrows the list ({shown})"
    );
    assert_eq!(gs4.get_attribute("aria-pressed").as_deref(), Some("true"));
    let entries = root.query_selector_all("li.entry").unwrap();
    for i in 0..entries.length() {
        let e: web_sys::Element = entries.get(i).unwrap().unchecked_into();
        assert!(
            e.query_selector(".tag[data-paper=GS4]").unwrap().is_some(),
            "every shown entry has a GS4 tag"
        );
    }
}

#[wasm_bindgen_test]
async fn a_drawn_entry_lists_its_occurrences_when_first_opened() {
    let root = container();
    let l = loaded();
    let slug = l.article.slug.clone();
    let _h = leptos::mount::mount_to(root.clone(), move || {
        provide_app_context(Route::view(&slug, explainer_core::View::Glossary));
        view! { <GlossaryView loaded=l.clone() /> }
    });
    // Rendered in the browser (not hydrated): the links wait for their disclosure to open.
    assert!(count(&root, "details.occurrences") > 0);
    assert_eq!(count(&root, "a.occ-link"), 0, "no links before opening");
    let entry = root
        .query_selector("#term-wassenaar-arrangement")
        .unwrap()
        .unwrap();
    let n: u32 = entry
        .get_attribute("data-occurrences")
        .unwrap()
        .parse()
        .unwrap();
    assert!(n > 0);
    let details = entry
        .query_selector("details.occurrences")
        .unwrap()
        .unwrap();
    details.set_attribute("open", "").unwrap();
    until("the opened entry's links", || {
        entry.query_selector_all("a.occ-link").unwrap().length() == n
    })
    .await;
    assert_eq!(count(&root, "a.occ-link"), n, "only the opened entry's");
    // Closing and opening again keeps the same links (not rebuilt).
    let first = entry.query_selector("a.occ-link").unwrap().unwrap();
    details.remove_attribute("open").unwrap();
    tick().await;
    details.set_attribute("open", "").unwrap();
    tick().await;
    let again = entry.query_selector("a.occ-link").unwrap().unwrap();
    assert!(first.is_same_node(Some(&again)));
    // Clicking a summary (Enter on it, for a keyboard user) draws the links at once, before the next key.
    let other = root
        .query_selector("#term-line-of-control")
        .unwrap()
        .unwrap();
    let summary: web_sys::HtmlElement = other
        .query_selector("summary")
        .unwrap()
        .unwrap()
        .unchecked_into();
    summary.click();
    // Microtasks only (where effects run), no task: the toggle event, a task, cannot have come yet.
    for _ in 0..10 {
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
            .await
            .unwrap();
    }
    assert!(other.query_selector("a.occ-link").unwrap().is_some());
}
