//! The frame around the views: links, view tabs, loading and error states, the library and not-found pages.

use crate::state::Nav;
use explainer_core::load::LoadError;
use explainer_core::model::{Article, ArticleIndex};
use explainer_core::{Route, View};
use leptos::prelude::*;
use web_sys::MouseEvent;

/// Adds `x` to a set of filter choices, or removes it if present (every filter chip does this).
pub fn toggle<T: PartialEq>(v: &mut Vec<T>, x: T) {
    match v.iter().position(|y| *y == x) {
        Some(i) => {
            v.remove(i);
        }
        None => v.push(x),
    }
}

/// Whether a click should be handled in the app rather than by the browser (new tab, download…).
fn plain_click(ev: &MouseEvent) -> bool {
    ev.button() == 0 && !ev.ctrl_key() && !ev.meta_key() && !ev.shift_key() && !ev.alt_key()
}

/// A real link (works in a new tab and with JavaScript off) that navigates in place on a plain click.
#[component]
pub fn RouteLink(
    /// Where the link goes.
    route: Route,
    /// Optional fragment, e.g. an occurrence anchor.
    #[prop(optional)]
    fragment: Option<String>,
    /// CSS class of the `<a>`.
    #[prop(optional, into)]
    class: String,
    children: Children,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let href = nav.href(&route, fragment.as_deref());
    view! {
        <a
            href=href
            class=class
            on:click=move |ev: MouseEvent| {
                if plain_click(&ev) {
                    ev.prevent_default();
                    nav.go(route.clone(), fragment.clone());
                }
            }
        >
            {children()}
        </a>
    }
}

/// The Brief / Full article / Glossary switch of an article.
#[component]
pub fn ViewTabs(
    /// The article whose views are listed.
    article: std::sync::Arc<Article>,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let links = View::ALL
        .into_iter()
        .map(|v| {
            // Switching views keeps the selection, so it shows up in every view.
            let slug = article.slug.clone();
            let route =
                move || Route::view(&slug, v).with_selection(nav.route.with(|r| r.selection()));
            let href = {
                let route = route.clone();
                move || nav.href(&route(), None)
            };
            let current =
                move || (nav.route.with(|r| r.article_view()) == Some(v)).then_some("page");
            view! {
                <li>
                    <a
                        href=href
                        aria-current=current
                        on:click=move |ev: MouseEvent| {
                            if plain_click(&ev) {
                                ev.prevent_default();
                                nav.go(route(), None);
                            }
                        }
                    >
                        {v.label()}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="view-tabs" aria-label="Article views">
            <ul>{links}</ul>
        </nav>
    }
}

/// Shown while content loads.
#[component]
pub fn Loading(
    /// What is loading, e.g. "article".
    what: &'static str,
) -> impl IntoView {
    view! {
        <div class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {format!("Loading {what}…")}
        </div>
    }
}

/// A failed load: what went wrong and a retry button.
#[component]
pub fn LoadFailed(
    /// The error to explain.
    error: LoadError,
    /// Called when the reader asks to try again.
    on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="load-error" role="alert">
            <h1>"We couldn't load this content"</h1>
            <p class="load-error-message">{error.to_string()}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                "Try again"
            </button>
        </div>
    }
}

/// The list of articles.
#[component]
pub fn Library(
    /// The compiled index.
    index: ArticleIndex,
) -> impl IntoView {
    let items = index
        .articles
        .into_iter()
        .map(|a| {
            let papers = a.papers.iter().map(|p| p.label()).collect::<Vec<_>>().join(", ");
            view! {
                <li class="library-item">
                    <h2>
                        <RouteLink route=Route::view(&a.slug, View::Brief)>{a.title.clone()}</RouteLink>
                    </h2>
                    <p class="kicker">
                        <time datetime=a.date.to_string()>{a.date.long()}</time>
                        {format!(" · {papers} · {} terms", a.term_count)}
                    </p>
                    <p>{a.summary.clone()}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="library">
            <h1>"News explainers"</h1>
            <ul class="library-list">{items}</ul>
        </div>
    }
}

/// A path that names nothing.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <div class="not-found">
            <h1>"Page not found"</h1>
            <p>"This address does not match any article, view or glossary term."</p>
            <p>
                <RouteLink route=Route::Library>"See all articles"</RouteLink>
            </p>
        </div>
    }
}

/// Colour theme and text size, remembered on the device (public/theme.js applies them before first paint).
#[component]
pub fn ReadingControls() -> impl IntoView {
    let theme = RwSignal::new(String::from("auto"));
    let size = RwSignal::new(String::from("normal"));
    Effect::new(move |_| {
        theme.set(crate::browser::root_pref("data-theme").unwrap_or_else(|| "auto".into()));
        size.set(crate::browser::root_pref("data-text-size").unwrap_or_else(|| "normal".into()));
    });
    let choose_theme = move |ev: web_sys::Event| {
        let v = event_target_value(&ev);
        crate::browser::set_root_pref("data-theme", "explainer:theme", &v, "auto");
        theme.set(v);
    };
    let choose_size = move |ev: web_sys::Event| {
        let v = event_target_value(&ev);
        crate::browser::set_root_pref("data-text-size", "explainer:text-size", &v, "normal");
        size.set(v);
    };
    let option = |value: &'static str, label: &'static str, current: RwSignal<String>| {
        view! { <option value=value selected=move || current.get() == value>{label}</option> }
    };
    view! {
        <div class="reading-controls">
            <label class="visually-hidden" for="theme-select">"Colour theme"</label>
            <select id="theme-select" on:change=choose_theme>
                {option("auto", "Theme: system", theme)}
                {option("light", "Light", theme)}
                {option("dark", "Dark", theme)}
            </select>
            <label class="visually-hidden" for="text-size">"Text size"</label>
            <select id="text-size" on:change=choose_size>
                {option("normal", "Text: normal", size)}
                {option("large", "Large", size)}
                {option("larger", "Larger", size)}
                {option("largest", "Largest", size)}
            </select>
        </div>
    }
}
