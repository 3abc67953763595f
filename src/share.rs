//! "Share / Embed": a modal dialog with the link to the current view and a copyable iframe snippet (plus the
//! host-page script with its SRI hash) for education sites.

use crate::browser;
use crate::state::{ui, Nav};
use leptos::html;
use leptos::prelude::*;

fn copy(id: &str, status: RwSignal<String>) {
    let Some(el) = browser::document().and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    let text = el.text_content().unwrap_or_default();
    let value =
        wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlTextAreaElement>(&el).map(|t| t.value());
    let text = value.unwrap_or(text);
    let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
    match clipboard {
        Some(c) => {
            let promise = c.write_text(&text);
            leptos::task::spawn_local(async move {
                let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                status.set(if ok { ui().copied } else { ui().select_copy }.into());
            });
        }
        None => status.set(ui().select_copy.into()),
    }
}

/// The button that opens the share dialog, and the dialog.
#[component]
pub fn ShareButton() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let dialog = NodeRef::<html::Dialog>::new();
    let link = RwSignal::new(String::new());
    let sandboxed = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let sri = move || {
        browser::document()
            .and_then(|d| {
                d.query_selector("meta[name=explainer-embed-sri]")
                    .ok()
                    .flatten()
            })
            .and_then(|m| m.get_attribute("content"))
    };
    let open = move |_| {
        let here = nav.route.with_untracked(|r| nav.href_unembedded(r, None));
        link.set(browser::absolute(&here));
        status.set(String::new());
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let snippet = move || {
        let url = link.get();
        let src = format!("{url}{}embed=1", if url.contains('?') { "&" } else { "?" });
        let sandbox = if sandboxed.get() {
            " sandbox=\"allow-scripts allow-popups\""
        } else {
            ""
        };
        let script_src = browser::absolute(&format!("{}embed.js", nav.base()));
        let integrity = sri()
            .map(|s| format!(" integrity=\"{s}\""))
            .unwrap_or_default();
        format!(
            "<iframe data-explainer src=\"{src}\" title=\"News explainer\" width=\"100%\" height=\"600\" loading=\"lazy\" style=\"border:0\"{sandbox}></iframe>\n<script src=\"{script_src}\"{integrity} crossorigin=\"anonymous\" defer></script>"
        )
    };
    view! {
        <button type="button" class="button share-open" aria-haspopup="dialog" on:click=open>{ui().share_embed}</button>
        <dialog node_ref=dialog class="share-dialog" aria-labelledby="share-title">
            <h2 id="share-title">{ui().share_title}</h2>
            <label for="share-link">{ui().link}</label>
            <div class="copy-row">
                <input id="share-link" type="url" readonly prop:value=move || link.get() />
                <button type="button" class="chip" on:click=move |_| copy("share-link", status)>{ui().copy_link}</button>
            </div>
            <label for="share-embed">{ui().embed_code}</label>
            <textarea id="share-embed" rows="5" readonly prop:value=snippet></textarea>
            <div class="copy-row">
                <label class="check">
                    <input type="checkbox" prop:checked=move || sandboxed.get() on:change=move |_| sandboxed.update(|s| *s = !*s) />
                    " " {ui().sandboxed_option}
                </label>
                <button type="button" class="chip" on:click=move |_| copy("share-embed", status)>{ui().copy_embed}</button>
            </div>
            <p class="hint">{ui().script_optional}</p>
            <p role="status" class="copy-status">{move || status.get()}</p>
            <form method="dialog">
                <button type="submit" class="button">{ui().close}</button>
            </form>
        </dialog>
    }
}
