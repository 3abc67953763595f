//! Embed mode's side of the host protocol (see `explainer_core::embed`): report the content height to the
//! parent page whenever it changes, and answer its validated requests.

use crate::browser;
use explainer_core::embed::{height_message, ParentMessage};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn post_height() {
    let Some(w) = web_sys::window() else { return };
    let Ok(parent) = w.parent() else { return };
    let Some(parent) = parent else { return };
    let Some(body) = browser::document().and_then(|d| d.body()) else {
        return;
    };
    let height = body.get_bounding_client_rect().height();
    if let Ok(msg) = js_sys::JSON::parse(&height_message(height)) {
        // The height is not secret, and a sandboxed host has an opaque origin: any target origin.
        let _ = parent.post_message(&msg, "*");
    }
}

/// Starts reporting; call once, in embed mode.
pub fn report_height_to_parent() {
    Effect::new(move |_| {
        let Some(body) = browser::document().and_then(|d| d.body()) else {
            return;
        };
        let cb = Closure::<dyn FnMut()>::new(post_height);
        if let Ok(observer) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
            observer.observe(&body);
            on_cleanup(move || observer.disconnect());
        }
        // Chrome stops rendering work (and so ResizeObserver) in cross-origin frames that are off screen;
        // DOM mutations are still observed there, and measuring forces the layout we need.
        if let Ok(observer) = web_sys::MutationObserver::new(cb.as_ref().unchecked_ref()) {
            let opts = web_sys::MutationObserverInit::new();
            opts.set_child_list(true);
            opts.set_subtree(true);
            opts.set_attributes(true);
            let _ = observer.observe_with_options(&body, &opts);
            on_cleanup(move || observer.disconnect());
        }
        cb.forget();
        post_height();
        let h = window_event_listener(ev::message, move |e: web_sys::MessageEvent| {
            let from_parent = match (
                web_sys::window().and_then(|w| w.parent().ok().flatten()),
                e.source(),
            ) {
                (Some(p), Some(s)) => js_sys::Object::is(&p, &s),
                _ => false,
            };
            if !from_parent {
                return;
            }
            let json = js_sys::JSON::stringify(&e.data())
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default();
            if let Some(ParentMessage::RequestHeight) = ParentMessage::parse(&json) {
                post_height();
            }
        });
        on_cleanup(move || h.remove());
    });
}
