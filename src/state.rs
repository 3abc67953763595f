//! Shared state, provided as context behind newtypes.

use crate::browser;
use explainer_core::i18n::{Lang, Ui};
use explainer_core::load::{decode_index, FirstViewDecoder, LaterParts, LoadError};
use explainer_core::model::{Article, ArticleIndex, ArticleSlug, OccurrenceId, TermId};
use explainer_core::route::strip_base;
use explainer_core::route::Selection;
use explainer_core::search::SearchIndex;
use explainer_core::Route;
use leptos::prelude::*;
use std::sync::Arc;

/// Where the app is: the route, the URL fragment, and how to build URLs.
#[derive(Clone, Copy)]
pub struct Nav {
    pub route: RwSignal<Route>,
    pub fragment: RwSignal<Option<String>>,
    base: StoredValue<String>,
    /// Embedded in another site (`?embed=1`): minimal chrome, and every link stays in embed mode.
    pub embed: bool,
}

impl Nav {
    pub fn new(base: String, route: Route, fragment: Option<String>) -> Self {
        Self {
            route: RwSignal::new(route),
            fragment: RwSignal::new(fragment),
            base: StoredValue::new(base),
            embed: false,
        }
    }

    pub fn embedded(self, embed: bool) -> Self {
        Self { embed, ..self }
    }

    /// Whether a query string asks for embed mode.
    pub fn embed_requested(query: &str) -> bool {
        query
            .trim_start_matches('?')
            .split('&')
            .any(|kv| kv == "embed=1" || kv == "embed")
    }

    /// Parses a location path and query string against the base.
    pub fn route_for_path(base: &str, path: &str, query: &str) -> Route {
        match strip_base(base, path) {
            Some(rest) => Route::parse_url(rest, query),
            None => Route::NotFound(path.to_string()),
        }
    }

    pub fn base(&self) -> String {
        self.base.get_value()
    }

    pub fn href(&self, route: &Route, fragment: Option<&str>) -> String {
        let mut url = format!("{}{}", self.base.get_value(), route.to_path());
        if self.embed {
            url.push_str(if url.contains('?') {
                "&embed=1"
            } else {
                "?embed=1"
            });
        }
        if let Some(f) = fragment {
            url.push('#');
            url.push_str(f);
        }
        url
    }

    /// Goes to a route, adding a history entry (call from event handlers only).
    pub fn go(&self, route: Route, fragment: Option<String>) {
        browser::push_url(&self.href(&route, fragment.as_deref()));
        if fragment.is_none() && route.article_view() != Some(explainer_core::View::Glossary) {
            browser::scroll_to_top();
        }
        self.route.set(route);
        self.fragment.set(fragment);
    }

    /// The same place outside embed mode, for "Open full explainer".
    pub fn href_unembedded(&self, route: &Route, fragment: Option<&str>) -> String {
        Self {
            embed: false,
            ..*self
        }
        .href(route, fragment)
    }

    /// Re-reads the browser location (back/forward).
    pub fn sync_from_location(&self) {
        let (path, query, hash) = browser::location();
        self.route
            .set(Self::route_for_path(&self.base.get_value(), &path, &query));
        self.fragment.set(hash);
    }

    /// Selects something (or nothing) in every view; the URL follows without a new history entry.
    pub fn select(&self, sel: Option<Selection>) {
        let route = self.route.with_untracked(|r| r.with_selection(sel));
        browser::replace_url(&self.href(&route, None));
        self.fragment.set(None);
        self.route.set(route);
    }

    /// The current selection.
    pub fn selection(&self) -> Option<Selection> {
        self.route.with(|r| r.selection())
    }
}

/// Whether the app is live in the browser: false while prerendering and while hydrating (until the first
/// effect runs), so views that depend on the device (stored progress) render the same placeholder on both sides.
#[derive(Clone, Copy)]
pub struct ClientReady(pub RwSignal<bool>);

/// The interface language. Switching it rebuilds the page body, so components read it once with [`lang`].
#[derive(Clone, Copy)]
pub struct Locale(pub RwSignal<Lang>);

/// The current interface language (English where no `Locale` is provided, e.g. in component tests).
pub fn lang() -> Lang {
    use_context::<Locale>().map_or(Lang::En, |l| l.0.get_untracked())
}

/// Every interface string in the current language.
pub fn ui() -> &'static Ui {
    lang().ui()
}

/// Which definition card is open (one at a time) and whether it was opened on purpose (click, tap, key)
/// rather than by hovering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CardState {
    pub occurrence: OccurrenceId,
    pub pinned: bool,
}

#[derive(Clone, Copy)]
pub struct OpenCard(pub RwSignal<Option<CardState>>);

/// What the current selection highlights in every view.
#[derive(Clone, Copy)]
pub struct Selected(pub Memo<explainer_core::selection::Highlighted>);

/// The open card, by occurrence, for thousands of term buttons: opening a card wakes only the buttons whose
/// state changes (the one opened and the one closed), not every button in the text.
#[derive(Clone)]
pub struct OpenSelector(pub Selector<Option<explainer_core::model::OccurrenceId>>);

/// Whether each term is highlighted by the selection, one flag per term: a new selection updates the flags of
/// the terms that enter or leave it, so a 5,000-term text does not re-evaluate every button.
#[derive(Clone)]
pub struct TermFlags {
    flags: std::sync::Arc<std::sync::RwLock<std::collections::HashMap<TermId, ArcRwSignal<bool>>>>,
    selected: Memo<explainer_core::selection::Highlighted>,
}

impl TermFlags {
    /// Flags kept in step with `selected` (by an effect, so only in the browser; natively they start right).
    pub fn new(selected: Memo<explainer_core::selection::Highlighted>) -> Self {
        let this = TermFlags {
            flags: Default::default(),
            selected,
        };
        let flags = this.flags.clone();
        Effect::new(move |prev: Option<std::collections::BTreeSet<TermId>>| {
            let next = selected.with(|h| h.terms.clone());
            if let Ok(map) = flags.read() {
                for id in prev.iter().flatten().chain(next.iter()) {
                    if let Some(flag) = map.get(id) {
                        let on = next.contains(id);
                        if flag.get_untracked() != on {
                            flag.set(on);
                        }
                    }
                }
            }
            next
        });
        this
    }

    /// Whether `id` is highlighted (reactive).
    pub fn is_selected(&self, id: &TermId) -> bool {
        let existing = self.flags.read().ok().and_then(|m| m.get(id).cloned());
        let flag = existing.unwrap_or_else(|| {
            let on = self.selected.with_untracked(|h| h.terms.contains(id));
            let flag = ArcRwSignal::new(on);
            if let Ok(mut m) = self.flags.write() {
                m.entry(id.clone()).or_insert(flag).clone()
            } else {
                flag
            }
        });
        flag.get()
    }
}

/// The current article with every part decoded, once a view has needed them (see
/// [`LoadedArticle::complete`]): what a selection of an actor or an event is resolved against.
#[derive(Clone, Copy)]
pub struct WholeArticle(pub RwSignal<Option<Arc<Article>>>);

/// Loads the current article again (the app's "Try again"), for a view that finds its part of it unusable.
#[derive(Clone, Copy)]
pub struct RetryLoad(pub Callback<()>);

/// Text for the polite live region: what just happened, for screen readers.
#[derive(Clone, Copy)]
pub struct Announcer(pub RwSignal<String>);

/// A loaded article with its search index, built once, when the glossary first needs it: the index and its
/// code belong to the glossary's chunk (crate::chunks), not to the start of every page. Loaded from the
/// network, it holds the texts and the glossary decoded, and the rest (actors, relations, timeline,
/// questions) as JSON until a view that shows them asks for [`complete`](Self::complete): their decoders
/// and checks are the chunks' code, not the first page's.
#[derive(Clone)]
pub struct LoadedArticle {
    pub article: Arc<Article>,
    search: Arc<std::sync::OnceLock<Arc<SearchIndex>>>,
    later: Option<Arc<Later>>,
}

struct Later {
    parts: LaterParts,
    done: std::sync::OnceLock<Result<Arc<Article>, LoadError>>,
}

impl LoadedArticle {
    /// A whole article (decoded and checked in full).
    pub fn new(article: Article) -> Self {
        Self {
            article: Arc::new(article),
            search: Arc::default(),
            later: None,
        }
    }

    /// An article decoded for its first view ([`FirstViewDecoder`]), with the parts left for later.
    pub fn first_view(article: Article, later: LaterParts) -> Self {
        Self {
            later: Some(Arc::new(Later {
                parts: later,
                done: Default::default(),
            })),
            ..Self::new(article)
        }
    }

    /// The English search index of the glossary (built on the first call).
    pub fn search(&self) -> Arc<SearchIndex> {
        self.search
            .get_or_init(|| Arc::new(SearchIndex::new(&self.article.glossary)))
            .clone()
    }

    /// The whole article if it is decoded already (never decodes: see [`complete`](Self::complete)).
    pub fn completed(&self) -> Option<LoadedArticle> {
        match &self.later {
            None => Some(self.clone()),
            Some(later) => match later.done.get() {
                Some(Ok(article)) => Some(LoadedArticle {
                    article: article.clone(),
                    search: self.search.clone(),
                    later: None,
                }),
                _ => None,
            },
        }
    }

    /// The article with every part decoded and checked (decoded on the first call; at once if it was
    /// whole). Only views in chunks call it, so that its code is theirs.
    pub fn complete(&self) -> Result<LoadedArticle, LoadError> {
        let Some(later) = &self.later else {
            return Ok(self.clone());
        };
        let article = later
            .done
            .get_or_init(|| {
                let mut a = (*self.article).clone();
                later.parts.decode_into(&mut a)?;
                Ok(Arc::new(a))
            })
            .clone()?;
        Ok(LoadedArticle {
            article,
            search: self.search.clone(),
            later: None,
        })
    }
}

/// Decodes an article's first view a part at a time, each part in its own task (see
/// [`explainer_core::load::ArticleDecoder`]): in
/// one go the decode was one ~29 ms task on this machine, mostly compiling the decoders on first use.
pub async fn decode_in_steps(json: &str) -> Result<LoadedArticle, LoadError> {
    // Not in the task that brought the text into the wasm: splitting the article at its top level is a pass
    // over all of it (~15 ms under 4× CPU throttling), and with the copy and the wasm's start one ~70 ms task.
    browser::next_task().await;
    let mut decoder = FirstViewDecoder::new(json)?;
    let later = decoder.later_parts();
    loop {
        browser::next_task().await;
        if let Some(article) = decoder.step()? {
            return Ok(LoadedArticle::first_view(article, later));
        }
    }
}

pub async fn load_article(
    base: String,
    slug: ArticleSlug,
    retry: bool,
) -> Result<LoadedArticle, LoadError> {
    let text = browser::fetch_text(&format!("{base}content/{slug}.json"), retry).await?;
    let loaded = decode_in_steps(&text).await?;
    if loaded.article.slug != slug {
        return Err(LoadError::Corrupt(format!(
            "file holds `{}`",
            loaded.article.slug
        )));
    }
    Ok(loaded)
}

pub async fn load_index(base: String, retry: bool) -> Result<ArticleIndex, LoadError> {
    decode_index(&browser::fetch_text(&format!("{base}content/index.json"), retry).await?)
}
