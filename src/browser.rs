//! The browser edge: location, history, fetch, focus and scrolling. Everything here fails soft (returns
//! `None`/`Err`), because a missing API must never take the page down.

use explainer_core::load::LoadError;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The window; natively (the prerender step) there is no browser, and every function here becomes a no-op
/// instead of calling into JavaScript.
pub(crate) fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

pub fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// The site's base path from `<meta name="explainer-base">`, always ending in `/`.
pub fn base_path() -> String {
    let base = document()
        .and_then(|d| d.query_selector("meta[name=explainer-base]").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_else(|| "/".into());
    if base.ends_with('/') {
        base
    } else {
        format!("{base}/")
    }
}

/// The current path, query string (with its `?`, or empty) and fragment (without `#`).
pub fn location() -> (String, String, Option<String>) {
    let Some(loc) = window().map(|w| w.location()) else {
        return ("/".into(), String::new(), None);
    };
    let path = loc.pathname().unwrap_or_else(|_| "/".into());
    let search = loc.search().unwrap_or_default();
    let hash = loc.hash().ok().and_then(|h| {
        let h = h.trim_start_matches('#');
        (!h.is_empty()).then(|| h.to_string())
    });
    (path, search, hash)
}

pub fn push_url(url: &str) {
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
}

/// Changes the URL without a new history entry (a selection change is not a page change).
pub fn replace_url(url: &str) {
    if let Some(h) = window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
}

pub fn set_title(title: &str) {
    if let Some(d) = document() {
        d.set_title(title);
    }
}

pub fn element(id: &str) -> Option<web_sys::HtmlElement> {
    document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// Any element by id, SVG included (an `<svg>` is not an `HtmlElement`, so `element` misses it).
pub fn any_element(id: &str) -> Option<web_sys::Element> {
    document()?.get_element_by_id(id)
}

/// Focuses an HTML or SVG element by id; whether it worked.
pub fn focus_id(id: &str) -> bool {
    let Some(el) = document().and_then(|d| d.get_element_by_id(id)) else {
        return false;
    };
    match el.dyn_into::<web_sys::HtmlElement>() {
        Ok(h) => h.focus().is_ok(),
        Err(el) => el
            .dyn_into::<web_sys::SvgElement>()
            .is_ok_and(|s| s.focus().is_ok()),
    }
}

/// Adds or removes a class on the parent of the element with this id, if there is one.
pub fn set_class_on_parent(id: &str, class: &str, on: bool) {
    if let Some(parent) = element(id).and_then(|e| e.parent_element()) {
        let _ = parent.class_list().toggle_with_force(class, on);
    }
}

/// Toggles `class` on each sibling of the element `id` (itself included) by whether it lies within a viewport's
/// height of that element, measured as laid out now.
pub fn mark_siblings_near(id: &str, class: &str) {
    let Some(el) = element(id) else { return };
    let Some(parent) = el.parent_element() else {
        return;
    };
    let (_, vh) = viewport();
    let at = el.get_bounding_client_rect();
    let (from, to) = (at.top() - vh, at.bottom() + vh);
    let children = parent.children();
    for i in 0..children.length() {
        if let Some(c) = children.item(i) {
            let r = c.get_bounding_client_rect();
            let _ = c
                .class_list()
                .toggle_with_force(class, r.bottom() > from && r.top() < to);
        }
    }
}

/// Removes `id` from the element under `root` that has it, if any (ids are slugs: no quoting needed).
pub fn remove_id_in(root: &web_sys::Element, id: &str) {
    // By selector, not getElementById: the document's first element with the id is the one that keeps it.
    if let Ok(Some(el)) = root.query_selector(&format!("[id=\"{id}\"]")) {
        let _ = el.remove_attribute("id");
    }
}

/// How [`reveal`] moves the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scroll {
    /// At once: the page has just been opened or rebuilt, and the reader has not seen where it was. A glide of
    /// thousands of pixels took over a second, and a tap made meanwhile landed wherever the page had got to.
    Jump,
    /// As the style sheet says (smoothly, unless the reader asks for reduced motion): a move within a page the
    /// reader is looking at.
    Glide,
}

impl Scroll {
    /// For a view's reveal effect: a jump on its first run (the view was just built), a glide after.
    pub fn on_run(first: bool) -> Self {
        if first {
            Scroll::Jump
        } else {
            Scroll::Glide
        }
    }
}

/// Scrolls an element to the middle of the viewport and focuses it without a second jump.
pub fn reveal(id: &str, how: Scroll) -> bool {
    let Some(el) = element(id) else { return false };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    if how == Scroll::Jump {
        opts.set_behavior(web_sys::ScrollBehavior::Instant);
    }
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    // Scrolling is done (possibly smoothly); focusing must not jump there a second time.
    let opts = web_sys::FocusOptions::new();
    opts.set_prevent_scroll(true);
    let _ = el.focus_with_options(&opts);
    true
}

pub fn scroll_to_top() {
    if let Some(w) = window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The viewport size without scrollbars.
pub fn viewport() -> (f64, f64) {
    document()
        .and_then(|d| d.document_element())
        .map(|e| (f64::from(e.client_width()), f64::from(e.client_height())))
        .unwrap_or((360.0, 640.0))
}

/// Whether `target` is inside the element with id `id`.
pub fn event_inside(ev: &web_sys::Event, id: &str) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(&format!("#{id}")).ok().flatten())
        .is_some()
}

pub fn active_inside(id: &str) -> bool {
    let Some(d) = document() else { return false };
    match (d.active_element(), d.get_element_by_id(id)) {
        (Some(a), Some(c)) => c.contains(Some(&a)),
        _ => false,
    }
}

/// How long a request may wait for the server's answer, then for the whole body, before it is given up and
/// the reader gets the error with its Retry button instead of "Loading…" for ever on a stalled connection.
/// Generous for a slow 2G link (the seed article is ~60 KB compressed).
const ANSWER_TIMEOUT_MS: i32 = 15_000;
const BODY_TIMEOUT_MS: i32 = 60_000;

/// Aborts `controller` after `ms` unless dropped first (dropping clears the timer).
struct Deadline {
    window: web_sys::Window,
    handle: i32,
    _abort: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Deadline {
    fn new(
        window: &web_sys::Window,
        controller: &web_sys::AbortController,
        ms: i32,
    ) -> Option<Self> {
        let controller = controller.clone();
        let abort = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || controller.abort());
        let handle = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                abort.as_ref().unchecked_ref(),
                ms,
            )
            .ok()?;
        Some(Deadline {
            window: window.clone(),
            handle,
            _abort: abort,
        })
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        self.window.clear_timeout_with_handle(self.handle);
    }
}

/// GETs a URL as text; network failures, HTTP errors and timeouts become `LoadError`s. It always revalidates
/// with the server (a cheap 304 when unchanged); a `retry` skips the HTTP cache altogether, so a broken copy
/// that was cached cannot come back when the reader asks to try again.
pub async fn fetch_text(url: &str, retry: bool) -> Result<String, LoadError> {
    let w = window().ok_or_else(|| LoadError::Network("no window".into()))?;
    let init = web_sys::RequestInit::new();
    init.set_cache(if retry {
        web_sys::RequestCache::Reload
    } else {
        web_sys::RequestCache::NoCache
    });
    let controller = web_sys::AbortController::new().ok();
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
    }
    let timed_out = |what: &str, ms: i32| {
        controller
            .as_ref()
            .is_some_and(|c| c.signal().aborted())
            .then(|| LoadError::Network(format!("{what} in {} s", ms / 1000)))
    };
    let deadline = controller
        .as_ref()
        .and_then(|c| Deadline::new(&w, c, ANSWER_TIMEOUT_MS));
    let resp = JsFuture::from(w.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| {
            timed_out("no answer from the server", ANSWER_TIMEOUT_MS)
                .unwrap_or_else(|| LoadError::Network("request failed".into()))
        })?;
    drop(deadline);
    let resp: web_sys::Response = resp
        .dyn_into()
        .map_err(|_| LoadError::Network("no response".into()))?;
    if !resp.ok() {
        return Err(LoadError::Http(resp.status()));
    }
    let deadline = controller
        .as_ref()
        .and_then(|c| Deadline::new(&w, c, BODY_TIMEOUT_MS));
    let text = resp
        .text()
        .map_err(|_| LoadError::Network("body unreadable".into()))?;
    let text = JsFuture::from(text).await.map_err(|_| {
        timed_out("the download did not finish", BODY_TIMEOUT_MS)
            .unwrap_or_else(|| LoadError::Network("connection lost while loading".into()))
    })?;
    drop(deadline);
    text.as_string()
        .ok_or_else(|| LoadError::Corrupt("not text".into()))
}

/// Fires a plain event on `window` (how the app talks to public/pwa.js).
pub fn dispatch(name: &str) {
    if let (Some(w), Ok(ev)) = (window(), web_sys::Event::new(name)) {
        let _ = w.dispatch_event(&ev);
    }
}

/// The absolute URL of a site-relative path, for links and snippets that leave the page.
pub fn absolute(path: &str) -> String {
    let origin = window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}{path}")
}

/// A reading preference on `<html>` (`data-theme`, `data-text-size`), remembered when storage allows.
/// `default` removes the attribute and the stored value.
pub fn set_root_pref(attr: &str, key: &str, value: &str, default: &str) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        if value == default {
            let _ = root.remove_attribute(attr);
        } else {
            let _ = root.set_attribute(attr, value);
        }
    }
    if let Some(s) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = if value == default {
            s.remove_item(key)
        } else {
            s.set_item(key, value)
        };
    }
}

/// The current value of a reading preference on `<html>`.
pub fn root_pref(attr: &str) -> Option<String> {
    document()?.document_element()?.get_attribute(attr)
}

/// The language on `<html lang>` (public/theme.js sets the remembered one before the first paint).
pub fn root_lang() -> Option<String> {
    document()?.document_element()?.get_attribute("lang")
}

/// Sets `<html lang>` and remembers the choice when storage allows.
pub fn set_root_lang(code: &str) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", code);
    }
    if let Some(s) = window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item("explainer:lang", code);
    }
}

/// Opens the browser's print dialog (print or save as PDF).
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// What a reader did to the prerendered page before the app was live: values typed into inputs and chosen in
/// selects (element id, value) and the last button pressed (recorded by the page's loader).
#[derive(Default)]
pub struct EarlyInput {
    typed: Vec<(String, String)>,
    chosen: Vec<(String, String)>,
    click: Option<String>,
}

thread_local! {
    static EARLY: std::cell::RefCell<EarlyInput> = std::cell::RefCell::new(EarlyInput::default());
}

/// Keeps what [`early_input`] read until the app is live and takes it with [`take_early_input`].
pub fn keep_early_input(early: EarlyInput) {
    EARLY.with(|e| *e.borrow_mut() = early);
}

/// What [`keep_early_input`] kept (nothing the second time, or in an app started another way).
pub fn take_early_input() -> EarlyInput {
    EARLY.with(|e| std::mem::take(&mut *e.borrow_mut()))
}

/// Reads [`EarlyInput`] from the page; call it before hydrating (hydration may set the values back).
pub fn early_input() -> EarlyInput {
    let mut early = EarlyInput::default();
    let Some(doc) = document() else {
        return early;
    };
    if let Ok(list) = doc.query_selector_all("input[id], select[id]") {
        for i in 0..list.length() {
            let node = list.item(i);
            if let Some(input) = node
                .clone()
                .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                if input.value() != input.default_value() {
                    early.typed.push((input.id(), input.value()));
                }
            } else if let Some(select) =
                node.and_then(|n| n.dyn_into::<web_sys::HtmlSelectElement>().ok())
            {
                let chosen = select.selected_index();
                let default = (0..select.length())
                    .find(|&k| {
                        select
                            .item(k)
                            .and_then(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
                            .is_some_and(|o| o.default_selected())
                    })
                    .map_or(0, |k| k as i32);
                if chosen >= 0 && chosen != default {
                    early.chosen.push((select.id(), select.value()));
                }
            }
        }
    }
    early.click = window()
        .and_then(|w| js_sys::Reflect::get(&w, &"explainerEarlyClick".into()).ok())
        .and_then(|v| v.as_string());
    early
}

/// Gives the live app what the reader did before: choices first, then (once a new language has rebuilt the
/// views, which would drop a search typed into them) typed values, each set again and reported with its event;
/// then the button is pressed.
pub async fn replay(early: EarlyInput) {
    for (id, value) in &early.chosen {
        set_and_report(id, value, "change");
    }
    if !early.chosen.is_empty() {
        next_task().await;
    }
    for (id, value) in &early.typed {
        set_and_report(id, value, "input");
    }
    if let Some(id) = early.click {
        if let Some(w) = window() {
            let _ = js_sys::Reflect::delete_property(&w, &"explainerEarlyClick".into());
        }
        if let Some(b) = document()
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            b.click();
        }
    }
}

fn set_and_report(id: &str, value: &str, event: &str) {
    let Some(el) = document().and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(select) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.set_value(value);
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(ev) = web_sys::Event::new_with_event_init_dict(event, &init) {
        let _ = el.dispatch_event(&ev);
    }
}

/// Resolves in a new task of the event loop: work split by it is several short tasks, not one long one that
/// keeps a tap waiting (on a slow phone decoding and hydrating the article together took ~280 ms).
pub async fn next_task() {
    let Some(w) = window() else {
        return;
    };
    // `scheduler.yield()` where there is one (Chromium 129+): a timeout nested in timeouts waits at least 4 ms,
    // and start-up yields a few dozen times.
    if let Some(p) = scheduler_yield(&w) {
        let _ = JsFuture::from(p).await;
        return;
    }
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = JsFuture::from(promise).await;
}

/// Whether a service worker controls the page: what the page fetches then comes from its cache.
pub fn worker_controls_page() -> bool {
    let Some(w) = window() else {
        return false;
    };
    js_sys::Reflect::get(&w.navigator(), &"serviceWorker".into())
        .ok()
        .filter(|c| !c.is_undefined())
        .and_then(|c| js_sys::Reflect::get(&c, &"controller".into()).ok())
        .is_some_and(|c| !c.is_null() && !c.is_undefined())
}

/// Resolves once the browser is idle (`requestIdleCallback`, at the latest after `max_ms`), or soon where there
/// is no such call (Safari): background work that must not delay what the reader does.
pub async fn idle(max_ms: u32) {
    let Some(w) = window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let request = js_sys::Reflect::get(&w, &"requestIdleCallback".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        match request {
            Some(request) => {
                let options = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&options, &"timeout".into(), &max_ms.into());
                let _ = request.call2(&w, &resolve, &options);
            }
            None => {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50);
            }
        }
    });
    let _ = JsFuture::from(promise).await;
}

fn scheduler_yield(w: &web_sys::Window) -> Option<js_sys::Promise> {
    let scheduler = js_sys::Reflect::get(w, &"scheduler".into()).ok()?;
    if scheduler.is_undefined() {
        return None;
    }
    let yield_fn: js_sys::Function = js_sys::Reflect::get(&scheduler, &"yield".into())
        .ok()?
        .dyn_into()
        .ok()?;
    yield_fn.call0(&scheduler).ok()?.dyn_into().ok()
}

/// The article data a prerendered page names (`<meta name="explainer-data">`): the text the loader started
/// fetching before the wasm arrived (`window.explainerData`), or fetched here if the loader did not. `None`
/// when the page names no data. On an error the app starts without it, and loads it again itself, showing
/// its progress and any failure with a retry.
pub async fn carried_data() -> Option<Result<String, LoadError>> {
    let url = meta_content(explainer_core::DATA_META)?;
    let started = window()
        .and_then(|w| js_sys::Reflect::get(&w, &"explainerData".into()).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    Some(match started {
        Some(promise) => match JsFuture::from(promise).await {
            Ok(text) => text
                .as_string()
                .ok_or_else(|| LoadError::Corrupt("not text".into())),
            Err(_) => Err(LoadError::Network("the page's data did not load".into())),
        },
        None => fetch_text(&url, false).await,
    })
}

/// The `content` of `<meta name="…">`.
pub fn meta_content(name: &str) -> Option<String> {
    document()?
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()
        .flatten()?
        .get_attribute("content")
}

/// Removes everything from `<body>` (prerendered markup that will not be hydrated).
pub fn clear_body() {
    if let Some(body) = document().and_then(|d| d.body()) {
        while let Some(child) = body.first_child() {
            let _ = body.remove_child(&child);
        }
    }
}

/// Marks `<html data-explainer-live="true">` once the app has mounted or hydrated (for tests and styles that
/// need the live app, e.g. to tell a prerendered page from a running one).
pub fn mark_live() {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-explainer-live", "true");
    }
}

/// Whether public/pwa.js announced a waiting new version before the app started listening for it.
pub fn update_announced() -> bool {
    document()
        .and_then(|d| d.document_element())
        .and_then(|root| root.get_attribute("data-explainer-update"))
        .is_some_and(|v| v == "ready")
}
