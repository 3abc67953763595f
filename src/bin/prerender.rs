//! Prerenders every article route to static HTML with the same Leptos components the browser runs (Trunk's
//! post-build hook, after `explainer-content shells` has written a page per route). Each page gets the rendered
//! app right after `<body>` (the wasm hydrates it), a meta naming its route, and a meta naming its article data,
//! which the page's loader fetches alongside the wasm once the text has painted (so the data does not delay the
//! first paint, and no request waits for another).
//!
//! Usage: `prerender [DIST]` (default: `$TRUNK_STAGING_DIR`).

use explainer::app::{page_file, page_title, App, PRERENDERED_LANG_META, PRERENDERED_META};
use explainer::chunks::Chunk;
use explainer::state::LoadedArticle;
use explainer_core::i18n::Lang;
use explainer_core::model::{Article, ArticleIndex};
use explainer_core::route::{Route, View};
use explainer_core::{CHUNKS_META, DATA_META};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

fn attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

fn base_of(shell: &str) -> String {
    let key = "name=\"explainer-base\" content=\"";
    shell
        .find(key)
        .and_then(|i| {
            let rest = &shell[i + key.len()..];
            rest.find('"').map(|j| rest[..j].to_string())
        })
        .unwrap_or_else(|| "/".into())
}

fn render(base: &str, route: Route, loaded: LoadedArticle, lang: Lang) -> String {
    let base = base.to_string();
    render_page(move || {
        view! { <App base=base route=route fragment=None initial=loaded hydrating=true prerendered_lang=lang /> }
            .to_html()
    })
}

/// Runs `to_html` under a fresh owner for one page and disposes of the page afterwards.
fn render_page(to_html: impl FnOnce() -> String) -> String {
    let owner = Owner::new_root(Some(Arc::new(hydration_context::SsrSharedContext::new())));
    let html = owner.with(to_html);
    // `to_html` is synchronous, so nothing the page spawned can be in its HTML; dropping it unpolled before the
    // owner goes means none of it runs against the disposed page (it did on a thread pool: CI's stop 19).
    discard_spawned();
    owner.unset();
    html
}

thread_local! {
    static SPAWNED: RefCell<Vec<any_spawner::PinnedLocalFuture<()>>> = const { RefCell::new(Vec::new()) };
}

/// The prerender's executor: it keeps what a page spawns (effects' update loops, which wait for changes that
/// never come on the server) until [`render_page`] drops it, and never polls it. Single-threaded on purpose.
struct PageExecutor;

impl any_spawner::CustomExecutor for PageExecutor {
    fn spawn(&self, fut: any_spawner::PinnedFuture<()>) {
        self.spawn_local(fut);
    }

    fn spawn_local(&self, fut: any_spawner::PinnedLocalFuture<()>) {
        SPAWNED.with(|s| s.borrow_mut().push(fut));
    }

    fn poll_local(&self) {}
}

fn init_executor() {
    // Fails only when set already (each test thread sets it again; the global part is shared).
    let _ = any_spawner::Executor::init_local_custom_executor(PageExecutor);
}

fn discard_spawned() {
    // A future's drop may spawn again (an owner's cleanup): take the list out before dropping it, until empty.
    loop {
        let spawned = SPAWNED.with(|s| std::mem::take(&mut *s.borrow_mut()));
        if spawned.is_empty() {
            break;
        }
        drop(spawned);
    }
}

/// Every route of an article that gets a page: each view, and each glossary term.
fn routes(loaded: &LoadedArticle) -> Vec<Route> {
    let slug = &loaded.article.slug;
    let mut routes: Vec<Route> = View::ALL
        .into_iter()
        .map(|v| Route::view(slug, v))
        .collect();
    routes.extend(
        loaded
            .article
            .glossary
            .iter()
            .map(|e| Route::term(slug, &e.id)),
    );
    routes
}

/// Every split point's files (see `explainer_compiler::split::split_files`), from the split loader in `dist`;
/// none in a build that was not split.
fn chunk_files(dist: &Path) -> Result<BTreeMap<String, Vec<(String, String)>>, String> {
    let entries = std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("__wasm_split-") && name.ends_with(".js") {
            let loader = std::fs::read_to_string(e.path())
                .map_err(|err| format!("{}: {err}", e.path().display()))?;
            return explainer_compiler::split::split_files(&loader)
                .map_err(|err| format!("{name}: {err}"));
        }
    }
    Ok(BTreeMap::new())
}

/// The page's `<meta>` naming the chunk files of its view, if its view is in a chunk.
fn chunks_meta(
    route: &Route,
    base: &str,
    files: &BTreeMap<String, Vec<(String, String)>>,
) -> Result<String, String> {
    let Route::Article { view, .. } = route else {
        return Ok(String::new());
    };
    let Some(chunk) = Chunk::of(*view) else {
        return Ok(String::new());
    };
    if files.is_empty() {
        return Ok(String::new());
    }
    let list = files
        .get(chunk.name())
        .ok_or_else(|| format!("the split loader has no `{}` split point", chunk.name()))?;
    let content: Vec<String> = list
        .iter()
        .map(|(file, sri)| format!("{base}{file} {sri}"))
        .collect();
    Ok(format!(
        "<meta name=\"{CHUNKS_META}\" content=\"{}\">\n",
        attr(&content.join(" "))
    ))
}

/// The page's `<html lang>`, `<title>` and, where it is not English, the meta naming its language.
struct PageLang<'a> {
    lang: Lang,
    title: &'a str,
}

/// Splices the rendered app and the metas naming its route, its data and its view's chunk files (`chunks`)
/// into a route page, in the language of `lang`.
fn page(
    shell: &str,
    app: &str,
    data_url: &str,
    route: &Route,
    chunks: &str,
    lang: &PageLang,
) -> Result<String, String> {
    let shell = localise_shell(shell, lang)?;
    let shell = shell.as_str();
    let body = shell.find("<body>").ok_or("no <body> in the page")? + "<body>".len();
    let head = shell.find("</head>").ok_or("no </head> in the page")?;
    let end = shell.rfind("</body>").ok_or("no </body> in the page")?;
    if end < body {
        return Err("</body> before <body>".into());
    }
    // Nothing may come between <body> and the app: hydration walks the body's children from the first.
    let rest = shell[body..end].trim_start();
    let lang_meta = match lang.lang {
        Lang::En => String::new(),
        other => format!(
            "<meta name=\"{PRERENDERED_LANG_META}\" content=\"{}\">\n",
            other.code()
        ),
    };
    Ok(format!(
        "{}<meta name=\"{PRERENDERED_META}\" content=\"{}\">\n{lang_meta}<meta name=\"{DATA_META}\" content=\"{}\">\n{chunks}{}{}{}{}",
        &shell[..head],
        attr(&route.to_path()),
        attr(data_url),
        &shell[head..body],
        app,
        rest,
        &shell[end..]
    ))
}

/// The shell with `<html lang>` and `<title>` in the page's language.
fn localise_shell(shell: &str, lang: &PageLang) -> Result<String, String> {
    const HTML: &str = "<html lang=\"en\">";
    if !shell.contains(HTML) {
        return Err(format!("no `{HTML}` in the page"));
    }
    let title_at = shell.find("<title>").ok_or("no <title> in the page")? + "<title>".len();
    let title_end = title_at
        + shell[title_at..]
            .find("</title>")
            .ok_or("no </title> in the page")?;
    let shell = format!(
        "{}{}{}",
        &shell[..title_at],
        attr(lang.title).replace('>', "&gt;"),
        &shell[title_end..]
    );
    Ok(shell.replacen(HTML, &format!("<html lang=\"{}\">", lang.lang.code()), 1))
}

fn run(dist: &Path) -> Result<usize, String> {
    let read =
        |p: PathBuf| std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()));
    // The app's own decoders, so a page is rendered from exactly what the app will read.
    let index: ArticleIndex =
        explainer_core::load::decode_index(&read(dist.join("content/index.json"))?)
            .map_err(|e| e.to_string())?;
    let files = chunk_files(dist)?;
    let mut n = 0;
    for summary in &index.articles {
        let json = read(dist.join(format!("content/{}.json", summary.slug)))?;
        let article: Article = explainer_core::load::decode_article(&json)
            .map_err(|e| format!("content/{}.json: {e}", summary.slug))?;
        let loaded = LoadedArticle::new(article);
        for route in routes(&loaded) {
            let dir = dist.join(route.to_path());
            let shell = read(dir.join("index.html"))?;
            let base = base_of(&shell);
            let data_url = format!("{base}content/{}.json", summary.slug);
            let chunks = chunks_meta(&route, &base, &files)?;
            for lang in Lang::ALL {
                let app = render(&base, route.clone(), loaded.clone(), lang);
                let title = page_title(&route, Some(&loaded.article), lang);
                let lang = PageLang {
                    lang,
                    title: &title,
                };
                let html = page(&shell, &app, &data_url, &route, &chunks, &lang)?;
                let file = dir.join(page_file(lang.lang));
                std::fs::write(&file, html).map_err(|e| format!("{}: {e}", file.display()))?;
                n += 1;
            }
        }
    }
    Ok(n)
}

/// Set by any panic, also one on a thread a dependency starts, which would not stop the process (the
/// executor spawns none, but the hook must not pass over pages that may be incomplete).
static PANICKED: AtomicBool = AtomicBool::new(false);

fn main() -> ExitCode {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICKED.store(true, Ordering::SeqCst);
        report(info);
    }));
    init_executor();
    let dist = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("TRUNK_STAGING_DIR").ok());
    let Some(dist) = dist else {
        eprintln!("prerender: no dist directory given and TRUNK_STAGING_DIR is not set");
        return ExitCode::from(2);
    };
    match run(Path::new(&dist)) {
        Ok(_) if PANICKED.load(Ordering::SeqCst) => {
            eprintln!("prerender: a render panicked (see above); the pages may be incomplete");
            ExitCode::FAILURE
        }
        Ok(n) => {
            eprintln!("prerender: {n} pages rendered into {dist}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("prerender: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use explainer_core::i18n::Label;
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    /// Pending for ever, like an effect's update loop on the server; records whether it was ever polled.
    struct Probe(Arc<AtomicBool>);

    impl Future for Probe {
        type Output = ();
        fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
            self.0.store(true, Ordering::SeqCst);
            Poll::Pending
        }
    }

    #[test]
    fn what_a_page_spawns_never_runs_and_is_gone_once_the_page_is_rendered() {
        init_executor();
        let polled = Arc::new(AtomicBool::new(false));
        let html = render_page(|| {
            any_spawner::Executor::spawn(Probe(polled.clone()));
            any_spawner::Executor::spawn_local(Probe(polled.clone()));
            any_spawner::Executor::poll_local();
            "<p>page</p>".into()
        });
        assert_eq!(html, "<p>page</p>");
        assert_eq!(
            Arc::strong_count(&polled),
            1,
            "a spawned future outlived its page"
        );
        assert!(
            !polled.load(Ordering::SeqCst),
            "a spawned future was polled"
        );
    }

    /// The seed article, compiled from `content/`, with the prerender's executor set up.
    fn seed_article() -> LoadedArticle {
        init_executor();
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let compiled = explainer_compiler::compile_dir(&content).expect("the content compiles");
        LoadedArticle::new(compiled.articles.into_iter().next().expect("an article"))
    }

    #[test]
    fn every_page_of_the_seed_article_renders_the_same_each_time() {
        let loaded = seed_article();
        let routes = routes(&loaded);
        assert_eq!(
            routes.len(),
            View::ALL.len() + loaded.article.glossary.len()
        );
        for route in routes {
            for lang in Lang::ALL {
                let first = render("/", route.clone(), loaded.clone(), lang);
                let again = render("/", route.clone(), loaded.clone(), lang);
                assert!(first.len() > 1000, "{route:?}: {} bytes", first.len());
                assert_eq!(
                    first, again,
                    "{route:?} in {lang:?} rendered differently the second time"
                );
            }
        }
    }

    #[test]
    fn a_route_has_a_hindi_page_in_hindi_from_its_html_element_to_its_tabs() {
        let loaded = seed_article();
        let route = Route::view(&loaded.article.slug, View::Glossary);
        let shell = "<!doctype html>\n<html lang=\"en\">\n<head><title>Glossary — x</title></head>\n<body>\n</body></html>";
        let pages: Vec<String> = Lang::ALL
            .into_iter()
            .map(|lang| {
                let app = render("/", route.clone(), loaded.clone(), lang);
                let title = page_title(&route, Some(&loaded.article), lang);
                page(
                    shell,
                    &app,
                    "/d.json",
                    &route,
                    "",
                    &PageLang {
                        lang,
                        title: &title,
                    },
                )
                .expect("a page")
            })
            .collect();
        let (en, hi) = (&pages[0], &pages[1]);
        let hi_ui = Lang::Hi.ui();
        assert!(hi.contains("<html lang=\"hi\">"), "{hi:.200}");
        assert!(hi.contains(&format!("<title>{} — ", View::Glossary.label_in(Lang::Hi))));
        assert!(hi.contains(&format!(
            "<meta name=\"{PRERENDERED_LANG_META}\" content=\"hi\">"
        )));
        assert!(hi.contains(hi_ui.brand), "the masthead is in Hindi");
        assert!(
            hi.contains(View::Glossary.label_in(Lang::Hi)),
            "the tabs are in Hindi"
        );
        assert!(en.contains("<html lang=\"en\">"));
        assert!(en.contains("<title>Glossary — "));
        assert!(!en.contains(PRERENDERED_LANG_META));
        assert!(!en.contains(hi_ui.brand));
        assert_eq!(page_file(Lang::Hi), "index.hi.html");
        assert_eq!(page_file(Lang::En), "index.html");
    }
}
