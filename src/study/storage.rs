//! Where study progress lives: localStorage, when the browser lets us use it. Private modes, sandboxed embeds
//! and full quotas all end up as "not saved", never as an error the reader cannot get past.

use explainer_core::study::{LoadNotice, StudyState};
use wasm_bindgen::JsCast;

fn key(slug: &str) -> String {
    format!("explainer:study:{slug}")
}

fn storage() -> Option<web_sys::Storage> {
    // Accessing localStorage throws in an opaque-origin frame; web-sys turns that into Err.
    crate::browser::window()?.local_storage().ok().flatten()
}

/// Loads the progress of an article: the state, a notice if the stored data had to be migrated or reset,
/// and whether storage is usable at all.
pub fn load(slug: &str) -> (StudyState, Option<LoadNotice>, bool) {
    match storage() {
        Some(s) => {
            let raw = s.get_item(&key(slug)).ok().flatten();
            let (state, notice) = StudyState::load(raw.as_deref(), slug);
            (state, notice, true)
        }
        None => (StudyState::new(slug), None, false),
    }
}

/// Saves; false when storage is missing or full. Progress loaded over data from a newer version of the app
/// is not written (that data is kept; the load notice says so), which is not a storage failure.
pub fn save(state: &StudyState) -> bool {
    let Some(json) = state.json_to_save() else {
        return true;
    };
    storage().is_some_and(|s| s.set_item(&key(&state.article), &json).is_ok())
}

/// Offers the progress as a JSON file download.
pub fn export(state: &StudyState) -> bool {
    let Some(doc) = crate::browser::document() else {
        return false;
    };
    let parts = js_sys::Array::of1(&state.to_json().into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let ok = doc
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|a| {
            a.set_href(&url);
            a.set_download(&format!("explainer-progress-{}.json", state.article));
            a.click();
        })
        .is_some();
    let _ = web_sys::Url::revoke_object_url(&url);
    ok
}

/// Reads a chosen file as text.
pub async fn read_file(file: web_sys::File) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()?
        .as_string()
}

/// Today's local calendar day as a day number (the scheduler's unit).
pub fn today() -> i64 {
    if !cfg!(target_arch = "wasm32") {
        return 0;
    }
    let d = js_sys::Date::new_0();
    explainer_core::timeline::day_number(
        d.get_full_year() as i32,
        d.get_month() as u8 + 1,
        d.get_date() as u8,
    )
}

pub fn notice_text(n: &LoadNotice) -> String {
    n.message()
}
