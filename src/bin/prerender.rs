//! Prerenders every article route to static HTML with the same Leptos components the browser runs (Trunk's
//! post-build hook, after `explainer-content shells` has written a page per route). Each page gets the rendered
//! app right after `<body>` (the wasm hydrates it), a meta naming its route, and a meta naming its article data,
//! which the page's loader fetches alongside the wasm once the text has painted (so the data does not delay the
//! first paint, and no request waits for another).
//!
//! Usage: `prerender [DIST]` (default: `$TRUNK_STAGING_DIR`).

use explainer::app::{App, PRERENDERED_META};
use explainer::chunks::Chunk;
use explainer::state::LoadedArticle;
use explainer_core::model::{Article, ArticleIndex};
use explainer_core::route::{Route, View};
use explainer_core::{CHUNKS_META, DATA_META};
use leptos::prelude::*;
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

fn render(base: &str, route: Route, loaded: LoadedArticle) -> String {
    let owner = Owner::new_root(Some(Arc::new(hydration_context::SsrSharedContext::new())));
    let html = owner.with(|| {
        let base = base.to_string();
        view! { <App base=base route=route fragment=None initial=loaded hydrating=true /> }
            .to_html()
    });
    owner.unset();
    html
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

/// Splices the rendered app and the metas naming its route, its data and its view's chunk files (`chunks`)
/// into a route page.
fn page(
    shell: &str,
    app: &str,
    data_url: &str,
    route: &Route,
    chunks: &str,
) -> Result<String, String> {
    let body = shell.find("<body>").ok_or("no <body> in the page")? + "<body>".len();
    let head = shell.find("</head>").ok_or("no </head> in the page")?;
    let end = shell.rfind("</body>").ok_or("no </body> in the page")?;
    if end < body {
        return Err("</body> before <body>".into());
    }
    // Nothing may come between <body> and the app: hydration walks the body's children from the first.
    let rest = shell[body..end].trim_start();
    Ok(format!(
        "{}<meta name=\"{PRERENDERED_META}\" content=\"{}\">\n<meta name=\"{DATA_META}\" content=\"{}\">\n{chunks}{}{}{}{}",
        &shell[..head],
        attr(&route.to_path()),
        attr(data_url),
        &shell[head..body],
        app,
        rest,
        &shell[end..]
    ))
}

fn run(dist: &Path) -> Result<usize, String> {
    let read =
        |p: PathBuf| std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()));
    let index: ArticleIndex =
        serde_json::from_str(&read(dist.join("content/index.json"))?).map_err(|e| e.to_string())?;
    let files = chunk_files(dist)?;
    let mut n = 0;
    for summary in &index.articles {
        let json = read(dist.join(format!("content/{}.json", summary.slug)))?;
        let article: Article = serde_json::from_str(&json).map_err(|e| e.to_string())?;
        let loaded = LoadedArticle::new(article);
        let mut routes: Vec<Route> = View::ALL
            .into_iter()
            .map(|v| Route::view(&loaded.article.slug, v))
            .collect();
        routes.extend(
            loaded
                .article
                .glossary
                .iter()
                .map(|e| Route::term(&loaded.article.slug, &e.id)),
        );
        for route in routes {
            let file = dist.join(route.to_path()).join("index.html");
            let shell = read(file.clone())?;
            let base = base_of(&shell);
            let data_url = format!("{base}content/{}.json", summary.slug);
            let app = render(&base, route.clone(), loaded.clone());
            let chunks = chunks_meta(&route, &base, &files)?;
            let html = page(&shell, &app, &data_url, &route, &chunks)?;
            std::fs::write(&file, html).map_err(|e| format!("{}: {e}", file.display()))?;
            n += 1;
        }
    }
    Ok(n)
}

/// Set by any panic, also one in an effect on the executor's threads, which would not stop the process.
static PANICKED: AtomicBool = AtomicBool::new(false);

fn main() -> ExitCode {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICKED.store(true, Ordering::SeqCst);
        report(info);
    }));
    any_spawner::Executor::init_futures_executor().ok();
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
