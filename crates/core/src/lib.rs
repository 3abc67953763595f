//! The pure core shared by the content compiler and the app: the content model (one definition, serde both ways,
//! so the JSON cannot drift from what the app expects) and the logic over it that needs no browser: text folding,
//! glossary search, routes and popover placement. No leptos, no web-sys, no I/O.

pub mod decode;
pub mod embed;
pub mod graph;
pub mod i18n;
pub mod json;
pub mod load;
pub mod model;
pub mod placement;
pub mod quiz;
pub mod route;
pub mod search;
pub mod selection;
pub mod sheet;
pub mod srs;
pub mod study;
pub mod syllabus;
pub mod text;
pub mod timeline;

/// The `<meta name>` by which a prerendered page names the URL of its article data: the page's loader fetches
/// it alongside the wasm (`window.explainerData`), and the app reads it from there.
pub const DATA_META: &str = "explainer-data";

/// The `<meta name>` by which a prerendered page of a view in a chunk (`src/chunks.rs`) names that chunk's
/// files and their integrity (`url sha384-… url sha384-…`): the page's loader preloads them alongside the
/// main wasm, instead of the app asking for them only once the main wasm runs.
pub const CHUNKS_META: &str = "explainer-chunks";

pub use model::*;
pub use route::{Route, View};
pub use syllabus::{SyllabusPaper, SyllabusTag};
