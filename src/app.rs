//! The root component: navigation, content loading and the page frame.

use crate::browser;
use crate::reader::ReaderView;
use crate::shell::{Library, LoadFailed, Loading, NotFound, RouteLink, ViewTabs};
use crate::state::{
    lang, load_article, load_index, ui, Announcer, ClientReady, LoadedArticle, Locale, Nav,
    OpenCard, RetryLoad, Selected, WholeArticle,
};
use explainer_core::i18n::{long_date, Label, Lang};
use explainer_core::model::{Article, DocKind};
use explainer_core::model::{ArticleSlug, EntityId};
use explainer_core::route::Selection;
use explainer_core::selection::highlighted;
use explainer_core::{Route, View};
use leptos::ev;
use leptos::prelude::*;

/// The id of an empty element that ends the masthead: index.html's `<link rel="expect">` holds the first paint
/// until it is parsed. The brand and the reading controls share one row, so a masthead painted with only some of
/// its selects (a slow phone's parser yields often) was laid out again when the rest arrived: a layout shift.
/// Chromium lets the page paint once the element is in the document, a browser following the spec once it is
/// fully parsed: an empty last child means the same moment in both.
pub const MASTHEAD_END: &str = "masthead-end";

/// The meta naming the route a page was prerendered for.
pub const PRERENDERED_META: &str = "explainer-prerendered";

/// The meta naming the language a page was prerendered in, where it is not English: each route also has a
/// Hindi page (`index.hi.html`), which the service worker serves to a reader who chose Hindi, so that the page
/// is in their language from the first paint instead of after the app is live.
pub const PRERENDERED_LANG_META: &str = "explainer-prerendered-lang";

/// The file name of a route's page in a language (`index.html` for English).
pub fn page_file(lang: Lang) -> String {
    match lang {
        Lang::En => "index.html".into(),
        other => format!("index.{}.html", other.code()),
    }
}

/// Reads the browser location and starts the app on `<body>`: it hydrates the prerendered HTML when the page
/// is exactly what was prerendered (same route, no query, not embedded), and otherwise renders afresh, using
/// the article data the page names if any.
pub fn start() {
    // Not leptos's spawn_local: its executor is set up by mounting, which comes after this.
    wasm_bindgen_futures::spawn_local(async {
        // Not in the task that finished compiling and instantiating the wasm (~18 ms on this machine): copying
        // the article's text into the wasm is a task of its own.
        browser::next_task().await;
        // The code of the page's view, if it is in a chunk (crate::chunks), is fetched while the article decodes.
        let (path, query, _) = browser::location();
        let route = Nav::route_for_path(&browser::base_path(), &path, &query);
        let chunk = route.article_view().and_then(crate::chunks::Chunk::of);
        if let Some(c) = chunk {
            crate::chunks::start_loading(c);
        }
        let data = browser::carried_data().await;
        // Instantiating the wasm, decoding the article (in parts) and hydrating the page (in slices,
        // crate::later) are separate tasks, not one: on a slow phone together they kept a tap waiting for
        // ~280 ms. (The glossary's search index is built when the glossary first needs it.)
        let initial = match data {
            Some(Ok(json)) => crate::state::decode_in_steps(&json).await.ok(),
            // The app loads it again and says what went wrong if it cannot.
            Some(Err(_)) | None => None,
        };
        browser::next_task().await;
        // Read before hydrating (hydration may set the values back); the app replays it once live.
        browser::keep_early_input(browser::early_input());
        // Hydrating needs the view's code: without its chunk (offline before it was cached) the page is built
        // afresh, and the view says it could not be loaded and offers to try again.
        let chunk_ready = match chunk {
            Some(c) => c.load().await,
            None => true,
        };
        // The view may need the article's later parts: if they do not decode, the page cannot be what the
        // prerender drew, so it is built afresh, and the view says what is wrong.
        let initial = match (initial, chunk) {
            (Some(l), Some(c)) if chunk_ready && !crate::chunks::completes(c, &l).await => None,
            (initial, _) => initial,
        };
        // A selected actor or event is resolved against the later parts, which the map's code decodes (see
        // ArticlePage): decoded before hydrating, the page highlights what its prerender did.
        let selects_later = matches!(
            route.selection(),
            Some(Selection::Entity(_) | Selection::Event(_))
        );
        if let Some(l) = initial.as_ref() {
            if selects_later && l.completed().is_none() {
                crate::chunks::completes(crate::chunks::Chunk::Map, l).await;
            }
        }
        start_with(initial, chunk_ready).await;
    });
}

async fn start_with(initial: Option<LoadedArticle>, chunk_ready: bool) {
    let base = browser::base_path();
    let (path, query, fragment) = browser::location();
    let route = Nav::route_for_path(&base, &path, &query);
    let embed = Nav::embed_requested(&query);
    let prerendered_for = browser::meta_content(PRERENDERED_META);
    let prerendered_lang = browser::meta_content(PRERENDERED_LANG_META)
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_default();
    let exact = prerendered_for.is_some_and(|p| p == route.to_path()) && query.is_empty();
    #[cfg(feature = "hydrate")]
    if exact && !embed && chunk_ready && initial.is_some() {
        crate::later::begin_first_pass();
        crate::later::hydrate_body(move || {
            view! { <App base=base route=route fragment=fragment initial=initial.unwrap_or_else(|| unreachable!()) hydrating=true prerendered_lang=prerendered_lang /> }
        })
        .await;
        return;
    }
    let _ = (exact, chunk_ready, prerendered_lang);
    // Whatever was prerendered does not match this URL (a selection, an embed): render afresh.
    browser::clear_body();
    leptos::mount::mount_to_body(move || match initial {
        Some(initial) => {
            view! { <App base=base route=route fragment=fragment embed=embed initial=initial /> }
                .into_any()
        }
        None => view! { <App base=base route=route fragment=fragment embed=embed /> }.into_any(),
    });
}

/// The class of `<main>`. The map and the timeline widen it from the route, not from their own elements
/// (`main:has(.map)`): a page painted before its view was parsed (a slow link, the view's chunk still loading)
/// widened afterwards, shifting everything in it. An embed keeps `:has()`: a single actor embedded on the map
/// route is a card, not the map.
fn main_class(embed: bool, route: &Route) -> &'static str {
    match (embed, route.article_view()) {
        (true, _) => "embedded",
        (false, Some(View::Map)) => "map-page",
        (false, Some(View::Timeline)) => "timeline-page",
        (false, _) => "",
    }
}

/// The document title of a route in a language (also written into each prerendered page).
pub fn page_title(route: &Route, article: Option<&Article>, lang: Lang) -> String {
    match (route, article) {
        (Route::Article { view, term, .. }, Some(a)) => {
            let term = term
                .as_ref()
                .and_then(|t| a.entry(t))
                .map(|e| format!("{} — ", e.term_in(lang).text));
            format!(
                "{}{} — {}",
                term.unwrap_or_default(),
                view.label_in(lang),
                a.title_in(lang).text
            )
        }
        (Route::NotFound(_), _) => lang.ui().page_not_found_title.into(),
        _ => lang.ui().brand.into(),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Page {
    Library,
    NotFound,
    Article,
}

/// The whole app for one starting location.
#[component]
pub fn App(
    /// Base path of the site, ending in `/`.
    base: String,
    /// The route to show first.
    route: Route,
    /// The URL fragment at start, if any.
    fragment: Option<String>,
    /// Embedded in another site.
    #[prop(optional)]
    embed: bool,
    /// The article the page carries (prerendered pages embed it), used instead of fetching it.
    #[prop(optional)]
    initial: Option<LoadedArticle>,
    /// Rendering on the server or hydrating its HTML: the first render must be the prerendered one (its
    /// language, no device state); the reader's language and stored progress follow once the app is live.
    #[prop(optional)]
    hydrating: bool,
    /// The language of the prerendered HTML, which the first render must match when `hydrating`.
    #[prop(optional)]
    prerendered_lang: Lang,
) -> impl IntoView {
    let nav = Nav::new(base, route, fragment).embedded(embed);
    if embed {
        crate::embed::report_height_to_parent();
    }
    provide_context(nav);
    let open_card = OpenCard(RwSignal::new(None));
    provide_context(open_card);
    // `try_get`: the selector's effect may still run once after its owner is gone (the prerenderer renders
    // each page under its own owner and drops it while the executor holds that effect); `get` panicked there.
    provide_context(crate::state::OpenSelector(Selector::new(move || {
        open_card.0.try_get().flatten().map(|c| c.occurrence)
    })));
    let announcer = Announcer(RwSignal::new(String::new()));
    provide_context(announcer);
    let chosen_lang = browser::root_lang()
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_default();
    let locale = RwSignal::new(if hydrating {
        prerendered_lang
    } else {
        chosen_lang
    });
    provide_context(Locale(locale));
    let ready = RwSignal::new(!hydrating);
    provide_context(ClientReady(ready));
    // Effects run only in the browser, after mounting or hydrating: the app is live.
    Effect::new(move |_| {
        // After the pieces the first pass queued (crate::later): they hydrate the prerendered HTML, so they
        // must render what it shows (English, no device state). Live means every button answers.
        // One sequence, in this order: the pieces, the device state and language, live, then what the reader
        // did before (live first: until then the page holds presses back for the replay, critical.rs).
        leptos::task::spawn_local(async move {
            crate::later::settle().await;
            ready.set(true);
            if locale.get_untracked() != chosen_lang {
                locale.set(chosen_lang);
            }
            browser::mark_live();
            // A language switch rebuilds the page in effects of their own: the replay acts on the new one.
            browser::next_task().await;
            browser::replay(browser::take_early_input()).await;
            // The other views' chunks, so that their tabs open at once, from the service worker's cache only:
            // on a first visit the worker is downloading them as it installs, and fetching them here too would
            // download them twice on a slow, metered link (they load when opened instead). Not in an embed: it
            // shows one view, and a course page may hold several frames.
            if !embed && browser::worker_controls_page() {
                crate::chunks::prefetch_all().await;
            }
        });
    });

    Effect::new(move |_| {
        let h = window_event_listener(ev::popstate, move |_| nav.sync_from_location());
        on_cleanup(move || h.remove());
    });
    // public/pwa.js announces a new version that has finished installing in the background.
    let update_ready = RwSignal::new(false);
    Effect::new(move |_| {
        let h = window_event_listener(
            ev::Custom::<web_sys::Event>::new("explainer:update-available"),
            move |_| update_ready.set(true),
        );
        if browser::update_announced() {
            update_ready.set(true);
        }
        on_cleanup(move || h.remove());
    });

    let slug = Memo::new(move |_| nav.route.with(|r| r.slug().cloned()));
    let is_library = Memo::new(move |_| matches!(nav.route.get(), Route::Library));
    let retry = RwSignal::new(0u32);
    let retrying = RwSignal::new(false);
    let initial = StoredValue::new(initial);
    let carried = move |slug: &Option<ArticleSlug>| {
        initial.with_value(|i| {
            i.as_ref()
                .filter(|l| Some(&l.article.slug) == slug.as_ref())
                .cloned()
        })
    };
    let article = LocalResource::new(move || {
        let again = retry.get() > 0;
        let slug = slug.get();
        let base = nav.base();
        let skip = !again && carried(&slug).is_some();
        async move {
            match slug {
                _ if skip => None,
                Some(s) => {
                    let result = load_article(base, s, again).await;
                    retrying.set(false);
                    Some(result)
                }
                None => None,
            }
        }
    });
    let index = LocalResource::new(move || {
        let again = retry.get() > 0;
        let wanted = is_library.get();
        let base = nav.base();
        async move {
            if !wanted {
                return None;
            }
            let result = load_index(base, again).await;
            retrying.set(false);
            Some(result)
        }
    });
    // The article of the current route: the one the page carries, or the fetched one.
    let article_now = move || match carried(&slug.get()) {
        Some(l) if retry.get() == 0 => Some(Ok(l)),
        _ => article.get().flatten(),
    };
    // A resource keeps showing its last value while it reloads; after "Try again" the reader must see that
    // something is happening, not the same error.
    let on_retry = Callback::new(move |_| {
        retrying.set(true);
        retry.update(|n| *n += 1)
    });
    provide_context(RetryLoad(on_retry));

    // The document title follows the route.
    Effect::new(move |_| {
        let route = nav.route.get();
        let lang = locale.get();
        let loaded = article_now().and_then(Result::ok);
        let title = page_title(&route, loaded.as_ref().map(|l| &*l.article), lang);
        browser::set_title(&title);
    });

    // Only a change of page kind rebuilds the page: a new view or selection within an article must not (it
    // would lose focus, open cards and scroll position).
    let page = Memo::new(move |_| {
        nav.route.with(|r| match r {
            Route::Library => Page::Library,
            Route::NotFound(_) => Page::NotFound,
            Route::Article { .. } => Page::Article,
        })
    });
    // Switching language rebuilds the body: every component reads its strings once.
    let body_for = move |page: Page| match page {
        Page::Library if retrying.get() => {
            view! { <Loading what=ui().loading_articles /> }.into_any()
        }
        Page::Article if retrying.get() => {
            view! { <Loading what=ui().loading_article /> }.into_any()
        }
        Page::Library => match index.get().flatten() {
            None => view! { <Loading what=ui().loading_articles /> }.into_any(),
            Some(Err(e)) => view! { <LoadFailed error=e on_retry=on_retry /> }.into_any(),
            Some(Ok(i)) => view! { <Library index=i /> }.into_any(),
        },
        Page::NotFound => view! { <NotFound /> }.into_any(),
        Page::Article => match article_now() {
            None => view! { <Loading what=ui().loading_article /> }.into_any(),
            Some(Err(e)) => view! { <LoadFailed error=e on_retry=on_retry /> }.into_any(),
            Some(Ok(l)) => view! { <ArticlePage loaded=l /> }.into_any(),
        },
    };
    let body = move || {
        locale.track();
        body_for(page.get())
    };

    let brand = move || {
        view! { <RouteLink route=Route::Library class="brand">{move || locale.get().ui().brand}</RouteLink> }
            .into_any()
    };
    let controls = || view! { <crate::shell::ReadingControls /> }.into_any();
    let masthead = move || {
        if crate::later::deferring() {
            // Hydrated a child at a time after this pass (crate::later).
            let node = NodeRef::<leptos::html::Header>::new();
            let pieces: Vec<crate::later::Piece> =
                vec![(0, Box::new(brand)), (1, Box::new(controls))];
            crate::later::hydrate_children(move || node.get_untracked().map(Into::into), pieces);
            // The MASTHEAD_END marker, the third child, has nothing to hydrate: it stays as prerendered.
            return view! { <header class="masthead" node_ref=node></header> }.into_any();
        }
        view! {
            <header class="masthead">
                {brand()}
                {controls()}
                <span id=MASTHEAD_END hidden></span>
            </header>
        }
        .into_any()
    };
    let main_class = move || nav.route.with(|r| main_class(embed, r));
    let main = move || {
        if crate::later::deferring() {
            // The page itself is hydrated after this pass too (crate::later), as the first piece of <main>.
            let node = NodeRef::<leptos::html::Main>::new();
            let pieces: Vec<crate::later::Piece> = vec![(0, Box::new(move || body.into_any()))];
            crate::later::hydrate_children(move || node.get_untracked().map(Into::into), pieces);
            return view! { <main id="main" tabindex="-1" class=main_class node_ref=node></main> }
                .into_any();
        }
        view! { <main id="main" tabindex="-1" class=main_class>{body}</main> }.into_any()
    };
    view! {
        <a class="skip-link" href="#main">{move || locale.get().ui().skip_to_content}</a>
        {(!embed).then(masthead)}
        {move || update_ready.get().then(|| view! {
            <div class="update-banner" role="status">
                <span>{move || locale.get().ui().update_available}</span>
                <button type="button" class="button" on:click=move |_| crate::browser::dispatch("explainer:apply-update")>{move || locale.get().ui().reload}</button>
            </div>
        })}
        {main()}
        <div class="visually-hidden" role="status" aria-live="polite">{move || announcer.0.get()}</div>
    }
}

/// One article: its header, the view switch and the current view.
#[component]
pub fn ArticlePage(
    /// The loaded article.
    loaded: LoadedArticle,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let a = loaded.article.clone();
    let view_now = Memo::new(move |_| nav.route.with(|r| r.article_view()).unwrap_or(View::Brief));
    // A selection may name an actor or an event: later parts of the article, decoded by the views that
    // show them (crate::state::LoadedArticle). Until one has, such a selection loads the map's code to
    // decode them (the texts alone would resolve it to nothing).
    let whole = RwSignal::new(loaded.completed().map(|l| l.article));
    provide_context(WholeArticle(whole));
    let selected = {
        let a = a.clone();
        Memo::new(move |_| {
            let article = whole.get().unwrap_or_else(|| a.clone());
            nav.route
                .with(|r| highlighted(&article, r.selection().as_ref()))
        })
    };
    {
        let loaded = loaded.clone();
        Effect::new(move |_| {
            let later = nav.route.with(|r| {
                matches!(
                    r.selection(),
                    Some(Selection::Entity(_) | Selection::Event(_))
                )
            });
            if later && whole.with_untracked(Option::is_none) {
                let loaded = loaded.clone();
                leptos::task::spawn_local(async move {
                    if crate::chunks::completes(crate::chunks::Chunk::Map, &loaded).await {
                        whole.set(loaded.completed().map(|l| l.article));
                    }
                });
            }
        });
    }
    provide_context(Selected(selected));
    provide_context(crate::state::TermFlags::new(selected));
    let papers = a
        .papers
        .iter()
        .map(|p| p.label())
        .collect::<Vec<_>>()
        .join(", ");
    let plain = format!("{}content/{}.html", nav.base(), a.slug);
    let current = {
        let loaded = loaded.clone();
        move || {
            let a = loaded.article.clone();
            match view_now.get() {
                View::Brief => view! { <ReaderView article=a kind=DocKind::Brief /> }.into_any(),
                View::Full => view! { <ReaderView article=a kind=DocKind::Full /> }.into_any(),
                v => crate::chunks::article_view(v, loaded.clone()),
            }
        }
    };
    if nav.embed {
        return view! { <EmbeddedArticle loaded=loaded.clone() current=current /> }.into_any();
    }
    let header = {
        let a = a.clone();
        move || {
            let (title, summary) = (a.title_in(lang()), a.summary_in(lang()));
            view! {
                <header class="article-header">
                    <p class="kicker">
                        <time datetime=a.date.to_string()>{long_date(&a.date, lang())}</time>
                        {format!(" · {papers}")}
                    </p>
                    <h1 lang=title.lang.code()>{title.text.to_string()}</h1>
                    <p class="summary" lang=summary.lang.code()>{summary.text.to_string()}</p>
                    <crate::share::ShareButton />
                </header>
            }
            .into_any()
        }
    };
    if crate::later::deferring() {
        // Hydrated a child at a time (crate::later): the header, the tabs, the view; the footer is static.
        let node = NodeRef::<leptos::html::Div>::new();
        let tabs = move || view! { <ViewTabs article=a /> }.into_any();
        let pieces: Vec<crate::later::Piece> = vec![
            (0, Box::new(header)),
            (1, Box::new(tabs)),
            (
                2,
                Box::new(move || view! { <div class="view">{current}</div> }.into_any()),
            ),
        ];
        crate::later::hydrate_children(move || node.get_untracked().map(Into::into), pieces);
        return view! { <div class="article-page" node_ref=node></div> }.into_any();
    }
    view! {
        <div class="article-page">
            {header()}
            <ViewTabs article=a.clone() />
            <div class="view">{current}</div>
            <footer class="article-footer">
                <p>{ui().source} <span lang="en">{a.source.name.clone()}</span></p>
                <p>
                    <a href=plain>{ui().plain_version}</a>
                </p>
            </footer>
        </div>
    }
    .into_any()
}

/// What an embed shows: one glossary entry (its index), one actor's panel, or the current view.
#[derive(Clone, PartialEq, Eq)]
enum EmbedBody {
    Term(usize),
    Entity(EntityId),
    View,
}

/// An article in embed mode: one view (or one term or actor), minimal chrome, a way out to the full app.
#[component]
fn EmbeddedArticle(
    /// The article.
    loaded: LoadedArticle,
    /// Renders the current view.
    current: impl Fn() -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let a = loaded.article.clone();
    let full_href = move || nav.route.with(|r| nav.href_unembedded(r, None));
    // A single term or actor is embedded when the frame was opened on it; later navigation inside the frame
    // (an occurrence link, a click on another node) shows the full views. Keyed by a memo so that a change
    // of selection alone (opening a card selects its term) does not rebuild the view and close the card.
    let single = {
        let article = loaded.article.clone();
        move |route: &Route| match route {
            Route::Article {
                view: View::Glossary,
                term: Some(t),
                ..
            } => article
                .glossary
                .iter()
                .position(|e| &e.id == t)
                .map(EmbedBody::Term),
            // Actors are a later part of the article (crate::state::LoadedArticle): the map's chunk looks
            // this one up, and shows the whole map if there is no such actor.
            Route::Article {
                view: View::Map,
                sel: Some(Selection::Entity(e)),
                ..
            } => Some(EmbedBody::Entity(e.clone())),
            _ => None,
        }
    };
    let first = nav.route.with_untracked(&single);
    let kind = Memo::new(move |_| {
        nav.route
            .with(&single)
            .filter(|k| Some(k) == first.as_ref())
            .unwrap_or(EmbedBody::View)
    });
    let body = move || {
        match kind.get() {
        EmbedBody::Term(i) => view! {
            <h2 class="visually-hidden">{ui().glossary_entry}</h2>
            <ul class="entries">
                {crate::chunks::entry_view(loaded.article.glossary[i].clone(), loaded.article.clone())}
            </ul>
        }
        .into_any(),
        EmbedBody::Entity(actor) => {
            let slug = loaded.article.slug.clone();
            let close = Callback::new(move |_| nav.go(Route::view(&slug, View::Map), None));
            view! {
                <h2 class="visually-hidden">{ui().actor_on_map}</h2>
                {crate::chunks::panel_view(loaded.clone(), actor, close)}
            }
            .into_any()
        }
        EmbedBody::View => current(),
    }
    };
    view! {
        <div class="article-page embedded">
            <header class="embed-bar">
                <h1 class="embed-title" lang=a.title_in(lang()).lang.code()>{a.title_in(lang()).text.to_string()}</h1>
                <a class="open-full" href=full_href target="_blank" rel="noopener">{ui().open_full}</a>
            </header>
            <div class="view">{body}</div>
        </div>
    }
}
