//! Views a first page does not need, each in a wasm module of its own that is fetched when it is first shown.
//!
//! The brief (the page most readers land on) needs the reader, the masthead and the tabs; the glossary, timeline,
//! map, study and sheet views are most of the rest of the app's code. In the hydrating build each of them is a
//! split point (`wasm_split`, the mechanism behind Leptos' `#[lazy]`): `explainer-content split` (a Trunk hook)
//! cuts the module at these functions after the build, and the first call of one loads its chunk. Elsewhere (the native
//! prerender, component tests) the same functions are plain `async fn`s that are ready at once.
//!
//! A view is shown with [`show`], which builds it at once when its chunk is there (always, outside the
//! hydrating build) and otherwise shows a loading line, loads the chunk and then builds it. Once the app is
//! live and a service worker controls the page, [`prefetch_all`] loads every chunk from its cache in the
//! background, so a tab opens at once.

use crate::glossary::{EntryView, GlossaryView};
use crate::map::{MapPanel, MapView, PanelTarget};
use crate::state::{lang, ui, LoadedArticle, RetryLoad, WholeArticle};
use crate::study::StudyView;
use crate::timeline::TimelineView;
use explainer_core::i18n::load_error;
use explainer_core::load::LoadError;
use explainer_core::model::{EntityId, GlossaryEntry};
use explainer_core::View;
use leptos::prelude::*;
use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

/// A chunk failed to load (offline before it was cached, a network error).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkError;

#[cfg(feature = "hydrate")]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// A view that lives in a chunk of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chunk {
    Glossary,
    Timeline,
    Map,
    Study,
    Sheet,
}

impl Chunk {
    pub const ALL: [Chunk; 5] = [
        Chunk::Glossary,
        Chunk::Timeline,
        Chunk::Map,
        Chunk::Study,
        Chunk::Sheet,
    ];

    /// The chunk a view's code is in, if not in the main module.
    pub fn of(view: View) -> Option<Chunk> {
        match view {
            View::Brief | View::Full => None,
            View::Glossary => Some(Chunk::Glossary),
            View::Timeline => Some(Chunk::Timeline),
            View::Map => Some(Chunk::Map),
            View::Study => Some(Chunk::Study),
            View::Sheet => Some(Chunk::Sheet),
        }
    }

    /// The chunk's module name, as its split points declare it (`split!` below) and the split loader names it
    /// (`__wasm_split_load_<name>`).
    pub fn name(self) -> &'static str {
        match self {
            Chunk::Glossary => "glossary",
            Chunk::Timeline => "timeline",
            Chunk::Map => "map",
            Chunk::Study => "study",
            Chunk::Sheet => "sheet",
        }
    }

    /// Loads the chunk (at once if it is there); `false` if it could not be loaded.
    pub async fn load(self) -> bool {
        #[cfg(feature = "hydrate")]
        {
            let loaded = match self {
                Chunk::Glossary => preload_glossary().await,
                Chunk::Timeline => preload_timeline().await,
                Chunk::Map => preload_map().await,
                Chunk::Study => preload_study().await,
                Chunk::Sheet => preload_sheet().await,
            };
            loaded.is_ok()
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = self;
            true
        }
    }
}

/// Declares a split point: in the hydrating build a `wasm_split` function (async; its first call loads the
/// chunk), elsewhere an `async fn` that is ready at once.
macro_rules! split {
    ($chunk:ident, $preload:ident, fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block) => {
        split!($chunk, $preload, fn $name($($arg: $ty),*) -> AnyView $body);
    };
    ($chunk:ident, $preload:ident, fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "hydrate")]
        #[leptos::wasm_split::wasm_split(
            $chunk,
            wasm_split_path = ::leptos::wasm_split,
            preload(#[allow(dead_code)] $preload),
            fallible
        )]
        fn $name($($arg: $ty),*) -> Result<$ret, ChunkError> {
            Ok($body)
        }
        #[cfg(not(feature = "hydrate"))]
        async fn $name($($arg: $ty),*) -> Result<$ret, ChunkError> {
            Ok($body)
        }
        #[cfg(not(feature = "hydrate"))]
        #[allow(dead_code)]
        async fn $preload() -> Result<(), ChunkError> {
            Ok(())
        }
    };
}

split!(
    glossary,
    preload_glossary,
    fn glossary_view(loaded: LoadedArticle) {
        view! { <GlossaryView loaded=loaded /> }.into_any()
    }
);
split!(
    glossary,
    preload_glossary_entry,
    fn glossary_entry(entry: GlossaryEntry, article: Arc<explainer_core::model::Article>) {
        view! {
            <EntryView
                entry=entry
                article=article
                matched=Signal::derive(|| None)
                selected=Signal::derive(|| None)
            />
        }
        .into_any()
    }
);
split!(
    timeline,
    preload_timeline,
    fn timeline_view(loaded: LoadedArticle) {
        with_whole(&loaded, |loaded| {
            view! { <TimelineView loaded=loaded /> }.into_any()
        })
    }
);
split!(
    timeline,
    preload_timeline_completes,
    fn timeline_completes(loaded: LoadedArticle) -> bool {
        whole(&loaded).is_ok()
    }
);
split!(
    map,
    preload_map,
    fn map_view(loaded: LoadedArticle) {
        with_whole(&loaded, |loaded| {
            view! { <MapView loaded=loaded /> }.into_any()
        })
    }
);
split!(
    map,
    preload_map_completes,
    fn map_completes(loaded: LoadedArticle) -> bool {
        whole(&loaded).is_ok()
    }
);
split!(
    map,
    preload_map_panel,
    fn map_panel(loaded: LoadedArticle, actor: EntityId, on_close: Callback<()>) {
        with_whole(&loaded, |loaded| {
            match loaded.article.entities.iter().position(|x| x.id == actor) {
                Some(i) => {
                    let article = loaded.article.clone();
                    view! { <MapPanel article=article target=PanelTarget::Entity(i) on_close=on_close /> }
                        .into_any()
                }
                // Not an actor of this article: the whole map, as for any other map link.
                None => view! { <MapView loaded=loaded /> }.into_any(),
            }
        })
    }
);
split!(
    study,
    preload_study,
    fn study_view(loaded: LoadedArticle) {
        with_whole(&loaded, |loaded| {
            view! { <StudyView loaded=loaded /> }.into_any()
        })
    }
);
split!(
    study,
    preload_study_completes,
    fn study_completes(loaded: LoadedArticle) -> bool {
        whole(&loaded).is_ok()
    }
);
split!(
    sheet,
    preload_sheet,
    fn sheet_view(loaded: LoadedArticle) {
        with_whole(&loaded, |loaded| {
            view! { <crate::sheet::SheetView loaded=loaded /> }.into_any()
        })
    }
);
split!(
    sheet,
    preload_sheet_completes,
    fn sheet_completes(loaded: LoadedArticle) -> bool {
        whole(&loaded).is_ok()
    }
);

/// The whole article ([`LoadedArticle::complete`]), published to the page's [`WholeArticle`] for the
/// selection, which may name actors and events.
fn whole(loaded: &LoadedArticle) -> Result<LoadedArticle, LoadError> {
    let whole = loaded.complete()?;
    if let Some(w) = use_context::<WholeArticle>() {
        if w.0.with_untracked(Option::is_none) {
            w.0.set(Some(whole.article.clone()));
        }
    }
    Ok(whole)
}

/// The view `make` builds from the whole article, or what is wrong with its later parts.
fn with_whole(loaded: &LoadedArticle, make: impl FnOnce(LoadedArticle) -> AnyView) -> AnyView {
    match whole(loaded) {
        Ok(loaded) => make(loaded),
        Err(e) => unusable(e),
    }
}

/// Whether the article has everything `chunk`'s view needs (its later parts decode and pass their checks):
/// asked before hydrating a page of that view, so a page whose data went bad is built afresh instead (its
/// view then says what is wrong). The check is the chunk's code; the glossary needs no later part.
pub async fn completes(chunk: Chunk, loaded: &LoadedArticle) -> bool {
    let loaded = loaded.clone();
    let done = match chunk {
        Chunk::Glossary => Ok(true),
        Chunk::Timeline => timeline_completes(loaded).await,
        Chunk::Map => map_completes(loaded).await,
        Chunk::Study => study_completes(loaded).await,
        Chunk::Sheet => sheet_completes(loaded).await,
    };
    done.unwrap_or(false)
}

/// A view whose part of the article does not decode or breaks a rule: what is wrong, and a retry that loads
/// the article again (the server may have a good copy).
fn unusable(e: LoadError) -> AnyView {
    let retry = use_context::<RetryLoad>();
    view! {
        <div class="load-error" role="alert">
            <h2>{ui().load_failed}</h2>
            <p class="load-error-message">{load_error(&e, lang())}</p>
            <button type="button" class="button" on:click=move |_| if let Some(r) = retry { r.0.run(()) }>
                {ui().try_again}
            </button>
        </div>
    }
    .into_any()
}

/// The view of `view` for the loaded article (which must be one of the chunked views).
pub fn article_view(view: View, loaded: LoadedArticle) -> AnyView {
    let Some(chunk) = Chunk::of(view) else {
        return ().into_any();
    };
    show(
        move || chunk.load(),
        move || {
            let loaded = loaded.clone();
            async move {
                match chunk {
                    Chunk::Glossary => glossary_view(loaded).await,
                    Chunk::Timeline => timeline_view(loaded).await,
                    Chunk::Map => map_view(loaded).await,
                    Chunk::Study => study_view(loaded).await,
                    Chunk::Sheet => sheet_view(loaded).await,
                }
            }
        },
    )
}

/// One glossary entry on its own (an embed of a single term).
pub fn entry_view(entry: GlossaryEntry, article: Arc<explainer_core::model::Article>) -> AnyView {
    let preload = || async { preload_glossary_entry().await.is_ok() };
    show(preload, move || {
        glossary_entry(entry.clone(), article.clone())
    })
}

/// One actor's panel on its own (an embed of a single actor); the whole map if `actor` is not in the article.
pub fn panel_view(loaded: LoadedArticle, actor: EntityId, on_close: Callback<()>) -> AnyView {
    let preload = || async { preload_map_panel().await.is_ok() };
    show(preload, move || {
        map_panel(loaded.clone(), actor.clone(), on_close)
    })
}

/// Polls a future once: its value if it is ready without waiting.
fn now<F: Future>(fut: F) -> Option<F::Output> {
    let mut fut = std::pin::pin!(fut);
    match fut.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => Some(v),
        Poll::Pending => None,
    }
}

/// Shows the view `make` builds: at once if its chunk is there, otherwise a loading line until `preload` (the
/// split function's own: each has its own record of what is loaded) has loaded it, or a message and a retry
/// button if it cannot. The view is built here, under the caller's owner, never in the task that loads.
fn show<P, PFut, F, Fut>(preload: P, make: F) -> AnyView
where
    P: Fn() -> PFut + Copy + Send + Sync + 'static,
    PFut: Future<Output = bool> + 'static,
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, ChunkError>>,
{
    if let Some(Ok(v)) = now(make()) {
        return v;
    }
    // Not there yet: the view is rebuilt when a load ends.
    let state = RwSignal::new(Loading::Pending);
    let load = move || {
        state.set(Loading::Pending);
        leptos::task::spawn_local(async move {
            let ok = preload().await;
            state.set(if ok { Loading::Done } else { Loading::Failed });
        });
    };
    load();
    (move || match state.get() {
        Loading::Pending => view! { <crate::shell::Loading what=ui().loading_view /> }.into_any(),
        Loading::Done => match now(make()) {
            Some(Ok(v)) => v,
            _ => failed(load),
        },
        Loading::Failed => failed(load),
    })
    .into_any()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Loading {
    Pending,
    Done,
    Failed,
}

fn failed(retry: impl Fn() + Send + Sync + Clone + 'static) -> AnyView {
    view! {
        <div class="load-error" role="alert">
            <p class="load-error-message">{ui().view_load_failed}</p>
            <button type="button" class="button" on:click=move |_| retry()>{ui().try_again}</button>
        </div>
    }
    .into_any()
}

/// Starts fetching a chunk and returns at once (the page's own view, fetched while the article decodes).
pub fn start_loading(chunk: Chunk) {
    let _ = now(chunk.load());
}

/// Loads every chunk, one after another, each when the browser is idle: afterwards every view opens at once.
pub async fn prefetch_all() {
    for chunk in Chunk::ALL {
        crate::browser::idle(2000).await;
        let _ = chunk.load().await;
    }
}
