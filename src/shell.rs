//! The frame around the views: links, view tabs, loading and error states, the library and not-found pages.

use crate::state::{lang, ui, Locale, Nav};
use explainer_core::i18n::{fill, load_error, Label, Lang};
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
                        {v.label_in(lang())}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="view-tabs" aria-label=ui().article_views>
            <ul>{links}</ul>
        </nav>
    }
}

/// Shown while content loads.
#[component]
pub fn Loading(
    /// What is loading: "Loading article…".
    what: &'static str,
) -> impl IntoView {
    view! {
        <div class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {what}
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
            <h1>{ui().load_failed}</h1>
            <p class="load-error-message">{load_error(&error, lang())}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                {ui().try_again}
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
                        <time datetime=a.date.to_string()>{explainer_core::i18n::long_date(&a.date, lang())}</time>
                        {format!(" · {papers} · {}", fill(ui().n_terms, &[("n", &a.term_count)]))}
                    </p>
                    <p lang="en">{a.summary.clone()}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="library">
            <h1>{ui().library_title}</h1>
            <ul class="library-list">{items}</ul>
        </div>
    }
}

/// A path that names nothing.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <div class="not-found">
            <h1>{ui().page_not_found}</h1>
            <p>{ui().not_found_text}</p>
            <p>
                <RouteLink route=Route::Library>{ui().see_all_articles}</RouteLink>
            </p>
        </div>
    }
}

/// Colour theme, text size and language, remembered on the device (public/theme.js applies them before first
/// paint). Its labels follow the language reactively: it stays mounted while the page body is rebuilt.
#[component]
pub fn ReadingControls() -> impl IntoView {
    let locale = expect_context::<Locale>().0;
    let t = move || locale.get().ui();
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
    let choose_lang = move |ev: web_sys::Event| {
        if let Some(l) = Lang::from_code(&event_target_value(&ev)) {
            crate::browser::set_root_lang(l.code());
            locale.set(l);
        }
    };
    let option = move |value: &'static str,
                       label: fn(&'static explainer_core::i18n::Ui) -> &'static str,
                       current: RwSignal<String>| {
        view! { <option value=value selected=move || current.get() == value>{move || label(t())}</option> }
    };
    let languages = Lang::ALL
        .into_iter()
        .map(|l| {
            view! {
                <option value=l.code() lang=l.code() selected=move || locale.get() == l>
                    {l.endonym()}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="reading-controls" role="group" aria-label=move || t().reading_settings>
            <label class="visually-hidden" for="lang-select">{move || t().language}</label>
            <select id="lang-select" on:change=choose_lang>
                {languages}
            </select>
            <label class="visually-hidden" for="theme-select">{move || t().colour_theme}</label>
            <select id="theme-select" on:change=choose_theme>
                {option("auto", |u| u.theme_system, theme)}
                {option("light", |u| u.theme_light, theme)}
                {option("dark", |u| u.theme_dark, theme)}
            </select>
            <label class="visually-hidden" for="text-size">{move || t().text_size}</label>
            <select id="text-size" on:change=choose_size>
                {option("normal", |u| u.size_normal, size)}
                {option("large", |u| u.size_large, size)}
                {option("larger", |u| u.size_larger, size)}
                {option("largest", |u| u.size_largest, size)}
            </select>
        </div>
    }
}
