//! The page's critical path, rewritten after Trunk. On a slow link every request before the first paint costs
//! a round trip, and every byte that arrives before it delays it:
//! - the stylesheet and the parser-blocking scripts (the theme script) are inlined into the page;
//! - Trunk's loader is replaced by one that starts the wasm, and the fetch of the article data a prerendered
//!   page names, and the chunk files of a view in a chunk (`CHUNKS_META`, preloaded), only once the page has
//!   painted;
//! - the `modulepreload`s of the JS glue and of the split loader it imports (fetched before the first paint
//!   otherwise) become import-map entries that keep their SRI hashes for the later imports.
//!
//! The Content-Security-Policy then allows exactly these inline blocks by their hashes.

use std::path::Path;

use explainer_core::{CHUNKS_META, DATA_META};

/// Start and end (exclusive) of the first tag at or after `from` that starts with `open` and contains `needle`.
fn find_tag(html: &str, from: usize, open: &str, needle: &str) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some(i) = html[at..].find(open) {
        let start = at + i;
        let end = start + html[start..].find('>')? + 1;
        if html[start..end].contains(needle) {
            return Some((start, end));
        }
        at = end;
    }
    None
}

/// The value of `name="…"` in a tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    tag[i..].find('"').map(|j| &tag[i..i + j])
}

/// A local asset named by a page URL (`/x.css` under base `/`, or `/app/x.css` under `/app/`).
fn read_asset(dist: &Path, base: &str, url: &str) -> Result<String, String> {
    let rel = url
        .strip_prefix(base)
        .unwrap_or(url)
        .trim_start_matches('/');
    if rel.is_empty() || rel.contains("..") || rel.contains("://") {
        return Err(format!("not a local asset: {url}"));
    }
    std::fs::read_to_string(dist.join(rel))
        .map_err(|e| format!("{}: {e}", dist.join(rel).display()))
}

/// The loader that replaces Trunk's. It waits for the first paint (or 300 ms: a hidden page does not paint),
/// then starts its requests at once: the data named by the `explainer-data` meta (the app awaits
/// `window.explainerData`; on a failure it starts without it and loads it again itself; 15 s is the app's own
/// limit for an answer), the wasm (checked against `wasm_integrity`,
/// the hash Trunk gave its preload), the other module scripts of the head (`modules`) and the JS glue; and it
/// adds the head's manifest `links` (the browser fetches those before the paint otherwise).
fn loader(
    js: &str,
    wasm: &str,
    wasm_integrity: Option<&str>,
    modules: &[String],
    links: &[(String, String)],
) -> String {
    let links: String = links
        .iter()
        .map(|(rel, href)| format!("\n  document.head.append(Object.assign(document.createElement('link'), {{ rel: '{rel}', href: '{href}' }}));"))
        .collect();
    let imports: String = modules
        .iter()
        .map(|m| format!("\n  import('{m}');"))
        .collect();
    let init = wasm_integrity.map_or(String::new(), |i| format!(", {{ integrity: '{i}' }}"));
    format!(
        r#"<script type="module">
const go = () => {{
  const data = document.querySelector('meta[name="{DATA_META}"]');
  if (data) window.explainerData = fetch(data.content, {{ cache: 'no-cache', signal: AbortSignal.timeout?.(15000) }}).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${{r.status}} ${{r.url}}`))));
  const module_or_path = fetch('{wasm}'{init}).then((r) => (r.ok ? r.arrayBuffer() : r));
  const chunks = document.querySelector('meta[name="{CHUNKS_META}"]')?.content.split(' ') ?? [];
  for (let i = 0; i + 1 < chunks.length; i += 2) document.head.append(Object.assign(document.createElement('link'), {{ rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href: chunks[i], integrity: chunks[i + 1] }}));{imports}{links}
  import('{js}').then(async (bindings) => {{
    const wasm = await bindings.default({{ module_or_path }});
    window.wasmBindings = bindings;
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', {{ detail: {{ wasm }} }}));
  }});
}};
// Until the app is live, its prerendered buttons do nothing: remember the last one pressed, for the app to press
// once it is live. Nothing else may act on it meanwhile: the app hydrates in pieces, and a piece already live
// would act on the press and then again on the replay (a card opened and closed).
addEventListener('click', (e) => {{
  const b = document.documentElement.dataset.explainerLive === 'true' ? null : e.target.closest?.('button[id]');
  if (b) {{ window.explainerEarlyClick = b.id; e.stopPropagation(); e.preventDefault(); }}
}}, true);
let started = false;
const once = () => {{ if (!started) {{ started = true; go(); }} }};
setTimeout(once, 300);
// The first paint of content, not the first paint: on a busy machine a blank first paint came 57 ms earlier.
const contentful = (list) => list.getEntriesByType('paint').some((e) => e.name === 'first-contentful-paint');
if (contentful(performance)) once();
else try {{ new PerformanceObserver((list) => {{ if (contentful(list)) once(); }}).observe({{ type: 'paint' }}); }} catch {{ /* no paint timing: the timeout starts it */ }}
</script>"#
    )
}

/// Rewrites the head of Trunk's `index.html` (see the module doc). Fails on anything it cannot place: a
/// missing asset, or a loader it does not recognise (a Trunk upgrade must not silently keep the old path).
pub fn rewrite(dist: &Path, base: &str, html: &str) -> Result<String, String> {
    let head_end = html.find("</head>").ok_or("no </head> in index.html")?;
    let (head, rest) = html.split_at(head_end);
    let mut head = head.to_string();

    // Stylesheets.
    while let Some((s, e)) = find_tag(&head, 0, "<link", "rel=\"stylesheet\"") {
        let href = attr(&head[s..e], "href").ok_or("a stylesheet link without href")?;
        let css = read_asset(dist, base, href)?;
        if css.contains("</style") {
            return Err(format!("{href}: contains </style"));
        }
        head.replace_range(s..e, &format!("<style>{}</style>", css.trim_end()));
    }
    // Parser-blocking scripts (external, neither a module nor deferred) are inlined; module scripts, which a
    // browser fetches at high priority while it parses, are imported by the loader after the paint instead
    // (their hashes go to the import map).
    let mut from = 0;
    let mut modules: Vec<String> = Vec::new();
    let mut pinned: Vec<(String, String)> = Vec::new();
    while let Some((s, e)) = find_tag(&head, from, "<script", " src=\"") {
        let tag = &head[s..e];
        let src = attr(tag, "src").ok_or("a script without src")?.to_string();
        let close =
            e + head[e..].find("</script>").ok_or("an unclosed script")? + "</script>".len();
        if tag.contains("type=\"module\"") {
            if let Some(i) = attr(tag, "integrity") {
                pinned.push((src.clone(), i.to_string()));
            }
            modules.push(src);
            head.replace_range(s..close, "");
            from = s;
            continue;
        }
        if tag.contains(" defer") || tag.contains(" async") {
            from = e;
            continue;
        }
        let js = read_asset(dist, base, &src)?;
        if js.contains("</script") {
            return Err(format!("{src}: contains </script"));
        }
        head.replace_range(s..close, &format!("<script>{}</script>", js.trim_end()));
        from = s;
    }
    // The wasm's preload: it would share the link with the text before anything is painted. Its hash goes to
    // the loader's fetch, where (unlike on a preload) the browser checks it.
    let mut wasm_integrity = None;
    while let Some((s, e)) = find_tag(&head, 0, "<link", "application/wasm") {
        wasm_integrity = attr(&head[s..e], "integrity").map(str::to_string);
        head.replace_range(s..e, "");
    }
    // An SVG icon goes into the page as a data URL: fetched, it would compete with the first paint, and
    // without an icon link the browser asks for /favicon.ico instead.
    let mut from = 0;
    while let Some((s, e)) = find_tag(&head, from, "<link", "rel=\"icon\"") {
        let href = attr(&head[s..e], "href").ok_or("an icon link without href")?;
        from = e;
        if href.ends_with(".svg") {
            let svg = read_asset(dist, base, href)?;
            let tag = format!(
                "<link rel=\"icon\" href=\"data:image/svg+xml;base64,{}\">",
                crate::site::base64(svg.as_bytes())
            );
            head.replace_range(s..e, &tag);
            from = s + tag.len();
        }
    }
    // The manifest: nothing the first paint needs, so the loader adds it after.
    let mut links = Vec::new();
    while let Some((s, e)) = find_tag(&head, 0, "<link", "rel=\"manifest\"") {
        let href = attr(&head[s..e], "href").ok_or("a link without href")?;
        if href.contains(['\'', '\\']) {
            return Err(format!("{href}: a quote in a link"));
        }
        links.push(("manifest".to_string(), href.to_string()));
        head.replace_range(s..e, "");
    }
    // Trunk's loader.
    let (s, e) = find_tag(&head, 0, "<script type=\"module\">", "")
        .ok_or("no inline module loader in index.html")?;
    let close = e + head[e..].find("</script>").ok_or("an unclosed loader")? + "</script>".len();
    let body = &head[e..close];
    let quoted = |after: &str| {
        body.split(after)
            .nth(1)
            .and_then(|s| s.split('\'').next())
            .map(str::to_string)
    };
    let js = quoted("from '").ok_or("the loader imports no glue")?;
    let wasm = quoted("module_or_path: '").ok_or("the loader names no wasm")?;
    head.replace_range(
        s..close,
        &loader(&js, &wasm, wasm_integrity.as_deref(), &modules, &links),
    );
    // The modulepreloads (the glue, and the split loader the glue imports) → an import map with the hashes of
    // every module the page imports, placed before any module script.
    while let Some((s, e)) = find_tag(&head, 0, "<link", "rel=\"modulepreload\"") {
        let tag = &head[s..e];
        if let (Some(href), Some(i)) = (attr(tag, "href"), attr(tag, "integrity")) {
            pinned.push((href.to_string(), i.to_string()));
        }
        head.replace_range(s..e, "");
    }
    if !pinned.is_empty() {
        let entries: Vec<String> = pinned
            .iter()
            .map(|(u, i)| format!("\"{u}\":\"{i}\""))
            .collect();
        let map = format!(
            "<script type=\"importmap\">{{\"integrity\":{{{}}}}}</script>\n  ",
            entries.join(",")
        );
        let first_script = head.find("<script").unwrap_or(head.len());
        head.insert_str(first_script, &map);
    }
    Ok(head + rest)
}

/// Hashes (base64 SHA-256) of every `<style>` block in `html`, for `style-src`.
pub fn inline_style_hashes(html: &str) -> Vec<String> {
    use sha2::{Digest, Sha256};
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<style>") {
        let body = &rest[i + "<style>".len()..];
        let Some(end) = body.find("</style>") else {
            break;
        };
        out.push(crate::site::base64(&Sha256::digest(
            &body.as_bytes()[..end],
        )));
        rest = &body[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK: &str = r#"<!doctype html><html><head>
<meta charset="utf-8">
<link rel="manifest" href="/app/manifest.webmanifest">
<link rel="icon" href="/app/favicon-1.svg" integrity="sha384-f"/>
<script src="/app/theme-1.js" integrity="sha384-t"></script>
<link rel="stylesheet" href="/app/site-1.css" integrity="sha384-c"/>
<script type="module">
import init, * as bindings from '/app/explainer-1.js';
const wasm = await init({ module_or_path: '/app/explainer-1_bg.wasm' });
</script>
<script src="/app/pwa-1.js" type="module" integrity="sha384-p"></script>
<link rel="modulepreload" href="/app/explainer-1.js" crossorigin="anonymous" integrity="sha384-g">
<link rel="modulepreload" href="/app/__wasm_split-1.js" crossorigin="anonymous" integrity="sha384-l">
<link rel="preload" href="/app/explainer-1_bg.wasm" crossorigin="anonymous" integrity="sha384-w" as="fetch" type="application/wasm">
</head><body><script src="/app/later.js"></script></body></html>"#;

    // A directory per call: tests run on parallel threads, and a shared one let one test truncate the stylesheet
    // while another read it (an empty <style> in CI).
    fn dist() -> std::path::PathBuf {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("explainer-critical-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("theme-1.js"), "setTheme();\n").unwrap();
        std::fs::write(dir.join("site-1.css"), "body{margin:0}\n").unwrap();
        std::fs::write(dir.join("favicon-1.svg"), "<svg/>").unwrap();
        dir
    }

    #[test]
    fn inlines_what_blocks_the_first_paint_and_defers_the_wasm() {
        let out = rewrite(&dist(), "/app/", TRUNK).unwrap();
        assert!(out.contains("<style>body{margin:0}</style>"), "{out}");
        assert!(out.contains("<script>setTheme();</script>"), "{out}");
        assert!(
            !out.contains("site-1.css") && !out.contains("theme-1.js"),
            "{out}"
        );
        // The head's module script is imported after the paint; the body's script is left alone.
        assert!(!out.contains(r#"<script src="/app/pwa-1.js""#), "{out}");
        assert!(out.contains("import('/app/pwa-1.js');"), "{out}");
        assert!(out.contains(r#"<script src="/app/later.js"></script>"#));
        // The manifest is added by the loader; the icon is in the page.
        assert!(!out.contains("<link rel=\"manifest\""), "{out}");
        assert!(
            out.contains("rel: 'manifest', href: '/app/manifest.webmanifest'"),
            "{out}"
        );
        assert!(
            out.contains(r#"<link rel="icon" href="data:image/svg+xml;base64,PHN2Zy8+">"#),
            "{out}"
        );
        // The loader starts after the paint; the glue keeps its hash in an import map before every module.
        assert!(out.contains("import('/app/explainer-1.js')"), "{out}");
        assert!(
            out.contains("fetch('/app/explainer-1_bg.wasm', { integrity: 'sha384-w' })"),
            "{out}"
        );
        assert!(out.contains("observe({ type: 'paint' })"));
        assert!(
            !out.contains("modulepreload") && !out.contains("import init"),
            "{out}"
        );
        assert!(!out.contains("rel=\"preload\""), "{out}");
        let map = out.find(
            r#"<script type="importmap">{"integrity":{"/app/pwa-1.js":"sha384-p","/app/explainer-1.js":"sha384-g","/app/__wasm_split-1.js":"sha384-l"}}</script>"#,
        );
        assert!(
            map.is_some_and(|m| m < out.find("<script type=\"module\">").unwrap()),
            "{out}"
        );
    }

    #[test]
    fn refuses_what_it_cannot_place() {
        let dir = dist();
        let missing = TRUNK.replace("site-1.css", "gone.css");
        assert!(rewrite(&dir, "/app/", &missing)
            .unwrap_err()
            .contains("gone.css"));
        let no_wasm = TRUNK.replace("module_or_path", "path");
        assert!(rewrite(&dir, "/app/", &no_wasm)
            .unwrap_err()
            .contains("names no wasm"));
        let no_loader = TRUNK.replace("<script type=\"module\">", "<script>");
        assert!(rewrite(&dir, "/app/", &no_loader)
            .unwrap_err()
            .contains("no inline module loader"));
        let escape = TRUNK.replace("/app/site-1.css", "/app/../../etc/passwd");
        assert!(rewrite(&dir, "/app/", &escape).is_err());
    }

    #[test]
    fn hashes_style_blocks() {
        // sha256("body{margin:0}")
        let h = inline_style_hashes("<style>body{margin:0}</style><p>");
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].len(), 44);
    }
}
